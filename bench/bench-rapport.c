/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-rapport.c: start-up, memory, search, event list and group
 * figures against their targets, measured in one run.
 *
 * Fills a throw-away data folder with a generated network through
 * `rapport --sample-network`, then measures, on this machine and in this
 * order:
 *
 *  - start to first frame of Rapport on that database against an empty
 *    AdwApplicationWindow (bench/empty-window.c), runs alternating so that
 *    drifting machine load hits both alike;
 *  - the peak memory both report at that first frame;
 *  - search as you type in core: the names and companies of contacts picked
 *    at random, typed a character at a time, each prefix one query; and
 *    the same prefixes as GNOME Shell's search asks them of Rapport's
 *    search provider (the query and the first contacts it names);
 *  - building the contact list over every contact;
 *  - with --events, the event lists and the group figures over a second
 *    network with that many events (bench-events.c).
 *
 * Nothing is asserted: the figures are printed beside their targets and the
 * program exits 0 when it could measure them. Other machines give other
 * numbers; only figures from one run on one machine compare.
 */
#define G_LOG_DOMAIN "bench-rapport"

#include "config.h"

#include "bench-config.h"
#include "bench-events.h"
#include "bench-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "rapport-contact-list.h"
#include "rapport-search-provider.h"
#include "rapport-store.h"

#define DEFAULT_CONTACTS 100000
/* The design's figure for Insights: 50,000 events. */
#define DEFAULT_EVENTS 50000
#define DEFAULT_INTERACTIONS 1000000
#define DEFAULT_RUNS 5
#define N_PICKS 200
#define PICK_SEED 20260125
/* A window that has not painted after this long is not going to. */
#define FIRST_FRAME_TIMEOUT_S 120
#define FRAME_MS (1000.0 / 60.0)

/* The targets, from the project's design; bench/README.md lists them. */
#define TARGET_START_RATIO 1.3
#define TARGET_EXTRA_MB 30.0
#define TARGET_SEARCH_P95_MS 2.0

typedef struct
{
  const char *rapport;
  const char *empty_window;
  gboolean core_only;
  guint n_events;
  guint n_interactions;
  char *tmpdir;
  char *data_home;
} Bench;

static char *
join_samples (GArray *samples,
              int decimals)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < samples->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%.*f", decimals, g_array_index (samples, double, i));
    }
  return g_string_free (out, FALSE);
}

/* The machine and the command line */

static char *
cpu_model (void)
{
  g_autofree char *cpuinfo = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    return g_strdup ("unknown CPU");
  lines = g_strsplit (cpuinfo, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name"))
      {
        const char *colon = strchr (lines[i], ':');

        if (colon != NULL)
          return g_strstrip (g_strdup (colon + 1));
      }
  return g_strdup ("unknown CPU");
}

static double
memory_total_gb (void)
{
  g_autofree char *meminfo = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL) ||
      (line = strstr (meminfo, "MemTotal:")) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("MemTotal:"), NULL) / (1024.0 * 1024.0);
}

static char *
quote_command_line (char **argv)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; argv[i] != NULL; i++)
    {
      gboolean plain = argv[i][0] != '\0';

      for (const char *p = argv[i]; *p && plain; p++)
        plain = g_ascii_isalnum (*p) || strchr ("-_./=:,+", *p) != NULL;
      if (i > 0)
        g_string_append_c (out, ' ');
      if (plain)
        g_string_append (out, argv[i]);
      else
        {
          g_autofree char *quoted = g_shell_quote (argv[i]);

          g_string_append (out, quoted);
        }
    }
  return g_string_free (out, FALSE);
}

/* Children */

/* A clean environment, the same for both programs: only what reaches the
 * display and the session bus comes from outside; settings live in memory
 * and every XDG folder is inside the temporary folder, so that neither the
 * user's configuration nor their database takes part. */
static char **
child_environment (Bench *bench,
                   const char *data_home)
{
  static const char *const inherited[] = {
    "DISPLAY",
    "XAUTHORITY",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_RUNTIME_DIR",
    "HOME",
    "PATH",
    "LANG",
    "LC_ALL",
  };
  g_autofree char *config_home = g_build_filename (bench->tmpdir, "config", NULL);
  g_autofree char *cache_home = g_build_filename (bench->tmpdir, "cache", NULL);
  g_autofree char *state_home = g_build_filename (bench->tmpdir, "state", NULL);
  char **env = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (inherited); i++)
    if (g_getenv (inherited[i]) != NULL)
      env = g_environ_setenv (env, inherited[i], g_getenv (inherited[i]), TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", BENCH_SCHEMAS_DIR, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_home, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache_home, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", state_home, TRUE);
  env = g_environ_setenv (env, "RAPPORT_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  return env;
}

static char *
read_log_tail (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL) || len == 0)
    return g_strdup ("(nothing on stderr)");
  return g_strdup (len > 2000 ? contents + len - 2000 : contents);
}

typedef struct
{
  gboolean done;
  double at;
  char *line;
  GError *error;
} LineRead;

static void
on_line_read (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  LineRead *read = user_data;

  read->at = bench_now_ms ();
  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                          &read->error);
  read->done = TRUE;
}

static gboolean
on_first_frame_timeout (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Spawns @program with the bench environment and waits for the line it
 * prints at its first painted frame. The clock runs from just before the
 * fork to the moment the line arrives. */
static gboolean
run_to_first_frame (Bench *bench,
                    const char *program,
                    const char *data_home,
                    double *ms,
                    double *peak_kb,
                    GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *log_path = g_build_filename (bench->tmpdir, "child-stderr.log", NULL);
  g_auto(GStrv) env = child_environment (bench, data_home);
  LineRead read = { 0 };
  guint timeout;
  double started;
  gboolean ok = FALSE;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);

  started = bench_now_ms ();
  process = g_subprocess_launcher_spawn (launcher, error, program, NULL);
  if (process == NULL)
    return FALSE;

  stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, cancellable, on_line_read, &read);
  timeout = g_timeout_add_seconds (FIRST_FRAME_TIMEOUT_S, on_first_frame_timeout, cancellable);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timeout);

  if (read.line != NULL && g_str_has_prefix (read.line, "first-frame "))
    {
      *ms = read.at - started;
      *peak_kb = g_ascii_strtod (read.line + strlen ("first-frame "), NULL);
      ok = TRUE;
    }
  else
    {
      g_autofree char *tail = read_log_tail (log_path);
      const char *why = "it closed its output";

      if (read.error != NULL)
        why = read.error->message;
      else if (read.line != NULL)
        why = read.line;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no first frame (%s); its stderr:\n%s",
                   program, why, tail);
      g_subprocess_force_exit (process);
    }
  g_subprocess_wait (process, NULL, NULL);
  g_free (read.line);
  g_clear_error (&read.error);
  return ok;
}

static gboolean
fill_database (Bench *bench,
               guint n_contacts,
               double *seconds,
               GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) env = child_environment (bench, bench->data_home);
  g_autofree char *n = g_strdup_printf ("%u", n_contacts);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  double started;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, env);
  started = bench_now_ms ();
  process = g_subprocess_launcher_spawn (launcher, error, bench->rapport, "--sample-network", n, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return FALSE;
  *seconds = (bench_now_ms () - started) / 1000.0;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "rapport --sample-network %s failed:\n%s%s", n,
                   out ? out : "", err ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* The database, seen directly */

typedef struct
{
  gint64 contacts;
  gint64 interactions;
  gint64 followups;
  gint64 pending;
  double size_mb;
} DatabaseCounts;

/* The text a person would type to find a contact: their full name (so
 * "first-name last-prefix" queries come up), their family name alone, or
 * their company. Picks are seeded, so two runs type the same things. */
static GPtrArray *
pick_typed_texts (sqlite3 *db,
                  DatabaseCounts *counts)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) families = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) companies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (PICK_SEED);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  counts->contacts = bench_count_rows (db, "SELECT count(*) FROM contacts WHERE deleted = 0 AND archived = 0");
  counts->interactions = bench_count_rows (db, "SELECT count(*) FROM interactions WHERE deleted = 0");
  counts->followups = bench_count_rows (db, "SELECT count(*) FROM followups WHERE deleted = 0");
  counts->pending = bench_count_rows (db, "SELECT count(*) FROM followups WHERE deleted = 0 AND done_at IS NULL");

  if (sqlite3_prepare_v2 (db,
                          "SELECT display_name, family_name, company FROM contacts"
                          " WHERE deleted = 0 AND archived = 0 ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("Could not read the contacts: %s\n", sqlite3_errmsg (db));
      return texts;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *family = (const char *) sqlite3_column_text (stmt, 1);
      const char *company = (const char *) sqlite3_column_text (stmt, 2);

      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (families, g_strdup (family && *family ? family : name));
      g_ptr_array_add (companies, g_strdup (company && *company ? company : name));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < N_PICKS && names->len > 0; i++)
    {
      guint row = g_rand_int_range (rand, 0, names->len);
      GPtrArray *from = names;

      if (i % 4 == 2)
        from = families;
      else if (i % 4 == 3)
        from = companies;
      g_ptr_array_add (texts, g_strdup (g_ptr_array_index (from, row)));
    }
  return texts;
}

/* Search as you type */

typedef struct
{
  GArray *ms;       /* double, per query */
  GArray *chars;    /* guint, characters typed */
  GArray *rows;     /* double, ids returned */
  GArray *model_ms; /* double, per keystroke through the list model */
  GArray *clear_ms; /* double, emptying the search entry */
  GArray *shell_ms; /* double, per keystroke through the Shell's provider */
} SearchTimes;

static void
time_search (RapportStore *store,
             GPtrArray *texts,
             SearchTimes *times)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportContactList) list = rapport_contact_list_new (store);
  RapportContactQuery query = { .relationship = -1 };

  /* Prepares the statements, as the running application would have. */
  query.search = "a";
  rapport_store_query_contact_ids (store, &query, ids, NULL);

  for (guint t = 0; t < texts->len; t++)
    {
      const char *text = g_ptr_array_index (texts, t);
      guint n_chars = 0;

      for (const char *end = text; *end; n_chars++)
        {
          g_autofree char *typed = NULL;
          g_autoptr(GError) error = NULL;
          guint typed_chars = n_chars + 1;
          double started, elapsed, row_count;

          end = g_utf8_next_char (end);
          typed = g_strndup (text, end - text);
          query.search = typed;
          started = bench_now_ms ();
          if (!rapport_store_query_contact_ids (store, &query, ids, &error))
            {
              g_printerr ("Query “%s” failed: %s\n", typed, error->message);
              continue;
            }
          elapsed = bench_now_ms () - started;
          row_count = ids->len;
          g_array_append_val (times->ms, elapsed);
          g_array_append_val (times->chars, typed_chars);
          g_array_append_val (times->rows, row_count);
        }
    }

  /* The same keystrokes through the model the contacts view binds to; it
   * runs the query, then works out which rows changed. */
  for (guint t = 0; t < texts->len; t++)
    {
      const char *text = g_ptr_array_index (texts, t);
      double started, elapsed;

      for (const char *end = text; *end;)
        {
          g_autofree char *typed = NULL;

          end = g_utf8_next_char (end);
          typed = g_strndup (text, end - text);
          started = bench_now_ms ();
          rapport_contact_list_set_search (list, typed);
          elapsed = bench_now_ms () - started;
          g_array_append_val (times->model_ms, elapsed);
        }
      started = bench_now_ms ();
      rapport_contact_list_set_search (list, NULL);
      elapsed = bench_now_ms () - started;
      g_array_append_val (times->clear_ms, elapsed);
    }

  /* And as GNOME Shell asks them, word by word, of the search provider
   * (without the D-Bus round trip): the query, then the first contacts
   * loaded for their uuids. */
  {
    g_autoptr(RapportSearchProvider) provider = rapport_search_provider_new (NULL);

    rapport_search_provider_set_store (provider, store);
    for (guint t = 0; t < texts->len; t++)
      {
        const char *text = g_ptr_array_index (texts, t);

        for (const char *end = text; *end;)
          {
            g_autofree char *typed = NULL;
            g_auto(GStrv) terms = NULL;
            g_auto(GStrv) results = NULL;
            double started, elapsed;

            end = g_utf8_next_char (end);
            typed = g_strndup (text, end - text);
            terms = g_strsplit (typed, " ", -1);
            started = bench_now_ms ();
            results = rapport_search_provider_search (provider, (const char *const *) terms);
            elapsed = bench_now_ms () - started;
            g_array_append_val (times->shell_ms, elapsed);
          }
      }
  }
}

static void
print_search_line (const char *label,
                   GArray *ms,
                   gboolean with_target)
{
  double p95 = bench_percentile (ms, 0.95);
  g_autofree char *padded = bench_pad (label, 16);

  g_print ("  %s %6u queries  p50 %6.3f  p95 %6.3f  p99 %6.3f  max %7.3f ms", padded, ms->len,
           bench_percentile (ms, 0.50), p95, bench_percentile (ms, 0.99), bench_maximum (ms));
  if (with_target)
    g_print ("   target p95 ≤ %.0f ms: %s", TARGET_SEARCH_P95_MS, bench_verdict (p95 <= TARGET_SEARCH_P95_MS));
  g_print ("\n");
}

static void
report_search (SearchTimes *times,
               guint n_texts)
{
  g_autoptr(GArray) long_ms = g_array_new (FALSE, FALSE, sizeof (double));
  static const struct
  {
    guint min, max;
    const char *label;
  } buckets[] = {
    { 1, 1, "1 character" },
    { 2, 2, "2 characters" },
    { 3, 3, "3 characters" },
    { 4, 6, "4–6 characters" },
    { 7, G_MAXUINT, "7+ characters" },
  };

  for (guint i = 0; i < times->ms->len; i++)
    if (g_array_index (times->chars, guint, i) >= 3)
      g_array_append_val (long_ms, g_array_index (times->ms, double, i));

  g_print ("\nSearch as you type, in core (rapport_store_query_contact_ids)\n");
  g_print ("  %u names, family names and companies typed a character at a time, each prefix a query\n",
           n_texts);
  print_search_line ("every query", times->ms, TRUE);
  print_search_line ("≥ 3 characters", long_ms, TRUE);
  g_print ("  by length:\n");
  for (guint b = 0; b < G_N_ELEMENTS (buckets); b++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *padded = bench_pad (buckets[b].label, 15);

      for (guint i = 0; i < times->ms->len; i++)
        {
          guint chars = g_array_index (times->chars, guint, i);

          if (chars >= buckets[b].min && chars <= buckets[b].max)
            {
              g_array_append_val (ms, g_array_index (times->ms, double, i));
              g_array_append_val (rows, g_array_index (times->rows, double, i));
            }
        }
      g_print ("    %s %5u queries  p50 %6.3f  p95 %6.3f  max %7.3f ms   rows: median %.0f, max %.0f\n",
               padded, ms->len, bench_percentile (ms, 0.50), bench_percentile (ms, 0.95), bench_maximum (ms),
               bench_median (rows), bench_maximum (rows));
    }

  g_print ("\nSearch as you type, through RapportContactList (query and row diff, no widgets)\n");
  g_print ("  per keystroke    %6u updates  p50 %6.3f  p95 %6.3f  p99 %6.3f  max %7.3f ms   "
           "target within a frame (%.1f ms): %s\n",
           times->model_ms->len, bench_percentile (times->model_ms, 0.50), bench_percentile (times->model_ms, 0.95),
           bench_percentile (times->model_ms, 0.99), bench_maximum (times->model_ms), FRAME_MS,
           bench_verdict (bench_percentile (times->model_ms, 0.95) <= FRAME_MS));
  g_print ("  emptying the search, back to every contact: median %.3f ms, max %.3f ms\n",
           bench_median (times->clear_ms), bench_maximum (times->clear_ms));

  g_print ("\nGNOME Shell search, through the search provider (query and first %u contacts, no D-Bus)\n",
           RAPPORT_SEARCH_PROVIDER_MAX_RESULTS);
  g_print ("  per keystroke    %6u answers  p50 %6.3f  p95 %6.3f  p99 %6.3f  max %7.3f ms   "
           "target within a frame (%.1f ms): %s\n",
           times->shell_ms->len, bench_percentile (times->shell_ms, 0.50), bench_percentile (times->shell_ms, 0.95),
           bench_percentile (times->shell_ms, 0.99), bench_maximum (times->shell_ms), FRAME_MS,
           bench_verdict (bench_percentile (times->shell_ms, 0.95) <= FRAME_MS));
}

/* The list over every contact */

static void
time_full_list (RapportStore *store,
                guint runs)
{
  g_autoptr(GArray) query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reread_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kept_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
  RapportContactQuery query = { .relationship = -1 };
  RapportContactQuery search = { .relationship = -1, .search = "ma" };
  guint n_items = 0;

  /* A write that can change the order (a rename) makes the store read it
   * again, so the first query after it pays for that; one that cannot (a
   * star) does not. Each is done and undone on one contact, then a
   * two-letter search is timed. */
  rapport_store_query_contact_ids (store, &query, one, NULL);
  for (guint r = 0; r < runs && one->len > 0; r++)
    {
      g_autoptr(RapportContact) contact = rapport_store_get_contact (store, g_array_index (one, gint64, 0), NULL);
      g_autoptr(RapportContact) draft = rapport_contact_copy (contact);
      g_autofree char *name = g_strdup (rapport_contact_get_display_name (contact));
      double started;
      double elapsed;

      rapport_store_set_starred (store, rapport_contact_get_id (contact), TRUE, NULL);
      rapport_store_set_starred (store, rapport_contact_get_id (contact), FALSE, NULL);
      started = bench_now_ms ();
      rapport_store_query_contact_ids (store, &search, ids, NULL);
      elapsed = bench_now_ms () - started;
      g_array_append_val (kept_ms, elapsed);

      rapport_contact_set_display_name (draft, "Zz Renamed");
      rapport_store_update_contact (store, draft, NULL);
      rapport_contact_set_display_name (draft, name);
      rapport_store_update_contact (store, draft, NULL);
      started = bench_now_ms ();
      rapport_store_query_contact_ids (store, &search, ids, NULL);
      elapsed = bench_now_ms () - started;
      g_array_append_val (reread_ms, elapsed);
    }

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(RapportContactList) list = NULL;
      double started = bench_now_ms ();
      double elapsed;

      rapport_store_query_contact_ids (store, &query, ids, NULL);
      elapsed = bench_now_ms () - started;
      g_array_append_val (query_ms, elapsed);

      started = bench_now_ms ();
      list = rapport_contact_list_new (store);
      elapsed = bench_now_ms () - started;
      g_array_append_val (list_ms, elapsed);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
    }

  g_print ("\nContact list over every contact (%u rows, median of %u)\n", n_items, runs);
  g_print ("  ids query, no search:        %7.2f ms\n", bench_median (query_ms));
  g_print ("  first search after a star:   %7.2f ms   (the list order stays)\n", bench_median (kept_ms));
  g_print ("  first search after a rename: %7.2f ms   (the list order is read again)\n", bench_median (reread_ms));
  g_print ("  RapportContactList built:    %7.2f ms   (first %.2f ms)\n", bench_median (list_ms),
           g_array_index (list_ms, double, 0));
}

/* Start-up */

static gboolean
time_startup (Bench *bench,
              guint runs,
              GError **error)
{
  g_autoptr(GArray) empty_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rapport_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_kb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rapport_kb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_kb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *empty_data_home = g_build_filename (bench->tmpdir, "empty-data", NULL);
  g_autofree char *empty_list = NULL;
  g_autofree char *rapport_list = NULL;
  g_autofree char *empty_mem_list = NULL;
  g_autofree char *rapport_mem_list = NULL;
  double ms, kb, ratio, extra_mb;

  /* One run of each first, not counted: it warms the page cache, the font
   * and shader caches, and the session bus, and creates the empty
   * database that tells what the contacts themselves cost. */
  if (!run_to_first_frame (bench, bench->empty_window, bench->data_home, &ms, &kb, error) ||
      !run_to_first_frame (bench, bench->rapport, bench->data_home, &ms, &kb, error) ||
      !run_to_first_frame (bench, bench->rapport, empty_data_home, &ms, &kb, error))
    return FALSE;

  for (guint r = 0; r < runs; r++)
    {
      if (!run_to_first_frame (bench, bench->empty_window, bench->data_home, &ms, &kb, error))
        return FALSE;
      g_array_append_val (empty_ms, ms);
      g_array_append_val (empty_kb, kb);
      if (!run_to_first_frame (bench, bench->rapport, bench->data_home, &ms, &kb, error))
        return FALSE;
      g_array_append_val (rapport_ms, ms);
      g_array_append_val (rapport_kb, kb);
      if (!run_to_first_frame (bench, bench->rapport, empty_data_home, &ms, &kb, error))
        return FALSE;
      g_array_append_val (bare_ms, ms);
      g_array_append_val (bare_kb, kb);
    }

  for (guint i = 0; i < empty_kb->len; i++)
    {
      g_array_index (empty_kb, double, i) /= 1024.0;
      g_array_index (rapport_kb, double, i) /= 1024.0;
      g_array_index (bare_kb, double, i) /= 1024.0;
    }
  empty_list = join_samples (empty_ms, 0);
  rapport_list = join_samples (rapport_ms, 0);
  empty_mem_list = join_samples (empty_kb, 1);
  rapport_mem_list = join_samples (rapport_kb, 1);
  ratio = bench_median (rapport_ms) / bench_median (empty_ms);
  extra_mb = bench_median (rapport_kb) - bench_median (empty_kb);

  g_print ("\nStart to first frame (spawn to the first painted frame; median of %u alternating runs,\n"
           "after one uncounted run of each)\n",
           runs);
  g_print ("  empty window     %6.0f ms   (%s)\n", bench_median (empty_ms), empty_list);
  g_print ("  rapport          %6.0f ms   (%s)\n", bench_median (rapport_ms), rapport_list);
  g_print ("  start to first frame: empty %.0f ms, rapport %.0f ms, ratio %.2f (target ≤ %.2f): %s\n",
           bench_median (empty_ms), bench_median (rapport_ms), ratio, TARGET_START_RATIO,
           bench_verdict (ratio <= TARGET_START_RATIO));
  g_print ("  for context, rapport on an empty database: %.0f ms, %.1f MB; the contacts add %+.0f ms, %+.1f MB\n",
           bench_median (bare_ms), bench_median (bare_kb), bench_median (rapport_ms) - bench_median (bare_ms),
           bench_median (rapport_kb) - bench_median (bare_kb));

  g_print ("\nPeak memory (VmHWM at the first frame; median)\n");
  g_print ("  empty window     %6.1f MB   (%s)\n", bench_median (empty_kb), empty_mem_list);
  g_print ("  rapport          %6.1f MB   (%s)\n", bench_median (rapport_kb), rapport_mem_list);
  g_print ("  peak memory: rapport %+.1f MB over the empty window (target ≤ +%.0f MB): %s\n", extra_mb,
           TARGET_EXTRA_MB, bench_verdict (extra_mb <= TARGET_EXTRA_MB));
  return TRUE;
}

static int
run (Bench *bench,
     guint n_contacts,
     guint runs)
{
  g_autofree char *db_path = g_build_filename (bench->data_home, "rapport", "rapport.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  SearchTimes times = { 0 };
  DatabaseCounts counts = { 0 };
  GStatBuf st;
  sqlite3 *db = NULL;
  double seconds;

  g_print ("\nSample network\n");
  if (!fill_database (bench, n_contacts, &seconds, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("Could not open %s: %s\n", db_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return 1;
    }
  texts = pick_typed_texts (db, &counts);
  sqlite3_close (db);
  if (g_stat (db_path, &st) == 0)
    counts.size_mb = st.st_size / (1024.0 * 1024.0);
  g_print ("  rapport --sample-network %u: %.1f s\n", n_contacts, seconds);
  g_print ("  %" G_GINT64_FORMAT " active contacts, %" G_GINT64_FORMAT " interactions, %" G_GINT64_FORMAT
           " follow-ups (%" G_GINT64_FORMAT " pending); a %.1f MB file\n",
           counts.contacts, counts.interactions, counts.followups, counts.pending, counts.size_mb);

  if (bench->core_only)
    g_print ("\nStart to first frame and peak memory: not measured (--core-only)\n");
  else if (!time_startup (bench, runs, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  store = rapport_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("Could not open the store: %s\n", error->message);
      return 1;
    }
  times.ms = g_array_new (FALSE, FALSE, sizeof (double));
  times.chars = g_array_new (FALSE, FALSE, sizeof (guint));
  times.rows = g_array_new (FALSE, FALSE, sizeof (double));
  times.model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  times.clear_ms = g_array_new (FALSE, FALSE, sizeof (double));
  times.shell_ms = g_array_new (FALSE, FALSE, sizeof (double));
  time_search (store, texts, &times);
  report_search (&times, texts->len);
  g_array_unref (times.ms);
  g_array_unref (times.chars);
  g_array_unref (times.rows);
  g_array_unref (times.model_ms);
  g_array_unref (times.clear_ms);
  g_array_unref (times.shell_ms);

  time_full_list (store, runs);
  if (bench->n_events > 0)
    return bench_events_run (bench->tmpdir, n_contacts, bench->n_events, bench->n_interactions);
  return 0;
}

/* The report is UTF-8 whatever the locale, as the figures' units and
 * targets are; g_print() would turn "≤" into "?" under LANG=C. */
static void
print_unconverted (const char *string)
{
  fputs (string, stdout);
  fflush (stdout);
}

int
main (int argc,
      char *argv[])
{
  g_auto(GStrv) original_argv = g_strdupv (argv);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command_line = NULL;
  g_autofree char *cpu = NULL;
  g_autofree char *rapport = NULL;
  g_autofree char *empty_window = NULL;
  g_autoptr(GFile) tmpdir = NULL;
  gint64 n_contacts = DEFAULT_CONTACTS;
  gint64 n_events = DEFAULT_EVENTS;
  gint64 n_interactions = DEFAULT_INTERACTIONS;
  int runs = DEFAULT_RUNS;
  struct utsname uts;
  Bench bench = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT64, &n_contacts, "Generate N contacts (default 100000)", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT64, &n_events,
      "Measure the event lists and group figures with N events (default 50000, 0 to skip)", "N" },
    { "interactions", 0, 0, G_OPTION_ARG_INT64, &n_interactions,
      "Measure Insights with N interactions in the events' database (default 1000000, 0 to skip)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Start each program R times (default 5)", "R" },
    { "rapport", 0, 0, G_OPTION_ARG_FILENAME, &rapport, "The rapport program to measure", "PATH" },
    { "empty-window", 0, 0, G_OPTION_ARG_FILENAME, &empty_window, "The empty-window program to compare with",
      "PATH" },
    { "core-only", 0, 0, G_OPTION_ARG_NONE, &bench.core_only,
      "Measure only the core figures, which need no display", NULL },
    { NULL }
  };

  g_set_print_handler (print_unconverted);
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Measures Rapport's start-up, memory and search against their targets.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_contacts < 1 || n_contacts > 10000000 || n_events < 0 || n_events > 10000000 || runs < 1)
    {
      g_printerr ("--contacts must be between 1 and 10000000, --events between 0 and 10000000,"
                  " --runs at least 1\n");
      return 2;
    }
  bench.n_events = (guint) n_events;
  bench.n_interactions = (guint) CLAMP (n_interactions, 0, G_MAXUINT);
  bench.rapport = rapport ? rapport : BENCH_RAPPORT_PATH;
  bench.empty_window = empty_window ? empty_window : BENCH_EMPTY_WINDOW_PATH;
  if (!bench.core_only && g_getenv ("DISPLAY") == NULL)
    g_printerr ("DISPLAY is not set: the windows will not open. Run under Xvfb, see bench/README.md.\n");

  bench.tmpdir = g_dir_make_tmp ("bench-rapport-XXXXXX", &error);
  if (bench.tmpdir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bench.data_home = g_build_filename (bench.tmpdir, "data", NULL);
  tmpdir = g_file_new_for_path (bench.tmpdir);

  command_line = quote_command_line (original_argv);
  cpu = cpu_model ();
  uname (&uts);
  g_print ("Rapport benchmark (targets: bench/README.md)\n");
  g_print ("  command:      %s\n", command_line);
  g_print ("  machine:      %s, nproc %u, %.1f GB RAM, %s %s\n", cpu, g_get_num_processors (),
           memory_total_gb (), uts.sysname, uts.release);
  g_print ("  libraries:    GLib %u.%u.%u, SQLite %s\n", glib_major_version, glib_minor_version,
           glib_micro_version, sqlite3_libversion ());
  g_print ("  rapport:      %s\n", bench.rapport);
  g_print ("  empty window: %s\n", bench.empty_window);
  g_print ("  contacts:     %" G_GINT64_FORMAT ", events: %" G_GINT64_FORMAT ", runs: %d, data in %s\n", n_contacts,
           n_events, runs, bench.tmpdir);

  status = run (&bench, (guint) n_contacts, (guint) runs);

  bench_remove_tree (tmpdir);
  g_free (bench.tmpdir);
  g_free (bench.data_home);
  return status;
}
