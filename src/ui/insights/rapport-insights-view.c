/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-insights-view.c: the Insights view.
 *
 * A period (the last 3, 6 or 12 months, everything, or chosen days), the
 * figures of that period against the one before, and the charts that
 * answer which events and groups are worth the user's time: quality over
 * time and by group and kind, conversations against cards, follow-up
 * speed, referrals, return on time and money, growth and neglect.
 *
 * The figures are computed by rapport-insights.c in a worker thread; the
 * view shows the last ones it got until new ones arrive, with a spinner,
 * and a newer request cancels an older one. Edits to the store ask for
 * new figures once the view is shown. A click on a mark opens what is
 * behind it: an event, a group, a contact, or the list of the records of
 * a month (rapport-insights-list.c).
 */
#define G_LOG_DOMAIN "rapport-insights-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-application.h"
#include "rapport-bar-chart.h"
#include "rapport-chart-card.h"
#include "rapport-format.h"
#include "rapport-insights-list.h"
#include "rapport-insights-view.h"
#include "rapport-insights.h"
#include "rapport-line-chart.h"
#include "rapport-returns-table.h"
#include "rapport-scatter-chart.h"
#include "rapport-text.h"

/* How long edits settle before the figures are computed again. */
#define REFRESH_DELAY_MS 400

/* At most this many people in the referrals chart: the most active. */
#define MAX_PARTNERS 12

typedef enum {
  PERIOD_3_MONTHS,
  PERIOD_6_MONTHS,
  PERIOD_12_MONTHS,
  PERIOD_ALL,
  PERIOD_CUSTOM,
} PeriodChoice;

typedef enum {
  TILE_QUALITY,
  TILE_FOLLOWUP,
  TILE_GIVEN,
  TILE_RECEIVED,
  TILE_CLOSED,
  TILE_HOURS,
  N_TILES
} Tile;

typedef struct
{
  GtkLabel *title;
  GtkLabel *figure;
  GtkLabel *change;
} SummaryTile;

struct _RapportInsightsView
{
  GtkWidget parent_instance;

  RapportStore *store;
  RapportInsights *insights; /* shown */
  GCancellable *cancellable; /* of the figures being computed */
  guint refresh_source;
  gboolean stale; /* changed while hidden */

  GtkWidget *scrolled;
  GtkDropDown *period_dropdown;
  GtkWidget *custom_box;
  GtkEntry *first_entry;
  GtkEntry *last_entry;
  GtkLabel *period_label;
  GtkSpinner *spinner;
  GtkLabel *error_label;
  SummaryTile tiles[N_TILES];

  GPtrArray *charts; /* of RapportChart, in the order shown */
  RapportChart *quality_chart;
  RapportChart *group_chart;
  RapportChart *kind_chart;
  RapportChart *activity_chart;
  RapportChart *card_chart;
  RapportChart *speed_chart;
  RapportChart *partners_chart;
  RapportChart *closed_chart;
  RapportChart *returns_chart;
  RapportChart *growth_chart;
  RapportReturnsTable *returns_table;
  GtkLabel *neglected_label;
  GtkWidget *neglected_button;
};

G_DEFINE_FINAL_TYPE (RapportInsightsView, rapport_insights_view, GTK_TYPE_WIDGET)

static void refresh (RapportInsightsView *self);

/* A month of the statistics ("2026-03") as the charts place it: Unix
 * seconds of its first day at UTC midnight. */
static double
month_x (const char *month)
{
  int year, number;
  g_autoptr(GDateTime) first = NULL;

  if (sscanf (month, "%d-%d", &year, &number) != 2)
    return 0;
  first = g_date_time_new_utc (year, number, 1, 0, 0, 0);
  return first != NULL ? (double) g_date_time_to_unix (first) : 0;
}

/* The local bounds of the month a chart places at @x, within the period. */
static void
month_bounds (RapportInsightsView *self,
              double x,
              gint64 *from,
              gint64 *until)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc ((gint64) x);
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (utc), g_date_time_get_month (utc), 1, 0, 0,
                                                       0);
  g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);

  *from = MAX (g_date_time_to_unix (first), self->insights->period.from);
  *until = MIN (g_date_time_to_unix (next), self->insights->period.until);
}

static char *
month_name (double x)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc ((gint64) x);

  /* TRANSLATORS: a month and its year, as strftime() writes it */
  return g_date_time_format (utc, _("%B %Y"));
}

/* Most months a chart by month spans before it starts at its data. */
#define MAX_EMPTY_MONTHS 120

static GDateTime *
month_of (int year,
          int month)
{
  return g_date_time_new_local (year, month, 1, 0, 0, 0);
}

/* The months of the period shown ("YYYY-MM"), in order, up to this one:
 * for all time, or a period of more than ten years, from @first, the
 * first month with something to show. */
static GPtrArray *
period_months (RapportInsightsView *self,
               const char *first)
{
  const RapportPeriod *period = &self->insights->period;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (MIN (period->until - 1, period->now));
  g_autoptr(GDateTime) month = NULL;
  int year, number;

  if (period->from > 0 && period->until - period->from < MAX_EMPTY_MONTHS * 31 * G_GINT64_CONSTANT (86400))
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (period->from);

      month = month_of (g_date_time_get_year (start), g_date_time_get_month (start));
    }
  else if (first != NULL && sscanf (first, "%d-%d", &year, &number) == 2)
    month = month_of (year, number);
  while (month != NULL && g_date_time_compare (month, last) <= 0)
    {
      GDateTime *next = g_date_time_add_months (month, 1);

      g_ptr_array_add (names, g_date_time_format (month, "%Y-%m"));
      g_date_time_unref (month);
      month = next;
    }
  return names;
}

static RapportChartSeries *
series_take (GPtrArray *all,
             RapportChartSeries *series)
{
  g_ptr_array_add (all, series);
  return series;
}

static GPtrArray *
new_series_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_chart_series_unref);
}

static int
window_days (void)
{
  GSettings *settings = rapport_application_get_settings (RAPPORT_APPLICATION (g_application_get_default ()));
  g_autofree char *window = g_settings_get_string (settings, "followup-window");

  return g_str_equal (window, "same-day") ? 0 : 1;
}

/* The summary */

static char *
format_count (double value)
{
  return g_strdup_printf ("%.0f", value);
}

static char *
format_percent (double value)
{
  /* TRANSLATORS: a share, like "75 %" */
  return g_strdup_printf (_("%.0f %%"), value * 100);
}

static char *
format_points (double value)
{
  /* TRANSLATORS: a difference between two shares in percentage points */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f point", "%.0f points", (gulong) rint (value * 100)),
                          value * 100);
}

static char *
format_money (double cents)
{
  return rapport_format_money ((gint64) cents);
}

static char *
format_hours (double minutes)
{
  return rapport_format_minutes ((gint64) minutes);
}

/* How a tile words its figure and a change, and the step it shows: the
 * change is worked out between the figures as shown, so that it agrees
 * with them. */
typedef struct
{
  char *(*format) (double value);
  char *(*format_change) (double difference);
  double step;
} TileKind;

static const TileKind count_kind = { format_count, format_count, 1 };
static const TileKind share_kind = { format_percent, format_points, 0.01 };
static const TileKind money_kind = { format_money, format_money, 1 };
static const TileKind time_kind = { format_hours, format_hours, 1 };

static char *
describe_change (const TileKind *kind,
                 double now,
                 double before)
{
  g_autofree char *then = NULL;
  g_autofree char *by = NULL;

  if (before < 0)
    return g_strdup (_("Nothing to compare with before"));
  then = kind->format (before);
  now = rint (now / kind->step) * kind->step;
  before = rint (before / kind->step) * kind->step;
  if (now < 0)
    /* TRANSLATORS: %s is the figure of the period before */
    return g_strdup_printf (_("Was %s before"), then);
  if (fabs (now - before) < kind->step / 2)
    /* TRANSLATORS: %s is the figure of the period before */
    return g_strdup_printf (_("Same as before (%s)"), then);
  by = kind->format_change (fabs (now - before));
  /* TRANSLATORS: the first %s is how much the figure changed, the second what it was before */
  return g_strdup_printf (now > before ? _("Up %s from %s") : _("Down %s from %s"), by, then);
}

static void
set_tile (SummaryTile *tile,
          const TileKind *kind,
          double now,
          double before,
          gboolean compared)
{
  g_autofree char *figure = now < 0 ? g_strdup ("—") : kind->format (now);
  g_autofree char *change = compared ? describe_change (kind, now, before) : g_strdup ("");

  gtk_label_set_text (tile->figure, figure);
  gtk_label_set_text (tile->change, change);
  gtk_widget_set_visible (GTK_WIDGET (tile->change), *change != '\0');
}

static void
show_summary (RapportInsightsView *self)
{
  RapportInsights *insights = self->insights;
  const RapportSummary *now = &insights->summary;
  const RapportSummary *before = &insights->previous;
  gboolean compared = insights->period.previous_until > insights->period.previous_from;
  g_autofree char *followup_title = NULL;

  /* Averages of nothing are -1 in both periods; counts are never. */
  set_tile (&self->tiles[TILE_QUALITY], &count_kind, now->quality, before->quality, compared);
  set_tile (&self->tiles[TILE_FOLLOWUP], &share_kind, now->followup_rate, before->followup_rate, compared);
  set_tile (&self->tiles[TILE_GIVEN], &count_kind, now->referrals_given, before->referrals_given, compared);
  set_tile (&self->tiles[TILE_RECEIVED], &count_kind, now->referrals_received, before->referrals_received, compared);
  set_tile (&self->tiles[TILE_CLOSED], &money_kind, now->closed_cents, before->closed_cents, compared);
  set_tile (&self->tiles[TILE_HOURS], &time_kind, now->minutes, before->minutes, compared);

  followup_title = g_strdup (insights->period.window_days == 0 ? _("Followed up the same day")
                                                               : _("Followed up by the next day"));
  gtk_label_set_text (self->tiles[TILE_FOLLOWUP].title, followup_title);
}

/* The charts */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
show_quality (RapportInsightsView *self)
{
  GArray *points = self->insights->quality_points;
  GArray *groups = self->insights->quality_by_group;
  g_autoptr(GPtrArray) all = new_series_list ();
  g_autoptr(GHashTable) by_group = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) all_groups = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A group keeps its colour whatever the period: its place among all
   * the groups, oldest first; events without a group come after them. */
  rapport_store_query_group_ids (self->store, FALSE, all_groups, NULL);
  rapport_store_query_group_ids (self->store, TRUE, all_groups, NULL);
  g_array_sort (all_groups, compare_ids);

  /* One series per group, named and ordered as the bars of quality by
   * group, which cover the same events. */
  for (guint i = 0; i < groups->len; i++)
    {
      RapportQualityBar *bar = &g_array_index (groups, RapportQualityBar, i);
      guint role = all_groups->len;
      RapportChartSeries *series;

      for (guint j = 0; j < all_groups->len; j++)
        if (g_array_index (all_groups, gint64, j) == bar->id)
          role = j;
      series = rapport_chart_series_new (bar->label ? bar->label : _("No group"), role);

      g_hash_table_insert (by_group, &bar->id, series_take (all, series));
    }
  for (guint i = 0; i < points->len; i++)
    {
      RapportQualityPoint *point = &g_array_index (points, RapportQualityPoint, i);
      RapportChartSeries *series = g_hash_table_lookup (by_group, &point->group_id);

      if (series != NULL)
        rapport_chart_series_add_full (series, (double) point->starts_at, point->quality, NULL, point->event_id);
    }
  rapport_chart_set_series (self->quality_chart, all);
}

static void
show_quality_bars (RapportChart *chart,
                   GArray *bars,
                   gboolean kinds)
{
  g_autoptr(GPtrArray) all = new_series_list ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  RapportChartSeries *series = series_take (all, rapport_chart_series_new (_("Average quality"), 0));

  for (guint i = 0; i < bars->len; i++)
    {
      RapportQualityBar *bar = &g_array_index (bars, RapportQualityBar, i);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", bar->n),
                                                bar->n);
      const char *name = bar->label;

      if (kinds)
        name = rapport_event_kind_get_label (rapport_event_kind_from_string (bar->label));
      else if (name == NULL)
        name = _("No group");
      g_ptr_array_add (names, g_strdup (name));
      rapport_chart_series_add_full (series, i, bar->quality, count, kinds ? RAPPORT_CHART_NO_ID : bar->id);
    }
  g_ptr_array_add (names, NULL);
  rapport_chart_set_categories (chart, (const char *const *) names->pdata);
  rapport_chart_set_series (chart, all);
}

static void
show_activity (RapportInsightsView *self)
{
  GArray *months = self->insights->activity;
  g_autoptr(GPtrArray) all = new_series_list ();
  g_autoptr(GPtrArray) shares = new_series_list ();
  RapportChartSeries *events = series_take (all, rapport_chart_series_new (_("Events attended"), 1));
  RapportChartSeries *meaningful = series_take (all, rapport_chart_series_new (_("Meaningful conversations per event"),
                                                                                  0));
  RapportChartSeries *kept = series_take (shares, rapport_chart_series_new (_("More than a card"), 0));
  g_autoptr(RapportProfile) profile = rapport_store_get_profile (self->store);
  g_autofree char *goal = NULL;

  for (guint i = 0; i < months->len; i++)
    {
      RapportActivityMonth *month = &g_array_index (months, RapportActivityMonth, i);
      double x = month_x (month->month);
      g_autofree char *met = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person met", "%u people met",
                                                           month->met),
                                              month->met);

      rapport_chart_series_add (events, x, month->events);
      rapport_chart_series_add (meaningful, x, month->meaningful_per_event);
      rapport_chart_series_add_full (kept, x, month->met > 0 ? month->more_than_card / (double) month->met : NAN, met,
                                     RAPPORT_CHART_NO_ID);
    }
  rapport_chart_clear_goals (self->activity_chart);
  if (profile != NULL && profile->goal_min > 0)
    {
      /* TRANSLATORS: %d is the user's goal of meaningful conversations per event */
      goal = g_strdup_printf (_("Your goal: %d"), profile->goal_min);
      rapport_chart_add_goal (self->activity_chart, profile->goal_min, goal);
    }
  rapport_chart_set_series (self->activity_chart, all);
  rapport_chart_set_series (self->card_chart, shares);
}

static void
show_speed (RapportInsightsView *self)
{
  GArray *months = self->insights->followup_speed;
  gboolean next_day_counts = self->insights->period.window_days >= 1;
  g_autoptr(GPtrArray) all = new_series_list ();
  RapportChartSeries *same = series_take (all, rapport_chart_series_new (_("The same day"), 2));
  RapportChartSeries *next = series_take (all, rapport_chart_series_new (_("The next day"), 1));
  RapportChartSeries *later = series_take (all, rapport_chart_series_new (_("Later"), 3));
  RapportChartSeries *never = series_take (all, rapport_chart_series_new (_("Never"), 4));
  RapportChartSeries *waiting = series_take (all, rapport_chart_series_new (_("Not yet, still in time"), 5));
  const char *window_name = next_day_counts ? _("Within your window: the next day")
                                            : _("Within your window: the same day");
  g_autoptr(RapportChartSeries) window = rapport_chart_series_new (window_name, 0);

  for (guint i = 0; i < months->len; i++)
    {
      RapportFollowupMonth *month = &g_array_index (months, RapportFollowupMonth, i);
      double x = month_x (month->month);
      double met = MAX (month->met, 1);
      double in_time = month->settled_in_time;
      double decided = month->settled;
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "of %u person met", "of %u people met",
                                                             month->met),
                                                month->met);

      rapport_chart_series_add_full (same, x, month->same_day / met, count, RAPPORT_CHART_NO_ID);
      rapport_chart_series_add_full (next, x, month->next_day / met, count, RAPPORT_CHART_NO_ID);
      rapport_chart_series_add_full (later, x, month->later / met, count, RAPPORT_CHART_NO_ID);
      rapport_chart_series_add_full (never, x, month->never / met, count, RAPPORT_CHART_NO_ID);
      rapport_chart_series_add_full (waiting, x, month->waiting / met, count, RAPPORT_CHART_NO_ID);
      /* Of those whose window has passed, as the summary counts. */
      rapport_chart_series_add_full (window, x, decided > 0 ? in_time / decided : NAN, count, RAPPORT_CHART_NO_ID);
    }
  rapport_bar_chart_set_overlay (RAPPORT_BAR_CHART (self->speed_chart), window);
  rapport_chart_set_series (self->speed_chart, all);
}

static void
show_partners (RapportInsightsView *self)
{
  GArray *partners = self->insights->partners;
  g_autoptr(GPtrArray) all = new_series_list ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  RapportChartSeries *given = series_take (all, rapport_chart_series_new (_("Given"), 0));
  RapportChartSeries *received = series_take (all, rapport_chart_series_new (_("Received"), 1));

  for (guint i = 0; i < MIN (partners->len, MAX_PARTNERS); i++)
    {
      RapportPartner *partner = &g_array_index (partners, RapportPartner, i);
      g_autofree char *worth = NULL;
      gint64 id = partner->contact_id > 0 ? partner->contact_id : RAPPORT_CHART_NO_ID;

      if (partner->won_cents > 0)
        {
          g_autofree char *amount = rapport_format_money (partner->won_cents);

          /* TRANSLATORS: %s is an amount of money */
          worth = g_strdup_printf (partner->contact_id > 0 ? _("%s closed from what they gave")
                                                           : _("%s closed from what you gave"),
                                                                amount);
        }
      g_ptr_array_add (names, g_strdup (partner->contact_id > 0 ? partner->name : _("You")));
      rapport_chart_series_add_full (given, i, partner->given, worth, id);
      rapport_chart_series_add_full (received, i, partner->received, NULL, id);
    }
  g_ptr_array_add (names, NULL);
  rapport_chart_set_categories (self->partners_chart, (const char *const *) names->pdata);
  rapport_chart_set_series (self->partners_chart, all);
}

static void
show_closed (RapportInsightsView *self)
{
  GArray *closed = self->insights->closed;
  g_autoptr(GPtrArray) money = new_series_list ();
  RapportChartSeries *won = series_take (money, rapport_chart_series_new (_("Closed business"), 2));
  g_autoptr(GPtrArray) names = NULL;

  names = period_months (self, closed->len > 0 ? g_array_index (closed, RapportMoneyMonth, 0).month : NULL);
  for (guint i = 0, j = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      RapportMoneyMonth *month = NULL;
      g_autofree char *count = NULL;

      if (j < closed->len && g_str_equal (g_array_index (closed, RapportMoneyMonth, j).month, name))
        month = &g_array_index (closed, RapportMoneyMonth, j++);
      if (month != NULL)
        count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u referral won", "%u referrals won", month->count),
                                 month->count);
      rapport_chart_series_add_full (won, month_x (name), month ? month->cents : 0, count, RAPPORT_CHART_NO_ID);
    }
  rapport_chart_set_series (self->closed_chart, money);
}

static void
show_returns (RapportInsightsView *self)
{
  GArray *groups = self->insights->group_returns;
  g_autoptr(GPtrArray) all = new_series_list ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  RapportChartSeries *rate = series_take (all, rapport_chart_series_new (_("Meaningful conversations per hour"), 0));

  for (guint i = 0; i < groups->len; i++)
    {
      RapportGroupReturn *group = &g_array_index (groups, RapportGroupReturn, i);
      g_autofree char *hours = rapport_format_minutes (group->minutes);
      /* TRANSLATORS: the first %u is a number of conversations, %s a time */
      g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conversation in %s",
                                                              "%u conversations in %s", group->meaningful),
                                                 group->meaningful, hours);
      double per_hour = group->minutes > 0 ? group->meaningful * 60.0 / group->minutes : 0;

      g_ptr_array_add (names, g_strdup (group->name));
      rapport_chart_series_add_full (rate, i, per_hour, detail, group->group_id);
    }
  g_ptr_array_add (names, NULL);
  rapport_chart_set_categories (self->returns_chart, (const char *const *) names->pdata);
  rapport_chart_set_series (self->returns_chart, all);
  rapport_returns_table_set_rows (self->returns_table, groups);
}

static void
show_growth (RapportInsightsView *self)
{
  GArray *months = self->insights->growth;
  g_autoptr(GPtrArray) all = new_series_list ();
  RapportChartSeries *added = series_take (all, rapport_chart_series_new (_("Contacts added"), 0));
  guint neglected = self->insights->neglected;
  g_autofree char *text = NULL;

  g_autoptr(GPtrArray) names = period_months (self, months->len > 0 ? g_array_index (months, RapportGrowthMonth, 0).month
                                                                     : NULL);

  /* Every month of the period, those without a new card too. */
  for (guint i = 0, j = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      guint added_then = 0;

      if (j < months->len && g_str_equal (g_array_index (months, RapportGrowthMonth, j).month, name))
        added_then = g_array_index (months, RapportGrowthMonth, j++).added;
      rapport_chart_series_add (added, month_x (name), added_then);
    }
  rapport_chart_set_series (self->growth_chart, all);

  if (neglected == 0)
    text = g_strdup (_("Every relationship with a keep-in-touch cadence is up to date."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u relationship is past its keep-in-touch cadence.",
                                         "%u relationships are past their keep-in-touch cadence.", neglected),
                            neglected);
  gtk_label_set_text (self->neglected_label, text);
  gtk_widget_set_visible (self->neglected_button, neglected > 0);
}

static void
show_insights (RapportInsightsView *self,
               RapportInsights *insights)
{
  g_clear_pointer (&self->insights, rapport_insights_free);
  self->insights = insights;
  show_summary (self);
  show_quality (self);
  show_quality_bars (self->group_chart, insights->quality_by_group, FALSE);
  show_quality_bars (self->kind_chart, insights->quality_by_kind, TRUE);
  show_activity (self);
  show_speed (self);
  show_partners (self);
  show_closed (self);
  show_returns (self);
  show_growth (self);
}

/* Computing */

static void
set_busy (RapportInsightsView *self,
          gboolean busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
on_computed (GObject *source,
             GAsyncResult *result,
             gpointer data)
{
  g_autoptr(RapportInsightsView) self = data;
  g_autoptr(GError) error = NULL;
  RapportInsights *insights = rapport_insights_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), insights == NULL);
  if (insights == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Rapport could not work out these figures: %s"), error->message);

      gtk_label_set_text (self->error_label, message);
      return;
    }
  show_insights (self, insights);
}

/* Reads the chosen period; FALSE (and says why) when the days typed are
 * not a period. */
static gboolean
read_period (RapportInsightsView *self,
             RapportPeriod *period)
{
  gint64 now = rapport_time_now ();
  const char *first, *last;

  switch ((PeriodChoice) gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PERIOD_3_MONTHS:
      rapport_period_for_months (period, now, 3);
      break;
    case PERIOD_6_MONTHS:
      rapport_period_for_months (period, now, 6);
      break;
    case PERIOD_12_MONTHS:
      rapport_period_for_months (period, now, 12);
      break;
    case PERIOD_ALL:
      rapport_period_all (period, now);
      break;
    case PERIOD_CUSTOM:
    default:
      first = gtk_editable_get_text (GTK_EDITABLE (self->first_entry));
      last = gtk_editable_get_text (GTK_EDITABLE (self->last_entry));
      gtk_widget_remove_css_class (GTK_WIDGET (self->first_entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->last_entry), "error");
      if (!rapport_period_for_days (period, now, first, last))
        {
          gboolean first_wrong = !rapport_date_is_valid (first) || strcmp (first, "1900-01-01") < 0;
          GtkWidget *wrong = GTK_WIDGET (first_wrong ? self->first_entry : self->last_entry);

          gtk_widget_add_css_class (wrong, "error");
          gtk_label_set_text (self->period_label,
                              _("Type the first and the last day of the period as YYYY-MM-DD, the first one first, "
                                "between 1900 and 2999."));
          return FALSE;
        }
      break;
    }
  period->window_days = window_days ();
  return TRUE;
}

static char *
local_day (gint64 moment)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (moment);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
describe_period (RapportInsightsView *self,
                 const RapportPeriod *period)
{
  g_autofree char *first_day = local_day (period->from);
  g_autofree char *last_day = local_day (period->until - 1);
  g_autofree char *from_text = rapport_date_format (first_day);
  g_autofree char *last_text = rapport_date_format (last_day);
  g_autofree char *text = NULL;

  if (period->from == 0)
    /* TRANSLATORS: %s is a date */
    text = g_strdup_printf (_("Everything until %s"), last_text);
  else
    /* TRANSLATORS: the period shown, from a date to a date; its figures are compared with the period just before */
    text = g_strdup_printf (_("%s to %s, compared with the same length of time before"), from_text, last_text);
  gtk_label_set_text (self->period_label, text);
}

static void
refresh (RapportInsightsView *self)
{
  RapportPeriod period;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->stale = FALSE;
  /* Whatever comes next, figures on their way are for another period. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (self->store == NULL || !read_period (self, &period))
    return;
  describe_period (self, &period);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  rapport_insights_compute_async (rapport_store_get_path (self->store), &period, self->cancellable, on_computed,
                                  g_object_ref (self));
}

static gboolean
refresh_now (gpointer data)
{
  RapportInsightsView *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RapportInsightsView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_now, self);
}

static void
on_period_chosen (RapportInsightsView *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_CUSTOM;

  gtk_widget_set_visible (self->custom_box, custom);
  if (custom)
    {
      /* Start from the period shown, so that only what differs is typed;
       * from all time, from the last twelve months. */
      if (self->insights != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->first_entry)) == '\0')
        {
          RapportPeriod shown = self->insights->period;
          g_autofree char *first_text = NULL;
          g_autofree char *last_text = NULL;

          if (shown.from <= 0)
            rapport_period_for_months (&shown, shown.now, 12);
          first_text = local_day (shown.from);
          last_text = local_day (shown.until - 1);
          gtk_editable_set_text (GTK_EDITABLE (self->first_entry), first_text);
          gtk_editable_set_text (GTK_EDITABLE (self->last_entry), last_text);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->first_entry));
    }
  refresh (self);
}

static void
rapport_insights_view_map (GtkWidget *widget)
{
  RapportInsightsView *self = RAPPORT_INSIGHTS_VIEW (widget);

  GTK_WIDGET_CLASS (rapport_insights_view_parent_class)->map (widget);
  if (self->stale || (self->insights == NULL && self->cancellable == NULL))
    refresh (self);
}

/* Clicks */

static void
activate (RapportInsightsView *self,
          const char *action,
          gint64 id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), action, "x", id);
}

/* The point behind a mark; the overlay of a bar chart, whose marks come
 * after the last series, stands at the months of the first. */
static const RapportChartPoint *
point_of (RapportChart *chart,
          guint series,
          guint point)
{
  RapportChartSeries *marks = rapport_chart_get_series (chart, MIN (series, rapport_chart_get_n_series (chart) - 1));

  return point < rapport_chart_series_get_n_points (marks) ? rapport_chart_series_get_point (marks, point) : NULL;
}

/* A mark with a record behind it: the action that opens it is the
 * chart's "rapport-action". */
static void
on_record_mark (RapportInsightsView *self,
                guint series,
                guint point,
                RapportChart *chart)
{
  const RapportChartPoint *mark = point_of (chart, series, point);

  if (mark != NULL && mark->id != RAPPORT_CHART_NO_ID && mark->id > 0)
    activate (self, g_object_get_data (G_OBJECT (chart), "rapport-action"), mark->id);
}

/* A month of a chart: the list of what made it. */
static void
on_month_mark (RapportInsightsView *self,
               guint series,
               guint point,
               RapportChart *chart)
{
  RapportStatsList list = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chart), "rapport-list"));
  const RapportChartPoint *mark = point_of (chart, series, point);
  g_autofree char *month = NULL;
  gint64 from, until;

  if (self->insights == NULL || mark == NULL)
    return;
  month = month_name (mark->x);
  month_bounds (self, mark->x, &from, &until);
  rapport_insights_list_show (GTK_WIDGET (self), rapport_store_get_path (self->store), list, from, until, month);
}

static void
on_group_row_activated (RapportInsightsView *self,
                        gint64 group_id)
{
  activate (self, "win.show-group", group_id);
}

/* Building the view */

static GtkWidget *
new_tile (SummaryTile *tile,
          const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  tile->title = GTK_LABEL (gtk_label_new (title));
  tile->figure = GTK_LABEL (gtk_label_new ("—"));
  tile->change = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (tile->title, TRUE);
  gtk_label_set_wrap (tile->change, TRUE);
  gtk_label_set_xalign (tile->title, 0);
  gtk_label_set_xalign (tile->figure, 0);
  gtk_label_set_xalign (tile->change, 0);
  gtk_widget_add_css_class (GTK_WIDGET (tile->title), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (tile->figure), "figure");
  gtk_widget_add_css_class (GTK_WIDGET (tile->change), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (tile->change), "dim-label");
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "summary-tile");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->figure));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->change));
  return box;
}

static GtkWidget *
new_summary (RapportInsightsView *self)
{
  /* clang-format off */
  static const char *const titles[N_TILES] = {
    [TILE_QUALITY] = N_("Average event quality"),
    [TILE_FOLLOWUP] = N_("Followed up by the next day"),
    [TILE_GIVEN] = N_("Referrals given"),
    [TILE_RECEIVED] = N_("Referrals received"),
    [TILE_CLOSED] = N_("Closed business"),
    [TILE_HOURS] = N_("Time networking"),
  };
  /* clang-format on */
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  /* Two or three a row on a desk, one on a phone. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  for (guint i = 0; i < N_TILES; i++)
    {
      GtkWidget *tile = new_tile (&self->tiles[i], _(titles[i]));

      gtk_flow_box_append (GTK_FLOW_BOX (flow), tile);
      /* The tiles are figures to read, not places to stop on. */
      gtk_widget_set_focusable (gtk_widget_get_parent (tile), FALSE);
    }
  return flow;
}

typedef enum {
  KIND_SCATTER,
  KIND_LINES,
  KIND_BARS,
  KIND_STACKED_BARS,
  KIND_LYING_BARS,
} ChartKind;

#define NO_LIST (-1)

/* clang-format off */
/* The charts of the view, in the order shown. A click on a mark opens the
 * record behind it with the chart's action, or the list of the records of
 * its month. */
static const struct
{
  gsize field; /* where the view keeps it */
  ChartKind kind;
  const char *title;
  const char *description;
  const char *x_label;
  const char *y_label;
  RapportChartAxis axis;
  RapportChartFormat format;
  const char *action;
  int list;
} charts[] = {
  { G_STRUCT_OFFSET (RapportInsightsView, quality_chart), KIND_SCATTER,
    N_("Event Quality over Time"),
    N_("Every scored event, coloured by its group, with each group’s trend."),
    N_("Date"),
    N_("Quality"),
    RAPPORT_CHART_AXIS_TIME,
    RAPPORT_CHART_FORMAT_NUMBER,
    "win.show-event",
    NO_LIST },
  { G_STRUCT_OFFSET (RapportInsightsView, group_chart), KIND_LYING_BARS,
    N_("Quality by Group"),
    N_("The average quality of each group’s scored events, and how many there were."),
    N_("Group"),
    N_("Average quality"),
    RAPPORT_CHART_AXIS_CATEGORY,
    RAPPORT_CHART_FORMAT_NUMBER,
    "win.show-group",
    NO_LIST },
  { G_STRUCT_OFFSET (RapportInsightsView, kind_chart), KIND_LYING_BARS,
    N_("Quality by Kind of Event"),
    N_("Breakfasts, mixers, conferences: which kinds serve you best."),
    N_("Kind"),
    N_("Average quality"),
    RAPPORT_CHART_AXIS_CATEGORY,
    RAPPORT_CHART_FORMAT_NUMBER,
    NULL,
    NO_LIST },
  { G_STRUCT_OFFSET (RapportInsightsView, activity_chart), KIND_LINES,
    N_("Sniper or Machine Gun"),
    N_("Events attended each month against the meaningful conversations you had at each. Fewer events, deeper " "conversations."),
    N_("Month"),
    N_("Count"),
    RAPPORT_CHART_AXIS_MONTHS,
    RAPPORT_CHART_FORMAT_NUMBER,
    NULL,
    RAPPORT_STATS_EVENTS },
  { G_STRUCT_OFFSET (RapportInsightsView, card_chart), KIND_LINES,
    N_("More than a Card"),
    N_("The share of the people met at events whom you then called, met, wrote to or referred."),
    N_("Month"),
    N_("People met"),
    RAPPORT_CHART_AXIS_MONTHS,
    RAPPORT_CHART_FORMAT_PERCENT,
    NULL,
    RAPPORT_STATS_EVENTS },
  { G_STRUCT_OFFSET (RapportInsightsView, speed_chart), KIND_STACKED_BARS,
    N_("Follow-up Speed"),
    N_("How soon the people met each month were followed up; the line is the share within your follow-up window."),
    N_("Month"),
    N_("People met"),
    RAPPORT_CHART_AXIS_MONTHS,
    RAPPORT_CHART_FORMAT_PERCENT,
    NULL,
    RAPPORT_STATS_MET },
  { G_STRUCT_OFFSET (RapportInsightsView, partners_chart), KIND_LYING_BARS,
    N_("Referrals Given and Received"),
    N_("Who passes business on and who only takes it, huddle members and other partners alike."),
    N_("Person"),
    N_("Referrals"),
    RAPPORT_CHART_AXIS_CATEGORY,
    RAPPORT_CHART_FORMAT_NUMBER,
    "win.show-contact",
    NO_LIST },
  { G_STRUCT_OFFSET (RapportInsightsView, closed_chart), KIND_BARS,
    N_("Closed Business"),
    N_("The value of the referrals won, by the month they were won."),
    N_("Month"),
    N_("Value"),
    RAPPORT_CHART_AXIS_MONTHS,
    RAPPORT_CHART_FORMAT_MONEY,
    NULL,
    RAPPORT_STATS_WON },
  { G_STRUCT_OFFSET (RapportInsightsView, returns_chart), KIND_LYING_BARS,
    N_("Return on Time by Group"),
    N_("Meaningful conversations for each hour spent at a group’s events, travel included."),
    N_("Group"),
    N_("Conversations per hour"),
    RAPPORT_CHART_AXIS_CATEGORY,
    RAPPORT_CHART_FORMAT_NUMBER,
    "win.show-group",
    NO_LIST },
  { G_STRUCT_OFFSET (RapportInsightsView, growth_chart), KIND_BARS,
    N_("Network Growth"),
    N_("The contacts added each month."),
    N_("Month"),
    N_("Contacts added"),
    RAPPORT_CHART_AXIS_MONTHS,
    RAPPORT_CHART_FORMAT_NUMBER,
    NULL,
    RAPPORT_STATS_ADDED },
};

/* clang-format on */

static GtkWidget *
new_chart (ChartKind kind)
{
  GtkWidget *chart;

  switch (kind)
    {
    case KIND_SCATTER:
      chart = rapport_scatter_chart_new ();
      rapport_scatter_chart_set_trend_lines (RAPPORT_SCATTER_CHART (chart), TRUE);
      return chart;
    case KIND_LINES:
      return rapport_line_chart_new ();
    case KIND_STACKED_BARS:
    case KIND_LYING_BARS:
      chart = rapport_bar_chart_new ();
      rapport_bar_chart_set_stacked (RAPPORT_BAR_CHART (chart), kind == KIND_STACKED_BARS);
      rapport_bar_chart_set_horizontal (RAPPORT_BAR_CHART (chart), kind == KIND_LYING_BARS);
      return chart;
    case KIND_BARS:
    default:
      return rapport_bar_chart_new ();
    }
}

static void
show_followups (RapportInsightsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-followups", NULL);
}

/* Under the growth of the network: the relationships it neglects. */
static GtkWidget *
new_neglected_footer (RapportInsightsView *self)
{
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->neglected_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->neglected_label, TRUE);
  gtk_label_set_xalign (self->neglected_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->neglected_label), TRUE);
  self->neglected_button = gtk_button_new_with_mnemonic (_("_Show"));
  gtk_widget_set_valign (self->neglected_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->neglected_button, _("Show the follow-ups"));
  g_signal_connect_object (self->neglected_button, "clicked", G_CALLBACK (show_followups), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->neglected_label));
  gtk_box_append (GTK_BOX (footer), self->neglected_button);
  return footer;
}

static void
build_charts (RapportInsightsView *self,
              GtkBox *page)
{
  GtkFlowBox *flow = GTK_FLOW_BOX (gtk_flow_box_new ());

  gtk_widget_add_css_class (GTK_WIDGET (flow), "insights-cards");
  gtk_flow_box_set_selection_mode (flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (flow, 1);
  gtk_flow_box_set_max_children_per_line (flow, 2);
  gtk_flow_box_set_homogeneous (flow, TRUE);
  gtk_flow_box_set_row_spacing (flow, 12);
  gtk_flow_box_set_column_spacing (flow, 12);
  gtk_box_append (page, GTK_WIDGET (flow));

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      RapportChart *chart = RAPPORT_CHART (new_chart (charts[i].kind));
      GtkWidget *card = rapport_chart_card_new (_(charts[i].title), _(charts[i].description), chart);

      rapport_chart_set_axis_labels (chart, _(charts[i].x_label), _(charts[i].y_label));
      rapport_chart_set_x_axis (chart, charts[i].axis);
      rapport_chart_set_value_format (chart, charts[i].format);
      if (charts[i].action != NULL)
        {
          g_object_set_data (G_OBJECT (chart), "rapport-action", (gpointer) charts[i].action);
          g_signal_connect_object (chart, "mark-activated", G_CALLBACK (on_record_mark), self, G_CONNECT_SWAPPED);
        }
      if (charts[i].list != NO_LIST)
        {
          g_object_set_data (G_OBJECT (chart), "rapport-list", GINT_TO_POINTER (charts[i].list));
          g_signal_connect_object (chart, "mark-activated", G_CALLBACK (on_month_mark), self, G_CONNECT_SWAPPED);
        }
      G_STRUCT_MEMBER (RapportChart *, self, charts[i].field) = chart;
      g_ptr_array_add (self->charts, chart);
      gtk_flow_box_append (flow, card);
      /* Cards are not places to stop on; their charts and menus are. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
  rapport_chart_card_add_footer (RAPPORT_CHART_CARD (gtk_widget_get_ancestor (GTK_WIDGET (self->growth_chart),
                                                                              RAPPORT_TYPE_CHART_CARD)),
                                 new_neglected_footer (self));

  /* The table users sort to decide which groups to drop, across the page. */
  self->returns_table = rapport_returns_table_new ();
  g_signal_connect_object (self->returns_table, "group-activated", G_CALLBACK (on_group_row_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (page, rapport_returns_table_new_card (self->returns_table));
}

static void
build (RapportInsightsView *self)
{
  static const char *const periods[] = {
    N_("Last 3 Months"), N_("Last 6 Months"), N_("Last 12 Months"), N_("All Time"), N_("Custom Period"), NULL,
    };
  g_autoptr(GtkStringList) period_names = gtk_string_list_new (NULL);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *period_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Show"));

  for (guint i = 0; periods[i] != NULL; i++)
    gtk_string_list_append (period_names, _(periods[i]));
  self->period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&period_names)), NULL));
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_12_MONTHS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  g_signal_connect_object (self->period_dropdown, "notify::selected", G_CALLBACK (on_period_chosen), self,
                           G_CONNECT_SWAPPED);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner), _("Working out the figures…"));
  gtk_box_append (GTK_BOX (period_row), GTK_WIDGET (self->period_dropdown));
  gtk_box_append (GTK_BOX (period_row), GTK_WIDGET (self->spinner));

  self->custom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->first_entry = GTK_ENTRY (gtk_entry_new ());
  self->last_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->first_entry, _("First day"));
  gtk_entry_set_placeholder_text (self->last_entry, _("Last day"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->first_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("First day of the period"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->last_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Last day of the period"), -1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->first_entry), 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->last_entry), 10);
  gtk_widget_set_hexpand (GTK_WIDGET (self->first_entry), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->last_entry), TRUE);
  g_signal_connect_object (self->first_entry, "activate", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->last_entry, "activate", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (apply, "clicked", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->custom_box), GTK_WIDGET (self->first_entry));
  gtk_box_append (GTK_BOX (self->custom_box), GTK_WIDGET (self->last_entry));
  gtk_box_append (GTK_BOX (self->custom_box), apply);
  gtk_widget_add_css_class (self->custom_box, "linked");
  gtk_widget_set_visible (self->custom_box, FALSE);

  self->period_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->period_label, TRUE);
  gtk_label_set_xalign (self->period_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "dim-label");
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_box_append (GTK_BOX (page), period_row);
  gtk_box_append (GTK_BOX (page), self->custom_box);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->period_label));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (page), new_summary (self));
  build_charts (self, GTK_BOX (page));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1200);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/**
 * rapport_insights_view_set_store:
 * @self: the view
 * @store: (nullable): the store whose figures it shows
 */
void
rapport_insights_view_set_store (RapportInsightsView *self,
                                 RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_INSIGHTS_VIEW (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->insights, rapport_insights_free);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

/**
 * rapport_insights_view_is_busy:
 * @self: the view
 *
 * Returns: whether figures are being worked out
 */
gboolean
rapport_insights_view_is_busy (RapportInsightsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_INSIGHTS_VIEW (self), FALSE);

  return self->cancellable != NULL || self->refresh_source != 0;
}

/**
 * rapport_insights_view_get_charts:
 * @self: the view
 *
 * Returns: (transfer none) (element-type RapportChart): its charts, in
 *   the order shown
 */
GPtrArray *
rapport_insights_view_get_charts (RapportInsightsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_INSIGHTS_VIEW (self), NULL);

  return self->charts;
}

static void
rapport_insights_view_dispose (GObject *object)
{
  RapportInsightsView *self = RAPPORT_INSIGHTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->insights, rapport_insights_free);
  G_OBJECT_CLASS (rapport_insights_view_parent_class)->dispose (object);
}

static void
rapport_insights_view_class_init (RapportInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_insights_view_dispose;
  widget_class->map = rapport_insights_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_insights_view_init (RapportInsightsView *self)
{
  self->charts = g_ptr_array_new ();
  build (self);
}
