/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-ui.c: what the UI tests share: running the main loop for a
 * while and finding the widgets a person would look at. */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include "rapport-test-ui.h"

/* Lets GTK run idles, layout and timeouts for about @ms milliseconds. */
void
rapport_test_pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  do
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  while (g_get_monotonic_time () < end);
}

/* The first widget under @root named @name that is not hidden: a list
 * view keeps recycled rows whose parts are hidden, and nobody clicks those. */
GtkWidget *
rapport_test_find_named (GtkWidget *root,
                         const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      found = rapport_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
rapport_test_find_type (GtkWidget *root,
                        GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rapport_test_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
rapport_test_find_button (GtkWidget *root,
                          const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rapport_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gpointer
rapport_test_template_child (gpointer widget,
                             GType type,
                             const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}
