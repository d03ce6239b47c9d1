/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-page.c: a widget holding the store it shows a record of,
 * given at construction ("store"), with one child filling it. The event
 * and group pages derive from it, so that each only says what it shows. */
#define G_LOG_DOMAIN "rapport-store-page"

#include "config.h"

#include "rapport-store-page.h"

typedef struct
{
  RapportStore *store;
} RapportStorePagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RapportStorePage, rapport_store_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_store_page_dispose (GObject *object)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (RAPPORT_STORE_PAGE (object));
  GtkWidget *child;

  /* Children a subclass built in code, or left unnamed in its template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->store);
  G_OBJECT_CLASS (rapport_store_page_parent_class)->dispose (object);
}

static void
rapport_store_page_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (RAPPORT_STORE_PAGE (object));

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, priv->store); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_store_page_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (RAPPORT_STORE_PAGE (object));

  switch (prop_id)
    {
    case PROP_STORE: priv->store = g_value_dup_object (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_store_page_class_init (RapportStorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_store_page_dispose;
  object_class->get_property = rapport_store_page_get_property;
  object_class->set_property = rapport_store_page_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, RAPPORT_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_store_page_init (RapportStorePage *self)
{
}

RapportStore *
rapport_store_page_get_store (RapportStorePage *self)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_STORE_PAGE (self), NULL);
  return priv->store;
}
