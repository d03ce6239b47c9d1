/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-export.c: asks where to save an export and writes it there.
 *
 * GTK 4.8 has no GtkFileDialog; GtkFileChooserNative goes through the
 * file chooser portal inside Flatpak. The writer replaces the file whole,
 * and the outcome is told in a toast.
 */
#define G_LOG_DOMAIN "rapport-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-export.h"
#include "rapport-toast.h"

typedef struct
{
  GtkWidget *from;
  RapportExportWrite write;
  gpointer data;
  GDestroyNotify destroy;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->from);
  if (export->destroy != NULL)
    export->destroy (export->data);
  g_free (export);
}

static gboolean
unref_later (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

/**
 * rapport_file_chooser_release:
 * @chooser: (transfer full): a file chooser whose response was handled
 *
 * Drops the chooser once its response is over. Not from inside the
 * response handler itself: without a portal, GTK's own dialog behind it
 * is still emitting then, and freeing it there crashes.
 */
void
rapport_file_chooser_release (GtkNativeDialog *chooser)
{
  g_idle_add (unref_later, chooser);
}

static void
on_response (GtkNativeDialog *chooser,
             int response,
             Export *export)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      name = g_file_get_basename (file);
      if (export->write (file, export->data, &error))
        /* TRANSLATORS: %s is a file name */
        message = g_strdup_printf (_("Saved “%s”"), name);
      else
        /* TRANSLATORS: the first %s is a file name, the second why it failed */
        message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      rapport_toast_show (export->from, rapport_toast_new (message));
    }
  export_free (export);
  rapport_file_chooser_release (chooser);
}

/* File names cannot hold a slash, and some systems refuse a few more. */
static char *
file_name_for (const char *base_name,
               const char *extension)
{
  g_autofree char *name = g_strdup (base_name && *base_name ? base_name : _("Export"));

  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_strconcat (name, ".", extension, NULL);
}

/**
 * rapport_export_ask:
 * @from: the widget that asked (its window owns the dialog)
 * @title: the dialog's title
 * @base_name: the file name to suggest, without its extension
 * @extension: the extension, like "ics"
 * @mime_type: the type of the file, for the dialog's filter
 * @write: writes the export once the user has chosen where
 * @data: (transfer full): passed to @write
 * @destroy: (nullable): frees @data when the dialog is done
 *
 * Asks where to save an export, then saves it there.
 */
void
rapport_export_ask (GtkWidget *from,
                    const char *title,
                    const char *base_name,
                    const char *extension,
                    const char *mime_type,
                    RapportExportWrite write,
                    gpointer data,
                    GDestroyNotify destroy)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = file_name_for (base_name, extension);
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);
  g_autofree char *kind = g_content_type_get_description (mime_type);
  Export *export = g_new0 (Export, 1);

  export->from = g_object_ref (from);
  export->write = write;
  export->data = data;
  export->destroy = destroy;
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (from)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, kind);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
write_text (GFile *file,
            gpointer data,
            GError **error)
{
  const char *text = data;

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

/**
 * rapport_export_save_text:
 * @from: the widget that asked (its window owns the dialog)
 * @title: the dialog's title
 * @base_name: the file name to suggest, without its extension
 * @extension: the extension, like "vcf"
 * @mime_type: the type of the file, for the dialog's filter
 * @text: (transfer full): what to save
 *
 * Asks where to save @text and saves it there, whole.
 */
void
rapport_export_save_text (GtkWidget *from,
                          const char *title,
                          const char *base_name,
                          const char *extension,
                          const char *mime_type,
                          char *text)
{
  rapport_export_ask (from, title, base_name, extension, mime_type, write_text, text, g_free);
}

/**
 * rapport_export_save:
 * @from: the widget that asked (its window owns the dialog)
 * @title: the dialog's title
 * @base_name: the file name to suggest, without ".ics"
 * @ics_text: (transfer full): the calendar text to save
 *
 * Asks where to save @ics_text and saves it there.
 */
void
rapport_export_save (GtkWidget *from,
                     const char *title,
                     const char *base_name,
                     char *ics_text)
{
  rapport_export_save_text (from, title, base_name, "ics", "text/calendar", ics_text);
}
