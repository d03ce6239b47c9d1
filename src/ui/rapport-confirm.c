/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-confirm.c: asking before something that cannot be undone. */
#define G_LOG_DOMAIN "rapport-confirm"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-confirm.h"

/**
 * rapport_confirm_new:
 * @from: the widget whose window the question belongs to
 * @heading: the question, like "Delete “Ann Lee” for Good?"
 * @body: what will happen, in plain words
 * @response: the id of the destructive answer, like "delete"
 * @label: its button's label, with a mnemonic
 *
 * A message dialog with Cancel and one destructive answer. Cancel is the
 * default, and what Escape or closing the dialog mean, so that nothing is
 * lost by a stray key. The caller connects to #AdwMessageDialog::response
 * and presents it.
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
rapport_confirm_new (GtkWidget *from,
                     const char *heading,
                     const char *body,
                     const char *response,
                     const char *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (from)), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}
