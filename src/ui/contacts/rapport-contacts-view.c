/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contacts-view.c: search, filters, the lazy list and the card.
 *
 * The list is a RapportContactList, so searching and filtering happen in
 * SQL and only the rows on screen become objects. Filters are properties
 * of the view, exposed as stateful actions for the filter menu.
 */
#define G_LOG_DOMAIN "rapport-contacts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact-list.h"
#include "rapport-contact-page.h"
#include "rapport-contact-row.h"
#include "rapport-contacts-view.h"

struct _RapportContactsView
{
  GtkWidget parent_instance;

  RapportStore *store;
  RapportContactList *list;
  GtkSingleSelection *selection;
  gint64 shown_id;

  gboolean starred_only;
  gboolean show_archive;
  char *relationship;
  char *tag;

  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkWidget *card_pane;
  GtkSearchEntry *search_entry;
  /* A grid view of one column: GTK 4.8's list view makes 200 rows before
   * its first frame whatever its height, a grid view about thirty. */
  GtkGridView *list_view;
  GtkStack *list_stack;
  GtkStack *card_stack;
  /* Made when the first card opens: most starts show none. */
  RapportContactPage *contact_page;
  GtkRevealer *filter_revealer;
  GtkLabel *filter_label;
  AdwStatusPage *no_results_page;
  GMenu *tags_submenu;
};

G_DEFINE_FINAL_TYPE (RapportContactsView, rapport_contacts_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STARRED_ONLY,
  PROP_SHOW_ARCHIVE,
  PROP_RELATIONSHIP,
  PROP_TAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem *list_item,
           gpointer user_data)
{
  gtk_list_item_set_child (list_item, rapport_contact_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem *list_item,
          gpointer user_data)
{
  RapportContactsView *self = user_data;
  RapportContactRow *row = RAPPORT_CONTACT_ROW (gtk_list_item_get_child (list_item));

  rapport_contact_row_set_contact (row, gtk_list_item_get_item (list_item));
  rapport_contact_row_set_photos (row, self->store != NULL ? rapport_photo_cache_for_store (self->store) : NULL);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem *list_item,
            gpointer user_data)
{
  rapport_contact_row_set_contact (RAPPORT_CONTACT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/**
 * rapport_contacts_view_get_contact_page:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the card, once one has been shown
 */
RapportContactPage *
rapport_contacts_view_get_contact_page (RapportContactsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACTS_VIEW (self), NULL);
  return self->contact_page;
}

/**
 * rapport_contacts_view_get_shown:
 * @self: a contacts view
 *
 * Returns: (transfer none) (nullable): the contacts the list shows, with
 *   the search and filters applied, or %NULL without a store
 */
GListModel *
rapport_contacts_view_get_shown (RapportContactsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACTS_VIEW (self), NULL);
  return self->list != NULL ? G_LIST_MODEL (self->list) : NULL;
}

static void
show_card (RapportContactsView *self,
           RapportContact *contact,
           gboolean navigate)
{
  self->shown_id = contact ? rapport_contact_get_id (contact) : 0;
  if (self->contact_page == NULL && contact != NULL)
    {
      self->contact_page = RAPPORT_CONTACT_PAGE (g_object_new (RAPPORT_TYPE_CONTACT_PAGE, NULL));
      if (self->store != NULL)
        rapport_contact_page_set_store (self->contact_page, self->store);
      gtk_stack_add_named (self->card_stack, GTK_WIDGET (self->contact_page), "card");
    }
  if (self->contact_page != NULL)
    rapport_contact_page_set_contact (self->contact_page, contact);
  gtk_stack_set_visible_child_name (self->card_stack, contact ? "card" : "empty");
  if (contact != NULL && navigate)
    adw_leaflet_set_visible_child (self->leaflet, self->card_pane);
  else if (contact == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_selection_changed (RapportContactsView *self)
{
  g_autoptr(RapportContact) contact = NULL;
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  contact = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (contact != NULL && rapport_contact_get_id (contact) != self->shown_id)
    show_card (self, contact, TRUE);
}

static void
on_list_activate (RapportContactsView *self,
                  guint position)
{
  g_autoptr(RapportContact) contact = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (contact == NULL)
    return;
  /* Enter on a row the keyboard reached selects it too, as a click does,
   * so that the highlight follows the open card. */
  show_card (self, contact, TRUE);
  gtk_single_selection_set_selected (self->selection, position);
}

static void
update_list_state (RapportContactsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gboolean searching = rapport_contact_list_get_search (self->list) != NULL;

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "no-results");
  if (n == 0)
    {
      if (self->show_archive && !searching)
        {
          adw_status_page_set_title (self->no_results_page, _("The Archive Is Empty"));
          adw_status_page_set_description (self->no_results_page,
                                           _("Archived contacts wait here, whole, until you restore them."));
        }
      else
        {
          gboolean filtered = self->show_archive || self->starred_only || self->relationship || self->tag;

          adw_status_page_set_title (self->no_results_page, _("No Results"));
          adw_status_page_set_description (self->no_results_page,
                                           filtered ? _("Try another name, company, industry or tag, or clear the filters.")
                                                    : _("Try another name, company, industry or tag."));
        }
    }
}

/* After the list changed, keep showing the same contact if it is still
 * listed; otherwise the card goes back to its empty state. */
static void
on_items_changed (RapportContactsView *self)
{
  guint position;

  update_list_state (self);
  if (self->shown_id == 0)
    return;
  if (rapport_id_list_find (RAPPORT_ID_LIST (self->list), self->shown_id, &position))
    {
      if (gtk_single_selection_get_selected (self->selection) != position)
        gtk_single_selection_set_selected (self->selection, position);
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      show_card (self, NULL, FALSE);
    }
}

static void
on_search_changed (RapportContactsView *self)
{
  if (self->list == NULL)
    return;
  rapport_contact_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (RapportContactsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_search_activate (RapportContactsView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      on_list_activate (self, 0);
    }
}

static void
update_filter_summary (RapportContactsView *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *tag_part = NULL;

  if (self->show_archive)
    g_ptr_array_add (parts, _("Archived contacts"));
  if (self->starred_only)
    g_ptr_array_add (parts, _("Starred"));
  if (self->relationship != NULL)
    g_ptr_array_add (parts, (gpointer) rapport_relationship_get_label (rapport_relationship_from_string (self->relationship)));
  if (self->tag != NULL)
    {
      /* Translators: a filter on one tag, shown above the contact list */
      tag_part = g_strdup_printf (_("Tagged “%s”"), self->tag);
      g_ptr_array_add (parts, tag_part);
    }
  g_ptr_array_add (parts, NULL);

  joined = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->filter_label, joined);
  gtk_revealer_set_reveal_child (self->filter_revealer, *joined != '\0');
}

static void
apply_filters (RapportContactsView *self)
{
  if (self->list == NULL)
    return;
  rapport_contact_list_set_starred_only (self->list, self->starred_only);
  rapport_contact_list_set_archived (self->list, self->show_archive);
  rapport_contact_list_set_relationship (self->list,
                                         self->relationship ? (int) rapport_relationship_from_string (self->relationship) : -1);
  rapport_contact_list_set_tag (self->list, self->tag);
  update_filter_summary (self);
  update_list_state (self);
}

static void
rebuild_tags_menu (RapportContactsView *self)
{
  g_auto(GStrv) tags = NULL;

  g_menu_remove_all (self->tags_submenu);
  if (self->store == NULL)
    return;
  tags = rapport_store_list_tags (self->store);
  {
    g_autoptr(GMenuItem) any = g_menu_item_new (_("Any Tag"), NULL);

    g_menu_item_set_action_and_target_value (any, "contacts.tag", g_variant_new_string (""));
    g_menu_append_item (self->tags_submenu, any);
  }
  for (guint i = 0; tags[i] != NULL && i < 50; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (tags[i], NULL);

      g_menu_item_set_action_and_target_value (item, "contacts.tag", g_variant_new_string (tags[i]));
      g_menu_append_item (self->tags_submenu, item);
    }
}

static void
on_store_contacts_changed (RapportContactsView *self)
{
  rebuild_tags_menu (self);
}

void
rapport_contacts_view_set_store (RapportContactsView *self,
                                 RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_CONTACTS_VIEW (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->list = rapport_contact_list_new (store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::contacts",
                           G_CALLBACK (on_store_contacts_changed), self, G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  if (self->contact_page != NULL)
    rapport_contact_page_set_store (self->contact_page, store);
  rebuild_tags_menu (self);
  apply_filters (self);
}

/**
 * rapport_contacts_view_show_contact:
 * @self: the view
 * @contact_id: a contact
 *
 * Opens the contact's card and selects its row, switching between the
 * active list and the archive if needed.
 */
void
rapport_contacts_view_show_contact (RapportContactsView *self,
                                    gint64 contact_id)
{
  g_autoptr(RapportContact) contact = NULL;
  guint position;

  g_return_if_fail (RAPPORT_IS_CONTACTS_VIEW (self));
  if (self->store == NULL)
    return;
  contact = rapport_store_get_contact (self->store, contact_id, NULL);
  if (contact == NULL)
    return;

  if (!rapport_id_list_find (RAPPORT_ID_LIST (self->list), contact_id, &position))
    {
      /* Whatever hides the contact goes, so that its row can be shown. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_clear_pointer (&self->relationship, g_free);
      g_clear_pointer (&self->tag, g_free);
      self->starred_only = FALSE;
      self->show_archive = rapport_contact_get_archived (contact);
      rapport_contact_list_set_search (self->list, NULL);
      apply_filters (self);
      for (guint i = PROP_STARRED_ONLY; i < N_PROPS; i++)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }

  show_card (self, contact, TRUE);
  if (rapport_id_list_find (RAPPORT_ID_LIST (self->list), contact_id, &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
    }
}

void
rapport_contacts_view_focus_search (RapportContactsView *self)
{
  g_return_if_fail (RAPPORT_IS_CONTACTS_VIEW (self));
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * rapport_contacts_view_search:
 * @self: the view
 * @text: the words to search for
 *
 * Types @text into the search bar of the plain list, as GNOME Shell's
 * search asks for more results: the Shell searched the active contacts
 * with no filter, so the list drops its filters to show the same people.
 */
void
rapport_contacts_view_search (RapportContactsView *self,
                              const char *text)
{
  g_return_if_fail (RAPPORT_IS_CONTACTS_VIEW (self));
  g_return_if_fail (text != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "contacts.clear-filters", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  rapport_contacts_view_focus_search (self);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}

/**
 * rapport_contacts_view_edit_contact:
 * @self: the view
 *
 * Opens the editor on the card shown, if any, wherever the focus is.
 */
void
rapport_contacts_view_edit_contact (RapportContactsView *self)
{
  g_return_if_fail (RAPPORT_IS_CONTACTS_VIEW (self));
  if (self->shown_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self->contact_page), "card.edit", NULL);
}

static void
back_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  RapportContactsView *self = RAPPORT_CONTACTS_VIEW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
clear_filters_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  g_object_set (widget, "starred-only", FALSE, "show-archive", FALSE, "relationship", "any", "tag", "", NULL);
}

static void
set_string_property (RapportContactsView *self,
                     char **field,
                     const char *value,
                     const char *none,
                     guint prop)
{
  if (value != NULL && (*value == '\0' || g_strcmp0 (value, none) == 0))
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  apply_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
rapport_contacts_view_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  RapportContactsView *self = RAPPORT_CONTACTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STARRED_ONLY: g_value_set_boolean (value, self->starred_only); break;
    case PROP_SHOW_ARCHIVE: g_value_set_boolean (value, self->show_archive); break;
    case PROP_RELATIONSHIP: g_value_set_string (value, self->relationship ? self->relationship : "any"); break;
    case PROP_TAG: g_value_set_string (value, self->tag ? self->tag : ""); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contacts_view_set_property (GObject *object,
                                    guint prop_id,
                                    const GValue *value,
                                    GParamSpec *pspec)
{
  RapportContactsView *self = RAPPORT_CONTACTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STARRED_ONLY:
      if (self->starred_only != g_value_get_boolean (value))
        {
          self->starred_only = g_value_get_boolean (value);
          apply_filters (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_ARCHIVE:
      if (self->show_archive != g_value_get_boolean (value))
        {
          self->show_archive = g_value_get_boolean (value);
          apply_filters (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_RELATIONSHIP:
      set_string_property (self, &self->relationship, g_value_get_string (value), "any", prop_id);
      break;
    case PROP_TAG:
      set_string_property (self, &self->tag, g_value_get_string (value), "", prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contacts_view_dispose (GObject *object)
{
  RapportContactsView *self = RAPPORT_CONTACTS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CONTACTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_contacts_view_parent_class)->dispose (object);
}

static void
rapport_contacts_view_finalize (GObject *object)
{
  RapportContactsView *self = RAPPORT_CONTACTS_VIEW (object);

  g_free (self->relationship);
  g_free (self->tag);
  G_OBJECT_CLASS (rapport_contacts_view_parent_class)->finalize (object);
}

static void
rapport_contacts_view_class_init (RapportContactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rapport_contacts_view_dispose;
  object_class->finalize = rapport_contacts_view_finalize;
  object_class->get_property = rapport_contacts_view_get_property;
  object_class->set_property = rapport_contacts_view_set_property;

  properties[PROP_STARRED_ONLY] = g_param_spec_boolean ("starred-only", NULL, NULL, FALSE, rw);
  properties[PROP_SHOW_ARCHIVE] = g_param_spec_boolean ("show-archive", NULL, NULL, FALSE, rw);
  properties[PROP_RELATIONSHIP] = g_param_spec_string ("relationship", NULL, NULL, "any", rw);
  properties[PROP_TAG] = g_param_spec_string ("tag", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RAPPORT_TYPE_CONTACT);
  g_type_ensure (RAPPORT_TYPE_CONTACT_PAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/contacts/rapport-contacts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, card_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, card_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, RapportContactsView, tags_submenu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "contacts.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "contacts.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_property_action (widget_class, "contacts.starred-only", "starred-only");
  gtk_widget_class_install_property_action (widget_class, "contacts.show-archive", "show-archive");
  gtk_widget_class_install_property_action (widget_class, "contacts.relationship", "relationship");
  gtk_widget_class_install_property_action (widget_class, "contacts.tag", "tag");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "contacts.back", NULL);
}

static void
rapport_contacts_view_init (RapportContactsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);

  /* Every keystroke filters at once: the query is fast enough not to need
   * the entry's default pause. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_pane));
}
