/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-list-row.h: the two-line row of the sidebars' lists. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *rapport_list_row_new (void);
void rapport_list_row_set (GtkWidget *row, const char *title, const char *subtitle);
GtkWidget *rapport_list_row_get_badge (GtkWidget *row);
void rapport_list_row_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data);

G_END_DECLS
