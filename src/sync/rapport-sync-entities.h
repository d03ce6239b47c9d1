/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-entities.h: which records sync, into which scopes, with
 * which fields. One table read by the client and by rapport-server, so
 * that both refuse the same things (docs/sync-protocol.md). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RAPPORT_SCOPE_PRIVATE = 1 << 0,
  RAPPORT_SCOPE_HUDDLE = 1 << 1,
} RapportScopeKind;

typedef struct
{
  const char *name;
  RapportScopeKind scopes; /* the kinds of scope that take it */
  gboolean append_only;    /* written once, never changed or deleted */
  const char *const *fields;
} RapportSyncEntity;

const RapportSyncEntity *rapport_sync_entity_lookup (const char *name);
gboolean rapport_sync_entity_has_field (const RapportSyncEntity *entity, const char *field);
const RapportSyncEntity *rapport_sync_entities (guint *n_entities);

gboolean rapport_sync_scope_parse (const char *scope, RapportScopeKind *kind, const char **huddle_uuid);
gboolean rapport_sync_uuid_is_valid (const char *uuid);

G_END_DECLS
