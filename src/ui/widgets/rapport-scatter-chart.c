/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-scatter-chart.c: a dot a point, coloured by series: event
 * quality over time, coloured by group. With trend lines, each series
 * with two or more points at different x gets its least-squares line
 * across the plot, dashed, so that the trend reads apart from the dots.
 * Axes, legend, tooltips, keyboard and export are the base's. */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-chart-private.h"
#include "rapport-scatter-chart.h"

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

static void
draw_trend_line (RapportChartCanvas *canvas,
                 guint series)
{
  static const double dashes[] = { 8, 4 };
  const RapportChartPlot *plot = canvas->plot;
  double slope, intercept, x0, y0, x1, y1;

  if (!rapport_chart_series_fit_line (rapport_chart_get_any_series (canvas->chart, series), &slope, &intercept))
    return;
  rapport_chart_plot_point (plot, plot->x_lo, slope * plot->x_lo + intercept, FALSE, &x0, &y0);
  rapport_chart_plot_point (plot, plot->x_hi, slope * plot->x_hi + intercept, FALSE, &x1, &y1);
  cairo_save (canvas->cr);
  cairo_rectangle (canvas->cr, plot->x, plot->y, plot->width, plot->height);
  cairo_clip (canvas->cr);
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
    rapport_chart_canvas_draw_dots (canvas, s);
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
