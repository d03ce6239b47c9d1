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
  RAPPORT_INTERACTION_MET,        /*< nick=met >*/
  RAPPORT_INTERACTION_FOLLOW_UP,  /*< nick=follow-up >*/
  RAPPORT_INTERACTION_CALL,       /*< nick=call >*/
  RAPPORT_INTERACTION_EMAIL,      /*< nick=email >*/
  RAPPORT_INTERACTION_ONE_TO_ONE, /*< nick=one-to-one >*/
  RAPPORT_INTERACTION_MEETING,    /*< nick=meeting >*/
  RAPPORT_INTERACTION_NOTE,       /*< nick=note >*/
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

const char *rapport_relationship_to_string (RapportRelationship relationship);
RapportRelationship rapport_relationship_from_string (const char *str);
const char *rapport_relationship_get_label (RapportRelationship relationship);
const char *rapport_label_get_display (const char *label);
const char *rapport_interaction_kind_to_string (RapportInteractionKind kind);
RapportInteractionKind rapport_interaction_kind_from_string (const char *str);
const char *rapport_interaction_kind_get_label (RapportInteractionKind kind);
const char *rapport_interaction_kind_get_icon_name (RapportInteractionKind kind);

G_END_DECLS
