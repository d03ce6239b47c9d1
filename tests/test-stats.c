/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-stats.c: the figures of Insights on a small network whose answers
 * are worked out by hand below, in UTC (the tests' time zone).
 *
 * March 2026 is the period. The Chamber (dues 300) holds a mixer on the
 * 10th (scored 75, Ann met meaningfully, Bob met) and an unscored lunch on
 * the 20th; the Rotary a lunch on the 20th (scored 25, Cy met
 * meaningfully). Dee was met on the 15th elsewhere. A scored event on
 * 15 February and one at the very end of the period (1 April, 00:00)
 * fall outside it. Ann is called the day she is met, Dee the next day,
 * Bob emailed two days later, Cy never. I refer Bob to Ann (12 March,
 * contacted), Ann refers Cy to me (14 March, won 1,000.00 on 30 March),
 * and Bob referred Dee to Ann in February (won 500.00 on 5 March).
 */
#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include "rapport-error.h"
#include "rapport-insights.h"
#include "rapport-stats.h"
#include "rapport-test-util.h"
#include "rapport-text.h"

#define FEB_15_18H G_GINT64_CONSTANT (1771178400)
#define MARCH_1 G_GINT64_CONSTANT (1772323200)
#define MARCH_10_18H G_GINT64_CONSTANT (1773165600)
#define MARCH_20_12H G_GINT64_CONSTANT (1774008000)
#define APRIL_1 G_GINT64_CONSTANT (1775001600)
#define HOUR 3600
#define DAY (24 * HOUR)

typedef struct
{
  RapportTestStore base;
  RapportStats *stats;
  gint64 chamber, rotary;
  gint64 ann, bob, cy, dee;
} Fixture;

static gint64
add_group (RapportStore *store,
           const char *name,
           gint64 dues)
{
  g_autoptr(RapportGroup) group = rapport_group_new (name);

  rapport_group_set_dues_cents (group, dues);
  return rapport_store_save_group (store, group, NULL);
}

static gint64
add_event (RapportStore *store,
           gint64 group,
           RapportEventKind kind,
           gint64 starts_at,
           int duration,
           int travel,
           gint64 cost,
           int score)
{
  g_autoptr(RapportEvent) event = rapport_event_new ("Event", starts_at);
  const int answers[] = { score, score, score, score };
  gint64 id;

  rapport_event_set_group_id (event, group);
  rapport_event_set_kind (event, kind);
  rapport_event_set_duration_min (event, duration);
  rapport_event_set_travel_min (event, travel);
  rapport_event_set_cost_cents (event, cost);
  id = rapport_store_save_event (store, event, NULL);
  g_assert_cmpint (id, >, 0);
  if (score > 0)
    g_assert_true (rapport_store_set_scorecard (store, id, answers, -1, NULL));
  return id;
}

static void
set_created (RapportStore *store,
             gint64 contact,
             gint64 when)
{
  g_assert_cmpint (rapport_test_sql_int (store,
                                         "UPDATE contacts SET created_at = %" G_GINT64_FORMAT
                                         " WHERE id = %" G_GINT64_FORMAT " RETURNING id",
                                         when, contact),
                   ==, contact);
}

static void
setup (Fixture *fixture,
       gconstpointer data)
{
  RapportStore *store;
  g_autoptr(GError) error = NULL;
  gint64 e1, e2;
  gint64 r1, r2, r3;

  rapport_test_store_setup (&fixture->base, data);
  store = fixture->base.store;
  fixture->chamber = add_group (store, "Chamber", 30000);
  fixture->rotary = add_group (store, "Rotary", 0);

  /* 2 (75: all fours) and 25 (all twos), and out of the period 100 and 0. */
  add_event (store, fixture->chamber, RAPPORT_EVENT_MIXER, FEB_15_18H, 60, 0, 0, 5);
  e1 = add_event (store, fixture->chamber, RAPPORT_EVENT_MIXER, MARCH_10_18H, 120, 30, 2000, 4);
  e2 = add_event (store, fixture->rotary, RAPPORT_EVENT_LUNCH, MARCH_20_12H, 60, 20, 1500, 2);
  add_event (store, fixture->chamber, RAPPORT_EVENT_LUNCH, MARCH_20_12H, 60, 0, 0, 0);
  add_event (store, fixture->chamber, RAPPORT_EVENT_MIXER, APRIL_1, 60, 0, 0, 1);

  fixture->ann = rapport_store_capture_person (store, e1, "Ann", NULL, NULL, TRUE, NULL, &error);
  fixture->bob = rapport_store_capture_person (store, e1, "Bob", NULL, NULL, FALSE, NULL, &error);
  fixture->cy = rapport_store_capture_person (store, e2, "Cy", NULL, NULL, TRUE, NULL, &error);
  {
    g_autoptr(RapportContact) dee = rapport_contact_new ("Dee");

    rapport_contact_set_met_on (dee, "2026-03-15");
    rapport_contact_set_cadence_days (dee, 30);
    g_assert_true (rapport_store_create_contact (store, dee, NULL, &error));
    fixture->dee = rapport_contact_get_id (dee);
  }
  {
    g_autoptr(RapportContact) eve = rapport_test_add_contact (store, "Eve");

    set_created (store, rapport_contact_get_id (eve), FEB_15_18H);
  }
  g_assert_no_error (error);
  set_created (store, fixture->ann, MARCH_10_18H);
  set_created (store, fixture->bob, MARCH_10_18H);
  set_created (store, fixture->cy, MARCH_20_12H);
  set_created (store, fixture->dee, MARCH_1 + 14 * DAY);

  rapport_store_log_interaction (store, fixture->ann, RAPPORT_INTERACTION_CALL, MARCH_10_18H + 2 * HOUR, NULL, &error);
  rapport_store_log_interaction (store, fixture->bob, RAPPORT_INTERACTION_EMAIL, MARCH_10_18H + 2 * DAY, NULL, &error);
  rapport_store_log_interaction (store, fixture->dee, RAPPORT_INTERACTION_CALL, MARCH_1 + 15 * DAY + 10 * HOUR, NULL,
                                 &error);
  g_assert_no_error (error);

  r1 = rapport_store_give_referral (store, 0, fixture->ann, fixture->bob, 0, "2026-03-12", NULL, &error);
  r2 = rapport_store_give_referral (store, fixture->ann, 0, fixture->cy, 0, "2026-03-14", NULL, &error);
  r3 = rapport_store_give_referral (store, fixture->bob, fixture->ann, fixture->dee, 0, "2026-02-20", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_advance_referral (store, r1, RAPPORT_REFERRAL_CONTACTED, -1, "2026-03-13", NULL, &error));
  g_assert_true (rapport_store_advance_referral (store, r2, RAPPORT_REFERRAL_WON, 100000, "2026-03-30", NULL, &error));
  g_assert_true (rapport_store_advance_referral (store, r3, RAPPORT_REFERRAL_WON, 50000, "2026-03-05", NULL, &error));
  g_assert_no_error (error);

  fixture->stats = rapport_stats_open (fixture->base.path, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture *fixture,
          gconstpointer data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->stats));
  rapport_test_store_teardown (&fixture->base, data);
}

static void
test_summary (Fixture *fixture,
              gconstpointer data)
{
  RapportSummary summary;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_stats_summary (fixture->stats, MARCH_1, APRIL_1, 1, &summary, &error));
  g_assert_no_error (error);
  /* (75 + 25) / 2; the unscored lunch and the events outside do not count. */
  g_assert_cmpfloat_with_epsilon (summary.quality, 50, 1e-9);
  g_assert_cmpuint (summary.n_scored, ==, 2);
  /* 120 + 30, 60 + 20, and the unscored lunch's 60. */
  g_assert_cmpint (summary.minutes, ==, 290);
  /* Ann and Dee of the four met in March, within a day. */
  g_assert_cmpuint (summary.n_met, ==, 4);
  g_assert_cmpfloat_with_epsilon (summary.followup_rate, 0.5, 1e-9);
  g_assert_cmpuint (summary.referrals_given, ==, 1);
  g_assert_cmpuint (summary.referrals_received, ==, 1);
  /* Won in March, whenever given. */
  g_assert_cmpint (summary.closed_cents, ==, 150000);

  /* The same day only: Ann alone. */
  g_assert_true (rapport_stats_summary (fixture->stats, MARCH_1, APRIL_1, 0, &summary, &error));
  g_assert_cmpfloat_with_epsilon (summary.followup_rate, 0.25, 1e-9);

  /* An empty period says so. */
  g_assert_true (rapport_stats_summary (fixture->stats, MARCH_1 - 60 * DAY, MARCH_1 - 40 * DAY, 1, &summary, &error));
  g_assert_cmpfloat (summary.quality, ==, -1);
  g_assert_cmpfloat (summary.followup_rate, ==, -1);
  g_assert_cmpint (summary.minutes, ==, 0);
  g_assert_cmpint (summary.closed_cents, ==, 0);
}

static void
test_quality (Fixture *fixture,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = rapport_stats_quality_points (fixture->stats, MARCH_1, APRIL_1, &error);
  g_autoptr(GArray) groups = rapport_stats_quality_by_group (fixture->stats, MARCH_1, APRIL_1, &error);
  g_autoptr(GArray) kinds = rapport_stats_quality_by_kind (fixture->stats, MARCH_1, APRIL_1, &error);
  RapportQualityPoint *p;
  RapportQualityBar *b;

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);
  p = &g_array_index (points, RapportQualityPoint, 0);
  g_assert_cmpint (p->starts_at, ==, MARCH_10_18H);
  g_assert_cmpint (p->quality, ==, 75);
  g_assert_cmpint (p->group_id, ==, fixture->chamber);
  p = &g_array_index (points, RapportQualityPoint, 1);
  g_assert_cmpint (p->group_id, ==, fixture->rotary);
  g_assert_cmpint (p->quality, ==, 25);

  g_assert_cmpuint (groups->len, ==, 2);
  b = &g_array_index (groups, RapportQualityBar, 0);
  g_assert_cmpstr (b->label, ==, "Chamber");
  g_assert_cmpfloat_with_epsilon (b->quality, 75, 1e-9);
  g_assert_cmpuint (b->n, ==, 1);
  b = &g_array_index (groups, RapportQualityBar, 1);
  g_assert_cmpstr (b->label, ==, "Rotary");

  g_assert_cmpuint (kinds->len, ==, 2);
  g_assert_cmpstr (g_array_index (kinds, RapportQualityBar, 0).label, ==, "mixer");
  g_assert_cmpstr (g_array_index (kinds, RapportQualityBar, 1).label, ==, "lunch");
}

static void
test_activity_and_followups (Fixture *fixture,
                             gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) activity = rapport_stats_activity (fixture->stats, MARCH_1, APRIL_1, &error);
  g_autoptr(GArray) speed = rapport_stats_followup_speed (fixture->stats, MARCH_1, APRIL_1, 1, &error);
  g_autoptr(GArray) wide = rapport_stats_followup_speed (fixture->stats, MARCH_1 - 30 * DAY, APRIL_1, 1, &error);
  RapportActivityMonth *a;
  RapportFollowupMonth *f;

  g_assert_no_error (error);
  g_assert_cmpuint (activity->len, ==, 1);
  a = &g_array_index (activity, RapportActivityMonth, 0);
  g_assert_cmpstr (a->month, ==, "2026-03");
  g_assert_cmpuint (a->events, ==, 3);
  /* Ann and Cy, over three events. */
  g_assert_cmpfloat_with_epsilon (a->meaningful_per_event, 2.0 / 3, 1e-9);
  g_assert_cmpuint (a->met, ==, 3);
  /* Ann was called, Bob emailed; Cy only became a prospect. */
  g_assert_cmpuint (a->more_than_card, ==, 2);

  g_assert_cmpuint (speed->len, ==, 1);
  f = &g_array_index (speed, RapportFollowupMonth, 0);
  g_assert_cmpstr (f->month, ==, "2026-03");
  g_assert_cmpuint (f->met, ==, 4);
  g_assert_cmpuint (f->same_day, ==, 1);
  g_assert_cmpuint (f->next_day, ==, 1);
  g_assert_cmpuint (f->later, ==, 1);
  g_assert_cmpuint (f->never, ==, 1);
  /* Eve, added in February without a "met on" day, was never followed up;
   * January met nobody, so only the months with people appear. */
  g_assert_cmpuint (wide->len, ==, 2);
  f = &g_array_index (wide, RapportFollowupMonth, 0);
  g_assert_cmpstr (f->month, ==, "2026-02");
  g_assert_cmpuint (f->met, ==, 1);
  g_assert_cmpuint (f->never, ==, 1);
  g_assert_cmpstr (g_array_index (wide, RapportFollowupMonth, 1).month, ==, "2026-03");
}

static void
test_referrals (Fixture *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) partners = rapport_stats_partners (fixture->stats, MARCH_1, APRIL_1, &error);
  g_autoptr(GArray) closed = rapport_stats_closed_by_month (fixture->stats, MARCH_1 - 60 * DAY, APRIL_1 + 60 * DAY, &error);
  RapportPartner *you, *ann;

  g_assert_no_error (error);
  /* Given in March: mine to Ann, and Ann's to me. */
  g_assert_cmpuint (partners->len, ==, 2);
  you = &g_array_index (partners, RapportPartner, 0);
  ann = &g_array_index (partners, RapportPartner, 1);
  g_assert_cmpint (you->contact_id, ==, 0);
  g_assert_cmpuint (you->given, ==, 1);
  g_assert_cmpuint (you->received, ==, 1);
  g_assert_cmpint (you->won_cents, ==, 0);
  g_assert_cmpstr (ann->name, ==, "Ann");
  g_assert_cmpuint (ann->given, ==, 1);
  g_assert_cmpint (ann->won_cents, ==, 100000);

  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpstr (g_array_index (closed, RapportMoneyMonth, 0).month, ==, "2026-03");
  g_assert_cmpint (g_array_index (closed, RapportMoneyMonth, 0).cents, ==, 150000);
  g_assert_cmpuint (g_array_index (closed, RapportMoneyMonth, 0).count, ==, 2);
}

static void
test_group_returns (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) groups = rapport_stats_group_returns (fixture->stats, MARCH_1, APRIL_1, &error);
  RapportGroupReturn *chamber, *rotary;

  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  chamber = &g_array_index (groups, RapportGroupReturn, 0);
  rotary = &g_array_index (groups, RapportGroupReturn, 1);
  g_assert_cmpstr (chamber->name, ==, "Chamber");
  g_assert_cmpuint (chamber->events, ==, 2);
  g_assert_cmpint (chamber->minutes, ==, 150 + 60);
  /* The mixer's 20.00 and a year of dues. */
  g_assert_cmpint (chamber->cents, ==, 2000 + 30000);
  g_assert_cmpuint (chamber->meaningful, ==, 1);
  /* Mine to Ann about Bob (both met there), and Ann's about Cy. */
  g_assert_cmpuint (chamber->referrals, ==, 2);
  g_assert_cmpint (chamber->closed_cents, ==, 100000);
  g_assert_cmpstr (rotary->name, ==, "Rotary");
  g_assert_cmpuint (rotary->events, ==, 1);
  g_assert_cmpint (rotary->minutes, ==, 80);
  g_assert_cmpint (rotary->cents, ==, 1500);
  /* Cy, the prospect of Ann's referral, was met there. */
  g_assert_cmpuint (rotary->referrals, ==, 1);
  g_assert_cmpint (rotary->closed_cents, ==, 100000);
}

static void
test_growth_and_neglect (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) growth = rapport_stats_growth (fixture->stats, MARCH_1 - 30 * DAY, APRIL_1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (growth->len, ==, 2);
  g_assert_cmpstr (g_array_index (growth, RapportGrowthMonth, 0).month, ==, "2026-02");
  g_assert_cmpuint (g_array_index (growth, RapportGrowthMonth, 0).added, ==, 1);
  g_assert_cmpstr (g_array_index (growth, RapportGrowthMonth, 1).month, ==, "2026-03");
  g_assert_cmpuint (g_array_index (growth, RapportGrowthMonth, 1).added, ==, 4);

  /* Dee, called on 16 March with a 30-day cadence, is due on 15 April. */
  g_assert_cmpuint (rapport_stats_neglected (fixture->stats, APRIL_1, &error), ==, 0);
  g_assert_cmpuint (rapport_stats_neglected (fixture->stats, APRIL_1 + 30 * DAY, &error), ==, 1);
  g_assert_no_error (error);
}

static void
test_lists (Fixture *fixture,
            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = rapport_stats_list (fixture->stats, RAPPORT_STATS_EVENTS, MARCH_1, APRIL_1, &error);
  g_autoptr(GArray) met = rapport_stats_list (fixture->stats, RAPPORT_STATS_MET, MARCH_1, APRIL_1, &error);
  g_autoptr(GArray) added = rapport_stats_list (fixture->stats, RAPPORT_STATS_ADDED, MARCH_1 - 30 * DAY, MARCH_1, &error);
  g_autoptr(GArray) won = rapport_stats_list (fixture->stats, RAPPORT_STATS_WON, MARCH_1, APRIL_1, &error);
  RapportStatsItem *item;

  g_assert_no_error (error);
  /* The mixer, then the two lunches; the unscored one has no quality. */
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (g_array_index (events, RapportStatsItem, 0).day, ==, "2026-03-10");
  g_assert_cmpint (g_array_index (events, RapportStatsItem, 0).value, ==, 75);
  g_assert_cmpint (g_array_index (events, RapportStatsItem, 1).value + g_array_index (events, RapportStatsItem, 2).value,
                   ==, 25 - 1);

  /* Ann, Bob (10th), Dee (15th), Cy (20th), with their days to follow-up. */
  g_assert_cmpuint (met->len, ==, 4);
  item = &g_array_index (met, RapportStatsItem, 0);
  g_assert_cmpint (item->id, ==, fixture->ann);
  g_assert_cmpint (item->value, ==, 0);
  item = &g_array_index (met, RapportStatsItem, 1);
  g_assert_cmpint (item->id, ==, fixture->bob);
  g_assert_cmpint (item->value, ==, 2);
  item = &g_array_index (met, RapportStatsItem, 2);
  g_assert_cmpint (item->id, ==, fixture->dee);
  g_assert_cmpstr (item->day, ==, "2026-03-15");
  g_assert_cmpint (item->value, ==, 1);
  item = &g_array_index (met, RapportStatsItem, 3);
  g_assert_cmpstr (item->title, ==, "Cy");
  g_assert_cmpint (item->value, ==, -1);

  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpstr (g_array_index (added, RapportStatsItem, 0).title, ==, "Eve");

  /* Dee's (5 March) and Cy's (30 March), by prospect. */
  g_assert_cmpuint (won->len, ==, 2);
  g_assert_cmpint (g_array_index (won, RapportStatsItem, 0).id, ==, fixture->dee);
  g_assert_cmpint (g_array_index (won, RapportStatsItem, 0).value, ==, 50000);
  g_assert_cmpint (g_array_index (won, RapportStatsItem, 1).id, ==, fixture->cy);
  g_assert_cmpstr (g_array_index (won, RapportStatsItem, 1).day, ==, "2026-03-30");
}

/* The people most active in referrals come first, whatever their names:
 * Bob passes Ann three more in March, so Ann (one given, four received)
 * leads Bob (three given), then the user (one each way). */
static void
test_partners_order (Fixture *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) partners = NULL;

  g_assert_cmpint (rapport_store_give_referral (store, fixture->bob, fixture->ann, fixture->cy, 0, "2026-03-20", NULL,
                                                &error),
                   >, 0);
  g_assert_cmpint (rapport_store_give_referral (store, fixture->bob, fixture->ann, fixture->dee, 0, "2026-03-21", NULL,
                                                &error),
                   >, 0);
  g_assert_cmpint (rapport_store_give_referral (store, fixture->bob, fixture->ann, fixture->cy, 0, "2026-03-22", NULL,
                                                &error),
                   >, 0);
  g_assert_no_error (error);
  partners = rapport_stats_partners (fixture->stats, MARCH_1, APRIL_1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (partners->len, ==, 3);
  g_assert_cmpint (g_array_index (partners, RapportPartner, 0).contact_id, ==, fixture->ann);
  g_assert_cmpuint (g_array_index (partners, RapportPartner, 0).received, ==, 4);
  g_assert_cmpint (g_array_index (partners, RapportPartner, 1).contact_id, ==, fixture->bob);
  g_assert_cmpint (g_array_index (partners, RapportPartner, 2).contact_id, ==, 0);
}

/* Someone met today and not followed up yet is waiting, not forgotten:
 * neither "never" nor counted against the follow-up rate. Met three
 * days ago, they are. */
static void
test_waiting (Fixture *fixture,
              gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = rapport_date_today ();
  g_autofree char *earlier = rapport_date_add_days (today, -3);
  g_autoptr(RapportContact) fay = rapport_contact_new ("Fay");
  g_autoptr(RapportContact) gus = rapport_contact_new ("Gus");
  g_autoptr(GArray) speed = NULL;
  RapportFollowupMonth total = { { 0 } };
  RapportSummary summary;
  RapportPeriod period;

  rapport_contact_set_met_on (fay, today);
  rapport_contact_set_met_on (gus, earlier);
  g_assert_true (rapport_store_create_contact (store, fay, NULL, &error));
  g_assert_true (rapport_store_create_contact (store, gus, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_period_for_days (&period, rapport_time_now (), earlier, today));
  speed = rapport_stats_followup_speed (fixture->stats, period.from, period.until, 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < speed->len; i++)
    {
      total.met += g_array_index (speed, RapportFollowupMonth, i).met;
      total.never += g_array_index (speed, RapportFollowupMonth, i).never;
      total.waiting += g_array_index (speed, RapportFollowupMonth, i).waiting;
    }
  g_assert_cmpuint (total.met, ==, 2);
  g_assert_cmpuint (total.waiting, ==, 1);
  g_assert_cmpuint (total.never, ==, 1);

  g_assert_true (rapport_stats_summary (fixture->stats, period.from, period.until, 1, &summary, &error));
  g_assert_cmpuint (summary.n_met, ==, 1);
  g_assert_cmpfloat (summary.followup_rate, ==, 0);
}

/* Periods end tonight and reach back whole calendar months, across month
 * ends; the one before is as long. */
static void
test_periods (void)
{
  RapportPeriod period;
  const gint64 may_31_15h = G_GINT64_CONSTANT (1780239600); /* 2026-05-31 15:00 UTC */

  rapport_period_for_months (&period, may_31_15h, 3);
  g_assert_cmpint (period.until, ==, G_GINT64_CONSTANT (1780272000)); /* 1 June */
  g_assert_cmpint (period.from, ==, MARCH_1);
  g_assert_cmpint (period.previous_until, ==, MARCH_1);
  g_assert_cmpint (period.previous_from, ==, G_GINT64_CONSTANT (1764547200)); /* 1 December 2025 */

  g_assert_true (rapport_period_for_days (&period, may_31_15h, "2026-03-01", "2026-03-31"));
  g_assert_cmpint (period.from, ==, MARCH_1);
  g_assert_cmpint (period.until, ==, APRIL_1);
  g_assert_cmpint (period.previous_until - period.previous_from, ==, 31 * DAY);

  /* One day is a period too. */
  g_assert_true (rapport_period_for_days (&period, may_31_15h, "2026-03-10", "2026-03-10"));
  g_assert_cmpint (period.until - period.from, ==, DAY);

  /* Days that are no period are refused, and leave it as it was. */
  g_assert_false (rapport_period_for_days (&period, may_31_15h, "2026-03-31", "2026-03-01"));
  g_assert_false (rapport_period_for_days (&period, may_31_15h, "2026-13-01", "2026-03-01"));
  g_assert_false (rapport_period_for_days (&period, may_31_15h, "", "2026-03-01"));
  g_assert_false (rapport_period_for_days (&period, may_31_15h, "0001-01-01", "0001-01-05"));
  g_assert_false (rapport_period_for_days (&period, may_31_15h, "2026-01-01", "9999-12-31"));
  g_assert_cmpint (period.until - period.from, ==, DAY);

  rapport_period_all (&period, may_31_15h);
  g_assert_cmpint (period.from, ==, 0);
  g_assert_cmpint (period.previous_until, ==, period.previous_from);
}

/* The figures the view's worker computes are those of the calls above,
 * and a cancelled computation stops with the cancellation. */
static void
test_insights (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(RapportInsights) insights = NULL;
  g_autoptr(RapportInsights) cancelled = NULL;
  RapportPeriod period;

  g_assert_true (rapport_period_for_days (&period, APRIL_1, "2026-03-01", "2026-03-31"));
  period.window_days = 1;
  insights = rapport_insights_compute (fixture->stats, &period, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (insights->summary.quality, 50, 1e-9);
  /* February: the scored mixer of the 15th, and Bob's referral. */
  g_assert_cmpfloat_with_epsilon (insights->previous.quality, 100, 1e-9);
  g_assert_cmpuint (insights->previous.referrals_given, ==, 0);
  g_assert_cmpuint (insights->quality_points->len, ==, 2);
  g_assert_cmpuint (insights->group_returns->len, ==, 2);
  g_assert_cmpuint (insights->neglected, ==, 0);

  g_cancellable_cancel (cancellable);
  cancelled = rapport_insights_compute (fixture->stats, &period, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The figures follow edits: an email undone, a "met on" day moved. */
static void
test_follows_edits (Fixture *fixture,
                    gconstpointer data)
{
  RapportStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) speed = NULL;
  g_autoptr(GArray) activity = NULL;
  g_autoptr(GArray) met = NULL;
  g_autoptr(RapportContact) dee = rapport_store_get_contact (store, fixture->dee, &error);
  gint64 email = rapport_test_sql_int (store,
                                       "SELECT id FROM interactions WHERE kind = 'email' AND contact_id = %" G_GINT64_FORMAT,
                                       fixture->bob);

  rapport_test_assert_contact_days (store);
  g_assert_true (rapport_store_delete_interaction (store, email, &error));
  rapport_contact_set_met_on (dee, "2026-02-27");
  g_assert_true (rapport_store_update_contact (store, dee, &error));
  g_assert_no_error (error);
  rapport_test_assert_contact_days (store);

  speed = rapport_stats_followup_speed (fixture->stats, MARCH_1 - 30 * DAY, APRIL_1, 1, &error);
  g_assert_no_error (error);
  /* February: Eve never, and Dee, called on 16 March, later. */
  g_assert_cmpuint (speed->len, ==, 2);
  g_assert_cmpuint (g_array_index (speed, RapportFollowupMonth, 0).met, ==, 2);
  g_assert_cmpuint (g_array_index (speed, RapportFollowupMonth, 0).later, ==, 1);
  /* March: Ann called the same day; Bob, without his email, never (the
   * referral he gave in February came before), nor Cy. */
  g_assert_cmpuint (g_array_index (speed, RapportFollowupMonth, 1).met, ==, 3);
  g_assert_cmpuint (g_array_index (speed, RapportFollowupMonth, 1).same_day, ==, 1);
  g_assert_cmpuint (g_array_index (speed, RapportFollowupMonth, 1).later, ==, 0);
  g_assert_cmpuint (g_array_index (speed, RapportFollowupMonth, 1).never, ==, 2);

  /* Of the people met at the mixer, only Ann became more than a card. */
  activity = rapport_stats_activity (fixture->stats, MARCH_1, APRIL_1, &error);
  g_assert_cmpuint (g_array_index (activity, RapportActivityMonth, 0).more_than_card, ==, 1);
  met = rapport_stats_list (fixture->stats, RAPPORT_STATS_MET, MARCH_1 - 30 * DAY, MARCH_1, &error);
  g_assert_cmpuint (met->len, ==, 2);
  g_assert_cmpint (g_array_index (met, RapportStatsItem, 1).id, ==, fixture->dee);
  g_assert_cmpint (g_array_index (met, RapportStatsItem, 1).value, ==, 17);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/rapport/stats/" path, Fixture, NULL, setup, func, teardown)

  ADD ("summary", test_summary);
  ADD ("quality", test_quality);
  ADD ("activity-and-followups", test_activity_and_followups);
  ADD ("referrals", test_referrals);
  ADD ("group-returns", test_group_returns);
  ADD ("growth-and-neglect", test_growth_and_neglect);
  ADD ("lists", test_lists);
  ADD ("insights", test_insights);
  ADD ("follows-edits", test_follows_edits);
  ADD ("waiting", test_waiting);
  ADD ("partners-order", test_partners_order);
  g_test_add_func ("/rapport/stats/periods", test_periods);

  return g_test_run ();
}
