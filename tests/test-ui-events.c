/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-events.c: the Events view in the real window.
 *
 * A person adds a group and an event through the editors (and is told
 * when the event ends before it starts), goes to the event, captures
 * three people of whom one was a meaningful conversation, fills the
 * scorecard, and looks at the group's page, whose audience does not
 * match the profile's. After each step the test checks what the store
 * holds. Without a display this program fails.
 */
#define G_LOG_DOMAIN "test-ui-events"

#include "config.h"

#include <adwaita.h>

#include "rapport-event-editor.h"
#include "rapport-event-page.h"
#include "rapport-events-view.h"
#include "rapport-group-editor.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-text.h"
#include "rapport-window.h"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static gint64 event_id;
static gint64 group_id;

static RapportEventsView *
events_view (void)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "events_view");
}

static RapportStore *
store (void)
{
  return rapport_test_app_store (app);
}

static void
set_text (GtkWidget *root,
          const char *row_title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (rapport_test_find_row (root, row_title)), text);
}

/* Under the list of groups, "New Group" opens the group editor; the
 * group is saved as typed. */
static void
test_add_group (void)
{
  AdwViewStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "view_stack");
  GtkWidget *new_button = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "new_button");
  GtkWindow *editor;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportGroup) group = NULL;

  adw_view_stack_set_visible_child_name (stack, "events");
  rapport_test_pump (100);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (new_button)), ==, "win.new-event");
  gtk_toggle_button_set_active (rapport_test_template_child (events_view (), RAPPORT_TYPE_EVENTS_VIEW, "groups_button"), TRUE);
  rapport_test_pump (300);
  g_assert_true (gtk_revealer_get_child_revealed (rapport_test_template_child (events_view (), RAPPORT_TYPE_EVENTS_VIEW, "groups_footer")));
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (events_view ()), "_New Group"));
  editor = rapport_test_find_toplevel (RAPPORT_TYPE_GROUP_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  set_text (GTK_WIDGET (editor), "Name", "Realtors’ Lunch Club");
  set_text (GTK_WIDGET (editor), "Who goes there (separate with commas)", "realtors, home buyers");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Add"));
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_GROUP_EDITOR, GTK_WINDOW (window)));

  g_assert_true (rapport_store_query_group_ids (store (), FALSE, ids, NULL));
  g_assert_cmpuint (ids->len, ==, 1);
  group_id = g_array_index (ids, gint64, 0);
  group = rapport_store_get_group (store (), group_id, NULL);
  g_assert_cmpstr (rapport_group_get_name (group), ==, "Realtors’ Lunch Club");
  g_assert_cmpuint (g_strv_length ((char **) rapport_group_get_audience (group)), ==, 2);
}

/* An event that ends before it starts is refused in the dialog; fixed,
 * it is saved in the group chosen. */
static void
test_add_event (void)
{
  GtkWidget *new_button = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "new_button");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_minutes (now, -60);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (now, 60);
  g_autofree char *day = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *from = g_date_time_format (start, "%H:%M");
  g_autofree char *to = g_date_time_format (end, "%H:%M");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RapportEventQuery all = { RAPPORT_EVENTS_ALL, 0, NULL, 0 };
  g_autoptr(RapportEvent) event = NULL;
  GtkWindow *editor;
  GtkWidget *error_label;

  /* Two hours around now must stay within one day for the form. */
  if (g_date_time_get_day_of_year (start) != g_date_time_get_day_of_year (end))
    {
      g_clear_pointer (&start, g_date_time_unref);
      start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                     g_date_time_get_day_of_month (now), 0, 5, 0);
      g_free (from);
      from = g_strdup ("00:05");
      g_free (to);
      to = g_strdup (g_date_time_get_hour (now) == 0 ? "02:00" : "23:55");
    }

  gtk_toggle_button_set_active (rapport_test_template_child (events_view (), RAPPORT_TYPE_EVENTS_VIEW, "upcoming_button"), TRUE);
  rapport_test_click (new_button);
  editor = rapport_test_find_toplevel (RAPPORT_TYPE_EVENT_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  set_text (GTK_WIDGET (editor), "Title", "Spring Mixer");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rapport_test_find_row (GTK_WIDGET (editor), "Group")), 1);
  set_text (GTK_WIDGET (editor), "Day (year-month-day)", day);
  set_text (GTK_WIDGET (editor), "Starts", to);
  set_text (GTK_WIDGET (editor), "Ends", from);
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Add"));

  error_label = rapport_test_find_label (GTK_WIDGET (editor), "The event ends before it starts");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_is_visible (error_label));
  g_assert_true (rapport_store_query_event_ids (store (), &all, ids, NULL));
  g_assert_cmpuint (ids->len, ==, 0);

  set_text (GTK_WIDGET (editor), "Starts", from);
  set_text (GTK_WIDGET (editor), "Ends", to);
  set_text (GTK_WIDGET (editor), "Location", "Harbour Hotel");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Add"));
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_EVENT_EDITOR, GTK_WINDOW (window)));

  g_assert_true (rapport_store_query_event_ids (store (), &all, ids, NULL));
  g_assert_cmpuint (ids->len, ==, 1);
  event_id = g_array_index (ids, gint64, 0);
  event = rapport_store_get_event (store (), event_id, NULL);
  g_assert_cmpstr (rapport_event_get_title (event), ==, "Spring Mixer");
  g_assert_cmpint (rapport_event_get_group_id (event), ==, group_id);
  g_assert_cmpstr (rapport_event_get_location (event), ==, "Harbour Hotel");
  g_assert_cmpint (rapport_event_get_duration_min (event), >, 0);
}

static void
capture (RapportEventPage *page,
         const char *name,
         const char *company,
         const char *context,
         gboolean meaningful)
{
  set_text (GTK_WIDGET (page), "Name", name);
  set_text (GTK_WIDGET (page), "Company", company);
  set_text (GTK_WIDGET (page), "One line to remember them by", context);
  gtk_switch_set_active (rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "meaningful_switch"), meaningful);
  rapport_test_click (rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "add_button"));
}

/* The event is in the upcoming list while it goes on; opened from there,
 * "I'm at this event" captures three people. */
static void
test_capture (void)
{
  GtkGridView *list_view = rapport_test_template_child (events_view (), RAPPORT_TYPE_EVENTS_VIEW, "list_view");
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (list_view));
  RapportEventPage *page;
  g_autoptr(RapportEvent) event = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *met_on = NULL;
  g_autofree char *due = NULL;
  GtkWidget *goal;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_signal_emit_by_name (list_view, "activate", 0);
  rapport_test_pump (100);
  page = RAPPORT_EVENT_PAGE (rapport_events_view_get_event_page (events_view ()));
  g_assert_nonnull (page);
  g_assert_cmpint (rapport_event_page_get_event_id (page), ==, event_id);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  rapport_test_click (rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "capture_button"));
  g_assert_true (gtk_revealer_get_reveal_child (rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "capture_revealer")));

  /* No name: nothing is added. */
  capture (page, "", "Nobody Inc", "", FALSE);
  g_assert_cmpuint (rapport_store_count_contacts (store (), FALSE), ==, 1);

  capture (page, "Ana Duarte", "Duarte Bakery", "Opening a second shop", TRUE);
  capture (page, "Ben Okoro", "Okoro Legal", "", FALSE);
  capture (page, "Chloé Martin", "", "Knows the chamber's president", FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rapport_test_find_row (GTK_WIDGET (page), "Name"))), ==, "");

  event = rapport_store_get_event (store (), event_id, NULL);
  g_assert_cmpint (rapport_event_get_n_people (event), ==, 3);
  g_assert_cmpint (rapport_event_get_n_meaningful (event), ==, 1);
  people = rapport_store_list_event_people (store (), event_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  {
    g_autoptr(RapportEventPerson) first = g_list_model_get_item (people, 0);

    g_assert_cmpstr (rapport_event_person_get_name (first), ==, "Ana Duarte");
    g_assert_true (rapport_event_person_get_meaningful (first));
    g_assert_cmpstr (rapport_event_person_get_note (first), ==, "Opening a second shop");
  }

  /* Each has a card that says where they were met, and a follow-up due
   * the day after the event (the default window). */
  start = g_date_time_new_from_unix_local (rapport_event_get_starts_at (event));
  met_on = g_date_time_format (start, "%Y-%m-%d");
  due = rapport_date_add_days (met_on, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportEventPerson) person = g_list_model_get_item (people, i);
      g_autoptr(RapportContact) contact = rapport_store_get_contact (store (), rapport_event_person_get_contact_id (person), NULL);
      g_autoptr(GListModel) followups = rapport_store_list_contact_followups (store (), rapport_contact_get_id (contact), NULL);
      g_autoptr(RapportFollowup) followup = g_list_model_get_item (followups, 0);

      g_assert_cmpint (rapport_contact_get_met_at (contact), ==, event_id);
      g_assert_cmpstr (rapport_contact_get_met_at_title (contact), ==, "Spring Mixer");
      g_assert_cmpstr (rapport_contact_get_met_on (contact), ==, met_on);
      g_assert_cmpuint (g_list_model_get_n_items (followups), ==, 1);
      g_assert_cmpstr (rapport_followup_get_due (followup), ==, due);
    }

  /* The page counts them against the goal (5–8 by default). */
  goal = GTK_WIDGET (rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "goal_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (goal)), "1 meaningful conversation · goal 5–8 · 3 met"));
}

/* The scorecard is saved once every question has an answer. */
static void
test_scorecard (void)
{
  RapportEventPage *page = RAPPORT_EVENT_PAGE (rapport_events_view_get_event_page (events_view ()));
  GtkListBox *list = rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "scorecard_list");
  GtkWidget *save = rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "score_button");
  const char *answers[] = { "5", "4", "4", "3", "Yes" };
  g_autoptr(RapportEvent) event = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "scorecard_group"))));
  g_assert_false (gtk_widget_is_sensitive (save));

  /* A first answer, not saved yet, survives a change elsewhere on the
   * page: marking a conversation meaningful rebuilds the people rows
   * (from inside the star's own signal handler, in an idle). */
  {
    GtkWidget *first_row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
    GtkWidget *one = rapport_test_find_button (first_row, "1");
    GtkListBox *people = rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "people_list");
    GtkWidget *last_person = GTK_WIDGET (gtk_list_box_get_row_at_index (people, 2));
    GtkWidget *star = rapport_test_find_type (last_person, GTK_TYPE_TOGGLE_BUTTON);
    g_autoptr(RapportEvent) before = NULL;

    rapport_test_click (one);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);
    rapport_test_pump (100);
    before = rapport_store_get_event (store (), event_id, NULL);
    g_assert_cmpint (rapport_event_get_n_meaningful (before), ==, 2);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (one)));
    g_assert_false (rapport_event_has_scorecard (before));
  }
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      GtkWidget *button = rapport_test_find_button (row, answers[i]);

      g_assert_nonnull (button);
      rapport_test_click (button);
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
    }
  rapport_test_click (save);

  event = rapport_store_get_event (store (), event_id, NULL);
  g_assert_true (rapport_event_has_scorecard (event));
  g_assert_cmpint (rapport_event_get_score (event, RAPPORT_SCORE_QUALITY_PEOPLE), ==, 5);
  g_assert_cmpint (rapport_event_get_score (event, RAPPORT_SCORE_GOOD_USE), ==, 3);
  /* (16 - 4) × 100 / 16 */
  g_assert_cmpint (rapport_event_get_quality (event), ==, 75);
  g_assert_cmpint (rapport_event_get_n_meaningful (event), ==, 2);
  g_assert_cmpint (rapport_event_get_go_again (event), ==, 1);
}

/* The group page, reached from the event, shows its figures and, since
 * the profile sells to restaurants and the group gathers realtors, the
 * hint that it may not serve the user. */
static void
test_group_page (void)
{
  RapportEventPage *page = RAPPORT_EVENT_PAGE (rapport_events_view_get_event_page (events_view ()));
  g_autoptr(RapportProfile) profile = rapport_store_get_profile (store ());
  GtkWidget *group_page;
  GtkWidget *hint;

  g_strfreev (profile->audience);
  profile->audience = rapport_audience_parse ("restaurants, cafés");
  g_assert_true (rapport_store_save_profile (store (), profile, NULL));

  rapport_test_click (rapport_test_template_child (page, RAPPORT_TYPE_EVENT_PAGE, "group_button"));
  group_page = rapport_events_view_get_group_page (events_view ());
  g_assert_nonnull (group_page);
  g_assert_true (gtk_widget_get_mapped (group_page));
  g_assert_nonnull (rapport_test_find_label (group_page, "Realtors’ Lunch Club"));
  hint = rapport_test_find_label (group_page, "This group may not serve you");
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_is_visible (hint));
  g_assert_nonnull (rapport_test_find_row (group_page, "Events attended"));
  g_assert_nonnull (rapport_test_find_label (rapport_test_find_row (group_page, "Events attended"), "1"));
  g_assert_nonnull (rapport_test_find_label (rapport_test_find_row (group_page, "Average quality"), "75"));
  g_assert_nonnull (rapport_test_find_label (rapport_test_find_row (group_page, "People met"), "3, 2 meaningful"));
  g_assert_nonnull (rapport_test_find_label (rapport_test_find_row (group_page, "Suggested verdict"), "After two scored visits"));

  /* A matching audience takes the hint away. */
  g_strfreev (profile->audience);
  profile->audience = rapport_audience_parse ("home buyers");
  g_assert_true (rapport_store_save_profile (store (), profile, NULL));
  rapport_test_pump (50);
  g_assert_false (gtk_widget_is_visible (rapport_test_find_label (group_page, "This group may not serve you")));
}

/* An evening that ends after midnight is read as ending the next day; a
 * time that is not one is refused in words. */
static void
test_editor_times (void)
{
  GtkWidget *new_button = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "new_button");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RapportEventQuery all = { RAPPORT_EVENTS_ALL, 0, "gala", 0 };
  g_autoptr(RapportEvent) gala = NULL;
  GtkWindow *editor;

  rapport_test_click (new_button);
  editor = rapport_test_find_toplevel (RAPPORT_TYPE_EVENT_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  set_text (GTK_WIDGET (editor), "Title", "Winter Gala");
  set_text (GTK_WIDGET (editor), "Day (year-month-day)", "2026-12-12");
  set_text (GTK_WIDGET (editor), "Starts", "19h");
  set_text (GTK_WIDGET (editor), "Ends", "25:00");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Add"));
  g_assert_true (gtk_widget_is_visible (rapport_test_find_label (GTK_WIDGET (editor), "Write times as hours and minutes")));

  set_text (GTK_WIDGET (editor), "Ends", " 0030 ");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Add"));
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_EVENT_EDITOR, GTK_WINDOW (window)));
  g_assert_true (rapport_store_query_event_ids (store (), &all, ids, NULL));
  g_assert_cmpuint (ids->len, ==, 1);
  gala = rapport_store_get_event (store (), g_array_index (ids, gint64, 0), NULL);
  g_assert_cmpint (rapport_event_get_duration_min (gala), ==, 5 * 60 + 30);
  {
    g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (rapport_event_get_starts_at (gala));

    g_assert_cmpint (g_date_time_get_hour (start), ==, 19);
    g_assert_cmpint (g_date_time_get_day_of_month (start), ==, 12);
  }
}

/* Deleting the event on screen leaves the page for the empty one. */
static void
test_delete_event (void)
{
  GtkWidget *page = rapport_events_view_get_event_page (events_view ());
  GtkStack *detail = rapport_test_template_child (events_view (), RAPPORT_TYPE_EVENTS_VIEW, "detail_stack");
  GtkWindow *dialog;

  rapport_events_view_show_event (events_view (), event_id);
  rapport_test_pump (50);
  g_assert_true (gtk_stack_get_visible_child (detail) == page);
  g_assert_true (gtk_widget_activate_action (page, "event.delete", NULL));
  rapport_test_pump (100);
  dialog = rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (rapport_test_find_button (GTK_WIDGET (dialog), "_Delete"), "clicked");
  rapport_test_pump (200);
  g_assert_null (rapport_store_get_event (store (), event_id, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail), ==, "none");
  /* The people met there stay. */
  g_assert_cmpuint (rapport_store_count_contacts (store (), FALSE), ==, 4);
}

/* From a card met at the event, "Met At" leads back to it. */
static void
test_card_links_event (void)
{
  g_autoptr(GListModel) people = rapport_store_list_event_people (store (), event_id, NULL);
  g_autoptr(RapportEventPerson) ana = g_list_model_get_item (people, 0);
  AdwViewStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "view_stack");
  GtkWidget *row;

  rapport_window_show_contact (window, rapport_event_person_get_contact_id (ana));
  rapport_test_pump (100);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "contacts");
  row = rapport_test_find_row (GTK_WIDGET (rapport_test_contact_page (window)), "Met At");
  g_assert_nonnull (rapport_test_find_label (row, "Spring Mixer"));
  g_signal_emit_by_name (row, "activated");
  rapport_test_pump (100);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "events");
  g_assert_cmpint (rapport_event_page_get_event_id (RAPPORT_EVENT_PAGE (rapport_events_view_get_event_page (events_view ()))), ==, event_id);
}

int
main (int argc,
      char *argv[])
{
  int status;

  tmp_dir = rapport_test_ui_prepare ("ui-events", NULL, &argc, &argv);

  window = rapport_test_ui_launch (&app, FALSE);
  /* A network with someone in it shows the views rather than the welcome. */
  {
    g_autoptr(RapportContact) first = rapport_contact_new ("First Contact");

    g_assert_true (rapport_store_create_contact (store (), first, NULL, NULL));
    rapport_test_pump (100);
  }

  g_test_add_func ("/rapport/ui/events/add-group", test_add_group);
  g_test_add_func ("/rapport/ui/events/add-event", test_add_event);
  g_test_add_func ("/rapport/ui/events/capture", test_capture);
  g_test_add_func ("/rapport/ui/events/scorecard", test_scorecard);
  g_test_add_func ("/rapport/ui/events/group-page", test_group_page);
  g_test_add_func ("/rapport/ui/events/card-links-event", test_card_links_event);
  g_test_add_func ("/rapport/ui/events/editor-times", test_editor_times);
  g_test_add_func ("/rapport/ui/events/delete-event", test_delete_event);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  return status;
}
