/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-network.c: the real window over a network already in use.
 *
 * The database holds a generated network of 240 contacts with follow-ups
 * due before Rapport starts, as on any working morning. A real
 * notification server (notification-daemon) runs on the test's session
 * bus, and a bus monitor watches what Rapport sends it. The cases check
 * the start-up notification and where it leads, the list filters, a
 * keep-in-touch reminder that logging a call clears, restoring and
 * deleting from the archive, the shortcuts and About windows, the dark
 * style and, last, removing the sample network and exploring a new one. Without a display or the daemon this program fails.
 */
#define G_LOG_DOMAIN "test-ui-network"

#include "config.h"

#include <adwaita.h>

#include "rapport-application.h"
#include "rapport-contact-page.h"
#include "rapport-contacts-view.h"
#include "rapport-followups-view.h"
#include "rapport-sample.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-text.h"
#include "rapport-window.h"

#define TODAY "2026-11-25"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static GSubprocess *daemon_process;
static GDBusConnection *monitor;

/* Notify calls seen on the bus; the monitor's filter runs in the GDBus
 * worker thread. */
G_LOCK_DEFINE_STATIC (seen);
static GPtrArray *notify_calls;

static GListModel *
contact_list (void)
{
  GtkGridView *list_view = rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW, "list_view");

  return G_LIST_MODEL (gtk_grid_view_get_model (list_view));
}

/* Answers the confirmation on screen as a person does, with its button,
 * and checks that it went away. */
static void
answer (const char *button_label)
{
  GtkWindow *dialog = rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  GtkWidget *button;

  g_assert_nonnull (dialog);
  button = rapport_test_find_button (GTK_WIDGET (dialog), button_label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rapport_test_pump (100);
  g_assert_null (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
}

/* The ids the list shows, in order, against the store's answer to @query. */
static void
assert_list_matches (const RapportContactQuery *query)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  GListModel *list = contact_list ();

  g_assert_true (rapport_store_query_contact_ids (rapport_test_app_store (app), query, expected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(RapportContact) contact = g_list_model_get_item (list, i);

      g_assert_cmpint (rapport_contact_get_id (contact), ==, g_array_index (expected, gint64, i));
    }
}

/* Calls a monitor sees are copies addressed to others: recorded, then
 * dropped, since answering one would get the monitor disconnected. */
static GDBusMessage *
on_monitored_message (GDBusConnection *connection,
                      GDBusMessage *message,
                      gboolean incoming,
                      gpointer user_data)
{
  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;
  if (g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") == 0 &&
      g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0)
    {
      G_LOCK (seen);
      g_ptr_array_add (notify_calls, g_object_ref (message));
      G_UNLOCK (seen);
    }
  g_object_unref (message);
  return NULL;
}

/* A second connection that sees every call to a notification server. */
static void
start_bus_monitor (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;
  const char *rules[] = { "type='method_call',interface='org.freedesktop.Notifications'", NULL };

  g_assert_no_error (error);
  monitor = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (monitor, on_monitored_message, NULL, NULL);
  reply = g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
test_notification (void)
{
  g_autoptr(GDBusMessage) call = NULL;
  g_autoptr(GVariant) body = NULL;
  g_autofree char *expected = NULL;
  const char *summary = NULL;
  const char *text = NULL;
  guint due = rapport_store_count_due (rapport_test_app_store (app), TODAY);
  const char *own_name = g_dbus_connection_get_unique_name (g_application_get_dbus_connection (G_APPLICATION (app)));
  AdwViewStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "view_stack");
  RapportFollowupsView *followups = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "followups_view");
  GtkGridView *followups_list = rapport_test_template_child (followups, RAPPORT_TYPE_FOLLOWUPS_VIEW, "list_view");

  g_assert_cmpuint (due, >, 0);

  /* One notification, sent at start-up, that counts the due follow-ups.
   * Other tests may run on the same bus: only this app's calls count. */
  rapport_test_pump (200);
  G_LOCK (seen);
  for (guint i = 0; i < notify_calls->len; i++)
    if (g_strcmp0 (g_dbus_message_get_sender (g_ptr_array_index (notify_calls, i)), own_name) == 0)
      {
        g_assert_null (call);
        call = g_object_ref (g_ptr_array_index (notify_calls, i));
      }
  G_UNLOCK (seen);
  g_assert_nonnull (call);
  body = g_dbus_message_get_body (call);
  g_assert_nonnull (body);
  g_variant_ref (body);
  g_variant_get_child (body, 3, "&s", &summary);
  g_variant_get_child (body, 4, "&s", &text);
  g_assert_cmpstr (summary, ==, "Follow-ups are due");
  expected = g_strdup_printf ("%u people are waiting to hear from you today.", due);
  g_assert_cmpstr (text, ==, expected);

  /* The badge agrees, and the notification's action opens the view. */
  g_assert_cmpuint (rapport_followups_view_get_due_count (followups), ==, due);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "contacts");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-followups", NULL);
  rapport_test_pump (200);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "followups");
  /* Every follow-up and a heading per section. */
  {
    g_autoptr(GListModel) items = rapport_store_list_followups (rapport_test_app_store (app), TODAY, NULL);
    GListModel *lines = G_LIST_MODEL (gtk_grid_view_get_model (followups_list));

    g_assert_cmpuint (g_list_model_get_n_items (lines), >, g_list_model_get_n_items (items));
    g_assert_cmpuint (g_list_model_get_n_items (lines), <=, g_list_model_get_n_items (items) + 3);
  }
}

/* A keep-in-touch reminder leaves the Follow-ups view once any interaction
 * is logged with that person. */
static void
test_keep_in_touch (void)
{
  g_autoptr(GListModel) items = rapport_store_list_followups (rapport_test_app_store (app), TODAY, NULL);
  g_autoptr(GListModel) after = NULL;
  RapportFollowupsView *followups = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "followups_view");
  guint due_before = rapport_followups_view_get_due_count (followups);
  gint64 contact_id = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items) && contact_id == 0; i++)
    {
      g_autoptr(RapportFollowup) item = g_list_model_get_item (items, i);

      if (rapport_followup_get_kind (item) == RAPPORT_FOLLOWUP_KEEP_IN_TOUCH)
        contact_id = rapport_followup_get_contact_id (item);
    }
  g_assert_cmpint (contact_id, !=, 0);

  rapport_window_show_contact (window, contact_id);
  rapport_test_pump (100);
  gtk_widget_activate_action (GTK_WIDGET (rapport_test_contact_page (window)), "card.log", "s", "call");
  rapport_test_pump (100);

  after = rapport_store_list_followups (rapport_test_app_store (app), TODAY, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (items) - 1);
  for (guint i = 0; i < g_list_model_get_n_items (after); i++)
    {
      g_autoptr(RapportFollowup) item = g_list_model_get_item (after, i);

      g_assert_cmpint (rapport_followup_get_contact_id (item), !=, contact_id);
    }
  g_assert_cmpuint (rapport_followups_view_get_due_count (followups), ==, due_before - 1);
}

/* Postponing a reminder from its menu moves it a week on and says so. */
static void
test_postpone (void)
{
  RapportFollowupsView *followups = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "followups_view");
  GtkWidget *overlay = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "toast_overlay");
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(RapportFollowup) reminder = NULL;
  g_autofree char *next_week = rapport_date_add_days (TODAY, 7);

  rapport_window_show_followups (window);
  rapport_test_pump (100);
  items = rapport_store_list_followups (rapport_test_app_store (app), TODAY, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (items) && reminder == NULL; i++)
    {
      g_autoptr(RapportFollowup) item = g_list_model_get_item (items, i);

      if (rapport_followup_get_kind (item) == RAPPORT_FOLLOWUP_REMINDER &&
          rapport_followup_get_section (item) == RAPPORT_FOLLOWUP_OVERDUE)
        reminder = g_object_ref (item);
    }
  g_assert_nonnull (reminder);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (followups), "followups.postpone", "(xi)",
                                             rapport_followup_get_id (reminder), 7));
  rapport_test_pump (500);

  after = rapport_store_list_contact_followups (rapport_test_app_store (app),
                                                rapport_followup_get_contact_id (reminder), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (after); i++)
    {
      g_autoptr(RapportFollowup) item = g_list_model_get_item (after, i);

      if (rapport_followup_get_id (item) == rapport_followup_get_id (reminder))
        g_assert_cmpstr (rapport_followup_get_due (item), ==, next_week);
    }
  g_assert_nonnull (rapport_test_find_label (overlay, "Postponed to "));
}

/* Each filter as its menu item sets it. */
static void
test_filters (void)
{
  RapportContactQuery query = { .relationship = -1 };
  GtkWidget *view = GTK_WIDGET (rapport_test_contacts_view (window));
  g_auto(GStrv) tags = rapport_store_list_tags (rapport_test_app_store (app));

  gtk_widget_activate_action (view, "contacts.starred-only", NULL);
  rapport_test_pump (50);
  query.starred_only = TRUE;
  assert_list_matches (&query);
  gtk_widget_activate_action (view, "contacts.starred-only", NULL);

  gtk_widget_activate_action (view, "contacts.relationship", "s", "client");
  rapport_test_pump (50);
  query.starred_only = FALSE;
  query.relationship = RAPPORT_RELATIONSHIP_CLIENT;
  assert_list_matches (&query);
  gtk_widget_activate_action (view, "contacts.relationship", "s", "any");

  g_assert_nonnull (tags[0]);
  gtk_widget_activate_action (view, "contacts.tag", "s", tags[0]);
  rapport_test_pump (50);
  query.relationship = -1;
  query.tag = tags[0];
  assert_list_matches (&query);
  gtk_widget_activate_action (view, "contacts.tag", "s", "");

  gtk_widget_activate_action (view, "contacts.show-archive", NULL);
  rapport_test_pump (50);
  query.tag = NULL;
  query.archived = TRUE;
  assert_list_matches (&query);

  gtk_widget_activate_action (view, "contacts.clear-filters", NULL);
  rapport_test_pump (50);
  query.archived = FALSE;
  assert_list_matches (&query);
}

/* From the archive: one card restored, another deleted after the
 * confirmation, which Cancel leaves alone. */
static void
test_restore_and_delete (void)
{
  RapportContactQuery archive = { .relationship = -1, .archived = TRUE };
  g_autoptr(GArray) archived = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportContact) restored = NULL;
  g_autoptr(RapportContact) gone = NULL;
  gint64 keep_id, delete_id;
  guint n_active = rapport_store_count_contacts (rapport_test_app_store (app), FALSE);

  g_assert_true (rapport_store_query_contact_ids (rapport_test_app_store (app), &archive, archived, &error));
  g_assert_cmpuint (archived->len, >=, 2);
  keep_id = g_array_index (archived, gint64, 0);
  delete_id = g_array_index (archived, gint64, 1);

  rapport_window_show_contact (window, keep_id);
  rapport_test_pump (100);
  gtk_widget_activate_action (GTK_WIDGET (rapport_test_contact_page (window)), "card.restore", NULL);
  rapport_test_pump (100);
  restored = rapport_store_get_contact (rapport_test_app_store (app), keep_id, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_contact_get_archived (restored));
  g_assert_cmpuint (rapport_store_count_contacts (rapport_test_app_store (app), FALSE), ==, n_active + 1);

  rapport_window_show_contact (window, delete_id);
  rapport_test_pump (100);
  gtk_widget_activate_action (GTK_WIDGET (rapport_test_contact_page (window)), "card.delete", NULL);
  rapport_test_pump (100);
  answer ("_Cancel");
  gone = rapport_store_get_contact (rapport_test_app_store (app), delete_id, &error);
  g_assert_no_error (error);
  g_clear_object (&gone);

  gtk_widget_activate_action (GTK_WIDGET (rapport_test_contact_page (window)), "card.delete", NULL);
  rapport_test_pump (100);
  answer ("_Delete");
  gone = rapport_store_get_contact (rapport_test_app_store (app), delete_id, &error);
  g_assert_null (gone);
  g_assert_nonnull (error);
}

static void
test_shortcuts_and_about (void)
{
  GtkWindow *shortcuts;
  GtkWindow *about;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  rapport_test_pump (100);
  shortcuts = rapport_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (shortcuts);
  gtk_window_close (shortcuts);
  rapport_test_pump (50);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  rapport_test_pump (100);
  about = rapport_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Rapport");
  gtk_window_destroy (about);
  rapport_test_pump (50);
}

static void
test_dark_style (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_settings_set_string (settings, "style-variant", "dark");
  rapport_test_pump (50);
  g_assert_true (adw_style_manager_get_dark (style));
  g_settings_set_string (settings, "style-variant", "light");
  rapport_test_pump (50);
  g_assert_false (adw_style_manager_get_dark (style));
}

/* Last: the made-up network goes, Cancel first, and the welcome page is
 * back. */
static void
test_remove_sample (void)
{
  GtkStack *faces = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "main_stack");

  g_assert_true (rapport_sample_is_present (rapport_test_app_store (app)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-sample", NULL));
  rapport_test_pump (100);
  answer ("_Cancel");
  g_assert_true (rapport_store_has_contacts (rapport_test_app_store (app)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-sample", NULL);
  rapport_test_pump (100);
  answer ("_Remove");

  g_assert_false (rapport_store_has_contacts (rapport_test_app_store (app)));
  g_assert_false (rapport_sample_is_present (rapport_test_app_store (app)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (faces), ==, "welcome");
}

/* And back: the welcome page's button brings a fresh sample network. */
static void
test_explore_sample (void)
{
  GtkStack *faces = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "main_stack");
  GtkWidget *explore = rapport_test_find_button (GTK_WIDGET (window), "_Explore a Sample Network");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (faces), ==, "welcome");
  g_assert_nonnull (explore);
  g_signal_emit_by_name (explore, "clicked");
  rapport_test_pump (200);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (faces), ==, "views");
  g_assert_cmpuint (rapport_sample_count (rapport_test_app_store (app)), ==, 240);
  g_assert_cmpuint (g_list_model_get_n_items (contact_list ()), ==, rapport_store_count_contacts (rapport_test_app_store (app), FALSE));
}

static void
fill_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) filling = NULL;
  g_autofree char *path = rapport_store_get_default_path ();

  filling = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_sample_fill (filling, 240, 7, TODAY, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc,
      char *argv[])
{
  int status;

  tmp_dir = rapport_test_ui_prepare ("ui-network", TODAY, &argc, &argv);

  notify_calls = g_ptr_array_new_with_free_func (g_object_unref);
  fill_network ();
  daemon_process = rapport_test_start_notification_server ();
  start_bus_monitor ();

  window = rapport_test_ui_launch (&app, TRUE);

  g_test_add_func ("/rapport/ui/network/notification", test_notification);
  g_test_add_func ("/rapport/ui/network/keep-in-touch", test_keep_in_touch);
  g_test_add_func ("/rapport/ui/network/postpone", test_postpone);
  g_test_add_func ("/rapport/ui/network/filters", test_filters);
  g_test_add_func ("/rapport/ui/network/restore-and-delete", test_restore_and_delete);
  g_test_add_func ("/rapport/ui/network/shortcuts-and-about", test_shortcuts_and_about);
  g_test_add_func ("/rapport/ui/network/dark-style", test_dark_style);
  g_test_add_func ("/rapport/ui/network/remove-sample", test_remove_sample);
  g_test_add_func ("/rapport/ui/network/explore-sample", test_explore_sample);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  g_clear_object (&monitor);
  rapport_test_stop_notification_server (daemon_process);
  g_clear_pointer (&notify_calls, g_ptr_array_unref);
  return status;
}
