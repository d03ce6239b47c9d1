/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: contact cards in a real SQLite file: every field written
 * and read back, validation that writes nothing, the outbox that sync reads,
 * archive and delete, the live-object map and the "changed" signal. */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rapport-contact-private.h"
#include "rapport-error.h"
#include "rapport-hlc.h"
#include "rapport-test-util.h"
#include "rapport-text.h"

#define MET_ON "2025-06-15"

static int
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

static guint
count_rows (RapportStore *store,
            const char *table)
{
  return (guint) rapport_test_sql_int (store, "SELECT count(*) FROM %s", table);
}

/* Everything a card can hold, some of it with stray spaces and duplicate
 * tags that the store is expected to clean up. */
static RapportContact *
new_full_contact (gint64 introducer)
{
  const char *const tags[] = { "VIP", "vip", " Vip ", "Café", "CAFE", "cafe", " ", "golf", NULL };
  RapportContact *contact = rapport_contact_new ("  Amélie Poulain  ");

  rapport_contact_set_given_name (contact, "Amélie");
  rapport_contact_set_family_name (contact, "Poulain");
  rapport_contact_set_company (contact, "Acme");
  rapport_contact_set_job_title (contact, "Broker");
  rapport_contact_set_industry (contact, "Real estate");
  rapport_contact_set_industry_since (contact, 2010);
  rapport_contact_set_website (contact, "https://amelie.example.com");
  rapport_contact_set_linkedin (contact, "https://www.linkedin.com/in/amelie");
  rapport_contact_set_city (contact, "Paris");
  rapport_contact_set_relationship (contact, RAPPORT_RELATIONSHIP_REFERRAL_PARTNER);
  rapport_contact_set_help_them (contact, "Introduce her to notaries");
  rapport_contact_set_help_me (contact, "Knows every landlord in the 18th");
  rapport_contact_set_notes (contact, "Met at the chamber lunch.\nLikes gnomes.");
  rapport_contact_set_met_on (contact, MET_ON);
  rapport_contact_set_introduced_by (contact, introducer);
  rapport_contact_set_starred (contact, TRUE);
  rapport_contact_set_cadence_days (contact, 45);
  rapport_contact_add_email (contact, "work", " amelie@example.com ");
  rapport_contact_add_email (contact, " home ", "a.p@example.org");
  rapport_contact_add_email (contact, "spare", "  ");
  rapport_contact_add_phone (contact, "mobile", "+33 6 12 34 56 78");
  rapport_contact_add_phone (contact, "work", "(555) 010-9999");
  rapport_contact_set_tags (contact, tags);
  return contact;
}

static void
assert_labeled (GPtrArray *array,
                guint index,
                const char *label,
                const char *value)
{
  RapportLabeled *item;

  g_assert_cmpuint (index, <, array->len);
  item = g_ptr_array_index (array, index);
  g_assert_cmpstr (item->label, ==, label);
  g_assert_cmpstr (item->value, ==, value);
}

static void
assert_full_contact (RapportContact *contact,
                     gint64 introducer,
                     const char *introducer_name)
{
  const char *const expected_tags[] = { "VIP", "Café", "golf", NULL };

  g_assert_cmpint (rapport_contact_get_id (contact), >, 0);
  g_assert_true (g_uuid_string_is_valid (rapport_contact_get_uuid (contact)));
  g_assert_cmpstr (rapport_contact_get_display_name (contact), ==, "Amélie Poulain");
  g_assert_cmpstr (rapport_contact_get_given_name (contact), ==, "Amélie");
  g_assert_cmpstr (rapport_contact_get_family_name (contact), ==, "Poulain");
  g_assert_cmpstr (rapport_contact_get_company (contact), ==, "Acme");
  g_assert_cmpstr (rapport_contact_get_job_title (contact), ==, "Broker");
  g_assert_cmpstr (rapport_contact_get_subtitle (contact), ==, "Broker · Acme");
  g_assert_cmpstr (rapport_contact_get_industry (contact), ==, "Real estate");
  g_assert_cmpint (rapport_contact_get_industry_since (contact), ==, 2010);
  g_assert_cmpstr (rapport_contact_get_website (contact), ==, "https://amelie.example.com");
  g_assert_cmpstr (rapport_contact_get_linkedin (contact), ==, "https://www.linkedin.com/in/amelie");
  g_assert_cmpstr (rapport_contact_get_city (contact), ==, "Paris");
  g_assert_cmpint (rapport_contact_get_relationship (contact), ==, RAPPORT_RELATIONSHIP_REFERRAL_PARTNER);
  g_assert_cmpstr (rapport_contact_get_help_them (contact), ==, "Introduce her to notaries");
  g_assert_cmpstr (rapport_contact_get_help_me (contact), ==, "Knows every landlord in the 18th");
  g_assert_cmpstr (rapport_contact_get_notes (contact), ==, "Met at the chamber lunch.\nLikes gnomes.");
  g_assert_cmpstr (rapport_contact_get_met_on (contact), ==, MET_ON);
  g_assert_cmpint (rapport_contact_get_introduced_by (contact), ==, introducer);
  g_assert_cmpstr (rapport_contact_get_introduced_by_name (contact), ==, introducer_name);
  g_assert_true (rapport_contact_get_starred (contact));
  g_assert_false (rapport_contact_get_archived (contact));
  g_assert_cmpint (rapport_contact_get_cadence_days (contact), ==, 45);

  g_assert_cmpuint (rapport_contact_get_emails (contact)->len, ==, 2);
  assert_labeled (rapport_contact_get_emails (contact), 0, "work", "amelie@example.com");
  assert_labeled (rapport_contact_get_emails (contact), 1, "home", "a.p@example.org");
  g_assert_cmpuint (rapport_contact_get_phones (contact)->len, ==, 2);
  assert_labeled (rapport_contact_get_phones (contact), 0, "mobile", "+33 6 12 34 56 78");
  assert_labeled (rapport_contact_get_phones (contact), 1, "work", "(555) 010-9999");
  g_assert_true (g_strv_equal (rapport_contact_get_tags (contact), expected_tags));
}

static gint64
noon_utc (const char *iso_date)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_cmpint (sscanf (iso_date, "%d-%d-%d", &y, &m, &d), ==, 3);
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  return g_date_time_to_unix (dt);
}

static void
test_contact_create (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) alice = rapport_test_add_contact (store, "Alice Martin");
  g_autoptr(RapportContact) contact = new_full_contact (rapport_contact_get_id (alice));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportInteraction) met = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *emails_json = NULL;
  g_autofree char *tags_json = NULL;
  const char *const expected_all_tags[] = { "Café", "golf", "VIP", NULL };
  RapportContact *weak = NULL;
  RapportContact *reloaded;
  gint64 id;

  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  id = rapport_contact_get_id (contact);

  /* The caller's object became the live one, cleaned up as stored. */
  assert_full_contact (contact, rapport_contact_get_id (alice), "Alice Martin");

  emails_json = rapport_test_sql_text (store, "SELECT emails FROM contacts WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (emails_json, ==,
                   "[{\"label\":\"work\",\"value\":\"amelie@example.com\"},"
                   "{\"label\":\"home\",\"value\":\"a.p@example.org\"}]");
  tags_json = rapport_test_sql_text (store, "SELECT tags FROM contacts WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (tags_json, ==, "[\"VIP\",\"Café\",\"golf\"]");
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contact_tags WHERE contact_id = %" G_GINT64_FORMAT, id),
                   ==, 3);
  tags = rapport_store_list_tags (store);
  g_assert_true (g_strv_equal ((const char *const *) tags, expected_all_tags));

  /* "Met on" puts a "met" entry at that day's noon on the timeline. */
  timeline = rapport_store_list_interactions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);
  met = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (met), ==, RAPPORT_INTERACTION_MET);
  g_assert_cmpint (rapport_interaction_get_happened_at (met), ==, noon_utc (MET_ON));
  g_assert_cmpint (rapport_interaction_get_contact_id (met), ==, id);
  g_assert_cmpint (rapport_contact_get_last_interaction (contact), ==, noon_utc (MET_ON));

  /* Drop the live object so that the next read comes from the file. */
  g_set_weak_pointer (&weak, contact);
  g_clear_object (&contact);
  g_assert_null (weak);
  reloaded = rapport_store_get_contact (store, id, &error);
  g_assert_no_error (error);
  assert_full_contact (reloaded, rapport_contact_get_id (alice), "Alice Martin");
  g_assert_cmpint (rapport_contact_get_last_interaction (reloaded), ==, noon_utc (MET_ON));
  g_object_unref (reloaded);
}

static void
test_contact_update (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) alice = rapport_test_add_contact (store, "Alice Martin");
  g_autoptr(RapportContact) contact = new_full_contact (rapport_contact_get_id (alice));
  g_autoptr(RapportContact) draft = NULL;
  g_autoptr(RapportContact) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_labeled_free);
  const char *const new_tags[] = { "Board", "board", NULL };
  const char *const expected_tags[] = { "Board", NULL };
  RapportContact *weak = NULL;
  guint outbox;
  gint64 id;

  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  id = rapport_contact_get_id (contact);
  outbox = rapport_store_count_outbox (store);

  draft = rapport_contact_copy (contact);
  g_assert_true (draft != contact);
  g_assert_cmpint (rapport_contact_get_id (draft), ==, id);
  rapport_contact_set_display_name (draft, "Amélie Dupont");
  rapport_contact_set_given_name (draft, NULL);
  rapport_contact_set_family_name (draft, "Dupont");
  rapport_contact_set_company (draft, "");
  rapport_contact_set_job_title (draft, "Notary");
  rapport_contact_set_industry (draft, "Law");
  rapport_contact_set_industry_since (draft, this_year ());
  rapport_contact_set_website (draft, NULL);
  rapport_contact_set_linkedin (draft, NULL);
  rapport_contact_set_city (draft, "Lyon");
  rapport_contact_set_relationship (draft, RAPPORT_RELATIONSHIP_CLIENT);
  rapport_contact_set_help_them (draft, NULL);
  rapport_contact_set_help_me (draft, "Signs fast");
  rapport_contact_set_notes (draft, "Moved to Lyon.");
  rapport_contact_set_met_on (draft, NULL);
  rapport_contact_set_introduced_by (draft, 0);
  rapport_contact_set_starred (draft, FALSE);
  rapport_contact_set_cadence_days (draft, 0);
  rapport_contact_set_emails (draft, NULL);
  g_ptr_array_add (phones, rapport_labeled_new ("fax", "+33 1 00 00 00 00"));
  rapport_contact_set_phones (draft, phones);
  rapport_contact_set_tags (draft, new_tags);

  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 1);

  g_set_weak_pointer (&weak, contact);
  g_clear_object (&contact);
  g_assert_null (weak);
  reloaded = rapport_store_get_contact (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_display_name (reloaded), ==, "Amélie Dupont");
  g_assert_null (rapport_contact_get_given_name (reloaded));
  g_assert_cmpstr (rapport_contact_get_family_name (reloaded), ==, "Dupont");
  g_assert_null (rapport_contact_get_company (reloaded));
  g_assert_cmpstr (rapport_contact_get_job_title (reloaded), ==, "Notary");
  g_assert_cmpstr (rapport_contact_get_subtitle (reloaded), ==, "Notary");
  g_assert_cmpstr (rapport_contact_get_industry (reloaded), ==, "Law");
  g_assert_cmpint (rapport_contact_get_industry_since (reloaded), ==, this_year ());
  g_assert_null (rapport_contact_get_website (reloaded));
  g_assert_null (rapport_contact_get_linkedin (reloaded));
  g_assert_cmpstr (rapport_contact_get_city (reloaded), ==, "Lyon");
  g_assert_cmpint (rapport_contact_get_relationship (reloaded), ==, RAPPORT_RELATIONSHIP_CLIENT);
  g_assert_null (rapport_contact_get_help_them (reloaded));
  g_assert_cmpstr (rapport_contact_get_help_me (reloaded), ==, "Signs fast");
  g_assert_cmpstr (rapport_contact_get_notes (reloaded), ==, "Moved to Lyon.");
  g_assert_null (rapport_contact_get_met_on (reloaded));
  g_assert_cmpint (rapport_contact_get_introduced_by (reloaded), ==, 0);
  g_assert_null (rapport_contact_get_introduced_by_name (reloaded));
  g_assert_false (rapport_contact_get_starred (reloaded));
  g_assert_cmpint (rapport_contact_get_cadence_days (reloaded), ==, 0);
  g_assert_cmpuint (rapport_contact_get_emails (reloaded)->len, ==, 0);
  g_assert_cmpuint (rapport_contact_get_phones (reloaded)->len, ==, 1);
  assert_labeled (rapport_contact_get_phones (reloaded), 0, "fax", "+33 1 00 00 00 00");
  g_assert_true (g_strv_equal (rapport_contact_get_tags (reloaded), expected_tags));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contact_tags WHERE contact_id = %" G_GINT64_FORMAT, id),
                   ==, 1);
  /* The sort key follows the new name. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT sort_key = 'amelie dupont' FROM contacts WHERE id = %" G_GINT64_FORMAT, id),
                   ==, 1);
}

typedef struct
{
  const char *what;
  void (*apply) (RapportContact *contact, gint64 own_id);
  gboolean update_only;
} InvalidCase;

static void
set_empty_name (RapportContact *c, gint64 id)
{
  rapport_contact_set_display_name (c, "");
}

static void
set_null_name (RapportContact *c, gint64 id)
{
  rapport_contact_set_display_name (c, NULL);
}

static void
set_blank_name (RapportContact *c, gint64 id)
{
  rapport_contact_set_display_name (c, " \t\n \xc2\xa0 ");
}

static void
set_long_name (RapportContact *c, gint64 id)
{
  g_autofree char *name = g_strnfill (501, 'x');

  rapport_contact_set_display_name (c, name);
}

static void
set_bad_utf8_name (RapportContact *c, gint64 id)
{
  rapport_contact_set_display_name (c, "Bad \xc3\x28 name");
}

static void
set_bad_utf8_notes (RapportContact *c, gint64 id)
{
  rapport_contact_set_notes (c, "fine, then \xff\xfe");
}

static void
set_bad_utf8_company (RapportContact *c, gint64 id)
{
  rapport_contact_set_company (c, "\xed\xa0\x80");
}

static void
set_bad_utf8_tag (RapportContact *c, gint64 id)
{
  const char *const tags[] = { "ok", "b\xe9"
                                     "d",
                               NULL };

  rapport_contact_set_tags (c, tags);
}

static void
set_long_tag (RapportContact *c, gint64 id)
{
  g_autofree char *tag = g_strnfill (65, 't');
  const char *const tags[] = { tag, NULL };

  rapport_contact_set_tags (c, tags);
}

static void
set_bad_utf8_label (RapportContact *c, gint64 id)
{
  rapport_contact_add_email (c, "w\xc0rk", "ann@example.com");
}

static void
set_bad_email (RapportContact *c, gint64 id)
{
  rapport_contact_add_email (c, "work", "not-an-email");
}

static void
set_two_at_email (RapportContact *c, gint64 id)
{
  rapport_contact_add_email (c, "work", "a@b@example.com");
}

static void
set_no_user_email (RapportContact *c, gint64 id)
{
  rapport_contact_add_email (c, "work", "@example.com");
}

static void
set_no_domain_email (RapportContact *c, gint64 id)
{
  rapport_contact_add_email (c, "work", "ann@");
}

static void
set_spaced_email (RapportContact *c, gint64 id)
{
  rapport_contact_add_email (c, "work", "ann smith@example.com");
}

static void
set_wordy_phone (RapportContact *c, gint64 id)
{
  rapport_contact_add_phone (c, "mobile", "call me maybe");
}

static void
set_dashes_phone (RapportContact *c, gint64 id)
{
  rapport_contact_add_phone (c, "mobile", "+-() -");
}

static void
set_old_industry (RapportContact *c, gint64 id)
{
  rapport_contact_set_industry_since (c, 1899);
}

static void
set_future_industry (RapportContact *c, gint64 id)
{
  rapport_contact_set_industry_since (c, this_year () + 1);
}

static void
set_bad_met_on (RapportContact *c, gint64 id)
{
  rapport_contact_set_met_on (c, "2026-02-30");
}

static void
set_wordy_met_on (RapportContact *c, gint64 id)
{
  rapport_contact_set_met_on (c, "yesterday");
}

static void
set_missing_introducer (RapportContact *c, gint64 id)
{
  rapport_contact_set_introduced_by (c, 987654);
}

static void
set_self_introducer (RapportContact *c, gint64 id)
{
  rapport_contact_set_introduced_by (c, id);
}

static const InvalidCase invalid_cases[] = {
  { "empty name", set_empty_name, FALSE },
  { "no name", set_null_name, FALSE },
  { "blank name", set_blank_name, FALSE },
  { "name over 500 characters", set_long_name, FALSE },
  { "invalid UTF-8 in the name", set_bad_utf8_name, FALSE },
  { "invalid UTF-8 in the notes", set_bad_utf8_notes, FALSE },
  { "a UTF-16 surrogate in the company", set_bad_utf8_company, FALSE },
  { "invalid UTF-8 in a tag", set_bad_utf8_tag, FALSE },
  { "tag over 64 characters", set_long_tag, FALSE },
  { "invalid UTF-8 in an email label", set_bad_utf8_label, FALSE },
  { "email without @", set_bad_email, FALSE },
  { "email with two @", set_two_at_email, FALSE },
  { "email without user", set_no_user_email, FALSE },
  { "email without domain", set_no_domain_email, FALSE },
  { "email with a space", set_spaced_email, FALSE },
  { "phone in words", set_wordy_phone, FALSE },
  { "phone without digits", set_dashes_phone, FALSE },
  { "industry since 1899", set_old_industry, FALSE },
  { "industry since next year", set_future_industry, FALSE },
  { "met on 30 February", set_bad_met_on, FALSE },
  { "met on in words", set_wordy_met_on, FALSE },
  { "introduced by a missing contact", set_missing_introducer, FALSE },
  { "introduced by themselves", set_self_introducer, TRUE },
};

static void
test_contact_validation (RapportTestStore *fixture,
                         gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) existing = rapport_test_add_contact (store, "Existing Person");
  gint64 id = rapport_contact_get_id (existing);
  g_autofree char *stamp_before = rapport_test_sql_text (store, "SELECT updated FROM contacts WHERE id = %" G_GINT64_FORMAT, id);
  guint contacts = count_rows (store, "contacts");
  guint interactions = count_rows (store, "interactions");
  guint tag_rows = count_rows (store, "contact_tags");
  guint outbox = rapport_store_count_outbox (store);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportContact) draft = rapport_contact_copy (existing);
      g_autofree char *stamp_after = NULL;

      g_test_message ("Case: %s", c->what);

      if (!c->update_only)
        {
          g_autoptr(RapportContact) fresh = rapport_contact_new ("Valid Name");

          c->apply (fresh, 0);
          g_assert_false (rapport_store_create_contact (store, fresh, NULL, &error));
          g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_cmpstr (error->message, !=, "");
          g_assert_cmpint (rapport_contact_get_id (fresh), ==, 0);
          g_clear_error (&error);
        }

      c->apply (draft, id);
      g_assert_false (rapport_store_update_contact (store, draft, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);

      g_assert_cmpuint (count_rows (store, "contacts"), ==, contacts);
      g_assert_cmpuint (count_rows (store, "interactions"), ==, interactions);
      g_assert_cmpuint (count_rows (store, "contact_tags"), ==, tag_rows);
      g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
      stamp_after = rapport_test_sql_text (store, "SELECT updated FROM contacts WHERE id = %" G_GINT64_FORMAT, id);
      g_assert_cmpstr (stamp_after, ==, stamp_before);
      g_assert_cmpstr (rapport_contact_get_display_name (existing), ==, "Existing Person");
    }

  /* A follow-up date that is not a date refuses the whole card. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RapportContact) fresh = rapport_contact_new ("Valid Name");

    g_assert_false (rapport_store_create_contact (store, fresh, "2026-13-01", &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_assert_cmpuint (count_rows (store, "contacts"), ==, contacts);
    g_assert_cmpuint (count_rows (store, "followups"), ==, 0);
    g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
  }

  /* The limits themselves are allowed. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *name = g_strnfill (500, 'n');
    g_autofree char *tag = g_strnfill (64, 't');
    const char *const tags[] = { tag, NULL };
    g_autoptr(RapportContact) fresh = rapport_contact_new (name);

    rapport_contact_set_tags (fresh, tags);
    rapport_contact_set_industry_since (fresh, 1900);
    g_assert_true (rapport_store_create_contact (store, fresh, NULL, &error));
    g_assert_no_error (error);
  }
}

/* Builds about @size bytes of notes mixing scripts, directions and emoji,
 * with a distinct line number so that a shifted or lost chunk shows. */
static char *
make_big_notes (gsize size)
{
  GString *notes = g_string_new (NULL);
  guint line = 0;

  while (notes->len < size)
    g_string_append_printf (notes,
                            "%u. Hello 😀👩‍👩‍👧 — مرحبا بالعالم (Arabic) — שלום עולם (Hebrew) "
                            "\xe2\x80\x8f\xe2\x80\xab mixed \xe2\x80\xac é\xcc\x81 ＡＢＣ 山田 \t\n",
                            line++);
  return g_string_free (notes, FALSE);
}

static void
test_contact_big_notes (RapportTestStore *fixture,
                        gconstpointer data)
{
  g_autofree char *notes = make_big_notes (1024 * 1024);
  g_autoptr(RapportContact) contact = rapport_contact_new ("Big Notes");
  g_autoptr(GError) error = NULL;
  RapportContact *weak = NULL;
  RapportContact *reloaded;
  gint64 id;

  g_assert_cmpuint (strlen (notes), >=, 1024 * 1024);
  rapport_contact_set_notes (contact, notes);
  g_assert_true (rapport_store_create_contact (fixture->store, contact, NULL, &error));
  g_assert_no_error (error);
  id = rapport_contact_get_id (contact);
  g_set_weak_pointer (&weak, contact);
  g_clear_object (&contact);
  g_assert_null (weak);

  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT length (CAST (notes AS BLOB)) FROM contacts WHERE id = %" G_GINT64_FORMAT, id),
                   ==, strlen (notes));

  reloaded = rapport_store_get_contact (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (rapport_contact_get_notes (reloaded)), ==, strlen (notes));
  g_assert_true (memcmp (rapport_contact_get_notes (reloaded), notes, strlen (notes)) == 0);
  g_object_unref (reloaded);

  rapport_test_store_reopen (fixture);
  reloaded = rapport_store_get_contact (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_notes (reloaded), ==, notes);
  g_object_unref (reloaded);
}

static gint64
outbox_count_for (RapportStore *store,
                  const char *uuid)
{
  return rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE uuid = '%s'", uuid);
}

static void
assert_outbox_all_valid (RapportStore *store)
{
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE NOT json_valid (payload)"), ==, 0);
  /* Stamps never go back along the sequence (one edit may stamp several
   * records alike), and each record's own stamps strictly grow. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox a JOIN outbox b"
                                                " ON b.seq > a.seq WHERE b.hlc < a.hlc"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox a JOIN outbox b"
                                                " ON b.seq > a.seq AND b.uuid = a.uuid WHERE b.hlc <= a.hlc"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE length (hlc) <> %d", RAPPORT_HLC_LENGTH),
                   ==, 0);
}

static void
test_outbox_one_row_per_edit (RapportTestStore *fixture,
                              gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) alice = rapport_test_add_contact (store, "Alice Martin");
  g_autoptr(RapportContact) bob = rapport_contact_new ("Bob Stone");
  g_autoptr(RapportContact) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *introducer = NULL;
  g_autofree char *payload_name = NULL;
  guint outbox = rapport_store_count_outbox (store);
  gint64 followup;
  gint64 interaction;

  g_assert_cmpuint (outbox, ==, 1);

  rapport_contact_set_introduced_by (bob, rapport_contact_get_id (alice));
  g_assert_true (rapport_store_create_contact (store, bob, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);
  g_assert_cmpint (outbox_count_for (store, rapport_contact_get_uuid (bob)), ==, 1);

  /* References travel as UUIDs, which every device shares. */
  introducer = rapport_test_sql_text (store, "SELECT json_extract (payload, '$.introduced_by') FROM outbox"
                                             " WHERE uuid = '%s' ORDER BY seq DESC LIMIT 1",
                                      rapport_contact_get_uuid (bob));
  g_assert_cmpstr (introducer, ==, rapport_contact_get_uuid (alice));
  payload_name = rapport_test_sql_text (store, "SELECT json_extract (payload, '$.display_name') || '|' || entity || '|' || op"
                                               " FROM outbox WHERE uuid = '%s'",
                                        rapport_contact_get_uuid (bob));
  g_assert_cmpstr (payload_name, ==, "Bob Stone|contact|put");

  draft = rapport_contact_copy (bob);
  rapport_contact_set_company (draft, "Stone & Sons");
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);

  g_assert_true (rapport_store_set_starred (store, rapport_contact_get_id (bob), TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT json_extract (payload, '$.starred') FROM outbox ORDER BY seq DESC LIMIT 1"),
                   ==, 1);

  interaction = rapport_store_log_interaction (store, rapport_contact_get_id (bob), RAPPORT_INTERACTION_CALL,
                                               1764000000, "Called about the lease", &error);
  g_assert_no_error (error);
  g_assert_cmpint (interaction, >, 0);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT json_extract (payload, '$.contact') = '%s' AND entity = 'interaction'"
                                                " FROM outbox ORDER BY seq DESC LIMIT 1",
                                         rapport_contact_get_uuid (bob)),
                   ==, 1);

  followup = rapport_store_add_followup (store, rapport_contact_get_id (bob), "2026-12-01", "Send the offer", &error);
  g_assert_no_error (error);
  g_assert_cmpint (followup, >, 0);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);

  g_assert_true (rapport_store_postpone_followup (store, followup, "2026-12-08", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);

  g_assert_true (rapport_store_archive_contact (store, rapport_contact_get_id (alice), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);
  g_assert_true (rapport_store_restore_contact (store, rapport_contact_get_id (alice), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);

  g_assert_true (rapport_store_delete_interaction (store, interaction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, ++outbox);

  /* Edits that fail add nothing. */
  rapport_contact_set_display_name (draft, "  ");
  g_assert_false (rapport_store_update_contact (store, draft, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_starred (store, 987654, TRUE, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_log_interaction (store, 987654, RAPPORT_INTERACTION_CALL, 1764000000, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_add_followup (store, rapport_contact_get_id (bob), "soon", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_delete_contact (store, rapport_contact_get_id (bob), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_delete_interaction (store, interaction, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);

  assert_outbox_all_valid (store);
}

/* The outbox row and the edit land together or not at all: when the
 * outbox refuses the row, the edit itself must be rolled back. */
static void
test_outbox_same_transaction (RapportTestStore *fixture,
                              gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store, "Ann Lee");
  g_autoptr(RapportContact) draft = rapport_contact_copy (ann);
  g_autoptr(RapportContact) fresh = rapport_contact_new ("Never Stored");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint contacts = count_rows (store, "contacts");
  guint outbox = rapport_store_count_outbox (store);
  gint64 id = rapport_contact_get_id (ann);

  g_assert_true (rapport_store_exec (store, "CREATE TEMP TRIGGER refuse_outbox BEFORE INSERT ON outbox"
                                            " BEGIN SELECT RAISE (ABORT, 'outbox refused'); END",
                                     &error));
  g_assert_no_error (error);

  rapport_contact_set_display_name (draft, "Ann Changed");
  g_assert_false (rapport_store_update_contact (store, draft, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE);
  g_clear_error (&error);
  name = rapport_test_sql_text (store, "SELECT display_name FROM contacts WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (name, ==, "Ann Lee");
  g_assert_cmpstr (rapport_contact_get_display_name (ann), ==, "Ann Lee");

  g_assert_false (rapport_store_create_contact (store, fresh, "2026-12-01", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_cmpint (rapport_contact_get_id (fresh), ==, 0);

  g_assert_cmpint (rapport_store_log_interaction (store, id, RAPPORT_INTERACTION_NOTE, 1764000000, "x", &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, 0);

  g_assert_false (rapport_store_archive_contact (store, id, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (rapport_contact_get_archived (ann));

  g_assert_cmpuint (count_rows (store, "contacts"), ==, contacts);
  g_assert_cmpuint (count_rows (store, "interactions"), ==, 0);
  g_assert_cmpuint (count_rows (store, "followups"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE archived = 1 OR last_interaction IS NOT NULL"),
                   ==, 0);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);

  /* Nothing was left half-open: the next edit goes through. */
  g_assert_true (rapport_store_exec (store, "DROP TRIGGER refuse_outbox", &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_display_name (ann), ==, "Ann Changed");
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 1);
}

static gboolean
ids_contain (GArray *ids,
             gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_contact_archive (RapportTestStore *fixture,
                      gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store, "Ann Lee");
  g_autoptr(RapportContact) ben = rapport_test_add_contact (store, "Ben Ode");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) active = NULL;
  g_autoptr(GArray) archived = NULL;
  gint64 id = rapport_contact_get_id (ann);

  g_assert_cmpuint (rapport_store_count_contacts (store, FALSE), ==, 2);
  g_assert_cmpuint (rapport_store_count_contacts (store, TRUE), ==, 0);
  g_assert_true (rapport_store_has_contacts (store));

  g_assert_true (rapport_store_archive_contact (store, id, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_contact_get_archived (ann));
  active = rapport_test_search (store, NULL, FALSE);
  archived = rapport_test_search (store, NULL, TRUE);
  g_assert_cmpuint (active->len, ==, 1);
  g_assert_cmpint (g_array_index (active, gint64, 0), ==, rapport_contact_get_id (ben));
  g_assert_cmpuint (archived->len, ==, 1);
  g_assert_cmpint (g_array_index (archived, gint64, 0), ==, id);
  g_assert_cmpuint (rapport_store_count_contacts (store, FALSE), ==, 1);
  g_assert_cmpuint (rapport_store_count_contacts (store, TRUE), ==, 1);
  /* Archived, not erased: the card is whole. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE display_name = 'Ann Lee' AND deleted = 0"),
                   ==, 1);
  g_clear_pointer (&active, g_array_unref);
  g_clear_pointer (&archived, g_array_unref);

  g_assert_true (rapport_store_restore_contact (store, id, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_contact_get_archived (ann));
  active = rapport_test_search (store, NULL, FALSE);
  archived = rapport_test_search (store, NULL, TRUE);
  g_assert_cmpuint (active->len, ==, 2);
  g_assert_true (ids_contain (active, id));
  g_assert_cmpuint (archived->len, ==, 0);

  /* Archived cards still make a network; deleted ones leave none. */
  g_assert_true (rapport_store_archive_contact (store, id, &error));
  g_assert_true (rapport_store_archive_contact (store, rapport_contact_get_id (ben), &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_has_contacts (store));
  g_assert_true (rapport_store_delete_contact (store, id, &error));
  g_assert_true (rapport_store_delete_contact (store, rapport_contact_get_id (ben), &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_has_contacts (store));
}

static void
test_contact_delete_refused (RapportTestStore *fixture,
                             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store, "Ann Lee");
  g_autoptr(GError) error = NULL;
  guint outbox = rapport_store_count_outbox (store);

  g_assert_false (rapport_store_delete_contact (store, rapport_contact_get_id (ann), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_delete_contact (store, 987654, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE deleted = 0 AND display_name = 'Ann Lee'"),
                   ==, 1);
}

static void
test_contact_delete (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = new_full_contact (0);
  g_autoptr(RapportContact) ben = rapport_contact_new ("Ben Ode");
  g_autoptr(RapportContact) gone = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *payload = NULL;
  g_auto(GStrv) tags = NULL;
  const char *const no_tags[] = { NULL };
  guint outbox;
  gint64 id;

  g_assert_true (rapport_store_create_contact (store, ann, "2026-12-01", &error));
  g_assert_no_error (error);
  id = rapport_contact_get_id (ann);
  uuid = g_strdup (rapport_contact_get_uuid (ann));
  g_assert_cmpint (rapport_store_log_interaction (store, id, RAPPORT_INTERACTION_CALL, 1764000000, "Private words", &error),
                   >, 0);
  g_assert_no_error (error);
  rapport_contact_set_introduced_by (ben, id);
  g_assert_true (rapport_store_create_contact (store, ben, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_introduced_by_name (ben), ==, "Amélie Poulain");

  g_assert_true (rapport_store_archive_contact (store, id, &error));
  g_assert_no_error (error);
  outbox = rapport_store_count_outbox (store);
  g_assert_true (rapport_store_delete_contact (store, id, &error));
  g_assert_no_error (error);

  /* Only a tombstone stays: no field of the person is left. */
  g_assert_cmpint (rapport_test_sql_int (store,
                                         "SELECT count(*) FROM contacts WHERE id = %" G_GINT64_FORMAT
                                         " AND deleted = 1 AND display_name = '' AND given_name IS NULL"
                                         " AND family_name IS NULL AND company IS NULL AND job_title IS NULL"
                                         " AND industry IS NULL AND industry_since IS NULL AND emails = '[]'"
                                         " AND phones = '[]' AND website IS NULL AND linkedin IS NULL"
                                         " AND city IS NULL AND tags = '[]' AND help_them IS NULL AND help_me IS NULL"
                                         " AND notes IS NULL AND met_on IS NULL AND introduced_by IS NULL"
                                         " AND starred = 0 AND cadence_days = 0 AND sort_key = ''",
                                         id),
                   ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contact_tags WHERE contact_id = %" G_GINT64_FORMAT, id),
                   ==, 0);
  tags = rapport_store_list_tags (store);
  g_assert_true (g_strv_equal ((const char *const *) tags, no_tags));

  /* Its timeline and follow-ups are tombstones too, their notes erased. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT, id),
                   ==, 2);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT " AND (deleted = 0 OR note IS NOT NULL)",
                                         id),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM followups WHERE contact_id = %" G_GINT64_FORMAT " AND deleted = 1 AND note IS NULL",
                                         id),
                   ==, 1);
  timeline = rapport_store_list_interactions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 0);

  /* Ben keeps his card but loses the link, live object included. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT introduced_by IS NULL FROM contacts WHERE id = %" G_GINT64_FORMAT,
                                         rapport_contact_get_id (ben)),
                   ==, 1);
  g_assert_cmpint (rapport_contact_get_introduced_by (ben), ==, 0);
  g_assert_null (rapport_contact_get_introduced_by_name (ben));

  /* One outbox row each: Ben, the two interactions, the follow-up, Ann. */
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 5);
  payload = rapport_test_sql_text (store, "SELECT op || payload FROM outbox WHERE uuid = '%s' ORDER BY seq DESC LIMIT 1", uuid);
  g_assert_cmpstr (payload, ==, "delete{}");
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE seq > (SELECT max(seq) - 5 FROM outbox)"
                                                " AND op = 'delete'"),
                   ==, 4);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE payload LIKE '%%Private words%%'"
                                                " AND seq > (SELECT max(seq) - 5 FROM outbox)"),
                   ==, 0);
  assert_outbox_all_valid (store);

  /* The store no longer hands the contact out, even while the caller
   * still holds the object it had. */
  gone = rapport_store_get_contact (store, id, &error);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_contacts (store, TRUE), ==, 0);
  g_assert_cmpuint (rapport_store_count_contacts (store, FALSE), ==, 1);
  g_assert_cmpuint (rapport_store_count_due (store, "2030-01-01"), ==, 0);

  /* A second delete finds nothing. */
  g_assert_false (rapport_store_delete_contact (store, id, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 5);
}

typedef struct
{
  GPtrArray *names;
} NotifyLog;

static void
on_notify (GObject *object,
           GParamSpec *pspec,
           NotifyLog *log)
{
  g_ptr_array_add (log->names, g_strdup (pspec->name));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static char *
joined_sorted (GPtrArray *names)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (names, i));
  g_ptr_array_sort (copy, compare_names);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (",", (char **) copy->pdata);
}

static void
test_identity_map (RapportTestStore *fixture,
                   gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) created = rapport_test_add_contact (store, "Ann Lee");
  gint64 id = rapport_contact_get_id (created);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportContact) first = NULL;
  g_autoptr(RapportContact) second = NULL;
  g_autoptr(RapportContact) draft = NULL;
  g_autofree char *notified = NULL;
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };
  gulong handler;

  first = rapport_store_get_contact (store, id, &error);
  g_assert_no_error (error);
  second = rapport_store_get_contact (store, id, &error);
  g_assert_no_error (error);
  /* The creator's object is the live one, and everybody gets it. */
  g_assert_true (first == created);
  g_assert_true (second == first);

  handler = g_signal_connect (first, "notify", G_CALLBACK (on_notify), &log);

  draft = rapport_contact_copy (first);
  g_assert_true (draft != first);
  rapport_contact_set_company (draft, "Acme");
  rapport_contact_set_starred (draft, TRUE);
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (rapport_contact_get_company (second), ==, "Acme");
  g_assert_true (rapport_contact_get_starred (second));
  notified = joined_sorted (log.names);
  g_assert_cmpstr (notified, ==, "company,starred,subtitle");
  g_ptr_array_set_size (log.names, 0);
  g_clear_pointer (&notified, g_free);

  /* Saving the same values again notifies nothing. */
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.names->len, ==, 0);

  /* Logging an interaction moves only the keep-in-touch clock. */
  g_assert_cmpint (rapport_store_log_interaction (store, id, RAPPORT_INTERACTION_EMAIL, 1764000000, NULL, &error), >, 0);
  g_assert_no_error (error);
  notified = joined_sorted (log.names);
  g_assert_cmpstr (notified, ==, "last-interaction");
  g_assert_cmpint (rapport_contact_get_last_interaction (first), ==, 1764000000);
  g_ptr_array_set_size (log.names, 0);
  g_clear_pointer (&notified, g_free);

  g_assert_true (rapport_store_archive_contact (store, id, &error));
  g_assert_no_error (error);
  notified = joined_sorted (log.names);
  g_assert_cmpstr (notified, ==, "archived");

  g_signal_handler_disconnect (first, handler);
  g_ptr_array_unref (log.names);
}

/* A card shows who introduced the person; renaming the introducer must
 * reach cards that are already open. */
static void
test_introducer_renamed (RapportTestStore *fixture,
                         gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) alice = rapport_test_add_contact (store, "Alice Martin");
  g_autoptr(RapportContact) bob = rapport_contact_new ("Bob Stone");
  g_autoptr(RapportContact) draft = NULL;
  g_autoptr(GError) error = NULL;

  rapport_contact_set_introduced_by (bob, rapport_contact_get_id (alice));
  g_assert_true (rapport_store_create_contact (store, bob, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_introduced_by_name (bob), ==, "Alice Martin");

  draft = rapport_contact_copy (alice);
  rapport_contact_set_display_name (draft, "Alice Dupont");
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_introduced_by_name (bob), ==, "Alice Dupont");
}

static void
test_reopen_persists (RapportTestStore *fixture,
                      gconstpointer data)
{
  g_autoptr(RapportContact) alice = rapport_test_add_contact (fixture->store, "Alice Martin");
  g_autoptr(RapportContact) amelie = new_full_contact (rapport_contact_get_id (alice));
  g_autoptr(RapportContact) archived = rapport_test_add_contact (fixture->store, "Zed Archived");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(GListModel) followups = NULL;
  g_autoptr(RapportInteraction) call = NULL;
  g_autoptr(RapportFollowup) followup = NULL;
  g_autoptr(GArray) archive = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *last_stamp = NULL;
  g_autofree char *next_stamp = NULL;
  g_autofree char *node_hex = NULL;
  RapportContact *reloaded;
  guint64 node_id = rapport_store_get_node_id (fixture->store);
  guint outbox;
  gint64 alice_id = rapport_contact_get_id (alice);
  gint64 id;

  g_assert_cmphex (node_id, !=, 0);
  g_assert_true (rapport_store_create_contact (fixture->store, amelie, "2026-12-01", &error));
  g_assert_no_error (error);
  id = rapport_contact_get_id (amelie);
  uuid = g_strdup (rapport_contact_get_uuid (amelie));
  g_assert_cmpint (rapport_store_log_interaction (fixture->store, id, RAPPORT_INTERACTION_CALL, 1764000000, "Lease", &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_true (rapport_store_archive_contact (fixture->store, rapport_contact_get_id (archived), &error));
  g_assert_no_error (error);
  outbox = rapport_store_count_outbox (fixture->store);
  last_stamp = rapport_test_sql_text (fixture->store, "SELECT max(hlc) FROM outbox");
  g_clear_object (&alice);
  g_clear_object (&amelie);
  g_clear_object (&archived);

  rapport_test_store_reopen (fixture);

  g_assert_cmphex (rapport_store_get_node_id (fixture->store), ==, node_id);
  node_hex = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", node_id);
  g_assert_true (g_str_has_suffix (last_stamp, node_hex));
  g_assert_cmpuint (rapport_store_count_outbox (fixture->store), ==, outbox);
  /* New stamps come after every stamp written before the restart. */
  next_stamp = rapport_store_next_stamp (fixture->store);
  g_assert_cmpstr (next_stamp, >, last_stamp);

  reloaded = rapport_store_get_contact (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_full_contact (reloaded, alice_id, "Alice Martin");
  g_assert_cmpstr (rapport_contact_get_uuid (reloaded), ==, uuid);
  g_assert_cmpint (rapport_contact_get_last_interaction (reloaded), ==, 1764000000);
  g_object_unref (reloaded);

  timeline = rapport_store_list_interactions (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 2);
  call = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (call), ==, RAPPORT_INTERACTION_CALL);
  g_assert_cmpstr (rapport_interaction_get_note (call), ==, "Lease");

  followups = rapport_store_list_contact_followups (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (followups), ==, 1);
  followup = g_list_model_get_item (followups, 0);
  g_assert_cmpstr (rapport_followup_get_due (followup), ==, "2026-12-01");

  archive = rapport_test_search (fixture->store, NULL, TRUE);
  g_assert_cmpuint (archive->len, ==, 1);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 2);
}

typedef struct
{
  GString *log;
} ChangedLog;

static void
on_changed (RapportStore *store,
            gint64 contact_id,
            ChangedLog *log)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (store);

  g_string_append_printf (log->log, "%s%s:%" G_GINT64_FORMAT,
                          log->log->len ? " " : "", g_quark_to_string (hint->detail), contact_id);
}

static void
test_changed_signal (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  ChangedLog log = { g_string_new (NULL) };
  g_autoptr(RapportContact) ann = rapport_contact_new ("Ann Lee");
  g_autoptr(RapportContact) ben = rapport_contact_new ("Ben Ode");
  g_autoptr(RapportContact) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 a, b, followup;
  gulong handler;

  handler = g_signal_connect (store, "changed", G_CALLBACK (on_changed), &log);

  g_assert_true (rapport_store_create_contact (store, ann, NULL, &error));
  g_assert_no_error (error);
  a = rapport_contact_get_id (ann);
  expected = g_strdup_printf ("contacts:%" G_GINT64_FORMAT, a);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  rapport_contact_set_met_on (ben, MET_ON);
  g_assert_true (rapport_store_create_contact (store, ben, "2026-12-01", &error));
  g_assert_no_error (error);
  b = rapport_contact_get_id (ben);
  expected = g_strdup_printf ("contacts:%" G_GINT64_FORMAT " interactions:%" G_GINT64_FORMAT
                              " followups:%" G_GINT64_FORMAT,
                              b, b, b);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  draft = rapport_contact_copy (ann);
  rapport_contact_set_company (draft, "Acme");
  g_assert_true (rapport_store_update_contact (store, draft, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("contacts:%" G_GINT64_FORMAT " followups:%" G_GINT64_FORMAT, a, a);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpint (rapport_store_log_interaction (store, a, RAPPORT_INTERACTION_CALL, 1764000000, NULL, &error), >, 0);
  g_assert_no_error (error);
  expected = g_strdup_printf ("interactions:%" G_GINT64_FORMAT " followups:%" G_GINT64_FORMAT, a, a);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  followup = rapport_store_add_followup (store, a, "2026-12-02", NULL, &error);
  g_assert_cmpint (followup, >, 0);
  g_assert_no_error (error);
  expected = g_strdup_printf ("followups:%" G_GINT64_FORMAT, a);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  g_assert_true (rapport_store_set_starred (store, a, TRUE, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("contacts:%" G_GINT64_FORMAT, a);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  g_assert_true (rapport_store_archive_contact (store, a, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("contacts:%" G_GINT64_FORMAT " followups:%" G_GINT64_FORMAT, a, a);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  g_assert_true (rapport_store_delete_contact (store, a, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("contacts:%" G_GINT64_FORMAT " interactions:%" G_GINT64_FORMAT
                              " followups:%" G_GINT64_FORMAT,
                              a, a, a);
  g_assert_cmpstr (log.log->str, ==, expected);
  g_string_truncate (log.log, 0);
  g_clear_pointer (&expected, g_free);

  /* A failed edit announces nothing. */
  rapport_contact_set_display_name (draft, "");
  g_assert_false (rapport_store_update_contact (store, draft, &error));
  g_clear_error (&error);
  g_assert_false (rapport_store_archive_contact (store, 987654, &error));
  g_clear_error (&error);
  g_assert_cmpstr (log.log->str, ==, "");

  g_signal_handler_disconnect (store, handler);
  g_string_free (log.log, TRUE);
}

static void
on_changed_count (RapportStore *store,
                  gint64 contact_id,
                  guint *count)
{
  (*count)++;
}

static void
test_changed_signal_details (RapportTestStore *fixture,
                             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = NULL;
  g_autoptr(GError) error = NULL;
  guint contacts = 0, interactions = 0, followups = 0;

  g_signal_connect (store, "changed::contacts", G_CALLBACK (on_changed_count), &contacts);
  g_signal_connect (store, "changed::interactions", G_CALLBACK (on_changed_count), &interactions);
  g_signal_connect (store, "changed::followups", G_CALLBACK (on_changed_count), &followups);

  ann = rapport_test_add_contact (store, "Ann Lee");
  g_assert_cmpuint (contacts, ==, 1);
  g_assert_cmpuint (interactions, ==, 0);
  g_assert_cmpuint (followups, ==, 0);

  g_assert_cmpint (rapport_store_log_interaction (store, rapport_contact_get_id (ann), RAPPORT_INTERACTION_NOTE,
                                                  1764000000, "n", &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts, ==, 1);
  g_assert_cmpuint (interactions, ==, 1);
  g_assert_cmpuint (followups, ==, 1);

  g_signal_handlers_disconnect_by_func (store, on_changed_count, &contacts);
  g_signal_handlers_disconnect_by_func (store, on_changed_count, &interactions);
  g_signal_handlers_disconnect_by_func (store, on_changed_count, &followups);
}

static void
test_interaction_delete (RapportTestStore *fixture,
                         gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store, "Ann Lee");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportInteraction) newest = NULL;
  gint64 id = rapport_contact_get_id (ann);
  gint64 early, late;

  early = rapport_store_log_interaction (store, id, RAPPORT_INTERACTION_MEETING, 1700000000, "early", &error);
  g_assert_no_error (error);
  late = rapport_store_log_interaction (store, id, RAPPORT_INTERACTION_CALL, 1760000000, "late", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, 1760000000);

  /* An older entry logged afterwards does not move the clock back. */
  g_assert_cmpint (rapport_store_log_interaction (store, id, RAPPORT_INTERACTION_NOTE, 1600000000, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, 1760000000);

  timeline = rapport_store_list_interactions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 3);
  newest = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_id (newest), ==, late);
  g_clear_object (&timeline);

  g_assert_true (rapport_store_delete_interaction (store, late, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, 1700000000);
  g_assert_true (rapport_store_delete_interaction (store, early, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, 1600000000);

  timeline = rapport_store_list_interactions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);
}

/* An editor saves only what was changed in it: a field another computer
 * changed while it was open keeps that change. */
static void
test_rebase (void)
{
  g_autoptr(RapportContact) shown = rapport_contact_new ("Ann Archer");
  g_autoptr(RapportContact) now = NULL;
  g_autoptr(RapportContact) draft = NULL;
  const char *tags[] = { "client", NULL };
  const char *their_tags[] = { "client", "vip", NULL };

  rapport_contact_set_company (shown, "Archer Law");
  rapport_contact_set_notes (shown, "Met at the mixer");
  rapport_contact_set_tags (shown, tags);
  now = rapport_contact_copy (shown);
  draft = rapport_contact_copy (shown);

  /* Elsewhere: new notes and a tag. Here: a new company, and the notes
   * left as they were shown. */
  rapport_contact_set_notes (now, "Prefers mornings");
  rapport_contact_set_tags (now, their_tags);
  rapport_contact_set_company (draft, "Archer & Daughters");
  rapport_contact_rebase (draft, shown, now);

  g_assert_cmpstr (rapport_contact_get_company (draft), ==, "Archer & Daughters");
  g_assert_cmpstr (rapport_contact_get_notes (draft), ==, "Prefers mornings");
  g_assert_cmpuint (g_strv_length ((char **) rapport_contact_get_tags (draft)), ==, 2);
  g_assert_cmpstr (rapport_contact_get_display_name (draft), ==, "Ann Archer");

  /* Changed on both sides: the editor's value is saved. */
  rapport_contact_set_notes (draft, "Call before noon");
  rapport_contact_rebase (draft, shown, now);
  g_assert_cmpstr (rapport_contact_get_notes (draft), ==, "Call before noon");
}

static RapportContact *
card (const char *name,
      const char *company,
      const char *email,
      const char *phone)
{
  RapportContact *contact = rapport_contact_new (name);

  rapport_contact_set_company (contact, company);
  if (email != NULL)
    rapport_contact_add_email (contact, "work", email);
  if (phone != NULL)
    rapport_contact_add_phone (contact, "mobile", phone);
  return contact;
}

static void
test_merge (void)
{
  g_autoptr(RapportContact) mine = card ("Ann Archer", "Archer & Daughters", "ann@archer.example", NULL);
  g_autoptr(RapportContact) theirs = card ("Ann Archer-Smith", "Archer Ltd", "ANN@archer.example ",
                                            "+1 (555) 010-2030");
  const char *tags[] = { "Imported from vCard", NULL };
  GPtrArray *emails;

  rapport_contact_set_notes (mine, "Prefers mornings");
  rapport_contact_set_notes (theirs, "Met at the expo");
  rapport_contact_set_job_title (theirs, "Founder");
  rapport_contact_set_tags (theirs, tags);
  rapport_contact_set_starred (theirs, TRUE);

  rapport_contact_merge (mine, theirs);
  /* What was there stays; what was missing comes in. */
  g_assert_cmpstr (rapport_contact_get_display_name (mine), ==, "Ann Archer");
  g_assert_cmpstr (rapport_contact_get_company (mine), ==, "Archer & Daughters");
  g_assert_cmpstr (rapport_contact_get_job_title (mine), ==, "Founder");
  g_assert_cmpstr (rapport_contact_get_notes (mine), ==, "Prefers mornings\n\nMet at the expo");
  g_assert_true (rapport_contact_get_starred (mine));
  /* The same address in another case is not a second email. */
  emails = rapport_contact_get_emails (mine);
  g_assert_cmpuint (emails->len, ==, 1);
  g_assert_cmpuint (rapport_contact_get_phones (mine)->len, ==, 1);
  g_assert_cmpstr (rapport_contact_get_tags (mine)[0], ==, "Imported from vCard");

  /* Merging the same card again changes nothing. */
  {
    g_autoptr(RapportContact) before = rapport_contact_copy (mine);

    rapport_contact_merge (mine, theirs);
    g_assert_true (rapport_contact_equal (mine, before));
  }
}

static void
test_phone_key (void)
{
  g_autofree char *a = rapport_contact_phone_key ("+1 (555) 010-2030");
  g_autofree char *b = rapport_contact_phone_key ("555.010.2030");
  g_autofree char *c = rapport_contact_phone_key ("010 203");

  g_assert_cmpstr (a, ==, "550102030");
  g_assert_cmpstr (a, ==, b);
  g_assert_null (c);
  g_assert_null (rapport_contact_phone_key (NULL));
}

static void
test_find_duplicates (RapportTestStore *fixture,
                      gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = card ("Ann Archer", "Archer & Daughters", "ann@archer.example", NULL);
  g_autoptr(RapportContact) bob = card ("Bob Baker", "Bakery", NULL, "+44 20 7946 0018");
  g_autoptr(RapportContact) cy = card ("Cy Cole", "Cole Co", NULL, NULL);
  RapportContact *incoming[7];
  gint64 duplicate_of[7];
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_create_contact (store, ann, NULL, &error));
  g_assert_true (rapport_store_create_contact (store, bob, NULL, &error));
  rapport_contact_set_linkedin (cy, "https://www.linkedin.com/in/cycole");
  g_assert_true (rapport_store_create_contact (store, cy, NULL, &error));

  incoming[0] = card ("A. Archer", NULL, "Ann@Archer.example", NULL); /* same email */
  incoming[1] = card ("Robert Baker", NULL, NULL, "020 7946 0018");   /* same phone */
  incoming[2] = card ("cy cole", "COLE CO", NULL, NULL);              /* same name and company */
  incoming[3] = card ("Cy Cole", NULL, NULL, NULL);                   /* a name alone is not enough */
  incoming[4] = card ("Dee Dunn", "Dunn", "dee@dunn.example", NULL);  /* new */
  incoming[5] = card ("Dee Dunn", NULL, "DEE@dunn.example", NULL);    /* the card before it */
  incoming[6] = card ("Cyrus Cole", NULL, NULL, NULL);                /* the same LinkedIn profile */
  rapport_contact_set_linkedin (incoming[6], "http://LinkedIn.com/in/cycole/");

  g_assert_true (rapport_store_find_duplicates (store, incoming, 7, duplicate_of, &error));
  g_assert_no_error (error);
  g_assert_cmpint (duplicate_of[0], ==, rapport_contact_get_id (ann));
  g_assert_cmpint (duplicate_of[1], ==, rapport_contact_get_id (bob));
  g_assert_cmpint (duplicate_of[2], ==, rapport_contact_get_id (cy));
  g_assert_cmpint (duplicate_of[3], ==, 0);
  g_assert_cmpint (duplicate_of[4], ==, 0);
  g_assert_cmpint (duplicate_of[5], ==, -5);
  g_assert_cmpint (duplicate_of[6], ==, rapport_contact_get_id (cy));

  /* A deleted contact is nobody's duplicate. */
  g_assert_true (rapport_store_archive_contact (store, rapport_contact_get_id (bob), &error));
  g_assert_true (rapport_store_delete_contact (store, rapport_contact_get_id (bob), &error));
  g_assert_true (rapport_store_find_duplicates (store, incoming, 7, duplicate_of, &error));
  g_assert_cmpint (duplicate_of[1], ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (incoming); i++)
    g_object_unref (incoming[i]);
}

static void
test_import_transaction (RapportTestStore *fixture,
                         gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = card ("Ann Archer", "Archer & Daughters", "ann@archer.example", NULL);
  g_autoptr(RapportContact) extra = card ("Ann Archer", NULL, "ann@archer.example", "555 010 2030");
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportContact) late = rapport_contact_new ("Late Larry");
  g_autoptr(GError) error = NULL;
  gint64 outbox_before;
  gint64 first_id;

  g_assert_true (rapport_store_create_contact (store, ann, NULL, &error));
  outbox_before = rapport_test_sql_int (store, "SELECT count(*) FROM outbox");
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Imported %u", i);
      RapportContact *contact = rapport_contact_new (name);

      if (i == 7)
        rapport_contact_set_met_on (contact, "2026-03-12");
      g_ptr_array_add (fresh, contact);
    }

  /* Cancelled: nothing stays, and other writes were refused meanwhile. */
  g_assert_true (rapport_store_begin_import (store, &error));
  g_assert_true (rapport_store_is_importing (store));
  first_id = rapport_store_import_contacts (store, (RapportContact *const *) fresh->pdata, fresh->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_id, >, 0);
  g_assert_true (rapport_store_import_merge (store, rapport_contact_get_id (ann), extra, &error));
  g_assert_false (rapport_store_create_contact (store, late, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (rapport_store_end_import (store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_is_importing (store));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox"), ==, outbox_before);
  g_assert_cmpuint (rapport_contact_get_phones (ann)->len, ==, 0);

  /* Committed: every card, one outbox entry each, the merge, a "met"
   * entry for the card with a date, and the live card updated. */
  g_assert_true (rapport_store_begin_import (store, &error));
  first_id = rapport_store_import_contacts (store, (RapportContact *const *) fresh->pdata, fresh->len, &error);
  g_assert_cmpint (first_id, >, 0);
  g_assert_true (rapport_store_import_merge (store, rapport_contact_get_id (ann), extra, &error));
  g_assert_true (rapport_store_end_import (store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE deleted = 0"), ==, 601);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE id BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT " AND display_name = 'Imported ' || (id - %" G_GINT64_FORMAT ")", first_id, first_id + 599, first_id),
                   ==, 600);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'contact'"), ==,
                   1 + 600 + 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT,
                                         first_id + 7),
                   ==, 1);
  g_assert_cmpuint (rapport_contact_get_phones (ann)->len, ==, 1);
  g_assert_cmpstr (rapport_contact_get_company (ann), ==, "Archer & Daughters");

  /* Writes are taken again. */
  g_assert_true (rapport_store_create_contact (store, late, NULL, &error));
  g_assert_no_error (error);
}

/* Cards as an import brings them: each with a word of its own in its
 * notes, some met on a day, all with tags. */
static GPtrArray *
import_cards (const char *word,
              guint n)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u %s", i, word);
      g_autofree char *notes = g_strdup_printf ("Met at the %s%uz breakfast.", word, i);
      g_autofree char *tag = g_strdup_printf ("Circle%u", i % 5);
      const char *tags[] = { "Clients", tag, NULL };
      RapportContact *contact = card (name, i % 3 ? "Northwind" : NULL, NULL, NULL);

      rapport_contact_set_notes (contact, notes);
      rapport_contact_set_tags (contact, tags);
      if (i % 7 == 0)
        {
          g_autofree char *met_on = g_strdup_printf ("2026-0%u-1%u", 1 + i % 9, i % 10);

          rapport_contact_set_met_on (contact, met_on);
        }
      g_ptr_array_add (cards, contact);
    }
  return cards;
}

/* Imports @cards a slice at a time, as RapportImport does, merging
 * @extra into @existing on the way; returns the first new id. */
static gint64
import_in_slices (RapportStore *store,
                  GPtrArray *cards,
                  RapportContact *existing,
                  RapportContact *extra,
                  gboolean keep)
{
  g_autoptr(GError) error = NULL;
  gint64 first_id = 0;

  g_assert_true (rapport_store_begin_import (store, &error));
  for (guint done = 0; done < cards->len; done += 512)
    {
      gint64 id = rapport_store_import_contacts (store, (RapportContact *const *) cards->pdata + done,
                                                 MIN (512, cards->len - done), &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      if (first_id == 0)
        first_id = id;
      if (done == 1024)
        g_assert_true (rapport_store_import_merge (store, rapport_contact_get_id (existing), extra, &error));
    }
  g_assert_cmpint (rapport_store_end_import (store, keep, &error), ==, keep);
  g_assert_no_error (error);
  return first_id;
}

/* The search index holds exactly what the rows say. */
static void
assert_index_whole (RapportStore *store)
{
  char *message = NULL;

  sqlite3_exec (rapport_store_get_db (store), "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)",
                NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

static guint
count_found (RapportStore *store,
             const char *search)
{
  g_autoptr(GArray) ids = rapport_test_search (store, search, FALSE);

  return ids->len;
}

/* An import writes its cards in bulk, with the triggers that index each
 * new row and count its day suspended: kept or undone, it leaves the
 * search index, the counts by day and the triggers as saving each card
 * would. */
static void
test_import_index_and_days (RapportTestStore *fixture,
                            gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) regular = card ("Rita Regular", "Northwind", "rita@northwind.example", NULL);
  g_autoptr(RapportContact) extra = card ("Rita Regular", NULL, "rita@northwind.example", "555 010 2030");
  g_autoptr(RapportContact) later = rapport_contact_new ("Lena Later");
  g_autoptr(GPtrArray) undone = import_cards ("undone", 1500);
  g_autoptr(GPtrArray) kept = import_cards ("kept", 5000);
  const char *triggers_sql = "SELECT group_concat (name || ': ' || sql, ';') FROM"
                             " (SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
                             "  UNION ALL SELECT 'temp.' || name, sql FROM temp.sqlite_schema WHERE type = 'trigger'"
                             "  ORDER BY 1)";
  g_autofree char *triggers = NULL;
  g_autofree char *days = NULL;
  g_autofree char *days_after = NULL;
  g_autofree char *triggers_after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_id;

  rapport_contact_set_met_on (regular, "2026-03-12");
  rapport_contact_set_notes (regular, "Breakfast regular");
  g_assert_true (rapport_store_create_contact (store, regular, NULL, &error));
  triggers = rapport_test_sql_text (store, "%s", triggers_sql);
  days = rapport_test_sql_text (store, "SELECT group_concat (day || met || added) FROM contact_days");

  import_in_slices (store, undone, regular, extra, FALSE);
  triggers_after = rapport_test_sql_text (store, "%s", triggers_sql);
  g_assert_cmpstr (triggers_after, ==, triggers);
  days_after = rapport_test_sql_text (store, "SELECT group_concat (day || met || added) FROM contact_days");
  g_assert_cmpstr (days_after, ==, days);
  assert_index_whole (store);
  g_assert_cmpuint (count_found (store, "undone1z"), ==, 0);
  g_assert_cmpuint (count_found (store, "breakfast"), ==, 1);

  first_id = import_in_slices (store, kept, regular, extra, TRUE);
  g_clear_pointer (&triggers_after, g_free);
  triggers_after = rapport_test_sql_text (store, "%s", triggers_sql);
  g_assert_cmpstr (triggers_after, ==, triggers);
  assert_index_whole (store);
  rapport_test_assert_contact_days (store);
  /* The derived columns, as the suspended trigger gives them: no new
   * card has a timeline to follow it up yet. */
  g_assert_cmpint (rapport_test_sql_int (store,
                                         "SELECT count(*) FROM contacts WHERE id >= %" G_GINT64_FORMAT
                                         " AND (met_day IS NOT coalesce (met_on, date (created_at, 'unixepoch', 'localtime'))"
                                         "  OR created_day IS NOT date (created_at, 'unixepoch', 'localtime')"
                                         "  OR followup_days IS NOT NULL)",
                                         first_id),
                   ==, 0);
  for (guint i = 0; i < kept->len; i += i < 8 || i % 512 > 504 ? 1 : 97)
    {
      g_autofree char *word = g_strdup_printf ("kept%uz", i);
      g_autoptr(GArray) ids = rapport_test_search (store, word, FALSE);

      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first_id + i);
    }
  g_assert_cmpuint (count_found (store, "breakfast"), ==, kept->len + 1);
  g_assert_cmpuint (count_found (store, "circle4"), ==, kept->len / 5);
  g_assert_cmpuint (rapport_contact_get_phones (regular)->len, ==, 1);

  /* Saving a card indexes and counts it again. */
  rapport_contact_set_notes (later, "Afterwards");
  rapport_contact_set_met_on (later, "2026-03-12");
  g_assert_true (rapport_store_create_contact (store, later, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (store, "afterwards"), ==, 1);
  assert_index_whole (store);
  rapport_test_assert_contact_days (store);
}

/* An import writes each new row's outbox entry from what it wrote: the
 * very text the store builds from the row in SQL. */
static void
test_import_outbox (RapportTestStore *fixture,
                    gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  const char *tags[] = { "Clients", "Lyon, \"France\"", "a;b\\c", "tab\there", NULL };
  g_autoptr(GError) error = NULL;
  RapportContact *c;
  gint64 first_id;

  c = card ("  Camille \"Cam\" Lefèvre  ", "Atelier Nord; Design", "camille@ateliernord.fr", "+33 6 12 34 56 78");
  rapport_contact_set_given_name (c, "Camille");
  rapport_contact_set_family_name (c, "Lefèvre");
  rapport_contact_set_job_title (c, "Creative\bDirector\f");
  rapport_contact_set_industry (c, "Design");
  rapport_contact_set_industry_since (c, 2009);
  rapport_contact_set_website (c, "https://ateliernord.fr");
  rapport_contact_set_linkedin (c, "https://www.linkedin.com/in/camillelefevre");
  rapport_contact_set_city (c, "Lyon");
  rapport_contact_set_relationship (c, RAPPORT_RELATIONSHIP_REFERRAL_PARTNER);
  rapport_contact_set_help_them (c, "Introduce her to accountants\x01\x1f.");
  rapport_contact_set_help_me (c, "Knows every architect in Lyon \\ Villeurbanne.");
  rapport_contact_set_notes (c, "Met at Lyon Design Week.\r\nLikes espresso.\n\nΕλληνικά, русский, 日本語 😀");
  rapport_contact_set_met_on (c, "2024-03-12");
  rapport_contact_set_starred (c, TRUE);
  rapport_contact_set_archived (c, TRUE);
  rapport_contact_set_cadence_days (c, 90);
  rapport_contact_add_email (c, "Assistant: \"Léa\"", " lea@ateliernord.fr ");
  rapport_contact_add_phone (c, "", "(312) 555-0100");
  rapport_contact_set_tags (c, tags);
  g_ptr_array_add (cards, c);
  g_ptr_array_add (cards, rapport_contact_new ("Boulangerie Martin"));
  g_ptr_array_add (cards, card ("Dan O'Kafor", "Okafor & Sons", "dan@example.com", NULL));

  g_assert_true (rapport_store_begin_import (store, &error));
  first_id = rapport_store_import_contacts (store, (RapportContact *const *) cards->pdata, cards->len, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_end_import (store, TRUE, &error));

  /* Each row recorded again, as an edit records it. */
  g_assert_true (rapport_store_begin (store, &error));
  for (guint i = 0; i < cards->len; i++)
    g_assert_true (rapport_store_outbox_append (store, "contact", first_id + i, &error));
  g_assert_true (rapport_store_commit (store, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < cards->len; i++)
    {
      g_autofree char *uuid = rapport_test_sql_text (store, "SELECT uuid FROM contacts WHERE id = %" G_GINT64_FORMAT,
                                                     first_id + i);
      const char *row = "SELECT entity || ' ' || uuid || ' ' || hlc || ' ' || op || ' ' || payload FROM outbox";
      g_autofree char *imported = rapport_test_sql_text (store, "%s WHERE uuid = '%s' ORDER BY seq LIMIT 1", row, uuid);
      g_autofree char *built = rapport_test_sql_text (store, "%s WHERE uuid = '%s' ORDER BY seq DESC LIMIT 1", row, uuid);

      g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE uuid = '%s'", uuid), ==, 2);
      g_assert_cmpstr (imported, ==, built);
    }
}

/* An import's cards are checked, and their keys worked out, on every
 * processor once there are many: the answers are each card's own, in
 * its place. */
static void
test_import_many (RapportTestStore *fixture,
                  gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = card ("Ann Archer", "Archer & Daughters", "ann@archer.example", NULL);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree GError **refusals = NULL;
  g_autofree RapportCheckedContact **checked = NULL;
  g_autofree gint64 *duplicate_of = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 20000;

  g_assert_true (rapport_store_create_contact (store, ann, NULL, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autofree char *email = g_strdup_printf ("person%u@example.com", i % 15000);
      RapportContact *contact = card (name, "Northwind", email, NULL);

      /* Every 997th card has an address the store refuses, every
       * 1009th the address of a contact already there. */
      if (i % 997 == 5)
        {
          g_autofree char *wrong = g_strdup_printf ("not an address %u", i);

          rapport_contact_add_email (contact, "work", wrong);
        }
      if (i % 1009 == 7)
        rapport_contact_add_email (contact, "work", "ANN@archer.example");
      if (i == 12345)
        rapport_contact_set_introduced_by (contact, 999999);
      g_ptr_array_add (cards, contact);
    }

  refusals = g_new0 (GError *, n);
  checked = g_new0 (RapportCheckedContact *, n);
  rapport_store_check_contacts (store, (RapportContact *const *) cards->pdata, n, checked, refusals);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true ((checked[i] == NULL) == (refusals[i] != NULL));
      g_clear_pointer (&checked[i], rapport_checked_contact_free);
      if (i % 997 == 5)
        g_assert_error (refusals[i], RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      else if (i == 12345)
        g_assert_nonnull (strstr (refusals[i]->message, "introduction"));
      else
        g_assert_no_error (refusals[i]);
      g_clear_error (&refusals[i]);
    }

  duplicate_of = g_new0 (gint64, n);
  g_assert_true (rapport_store_find_duplicates (store, (RapportContact *const *) cards->pdata, n, duplicate_of,
                                                &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    if (i % 1009 == 7)
      g_assert_cmpint (duplicate_of[i], ==, rapport_contact_get_id (ann));
    else if (i >= 15000)
      /* The same email as the card 15,000 before, or the same name at
       * the same company as an earlier one: none. */
      g_assert_cmpint (duplicate_of[i], ==, (i - 15000) % 1009 == 7 ? 0 : -(gint64) (i - 15000) - 1);
    else
      g_assert_cmpint (duplicate_of[i], ==, 0);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, RapportTestStore, NULL, rapport_test_store_setup, func, rapport_test_store_teardown)

  ADD ("/rapport/store/contact/create", test_contact_create);
  ADD ("/rapport/store/contact/update", test_contact_update);
  ADD ("/rapport/store/contact/validation", test_contact_validation);
  ADD ("/rapport/store/contact/big-notes", test_contact_big_notes);
  ADD ("/rapport/store/contact/archive", test_contact_archive);
  ADD ("/rapport/store/contact/delete-refused", test_contact_delete_refused);
  ADD ("/rapport/store/contact/delete", test_contact_delete);
  ADD ("/rapport/store/contact/introducer-renamed", test_introducer_renamed);
  ADD ("/rapport/store/outbox/one-row-per-edit", test_outbox_one_row_per_edit);
  ADD ("/rapport/store/outbox/same-transaction", test_outbox_same_transaction);
  ADD ("/rapport/store/identity-map", test_identity_map);
  ADD ("/rapport/store/reopen", test_reopen_persists);
  ADD ("/rapport/store/changed/order", test_changed_signal);
  ADD ("/rapport/store/changed/details", test_changed_signal_details);
  ADD ("/rapport/store/interaction/delete", test_interaction_delete);
  ADD ("/rapport/store/import/duplicates", test_find_duplicates);
  ADD ("/rapport/store/import/transaction", test_import_transaction);
  ADD ("/rapport/store/import/index-and-days", test_import_index_and_days);
  ADD ("/rapport/store/import/outbox", test_import_outbox);
  ADD ("/rapport/store/import/many", test_import_many);

#undef ADD

  g_test_add_func ("/rapport/contact/rebase", test_rebase);
  g_test_add_func ("/rapport/contact/merge", test_merge);
  g_test_add_func ("/rapport/contact/phone-key", test_phone_key);
  return g_test_run ();
}
