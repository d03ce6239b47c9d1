/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-insights.c: the Insights view in the real window, on the sample
 * network.
 *
 * Every chart gets the numbers core works out for the period shown, and
 * follows the period chosen; days that are not a period are refused in
 * plain words; a click on an event's mark opens the event, a click on a
 * month opens the list of its records, whose rows open them; every chart
 * saves as PNG, SVG, PDF and CSV; and a new contact shows in the growth of
 * the network without reopening the view. Without a display this program
 * fails.
 */
#define G_LOG_DOMAIN "test-ui-insights"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-chart-private.h"
#include "rapport-chart.h"
#include "rapport-contact-page.h"
#include "rapport-event-page.h"
#include "rapport-events-view.h"
#include "rapport-insights-view.h"
#include "rapport-insights.h"
#include "rapport-sample.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-text.h"
#include "rapport-window.h"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;
static GSubprocess *notification_server;

static RapportInsightsView *
insights_view (void)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "insights_view");
}

static AdwViewStack *
view_stack (void)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "view_stack");
}

static RapportChart *
chart_titled (const char *title)
{
  GPtrArray *charts = rapport_insights_view_get_charts (insights_view ());

  for (guint i = 0; i < charts->len; i++)
    if (g_str_equal (rapport_chart_get_title (g_ptr_array_index (charts, i)), title))
      return g_ptr_array_index (charts, i);
  g_error ("No chart “%s”", title);
}

static guint
count_points (RapportChart *chart)
{
  guint n = 0;

  for (guint i = 0; i < rapport_chart_get_n_series (chart); i++)
    n += rapport_chart_series_get_n_points (rapport_chart_get_series (chart, i));
  return n;
}

/* Waits for the figures being worked out, as a person waits for the
 * spinner to stop. */
static void
wait_for_figures (void)
{
  for (guint i = 0; i < 200 && rapport_insights_view_is_busy (insights_view ()); i++)
    rapport_test_pump (50);
  g_assert_false (rapport_insights_view_is_busy (insights_view ()));
  rapport_test_pump (50);
}

static GtkDropDown *
period_dropdown (void)
{
  GtkWidget *dropdown = rapport_test_find_type (GTK_WIDGET (insights_view ()), GTK_TYPE_DROP_DOWN);

  g_assert_nonnull (dropdown);
  return GTK_DROP_DOWN (dropdown);
}

/* The figures of a period, worked out by core for comparison. */
static RapportInsights *
figures_for (RapportPeriod *period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStats) stats = rapport_stats_open (rapport_store_get_path (rapport_test_app_store (app)), &error);
  RapportInsights *insights;

  g_assert_no_error (error);
  period->window_days = 1;
  insights = rapport_insights_compute (stats, period, NULL, &error);
  g_assert_no_error (error);
  return insights;
}

static void
test_renders (void)
{
  GPtrArray *charts;
  RapportPeriod period;
  g_autoptr(RapportInsights) expected = NULL;
  guint given = 0;

  adw_view_stack_set_visible_child_name (view_stack (), "insights");
  wait_for_figures ();
  charts = rapport_insights_view_get_charts (insights_view ());
  g_assert_cmpuint (charts->len, ==, 10);

  /* The sample network has something to show in every chart. */
  for (guint i = 0; i < charts->len; i++)
    {
      RapportChart *chart = g_ptr_array_index (charts, i);
      g_autofree char *description = rapport_chart_dup_description (chart);

      g_test_message ("%s: %u points", rapport_chart_get_title (chart), count_points (chart));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), >, 200);
      g_assert_cmpuint (count_points (chart), >, 0);
      g_assert_nonnull (description);
      g_assert_cmpstr (description, !=, "");
    }

  /* What the charts hold is what core works out for the last 12 months. */
  rapport_period_for_months (&period, rapport_time_now (), 12);
  expected = figures_for (&period);
  g_assert_cmpuint (count_points (chart_titled ("Event Quality over Time")), ==, expected->quality_points->len);
  g_assert_cmpuint (rapport_chart_series_get_n_points (rapport_chart_get_series (chart_titled ("Quality by Group"), 0)),
                    ==, expected->quality_by_group->len);
  g_assert_cmpuint (rapport_chart_series_get_n_points (rapport_chart_get_series (chart_titled ("Network Growth"), 0)),
                    ==, expected->growth->len);
  for (guint i = 0; i < MIN (expected->partners->len, 12); i++)
    given += g_array_index (expected->partners, RapportPartner, i).given;
  {
    RapportChartSeries *series = rapport_chart_get_series (chart_titled ("Referrals Given and Received"), 0);
    double sum = 0;

    for (guint i = 0; i < rapport_chart_series_get_n_points (series); i++)
      sum += rapport_chart_series_get_point (series, i)->y;
    g_assert_cmpfloat (sum, ==, given);
  }
  /* The summary says the period's average quality, rounded. */
  {
    g_autofree char *quality = g_strdup_printf ("%.0f", expected->summary.quality);

    g_assert_nonnull (rapport_test_find_label (GTK_WIDGET (insights_view ()), quality));
  }
}

static void
test_period (void)
{
  RapportPeriod period;
  g_autoptr(RapportInsights) three = NULL;
  g_autoptr(RapportInsights) march = NULL;
  GtkWidget *first, *last;
  guint before;

  gtk_drop_down_set_selected (period_dropdown (), 0);
  wait_for_figures ();
  rapport_period_for_months (&period, rapport_time_now (), 3);
  three = figures_for (&period);
  g_assert_cmpuint (count_points (chart_titled ("Event Quality over Time")), ==, three->quality_points->len);

  /* Days that are not a period: said plainly, the charts stay. */
  before = count_points (chart_titled ("Event Quality over Time"));
  gtk_drop_down_set_selected (period_dropdown (), 4);
  rapport_test_pump (50);
  first = rapport_test_find_type (GTK_WIDGET (insights_view ()), GTK_TYPE_ENTRY);
  g_assert_true (gtk_widget_get_mapped (first));
  last = gtk_widget_get_next_sibling (first);
  g_assert_true (GTK_IS_ENTRY (last));
  gtk_editable_set_text (GTK_EDITABLE (first), "2026-13-01");
  gtk_editable_set_text (GTK_EDITABLE (last), "2026-03-31");
  g_signal_emit_by_name (first, "activate");
  rapport_test_pump (50);
  g_assert_true (gtk_widget_has_css_class (first, "error"));
  g_assert_nonnull (rapport_test_find_label (GTK_WIDGET (insights_view ()), "Type the first and the last day"));
  g_assert_false (rapport_insights_view_is_busy (insights_view ()));
  g_assert_cmpuint (count_points (chart_titled ("Event Quality over Time")), ==, before);

  /* Nor a first day before 1900, which would chart every month since. */
  gtk_editable_set_text (GTK_EDITABLE (first), "1800-01-01");
  g_signal_emit_by_name (first, "activate");
  rapport_test_pump (50);
  g_assert_true (gtk_widget_has_css_class (first, "error"));
  g_assert_false (rapport_insights_view_is_busy (insights_view ()));

  /* The last day before the first is not a period either. */
  gtk_editable_set_text (GTK_EDITABLE (first), "2026-04-01");
  g_signal_emit_by_name (last, "activate");
  rapport_test_pump (50);
  g_assert_true (gtk_widget_has_css_class (last, "error"));

  gtk_editable_set_text (GTK_EDITABLE (first), "2026-03-01");
  rapport_test_click (rapport_test_find_button (GTK_WIDGET (insights_view ()), "_Show"));
  wait_for_figures ();
  g_assert_false (gtk_widget_has_css_class (first, "error"));
  g_assert_true (rapport_period_for_days (&period, rapport_time_now (), "2026-03-01", "2026-03-31"));
  march = figures_for (&period);
  g_assert_cmpuint (count_points (chart_titled ("Event Quality over Time")), ==, march->quality_points->len);
  g_assert_cmpuint (rapport_chart_series_get_n_points (rapport_chart_get_series (chart_titled ("Network Growth"), 0)),
                    <=, 1);

  gtk_drop_down_set_selected (period_dropdown (), 2);
  wait_for_figures ();
}

/* Activates the chart's first mark where it is drawn, as a click there. */
static void
click_first_mark (RapportChart *chart)
{
  double x, y;

  g_assert_true (rapport_chart_get_mark_position (chart, 0, 0, gtk_widget_get_width (GTK_WIDGET (chart)),
                                                  gtk_widget_get_height (GTK_WIDGET (chart)), &x, &y));
  g_assert_true (rapport_chart_activate_at (chart, x, y));
  rapport_test_pump (100);
}

static void
test_click_through (void)
{
  RapportChart *quality = chart_titled ("Event Quality over Time");
  RapportChart *growth = chart_titled ("Network Growth");
  RapportEventsView *events = rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "events_view");
  const RapportChartPoint *mark = rapport_chart_series_get_point (rapport_chart_get_series (quality, 0), 0);
  GtkWindow *list;
  GtkWidget *row;
  RapportContact *shown;
  g_autofree char *title = NULL;

  /* A dot is an event. */
  click_first_mark (quality);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack ()), ==, "events");
  g_assert_cmpint (rapport_event_page_get_event_id (RAPPORT_EVENT_PAGE (rapport_events_view_get_event_page (events))),
                   ==, mark->id);

  /* A month of the growth is the contacts added then. */
  adw_view_stack_set_visible_child_name (view_stack (), "insights");
  wait_for_figures ();
  click_first_mark (growth);
  list = rapport_test_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (list);
  g_assert_cmpstr (gtk_window_get_title (list), ==, "Contacts Added");
  for (guint i = 0; i < 100 && rapport_test_find_type (GTK_WIDGET (list), ADW_TYPE_ACTION_ROW) == NULL; i++)
    rapport_test_pump (20);
  row = rapport_test_find_type (GTK_WIDGET (list), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_signal_emit_by_name (row, "activated");
  rapport_test_pump (100);
  g_assert_null (rapport_test_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (window)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack ()), ==, "contacts");
  shown = rapport_contact_page_get_contact (rapport_test_contact_page (window));
  g_assert_nonnull (shown);
  g_assert_cmpstr (rapport_contact_get_display_name (shown), ==, title);
  adw_view_stack_set_visible_child_name (view_stack (), "insights");
  wait_for_figures ();
}

static char *
read_start (const char *path,
            gsize length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, length);
  return g_strndup (contents, length);
}

static void
test_exports (void)
{
  GPtrArray *charts = rapport_insights_view_get_charts (insights_view ());
  g_autofree char *dir = g_build_filename (tmp_dir, "exports", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < charts->len; i++)
    {
      RapportChart *chart = g_ptr_array_index (charts, i);
      g_autofree char *png = g_strdup_printf ("%s/%u.png", dir, i);
      g_autofree char *svg = g_strdup_printf ("%s/%u.svg", dir, i);
      g_autofree char *pdf = g_strdup_printf ("%s/%u.pdf", dir, i);
      g_autofree char *csv = g_strdup_printf ("%s/%u.csv", dir, i);
      g_autofree char *png_start = NULL, *svg_text = NULL, *pdf_start = NULL, *csv_start = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_PNG, png, 0, 0, &error));
      g_assert_true (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_SVG, svg, 0, 0, &error));
      g_assert_true (rapport_chart_export (chart, RAPPORT_CHART_EXPORT_PDF, pdf, 0, 0, &error));
      g_assert_true (rapport_chart_export_csv (chart, csv, &error));
      g_assert_no_error (error);
      png_start = read_start (png, 8);
      g_assert_true (memcmp (png_start, "\x89PNG\r\n\x1a\n", 8) == 0);
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_nonnull (strstr (svg_text, "<svg"));
      pdf_start = read_start (pdf, 5);
      g_assert_cmpstr (pdf_start, ==, "%PDF-");
      csv_start = read_start (csv, 21);
      g_assert_cmpstr (csv_start, ==, "Series,X,Value,Label\r");
    }
}

/* A contact added while the view is shown counts in this month's growth. */
static void
test_follows_edits (void)
{
  RapportChart *growth = chart_titled ("Network Growth");
  RapportChartSeries *series = rapport_chart_get_series (growth, 0);
  guint n = rapport_chart_series_get_n_points (series);
  double before = rapport_chart_series_get_point (series, n - 1)->y;
  g_autoptr(RapportContact) contact = rapport_test_add_contact (rapport_test_app_store (app), "Newly Met");

  rapport_test_pump (600);
  wait_for_figures ();
  series = rapport_chart_get_series (growth, 0);
  g_assert_cmpuint (rapport_chart_series_get_n_points (series), ==, n);
  g_assert_cmpfloat (rapport_chart_series_get_point (series, n - 1)->y, ==, before + 1);
}

static void
fill_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) filling = NULL;
  g_autofree char *path = rapport_store_get_default_path ();
  g_autofree char *today = rapport_date_today ();

  /* Around the real today: cards made during the test count as made now. */
  filling = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_sample_fill (filling, 240, 7, today, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc,
      char *argv[])
{
  int status;

  tmp_dir = rapport_test_ui_prepare ("ui-insights", NULL, &argc, &argv);
  fill_network ();
  /* The sample network has follow-ups due, which Rapport announces. */
  notification_server = rapport_test_start_notification_server ();
  window = rapport_test_ui_launch (&app, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  rapport_test_pump (100);

  g_test_add_func ("/rapport/ui/insights/renders", test_renders);
  g_test_add_func ("/rapport/ui/insights/period", test_period);
  g_test_add_func ("/rapport/ui/insights/click-through", test_click_through);
  g_test_add_func ("/rapport/ui/insights/exports", test_exports);
  g_test_add_func ("/rapport/ui/insights/follows-edits", test_follows_edits);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  rapport_test_stop_notification_server (notification_server);
  return status;
}
