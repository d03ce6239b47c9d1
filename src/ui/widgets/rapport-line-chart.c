/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-line-chart.c: each series a line joining its points in the
 * order of x, with a small dot at each; a point without a value breaks
 * the line. Used for figures followed month by month. Axes, legend,
 * tooltips, keyboard and export are the base's. */
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

static void
rapport_line_chart_draw_marks (RapportChart *chart,
                               RapportChartCanvas *canvas)
{
  for (guint s = 0; s < rapport_chart_get_n_all_series (chart); s++)
    rapport_chart_canvas_draw_line (canvas, s);
}

static void
rapport_line_chart_class_init (RapportLineChartClass *klass)
{
  RapportChartClass *chart_class = RAPPORT_CHART_CLASS (klass);

  chart_class->kind_name = N_("Line chart");
  chart_class->draw_marks = rapport_line_chart_draw_marks;
}

static void
rapport_line_chart_init (RapportLineChart *self)
{
}
