/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart-series.c: a named list of points, the plain data a chart
 * draws. The statistics hand out numbers; the Insights view turns them
 * into series and gives them to a chart, which keeps a reference.
 *
 * A series is a reference-counted boxed type rather than a GObject: it
 * has no signals and nothing to notify, because it does not change once
 * a chart draws it. Adding points to a series that a chart holds is a
 * programming error, reported with a critical, so that a chart never
 * shows numbers that its accessible description and its tooltips do
 * not know about. */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include "rapport-chart-private.h"

struct _RapportChartSeries
{
  grefcount ref_count;
  gboolean frozen; /* held by a chart */
  char *name;
  guint color_role;
  GArray *points; /* of RapportChartPoint */
};

G_DEFINE_BOXED_TYPE (RapportChartSeries, rapport_chart_series, rapport_chart_series_ref, rapport_chart_series_unref)

static void
clear_point (gpointer data)
{
  RapportChartPoint *point = data;

  g_clear_pointer (&point->label, g_free);
}

/**
 * rapport_chart_series_new:
 * @name: what the series is, as the legend and tooltips name it
 * @color_role: which colour of the chart palette it is drawn in: 0 is the
 *   accent colour; roles beyond the palette wrap around
 *
 * Returns: (transfer full): an empty series
 */
RapportChartSeries *
rapport_chart_series_new (const char *name,
                          guint color_role)
{
  RapportChartSeries *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (RapportChartSeries, 1);
  g_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->color_role = color_role;
  self->points = g_array_new (FALSE, FALSE, sizeof (RapportChartPoint));
  g_array_set_clear_func (self->points, clear_point);
  return self;
}

RapportChartSeries *
rapport_chart_series_ref (RapportChartSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
rapport_chart_series_unref (RapportChartSeries *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->points);
  g_free (self->name);
  g_free (self);
}

/**
 * rapport_chart_series_add:
 * @self: a series that no chart holds yet
 * @x: the point's place along the x axis
 * @y: its value, or NAN for none
 *
 * Adds a point with no label and nothing behind it.
 */
void
rapport_chart_series_add (RapportChartSeries *self,
                          double x,
                          double y)
{
  rapport_chart_series_add_full (self, x, y, NULL, RAPPORT_CHART_NO_ID);
}

/**
 * rapport_chart_series_add_full:
 * @self: a series that no chart holds yet
 * @x: the point's place along the x axis: a number, Unix seconds, or a
 *   category index
 * @y: its value, or NAN for none
 * @label: (nullable): a short note for the tooltip and the mark
 * @id: what activating the mark opens, or %RAPPORT_CHART_NO_ID
 *
 * Adds a point. Points of a line are joined in the order of their x.
 */
void
rapport_chart_series_add_full (RapportChartSeries *self,
                               double x,
                               double y,
                               const char *label,
                               gint64 id)
{
  RapportChartPoint point = { x, y, g_strdup (label), id };

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->frozen);
  g_return_if_fail (isfinite (x));

  g_array_append_val (self->points, point);
}

const char *
rapport_chart_series_get_name (RapportChartSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

guint
rapport_chart_series_get_color_role (RapportChartSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->color_role;
}

guint
rapport_chart_series_get_n_points (RapportChartSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->points->len;
}

/**
 * rapport_chart_series_get_point:
 * @self: a series
 * @index: which point, in the order they were added
 *
 * Returns: (transfer none): the point, valid as long as the series
 */
const RapportChartPoint *
rapport_chart_series_get_point (RapportChartSeries *self,
                                guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  return &g_array_index (self->points, RapportChartPoint, index);
}

/* Called by the chart that takes the series: from now on it is read-only. */
void
rapport_chart_series_freeze (RapportChartSeries *self)
{
  self->frozen = TRUE;
}

/* The smallest and largest finite x (or y) of the points; FALSE when none
 * has one. */
gboolean
rapport_chart_series_extent (RapportChartSeries *self,
                             gboolean use_y,
                             double *lo,
                             double *hi)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->points->len; i++)
    {
      const RapportChartPoint *point = &g_array_index (self->points, RapportChartPoint, i);
      double v = use_y ? point->y : point->x;

      if (!isfinite (v) || !isfinite (point->y))
        continue;
      *lo = any ? MIN (*lo, v) : v;
      *hi = any ? MAX (*hi, v) : v;
      any = TRUE;
    }
  return any;
}

/**
 * rapport_chart_series_fit_line:
 * @self: a series
 * @slope: (out): how much y grows for each unit of x
 * @intercept: (out): y at x = 0
 *
 * Fits the least-squares straight line through the points that have a
 * value: the trend of event quality over time. The sums are taken about
 * the means, so that x in Unix seconds (around 1.7 × 10⁹) loses no
 * precision.
 *
 * Returns: %FALSE when fewer than two points with different x have a value
 */
gboolean
rapport_chart_series_fit_line (RapportChartSeries *self,
                               double *slope,
                               double *intercept)
{
  double mean_x = 0, mean_y = 0, sxx = 0, sxy = 0;
  guint n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (slope != NULL && intercept != NULL, FALSE);

  for (guint i = 0; i < self->points->len; i++)
    {
      const RapportChartPoint *point = &g_array_index (self->points, RapportChartPoint, i);

      if (!isfinite (point->y))
        continue;
      n++;
      mean_x += (point->x - mean_x) / n;
      mean_y += (point->y - mean_y) / n;
    }
  for (guint i = 0; i < self->points->len; i++)
    {
      const RapportChartPoint *point = &g_array_index (self->points, RapportChartPoint, i);

      if (!isfinite (point->y))
        continue;
      sxx += (point->x - mean_x) * (point->x - mean_x);
      sxy += (point->x - mean_x) * (point->y - mean_y);
    }
  if (n < 2 || sxx <= 0)
    return FALSE;
  *slope = sxy / sxx;
  *intercept = mean_y - *slope * mean_x;
  return TRUE;
}
