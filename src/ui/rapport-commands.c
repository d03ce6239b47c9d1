/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-commands.c: the command-line options that work on the user's
 * database and exit without opening a window: filling it with a sample
 * network, and importing contact files.
 *
 * They run in the launching process. While Rapport is open, its window
 * owns the database (one connection writes, see docs/architecture.md),
 * so the caller checks that first (rapport_command_is_running()).
 */
#define G_LOG_DOMAIN "rapport-commands"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "rapport-commands.h"
#include "rapport-import.h"
#include "rapport-sample.h"
#include "rapport-text.h"

/**
 * rapport_command_is_running:
 * @app_id: the application's id
 *
 * Asks the session bus whether a Rapport is open, without registering
 * this process (which would start GTK and need a display).
 *
 * Returns: %TRUE when another process owns @app_id's name
 */
gboolean
rapport_command_is_running (const char *app_id)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  /* No session bus: nothing can be running in this session. */
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", app_id), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
print_progress (guint done,
                guint total,
                gpointer user_data)
{
  g_printerr ("\r%s %u / %u", (const char *) user_data, done, total);
}

static RapportStore *
open_store (char **path)
{
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  *path = rapport_store_get_default_path ();
  store = rapport_store_open (*path, &error);
  if (store == NULL)
    g_printerr ("%s\n", error->message);
  return store;
}

/**
 * rapport_command_sample_network:
 * @count: how many contacts, as typed
 *
 * `rapport --sample-network N`: fills the user's database and exits.
 *
 * Returns: the exit status
 */
int
rapport_command_sample_network (const char *count)
{
  g_autofree char *path = NULL;
  g_autofree char *today = rapport_date_today ();
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 n = 0;

  /* A string, read in decimal here: GApplication drops an integer option
   * equal to its default, so "0" would otherwise open the window. */
  if (!g_ascii_string_to_signed (count, 10, 1, 10000000, &n, NULL))
    {
      g_printerr (_("The number of contacts must be a whole number between 1 and 10,000,000.\n"));
      return 2;
    }
  store = open_store (&path);
  if (store == NULL)
    return 1;
  if (!rapport_sample_fill (store, (guint) n, 1, today, isatty (fileno (stderr)) ? print_progress : NULL,
                            _("Generating contacts…"), NULL, &error))
    {
      g_printerr ("\n%s\n", error->message);
      return 1;
    }
  g_printerr (isatty (fileno (stderr)) ? "\n" : "");
  /* Translators: %s is a file path, %.1f a number of seconds */
  g_print (_("Added %" G_GINT64_FORMAT " contacts to %s in %.1f s.\n"), n, path,
              (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return 0;
}

static void
print_import_progress (guint done,
                       guint total,
                       gpointer user_data)
{
  print_progress (done, total, _("Importing…"));
}

/**
 * rapport_command_import:
 * @paths: the files named on the command line
 * @on_duplicate: (nullable): "merge" (the default), "keep" or "skip"
 *
 * `rapport --import FILE…`: imports vCard and contacts CSV files into the
 * user's database as the import assistant does, in one transaction, and
 * prints what it did and every line it left out.
 *
 * Returns: the exit status: 0 when imported, 1 when nothing was written,
 *   2 for a wrong option
 */
int
rapport_command_import (const char *const *paths,
                        const char *on_duplicate)
{
  g_autofree char *path = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportImport) import = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *sources = NULL;
  const RapportImportReport *report;
  RapportImportChoice choice = RAPPORT_IMPORT_MERGE;

  if (on_duplicate == NULL || g_str_equal (on_duplicate, "merge"))
    choice = RAPPORT_IMPORT_MERGE;
  else if (g_str_equal (on_duplicate, "keep"))
    choice = RAPPORT_IMPORT_KEEP_BOTH;
  else if (g_str_equal (on_duplicate, "skip"))
    choice = RAPPORT_IMPORT_SKIP;
  else
    {
      g_printerr (_("--on-duplicate takes “merge”, “keep” or “skip”, not “%s”.\n"), on_duplicate);
      return 2;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (paths[i]));

  store = open_store (&path);
  if (store == NULL)
    return 1;
  import = rapport_import_new (store);
  if (!rapport_import_read (import, (GFile *const *) files->pdata, files->len, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  report = rapport_import_get_report (import);

  sources = g_strjoinv (", ", (char **) rapport_import_get_sources (import));
  if (rapport_import_get_n_cards (import) == 0)
    {
      for (guint i = 0; i < report->problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (report->problems, i));
      g_printerr (_("No contacts to import; nothing was changed.\n"));
      return 1;
    }
  /* Translators: the first %u is a number of cards, %s the kinds of files */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Read %u card (%s): %u new, %u already in your contacts.\n",
                        "Read %u cards (%s): %u new, %u already in your contacts.\n",
                        rapport_import_get_n_cards (import)),
           rapport_import_get_n_cards (import), sources, rapport_import_get_n_new (import),
           rapport_import_get_n_duplicates (import));

  rapport_import_set_all_choices (import, choice);
  if (!rapport_import_apply (import, isatty (fileno (stderr)) ? print_import_progress : NULL, NULL, NULL, &error))
    {
      g_printerr ("\n%s\n", error->message);
      g_printerr (_("Nothing was imported.\n"));
      return 1;
    }
  g_printerr (isatty (fileno (stderr)) ? "\n" : "");

  /* Translators: %s is the database file */
  g_print (_("Imported into %s: %u added, %u merged into existing contacts, %u skipped.\n"), path,
              report->added, report->merged, report->skipped);
  if (report->problems->len > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u line was left out:\n", "%u lines were left out:\n",
                            report->problems->len),
               report->problems->len);
      for (guint i = 0; i < report->problems->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (report->problems, i));
    }
  return 0;
}
