/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-recurrence.c: huddle schedules (iCalendar recurrence rules) checked,
 * expanded into meeting times and exported. The expected dates and Unix
 * times were worked out by hand and with date(1), not by the code under
 * test; where a time zone matters it is named, since the tests run in UTC. */
#define G_LOG_DOMAIN "test-recurrence"

#include "config.h"

#include <string.h>

#include <libical/ical.h>

#include "rapport-error.h"
#include "rapport-ical.h"
#include "rapport-recurrence.h"

#define DEFAULT_RULE "FREQ=MONTHLY;BYDAY=1TU,3TU"
#define DAY (24 * 60 * 60)
#define WEEK (7 * DAY)

/* 2026-01-06 (the first Tuesday of 2026) 08:00 UTC. */
#define JAN_6_UTC G_GINT64_CONSTANT (1767686400)
/* 2026-05-01 00:00 UTC. */
#define MAY_1_UTC G_GINT64_CONSTANT (1777593600)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

static GArray *
expand (const char *rrule,
        gint64 first_start,
        GTimeZone *tz,
        gint64 from,
        gint64 until,
        guint max)
{
  g_autoptr(GError) error = NULL;
  GArray *starts = rapport_recurrence_expand (rrule, first_start, tz, from, until, max, &error);

  g_assert_no_error (error);
  g_assert_nonnull (starts);
  g_assert_cmpint (icalerrno, ==, ICAL_NO_ERROR);
  return starts;
}

static void
assert_starts (GArray *starts,
               const gint64 *expected,
               guint n_expected)
{
  for (guint i = 0; i < MIN (starts->len, n_expected); i++)
    g_assert_cmpint (g_array_index (starts, gint64, i), ==, expected[i]);
  g_assert_cmpuint (starts->len, ==, n_expected);
}

/* Expands @rrule and checks that it gives exactly the @n_expected starts
 * of @expected. */
static void
check_starts (const char *rrule,
              gint64 first_start,
              GTimeZone *tz,
              gint64 from,
              gint64 until,
              guint max,
              const gint64 *expected,
              guint n_expected)
{
  g_autoptr(GArray) starts = expand (rrule, first_start, tz, from, until, max);

  assert_starts (starts, expected, n_expected);
}

/* The same, with at most 100 starts written out as UTC times, such as
 * "2026-01-06T08:00:00Z", which read better than Unix times. @expected
 * ends with %NULL. */
static void
check_utc_times (const char *rrule,
                 gint64 first_start,
                 GTimeZone *tz,
                 gint64 from,
                 gint64 until,
                 const char *const *expected)
{
  g_autoptr(GArray) starts = expand (rrule, first_start, tz, from, until, 100);
  guint n_expected = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (starts->len, n_expected); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (g_array_index (starts, gint64, i));
      g_autofree char *text = g_date_time_format (time, "%FT%TZ");

      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpuint (starts->len, ==, n_expected);
}

/* The default schedule: first and third Tuesday at 8:00. */
static void
test_first_third_tuesday (void)
{
  const char *const expected[] = {
    "2026-01-06T08:00:00Z", "2026-01-20T08:00:00Z",
    "2026-02-03T08:00:00Z", "2026-02-17T08:00:00Z",
    "2026-03-03T08:00:00Z", "2026-03-17T08:00:00Z",
    "2026-04-07T08:00:00Z", "2026-04-21T08:00:00Z",
    NULL
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  check_utc_times (DEFAULT_RULE, JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, expected);
  /* A first meeting the rule does not give (Wednesday the 7th) is not
   * listed; the rule's own times are. */
  check_utc_times (DEFAULT_RULE, JAN_6_UTC + DAY, utc, JAN_6_UTC, MAY_1_UTC, expected + 1);
}

/* A monthly rule on a day some months lack skips those months, unless
 * it says to skip back; day -1 is the last of each month, in leap years
 * too. */
static void
test_month_ends (void)
{
  const char *const thirty_firsts[] = {
    "2026-01-31T08:00:00Z", "2026-03-31T08:00:00Z", "2026-05-31T08:00:00Z", NULL
  };
  const char *const last_days_2026[] = {
    "2026-01-31T08:00:00Z", "2026-02-28T08:00:00Z",
    "2026-03-31T08:00:00Z", "2026-04-30T08:00:00Z", NULL
  };
  const char *const last_days_2028[] = {
    "2028-01-31T08:00:00Z", "2028-02-29T08:00:00Z", "2028-03-31T08:00:00Z", NULL
  };
  /* 2026-01-31 08:00 UTC; 2026-06-01, 2028-01-01 and 2028-04-01 00:00 UTC. */
  gint64 jan_31 = G_GINT64_CONSTANT (1769846400);
  gint64 june_1 = G_GINT64_CONSTANT (1780272000);
  gint64 jan_1_2028 = G_GINT64_CONSTANT (1830297600);
  gint64 apr_1_2028 = G_GINT64_CONSTANT (1838160000);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  check_utc_times ("FREQ=MONTHLY;BYMONTHDAY=31", jan_31, utc, jan_31, june_1, thirty_firsts);
  check_utc_times ("FREQ=MONTHLY;BYMONTHDAY=-1", jan_31, utc, jan_31, MAY_1_UTC, last_days_2026);
  /* RFC 7529: a day a month lacks can move to the last day instead. */
  check_utc_times ("RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=31;SKIP=BACKWARD", jan_31, utc,
                   jan_31, MAY_1_UTC, last_days_2026);
  /* Two years of meetings are skipped to reach 2028. */
  check_utc_times ("FREQ=MONTHLY;BYMONTHDAY=-1", jan_31, utc, jan_1_2028, apr_1_2028, last_days_2028);
}

/* Expands a weekly meeting on Tuesdays at 8:00 in @zone, first held at
 * @first_start, over the span of @expected, and checks that it gives
 * exactly @expected, each at 8:00 on the clocks of @zone. */
static void
check_tuesdays_at_8 (const char *zone,
                     gint64 first_start,
                     const gint64 *expected,
                     guint n_expected)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GArray) starts = NULL;

  g_assert_nonnull (tz);
  starts = expand ("FREQ=WEEKLY;BYDAY=TU", first_start, tz, expected[0], expected[n_expected - 1] + 1, 100);
  assert_starts (starts, expected, n_expected);
  for (guint i = 0; i < starts->len; i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (g_array_index (starts, gint64, i));
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

      g_assert_cmpint (g_date_time_get_hour (local), ==, 8);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
    }
}

/* Paris changes clocks on 2026-03-29 (UTC+1 to UTC+2) and 2026-10-25
 * (back to UTC+1): a meeting at 8:00 stays at 8:00, so it is at 7:00 UTC
 * in winter and 6:00 UTC in summer. */
static void
test_dst_paris (void)
{
  const gint64 spring[] = {
    G_GINT64_CONSTANT (1773730800), /* 2026-03-17 07:00 UTC */
    G_GINT64_CONSTANT (1774335600), /* 2026-03-24 07:00 UTC */
    G_GINT64_CONSTANT (1774936800), /* 2026-03-31 06:00 UTC */
    G_GINT64_CONSTANT (1775541600), /* 2026-04-07 06:00 UTC */
  };
  const gint64 autumn[] = {
    G_GINT64_CONSTANT (1792476000), /* 2026-10-20 06:00 UTC */
    G_GINT64_CONSTANT (1793084400), /* 2026-10-27 07:00 UTC */
    G_GINT64_CONSTANT (1793689200), /* 2026-11-03 07:00 UTC */
  };

  check_tuesdays_at_8 ("Europe/Paris", spring[0], spring, G_N_ELEMENTS (spring));
  /* From the same first meeting in March, seven months on. */
  check_tuesdays_at_8 ("Europe/Paris", spring[0], autumn, G_N_ELEMENTS (autumn));
  /* Not a week apart across the changes. */
  g_assert_cmpint (spring[2] - spring[1], ==, WEEK - 60 * 60);
  g_assert_cmpint (autumn[1] - autumn[0], ==, WEEK + 60 * 60);
}

/* New York goes from UTC-5 to UTC-4 on 2026-03-08. */
static void
test_dst_new_york (void)
{
  const gint64 expected[] = {
    G_GINT64_CONSTANT (1772542800), /* 2026-03-03 13:00 UTC */
    G_GINT64_CONSTANT (1773144000), /* 2026-03-10 12:00 UTC */
    G_GINT64_CONSTANT (1773748800), /* 2026-03-17 12:00 UTC */
  };

  check_tuesdays_at_8 ("America/New_York", expected[0], expected, G_N_ELEMENTS (expected));
}

/* On 2026-03-29 Paris has no 2:00 to 2:59: both meetings of that night
 * move to 3:00, the first time after the gap, and are listed once. */
static void
test_dst_gap (void)
{
  const gint64 expected[] = {
    G_GINT64_CONSTANT (1774142100), /* 2026-03-22 02:15 Paris, 01:15 UTC */
    G_GINT64_CONSTANT (1774143900), /* 2026-03-22 02:45 Paris, 01:45 UTC */
    G_GINT64_CONSTANT (1774746000), /* 2026-03-29 03:00 Paris, 01:00 UTC */
    G_GINT64_CONSTANT (1775348100), /* 2026-04-05 02:15 Paris, 00:15 UTC */
    G_GINT64_CONSTANT (1775349900), /* 2026-04-05 02:45 Paris, 00:45 UTC */
  };
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");

  g_assert_nonnull (paris);
  check_starts ("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=15,45", expected[0], paris,
                expected[0], expected[4] + 1, 100, expected, G_N_ELEMENTS (expected));
}

/* No time zone means local time, which the tests set to UTC. */
static void
test_local_zone (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) local = expand (DEFAULT_RULE, JAN_6_UTC, NULL, JAN_6_UTC, MAY_1_UTC, 100);
  g_autoptr(GArray) in_utc = expand (DEFAULT_RULE, JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, 100);

  assert_starts (local, &g_array_index (in_utc, gint64, 0), in_utc->len);
}

/* [from, until): a meeting at @from is listed, one at @until is not; at
 * most @max are. */
static void
test_bounds (void)
{
  const char *rule = "FREQ=WEEKLY";
  const gint64 weeks_1_to_4[] = {
    JAN_6_UTC + WEEK, JAN_6_UTC + 2 * WEEK, JAN_6_UTC + 3 * WEEK, JAN_6_UTC + 4 * WEEK
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  check_starts (rule, JAN_6_UTC, utc, JAN_6_UTC + WEEK, JAN_6_UTC + 5 * WEEK, 100, weeks_1_to_4, 4);
  check_starts (rule, JAN_6_UTC, utc, JAN_6_UTC + WEEK, JAN_6_UTC + 5 * WEEK, 2, weeks_1_to_4, 2);
  /* One second later, the meeting at @from is out. */
  check_starts (rule, JAN_6_UTC, utc, JAN_6_UTC + WEEK + 1, JAN_6_UTC + 5 * WEEK, 100, weeks_1_to_4 + 1, 3);
  /* One second later, the meeting at @until is in. */
  check_starts (rule, JAN_6_UTC, utc, JAN_6_UTC + WEEK, JAN_6_UTC + 4 * WEEK + 1, 100, weeks_1_to_4, 4);
  /* Nothing before the first meeting. */
  check_starts (rule, JAN_6_UTC, utc, JAN_6_UTC - 10 * WEEK, JAN_6_UTC + 1, 100, (const gint64[]){ JAN_6_UTC }, 1);
  /* Empty ranges and no room give no meetings, not an error. */
  check_starts (rule, JAN_6_UTC, utc, JAN_6_UTC + WEEK, JAN_6_UTC + WEEK, 100, NULL, 0);
  check_starts (rule, JAN_6_UTC, utc, MAY_1_UTC, JAN_6_UTC, 100, NULL, 0);
  check_starts (rule, JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, 0, NULL, 0);
}

/* COUNT counts from the first meeting, whatever @from is; UNTIL keeps a
 * meeting at that very time, or on that day for a date. */
static void
test_count_until (void)
{
  const char *const three[] = {
    "2026-01-06T08:00:00Z", "2026-01-13T08:00:00Z", "2026-01-20T08:00:00Z", NULL
  };
  const char *const four[] = {
    "2026-01-06T08:00:00Z", "2026-01-13T08:00:00Z",
    "2026-01-20T08:00:00Z", "2026-01-27T08:00:00Z", NULL
  };
  /* Tuesdays 2026-01-06 to 2026-01-27 at 08:00 in Paris: 07:00 UTC. */
  const gint64 paris[] = {
    G_GINT64_CONSTANT (1767682800),
    G_GINT64_CONSTANT (1768287600),
    G_GINT64_CONSTANT (1768892400),
    G_GINT64_CONSTANT (1769497200),
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) paris_tz = g_time_zone_new_identifier ("Europe/Paris");

  check_utc_times ("FREQ=WEEKLY;COUNT=3", JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, three);
  check_utc_times ("FREQ=WEEKLY;COUNT=3", JAN_6_UTC, utc, JAN_6_UTC + 2 * WEEK, MAY_1_UTC, three + 2);
  check_utc_times ("FREQ=WEEKLY;UNTIL=20260127T080000Z", JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, four);
  check_utc_times ("FREQ=WEEKLY;UNTIL=20260127T075959Z", JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, three);
  /* A date: every meeting of that day. */
  check_utc_times ("FREQ=WEEKLY;UNTIL=20260127", JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, four);

  /* A UTC UNTIL is an instant, whatever the meetings' zone: the 8:00
   * Paris meeting of the 27th is at 07:00 UTC. */
  g_assert_nonnull (paris_tz);
  check_starts ("FREQ=WEEKLY;UNTIL=20260127T070000Z", paris[0], paris_tz, paris[0], MAY_1_UTC, 100, paris, 4);
  check_starts ("FREQ=WEEKLY;UNTIL=20260127T065959Z", paris[0], paris_tz, paris[0], MAY_1_UTC, 100, paris, 3);
  /* A floating UNTIL is a time on the meetings' clocks. */
  check_starts ("FREQ=WEEKLY;UNTIL=20260127T080000", paris[0], paris_tz, paris[0], MAY_1_UTC, 100, paris, 4);
  check_starts ("FREQ=WEEKLY;UNTIL=20260127T075959", paris[0], paris_tz, paris[0], MAY_1_UTC, 100, paris, 3);
}

static void
test_valid (void)
{
  const char *rules[] = {
    DEFAULT_RULE,
    "FREQ=DAILY",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15",
    "freq=weekly;byday=we",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", rules[i]);
      g_assert_true (rapport_recurrence_check (rules[i], &error));
      g_assert_no_error (error);
      g_assert_cmpint (icalerrno, ==, ICAL_NO_ERROR);
    }
}

/* Checks that @rrule is refused by every function that takes one, with a
 * message that quotes @quoted, and that libical's error state is left
 * clear. */
static void
assert_refused (const char *rrule,
                const char *quoted)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s”", quoted);

  g_assert_false (rapport_recurrence_check (rrule, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 300);
  if (*rrule == '\0')
    g_assert_nonnull (strstr (error->message, "empty"));
  else
    g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpint (icalerrno, ==, ICAL_NO_ERROR);
  g_clear_error (&error);

  starts = rapport_recurrence_expand (rrule, JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, 100, &error);
  g_assert_null (starts);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_cmpint (icalerrno, ==, ICAL_NO_ERROR);
  g_clear_error (&error);

  text = rapport_ical_export_schedule ("Huddle", NULL, "seed", rrule, JAN_6_UTC, 60, utc,
                                       JAN_6_UTC, MAY_1_UTC, &error);
  g_assert_null (text);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_cmpint (icalerrno, ==, ICAL_NO_ERROR);
}

static void
test_rejected (void)
{
  g_autoptr(GString) long_rule = g_string_new ("FREQ=WEEKLY;BYDAY=");
  g_autoptr(GString) long_word = g_string_new ("FREQ=");

  assert_refused ("", "");
  assert_refused ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY");
  assert_refused ("BYDAY=TU", "BYDAY=TU");
  assert_refused ("FREQ=HOURLY", "FREQ=HOURLY");
  assert_refused ("FREQ=MINUTELY;INTERVAL=30", "FREQ=MINUTELY;INTERVAL=30");
  assert_refused ("FREQ=SECONDLY", "FREQ=SECONDLY");
  assert_refused ("garbage;;;", "garbage;;;");
  assert_refused ("FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=0");
  assert_refused ("FREQ=WEEKLY;COUNT=3;UNTIL=20260401", "FREQ=WEEKLY;COUNT=3;UNTIL=20260401");
  assert_refused ("RRULE:FREQ=WEEKLY", "RRULE:FREQ=WEEKLY");
  /* February 30th never comes. */
  assert_refused ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30");
  /* Quoted on one line, in valid UTF-8. */
  assert_refused ("FREQ=WEEKLY\n;BYDAY=\xff\xfe", "FREQ=WEEKLY ;BYDAY=\xef\xbf\xbd\xef\xbf\xbd");

  /* 100 KB, quoted by its first 39 characters. */
  while (long_rule->len < 100 * 1024)
    g_string_append (long_rule, "TU,");
  assert_refused (long_rule->str, "FREQ=WEEKLY;BYDAY=TU,TU,TU,TU,TU,TU,TU,…");
  while (long_word->len < 100 * 1024)
    g_string_append_c (long_word, 'X');
  assert_refused (long_word->str, "FREQ=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…");
}

/* A rule that names every minute of the day would take minutes to skip
 * ten years of; it fails instead, quickly. */
static void
test_runaway (void)
{
  g_autoptr(GString) rule = g_string_new ("FREQ=DAILY;BYHOUR=0");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) starts = NULL;
  gint64 began = g_get_monotonic_time ();

  for (int hour = 1; hour < 24; hour++)
    g_string_append_printf (rule, ",%d", hour);
  g_string_append (rule, ";BYMINUTE=0");
  for (int minute = 1; minute < 60; minute++)
    g_string_append_printf (rule, ",%d", minute);

  g_assert_true (rapport_recurrence_check (rule->str, &error));
  g_assert_no_error (error);
  starts = rapport_recurrence_expand (rule->str, JAN_6_UTC - 10 * 365 * DAY, utc,
                                      JAN_6_UTC, MAY_1_UTC, 10, &error);
  g_assert_null (starts);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_cmpint (icalerrno, ==, ICAL_NO_ERROR);
  g_assert_cmpint (g_get_monotonic_time () - began, <, 30 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* From its first meeting, it lists at once. */
  check_starts (rule->str, JAN_6_UTC, utc, JAN_6_UTC, MAY_1_UTC, 3,
                (const gint64[]){ JAN_6_UTC, JAN_6_UTC + 60, JAN_6_UTC + 120 }, 3);
}

static gint64
utc_seconds (struct icaltimetype time)
{
  g_assert_false (icaltime_is_null_time (time));
  g_assert_true (icaltime_is_utc (time));
  return icaltime_as_timet_with_zone (time, icaltimezone_get_utc_timezone ());
}

/* Exports the first and third Tuesdays at 8:00 in Paris from @from to
 * @until, parses the export back and checks that it is named after the
 * huddle and has a one-hour VEVENT for each of @starts, in order, with
 * the UID in @uids, and no RRULE. */
static void
check_export (gint64 from,
              gint64 until,
              const gint64 *starts,
              const char *const *uids,
              guint n_starts)
{
  const char *name = "Lakeside huddle, Tuesdays";
  const char *place = "Café du Port; upstairs";
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  icalproperty *calname;
  guint i = 0;

  g_assert_nonnull (paris);
  /* The first meeting: 2026-01-06 08:00 in Paris. */
  text = rapport_ical_export_schedule (name, place, "0f4e-huddle", DEFAULT_RULE, G_GINT64_CONSTANT (1767682800), 60,
                                       paris, from, until, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  calname = icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY);
  g_assert_nonnull (calname);
  g_assert_cmpstr (icalproperty_get_x_name (calname), ==, "X-WR-CALNAME");
  g_assert_cmpstr (icalproperty_get_x (calname), ==, name);

  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, n_starts);
  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       vevent != NULL;
       vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), i++)
    {
      g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (vevent)), ==, starts[i]);
      g_assert_cmpint (utc_seconds (icalcomponent_get_dtend (vevent)), ==, starts[i] + 60 * 60);
      g_assert_cmpstr (icalcomponent_get_uid (vevent), ==, uids[i]);
      g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, name);
      g_assert_cmpstr (icalcomponent_get_location (vevent), ==, place);
      g_assert_null (icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY));
    }
}

/* January and February 2026: a VEVENT each at 07:00 UTC, with a UID of
 * its own that is the same in every export. */
static void
test_export (void)
{
  const gint64 starts[] = {
    G_GINT64_CONSTANT (1767682800), /* 2026-01-06 07:00 UTC */
    G_GINT64_CONSTANT (1768892400), /* 2026-01-20 07:00 UTC */
    G_GINT64_CONSTANT (1770102000), /* 2026-02-03 07:00 UTC */
    G_GINT64_CONSTANT (1771311600), /* 2026-02-17 07:00 UTC */
  };
  const char *const uids[] = {
    "0f4e-huddle-20260106T070000Z@rapport.weandco.org",
    "0f4e-huddle-20260120T070000Z@rapport.weandco.org",
    "0f4e-huddle-20260203T070000Z@rapport.weandco.org",
    "0f4e-huddle-20260217T070000Z@rapport.weandco.org",
  };
  /* 2026-03-01 00:00 UTC. */
  gint64 march_1 = G_GINT64_CONSTANT (1772323200);

  check_export (starts[0], march_1, starts, uids, G_N_ELEMENTS (starts));
  /* Again, with the same UIDs. */
  check_export (starts[0], march_1, starts, uids, G_N_ELEMENTS (starts));
  /* A range that starts later keeps the UIDs of the meetings it shares. */
  check_export (starts[2], march_1, starts + 2, uids + 2, 2);
}

static void
test_export_nothing (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* COUNT=1: the only meeting is before @from. */
  text = rapport_ical_export_schedule ("Huddle", NULL, "seed", "FREQ=WEEKLY;COUNT=1", JAN_6_UTC, 60, utc,
                                       JAN_6_UTC + 1, MAY_1_UTC, &error);
  g_assert_null (text);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/recurrence/first-third-tuesday", test_first_third_tuesday);
  g_test_add_func ("/rapport/recurrence/month-ends", test_month_ends);
  g_test_add_func ("/rapport/recurrence/dst-paris", test_dst_paris);
  g_test_add_func ("/rapport/recurrence/dst-new-york", test_dst_new_york);
  g_test_add_func ("/rapport/recurrence/dst-gap", test_dst_gap);
  g_test_add_func ("/rapport/recurrence/local-zone", test_local_zone);
  g_test_add_func ("/rapport/recurrence/bounds", test_bounds);
  g_test_add_func ("/rapport/recurrence/count-until", test_count_until);
  g_test_add_func ("/rapport/recurrence/valid", test_valid);
  g_test_add_func ("/rapport/recurrence/rejected", test_rejected);
  g_test_add_func ("/rapport/recurrence/runaway", test_runaway);
  g_test_add_func ("/rapport/recurrence/export", test_export);
  g_test_add_func ("/rapport/recurrence/export-nothing", test_export_nothing);

  return g_test_run ();
}
