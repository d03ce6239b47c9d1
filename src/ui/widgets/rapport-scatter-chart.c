/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-scatter-chart.c: a dot a point, coloured by series: event
 * quality over time, coloured by group. With trend lines, each series
 * with four or more points spread along the x axis gets its least-squares
 * line from its first point to its last, dashed, so that the trend reads
 * apart from the dots; nothing it draws leaves the plot.
 * Axes, legend, tooltips, keyboard and export are the base's. */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "rapport-chart-private.h"
#include "rapport-scatter-chart.h"

#define MIN_TREND_POINTS 4    /* a series needs for a trend line */
#define MIN_TREND_SPREAD 0.15 /* of the x axis its points must span */

struct _RapportScatterChart
{
  RapportChart parent_instance;

  gboolean trend_lines;
};

G_DEFINE_FINAL_TYPE (RapportScatterChart, rapport_scatter_chart, RAPPORT_TYPE_CHART)

GtkWidget *
rapport_scatter_chart_new (void)
{
  return g_object_new (RAPPORT_TYPE_SCATTER_CHART, NULL);
}

/**
 * rapport_scatter_chart_set_trend_lines:
 * @self: a scatter chart
 * @trend: whether to draw each series' trend line
 */
void
rapport_scatter_chart_set_trend_lines (RapportScatterChart *self,
                                       gboolean trend)
{
  g_return_if_fail (RAPPORT_IS_SCATTER_CHART (self));

  self->trend_lines = !!trend;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
rapport_scatter_chart_get_trend_lines (RapportScatterChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_SCATTER_CHART (self), FALSE);

  return self->trend_lines;
}

/* Whether @series has enough points, spread far enough along the axis,
 * for its trend to mean something: a line through two or three events
 * says more about chance than about the group; and its x extent. */
static gboolean
has_trend (RapportChartSeries *series,
           const RapportChartPlot *plot,
           double *x_lo,
           double *x_hi)
{
  guint n = 0;

  for (guint i = 0; i < rapport_chart_series_get_n_points (series); i++)
    n += isfinite (rapport_chart_series_get_point (series, i)->y);
  if (n < MIN_TREND_POINTS || !rapport_chart_series_extent (series, FALSE, x_lo, x_hi))
    return FALSE;
  return *x_hi - *x_lo >= MIN_TREND_SPREAD * (plot->x_hi - plot->x_lo) && *x_hi > *x_lo;
}

/* The trend across the series' own points only, from its first to its
 * last, not across the whole axis: a line beyond the data would claim
 * what nobody measured. */
static void
draw_trend_line (RapportChartCanvas *canvas,
                 guint series)
{
  static const double dashes[] = { 8, 4 };
  const RapportChartPlot *plot = canvas->plot;
  RapportChartSeries *s = rapport_chart_get_any_series (canvas->chart, series);
  double slope, intercept, lo, hi, x0, y0, x1, y1;

  if (!has_trend (s, plot, &lo, &hi) || !rapport_chart_series_fit_line (s, &slope, &intercept))
    return;
  rapport_chart_plot_point (plot, lo, slope * lo + intercept, FALSE, &x0, &y0);
  rapport_chart_plot_point (plot, hi, slope * hi + intercept, FALSE, &x1, &y1);
  cairo_save (canvas->cr);
  rapport_chart_canvas_clip_to_plot (canvas, 0);
  cairo_move_to (canvas->cr, x0, y0);
  cairo_line_to (canvas->cr, x1, y1);
  cairo_set_dash (canvas->cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (canvas->cr, 2);
  rapport_chart_canvas_set_color (canvas, series, 0.7);
  cairo_stroke (canvas->cr);
  cairo_restore (canvas->cr);
}

static void
rapport_scatter_chart_draw_marks (RapportChart *chart,
                                  RapportChartCanvas *canvas)
{
  RapportScatterChart *self = RAPPORT_SCATTER_CHART (chart);
  guint n = rapport_chart_get_n_all_series (chart);

  /* Lines under the dots, so that every dot shows whole. */
  for (guint s = 0; self->trend_lines && s < n; s++)
    draw_trend_line (canvas, s);
  for (guint s = 0; s < n; s++)
    rapport_chart_canvas_draw_dots (canvas, s, FALSE);
}

static void
rapport_scatter_chart_class_init (RapportScatterChartClass *klass)
{
  RapportChartClass *chart_class = RAPPORT_CHART_CLASS (klass);

  chart_class->kind_name = N_("Scatter chart");
  chart_class->draw_marks = rapport_scatter_chart_draw_marks;
}

static void
rapport_scatter_chart_init (RapportScatterChart *self)
{
}
