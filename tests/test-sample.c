/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sample.c: the sample network is believable, repeatable, recorded for
 * sync, and can be taken out again without touching the user's own cards. */
#define G_LOG_DOMAIN "test-sample"

#include "config.h"

#include "rapport-sample.h"
#include "rapport-test-util.h"

#define TODAY "2026-11-25"

static void
fill (RapportStore *store,
      guint n,
      guint32 seed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sample_fill (store, n, seed, TODAY, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_fill (RapportTestStore *fixture,
           gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(GListModel) followups = NULL;
  guint active = 0;

  fill (store, 240, 7);

  /* Everyone is there, mostly active, every row in the outbox. */
  active = rapport_store_count_contacts (store, FALSE);
  g_assert_cmpuint (active + rapport_store_count_contacts (store, TRUE), ==, 240);
  g_assert_cmpuint (active, >, 200);
  g_assert_cmpuint (rapport_sample_count (store), ==, 240);
  g_assert_true (rapport_sample_is_present (store));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'contact'"), ==, 240);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'interaction'"),
                   ==, rapport_test_sql_int (store, "SELECT count(*) FROM interactions"));

  /* A network, not a list: introductions point at people in it, met
   * before the person they introduced. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE introduced_by IS NOT NULL"), >, 10);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts c JOIN contacts i ON i.id = c.introduced_by"
                                                " WHERE i.created_at > c.created_at"),
                   ==, 0);

  /* Something to do this morning, but not everything. */
  followups = rapport_store_list_followups (store, TODAY, NULL);
  g_assert_cmpuint (rapport_store_count_due (store, TODAY), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (followups), <, 60);
}

static void
test_repeatable (void)
{
  RapportTestStore a = { 0 }, b = { 0 };
  g_autofree char *names_a = NULL;
  g_autofree char *names_b = NULL;
  const char *sql = "SELECT group_concat (display_name, '|') FROM (SELECT display_name FROM contacts ORDER BY id)";

  rapport_test_store_setup (&a, NULL);
  rapport_test_store_setup (&b, NULL);
  fill (a.store, 50, 42);
  fill (b.store, 50, 42);
  names_a = rapport_test_sql_text (a.store, "%s", sql);
  names_b = rapport_test_sql_text (b.store, "%s", sql);
  g_assert_cmpstr (names_a, ==, names_b);
  rapport_test_store_teardown (&a, NULL);
  rapport_test_store_teardown (&b, NULL);
}

/* Removing the sample keeps the user's cards, before and after it, and
 * cuts their link to a made-up introducer. */
static void
test_remove (RapportTestStore *fixture,
             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) before = rapport_test_add_contact (store, "Ann Lee");
  g_autoptr(RapportContact) after = NULL;
  g_autoptr(RapportContact) draft = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sample_id;
  gint64 outbox_before;

  fill (store, 60, 3);
  fill (store, 40, 4);
  g_assert_cmpuint (rapport_sample_count (store), ==, 100);
  /* Ranges written twice still count, and delete, each contact once. */
  g_assert_true (rapport_store_exec (store, "UPDATE meta SET value = value || ' ' || value WHERE key = 'sample-contacts'",
                                     NULL));
  g_assert_cmpuint (rapport_sample_count (store), ==, 100);
  sample_id = rapport_test_sql_int (store, "SELECT min (id) FROM contacts WHERE id > %" G_GINT64_FORMAT,
                                    rapport_contact_get_id (before));

  after = rapport_test_add_contact (store, "Zoë Adams");
  draft = rapport_contact_copy (after);
  rapport_contact_set_introduced_by (draft, sample_id);
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_introduced_by (after), ==, sample_id);
  outbox_before = rapport_store_count_outbox (store);

  g_assert_true (rapport_sample_remove (store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (rapport_sample_count (store), ==, 0);
  g_assert_false (rapport_sample_is_present (store));
  g_assert_cmpuint (rapport_store_count_contacts (store, FALSE) + rapport_store_count_contacts (store, TRUE), ==, 2);
  g_assert_true (rapport_store_has_contacts (store));
  g_assert_cmpint (rapport_contact_get_introduced_by (after), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM followups WHERE deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contact_tags"), ==, 0);
  g_assert_cmpuint (rapport_store_count_due (store, TODAY), ==, 0);
  /* Tombstones for sync: one per contact at least. */
  g_assert_cmpuint (rapport_store_count_outbox (store), >=, outbox_before + 100);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM meta WHERE key = 'sample-contacts'"), ==, 0);
  /* No record gets two changes with one stamp, which sync could not order. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM (SELECT 1 FROM outbox"
                                                " GROUP BY entity, uuid, hlc HAVING count(*) > 1)"),
                   ==, 0);

  /* Nothing left to remove, and removing again is harmless. */
  g_assert_true (rapport_sample_remove (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_contacts (store, FALSE), ==, 2);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RAPPORT_TODAY", TODAY, TRUE);

  g_test_add ("/rapport/sample/fill", RapportTestStore, NULL, rapport_test_store_setup, test_fill,
              rapport_test_store_teardown);
  g_test_add_func ("/rapport/sample/repeatable", test_repeatable);
  g_test_add ("/rapport/sample/remove", RapportTestStore, NULL, rapport_test_store_setup, test_remove,
              rapport_test_store_teardown);
  return g_test_run ();
}
