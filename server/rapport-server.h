/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-server.h: the HTTP side of rapport-server, the endpoints of
 * docs/sync-protocol.md on a SoupServer. */
#pragma once

#include <libsoup/soup.h>

#include "rapport-server-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 token_lifetime_ms; /* unused tokens expire after this */
  guint rate_limit;         /* requests per minute per token */
  gsize max_body;           /* bytes */
} RapportServerConfig;

typedef struct _RapportServer RapportServer;

RapportServer *rapport_server_new (RapportServerStore *store, const RapportServerConfig *config, GTlsCertificate *certificate, GError **error);
SoupServer *rapport_server_get_soup_server (RapportServer *self);
void rapport_server_free (RapportServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportServer, rapport_server_free)

G_END_DECLS
