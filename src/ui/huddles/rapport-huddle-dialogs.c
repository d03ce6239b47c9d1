/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle-dialogs.c: the small questions of the huddle page, as
 * message dialogs with a short form: what a member offers, how a
 * referral moved on, and the services a huddle's clients need. The forms' own widgets keep most input valid; what
 * the store still refuses is said in a toast, and nothing is written.
 */
#define G_LOG_DOMAIN "rapport-huddle-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-huddle-dialogs.h"
#include "rapport-text.h"
#include "rapport-toast.h"

/* A boxed list for a dialog's form. */
static GtkWidget *
form_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
entry_row (GtkWidget *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
message_dialog (GtkWidget *from,
                const char *heading,
                const char *body,
                const char *save_label,
                GtkWidget *form)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (from)), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", save_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), form);
  return dialog;
}

static void
refused (GtkWidget *from,
         const GError *error)
{
  rapport_toast_show (from, rapport_toast_new (error->message));
}

typedef struct
{
  RapportStore *store;
  gint64 member_id;
  GtkWidget *service;
  GtkWidget *offering;
  GtkWidget *from;
} MemberForm;

static void
member_form_free (MemberForm *form)
{
  g_clear_object (&form->store);
  g_clear_object (&form->from);
  g_free (form);
}

static void
on_member_response (AdwMessageDialog *dialog,
                    const char *response,
                    MemberForm *form)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;
  if (!rapport_store_update_member (form->store, form->member_id, gtk_editable_get_text (GTK_EDITABLE (form->service)),
                                    gtk_editable_get_text (GTK_EDITABLE (form->offering)), &error))
    refused (form->from, error);
}

/**
 * rapport_member_dialog_present:
 * @from: the widget that asks
 * @store: where to save
 * @member: a current member
 *
 * Asks for the service category a member brings and their offering.
 */
void
rapport_member_dialog_present (GtkWidget *from,
                               RapportStore *store,
                               RapportHuddleMember *member)
{
  MemberForm *form = g_new0 (MemberForm, 1);
  GtkWidget *list = form_list ();
  GtkWidget *dialog;

  form->store = g_object_ref (store);
  form->from = g_object_ref (from);
  form->member_id = rapport_huddle_member_get_id (member);
  form->service = entry_row (list, _("Service, like “Mortgage broker”"), rapport_huddle_member_get_service (member));
  form->offering = entry_row (list, _("What they offer, in one line"), rapport_huddle_member_get_offering (member));
  dialog = message_dialog (from, rapport_huddle_member_get_name (member),
                           _("Members offer different services to the same clients."), _("_Save"), list);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_member_response), form, (GClosureNotify) member_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  RapportStore *store;
  gint64 referral_id;
  AdwComboRow *status;
  GtkSpinButton *value;
  GtkWidget *value_row;
  GtkWidget *note;
  GtkWidget *from;
} StepForm;

static void
step_form_free (StepForm *form)
{
  g_clear_object (&form->store);
  g_clear_object (&form->from);
  g_free (form);
}

/* The statuses a referral can move to, in the combo's order. */
static const RapportReferralStatus next_statuses[] = {
  RAPPORT_REFERRAL_CONTACTED,
  RAPPORT_REFERRAL_MEETING,
  RAPPORT_REFERRAL_WON,
  RAPPORT_REFERRAL_LOST,
};

static void
on_status_changed (StepForm *form)
{
  gtk_widget_set_sensitive (form->value_row,
                            next_statuses[adw_combo_row_get_selected (form->status)] == RAPPORT_REFERRAL_WON);
}

static void
on_step_response (AdwMessageDialog *dialog,
                  const char *response,
                  StepForm *form)
{
  g_autoptr(GError) error = NULL;
  RapportReferralStatus status = next_statuses[adw_combo_row_get_selected (form->status)];
  gint64 value = status == RAPPORT_REFERRAL_WON ? (gint64) (gtk_spin_button_get_value (form->value) * 100 + 0.5) : -1;

  if (g_strcmp0 (response, "save") != 0)
    return;
  if (!rapport_store_advance_referral (form->store, form->referral_id, status, value, NULL,
                                       gtk_editable_get_text (GTK_EDITABLE (form->note)), &error))
    refused (form->from, error);
}

/**
 * rapport_referral_step_dialog_present:
 * @from: the widget that asks
 * @store: where to save
 * @referral: a referral
 *
 * Asks how a referral moved on: contacted, a meeting, won with the value
 * of the business (the thank-you), or lost.
 */
void
rapport_referral_step_dialog_present (GtkWidget *from,
                                      RapportStore *store,
                                      RapportReferral *referral)
{
  StepForm *form = g_new0 (StepForm, 1);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *since = NULL;
  GtkWidget *list = form_list ();
  GtkWidget *dialog;
  guint next = 0;

  form->store = g_object_ref (store);
  form->from = g_object_ref (from);
  form->referral_id = rapport_referral_get_id (referral);
  /* The step after where it stands; a referral already won or lost
   * offers its own status again (to correct a value), never "lost" for a
   * won one, and Enter does not save it. */
  for (guint i = 0; i < G_N_ELEMENTS (next_statuses); i++)
    {
      RapportReferralStatus status = rapport_referral_get_status (referral);
      RapportReferralStatus wanted = status >= RAPPORT_REFERRAL_WON ? status : status + 1;

      gtk_string_list_append (labels, rapport_referral_status_get_label (next_statuses[i]));
      if (next_statuses[i] == wanted)
        next = i;
    }
  form->status = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->status), _("Now"));
  adw_combo_row_set_model (form->status, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (form->status, next);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->status));
  form->value_row = adw_action_row_new ();
  form->value = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1e9, 100));
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->value), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Value of the business"), -1);
  gtk_spin_button_set_digits (form->value, 2);
  gtk_widget_set_valign (GTK_WIDGET (form->value), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->value_row), _("Value of the business"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (form->value_row), GTK_WIDGET (form->value));
  gtk_list_box_append (GTK_LIST_BOX (list), form->value_row);
  form->note = entry_row (list, _("Note, like the thank-you"), NULL);
  g_signal_connect_swapped (form->status, "notify::selected", G_CALLBACK (on_status_changed), form);
  on_status_changed (form);

  /* TRANSLATORS: a referral: who passed it to whom */
  heading = g_strdup_printf (_("%s → %s"), rapport_referral_get_from_name (referral),
                                rapport_referral_get_to_name (referral));
  /* TRANSLATORS: the referral's prospect, and where it stands */
  body = g_strdup_printf (_("About %s. %s since %s."), rapport_referral_get_prospect_name (referral),
                             rapport_referral_status_get_label (rapport_referral_get_status (referral)),
                             rapport_referral_get_status_on (referral));
  dialog = message_dialog (from, heading, body, _("_Save"), list);
  if (rapport_referral_get_status (referral) >= RAPPORT_REFERRAL_WON)
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_step_response), form, (GClosureNotify) step_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  RapportStore *store;
  GStrv audience;
  GtkWidget *list;
  GtkWidget *add_row;
  GtkWidget *from;
} CatalogueForm;

static void
catalogue_form_free (CatalogueForm *form)
{
  g_clear_object (&form->store);
  g_clear_object (&form->from);
  g_strfreev (form->audience);
  g_free (form);
}

static void fill_catalogue (CatalogueForm *form);

static void
on_catalogue_remove (GtkButton *button,
                     CatalogueForm *form)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_store_remove_service (form->store, g_object_get_data (G_OBJECT (button), "audience"),
                                     g_object_get_data (G_OBJECT (button), "service"), &error))
    refused (form->from, error);
  fill_catalogue (form);
}

static void
on_catalogue_add (AdwEntryRow *row,
                  CatalogueForm *form)
{
  g_autoptr(GError) error = NULL;

  /* New services go to the huddle's first audience, as its members name it. */
  if (!rapport_store_add_service (form->store, form->audience[0], gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      refused (form->from, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  fill_catalogue (form);
}

static void
fill_catalogue (CatalogueForm *form)
{
  g_autoptr(GPtrArray) entries = rapport_store_list_catalogue (form->store, (const char *const *) form->audience);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (form->list)) != NULL && child != form->add_row)
    gtk_list_box_remove (GTK_LIST_BOX (form->list), child);
  for (guint i = 0; i < entries->len; i++)
    {
      RapportServiceEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove %s"), entry->service);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->service);
      /* TRANSLATORS: the kind of client a service in the catalogue is for */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->audience);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove From the List"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "audience", g_strdup (entry->audience), g_free);
      g_object_set_data_full (G_OBJECT (remove), "service", g_strdup (entry->service), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_catalogue_remove), form);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_insert (GTK_LIST_BOX (form->list), row, i);
    }
}

/**
 * rapport_catalogue_dialog_present:
 * @from: the widget that asks
 * @store: where to save
 * @huddle: a huddle with a shared audience
 *
 * Shows the services the catalogue lists for the huddle's clients, which
 * the coverage panel compares with the members', and lets the user add
 * and remove them.
 */
void
rapport_catalogue_dialog_present (GtkWidget *from,
                                  RapportStore *store,
                                  RapportHuddle *huddle)
{
  CatalogueForm *form = g_new0 (CatalogueForm, 1);
  g_autofree char *audience = rapport_audience_to_text (rapport_huddle_get_audience (huddle));
  g_autofree char *body = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *dialog;

  form->store = g_object_ref (store);
  form->from = g_object_ref (from);
  form->audience = g_strdupv ((char **) rapport_huddle_get_audience (huddle));
  form->list = form_list ();
  form->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->add_row), _("Add a service"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (form->add_row), TRUE);
  g_signal_connect (form->add_row, "apply", G_CALLBACK (on_catalogue_add), form);
  gtk_list_box_append (GTK_LIST_BOX (form->list), form->add_row);
  fill_catalogue (form);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), form->list);

  /* TRANSLATORS: %s is the clients a huddle shares, like "home buyers" */
  body = g_strdup_printf (_("What %s need. A service nobody in the huddle offers is a seat to fill."), audience);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (from)), _("Services Your Clients Need"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) catalogue_form_free);
  gtk_window_present (GTK_WINDOW (dialog));
}
