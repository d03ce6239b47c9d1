/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-group-page.h: one group: what it cost, what it gave, a verdict. */
#pragma once

#include <adwaita.h>

#include "rapport-store-page.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_GROUP_PAGE (rapport_group_page_get_type ())
G_DECLARE_FINAL_TYPE (RapportGroupPage, rapport_group_page, RAPPORT, GROUP_PAGE, RapportStorePage)

void rapport_group_page_set_group_id (RapportGroupPage *self, gint64 group_id);
gint64 rapport_group_page_get_group_id (RapportGroupPage *self);

G_END_DECLS
