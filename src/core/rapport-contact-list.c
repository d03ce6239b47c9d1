/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-list.c: the contacts that match a search and filters,
 * in name order.
 *
 * Items come from the store's cache of live contacts, so a row and an open
 * card show the same object and both follow an edit.
 */
#define G_LOG_DOMAIN "rapport-contact-list"

#include "config.h"

#include "rapport-contact-list.h"

struct _RapportContactList
{
  RapportIdList parent_instance;

  char *search;
  int relationship;
  char *tag;
  gboolean starred_only;
  gboolean archived;
};

G_DEFINE_FINAL_TYPE (RapportContactList, rapport_contact_list, RAPPORT_TYPE_ID_LIST)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_RELATIONSHIP,
  PROP_TAG,
  PROP_STARRED_ONLY,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_contact_list_query (RapportIdList *list,
                            GArray *ids,
                            GError **error)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (list);
  RapportContactQuery query = {
    .search = self->search,
    .relationship = self->relationship,
    .tag = self->tag,
    .starred_only = self->starred_only,
    .archived = self->archived,
  };

  return rapport_store_query_contact_ids (rapport_id_list_get_store (list), &query, ids, error);
}

static gpointer
rapport_contact_list_load (RapportIdList *list,
                           gint64 id)
{
  return rapport_store_get_contact (rapport_id_list_get_store (list), id, NULL);
}

static void
rapport_contact_list_finalize (GObject *object)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (object);

  g_free (self->search);
  g_free (self->tag);
  G_OBJECT_CLASS (rapport_contact_list_parent_class)->finalize (object);
}

static void
rapport_contact_list_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH: g_value_set_string (value, self->search); break;
    case PROP_RELATIONSHIP: g_value_set_int (value, self->relationship); break;
    case PROP_TAG: g_value_set_string (value, self->tag); break;
    case PROP_STARRED_ONLY: g_value_set_boolean (value, self->starred_only); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_list_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH: rapport_contact_list_set_search (self, g_value_get_string (value)); break;
    case PROP_RELATIONSHIP: rapport_contact_list_set_relationship (self, g_value_get_int (value)); break;
    case PROP_TAG: rapport_contact_list_set_tag (self, g_value_get_string (value)); break;
    case PROP_STARRED_ONLY: rapport_contact_list_set_starred_only (self, g_value_get_boolean (value)); break;
    case PROP_ARCHIVED: rapport_contact_list_set_archived (self, g_value_get_boolean (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_list_class_init (RapportContactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportIdListClass *list_class = RAPPORT_ID_LIST_CLASS (klass);
  static const char *const watch[] = { "contacts", NULL };
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_contact_list_finalize;
  object_class->get_property = rapport_contact_list_get_property;
  object_class->set_property = rapport_contact_list_set_property;

  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, rw);
  properties[PROP_RELATIONSHIP] = g_param_spec_int ("relationship", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_TAG] = g_param_spec_string ("tag", NULL, NULL, NULL, rw);
  properties[PROP_STARRED_ONLY] = g_param_spec_boolean ("starred-only", NULL, NULL, FALSE, rw);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  list_class->item_type = RAPPORT_TYPE_CONTACT;
  list_class->watch = watch;
  list_class->query = rapport_contact_list_query;
  list_class->load = rapport_contact_list_load;
}

static void
rapport_contact_list_init (RapportContactList *self)
{
  self->relationship = -1;
}

/**
 * rapport_contact_list_new:
 * @store: the store to list from
 *
 * Returns: (transfer full): a list of the active contacts, in name order
 */
RapportContactList *
rapport_contact_list_new (RapportStore *store)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  return g_object_new (RAPPORT_TYPE_CONTACT_LIST, "store", store, NULL);
}

static void
set_string_and_reload (RapportContactList *self,
                       char **field,
                       const char *value,
                       guint prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
rapport_contact_list_get_search (RapportContactList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), NULL);
  return self->search;
}

void
rapport_contact_list_set_search (RapportContactList *self,
                                 const char *search)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_LIST (self));
  set_string_and_reload (self, &self->search, search, PROP_SEARCH);
}

const char *
rapport_contact_list_get_tag (RapportContactList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), NULL);
  return self->tag;
}

void
rapport_contact_list_set_tag (RapportContactList *self,
                              const char *tag)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_LIST (self));
  set_string_and_reload (self, &self->tag, tag, PROP_TAG);
}

int
rapport_contact_list_get_relationship (RapportContactList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), -1);
  return self->relationship;
}

void
rapport_contact_list_set_relationship (RapportContactList *self,
                                       int relationship)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_LIST (self));
  if (relationship < 0)
    relationship = -1;
  if (self->relationship == relationship)
    return;
  self->relationship = relationship;
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP]);
}

gboolean
rapport_contact_list_get_starred_only (RapportContactList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), FALSE);
  return self->starred_only;
}

void
rapport_contact_list_set_starred_only (RapportContactList *self,
                                       gboolean starred_only)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_LIST (self));
  starred_only = !!starred_only;
  if (self->starred_only == starred_only)
    return;
  self->starred_only = starred_only;
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED_ONLY]);
}

gboolean
rapport_contact_list_get_archived (RapportContactList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), FALSE);
  return self->archived;
}

void
rapport_contact_list_set_archived (RapportContactList *self,
                                   gboolean archived)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_LIST (self));
  archived = !!archived;
  if (self->archived == archived)
    return;
  self->archived = archived;
  rapport_id_list_reload (RAPPORT_ID_LIST (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}
