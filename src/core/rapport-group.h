/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-group.h: an organisation that hosts networking events. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_GROUP (rapport_group_get_type ())
G_DECLARE_FINAL_TYPE (RapportGroup, rapport_group, RAPPORT, GROUP, GObject)

RapportGroup *rapport_group_new (const char *name);
RapportGroup *rapport_group_copy (RapportGroup *self);

gint64 rapport_group_get_id (RapportGroup *self);
void rapport_group_set_id (RapportGroup *self, gint64 id);
const char *rapport_group_get_uuid (RapportGroup *self);
void rapport_group_set_uuid (RapportGroup *self, const char *value);
const char *rapport_group_get_name (RapportGroup *self);
void rapport_group_set_name (RapportGroup *self, const char *value);
RapportGroupKind rapport_group_get_kind (RapportGroup *self);
void rapport_group_set_kind (RapportGroup *self, RapportGroupKind value);
const char *const *rapport_group_get_audience (RapportGroup *self);
void rapport_group_set_audience (RapportGroup *self, const char *const *value);
gint64 rapport_group_get_dues_cents (RapportGroup *self);
void rapport_group_set_dues_cents (RapportGroup *self, gint64 value);
const char *rapport_group_get_website (RapportGroup *self);
void rapport_group_set_website (RapportGroup *self, const char *value);
const char *rapport_group_get_notes (RapportGroup *self);
void rapport_group_set_notes (RapportGroup *self, const char *value);
RapportVerdict rapport_group_get_verdict (RapportGroup *self);
void rapport_group_set_verdict (RapportGroup *self, RapportVerdict value);
const char *rapport_group_get_verdict_reason (RapportGroup *self);
void rapport_group_set_verdict_reason (RapportGroup *self, const char *value);
gboolean rapport_group_get_archived (RapportGroup *self);
void rapport_group_set_archived (RapportGroup *self, gboolean value);
int rapport_group_get_n_events (RapportGroup *self);
void rapport_group_set_n_events (RapportGroup *self, int value);
int rapport_group_get_quality (RapportGroup *self);
void rapport_group_set_quality (RapportGroup *self, int value);

guint rapport_audience_overlap (const char *const *mine, const char *const *theirs);
GStrv rapport_audience_parse (const char *text);
char *rapport_audience_to_text (const char *const *audience);

G_END_DECLS
