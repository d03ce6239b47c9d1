/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup.c: backing up to one file and restoring from it, and the
 * automatic backup before an upgrade.
 *
 * Every case works on real files in a folder of its own. What must stay
 * untouched is compared byte for byte after the store is closed, when
 * the -wal file has been folded into the database.
 */
#define G_LOG_DOMAIN "test-backup"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rapport-contact-list.h"
#include "rapport-error.h"
#include "rapport-sample.h"
#include "rapport-test-util.h"

#define TODAY "2026-11-25"

/* What a person would see of the data, in one string, for comparing two
 * files. */
#define STATE_SQL                                                                                     \
  "SELECT (SELECT coalesce (group_concat (uuid || '|' || display_name || '|' || coalesce (notes, '')" \
  "   || '|' || updated || '|' || archived || '|' || deleted, ';'), '') FROM"                         \
  "   (SELECT * FROM contacts ORDER BY id))"                                                          \
  " || '#' || (SELECT count(*) FROM interactions) || '#' || (SELECT count(*) FROM followups)"         \
  " || '#' || (SELECT count(*) FROM events) || '#' || (SELECT count(*) FROM huddles)"                 \
  " || '#' || (SELECT count(*) FROM referrals) || '#' || (SELECT count(*) FROM outbox)"

static char *
db_state (const char *path)
{
  sqlite3 *db = NULL;
  char *state;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  state = rapport_test_db_text (db, STATE_SQL);
  sqlite3_close (db);
  return state;
}

static gint64
db_int (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  value = rapport_test_db_int (db, sql);
  sqlite3_close (db);
  return value;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (GBytes *expected,
                   const char *path)
{
  g_autoptr(GBytes) actual = read_bytes (path);

  g_assert_cmpuint (g_bytes_get_size (actual), ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (actual, expected));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
add_named (RapportStore *store,
           const char *name,
           const char *notes)
{
  g_autoptr(RapportContact) contact = rapport_contact_new (name);
  g_autoptr(GError) error = NULL;

  rapport_contact_set_notes (contact, notes);
  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
}

/* Enough people with long notes that copying them takes many steps. */
static void
add_many (RapportStore *store,
          guint n)
{
  g_autofree char *notes = g_strnfill (3000, 'n');

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %03u", i);

      add_named (store, name, notes);
    }
}

typedef struct
{
  guint calls;
  double last;
  gboolean backwards;
} ProgressLog;

static void
log_progress (double fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  if (fraction < log->last)
    log->backwards = TRUE;
  log->last = fraction;
  log->calls++;
}

/* A worker thread lets go of its task a moment after the task returns;
 * until then the task holds the store. */
static void
release_result (GAsyncResult *result)
{
  gpointer task = result;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (task, &task);
  g_object_unref (result);
  while (task != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
back_up (RapportStore *store,
         const char *path,
         GCancellable *cancellable,
         ProgressLog *log,
         GError **error)
{
  RapportTestWait wait = { 0 };
  GAsyncResult *result;
  gboolean ok;

  rapport_store_back_up_async (store, path, cancellable, log ? log_progress : NULL, log, rapport_test_wait_done,
                               &wait);
  result = rapport_test_wait (&wait, 60);
  ok = rapport_store_back_up_finish (store, result, error);
  release_result (result);
  return ok;
}

static RapportBackup *
open_backup (RapportStore *store,
             const char *path,
             GError **error)
{
  RapportTestWait wait = { 0 };
  GAsyncResult *result;
  RapportBackup *backup;

  rapport_store_open_backup_async (store, path, NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, 60);
  backup = rapport_store_open_backup_finish (store, result, error);
  release_result (result);
  return backup;
}

typedef struct
{
  GCancellable *cancellable;
  RapportStore *store;
  ProgressLog log;
  double cancel_at; /* cancel at the first report past this, if >= 0 */
  gboolean refused_busy;
} RestoreRun;

static void
on_restore_progress (double fraction,
                     gpointer user_data)
{
  RestoreRun *run = user_data;

  log_progress (fraction, &run->log);
  /* While pages are copied in, nobody else may use the connection. */
  if (fraction > 0.5 && fraction < 1 && run->store != NULL && !run->refused_busy)
    {
      g_autoptr(RapportContact) contact = rapport_contact_new ("Meanwhile");
      g_autoptr(GError) error = NULL;

      g_assert_false (rapport_store_create_contact (run->store, contact, NULL, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_BUSY);
      run->refused_busy = TRUE;
    }
  if (run->cancel_at >= 0 && fraction > run->cancel_at)
    g_cancellable_cancel (run->cancellable);
}

static gboolean
restore (RapportStore *store,
         RapportBackup *backup,
         RestoreRun *run,
         char **safety_path,
         GError **error)
{
  RapportTestWait wait = { 0 };
  GAsyncResult *result;
  gboolean ok;

  rapport_store_restore_async (store, backup, run ? run->cancellable : NULL, run ? on_restore_progress : NULL, run,
                               rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, 60);
  ok = rapport_store_restore_finish (store, result, safety_path, error);
  release_result (result);
  return ok;
}

/* The backup opens with the same data, in this version's format, and
 * nothing else is left in its folder. */
static void
test_write (RapportTestStore *fixture,
            gconstpointer data)
{
  g_autofree char *out_dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (out_dir, "My backup.db", NULL);
  g_autofree char *names = NULL;
  g_autofree char *live_state = NULL;
  g_autofree char *backup_state = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0 };
  RapportStore *copy;

  g_assert_true (rapport_sample_fill (fixture->store, 120, 7, TODAY, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  back_up (fixture->store, path, NULL, &log, &error);
  g_assert_no_error (error);
  g_assert_false (log.backwards);

  names = list_dir (out_dir);
  g_assert_cmpstr (names, ==, "My backup.db");
  live_state = rapport_test_sql_text (fixture->store, STATE_SQL);
  backup_state = db_state (path);
  g_assert_cmpstr (backup_state, ==, live_state);
  g_assert_cmpint (db_int (path, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (db_int (path, "PRAGMA page_size"), ==, rapport_test_sql_int (fixture->store, "PRAGMA page_size"));
  g_assert_cmpint (db_int (path, "SELECT value > 0 FROM meta WHERE key = 'backup-made'"), ==, 1);

  /* A copy that Rapport itself opens as it is, no upgrade needed. */
  copy = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_contacts (copy, FALSE), ==,
                    rapport_store_count_contacts (fixture->store, FALSE));
  g_assert_finalize_object (copy);
  rapport_test_remove_tree (out_dir);
}

/* Backing up over an earlier file replaces it whole. */
static void
test_write_replaces (RapportTestStore *fixture,
                     gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "an older file", -1, &error));
  add_named (fixture->store, "Ann Lee", NULL);
  g_assert_true (back_up (fixture->store, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM contacts"), ==, 1);
}

static void
cancel_at_first_report (double fraction,
                        gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* A backup cancelled while SQLite writes it leaves no file, and an
 * earlier file of that name as it was. */
static void
test_write_cancelled (RapportTestStore *fixture,
                      gconstpointer data)
{
  g_autofree char *out_dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (out_dir, "backup.db", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) earlier = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sample_fill (fixture->store, 200, 3, TODAY, NULL, NULL, NULL, &error));
  g_assert_true (g_file_set_contents (path, "an earlier backup", -1, &error));
  earlier = read_bytes (path);

  /* In the middle of VACUUM INTO: the first progress report cancels. */
  g_assert_false (rapport_backup_write_db (rapport_store_get_db (fixture->store), path, cancellable,
                                           cancel_at_first_report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  names = list_dir (out_dir);
  g_assert_cmpstr (names, ==, "backup.db");
  assert_same_bytes (earlier, path);
  g_clear_pointer (&names, g_free);

  /* Through the asynchronous call, cancelled before it starts. */
  g_assert_true (g_unlink (path) == 0);
  g_assert_false (back_up (fixture->store, path, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  names = list_dir (out_dir);
  g_assert_cmpstr (names, ==, "");

  /* The store works on. */
  add_named (fixture->store, "After", NULL);
  rapport_test_remove_tree (out_dir);
}

/* A folder that cannot be written to is an error in words, and leaves
 * nothing. */
static void
test_write_refused (RapportTestStore *fixture,
                    gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "backup.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (back_up (fixture->store, path, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
}

/* A backup over the database itself, however the path is written, or
 * over its journal, is refused before anything is written. */
static void
test_write_over_database (RapportTestStore *fixture,
                          gconstpointer data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "link", NULL);
  g_autofree char *base = g_path_get_basename (fixture->dir);
  g_autofree char *dotted = g_build_filename (fixture->dir, "..", base, "rapport.db", NULL);
  g_autofree char *through_link = g_build_filename (link, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  const char *paths[4];

  add_named (fixture->store, "Ann Lee", NULL);
  g_assert_cmpint (symlink (fixture->dir, link), ==, 0);
  paths[0] = fixture->path;
  paths[1] = dotted;
  paths[2] = through_link;
  paths[3] = wal;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (back_up (fixture->store, paths[i], NULL, NULL, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "own data file"));
    }
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 1);
  g_assert_cmpint (g_unlink (link), ==, 0);
  rapport_test_store_reopen (fixture);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 1);
}

static void
count_changed (RapportStore *store,
               gint64 contact_id,
               gpointer user_data)
{
  GHashTable *seen = user_data;
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (store);

  g_assert_cmpint (contact_id, ==, 0);
  g_hash_table_add (seen, (gpointer) g_quark_to_string (hint->detail));
}

/* Restoring replaces everything, and every view reloads: the live
 * contacts follow their rows, lists and caches read the new data, and a
 * change is signalled for every kind of record. */
static void
test_restore (RapportTestStore *fixture,
              gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *safety = NULL;
  g_autofree char *backup_state = NULL;
  g_autofree char *state = NULL;
  g_autofree char *name = NULL;
  g_autofree char *backups = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RapportContact) ann = NULL;
  g_autoptr(RapportContact) cara = NULL;
  g_autoptr(RapportContact) gone = NULL;
  g_autoptr(RapportContactList) list = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  RestoreRun run = { .store = fixture->store, .cancel_at = -1 };
  guint64 node_before = rapport_store_get_node_id (fixture->store);
  g_autofree char *stamp_before = NULL;
  g_autofree char *stamp_after = NULL;

  ann = rapport_test_add_contact (fixture->store, "Ann Lee");
  add_named (fixture->store, "Ben Ode", NULL);
  /* Enough pages that the copy takes several steps. */
  add_many (fixture->store, 40);
  g_assert_true (rapport_store_exec (fixture->store,
                                     "INSERT INTO sync_state (key, value) VALUES ('server', 'https://sync.example.com'),"
                                     " ('user', 'ann'), ('device', 'd-1')",
                                     &error));
  g_assert_true (back_up (fixture->store, path, NULL, NULL, &error));
  g_assert_no_error (error);
  backup_state = db_state (path);

  /* What happens after the backup. */
  rapport_contact_set_display_name (ann, "Ann Changed");
  g_assert_true (rapport_store_update_contact (fixture->store, ann, &error));
  cara = rapport_test_add_contact (fixture->store, "Cara Diaz");
  list = rapport_contact_list_new (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 43);
  found = rapport_test_search (fixture->store, "cara", FALSE);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  stamp_before = rapport_store_next_stamp (fixture->store);

  backup = open_backup (fixture->store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_backup_get_version (backup), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (rapport_backup_get_n_contacts (backup), ==, 42);
  g_assert_cmpint (ABS (rapport_backup_get_made (backup) - g_get_real_time () / G_USEC_PER_SEC), <, 60);
  backups = rapport_store_get_backups_dir (fixture->store);
  g_assert_true (g_str_has_prefix (rapport_backup_get_safety_path (backup), backups));
  /* Opening it changed nothing yet. */
  g_assert_cmpstr (rapport_contact_get_display_name (ann), ==, "Ann Changed");

  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_changed), seen);
  g_assert_true (restore (fixture->store, backup, &run, &safety, &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (fixture->store, count_changed, seen);
  g_assert_false (run.log.backwards);
  g_assert_cmpfloat (run.log.last, ==, 1.0);
  g_assert_true (run.refused_busy);

  /* The data is the backup's, apart from what restoring itself rewrites. */
  state = rapport_test_sql_text (fixture->store, STATE_SQL);
  g_assert_cmpstr (state, ==, backup_state);
  g_assert_cmpstr (rapport_contact_get_display_name (ann), ==, "Ann Lee");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 42);
  gone = rapport_store_get_contact (fixture->store, rapport_contact_get_id (cara), &error);
  g_assert_null (gone);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = rapport_test_search (fixture->store, "cara", FALSE);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (fixture->store, "ann", FALSE);
  g_assert_cmpuint (found->len, ==, 1);
  for (const char *const *kind = (const char *const[]){ "contacts", "interactions", "followups", "groups", "events",
                                                        "huddles", "referrals", "profile", "photos", NULL };
       *kind != NULL; kind++)
    g_assert_true (g_hash_table_contains (seen, *kind));

  /* A node of its own, later stamps, and signed out of sync. */
  g_assert_cmpuint (rapport_store_get_node_id (fixture->store), !=, node_before);
  stamp_after = rapport_store_next_stamp (fixture->store);
  g_assert_cmpstr (stamp_after, >, stamp_before);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM sync_state WHERE key = 'device'"), ==, 0);
  name = rapport_test_sql_text (fixture->store, "SELECT value FROM sync_state WHERE key = 'user'");
  g_assert_cmpstr (name, ==, "ann");

  /* What was there before was saved first. */
  g_assert_nonnull (safety);
  g_assert_cmpstr (safety, ==, rapport_backup_get_safety_path (backup));
  g_assert_cmpint (db_int (safety, "SELECT count(*) FROM contacts WHERE display_name IN ('Ann Changed', 'Cara Diaz')"),
                   ==, 2);

  /* It takes edits, and is what opens next time. */
  add_named (fixture->store, "Dan Eke", NULL);
  g_clear_object (&list);
  g_clear_object (&ann);
  g_clear_object (&cara);
  rapport_test_store_reopen (fixture);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 43);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contacts WHERE display_name = 'Ann Lee'"),
                   ==, 1);
}

/* Writes @path as a file that is not a Rapport backup, of one kind. */
typedef void (*MakeBad) (const char *good, const char *path);

static void
make_random (const char *good,
             const char *path)
{
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_random_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, NULL));
}

static void
make_text (const char *good,
           const char *path)
{
  g_assert_true (g_file_set_contents (path, "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\n", -1, NULL));
}

static void
make_empty (const char *good,
            const char *path)
{
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static void
make_truncated (const char *good,
                const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (good);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2, NULL));
}

/* Garbage over the middle of the file: the header is fine, the b-trees
 * are not. */
static void
make_damaged (const char *good,
              const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (good);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);

  g_assert_cmpuint (size, >, 8 * 16384);
  for (gsize i = 2 * 16384; i < size - 2 * 16384; i += 7)
    data[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
}

static void
make_foreign (const char *good,
              const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);"
                                     " INSERT INTO photos (name) VALUES ('beach');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
make_too_new (const char *good,
              const char *path)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", RAPPORT_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GBytes) bytes = read_bytes (good);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

typedef struct
{
  const char *name;
  MakeBad make;
  int code;
  const char *words;
} BadFile;

static const BadFile bad_files[] = {
  { "random", make_random, RAPPORT_ERROR_NOT_A_DATABASE, "is damaged or is not a database" },
  { "text", make_text, RAPPORT_ERROR_NOT_A_DATABASE, "is damaged or is not a database" },
  { "empty", make_empty, RAPPORT_ERROR_NOT_A_DATABASE, "the file is empty" },
  { "truncated", make_truncated, RAPPORT_ERROR_NOT_A_DATABASE, "is damaged or is not a database" },
  { "damaged", make_damaged, RAPPORT_ERROR_NOT_A_DATABASE, "is damaged or is not a database" },
  { "foreign", make_foreign, RAPPORT_ERROR_NOT_A_DATABASE, "not one of Rapport’s" },
  { "too-new", make_too_new, RAPPORT_ERROR_TOO_NEW, "newer version of Rapport" },
};

/* A file that cannot be restored is refused in words, and neither it
 * nor the live database changes by a byte. */
static void
test_restore_refused (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "chosen.db", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GBytes) live = NULL;
  g_autoptr(GBytes) chosen = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);
  add_many (store, 60);
  g_assert_true (back_up (store, good, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  bad->make (good, path);
  live = read_bytes (db_path);
  chosen = read_bytes (path);
  g_assert_true (g_unlink (good) == 0);

  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);
  backup = open_backup (store, path, &error);
  g_assert_null (backup);
  g_assert_error (error, RAPPORT_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, "chosen.db"));
  g_assert_nonnull (strstr (error->message, bad->words));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_assert_cmpuint (rapport_store_count_contacts (store, FALSE), ==, 60);
  g_assert_finalize_object (store);

  /* No private copy left behind, no automatic backup, nothing changed. */
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "chosen.db rapport.db");
  assert_same_bytes (live, db_path);
  assert_same_bytes (chosen, path);
  rapport_test_remove_tree (dir);
}

static void
close_store (RapportTestStore *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
}

static void
open_store (RapportTestStore *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = rapport_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

/* Cancelled while the pages are copied in, a restore leaves the data as
 * it was, byte for byte; so does one cancelled while the current data is
 * being saved. */
static void
test_restore_cancelled (RapportTestStore *fixture,
                        gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr(GBytes) live = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RestoreRun run = { .cancellable = cancellable, .cancel_at = 0.5 };
  guint64 node = 0;

  add_many (fixture->store, 300);
  g_assert_true (back_up (fixture->store, path, NULL, NULL, &error));
  g_assert_no_error (error);
  add_named (fixture->store, "Newcomer", NULL);
  node = rapport_store_get_node_id (fixture->store);
  close_store (fixture);
  live = read_bytes (fixture->path);
  open_store (fixture);

  backup = open_backup (fixture->store, path, &error);
  g_assert_no_error (error);
  g_assert_false (restore (fixture->store, backup, &run, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* It stopped in the middle of copying, not before. */
  g_assert_cmpfloat (run.log.last, >, 0.5);
  g_assert_cmpfloat (run.log.last, <, 1.0);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 301);
  g_assert_cmpuint (rapport_store_get_node_id (fixture->store), ==, node);
  add_named (fixture->store, "Still works", NULL);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 302);
  rapport_test_store_reopen (fixture);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 302);
  close_store (fixture);

  /* Now cancelled at once: not even the current data is saved. */
  {
    g_autoptr(GCancellable) at_once = g_cancellable_new ();
    g_autofree char *backups = NULL;
    g_autofree char *names = NULL;
    RestoreRun run_at_once = { .cancellable = at_once, .cancel_at = -1 };
    RapportTestWait wait = { 0 };
    GAsyncResult *result;

    g_clear_pointer (&live, g_bytes_unref);
    live = read_bytes (fixture->path);
    open_store (fixture);
    backups = rapport_store_get_backups_dir (fixture->store);
    rapport_test_remove_tree (backups);
    rapport_store_restore_async (fixture->store, backup, at_once, on_restore_progress, &run_at_once,
                                 rapport_test_wait_done, &wait);
    g_cancellable_cancel (at_once);
    result = rapport_test_wait (&wait, 60);
    g_assert_false (rapport_store_restore_finish (fixture->store, result, NULL, &error));
    release_result (result);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    names = list_dir (backups);
    g_assert_cmpstr (names, ==, "");
    close_store (fixture);
    assert_same_bytes (live, fixture->path);
    open_store (fixture);
  }
}

/* An import holds the connection in its transaction: a restore waits
 * for it, changing nothing. */
static void
test_restore_during_import (RapportTestStore *fixture,
                            gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  add_named (fixture->store, "Ann Lee", NULL);
  g_assert_true (back_up (fixture->store, path, NULL, NULL, &error));
  backup = open_backup (fixture->store, path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_begin_import (fixture->store, &error));
  g_assert_false (restore (fixture->store, backup, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  g_clear_error (&error);
  g_assert_true (rapport_store_end_import (fixture->store, TRUE, &error));
  g_assert_true (restore (fixture->store, backup, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 1);
}

/* Makes a Rapport file with pages of @page_size holding @n people. */
static char *
make_file_with_pages (const char *dir,
                      const char *name,
                      int page_size,
                      guint n)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA page_size = %d", page_size);
  g_autoptr(GError) error = NULL;
  RapportStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (rapport_store_migrate_db (db, RAPPORT_STORE_SCHEMA_VERSION, &error));
  sqlite3_close (db);
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (store, "PRAGMA page_size"), ==, page_size);
  add_many (store, n);
  g_assert_finalize_object (store);
  return path;
}

/* A backup from a file with 4 KiB pages restores into one with 16 KiB
 * pages in WAL mode, which SQLite's backup API alone refuses, and the
 * other way round. */
static void
test_restore_page_sizes (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  int sizes[][2] = { { 4096, 16384 }, { 16384, 4096 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *old = make_file_with_pages (dir, "old.db", sizes[i][0], 80);
      g_autofree char *live = make_file_with_pages (dir, "live.db", sizes[i][1], 3);
      g_autofree char *path = g_build_filename (dir, "backup.db", NULL);
      g_autofree char *journal = NULL;
      g_autoptr(RapportBackup) backup = NULL;
      g_autoptr(GError) error = NULL;
      RapportStore *store;

      store = rapport_store_open (old, &error);
      g_assert_true (back_up (store, path, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_finalize_object (store);
      g_assert_cmpint (db_int (path, "PRAGMA page_size"), ==, sizes[i][0]);

      store = rapport_store_open (live, &error);
      g_assert_no_error (error);
      backup = open_backup (store, path, &error);
      g_assert_no_error (error);
      g_assert_true (restore (store, backup, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rapport_store_count_contacts (store, FALSE), ==, 80);
      g_assert_cmpint (rapport_test_sql_int (store, "PRAGMA page_size"), ==, sizes[i][1]);
      journal = rapport_test_sql_text (store, "PRAGMA journal_mode");
      g_assert_cmpstr (journal, ==, "wal");
      g_assert_finalize_object (store);
      g_assert_cmpint (db_int (live, "SELECT count(*) FROM contacts"), ==, 80);

      g_clear_pointer (&backup, rapport_backup_unref);
      rapport_test_remove_tree (dir);
      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    }
  rapport_test_remove_tree (dir);
}

#define V5_NODE "00000000c0ffee05"

/* A file in the data format of version 5 with one person in it. */
static char *
make_v5 (const char *dir,
         const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (rapport_store_migrate_db (db, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO meta (key, value) VALUES ('node-id', '" V5_NODE "');"
                                 "INSERT INTO contacts (id, uuid, display_name, emails, phones, tags, relationship,"
                                 " created_at, sort_key, created, updated)"
                                 " VALUES (1, '0b6a1f6e-4a2b-4c39-9d7e-2f1f0e6c1a05', 'Olga Old', '[]', '[]', '[]',"
                                 " 'client', 1768000000, 'olga old', '000000000001-0000-" V5_NODE "',"
                                 " '000000000001-0000-" V5_NODE "');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

/* A backup from an older Rapport is upgraded as it is restored. */
static void
test_restore_older (RapportTestStore *fixture,
                    gconstpointer data)
{
  g_autofree char *path = make_v5 (fixture->dir, "old-backup.db");
  g_autoptr(GBytes) chosen = read_bytes (path);
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(RapportContact) olga = NULL;
  g_autoptr(GError) error = NULL;

  add_named (fixture->store, "Newer Person", NULL);
  backup = open_backup (fixture->store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_backup_get_version (backup), ==, 5);
  g_assert_true (restore (fixture->store, backup, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  olga = rapport_store_get_contact (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_display_name (olga), ==, "Olga Old");
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 1);
  /* The file chosen was only read. */
  assert_same_bytes (chosen, path);
}

static void
touch_at (const char *path,
          gint64 unix_time)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, unix_time,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
}

/* Before an upgrade, the file as it was is saved in backups/ beside it,
 * named with its version, and the newest five automatic backups are
 * kept. */
static void
test_before_upgrade (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = make_v5 (dir, "rapport.db");
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *names = NULL;
  g_autofree char *again = NULL;
  g_autofree char *saved = NULL;
  g_auto(GStrv) listed = NULL;
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/before-restore-v6-2026-01-0%u-120000.db", backups, i + 1);

      touch_at (name, 1767268800 + i * 86400);
    }
  {
    g_autofree char *mine = g_build_filename (backups, "mine.db", NULL);

    touch_at (mine, 1000);
  }

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (store, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_finalize_object (store);

  names = list_dir (backups);
  listed = g_strsplit (names, " ", -1);
  /* The new one and the four newest of the old; the user's file stays. */
  g_assert_cmpuint (g_strv_length (listed), ==, 6);
  g_assert_cmpstr (listed[0], ==, "before-restore-v6-2026-01-03-120000.db");
  g_assert_cmpstr (listed[3], ==, "before-restore-v6-2026-01-06-120000.db");
  g_assert_true (g_str_has_prefix (listed[4], "before-upgrade-v5-"));
  g_assert_cmpstr (listed[5], ==, "mine.db");
  saved = g_build_filename (backups, listed[4], NULL);
  g_assert_cmpint (db_int (saved, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (db_int (saved, "SELECT count(*) FROM contacts WHERE display_name = 'Olga Old'"), ==, 1);

  /* Opening again upgrades nothing and saves nothing more. */
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  again = list_dir (backups);
  g_assert_cmpstr (again, ==, names);
  rapport_test_remove_tree (dir);
}

/* Without the backup, no upgrade: the file is left as it was and the
 * message says why. */
static void
test_before_upgrade_refused (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = make_v5 (dir, "rapport.db");
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  /* A file where the folder would go. */
  g_assert_true (g_file_set_contents (backups, "in the way", -1, &error));
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_BACKUP_FAILED);
  g_assert_nonnull (strstr (error->message, backups));
  g_assert_nonnull (strstr (error->message, "has not been changed"));
  assert_same_bytes (before, path);
  g_assert_cmpint (db_int (path, "PRAGMA user_version"), ==, 5);
  rapport_test_remove_tree (dir);
}

/* What a crash left beside the database (a private copy of a backup,
 * an automatic backup never finished) is cleared away at the next start,
 * unless it is recent enough to be in use; the user's files stay. */
static void
test_leftovers (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *old_copy = g_build_filename (dir, ".restore-ABC123", NULL);
  g_autofree char *new_copy = g_build_filename (dir, ".restore-DEF456", NULL);
  g_autofree char *old_partial = g_build_filename (backups, ".before-upgrade-v5-2026-01-01-120000.db-XYZ789", NULL);
  g_autofree char *mine = g_build_filename (backups, "mine.db", NULL);
  g_autofree char *names = NULL;
  g_autofree char *backup_names = NULL;
  gint64 two_hours_ago = g_get_real_time () / G_USEC_PER_SEC - 7200;
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  touch_at (old_copy, two_hours_ago);
  touch_at (new_copy, g_get_real_time () / G_USEC_PER_SEC);
  touch_at (old_partial, two_hours_ago);
  touch_at (mine, two_hours_ago);
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, ".restore-DEF456 backups rapport.db");
  backup_names = list_dir (backups);
  g_assert_cmpstr (backup_names, ==, "mine.db");
  rapport_test_remove_tree (dir);
}

/* A new file has nothing to save. */
static void
test_new_file_no_backup (RapportTestStore *fixture,
                         gconstpointer data)
{
  g_autofree char *backups = rapport_store_get_backups_dir (fixture->store);

  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rapport/backup/write", RapportTestStore, NULL, rapport_test_store_setup, test_write,
              rapport_test_store_teardown);
  g_test_add ("/rapport/backup/write/replaces", RapportTestStore, NULL, rapport_test_store_setup, test_write_replaces,
              rapport_test_store_teardown);
  g_test_add ("/rapport/backup/write/cancelled", RapportTestStore, NULL, rapport_test_store_setup,
              test_write_cancelled, rapport_test_store_teardown);
  g_test_add ("/rapport/backup/write/refused", RapportTestStore, NULL, rapport_test_store_setup, test_write_refused,
              rapport_test_store_teardown);
  g_test_add ("/rapport/backup/write/over-database", RapportTestStore, NULL, rapport_test_store_setup,
              test_write_over_database, rapport_test_store_teardown);
  g_test_add ("/rapport/backup/restore", RapportTestStore, NULL, rapport_test_store_setup, test_restore,
              rapport_test_store_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/rapport/backup/restore/refused/%s", bad_files[i].name);

      g_test_add_data_func (test_path, &bad_files[i], test_restore_refused);
    }
  g_test_add ("/rapport/backup/restore/cancelled", RapportTestStore, NULL, rapport_test_store_setup,
              test_restore_cancelled, rapport_test_store_teardown);
  g_test_add ("/rapport/backup/restore/during-import", RapportTestStore, NULL, rapport_test_store_setup,
              test_restore_during_import, rapport_test_store_teardown);
  g_test_add_func ("/rapport/backup/restore/page-sizes", test_restore_page_sizes);
  g_test_add ("/rapport/backup/restore/older", RapportTestStore, NULL, rapport_test_store_setup, test_restore_older,
              rapport_test_store_teardown);
  g_test_add_func ("/rapport/backup/before-upgrade", test_before_upgrade);
  g_test_add_func ("/rapport/backup/before-upgrade/refused", test_before_upgrade_refused);
  g_test_add_func ("/rapport/backup/leftovers", test_leftovers);
  g_test_add ("/rapport/backup/before-upgrade/new-file", RapportTestStore, NULL, rapport_test_store_setup,
              test_new_file_no_backup, rapport_test_store_teardown);

  return g_test_run ();
}
