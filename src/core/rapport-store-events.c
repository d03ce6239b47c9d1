/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-events.c: groups, events, the people met there, the
 * scorecard and the user's profile.
 *
 * Every edit validates its input, writes, and appends to the outbox in one
 * transaction, as contacts do. Figures (a group's quality, money and
 * hours) are computed by SQL over the events_by_group index, never by
 * loading events one by one. A group that has events is archived, never
 * deleted, so that no event loses its host.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define MAX_TEXT_BYTES (1024 * 1024)
#define MAX_NOTES_BYTES (8 * 1024 * 1024)
/* Longer than any conference; a typo of a few extra zeros is refused. */
#define MAX_EVENT_MINUTES (14 * 24 * 60)
#define MAX_TRAVEL_MINUTES (2 * 24 * 60)
/* A billion dollars in cents: beyond it, the number was mistyped. */
#define MAX_CENTS G_GINT64_CONSTANT (100000000000)

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

static gboolean
invalid (GError **error,
         const char *message)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, message);
  return FALSE;
}

/* Groups */

#define GROUP_COLUMNS                                                           \
  "g.id, g.uuid, g.name, g.kind, g.audience, g.dues_cents, g.website, g.notes," \
  " g.verdict, g.verdict_reason, g.archived,"                                   \
  " (SELECT count(*) FROM events e WHERE e.group_id = g.id AND e.deleted = 0)," \
  " (SELECT round (avg (e.quality)) FROM events e WHERE e.group_id = g.id AND e.deleted = 0)"

/**
 * rapport_store_get_group:
 * @self: a store
 * @id: a group id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a snapshot of the group with its
 *   number of events and average quality, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportGroup *
rapport_store_get_group (RapportStore *self,
                         gint64 id,
                         GError **error)
{
  g_autoptr(RapportGroup) group = NULL;
  g_autofree char *audience_json = NULL;
  g_auto(GStrv) audience = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self, "SELECT " GROUP_COLUMNS " FROM groups g WHERE g.id = ? AND g.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This group no longer exists."));
      else
        rapport_store_set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  group = g_object_new (RAPPORT_TYPE_GROUP,
                        "id", sqlite3_column_int64 (stmt, 0),
                        "uuid", column_text (stmt, 1),
                        "name", column_text (stmt, 2),
                        "kind", rapport_group_kind_from_string (column_text (stmt, 3)),
                        "dues-cents", sqlite3_column_int64 (stmt, 5),
                        "website", column_text (stmt, 6),
                        "notes", column_text (stmt, 7),
                        "verdict", rapport_verdict_from_string (column_text (stmt, 8)),
                        "verdict-reason", column_text (stmt, 9),
                        "archived", sqlite3_column_int (stmt, 10) != 0,
                        "n-events", sqlite3_column_int (stmt, 11),
                        "quality", sqlite3_column_type (stmt, 12) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 12),
                        NULL);
  audience_json = g_strdup (column_text (stmt, 4));
  sqlite3_reset (stmt);
  audience = rapport_store_parse_strv (self, audience_json);
  rapport_group_set_audience (group, (const char *const *) audience);
  return g_steal_pointer (&group);
}

static gboolean
check_group (RapportGroup *group,
             GError **error)
{
  const char *name = rapport_group_get_name (group);
  const char *const *audience = rapport_group_get_audience (group);

  if (name == NULL || rapport_text_is_blank (name))
    return invalid (error, _("A group needs a name."));
  if (rapport_group_get_dues_cents (group) < 0)
    return invalid (error, _("Dues cannot be negative."));
  if (rapport_group_get_dues_cents (group) > MAX_CENTS)
    return invalid (error, _("The dues are too large to be right."));
  for (guint i = 0; audience != NULL && audience[i] != NULL; i++)
    if (!rapport_store_check_text (audience[i], N_("The audience"), MAX_TEXT_BYTES, error))
      return FALSE;
  return rapport_store_check_text (name, N_("The name"), MAX_TEXT_BYTES, error) &&
                                   rapport_store_check_text (rapport_group_get_website (group), N_("The website"), MAX_TEXT_BYTES, error) &&
                                                             rapport_store_check_text (rapport_group_get_notes (group), N_("The notes"), MAX_NOTES_BYTES, error) &&
                                                                                       rapport_store_check_text (rapport_group_get_verdict_reason (group), N_("The reason"), MAX_TEXT_BYTES, error);
}

/* Inside a transaction: writes a new group row and returns its id, or 0.
 * The caller records it in the outbox. */
static gint64
insert_group_row (RapportStore *self,
                  RapportGroup *group,
                  GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *audience = strv_to_json (rapport_group_get_audience (group));
  g_autofree char *sort_key = rapport_text_fold (rapport_group_get_name (group));
  g_autofree char *name = g_strstrip (g_strdup (rapport_group_get_name (group)));
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO groups (uuid, name, kind, audience, dues_cents, website, notes,"
                                " verdict, verdict_reason, archived, sort_key, created, updated)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?12, ?12)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rapport_group_kind_to_string (rapport_group_get_kind (group)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, audience, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, rapport_group_get_dues_cents (group));
  bind_text_or_null (stmt, 6, rapport_group_get_website (group));
  bind_text_or_null (stmt, 7, rapport_group_get_notes (group));
  sqlite3_bind_text (stmt, 8, rapport_verdict_to_string (rapport_group_get_verdict (group)), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 9, rapport_group_get_verdict_reason (group));
  sqlite3_bind_int (stmt, 10, rapport_group_get_archived (group));
  sqlite3_bind_text (stmt, 11, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, stamp, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (self));
}

static gboolean
update_group_row (RapportStore *self,
                  RapportGroup *group,
                  GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  g_autofree char *audience = strv_to_json (rapport_group_get_audience (group));
  g_autofree char *sort_key = rapport_text_fold (rapport_group_get_name (group));
  g_autofree char *name = g_strstrip (g_strdup (rapport_group_get_name (group)));
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "UPDATE groups SET name = ?, kind = ?, audience = ?, dues_cents = ?, website = ?,"
                                " notes = ?, verdict = ?, verdict_reason = ?, sort_key = ?, updated = ?"
                                " WHERE id = ? AND deleted = 0",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rapport_group_kind_to_string (rapport_group_get_kind (group)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, audience, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, rapport_group_get_dues_cents (group));
  bind_text_or_null (stmt, 5, rapport_group_get_website (group));
  bind_text_or_null (stmt, 6, rapport_group_get_notes (group));
  sqlite3_bind_text (stmt, 7, rapport_verdict_to_string (rapport_group_get_verdict (group)), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 8, rapport_group_get_verdict_reason (group));
  sqlite3_bind_text (stmt, 9, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, rapport_group_get_id (group));
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (rapport_store_get_db (self)) != 1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This group no longer exists."));
      return FALSE;
    }
  return TRUE;
}

/* Inside a transaction: validates and writes a new group, for a bulk write
 * that records it in the outbox itself. Returns its id, or 0. */
gint64
rapport_store_insert_group_row (RapportStore *self,
                                RapportGroup *group,
                                GError **error)
{
  if (!check_group (group, error))
    return 0;
  return insert_group_row (self, group, error);
}

/**
 * rapport_store_save_group:
 * @self: a store
 * @draft: a new group (id 0) or an edited copy of one
 * @error: return location for a #GError
 *
 * Validates and writes @draft. Invalid input (no name, negative dues)
 * fails with %RAPPORT_ERROR_INVALID and a message to show as it is;
 * nothing is written then. Archiving goes through
 * rapport_store_set_group_archived().
 *
 * Returns: the group's id, or 0 on error
 */
gint64
rapport_store_save_group (RapportStore *self,
                          RapportGroup *draft,
                          GError **error)
{
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (RAPPORT_IS_GROUP (draft), 0);

  if (!check_group (draft, error) || !rapport_store_begin (self, error))
    return 0;
  id = rapport_group_get_id (draft);
  if (id == 0)
    id = insert_group_row (self, draft, error);
  else if (!update_group_row (self, draft, error))
    id = 0;
  if (id == 0 || !rapport_store_outbox_append (self, "group", id, error) || !rapport_store_commit (self, error))
    {
      rapport_store_rollback (self);
      return 0;
    }
  rapport_group_set_id (draft, id);
  rapport_store_emit_changed (self, "groups", id);
  /* Event rows show their group's name. */
  rapport_store_emit_changed (self, "events", 0);
  return id;
}

/* Sets one column of a record, stamps it and records it, in one
 * transaction. @sql updates by id and takes (value, stamp, id). */
static gboolean
set_column (RapportStore *self,
            const char *sql,
            const char *entity,
            gint64 id,
            gint64 value,
            const char *not_found,
            GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  sqlite3_stmt *stmt;

  if (!rapport_store_begin (self, error))
    return FALSE;
  stmt = rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, value);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!rapport_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (rapport_store_get_db (self)) != 1)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, not_found);
      goto fail;
    }
  if (!rapport_store_outbox_append (self, entity, id, error) || !rapport_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/**
 * rapport_store_set_group_archived:
 * @self: a store
 * @id: a group id
 * @archived: whether to archive or restore it
 * @error: return location for a #GError
 *
 * An archived group leaves the list of groups; its events keep it.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_set_group_archived (RapportStore *self,
                                  gint64 id,
                                  gboolean archived,
                                  GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!set_column (self, "UPDATE groups SET archived = ?, updated = ? WHERE id = ? AND deleted = 0",
                   "group", id, !!archived, _("This group no longer exists."), error))
    return FALSE;
  rapport_store_emit_changed (self, "groups", id);
  return TRUE;
}

/* Inside a transaction: leaves a tombstone of a group that no event
 * belongs to any more, stamped @stamp and recorded; a group that still
 * has events keeps them and stays. @deleted tells which. */
gboolean
rapport_store_tombstone_group (RapportStore *self,
                               gint64 id,
                               const char *stamp,
                               gboolean *deleted,
                               GError **error)
{
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "UPDATE groups SET deleted = 1, name = '', audience = '[]', website = NULL, notes = NULL,"
                                " verdict_reason = NULL, sort_key = '', updated = ?1 WHERE id = ?2 AND deleted = 0"
                                " AND NOT EXISTS (SELECT 1 FROM events WHERE group_id = ?2 AND deleted = 0)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  *deleted = sqlite3_changes (rapport_store_get_db (self)) == 1;
  return !*deleted || rapport_store_outbox_append (self, "group", id, error);
}

/**
 * rapport_store_delete_group:
 * @self: a store
 * @id: a group id
 * @error: return location for a #GError
 *
 * Deletes a group that has no events. One that has events is refused
 * with %RAPPORT_ERROR_INVALID: archiving it keeps its events' history.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_delete_group (RapportStore *self,
                            gint64 id,
                            GError **error)
{
  g_autoptr(RapportGroup) group = NULL;
  g_autofree char *stamp = NULL;
  gboolean deleted = FALSE;
  int n_events;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  group = rapport_store_get_group (self, id, error);
  if (group == NULL)
    return FALSE;
  n_events = rapport_group_get_n_events (group);
  if (n_events > 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has %d event, which would lose its group. Archive the group instead.",
                                "“%s” has %d events, which would lose their group. Archive the group instead.",
                                n_events),
                   rapport_group_get_name (group), n_events);
      return FALSE;
    }
  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  if (!rapport_store_tombstone_group (self, id, stamp, &deleted, error))
    goto fail;
  if (!deleted)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This group no longer exists."));
      goto fail;
    }
  if (!rapport_store_commit (self, error))
    goto fail;
  rapport_store_emit_changed (self, "groups", id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/**
 * rapport_store_query_group_ids:
 * @self: a store
 * @archived: list the archived groups instead of the others
 * @ids: (element-type gint64): receives the ids in name order
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_query_group_ids (RapportStore *self,
                               gboolean archived,
                               GArray *ids,
                               GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  stmt = rapport_store_prepare (self,
                                "SELECT id FROM groups WHERE deleted = 0 AND archived = ? ORDER BY sort_key, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, !!archived);
  return rapport_store_collect_ids (self, stmt, ids, error);
}

/* A group's scored visits before ?2, the latest first. */
#define LATEST_SCORED                                                                 \
  "SELECT quality FROM events WHERE group_id = ?1 AND deleted = 0 AND starts_at < ?2" \
  " AND quality IS NOT NULL ORDER BY starts_at DESC, id DESC"

/**
 * rapport_store_get_group_stats:
 * @self: a store
 * @group_id: a group id
 * @until: count the events that started before this moment (Unix seconds)
 * @stats: (out caller-allocates): the figures
 * @error: return location for a #GError
 *
 * What the group cost and gave. Dues count once for every calendar year
 * (UTC) in which the user went to at least one of its events: dues are
 * paid by the year, and a year without a visit is one the user was most
 * likely not a member.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_get_group_stats (RapportStore *self,
                               gint64 group_id,
                               gint64 until,
                               RapportGroupStats *stats,
                               GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  stats->quality = stats->recent_quality = stats->earlier_quality = -1;

  /* The latest scored visits are read backwards along events_by_group,
   * stopping at the sixth, rather than numbering every visit; the people
   * met are counted in one pass over the visits. At 50,000 events this
   * takes about 40% off the time for a group with 14,000 of them
   * (bench/). */
  stmt = rapport_store_prepare (self,
                                "WITH visits AS ("
                                "  SELECT e.id, e.starts_at, e.duration_min, e.travel_min, e.cost_cents,"
                                "   e.quality, e.go_again FROM events e"
                                "  WHERE e.group_id = ?1 AND e.deleted = 0 AND e.starts_at < ?2),"
                                " met AS (SELECT count(*) AS people, count (CASE WHEN p.meaningful THEN 1 END) AS meaningful"
                                "  FROM event_people p JOIN visits v ON v.id = p.event_id WHERE p.deleted = 0)"
                                " SELECT count(*), count (quality), avg (quality),"
                                "  (SELECT avg (quality) FROM (" LATEST_SCORED " LIMIT 3)),"
                                "  (SELECT avg (quality) FROM (" LATEST_SCORED " LIMIT 3 OFFSET 3)),"
                                "  total (cost_cents), total (duration_min), total (travel_min),"
                                "  (SELECT count (DISTINCT strftime ('%Y', starts_at, 'unixepoch')) FROM visits)"
                                "   * (SELECT dues_cents FROM groups WHERE id = ?1),"
                                "  (SELECT people FROM met), (SELECT meaningful FROM met),"
                                "  count (CASE go_again WHEN 1 THEN 1 END), count (CASE go_again WHEN 0 THEN 1 END),"
                                "  min (starts_at), max (starts_at)"
                                " FROM visits",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, until);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rapport_store_set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  stats->n_events = sqlite3_column_int (stmt, 0);
  stats->n_scored = sqlite3_column_int (stmt, 1);
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    stats->quality = sqlite3_column_double (stmt, 2);
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    stats->recent_quality = sqlite3_column_double (stmt, 3);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    stats->earlier_quality = sqlite3_column_double (stmt, 4);
  stats->cost_cents = sqlite3_column_int64 (stmt, 5);
  stats->event_minutes = sqlite3_column_int64 (stmt, 6);
  stats->travel_minutes = sqlite3_column_int64 (stmt, 7);
  stats->dues_cents = sqlite3_column_int64 (stmt, 8);
  stats->n_people = sqlite3_column_int (stmt, 9);
  stats->n_meaningful = sqlite3_column_int (stmt, 10);
  stats->n_go_again = sqlite3_column_int (stmt, 11);
  stats->n_stay_away = sqlite3_column_int (stmt, 12);
  stats->first_event = sqlite3_column_int64 (stmt, 13);
  stats->last_event = sqlite3_column_int64 (stmt, 14);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * rapport_group_stats_suggest_verdict:
 * @stats: a group's figures
 *
 * A verdict to suggest once two visits are scored. It weighs the latest
 * three scored visits, since a group changes and so does the user:
 *
 * - keep going: their average quality is 70 or more and the user never
 *   answered "worth going again?" with no more often than yes;
 * - drop: their average is under 45, or "no" outnumbers "yes";
 * - trial: anything in between.
 *
 * Returns: the suggestion, or %RAPPORT_VERDICT_UNDECIDED before two
 *   scored visits
 */
RapportVerdict
rapport_group_stats_suggest_verdict (const RapportGroupStats *stats)
{
  g_return_val_if_fail (stats != NULL, RAPPORT_VERDICT_UNDECIDED);

  if (stats->n_scored < 2 || stats->recent_quality < 0)
    return RAPPORT_VERDICT_UNDECIDED;
  if (stats->recent_quality < 45 || stats->n_stay_away > stats->n_go_again)
    return RAPPORT_VERDICT_DROP;
  if (stats->recent_quality >= 70)
    return RAPPORT_VERDICT_KEEP;
  return RAPPORT_VERDICT_TRIAL;
}

/**
 * rapport_group_stats_meaningful_per_hour:
 * @stats: a group's figures
 *
 * Meaningful conversations per hour spent, travel included.
 *
 * Returns: the rate, or 0 when no time was spent
 */
double
rapport_group_stats_meaningful_per_hour (const RapportGroupStats *stats)
{
  gint64 minutes;

  g_return_val_if_fail (stats != NULL, 0);
  minutes = stats->event_minutes + stats->travel_minutes;
  return minutes > 0 ? stats->n_meaningful * 60.0 / minutes : 0;
}

/* Events */

#define EVENT_COLUMNS                                                                             \
  "e.id, e.uuid, e.title, e.group_id, g.name, e.kind, e.starts_at, e.duration_min, e.travel_min," \
  " e.location, e.cost_cents, e.room_size, e.notes, e.score_people, e.score_new, e.score_help,"   \
  " e.score_time, e.go_again, e.quality,"                                                         \
  " (SELECT count(*) FROM event_people p WHERE p.event_id = e.id AND p.deleted = 0),"             \
  " (SELECT count(*) FROM event_people p WHERE p.event_id = e.id AND p.deleted = 0 AND p.meaningful = 1)"

/**
 * rapport_store_get_event:
 * @self: a store
 * @id: an event id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a snapshot of the event with its
 *   group's name and how many people were met, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportEvent *
rapport_store_get_event (RapportStore *self,
                         gint64 id,
                         GError **error)
{
  RapportEvent *event;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT " EVENT_COLUMNS " FROM events e LEFT JOIN groups g ON g.id = e.group_id"
                                " WHERE e.id = ? AND e.deleted = 0",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This event no longer exists."));
      else
        rapport_store_set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  event = g_object_new (RAPPORT_TYPE_EVENT,
                        "id", sqlite3_column_int64 (stmt, 0),
                        "uuid", column_text (stmt, 1),
                        "title", column_text (stmt, 2),
                        "group-id", sqlite3_column_int64 (stmt, 3),
                        "group-name", column_text (stmt, 4),
                        "kind", rapport_event_kind_from_string (column_text (stmt, 5)),
                        "starts-at", sqlite3_column_int64 (stmt, 6),
                        "duration-min", sqlite3_column_int (stmt, 7),
                        "travel-min", sqlite3_column_int (stmt, 8),
                        "location", column_text (stmt, 9),
                        "cost-cents", sqlite3_column_int64 (stmt, 10),
                        "room-size", sqlite3_column_int (stmt, 11),
                        "notes", column_text (stmt, 12),
                        "score-people", sqlite3_column_int (stmt, 13),
                        "score-new", sqlite3_column_int (stmt, 14),
                        "score-help", sqlite3_column_int (stmt, 15),
                        "score-time", sqlite3_column_int (stmt, 16),
                        "go-again", sqlite3_column_type (stmt, 17) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 17),
                        "quality", sqlite3_column_type (stmt, 18) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 18),
                        "n-people", sqlite3_column_int (stmt, 19),
                        "n-meaningful", sqlite3_column_int (stmt, 20),
                        NULL);
  sqlite3_reset (stmt);
  return event;
}

static gboolean
group_exists (RapportStore *self,
              gint64 group_id)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT 1 FROM groups WHERE id = ? AND deleted = 0", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
check_event (RapportStore *self,
             RapportEvent *event,
             GError **error)
{
  const char *title = rapport_event_get_title (event);

  if (title == NULL || rapport_text_is_blank (title))
    return invalid (error, _("An event needs a title."));
  if (rapport_event_get_starts_at (event) <= 0)
    return invalid (error, _("An event needs a date and a time."));
  if (rapport_event_get_duration_min (event) < 0)
    return invalid (error, _("The event ends before it starts."));
  if (rapport_event_get_duration_min (event) > MAX_EVENT_MINUTES)
    return invalid (error, _("An event cannot last more than two weeks."));
  if (rapport_event_get_travel_min (event) < 0)
    return invalid (error, _("Travel time cannot be negative."));
  if (rapport_event_get_travel_min (event) > MAX_TRAVEL_MINUTES)
    return invalid (error, _("Travel time cannot be more than two days."));
  if (rapport_event_get_cost_cents (event) < 0)
    return invalid (error, _("The cost cannot be negative."));
  if (rapport_event_get_cost_cents (event) > MAX_CENTS)
    return invalid (error, _("The cost is too large to be right."));
  if (rapport_event_get_room_size (event) < 0)
    return invalid (error, _("The number of people in the room cannot be negative."));
  if (rapport_event_get_group_id (event) != 0 && !group_exists (self, rapport_event_get_group_id (event)))
    return invalid (error, _("The event’s group no longer exists."));
  return rapport_store_check_text (title, N_("The title"), MAX_TEXT_BYTES, error) &&
                                   rapport_store_check_text (rapport_event_get_location (event), N_("The location"), MAX_TEXT_BYTES, error) &&
                                                             rapport_store_check_text (rapport_event_get_notes (event), N_("The notes"), MAX_NOTES_BYTES, error);
}

/* Binds the editable columns to parameters @base + 1 to @base + 11. */
static void
bind_event_fields_at (sqlite3_stmt *stmt,
                      int base,
                      RapportEvent *event,
                      const char *title,
                      const char *stamp)
{
  sqlite3_bind_text (stmt, base + 1, title, -1, SQLITE_STATIC);
  if (rapport_event_get_group_id (event) != 0)
    sqlite3_bind_int64 (stmt, base + 2, rapport_event_get_group_id (event));
  else
    sqlite3_bind_null (stmt, base + 2);
  sqlite3_bind_text (stmt, base + 3, rapport_event_kind_to_string (rapport_event_get_kind (event)), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, base + 4, rapport_event_get_starts_at (event));
  sqlite3_bind_int (stmt, base + 5, rapport_event_get_duration_min (event));
  sqlite3_bind_int (stmt, base + 6, rapport_event_get_travel_min (event));
  bind_text_or_null (stmt, base + 7, rapport_event_get_location (event));
  sqlite3_bind_int64 (stmt, base + 8, rapport_event_get_cost_cents (event));
  if (rapport_event_get_room_size (event) > 0)
    sqlite3_bind_int (stmt, base + 9, rapport_event_get_room_size (event));
  else
    sqlite3_bind_null (stmt, base + 9);
  bind_text_or_null (stmt, base + 10, rapport_event_get_notes (event));
  sqlite3_bind_text (stmt, base + 11, stamp, -1, SQLITE_STATIC);
}

static void
bind_event_fields (sqlite3_stmt *stmt,
                   RapportEvent *event,
                   const char *title,
                   const char *stamp)
{
  bind_event_fields_at (stmt, 0, event, title, stamp);
}

/* Inside a transaction: writes a new event row (without scorecard) and
 * returns its id, or 0. The caller records it in the outbox. */
gint64
rapport_store_insert_event_row (RapportStore *self,
                                RapportEvent *event,
                                GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *title = g_strstrip (g_strdup (rapport_event_get_title (event)));
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO events (title, group_id, kind, starts_at, duration_min, travel_min,"
                                " location, cost_cents, room_size, notes, updated, created, uuid)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?11, ?11, ?12)",
                                error);
  if (stmt == NULL)
    return 0;
  bind_event_fields (stmt, event, title, stamp);
  sqlite3_bind_text (stmt, 12, uuid, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (self));
}

#define INSERT_EVENT_COLUMNS 17

/* Inside a transaction: validates @events and writes them as new rows,
 * scorecards included, for a bulk write (the sample network, an import)
 * that records its rows with rapport_store_outbox_append_range(). The rows
 * go in with one statement, so that the full-text index takes the batch
 * at once. Returns the first new id (the others follow it), or 0. */
gint64
rapport_store_insert_event_rows (RapportStore *self,
                                 RapportEvent **events,
                                 guint n_events,
                                 GError **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (n_events > 0 && n_events <= 256, 0);

  for (guint i = 0; i < n_events; i++)
    {
      int answers[RAPPORT_N_SCORE_QUESTIONS];

      if (!check_event (self, events[i], error))
        return 0;
      for (int q = 0; q < RAPPORT_N_SCORE_QUESTIONS; q++)
        answers[q] = rapport_event_get_score (events[i], q);
      if (rapport_event_has_scorecard (events[i]) && rapport_quality_score (answers) < 0)
        {
          invalid (error, _("Each scorecard answer is a number from 1 to 5."));
          return 0;
        }
    }

  sql = g_string_new ("INSERT INTO events (title, group_id, kind, starts_at, duration_min, travel_min,"
                      " location, cost_cents, room_size, notes, updated, created, uuid,"
                      " score_people, score_new, score_help, score_time, go_again) VALUES ");
  for (guint i = 0; i < n_events; i++)
    {
      int base = i * INSERT_EVENT_COLUMNS;

      g_string_append (sql, i ? ", (" : "(");
      for (int k = 1; k <= 11; k++)
        g_string_append_printf (sql, "?%d, ", base + k);
      g_string_append_printf (sql, "?%d", base + 11);
      for (int k = 12; k <= INSERT_EVENT_COLUMNS; k++)
        g_string_append_printf (sql, ", ?%d", base + k);
      g_string_append_c (sql, ')');
    }
  stmt = rapport_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < n_events; i++)
    {
      RapportEvent *event = events[i];
      int base = i * INSERT_EVENT_COLUMNS;
      char *title = g_strstrip (g_strdup (rapport_event_get_title (event)));
      char *stamp = rapport_store_next_stamp (self);
      char *uuid = g_uuid_string_random ();

      g_ptr_array_add (owned, title);
      g_ptr_array_add (owned, stamp);
      g_ptr_array_add (owned, uuid);
      bind_event_fields_at (stmt, base, event, title, stamp);
      sqlite3_bind_text (stmt, base + 12, uuid, -1, SQLITE_STATIC);
      if (rapport_event_has_scorecard (event))
        for (int q = 0; q < RAPPORT_N_SCORE_QUESTIONS; q++)
          sqlite3_bind_int (stmt, base + 13 + q, rapport_event_get_score (event, q));
      if (rapport_event_get_go_again (event) >= 0)
        sqlite3_bind_int (stmt, base + 17, rapport_event_get_go_again (event) != 0);
    }
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  /* Rowids are handed out one past the largest, in the order written. */
  return sqlite3_last_insert_rowid (rapport_store_get_db (self)) - n_events + 1;
}

/**
 * rapport_store_save_event:
 * @self: a store
 * @draft: a new event (id 0) or an edited copy of one
 * @error: return location for a #GError
 *
 * Validates and writes @draft's details; the scorecard goes through
 * rapport_store_set_scorecard(). Invalid input (no title, an end before
 * the start, a negative cost, a group that no longer exists) fails with
 * %RAPPORT_ERROR_INVALID and a message to show as it is; nothing is
 * written then.
 *
 * Returns: the event's id, or 0 on error
 */
gint64
rapport_store_save_event (RapportStore *self,
                          RapportEvent *draft,
                          GError **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (RAPPORT_IS_EVENT (draft), 0);

  if (!check_event (self, draft, error) || !rapport_store_begin (self, error))
    return 0;
  id = rapport_event_get_id (draft);
  if (id == 0)
    {
      id = rapport_store_insert_event_row (self, draft, error);
      if (id == 0)
        goto fail;
    }
  else
    {
      stamp = rapport_store_next_stamp (self);
      title = g_strstrip (g_strdup (rapport_event_get_title (draft)));
      stmt = rapport_store_prepare (self,
                                    "UPDATE events SET title = ?, group_id = ?, kind = ?, starts_at = ?,"
                                    " duration_min = ?, travel_min = ?, location = ?, cost_cents = ?,"
                                    " room_size = ?, notes = ?, updated = ?11 WHERE id = ?12 AND deleted = 0",
                                    error);
      if (stmt == NULL)
        goto fail;
      bind_event_fields (stmt, draft, title, stamp);
      sqlite3_bind_int64 (stmt, 12, id);
      if (!rapport_store_step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (rapport_store_get_db (self)) != 1)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This event no longer exists."));
          goto fail;
        }
    }
  if (!rapport_store_outbox_append (self, "event", id, error) || !rapport_store_commit (self, error))
    goto fail;
  rapport_event_set_id (draft, id);
  rapport_store_emit_changed (self, "events", id);
  rapport_store_emit_changed (self, "groups", rapport_event_get_group_id (draft));
  return id;

fail:
  rapport_store_rollback (self);
  return 0;
}

/**
 * rapport_store_set_scorecard:
 * @self: a store
 * @event_id: an event id
 * @answers: the four answers, each 1–5
 * @go_again: 1 or 0 for "worth going again?", -1 when unanswered
 * @error: return location for a #GError
 *
 * An answer outside 1–5 fails with %RAPPORT_ERROR_INVALID; nothing is
 * written then.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_set_scorecard (RapportStore *self,
                             gint64 event_id,
                             const int answers[RAPPORT_N_SCORE_QUESTIONS],
                             int go_again,
                             GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gint64 group_id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  if (rapport_quality_score (answers) < 0)
    return invalid (error, _("Each scorecard answer is a number from 1 to 5."));
  if (go_again < -1 || go_again > 1)
    return invalid (error, _("“Worth going again?” is yes, no or not answered."));

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self,
                                "UPDATE events SET score_people = ?, score_new = ?, score_help = ?, score_time = ?,"
                                " go_again = ?, updated = ? WHERE id = ? AND deleted = 0",
                                error);
  if (stmt == NULL)
    goto fail;
  for (int i = 0; i < RAPPORT_N_SCORE_QUESTIONS; i++)
    sqlite3_bind_int (stmt, i + 1, answers[i]);
  if (go_again >= 0)
    sqlite3_bind_int (stmt, 5, go_again);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, event_id);
  if (!rapport_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (rapport_store_get_db (self)) != 1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This event no longer exists."));
      goto fail;
    }
  if (!rapport_store_outbox_append (self, "event", event_id, error) || !rapport_store_commit (self, error))
    goto fail;

  stmt = rapport_store_prepare (self, "SELECT coalesce (group_id, 0) FROM events WHERE id = ?", NULL);
  group_id = 0;
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, event_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        group_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  rapport_store_emit_changed (self, "events", event_id);
  rapport_store_emit_changed (self, "groups", group_id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/* Inside a transaction: runs @select_sql, which selects ids by ?1 = @key
 * (and ?2 = @key2 when it has one), then updates each with @update_sql
 * (taking stamp, id) and records it as @entity. */
static gboolean
tombstone_selected (RapportStore *self,
                    const char *select_sql,
                    gint64 key,
                    gint64 key2,
                    const char *update_sql,
                    const char *entity,
                    const char *stamp,
                    GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = rapport_store_prepare (self, select_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, key2);
  if (!rapport_store_collect_ids (self, stmt, ids, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      stmt = rapport_store_prepare (self, update_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!rapport_store_step_done (self, stmt, error) ||
          (entity != NULL && !rapport_store_outbox_append (self, entity, id, error)))
        return FALSE;
    }
  return TRUE;
}

/* Inside a transaction: leaves a tombstone of the event and of the people
 * marked as met there, and unlinks the cards and timeline entries that
 * point at it, all stamped @stamp and recorded. Contacts and entries that
 * are tombstones already are left alone: they carry no fields to sync. */
gboolean
rapport_store_tombstone_event (RapportStore *self,
                               gint64 id,
                               const char *stamp,
                               GError **error)
{
  sqlite3_stmt *stmt;

  if (!tombstone_selected (self, "SELECT id FROM event_people WHERE event_id = ? AND deleted = 0", id, 0,
                           "UPDATE event_people SET deleted = 1, note = NULL, updated = ? WHERE id = ?",
                           "event_person", stamp, error) ||
      !tombstone_selected (self, "SELECT id FROM contacts WHERE met_at = ? AND deleted = 0", id, 0,
                           "UPDATE contacts SET met_at = NULL, updated = ? WHERE id = ?",
                           "contact", stamp, error) ||
      !tombstone_selected (self, "SELECT id FROM interactions WHERE event_id = ? AND deleted = 0", id, 0,
                           "UPDATE interactions SET event_id = NULL, updated = ? WHERE id = ?",
                           "interaction", stamp, error))
    return FALSE;
  stmt = rapport_store_prepare (self,
                                "UPDATE events SET deleted = 1, title = '', location = NULL, notes = NULL,"
                                " updated = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return rapport_store_step_done (self, stmt, error) && rapport_store_outbox_append (self, "event", id, error);
}

/* Inside a transaction: takes @contact_id off every event they were
 * marked as met at, stamped @stamp and recorded. */
gboolean
rapport_store_tombstone_event_people_of (RapportStore *self,
                                         gint64 contact_id,
                                         const char *stamp,
                                         GError **error)
{
  return tombstone_selected (self, "SELECT id FROM event_people WHERE contact_id = ? AND deleted = 0", contact_id, 0,
                             "UPDATE event_people SET deleted = 1, note = NULL, updated = ? WHERE id = ?",
                             "event_person", stamp, error);
}

/**
 * rapport_store_delete_event:
 * @self: a store
 * @id: an event id
 * @error: return location for a #GError
 *
 * Deletes an event, leaving a tombstone for other devices. The people met
 * there stay in the network; their cards and timeline just no longer point
 * at it.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_delete_event (RapportStore *self,
                            gint64 id,
                            GError **error)
{
  g_autofree char *stamp = NULL;
  g_autoptr(RapportEvent) event = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  event = rapport_store_get_event (self, id, error);
  if (event == NULL || !rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  if (!rapport_store_tombstone_event (self, id, stamp, error) || !rapport_store_commit (self, error))
    goto fail;
  rapport_store_emit_changed (self, "events", id);
  rapport_store_emit_changed (self, "groups", rapport_event_get_group_id (event));
  rapport_store_emit_changed (self, "contacts", 0);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/* Events in a list's order: upcoming soonest first, the rest latest first.
 * A search matches the event's words (title, location, notes) or its
 * group's name. */
gboolean
rapport_store_query_event_ids (RapportStore *self,
                               const RapportEventQuery *query,
                               GArray *ids,
                               GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT e.id FROM events e WHERE e.deleted = 0");
  g_autofree char *match = NULL;
  g_autofree char *like = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  switch (query->when)
    {
    case RAPPORT_EVENTS_UPCOMING:
      g_string_append (sql, " AND e.starts_at + e.duration_min * 60 > ?1");
      break;
    case RAPPORT_EVENTS_PAST:
      g_string_append (sql, " AND e.starts_at + e.duration_min * 60 <= ?1");
      break;
    case RAPPORT_EVENTS_UNSCORED:
      g_string_append (sql, " AND e.score_people IS NULL AND e.starts_at + e.duration_min * 60 <= ?1");
      break;
    case RAPPORT_EVENTS_ALL:
    default:
      g_string_append (sql, " AND ?1 IS NOT NULL");
      break;
    }
  if (query->group_id != 0)
    g_string_append (sql, " AND e.group_id = ?2");
  if (query->search != NULL && !rapport_text_is_blank (query->search))
    {
      /* Text with no word in it (only punctuation) matches nothing. */
      match = rapport_text_fts_query (query->search);
      like = rapport_text_fold (query->search);
      g_strstrip (like);
      g_string_append (sql, match != NULL ? " AND (e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?3)"
                                          : " AND (?3 IS NOT NULL");
      g_string_append (sql, " OR e.group_id IN (SELECT id FROM groups WHERE deleted = 0"
                            "  AND instr (sort_key, ?4) > 0))");
    }
  g_string_append (sql, query->when == RAPPORT_EVENTS_UPCOMING ? " ORDER BY e.starts_at, e.id"
                                                               : " ORDER BY e.starts_at DESC, e.id DESC");

  stmt = rapport_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, query->now);
  if (query->group_id != 0)
    sqlite3_bind_int64 (stmt, 2, query->group_id);
  if (match != NULL)
    sqlite3_bind_text (stmt, 3, match, -1, SQLITE_STATIC);
  if (like != NULL)
    sqlite3_bind_text (stmt, 4, like, -1, SQLITE_STATIC);
  return rapport_store_collect_ids (self, stmt, ids, error);
}

/**
 * rapport_store_count_unscored:
 * @self: a store
 * @now: the current time (Unix seconds)
 *
 * Returns: how many events are over and still wait for their scorecard
 */
guint
rapport_store_count_unscored (RapportStore *self,
                              gint64 now)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  /* The index ends at the start; an event still under way is skipped by
   * the second test, which reads only the few rows near now. */
  stmt = rapport_store_prepare (self,
                                "SELECT count(*) FROM events"
                                " WHERE deleted = 0 AND score_people IS NULL AND starts_at <= ?1"
                                " AND starts_at + duration_min * 60 <= ?1",
                                NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* People met */

static gboolean
event_exists (RapportStore *self,
              gint64 event_id,
              gint64 *starts_at,
              GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT starts_at FROM events WHERE id = ? AND deleted = 0", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && starts_at != NULL)
    *starts_at = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This event no longer exists."));
  return found;
}

static char *
local_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

/* Inside a transaction: links a contact to an event, as met there, and
 * writes nothing else; rapport_store_mark_met() and the bulk writes build
 * on it. Returns the new row's id, or 0. */
gint64
rapport_store_insert_event_person_row (RapportStore *self,
                                       gint64 event_id,
                                       gint64 contact_id,
                                       gboolean meaningful,
                                       const char *note,
                                       GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "INSERT INTO event_people (uuid, event_id, contact_id, meaningful, note, created, updated)"
                                " VALUES (?, ?, ?, ?, ?, ?6, ?6)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, event_id);
  sqlite3_bind_int64 (stmt, 3, contact_id);
  sqlite3_bind_int (stmt, 4, !!meaningful);
  bind_text_or_null (stmt, 5, note);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (self));
}

/* Inside a transaction: makes @event_id where the contact was first met,
 * and its day the day they were met, unless the card says so already.
 * @changed tells whether it did; the caller records the contact. */
gboolean
rapport_store_set_met_at (RapportStore *self,
                          gint64 contact_id,
                          gint64 event_id,
                          gint64 starts_at,
                          const char *stamp,
                          gboolean *changed,
                          GError **error)
{
  g_autofree char *met_on = local_date (starts_at);
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "UPDATE contacts SET met_at = ?, met_on = coalesce (met_on, ?), updated = ?"
                                " WHERE id = ? AND met_at IS NULL",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_text (stmt, 2, met_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, contact_id);
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (rapport_store_get_db (self)) == 1;
  return TRUE;
}

/* Inside a transaction: ties a timeline entry to the event it happened
 * at. The caller records the entry. */
gboolean
rapport_store_set_interaction_event (RapportStore *self,
                                     gint64 interaction_id,
                                     gint64 event_id,
                                     GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "UPDATE interactions SET event_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, interaction_id);
  return rapport_store_step_done (self, stmt, error);
}

/* Inside a transaction: links @contact_id to the event, logs the meeting
 * on their timeline and, when the card does not say yet where and when
 * they were met, fills that in. */
static gboolean
link_person (RapportStore *self,
             gint64 event_id,
             gint64 starts_at,
             gint64 contact_id,
             gboolean meaningful,
             const char *context,
             GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  sqlite3_stmt *stmt;
  gint64 person, interaction;
  gboolean changed = FALSE;

  stmt = rapport_store_prepare (self, "SELECT 1 FROM event_people WHERE event_id = ? AND contact_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return invalid (error, _("This person is already marked as met at this event."));
    }
  sqlite3_reset (stmt);

  person = rapport_store_insert_event_person_row (self, event_id, contact_id, meaningful, context, error);
  if (person == 0 || !rapport_store_outbox_append (self, "event_person", person, error) ||
      !rapport_store_set_met_at (self, contact_id, event_id, starts_at, stamp, &changed, error) ||
      (changed && !rapport_store_outbox_append (self, "contact", contact_id, error)))
    return FALSE;

  interaction = rapport_store_insert_interaction_row (self, contact_id, RAPPORT_INTERACTION_MET, starts_at, context, error);
  return interaction != 0 &&
         rapport_store_set_interaction_event (self, interaction, event_id, error) &&
         rapport_store_outbox_append (self, "interaction", interaction, error) &&
         rapport_store_touch_contact (self, contact_id, starts_at, error);
}

static void
emit_people_changed (RapportStore *self,
                     gint64 event_id,
                     gint64 contact_id)
{
  rapport_store_refresh_contact (self, contact_id);
  rapport_store_emit_changed (self, "contacts", contact_id);
  rapport_store_emit_changed (self, "interactions", contact_id);
  rapport_store_emit_changed (self, "events", event_id);
  rapport_store_emit_changed (self, "groups", 0);
}

/**
 * rapport_store_capture_person:
 * @self: a store
 * @event_id: the event the user is at
 * @name: the person's name
 * @company: (nullable): their company
 * @context: (nullable): one line to remember them by
 * @meaningful: whether it was a meaningful conversation
 * @followup_due: (nullable): when to follow up (YYYY-MM-DD), or %NULL
 * @error: return location for a #GError
 *
 * Adds someone met at an event, in one transaction: a new contact met at
 * the event on its day, the link to the event, the "met" entry of their
 * timeline and their follow-up.
 *
 * Returns: the new contact's id, or 0 on error
 */
gint64
rapport_store_capture_person (RapportStore *self,
                              gint64 event_id,
                              const char *name,
                              const char *company,
                              const char *context,
                              gboolean meaningful,
                              const char *followup_due,
                              GError **error)
{
  g_autoptr(RapportContact) contact = NULL;
  g_autofree char *met_on = NULL;
  gint64 starts_at = 0;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (name == NULL || rapport_text_is_blank (name))
    {
      invalid (error, _("Add the person’s name."));
      return 0;
    }
  if (!rapport_store_check_text (context, N_("The note"), MAX_TEXT_BYTES, error))
    return 0;
  if (followup_due != NULL && !rapport_date_is_valid (followup_due))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("“%s” is not a date for the follow-up."), followup_due);
      return 0;
    }
  if (!event_exists (self, event_id, &starts_at, error))
    return 0;

  met_on = local_date (starts_at);
  contact = rapport_contact_new (name);
  rapport_contact_set_company (contact, company);
  rapport_contact_set_met_on (contact, met_on);

  if (!rapport_store_begin (self, error))
    return 0;
  id = rapport_store_insert_contact_row (self, contact, g_get_real_time () / G_USEC_PER_SEC, error);
  if (id == 0 || !rapport_store_outbox_append (self, "contact", id, error) ||
      !link_person (self, event_id, starts_at, id, meaningful, context, error) ||
      (followup_due != NULL && rapport_store_insert_followup (self, id, followup_due, NULL, error) == 0) ||
      !rapport_store_commit (self, error))
    {
      rapport_store_rollback (self);
      return 0;
    }
  emit_people_changed (self, event_id, id);
  if (followup_due != NULL)
    rapport_store_emit_changed (self, "followups", id);
  return id;
}

/**
 * rapport_store_mark_met:
 * @self: a store
 * @event_id: an event
 * @contact_id: someone already in the network
 * @meaningful: whether it was a meaningful conversation
 * @context: (nullable): one line to remember the meeting by
 * @error: return location for a #GError
 *
 * Records that the user met an existing contact at an event. Their card
 * keeps where they were first met, if it says so already. Marking the
 * same person twice fails with %RAPPORT_ERROR_INVALID.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_mark_met (RapportStore *self,
                        gint64 event_id,
                        gint64 contact_id,
                        gboolean meaningful,
                        const char *context,
                        GError **error)
{
  g_autoptr(RapportContact) contact = NULL;
  gint64 starts_at = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_check_text (context, N_("The note"), MAX_TEXT_BYTES, error) ||
                                 !event_exists (self, event_id, &starts_at, error))
    return FALSE;
  contact = rapport_store_get_contact (self, contact_id, error);
  if (contact == NULL || !rapport_store_begin (self, error))
    return FALSE;
  if (!link_person (self, event_id, starts_at, contact_id, meaningful, context, error) ||
      !rapport_store_commit (self, error))
    {
      rapport_store_rollback (self);
      return FALSE;
    }
  emit_people_changed (self, event_id, contact_id);
  return TRUE;
}

/**
 * rapport_store_set_meaningful:
 * @self: a store
 * @event_id: an event
 * @contact_id: someone met there
 * @meaningful: whether it was a meaningful conversation
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_set_meaningful (RapportStore *self,
                              gint64 event_id,
                              gint64 contact_id,
                              gboolean meaningful,
                              GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self,
                                "UPDATE event_people SET meaningful = ?, updated = ?"
                                " WHERE event_id = ? AND contact_id = ? AND deleted = 0 RETURNING id",
                                error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, !!meaningful);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, event_id);
  sqlite3_bind_int64 (stmt, 4, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (!rapport_store_step_done (self, stmt, error))
    goto fail;
  if (id == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This person is not marked as met at this event."));
      goto fail;
    }
  if (!rapport_store_outbox_append (self, "event_person", id, error) || !rapport_store_commit (self, error))
    goto fail;
  rapport_store_emit_changed (self, "events", event_id);
  rapport_store_emit_changed (self, "groups", 0);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/**
 * rapport_store_unmark_met:
 * @self: a store
 * @event_id: an event
 * @contact_id: someone marked as met there
 * @error: return location for a #GError
 *
 * Undoes rapport_store_mark_met(): the link goes, and so does the "met"
 * entry it logged. The contact stays, with any card details.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_unmark_met (RapportStore *self,
                          gint64 event_id,
                          gint64 contact_id,
                          GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self,
                                "UPDATE event_people SET deleted = 1, note = NULL, updated = ?"
                                " WHERE event_id = ? AND contact_id = ? AND deleted = 0 RETURNING id",
                                error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, event_id);
  sqlite3_bind_int64 (stmt, 3, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (!rapport_store_step_done (self, stmt, error))
    goto fail;
  if (id == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This person is not marked as met at this event."));
      goto fail;
    }
  if (!rapport_store_outbox_append (self, "event_person", id, error))
    goto fail;
  if (!tombstone_selected (self, "SELECT id FROM interactions WHERE event_id = ?1 AND contact_id = ?2"
                                 " AND kind = 'met' AND deleted = 0",
                           event_id, contact_id, "UPDATE interactions SET deleted = 1, note = NULL, updated = ? WHERE id = ?",
                           "interaction", stamp, error))
    goto fail;
  if (!rapport_store_commit (self, error))
    goto fail;
  emit_people_changed (self, event_id, contact_id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/**
 * rapport_store_list_event_people:
 * @self: a store
 * @event_id: an event
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the people met at the event, meaningful
 *   conversations first, then by name
 */
GListModel *
rapport_store_list_event_people (RapportStore *self,
                                 gint64 event_id,
                                 GError **error)
{
  g_autoptr(GListStore) people = g_list_store_new (RAPPORT_TYPE_EVENT_PERSON);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self,
                                "SELECT c.id, c.display_name, c.company, p.meaningful, p.note"
                                " FROM event_people p JOIN contacts c ON c.id = p.contact_id"
                                " WHERE p.event_id = ? AND p.deleted = 0 AND c.deleted = 0"
                                " ORDER BY p.meaningful DESC, c.sort_key, c.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportEventPerson) person = g_object_new (RAPPORT_TYPE_EVENT_PERSON,
                                                            "event-id", event_id,
                                                            "contact-id", sqlite3_column_int64 (stmt, 0),
                                                            "name", column_text (stmt, 1),
                                                            "company", column_text (stmt, 2),
                                                            "meaningful", sqlite3_column_int (stmt, 3) != 0,
                                                            "note", column_text (stmt, 4),
                                                            NULL);
      g_list_store_append (people, person);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&people));
}

/* Profile */

void
rapport_profile_free (RapportProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->name);
  g_free (profile->services);
  g_strfreev (profile->audience);
  g_free (profile);
}

/**
 * rapport_store_get_profile:
 * @self: a store
 *
 * Returns: (transfer full): the user's profile; the defaults (5–8
 *   meaningful conversations per event) until it is first saved
 */
RapportProfile *
rapport_store_get_profile (RapportStore *self)
{
  RapportProfile *profile = g_new0 (RapportProfile, 1);
  g_autofree char *audience_json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  profile->goal_min = 5;
  profile->goal_max = 8;
  stmt = rapport_store_prepare (self,
                                "SELECT name, services, audience, goal_min, goal_max, hours_per_month"
                                " FROM profile WHERE id = 1",
                                NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      profile->name = g_strdup (column_text (stmt, 0));
      profile->services = g_strdup (column_text (stmt, 1));
      audience_json = g_strdup (column_text (stmt, 2));
      profile->goal_min = sqlite3_column_int (stmt, 3);
      profile->goal_max = sqlite3_column_int (stmt, 4);
      profile->hours_per_month = sqlite3_column_int (stmt, 5);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  profile->audience = audience_json ? rapport_store_parse_strv (self, audience_json) : g_new0 (char *, 1);
  return profile;
}

static gboolean
check_profile (const RapportProfile *profile,
               GError **error)
{
  if (profile->goal_min < 1 || profile->goal_max > 100)
    return invalid (error, _("The goal is from 1 to 100 meaningful conversations per event."));
  if (profile->goal_min > profile->goal_max)
    return invalid (error, _("The lowest number of conversations in the goal is above the highest."));
  if (profile->hours_per_month < 0 || profile->hours_per_month > 744)
    return invalid (error, _("Hours per month are from 0 to 744."));
  for (guint i = 0; profile->audience != NULL && profile->audience[i] != NULL; i++)
    if (!rapport_store_check_text (profile->audience[i], N_("The audience"), MAX_TEXT_BYTES, error))
      return FALSE;
  return rapport_store_check_text (profile->name, N_("The name"), MAX_TEXT_BYTES, error) &&
                                   rapport_store_check_text (profile->services, N_("The services"), MAX_TEXT_BYTES, error);
}

/* Inside a transaction: validates and writes the profile, for a caller
 * that records it in the outbox. */
gboolean
rapport_store_write_profile_row (RapportStore *self,
                                 const RapportProfile *profile,
                                 GError **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *audience = NULL;
  sqlite3_stmt *stmt;

  if (!check_profile (profile, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  uuid = g_uuid_string_random ();
  audience = strv_to_json ((const char *const *) profile->audience);
  stmt = rapport_store_prepare (self,
                                "INSERT INTO profile (id, uuid, name, services, audience, goal_min, goal_max,"
                                " hours_per_month, created, updated) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?8, ?8)"
                                " ON CONFLICT (id) DO UPDATE SET name = excluded.name, services = excluded.services,"
                                " audience = excluded.audience, goal_min = excluded.goal_min,"
                                " goal_max = excluded.goal_max, hours_per_month = excluded.hours_per_month,"
                                " updated = excluded.updated",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, profile->name);
  bind_text_or_null (stmt, 3, profile->services);
  sqlite3_bind_text (stmt, 4, audience, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, profile->goal_min);
  sqlite3_bind_int (stmt, 6, profile->goal_max);
  sqlite3_bind_int (stmt, 7, profile->hours_per_month);
  sqlite3_bind_text (stmt, 8, stamp, -1, SQLITE_STATIC);
  return rapport_store_step_done (self, stmt, error);
}

/**
 * rapport_store_save_profile:
 * @self: a store
 * @profile: the user's profile
 * @error: return location for a #GError
 *
 * Goals must make sense: from 1 to 100 meaningful conversations per event,
 * the lower bound not above the upper, and 0 to 744 hours a month.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_save_profile (RapportStore *self,
                            const RapportProfile *profile,
                            GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!check_profile (profile, error) || !rapport_store_begin (self, error))
    return FALSE;
  if (!rapport_store_write_profile_row (self, profile, error) ||
      !rapport_store_outbox_append (self, "profile", 1, error) ||
      !rapport_store_commit (self, error))
    goto fail;
  rapport_store_emit_changed (self, "profile", 0);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}
