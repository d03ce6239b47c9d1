/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sample.c: the sample network is believable, repeatable, recorded for
 * sync, and can be taken out again without touching the user's own cards,
 * groups, events, huddles and referrals. */
#define G_LOG_DOMAIN "test-sample"

#include "config.h"

#include "rapport-sample.h"
#include "rapport-test-util.h"

#define TODAY "2026-11-25"
/* Noon that day; the tests run in UTC. */
#define NOW G_GINT64_CONSTANT (1795608000)
#define DAY (24 * 60 * 60)

static void
fill (RapportStore *store,
      guint n,
      guint32 seed)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = rapport_sample_fill (store, n, seed, TODAY, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
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

static guint
count_events (RapportStore *store,
              RapportEventWhen when)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  RapportEventQuery query = { when, NOW, NULL, 0 };

  g_assert_true (rapport_store_query_event_ids (store, &query, ids, &error));
  g_assert_no_error (error);
  return ids->len;
}

/* The first record of @table whose @column is @value, which must exist. */
static gint64
first_where (RapportStore *store,
             const char *table,
             const char *column,
             const char *value)
{
  gint64 id = rapport_test_sql_int (store, "SELECT min (id) FROM %s WHERE %s = '%s' AND deleted = 0", table, column,
                                    value);

  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
group_of_kind (RapportStore *store,
               const char *kind)
{
  return first_where (store, "groups", "kind", kind);
}

static void
group_stats (RapportStore *store,
             gint64 group,
             RapportGroupStats *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_get_group_stats (store, group, NOW, stats, &error));
  g_assert_no_error (error);
}

/* The events and groups pages have something to show at once: groups
 * that clearly differ, two years of scored events with the people met
 * there, a few waiting for their scorecard and a few ahead. */
static void
test_events (RapportTestStore *fixture,
             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) archived = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(RapportGroup) chamber = NULL;
  g_autoptr(RapportGroup) realtors = NULL;
  RapportGroupStats leads_stats, realtors_stats, b2b_stats, meetup_stats;
  guint upcoming, past, unscored;
  gint64 n_people;

  fill (store, 240, 7);

  g_assert_true (rapport_store_query_group_ids (store, FALSE, active, NULL));
  g_assert_true (rapport_store_query_group_ids (store, TRUE, archived, NULL));
  g_assert_cmpuint (active->len + archived->len, ==, 8);
  g_assert_cmpuint (archived->len, >=, 1);

  /* A few hundred events, a handful ahead, most past ones scored. */
  upcoming = count_events (store, RAPPORT_EVENTS_UPCOMING);
  past = count_events (store, RAPPORT_EVENTS_PAST);
  unscored = rapport_store_count_unscored (store, NOW);
  g_assert_cmpuint (upcoming + past, ==, count_events (store, RAPPORT_EVENTS_ALL));
  g_assert_cmpuint (upcoming + past, >=, 200);
  g_assert_cmpuint (upcoming + past, <=, 400);
  g_assert_cmpuint (upcoming, >=, 3);
  g_assert_cmpuint (upcoming, <=, 15);
  g_assert_cmpuint (unscored, >=, 1);
  g_assert_cmpuint (unscored, <=, 15);
  g_assert_cmpuint (count_events (store, RAPPORT_EVENTS_UNSCORED), ==, unscored);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM events WHERE go_again IS NOT NULL"), >, past / 2);
  /* Nothing is known yet of what is still to come. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM events e WHERE e.starts_at > %" G_GINT64_FORMAT " AND (e.score_people IS NOT NULL"
                                                "  OR EXISTS (SELECT 1 FROM event_people p WHERE p.event_id = e.id))",
                                         NOW),
                   ==, 0);

  /* People met there: most of them first met there, as their cards say,
   * and every one of them logged on the timeline at that event. */
  n_people = rapport_test_sql_int (store, "SELECT count(*) FROM event_people WHERE deleted = 0");
  g_assert_cmpint (n_people, >, 300);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM event_people WHERE meaningful"), >, n_people / 5);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM event_people WHERE NOT meaningful"), >, n_people / 5);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE met_at IS NOT NULL"),
                   >, rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE met_on IS NOT NULL") / 2);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts c JOIN events e ON e.id = c.met_at"
                                                " WHERE c.met_on IS NOT date (e.starts_at, 'unixepoch')"
                                                "  OR NOT EXISTS (SELECT 1 FROM event_people p"
                                                "   WHERE p.event_id = e.id AND p.contact_id = c.id)"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM event_people p WHERE NOT EXISTS"
                                                " (SELECT 1 FROM interactions x WHERE x.contact_id = p.contact_id"
                                                "  AND x.event_id = p.event_id AND x.kind = 'met')"),
                   ==, 0);
  /* The keep-in-touch clock is the latest timeline entry, events included. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts c WHERE last_interaction IS NOT"
                                                " (SELECT max (happened_at) FROM interactions x WHERE x.contact_id = c.id)"),
                   ==, 0);

  /* The leads group is good every week, the realtors' lunch was the wrong
   * room from the start, the B2B group got better and the meetup worse. */
  group_stats (store, group_of_kind (store, "leads-group"), &leads_stats);
  group_stats (store, group_of_kind (store, "industry-association"), &realtors_stats);
  group_stats (store, group_of_kind (store, "b2b"), &b2b_stats);
  group_stats (store, group_of_kind (store, "meetup"), &meetup_stats);
  g_assert_cmpfloat (leads_stats.quality, >=, 70);
  g_assert_cmpfloat (realtors_stats.quality, >=, 0);
  g_assert_cmpfloat (realtors_stats.quality, <, 35);
  g_assert_cmpint (rapport_group_stats_suggest_verdict (&leads_stats), ==, RAPPORT_VERDICT_KEEP);
  g_assert_cmpint (rapport_group_stats_suggest_verdict (&realtors_stats), ==, RAPPORT_VERDICT_DROP);
  g_assert_cmpfloat (rapport_group_stats_meaningful_per_hour (&leads_stats), >,
                     rapport_group_stats_meaningful_per_hour (&realtors_stats));
  g_assert_cmpuint (realtors_stats.n_events, >=, 3);
  g_assert_cmpuint (realtors_stats.n_events, <, leads_stats.n_events / 10);
  g_assert_cmpfloat (b2b_stats.recent_quality, >, b2b_stats.earlier_quality);
  g_assert_cmpfloat (b2b_stats.recent_quality, >, b2b_stats.quality + 10);
  g_assert_cmpfloat (meetup_stats.recent_quality, <, meetup_stats.earlier_quality);
  g_assert_cmpfloat (meetup_stats.recent_quality, <, meetup_stats.quality - 10);
  g_assert_cmpint (leads_stats.dues_cents, >, 0);
  g_assert_cmpint (leads_stats.cost_cents, >, 0);
  g_assert_cmpint (leads_stats.travel_minutes, >, 0);

  /* A profile to compare the groups' audiences with: the realtors share
   * no word of it, the chamber does. */
  profile = rapport_store_get_profile (store);
  g_assert_nonnull (profile->services);
  g_assert_nonnull (profile->audience[0]);
  g_assert_cmpint (profile->goal_min, ==, 5);
  g_assert_cmpint (profile->goal_max, ==, 8);
  g_assert_cmpint (profile->hours_per_month, >, 0);
  realtors = rapport_store_get_group (store, group_of_kind (store, "industry-association"), NULL);
  chamber = rapport_store_get_group (store, group_of_kind (store, "chamber"), NULL);
  g_assert_cmpuint (rapport_audience_overlap ((const char *const *) profile->audience,
                                              rapport_group_get_audience (realtors)),
                    ==, 0);
  g_assert_cmpuint (rapport_audience_overlap ((const char *const *) profile->audience,
                                              rapport_group_get_audience (chamber)),
                    >, 0);
  g_assert_cmpint (rapport_group_get_verdict (realtors), ==, RAPPORT_VERDICT_DROP);
  g_assert_nonnull (rapport_group_get_verdict_reason (realtors));

  /* Every record in the outbox, once. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'group'"), ==, 8);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'event'"), ==,
                   upcoming + past);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'event_person'"), ==,
                   n_people);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'profile'"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox o JOIN contacts c ON c.uuid = o.uuid"
                                                " WHERE o.entity = 'contact' AND c.met_at IS NOT NULL"
                                                " AND json_extract (o.payload, '$.met_at') IS NULL"),
                   ==, 0);
}

static gint64
huddle_named (RapportStore *store,
              const char *name)
{
  return first_where (store, "huddles", "name", name);
}

static gboolean
strv_has (GStrv strv,
          const char *item)
{
  return g_strv_contains ((const char *const *) strv, item);
}

/* The member of @members whose service is @service, once. */
static gint64
member_for (GListModel *members,
            const char *service)
{
  gint64 found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(RapportHuddleMember) member = g_list_model_get_item (members, i);

      if (g_strcmp0 (rapport_huddle_member_get_service (member), service) == 0)
        {
          g_assert_cmpint (found, ==, 0);
          found = rapport_huddle_member_get_id (member);
        }
    }
  g_assert_cmpint (found, >, 0);
  return found;
}

/* The huddle pages have everything to show: two huddles, one with two
 * realtors and gaps in its services, the other with a member gone; a
 * year of meetings with attendance and a member who rarely comes; and a
 * ledger with business won, lost and still open, on the timelines. */
static void
test_huddles (RapportTestStore *fixture,
              gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportHuddle) home = NULL;
  g_autoptr(RapportHuddle) circle = NULL;
  g_autoptr(GListModel) home_members = NULL;
  g_autoptr(GListModel) circle_members = NULL;
  g_autoptr(GListModel) circle_all = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) attendance = NULL;
  g_autoptr(RapportMeeting) latest = NULL;
  g_autoptr(GArray) summary = NULL;
  g_auto(GStrv) competing = NULL;
  g_auto(GStrv) needed = NULL;
  g_auto(GStrv) gaps = NULL;
  g_autoptr(GError) error = NULL;
  gint64 attorney;
  guint n_rarely = 0;
  static const struct
  {
    const char *entity;
    const char *table;
  } recorded[] = {
    { "huddle", "huddles" },
    { "huddle_member", "huddle_members" },
    { "meeting", "meetings" },
    { "attendance", "attendance" },
    { "referral", "referrals" },
    { "referral_step", "referral_steps" },
  };

  fill (store, 240, 7);

  g_assert_true (rapport_store_query_huddle_ids (store, FALSE, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  home = rapport_store_get_huddle (store, huddle_named (store, "Hill Country Home Team"), &error);
  circle = rapport_store_get_huddle (store, huddle_named (store, "Capital City Business Circle"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_huddle_get_rrule (home), ==, "FREQ=MONTHLY;BYDAY=1TU,3TU");
  g_assert_cmpint (rapport_huddle_get_duration_min (home), ==, 60);

  /* Six to eight at the home buyers' table, the user first; two realtors
   * compete, and a mover and an interior designer are missing. */
  home_members = rapport_store_list_members (store, rapport_huddle_get_id (home), FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (home_members), >=, 6);
  g_assert_cmpuint (g_list_model_get_n_items (home_members), <=, 8);
  {
    g_autoptr(RapportHuddleMember) me = g_list_model_get_item (home_members, 0);

    g_assert_cmpint (rapport_huddle_member_get_contact_id (me), ==, 0);
    g_assert_cmpstr (rapport_huddle_member_get_service (me), ==, "Home office IT");
  }
  competing = rapport_roster_competing (home_members);
  g_assert_cmpuint (g_strv_length (competing), ==, 1);
  g_assert_cmpstr (competing[0], ==, "Realtor");
  needed = rapport_store_services_for_audience (store, rapport_huddle_get_audience (home));
  gaps = rapport_roster_gaps ((const char *const *) needed, home_members);
  g_assert_true (strv_has (gaps, "Mover"));
  g_assert_true (strv_has (gaps, "Interior designer"));
  g_assert_false (strv_has (gaps, "Realtor"));
  g_assert_cmpuint (g_strv_length (gaps), <, g_strv_length (needed) / 2);

  /* The small-business owners' circle: the user sells IT support; one
   * member left in the summer and keeps their history. */
  circle_members = rapport_store_list_members (store, rapport_huddle_get_id (circle), FALSE, &error);
  circle_all = rapport_store_list_members (store, rapport_huddle_get_id (circle), TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (circle_members), >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (circle_members), <=, 6);
  g_assert_cmpuint (g_list_model_get_n_items (circle_all), ==, g_list_model_get_n_items (circle_members) + 1);
  {
    g_autoptr(RapportHuddleMember) me = g_list_model_get_item (circle_members, 0);
    g_autoptr(RapportHuddleMember) former = g_list_model_get_item (circle_all, g_list_model_get_n_items (circle_all) - 1);

    g_assert_cmpstr (rapport_huddle_member_get_service (me), ==, "IT support");
    g_assert_nonnull (rapport_huddle_member_get_left_on (former));
    g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM attendance WHERE member_id = %" G_GINT64_FORMAT,
                                           rapport_huddle_member_get_id (former)),
                     >, 5);
    g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referrals WHERE from_contact = %" G_GINT64_FORMAT " OR to_contact = %" G_GINT64_FORMAT,
                                           rapport_huddle_member_get_contact_id (former),
                                           rapport_huddle_member_get_contact_id (former)),
                     >, 0);
  }
  g_clear_pointer (&competing, g_strfreev);
  competing = rapport_roster_competing (circle_members);
  g_assert_cmpuint (g_strv_length (competing), ==, 0);
  g_clear_pointer (&needed, g_strfreev);
  g_clear_pointer (&gaps, g_strfreev);
  needed = rapport_store_services_for_audience (store, rapport_huddle_get_audience (circle));
  gaps = rapport_roster_gaps ((const char *const *) needed, circle_members);
  g_assert_true (strv_has (gaps, "Payroll and HR"));
  g_assert_false (strv_has (gaps, "IT support"));

  /* A year of meetings on Tuesdays at 8:00 for an hour, the latest before
   * today, with everyone's attendance, the notes of some, and what some
   * members asked for and offered. */
  meetings = rapport_store_list_meetings (store, rapport_huddle_get_id (home), &error);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), >=, 23);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), <=, 26);
  latest = g_list_model_get_item (meetings, 0);
  g_assert_cmpint (rapport_meeting_get_starts_at (latest), <, NOW);
  g_assert_cmpint (rapport_meeting_get_starts_at (latest), >, NOW - 15 * DAY);
  g_assert_cmpint (rapport_meeting_get_duration_min (latest), ==, 60);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM meetings WHERE strftime ('%%w %%H:%%M', starts_at, 'unixepoch') <> '2 08:00'"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM meetings WHERE notes IS NOT NULL"), >, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM attendance WHERE asks IS NOT NULL"), >, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM attendance WHERE offers IS NOT NULL"), >, 0);
  attendance = rapport_store_list_attendance (store, rapport_meeting_get_id (latest), &error);
  g_assert_cmpuint (g_list_model_get_n_items (attendance), ==, g_list_model_get_n_items (home_members));
  for (guint i = 0; i < g_list_model_get_n_items (attendance); i++)
    {
      g_autoptr(RapportAttendance) row = g_list_model_get_item (attendance, i);

      g_assert_cmpint (rapport_attendance_get_status (row), >=, 0);
    }
  /* Attendance only while a member, for each of them once. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM attendance a JOIN meetings g ON g.id = a.meeting_id"
                                                " JOIN huddle_members m ON m.id = a.member_id"
                                                " WHERE m.huddle_id <> g.huddle_id"
                                                "  OR m.joined_on > date (g.starts_at, 'unixepoch')"
                                                "  OR m.left_on <= date (g.starts_at, 'unixepoch')"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM meetings g JOIN huddle_members m ON m.huddle_id = g.huddle_id"
                                                " AND m.joined_on <= date (g.starts_at, 'unixepoch')"
                                                " AND (m.left_on IS NULL OR m.left_on > date (g.starts_at, 'unixepoch'))"),
                   ==, rapport_test_sql_int (store, "SELECT count(*) FROM attendance"));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(DISTINCT status) FROM attendance"), ==, 4);

  /* Over six months, the attorney alone misses most meetings. */
  attorney = member_for (home_members, "Real-estate attorney");
  summary = rapport_store_attendance_summary (store, rapport_huddle_get_id (home), NOW - 182 * DAY, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, g_list_model_get_n_items (home_members));
  for (guint i = 0; i < summary->len; i++)
    {
      RapportAttendanceSummary *row = &g_array_index (summary, RapportAttendanceSummary, i);

      g_assert_cmpuint (row->present + row->late + row->substitute + row->absent, ==, row->meetings);
      if (row->absent * 2 > row->meetings)
        {
          g_assert_cmpint (row->member_id, ==, attorney);
          g_assert_cmpuint (row->meetings, >=, 10);
          n_rarely++;
        }
    }
  g_assert_cmpuint (n_rarely, ==, 1);

  /* The ledger: every member gives and receives, the user included;
   * business is won, some lost, some still open; a few referrals went
   * outside the huddles. */
  for (guint h = 0; h < ids->len; h++)
    {
      gint64 huddle = g_array_index (ids, gint64, h);
      g_autoptr(GArray) balances = rapport_store_referral_balances (store, huddle, NULL, &error);
      g_autoptr(GListModel) ledger = rapport_store_list_referrals (store, &(RapportReferralQuery){ huddle, -1 }, &error);
      guint given = 0, received = 0, givers = 0;
      gboolean won = FALSE, lost = FALSE, open = FALSE;

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (ledger), >=, 12);
      for (guint i = 0; i < balances->len; i++)
        {
          RapportReferralBalance *row = &g_array_index (balances, RapportReferralBalance, i);

          given += row->given;
          received += row->received;
          givers += row->given > 0;
          if (row->contact_id == 0)
            {
              g_assert_cmpuint (row->given, >, 0);
              g_assert_cmpuint (row->received, >, 0);
              g_assert_cmpint (row->won_given_cents + row->won_received_cents, >, 0);
            }
        }
      g_assert_cmpuint (given, ==, g_list_model_get_n_items (ledger));
      g_assert_cmpuint (received, ==, given);
      g_assert_cmpuint (givers, >=, 4);
      for (guint i = 0; i < g_list_model_get_n_items (ledger); i++)
        {
          g_autoptr(RapportReferral) referral = g_list_model_get_item (ledger, i);
          int status = rapport_referral_get_status (referral);

          won |= status == RAPPORT_REFERRAL_WON;
          lost |= status == RAPPORT_REFERRAL_LOST;
          open |= status < RAPPORT_REFERRAL_WON;
          g_assert_true ((status == RAPPORT_REFERRAL_WON) == (rapport_referral_get_value_cents (referral) > 0));
        }
      g_assert_true (won && lost && open);
      g_assert_cmpint (rapport_store_closed_business (store, huddle), >, 0);
    }
  g_assert_cmpint (rapport_store_closed_business (store, 0), >,
                   rapport_store_closed_business (store, g_array_index (ids, gint64, 0)));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referrals WHERE huddle_id IS NULL"), >=, 3);
  /* Steps in date order, the first "given" on the day given, none ahead. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referral_steps a JOIN referral_steps b"
                                                " ON b.referral_id = a.referral_id AND b.id > a.id"
                                                " WHERE b.happened_on < a.happened_on OR b.status = 'given'"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referrals r WHERE NOT EXISTS"
                                                " (SELECT 1 FROM referral_steps s WHERE s.referral_id = r.id"
                                                "  AND s.status = 'given' AND s.happened_on = r.given_on)"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referral_steps WHERE happened_on > '" TODAY "'"), ==, 0);

  /* On the timelines, as the store writes them one by one: the user's
   * referrals too. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE kind = 'referral-received'"
                                                " AND note LIKE 'About %%'"),
                   ==, rapport_test_sql_int (store, "SELECT count(*) FROM referrals WHERE from_contact IS NULL"));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE kind = 'referral-given'"
                                                " AND note LIKE 'To you, about %%'"),
                   ==, rapport_test_sql_int (store, "SELECT count(*) FROM referrals WHERE to_contact IS NULL"));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referrals WHERE to_contact IS NULL"), >, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE kind LIKE 'referral-%%'"),
                   ==, rapport_test_sql_int (store, "SELECT count(from_contact) + count(to_contact) FROM referrals"));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referrals r JOIN interactions x"
                                                " ON x.contact_id = r.from_contact AND x.kind = 'referral-given'"
                                                " JOIN contacts t ON t.id = r.to_contact JOIN contacts p ON p.id = r.prospect"
                                                " WHERE x.note = 'To ' || t.display_name || ', about ' || p.display_name"),
                   >, 0);

  /* Every record in the outbox, once. */
  for (guint i = 0; i < G_N_ELEMENTS (recorded); i++)
    g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = '%s'", recorded[i].entity),
                     ==, rapport_test_sql_int (store, "SELECT count(*) FROM %s", recorded[i].table));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox o JOIN referrals r ON r.uuid = o.uuid"
                                                " WHERE o.entity = 'referral' AND r.huddle_id IS NOT NULL"
                                                " AND json_extract (o.payload, '$.huddle') IS NULL"),
                   ==, 0);
}

/* Removing the sample takes its huddles, meetings and referrals, and
 * keeps the user's own huddle with its referral, and a made-up huddle
 * where the user recorded a meeting of their own, with the user in it. */
static void
test_remove_huddles (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store, "Ann Lee");
  g_autoptr(RapportContact) ben = rapport_test_add_contact (store, "Ben Okoro");
  g_autoptr(RapportHuddle) own = g_object_new (RAPPORT_TYPE_HUDDLE, "name", "Downtown Circle",
                                                "rrule", "FREQ=MONTHLY;BYDAY=1WE", "first-meeting", NOW, NULL);
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;
  gint64 own_id, circle, home, own_referral, own_meeting;
  gint64 n_members, n_meetings, n_attendance, n_referrals, n_steps;

  fill (store, 240, 7);
  n_members = rapport_test_sql_int (store, "SELECT count(*) FROM huddle_members");
  n_meetings = rapport_test_sql_int (store, "SELECT count(*) FROM meetings");
  n_attendance = rapport_test_sql_int (store, "SELECT count(*) FROM attendance");
  n_referrals = rapport_test_sql_int (store, "SELECT count(*) FROM referrals");
  home = huddle_named (store, "Hill Country Home Team");
  circle = huddle_named (store, "Capital City Business Circle");

  own_id = rapport_store_save_huddle (store, own, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_add_member (store, own_id, rapport_contact_get_id (ann), "Accountant", NULL, &error),
                   >, 0);
  own_referral = rapport_store_give_referral (store, 0, rapport_contact_get_id (ann), rapport_contact_get_id (ben),
                                              own_id, "2026-11-20", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_advance_referral (store, own_referral, RAPPORT_REFERRAL_WON, 150000, TODAY, NULL, &error));
  own_meeting = rapport_store_record_meeting (store, circle, NOW + 13 * DAY, "Our own meeting", &error);
  g_assert_no_error (error);
  n_steps = rapport_test_sql_int (store, "SELECT count(*) FROM referral_steps");

  g_assert_true (rapport_sample_remove (store, &error));
  g_assert_no_error (error);

  /* The user's huddle and the made-up one they used stay; the other goes. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM huddles WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT deleted FROM huddles WHERE id = %" G_GINT64_FORMAT, home), ==, 1);
  members = rapport_store_list_members (store, circle, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  {
    g_autoptr(RapportHuddleMember) me = g_list_model_get_item (members, 0);

    g_assert_cmpint (rapport_huddle_member_get_contact_id (me), ==, 0);
  }
  g_clear_object (&members);
  members = rapport_store_list_members (store, own_id, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);

  /* Only the user's own meeting and referral are left, with the
   * referral's timeline entry; the ledger keeps every step. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT id FROM meetings WHERE deleted = 0"), ==, own_meeting);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM meetings WHERE deleted = 0"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM attendance WHERE deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT id FROM referrals WHERE deleted = 0"), ==, own_referral);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referrals WHERE deleted = 0"), ==, 1);
  g_assert_cmpint (rapport_store_closed_business (store, 0), ==, 150000);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE deleted = 0"
                                                " AND kind = 'referral-received' AND contact_id = %" G_GINT64_FORMAT,
                                         rapport_contact_get_id (ann)),
                   ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM referral_steps"), ==, n_steps);

  /* Tombstones for sync, each record once, and nothing left to find. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'referral' AND op = 'delete'"),
                   ==, n_referrals);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'meeting' AND op = 'delete'"),
                   ==, n_meetings);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'attendance' AND op = 'delete'"),
                   ==, n_attendance);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'huddle_member' AND op = 'delete'"),
                   ==, n_members - 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'huddle' AND op = 'delete'"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'referral_step' AND op = 'delete'"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM (SELECT 1 FROM outbox"
                                                " GROUP BY entity, uuid, hlc HAVING count(*) > 1)"),
                   ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM meta WHERE key LIKE 'sample-%%'"), ==, 0);
}

/* A profile the user saved stays as it is. */
static void
test_own_profile (RapportTestStore *fixture,
                  gconstpointer data)
{
  char *audience[] = { (char *) "dentists", NULL };
  RapportProfile mine = { NULL, (char *) "Dental billing", audience, 3, 6, 10 };
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_save_profile (fixture->store, &mine, &error));
  g_assert_no_error (error);
  fill (fixture->store, 30, 1);
  g_assert_true (rapport_sample_remove (fixture->store, &error));
  g_assert_no_error (error);
  profile = rapport_store_get_profile (fixture->store);
  g_assert_cmpstr (profile->services, ==, "Dental billing");
  g_assert_cmpint (profile->goal_min, ==, 3);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM outbox WHERE entity = 'profile'"), ==, 1);
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

  g_autoptr(RapportGroup) own_group = rapport_group_new ("Downtown Lunch Club");
  g_autoptr(RapportEvent) own_event = rapport_event_new ("Lunch club", NOW - 3 * DAY);
  g_autoptr(RapportEvent) in_sample_group = rapport_event_new ("Chamber golf day", NOW - 2 * DAY);
  g_autoptr(RapportEvent) kept = NULL;
  g_autoptr(RapportGroup) kept_group = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  gint64 own_group_id, own_event_id, in_sample_group_id, sample_group_id, sample_event_id;
  gint64 n_sample_events, n_sample_groups;

  fill (store, 60, 3);
  fill (store, 40, 4);
  g_assert_cmpuint (rapport_sample_count (store), ==, 100);
  rapport_test_assert_contact_days (store);
  n_sample_events = rapport_test_sql_int (store, "SELECT count(*) FROM events");
  n_sample_groups = rapport_test_sql_int (store, "SELECT count(*) FROM groups");

  /* The user's own group and event, an event of their own in a made-up
   * group, a made-up person met at it and their own card met at a
   * made-up event. */
  own_group_id = rapport_store_save_group (store, own_group, &error);
  g_assert_no_error (error);
  rapport_event_set_group_id (own_event, own_group_id);
  own_event_id = rapport_store_save_event (store, own_event, &error);
  g_assert_no_error (error);
  sample_group_id = group_of_kind (store, "chamber");
  rapport_event_set_group_id (in_sample_group, sample_group_id);
  in_sample_group_id = rapport_store_save_event (store, in_sample_group, &error);
  g_assert_no_error (error);
  sample_event_id = rapport_test_sql_int (store, "SELECT max (id) FROM events WHERE starts_at < %" G_GINT64_FORMAT " AND id < %" G_GINT64_FORMAT,
                                          NOW, own_event_id);
  g_assert_true (rapport_store_mark_met (store, own_event_id, rapport_test_sql_int (store, "SELECT max (id) FROM contacts"),
                                         TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_mark_met (store, sample_event_id, rapport_contact_get_id (before), FALSE, NULL, &error));
  g_assert_no_error (error);
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
  /* Only the meeting the user logged for their own card stays. */
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE deleted = 0"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT contact_id FROM interactions WHERE deleted = 0"), ==,
                   rapport_contact_get_id (before));
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

  /* The user's group and events stay, and so does the made-up group that
   * holds one of them; everything else made up is gone, with tombstones. */
  kept_group = rapport_store_get_group (store, own_group_id, NULL);
  g_assert_nonnull (kept_group);
  kept = rapport_store_get_event (store, own_event_id, NULL);
  g_assert_nonnull (kept);
  g_assert_cmpint (rapport_event_get_n_people (kept), ==, 0);
  g_clear_object (&kept);
  kept = rapport_store_get_event (store, in_sample_group_id, NULL);
  g_assert_nonnull (kept);
  g_assert_cmpint (rapport_event_get_group_id (kept), ==, sample_group_id);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM events WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM groups WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM event_people WHERE deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM contacts WHERE met_at IS NOT NULL AND deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE event_id IS NOT NULL AND deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'event' AND op = 'delete'"),
                   ==, n_sample_events);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'group' AND op = 'delete'"),
                   ==, n_sample_groups - 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'event_person' AND op = 'delete'"),
                   ==, rapport_test_sql_int (store, "SELECT count(*) FROM event_people"));
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM meta WHERE key LIKE 'sample-%%'"), ==, 0);
  /* The made-up profile is emptied, for every device. */
  profile = rapport_store_get_profile (store);
  g_assert_null (profile->services);
  g_assert_null (profile->audience[0]);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM outbox WHERE entity = 'profile'"), ==, 2);

  rapport_test_assert_contact_days (store);

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
  g_test_add ("/rapport/sample/events", RapportTestStore, NULL, rapport_test_store_setup, test_events,
              rapport_test_store_teardown);
  g_test_add ("/rapport/sample/huddles", RapportTestStore, NULL, rapport_test_store_setup, test_huddles,
              rapport_test_store_teardown);
  g_test_add ("/rapport/sample/remove", RapportTestStore, NULL, rapport_test_store_setup, test_remove,
              rapport_test_store_teardown);
  g_test_add ("/rapport/sample/remove-huddles", RapportTestStore, NULL, rapport_test_store_setup, test_remove_huddles,
              rapport_test_store_teardown);
  g_test_add ("/rapport/sample/own-profile", RapportTestStore, NULL, rapport_test_store_setup, test_own_profile,
              rapport_test_store_teardown);
  return g_test_run ();
}
