/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-group-editor.c: the dialog that adds or edits a group: name,
 * kind, audience, yearly dues, website, notes and the verdict with its
 * reason. Invalid input is answered in the dialog in the store's words.
 */
#define G_LOG_DOMAIN "rapport-group-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"
#include "rapport-form.h"
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
      rapport_form_show_error (self->error_label, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
build (RapportGroupEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *about = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *verdict = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *audience = rapport_audience_to_text (rapport_group_get_audience (self->draft));
  gboolean is_new = rapport_group_get_id (self->draft) == 0;

  self->name_row = rapport_form_add_entry (about, _("Name"), rapport_group_get_name (self->draft));
  self->kind_row = rapport_form_add_enum_combo (about, _("Kind"), RAPPORT_TYPE_GROUP_KIND,
                                                          (RapportLabelFunc) rapport_group_kind_get_label,
                                                          rapport_group_get_kind (self->draft));
  self->audience_row = rapport_form_add_entry (about, _("Who goes there (separate with commas)"), audience);
  self->dues_spin = rapport_form_add_spin (about, _("Yearly dues"), 1e9, 10, 2,
                                                     rapport_group_get_dues_cents (self->draft) / 100.0);
  self->website_row = rapport_form_add_entry (about, _("Website"), rapport_group_get_website (self->draft));
  self->notes_row = rapport_form_add_entry (about, _("Notes"), rapport_group_get_notes (self->draft));

  adw_preferences_group_set_title (verdict, _("Verdict"));
  self->verdict_row = rapport_form_add_enum_combo (verdict, _("Keep going?"), RAPPORT_TYPE_VERDICT,
                                                               (RapportLabelFunc) rapport_verdict_get_label,
                                                               rapport_group_get_verdict (self->draft));
  self->reason_row = rapport_form_add_entry (verdict, _("Why"), rapport_group_get_verdict_reason (self->draft));
  self->error_label = rapport_form_add_error_label (verdict);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), about);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), verdict);
  rapport_form_set_content (ADW_WINDOW (self), is_new ? _("New Group") : _("Edit Group"), is_new ? _("_Add") : _("_Save"), G_CALLBACK (on_save), page);
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
}

static void
rapport_group_editor_init (RapportGroupEditor *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 600);
}

/**
 * rapport_group_editor_new:
 * @parent: the window it belongs to
 * @store: where to save
 * @group: (nullable): the group to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the dialog, to present; GTK keeps it until
 *   it closes
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
