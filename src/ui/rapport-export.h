/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-export.h: saving what Rapport exports to a file the user picks. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rapport_export_save (GtkWidget *from, const char *title, const char *base_name, char *ics_text);

G_END_DECLS
