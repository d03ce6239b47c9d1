/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-page.c: a widget holding the store it shows a record of,
 * given at construction ("store"), with one child filling it. The event
 * and group pages derive from it, so that each only says what it shows.
 *
 * One edit makes the store report several changes (a capture touches
 * contacts, the timeline, events and groups). A page asks for a reload on
 * each, and reloads once, from an idle: never inside the signal handler
 * of a button it is about to rebuild, and not at all while hidden. When
 * its record is gone, the page says so with ::gone. Rows a page makes
 * on each reload (figures, lists in preference groups) are kept here and
 * removed before the next. */
#define G_LOG_DOMAIN "rapport-store-page"

#include "config.h"

#include "rapport-store-page.h"

typedef struct
{
  RapportStore *store;
  guint reload_source;
  gboolean stale;  /* changed while hidden */
  GPtrArray *rows; /* made on the last reload, removed on the next */
} RapportStorePagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RapportStorePage, rapport_store_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  GONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
reload_now (gpointer data)
{
  RapportStorePage *self = data;
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (self);

  priv->reload_source = 0;
  priv->stale = FALSE;
  if (RAPPORT_STORE_PAGE_GET_CLASS (self)->reload != NULL)
    RAPPORT_STORE_PAGE_GET_CLASS (self)->reload (self);
  return G_SOURCE_REMOVE;
}

/**
 * rapport_store_page_queue_reload:
 * @self: a page
 *
 * Reloads the page soon, once however often it is asked before then;
 * while the page is hidden, when it is shown again.
 */
void
rapport_store_page_queue_reload (RapportStorePage *self)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_STORE_PAGE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      priv->stale = TRUE;
      return;
    }
  if (priv->reload_source == 0)
    priv->reload_source = g_idle_add (reload_now, self);
}

/**
 * rapport_store_page_gone:
 * @self: a page
 *
 * Tells whoever shows the page that its record no longer exists.
 */
void
rapport_store_page_gone (RapportStorePage *self)
{
  g_return_if_fail (RAPPORT_IS_STORE_PAGE (self));
  g_signal_emit (self, signals[GONE], 0);
}

/**
 * rapport_store_page_add_row:
 * @self: a page
 * @group: where the row goes
 * @row: (transfer none): a row made for this reload
 *
 * Adds @row to @group until rapport_store_page_clear_rows().
 *
 * Returns: (transfer none): @row
 */
GtkWidget *
rapport_store_page_add_row (RapportStorePage *self,
                            AdwPreferencesGroup *group,
                            GtkWidget *row)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (self);

  adw_preferences_group_add (group, row);
  g_ptr_array_add (priv->rows, row);
  return row;
}

/**
 * rapport_store_page_add_figure:
 * @self: a page
 * @group: where the row goes
 * @title: what the figure is
 * @value: the figure, as shown
 *
 * Adds a row that names a figure and shows it on the right; a long one
 * (a date and a time, a sentence) goes under the name instead, where it
 * can wrap on a narrow window.
 *
 * Returns: (transfer none): the row
 */
GtkWidget *
rapport_store_page_add_figure (RapportStorePage *self,
                               AdwPreferencesGroup *group,
                               const char *title,
                               const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_utf8_strlen (value, -1) > 16)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      return rapport_store_page_add_row (self, group, row);
    }
  label = gtk_label_new (value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return rapport_store_page_add_row (self, group, row);
}

void
rapport_store_page_clear_rows (RapportStorePage *self)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (self);

  for (guint i = 0; i < priv->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (priv->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (priv->rows, 0);
}

static void
rapport_store_page_map (GtkWidget *widget)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (RAPPORT_STORE_PAGE (widget));

  GTK_WIDGET_CLASS (rapport_store_page_parent_class)->map (widget);
  if (priv->stale)
    rapport_store_page_queue_reload (RAPPORT_STORE_PAGE (widget));
}

static void
rapport_store_page_dispose (GObject *object)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (RAPPORT_STORE_PAGE (object));
  GtkWidget *child;

  g_clear_handle_id (&priv->reload_source, g_source_remove);
  g_clear_pointer (&priv->rows, g_ptr_array_unref);
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

  /**
   * RapportStorePage::gone:
   *
   * The record the page showed was deleted.
   */
  signals[GONE] = g_signal_new ("gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  GTK_WIDGET_CLASS (klass)->map = rapport_store_page_map;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_store_page_init (RapportStorePage *self)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (self);

  priv->rows = g_ptr_array_new ();
}

RapportStore *
rapport_store_page_get_store (RapportStorePage *self)
{
  RapportStorePagePrivate *priv = rapport_store_page_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_STORE_PAGE (self), NULL);
  return priv->store;
}
