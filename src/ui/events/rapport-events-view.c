/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-events-view.c: the Events view.
 *
 * A sidebar lists upcoming events, past events or groups, each a lazy
 * list from core; the pane beside it shows the chosen event or group.
 * Past events that still wait for their scorecard are counted in a
 * prompt above the list, which opens the latest of them. While the view
 * is shown, the lists are read again every minute, so that an event that
 * ends moves from upcoming to past.
 */
#define G_LOG_DOMAIN "rapport-events-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-text.h"
#include "rapport-event-editor.h"
#include "rapport-event-list.h"
#include "rapport-event-page.h"
#include "rapport-events-view.h"
#include "rapport-format.h"
#include "rapport-group-editor.h"
#include "rapport-group-page.h"
#include "rapport-list-row.h"

struct _RapportEventsView
{
  GtkWidget parent_instance;

  RapportStore *store;
  RapportEventList *events;
  RapportGroupList *groups;
  GtkSingleSelection *selection;
  gboolean shown_is_group;
  gint64 shown_id;
  guint tick_source;

  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkWidget *detail_pane;
  GtkSearchEntry *search_entry;
  GtkToggleButton *upcoming_button;
  GtkToggleButton *past_button;
  GtkToggleButton *groups_button;
  GtkRevealer *unscored_revealer;
  GtkButton *unscored_button;
  GtkStack *list_stack;
  GtkGridView *list_view;
  AdwStatusPage *empty_page;
  GtkRevealer *groups_footer;
  GtkToggleButton *archived_button;
  GtkStack *detail_stack;
  /* Made the first time one is shown. */
  RapportEventPage *event_page;
  RapportGroupPage *group_page;
};

G_DEFINE_FINAL_TYPE (RapportEventsView, rapport_events_view, GTK_TYPE_WIDGET)

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem *list_item,
          gpointer user_data)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *details = NULL;

  if (RAPPORT_IS_EVENT (item))
    {
      RapportEvent *event = item;

      details = rapport_format_event_details (event);
      rapport_list_row_set (row, rapport_event_get_title (event), details);
      rapport_format_quality_badge (rapport_list_row_get_badge (row), rapport_event_get_quality (event));
    }
  else
    {
      RapportGroup *group = item;
      int n = rapport_group_get_n_events (group);

      details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d event", "%s · %d events", n),
                                 rapport_verdict_get_label (rapport_group_get_verdict (group)), n);
      rapport_list_row_set (row, rapport_group_get_name (group), details);
      rapport_format_quality_badge (rapport_list_row_get_badge (row), rapport_group_get_quality (group));
    }
}

static GListModel *
current_list (RapportEventsView *self)
{
  return gtk_toggle_button_get_active (self->groups_button) ? G_LIST_MODEL (self->groups)
                                                            : G_LIST_MODEL (self->events);
}

static void
update_empty (RapportEventsView *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean groups = gtk_toggle_button_get_active (self->groups_button);
  GListModel *list = current_list (self);

  if (list == NULL || g_list_model_get_n_items (list) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  if (groups)
    {
      adw_status_page_set_title (self->empty_page, _("No Groups"));
      adw_status_page_set_description (self->empty_page,
                                       _("Groups are the organisations that host events: a chamber, a leads group, a meetup."));
    }
  else if (*search != '\0')
    {
      adw_status_page_set_title (self->empty_page, _("No Events Found"));
      adw_status_page_set_description (self->empty_page, _("Try other words, or look in the other list."));
    }
  else if (gtk_toggle_button_get_active (self->upcoming_button))
    {
      adw_status_page_set_title (self->empty_page, _("No Upcoming Events"));
      adw_status_page_set_description (self->empty_page, _("Add the next event you plan to go to with the + button."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Past Events"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
}

static void
update_unscored (RapportEventsView *self)
{
  guint n = self->store ? rapport_store_count_unscored (self->store, rapport_time_now ()) : 0;
  g_autofree char *label = NULL;

  gtk_revealer_set_reveal_child (self->unscored_revealer, n > 0);
  if (n == 0)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Score %u past event", "Score %u past events", n), n);
  gtk_button_set_label (self->unscored_button, label);
}

static void select_shown (RapportEventsView *self, gboolean group, gint64 id);

/* Replaced rows lose their selection; the open record keeps its mark. */
static void
on_store_changed (RapportEventsView *self)
{
  update_unscored (self);
  update_empty (self);
  if (self->shown_id != 0)
    select_shown (self, self->shown_is_group, self->shown_id);
}

static void
on_section_toggled (RapportEventsView *self,
                    GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button) || self->store == NULL)
    return;
  if (button != self->groups_button)
    rapport_event_list_set_when (self->events, button == self->past_button ? RAPPORT_EVENTS_PAST
                                                                           : RAPPORT_EVENTS_UPCOMING);
  gtk_single_selection_set_model (self->selection, current_list (self));
  if (self->shown_id != 0)
    select_shown (self, self->shown_is_group, self->shown_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), button != self->groups_button);
  gtk_revealer_set_reveal_child (self->groups_footer, button == self->groups_button);
  update_empty (self);
}

static void
on_search_changed (RapportEventsView *self)
{
  if (self->events == NULL)
    return;
  rapport_event_list_set_search (self->events, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_empty (self);
}

/* Highlights the row of what the detail pane shows, if it is listed. */
static void
select_shown (RapportEventsView *self,
              gboolean group,
              gint64 id)
{
  GListModel *list = current_list (self);
  guint position = GTK_INVALID_LIST_POSITION;

  if (list != NULL && RAPPORT_IS_GROUP_LIST (list) == group)
    rapport_id_list_find (RAPPORT_ID_LIST (list), id, &position);
  gtk_single_selection_set_selected (self->selection, position);
}

static void
show_detail (RapportEventsView *self,
             GtkWidget *page,
             gboolean group,
             gint64 id)
{
  self->shown_is_group = group;
  self->shown_id = id;
  gtk_stack_set_visible_child (self->detail_stack, page);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  select_shown (self, group, id);
}

static void
on_page_gone (RapportEventsView *self)
{
  self->shown_id = 0;
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void on_open_event (RapportEventsView *self, gint64 event_id);
static void on_open_group (RapportEventsView *self, gint64 group_id);

void
rapport_events_view_show_event (RapportEventsView *self,
                                gint64 event_id)
{
  g_return_if_fail (RAPPORT_IS_EVENTS_VIEW (self));

  if (self->event_page == NULL)
    {
      self->event_page = g_object_new (RAPPORT_TYPE_EVENT_PAGE, "store", self->store, NULL);
      g_signal_connect_object (self->event_page, "open-group", G_CALLBACK (on_open_group), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->event_page, "gone", G_CALLBACK (on_page_gone), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->event_page), "event");
    }
  rapport_event_page_set_event_id (self->event_page, event_id);
  show_detail (self, GTK_WIDGET (self->event_page), FALSE, event_id);
}

void
rapport_events_view_show_group (RapportEventsView *self,
                                gint64 group_id)
{
  g_return_if_fail (RAPPORT_IS_EVENTS_VIEW (self));

  if (self->group_page == NULL)
    {
      self->group_page = g_object_new (RAPPORT_TYPE_GROUP_PAGE, "store", self->store, NULL);
      g_signal_connect_object (self->group_page, "open-event", G_CALLBACK (on_open_event), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->group_page, "gone", G_CALLBACK (on_page_gone), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->group_page), "group");
    }
  rapport_group_page_set_group_id (self->group_page, group_id);
  show_detail (self, GTK_WIDGET (self->group_page), TRUE, group_id);
}

static void
on_open_event (RapportEventsView *self,
               gint64 event_id)
{
  rapport_events_view_show_event (self, event_id);
}

static void
on_open_group (RapportEventsView *self,
               gint64 group_id)
{
  rapport_events_view_show_group (self, group_id);
}

static void
on_list_activate (RapportEventsView *self,
                  guint position)
{
  GListModel *list = current_list (self);
  gint64 id = rapport_id_list_get_id (RAPPORT_ID_LIST (list), position);

  if (RAPPORT_IS_GROUP_LIST (list))
    rapport_events_view_show_group (self, id);
  else
    rapport_events_view_show_event (self, id);
}

static void
on_unscored_clicked (RapportEventsView *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RapportEventQuery query = { RAPPORT_EVENTS_UNSCORED, rapport_time_now (), NULL, 0 };

  if (rapport_store_query_event_ids (self->store, &query, ids, NULL) && ids->len > 0)
    rapport_events_view_show_event (self, g_array_index (ids, gint64, 0));
}

static void
on_back_clicked (RapportEventsView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/**
 * rapport_events_view_add:
 * @self: the view
 *
 * Opens the editor for a new event.
 */
void
rapport_events_view_add (RapportEventsView *self)
{
  GtkWidget *editor;

  g_return_if_fail (RAPPORT_IS_EVENTS_VIEW (self));

  editor = rapport_event_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

/**
 * rapport_events_view_focus_search:
 * @self: the view
 *
 * Shows the events and puts the cursor in their search.
 */
void
rapport_events_view_focus_search (RapportEventsView *self)
{
  g_return_if_fail (RAPPORT_IS_EVENTS_VIEW (self));

  if (gtk_toggle_button_get_active (self->groups_button))
    gtk_toggle_button_set_active (self->upcoming_button, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
new_group_action (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  RapportEventsView *self = RAPPORT_EVENTS_VIEW (widget);
  GtkWidget *editor;

  if (self->store == NULL)
    return;
  editor = rapport_group_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_archived_toggled (RapportEventsView *self)
{
  if (self->groups == NULL)
    return;
  rapport_group_list_set_archived (self->groups, gtk_toggle_button_get_active (self->archived_button));
  update_empty (self);
}

static gboolean
on_tick (gpointer data)
{
  RapportEventsView *self = data;

  if (self->events != NULL)
    rapport_id_list_reload (RAPPORT_ID_LIST (self->events));
  on_store_changed (self);
  return G_SOURCE_CONTINUE;
}

static void
rapport_events_view_map (GtkWidget *widget)
{
  RapportEventsView *self = RAPPORT_EVENTS_VIEW (widget);

  GTK_WIDGET_CLASS (rapport_events_view_parent_class)->map (widget);
  on_tick (self);
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add_seconds (60, on_tick, self);
}

static void
rapport_events_view_unmap (GtkWidget *widget)
{
  RapportEventsView *self = RAPPORT_EVENTS_VIEW (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  GTK_WIDGET_CLASS (rapport_events_view_parent_class)->unmap (widget);
}

GtkWidget *
rapport_events_view_get_event_page (RapportEventsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_EVENTS_VIEW (self), NULL);
  return GTK_WIDGET (self->event_page);
}

GtkWidget *
rapport_events_view_get_group_page (RapportEventsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_EVENTS_VIEW (self), NULL);
  return GTK_WIDGET (self->group_page);
}

void
rapport_events_view_set_store (RapportEventsView *self,
                               RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_EVENTS_VIEW (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->events = rapport_event_list_new (store, RAPPORT_EVENTS_UPCOMING);
  self->groups = rapport_group_list_new (store);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->events));
  g_signal_connect_object (store, "changed::events", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::groups", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  update_unscored (self);
  update_empty (self);
}

static void
rapport_events_view_dispose (GObject *object)
{
  RapportEventsView *self = RAPPORT_EVENTS_VIEW (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_EVENTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  g_clear_object (&self->groups);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_events_view_parent_class)->dispose (object);
}

static void
rapport_events_view_class_init (RapportEventsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_events_view_dispose;
  widget_class->map = rapport_events_view_map;
  widget_class->unmap = rapport_events_view_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weandco/Rapport/events/rapport-events-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, upcoming_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, past_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, groups_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, unscored_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, unscored_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, groups_footer);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, archived_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventsView, detail_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_section_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_unscored_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_archived_toggled);
  gtk_widget_class_install_action (widget_class, "events.new-group", NULL, new_group_action);
}

static void
rapport_events_view_init (RapportEventsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_type_ensure (RAPPORT_TYPE_EVENT_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (rapport_list_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_grid_view_set_single_click_activate (self->list_view, TRUE);
}
