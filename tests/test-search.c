/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search.c: finding contacts as the user types, through the store's
 * query and through the list model the contacts view binds to. */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include "rapport-contact-list.h"
#include "rapport-error.h"
#include "rapport-test-util.h"

typedef struct
{
  RapportTestStore base;
  gint64 john;
  gint64 johanna;
  gint64 jose;
  gint64 muller;
  gint64 priya;
  gint64 johnny;
} SearchFixture;

static gint64
add (RapportStore *store,
     const char *name,
     const char *company,
     const char *industry,
     const char *const *tags,
     const char *notes,
     RapportRelationship relationship,
     gboolean starred)
{
  g_autoptr(RapportContact) contact = rapport_contact_new (name);
  g_autoptr(GError) error = NULL;

  rapport_contact_set_company (contact, company);
  rapport_contact_set_industry (contact, industry);
  rapport_contact_set_tags (contact, tags);
  rapport_contact_set_notes (contact, notes);
  rapport_contact_set_relationship (contact, relationship);
  rapport_contact_set_starred (contact, starred);
  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  return rapport_contact_get_id (contact);
}

static void
search_setup (SearchFixture *fixture,
              gconstpointer data)
{
  const char *const golf[] = { "golf", "board", NULL };
  const char *const golf_only[] = { "golf", NULL };
  const char *const lenders[] = { "lenders", NULL };
  RapportStore *store;
  g_autoptr(GError) error = NULL;

  rapport_test_store_setup (&fixture->base, data);
  store = fixture->base.store;

  fixture->john = add (store, "John Smith", "Acme Corp", "Real estate", golf,
                       "Met at the chamber lunch", RAPPORT_RELATIONSHIP_PROSPECT, FALSE);
  fixture->johanna = add (store, "Johanna Brown", "Globex", "Insurance", golf_only,
                          "Wants referrals for landlords", RAPPORT_RELATIONSHIP_CLIENT, TRUE);
  fixture->jose = add (store, "José Álvarez", "Banco Sur", "Banking", lenders,
                       "Knows every mortgage broker", RAPPORT_RELATIONSHIP_CLIENT, FALSE);
  fixture->muller = add (store, "Karl Muller", "Initech", "Accounting", NULL,
                         "Runs the Tuesday breakfast", RAPPORT_RELATIONSHIP_REFERRAL_PARTNER, TRUE);
  fixture->priya = add (store, "Priya Patel", "Smithson & Co", "Law", NULL,
                        NULL, RAPPORT_RELATIONSHIP_UNKNOWN, FALSE);
  fixture->johnny = add (store, "Johnny Archived", "Acme Corp", "Real estate", golf_only,
                         NULL, RAPPORT_RELATIONSHIP_PROSPECT, TRUE);
  g_assert_true (rapport_store_archive_contact (store, fixture->johnny, &error));
  g_assert_no_error (error);
}

static void
search_teardown (SearchFixture *fixture,
                 gconstpointer data)
{
  rapport_test_store_teardown (&fixture->base, data);
}

/* Runs @query and compares the ids, in order, with the NULL-terminated
 * @expected (0 ends the list). */
static void
assert_query (RapportStore *store,
              const RapportContactQuery *query,
              ...)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  va_list args;
  gint64 id;

  va_start (args, query);
  while ((id = va_arg (args, gint64)) != 0)
    g_array_append_val (expected, id);
  va_end (args);

  g_assert_true (rapport_store_query_contact_ids (store, query, ids, &error));
  g_assert_no_error (error);
  if (ids->len != expected->len)
    g_error ("Search “%s” found %u contacts, expected %u", query->search, ids->len, expected->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (expected, gint64, i));
}

#define END ((gint64) 0)

static void
assert_search (SearchFixture *fixture,
               const char *search,
               ...)
{
  g_autoptr(GArray) ids = rapport_test_search (fixture->base.store, search, FALSE);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;
  gint64 id;

  va_start (args, search);
  while ((id = va_arg (args, gint64)) != 0)
    g_array_append_val (expected, id);
  va_end (args);

  if (ids->len != expected->len)
    g_error ("Search “%s” found %u contacts, expected %u", search, ids->len, expected->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (expected, gint64, i));
}

static void
test_prefix (SearchFixture *fixture,
             gconstpointer data)
{
  /* Name order: Johanna Brown, John Smith. */
  assert_search (fixture, "jo", fixture->johanna, fixture->john, fixture->jose, END);
  assert_search (fixture, "joh", fixture->johanna, fixture->john, END);
  assert_search (fixture, "john", fixture->john, END);
  assert_search (fixture, "johns", END);
  assert_search (fixture, "smi", fixture->john, fixture->priya, END);
  assert_search (fixture, "x", END);
}

static void
test_words_across_fields (SearchFixture *fixture,
                          gconstpointer data)
{
  /* Every word must match, each in any field. */
  assert_search (fixture, "john acme", fixture->john, END);
  assert_search (fixture, "acme john", fixture->john, END);
  assert_search (fixture, "jo glob", fixture->johanna, END);
  assert_search (fixture, "john globex", END);
  /* "co" is a prefix of John's "Corp" as well as Priya's "Co". */
  assert_search (fixture, "smith co", fixture->john, fixture->priya, END);
  assert_search (fixture, "smiths co", fixture->priya, END);
}

static void
test_accents_and_case (SearchFixture *fixture,
                       gconstpointer data)
{
  assert_search (fixture, "jose", fixture->jose, END);
  assert_search (fixture, "JOSE", fixture->jose, END);
  assert_search (fixture, "José", fixture->jose, END);
  assert_search (fixture, "alvarez", fixture->jose, END);
  assert_search (fixture, "ÁLV", fixture->jose, END);
  assert_search (fixture, "MÜLLER", fixture->muller, END);
  assert_search (fixture, "müll", fixture->muller, END);
  assert_search (fixture, "muller", fixture->muller, END);
  assert_search (fixture, "KARL", fixture->muller, END);
}

static void
test_other_fields (SearchFixture *fixture,
                   gconstpointer data)
{
  /* Tags, industry and notes are all searchable. */
  assert_search (fixture, "golf", fixture->johanna, fixture->john, END);
  assert_search (fixture, "board", fixture->john, END);
  assert_search (fixture, "lender", fixture->jose, END);
  assert_search (fixture, "insur", fixture->johanna, END);
  assert_search (fixture, "real est", fixture->john, END);
  assert_search (fixture, "breakfast", fixture->muller, END);
  assert_search (fixture, "chamber lunch", fixture->john, END);
  assert_search (fixture, "mortgage", fixture->jose, END);
}

static void
test_archived (SearchFixture *fixture,
               gconstpointer data)
{
  RapportContactQuery query = { .search = "johnny", .relationship = -1, .archived = TRUE };
  g_autoptr(GError) error = NULL;

  assert_search (fixture, "johnny", END);
  assert_query (fixture->base.store, &query, fixture->johnny, END);
  query.search = "acme";
  assert_query (fixture->base.store, &query, fixture->johnny, END);
  query.search = NULL;
  assert_query (fixture->base.store, &query, fixture->johnny, END);

  /* Restored, it is found again, and only among the active. */
  g_assert_true (rapport_store_restore_contact (fixture->base.store, fixture->johnny, &error));
  g_assert_no_error (error);
  assert_search (fixture, "johnny", fixture->johnny, END);
  query.search = "johnny";
  assert_query (fixture->base.store, &query, END);
}

static void
test_filters (SearchFixture *fixture,
              gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  RapportContactQuery query = { .relationship = -1 };

  query.relationship = RAPPORT_RELATIONSHIP_CLIENT;
  assert_query (store, &query, fixture->johanna, fixture->jose, END);
  query.search = "jo";
  assert_query (store, &query, fixture->johanna, fixture->jose, END);
  query.search = "jose";
  assert_query (store, &query, fixture->jose, END);
  query.search = "john";
  assert_query (store, &query, END);

  query = (RapportContactQuery){ .relationship = -1, .tag = "golf" };
  assert_query (store, &query, fixture->johanna, fixture->john, END);
  query.search = "smith";
  assert_query (store, &query, fixture->john, END);
  query.tag = "lenders";
  assert_query (store, &query, END);
  query.tag = "";
  assert_query (store, &query, fixture->john, fixture->priya, END);

  query = (RapportContactQuery){ .relationship = -1, .starred_only = TRUE };
  assert_query (store, &query, fixture->johanna, fixture->muller, END);
  query.search = "jo";
  assert_query (store, &query, fixture->johanna, END);

  /* All at once. */
  query = (RapportContactQuery){
    .search = "glob",
    .relationship = RAPPORT_RELATIONSHIP_CLIENT,
    .tag = "golf",
    .starred_only = TRUE,
  };
  assert_query (store, &query, fixture->johanna, END);
  query.relationship = RAPPORT_RELATIONSHIP_PROSPECT;
  assert_query (store, &query, END);
}

static void
test_order (RapportTestStore *fixture,
            gconstpointer data)
{
  const char *const names[] = { "Zoë Adams", "émile Zola", "Eve Stone", "ÉLODIE Roy", "adam Kay", "Émile Abel" };
  gint64 ids[G_N_ELEMENTS (names)];
  RapportContactQuery query = { .relationship = -1 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RapportContact) contact = rapport_test_add_contact (fixture->store, names[i]);

      ids[i] = rapport_contact_get_id (contact);
    }

  /* Folded: adam kay, elodie roy, emile abel, emile zola, eve stone, zoe
   * adams. */
  assert_query (fixture->store, &query, ids[4], ids[3], ids[5], ids[1], ids[2], ids[0], END);
  query.search = "e";
  assert_query (fixture->store, &query, ids[3], ids[5], ids[1], ids[2], END);
  query.search = "a";
  assert_query (fixture->store, &query, ids[4], ids[5], ids[0], END);
}

/* Search and the unfiltered list come from a cached list order; a write
 * by another connection (a sync process, the command line) must show at
 * the next query, as this connection's own writes do. */
static void
test_other_connection (SearchFixture *fixture,
                       gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  RapportContactQuery all = { .relationship = -1 };
  sqlite3 *other = NULL;
  gint64 zed = fixture->muller + 100;
  g_autofree char *insert = NULL;

  assert_search (fixture, "z", END);
  assert_query (store, &all, fixture->johanna, fixture->john, fixture->jose, fixture->muller,
                fixture->priya, END);

  g_assert_cmpint (sqlite3_open (fixture->base.path, &other), ==, SQLITE_OK);
  insert = g_strdup_printf ("INSERT INTO contacts (id, uuid, display_name, company, created_at, sort_key,"
                            " created, updated)"
                            " VALUES (%" G_GINT64_FORMAT ", 'zed-uuid', 'Zed Abara', 'Zenith', 0, 'zed abara',"
                            " '000000000001-0000-0000000000000001', '000000000001-0000-0000000000000001')",
                            zed);
  g_assert_cmpint (sqlite3_exec (other, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  assert_search (fixture, "z", zed, END);
  assert_search (fixture, "zen", zed, END);
  assert_query (store, &all, fixture->johanna, fixture->john, fixture->jose, fixture->muller,
                fixture->priya, zed, END);

  /* And this connection's own writes, as ever. */
  g_assert_true (rapport_store_archive_contact (store, zed, NULL));
  assert_search (fixture, "z", END);
}

/* Another program may write ids Rapport never makes: huge or negative.
 * Search still finds them, in name order, without a giant bitmap. */
static void
test_foreign_ids (SearchFixture *fixture,
                  gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  RapportContactQuery all = { .relationship = -1 };
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (fixture->base.path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other,
                                 "INSERT INTO contacts (id, uuid, display_name, created_at, sort_key, created, updated)"
                                 " VALUES (9000000000000000000, 'huge-uuid', 'Zara Huge', 0, 'zara huge',"
                                 " '000000000001-0000-0000000000000001', '000000000001-0000-0000000000000001'),"
                                 " (-9, 'negative-uuid', 'Zack Negative', 0, 'zack negative',"
                                 " '000000000001-0000-0000000000000001', '000000000001-0000-0000000000000001')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (other);

  assert_search (fixture, "za", (gint64) -9, G_GINT64_CONSTANT (9000000000000000000), END);
  assert_search (fixture, "huge", G_GINT64_CONSTANT (9000000000000000000), END);
  assert_search (fixture, "jo", fixture->johanna, fixture->john, fixture->jose, END);
  assert_query (store, &all, fixture->johanna, fixture->john, fixture->jose, fixture->muller, fixture->priya,
                (gint64) -9, G_GINT64_CONSTANT (9000000000000000000), END);
}

static void
test_sync_after_update (SearchFixture *fixture,
                        gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportContact) john = rapport_store_get_contact (store, fixture->john, &error);
  g_autoptr(RapportContact) draft = NULL;
  const char *const tags[] = { "chess", NULL };

  g_assert_no_error (error);
  draft = rapport_contact_copy (john);
  rapport_contact_set_display_name (draft, "Jonathan Smythe");
  rapport_contact_set_company (draft, "Initrode");
  rapport_contact_set_industry (draft, "Shipping");
  rapport_contact_set_tags (draft, tags);
  rapport_contact_set_notes (draft, "Prefers phone calls");
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);

  /* Old words are gone from the index ... */
  assert_search (fixture, "john", END);
  assert_search (fixture, "acme", END);
  assert_search (fixture, "real", END);
  assert_search (fixture, "board", END);
  assert_search (fixture, "chamber", END);
  assert_search (fixture, "golf", fixture->johanna, END);
  /* ... and the new ones are in. */
  assert_search (fixture, "jonat", fixture->john, END);
  assert_search (fixture, "smythe", fixture->john, END);
  assert_search (fixture, "initrode", fixture->john, END);
  assert_search (fixture, "shipping", fixture->john, END);
  assert_search (fixture, "chess", fixture->john, END);
  assert_search (fixture, "phone", fixture->john, END);
  /* The order follows the new name: "jonathan" sorts after "johanna". */
  assert_search (fixture, "jo", fixture->johanna, fixture->john, fixture->jose, END);

  /* The index agrees with the table, row for row. */
  g_assert_true (rapport_store_exec (store, "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)",
                                     &error));
  g_assert_no_error (error);
}

static void
test_sync_after_delete (SearchFixture *fixture,
                        gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  RapportContactQuery query = { .relationship = -1, .archived = TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_archive_contact (store, fixture->muller, &error));
  g_assert_no_error (error);
  assert_search (fixture, "muller", END);
  query.search = "muller";
  assert_query (store, &query, fixture->muller, END);

  g_assert_true (rapport_store_delete_contact (store, fixture->muller, &error));
  g_assert_no_error (error);
  assert_search (fixture, "muller", END);
  assert_search (fixture, "breakfast", END);
  assert_query (store, &query, END);
  query.search = "initech";
  assert_query (store, &query, END);

  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH '\"muller\"*'"),
                   ==, 0);
  g_assert_true (rapport_store_exec (store, "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)",
                                     &error));
  g_assert_no_error (error);
}

static guint
list_ids_equal (RapportContactList *list,
                ...)
{
  va_list args;
  guint n = 0;
  gint64 id;

  va_start (args, list);
  while ((id = va_arg (args, gint64)) != 0)
    {
      g_assert_cmpuint (n, <, g_list_model_get_n_items (G_LIST_MODEL (list)));
      g_assert_cmpint (rapport_id_list_get_id (RAPPORT_ID_LIST (list), n), ==, id);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  return n;
}

static void
test_contact_list (SearchFixture *fixture,
                   gconstpointer data)
{
  RapportContactList *list = rapport_contact_list_new (fixture->base.store);
  g_autoptr(RapportContact) first = NULL;

  list_ids_equal (list, fixture->johanna, fixture->john, fixture->jose, fixture->muller, fixture->priya, END);

  rapport_contact_list_set_search (list, "jo");
  g_assert_cmpstr (rapport_contact_list_get_search (list), ==, "jo");
  list_ids_equal (list, fixture->johanna, fixture->john, fixture->jose, END);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (rapport_contact_get_display_name (first), ==, "Johanna Brown");

  rapport_contact_list_set_relationship (list, RAPPORT_RELATIONSHIP_CLIENT);
  list_ids_equal (list, fixture->johanna, fixture->jose, END);
  rapport_contact_list_set_starred_only (list, TRUE);
  list_ids_equal (list, fixture->johanna, END);
  rapport_contact_list_set_starred_only (list, FALSE);
  rapport_contact_list_set_relationship (list, -1);
  rapport_contact_list_set_tag (list, "golf");
  list_ids_equal (list, fixture->johanna, fixture->john, END);

  rapport_contact_list_set_tag (list, NULL);
  rapport_contact_list_set_search (list, "MÜLLER");
  list_ids_equal (list, fixture->muller, END);
  rapport_contact_list_set_search (list, "\"(*");
  list_ids_equal (list, fixture->johanna, fixture->john, fixture->jose, fixture->muller, fixture->priya, END);

  rapport_contact_list_set_search (list, "acme");
  rapport_contact_list_set_archived (list, TRUE);
  list_ids_equal (list, fixture->johnny, END);
  rapport_contact_list_set_archived (list, FALSE);
  list_ids_equal (list, fixture->john, END);

  g_assert_finalize_object (list);
}

/* The names alone: "smith" is John Smith, not the lawyer at Smithson & Co;
 * "golf" is nobody's name, though two are tagged so. Filters still apply. */
static void
test_names_only (SearchFixture *fixture,
                 gconstpointer data)
{
  RapportContactQuery names = { .search = "smith", .relationship = -1, .names_only = TRUE };
  RapportContactQuery anything = { .search = "smith", .relationship = -1 };

  assert_query (fixture->base.store, &anything, fixture->john, fixture->priya, END);
  assert_query (fixture->base.store, &names, fixture->john, END);

  names.search = "golf";
  assert_query (fixture->base.store, &names, END);
  names.search = "JOS alv";
  assert_query (fixture->base.store, &names, fixture->jose, END);
  names.search = "jo";
  names.starred_only = TRUE;
  assert_query (fixture->base.store, &names, fixture->johanna, END);
  names.starred_only = FALSE;
  names.archived = TRUE;
  assert_query (fixture->base.store, &names, fixture->johnny, END);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, SearchFixture, NULL, search_setup, func, search_teardown)

  ADD ("/rapport/search/prefix", test_prefix);
  ADD ("/rapport/search/words-across-fields", test_words_across_fields);
  ADD ("/rapport/search/accents-and-case", test_accents_and_case);
  ADD ("/rapport/search/other-fields", test_other_fields);
  ADD ("/rapport/search/names-only", test_names_only);
  ADD ("/rapport/search/archived", test_archived);
  ADD ("/rapport/search/filters", test_filters);
  ADD ("/rapport/search/other-connection", test_other_connection);
  ADD ("/rapport/search/foreign-ids", test_foreign_ids);
  ADD ("/rapport/search/sync-after-update", test_sync_after_update);
  ADD ("/rapport/search/sync-after-delete", test_sync_after_delete);
  ADD ("/rapport/search/contact-list", test_contact_list);
  g_test_add ("/rapport/search/order", RapportTestStore, NULL,
              rapport_test_store_setup, test_order, rapport_test_store_teardown);

#undef ADD

  return g_test_run ();
}
