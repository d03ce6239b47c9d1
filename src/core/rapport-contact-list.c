/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-list.c: a GListModel over contact ids.
 *
 * The model holds only the ids that match its query, in name order; a
 * RapportContact is made when a row asks for it, through the store's cache.
 * When the store changes, the ids are queried again and only the span that
 * differs is reported, so that the view keeps its scroll position and
 * selection.
 */
#define G_LOG_DOMAIN "rapport-contact-list"

#include "config.h"

#include "rapport-contact-list.h"

struct _RapportContactList
{
  GObject parent_instance;

  RapportStore *store;
  GArray *ids;
  char *search;
  int relationship;
  char *tag;
  gboolean starred_only;
  gboolean archived;
  guint reload_source;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportContactList, rapport_contact_list, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_RELATIONSHIP,
  PROP_TAG,
  PROP_STARRED_ONLY,
  PROP_ARCHIVED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rapport_contact_list_get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_CONTACT;
}

static guint
rapport_contact_list_get_n_items (GListModel *model)
{
  return RAPPORT_CONTACT_LIST (model)->ids->len;
}

static gpointer
rapport_contact_list_get_item (GListModel *model,
                               guint position)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (model);

  if (position >= self->ids->len)
    return NULL;
  return rapport_store_get_contact (self->store, g_array_index (self->ids, gint64, position), NULL);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_contact_list_get_item_type;
  iface->get_n_items = rapport_contact_list_get_n_items;
  iface->get_item = rapport_contact_list_get_item;
}

/**
 * rapport_contact_list_reload:
 * @self: a list
 *
 * Runs the query again now and reports what changed.
 */
void
rapport_contact_list_reload (RapportContactList *self)
{
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  RapportContactQuery query = {
    .search = self->search,
    .relationship = self->relationship,
    .tag = self->tag,
    .starred_only = self->starred_only,
    .archived = self->archived,
  };
  const gint64 *a, *b;
  guint old_len, new_len, prefix = 0, suffix = 0;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (!rapport_store_query_contact_ids (self->store, &query, fresh, &error))
    g_warning ("Could not list contacts: %s", error->message);

  a = (const gint64 *) (gpointer) self->ids->data;
  b = (const gint64 *) (gpointer) fresh->data;
  old_len = self->ids->len;
  new_len = fresh->len;
  while (prefix < old_len && prefix < new_len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         a[old_len - 1 - suffix] == b[new_len - 1 - suffix])
    suffix++;

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&fresh);

  if (old_len - prefix - suffix != 0 || new_len - prefix - suffix != 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_len - prefix - suffix, new_len - prefix - suffix);
      if (old_len != new_len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
on_store_changed (RapportContactList *self,
                  gint64 contact_id,
                  RapportStore *store)
{
  rapport_contact_list_reload (self);
}

static void
rapport_contact_list_dispose (GObject *object)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_contact_list_parent_class)->dispose (object);
}

static void
rapport_contact_list_finalize (GObject *object)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (object);

  g_array_unref (self->ids);
  g_free (self->search);
  g_free (self->tag);
  G_OBJECT_CLASS (rapport_contact_list_parent_class)->finalize (object);
}

static void
rapport_contact_list_constructed (GObject *object)
{
  RapportContactList *self = RAPPORT_CONTACT_LIST (object);

  G_OBJECT_CLASS (rapport_contact_list_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed::contacts",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  rapport_contact_list_reload (self);
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
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SEARCH: g_value_set_string (value, self->search); break;
    case PROP_RELATIONSHIP: g_value_set_int (value, self->relationship); break;
    case PROP_TAG: g_value_set_string (value, self->tag); break;
    case PROP_STARRED_ONLY: g_value_set_boolean (value, self->starred_only); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->ids->len); break;
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
    case PROP_STORE: self->store = g_value_dup_object (value); break;
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
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rapport_contact_list_constructed;
  object_class->dispose = rapport_contact_list_dispose;
  object_class->finalize = rapport_contact_list_finalize;
  object_class->get_property = rapport_contact_list_get_property;
  object_class->set_property = rapport_contact_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, RAPPORT_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, rw);
  properties[PROP_RELATIONSHIP] = g_param_spec_int ("relationship", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_TAG] = g_param_spec_string ("tag", NULL, NULL, NULL, rw);
  properties[PROP_STARRED_ONLY] = g_param_spec_boolean ("starred-only", NULL, NULL, FALSE, rw);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, rw);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_contact_list_init (RapportContactList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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

RapportStore *
rapport_contact_list_get_store (RapportContactList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), NULL);
  return self->store;
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
  rapport_contact_list_reload (self);
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
  rapport_contact_list_reload (self);
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
  rapport_contact_list_reload (self);
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
  rapport_contact_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

/**
 * rapport_contact_list_get_id:
 * @self: a list
 * @position: a row
 *
 * Returns: the id of the contact at @position, without making its object
 */
gint64
rapport_contact_list_get_id (RapportContactList *self,
                             guint position)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);
  return g_array_index (self->ids, gint64, position);
}

/**
 * rapport_contact_list_find:
 * @self: a list
 * @id: a contact id
 * @position: (out) (optional): where it is
 *
 * Returns: %TRUE if the contact is in the list
 */
gboolean
rapport_contact_list_find (RapportContactList *self,
                           gint64 id,
                           guint *position)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_LIST (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        if (position)
          *position = i;
        return TRUE;
      }
  return FALSE;
}
