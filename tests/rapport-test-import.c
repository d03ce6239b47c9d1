/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-import.c: shared checks for the vCard and CSV readers.
 *
 * Every field of a card is compared, not only the ones a sample is about,
 * so that a reader that fills a field it should leave alone fails too. */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <string.h>

#include "rapport-test-import.h"

GBytes *
rapport_test_import_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

GPtrArray *
rapport_test_import_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_problem_free);
}

RapportImportCard *
rapport_test_import_card_at (GPtrArray *cards,
                             guint i)
{
  g_assert_cmpuint (i, <, cards->len);
  return g_ptr_array_index (cards, i);
}

static char *
join_labeled (GPtrArray *values)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      RapportLabeled *labeled = g_ptr_array_index (values, i);

      g_string_append_printf (out, "%s%s:%s", i ? "|" : "", labeled->label, labeled->value);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
join_tags (RapportContact *contact)
{
  const char *const *tags = rapport_contact_get_tags (contact);

  if (tags == NULL || tags[0] == NULL)
    return NULL;
  return g_strjoinv ("|", (char **) tags);
}

void
rapport_test_import_assert_card (RapportImportCard *card,
                                 guint line,
                                 const RapportTestCard *expected)
{
  RapportContact *c = card->contact;
  g_autofree char *emails = join_labeled (rapport_contact_get_emails (c));
  g_autofree char *phones = join_labeled (rapport_contact_get_phones (c));
  g_autofree char *tags = join_tags (c);

  g_assert_cmpuint (card->line, ==, line);
  g_assert_cmpint (rapport_contact_get_id (c), ==, 0);
  g_assert_cmpstr (rapport_contact_get_display_name (c), ==, expected->display_name);
  g_assert_cmpstr (rapport_contact_get_given_name (c), ==, expected->given_name);
  g_assert_cmpstr (rapport_contact_get_family_name (c), ==, expected->family_name);
  g_assert_cmpstr (rapport_contact_get_company (c), ==, expected->company);
  g_assert_cmpstr (rapport_contact_get_job_title (c), ==, expected->job_title);
  g_assert_cmpstr (rapport_contact_get_city (c), ==, expected->city);
  g_assert_cmpstr (rapport_contact_get_website (c), ==, expected->website);
  g_assert_cmpstr (rapport_contact_get_linkedin (c), ==, expected->linkedin);
  g_assert_cmpstr (emails, ==, expected->emails);
  g_assert_cmpstr (phones, ==, expected->phones);
  g_assert_cmpstr (tags, ==, expected->tags);
  g_assert_cmpstr (rapport_contact_get_notes (c), ==, expected->notes);
  g_assert_cmpint (rapport_contact_get_starred (c), ==, expected->starred);
  /* Nothing a file from another program says fills these. */
  g_assert_cmpstr (rapport_contact_get_industry (c), ==, NULL);
  g_assert_cmpint (rapport_contact_get_industry_since (c), ==, 0);
  g_assert_cmpint (rapport_contact_get_relationship (c), ==, RAPPORT_RELATIONSHIP_UNKNOWN);
  g_assert_cmpstr (rapport_contact_get_help_them (c), ==, NULL);
  g_assert_cmpstr (rapport_contact_get_help_me (c), ==, NULL);
  g_assert_cmpstr (rapport_contact_get_met_on (c), ==, NULL);
  g_assert_cmpint (rapport_contact_get_cadence_days (c), ==, 0);
}

/* A problem on @line whose reason contains @words. */
void
rapport_test_import_assert_problem (GPtrArray *problems,
                                    guint line,
                                    const char *words)
{
  for (guint i = 0; i < problems->len; i++)
    {
      RapportImportProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line == line && strstr (problem->reason, words) != NULL)
        return;
    }
  g_error ("no problem on line %u saying “%s”", line, words);
}

void
rapport_test_import_assert_same (RapportContact *a,
                                 RapportContact *b)
{
  g_autofree char *emails_a = join_labeled (rapport_contact_get_emails (a));
  g_autofree char *emails_b = join_labeled (rapport_contact_get_emails (b));
  g_autofree char *phones_a = join_labeled (rapport_contact_get_phones (a));
  g_autofree char *phones_b = join_labeled (rapport_contact_get_phones (b));
  g_autofree char *tags_a = join_tags (a);
  g_autofree char *tags_b = join_tags (b);

  g_assert_cmpstr (rapport_contact_get_display_name (a), ==, rapport_contact_get_display_name (b));
  g_assert_cmpstr (rapport_contact_get_given_name (a), ==, rapport_contact_get_given_name (b));
  g_assert_cmpstr (rapport_contact_get_family_name (a), ==, rapport_contact_get_family_name (b));
  g_assert_cmpstr (rapport_contact_get_company (a), ==, rapport_contact_get_company (b));
  g_assert_cmpstr (rapport_contact_get_job_title (a), ==, rapport_contact_get_job_title (b));
  g_assert_cmpstr (rapport_contact_get_industry (a), ==, rapport_contact_get_industry (b));
  g_assert_cmpint (rapport_contact_get_industry_since (a), ==, rapport_contact_get_industry_since (b));
  g_assert_cmpstr (rapport_contact_get_website (a), ==, rapport_contact_get_website (b));
  g_assert_cmpstr (rapport_contact_get_linkedin (a), ==, rapport_contact_get_linkedin (b));
  g_assert_cmpstr (rapport_contact_get_city (a), ==, rapport_contact_get_city (b));
  g_assert_cmpint (rapport_contact_get_relationship (a), ==, rapport_contact_get_relationship (b));
  g_assert_cmpstr (rapport_contact_get_help_them (a), ==, rapport_contact_get_help_them (b));
  g_assert_cmpstr (rapport_contact_get_help_me (a), ==, rapport_contact_get_help_me (b));
  g_assert_cmpstr (rapport_contact_get_notes (a), ==, rapport_contact_get_notes (b));
  g_assert_cmpstr (rapport_contact_get_met_on (a), ==, rapport_contact_get_met_on (b));
  g_assert_cmpint (rapport_contact_get_starred (a), ==, rapport_contact_get_starred (b));
  g_assert_cmpint (rapport_contact_get_cadence_days (a), ==, rapport_contact_get_cadence_days (b));
  g_assert_cmpstr (emails_a, ==, emails_b);
  g_assert_cmpstr (phones_a, ==, phones_b);
  g_assert_cmpstr (tags_a, ==, tags_b);
}

/* The store must take every card a reader gives: a reader that hands
 * over an address the store refuses would fail the whole import. */
void
rapport_test_import_save_all (GPtrArray *cards)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    {
      RapportImportCard *card = g_ptr_array_index (cards, i);
      g_autoptr(RapportContact) copy = rapport_contact_copy (card->contact);

      rapport_store_create_contact (store, copy, NULL, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  rapport_test_remove_tree (dir);
}

/* Contacts with every field filled, in the ways that trouble writers:
 * separators and escapes, line breaks, long text in several scripts (for
 * folding), labels Rapport knows and free ones. */
RapportContact *
rapport_test_import_full_contact (guint variant)
{
  RapportContact *c;
  const char *tags0[] = { "Clients", "Lyon, France", "a;b\\c", NULL };
  const char *tags1[] = { "Référents", NULL };

  switch (variant)
    {
    case 0:
      c = rapport_contact_new ("Camille Lefèvre");
      rapport_contact_set_given_name (c, "Camille");
      rapport_contact_set_family_name (c, "Lefèvre");
      rapport_contact_set_company (c, "Atelier Nord; Design, Lyon");
      rapport_contact_set_job_title (c, "Creative Director");
      rapport_contact_set_industry (c, "Design");
      rapport_contact_set_industry_since (c, 2009);
      rapport_contact_set_website (c, "https://ateliernord.fr");
      rapport_contact_set_linkedin (c, "https://www.linkedin.com/in/camillelefevre");
      rapport_contact_set_city (c, "Lyon");
      rapport_contact_set_relationship (c, RAPPORT_RELATIONSHIP_REFERRAL_PARTNER);
      rapport_contact_set_help_them (c, "Introduce her to accountants; she needs one, soon.");
      rapport_contact_set_help_me (c, "Knows every architect in Lyon \\ Villeurbanne.");
      rapport_contact_set_notes (c, "Met at Lyon Design Week.\nLikes espresso, not filter coffee.\n\n"
                                    "Ελληνικά, русский, 日本語のテキストで、行の折り返しが UTF-8 の文字の途中で起きないことを確かめる。"
                                    " A long line that goes on and on so that the writer has to fold it more than once.");
      rapport_contact_set_met_on (c, "2024-03-12");
      rapport_contact_set_starred (c, TRUE);
      rapport_contact_set_cadence_days (c, 90);
      rapport_contact_add_email (c, "work", "camille@ateliernord.fr");
      rapport_contact_add_email (c, "personal", "camille.lefevre@example.org");
      rapport_contact_add_email (c, "Assistant: Léa", "lea@ateliernord.fr");
      rapport_contact_add_phone (c, "mobile", "+33 6 12 34 56 78");
      rapport_contact_add_phone (c, "work", "+33 1 42 00 00 00");
      rapport_contact_add_phone (c, "home", "+33 4 78 00 00 00");
      rapport_contact_add_phone (c, "other", "+33 9 00 00 00 00");
      rapport_contact_add_phone (c, "Front desk", "(312) 555-0100");
      rapport_contact_set_tags (c, tags0);
      break;
    case 1:
      c = rapport_contact_new ("Daniel “Dan” O'Kafor");
      rapport_contact_set_company (c, "Okafor & Sons, \"Insurance\"");
      rapport_contact_add_email (c, "other", "dan@example.com");
      rapport_contact_set_tags (c, tags1);
      rapport_contact_set_relationship (c, RAPPORT_RELATIONSHIP_MENTOR);
      break;
    default:
      c = rapport_contact_new ("Boulangerie Martin");
      break;
    }
  return c;
}
