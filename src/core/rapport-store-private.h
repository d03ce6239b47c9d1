/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-private.h: what the store's own files share. */
#pragma once

#include <sqlite3.h>

#include "rapport-backup.h"
#include "rapport-stats.h"
#include "rapport-store.h"

G_BEGIN_DECLS

sqlite3 *rapport_store_get_db (RapportStore *self);
gboolean rapport_store_set_clock_offset (RapportStore *self, gint64 offset_ms, GError **error);
gint64 rapport_store_get_clock_offset (RapportStore *self);
void rapport_store_observe_stamp (RapportStore *self, const char *stamp);
gint64 rapport_store_now_ms (RapportStore *self);
sqlite3 *rapport_stats_get_db (RapportStats *self);
sqlite3_stmt *rapport_store_prepare (RapportStore *self, const char *sql, GError **error);
gint64 rapport_store_query_int (RapportStore *self, const char *sql, gint64 fallback);
gboolean rapport_store_collect_ids (RapportStore *self, sqlite3_stmt *stmt, GArray *ids, GError **error);
gboolean rapport_store_exec (RapportStore *self, const char *sql, GError **error);
gboolean rapport_store_step_done (RapportStore *self, sqlite3_stmt *stmt, GError **error);
void rapport_store_set_sqlite_error (RapportStore *self, GError **error);
gboolean rapport_store_begin (RapportStore *self, GError **error);
gboolean rapport_store_commit (RapportStore *self, GError **error);
void rapport_store_rollback (RapportStore *self);
gboolean rapport_store_outbox_append (RapportStore *self,
                                      const char *entity,
                                      gint64 id,
                                      GError **error);
void rapport_store_emit_changed (RapportStore *self, const char *what, gint64 contact_id);
void rapport_store_forget_contact (RapportStore *self, gint64 id);
gboolean rapport_store_tombstone_contact (RapportStore *self,
                                          gint64 id,
                                          const char *stamp,
                                          GArray *relinked,
                                          GError **error);
gboolean rapport_store_tombstone_contact_fields (RapportStore *self,
                                                 gint64 id,
                                                 const char *stamp,
                                                 GError **error);
void rapport_store_refresh_contact (RapportStore *self, gint64 id);
void rapport_store_adopt_contact (RapportStore *self, RapportContact *contact);
RapportContact *rapport_store_load_contact (RapportStore *self, gint64 id, GError **error);
GArray *rapport_store_get_contact_order (RapportStore *self,
                                         gboolean archived,
                                         gint64 *min_id,
                                         gint64 *max_id,
                                         GError **error);
gint64 rapport_store_insert_interaction (RapportStore *self,
                                         gint64 contact_id,
                                         RapportInteractionKind kind,
                                         gint64 happened_at,
                                         const char *note,
                                         GError **error);
gint64 rapport_store_insert_followup (RapportStore *self,
                                      gint64 contact_id,
                                      const char *due,
                                      const char *note,
                                      GError **error);

/* Bulk writes (the sample network, imports): rows only, inside one
 * transaction. The caller then moves each contact's keep-in-touch clock
 * once with rapport_store_touch_contact() and records every row in the
 * outbox with rapport_store_outbox_append_range(). */
gint64 rapport_store_insert_contact_row (RapportStore *self,
                                         RapportContact *contact,
                                         gint64 created_at,
                                         GError **error);
gint64 rapport_store_insert_contact_rows (RapportStore *self,
                                          RapportContact **contacts,
                                          const gint64 *created_at,
                                          guint n_contacts,
                                          GError **error);
gint64 rapport_store_insert_checked_rows (RapportStore *self,
                                          RapportCheckedContact *const *checked,
                                          const gint64 *created_at,
                                          guint n_contacts,
                                          GError **error);
RapportContact *rapport_checked_contact_get_contact (RapportCheckedContact *checked);
gint64 rapport_store_insert_interaction_row (RapportStore *self,
                                             gint64 contact_id,
                                             RapportInteractionKind kind,
                                             gint64 happened_at,
                                             const char *note,
                                             GError **error);
gint64 rapport_store_insert_followup_row (RapportStore *self,
                                          gint64 contact_id,
                                          const char *due,
                                          gint64 done_at,
                                          const char *note,
                                          GError **error);
gboolean rapport_store_update_contact_row (RapportStore *self, RapportContact *draft, GError **error);
gint64 rapport_store_met_time (const char *met_on);
gboolean rapport_store_touch_contact (RapportStore *self,
                                      gint64 contact_id,
                                      gint64 happened_at,
                                      GError **error);
gboolean rapport_store_outbox_append_range (RapportStore *self,
                                            const char *entity,
                                            gint64 first_id,
                                            gint64 last_id,
                                            GError **error);

/* A contact's photo inside the caller's transaction (an import's):
 * nothing emitted; report "photos" after the commit. */
gboolean rapport_store_write_contact_photo (RapportStore *self,
                                            gint64 contact_id,
                                            GBytes *photo,
                                            GError **error);

/* An import's transaction writes contacts in bulk: the triggers that
 * index each new row and derive its days are suspended, and
 * rapport_store_insert_contact_rows() does their work for many rows at
 * once (rapport-store-import.c). */
typedef struct _RapportImportWrites RapportImportWrites;

RapportImportWrites *rapport_store_import_writes_begin (RapportStore *self, GError **error);
gboolean rapport_store_import_writes_end (RapportStore *self, RapportImportWrites *writes, GError **error);
void rapport_store_import_writes_free (RapportStore *self, RapportImportWrites *writes);
RapportImportWrites *rapport_store_get_import_writes (RapportStore *self);
gboolean rapport_store_import_rows_written (RapportStore *self, gint64 first_id, gint64 last_id, GError **error);
gboolean rapport_store_import_index_row (RapportStore *self, gint64 id, GError **error);

GStrv rapport_store_parse_strv (RapportStore *self, const char *json);
gboolean rapport_store_check_text (const char *text, const char *what, gsize max_bytes, GError **error);

gint64 rapport_store_insert_event_row (RapportStore *self, RapportEvent *event, GError **error);

/* The same kind of bulk writes for groups, events and the people met
 * there (the sample network): rows only, recorded by the caller. */
gint64 rapport_store_insert_group_row (RapportStore *self, RapportGroup *group, GError **error);
gint64 rapport_store_insert_event_rows (RapportStore *self,
                                        RapportEvent **events,
                                        guint n_events,
                                        GError **error);
gint64 rapport_store_insert_event_person_row (RapportStore *self,
                                              gint64 event_id,
                                              gint64 contact_id,
                                              gboolean meaningful,
                                              const char *note,
                                              GError **error);
gboolean rapport_store_set_met_at (RapportStore *self,
                                   gint64 contact_id,
                                   gint64 event_id,
                                   gint64 starts_at,
                                   const char *stamp,
                                   gboolean *changed,
                                   GError **error);
gboolean rapport_store_set_interaction_event (RapportStore *self,
                                              gint64 interaction_id,
                                              gint64 event_id,
                                              GError **error);
gboolean rapport_store_write_profile_row (RapportStore *self, const RapportProfile *profile, GError **error);

/* Tombstones inside a caller's transaction, recorded in the outbox. */
gboolean rapport_store_tombstone_event (RapportStore *self, gint64 id, const char *stamp, GError **error);
gboolean rapport_store_tombstone_event_people_of (RapportStore *self,
                                                  gint64 contact_id,
                                                  const char *stamp,
                                                  GError **error);
gboolean rapport_store_tombstone_group (RapportStore *self,
                                        gint64 id,
                                        const char *stamp,
                                        gboolean *deleted,
                                        GError **error);

/* The same for huddles, their meetings and the referral ledger: rows
 * only, each checked as the public functions check it, recorded by the
 * caller. A member's @contact_id is 0 for the user. */
gint64 rapport_store_insert_huddle_row (RapportStore *self, RapportHuddle *huddle, GError **error);
gint64 rapport_store_insert_member_row (RapportStore *self,
                                        gint64 huddle_id,
                                        gint64 contact_id,
                                        const char *service,
                                        const char *offering,
                                        const char *joined_on,
                                        const char *left_on,
                                        GError **error);
gint64 rapport_store_insert_meeting_row (RapportStore *self,
                                         gint64 huddle_id,
                                         gint64 starts_at,
                                         const char *notes,
                                         GError **error);
gint64 rapport_store_insert_attendance_row (RapportStore *self,
                                            gint64 meeting_id,
                                            gint64 member_id,
                                            RapportPresence presence,
                                            const char *asks,
                                            const char *offers,
                                            GError **error);
gint64 rapport_store_insert_referral_row (RapportStore *self,
                                          gint64 from_contact,
                                          gint64 to_contact,
                                          gint64 prospect,
                                          gint64 huddle_id,
                                          const char *given_on,
                                          const char *note,
                                          gint64 *step,
                                          gint64 entries[2],
                                          GError **error);
gint64 rapport_store_insert_referral_step_row (RapportStore *self,
                                               gint64 referral_id,
                                               RapportReferralStatus status,
                                               gint64 value_cents,
                                               const char *happened_on,
                                               const char *note,
                                               GError **error);
gboolean rapport_store_tombstone_huddle_record (RapportStore *self,
                                                const char *entity,
                                                gint64 id,
                                                const char *stamp,
                                                GError **error);
gboolean rapport_store_end_memberships_of (RapportStore *self,
                                           gint64 contact_id,
                                           const char *stamp,
                                           GError **error);
gboolean rapport_store_tombstone_huddle (RapportStore *self,
                                         gint64 id,
                                         const char *stamp,
                                         gboolean *deleted,
                                         GError **error);

/* Migrations, exposed so the upgrade test can build every earlier schema. */
gboolean rapport_store_migrate_db (sqlite3 *db, int target_version, GError **error);

/* Backups (rapport-backup.c). */
void rapport_db_set_error (sqlite3 *db, GError **error);
gboolean rapport_db_exec (sqlite3 *db, const char *sql, GError **error);
gboolean rapport_backup_write_db (sqlite3 *db,
                                  const char *path,
                                  GCancellable *cancellable,
                                  RapportProgressFunc progress,
                                  gpointer progress_data,
                                  GError **error);
char *rapport_backup_automatic_path (const char *db_path, const char *why, int version);
char *rapport_backup_before_upgrade (sqlite3 *db, const char *db_path, int version, GError **error);
void rapport_backup_prune (const char *dir, guint keep);
void rapport_backup_remove_leftovers (const char *db_path);
void rapport_store_begin_restore (RapportStore *self);
gboolean rapport_store_end_restore (RapportStore *self, gboolean replaced, GError **error);

G_END_DECLS
