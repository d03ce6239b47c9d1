/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-insights.h: every figure of the Insights view for one period. */
#pragma once

#include "rapport-stats.h"

G_BEGIN_DECLS

/**
 * RapportPeriod:
 * @from: the period's start, in Unix seconds
 * @until: its end, excluded
 * @previous_from: the start of the period it is compared with, or equal
 *   to @previous_until when there is none
 * @previous_until: its end, excluded
 * @window_days: the user's follow-up window: 0 the same day, 1 the next
 * @now: the present moment, for what is overdue
 */
typedef struct
{
  gint64 from;
  gint64 until;
  gint64 previous_from;
  gint64 previous_until;
  int window_days;
  gint64 now;
} RapportPeriod;

/**
 * RapportInsights:
 *
 * The figures of one period; the arrays hold the types that
 * rapport-stats.h names for them.
 */
typedef struct
{
  RapportPeriod period;
  RapportSummary summary;
  RapportSummary previous;  /* all zero without a previous period */
  GArray *quality_points;   /* RapportQualityPoint */
  GArray *quality_by_group; /* RapportQualityBar */
  GArray *quality_by_kind;  /* RapportQualityBar */
  GArray *activity;         /* RapportActivityMonth */
  GArray *followup_speed;   /* RapportFollowupMonth */
  GArray *partners;         /* RapportPartner */
  GArray *closed;           /* RapportMoneyMonth */
  GArray *group_returns;    /* RapportGroupReturn */
  GArray *growth;           /* RapportGrowthMonth */
  guint neglected;
} RapportInsights;

void rapport_period_for_months (RapportPeriod *period, gint64 now, int months);
gboolean rapport_period_for_days (RapportPeriod *period, gint64 now, const char *first_day, const char *last_day);
void rapport_period_all (RapportPeriod *period, gint64 now);

RapportInsights *rapport_insights_compute (RapportStats *stats,
                                           const RapportPeriod *period,
                                           GCancellable *cancellable,
                                           GError **error);
void rapport_insights_compute_async (const char *path,
                                     const RapportPeriod *period,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
RapportInsights *rapport_insights_compute_finish (GAsyncResult *result, GError **error);
void rapport_insights_free (RapportInsights *insights);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportInsights, rapport_insights_free)

G_END_DECLS
