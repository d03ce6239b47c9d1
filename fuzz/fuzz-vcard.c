/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-vcard.c: libFuzzer target for the vCard reader. Every input is read
 * as a .vcf file and as the text the importer decodes it to; each card is
 * checked (fuzz-common.h), written back and read again, which must give
 * exactly that one card, with the same name and photo. */
#define G_LOG_DOMAIN "fuzz-vcard"

#include "config.h"

#include "fuzz-common.h"
#include "rapport-vcard.h"

static void
read_and_check (const char *data,
                gsize size)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_problem_free);
  g_autoptr(GPtrArray) cards = NULL;

  rapport_vcard_sniff (data, size);
  cards = rapport_vcard_parse (data, size, problems);
  fuzz_check_cards (cards, problems);

  for (guint i = 0; i < cards->len; i++)
    {
      RapportImportCard *card = g_ptr_array_index (cards, i);
      g_autoptr(GString) full = g_string_new (NULL);
      g_autofree char *shared = rapport_vcard_write_shared (card->contact);
      g_autoptr(GPtrArray) again_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_problem_free);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GPtrArray) again_shared = rapport_vcard_parse (shared, strlen (shared), again_problems);
      RapportImportCard *read;

      /* The photo, whatever its bytes, comes back as it went. */
      rapport_vcard_append_with_photo (full, card->contact, card->photo, "image/jpeg");
      again = rapport_vcard_parse (full->str, full->len, again_problems);
      FUZZ_CHECK (again->len == 1);
      read = g_ptr_array_index (again, 0);
      FUZZ_CHECK ((read->photo == NULL) == (card->photo == NULL));
      FUZZ_CHECK (card->photo == NULL || g_bytes_equal (read->photo, card->photo));
      FUZZ_CHECK (again_shared->len == 1);
      fuzz_check_cards (again, again_problems);
      FUZZ_CHECK (g_strcmp0 (rapport_contact_get_display_name (read->contact), rapport_contact_get_display_name (card->contact)) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  gsize text_size = 0;
  g_autofree char *text = rapport_import_to_utf8 ((const char *) data, size, &text_size);

  FUZZ_CHECK (strlen (text) == text_size);
  FUZZ_CHECK (g_utf8_validate (text, text_size, NULL));
  read_and_check ((const char *) data, size);
  read_and_check (text, text_size);
  return 0;
}
