/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import.c: the vCard import figure against its target, in one run.
 *
 * Writes --cards vCard 3.0 cards of the kind a phone exports (name parts,
 * company, title, two emails, two phones with a grouped label, an
 * address, a website, categories and a note, folded lines), every card a
 * different person (so that none is merged), then:
 *
 *  - imports the file into a new database as `rapport --import` does:
 *    reading, parsing, checking each card, looking for duplicates, and
 *    writing every card in one transaction; the best of --runs runs, each
 *    into a fresh database;
 *  - reads the same file with python3-vobject (Debian's python3-vobject),
 *    parsing every card, as a point of comparison; python's start-up is
 *    measured apart and left out.
 *
 * Nothing is asserted; the figures are printed beside the target.
 */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include "bench-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

#include "rapport-import.h"

#define DEFAULT_CARDS 100000
#define DEFAULT_RUNS 3
#define TARGET_S 2.0

static const char *const given[] = { "Ana", "Ben", "Chloé", "Dmitri", "Esther", "Farid", "Grace", "Hiro",
                                     "Ines", "Jonas", "Keiko", "Luis", "Maya", "Nils", "Olu", "Priya" };
static const char *const family[] = { "Archer", "Baker", "Costa", "Dubois", "Eriksen", "Fischer", "García",
                                      "Hughes", "Ivanova", "Jensen", "Kowalski", "Lopez", "Müller", "Nakamura" };
static const char *const companies[] = { "Northwind Logistics", "Contoso Legal", "Fabrikam Design",
                                         "Tailspin Travel", "Wide World Importers", "Adventure Works" };

static char *
write_cards (const char *dir,
             guint n)
{
  g_autoptr(GString) out = g_string_sized_new (n * 600);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "cards.vcf", NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *g = given[i % G_N_ELEMENTS (given)];
      const char *f = family[(i / G_N_ELEMENTS (given)) % G_N_ELEMENTS (family)];
      const char *c = companies[i % G_N_ELEMENTS (companies)];

      g_string_append_printf (out,
                              "BEGIN:VCARD\r\n"
                              "VERSION:3.0\r\n"
                              "PRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
                              "N:%s;%s;;;\r\n"
                              "FN:%s %s\r\n"
                              "ORG:%s %u;Sales\r\n"
                              "TITLE:Account Manager\r\n"
                              "EMAIL;type=INTERNET;type=WORK;type=pref:%s.%s.%u@example.com\r\n"
                              "EMAIL;type=INTERNET;type=HOME:%s%u@mail.example.org\r\n"
                              "TEL;type=CELL;type=VOICE;type=pref:+44 7700 %06u\r\n"
                              "item1.TEL:+44 20 7%03u %04u\r\n"
                              "item1.X-ABLabel:_$!<Assistant>!$_\r\n"
                              "ADR;type=WORK;type=pref:;;%u High Street;Leeds;;LS1 %uAB;United Kingdom\r\n"
                              "URL;type=WORK:https://www.example.com/people/%u\r\n"
                              "CATEGORIES:Clients,Leeds breakfast\r\n"
                              "NOTE:Met at the chamber breakfast\\, talked about warehouse space an\r\n"
                              " d a referral to a good accountant.\\nFollow up in spring.\r\n"
                              "END:VCARD\r\n",
                              f, g, g, f, c, i, g, f, i, g, i, i % 1000000, i / 10000, i % 10000, i % 300, i % 10, i);
    }
  g_file_set_contents (path, out->str, out->len, &error);
  g_assert_no_error (error);
  return path;
}

/* The processor time of this process, user and system, in ms: beside
 * the wall time, it says how much of a run was spent waiting for other
 * programs on a busy machine. */
static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
import_once (const char *dir,
             const char *cards_path,
             guint run,
             guint *added,
             double *read_ms,
             double *cpu_ms)
{
  g_autofree char *db_path = g_strdup_printf ("%s/run-%u/rapport.db", dir, run);
  g_autoptr(GFile) file = g_file_new_for_path (cards_path);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportImport) import = NULL;
  g_autoptr(GError) error = NULL;
  double started;
  double cpu_started;
  double ms;

  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);
  cpu_started = cpu_now_ms ();
  started = bench_now_ms ();
  import = rapport_import_new (store);
  if (!rapport_import_read (import, &file, 1, NULL, &error))
    g_error ("Import failed: %s", error->message);
  *read_ms = bench_now_ms () - started;
  if (!rapport_import_apply (import, NULL, NULL, NULL, &error))
    g_error ("Import failed: %s", error->message);
  ms = bench_now_ms () - started;
  *cpu_ms = cpu_now_ms () - cpu_started;
  *added = rapport_import_get_report (import)->added;
  return ms;
}

/* Runs python3 with @script and returns its wall time, or -1. */
static double
run_python (const char *script,
            const char *cards_path,
            char **out)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  double started = bench_now_ms ();
  const char *argv[] = { "/usr/bin/python3", "-c", script, cards_path, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL, &status,
                     &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;
  return bench_now_ms () - started;
}

int
main (int argc,
      char *argv[])
{
  int cards = DEFAULT_CARDS;
  int runs = DEFAULT_RUNS;
  gboolean no_python = FALSE;
  const GOptionEntry entries[] = {
    { "cards", 0, 0, G_OPTION_ARG_INT, &cards, "Cards in the file (default 100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Imports to take the best of (default 3)", "N" },
    { "no-python", 0, 0, G_OPTION_ARG_NONE, &no_python, "Leave out python3-vobject", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— vCard import figures");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cards_path = NULL;
  g_autofree char *python_out = NULL;
  g_autofree char *empty_out = NULL;
  g_autoptr(GFile) dir_file = NULL;
  double best = G_MAXDOUBLE;
  double python_ms;
  double python_start_ms;
  GStatBuf st;
  guint added = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || cards < 1 || runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--cards and --runs must be positive");
      return 2;
    }

  dir = g_dir_make_tmp ("rapport-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  dir_file = g_file_new_for_path (dir);
  cards_path = write_cards (dir, (guint) cards);
  g_stat (cards_path, &st);
  g_print ("vCard import: %d cards, %.1f MB file (vCard 3.0 as a phone writes it)\n", cards,
           st.st_size / 1048576.0);

  for (int run = 0; run < runs; run++)
    {
      double read_ms = 0;
      double cpu_ms = 0;
      double ms = import_once (dir, cards_path, (guint) run, &added, &read_ms, &cpu_ms);

      g_print ("  Rapport import run %d: %.0f ms: reading, checking and finding duplicates %.0f ms, writing %.0f ms"
               " (%u contacts written; processor time %.0f ms)\n",
               run + 1, ms, read_ms, ms - read_ms, added, cpu_ms);
      best = MIN (best, ms);
    }

  python_start_ms = no_python ? -1 : run_python ("import vobject, sys", cards_path, &empty_out);
  python_ms = python_start_ms < 0 ? -1 : run_python ("import vobject, sys\n"
                                                     "n = 0\n"
                                                     "with open(sys.argv[1], encoding='utf-8') as f:\n"
                                                     "    for card in vobject.readComponents(f):\n"
                                                     "        card.fn.value\n"
                                                     "        n += 1\n"
                                                     "print(n)\n",
                                                     cards_path, &python_out);

  g_print ("\n");
  g_print ("  Rapport, read + check + duplicates + write (best of %d)  %8.0f ms  target <= %.0f ms  %s\n", runs,
           best, TARGET_S * 1000, bench_verdict (best <= TARGET_S * 1000));
  if (no_python)
    ;
  else if (python_ms < 0)
    g_print ("  python3-vobject, parse only: not measured (install python3-vobject)\n");
  else
    g_print ("  python3-vobject, parse only (%s cards, minus %.0f ms start-up)  %8.0f ms  (%.1f x Rapport's whole "
             "import)\n",
             g_strstrip (python_out), python_start_ms, python_ms - python_start_ms,
             (python_ms - python_start_ms) / best);

  bench_remove_tree (dir_file);
  return 0;
}
