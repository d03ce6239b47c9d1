/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-huddles.c: huddles, their roster rules and coverage, meetings and
 * attendance, and the referral ledger, with answers worked out by hand. */
#define G_LOG_DOMAIN "test-huddles"

#include "config.h"

#include "rapport-error.h"
#include "rapport-test-util.h"

/* 2026-03-03 08:00 UTC, a Tuesday (the tests run in UTC). */
#define MARCH_3 G_GINT64_CONSTANT (1772524800)
#define DAY (24 * 60 * 60)

static gint64
add_huddle (RapportStore *store,
            const char *name,
            const char *audience)
{
  g_autoptr(RapportHuddle) huddle = g_object_new (RAPPORT_TYPE_HUDDLE, "name", name,
                                                   "rrule", "FREQ=MONTHLY;BYDAY=1TU,3TU",
                                                   "first-meeting", MARCH_3, NULL);
  g_auto(GStrv) phrases = rapport_audience_parse (audience);
  g_autoptr(GError) error = NULL;
  gint64 id;

  rapport_huddle_set_audience (huddle, (const char *const *) phrases);
  id = rapport_store_save_huddle (store, huddle, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_person (RapportStore *store,
            const char *name,
            const char *industry)
{
  g_autoptr(RapportContact) contact = rapport_contact_new (name);
  g_autoptr(GError) error = NULL;

  rapport_contact_set_industry (contact, industry);
  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  return rapport_contact_get_id (contact);
}

static gint64
add_member (RapportStore *store,
            gint64 huddle,
            gint64 contact,
            const char *service)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rapport_store_add_member (store, huddle, contact, service, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
me_in (RapportStore *store,
       gint64 huddle)
{
  g_autoptr(GListModel) members = rapport_store_list_members (store, huddle, FALSE, NULL);
  g_autoptr(RapportHuddleMember) first = g_list_model_get_item (members, 0);

  g_assert_cmpint (rapport_huddle_member_get_contact_id (first), ==, 0);
  return rapport_huddle_member_get_id (first);
}

static void
test_roster_rules (RapportTestStore *fixture,
                   gconstpointer data)
{
  gint64 huddle = add_huddle (fixture->store, "Home Team", "home buyers");
  g_autoptr(GListModel) members = NULL;
  g_autoptr(RapportHuddle) loaded = NULL;
  g_auto(GStrv) competing = NULL;
  g_autofree char *small = rapport_roster_size_note (4);
  g_autofree char *fine = rapport_roster_size_note (5);
  g_autofree char *ten = rapport_roster_size_note (10);
  g_autofree char *large = rapport_roster_size_note (11);
  g_autoptr(GError) error = NULL;
  /* As the first of them in the roster (by name: Ravi) wrote it. */
  const char *const expected_competing[] = { "realtors", NULL };

  g_assert_nonnull (strstr (small, "small"));
  g_assert_null (fine);
  g_assert_null (ten);
  g_assert_nonnull (strstr (large, "large"));

  /* The user is a member from the start; five more make six. */
  rapport_store_update_member (fixture->store, me_in (fixture->store, huddle), "Mortgage broker", "Pre-approvals in a day",
                               &error);
  g_assert_no_error (error);
  add_member (fixture->store, huddle, add_person (fixture->store, "Rita", "Real estate"), "Realtor");
  add_member (fixture->store, huddle, add_person (fixture->store, "Ravi", "Real estate"), "realtors ");
  add_member (fixture->store, huddle, add_person (fixture->store, "Ina", "Inspection"), "Home inspector");
  add_member (fixture->store, huddle, add_person (fixture->store, "Mo", "Moving"), "Mover");
  add_member (fixture->store, huddle, add_person (fixture->store, "Al", "Law"), NULL);

  loaded = rapport_store_get_huddle (fixture->store, huddle, &error);
  g_assert_cmpint (rapport_huddle_get_n_members (loaded), ==, 6);
  members = rapport_store_list_members (fixture->store, huddle, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 6);
  /* "Realtor" and "realtors " are one service; a member without one competes with nobody. */
  competing = rapport_roster_competing (members);
  g_assert_true (g_strv_equal ((const char *const *) competing, expected_competing));
  g_assert_true (rapport_roster_same_service ("Realtors", " realtor"));
  g_assert_true (rapport_roster_same_service ("Agent immobilier", "agent immobilier"));
  g_assert_false (rapport_roster_same_service ("Realtor", "Real-estate attorney"));
  g_assert_false (rapport_roster_same_service ("", ""));
  g_assert_false (rapport_roster_same_service (NULL, "Mover"));
}

static void
test_coverage_gaps (RapportTestStore *fixture,
                    gconstpointer data)
{
  gint64 huddle = add_huddle (fixture->store, "Home Team", "first-time home buyers");
  gint64 inspector_friend = add_person (fixture->store, "Ines", "Home inspections");
  gint64 inspector_member = add_person (fixture->store, "Ivan", "Home inspections");
  g_autoptr(GListModel) members = NULL;
  g_auto(GStrv) needed = NULL;
  g_auto(GStrv) gaps = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const char *const expected_needed[] = { "Realtor", "Mortgage broker", "Home inspector", "Insurance agent", "Mover",
                                          "Real-estate attorney", "Contractor", "Interior designer", NULL };
  const char *const expected_gaps[] = { "Home inspector", "Insurance agent", "Real-estate attorney", "Contractor",
                                        "Interior designer", NULL };
  const char *const nothing[] = { "goldfish keepers", NULL };

  add_person (fixture->store, "Walt", "Web design");
  rapport_store_update_member (fixture->store, me_in (fixture->store, huddle), "Realtor", NULL, &error);
  add_member (fixture->store, huddle, add_person (fixture->store, "Mia", "Mortgages"), "Mortgage broker");
  add_member (fixture->store, huddle, add_person (fixture->store, "Max", "Moving"), "Movers");

  /* "first-time home buyers" shares words with the catalogue's "home buyers". */
  needed = rapport_store_services_for_audience (fixture->store, (const char *const *) (const char *[]){ "first-time home buyers", NULL });
  g_assert_true (g_strv_equal ((const char *const *) needed, expected_needed));
  members = rapport_store_list_members (fixture->store, huddle, FALSE, &error);
  gaps = rapport_roster_gaps ((const char *const *) needed, members);
  g_assert_true (g_strv_equal ((const char *const *) gaps, expected_gaps));

  /* Candidates for the first gap, by industry; members are left out. */
  add_member (fixture->store, huddle, inspector_member, "Home inspector");
  g_assert_true (rapport_store_find_candidates (fixture->store, huddle, "Home inspector", candidates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_cmpint (g_array_index (candidates, gint64, 0), ==, inspector_friend);

  /* An audience the catalogue does not know needs nothing from it; the
   * catalogue is the user's to extend. */
  g_clear_pointer (&needed, g_strfreev);
  needed = rapport_store_services_for_audience (fixture->store, nothing);
  g_assert_cmpuint (g_strv_length (needed), ==, 0);
  g_assert_true (rapport_store_add_service (fixture->store, "goldfish keepers", "Aquarium shop", &error));
  g_assert_true (rapport_store_add_service (fixture->store, "goldfish keepers", "Aquarium shop", &error));
  g_clear_pointer (&needed, g_strfreev);
  needed = rapport_store_services_for_audience (fixture->store, nothing);
  g_assert_cmpuint (g_strv_length (needed), ==, 1);
  g_assert_true (rapport_store_remove_service (fixture->store, "goldfish keepers", "Aquarium shop", &error));
  g_clear_pointer (&needed, g_strfreev);
  needed = rapport_store_services_for_audience (fixture->store, nothing);
  g_assert_cmpuint (g_strv_length (needed), ==, 0);
  g_assert_false (rapport_store_add_service (fixture->store, " ", "Aquarium shop", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

static void
test_member_bad_input (RapportTestStore *fixture,
                       gconstpointer data)
{
  gint64 huddle = add_huddle (fixture->store, "Home Team", NULL);
  gint64 rita = add_person (fixture->store, "Rita", NULL);
  g_autoptr(GError) error = NULL;
  gint64 member;

  member = add_member (fixture->store, huddle, rita, "Realtor");
  g_assert_cmpint (rapport_store_add_member (fixture->store, huddle, rita, "Realtor", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Rita is already a member"));
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_add_member (fixture->store, huddle, 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_add_member (fixture->store, huddle, 9999, NULL, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Someone who left can come back, as a new membership. */
  g_assert_true (rapport_store_remove_member (fixture->store, member, &error));
  g_assert_false (rapport_store_remove_member (fixture->store, member, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (add_member (fixture->store, huddle, rita, "Realtor"), !=, member);

  /* Bad huddles. */
  {
    g_autoptr(RapportHuddle) bad = g_object_new (RAPPORT_TYPE_HUDDLE, "name", " ", "rrule", "FREQ=WEEKLY",
                                                  "first-meeting", MARCH_3, NULL);

    g_assert_cmpint (rapport_store_save_huddle (fixture->store, bad, &error), ==, 0);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_clear_error (&error);
    rapport_huddle_set_name (bad, "Fine");
    rapport_huddle_set_rrule (bad, "BYDAY=TU");
    g_assert_cmpint (rapport_store_save_huddle (fixture->store, bad, &error), ==, 0);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_clear_error (&error);
    rapport_huddle_set_rrule (bad, "FREQ=WEEKLY");
    rapport_huddle_set_duration_min (bad, 0);
    g_assert_cmpint (rapport_store_save_huddle (fixture->store, bad, &error), ==, 0);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  }
}

static void
test_attendance (RapportTestStore *fixture,
                 gconstpointer data)
{
  gint64 huddle = add_huddle (fixture->store, "Home Team", NULL);
  gint64 other = add_huddle (fixture->store, "Elsewhere", NULL);
  gint64 rita = add_member (fixture->store, huddle, add_person (fixture->store, "Rita", NULL), "Realtor");
  gint64 mo = add_member (fixture->store, huddle, add_person (fixture->store, "Mo", NULL), "Mover");
  gint64 outsider = add_member (fixture->store, other, add_person (fixture->store, "Oz", NULL), NULL);
  gint64 me = me_in (fixture->store, huddle);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GArray) summary = NULL;
  gint64 m1, m2, m3;

  m1 = rapport_store_record_meeting (fixture->store, huddle, MARCH_3, "Open houses in April", &error);
  g_assert_no_error (error);
  m2 = rapport_store_record_meeting (fixture->store, huddle, MARCH_3 + 14 * DAY, NULL, &error);
  m3 = rapport_store_record_meeting (fixture->store, huddle, MARCH_3 + 35 * DAY, NULL, &error);
  /* The same start is the same meeting; new notes replace, none keep. */
  g_assert_cmpint (rapport_store_record_meeting (fixture->store, huddle, MARCH_3, NULL, &error), ==, m1);
  {
    g_autoptr(RapportMeeting) meeting = rapport_store_get_meeting (fixture->store, m1, &error);

    g_assert_cmpstr (rapport_meeting_get_notes (meeting), ==, "Open houses in April");
  }

  g_assert_true (rapport_store_set_attendance (fixture->store, m1, me, RAPPORT_PRESENCE_PRESENT, NULL, NULL, &error));
  g_assert_true (rapport_store_set_attendance (fixture->store, m1, rita, RAPPORT_PRESENCE_LATE, "Buyers in Hyde Park",
                                               "Two listings", &error));
  g_assert_true (rapport_store_set_attendance (fixture->store, m1, mo, RAPPORT_PRESENCE_ABSENT, NULL, NULL, &error));
  g_assert_true (rapport_store_set_attendance (fixture->store, m2, me, RAPPORT_PRESENCE_PRESENT, NULL, NULL, &error));
  g_assert_true (rapport_store_set_attendance (fixture->store, m2, rita, RAPPORT_PRESENCE_SUBSTITUTE, NULL, NULL, &error));
  /* Corrected: Mo came to the second after all. */
  g_assert_true (rapport_store_set_attendance (fixture->store, m2, mo, RAPPORT_PRESENCE_ABSENT, NULL, NULL, &error));
  g_assert_true (rapport_store_set_attendance (fixture->store, m2, mo, RAPPORT_PRESENCE_PRESENT, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Someone of another huddle cannot attend this one. */
  g_assert_false (rapport_store_set_attendance (fixture->store, m1, outsider, RAPPORT_PRESENCE_PRESENT, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  rows = rapport_store_list_attendance (fixture->store, m1, &error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  {
    g_autoptr(RapportAttendance) first = g_list_model_get_item (rows, 0);
    g_autoptr(RapportAttendance) second = g_list_model_get_item (rows, 2);

    g_assert_cmpstr (rapport_attendance_get_name (first), ==, "You");
    g_assert_cmpint (rapport_attendance_get_status (first), ==, RAPPORT_PRESENCE_PRESENT);
    g_assert_cmpstr (rapport_attendance_get_name (second), ==, "Rita");
    g_assert_cmpint (rapport_attendance_get_status (second), ==, RAPPORT_PRESENCE_LATE);
    g_assert_cmpstr (rapport_attendance_get_asks (second), ==, "Buyers in Hyde Park");
  }
  g_clear_object (&rows);
  /* Nothing recorded at the third yet. */
  rows = rapport_store_list_attendance (fixture->store, m3, &error);
  {
    g_autoptr(RapportAttendance) first = g_list_model_get_item (rows, 0);

    g_assert_cmpint (rapport_attendance_get_status (first), ==, -1);
  }

  /* Since the first: three meetings; unrecorded counts as absent. */
  summary = rapport_store_attendance_summary (fixture->store, huddle, MARCH_3, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, 3);
  {
    RapportAttendanceSummary *you = &g_array_index (summary, RapportAttendanceSummary, 0);
    RapportAttendanceSummary *mo_row = &g_array_index (summary, RapportAttendanceSummary, 1);
    RapportAttendanceSummary *rita_row = &g_array_index (summary, RapportAttendanceSummary, 2);

    g_assert_cmpstr (you->name, ==, "You");
    g_assert_cmpuint (you->meetings, ==, 3);
    g_assert_cmpuint (you->present, ==, 2);
    g_assert_cmpuint (you->absent, ==, 1);
    g_assert_cmpstr (mo_row->name, ==, "Mo");
    g_assert_cmpuint (mo_row->present, ==, 1);
    g_assert_cmpuint (mo_row->absent, ==, 2);
    g_assert_cmpuint (rita_row->late, ==, 1);
    g_assert_cmpuint (rita_row->substitute, ==, 1);
    g_assert_cmpuint (rita_row->absent, ==, 1);
  }
  g_clear_pointer (&summary, g_array_unref);
  /* Only the last one since the second week. */
  summary = rapport_store_attendance_summary (fixture->store, huddle, MARCH_3 + 20 * DAY, G_MAXINT64, &error);
  g_assert_cmpuint (g_array_index (summary, RapportAttendanceSummary, 0).meetings, ==, 1);
}

/* A meeting written down after members were added, from before they
 * joined, still shows those whose attendance was recorded; a recorded
 * attendance can be taken back; and a contact deleted for good leaves. */
static void
test_attendance_written_later (RapportTestStore *fixture,
                               gconstpointer data)
{
  gint64 huddle = add_huddle (fixture->store, "Home Team", NULL);
  gint64 rita_contact = add_person (fixture->store, "Rita", NULL);
  gint64 rita = add_member (fixture->store, huddle, rita_contact, "Realtor");
  gint64 me = me_in (fixture->store, huddle);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(RapportHuddle) loaded = NULL;
  /* 2026-02-17, before "today" (2026-03-01), the day everyone joined. */
  gint64 earlier = MARCH_3 - 14 * DAY;
  gint64 meeting = rapport_store_record_meeting (fixture->store, huddle, earlier, NULL, &error);

  g_assert_true (rapport_store_set_attendance (fixture->store, meeting, me, RAPPORT_PRESENCE_PRESENT, NULL, NULL, &error));
  g_assert_no_error (error);
  rows = rapport_store_list_attendance (fixture->store, meeting, &error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_clear_object (&rows);

  g_assert_true (rapport_store_set_attendance (fixture->store, meeting, rita, RAPPORT_PRESENCE_LATE, NULL, NULL, &error));
  g_assert_true (rapport_store_clear_attendance (fixture->store, meeting, rita, &error));
  g_assert_true (rapport_store_clear_attendance (fixture->store, meeting, rita, &error));
  g_assert_no_error (error);
  rows = rapport_store_list_attendance (fixture->store, meeting, &error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);

  g_assert_true (rapport_store_archive_contact (fixture->store, rita_contact, &error));
  g_assert_true (rapport_store_delete_contact (fixture->store, rita_contact, &error));
  g_assert_no_error (error);
  loaded = rapport_store_get_huddle (fixture->store, huddle, &error);
  g_assert_cmpint (rapport_huddle_get_n_members (loaded), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM huddle_members WHERE left_on IS NOT NULL"),
                   ==, 1);
}

/* The ledger: steps only ever appended, the state the latest of them,
 * balances per member, and the history kept when a member leaves. */
static void
test_ledger (RapportTestStore *fixture,
             gconstpointer data)
{
  gint64 huddle = add_huddle (fixture->store, "Home Team", NULL);
  gint64 rita = add_person (fixture->store, "Rita", NULL);
  gint64 mo = add_person (fixture->store, "Mo", NULL);
  gint64 buyer = add_person (fixture->store, "Bea Buyer", NULL);
  gint64 seller = add_person (fixture->store, "Sam Seller", NULL);
  gint64 rita_member = add_member (fixture->store, huddle, rita, "Realtor");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportReferral) referral = NULL;
  g_autoptr(GArray) balances = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(GListModel) list = NULL;
  gint64 r1, r2, r3;
  guint outbox;

  add_member (fixture->store, huddle, mo, "Mover");

  /* I pass Bea to Rita; Rita passes Sam to me; Rita passes Bea to Mo. */
  r1 = rapport_store_give_referral (fixture->store, 0, rita, buyer, huddle, "2026-03-03", "Looking in Hyde Park", &error);
  g_assert_no_error (error);
  r2 = rapport_store_give_referral (fixture->store, rita, 0, seller, huddle, "2026-03-05", NULL, &error);
  r3 = rapport_store_give_referral (fixture->store, rita, mo, buyer, huddle, "2026-03-10", NULL, &error);
  g_assert_no_error (error);

  referral = rapport_store_get_referral (fixture->store, r1, &error);
  g_assert_cmpint (rapport_referral_get_status (referral), ==, RAPPORT_REFERRAL_GIVEN);
  g_assert_cmpstr (rapport_referral_get_from_name (referral), ==, "You");
  g_assert_cmpstr (rapport_referral_get_to_name (referral), ==, "Rita");
  g_assert_cmpstr (rapport_referral_get_prospect_name (referral), ==, "Bea Buyer");
  g_assert_cmpint (rapport_referral_get_value_cents (referral), ==, -1);
  g_clear_object (&referral);

  g_assert_true (rapport_store_advance_referral (fixture->store, r1, RAPPORT_REFERRAL_CONTACTED, -1, "2026-03-04", NULL, &error));
  g_assert_true (rapport_store_advance_referral (fixture->store, r1, RAPPORT_REFERRAL_MEETING, -1, "2026-03-08", NULL, &error));
  g_assert_true (rapport_store_advance_referral (fixture->store, r1, RAPPORT_REFERRAL_WON, 1250000, "2026-04-20",
                                                 "Thank you for Bea!", &error));
  g_assert_true (rapport_store_advance_referral (fixture->store, r3, RAPPORT_REFERRAL_LOST, -1, "2026-03-12", NULL, &error));
  /* A step dated earlier than the latest does not become the state. */
  g_assert_true (rapport_store_advance_referral (fixture->store, r2, RAPPORT_REFERRAL_WON, 300000, "2026-03-20", NULL, &error));
  g_assert_true (rapport_store_advance_referral (fixture->store, r2, RAPPORT_REFERRAL_CONTACTED, -1, "2026-03-06", NULL, &error));
  g_assert_no_error (error);

  referral = rapport_store_get_referral (fixture->store, r1, &error);
  g_assert_cmpint (rapport_referral_get_status (referral), ==, RAPPORT_REFERRAL_WON);
  g_assert_cmpint (rapport_referral_get_value_cents (referral), ==, 1250000);
  g_assert_cmpstr (rapport_referral_get_status_on (referral), ==, "2026-04-20");
  g_clear_object (&referral);
  referral = rapport_store_get_referral (fixture->store, r2, &error);
  g_assert_cmpint (rapport_referral_get_status (referral), ==, RAPPORT_REFERRAL_WON);
  g_clear_object (&referral);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM referral_steps"), ==, 3 + 6);

  /* Bad input, and nothing written by it. */
  outbox = rapport_store_count_outbox (fixture->store);
  g_assert_cmpint (rapport_store_give_referral (fixture->store, rita, rita, buyer, huddle, NULL, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_give_referral (fixture->store, 0, 0, buyer, 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_give_referral (fixture->store, 0, rita, rita, 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_advance_referral (fixture->store, r3, RAPPORT_REFERRAL_WON, -500, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "negative"));
  g_clear_error (&error);
  g_assert_false (rapport_store_advance_referral (fixture->store, r3, RAPPORT_REFERRAL_CONTACTED, 100, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_advance_referral (fixture->store, r3, RAPPORT_REFERRAL_MEETING, -1, "2026-01-01", NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (fixture->store), ==, outbox);

  /* The database itself refuses to rewrite the ledger. */
  {
    char *message = NULL;

    g_assert_cmpint (sqlite3_exec (rapport_store_get_db (fixture->store), "UPDATE referral_steps SET status = 'lost'",
                                   NULL, NULL, &message),
                     !=, SQLITE_OK);
    g_assert_nonnull (strstr (message, "append-only"));
    sqlite3_free (message);
    g_assert_cmpint (sqlite3_exec (rapport_store_get_db (fixture->store), "DELETE FROM referral_steps", NULL, NULL, NULL),
                     !=, SQLITE_OK);
  }

  /* Rita leaves; the ledger still names her. */
  g_assert_true (rapport_store_remove_member (fixture->store, rita_member, &error));

  balances = rapport_store_referral_balances (fixture->store, huddle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (balances->len, ==, 3);
  {
    RapportReferralBalance *you = &g_array_index (balances, RapportReferralBalance, 0);
    RapportReferralBalance *mo_row = &g_array_index (balances, RapportReferralBalance, 1);
    RapportReferralBalance *rita_row = &g_array_index (balances, RapportReferralBalance, 2);

    g_assert_cmpstr (you->name, ==, "You");
    g_assert_cmpuint (you->given, ==, 1);
    g_assert_cmpuint (you->received, ==, 1);
    g_assert_cmpint (you->won_given_cents, ==, 1250000);
    g_assert_cmpint (you->won_received_cents, ==, 300000);
    g_assert_cmpstr (mo_row->name, ==, "Mo");
    g_assert_cmpuint (mo_row->received, ==, 1);
    g_assert_cmpint (mo_row->won_received_cents, ==, 0);
    g_assert_cmpstr (rita_row->name, ==, "Rita");
    g_assert_cmpuint (rita_row->given, ==, 2);
    g_assert_cmpuint (rita_row->received, ==, 1);
    g_assert_cmpint (rita_row->won_given_cents, ==, 300000);
  }
  g_clear_pointer (&balances, g_array_unref);
  /* This quarter only (from 2026-03-06): r3 alone. */
  balances = rapport_store_referral_balances (fixture->store, huddle, "2026-03-06", &error);
  g_assert_cmpuint (g_array_index (balances, RapportReferralBalance, 0).given, ==, 0);
  g_assert_cmpuint (g_array_index (balances, RapportReferralBalance, 2).given, ==, 1);
  g_assert_cmpint (rapport_store_closed_business (fixture->store, huddle), ==, 1250000 + 300000);

  /* Ledger views per huddle and per person. */
  list = rapport_store_list_referrals (fixture->store, &(RapportReferralQuery){ huddle, -1 }, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_clear_object (&list);
  list = rapport_store_list_referrals (fixture->store, &(RapportReferralQuery){ 0, buyer }, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_object (&list);
  list = rapport_store_list_referrals (fixture->store, &(RapportReferralQuery){ 0, 0 }, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  /* On the timelines: Rita received one from me and gave two. */
  timeline = rapport_store_list_interactions (fixture->store, rita, &error);
  g_assert_cmpint (rapport_test_sql_int (fixture->store,
                                         "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT
                                         " AND kind = 'referral-received'",
                                         rita),
                   ==, 1);
  g_assert_cmpint (rapport_test_sql_int (fixture->store,
                                         "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT
                                         " AND kind = 'referral-given'",
                                         rita),
                   ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 3);
}

int
main (int argc,
      char *argv[])
{
  /* "Today", the day members join, comes before the meetings and
   * referrals of the tests. */
  g_setenv ("RAPPORT_TODAY", "2026-03-01", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/rapport/huddles/" path, RapportTestStore, NULL, rapport_test_store_setup, func, rapport_test_store_teardown)

  ADD ("roster-rules", test_roster_rules);
  ADD ("coverage-gaps", test_coverage_gaps);
  ADD ("member-bad-input", test_member_bad_input);
  ADD ("attendance", test_attendance);
  ADD ("ledger", test_ledger);
  ADD ("attendance-written-later", test_attendance_written_later);

  return g_test_run ();
}
