/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-migrations.c: files written by every earlier schema version open in
 * this one with their rows intact.
 *
 * To add schema version N+1: add its migration in rapport-store.c, then add
 * fixtures[N] below (rows as version N stores them, and what they must read
 * as after the upgrade). The upgrade test from every version, including the
 * new one, is generated from this table.
 */
#define G_LOG_DOMAIN "test-migrations"

#include "config.h"

#include <string.h>

#include "rapport-error.h"
#include "rapport-test-util.h"

typedef struct
{
  /* Inserts representative rows, written in that version's own SQL. */
  void (*insert) (sqlite3 *db);
  /* Checks them through the current API after the upgrade. */
  void (*check) (RapportStore *store);
} VersionFixture;

static void
exec_or_die (sqlite3 *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s\nfailed: %s", sql, message);
}

#define V1_NODE "00000000c0ffee01"
#define V1_ANN_UUID "0b6a1f6e-4a2b-4c39-9d7e-2f1f0e6c1a01"
#define V1_ZOE_UUID "0b6a1f6e-4a2b-4c39-9d7e-2f1f0e6c1a02"
#define V1_MAX_UUID "0b6a1f6e-4a2b-4c39-9d7e-2f1f0e6c1a03"

static void
insert_v1 (sqlite3 *db)
{
  exec_or_die (db,
               "INSERT INTO meta (key, value) VALUES ('node-id', '" V1_NODE "');"

               "INSERT INTO contacts (id, uuid, display_name, given_name, family_name, company, job_title,"
               " industry, industry_since, emails, phones, website, linkedin, city, tags, relationship,"
               " help_them, help_me, notes, met_on, introduced_by, starred, archived, cadence_days,"
               " created_at, last_interaction, sort_key, created, updated)"
               " VALUES (1, '" V1_ANN_UUID "', 'Ann Lee', 'Ann', 'Lee', 'Acme', 'Broker', 'Real estate', 2012,"
               " '[{\"label\":\"work\",\"value\":\"ann@example.com\"}]',"
               " '[{\"label\":\"mobile\",\"value\":\"+1 555 0100\"}]',"
               " 'https://ann.example.com', NULL, 'Austin', '[\"vip\",\"golf\"]', 'client',"
               " 'Intro to lenders', 'Listings', 'Notes about Ann', '2026-01-10', NULL, 1, 0, 30,"
               " 1768000000, 1768050000, 'ann lee',"
               " '000000000001-0000-" V1_NODE "', '000000000002-0000-" V1_NODE "');"

               "INSERT INTO contacts (id, uuid, display_name, emails, phones, tags, relationship,"
               " introduced_by, archived, created_at, sort_key, created, updated)"
               " VALUES (2, '" V1_ZOE_UUID "', 'Zoë Adams', '[]', '[]', '[]', 'unknown', 1, 1, 1768000100,"
               " 'zoe adams', '000000000003-0000-" V1_NODE "', '000000000003-0000-" V1_NODE "');"

               "INSERT INTO contacts (id, uuid, display_name, emails, phones, tags, relationship,"
               " cadence_days, created_at, last_interaction, sort_key, created, updated)"
               " VALUES (3, '" V1_MAX_UUID "', 'Max Roe', '[]', '[]', '[]', 'friend', 14, 1768000200,"
               " 1768050000, 'max roe', '000000000003-0001-" V1_NODE "', '000000000003-0001-" V1_NODE "');"

               "INSERT INTO contact_tags (tag, contact_id) VALUES ('vip', 1), ('golf', 1);"

               "INSERT INTO interactions (id, uuid, contact_id, kind, happened_at, note, created, updated)"
               " VALUES (1, 'i-1', 1, 'met', 1768046400, NULL, '000000000004-0000-" V1_NODE "',"
               " '000000000004-0000-" V1_NODE "'),"
               " (2, 'i-2', 1, 'call', 1768050000, 'Called', '000000000005-0000-" V1_NODE "',"
               " '000000000005-0000-" V1_NODE "');"

               "INSERT INTO followups (id, uuid, contact_id, due, done_at, note, created, updated)"
               " VALUES (1, 'f-1', 1, '2026-01-11', NULL, 'Send listings', '000000000006-0000-" V1_NODE "',"
               " '000000000006-0000-" V1_NODE "'),"
               " (2, 'f-2', 1, '2026-01-05', 1768000000, NULL, '000000000007-0000-" V1_NODE "',"
               " '000000000007-0000-" V1_NODE "');"

               "INSERT INTO outbox (entity, uuid, hlc, op, payload)"
               " VALUES ('contact', '" V1_ANN_UUID "', '000000000002-0000-" V1_NODE "', 'put', '{}'),"
               " ('contact', '" V1_ZOE_UUID "', '000000000003-0000-" V1_NODE "', 'put', '{}');");
}

static void
check_v1 (RapportStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportContact) ann = NULL;
  g_autoptr(RapportContact) zoe = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(GListModel) followups = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *next = NULL;
  const char *const tags[] = { "vip", "golf", NULL };

  g_assert_cmphex (rapport_store_get_node_id (store), ==, G_GUINT64_CONSTANT (0xc0ffee01));

  ann = rapport_store_get_contact (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_uuid (ann), ==, V1_ANN_UUID);
  g_assert_cmpstr (rapport_contact_get_display_name (ann), ==, "Ann Lee");
  g_assert_cmpstr (rapport_contact_get_company (ann), ==, "Acme");
  g_assert_cmpint (rapport_contact_get_industry_since (ann), ==, 2012);
  g_assert_cmpuint (rapport_contact_get_emails (ann)->len, ==, 1);
  g_assert_cmpuint (rapport_contact_get_phones (ann)->len, ==, 1);
  g_assert_true (g_strv_equal (rapport_contact_get_tags (ann), tags));
  g_assert_cmpint (rapport_contact_get_relationship (ann), ==, RAPPORT_RELATIONSHIP_CLIENT);
  g_assert_cmpstr (rapport_contact_get_met_on (ann), ==, "2026-01-10");
  g_assert_true (rapport_contact_get_starred (ann));
  g_assert_cmpint (rapport_contact_get_cadence_days (ann), ==, 30);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, 1768050000);

  zoe = rapport_store_get_contact (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_display_name (zoe), ==, "Zoë Adams");
  g_assert_true (rapport_contact_get_archived (zoe));
  g_assert_cmpint (rapport_contact_get_introduced_by (zoe), ==, 1);
  g_assert_cmpstr (rapport_contact_get_introduced_by_name (zoe), ==, "Ann Lee");

  timeline = rapport_store_list_interactions (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 2);
  followups = rapport_store_list_contact_followups (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (followups), ==, 1);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, 2);

  /* Keep-in-touch items come from the index of version 2: Max's two weeks
   * since the call of 10 January ran out on the 24th; Ann has a reminder
   * pending, so her cadence waits. */
  g_assert_cmpuint (rapport_store_count_due (store, "2026-01-23"), ==, 1);
  g_assert_cmpuint (rapport_store_count_due (store, "2026-01-24"), ==, 2);
  g_clear_object (&followups);
  followups = rapport_store_list_followups (store, "2026-01-24", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (followups), ==, 2);
  {
    g_autoptr(RapportFollowup) max = g_list_model_get_item (followups, 1);

    g_assert_cmpint (rapport_followup_get_kind (max), ==, RAPPORT_FOLLOWUP_KEEP_IN_TOUCH);
    g_assert_cmpint (rapport_followup_get_contact_id (max), ==, 3);
    g_assert_cmpstr (rapport_followup_get_contact_name (max), ==, "Max Roe");
    g_assert_cmpstr (rapport_followup_get_due (max), ==, "2026-01-24");
  }

  /* The search index came along. */
  found = rapport_test_search (store, "zoe", TRUE);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, 2);
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (store, "golf", FALSE);
  g_assert_cmpuint (found->len, ==, 1);

  /* New stamps order after the ones already in the file. */
  next = rapport_store_next_stamp (store);
  g_assert_cmpstr (next, >, "000000000007-0000-" V1_NODE);
}

/* Version 2 only added derived columns and indexes: version 1's rows are
 * written the same way. Upgrading it to 3 leaves contacts and their
 * timeline unlinked from any event, and the events empty. */
static void
check_v2 (RapportStore *store)
{
  check_v1 (store);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE met_at IS NOT NULL"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE event_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM events"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM groups"), ==, 0);
}

/* Version 3's rows: a group, a scored event of it, Ann met there in a
 * meaningful conversation, and a profile. Written on top of version 1's. */
static void
insert_v3 (sqlite3 *db)
{
  insert_v1 (db);
  exec_or_die (db,
               "INSERT INTO groups (id, uuid, name, kind, audience, dues_cents, verdict, verdict_reason,"
               " sort_key, created, updated)"
               " VALUES (1, 'g-1', 'Downtown Chamber', 'chamber', '[\"small-business owners\"]', 30000,"
               " 'keep', 'Good crowd', 'downtown chamber', '000000000008-0000-" V1_NODE "',"
               " '000000000008-0000-" V1_NODE "');"

               "INSERT INTO events (id, uuid, title, group_id, kind, starts_at, duration_min, travel_min,"
               " location, cost_cents, room_size, score_people, score_new, score_help, score_time, go_again,"
               " created, updated)"
               " VALUES (1, 'e-1', 'Spring Mixer', 1, 'mixer', 1768046400, 120, 30, 'Harbour Hotel', 2500, 80,"
               " 5, 4, 4, 3, 1, '000000000009-0000-" V1_NODE "', '000000000009-0000-" V1_NODE "');"

               "INSERT INTO event_people (id, uuid, event_id, contact_id, meaningful, note, created, updated)"
               " VALUES (1, 'p-1', 1, 1, 1, 'Wants lenders', '00000000000a-0000-" V1_NODE "',"
               " '00000000000a-0000-" V1_NODE "');"

               "UPDATE contacts SET met_at = 1 WHERE id = 1;"

               "INSERT INTO profile (id, uuid, services, audience, goal_min, goal_max, hours_per_month,"
               " created, updated)"
               " VALUES (1, 'me', 'Bookkeeping', '[\"small-business owners\"]', 4, 6, 10,"
               " '00000000000b-0000-" V1_NODE "', '00000000000b-0000-" V1_NODE "');");
}

static void
check_v3 (RapportStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportGroup) group = NULL;
  g_autoptr(RapportEvent) event = NULL;
  g_autoptr(RapportContact) ann = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(GListModel) people = NULL;
  RapportGroupStats stats;

  check_v1 (store);
  group = rapport_store_get_group (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_group_get_name (group), ==, "Downtown Chamber");
  g_assert_cmpint (rapport_group_get_kind (group), ==, RAPPORT_GROUP_CHAMBER);
  g_assert_cmpint (rapport_group_get_verdict (group), ==, RAPPORT_VERDICT_KEEP);
  g_assert_cmpint (rapport_group_get_dues_cents (group), ==, 30000);

  event = rapport_store_get_event (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_event_get_title (event), ==, "Spring Mixer");
  g_assert_cmpstr (rapport_event_get_group_name (event), ==, "Downtown Chamber");
  g_assert_cmpint (rapport_event_get_quality (event), ==, 75);
  g_assert_cmpint (rapport_event_get_go_again (event), ==, 1);
  g_assert_cmpint (rapport_event_get_n_meaningful (event), ==, 1);

  people = rapport_store_list_event_people (store, 1, &error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  ann = rapport_store_get_contact (store, 1, &error);
  g_assert_cmpint (rapport_contact_get_met_at (ann), ==, 1);
  g_assert_cmpstr (rapport_contact_get_met_at_title (ann), ==, "Spring Mixer");

  g_assert_true (rapport_store_get_group_stats (store, 1, G_MAXINT32, &stats, &error));
  g_assert_cmpint (stats.cost_cents, ==, 2500);
  g_assert_cmpint (stats.dues_cents, ==, 30000);
  g_assert_cmpint (stats.travel_minutes, ==, 30);

  profile = rapport_store_get_profile (store);
  g_assert_cmpstr (profile->services, ==, "Bookkeeping");
  g_assert_cmpint (profile->goal_max, ==, 6);
}

/* Version 4's rows: a huddle of the user and Ann (who left), a meeting
 * they attended, and a referral from Ann to the user about Zoë, won. */
static void
insert_v4 (sqlite3 *db)
{
  insert_v3 (db);
  exec_or_die (db,
               "INSERT INTO huddles (id, uuid, name, audience, rrule, first_meeting, sort_key, created, updated)"
               " VALUES (1, 'h-1', 'Home Team', '[\"home buyers\"]', 'FREQ=MONTHLY;BYDAY=1TU,3TU', 1767600000,"
               " 'home team', '00000000000c-0000-" V1_NODE "', '00000000000c-0000-" V1_NODE "');"
               "INSERT INTO huddle_members (id, uuid, huddle_id, contact_id, service, joined_on, left_on, created, updated)"
               " VALUES (1, 'm-1', 1, NULL, 'Mortgage broker', '2026-01-01', NULL, '00000000000d-0000-" V1_NODE "',"
               " '00000000000d-0000-" V1_NODE "'),"
               " (2, 'm-2', 1, 1, 'Realtor', '2026-01-01', '2026-03-01', '00000000000d-0001-" V1_NODE "',"
               " '00000000000d-0001-" V1_NODE "');"
               "INSERT INTO meetings (id, uuid, huddle_id, starts_at, duration_min, notes, created, updated)"
               " VALUES (1, 'g-1', 1, 1767600000, 60, 'Kick-off', '00000000000e-0000-" V1_NODE "',"
               " '00000000000e-0000-" V1_NODE "');"
               "INSERT INTO attendance (id, uuid, meeting_id, member_id, status, created, updated)"
               " VALUES (1, 'a-1', 1, 1, 'present', '00000000000f-0000-" V1_NODE "', '00000000000f-0000-" V1_NODE "'),"
               " (2, 'a-2', 1, 2, 'late', '00000000000f-0001-" V1_NODE "', '00000000000f-0001-" V1_NODE "');"
               "INSERT INTO referrals (id, uuid, from_contact, to_contact, prospect, huddle_id, given_on, created, updated)"
               " VALUES (1, 'r-1', 1, NULL, 2, 1, '2026-01-10', '000000000010-0000-" V1_NODE "',"
               " '000000000010-0000-" V1_NODE "');"
               "INSERT INTO referral_steps (id, uuid, referral_id, status, value_cents, happened_on, created)"
               " VALUES (1, 's-1', 1, 'given', NULL, '2026-01-10', '000000000010-0000-" V1_NODE "'),"
               " (2, 's-2', 1, 'won', 500000, '2026-02-01', '000000000011-0000-" V1_NODE "');");
}

static void
check_v4 (RapportStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportHuddle) huddle = NULL;
  g_autoptr(GListModel) former = NULL;
  g_autoptr(RapportReferral) referral = NULL;
  g_autoptr(GArray) balances = NULL;

  check_v3 (store);
  huddle = rapport_store_get_huddle (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_huddle_get_name (huddle), ==, "Home Team");
  g_assert_cmpint (rapport_huddle_get_n_members (huddle), ==, 1);
  former = rapport_store_list_members (store, 1, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (former), ==, 2);
  referral = rapport_store_get_referral (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_referral_get_status (referral), ==, RAPPORT_REFERRAL_WON);
  g_assert_cmpint (rapport_referral_get_value_cents (referral), ==, 500000);
  g_assert_cmpstr (rapport_referral_get_to_name (referral), ==, "You");
  balances = rapport_store_referral_balances (store, 1, NULL, &error);
  g_assert_cmpuint (balances->len, ==, 2);
  g_assert_cmpint (g_array_index (balances, RapportReferralBalance, 0).won_received_cents, ==, 500000);
  g_assert_cmpint (rapport_store_closed_business (store, 1), ==, 500000);
}

/* Version 5 derives what Insights counts: from the rows of version 4,
 * Ann met on 10 January and called that day, at the Spring Mixer where
 * she was a meaningful conversation; Zoë, never reached out to. */
static void
check_v5 (RapportStore *store)
{
  check_v4 (store);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT followup_days FROM contacts WHERE id = 1"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT met_day = '2026-01-10' FROM contacts WHERE id = 1"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT followup_days IS NULL FROM contacts WHERE id = 2"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT followed FROM event_people WHERE id = 1"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT n_people * 100 + n_meaningful * 10 + n_followed FROM events"
                                                " WHERE id = 1"),
                   ==, 111);
  rapport_test_assert_contact_days (store);
}

/* Version 6 adds what sync keeps; a file that never synced has none. */
static void
check_v6 (RapportStore *store)
{
  check_v5 (store);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM sync_records"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM sync_state"), ==, 0);
}

/* Version 7 keeps contacts' photos; an upgraded file has none, and the
 * table takes one. */
static void
check_v7 (RapportStore *store)
{
  g_autoptr(GBytes) photo = NULL;
  g_autoptr(GError) error = NULL;

  check_v6 (store);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contact_photos"), ==, 0);
  g_assert_null (rapport_store_get_contact_photo (store, 1, NULL, &error));
  g_assert_no_error (error);
  photo = g_bytes_new_static ("\x89PNG\r\n\x1a\n-a-picture", 18);
  g_assert_true (rapport_store_set_contact_photo (store, 1, photo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contact_photos"), ==, 1);
  g_assert_true (rapport_store_set_contact_photo (store, 1, NULL, &error));
}

static void
insert_v7 (sqlite3 *db)
{
  insert_v4 (db);
  exec_or_die (db, "INSERT INTO contact_photos (contact_id, mime, data) VALUES (1, 'image/jpeg', x'ffd8ffe0')");
}

static void
check_v7_photo (RapportStore *store)
{
  g_autoptr(GBytes) photo = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GError) error = NULL;

  check_v6 (store);
  photo = rapport_store_get_contact_photo (store, 1, &mime_type, &error);
  g_assert_no_error (error);
  g_assert_nonnull (photo);
  g_assert_cmpuint (g_bytes_get_size (photo), ==, 4);
  g_assert_cmpstr (mime_type, ==, "image/jpeg");
}

/* fixtures[v] fills a file at schema version v; version 0 is a new file. */
static const VersionFixture fixtures[] = {
  { NULL, NULL },
  { insert_v1, check_v1 },
  { insert_v1, check_v2 },
  { insert_v3, check_v3 },
  { insert_v4, check_v5 },
  { insert_v4, check_v6 },
  { insert_v4, check_v7 },
  { insert_v7, check_v7_photo },
};

/* Every version that can be upgraded from needs its fixture. */
G_STATIC_ASSERT (G_N_ELEMENTS (fixtures) >= RAPPORT_STORE_SCHEMA_VERSION);

static char *
make_file_at (const char *dir,
              int version,
              gboolean with_rows)
{
  char *path = g_strdup_printf ("%s/v%d.db", dir, version);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (rapport_store_migrate_db (db, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_db_int (db, "PRAGMA user_version"), ==, version);
  if (with_rows && fixtures[version].insert != NULL)
    fixtures[version].insert (db);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

/* The file as it was is in backups/, named with its version; a new file
 * (version 0) had nothing to save. */
static void
assert_saved_before_upgrade (const char *dir,
                             int version)
{
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *prefix = g_strdup_printf ("before-upgrade-v%d-", version);
  g_autoptr(GDir) listing = g_dir_open (backups, 0, NULL);
  const char *name;
  guint found = 0;

  if (version == 0)
    {
      g_assert_null (listing);
      return;
    }
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (backups, name, NULL);
      sqlite3 *db = NULL;

      g_assert_true (g_str_has_prefix (name, prefix));
      g_assert_true (g_str_has_suffix (name, ".db"));
      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (rapport_test_db_int (db, "PRAGMA user_version"), ==, version);
      if (fixtures[version].insert != NULL)
        g_assert_cmpint (rapport_test_db_int (db, "SELECT count(*) FROM contacts"), >, 0);
      sqlite3_close (db);
      found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_upgrade_from (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = make_file_at (dir, version, TRUE);
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (rapport_test_sql_int (store, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  if (fixtures[version].check != NULL)
    fixtures[version].check (store);
  else
    g_assert_cmpuint (rapport_store_count_contacts (store, FALSE), ==, 0);
  g_assert_finalize_object (store);
  assert_saved_before_upgrade (dir, version);

  /* It stays upgraded, and takes new edits. */
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (store, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  if (fixtures[version].check != NULL)
    fixtures[version].check (store);
  {
    g_autoptr(RapportContact) contact = rapport_test_add_contact (store, "After Upgrade");
  }
  g_assert_finalize_object (store);
  rapport_test_remove_tree (dir);
}

/* The newest fixture, when there is one for the current version, must be
 * valid against the current schema so that it is ready for the next one. */
static void
test_current_fixture (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = make_file_at (dir, version, TRUE);
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  fixtures[version].check (store);
  g_assert_finalize_object (store);
  rapport_test_remove_tree (dir);
}

static char *
describe_schema (sqlite3 *db)
{
  return rapport_test_db_text (db, "SELECT group_concat (type || ' ' || name || ': ' || coalesce (sql, ''), char (10))"
                                   " FROM (SELECT * FROM sqlite_master ORDER BY type, name)");
}

/* Going up one version at a time ends in the same schema as going up in
 * one call, and as a file made by opening nothing. */
static void
test_stepwise_equals_direct (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *direct_path = make_file_at (dir, RAPPORT_STORE_SCHEMA_VERSION, FALSE);
  g_autofree char *stepped_path = g_build_filename (dir, "stepped.db", NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *direct = NULL;
  g_autofree char *stepped = NULL;
  g_autofree char *fresh = NULL;
  g_autoptr(GError) error = NULL;
  RapportStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (direct_path, &db), ==, SQLITE_OK);
  direct = describe_schema (db);
  sqlite3_close (db);

  g_assert_cmpint (sqlite3_open (stepped_path, &db), ==, SQLITE_OK);
  for (int v = 0; v <= RAPPORT_STORE_SCHEMA_VERSION; v++)
    {
      g_assert_true (rapport_store_migrate_db (db, v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rapport_test_db_int (db, "PRAGMA user_version"), ==, v);
    }
  stepped = describe_schema (db);
  sqlite3_close (db);

  store = rapport_store_open (fresh_path, &error);
  g_assert_no_error (error);
  fresh = describe_schema (rapport_store_get_db (store));
  g_assert_finalize_object (store);

  g_assert_cmpstr (direct, !=, "");
  g_assert_nonnull (strstr (direct, "table contacts:"));
  g_assert_cmpstr (stepped, ==, direct);
  g_assert_cmpstr (fresh, ==, direct);
  rapport_test_remove_tree (dir);
}

/* A file at the current version is opened as it is: no migration runs
 * again, nothing is rewritten. */
static void
test_latest_unchanged (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  g_autoptr(GError) error = NULL;
  char *before = NULL;
  char *after = NULL;
  gsize before_length = 0, after_length = 0;
  RapportStore *store;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autoptr(RapportContact) contact = rapport_test_add_contact (store, name);
    }
  g_assert_finalize_object (store);
  g_assert_true (g_file_get_contents (path, &before, &before_length, &error));
  g_assert_no_error (error);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  schema_before = describe_schema (rapport_store_get_db (store));
  rows_before = rapport_test_sql_text (store, "SELECT group_concat (uuid || display_name || updated) FROM contacts");
  g_assert_cmpint (rapport_test_sql_int (store, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_finalize_object (store);

  g_assert_true (g_file_get_contents (path, &after, &after_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after_length, ==, before_length);
  g_assert_true (memcmp (before, after, before_length) == 0);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  schema_after = describe_schema (rapport_store_get_db (store));
  rows_after = rapport_test_sql_text (store, "SELECT group_concat (uuid || display_name || updated) FROM contacts");
  g_assert_finalize_object (store);
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_assert_cmpstr (rows_after, ==, rows_before);

  g_free (before);
  g_free (after);
  rapport_test_remove_tree (dir);
}

/* A migration that fails part-way leaves the previous schema whole: here
 * the 0 → 1 step creates several tables, and the last one (outbox) is
 * already taken. */
static void
test_failed_step_rolls_back (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "blocked.db", NULL);
  g_autofree char *schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "CREATE TABLE outbox (something_else TEXT)");

  g_assert_false (rapport_store_migrate_db (db, 1, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (rapport_test_db_int (db, "PRAGMA user_version"), ==, 0);
  schema = rapport_test_db_text (db, "SELECT group_concat (name) FROM sqlite_master");
  g_assert_cmpstr (schema, ==, "outbox");
  g_assert_true (sqlite3_get_autocommit (db));
  g_clear_error (&error);
  g_clear_pointer (&schema, g_free);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* Through the store, the same failure is an error, not a half-built file. */
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "version 1"));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (rapport_test_db_int (db, "PRAGMA user_version"), ==, 0);
  schema = rapport_test_db_text (db, "SELECT group_concat (name) FROM sqlite_master");
  g_assert_cmpstr (schema, ==, "outbox");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  rapport_test_remove_tree (dir);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int v = 0; v < RAPPORT_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/rapport/store/migrations/from-v%d", v);

      g_test_add_data_func (path, GINT_TO_POINTER (v), test_upgrade_from);
    }
  if (G_N_ELEMENTS (fixtures) > RAPPORT_STORE_SCHEMA_VERSION)
    g_test_add_data_func ("/rapport/store/migrations/current-fixture",
                          GINT_TO_POINTER (RAPPORT_STORE_SCHEMA_VERSION), test_current_fixture);
  g_test_add_func ("/rapport/store/migrations/stepwise-equals-direct", test_stepwise_equals_direct);
  g_test_add_func ("/rapport/store/migrations/latest-unchanged", test_latest_unchanged);
  g_test_add_func ("/rapport/store/migrations/failed-step-rolls-back", test_failed_step_rolls_back);

  return g_test_run ();
}
