/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contact-list.c: the lazy list model behind the contacts view.
 *
 * Laziness is measured from outside: a SQLite trace on the store's
 * connection counts how many times a contact row is loaded, and weak
 * references count how many RapportContact objects are alive. */
#define G_LOG_DOMAIN "test-contact-list"

#include "config.h"

#include <string.h>

#include "rapport-contact-list.h"
#include "rapport-error.h"
#include "rapport-test-util.h"

#define N_CONTACTS 2000
/* The store keeps this many recently used contacts alive. */
#define RECENT_CACHE_SIZE 256

typedef struct
{
  guint loads;
  GHashTable *alive;
} Counter;

static int
on_trace (unsigned int type,
          void *data,
          void *p,
          void *x)
{
  Counter *counter = data;
  const char *sql = sqlite3_sql (p);

  /* The statement that reads one whole contact row. */
  if (sql != NULL && strstr (sql, "LEFT JOIN contacts i ON i.id = c.introduced_by") != NULL)
    counter->loads++;
  return 0;
}

static void
on_finalized (gpointer data,
              GObject *where_the_object_was)
{
  Counter *counter = data;

  g_assert_true (g_hash_table_remove (counter->alive, where_the_object_was));
}

/* Counts @contact among the live objects until it is finalized. */
static void
track (Counter *counter,
       RapportContact *contact)
{
  if (g_hash_table_add (counter->alive, contact))
    g_object_weak_ref (G_OBJECT (contact), on_finalized, counter);
}

static void
untrack_all (Counter *counter)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, counter->alive);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_object_weak_unref (key, on_finalized, counter);
      g_hash_table_iter_remove (&iter);
    }
}

static RapportContact *
get_item (RapportContactList *list,
          guint position,
          Counter *counter)
{
  RapportContact *contact = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (contact);
  track (counter, contact);
  return contact;
}

static void
test_lazy (RapportTestStore *fixture,
           gconstpointer data)
{
  RapportStore *store = fixture->store;
  sqlite3 *db = rapport_store_get_db (store);
  Counter counter = { 0, g_hash_table_new (NULL, NULL) };
  RapportContactList *list;
  RapportContact *first;
  RapportContact *again;
  RapportContact *weak_first = NULL;
  g_autofree char *expected = NULL;
  guint n_items = 0;

  /* Names sort in creation order, so position i is "Person i". */
  for (guint i = 0; i < N_CONTACTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %04u", i);
      g_autoptr(RapportContact) contact = rapport_test_add_contact (store, name);

      track (&counter, contact);
    }
  /* Nothing the test dropped is kept alive by the store. */
  g_assert_cmpuint (g_hash_table_size (counter.alive), ==, 0);

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace, &counter);

  list = rapport_contact_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CONTACTS);
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, N_CONTACTS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RAPPORT_TYPE_CONTACT);
  /* Listing 2,000 contacts made no contact at all. */
  g_assert_cmpuint (counter.loads, ==, 0);
  g_assert_cmpuint (g_hash_table_size (counter.alive), ==, 0);

  /* Ids come without objects. */
  g_assert_cmpint (rapport_id_list_get_id (RAPPORT_ID_LIST (list), 1500), >, 0);
  g_assert_cmpuint (counter.loads, ==, 0);

  /* One row asked for, one row made. */
  first = get_item (list, 1000, &counter);
  g_assert_cmpstr (rapport_contact_get_display_name (first), ==, "Person 1000");
  g_assert_cmpuint (counter.loads, ==, 1);
  g_assert_cmpuint (g_hash_table_size (counter.alive), ==, 1);

  /* Asking again returns the same object without reading the file. */
  again = get_item (list, 1000, &counter);
  g_assert_true (again == first);
  g_assert_cmpuint (counter.loads, ==, 1);
  g_object_unref (again);

  /* A screenful: ten more rows, ten more objects. */
  for (guint i = 0; i < 10; i++)
    {
      RapportContact *row = get_item (list, i, &counter);

      expected = g_strdup_printf ("Person %04u", i);
      g_assert_cmpstr (rapport_contact_get_display_name (row), ==, expected);
      g_clear_pointer (&expected, g_free);
      g_object_unref (row);
    }
  g_assert_cmpuint (counter.loads, ==, 11);
  /* Released by the test, they stay in the store's small cache. */
  g_assert_cmpuint (g_hash_table_size (counter.alive), ==, 11);

  /* Scrolling back to a cached row reads nothing. */
  g_set_weak_pointer (&weak_first, first);
  g_clear_object (&first);
  g_assert_nonnull (weak_first);
  first = get_item (list, 1000, &counter);
  g_assert_true (first == weak_first);
  g_assert_cmpuint (counter.loads, ==, 11);
  g_clear_object (&first);

  /* Scrolling far away pushes it out of the cache, and the number of live
   * objects stays bounded however far one scrolls. */
  for (guint i = 1100; i < 1100 + RECENT_CACHE_SIZE + 44; i++)
    {
      RapportContact *row = get_item (list, i, &counter);

      g_object_unref (row);
      g_assert_cmpuint (g_hash_table_size (counter.alive), <=, RECENT_CACHE_SIZE);
    }
  g_assert_cmpuint (counter.loads, ==, 11 + RECENT_CACHE_SIZE + 44);
  g_assert_null (weak_first);
  g_assert_cmpuint (g_hash_table_size (counter.alive), ==, RECENT_CACHE_SIZE);

  /* Coming back reads it again. */
  first = get_item (list, 1000, &counter);
  g_assert_cmpstr (rapport_contact_get_display_name (first), ==, "Person 1000");
  g_assert_cmpuint (counter.loads, ==, 11 + RECENT_CACHE_SIZE + 44 + 1);
  g_clear_object (&first);

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), N_CONTACTS));

  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_finalize_object (list);
  untrack_all (&counter);
  g_hash_table_unref (counter.alive);
}

typedef struct
{
  GString *log;
  GListModel *model;
} ChangeLog;

static void
on_items_changed (GListModel *model,
                  guint position,
                  guint removed,
                  guint added,
                  ChangeLog *log)
{
  /* The model already holds its new state when it says so. */
  g_string_append_printf (log->log, "%s%u-%u+%u=%u", log->log->len ? " " : "",
                          position, removed, added, g_list_model_get_n_items (model));
}

static void
on_notify_count (GObject *object,
                 GParamSpec *pspec,
                 guint *count)
{
  (*count)++;
}

static void
assert_log (ChangeLog *log,
            const char *expected)
{
  g_assert_cmpstr (log->log->str, ==, expected);
  g_string_truncate (log->log, 0);
}

static void
assert_names (RapportContactList *list,
              const char *expected)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(RapportContact) contact = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (names, "%s%s", i ? "," : "", rapport_contact_get_display_name (contact));
    }
  g_assert_cmpstr (names->str, ==, expected);
}

static void
rename_contact (RapportStore *store,
                RapportContact *contact,
                const char *name)
{
  g_autoptr(RapportContact) draft = rapport_contact_copy (contact);
  g_autoptr(GError) error = NULL;

  rapport_contact_set_display_name (draft, name);
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
}

static void
test_items_changed (RapportTestStore *fixture,
                    gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store, "Ann");
  g_autoptr(RapportContact) bob = rapport_test_add_contact (store, "Bob");
  g_autoptr(RapportContact) dan = rapport_test_add_contact (store, "Dan");
  g_autoptr(RapportContact) eve = rapport_test_add_contact (store, "Eve");
  g_autoptr(RapportContact) gus = rapport_test_add_contact (store, "Gus");
  g_autoptr(RapportContact) cat = NULL;
  g_autoptr(RapportContact) row = NULL;
  g_autoptr(GError) error = NULL;
  RapportContactList *list = rapport_contact_list_new (store);
  ChangeLog log = { g_string_new (NULL), G_LIST_MODEL (list) };
  guint n_items_notified = 0;
  guint name_notified = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &log);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (on_notify_count), &n_items_notified);
  assert_names (list, "Ann,Bob,Dan,Eve,Gus");

  /* Added in the middle: one row inserted at its place. */
  cat = rapport_test_add_contact (store, "Cat");
  assert_log (&log, "2-0+1=6");
  g_assert_cmpuint (n_items_notified, ==, 1);
  assert_names (list, "Ann,Bob,Cat,Dan,Eve,Gus");

  /* Renamed in place: the row's object changes, the list does not. */
  row = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (row == bob);
  g_signal_connect (row, "notify::display-name", G_CALLBACK (on_notify_count), &name_notified);
  rename_contact (store, bob, "Bo");
  assert_log (&log, "");
  g_assert_cmpuint (name_notified, ==, 1);
  g_assert_cmpstr (rapport_contact_get_display_name (row), ==, "Bo");
  g_signal_handlers_disconnect_by_func (row, on_notify_count, &name_notified);

  /* Renamed so that it moves: only the rows between old and new place. */
  rename_contact (store, dan, "Aaron");
  assert_log (&log, "0-4+4=6");
  assert_names (list, "Aaron,Ann,Bo,Cat,Eve,Gus");
  rename_contact (store, ann, "Fay");
  assert_log (&log, "1-4+4=6");
  assert_names (list, "Aaron,Bo,Cat,Eve,Fay,Gus");
  g_assert_cmpuint (n_items_notified, ==, 1);

  /* Archived: one row removed. */
  g_assert_true (rapport_store_archive_contact (store, rapport_contact_get_id (cat), &error));
  g_assert_no_error (error);
  assert_log (&log, "2-1+0=5");
  g_assert_cmpuint (n_items_notified, ==, 2);
  g_assert_true (rapport_store_restore_contact (store, rapport_contact_get_id (cat), &error));
  g_assert_no_error (error);
  assert_log (&log, "2-0+1=6");

  /* Changes that do not touch the list report nothing. */
  g_assert_true (rapport_store_set_starred (store, rapport_contact_get_id (eve), TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_log_interaction (store, rapport_contact_get_id (gus), RAPPORT_INTERACTION_CALL,
                                                  1764000000, NULL, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_add_followup (store, rapport_contact_get_id (gus), "2026-12-01", NULL, &error), >, 0);
  g_assert_no_error (error);
  rapport_id_list_reload (RAPPORT_ID_LIST (list));
  assert_log (&log, "");

  g_signal_handlers_disconnect_by_data (list, &log);
  g_signal_handlers_disconnect_by_data (list, &n_items_notified);
  g_string_free (log.log, TRUE);
  g_clear_object (&row);
  g_assert_finalize_object (list);
}

static void
test_filter_changes (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  const char *const names[] = { "Aaron", "Ann", "Bo", "Cat", "Eve", "Gus" };
  RapportContactList *list = rapport_contact_list_new (store);
  ChangeLog log = { g_string_new (NULL), G_LIST_MODEL (list) };
  g_autoptr(GError) error = NULL;
  guint search_notified = 0;
  guint archived_notified = 0;
  gint64 eve = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RapportContact) contact = rapport_test_add_contact (store, names[i]);

      if (g_str_equal (names[i], "Eve"))
        eve = rapport_contact_get_id (contact);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &log);
  g_signal_connect (list, "notify::search", G_CALLBACK (on_notify_count), &search_notified);
  g_signal_connect (list, "notify::archived", G_CALLBACK (on_notify_count), &archived_notified);

  rapport_contact_list_set_search (list, "a");
  assert_log (&log, "2-4+0=2");
  g_assert_cmpuint (search_notified, ==, 1);
  assert_names (list, "Aaron,Ann");

  /* The same search again, or one with the same words, is no change. */
  rapport_contact_list_set_search (list, "a");
  assert_log (&log, "");
  g_assert_cmpuint (search_notified, ==, 1);

  rapport_contact_list_set_search (list, "an");
  assert_log (&log, "0-1+0=1");
  /* [Ann] to [Aaron, Ann, Bo, …]: no common end, so one span replaces all. */
  rapport_contact_list_set_search (list, "");
  g_assert_null (rapport_contact_list_get_search (list));
  assert_log (&log, "0-1+6=6");
  g_assert_cmpuint (search_notified, ==, 3);

  /* The archive is another list; archiving moves rows between them. */
  rapport_contact_list_set_archived (list, TRUE);
  g_assert_cmpuint (archived_notified, ==, 1);
  assert_log (&log, "0-6+0=0");
  g_assert_true (rapport_store_archive_contact (store, eve, &error));
  g_assert_no_error (error);
  assert_log (&log, "0-0+1=1");
  g_assert_true (rapport_store_delete_contact (store, eve, &error));
  g_assert_no_error (error);
  assert_log (&log, "0-1+0=0");

  g_signal_handlers_disconnect_by_data (list, &log);
  g_string_free (log.log, TRUE);
  g_assert_finalize_object (list);
}

/* Rows a view still holds outlive the list, and the list never keeps the
 * store alive after it is gone. */
static void
test_lifetime (RapportTestStore *fixture,
               gconstpointer data)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (fixture->store, "Ann");
  RapportContactList *list = rapport_contact_list_new (fixture->store);
  RapportContact *row;

  g_assert_true (rapport_id_list_get_store (RAPPORT_ID_LIST (list)) == fixture->store);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_finalize_object (list);
  g_assert_cmpstr (rapport_contact_get_display_name (row), ==, "Ann");
  g_object_unref (row);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rapport/contact-list/lazy", RapportTestStore, NULL,
              rapport_test_store_setup, test_lazy, rapport_test_store_teardown);
  g_test_add ("/rapport/contact-list/items-changed", RapportTestStore, NULL,
              rapport_test_store_setup, test_items_changed, rapport_test_store_teardown);
  g_test_add ("/rapport/contact-list/filter-changes", RapportTestStore, NULL,
              rapport_test_store_setup, test_filter_changes, rapport_test_store_teardown);
  g_test_add ("/rapport/contact-list/lifetime", RapportTestStore, NULL,
              rapport_test_store_setup, test_lifetime, rapport_test_store_teardown);

  return g_test_run ();
}
