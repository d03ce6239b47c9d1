/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-server-store.c: everything rapport-server keeps, in one SQLite
 * file in WAL mode.
 *
 * Only the main thread touches the database, so one connection serves
 * every request; `rapport-server --add-user` may write from another
 * process at the same time, hence the busy timeout. The merge rules of
 * docs/sync-protocol.md live here too, next to the rows they decide
 * about, so that a push is checked and applied in one transaction. */
#define G_LOG_DOMAIN "rapport-server"

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>

#include "rapport-hlc.h"
#include "rapport-server-crypto.h"
#include "rapport-server-store.h"
#include "rapport-sync-entities.h"

#define SCHEMA_VERSION 1
#define INVITATION_LIFETIME_MS (14 * G_GINT64_CONSTANT (86400000))
#define FUTURE_SKEW_MS (5 * 60 * 1000)

struct _RapportServerStore
{
  sqlite3 *db;
  GHashTable *statements; /* SQL text (static) → sqlite3_stmt */
};

GQuark
rapport_server_error_quark (void)
{
  return g_quark_from_static_string ("rapport-server-error-quark");
}

static const char schema[] =
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  hash TEXT NOT NULL,"
    "  person TEXT NOT NULL,"
    "  created INTEGER NOT NULL);"
    "CREATE TABLE devices ("
    "  id TEXT PRIMARY KEY,"
    "  user INTEGER NOT NULL REFERENCES users (id),"
    "  name TEXT NOT NULL,"
    "  token_sha256 TEXT NOT NULL UNIQUE,"
    "  created INTEGER NOT NULL,"
    "  last_seen INTEGER NOT NULL,"
    "  revoked INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX devices_user ON devices (user);"
    /* kind is 'private' (owner is its user) or 'huddle' (name is shown in
     * /v1/me). last_seq numbers the scope's changes; pruned_seq is the
     * newest change forgotten by pruning, so older cursors answer 410. */
    "CREATE TABLE scopes ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  owner INTEGER,"
    "  name TEXT,"
    "  created INTEGER NOT NULL,"
    "  ended INTEGER NOT NULL DEFAULT 0,"
    "  last_seq INTEGER NOT NULL DEFAULT 0,"
    "  pruned_seq INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE huddle_members ("
    "  scope TEXT NOT NULL REFERENCES scopes (id),"
    "  user INTEGER NOT NULL REFERENCES users (id),"
    "  joined INTEGER NOT NULL,"
    "  owner INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (scope, user));"
    "CREATE INDEX huddle_members_user ON huddle_members (user);"
    "CREATE TABLE invitations ("
    "  code TEXT PRIMARY KEY,"
    "  scope TEXT NOT NULL REFERENCES scopes (id),"
    "  created_by INTEGER NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  expires INTEGER NOT NULL,"
    "  used_by INTEGER,"
    "  used INTEGER);"
    /* Records are kept per scope: a contact's card shared with two
     * huddles is a "person" in each, under the contact's uuid, and the
     * user's own card takes their person uuid everywhere. fields is
     * {"name": [value, stamp]}; a tombstone has none and its own stamp. */
    /* Rowids, so that large new records are appended rather than each
     * written to a random page of a table ordered by uuid. */
    "CREATE TABLE records ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL,"
    "  scope TEXT NOT NULL,"
    "  entity TEXT NOT NULL,"
    "  deleted INTEGER NOT NULL DEFAULT 0,"
    "  stamp TEXT,"
    "  fields TEXT NOT NULL DEFAULT '{}',"
    "  seq INTEGER NOT NULL,"
    "  changed INTEGER NOT NULL,"
    "  UNIQUE (scope, uuid));"
    "CREATE INDEX records_scope_seq ON records (scope, seq);"
    "CREATE INDEX records_tombstones ON records (changed) WHERE deleted;"
    "CREATE TABLE batches ("
    "  device TEXT NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  answer TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  PRIMARY KEY (device, seq)) WITHOUT ROWID;";

void
rapport_server_user_clear (RapportServerUser *user)
{
  g_clear_pointer (&user->name, g_free);
  g_clear_pointer (&user->person, g_free);
  user->id = 0;
}

static gboolean
fail (RapportServerStore *self,
      GError **error)
{
  g_message ("SQLite: %s", sqlite3_errmsg (self->db));
  g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_FAILED,
               "The server's database failed: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

/* Statements are prepared once and kept; @sql must be a string literal,
 * since its address is the cache key. */
static sqlite3_stmt *
statement (RapportServerStore *self,
           const char *sql,
           GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      fail (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
static gboolean
run (RapportServerStore *self,
     sqlite3_stmt *stmt,
     GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, error);
  return TRUE;
}

static gboolean
exec (RapportServerStore *self,
      const char *sql,
      GError **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fail (self, error);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

RapportServerStore *
rapport_server_store_open (const char *dir,
                           GError **error)
{
  g_autofree char *path = g_build_filename (dir, "rapport-server.db", NULL);
  RapportServerStore *self;
  sqlite3_stmt *stmt;
  int version = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Cannot make the data folder %s: %s", dir, g_strerror (errno));
      return NULL;
    }

  self = g_new0 (RapportServerStore, 1);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_FAILED,
                   "Cannot open %s: %s", path, sqlite3_errmsg (self->db));
      rapport_server_store_free (self);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);

  /* Records keep their fields with stamps, about 1.5 KiB for a whole
   * card, in a WITHOUT ROWID table: on 4 KiB pages each spills to an
   * overflow page. Only a new file takes the size. */
  if (!exec (self, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                   " PRAGMA foreign_keys = ON;",
             error))
    goto failed;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (self, error);
      goto failed;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_FAILED,
                   "%s was written by a newer rapport-server (schema %d); this one knows schema %d",
                   path, version, SCHEMA_VERSION);
      goto failed;
    }
  if (version == 0)
    {
      g_autofree char *create = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;",
                                                 schema, SCHEMA_VERSION);

      if (!exec (self, create, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          goto failed;
        }
    }
  return self;

failed:
  rapport_server_store_free (self);
  return NULL;
}

void
rapport_server_store_free (RapportServerStore *self)
{
  if (self == NULL)
    return;
  g_hash_table_destroy (self->statements);
  sqlite3_close (self->db);
  g_free (self);
}

gboolean
rapport_server_store_begin (RapportServerStore *self,
                            GError **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rapport_server_store_commit (RapportServerStore *self,
                             GError **error)
{
  return exec (self, "COMMIT", error);
}

void
rapport_server_store_rollback (RapportServerStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Accounts and devices */

gboolean
rapport_server_store_find_user (RapportServerStore *self,
                                const char *name,
                                RapportServerUser *user,
                                char **hash,
                                GError **error)
{
  sqlite3_stmt *stmt = statement (self, "SELECT id, name, person, hash FROM users WHERE name = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      user->id = sqlite3_column_int64 (stmt, 0);
      user->name = g_strdup (column_text (stmt, 1));
      user->person = g_strdup (column_text (stmt, 2));
      if (hash != NULL)
        *hash = g_strdup (column_text (stmt, 3));
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error);
  g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such account");
  return FALSE;
}

gboolean
rapport_server_store_get_user (RapportServerStore *self,
                               gint64 id,
                               RapportServerUser *user,
                               GError **error)
{
  sqlite3_stmt *stmt = statement (self, "SELECT name, person FROM users WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      user->id = id;
      user->name = g_strdup (column_text (stmt, 0));
      user->person = g_strdup (column_text (stmt, 1));
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error);
  g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such account");
  return FALSE;
}

/* Makes the account and its private scope; the caller holds a
 * transaction, or this is its own. */
gboolean
rapport_server_store_add_user (RapportServerStore *self,
                               const char *name,
                               const char *hash,
                               gint64 now,
                               RapportServerUser *user,
                               GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *person = g_uuid_string_random ();
  g_autofree char *scope = NULL;
  gboolean own = sqlite3_get_autocommit (self->db);
  int rc;

  if (own && !rapport_server_store_begin (self, error))
    return FALSE;

  stmt = statement (self, "INSERT INTO users (name, hash, person, created) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, person, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_CONFLICT,
                   "The name “%s” is already taken.", name);
      goto failed;
    }
  if (rc != SQLITE_DONE)
    {
      fail (self, error);
      goto failed;
    }

  user->id = sqlite3_last_insert_rowid (self->db);
  user->name = g_strdup (name);
  user->person = g_strdup (person);

  scope = g_strdup_printf ("private:%" G_GINT64_FORMAT, user->id);
  stmt = statement (self, "INSERT INTO scopes (id, kind, owner, created) VALUES (?, 'private', ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user->id);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!run (self, stmt, error))
    goto failed;

  if (own && !rapport_server_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  if (own)
    rapport_server_store_rollback (self);
  rapport_server_user_clear (user);
  return FALSE;
}

char *
rapport_server_store_add_device (RapportServerStore *self,
                                 gint64 user,
                                 const char *name,
                                 const char *token_hash,
                                 gint64 now,
                                 GError **error)
{
  g_autofree char *id = rapport_server_device_id_new ();
  sqlite3_stmt *stmt = statement (self,
                                  "INSERT INTO devices (id, user, name, token_sha256, created, last_seen)"
                                  " VALUES (?, ?, ?, ?, ?, ?)",
                                  error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!run (self, stmt, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* A token's lifetime counts from its last use, so a device that syncs
 * keeps its token and a lost laptop's token dies on its own. last_seen is
 * written at most every tenth of the lifetime (and at least every minute)
 * rather than on every request. */
gboolean
rapport_server_store_authenticate (RapportServerStore *self,
                                   const char *token_hash,
                                   gint64 now,
                                   gint64 lifetime_ms,
                                   gint64 *user,
                                   char **device,
                                   GError **error)
{
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT d.id, d.user, d.last_seen, d.revoked FROM devices d"
                                  " WHERE d.token_sha256 = ?",
                                  error);
  g_autofree char *id = NULL;
  gint64 last_seen;
  gboolean revoked;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return fail (self, error);
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_UNAUTHORIZED,
                   "Unknown token: sign in again.");
      return FALSE;
    }
  id = g_strdup (column_text (stmt, 0));
  *user = sqlite3_column_int64 (stmt, 1);
  last_seen = sqlite3_column_int64 (stmt, 2);
  revoked = sqlite3_column_int (stmt, 3) != 0;
  sqlite3_reset (stmt);

  if (revoked)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_UNAUTHORIZED,
                   "This device was signed out: sign in again.");
      return FALSE;
    }
  if (now - last_seen > lifetime_ms)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_TOKEN_EXPIRED,
                   "This device was not used for too long: sign in again.");
      return FALSE;
    }
  if (now - last_seen >= MIN (60000, lifetime_ms / 10))
    {
      stmt = statement (self, "UPDATE devices SET last_seen = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      if (!run (self, stmt, error))
        return FALSE;
    }
  *device = g_steal_pointer (&id);
  return TRUE;
}

gboolean
rapport_server_store_revoke_device (RapportServerStore *self,
                                    gint64 user,
                                    const char *device,
                                    GError **error)
{
  sqlite3_stmt *stmt = statement (self,
                                  "UPDATE devices SET revoked = 1"
                                  " WHERE id = ? AND user = ? AND NOT revoked",
                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user);
  if (!run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such device.");
      return FALSE;
    }
  return TRUE;
}

JsonArray *
rapport_server_store_list_devices (RapportServerStore *self,
                                   gint64 user,
                                   const char *current,
                                   GError **error)
{
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT id, name, created, last_seen FROM devices"
                                  " WHERE user = ? AND NOT revoked ORDER BY created, id",
                                  error);
  g_autoptr (JsonArray) devices = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  devices = json_array_new ();
  sqlite3_bind_int64 (stmt, 1, user);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *device = json_object_new ();

      json_object_set_string_member (device, "id", column_text (stmt, 0));
      json_object_set_string_member (device, "name", column_text (stmt, 1));
      json_object_set_int_member (device, "created", sqlite3_column_int64 (stmt, 2));
      json_object_set_int_member (device, "last_seen", sqlite3_column_int64 (stmt, 3));
      json_object_set_boolean_member (device, "current", g_strcmp0 (column_text (stmt, 0), current) == 0);
      json_array_add_object_element (devices, device);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, error);
      return NULL;
    }
  return g_steal_pointer (&devices);
}

/* Scopes and huddles */

static void
not_found_huddle (GError **error)
{
  g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such huddle.");
}

gboolean
rapport_server_store_check_member (RapportServerStore *self,
                                   const char *uuid,
                                   gint64 user,
                                   gboolean *owner,
                                   GError **error)
{
  g_autofree char *scope = g_strdup_printf ("huddle:%s", uuid);
  sqlite3_stmt *stmt = statement (self, "SELECT owner FROM huddle_members WHERE scope = ? AND user = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && owner != NULL)
    *owner = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return fail (self, error);
  not_found_huddle (error);
  return FALSE;
}

char *
rapport_server_store_resolve_scope (RapportServerStore *self,
                                    gint64 user,
                                    const char *name,
                                    GError **error)
{
  RapportScopeKind kind;
  const char *uuid;
  g_autofree char *lower = NULL;

  if (!rapport_sync_scope_parse (name, &kind, &uuid))
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_BAD_REQUEST,
                   "“%s” is not a scope: use “private” or “huddle:UUID”.", name ? name : "");
      return NULL;
    }
  if (kind == RAPPORT_SCOPE_PRIVATE)
    return g_strdup_printf ("private:%" G_GINT64_FORMAT, user);
  lower = g_ascii_strdown (uuid, -1);
  if (!rapport_server_store_check_member (self, lower, user, NULL, error))
    return NULL;
  return g_strdup_printf ("huddle:%s", lower);
}

JsonArray *
rapport_server_store_list_scopes (RapportServerStore *self,
                                  gint64 user,
                                  GError **error)
{
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT s.id, s.name, m.owner FROM huddle_members m"
                                  " JOIN scopes s ON s.id = m.scope"
                                  " WHERE m.user = ? ORDER BY m.joined, s.id",
                                  error);
  g_autoptr (JsonArray) scopes = NULL;
  JsonObject *scope;
  int rc;

  if (stmt == NULL)
    return NULL;
  scopes = json_array_new ();
  scope = json_object_new ();
  json_object_set_string_member (scope, "id", "private");
  json_object_set_string_member (scope, "kind", "private");
  json_array_add_object_element (scopes, scope);

  sqlite3_bind_int64 (stmt, 1, user);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      scope = json_object_new ();
      json_object_set_string_member (scope, "id", column_text (stmt, 0));
      json_object_set_string_member (scope, "kind", "huddle");
      json_object_set_string_member (scope, "name", column_text (stmt, 1) ? column_text (stmt, 1) : "");
      json_object_set_boolean_member (scope, "owner", sqlite3_column_int (stmt, 2) != 0);
      json_array_add_object_element (scopes, scope);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, error);
      return NULL;
    }
  return g_steal_pointer (&scopes);
}

static JsonObject *
huddle_json (const char *scope,
             const char *name,
             gboolean owner)
{
  JsonObject *huddle = json_object_new ();

  json_object_set_string_member (huddle, "id", scope);
  json_object_set_string_member (huddle, "kind", "huddle");
  json_object_set_string_member (huddle, "name", name ? name : "");
  json_object_set_boolean_member (huddle, "owner", owner);
  return huddle;
}

JsonObject *
rapport_server_store_create_huddle (RapportServerStore *self,
                                    gint64 user,
                                    const char *uuid,
                                    const char *name,
                                    gint64 now,
                                    gboolean *created,
                                    GError **error)
{
  g_autofree char *scope = g_strdup_printf ("huddle:%s", uuid);
  sqlite3_stmt *stmt;
  gboolean owner = FALSE;
  int rc;

  *created = FALSE;
  if (!rapport_server_store_begin (self, error))
    return NULL;

  stmt = statement (self, "SELECT name FROM scopes WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *existing = g_strdup (column_text (stmt, 0));
      g_autoptr (GError) local_error = NULL;

      sqlite3_reset (stmt);
      rapport_server_store_rollback (self);
      if (rapport_server_store_check_member (self, uuid, user, &owner, &local_error))
        return huddle_json (scope, existing, owner);
      if (!g_error_matches (local_error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* Taken by a huddle the caller does not belong to, or by one that
       * ended: its records are still here, so the uuid cannot be reused. */
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_CONFLICT,
                   "This huddle id is already taken.");
      return NULL;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, error);
      goto failed;
    }

  stmt = statement (self, "INSERT INTO scopes (id, kind, name, created) VALUES (?, 'huddle', ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!run (self, stmt, error))
    goto failed;

  stmt = statement (self, "INSERT INTO huddle_members (scope, user, joined, owner) VALUES (?, ?, ?, 1)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!run (self, stmt, error))
    goto failed;

  if (!rapport_server_store_commit (self, error))
    goto failed;
  *created = TRUE;
  return huddle_json (scope, name, TRUE);

failed:
  rapport_server_store_rollback (self);
  return NULL;
}

JsonArray *
rapport_server_store_list_members (RapportServerStore *self,
                                   const char *uuid,
                                   GError **error)
{
  g_autofree char *scope = g_strdup_printf ("huddle:%s", uuid);
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT u.id, u.name, u.person, m.owner FROM huddle_members m"
                                  " JOIN users u ON u.id = m.user"
                                  " WHERE m.scope = ? ORDER BY m.joined, m.rowid",
                                  error);
  g_autoptr (JsonArray) members = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  members = json_array_new ();
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *member = json_object_new ();

      json_object_set_int_member (member, "user", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (member, "name", column_text (stmt, 1));
      json_object_set_string_member (member, "person", column_text (stmt, 2));
      json_object_set_boolean_member (member, "owner", sqlite3_column_int (stmt, 3) != 0);
      json_array_add_object_element (members, member);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, error);
      return NULL;
    }
  return g_steal_pointer (&members);
}

gboolean
rapport_server_store_remove_member (RapportServerStore *self,
                                    const char *uuid,
                                    gint64 caller,
                                    gint64 member,
                                    GError **error)
{
  g_autofree char *scope = g_strdup_printf ("huddle:%s", uuid);
  gboolean caller_owner = FALSE, member_owner = FALSE;
  sqlite3_stmt *stmt;

  if (!rapport_server_store_begin (self, error))
    return FALSE;
  if (!rapport_server_store_check_member (self, uuid, caller, &caller_owner, error))
    goto failed;
  if (!rapport_server_store_check_member (self, uuid, member, &member_owner, NULL))
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND,
                   "No such member in this huddle.");
      goto failed;
    }
  if (caller != member && !caller_owner)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_FORBIDDEN,
                   "Only the huddle's owner may remove other members.");
      goto failed;
    }

  stmt = statement (self, "DELETE FROM huddle_members WHERE scope = ? AND user = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member);
  if (!run (self, stmt, error))
    goto failed;

  if (member_owner)
    {
      /* The longest-standing member inherits the huddle; with nobody
       * left the UPDATE touches nothing and the huddle ends. */
      stmt = statement (self,
                        "UPDATE huddle_members SET owner = 1 WHERE rowid ="
                        " (SELECT rowid FROM huddle_members WHERE scope = ?"
                        "  ORDER BY joined, rowid LIMIT 1)",
                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
      if (!run (self, stmt, error))
        goto failed;
    }

  stmt = statement (self,
                    "UPDATE scopes SET ended = 1 WHERE id = ?1"
                    " AND NOT EXISTS (SELECT 1 FROM huddle_members WHERE scope = ?1)",
                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  if (!run (self, stmt, error))
    goto failed;

  return rapport_server_store_commit (self, error);

failed:
  rapport_server_store_rollback (self);
  return FALSE;
}

char *
rapport_server_store_create_invitation (RapportServerStore *self,
                                        const char *uuid,
                                        gint64 user,
                                        gint64 now,
                                        gint64 *expires,
                                        GError **error)
{
  g_autofree char *scope = g_strdup_printf ("huddle:%s", uuid);
  g_autofree char *code = rapport_server_invitation_code_new ();
  sqlite3_stmt *stmt = statement (self,
                                  "INSERT INTO invitations (code, scope, created_by, created, expires)"
                                  " VALUES (?, ?, ?, ?, ?)",
                                  error);

  if (stmt == NULL)
    return NULL;
  *expires = now + INVITATION_LIFETIME_MS;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, user);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, *expires);
  if (!run (self, stmt, error))
    return NULL;
  return g_steal_pointer (&code);
}

/* Returns the huddle uuid of a usable invitation. Used, expired and
 * unknown codes all read the same, and so does a code for a huddle that
 * ended. */
char *
rapport_server_store_check_invitation (RapportServerStore *self,
                                       const char *code,
                                       gint64 now,
                                       GError **error)
{
  g_autofree char *normal = rapport_server_invitation_code_normalize (code);
  sqlite3_stmt *stmt;
  char *uuid = NULL;
  int rc;

  if (normal == NULL)
    goto unknown;
  stmt = statement (self,
                    "SELECT i.scope FROM invitations i JOIN scopes s ON s.id = i.scope"
                    " WHERE i.code = ? AND i.used IS NULL AND i.expires > ? AND NOT s.ended",
                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, normal, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    uuid = g_strdup (column_text (stmt, 0) + strlen ("huddle:"));
  sqlite3_reset (stmt);
  if (uuid != NULL)
    return uuid;
  if (rc != SQLITE_DONE)
    {
      fail (self, error);
      return NULL;
    }

unknown:
  g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND,
               "No such invitation: it may have been used already or have expired.");
  return NULL;
}

/* Joins the huddle and uses up the code, inside the caller's transaction
 * or its own. Someone already in the huddle keeps the code unused. */
char *
rapport_server_store_accept_invitation (RapportServerStore *self,
                                        const char *code,
                                        gint64 user,
                                        gint64 now,
                                        GError **error)
{
  g_autofree char *normal = rapport_server_invitation_code_normalize (code);
  g_autofree char *uuid = NULL;
  g_autofree char *scope = NULL;
  gboolean own = sqlite3_get_autocommit (self->db);
  sqlite3_stmt *stmt;

  if (own && !rapport_server_store_begin (self, error))
    return NULL;
  uuid = rapport_server_store_check_invitation (self, code, now, error);
  if (uuid == NULL)
    goto failed;
  if (rapport_server_store_check_member (self, uuid, user, NULL, NULL))
    {
      if (own && !rapport_server_store_commit (self, error))
        goto failed;
      return g_steal_pointer (&uuid);
    }

  scope = g_strdup_printf ("huddle:%s", uuid);
  stmt = statement (self, "UPDATE invitations SET used = ?, used_by = ? WHERE code = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, user);
  sqlite3_bind_text (stmt, 3, normal, -1, SQLITE_TRANSIENT);
  if (!run (self, stmt, error))
    goto failed;

  stmt = statement (self, "INSERT INTO huddle_members (scope, user, joined, owner) VALUES (?, ?, ?, 0)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!run (self, stmt, error))
    goto failed;

  if (own && !rapport_server_store_commit (self, error))
    goto failed;
  return g_steal_pointer (&uuid);

failed:
  if (own)
    rapport_server_store_rollback (self);
  return NULL;
}

/* Records */

char *
rapport_server_store_find_batch (RapportServerStore *self,
                                 const char *device,
                                 gint64 seq,
                                 GError **error)
{
  sqlite3_stmt *stmt = statement (self, "SELECT answer FROM batches WHERE device = ? AND seq = ?", error);
  char *answer = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    answer = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    fail (self, error);
  return answer;
}

static gboolean scope_seqs (RapportServerStore *self, const char *scope_id, gint64 *last_seq, gint64 *pruned_seq, GError **error);

/* One push being applied. Each scope's last_seq is read once and written
 * once, not updated for every record; records new to the server wait in
 * temp.push_fresh and are copied from the request body by SQLite in one
 * statement, instead of going through a json-glib tree and back. */
typedef struct
{
  const char *body; /* the request, whose "ops" the indexes point into */
  gsize body_len;
  GHashTable *seqs;    /* scope id → gint64 *, its last seq so far */
  GHashTable *pending; /* "scope uuid" of the records in push_fresh */
} Push;

static gint64
next_seq (RapportServerStore *self,
          Push *push,
          const char *scope_id,
          GError **error)
{
  gint64 *last = g_hash_table_lookup (push->seqs, scope_id);

  if (last == NULL)
    {
      gint64 pruned;

      last = g_new (gint64, 1);
      if (!scope_seqs (self, scope_id, last, &pruned, error))
        {
          g_free (last);
          return -1;
        }
      g_hash_table_insert (push->seqs, g_strdup (scope_id), last);
    }
  return ++*last;
}

static gboolean
flush_fresh (RapportServerStore *self,
             Push *push,
             gint64 now,
             GError **error)
{
  sqlite3_stmt *stmt;

  if (g_hash_table_size (push->pending) == 0)
    return TRUE;
  /* json_each first, so that the body is parsed once. */
  stmt = statement (self,
                    "INSERT INTO records (uuid, scope, entity, deleted, stamp, fields, seq, changed)"
                    " SELECT f.uuid, f.scope, f.entity, 0, NULL, json_extract (o.value, '$.fields'), f.seq, ?2"
                    " FROM json_each (?1, '$.ops') o CROSS JOIN temp.push_fresh f ON f.idx = o.key",
                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, push->body, push->body_len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!run (self, stmt, error) || !exec (self, "DELETE FROM temp.push_fresh", error))
    return FALSE;
  g_hash_table_remove_all (push->pending);
  return TRUE;
}

static gboolean
queue_fresh (RapportServerStore *self,
             Push *push,
             guint index,
             const char *uuid,
             const char *scope_id,
             const char *entity,
             GError **error)
{
  gint64 seq = next_seq (self, push, scope_id, error);
  sqlite3_stmt *stmt;

  if (seq < 0)
    return FALSE;
  stmt = statement (self, "INSERT INTO temp.push_fresh (idx, uuid, scope, entity, seq) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, seq);
  if (!run (self, stmt, error))
    return FALSE;
  g_hash_table_add (push->pending, g_strconcat (scope_id, " ", uuid, NULL));
  return TRUE;
}

static gboolean
write_record (RapportServerStore *self,
              Push *push,
              const char *uuid,
              const char *scope_id,
              const char *entity,
              gboolean deleted,
              const char *stamp,
              JsonObject *fields,
              gint64 now,
              GError **error)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), fields);
  g_autofree char *text = json_to_string (node, FALSE);
  gint64 seq = next_seq (self, push, scope_id, error);
  sqlite3_stmt *stmt;

  if (seq < 0)
    return FALSE;
  stmt = statement (self,
                    "INSERT INTO records (uuid, scope, entity, deleted, stamp, fields, seq, changed)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                    " ON CONFLICT (scope, uuid) DO UPDATE SET deleted = ?4, stamp = ?5, fields = ?6,"
                    " seq = ?7, changed = ?8",
                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, deleted);
  sqlite3_bind_text (stmt, 5, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, seq);
  sqlite3_bind_int64 (stmt, 8, now);
  return run (self, stmt, error);
}

/* An op's result, as JSON text; the messages are plain ASCII. */
#define RESULT(status) "{\"status\":\"" status "\"}"
#define REJECTED(code, message) "{\"status\":\"rejected\",\"error\":\"" code "\",\"message\":\"" message "\"}"

static gboolean
stamp_in_future (const char *stamp,
                 gint64 now)
{
  gint64 ms = 0;

  rapport_hlc_parse (stamp, &ms, NULL, NULL);
  return ms > now + FUTURE_SKEW_MS;
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  g_autofree char *ta = json_to_string (a, FALSE);
  g_autofree char *tb = json_to_string (b, FALSE);

  return g_strcmp0 (ta, tb) == 0;
}

/* The huddle record that carries the huddle's own uuid names the scope
 * in /v1/me, so a rename on one device shows on the others. */
static gboolean
follow_huddle_name (RapportServerStore *self,
                    const char *scope_id,
                    const char *uuid,
                    JsonObject *fields,
                    GError **error)
{
  JsonArray *name;
  sqlite3_stmt *stmt;

  if (!g_str_has_prefix (scope_id, "huddle:") || strcmp (scope_id + 7, uuid) != 0)
    return TRUE;
  if (!json_object_has_member (fields, "name"))
    return TRUE;
  name = json_object_get_array_member (fields, "name");
  if (json_node_get_value_type (json_array_get_element (name, 0)) != G_TYPE_STRING)
    return TRUE;
  stmt = statement (self, "UPDATE scopes SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json_array_get_string_element (name, 0), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scope_id, -1, SQLITE_TRANSIENT);
  return run (self, stmt, error);
}

/* Applies one op that has been checked for shape and access; answers its
 * result, or NULL when the database failed. */
static const char *
apply_op (RapportServerStore *self,
          Push *push,
          guint index,
          JsonObject *op,
          const char *scope_id,
          gint64 now,
          GError **error)
{
  const RapportSyncEntity *entity = rapport_sync_entity_lookup (json_object_get_string_member (op, "entity"));
  g_autofree char *uuid = g_ascii_strdown (json_object_get_string_member (op, "uuid"), -1);
  gboolean is_delete = g_strcmp0 (json_object_get_string_member (op, "op"), "delete") == 0;
  JsonObject *put_fields = is_delete ? NULL : json_object_get_object_member (op, "fields");
  g_autoptr (JsonObject) stored = NULL;
  g_autofree char *row_scope = NULL;
  g_autofree char *row_entity = NULL;
  gboolean exists, row_deleted = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (is_delete)
    {
      if (stamp_in_future (json_object_get_string_member (op, "stamp"), now))
        return REJECTED ("stamp-in-future",
                         "The stamp is more than 5 minutes ahead of the server's clock.");
    }
  else
    {
      g_autoptr (GList) names = json_object_get_members (put_fields);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonArray *pair = json_object_get_array_member (put_fields, l->data);

          if (stamp_in_future (json_array_get_string_element (pair, 1), now))
            return REJECTED ("stamp-in-future",
                             "A stamp is more than 5 minutes ahead of the server's clock.");
        }
    }

  {
    g_autofree char *key = g_strconcat (scope_id, " ", uuid, NULL);

    /* The same record earlier in the batch: it must be in the table. */
    if (g_hash_table_contains (push->pending, key) && !flush_fresh (self, push, now, error))
      return NULL;
  }
  stmt = statement (self, "SELECT scope, entity, deleted, fields FROM records WHERE scope = ? AND uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  exists = rc == SQLITE_ROW;
  if (exists)
    {
      g_autoptr (JsonNode) node = json_from_string (column_text (stmt, 3), NULL);

      row_scope = g_strdup (column_text (stmt, 0));
      row_entity = g_strdup (column_text (stmt, 1));
      row_deleted = sqlite3_column_int (stmt, 2) != 0;
      stored = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_dup_object (node) : json_object_new ();
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fail (self, error);
      return NULL;
    }

  if (exists && strcmp (row_entity, entity->name) != 0)
    return REJECTED ("wrong-entity",
                     "This uuid already names another kind of record in this scope.");

  if (entity->append_only)
    {
      g_autoptr (GList) names = NULL;

      if (is_delete)
        return REJECTED ("append-only",
                         "A referral step is never deleted.");
      if (!exists)
        {
          if (!queue_fresh (self, push, index, uuid, scope_id, entity->name, error))
            return NULL;
          return RESULT ("applied");
        }
      names = json_object_get_members (put_fields);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonArray *mine = json_object_get_array_member (put_fields, l->data);
          JsonArray *theirs = json_object_has_member (stored, l->data)
                                  ? json_object_get_array_member (stored, l->data)
                                  : NULL;

          if (theirs == NULL || g_strcmp0 (json_array_get_string_element (mine, 1), json_array_get_string_element (theirs, 1)) != 0 || !same_value (json_array_get_element (mine, 0), json_array_get_element (theirs, 0)))
            return REJECTED ("append-only",
                             "A referral step is written once and never changed.");
        }
      return RESULT ("ignored");
    }

  if (exists && row_deleted)
    return RESULT ("ignored");

  if (is_delete)
    {
      g_autoptr (JsonObject) none = json_object_new ();

      if (!write_record (self, push, uuid, scope_id, entity->name, TRUE,
                         json_object_get_string_member (op, "stamp"), none, now, error))
        return NULL;
      return RESULT ("applied");
    }

  if (!exists)
    {
      if (!queue_fresh (self, push, index, uuid, scope_id, entity->name, error) ||
          !follow_huddle_name (self, scope_id, uuid, put_fields, error))
        return NULL;
      return RESULT ("applied");
    }
  else
    {
      g_autoptr (GList) names = json_object_get_members (put_fields);
      g_autoptr (JsonObject) won = json_object_new ();
      gboolean changed = FALSE;

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonArray *mine = json_object_get_array_member (put_fields, l->data);
          JsonArray *theirs = json_object_has_member (stored, l->data)
                                  ? json_object_get_array_member (stored, l->data)
                                  : NULL;

          /* Stamps are fixed-width lower-case hex, so strcmp orders them
           * as the clock does; equal stamps are the same edit. */
          if (theirs == NULL || strcmp (json_array_get_string_element (mine, 1),
                                        json_array_get_string_element (theirs, 1)) > 0)
            {
              json_object_set_array_member (stored, l->data, json_array_ref (mine));
              json_object_set_array_member (won, l->data, json_array_ref (mine));
              changed = TRUE;
            }
        }
      if (!changed)
        return RESULT ("ignored");
      if (!write_record (self, push, uuid, scope_id, entity->name, FALSE, NULL, stored, now, error) ||
          !follow_huddle_name (self, scope_id, uuid, won, error))
        return NULL;
      return RESULT ("applied");
    }
}

/* Applies a checked batch and keeps its answer, all in one transaction:
 * either the effects and the answer are both kept, or neither is, which
 * is what lets a retried batch be answered without applying it twice.
 * @body is the request the ops were parsed from. */
char *
rapport_server_store_push (RapportServerStore *self,
                           const char *device,
                           gint64 seq,
                           JsonArray *ops,
                           const char *body,
                           gsize body_len,
                           const char *const *scope_ids,
                           const char *const *scope_names,
                           gint64 now,
                           GError **error)
{
  g_autoptr (JsonObject) ranges = json_object_new ();
  g_autoptr (JsonNode) ranges_node = NULL;
  g_autoptr (GString) answer = g_string_new (NULL);
  g_autofree char *ranges_text = NULL;
  Push push = { body, body_len };
  GHashTableIter iter;
  gpointer scope_id, last;
  sqlite3_stmt *stmt;

  push.seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  push.pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_string_append_printf (answer, "{\"seq\":%" G_GINT64_FORMAT ",\"results\":[", seq);

  if (!rapport_server_store_begin (self, error) ||
      !exec (self,
             "CREATE TEMP TABLE IF NOT EXISTS push_fresh ("
             "  idx INTEGER PRIMARY KEY, uuid TEXT, scope TEXT, entity TEXT, seq INTEGER);"
             " DELETE FROM temp.push_fresh;",
             error))
    goto failed;
  /* Each scope's last change before the batch, so that the device can
   * skip pulling back its own changes (docs/sync-protocol.md, Push). */
  for (guint i = 0; scope_ids[i] != NULL; i++)
    if (!json_object_has_member (ranges, scope_names[i]))
      {
        gint64 before, pruned;
        JsonArray *range = json_array_sized_new (2);

        if (!scope_seqs (self, scope_ids[i], &before, &pruned, error))
          {
            json_array_unref (range);
            goto failed;
          }
        json_array_add_int_element (range, before);
        json_object_set_array_member (ranges, scope_names[i], range);
      }
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      const char *result = apply_op (self, &push, i, json_array_get_object_element (ops, i), scope_ids[i], now, error);

      if (result == NULL)
        goto failed;
      if (i > 0)
        g_string_append_c (answer, ',');
      g_string_append (answer, result);
    }
  if (!flush_fresh (self, &push, now, error))
    goto failed;
  stmt = statement (self, "UPDATE scopes SET last_seq = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  g_hash_table_iter_init (&iter, push.seqs);
  while (g_hash_table_iter_next (&iter, &scope_id, &last))
    {
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) last);
      sqlite3_bind_text (stmt, 2, scope_id, -1, SQLITE_TRANSIENT);
      if (!run (self, stmt, error))
        goto failed;
    }
  for (guint i = 0; scope_ids[i] != NULL; i++)
    {
      JsonArray *range = json_object_get_array_member (ranges, scope_names[i]);
      gint64 after, pruned;

      if (json_array_get_length (range) == 2)
        continue;
      if (!scope_seqs (self, scope_ids[i], &after, &pruned, error))
        goto failed;
      json_array_add_int_element (range, after);
    }

  ranges_node = json_node_init_object (json_node_alloc (), ranges);
  ranges_text = json_to_string (ranges_node, FALSE);
  g_string_append_printf (answer, "],\"scopes\":%s}", ranges_text);
  stmt = statement (self, "INSERT INTO batches (device, seq, answer, created) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_text (stmt, 3, answer->str, answer->len, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!run (self, stmt, error) || !rapport_server_store_commit (self, error))
    goto failed;
  g_hash_table_unref (push.seqs);
  g_hash_table_unref (push.pending);
  return g_string_free (g_steal_pointer (&answer), FALSE);

failed:
  rapport_server_store_rollback (self);
  g_hash_table_unref (push.seqs);
  g_hash_table_unref (push.pending);
  return NULL;
}

/* A record as a page lists it, written by SQLite: json-glib objects for
 * every record of a page cost more than the query. Damaged fields read
 * as none. */
#define RECORD_JSON                                                                                                      \
  "CASE deleted WHEN 0 THEN json_object ('seq', seq, 'entity', entity, 'uuid', uuid, 'deleted', json ('false'),"         \
  "  'fields', CASE WHEN json_valid (fields) AND json_type (fields) = 'object' THEN json (fields) ELSE json ('{}') END)" \
  " ELSE json_object ('seq', seq, 'entity', entity, 'uuid', uuid, 'deleted', json ('true'), 'stamp', stamp) END"

static gboolean
scope_seqs (RapportServerStore *self,
            const char *scope_id,
            gint64 *last_seq,
            gint64 *pruned_seq,
            GError **error)
{
  sqlite3_stmt *stmt = statement (self, "SELECT last_seq, pruned_seq FROM scopes WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *last_seq = sqlite3_column_int64 (stmt, 0);
      *pruned_seq = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return fail (self, error);
  not_found_huddle (error);
  return FALSE;
}

/* The number of the scope's latest change, or -1 when it is gone. */
gint64
rapport_server_store_last_seq (RapportServerStore *self,
                               const char *scope_id)
{
  gint64 last, pruned;

  if (!scope_seqs (self, scope_id, &last, &pruned, NULL))
    return -1;
  return last;
}

/* Returns a page of changes as a JSON object's text. */
char *
rapport_server_store_changes (RapportServerStore *self,
                              const char *scope_id,
                              gint64 after,
                              guint limit,
                              GError **error)
{
  g_autoptr (GString) changes = NULL;
  gint64 last_seq, pruned_seq, cursor = after;
  sqlite3_stmt *stmt;
  gboolean more = FALSE;
  guint n = 0;
  int rc;

  if (!scope_seqs (self, scope_id, &last_seq, &pruned_seq, error))
    return NULL;
  /* A cursor beyond the newest change comes from before the server lost
   * its data; starting over from the snapshot is the only safe answer. */
  if (after < pruned_seq || after > last_seq)
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_CURSOR_EXPIRED,
                   "The server no longer has the changes after this cursor: resync from the snapshot.");
      return NULL;
    }

  stmt = statement (self,
                    "SELECT seq, " RECORD_JSON " FROM records"
                    " WHERE scope = ? AND seq > ? ORDER BY seq LIMIT ?",
                    error);
  if (stmt == NULL)
    return NULL;
  changes = g_string_new ("[");
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n == limit)
        {
          more = TRUE;
          break;
        }
      cursor = sqlite3_column_int64 (stmt, 0);
      if (n++ > 0)
        g_string_append_c (changes, ',');
      g_string_append (changes, column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fail (self, error);
      return NULL;
    }
  if (!more)
    cursor = last_seq;
  return g_strdup_printf ("{\"cursor\":%" G_GINT64_FORMAT ",\"more\":%s,\"changes\":%s]}",
                          cursor, more ? "true" : "false", changes->str);
}

/* Returns a page of the snapshot as a JSON object's text. */
char *
rapport_server_store_snapshot (RapportServerStore *self,
                               const char *scope_id,
                               const char *after,
                               guint limit,
                               GError **error)
{
  g_autoptr (GString) records = NULL;
  g_autofree char *last = NULL;
  gboolean more = FALSE;
  gint64 last_seq, pruned_seq;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  if (!scope_seqs (self, scope_id, &last_seq, &pruned_seq, error))
    return NULL;
  stmt = statement (self,
                    "SELECT uuid, " RECORD_JSON " FROM records"
                    " WHERE scope = ? AND uuid > ? ORDER BY uuid LIMIT ?",
                    error);
  if (stmt == NULL)
    return NULL;
  records = g_string_new ("[");
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, after ? after : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n == limit)
        {
          more = TRUE;
          break;
        }
      g_free (last);
      last = g_strdup (column_text (stmt, 0));
      if (n++ > 0)
        g_string_append_c (records, ',');
      g_string_append (records, column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fail (self, error);
      return NULL;
    }
  /* Uuids are checked on the way in, so they need no escaping. */
  return g_strdup_printf ("{\"cursor\":%" G_GINT64_FORMAT ",\"more\":%s,\"next\":%s%s%s,\"records\":%s]}",
                          last_seq, more ? "true" : "false",
                          more ? "\"" : "", more ? last : "null", more ? "\"" : "", records->str);
}

/* Forgets tombstones older than the history window. Each scope's
 * pruned_seq rises to the newest change forgotten, so that a cursor from
 * before it cannot silently miss a delete. Batch answers go too, except
 * each device's latest, which is the only one a client may still retry. */
gboolean
rapport_server_store_prune (RapportServerStore *self,
                            gint64 now,
                            gint64 history_ms,
                            GError **error)
{
  gint64 cutoff = now - history_ms;
  sqlite3_stmt *stmt;

  if (!rapport_server_store_begin (self, error))
    return FALSE;
  stmt = statement (self,
                    "UPDATE scopes SET pruned_seq = MAX (pruned_seq,"
                    " (SELECT MAX (seq) FROM records r WHERE r.scope = scopes.id"
                    "  AND r.deleted AND r.changed <= ?1))"
                    " WHERE EXISTS (SELECT 1 FROM records r WHERE r.scope = scopes.id"
                    "  AND r.deleted AND r.changed <= ?1)",
                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, cutoff);
  if (!run (self, stmt, error))
    goto failed;

  stmt = statement (self, "DELETE FROM records WHERE deleted AND changed <= ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, cutoff);
  if (!run (self, stmt, error))
    goto failed;

  stmt = statement (self,
                    "DELETE FROM batches WHERE created <= ?"
                    " AND seq < (SELECT MAX (seq) FROM batches b WHERE b.device = batches.device)",
                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, cutoff);
  if (!run (self, stmt, error))
    goto failed;

  return rapport_server_store_commit (self, error);

failed:
  rapport_server_store_rollback (self);
  return FALSE;
}
