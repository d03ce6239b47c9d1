/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-attendance.c: one member at one meeting: how they attended (a #RapportPresence, or
 * -1 while not recorded) and what they asked for and offered.
 */
#define G_LOG_DOMAIN "rapport-attendance"

#include "config.h"

#include "rapport-record-private.h"
#include "rapport-meeting.h"

struct _RapportAttendance
{
  GObject parent_instance;

  gint64 meeting_id;
  gint64 member_id;
  char *name;
  int status;
  char *asks;
  char *offers;
};

G_DEFINE_FINAL_TYPE (RapportAttendance, rapport_attendance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEETING_ID,
  PROP_MEMBER_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_ASKS,
  PROP_OFFERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportAttendance, meeting_id, "meeting-id", INT64),
  RAPPORT_FIELD (RapportAttendance, member_id, "member-id", INT64),
  RAPPORT_FIELD (RapportAttendance, name, "name", STRING),
  RAPPORT_FIELD (RapportAttendance, status, "status", INT),
  RAPPORT_FIELD (RapportAttendance, asks, "asks", STRING),
  RAPPORT_FIELD (RapportAttendance, offers, "offers", STRING),
};

RAPPORT_RECORD_CLASS (RapportAttendance, rapport_attendance)

static void
rapport_attendance_init (RapportAttendance *self)
{
  self->status = -1;
}

/**
 * rapport_attendance_copy:
 * @self: a record
 *
 * Returns: (transfer full): a detached copy with the same id, for editing
 */
RapportAttendance *
rapport_attendance_copy (RapportAttendance *self)
{
  RapportAttendance *copy;

  g_return_val_if_fail (RAPPORT_IS_ATTENDANCE (self), NULL);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  rapport_record_copy (G_OBJECT (copy), G_OBJECT (self), fields, N_PROPS, properties);
  return copy;
}

RAPPORT_RECORD_SCALAR (RapportAttendance, rapport_attendance, RAPPORT_IS_ATTENDANCE, gint64, meeting_id, PROP_MEETING_ID)
RAPPORT_RECORD_SCALAR (RapportAttendance, rapport_attendance, RAPPORT_IS_ATTENDANCE, gint64, member_id, PROP_MEMBER_ID)
RAPPORT_RECORD_STRING (RapportAttendance, rapport_attendance, RAPPORT_IS_ATTENDANCE, name, PROP_NAME)
RAPPORT_RECORD_SCALAR (RapportAttendance, rapport_attendance, RAPPORT_IS_ATTENDANCE, int, status, PROP_STATUS)
RAPPORT_RECORD_STRING (RapportAttendance, rapport_attendance, RAPPORT_IS_ATTENDANCE, asks, PROP_ASKS)
RAPPORT_RECORD_STRING (RapportAttendance, rapport_attendance, RAPPORT_IS_ATTENDANCE, offers, PROP_OFFERS)
