/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-form.c: the rows and frame that the event and group editors
 * share: a header bar with Cancel and the save button, preference rows
 * for text, numbers and choices, and a line for the store's refusal. */
#define G_LOG_DOMAIN "rapport-form"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>

#include "rapport-error.h"
#include "rapport-form.h"

AdwEntryRow *
rapport_form_add_entry (AdwPreferencesGroup *group,
                        const char *title,
                        const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  /* Enter in any row saves, as in the contact editor. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

/* A number from 0 to @max. */
GtkSpinButton *
rapport_form_add_spin (AdwPreferencesGroup *group,
                       const char *title,
                       double max,
                       double step,
                       int digits,
                       double value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

/* A choice among the values of @enum_type, which run from 0 in order, as
 * @label words them. */
AdwComboRow *
rapport_form_add_enum_combo (AdwPreferencesGroup *group,
                             const char *title,
                             GType enum_type,
                             RapportLabelFunc label,
                             int selected)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GEnumClass *klass = g_type_class_ref (enum_type);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (labels, label (i));
  g_type_class_unref (klass);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

/* Hidden until rapport_form_show_error() gives it a message. */
GtkLabel *
rapport_form_add_error_label (AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "editor-error");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (group, label);
  return GTK_LABEL (label);
}

void
rapport_form_show_error (GtkLabel *error_label,
                         const char *message)
{
  gtk_label_set_label (error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (error_label), message != NULL);
}

/* Reads a time of day as people write it: 18:30, 18.30, 18h30, 18h,
 * 1830 or 18, with spaces around. 24:00 is the end of the day. Returns
 * minutes since midnight, or -1. */
int
rapport_form_parse_time (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *p = trimmed;
  int h = 0, m = 0, digits = 0;

  while (g_ascii_isdigit (*p) && digits < 4)
    {
      h = h * 10 + (*p++ - '0');
      digits++;
    }
  if (digits == 0)
    return -1;
  if (digits > 2 && *p == '\0')
    {
      /* 1830: the last two digits are the minutes. */
      m = h % 100;
      h /= 100;
    }
  else if (digits <= 2 && (*p == ':' || *p == '.' || *p == 'h'))
    {
      int m_digits = 0;

      p++;
      while (g_ascii_isdigit (*p) && m_digits < 2)
        {
          m = m * 10 + (*p++ - '0');
          m_digits++;
        }
      if (m_digits == 1)
        return -1;
    }
  else if (digits > 2)
    return -1;
  if (*p != '\0' || m > 59 || h > 24 || (h == 24 && m != 0))
    return -1;
  return h * 60 + m;
}

/**
 * rapport_form_read_moment:
 * @day_row: a row holding a day as YYYY-MM-DD
 * @time_row: a row holding a time of day
 * @minutes: (out) (optional): the time as minutes since midnight
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the local moment the two rows
 *   say, or %NULL with %RAPPORT_ERROR_INVALID and a message that says
 *   how to write it
 */
GDateTime *
rapport_form_read_moment (AdwEntryRow *day_row,
                          AdwEntryRow *time_row,
                          int *minutes,
                          GError **error)
{
  g_autoptr(GDateTime) day = NULL;
  int y, m, d, t;

  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (day_row)), "%d-%d-%d", &y, &m, &d) != 3 ||
      (day = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Write the day as year-month-day, like 2026-03-10."));
      return NULL;
    }
  t = rapport_form_parse_time (gtk_editable_get_text (GTK_EDITABLE (time_row)));
  if (t < 0 || t >= 24 * 60)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Write times as hours and minutes, like 18:30."));
      return NULL;
    }
  if (minutes != NULL)
    *minutes = t;
  return g_date_time_new_local (y, m, d, t / 60, t % 60, 0);
}

/**
 * rapport_form_set_content:
 * @window: the editor
 * @title: its title
 * @save_label: the save button's label, with a mnemonic
 * @on_save: called with @window when the save button is clicked
 * @page: the form
 *
 * Puts @page under a header bar with Cancel and the save button, which
 * Enter activates; Escape closes the editor.
 *
 * Returns: (transfer none): the save button
 */
GtkWidget *
rapport_form_set_content (AdwWindow *window,
                          const char *title,
                          const char *save_label,
                          GCallback on_save,
                          GtkWidget *page)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (save_label);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", on_save, window);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (window, box);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (window), save);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  return save;
}

/**
 * rapport_form_remove_rows:
 * @rows: (element-type GtkWidget): rows added to preferences groups
 *
 * Takes each row out of the group it is in and empties @rows: how a
 * page that lists records rebuilds its lists.
 */
void
rapport_form_remove_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}
