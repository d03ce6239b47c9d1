/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-huddles.c: huddles, their members, meetings, attendance
 * and the referral ledger.
 *
 * A huddle's schedule is an RRULE kept as text; expanding it is the io
 * layer's job (libical), since core links only GLib and SQLite. Members
 * who leave keep their row with a date, so that the meetings they came
 * to and the referrals they passed still name them. A referral is written
 * once; its progress is a list of steps that is only appended to, and its
 * state is the latest step.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define MAX_TEXT_BYTES (1024 * 1024)
#define MAX_NOTES_BYTES (8 * 1024 * 1024)
#define MAX_CENTS G_GINT64_CONSTANT (100000000000)
/* The roster rules: a huddle works with five to ten people. */
#define ROSTER_MIN 5
#define ROSTER_MAX 10

static const char *
column_text (sqlite3_stmt *stmt,
             int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int column,
                   const char *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_contact_or_me (sqlite3_stmt *stmt,
                    int column,
                    gint64 contact_id)
{
  if (contact_id != 0)
    sqlite3_bind_int64 (stmt, column, contact_id);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
invalid (GError **error,
         const char *message)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
not_found (GError **error,
           const char *message)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* A contact's name, or "You" for the user (id 0). */
static const char *
person_name (gint64 contact_id,
             const char *name)
{
  if (contact_id == 0)
    return _("You");
  return (name != NULL && *name != '\0') ? name : _("A deleted contact");
}

static char *
strv_to_json (const char *const *strv)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *quoted = rapport_text_json_quote (strv[i]);

      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append (json, quoted);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Runs a statement that writes one row, inside the caller's transaction. */
static gboolean
step_one (RapportStore *self,
          sqlite3_stmt *stmt,
          const char *missing,
          GError **error)
{
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (rapport_store_get_db (self)) != 1)
    return not_found (error, missing);
  return TRUE;
}

/* Runs a write whose RETURNING clause gives the row's id, inside the
 * caller's transaction; 0, with @missing, when it wrote nothing. */
static gint64
step_returning_id (RapportStore *self,
                   sqlite3_stmt *stmt,
                   const char *missing,
                   GError **error)
{
  gint64 id = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  if (id == 0)
    not_found (error, missing);
  return id;
}

static gboolean
finish (RapportStore *self,
        gboolean ok,
        GError **error)
{
  if (ok && rapport_store_commit (self, error))
    return TRUE;
  rapport_store_rollback (self);
  return FALSE;
}

/* Huddles */

/**
 * rapport_store_get_huddle:
 * @self: a store
 * @id: a huddle id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a snapshot of the huddle with its
 *   number of current members, or %NULL with %RAPPORT_ERROR_NOT_FOUND
 */
RapportHuddle *
rapport_store_get_huddle (RapportStore *self,
                          gint64 id,
                          GError **error)
{
  g_autoptr(RapportHuddle) huddle = NULL;
  g_autofree char *audience_json = NULL;
  g_auto(GStrv) audience = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT h.id, h.uuid, h.name, h.industry, h.audience, h.place, h.rrule,"
                                " h.first_meeting, h.duration_min, h.archived,"
                                " (SELECT count(*) FROM huddle_members m WHERE m.huddle_id = h.id"
                                "  AND m.deleted = 0 AND m.left_on IS NULL)"
                                " FROM huddles h WHERE h.id = ? AND h.deleted = 0",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      not_found (error, _("This huddle no longer exists."));
      return NULL;
    }
  huddle = g_object_new (RAPPORT_TYPE_HUDDLE,
                         "id", sqlite3_column_int64 (stmt, 0),
                         "uuid", column_text (stmt, 1),
                         "name", column_text (stmt, 2),
                         "industry", column_text (stmt, 3),
                         "place", column_text (stmt, 5),
                         "rrule", column_text (stmt, 6),
                         "first-meeting", sqlite3_column_int64 (stmt, 7),
                         "duration-min", sqlite3_column_int (stmt, 8),
                         "archived", sqlite3_column_int (stmt, 9) != 0,
                         "n-members", sqlite3_column_int (stmt, 10),
                         NULL);
  audience_json = g_strdup (column_text (stmt, 4));
  sqlite3_reset (stmt);
  audience = rapport_store_parse_strv (self, audience_json);
  rapport_huddle_set_audience (huddle, (const char *const *) audience);
  return g_steal_pointer (&huddle);
}

static gboolean
check_huddle (RapportHuddle *huddle,
              GError **error)
{
  const char *name = rapport_huddle_get_name (huddle);
  const char *rrule = rapport_huddle_get_rrule (huddle);
  const char *const *audience = rapport_huddle_get_audience (huddle);

  if (name == NULL || rapport_text_is_blank (name))
    return invalid (error, _("A huddle needs a name."));
  if (rrule == NULL || strstr (rrule, "FREQ=") == NULL)
    return invalid (error, _("A huddle needs a schedule, like twice a month."));
  if (rapport_huddle_get_first_meeting (huddle) <= 0)
    return invalid (error, _("A huddle needs the date and time of its first meeting."));
  if (rapport_huddle_get_duration_min (huddle) <= 0 || rapport_huddle_get_duration_min (huddle) > 24 * 60)
    return invalid (error, _("A meeting lasts from a minute to a day."));
  for (guint i = 0; audience != NULL && audience[i] != NULL; i++)
    if (!rapport_store_check_text (audience[i], N_("The audience"), MAX_TEXT_BYTES, error))
      return FALSE;
  return rapport_store_check_text (name, N_("The name"), MAX_TEXT_BYTES, error) &&
                                   rapport_store_check_text (rapport_huddle_get_industry (huddle), N_("The industry"), MAX_TEXT_BYTES, error) &&
                                                             rapport_store_check_text (rapport_huddle_get_place (huddle), N_("The place"), MAX_TEXT_BYTES, error) &&
                                                                                       rapport_store_check_text (rrule, N_("The schedule"), 4096, error);
}

static gint64 insert_member (RapportStore *self,
                             gint64 huddle_id,
                             gint64 contact_id,
                             const char *service,
                             const char *offering,
                             GError **error);

/* Inside a transaction: writes a checked huddle, a new one when *@id is 0
 * (and sets *@id) or else the one with that id, stamped @stamp. */
static gboolean
write_huddle_row (RapportStore *self,
                  RapportHuddle *draft,
                  const char *stamp,
                  gint64 *id,
                  GError **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *audience = strv_to_json (rapport_huddle_get_audience (draft));
  g_autofree char *name = g_strstrip (g_strdup (rapport_huddle_get_name (draft)));
  g_autofree char *sort_key = rapport_text_fold (name);
  sqlite3_stmt *stmt;

  if (*id == 0)
    stmt = rapport_store_prepare (self,
                                  "INSERT INTO huddles (name, industry, audience, place, rrule, first_meeting,"
                                  " duration_min, sort_key, updated, created, uuid)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
                                  error);
  else
    stmt = rapport_store_prepare (self,
                                  "UPDATE huddles SET name = ?1, industry = ?2, audience = ?3, place = ?4,"
                                  " rrule = ?5, first_meeting = ?6, duration_min = ?7, sort_key = ?8, updated = ?9"
                                  " WHERE id = ?10 AND deleted = 0",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, rapport_huddle_get_industry (draft));
  sqlite3_bind_text (stmt, 3, audience, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, rapport_huddle_get_place (draft));
  sqlite3_bind_text (stmt, 5, rapport_huddle_get_rrule (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, rapport_huddle_get_first_meeting (draft));
  sqlite3_bind_int (stmt, 7, rapport_huddle_get_duration_min (draft));
  sqlite3_bind_text (stmt, 8, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, stamp, -1, SQLITE_STATIC);
  if (*id == 0)
    {
      uuid = g_uuid_string_random ();
      sqlite3_bind_text (stmt, 10, uuid, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_int64 (stmt, 10, *id);
  if (!step_one (self, stmt, _("This huddle no longer exists."), error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (rapport_store_get_db (self));
  return TRUE;
}

/**
 * rapport_store_save_huddle:
 * @self: a store
 * @draft: a new huddle (id 0) or an edited copy of one
 * @error: return location for a #GError
 *
 * Validates and writes @draft. A new huddle has the user as its first
 * member. The schedule is checked only for having a frequency here; the
 * io layer's rapport_recurrence_check() says whether libical accepts it,
 * and the UI asks it first.
 *
 * Returns: the huddle's id, or 0 on error
 */
gint64
rapport_store_save_huddle (RapportStore *self,
                           RapportHuddle *draft,
                           GError **error)
{
  g_autofree char *stamp = NULL;
  gint64 id;
  gboolean created;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (RAPPORT_IS_HUDDLE (draft), 0);

  if (!check_huddle (draft, error) || !rapport_store_begin (self, error))
    return 0;
  stamp = rapport_store_next_stamp (self);
  id = rapport_huddle_get_id (draft);
  created = id == 0;
  ok = write_huddle_row (self, draft, stamp, &id, error);
  if (ok && created)
    ok = insert_member (self, id, 0, NULL, NULL, error) != 0;
  ok = ok && rapport_store_outbox_append (self, "huddle", id, error);
  if (!finish (self, ok, error))
    return 0;
  rapport_huddle_set_id (draft, id);
  rapport_store_emit_changed (self, "huddles", id);
  return id;
}

/* Inside a transaction: validates and writes a new huddle without
 * members, for a bulk write that adds them and records everything in
 * the outbox itself. Returns its id, or 0. */
gint64
rapport_store_insert_huddle_row (RapportStore *self,
                                 RapportHuddle *huddle,
                                 GError **error)
{
  g_autofree char *stamp = NULL;
  gint64 id = 0;

  if (!check_huddle (huddle, error))
    return 0;
  stamp = rapport_store_next_stamp (self);
  return write_huddle_row (self, huddle, stamp, &id, error) ? id : 0;
}

/**
 * rapport_store_set_huddle_archived:
 * @self: a store
 * @id: a huddle id
 * @archived: whether the user left or stopped it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_set_huddle_archived (RapportStore *self,
                                   gint64 id,
                                   gboolean archived,
                                   GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self, "UPDATE huddles SET archived = ?, updated = ? WHERE id = ? AND deleted = 0", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, !!archived);
      sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, id);
      ok = step_one (self, stmt, _("This huddle no longer exists."), error) &&
                     rapport_store_outbox_append (self, "huddle", id, error);
    }
  if (!finish (self, ok, error))
    return FALSE;
  rapport_store_emit_changed (self, "huddles", id);
  return TRUE;
}

/**
 * rapport_store_query_huddle_ids:
 * @self: a store
 * @archived: list the archived huddles instead
 * @ids: (element-type gint64): receives the ids in name order
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_query_huddle_ids (RapportStore *self,
                                gboolean archived,
                                GArray *ids,
                                GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  stmt = rapport_store_prepare (self, "SELECT id FROM huddles WHERE deleted = 0 AND archived = ? ORDER BY sort_key, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, !!archived);
  return rapport_store_collect_ids (self, stmt, ids, error);
}

/* Members */

static gboolean
check_member_text (const char *service,
                   const char *offering,
                   GError **error)
{
  return rapport_store_check_text (service, N_("The service"), MAX_TEXT_BYTES, error) &&
                                   rapport_store_check_text (offering, N_("The offering"), MAX_TEXT_BYTES, error);
}

/* Inside a transaction: writes a member row and nothing else. Returns
 * its id, or 0. */
static gint64
insert_member_row (RapportStore *self,
                   gint64 huddle_id,
                   gint64 contact_id,
                   const char *service,
                   const char *offering,
                   const char *joined_on,
                   const char *left_on,
                   GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *trimmed = g_strstrip (g_strdup (service ? service : ""));
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO huddle_members (uuid, huddle_id, contact_id, service, offering, joined_on,"
                                " left_on, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?8)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, huddle_id);
  bind_contact_or_me (stmt, 3, contact_id);
  sqlite3_bind_text (stmt, 4, trimmed, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 5, offering);
  sqlite3_bind_text (stmt, 6, joined_on, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 7, left_on);
  sqlite3_bind_text (stmt, 8, stamp, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (self));
}

/* Inside a transaction: adds a current member, refusing a second one for
 * the same person. Returns the member id, or 0. */
static gint64
insert_member (RapportStore *self,
               gint64 huddle_id,
               gint64 contact_id,
               const char *service,
               const char *offering,
               GError **error)
{
  g_autofree char *today = rapport_date_today ();
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = rapport_store_prepare (self,
                                "SELECT c.display_name FROM huddle_members m LEFT JOIN contacts c ON c.id = m.contact_id"
                                " WHERE m.huddle_id = ? AND coalesce (m.contact_id, 0) = ? AND m.deleted = 0"
                                " AND m.left_on IS NULL",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, huddle_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *name = g_strdup (person_name (contact_id, column_text (stmt, 0)));

      sqlite3_reset (stmt);
      if (contact_id == 0)
        invalid (error, _("You are already a member of this huddle."));
      else
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("%s is already a member of this huddle."), name);
      return 0;
    }
  sqlite3_reset (stmt);

  id = insert_member_row (self, huddle_id, contact_id, service, offering, today, NULL, error);
  return id != 0 && rapport_store_outbox_append (self, "huddle_member", id, error) ? id : 0;
}

/* Inside a transaction: a member with their history, for a bulk write
 * (the sample network) that records the row itself. @contact_id is 0
 * for the user; @left_on is %NULL for someone still in the huddle.
 * Returns the member's id, or 0. */
gint64
rapport_store_insert_member_row (RapportStore *self,
                                 gint64 huddle_id,
                                 gint64 contact_id,
                                 const char *service,
                                 const char *offering,
                                 const char *joined_on,
                                 const char *left_on,
                                 GError **error)
{
  if (!check_member_text (service, offering, error))
    return 0;
  if (!rapport_date_is_valid (joined_on) ||
      (left_on != NULL && (!rapport_date_is_valid (left_on) || strcmp (left_on, joined_on) < 0)))
    {
      invalid (error, _("A member joins on a date and leaves on the same day or later."));
      return 0;
    }
  return insert_member_row (self, huddle_id, contact_id, service, offering, joined_on, left_on, error);
}

static gboolean
contact_exists (RapportStore *self,
                gint64 contact_id,
                GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT 1 FROM contacts WHERE id = ? AND deleted = 0", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    not_found (error, _("This contact no longer exists."));
  return found;
}

static gboolean
huddle_exists (RapportStore *self,
               gint64 huddle_id,
               GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT 1 FROM huddles WHERE id = ? AND deleted = 0", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, huddle_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    not_found (error, _("This huddle no longer exists."));
  return found;
}

/**
 * rapport_store_add_member:
 * @self: a store
 * @huddle_id: a huddle
 * @contact_id: the contact who joins, or 0 for the user
 * @service: (nullable): the service category they bring, like "Mortgage broker"
 * @offering: (nullable): one line on what they offer
 * @error: return location for a #GError
 *
 * Someone who is a member already is refused with %RAPPORT_ERROR_INVALID.
 *
 * Returns: the member's id, or 0 on error
 */
gint64
rapport_store_add_member (RapportStore *self,
                          gint64 huddle_id,
                          gint64 contact_id,
                          const char *service,
                          const char *offering,
                          GError **error)
{
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (!check_member_text (service, offering, error) || !huddle_exists (self, huddle_id, error) ||
      (contact_id != 0 && !contact_exists (self, contact_id, error)) || !rapport_store_begin (self, error))
    return 0;
  id = insert_member (self, huddle_id, contact_id, service, offering, error);
  if (!finish (self, id != 0, error))
    return 0;
  rapport_store_emit_changed (self, "huddles", huddle_id);
  return id;
}

static gint64
member_huddle (RapportStore *self,
               gint64 member_id)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT huddle_id FROM huddle_members WHERE id = ?", NULL);
  gint64 huddle_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    huddle_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return huddle_id;
}

/* Runs @sql, an update of one member by id (?3) stamped ?2, and records it. */
static gboolean
update_member_row (RapportStore *self,
                   const char *sql,
                   gint64 member_id,
                   const char *text1,
                   const char *text4,
                   GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, member_id);
      if (sqlite3_bind_parameter_count (stmt) >= 4)
        bind_text_or_null (stmt, 4, text4);
      ok = step_one (self, stmt, _("This member is no longer in the huddle."), error) &&
                     rapport_store_outbox_append (self, "huddle_member", member_id, error);
    }
  if (!finish (self, ok, error))
    return FALSE;
  rapport_store_emit_changed (self, "huddles", member_huddle (self, member_id));
  return TRUE;
}

/**
 * rapport_store_update_member:
 * @self: a store
 * @member_id: a current member
 * @service: (nullable): their service category
 * @offering: (nullable): one line on what they offer
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_update_member (RapportStore *self,
                             gint64 member_id,
                             const char *service,
                             const char *offering,
                             GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (service ? service : ""));

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!check_member_text (service, offering, error))
    return FALSE;
  return update_member_row (self,
                            "UPDATE huddle_members SET service = ?1, updated = ?2, offering = ?4"
                            " WHERE id = ?3 AND deleted = 0 AND left_on IS NULL",
                            member_id, trimmed, offering, error);
}

/**
 * rapport_store_remove_member:
 * @self: a store
 * @member_id: a current member
 * @error: return location for a #GError
 *
 * The member leaves today. Their row stays, with the date, so that the
 * meetings they came to and the referrals they gave or received keep
 * their name.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_remove_member (RapportStore *self,
                             gint64 member_id,
                             GError **error)
{
  g_autofree char *today = rapport_date_today ();

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  return update_member_row (self,
                            "UPDATE huddle_members SET left_on = ?1, updated = ?2"
                            " WHERE id = ?3 AND deleted = 0 AND left_on IS NULL",
                            member_id, today, NULL, error);
}

/**
 * rapport_store_list_members:
 * @self: a store
 * @huddle_id: a huddle
 * @former_too: list those who left as well, after the others
 * @error: return location for a #GError
 *
 * Returns: (transfer full): #RapportHuddleMember items, the user first,
 *   then by name
 */
GListModel *
rapport_store_list_members (RapportStore *self,
                            gint64 huddle_id,
                            gboolean former_too,
                            GError **error)
{
  g_autoptr(GListStore) members = g_list_store_new (RAPPORT_TYPE_HUDDLE_MEMBER);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT m.id, coalesce (m.contact_id, 0), c.display_name, m.service, m.offering,"
                                " m.joined_on, m.left_on"
                                " FROM huddle_members m LEFT JOIN contacts c ON c.id = m.contact_id"
                                " WHERE m.huddle_id = ?1 AND m.deleted = 0 AND (?2 OR m.left_on IS NULL)"
                                " ORDER BY m.left_on IS NOT NULL, m.contact_id IS NOT NULL, c.sort_key, m.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, huddle_id);
  sqlite3_bind_int (stmt, 2, !!former_too);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 contact_id = sqlite3_column_int64 (stmt, 1);
      g_autoptr(RapportHuddleMember) member = g_object_new (RAPPORT_TYPE_HUDDLE_MEMBER,
                                                             "id", sqlite3_column_int64 (stmt, 0),
                                                             "huddle-id", huddle_id,
                                                             "contact-id", contact_id,
                                                             "name", person_name (contact_id, column_text (stmt, 2)),
                                                             "service", column_text (stmt, 3),
                                                             "offering", column_text (stmt, 4),
                                                             "joined-on", column_text (stmt, 5),
                                                             "left-on", column_text (stmt, 6),
                                                             NULL);
      g_list_store_append (members, member);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&members));
}

/* The roster rules, shown and never enforced. */

/**
 * rapport_roster_size_note:
 * @n_members: how many people a huddle has
 *
 * Returns: (transfer full) (nullable): a gentle note when a huddle has
 *   fewer than five or more than ten members, or %NULL
 */
char *
rapport_roster_size_note (guint n_members)
{
  if (n_members < ROSTER_MIN)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "With %u member, the huddle is small: five to ten bring enough referrals.",
                                         "With %u members, the huddle is small: five to ten bring enough referrals.",
                                         n_members),
                            n_members);
  if (n_members > ROSTER_MAX)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "With %u member, the huddle is large: past ten, an hour is too short for everyone.",
                                         "With %u members, the huddle is large: past ten, an hour is too short for everyone.",
                                         n_members),
                            n_members);
  return NULL;
}

/* A service category compared without case, accents, surrounding spaces
 * or a plural "s": "Realtors" and "realtor" are one service. */
static char *
service_key (const char *service)
{
  g_autofree char *folded = rapport_text_fold (service ? service : "");
  gsize len;

  g_strstrip (folded);
  len = strlen (folded);
  if (len > 3 && folded[len - 1] == 's' && folded[len - 2] != 's')
    folded[len - 1] = '\0';
  return g_steal_pointer (&folded);
}

/**
 * rapport_roster_same_service:
 * @a: (nullable): a service category
 * @b: (nullable): another
 *
 * Returns: whether two members who wrote @a and @b offer the same service
 */
gboolean
rapport_roster_same_service (const char *a,
                             const char *b)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  if (a == NULL || b == NULL || rapport_text_is_blank (a) || rapport_text_is_blank (b))
    return FALSE;
  ka = service_key (a);
  kb = service_key (b);
  return g_str_equal (ka, kb);
}

/**
 * rapport_roster_competing:
 * @members: #RapportHuddleMember items
 *
 * Returns: (transfer full): the service categories that two or more
 *   current members offer, as the first of them wrote it
 */
GStrv
rapport_roster_competing (GListModel *members)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) competing = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(RapportHuddleMember) member = g_list_model_get_item (members, i);
      const char *service = rapport_huddle_member_get_service (member);
      char *key;

      if (rapport_huddle_member_get_left_on (member) != NULL || service == NULL || rapport_text_is_blank (service))
        continue;
      key = service_key (service);
      if (!g_hash_table_contains (seen, key))
        {
          g_hash_table_insert (seen, key, (gpointer) service);
          continue;
        }
      if (!g_hash_table_contains (reported, key))
        {
          g_hash_table_add (reported, key);
          g_strv_builder_add (competing, g_hash_table_lookup (seen, key));
        }
      else
        g_free (key);
    }
  return g_strv_builder_end (competing);
}

/**
 * rapport_roster_gaps:
 * @needed: the services the huddle's audience needs
 * @members: #RapportHuddleMember items
 *
 * Returns: (transfer full): the services of @needed that no current
 *   member offers, in @needed's order
 */
GStrv
rapport_roster_gaps (const char *const *needed,
                     GListModel *members)
{
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) gaps = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(RapportHuddleMember) member = g_list_model_get_item (members, i);

      if (rapport_huddle_member_get_left_on (member) == NULL)
        g_hash_table_add (offered, service_key (rapport_huddle_member_get_service (member)));
    }
  for (guint i = 0; needed != NULL && needed[i] != NULL; i++)
    {
      g_autofree char *key = service_key (needed[i]);

      if (!g_hash_table_contains (offered, key))
        g_strv_builder_add (gaps, needed[i]);
    }
  return g_strv_builder_end (gaps);
}

/**
 * rapport_store_services_for_audience:
 * @self: a store
 * @audience: (nullable): a huddle's shared target audience
 *
 * Returns: (transfer full): the services the catalogue lists for any
 *   audience that overlaps @audience (see rapport_audience_overlap()),
 *   each once, in the catalogue's order
 */
GStrv
rapport_store_services_for_audience (RapportStore *self,
                                     const char *const *audience)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GStrvBuilder) services = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  entries = rapport_store_list_catalogue (self, audience);
  for (guint i = 0; i < entries->len; i++)
    {
      RapportServiceEntry *entry = g_ptr_array_index (entries, i);
      char *key = service_key (entry->service);

      if (g_hash_table_contains (seen, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (seen, key);
      g_strv_builder_add (services, entry->service);
    }
  return g_strv_builder_end (services);
}

void
rapport_service_entry_free (RapportServiceEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->audience);
  g_free (entry->service);
  g_free (entry);
}

/**
 * rapport_store_list_catalogue:
 * @self: a store
 * @audience: (nullable): a huddle's shared target audience
 *
 * Returns: (transfer full) (element-type RapportServiceEntry): the
 *   catalogue's entries for every audience that overlaps @audience (see
 *   rapport_audience_overlap()), in the catalogue's order
 */
GPtrArray *
rapport_store_list_catalogue (RapportStore *self,
                              const char *const *audience)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_service_entry_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), entries);

  stmt = rapport_store_prepare (self, "SELECT audience, service FROM service_catalogue WHERE deleted = 0 ORDER BY id",
                                NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *const one[] = { column_text (stmt, 0), NULL };
      RapportServiceEntry *entry;

      if (rapport_audience_overlap (one, audience) == 0)
        continue;
      entry = g_new0 (RapportServiceEntry, 1);
      entry->audience = g_strdup (column_text (stmt, 0));
      entry->service = g_strdup (column_text (stmt, 1));
      g_ptr_array_add (entries, entry);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return entries;
}

/* Adds or removes one catalogue entry; @sql takes (audience, service,
 * stamp, uuid) and names the entry it wrote in its RETURNING id. */
static gboolean
edit_catalogue (RapportStore *self,
                const char *sql,
                const char *audience,
                const char *service,
                GError **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *a = g_strstrip (g_strdup (audience ? audience : ""));
  g_autofree char *s = g_strstrip (g_strdup (service ? service : ""));
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  if (*a == '\0' || *s == '\0')
    return invalid (error, _("A catalogue entry needs an audience and a service."));
  if (!rapport_store_check_text (a, N_("The audience"), MAX_TEXT_BYTES, error) ||
                                 !rapport_store_check_text (s, N_("The service"), MAX_TEXT_BYTES, error) || !rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, s, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, stamp, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 4)
        sqlite3_bind_text (stmt, 4, uuid, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      ok = rapport_store_step_done (self, stmt, error);
    }
  /* Adding what is there already, or removing what is not, changes nothing. */
  ok = ok && (id == 0 || rapport_store_outbox_append (self, "service", id, error));
  if (!finish (self, ok, error))
    return FALSE;
  rapport_store_emit_changed (self, "huddles", 0);
  return TRUE;
}

gboolean
rapport_store_add_service (RapportStore *self,
                           const char *audience,
                           const char *service,
                           GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  return edit_catalogue (self,
                         "INSERT INTO service_catalogue (audience, service, created, updated, uuid)"
                         " SELECT ?1, ?2, ?3, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM service_catalogue"
                         "  WHERE audience = ?1 AND service = ?2 AND deleted = 0) RETURNING id",
                         audience, service, error);
}

gboolean
rapport_store_remove_service (RapportStore *self,
                              const char *audience,
                              const char *service,
                              GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  return edit_catalogue (self,
                         "UPDATE service_catalogue SET deleted = 1, updated = ?3"
                         " WHERE audience = ?1 AND service = ?2 AND deleted = 0 RETURNING id",
                         audience, service, error);
}

/**
 * rapport_store_find_candidates:
 * @self: a store
 * @huddle_id: a huddle whose current members are left out
 * @service: a service the huddle lacks, like "Home inspector"
 * @contact_ids: (element-type gint64): receives the matching contacts, by name
 * @error: return location for a #GError
 *
 * Contacts whose industry shares a word with @service (any word of four
 * letters or more, by prefix), not archived and not in the huddle.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_find_candidates (RapportStore *self,
                               gint64 huddle_id,
                               const char *service,
                               GArray *contact_ids,
                               GError **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  words = g_regex_split_simple ("[^[:alnum:]]+", service ? service : "", 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *term = NULL;
      g_autofree char *folded = NULL;

      if (g_utf8_strlen (words[i], -1) < 4)
        continue;
      /* "Realtors" finds "realtor": the plural's stem, by prefix. */
      folded = service_key (words[i]);
      term = rapport_text_fts_query (folded);
      if (term == NULL)
        continue;
      g_string_append_printf (match, "%s%s", match->len ? " OR " : "", term);
    }
  if (match->len == 0)
    return TRUE;
  g_string_prepend (match, "industry : (");
  g_string_append_c (match, ')');

  stmt = rapport_store_prepare (self,
                                "SELECT c.id FROM contacts_fts f CROSS JOIN contacts c ON c.id = f.rowid"
                                " WHERE contacts_fts MATCH ?1 AND c.deleted = 0 AND c.archived = 0"
                                " AND c.id NOT IN (SELECT coalesce (contact_id, 0) FROM huddle_members"
                                "  WHERE huddle_id = ?2 AND deleted = 0 AND left_on IS NULL)"
                                " ORDER BY c.sort_key, c.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, huddle_id);
  return rapport_store_collect_ids (self, stmt, contact_ids, error);
}

/* Meetings */

static RapportMeeting *
meeting_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (RAPPORT_TYPE_MEETING,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "huddle-id", sqlite3_column_int64 (stmt, 1),
                       "starts-at", sqlite3_column_int64 (stmt, 2),
                       "duration-min", sqlite3_column_int (stmt, 3),
                       "notes", column_text (stmt, 4),
                       "n-present", sqlite3_column_int (stmt, 5),
                       NULL);
}

#define MEETING_COLUMNS                                                             \
  "g.id, g.huddle_id, g.starts_at, g.duration_min, g.notes,"                        \
  " (SELECT count(*) FROM attendance a WHERE a.meeting_id = g.id AND a.deleted = 0" \
  "  AND a.status IN ('present', 'late', 'substitute'))"

/* Inside a transaction: writes a meeting, or gives the one already at
 * @starts_at new notes unless @notes is %NULL. Returns its id, or 0. */
static gint64
write_meeting_row (RapportStore *self,
                   gint64 huddle_id,
                   gint64 starts_at,
                   const char *notes,
                   const char *stamp,
                   GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO meetings (uuid, huddle_id, starts_at, duration_min, notes, created, updated)"
                                " SELECT ?1, ?2, ?3, duration_min, ?4, ?5, ?5 FROM huddles WHERE id = ?2"
                                " ON CONFLICT (huddle_id, starts_at) WHERE deleted = 0"
                                " DO UPDATE SET notes = coalesce (?4, notes), updated = ?5"
                                " RETURNING id",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, huddle_id);
  sqlite3_bind_int64 (stmt, 3, starts_at);
  if (notes != NULL)
    sqlite3_bind_text (stmt, 4, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, stamp, -1, SQLITE_STATIC);
  return step_returning_id (self, stmt, _("This huddle no longer exists."), error);
}

static gboolean
check_meeting (gint64 starts_at,
               const char *notes,
               GError **error)
{
  if (starts_at <= 0)
    return invalid (error, _("A meeting needs a date and a time."));
  return rapport_store_check_text (notes, N_("The notes"), MAX_NOTES_BYTES, error);
}

/**
 * rapport_store_record_meeting:
 * @self: a store
 * @huddle_id: a huddle
 * @starts_at: when the meeting started (Unix seconds), usually one of
 *   the schedule's occurrences
 * @notes: (nullable): the strategy notes, or %NULL to keep them
 * @error: return location for a #GError
 *
 * Records a meeting, or finds the one recorded at that time and updates
 * its notes. It lasts the huddle's usual duration.
 *
 * Returns: the meeting's id, or 0 on error
 */
gint64
rapport_store_record_meeting (RapportStore *self,
                              gint64 huddle_id,
                              gint64 starts_at,
                              const char *notes,
                              GError **error)
{
  g_autofree char *stamp = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (!check_meeting (starts_at, notes, error) || !huddle_exists (self, huddle_id, error) ||
      !rapport_store_begin (self, error))
    return 0;
  stamp = rapport_store_next_stamp (self);
  id = write_meeting_row (self, huddle_id, starts_at, notes, stamp, error);
  if (!finish (self, id != 0 && rapport_store_outbox_append (self, "meeting", id, error), error))
    return 0;
  rapport_store_emit_changed (self, "huddles", huddle_id);
  return id;
}

/* Inside a transaction: a meeting for a bulk write that records it in
 * the outbox itself. Returns its id, or 0. */
gint64
rapport_store_insert_meeting_row (RapportStore *self,
                                  gint64 huddle_id,
                                  gint64 starts_at,
                                  const char *notes,
                                  GError **error)
{
  g_autofree char *stamp = NULL;

  if (!check_meeting (starts_at, notes, error))
    return 0;
  stamp = rapport_store_next_stamp (self);
  return write_meeting_row (self, huddle_id, starts_at, notes, stamp, error);
}

RapportMeeting *
rapport_store_get_meeting (RapportStore *self,
                           gint64 id,
                           GError **error)
{
  sqlite3_stmt *stmt;
  RapportMeeting *meeting = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self, "SELECT " MEETING_COLUMNS " FROM meetings g WHERE g.id = ? AND g.deleted = 0",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    meeting = meeting_from_row (stmt);
  sqlite3_reset (stmt);
  if (meeting == NULL)
    not_found (error, _("This meeting no longer exists."));
  return meeting;
}

/**
 * rapport_store_list_meetings:
 * @self: a store
 * @huddle_id: a huddle
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the recorded #RapportMeeting items, latest first
 */
GListModel *
rapport_store_list_meetings (RapportStore *self,
                             gint64 huddle_id,
                             GError **error)
{
  g_autoptr(GListStore) meetings = g_list_store_new (RAPPORT_TYPE_MEETING);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT " MEETING_COLUMNS " FROM meetings g WHERE g.huddle_id = ? AND g.deleted = 0"
                                " ORDER BY g.starts_at DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, huddle_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportMeeting) meeting = meeting_from_row (stmt);

      g_list_store_append (meetings, meeting);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&meetings));
}

/* Who belonged to the huddle on the local day of @starts_at. */
/* The members of a meeting: those who belonged on its local day (one who
 * left that day still counts), and anyone whose attendance was recorded,
 * as when a past meeting is written down after members were added. Used
 * after "FROM meetings g JOIN huddle_members m ... LEFT JOIN attendance a"
 * in a WHERE clause. */
#define MEMBER_AT_MEETING                                                              \
  " (a.id IS NOT NULL OR (m.joined_on <= date (g.starts_at, 'unixepoch', 'localtime')" \
  "  AND (m.left_on IS NULL OR m.left_on >= date (g.starts_at, 'unixepoch', 'localtime'))))"

#define MEETING_MEMBERS_JOIN                                                              \
  " FROM meetings g JOIN huddle_members m ON m.huddle_id = g.huddle_id AND m.deleted = 0" \
  " LEFT JOIN contacts c ON c.id = m.contact_id"                                          \
  " LEFT JOIN attendance a ON a.meeting_id = g.id AND a.member_id = m.id AND a.deleted = 0"

/**
 * rapport_store_list_attendance:
 * @self: a store
 * @meeting_id: a recorded meeting
 * @error: return location for a #GError
 *
 * Returns: (transfer full): one #RapportAttendance per member on the day
 *   of the meeting (the user first), with status -1 where nothing is
 *   recorded yet
 */
GListModel *
rapport_store_list_attendance (RapportStore *self,
                               gint64 meeting_id,
                               GError **error)
{
  g_autoptr(GListStore) rows = g_list_store_new (RAPPORT_TYPE_ATTENDANCE);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT m.id, coalesce (m.contact_id, 0), c.display_name, a.status, a.asks, a.offers" MEETING_MEMBERS_JOIN
                                " WHERE g.id = ? AND g.deleted = 0 AND" MEMBER_AT_MEETING
                                " ORDER BY m.contact_id IS NOT NULL, c.sort_key, m.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportAttendance) row = g_object_new (RAPPORT_TYPE_ATTENDANCE,
                                                        "meeting-id", meeting_id,
                                                        "member-id", sqlite3_column_int64 (stmt, 0),
                                                        "name", person_name (sqlite3_column_int64 (stmt, 1), column_text (stmt, 2)),
                                                        "status", column_text (stmt, 3) ? (int) rapport_presence_from_string (column_text (stmt, 3)) : -1,
                                                        "asks", column_text (stmt, 4),
                                                        "offers", column_text (stmt, 5),
                                                        NULL);
      g_list_store_append (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&rows));
}

/* Inside a transaction: writes or corrects how a member attended a
 * meeting. Returns the attendance row's id, or 0. */
static gint64
write_attendance_row (RapportStore *self,
                      gint64 meeting_id,
                      gint64 member_id,
                      RapportPresence presence,
                      const char *asks,
                      const char *offers,
                      const char *stamp,
                      GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  /* Only a member of the meeting's own huddle can attend it. */
  stmt = rapport_store_prepare (self,
                                "INSERT INTO attendance (uuid, meeting_id, member_id, status, asks, offers, created, updated)"
                                " SELECT ?1, g.id, m.id, ?4, ?5, ?6, ?7, ?7 FROM meetings g"
                                " JOIN huddle_members m ON m.huddle_id = g.huddle_id AND m.id = ?3 AND m.deleted = 0"
                                " WHERE g.id = ?2 AND g.deleted = 0"
                                " ON CONFLICT (meeting_id, member_id) WHERE deleted = 0"
                                " DO UPDATE SET status = ?4, asks = ?5, offers = ?6, updated = ?7"
                                " RETURNING id",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, meeting_id);
  sqlite3_bind_int64 (stmt, 3, member_id);
  sqlite3_bind_text (stmt, 4, rapport_presence_to_string (presence), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 5, asks);
  bind_text_or_null (stmt, 6, offers);
  sqlite3_bind_text (stmt, 7, stamp, -1, SQLITE_STATIC);
  return step_returning_id (self, stmt, _("This member is not in the meeting’s huddle."), error);
}

static gboolean
check_attendance (RapportPresence presence,
                  const char *asks,
                  const char *offers,
                  GError **error)
{
  if (presence > RAPPORT_PRESENCE_SUBSTITUTE)
    return invalid (error, _("Attendance is present, absent, late or a substitute."));
  return rapport_store_check_text (asks, N_("The asks"), MAX_TEXT_BYTES, error) &&
                                   rapport_store_check_text (offers, N_("The offers"), MAX_TEXT_BYTES, error);
}

/**
 * rapport_store_set_attendance:
 * @self: a store
 * @meeting_id: a recorded meeting
 * @member_id: a member of its huddle
 * @presence: how they attended
 * @asks: (nullable): what they asked the others for
 * @offers: (nullable): what they offered
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_set_attendance (RapportStore *self,
                              gint64 meeting_id,
                              gint64 member_id,
                              RapportPresence presence,
                              const char *asks,
                              const char *offers,
                              GError **error)
{
  g_autofree char *stamp = NULL;
  gint64 id;
  gint64 huddle_id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!check_attendance (presence, asks, offers, error))
    return FALSE;
  huddle_id = member_huddle (self, member_id);

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  id = write_attendance_row (self, meeting_id, member_id, presence, asks, offers, stamp, error);
  if (!finish (self, id != 0 && rapport_store_outbox_append (self, "attendance", id, error), error))
    return FALSE;
  rapport_store_emit_changed (self, "huddles", huddle_id);
  return TRUE;
}

/* Inside a transaction: attendance for a bulk write that records it in
 * the outbox itself. Returns the row's id, or 0. */
gint64
rapport_store_insert_attendance_row (RapportStore *self,
                                     gint64 meeting_id,
                                     gint64 member_id,
                                     RapportPresence presence,
                                     const char *asks,
                                     const char *offers,
                                     GError **error)
{
  g_autofree char *stamp = NULL;

  if (!check_attendance (presence, asks, offers, error))
    return 0;
  stamp = rapport_store_next_stamp (self);
  return write_attendance_row (self, meeting_id, member_id, presence, asks, offers, stamp, error);
}

/**
 * rapport_store_clear_attendance:
 * @self: a store
 * @meeting_id: a recorded meeting
 * @member_id: a member
 * @error: return location for a #GError
 *
 * Forgets how a member attended a meeting, when it was recorded by
 * mistake. Nothing recorded is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_clear_attendance (RapportStore *self,
                                gint64 meeting_id,
                                gint64 member_id,
                                GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self,
                                "UPDATE attendance SET deleted = 1, asks = NULL, offers = NULL, updated = ?"
                                " WHERE meeting_id = ? AND member_id = ? AND deleted = 0 RETURNING id",
                                error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, meeting_id);
      sqlite3_bind_int64 (stmt, 3, member_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      ok = rapport_store_step_done (self, stmt, error) &&
           (id == 0 || rapport_store_outbox_append (self, "attendance", id, error));
    }
  if (!finish (self, ok, error))
    return FALSE;
  if (id != 0)
    rapport_store_emit_changed (self, "huddles", member_huddle (self, member_id));
  return TRUE;
}

static void
attendance_summary_clear (gpointer data)
{
  RapportAttendanceSummary *row = data;

  g_free (row->name);
}

/**
 * rapport_store_attendance_summary:
 * @self: a store
 * @huddle_id: a huddle
 * @since: count the meetings from this moment (Unix seconds)
 * @until: and up to this one, usually now: a meeting recorded ahead of
 *   time has nobody absent yet
 * @error: return location for a #GError
 *
 * Each member's attendance at the meetings recorded in that span, while
 * they were a member; a meeting with nothing recorded for them counts as
 * absent.
 *
 * Returns: (transfer full) (element-type RapportAttendanceSummary): one
 *   row per member, current ones first, or %NULL on error
 */
GArray *
rapport_store_attendance_summary (RapportStore *self,
                                  gint64 huddle_id,
                                  gint64 since,
                                  gint64 until,
                                  GError **error)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (RapportAttendanceSummary));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_array_set_clear_func (rows, attendance_summary_clear);

  stmt = rapport_store_prepare (self,
                                "SELECT m.id, coalesce (m.contact_id, 0), c.display_name, count(*),"
                                " count (CASE a.status WHEN 'present' THEN 1 END),"
                                " count (CASE a.status WHEN 'late' THEN 1 END),"
                                " count (CASE a.status WHEN 'substitute' THEN 1 END)" MEETING_MEMBERS_JOIN
                                " WHERE g.huddle_id = ?1 AND g.deleted = 0 AND g.starts_at >= ?2 AND g.starts_at <= ?3"
                                " AND" MEMBER_AT_MEETING
                                " GROUP BY m.id"
                                " ORDER BY m.left_on IS NOT NULL, m.contact_id IS NOT NULL, c.sort_key, m.id",
                                error);
  if (stmt == NULL)
    {
      g_array_unref (rows);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, huddle_id);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportAttendanceSummary row = {
        .member_id = sqlite3_column_int64 (stmt, 0),
        .contact_id = sqlite3_column_int64 (stmt, 1),
        .name = g_strdup (person_name (sqlite3_column_int64 (stmt, 1), column_text (stmt, 2))),
        .meetings = sqlite3_column_int (stmt, 3),
        .present = sqlite3_column_int (stmt, 4),
        .late = sqlite3_column_int (stmt, 5),
        .substitute = sqlite3_column_int (stmt, 6),
      };

      row.absent = row.meetings - row.present - row.late - row.substitute;
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      g_array_unref (rows);
      return NULL;
    }
  return rows;
}

/* Referrals */

/* Inside a transaction: writes a step of the ledger and nothing else.
 * Returns its id, or 0. */
static gint64
insert_step_row (RapportStore *self,
                 gint64 referral_id,
                 RapportReferralStatus status,
                 gint64 value_cents,
                 const char *happened_on,
                 const char *note,
                 const char *stamp,
                 GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO referral_steps (uuid, referral_id, status, value_cents, happened_on, note,"
                                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, referral_id);
  sqlite3_bind_text (stmt, 3, rapport_referral_status_to_string (status), -1, SQLITE_STATIC);
  if (value_cents >= 0)
    sqlite3_bind_int64 (stmt, 4, value_cents);
  sqlite3_bind_text (stmt, 5, happened_on, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 6, note);
  sqlite3_bind_text (stmt, 7, stamp, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (self));
}

/* Inside a transaction: appends a step to the ledger. */
static gboolean
append_step (RapportStore *self,
             gint64 referral_id,
             RapportReferralStatus status,
             gint64 value_cents,
             const char *happened_on,
             const char *note,
             const char *stamp,
             GError **error)
{
  gint64 id = insert_step_row (self, referral_id, status, value_cents, happened_on, note, stamp, error);

  return id != 0 && rapport_store_outbox_append (self, "referral_step", id, error);
}

static gboolean
check_step (RapportReferralStatus status,
            gint64 value_cents,
            const char *happened_on,
            const char *note,
            GError **error)
{
  if (status > RAPPORT_REFERRAL_LOST)
    return invalid (error, _("A referral is given, contacted, at the meeting stage, won or lost."));
  if (value_cents < -1)
    return invalid (error, _("The value of the business cannot be negative."));
  if (value_cents > MAX_CENTS)
    return invalid (error, _("The value of the business is too large to be right."));
  if (value_cents >= 0 && status != RAPPORT_REFERRAL_WON)
    return invalid (error, _("Only business won has a value."));
  if (!rapport_date_is_valid (happened_on))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("“%s” is not a date."), happened_on);
      return FALSE;
    }
  return rapport_store_check_text (note, N_("The note"), MAX_NOTES_BYTES, error);
}

static char *
contact_name (RapportStore *self,
              gint64 contact_id)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT display_name FROM contacts WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name ? name : g_strdup ("");
}

/* Inside a transaction: one timeline entry, which moves the contact's
 * keep-in-touch clock; recorded in the outbox unless a bulk write
 * records it later. Returns its id, or 0. */
static gint64
add_timeline_entry (RapportStore *self,
                    gint64 contact_id,
                    RapportInteractionKind kind,
                    gint64 happened_at,
                    const char *note,
                    gboolean record,
                    GError **error)
{
  gint64 id;

  if (record)
    return rapport_store_insert_interaction (self, contact_id, kind, happened_at, note, error);
  id = rapport_store_insert_interaction_row (self, contact_id, kind, happened_at, note, error);
  return id != 0 && rapport_store_touch_contact (self, contact_id, happened_at, error) ? id : 0;
}

/* Inside a transaction: the referral on the timelines of the contacts
 * who passed and received it; @entries receives the ids of the entries
 * of the receiver and of the giver, 0 for the user, who has no timeline. */
static gboolean
log_on_timelines (RapportStore *self,
                  gint64 from_contact,
                  gint64 to_contact,
                  gint64 prospect,
                  gint64 happened_at,
                  gboolean record,
                  gint64 entries[2],
                  GError **error)
{
  g_autofree char *about = contact_name (self, prospect);
  g_autofree char *from = from_contact ? contact_name (self, from_contact) : NULL;
  g_autofree char *to = to_contact ? contact_name (self, to_contact) : NULL;

  entries[0] = entries[1] = 0;
  if (to_contact != 0)
    {
      /* TRANSLATORS: a timeline entry; the first %s is who received the
       * referral, the second who it is about */
      g_autofree char *note = from_contact == 0 ? g_strdup_printf (_("About %s"), about)
                                                : g_strdup_printf (_("From %s, about %s"), from, about);

      entries[0] = add_timeline_entry (self, to_contact, RAPPORT_INTERACTION_REFERRAL_RECEIVED, happened_at, note,
                                       record, error);
      if (entries[0] == 0)
        return FALSE;
    }
  if (from_contact != 0)
    {
      g_autofree char *note = to_contact == 0 ? g_strdup_printf (_("To you, about %s"), about)
                                              : g_strdup_printf (_("To %s, about %s"), to, about);

      entries[1] = add_timeline_entry (self, from_contact, RAPPORT_INTERACTION_REFERRAL_GIVEN, happened_at, note,
                                       record, error);
      if (entries[1] == 0)
        return FALSE;
    }
  return TRUE;
}

static gint64
noon_of (const char *date)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_get_real_time () / G_USEC_PER_SEC;
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  return dt ? g_date_time_to_unix (dt) : g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
check_referral (gint64 from_contact,
                gint64 to_contact,
                gint64 prospect,
                const char *given_on,
                const char *note,
                GError **error)
{
  if (from_contact == to_contact)
    return invalid (error, _("A referral goes from one person to another: choose someone else to receive it."));
  if (prospect == 0 || prospect == to_contact || prospect == from_contact)
    return invalid (error, _("The prospect is someone other than the people passing and receiving the referral."));
  if (!rapport_date_is_valid (given_on))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("“%s” is not a date."), given_on);
      return FALSE;
    }
  return rapport_store_check_text (note, N_("The note"), MAX_NOTES_BYTES, error);
}

/* Inside a transaction: a checked referral and its first step, "given",
 * both stamped @stamp; the referral's id, and the step's in @step, or 0. */
static gint64
insert_referral_row (RapportStore *self,
                     gint64 from_contact,
                     gint64 to_contact,
                     gint64 prospect,
                     gint64 huddle_id,
                     const char *given_on,
                     const char *note,
                     const char *stamp,
                     gint64 *step,
                     GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO referrals (uuid, from_contact, to_contact, prospect, huddle_id, given_on,"
                                " note, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?8)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  bind_contact_or_me (stmt, 2, from_contact);
  bind_contact_or_me (stmt, 3, to_contact);
  sqlite3_bind_int64 (stmt, 4, prospect);
  if (huddle_id != 0)
    sqlite3_bind_int64 (stmt, 5, huddle_id);
  sqlite3_bind_text (stmt, 6, given_on, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 7, note);
  sqlite3_bind_text (stmt, 8, stamp, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (rapport_store_get_db (self));
  *step = insert_step_row (self, id, RAPPORT_REFERRAL_GIVEN, -1, given_on, NULL, stamp, error);
  return *step != 0 ? id : 0;
}

/**
 * rapport_store_give_referral:
 * @self: a store
 * @from_contact: who passes the referral, or 0 for the user
 * @to_contact: who receives it, or 0 for the user
 * @prospect: the contact it is about
 * @huddle_id: the huddle it was passed in, or 0
 * @given_on: (nullable): the day (YYYY-MM-DD), or %NULL for today
 * @note: (nullable): a note
 * @error: return location for a #GError
 *
 * Writes a referral with its first step, "given", and puts it on the
 * timelines of the contacts who passed and received it. A referral to
 * oneself, or about the person who receives it, is refused with
 * %RAPPORT_ERROR_INVALID.
 *
 * Returns: the referral's id, or 0 on error
 */
gint64
rapport_store_give_referral (RapportStore *self,
                             gint64 from_contact,
                             gint64 to_contact,
                             gint64 prospect,
                             gint64 huddle_id,
                             const char *given_on,
                             const char *note,
                             GError **error)
{
  g_autofree char *today = rapport_date_today ();
  g_autofree char *stamp = NULL;
  gint64 entries[2];
  gint64 step = 0;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (given_on == NULL)
    given_on = today;
  if (!check_referral (from_contact, to_contact, prospect, given_on, note, error) ||
      (from_contact != 0 && !contact_exists (self, from_contact, error)) ||
      (to_contact != 0 && !contact_exists (self, to_contact, error)) || !contact_exists (self, prospect, error) ||
      (huddle_id != 0 && !huddle_exists (self, huddle_id, error)) || !rapport_store_begin (self, error))
    return 0;

  stamp = rapport_store_next_stamp (self);
  id = insert_referral_row (self, from_contact, to_contact, prospect, huddle_id, given_on, note, stamp, &step, error);
  ok = id != 0 && rapport_store_outbox_append (self, "referral", id, error) &&
       rapport_store_outbox_append (self, "referral_step", step, error) &&
       log_on_timelines (self, from_contact, to_contact, prospect, noon_of (given_on), TRUE, entries, error);
  if (!finish (self, ok, error))
    return 0;
  /* The detail's id names contacts elsewhere; a referral touches several. */
  rapport_store_emit_changed (self, "referrals", 0);
  rapport_store_emit_changed (self, "interactions", 0);
  rapport_store_emit_changed (self, "contacts", 0);
  if (huddle_id != 0)
    rapport_store_emit_changed (self, "huddles", huddle_id);
  return id;
}

/* Inside a transaction: what rapport_store_give_referral() writes (the
 * referral, its "given" step and the timeline entries, which move the
 * keep-in-touch clocks), without recording it in the outbox, for a bulk
 * write (the sample network) that records every row itself. @step
 * receives the step's id; @entries the ids of the receiver's and the
 * giver's timeline entries, 0 where one of them is the user. Returns the
 * referral's id, or 0. */
gint64
rapport_store_insert_referral_row (RapportStore *self,
                                   gint64 from_contact,
                                   gint64 to_contact,
                                   gint64 prospect,
                                   gint64 huddle_id,
                                   const char *given_on,
                                   const char *note,
                                   gint64 *step,
                                   gint64 entries[2],
                                   GError **error)
{
  g_autofree char *stamp = NULL;
  gint64 id;

  if (!check_referral (from_contact, to_contact, prospect, given_on, note, error))
    return 0;
  stamp = rapport_store_next_stamp (self);
  id = insert_referral_row (self, from_contact, to_contact, prospect, huddle_id, given_on, note, stamp, step, error);
  if (id == 0 || !log_on_timelines (self, from_contact, to_contact, prospect, noon_of (given_on), FALSE, entries, error))
    return 0;
  return id;
}

/**
 * rapport_store_advance_referral:
 * @self: a store
 * @referral_id: a referral
 * @status: where it stands now
 * @value_cents: the value of the business closed, with
 *   %RAPPORT_REFERRAL_WON only; -1 otherwise
 * @happened_on: (nullable): the day (YYYY-MM-DD), or %NULL for today
 * @note: (nullable): a note, like the thank-you
 * @error: return location for a #GError
 *
 * Appends a step to the referral's ledger; nothing earlier changes. A
 * negative value, or a value with another status than "won", is refused
 * with %RAPPORT_ERROR_INVALID.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_advance_referral (RapportStore *self,
                                gint64 referral_id,
                                RapportReferralStatus status,
                                gint64 value_cents,
                                const char *happened_on,
                                const char *note,
                                GError **error)
{
  g_autofree char *today = rapport_date_today ();
  g_autofree char *stamp = NULL;
  g_autoptr(RapportReferral) referral = NULL;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (happened_on == NULL)
    happened_on = today;
  if (!check_step (status, value_cents, happened_on, note, error))
    return FALSE;
  referral = rapport_store_get_referral (self, referral_id, error);
  if (referral == NULL)
    return FALSE;
  if (g_strcmp0 (happened_on, rapport_referral_get_given_on (referral)) < 0)
    return invalid (error, _("A referral cannot move on before the day it was given."));

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  ok = append_step (self, referral_id, status, value_cents, happened_on, note, stamp, error);
  if (!finish (self, ok, error))
    return FALSE;
  rapport_store_emit_changed (self, "referrals", 0);
  if (rapport_referral_get_huddle_id (referral) != 0)
    rapport_store_emit_changed (self, "huddles", rapport_referral_get_huddle_id (referral));
  return TRUE;
}

/* Inside a transaction: a later step of a referral written by
 * rapport_store_insert_referral_row(), for the same bulk write; the
 * caller keeps the steps in date order, none before the referral was
 * given. Returns the step's id, or 0. */
gint64
rapport_store_insert_referral_step_row (RapportStore *self,
                                        gint64 referral_id,
                                        RapportReferralStatus status,
                                        gint64 value_cents,
                                        const char *happened_on,
                                        const char *note,
                                        GError **error)
{
  g_autofree char *stamp = NULL;

  if (!check_step (status, value_cents, happened_on, note, error))
    return 0;
  stamp = rapport_store_next_stamp (self);
  return insert_step_row (self, referral_id, status, value_cents, happened_on, note, stamp, error);
}

/* A referral's state is its latest step: by day, then by the order written. */
#define REFERRAL_COLUMNS                                                                           \
  "r.id, r.uuid, coalesce (r.from_contact, 0), f.display_name, coalesce (r.to_contact, 0),"        \
  " t.display_name, r.prospect, p.display_name, coalesce (r.huddle_id, 0), h.name, r.given_on,"    \
  " r.note, s.status, s.value_cents, s.happened_on"                                                \
  " FROM referrals r"                                                                              \
  " LEFT JOIN contacts f ON f.id = r.from_contact"                                                 \
  " LEFT JOIN contacts t ON t.id = r.to_contact"                                                   \
  " LEFT JOIN contacts p ON p.id = r.prospect"                                                     \
  " LEFT JOIN huddles h ON h.id = r.huddle_id"                                                     \
  " JOIN referral_steps s ON s.id = (SELECT x.id FROM referral_steps x WHERE x.referral_id = r.id" \
  "  ORDER BY x.happened_on DESC, x.created DESC, x.uuid DESC LIMIT 1)"

static RapportReferral *
referral_from_row (sqlite3_stmt *stmt)
{
  gint64 from = sqlite3_column_int64 (stmt, 2);
  gint64 to = sqlite3_column_int64 (stmt, 4);

  return g_object_new (RAPPORT_TYPE_REFERRAL,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "uuid", column_text (stmt, 1),
                       "from-contact", from,
                       "from-name", person_name (from, column_text (stmt, 3)),
                       "to-contact", to,
                       "to-name", person_name (to, column_text (stmt, 5)),
                       "prospect", sqlite3_column_int64 (stmt, 6),
                       "prospect-name", person_name (-1, column_text (stmt, 7)),
                       "huddle-id", sqlite3_column_int64 (stmt, 8),
                       "huddle-name", column_text (stmt, 9),
                       "given-on", column_text (stmt, 10),
                       "note", column_text (stmt, 11),
                       "status", (int) rapport_referral_status_from_string (column_text (stmt, 12)),
                       "value-cents", sqlite3_column_type (stmt, 13) == SQLITE_NULL ? (gint64) -1 : sqlite3_column_int64 (stmt, 13),
                       "status-on", column_text (stmt, 14),
                       NULL);
}

RapportReferral *
rapport_store_get_referral (RapportStore *self,
                            gint64 id,
                            GError **error)
{
  RapportReferral *referral = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self, "SELECT " REFERRAL_COLUMNS " WHERE r.id = ? AND r.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    referral = referral_from_row (stmt);
  sqlite3_reset (stmt);
  if (referral == NULL)
    not_found (error, _("This referral no longer exists."));
  return referral;
}

/**
 * rapport_store_list_referrals:
 * @self: a store
 * @query: which referrals
 * @error: return location for a #GError
 *
 * Returns: (transfer full): #RapportReferral items, latest given first
 */
GListModel *
rapport_store_list_referrals (RapportStore *self,
                              const RapportReferralQuery *query,
                              GError **error)
{
  g_autoptr(GListStore) referrals = g_list_store_new (RAPPORT_TYPE_REFERRAL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT " REFERRAL_COLUMNS " WHERE r.deleted = 0"
                                " AND (?1 = 0 OR r.huddle_id = ?1)"
                                " AND (?2 = -1 OR coalesce (r.from_contact, 0) = ?2 OR coalesce (r.to_contact, 0) = ?2"
                                "  OR r.prospect = ?2)"
                                " ORDER BY r.given_on DESC, r.id DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, query->huddle_id);
  sqlite3_bind_int64 (stmt, 2, query->person);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportReferral) referral = referral_from_row (stmt);

      g_list_store_append (referrals, referral);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&referrals));
}

static void
balance_clear (gpointer data)
{
  RapportReferralBalance *row = data;

  g_free (row->name);
}

/**
 * rapport_store_referral_balances:
 * @self: a store
 * @huddle_id: a huddle
 * @since: (nullable): count referrals given from this day (YYYY-MM-DD),
 *   or %NULL for all
 * @error: return location for a #GError
 *
 * For every member the huddle has had, what they gave and received in
 * its ledger, and the business those referrals closed.
 *
 * Returns: (transfer full) (element-type RapportReferralBalance): one row
 *   per member, current ones first, or %NULL on error
 */
GArray *
rapport_store_referral_balances (RapportStore *self,
                                 gint64 huddle_id,
                                 const char *since,
                                 GError **error)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (RapportReferralBalance));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_array_set_clear_func (rows, balance_clear);

  stmt = rapport_store_prepare (self,
                                "WITH current AS ("
                                "  SELECT r.id, coalesce (r.from_contact, 0) AS giver, coalesce (r.to_contact, 0) AS receiver,"
                                "   (SELECT CASE x.status WHEN 'won' THEN coalesce (x.value_cents, 0) ELSE 0 END"
                                "    FROM referral_steps x WHERE x.referral_id = r.id"
                                "    ORDER BY x.happened_on DESC, x.created DESC, x.uuid DESC LIMIT 1) AS won"
                                "  FROM referrals r WHERE r.huddle_id = ?1 AND r.deleted = 0"
                                "   AND (?2 IS NULL OR r.given_on >= ?2)),"
                                " people AS ("
                                "  SELECT coalesce (contact_id, 0) AS person, min (left_on IS NOT NULL) AS former"
                                "  FROM huddle_members WHERE huddle_id = ?1 AND deleted = 0 GROUP BY 1)"
                                " SELECT p.person, c.display_name,"
                                "  (SELECT count(*) FROM current WHERE giver = p.person),"
                                "  (SELECT count(*) FROM current WHERE receiver = p.person),"
                                "  (SELECT total (won) FROM current WHERE giver = p.person),"
                                "  (SELECT total (won) FROM current WHERE receiver = p.person)"
                                " FROM people p LEFT JOIN contacts c ON c.id = p.person"
                                " ORDER BY p.former, p.person <> 0, c.sort_key, p.person",
                                error);
  if (stmt == NULL)
    {
      g_array_unref (rows);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, huddle_id);
  if (since != NULL)
    sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportReferralBalance row = {
        .contact_id = sqlite3_column_int64 (stmt, 0),
        .name = g_strdup (person_name (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1))),
        .given = sqlite3_column_int (stmt, 2),
        .received = sqlite3_column_int (stmt, 3),
        .won_given_cents = sqlite3_column_int64 (stmt, 4),
        .won_received_cents = sqlite3_column_int64 (stmt, 5),
      };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      g_array_unref (rows);
      return NULL;
    }
  return rows;
}

/**
 * rapport_store_closed_business:
 * @self: a store
 * @huddle_id: a huddle, or 0 for every referral
 *
 * Returns: the value of the business its referrals closed, in cents
 */
gint64
rapport_store_closed_business (RapportStore *self,
                               gint64 huddle_id)
{
  sqlite3_stmt *stmt;
  gint64 total = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  stmt = rapport_store_prepare (self,
                                "SELECT total (CASE s.status WHEN 'won' THEN coalesce (s.value_cents, 0) ELSE 0 END)"
                                " FROM referrals r JOIN referral_steps s ON s.id = (SELECT x.id FROM referral_steps x"
                                "  WHERE x.referral_id = r.id ORDER BY x.happened_on DESC, x.created DESC, x.uuid DESC LIMIT 1)"
                                " WHERE r.deleted = 0 AND (?1 = 0 OR r.huddle_id = ?1)",
                                NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, huddle_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return total;
}

/* Tombstones, for taking a bulk write (the sample network) out again
 * inside the caller's transaction; each is recorded in the outbox. */

/* Runs @sql, an UPDATE of the rows that belong to ?2 stamped ?1 and
 * RETURNING their ids, and records each of them as @entity; @n (if not
 * %NULL) receives how many. */
static gboolean
tombstone_rows (RapportStore *self,
                const char *sql,
                const char *entity,
                gint64 key,
                const char *stamp,
                guint *n,
                GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = rapport_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, key);
  if (!rapport_store_collect_ids (self, stmt, ids, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!rapport_store_outbox_append (self, entity, g_array_index (ids, gint64, i), error))
      return FALSE;
  if (n != NULL)
    *n = ids->len;
  return TRUE;
}

#define TOMBSTONE_MEMBERS(where)                                                                    \
  "UPDATE huddle_members SET deleted = 1, service = '', offering = NULL, updated = ?1 WHERE " where \
  " = ?2 AND deleted = 0 RETURNING id"

/**
 * rapport_store_tombstone_huddle_record:
 * @self: a store, inside a transaction
 * @entity: "referral", "meeting" or "huddle_member"
 * @id: the record's id
 * @stamp: the HLC stamp of the deletion
 * @error: return location for a #GError
 *
 * Deletes one record: a referral, whose steps stay since the ledger is
 * append-only (a deleted referral hides them everywhere), a meeting with
 * everyone's attendance, or a member. One deleted already is left alone.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_tombstone_huddle_record (RapportStore *self,
                                       const char *entity,
                                       gint64 id,
                                       const char *stamp,
                                       GError **error)
{
  if (g_str_equal (entity, "referral"))
    return tombstone_rows (self,
                           "UPDATE referrals SET deleted = 1, note = NULL, updated = ?1"
                           " WHERE id = ?2 AND deleted = 0 RETURNING id",
                           entity, id, stamp, NULL, error);
  if (g_str_equal (entity, "meeting"))
    return tombstone_rows (self,
                           "UPDATE attendance SET deleted = 1, asks = NULL, offers = NULL, updated = ?1"
                           " WHERE meeting_id = ?2 AND deleted = 0 RETURNING id",
                           "attendance", id, stamp, NULL, error) &&
           tombstone_rows (self,
                           "UPDATE meetings SET deleted = 1, notes = NULL, updated = ?1"
                           " WHERE id = ?2 AND deleted = 0 RETURNING id",
                           entity, id, stamp, NULL, error);
  if (g_str_equal (entity, "huddle_member"))
    return tombstone_rows (self, TOMBSTONE_MEMBERS ("id"), entity, id, stamp, NULL, error);
  g_return_val_if_reached (FALSE);
}

/* Inside a transaction: a contact deleted for good leaves every huddle
 * today; the membership rows stay, as for anyone who leaves. */
gboolean
rapport_store_end_memberships_of (RapportStore *self,
                                  gint64 contact_id,
                                  const char *stamp,
                                  GError **error)
{
  return tombstone_rows (self,
                         "UPDATE huddle_members SET left_on = date ('now', 'localtime'), updated = ?1"
                         " WHERE contact_id = ?2 AND deleted = 0 AND left_on IS NULL RETURNING id",
                         "huddle_member", contact_id, stamp, NULL, error);
}

/* Inside a transaction: deletes a huddle with its members, unless a
 * meeting or a referral still belongs to it; @deleted says which. */
gboolean
rapport_store_tombstone_huddle (RapportStore *self,
                                gint64 id,
                                const char *stamp,
                                gboolean *deleted,
                                GError **error)
{
  guint n = 0;

  if (!tombstone_rows (self,
                       "UPDATE huddles SET deleted = 1, name = '', industry = NULL, audience = '[]',"
                       " place = NULL, sort_key = '', updated = ?1 WHERE id = ?2 AND deleted = 0"
                       " AND NOT EXISTS (SELECT 1 FROM meetings WHERE huddle_id = ?2 AND deleted = 0)"
                       " AND NOT EXISTS (SELECT 1 FROM referrals WHERE huddle_id = ?2 AND deleted = 0)"
                       " RETURNING id",
                       "huddle", id, stamp, &n, error))
    return FALSE;
  *deleted = n > 0;
  return !*deleted || tombstone_rows (self, TOMBSTONE_MEMBERS ("huddle_id"), "huddle_member", id, stamp, NULL, error);
}
