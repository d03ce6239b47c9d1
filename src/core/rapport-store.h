/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store.h: the one SQLite file that holds a user's network. */
#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"
#include "rapport-event.h"
#include "rapport-group.h"
#include "rapport-huddle.h"
#include "rapport-meeting.h"
#include "rapport-referral.h"
#include "rapport-followup.h"
#include "rapport-interaction.h"
#include "rapport-types.h"

G_BEGIN_DECLS

/* The schema version this build writes. A file with a higher version was
 * written by a newer Rapport and is refused, untouched. */
#define RAPPORT_STORE_SCHEMA_VERSION 7

/**
 * RapportContactQuery:
 * @search: (nullable): what the user typed; every word is a prefix
 * @relationship: a #RapportRelationship, or -1 for any
 * @tag: (nullable): only contacts with this tag
 * @starred_only: only starred contacts
 * @archived: the archive instead of the active contacts
 * @names_only: @search looks in the names only, not in the company,
 *   industry, tags or notes
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
  gboolean names_only;
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

/**
 * RapportAttendanceSummary:
 *
 * How one huddle member attended the meetings recorded since a date.
 */
typedef struct
{
  gint64 member_id;
  gint64 contact_id; /* 0: the user */
  char *name;
  guint meetings; /* recorded while they were a member */
  guint present;
  guint late;
  guint substitute;
  guint absent;
} RapportAttendanceSummary;

/**
 * RapportReferralBalance:
 *
 * What one person gave and received in a huddle's referral ledger.
 */
typedef struct
{
  gint64 contact_id; /* 0: the user */
  char *name;
  guint given;
  guint received;
  gint64 won_given_cents;    /* closed business from referrals they gave */
  gint64 won_received_cents; /* closed business from referrals they received */
} RapportReferralBalance;

/**
 * RapportReferralQuery:
 * @huddle_id: only this huddle's referrals, or 0 for all
 * @person: only referrals from, to or about this contact (0 for the
 *   user), or -1 for everyone
 *
 * Which referrals a ledger view shows, latest first.
 */
typedef struct
{
  gint64 huddle_id;
  gint64 person;
} RapportReferralQuery;

/**
 * RapportServiceEntry:
 * @audience: a kind of client, like "home buyers"
 * @service: a service they need, like "Home inspector"
 *
 * One line of the catalogue of the services an audience needs.
 */
typedef struct
{
  char *audience;
  char *service;
} RapportServiceEntry;

void rapport_service_entry_free (RapportServiceEntry *entry);
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
gint64 rapport_store_find_contact (RapportStore *self, const char *uuid);
gboolean rapport_store_check_contact (RapportStore *self, RapportContact *contact, GError **error);

/* A card an import has checked, with what saving it writes worked out,
 * so that it is not worked out again when the import writes it. */
typedef struct _RapportCheckedContact RapportCheckedContact;

RapportCheckedContact *rapport_store_check_contact_to_import (RapportStore *self,
                                                              RapportContact *contact,
                                                              GError **error);
void rapport_checked_contact_free (RapportCheckedContact *checked);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCheckedContact, rapport_checked_contact_free)
void rapport_store_check_contacts (RapportStore *self,
                                   RapportContact *const *contacts,
                                   guint n_contacts,
                                   RapportCheckedContact **checked,
                                   GError **refusals);

/* Imports: one transaction around many cards */
gboolean rapport_store_find_duplicates (RapportStore *self,
                                        RapportContact *const *contacts,
                                        guint n_contacts,
                                        gint64 *duplicate_of,
                                        GError **error);
gboolean rapport_store_begin_import (RapportStore *self, GError **error);
gint64 rapport_store_import_contacts (RapportStore *self,
                                      RapportContact *const *contacts,
                                      guint n_contacts,
                                      GError **error);
gint64 rapport_store_import_checked (RapportStore *self,
                                     RapportCheckedContact *const *checked,
                                     guint n_contacts,
                                     GError **error);
gboolean rapport_store_import_merge (RapportStore *self, gint64 id, RapportContact *incoming, GError **error);
gboolean rapport_store_end_import (RapportStore *self, gboolean commit, GError **error);
gboolean rapport_store_is_importing (RapportStore *self);
GStrv rapport_store_list_tags (RapportStore *self);

/* Photos: kept on this computer, never synced */
#define RAPPORT_PHOTO_MAX_BYTES (1024 * 1024)
gboolean rapport_store_set_contact_photo (RapportStore *self, gint64 contact_id, GBytes *photo, GError **error);
GBytes *rapport_store_get_contact_photo (RapportStore *self, gint64 contact_id, char **mime_type, GError **error);
const char *rapport_photo_check (GBytes *photo, GError **error);

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

/**
 * RapportFollowupEntry:
 * @uuid: the follow-up's UUID
 * @contact_id: whom to follow up with
 * @contact_name: their name
 * @due: the day it is due, YYYY-MM-DD
 * @done_at: when it was done (Unix seconds), or 0 while it is pending
 * @note: (nullable): what to follow up about
 *
 * One follow-up, done or not, as a calendar's task list shows it.
 */
typedef struct
{
  char *uuid;
  gint64 contact_id;
  char *contact_name;
  char *due;
  gint64 done_at;
  char *note;
} RapportFollowupEntry;

GArray *rapport_store_list_all_followups (RapportStore *self, GError **error);

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

/* Huddles */
RapportHuddle *rapport_store_get_huddle (RapportStore *self, gint64 id, GError **error);
gint64 rapport_store_save_huddle (RapportStore *self, RapportHuddle *draft, GError **error);
gboolean rapport_store_set_huddle_archived (RapportStore *self, gint64 id, gboolean archived, GError **error);
gboolean rapport_store_query_huddle_ids (RapportStore *self, gboolean archived, GArray *ids, GError **error);
gint64 rapport_store_add_member (RapportStore *self,
                                 gint64 huddle_id,
                                 gint64 contact_id,
                                 const char *service,
                                 const char *offering,
                                 GError **error);
gboolean rapport_store_update_member (RapportStore *self,
                                      gint64 member_id,
                                      const char *service,
                                      const char *offering,
                                      GError **error);
gboolean rapport_store_remove_member (RapportStore *self, gint64 member_id, GError **error);
GListModel *rapport_store_list_members (RapportStore *self, gint64 huddle_id, gboolean former_too, GError **error);
GStrv rapport_store_services_for_audience (RapportStore *self, const char *const *audience);
GPtrArray *rapport_store_list_catalogue (RapportStore *self, const char *const *audience);
gboolean rapport_store_add_service (RapportStore *self, const char *audience, const char *service, GError **error);
gboolean rapport_store_remove_service (RapportStore *self, const char *audience, const char *service, GError **error);
gboolean rapport_store_find_candidates (RapportStore *self,
                                        gint64 huddle_id,
                                        const char *service,
                                        GArray *contact_ids,
                                        GError **error);

/* Meetings */
gint64 rapport_store_record_meeting (RapportStore *self,
                                     gint64 huddle_id,
                                     gint64 starts_at,
                                     const char *notes,
                                     GError **error);
GListModel *rapport_store_list_meetings (RapportStore *self, gint64 huddle_id, GError **error);
RapportMeeting *rapport_store_get_meeting (RapportStore *self, gint64 id, GError **error);
GListModel *rapport_store_list_attendance (RapportStore *self, gint64 meeting_id, GError **error);
gboolean rapport_store_set_attendance (RapportStore *self,
                                       gint64 meeting_id,
                                       gint64 member_id,
                                       RapportPresence presence,
                                       const char *asks,
                                       const char *offers,
                                       GError **error);
gboolean rapport_store_clear_attendance (RapportStore *self, gint64 meeting_id, gint64 member_id, GError **error);
GArray *rapport_store_attendance_summary (RapportStore *self,
                                          gint64 huddle_id,
                                          gint64 since,
                                          gint64 until,
                                          GError **error);

/* Referrals */
gint64 rapport_store_give_referral (RapportStore *self,
                                    gint64 from_contact,
                                    gint64 to_contact,
                                    gint64 prospect,
                                    gint64 huddle_id,
                                    const char *given_on,
                                    const char *note,
                                    GError **error);
gboolean rapport_store_advance_referral (RapportStore *self,
                                         gint64 referral_id,
                                         RapportReferralStatus status,
                                         gint64 value_cents,
                                         const char *happened_on,
                                         const char *note,
                                         GError **error);
RapportReferral *rapport_store_get_referral (RapportStore *self, gint64 id, GError **error);
GListModel *rapport_store_list_referrals (RapportStore *self, const RapportReferralQuery *query, GError **error);
GArray *rapport_store_referral_balances (RapportStore *self, gint64 huddle_id, const char *since, GError **error);
gint64 rapport_store_closed_business (RapportStore *self, gint64 huddle_id);

char *rapport_roster_size_note (guint n_members);
GStrv rapport_roster_competing (GListModel *members);
gboolean rapport_roster_same_service (const char *a, const char *b);
GStrv rapport_roster_gaps (const char *const *needed, GListModel *members);

/* Sync */
guint rapport_store_count_outbox (RapportStore *self);

G_END_DECLS
