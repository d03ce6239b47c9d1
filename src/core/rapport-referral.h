/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-referral.h: a referral and where it stands. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_REFERRAL (rapport_referral_get_type ())
G_DECLARE_FINAL_TYPE (RapportReferral, rapport_referral, RAPPORT, REFERRAL, GObject)

RapportReferral *rapport_referral_copy (RapportReferral *self);
gint64 rapport_referral_get_id (RapportReferral *self);
void rapport_referral_set_id (RapportReferral *self, gint64 value);
const char *rapport_referral_get_uuid (RapportReferral *self);
void rapport_referral_set_uuid (RapportReferral *self, const char *value);
gint64 rapport_referral_get_from_contact (RapportReferral *self);
void rapport_referral_set_from_contact (RapportReferral *self, gint64 value);
const char *rapport_referral_get_from_name (RapportReferral *self);
void rapport_referral_set_from_name (RapportReferral *self, const char *value);
gint64 rapport_referral_get_to_contact (RapportReferral *self);
void rapport_referral_set_to_contact (RapportReferral *self, gint64 value);
const char *rapport_referral_get_to_name (RapportReferral *self);
void rapport_referral_set_to_name (RapportReferral *self, const char *value);
gint64 rapport_referral_get_prospect (RapportReferral *self);
void rapport_referral_set_prospect (RapportReferral *self, gint64 value);
const char *rapport_referral_get_prospect_name (RapportReferral *self);
void rapport_referral_set_prospect_name (RapportReferral *self, const char *value);
gint64 rapport_referral_get_huddle_id (RapportReferral *self);
void rapport_referral_set_huddle_id (RapportReferral *self, gint64 value);
const char *rapport_referral_get_huddle_name (RapportReferral *self);
void rapport_referral_set_huddle_name (RapportReferral *self, const char *value);
const char *rapport_referral_get_given_on (RapportReferral *self);
void rapport_referral_set_given_on (RapportReferral *self, const char *value);
const char *rapport_referral_get_note (RapportReferral *self);
void rapport_referral_set_note (RapportReferral *self, const char *value);
int rapport_referral_get_status (RapportReferral *self);
void rapport_referral_set_status (RapportReferral *self, int value);
gint64 rapport_referral_get_value_cents (RapportReferral *self);
void rapport_referral_set_value_cents (RapportReferral *self, gint64 value);
const char *rapport_referral_get_status_on (RapportReferral *self);
void rapport_referral_set_status_on (RapportReferral *self, const char *value);

G_END_DECLS
