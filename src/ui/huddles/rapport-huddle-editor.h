/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle-editor.h: the dialog that forms or edits a huddle. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HUDDLE_EDITOR (rapport_huddle_editor_get_type ())
G_DECLARE_FINAL_TYPE (RapportHuddleEditor, rapport_huddle_editor, RAPPORT, HUDDLE_EDITOR, AdwWindow)

GtkWidget *rapport_huddle_editor_new (GtkWindow *parent, RapportStore *store, RapportHuddle *huddle);

G_END_DECLS
