/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact.h: a contact card, as the store hands it out. */
#pragma once

#include "rapport-types.h"

G_BEGIN_DECLS

struct _RapportLabeled
{
  char *label;
  char *value;
};

#define RAPPORT_TYPE_LABELED (rapport_labeled_get_type ())
GType rapport_labeled_get_type (void) G_GNUC_CONST;
RapportLabeled *rapport_labeled_new (const char *label, const char *value);
RapportLabeled *rapport_labeled_copy (const RapportLabeled *self);
void rapport_labeled_free (RapportLabeled *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportLabeled, rapport_labeled_free)

#define RAPPORT_TYPE_CONTACT (rapport_contact_get_type ())
G_DECLARE_FINAL_TYPE (RapportContact, rapport_contact, RAPPORT, CONTACT, GObject)

RapportContact *rapport_contact_new (const char *display_name);
RapportContact *rapport_contact_copy (RapportContact *self);
void rapport_contact_update_from (RapportContact *self, RapportContact *other);
void rapport_contact_rebase (RapportContact *draft, RapportContact *original, RapportContact *current);
gboolean rapport_contact_equal (RapportContact *a, RapportContact *b);
void rapport_contact_merge (RapportContact *self, RapportContact *incoming);
char *rapport_contact_email_key (const char *value);
char *rapport_contact_phone_key (const char *value);

gint64 rapport_contact_get_id (RapportContact *self);
const char *rapport_contact_get_uuid (RapportContact *self);
const char *rapport_contact_get_display_name (RapportContact *self);
void rapport_contact_set_display_name (RapportContact *self, const char *value);
const char *rapport_contact_get_given_name (RapportContact *self);
void rapport_contact_set_given_name (RapportContact *self, const char *value);
const char *rapport_contact_get_family_name (RapportContact *self);
void rapport_contact_set_family_name (RapportContact *self, const char *value);
const char *rapport_contact_get_company (RapportContact *self);
void rapport_contact_set_company (RapportContact *self, const char *value);
const char *rapport_contact_get_job_title (RapportContact *self);
void rapport_contact_set_job_title (RapportContact *self, const char *value);
const char *rapport_contact_get_industry (RapportContact *self);
void rapport_contact_set_industry (RapportContact *self, const char *value);
int rapport_contact_get_industry_since (RapportContact *self);
void rapport_contact_set_industry_since (RapportContact *self, int year);
const char *rapport_contact_get_website (RapportContact *self);
void rapport_contact_set_website (RapportContact *self, const char *value);
const char *rapport_contact_get_linkedin (RapportContact *self);
void rapport_contact_set_linkedin (RapportContact *self, const char *value);
const char *rapport_contact_get_city (RapportContact *self);
void rapport_contact_set_city (RapportContact *self, const char *value);
RapportRelationship rapport_contact_get_relationship (RapportContact *self);
void rapport_contact_set_relationship (RapportContact *self, RapportRelationship value);
const char *rapport_contact_get_help_them (RapportContact *self);
void rapport_contact_set_help_them (RapportContact *self, const char *value);
const char *rapport_contact_get_help_me (RapportContact *self);
void rapport_contact_set_help_me (RapportContact *self, const char *value);
const char *rapport_contact_get_notes (RapportContact *self);
void rapport_contact_set_notes (RapportContact *self, const char *value);
const char *rapport_contact_get_met_on (RapportContact *self);
void rapport_contact_set_met_on (RapportContact *self, const char *iso_date);
gint64 rapport_contact_get_introduced_by (RapportContact *self);
void rapport_contact_set_introduced_by (RapportContact *self, gint64 contact_id);
const char *rapport_contact_get_introduced_by_name (RapportContact *self);
gint64 rapport_contact_get_met_at (RapportContact *self);
const char *rapport_contact_get_met_at_title (RapportContact *self);
gboolean rapport_contact_get_starred (RapportContact *self);
void rapport_contact_set_starred (RapportContact *self, gboolean value);
gboolean rapport_contact_get_archived (RapportContact *self);
int rapport_contact_get_cadence_days (RapportContact *self);
void rapport_contact_set_cadence_days (RapportContact *self, int days);
gint64 rapport_contact_get_last_interaction (RapportContact *self);
const char *rapport_contact_get_subtitle (RapportContact *self);

GPtrArray *rapport_contact_get_emails (RapportContact *self);
void rapport_contact_set_emails (RapportContact *self, GPtrArray *emails);
GPtrArray *rapport_contact_get_phones (RapportContact *self);
void rapport_contact_set_phones (RapportContact *self, GPtrArray *phones);
const char *const *rapport_contact_get_tags (RapportContact *self);
void rapport_contact_set_tags (RapportContact *self, const char *const *tags);
void rapport_contact_add_email (RapportContact *self, const char *label, const char *value);
void rapport_contact_add_phone (RapportContact *self, const char *label, const char *value);

G_END_DECLS
