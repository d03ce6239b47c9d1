/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-group-editor.c: the dialog that adds or edits a group: name,
 * kind, audience, yearly dues, website, notes and the verdict with its
 * reason. Invalid input is answered in the dialog in the store's words.
 */
#define G_LOG_DOMAIN "rapport-group-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"
#include "rapport-group-editor.h"

struct _RapportGroupEditor
{
  AdwWindow parent_instance;

  RapportStore *store;
  RapportGroup *draft;

  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwEntryRow *audience_row;
  GtkSpinButton *dues_spin;
  AdwEntryRow *website_row;
  AdwComboRow *verdict_row;
  AdwEntryRow *reason_row;
  AdwEntryRow *notes_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (RapportGroupEditor, rapport_group_editor, ADW_TYPE_WINDOW)

static void
on_save (RapportGroupEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audience = rapport_audience_parse (gtk_editable_get_text (GTK_EDITABLE (self->audience_row)));

  rapport_group_set_name (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  rapport_group_set_kind (self->draft, adw_combo_row_get_selected (self->kind_row));
  rapport_group_set_audience (self->draft, (const char *const *) audience);
  rapport_group_set_dues_cents (self->draft, (gint64) (gtk_spin_button_get_value (self->dues_spin) * 100 + 0.5));
  rapport_group_set_website (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->website_row)));
  rapport_group_set_verdict (self->draft, adw_combo_row_get_selected (self->verdict_row));
  rapport_group_set_verdict_reason (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));
  rapport_group_set_notes (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  if (rapport_store_save_group (self->store, self->draft, &error) == 0)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo (AdwPreferencesGroup *group,
           const char *title,
           GType enum_type,
           const char *(*label) (int),
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

static void
build (RapportGroupEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *about = adw_preferences_group_new ();
  GtkWidget *verdict = adw_preferences_group_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (rapport_group_get_id (self->draft) ? _("_Save") : _("_Add"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *dues_row = adw_action_row_new ();
  g_autofree char *audience = rapport_audience_to_text (rapport_group_get_audience (self->draft));

  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);

  self->name_row = add_entry (ADW_PREFERENCES_GROUP (about), _("Name"), rapport_group_get_name (self->draft));
  self->kind_row = add_combo (ADW_PREFERENCES_GROUP (about), _("Kind"), RAPPORT_TYPE_GROUP_KIND,
                                                                (const char *(*) (int) ) rapport_group_kind_get_label, rapport_group_get_kind (self->draft));
  self->audience_row = add_entry (ADW_PREFERENCES_GROUP (about), _("Who goes there (separate with commas)"), audience);
  self->dues_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1e9, 10));
  gtk_spin_button_set_digits (self->dues_spin, 2);
  gtk_spin_button_set_value (self->dues_spin, rapport_group_get_dues_cents (self->draft) / 100.0);
  gtk_widget_set_valign (GTK_WIDGET (self->dues_spin), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dues_row), _("Yearly dues"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (dues_row), GTK_WIDGET (self->dues_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (about), dues_row);
  self->website_row = add_entry (ADW_PREFERENCES_GROUP (about), _("Website"), rapport_group_get_website (self->draft));
  self->notes_row = add_entry (ADW_PREFERENCES_GROUP (about), _("Notes"), rapport_group_get_notes (self->draft));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (verdict), _("Verdict"));
  self->verdict_row = add_combo (ADW_PREFERENCES_GROUP (verdict), _("Keep going?"), RAPPORT_TYPE_VERDICT,
                                                                     (const char *(*) (int) ) rapport_verdict_get_label, rapport_group_get_verdict (self->draft));
  self->reason_row = add_entry (ADW_PREFERENCES_GROUP (verdict), _("Why"), rapport_group_get_verdict_reason (self->draft));
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "editor-error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (verdict), GTK_WIDGET (self->error_label));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (about));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (verdict));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), rapport_group_get_id (self->draft) ? _("Edit Group") : _("New Group"));
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
}

static void
rapport_group_editor_dispose (GObject *object)
{
  RapportGroupEditor *self = RAPPORT_GROUP_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->draft);
  G_OBJECT_CLASS (rapport_group_editor_parent_class)->dispose (object);
}

static void
rapport_group_editor_class_init (RapportGroupEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_group_editor_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_group_editor_init (RapportGroupEditor *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 600);
}

/**
 * rapport_group_editor_new:
 * @parent: the window it belongs to
 * @store: where to save
 * @group: (nullable): the group to edit, or %NULL for a new one
 *
 * Returns: (transfer floating): the dialog, to present
 */
GtkWidget *
rapport_group_editor_new (GtkWindow *parent,
                          RapportStore *store,
                          RapportGroup *group)
{
  RapportGroupEditor *self = g_object_new (RAPPORT_TYPE_GROUP_EDITOR, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->draft = group ? rapport_group_copy (group) : rapport_group_new (NULL);
  build (self);
  return GTK_WIDGET (self);
}
