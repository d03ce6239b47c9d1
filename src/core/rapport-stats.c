/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-stats.c: the figures behind Insights.
 *
 * Every figure is one SQL query over a period [from, until) in Unix
 * seconds, on a read-only connection of its own: Insights computes them
 * in a worker thread while the store's connection serves the window, and
 * WAL lets both read at once. Months and days are local.
 *
 * What the figures mean:
 * - Someone is "met" on the card's "met on" day, or the day the card was
 *   made. They are "followed up" on the day of their first entry after
 *   that of a kind that reaches out: a follow-up, a call, an email, a
 *   one-to-one, a meeting or a referral. The same day, the next day,
 *   later, or never.
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

/* The kinds of timeline entry that reach out to someone. */
#define REACHING_OUT "('follow-up', 'call', 'email', 'one-to-one', 'meeting', 'referral-given', 'referral-received')"

/* The local day someone was met, as YYYY-MM-DD. */
#define MET_DAY "coalesce (c.met_on, date (c.created_at, 'unixepoch', 'localtime'))"

/* The day of their first reaching-out entry on or after it, or NULL. */
#define FIRST_FOLLOWUP_DAY                                                           \
  "(SELECT date (min (i.happened_at), 'unixepoch', 'localtime') FROM interactions i" \
  "  WHERE i.contact_id = c.id AND i.deleted = 0 AND i.kind IN " REACHING_OUT        \
  "  AND date (i.happened_at, 'unixepoch', 'localtime') >= " MET_DAY ")"

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

/* The local days that bound a period, for comparisons with dates. */
#define FROM_DAY "date (?1, 'unixepoch', 'localtime')"
#define UNTIL_DAY "date (?2, 'unixepoch', 'localtime')"

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), FALSE);

  memset (summary, 0, sizeof *summary);
  stmt = prepare (self,
                  "SELECT"
                  " (SELECT avg (quality) FROM events WHERE deleted = 0 AND starts_at >= ?1 AND starts_at < ?2),"
                  " (SELECT count (quality) FROM events WHERE deleted = 0 AND starts_at >= ?1 AND starts_at < ?2),"
                  " (SELECT total (duration_min + travel_min) FROM events"
                  "   WHERE deleted = 0 AND starts_at >= ?1 AND starts_at < ?2),"
                  " (SELECT count(*) FROM referrals WHERE deleted = 0 AND from_contact IS NULL"
                  "   AND given_on >= " FROM_DAY " AND given_on < " UNTIL_DAY "),"
                  " (SELECT count(*) FROM referrals WHERE deleted = 0 AND to_contact IS NULL"
                  "   AND given_on >= " FROM_DAY " AND given_on < " UNTIL_DAY "),"
                  " (SELECT total (s.value_cents) FROM referrals r JOIN referral_steps s ON s.id = " LATEST_STEP
                  "   WHERE r.deleted = 0 AND s.status = 'won'"
                  "   AND s.happened_on >= " FROM_DAY " AND s.happened_on < " UNTIL_DAY ")",
                  from, until, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      summary->quality = column_or (stmt, 0, -1);
      summary->n_scored = sqlite3_column_int (stmt, 1);
      summary->minutes = sqlite3_column_int64 (stmt, 2);
      summary->referrals_given = sqlite3_column_int (stmt, 3);
      summary->referrals_received = sqlite3_column_int (stmt, 4);
      summary->closed_cents = sqlite3_column_int64 (stmt, 5);
    }
  if (!finish (self, stmt, rc, error))
    return FALSE;

  stmt = prepare (self,
                  "SELECT count(*), count (CASE WHEN julianday (followed) - julianday (met) <= ?3 THEN 1 END)"
                  " FROM (SELECT " MET_DAY " AS met, " FIRST_FOLLOWUP_DAY " AS followed"
                  "  FROM contacts c WHERE c.deleted = 0"
                  "  AND " MET_DAY " >= " FROM_DAY " AND " MET_DAY " < " UNTIL_DAY ")",
                  from, until, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 3, window_days);
  rc = sqlite3_step (stmt);
  summary->followup_rate = -1;
  if (rc == SQLITE_ROW)
    {
      summary->n_met = sqlite3_column_int (stmt, 0);
      if (summary->n_met > 0)
        summary->followup_rate = sqlite3_column_int (stmt, 1) / (double) summary->n_met;
    }
  return finish (self, stmt, rc, error);
}

static void
quality_point_clear (gpointer data)
{
  RapportQualityPoint *point = data;

  g_free (point->title);
  g_free (point->group_name);
}

/**
 * rapport_stats_quality_points:
 * @self: the reader
 * @from: the period's start
 * @until: its end, excluded
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type RapportQualityPoint): every
 *   scored event of the period, in time order, or %NULL on error
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
  g_array_set_clear_func (points, quality_point_clear);

  stmt = prepare (self,
                  "SELECT e.id, coalesce (e.group_id, 0), g.name, e.starts_at, e.quality, e.title"
                  " FROM events e LEFT JOIN groups g ON g.id = e.group_id"
                  " WHERE e.deleted = 0 AND e.quality IS NOT NULL AND e.starts_at >= ?1 AND e.starts_at < ?2"
                  " ORDER BY e.starts_at, e.id",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportQualityPoint point = {
        .event_id = sqlite3_column_int64 (stmt, 0),
        .group_id = sqlite3_column_int64 (stmt, 1),
        .group_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .starts_at = sqlite3_column_int64 (stmt, 3),
        .quality = sqlite3_column_int (stmt, 4),
        .title = g_strdup ((const char *) sqlite3_column_text (stmt, 5)),
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
                     "SELECT coalesce (e.group_id, 0), g.name, avg (e.quality), count(*)"
                     " FROM events e LEFT JOIN groups g ON g.id = e.group_id"
                     " WHERE e.deleted = 0 AND e.quality IS NOT NULL AND e.starts_at >= ?1 AND e.starts_at < ?2"
                     " GROUP BY 1 ORDER BY 3 DESC, 2",
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
                     "SELECT 0, e.kind, avg (e.quality), count(*) FROM events e"
                     " WHERE e.deleted = 0 AND e.quality IS NOT NULL AND e.starts_at >= ?1 AND e.starts_at < ?2"
                     " GROUP BY 2 ORDER BY 3 DESC, 2",
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
                  "WITH period AS (SELECT id, starts_at, strftime ('%Y-%m', starts_at, 'unixepoch', 'localtime') AS month"
                  "  FROM events WHERE deleted = 0 AND starts_at >= ?1 AND starts_at < ?2),"
                  " people AS (SELECT e.month, p.meaningful,"
                  "  EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = p.contact_id AND i.deleted = 0"
                  "   AND i.kind IN " REACHING_OUT " AND i.happened_at >= e.starts_at) AS kept"
                  "  FROM period e JOIN event_people p ON p.event_id = e.id AND p.deleted = 0)"
                  " SELECT e.month, count(*),"
                  "  (SELECT total (meaningful) FROM people WHERE month = e.month),"
                  "  (SELECT count(*) FROM people WHERE month = e.month),"
                  "  (SELECT total (kept) FROM people WHERE month = e.month)"
                  " FROM period e GROUP BY e.month ORDER BY e.month",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportActivityMonth month = { { 0 } };

      copy_month (month.month, stmt, 0);
      month.events = sqlite3_column_int (stmt, 1);
      month.meaningful_per_event = month.events ? sqlite3_column_double (stmt, 2) / month.events : -1;
      month.met = sqlite3_column_int (stmt, 3);
      month.more_than_card = sqlite3_column_int (stmt, 4);
      g_array_append_val (months, month);
    }
  return finish (self, stmt, rc, error) ? g_steal_pointer (&months) : NULL;
}

/**
 * rapport_stats_followup_speed:
 *
 * Per month of meeting them, how soon the people met were followed up.
 *
 * Returns: (transfer full) (element-type RapportFollowupMonth): by month
 */
GArray *
rapport_stats_followup_speed (RapportStats *self,
                              gint64 from,
                              gint64 until,
                              GError **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (RapportFollowupMonth));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);

  stmt = prepare (self,
                  "SELECT substr (met, 1, 7), count(*),"
                  " count (CASE WHEN days = 0 THEN 1 END), count (CASE WHEN days = 1 THEN 1 END),"
                  " count (CASE WHEN days >= 2 THEN 1 END), count (CASE WHEN days IS NULL THEN 1 END)"
                  " FROM (SELECT met, CAST (julianday (followed) - julianday (met) AS INTEGER) AS days"
                  "  FROM (SELECT " MET_DAY " AS met, " FIRST_FOLLOWUP_DAY " AS followed"
                  "   FROM contacts c WHERE c.deleted = 0"
                  "   AND " MET_DAY " >= " FROM_DAY " AND " MET_DAY " < " UNTIL_DAY "))"
                  " GROUP BY 1 ORDER BY 1",
                  from, until, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportFollowupMonth month = { { 0 } };

      copy_month (month.month, stmt, 0);
      month.met = sqlite3_column_int (stmt, 1);
      month.same_day = sqlite3_column_int (stmt, 2);
      month.next_day = sqlite3_column_int (stmt, 3);
      month.later = sqlite3_column_int (stmt, 4);
      month.never = sqlite3_column_int (stmt, 5);
      g_array_append_val (months, month);
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
                  "  (SELECT count(*) FROM period WHERE giver = p.person),"
                  "  (SELECT count(*) FROM period WHERE receiver = p.person),"
                  "  (SELECT total (won) FROM period WHERE giver = p.person)"
                  " FROM people p LEFT JOIN contacts c ON c.id = p.person"
                  " ORDER BY 3 + 4 DESC, c.sort_key, p.person",
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);
  g_array_set_clear_func (groups, group_return_clear);

  stmt = prepare (self,
                  "WITH visits AS (SELECT e.* FROM events e"
                  "  WHERE e.deleted = 0 AND e.group_id IS NOT NULL AND e.starts_at >= ?1 AND e.starts_at < ?2),"
                  " traced AS (SELECT DISTINCT m.group_id, r.id AS referral,"
                  "   CASE s.status WHEN 'won' THEN coalesce (s.value_cents, 0) ELSE 0 END AS won"
                  "  FROM referrals r JOIN referral_steps s ON s.id = " LATEST_STEP
                  "  JOIN contacts c ON c.id IN (r.prospect, r.from_contact, r.to_contact)"
                  "  JOIN events m ON m.id = c.met_at"
                  "  WHERE r.deleted = 0 AND r.given_on >= " FROM_DAY " AND r.given_on < " UNTIL_DAY ")"
                  " SELECT g.id, g.name, count(*), total (v.duration_min + v.travel_min),"
                  "  total (v.cost_cents) + g.dues_cents *"
                  "   (SELECT count (DISTINCT strftime ('%Y', x.starts_at, 'unixepoch', 'localtime')) FROM visits x"
                  "    WHERE x.group_id = g.id),"
                  "  (SELECT count(*) FROM event_people p JOIN visits x ON x.id = p.event_id"
                  "   WHERE x.group_id = g.id AND p.deleted = 0 AND p.meaningful),"
                  "  (SELECT count (DISTINCT referral) FROM traced t WHERE t.group_id = g.id),"
                  "  (SELECT total (won) FROM (SELECT DISTINCT referral, won FROM traced t WHERE t.group_id = g.id))"
                  " FROM visits v JOIN groups g ON g.id = v.group_id"
                  " GROUP BY g.id ORDER BY g.sort_key, g.id",
                  from, until, error);
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
                  "SELECT strftime ('%Y-%m', created_at, 'unixepoch', 'localtime'), count(*) FROM contacts"
                  " WHERE deleted = 0 AND created_at >= ?1 AND created_at < ?2 GROUP BY 1 ORDER BY 1",
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
    [RAPPORT_STATS_MET] = "SELECT id, display_name, met, coalesce (CAST (julianday (followed) - julianday (met) AS INTEGER), -1)"
                          " FROM (SELECT c.id, c.display_name, " MET_DAY " AS met, " FIRST_FOLLOWUP_DAY " AS followed"
                          "  FROM contacts c WHERE c.deleted = 0"
                          "  AND " MET_DAY " >= " FROM_DAY " AND " MET_DAY " < " UNTIL_DAY ")"
                          " ORDER BY met, id",
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STATS (self), NULL);
  g_return_val_if_fail (list <= RAPPORT_STATS_WON, NULL);
  g_array_set_clear_func (items, stats_item_clear);

  stmt = prepare (self, queries[list], from, until, error);
  if (stmt == NULL)
    return NULL;
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
