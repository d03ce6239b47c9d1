/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart.h: the base of Rapport's charts: axes, scales, ticks,
 * legend, goal lines, tooltips, keyboard, accessibility and export. The
 * kinds of chart (scatter, line, bar) derive from it and only place and
 * draw their marks. */
#pragma once

#include <gtk/gtk.h>

#include "rapport-chart-series.h"

G_BEGIN_DECLS

typedef enum {
  RAPPORT_CHART_AXIS_NUMBER,   /* x is a plain number */
  RAPPORT_CHART_AXIS_MONTHS,   /* x is Unix seconds of the first of a month, UTC midnight */
  RAPPORT_CHART_AXIS_TIME,     /* x is Unix seconds anywhere in time */
  RAPPORT_CHART_AXIS_CATEGORY, /* x is an index into the chart's categories */
} RapportChartAxis;

typedef enum {
  RAPPORT_CHART_FORMAT_NUMBER,  /* 12, 3.5 */
  RAPPORT_CHART_FORMAT_PERCENT, /* a share 0..1, shown "45 %" */
  RAPPORT_CHART_FORMAT_MONEY,   /* cents, shown as an amount */
  RAPPORT_CHART_FORMAT_HOURS,   /* minutes, shown "2.5 h" */
} RapportChartFormat;

typedef enum {
  RAPPORT_CHART_EXPORT_PNG,
  RAPPORT_CHART_EXPORT_SVG,
  RAPPORT_CHART_EXPORT_PDF,
} RapportChartExport;

#define RAPPORT_TYPE_CHART (rapport_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (RapportChart, rapport_chart, RAPPORT, CHART, GtkWidget)

typedef struct _RapportChartPlot RapportChartPlot;
typedef struct _RapportChartCanvas RapportChartCanvas;

/**
 * RapportChartClass:
 * @kind_name: what the chart is, for its accessible description, marked
 *   marked for translation and translated where it is used
 * @compute_range: widens [@x_lo, @x_hi] and [@y_lo, @y_hi], which come in
 *   as the extent of the points, to what the marks need: bars start at
 *   zero and stack
 * @place_marks: appends a #RapportChartMark to @marks for every point
 *   drawn, in the order the keyboard visits them
 * @draw_marks: draws the marks placed on the canvas and what goes with
 *   them: lines, trend lines, labels
 *
 * The base calls these from the one drawing function that the screen and
 * the exported files share; see rapport-chart-private.h for the canvas.
 */
struct _RapportChartClass
{
  GtkWidgetClass parent_class;

  const char *kind_name;

  void (*compute_range) (RapportChart *self, double *x_lo, double *x_hi, double *y_lo, double *y_hi);
  void (*place_marks) (RapportChart *self, const RapportChartPlot *plot, GArray *marks);
  void (*draw_marks) (RapportChart *self, RapportChartCanvas *canvas);

  gpointer padding[8];
};

void rapport_chart_set_title (RapportChart *self, const char *title);
const char *rapport_chart_get_title (RapportChart *self);
void rapport_chart_set_axis_labels (RapportChart *self, const char *x_label, const char *y_label);
void rapport_chart_set_x_axis (RapportChart *self, RapportChartAxis axis);
RapportChartAxis rapport_chart_get_x_axis (RapportChart *self);
void rapport_chart_set_categories (RapportChart *self, const char *const *categories);
void rapport_chart_set_value_format (RapportChart *self, RapportChartFormat format);
RapportChartFormat rapport_chart_get_value_format (RapportChart *self);

void rapport_chart_set_series (RapportChart *self, GPtrArray *series);
guint rapport_chart_get_n_series (RapportChart *self);
RapportChartSeries *rapport_chart_get_series (RapportChart *self, guint index);

void rapport_chart_add_goal (RapportChart *self, double y, const char *label);
void rapport_chart_clear_goals (RapportChart *self);

gboolean rapport_chart_get_mark_position (RapportChart *self,
                                          guint series,
                                          guint point,
                                          int width,
                                          int height,
                                          double *x,
                                          double *y);

void rapport_chart_draw (RapportChart *self, cairo_t *cr, int width, int height, gboolean for_export);
gboolean rapport_chart_export (RapportChart *self,
                               RapportChartExport format,
                               const char *path,
                               int width,
                               int height,
                               GError **error);
char *rapport_chart_to_csv (RapportChart *self);
gboolean rapport_chart_export_csv (RapportChart *self, const char *path, GError **error);

G_END_DECLS
