/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-page.h: one contact's card. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_PAGE (rapport_contact_page_get_type ())
G_DECLARE_FINAL_TYPE (RapportContactPage, rapport_contact_page, RAPPORT, CONTACT_PAGE, GtkWidget)

void rapport_contact_page_set_store (RapportContactPage *self, RapportStore *store);
RapportContact *rapport_contact_page_get_contact (RapportContactPage *self);
void rapport_contact_page_set_contact (RapportContactPage *self, RapportContact *contact);

G_END_DECLS
