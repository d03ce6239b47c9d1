/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart.c: the base of Rapport's charts. It owns everything a
 * chart has besides its marks: the data series, the scales and their
 * ticks, gridlines, axis labels, goal lines, the legend, the message of an
 * empty chart, tooltips, clicks and the keyboard, the accessible
 * description, and export to PNG, SVG, PDF and CSV.
 *
 * One function, rapport_chart_draw(), draws a chart with cairo and pango;
 * the widget calls it from its snapshot and the export calls it on a file
 * surface, so a file shows what the screen shows. It first lays the chart
 * out (a Layout: the plot area, ticks, legend and marks) for a size; the
 * layout for the widget's size is kept until something changes, so that
 * pointer motion and the keyboard find marks without laying out again.
 * The kinds of chart place their marks and draw them through the vfuncs
 * of RapportChartClass and the canvas helpers here. Files are written in
 * rapport-chart-export.c. */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-chart-private.h"

#define MARGIN 8
#define GAP 6          /* between tick labels and the plot */
#define ROW_HEIGHT 28  /* of a horizontal bar, so that its label reads */
#define HIT_SIZE 14    /* the least box in which the pointer finds a mark */
#define LABEL_ROOM 110 /* the widest a rotated category label gets */
#define WRAP_ROOM 56   /* the least room for a category label on two lines */

typedef struct
{
  double y;
  char *label;
} Goal;

typedef struct
{
  double value; /* where along its axis, in the data's units */
  char *label;
} Tick;

typedef struct
{
  guint series;
  double x;
  double y;
  double text_width;
} LegendItem;

typedef struct
{
  int width;
  int height;
  gboolean empty;
  double top; /* below the title */
  RapportChartPlot plot;
  GArray *x_ticks;   /* of Tick */
  GArray *y_ticks;   /* of Tick */
  GArray *y2_ticks;  /* of Tick, the overlay's scale */
  gboolean rotate;   /* x tick labels at 45° */
  gboolean wrap;     /* category labels on up to two lines */
  double label_room; /* the widest a category label may be */
  double depth;      /* room the x tick labels take across the axis */
  GArray *legend;    /* of LegendItem */
  GArray *marks;     /* of RapportChartMark */
} Layout;

typedef struct
{
  char *title;
  char *x_label;
  char *y_label;
  RapportChartAxis axis;
  GStrv categories;
  RapportChartFormat format;
  GPtrArray *series; /* of RapportChartSeries */
  RapportChartSeries *overlay;
  RapportChartFormat overlay_format;
  GArray *goals; /* of Goal */
  gboolean horizontal;

  gboolean has_focus_mark;
  guint focus_series;
  guint focus_point;
  gboolean on_mark; /* the pointer is over a mark */

  Layout *layout; /* for the last size asked on screen */
} RapportChartPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RapportChart, rapport_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MARK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_tick (gpointer data)
{
  g_free (((Tick *) data)->label);
}

static void
clear_goal (gpointer data)
{
  g_free (((Goal *) data)->label);
}

static void
layout_free (Layout *layout)
{
  g_array_unref (layout->x_ticks);
  g_array_unref (layout->y_ticks);
  g_array_unref (layout->y2_ticks);
  g_array_unref (layout->legend);
  g_array_unref (layout->marks);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

static GArray *
tick_array (void)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (Tick));

  g_array_set_clear_func (ticks, clear_tick);
  return ticks;
}

static void
add_tick (GArray *ticks,
          double value,
          char *label)
{
  Tick tick = { value, label };

  g_array_append_val (ticks, tick);
}

/* g_set_str() is GLib 2.76. */
static gboolean
set_str (char **field,
         const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Text */

static PangoLayout *
make_text (PangoContext *pango,
           const char *text,
           double scale,
           PangoWeight weight)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
text_width (PangoContext *pango,
            const char *text,
            double scale)
{
  g_autoptr(PangoLayout) layout = make_text (pango, text, scale, PANGO_WEIGHT_NORMAL);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static double
line_height (PangoContext *pango,
             double scale)
{
  g_autoptr(PangoLayout) layout = make_text (pango, "Mg", scale, PANGO_WEIGHT_NORMAL);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static PangoLayout *
title_text (PangoContext *pango,
            const char *title,
            int width)
{
  PangoLayout *layout = make_text (pango, title, PANGO_SCALE_LARGE, PANGO_WEIGHT_BOLD);

  pango_layout_set_width (layout, MAX (width - 2 * MARGIN, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Series and slots */

guint
rapport_chart_get_n_all_series (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  return priv->series->len + (priv->overlay != NULL ? 1 : 0);
}

/* The series at @index, counting the overlay after the others. */
RapportChartSeries *
rapport_chart_get_any_series (RapportChart *self,
                              guint index)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  if (index < priv->series->len)
    return g_ptr_array_index (priv->series, index);
  if (index == priv->series->len)
    return priv->overlay;
  return NULL;
}

static gboolean
is_overlay (RapportChart *self,
            guint index)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  return priv->overlay != NULL && index == priv->series->len;
}

static RapportChartFormat
format_of (RapportChart *self,
           guint index)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  return is_overlay (self, index) ? priv->overlay_format : priv->format;
}

/* Whether any series has a value to draw. */
static gboolean
has_values (RapportChart *self)
{
  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    {
      double lo, hi;

      if (rapport_chart_series_extent (rapport_chart_get_any_series (self, s), TRUE, &lo, &hi))
        return TRUE;
    }
  return FALSE;
}

/* How many categories or months the x axis has (0 for a number or a
 * time), and on a month axis the first month: every month from the first
 * point to the last has its place, with a value or not. */
static guint
count_slots (RapportChart *self,
             gint64 *first_month)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  gint64 lo = G_MAXINT64, hi = G_MININT64;
  guint n = 0;

  *first_month = 0;
  if (priv->axis == RAPPORT_CHART_AXIS_CATEGORY && priv->categories != NULL)
    n = g_strv_length (priv->categories);
  if (priv->axis != RAPPORT_CHART_AXIS_CATEGORY && priv->axis != RAPPORT_CHART_AXIS_MONTHS)
    return 0;
  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    {
      RapportChartSeries *series = rapport_chart_get_any_series (self, s);

      for (guint i = 0; i < rapport_chart_series_get_n_points (series); i++)
        {
          double x = rapport_chart_series_get_point (series, i)->x;

          if (priv->axis == RAPPORT_CHART_AXIS_CATEGORY && x >= 0 && x < 10000)
            n = MAX (n, (guint) round (x) + 1);
          else if (priv->axis == RAPPORT_CHART_AXIS_MONTHS)
            {
              lo = MIN (lo, rapport_chart_month_of (x));
              hi = MAX (hi, rapport_chart_month_of (x));
            }
        }
    }
  if (priv->axis == RAPPORT_CHART_AXIS_MONTHS && lo <= hi)
    {
      *first_month = lo;
      n = (guint) MIN (hi - lo + 1, 10000);
    }
  return n;
}

static char *
category_name (RapportChart *self,
               double x)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  guint index = (guint) MAX (round (x), 0);

  if (priv->categories != NULL && index < g_strv_length (priv->categories))
    return g_strdup (priv->categories[index]);
  return g_strdup_printf ("%u", index + 1);
}

/* Words x for tooltips and the description, or with @iso for CSV. */
char *
rapport_chart_format_x (RapportChart *self,
                        double x,
                        gboolean iso)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  g_autoptr(GDateTime) time = NULL;

  switch (priv->axis)
    {
    case RAPPORT_CHART_AXIS_CATEGORY:
      return category_name (self, x);
    case RAPPORT_CHART_AXIS_MONTHS:
    case RAPPORT_CHART_AXIS_TIME:
      time = g_date_time_new_from_unix_utc ((gint64) floor (x));
      if (time == NULL)
        break;
      if (priv->axis == RAPPORT_CHART_AXIS_MONTHS)
        /* TRANSLATORS: a month on a chart, see g_date_time_format() */
        return g_date_time_format (time, iso ? "%Y-%m" : _("%b %Y"));
      /* TRANSLATORS: a day on a chart, see g_date_time_format() */
      return g_date_time_format (time, iso ? "%Y-%m-%d" : _("%-d %b %Y"));
    case RAPPORT_CHART_AXIS_NUMBER:
    default:
      break;
    }
  if (iso)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", x));
    }
  return rapport_chart_format_value (RAPPORT_CHART_FORMAT_NUMBER, x, TRUE);
}

/* Colours */

static void
rgb (GdkRGBA *color,
     guint32 value)
{
  color->red = ((value >> 16) & 0xff) / 255.0;
  color->green = ((value >> 8) & 0xff) / 255.0;
  color->blue = (value & 0xff) / 255.0;
  color->alpha = 1;
}

/* Whether two colours are of one hue, as two blues are. */
static gboolean
same_hue (const GdkRGBA *a,
          const GdkRGBA *b)
{
  float ha, sa, va, hb, sb, vb, distance;

  gtk_rgb_to_hsv (a->red, a->green, a->blue, &ha, &sa, &va);
  gtk_rgb_to_hsv (b->red, b->green, b->blue, &hb, &sb, &vb);
  distance = fabsf (ha - hb);
  distance = MIN (distance, 1 - distance);
  return sa > 0.25 && sb > 0.25 && distance < 0.06;
}

/* The colours of the light style for files, or of the widget's style:
 * the accent colour, then libadwaita's named colours, leaving out any of
 * the accent's hue so that two series never share a colour. */
static void
load_palette (RapportChart *self,
              gboolean for_export,
              RapportChartPalette *palette)
{
  static const struct
  {
    const char *name;
    guint32 light;
  } named[] = {
    { "blue_3", 0x3584e4 },
    { "green_4", 0x2ec27e },
    { "yellow_5", 0xe5a50a },
    { "orange_3", 0xff7800 },
    { "red_3", 0xe01b24 },
    { "purple_3", 0x9141ac },
    { "brown_3", 0x986a44 },
  };
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* A chart outside a window has no style yet: it draws as a file does. */
  gboolean styled = !for_export && gtk_widget_get_root (GTK_WIDGET (self)) != NULL;
  GtkStyleContext *context = styled ? gtk_widget_get_style_context (GTK_WIDGET (self)) : NULL;

  palette->foreground = (GdkRGBA){ 0, 0, 0, 0.8 };
  palette->background = for_export ? (GdkRGBA){ 1, 1, 1, 1 } : (GdkRGBA){ 0, 0, 0, 0 };
  palette->halo = (GdkRGBA){ 1, 1, 1, 1 };
  if (context != NULL)
    gtk_style_context_get_color (context, &palette->foreground);
  /* A line over bars stands out from any of them in the window's own
   * colour: light in the light style, dark in the dark one. */
  if (context != NULL && gtk_style_context_lookup_color (context, "window_bg_color", &palette->halo))
    palette->halo.alpha = 1;
  if (context == NULL || !gtk_style_context_lookup_color (context, "accent_color", &palette->colors[0]))
    rgb (&palette->colors[0], 0x1c71d8);
  palette->n_colors = 1;
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GdkRGBA *color = &palette->colors[palette->n_colors];

      if (context == NULL || !gtk_style_context_lookup_color (context, named[i].name, color))
        rgb (color, named[i].light);
      if (!same_hue (color, &palette->colors[0]))
        palette->n_colors++;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static const GdkRGBA *
series_color (RapportChart *self,
              const RapportChartPalette *palette,
              guint series)
{
  RapportChartSeries *s = rapport_chart_get_any_series (self, series);
  guint role = s != NULL ? rapport_chart_series_get_color_role (s) : 0;

  return &palette->colors[role % palette->n_colors];
}

/**
 * rapport_chart_get_series_color:
 * @self: a chart
 * @series: a series index, the overlay after the others
 * @for_export: the colours of files rather than of the widget's style
 * @color: (out): the colour the series is drawn in
 */
void
rapport_chart_get_series_color (RapportChart *self,
                                guint series,
                                gboolean for_export,
                                GdkRGBA *color)
{
  RapportChartPalette palette;

  g_return_if_fail (RAPPORT_IS_CHART (self));

  load_palette (self, for_export, &palette);
  *color = *series_color (self, &palette, series);
}

static void
set_foreground (cairo_t *cr,
                const RapportChartPalette *palette,
                double alpha)
{
  const GdkRGBA *fg = &palette->foreground;

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * alpha);
}

/* The plot's scales */

static double
slot_of (const RapportChartPlot *plot,
         double x)
{
  if (plot->axis == RAPPORT_CHART_AXIS_MONTHS)
    return (double) (rapport_chart_month_of (x) - plot->first_month);
  return round (x);
}

/**
 * rapport_chart_plot_along:
 * @plot: a plot
 * @x: a value of the x axis
 *
 * Returns: where @x is along the x axis, in pixels: the middle of its
 *   slot on a category or month axis
 */
double
rapport_chart_plot_along (const RapportChartPlot *plot,
                          double x)
{
  double start = plot->horizontal ? plot->y : plot->x;
  double length = plot->horizontal ? plot->height : plot->width;

  if (plot->n_slots > 0)
    return start + (slot_of (plot, x) + 0.5) * plot->band;
  if (plot->x_hi <= plot->x_lo)
    return start + length / 2;
  return start + plot->inset + (x - plot->x_lo) / (plot->x_hi - plot->x_lo) * (length - 2 * plot->inset);
}

/**
 * rapport_chart_plot_across:
 * @plot: a plot
 * @y: a value
 * @overlay: whether @y is on the overlay's scale
 *
 * Returns: where @y is along the value axis, in pixels
 */
double
rapport_chart_plot_across (const RapportChartPlot *plot,
                           double y,
                           gboolean overlay)
{
  double lo = overlay ? plot->y2_lo : plot->y_lo;
  double hi = overlay ? plot->y2_hi : plot->y_hi;
  double share = hi > lo ? (y - lo) / (hi - lo) : 0.5;

  if (plot->horizontal)
    return plot->x + share * plot->width;
  return plot->y + plot->height - share * plot->height;
}

void
rapport_chart_plot_point (const RapportChartPlot *plot,
                          double x,
                          double y,
                          gboolean overlay,
                          double *px,
                          double *py)
{
  double along = rapport_chart_plot_along (plot, x);
  double across = rapport_chart_plot_across (plot, y, overlay);

  *px = plot->horizontal ? across : along;
  *py = plot->horizontal ? along : across;
}

/* Layout */

/* Nice ticks for a value axis from @lo to @hi; widens the range to them. */
static GArray *
value_ticks (RapportChartFormat format,
             double *lo,
             double *hi,
             guint max_ticks)
{
  GArray *ticks = tick_array ();
  double first, step;
  guint n = rapport_chart_nice_ticks (*lo, *hi, MAX (max_ticks, 2), &first, &step);

  for (guint i = 0; i < n; i++)
    {
      double value = first + i * step;

      /* No "-0" on an axis. */
      if (fabs (value) < step * 1e-9)
        value = 0;
      add_tick (ticks, value, rapport_chart_format_value (format, value, FALSE));
    }
  if (n > 0)
    {
      *lo = first;
      *hi = first + (n - 1) * step;
    }
  return ticks;
}

static double
widest_tick (PangoContext *pango,
             GArray *ticks,
             double scale)
{
  double widest = 0;

  for (guint i = 0; i < ticks->len; i++)
    widest = MAX (widest, text_width (pango, g_array_index (ticks, Tick, i).label, scale));
  return widest;
}

static char *
month_label (gint64 month,
             gboolean with_year)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc ((int) (month / 12), (int) (month % 12) + 1, 1, 0, 0, 0);

  /* TRANSLATORS: a month on a chart's axis, where the year changes, and
   * the other months; see g_date_time_format() */
  return g_date_time_format (time, with_year ? _("%b %Y") : _("%b"));
}

/* An x tick's label, as wide as the layout lets it be. */
static PangoLayout *
tick_text (PangoContext *pango,
           const Layout *layout,
           const char *label)
{
  PangoLayout *text = make_text (pango, label, PANGO_SCALE_SMALL, PANGO_WEIGHT_NORMAL);

  if (!layout->plot.horizontal && !layout->rotate && !layout->wrap)
    return text;
  pango_layout_set_width (text, (int) MAX (layout->label_room, 1) * PANGO_SCALE);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  if (layout->wrap)
    {
      pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (text, -2);
      pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
    }
  else
    pango_layout_set_alignment (text, PANGO_ALIGN_RIGHT);
  return text;
}

/* The x axis's ticks for a length of @length pixels along it; sets how
 * the labels are drawn and returns the room they take across the axis. */
static double
lay_out_x_ticks (RapportChart *self,
                 Layout *layout,
                 PangoContext *pango,
                 double length)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  RapportChartPlot *plot = &layout->plot;
  double lh = line_height (pango, PANGO_SCALE_SMALL);
  double widest = 0;
  gboolean keep_first = FALSE;
  guint step = 1;

  if (plot->n_slots > 0)
    {
      plot->band = length / plot->n_slots;
      for (guint i = 0; i < plot->n_slots; i++)
        {
          gint64 month = plot->first_month + i;
          double value = priv->axis == RAPPORT_CHART_AXIS_MONTHS ? rapport_chart_month_start (month) : i;
          char *label = priv->axis == RAPPORT_CHART_AXIS_MONTHS
                            ? month_label (month, i == 0 || month % 12 == 0 || plot->horizontal)
                            : category_name (self, i);

          add_tick (layout->x_ticks, value, label);
        }
      widest = widest_tick (pango, layout->x_ticks, PANGO_SCALE_SMALL);
      if (plot->horizontal)
        {
          layout->label_room = MIN (widest, MAX (layout->width * 0.4, 60));
          step = (guint) ceil ((lh + 2) / plot->band);
        }
      else if (priv->axis == RAPPORT_CHART_AXIS_MONTHS)
        {
          /* Ticks on quarters and years rather than on every month. */
          step = rapport_chart_month_step (plot->n_slots, (guint) MAX (length / (widest + 10), 1));
        }
      else if (widest + 8 > plot->band && plot->band >= WRAP_ROOM)
        {
          /* Two lines under each bar read better than a slant. */
          layout->wrap = TRUE;
          layout->label_room = plot->band - 8;
        }
      else if (widest + 8 > plot->band)
        {
          layout->rotate = TRUE;
          layout->label_room = MIN (widest, LABEL_ROOM);
          step = (guint) ceil ((lh + 2) / (plot->band * G_SQRT2 / 2));
        }
      /* Keep every step-th slot: months by the calendar, categories from
       * the first. The first month keeps its label too where it has room
       * before the next, so that the axis says where it starts. */
      if (step > 1 && priv->axis == RAPPORT_CHART_AXIS_MONTHS && plot->first_month % step != 0)
        {
          double room = (step - plot->first_month % step) * plot->band;

          keep_first = room >= (plot->horizontal ? lh + 2 : widest + 10);
        }
      for (guint i = plot->n_slots; i-- > 0;)
        {
          gint64 key = priv->axis == RAPPORT_CHART_AXIS_MONTHS ? plot->first_month + i : i;

          if (step > 1 && key % step != 0 && !(i == 0 && keep_first))
            g_array_remove_index (layout->x_ticks, i);
        }
      /* The year on the first label, wherever the thinning left it. */
      if (priv->axis == RAPPORT_CHART_AXIS_MONTHS && layout->x_ticks->len > 0)
        {
          Tick *first = &g_array_index (layout->x_ticks, Tick, 0);

          g_free (first->label);
          first->label = month_label (rapport_chart_month_of (first->value), TRUE);
        }
      if (layout->rotate)
        return (layout->label_room + lh) * G_SQRT2 / 2;
      if (layout->wrap)
        {
          double tallest = lh;

          for (guint i = 0; i < layout->x_ticks->len; i++)
            {
              g_autoptr(PangoLayout) text = tick_text (pango, layout, g_array_index (layout->x_ticks, Tick, i).label);
              int height;

              pango_layout_get_pixel_size (text, NULL, &height);
              tallest = MAX (tallest, height);
            }
          return tallest;
        }
      return lh;
    }

  if (plot->x_hi <= plot->x_lo)
    {
      double pad = priv->axis == RAPPORT_CHART_AXIS_TIME ? 15 * 86400 : 1;

      plot->x_lo -= pad;
      plot->x_hi += pad;
    }
  if (priv->axis == RAPPORT_CHART_AXIS_TIME)
    {
      g_autofree char *sample = month_label (rapport_chart_month_of (plot->x_hi), TRUE);
      guint max_ticks = (guint) MAX (length / (text_width (pango, sample, PANGO_SCALE_SMALL) + 12), 1);
      guint months = 0;
      g_autoptr(GArray) times = rapport_chart_month_ticks ((gint64) plot->x_lo, (gint64) plot->x_hi, max_ticks, &months);
      gint64 start = rapport_chart_month_start (rapport_chart_month_of (plot->x_lo));

      /* Points from a little after the first of a month (events on 8
       * January): the axis starts on the first, which gets its tick. */
      if (times->len >= 2 && start < plot->x_lo && plot->x_lo - start <= (plot->x_hi - plot->x_lo) / 12)
        {
          plot->x_lo = start;
          g_array_unref (times);
          times = rapport_chart_month_ticks ((gint64) plot->x_lo, (gint64) plot->x_hi, max_ticks, &months);
        }
      /* The first month of the axis gets its label where it has room
       * before the next tick. */
      if (times->len >= 2 && months > 1 && start >= plot->x_lo && g_array_index (times, gint64, 0) > start)
        {
          g_autofree char *label = month_label (rapport_chart_month_of (start), TRUE);
          double share = (g_array_index (times, gint64, 0) - plot->x_lo) / (plot->x_hi - plot->x_lo);
          double room = share * (length - 2 * plot->inset);

          if (room >= text_width (pango, label, PANGO_SCALE_SMALL) + 12)
            {
              g_array_prepend_val (times, start);
              keep_first = TRUE;
            }
        }

      if (times->len < 2)
        {
          g_array_unref (times);
          times = rapport_chart_day_ticks ((gint64) plot->x_lo, (gint64) plot->x_hi,
                                           (guint) MAX (length / (text_width (pango, "28 Sep", PANGO_SCALE_SMALL) + 12), 1));
          months = 0;
        }
      for (guint i = 0; i < times->len; i++)
        {
          gint64 t = g_array_index (times, gint64, i);
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (t);
          gint64 month = rapport_chart_month_of (t);
          char *label;

          if (months >= 12 && !(i == 0 && keep_first))
            label = g_date_time_format (time, "%Y");
          else if (months > 0)
            label = month_label (month, i == 0 || month % 12 == 0);
          else
            /* TRANSLATORS: a day on a chart's axis; see g_date_time_format() */
            label = g_date_time_format (time, _("%-d %b"));
          add_tick (layout->x_ticks, t, label);
        }
    }
  else
    {
      g_autofree char *lo = rapport_chart_format_value (RAPPORT_CHART_FORMAT_NUMBER, plot->x_lo, FALSE);
      g_autofree char *hi = rapport_chart_format_value (RAPPORT_CHART_FORMAT_NUMBER, plot->x_hi, FALSE);
      double sample = MAX (text_width (pango, lo, PANGO_SCALE_SMALL), text_width (pango, hi, PANGO_SCALE_SMALL));

      g_array_unref (layout->x_ticks);
      layout->x_ticks = value_ticks (RAPPORT_CHART_FORMAT_NUMBER, &plot->x_lo, &plot->x_hi,
                                     (guint) (length / (sample + 16)));
    }
  return lh;
}

/* The extent of the points, widened by the kind of chart and the goals. */
static void
compute_ranges (RapportChart *self,
                RapportChartPlot *plot)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  gboolean any_x = FALSE, any_y = FALSE, any_y2 = FALSE;

  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    {
      RapportChartSeries *series = rapport_chart_get_any_series (self, s);
      double lo, hi;

      if (rapport_chart_series_extent (series, FALSE, &lo, &hi))
        {
          plot->x_lo = any_x ? MIN (plot->x_lo, lo) : lo;
          plot->x_hi = any_x ? MAX (plot->x_hi, hi) : hi;
          any_x = TRUE;
        }
      if (!rapport_chart_series_extent (series, TRUE, &lo, &hi))
        continue;
      if (is_overlay (self, s))
        {
          plot->y2_lo = MIN (lo, 0);
          plot->y2_hi = priv->overlay_format == RAPPORT_CHART_FORMAT_PERCENT ? MAX (hi, 1) : hi;
          any_y2 = TRUE;
          continue;
        }
      plot->y_lo = any_y ? MIN (plot->y_lo, lo) : lo;
      plot->y_hi = any_y ? MAX (plot->y_hi, hi) : hi;
      any_y = TRUE;
    }
  for (guint i = 0; i < priv->goals->len; i++)
    {
      double y = g_array_index (priv->goals, Goal, i).y;

      plot->y_lo = any_y ? MIN (plot->y_lo, y) : y;
      plot->y_hi = any_y ? MAX (plot->y_hi, y) : y;
      any_y = TRUE;
    }
  if (!any_y2)
    plot->y2_lo = plot->y2_hi = 0;
  if (!any_y)
    plot->y_lo = plot->y_hi = 0;
  RAPPORT_CHART_GET_CLASS (self)->compute_range (self, &plot->x_lo, &plot->x_hi, &plot->y_lo, &plot->y_hi);
}

/* Legend items wrapped in rows across @width; returns the rows' height. */
static double
lay_out_legend (RapportChart *self,
                Layout *layout,
                PangoContext *pango,
                double lh)
{
  guint n = rapport_chart_get_n_all_series (self);
  double x = MARGIN, row = 0;

  if (n < 2)
    return 0;
  for (guint s = 0; s < n; s++)
    {
      const char *name = rapport_chart_series_get_name (rapport_chart_get_any_series (self, s));
      double width = MIN (text_width (pango, name, PANGO_SCALE_SMALL), layout->width - 2 * MARGIN - lh - 6);
      LegendItem item;

      if (x > MARGIN && x + lh + 6 + width > layout->width - MARGIN)
        {
          x = MARGIN;
          row++;
        }
      item = (LegendItem){ s, x, row * (lh + 4), MAX (width, 1) };
      g_array_append_val (layout->legend, item);
      x += lh + 6 + width + 16;
    }
  return (row + 1) * (lh + 4);
}

static int
compare_marks (gconstpointer a,
               gconstpointer b,
               gpointer user_data)
{
  const RapportChartMark *ma = a, *mb = b;
  gboolean horizontal = GPOINTER_TO_INT (user_data);
  double ca = horizontal ? ma->y + ma->height / 2 : ma->x + ma->width / 2;
  double cb = horizontal ? mb->y + mb->height / 2 : mb->x + mb->width / 2;

  if (fabs (ca - cb) > 0.5)
    return ca < cb ? -1 : 1;
  if (ma->series != mb->series)
    return ma->series < mb->series ? -1 : 1;
  return ma->point < mb->point ? -1 : ma->point > mb->point;
}

static Layout *
layout_new (RapportChart *self,
            PangoContext *pango,
            int width,
            int height,
            gboolean for_export)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  Layout *layout = g_new0 (Layout, 1);
  RapportChartPlot *plot = &layout->plot;
  double lh = line_height (pango, PANGO_SCALE_SMALL);
  double bottom, legend_height, depth, left, right, length;
  guint max_points = 0;

  layout->width = width;
  layout->height = height;
  layout->x_ticks = tick_array ();
  layout->y_ticks = tick_array ();
  layout->y2_ticks = tick_array ();
  layout->legend = g_array_new (FALSE, FALSE, sizeof (LegendItem));
  layout->marks = g_array_new (FALSE, FALSE, sizeof (RapportChartMark));
  layout->top = MARGIN;
  if (for_export && priv->title != NULL && *priv->title != '\0')
    {
      g_autoptr(PangoLayout) title = title_text (pango, priv->title, width);
      int title_height;

      pango_layout_get_pixel_size (title, NULL, &title_height);
      layout->top += title_height + MARGIN;
    }
  layout->empty = !has_values (self);
  if (layout->empty)
    return layout;

  legend_height = lay_out_legend (self, layout, pango, lh);
  bottom = height - MARGIN - (legend_height > 0 ? legend_height + GAP : 0);
  for (guint i = 0; i < layout->legend->len; i++)
    g_array_index (layout->legend, LegendItem, i).y += bottom + GAP;

  plot->horizontal = priv->horizontal;
  plot->axis = priv->axis;
  plot->n_slots = count_slots (self, &plot->first_month);
  compute_ranges (self, plot);
  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    max_points = MAX (max_points, rapport_chart_series_get_n_points (rapport_chart_get_any_series (self, s)));

  if (!plot->horizontal)
    {
      /* Value ticks for a guess of the plot's height, which fixes the
       * left margin; then the x ticks for the plot's width, which fix the
       * bottom margin and so the height. */
      double guess = bottom - layout->top - lh / 2 - lh - GAP - (priv->x_label != NULL ? lh + 4 : 0);
      guint max_ticks = (guint) CLAMP (guess / (lh * 2.5), 2, 10);

      g_array_unref (layout->y_ticks);
      layout->y_ticks = value_ticks (priv->format, &plot->y_lo, &plot->y_hi, max_ticks);
      left = MARGIN + (priv->y_label != NULL ? lh + GAP : 0) + widest_tick (pango, layout->y_ticks, PANGO_SCALE_SMALL) + GAP;
      right = width - MARGIN;
      if (priv->overlay != NULL)
        {
          g_array_unref (layout->y2_ticks);
          layout->y2_ticks = value_ticks (priv->overlay_format, &plot->y2_lo, &plot->y2_hi, max_ticks);
          right -= widest_tick (pango, layout->y2_ticks, PANGO_SCALE_SMALL) + GAP;
        }
      plot->x = left;
      plot->width = MAX (right - left, 20);
      length = plot->width;
    }
  else
    {
      /* Category labels on the left, value ticks along the bottom; goal
       * labels and the overlay's scale above. */
      plot->y = layout->top + (priv->goals->len > 0 || priv->overlay != NULL ? lh + GAP : 0);
      plot->height = MAX (bottom - plot->y - lh - GAP - (priv->y_label != NULL ? lh + 4 : 0), 20);
      length = plot->height;
    }

  plot->band = plot->n_slots > 0 ? length / plot->n_slots : MIN (48, length / (max_points + 1));
  plot->inset = plot->n_slots > 0 ? 0 : MAX (10, plot->band / 2);
  depth = lay_out_x_ticks (self, layout, pango, length);
  layout->depth = depth;

  if (!plot->horizontal)
    {
      plot->y = layout->top + lh / 2;
      plot->height = MAX (bottom - (priv->x_label != NULL ? lh + 4 : 0) - depth - GAP - plot->y, 20);
    }
  else
    {
      double sample;
      g_autofree char *lo = rapport_chart_format_value (priv->format, plot->y_lo, FALSE);
      g_autofree char *hi = rapport_chart_format_value (priv->format, plot->y_hi, FALSE);

      left = MARGIN + (priv->x_label != NULL ? lh + GAP : 0) + layout->label_room + GAP;
      sample = MAX (text_width (pango, lo, PANGO_SCALE_SMALL), text_width (pango, hi, PANGO_SCALE_SMALL));
      plot->x = left;
      plot->width = MAX (width - MARGIN - sample / 2 - left, 20);
      g_array_unref (layout->y_ticks);
      layout->y_ticks = value_ticks (priv->format, &plot->y_lo, &plot->y_hi,
                                     (guint) CLAMP (plot->width / (sample + 16), 2, 8));
      if (priv->overlay != NULL)
        {
          g_array_unref (layout->y2_ticks);
          layout->y2_ticks = value_ticks (priv->overlay_format, &plot->y2_lo, &plot->y2_hi,
                                          (guint) CLAMP (plot->width / (sample + 16), 2, 8));
        }
    }

  RAPPORT_CHART_GET_CLASS (self)->place_marks (self, plot, layout->marks);
  g_array_sort_with_data (layout->marks, compare_marks, GINT_TO_POINTER (plot->horizontal));
  return layout;
}

/* The layout for the screen at a size, kept until something changes. */
static Layout *
screen_layout (RapportChart *self,
               int width,
               int height)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  if (width <= 0 || height <= 0)
    {
      width = RAPPORT_CHART_EXPORT_WIDTH;
      height = RAPPORT_CHART_EXPORT_HEIGHT;
    }
  if (priv->layout != NULL && (priv->layout->width != width || priv->layout->height != height))
    g_clear_pointer (&priv->layout, layout_free);
  if (priv->layout == NULL)
    priv->layout = layout_new (self, gtk_widget_get_pango_context (GTK_WIDGET (self)), width, height, FALSE);
  return priv->layout;
}

static Layout *
widget_layout (RapportChart *self)
{
  return screen_layout (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

static const RapportChartMark *
find_mark (Layout *layout,
           guint series,
           guint point)
{
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const RapportChartMark *mark = &g_array_index (layout->marks, RapportChartMark, i);

      if (mark->series == series && mark->point == point)
        return mark;
    }
  return NULL;
}

/* The mark under (@x, @y): the one drawn last, since it is on top. */
static const RapportChartMark *
mark_at (Layout *layout,
         double x,
         double y)
{
  for (guint i = layout->marks->len; i-- > 0;)
    {
      const RapportChartMark *mark = &g_array_index (layout->marks, RapportChartMark, i);
      double cx = mark->x + mark->width / 2, cy = mark->y + mark->height / 2;
      double half_w = MAX (mark->width, HIT_SIZE) / 2, half_h = MAX (mark->height, HIT_SIZE) / 2;

      if (fabs (x - cx) <= half_w && fabs (y - cy) <= half_h)
        return mark;
    }
  return NULL;
}

/* Drawing */

PangoLayout *
rapport_chart_canvas_text (RapportChartCanvas *canvas,
                           const char *text,
                           double scale)
{
  return make_text (canvas->pango, text, scale, PANGO_WEIGHT_NORMAL);
}

/* Shows @layout with the point (@xalign, @yalign) of its box at (@x, @y). */
void
rapport_chart_canvas_show (RapportChartCanvas *canvas,
                           PangoLayout *layout,
                           double x,
                           double y,
                           double xalign,
                           double yalign)
{
  PangoRectangle box;

  /* The box, not the layout's width: a right-aligned line with a width
   * starts inside it. */
  pango_layout_get_pixel_extents (layout, NULL, &box);
  cairo_move_to (canvas->cr, round (x - xalign * box.width - box.x), round (y - yalign * box.height - box.y));
  pango_cairo_show_layout (canvas->cr, layout);
}

const GdkRGBA *
rapport_chart_canvas_get_color (RapportChartCanvas *canvas,
                                guint series)
{
  return series_color (canvas->chart, canvas->palette, series);
}

void
rapport_chart_canvas_set_color (RapportChartCanvas *canvas,
                                guint series,
                                double alpha)
{
  const GdkRGBA *color = series_color (canvas->chart, canvas->palette, series);

  cairo_set_source_rgba (canvas->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * rapport_chart_place_dots:
 * @self: a chart
 * @plot: the plot
 * @series: the index of a series, the overlay after the others
 * @radius: the dots' radius
 * @marks: (element-type RapportChartMark): where to add the marks
 *
 * Places a dot for every point of @series that has a value.
 */
void
rapport_chart_place_dots (RapportChart *self,
                          const RapportChartPlot *plot,
                          guint series,
                          double radius,
                          GArray *marks)
{
  RapportChartSeries *s = rapport_chart_get_any_series (self, series);

  for (guint i = 0; i < rapport_chart_series_get_n_points (s); i++)
    {
      const RapportChartPoint *point = rapport_chart_series_get_point (s, i);
      RapportChartMark mark = { series, i, RAPPORT_CHART_MARK_DOT, 0, 0, 2 * radius, 2 * radius };
      double px, py;

      if (!isfinite (point->y))
        continue;
      rapport_chart_plot_point (plot, point->x, point->y, is_overlay (self, series), &px, &py);
      mark.x = px - radius;
      mark.y = py - radius;
      g_array_append_val (marks, mark);
    }
}

/* Fills the dots placed for @series; with @halo, each in a ring of the
 * halo colour, so that it reads over bars. */
void
rapport_chart_canvas_draw_dots (RapportChartCanvas *canvas,
                                guint series,
                                gboolean halo)
{
  for (guint pass = halo ? 0 : 1; pass < 2; pass++)
    {
      double grow = pass == 0 ? RAPPORT_CHART_HALO : 0;

      for (guint i = 0; i < canvas->marks->len; i++)
        {
          const RapportChartMark *mark = &g_array_index (canvas->marks, RapportChartMark, i);

          if (mark->series != series || mark->shape != RAPPORT_CHART_MARK_DOT)
            continue;
          cairo_new_sub_path (canvas->cr);
          cairo_arc (canvas->cr, mark->x + mark->width / 2, mark->y + mark->height / 2, mark->width / 2 + grow, 0,
                     2 * G_PI);
        }
      if (pass == 0)
        gdk_cairo_set_source_rgba (canvas->cr, &canvas->palette->halo);
      else
        rapport_chart_canvas_set_color (canvas, series, 1);
      cairo_fill (canvas->cr);
    }
}

/* Clips what follows to the plot area, grown by @outset pixels. */
void
rapport_chart_canvas_clip_to_plot (RapportChartCanvas *canvas,
                                   double outset)
{
  const RapportChartPlot *plot = canvas->plot;

  cairo_rectangle (canvas->cr, plot->x - outset, plot->y - outset, plot->width + 2 * outset, plot->height + 2 * outset);
  cairo_clip (canvas->cr);
}

static int
compare_x (gconstpointer a,
           gconstpointer b,
           gpointer user_data)
{
  RapportChartSeries *series = user_data;
  double xa = rapport_chart_series_get_point (series, *(const guint *) a)->x;
  double xb = rapport_chart_series_get_point (series, *(const guint *) b)->x;

  return xa < xb ? -1 : xa > xb;
}

/* Joins the points of @series in the order of x, with a gap at a point
 * without a value, then draws its dots over the line. With @halo, the
 * line and its dots are edged in the halo colour, so that a line drawn
 * over bars reads on any of their colours. */
void
rapport_chart_canvas_draw_line (RapportChartCanvas *canvas,
                                guint series,
                                gboolean halo)
{
  RapportChartSeries *s = rapport_chart_get_any_series (canvas->chart, series);
  guint n = rapport_chart_series_get_n_points (s);
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  gboolean pen_down = FALSE;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_x, s);
  cairo_new_path (canvas->cr);
  for (guint i = 0; i < n; i++)
    {
      const RapportChartPoint *point = rapport_chart_series_get_point (s, order[i]);
      double px, py;

      if (!isfinite (point->y))
        {
          pen_down = FALSE;
          continue;
        }
      rapport_chart_plot_point (canvas->plot, point->x, point->y, is_overlay (canvas->chart, series), &px, &py);
      if (pen_down)
        cairo_line_to (canvas->cr, px, py);
      else
        cairo_move_to (canvas->cr, px, py);
      pen_down = TRUE;
    }
  cairo_set_line_join (canvas->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (canvas->cr, CAIRO_LINE_CAP_ROUND);
  if (halo)
    {
      cairo_set_line_width (canvas->cr, 2 + 2 * RAPPORT_CHART_HALO);
      gdk_cairo_set_source_rgba (canvas->cr, &canvas->palette->halo);
      cairo_stroke_preserve (canvas->cr);
    }
  cairo_set_line_width (canvas->cr, 2);
  rapport_chart_canvas_set_color (canvas, series, 1);
  cairo_stroke (canvas->cr);
  rapport_chart_canvas_draw_dots (canvas, series, halo);
}

/* Text turned a quarter to the left, centred on (@x, @y): a vertical
 * axis's label. */
static void
show_turned (RapportChartCanvas *canvas,
             const char *text,
             double x,
             double y)
{
  g_autoptr(PangoLayout) layout = rapport_chart_canvas_text (canvas, text, PANGO_SCALE_SMALL);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_save (canvas->cr);
  cairo_translate (canvas->cr, x, y);
  cairo_rotate (canvas->cr, -G_PI / 2);
  cairo_move_to (canvas->cr, -width / 2.0, -height / 2.0);
  pango_cairo_show_layout (canvas->cr, layout);
  cairo_restore (canvas->cr);
}

static void
draw_value_axis (RapportChartCanvas *canvas,
                 Layout *layout,
                 GArray *ticks,
                 gboolean overlay)
{
  const RapportChartPlot *plot = &layout->plot;
  cairo_t *cr = canvas->cr;

  for (guint i = 0; i < ticks->len; i++)
    {
      const Tick *tick = &g_array_index (ticks, Tick, i);
      g_autoptr(PangoLayout) text = rapport_chart_canvas_text (canvas, tick->label, PANGO_SCALE_SMALL);
      double at = round (rapport_chart_plot_across (plot, tick->value, overlay)) + 0.5;

      set_foreground (cr, canvas->palette, 0.12);
      cairo_set_line_width (cr, 1);
      if (!overlay && plot->horizontal)
        {
          cairo_move_to (cr, at, plot->y);
          cairo_line_to (cr, at, plot->y + plot->height);
        }
      else if (!overlay)
        {
          cairo_move_to (cr, plot->x, at);
          cairo_line_to (cr, plot->x + plot->width, at);
        }
      cairo_stroke (cr);
      set_foreground (cr, canvas->palette, 0.7);
      if (plot->horizontal && overlay)
        {
          int width;

          pango_layout_get_pixel_size (text, &width, NULL);
          rapport_chart_canvas_show (canvas, text, MIN (at + width / 2.0, layout->width - 2), plot->y - GAP / 2, 1, 1);
        }
      else if (plot->horizontal)
        rapport_chart_canvas_show (canvas, text, at, plot->y + plot->height + GAP / 2, 0.5, 0);
      else if (overlay)
        rapport_chart_canvas_show (canvas, text, plot->x + plot->width + GAP, at, 0, 0.5);
      else
        rapport_chart_canvas_show (canvas, text, plot->x - GAP, at, 1, 0.5);
    }
}

static void
draw_x_axis (RapportChartCanvas *canvas,
             Layout *layout)
{
  const RapportChartPlot *plot = &layout->plot;
  cairo_t *cr = canvas->cr;

  set_foreground (cr, canvas->palette, 0.4);
  cairo_set_line_width (cr, 1);
  if (plot->horizontal)
    {
      cairo_move_to (cr, round (plot->x) + 0.5, plot->y);
      cairo_line_to (cr, round (plot->x) + 0.5, plot->y + plot->height);
    }
  else
    {
      cairo_move_to (cr, plot->x, round (plot->y + plot->height) + 0.5);
      cairo_line_to (cr, plot->x + plot->width, round (plot->y + plot->height) + 0.5);
    }
  cairo_stroke (cr);

  set_foreground (cr, canvas->palette, 0.7);
  for (guint i = 0; i < layout->x_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (layout->x_ticks, Tick, i);
      g_autoptr(PangoLayout) text = tick_text (canvas->pango, layout, tick->label);
      double at = rapport_chart_plot_along (plot, tick->value);
      int width;

      if (plot->horizontal)
        {
          rapport_chart_canvas_show (canvas, text, plot->x - GAP, at, 1, 0.5);
          continue;
        }
      if (layout->rotate)
        {
          /* The label ends at its tick and runs down to the left, not
           * beyond the chart's edge. */
          pango_layout_set_width (text, (int) CLAMP (at * G_SQRT2 - 2 * GAP, 1, layout->label_room) * PANGO_SCALE);
          cairo_save (cr);
          cairo_translate (cr, at, plot->y + plot->height + GAP / 2);
          cairo_rotate (cr, -G_PI / 4);
          rapport_chart_canvas_show (canvas, text, 0, 0, 1, 0.5);
          cairo_restore (cr);
          continue;
        }
      if (layout->wrap)
        {
          rapport_chart_canvas_show (canvas, text, at, plot->y + plot->height + GAP / 2, 0.5, 0);
          continue;
        }
      pango_layout_get_pixel_size (text, &width, NULL);
      rapport_chart_canvas_show (canvas, text, CLAMP (at - width / 2.0, 0, MAX (layout->width - width, 0)),
                                 plot->y + plot->height + GAP / 2, 0, 0);
    }
}

static void
draw_axis_labels (RapportChartCanvas *canvas,
                  Layout *layout)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (canvas->chart);
  const RapportChartPlot *plot = &layout->plot;
  const char *below = plot->horizontal ? priv->y_label : priv->x_label;
  const char *beside = plot->horizontal ? priv->x_label : priv->y_label;
  double lh = line_height (canvas->pango, PANGO_SCALE_SMALL);

  set_foreground (canvas->cr, canvas->palette, 0.7);
  if (beside != NULL)
    show_turned (canvas, beside, MARGIN + lh / 2, plot->y + plot->height / 2);
  if (below != NULL)
    {
      g_autoptr(PangoLayout) text = rapport_chart_canvas_text (canvas, below, PANGO_SCALE_SMALL);
      double depth = plot->horizontal ? lh : layout->depth;

      rapport_chart_canvas_show (canvas, text, plot->x + plot->width / 2, plot->y + plot->height + GAP / 2 + depth + 4, 0.5, 0);
    }
}

static void
draw_goals (RapportChartCanvas *canvas)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (canvas->chart);
  const RapportChartPlot *plot = canvas->plot;
  cairo_t *cr = canvas->cr;
  static const double dashes[] = { 6, 4 };

  for (guint i = 0; i < priv->goals->len; i++)
    {
      const Goal *goal = &g_array_index (priv->goals, Goal, i);
      g_autofree char *value = rapport_chart_format_value (priv->format, goal->y, TRUE);
      g_autoptr(PangoLayout) text = rapport_chart_canvas_text (canvas, goal->label != NULL ? goal->label : value,
                                                                PANGO_SCALE_SMALL);
      double at = round (rapport_chart_plot_across (plot, goal->y, FALSE)) + 0.5;

      cairo_save (cr);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (cr, 1.5);
      set_foreground (cr, canvas->palette, 0.75);
      if (plot->horizontal)
        {
          cairo_move_to (cr, at, plot->y);
          cairo_line_to (cr, at, plot->y + plot->height);
        }
      else
        {
          cairo_move_to (cr, plot->x, at);
          cairo_line_to (cr, plot->x + plot->width, at);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
      set_foreground (cr, canvas->palette, 0.85);
      if (plot->horizontal)
        rapport_chart_canvas_show (canvas, text, at + 4, plot->y - GAP / 2, 0, 1);
      else
        rapport_chart_canvas_show (canvas, text, plot->x + plot->width - 4, at - 2, 1, 1);
    }
}

static void
draw_legend (RapportChartCanvas *canvas,
             Layout *layout)
{
  double lh = line_height (canvas->pango, PANGO_SCALE_SMALL);

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (layout->legend, LegendItem, i);
      RapportChartSeries *series = rapport_chart_get_any_series (canvas->chart, item->series);
      g_autoptr(PangoLayout) text = rapport_chart_canvas_text (canvas, rapport_chart_series_get_name (series), PANGO_SCALE_SMALL);
      double size = lh * 0.7;

      cairo_rectangle (canvas->cr, item->x, item->y + (lh - size) / 2, size, size);
      rapport_chart_canvas_set_color (canvas, item->series, 1);
      cairo_fill (canvas->cr);
      pango_layout_set_width (text, (int) item->text_width * PANGO_SCALE);
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      set_foreground (canvas->cr, canvas->palette, 0.85);
      rapport_chart_canvas_show (canvas, text, item->x + lh + 6 - (lh - size), item->y, 0, 0);
    }
}

static void
draw_focus (RapportChartCanvas *canvas,
            Layout *layout)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (canvas->chart);
  const RapportChartMark *mark;
  const GdkRGBA *accent = &canvas->palette->colors[0];

  if (!priv->has_focus_mark || !gtk_widget_has_visible_focus (GTK_WIDGET (canvas->chart)))
    return;
  mark = find_mark (layout, priv->focus_series, priv->focus_point);
  if (mark == NULL)
    return;
  cairo_rectangle (canvas->cr, mark->x - 3, mark->y - 3, mark->width + 6, mark->height + 6);
  cairo_set_source_rgba (canvas->cr, accent->red, accent->green, accent->blue, 0.6);
  cairo_set_line_width (canvas->cr, 2);
  cairo_stroke (canvas->cr);
}

/* A context for files, with the widget's font and the file's options. */
static PangoContext *
file_context (RapportChart *self,
              cairo_t *cr)
{
  PangoContext *widget_context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  pango_context_set_font_description (context, pango_context_get_font_description (widget_context));
  pango_cairo_update_context (cr, context);
  return context;
}

/**
 * rapport_chart_draw:
 * @self: a chart
 * @cr: where to draw
 * @width: the width to draw at, in pixels
 * @height: the height
 * @for_export: whether to draw for a file: with the title on top, on a
 *   white background, in the light style's colours
 *
 * Draws the chart: the one drawing function of the screen and the files.
 */
void
rapport_chart_draw (RapportChart *self,
                    cairo_t *cr,
                    int width,
                    int height,
                    gboolean for_export)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  g_autoptr(GObject) pango_owner = NULL;
  PangoContext *pango;
  g_autoptr(Layout) owned = NULL;
  RapportChartPalette palette;
  RapportChartCanvas canvas;
  Layout *layout;

  g_return_if_fail (RAPPORT_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;
  load_palette (self, for_export, &palette);
  if (for_export)
    {
      pango = file_context (self, cr);
      pango_owner = G_OBJECT (pango);
      layout = owned = layout_new (self, pango, width, height, TRUE);
    }
  else
    {
      pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
      layout = screen_layout (self, width, height);
    }
  canvas = (RapportChartCanvas){ self, cr, pango, &layout->plot, &palette, layout->marks };

  cairo_save (cr);
  if (for_export)
    {
      gdk_cairo_set_source_rgba (cr, &palette.background);
      cairo_paint (cr);
      if (priv->title != NULL && *priv->title != '\0')
        {
          g_autoptr(PangoLayout) title = title_text (pango, priv->title, width);

          set_foreground (cr, &palette, 1);
          rapport_chart_canvas_show (&canvas, title, MARGIN, MARGIN, 0, 0);
        }
    }
  if (layout->empty)
    {
      g_autoptr(PangoLayout) text = rapport_chart_canvas_text (&canvas, _("Nothing to show for this period"), 1);

      pango_layout_set_width (text, MAX (width - 2 * MARGIN, 1) * PANGO_SCALE);
      pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
      set_foreground (cr, &palette, 0.55);
      rapport_chart_canvas_show (&canvas, text, width / 2.0, (layout->top + height) / 2.0, 0.5, 0.5);
      cairo_restore (cr);
      return;
    }
  draw_value_axis (&canvas, layout, layout->y_ticks, FALSE);
  draw_value_axis (&canvas, layout, layout->y2_ticks, TRUE);
  draw_x_axis (&canvas, layout);
  draw_axis_labels (&canvas, layout);
  /* Marks stay on the plot; a dot at its edge may show whole. */
  cairo_save (cr);
  rapport_chart_canvas_clip_to_plot (&canvas, RAPPORT_CHART_DOT_RADIUS + RAPPORT_CHART_HALO);
  RAPPORT_CHART_GET_CLASS (self)->draw_marks (self, &canvas);
  cairo_restore (cr);
  /* Over the marks, so that a goal shows across tall bars. */
  draw_goals (&canvas);
  draw_legend (&canvas, layout);
  if (!for_export)
    draw_focus (&canvas, layout);
  cairo_restore (cr);
}

/* The widget */

/* Something the drawing depends on changed: lay out again, describe the
 * chart again, and ask for a size again (lying bars take a row each). */
void
rapport_chart_invalidate (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  g_autofree char *description = rapport_chart_dup_description (self);

  g_clear_pointer (&priv->layout, layout_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rapport_chart_snapshot (GtkWidget *widget,
                        GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  rapport_chart_draw (RAPPORT_CHART (widget), cr, width, height, FALSE);
  cairo_destroy (cr);
}

static void
rapport_chart_measure (GtkWidget *widget,
                       GtkOrientation orientation,
                       int for_size,
                       int *minimum,
                       int *natural,
                       int *minimum_baseline,
                       int *natural_baseline)
{
  RapportChart *self = RAPPORT_CHART (widget);
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 480;
    }
  else if (priv->horizontal && has_values (self))
    {
      gint64 first_month;
      guint rows = count_slots (self, &first_month);

      for (guint s = 0; rows == 0 && s < rapport_chart_get_n_all_series (self); s++)
        rows = MAX (rows, rapport_chart_series_get_n_points (rapport_chart_get_any_series (self, s)));
      /* Every row readable, whatever the width; the legend below. */
      *minimum = *natural = rows * ROW_HEIGHT + 64 + (rapport_chart_get_n_all_series (self) > 1 ? 48 : 0);
    }
  else
    {
      *minimum = 180;
      *natural = 240;
    }
}

static void
rapport_chart_css_changed (GtkWidget *widget,
                           GtkCssStyleChange *change)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (RAPPORT_CHART (widget));

  GTK_WIDGET_CLASS (rapport_chart_parent_class)->css_changed (widget, change);
  /* Colours and fonts come from the style: dark, the accent, text size. */
  g_clear_pointer (&priv->layout, layout_free);
  gtk_widget_queue_draw (widget);
}

static void
rapport_chart_size_allocate (GtkWidget *widget,
                             int width,
                             int height,
                             int baseline)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (RAPPORT_CHART (widget));

  g_clear_pointer (&priv->layout, layout_free);
}

static void
focus_mark (RapportChart *self,
            const RapportChartMark *mark)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  priv->has_focus_mark = mark != NULL;
  priv->focus_series = mark != NULL ? mark->series : 0;
  priv->focus_point = mark != NULL ? mark->point : 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
emit_focused (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  if (priv->has_focus_mark)
    g_signal_emit (self, signals[MARK_ACTIVATED], 0, priv->focus_series, priv->focus_point);
}

/**
 * rapport_chart_activate_at:
 * @self: a chart
 * @x: a point of the widget
 * @y: a point of the widget
 *
 * What a click does: activates the mark at (@x, @y), if any, and gives
 * it the keyboard focus.
 *
 * Returns: whether there was a mark
 */
gboolean
rapport_chart_activate_at (RapportChart *self,
                           double x,
                           double y)
{
  const RapportChartMark *mark;

  g_return_val_if_fail (RAPPORT_IS_CHART (self), FALSE);

  mark = mark_at (widget_layout (self), x, y);
  if (mark == NULL)
    return FALSE;
  focus_mark (self, mark);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  emit_focused (self);
  return TRUE;
}

static void
on_click_released (GtkGestureClick *gesture,
                   int n_press,
                   double x,
                   double y,
                   RapportChart *self)
{
  if (n_press == 1 && rapport_chart_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
set_on_mark (RapportChart *self,
             gboolean on_mark)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  if (priv->on_mark == on_mark)
    return;
  priv->on_mark = on_mark;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), on_mark ? "pointer" : NULL);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double x,
           double y,
           RapportChart *self)
{
  set_on_mark (self, mark_at (widget_layout (self), x, y) != NULL);
}

static void
on_leave (GtkEventControllerMotion *controller,
          RapportChart *self)
{
  set_on_mark (self, FALSE);
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                RapportChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static char *
tooltip_text (RapportChart *self,
              const RapportChartMark *mark)
{
  RapportChartSeries *series = rapport_chart_get_any_series (self, mark->series);
  const RapportChartPoint *point = rapport_chart_series_get_point (series, mark->point);
  g_autofree char *x = rapport_chart_format_x (self, point->x, FALSE);
  g_autofree char *value = rapport_chart_format_value (format_of (self, mark->series), point->y, TRUE);

  if (point->label != NULL && *point->label != '\0')
    /* TRANSLATORS: a chart's tooltip: the series, where, the value, and a note */
    return g_strdup_printf (_("%s\n%s: %s\n%s"), rapport_chart_series_get_name (series), x, value, point->label);
  /* TRANSLATORS: a chart's tooltip: the series, where, and the value */
  return g_strdup_printf (_("%s\n%s: %s"), rapport_chart_series_get_name (series), x, value);
}

static gboolean
on_query_tooltip (GtkWidget *widget,
                  int x,
                  int y,
                  gboolean keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer user_data)
{
  RapportChart *self = RAPPORT_CHART (widget);
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  Layout *layout = widget_layout (self);
  const RapportChartMark *mark;
  g_autofree char *text = NULL;

  if (keyboard_mode)
    mark = priv->has_focus_mark ? find_mark (layout, priv->focus_series, priv->focus_point) : NULL;
  else
    mark = mark_at (layout, x, y);
  if (mark == NULL)
    return FALSE;
  text = tooltip_text (self, mark);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle){ (int) floor (mark->x), (int) floor (mark->y),
                                                      (int) ceil (mark->width) + 1, (int) ceil (mark->height) + 1 });
  return TRUE;
}

static void
move_focus (GtkWidget *widget,
            const char *action_name,
            GVariant *parameter)
{
  RapportChart *self = RAPPORT_CHART (widget);
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  Layout *layout = widget_layout (self);
  int delta = g_str_equal (action_name, "chart.next-mark") ? 1 : -1;
  int index = delta > 0 ? 0 : (int) layout->marks->len - 1;

  if (layout->marks->len == 0)
    return;
  for (guint i = 0; priv->has_focus_mark && i < layout->marks->len; i++)
    {
      const RapportChartMark *mark = &g_array_index (layout->marks, RapportChartMark, i);

      if (mark->series == priv->focus_series && mark->point == priv->focus_point)
        index = CLAMP ((int) i + delta, 0, (int) layout->marks->len - 1);
    }
  focus_mark (self, &g_array_index (layout->marks, RapportChartMark, index));
  gtk_widget_trigger_tooltip_query (widget);
}

static void
activate_mark (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  emit_focused (RAPPORT_CHART (widget));
}

/* Kinds that do not widen the range keep the points' extent. */
static void
rapport_chart_real_compute_range (RapportChart *self,
                                  double *x_lo,
                                  double *x_hi,
                                  double *y_lo,
                                  double *y_hi)
{
}

static void
rapport_chart_real_place_marks (RapportChart *self,
                                const RapportChartPlot *plot,
                                GArray *marks)
{
  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    rapport_chart_place_dots (self, plot, s, RAPPORT_CHART_DOT_RADIUS, marks);
}

static void
rapport_chart_real_draw_marks (RapportChart *self,
                               RapportChartCanvas *canvas)
{
  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    rapport_chart_canvas_draw_dots (canvas, s, FALSE);
}

static void
rapport_chart_dispose (GObject *object)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (RAPPORT_CHART (object));

  g_clear_pointer (&priv->layout, layout_free);
  g_ptr_array_set_size (priv->series, 0);
  g_clear_pointer (&priv->overlay, rapport_chart_series_unref);
  G_OBJECT_CLASS (rapport_chart_parent_class)->dispose (object);
}

static void
rapport_chart_finalize (GObject *object)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (RAPPORT_CHART (object));

  g_free (priv->title);
  g_free (priv->x_label);
  g_free (priv->y_label);
  g_strfreev (priv->categories);
  g_ptr_array_unref (priv->series);
  g_array_unref (priv->goals);
  G_OBJECT_CLASS (rapport_chart_parent_class)->finalize (object);
}

static void
rapport_chart_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  RapportChart *self = RAPPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, rapport_chart_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_chart_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  RapportChart *self = RAPPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      rapport_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_chart_class_init (RapportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_chart_dispose;
  object_class->finalize = rapport_chart_finalize;
  object_class->get_property = rapport_chart_get_property;
  object_class->set_property = rapport_chart_set_property;
  widget_class->snapshot = rapport_chart_snapshot;
  widget_class->measure = rapport_chart_measure;
  widget_class->css_changed = rapport_chart_css_changed;
  widget_class->size_allocate = rapport_chart_size_allocate;
  klass->kind_name = N_("Chart");
  klass->compute_range = rapport_chart_real_compute_range;
  klass->place_marks = rapport_chart_real_place_marks;
  klass->draw_marks = rapport_chart_real_draw_marks;

  properties[PROP_TITLE] =
      g_param_spec_string ("title", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportChart::mark-activated:
   * @self: the chart
   * @series: the index of the series, the overlay after the others
   * @point: the index of the point in the series
   *
   * A mark was clicked, or Enter or Space pressed on the focused one.
   */
  signals[MARK_ACTIVATED] =
      g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "chart.next-mark", NULL, move_focus);
  gtk_widget_class_install_action (widget_class, "chart.previous-mark", NULL, move_focus);
  gtk_widget_class_install_action (widget_class, "chart.activate-mark", NULL, activate_mark);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.next-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.next-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.next-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.previous-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.previous-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.previous-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "chart.activate-mark", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
rapport_chart_init (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  priv->series = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_chart_series_unref);
  priv->goals = g_array_new (FALSE, FALSE, sizeof (Goal));
  g_array_set_clear_func (priv->goals, clear_goal);
  priv->overlay_format = RAPPORT_CHART_FORMAT_PERCENT;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  rapport_chart_invalidate (self);
}

/* Public API */

const char *
rapport_chart_get_title (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_CHART (self), NULL);

  return priv->title;
}

/**
 * rapport_chart_set_title:
 * @self: a chart
 * @title: (nullable): what the chart shows
 *
 * Names the chart for assistive technologies and on top of exported files.
 */
void
rapport_chart_set_title (RapportChart *self,
                         const char *title)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_CHART (self));

  if (!set_str (&priv->title, title))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "", -1);
  rapport_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * rapport_chart_set_axis_labels:
 * @self: a chart
 * @x_label: (nullable): what the x axis measures
 * @y_label: (nullable): what the values are
 */
void
rapport_chart_set_axis_labels (RapportChart *self,
                               const char *x_label,
                               const char *y_label)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_CHART (self));

  set_str (&priv->x_label, x_label);
  set_str (&priv->y_label, y_label);
  rapport_chart_invalidate (self);
}

void
rapport_chart_set_x_axis (RapportChart *self,
                          RapportChartAxis axis)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_CHART (self));
  g_return_if_fail (axis <= RAPPORT_CHART_AXIS_CATEGORY);

  priv->axis = axis;
  rapport_chart_invalidate (self);
}

RapportChartAxis
rapport_chart_get_x_axis (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_CHART (self), RAPPORT_CHART_AXIS_NUMBER);

  return priv->axis;
}

/**
 * rapport_chart_set_categories:
 * @self: a chart
 * @categories: (nullable) (array zero-terminated=1): the names of the
 *   categories of a %RAPPORT_CHART_AXIS_CATEGORY axis, by index
 */
void
rapport_chart_set_categories (RapportChart *self,
                              const char *const *categories)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_CHART (self));

  g_strfreev (priv->categories);
  priv->categories = g_strdupv ((char **) categories);
  rapport_chart_invalidate (self);
}

void
rapport_chart_set_value_format (RapportChart *self,
                                RapportChartFormat format)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_CHART (self));
  g_return_if_fail (format <= RAPPORT_CHART_FORMAT_HOURS);

  priv->format = format;
  rapport_chart_invalidate (self);
}

RapportChartFormat
rapport_chart_get_value_format (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_CHART (self), RAPPORT_CHART_FORMAT_NUMBER);

  return priv->format;
}

/**
 * rapport_chart_set_series:
 * @self: a chart
 * @series: (nullable) (element-type RapportChartSeries): what to draw,
 *   in legend order; %NULL or empty for nothing
 *
 * Replaces the chart's series. The chart keeps a reference to each and
 * freezes it: a series it draws no longer takes points.
 */
void
rapport_chart_set_series (RapportChart *self,
                          GPtrArray *series)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_CHART (self));

  g_ptr_array_set_size (priv->series, 0);
  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      RapportChartSeries *s = g_ptr_array_index (series, i);

      g_return_if_fail (s != NULL);
      rapport_chart_series_freeze (s);
      g_ptr_array_add (priv->series, rapport_chart_series_ref (s));
    }
  priv->has_focus_mark = FALSE;
  rapport_chart_invalidate (self);
}

guint
rapport_chart_get_n_series (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_CHART (self), 0);

  return priv->series->len;
}

/**
 * rapport_chart_get_series:
 * @self: a chart
 * @index: which series, below rapport_chart_get_n_series()
 *
 * Returns: (transfer none): the series
 */
RapportChartSeries *
rapport_chart_get_series (RapportChart *self,
                          guint index)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_CHART (self), NULL);
  g_return_val_if_fail (index < priv->series->len, NULL);

  return g_ptr_array_index (priv->series, index);
}

/* A second series on a scale of its own, on the right, drawn by the kind
 * of chart over its marks: a share over counts. */
void
rapport_chart_set_overlay (RapportChart *self,
                           RapportChartSeries *series,
                           RapportChartFormat format)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  if (series != NULL)
    {
      rapport_chart_series_freeze (series);
      rapport_chart_series_ref (series);
    }
  g_clear_pointer (&priv->overlay, rapport_chart_series_unref);
  priv->overlay = series;
  priv->overlay_format = format;
  priv->has_focus_mark = FALSE;
  rapport_chart_invalidate (self);
}

/* Whether the x axis runs down the side (horizontal bars). */
void
rapport_chart_set_horizontal (RapportChart *self,
                              gboolean horizontal)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  priv->horizontal = !!horizontal;
  rapport_chart_invalidate (self);
}

/**
 * rapport_chart_add_goal:
 * @self: a chart
 * @y: the value to reach
 * @label: (nullable): what the goal is, shown at the end of its line;
 *   without one, the value
 *
 * Adds a dashed line across the plot at @y.
 */
void
rapport_chart_add_goal (RapportChart *self,
                        double y,
                        const char *label)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);
  Goal goal = { y, g_strdup (label) };

  g_return_if_fail (RAPPORT_IS_CHART (self));
  g_return_if_fail (isfinite (y));

  g_array_append_val (priv->goals, goal);
  rapport_chart_invalidate (self);
}

void
rapport_chart_clear_goals (RapportChart *self)
{
  RapportChartPrivate *priv = rapport_chart_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_CHART (self));

  g_array_set_size (priv->goals, 0);
  rapport_chart_invalidate (self);
}

/**
 * rapport_chart_get_mark_position:
 * @self: a chart
 * @series: a series index, the overlay after the others
 * @point: a point index in that series
 * @width: the width of the widget or surface the chart is drawn at
 * @height: its height
 * @x: (out) (optional): the centre of the mark
 * @y: (out) (optional): the centre of the mark
 *
 * Returns: %FALSE if the point has no mark: no such point, or no value
 */
gboolean
rapport_chart_get_mark_position (RapportChart *self,
                                 guint series,
                                 guint point,
                                 int width,
                                 int height,
                                 double *x,
                                 double *y)
{
  const RapportChartMark *mark;

  g_return_val_if_fail (RAPPORT_IS_CHART (self), FALSE);

  mark = find_mark (screen_layout (self, width, height), series, point);
  if (mark == NULL)
    return FALSE;
  if (x != NULL)
    *x = mark->x + mark->width / 2;
  if (y != NULL)
    *y = mark->y + mark->height / 2;
  return TRUE;
}

/* The plot laid out for the screen at a size. */
void
rapport_chart_get_plot (RapportChart *self,
                        int width,
                        int height,
                        RapportChartPlot *plot)
{
  g_return_if_fail (RAPPORT_IS_CHART (self));
  g_return_if_fail (plot != NULL);

  *plot = screen_layout (self, width, height)->plot;
}

/* The labels of the x axis's ticks laid out for the screen at a size. */
GStrv
rapport_chart_dup_x_tick_labels (RapportChart *self,
                                 int width,
                                 int height)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Layout *layout;

  g_return_val_if_fail (RAPPORT_IS_CHART (self), NULL);

  layout = screen_layout (self, width, height);
  for (guint i = 0; i < layout->x_ticks->len; i++)
    g_strv_builder_add (builder, g_array_index (layout->x_ticks, Tick, i).label);
  return g_strv_builder_end (builder);
}

/**
 * rapport_chart_dup_description:
 * @self: a chart
 *
 * Returns: (transfer full): the chart in a sentence, as its accessible
 *   description gives it: the series, how many values each has, where
 *   they are along the x axis and the range of their values
 */
char *
rapport_chart_dup_description (RapportChart *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *x_lo = NULL, *x_hi = NULL, *y_lo = NULL, *y_hi = NULL;
  double xl = 0, xh = 0, yl = 0, yh = 0;
  gboolean any = FALSE;

  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    {
      RapportChartSeries *series = rapport_chart_get_any_series (self, s);
      guint n = 0;
      double lo, hi;

      for (guint i = 0; i < rapport_chart_series_get_n_points (series); i++)
        n += isfinite (rapport_chart_series_get_point (series, i)->y);
      if (names->len > 0)
        g_string_append (names, "; ");
      /* TRANSLATORS: a series of a chart and how many values it has */
      g_string_append_printf (names, ngettext ("%s: %u value", "%s: %u values", n),
                              rapport_chart_series_get_name (series), n);
      if (is_overlay (self, s) || !rapport_chart_series_extent (series, TRUE, &lo, &hi))
        continue;
      yl = any ? MIN (yl, lo) : lo;
      yh = any ? MAX (yh, hi) : hi;
      rapport_chart_series_extent (series, FALSE, &lo, &hi);
      xl = any ? MIN (xl, lo) : lo;
      xh = any ? MAX (xh, hi) : hi;
      any = TRUE;
    }
  if (!any)
    return g_strdup (_("Nothing to show for this period"));
  x_lo = rapport_chart_format_x (self, xl, FALSE);
  x_hi = rapport_chart_format_x (self, xh, FALSE);
  y_lo = rapport_chart_format_value (rapport_chart_get_value_format (self), yl, TRUE);
  y_hi = rapport_chart_format_value (rapport_chart_get_value_format (self), yh, TRUE);
  /* TRANSLATORS: a chart described in words: its kind ("Bar chart"), its
   * series with their counts, the first and last place along the x axis,
   * and the lowest and highest value */
  return g_strdup_printf (_("%s. %s. From %s to %s, values between %s and %s."),
                             _(RAPPORT_CHART_GET_CLASS (self)->kind_name), names->str, x_lo, x_hi, y_lo, y_hi);
}
