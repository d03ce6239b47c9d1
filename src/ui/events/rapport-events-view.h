/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-events-view.h: upcoming and past events, groups, and their pages. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EVENTS_VIEW (rapport_events_view_get_type ())
G_DECLARE_FINAL_TYPE (RapportEventsView, rapport_events_view, RAPPORT, EVENTS_VIEW, GtkWidget)

void rapport_events_view_set_store (RapportEventsView *self, RapportStore *store);
void rapport_events_view_add (RapportEventsView *self);
void rapport_events_view_focus_search (RapportEventsView *self);
void rapport_events_view_show_event (RapportEventsView *self, gint64 event_id);
void rapport_events_view_show_group (RapportEventsView *self, gint64 group_id);
GtkWidget *rapport_events_view_get_event_page (RapportEventsView *self);
GtkWidget *rapport_events_view_get_group_page (RapportEventsView *self);

G_END_DECLS
