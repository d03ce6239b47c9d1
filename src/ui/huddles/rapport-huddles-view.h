/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddles-view.h: the huddles and the page of the one chosen. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HUDDLES_VIEW (rapport_huddles_view_get_type ())
G_DECLARE_FINAL_TYPE (RapportHuddlesView, rapport_huddles_view, RAPPORT, HUDDLES_VIEW, GtkWidget)

void rapport_huddles_view_set_store (RapportHuddlesView *self, RapportStore *store);
void rapport_huddles_view_show_huddle (RapportHuddlesView *self, gint64 huddle_id);
void rapport_huddles_view_add (RapportHuddlesView *self);
GtkWidget *rapport_huddles_view_get_huddle_page (RapportHuddlesView *self);

G_END_DECLS
