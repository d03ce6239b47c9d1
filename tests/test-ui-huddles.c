/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-huddles.c: the Huddles view in the real window.
 *
 * A person forms a huddle, adds five contacts to make six, gives two of
 * them the same service and sees the competing-services warning, records
 * a meeting's attendance, logs a referral and moves it to won with the
 * value of the business, and reads the balances. After each step the
 * test checks what the store holds. Without a display this program fails.
 */
#define G_LOG_DOMAIN "test-ui-huddles"

#include "config.h"

#include <adwaita.h>

#include "rapport-huddle-editor.h"
#include "rapport-huddle-page.h"
#include "rapport-huddles-view.h"
#include "rapport-meeting-editor.h"
#include "rapport-recurrence.h"
#include "rapport-referral-editor.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static gint64 huddle_id;
static const char *const people[] = { "Rita Realtor", "Ravi Realtor", "Mia Mortgage", "Ina Inspector", "Mo Mover" };

static RapportHuddlesView *
huddles_view (void)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "huddles_view");
}

static RapportStore *
store (void)
{
  return rapport_test_app_store (app);
}

static GtkWidget *
page (void)
{
  GtkWidget *page = rapport_huddles_view_get_huddle_page (huddles_view ());

  g_assert_nonnull (page);
  return page;
}

static void
set_text (GtkWidget *root,
          const char *row_title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (rapport_test_find_row (root, row_title)), text);
}

/* Picks the choice of a combo row by its words, as a person reads it. */
static void
choose (GtkWidget *root,
        const char *row_title,
        const char *choice)
{
  AdwComboRow *row = ADW_COMBO_ROW (rapport_test_find_row (root, row_title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), choice) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("No “%s” in “%s”", choice, row_title);
}

static gint64
contact_named (const char *name)
{
  return rapport_test_sql_int (store (), "SELECT id FROM contacts WHERE display_name = '%s'", name);
}

static void
test_form_huddle (void)
{
  AdwViewStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "view_stack");
  GtkWidget *new_button = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "new_button");
  GtkGridView *list_view = rapport_test_template_child (huddles_view (), RAPPORT_TYPE_HUDDLES_VIEW, "list_view");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportHuddle) huddle = NULL;
  GtkWindow *editor;

  adw_view_stack_set_visible_child_name (stack, "huddles");
  rapport_test_pump (100);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (new_button)), ==, "win.new-huddle");
  rapport_test_click (new_button);
  editor = rapport_test_find_toplevel (RAPPORT_TYPE_HUDDLE_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  set_text (GTK_WIDGET (editor), "Name", "Home Team");
  set_text (GTK_WIDGET (editor), "Clients you share (separate with commas)", "home buyers");
  /* A schedule libical does not know is refused in the dialog. */
  set_text (GTK_WIDGET (editor), "Schedule rule (iCalendar)", "FREQ=FORTNIGHTLY");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Form Huddle"));
  g_assert_nonnull (rapport_test_find_toplevel (RAPPORT_TYPE_HUDDLE_EDITOR, GTK_WINDOW (window)));
  g_assert_nonnull (rapport_test_find_label (GTK_WIDGET (editor), "“FREQ=FORTNIGHTLY”"));
  g_assert_true (rapport_store_query_huddle_ids (store (), FALSE, ids, NULL));
  g_assert_cmpuint (ids->len, ==, 0);
  /* Back to the usual: twice a month. */
  choose (GTK_WIDGET (editor), "Meets", "Every week");
  choose (GTK_WIDGET (editor), "Meets", "Twice a month");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Form Huddle"));
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_HUDDLE_EDITOR, GTK_WINDOW (window)));

  g_assert_true (rapport_store_query_huddle_ids (store (), FALSE, ids, NULL));
  g_assert_cmpuint (ids->len, ==, 1);
  huddle_id = g_array_index (ids, gint64, 0);
  huddle = rapport_store_get_huddle (store (), huddle_id, NULL);
  g_assert_true (g_str_has_prefix (rapport_huddle_get_rrule (huddle), "FREQ=MONTHLY;BYDAY="));
  /* The first meeting is one of the schedule's. */
  {
    g_autoptr(GArray) first = rapport_recurrence_expand (rapport_huddle_get_rrule (huddle),
                                                          rapport_huddle_get_first_meeting (huddle), NULL,
                                                          rapport_huddle_get_first_meeting (huddle),
                                                          rapport_huddle_get_first_meeting (huddle) + 1, 1, NULL);

    g_assert_cmpuint (first->len, ==, 1);
  }
  g_assert_cmpint (rapport_huddle_get_n_members (huddle), ==, 1);

  g_signal_emit_by_name (list_view, "activate", 0);
  rapport_test_pump (100);
  g_assert_cmpint (rapport_huddle_page_get_huddle_id (RAPPORT_HUDDLE_PAGE (page ())), ==, huddle_id);
}

/* Five contacts join through the Add Member search; two give the same
 * service and the roster warns. */
static void
test_add_members (void)
{
  GtkMenuButton *add = rapport_test_template_child (page (), RAPPORT_TYPE_HUDDLE_PAGE, "add_member_button");
  GtkSearchEntry *search = rapport_test_template_child (page (), RAPPORT_TYPE_HUDDLE_PAGE, "member_search");
  GtkListBox *matches = rapport_test_template_child (page (), RAPPORT_TYPE_HUDDLE_PAGE, "member_matches");
  AdwPreferencesGroup *members = rapport_test_template_child (page (), RAPPORT_TYPE_HUDDLE_PAGE, "members");
  g_autoptr(GListModel) roster = NULL;
  g_autoptr(RapportHuddle) huddle = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      GtkListBoxRow *row;

      gtk_menu_button_popup (add);
      rapport_test_pump (50);
      gtk_editable_set_text (GTK_EDITABLE (search), people[i]);
      /* A search entry waits a moment after typing before it searches. */
      rapport_test_pump (400);
      row = gtk_list_box_get_row_at_index (matches, 0);
      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, people[i]);
      g_assert_nonnull (row);
      g_signal_emit_by_name (matches, "row-activated", row);
      rapport_test_pump (100);
    }
  huddle = rapport_store_get_huddle (store (), huddle_id, NULL);
  g_assert_cmpint (rapport_huddle_get_n_members (huddle), ==, 6);
  /* Six is within five to ten: no size note yet. */
  g_assert_cmpstr (adw_preferences_group_get_description (members) ? adw_preferences_group_get_description (members) : "", ==, "");

  /* Rita and Ravi both sell homes, through the member dialog. */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = rapport_test_find_row (page (), people[i]);
      GtkWidget *edit = rapport_test_find_type (row, GTK_TYPE_BUTTON);
      AdwMessageDialog *dialog;

      rapport_test_click (edit);
      dialog = ADW_MESSAGE_DIALOG (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
      g_assert_nonnull (dialog);
      set_text (GTK_WIDGET (dialog), "Service, like “Mortgage broker”", i == 0 ? "Realtor" : "realtors");
      rapport_test_click (rapport_test_find_button (GTK_WIDGET (dialog), "_Save"));
      rapport_test_pump (300);
      g_assert_null (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
    }
  g_assert_cmpint (rapport_test_sql_int (store (), "SELECT count(*) FROM huddle_members WHERE service LIKE 'realtor%%'"), ==, 2);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (members), "Competing services"));
  roster = rapport_store_list_members (store (), huddle_id, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (roster), ==, 6);
  /* Coverage lists what home buyers need that nobody offers yet, from a
   * list the user can extend. */
  g_assert_nonnull (rapport_test_find_row (page (), "Home inspector"));
  {
    AdwMessageDialog *dialog;
    GtkWidget *add_row;

    g_assert_true (gtk_widget_activate_action (page (), "huddle.catalogue", NULL));
    rapport_test_pump (100);
    dialog = ADW_MESSAGE_DIALOG (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
    g_assert_nonnull (dialog);
    add_row = rapport_test_find_row (GTK_WIDGET (dialog), "Add a service");
    gtk_editable_set_text (GTK_EDITABLE (add_row), "Home stager");
    g_signal_emit_by_name (add_row, "apply");
    rapport_test_pump (100);
    g_assert_nonnull (rapport_test_find_row (GTK_WIDGET (dialog), "Home stager"));
    rapport_test_click (rapport_test_find_button (GTK_WIDGET (dialog), "_Close"));
    rapport_test_pump (300);
    g_assert_nonnull (rapport_test_find_row (rapport_test_template_child (page (), RAPPORT_TYPE_HUDDLE_PAGE, "coverage"),
                                             "Home stager"));
  }
}

static GPtrArray *
attendance_combos (GtkWidget *root)
{
  GPtrArray *combos = g_ptr_array_new ();
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_COMBO_ROW (widget) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Attendance") == 0)
        g_ptr_array_insert (combos, 0, widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
  return combos;
}

static void
test_record_meeting (void)
{
  GtkWindow *editor;
  g_autoptr(GPtrArray) combos = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(RapportMeeting) meeting = NULL;
  g_autoptr(GListModel) rows = NULL;
  guint present = 0, absent = 0;

  g_assert_true (gtk_widget_activate_action (page (), "huddle.record", NULL));
  rapport_test_pump (100);
  editor = rapport_test_find_toplevel (RAPPORT_TYPE_MEETING_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  set_text (GTK_WIDGET (editor), "Strategy notes", "Open houses in spring");
  combos = attendance_combos (GTK_WIDGET (editor));
  g_assert_cmpuint (combos->len, ==, 6);
  /* Everyone present but the last, who is absent ("Not recorded", then
   * Present, Late, Sent a substitute, Absent). */
  for (guint i = 0; i < combos->len; i++)
    adw_combo_row_set_selected (g_ptr_array_index (combos, i), i + 1 < combos->len ? 1 : 4);
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Save"));
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_MEETING_EDITOR, GTK_WINDOW (window)));

  meetings = rapport_store_list_meetings (store (), huddle_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  meeting = g_list_model_get_item (meetings, 0);
  g_assert_cmpstr (rapport_meeting_get_notes (meeting), ==, "Open houses in spring");
  g_assert_cmpint (rapport_meeting_get_n_present (meeting), ==, 5);
  rows = rapport_store_list_attendance (store (), rapport_meeting_get_id (meeting), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(RapportAttendance) row = g_list_model_get_item (rows, i);

      present += rapport_attendance_get_status (row) == RAPPORT_PRESENCE_PRESENT;
      absent += rapport_attendance_get_status (row) == RAPPORT_PRESENCE_ABSENT;
    }
  g_assert_cmpuint (present, ==, 5);
  g_assert_cmpuint (absent, ==, 1);
}

/* The meeting is open here while another computer changes its notes and
 * one answer (sync writes them to the store); saving what was changed
 * here keeps theirs. */
static void
test_meeting_edited_elsewhere (void)
{
  g_autoptr(GListModel) meetings = rapport_store_list_meetings (store (), huddle_id, NULL);
  g_autoptr(RapportMeeting) meeting = g_list_model_get_item (meetings, 0);
  g_autoptr(RapportMeeting) after = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GPtrArray) combos = NULL;
  g_autoptr(GError) error = NULL;
  gint64 meeting_id = rapport_meeting_get_id (meeting);
  gint64 first_member, last_member;
  GtkWidget *editor;
  guint n;

  rows = rapport_store_list_attendance (store (), meeting_id, NULL);
  n = g_list_model_get_n_items (rows);
  {
    g_autoptr(RapportAttendance) first = g_list_model_get_item (rows, 0);
    g_autoptr(RapportAttendance) last = g_list_model_get_item (rows, n - 1);

    first_member = rapport_attendance_get_member_id (first);
    last_member = rapport_attendance_get_member_id (last);
  }
  editor = rapport_meeting_editor_new (GTK_WINDOW (window), store (), huddle_id, rapport_meeting_get_starts_at (meeting));
  gtk_window_present (GTK_WINDOW (editor));
  rapport_test_pump (100);

  /* Meanwhile, elsewhere: new notes, and the first member came late. */
  g_assert_cmpint (rapport_store_record_meeting (store (), huddle_id, rapport_meeting_get_starts_at (meeting),
                                                 "Bring flyers", &error),
                   ==, meeting_id);
  g_assert_true (rapport_store_set_attendance (store (), meeting_id, first_member, RAPPORT_PRESENCE_LATE, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Here: the last member is marked present after all. */
  combos = attendance_combos (editor);
  adw_combo_row_set_selected (g_ptr_array_index (combos, combos->len - 1), 1);
  rapport_test_click (rapport_test_find_button (editor, "_Save"));
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_MEETING_EDITOR, GTK_WINDOW (window)));

  after = rapport_store_get_meeting (store (), meeting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_meeting_get_notes (after), ==, "Bring flyers");
  g_clear_object (&rows);
  rows = rapport_store_list_attendance (store (), meeting_id, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(RapportAttendance) row = g_list_model_get_item (rows, i);

      if (rapport_attendance_get_member_id (row) == first_member)
        g_assert_cmpint (rapport_attendance_get_status (row), ==, RAPPORT_PRESENCE_LATE);
      if (rapport_attendance_get_member_id (row) == last_member)
        g_assert_cmpint (rapport_attendance_get_status (row), ==, RAPPORT_PRESENCE_PRESENT);
    }
}

/* I refer Bea to Rita; she wins the business, worth 12,500. */
static void
test_referral_to_won (void)
{
  RapportReferralQuery query = { 0, -1 };
  g_autoptr(GListModel) ledger = NULL;
  g_autoptr(RapportReferral) referral = NULL;
  g_autoptr(GArray) balances = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *editor;
  GtkListBox *matches;
  GtkWidget *row;

  query.huddle_id = huddle_id;
  g_assert_true (gtk_widget_activate_action (page (), "huddle.refer", NULL));
  rapport_test_pump (100);
  editor = rapport_test_find_toplevel (RAPPORT_TYPE_REFERRAL_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (editor);
  /* To oneself: refused in words. */
  choose (GTK_WIDGET (editor), "To", "You");
  set_text (GTK_WIDGET (editor), "Search contacts", "Bea Buyer");
  rapport_test_pump (50);
  /* The list of matches is the one whose rows carry a contact. */
  {
    GtkWidget *search = rapport_test_find_row (GTK_WIDGET (editor), "Search contacts");
    GtkWidget *group = gtk_widget_get_ancestor (search, ADW_TYPE_PREFERENCES_GROUP);
    GtkWidget *found = NULL;

    for (GtkWidget *w = search; w != NULL && found == NULL; w = gtk_widget_get_parent (w))
      for (GtkWidget *sibling = gtk_widget_get_first_child (w); sibling && !found; sibling = gtk_widget_get_next_sibling (sibling))
        if (GTK_IS_LIST_BOX (sibling) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (sibling), 0) != NULL &&
            g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sibling), 0)), "contact"))
          found = sibling;
    g_assert_nonnull (group);
    g_assert_nonnull (found);
    matches = GTK_LIST_BOX (found);
  }
  g_signal_emit_by_name (matches, "row-activated", gtk_list_box_get_row_at_index (matches, 0));
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Log"));
  g_assert_nonnull (rapport_test_find_toplevel (RAPPORT_TYPE_REFERRAL_EDITOR, GTK_WINDOW (window)));
  g_assert_nonnull (rapport_test_find_label (GTK_WIDGET (editor), "A referral goes from one person to another"));

  choose (GTK_WIDGET (editor), "To", "Rita Realtor");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (editor), "_Log"));
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_REFERRAL_EDITOR, GTK_WINDOW (window)));

  ledger = rapport_store_list_referrals (store (), &query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ledger), ==, 1);
  referral = g_list_model_get_item (ledger, 0);
  g_assert_cmpint (rapport_referral_get_from_contact (referral), ==, 0);
  g_assert_cmpint (rapport_referral_get_prospect (referral), ==, contact_named ("Bea Buyer"));
  g_assert_cmpint (rapport_referral_get_status (referral), ==, RAPPORT_REFERRAL_GIVEN);
  g_clear_object (&referral);
  rapport_test_pump (100);

  /* The ledger row on the page opens the step dialog: won, 12,500. */
  row = rapport_test_find_row (page (), "You → Rita Realtor");
  g_signal_emit_by_name (row, "activated");
  rapport_test_pump (100);
  dialog = ADW_MESSAGE_DIALOG (rapport_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  g_assert_nonnull (dialog);
  choose (GTK_WIDGET (dialog), "Now", "Won");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rapport_test_find_type (rapport_test_find_row (GTK_WIDGET (dialog),
                                                                                             "Value of the business"),
                                                                      GTK_TYPE_SPIN_BUTTON)),
                             12500);
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (dialog), "_Save"));
  rapport_test_pump (300);

  g_clear_object (&ledger);
  ledger = rapport_store_list_referrals (store (), &query, NULL);
  referral = g_list_model_get_item (ledger, 0);
  g_assert_cmpint (rapport_referral_get_status (referral), ==, RAPPORT_REFERRAL_WON);
  g_assert_cmpint (rapport_referral_get_value_cents (referral), ==, 1250000);

  /* The balances: I gave one, Rita received one, 12,500 closed. */
  balances = rapport_store_referral_balances (store (), huddle_id, NULL, NULL);
  g_assert_cmpstr (g_array_index (balances, RapportReferralBalance, 0).name, ==, "You");
  g_assert_cmpuint (g_array_index (balances, RapportReferralBalance, 0).given, ==, 1);
  g_assert_cmpint (g_array_index (balances, RapportReferralBalance, 0).won_given_cents, ==, 1250000);
  g_assert_cmpint (rapport_store_closed_business (store (), huddle_id), ==, 1250000);
  rapport_test_pump (100);
  {
    GtkWidget *quarter = rapport_test_template_child (page (), RAPPORT_TYPE_HUDDLE_PAGE, "balances");

    g_assert_nonnull (rapport_test_find_label (rapport_test_find_row (quarter, "You"), "gave 1 · received 0 · closed 12"));
    g_assert_nonnull (rapport_test_find_label (rapport_test_find_row (quarter, "Rita Realtor"), "gave 0 · received 1"));
  }

  /* Rita's card has the referral in its ledger, and on its timeline. */
  rapport_window_show_contact (window, contact_named ("Rita Realtor"));
  rapport_test_pump (200);
  {
    GtkWidget *card = GTK_WIDGET (rapport_test_contact_page (window));

    g_assert_nonnull (rapport_test_find_label (rapport_test_find_row (card, "You → Rita Realtor"), "About Bea Buyer · Won"));
    g_assert_nonnull (rapport_test_find_label (card, "Referral received · "));
  }
}

int
main (int argc,
      char *argv[])
{
  int status;

  tmp_dir = rapport_test_ui_prepare ("ui-huddles", NULL, &argc, &argv);

  window = rapport_test_ui_launch (&app, FALSE);
  for (guint i = 0; i <= G_N_ELEMENTS (people); i++)
    {
      g_autoptr(RapportContact) contact = rapport_test_add_contact (store (), i < G_N_ELEMENTS (people) ? people[i]
                                                                                                         : "Bea Buyer");
    }
  rapport_test_pump (100);

  g_test_add_func ("/rapport/ui/huddles/form", test_form_huddle);
  g_test_add_func ("/rapport/ui/huddles/add-members", test_add_members);
  g_test_add_func ("/rapport/ui/huddles/record-meeting", test_record_meeting);
  g_test_add_func ("/rapport/ui/huddles/meeting-edited-elsewhere", test_meeting_edited_elsewhere);
  g_test_add_func ("/rapport/ui/huddles/referral-to-won", test_referral_to_won);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  return status;
}
