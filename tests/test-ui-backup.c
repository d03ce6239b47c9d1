/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-backup.c: Back Up… and Restore from Backup… in the real window.
 *
 * The user backs up through the menu's file chooser, changes their data,
 * then restores the backup, answers the question that names it, and sees
 * the old data in the contact list again. A file that is not a backup is
 * refused with a message and no question. Export Calendar… sits beside
 * them. Without a display this program fails: it never skips.
 */
#define G_LOG_DOMAIN "test-ui-backup"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rapport-backup-dialogs.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static char *backup_path;

#define TODAY "2026-11-25"

static RapportStore *
store (void)
{
  return rapport_test_app_store (app);
}

static GtkWidget *
toasts (void)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "toast_overlay");
}

static GtkWidget *
contacts (void)
{
  return GTK_WIDGET (rapport_test_contacts_view (window));
}

/* Runs the main loop until a label under @root starts with @prefix, for
 * at most 20 seconds. */
static GtkWidget *
wait_for_label (GtkWidget *root,
                const char *prefix)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWidget *label;

  while ((label = rapport_test_find_label (root, prefix)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No label starting “%s” after 20 s", prefix);
      rapport_test_pump (20);
    }
  return label;
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWindow *found;

  while ((found = rapport_test_find_toplevel (type, GTK_WINDOW (window))) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No %s after 20 s", g_type_name (type));
      rapport_test_pump (20);
    }
  return found;
}

static void
rename_contact (const char *from,
                const char *to)
{
  g_autoptr(GArray) ids = rapport_test_search (store (), from, FALSE);
  g_autoptr(RapportContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ids->len, ==, 1);
  contact = rapport_store_get_contact (store (), g_array_index (ids, gint64, 0), &error);
  rapport_contact_set_display_name (contact, to);
  g_assert_true (rapport_store_update_contact (store (), contact, &error));
  g_assert_no_error (error);
}

static void
test_back_up (void)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store (), "Ann Lee");
  g_autoptr(RapportContact) ben = rapport_test_add_contact (store (), "Ben Ode");
  g_autoptr(GFile) file = g_file_new_for_path (backup_path);
  GtkFileChooser *chooser;

  rapport_test_pump (200);
  g_assert_nonnull (rapport_test_find_label (contacts (), "Ann Lee"));

  /* The menu's Back Up… asks where, suggesting a name with the date. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back-up", NULL));
  chooser = GTK_FILE_CHOOSER (wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Back Up");
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (name, ==, "Rapport backup " TODAY ".db");
  }
  /* Driving GTK's own file chooser is not the point: cancel it, and back
   * up to the file as if it had been chosen. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rapport_test_pump (100);
  g_assert_null (rapport_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, GTK_WINDOW (window)));
  g_assert_null (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));
  rapport_backup_dialogs_back_up (window, file);

  wait_for_label (toasts (), "Backed up to “backup.db”");
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));
  /* The progress dialog is gone with the work. */
  g_assert_null (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
}

static void
test_restore (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (backup_path);
  g_autoptr(RapportContact) cara = NULL;
  g_autofree char *backups = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *chooser;
  const char *body;

  /* Life goes on after the backup. */
  rename_contact ("ann", "Ann Changed");
  cara = rapport_test_add_contact (store (), "Cara Diaz");
  rapport_test_pump (200);
  g_assert_nonnull (rapport_test_find_label (contacts (), "Ann Changed"));
  g_assert_nonnull (rapport_test_find_label (contacts (), "Cara Diaz"));

  /* The menu's Restore from Backup… asks for a file first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Restore from Backup");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rapport_test_pump (100);
  g_assert_null (rapport_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, GTK_WINDOW (window)));

  rapport_backup_dialogs_restore (window, file);
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* The question names the backup and where today's data goes first. */
  while (g_strcmp0 (adw_message_dialog_get_heading (dialog), "Restore from Backup?") != 0)
    {
      rapport_test_pump (20);
      dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    }
  body = adw_message_dialog_get_body (dialog);
  g_assert_true (g_str_has_prefix (body, "Replace everything in Rapport with the backup from "));
  g_assert_nonnull (strstr (body, "(2 contacts)"));
  g_assert_nonnull (strstr (body, "What is here now is saved first as “before-restore-v"));
  /* Nothing has changed yet. */
  g_assert_cmpuint (rapport_store_count_contacts (store (), FALSE), ==, 3);

  rapport_test_click (rapport_test_find_button (GTK_WIDGET (dialog), "_Replace"));
  wait_for_label (toasts (), "Backup restored. What was here before is saved as “before-restore-v");
  rapport_test_pump (200);

  /* The list shows the backup's people again. */
  g_assert_nonnull (rapport_test_find_label (contacts (), "Ann Lee"));
  g_assert_nonnull (rapport_test_find_label (contacts (), "Ben Ode"));
  g_assert_null (rapport_test_find_label (contacts (), "Cara Diaz"));
  g_assert_null (rapport_test_find_label (contacts (), "Ann Changed"));
  g_assert_cmpuint (rapport_store_count_contacts (store (), FALSE), ==, 2);
  g_assert_null (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));

  /* What was there before the restore was saved beside the database. */
  backups = rapport_store_get_backups_dir (store ());
  {
    g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
    const char *name;
    guint n = 0;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_true (g_str_has_prefix (name, "before-restore-v"));
        n++;
      }
    g_assert_cmpuint (n, ==, 1);
  }
}

/* A file that is not a backup: a message in words, no question, nothing
 * changed. */
static void
test_restore_refused (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "Shopping list: milk, eggs", -1, NULL));
  rapport_backup_dialogs_restore (window, file);
  wait_for_label (toasts (), "“notes.txt” cannot be restored: it is damaged or is not a database. Nothing was changed.");
  g_assert_null (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  g_assert_cmpuint (rapport_store_count_contacts (store (), FALSE), ==, 2);
}

/* Export Calendar… offers one .ics named after the app. */
static void
test_export_calendar_menu (void)
{
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-calendar", NULL));
  chooser = GTK_FILE_CHOOSER (wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Calendar");
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, "Rapport.ics");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rapport_test_pump (100);
  g_assert_null (rapport_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, GTK_WINDOW (window)));
}

int
main (int argc,
      char *argv[])
{
  int status;

  tmp_dir = rapport_test_ui_prepare ("ui-backup", TODAY, &argc, &argv);
  backup_path = g_build_filename (tmp_dir, "backup.db", NULL);
  window = rapport_test_ui_launch (&app, FALSE);

  g_test_add_func ("/rapport/ui/backup/back-up", test_back_up);
  g_test_add_func ("/rapport/ui/backup/restore", test_restore);
  g_test_add_func ("/rapport/ui/backup/restore-refused", test_restore_refused);
  g_test_add_func ("/rapport/ui/backup/export-calendar-menu", test_export_calendar_menu);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  g_free (backup_path);
  return status;
}
