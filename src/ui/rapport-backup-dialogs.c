/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-backup-dialogs.c: Back Up… and Restore from Backup… in the
 * window's menu.
 *
 * Both run as the store does them (rapport-backup.c): the window stays
 * responsive, a dialog shows how far it has come with a Cancel button,
 * and a toast says how it ended. Restoring asks first, naming the backup
 * and where what is here now will be saved. Sync stops while a restore
 * runs; a restored file is signed out, and the client is told so.
 */
#define G_LOG_DOMAIN "rapport-backup-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-backup-dialogs.h"
#include "rapport-backup.h"
#include "rapport-confirm.h"
#include "rapport-export.h"
#include "rapport-sample.h"
#include "rapport-text.h"
#include "rapport-toast.h"

/* A fraction below this counts as "not known yet": the bar pulses. */
#define UNKNOWN_PROGRESS 0.001

typedef struct
{
  RapportWindow *window;
  RapportStore *store;
  GFile *file;
  char *name;
  GCancellable *cancellable;
  AdwMessageDialog *dialog;
  GtkProgressBar *bar;
  guint pulse_id;
  RapportBackup *backup;
  gboolean sync_was_running;
} Job;

static void
close_progress (Job *job)
{
  g_clear_handle_id (&job->pulse_id, g_source_remove);
  if (job->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (job->dialog, job);
      /* Destroyed, not closed: closing would answer "cancel". */
      gtk_window_destroy (GTK_WINDOW (job->dialog));
      g_clear_object (&job->dialog);
    }
  job->bar = NULL;
}

static void
job_free (Job *job)
{
  close_progress (job);
  g_clear_object (&job->window);
  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->backup, rapport_backup_unref);
  g_free (job->name);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (RapportWindow *window,
         GFile *file)
{
  Job *job = g_new0 (Job, 1);

  job->window = g_object_ref (window);
  job->store = g_object_ref (rapport_window_get_store (window));
  job->file = g_object_ref (file);
  job->name = g_file_get_basename (file);
  job->cancellable = g_cancellable_new ();
  return job;
}

static void
toast (Job *job,
       const char *text)
{
  rapport_toast_show (adw_application_window_get_content (ADW_APPLICATION_WINDOW (job->window)),
                      rapport_toast_new (text));
}

static gboolean
pulse (gpointer user_data)
{
  Job *job = user_data;

  gtk_progress_bar_pulse (job->bar);
  return G_SOURCE_CONTINUE;
}

static void
on_progress (double fraction,
             gpointer user_data)
{
  Job *job = user_data;

  if (job->bar == NULL || fraction < UNKNOWN_PROGRESS)
    return;
  g_clear_handle_id (&job->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (job->bar, fraction);
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char *response,
                      Job *job)
{
  /* The dialog closes itself; the work stops at its next step and its
   * callback says how it ended. */
  g_cancellable_cancel (job->cancellable);
  g_signal_handlers_disconnect_by_data (job->dialog, job);
  g_clear_handle_id (&job->pulse_id, g_source_remove);
  g_clear_object (&job->dialog);
  job->bar = NULL;
}

/* A dialog with a progress bar and Cancel, in front of the window while
 * the work runs. The bar pulses until the first fraction arrives. */
static void
show_progress (Job *job,
               const char *heading,
               const char *body)
{
  GtkWidget *bar = gtk_progress_bar_new ();

  job->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (job->window), heading, body));
  g_object_ref_sink (job->dialog);
  adw_message_dialog_add_response (job->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (job->dialog, "cancel");
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_name (bar, "backup-progress");
  adw_message_dialog_set_extra_child (job->dialog, bar);
  job->bar = GTK_PROGRESS_BAR (bar);
  gtk_progress_bar_set_pulse_step (job->bar, 0.1);
  job->pulse_id = g_timeout_add (100, pulse, job);
  g_signal_connect (job->dialog, "response", G_CALLBACK (on_progress_response), job);
  gtk_window_present (GTK_WINDOW (job->dialog));
}

static char *
local_path (Job *job)
{
  char *path = g_file_get_path (job->file);

  if (path == NULL)
    rapport_window_show_error (job->window, _("Rapport keeps backups only in folders on this computer. "
                                              "Choose a folder there."));
  return path;
}

/* ---- Back Up ---- */

static void
on_backed_up (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  close_progress (job);
  if (rapport_store_back_up_finish (RAPPORT_STORE (source), result, &error))
    {
      /* TRANSLATORS: %s is a file name */
      message = g_strdup_printf (_("Backed up to “%s”"), job->name);
      toast (job, message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (job, _("Backup cancelled"));
  else
    {
      /* TRANSLATORS: %s says why, in a sentence */
      message = g_strdup_printf (_("Could not back up. %s"), error->message);
      rapport_window_show_error (job->window, message);
    }
}

/**
 * rapport_backup_dialogs_back_up:
 * @window: the main window
 * @file: where to write the backup
 *
 * Backs everything up to @file, with a progress dialog that can cancel,
 * and says how it went in a toast. This is what Back Up… does once the
 * file is chosen.
 */
void
rapport_backup_dialogs_back_up (RapportWindow *window,
                                GFile *file)
{
  g_autoptr(Job) job = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  Job *owned;

  g_return_if_fail (RAPPORT_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  if (rapport_window_get_store (window) == NULL)
    return;
  job = job_new (window, file);
  path = local_path (job);
  if (path == NULL)
    return;
  /* TRANSLATORS: %s is a file name */
  body = g_strdup_printf (_("Saving everything in Rapport to “%s”."), job->name);
  show_progress (job, _("Backing Up…"), body);
  /* The job is the callback's from here on. */
  owned = g_steal_pointer (&job);
  rapport_store_back_up_async (owned->store, path, owned->cancellable, on_progress, owned, on_backed_up, owned);
}

/* ---- Restore ---- */

static RapportSyncClient *
get_sync (Job *job)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (job->window));

  return RAPPORT_IS_APPLICATION (app) ? rapport_application_get_sync (RAPPORT_APPLICATION (app)) : NULL;
}

static void
on_restored (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  RapportSyncClient *sync = get_sync (job);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (job->window));
  gboolean ok;

  close_progress (job);
  ok = rapport_store_restore_finish (job->store, result, &safety, &error);
  if (sync != NULL)
    {
      /* The restored file is signed out; one where nothing was replaced
       * syncs on. */
      if (rapport_sync_client_has_device (sync))
        {
          if (job->sync_was_running)
            rapport_sync_client_start (sync);
        }
      else
        rapport_sync_client_set_token (sync, NULL);
    }
  if (ok)
    {
      g_autofree char *name = safety != NULL ? g_path_get_basename (safety) : NULL;
      g_autofree char *message = NULL;

      if (RAPPORT_IS_APPLICATION (app))
        g_settings_set_boolean (rapport_application_get_settings (RAPPORT_APPLICATION (app)), "sample-network",
                                rapport_sample_is_present (job->store));
      /* TRANSLATORS: %s is a file name in the backups folder */
      message = name != NULL ? g_strdup_printf (_("Backup restored. What was here before is saved as “%s”."), name)
                             : g_strdup (_("Backup restored."));
      toast (job, message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (job, _("Restore cancelled. Nothing was changed."));
  else
    rapport_window_show_error (job->window, error->message);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char *response,
                     gpointer user_data)
{
  g_autoptr(Job) job = user_data;
  RapportSyncClient *sync;
  g_autofree char *body = NULL;
  Job *owned;

  if (!g_str_equal (response, "restore"))
    return;
  sync = get_sync (job);
  if (sync != NULL)
    {
      job->sync_was_running = rapport_sync_client_get_status (sync) != RAPPORT_SYNC_SIGNED_OUT;
      rapport_sync_client_stop (sync);
    }
  /* TRANSLATORS: %s is a file name */
  body = g_strdup_printf (_("Saving what is here now, then replacing it with “%s”."), job->name);
  show_progress (job, _("Restoring…"), body);
  owned = g_steal_pointer (&job);
  rapport_store_restore_async (owned->store, owned->backup, owned->cancellable, on_progress, owned, on_restored, owned);
}

static char *
describe_backup (RapportBackup *backup)
{
  g_autoptr(GDateTime) made = g_date_time_new_from_unix_local (rapport_backup_get_made (backup));
  /* TRANSLATORS: when a backup was made, see the strftime() manual */
  g_autofree char *when = made != NULL ? g_strstrip (g_date_time_format (made, _("%-d %B %Y at %H:%M"))) : NULL;
  guint n = rapport_backup_get_n_contacts (backup);
  g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u contact", "%'u contacts", n), n);

  /* TRANSLATORS: the first %s is a date and time, the second how many contacts it holds */
  return when != NULL ? g_strdup_printf (_("the backup from %s (%s)"), when, people)
                      : g_strdup_printf (_("the backup (%s)"), people);
}

static void
ask_to_restore (Job *job)
{
  g_autofree char *what = describe_backup (job->backup);
  g_autofree char *safety = g_path_get_basename (rapport_backup_get_safety_path (job->backup));
  g_autoptr(GString) body = g_string_new (NULL);
  RapportSyncClient *sync = get_sync (job);
  GtkWidget *dialog;

  /* TRANSLATORS: the first %s is "the backup from <date> (<n> contacts)", the second a file name */
  g_string_printf (body, _("Replace everything in Rapport with %s? What is here now is saved first as “%s” in the "
                           "backups folder."),
                            what, safety);
  if (sync != NULL && rapport_sync_client_has_device (sync))
    g_string_append_printf (body, "\n\n%s",
                            _("This computer will be signed out of sync. Sign in again afterwards: what the "
                              "server has that the backup does not comes back, and the other devices keep "
                              "their data."));
  dialog = rapport_confirm_new (GTK_WIDGET (job->window), _("Restore from Backup?"), body->str, "restore",
                                                             _("_Replace"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_backup_opened (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;

  close_progress (job);
  job->backup = rapport_store_open_backup_finish (job->store, result, &error);
  if (job->backup == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rapport_window_show_error (job->window, error->message);
      return;
    }
  ask_to_restore (g_steal_pointer (&job));
}

/**
 * rapport_backup_dialogs_restore:
 * @window: the main window
 * @file: a backup
 *
 * Checks @file, then asks whether to replace everything with it, naming
 * the backup and where the current data will be saved, then restores it
 * with a progress dialog that can cancel. A file that cannot be restored
 * is refused in words, and nothing changes. This is what Restore from
 * Backup… does once the file is chosen.
 */
void
rapport_backup_dialogs_restore (RapportWindow *window,
                                GFile *file)
{
  g_autoptr(Job) job = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  Job *owned;

  g_return_if_fail (RAPPORT_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  if (rapport_window_get_store (window) == NULL)
    return;
  job = job_new (window, file);
  path = local_path (job);
  if (path == NULL)
    return;
  /* TRANSLATORS: %s is a file name */
  body = g_strdup_printf (_("Reading “%s”."), job->name);
  show_progress (job, _("Checking the Backup…"), body);
  owned = g_steal_pointer (&job);
  rapport_store_open_backup_async (owned->store, path, owned->cancellable, on_backup_opened, owned);
}

/* ---- Choosing the file ---- */

static GtkFileFilter *
backup_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Rapport backups"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (filter, "application/x-sqlite3");
  gtk_file_filter_add_pattern (filter, "*.db");
  return filter;
}

typedef void (*ChosenFunc) (RapportWindow *window, GFile *file);

static void
on_chosen (GtkNativeDialog *chooser,
           int response,
           gpointer user_data)
{
  RapportWindow *window = g_object_get_data (G_OBJECT (chooser), "window");
  ChosenFunc chosen = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        chosen (window, file);
    }
  rapport_file_chooser_release (chooser);
}

static void
choose (RapportWindow *window,
        GtkFileChooserAction action,
        const char *title,
        const char *accept,
        ChosenFunc chosen)
{
  g_autoptr(GtkFileFilter) filter = backup_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *today = rapport_date_today ();
      /* TRANSLATORS: the name suggested for a backup; %s is today's date, 2026-11-25 */
      g_autofree char *name = g_strdup_printf (_("Rapport backup %s.db"), today);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data_full (G_OBJECT (chooser), "window", g_object_ref (window), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chosen), chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * rapport_backup_dialogs_ask_back_up:
 * @window: the main window
 *
 * Back Up…: asks where to save a backup, then saves it there.
 */
void
rapport_backup_dialogs_ask_back_up (RapportWindow *window)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (window));
  choose (window, GTK_FILE_CHOOSER_ACTION_SAVE, _("Back Up"), _("_Back Up"), rapport_backup_dialogs_back_up);
}

/**
 * rapport_backup_dialogs_ask_restore:
 * @window: the main window
 *
 * Restore from Backup…: asks for a backup, then restores it.
 */
void
rapport_backup_dialogs_ask_restore (RapportWindow *window)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (window));
  choose (window, GTK_FILE_CHOOSER_ACTION_OPEN, _("Restore from Backup"), _("_Open"), rapport_backup_dialogs_restore);
}
