/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-bar-chart.c: bars at categories or months. Several series stand
 * side by side in each slot (quality by group and kind of event), or are
 * stacked (contacts followed up the same day, the next, later or never,
 * per month). Lying bars suit long lists of names: the chart then grows
 * a row for each, so that names stay readable on a phone. A point's label
 * ("n = 4") goes beyond the end of its bar, or inside the end when the
 * plot has no room beyond, or inside a stacked segment, when it fits. An
 * overlay line with its own scale on the right, edged so that it reads
 * over any bar, can run over the bars: the share within the user's
 * follow-up window. Axes, legend, tooltips, keyboard and export are the
 * base's. */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-bar-chart.h"
#include "rapport-chart-private.h"

#define MAX_BAR 48.0   /* pixels across a bar */
#define BAR_SHARE 0.75 /* of a slot, the rest a gap between slots */
#define LABEL_PAD 4    /* between a label and the end of its bar */

struct _RapportBarChart
{
  RapportChart parent_instance;

  gboolean stacked;
};

G_DEFINE_FINAL_TYPE (RapportBarChart, rapport_bar_chart, RAPPORT_TYPE_CHART)

/* The running totals of a stack, above and below zero. */
typedef struct
{
  double x;
  double up;
  double down;
} Stack;

GtkWidget *
rapport_bar_chart_new (void)
{
  return g_object_new (RAPPORT_TYPE_BAR_CHART, NULL);
}

/**
 * rapport_bar_chart_set_stacked:
 * @self: a bar chart
 * @stacked: whether the series pile up in one bar per x rather than
 *   standing side by side
 */
void
rapport_bar_chart_set_stacked (RapportBarChart *self,
                               gboolean stacked)
{
  g_return_if_fail (RAPPORT_IS_BAR_CHART (self));

  self->stacked = !!stacked;
  /* The value axis changes with the totals. */
  rapport_chart_invalidate (RAPPORT_CHART (self));
}

gboolean
rapport_bar_chart_get_stacked (RapportBarChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_BAR_CHART (self), FALSE);

  return self->stacked;
}

/**
 * rapport_bar_chart_set_horizontal:
 * @self: a bar chart
 * @horizontal: whether the bars lie, categories listed down the left
 *
 * A chart with lying bars asks for a row's height per category.
 */
void
rapport_bar_chart_set_horizontal (RapportBarChart *self,
                                  gboolean horizontal)
{
  g_return_if_fail (RAPPORT_IS_BAR_CHART (self));

  rapport_chart_set_horizontal (RAPPORT_CHART (self), horizontal);
}

/**
 * rapport_bar_chart_set_overlay:
 * @self: a bar chart
 * @line: (nullable): a series of shares (0 to 1), drawn as a line with
 *   dots over the bars on a percentage scale of its own, on the right
 *
 * The chart keeps a reference to @line and freezes it. Its marks have the
 * series index rapport_chart_get_n_series().
 */
void
rapport_bar_chart_set_overlay (RapportBarChart *self,
                               RapportChartSeries *line)
{
  g_return_if_fail (RAPPORT_IS_BAR_CHART (self));

  rapport_chart_set_overlay (RAPPORT_CHART (self), line, RAPPORT_CHART_FORMAT_PERCENT);
}

static Stack *
find_stack (GArray *stacks,
            double x)
{
  Stack stack = { x, 0, 0 };

  for (guint i = 0; i < stacks->len; i++)
    if (g_array_index (stacks, Stack, i).x == x)
      return &g_array_index (stacks, Stack, i);
  g_array_append_val (stacks, stack);
  return &g_array_index (stacks, Stack, stacks->len - 1);
}

/* Calls @func for every bar: its series, point, and the values where it
 * starts and ends. */
typedef void (*BarFunc) (RapportBarChart *self, guint series, guint point, double from, double to, gpointer data);

static void
foreach_bar (RapportBarChart *self,
             BarFunc func,
             gpointer data)
{
  g_autoptr(GArray) stacks = g_array_new (FALSE, FALSE, sizeof (Stack));
  RapportChart *chart = RAPPORT_CHART (self);

  for (guint s = 0; s < rapport_chart_get_n_series (chart); s++)
    {
      RapportChartSeries *series = rapport_chart_get_series (chart, s);

      for (guint i = 0; i < rapport_chart_series_get_n_points (series); i++)
        {
          const RapportChartPoint *point = rapport_chart_series_get_point (series, i);
          double *total;

          if (!isfinite (point->y))
            continue;
          if (!self->stacked)
            {
              func (self, s, i, 0, point->y, data);
              continue;
            }
          total = point->y >= 0 ? &find_stack (stacks, point->x)->up : &find_stack (stacks, point->x)->down;
          func (self, s, i, *total, *total + point->y, data);
          *total += point->y;
        }
    }
}

static void
widen_range (RapportBarChart *self,
             guint series,
             guint point,
             double from,
             double to,
             gpointer data)
{
  double *range = data;

  range[0] = MIN (range[0], MIN (from, to));
  range[1] = MAX (range[1], MAX (from, to));
}

/* Bars start at zero, and stacks reach their totals. */
static void
rapport_bar_chart_compute_range (RapportChart *chart,
                                 double *x_lo,
                                 double *x_hi,
                                 double *y_lo,
                                 double *y_hi)
{
  double range[2] = { MIN (*y_lo, 0), MAX (*y_hi, 0) };

  foreach_bar (RAPPORT_BAR_CHART (chart), widen_range, range);
  *y_lo = range[0];
  *y_hi = range[1];
}

typedef struct
{
  const RapportChartPlot *plot;
  GArray *marks;
} Placing;

static void
place_bar (RapportBarChart *self,
           guint series,
           guint point,
           double from,
           double to,
           gpointer data)
{
  Placing *placing = data;
  const RapportChartPlot *plot = placing->plot;
  RapportChart *chart = RAPPORT_CHART (self);
  guint n = self->stacked ? 1 : rapport_chart_get_n_series (chart);
  guint place = self->stacked ? 0 : series;
  double width = MIN (plot->band * BAR_SHARE / n, MAX_BAR);
  double gap = n > 1 ? MIN (2, width / 4) : 0;
  double x = rapport_chart_series_get_point (rapport_chart_get_series (chart, series), point)->x;
  double start = rapport_chart_plot_along (plot, x) - width * n / 2 + place * width;
  double a = rapport_chart_plot_across (plot, from, FALSE);
  double b = rapport_chart_plot_across (plot, to, FALSE);
  RapportChartMark mark = { series, point, RAPPORT_CHART_MARK_BAR, 0, 0, 0, 0 };

  if (plot->horizontal)
    {
      mark.x = MIN (a, b);
      mark.width = fabs (b - a);
      mark.y = start + gap / 2;
      mark.height = width - gap;
    }
  else
    {
      mark.x = start + gap / 2;
      mark.width = width - gap;
      mark.y = MIN (a, b);
      mark.height = fabs (b - a);
    }
  g_array_append_val (placing->marks, mark);
}

static void
rapport_bar_chart_place_marks (RapportChart *chart,
                               const RapportChartPlot *plot,
                               GArray *marks)
{
  Placing placing = { plot, marks };

  foreach_bar (RAPPORT_BAR_CHART (chart), place_bar, &placing);
  if (rapport_chart_get_n_all_series (chart) > rapport_chart_get_n_series (chart))
    rapport_chart_place_dots (chart, plot, rapport_chart_get_n_series (chart), RAPPORT_CHART_DOT_RADIUS, marks);
}

/* Black or white, whichever reads on @series' colour. */
static void
set_text_on_color (RapportChartCanvas *canvas,
                   guint series)
{
  const GdkRGBA *color = rapport_chart_canvas_get_color (canvas, series);
  double luminance = 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;

  if (luminance > 0.55)
    cairo_set_source_rgba (canvas->cr, 0, 0, 0, 0.8);
  else
    cairo_set_source_rgb (canvas->cr, 1, 1, 1);
}

/* The point's label beyond the end of its bar, where the plot has room
 * for it; otherwise inside the bar's end, in black or white to read on the
 * bar; inside a stacked segment, where it fits; nowhere otherwise. The
 * longest bar is the one a reader looks at first, so its label must not
 * be the one that goes for want of room beyond it. */
static void
draw_label (RapportBarChart *self,
            RapportChartCanvas *canvas,
            const RapportChartMark *mark)
{
  RapportChartSeries *series = rapport_chart_get_series (canvas->chart, mark->series);
  const RapportChartPoint *point = rapport_chart_series_get_point (series, mark->point);
  const RapportChartPlot *plot = canvas->plot;
  g_autoptr(PangoLayout) text = NULL;
  const GdkRGBA *fg = &canvas->palette->foreground;
  gboolean negative = point->y < 0;
  gboolean outside, inside;
  int width, height;

  if (point->label == NULL || *point->label == '\0')
    return;
  text = rapport_chart_canvas_text (canvas, point->label, PANGO_SCALE_SMALL);
  pango_layout_get_pixel_size (text, &width, &height);
  if (self->stacked)
    {
      if (width + 4 > mark->width || height > mark->height)
        return;
      set_text_on_color (canvas, mark->series);
      rapport_chart_canvas_show (canvas, text, mark->x + mark->width / 2, mark->y + mark->height / 2, 0.5, 0.5);
      return;
    }
  if (plot->horizontal)
    {
      double end = negative ? mark->x : mark->x + mark->width;
      double y = mark->y + mark->height / 2;
      /* How far a label beyond the end would pass the plot's edge. */
      double reach = negative ? plot->x - (end - width - LABEL_PAD) : end + width + LABEL_PAD - (plot->x + plot->width);

      outside = height <= mark->height + 4 && reach <= 0;
      inside = height <= mark->height && width + 2 * LABEL_PAD <= mark->width;
      if (outside)
        {
          cairo_set_source_rgba (canvas->cr, fg->red, fg->green, fg->blue, fg->alpha * 0.85);
          rapport_chart_canvas_show (canvas, text, end + (negative ? -LABEL_PAD : LABEL_PAD), y, negative, 0.5);
        }
      else if (inside)
        {
          set_text_on_color (canvas, mark->series);
          rapport_chart_canvas_show (canvas, text, end + (negative ? LABEL_PAD : -LABEL_PAD), y, !negative, 0.5);
        }
    }
  else
    {
      double end = negative ? mark->y + mark->height : mark->y;
      double x = mark->x + mark->width / 2;
      /* Above a lone bar, a label may take its slot's width. */
      double room = MAX (mark->width + 6, rapport_chart_get_n_series (canvas->chart) == 1 ? plot->band - 4 : 0);

      outside = width <= room && (negative ? end + height + 2 <= plot->y + plot->height : end - height - 2 >= plot->y);
      inside = width + 4 <= mark->width && height + 2 * 2 <= mark->height;
      if (outside)
        {
          cairo_set_source_rgba (canvas->cr, fg->red, fg->green, fg->blue, fg->alpha * 0.85);
          rapport_chart_canvas_show (canvas, text, x, end + (negative ? 2 : -2), 0.5, !negative);
        }
      else if (inside)
        {
          set_text_on_color (canvas, mark->series);
          rapport_chart_canvas_show (canvas, text, x, end + (negative ? -2 : 2), 0.5, negative);
        }
    }
}

static void
rapport_bar_chart_draw_marks (RapportChart *chart,
                              RapportChartCanvas *canvas)
{
  RapportBarChart *self = RAPPORT_BAR_CHART (chart);

  for (guint i = 0; i < canvas->marks->len; i++)
    {
      const RapportChartMark *mark = &g_array_index (canvas->marks, RapportChartMark, i);

      if (mark->shape != RAPPORT_CHART_MARK_BAR)
        continue;
      cairo_rectangle (canvas->cr, mark->x, mark->y, mark->width, mark->height);
      rapport_chart_canvas_set_color (canvas, mark->series, 1);
      cairo_fill (canvas->cr);
    }
  for (guint i = 0; i < canvas->marks->len; i++)
    {
      const RapportChartMark *mark = &g_array_index (canvas->marks, RapportChartMark, i);

      if (mark->shape == RAPPORT_CHART_MARK_BAR)
        draw_label (self, canvas, mark);
    }
  if (rapport_chart_get_n_all_series (chart) > rapport_chart_get_n_series (chart))
    rapport_chart_canvas_draw_line (canvas, rapport_chart_get_n_series (chart), TRUE);
}

static void
rapport_bar_chart_class_init (RapportBarChartClass *klass)
{
  RapportChartClass *chart_class = RAPPORT_CHART_CLASS (klass);

  chart_class->kind_name = N_("Bar chart");
  chart_class->compute_range = rapport_bar_chart_compute_range;
  chart_class->place_marks = rapport_bar_chart_place_marks;
  chart_class->draw_marks = rapport_bar_chart_draw_marks;
}

static void
rapport_bar_chart_init (RapportBarChart *self)
{
  rapport_chart_set_x_axis (RAPPORT_CHART (self), RAPPORT_CHART_AXIS_CATEGORY);
}
