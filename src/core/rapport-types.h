/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-types.h: forward declarations of Rapport's core types. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _RapportStore RapportStore;
typedef struct _RapportContact RapportContact;
typedef struct _RapportContactList RapportContactList;
typedef struct _RapportInteraction RapportInteraction;
typedef struct _RapportFollowup RapportFollowup;
typedef struct _RapportLabeled RapportLabeled;
typedef struct _RapportHlc RapportHlc;
typedef struct _RapportGroup RapportGroup;
typedef struct _RapportEvent RapportEvent;
typedef struct _RapportEventPerson RapportEventPerson;
typedef struct _RapportHuddle RapportHuddle;
typedef struct _RapportHuddleMember RapportHuddleMember;
typedef struct _RapportMeeting RapportMeeting;
typedef struct _RapportAttendance RapportAttendance;
typedef struct _RapportReferral RapportReferral;

/**
 * RapportRelationship:
 *
 * What a contact is to the user. Nothing is a verdict on a person's worth:
 * a non-prospect may introduce the user to their best client.
 */
typedef enum {
  RAPPORT_RELATIONSHIP_UNKNOWN,          /*< nick=unknown >*/
  RAPPORT_RELATIONSHIP_PROSPECT,         /*< nick=prospect >*/
  RAPPORT_RELATIONSHIP_NOT_PROSPECT,     /*< nick=not-prospect >*/
  RAPPORT_RELATIONSHIP_CLIENT,           /*< nick=client >*/
  RAPPORT_RELATIONSHIP_REFERRAL_PARTNER, /*< nick=referral-partner >*/
  RAPPORT_RELATIONSHIP_FRIEND,           /*< nick=friend >*/
  RAPPORT_RELATIONSHIP_MENTOR,           /*< nick=mentor >*/
} RapportRelationship;

/**
 * RapportInteractionKind:
 *
 * The kinds of contact the timeline records. Any of them resets the
 * keep-in-touch clock of the contact.
 */
typedef enum {
  RAPPORT_INTERACTION_MET,               /*< nick=met >*/
  RAPPORT_INTERACTION_FOLLOW_UP,         /*< nick=follow-up >*/
  RAPPORT_INTERACTION_CALL,              /*< nick=call >*/
  RAPPORT_INTERACTION_EMAIL,             /*< nick=email >*/
  RAPPORT_INTERACTION_ONE_TO_ONE,        /*< nick=one-to-one >*/
  RAPPORT_INTERACTION_MEETING,           /*< nick=meeting >*/
  RAPPORT_INTERACTION_NOTE,              /*< nick=note >*/
  RAPPORT_INTERACTION_REFERRAL_GIVEN,    /*< nick=referral-given >*/
  RAPPORT_INTERACTION_REFERRAL_RECEIVED, /*< nick=referral-received >*/
} RapportInteractionKind;

/**
 * RapportFollowupKind:
 *
 * A follow-up is either an explicit reminder or a contact whose
 * keep-in-touch cadence has run out.
 */
typedef enum {
  RAPPORT_FOLLOWUP_REMINDER,      /*< nick=reminder >*/
  RAPPORT_FOLLOWUP_KEEP_IN_TOUCH, /*< nick=keep-in-touch >*/
} RapportFollowupKind;

/**
 * RapportFollowupSection:
 *
 * Where a pending follow-up falls relative to today.
 */
typedef enum {
  RAPPORT_FOLLOWUP_OVERDUE,  /*< nick=overdue >*/
  RAPPORT_FOLLOWUP_TODAY,    /*< nick=today >*/
  RAPPORT_FOLLOWUP_UPCOMING, /*< nick=upcoming >*/
} RapportFollowupSection;

/**
 * RapportFollowupWindow:
 *
 * How soon after meeting someone the user wants to follow up.
 */
typedef enum {
  RAPPORT_FOLLOWUP_WINDOW_SAME_DAY, /*< nick=same-day >*/
  RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY, /*< nick=next-day >*/
} RapportFollowupWindow;

/**
 * RapportGroupKind:
 *
 * The kinds of organisation that host networking events.
 */
typedef enum {
  RAPPORT_GROUP_OTHER,                /*< nick=other >*/
  RAPPORT_GROUP_CHAMBER,              /*< nick=chamber >*/
  RAPPORT_GROUP_LEADS_GROUP,          /*< nick=leads-group >*/
  RAPPORT_GROUP_B2B,                  /*< nick=b2b >*/
  RAPPORT_GROUP_SERVICE_CLUB,         /*< nick=service-club >*/
  RAPPORT_GROUP_MEETUP,               /*< nick=meetup >*/
  RAPPORT_GROUP_INDUSTRY_ASSOCIATION, /*< nick=industry-association >*/
  RAPPORT_GROUP_ALUMNI,               /*< nick=alumni >*/
} RapportGroupKind;

/**
 * RapportVerdict:
 *
 * Whether the user keeps going to a group.
 */
typedef enum {
  RAPPORT_VERDICT_UNDECIDED, /*< nick=undecided >*/
  RAPPORT_VERDICT_KEEP,      /*< nick=keep >*/
  RAPPORT_VERDICT_TRIAL,     /*< nick=trial >*/
  RAPPORT_VERDICT_DROP,      /*< nick=drop >*/
} RapportVerdict;

/**
 * RapportEventKind:
 *
 * The formats networking events come in.
 */
typedef enum {
  RAPPORT_EVENT_OTHER,          /*< nick=other >*/
  RAPPORT_EVENT_MIXER,          /*< nick=mixer >*/
  RAPPORT_EVENT_LUNCH,          /*< nick=lunch >*/
  RAPPORT_EVENT_BREAKFAST,      /*< nick=breakfast >*/
  RAPPORT_EVENT_HAPPY_HOUR,     /*< nick=happy-hour >*/
  RAPPORT_EVENT_COFFEE_TALK,    /*< nick=coffee-talk >*/
  RAPPORT_EVENT_RIBBON_CUTTING, /*< nick=ribbon-cutting >*/
  RAPPORT_EVENT_OPEN_HOUSE,     /*< nick=open-house >*/
  RAPPORT_EVENT_CONFERENCE,     /*< nick=conference >*/
  RAPPORT_EVENT_TRADE_SHOW,     /*< nick=trade-show >*/
  RAPPORT_EVENT_WORKSHOP,       /*< nick=workshop >*/
  RAPPORT_EVENT_ONLINE,         /*< nick=online >*/
} RapportEventKind;

/**
 * RapportScoreQuestion:
 *
 * The four questions of an event's scorecard, each answered from 1 to 5.
 */
typedef enum {
  RAPPORT_SCORE_QUALITY_PEOPLE, /*< nick=quality-people >*/
  RAPPORT_SCORE_NEW_PEOPLE,     /*< nick=new-people >*/
  RAPPORT_SCORE_MUTUAL_HELP,    /*< nick=mutual-help >*/
  RAPPORT_SCORE_GOOD_USE,       /*< nick=good-use >*/
} RapportScoreQuestion;

#define RAPPORT_N_SCORE_QUESTIONS 4

/**
 * RapportPresence:
 *
 * How a huddle member attended a meeting.
 */
typedef enum {
  RAPPORT_PRESENCE_PRESENT,    /*< nick=present >*/
  RAPPORT_PRESENCE_ABSENT,     /*< nick=absent >*/
  RAPPORT_PRESENCE_LATE,       /*< nick=late >*/
  RAPPORT_PRESENCE_SUBSTITUTE, /*< nick=substitute >*/
} RapportPresence;

/**
 * RapportReferralStatus:
 *
 * Where a referral stands: given, then the prospect contacted, a meeting
 * held, and business won or lost.
 */
typedef enum {
  RAPPORT_REFERRAL_GIVEN,     /*< nick=given >*/
  RAPPORT_REFERRAL_CONTACTED, /*< nick=contacted >*/
  RAPPORT_REFERRAL_MEETING,   /*< nick=meeting >*/
  RAPPORT_REFERRAL_WON,       /*< nick=won >*/
  RAPPORT_REFERRAL_LOST,      /*< nick=lost >*/
} RapportReferralStatus;

const char *rapport_relationship_to_string (RapportRelationship relationship);
RapportRelationship rapport_relationship_from_string (const char *str);
const char *rapport_relationship_get_label (RapportRelationship relationship);
const char *rapport_label_get_display (const char *label);
const char *rapport_interaction_kind_to_string (RapportInteractionKind kind);
RapportInteractionKind rapport_interaction_kind_from_string (const char *str);
const char *rapport_interaction_kind_get_label (RapportInteractionKind kind);
const char *rapport_interaction_kind_get_icon_name (RapportInteractionKind kind);

const char *rapport_group_kind_to_string (RapportGroupKind kind);
RapportGroupKind rapport_group_kind_from_string (const char *str);
const char *rapport_group_kind_get_label (RapportGroupKind kind);
const char *rapport_verdict_to_string (RapportVerdict verdict);
RapportVerdict rapport_verdict_from_string (const char *str);
const char *rapport_verdict_get_label (RapportVerdict verdict);
const char *rapport_event_kind_to_string (RapportEventKind kind);
RapportEventKind rapport_event_kind_from_string (const char *str);
const char *rapport_event_kind_get_label (RapportEventKind kind);
const char *rapport_score_question_get_text (RapportScoreQuestion question);
const char *rapport_presence_to_string (RapportPresence presence);
RapportPresence rapport_presence_from_string (const char *str);
const char *rapport_presence_get_label (RapportPresence presence);
const char *rapport_referral_status_to_string (RapportReferralStatus status);
RapportReferralStatus rapport_referral_status_from_string (const char *str);
const char *rapport_referral_status_get_label (RapportReferralStatus status);

G_END_DECLS
