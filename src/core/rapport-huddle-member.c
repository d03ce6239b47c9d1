/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle-member.c: a member of a huddle: a contact, or the user (contact id 0), with the
 * service category they bring and a one-line offering. A member who left
 * keeps their row and "left-on" date, so that history still names them.
 */
#define G_LOG_DOMAIN "rapport-huddle-member"

#include "config.h"

#include "rapport-record-private.h"
#include "rapport-huddle.h"

struct _RapportHuddleMember
{
  GObject parent_instance;

  gint64 id;
  gint64 huddle_id;
  gint64 contact_id;
  char *name;
  char *service;
  char *offering;
  char *joined_on;
  char *left_on;
};

G_DEFINE_FINAL_TYPE (RapportHuddleMember, rapport_huddle_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HUDDLE_ID,
  PROP_CONTACT_ID,
  PROP_NAME,
  PROP_SERVICE,
  PROP_OFFERING,
  PROP_JOINED_ON,
  PROP_LEFT_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportHuddleMember, id, "id", INT64),
  RAPPORT_FIELD (RapportHuddleMember, huddle_id, "huddle-id", INT64),
  RAPPORT_FIELD (RapportHuddleMember, contact_id, "contact-id", INT64),
  RAPPORT_FIELD (RapportHuddleMember, name, "name", STRING),
  RAPPORT_FIELD (RapportHuddleMember, service, "service", STRING),
  RAPPORT_FIELD (RapportHuddleMember, offering, "offering", STRING),
  RAPPORT_FIELD (RapportHuddleMember, joined_on, "joined-on", STRING),
  RAPPORT_FIELD (RapportHuddleMember, left_on, "left-on", STRING),
};

RAPPORT_RECORD_CLASS (RapportHuddleMember, rapport_huddle_member)

static void
rapport_huddle_member_init (RapportHuddleMember *self)
{
}

/**
 * rapport_huddle_member_copy:
 * @self: a record
 *
 * Returns: (transfer full): a detached copy with the same id, for editing
 */
RapportHuddleMember *
rapport_huddle_member_copy (RapportHuddleMember *self)
{
  RapportHuddleMember *copy;

  g_return_val_if_fail (RAPPORT_IS_HUDDLE_MEMBER (self), NULL);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  rapport_record_copy (G_OBJECT (copy), G_OBJECT (self), fields, N_PROPS, properties);
  return copy;
}

RAPPORT_RECORD_SCALAR (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, gint64, id, PROP_ID)
RAPPORT_RECORD_SCALAR (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, gint64, huddle_id, PROP_HUDDLE_ID)
RAPPORT_RECORD_SCALAR (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, gint64, contact_id, PROP_CONTACT_ID)
RAPPORT_RECORD_STRING (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, name, PROP_NAME)
RAPPORT_RECORD_STRING (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, service, PROP_SERVICE)
RAPPORT_RECORD_STRING (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, offering, PROP_OFFERING)
RAPPORT_RECORD_STRING (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, joined_on, PROP_JOINED_ON)
RAPPORT_RECORD_STRING (RapportHuddleMember, rapport_huddle_member, RAPPORT_IS_HUDDLE_MEMBER, left_on, PROP_LEFT_ON)
