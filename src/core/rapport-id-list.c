/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-id-list.c: a GListModel over record ids.
 *
 * A list holds only the ids that match its query, in display order; an
 * object is made when a row asks for it. When the store reports a change
 * the list watches, the ids are queried again and only the span that
 * differs is reported, so that a view keeps its scroll position and
 * selection. Subclasses say what to query and how to make an item.
 */
#define G_LOG_DOMAIN "rapport-id-list"

#include "config.h"

#include "rapport-id-list.h"

typedef struct
{
  RapportStore *store;
  GArray *ids;
} RapportIdListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (RapportIdList, rapport_id_list, G_TYPE_OBJECT, G_ADD_PRIVATE (RapportIdList) G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rapport_id_list_get_item_type (GListModel *model)
{
  return RAPPORT_ID_LIST_GET_CLASS (model)->item_type;
}

static guint
rapport_id_list_get_n_items (GListModel *model)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (RAPPORT_ID_LIST (model));

  return priv->ids->len;
}

static gpointer
rapport_id_list_get_item (GListModel *model,
                          guint position)
{
  RapportIdList *self = RAPPORT_ID_LIST (model);
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (self);

  if (position >= priv->ids->len)
    return NULL;
  return RAPPORT_ID_LIST_GET_CLASS (self)->load (self, g_array_index (priv->ids, gint64, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_id_list_get_item_type;
  iface->get_n_items = rapport_id_list_get_n_items;
  iface->get_item = rapport_id_list_get_item;
}

/* Runs the query again and reports the span that differs. Returns where
 * that span starts and how long it now is. */
static void
reload (RapportIdList *self,
        guint *changed_from,
        guint *changed_len)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (self);
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const gint64 *a, *b;
  guint old_len, new_len, prefix = 0, suffix = 0;

  /* On failure the list keeps what it showed rather than empty itself. */
  if (!RAPPORT_ID_LIST_GET_CLASS (self)->query (self, fresh, &error))
    {
      g_warning ("Could not list %s: %s", G_OBJECT_TYPE_NAME (self), error->message);
      *changed_from = *changed_len = 0;
      return;
    }

  a = (const gint64 *) (gpointer) priv->ids->data;
  b = (const gint64 *) (gpointer) fresh->data;
  old_len = priv->ids->len;
  new_len = fresh->len;
  while (prefix < old_len && prefix < new_len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         a[old_len - 1 - suffix] == b[new_len - 1 - suffix])
    suffix++;

  g_array_unref (priv->ids);
  priv->ids = g_steal_pointer (&fresh);
  *changed_from = prefix;
  *changed_len = new_len - prefix - suffix;

  if (old_len - prefix - suffix != 0 || new_len - prefix - suffix != 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_len - prefix - suffix, new_len - prefix - suffix);
      if (old_len != new_len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/**
 * rapport_id_list_reload:
 * @self: a list
 *
 * Runs the query again now and reports what changed. Subclasses call it
 * when their filter changes.
 */
void
rapport_id_list_reload (RapportIdList *self)
{
  guint from, len;

  g_return_if_fail (RAPPORT_IS_ID_LIST (self));
  reload (self, &from, &len);
}

/* One of the list's own records changed (or several, with @id 0). */
static void
on_own_changed (RapportIdList *self,
                gint64 id,
                RapportStore *store)
{
  guint from, len, position;
  guint n;

  reload (self, &from, &len);
  if (!RAPPORT_ID_LIST_GET_CLASS (self)->items_are_snapshots)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self));
  /* A record that kept its place was not reported by the reload; items
   * made afresh on each request must be replaced for a row to show it. */
  if (id == 0 && n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
  else if (id != 0 && rapport_id_list_find (self, id, &position) && (position < from || position >= from + len))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/* Another kind of record changed, which rows may show (an event row shows
 * its group's name): every snapshot is replaced. Only the rows on screen
 * make their item again. */
static void
on_other_changed (RapportIdList *self,
                  gint64 id,
                  RapportStore *store)
{
  on_own_changed (self, 0, store);
}

static void
rapport_id_list_dispose (GObject *object)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (RAPPORT_ID_LIST (object));

  if (priv->store != NULL)
    g_signal_handlers_disconnect_by_data (priv->store, object);
  g_clear_object (&priv->store);
  G_OBJECT_CLASS (rapport_id_list_parent_class)->dispose (object);
}

static void
rapport_id_list_finalize (GObject *object)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (RAPPORT_ID_LIST (object));

  g_array_unref (priv->ids);
  G_OBJECT_CLASS (rapport_id_list_parent_class)->finalize (object);
}

static void
rapport_id_list_constructed (GObject *object)
{
  RapportIdList *self = RAPPORT_ID_LIST (object);
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (self);
  const char *const *watch = RAPPORT_ID_LIST_GET_CLASS (self)->watch;

  G_OBJECT_CLASS (rapport_id_list_parent_class)->constructed (object);

  for (guint i = 0; watch != NULL && watch[i] != NULL; i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", watch[i], NULL);

      g_signal_connect_object (priv->store, signal, i == 0 ? G_CALLBACK (on_own_changed) : G_CALLBACK (on_other_changed),
                               self, G_CONNECT_SWAPPED);
    }
  rapport_id_list_reload (self);
}

static void
rapport_id_list_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (RAPPORT_ID_LIST (object));

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, priv->store); break;
    case PROP_N_ITEMS: g_value_set_uint (value, priv->ids->len); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_id_list_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (RAPPORT_ID_LIST (object));

  switch (prop_id)
    {
    case PROP_STORE: priv->store = g_value_dup_object (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_id_list_class_init (RapportIdListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_id_list_constructed;
  object_class->dispose = rapport_id_list_dispose;
  object_class->finalize = rapport_id_list_finalize;
  object_class->get_property = rapport_id_list_get_property;
  object_class->set_property = rapport_id_list_set_property;

  klass->item_type = G_TYPE_OBJECT;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, RAPPORT_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_id_list_init (RapportIdList *self)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (self);

  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

RapportStore *
rapport_id_list_get_store (RapportIdList *self)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_ID_LIST (self), NULL);
  return priv->store;
}

/**
 * rapport_id_list_get_id:
 * @self: a list
 * @position: a row
 *
 * Returns: the id of the record at @position, without making its object
 */
gint64
rapport_id_list_get_id (RapportIdList *self,
                        guint position)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_ID_LIST (self), 0);
  g_return_val_if_fail (position < priv->ids->len, 0);
  return g_array_index (priv->ids, gint64, position);
}

/**
 * rapport_id_list_find:
 * @self: a list
 * @id: a record id
 * @position: (out) (optional): where it is
 *
 * Returns: %TRUE if the record is in the list
 */
gboolean
rapport_id_list_find (RapportIdList *self,
                      gint64 id,
                      guint *position)
{
  RapportIdListPrivate *priv = rapport_id_list_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_ID_LIST (self), FALSE);

  for (guint i = 0; i < priv->ids->len; i++)
    if (g_array_index (priv->ids, gint64, i) == id)
      {
        if (position)
          *position = i;
        return TRUE;
      }
  return FALSE;
}
