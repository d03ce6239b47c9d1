/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-import.h: what the vCard and CSV tests share: the sample
 * files, a contact compared field by field with what a sample should give,
 * and cards saved into a real store. */
#pragma once

#include "rapport-import-card.h"
#include "rapport-test-util.h"

G_BEGIN_DECLS

/* What one card should hold. NULL means "not filled in"; emails and
 * phones are "label:value" joined with '|', tags joined with '|'. */
typedef struct
{
  const char *display_name;
  const char *given_name;
  const char *family_name;
  const char *company;
  const char *job_title;
  const char *city;
  const char *website;
  const char *linkedin;
  const char *emails;
  const char *phones;
  const char *tags;
  const char *notes;
  gboolean starred;
} RapportTestCard;

GBytes *rapport_test_import_sample (const char *name);
GPtrArray *rapport_test_import_problems_new (void);
RapportImportCard *rapport_test_import_card_at (GPtrArray *cards, guint i);
void rapport_test_import_assert_card (RapportImportCard *card, guint line, const RapportTestCard *expected);
void rapport_test_import_assert_problem (GPtrArray *problems, guint line, const char *words);
void rapport_test_import_assert_same (RapportContact *a, RapportContact *b);
void rapport_test_import_save_all (GPtrArray *cards);
RapportContact *rapport_test_import_full_contact (guint variant);

G_END_DECLS
