/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-open.c: opening the database file. A file Rapport cannot read, or
 * one written by a newer Rapport, must be refused and left exactly as it
 * was: same bytes, same modification time, no journal files beside it. */
#define G_LOG_DOMAIN "test-open"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>
#include <glib/gstdio.h>

#include "rapport-error.h"
#include "rapport-test-util.h"

/* Far enough in the past that any write would show in the mtime. */
#define OLD_MTIME 1000000000

typedef struct
{
  GBytes *bytes;
  struct timespec mtime;
  char *listing;
} Snapshot;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The folder's files with their sizes, so that a journal file that appears,
 * or one that changes, shows. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_ptr_array_add (names, g_strdup_printf ("%s:%" G_GINT64_FORMAT, name, (gint64) st.st_size));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
snapshot_take (Snapshot *snapshot,
               const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  struct stat st;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  snapshot->bytes = g_bytes_new_take (contents, length);
  g_assert_cmpint (stat (path, &st), ==, 0);
  snapshot->mtime = st.st_mtim;
  snapshot->listing = list_dir (dir);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->bytes, g_bytes_unref);
  g_clear_pointer (&snapshot->listing, g_free);
}

static void
assert_untouched (const Snapshot *before,
                  const char *path)
{
  Snapshot after = { 0 };

  snapshot_take (&after, path);
  g_assert_cmpuint (g_bytes_get_size (after.bytes), ==, g_bytes_get_size (before->bytes));
  g_assert_true (g_bytes_equal (after.bytes, before->bytes));
  g_assert_cmpint (after.mtime.tv_sec, ==, before->mtime.tv_sec);
  g_assert_cmpint (after.mtime.tv_nsec, ==, before->mtime.tv_nsec);
  /* No -wal, -shm or -journal appeared, and none that was there changed
   * size. */
  g_assert_cmpstr (after.listing, ==, before->listing);
  snapshot_clear (&after);
}

static void
write_file (const char *path,
            const guint8 *data,
            gsize length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, (const char *) data, length, &error));
  g_assert_no_error (error);
}

static void
age_file (const char *path)
{
  struct utimbuf times = { OLD_MTIME, OLD_MTIME };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* Opens @path, expects the refusal @code, and checks the file was not
 * touched. */
static void
assert_refused (const char *path,
                int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  Snapshot before = { 0 };

  age_file (path);
  snapshot_take (&before, path);

  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, code);
  /* The message names the file, so the user knows which one. */
  g_assert_nonnull (strstr (error->message, basename));

  assert_untouched (&before, path);

  /* Refusing twice changes nothing either. */
  g_clear_error (&error);
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, code);
  assert_untouched (&before, path);

  snapshot_clear (&before);
}

static void
test_refuse_random_bytes (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "random.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 data[3 * 4096];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  write_file (path, data, sizeof data);

  assert_refused (path, RAPPORT_ERROR_NOT_A_DATABASE);
  rapport_test_remove_tree (dir);
}

static void
test_refuse_text_file (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Line %u: this is not a database, only notes about people.\n", i);
  write_file (path, (const guint8 *) text->str, text->len);

  assert_refused (path, RAPPORT_ERROR_NOT_A_DATABASE);
  rapport_test_remove_tree (dir);
}

/* Writes a real Rapport database with enough rows to span many pages, and
 * returns its bytes. */
static GBytes *
make_real_database (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "real.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autofree char *notes = g_strnfill (400, 'a' + i % 26);
      g_autoptr(RapportContact) contact = rapport_contact_new (name);

      rapport_contact_set_notes (contact, notes);
      g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16 * 4096);
  g_assert_true (memcmp (contents, "SQLite format 3", 16) == 0);
  return g_bytes_new_take (contents, length);
}

static void
test_refuse_truncated (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autoptr(GBytes) real = make_real_database (dir);
  const guint8 *data = g_bytes_get_data (real, NULL);
  gsize size = g_bytes_get_size (real);
  /* Cut on a page boundary, in the middle of a page, and after the header. */
  const gsize cuts[] = { (size / 2) & ~(gsize) 4095, size / 2 + 100, 4096 + 17, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *name = g_strdup_printf ("truncated-%u.db", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_test_message ("Cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes", cuts[i], size);
      write_file (path, data, cuts[i]);
      assert_refused (path, RAPPORT_ERROR_NOT_A_DATABASE);
    }
  rapport_test_remove_tree (dir);
}

static void
set_user_version (const char *path,
                  int version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A newer Rapport's file in WAL mode, as this version would leave it. */
static void
test_refuse_too_new_wal (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "real.db", NULL);
  g_autoptr(GBytes) real = make_real_database (dir);
  g_autofree char *mode = NULL;
  sqlite3 *db = NULL;

  set_user_version (path, RAPPORT_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  mode = rapport_test_db_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  sqlite3_close (db);

  assert_refused (path, RAPPORT_ERROR_TOO_NEW);
  rapport_test_remove_tree (dir);
}

/* A newer file in the default rollback-journal mode: switching it to WAL
 * would rewrite its header, so the version must be checked first. */
static void
test_refuse_too_new_rollback (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE future (x); INSERT INTO future VALUES (1);"
                                          " PRAGMA user_version = %d",
                                          RAPPORT_STORE_SCHEMA_VERSION + 1);
  g_autofree char *mode = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  mode = rapport_test_db_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "delete");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_refused (path, RAPPORT_ERROR_TOO_NEW);
  rapport_test_remove_tree (dir);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_no_error (error);
  write_file (to, (const guint8 *) contents, length);
  g_free (contents);
}

/* A newer Rapport that crashed leaves its last commits, the version bump
 * among them, in the -wal file beside its -shm index. Opening must not fold
 * them into the main file, nor delete or change the -wal file. */
static void
test_refuse_too_new_hot_wal (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "real.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "crashed.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", RAPPORT_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GBytes) real = make_real_database (dir);
  g_autoptr(GBytes) wal_before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  sqlite3 *db = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE contacts SET notes = 'newer' WHERE id < 20", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Copy while the writer is still open, as a crash would leave them. */
  copy_file (path, copy);
  copy_file (wal, copy_wal);
  copy_file (shm, copy_shm);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (copy_wal, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  wal_before = g_bytes_new_take (contents, length);
  age_file (copy_wal);

  assert_refused (copy, RAPPORT_ERROR_TOO_NEW);

  g_assert_true (g_file_get_contents (copy_wal, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, g_bytes_get_size (wal_before));
  g_assert_true (memcmp (contents, g_bytes_get_data (wal_before, NULL), length) == 0);
  g_free (contents);
  rapport_test_remove_tree (dir);
}

/* The same crash at this version is ordinary recovery: the commits in the
 * -wal file are read, and folded into the main file on close. */
static void
test_recovers_hot_wal (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "real.db", NULL);
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "crashed.db", NULL);
  const char *const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GBytes) real = make_real_database (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  RapportStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                                     " UPDATE contacts SET notes = 'recovered' WHERE id < 20",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);

      copy_file (from, to);
    }
  sqlite3_close (db);

  store = rapport_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE notes = 'recovered'"), ==, 19);
  g_assert_finalize_object (store);

  /* Checkpointed on close: the main file alone now holds the commits. */
  g_assert_false (g_file_test (copy_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (rapport_test_db_int (db, "SELECT count(*) FROM contacts WHERE notes = 'recovered'"), ==, 19);
  sqlite3_close (db);
  rapport_test_remove_tree (dir);
}

static void
test_refused_message (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *version = g_strdup_printf ("%d", RAPPORT_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  set_user_version (path, RAPPORT_STORE_SCHEMA_VERSION + 1);
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, version));
  rapport_test_remove_tree (dir);
}

static void
test_creates_missing_folder (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "a", "b", "c", NULL);
  g_autofree char *path = g_build_filename (folder, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  RapportStore *store;
  GStatBuf st;

  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (rapport_store_get_path (store), ==, path);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The user's network is private: the folder is the user's alone. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (rapport_test_sql_int (store, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_finalize_object (store);
  rapport_test_remove_tree (dir);
}

static void
test_folder_is_a_file (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  write_file (blocker, (const guint8 *) "x", 1);
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  rapport_test_remove_tree (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = rapport_store_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  const char *data_home = g_getenv ("XDG_DATA_HOME");

  g_assert_cmpstr (path, ==, expected);
  if (data_home != NULL)
    g_assert_true (g_str_has_prefix (path, data_home));
}

static void
test_pragmas (RapportTestStore *fixture,
              gconstpointer data)
{
  g_autofree char *mode = NULL;
  g_autofree char *other_mode = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = rapport_store_get_db (fixture->store);
  sqlite3 *other = NULL;

  mode = rapport_test_db_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (rapport_test_db_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (rapport_test_db_int (db, "PRAGMA busy_timeout"), ==, 5000);

  /* WAL is a property of the file: another connection sees it too. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &other, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  other_mode = rapport_test_db_text (other, "PRAGMA journal_mode");
  g_assert_cmpstr (other_mode, ==, "wal");
  g_assert_cmpint (rapport_test_db_int (other, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  sqlite3_close (other);

  /* Foreign keys are enforced, not just declared. */
  g_assert_false (rapport_store_exec (fixture->store,
                                      "INSERT INTO interactions (uuid, contact_id, kind, happened_at, created, updated)"
                                      " VALUES ('x', 987654, 'call', 0, 'a', 'a')",
                                      &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE);
  g_assert_cmpint (rapport_test_db_int (db, "SELECT count(*) FROM interactions"), ==, 0);
}

typedef struct
{
  sqlite3 *db;
  gint64 released_at;
} Holder;

static gpointer
release_lock_later (gpointer data)
{
  Holder *holder = data;

  g_usleep (300 * 1000);
  holder->released_at = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_exec (holder->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* While another process holds the write lock, an edit waits for it rather
 * than failing with "database is locked". */
static void
test_busy_timeout (RapportTestStore *fixture,
                   gconstpointer data)
{
  g_autoptr(RapportContact) contact = rapport_contact_new ("Patient Person");
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  Holder holder = { NULL, 0 };
  gint64 started;

  g_assert_cmpint (sqlite3_open (fixture->path, &holder.db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder.db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  thread = g_thread_new ("lock-holder", release_lock_later, &holder);
  g_assert_true (rapport_store_create_contact (fixture->store, contact, NULL, &error));
  g_assert_no_error (error);
  g_thread_join (g_steal_pointer (&thread));

  g_assert_cmpint (holder.released_at, >, started);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 250 * 1000);
  g_assert_cmpint (rapport_test_db_int (holder.db, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (sqlite3_close (holder.db), ==, SQLITE_OK);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/store/open/refuse/random-bytes", test_refuse_random_bytes);
  g_test_add_func ("/rapport/store/open/refuse/text-file", test_refuse_text_file);
  g_test_add_func ("/rapport/store/open/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/rapport/store/open/refuse/too-new-wal", test_refuse_too_new_wal);
  g_test_add_func ("/rapport/store/open/refuse/too-new-rollback", test_refuse_too_new_rollback);
  g_test_add_func ("/rapport/store/open/refuse/too-new-hot-wal", test_refuse_too_new_hot_wal);
  g_test_add_func ("/rapport/store/open/refuse/message", test_refused_message);
  g_test_add_func ("/rapport/store/open/recovers-hot-wal", test_recovers_hot_wal);
  g_test_add_func ("/rapport/store/open/creates-missing-folder", test_creates_missing_folder);
  g_test_add_func ("/rapport/store/open/folder-is-a-file", test_folder_is_a_file);
  g_test_add_func ("/rapport/store/open/default-path", test_default_path);
  g_test_add ("/rapport/store/open/pragmas", RapportTestStore, NULL,
              rapport_test_store_setup, test_pragmas, rapport_test_store_teardown);
  g_test_add ("/rapport/store/open/busy-timeout", RapportTestStore, NULL,
              rapport_test_store_setup, test_busy_timeout, rapport_test_store_teardown);

  return g_test_run ();
}
