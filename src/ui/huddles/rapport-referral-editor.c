/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-referral-editor.c: the dialog that logs a referral passed in a
 * huddle: from whom, to whom (the user or a member), about which contact.
 *
 * The prospect is found by typing, among all contacts, since a network
 * can hold a hundred thousand; the store refuses a referral to oneself
 * or about the person who receives it, and the dialog says why.
 */
#define G_LOG_DOMAIN "rapport-referral-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact-list.h"
#include "rapport-form.h"
#include "rapport-referral-editor.h"

/* How many contacts the prospect search offers. */
#define MATCHES 6

struct _RapportReferralEditor
{
  AdwWindow parent_instance;

  RapportStore *store;
  gint64 huddle_id;
  GArray *people; /* contact ids in the combos' order; 0 is the user */
  RapportContactList *matches;
  gint64 prospect;

  AdwComboRow *from_row;
  AdwComboRow *to_row;
  AdwEntryRow *search_row;
  GtkListBox *match_list;
  AdwEntryRow *note_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (RapportReferralEditor, rapport_referral_editor, ADW_TYPE_WINDOW)

static gint64
person_at (RapportReferralEditor *self,
           AdwComboRow *row)
{
  guint i = adw_combo_row_get_selected (row);

  return i < self->people->len ? g_array_index (self->people, gint64, i) : 0;
}

static void
on_save (RapportReferralEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->prospect == 0)
    {
      rapport_form_show_error (self->error_label, _("Choose the contact the referral is about."));
      return;
    }
  if (rapport_store_give_referral (self->store, person_at (self, self->from_row), person_at (self, self->to_row),
                                   self->prospect, self->huddle_id, NULL,
                                   gtk_editable_get_text (GTK_EDITABLE (self->note_row)), &error) == 0)
    {
      rapport_form_show_error (self->error_label, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_match_activated (RapportReferralEditor *self,
                    GtkListBoxRow *row)
{
  RapportContact *contact = g_object_get_data (G_OBJECT (row), "contact");

  self->prospect = rapport_contact_get_id (contact);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->match_list)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (child), "check");

      if (check != NULL)
        {
          gtk_widget_set_visible (check, child == GTK_WIDGET (row));
          gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_SELECTED,
                                       child == GTK_WIDGET (row), -1);
        }
    }
}

static void
on_search_changed (RapportReferralEditor *self)
{
  GtkWidget *child;
  guint n;

  rapport_contact_list_set_search (self->matches, gtk_editable_get_text (GTK_EDITABLE (self->search_row)));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->match_list))) != NULL)
    gtk_list_box_remove (self->match_list, child);
  self->prospect = 0;
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->matches)), MATCHES);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportContact) contact = g_list_model_get_item (G_LIST_MODEL (self->matches), i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_contact_get_display_name (contact));
      if (rapport_contact_get_company (contact) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_contact_get_company (contact));
      gtk_widget_set_visible (check, FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "contact", g_object_ref (contact), g_object_unref);
      g_object_set_data (G_OBJECT (row), "check", check);
      gtk_list_box_append (self->match_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->match_list), n > 0);
}

static void
build (RapportReferralEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *who = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *about = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GListModel) members = rapport_store_list_members (self->store, self->huddle_id, FALSE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 me = 0;

  gtk_string_list_append (names, _("You"));
  g_array_append_val (self->people, me);
  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(RapportHuddleMember) member = g_list_model_get_item (members, i);
      gint64 contact = rapport_huddle_member_get_contact_id (member);

      if (contact == 0)
        continue;
      gtk_string_list_append (names, rapport_huddle_member_get_name (member));
      g_array_append_val (self->people, contact);
    }
  self->from_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("From"));
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (names));
  adw_preferences_group_add (who, GTK_WIDGET (self->from_row));
  self->to_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("To"));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->to_row, self->people->len > 1 ? 1 : 0);
  adw_preferences_group_add (who, GTK_WIDGET (self->to_row));

  adw_preferences_group_set_title (about, _("About"));
  adw_preferences_group_set_description (about, _("The prospect: type a name, then pick them."));
  self->search_row = rapport_form_add_entry (about, _("Search contacts"), NULL);
  adw_entry_row_set_activates_default (self->search_row, FALSE);
  g_signal_connect_swapped (self->search_row, "changed", G_CALLBACK (on_search_changed), self);
  self->match_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->match_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->match_list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->match_list), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->match_list), FALSE);
  g_signal_connect_swapped (self->match_list, "row-activated", G_CALLBACK (on_match_activated), self);
  adw_preferences_group_add (about, GTK_WIDGET (self->match_list));
  self->note_row = rapport_form_add_entry (about, _("Note"), NULL);
  self->error_label = rapport_form_add_error_label (about);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), who);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), about);
  rapport_form_set_content (ADW_WINDOW (self), _("Log a Referral"), _("_Log"), G_CALLBACK (on_save), page);
}

static void
rapport_referral_editor_dispose (GObject *object)
{
  RapportReferralEditor *self = RAPPORT_REFERRAL_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->matches);
  g_clear_pointer (&self->people, g_array_unref);
  G_OBJECT_CLASS (rapport_referral_editor_parent_class)->dispose (object);
}

static void
rapport_referral_editor_class_init (RapportReferralEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_referral_editor_dispose;
}

static void
rapport_referral_editor_init (RapportReferralEditor *self)
{
  self->people = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 620);
}

/**
 * rapport_referral_editor_new:
 * @parent: the window it belongs to
 * @store: where to save
 * @huddle_id: the huddle it is passed in
 *
 * Returns: (transfer none): the dialog, to present; GTK keeps it until
 *   it closes
 */
GtkWidget *
rapport_referral_editor_new (GtkWindow *parent,
                             RapportStore *store,
                             gint64 huddle_id)
{
  RapportReferralEditor *self = g_object_new (RAPPORT_TYPE_REFERRAL_EDITOR, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->huddle_id = huddle_id;
  self->matches = rapport_contact_list_new (store);
  build (self);
  return GTK_WIDGET (self);
}
