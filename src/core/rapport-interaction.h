/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-interaction.h: one entry of a contact's timeline. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION (rapport_interaction_get_type ())
G_DECLARE_FINAL_TYPE (RapportInteraction, rapport_interaction, RAPPORT, INTERACTION, GObject)

RapportInteraction *rapport_interaction_new (gint64 id,
                                             const char *uuid,
                                             gint64 contact_id,
                                             RapportInteractionKind kind,
                                             gint64 happened_at,
                                             const char *note);
gint64 rapport_interaction_get_id (RapportInteraction *self);
const char *rapport_interaction_get_uuid (RapportInteraction *self);
gint64 rapport_interaction_get_contact_id (RapportInteraction *self);
RapportInteractionKind rapport_interaction_get_kind (RapportInteraction *self);
gint64 rapport_interaction_get_happened_at (RapportInteraction *self);
const char *rapport_interaction_get_note (RapportInteraction *self);

G_END_DECLS
