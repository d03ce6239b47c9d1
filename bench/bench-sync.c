/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync.c: sync figures against their targets, in one run.
 *
 * Starts rapport-server on 127.0.0.1 with a throw-away data folder, fills
 * one device's database with --records contacts (each a whole card, with
 * emails, phones, tags and notes), then measures:
 *
 *  - the first sync of all of them: the first device folding its outbox
 *    and pushing, then a second device pulling everything, over loopback;
 *  - how long one edit pushed by the first device takes to show on the
 *    second, which is waiting on the server for changes as the app does,
 *    over --runs edits.
 *
 * Nothing is asserted; the figures are printed beside their targets.
 */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include "bench-config.h"
#include "bench-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rapport-contact.h"
#include "rapport-store-private.h"
#include "rapport-sync-client.h"
#include "rapport-sync-local.h"

#define DEFAULT_RECORDS 100000
#define DEFAULT_RUNS 20
#define PASSWORD "bench password 1"
#define TARGET_FIRST_SYNC_S 10.0
#define TARGET_EDIT_MS 1000.0

typedef struct
{
  gboolean done;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static gboolean
sign_in (RapportSyncClient *client,
         const char *url,
         GError **error)
{
  Wait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *token = NULL;

  rapport_sync_client_sign_in_async (client, url, "bench", PASSWORD, NULL, "Bench", NULL, on_done, &wait);
  result = wait_for (&wait);
  token = rapport_sync_client_sign_in_finish (client, result, error);
  return token != NULL;
}

static gboolean
sync_now (RapportSyncClient *client,
          GError **error)
{
  Wait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;

  rapport_sync_client_sync_async (client, NULL, on_done, &wait);
  result = wait_for (&wait);
  return rapport_sync_client_sync_finish (client, result, error);
}

/* Whole cards, written as the sample network writes them: many rows per
 * statement, then the outbox in one pass. */
static gboolean
fill (RapportStore *store,
      guint n,
      GError **error)
{
  const char *tags[] = { "bench", "client", NULL };
  gint64 first = 0, last = 0;
  sqlite3 *db = rapport_store_get_db (store);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  for (guint done = 0; done < n;)
    {
      RapportContact *batch[64];
      gint64 created[64];
      guint count = MIN (G_N_ELEMENTS (batch), n - done);
      gint64 id;

      for (guint i = 0; i < count; i++)
        {
          g_autofree char *name = g_strdup_printf ("Person %06u", done + i);

          batch[i] = rapport_contact_new (name);
          rapport_contact_set_company (batch[i], "Example Company");
          rapport_contact_set_job_title (batch[i], "Director of Things");
          rapport_contact_set_notes (batch[i], "Met at the spring mixer; wants an introduction to a printer.");
          rapport_contact_set_tags (batch[i], tags);
          created[i] = 1764000000 + done + i;
        }
      id = rapport_store_insert_contact_rows (store, batch, created, count, error);
      for (guint i = 0; i < count; i++)
        g_object_unref (batch[i]);
      if (id == 0)
        goto fail;
      if (first == 0)
        first = id;
      last = id + count - 1;
      done += count;
    }
  if (!rapport_store_outbox_append_range (store, "contact", first, last, error))
    goto fail;
  return sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static RapportStore *
open_device (const char *dir,
             const char *name,
             GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return rapport_store_open (path, error);
}

static GSubprocess *
start_server (const char *server,
              const char *data,
              char **url,
              GError **error)
{
  const char *add[] = { server, "--data", data, "--add-user", "bench", NULL };
  g_autoptr (GSubprocess) adding = g_subprocess_newv (add, G_SUBPROCESS_FLAGS_STDIN_PIPE, error);
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;

  if (adding == NULL || !g_subprocess_communicate_utf8 (adding, PASSWORD "\n", NULL, NULL, NULL, error) ||
      !g_subprocess_wait_check (adding, NULL, error))
    return NULL;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, error,
                              server, "--data", data, "--listen", "127.0.0.1:0", "--rate-limit", "1000000", NULL);
  if (process == NULL)
    return NULL;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  if (line == NULL || !g_str_has_prefix (line, "Listening on "))
    {
      g_subprocess_force_exit (process);
      g_object_unref (process);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "rapport-server did not start");
      return NULL;
    }
  *url = g_strdup (line + strlen ("Listening on "));
  if (g_str_has_suffix (*url, "/"))
    (*url)[strlen (*url) - 1] = '\0';
  return process;
}

static gboolean
has_company (RapportStore *store,
             const char *company)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  sqlite3_prepare_v2 (rapport_store_get_db (store), "SELECT 1 FROM contacts WHERE company = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, company, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

int
main (int argc,
      char **argv)
{
  guint records = DEFAULT_RECORDS, runs = DEFAULT_RUNS;
  const char *server = BENCH_SERVER_PATH;
  GOptionEntry entries[] = {
    { "records", 0, 0, G_OPTION_ARG_INT, &records, "Contacts to sync (default 100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Edits timed from one device to the other (default 20)", "N" },
    { "server", 0, 0, G_OPTION_ARG_FILENAME, &server, "The rapport-server to run", "PATH" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("— sync figures");
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *data = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (RapportStore) a = NULL;
  g_autoptr (RapportStore) b = NULL;
  g_autoptr (RapportSyncClient) ca = NULL;
  g_autoptr (RapportSyncClient) cb = NULL;
  g_autoptr (GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  double t0, fill_ms, push_ms, pull_ms;
  int status = 0;

  setlocale (LC_ALL, "");
  /* Only loopback here; no desktop proxy settings to read. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || records < 1 || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--records and --runs must be at least 1");
      return 2;
    }

  tmp = g_dir_make_tmp ("rapport-bench-sync-XXXXXX", &error);
  data = g_build_filename (tmp, "server", NULL);
  g_mkdir (data, 0700);
  process = start_server (server, data, &url, &error);
  if (process == NULL)
    goto out;
  a = open_device (tmp, "a.db", &error);
  b = a != NULL ? open_device (tmp, "b.db", &error) : NULL;
  if (b == NULL)
    goto out;
  ca = rapport_sync_client_new (a);
  cb = rapport_sync_client_new (b);
  rapport_sync_client_set_timeout (ca, 120);
  rapport_sync_client_set_timeout (cb, 120);

  t0 = bench_now_ms ();
  if (!fill (a, records, &error))
    goto out;
  fill_ms = bench_now_ms () - t0;
  if (!sign_in (ca, url, &error) || !sign_in (cb, url, &error))
    goto out;

  t0 = bench_now_ms ();
  if (!sync_now (ca, &error))
    goto out;
  push_ms = bench_now_ms () - t0;
  t0 = bench_now_ms ();
  if (!sync_now (cb, &error))
    goto out;
  pull_ms = bench_now_ms () - t0;

  /* The second device waits on the server as the app does, started. */
  rapport_sync_client_set_delays (cb, 0, 3600);
  rapport_sync_client_start (cb);
  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *company = g_strdup_printf ("Edited %u", i);
      g_autoptr (RapportContact) contact = rapport_store_get_contact (a, 1 + i, &error);
      g_autoptr (RapportContact) draft = NULL;
      double pushed, deadline;

      if (contact == NULL)
        goto out;
      /* Let the second device settle into waiting. */
      for (double until = bench_now_ms () + 200; bench_now_ms () < until;)
        g_main_context_iteration (NULL, FALSE);
      draft = rapport_contact_copy (contact);
      rapport_contact_set_company (draft, company);
      if (!rapport_store_update_contact (a, draft, &error) || !sync_now (ca, &error))
        goto out;
      pushed = bench_now_ms ();
      deadline = pushed + 30000;
      while (!has_company (b, company) && bench_now_ms () < deadline)
        g_main_context_iteration (NULL, TRUE);
      {
        double latency = bench_now_ms () - pushed;

        g_array_append_val (latencies, latency);
      }
    }
  rapport_sync_client_stop (cb);

  g_print ("Sync over loopback, %u contacts (whole cards), rapport-server with its SQLite store\n", records);
  g_print ("  filling the first device: %.1f s\n", fill_ms / 1000);
  g_print ("  first sync, first device pushing everything: %.2f s\n", push_ms / 1000);
  g_print ("  first sync, second device pulling everything: %.2f s\n", pull_ms / 1000);
  g_print ("  first sync, both: %.2f s (target ≤ %.0f s: %s)\n", (push_ms + pull_ms) / 1000, TARGET_FIRST_SYNC_S,
           bench_verdict ((push_ms + pull_ms) / 1000 <= TARGET_FIRST_SYNC_S));
  g_print ("  one edit, from the push to the other device, over %u edits: p50 %.0f ms, p95 %.0f ms, max %.0f ms"
           " (target ≤ %.0f ms: %s)\n",
           runs, bench_median (latencies), bench_percentile (latencies, 0.95), bench_maximum (latencies),
           TARGET_EDIT_MS, bench_verdict (bench_maximum (latencies) <= TARGET_EDIT_MS));

out:
  if (error != NULL)
    {
      g_printerr ("bench-sync: %s\n", error->message);
      status = 1;
    }
  g_clear_object (&ca);
  g_clear_object (&cb);
  g_clear_object (&a);
  g_clear_object (&b);
  if (process != NULL)
    {
      g_subprocess_send_signal (process, 15);
      g_subprocess_wait (process, NULL, NULL);
    }
  if (tmp != NULL)
    {
      g_autoptr (GFile) dir = g_file_new_for_path (tmp);

      bench_remove_tree (dir);
    }
  return status;
}
