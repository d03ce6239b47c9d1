/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-line-chart.c: each series a line joining its points in the
 * order of x, with a small dot at each; a point without a value breaks
 * the line. Used for figures followed month by month, so the value axis
 * always shows zero. Axes, legend, tooltips, keyboard and export are the
 * base's. */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-chart-private.h"
#include "rapport-line-chart.h"

struct _RapportLineChart
{
  RapportChart parent_instance;
};

G_DEFINE_FINAL_TYPE (RapportLineChart, rapport_line_chart, RAPPORT_TYPE_CHART)

GtkWidget *
rapport_line_chart_new (void)
{
  return g_object_new (RAPPORT_TYPE_LINE_CHART, NULL);
}

/* Every format a line chart shows (counts, amounts, hours, shares) is
 * read against zero: an axis that starts at 65 % or at 40 events makes a
 * small swing look like a fall. Ticks from zero at 1, 2 or 5 × 10ⁿ never
 * pass 100 % for shares that do not. */
static void
rapport_line_chart_compute_range (RapportChart *chart,
                                  double *x_lo,
                                  double *x_hi,
                                  double *y_lo,
                                  double *y_hi)
{
  *y_lo = MIN (*y_lo, 0);
  *y_hi = MAX (*y_hi, 0);
}

static void
rapport_line_chart_draw_marks (RapportChart *chart,
                               RapportChartCanvas *canvas)
{
  for (guint s = 0; s < rapport_chart_get_n_all_series (chart); s++)
    rapport_chart_canvas_draw_line (canvas, s, FALSE);
}

static void
rapport_line_chart_class_init (RapportLineChartClass *klass)
{
  RapportChartClass *chart_class = RAPPORT_CHART_CLASS (klass);

  chart_class->kind_name = N_("Line chart");
  chart_class->compute_range = rapport_line_chart_compute_range;
  chart_class->draw_marks = rapport_line_chart_draw_marks;
}

static void
rapport_line_chart_init (RapportLineChart *self)
{
}
