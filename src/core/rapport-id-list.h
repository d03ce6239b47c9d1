/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-id-list.h: the base of Rapport's lazy list models. */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ID_LIST (rapport_id_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (RapportIdList, rapport_id_list, RAPPORT, ID_LIST, GObject)

/**
 * RapportIdListClass:
 * @item_type: the type of the items
 * @watch: the details of #RapportStore::changed that make the list reload;
 *   the first names the list's own records
 * @items_are_snapshots: %TRUE when @load makes a new object each time, so
 *   that a changed record must be reported as replaced even when it keeps
 *   its place (a live object updates itself instead); a change to another
 *   kind of record (a group renamed, for an event list) then replaces
 *   every item, since any row may show it
 * @query: fills @ids with the ids to show, in order
 * @load: makes the item for @id
 */
struct _RapportIdListClass
{
  GObjectClass parent_class;

  GType item_type;
  const char *const *watch;
  gboolean items_are_snapshots;

  gboolean (*query) (RapportIdList *self, GArray *ids, GError **error);
  gpointer (*load) (RapportIdList *self, gint64 id);
};

RapportStore *rapport_id_list_get_store (RapportIdList *self);
gint64 rapport_id_list_get_id (RapportIdList *self, guint position);
gboolean rapport_id_list_find (RapportIdList *self, gint64 id, guint *position);
void rapport_id_list_reload (RapportIdList *self);

G_END_DECLS
