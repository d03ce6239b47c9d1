/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-group-editor.h: the dialog that adds or edits a group. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_GROUP_EDITOR (rapport_group_editor_get_type ())
G_DECLARE_FINAL_TYPE (RapportGroupEditor, rapport_group_editor, RAPPORT, GROUP_EDITOR, AdwWindow)

GtkWidget *rapport_group_editor_new (GtkWindow *parent, RapportStore *store, RapportGroup *group);

G_END_DECLS
