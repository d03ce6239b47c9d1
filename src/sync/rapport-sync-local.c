/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-local.c: the local half of sync (docs/sync-protocol.md).
 *
 * Every edit already lands in the outbox with the record's whole state.
 * Folding compares each of those states with sync_records, what this file
 * last agreed with the server, field by field: only fields whose value
 * changed go out, stamped with the edit that changed them, grouped into
 * numbered batches that wait in sync_batches until the server answers.
 *
 * Applying a pulled page merges each record into sync_records by the same
 * rule the server uses (the greater stamp wins, per field; tombstones win)
 * and writes the fields that won into the store's tables with plain SQL,
 * so that nothing applied from the server comes back through the outbox as
 * an edit. References travel as uuids; a record whose references are not
 * here yet waits in sync_parked and is tried again after every page.
 *
 * A huddle sees people, not contacts: a contact that becomes a member or a
 * party to a huddle's referral is shared with the huddle as a "person"
 * (its public fields only), and so is the user, under the person uuid of
 * their account, which is also the uuid of their profile.
 */
#define G_LOG_DOMAIN "rapport-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-hlc.h"
#include "rapport-store-private.h"
#include "rapport-sync-entities.h"
#include "rapport-sync-local.h"
#include "rapport-text.h"

#define MAX_OPS_PER_BATCH 1000
/* Outbox rows folded between two flushes of the records in memory. */
#define FOLD_CHUNK 4000

/* How a field maps to a column; @ref names the table a uuid points into. */
typedef struct
{
  const char *field;
  const char *column;
  const char *ref;
} Column;

typedef struct
{
  const char *entity;
  const char *table;
  const char *what; /* the store's change detail */
  const Column *columns;
  gboolean append_only;
} Table;

static const Column contact_columns[] = {
  { "display_name", "display_name" }, { "given_name", "given_name" }, { "family_name", "family_name" }, { "company", "company" }, { "job_title", "job_title" }, { "industry", "industry" }, { "industry_since", "industry_since" }, { "emails", "emails" }, { "phones", "phones" }, { "website", "website" }, { "linkedin", "linkedin" }, { "city", "city" }, { "tags", "tags" }, { "relationship", "relationship" }, { "help_them", "help_them" }, { "help_me", "help_me" }, { "notes", "notes" }, { "met_on", "met_on" }, { "met_at", "met_at", "events" }, { "introduced_by", "introduced_by", "contacts" }, { "starred", "starred" }, { "archived", "archived" }, { "cadence_days", "cadence_days" }, { "created_at", "created_at" }, { "created", "created" }, { NULL }
};
static const Column interaction_columns[] = {
  { "contact", "contact_id", "contacts" }, { "kind", "kind" }, { "happened_at", "happened_at" }, { "note", "note" }, { "event", "event_id", "events" }, { "created", "created" }, { NULL }
};
static const Column followup_columns[] = {
  { "contact", "contact_id", "contacts" }, { "due", "due" }, { "done_at", "done_at" }, { "note", "note" }, { "created", "created" }, { NULL }
};
static const Column group_columns[] = {
  { "name", "name" }, { "kind", "kind" }, { "audience", "audience" }, { "dues_cents", "dues_cents" }, { "website", "website" }, { "notes", "notes" }, { "verdict", "verdict" }, { "verdict_reason", "verdict_reason" }, { "archived", "archived" }, { "created", "created" }, { NULL }
};
static const Column event_columns[] = {
  { "title", "title" }, { "group", "group_id", "groups" }, { "kind", "kind" }, { "starts_at", "starts_at" }, { "duration_min", "duration_min" }, { "travel_min", "travel_min" }, { "location", "location" }, { "cost_cents", "cost_cents" }, { "room_size", "room_size" }, { "notes", "notes" }, { "score_people", "score_people" }, { "score_new", "score_new" }, { "score_help", "score_help" }, { "score_time", "score_time" }, { "go_again", "go_again" }, { "created", "created" }, { NULL }
};
static const Column event_person_columns[] = {
  { "event", "event_id", "events" }, { "contact", "contact_id", "contacts" }, { "meaningful", "meaningful" }, { "note", "note" }, { "created", "created" }, { NULL }
};
static const Column profile_columns[] = {
  { "name", "name" }, { "services", "services" }, { "audience", "audience" }, { "goal_min", "goal_min" }, { "goal_max", "goal_max" }, { "hours_per_month", "hours_per_month" }, { "created", "created" }, { NULL }
};
static const Column service_columns[] = {
  { "audience", "audience" }, { "service", "service" }, { "created", "created" }, { NULL }
};
static const Column huddle_columns[] = {
  { "name", "name" }, { "industry", "industry" }, { "audience", "audience" }, { "place", "place" }, { "rrule", "rrule" }, { "first_meeting", "first_meeting" }, { "duration_min", "duration_min" }, { "archived", "archived" }, { "created", "created" }, { NULL }
};
static const Column huddle_member_columns[] = {
  { "huddle", "huddle_id", "huddles" }, { "contact", "contact_id", "contacts" }, { "service", "service" }, { "offering", "offering" }, { "joined_on", "joined_on" }, { "left_on", "left_on" }, { "created", "created" }, { NULL }
};
static const Column meeting_columns[] = {
  { "huddle", "huddle_id", "huddles" }, { "starts_at", "starts_at" }, { "duration_min", "duration_min" }, { "notes", "notes" }, { "created", "created" }, { NULL }
};
static const Column attendance_columns[] = {
  { "meeting", "meeting_id", "meetings" }, { "member", "member_id", "huddle_members" }, { "status", "status" }, { "asks", "asks" }, { "offers", "offers" }, { "created", "created" }, { NULL }
};
static const Column referral_columns[] = {
  { "from", "from_contact", "contacts" }, { "to", "to_contact", "contacts" }, { "prospect", "prospect", "contacts" }, { "huddle", "huddle_id", "huddles" }, { "given_on", "given_on" }, { "note", "note" }, { "created", "created" }, { NULL }
};
static const Column referral_step_columns[] = {
  { "referral", "referral_id", "referrals" }, { "status", "status" }, { "value_cents", "value_cents" }, { "happened_on", "happened_on" }, { "note", "note" }, { "created", "created" }, { NULL }
};

static const Table tables[] = {
  { "contact", "contacts", "contacts", contact_columns },
  { "interaction", "interactions", "interactions", interaction_columns },
  { "followup", "followups", "followups", followup_columns },
  { "group", "groups", "groups", group_columns },
  { "event", "events", "events", event_columns },
  { "event_person", "event_people", "events", event_person_columns },
  { "profile", "profile", "profile", profile_columns },
  { "service", "service_catalogue", "huddles", service_columns },
  { "huddle", "huddles", "huddles", huddle_columns },
  { "huddle_member", "huddle_members", "huddles", huddle_member_columns },
  { "meeting", "meetings", "huddles", meeting_columns },
  { "attendance", "attendance", "huddles", attendance_columns },
  { "referral", "referrals", "referrals", referral_columns },
  { "referral_step", "referral_steps", "referrals", referral_step_columns, TRUE },
};

static const Table *
table_for (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strcmp (tables[i].entity, entity) == 0)
      return &tables[i];
  return NULL;
}

/* Fields that refer to a person rather than a contact: the user appears
 * in them as NULL locally and as their person uuid in a huddle. */
static gboolean
is_person_ref (const char *entity,
               const char *field)
{
  if (strcmp (entity, "huddle_member") == 0)
    return strcmp (field, "contact") == 0;
  if (strcmp (entity, "referral") == 0)
    return strcmp (field, "from") == 0 || strcmp (field, "to") == 0;
  return FALSE;
}

/* ---- reading what a server sent ----
 *
 * json-glib's getters return NULL for a member of another type, or warn:
 * a server that sends a number where a string belongs must not crash the
 * app, so answers are read through these. */

const char *
rapport_sync_json_string (JsonObject *object,
                          const char *member,
                          const char *fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

JsonArray *
rapport_sync_json_array (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
rapport_sync_json_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The @index-th element of @array when it is an object, else NULL. */
JsonObject *
rapport_sync_json_element (JsonArray *array,
                           guint index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* ---- changes for the views ---- */

RapportSyncChanges *
rapport_sync_changes_new (void)
{
  RapportSyncChanges *changes = g_new0 (RapportSyncChanges, 1);

  changes->what = g_hash_table_new (g_str_hash, g_str_equal);
  changes->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return changes;
}

void
rapport_sync_changes_free (RapportSyncChanges *changes)
{
  if (changes == NULL)
    return;
  g_hash_table_unref (changes->what);
  g_array_unref (changes->contact_ids);
  g_free (changes);
}

/**
 * rapport_sync_changes_emit:
 * @changes: what a sync changed
 * @store: the store it changed
 *
 * Refreshes the contacts in memory and tells every view that shows what
 * changed, as a local edit would.
 */
void
rapport_sync_changes_emit (RapportSyncChanges *changes,
                           RapportStore *store)
{
  GHashTableIter iter;
  gpointer what;

  for (guint i = 0; i < changes->contact_ids->len; i++)
    rapport_store_refresh_contact (store, g_array_index (changes->contact_ids, gint64, i));
  g_hash_table_iter_init (&iter, changes->what);
  while (g_hash_table_iter_next (&iter, &what, NULL))
    rapport_store_emit_changed (store, what, 0);
  g_hash_table_remove_all (changes->what);
  g_array_set_size (changes->contact_ids, 0);
}

/* ---- sync_state ---- */

static gboolean set_state (RapportStore *store, const char *key, const char *value, GError **error);
static gboolean set_state_int (RapportStore *store, const char *key, gint64 value, GError **error);
static gboolean set_cursor (RapportStore *store, const char *scope, gint64 cursor, GError **error);

char *
rapport_sync_local_get (RapportStore *store,
                        const char *key)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT value FROM sync_state WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gint64
rapport_sync_local_get_int (RapportStore *store,
                            const char *key,
                            gint64 fallback)
{
  g_autofree char *value = rapport_sync_local_get (store, key);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

gboolean
rapport_sync_local_set (RapportStore *store,
                        const char *key,
                        const char *value,
                        GError **error)
{
  return set_state (store, key, value, error);
}

gboolean
rapport_sync_local_set_int (RapportStore *store,
                            const char *key,
                            gint64 value,
                            GError **error)
{
  return set_state_int (store, key, value, error);
}

static gboolean
set_state (RapportStore *store,
           const char *key,
           const char *value,
           GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return rapport_store_step_done (store, stmt, error);
}

static gboolean
set_state_int (RapportStore *store,
               const char *key,
               gint64 value,
               GError **error)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  return set_state (store, key, text, error);
}

static gboolean
exec_bound (RapportStore *store,
            const char *sql,
            const char *text,
            GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  return rapport_store_step_done (store, stmt, error);
}

/**
 * rapport_sync_local_sign_in:
 * @store: a store
 * @server: the server's address
 * @user: the account's name
 * @device: the device id the server gave this sign-in
 * @person: the account's person uuid
 * @error: return location for a #GError
 *
 * Records a new sign-in. A different account than before starts over:
 * what this file knew of the old account's server is forgotten and every
 * record will be pushed again. The same account on a new device keeps
 * what it knew, and its waiting batches are numbered again for the new
 * device. The profile takes the person uuid, so that the user's devices
 * share one profile.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_sign_in (RapportStore *store,
                            const char *server,
                            const char *user,
                            const char *device,
                            const char *person,
                            GError **error)
{
  g_autofree char *old_server = rapport_sync_local_get (store, "server");
  g_autofree char *old_user = rapport_sync_local_get (store, "user");
  gboolean same = g_strcmp0 (old_server, server) == 0 && g_strcmp0 (old_user, user) == 0;

  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!same &&
      (!rapport_store_exec (store,
                            "DELETE FROM sync_records; DELETE FROM sync_shared; DELETE FROM sync_scopes;"
                            " DELETE FROM sync_batches; DELETE FROM sync_parked;"
                            " DELETE FROM sync_state WHERE key NOT IN ('clock-offset');",
                            error)))
    goto fail;
  /* Waiting batches go out under the new device's numbers, from 1. */
  if (!rapport_store_exec (store,
                           "UPDATE sync_batches SET seq = -seq;"
                           " UPDATE sync_batches SET seq = (SELECT count(*) FROM sync_batches b WHERE b.seq >= sync_batches.seq);",
                           error) ||
      !set_state_int (store, "acked", 0, error) ||
      !exec_bound (store, "UPDATE profile SET uuid = ?", person, error) ||
      !set_state (store, "server", server, error) ||
      !set_state (store, "user", user, error) ||
      !set_state (store, "device", device, error) ||
      !set_state (store, "person", person, error))
    goto fail;
  if (!same && !set_state_int (store, "folded", 0, error))
    goto fail;
  return rapport_store_commit (store, error);

fail:
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_sync_local_sign_out:
 * @store: a store
 * @error: return location for a #GError
 *
 * Forgets the device. What the server knew and the edits not yet sent are
 * kept, so that signing in again to the same account sends them.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_sign_out (RapportStore *store,
                             GError **error)
{
  return rapport_store_exec (store, "DELETE FROM sync_state WHERE key = 'device'", error);
}

/* ---- records as last agreed ---- */

typedef struct
{
  char *uuid;
  char *entity;
  char *scope;
  JsonObject *fields;
  char *deleted;
  gboolean known;
  gboolean stored; /* a row exists in sync_records */
  gboolean dirty;
} Doc;

static void
doc_free (Doc *doc)
{
  g_free (doc->uuid);
  g_free (doc->entity);
  g_free (doc->scope);
  json_object_unref (doc->fields);
  g_free (doc->deleted);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Returns the record as this file last agreed on it, or a new one. */
static Doc *
doc_load (RapportStore *store,
          const char *uuid,
          const char *entity)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store,
                                              "SELECT entity, scope, fields, deleted, known FROM sync_records WHERE uuid = ?",
                                              NULL);
  Doc *doc = g_new0 (Doc, 1);

  doc->uuid = g_strdup (uuid);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          doc->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          doc->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          doc->fields = parse_object ((const char *) sqlite3_column_text (stmt, 2));
          doc->deleted = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          doc->known = sqlite3_column_int (stmt, 4);
          doc->stored = TRUE;
        }
      sqlite3_reset (stmt);
    }
  if (!doc->stored)
    {
      doc->entity = g_strdup (entity);
      doc->fields = json_object_new ();
    }
  return doc;
}

static gboolean
doc_save (RapportStore *store,
          Doc *doc,
          GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *fields = NULL;

  if (!doc->dirty)
    return TRUE;
  stmt = rapport_store_prepare (store,
                                "INSERT OR REPLACE INTO sync_records (uuid, entity, scope, fields, deleted, known)"
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  fields = object_to_string (doc->fields);
  sqlite3_bind_text (stmt, 1, doc->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, doc->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, doc->deleted, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, doc->known);
  if (!rapport_store_step_done (store, stmt, error))
    return FALSE;
  doc->stored = TRUE;
  doc->dirty = FALSE;
  return TRUE;
}

static const char *
field_stamp (JsonObject *fields,
             const char *field)
{
  JsonArray *pair;

  if (!json_object_has_member (fields, field))
    return NULL;
  pair = json_object_get_array_member (fields, field);
  if (pair == NULL || json_array_get_length (pair) != 2)
    return NULL;
  return json_array_get_string_element (pair, 1);
}

static JsonNode *
field_value (JsonObject *fields,
             const char *field)
{
  JsonArray *pair;

  if (!json_object_has_member (fields, field))
    return NULL;
  pair = json_object_get_array_member (fields, field);
  if (pair == NULL || json_array_get_length (pair) != 2)
    return NULL;
  return json_array_get_element (pair, 0);
}

static JsonArray *
make_pair (JsonNode *value,
           const char *stamp)
{
  JsonArray *pair = json_array_sized_new (2);

  json_array_add_element (pair, json_node_copy (value));
  json_array_add_string_element (pair, stamp);
  return pair;
}

/* ---- folding the outbox into batches ---- */

typedef struct
{
  char *scope;
  char *entity;
  char *uuid;
  JsonObject *fields; /* NULL for a delete */
  char *stamp;        /* of a delete */
  char *text;         /* the op as JSON, when SQLite wrote it */
  gint64 order;       /* the outbox row that made it */
} Op;

static void
op_free (Op *op)
{
  g_free (op->scope);
  g_free (op->entity);
  g_free (op->uuid);
  g_clear_pointer (&op->fields, json_object_unref);
  g_free (op->stamp);
  g_free (op->text);
  g_free (op);
}

typedef struct
{
  RapportStore *store;
  char *me;
  GHashTable *docs;  /* uuid → Doc */
  GPtrArray *ops;    /* Op, in order */
  GHashTable *index; /* "scope uuid entity" → Op */
  gint64 row;        /* the outbox row being folded */
} Fold;

static Doc *
fold_doc (Fold *fold,
          const char *uuid,
          const char *entity)
{
  Doc *doc = g_hash_table_lookup (fold->docs, uuid);

  if (doc == NULL)
    {
      doc = doc_load (fold->store, uuid, entity);
      g_hash_table_insert (fold->docs, doc->uuid, doc);
    }
  return doc;
}

static void
fold_put (Fold *fold,
          const char *scope,
          const char *entity,
          const char *uuid,
          const char *field,
          JsonArray *pair)
{
  g_autofree char *key = g_strdup_printf ("%s %s %s", scope, uuid, entity);
  Op *op = g_hash_table_lookup (fold->index, key);

  if (op == NULL || op->fields == NULL)
    {
      op = g_new0 (Op, 1);
      op->scope = g_strdup (scope);
      op->entity = g_strdup (entity);
      op->uuid = g_strdup (uuid);
      op->fields = json_object_new ();
      op->order = fold->row;
      g_ptr_array_add (fold->ops, op);
      g_hash_table_replace (fold->index, g_steal_pointer (&key), op);
    }
  json_object_set_array_member (op->fields, field, json_array_ref (pair));
}

static void
fold_delete (Fold *fold,
             const char *scope,
             const char *entity,
             const char *uuid,
             const char *stamp)
{
  Op *op = g_new0 (Op, 1);

  op->scope = g_strdup (scope);
  op->entity = g_strdup (entity);
  op->uuid = g_strdup (uuid);
  op->stamp = g_strdup (stamp);
  op->order = fold->row;
  g_ptr_array_add (fold->ops, op);
  g_hash_table_replace (fold->index, g_strdup_printf ("%s %s %s", scope, uuid, entity), op);
}

static char *
query_text (RapportStore *store,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/* Where a record first goes: huddle records to their huddle's scope,
 * everything else to the private one. NULL when it cannot tell yet. */
static char *
scope_for (RapportStore *store,
           const char *entity,
           const char *uuid,
           JsonObject *payload)
{
  const char *huddle = NULL;

  if (strcmp (entity, "huddle") == 0)
    return g_strconcat ("huddle:", uuid, NULL);
  if (strcmp (entity, "huddle_member") == 0 || strcmp (entity, "meeting") == 0 ||
      strcmp (entity, "referral") == 0)
    {
      if (json_object_has_member (payload, "huddle"))
        huddle = json_object_get_string_member (payload, "huddle");
      if (huddle != NULL)
        return g_strconcat ("huddle:", huddle, NULL);
      return strcmp (entity, "referral") == 0 ? g_strdup ("private") : NULL;
    }
  if (strcmp (entity, "attendance") == 0)
    return query_text (store,
                       "SELECT 'huddle:' || h.uuid FROM meetings g JOIN huddles h ON h.id = g.huddle_id"
                       " WHERE g.uuid = ?",
                       rapport_sync_json_string (payload, "meeting", ""));
  if (strcmp (entity, "referral_step") == 0)
    return query_text (store,
                       "SELECT coalesce ('huddle:' || h.uuid, 'private') FROM referrals r"
                       " LEFT JOIN huddles h ON h.id = r.huddle_id WHERE r.uuid = ?",
                       rapport_sync_json_string (payload, "referral", ""));
  return g_strdup ("private");
}

static gboolean
is_shared (RapportStore *store,
           const char *uuid,
           const char *scope)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT 1 FROM sync_shared WHERE uuid = ? AND scope = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static char **
shared_scopes (RapportStore *store,
               const char *uuid)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT scope FROM sync_shared WHERE uuid = ?", NULL);
  GPtrArray *scopes = g_ptr_array_new ();

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (scopes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  g_ptr_array_add (scopes, NULL);
  return (char **) g_ptr_array_free (scopes, FALSE);
}

/* The user's own card in a huddle: their profile's name, or their
 * account's until they give one. */
static void
put_me (Fold *fold,
        const char *scope)
{
  Doc *profile = fold_doc (fold, fold->me, "profile");
  JsonNode *name = field_value (profile->fields, "name");
  const char *stamp = field_stamp (profile->fields, "name");
  g_autoptr (JsonArray) pair = NULL;

  if (name != NULL && stamp != NULL && JSON_NODE_HOLDS_VALUE (name) && *json_node_get_string (name) != '\0')
    {
      pair = make_pair (name, stamp);
    }
  else
    {
      g_autofree char *user = rapport_sync_local_get (fold->store, "user");
      g_autofree char *now = rapport_store_next_stamp (fold->store);
      g_autoptr (JsonNode) account = json_node_init_string (json_node_alloc (), user != NULL ? user : "");

      pair = make_pair (account, now);
    }
  fold_put (fold, scope, "person", fold->me, "display_name", pair);
}

/* Shares a contact's card with a huddle the first time it appears there. */
static gboolean
share_person (Fold *fold,
              const char *scope,
              const char *uuid,
              GError **error)
{
  const RapportSyncEntity *person = rapport_sync_entity_lookup ("person");
  Doc *doc;

  if (uuid == NULL || is_shared (fold->store, uuid, scope))
    return TRUE;
  {
    sqlite3_stmt *stmt = rapport_store_prepare (fold->store, "INSERT INTO sync_shared (uuid, scope) VALUES (?, ?)", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_STATIC);
    if (!rapport_store_step_done (fold->store, stmt, error))
      return FALSE;
  }
  if (strcmp (uuid, fold->me) == 0)
    {
      put_me (fold, scope);
      return TRUE;
    }
  doc = fold_doc (fold, uuid, "contact");
  for (guint i = 0; person->fields[i] != NULL; i++)
    {
      JsonArray *pair = json_object_has_member (doc->fields, person->fields[i])
                            ? json_object_get_array_member (doc->fields, person->fields[i])
                            : NULL;

      if (pair != NULL)
        fold_put (fold, scope, "person", uuid, person->fields[i], pair);
    }
  return TRUE;
}

static gboolean
fold_row (Fold *fold,
          const char *entity_name,
          const char *row_uuid,
          const char *stamp,
          gboolean is_delete,
          const char *payload_text,
          GError **error)
{
  const RapportSyncEntity *entity = rapport_sync_entity_lookup (entity_name);
  const RapportSyncEntity *person = rapport_sync_entity_lookup ("person");
  const char *uuid = strcmp (entity_name, "profile") == 0 ? fold->me : row_uuid;
  g_autoptr (JsonObject) payload = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  const char *push_scope;
  Doc *doc;

  if (entity == NULL)
    return TRUE;
  doc = fold_doc (fold, uuid, entity_name);
  if (is_delete)
    {
      /* A record made and deleted between two syncs never existed for
       * the server. */
      if (doc->deleted != NULL || doc->scope == NULL || entity->append_only)
        return TRUE;
      doc->deleted = g_strdup (stamp);
      doc->dirty = TRUE;
      fold_delete (fold, strcmp (entity_name, "contact") == 0 ? "private" : doc->scope, entity_name, uuid, stamp);
      return TRUE;
    }
  if (doc->deleted != NULL)
    return TRUE;

  payload = parse_object (payload_text);
  if (doc->scope == NULL)
    {
      doc->scope = scope_for (fold->store, entity_name, uuid, payload);
      if (doc->scope == NULL)
        return TRUE;
      doc->dirty = TRUE;
    }
  push_scope = strcmp (entity_name, "contact") == 0 ? "private" : doc->scope;

  changed = g_ptr_array_new ();
  for (guint i = 0; entity->fields[i] != NULL; i++)
    {
      const char *field = entity->fields[i];
      JsonNode *value = json_object_get_member (payload, field);
      g_autoptr (JsonNode) me = NULL;
      JsonNode *old;
      g_autoptr (JsonArray) pair = NULL;

      if (value == NULL)
        continue;
      if (is_person_ref (entity_name, field) && JSON_NODE_HOLDS_NULL (value))
        value = me = json_node_init_string (json_node_alloc (), fold->me);
      old = field_value (doc->fields, field);
      if (old != NULL && json_node_equal (old, value))
        continue;
      pair = make_pair (value, stamp);
      json_object_set_array_member (doc->fields, field, json_array_ref (pair));
      fold_put (fold, push_scope, entity_name, uuid, field, pair);
      g_ptr_array_add (changed, (gpointer) field);
      doc->dirty = TRUE;
    }
  if (changed->len == 0)
    return TRUE;

  /* The card a huddle sees follows the contact. */
  if (strcmp (entity_name, "contact") == 0)
    {
      g_auto (GStrv) scopes = shared_scopes (fold->store, uuid);

      for (guint s = 0; scopes[s] != NULL; s++)
        for (guint i = 0; i < changed->len; i++)
          if (rapport_sync_entity_has_field (person, g_ptr_array_index (changed, i)))
            fold_put (fold, scopes[s], "person", uuid, g_ptr_array_index (changed, i),
                      json_object_get_array_member (doc->fields, g_ptr_array_index (changed, i)));
    }
  else if (strcmp (entity_name, "profile") == 0)
    {
      g_auto (GStrv) scopes = shared_scopes (fold->store, fold->me);

      for (guint s = 0; scopes[s] != NULL; s++)
        put_me (fold, scopes[s]);
    }
  else if (g_str_has_prefix (doc->scope, "huddle:") &&
           (strcmp (entity_name, "huddle_member") == 0 || strcmp (entity_name, "referral") == 0))
    {
      static const char *const refs[] = { "contact", "from", "to", "prospect", NULL };

      for (guint i = 0; refs[i] != NULL; i++)
        {
          JsonNode *value = field_value (doc->fields, refs[i]);

          if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
              !share_person (fold, doc->scope, json_node_get_string (value), error))
            return FALSE;
        }
    }
  return TRUE;
}

static char *
op_to_string (Op *op)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, op->scope);
  json_builder_set_member_name (builder, "entity");
  json_builder_add_string_value (builder, op->entity);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, op->uuid);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, op->fields != NULL ? "put" : "delete");
  if (op->fields != NULL)
    {
      g_autoptr (JsonNode) fields = json_node_init_object (json_node_alloc (), op->fields);

      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, g_steal_pointer (&fields));
    }
  else
    {
      json_builder_set_member_name (builder, "stamp");
      json_builder_add_string_value (builder, op->stamp);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gint64
next_batch_seq (RapportStore *store)
{
  gint64 last = rapport_store_query_int (store, "SELECT max(seq) FROM sync_batches", 0);

  return MAX (last, rapport_sync_local_get_int (store, "acked", 0)) + 1;
}

static gboolean
insert_batch (RapportStore *store,
              GString *body,
              GHashTable *scopes,
              GError **error)
{
  g_autoptr (GString) list = g_string_new (NULL);
  GHashTableIter iter;
  gpointer scope;
  sqlite3_stmt *stmt;

  g_hash_table_iter_init (&iter, scopes);
  while (g_hash_table_iter_next (&iter, &scope, NULL))
    g_string_append_printf (list, "%s%s", list->len ? " " : "", (const char *) scope);
  stmt = rapport_store_prepare (store, "INSERT INTO sync_batches (seq, body, scopes) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, next_batch_seq (store));
  sqlite3_bind_text (stmt, 2, body->str, body->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, list->str, -1, SQLITE_STATIC);
  return rapport_store_step_done (store, stmt, error);
}

/* Writes @ops as batches of at most @max_bytes and MAX_OPS_PER_BATCH. */
static gboolean
write_batches (RapportStore *store,
               GPtrArray *ops,
               gsize max_bytes,
               GError **error)
{
  g_autoptr (GString) body = g_string_new ("[");
  g_autoptr (GHashTable) scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = g_ptr_array_index (ops, i);
      g_autofree char *made = op->text == NULL ? op_to_string (op) : NULL;
      const char *text = op->text != NULL ? op->text : made;

      if (n > 0 && (n == MAX_OPS_PER_BATCH || body->len + strlen (text) + 2 > max_bytes))
        {
          g_string_append_c (body, ']');
          if (!insert_batch (store, body, scopes, error))
            return FALSE;
          g_string_assign (body, "[");
          g_hash_table_remove_all (scopes);
          n = 0;
        }
      if (n > 0)
        g_string_append_c (body, ',');
      g_string_append (body, text);
      if (g_str_has_prefix (op->scope, "huddle:"))
        g_hash_table_add (scopes, g_strdup (op->scope));
      n++;
    }
  if (n == 0)
    return TRUE;
  g_string_append_c (body, ']');
  return insert_batch (store, body, scopes, error);
}

static int
compare_ops (gconstpointer a,
             gconstpointer b)
{
  const Op *x = *(Op **) a;
  const Op *y = *(Op **) b;

  return (x->order > y->order) - (x->order < y->order);
}

static gboolean
fold_flush (Fold *fold,
            gsize max_bytes,
            GError **error)
{
  GHashTableIter iter;
  Doc *doc;

  g_hash_table_iter_init (&iter, fold->docs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &doc))
    if (!doc_save (fold->store, doc, error))
      return FALSE;
  /* The ops SQLite folded join the others where their rows were, so
   * that a batch reads as the outbox did (the sort is stable). */
  g_ptr_array_sort (fold->ops, compare_ops);
  if (!write_batches (fold->store, fold->ops, max_bytes, error))
    return FALSE;
  g_hash_table_remove_all (fold->index);
  g_ptr_array_set_size (fold->ops, 0);
  g_hash_table_remove_all (fold->docs);
  return TRUE;
}

/* Every synced entity's fields, for SQL that picks them out of JSON. */
static gboolean
ensure_entity_fields (RapportStore *store,
                      GError **error)
{
  const RapportSyncEntity *entities;
  sqlite3_stmt *stmt;
  guint n;

  if (!rapport_store_exec (store,
                           "CREATE TEMP TABLE IF NOT EXISTS sync_entity_fields ("
                           "  entity TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (entity, field)) WITHOUT ROWID;",
                           error))
    return FALSE;
  if (rapport_store_query_int (store, "SELECT count(*) FROM temp.sync_entity_fields", 0) > 0)
    return TRUE;
  stmt = rapport_store_prepare (store, "INSERT INTO temp.sync_entity_fields (entity, field) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  entities = rapport_sync_entities (&n);
  for (guint i = 0; i < n; i++)
    for (guint f = 0; entities[i].fields[f] != NULL; f++)
      {
        sqlite3_bind_text (stmt, 1, entities[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, entities[i].fields[f], -1, SQLITE_STATIC);
        if (!rapport_store_step_done (store, stmt, error))
          return FALSE;
      }
  return TRUE;
}

/* The first fold of a big import is almost all new private records,
 * each seen once: their whole payload goes out as it is, so SQLite
 * writes both their sync_records rows and their ops, in one pass over
 * the chunk, instead of a JSON tree per record. Anything else (a record
 * the server has, one that appears twice in the chunk, a delete, a
 * contact shared with a huddle, an entity whose scope or references
 * need thought) is left to fold_row. The entities here always go to
 * the private scope and touch no other record when they change. */
static const char fresh_rows_sql[] =
    "INSERT INTO temp.sync_fold_fresh (seq, entity, uuid, fields)"
    " SELECT o.seq, o.entity, o.uuid,"
    "  (SELECT json_group_object (j.key, json_array ("
    "     CASE j.type WHEN 'true' THEN json ('true') WHEN 'false' THEN json ('false') ELSE j.value END, o.hlc))"
    /* json_each first: the other way round, SQLite would parse the
     * payload again for every field. */
    "   FROM json_each (o.payload) j CROSS JOIN temp.sync_entity_fields e"
    "   ON e.entity = o.entity AND e.field = j.key)"
    " FROM outbox o"
    " WHERE o.seq > ?1 AND o.seq <= ?2 AND o.op = 'put'"
    "  AND o.entity IN ('contact', 'interaction', 'followup', 'group', 'event', 'event_person', 'service')"
    "  AND json_valid (o.payload) AND json_type (o.payload) = 'object'"
    "  AND o.uuid IN (SELECT d.uuid FROM outbox d WHERE d.seq > ?1 AND d.seq <= ?2 GROUP BY d.uuid HAVING count (*) = 1)"
    "  AND NOT EXISTS (SELECT 1 FROM sync_records r WHERE r.uuid = o.uuid)"
    "  AND NOT EXISTS (SELECT 1 FROM sync_shared s WHERE s.uuid = o.uuid)";

static gboolean
fold_fresh (Fold *fold,
            gint64 after,
            gint64 last,
            GArray *done,
            GError **error)
{
  sqlite3_stmt *stmt;

  if (!rapport_store_exec (fold->store, "DELETE FROM temp.sync_fold_fresh", error))
    return FALSE;
  stmt = rapport_store_prepare (fold->store, fresh_rows_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, last);
  if (!rapport_store_step_done (fold->store, stmt, error))
    return FALSE;
  /* A record whose payload held no field still gets its scope. */
  if (!rapport_store_exec (fold->store,
                           "INSERT INTO sync_records (uuid, entity, scope, fields, deleted, known)"
                           " SELECT uuid, entity, 'private', coalesce (fields, '{}'), NULL, 0 FROM temp.sync_fold_fresh",
                           error))
    return FALSE;
  stmt = rapport_store_prepare (fold->store,
                                "SELECT seq, CASE WHEN fields <> '{}' THEN"
                                "  json_object ('scope', 'private', 'entity', entity, 'uuid', uuid,"
                                "   'op', 'put', 'fields', json (fields)) END"
                                " FROM temp.sync_fold_fresh ORDER BY seq",
                                error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (done, seq);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          Op *op = g_new0 (Op, 1);

          op->scope = g_strdup ("private");
          op->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          op->order = seq;
          g_ptr_array_add (fold->ops, op);
        }
    }
  return rapport_store_step_done (fold->store, stmt, error);
}

/**
 * rapport_sync_local_fold:
 * @store: a store
 * @max_batch_bytes: the largest batch body to write
 * @error: return location for a #GError
 *
 * Turns the edits recorded in the outbox since the last fold into
 * batches waiting to be pushed, each field with the stamp of the edit
 * that last changed it. Does nothing until an account is signed in.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_fold (RapportStore *store,
                         gsize max_batch_bytes,
                         GError **error)
{
  g_autofree char *me = rapport_sync_local_get (store, "person");
  gint64 folded = rapport_sync_local_get_int (store, "folded", 0);
  Fold fold = { store, me };
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (me == NULL)
    return TRUE;
  if (!rapport_store_begin (store, error))
    return FALSE;
  fold.docs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) doc_free);
  fold.ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  fold.index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = ensure_entity_fields (store, error) &&
       rapport_store_exec (store,
                           "CREATE TEMP TABLE IF NOT EXISTS sync_fold_fresh ("
                           "  seq INTEGER PRIMARY KEY, entity TEXT, uuid TEXT, fields TEXT);",
                           error);
  /* Not a cached statement: the loop prepares others while it steps. */
  if (ok && sqlite3_prepare_v2 (rapport_store_get_db (store),
                                "SELECT seq, entity, uuid, hlc, op, payload FROM outbox"
                                " WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
                                -1, &stmt, NULL) != SQLITE_OK)
    {
      rapport_store_set_sqlite_error (store, error);
      ok = FALSE;
    }
  while (ok)
    {
      gint64 last;
      sqlite3_stmt *chunk = rapport_store_prepare (store,
                                                   "SELECT max (seq) FROM"
                                                   " (SELECT seq FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?)",
                                                   error);
      guint next = 0;

      if (chunk == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (chunk, 1, folded);
      sqlite3_bind_int (chunk, 2, FOLD_CHUNK);
      if (sqlite3_step (chunk) == SQLITE_ROW && sqlite3_column_type (chunk, 0) != SQLITE_NULL)
        last = sqlite3_column_int64 (chunk, 0);
      else
        last = folded;
      sqlite3_reset (chunk);
      if (last <= folded)
        break;

      g_array_set_size (done, 0);
      ok = fold_fresh (&fold, folded, last, done, error);
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, folded);
      sqlite3_bind_int64 (stmt, 2, last);
      while (ok && sqlite3_step (stmt) == SQLITE_ROW)
        {
          fold.row = sqlite3_column_int64 (stmt, 0);
          /* Both lists are in outbox order. */
          if (next < done->len && g_array_index (done, gint64, next) == fold.row)
            {
              next++;
              continue;
            }
          ok = fold_row (&fold,
                         (const char *) sqlite3_column_text (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3),
                         strcmp ((const char *) sqlite3_column_text (stmt, 4), "delete") == 0,
                         (const char *) sqlite3_column_text (stmt, 5),
                         error);
        }
      ok = ok && fold_flush (&fold, max_batch_bytes, error);
      folded = last;
    }
  sqlite3_finalize (stmt);
  ok = ok && set_state_int (store, "folded", folded, error);

  g_hash_table_unref (fold.index);
  g_ptr_array_unref (fold.ops);
  g_hash_table_unref (fold.docs);
  if (!ok)
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return rapport_store_commit (store, error);
}

gint64
rapport_sync_local_count_pending (RapportStore *store)
{
  return rapport_store_query_int (store, "SELECT count(*) FROM sync_batches", 0);
}

/**
 * rapport_sync_local_next_batch:
 * @store: a store
 * @seq: (out): the batch's number
 * @new_scopes: (out) (transfer full): huddle scopes it writes to that the
 *   server does not know yet (they must be created first)
 *
 * Returns: (transfer full) (nullable): the body of the oldest batch
 *   waiting, ready to post, or %NULL when none waits
 */
char *
rapport_sync_local_next_batch (RapportStore *store,
                               gint64 *seq,
                               char ***new_scopes)
{
  g_autofree char *device = rapport_sync_local_get (store, "device");
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT seq, body, scopes FROM sync_batches ORDER BY seq LIMIT 1", NULL);
  g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonBuilder) head = NULL;
  char *body = NULL;

  *new_scopes = NULL;
  if (stmt == NULL || device == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *quoted = rapport_text_json_quote (device);
      g_auto (GStrv) scopes = g_strsplit ((const char *) sqlite3_column_text (stmt, 2), " ", -1);

      *seq = sqlite3_column_int64 (stmt, 0);
      body = g_strdup_printf ("{\"device\":%s,\"seq\":%" G_GINT64_FORMAT ",\"ops\":%s}",
                              quoted, *seq, (const char *) sqlite3_column_text (stmt, 1));
      for (guint i = 0; scopes[i] != NULL; i++)
        if (scopes[i][0] != '\0')
          g_ptr_array_add (unknown, g_strdup (scopes[i]));
    }
  sqlite3_reset (stmt);
  for (guint i = unknown->len; i > 0; i--)
    {
      g_autofree char *known = query_text (store, "SELECT scope FROM sync_scopes WHERE scope = ?",
                                           g_ptr_array_index (unknown, i - 1));

      if (known != NULL)
        g_ptr_array_remove_index (unknown, i - 1);
    }
  g_ptr_array_add (unknown, NULL);
  *new_scopes = (char **) g_ptr_array_free (g_steal_pointer (&unknown), FALSE);
  return body;
}

/* The server refused stamps from a clock that ran ahead. Now that the
 * clock is corrected, the fields that still hold those values take a
 * fresh stamp and go out again. */
static gboolean
restamp (RapportStore *store,
         JsonObject *op,
         GPtrArray *ops,
         GError **error)
{
  const char *uuid = json_object_get_string_member (op, "uuid");
  const char *entity = json_object_get_string_member (op, "entity");
  const char *scope = json_object_get_string_member (op, "scope");
  g_autoptr (Doc) doc = doc_load (store, uuid, entity);
  g_autofree char *stamp = rapport_store_next_stamp (store);
  Op *out;

  if (!json_object_has_member (op, "fields"))
    {
      if (doc->deleted == NULL)
        return TRUE;
      g_free (doc->deleted);
      doc->deleted = g_strdup (stamp);
      out = g_new0 (Op, 1);
      out->stamp = g_strdup (stamp);
    }
  else
    {
      JsonObject *fields = json_object_get_object_member (op, "fields");
      /* A person's fields live in the contact's record. */
      g_autoptr (GList) names = json_object_get_members (fields);

      out = g_new0 (Op, 1);
      out->fields = json_object_new ();
      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *sent = json_array_get_string_element (json_object_get_array_member (fields, l->data), 1);
          JsonNode *value = field_value (doc->fields, l->data);
          g_autoptr (JsonArray) pair = NULL;

          if (value == NULL || g_strcmp0 (field_stamp (doc->fields, l->data), sent) != 0)
            continue;
          pair = make_pair (value, stamp);
          json_object_set_array_member (doc->fields, l->data, json_array_ref (pair));
          json_object_set_array_member (out->fields, l->data, g_steal_pointer (&pair));
        }
    }
  out->scope = g_strdup (scope);
  out->entity = g_strdup (entity);
  out->uuid = g_strdup (uuid);
  if (out->fields != NULL && json_object_get_size (out->fields) == 0)
    {
      op_free (out);
      return TRUE;
    }
  g_ptr_array_add (ops, out);
  doc->dirty = TRUE;
  return doc_save (store, doc, error);
}

/* The @index-th op of a batch body, as an object. */
static JsonObject *
batch_op (RapportStore *store,
          const char *body,
          guint index)
{
  g_autofree char *path = g_strdup_printf ("$[%u]", index);
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT json_extract (?, ?)", NULL);
  JsonObject *op = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, body, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        op = parse_object ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return op != NULL ? op : json_object_new ();
}

/**
 * rapport_sync_local_batch_done:
 * @store: a store
 * @seq: the batch's number
 * @answer: the server's answer to it
 * @error: return location for a #GError
 *
 * Removes the batch, marks its records as known to the server, and
 * queues again, with fresh stamps, what the server refused for a clock
 * that ran ahead (the caller corrects the clock first).
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_batch_done (RapportStore *store,
                               gint64 seq,
                               JsonObject *answer,
                               GError **error)
{
  g_autofree char *ops_text = NULL;
  g_autoptr (GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  JsonArray *results;
  gint64 n_ops = 0;
  sqlite3_stmt *stmt;

  /* The body is only read whole by SQLite: a json-glib tree of it cost
   * more than the rest of the answer, and only a refused op is needed
   * as an object. */
  stmt = rapport_store_prepare (store,
                                "SELECT body, CASE WHEN json_valid (body) AND json_type (body) = 'array'"
                                "  THEN json_array_length (body) END"
                                " FROM sync_batches WHERE seq = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      ops_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      n_ops = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (ops_text == NULL)
    return TRUE;
  results = rapport_sync_json_array (answer, "results");

  if (!rapport_store_begin (store, error))
    return FALSE;
  /* Whatever the server took, it has; the few it refused are marked
   * again below. */
  if (!exec_bound (store,
                   "UPDATE sync_records SET known = 1 WHERE known = 0 AND uuid IN"
                   " (SELECT json_extract (value, '$.uuid') FROM json_each (?))",
                   ops_text, error))
    goto fail;
  for (guint i = 0; results != NULL && i < json_array_get_length (results) && i < n_ops; i++)
    {
      JsonObject *result = rapport_sync_json_element (results, i);
      const char *status = rapport_sync_json_string (result, "status", "");
      const char *code = rapport_sync_json_string (result, "error", "");
      g_autoptr (JsonObject) op = NULL;
      gboolean ok = TRUE;

      if (strcmp (status, "applied") == 0 || strcmp (status, "ignored") == 0)
        continue;
      op = batch_op (store, ops_text, i);
      if (strcmp (code, "stamp-in-future") == 0)
        ok = restamp (store, op, again, error);
      else
        g_warning ("The server refused a change to a %s (%s): %s",
                   json_object_get_string_member (op, "entity"), code,
                   rapport_sync_json_string (result, "message", ""));
      if (!ok)
        {
          rapport_store_rollback (store);
          return FALSE;
        }
    }
  /* The changes the batch made are this device's own: a cursor that was
   * at the scope's last change before the batch moves past them. */
  if (json_object_has_member (answer, "scopes") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "scopes")))
    {
      JsonObject *scopes = json_object_get_object_member (answer, "scopes");
      g_autoptr (GList) names = json_object_get_members (scopes);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (scopes, l->data);
          JsonArray *range = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

          if (range == NULL || json_array_get_length (range) != 2)
            continue;
          if (rapport_sync_local_get_cursor (store, l->data) == json_array_get_int_element (range, 0) &&
              !set_cursor (store, l->data, json_array_get_int_element (range, 1), error))
            goto fail;
        }
    }
  stmt = rapport_store_prepare (store, "DELETE FROM sync_batches WHERE seq = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (!rapport_store_step_done (store, stmt, error) ||
      !set_state_int (store, "acked", MAX (seq, rapport_sync_local_get_int (store, "acked", 0)), error) ||
      !write_batches (store, again, 512 * 1024, error))
    goto fail;
  return rapport_store_commit (store, error);

fail:
  rapport_store_rollback (store);
  return FALSE;
}

/* ---- scopes ---- */

gboolean
rapport_sync_local_add_scope (RapportStore *store,
                              const char *scope,
                              const char *name,
                              GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store,
                                              "INSERT INTO sync_scopes (scope, name) VALUES (?, ?)"
                                              " ON CONFLICT (scope) DO UPDATE SET name = excluded.name",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  return rapport_store_step_done (store, stmt, error);
}

char **
rapport_sync_local_list_scopes (RapportStore *store)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT scope FROM sync_scopes ORDER BY scope <> 'private', scope", NULL);
  GPtrArray *scopes = g_ptr_array_new ();

  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (scopes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  g_ptr_array_add (scopes, NULL);
  return (char **) g_ptr_array_free (scopes, FALSE);
}

gint64
rapport_sync_local_get_cursor (RapportStore *store,
                               const char *scope)
{
  g_autofree char *cursor = query_text (store, "SELECT cursor FROM sync_scopes WHERE scope = ?", scope);

  return cursor != NULL ? g_ascii_strtoll (cursor, NULL, 10) : 0;
}

static gboolean
set_cursor (RapportStore *store,
            const char *scope,
            gint64 cursor,
            GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, "UPDATE sync_scopes SET cursor = ? WHERE scope = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cursor);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_STATIC);
  return rapport_store_step_done (store, stmt, error);
}

/* The user left the huddle, or was removed from it: its shared records go
 * from this file, without tombstones, so that nothing is pushed back. The
 * referral steps stay, as the ledger cannot lose a line, hidden with their
 * referral. */
static gboolean
leave_scope (RapportStore *store,
             const char *scope,
             RapportSyncChanges *changes,
             GError **error)
{
  static const char *const sql[] = {
    "UPDATE attendance SET deleted = 1 WHERE meeting_id IN"
    " (SELECT g.id FROM meetings g JOIN huddles h ON h.id = g.huddle_id WHERE 'huddle:' || h.uuid = ?1)",
    "UPDATE meetings SET deleted = 1 WHERE huddle_id IN (SELECT id FROM huddles WHERE 'huddle:' || uuid = ?1)",
    "UPDATE huddle_members SET deleted = 1 WHERE huddle_id IN (SELECT id FROM huddles WHERE 'huddle:' || uuid = ?1)",
    "UPDATE referrals SET deleted = 1 WHERE huddle_id IN (SELECT id FROM huddles WHERE 'huddle:' || uuid = ?1)",
    "UPDATE huddles SET deleted = 1 WHERE 'huddle:' || uuid = ?1",
    "DELETE FROM sync_records WHERE scope = ?1",
    "DELETE FROM sync_shared WHERE scope = ?1",
    "DELETE FROM sync_parked WHERE scope = ?1",
    "DELETE FROM sync_scopes WHERE scope = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!exec_bound (store, sql[i], scope, error))
      return FALSE;
  g_hash_table_add (changes->what, (gpointer) "huddles");
  g_hash_table_add (changes->what, (gpointer) "referrals");
  return TRUE;
}

/**
 * rapport_sync_local_set_scopes:
 * @store: a store
 * @scopes: the "scopes" array of GET /v1/me
 * @changes: what leaving a huddle changed
 * @error: return location for a #GError
 *
 * Records the scopes the account may read now. Huddles it no longer
 * belongs to are removed from this file.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_set_scopes (RapportStore *store,
                               JsonArray *scopes,
                               RapportSyncChanges *changes,
                               GError **error)
{
  g_auto (GStrv) known = rapport_sync_local_list_scopes (store);
  g_autoptr (GHashTable) now = g_hash_table_new (g_str_hash, g_str_equal);

  if (!rapport_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (scopes); i++)
    {
      JsonObject *scope = rapport_sync_json_element (scopes, i);
      const char *id = rapport_sync_json_string (scope, "id", NULL);
      RapportScopeKind kind;
      const char *huddle;

      if (id == NULL || !rapport_sync_scope_parse (id, &kind, &huddle))
        continue;
      g_hash_table_add (now, (gpointer) id);
      if (!rapport_sync_local_add_scope (store, id, rapport_sync_json_string (scope, "name", NULL), error))
        goto fail;
    }
  for (guint i = 0; known[i] != NULL; i++)
    if (!g_hash_table_contains (now, known[i]) && !leave_scope (store, known[i], changes, error))
      goto fail;
  return rapport_store_commit (store, error);

fail:
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_sync_local_join_huddles:
 * @store: a store
 * @error: return location for a #GError
 *
 * Puts the user on the roster of every shared huddle they belong to on
 * the server but not yet here (they joined with an invitation), so that
 * the other members see them. Their service is left for them to say.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_join_huddles (RapportStore *store,
                                 GError **error)
{
  g_autoptr (GArray) huddles = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = rapport_store_prepare (store,
                                              "SELECT h.id FROM huddles h JOIN sync_scopes s ON s.scope = 'huddle:' || h.uuid"
                                              " WHERE h.deleted = 0 AND NOT EXISTS (SELECT 1 FROM huddle_members m"
                                              "  WHERE m.huddle_id = h.id AND m.contact_id IS NULL)",
                                              error);

  if (stmt == NULL || !rapport_store_collect_ids (store, stmt, huddles, error))
    return FALSE;
  for (guint i = 0; i < huddles->len; i++)
    if (rapport_store_add_member (store, g_array_index (huddles, gint64, i), 0, "", NULL, error) == 0)
      return FALSE;
  return TRUE;
}

/* ---- applying what the server sends ---- */

static gint64
lookup_id (RapportStore *store,
           const char *table,
           const char *uuid,
           gboolean *found)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?", table);
  sqlite3_stmt *stmt = rapport_store_prepare (store, sql, NULL);
  gint64 id = 0;

  *found = FALSE;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *found = TRUE;
    }
  sqlite3_reset (stmt);
  return id;
}

static void
bind_node (sqlite3_stmt *stmt,
           int index,
           JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      sqlite3_bind_null (stmt, index);
    }
  else if (JSON_NODE_HOLDS_VALUE (value))
    {
      GType type = json_node_get_value_type (value);

      if (type == G_TYPE_BOOLEAN)
        sqlite3_bind_int (stmt, index, json_node_get_boolean (value));
      else if (type == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, index, json_node_get_int (value));
      else if (type == G_TYPE_DOUBLE)
        sqlite3_bind_double (stmt, index, json_node_get_double (value));
      else
        sqlite3_bind_text (stmt, index, json_node_get_string (value), -1, SQLITE_TRANSIENT);
    }
  else
    {
      g_autofree char *text = json_to_string (value, FALSE);

      sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
    }
}

typedef struct
{
  const Column *column;
  JsonNode *value;
  gint64 id;
  gboolean resolved; /* a uuid, bound as its local id */
} Binding;

static const char *
max_stamp (JsonObject *fields)
{
  g_autoptr (GList) names = json_object_get_members (fields);
  const char *best = NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *stamp = field_stamp (fields, l->data);

      if (stamp != NULL && g_strcmp0 (stamp, best) > 0)
        best = stamp;
    }
  return best;
}

static gint64
stamp_seconds (const char *stamp)
{
  gint64 ms = 0;

  if (stamp == NULL || !rapport_hlc_parse (stamp, &ms, NULL, NULL))
    return g_get_real_time () / G_USEC_PER_SEC;
  return ms / 1000;
}

typedef enum {
  APPLY_DONE,
  APPLY_PARKED,
} ApplyResult;

static gboolean
is_tombstone (RapportStore *store,
              const char *uuid)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT deleted IS NOT NULL FROM sync_records WHERE uuid = ?", NULL);
  gboolean deleted = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    deleted = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return deleted;
}

/* What a contact's deletion takes with it on the device that deleted it,
 * here too: every device then shows the same timeline. */
static const char *const contact_children[] = { "interactions", "followups", "event_people", NULL };

static gboolean
bury_children (RapportStore *store,
               const char *table,
               const char *where,
               gint64 id,
               GError **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted = 1 WHERE %s = ? AND deleted = 0"
                                          " AND contact_id IN (SELECT c.id FROM contacts c WHERE c.deleted = 1)",
                                          table, where);
  sqlite3_stmt *stmt = rapport_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return rapport_store_step_done (store, stmt, error);
}

/* Writes the fields of @fields named in @changed (all of them for a new
 * row) into the record's table. */
static gboolean
write_row (RapportStore *store,
           const Table *table,
           const char *uuid,
           JsonObject *fields,
           GHashTable *changed,
           const char *me,
           gboolean undelete,
           RapportSyncChanges *out,
           ApplyResult *result,
           GError **error)
{
  g_autoptr (GArray) bindings = g_array_new (FALSE, TRUE, sizeof (Binding));
  g_autoptr (GString) sql = g_string_new (NULL);
  const char *stamp = max_stamp (fields);
  gboolean exists, is_profile = strcmp (table->entity, "profile") == 0;
  gint64 id = is_profile ? 1 : lookup_id (store, table->table, uuid, &exists);
  g_autofree char *sort_key = NULL;
  sqlite3_stmt *stmt;
  guint n;

  if (is_profile)
    exists = rapport_store_query_int (store, "SELECT count(*) FROM profile", 0) > 0;
  if (exists && table->append_only)
    return TRUE;

  for (const Column *c = table->columns; c->field != NULL; c++)
    {
      Binding b = { c };

      if (exists && !g_hash_table_contains (changed, c->field))
        continue;
      if (!json_object_has_member (fields, c->field))
        continue;
      b.value = field_value (fields, c->field);
      if (c->ref != NULL && b.value != NULL && JSON_NODE_HOLDS_VALUE (b.value))
        {
          const char *ref = json_node_get_string (b.value);
          gboolean found;

          if (g_strcmp0 (ref, me) == 0 && strcmp (c->ref, "contacts") == 0)
            {
              b.value = NULL;
            }
          else
            {
              b.id = lookup_id (store, c->ref, ref, &found);
              if (!found && strcmp (c->ref, "contacts") == 0 && is_tombstone (store, ref))
                {
                  /* A contact deleted before this file ever had it takes
                   * its timeline with it: nothing to show, nothing to wait
                   * for. */
                  return TRUE;
                }
              if (!found)
                {
                  *result = APPLY_PARKED;
                  return TRUE;
                }
              b.resolved = TRUE;
            }
        }
      g_array_append_val (bindings, b);
    }
  n = bindings->len;

  if (strcmp (table->entity, "contact") == 0 && g_hash_table_contains (changed, "display_name"))
    {
      JsonNode *name = field_value (fields, "display_name");

      sort_key = rapport_text_fold (name != NULL && JSON_NODE_HOLDS_VALUE (name) ? json_node_get_string (name) : "");
    }
  else if ((strcmp (table->entity, "group") == 0 || strcmp (table->entity, "huddle") == 0) &&
           g_hash_table_contains (changed, "name"))
    {
      JsonNode *name = field_value (fields, "name");

      sort_key = rapport_text_fold (name != NULL && JSON_NODE_HOLDS_VALUE (name) ? json_node_get_string (name) : "");
    }

  /* Parameters: the columns, then ?n+1 the sort key, ?n+2 the newest
   * stamp, ?n+3 the uuid, ?n+4 the row id. */
  if (exists)
    {
      g_string_printf (sql, "UPDATE %s SET ", table->table);
      for (guint i = 0; i < bindings->len; i++)
        g_string_append_printf (sql, "%s = ?%u, ", g_array_index (bindings, Binding, i).column->column, i + 1);
      if (sort_key != NULL)
        g_string_append_printf (sql, "sort_key = ?%u, ", n + 1);
      if (undelete)
        g_string_append (sql, "deleted = 0, ");
      if (is_profile)
        g_string_append_printf (sql, "uuid = ?%u, ", n + 3);
      g_string_append_printf (sql, "updated = max (updated, ?%u) WHERE id = ?%u", n + 2, n + 4);
    }
  else
    {
      g_autoptr (GString) values = g_string_new (NULL);

      g_string_printf (sql, "INSERT INTO %s (", table->table);
      for (guint i = 0; i < bindings->len; i++)
        {
          g_string_append_printf (sql, "%s, ", g_array_index (bindings, Binding, i).column->column);
          g_string_append_printf (values, "?%u, ", i + 1);
        }
      if (sort_key != NULL)
        {
          g_string_append (sql, "sort_key, ");
          g_string_append_printf (values, "?%u, ", n + 1);
        }
      if (strcmp (table->entity, "contact") == 0 && !json_object_has_member (fields, "created_at"))
        {
          g_string_append (sql, "created_at, ");
          g_string_append_printf (values, "%" G_GINT64_FORMAT ", ", stamp_seconds (stamp));
        }
      if (!json_object_has_member (fields, "created"))
        {
          g_string_append (sql, "created, ");
          g_string_append_printf (values, "?%u, ", n + 2);
        }
      if (!table->append_only)
        {
          g_string_append (sql, "updated, ");
          g_string_append_printf (values, "?%u, ", n + 2);
        }
      if (is_profile)
        {
          g_string_append (sql, "id, ");
          g_string_append (values, "1, ");
        }
      g_string_append_printf (sql, "uuid) VALUES (%s?%u)", values->str, n + 3);
    }

  stmt = rapport_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < bindings->len; i++)
    {
      Binding *b = &g_array_index (bindings, Binding, i);

      if (b->resolved)
        sqlite3_bind_int64 (stmt, i + 1, b->id);
      else
        bind_node (stmt, i + 1, b->value);
    }
  /* Indexes the statement does not use are refused by SQLite, harmlessly. */
  if (sort_key != NULL)
    sqlite3_bind_text (stmt, n + 1, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, n + 2, stamp, -1, SQLITE_STATIC);
  if (!exists || is_profile)
    sqlite3_bind_text (stmt, n + 3, uuid, -1, SQLITE_STATIC);
  if (exists)
    sqlite3_bind_int64 (stmt, n + 4, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      /* A constraint this file holds and the other device's did not (two
       * meetings recorded for the same time): the record waits. */
      g_debug ("Could not apply %s %s: %s", table->entity, uuid, sqlite3_errmsg (rapport_store_get_db (store)));
      sqlite3_reset (stmt);
      *result = APPLY_PARKED;
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (!exists)
    id = sqlite3_last_insert_rowid (rapport_store_get_db (store));

  for (guint i = 0; contact_children[i] != NULL; i++)
    if (strcmp (table->table, contact_children[i]) == 0 && !bury_children (store, table->table, "id", id, error))
      return FALSE;

  /* What the store derives in C on a local edit. */
  if (strcmp (table->entity, "contact") == 0)
    {
      if (g_hash_table_contains (changed, "tags") || !exists)
        {
          stmt = rapport_store_prepare (store, "DELETE FROM contact_tags WHERE contact_id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!rapport_store_step_done (store, stmt, error))
            return FALSE;
          stmt = rapport_store_prepare (store,
                                        "INSERT OR IGNORE INTO contact_tags (tag, contact_id)"
                                        " SELECT j.value, c.id FROM contacts c, json_each (c.tags) j WHERE c.id = ?",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!rapport_store_step_done (store, stmt, error))
            return FALSE;
        }
      g_array_append_val (out->contact_ids, id);
    }
  else if (strcmp (table->entity, "interaction") == 0 || strcmp (table->entity, "event_person") == 0)
    {
      stmt = rapport_store_prepare (store,
                                    strcmp (table->entity, "interaction") == 0
                                        ? "UPDATE contacts SET last_interaction = max (coalesce (last_interaction, 0), x.happened_at)"
                                          " FROM interactions x WHERE x.id = ?1 AND contacts.id = x.contact_id"
                                          " RETURNING contacts.id"
                                        : "UPDATE contacts SET last_interaction = max (coalesce (last_interaction, 0), e.starts_at)"
                                          " FROM event_people p JOIN events e ON e.id = p.event_id"
                                          " WHERE p.id = ?1 AND contacts.id = p.contact_id RETURNING contacts.id",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 contact = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (out->contact_ids, contact);
        }
      sqlite3_reset (stmt);
    }
  g_hash_table_add (out->what, (gpointer) table->what);
  return TRUE;
}

static gboolean
delete_row (RapportStore *store,
            const Table *table,
            const char *uuid,
            const char *stamp,
            RapportSyncChanges *out,
            GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 id;

  if (table->append_only || strcmp (table->entity, "profile") == 0)
    return TRUE;
  id = lookup_id (store, table->table, uuid, &found);
  if (!found)
    return TRUE;
  if (strcmp (table->entity, "contact") == 0)
    {
      if (!rapport_store_tombstone_contact_fields (store, id, stamp, error))
        return FALSE;
      for (guint i = 0; contact_children[i] != NULL; i++)
        if (!bury_children (store, contact_children[i], "contact_id", id, error))
          return FALSE;
      g_array_append_val (out->contact_ids, id);
    }
  else
    {
      sql = g_strdup_printf ("UPDATE %s SET deleted = 1, updated = max (updated, ?) WHERE id = ?", table->table);
      stmt = rapport_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!rapport_store_step_done (store, stmt, error))
        return FALSE;
    }
  g_hash_table_add (out->what, (gpointer) table->what);
  return TRUE;
}

static gboolean
park (RapportStore *store,
      const char *scope,
      const char *entity,
      const char *uuid,
      JsonObject *change,
      GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store,
                                              "INSERT OR REPLACE INTO sync_parked (uuid, scope, entity, change) VALUES (?, ?, ?, ?)",
                                              error);
  g_autofree char *text = object_to_string (change);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_STATIC);
  return rapport_store_step_done (store, stmt, error);
}

/* Merges one record from the server into this file. */
static gboolean
apply_change (RapportStore *store,
              const char *scope,
              JsonObject *change,
              const char *me,
              RapportSyncChanges *out,
              ApplyResult *result,
              GError **error)
{
  const char *entity_name = rapport_sync_json_string (change, "entity", "");
  const char *uuid = rapport_sync_json_string (change, "uuid", NULL);
  gboolean is_person = strcmp (entity_name, "person") == 0;
  const char *local_name = is_person ? "contact" : entity_name;
  const RapportSyncEntity *entity = rapport_sync_entity_lookup (entity_name);
  const Table *table = table_for (local_name);
  JsonObject *fields;
  g_autoptr (Doc) doc = NULL;
  g_autoptr (JsonObject) merged = NULL;
  g_autoptr (GHashTable) changed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GList) names = NULL;
  gboolean fresh;

  *result = APPLY_DONE;
  if (entity == NULL || table == NULL || uuid == NULL)
    return TRUE;
  /* The user's own card comes back from every huddle. */
  if (is_person && g_strcmp0 (uuid, me) == 0)
    return TRUE;

  doc = doc_load (store, uuid, local_name);
  fresh = !doc->stored;
  if (doc->scope == NULL)
    doc->scope = g_strdup (scope);
  if (doc->deleted != NULL)
    return TRUE;
  if (json_object_get_boolean_member_with_default (change, "deleted", FALSE))
    {
      const char *stamp = rapport_sync_json_string (change, "stamp", "");

      doc->deleted = g_strdup (stamp);
      doc->known = TRUE;
      doc->dirty = TRUE;
      return delete_row (store, table, uuid, stamp, out, error) && doc_save (store, doc, error);
    }

  fields = rapport_sync_json_object (change, "fields");
  if (fields == NULL)
    return TRUE;
  merged = json_object_new ();
  names = json_object_get_members (doc->fields);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (doc->fields, l->data)));
  g_clear_pointer (&names, g_list_free);
  names = json_object_get_members (fields);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *field = l->data;
      JsonNode *pair_node = json_object_get_member (fields, field);
      JsonArray *pair;
      const char *stamp;

      if (!rapport_sync_entity_has_field (entity, field) || !JSON_NODE_HOLDS_ARRAY (pair_node))
        continue;
      pair = json_node_get_array (pair_node);
      if (json_array_get_length (pair) != 2)
        continue;
      stamp = json_array_get_string_element (pair, 1);
      if (stamp == NULL || g_strcmp0 (stamp, field_stamp (merged, field)) <= 0)
        continue;
      json_object_set_array_member (merged, field, json_array_ref (pair));
      g_hash_table_add (changed, (gpointer) field);
      rapport_store_observe_stamp (store, stamp);
    }

  if (g_hash_table_size (changed) > 0 || fresh)
    {
      gboolean undelete = fresh;

      if (!write_row (store, table, uuid, merged, changed, me, undelete, out, result, error))
        return FALSE;
      if (*result == APPLY_PARKED)
        return park (store, scope, entity_name, uuid, change, error);
      json_object_unref (doc->fields);
      doc->fields = json_object_ref (merged);
      out->n_applied++;
    }
  doc->known = TRUE;
  doc->dirty = TRUE;
  return doc_save (store, doc, error);
}

static int
entity_rank (const char *name)
{
  guint n;
  const RapportSyncEntity *entities = rapport_sync_entities (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entities[i].name, name) == 0)
      return i;
  return n;
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;

  return entity_rank (rapport_sync_json_string (x, "entity", "")) -
         entity_rank (rapport_sync_json_string (y, "entity", ""));
}

/* Tries again the records that waited for a reference, until none more
 * can be applied. */
static gboolean
retry_parked (RapportStore *store,
              const char *me,
              RapportSyncChanges *out,
              GError **error)
{
  gboolean progress = TRUE;

  while (progress)
    {
      g_autoptr (GPtrArray) parked = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr (GPtrArray) scopes = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT scope, change FROM sync_parked", error);

      if (stmt == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (scopes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_ptr_array_add (parked, parse_object ((const char *) sqlite3_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
      progress = FALSE;
      for (guint i = 0; i < parked->len; i++)
        {
          JsonObject *change = g_ptr_array_index (parked, i);
          const char *uuid = rapport_sync_json_string (change, "uuid", "");
          ApplyResult result;

          if (!exec_bound (store, "DELETE FROM sync_parked WHERE uuid = ?", uuid, error) ||
              !apply_change (store, g_ptr_array_index (scopes, i), change, me, out, &result, error))
            return FALSE;
          progress |= result == APPLY_DONE;
        }
    }
  out->n_parked = rapport_store_query_int (store, "SELECT count(*) FROM sync_parked", 0);
  return TRUE;
}

static void
fold_sql (sqlite3_context *context,
          int argc,
          sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_text (context, rapport_text_fold (text != NULL ? text : ""), -1, g_free);
}

/* New contacts from a page, in one statement per step. A first sync
 * brings thousands of whole cards this device has never seen; each
 * would otherwise be a JSON tree, a lookup per reference and a
 * statement built for it. Only complete cards without references take
 * this way, so every column is set as write_row would set it; the rest
 * (edits, deletes, people, cards with references) go through
 * apply_change. A card SQLite refuses is left to apply_change too,
 * which parks it. */
static gboolean
apply_fresh_contacts (RapportStore *store,
                      const char *scope,
                      RapportSyncChanges *out,
                      GError **error)
{
  static char *insert_sql = NULL;
  sqlite3 *db = rapport_store_get_db (store);
  sqlite3_stmt *stmt;
  gint64 n;

  if (!rapport_store_exec (store,
                           "DELETE FROM temp.sync_fresh;"
                           " INSERT INTO temp.sync_fresh (idx, uuid, fields)"
                           " SELECT p.idx, p.uuid,"
                           "  (SELECT json_group_object (j.key, json (j.value))"
                           "   FROM json_each (p.change, '$.fields') j CROSS JOIN temp.sync_entity_fields e"
                           "   ON e.entity = 'contact' AND e.field = j.key"
                           "   WHERE j.type = 'array' AND json_array_length (j.value) = 2"
                           "    AND json_type (j.value, '$[1]') = 'text')"
                           " FROM temp.sync_page p"
                           " WHERE p.entity = 'contact' AND typeof (p.uuid) = 'text'"
                           "  AND json_type (p.change, '$.deleted') IS NOT 'true'"
                           "  AND json_type (p.change, '$.fields') = 'object'"
                           "  AND p.uuid IN (SELECT d.uuid FROM temp.sync_page d GROUP BY d.uuid HAVING count (*) = 1)"
                           "  AND NOT EXISTS (SELECT 1 FROM sync_records r WHERE r.uuid = p.uuid)"
                           "  AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.uuid = p.uuid)"
                           "  AND NOT EXISTS (SELECT 1 FROM sync_parked k WHERE k.uuid = p.uuid);"
                           " DELETE FROM temp.sync_fresh WHERE fields IS NULL"
                           "  OR (SELECT count (*) FROM json_each (fields))"
                           "   <> (SELECT count (*) FROM temp.sync_entity_fields WHERE entity = 'contact')"
                           "  OR json_type (fields, '$.display_name[0]') IS NOT 'text'"
                           "  OR json_type (fields, '$.met_at[0]') IS NOT 'null'"
                           "  OR json_type (fields, '$.introduced_by[0]') IS NOT 'null';"
                           " UPDATE temp.sync_fresh SET stamp ="
                           "  (SELECT max (json_extract (j.value, '$[1]')) FROM json_each (fields) j);",
                           error))
    return FALSE;
  n = rapport_store_query_int (store, "SELECT count (*) FROM temp.sync_fresh", 0);
  if (n == 0)
    return TRUE;

  if (insert_sql == NULL)
    {
      GString *sql = g_string_new ("INSERT INTO contacts (uuid, ");
      GString *values = g_string_new ("SELECT f.uuid, ");

      for (const Column *c = contact_columns; c->field != NULL; c++)
        {
          g_string_append_printf (sql, "%s, ", c->column);
          if (c->ref != NULL)
            g_string_append (values, "NULL, ");
          else
            g_string_append_printf (values, "json_extract (f.fields, '$.%s[0]'), ", c->field);
        }
      g_string_append (sql, "sort_key, updated) ");
      g_string_append (values, "rapport_sync_fold (json_extract (f.fields, '$.display_name[0]')), f.stamp"
                               " FROM temp.sync_fresh f ORDER BY f.idx");
      g_string_append (sql, values->str);
      g_string_free (values, TRUE);
      insert_sql = g_string_free (sql, FALSE);
    }
  if (sqlite3_create_function_v2 (db, "rapport_sync_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  fold_sql, NULL, NULL, NULL) != SQLITE_OK ||
      !rapport_store_exec (store, "SAVEPOINT sync_fresh", error))
    {
      if (error != NULL && *error == NULL)
        rapport_store_set_sqlite_error (store, error);
      return FALSE;
    }
  if (!rapport_store_exec (store, insert_sql, NULL))
    {
      g_debug ("Could not add new contacts at once: %s", sqlite3_errmsg (db));
      return rapport_store_exec (store,
                                 "ROLLBACK TO sync_fresh; RELEASE sync_fresh; DELETE FROM temp.sync_fresh",
                                 error);
    }
  stmt = rapport_store_prepare (store,
                                "INSERT INTO sync_records (uuid, entity, scope, fields, deleted, known)"
                                " SELECT uuid, 'contact', ?, fields, NULL, 1 FROM temp.sync_fresh",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (store, stmt, error) ||
      !rapport_store_exec (store,
                           "DELETE FROM contact_tags WHERE contact_id IN"
                           "  (SELECT c.id FROM temp.sync_fresh f JOIN contacts c ON c.uuid = f.uuid);"
                           " INSERT OR IGNORE INTO contact_tags (tag, contact_id)"
                           "  SELECT j.value, c.id FROM temp.sync_fresh f JOIN contacts c ON c.uuid = f.uuid,"
                           "  json_each (c.tags) j;"
                           " RELEASE sync_fresh",
                           error))
    return FALSE;

  stmt = rapport_store_prepare (store,
                                "SELECT c.id, f.stamp FROM temp.sync_fresh f JOIN contacts c ON c.uuid = f.uuid"
                                " ORDER BY f.idx",
                                error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (out->contact_ids, id);
      rapport_store_observe_stamp (store, (const char *) sqlite3_column_text (stmt, 1));
      out->n_applied++;
    }
  sqlite3_reset (stmt);
  g_hash_table_add (out->what, (gpointer) "contacts");
  return TRUE;
}

/* Applies the records of @page, a pull answer, listed under @list
 * ("$.changes" or "$.records"). The page is read by SQLite: only the
 * records that need thought become json-glib objects. */
static gboolean
apply_records (RapportStore *store,
               const char *scope,
               const char *page,
               const char *list,
               gboolean seen,
               RapportSyncChanges *out,
               GError **error)
{
  g_autofree char *me = rapport_sync_local_get (store, "person");
  g_autoptr (GPtrArray) sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  if (!ensure_entity_fields (store, error) ||
      !rapport_store_exec (store,
                           "CREATE TEMP TABLE IF NOT EXISTS sync_page ("
                           "  idx INTEGER PRIMARY KEY, entity, uuid, change TEXT NOT NULL);"
                           " CREATE TEMP TABLE IF NOT EXISTS sync_fresh ("
                           "  idx INTEGER PRIMARY KEY, uuid TEXT, fields TEXT, stamp TEXT);"
                           " DELETE FROM temp.sync_page;",
                           error))
    return FALSE;
  stmt = rapport_store_prepare (store,
                                "INSERT INTO temp.sync_page (idx, entity, uuid, change)"
                                " SELECT key, json_extract (value, '$.entity'), json_extract (value, '$.uuid'), value"
                                " FROM json_each (?, ?) WHERE type = 'object'",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, page, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, list, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (store, stmt, error))
    return FALSE;
  if (seen && !rapport_store_exec (store,
                                   "INSERT OR IGNORE INTO temp.sync_seen (uuid)"
                                   " SELECT CASE WHEN typeof (uuid) = 'text' THEN uuid ELSE '' END FROM temp.sync_page",
                                   error))
    return FALSE;
  if (!apply_fresh_contacts (store, scope, out, error))
    return FALSE;

  stmt = rapport_store_prepare (store,
                                "SELECT change FROM temp.sync_page"
                                " WHERE idx NOT IN (SELECT idx FROM temp.sync_fresh) ORDER BY idx",
                                error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (sorted, parse_object ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  /* References first: contacts before their timeline, huddles before
   * their meetings. */
  g_ptr_array_sort (sorted, compare_changes);
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *change = g_ptr_array_index (sorted, i);
      ApplyResult result;

      if (!apply_change (store, scope, change, me, out, &result, error))
        return FALSE;
    }
  return retry_parked (store, me, out, error);
}

/**
 * rapport_sync_local_read_page:
 * @store: a store
 * @page: the body of a pull answer
 * @list: where its records are: "$.changes" or "$.records"
 * @cursor: (out): its "cursor", left alone when it has none
 * @more: (out): its "more"
 * @next: (out) (optional) (transfer full): its "next", or %NULL
 *
 * Reads what a client needs of a page without building it as JSON
 * objects: pages are the biggest answers by far.
 *
 * Returns: %FALSE when @page is not a JSON object with a @list array
 */
gboolean
rapport_sync_local_read_page (RapportStore *store,
                              const char *page,
                              const char *list,
                              gint64 *cursor,
                              gboolean *more,
                              char **next)
{
  sqlite3_stmt *stmt = rapport_store_prepare (store,
                                              "SELECT json_type (?1) = 'object' AND json_type (?1, ?2) = 'array',"
                                              " json_type (?1, '$.cursor') IN ('integer', 'real'), json_extract (?1, '$.cursor'),"
                                              " json_type (?1, '$.more') = 'true',"
                                              " CASE json_type (?1, '$.next') WHEN 'text' THEN json_extract (?1, '$.next') END"
                                              " WHERE json_valid (?1)",
                                              NULL);
  gboolean ok = FALSE;

  if (next != NULL)
    *next = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, page, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, list, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0))
    {
      ok = TRUE;
      if (sqlite3_column_int (stmt, 1))
        *cursor = sqlite3_column_int64 (stmt, 2);
      *more = sqlite3_column_int (stmt, 3);
      if (next != NULL && sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        *next = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  return ok;
}

/**
 * rapport_sync_local_apply_page:
 * @store: a store
 * @scope: the scope pulled
 * @page: the body of the answer, with its "changes"
 * @cursor: the page's "cursor"
 * @out: what changed, for the views
 * @error: return location for a #GError
 *
 * Applies one page of changes and moves the scope's cursor, in one
 * transaction: the cursor is never ahead of the data.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_apply_page (RapportStore *store,
                               const char *scope,
                               const char *page,
                               gint64 cursor,
                               RapportSyncChanges *out,
                               GError **error)
{
  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!apply_records (store, scope, page, "$.changes", FALSE, out, error) ||
      !set_cursor (store, scope, cursor, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return rapport_store_commit (store, error);
}

/**
 * rapport_sync_local_begin_resync:
 * @store: a store
 * @scope: the scope whose cursor expired
 * @error: return location for a #GError
 *
 * Starts reading a scope again from its snapshot.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_begin_resync (RapportStore *store,
                                 const char *scope,
                                 GError **error)
{
  return rapport_store_exec (store,
                             "CREATE TEMP TABLE IF NOT EXISTS sync_seen (uuid TEXT PRIMARY KEY) WITHOUT ROWID;"
                             " DELETE FROM temp.sync_seen;",
                             error);
}

gboolean
rapport_sync_local_apply_snapshot (RapportStore *store,
                                   const char *scope,
                                   const char *page,
                                   RapportSyncChanges *out,
                                   GError **error)
{
  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!apply_records (store, scope, page, "$.records", TRUE, out, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return rapport_store_commit (store, error);
}

/**
 * rapport_sync_local_finish_resync:
 * @store: a store
 * @scope: the scope read again
 * @cursor: the cursor of the snapshot's first page
 * @out: what changed
 * @error: return location for a #GError
 *
 * Deletes what the server had and no longer lists: deleted so long ago
 * that even its tombstone is gone. Records the server never had stay, and
 * go out with the next push.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sync_local_finish_resync (RapportStore *store,
                                  const char *scope,
                                  gint64 cursor,
                                  RapportSyncChanges *out,
                                  GError **error)
{
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) entities = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stamp = rapport_store_next_stamp (store);
  sqlite3_stmt *stmt;

  if (!rapport_store_begin (store, error))
    return FALSE;
  stmt = rapport_store_prepare (store,
                                "SELECT uuid, entity FROM sync_records WHERE scope = ? AND known = 1 AND deleted IS NULL"
                                " AND uuid NOT IN (SELECT uuid FROM temp.sync_seen)",
                                error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (entities, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < gone->len; i++)
    {
      const Table *table = table_for (g_ptr_array_index (entities, i));

      if (table != NULL && !delete_row (store, table, g_ptr_array_index (gone, i), stamp, out, error))
        goto fail;
      if (!exec_bound (store, "UPDATE sync_records SET deleted = 'gone', fields = '{}' WHERE uuid = ?",
                       g_ptr_array_index (gone, i), error))
        goto fail;
    }
  if (!set_cursor (store, scope, cursor, error) ||
      !rapport_store_exec (store, "DELETE FROM temp.sync_seen", error))
    goto fail;
  return rapport_store_commit (store, error);

fail:
  rapport_store_rollback (store);
  return FALSE;
}
