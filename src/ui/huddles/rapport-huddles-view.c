/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddles-view.c: the Huddles view.
 *
 * A sidebar lists the huddles the user belongs to or is forming (or the
 * archived ones), each with its members and schedule; the pane beside it
 * shows the huddle's page.
 */
#define G_LOG_DOMAIN "rapport-huddles-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-event-list.h"
#include "rapport-huddle-editor.h"
#include "rapport-huddle-page.h"
#include "rapport-huddles-view.h"
#include "rapport-list-row.h"

struct _RapportHuddlesView
{
  GtkWidget parent_instance;

  RapportStore *store;
  RapportHuddleList *huddles;
  GtkSingleSelection *selection;
  gint64 shown_id;

  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkWidget *detail_pane;
  GtkStack *list_stack;
  GtkGridView *list_view;
  GtkToggleButton *archived_button;
  GtkStack *detail_stack;
  RapportHuddlePage *huddle_page; /* made the first time one is shown */
};

G_DEFINE_FINAL_TYPE (RapportHuddlesView, rapport_huddles_view, GTK_TYPE_WIDGET)

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem *list_item,
          gpointer user_data)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  RapportHuddle *huddle = gtk_list_item_get_item (list_item);
  int n = rapport_huddle_get_n_members (huddle);
  g_autofree char *details = NULL;

  if (rapport_huddle_get_industry (huddle) != NULL)
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d member", "%s · %d members", n),
                               rapport_huddle_get_industry (huddle), n);
  else
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d member", "%d members", n), n);
  rapport_list_row_set (row, rapport_huddle_get_name (huddle), details);
}

static void
select_shown (RapportHuddlesView *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->shown_id != 0)
    rapport_id_list_find (RAPPORT_ID_LIST (self->huddles), self->shown_id, &position);
  gtk_single_selection_set_selected (self->selection, position);
}

static void
update_empty (RapportHuddlesView *self)
{
  gboolean empty = self->huddles == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->huddles)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
  select_shown (self);
}

static void
on_page_gone (RapportHuddlesView *self)
{
  self->shown_id = 0;
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  select_shown (self);
}

void
rapport_huddles_view_show_huddle (RapportHuddlesView *self,
                                  gint64 huddle_id)
{
  g_return_if_fail (RAPPORT_IS_HUDDLES_VIEW (self));

  if (self->huddle_page == NULL)
    {
      self->huddle_page = g_object_new (RAPPORT_TYPE_HUDDLE_PAGE, "store", self->store, NULL);
      g_signal_connect_object (self->huddle_page, "gone", G_CALLBACK (on_page_gone), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->huddle_page), "huddle");
    }
  self->shown_id = huddle_id;
  rapport_huddle_page_set_huddle_id (self->huddle_page, huddle_id);
  gtk_stack_set_visible_child (self->detail_stack, GTK_WIDGET (self->huddle_page));
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  select_shown (self);
}

static void
on_list_activate (RapportHuddlesView *self,
                  guint position)
{
  rapport_huddles_view_show_huddle (self, rapport_id_list_get_id (RAPPORT_ID_LIST (self->huddles), position));
}

static void
on_back_clicked (RapportHuddlesView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_archived_toggled (RapportHuddlesView *self)
{
  if (self->huddles != NULL)
    rapport_huddle_list_set_archived (self->huddles, gtk_toggle_button_get_active (self->archived_button));
  update_empty (self);
}

/**
 * rapport_huddles_view_add:
 * @self: the view
 *
 * Opens the editor for a new huddle.
 */
void
rapport_huddles_view_add (RapportHuddlesView *self)
{
  GtkWidget *editor;

  g_return_if_fail (RAPPORT_IS_HUDDLES_VIEW (self));

  if (self->store == NULL)
    return;
  editor = rapport_huddle_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget *widget,
            const char *action_name,
            GVariant *parameter)
{
  rapport_huddles_view_add (RAPPORT_HUDDLES_VIEW (widget));
}

GtkWidget *
rapport_huddles_view_get_huddle_page (RapportHuddlesView *self)
{
  g_return_val_if_fail (RAPPORT_IS_HUDDLES_VIEW (self), NULL);
  return GTK_WIDGET (self->huddle_page);
}

void
rapport_huddles_view_set_store (RapportHuddlesView *self,
                                RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_HUDDLES_VIEW (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->huddles = rapport_huddle_list_new (store);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->huddles));
  g_signal_connect_object (self->huddles, "notify::n-items", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->huddles, "items-changed", G_CALLBACK (select_shown), self, G_CONNECT_SWAPPED);
  update_empty (self);
}

static void
rapport_huddles_view_dispose (GObject *object)
{
  RapportHuddlesView *self = RAPPORT_HUDDLES_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_HUDDLES_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->huddles);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_huddles_view_parent_class)->dispose (object);
}

static void
rapport_huddles_view_class_init (RapportHuddlesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_huddles_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weandco/Rapport/huddles/rapport-huddles-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlesView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlesView, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlesView, archived_button);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlesView, detail_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_archived_toggled);
  gtk_widget_class_install_action (widget_class, "huddles.new", NULL, new_action);
}

static void
rapport_huddles_view_init (RapportHuddlesView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (rapport_list_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
