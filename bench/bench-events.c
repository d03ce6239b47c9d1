/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-events.c: the event lists and the group figures at a heavy user's
 * scale, against their targets.
 *
 * Fills a database of its own, in this process, with the sample network
 * and a calendar of N events, then times what the Events and Groups views
 * ask the store for, each after one call that prepares its statements as
 * the running application would have:
 *
 *  - the ids of the upcoming events, the past ones and those to score;
 *  - a page of events read one by one, as the rows on screen are;
 *  - a search over the events, typed a character at a time;
 *  - the number of events waiting for their scorecard;
 *  - every group's figures (rapport_store_get_group_stats), against the
 *    very statements the store ran, as SQLite expanded them with their
 *    parameters, run again by the sqlite3 shell on the same file.
 */
#define G_LOG_DOMAIN "bench-rapport"

#include "config.h"

#include "bench-events.h"
#include "bench-insights.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-util.h"
#include "rapport-sample.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define QUERY_RUNS 50
#define PAGE_SIZE 50

/* The targets, from the project's design; bench/README.md lists them. */
#define TARGET_AGGREGATE_MS 50.0
#define TARGET_SHELL_RATIO 1.5

/* Words of titles, places and group names, typed as someone looking for
 * an event would. */
static const char *const typed_words[] = {
  "mixer",
  "chamber",
  "ribbon",
  "rotary",
  "lunch",
  "webinar",
  "visitor",
  "connectors",
  "golf",
  "cash flow",
};

static void
print_times (const char *label,
             GArray *ms,
             const char *rows)
{
  g_autofree char *padded = bench_pad (label, 24);

  g_print ("  %s p50 %7.3f  p95 %7.3f  max %7.3f ms   %s\n", padded, bench_percentile (ms, 0.50),
           bench_percentile (ms, 0.95), bench_maximum (ms), rows);
}

static gboolean
query_ids (RapportStore *store,
           RapportEventWhen when,
           gint64 now,
           const char *search,
           GArray *ids)
{
  g_autoptr(GError) error = NULL;
  RapportEventQuery query = { when, now, search, 0 };

  g_array_set_size (ids, 0);
  if (!rapport_store_query_event_ids (store, &query, ids, &error))
    {
      g_printerr ("Event query failed: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
time_list (RapportStore *store,
           const char *label,
           RapportEventWhen when,
           gint64 now,
           GArray *ids)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *rows = NULL;

  query_ids (store, when, now, NULL, ids);
  for (guint r = 0; r < QUERY_RUNS; r++)
    {
      double started = bench_now_ms ();
      double elapsed;

      query_ids (store, when, now, NULL, ids);
      elapsed = bench_now_ms () - started;
      g_array_append_val (ms, elapsed);
    }
  rows = g_strdup_printf ("%u rows", ids->len);
  print_times (label, ms, rows);
}

/* Pages spread over the whole list, so that most are read cold from the
 * store's point of view, as when scrolling far. */
static void
time_pages (RapportStore *store,
            GArray *ids)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *rows = NULL;
  guint n_pages = MIN (QUERY_RUNS, ids->len / PAGE_SIZE);

  for (guint p = 0; p < n_pages; p++)
    {
      guint first = (guint) ((guint64) p * (ids->len - PAGE_SIZE) / MAX (1, n_pages - 1));
      double started = bench_now_ms ();
      double elapsed;

      for (guint i = 0; i < PAGE_SIZE; i++)
        {
          g_autoptr(RapportEvent) event = rapport_store_get_event (store, g_array_index (ids, gint64, first + i), NULL);

          if (event == NULL)
            g_printerr ("Event %" G_GINT64_FORMAT " could not be read\n", g_array_index (ids, gint64, first + i));
        }
      elapsed = bench_now_ms () - started;
      g_array_append_val (ms, elapsed);
    }
  rows = g_strdup_printf ("%u pages of %u past events", n_pages, PAGE_SIZE);
  print_times ("a page, event by event", ms, rows);
}

static void
time_search (RapportStore *store,
             gint64 now)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *about = NULL;

  query_ids (store, RAPPORT_EVENTS_ALL, now, "a", ids);
  for (guint w = 0; w < G_N_ELEMENTS (typed_words); w++)
    for (const char *end = typed_words[w]; *end;)
      {
        g_autofree char *typed = NULL;
        double started, elapsed, n;

        end = g_utf8_next_char (end);
        typed = g_strndup (typed_words[w], end - typed_words[w]);
        started = bench_now_ms ();
        query_ids (store, RAPPORT_EVENTS_ALL, now, typed, ids);
        elapsed = bench_now_ms () - started;
        n = ids->len;
        g_array_append_val (ms, elapsed);
        g_array_append_val (rows, n);
      }
  about = g_strdup_printf ("%u prefixes, rows: median %.0f, max %.0f", ms->len, bench_median (rows),
                           bench_maximum (rows));
  print_times ("search as you type", ms, about);
}

static void
time_unscored (RapportStore *store,
               gint64 now)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *about = NULL;
  guint count = rapport_store_count_unscored (store, now);

  for (guint r = 0; r < QUERY_RUNS; r++)
    {
      double started = bench_now_ms ();
      double elapsed;

      count = rapport_store_count_unscored (store, now);
      elapsed = bench_now_ms () - started;
      g_array_append_val (ms, elapsed);
    }
  about = g_strdup_printf ("%u to score", count);
  print_times ("count to score", ms, about);
}

/* The group figures */

static void
time_group_stats (RapportStore *store,
                  const char *path,
                  gint64 now)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  sqlite3 *db = rapport_store_get_db (store);
  double worst_p95 = 0, worst_ratio = 0;

  rapport_store_query_group_ids (store, FALSE, groups, NULL);
  rapport_store_query_group_ids (store, TRUE, groups, NULL);

  g_print ("\nGroup figures (rapport_store_get_group_stats), %d runs per group", QUERY_RUNS);
  if (shell != NULL)
    g_print (", against the same SQL in the sqlite3 shell\n"
             "  (the shell's time is the mean of a warm run; the ratio compares means)\n");
  else
    g_print ("; no sqlite3 shell in PATH to compare with\n");

  for (guint i = 0; i < groups->len; i++)
    {
      gint64 id = g_array_index (groups, gint64, i);
      g_autoptr(RapportGroup) group = rapport_store_get_group (store, id, NULL);
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *name = NULL;
      RapportGroupStats stats;
      double p95, mean, in_shell = -1;

      if (group == NULL)
        continue;
      name = bench_pad (rapport_group_get_name (group), 38);
      /* The first call prepares the statement; it is also the one traced,
       * so that the shell runs exactly what the store ran. */
      bench_trace_start (db, statements);
      rapport_store_get_group_stats (store, id, now, &stats, NULL);
      bench_trace_stop (db);
      for (guint r = 0; r < QUERY_RUNS; r++)
        {
          double started = bench_now_ms ();
          double elapsed;

          rapport_store_get_group_stats (store, id, now, &stats, NULL);
          elapsed = bench_now_ms () - started;
          g_array_append_val (ms, elapsed);
        }
      p95 = bench_percentile (ms, 0.95);
      mean = bench_mean (ms);
      worst_p95 = MAX (worst_p95, p95);
      g_print ("  %s %6u events  p50 %7.3f  p95 %7.3f  mean %7.3f ms", name, stats.n_events,
               bench_percentile (ms, 0.50), p95, mean);
      if (shell != NULL && statements->len > 0)
        in_shell = bench_shell_ms (path, statements, QUERY_RUNS);
      if (in_shell > 0)
        {
          worst_ratio = MAX (worst_ratio, mean / in_shell);
          g_print ("   shell %7.3f ms, ratio %.2f", in_shell, mean / in_shell);
        }
      g_print ("\n");
    }
  g_print ("  group figures: slowest p95 %.2f ms (target ≤ %.0f ms): %s\n", worst_p95, TARGET_AGGREGATE_MS,
           bench_verdict (worst_p95 <= TARGET_AGGREGATE_MS));
  if (worst_ratio > 0)
    g_print ("  group figures: highest ratio to the sqlite3 shell %.2f (target ≤ %.1f): %s\n", worst_ratio,
             TARGET_SHELL_RATIO, bench_verdict (worst_ratio <= TARGET_SHELL_RATIO));
}

/**
 * bench_events_run:
 * @folder: a folder to write the database in
 * @n_contacts: contacts of the sample network
 * @n_events: events of its calendar
 * @n_interactions: interactions for the Insights figures, 0 to skip them
 *
 * Fills a database in @folder and prints the event and group figures,
 * then those of Insights.
 *
 * Returns: 0 when it could measure them, as an exit status
 */
int
bench_events_run (const char *folder,
                  guint n_contacts,
                  guint n_events,
                  guint n_interactions)
{
  g_autofree char *path = g_build_filename (folder, "events.db", NULL);
  g_autofree char *today = rapport_date_today ();
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GStatBuf st;
  double started, seconds;
  sqlite3 *db;

  g_print ("\nEvents and groups\n");
  store = rapport_store_open (path, &error);
  started = bench_now_ms ();
  if (store == NULL ||
      !rapport_sample_fill_full (store, n_contacts, n_events, 1, today, NULL, NULL, NULL, &error))
    {
      g_printerr ("Could not fill %s: %s\n", path, error->message);
      return 1;
    }
  seconds = (bench_now_ms () - started) / 1000.0;
  db = rapport_store_get_db (store);
  g_print ("  sample network of %u contacts and %u events, filled in this process: %.1f s\n", n_contacts, n_events,
           seconds);
  g_print ("  %" G_GINT64_FORMAT " events in %" G_GINT64_FORMAT " groups, %" G_GINT64_FORMAT
           " people met there, %" G_GINT64_FORMAT " interactions",
           bench_count_rows (db, "SELECT count(*) FROM events WHERE deleted = 0"),
           bench_count_rows (db, "SELECT count(*) FROM groups WHERE deleted = 0"),
           bench_count_rows (db, "SELECT count(*) FROM event_people WHERE deleted = 0"),
           bench_count_rows (db, "SELECT count(*) FROM interactions WHERE deleted = 0"));
  rapport_store_exec (store, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  if (g_stat (path, &st) == 0)
    g_print ("; a %.1f MB file", st.st_size / (1024.0 * 1024.0));
  g_print ("\n");

  g_print ("\nEvent lists in core (rapport_store_query_event_ids and friends), %d runs each\n", QUERY_RUNS);
  time_list (store, "upcoming ids", RAPPORT_EVENTS_UPCOMING, now, ids);
  time_list (store, "to score ids", RAPPORT_EVENTS_UNSCORED, now, ids);
  time_list (store, "all ids", RAPPORT_EVENTS_ALL, now, ids);
  time_list (store, "past ids", RAPPORT_EVENTS_PAST, now, ids);
  time_pages (store, ids);
  time_search (store, now);
  time_unscored (store, now);

  time_group_stats (store, path, now);
  return n_interactions > 0 ? bench_insights_run (store, path, n_interactions, now) : 0;
}
