/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-import-private.h: what the vCard and CSV readers share when they
 * turn a card or a row into a contact: labels, tags, the name to call the
 * person by, and the checks the store would otherwise refuse a whole card
 * over. Only the readers in src/io include it. */
#pragma once

#include "rapport-import-card.h"

G_BEGIN_DECLS

/* The store refuses longer tags, names and labels, and email addresses or
 * phone numbers of more than 1,024 bytes; a reader shortens the first and
 * leaves the others out, rather than lose the whole card. */
#define RAPPORT_IMPORT_MAX_TAG_CHARS 64
#define RAPPORT_IMPORT_MAX_NAME_CHARS 500
#define RAPPORT_IMPORT_MAX_VALUE_BYTES 1024

char *rapport_import_label (const char *text, gboolean is_email);
char *rapport_import_decode (const char *bytes, gsize length, const char *charset);
void rapport_import_windows_1252 (GString *out, const char *bytes, gsize length);
void rapport_import_append_line (GString *out, GString *scratch, const char *line, gsize length);

/* A contact being read, with what is only known once the whole card or
 * row is read. */
typedef struct
{
  RapportContact *contact;
  GPtrArray *tags;
  GPtrArray *folded;
  GHashTable *folded_tags;
  GString *notes;
  guint line;
} RapportImportDraft;

void rapport_import_draft_init (RapportImportDraft *draft, guint line);
void rapport_import_draft_clear (RapportImportDraft *draft);
void rapport_import_draft_add_email (RapportImportDraft *draft, const char *label, const char *value, guint line, GPtrArray *problems);
void rapport_import_draft_add_phone (RapportImportDraft *draft, const char *label, const char *value, guint line, GPtrArray *problems);
void rapport_import_draft_add_tag (RapportImportDraft *draft, const char *tag);
void rapport_import_draft_add_note (RapportImportDraft *draft, const char *text);
void rapport_import_draft_add_url (RapportImportDraft *draft, const char *url, gboolean is_linkedin);
RapportImportCard *rapport_import_draft_finish (RapportImportDraft *draft, gboolean is_row, GPtrArray *problems);

void rapport_import_add_problem (GPtrArray *problems, guint line, const char *reason);
gboolean rapport_import_year_is_valid (gint64 year);

G_END_DECLS
