/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event-list.h: lazy lists of events, groups and huddles. */
#pragma once

#include "rapport-id-list.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EVENT_LIST (rapport_event_list_get_type ())
G_DECLARE_FINAL_TYPE (RapportEventList, rapport_event_list, RAPPORT, EVENT_LIST, RapportIdList)

RapportEventList *rapport_event_list_new (RapportStore *store, RapportEventWhen when);
void rapport_event_list_set_when (RapportEventList *self, RapportEventWhen when);
void rapport_event_list_set_search (RapportEventList *self, const char *search);
void rapport_event_list_set_group_id (RapportEventList *self, gint64 group_id);

#define RAPPORT_TYPE_GROUP_LIST (rapport_group_list_get_type ())
G_DECLARE_FINAL_TYPE (RapportGroupList, rapport_group_list, RAPPORT, GROUP_LIST, RapportIdList)

RapportGroupList *rapport_group_list_new (RapportStore *store);
void rapport_group_list_set_archived (RapportGroupList *self, gboolean archived);

#define RAPPORT_TYPE_HUDDLE_LIST (rapport_huddle_list_get_type ())
G_DECLARE_FINAL_TYPE (RapportHuddleList, rapport_huddle_list, RAPPORT, HUDDLE_LIST, RapportIdList)

RapportHuddleList *rapport_huddle_list_new (RapportStore *store);
void rapport_huddle_list_set_archived (RapportHuddleList *self, gboolean archived);

G_END_DECLS
