/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store.h: the one SQLite file that holds a user's network. */
#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"
#include "rapport-followup.h"
#include "rapport-interaction.h"
#include "rapport-types.h"

G_BEGIN_DECLS

/* The schema version this build writes. A file with a higher version was
 * written by a newer Rapport and is refused, untouched. */
#define RAPPORT_STORE_SCHEMA_VERSION 3

/**
 * RapportContactQuery:
 * @search: (nullable): what the user typed; every word is a prefix
 * @relationship: a #RapportRelationship, or -1 for any
 * @tag: (nullable): only contacts with this tag
 * @starred_only: only starred contacts
 * @archived: the archive instead of the active contacts
 *
 * Which contacts a list shows, in name order.
 */
typedef struct
{
  const char *search;
  int relationship;
  const char *tag;
  gboolean starred_only;
  gboolean archived;
} RapportContactQuery;

#define RAPPORT_TYPE_STORE (rapport_store_get_type ())
G_DECLARE_FINAL_TYPE (RapportStore, rapport_store, RAPPORT, STORE, GObject)

char *rapport_store_get_default_path (void);
RapportStore *rapport_store_open (const char *path, GError **error);
const char *rapport_store_get_path (RapportStore *self);
guint64 rapport_store_get_node_id (RapportStore *self);
char *rapport_store_next_stamp (RapportStore *self);

/* Contacts */
RapportContact *rapport_store_get_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_create_contact (RapportStore *self,
                                       RapportContact *contact,
                                       const char *followup_due,
                                       GError **error);
gboolean rapport_store_update_contact (RapportStore *self, RapportContact *draft, GError **error);
gboolean rapport_store_set_starred (RapportStore *self, gint64 id, gboolean starred, GError **error);
gboolean rapport_store_archive_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_restore_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_delete_contact (RapportStore *self, gint64 id, GError **error);
gboolean rapport_store_query_contact_ids (RapportStore *self,
                                          const RapportContactQuery *query,
                                          GArray *ids,
                                          GError **error);
guint rapport_store_count_contacts (RapportStore *self, gboolean archived);
gboolean rapport_store_has_contacts (RapportStore *self);
GStrv rapport_store_list_tags (RapportStore *self);

/* Timeline */
gint64 rapport_store_log_interaction (RapportStore *self,
                                      gint64 contact_id,
                                      RapportInteractionKind kind,
                                      gint64 happened_at,
                                      const char *note,
                                      GError **error);
gboolean rapport_store_delete_interaction (RapportStore *self, gint64 id, GError **error);
GListModel *rapport_store_list_interactions (RapportStore *self, gint64 contact_id, GError **error);

/* Follow-ups */
char *rapport_followup_due_after_meeting (const char *met_on, RapportFollowupWindow window);
gint64 rapport_store_add_followup (RapportStore *self,
                                   gint64 contact_id,
                                   const char *due,
                                   const char *note,
                                   GError **error);
gint64 rapport_store_complete_followup (RapportStore *self,
                                        RapportFollowup *followup,
                                        const char *note,
                                        GError **error);
gboolean rapport_store_reopen_followup (RapportStore *self,
                                        gint64 followup_id,
                                        gint64 interaction_id,
                                        GError **error);
gboolean rapport_store_postpone_followup (RapportStore *self, gint64 id, const char *due, GError **error);
GListModel *rapport_store_list_followups (RapportStore *self, const char *today, GError **error);
GListModel *rapport_store_list_contact_followups (RapportStore *self, gint64 contact_id, GError **error);
guint rapport_store_count_due (RapportStore *self, const char *today);

/* Sync */
guint rapport_store_count_outbox (RapportStore *self);

G_END_DECLS
