/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-meeting.h: a huddle meeting and who attended. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_MEETING (rapport_meeting_get_type ())
G_DECLARE_FINAL_TYPE (RapportMeeting, rapport_meeting, RAPPORT, MEETING, GObject)

RapportMeeting *rapport_meeting_copy (RapportMeeting *self);
gint64 rapport_meeting_get_id (RapportMeeting *self);
void rapport_meeting_set_id (RapportMeeting *self, gint64 value);
gint64 rapport_meeting_get_huddle_id (RapportMeeting *self);
void rapport_meeting_set_huddle_id (RapportMeeting *self, gint64 value);
gint64 rapport_meeting_get_starts_at (RapportMeeting *self);
void rapport_meeting_set_starts_at (RapportMeeting *self, gint64 value);
int rapport_meeting_get_duration_min (RapportMeeting *self);
void rapport_meeting_set_duration_min (RapportMeeting *self, int value);
const char *rapport_meeting_get_notes (RapportMeeting *self);
void rapport_meeting_set_notes (RapportMeeting *self, const char *value);
int rapport_meeting_get_n_present (RapportMeeting *self);
void rapport_meeting_set_n_present (RapportMeeting *self, int value);

#define RAPPORT_TYPE_ATTENDANCE (rapport_attendance_get_type ())
G_DECLARE_FINAL_TYPE (RapportAttendance, rapport_attendance, RAPPORT, ATTENDANCE, GObject)

RapportAttendance *rapport_attendance_copy (RapportAttendance *self);
gint64 rapport_attendance_get_meeting_id (RapportAttendance *self);
void rapport_attendance_set_meeting_id (RapportAttendance *self, gint64 value);
gint64 rapport_attendance_get_member_id (RapportAttendance *self);
void rapport_attendance_set_member_id (RapportAttendance *self, gint64 value);
const char *rapport_attendance_get_name (RapportAttendance *self);
void rapport_attendance_set_name (RapportAttendance *self, const char *value);
int rapport_attendance_get_status (RapportAttendance *self);
void rapport_attendance_set_status (RapportAttendance *self, int value);
const char *rapport_attendance_get_asks (RapportAttendance *self);
void rapport_attendance_set_asks (RapportAttendance *self, const char *value);
const char *rapport_attendance_get_offers (RapportAttendance *self);
void rapport_attendance_set_offers (RapportAttendance *self, const char *value);

G_END_DECLS
