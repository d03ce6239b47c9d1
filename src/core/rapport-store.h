/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store.h: the one SQLite file that holds a user's network. */
#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"
#include "rapport-event.h"
#include "rapport-group.h"
#include "rapport-followup.h"
#include "rapport-interaction.h"
#include "rapport-types.h"

G_BEGIN_DECLS

/* The schema version this build writes. A file with a higher version was
 * written by a newer Rapport and is refused, untouched. */
#define RAPPORT_STORE_SCHEMA_VERSION 3

/**
 * RapportContactQuery:
 * @search: (nullable): what the user typed; every word is a prefix
 * @relationship: a #RapportRelationship, or -1 for any
 * @tag: (nullable): only contacts with this tag
 * @starred_only: only starred contacts
 * @archived: the archive instead of the active contacts
 *
 * Which contacts a list shows, in name order.
 */
typedef struct
{
  const char *search;
  int relationship;
  const char *tag;
  gboolean starred_only;
  gboolean archived;
} RapportContactQuery;

/**
 * RapportEventWhen:
 * @RAPPORT_EVENTS_UPCOMING: not ended yet, soonest first
 * @RAPPORT_EVENTS_PAST: ended, latest first
 * @RAPPORT_EVENTS_UNSCORED: ended without a scorecard, latest first
 * @RAPPORT_EVENTS_ALL: all of them, latest first
 */
typedef enum {
  RAPPORT_EVENTS_UPCOMING,
  RAPPORT_EVENTS_PAST,
  RAPPORT_EVENTS_UNSCORED,
  RAPPORT_EVENTS_ALL,
} RapportEventWhen;

/**
 * RapportEventQuery:
 * @when: which part of the calendar
 * @now: the moment that divides upcoming from past (Unix seconds)
 * @search: (nullable): words of the title, location, notes or group name
 * @group_id: only this group's events, or 0 for all
 *
 * Which events a list shows.
 */
typedef struct
{
  RapportEventWhen when;
  gint64 now;
  const char *search;
  gint64 group_id;
} RapportEventQuery;

/**
 * RapportGroupStats:
 *
 * What a group has cost and given, from its events that have started by
 * the moment asked for. Money is in cents, time in minutes; "quality"
 * figures are averages of the 0–100 score, -1 without scored events.
 */
typedef struct
{
  guint n_events;
  guint n_scored;
  double quality;         /* over every scored event */
  double recent_quality;  /* over the latest three scored */
  double earlier_quality; /* over the three before those */
  gint64 cost_cents;      /* the events' costs */
  gint64 dues_cents;      /* yearly dues times the years with an event */
  gint64 event_minutes;   /* time at the events */
  gint64 travel_minutes;  /* time getting there and back */
  guint n_people;
  guint n_meaningful;
  guint n_go_again;
  guint n_stay_away;
  gint64 first_event;
  gint64 last_event;
} RapportGroupStats;

/**
 * RapportProfile:
 *
 * The user as Rapport knows them: what they sell, to whom, and their
 * networking goals.
 */
typedef struct
{
  char *name;
  char *services;
  GStrv audience;
  int goal_min; /* meaningful conversations per event */
  int goal_max;
  int hours_per_month;
} RapportProfile;

void rapport_profile_free (RapportProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportProfile, rapport_profile_free)

#define RAPPORT_TYPE_STORE (rapport_store_get_type ())
G_DECLARE_FINAL_TYPE (RapportStore, rapport_store, RAPPORT, STORE, GObject)

char *rapport_store_get_default_path (void);
RapportStore *rapport_store_open (const char *path, GError **error);
const char *rapport_store_get_path (RapportStore *self);
guint64 rapport_store_get_node_id (RapportStore *self);
char *rapport_store_next_stamp (RapportStore *self);

/* Contacts */
RapportContact *rapport_store_get_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_create_contact (RapportStore *self,
                                       RapportContact *contact,
                                       const char *followup_due,
                                       GError **error);
gboolean rapport_store_update_contact (RapportStore *self, RapportContact *draft, GError **error);
gboolean rapport_store_set_starred (RapportStore *self, gint64 id, gboolean starred, GError **error);
gboolean rapport_store_archive_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_restore_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_delete_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_query_contact_ids (RapportStore *self,
                                          const RapportContactQuery *query,
                                          GArray *ids,
                                          GError **error);
guint rapport_store_count_contacts (RapportStore *self, gboolean archived);
gboolean rapport_store_has_contacts (RapportStore *self);
GStrv rapport_store_list_tags (RapportStore *self);

/* Timeline */
gint64 rapport_store_log_interaction (RapportStore *self,
                                      gint64 contact_id,
                                      RapportInteractionKind kind,
                                      gint64 happened_at,
                                      const char *note,
                                      GError **error);
gboolean rapport_store_delete_interaction (RapportStore *self, gint64 id, GError **error);
GListModel *rapport_store_list_interactions (RapportStore *self, gint64 contact_id, GError **error);

/* Follow-ups */
char *rapport_followup_due_after_meeting (const char *met_on, RapportFollowupWindow window);
gint64 rapport_store_add_followup (RapportStore *self,
                                   gint64 contact_id,
                                   const char *due,
                                   const char *note,
                                   GError **error);
gint64 rapport_store_complete_followup (RapportStore *self,
                                        RapportFollowup *followup,
                                        const char *note,
                                        GError **error);
gboolean rapport_store_reopen_followup (RapportStore *self,
                                        gint64 followup_id,
                                        gint64 interaction_id,
                                        GError **error);
gboolean rapport_store_postpone_followup (RapportStore *self, gint64 id, const char *due, GError **error);
GListModel *rapport_store_list_followups (RapportStore *self, const char *today, GError **error);
GListModel *rapport_store_list_contact_followups (RapportStore *self, gint64 contact_id, GError **error);
guint rapport_store_count_due (RapportStore *self, const char *today);

/* Groups */
RapportGroup *rapport_store_get_group (RapportStore *self, gint64 id, GError **error);
gint64 rapport_store_save_group (RapportStore *self, RapportGroup *draft, GError **error);
gboolean rapport_store_set_group_archived (RapportStore *self, gint64 id, gboolean archived, GError **error);
gboolean rapport_store_delete_group (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_query_group_ids (RapportStore *self, gboolean archived, GArray *ids, GError **error);
gboolean rapport_store_get_group_stats (RapportStore *self,
                                        gint64 group_id,
                                        gint64 until,
                                        RapportGroupStats *stats,
                                        GError **error);
RapportVerdict rapport_group_stats_suggest_verdict (const RapportGroupStats *stats);
double rapport_group_stats_meaningful_per_hour (const RapportGroupStats *stats);

/* Events */
RapportEvent *rapport_store_get_event (RapportStore *self, gint64 id, GError **error);
gint64 rapport_store_save_event (RapportStore *self, RapportEvent *draft, GError **error);
gboolean rapport_store_delete_event (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_set_scorecard (RapportStore *self,
                                      gint64 event_id,
                                      const int answers[RAPPORT_N_SCORE_QUESTIONS],
                                      int go_again,
                                      GError **error);
gboolean rapport_store_query_event_ids (RapportStore *self,
                                        const RapportEventQuery *query,
                                        GArray *ids,
                                        GError **error);
guint rapport_store_count_unscored (RapportStore *self, gint64 now);

/* People met at events */
gint64 rapport_store_capture_person (RapportStore *self,
                                     gint64 event_id,
                                     const char *name,
                                     const char *company,
                                     const char *context,
                                     gboolean meaningful,
                                     const char *followup_due,
                                     GError **error);
gboolean rapport_store_mark_met (RapportStore *self,
                                 gint64 event_id,
                                 gint64 contact_id,
                                 gboolean meaningful,
                                 const char *context,
                                 GError **error);
gboolean rapport_store_set_meaningful (RapportStore *self,
                                       gint64 event_id,
                                       gint64 contact_id,
                                       gboolean meaningful,
                                       GError **error);
gboolean rapport_store_unmark_met (RapportStore *self, gint64 event_id, gint64 contact_id, GError **error);
GListModel *rapport_store_list_event_people (RapportStore *self, gint64 event_id, GError **error);

/* Profile */
RapportProfile *rapport_store_get_profile (RapportStore *self);
gboolean rapport_store_save_profile (RapportStore *self, const RapportProfile *profile, GError **error);

/* Sync */
guint rapport_store_count_outbox (RapportStore *self);

G_END_DECLS
