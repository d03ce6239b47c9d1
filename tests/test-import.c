/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c: an import from files on disk to the store, and
 * `rapport --import`.
 *
 * Real files in a temporary folder, a real store: the counts the preview
 * shows, duplicates merged, kept or skipped, the report's reasons, source
 * tags, one transaction whatever happens (cancelled, refused), and the
 * command line run as a user would, with and without Rapport open.
 */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "rapport-import.h"
#include "rapport-test-import.h"
#include "rapport-test-util.h"
#include "rapport-vcard.h"

static const char phone_vcf[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Archer;Ann;;;\r\n"
    "FN:Ann Archer\r\n"
    "ORG:Archer & Daughters;\r\n"
    "EMAIL;type=INTERNET;type=WORK:ann@archer.example\r\n"
    "TEL;type=CELL:+44 7700 900123\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "NOTE:A card with nothing to call the person by\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Bob Baker\r\n"
    "TEL;type=WORK:020 7946 0018\r\n"
    "END:VCARD\r\n";

static const char linkedin_csv[] =
    "Notes:\r\n"
    "\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n"
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ann,Archer,https://www.linkedin.com/in/ann-archer,,Archer & Daughters,Founder,12 Mar 2024\r\n"
    "Cy,Cole,https://www.linkedin.com/in/cy-cole,cy@cole.example,Cole Co,Partner,03 Jan 2023\r\n";

typedef struct
{
  RapportTestStore store;
  char *files_dir;
} Fixture;

static void
setup (Fixture *fixture,
       gconstpointer data)
{
  rapport_test_store_setup (&fixture->store, data);
  fixture->files_dir = g_build_filename (fixture->store.dir, "files", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->files_dir, 0700), ==, 0);
}

static void
teardown (Fixture *fixture,
          gconstpointer data)
{
  g_free (fixture->files_dir);
  rapport_test_store_teardown (&fixture->store, data);
}

static GFile *
write_file (Fixture *fixture,
            const char *name,
            const char *contents,
            gssize length)
{
  g_autofree char *path = g_build_filename (fixture->files_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gint64
count_contacts (RapportStore *store)
{
  return rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE deleted = 0");
}

static gboolean
report_has (RapportImport *import,
            const char *text)
{
  GPtrArray *problems = rapport_import_get_report (import)->problems;

  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_read_and_apply (Fixture *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store.store;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  GFile *files[3];
  g_autoptr(RapportImport) import = rapport_import_new (store);
  g_autoptr(GError) error = NULL;
  const RapportImportReport *report;
  const char *const *sources;

  files[0] = write_file (fixture, "phone.vcf", phone_vcf, -1);
  files[1] = write_file (fixture, "Connections.csv", linkedin_csv, -1);
  files[2] = write_file (fixture, "photo.png", (const char *) png, sizeof png);

  g_assert_true (rapport_import_read (import, files, 3, NULL, &error));
  g_assert_no_error (error);
  /* Ann is in both files: the LinkedIn row is the same person as the
   * vCard before it (same name, same company). */
  g_assert_cmpuint (rapport_import_get_n_cards (import), ==, 4);
  g_assert_cmpuint (rapport_import_get_n_new (import), ==, 3);
  g_assert_cmpuint (rapport_import_get_n_duplicates (import), ==, 1);
  g_assert_cmpuint (rapport_import_get_n_problems (import), ==, 2);
  g_assert_true (report_has (import, "phone.vcf, line 9: "));
  g_assert_true (report_has (import, "photo.png: This is not a vCard file"));
  sources = rapport_import_get_sources (import);
  g_assert_true (g_strv_contains (sources, "vCard"));
  g_assert_true (g_strv_contains (sources, "LinkedIn connections"));

  /* Reading wrote nothing. */
  g_assert_cmpint (count_contacts (store), ==, 0);

  g_assert_true (rapport_import_apply (import, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  report = rapport_import_get_report (import);
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->merged, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpint (count_contacts (store), ==, 3);

  /* Ann's two cards became one, with both sources' fields and tags. */
  g_assert_cmpint (rapport_test_sql_int (store,
                                         "SELECT count(*) FROM contacts WHERE display_name = 'Ann Archer'"
                                         " AND linkedin = 'https://www.linkedin.com/in/ann-archer'"
                                         " AND job_title = 'Founder' AND emails LIKE '%%ann@archer.example%%'"
                                         " AND tags LIKE '%%Imported from vCard%%' AND tags LIKE '%%Imported from LinkedIn%%'"),
                   ==, 1);
  /* Each new card is in the outbox, to sync like any other. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'contact'"), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* Existing contacts: merged, kept as a second card, or skipped. */
static void
test_duplicate_choices (Fixture *fixture,
                        gconstpointer data)
{
  RapportStore *store = fixture->store.store;
  g_autoptr(RapportContact) ann = rapport_contact_new ("Ann Archer");
  g_autoptr(RapportContact) bob = rapport_contact_new ("Robert Baker");
  g_autoptr(GFile) file = write_file (fixture, "phone.vcf", phone_vcf, -1);
  g_autoptr(GError) error = NULL;
  const RapportImportChoice choices[] = { RAPPORT_IMPORT_MERGE, RAPPORT_IMPORT_KEEP_BOTH, RAPPORT_IMPORT_SKIP };
  const gint64 expected_contacts[] = { 2, 4, 4 };

  rapport_contact_add_email (ann, "work", "ANN@archer.example");
  rapport_contact_set_notes (ann, "Likes early meetings");
  rapport_contact_add_phone (bob, "work", "+44 20 7946 0018");
  g_assert_true (rapport_store_create_contact (store, ann, NULL, &error));
  g_assert_true (rapport_store_create_contact (store, bob, NULL, &error));

  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      g_autoptr(RapportImport) import = rapport_import_new (store);
      gint64 existing = 0;

      g_assert_true (rapport_import_read (import, &file, 1, NULL, &error));
      g_assert_cmpuint (rapport_import_get_n_duplicates (import), ==, 2);
      g_assert_cmpuint (rapport_import_get_n_new (import), ==, 0);
      g_assert_nonnull (rapport_import_get_duplicate (import, 0, &existing));
      g_assert_cmpint (existing, ==, rapport_contact_get_id (ann));
      g_assert_nonnull (rapport_import_get_duplicate (import, 1, &existing));
      g_assert_cmpint (existing, ==, rapport_contact_get_id (bob));
      rapport_import_set_all_choices (import, choices[c]);
      g_assert_true (rapport_import_apply (import, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (count_contacts (store), ==, expected_contacts[c]);
      if (choices[c] == RAPPORT_IMPORT_MERGE)
        {
          /* The live card took the import, and kept what it had. */
          g_assert_cmpstr (rapport_contact_get_company (ann), ==, "Archer & Daughters");
          g_assert_cmpstr (rapport_contact_get_notes (ann), ==, "Likes early meetings");
          g_assert_cmpuint (rapport_contact_get_emails (ann)->len, ==, 1);
          g_assert_cmpuint (rapport_contact_get_phones (ann)->len, ==, 1);
          g_assert_cmpstr (rapport_contact_get_display_name (bob), ==, "Robert Baker");
        }
      if (choices[c] == RAPPORT_IMPORT_SKIP)
        g_assert_cmpuint (rapport_import_get_report (import)->skipped, ==, 2);
    }
}

/* Cancelled after part of it was written: nothing stays. */
static void
cancel_after_first_slice (guint done,
                          guint total,
                          gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture *fixture,
             gconstpointer data)
{
  RapportStore *store = fixture->store.store;
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(RapportImport) import = rapport_import_new (store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 outbox = rapport_test_sql_int (store, "SELECT count(*) FROM outbox");

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (cards, "BEGIN:VCARD\nVERSION:4.0\nFN:Person %u\nEND:VCARD\n", i);
  file = write_file (fixture, "many.vcf", cards->str, cards->len);
  g_assert_true (rapport_import_read (import, &file, 1, NULL, &error));
  g_assert_cmpuint (rapport_import_get_n_new (import), ==, 3000);

  g_assert_false (rapport_import_apply (import, cancel_after_first_slice, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (rapport_store_is_importing (store));
  g_assert_cmpint (count_contacts (store), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox"), ==, outbox);
}

typedef struct
{
  guint calls;
  guint last_done;
  gboolean in_order;
} Progress;

static void
on_progress (guint done,
             guint total,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->in_order &= done > progress->last_done && done <= total;
  progress->last_done = done;
  progress->calls++;
}

/* In the window: a slice per turn of the main loop, with progress. */
static void
test_async (Fixture *fixture,
            gconstpointer data)
{
  RapportStore *store = fixture->store.store;
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(RapportImport) import = rapport_import_new (store);
  g_autoptr(GError) error = NULL;
  RapportTestWait wait = { 0 };
  Progress progress = { .in_order = TRUE };

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (cards, "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Person;Number %u\r\nEND:VCARD\r\n", i);
  file = write_file (fixture, "many.vcf", cards->str, cards->len);

  rapport_import_read_async (import, &file, 1, NULL, rapport_test_wait_done, &wait);
  g_assert_true (rapport_import_read_finish (import, rapport_test_wait (&wait, 30), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wait.done = FALSE;

  rapport_import_apply_async (import, on_progress, &progress, NULL, rapport_test_wait_done, &wait);
  /* Other writes wait for it. */
  g_assert_true (rapport_store_is_importing (store));
  g_assert_true (rapport_import_apply_finish (import, rapport_test_wait (&wait, 30), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (progress.calls, >=, 4);
  g_assert_true (progress.in_order);
  g_assert_cmpuint (progress.last_done, ==, 2000);
  g_assert_cmpint (count_contacts (store), ==, 2000);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE display_name = 'Number 1999 Person'"),
                   ==, 1);
}

/* A card the store's rules refuse is left out with its reason; the rest
 * goes in. */
static void
test_refused_card (Fixture *fixture,
                   gconstpointer data)
{
  RapportStore *store = fixture->store.store;
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fine Person\r\nEND:VCARD\r\n"
                                           "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Novelist\r\nNOTE:");
  g_autoptr(GFile) file = NULL;
  g_autoptr(RapportImport) import = rapport_import_new (store);
  g_autoptr(GError) error = NULL;

  /* Notes past the store's 8 MiB. */
  for (guint i = 0; i < 9 * 1024 * 1024 / 64; i++)
    g_string_append (text, "All work and no play makes a very long note indeed, line after.\\n");
  g_string_append (text, "\r\nEND:VCARD\r\n");
  file = write_file (fixture, "novel.vcf", text->str, text->len);

  g_assert_true (rapport_import_read (import, &file, 1, NULL, &error));
  g_assert_cmpuint (rapport_import_get_n_cards (import), ==, 1);
  g_assert_true (report_has (import, "novel.vcf, line 5: "));
  g_assert_true (rapport_import_apply (import, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_contacts (store), ==, 1);
}

/* The iPhone's inline photo becomes the contact's photo. */
static void
test_photo (Fixture *fixture,
            gconstpointer data)
{
  RapportStore *store = fixture->store.store;
  g_autoptr(GBytes) sample = rapport_test_import_sample ("iphone-contacts.vcf");
  g_autoptr(GBytes) expected = rapport_test_import_sample ("camille.jpg");
  g_autoptr(GFile) file = write_file (fixture, "iphone.vcf", g_bytes_get_data (sample, NULL), g_bytes_get_size (sample));
  g_autoptr(RapportImport) import = rapport_import_new (store);
  g_autoptr(GBytes) photo = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GError) error = NULL;
  gint64 camille;

  g_assert_true (rapport_import_read (import, &file, 1, NULL, &error));
  g_assert_true (rapport_import_apply (import, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  camille = rapport_test_sql_int (store, "SELECT id FROM contacts WHERE display_name = 'Camille Lefèvre'");
  g_assert_cmpint (camille, >, 0);
  photo = rapport_store_get_contact_photo (store, camille, &mime_type, &error);
  g_assert_no_error (error);
  g_assert_nonnull (photo);
  g_assert_cmpstr (mime_type, ==, "image/jpeg");
  g_assert_true (g_bytes_equal (photo, expected));
}

/* What Export Contacts as vCard writes imports into another computer's
 * Rapport as the same contacts, photo included. */
static void
test_export_round_trip (Fixture *fixture,
                        gconstpointer data)
{
  RapportStore *store = fixture->store.store;
  g_autoptr(GBytes) sample = rapport_test_import_sample ("iphone-contacts.vcf");
  g_autoptr(GFile) file = write_file (fixture, "iphone.vcf", g_bytes_get_data (sample, NULL), g_bytes_get_size (sample));
  g_autoptr(RapportImport) first = rapport_import_new (store);
  g_autoptr(RapportImport) second = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *other_path = g_build_filename (fixture->store.dir, "other", "rapport.db", NULL);
  g_autoptr(RapportStore) other = NULL;
  g_autoptr(GFile) export = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RapportContactQuery query = { .relationship = -1 };

  g_assert_true (rapport_import_read (first, &file, 1, NULL, &error));
  g_assert_true (rapport_import_apply (first, NULL, NULL, NULL, &error));
  g_assert_true (rapport_store_query_contact_ids (store, &query, ids, &error));
  g_assert_cmpuint (ids->len, >=, 3);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (contacts, rapport_store_get_contact (store, g_array_index (ids, gint64, i), NULL));
  text = rapport_vcard_write_contacts (store, (RapportContact *const *) contacts->pdata, contacts->len);
  export = write_file (fixture, "Contacts.vcf", text, -1);

  other = rapport_store_open (other_path, &error);
  g_assert_no_error (error);
  second = rapport_import_new (other);
  g_assert_true (rapport_import_read (second, &export, 1, NULL, &error));
  g_assert_cmpuint (rapport_import_get_n_problems (second), ==, 0);
  g_assert_true (rapport_import_apply (second, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *mine = g_ptr_array_index (contacts, i);
      gint64 theirs_id = rapport_test_sql_int (other, "SELECT id FROM contacts WHERE display_name = '%s'",
                                               rapport_contact_get_display_name (mine));
      g_autoptr(RapportContact) theirs = rapport_store_get_contact (other, theirs_id, &error);
      g_autoptr(GBytes) my_photo = rapport_store_get_contact_photo (store, rapport_contact_get_id (mine), NULL, NULL);
      g_autoptr(GBytes) their_photo = rapport_store_get_contact_photo (other, theirs_id, NULL, NULL);

      g_assert_no_error (error);
      rapport_test_import_assert_same (mine, theirs);
      g_assert_true ((my_photo == NULL) == (their_photo == NULL));
      if (my_photo != NULL)
        g_assert_true (g_bytes_equal (my_photo, their_photo));
    }
}

/* `rapport --import`, run as a user would, on the database in
 * XDG_DATA_HOME. */
static GSubprocess *
spawn_rapport (const char *data_home,
               char **out,
               char **err,
               ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("RAPPORT_EXE"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return process;
}

static void
test_command_line (Fixture *fixture,
                   gconstpointer data)
{
  g_autofree char *data_home = g_build_filename (fixture->store.dir, "home", NULL);
  g_autofree char *db_path = g_build_filename (data_home, "rapport", "rapport.db", NULL);
  g_autoptr(GFile) vcf = write_file (fixture, "phone.vcf", phone_vcf, -1);
  g_autoptr(GFile) csv = write_file (fixture, "Connections.csv", linkedin_csv, -1);
  g_autofree char *vcf_path = g_file_get_path (vcf);
  g_autofree char *csv_path = g_file_get_path (csv);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* No window and no display needed. */
  process = spawn_rapport (data_home, &out, &err, "--import", vcf_path, csv_path, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "3 added, 1 merged into existing contacts, 0 skipped"));
  g_assert_nonnull (strstr (out, "phone.vcf, line 9: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_object (&process);

  /* Again, skipping duplicates: all four are known now. */
  process = spawn_rapport (data_home, &out, &err, "--import", "--on-duplicate=skip", vcf_path, csv_path, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "0 added, 0 merged into existing contacts, 4 skipped"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_object (&process);

  /* Wrong uses say what is wrong and change nothing. */
  process = spawn_rapport (data_home, &out, &err, "--import", "--on-duplicate=overwrite", vcf_path, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "“merge”, “keep” or “skip”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_object (&process);

  process = spawn_rapport (data_home, &out, &err, "--import", NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "Name the files to import"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_object (&process);

  {
    g_autoptr(GFile) empty = write_file (fixture, "empty.vcf", "", 0);
    g_autofree char *empty_path = g_file_get_path (empty);

    process = spawn_rapport (data_home, &out, &err, "--import", empty_path, NULL);
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
    g_assert_nonnull (strstr (err, "empty.vcf: The file is empty."));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_clear_object (&process);
  }

  process = spawn_rapport (data_home, &out, &err, "--import", "/nonexistent/contacts.vcf", NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "contacts.vcf: "));
  g_assert_nonnull (strstr (err, "nothing was changed"));
  g_clear_object (&process);

  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_contacts (store), ==, 3);
}

/* While Rapport is open, its window owns the database. */
static void
test_command_line_while_open (Fixture *fixture,
                              gconstpointer data)
{
  g_autofree char *data_home = g_build_filename (fixture->store.dir, "home", NULL);
  g_autoptr(GFile) vcf = write_file (fixture, "phone.vcf", phone_vcf, -1);
  g_autofree char *vcf_path = g_file_get_path (vcf);
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (data_home, "rapport", "rapport.db", NULL);

  g_test_dbus_up (bus);
  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                           G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                 "org.freedesktop.DBus", "RequestName",
                                                 g_variant_new ("(su)", APPLICATION_ID, 0), G_VARIANT_TYPE ("(u)"),
                                                 G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  g_assert_no_error (error);

  process = spawn_rapport (data_home, &out, &err, "--import", vcf_path, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "Rapport is open"));
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_test_dbus_down (bus);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/rapport/import/read-and-apply", test_read_and_apply);
  ADD ("/rapport/import/duplicate-choices", test_duplicate_choices);
  ADD ("/rapport/import/cancel", test_cancel);
  ADD ("/rapport/import/async", test_async);
  ADD ("/rapport/import/refused-card", test_refused_card);
  ADD ("/rapport/import/photo", test_photo);
  ADD ("/rapport/import/export-round-trip", test_export_round_trip);
  ADD ("/rapport/import/command-line", test_command_line);
  ADD ("/rapport/import/command-line-while-open", test_command_line_while_open);
#undef ADD

  return g_test_run ();
}
