/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart-private.h: what the chart base shares with the kinds of
 * chart and with the tests: where the plot is, the marks the kinds place,
 * the canvas they draw on (the same for the widget and for an exported
 * file), the scales and the way values are worded. */
#pragma once

#include <pango/pangocairo.h>

#include "rapport-chart.h"

G_BEGIN_DECLS

/* How many colours the palette has at most; a series' colour role wraps
 * around the ones it has. */
#define RAPPORT_CHART_N_COLORS 8

/**
 * RapportChartPlot:
 * @x: left edge of the plot area, in pixels
 * @y: top edge
 * @width: width of the plot area
 * @height: height of the plot area
 * @horizontal: whether the x axis runs down the left side (horizontal
 *   bars) rather than along the bottom
 * @axis: what x is
 * @n_slots: how many categories or months the x axis has, 0 when it is
 *   a number or a time
 * @first_month: on a month axis, the month of the first slot, counted
 *   from year 0
 * @x_lo: on a number or time axis, the value at the start of the axis
 * @x_hi: the value at its end
 * @inset: pixels left free at both ends of a number or time axis, so
 *   that marks at the ends do not sit on the frame
 * @band: the room along the x axis for one x: a slot, or on a number or
 *   time axis a share of the axis fit for a bar
 * @y_lo: the value at the start of the value axis
 * @y_hi: the value at its end
 * @y2_lo: the same for the overlay's own scale, on the right
 * @y2_hi: its end
 */
struct _RapportChartPlot
{
  double x;
  double y;
  double width;
  double height;
  gboolean horizontal;
  RapportChartAxis axis;
  guint n_slots;
  gint64 first_month;
  double x_lo;
  double x_hi;
  double inset;
  double band;
  double y_lo;
  double y_hi;
  double y2_lo;
  double y2_hi;
};

double rapport_chart_plot_along (const RapportChartPlot *plot, double x);
double rapport_chart_plot_across (const RapportChartPlot *plot, double y, gboolean overlay);
void rapport_chart_plot_point (const RapportChartPlot *plot,
                               double x,
                               double y,
                               gboolean overlay,
                               double *px,
                               double *py);

typedef enum {
  RAPPORT_CHART_MARK_DOT,
  RAPPORT_CHART_MARK_BAR,
} RapportChartMarkShape;

/**
 * RapportChartMark:
 * @series: index of the series in the chart; the overlay comes after
 *   the others
 * @point: index of the point in the series
 * @shape: a bar or a dot
 * @x: left edge of the mark's box, in pixels
 * @y: top edge of the box
 * @width: width of the box
 * @height: height of the box
 *
 * A drawn point: what tooltips, clicks and the keyboard find.
 */
typedef struct
{
  guint series;
  guint point;
  RapportChartMarkShape shape;
  double x;
  double y;
  double width;
  double height;
} RapportChartMark;

typedef struct
{
  GdkRGBA foreground;
  GdkRGBA background; /* transparent on screen */
  GdkRGBA halo;       /* opaque, the window's background on screen */
  GdkRGBA colors[RAPPORT_CHART_N_COLORS];
  guint n_colors;
} RapportChartPalette;

/**
 * RapportChartCanvas:
 * @chart: the chart being drawn
 * @cr: where to draw, in pixels of the chart
 * @pango: the context text is laid out in
 * @plot: the plot area and its scales
 * @palette: the colours
 * @marks: (element-type RapportChartMark): the marks placed for this
 *   drawing
 */
struct _RapportChartCanvas
{
  RapportChart *chart;
  cairo_t *cr;
  PangoContext *pango;
  const RapportChartPlot *plot;
  const RapportChartPalette *palette;
  GArray *marks;
};

const GdkRGBA *rapport_chart_canvas_get_color (RapportChartCanvas *canvas, guint series);
void rapport_chart_canvas_set_color (RapportChartCanvas *canvas, guint series, double alpha);
PangoLayout *rapport_chart_canvas_text (RapportChartCanvas *canvas, const char *text, double scale);
void rapport_chart_canvas_show (RapportChartCanvas *canvas,
                                PangoLayout *layout,
                                double x,
                                double y,
                                double xalign,
                                double yalign);
void rapport_chart_canvas_draw_dots (RapportChartCanvas *canvas, guint series, gboolean halo);
void rapport_chart_canvas_draw_line (RapportChartCanvas *canvas, guint series, gboolean halo);
void rapport_chart_canvas_clip_to_plot (RapportChartCanvas *canvas, double outset);

void rapport_chart_place_dots (RapportChart *self,
                               const RapportChartPlot *plot,
                               guint series,
                               double radius,
                               GArray *marks);

/* The radius of the dots of points and lines. */
#define RAPPORT_CHART_DOT_RADIUS 4
/* How far a halo reaches beyond a line or a dot. */
#define RAPPORT_CHART_HALO 1.5

/* The size of a file when the widget has none. */
#define RAPPORT_CHART_EXPORT_WIDTH 800
#define RAPPORT_CHART_EXPORT_HEIGHT 480

char *rapport_chart_format_x (RapportChart *self, double x, gboolean iso);
RapportChartSeries *rapport_chart_get_any_series (RapportChart *self, guint index);
guint rapport_chart_get_n_all_series (RapportChart *self);
void rapport_chart_set_overlay (RapportChart *self, RapportChartSeries *series, RapportChartFormat format);
void rapport_chart_set_horizontal (RapportChart *self, gboolean horizontal);
void rapport_chart_invalidate (RapportChart *self);

/* For the tests: what the accessible description says, the colour a
 * series is drawn in, a click at a point of the widget, and the plot and
 * x tick labels laid out for a size. */
char *rapport_chart_dup_description (RapportChart *self);
void rapport_chart_get_series_color (RapportChart *self, guint series, gboolean for_export, GdkRGBA *color);
gboolean rapport_chart_activate_at (RapportChart *self, double x, double y);
void rapport_chart_get_plot (RapportChart *self, int width, int height, RapportChartPlot *plot);
GStrv rapport_chart_dup_x_tick_labels (RapportChart *self, int width, int height);

void rapport_chart_series_freeze (RapportChartSeries *self);
gboolean rapport_chart_series_extent (RapportChartSeries *self,
                                      gboolean use_y,
                                      double *lo,
                                      double *hi);

guint rapport_chart_nice_ticks (double lo, double hi, guint max_ticks, double *first, double *step);
gint64 rapport_chart_month_of (double unix_seconds);
gint64 rapport_chart_month_start (gint64 month);
guint rapport_chart_month_step (gint64 n_months, guint max_ticks);
GArray *rapport_chart_month_ticks (gint64 from, gint64 to, guint max_ticks, guint *step_months);
GArray *rapport_chart_day_ticks (gint64 from, gint64 to, guint max_ticks);
char *rapport_chart_format_value (RapportChartFormat format, double value, gboolean precise);

G_END_DECLS
