/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-preferences-window.h: the Preferences window. */
#pragma once

#include <adwaita.h>

#include "rapport-application.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PREFERENCES_WINDOW (rapport_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, RAPPORT, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *rapport_preferences_window_new (RapportApplication *app);
void rapport_preferences_window_show_sync (RapportPreferencesWindow *self);
void rapport_preferences_window_show_profile (RapportPreferencesWindow *self);

G_END_DECLS
