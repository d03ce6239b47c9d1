/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event-list.c: the events of a part of the calendar (upcoming,
 * past, waiting for a scorecard), optionally of one group or matching a
 * search; and the groups and the huddles, in name order.
 *
 * Items are snapshots made when a row asks for one, so an edited event or
 * group is reported as replaced (see RapportIdListClass). "Upcoming" and
 * "past" divide at the moment of the last reload.
 */
#define G_LOG_DOMAIN "rapport-event-list"

#include "config.h"

#include "rapport-text.h"
#include "rapport-event-list.h"

struct _RapportEventList
{
  RapportIdList parent_instance;

  RapportEventWhen when;
  char *search;
  gint64 group_id;
};

G_DEFINE_FINAL_TYPE (RapportEventList, rapport_event_list, RAPPORT_TYPE_ID_LIST)

static gboolean
rapport_event_list_query (RapportIdList *list,
                          GArray *ids,
                          GError **error)
{
  RapportEventList *self = RAPPORT_EVENT_LIST (list);
  RapportEventQuery query = {
    .when = self->when,
    .now = rapport_time_now (),
    .search = self->search,
    .group_id = self->group_id,
  };

  return rapport_store_query_event_ids (rapport_id_list_get_store (list), &query, ids, error);
}

static gpointer
rapport_event_list_load (RapportIdList *list,
                         gint64 id)
{
  return rapport_store_get_event (rapport_id_list_get_store (list), id, NULL);
}

static void
rapport_event_list_finalize (GObject *object)
{
  g_free (RAPPORT_EVENT_LIST (object)->search);
  G_OBJECT_CLASS (rapport_event_list_parent_class)->finalize (object);
}

static void
rapport_event_list_class_init (RapportEventListClass *klass)
{
  RapportIdListClass *list_class = RAPPORT_ID_LIST_CLASS (klass);
  static const char *const watch[] = { "events", "groups", NULL };

  G_OBJECT_CLASS (klass)->finalize = rapport_event_list_finalize;
  list_class->item_type = RAPPORT_TYPE_EVENT;
  list_class->watch = watch;
  list_class->items_are_snapshots = TRUE;
  list_class->query = rapport_event_list_query;
  list_class->load = rapport_event_list_load;
}

static void
rapport_event_list_init (RapportEventList *self)
{
}

/**
 * rapport_event_list_new:
 * @store: the store to list from
 * @when: which part of the calendar
 *
 * Returns: (transfer full): the list
 */
RapportEventList *
rapport_event_list_new (RapportStore *store,
                        RapportEventWhen when)
{
  RapportEventList *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  /* The query runs once construction is over; set the filter first. */
  self = g_object_new (RAPPORT_TYPE_EVENT_LIST, "store", store, NULL);
  rapport_event_list_set_when (self, when);
  return self;
}

/**
 * rapport_event_list_set_when:
 * @self: a list
 * @when: which part of the calendar to list
 *
 * Also reads the list again, so that "upcoming" and "past" divide at the
 * present moment.
 */
void
rapport_event_list_set_when (RapportEventList *self,
                             RapportEventWhen when)
{
  g_return_if_fail (RAPPORT_IS_EVENT_LIST (self));
  self->when = when;
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
}

/**
 * rapport_event_list_set_search:
 * @self: a list
 * @search: (nullable): words of the title, location, notes or group name
 */
void
rapport_event_list_set_search (RapportEventList *self,
                               const char *search)
{
  g_return_if_fail (RAPPORT_IS_EVENT_LIST (self));
  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
}

/**
 * rapport_event_list_set_group_id:
 * @self: a list
 * @group_id: only this group's events, or 0 for all
 */
void
rapport_event_list_set_group_id (RapportEventList *self,
                                 gint64 group_id)
{
  g_return_if_fail (RAPPORT_IS_EVENT_LIST (self));
  if (self->group_id == group_id)
    return;
  self->group_id = group_id;
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
}

struct _RapportGroupList
{
  RapportIdList parent_instance;

  gboolean archived;
};

G_DEFINE_FINAL_TYPE (RapportGroupList, rapport_group_list, RAPPORT_TYPE_ID_LIST)

static gboolean
rapport_group_list_query (RapportIdList *list,
                          GArray *ids,
                          GError **error)
{
  return rapport_store_query_group_ids (rapport_id_list_get_store (list), RAPPORT_GROUP_LIST (list)->archived, ids, error);
}

static gpointer
rapport_group_list_load (RapportIdList *list,
                         gint64 id)
{
  return rapport_store_get_group (rapport_id_list_get_store (list), id, NULL);
}

static void
rapport_group_list_class_init (RapportGroupListClass *klass)
{
  RapportIdListClass *list_class = RAPPORT_ID_LIST_CLASS (klass);
  static const char *const watch[] = { "groups", "events", NULL };

  list_class->item_type = RAPPORT_TYPE_GROUP;
  list_class->watch = watch;
  list_class->items_are_snapshots = TRUE;
  list_class->query = rapport_group_list_query;
  list_class->load = rapport_group_list_load;
}

static void
rapport_group_list_init (RapportGroupList *self)
{
}

/**
 * rapport_group_list_new:
 * @store: the store to list from
 *
 * Returns: (transfer full): the groups that are not archived, by name
 */
RapportGroupList *
rapport_group_list_new (RapportStore *store)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  return g_object_new (RAPPORT_TYPE_GROUP_LIST, "store", store, NULL);
}

/**
 * rapport_group_list_set_archived:
 * @self: a list
 * @archived: list the archived groups instead
 */
void
rapport_group_list_set_archived (RapportGroupList *self,
                                 gboolean archived)
{
  g_return_if_fail (RAPPORT_IS_GROUP_LIST (self));
  if (self->archived == !!archived)
    return;
  self->archived = !!archived;
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
}

struct _RapportHuddleList
{
  RapportIdList parent_instance;

  gboolean archived;
};

G_DEFINE_FINAL_TYPE (RapportHuddleList, rapport_huddle_list, RAPPORT_TYPE_ID_LIST)

static gboolean
rapport_huddle_list_query (RapportIdList *list,
                           GArray *ids,
                           GError **error)
{
  return rapport_store_query_huddle_ids (rapport_id_list_get_store (list), RAPPORT_HUDDLE_LIST (list)->archived, ids,
                                         error);
}

static gpointer
rapport_huddle_list_load (RapportIdList *list,
                          gint64 id)
{
  return rapport_store_get_huddle (rapport_id_list_get_store (list), id, NULL);
}

static void
rapport_huddle_list_class_init (RapportHuddleListClass *klass)
{
  RapportIdListClass *list_class = RAPPORT_ID_LIST_CLASS (klass);
  static const char *const watch[] = { "huddles", "contacts", NULL };

  list_class->item_type = RAPPORT_TYPE_HUDDLE;
  list_class->watch = watch;
  list_class->items_are_snapshots = TRUE;
  list_class->query = rapport_huddle_list_query;
  list_class->load = rapport_huddle_list_load;
}

static void
rapport_huddle_list_init (RapportHuddleList *self)
{
}

/**
 * rapport_huddle_list_new:
 * @store: the store to list from
 *
 * Returns: (transfer full): the huddles that are not archived, by name
 */
RapportHuddleList *
rapport_huddle_list_new (RapportStore *store)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  return g_object_new (RAPPORT_TYPE_HUDDLE_LIST, "store", store, NULL);
}

/**
 * rapport_huddle_list_set_archived:
 * @self: a list
 * @archived: list the archived huddles instead
 */
void
rapport_huddle_list_set_archived (RapportHuddleList *self,
                                  gboolean archived)
{
  g_return_if_fail (RAPPORT_IS_HUDDLE_LIST (self));
  if (self->archived == !!archived)
    return;
  self->archived = !!archived;
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
}
