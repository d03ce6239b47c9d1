/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-recurrence.c: a huddle's meeting schedule. A huddle keeps its
 * cadence as an iCalendar recurrence rule (RFC 5545 RRULE, by default
 * FREQ=MONTHLY;BYDAY=1TU,3TU: the first and third Tuesday), the start of
 * its first meeting and a duration; this file checks such a rule and lists
 * the meetings it gives. It lives in src/io because libical does the
 * calendar arithmetic and src/core stays GLib and SQLite only.
 *
 * The rule is expanded in wall-clock time, not in UTC. A huddle that meets
 * at 8:00 meets at 8:00 in summer and in winter; stepping a week from a
 * UTC instant would move the meeting by an hour at every daylight-saving
 * change. So the first meeting becomes a local date and time in the
 * huddle's time zone, libical iterates "floating" times (with no zone),
 * and GDateTime turns each wall-clock time back into an instant in that
 * zone, with the offset of that day.
 *
 * libical 3.0 compares a rule's UNTIL with the floating times as though
 * they were in UTC, and ends a rule with a date-only UNTIL before that
 * date's meetings, so this file applies UNTIL itself.
 */
#define G_LOG_DOMAIN "rapport-recurrence"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rapport-error.h"
#include "rapport-recurrence.h"

/* How many occurrences an expansion may look at, those before @from
 * included: 270 years of daily meetings. A rule that names many times a
 * day (FREQ=DAILY with lists of hours and minutes) stops here instead of
 * keeping the caller busy for minutes. */
#define MAX_STEPS 100000

/* A rule is quoted in messages up to this many characters. */
#define MAX_QUOTED 40

typedef struct
{
  /* The rule without its UNTIL, which is kept apart below. */
  struct icalrecurrencetype recur;
  /* The rule's UNTIL (null time if it has none): a date, a wall-clock
   * time or, when until_is_utc, an instant. */
  struct icaltimetype until;
  gboolean until_is_utc;
  gint64 until_unix;
} Rule;

/* libical strdup()s RSCALE for the caller to free; its iterator borrows
 * it, so it is freed only once the iterator is gone. */
static void
rule_clear (Rule *rule)
{
  free (rule->recur.rscale);
  rule->recur.rscale = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rule, rule_clear)

/* The rule as a message can show it: valid UTF-8 on one line, and short. */
static char *
quote_rule (const char *rrule)
{
  /* Enough bytes for MAX_QUOTED characters of up to four bytes each and
   * one more, so that a long rule is never copied whole. */
  gsize length = strnlen (rrule, 4 * (MAX_QUOTED + 1));
  g_autofree char *valid = g_utf8_make_valid (rrule, length);

  for (char *p = valid; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      *p = ' ';
  if (g_utf8_strlen (valid, -1) <= MAX_QUOTED)
    return g_steal_pointer (&valid);
  {
    g_autofree char *start = g_utf8_substring (valid, 0, MAX_QUOTED - 1);

    return g_strconcat (start, "…", NULL);
  }
}

/* What can be wrong with a rule. */
typedef enum {
  RULE_NOT_UNDERSTOOD,
  RULE_NO_FREQUENCY,
  RULE_TOO_FREQUENT,
  RULE_TOO_MANY,
} RuleProblem;

static gboolean
rule_error (GError **error,
            const char *rrule,
            RuleProblem problem)
{
  g_autofree char *quoted = quote_rule (rrule);

  switch (problem)
    {
    case RULE_NOT_UNDERSTOOD:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   /* Translators: %s is the schedule as typed; keep the rule in the example as it is. */
                   _("“%s” is not a schedule Rapport understands. Write it like FREQ=MONTHLY;BYDAY=1TU,3TU (first and third Tuesday)."), quoted);
      break;
    case RULE_NO_FREQUENCY:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   /* Translators: %s is the schedule as typed; keep FREQ= and the rule in the example as they are. */
                   _("“%s” does not say how often the huddle meets. Start it with FREQ=, as in FREQ=MONTHLY;BYDAY=1TU,3TU (first and third Tuesday)."), quoted);
      break;
    case RULE_TOO_FREQUENT:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   /* Translators: %s is the schedule as typed; keep the rule in the example as it is. */
                   _("“%s” repeats more often than once a day, which no huddle does. Write it like FREQ=MONTHLY;BYDAY=1TU,3TU (first and third Tuesday)."), quoted);
      break;
    case RULE_TOO_MANY:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   /* Translators: %s is the schedule as typed. */
                   _("“%s” repeats too often for Rapport to list its meetings."), quoted);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Whether libical can iterate @recur from @dtstart. It refuses, for
 * instance, a rule that can never happen, such as February 30th. */
static gboolean
can_iterate (const struct icalrecurrencetype *recur,
             struct icaltimetype dtstart)
{
  icalrecur_iterator *iterator = icalrecur_iterator_new (*recur, dtstart);

  if (iterator == NULL)
    return FALSE;
  icalrecur_iterator_free (iterator);
  return TRUE;
}

/* A floating (zone-less) time, as libical iterates them. */
static struct icaltimetype
wall_clock (int year,
            int month,
            int day,
            int hour,
            int minute,
            int second)
{
  struct icaltimetype time = icaltime_null_time ();

  time.year = year;
  time.month = month;
  time.day = day;
  time.hour = hour;
  time.minute = minute;
  time.second = second;
  return time;
}

/* Parses and checks @rrule into @rule, which the caller clears with
 * rule_clear() whatever the result. libical's error state is left clear
 * either way, so that no later libical call reports this rule's error as
 * its own. */
static gboolean
parse_rule (const char *rrule,
            Rule *rule,
            GError **error)
{
  gboolean parsed;

  memset (rule, 0, sizeof *rule);
  if (*rrule == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           /* Translators: keep the rule in the example as it is. */
                           _("The meeting schedule is empty. Write it like FREQ=MONTHLY;BYDAY=1TU,3TU (first and third Tuesday)."));
      return FALSE;
    }

  icalerror_clear_errno ();
  rule->recur = icalrecurrencetype_from_string (rrule);
  parsed = icalerrno == ICAL_NO_ERROR;
  icalerror_clear_errno ();

  if (!parsed)
    return rule_error (error, rrule, RULE_NOT_UNDERSTOOD);
  if (rule->recur.freq == ICAL_NO_RECURRENCE)
    return rule_error (error, rrule, RULE_NO_FREQUENCY);
  if (rule->recur.freq < ICAL_DAILY_RECURRENCE)
    return rule_error (error, rrule, RULE_TOO_FREQUENT);

  rule->until = rule->recur.until;
  rule->recur.until = icaltime_null_time ();
  if (!icaltime_is_null_time (rule->until) && icaltime_is_utc (rule->until))
    {
      g_autoptr(GDateTime) until = g_date_time_new_utc (rule->until.year, rule->until.month, rule->until.day,
                                                         rule->until.hour, rule->until.minute, rule->until.second);

      if (until == NULL)
        return rule_error (error, rrule, RULE_NOT_UNDERSTOOD);
      rule->until_is_utc = TRUE;
      rule->until_unix = g_date_time_to_unix (until);
    }

  /* libical judges the rule here, whatever the start; an expansion asks
   * again with its own. */
  parsed = can_iterate (&rule->recur, wall_clock (2026, 1, 6, 8, 0, 0));
  icalerror_clear_errno ();
  if (!parsed)
    return rule_error (error, rrule, RULE_NOT_UNDERSTOOD);
  return TRUE;
}

/* Orders wall-clock times field by field, whatever zone libical thinks
 * they have. */
static int
compare_wall_clock (struct icaltimetype a,
                    struct icaltimetype b,
                    gboolean date_only)
{
  int fields_a[] = { a.year, a.month, a.day, a.hour, a.minute, a.second };
  int fields_b[] = { b.year, b.month, b.day, b.hour, b.minute, b.second };
  guint n = date_only ? 3 : G_N_ELEMENTS (fields_a);

  for (guint i = 0; i < n; i++)
    if (fields_a[i] != fields_b[i])
      return fields_a[i] < fields_b[i] ? -1 : 1;
  return 0;
}

/* Whether the occurrence at wall-clock time @wall, instant @start, comes
 * after the rule's UNTIL. UNTIL is inclusive (RFC 5545); a date-only
 * UNTIL keeps every meeting of that day. */
static gboolean
after_until (const Rule *rule,
             struct icaltimetype wall,
             gint64 start)
{
  if (icaltime_is_null_time (rule->until))
    return FALSE;
  if (rule->until_is_utc)
    return start > rule->until_unix;
  return compare_wall_clock (wall, rule->until, rule->until.is_date) > 0;
}

/**
 * rapport_recurrence_check:
 * @rrule: a recurrence rule, as in an iCalendar RRULE without the
 *   "RRULE:" name, such as "FREQ=MONTHLY;BYDAY=1TU,3TU"
 * @error: return location for a #GError
 *
 * Checks that @rrule is a meeting schedule rapport_recurrence_expand() can
 * list: libical reads it, it says how often it repeats (FREQ), no more
 * often than daily, and it can happen at all (not every February 30th).
 *
 * Returns: %TRUE if it is, or %FALSE with @error set
 *   (%RAPPORT_ERROR_INVALID) to a message that quotes the rule and shows
 *   how to write one
 */
gboolean
rapport_recurrence_check (const char *rrule,
                          GError **error)
{
  g_auto(Rule) rule = { 0 };

  g_return_val_if_fail (rrule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_rule (rrule, &rule, error);
}

/**
 * rapport_recurrence_expand:
 * @rrule: a recurrence rule, as rapport_recurrence_check() accepts
 * @first_start: when the first meeting starts, in Unix seconds
 * @tz: (nullable): the time zone the meetings keep their time of day in,
 *   or %NULL for local time
 * @from: the earliest start to list, in Unix seconds
 * @until: the first start not to list: the range is [@from, @until)
 * @max: the most starts to list
 * @error: return location for a #GError
 *
 * Lists the starts of the meetings that @rrule gives from @first_start
 * on: those in [@from, @until), the first @max of them, in order. A
 * COUNT or UNTIL in the rule is honoured, counting from @first_start.
 * The rule should give @first_start itself (RFC 5545 leaves the other
 * case undefined); if it does not, as for a Wednesday with a rule of
 * Tuesdays, the list starts at the first time the rule gives after it.
 *
 * The rule runs in wall-clock time in @tz, so a meeting at 8:00 stays at
 * 8:00 across daylight-saving changes and its instant moves instead. A
 * time that does not exist on a day when clocks go forward (2:30 in
 * Paris on the last Sunday of March) becomes the time GDateTime gives,
 * the first one after the gap (3:00); a time that happens twice when
 * clocks go back is taken in standard time, the later of the two. Two
 * times that land on the same instant this way are listed once.
 *
 * At most 100,000 occurrences are looked at, those before @from
 * included; a rule that needs more fails rather than run for minutes.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the starts
 *   in Unix seconds, possibly none, or %NULL with @error set
 *   (%RAPPORT_ERROR_INVALID) if the rule is not valid, @first_start is
 *   outside the years 1 to 9999 or the rule repeats too often to list
 */
GArray *
rapport_recurrence_expand (const char *rrule,
                           gint64 first_start,
                           GTimeZone *tz,
                           gint64 from,
                           gint64 until,
                           guint max,
                           GError **error)
{
  g_auto(Rule) rule = { 0 };
  g_autoptr(GTimeZone) local_tz = NULL;
  g_autoptr(GDateTime) first_utc = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GArray) starts = NULL;
  icalrecur_iterator *iterator;
  gint64 last = G_MININT64;
  guint steps = 0;
  gboolean too_many = FALSE;

  g_return_val_if_fail (rrule != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_rule (rrule, &rule, error))
    return NULL;
  if (tz == NULL)
    tz = local_tz = g_time_zone_new_local ();
  first_utc = g_date_time_new_from_unix_utc (first_start);
  if (first_utc != NULL)
    first = g_date_time_to_timezone (first_utc, tz);
  if (first == NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The first meeting’s date is out of range."));
      return NULL;
    }

  starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (max == 0 || from >= until)
    return g_steal_pointer (&starts);

  iterator = icalrecur_iterator_new (rule.recur,
                                     wall_clock (g_date_time_get_year (first),
                                                 g_date_time_get_month (first),
                                                 g_date_time_get_day_of_month (first),
                                                 g_date_time_get_hour (first),
                                                 g_date_time_get_minute (first),
                                                 g_date_time_get_second (first)));
  icalerror_clear_errno ();
  if (iterator == NULL)
    {
      rule_error (error, rrule, RULE_NOT_UNDERSTOOD);
      return NULL;
    }

  for (;;)
    {
      struct icaltimetype wall = icalrecur_iterator_next (iterator);
      g_autoptr(GDateTime) local = NULL;
      gint64 start;

      if (icaltime_is_null_time (wall))
        break;
      if (++steps > MAX_STEPS)
        {
          too_many = TRUE;
          break;
        }
      /* NULL past the year 9999, where nothing more can be listed. */
      local = g_date_time_new (tz, wall.year, wall.month, wall.day,
                               wall.hour, wall.minute, wall.second);
      if (local == NULL)
        break;
      /* Wall-clock order is the order of instants: a time in a gap
       * moves only to the gap's end. */
      start = g_date_time_to_unix (local);
      if (start >= until || after_until (&rule, wall, start))
        break;
      if (start <= last)
        continue;
      last = start;
      if (start < from)
        continue;
      g_array_append_val (starts, start);
      if (starts->len >= max)
        break;
    }
  icalrecur_iterator_free (iterator);
  icalerror_clear_errno ();

  if (too_many)
    {
      rule_error (error, rrule, RULE_TOO_MANY);
      return NULL;
    }
  return g_steal_pointer (&starts);
}
