/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-followups-view.h: who to follow up with — overdue, today, upcoming. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FOLLOWUPS_VIEW (rapport_followups_view_get_type ())
G_DECLARE_FINAL_TYPE (RapportFollowupsView, rapport_followups_view, RAPPORT, FOLLOWUPS_VIEW, GtkWidget)

GtkWidget *rapport_followups_view_new (void);
RapportStore *rapport_followups_view_get_store (RapportFollowupsView *self);
void rapport_followups_view_set_store (RapportFollowupsView *self,
                                       RapportStore *store);
guint rapport_followups_view_get_due_count (RapportFollowupsView *self);
void rapport_followups_view_reload (RapportFollowupsView *self);

G_END_DECLS
