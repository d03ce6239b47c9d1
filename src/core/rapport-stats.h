/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-stats.h: the figures behind Insights, computed in SQL. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A local month, "YYYY-MM". */
typedef char RapportMonth[8];

/**
 * RapportSummary:
 *
 * One period at a glance. Averages and rates are -1 when nothing counts.
 */
typedef struct
{
  double quality; /* average quality of the events scored */
  guint n_scored;
  double followup_rate;  /* share of people met who were followed up within the window */
  guint n_met;           /* but those still within it */
  guint referrals_given; /* by the user */
  guint referrals_received;
  gint64 closed_cents; /* business won in the period */
  gint64 minutes;      /* at events and travelling */
} RapportSummary;

typedef struct
{
  gint64 event_id;
  gint64 group_id; /* 0 without a group */
  gint64 starts_at;
  int quality;
} RapportQualityPoint;

typedef struct
{
  gint64 id; /* a group id; 0 for events without one */
  char *label;
  double quality;
  guint n;
} RapportQualityBar;

typedef struct
{
  RapportMonth month;
  guint events;
  double meaningful_per_event; /* -1 without events */
  guint met;
  guint more_than_card;
} RapportActivityMonth;

typedef struct
{
  RapportMonth month;
  guint met;
  guint same_day;
  guint next_day;
  guint later;
  guint never;
  guint waiting;         /* not followed up yet, within their window */
  guint settled;         /* met on days whose window has closed */
  guint settled_in_time; /* of those, followed up within the window */
} RapportFollowupMonth;

typedef struct
{
  gint64 contact_id; /* 0: the user */
  char *name;
  guint given;
  guint received;
  gint64 won_cents; /* business closed from the referrals they gave */
} RapportPartner;

typedef struct
{
  RapportMonth month;
  gint64 cents;
  guint count;
} RapportMoneyMonth;

typedef struct
{
  gint64 group_id;
  char *name;
  guint events;
  gint64 minutes;
  gint64 cents;
  guint meaningful;
  guint referrals;     /* given or received about people met at its events */
  gint64 closed_cents; /* won from those referrals */
} RapportGroupReturn;

typedef struct
{
  RapportMonth month;
  guint added;
} RapportGrowthMonth;

/**
 * RapportStatsList:
 * @RAPPORT_STATS_EVENTS: the events held; the value is their quality, or -1
 * @RAPPORT_STATS_MET: the people met; the value is how many days later
 *   they were followed up, -1 for never, or -2 for not yet, when met today
 *   or yesterday
 * @RAPPORT_STATS_ADDED: the cards made; the value is 0
 * @RAPPORT_STATS_WON: the referrals won, by prospect; the value is the
 *   business closed, in cents
 *
 * What lies behind a mark of a chart, for a period.
 */
typedef enum {
  RAPPORT_STATS_EVENTS,
  RAPPORT_STATS_MET,
  RAPPORT_STATS_ADDED,
  RAPPORT_STATS_WON,
} RapportStatsList;

typedef struct
{
  gint64 id; /* an event for RAPPORT_STATS_EVENTS, otherwise a contact */
  char *title;
  char day[11]; /* local, YYYY-MM-DD */
  gint64 value;
} RapportStatsItem;

#define RAPPORT_TYPE_STATS (rapport_stats_get_type ())
G_DECLARE_FINAL_TYPE (RapportStats, rapport_stats, RAPPORT, STATS, GObject)

RapportStats *rapport_stats_open (const char *path, GError **error);

gboolean rapport_stats_summary (RapportStats *self,
                                gint64 from,
                                gint64 until,
                                int window_days,
                                RapportSummary *summary,
                                GError **error);
GArray *rapport_stats_quality_points (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_quality_by_group (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_quality_by_kind (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_activity (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_followup_speed (RapportStats *self,
                                      gint64 from,
                                      gint64 until,
                                      int window_days,
                                      GError **error);
GArray *rapport_stats_partners (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_closed_by_month (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_group_returns (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_growth (RapportStats *self, gint64 from, gint64 until, GError **error);
GArray *rapport_stats_list (RapportStats *self, RapportStatsList list, gint64 from, gint64 until, GError **error);
guint rapport_stats_neglected (RapportStats *self, gint64 now, GError **error);

G_END_DECLS
