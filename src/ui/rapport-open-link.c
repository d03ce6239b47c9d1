/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-open-link.c: opening a contact's email, phone, web site,
 * LinkedIn or city with the desktop's default app.
 *
 * gtk_show_uri_full() goes through the OpenURI portal inside Flatpak and
 * to the default handler outside it, and says when nothing could open the
 * address; the toast then says so in plain words. A place tries a maps app
 * first (the maps: scheme) and, when none is set up, a map search in the
 * browser. The addresses themselves come from rapport_link_uri().
 */
#define G_LOG_DOMAIN "rapport-open-link"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-open-link.h"
#include "rapport-toast.h"

typedef struct
{
  GtkWidget *toasts; /* where the failure is told: the window's toast overlay */
  RapportLinkKind kind;
  char *value;
  gboolean on_web; /* a place, already tried on a maps app */
} Opening;

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->toasts);
  g_free (opening->value);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static char *
failure_message (RapportLinkKind kind,
                 const char *value)
{
  switch (kind)
    {
    case RAPPORT_LINK_EMAIL:
      /* Translators: %s is an email address */
      return g_strdup_printf (_("No email app is set up to write to %s"), value);
    case RAPPORT_LINK_PHONE:
      /* Translators: %s is a phone number */
      return g_strdup_printf (_("No app is set up to call %s"), value);
    case RAPPORT_LINK_PLACE:
      /* Translators: %s is a city or an address */
      return g_strdup_printf (_("No maps app or web browser could show %s"), value);
    case RAPPORT_LINK_WEBSITE:
    case RAPPORT_LINK_LINKEDIN:
    default:
      /* Translators: %s is a web address */
      return g_strdup_printf (_("No web browser could open %s"), value);
    }
}

static void show (Opening *opening, const char *uri);

static void
on_shown (GObject *source,
          GAsyncResult *result,
          gpointer user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  /* Closing the portal's app chooser is the user's choice, not a failure. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("Could not open a %u link: %s", opening->kind, error->message);
  if (opening->kind == RAPPORT_LINK_PLACE && !opening->on_web)
    {
      g_autofree char *web = rapport_link_map_web_uri (opening->value);

      opening->on_web = TRUE;
      if (web != NULL)
        {
          show (g_steal_pointer (&opening), web);
          return;
        }
    }
  message = failure_message (opening->kind, opening->value);
  rapport_toast_show (opening->toasts, rapport_toast_new (message));
}

static void
show (Opening *opening,
      const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (opening->toasts);

  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME, NULL, on_shown,
                     opening);
}

/**
 * rapport_open_link:
 * @from: the widget that asked, inside a window
 * @kind: what @value is
 * @value: the detail as the card shows it
 *
 * Opens @value in the default app for its kind, or says in a toast why it
 * could not.
 */
void
rapport_open_link (GtkWidget *from,
                   RapportLinkKind kind,
                   const char *value)
{
  g_autofree char *uri = rapport_link_uri (kind, value);
  GtkWidget *overlay;
  Opening *opening;

  g_return_if_fail (GTK_IS_WIDGET (from));

  /* The row that asked may be rebuilt before the answer comes; the
   * window's toast overlay stays. */
  overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  if (uri == NULL)
    {
      /* Translators: %s is an email address, phone number or web address as the card holds it */
      g_autofree char *message = g_strdup_printf (_("“%s” is not an address Rapport can open"), value);

      rapport_toast_show (overlay != NULL ? overlay : from, rapport_toast_new (message));
      return;
    }
  opening = g_new0 (Opening, 1);
  opening->toasts = g_object_ref (overlay != NULL ? overlay : from);
  opening->kind = kind;
  opening->value = g_strdup (value);
  show (opening, uri);
}
