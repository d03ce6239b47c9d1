/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.c: the clock, statistics and layout the benchmark's parts
 * share, so that every figure is read and printed the same way. Samples
 * are GArrays of double. */
#define G_LOG_DOMAIN "bench-rapport"

#include "config.h"

#include "bench-util.h"

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
