/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-entities.c: the synced entities and their fields.
 *
 * The field names are those of the outbox payloads written by
 * src/core/rapport-store.c; references to other records are uuids. A
 * "person" is the shareable part of a contact, the card a huddle sees. */
#define G_LOG_DOMAIN "rapport-sync"

#include "config.h"

#include <string.h>

#include "rapport-sync-entities.h"

#define PERSON_FIELDS                                                  \
  "display_name", "given_name", "family_name", "company", "job_title", \
      "industry", "emails", "phones", "website", "linkedin", "city"

static const char *const contact_fields[] = {
  PERSON_FIELDS, "industry_since", "tags", "relationship", "help_them", "help_me",
  "notes", "met_on", "met_at", "introduced_by", "starred", "archived",
  "cadence_days", "created_at", "created", NULL
};
static const char *const person_fields[] = { PERSON_FIELDS, NULL };
static const char *const interaction_fields[] = {
  "contact", "kind", "happened_at", "note", "event", "created", NULL
};
static const char *const followup_fields[] = {
  "contact", "due", "done_at", "note", "created", NULL
};
static const char *const group_fields[] = {
  "name", "kind", "audience", "dues_cents", "website", "notes", "verdict",
  "verdict_reason", "archived", "created", NULL
};
static const char *const event_fields[] = {
  "title", "group", "kind", "starts_at", "duration_min", "travel_min",
  "location", "cost_cents", "room_size", "notes", "score_people", "score_new",
  "score_help", "score_time", "go_again", "created", NULL
};
static const char *const event_person_fields[] = {
  "event", "contact", "meaningful", "note", "created", NULL
};
static const char *const profile_fields[] = {
  "name", "services", "audience", "goal_min", "goal_max", "hours_per_month",
  "created", NULL
};
static const char *const service_fields[] = { "audience", "service", "created", NULL };
static const char *const huddle_fields[] = {
  "name", "industry", "audience", "place", "rrule", "first_meeting",
  "duration_min", "archived", "created", NULL
};
static const char *const huddle_member_fields[] = {
  "huddle", "contact", "service", "offering", "joined_on", "left_on", "created", NULL
};
static const char *const meeting_fields[] = {
  "huddle", "starts_at", "duration_min", "notes", "created", NULL
};
static const char *const attendance_fields[] = {
  "meeting", "member", "status", "asks", "offers", "created", NULL
};
static const char *const referral_fields[] = {
  "from", "to", "prospect", "huddle", "given_on", "note", "created", NULL
};
static const char *const referral_step_fields[] = {
  "referral", "status", "value_cents", "happened_on", "note", "created", NULL
};

#define P RAPPORT_SCOPE_PRIVATE
#define H RAPPORT_SCOPE_HUDDLE

/* In the order a client applies them, so that a record's references are
 * usually present before it. */
static const RapportSyncEntity entities[] = {
  { "profile", P, FALSE, profile_fields },
  { "service", P, FALSE, service_fields },
  { "group", P, FALSE, group_fields },
  { "event", P, FALSE, event_fields },
  { "contact", P, FALSE, contact_fields },
  { "person", H, FALSE, person_fields },
  { "interaction", P, FALSE, interaction_fields },
  { "followup", P, FALSE, followup_fields },
  { "event_person", P, FALSE, event_person_fields },
  { "huddle", H, FALSE, huddle_fields },
  { "huddle_member", H, FALSE, huddle_member_fields },
  { "meeting", H, FALSE, meeting_fields },
  { "attendance", H, FALSE, attendance_fields },
  { "referral", P | H, FALSE, referral_fields },
  { "referral_step", P | H, TRUE, referral_step_fields },
};

#undef P
#undef H

const RapportSyncEntity *
rapport_sync_entities (guint *n_entities)
{
  *n_entities = G_N_ELEMENTS (entities);
  return entities;
}

const RapportSyncEntity *
rapport_sync_entity_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (entities[i].name, name) == 0)
      return &entities[i];
  return NULL;
}

gboolean
rapport_sync_entity_has_field (const RapportSyncEntity *entity,
                               const char *field)
{
  for (guint i = 0; entity->fields[i] != NULL; i++)
    if (strcmp (entity->fields[i], field) == 0)
      return TRUE;
  return FALSE;
}

/* A uuid as g_uuid_string_random() writes it (any case accepted). */
gboolean
rapport_sync_uuid_is_valid (const char *uuid)
{
  return uuid != NULL && g_uuid_string_is_valid (uuid);
}

/**
 * rapport_sync_scope_parse:
 * @scope: "private" or "huddle:UUID"
 * @kind: (out): the kind of scope
 * @huddle_uuid: (out) (transfer none) (nullable): the huddle's uuid, inside @scope
 *
 * Returns: whether @scope names a scope.
 */
gboolean
rapport_sync_scope_parse (const char *scope,
                          RapportScopeKind *kind,
                          const char **huddle_uuid)
{
  if (g_strcmp0 (scope, "private") == 0)
    {
      *kind = RAPPORT_SCOPE_PRIVATE;
      *huddle_uuid = NULL;
      return TRUE;
    }
  if (scope != NULL && g_str_has_prefix (scope, "huddle:") && rapport_sync_uuid_is_valid (scope + 7))
    {
      *kind = RAPPORT_SCOPE_HUDDLE;
      *huddle_uuid = scope + 7;
      return TRUE;
    }
  return FALSE;
}
