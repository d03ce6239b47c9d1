/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-import-card.h: what a file reader hands the importer: the cards
 * it found and the lines it had to skip. */
#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

/**
 * RapportImportCard:
 * @contact: the card as a new contact (id 0), without a source tag
 * @photo: (nullable): the picture of an inline PHOTO, as the file's bytes
 * @photo_uri: (nullable): the address of a PHOTO given as a URI
 * @line: the line of the file the card starts on, counting from 1
 *
 * One card found in a file, ready for the importer. The vCard and CSV
 * readers both give these.
 */
typedef struct
{
  RapportContact *contact;
  GBytes *photo;
  char *photo_uri;
  guint line;
} RapportImportCard;

/**
 * RapportImportProblem:
 * @line: the line of the file the problem is on, counting from 1
 * @reason: what is wrong, in plain words, to show as it is
 *
 * A card or line that was skipped, and why.
 */
typedef struct
{
  guint line;
  char *reason;
} RapportImportProblem;

RapportImportCard *rapport_import_card_new (RapportContact *contact, guint line);
void rapport_import_card_free (RapportImportCard *card);
RapportImportProblem *rapport_import_problem_new (guint line, const char *reason);
void rapport_import_problem_free (RapportImportProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportImportCard, rapport_import_card_free)

char *rapport_import_to_utf8 (const char *data, gsize length, gsize *out_length);

G_END_DECLS
