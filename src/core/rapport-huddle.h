/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle.h: a huddle and its members. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HUDDLE (rapport_huddle_get_type ())
G_DECLARE_FINAL_TYPE (RapportHuddle, rapport_huddle, RAPPORT, HUDDLE, GObject)

RapportHuddle *rapport_huddle_copy (RapportHuddle *self);
gint64 rapport_huddle_get_id (RapportHuddle *self);
void rapport_huddle_set_id (RapportHuddle *self, gint64 value);
const char *rapport_huddle_get_uuid (RapportHuddle *self);
void rapport_huddle_set_uuid (RapportHuddle *self, const char *value);
const char *rapport_huddle_get_name (RapportHuddle *self);
void rapport_huddle_set_name (RapportHuddle *self, const char *value);
const char *rapport_huddle_get_industry (RapportHuddle *self);
void rapport_huddle_set_industry (RapportHuddle *self, const char *value);
const char *const *rapport_huddle_get_audience (RapportHuddle *self);
void rapport_huddle_set_audience (RapportHuddle *self, const char *const *value);
const char *rapport_huddle_get_place (RapportHuddle *self);
void rapport_huddle_set_place (RapportHuddle *self, const char *value);
const char *rapport_huddle_get_rrule (RapportHuddle *self);
void rapport_huddle_set_rrule (RapportHuddle *self, const char *value);
gint64 rapport_huddle_get_first_meeting (RapportHuddle *self);
void rapport_huddle_set_first_meeting (RapportHuddle *self, gint64 value);
int rapport_huddle_get_duration_min (RapportHuddle *self);
void rapport_huddle_set_duration_min (RapportHuddle *self, int value);
gboolean rapport_huddle_get_archived (RapportHuddle *self);
void rapport_huddle_set_archived (RapportHuddle *self, gboolean value);
int rapport_huddle_get_n_members (RapportHuddle *self);
void rapport_huddle_set_n_members (RapportHuddle *self, int value);

#define RAPPORT_TYPE_HUDDLE_MEMBER (rapport_huddle_member_get_type ())
G_DECLARE_FINAL_TYPE (RapportHuddleMember, rapport_huddle_member, RAPPORT, HUDDLE_MEMBER, GObject)

RapportHuddleMember *rapport_huddle_member_copy (RapportHuddleMember *self);
gint64 rapport_huddle_member_get_id (RapportHuddleMember *self);
void rapport_huddle_member_set_id (RapportHuddleMember *self, gint64 value);
gint64 rapport_huddle_member_get_huddle_id (RapportHuddleMember *self);
void rapport_huddle_member_set_huddle_id (RapportHuddleMember *self, gint64 value);
gint64 rapport_huddle_member_get_contact_id (RapportHuddleMember *self);
void rapport_huddle_member_set_contact_id (RapportHuddleMember *self, gint64 value);
const char *rapport_huddle_member_get_name (RapportHuddleMember *self);
void rapport_huddle_member_set_name (RapportHuddleMember *self, const char *value);
const char *rapport_huddle_member_get_service (RapportHuddleMember *self);
void rapport_huddle_member_set_service (RapportHuddleMember *self, const char *value);
const char *rapport_huddle_member_get_offering (RapportHuddleMember *self);
void rapport_huddle_member_set_offering (RapportHuddleMember *self, const char *value);
const char *rapport_huddle_member_get_joined_on (RapportHuddleMember *self);
void rapport_huddle_member_set_joined_on (RapportHuddleMember *self, const char *value);
const char *rapport_huddle_member_get_left_on (RapportHuddleMember *self);
void rapport_huddle_member_set_left_on (RapportHuddleMember *self, const char *value);

G_END_DECLS
