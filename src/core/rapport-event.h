/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event.h: a networking event and its scorecard. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EVENT (rapport_event_get_type ())
G_DECLARE_FINAL_TYPE (RapportEvent, rapport_event, RAPPORT, EVENT, GObject)

RapportEvent *rapport_event_new (const char *title, gint64 starts_at);
RapportEvent *rapport_event_copy (RapportEvent *self);

gint64 rapport_event_get_id (RapportEvent *self);
void rapport_event_set_id (RapportEvent *self, gint64 id);
const char *rapport_event_get_uuid (RapportEvent *self);
void rapport_event_set_uuid (RapportEvent *self, const char *value);
const char *rapport_event_get_title (RapportEvent *self);
void rapport_event_set_title (RapportEvent *self, const char *value);
gint64 rapport_event_get_group_id (RapportEvent *self);
void rapport_event_set_group_id (RapportEvent *self, gint64 value);
const char *rapport_event_get_group_name (RapportEvent *self);
void rapport_event_set_group_name (RapportEvent *self, const char *value);
RapportEventKind rapport_event_get_kind (RapportEvent *self);
void rapport_event_set_kind (RapportEvent *self, RapportEventKind value);
gint64 rapport_event_get_starts_at (RapportEvent *self);
void rapport_event_set_starts_at (RapportEvent *self, gint64 value);
int rapport_event_get_duration_min (RapportEvent *self);
void rapport_event_set_duration_min (RapportEvent *self, int value);
int rapport_event_get_travel_min (RapportEvent *self);
void rapport_event_set_travel_min (RapportEvent *self, int value);
const char *rapport_event_get_location (RapportEvent *self);
void rapport_event_set_location (RapportEvent *self, const char *value);
gint64 rapport_event_get_cost_cents (RapportEvent *self);
void rapport_event_set_cost_cents (RapportEvent *self, gint64 value);
int rapport_event_get_room_size (RapportEvent *self);
void rapport_event_set_room_size (RapportEvent *self, int value);
const char *rapport_event_get_notes (RapportEvent *self);
void rapport_event_set_notes (RapportEvent *self, const char *value);
int rapport_event_get_go_again (RapportEvent *self);
void rapport_event_set_go_again (RapportEvent *self, int value);
int rapport_event_get_quality (RapportEvent *self);
void rapport_event_set_quality (RapportEvent *self, int value);
int rapport_event_get_n_people (RapportEvent *self);
void rapport_event_set_n_people (RapportEvent *self, int value);
int rapport_event_get_n_meaningful (RapportEvent *self);
void rapport_event_set_n_meaningful (RapportEvent *self, int value);

int rapport_event_get_score (RapportEvent *self, RapportScoreQuestion question);
void rapport_event_set_score (RapportEvent *self, RapportScoreQuestion question, int value);
gboolean rapport_event_has_scorecard (RapportEvent *self);
gint64 rapport_event_get_ends_at (RapportEvent *self);

int rapport_quality_score (const int answers[RAPPORT_N_SCORE_QUESTIONS]);

#define RAPPORT_TYPE_EVENT_PERSON (rapport_event_person_get_type ())
G_DECLARE_FINAL_TYPE (RapportEventPerson, rapport_event_person, RAPPORT, EVENT_PERSON, GObject)

gint64 rapport_event_person_get_event_id (RapportEventPerson *self);
void rapport_event_person_set_event_id (RapportEventPerson *self, gint64 value);
gint64 rapport_event_person_get_contact_id (RapportEventPerson *self);
void rapport_event_person_set_contact_id (RapportEventPerson *self, gint64 value);
const char *rapport_event_person_get_name (RapportEventPerson *self);
void rapport_event_person_set_name (RapportEventPerson *self, const char *value);
const char *rapport_event_person_get_company (RapportEventPerson *self);
void rapport_event_person_set_company (RapportEventPerson *self, const char *value);
gboolean rapport_event_person_get_meaningful (RapportEventPerson *self);
void rapport_event_person_set_meaningful (RapportEventPerson *self, gboolean value);
const char *rapport_event_person_get_note (RapportEventPerson *self);
void rapport_event_person_set_note (RapportEventPerson *self, const char *value);

G_END_DECLS
