/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-format.c: how the views word dates, money, time and quality,
 * and when a new follow-up falls due; one place, so that the list, the
 * pages and the editors say the same thing the same way. */
#define G_LOG_DOMAIN "rapport-format"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-format.h"
#include "rapport-text.h"

/**
 * rapport_format_event_when:
 * @event: an event
 *
 * Returns: (transfer full): its day and hours in local time, like
 *   "Tue 10 Mar 2026, 18:00–20:00"
 */
char *
rapport_format_event_when (RapportEvent *event)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (rapport_event_get_starts_at (event));
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (rapport_event_get_ends_at (event));
  g_autofree char *day = NULL;
  g_autofree char *end_day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (start == NULL || end == NULL)
    return g_strdup ("");
  /* TRANSLATORS: the day of an event, see the strftime() manual */
  day = g_strstrip (g_date_time_format (start, _("%a %-d %b %Y")));
  from = g_date_time_format (start, "%H:%M");
  to = g_date_time_format (end, "%H:%M");
  if (g_date_time_get_year (start) == g_date_time_get_year (end) &&
      g_date_time_get_day_of_year (start) == g_date_time_get_day_of_year (end))
    /* TRANSLATORS: an event's day, start and end time */
    return g_strdup_printf (_("%s, %s–%s"), day, from, to);
  /* TRANSLATORS: the day an event that lasts past midnight ends, see the strftime() manual */
  end_day = g_strstrip (g_date_time_format (end, _("%a %-d %b")));
  /* TRANSLATORS: an event's day and start time, then the day and time it ends */
  return g_strdup_printf (_("%s, %s – %s, %s"), day, from, end_day, to);
}

/**
 * rapport_format_event_details:
 * @event: an event
 *
 * Returns: (transfer full): one line for a list: when, the group, the kind
 */
char *
rapport_format_event_details (RapportEvent *event)
{
  g_autofree char *when = rapport_format_event_when (event);
  GString *line = g_string_new (when);

  if (rapport_event_get_group_name (event) != NULL)
    g_string_append_printf (line, " · %s", rapport_event_get_group_name (event));
  if (rapport_event_get_kind (event) != RAPPORT_EVENT_OTHER)
    g_string_append_printf (line, " · %s", rapport_event_kind_get_label (rapport_event_get_kind (event)));
  return g_string_free (line, FALSE);
}

/**
 * rapport_format_money:
 * @cents: an amount in hundredths
 *
 * Rapport does not know the user's currency; it shows the amount in the
 * locale's digits with two decimals.
 *
 * Returns: (transfer full): the amount, like "1,250.00"
 */
char *
rapport_format_money (gint64 cents)
{
  return g_strdup_printf ("%'.2f", cents / 100.0);
}

/**
 * rapport_format_minutes:
 * @minutes: a duration
 *
 * Returns: (transfer full): like "45 min", "3 h" or "12 h 30 min"
 */
char *
rapport_format_minutes (gint64 minutes)
{
  gint64 hours = minutes / 60;

  /* Hours spent on networking fit an int for millions of years. */
  if (hours == 0)
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf (_("%d h"), (int) hours);
  return g_strdup_printf (_("%d h %d min"), (int) hours, (int) (minutes % 60));
}

/**
 * rapport_format_quality_badge:
 * @label: a #GtkLabel with the "quality-badge" style class
 * @quality: a quality score 0–100, or -1 for none
 *
 * Shows the score, coloured by band (70 and up good, under 45 poor), or
 * hides the badge when there is no score.
 */
void
rapport_format_quality_badge (GtkWidget *label,
                              int quality)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (label, quality >= 0);
  gtk_widget_remove_css_class (label, "good");
  gtk_widget_remove_css_class (label, "poor");
  if (quality < 0)
    return;
  text = g_strdup_printf ("%d", quality);
  gtk_label_set_label (GTK_LABEL (label), text);
  if (quality >= 70)
    gtk_widget_add_css_class (label, "good");
  else if (quality < 45)
    gtk_widget_add_css_class (label, "poor");
  /* TRANSLATORS: the tooltip of a quality score, %d is 0–100 */
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Quality %d out of 100"), quality);
  gtk_widget_set_tooltip_text (label, text);
}

/**
 * rapport_followup_due_for:
 * @settings: the app's settings (for the follow-up window)
 * @met_on: (nullable): the day the user met someone (YYYY-MM-DD), or
 *   %NULL for today
 *
 * Returns: (transfer full): when to follow up, by the user's preference
 *   (the same day or the next); never before today
 */
char *
rapport_followup_due_for (GSettings *settings,
                          const char *met_on)
{
  g_autofree char *today = rapport_date_today ();
  g_autofree char *window = g_settings_get_string (settings, "followup-window");
  g_autofree char *due = NULL;

  due = rapport_followup_due_after_meeting (met_on ? met_on : today,
                                            g_str_equal (window, "same-day") ? RAPPORT_FOLLOWUP_WINDOW_SAME_DAY
                                                                             : RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY);
  /* A follow-up is never planned in the past: late is today. */
  if (due == NULL || g_strcmp0 (due, today) < 0)
    return g_steal_pointer (&today);
  return g_steal_pointer (&due);
}

/**
 * rapport_format_referral:
 * @referral: a referral
 * @title: (out) (transfer full): who passed it to whom
 * @subtitle: (out) (transfer full): about whom, where it stands, since when
 *   (and the value of the business won)
 *
 * How the ledger words a referral, on a huddle's page and on a card.
 */
void
rapport_format_referral (RapportReferral *referral,
                         char **title,
                         char **subtitle)
{
  RapportReferralStatus status = rapport_referral_get_status (referral);
  g_autofree char *when = rapport_date_format (rapport_referral_get_status_on (referral));

  /* TRANSLATORS: a referral: who passed it to whom */
  *title = g_strdup_printf (_("%s → %s"), rapport_referral_get_from_name (referral),
                               rapport_referral_get_to_name (referral));
  if (status == RAPPORT_REFERRAL_WON)
    {
      g_autofree char *value = rapport_format_money (MAX (rapport_referral_get_value_cents (referral), 0));

      /* TRANSLATORS: a referral's prospect, "Won", the value and the day */
      *subtitle = g_strdup_printf (_("About %s · %s %s on %s"), rapport_referral_get_prospect_name (referral),
                                      rapport_referral_status_get_label (status), value,
                                      rapport_referral_get_status_on (referral));
    }
  else
    /* TRANSLATORS: a referral's prospect, where it stands, and since when */
    *subtitle = g_strdup_printf (_("About %s · %s on %s"), rapport_referral_get_prospect_name (referral),
                                    rapport_referral_status_get_label (status), rapport_referral_get_status_on (referral));
}
