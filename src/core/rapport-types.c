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
    case RAPPORT_INTERACTION_NOTE:
    default:
      return "document-edit-symbolic";
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
