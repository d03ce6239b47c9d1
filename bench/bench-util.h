/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h: the clock, statistics and layout the benchmark's parts
 * share. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

double bench_now_ms (void);
double bench_percentile (GArray *samples, double q);
double bench_median (GArray *samples);
double bench_mean (GArray *samples);
double bench_maximum (GArray *samples);
char *bench_pad (const char *label, guint width);
const char *bench_verdict (gboolean met);
gint64 bench_count_rows (sqlite3 *db, const char *sql);
void bench_trace_start (sqlite3 *db, GPtrArray *statements);
void bench_trace_stop (sqlite3 *db);
double bench_shell_ms (const char *path, GPtrArray *statements, guint runs);
void bench_remove_tree (GFile *file);

G_END_DECLS
