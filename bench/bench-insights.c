/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-insights.c: all of Insights at a heavy user's scale, against its
 * targets.
 *
 * Runs on the database of the event figures (bench-events.c), topped up
 * to N interactions by copying the sample's own, spread over the past
 * year. Then times rapport_insights_compute() on a connection of its own,
 * as the view's worker thread does, for the last twelve months and for
 * all time, and each figure alone; and runs the very statements it ran,
 * as SQLite expanded them with their parameters, in the sqlite3 shell on
 * the same file.
 */
#define G_LOG_DOMAIN "bench-rapport"

#include "config.h"

#include "bench-insights.h"

#include "bench-util.h"
#include "rapport-insights.h"
#include "rapport-store-private.h"

#define RUNS 20

/* The targets, from the project's design; bench/README.md lists them. */
#define TARGET_MS 50.0
#define TARGET_SHELL_RATIO 1.5

static gboolean
top_up_interactions (RapportStore *store,
                     guint n_interactions)
{
  sqlite3 *db = rapport_store_get_db (store);
  g_autoptr(GError) error = NULL;
  gint64 have = bench_count_rows (db, "SELECT count(*) FROM interactions");

  while (have < n_interactions)
    {
      g_autofree char *sql = g_strdup_printf (
          "INSERT INTO interactions (uuid, contact_id, kind, happened_at, note, created, updated)"
          " SELECT lower (hex (randomblob (16))), contact_id, kind, happened_at - abs (random () %% 31536000),"
          "  note, created, updated FROM interactions WHERE deleted = 0 LIMIT %" G_GINT64_FORMAT,
          n_interactions - have);

      if (!rapport_store_exec (store, sql, &error))
        {
          g_printerr ("Could not add interactions: %s\n", error->message);
          return FALSE;
        }
      have = bench_count_rows (db, "SELECT count(*) FROM interactions");
    }
  rapport_store_exec (store, "ANALYZE; PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  return TRUE;
}

static double
time_compute (RapportStats *stats,
              const RapportPeriod *period,
              GArray *ms)
{
  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(RapportInsights) insights = NULL;
      double started = bench_now_ms ();
      double elapsed;

      insights = rapport_insights_compute (stats, period, NULL, NULL);
      elapsed = bench_now_ms () - started;
      if (insights == NULL)
        return -1;
      g_array_append_val (ms, elapsed);
    }
  return bench_mean (ms);
}

static GArray *
followup_speed (RapportStats *stats,
                gint64 from,
                gint64 until,
                GError **error)
{
  return rapport_stats_followup_speed (stats, from, until, 1, error);
}

/* Each figure alone, to see where the time goes. */
static void
time_each (RapportStats *stats,
           const RapportPeriod *period)
{
  static const struct
  {
    const char *name;
    GArray *(*func) (RapportStats *, gint64, gint64, GError **);
  } figures[] = {
    { "quality points", rapport_stats_quality_points },
    { "quality by group", rapport_stats_quality_by_group },
    { "quality by kind", rapport_stats_quality_by_kind },
    { "activity", rapport_stats_activity },
    { "follow-up speed", followup_speed },
    { "partners", rapport_stats_partners },
    { "closed by month", rapport_stats_closed_by_month },
    { "group returns", rapport_stats_group_returns },
    { "growth", rapport_stats_growth },
  };

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *label = bench_pad (figures[i].name, 20);
      guint rows = 0;

      for (guint r = 0; r < RUNS; r++)
        {
          double started = bench_now_ms ();
          GArray *result = figures[i].func (stats, period->from, period->until, NULL);
          double elapsed = bench_now_ms () - started;

          g_array_append_val (ms, elapsed);
          rows = result ? result->len : 0;
          g_clear_pointer (&result, g_array_unref);
        }
      g_print ("    %s p50 %7.3f  p95 %7.3f ms   %u rows\n", label, bench_percentile (ms, 0.5),
               bench_percentile (ms, 0.95), rows);
    }
  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *label = bench_pad ("summary (twice)", 20);

    for (guint r = 0; r < RUNS; r++)
      {
        RapportSummary summary;
        double started = bench_now_ms ();
        double elapsed;

        rapport_stats_summary (stats, period->from, period->until, 1, &summary, NULL);
        rapport_stats_summary (stats, period->previous_from, period->previous_until, 1, &summary, NULL);
        elapsed = bench_now_ms () - started;
        g_array_append_val (ms, elapsed);
      }
    g_print ("    %s p50 %7.3f  p95 %7.3f ms\n", label, bench_percentile (ms, 0.5), bench_percentile (ms, 0.95));
  }
}

static void
measure (RapportStats *stats,
         sqlite3 *db,
         const char *path,
         const char *name,
         const RapportPeriod *period,
         double *worst_p95,
         double *worst_ratio)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RapportInsights) first = NULL;
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autofree char *label = bench_pad (name, 20);
  double mean, in_shell = -1;

  /* The first run prepares the statements, and is the one traced. */
  bench_trace_start (db, statements);
  first = rapport_insights_compute (stats, period, NULL, NULL);
  bench_trace_stop (db);
  if (first == NULL)
    {
      g_printerr ("Insights failed\n");
      return;
    }
  mean = time_compute (stats, period, ms);
  *worst_p95 = MAX (*worst_p95, bench_percentile (ms, 0.95));
  g_print ("  %s p50 %7.3f  p95 %7.3f  mean %7.3f ms  (%u scored events, %u people met)", label,
           bench_percentile (ms, 0.5), bench_percentile (ms, 0.95), mean, first->summary.n_scored,
           first->summary.n_met);
  if (shell != NULL)
    in_shell = bench_shell_ms (path, statements, RUNS);
  if (in_shell > 0)
    {
      *worst_ratio = MAX (*worst_ratio, mean / in_shell);
      g_print ("   shell %7.3f ms, ratio %.2f", in_shell, mean / in_shell);
    }
  g_print ("\n");
  time_each (stats, period);
}

/**
 * bench_insights_run:
 * @store: the store of the event figures
 * @path: its file
 * @n_interactions: how many interactions to have
 * @now: the present moment
 *
 * Returns: 0 when it could measure, as an exit status
 */
int
bench_insights_run (RapportStore *store,
                    const char *path,
                    guint n_interactions,
                    gint64 now)
{
  g_autoptr(RapportStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  RapportPeriod year, all;
  double started = bench_now_ms ();
  double worst_p95 = 0, worst_ratio = 0;
  sqlite3 *db;

  g_print ("\nInsights (rapport_insights_compute on a read-only connection), %d runs each", RUNS);
  if (!top_up_interactions (store, n_interactions))
    return 1;
  g_print ("\n  topped up to %" G_GINT64_FORMAT " interactions in %.1f s; %" G_GINT64_FORMAT " events, %" G_GINT64_FORMAT
           " contacts, %" G_GINT64_FORMAT " referrals\n",
           bench_count_rows (rapport_store_get_db (store), "SELECT count(*) FROM interactions"),
           (bench_now_ms () - started) / 1000.0,
           bench_count_rows (rapport_store_get_db (store), "SELECT count(*) FROM events"),
           bench_count_rows (rapport_store_get_db (store), "SELECT count(*) FROM contacts"),
           bench_count_rows (rapport_store_get_db (store), "SELECT count(*) FROM referrals"));

  stats = rapport_stats_open (path, &error);
  if (stats == NULL)
    {
      g_printerr ("Could not open the figures: %s\n", error->message);
      return 1;
    }
  db = rapport_stats_get_db (stats);
  rapport_period_for_months (&year, now, 12);
  year.window_days = 1;
  rapport_period_all (&all, now);
  all.window_days = 1;
  measure (stats, db, path, "last 12 months", &year, &worst_p95, &worst_ratio);
  measure (stats, db, path, "all time", &all, &worst_p95, &worst_ratio);

  g_print ("  Insights: slowest p95 %.2f ms (target ≤ %.0f ms): %s\n", worst_p95, TARGET_MS,
           bench_verdict (worst_p95 <= TARGET_MS));
  if (worst_ratio > 0)
    g_print ("  Insights: highest ratio to the sqlite3 shell %.2f (target ≤ %.1f): %s\n", worst_ratio,
             TARGET_SHELL_RATIO, bench_verdict (worst_ratio <= TARGET_SHELL_RATIO));
  return 0;
}
