/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-page.c: the Sync page of Preferences.
 *
 * Signed out, it asks for a server, an account and its password (and,
 * for someone invited to a huddle, the invitation's code, which also makes
 * the account). Signed in, it says who and where, how the last sync went,
 * and offers Sync Now, joining a huddle with a code, and signing out. The
 * page follows the sync client's status as it changes, so it can stay
 * open while a sync runs.
 *
 * A failed sign-in keeps what was typed, so that a wrong password costs
 * one field, not four. The keyring and signing out belong to the
 * application, which outlives this window.
 */
#define G_LOG_DOMAIN "rapport-sync-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-sync-page.h"
#include "rapport-confirm.h"
#include "rapport-toast.h"

struct _RapportSyncPage
{
  AdwPreferencesPage parent_instance;

  RapportApplication *app;
  RapportSyncClient *sync;
  gboolean signing_in;
  gboolean joining;
  /* A sign-in or a join finishes even when the window closed first; its
   * answer then has no widgets to go to. */
  gboolean disposed;

  AdwPreferencesGroup *sign_in_group;
  AdwEntryRow *server_row;
  AdwEntryRow *user_row;
  AdwEntryRow *password_row;
  AdwEntryRow *invitation_row;
  GtkLabel *sign_in_error;
  GtkButton *sign_in_button;
  GtkStack *sign_in_stack;
  GtkSpinner *sign_in_spinner;
  AdwPreferencesGroup *account_group;
  AdwActionRow *account_row;
  AdwActionRow *status_row;
  GtkStack *status_stack;
  GtkSpinner *status_spinner;
  GtkButton *sync_now_button;
  AdwPreferencesGroup *join_group;
  AdwEntryRow *join_row;
  GtkLabel *join_error;
  AdwPreferencesGroup *keyring_group;
  GtkLabel *keyring_label;
};

G_DEFINE_FINAL_TYPE (RapportSyncPage, rapport_sync_page, ADW_TYPE_PREFERENCES_PAGE)

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* "today at 08:14", "yesterday at 17:02", "on 3 November at 09:30". */
static char *
format_last_sync (gint64 ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;
  int days;

  if (when == NULL || now == NULL)
    return g_strdup (_("Not synced yet"));
  time = g_date_time_format (when, "%H:%M");
  days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (when);
  if (g_date_time_get_year (now) != g_date_time_get_year (when))
    days = -1;
  if (days == 0)
    /* Translators: %s is a time, like 08:14 */
    return g_strdup_printf (_("Last synced today at %s"), time);
  if (days == 1)
    /* Translators: %s is a time, like 17:02 */
    return g_strdup_printf (_("Last synced yesterday at %s"), time);
  {
    /* Translators: a date, see the strftime() manual */
    g_autofree char *date = g_date_time_format (when, _("%-d %B %Y"));

    /* Translators: the first %s is a date, the second a time */
    return g_strdup_printf (_("Last synced on %s at %s"), date, time);
  }
}

static void
update_sign_in_button (RapportSyncPage *self)
{
  gboolean filled = !is_blank (text_of (self->server_row)) && !is_blank (text_of (self->user_row)) &&
                    *text_of (self->password_row) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), filled && !self->signing_in);
  gtk_stack_set_visible_child_name (self->sign_in_stack, self->signing_in ? "working" : "label");
  gtk_spinner_set_spinning (self->sign_in_spinner, self->signing_in);
}

static void
show_sign_in_error (RapportSyncPage *self,
                    const char *message)
{
  gtk_label_set_text (self->sign_in_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_error), message != NULL);
}

static void
update_keyring (RapportSyncPage *self)
{
  const char *message = self->app ? rapport_application_get_keyring_error (self->app) : NULL;

  gtk_label_set_text (self->keyring_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_group), message != NULL);
}

static void
update_status (RapportSyncPage *self)
{
  RapportSyncStatus status = rapport_sync_client_get_status (self->sync);
  const char *message = rapport_sync_client_get_message (self->sync);
  gboolean signed_in = status != RAPPORT_SYNC_SIGNED_OUT;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_group), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->join_group), signed_in);
  if (!signed_in)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->join_error), FALSE);
      return;
    }

  {
    g_autofree char *server = rapport_sync_client_get_server (self->sync);
    g_autofree char *user = rapport_sync_client_get_user (self->sync);
    /* Translators: %s is the name of the account on the sync server */
    g_autofree char *who = g_strdup_printf (_("Signed in as %s"), user ? user : "");

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), who);
    adw_action_row_set_subtitle (self->account_row, server ? server : "");
  }

  switch (status)
    {
    case RAPPORT_SYNC_SYNCING:
      title = g_strdup (_("Syncing…"));
      break;
    case RAPPORT_SYNC_OFFLINE:
      title = g_strdup (_("Offline — Rapport will try again"));
      break;
    case RAPPORT_SYNC_FAILED:
      title = g_strdup (_("Sync stopped"));
      break;
    case RAPPORT_SYNC_IDLE:
    case RAPPORT_SYNC_SIGNED_OUT:
    default:
      {
        gint64 last = rapport_sync_client_get_last_sync (self->sync);

        title = last > 0 ? format_last_sync (last) : g_strdup (_("Not synced yet"));
      }
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row,
                               (status == RAPPORT_SYNC_OFFLINE || status == RAPPORT_SYNC_FAILED) && message ? message
                                                                                                            : "");
  gtk_stack_set_visible_child_name (self->status_stack, status == RAPPORT_SYNC_SYNCING ? "working" : "button");
  gtk_spinner_set_spinning (self->status_spinner, status == RAPPORT_SYNC_SYNCING);
}

/* Signing in */

static void
on_sign_in_changed (RapportSyncPage *self)
{
  update_sign_in_button (self);
}

static void
on_signed_in (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = rapport_sync_client_sign_in_finish (RAPPORT_SYNC_CLIENT (source), result, &error);
  g_autoptr(RapportSyncPage) self = user_data;

  if (token != NULL)
    rapport_application_keep_sign_in (self->app, token);
  if (self->disposed)
    return;
  self->signing_in = FALSE;
  update_sign_in_button (self);
  if (token == NULL)
    {
      /* The server's own words for a refused password are not translated,
       * and say nothing of the invitation. */
      if (g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNAUTHORIZED))
        show_sign_in_error (self, is_blank (text_of (self->invitation_row))
                            ? _("The server did not accept this account name and password.")
                            : _("The server did not accept this account name and password, or the "
                                          "invitation code has been used or has expired."));
      else
        show_sign_in_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->invitation_row), "");
}

static void
on_sign_in_clicked (RapportSyncPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_strstrip (g_strdup (text_of (self->server_row)));
  g_autofree char *user = g_strstrip (g_strdup (text_of (self->user_row)));
  g_autofree char *invitation = g_strstrip (g_strdup (text_of (self->invitation_row)));
  g_autofree char *device = NULL;

  /* Enter in any field lands here too. */
  if (self->sync == NULL || self->signing_in || !gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)))
    return;
  if (!rapport_sync_client_check_address (server, &error))
    {
      show_sign_in_error (self, error->message);
      return;
    }
  show_sign_in_error (self, NULL);
  self->signing_in = TRUE;
  update_sign_in_button (self);
  /* Translators: how the server lists this computer among the account's
   * devices; %s is the computer's name */
  device = g_strdup_printf (_("Rapport on %s"), g_get_host_name ());
  rapport_sync_client_sign_in_async (self->sync, server, user, text_of (self->password_row),
                                     *invitation != '\0' ? invitation : NULL, device, NULL, on_signed_in,
                                     g_object_ref (self));
}

/* Signed in */

static void
on_sign_out_response (RapportSyncPage *self,
                      const char *response)
{
  if (g_str_equal (response, "sign-out") && self->app != NULL)
    rapport_application_sign_out (self->app);
}

static void
on_sign_out_clicked (RapportSyncPage *self)
{
  g_autofree char *server = rapport_sync_client_get_server (self->sync);
  g_autofree char *body =
      /* Translators: %s is the sync server's address */
      g_strdup_printf (_("This computer stops syncing with %s. Edits you make while signed out stay on this "
                         "computer; they are sent when you sign in to the same account again."),
                          server ? server : "");
  GtkWidget *dialog = rapport_confirm_new (GTK_WIDGET (self), _("Sign Out of Sync?"), body, "sign-out",
                                                                 _("_Sign Out"));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync_now_clicked (RapportSyncPage *self)
{
  /* How it went shows in the status row, which follows the client. */
  rapport_sync_client_sync_async (self->sync, NULL, NULL, NULL);
}

static void
on_joined (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportSyncPage) self = user_data;

  if (rapport_sync_client_join_finish (RAPPORT_SYNC_CLIENT (source), result, &error))
    rapport_sync_client_sync_async (RAPPORT_SYNC_CLIENT (source), NULL, NULL, NULL);
  if (self->disposed)
    return;
  self->joining = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_row), TRUE);
  /* A toast is one line: the reason, and what to do, would be cut off.
   * It shows under the code instead, like a failed sign-in. */
  if (error != NULL)
    {
      if (g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED))
        gtk_label_set_text (self->join_error, _("The server did not accept this invitation code. A code works "
                                                "once, for 14 days: ask for a new one."));
      else
        gtk_label_set_text (self->join_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->join_error), TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->join_row), "");
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (_("You joined the huddle")));
}

static void
on_join_apply (RapportSyncPage *self)
{
  g_autofree char *code = g_strstrip (g_strdup (text_of (self->join_row)));

  if (self->joining || *code == '\0')
    return;
  self->joining = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->join_error), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_row), FALSE);
  rapport_sync_client_join_async (self->sync, code, NULL, on_joined, g_object_ref (self));
}

/* The fields a failed or earlier sign-in left are kept; a store that
 * remembers its server offers it again. */
static void
fill_remembered (RapportSyncPage *self)
{
  g_autofree char *server = rapport_sync_client_get_server (self->sync);
  g_autofree char *user = rapport_sync_client_get_user (self->sync);

  if (server != NULL && is_blank (text_of (self->server_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  if (user != NULL && is_blank (text_of (self->user_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
}

static void
on_status_changed (RapportSyncPage *self)
{
  if (rapport_sync_client_get_status (self->sync) == RAPPORT_SYNC_SIGNED_OUT)
    fill_remembered (self);
  update_status (self);
}

/**
 * rapport_sync_page_set_application:
 * @self: the page
 * @app: the application, whose store has a sync client
 *
 * Shows and follows @app's sync client.
 */
void
rapport_sync_page_set_application (RapportSyncPage *self,
                                   RapportApplication *app)
{
  g_return_if_fail (RAPPORT_IS_SYNC_PAGE (self));
  g_return_if_fail (RAPPORT_IS_APPLICATION (app));
  g_return_if_fail (self->app == NULL);

  self->app = g_object_ref (app);
  self->sync = rapport_application_get_sync (app);
  g_return_if_fail (self->sync != NULL);
  g_object_ref (self->sync);

  g_signal_connect_object (self->sync, "notify::status", G_CALLBACK (on_status_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::message", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::last-sync", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::keyring-error", G_CALLBACK (update_keyring), self, G_CONNECT_SWAPPED);
  fill_remembered (self);
  update_sign_in_button (self);
  update_status (self);
  update_keyring (self);
}

static void
rapport_sync_page_dispose (GObject *object)
{
  RapportSyncPage *self = RAPPORT_SYNC_PAGE (object);

  self->disposed = TRUE;
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->app != NULL)
    g_signal_handlers_disconnect_by_data (self->app, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SYNC_PAGE);
  G_OBJECT_CLASS (rapport_sync_page_parent_class)->dispose (object);
}

static void
rapport_sync_page_finalize (GObject *object)
{
  RapportSyncPage *self = RAPPORT_SYNC_PAGE (object);

  g_clear_object (&self->sync);
  g_clear_object (&self->app);
  G_OBJECT_CLASS (rapport_sync_page_parent_class)->finalize (object);
}

static void
rapport_sync_page_class_init (RapportSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_sync_page_dispose;
  object_class->finalize = rapport_sync_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weandco/Rapport/preferences/rapport-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, invitation_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, sign_in_error);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, sign_in_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, status_row);
  gtk_widget_class_bind_template_child_full (widget_class, "sign_out_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, join_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, join_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, join_error);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, keyring_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, keyring_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_join_apply);
}

static void
rapport_sync_page_init (RapportSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
