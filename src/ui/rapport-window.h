/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-window.h: the main window. */
#pragma once

#include <adwaita.h>

#include "rapport-application.h"
#include "rapport-import-assistant.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_WINDOW (rapport_window_get_type ())
G_DECLARE_FINAL_TYPE (RapportWindow, rapport_window, RAPPORT, WINDOW, AdwApplicationWindow)

RapportWindow *rapport_window_new (RapportApplication *app);
void rapport_window_show_followups (RapportWindow *self);
guint rapport_window_get_due_count (RapportWindow *self);
void rapport_window_show_contact (RapportWindow *self, gint64 contact_id);
void rapport_window_search_contacts (RapportWindow *self, const char *text);
void rapport_window_show_error (RapportWindow *self, const char *message);
RapportStore *rapport_window_get_store (RapportWindow *self);
RapportImportAssistant *rapport_window_import (RapportWindow *self, GFile *const *files, guint n_files);

G_END_DECLS
