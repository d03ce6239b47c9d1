/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-events.c: groups, events, the people met there, the scorecard,
 * the figures a group page shows, and the profile. */
#define G_LOG_DOMAIN "test-events"

#include "config.h"

#include "rapport-error.h"
#include "rapport-event-list.h"
#include "rapport-test-util.h"

/* 2026-03-10 18:00 UTC (the tests run in UTC). */
#define MARCH_10 G_GINT64_CONSTANT (1773165600)
#define DAY (24 * 60 * 60)

static gint64
add_group (RapportStore *store,
           const char *name,
           gint64 dues_cents,
           const char *audience)
{
  g_autoptr(RapportGroup) group = rapport_group_new (name);
  g_auto(GStrv) phrases = rapport_audience_parse (audience);
  g_autoptr(GError) error = NULL;
  gint64 id;

  rapport_group_set_dues_cents (group, dues_cents);
  rapport_group_set_audience (group, (const char *const *) phrases);
  id = rapport_store_save_group (store, group, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_event (RapportStore *store,
           const char *title,
           gint64 group_id,
           gint64 starts_at,
           int duration_min,
           int travel_min,
           gint64 cost_cents)
{
  g_autoptr(RapportEvent) event = rapport_event_new (title, starts_at);
  g_autoptr(GError) error = NULL;
  gint64 id;

  rapport_event_set_group_id (event, group_id);
  rapport_event_set_duration_min (event, duration_min);
  rapport_event_set_travel_min (event, travel_min);
  rapport_event_set_cost_cents (event, cost_cents);
  id = rapport_store_save_event (store, event, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
score (RapportStore *store,
       gint64 event_id,
       int a,
       int b,
       int c,
       int d,
       int go_again)
{
  const int answers[] = { a, b, c, d };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_set_scorecard (store, event_id, answers, go_again, &error));
  g_assert_no_error (error);
}

/* The formula, and the database's generated column agreeing with it for
 * every one of the 625 possible scorecards. */
static void
test_quality_formula (RapportTestStore *fixture,
                      gconstpointer data)
{
  const int all_one[] = { 1, 1, 1, 1 };
  const int all_five[] = { 5, 5, 5, 5 };
  const int all_three[] = { 3, 3, 3, 3 };
  const int mixed[] = { 5, 4, 3, 2 };  /* (14 - 4) / 16 = 62.5 %, rounded up */
  const int nearly[] = { 5, 5, 5, 4 }; /* 15 / 16 = 93.75 % */
  const int out_of_range[] = { 5, 5, 5, 6 };
  const int unanswered[] = { 0, 3, 3, 3 };
  gint64 event;
  int disagreements = 0;

  g_assert_cmpint (rapport_quality_score (all_one), ==, 0);
  g_assert_cmpint (rapport_quality_score (all_five), ==, 100);
  g_assert_cmpint (rapport_quality_score (all_three), ==, 50);
  g_assert_cmpint (rapport_quality_score (mixed), ==, 63);
  g_assert_cmpint (rapport_quality_score (nearly), ==, 94);
  g_assert_cmpint (rapport_quality_score (out_of_range), ==, -1);
  g_assert_cmpint (rapport_quality_score (unanswered), ==, -1);

  event = add_event (fixture->store, "Mixer", 0, MARCH_10, 90, 0, 0);
  for (int a = 1; a <= 5; a++)
    for (int b = 1; b <= 5; b++)
      for (int c = 1; c <= 5; c++)
        for (int d = 1; d <= 5; d++)
          {
            const int answers[] = { a, b, c, d };

            if (rapport_test_sql_int (fixture->store,
                                      "UPDATE events SET score_people = %d, score_new = %d, score_help = %d,"
                                      " score_time = %d WHERE id = %" G_GINT64_FORMAT " RETURNING quality",
                                      a, b, c, d, event) != rapport_quality_score (answers))
              disagreements++;
          }
  g_assert_cmpint (disagreements, ==, 0);
}

static void
test_scorecard_bad_input (RapportTestStore *fixture,
                          gconstpointer data)
{
  const int too_high[] = { 3, 3, 6, 3 };
  const int zero[] = { 0, 3, 3, 3 };
  const int negative[] = { 3, -1, 3, 3 };
  const int fine[] = { 4, 4, 4, 4 };
  const int *bad[] = { too_high, zero, negative };
  gint64 event = add_event (fixture->store, "Breakfast", 0, MARCH_10, 60, 0, 0);
  guint outbox = rapport_store_count_outbox (fixture->store);
  g_autoptr(RapportEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (rapport_store_set_scorecard (fixture->store, event, bad[i], 1, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "1 to 5"));
      g_clear_error (&error);
    }
  g_assert_false (rapport_store_set_scorecard (fixture->store, event, fine, 2, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_scorecard (fixture->store, 999, fine, 1, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (fixture->store), ==, outbox);

  loaded = rapport_store_get_event (fixture->store, event, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_event_has_scorecard (loaded));
  g_assert_cmpint (rapport_event_get_quality (loaded), ==, -1);
  g_assert_cmpint (rapport_event_get_go_again (loaded), ==, -1);
  g_clear_object (&loaded);

  score (fixture->store, event, 4, 4, 4, 4, 1);
  loaded = rapport_store_get_event (fixture->store, event, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_event_has_scorecard (loaded));
  g_assert_cmpint (rapport_event_get_score (loaded, RAPPORT_SCORE_GOOD_USE), ==, 4);
  g_assert_cmpint (rapport_event_get_quality (loaded), ==, 75);
  g_assert_cmpint (rapport_event_get_go_again (loaded), ==, 1);
  g_assert_cmpuint (rapport_store_count_outbox (fixture->store), ==, outbox + 1);
}

static void
test_event_bad_input (RapportTestStore *fixture,
                      gconstpointer data)
{
  struct
  {
    const char *title;
    gint64 starts_at;
    int duration, travel, room;
    gint64 cost;
    gint64 group;
    const char *expected;
  } cases[] = {
    { "", MARCH_10, 60, 0, 0, 0, 0, "title" },
    { "  \u00a0", MARCH_10, 60, 0, 0, 0, 0, "title" },
    { "Lunch", 0, 60, 0, 0, 0, 0, "date" },
    { "Lunch", MARCH_10, -30, 0, 0, 0, 0, "ends before it starts" },
    { "Lunch", MARCH_10, 60, -5, 0, 0, 0, "Travel time cannot be negative" },
    { "Lunch", MARCH_10, 60, 0, 0, -1500, 0, "cost cannot be negative" },
    { "Lunch", MARCH_10, 60, 0, -3, 0, 0, "cannot be negative" },
    { "Lunch", MARCH_10, 60 * 24 * 30, 0, 0, 0, 0, "two weeks" },
    { "Lunch", MARCH_10, 60, 0, 0, 0, 4242, "group no longer exists" },
  };
  guint outbox = rapport_store_count_outbox (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportEvent) event = rapport_event_new (cases[i].title, cases[i].starts_at);
      g_autoptr(GError) error = NULL;

      rapport_event_set_duration_min (event, cases[i].duration);
      rapport_event_set_travel_min (event, cases[i].travel);
      rapport_event_set_room_size (event, cases[i].room);
      rapport_event_set_cost_cents (event, cases[i].cost);
      rapport_event_set_group_id (event, cases[i].group);
      g_assert_cmpint (rapport_store_save_event (fixture->store, event, &error), ==, 0);
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].expected));
      g_assert_cmpint (rapport_event_get_id (event), ==, 0);
    }
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM events"), ==, 0);
  g_assert_cmpuint (rapport_store_count_outbox (fixture->store), ==, outbox);

  /* An edit that goes wrong leaves the saved event as it was. */
  {
    gint64 id = add_event (fixture->store, "Chamber lunch", 0, MARCH_10, 60, 20, 2500);
    g_autoptr(RapportEvent) saved = rapport_store_get_event (fixture->store, id, NULL);
    g_autoptr(RapportEvent) draft = rapport_event_copy (saved);
    g_autoptr(RapportEvent) again = NULL;
    g_autoptr(GError) error = NULL;

    rapport_event_set_title (draft, "Renamed");
    rapport_event_set_cost_cents (draft, -1);
    g_assert_cmpint (rapport_store_save_event (fixture->store, draft, &error), ==, 0);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    again = rapport_store_get_event (fixture->store, id, NULL);
    g_assert_cmpstr (rapport_event_get_title (again), ==, "Chamber lunch");
    g_assert_cmpint (rapport_event_get_cost_cents (again), ==, 2500);
  }
}

/* Money, hours and quality of a group, worked out by hand. */
static void
test_group_stats (RapportTestStore *fixture,
                  gconstpointer data)
{
  gint64 group = add_group (fixture->store, "Downtown Chamber", 30000, "small business owners");
  gint64 other = add_group (fixture->store, "Elsewhere", 0, NULL);
  gint64 e1, e2, e3, e5;
  RapportGroupStats stats;
  g_autoptr(GError) error = NULL;

  /* Two visits in 2025 and two in 2026: dues count for two years. */
  e1 = add_event (fixture->store, "Mixer 1", group, MARCH_10 - 400 * DAY, 120, 30, 2000);
  e2 = add_event (fixture->store, "Mixer 2", group, MARCH_10 - 300 * DAY, 90, 30, 0);
  e3 = add_event (fixture->store, "Lunch", group, MARCH_10 - 30 * DAY, 60, 20, 3500);
  add_event (fixture->store, "Breakfast", group, MARCH_10, 60, 20, 1500);
  /* Not yet started at the moment asked for, and another group's. */
  e5 = add_event (fixture->store, "Gala", group, MARCH_10 + 10 * DAY, 180, 40, 9900);
  add_event (fixture->store, "Other", other, MARCH_10, 60, 10, 5000);

  score (fixture->store, e1, 5, 5, 5, 5, 1); /* 100 */
  score (fixture->store, e2, 3, 3, 3, 3, 1); /* 50 */
  score (fixture->store, e3, 4, 4, 4, 4, 0); /* 75 */
  score (fixture->store, e5, 1, 1, 1, 1, 0); /* not counted: after "until" */

  g_assert_cmpint (rapport_store_capture_person (fixture->store, e1, "Ann", NULL, NULL, TRUE, NULL, &error), >, 0);
  g_assert_cmpint (rapport_store_capture_person (fixture->store, e1, "Bob", NULL, NULL, FALSE, NULL, &error), >, 0);
  g_assert_cmpint (rapport_store_capture_person (fixture->store, e3, "Cy", NULL, NULL, TRUE, NULL, &error), >, 0);
  g_assert_cmpint (rapport_store_capture_person (fixture->store, e5, "Di", NULL, NULL, TRUE, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (rapport_store_get_group_stats (fixture->store, group, MARCH_10 + 1, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_events, ==, 4);
  g_assert_cmpuint (stats.n_scored, ==, 3);
  g_assert_cmpfloat_with_epsilon (stats.quality, 75.0, 1e-9);
  /* The latest three scored: 75, 50, 100; none before them. */
  g_assert_cmpfloat_with_epsilon (stats.recent_quality, 75.0, 1e-9);
  g_assert_cmpfloat (stats.earlier_quality, ==, -1);
  g_assert_cmpint (stats.cost_cents, ==, 2000 + 3500 + 1500);
  g_assert_cmpint (stats.dues_cents, ==, 2 * 30000);
  g_assert_cmpint (stats.event_minutes, ==, 120 + 90 + 60 + 60);
  g_assert_cmpint (stats.travel_minutes, ==, 30 + 30 + 20 + 20);
  g_assert_cmpuint (stats.n_people, ==, 3);
  g_assert_cmpuint (stats.n_meaningful, ==, 2);
  g_assert_cmpuint (stats.n_go_again, ==, 2);
  g_assert_cmpuint (stats.n_stay_away, ==, 1);
  g_assert_cmpint (stats.first_event, ==, MARCH_10 - 400 * DAY);
  g_assert_cmpint (stats.last_event, ==, MARCH_10);
  /* Two meaningful conversations in 430 minutes. */
  g_assert_cmpfloat_with_epsilon (rapport_group_stats_meaningful_per_hour (&stats), 2 * 60.0 / 430, 1e-9);
  g_assert_cmpint (rapport_group_stats_suggest_verdict (&stats), ==, RAPPORT_VERDICT_KEEP);

  /* Everything counts once the gala has started; its 0 pulls the recent
   * average to 41.7 and the verdict to drop. */
  g_assert_true (rapport_store_get_group_stats (fixture->store, group, MARCH_10 + 20 * DAY, &stats, &error));
  g_assert_cmpuint (stats.n_events, ==, 5);
  g_assert_cmpfloat_with_epsilon (stats.recent_quality, 125.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.earlier_quality, 100.0, 1e-9);
  g_assert_cmpint (rapport_group_stats_suggest_verdict (&stats), ==, RAPPORT_VERDICT_DROP);

  /* A group without events. */
  {
    gint64 empty = add_group (fixture->store, "New", 10000, NULL);

    g_assert_true (rapport_store_get_group_stats (fixture->store, empty, MARCH_10, &stats, &error));
    g_assert_cmpuint (stats.n_events, ==, 0);
    g_assert_cmpfloat (stats.quality, ==, -1);
    g_assert_cmpint (stats.dues_cents, ==, 0);
    g_assert_cmpfloat (rapport_group_stats_meaningful_per_hour (&stats), ==, 0);
    g_assert_cmpint (rapport_group_stats_suggest_verdict (&stats), ==, RAPPORT_VERDICT_UNDECIDED);
  }

  /* The group's own snapshot carries the count and average too. */
  {
    g_autoptr(RapportGroup) loaded = rapport_store_get_group (fixture->store, group, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rapport_group_get_n_events (loaded), ==, 5);
    g_assert_cmpint (rapport_group_get_quality (loaded), ==, 56); /* (100+50+75+0)/4 */
  }
}

static void
test_verdict_suggestion (void)
{
  struct
  {
    guint n_scored;
    double recent;
    guint yes, no;
    RapportVerdict expected;
  } cases[] = {
    { 0, -1, 0, 0, RAPPORT_VERDICT_UNDECIDED },
    { 1, 100, 1, 0, RAPPORT_VERDICT_UNDECIDED },
    { 2, 90, 2, 0, RAPPORT_VERDICT_KEEP },
    { 2, 70, 0, 0, RAPPORT_VERDICT_KEEP },
    { 3, 69.9, 3, 0, RAPPORT_VERDICT_TRIAL },
    { 3, 45, 1, 1, RAPPORT_VERDICT_TRIAL },
    { 3, 44.9, 3, 0, RAPPORT_VERDICT_DROP },
    { 3, 95, 1, 2, RAPPORT_VERDICT_DROP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RapportGroupStats stats = {
        .n_scored = cases[i].n_scored,
        .recent_quality = cases[i].recent,
        .n_go_again = cases[i].yes,
        .n_stay_away = cases[i].no,
      };

      g_assert_cmpint (rapport_group_stats_suggest_verdict (&stats), ==, cases[i].expected);
    }
}

static void
test_audience_overlap (void)
{
  g_auto(GStrv) seller = rapport_audience_parse ("restaurants, retail stores; cafés");
  g_auto(GStrv) realtors = rapport_audience_parse ("Realtors, home buyers");
  g_auto(GStrv) agent = rapport_audience_parse ("first-time home buyers\nrealtor");
  g_auto(GStrv) cafe = rapport_audience_parse ("Cafe owners");
  g_auto(GStrv) empty = rapport_audience_parse (" , ;");
  const char *const expected[] = { "restaurants", "retail stores", "cafés", NULL };

  g_assert_true (g_strv_equal ((const char *const *) seller, expected));
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  /* The point-of-sale seller at a realtors' lunch. */
  g_assert_cmpuint (rapport_audience_overlap ((const char *const *) seller, (const char *const *) realtors), ==, 0);
  /* Plural and case: realtor(s), home, buyer(s). */
  g_assert_cmpuint (rapport_audience_overlap ((const char *const *) agent, (const char *const *) realtors), ==, 3);
  /* Accents. */
  g_assert_cmpuint (rapport_audience_overlap ((const char *const *) seller, (const char *const *) cafe), ==, 1);
  g_assert_cmpuint (rapport_audience_overlap (NULL, (const char *const *) cafe), ==, 0);
  g_assert_cmpuint (rapport_audience_overlap ((const char *const *) empty, (const char *const *) cafe), ==, 0);
}

/* Capture at an event: one transaction makes the contact, the link, the
 * "met" entry and the follow-up. */
static void
test_capture (RapportTestStore *fixture,
              gconstpointer data)
{
  gint64 event = add_event (fixture->store, "Chamber mixer", 0, MARCH_10, 120, 0, 0);
  g_autoptr(RapportContact) existing = rapport_test_add_contact (fixture->store, "Known Person");
  g_autoptr(RapportContact) ann = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(GListModel) followups = NULL;
  g_autoptr(RapportEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = rapport_store_capture_person (fixture->store, event, "Ann Lee", "Acme", "Wants a bookkeeper", TRUE,
                                     "2026-03-11", &error);
  g_assert_no_error (error);
  ann = rapport_store_get_contact (fixture->store, id, &error);
  g_assert_cmpstr (rapport_contact_get_company (ann), ==, "Acme");
  g_assert_cmpstr (rapport_contact_get_met_on (ann), ==, "2026-03-10");
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT met_at FROM contacts WHERE id = %" G_GINT64_FORMAT, id), ==, event);
  timeline = rapport_store_list_interactions (fixture->store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (fixture->store,
                                         "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT
                                         " AND event_id = %" G_GINT64_FORMAT " AND kind = 'met' AND happened_at = %" G_GINT64_FORMAT,
                                         id, event, MARCH_10),
                   ==, 1);
  followups = rapport_store_list_contact_followups (fixture->store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (followups), ==, 1);

  /* An existing contact, marked as met; twice is refused. */
  g_assert_true (rapport_store_mark_met (fixture->store, event, rapport_contact_get_id (existing), FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_met_on (existing), ==, "2026-03-10");
  g_assert_false (rapport_store_mark_met (fixture->store, event, rapport_contact_get_id (existing), TRUE, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* A blank name changes nothing. */
  g_assert_cmpint (rapport_store_capture_person (fixture->store, event, " ", NULL, NULL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_capture_person (fixture->store, 777, "Zed", NULL, NULL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 2);

  people = rapport_store_list_event_people (fixture->store, event, &error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  {
    g_autoptr(RapportEventPerson) first = g_list_model_get_item (people, 0);

    g_assert_cmpstr (rapport_event_person_get_name (first), ==, "Ann Lee");
    g_assert_true (rapport_event_person_get_meaningful (first));
    g_assert_cmpstr (rapport_event_person_get_note (first), ==, "Wants a bookkeeper");
  }
  loaded = rapport_store_get_event (fixture->store, event, &error);
  g_assert_cmpint (rapport_event_get_n_people (loaded), ==, 2);
  g_assert_cmpint (rapport_event_get_n_meaningful (loaded), ==, 1);
  g_clear_object (&loaded);

  /* Meaningful after all; then unmarked, and the "met" entry goes too. */
  g_assert_true (rapport_store_set_meaningful (fixture->store, event, rapport_contact_get_id (existing), TRUE, &error));
  loaded = rapport_store_get_event (fixture->store, event, &error);
  g_assert_cmpint (rapport_event_get_n_meaningful (loaded), ==, 2);
  g_clear_object (&loaded);
  g_assert_true (rapport_store_unmark_met (fixture->store, event, rapport_contact_get_id (existing), &error));
  g_assert_no_error (error);
  loaded = rapport_store_get_event (fixture->store, event, &error);
  g_assert_cmpint (rapport_event_get_n_people (loaded), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (fixture->store,
                                         "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT " AND deleted = 0",
                                         rapport_contact_get_id (existing)),
                   ==, 0);
  g_assert_false (rapport_store_unmark_met (fixture->store, event, rapport_contact_get_id (existing), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
}

/* A group with events is archived, never deleted; its events keep it. */
static void
test_group_archive_not_orphan (RapportTestStore *fixture,
                               gconstpointer data)
{
  gint64 group = add_group (fixture->store, "Rotary", 20000, NULL);
  gint64 empty = add_group (fixture->store, "Never went", 0, NULL);
  gint64 event = add_event (fixture->store, "Rotary lunch", group, MARCH_10, 60, 0, 0);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_store_delete_group (fixture->store, group, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Archive the group instead"));
  g_clear_error (&error);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT deleted FROM groups WHERE id = %" G_GINT64_FORMAT, group), ==, 0);

  g_assert_true (rapport_store_set_group_archived (fixture->store, group, TRUE, &error));
  g_assert_true (rapport_store_query_group_ids (fixture->store, FALSE, ids, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, empty);
  loaded = rapport_store_get_event (fixture->store, event, &error);
  g_assert_cmpstr (rapport_event_get_group_name (loaded), ==, "Rotary");

  g_assert_true (rapport_store_delete_group (fixture->store, empty, &error));
  g_assert_no_error (error);
  g_assert_null (rapport_store_get_group (fixture->store, empty, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bad group input. */
  {
    g_autoptr(RapportGroup) bad = rapport_group_new ("  ");

    g_assert_cmpint (rapport_store_save_group (fixture->store, bad, &error), ==, 0);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_clear_error (&error);
    rapport_group_set_name (bad, "Fine");
    rapport_group_set_dues_cents (bad, -100);
    g_assert_cmpint (rapport_store_save_group (fixture->store, bad, &error), ==, 0);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "negative"));
  }
}

static void
test_event_queries (RapportTestStore *fixture,
                    gconstpointer data)
{
  gint64 group = add_group (fixture->store, "Women in Business", 0, NULL);
  gint64 past1 = add_event (fixture->store, "Coffee talk", 0, MARCH_10 - 2 * DAY, 60, 0, 0);
  gint64 past2 = add_event (fixture->store, "Ribbon cutting at the bakery", group, MARCH_10 - DAY, 60, 0, 0);
  /* Under way at MARCH_10 + 30 min: still upcoming, not yet to score. */
  gint64 now_on = add_event (fixture->store, "Happy hour", 0, MARCH_10, 120, 0, 0);
  gint64 soon = add_event (fixture->store, "Trade show", group, MARCH_10 + DAY, 480, 0, 0);
  gint64 now = MARCH_10 + 30 * 60;
  struct
  {
    RapportEventWhen when;
    const char *search;
    gint64 group;
    gint64 expected[4];
  } cases[] = {
    { RAPPORT_EVENTS_UPCOMING, NULL, 0, { now_on, soon } },
    { RAPPORT_EVENTS_PAST, NULL, 0, { past2, past1 } },
    { RAPPORT_EVENTS_UNSCORED, NULL, 0, { past2, past1 } },
    { RAPPORT_EVENTS_ALL, NULL, 0, { soon, now_on, past2, past1 } },
    { RAPPORT_EVENTS_ALL, "bak", 0, { past2 } },
    { RAPPORT_EVENTS_ALL, "women", 0, { soon, past2 } },
    { RAPPORT_EVENTS_ALL, "\"*(", 0, { 0 } },
    { RAPPORT_EVENTS_PAST, NULL, group, { past2 } },
  };

  score (fixture->store, past1, 3, 3, 3, 3, -1);
  cases[2].expected[1] = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GError) error = NULL;
      RapportEventQuery query = { cases[i].when, now, cases[i].search, cases[i].group };
      guint n = 0;

      rapport_store_query_event_ids (fixture->store, &query, ids, &error);
      g_assert_no_error (error);
      while (n < G_N_ELEMENTS (cases[i].expected) && cases[i].expected[n] != 0)
        n++;
      g_assert_cmpuint (ids->len, ==, n);
      for (guint k = 0; k < n; k++)
        g_assert_cmpint (g_array_index (ids, gint64, k), ==, cases[i].expected[k]);
    }
  g_assert_cmpuint (rapport_store_count_unscored (fixture->store, now), ==, 1);
}

/* Deleting an event keeps the people met there, unlinked. */
static void
test_delete_event (RapportTestStore *fixture,
                   gconstpointer data)
{
  gint64 event = add_event (fixture->store, "Workshop", 0, MARCH_10, 60, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 ann = rapport_store_capture_person (fixture->store, event, "Ann", NULL, NULL, TRUE, NULL, &error);

  g_assert_true (rapport_store_delete_event (fixture->store, event, &error));
  g_assert_no_error (error);
  g_assert_null (rapport_store_get_event (fixture->store, event, &error));
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_contacts (fixture->store, FALSE), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contacts WHERE met_at IS NOT NULL"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM interactions WHERE contact_id = %" G_GINT64_FORMAT " AND deleted = 0", ann), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM event_people WHERE deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM outbox WHERE entity = 'event' AND op = 'delete'"), ==, 1);
}

typedef struct
{
  guint calls;
  guint first;
  guint last; /* one past the last position replaced */
} Replaced;

static void
on_items_changed (GListModel *list,
                  guint position,
                  guint removed,
                  guint added,
                  Replaced *replaced)
{
  replaced->calls++;
  replaced->first = MIN (replaced->first, position);
  replaced->last = MAX (replaced->last, position + added);
}

/* Event rows show their group's name: renaming the group replaces every
 * event in the list, and editing one event replaces that one only. */
static void
test_event_list_follows_changes (RapportTestStore *fixture,
                                 gconstpointer data)
{
  gint64 group = add_group (fixture->store, "Old name", 0, NULL);
  gint64 first = add_event (fixture->store, "First", group, MARCH_10, 60, 0, 0);
  gint64 second = add_event (fixture->store, "Second", group, MARCH_10 + DAY, 60, 0, 0);
  g_autoptr(RapportEventList) list = rapport_event_list_new (fixture->store, RAPPORT_EVENTS_ALL);
  g_autoptr(RapportGroup) renamed = rapport_store_get_group (fixture->store, group, NULL);
  g_autoptr(RapportEvent) edited = rapport_store_get_event (fixture->store, first, NULL);
  Replaced replaced = { 0, G_MAXUINT, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (rapport_id_list_get_id (RAPPORT_ID_LIST (list), 0), ==, second);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &replaced);

  rapport_group_set_name (renamed, "New name");
  g_assert_cmpint (rapport_store_save_group (fixture->store, renamed, NULL), ==, group);
  g_assert_cmpuint (replaced.calls, >, 0);
  g_assert_cmpuint (replaced.first, ==, 0);
  g_assert_cmpuint (replaced.last, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RapportEvent) event = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (rapport_event_get_group_name (event), ==, "New name");
    }

  replaced = (Replaced){ 0, G_MAXUINT, 0 };
  rapport_event_set_notes (edited, "Bring cards");
  g_assert_cmpint (rapport_store_save_event (fixture->store, edited, NULL), ==, first);
  g_assert_cmpuint (replaced.first, <=, 1);
  g_assert_cmpuint (replaced.last, ==, 2);
}

/* Deleting someone for good takes them off the events they were met at,
 * so that no figure counts a person who is gone. */
static void
test_delete_contact_met_at_event (RapportTestStore *fixture,
                                  gconstpointer data)
{
  gint64 group = add_group (fixture->store, "Chamber", 0, NULL);
  gint64 event = add_event (fixture->store, "Mixer", group, MARCH_10, 60, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 ann = rapport_store_capture_person (fixture->store, event, "Ann", NULL, NULL, TRUE, NULL, &error);
  gint64 bob = rapport_store_capture_person (fixture->store, event, "Bob", NULL, NULL, FALSE, NULL, &error);
  g_autoptr(RapportEvent) loaded = NULL;
  RapportGroupStats stats;

  g_assert_true (rapport_store_archive_contact (fixture->store, ann, &error));
  g_assert_true (rapport_store_delete_contact (fixture->store, ann, &error));
  g_assert_no_error (error);

  loaded = rapport_store_get_event (fixture->store, event, &error);
  g_assert_cmpint (rapport_event_get_n_people (loaded), ==, 1);
  g_assert_cmpint (rapport_event_get_n_meaningful (loaded), ==, 0);
  g_assert_true (rapport_store_get_group_stats (fixture->store, group, MARCH_10 + DAY, &stats, &error));
  g_assert_cmpuint (stats.n_people, ==, 1);
  g_assert_cmpuint (stats.n_meaningful, ==, 0);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contacts WHERE met_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (fixture->store,
                                         "SELECT count(*) FROM outbox WHERE entity = 'event_person' AND op = 'delete'"),
                   ==, 1);
  g_assert_cmpint (bob, >, 0);
}

static void
test_profile (RapportTestStore *fixture,
              gconstpointer data)
{
  g_autoptr(RapportProfile) fresh = rapport_store_get_profile (fixture->store);
  g_autoptr(RapportProfile) loaded = NULL;
  g_autoptr(GError) error = NULL;
  RapportProfile bad;
  const char *const audience[] = { "home buyers", "realtors", NULL };

  g_assert_cmpint (fresh->goal_min, ==, 5);
  g_assert_cmpint (fresh->goal_max, ==, 8);
  g_assert_cmpuint (g_strv_length (fresh->audience), ==, 0);

  g_free (fresh->services);
  fresh->services = g_strdup ("Mortgages");
  g_strfreev (fresh->audience);
  fresh->audience = g_strdupv ((char **) audience);
  fresh->goal_min = 3;
  fresh->goal_max = 6;
  fresh->hours_per_month = 12;
  g_assert_true (rapport_store_save_profile (fixture->store, fresh, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_save_profile (fixture->store, fresh, &error));

  loaded = rapport_store_get_profile (fixture->store);
  g_assert_cmpstr (loaded->services, ==, "Mortgages");
  g_assert_true (g_strv_equal ((const char *const *) loaded->audience, audience));
  g_assert_cmpint (loaded->goal_min, ==, 3);
  g_assert_cmpint (loaded->hours_per_month, ==, 12);

  bad = *loaded;
  bad.goal_min = 9;
  bad.goal_max = 4;
  g_assert_false (rapport_store_save_profile (fixture->store, &bad, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  bad.goal_min = 0;
  g_assert_false (rapport_store_save_profile (fixture->store, &bad, &error));
  g_clear_error (&error);
  bad.goal_min = 2;
  bad.goal_max = 4;
  bad.hours_per_month = -1;
  g_assert_false (rapport_store_save_profile (fixture->store, &bad, &error));
  g_clear_error (&error);
  g_clear_pointer (&loaded, rapport_profile_free);
  loaded = rapport_store_get_profile (fixture->store);
  g_assert_cmpint (loaded->goal_max, ==, 6);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/rapport/events/" path, RapportTestStore, NULL, rapport_test_store_setup, func, rapport_test_store_teardown)

  ADD ("quality-formula", test_quality_formula);
  ADD ("scorecard-bad-input", test_scorecard_bad_input);
  ADD ("event-bad-input", test_event_bad_input);
  ADD ("group-stats", test_group_stats);
  ADD ("capture", test_capture);
  ADD ("group-archive-not-orphan", test_group_archive_not_orphan);
  ADD ("queries", test_event_queries);
  ADD ("delete-event", test_delete_event);
  ADD ("profile", test_profile);
  ADD ("delete-contact-met-at-event", test_delete_contact_met_at_event);
  ADD ("event-list-follows-changes", test_event_list_follows_changes);
  g_test_add_func ("/rapport/events/verdict-suggestion", test_verdict_suggestion);
  g_test_add_func ("/rapport/events/audience-overlap", test_audience_overlap);

  return g_test_run ();
}
