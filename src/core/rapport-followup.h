/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-followup.h: a pending follow-up, as the Follow-ups view lists it. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FOLLOWUP (rapport_followup_get_type ())
G_DECLARE_FINAL_TYPE (RapportFollowup, rapport_followup, RAPPORT, FOLLOWUP, GObject)

RapportFollowup *rapport_followup_new (RapportFollowupKind kind,
                                       gint64 id,
                                       gint64 contact_id,
                                       const char *contact_name,
                                       const char *due,
                                       const char *note,
                                       RapportFollowupSection section);
RapportFollowupKind rapport_followup_get_kind (RapportFollowup *self);
gint64 rapport_followup_get_id (RapportFollowup *self);
gint64 rapport_followup_get_contact_id (RapportFollowup *self);
const char *rapport_followup_get_contact_name (RapportFollowup *self);
const char *rapport_followup_get_due (RapportFollowup *self);
const char *rapport_followup_get_note (RapportFollowup *self);
RapportFollowupSection rapport_followup_get_section (RapportFollowup *self);

G_END_DECLS
