/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-types.c: the words behind the core enumerations.
 *
 * The nicks are what the database and the sync protocol store; the labels
 * are what a person reads.
 */
#define G_LOG_DOMAIN "rapport-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-enums.h"
#include "rapport-error.h"
#include "rapport-types.h"

G_DEFINE_QUARK (rapport - error - quark, rapport_error)

static const char *
enum_to_nick (GType type,
              int value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v ? v->value_nick : NULL;
}

static int
enum_from_nick (GType type,
                const char *nick,
                int fallback)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = nick ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return v ? v->value : fallback;
}

const char *
rapport_relationship_to_string (RapportRelationship relationship)
{
  return enum_to_nick (RAPPORT_TYPE_RELATIONSHIP, relationship);
}

RapportRelationship
rapport_relationship_from_string (const char *str)
{
  return enum_from_nick (RAPPORT_TYPE_RELATIONSHIP, str, RAPPORT_RELATIONSHIP_UNKNOWN);
}

const char *
rapport_relationship_get_label (RapportRelationship relationship)
{
  switch (relationship)
    {
    case RAPPORT_RELATIONSHIP_PROSPECT: return _("Prospect");
    case RAPPORT_RELATIONSHIP_NOT_PROSPECT: return _("Not a prospect");
    case RAPPORT_RELATIONSHIP_CLIENT: return _("Client");
    case RAPPORT_RELATIONSHIP_REFERRAL_PARTNER: return _("Referral partner");
    case RAPPORT_RELATIONSHIP_FRIEND: return _("Friend");
    case RAPPORT_RELATIONSHIP_MENTOR: return _("Mentor");
    case RAPPORT_RELATIONSHIP_UNKNOWN:
    default:
      return _("Not set");
    }
}

const char *
rapport_interaction_kind_to_string (RapportInteractionKind kind)
{
  return enum_to_nick (RAPPORT_TYPE_INTERACTION_KIND, kind);
}

RapportInteractionKind
rapport_interaction_kind_from_string (const char *str)
{
  return enum_from_nick (RAPPORT_TYPE_INTERACTION_KIND, str, RAPPORT_INTERACTION_NOTE);
}

const char *
rapport_interaction_kind_get_label (RapportInteractionKind kind)
{
  switch (kind)
    {
    case RAPPORT_INTERACTION_MET: return _("Met");
    case RAPPORT_INTERACTION_FOLLOW_UP: return _("Followed up");
    case RAPPORT_INTERACTION_CALL: return _("Call");
    case RAPPORT_INTERACTION_EMAIL: return _("Email");
    case RAPPORT_INTERACTION_ONE_TO_ONE: return _("One-to-one");
    case RAPPORT_INTERACTION_MEETING: return _("Meeting");
    case RAPPORT_INTERACTION_REFERRAL_GIVEN: return _("Referral given");
    case RAPPORT_INTERACTION_REFERRAL_RECEIVED: return _("Referral received");
    case RAPPORT_INTERACTION_NOTE:
    default:
      return _("Note");
    }
}

const char *
rapport_interaction_kind_get_icon_name (RapportInteractionKind kind)
{
  switch (kind)
    {
    case RAPPORT_INTERACTION_MET: return "system-users-symbolic";
    case RAPPORT_INTERACTION_FOLLOW_UP: return "mail-send-symbolic";
    case RAPPORT_INTERACTION_CALL: return "call-start-symbolic";
    case RAPPORT_INTERACTION_EMAIL: return "mail-unread-symbolic";
    case RAPPORT_INTERACTION_ONE_TO_ONE: return "avatar-default-symbolic";
    case RAPPORT_INTERACTION_MEETING: return "x-office-calendar-symbolic";
    case RAPPORT_INTERACTION_REFERRAL_GIVEN: return "mail-forward-symbolic";
    case RAPPORT_INTERACTION_REFERRAL_RECEIVED: return "mail-reply-all-symbolic";
    case RAPPORT_INTERACTION_NOTE:
    default:
      return "document-edit-symbolic";
    }
}

const char *
rapport_group_kind_to_string (RapportGroupKind kind)
{
  return enum_to_nick (RAPPORT_TYPE_GROUP_KIND, kind);
}

RapportGroupKind
rapport_group_kind_from_string (const char *str)
{
  return enum_from_nick (RAPPORT_TYPE_GROUP_KIND, str, RAPPORT_GROUP_OTHER);
}

const char *
rapport_group_kind_get_label (RapportGroupKind kind)
{
  switch (kind)
    {
    case RAPPORT_GROUP_CHAMBER: return _("Chamber of commerce");
    case RAPPORT_GROUP_LEADS_GROUP: return _("Leads group");
    case RAPPORT_GROUP_B2B: return _("B2B networking group");
    case RAPPORT_GROUP_SERVICE_CLUB: return _("Service club");
    case RAPPORT_GROUP_MEETUP: return _("Meetup");
    case RAPPORT_GROUP_INDUSTRY_ASSOCIATION: return _("Industry association");
    case RAPPORT_GROUP_ALUMNI: return _("Alumni network");
    case RAPPORT_GROUP_OTHER:
    default:
      return _("Other");
    }
}

const char *
rapport_verdict_to_string (RapportVerdict verdict)
{
  return enum_to_nick (RAPPORT_TYPE_VERDICT, verdict);
}

RapportVerdict
rapport_verdict_from_string (const char *str)
{
  return enum_from_nick (RAPPORT_TYPE_VERDICT, str, RAPPORT_VERDICT_UNDECIDED);
}

const char *
rapport_verdict_get_label (RapportVerdict verdict)
{
  switch (verdict)
    {
    case RAPPORT_VERDICT_KEEP: return _("Keep going");
    case RAPPORT_VERDICT_TRIAL: return _("On trial");
    case RAPPORT_VERDICT_DROP: return _("Drop");
    case RAPPORT_VERDICT_UNDECIDED:
    default:
      return _("Not decided");
    }
}

const char *
rapport_event_kind_to_string (RapportEventKind kind)
{
  return enum_to_nick (RAPPORT_TYPE_EVENT_KIND, kind);
}

RapportEventKind
rapport_event_kind_from_string (const char *str)
{
  return enum_from_nick (RAPPORT_TYPE_EVENT_KIND, str, RAPPORT_EVENT_OTHER);
}

const char *
rapport_event_kind_get_label (RapportEventKind kind)
{
  switch (kind)
    {
    case RAPPORT_EVENT_MIXER: return _("Mixer");
    case RAPPORT_EVENT_LUNCH: return _("Lunch");
    case RAPPORT_EVENT_BREAKFAST: return _("Breakfast");
    case RAPPORT_EVENT_HAPPY_HOUR: return _("Happy hour");
    case RAPPORT_EVENT_COFFEE_TALK: return _("Coffee talk");
    case RAPPORT_EVENT_RIBBON_CUTTING: return _("Ribbon cutting");
    case RAPPORT_EVENT_OPEN_HOUSE: return _("Open house");
    case RAPPORT_EVENT_CONFERENCE: return _("Conference");
    case RAPPORT_EVENT_TRADE_SHOW: return _("Trade show");
    case RAPPORT_EVENT_WORKSHOP: return _("Workshop");
    case RAPPORT_EVENT_ONLINE: return _("Online");
    case RAPPORT_EVENT_OTHER:
    default:
      return _("Other");
    }
}

const char *
rapport_score_question_get_text (RapportScoreQuestion question)
{
  switch (question)
    {
    case RAPPORT_SCORE_QUALITY_PEOPLE: return _("Were quality professionals in attendance?");
    case RAPPORT_SCORE_NEW_PEOPLE: return _("Did I meet new, interesting people?");
    case RAPPORT_SCORE_MUTUAL_HELP: return _("Am I able to support or help others here, and they me?");
    case RAPPORT_SCORE_GOOD_USE: return _("Was this a good use of my time?");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
rapport_presence_to_string (RapportPresence presence)
{
  return enum_to_nick (RAPPORT_TYPE_PRESENCE, presence);
}

RapportPresence
rapport_presence_from_string (const char *str)
{
  return enum_from_nick (RAPPORT_TYPE_PRESENCE, str, RAPPORT_PRESENCE_ABSENT);
}

const char *
rapport_presence_get_label (RapportPresence presence)
{
  switch (presence)
    {
    case RAPPORT_PRESENCE_PRESENT: return _("Present");
    case RAPPORT_PRESENCE_LATE: return _("Late");
    case RAPPORT_PRESENCE_SUBSTITUTE: return _("Sent a substitute");
    case RAPPORT_PRESENCE_ABSENT:
    default:
      return _("Absent");
    }
}

const char *
rapport_referral_status_to_string (RapportReferralStatus status)
{
  return enum_to_nick (RAPPORT_TYPE_REFERRAL_STATUS, status);
}

RapportReferralStatus
rapport_referral_status_from_string (const char *str)
{
  return enum_from_nick (RAPPORT_TYPE_REFERRAL_STATUS, str, RAPPORT_REFERRAL_GIVEN);
}

const char *
rapport_referral_status_get_label (RapportReferralStatus status)
{
  switch (status)
    {
    case RAPPORT_REFERRAL_CONTACTED: return _("Contacted");
    case RAPPORT_REFERRAL_MEETING: return _("Meeting held");
    case RAPPORT_REFERRAL_WON: return _("Won");
    case RAPPORT_REFERRAL_LOST: return _("Lost");
    case RAPPORT_REFERRAL_GIVEN:
    default:
      return _("Given");
    }
}

/**
 * rapport_label_get_display:
 * @label: (nullable): the label of an email address or phone number as
 *   stored: "work", "personal", "mobile", "home", "other", or free text
 *
 * The known labels are stored as these keys, as vCard does, so that a
 * card reads in the user's language whatever language wrote it.
 *
 * Returns: the label to show
 */
const char *
rapport_label_get_display (const char *label)
{
  if (label == NULL || *label == '\0')
    return "";
  if (g_str_equal (label, "work"))
    return _("Work");
  if (g_str_equal (label, "personal"))
    return _("Personal");
  if (g_str_equal (label, "mobile"))
    return _("Mobile");
  if (g_str_equal (label, "home"))
    return _("Home");
  if (g_str_equal (label, "other"))
    return _("Other");
  return label;
}
