/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.h: what both fuzzers check of every card a reader gives.
 *
 * Beyond "no crash, no undefined behaviour, no leak" (the sanitizers'
 * part), a card must be one the store would accept: valid UTF-8
 * everywhere, a name to call the person by, tags of at most 64
 * characters, email addresses and phone numbers that pass the store's
 * checks. A reader that hands over anything else would fail an import. */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-import-card.h"
#include "rapport-text.h"

#define FUZZ_CHECK(condition) \
  do                          \
    {                         \
      if (!(condition))       \
        abort ();             \
    }                         \
  while (0)

static inline void
fuzz_check_text (const char *text)
{
  if (text != NULL)
    FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
}

static inline void
fuzz_check_labeled (GPtrArray *values,
                    gboolean is_email)
{
  for (guint i = 0; i < values->len; i++)
    {
      RapportLabeled *labeled = g_ptr_array_index (values, i);

      fuzz_check_text (labeled->label);
      fuzz_check_text (labeled->value);
      FUZZ_CHECK (*labeled->label != '\0' && strlen (labeled->label) <= 1024);
      FUZZ_CHECK (*labeled->value != '\0' && strlen (labeled->value) <= 1024);
      if (is_email)
        FUZZ_CHECK (rapport_text_is_email_address (labeled->value));
      else
        FUZZ_CHECK (strpbrk (labeled->value, "0123456789") != NULL);
    }
}

static inline void
fuzz_check_cards (GPtrArray *cards,
                  GPtrArray *problems)
{
  for (guint i = 0; i < cards->len; i++)
    {
      RapportImportCard *card = g_ptr_array_index (cards, i);
      RapportContact *c = card->contact;
      const char *const *tags = rapport_contact_get_tags (c);
      const char *name = rapport_contact_get_display_name (c);

      FUZZ_CHECK (card->line >= 1);
      FUZZ_CHECK (name != NULL && !rapport_text_is_blank (name));
      FUZZ_CHECK (g_utf8_validate (name, -1, NULL));
      FUZZ_CHECK (g_utf8_strlen (name, -1) <= 500);
      fuzz_check_text (rapport_contact_get_given_name (c));
      fuzz_check_text (rapport_contact_get_family_name (c));
      fuzz_check_text (rapport_contact_get_company (c));
      fuzz_check_text (rapport_contact_get_job_title (c));
      fuzz_check_text (rapport_contact_get_industry (c));
      fuzz_check_text (rapport_contact_get_website (c));
      fuzz_check_text (rapport_contact_get_linkedin (c));
      fuzz_check_text (rapport_contact_get_city (c));
      fuzz_check_text (rapport_contact_get_help_them (c));
      fuzz_check_text (rapport_contact_get_help_me (c));
      fuzz_check_text (rapport_contact_get_notes (c));
      fuzz_check_text (card->photo_uri);
      FUZZ_CHECK (rapport_contact_get_met_on (c) == NULL || rapport_date_is_valid (rapport_contact_get_met_on (c)));
      FUZZ_CHECK (rapport_contact_get_cadence_days (c) >= 0 && rapport_contact_get_cadence_days (c) <= 3650);
      FUZZ_CHECK (rapport_contact_get_industry_since (c) == 0 || (rapport_contact_get_industry_since (c) >= 1900 && rapport_contact_get_industry_since (c) <= 2100));
      fuzz_check_labeled (rapport_contact_get_emails (c), TRUE);
      fuzz_check_labeled (rapport_contact_get_phones (c), FALSE);
      for (guint t = 0; tags[t] != NULL; t++)
        {
          FUZZ_CHECK (g_utf8_validate (tags[t], -1, NULL));
          FUZZ_CHECK (*tags[t] != '\0' && g_utf8_strlen (tags[t], -1) <= 64);
        }
      FUZZ_CHECK (card->photo == NULL || g_bytes_get_size (card->photo) > 0);
    }
  for (guint i = 0; i < problems->len; i++)
    {
      RapportImportProblem *problem = g_ptr_array_index (problems, i);

      FUZZ_CHECK (problem->line >= 1);
      FUZZ_CHECK (problem->reason != NULL && g_utf8_validate (problem->reason, -1, NULL));
    }
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* GLib's criticals and warnings (a g_return_if_fail() that failed) are
 * bugs too. Each target includes this header once, so the definition
 * lives here. */
int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}
