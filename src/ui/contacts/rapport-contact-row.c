/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-row.c: one line of the contact list: avatar, name, job
 * and company, and a star.
 *
 * A list view makes a couple of hundred of these before its first frame,
 * so the row is put together in code rather than from a builder file per
 * row, and follows its contact through property bindings: a rename or a
 * star shows at once in every row that displays the contact. The avatar
 * shows the contact's photo when there is one that decodes, from the
 * store's photo cache, and the initials otherwise.
 */
#define G_LOG_DOMAIN "rapport-contact-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact-row.h"
#include "rapport-photo-cache.h"

struct _RapportContactRow
{
  GtkWidget parent_instance;

  RapportContact *contact;
  GBinding *bindings[5];
  RapportPhotoCache *photos;

  GtkWidget *avatar;
  GtkWidget *name;
  GtkWidget *subtitle;
  GtkWidget *star;
};

G_DEFINE_FINAL_TYPE (RapportContactRow, rapport_contact_row, GTK_TYPE_WIDGET)

GtkWidget *
rapport_contact_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_CONTACT_ROW, NULL);
}

static gboolean
has_text (GBinding *binding,
          const GValue *from,
          GValue *to,
          gpointer user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_boolean (to, text != NULL && *text != '\0');
  return TRUE;
}

static void
show_photo (RapportContactRow *self)
{
  GdkPaintable *photo = NULL;

  if (self->photos != NULL && self->contact != NULL)
    photo = rapport_photo_cache_lookup (self->photos, rapport_contact_get_id (self->contact));
  adw_avatar_set_custom_image (ADW_AVATAR (self->avatar), photo);
}

static void
on_photo_changed (RapportContactRow *self,
                  gint64 contact_id)
{
  if (self->contact != NULL && (contact_id == 0 || contact_id == rapport_contact_get_id (self->contact)))
    show_photo (self);
}

/**
 * rapport_contact_row_set_photos:
 * @self: a row
 * @photos: (nullable): where the avatar finds the contact's photo
 */
void
rapport_contact_row_set_photos (RapportContactRow *self,
                                RapportPhotoCache *photos)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_ROW (self));

  if (self->photos == photos)
    return;
  if (self->photos != NULL)
    g_signal_handlers_disconnect_by_func (self->photos, on_photo_changed, self);
  g_set_object (&self->photos, photos);
  if (photos != NULL)
    g_signal_connect_object (photos, "changed", G_CALLBACK (on_photo_changed), self, G_CONNECT_SWAPPED);
  show_photo (self);
}

/**
 * rapport_contact_row_set_contact:
 * @self: a row
 * @contact: (nullable): the contact to show, followed until the next call
 */
void
rapport_contact_row_set_contact (RapportContactRow *self,
                                 RapportContact *contact)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_ROW (self));
  g_return_if_fail (contact == NULL || RAPPORT_IS_CONTACT (contact));

  if (self->contact == contact)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->bindings); i++)
    g_clear_pointer (&self->bindings[i], g_binding_unbind);
  g_clear_object (&self->contact);
  if (contact == NULL)
    {
      show_photo (self);
      return;
    }

  self->contact = g_object_ref (contact);
  self->bindings[0] = g_object_bind_property (contact, "display-name", self->avatar, "text", G_BINDING_SYNC_CREATE);
  self->bindings[1] = g_object_bind_property (contact, "display-name", self->name, "label", G_BINDING_SYNC_CREATE);
  self->bindings[2] = g_object_bind_property_full (contact, "subtitle", self->subtitle, "visible",
                                                   G_BINDING_SYNC_CREATE, has_text, NULL, NULL, NULL);
  self->bindings[3] = g_object_bind_property (contact, "subtitle", self->subtitle, "label", G_BINDING_SYNC_CREATE);
  self->bindings[4] = g_object_bind_property (contact, "starred", self->star, "visible", G_BINDING_SYNC_CREATE);
  show_photo (self);
}

static void
rapport_contact_row_dispose (GObject *object)
{
  RapportContactRow *self = RAPPORT_CONTACT_ROW (object);
  GtkWidget *child;

  rapport_contact_row_set_contact (self, NULL);
  rapport_contact_row_set_photos (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rapport_contact_row_parent_class)->dispose (object);
}

static void
rapport_contact_row_class_init (RapportContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_contact_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
rapport_contact_row_init (RapportContactRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *text;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 12);
  gtk_widget_set_margin_top (widget, 8);
  gtk_widget_set_margin_bottom (widget, 8);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);

  self->avatar = adw_avatar_new (40, NULL, TRUE);
  gtk_widget_set_parent (self->avatar, widget);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_parent (text, widget);

  self->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), self->name);

  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_box_append (GTK_BOX (text), self->subtitle);

  self->star = gtk_image_new_from_icon_name ("starred-symbolic");
  gtk_widget_set_tooltip_text (self->star, _("Starred"));
  gtk_widget_add_css_class (self->star, "starred");
  gtk_widget_set_visible (self->star, FALSE);
  gtk_widget_set_parent (self->star, widget);
}
