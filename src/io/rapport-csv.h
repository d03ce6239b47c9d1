/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-csv.h: comma-separated files (RFC 4180 and what spreadsheets
 * really write), and the contact lists of LinkedIn, Google Contacts and
 * Rapport itself in that form. */
#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"
#include "rapport-import-card.h"

G_BEGIN_DECLS

/**
 * RapportCsvReader:
 *
 * Reads records one at a time from text in memory: quoted fields with
 * embedded commas, quotes and newlines, CRLF or LF line ends, a UTF-8 byte
 * order mark. A record's line is the line it starts on.
 */
typedef struct _RapportCsvReader RapportCsvReader;

RapportCsvReader *rapport_csv_reader_new (const char *text, gsize length);
void rapport_csv_reader_set_separator (RapportCsvReader *reader, char separator);
void rapport_csv_reader_free (RapportCsvReader *reader);
/* Returns the fields of the next record (NULL-terminated, owned by the
 * reader until the next call), or NULL at the end. */
const char *const *rapport_csv_reader_next (RapportCsvReader *reader, guint *n_fields, guint *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCsvReader, rapport_csv_reader_free)

void rapport_csv_append_field (GString *out, const char *field);
void rapport_csv_append_record (GString *out, const char *const *fields, guint n_fields);

/**
 * RapportCsvKind:
 * @RAPPORT_CSV_UNKNOWN: a header Rapport does not recognise
 * @RAPPORT_CSV_LINKEDIN: LinkedIn's Connections.csv
 * @RAPPORT_CSV_GOOGLE: Google Contacts, current or legacy ("Outlook-like") header
 * @RAPPORT_CSV_OUTLOOK: Outlook's contacts export
 * @RAPPORT_CSV_RAPPORT: Rapport's own contacts export
 */
typedef enum {
  RAPPORT_CSV_UNKNOWN,
  RAPPORT_CSV_LINKEDIN,
  RAPPORT_CSV_GOOGLE,
  RAPPORT_CSV_OUTLOOK,
  RAPPORT_CSV_RAPPORT,
} RapportCsvKind;

RapportCsvKind rapport_csv_sniff (const char *data, gsize length);
GPtrArray *rapport_csv_parse_contacts (const char *data,
                                       gsize length,
                                       RapportCsvKind *kind,
                                       GPtrArray *problems);
char *rapport_csv_write_contacts (RapportContact *const *contacts, guint n_contacts);

G_END_DECLS
