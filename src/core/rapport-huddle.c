/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle.c: a huddle: a small referral group of professionals who share a target
 * audience, offer different services and meet on a schedule (an RRULE
 * from the first meeting). "n-members" counts the current members and is
 * read by the store with the huddle, not written back.
 */
#define G_LOG_DOMAIN "rapport-huddle"

#include "config.h"

#include "rapport-record-private.h"
#include "rapport-huddle.h"

struct _RapportHuddle
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  char *industry;
  GStrv audience;
  char *place;
  char *rrule;
  gint64 first_meeting;
  int duration_min;
  gboolean archived;
  int n_members;
};

G_DEFINE_FINAL_TYPE (RapportHuddle, rapport_huddle, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_INDUSTRY,
  PROP_AUDIENCE,
  PROP_PLACE,
  PROP_RRULE,
  PROP_FIRST_MEETING,
  PROP_DURATION_MIN,
  PROP_ARCHIVED,
  PROP_N_MEMBERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportHuddle, id, "id", INT64),
  RAPPORT_FIELD (RapportHuddle, uuid, "uuid", STRING),
  RAPPORT_FIELD (RapportHuddle, name, "name", STRING),
  RAPPORT_FIELD (RapportHuddle, industry, "industry", STRING),
  RAPPORT_FIELD (RapportHuddle, audience, "audience", STRV),
  RAPPORT_FIELD (RapportHuddle, place, "place", STRING),
  RAPPORT_FIELD (RapportHuddle, rrule, "rrule", STRING),
  RAPPORT_FIELD (RapportHuddle, first_meeting, "first-meeting", INT64),
  RAPPORT_FIELD (RapportHuddle, duration_min, "duration-min", INT),
  RAPPORT_FIELD (RapportHuddle, archived, "archived", BOOLEAN),
  RAPPORT_FIELD (RapportHuddle, n_members, "n-members", INT),
};

RAPPORT_RECORD_CLASS (RapportHuddle, rapport_huddle)

static void
rapport_huddle_init (RapportHuddle *self)
{
  self->duration_min = 60;
  self->audience = g_new0 (char *, 1);
}

/**
 * rapport_huddle_copy:
 * @self: a record
 *
 * Returns: (transfer full): a detached copy with the same id, for editing
 */
RapportHuddle *
rapport_huddle_copy (RapportHuddle *self)
{
  RapportHuddle *copy;

  g_return_val_if_fail (RAPPORT_IS_HUDDLE (self), NULL);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  rapport_record_copy (G_OBJECT (copy), G_OBJECT (self), fields, N_PROPS, properties);
  return copy;
}

RAPPORT_RECORD_SCALAR (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, gint64, id, PROP_ID)
RAPPORT_RECORD_STRING (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, uuid, PROP_UUID)
RAPPORT_RECORD_STRING (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, name, PROP_NAME)
RAPPORT_RECORD_STRING (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, industry, PROP_INDUSTRY)
RAPPORT_RECORD_STRV (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, audience, PROP_AUDIENCE)
RAPPORT_RECORD_STRING (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, place, PROP_PLACE)
RAPPORT_RECORD_STRING (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, rrule, PROP_RRULE)
RAPPORT_RECORD_SCALAR (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, gint64, first_meeting, PROP_FIRST_MEETING)
RAPPORT_RECORD_SCALAR (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, int, duration_min, PROP_DURATION_MIN)
RAPPORT_RECORD_SCALAR (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, gboolean, archived, PROP_ARCHIVED)
RAPPORT_RECORD_SCALAR (RapportHuddle, rapport_huddle, RAPPORT_IS_HUDDLE, int, n_members, PROP_N_MEMBERS)
