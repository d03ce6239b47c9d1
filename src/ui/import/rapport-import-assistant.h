/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-import-assistant.h: the window that brings contact files in. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_IMPORT_ASSISTANT (rapport_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (RapportImportAssistant, rapport_import_assistant, RAPPORT, IMPORT_ASSISTANT, AdwWindow)

RapportImportAssistant *rapport_import_assistant_new (GtkWindow *parent, RapportStore *store);
void rapport_import_assistant_open_files (RapportImportAssistant *self, GFile *const *files, guint n_files);

G_END_DECLS
