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

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

/* Walks the widgets under @root in tree order for one that @match accepts:
 * the first, or with @last the last; with @shown_only, not into hidden
 * widgets. */
static GtkWidget *
find (GtkWidget *root,
      Match match,
      gconstpointer data,
      gboolean shown_only,
      gboolean last)
{
  GtkWidget *found = match (root, data) ? root : NULL;

  if (found != NULL && !last)
    return found;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *below;

      if (shown_only && !gtk_widget_get_visible (child))
        continue;
      below = find (child, match, data, shown_only, last);
      if (below != NULL && !last)
        return below;
      if (below != NULL)
        found = below;
    }
  return found;
}

static gboolean
is_named (GtkWidget *widget,
          gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_of_type (GtkWidget *widget,
            gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label_starting (GtkWidget *widget,
                   gconstpointer prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
is_row_titled (GtkWidget *widget,
               gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The first list row (an entry, combo or action row) titled @title: forms
 * built in code have no template children to look up. */
GtkWidget *
rapport_test_find_row (GtkWidget *root,
                       const char *title)
{
  GtkWidget *row = find (root, is_row_titled, title, FALSE, FALSE);

  g_assert_nonnull (row);
  return row;
}

/* The first widget under @root named @name that is not hidden: a list
 * view keeps recycled rows whose parts are hidden, and nobody clicks those. */
GtkWidget *
rapport_test_find_named (GtkWidget *root,
                         const char *name)
{
  return find (root, is_named, name, TRUE, FALSE);
}

GtkWidget *
rapport_test_find_type (GtkWidget *root,
                        GType type)
{
  return find (root, is_of_type, GSIZE_TO_POINTER (type), FALSE, FALSE);
}

GtkWidget *
rapport_test_find_button (GtkWidget *root,
                          const char *label)
{
  return find (root, is_button_labelled, label, FALSE, FALSE);
}

/* The last such button: the newest of several toasts, say. */
GtkWidget *
rapport_test_find_last_button (GtkWidget *root,
                               const char *label)
{
  return find (root, is_button_labelled, label, FALSE, TRUE);
}

/* The first label whose text starts with @prefix. */
GtkWidget *
rapport_test_find_label (GtkWidget *root,
                         const char *prefix)
{
  return find (root, is_label_starting, prefix, FALSE, FALSE);
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

/* The first visible toplevel of @type, other than @except. */
GtkWindow *
rapport_test_find_toplevel (GType type,
                            GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)) && item != except)
        return item;
    }
  return NULL;
}

/* Clicks @button as a person can: only when it can be clicked. */
void
rapport_test_click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  rapport_test_pump (50);
}

RapportStore *
rapport_test_app_store (RapportApplication *app)
{
  RapportStore *store = rapport_application_get_store (app);

  g_assert_nonnull (store);
  return store;
}

RapportContactsView *
rapport_test_contacts_view (RapportWindow *window)
{
  return rapport_test_template_child (window, RAPPORT_TYPE_WINDOW, "contacts_view");
}

/* The card, which exists once a contact has been shown. */
RapportContactPage *
rapport_test_contact_page (RapportWindow *window)
{
  RapportContactPage *page = rapport_contacts_view_get_contact_page (rapport_test_contacts_view (window));

  g_assert_nonnull (page);
  return page;
}
