/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-util.c: shared set-up for the core tests.
 *
 * Each test gets its own folder from g_dir_make_tmp(), so that tests never
 * share a database and a failed run leaves nothing in the user's data. */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-error.h"
#include "rapport-test-util.h"

char *
rapport_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rapport-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
rapport_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rapport_test_remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

void
rapport_test_store_setup (RapportTestStore *fixture,
                          gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = rapport_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "rapport.db", NULL);
  fixture->store = rapport_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (RAPPORT_IS_STORE (fixture->store));
}

void
rapport_test_store_teardown (RapportTestStore *fixture,
                             gconstpointer data)
{
  /* Whatever the test made must not keep the store alive. */
  if (fixture->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->store));
  rapport_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Closes the store and opens the same file again, as a restart would. */
RapportStore *
rapport_test_store_reopen (RapportTestStore *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  fixture->store = rapport_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  return fixture->store;
}

gint64
rapport_test_db_int (sqlite3 *db,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("“%s” returned no row: %s", sql, sqlite3_errmsg (db));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
rapport_test_db_text (sqlite3 *db,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("“%s” returned no row: %s", sql, sqlite3_errmsg (db));
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gint64
rapport_test_sql_int (RapportStore *store,
                      const char *format,
                      ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return rapport_test_db_int (rapport_store_get_db (store), sql);
}

char *
rapport_test_sql_text (RapportStore *store,
                       const char *format,
                       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return rapport_test_db_text (rapport_store_get_db (store), sql);
}

RapportContact *
rapport_test_add_contact (RapportStore *store,
                          const char *name)
{
  g_autoptr(GError) error = NULL;
  RapportContact *contact = rapport_contact_new (name);

  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_id (contact), >, 0);
  return contact;
}

GArray *
rapport_test_search (RapportStore *store,
                     const char *search,
                     gboolean archived)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RapportContactQuery query = {
    .search = search,
    .relationship = -1,
    .archived = archived,
  };

  g_assert_true (rapport_store_query_contact_ids (store, &query, ids, &error));
  g_assert_no_error (error);
  return ids;
}

/* contact_days, as the store keeps it, and as worked out from the
 * contacts, one line per day with anything in it. */
#define DAY_LINE "day || ':' || met || ',' || same_day || ',' || next_day || ',' || later || ',' || added"

/**
 * rapport_test_assert_contact_days:
 * @store: a store
 *
 * Checks that the counts the store's triggers keep by day are those the
 * contacts give when counted afresh.
 */
void
rapport_test_assert_contact_days (RapportStore *store)
{
  g_autofree char *kept = rapport_test_sql_text (store,
                                                 "SELECT coalesce (group_concat (" DAY_LINE ", ';'), '') FROM"
                                                 " (SELECT * FROM contact_days WHERE met <> 0 OR added <> 0"
                                                 "  ORDER BY day)");
  g_autofree char *counted = rapport_test_sql_text (
      store,
      "WITH m AS (SELECT met_day AS day, count(*) AS met, count (CASE WHEN followup_days = 0 THEN 1 END) AS same_day,"
      "  count (CASE WHEN followup_days = 1 THEN 1 END) AS next_day,"
      "  count (CASE WHEN followup_days >= 2 THEN 1 END) AS later"
      "  FROM contacts WHERE deleted = 0 GROUP BY met_day),"
      " a AS (SELECT date (created_at, 'unixepoch', 'localtime') AS day, count(*) AS added"
      "  FROM contacts WHERE deleted = 0 GROUP BY 1),"
      " days AS (SELECT day FROM m UNION SELECT day FROM a)"
      " SELECT coalesce (group_concat (" DAY_LINE ", ';'), '') FROM"
      " (SELECT d.day AS day, coalesce (m.met, 0) AS met, coalesce (m.same_day, 0) AS same_day,"
      "  coalesce (m.next_day, 0) AS next_day, coalesce (m.later, 0) AS later, coalesce (a.added, 0) AS added"
      "  FROM days d LEFT JOIN m ON m.day = d.day LEFT JOIN a ON a.day = d.day ORDER BY d.day)");

  g_assert_cmpstr (kept, ==, counted);
}

/* The callback to give an asynchronous call whose user data is a
 * RapportTestWait. */
void
rapport_test_wait_done (GObject *source,
                        GAsyncResult *result,
                        gpointer user_data)
{
  RapportTestWait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

/* Spins the main loop until the call finishes; fails the test after
 * @timeout_s seconds rather than hanging until meson's timeout. Returns
 * the result, to unref. */
GAsyncResult *
rapport_test_wait (RapportTestWait *wait,
                   guint timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!wait->done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u s waiting for an asynchronous call", timeout_s);
      /* Not blocking: with nothing to do, the deadline is still checked. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return wait->result;
}
