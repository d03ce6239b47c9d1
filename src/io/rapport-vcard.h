/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-vcard.h: contact cards read from and written as vCard (RFC 2426
 * 3.0, RFC 6350 4.0 and the older 2.1 that phones still export). Why
 * Rapport carries its own reader is in docs/import-export.md. */
#pragma once

#include <gio/gio.h>

#include "rapport-import-card.h"
#include "rapport-store.h"

G_BEGIN_DECLS

gboolean rapport_vcard_sniff (const char *data, gsize length);
GPtrArray *rapport_vcard_parse (const char *data,
                                gsize length,
                                GPtrArray *problems);
GPtrArray *rapport_vcard_parse_in_pieces (const char *data,
                                          gsize length,
                                          guint n_pieces,
                                          GPtrArray *problems);

/* Every field Rapport keeps, as vCard 4.0; what vCard has no property
 * for travels as X-RAPPORT-* so that an export reads back the same. */
char *rapport_vcard_write (RapportContact *contact);
void rapport_vcard_append (GString *out, RapportContact *contact);
void rapport_vcard_append_with_photo (GString *out,
                                      RapportContact *contact,
                                      GBytes *photo,
                                      const char *mime_type);
char *rapport_vcard_write_contacts (RapportStore *store, RapportContact *const *contacts, guint n_contacts);
/* Only what a person would put on a business card (name, company, title,
 * emails, phones, website, LinkedIn, city): for a QR code or a shared
 * .vcf, never notes or how you help each other. */
char *rapport_vcard_write_shared (RapportContact *contact);

G_END_DECLS
