/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-stats.c: the figures behind Insights.
 *
 * Every figure is one SQL query over a period [from, until) in Unix
 * seconds, on a read-only connection of its own: Insights computes them
 * in a worker thread while the store's connection serves the window, and
 * WAL lets both read at once. Months and days are local.
 *
 * The queries read covering indexes and the columns the store derives as
 * it writes (schema version 5: contacts.met_day and followup_days,
 * event_people.followed, the events' n_people, n_meaningful and
 * n_followed), so that none has to look at a contact's timeline: all of
 * Insights stays within tens of milliseconds at a million interactions.
 *
 * What the figures mean:
 * - Someone is "met" on the card's "met on" day, or the day the card was
 *   made. They are "followed up" on the day of their first entry on or
 *   after that day of a kind that reaches out: a follow-up, a call, an
 *   email, a one-to-one, a meeting or a referral. The same day, the next
 *   day, later, or never; someone not followed up yet whose follow-up
 *   window is still open is waiting. The follow-up rate counts only the
 *   days whose window has closed, so that it does not change as today's
 *   people are followed up.
 * - A person met at an event "became more than a card" when such an entry
 *   came after the event.
 * - A referral's state is its latest step; business closed counts the
 *   referrals whose latest step is "won", in the month of that step.
 * - A group's return counts the referrals passed by, to or about someone
 *   first met at one of its events.
 */
#define G_LOG_DOMAIN "rapport-stats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-stats.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

/* The latest step of referral r: by day, then by HLC stamp, as the ledger. */
#define LATEST_STEP                                               \
  "(SELECT x.id FROM referral_steps x WHERE x.referral_id = r.id" \
  "  ORDER BY x.happened_on DESC, x.created DESC, x.uuid DESC LIMIT 1)"

struct _RapportStats
{
  GObject parent_instance;

  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (RapportStats, rapport_stats, G_TYPE_OBJECT)

static void
rapport_stats_finalize (GObject *object)
{
  RapportStats *self = RAPPORT_STATS (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  G_OBJECT_CLASS (rapport_stats_parent_class)->finalize (object);
}

static void
rapport_stats_class_init (RapportStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_stats_finalize;
}

static void
rapport_stats_init (RapportStats *self)
{
}

static void
set_error (RapportStats *self,
           GError **error)
{
  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, _("The database reported an error: %s"), sqlite3_errmsg (self->db));
}

/**
 * rapport_stats_open:
 * @path: the store's database file, which must exist at the current schema
 * @error: return location for a #GError
 *
 * Opens a read-only connection for the figures. One #RapportStats is used
 * by one thread at a time.
 *
 * Returns: (transfer full) (nullable): the figures' reader
 */
RapportStats *
rapport_stats_open (const char *path,
                    GError **error)
{
  g_autoptr(RapportStats) self = g_object_new (RAPPORT_TYPE_STATS, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      if (self->db != NULL)
        set_error (self, error);
      else
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, _("Could not open “%s”."), path);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  return g_steal_pointer (&self);
}

/* The connection, for the benchmark to trace. */
sqlite3 *
rapport_stats_get_db (RapportStats *self)
{
  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);

  return self->db;
}

/* Prepares @sql with ?1 = from and ?2 = until. */
static sqlite3_stmt *
prepare (RapportStats *self,
         const char *sql,
         gint64 from,
         gint64 until,
         GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (self, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, until);
  return stmt;
}

static gboolean
finish (RapportStats *self,
        sqlite3_stmt *stmt,
        int rc,
        GError **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static double
column_or (sqlite3_stmt *stmt,
           int column,
           double fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback : sqlite3_column_double (stmt, column);
}

static void
copy_month (RapportMonth month,
            sqlite3_stmt *stmt,
            int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  g_strlcpy (month, text ? text : "", sizeof (RapportMonth));
}

/* The month of the day in column 0 of @stmt's row, in @months, an array
 * of structures that start with their RapportMonth: the last one when the
 * day falls in it, otherwise a new one, zeroed. Rows come in day order. */
static gpointer
month_of_day (GArray *months,
              sqlite3_stmt *stmt)
{
  const char *day = (const char *) sqlite3_column_text (stmt, 0);
  guint size = g_array_get_element_size (months);
  char *last = months->len > 0 ? months->data + (months->len - 1) * size : NULL;

  if (last == NULL || day == NULL || strncmp (last, day, 7) != 0)
    {
      g_array_set_size (months, months->len + 1);
      last = months->data + (months->len - 1) * size;
      copy_month (last, stmt, 0);
    }
  return last;
}

/* The local days that bound a period, for comparisons with dates. */
#define FROM_DAY "date (?1, 'unixepoch', 'localtime')"
#define UNTIL_DAY "date (?2, 'unixepoch', 'localtime')"

/* The local calendar years or months (@unit) that [from, until) touches,
 * as a JSON array of ["YYYY" or "YYYY-MM", start, end] with start and end
 * in Unix seconds, for queries to count by index range rather than work
 * out the local date of every row. */
static char *
local_periods_json (gint64 from,
                    gint64 until,
                    GDateDMY unit)
{
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (MAX (from, 0));
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (first),
                                                       unit == G_DATE_YEAR ? 1 : g_date_time_get_month (first), 1,
                                                       0, 0, 0);
  GString *json = g_string_new ("[");

  while (start != NULL && g_date_time_to_unix (start) < until)
    {
      GDateTime *next = unit == G_DATE_YEAR ? g_date_time_add_years (start, 1) : g_date_time_add_months (start, 1);
      g_autofree char *label = g_date_time_format (start, unit == G_DATE_YEAR ? "%Y" : "%Y-%m");

      if (next == NULL)
        break;
      g_string_append_printf (json, "%s[\"%s\",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", json->len > 1 ? "," : "",
                              label, g_date_time_to_unix (start), g_date_time_to_unix (next));
      g_date_time_unref (start);
      start = next;
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* The first local day whose people, not followed up yet, are still
 * within their follow-up window: today, or yesterday for the next day. */
static char *
waiting_since (int window_days)
{
  g_autofree char *today = rapport_date_today ();

  return rapport_date_add_days (today, -MAX (window_days, 0));
}

/**
 * rapport_stats_summary:
 * @self: the reader
 * @from: the period's start (Unix seconds)
 * @until: its end, excluded
 * @window_days: the user's follow-up window: 0 for the same day, 1 for
 *   the next
 * @summary: (out caller-allocates): the figures
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_stats_summary (RapportStats *self,
                       gint64 from,
                       gint64 until,
                       int window_days,
                       RapportSummary *summary,
                       GError **error)
{
  g_autofree char *waiting = waiting_since (window_days);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), FALSE);

  memset (summary, 0, sizeof *summary);
  stmt = prepare (self,
                  "SELECT e.quality, e.scored, e.minutes, c.met, c.kept,"
                  " (SELECT count(*) FROM referrals WHERE deleted = 0 AND from_contact IS NULL"
                  "   AND given_on >= " FROM_DAY " AND given_on < " UNTIL_DAY "),"
                  " (SELECT count(*) FROM referrals WHERE deleted = 0 AND to_contact IS NULL"
                  "   AND given_on >= " FROM_DAY " AND given_on < " UNTIL_DAY "),"
                  " (SELECT total (s.value_cents) FROM referrals r JOIN referral_steps s ON s.id = " LATEST_STEP
                  "   WHERE r.deleted = 0 AND s.status = 'won'"
                  "   AND s.happened_on >= " FROM_DAY " AND s.happened_on < " UNTIL_DAY ")"
                  " FROM (SELECT avg (quality) AS quality, count (quality) AS scored,"
                  "   total (duration_min + travel_min) AS minutes FROM events INDEXED BY events_figures"
                  "   WHERE deleted = 0 AND starts_day >= " FROM_DAY " AND starts_day < " UNTIL_DAY ") e,"
                  "  (SELECT total (met) AS met, total (same_day + CASE WHEN ?3 >= 1 THEN next_day ELSE 0 END) AS kept"
                  "   FROM contact_days WHERE day >= " FROM_DAY " AND day < " UNTIL_DAY " AND day < ?4) c",
                  from, until, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 3, window_days);
  sqlite3_bind_text (stmt, 4, waiting, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  summary->followup_rate = -1;
  if (rc == SQLITE_ROW)
    {
      summary->quality = column_or (stmt, 0, -1);
      summary->n_scored = sqlite3_column_int (stmt, 1);
      summary->minutes = sqlite3_column_int64 (stmt, 2);
      summary->n_met = sqlite3_column_int (stmt, 3);
      if (summary->n_met > 0)
        summary->followup_rate = sqlite3_column_int (stmt, 4) / (double) summary->n_met;
      summary->referrals_given = sqlite3_column_int (stmt, 5);
      summary->referrals_received = sqlite3_column_int (stmt, 6);
      summary->closed_cents = sqlite3_column_int64 (stmt, 7);
    }
  return finish (self, stmt, rc, error);
}

/**
 * rapport_stats_quality_points:
 * @self: the reader
 * @from: the period's start
 * @until: its end, excluded
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type RapportQualityPoint): every
 *   scored event of the period, in time order, or %NULL on error; their
 *   groups are named by rapport_stats_quality_by_group()
 */
GArray *
rapport_stats_quality_points (RapportStats *self,
                              gint64 from,
                              gint64 until,
                              GError **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (RapportQualityPoint));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);

  stmt = prepare (self,
                  "SELECT e.id, coalesce (e.group_id, 0), e.starts_at, e.quality FROM events e INDEXED BY events_scored"
                  " WHERE e.deleted = 0 AND e.quality IS NOT NULL AND e.starts_at >= ?1 AND e.starts_at < ?2"
                  " ORDER BY e.starts_at",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportQualityPoint point = {
        .event_id = sqlite3_column_int64 (stmt, 0),
        .group_id = sqlite3_column_int64 (stmt, 1),
        .starts_at = sqlite3_column_int64 (stmt, 2),
        .quality = sqlite3_column_int (stmt, 3),
      };

      g_array_append_val (points, point);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&points) : NULL;
}

static void
quality_bar_clear (gpointer data)
{
  g_free (((RapportQualityBar *) data)->label);
}

/* Average quality of the period's scored events by @key; @label names a
 * bar. Both are SQL over events e and groups g. */
static GArray *
quality_by (RapportStats *self,
            const char *sql,
            gint64 from,
            gint64 until,
            GError **error)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (RapportQualityBar));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (bars, quality_bar_clear);
  stmt = prepare (self, sql, from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportQualityBar bar = {
        .id = sqlite3_column_int64 (stmt, 0),
        .label = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .quality = sqlite3_column_double (stmt, 2),
        .n = sqlite3_column_int (stmt, 3),
      };

      g_array_append_val (bars, bar);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&bars) : NULL;
}

/**
 * rapport_stats_quality_by_group:
 *
 * Returns: (transfer full) (element-type RapportQualityBar): the average
 *   quality of each group's scored events of the period and how many,
 *   best first; events without a group have id 0 and no label
 */
GArray *
rapport_stats_quality_by_group (RapportStats *self,
                                gint64 from,
                                gint64 until,
                                GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);
  return quality_by (self,
                     /* Group by group through the index, then the events
                      * without one: no sorting of the period's events. */
                     "SELECT g.id, g.name, avg (e.quality), count(*) FROM groups g"
                     " JOIN events e INDEXED BY events_group_figures ON e.group_id = g.id AND e.deleted = 0"
                     "  AND e.starts_at >= ?1 AND e.starts_at < ?2 AND e.quality IS NOT NULL"
                     " GROUP BY g.id"
                     " UNION ALL"
                     " SELECT 0, NULL, avg (quality), count(*) FROM events INDEXED BY events_group_figures"
                     " WHERE group_id IS NULL AND deleted = 0 AND starts_at >= ?1 AND starts_at < ?2"
                     "  AND quality IS NOT NULL HAVING count(*) > 0"
                     " ORDER BY 3 DESC, 2",
                     from, until, error);
}

/**
 * rapport_stats_quality_by_kind:
 *
 * Returns: (transfer full) (element-type RapportQualityBar): the same by
 *   kind of event; the label is the kind's nick (see
 *   rapport_event_kind_from_string())
 */
GArray *
rapport_stats_quality_by_kind (RapportStats *self,
                               gint64 from,
                               gint64 until,
                               GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);
  return quality_by (self,
                     /* Kind by kind through the index. */
                     "SELECT 0, e.kind, avg (e.quality), count(*) FROM events e INDEXED BY events_kind_scored"
                     " WHERE e.deleted = 0 AND e.quality IS NOT NULL AND e.starts_at >= ?1 AND e.starts_at < ?2"
                     " GROUP BY e.kind ORDER BY 3 DESC, 2",
                     from, until, error);
}

/**
 * rapport_stats_activity:
 *
 * Per month with events: how many, meaningful conversations per event,
 * people met, and how many of them became more than a card.
 *
 * Returns: (transfer full) (element-type RapportActivityMonth): by month
 */
GArray *
rapport_stats_activity (RapportStats *self,
                        gint64 from,
                        gint64 until,
                        GError **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (RapportActivityMonth));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);

  stmt = prepare (self,
                  "SELECT starts_day, count(*), total (n_meaningful), total (n_people), total (n_followed)"
                  " FROM events INDEXED BY events_figures"
                  " WHERE deleted = 0 AND starts_day >= " FROM_DAY " AND starts_day < " UNTIL_DAY " GROUP BY starts_day",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportActivityMonth *month = month_of_day (months, stmt);

      month->events += sqlite3_column_int (stmt, 1);
      month->meaningful_per_event += sqlite3_column_double (stmt, 2);
      month->met += sqlite3_column_int (stmt, 3);
      month->more_than_card += sqlite3_column_int (stmt, 4);
    }
  /* Summed as totals, then divided. */
  for (guint i = 0; i < months->len; i++)
    {
      RapportActivityMonth *month = &g_array_index (months, RapportActivityMonth, i);

      month->meaningful_per_event = month->events > 0 ? month->meaningful_per_event / month->events : -1;
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&months) : NULL;
}

/**
 * rapport_stats_followup_speed:
 *
 * Per month of meeting them, how soon the people met were followed up;
 * those not followed up yet whose window (@window_days: 0 the same day,
 * 1 the next) is still open are waiting, not "never".
 *
 * Returns: (transfer full) (element-type RapportFollowupMonth): by month
 */
GArray *
rapport_stats_followup_speed (RapportStats *self,
                              gint64 from,
                              gint64 until,
                              int window_days,
                              GError **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (RapportFollowupMonth));
  g_autofree char *waiting = waiting_since (window_days);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);

  /* By day, as the store counts them, summed into months here. */
  stmt = prepare (self,
                  "SELECT day, met, same_day, next_day, later,"
                  " CASE WHEN day < ?3 THEN met - same_day - next_day - later ELSE 0 END,"
                  " CASE WHEN day >= ?3 THEN met - same_day - next_day - later ELSE 0 END,"
                  " CASE WHEN day < ?3 THEN met ELSE 0 END,"
                  " CASE WHEN day < ?3 THEN same_day + CASE WHEN ?4 >= 1 THEN next_day ELSE 0 END ELSE 0 END"
                  " FROM contact_days WHERE day >= " FROM_DAY " AND day < " UNTIL_DAY " AND met > 0",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 4, window_days);
  sqlite3_bind_text (stmt, 3, waiting, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportFollowupMonth *month = month_of_day (months, stmt);

      month->met += sqlite3_column_int (stmt, 1);
      month->same_day += sqlite3_column_int (stmt, 2);
      month->next_day += sqlite3_column_int (stmt, 3);
      month->later += sqlite3_column_int (stmt, 4);
      month->never += sqlite3_column_int (stmt, 5);
      month->waiting += sqlite3_column_int (stmt, 6);
      month->settled += sqlite3_column_int (stmt, 7);
      month->settled_in_time += sqlite3_column_int (stmt, 8);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&months) : NULL;
}

static void
partner_clear (gpointer data)
{
  g_free (((RapportPartner *) data)->name);
}

/**
 * rapport_stats_partners:
 *
 * Everyone who passed or received a referral given in the period, the
 * user (id 0, no name) included: how many each way, and the business
 * closed from the ones they gave.
 *
 * Returns: (transfer full) (element-type RapportPartner): most active first
 */
GArray *
rapport_stats_partners (RapportStats *self,
                        gint64 from,
                        gint64 until,
                        GError **error)
{
  g_autoptr(GArray) partners = g_array_new (FALSE, TRUE, sizeof (RapportPartner));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);
  g_array_set_clear_func (partners, partner_clear);

  stmt = prepare (self,
                  "WITH period AS (SELECT coalesce (r.from_contact, 0) AS giver, coalesce (r.to_contact, 0) AS receiver,"
                  "   CASE s.status WHEN 'won' THEN coalesce (s.value_cents, 0) ELSE 0 END AS won"
                  "  FROM referrals r JOIN referral_steps s ON s.id = " LATEST_STEP
                  "  WHERE r.deleted = 0 AND r.given_on >= " FROM_DAY " AND r.given_on < " UNTIL_DAY "),"
                  " people AS (SELECT giver AS person FROM period UNION SELECT receiver FROM period)"
                  " SELECT p.person, c.display_name,"
                  "  (SELECT count(*) FROM period WHERE giver = p.person) AS given,"
                  "  (SELECT count(*) FROM period WHERE receiver = p.person) AS received,"
                  "  (SELECT total (won) FROM period WHERE giver = p.person)"
                  " FROM people p LEFT JOIN contacts c ON c.id = p.person"
                  " ORDER BY given + received DESC, c.sort_key, p.person",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportPartner partner = {
        .contact_id = sqlite3_column_int64 (stmt, 0),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .given = sqlite3_column_int (stmt, 2),
        .received = sqlite3_column_int (stmt, 3),
        .won_cents = sqlite3_column_int64 (stmt, 4),
      };

      g_array_append_val (partners, partner);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&partners) : NULL;
}

/**
 * rapport_stats_closed_by_month:
 *
 * Returns: (transfer full) (element-type RapportMoneyMonth): business
 *   closed (referrals whose latest step is "won") by month of that step
 */
GArray *
rapport_stats_closed_by_month (RapportStats *self,
                               gint64 from,
                               gint64 until,
                               GError **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (RapportMoneyMonth));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);

  stmt = prepare (self,
                  "SELECT substr (s.happened_on, 1, 7), total (s.value_cents), count(*)"
                  " FROM referrals r JOIN referral_steps s ON s.id = " LATEST_STEP
                  " WHERE r.deleted = 0 AND s.status = 'won'"
                  " AND s.happened_on >= " FROM_DAY " AND s.happened_on < " UNTIL_DAY
                  " GROUP BY 1 ORDER BY 1",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportMoneyMonth month = { { 0 } };

      copy_month (month.month, stmt, 0);
      month.cents = sqlite3_column_int64 (stmt, 1);
      month.count = sqlite3_column_int (stmt, 2);
      g_array_append_val (months, month);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&months) : NULL;
}

static void
group_return_clear (gpointer data)
{
  g_free (((RapportGroupReturn *) data)->name);
}

/**
 * rapport_stats_group_returns:
 *
 * For every group with events in the period: the events, the minutes
 * (at the events and travelling), the money (costs, and yearly dues once
 * per calendar year with a visit), the meaningful conversations, and the
 * referrals passed by, to or about someone first met at its events, with
 * the business they closed.
 *
 * Returns: (transfer full) (element-type RapportGroupReturn): by name
 */
GArray *
rapport_stats_group_returns (RapportStats *self,
                             gint64 from,
                             gint64 until,
                             GError **error)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (RapportGroupReturn));
  g_autofree char *years = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);
  g_array_set_clear_func (groups, group_return_clear);

  years = local_periods_json (from, until, G_DATE_YEAR);
  stmt = prepare (self,
                  "WITH traced AS (SELECT DISTINCT m.group_id, r.id AS referral,"
                  "   CASE s.status WHEN 'won' THEN coalesce (s.value_cents, 0) ELSE 0 END AS won"
                  "  FROM referrals r JOIN referral_steps s ON s.id = " LATEST_STEP
                  "  JOIN contacts c ON c.id IN (r.prospect, r.from_contact, r.to_contact)"
                  "  JOIN events m ON m.id = c.met_at"
                  "  WHERE r.deleted = 0 AND r.given_on >= " FROM_DAY " AND r.given_on < " UNTIL_DAY "),"
                  " visited AS (SELECT g.id, count(*) AS events, total (e.duration_min + e.travel_min) AS minutes,"
                  "   total (e.cost_cents) AS cost, total (e.n_meaningful) AS meaningful"
                  "  FROM groups g JOIN events e INDEXED BY events_group_figures ON e.group_id = g.id"
                  "   AND e.deleted = 0 AND e.starts_at >= ?1 AND e.starts_at < ?2"
                  "  GROUP BY g.id)"
                  " SELECT g.id, g.name, v.events, v.minutes,"
                  "  v.cost + g.dues_cents * (SELECT count(*) FROM json_each (?3) y WHERE EXISTS (SELECT 1"
                  "   FROM events x INDEXED BY events_group_figures WHERE x.group_id = g.id AND x.deleted = 0"
                  "   AND x.starts_at >= max (y.value ->> 1, ?1) AND x.starts_at < min (y.value ->> 2, ?2))),"
                  "  v.meaningful,"
                  "  (SELECT count (DISTINCT referral) FROM traced t WHERE t.group_id = g.id),"
                  "  (SELECT total (won) FROM (SELECT DISTINCT referral, won FROM traced t WHERE t.group_id = g.id))"
                  " FROM visited v JOIN groups g ON g.id = v.id"
                  " ORDER BY g.sort_key, g.id",
                  from, until, error);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 3, years, -1, SQLITE_TRANSIENT);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportGroupReturn row = {
        .group_id = sqlite3_column_int64 (stmt, 0),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .events = sqlite3_column_int (stmt, 2),
        .minutes = sqlite3_column_int64 (stmt, 3),
        .cents = sqlite3_column_int64 (stmt, 4),
        .meaningful = sqlite3_column_int (stmt, 5),
        .referrals = sqlite3_column_int (stmt, 6),
        .closed_cents = sqlite3_column_int64 (stmt, 7),
      };

      g_array_append_val (groups, row);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&groups) : NULL;
}

/**
 * rapport_stats_growth:
 *
 * Returns: (transfer full) (element-type RapportGrowthMonth): the cards
 *   made per month (archived ones included: they were met all the same)
 */
GArray *
rapport_stats_growth (RapportStats *self,
                      gint64 from,
                      gint64 until,
                      GError **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (RapportGrowthMonth));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);

  stmt = prepare (self,
                  "SELECT substr (day, 1, 7), total (added) FROM contact_days"
                  " WHERE day >= " FROM_DAY " AND day < " UNTIL_DAY " GROUP BY 1 HAVING total (added) > 0 ORDER BY 1",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportGrowthMonth month = { { 0 } };

      copy_month (month.month, stmt, 0);
      month.added = sqlite3_column_int (stmt, 1);
      g_array_append_val (months, month);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&months) : NULL;
}

static void
stats_item_clear (gpointer data)
{
  g_free (((RapportStatsItem *) data)->title);
}

/**
 * rapport_stats_list:
 * @self: the reader
 * @list: which records
 * @from: the period's start
 * @until: its end, excluded
 * @error: return location for a #GError
 *
 * Lists the records behind a figure: the events of a month, the people
 * met in it and how soon they were followed up, and so on.
 *
 * Returns: (transfer full) (element-type RapportStatsItem): in time order
 */
GArray *
rapport_stats_list (RapportStats *self,
                    RapportStatsList list,
                    gint64 from,
                    gint64 until,
                    GError **error)
{
  static const char *const queries[] = {
    [RAPPORT_STATS_EVENTS] = "SELECT id, title, date (starts_at, 'unixepoch', 'localtime'), coalesce (quality, -1)"
                             " FROM events WHERE deleted = 0 AND starts_at >= ?1 AND starts_at < ?2"
                             " ORDER BY starts_at, id",
    [RAPPORT_STATS_MET] = "SELECT id, display_name, met_day,"
                          " coalesce (followup_days, CASE WHEN met_day >= ?3 THEN -2 ELSE -1 END) FROM contacts"
                          " WHERE deleted = 0 AND met_day >= " FROM_DAY " AND met_day < " UNTIL_DAY
                          " ORDER BY met_day, id",
    [RAPPORT_STATS_ADDED] = "SELECT id, display_name, date (created_at, 'unixepoch', 'localtime'), 0 FROM contacts"
                            " WHERE deleted = 0 AND created_at >= ?1 AND created_at < ?2 ORDER BY created_at, id",
    [RAPPORT_STATS_WON] = "SELECT c.id, c.display_name, s.happened_on, coalesce (s.value_cents, 0)"
                          " FROM referrals r JOIN referral_steps s ON s.id = " LATEST_STEP
                          " JOIN contacts c ON c.id = r.prospect"
                          " WHERE r.deleted = 0 AND s.status = 'won'"
                          " AND s.happened_on >= " FROM_DAY " AND s.happened_on < " UNTIL_DAY
                          " ORDER BY s.happened_on, r.id",
  };
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (RapportStatsItem));
  /* Not followed up yet but met since yesterday: still in time. */
  g_autofree char *waiting = waiting_since (1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);
  g_return_val_if_fail (list <= RAPPORT_STATS_WON, NULL);
  g_array_set_clear_func (items, stats_item_clear);

  stmt = prepare (self, queries[list], from, until, error);
  if (stmt == NULL)
    return NULL;
  if (list == RAPPORT_STATS_MET)
    sqlite3_bind_text (stmt, 3, waiting, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportStatsItem item = {
        .id = sqlite3_column_int64 (stmt, 0),
        .title = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .value = sqlite3_column_int64 (stmt, 3),
      };
      const char *day = (const char *) sqlite3_column_text (stmt, 2);

      g_strlcpy (item.day, day ? day : "", sizeof item.day);
      g_array_append_val (items, item);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&items) : NULL;
}

/**
 * rapport_stats_neglected:
 * @self: the reader
 * @now: the present moment
 * @error: return location for a #GError
 *
 * Returns: how many active contacts are past their keep-in-touch cadence
 */
guint
rapport_stats_neglected (RapportStats *self,
                         gint64 now,
                         GError **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), 0);

  stmt = prepare (self,
                  "SELECT count(*) FROM contacts INDEXED BY contacts_keep_in_touch"
                  " WHERE cadence_days > 0 AND deleted = 0 AND archived = 0 AND keep_in_touch_at <= ?1",
                  now, 0, error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  finish (self, stmt, rc, error);
  return n;
}
