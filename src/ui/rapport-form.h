/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-form.h: the rows and frame of Rapport's editor dialogs. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef const char *(*RapportLabelFunc) (int value);

AdwEntryRow *rapport_form_add_entry (AdwPreferencesGroup *group, const char *title, const char *text);
GtkSpinButton *rapport_form_add_spin (AdwPreferencesGroup *group,
                                      const char *title,
                                      double max,
                                      double step,
                                      int digits,
                                      double value);
AdwComboRow *rapport_form_add_enum_combo (AdwPreferencesGroup *group,
                                          const char *title,
                                          GType enum_type,
                                          RapportLabelFunc label,
                                          int selected);
void rapport_form_remove_rows (GPtrArray *rows);
GtkLabel *rapport_form_add_error_label (AdwPreferencesGroup *group);
void rapport_form_show_error (GtkLabel *error_label, const char *message);
int rapport_form_parse_time (const char *text);
GDateTime *rapport_form_read_moment (AdwEntryRow *day_row, AdwEntryRow *time_row, int *minutes, GError **error);
GtkWidget *rapport_form_set_content (AdwWindow *window,
                                     const char *title,
                                     const char *save_label,
                                     GCallback on_save,
                                     GtkWidget *page);

G_END_DECLS
