/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-list-row.c: the row of the events and huddles sidebars: a
 * title, a dim line of details and a badge on the right (a quality score,
 * a count). Built in code, since a grid view makes one per visible row
 * and recycles it. */
#define G_LOG_DOMAIN "rapport-list-row"

#include "config.h"

#include "rapport-list-row.h"

GtkWidget *
rapport_list_row_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "quality-badge");
  gtk_widget_set_visible (badge, FALSE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), badge);
  return box;
}

void
rapport_list_row_set (GtkWidget *row,
                      const char *title,
                      const char *subtitle)
{
  GtkWidget *text = gtk_widget_get_first_child (row);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (text)), title);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (text)), subtitle);
}

GtkWidget *
rapport_list_row_get_badge (GtkWidget *row)
{
  return gtk_widget_get_last_child (row);
}

/* A GtkSignalListItemFactory "setup" handler that makes the row. */
void
rapport_list_row_setup (GtkSignalListItemFactory *factory,
                        GtkListItem *list_item,
                        gpointer user_data)
{
  gtk_list_item_set_child (list_item, rapport_list_row_new ());
}
