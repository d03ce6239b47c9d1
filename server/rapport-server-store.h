/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-server-store.h: rapport-server's SQLite file: accounts, devices,
 * huddles and the synced records of every scope. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One code per error row of docs/sync-protocol.md. */
typedef enum {
  RAPPORT_SERVER_ERROR_BAD_REQUEST,
  RAPPORT_SERVER_ERROR_UNAUTHORIZED,
  RAPPORT_SERVER_ERROR_TOKEN_EXPIRED,
  RAPPORT_SERVER_ERROR_FORBIDDEN,
  RAPPORT_SERVER_ERROR_NOT_FOUND,
  RAPPORT_SERVER_ERROR_CONFLICT,
  RAPPORT_SERVER_ERROR_CURSOR_EXPIRED,
  RAPPORT_SERVER_ERROR_TOO_LARGE,
  RAPPORT_SERVER_ERROR_RATE_LIMITED,
  RAPPORT_SERVER_ERROR_FAILED,
} RapportServerError;

#define RAPPORT_SERVER_ERROR (rapport_server_error_quark ())
GQuark rapport_server_error_quark (void);

typedef struct _RapportServerStore RapportServerStore;

typedef struct
{
  gint64 id;
  char *name;
  char *person;
} RapportServerUser;

void rapport_server_user_clear (RapportServerUser *user);

RapportServerStore *rapport_server_store_open (const char *dir, GError **error);
void rapport_server_store_free (RapportServerStore *self);

gboolean rapport_server_store_begin (RapportServerStore *self, GError **error);
gboolean rapport_server_store_commit (RapportServerStore *self, GError **error);
void rapport_server_store_rollback (RapportServerStore *self);

/* Accounts and devices */
gboolean rapport_server_store_find_user (RapportServerStore *self, const char *name, RapportServerUser *user, char **hash, GError **error);
gboolean rapport_server_store_get_user (RapportServerStore *self, gint64 id, RapportServerUser *user, GError **error);
gboolean rapport_server_store_add_user (RapportServerStore *self, const char *name, const char *hash, gint64 now, RapportServerUser *user, GError **error);
char *rapport_server_store_add_device (RapportServerStore *self, gint64 user, const char *name, const char *token_hash, gint64 now, GError **error);
gboolean rapport_server_store_authenticate (RapportServerStore *self, const char *token_hash, gint64 now, gint64 lifetime_ms, gint64 *user, char **device, GError **error);
gboolean rapport_server_store_revoke_device (RapportServerStore *self, gint64 user, const char *device, GError **error);
JsonArray *rapport_server_store_list_devices (RapportServerStore *self, gint64 user, const char *current, GError **error);

/* Scopes and huddles. An internal scope id is "private:USER_ID" or
 * "huddle:UUID"; resolving a name checks that the user may use it. */
char *rapport_server_store_resolve_scope (RapportServerStore *self, gint64 user, const char *name, GError **error);
JsonArray *rapport_server_store_list_scopes (RapportServerStore *self, gint64 user, GError **error);
JsonObject *rapport_server_store_create_huddle (RapportServerStore *self, gint64 user, const char *uuid, const char *name, gint64 now, gboolean *created, GError **error);
gboolean rapport_server_store_check_member (RapportServerStore *self, const char *uuid, gint64 user, gboolean *owner, GError **error);
JsonArray *rapport_server_store_list_members (RapportServerStore *self, const char *uuid, GError **error);
gboolean rapport_server_store_remove_member (RapportServerStore *self, const char *uuid, gint64 caller, gint64 member, GError **error);
char *rapport_server_store_create_invitation (RapportServerStore *self, const char *uuid, gint64 user, gint64 now, gint64 *expires, GError **error);
char *rapport_server_store_check_invitation (RapportServerStore *self, const char *code, gint64 now, GError **error);
char *rapport_server_store_accept_invitation (RapportServerStore *self, const char *code, gint64 user, gint64 now, GError **error);

/* Records */
char *rapport_server_store_find_batch (RapportServerStore *self, const char *device, gint64 seq, GError **error);
char *rapport_server_store_push (RapportServerStore *self, const char *device, gint64 seq, JsonArray *ops, const char *body, gsize body_len, const char *const *scope_ids, const char *const *scope_names, gint64 now, GError **error);
gint64 rapport_server_store_last_seq (RapportServerStore *self, const char *scope_id);
char *rapport_server_store_changes (RapportServerStore *self, const char *scope_id, gint64 after, guint limit, GError **error);
char *rapport_server_store_snapshot (RapportServerStore *self, const char *scope_id, const char *after, guint limit, GError **error);
gboolean rapport_server_store_prune (RapportServerStore *self, gint64 now, gint64 history_ms, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportServerUser, rapport_server_user_clear)

G_END_DECLS
