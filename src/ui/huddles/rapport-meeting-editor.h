/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-meeting-editor.h: the dialog that records a huddle meeting. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_MEETING_EDITOR (rapport_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (RapportMeetingEditor, rapport_meeting_editor, RAPPORT, MEETING_EDITOR, AdwWindow)

GtkWidget *rapport_meeting_editor_new (GtkWindow *parent, RapportStore *store, gint64 huddle_id, gint64 starts_at);

G_END_DECLS
