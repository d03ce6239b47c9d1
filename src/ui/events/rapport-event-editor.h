/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event-editor.h: the dialog that adds or edits an event. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EVENT_EDITOR (rapport_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (RapportEventEditor, rapport_event_editor, RAPPORT, EVENT_EDITOR, AdwWindow)

GtkWidget *rapport_event_editor_new (GtkWindow *parent, RapportStore *store, RapportEvent *event);

G_END_DECLS
