/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-links.h: the addresses other apps open a contact's details by. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RapportLinkKind:
 * @RAPPORT_LINK_EMAIL: an email address, written to through mailto:
 * @RAPPORT_LINK_PHONE: a phone number, called through tel:
 * @RAPPORT_LINK_WEBSITE: a web site, opened in the browser
 * @RAPPORT_LINK_LINKEDIN: a LinkedIn profile: an address, or a profile name
 * @RAPPORT_LINK_PLACE: a city or an address, shown on a map
 */
typedef enum {
  RAPPORT_LINK_EMAIL,
  RAPPORT_LINK_PHONE,
  RAPPORT_LINK_WEBSITE,
  RAPPORT_LINK_LINKEDIN,
  RAPPORT_LINK_PLACE,
} RapportLinkKind;

char *rapport_link_uri (RapportLinkKind kind, const char *value);
char *rapport_link_map_web_uri (const char *place);

G_END_DECLS
