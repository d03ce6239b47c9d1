/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c: the CSV reader and writer on their own, then the contact
 * lists of LinkedIn (also as Excel saves it again, with semicolons),
 * Google Contacts (current and legacy headers) and Outlook as their sample
 * files in tests/data/import give them, rows that cannot become a contact,
 * and Rapport's own export read back. */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <string.h>

#include "rapport-csv.h"
#include "rapport-test-import.h"

/* Reads all of @text and returns its records as "a|b|c@line" lines. */
static char *
read_all (const char *text,
          gsize length)
{
  g_autoptr(RapportCsvReader) reader = rapport_csv_reader_new (text, length);
  GString *out = g_string_new (NULL);
  const char *const *fields;
  guint n_fields, line;

  while ((fields = rapport_csv_reader_next (reader, &n_fields, &line)) != NULL)
    {
      g_autofree char *joined = g_strjoinv ("|", (char **) fields);

      g_assert_cmpuint (g_strv_length ((char **) fields), ==, n_fields);
      g_string_append_printf (out, "%s@%u\n", joined, line);
    }
  return g_string_free (out, FALSE);
}

static void
test_reader (void)
{
  static const char text[] =
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "\"quoted, with comma\",\"doubled \"\"quotes\"\"\",\"two\r\nlines\"\r\n"
      "\n"
      "lf only,x\n"
      "cr only,y\r"
      "ragged\r\n"
      "\"after\" quote,,\r\n"
      "\"\"\r\n"
      "last,no newline";
  g_autofree char *records = read_all (text, sizeof text - 1);

  g_assert_cmpstr (records, ==,
                   "a|b|c@1\n"
                   "quoted, with comma|doubled \"quotes\"|two\nlines@2\n"
                   "@4\n"
                   "lf only|x@5\n"
                   "cr only|y@6\n"
                   "ragged@7\n"
                   "after quote||@8\n"
                   "@9\n"
                   "last|no newline@10\n");
}

/* A quote that never closes takes the rest of the text, without reading
 * past its end (the text is not NUL-terminated here). */
static void
test_reader_unterminated (void)
{
  char text[] = { 'a', ',', '"', 'b', '\n', 'c', ',', 'd' };
  g_autofree char *records = read_all (text, sizeof text);

  g_assert_cmpstr (records, ==, "a|b\nc,d@1\n");
}

static void
test_reader_separator (void)
{
  static const char text[] = "a;\"b;c\";d,e\n\tf";
  g_autoptr(RapportCsvReader) reader = rapport_csv_reader_new (text, sizeof text - 1);
  const char *const *fields;
  guint n_fields;

  rapport_csv_reader_set_separator (reader, ';');
  fields = rapport_csv_reader_next (reader, &n_fields, NULL);
  g_assert_cmpuint (n_fields, ==, 3);
  g_assert_cmpstr (fields[0], ==, "a");
  g_assert_cmpstr (fields[1], ==, "b;c");
  g_assert_cmpstr (fields[2], ==, "d,e");
  rapport_csv_reader_set_separator (reader, '\t');
  fields = rapport_csv_reader_next (reader, &n_fields, NULL);
  g_assert_cmpuint (n_fields, ==, 2);
  g_assert_cmpstr (fields[0], ==, "");
  g_assert_cmpstr (fields[1], ==, "f");
  g_assert_null (rapport_csv_reader_next (reader, NULL, NULL));
}

static void
test_writer (void)
{
  const char *fields[] = { "plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", "", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *records = NULL;

  rapport_csv_append_record (out, fields, 6);
  rapport_csv_append_record (out, fields, 1);
  g_assert_cmpstr (out->str, ==, "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\" padded \",\r\nplain\r\n");
  records = read_all (out->str, out->len);
  g_assert_cmpstr (records, ==, "plain|with, comma|with \"quote\"|two\nlines| padded |@1\nplain@3\n");
}

static GPtrArray *
parse_sample (const char *name,
              RapportCsvKind expected_kind,
              GPtrArray *problems)
{
  g_autoptr(GBytes) bytes = rapport_test_import_sample (name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  RapportCsvKind kind = RAPPORT_CSV_UNKNOWN;
  GPtrArray *cards;

  g_assert_cmpint (rapport_csv_sniff (data, length), ==, expected_kind);
  cards = rapport_csv_parse_contacts (data, length, &kind, problems);
  g_assert_cmpint (kind, ==, expected_kind);
  rapport_test_import_save_all (cards);
  return cards;
}

static void
test_linkedin (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("linkedin-connections.csv", RAPPORT_CSV_LINKEDIN, problems);
  const RapportTestCard aisha = {
    .display_name = "Aisha Bello",
    .given_name = "Aisha",
    .family_name = "Bello",
    .company = "Bello Consulting",
    .job_title = "Founder, CEO",
    .linkedin = "https://www.linkedin.com/in/aishabello",
    .notes = "Connected on LinkedIn on 12 March 2024.",
  };
  const RapportTestCard marc = {
    .display_name = "Marc Dubois",
    .given_name = "Marc",
    .family_name = "Dubois",
    .company = "Dubois \"Le Patron\" SARL",
    .job_title = "Owner",
    .linkedin = "https://www.linkedin.com/in/marcdubois",
    .emails = "other:marc.dubois@example.fr",
    .notes = "Connected on LinkedIn on 3 January 2023.",
  };
  const RapportTestCard sofia = {
    .display_name = "Sofia Rossi",
    .given_name = "Sofia",
    .family_name = "Rossi",
    .company = "Rossi & Co",
    .job_title = "Head of Partnerships\nEMEA",
    .linkedin = "https://www.linkedin.com/in/sofiarossi",
    .notes = "Connected on LinkedIn on 28 February 2022.",
  };
  const RapportTestCard kenji = {
    .display_name = "Kenji Watanabe",
    .given_name = "Kenji",
    .family_name = "Watanabe",
    .linkedin = "https://www.linkedin.com/in/kenjiwatanabe",
    .notes = "Connected on LinkedIn on 7 November 2020.",
  };

  g_assert_cmpuint (cards->len, ==, 4);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 5, &aisha);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 6, &marc);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 2), 7, &sofia);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 3), 10, &kenji);
  /* A member who hides their name from exports. */
  g_assert_cmpuint (problems->len, ==, 1);
  rapport_test_import_assert_problem (problems, 9, "nothing to call the person by");
}

/* The same file after Excel in French saved it again. */
static void
test_linkedin_excel (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("linkedin-connections-excel-fr.csv", RAPPORT_CSV_LINKEDIN, problems);
  const RapportTestCard elodie = {
    .display_name = "Élodie Garnier",
    .given_name = "Élodie",
    .family_name = "Garnier",
    .company = "Garnier & Fils",
    .job_title = "Gérante, associée",
    .linkedin = "https://www.linkedin.com/in/elodiegarnier",
    .emails = "other:elodie.garnier@example.fr",
    .notes = "Connected on LinkedIn on 5 September 2023.",
  };
  const RapportTestCard luc = {
    .display_name = "Luc Moreau",
    .given_name = "Luc",
    .family_name = "Moreau",
    .company = "Moreau; Conseil",
    .job_title = "Expert-comptable",
    .linkedin = "https://www.linkedin.com/in/lucmoreau",
    .notes = "Connected on LinkedIn on 21 January 2024.",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 2);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 5, &elodie);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 6, &luc);
}

static void
test_google (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("google-contacts.csv", RAPPORT_CSV_GOOGLE, problems);
  const RapportTestCard priya = {
    .display_name = "Priya Raman",
    .given_name = "Priya",
    .family_name = "Raman",
    .company = "Raman Law Group",
    .job_title = "Partner",
    .city = "San Francisco",
    .website = "https://ramanlaw.com",
    .linkedin = "https://www.linkedin.com/in/priyaraman",
    .emails = "work:priya@ramanlaw.com|personal:priya.r@example.com|personal:p.raman@example.net",
    .phones = "mobile:+1 415 555 0134|work:+1 415 555 0100",
    .tags = "Clients|Lawyers",
    .notes = "Met at the SF Bar lunch.\nFollow up about estate planning.",
    .starred = TRUE,
  };
  const RapportTestCard bakery = {
    .display_name = "Golden Gate Bakery",
    .company = "Golden Gate Bakery",
    .phones = "Main:(415) 555-0199",
  };

  g_assert_cmpuint (cards->len, ==, 2);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 2, &priya);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 5, &bakery);
  g_assert_cmpuint (problems->len, ==, 1);
  rapport_test_import_assert_problem (problems, 6, "nothing to call the person by");
}

static void
test_google_legacy (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("google-contacts-legacy.csv", RAPPORT_CSV_GOOGLE, problems);
  const RapportTestCard wei = {
    .display_name = "Wei Liu",
    .given_name = "Wei",
    .family_name = "Liu",
    .company = "GreenPack",
    .job_title = "Sales Manager",
    .city = "Shenzhen",
    .website = "https://greenpack.example.cn",
    .emails = "work:wei.liu@greenpack.example.cn|other:wei@example.com",
    .phones = "mobile:+86 138 0000 0000",
    .tags = "Vendors|Friends",
    .notes = "Supplier of \"eco\" packaging, very reliable.",
  };
  /* A short row, and the last line has no line end. */
  const RapportTestCard olga = {
    .display_name = "Olga Petrova",
    .given_name = "Olga",
    .family_name = "Petrova",
    .emails = "personal:olga.petrova@example.ru",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 2);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 2, &wei);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 3, &olga);
}

static void
test_outlook (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("outlook-contacts.csv", RAPPORT_CSV_OUTLOOK, problems);
  const RapportTestCard helene = {
    .display_name = "Hélène Lefèvre",
    .given_name = "Hélène",
    .family_name = "Lefèvre",
    .company = "Société Générale d'Études",
    .job_title = "Directrice financière",
    .city = "Paris",
    .website = "http://www.sgetudes.example.fr",
    .emails = "other:helene.lefevre@sgetudes.example.fr",
    .phones = "work:+33 1 40 00 00 00|mobile:+33 6 00 00 00 00",
    .tags = "Clients|Paris",
    .notes = "Rencontrée au déjeuner de la CCI – très intéressée.",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1 + 1, &helene);
}

/* A list from elsewhere, with column names Rapport guesses. */
static void
test_unknown_header (void)
{
  static const char text[] =
      "Full Name,E-mail,Phone,Company,Notes\n"
      "Ada Lovelace,ada@example.com,+44 20 0000 0000,Analytical Engines,\n"
      ",,+44 20 0000 0001,,No name\n"
      ",bad address,,,\n";
  static const char nothing[] = "Colour,Size\nred,L\n";
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) none = NULL;
  RapportCsvKind kind = RAPPORT_CSV_RAPPORT;
  const RapportTestCard ada = {
    .display_name = "Ada Lovelace",
    .company = "Analytical Engines",
    .emails = "other:ada@example.com",
    .phones = "other:+44 20 0000 0000",
  };

  g_assert_cmpint (rapport_csv_sniff (text, sizeof text - 1), ==, RAPPORT_CSV_UNKNOWN);
  cards = rapport_csv_parse_contacts (text, sizeof text - 1, &kind, problems);
  g_assert_cmpint (kind, ==, RAPPORT_CSV_UNKNOWN);
  g_assert_cmpuint (cards->len, ==, 1);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 2, &ada);
  g_assert_cmpuint (problems->len, ==, 3);
  rapport_test_import_assert_problem (problems, 3, "nothing to call the person by");
  rapport_test_import_assert_problem (problems, 4, "“bad address” is not an email address");
  rapport_test_import_assert_problem (problems, 4, "nothing to call the person by");

  g_ptr_array_set_size (problems, 0);
  none = rapport_csv_parse_contacts (nothing, sizeof nothing - 1, NULL, problems);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  rapport_test_import_assert_problem (problems, 1, "columns");
}

static void
test_round_trip (void)
{
  RapportContact *contacts[3];
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = NULL;
  RapportCsvKind kind = RAPPORT_CSV_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    contacts[i] = rapport_test_import_full_contact (i);
  text = rapport_csv_write_contacts (contacts, G_N_ELEMENTS (contacts));
  g_assert_true (g_str_has_prefix (text, "Name,First Name,Last Name,"));
  g_assert_cmpint (rapport_csv_sniff (text, strlen (text)), ==, RAPPORT_CSV_RAPPORT);

  cards = rapport_csv_parse_contacts (text, strlen (text), &kind, problems);
  g_assert_cmpint (kind, ==, RAPPORT_CSV_RAPPORT);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, G_N_ELEMENTS (contacts));
  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    {
      rapport_test_import_assert_same (rapport_test_import_card_at (cards, i)->contact, contacts[i]);
      g_object_unref (contacts[i]);
    }
  rapport_test_import_save_all (cards);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/csv/reader", test_reader);
  g_test_add_func ("/rapport/csv/reader-unterminated", test_reader_unterminated);
  g_test_add_func ("/rapport/csv/reader-separator", test_reader_separator);
  g_test_add_func ("/rapport/csv/writer", test_writer);
  g_test_add_func ("/rapport/csv/linkedin", test_linkedin);
  g_test_add_func ("/rapport/csv/linkedin-excel", test_linkedin_excel);
  g_test_add_func ("/rapport/csv/google", test_google);
  g_test_add_func ("/rapport/csv/google-legacy", test_google_legacy);
  g_test_add_func ("/rapport/csv/outlook", test_outlook);
  g_test_add_func ("/rapport/csv/unknown-header", test_unknown_header);
  g_test_add_func ("/rapport/csv/round-trip", test_round_trip);

  return g_test_run ();
}
