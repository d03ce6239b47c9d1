/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle-page.h: one huddle: roster, meetings and referrals. */
#pragma once

#include "rapport-store-page.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HUDDLE_PAGE (rapport_huddle_page_get_type ())
G_DECLARE_FINAL_TYPE (RapportHuddlePage, rapport_huddle_page, RAPPORT, HUDDLE_PAGE, RapportStorePage)

void rapport_huddle_page_set_huddle_id (RapportHuddlePage *self, gint64 huddle_id);
gint64 rapport_huddle_page_get_huddle_id (RapportHuddlePage *self);

G_END_DECLS
