/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart-scale.c: where the ticks of a chart's axes go and how
 * values and places are worded. Values get "nice" steps (1, 2 or 5 times
 * a power of ten), so that a reader can interpolate between ticks at a
 * glance; times get ticks at the start of months (every 1, 2, 3, 6 or 12
 * months, or whole years), since Insights count by month, and at days
 * when a range is too short for two months. Times are in UTC, as the
 * statistics hand them out. These are pure functions of their arguments,
 * tested as such. */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-chart-private.h"
#include "rapport-format.h"

/**
 * rapport_chart_nice_ticks:
 * @lo: the lowest value the axis must show
 * @hi: the highest value the axis must show
 * @max_ticks: how many ticks there may be at most (2 or more)
 * @first: (out): the first tick, at or below @lo
 * @step: (out): the distance between ticks: 1, 2 or 5 × 10ⁿ
 *
 * Finds the smallest nice step whose ticks cover @lo to @hi in at most
 * @max_ticks ticks: the ticks are @first + i × @step for i from 0 to the
 * count minus one, and the last is at or above @hi. A range of one value
 * is widened around it.
 *
 * Returns: how many ticks, or 0 when @lo or @hi is not a finite number or
 *   @max_ticks is below 2
 */
guint
rapport_chart_nice_ticks (double lo,
                          double hi,
                          guint max_ticks,
                          double *first,
                          double *step)
{
  static const double mantissas[] = { 1, 2, 5 };
  double range;
  int exponent;

  g_return_val_if_fail (first != NULL && step != NULL, 0);

  if (!isfinite (lo) || !isfinite (hi) || max_ticks < 2)
    return 0;
  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  if (hi - lo < 1e-12 * MAX (1, fabs (hi)))
    {
      double pad = lo == 0 ? 1 : fabs (lo) * 0.1;

      if (lo == 0)
        hi = lo + pad;
      else
        {
          lo -= pad;
          hi += pad;
        }
    }
  range = hi - lo;
  /* The step must be at least range / (max_ticks - 1); start one mantissa
   * below the power of ten under that. */
  exponent = (int) floor (log10 (range / (max_ticks - 1)));
  for (int e = exponent;; e++)
    for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
      {
        double s = mantissas[m] * pow (10, e);
        double k0 = floor (lo / s + 1e-9);
        double k1 = ceil (hi / s - 1e-9);

        if (k1 - k0 + 1 <= max_ticks)
          {
            *first = k0 * s;
            *step = s;
            return (guint) (k1 - k0 + 1);
          }
      }
}

/* Months counted from year 0, in UTC. */
gint64
rapport_chart_month_of (double unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) floor (unix_seconds));

  if (time == NULL)
    return 0;
  return (gint64) g_date_time_get_year (time) * 12 + g_date_time_get_month (time) - 1;
}

/* The first second of a month counted from year 0, in UTC. */
gint64
rapport_chart_month_start (gint64 month)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc ((int) (month / 12), (int) (month % 12) + 1, 1, 0, 0, 0);

  return start != NULL ? g_date_time_to_unix (start) : 0;
}

/**
 * rapport_chart_month_step:
 * @n_months: how many months the axis has
 * @max_ticks: how many of them may carry a tick
 *
 * Returns: the smallest of 1, 2, 3, 6 or 12 months, or a number of whole
 *   years, that puts no more than @max_ticks ticks on @n_months; ticks at
 *   multiples of it fall on quarters and years
 */
guint
rapport_chart_month_step (gint64 n_months,
                          guint max_ticks)
{
  static const guint steps[] = { 1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200 };

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    if (n_months / steps[s] + 1 <= (gint64) MAX (max_ticks, 1))
      return steps[s];
  return steps[G_N_ELEMENTS (steps) - 1];
}

/**
 * rapport_chart_month_ticks:
 * @from: the start of the axis, in Unix seconds
 * @to: its end
 * @max_ticks: how many ticks there may be at most
 * @step_months: (out) (optional): how many months apart the ticks are
 *
 * Places ticks at the first day of months (UTC) between @from and @to
 * inclusive, every rapport_chart_month_step() months, aligned on the
 * calendar: every third month starts a quarter, every twelfth a year.
 *
 * Returns: (transfer full) (element-type gint64): the ticks, in order;
 *   fewer than two when the range is short
 */
GArray *
rapport_chart_month_ticks (gint64 from,
                           gint64 to,
                           guint max_ticks,
                           guint *step_months)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 i0, i1;
  guint step;

  if (step_months != NULL)
    *step_months = 0;
  if (from > to || max_ticks == 0)
    return ticks;
  /* The first month that starts at or after @from, the last at or before @to. */
  i0 = rapport_chart_month_of (from);
  if (rapport_chart_month_start (i0) < from)
    i0++;
  i1 = rapport_chart_month_of (to);
  step = rapport_chart_month_step (i1 - i0, max_ticks);
  for (gint64 k = (i0 + step - 1) / step; k * step <= i1; k++)
    {
      gint64 tick = rapport_chart_month_start (k * step);

      g_array_append_val (ticks, tick);
    }
  if (step_months != NULL)
    *step_months = step;
  return ticks;
}

/* Ticks at UTC midnights, 1, 2, 7 or 14 days apart (weeks from Monday):
 * for ranges too short for two months. */
GArray *
rapport_chart_day_ticks (gint64 from,
                         gint64 to,
                         guint max_ticks)
{
  static const guint steps[] = { 1, 2, 7, 14 };
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint step = steps[G_N_ELEMENTS (steps) - 1];
  double days = (to - from) / 86400.0;
  gint64 day;

  if (from > to || max_ticks == 0)
    return ticks;
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    if (days / steps[s] + 1 <= max_ticks)
      {
        step = steps[s];
        break;
      }
  day = from - from % 86400;
  /* 1 January 1970 was a Thursday; weeks start on Mondays. */
  if (step % 7 == 0)
    day -= ((day / 86400 + 3) % 7) * 86400;
  for (; day <= to; day += (gint64) step * 86400)
    if (day >= from)
      g_array_append_val (ticks, day);
  return ticks;
}

/* The decimals that tell apart values @step apart, at most @max. */
static int
decimals_for (double step,
              int max)
{
  int decimals = 0;

  while (decimals < max && fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) > 1e-6)
    decimals++;
  return decimals;
}

/**
 * rapport_chart_format_value:
 * @format: what the value is
 * @value: the value
 * @precise: %TRUE for a tooltip or a description, %FALSE for an axis tick
 *
 * Words a value: a number with no more decimals than it needs, a share as
 * a whole percentage, cents as an amount (whole on ticks, with the cents
 * in tooltips), minutes as hours.
 *
 * Returns: (transfer full): the text, "" for a missing value
 */
char *
rapport_chart_format_value (RapportChartFormat format,
                            double value,
                            gboolean precise)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("");
  switch (format)
    {
    case RAPPORT_CHART_FORMAT_PERCENT:
      /* TRANSLATORS: a share, like "45 %" */
      return g_strdup_printf (_("%d %%"), (int) round (value * 100));
    case RAPPORT_CHART_FORMAT_MONEY:
      if (precise)
        return rapport_format_money ((gint64) round (value));
      return g_strdup_printf ("%'.0f", round (value / 100));
    case RAPPORT_CHART_FORMAT_HOURS:
      number = g_strdup_printf ("%.*f", decimals_for (value / 60, 1), value / 60);
      /* TRANSLATORS: a number of hours, like "2.5 h" */
      return g_strdup_printf (_("%s h"), number);
    case RAPPORT_CHART_FORMAT_NUMBER:
    default:
      return g_strdup_printf ("%.*f", decimals_for (value, 2), value);
    }
}
