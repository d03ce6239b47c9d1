/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-damaged.c: the window over a database Rapport cannot read.
 *
 * The user's file is garbage; the window must say so in words, offer
 * nothing that could write, and leave the file byte for byte as it was.
 */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rapport-application.h"
#include "rapport-contact-editor.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

static RapportApplication *app;
static RapportWindow *window;
static char *db_path;
static GBytes *original;

static void
test_explains (void)
{
  GtkStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "main_stack");
  AdwStatusPage *page = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "error_page");
  GtkWidget *new_button = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "new_button");

  g_assert_null (rapport_application_get_store (app));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "damaged or is not a Rapport database"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "has not changed the file"));
  g_assert_false (gtk_widget_get_visible (new_button));
}

static void
test_nothing_writes (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Ctrl+N does nothing here: there is no store to write to. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-contact", NULL);
  rapport_test_pump (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
      g_assert_false (RAPPORT_IS_CONTACT_EDITOR (item));
    }
}

static void
test_file_untouched (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  gsize length;

  g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (original));
  g_assert_true (memcmp (contents, g_bytes_get_data (original, NULL), length) == 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *rapport_dir = NULL;
  guint8 garbage[8192];
  int status;

  tmp_dir = g_dir_make_tmp ("rapport-ui-damaged-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  rapport_dir = g_build_filename (data_dir, "rapport", NULL);
  g_assert_cmpint (g_mkdir_with_parents (rapport_dir, 0700), ==, 0);
  db_path = g_build_filename (rapport_dir, "rapport.db", NULL);
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_random_int_range (0, 256);
  g_assert_true (g_file_set_contents (db_path, (const char *) garbage, sizeof garbage, NULL));
  original = g_bytes_new (garbage, sizeof garbage);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  if (gdk_display_get_default () == NULL)
    g_error ("No display: the UI tests need one (run them under Xvfb).");

  /* The store logs why it refused the file; that is expected here. */
  g_test_expect_message ("rapport-application", G_LOG_LEVEL_WARNING, "*cannot read*");
  app = rapport_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();
  g_application_activate (G_APPLICATION (app));
  rapport_test_pump (200);
  window = RAPPORT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);

  g_test_add_func ("/rapport/ui/damaged/explains", test_explains);
  g_test_add_func ("/rapport/ui/damaged/nothing-writes", test_nothing_writes);
  g_test_add_func ("/rapport/ui/damaged/file-untouched", test_file_untouched);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  rapport_test_pump (50);
  g_clear_object (&app);
  g_bytes_unref (original);
  rapport_test_remove_tree (tmp_dir);
  return status;
}
