/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-list.h: a lazy list of contacts for list views. */
#pragma once

#include <gio/gio.h>

#include "rapport-id-list.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_LIST (rapport_contact_list_get_type ())
G_DECLARE_FINAL_TYPE (RapportContactList, rapport_contact_list, RAPPORT, CONTACT_LIST, RapportIdList)

RapportContactList *rapport_contact_list_new (RapportStore *store);
const char *rapport_contact_list_get_search (RapportContactList *self);
void rapport_contact_list_set_search (RapportContactList *self, const char *search);
int rapport_contact_list_get_relationship (RapportContactList *self);
void rapport_contact_list_set_relationship (RapportContactList *self, int relationship);
const char *rapport_contact_list_get_tag (RapportContactList *self);
void rapport_contact_list_set_tag (RapportContactList *self, const char *tag);
gboolean rapport_contact_list_get_starred_only (RapportContactList *self);
void rapport_contact_list_set_starred_only (RapportContactList *self, gboolean starred_only);
gboolean rapport_contact_list_get_archived (RapportContactList *self);
void rapport_contact_list_set_archived (RapportContactList *self, gboolean archived);

G_END_DECLS
