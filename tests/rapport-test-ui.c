/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-ui.c: what the UI tests share: running the main loop for a
 * while and finding the widgets a person would look at. */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "rapport-test-ui.h"
#include "rapport-test-util.h"

/* Lets GTK run idles, layout and timeouts for about @ms milliseconds. */
void
rapport_test_pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  do
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  while (g_get_monotonic_time () < end);
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

/* Walks the widgets under @root in tree order for one that @match accepts:
 * the first, or with @last the last; with @shown_only, not into hidden
 * widgets. */
static GtkWidget *
find (GtkWidget *root,
      Match match,
      gconstpointer data,
      gboolean shown_only,
      gboolean last)
{
  GtkWidget *found = match (root, data) ? root : NULL;

  if (found != NULL && !last)
    return found;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *below;

      if (shown_only && !gtk_widget_get_visible (child))
        continue;
      below = find (child, match, data, shown_only, last);
      if (below != NULL && !last)
        return below;
      if (below != NULL)
        found = below;
    }
  return found;
}

static gboolean
is_named (GtkWidget *widget,
          gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_of_type (GtkWidget *widget,
            gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label_starting (GtkWidget *widget,
                   gconstpointer prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
is_row_titled (GtkWidget *widget,
               gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The first list row (an entry, combo or action row) titled @title: forms
 * built in code have no template children to look up. */
GtkWidget *
rapport_test_find_row (GtkWidget *root,
                       const char *title)
{
  GtkWidget *row = find (root, is_row_titled, title, FALSE, FALSE);

  g_assert_nonnull (row);
  return row;
}

/* The first widget under @root named @name that is not hidden: a list
 * view keeps recycled rows whose parts are hidden, and nobody clicks those. */
GtkWidget *
rapport_test_find_named (GtkWidget *root,
                         const char *name)
{
  return find (root, is_named, name, TRUE, FALSE);
}

GtkWidget *
rapport_test_find_type (GtkWidget *root,
                        GType type)
{
  return find (root, is_of_type, GSIZE_TO_POINTER (type), FALSE, FALSE);
}

GtkWidget *
rapport_test_find_button (GtkWidget *root,
                          const char *label)
{
  return find (root, is_button_labelled, label, FALSE, FALSE);
}

/* The last such button: the newest of several toasts, say. */
GtkWidget *
rapport_test_find_last_button (GtkWidget *root,
                               const char *label)
{
  return find (root, is_button_labelled, label, FALSE, TRUE);
}

/* The first label whose text starts with @prefix. */
GtkWidget *
rapport_test_find_label (GtkWidget *root,
                         const char *prefix)
{
  return find (root, is_label_starting, prefix, FALSE, FALSE);
}

gpointer
rapport_test_template_child (gpointer widget,
                             GType type,
                             const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* The first visible toplevel of @type, other than @except. */
GtkWindow *
rapport_test_find_toplevel (GType type,
                            GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)) && item != except)
        return item;
    }
  return NULL;
}

/* Clicks @button as a person can: only when it can be clicked. */
void
rapport_test_click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  rapport_test_pump (50);
}

/**
 * rapport_test_read_qr:
 * @texture: a picture with a QR code in it
 * @dir: a folder to write the picture in
 *
 * Returns: (transfer full): what zbarimg (zbar-tools) reads in @texture,
 *   byte for byte; the test fails when it finds no code
 */
char *
rapport_test_read_qr (GdkTexture *texture,
                      const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "qr-code.png", NULL);
  g_autoptr(GSubprocess) zbar = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  g_assert_true (gdk_texture_save_to_png (texture, path));
  /* -Sbinary: the code's bytes as they are, with no line break added. */
  zbar = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "zbarimg",
                           "--quiet", "--raw", "-Sbinary", "-Sqrcode.enable", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (zbar, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (zbar))
    g_error ("zbarimg found no code in %s (exit %d)", path, g_subprocess_get_exit_status (zbar));
  data = g_bytes_get_data (out, &length);
  return g_strndup (data, length);
}

/* What @widget shows on screen, drawn by its window's renderer. */
GdkTexture *
rapport_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

RapportStore *
rapport_test_app_store (RapportApplication *app)
{
  RapportStore *store = rapport_application_get_store (app);

  g_assert_nonnull (store);
  return store;
}

RapportContactsView *
rapport_test_contacts_view (RapportWindow *window)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "contacts_view");
}

/* The card, which exists once a contact has been shown. */
RapportContactPage *
rapport_test_contact_page (RapportWindow *window)
{
  RapportContactPage *page = rapport_contacts_view_get_contact_page (rapport_test_contacts_view (window));

  g_assert_nonnull (page);
  return page;
}

/* Program set-up and tear-down shared by the UI tests. */

/**
 * rapport_test_ui_prepare:
 * @name: the test program's name, for its folder
 * @today: (nullable): the date Rapport takes as today, or %NULL
 * @argc: the program's arguments
 * @argv: the program's arguments
 *
 * Gives the program a fresh data folder and initialises GTK; with no
 * display, the program fails rather than skipping.
 *
 * Returns: (transfer full): the folder, for rapport_test_ui_quit()
 */
char *
rapport_test_ui_prepare (const char *name,
                         const char *today,
                         int *argc,
                         char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("rapport-%s-XXXXXX", name);
  g_autofree char *data_dir = NULL;
  char *tmp_dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  if (today != NULL)
    g_setenv ("RAPPORT_TODAY", today, TRUE);
  gtk_test_init (argc, argv, NULL);
  if (gdk_display_get_default () == NULL)
    g_error ("No display: the UI tests need one (run them under Xvfb).");
  return tmp_dir;
}

/**
 * rapport_test_ui_launch:
 * @app: (out): the application
 * @unique: whether it takes its name on the session bus, as the
 *   installed app does (notifications need it)
 *
 * Returns: (transfer none): the window it opens
 */
RapportWindow *
rapport_test_ui_launch (RapportApplication **app,
                        gboolean unique)
{
  g_autoptr(GError) error = NULL;
  RapportWindow *window;

  *app = rapport_application_new ();
  if (!unique)
    g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (*app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (*app));
  rapport_test_pump (200);
  window = RAPPORT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (*app)));
  g_assert_nonnull (window);
  return window;
}

/* Closes the window, quits the application and removes the folder. */
void
rapport_test_ui_quit (RapportWindow *window,
                      RapportApplication **app,
                      const char *tmp_dir)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rapport_test_pump (50);
  g_application_quit (G_APPLICATION (*app));
  g_clear_object (app);
  rapport_test_remove_tree (tmp_dir);
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char *name,
                  const char *owner,
                  gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * rapport_test_start_notification_server:
 *
 * Starts notification-daemon, the freedesktop.org reference server, on
 * the test's session bus, for the notification Rapport sends at start-up
 * when follow-ups are due; when another test's server already has the
 * name, that one serves. Fails the program when there is none.
 *
 * Returns: (transfer full): the server, for
 *   rapport_test_stop_notification_server()
 */
GSubprocess *
rapport_test_start_notification_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocess *server;
  gboolean appeared = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint watch;

  /* Silent, so that it never holds the test runner's pipes, and gone
   * with this process however that ends. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, NOTIFICATION_DAEMON, NULL);
  if (server == NULL)
    g_error ("%s is needed to test notifications: %s", NOTIFICATION_DAEMON, error->message);
  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications", G_BUS_NAME_WATCHER_FLAGS_NONE,
                            on_name_appeared, NULL, &appeared, NULL);
  while (!appeared && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_bus_unwatch_name (watch);
  if (!appeared)
    g_error ("%s did not take org.freedesktop.Notifications", NOTIFICATION_DAEMON);
  return server;
}

void
rapport_test_stop_notification_server (GSubprocess *server)
{
  g_subprocess_force_exit (server);
  g_object_unref (server);
}
