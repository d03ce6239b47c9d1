/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.c: the clock, statistics and layout the benchmark's parts
 * share, so that every figure is read and printed the same way. Samples
 * are GArrays of double. */
#define G_LOG_DOMAIN "bench-rapport"

#include "config.h"

#include "bench-util.h"

#include <gio/gio.h>
#include <math.h>
#include <sqlite3.h>
#include <time.h>

double
bench_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank on a sorted copy: the smallest value with at least @q of
 * the samples at or below it. */
double
bench_percentile (GArray *samples,
                  double q)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  if (samples->len == 0)
    return 0;
  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  rank = (guint) MAX (1.0, ceil (q * sorted->len - 1e-9));
  return g_array_index (sorted, double, MIN (rank, sorted->len) - 1);
}

/* The usual median, halfway between the middle two of an even count. */
double
bench_median (GArray *samples)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = samples->len;

  if (n == 0)
    return 0;
  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  if (n % 2)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

double
bench_mean (GArray *samples)
{
  double sum = 0;

  for (guint i = 0; i < samples->len; i++)
    sum += g_array_index (samples, double, i);
  return samples->len > 0 ? sum / samples->len : 0;
}

double
bench_maximum (GArray *samples)
{
  double max = 0;

  for (guint i = 0; i < samples->len; i++)
    max = MAX (max, g_array_index (samples, double, i));
  return max;
}

/* printf() pads by bytes; "≥" and "–" are three of them but one column. */
char *
bench_pad (const char *label,
           guint width)
{
  glong len = g_utf8_strlen (label, -1);

  return g_strdup_printf ("%s%*s", label, (int) (len < width ? width - len : 0), "");
}

const char *
bench_verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

/* The first column of the first row of @sql, or -1. */
gint64
bench_count_rows (sqlite3 *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The sqlite3 shell, for comparison */

#define SHELL_ROUNDS 3

static int
on_statement_done (unsigned type,
                   void *user_data,
                   void *statement,
                   void *nanoseconds)
{
  GPtrArray *statements = user_data;
  char *expanded;

  if (type != SQLITE_TRACE_PROFILE)
    return 0;
  expanded = sqlite3_expanded_sql (statement);
  if (expanded != NULL)
    g_ptr_array_add (statements, g_strdup (expanded));
  sqlite3_free (expanded);
  return 0;
}

/* One sqlite3 session on @path running @script; returns its wall time in
 * milliseconds, start-up included, or -1. */
static double
run_shell (const char *path,
           const char *script)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  double started = bench_now_ms ();
  double elapsed;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                  G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, "sqlite3", "-batch", "-readonly", path, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, script, NULL, NULL, &err, &error))
    {
      g_printerr ("sqlite3 did not run: %s\n", error->message);
      return -1;
    }
  elapsed = bench_now_ms () - started;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0 ||
      (err != NULL && *err != '\0'))
    {
      g_printerr ("sqlite3 failed: %s\n", err ? err : "");
      return -1;
    }
  return elapsed;
}

static char *
shell_script (GPtrArray *statements,
              guint copies)
{
  GString *script = g_string_new (".timer off\nPRAGMA temp_store = MEMORY;\n");

  for (guint c = 0; c < copies; c++)
    for (guint i = 0; i < statements->len; i++)
      g_string_append_printf (script, "%s;\n", (const char *) g_ptr_array_index (statements, i));
  return g_string_free (script, FALSE);
}

/**
 * bench_shell_ms:
 * @path: the database file
 * @statements: SQL statements, as bench_trace_start() collected them
 * @runs: how many warm runs to average
 *
 * The shell's time for one warm run of @statements: one session runs them
 * once, another once plus @runs times, and the difference leaves out
 * the start-up and the first, cold run alike. The median of a few rounds;
 * -1 when the shell could not run them.
 */
double
bench_shell_ms (const char *path,
                GPtrArray *statements,
                guint runs)
{
  g_autofree char *once = shell_script (statements, 1);
  g_autofree char *many = shell_script (statements, 1 + runs);
  g_autoptr(GArray) rounds = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < SHELL_ROUNDS; r++)
    {
      double a = run_shell (path, once);
      double b = a >= 0 ? run_shell (path, many) : -1;
      double per_run = (b - a) / runs;

      if (a < 0 || b < 0)
        return -1;
      g_array_append_val (rounds, per_run);
    }
  return MAX (bench_median (rounds), 0.001);
}

/**
 * bench_trace_start:
 * @db: a connection
 * @statements: (element-type utf8): collects every statement @db runs, as
 *   SQLite expanded it with its parameters
 *
 * Records what @db runs until bench_trace_stop(), so that the sqlite3
 * shell can run exactly the same.
 */
void
bench_trace_start (sqlite3 *db,
                   GPtrArray *statements)
{
  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, on_statement_done, statements);
}

void
bench_trace_stop (sqlite3 *db)
{
  sqlite3_trace_v2 (db, 0, NULL, NULL);
}

/* Removes a throw-away folder and everything in it. */
void
bench_remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        bench_remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}
