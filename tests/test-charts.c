/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-charts.c: the chart widgets of the Insights view.
 *
 * Each kind of chart is drawn offscreen, through the same function as the
 * screen, and the pixels where the chart says its marks are must have the
 * series' colour: not golden images, which fonts would break, but what a
 * reader relies on (a stacked segment above the one below it, nothing
 * where a value is missing, a message when there is nothing). Then the
 * scales, the files a chart exports (read back by a PNG reader, an XML
 * parser and pdfinfo), the CSV text, and a chart in a real window under
 * the display, activated by a click and by the keyboard.
 * Without a display this program fails: it never skips.
 */
#define G_LOG_DOMAIN "test-charts"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "rapport-bar-chart.h"
#include "rapport-chart-private.h"
#include "rapport-line-chart.h"
#include "rapport-scatter-chart.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"

#define WIDTH 480
#define HEIGHT 300
#define DAY 86400

static char *tmp_dir;

/* 1 March 2026, 00:00 UTC, and the first of the months after it. */
static double
month (int n)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 3 + n, 1, 0, 0, 0);

  return g_date_time_to_unix (time);
}

static RapportChartSeries *
make_series (const char *name,
             guint role,
             guint n,
             const double *x,
             const double *y)
{
  RapportChartSeries *series = rapport_chart_series_new (name, role);

  for (guint i = 0; i < n; i++)
    rapport_chart_series_add (series, x[i], y[i]);
  return series;
}

/* Gives @chart the series, dropping the test's references. */
static void
give_series (RapportChart *chart,
             RapportChartSeries *first,
             ...)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_chart_series_unref);
  va_list args;

  va_start (args, first);
  for (RapportChartSeries *s = first; s != NULL; s = va_arg (args, RapportChartSeries *))
    g_ptr_array_add (all, s);
  va_end (args);
  rapport_chart_set_series (chart, all);
}

static RapportChart *
new_chart (GtkWidget *widget)
{
  return RAPPORT_CHART (g_object_ref_sink (widget));
}

/* The chart drawn as on screen at a size, on white. */
static cairo_surface_t *
render_at (RapportChart *chart,
           int width,
           int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  rapport_chart_draw (chart, cr, width, height, FALSE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render (RapportChart *chart)
{
  return render_at (chart, WIDTH, HEIGHT);
}

static GdkRGBA
pixel (cairo_surface_t *surface,
       double x,
       double y)
{
  int px = (int) floor (x), py = (int) floor (y);
  const guint8 *row;
  guint32 value;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));
  row = cairo_image_surface_get_data (surface) + py * cairo_image_surface_get_stride (surface);
  value = ((const guint32 *) (const void *) row)[px];
  /* Opaque, since the surface was painted white first. */
  return (GdkRGBA){ ((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0, (value & 0xff) / 255.0, 1 };
}

static double
distance (const GdkRGBA *a,
          const GdkRGBA *b)
{
  return sqrt (pow (a->red - b->red, 2) + pow (a->green - b->green, 2) + pow (a->blue - b->blue, 2));
}

/* Whether a pixel within @radius of (@x, @y) is of @color, give or take
 * antialiasing: a line's middle is, a gap in it is not. */
static gboolean
color_near (cairo_surface_t *surface,
            double x,
            double y,
            int radius,
            const GdkRGBA *color)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        GdkRGBA seen = pixel (surface, x + dx, y + dy);

        if (distance (&seen, color) < 0.2)
          return TRUE;
      }
  return FALSE;
}

static GdkRGBA
series_color (RapportChart *chart,
              guint series)
{
  GdkRGBA color;

  rapport_chart_get_series_color (chart, series, FALSE, &color);
  return color;
}

static void
mark_position (RapportChart *chart,
               guint series,
               guint point,
               double *x,
               double *y)
{
  g_assert_true (rapport_chart_get_mark_position (chart, series, point, WIDTH, HEIGHT, x, y));
  g_assert_cmpfloat (*x, >, 0);
  g_assert_cmpfloat (*x, <, WIDTH);
  g_assert_cmpfloat (*y, >, 0);
  g_assert_cmpfloat (*y, <, HEIGHT);
}

/* The pixel at the mark of (@series, @point) has the series' colour. */
static void
assert_mark_drawn (RapportChart *chart,
                   cairo_surface_t *surface,
                   guint series,
                   guint point)
{
  GdkRGBA color = series_color (chart, series), seen;
  double x, y;

  mark_position (chart, series, point, &x, &y);
  seen = pixel (surface, x, y);
  if (distance (&seen, &color) > 0.1)
    g_error ("mark %u/%u at %.0f,%.0f is %s, not %s", series, point, x, y, gdk_rgba_to_string (&seen),
             gdk_rgba_to_string (&color));
}

static void
test_scale_nice_ticks (void)
{
  static const struct
  {
    double lo, hi;
    guint max;
    guint n;
    double first, step;
  } cases[] = {
    { 0, 87, 6, 6, 0, 20 },
    { 0.2, 0.83, 5, 5, 0.2, 0.2 },
    { -3, 7, 6, 4, -5, 5 },
    { 40, 85, 5, 4, 40, 20 },
    { 0, 1200000, 6, 4, 0, 500000 },
    { 5, 5, 5, 3, 4.5, 0.5 },
    { 0, 0, 5, 3, 0, 0.5 },
  };
  double first, step;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n = rapport_chart_nice_ticks (cases[i].lo, cases[i].hi, cases[i].max, &first, &step);

      g_test_message ("%g..%g in %u: %u from %g by %g", cases[i].lo, cases[i].hi, cases[i].max, n, first, step);
      g_assert_cmpuint (n, ==, cases[i].n);
      g_assert_cmpfloat_with_epsilon (first, cases[i].first, 1e-9);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, 1e-9);
      g_assert_cmpuint (n, <=, cases[i].max);
      g_assert_cmpfloat (first, <=, MIN (cases[i].lo, cases[i].hi));
      g_assert_cmpfloat (first + (n - 1) * step, >=, MAX (cases[i].lo, cases[i].hi));
    }
  g_assert_cmpuint (rapport_chart_nice_ticks (NAN, 3, 5, &first, &step), ==, 0);
  g_assert_cmpuint (rapport_chart_nice_ticks (0, 3, 1, &first, &step), ==, 0);
}

static void
test_scale_months (void)
{
  g_autoptr(GArray) quarters = NULL;
  g_autoptr(GArray) days = NULL;
  guint step = 0;

  /* A year in four ticks: the quarters. */
  quarters = rapport_chart_month_ticks ((gint64) month (-2), (gint64) month (9), 4, &step);
  g_assert_cmpuint (step, ==, 3);
  g_assert_cmpuint (quarters->len, ==, 4);
  g_assert_cmpint (g_array_index (quarters, gint64, 0), ==, (gint64) month (-2));
  g_assert_cmpint (g_array_index (quarters, gint64, 1), ==, (gint64) month (1));
  g_assert_cmpuint (rapport_chart_month_step (11, 12), ==, 1);
  g_assert_cmpuint (rapport_chart_month_step (35, 4), ==, 12);
  g_assert_cmpint (rapport_chart_month_start (rapport_chart_month_of (month (2) + 12 * DAY)), ==, (gint64) month (2));

  /* Three weeks at most eight ticks: a week apart, on Mondays. */
  days = rapport_chart_day_ticks ((gint64) month (0), (gint64) month (0) + 21 * DAY, 8);
  g_assert_cmpuint (days->len, ==, 3);
  for (guint i = 0; i < days->len; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (g_array_index (days, gint64, i));

      g_assert_cmpint (g_date_time_get_day_of_week (day), ==, 1);
    }
}

static void
assert_formatted (RapportChartFormat format,
                  double value,
                  gboolean precise,
                  const char *expected)
{
  g_autofree char *text = rapport_chart_format_value (format, value, precise);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_scale_format (void)
{
  assert_formatted (RAPPORT_CHART_FORMAT_NUMBER, 12, FALSE, "12");
  assert_formatted (RAPPORT_CHART_FORMAT_NUMBER, 3.5, FALSE, "3.5");
  assert_formatted (RAPPORT_CHART_FORMAT_NUMBER, 0.1 + 0.2, FALSE, "0.3");
  assert_formatted (RAPPORT_CHART_FORMAT_PERCENT, 0.45, FALSE, "45 %");
  assert_formatted (RAPPORT_CHART_FORMAT_HOURS, 150, TRUE, "2.5 h");
  /* The C locale groups no digits. */
  assert_formatted (RAPPORT_CHART_FORMAT_MONEY, 120000, FALSE, "1200");
  assert_formatted (RAPPORT_CHART_FORMAT_MONEY, 123450, TRUE, "1234.50");
  assert_formatted (RAPPORT_CHART_FORMAT_NUMBER, NAN, TRUE, "");
}

static void
test_draw_scatter (void)
{
  static const double x[] = { 0, 1, 2, 3 };
  static const double a[] = { 40, 55, 70, 85 };
  static const double b[] = { 60, 50, 45, 42 };
  RapportChart *chart = new_chart (rapport_scatter_chart_new ());
  cairo_surface_t *surface;
  GdkRGBA first, second;
  double x0, y0, x3, y3;

  rapport_chart_set_value_format (chart, RAPPORT_CHART_FORMAT_NUMBER);
  rapport_scatter_chart_set_trend_lines (RAPPORT_SCATTER_CHART (chart), TRUE);
  give_series (chart, make_series ("Breakfasts", 0, 4, x, a), make_series ("Fairs", 1, 4, x, b), NULL);
  g_assert_cmpuint (rapport_chart_get_n_series (chart), ==, 2);
  surface = render (chart);

  first = series_color (chart, 0);
  second = series_color (chart, 1);
  g_assert_cmpfloat (distance (&first, &second), >, 0.3);
  for (guint i = 0; i < 4; i++)
    {
      assert_mark_drawn (chart, surface, 0, i);
      assert_mark_drawn (chart, surface, 1, i);
    }
  /* Higher values are higher up, later x further right. */
  mark_position (chart, 0, 0, &x0, &y0);
  mark_position (chart, 0, 3, &x3, &y3);
  g_assert_cmpfloat (x3, >, x0 + 100);
  g_assert_cmpfloat (y3, <, y0 - 50);
  g_assert_false (rapport_chart_get_mark_position (chart, 2, 0, WIDTH, HEIGHT, &x0, &y0));
  g_assert_false (rapport_chart_get_mark_position (chart, 0, 4, WIDTH, HEIGHT, &x0, &y0));

  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);
}

static void
test_draw_line_gap (void)
{
  static const double x[] = { 0, 1, 2, 3, 4 };
  static const double y[] = { 10, NAN, 10, 30, 20 };
  RapportChart *chart = new_chart (rapport_line_chart_new ());
  cairo_surface_t *surface;
  GdkRGBA color;
  double x0, y0, x2, y2, x3, y3;

  give_series (chart, make_series ("Follow-ups", 2, 5, x, y), NULL);
  surface = render (chart);
  color = series_color (chart, 0);

  for (guint i = 0; i < 5; i++)
    if (i != 1)
      assert_mark_drawn (chart, surface, 0, i);
  g_assert_false (rapport_chart_get_mark_position (chart, 0, 1, WIDTH, HEIGHT, &x0, &y0));

  /* The line breaks where the value is missing... */
  mark_position (chart, 0, 0, &x0, &y0);
  mark_position (chart, 0, 2, &x2, &y2);
  g_assert_false (color_near (surface, (x0 + x2) / 2, (y0 + y2) / 2, 3, &color));
  /* ...and joins the points on either side of it. */
  mark_position (chart, 0, 3, &x3, &y3);
  g_assert_true (color_near (surface, (x2 + x3) / 2, (y2 + y3) / 2, 1, &color));

  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);
}

static const char *const regions[] = { "North", "South", "East", NULL };

static RapportChart *
stacked_bars (gboolean horizontal)
{
  static const double x[] = { 0, 1, 2 };
  static const double same_day[] = { 4, 2, 5 };
  static const double next_day[] = { 3, 3, 1 };
  RapportChart *chart = new_chart (rapport_bar_chart_new ());

  rapport_bar_chart_set_stacked (RAPPORT_BAR_CHART (chart), TRUE);
  rapport_bar_chart_set_horizontal (RAPPORT_BAR_CHART (chart), horizontal);
  rapport_chart_set_categories (chart, regions);
  give_series (chart, make_series ("Same day", 0, 3, x, same_day), make_series ("Next day", 3, 3, x, next_day), NULL);
  return chart;
}

static void
test_draw_bars_stacked (void)
{
  static const double x[] = { 0, 1, 2 };
  static const double share[] = { 0.5, 0.9, 0.2 };
  RapportChart *chart = stacked_bars (FALSE);
  g_autoptr(RapportChartSeries) overlay = make_series ("Within your window", 1, 3, x, share);
  cairo_surface_t *surface;
  double bx, by, tx, ty, ox, oy;

  rapport_bar_chart_set_overlay (RAPPORT_BAR_CHART (chart), overlay);
  g_assert_cmpuint (rapport_chart_get_n_series (chart), ==, 2);
  surface = render (chart);
  for (guint i = 0; i < 3; i++)
    {
      assert_mark_drawn (chart, surface, 0, i);
      assert_mark_drawn (chart, surface, 1, i);
      assert_mark_drawn (chart, surface, 2, i);
      /* The second series' segment sits on the first's, in one bar. */
      mark_position (chart, 0, i, &bx, &by);
      mark_position (chart, 1, i, &tx, &ty);
      g_assert_cmpfloat_with_epsilon (tx, bx, 0.5);
      g_assert_cmpfloat (ty, <, by);
    }
  /* The overlay's share of 90 % is near the top of its own scale. */
  mark_position (chart, 2, 1, &ox, &oy);
  mark_position (chart, 1, 1, &tx, &ty);
  g_assert_cmpfloat (oy, <, ty);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);

  /* Lying down, the second segment is to the right of the first. */
  chart = stacked_bars (TRUE);
  surface = render (chart);
  assert_mark_drawn (chart, surface, 0, 2);
  assert_mark_drawn (chart, surface, 1, 2);
  mark_position (chart, 0, 2, &bx, &by);
  mark_position (chart, 1, 2, &tx, &ty);
  g_assert_cmpfloat (tx, >, bx);
  g_assert_cmpfloat_with_epsilon (ty, by, 0.5);
  /* Categories run down the side in order. */
  mark_position (chart, 0, 0, &tx, &ty);
  g_assert_cmpfloat (ty, <, by);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);
}

static void
test_draw_bars_grouped (void)
{
  static const double x[] = { 0, 1, 2 };
  static const double given[] = { 4, 2, 5 };
  static const double received[] = { 3, NAN, 1 };
  RapportChart *chart = new_chart (rapport_bar_chart_new ());
  cairo_surface_t *surface;
  GdkRGBA color;
  double gx, gy, rx, ry;

  rapport_chart_set_categories (chart, regions);
  rapport_chart_add_goal (chart, 6, "Goal");
  give_series (chart, make_series ("Given", 0, 3, x, given), make_series ("Received", 1, 3, x, received), NULL);
  surface = render (chart);
  assert_mark_drawn (chart, surface, 0, 0);
  assert_mark_drawn (chart, surface, 1, 0);
  /* Side by side, given on the left; taller for more. */
  mark_position (chart, 0, 0, &gx, &gy);
  mark_position (chart, 1, 0, &rx, &ry);
  g_assert_cmpfloat (gx, <, rx);
  g_assert_cmpfloat (gy, <, ry);
  /* No bar for the missing value, and nothing of its colour there. */
  g_assert_false (rapport_chart_get_mark_position (chart, 1, 1, WIDTH, HEIGHT, &rx, &ry));
  mark_position (chart, 0, 1, &gx, &gy);
  color = series_color (chart, 1);
  for (double dx = 4; dx < 60; dx += 4)
    g_assert_false (color_near (surface, gx + dx, gy, 1, &color));
  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);
}

/* How many pixels in the rectangle are not white. */
static guint
count_ink (cairo_surface_t *surface,
           int x,
           int y,
           int width,
           int height)
{
  const GdkRGBA white = { 1, 1, 1, 1 };
  guint ink = 0;

  for (int j = y; j < y + height; j++)
    for (int i = x; i < x + width; i++)
      {
        GdkRGBA seen = pixel (surface, i, j);

        ink += distance (&seen, &white) > 0.2;
      }
  return ink;
}

/* How many pixels in the rectangle are within 0.25 of @color. */
static guint
count_color (cairo_surface_t *surface,
             int x,
             int y,
             int width,
             int height,
             const GdkRGBA *color)
{
  guint n = 0;

  for (int j = MAX (y, 0); j < MIN (y + height, cairo_image_surface_get_height (surface)); j++)
    for (int i = MAX (x, 0); i < MIN (x + width, cairo_image_surface_get_width (surface)); i++)
      {
        GdkRGBA seen = pixel (surface, i, j);

        n += distance (&seen, color) < 0.25;
      }
  return n;
}

/* Where a bar of @color that covers (@x, @y) ends, walking by (@dx, @dy):
 * the last pixel of its colour before the edge, past any label on it. */
static double
bar_end (cairo_surface_t *surface,
         double x,
         double y,
         int dx,
         int dy,
         const GdkRGBA *color)
{
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);
  GdkRGBA seen = pixel (surface, x, y);
  double end = dx != 0 ? x : y;

  g_assert_cmpfloat (distance (&seen, color), <, 0.1);

  for (; x >= 0 && y >= 0 && x < width && y < height; x += dx, y += dy)
    {
      seen = pixel (surface, x, y);
      if (distance (&seen, color) < 0.1)
        end = dx != 0 ? x : y;
    }
  return end;
}

static RapportChart *
labelled_bars (gboolean horizontal,
               const double *values,
               const char *const *labels)
{
  RapportChart *chart = new_chart (rapport_bar_chart_new ());
  RapportChartSeries *series = rapport_chart_series_new ("Events", 0);

  for (guint i = 0; i < 3; i++)
    rapport_chart_series_add_full (series, i, values[i], labels[i], RAPPORT_CHART_NO_ID);
  rapport_bar_chart_set_horizontal (RAPPORT_BAR_CHART (chart), horizontal);
  rapport_chart_set_categories (chart, regions);
  give_series (chart, series, NULL);
  return chart;
}

/* The longest bar reaches the end of the value axis: its label goes
 * inside its end, in a colour that reads on the bar, even at the 300
 * pixels a chart gets in a 360 pixel window. */
static void
test_draw_bar_labels (void)
{
  static const double lying[] = { 60, 20, 35 };
  static const char *const lying_labels[] = { "60 events", "20 events", "35 events" };
  static const double upright[] = { 10, 4, 7 };
  static const char *const upright_labels[] = { "n = 10", "n = 4", "n = 7" };
  const GdkRGBA white = { 1, 1, 1, 1 };
  RapportChart *chart = labelled_bars (TRUE, lying, lying_labels);
  GdkRGBA color = series_color (chart, 0);
  cairo_surface_t *surface;
  RapportChartPlot plot;
  double x, y, end;

  surface = render_at (chart, 300, 200);
  rapport_chart_get_plot (chart, 300, 200, &plot);
  g_assert_true (rapport_chart_get_mark_position (chart, 0, 0, 300, 200, &x, &y));
  end = bar_end (surface, x, y, 1, 0, &color);
  g_assert_cmpfloat (end, >, plot.x + plot.width - 3);
  g_assert_cmpuint (count_color (surface, (int) end - 70, (int) y - 6, 70, 12, &white), >, 15);
  /* A short bar keeps its label beyond its end. */
  g_assert_true (rapport_chart_get_mark_position (chart, 0, 1, 300, 200, &x, &y));
  end = bar_end (surface, x, y, 1, 0, &color);
  g_assert_cmpuint (count_ink (surface, (int) end + 2, (int) y - 6, 60, 12), >, 15);
  g_assert_cmpuint (count_color (surface, (int) plot.x + 2, (int) y - 6, (int) (end - plot.x) - 3, 12, &white), ==, 0);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);

  /* Upright, the tallest bar's label goes inside its top. */
  chart = labelled_bars (FALSE, upright, upright_labels);
  surface = render_at (chart, 300, 220);
  rapport_chart_get_plot (chart, 300, 220, &plot);
  g_assert_true (rapport_chart_get_mark_position (chart, 0, 0, 300, 220, &x, &y));
  end = bar_end (surface, x, y, 0, -1, &color);
  g_assert_cmpfloat (end, <, plot.y + 3);
  g_assert_cmpuint (count_color (surface, (int) x - 15, (int) end, 30, 16, &white), >, 10);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);
}

/* The point where the plot puts (@x, @y), from two dots of @series. */
static void
plot_position (RapportChart *chart,
               guint series,
               const double *xs,
               const double *ys,
               double x,
               double y,
               double *px,
               double *py)
{
  double x0, y0, x1, y1;

  mark_position (chart, series, 0, &x0, &y0);
  mark_position (chart, series, 4, &x1, &y1);
  *px = x0 + (x - xs[0]) / (xs[4] - xs[0]) * (x1 - x0);
  *py = y0 + (y - ys[0]) / (ys[4] - ys[0]) * (y1 - y0);
}

/* Whether the dashed trend of @color runs near the points from @from to
 * @to of the line y = @slope x + @intercept. */
static gboolean
trend_near (RapportChart *chart,
            cairo_surface_t *surface,
            const double *xs,
            const double *ys,
            double from,
            double to,
            double slope,
            double intercept,
            const GdkRGBA *color)
{
  for (double x = from; x <= to; x += (to - from) / 20)
    {
      double px, py;

      plot_position (chart, 1, xs, ys, x, slope * x + intercept, &px, &py);
      if (color_near (surface, px, py, 1, color))
        return TRUE;
    }
  return FALSE;
}

/* A trend needs four points spread along x, and runs from the first of
 * them to the last, never across the rest of the axis. */
static void
test_draw_trend_lines (void)
{
  static const double few_x[] = { 1, 2, 3 };
  static const double few_y[] = { 90, 50, 10 };
  static const double many_x[] = { 4, 5, 6, 7, 8 };
  static const double many_y[] = { 20, 25, 30, 35, 40 };
  static const double far_x[] = { 11 };
  static const double far_y[] = { 0 };
  RapportChart *chart = new_chart (rapport_scatter_chart_new ());
  GdkRGBA few, many;
  cairo_surface_t *surface;
  RapportChartPlot plot;

  rapport_scatter_chart_set_trend_lines (RAPPORT_SCATTER_CHART (chart), TRUE);
  give_series (chart, make_series ("Fairs", 0, 3, few_x, few_y), make_series ("Breakfasts", 1, 5, many_x, many_y),
               make_series ("Mixers", 2, 1, far_x, far_y), NULL);
  surface = render (chart);
  rapport_chart_get_plot (chart, WIDTH, HEIGHT, &plot);
  /* Dashed at 70 %, on white. */
  few = series_color (chart, 0);
  many = series_color (chart, 1);
  few = (GdkRGBA){ 0.3 + 0.7 * few.red, 0.3 + 0.7 * few.green, 0.3 + 0.7 * few.blue, 1 };
  many = (GdkRGBA){ 0.3 + 0.7 * many.red, 0.3 + 0.7 * many.green, 0.3 + 0.7 * many.blue, 1 };
  /* Three points: no line between them, nor beyond. */
  g_assert_false (trend_near (chart, surface, many_x, many_y, 1.2, 1.8, -40, 130, &few));
  g_assert_false (trend_near (chart, surface, many_x, many_y, 2.2, 2.8, -40, 130, &few));
  /* Five points: the line through them, and not past the last. */
  g_assert_true (trend_near (chart, surface, many_x, many_y, 4.3, 7.7, 5, 0, &many));
  g_assert_false (trend_near (chart, surface, many_x, many_y, 8.6, plot.x_hi, 5, 0, &many));
  g_assert_false (trend_near (chart, surface, many_x, many_y, plot.x_lo, 3.4, 5, 0, &many));
  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);
}

static RapportChart *
line_of (GtkWidget *widget,
         RapportChartFormat format,
         double scale)
{
  RapportChart *chart = new_chart (widget);
  RapportChartSeries *series = rapport_chart_series_new ("Called back", 0);

  for (int i = 0; i < 6; i++)
    rapport_chart_series_add (series, month (i), (65 + 5 * (i % 3)) * scale);
  rapport_chart_set_x_axis (chart, RAPPORT_CHART_AXIS_MONTHS);
  rapport_chart_set_value_format (chart, format);
  give_series (chart, series, NULL);
  return chart;
}

/* Line charts of shares and counts start at zero, so that a swing from
 * 65 % to 75 % does not look like a doubling; shares stop at 100 %. The
 * scatter chart of quality zooms on its values. */
static void
test_draw_line_from_zero (void)
{
  static const RapportChartFormat counts[] = {
    RAPPORT_CHART_FORMAT_NUMBER, RAPPORT_CHART_FORMAT_MONEY, RAPPORT_CHART_FORMAT_HOURS
  };
  RapportChart *chart = line_of (rapport_line_chart_new (), RAPPORT_CHART_FORMAT_PERCENT, 0.01);
  RapportChartPlot plot;

  rapport_chart_get_plot (chart, 300, 220, &plot);
  g_assert_cmpfloat (plot.y_lo, ==, 0);
  g_assert_cmpfloat (plot.y_hi, >=, 0.75);
  g_assert_cmpfloat (plot.y_hi, <=, 1 + 1e-9);
  g_assert_finalize_object (chart);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      chart = line_of (rapport_line_chart_new (), counts[i], 100);
      rapport_chart_get_plot (chart, 300, 220, &plot);
      g_assert_cmpfloat (plot.y_lo, ==, 0);
      g_assert_cmpfloat (plot.y_hi, >=, 7500);
      g_assert_finalize_object (chart);
    }

  chart = line_of (rapport_scatter_chart_new (), RAPPORT_CHART_FORMAT_NUMBER, 1);
  rapport_chart_get_plot (chart, 300, 220, &plot);
  g_assert_cmpfloat (plot.y_lo, >=, 50);
  g_assert_finalize_object (chart);
}

/* Whether a pixel in the ring from @inner to @outer pixels below the
 * centre of a dot is within 0.15 of @color. */
static gboolean
ring_has (cairo_surface_t *surface,
          double cx,
          double cy,
          double inner,
          double outer,
          const GdkRGBA *color)
{
  for (int dy = (int) inner - 1; dy <= (int) outer + 1; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        double d = hypot (floor (cx) + dx + 0.5 - cx, floor (cy) + dy + 0.5 - cy);
        GdkRGBA seen;

        if (d < inner || d > outer)
          continue;
        seen = pixel (surface, cx + dx, cy + dy);
        if (distance (&seen, color) < 0.15)
          return TRUE;
      }
  return FALSE;
}

/* The line over stacked bars is edged in the window's colour, so that it
 * reads over any bar, light or dark. */
static void
test_draw_overlay_halo (void)
{
  static const double x[] = { 0, 1, 2 };
  static const double share[] = { 0.5, 0.9, 0.2 };
  RapportChart *chart = stacked_bars (FALSE);
  g_autoptr(RapportChartSeries) overlay = make_series ("Within your window", 0, 3, x, share);
  GtkWidget *window = gtk_window_new ();
  const GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA halo, bar, below;
  cairo_surface_t *surface;
  cairo_t *cr;
  double ox, oy;

  rapport_bar_chart_set_overlay (RAPPORT_BAR_CHART (chart), overlay);
  surface = render (chart);
  /* The share of 50 % sits on the first region's bar, of its own colour,
   * in a white ring. */
  mark_position (chart, 2, 0, &ox, &oy);
  below = pixel (surface, ox, oy + 8);
  bar = series_color (chart, 0);
  g_assert_cmpfloat (distance (&below, &bar), <, 0.1);
  g_assert_true (ring_has (surface, ox, oy, RAPPORT_CHART_DOT_RADIUS + 0.3,
                           RAPPORT_CHART_DOT_RADIUS + RAPPORT_CHART_HALO, &white));
  cairo_surface_destroy (surface);

  /* In the dark style, the ring is dark. */
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_present (GTK_WINDOW (window));
  rapport_test_pump (200);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (chart)), "window_bg_color",
                                                 &halo));
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpfloat (halo.red + halo.green + halo.blue, <, 1);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  gdk_cairo_set_source_rgba (cr, &halo);
  cairo_paint (cr);
  rapport_chart_draw (chart, cr, WIDTH, HEIGHT, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  mark_position (chart, 2, 0, &ox, &oy);
  g_assert_true (ring_has (surface, ox, oy, RAPPORT_CHART_DOT_RADIUS + 0.3,
                           RAPPORT_CHART_DOT_RADIUS + RAPPORT_CHART_HALO, &halo));
  cairo_surface_destroy (surface);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_object_ref (chart);
  gtk_window_destroy (GTK_WINDOW (window));
  rapport_test_pump (50);
  g_object_unref (chart);
}

static RapportChart *
months_from (GtkWidget *widget,
             RapportChartAxis axis,
             int first_month,
             int n,
             int day)
{
  RapportChart *chart = new_chart (widget);
  RapportChartSeries *series = rapport_chart_series_new ("Events", 0);

  for (int i = 0; i < n; i++)
    {
      /* Months at their first midnight, times at an evening event. */
      g_autoptr(GDateTime) time = axis == RAPPORT_CHART_AXIS_MONTHS
                                       ? g_date_time_new_utc (2026, first_month + i, 1, 0, 0, 0)
                                       : g_date_time_new_utc (2026, first_month + i, day, 18, 0, 0);

      rapport_chart_series_add (series, g_date_time_to_unix (time), 3 + i % 4);
    }
  rapport_chart_set_x_axis (chart, axis);
  give_series (chart, series, NULL);
  return chart;
}

/* The first month of a range has its label, with the year, where it has
 * room; the year is on the first label wherever the axis starts. */
static void
test_draw_month_labels (void)
{
  RapportChart *chart = months_from (rapport_line_chart_new (), RAPPORT_CHART_AXIS_MONTHS, 1, 11, 1);
  g_auto(GStrv) labels = rapport_chart_dup_x_tick_labels (chart, 300, 220);

  g_assert_cmpstr (labels[0], ==, "Jan 2026");
  g_assert_finalize_object (chart);
  g_clear_pointer (&labels, g_strfreev);

  /* From February, on quarters: February, then April on. */
  chart = months_from (rapport_bar_chart_new (), RAPPORT_CHART_AXIS_MONTHS, 2, 10, 1);
  labels = rapport_chart_dup_x_tick_labels (chart, 300, 220);
  g_assert_true (g_str_has_suffix (labels[0], "2026"));
  g_assert_finalize_object (chart);
  g_clear_pointer (&labels, g_strfreev);

  /* Events from 8 January to November: the time axis starts on the first. */
  chart = months_from (rapport_scatter_chart_new (), RAPPORT_CHART_AXIS_TIME, 1, 11, 8);
  labels = rapport_chart_dup_x_tick_labels (chart, 300, 220);
  g_assert_cmpstr (labels[0], ==, "Jan 2026");
  g_assert_finalize_object (chart);
}

static void
test_draw_empty (void)
{
  static const double x[] = { 0, 1 };
  static const double missing[] = { NAN, NAN };
  RapportChart *chart = new_chart (rapport_line_chart_new ());
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  double mx, my;

  rapport_chart_set_series (chart, NULL);
  surface = render (chart);
  /* The message in the middle, and nothing else. */
  g_assert_cmpuint (count_ink (surface, 0, HEIGHT / 2 - 15, WIDTH, 30), >, 30);
  g_assert_cmpuint (count_ink (surface, 0, 0, WIDTH, HEIGHT / 2 - 20), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0, HEIGHT / 2 + 20, WIDTH, HEIGHT / 2 - 20), ==, 0);
  description = rapport_chart_dup_description (chart);
  g_assert_cmpstr (description, ==, "Nothing to show for this period");
  cairo_surface_destroy (surface);

  /* A series without a single value is nothing to show either. */
  give_series (chart, make_series ("Nobody", 0, 2, x, missing), NULL);
  g_assert_false (rapport_chart_get_mark_position (chart, 0, 0, WIDTH, HEIGHT, &mx, &my));
  surface = render (chart);
  g_assert_cmpuint (count_ink (surface, 0, 0, WIDTH, HEIGHT / 2 - 20), ==, 0);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (chart);
}

static RapportChart *
monthly_chart (void)
{
  RapportChart *chart = new_chart (rapport_line_chart_new ());
  RapportChartSeries *quality = rapport_chart_series_new ("Quality", 0);

  for (int i = 0; i < 6; i++)
    rapport_chart_series_add_full (quality, month (i), 40 + 9 * i, NULL, i);
  rapport_chart_set_title (chart, "Quality of events");
  rapport_chart_set_x_axis (chart, RAPPORT_CHART_AXIS_MONTHS);
  rapport_chart_add_goal (chart, 70, "Goal");
  give_series (chart, quality, NULL);
  return chart;
}

static char *
export_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
assert_no_part_file (const char *path)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);

  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_export_png (void)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  RapportChart *chart = monthly_chart ();
  g_autofree char *path = export_path ("quality.png");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  gsize length;

  g_assert_true (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_PNG, path, 640, 360, &error));
  g_assert_no_error (error);
  assert_no_part_file (path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, sizeof signature);
  g_assert_cmpmem (contents, sizeof signature, signature, sizeof signature);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);
  /* A file is on white, with the title in the top left corner. */
  g_assert_cmpuint (count_ink (image, 600, 340, 30, 12), ==, 0);
  g_assert_cmpuint (count_ink (image, 0, 0, 200, 30), >, 20);
  cairo_surface_destroy (image);
  g_assert_finalize_object (chart);
}

static void
find_root (GMarkupParseContext *context,
           const char *element,
           const char **names,
           const char **values,
           gpointer user_data,
           GError **error)
{
  char **root = user_data;

  if (*root == NULL)
    *root = g_strdup (element);
}

static void
test_export_svg (void)
{
  static const GMarkupParser parser = { find_root, NULL, NULL, NULL, NULL };
  RapportChart *chart = monthly_chart ();
  g_autofree char *path = export_path ("quality.svg");
  g_autofree char *contents = NULL;
  g_autofree char *root = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_SVG, path, 0, 0, &error));
  g_assert_no_error (error);
  assert_no_part_file (path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &root, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "svg");
  /* Unallocated, the chart is drawn at 800 × 480. */
  g_assert_nonnull (strstr (contents, "width=\"800"));
  g_assert_finalize_object (chart);
}

static void
test_export_pdf (void)
{
  RapportChart *chart = monthly_chart ();
  g_autofree char *path = export_path ("quality.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autoptr(GRegex) pages = g_regex_new ("^Pages: +1$", G_REGEX_MULTILINE, 0, NULL);
  int status;

  g_assert_true (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_PDF, path, 600, 400, &error));
  g_assert_no_error (error);
  assert_no_part_file (path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &info, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_true (g_regex_match (pages, info, 0, NULL));
  g_assert_finalize_object (chart);
}

static void
test_export_fails_whole (void)
{
  RapportChart *chart = monthly_chart ();
  g_autofree char *path = g_build_filename (tmp_dir, "no such folder", "quality.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_PDF, path, 600, 400, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_part_file (path);
  g_clear_error (&error);
  g_assert_false (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_PNG, path, 600, 400, &error));
  g_assert_nonnull (error);
  assert_no_part_file (path);
  g_assert_finalize_object (chart);
}

static void
test_csv (void)
{
  static const char *const places[] = { "North", "South, East", NULL };
  RapportChart *chart = new_chart (rapport_bar_chart_new ());
  RapportChartSeries *won = rapport_chart_series_new ("Won", 0);
  RapportChartSeries *lost = rapport_chart_series_new ("Lost \"late\"", 1);
  g_autofree char *csv = NULL;
  g_autofree char *months = NULL;
  g_autofree char *path = export_path ("referrals.csv");
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;

  rapport_chart_series_add_full (won, 0, 3, "said \"yes\", twice", 7);
  rapport_chart_series_add (won, 1, 2.5);
  rapport_chart_series_add_full (lost, 0, NAN, "none", RAPPORT_CHART_NO_ID);
  rapport_chart_set_categories (chart, places);
  give_series (chart, won, lost, NULL);
  csv = rapport_chart_to_csv (chart);
  g_assert_cmpstr (csv, ==,
                   "Series,X,Value,Label\r\n"
                   "Won,North,3,\"said \"\"yes\"\", twice\"\r\n"
                   "Won,\"South, East\",2.5,\r\n"
                   "\"Lost \"\"late\"\"\",North,,none\r\n");
  g_assert_true (rapport_chart_export_csv (chart, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, csv);
  g_assert_finalize_object (chart);

  /* Months and times as ISO dates, numbers as numbers. */
  chart = monthly_chart ();
  months = rapport_chart_to_csv (chart);
  g_assert_true (g_str_has_prefix (months, "Series,X,Value,Label\r\nQuality,2026-03,40,\r\nQuality,2026-04,49,\r\n"));
  g_clear_pointer (&months, g_free);
  rapport_chart_set_x_axis (chart, RAPPORT_CHART_AXIS_TIME);
  months = rapport_chart_to_csv (chart);
  g_assert_nonnull (strstr (months, "\r\nQuality,2026-05-01,58,\r\n"));
  g_clear_pointer (&months, g_free);
  rapport_chart_set_x_axis (chart, RAPPORT_CHART_AXIS_NUMBER);
  months = rapport_chart_to_csv (chart);
  g_assert_nonnull (strstr (months, "\r\nQuality,1772323200,40,\r\n"));
  g_assert_finalize_object (chart);
}

static void
record_activation (RapportChart *chart,
                   guint series,
                   guint point,
                   int *activated)
{
  activated[0] = (int) series;
  activated[1] = (int) point;
}

static void
test_widget (void)
{
  static const double x[] = { 3, 1, 2 };
  static const double a[] = { 50, 60, 70 };
  static const double b[] = { 20, 30, 40 };
  GtkWidget *window = gtk_window_new ();
  RapportChart *chart = RAPPORT_CHART (rapport_scatter_chart_new ());
  int activated[2] = { -1, -1 };
  g_autofree char *description = NULL;
  GdkRGBA light, dark;
  int width, height;
  double mx, my;

  rapport_chart_set_title (chart, "Quality of events");
  rapport_chart_set_axis_labels (chart, "Month", "Quality");
  give_series (chart, make_series ("Breakfasts", 0, 3, x, a), make_series ("Fairs", 1, 3, x, b), NULL);
  g_signal_connect (chart, "mark-activated", G_CALLBACK (record_activation), activated);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 300);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 100 && !gtk_widget_get_mapped (GTK_WIDGET (chart)); i++)
    rapport_test_pump (20);
  rapport_test_pump (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  g_assert_cmpint (width, >=, 280);
  g_assert_cmpint (height, >=, 180);

  /* A click on a mark activates it, and nothing else does. */
  g_assert_true (rapport_chart_get_mark_position (chart, 1, 2, width, height, &mx, &my));
  g_assert_true (rapport_chart_activate_at (chart, mx, my));
  g_assert_cmpint (activated[0], ==, 1);
  g_assert_cmpint (activated[1], ==, 2);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (chart)));
  activated[0] = activated[1] = -1;
  g_assert_false (rapport_chart_activate_at (chart, 1, 1));
  g_assert_cmpint (activated[0], ==, -1);

  /* The keyboard goes from the clicked mark along x: Right reaches the
   * first series' point at x = 3, then stops at the last mark; Left
   * comes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "chart.next-mark", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "chart.activate-mark", NULL));
  g_assert_cmpint (activated[0], ==, 0);
  g_assert_cmpint (activated[1], ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.next-mark", NULL);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.next-mark", NULL);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.previous-mark", NULL);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.previous-mark", NULL);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.activate-mark", NULL);
  g_assert_cmpint (activated[0], ==, 1);
  g_assert_cmpint (activated[1], ==, 2);

  /* Named by its title, described by its numbers. */
  g_assert_cmpstr (rapport_chart_get_title (chart), ==, "Quality of events");
  description = rapport_chart_dup_description (chart);
  g_assert_cmpstr (description, ==,
                   "Scatter chart. Breakfasts: 3 values; Fairs: 3 values. From 1 to 3, values between 20 and 70.");
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)) == GTK_ACCESSIBLE_ROLE_IMG);

  /* The colours follow the style. */
  light = series_color (chart, 0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  rapport_test_pump (100);
  dark = series_color (chart, 0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  rapport_test_pump (100);
  g_assert_false (gdk_rgba_equal (&light, &dark));

  gtk_window_destroy (GTK_WINDOW (window));
  rapport_test_pump (50);
}

static void
test_widget_size (void)
{
  RapportChart *chart = stacked_bars (TRUE);
  RapportChart *upright = stacked_bars (FALSE);
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 300);
  /* Lying bars ask for a row each: three categories, a legend. */
  gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_VERTICAL, 360, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 3 * 28);
  g_assert_cmpint (natural, ==, minimum);
  gtk_widget_measure (GTK_WIDGET (upright), GTK_ORIENTATION_VERTICAL, 360, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, >=, 220);
  g_assert_cmpint (natural, <=, 260);
  g_assert_finalize_object (chart);
  g_assert_finalize_object (upright);
}

int
main (int argc,
      char *argv[])
{
  int status;

  tmp_dir = rapport_test_ui_prepare ("charts", NULL, &argc, &argv);
  adw_init ();

  g_test_add_func ("/rapport/charts/scale/nice-ticks", test_scale_nice_ticks);
  g_test_add_func ("/rapport/charts/scale/months", test_scale_months);
  g_test_add_func ("/rapport/charts/scale/format", test_scale_format);
  g_test_add_func ("/rapport/charts/draw/scatter", test_draw_scatter);
  g_test_add_func ("/rapport/charts/draw/line-gap", test_draw_line_gap);
  g_test_add_func ("/rapport/charts/draw/bars-stacked", test_draw_bars_stacked);
  g_test_add_func ("/rapport/charts/draw/bars-grouped", test_draw_bars_grouped);
  g_test_add_func ("/rapport/charts/draw/empty", test_draw_empty);
  g_test_add_func ("/rapport/charts/draw/bar-labels", test_draw_bar_labels);
  g_test_add_func ("/rapport/charts/draw/trend-lines", test_draw_trend_lines);
  g_test_add_func ("/rapport/charts/draw/line-from-zero", test_draw_line_from_zero);
  g_test_add_func ("/rapport/charts/draw/overlay-halo", test_draw_overlay_halo);
  g_test_add_func ("/rapport/charts/draw/month-labels", test_draw_month_labels);
  g_test_add_func ("/rapport/charts/export/png", test_export_png);
  g_test_add_func ("/rapport/charts/export/svg", test_export_svg);
  g_test_add_func ("/rapport/charts/export/pdf", test_export_pdf);
  g_test_add_func ("/rapport/charts/export/fails-whole", test_export_fails_whole);
  g_test_add_func ("/rapport/charts/csv", test_csv);
  g_test_add_func ("/rapport/charts/widget/activate", test_widget);
  g_test_add_func ("/rapport/charts/widget/size", test_widget_size);
  status = g_test_run ();

  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
