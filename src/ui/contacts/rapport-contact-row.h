/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-row.h: one line of the contact list. */
#pragma once

#include <adwaita.h>

#include "rapport-contact.h"
#include "rapport-photo-cache.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_ROW (rapport_contact_row_get_type ())
G_DECLARE_FINAL_TYPE (RapportContactRow, rapport_contact_row, RAPPORT, CONTACT_ROW, GtkWidget)

GtkWidget *rapport_contact_row_new (void);
void rapport_contact_row_set_contact (RapportContactRow *self,
                                      RapportContact *contact);
void rapport_contact_row_set_photos (RapportContactRow *self, RapportPhotoCache *photos);

G_END_DECLS
