/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-insights.c: every figure of the Insights view for one period,
 * computed at once in a worker thread on a read-only connection, so that
 * the window never waits for SQL.
 *
 * A period runs from a local midnight to the midnight after its last day.
 * "The last three months" ends tonight and starts three calendar months
 * earlier; the period it is compared with is the three months before.
 */
#define G_LOG_DOMAIN "rapport-insights"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-error.h"
#include "rapport-insights.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

/* The local midnight that starts tomorrow. */
static GDateTime *
end_of_today (gint64 now)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (moment),
                                                          g_date_time_get_month (moment),
                                                          g_date_time_get_day_of_month (moment), 0, 0, 0);

  return g_date_time_add_days (midnight, 1);
}

/**
 * rapport_period_for_months:
 * @period: (out caller-allocates): the period
 * @now: the present moment
 * @months: how many months back from tonight
 *
 * The last @months months, compared with the @months before them.
 */
void
rapport_period_for_months (RapportPeriod *period,
                           gint64 now,
                           int months)
{
  g_autoptr(GDateTime) until = end_of_today (now);
  g_autoptr(GDateTime) from = g_date_time_add_months (until, -months);
  g_autoptr(GDateTime) previous = g_date_time_add_months (until, -2 * months);

  g_return_if_fail (months > 0);

  period->until = g_date_time_to_unix (until);
  period->from = g_date_time_to_unix (from);
  period->previous_until = period->from;
  period->previous_from = g_date_time_to_unix (previous);
  period->now = now;
}

static GDateTime *
midnight_of (const char *day)
{
  int year, month, date;

  if (!rapport_date_is_valid (day) || sscanf (day, "%d-%d-%d", &year, &month, &date) != 3)
    return NULL;
  return g_date_time_new_local (year, month, date, 0, 0, 0);
}

/**
 * rapport_period_for_days:
 * @period: (out caller-allocates): the period
 * @now: the present moment
 * @first_day: its first day, YYYY-MM-DD
 * @last_day: its last day, included
 *
 * A period of whole days, compared with as many days before it.
 *
 * Returns: %TRUE, or %FALSE (and @period untouched) when the days are not
 *   valid YYYY-MM-DD dates of the years 1900 to 2999, or @last_day comes
 *   before @first_day
 */
gboolean
rapport_period_for_days (RapportPeriod *period,
                         gint64 now,
                         const char *first_day,
                         const char *last_day)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) previous = NULL;
  int days;

  if (!rapport_date_is_valid (first_day) || !rapport_date_is_valid (last_day) ||
      strcmp (first_day, "1900-01-01") < 0 || strcmp (last_day, "2999-12-31") > 0 || strcmp (first_day, last_day) > 0)
    return FALSE;
  first = midnight_of (first_day);
  last = midnight_of (last_day);
  if (first == NULL || last == NULL)
    return FALSE;

  until = g_date_time_add_days (last, 1);
  /* Calendar days: a day of 23 or 25 hours around a change of clocks
   * counts as one. */
  days = (int) ((g_date_time_difference (until, first) + G_TIME_SPAN_HOUR * 2) / G_TIME_SPAN_DAY);
  previous = g_date_time_add_days (first, -days);
  period->from = g_date_time_to_unix (first);
  period->until = g_date_time_to_unix (until);
  period->previous_until = period->from;
  period->previous_from = g_date_time_to_unix (previous);
  period->now = now;
  return TRUE;
}

/**
 * rapport_period_all:
 * @period: (out caller-allocates): the period
 * @now: the present moment
 *
 * Everything until tonight, compared with nothing.
 */
void
rapport_period_all (RapportPeriod *period,
                    gint64 now)
{
  g_autoptr(GDateTime) until = end_of_today (now);

  period->from = 0;
  period->until = g_date_time_to_unix (until);
  period->previous_from = period->previous_until = 0;
  period->now = now;
}

void
rapport_insights_free (RapportInsights *insights)
{
  if (insights == NULL)
    return;
  g_clear_pointer (&insights->quality_points, g_array_unref);
  g_clear_pointer (&insights->quality_by_group, g_array_unref);
  g_clear_pointer (&insights->quality_by_kind, g_array_unref);
  g_clear_pointer (&insights->activity, g_array_unref);
  g_clear_pointer (&insights->followup_speed, g_array_unref);
  g_clear_pointer (&insights->partners, g_array_unref);
  g_clear_pointer (&insights->closed, g_array_unref);
  g_clear_pointer (&insights->group_returns, g_array_unref);
  g_clear_pointer (&insights->growth, g_array_unref);
  g_free (insights);
}

typedef GArray *(*StatsFunc) (RapportStats *stats, gint64 from, gint64 until, GError **error);

/* Every figure of @period into @insights, on one read transaction. */
static gboolean
compute_figures (RapportStats *stats,
                 const RapportPeriod *period,
                 RapportInsights *insights,
                 GCancellable *cancellable,
                 GError **error)
{
  struct
  {
    StatsFunc func;
    GArray **array;
  } figures[] = {
    { rapport_stats_quality_points, &insights->quality_points },
    { rapport_stats_quality_by_group, &insights->quality_by_group },
    { rapport_stats_quality_by_kind, &insights->quality_by_kind },
    { rapport_stats_activity, &insights->activity },
    { rapport_stats_partners, &insights->partners },
    { rapport_stats_closed_by_month, &insights->closed },
    { rapport_stats_group_returns, &insights->group_returns },
    { rapport_stats_growth, &insights->growth },
  };

  if (!rapport_stats_summary (stats, period->from, period->until, period->window_days, &insights->summary, error))
    return FALSE;
  if (period->previous_until > period->previous_from &&
      !rapport_stats_summary (stats, period->previous_from, period->previous_until, period->window_days,
                              &insights->previous, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      *figures[i].array = figures[i].func (stats, period->from, period->until, error);
      if (*figures[i].array == NULL)
        return FALSE;
    }
  insights->followup_speed = rapport_stats_followup_speed (stats, period->from, period->until, period->window_days,
                                                           error);
  if (insights->followup_speed == NULL)
    return FALSE;
  insights->neglected = rapport_stats_neglected (stats, period->now, error);
  return error == NULL || *error == NULL;
}

/**
 * rapport_insights_compute:
 * @stats: a reader, used by this thread only for the call
 * @period: the period
 * @cancellable: (nullable): stops between two figures
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error
 */
RapportInsights *
rapport_insights_compute (RapportStats *stats,
                          const RapportPeriod *period,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr(RapportInsights) insights = g_new0 (RapportInsights, 1);
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STATS (stats), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  insights->period = *period;
  /* One read transaction: every figure sees the same moment of the file,
   * whatever the window writes meanwhile. */
  if (sqlite3_exec (rapport_stats_get_db (stats), "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, _("The database reported an error: %s"), sqlite3_errmsg (rapport_stats_get_db (stats)));
      return NULL;
    }
  ok = compute_figures (stats, period, insights, cancellable, error);
  sqlite3_exec (rapport_stats_get_db (stats), "COMMIT", NULL, NULL, NULL);
  return ok ? g_steal_pointer (&insights) : NULL;
}

typedef struct
{
  char *path;
  RapportPeriod period;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job);
}

static void
compute_in_thread (GTask *task,
                   gpointer source,
                   gpointer data,
                   GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(RapportStats) stats = NULL;
  RapportInsights *insights;
  GError *error = NULL;

  stats = rapport_stats_open (job->path, &error);
  if (stats == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  insights = rapport_insights_compute (stats, &job->period, cancellable, &error);
  if (insights == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, insights, (GDestroyNotify) rapport_insights_free);
}

/**
 * rapport_insights_compute_async:
 * @path: the store's database file
 * @period: the period
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in this thread's main context with the figures
 * @user_data: for @callback
 *
 * Computes the figures in a worker thread on a connection of its own.
 */
void
rapport_insights_compute_async (const char *path,
                                const RapportPeriod *period,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (path);
  job->period = *period;
  g_task_set_source_tag (task, rapport_insights_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_in_thread);
}

/**
 * rapport_insights_compute_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED when
 *   cancelled
 *
 * Returns: (transfer full) (nullable): the figures
 */
RapportInsights *
rapport_insights_compute_finish (GAsyncResult *result,
                                 GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
