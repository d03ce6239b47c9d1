/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-private.h: what the store may set on a contact. */
#pragma once

#include "rapport-contact.h"

G_BEGIN_DECLS

void rapport_contact_set_id (RapportContact *self, gint64 id);
void rapport_contact_set_uuid (RapportContact *self, const char *uuid);
void rapport_contact_set_archived (RapportContact *self, gboolean value);
void rapport_contact_set_introduced_by_name (RapportContact *self, const char *value);
void rapport_contact_set_met_at (RapportContact *self, gint64 event_id);
void rapport_contact_set_met_at_title (RapportContact *self, const char *value);
void rapport_contact_set_last_interaction (RapportContact *self, gint64 unix_time);

G_END_DECLS
