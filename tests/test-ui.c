/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui.c: the real window, driven as a person would.
 *
 * One application runs for the whole program, on a database in a fresh
 * folder; the cases follow a user's first session in order: the welcome
 * page, an empty name refused, a contact created through the editor, found
 * by search, logged, archived and brought back with undo, and a follow-up
 * marked done. After each step the test reads what the store holds.
 * Without a display this program fails: it never skips.
 */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rapport-application.h"
#include "rapport-contact-editor.h"
#include "rapport-contact-list.h"
#include "rapport-contact-page.h"
#include "rapport-contacts-view.h"
#include "rapport-followups-view.h"
#include "rapport-text.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;

#define TODAY "2026-11-25"
#define TOMORROW "2026-11-26"

/* The contact editor on screen, if any. */
static RapportContactEditor *
find_editor (void)
{
  return (RapportContactEditor *) rapport_test_find_toplevel (RAPPORT_TYPE_CONTACT_EDITOR, NULL);
}

static void
type_into (gpointer editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  rapport_test_pump (20);
}

static const char *
face (void)
{
  GtkStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "main_stack");

  return gtk_stack_get_visible_child_name (stack);
}

static void
test_welcome (void)
{
  g_assert_cmpstr (face (), ==, "welcome");
  g_assert_cmpuint (rapport_store_count_contacts (rapport_test_app_store (app), FALSE), ==, 0);
}

static RapportContactEditor *
open_new_contact_editor (void)
{
  RapportContactEditor *editor;

  rapport_test_click (rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "welcome_add_button"));
  editor = find_editor ();
  g_assert_nonnull (editor);
  return editor;
}

static void
test_empty_name_refused (void)
{
  RapportContactEditor *editor = open_new_contact_editor ();
  GtkRevealer *revealer = rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "error_revealer");
  GtkLabel *label = rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "error_label");
  GtkWidget *name_row = rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "name_row");

  /* At an event, the name is typed first. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (editor));

    g_assert_nonnull (focus);
    g_assert_true (focus == name_row || gtk_widget_is_ancestor (focus, name_row));
  }

  type_into (name_row, "   ");
  type_into (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "company_row"), "Nobody Inc.");
  rapport_test_click (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "save_button"));

  /* Still open, the reason shown, the name row marked, nothing saved. */
  g_assert_true (find_editor () == editor);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_label (label), ==, "A contact needs a name.");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_cmpuint (rapport_store_count_contacts (rapport_test_app_store (app), FALSE), ==, 0);
  g_assert_cmpuint (rapport_store_count_outbox (rapport_test_app_store (app)), ==, 0);

  gtk_window_close (GTK_WINDOW (editor));
  rapport_test_pump (50);
  g_assert_null (find_editor ());
}

static gint64 zoe_id;

static void
test_create_contact (void)
{
  RapportContactEditor *editor = open_new_contact_editor ();
  g_autoptr(RapportContact) zoe = NULL;
  g_autoptr(GListModel) followups = NULL;
  g_autoptr(GListModel) timeline = NULL;
  GtkWidget *emails_group;
  GtkWidget *email_row;
  GtkTextView *notes;
  g_autoptr(GString) long_notes = g_string_new (NULL);

  type_into (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "name_row"), "Zoë Ångström");
  type_into (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "company_row"), "Nordlys Realty");
  type_into (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "job_title_row"), "Broker");
  type_into (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "industry_row"), "Real estate");
  type_into (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "tags_row"), "chamber, golf");
  adw_combo_row_set_selected (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "relationship_row"), 4);

  /* The editor starts with one empty email row; fill it. */
  emails_group = rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "emails_group");
  email_row = rapport_test_find_type (emails_group, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (email_row);
  type_into (email_row, "zoe@nordlys.example");

  /* A megabyte of notes, with emoji and right-to-left text. */
  while (long_notes->len < 1024 * 1024)
    g_string_append (long_notes, "Met at the chamber mixer 🤝 — שלום עליכם — مرحبا بكم. ");
  notes = rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "notes_view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), long_notes->str, -1);

  rapport_test_click (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "save_button"));
  rapport_test_pump (100);
  g_assert_null (find_editor ());

  /* The store holds exactly what was typed. */
  g_assert_cmpuint (rapport_store_count_contacts (rapport_test_app_store (app), FALSE), ==, 1);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    RapportContactQuery query = { .relationship = -1 };

    g_assert_true (rapport_store_query_contact_ids (rapport_test_app_store (app), &query, ids, NULL));
    zoe_id = g_array_index (ids, gint64, 0);
  }
  zoe = rapport_store_get_contact (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpstr (rapport_contact_get_display_name (zoe), ==, "Zoë Ångström");
  g_assert_cmpstr (rapport_contact_get_company (zoe), ==, "Nordlys Realty");
  g_assert_cmpstr (rapport_contact_get_job_title (zoe), ==, "Broker");
  g_assert_cmpint (rapport_contact_get_relationship (zoe), ==, RAPPORT_RELATIONSHIP_REFERRAL_PARTNER);
  g_assert_cmpstr (rapport_contact_get_met_on (zoe), ==, TODAY);
  g_assert_cmpuint (rapport_contact_get_emails (zoe)->len, ==, 1);
  g_assert_cmpstr (((RapportLabeled *) g_ptr_array_index (rapport_contact_get_emails (zoe), 0))->value,
                   ==, "zoe@nordlys.example");
  /* The default label is stored as its key, as vCard does. */
  g_assert_cmpstr (((RapportLabeled *) g_ptr_array_index (rapport_contact_get_emails (zoe), 0))->label, ==, "work");
  g_assert_cmpstr (rapport_contact_get_tags (zoe)[0], ==, "chamber");
  g_assert_cmpstr (rapport_contact_get_tags (zoe)[1], ==, "golf");
  /* Compared without printing: a failure would dump a megabyte. */
  g_assert_cmpuint (strlen (rapport_contact_get_notes (zoe)), ==, long_notes->len);
  g_assert_true (memcmp (rapport_contact_get_notes (zoe), long_notes->str, long_notes->len) == 0);

  /* Just met: a follow-up due the next day, and a "met" entry. */
  followups = rapport_store_list_contact_followups (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (followups), ==, 1);
  {
    g_autoptr(RapportFollowup) f = g_list_model_get_item (followups, 0);
    g_assert_cmpstr (rapport_followup_get_due (f), ==, TOMORROW);
  }
  timeline = rapport_store_list_interactions (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);

  /* The window left the welcome page and shows her card. */
  g_assert_cmpstr (face (), ==, "views");
  g_assert_true (rapport_contact_page_get_contact (rapport_test_contact_page (window)) == zoe);
  g_assert_cmpstr (gtk_label_get_label (rapport_test_template_child (rapport_test_contact_page (window), RAPPORT_TYPE_CONTACT_PAGE, "name_label")),
                   ==, "Zoë Ångström");
}

static void
test_search (void)
{
  GtkWidget *entry = rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW, "search_entry");
  GtkGridView *list_view = rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW, "list_view");
  GtkStack *list_stack = rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW, "list_stack");
  GListModel *model;
  g_autoptr(RapportContact) other = rapport_contact_new ("Olav Berg");
  g_autoptr(RapportContact) item = NULL;

  rapport_contact_set_company (other, "Fjord Insurance");
  g_assert_true (rapport_store_create_contact (rapport_test_app_store (app), other, NULL, NULL));
  rapport_test_pump (50);

  model = G_LIST_MODEL (gtk_grid_view_get_model (list_view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Ctrl+F lands in the search entry; accents and case do not matter. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  rapport_test_pump (20);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  type_into (entry, "ANGST");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpint (rapport_contact_get_id (item), ==, zoe_id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");

  type_into (entry, "nordl");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  type_into (entry, "qqqzzz");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-results");

  type_into (entry, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
}

/* Two clicks on the open card: the Log button, then @kind. */
static void
log_from_card (const char *kind)
{
  RapportContactPage *page = rapport_test_contact_page (window);
  GtkMenuButton *log_button = rapport_test_template_child (page, RAPPORT_TYPE_CONTACT_PAGE, "log_button");
  GtkWidget *popover = rapport_test_template_child (page, RAPPORT_TYPE_CONTACT_PAGE, "log_popover");

  gtk_menu_button_popup (log_button);
  /* Under load the popover can take longer than one short pump to map. */
  for (guint i = 0; i < 100 && !gtk_widget_get_visible (popover); i++)
    rapport_test_pump (20);
  g_assert_true (gtk_widget_get_visible (popover));
  rapport_test_click (rapport_test_find_named (popover, kind));
}

static void
test_log_interaction (void)
{
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportInteraction) newest = NULL;

  rapport_window_show_contact (window, zoe_id);
  rapport_test_pump (50);
  log_from_card ("call");

  timeline = rapport_store_list_interactions (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 2);
  newest = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (newest), ==, RAPPORT_INTERACTION_CALL);
}

/* The Undo of the newest toast, as a person clicks it once it is on
 * screen: a toast that follows one that just left comes a moment later,
 * and an older one may still be on its way out underneath. */
static void
click_undo (void)
{
  GtkWidget *overlay = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "toast_overlay");
  GtkWidget *undo;

  rapport_test_pump (400);
  undo = rapport_test_find_last_button (overlay, "_Undo");

  g_assert_nonnull (undo);
  rapport_test_click (undo);
  rapport_test_pump (50);
}

/* A wrong kind logged is one click away from gone. */
static void
test_undo_log (void)
{
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportInteraction) newest = NULL;
  g_autoptr(RapportContact) zoe = rapport_store_get_contact (rapport_test_app_store (app), zoe_id, NULL);
  gint64 clock = rapport_contact_get_last_interaction (zoe);

  log_from_card ("email");
  timeline = rapport_store_list_interactions (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 3);
  g_clear_object (&timeline);

  click_undo ();
  timeline = rapport_store_list_interactions (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 2);
  newest = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (newest), ==, RAPPORT_INTERACTION_CALL);
  g_assert_cmpint (rapport_contact_get_last_interaction (zoe), ==, clock);
}

static void
test_edit_shortcut (void)
{
  RapportContactEditor *editor;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) shown = NULL;

  rapport_window_show_contact (window, zoe_id);
  rapport_test_pump (50);

  /* Ctrl+E works wherever the focus is, here in the search entry. */
  gtk_widget_grab_focus (rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW, "search_entry"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-contact", NULL);
  rapport_test_pump (100);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "name_row")),
                   ==, "Zoë Ångström");

  /* The calendar opens on the day they met. */
  calendar = rapport_test_template_child (editor, RAPPORT_TYPE_CONTACT_EDITOR, "met_on_calendar");
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 25);

  gtk_window_close (GTK_WINDOW (editor));
  rapport_test_pump (50);
  g_assert_null (find_editor ());
}

static void
test_archive_and_undo (void)
{
  RapportContactPage *page = rapport_test_contact_page (window);
  g_autoptr(RapportContact) zoe = rapport_store_get_contact (rapport_test_app_store (app), zoe_id, NULL);
  GtkWidget *overlay = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "toast_overlay");
  GtkWidget *undo;

  rapport_window_show_contact (window, zoe_id);
  rapport_test_pump (50);
  rapport_test_click (rapport_test_template_child (page, RAPPORT_TYPE_CONTACT_PAGE, "archive_button"));
  rapport_test_pump (100);

  g_assert_true (rapport_contact_get_archived (zoe));
  g_assert_cmpuint (rapport_store_count_contacts (rapport_test_app_store (app), FALSE), ==, 1);
  g_assert_cmpuint (rapport_store_count_contacts (rapport_test_app_store (app), TRUE), ==, 1);

  undo = rapport_test_find_button (overlay, "_Undo");
  g_assert_nonnull (undo);
  rapport_test_click (undo);
  rapport_test_pump (100);

  g_assert_false (rapport_contact_get_archived (zoe));
  g_assert_cmpuint (rapport_store_count_contacts (rapport_test_app_store (app), FALSE), ==, 2);
  g_assert_true (rapport_contact_page_get_contact (rapport_test_contact_page (window)) == zoe);
}

static void
test_followup_done (void)
{
  RapportFollowupsView *view = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "followups_view");
  AdwViewStack *stack = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "view_stack");
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportInteraction) newest = NULL;
  GtkWidget *done;

  /* Make it due today so that it sits in the Today group. */
  pending = rapport_store_list_contact_followups (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 1);
  {
    g_autoptr(RapportFollowup) f = g_list_model_get_item (pending, 0);
    g_assert_true (rapport_store_postpone_followup (rapport_test_app_store (app), rapport_followup_get_id (f), TODAY, NULL));
  }
  g_assert_cmpuint (rapport_store_count_due (rapport_test_app_store (app), TODAY), ==, 1);

  rapport_window_show_followups (window);
  rapport_test_pump (100);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "followups");

  done = rapport_test_find_named (GTK_WIDGET (view), "done-button");
  g_assert_nonnull (done);
  rapport_test_click (done);
  rapport_test_pump (100);

  g_assert_cmpuint (rapport_store_count_due (rapport_test_app_store (app), TODAY), ==, 0);
  g_clear_object (&pending);
  pending = rapport_store_list_contact_followups (rapport_test_app_store (app), zoe_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 0);
  timeline = rapport_store_list_interactions (rapport_test_app_store (app), zoe_id, NULL);
  newest = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (newest), ==, RAPPORT_INTERACTION_FOLLOW_UP);
  g_clear_object (&timeline);
  g_clear_object (&newest);

  /* Undo brings it back, due today, and takes the entry off the timeline;
   * marking it done again works as the first time. */
  click_undo ();
  g_assert_cmpuint (rapport_store_count_due (rapport_test_app_store (app), TODAY), ==, 1);
  g_assert_cmpuint (rapport_followups_view_get_due_count (view), ==, 1);
  timeline = rapport_store_list_interactions (rapport_test_app_store (app), zoe_id, NULL);
  newest = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (newest), !=, RAPPORT_INTERACTION_FOLLOW_UP);

  done = rapport_test_find_named (GTK_WIDGET (view), "done-button");
  g_assert_nonnull (done);
  rapport_test_click (done);
  rapport_test_pump (100);
  g_assert_cmpuint (rapport_store_count_due (rapport_test_app_store (app), TODAY), ==, 0);
}

static void
test_narrow (void)
{
  AdwLeaflet *leaflet = rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW, "leaflet");
  GtkWidget *card_pane = rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW, "card_pane");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  rapport_window_show_contact (window, zoe_id);
  rapport_test_pump (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_true (adw_leaflet_get_folded (leaflet));

  /* Opening a contact on a narrow window shows its card alone; Back
   * returns to the list. */
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == card_pane);
  gtk_widget_activate_action (GTK_WIDGET (rapport_test_contacts_view (window)), "contacts.back", NULL);
  rapport_test_pump (300);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == card_pane);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  rapport_test_pump (300);
  g_assert_false (adw_leaflet_get_folded (leaflet));
}

static void
test_second_launch (void)
{
  /* Activating again raises the same window instead of opening another. */
  g_application_activate (G_APPLICATION (app));
  rapport_test_pump (50);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
}

int
main (int argc,
      char *argv[])
{
  int status;

  /* Before GLib reads them: a folder of our own, and a fixed today. */
  tmp_dir = rapport_test_ui_prepare ("ui", TODAY, &argc, &argv);

  window = rapport_test_ui_launch (&app, FALSE);

  g_test_add_func ("/rapport/ui/welcome", test_welcome);
  g_test_add_func ("/rapport/ui/editor/empty-name-refused", test_empty_name_refused);
  g_test_add_func ("/rapport/ui/editor/create-contact", test_create_contact);
  g_test_add_func ("/rapport/ui/contacts/search", test_search);
  g_test_add_func ("/rapport/ui/card/log-interaction", test_log_interaction);
  g_test_add_func ("/rapport/ui/card/undo-log", test_undo_log);
  g_test_add_func ("/rapport/ui/card/edit-shortcut", test_edit_shortcut);
  g_test_add_func ("/rapport/ui/card/archive-and-undo", test_archive_and_undo);
  g_test_add_func ("/rapport/ui/followups/mark-done", test_followup_done);
  g_test_add_func ("/rapport/ui/window/narrow", test_narrow);
  g_test_add_func ("/rapport/ui/window/second-launch", test_second_launch);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  return status;
}
