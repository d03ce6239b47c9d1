/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-share-dialog.c: a card shown as a QR code, to be scanned by a
 * phone across the table, and saved as a .vcf file.
 *
 * The code is the card's vCard, large and black on white in both styles
 * (RapportQrCode). A card too long for a QR code says so where the code
 * would be, and can still be saved as a file.
 */
#define G_LOG_DOMAIN "rapport-share-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-export.h"
#include "rapport-qr-code.h"
#include "rapport-share-dialog.h"
#include "rapport-vcard.h"

struct _RapportShareDialog
{
  AdwWindow parent_instance;

  char *name;
  char *vcard;

  AdwWindowTitle *window_title;
  GtkStack *code_stack;
  RapportQrCode *qr_code;
  AdwStatusPage *too_long_page;
  GtkLabel *name_label;
  GtkLabel *hint_label;
  GtkLabel *contents_label;
};

G_DEFINE_FINAL_TYPE (RapportShareDialog, rapport_share_dialog, ADW_TYPE_WINDOW)

/**
 * rapport_share_dialog_present:
 * @from: the widget that asked, inside the window the dialog belongs to
 * @title: the dialog's title
 * @card: the card to share; only what belongs on a business card is put
 *   in the code (rapport_vcard_write_shared())
 * @contents: what the card holds, in a sentence
 *
 * Opens the dialog on @card.
 *
 * Returns: (transfer none): the dialog
 */
RapportShareDialog *
rapport_share_dialog_present (GtkWidget *from,
                              const char *title,
                              RapportContact *card,
                              const char *contents)
{
  RapportShareDialog *self;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (card), NULL);

  self = g_object_new (RAPPORT_TYPE_SHARE_DIALOG, "transient-for", gtk_widget_get_root (from), "title", title, NULL);
  name = rapport_contact_get_display_name (card);
  self->name = g_strdup (name);
  self->vcard = rapport_vcard_write_shared (card);
  adw_window_title_set_title (self->window_title, title);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->contents_label, contents);
  if (rapport_qr_code_set_text (self->qr_code, self->vcard, &error))
    {
      /* Translators: what a screen reader says of the code; %s is a name */
      g_autofree char *accessible = g_strdup_printf (_("QR code of the card of %s"), name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_code), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_stack_set_visible_child_name (self->code_stack, "code");
    }
  else
    {
      g_autofree char *description =
          g_strdup_printf ("%s %s", error->message, _("Save it as a vCard file and send the file instead."));

      adw_status_page_set_description (self->too_long_page, description);
      gtk_stack_set_visible_child_name (self->code_stack, "too-long");
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * rapport_share_dialog_get_vcard:
 * @self: the dialog
 *
 * Returns: the vCard text the dialog shares
 */
const char *
rapport_share_dialog_get_vcard (RapportShareDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_SHARE_DIALOG (self), NULL);
  return self->vcard;
}

static void
save_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  RapportShareDialog *self = RAPPORT_SHARE_DIALOG (widget);

  rapport_export_save_text (GTK_WIDGET (self->name_label), _("Save vCard"), self->name, "vcf", "text/vcard",
                                                              g_strdup (self->vcard));
}

static void
rapport_share_dialog_finalize (GObject *object)
{
  RapportShareDialog *self = RAPPORT_SHARE_DIALOG (object);

  g_free (self->name);
  g_free (self->vcard);
  G_OBJECT_CLASS (rapport_share_dialog_parent_class)->finalize (object);
}

static void
rapport_share_dialog_class_init (RapportShareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_share_dialog_finalize;

  g_type_ensure (RAPPORT_TYPE_QR_CODE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/contacts/rapport-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportShareDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportShareDialog, code_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportShareDialog, qr_code);
  gtk_widget_class_bind_template_child (widget_class, RapportShareDialog, too_long_page);
  gtk_widget_class_bind_template_child (widget_class, RapportShareDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportShareDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportShareDialog, contents_label);
  /* Named for the UI tests, which press it as a person would. */
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "share.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_share_dialog_init (RapportShareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
