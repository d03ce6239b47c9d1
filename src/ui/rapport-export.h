/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-export.h: saving what Rapport exports to a file the user picks. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * RapportExportWrite:
 * @file: where the user chose to save
 * @data: what to save
 * @error: return location for a #GError
 *
 * Writes the export to @file whole, or leaves it as it was.
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*RapportExportWrite) (GFile *file, gpointer data, GError **error);

void rapport_file_chooser_release (GtkNativeDialog *chooser);
void rapport_export_ask (GtkWidget *from,
                         const char *title,
                         const char *base_name,
                         const char *extension,
                         const char *mime_type,
                         RapportExportWrite write,
                         gpointer data,
                         GDestroyNotify destroy);
void rapport_export_save_text (GtkWidget *from,
                               const char *title,
                               const char *base_name,
                               const char *extension,
                               const char *mime_type,
                               char *text);
void rapport_export_save (GtkWidget *from, const char *title, const char *base_name, char *ics_text);

G_END_DECLS
