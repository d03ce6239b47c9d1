/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-sync.c: signing in to a real rapport-server from Preferences,
 * in the real window.
 *
 * A person opens Preferences → Sync from the app's action, types a wrong
 * password and reads why nothing happened, then signs in. The header bar
 * shows the sync state, an edit reaches a second computer (a store and a
 * client of the test's own, signed in through the client's API) after
 * Sync Now, a stopped server shows as offline, and signing out asks first
 * and forgets the token. A second start of the app signs itself in from
 * the keyring.
 *
 * The keyring is libsecret's file backend in the test's folder, so that
 * no Secret Service (absent or asking for a password under Xvfb) is
 * involved. Its folder does not exist at the first sign-in, so that the
 * keyring refuses the token once: the page must say so and sync anyway.
 * Without a display this program fails.
 */
#define G_LOG_DOMAIN "test-ui-sync"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-huddle-page.h"
#include "rapport-huddles-view.h"
#include "rapport-preferences-window.h"
#include "rapport-sync-client.h"
#include "rapport-sync-page.h"
#include "rapport-sync-secret.h"
#include "rapport-test-server.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

#define USER "ana"
#define PASSWORD "correct horse battery"
#define TIMEOUT_S 20

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static char *keyring_dir;
static RapportTestServer *server;

static RapportSyncClient *
sync_client (void)
{
  RapportSyncClient *sync = rapport_application_get_sync (app);

  g_assert_nonnull (sync);
  return sync;
}

typedef gboolean (*Condition) (void);

/* Runs the main loop until @condition holds; fails the test after a while. */
static void
wait_until (Condition condition,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (!condition ())
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      rapport_test_pump (20);
    }
}

static gboolean
is_idle (void)
{
  return rapport_sync_client_get_status (sync_client ()) == RAPPORT_SYNC_IDLE &&
         rapport_sync_client_get_last_sync (sync_client ()) > 0;
}

static gboolean
is_signed_out (void)
{
  return rapport_sync_client_get_status (sync_client ()) == RAPPORT_SYNC_SIGNED_OUT;
}

static gboolean
is_offline (void)
{
  return rapport_sync_client_get_status (sync_client ()) == RAPPORT_SYNC_OFFLINE;
}

static GtkWidget *
sync_button (void)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "sync_button");
}

/* Preferences, opened from the header bar's button or the app's action;
 * it must open on the Sync page. */
static RapportSyncPage *
open_sync_page (void)
{
  GtkWindow *prefs;
  AdwPreferencesPage *page;

  if (gtk_widget_get_visible (sync_button ()))
    rapport_test_click (sync_button ());
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences-sync", NULL);
  rapport_test_pump (100);
  prefs = rapport_test_find_toplevel (RAPPORT_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_nonnull (prefs);
  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs));
  g_assert_true (RAPPORT_IS_SYNC_PAGE (page));
  return RAPPORT_SYNC_PAGE (page);
}

static void
close_preferences (RapportSyncPage *page)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  rapport_test_pump (50);
}

static gpointer
child (RapportSyncPage *page,
       const char *name)
{
  return rapport_test_template_child (page, RAPPORT_TYPE_SYNC_PAGE, name);
}

static void
type (RapportSyncPage *page,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, row)), text);
}

static const char *
shown_error (RapportSyncPage *page)
{
  GtkWidget *label = child (page, "sign_in_error");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static RapportSyncPage *waiting_page;

static gboolean
has_error (void)
{
  return shown_error (waiting_page) != NULL;
}

static gboolean
has_keyring_message (void)
{
  return gtk_widget_get_visible (child (waiting_page, "keyring_group"));
}

/* A wrong password, and an address Rapport will not send a password to:
 * both said on the page, everything typed kept, still signed out. */
static void
test_refused (void)
{
  RapportSyncPage *page = open_sync_page ();
  GtkWidget *button = child (page, "sign_in_button");

  g_assert_false (gtk_widget_get_visible (sync_button ()));
  g_assert_true (gtk_widget_get_visible (child (page, "sign_in_group")));
  g_assert_false (gtk_widget_get_visible (child (page, "account_group")));

  /* Nothing to send until the address, the name and the password are in. */
  g_assert_false (gtk_widget_get_sensitive (button));
  type (page, "server_row", "http://rapport.example.org");
  type (page, "user_row", USER);
  g_assert_false (gtk_widget_get_sensitive (button));
  type (page, "password_row", "wrong password");
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Plain http leaves this computer only for this computer. */
  rapport_test_click (button);
  g_assert_nonnull (shown_error (page));
  g_assert_nonnull (strstr (shown_error (page), "https://"));
  g_assert_true (is_signed_out ());

  type (page, "server_row", rapport_test_server_get_url (server));
  rapport_test_click (button);
  waiting_page = page;
  wait_until (has_error, "the wrong password is refused");
  g_assert_cmpstr (shown_error (page), ==, "The server did not accept this account name and password.");
  g_assert_true (is_signed_out ());
  g_assert_false (gtk_widget_get_visible (sync_button ()));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "server_row"))), ==,
                   rapport_test_server_get_url (server));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "user_row"))), ==, USER);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "password_row"))), ==, "wrong password");
  g_assert_true (gtk_widget_get_sensitive (button));
  close_preferences (page);
}

/* The keyring's folder is missing, so it cannot keep the token: the page
 * says so and the computer syncs for this session all the same. */
static void
test_sign_in (void)
{
  RapportSyncPage *page = open_sync_page ();
  g_autofree char *remembered = NULL;
  AdwPreferencesRow *account;
  const char *tooltip;

  type (page, "server_row", rapport_test_server_get_url (server));
  type (page, "user_row", USER);
  type (page, "password_row", PASSWORD);
  /* Clicked without running the main loop, to see the button at work
   * before the server answers. */
  g_assert_true (gtk_widget_get_sensitive (child (page, "sign_in_button")));
  g_signal_emit_by_name (child (page, "sign_in_button"), "clicked");
  g_assert_false (gtk_widget_get_sensitive (child (page, "sign_in_button")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "sign_in_stack")), ==, "working");
  wait_until (is_idle, "the first sync after signing in is done");

  /* The page turned to the account. */
  g_assert_false (gtk_widget_get_visible (child (page, "sign_in_group")));
  g_assert_true (gtk_widget_get_visible (child (page, "account_group")));
  account = child (page, "account_row");
  g_assert_cmpstr (adw_preferences_row_get_title (account), ==, "Signed in as " USER);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (account)), ==, rapport_test_server_get_url (server));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (child (page, "status_row")), "Last synced today at "));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "password_row"))), ==, "");

  waiting_page = page;
  wait_until (has_keyring_message, "the page says the keyring did not keep the token");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (child (page, "keyring_label")),
                                   "The keyring could not keep this computer’s sign-in"));

  /* The header bar says it is synced. */
  g_assert_true (gtk_widget_get_visible (sync_button ()));
  tooltip = gtk_widget_get_tooltip_text (sync_button ());
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "Synced at "));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (rapport_test_template_child (window, RAPPORT_TYPE_WINDOW,
                                                                                  "sync_stack")),
                   ==, "idle");

  /* The store remembers where it syncs. */
  remembered = rapport_sync_client_get_server (sync_client ());
  g_assert_cmpstr (remembered, ==, rapport_test_server_get_url (server));
  close_preferences (page);
}

/* Another computer of the same person, driven through the client. */
typedef struct
{
  char *dir;
  RapportStore *store;
  RapportSyncClient *client;
} Device;

static Device *
other_device (void)
{
  Device *device = g_new0 (Device, 1);
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  RapportTestWait wait = { 0 };

  device->dir = rapport_test_make_tmp_dir ();
  path = g_build_filename (device->dir, "rapport.db", NULL);
  device->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  device->client = rapport_sync_client_new (device->store);
  rapport_sync_client_sign_in_async (device->client, rapport_test_server_get_url (server), USER, PASSWORD, NULL,
                                     "Second computer", NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, TIMEOUT_S);
  token = rapport_sync_client_sign_in_finish (device->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  return device;
}

static void
device_sync (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  RapportTestWait wait = { 0 };

  rapport_sync_client_sync_async (device->client, NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, TIMEOUT_S);
  g_assert_true (rapport_sync_client_sync_finish (device->client, result, &error));
  g_assert_no_error (error);
}

static void
device_free (Device *device)
{
  g_assert_finalize_object (device->client);
  g_assert_finalize_object (device->store);
  rapport_test_remove_tree (device->dir);
  g_free (device->dir);
  g_free (device);
}

static gboolean
is_syncing (void)
{
  return rapport_sync_client_get_status (sync_client ()) == RAPPORT_SYNC_SYNCING;
}

static void
test_sync_now (void)
{
  RapportStore *store = rapport_test_app_store (app);
  g_autoptr(RapportContact) contact = rapport_contact_new ("Rita Ruiz");
  g_autoptr(GError) error = NULL;
  RapportSyncPage *page;
  Device *other;

  rapport_contact_set_company (contact, "Ruiz Realty");
  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);

  page = open_sync_page ();
  /* Without running the main loop: loopback answers within milliseconds. */
  g_assert_true (gtk_widget_get_sensitive (child (page, "sync_now_button")));
  g_signal_emit_by_name (child (page, "sync_now_button"), "clicked");
  g_assert_true (is_syncing ());
  g_assert_cmpstr (adw_preferences_row_get_title (child (page, "status_row")), ==, "Syncing…");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sync_button ()), ==, "Syncing…");
  wait_until (is_idle, "Sync Now is done");
  close_preferences (page);

  other = other_device ();
  device_sync (other);
  g_assert_cmpint (rapport_test_sql_int (other->store,
                                         "SELECT count(*) FROM contacts WHERE display_name = 'Rita Ruiz'"
                                         " AND company = 'Ruiz Realty' AND deleted = 0"),
                   ==, 1);
  device_free (other);
}

/* The server goes away: the header bar and the page say so, in words. */
static void
test_offline (void)
{
  GtkStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "sync_stack");
  int width_before, width_after;
  RapportSyncPage *page;

  gtk_widget_measure (sync_button (), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width_before, NULL, NULL);
  /* A restart moves the server to another port: the old one is gone. */
  rapport_test_server_restart (server, NULL);
  page = open_sync_page ();
  rapport_test_click (child (page, "sync_now_button"));
  wait_until (is_offline, "the client finds the server gone");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "offline");
  g_assert_nonnull (rapport_sync_client_get_message (sync_client ()));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sync_button ()), ==, rapport_sync_client_get_message (sync_client ()));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (child (page, "status_row")), "Offline"));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (page, "status_row")), ==,
                   rapport_sync_client_get_message (sync_client ()));
  /* The button keeps its size whatever it shows. */
  gtk_widget_measure (sync_button (), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width_after, NULL, NULL);
  g_assert_cmpint (width_before, ==, width_after);
  close_preferences (page);
}

static void
on_looked_up (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  rapport_test_wait_done (source, result, user_data);
}

static char *
keyring_token (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  RapportTestWait wait = { 0 };
  char *token;

  rapport_sync_secret_lookup_async (url, USER, NULL, on_looked_up, &wait);
  result = rapport_test_wait (&wait, TIMEOUT_S);
  token = rapport_sync_secret_lookup_finish (result, &error);
  g_assert_no_error (error);
  return token;
}

/* Signing out asks first, then the header bar's button goes; signing in
 * again, now that the keyring can keep the token, keeps it. */
static void
test_sign_out_and_in (void)
{
  RapportSyncPage *page = open_sync_page ();
  AdwMessageDialog *dialog;
  g_autofree char *token = NULL;

  rapport_test_click (child (page, "sign_out_button"));
  dialog = ADW_MESSAGE_DIALOG (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stay on this computer"));
  adw_message_dialog_response (dialog, "sign-out");
  wait_until (is_signed_out, "signed out");
  rapport_test_pump (100);
  g_assert_false (gtk_widget_get_visible (sync_button ()));
  g_assert_true (gtk_widget_get_visible (child (page, "sign_in_group")));
  /* The address and the name are offered again. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "user_row"))), ==, USER);

  g_assert_cmpint (g_unlink (keyring_dir), ==, 0);
  type (page, "server_row", rapport_test_server_get_url (server));
  type (page, "password_row", PASSWORD);
  rapport_test_click (child (page, "sign_in_button"));
  wait_until (is_idle, "signed in again");
  /* The keyring answers before the sync is done, and the page forgets
   * its complaint. */
  rapport_test_pump (200);
  g_assert_false (gtk_widget_get_visible (child (page, "keyring_group")));
  token = keyring_token (rapport_test_server_get_url (server));
  g_assert_nonnull (token);
  close_preferences (page);
}

static AdwMessageDialog *
find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
}

static gboolean
has_dialog (void)
{
  return find_dialog () != NULL;
}

/* From a huddle's page, an invitation: the code shown lets another
 * professional make an account and receive the huddle. */
static void
test_invite (void)
{
  RapportStore *store = rapport_test_app_store (app);
  g_autoptr(RapportHuddle) huddle = g_object_new (RAPPORT_TYPE_HUDDLE, "name", "Home Team", "rrule",
                                                   "FREQ=MONTHLY;BYDAY=1TU,3TU", "first-meeting",
                                                   G_GINT64_CONSTANT (1772528400), NULL);
  RapportHuddlesView *view = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "huddles_view");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *code = NULL;
  g_autofree char *token = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *page;
  Device *ben = g_new0 (Device, 1);
  g_autofree char *path = NULL;
  RapportTestWait wait = { 0 };
  gint64 id = rapport_store_save_huddle (store, huddle, &error);

  g_assert_no_error (error);
  adw_view_stack_set_visible_child_name (rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "view_stack"),
                                         "huddles");
  rapport_huddles_view_show_huddle (view, id);
  rapport_test_pump (100);
  page = rapport_huddles_view_get_huddle_page (view);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (page, "huddle.invite", NULL));
  wait_until (has_dialog, "the invitation is shown");
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "It works once, for 14 days."));
  code = g_strdup (gtk_label_get_text (GTK_LABEL (adw_message_dialog_get_extra_child (dialog))));
  g_assert_cmpuint (strlen (code), >, 0);
  adw_message_dialog_response (dialog, "close");
  rapport_test_pump (100);

  /* Ben makes his account with the code, and receives the huddle. */
  ben->dir = rapport_test_make_tmp_dir ();
  path = g_build_filename (ben->dir, "rapport.db", NULL);
  ben->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  ben->client = rapport_sync_client_new (ben->store);
  rapport_sync_client_sign_in_async (ben->client, rapport_test_server_get_url (server), "ben", "ben's password", code,
                                     "Ben's computer", NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, TIMEOUT_S);
  token = rapport_sync_client_sign_in_finish (ben->client, result, &error);
  g_assert_no_error (error);
  device_sync (ben);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddles WHERE name = 'Home Team' AND deleted = 0"),
                   ==, 1);
  /* The sign-in's task holds the client. */
  g_clear_object (&result);
  device_free (ben);
}

/* Quitting and starting again: the app finds the token in the keyring and
 * syncs without asking. The first application still holds its object
 * path on the session bus, so the second takes another id. */
static void
test_restart (void)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (window));
  rapport_test_pump (50);
  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);

  app = rapport_application_new ();
  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".Restarted");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  rapport_test_pump (200);
  window = RAPPORT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  wait_until (is_idle, "the app signs itself in from the keyring");
  g_assert_true (gtk_widget_get_visible (sync_button ()));
}

int
main (int argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  int status;

  /* The test's settings schemas have no proxy settings to read. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  tmp_dir = rapport_test_ui_prepare ("ui-sync", NULL, &argc, &argv);
  keyring_dir = g_build_filename (tmp_dir, "keyring", NULL);
  keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "keyring password", TRUE);
  g_assert_true (g_file_set_contents (keyring_dir, "", 0, NULL));

  server = rapport_test_server_start (NULL);
  rapport_test_server_add_user (server, USER, PASSWORD);
  window = rapport_test_ui_launch (&app, FALSE);

  g_test_add_func ("/rapport/ui/sync/refused", test_refused);
  g_test_add_func ("/rapport/ui/sync/sign-in", test_sign_in);
  g_test_add_func ("/rapport/ui/sync/sync-now", test_sync_now);
  g_test_add_func ("/rapport/ui/sync/offline", test_offline);
  g_test_add_func ("/rapport/ui/sync/sign-out-and-in", test_sign_out_and_in);
  g_test_add_func ("/rapport/ui/sync/invite", test_invite);
  g_test_add_func ("/rapport/ui/sync/restart", test_restart);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  rapport_test_server_stop (server);
  g_free (keyring_dir);
  g_free (tmp_dir);
  return status;
}
