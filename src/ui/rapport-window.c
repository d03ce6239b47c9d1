/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-window.c: the main window: welcome, error, and the views.
 *
 * The window decides which of three faces to show: the welcome page while
 * the database holds nobody, an explanation when the database could not be
 * opened, and otherwise the view switcher with Contacts and Follow-ups.
 *
 * While signed in to a sync server, a button at the end of the header bar
 * shows how sync is going and opens its page in Preferences.
 */
#define G_LOG_DOMAIN "rapport-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-backup-dialogs.h"
#include "rapport-confirm.h"
#include "rapport-contact-editor.h"
#include "rapport-error.h"
#include "rapport-contacts-view.h"
#include "rapport-csv.h"
#include "rapport-events-view.h"
#include "rapport-export.h"
#include "rapport-huddles-view.h"
#include "rapport-ical.h"
#include "rapport-import-assistant.h"
#include "rapport-insights-view.h"
#include "rapport-followups-view.h"
#include "rapport-sample.h"
#include "rapport-share-dialog.h"
#include "rapport-text.h"
#include "rapport-toast.h"
#include "rapport-vcard.h"
#include "rapport-window.h"

/* Enough people to fill every view without drowning a newcomer. */
#define SAMPLE_NETWORK_SIZE 240
/* A sync shorter than this shows no spinner: most take a few
 * milliseconds, and a spinner flashing at every edit would only distract. */
#define SPINNER_DELAY_MS 500

struct _RapportWindow
{
  AdwApplicationWindow parent_instance;

  RapportApplication *app;
  RapportStore *store;
  RapportSyncClient *sync;
  guint spinner_id;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  GtkStack *main_stack;
  AdwStatusPage *error_page;
  AdwViewStack *view_stack;
  RapportContactsView *contacts_view;
  RapportEventsView *events_view;
  RapportHuddlesView *huddles_view;
  RapportInsightsView *insights_view;
  RapportFollowupsView *followups_view;
  GtkWidget *new_button;
  GtkWidget *sync_button;
  GtkStack *sync_stack;
  GtkSpinner *sync_spinner;
};

G_DEFINE_FINAL_TYPE (RapportWindow, rapport_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
is_nonzero (gpointer unused,
            guint value)
{
  return value != 0;
}

RapportStore *
rapport_window_get_store (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * rapport_window_show_error:
 * @self: a window
 * @message: what went wrong, in plain words
 *
 * Shows @message in a toast that stays until dismissed.
 */
void
rapport_window_show_error (RapportWindow *self,
                           const char *message)
{
  AdwToast *toast;

  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  toast = rapport_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  rapport_toast_show (GTK_WIDGET (self->toast_overlay), toast);
}

/* The bottom switcher replaces the title's when the window is narrow, and
 * only where there are views to switch between. */
static void
update_switcher_bar (RapportWindow *self)
{
  gboolean on_views = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") == 0;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    on_views && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
update_face (RapportWindow *self)
{
  const char *face;

  if (self->store == NULL)
    face = "error";
  else if (!rapport_store_has_contacts (self->store))
    face = "welcome";
  else
    face = "views";

  /* An empty network has nothing to filter: when contacts come back,
   * after the sample is removed and explored again, the list starts
   * plain rather than in a filter or the archive left from before. */
  if (g_str_equal (face, "welcome"))
    gtk_widget_activate_action (GTK_WIDGET (self->contacts_view), "contacts.clear-filters", NULL);
  gtk_stack_set_visible_child_name (self->main_stack, face);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, g_str_equal (face, "views"));
  gtk_widget_set_visible (self->new_button, self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-contact", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-event", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-huddle", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", g_str_equal (face, "views"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-calendar", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-sample",
                                 self->store != NULL && rapport_sample_is_present (self->store));
  update_switcher_bar (self);
}

static void
on_store_changed (RapportWindow *self)
{
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "views"))
    update_face (self);
}

/**
 * rapport_window_get_due_count:
 * @self: the window
 *
 * Returns: how many follow-ups are due today or overdue, as the
 *   Follow-ups view's badge shows
 */
guint
rapport_window_get_due_count (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), 0);
  return rapport_followups_view_get_due_count (self->followups_view);
}

void
rapport_window_show_followups (RapportWindow *self)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  if (self->store == NULL)
    return;
  update_face (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "views"))
    adw_view_stack_set_visible_child_name (self->view_stack, "followups");
}

void
rapport_window_show_contact (RapportWindow *self,
                             gint64 contact_id)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  if (self->store == NULL)
    return;
  update_face (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "contacts");
  rapport_contacts_view_show_contact (self->contacts_view, contact_id);
}

/**
 * rapport_window_search_contacts:
 * @self: the window
 * @text: words to search for
 *
 * Shows the contact list searching for @text, as when the user typed it.
 */
void
rapport_window_search_contacts (RapportWindow *self,
                                const char *text)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  if (self->store == NULL)
    return;
  update_face (self);
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "views"))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "contacts");
  rapport_contacts_view_search (self->contacts_view, text);
}

static void
on_followup_contact_activated (RapportWindow *self,
                               gint64 contact_id)
{
  rapport_window_show_contact (self, contact_id);
}

static void
on_contact_saved (RapportWindow *self,
                  RapportContact *contact)
{
  update_face (self);
  rapport_window_show_contact (self, rapport_contact_get_id (contact));
}

static void
new_contact_action (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportContactEditor *editor;

  if (self->store == NULL)
    return;
  editor = rapport_contact_editor_new (GTK_WINDOW (self), self->store,
                                       rapport_application_get_settings (self->app), NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_contact_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The + button adds what the visible view lists. */
static void
on_visible_view_changed (RapportWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (view, "events") == 0)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "win.new-event");
      gtk_widget_set_tooltip_text (self->new_button, _("New Event"));
    }
  else if (g_strcmp0 (view, "huddles") == 0)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "win.new-huddle");
      gtk_widget_set_tooltip_text (self->new_button, _("New Huddle"));
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "win.new-contact");
      gtk_widget_set_tooltip_text (self->new_button, _("New Contact"));
    }
}

static void
new_huddle_action (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->store == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "huddles");
  rapport_huddles_view_add (self->huddles_view);
}

/**
 * rapport_window_import:
 * @self: a window
 * @files: (array length=n_files) (nullable): files to read at once, or
 *   %NULL to let the user pick them
 * @n_files: how many
 *
 * Opens the import assistant over the window.
 *
 * Returns: (transfer none) (nullable): the assistant, or %NULL without a
 *   store to import into
 */
RapportImportAssistant *
rapport_window_import (RapportWindow *self,
                       GFile *const *files,
                       guint n_files)
{
  RapportImportAssistant *assistant;

  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  assistant = rapport_import_assistant_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (assistant));
  if (n_files > 0)
    rapport_import_assistant_open_files (assistant, files, n_files);
  return assistant;
}

/* Contact files dropped on the window open the import assistant with them. */
static gboolean
on_files_dropped (GtkDropTarget *target,
                  const GValue *value,
                  double x,
                  double y,
                  RapportWindow *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  return files->len > 0 && rapport_window_import (self, (GFile *const *) files->pdata, files->len) != NULL;
}

/* Exports the contacts the list shows: all of them, or those a search or
 * a filter (a tag, say "Imported from LinkedIn") picked out. */
static void
export_contacts_action (GtkWidget *widget,
                        const char *action_name,
                        GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  GListModel *shown = rapport_contacts_view_get_shown (self->contacts_view);
  gboolean csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->store == NULL || shown == NULL)
    return;
  n = g_list_model_get_n_items (shown);
  if (n == 0)
    {
      rapport_toast_show (widget, rapport_toast_new (_("No contacts to export: the list is empty.")));
      return;
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (contacts, g_list_model_get_item (shown, i));
  if (csv)
    rapport_export_save_text (widget, _("Export Contacts as CSV"), _("Contacts"), "csv", "text/csv",
                                                                       rapport_csv_write_contacts ((RapportContact *const *) contacts->pdata, contacts->len));
  else
    rapport_export_save_text (widget, _("Export Contacts as vCard"), _("Contacts"), "vcf", "text/vcard",
                                                                         rapport_vcard_write_contacts (self->store, (RapportContact *const *) contacts->pdata,
                                                                                                       contacts->len));
}

static void
import_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  rapport_window_import (RAPPORT_WINDOW (widget), NULL, 0);
}

static void
new_event_action (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->store == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "events");
  rapport_events_view_add (self->events_view);
}

/* The user's own card, to be scanned at an event. Rapport's profile holds
 * a name and the services the user offers, not an address or a phone
 * number of theirs: the card is made of those two, the services as the
 * line under the name. */
static void
share_my_card_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(RapportContact) me = NULL;
  const char *contents = _("Made from your profile: your name and the services you offer. Change them in "
                           "Preferences → Profile.");

  if (self->store == NULL)
    return;
  profile = rapport_store_get_profile (self->store);
  if (profile == NULL || profile->name == NULL || *profile->name == '\0')
    {
      AdwToast *toast = rapport_toast_new (_("Add your name to your profile to share your card"));

      adw_toast_set_button_label (toast, _("_Profile"));
      adw_toast_set_action_name (toast, "app.preferences-profile");
      rapport_toast_show (GTK_WIDGET (self->toast_overlay), toast);
      return;
    }
  me = rapport_contact_new (profile->name);
  if (profile->services != NULL && *profile->services != '\0')
    rapport_contact_set_job_title (me, profile->services);
  rapport_share_dialog_present (widget, _("My Card"), me, contents);
}

static void
search_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  /* Ctrl+F searches the view at hand; from Follow-ups, the contacts. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "events") == 0)
    {
      rapport_events_view_focus_search (self->events_view);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "contacts");
  rapport_contacts_view_focus_search (self->contacts_view);
}

/* From the error page: the user decides what to do with the file, with
 * their file manager; Rapport never moves or repairs it. */
static void
open_data_folder_action (GtkWidget *widget,
                         const char *action_name,
                         GVariant *parameter)
{
  g_autofree char *path = rapport_store_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *uri = g_filename_to_uri (dir, NULL, NULL);

  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
edit_contact_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "contacts") == 0)
    rapport_contacts_view_edit_contact (self->contacts_view);
}

static void
show_contact_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  rapport_window_show_contact (RAPPORT_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
show_event_action (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "events");
  rapport_events_view_show_event (self->events_view, g_variant_get_int64 (parameter));
}

static void
show_group_action (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "events");
  rapport_events_view_show_group (self->events_view, g_variant_get_int64 (parameter));
}

static void
show_followups_action (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  adw_view_stack_set_visible_child_name (RAPPORT_WINDOW (widget)->view_stack, "followups");
}

static void
restore_contact_action (GtkWidget *widget,
                        const char *action_name,
                        GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!rapport_store_restore_contact (self->store, g_variant_get_int64 (parameter), &error))
    rapport_window_show_error (self, error->message);
  else
    rapport_window_show_contact (self, g_variant_get_int64 (parameter));
}

/* Undo for a logged interaction: its id. */
static void
undo_log_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !rapport_store_delete_interaction (self->store, g_variant_get_int64 (parameter), &error))
    rapport_window_show_error (self, error->message);
}

/* Undo for Mark as Done: the reminder's id (0 for keep-in-touch) and the
 * interaction that was logged. */
static void
undo_followup_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 followup_id, interaction_id;

  g_variant_get (parameter, "(xx)", &followup_id, &interaction_id);
  if (self->store != NULL && !rapport_store_reopen_followup (self->store, followup_id, interaction_id, &error))
    rapport_window_show_error (self, error->message);
}

static void
explore_sample_action (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autofree char *today = rapport_date_today ();
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!rapport_sample_fill (self->store, SAMPLE_NETWORK_SIZE, g_random_int (), today,
                            NULL, NULL, NULL, &error))
    {
      rapport_window_show_error (self, error->message);
      return;
    }
  g_settings_set_boolean (rapport_application_get_settings (self->app), "sample-network", TRUE);
  update_face (self);
}

static void
on_remove_sample_response (AdwMessageDialog *dialog,
                           const char *response,
                           RapportWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove") || self->store == NULL)
    return;
  if (!rapport_sample_remove (self->store, &error))
    {
      rapport_window_show_error (self, error->message);
      return;
    }
  g_settings_set_boolean (rapport_application_get_settings (self->app), "sample-network", FALSE);
  update_face (self);
  rapport_toast_show (GTK_WIDGET (self->toast_overlay), rapport_toast_new (_("Sample network removed")));
}

/* Asks first: the made-up people may have been edited by then. */
static void
remove_sample_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n;

  if (self->store == NULL)
    return;
  n = rapport_sample_count (self->store);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The %u made-up person of the sample network will be deleted, with their "
                                       "timeline and follow-ups. The contacts you added stay.",
                                       "The %u made-up people of the sample network will be deleted, with their "
                                       "timelines and follow-ups. The contacts you added stay.",
                                       n),
                          n);
  dialog = rapport_confirm_new (widget, _("Remove the Sample Network?"), body, "remove", _("_Remove"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_sample_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_up_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  rapport_backup_dialogs_ask_back_up (RAPPORT_WINDOW (widget));
}

static void
restore_backup_action (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  rapport_backup_dialogs_ask_restore (RAPPORT_WINDOW (widget));
}

static gboolean
write_calendar (GFile *file,
                gpointer data,
                GError **error)
{
  g_autofree char *text = rapport_ical_export_calendar (data, rapport_time_now (), error);

  return text != NULL && rapport_ical_write_file (text, file, error);
}

/* Events, huddle meetings and follow-ups in one file for another
 * calendar app; made once the file is chosen, so it is current. */
static void
export_calendar_action (GtkWidget *widget,
                        const char *action_name,
                        GVariant *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->store == NULL)
    return;
  rapport_export_ask (GTK_WIDGET (self->toast_overlay), _("Export Calendar"), _("Rapport"), "ics", "text/calendar",
                                                                                  write_calendar, g_object_ref (self->store), g_object_unref);
}

/* The sync indicator */

static gboolean
show_spinner (gpointer user_data)
{
  RapportWindow *self = user_data;

  self->spinner_id = 0;
  gtk_stack_set_visible_child_name (self->sync_stack, "syncing");
  gtk_spinner_set_spinning (self->sync_spinner, TRUE);
  return G_SOURCE_REMOVE;
}

static void
update_sync_indicator (RapportWindow *self)
{
  RapportSyncStatus status = rapport_sync_client_get_status (self->sync);
  const char *message = rapport_sync_client_get_message (self->sync);
  g_autofree char *tooltip = NULL;
  const char *face = NULL;

  gtk_widget_set_visible (self->sync_button, status != RAPPORT_SYNC_SIGNED_OUT);
  if (status != RAPPORT_SYNC_SYNCING)
    {
      g_clear_handle_id (&self->spinner_id, g_source_remove);
      gtk_spinner_set_spinning (self->sync_spinner, FALSE);
    }
  switch (status)
    {
    case RAPPORT_SYNC_SIGNED_OUT:
      return;
    case RAPPORT_SYNC_SYNCING:
      tooltip = g_strdup (_("Syncing…"));
      if (self->spinner_id == 0 && !gtk_spinner_get_spinning (self->sync_spinner))
        self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner, self);
      break;
    case RAPPORT_SYNC_OFFLINE:
      face = "offline";
      tooltip = g_strdup (message ? message : _("Offline"));
      break;
    case RAPPORT_SYNC_FAILED:
      face = "failed";
      tooltip = g_strdup (message ? message : _("Sync stopped"));
      break;
    case RAPPORT_SYNC_IDLE:
    default:
      {
        gint64 last = rapport_sync_client_get_last_sync (self->sync);
        g_autoptr(GDateTime) when = last > 0 ? g_date_time_new_from_unix_local (last / 1000) : NULL;
        g_autofree char *time = when ? g_date_time_format (when, "%H:%M") : NULL;

        face = "idle";
        /* Translators: %s is a time, like 08:14 */
        tooltip = time ? g_strdup_printf (_("Synced at %s"), time) : g_strdup (_("Not synced yet"));
      }
      break;
    }
  if (face != NULL)
    gtk_stack_set_visible_child_name (self->sync_stack, face);
  gtk_widget_set_tooltip_text (self->sync_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/* The application is a plain property of GtkWindow, set only after
 * construction, so the window connects to the app's store here. */
static void
rapport_window_setup (RapportWindow *self,
                      RapportApplication *app)
{
  GSettings *settings;

  self->app = app;
  settings = rapport_application_get_settings (self->app);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  self->store = rapport_application_get_store (self->app);
  if (self->store != NULL)
    {
      g_object_ref (self->store);
      rapport_contacts_view_set_store (self->contacts_view, self->store);
      rapport_events_view_set_store (self->events_view, self->store);
      rapport_huddles_view_set_store (self->huddles_view, self->store);
      rapport_insights_view_set_store (self->insights_view, self->store);
      g_object_set (self->followups_view, "store", self->store, NULL);
      g_signal_connect_object (self->store, "changed::contacts",
                               G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
    }
  self->sync = rapport_application_get_sync (self->app);
  if (self->sync != NULL)
    {
      g_object_ref (self->sync);
      g_signal_connect_object (self->sync, "notify::status", G_CALLBACK (update_sync_indicator), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "notify::message", G_CALLBACK (update_sync_indicator), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "notify::last-sync", G_CALLBACK (update_sync_indicator), self,
                               G_CONNECT_SWAPPED);
      update_sync_indicator (self);
    }
  else
    {
      const GError *error = rapport_application_get_store_error (self->app);
      g_autofree char *description = NULL;

      /* A failed backup before an upgrade says itself what to do. */
      if (g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_BACKUP_FAILED))
        description = g_strdup (error->message);
      else
        description = g_strdup_printf ("%s\n\n%s", error ? error->message : "",
                                       _("Rapport has not changed the file. Move it aside to start afresh, "
                                         "or open it with the version of Rapport that wrote it."));
      adw_status_page_set_description (self->error_page, description);
    }
  update_face (self);
}

static void
rapport_window_dispose (GObject *object)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  g_clear_handle_id (&self->spinner_id, g_source_remove);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_WINDOW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_window_parent_class)->dispose (object);
}

static void
rapport_window_class_init (RapportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_window_dispose;

  g_type_ensure (RAPPORT_TYPE_CONTACTS_VIEW);
  g_type_ensure (RAPPORT_TYPE_FOLLOWUPS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/rapport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, contacts_view);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, events_view);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, huddles_view);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, insights_view);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, followups_view);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sync_spinner);
  /* Named for the UI tests, which press them as a person would. */
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_add_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_sample_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_followup_contact_activated);
  gtk_widget_class_bind_template_callback (widget_class, is_nonzero);
  gtk_widget_class_bind_template_callback (widget_class, update_switcher_bar);

  gtk_widget_class_install_action (widget_class, "win.new-contact", NULL, new_contact_action);
  gtk_widget_class_install_action (widget_class, "win.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "win.new-huddle", NULL, new_huddle_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-contacts", "s", export_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.share-my-card", NULL, share_my_card_action);
  gtk_widget_class_install_action (widget_class, "win.edit-contact", NULL, edit_contact_action);
  gtk_widget_class_install_action (widget_class, "win.open-data-folder", NULL, open_data_folder_action);
  gtk_widget_class_install_action (widget_class, "win.show-contact", "x", show_contact_action);
  gtk_widget_class_install_action (widget_class, "win.show-event", "x", show_event_action);
  gtk_widget_class_install_action (widget_class, "win.show-group", "x", show_group_action);
  gtk_widget_class_install_action (widget_class, "win.show-followups", NULL, show_followups_action);
  gtk_widget_class_install_action (widget_class, "win.restore-contact", "x", restore_contact_action);
  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL, explore_sample_action);
  gtk_widget_class_install_action (widget_class, "win.remove-sample", NULL, remove_sample_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", NULL, export_calendar_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.undo-log", "x", undo_log_action);
  gtk_widget_class_install_action (widget_class, "win.undo-followup", "(xx)", undo_followup_action);
}

static void
rapport_window_init (RapportWindow *self)
{
  GtkDropTarget *drop;

  g_type_ensure (RAPPORT_TYPE_EVENTS_VIEW);
  g_type_ensure (RAPPORT_TYPE_HUDDLES_VIEW);
  g_type_ensure (RAPPORT_TYPE_INSIGHTS_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_visible_view_changed), self,
                           G_CONNECT_SWAPPED);
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_files_dropped), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

RapportWindow *
rapport_window_new (RapportApplication *app)
{
  RapportWindow *self;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (app), NULL);

  self = g_object_new (RAPPORT_TYPE_WINDOW, "application", app, NULL);
  rapport_window_setup (self, app);
  return self;
}
