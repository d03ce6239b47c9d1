/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-meeting.c: a huddle meeting that was held (or is being recorded): when, the
 * strategy notes, and how many came ("n-present", read by the store:
 * present, late or by substitute).
 */
#define G_LOG_DOMAIN "rapport-meeting"

#include "config.h"

#include "rapport-record-private.h"
#include "rapport-meeting.h"

struct _RapportMeeting
{
  GObject parent_instance;

  gint64 id;
  gint64 huddle_id;
  gint64 starts_at;
  int duration_min;
  char *notes;
  int n_present;
};

G_DEFINE_FINAL_TYPE (RapportMeeting, rapport_meeting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HUDDLE_ID,
  PROP_STARTS_AT,
  PROP_DURATION_MIN,
  PROP_NOTES,
  PROP_N_PRESENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportMeeting, id, "id", INT64),
  RAPPORT_FIELD (RapportMeeting, huddle_id, "huddle-id", INT64),
  RAPPORT_FIELD (RapportMeeting, starts_at, "starts-at", INT64),
  RAPPORT_FIELD (RapportMeeting, duration_min, "duration-min", INT),
  RAPPORT_FIELD (RapportMeeting, notes, "notes", STRING),
  RAPPORT_FIELD (RapportMeeting, n_present, "n-present", INT),
};

RAPPORT_RECORD_CLASS (RapportMeeting, rapport_meeting)

static void
rapport_meeting_init (RapportMeeting *self)
{
  self->duration_min = 60;
}

/**
 * rapport_meeting_copy:
 * @self: a record
 *
 * Returns: (transfer full): a detached copy with the same id, for editing
 */
RapportMeeting *
rapport_meeting_copy (RapportMeeting *self)
{
  RapportMeeting *copy;

  g_return_val_if_fail (RAPPORT_IS_MEETING (self), NULL);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  rapport_record_copy (G_OBJECT (copy), G_OBJECT (self), fields, N_PROPS, properties);
  return copy;
}

RAPPORT_RECORD_SCALAR (RapportMeeting, rapport_meeting, RAPPORT_IS_MEETING, gint64, id, PROP_ID)
RAPPORT_RECORD_SCALAR (RapportMeeting, rapport_meeting, RAPPORT_IS_MEETING, gint64, huddle_id, PROP_HUDDLE_ID)
RAPPORT_RECORD_SCALAR (RapportMeeting, rapport_meeting, RAPPORT_IS_MEETING, gint64, starts_at, PROP_STARTS_AT)
RAPPORT_RECORD_SCALAR (RapportMeeting, rapport_meeting, RAPPORT_IS_MEETING, int, duration_min, PROP_DURATION_MIN)
RAPPORT_RECORD_STRING (RapportMeeting, rapport_meeting, RAPPORT_IS_MEETING, notes, PROP_NOTES)
RAPPORT_RECORD_SCALAR (RapportMeeting, rapport_meeting, RAPPORT_IS_MEETING, int, n_present, PROP_N_PRESENT)
