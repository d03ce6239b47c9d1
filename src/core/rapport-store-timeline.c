/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-timeline.c: interactions and follow-ups.
 *
 * Logging any interaction moves the contact's "last interaction", which is
 * what keep-in-touch cadences count from. A follow-up marked done logs a
 * "followed up" interaction in the same transaction.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define MAX_NOTE_BYTES (8 * 1024 * 1024)

static gboolean
check_note (const char *note,
            GError **error)
{
  if (note == NULL)
    return TRUE;
  if (!g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The note contains text that is not valid UTF-8."));
      return FALSE;
    }
  if (strlen (note) > MAX_NOTE_BYTES)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("The note is too long (more than 8 MB)."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
contact_is_active (RapportStore *self,
                   gint64 contact_id,
                   GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = rapport_store_prepare (self, "SELECT 1 FROM contacts WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This contact no longer exists."));
  return found;
}

static const char *
empty_to_null (const char *text)
{
  return (text == NULL || *text == '\0') ? NULL : text;
}

/* Inside a transaction: inserts the row alone. Returns the new id, or 0. */
gint64
rapport_store_insert_interaction_row (RapportStore *self,
                                      gint64 contact_id,
                                      RapportInteractionKind kind,
                                      gint64 happened_at,
                                      const char *note,
                                      GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO interactions (uuid, contact_id, kind, happened_at, note, created, updated)"
                                " VALUES (?, ?, ?, ?, ?, ?6, ?6)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_text (stmt, 3, rapport_interaction_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, happened_at);
  if (empty_to_null (note))
    sqlite3_bind_text (stmt, 5, note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (self));
}

/* Inside a transaction: moves the contact's keep-in-touch clock to
 * @happened_at unless it already is later. */
gboolean
rapport_store_touch_contact (RapportStore *self,
                             gint64 contact_id,
                             gint64 happened_at,
                             GError **error)
{
  sqlite3_stmt *stmt;

  /* A local, derived column: every device computes it from the timeline. */
  stmt = rapport_store_prepare (self,
                                "UPDATE contacts SET last_interaction = max (coalesce (last_interaction, 0), ?)"
                                " WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, happened_at);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  return rapport_store_step_done (self, stmt, error);
}

/* Inside a transaction: inserts the row, records it in the outbox and
 * moves the contact's keep-in-touch clock. Returns the new id, or 0. */
gint64
rapport_store_insert_interaction (RapportStore *self,
                                  gint64 contact_id,
                                  RapportInteractionKind kind,
                                  gint64 happened_at,
                                  const char *note,
                                  GError **error)
{
  gint64 id = rapport_store_insert_interaction_row (self, contact_id, kind, happened_at, note, error);

  if (id == 0 ||
      !rapport_store_touch_contact (self, contact_id, happened_at, error) ||
      !rapport_store_outbox_append (self, "interaction", id, error))
    return 0;
  return id;
}

/* Inside a transaction: inserts the row alone; @done_at is 0 for a pending
 * follow-up. Returns the new id, or 0. */
gint64
rapport_store_insert_followup_row (RapportStore *self,
                                   gint64 contact_id,
                                   const char *due,
                                   gint64 done_at,
                                   const char *note,
                                   GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO followups (uuid, contact_id, due, done_at, note, created, updated)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_text (stmt, 3, due, -1, SQLITE_STATIC);
  if (done_at != 0)
    sqlite3_bind_int64 (stmt, 4, done_at);
  if (empty_to_null (note))
    sqlite3_bind_text (stmt, 5, note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (self));
}

gint64
rapport_store_insert_followup (RapportStore *self,
                               gint64 contact_id,
                               const char *due,
                               const char *note,
                               GError **error)
{
  gint64 id = rapport_store_insert_followup_row (self, contact_id, due, 0, note, error);

  if (id == 0 || !rapport_store_outbox_append (self, "followup", id, error))
    return 0;
  return id;
}

/**
 * rapport_store_log_interaction:
 * @self: a store
 * @contact_id: the contact
 * @kind: what happened
 * @happened_at: when, in seconds since the epoch
 * @note: (nullable): a note
 * @error: return location for a #GError
 *
 * Adds an entry to the contact's timeline; this also restarts the
 * contact's keep-in-touch clock.
 *
 * Returns: the new interaction's id, or 0 on error
 */
gint64
rapport_store_log_interaction (RapportStore *self,
                               gint64 contact_id,
                               RapportInteractionKind kind,
                               gint64 happened_at,
                               const char *note,
                               GError **error)
{
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (!check_note (note, error))
    return 0;
  if (!rapport_store_begin (self, error))
    return 0;
  if (!contact_is_active (self, contact_id, error))
    goto fail;
  id = rapport_store_insert_interaction (self, contact_id, kind, happened_at, note, error);
  if (id == 0 || !rapport_store_commit (self, error))
    goto fail;

  rapport_store_refresh_contact (self, contact_id);
  rapport_store_emit_changed (self, "interactions", contact_id);
  rapport_store_emit_changed (self, "followups", contact_id);
  return id;

fail:
  rapport_store_rollback (self);
  return 0;
}

/* Tombstones interaction @id inside the caller's transaction and moves its
 * contact's keep-in-touch clock back to the latest entry left. */
static gboolean
tombstone_interaction (RapportStore *self,
                       gint64 id,
                       gint64 *contact_id,
                       GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;

  *contact_id = 0;
  stmt = rapport_store_prepare (self, "SELECT contact_id FROM interactions WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *contact_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (*contact_id == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This entry no longer exists."));
      return FALSE;
    }

  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self, "UPDATE interactions SET deleted = 1, note = NULL, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!rapport_store_step_done (self, stmt, error) ||
      !rapport_store_outbox_append (self, "interaction", id, error))
    return FALSE;

  stmt = rapport_store_prepare (self,
                                "UPDATE contacts SET last_interaction ="
                                " (SELECT max (happened_at) FROM interactions WHERE contact_id = ?1 AND deleted = 0)"
                                " WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *contact_id);
  return rapport_store_step_done (self, stmt, error);
}

/**
 * rapport_store_delete_interaction:
 * @self: a store
 * @id: an interaction id
 * @error: return location for a #GError
 *
 * Removes a timeline entry (a tombstone, so other devices remove it too).
 * The contact's keep-in-touch clock goes back to the latest entry left.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_delete_interaction (RapportStore *self,
                                  gint64 id,
                                  GError **error)
{
  gint64 contact_id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;
  if (!tombstone_interaction (self, id, &contact_id, error) || !rapport_store_commit (self, error))
    {
      rapport_store_rollback (self);
      return FALSE;
    }

  rapport_store_refresh_contact (self, contact_id);
  rapport_store_emit_changed (self, "interactions", contact_id);
  rapport_store_emit_changed (self, "followups", contact_id);
  return TRUE;
}

/**
 * rapport_store_list_interactions:
 * @self: a store
 * @contact_id: the contact
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list of #RapportInteraction, newest first
 */
GListModel *
rapport_store_list_interactions (RapportStore *self,
                                 gint64 contact_id,
                                 GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT id, uuid, kind, happened_at, note FROM interactions"
                                " WHERE contact_id = ? AND deleted = 0 ORDER BY happened_at DESC, id DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(RapportInteraction) item =
                     rapport_interaction_new (sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              contact_id,
                                              rapport_interaction_kind_from_string ((const char *) sqlite3_column_text (stmt, 2)),
                                              sqlite3_column_int64 (stmt, 3),
                                              (const char *) sqlite3_column_text (stmt, 4));
      g_list_store_append (list, item);
    }
  sqlite3_reset (stmt);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * rapport_followup_due_after_meeting:
 * @met_on: the date of the meeting
 * @window: the user's follow-up window
 *
 * Returns: (transfer full) (nullable): the due date of the follow-up
 *   Rapport proposes after meeting someone on @met_on
 */
char *
rapport_followup_due_after_meeting (const char *met_on,
                                    RapportFollowupWindow window)
{
  return rapport_date_add_days (met_on, window == RAPPORT_FOLLOWUP_WINDOW_SAME_DAY ? 0 : 1);
}

/**
 * rapport_store_add_followup:
 * @self: a store
 * @contact_id: the contact to follow up with
 * @due: the due date, like "2026-11-26"
 * @note: (nullable): what to follow up about
 * @error: return location for a #GError
 *
 * Returns: the new follow-up's id, or 0 on error
 */
gint64
rapport_store_add_followup (RapportStore *self,
                            gint64 contact_id,
                            const char *due,
                            const char *note,
                            GError **error)
{
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (!rapport_date_is_valid (due))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a date for the follow-up."), due ? due : "");
      return 0;
    }
  if (!check_note (note, error) || !rapport_store_begin (self, error))
    return 0;
  if (!contact_is_active (self, contact_id, error))
    goto fail;
  id = rapport_store_insert_followup (self, contact_id, due, note, error);
  if (id == 0 || !rapport_store_commit (self, error))
    goto fail;
  rapport_store_emit_changed (self, "followups", contact_id);
  return id;

fail:
  rapport_store_rollback (self);
  return 0;
}

/**
 * rapport_store_complete_followup:
 * @self: a store
 * @followup: a pending follow-up from rapport_store_list_followups()
 * @note: (nullable): how it went; the follow-up's own note otherwise
 * @error: return location for a #GError
 *
 * Marks a reminder done and logs a "followed up" interaction; for a
 * keep-in-touch item, logging the interaction is what resets the clock.
 * rapport_store_reopen_followup() takes it back.
 *
 * Returns: the id of the logged interaction, or 0 on error
 */
gint64
rapport_store_complete_followup (RapportStore *self,
                                 RapportFollowup *followup,
                                 const char *note,
                                 GError **error)
{
  gint64 contact_id;
  gint64 interaction_id;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (followup), 0);

  contact_id = rapport_followup_get_contact_id (followup);
  if (empty_to_null (note) == NULL)
    note = rapport_followup_get_note (followup);
  if (!check_note (note, error) || !rapport_store_begin (self, error))
    return 0;
  if (!contact_is_active (self, contact_id, error))
    goto fail;

  if (rapport_followup_get_kind (followup) == RAPPORT_FOLLOWUP_REMINDER)
    {
      g_autofree char *stamp = rapport_store_next_stamp (self);
      sqlite3_stmt *stmt;

      stmt = rapport_store_prepare (self,
                                    "UPDATE followups SET done_at = ?, updated = ?"
                                    " WHERE id = ? AND done_at IS NULL AND deleted = 0",
                                    error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, rapport_followup_get_id (followup));
      if (!rapport_store_step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (rapport_store_get_db (self)) != 1)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                       _("This follow-up was already done or no longer exists."));
          goto fail;
        }
      if (!rapport_store_outbox_append (self, "followup", rapport_followup_get_id (followup), error))
        goto fail;
    }

  interaction_id = rapport_store_insert_interaction (self, contact_id, RAPPORT_INTERACTION_FOLLOW_UP, now, note, error);
  if (interaction_id == 0 || !rapport_store_commit (self, error))
    goto fail;

  rapport_store_refresh_contact (self, contact_id);
  rapport_store_emit_changed (self, "interactions", contact_id);
  rapport_store_emit_changed (self, "followups", contact_id);
  return interaction_id;

fail:
  rapport_store_rollback (self);
  return 0;
}

/**
 * rapport_store_reopen_followup:
 * @self: a store
 * @followup_id: the reminder that was marked done, or 0 for a
 *   keep-in-touch item
 * @interaction_id: what rapport_store_complete_followup() returned
 * @error: return location for a #GError
 *
 * Takes back a follow-up marked done by mistake: the reminder is pending
 * again with its date and note, the "followed up" entry leaves the
 * timeline, and the keep-in-touch clock goes back to where it was.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_reopen_followup (RapportStore *self,
                               gint64 followup_id,
                               gint64 interaction_id,
                               GError **error)
{
  gint64 contact_id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;

  /* Only the "followed up" entry of the same person is taken back. */
  {
    sqlite3_stmt *stmt = rapport_store_prepare (self,
                                                "SELECT 1 FROM interactions i"
                                                " WHERE i.id = ?1 AND i.deleted = 0 AND i.kind = ?3"
                                                "  AND (?2 = 0 OR i.contact_id ="
                                                "       (SELECT contact_id FROM followups WHERE id = ?2))",
                                                error);
    gboolean matches;

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, interaction_id);
    sqlite3_bind_int64 (stmt, 2, followup_id);
    sqlite3_bind_text (stmt, 3, rapport_interaction_kind_to_string (RAPPORT_INTERACTION_FOLLOW_UP), -1, SQLITE_STATIC);
    matches = sqlite3_step (stmt) == SQLITE_ROW;
    sqlite3_reset (stmt);
    if (!matches)
      {
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This follow-up can no longer be undone."));
        goto fail;
      }
  }

  if (followup_id != 0)
    {
      g_autofree char *stamp = rapport_store_next_stamp (self);
      sqlite3_stmt *stmt;

      stmt = rapport_store_prepare (self,
                                    "UPDATE followups SET done_at = NULL, updated = ?"
                                    " WHERE id = ? AND done_at IS NOT NULL AND deleted = 0",
                                    error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, followup_id);
      if (!rapport_store_step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (rapport_store_get_db (self)) != 1)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                       _("This follow-up is no longer marked done."));
          goto fail;
        }
      if (!rapport_store_outbox_append (self, "followup", followup_id, error))
        goto fail;
    }
  if (!tombstone_interaction (self, interaction_id, &contact_id, error) || !rapport_store_commit (self, error))
    goto fail;

  rapport_store_refresh_contact (self, contact_id);
  rapport_store_emit_changed (self, "interactions", contact_id);
  rapport_store_emit_changed (self, "followups", contact_id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/**
 * rapport_store_postpone_followup:
 * @self: a store
 * @id: a pending reminder's id
 * @due: the new due date
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_postpone_followup (RapportStore *self,
                                 gint64 id,
                                 const char *due,
                                 GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_date_is_valid (due))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a date for the follow-up."), due ? due : "");
      return FALSE;
    }
  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self,
                                "UPDATE followups SET due = ?, updated = ? WHERE id = ? AND done_at IS NULL AND deleted = 0",
                                error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, due, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!rapport_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (rapport_store_get_db (self)) != 1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("This follow-up was already done or no longer exists."));
      goto fail;
    }
  if (!rapport_store_outbox_append (self, "followup", id, error) || !rapport_store_commit (self, error))
    goto fail;
  rapport_store_emit_changed (self, "followups", 0);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/* Pending reminders, and keep-in-touch items for contacts without one whose
 * cadence has run out by ?1, today: due on the local date of
 * keep_in_touch_at, the last interaction (or the card's creation) plus the
 * cadence. Both halves read indexes only (see migration 2); the index range
 * on keep_in_touch_at ends a day past today whatever the time zone, and the
 * local date decides. */
#define FOLLOWUPS_SQL                                                                   \
  "SELECT 0 AS kind, f.id, f.contact_id, c.display_name, f.due, f.note, c.sort_key"     \
  " FROM followups f JOIN contacts c INDEXED BY contacts_active"                        \
  "  ON c.id = f.contact_id AND c.deleted = 0 AND c.archived = 0"                       \
  " WHERE f.done_at IS NULL AND f.deleted = 0"                                          \
  " UNION ALL "                                                                         \
  "SELECT 1, 0, c.id, c.display_name,"                                                  \
  "  date (c.keep_in_touch_at, 'unixepoch', 'localtime') AS kit_due, NULL, c.sort_key"  \
  " FROM contacts c INDEXED BY contacts_keep_in_touch"                                  \
  " WHERE c.cadence_days > 0 AND c.deleted = 0 AND c.archived = 0"                      \
  "  AND c.keep_in_touch_at < CAST (strftime ('%s', ?1, '+2 days') AS INTEGER)"         \
  "  AND kit_due <= ?1"                                                                 \
  "  AND NOT EXISTS (SELECT 1 FROM followups p INDEXED BY followups_pending_by_contact" \
  "                  WHERE p.contact_id = c.id AND p.done_at IS NULL AND p.deleted = 0)"

static GListModel *
list_followups (RapportStore *self,
                const char *sql,
                const char *today,
                gint64 contact_id,
                GError **error)
{
  g_autoptr(GListStore) list = g_list_store_new (RAPPORT_TYPE_FOLLOWUP);
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  if (contact_id != 0)
    sqlite3_bind_int64 (stmt, 2, contact_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *due = (const char *) sqlite3_column_text (stmt, 4);
      int cmp = g_strcmp0 (due, today);
      RapportFollowupSection section = cmp < 0    ? RAPPORT_FOLLOWUP_OVERDUE
                                       : cmp == 0 ? RAPPORT_FOLLOWUP_TODAY
                                                  : RAPPORT_FOLLOWUP_UPCOMING;
      g_autoptr(RapportFollowup) item =
                     rapport_followup_new (sqlite3_column_int (stmt, 0) ? RAPPORT_FOLLOWUP_KEEP_IN_TOUCH
                                                                        : RAPPORT_FOLLOWUP_REMINDER,
                                           sqlite3_column_int64 (stmt, 1),
                                           sqlite3_column_int64 (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3),
                                           due,
                                           (const char *) sqlite3_column_text (stmt, 5),
                                           section);
      g_list_store_append (list, item);
    }
  sqlite3_reset (stmt);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * rapport_store_list_followups:
 * @self: a store
 * @today: today's date, like "2026-11-25"
 * @error: return location for a #GError
 *
 * Everything the user should follow up on: pending reminders, whatever
 * their date, and contacts whose keep-in-touch cadence ran out by @today.
 * Each item knows its section (overdue, today, upcoming); the list is in
 * due-date order.
 *
 * Returns: (transfer full): a list of #RapportFollowup
 */
GListModel *
rapport_store_list_followups (RapportStore *self,
                              const char *today,
                              GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (rapport_date_is_valid (today), NULL);

  return list_followups (self, "SELECT * FROM (" FOLLOWUPS_SQL ") ORDER BY 5, 7, 3", today, 0, error);
}

/**
 * rapport_store_list_contact_followups:
 * @self: a store
 * @contact_id: a contact
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the contact's pending reminders, soonest first
 */
GListModel *
rapport_store_list_contact_followups (RapportStore *self,
                                      gint64 contact_id,
                                      GError **error)
{
  g_autofree char *today = rapport_date_today ();

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return list_followups (self,
                         "SELECT 0, f.id, f.contact_id, c.display_name, f.due, f.note, ?1"
                         " FROM followups f JOIN contacts c ON c.id = f.contact_id"
                         " WHERE f.contact_id = ?2 AND f.done_at IS NULL AND f.deleted = 0"
                         " ORDER BY f.due, f.id",
                         today, contact_id, error);
}

/**
 * rapport_store_count_due:
 * @self: a store
 * @today: today's date
 *
 * Returns: how many follow-ups are due today or overdue, keep-in-touch
 *   items included
 */
guint
rapport_store_count_due (RapportStore *self,
                         const char *today)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  stmt = rapport_store_prepare (self, "SELECT count(*) FROM (" FOLLOWUPS_SQL ") WHERE due <= ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
followup_entry_clear (RapportFollowupEntry *entry)
{
  g_free (entry->uuid);
  g_free (entry->contact_name);
  g_free (entry->due);
  g_free (entry->note);
}

/**
 * rapport_store_list_all_followups:
 * @self: a store
 * @error: return location for a #GError
 *
 * Every follow-up, pending or done, of the contacts that are neither
 * archived nor deleted, by due day. Keep-in-touch items are not rows and
 * are not listed.
 *
 * Returns: (transfer full) (element-type RapportFollowupEntry) (nullable):
 *   the follow-ups, or %NULL with @error
 */
GArray *
rapport_store_list_all_followups (RapportStore *self,
                                  GError **error)
{
  g_autoptr(GArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT f.uuid, f.contact_id, c.display_name, f.due, f.done_at, f.note"
                                " FROM followups f JOIN contacts c ON c.id = f.contact_id"
                                " WHERE f.deleted = 0 AND c.deleted = 0 AND c.archived = 0"
                                " ORDER BY f.due, f.id",
                                error);
  if (stmt == NULL)
    return NULL;
  entries = g_array_new (FALSE, TRUE, sizeof (RapportFollowupEntry));
  g_array_set_clear_func (entries, (GDestroyNotify) followup_entry_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportFollowupEntry entry = {
        .uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        .contact_id = sqlite3_column_int64 (stmt, 1),
        .contact_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .due = g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
        .done_at = sqlite3_column_int64 (stmt, 4),
        .note = g_strdup ((const char *) sqlite3_column_text (stmt, 5)),
      };

      g_array_append_val (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
