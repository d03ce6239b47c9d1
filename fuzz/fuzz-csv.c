/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv.c: libFuzzer target for the CSV reader and the contact lists
 * read through it. Every input is read record by record and as a contact
 * list; the cards are checked (fuzz-common.h), written as Rapport's own
 * CSV and read again, which must give the same number of cards. */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include "fuzz-common.h"
#include "rapport-csv.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr(RapportCsvReader) reader = rapport_csv_reader_new ((const char *) data, size);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_problem_free);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(GString) rewritten = g_string_new (NULL);
  g_autofree char *written = NULL;
  const char *const *fields;
  RapportCsvKind kind;
  guint n_fields, line, last_line = 0;

  /* The reader on raw bytes: fields are whole, lines only go forward. */
  while ((fields = rapport_csv_reader_next (reader, &n_fields, &line)) != NULL)
    {
      FUZZ_CHECK (n_fields >= 1 && fields[n_fields] == NULL);
      FUZZ_CHECK (line > last_line);
      last_line = line;
      rapport_csv_append_record (rewritten, fields, n_fields);
    }

  rapport_csv_sniff ((const char *) data, size);
  cards = rapport_csv_parse_contacts ((const char *) data, size, &kind, problems);
  fuzz_check_cards (cards, problems);

  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (contacts, ((RapportImportCard *) g_ptr_array_index (cards, i))->contact);
  written = rapport_csv_write_contacts ((RapportContact *const *) contacts->pdata, contacts->len);
  again = rapport_csv_parse_contacts (written, strlen (written), &kind, problems);
  FUZZ_CHECK (kind == RAPPORT_CSV_RAPPORT);
  FUZZ_CHECK (again->len == cards->len);
  fuzz_check_cards (again, problems);
  return 0;
}
