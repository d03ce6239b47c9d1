/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-desktop.c: the real window meeting the rest of the desktop.
 *
 * Rapport runs as the installed app does, owning its name on a session bus
 * of its own (GTestDBus, so that no other test's instance answers). The
 * cases call its search provider as GNOME Shell does, at the bus name and
 * object path of the search-provider file, and check that a chosen result
 * opens its card and "more results" the search; then they open a card's
 * email, web site, LinkedIn and city with a stand-in default app (a
 * desktop file in the test's own data folder that writes down each address
 * it is given) and check what it received, and the toast when nothing
 * handles a phone call; last, they share a card and the user's own as a
 * QR code, which zbarimg must read back from the pixels on screen exactly
 * as the vCard. Without a display this program fails.
 */
#define G_LOG_DOMAIN "test-ui-desktop"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-contact-page.h"
#include "rapport-contacts-view.h"
#include "rapport-qr-code.h"
#include "rapport-share-dialog.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-vcard.h"
#include "rapport-window.h"

#define TODAY "2026-11-25"
#define IFACE "org.gnome.Shell.SearchProvider2"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static char *opened_log;       /* what the stand-in default app was given */
static GDBusConnection *shell; /* the Shell's side of the bus */
static char *bus_name;
static char *object_path;
static gint64 zoe_id;
static char *zoe_uuid;

static gint64
add_contact (RapportStore *store,
             const char *name,
             const char *company,
             RapportContact **out)
{
  g_autoptr(RapportContact) contact = rapport_contact_new (name);
  g_autoptr(GError) error = NULL;

  rapport_contact_set_company (contact, company);
  if (g_str_equal (name, "Zoë Ångström"))
    {
      rapport_contact_set_job_title (contact, "Broker");
      rapport_contact_add_email (contact, "work", "zoe@nordlys.example");
      rapport_contact_add_phone (contact, "mobile", "+47 22 55 01 23");
      rapport_contact_set_website (contact, "nordlys.example");
      rapport_contact_set_linkedin (contact, "zoe-angstrom");
      rapport_contact_set_city (contact, "Tromsø");
    }
  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_object_ref (contact);
  return rapport_contact_get_id (contact);
}

static void
fill_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rapport_store_get_default_path ();
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autoptr(RapportContact) zoe = NULL;

  g_assert_no_error (error);
  add_contact (store, "Olav Berg", "Fjord Insurance", NULL);
  add_contact (store, "Nora Lind", "Nordlys Realty", NULL);
  zoe_id = add_contact (store, "Zoë Ångström", "Nordlys Realty", &zoe);
  zoe_uuid = g_strdup (rapport_contact_get_uuid (zoe));
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Anders %02u", i);

      add_contact (store, name, "Polar Build", NULL);
    }
}

/* A default app for mailto:, http: and https: (not tel:, not maps:) that
 * appends each address it is given to a file. */
static void
install_stand_in_opener (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *script = g_build_filename (tmp_dir, "opener.sh", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = g_build_filename (apps, "rapport-test-opener.desktop", NULL);
  g_autofree char *desktop_text = NULL;
  /* Beside the desktop file: GIO still reads a mimeapps.list there, and
   * the test's data folder is its own. */
  g_autofree char *mimeapps = g_build_filename (apps, "mimeapps.list", NULL);
  static const char *const schemes[] = { "mailto", "http", "https" };
  g_autoptr(GString) defaults = g_string_new ("[Default Applications]\n");

  opened_log = g_build_filename (tmp_dir, "opened.txt", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", opened_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Opener\nExec=%s %%u\n"
                                  "MimeType=x-scheme-handler/mailto;x-scheme-handler/http;x-scheme-handler/https;\n"
                                  "NoDisplay=true\n",
                                  script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    g_string_append_printf (defaults, "x-scheme-handler/%s=rapport-test-opener.desktop\n", schemes[i]);
  g_assert_true (g_file_set_contents (mimeapps, defaults->str, -1, &error));
  g_assert_no_error (error);
}

static void
read_provider_file (void)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_key_file_load_from_file (file, SEARCH_PROVIDER_FILE, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  bus_name = g_key_file_get_string (file, "Shell Search Provider", "BusName", &error);
  g_assert_no_error (error);
  object_path = g_key_file_get_string (file, "Shell Search Provider", "ObjectPath", &error);
  g_assert_no_error (error);
}

static GVariant *
call_provider (const char *method,
               GVariant *parameters,
               const char *reply_type)
{
  RapportTestWait wait = { 0 };
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (shell, bus_name, object_path, IFACE, method, parameters, G_VARIANT_TYPE (reply_type),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, rapport_test_wait_done, &wait);
  rapport_test_wait (&wait, 15);
  reply = g_dbus_connection_call_finish (shell, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  return reply;
}

static const char *
shown_name (void)
{
  GtkLabel *label = rapport_test_template_child (rapport_test_contact_page (window), RAPPORT_TYPE_CONTACT_PAGE, "name_label");

  return gtk_label_get_label (label);
}

/* The Shell finds Zoë by a word of her name without its accents, and
 * choosing her opens her card in the window. */
static void
test_shell_activate (void)
{
  const char *const terms[] = { "angst", NULL };
  g_autoptr(GVariant) found = call_provider ("GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  g_autoptr(GVariant) activated = NULL;
  g_autofree const char **results = NULL;

  g_variant_get (found, "(^a&s)", &results);
  g_assert_cmpuint (g_strv_length ((char **) results), ==, 1);
  g_assert_cmpstr (results[0], ==, zoe_uuid);

  /* Another card is on screen first, so the change is seen. */
  rapport_window_show_contact (window, zoe_id - 1);
  rapport_test_pump (50);
  g_assert_cmpstr (shown_name (), ==, "Nora Lind");

  activated = call_provider ("ActivateResult", g_variant_new ("(s^asu)", results[0], terms, 0), "()");
  rapport_test_pump (100);
  g_assert_cmpstr (shown_name (), ==, "Zoë Ångström");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
}

/* "More results" opens the list with the Shell's words in the search bar,
 * without the filter the list had. */
static void
test_shell_launch_search (void)
{
  const char *const terms[] = { "nordlys", "re", NULL };
  RapportContactsView *view = rapport_test_contacts_view (window);
  GtkEditable *entry = rapport_test_template_child (view, RAPPORT_TYPE_CONTACTS_VIEW, "search_entry");
  GtkGridView *list_view = rapport_test_template_child (view, RAPPORT_TYPE_CONTACTS_VIEW, "list_view");
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (list_view));
  g_autoptr(GVariant) launched = NULL;
  gboolean starred_only = TRUE;

  g_object_set (view, "starred-only", TRUE, NULL);
  rapport_test_pump (20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  launched = call_provider ("LaunchSearch", g_variant_new ("(^asu)", terms, 0), "()");
  rapport_test_pump (100);

  g_object_get (view, "starred-only", &starred_only, NULL);
  g_assert_false (starred_only);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "nordlys re");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (focus == GTK_WIDGET (entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
  }
  gtk_editable_set_text (entry, "");
  rapport_test_pump (20);
}

/* Every address the stand-in app has been given so far. */
static GStrv
opened (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (opened_log, &text, NULL, NULL))
    return g_new0 (char *, 1);
  return g_strsplit (g_strchomp (text), "\n", -1);
}

static void
wait_opened (guint count)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  for (;;)
    {
      g_auto(GStrv) lines = opened ();

      if (g_strv_length (lines) >= count)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("The default app was given %u addresses, not %u", g_strv_length (lines), count);
      rapport_test_pump (20);
    }
}

/* The open button of the card's row titled @value. */
static GtkWidget *
open_button (const char *value)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (rapport_test_contact_page (window)), value);
  GtkWidget *button = rapport_test_find_named (row, "open-link-button");

  g_assert_nonnull (button);
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  return button;
}

static void
test_open_links (void)
{
  g_auto(GStrv) lines = NULL;
  GtkWidget *website_row;

  rapport_window_show_contact (window, zoe_id);
  rapport_test_pump (50);

  rapport_test_click (open_button ("zoe@nordlys.example"));
  wait_opened (1);

  /* The whole row opens too, as in GNOME Contacts. */
  website_row = rapport_test_find_row (GTK_WIDGET (rapport_test_contact_page (window)), "nordlys.example");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (website_row)));
  adw_action_row_activate (ADW_ACTION_ROW (website_row));
  rapport_test_pump (50);
  wait_opened (2);

  rapport_test_click (open_button ("zoe-angstrom"));
  wait_opened (3);

  /* No maps app here: the city opens as a map search in the browser. */
  rapport_test_click (open_button ("Tromsø"));
  wait_opened (4);

  lines = opened ();
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "mailto:zoe@nordlys.example");
  g_assert_cmpstr (lines[1], ==, "https://nordlys.example");
  g_assert_cmpstr (lines[2], ==, "https://www.linkedin.com/in/zoe-angstrom");
  g_assert_cmpstr (lines[3], ==, "https://www.openstreetmap.org/search?query=Troms%C3%B8");
}

/* Nothing here handles tel:: the toast says so in plain words. */
static void
test_open_phone_fails (void)
{
  g_auto(GStrv) lines = NULL;
  GtkWidget *toast_label = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  rapport_window_show_contact (window, zoe_id);
  rapport_test_pump (50);
  rapport_test_click (open_button ("+47 22 55 01 23"));
  while (toast_label == NULL && g_get_monotonic_time () < deadline)
    {
      rapport_test_pump (50);
      toast_label = rapport_test_find_label (GTK_WIDGET (window), "No app is set up to call");
    }
  g_assert_nonnull (toast_label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (toast_label)), ==, "No app is set up to call +47 22 55 01 23");

  lines = opened ();
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
}

static RapportShareDialog *
find_share_dialog (void)
{
  return (RapportShareDialog *) rapport_test_find_toplevel (RAPPORT_TYPE_SHARE_DIALOG, NULL);
}

static void
close_share_dialog (RapportShareDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  rapport_test_pump (50);
  g_assert_null (find_share_dialog ());
}

/* The code on screen, as a phone's camera would read it. */
static char *
read_code_on_screen (RapportShareDialog *dialog)
{
  GtkStack *stack = rapport_test_template_child (dialog, RAPPORT_TYPE_SHARE_DIALOG, "code_stack");
  GtkWidget *qr = rapport_test_template_child (dialog, RAPPORT_TYPE_SHARE_DIALOG, "qr_code");
  g_autoptr(GdkTexture) shown = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "code");
  g_assert_cmpuint (rapport_qr_code_get_modules (RAPPORT_QR_CODE (qr)), >, 0);
  /* Big enough to scan across a table: at least four pixels a module. */
  g_assert_cmpint (gtk_widget_get_width (qr), >=,
                   4 * (rapport_qr_code_get_modules (RAPPORT_QR_CODE (qr)) + 2 * RAPPORT_QR_QUIET_ZONE));
  shown = rapport_test_render_widget (qr);
  return rapport_test_read_qr (shown, tmp_dir);
}

/* Share Contact on Zoë's card: the code shows her business card, which a
 * scanner reads back exactly, without her notes. */
static void
test_share_contact (void)
{
  g_autoptr(RapportContact) zoe = rapport_store_get_contact (rapport_test_app_store (app), zoe_id, NULL);
  g_autofree char *expected = rapport_vcard_write_shared (zoe);
  g_autofree char *read = NULL;
  RapportShareDialog *dialog;
  GtkLabel *name;

  rapport_window_show_contact (window, zoe_id);
  rapport_test_pump (50);
  rapport_test_click (rapport_test_template_child (rapport_test_contact_page (window), RAPPORT_TYPE_CONTACT_PAGE,
                                                   "share_button"));
  rapport_test_pump (200);
  dialog = find_share_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  name = rapport_test_template_child (dialog, RAPPORT_TYPE_SHARE_DIALOG, "name_label");
  g_assert_cmpstr (gtk_label_get_label (name), ==, "Zoë Ångström");
  g_assert_cmpstr (rapport_share_dialog_get_vcard (dialog), ==, expected);
  g_assert_nonnull (strstr (expected, "EMAIL;TYPE=work:zoe@nordlys.example"));

  read = read_code_on_screen (dialog);
  g_assert_cmpstr (read, ==, expected);
  g_assert_nonnull (rapport_test_find_button (GTK_WIDGET (dialog), "_Save as vCard…"));
  close_share_dialog (dialog);
}

/* A card too long for any QR code says so where the code would be, and
 * can still be saved as a file. */
static void
test_share_too_long (void)
{
  g_autoptr(RapportContact) crowded = rapport_contact_new ("Ida Many-Addresses");
  g_autoptr(GError) error = NULL;
  RapportShareDialog *dialog;
  GtkStack *stack;
  AdwStatusPage *page;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *address = g_strdup_printf ("ida.desk-%03u@many-addresses.example", i);

      rapport_contact_add_email (crowded, "work", address);
    }
  g_assert_true (rapport_store_create_contact (rapport_test_app_store (app), crowded, NULL, &error));
  g_assert_no_error (error);
  rapport_window_show_contact (window, rapport_contact_get_id (crowded));
  rapport_test_pump (50);
  rapport_test_click (rapport_test_template_child (rapport_test_contact_page (window), RAPPORT_TYPE_CONTACT_PAGE,
                                                   "share_button"));
  rapport_test_pump (100);
  dialog = find_share_dialog ();
  g_assert_nonnull (dialog);
  stack = rapport_test_template_child (dialog, RAPPORT_TYPE_SHARE_DIALOG, "code_stack");
  page = rapport_test_template_child (dialog, RAPPORT_TYPE_SHARE_DIALOG, "too_long_page");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "too-long");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "a QR code holds at most 2953"));
  g_assert_true (gtk_widget_is_sensitive (rapport_test_find_button (GTK_WIDGET (dialog), "_Save as vCard…")));
  close_share_dialog (dialog);
}

/* Share My Card asks for a name first, then shows the user's card made of
 * their profile: name and services. */
static void
test_share_my_card (void)
{
  RapportStore *store = rapport_test_app_store (app);
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  RapportShareDialog *dialog;
  GtkWidget *toast_label = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.share-my-card", NULL);
  while (toast_label == NULL && g_get_monotonic_time () < deadline)
    {
      rapport_test_pump (50);
      toast_label = rapport_test_find_label (GTK_WIDGET (window), "Add your name to your profile");
    }
  g_assert_nonnull (toast_label);
  g_assert_null (find_share_dialog ());

  profile = rapport_store_get_profile (store);
  profile->name = g_strdup ("Sam Okafor");
  profile->services = g_strdup ("Commercial insurance for small businesses");
  g_assert_true (rapport_store_save_profile (store, profile, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.share-my-card", NULL);
  rapport_test_pump (200);
  dialog = find_share_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (rapport_test_template_child (dialog, RAPPORT_TYPE_SHARE_DIALOG,
                                                                                "name_label"))),
                   ==, "Sam Okafor");
  read = read_code_on_screen (dialog);
  g_assert_cmpstr (read, ==, rapport_share_dialog_get_vcard (dialog));
  g_assert_nonnull (strstr (read, "\r\nFN:Sam Okafor\r\n"));
  g_assert_nonnull (strstr (read, "\r\nTITLE:Commercial insurance for small businesses\r\n"));
  close_share_dialog (dialog);
}

int
main (int argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  int status;

  /* Before GLib reads them: a bus and a data folder of our own, and a
   * fixed today. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus unsets the display along with the bus it replaces. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  tmp_dir = rapport_test_ui_prepare ("ui-desktop", TODAY, &argc, &argv);

  fill_network ();
  install_stand_in_opener ();
  read_provider_file ();
  window = rapport_test_ui_launch (&app, TRUE);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  shell = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                      G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/rapport/ui/desktop/shell/activate", test_shell_activate);
  g_test_add_func ("/rapport/ui/desktop/shell/launch-search", test_shell_launch_search);
  g_test_add_func ("/rapport/ui/desktop/links/open", test_open_links);
  g_test_add_func ("/rapport/ui/desktop/links/phone-fails", test_open_phone_fails);
  g_test_add_func ("/rapport/ui/desktop/share/contact", test_share_contact);
  g_test_add_func ("/rapport/ui/desktop/share/too-long", test_share_too_long);
  g_test_add_func ("/rapport/ui/desktop/share/my-card", test_share_my_card);
  status = g_test_run ();

  g_dbus_connection_close_sync (shell, NULL, NULL);
  g_clear_object (&shell);
  rapport_test_ui_quit (window, &app, tmp_dir);
  /* The application's bus connection is GIO's shared one, which GTK keeps
   * to the end: the bus stops without waiting for it to go, and the
   * GTestDBus, which would wait when freed, lives until the exit. */
  g_test_dbus_stop (bus);
  g_free (opened_log);
  g_free (bus_name);
  g_free (object_path);
  g_free (zoe_uuid);
  g_free (tmp_dir);
  return status;
}
