/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-import.c: the import assistant in the real window.
 *
 * A person who already has one of their LinkedIn connections in Rapport
 * imports LinkedIn's Connections.csv through Import Contacts…: the
 * preview counts the new cards, the duplicate and the line that cannot
 * be imported; they choose Merge for the duplicate and import. The store
 * then holds the new contacts tagged with their source, the existing
 * contact completed and not duplicated. A second import is cancelled
 * while it writes, and nothing of it stays. Without a display this
 * program fails.
 */
#define G_LOG_DOMAIN "test-ui-import"

#include "config.h"

#include <adwaita.h>

#include "rapport-import-assistant.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static gint64 existing_id;

/* As LinkedIn writes it: a preamble, then the header; most emails empty. */
static const char linkedin_csv[] =
    "Notes:\r\n"
    "\"When exporting your connection data, you may notice that some of the email addresses are missing. "
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    "You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\r\n"
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Priya,Natarajan,https://www.linkedin.com/in/priya-natarajan,,Northwind Logistics,Head of Operations,12 Mar 2024\r\n"
    "Tomás,Ferreira,https://www.linkedin.com/in/tomasferreira,tomas@ferreira.example,\"Ferreira, Costa & Filhos\","
    "Partner,03 Jan 2023\r\n"
    "Grace,Okafor,https://www.linkedin.com/in/grace-okafor,,Okafor Design,Founder,28 Feb 2025\r\n"
    ",,https://www.linkedin.com/in/anonymous-member,,,,01 Jan 2024\r\n";

static RapportStore *
store (void)
{
  return rapport_test_app_store (app);
}

static RapportImportAssistant *
find_assistant (void)
{
  GtkWindow *found = rapport_test_find_toplevel (RAPPORT_TYPE_IMPORT_ASSISTANT, NULL);

  g_assert_nonnull (found);
  return RAPPORT_IMPORT_ASSISTANT (found);
}

static const char *
page_of (RapportImportAssistant *assistant)
{
  GtkStack *stack = rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "stack");

  return gtk_stack_get_visible_child_name (stack);
}

static void
wait_for_page (RapportImportAssistant *assistant,
               const char *name)
{
  for (guint i = 0; i < 500 && g_strcmp0 (page_of (assistant), name) != 0; i++)
    rapport_test_pump (10);
  g_assert_cmpstr (page_of (assistant), ==, name);
}

static GFile *
write_linkedin_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Connections.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, linkedin_csv, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static const char *
label_text (RapportImportAssistant *assistant,
            const char *name)
{
  return gtk_label_get_label (rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, name));
}

static void
test_linkedin_merge (void)
{
  g_autoptr(GFile) file = write_linkedin_file ();
  RapportImportAssistant *assistant;
  GtkWidget *duplicates_group;
  GtkWidget *row;
  GtkDropDown *choice;
  g_autoptr(RapportContact) priya = NULL;
  g_autoptr(GArray) tagged = NULL;
  g_autoptr(GError) error = NULL;

  /* Through the main menu's action, as a person would. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  rapport_test_pump (100);
  assistant = find_assistant ();
  g_assert_cmpstr (page_of (assistant), ==, "choose");

  /* The file chooser is the desktop's; a drop or a choice ends here. */
  rapport_import_assistant_open_files (assistant, &file, 1);
  wait_for_page (assistant, "preview");

  g_assert_cmpstr (adw_preferences_group_get_title (
                       rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "summary_group")),
                   ==, "Connections.csv");
  g_assert_cmpstr (label_text (assistant, "new_label"), ==, "2");
  g_assert_cmpstr (label_text (assistant, "duplicates_label"), ==, "1");
  g_assert_cmpstr (label_text (assistant, "problems_label"), ==, "1");

  /* The duplicate is shown against the contact it matches. */
  duplicates_group = rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "duplicates_group");
  row = rapport_test_find_row (duplicates_group, "Priya Natarajan");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Matches Priya Natarajan");
  choice = GTK_DROP_DOWN (rapport_test_find_type (row, GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (choice);

  /* Skip, then change their mind to Merge. */
  gtk_drop_down_set_selected (choice, 2);
  gtk_drop_down_set_selected (choice, 0);
  rapport_test_click (rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "import_button"));
  wait_for_page (assistant, "done");
  g_assert_cmpstr (adw_status_page_get_title (
                       rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "done_status")),
                   ==, "Added 2 Contacts");

  /* Three people in all: the existing card was completed, not repeated. */
  g_assert_cmpint (rapport_test_sql_int (store (), "SELECT count(*) FROM contacts WHERE deleted = 0"), ==, 3);
  priya = rapport_store_get_contact (store (), existing_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_linkedin (priya), ==, "https://www.linkedin.com/in/priya-natarajan");
  g_assert_cmpstr (rapport_contact_get_job_title (priya), ==, "Head of Operations");
  /* What the user had written stays. */
  g_assert_cmpstr (rapport_contact_get_notes (priya), !=, NULL);
  g_assert_true (g_str_has_prefix (rapport_contact_get_notes (priya), "Met at the logistics breakfast"));
  g_assert_cmpstr (rapport_contact_get_city (priya), ==, "Leeds");

  /* The new ones carry their source, and the comma inside quotes held. */
  g_assert_cmpint (rapport_test_sql_int (store (),
                                         "SELECT count(*) FROM contacts WHERE company = 'Ferreira, Costa & Filhos'"
                                         " AND display_name = 'Tomás Ferreira'"),
                   ==, 1);
  tagged = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    RapportContactQuery query = { .relationship = -1, .tag = "Imported from LinkedIn" };

    g_assert_true (rapport_store_query_contact_ids (store (), &query, tagged, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (tagged->len, ==, 3);

  /* The contacts list shows them without a restart. */
  rapport_test_pump (100);
  g_assert_nonnull (rapport_test_find_label (GTK_WIDGET (window), "Grace Okafor"));

  rapport_test_click (rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "done_button"));
  rapport_test_pump (100);
  g_assert_null (rapport_test_find_toplevel (RAPPORT_TYPE_IMPORT_ASSISTANT, NULL));
}

static double cancelled_at;
static gint64 written_at_cancel;

static void
cancel_once (GtkProgressBar *progress,
             GParamSpec *pspec,
             RapportImportAssistant *assistant)
{
  if (cancelled_at > 0 || gtk_progress_bar_get_fraction (progress) == 0)
    return;
  cancelled_at = gtk_progress_bar_get_fraction (progress);
  g_assert_true (rapport_store_is_importing (store ()));
  written_at_cancel = rapport_test_sql_int (store (), "SELECT count(*) FROM contacts");
  rapport_test_click (rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "cancel_button"));
}

/* A big file, cancelled while it is written: nothing of it stays, and the
 * store takes other writes again. */
static void
test_cancel_while_writing (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "many.vcf", NULL);
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportContact) after = NULL;
  RapportImportAssistant *assistant;
  GtkProgressBar *progress;
  gint64 before = rapport_test_sql_int (store (), "SELECT count(*) FROM contacts");

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (cards, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\nEMAIL:p%u@example.org\r\nEND:VCARD\r\n",
                            i, i);
  g_file_set_contents (path, cards->str, cards->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  assistant = rapport_window_import (window, &file, 1);
  wait_for_page (assistant, "preview");
  {
    g_autofree char *count = g_strdup_printf ("%'u", 20000);

    g_assert_cmpstr (label_text (assistant, "new_label"), ==, count);
  }
  progress = rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "progress_bar");
  /* Cancel is pressed as soon as the bar first moves: part of the cards
   * are written by then, inside the import's transaction. */
  g_signal_connect (progress, "notify::fraction", G_CALLBACK (cancel_once), assistant);
  rapport_test_click (rapport_test_template_child (assistant, RAPPORT_TYPE_IMPORT_ASSISTANT, "import_button"));
  for (guint i = 0; i < 500 && cancelled_at == 0; i++)
    rapport_test_pump (10);
  g_assert_cmpfloat (cancelled_at, >, 0);
  g_assert_cmpfloat (cancelled_at, <, 1);
  g_assert_cmpint (written_at_cancel, >, before);
  wait_for_page (assistant, "preview");

  g_assert_false (rapport_store_is_importing (store ()));
  g_assert_cmpint (rapport_test_sql_int (store (), "SELECT count(*) FROM contacts"), ==, before);
  after = rapport_test_add_contact (store (), "Written after the cancel");
  g_assert_nonnull (after);
  gtk_window_close (GTK_WINDOW (assistant));
  rapport_test_pump (50);
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(RapportContact) priya = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = rapport_test_ui_prepare ("ui-import", NULL, &argc, &argv);
  window = rapport_test_ui_launch (&app, FALSE);

  priya = rapport_contact_new ("Priya Natarajan");
  rapport_contact_set_company (priya, "Northwind Logistics");
  rapport_contact_set_city (priya, "Leeds");
  rapport_contact_set_notes (priya, "Met at the logistics breakfast; wants warehouse leads.");
  g_assert_true (rapport_store_create_contact (store (), priya, NULL, &error));
  g_assert_no_error (error);
  existing_id = rapport_contact_get_id (priya);
  rapport_test_pump (100);

  g_test_add_func ("/rapport/ui/import/linkedin-merge", test_linkedin_merge);
  g_test_add_func ("/rapport/ui/import/cancel-while-writing", test_cancel_while_writing);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  return status;
}
