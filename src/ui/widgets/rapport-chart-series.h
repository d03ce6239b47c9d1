/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart-series.h: the numbers one chart series draws. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RAPPORT_CHART_NO_ID:
 *
 * The id of a point with nothing behind it to open.
 */
#define RAPPORT_CHART_NO_ID G_MININT64

/**
 * RapportChartPoint:
 * @x: where the point is along the x axis: a number, a time in Unix
 *   seconds on a time axis, or the index of a category
 * @y: its value; NAN for a missing value, which draws nothing (and breaks
 *   a line)
 * @label: (nullable): a short note shown in the tooltip and, where the
 *   chart labels its marks, beside the mark: an event's title, "n = 4"
 * @id: what the view opens when the mark is activated (an event, a group,
 *   a contact), or %RAPPORT_CHART_NO_ID
 */
typedef struct
{
  double x;
  double y;
  char *label;
  gint64 id;
} RapportChartPoint;

#define RAPPORT_TYPE_CHART_SERIES (rapport_chart_series_get_type ())

typedef struct _RapportChartSeries RapportChartSeries;

GType rapport_chart_series_get_type (void) G_GNUC_CONST;

RapportChartSeries *rapport_chart_series_new (const char *name, guint color_role);
RapportChartSeries *rapport_chart_series_ref (RapportChartSeries *self);
void rapport_chart_series_unref (RapportChartSeries *self);

void rapport_chart_series_add (RapportChartSeries *self, double x, double y);
void rapport_chart_series_add_full (RapportChartSeries *self,
                                    double x,
                                    double y,
                                    const char *label,
                                    gint64 id);

const char *rapport_chart_series_get_name (RapportChartSeries *self);
guint rapport_chart_series_get_color_role (RapportChartSeries *self);
guint rapport_chart_series_get_n_points (RapportChartSeries *self);
const RapportChartPoint *rapport_chart_series_get_point (RapportChartSeries *self, guint index);
gboolean rapport_chart_series_fit_line (RapportChartSeries *self, double *slope, double *intercept);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportChartSeries, rapport_chart_series_unref)

G_END_DECLS
