/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event-page.h: one event: capture, people met, scorecard. */
#pragma once

#include <adwaita.h>

#include "rapport-store-page.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EVENT_PAGE (rapport_event_page_get_type ())
G_DECLARE_FINAL_TYPE (RapportEventPage, rapport_event_page, RAPPORT, EVENT_PAGE, RapportStorePage)

void rapport_event_page_set_event_id (RapportEventPage *self, gint64 event_id);
gint64 rapport_event_page_get_event_id (RapportEventPage *self);

G_END_DECLS
