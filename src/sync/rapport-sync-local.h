/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-local.h: the local half of sync, with no network: turning
 * the outbox into pushes, and applying what a server sends back. */
#pragma once

#include <json-glib/json-glib.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* What a push or pull changed, for the caller to tell the views. */
typedef struct
{
  guint n_applied;
  guint n_parked;
  GHashTable *what;    /* "contacts", "events"… (store change details) */
  GArray *contact_ids; /* contacts whose card changed */
} RapportSyncChanges;

RapportSyncChanges *rapport_sync_changes_new (void);
void rapport_sync_changes_free (RapportSyncChanges *changes);
void rapport_sync_changes_emit (RapportSyncChanges *changes, RapportStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncChanges, rapport_sync_changes_free)

const char *rapport_sync_json_string (JsonObject *object, const char *member, const char *fallback);
JsonArray *rapport_sync_json_array (JsonObject *object, const char *member);
JsonObject *rapport_sync_json_object (JsonObject *object, const char *member);
JsonObject *rapport_sync_json_element (JsonArray *array, guint index);

char *rapport_sync_local_get (RapportStore *store, const char *key);
gint64 rapport_sync_local_get_int (RapportStore *store, const char *key, gint64 fallback);
gboolean rapport_sync_local_set (RapportStore *store, const char *key, const char *value, GError **error);
gboolean rapport_sync_local_set_int (RapportStore *store, const char *key, gint64 value, GError **error);

gboolean rapport_sync_local_sign_in (RapportStore *store,
                                     const char *server,
                                     const char *user,
                                     const char *device,
                                     const char *person,
                                     GError **error);
gboolean rapport_sync_local_sign_out (RapportStore *store, GError **error);

gboolean rapport_sync_local_fold (RapportStore *store, gsize max_batch_bytes, GError **error);
gint64 rapport_sync_local_count_pending (RapportStore *store);
char *rapport_sync_local_next_batch (RapportStore *store, gint64 *seq, char ***new_scopes);
gboolean rapport_sync_local_batch_done (RapportStore *store,
                                        gint64 seq,
                                        JsonObject *answer,
                                        GError **error);

gboolean rapport_sync_local_set_scopes (RapportStore *store,
                                        JsonArray *scopes,
                                        RapportSyncChanges *changes,
                                        GError **error);
gboolean rapport_sync_local_add_scope (RapportStore *store, const char *scope, const char *name, GError **error);
char **rapport_sync_local_list_scopes (RapportStore *store);
gint64 rapport_sync_local_get_cursor (RapportStore *store, const char *scope);
gboolean rapport_sync_local_read_page (RapportStore *store,
                                       const char *page,
                                       const char *list,
                                       gint64 *cursor,
                                       gboolean *more,
                                       char **next);
gboolean rapport_sync_local_apply_page (RapportStore *store,
                                        const char *scope,
                                        const char *page,
                                        gint64 cursor,
                                        RapportSyncChanges *out,
                                        GError **error);
gboolean rapport_sync_local_join_huddles (RapportStore *store, GError **error);
gboolean rapport_sync_local_begin_resync (RapportStore *store, const char *scope, GError **error);
gboolean rapport_sync_local_apply_snapshot (RapportStore *store,
                                            const char *scope,
                                            const char *page,
                                            RapportSyncChanges *out,
                                            GError **error);
gboolean rapport_sync_local_finish_resync (RapportStore *store,
                                           const char *scope,
                                           gint64 cursor,
                                           RapportSyncChanges *out,
                                           GError **error);

G_END_DECLS
