/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-vcard.c: the vCard reader against files as phones, web services and
 * desktop programs export them (tests/data/import), the problems it
 * reports, the writer's folding and escaping, round trips, and an export
 * read by another program (python3-vobject). */
#define G_LOG_DOMAIN "test-vcard"

#include "config.h"

#include <string.h>

#include "rapport-test-import.h"
#include "rapport-vcard.h"

static void
assert_same_reading (GPtrArray *cards,
                     GPtrArray *problems,
                     GPtrArray *other_cards,
                     GPtrArray *other_problems)
{
  g_assert_cmpuint (cards->len, ==, other_cards->len);
  for (guint i = 0; i < cards->len; i++)
    {
      RapportImportCard *a = g_ptr_array_index (cards, i);
      RapportImportCard *b = g_ptr_array_index (other_cards, i);

      g_assert_cmpuint (a->line, ==, b->line);
      rapport_test_import_assert_same (a->contact, b->contact);
      g_assert_true ((a->photo == NULL) == (b->photo == NULL));
      g_assert_true (a->photo == NULL || g_bytes_equal (a->photo, b->photo));
      g_assert_cmpstr (a->photo_uri, ==, b->photo_uri);
    }
  g_assert_cmpuint (problems->len, ==, other_problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      RapportImportProblem *a = g_ptr_array_index (problems, i);
      RapportImportProblem *b = g_ptr_array_index (other_problems, i);

      g_assert_cmpuint (a->line, ==, b->line);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }
}

/* Whether the file's bytes or rapport_import_to_utf8()'s text is read
 * (the importer decodes first), the cards and problems are the same. */
static GPtrArray *
parse_sample (const char *name,
              GPtrArray *problems)
{
  g_autoptr(GBytes) bytes = rapport_test_import_sample (name);
  gsize length, text_length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *text = rapport_import_to_utf8 (data, length, &text_length);
  g_autoptr(GPtrArray) text_problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) text_cards = NULL;
  GPtrArray *cards;

  g_assert_true (rapport_vcard_sniff (data, length));
  g_assert_true (rapport_vcard_sniff (text, text_length));
  cards = rapport_vcard_parse (data, length, problems);
  text_cards = rapport_vcard_parse (text, text_length, text_problems);
  assert_same_reading (cards, problems, text_cards, text_problems);
  rapport_test_import_save_all (cards);
  return cards;
}

static void
assert_photo_is (RapportImportCard *card,
                 const char *sample)
{
  g_autoptr(GBytes) expected = rapport_test_import_sample (sample);

  g_assert_nonnull (card->photo);
  g_assert_true (g_bytes_equal (card->photo, expected));
  g_assert_null (card->photo_uri);
}

static void
test_iphone (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("iphone-contacts.vcf", problems);
  const RapportTestCard camille = {
    .display_name = "Camille Lefèvre",
    .given_name = "Camille",
    .family_name = "Lefèvre",
    .company = "Atelier Nord",
    .job_title = "Creative Director",
    .city = "Lyon",
    .website = "https://ateliernord.fr",
    .linkedin = "https://www.linkedin.com/in/camillelefevre",
    .emails = "work:camille@ateliernord.fr|personal:camille.lefevre@example.org",
    .phones = "mobile:+33 6 12 34 56 78|work:+33 1 42 00 00 00|Assistant:+33 1 42 00 00 01",
    .tags = "Design|Lyon",
    .notes = "Met at Lyon Design Week.\nAsked about a referral to a good accountant, ideally local.",
  };
  const RapportTestCard daniel = {
    .display_name = "Daniel Okafor",
    .given_name = "Daniel",
    .family_name = "Okafor",
    .company = "Okafor & Sons Insurance",
    .job_title = "Broker",
    .city = "Chicago",
    .linkedin = "https://www.linkedin.com/in/danielokafor",
    .emails = "other:daniel@okaforsons.com",
    .phones = "mobile:(312) 555-0187|Front desk:(312) 555-0100",
    .tags = "Referral partners",
  };
  const RapportTestCard bakery = {
    .display_name = "Boulangerie Martin",
    .company = "Boulangerie Martin",
    .phones = "work:+33 4 78 00 00 00",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 3);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &camille);
  assert_photo_is (rapport_test_import_card_at (cards, 0), "camille.jpg");
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 32, &daniel);
  g_assert_null (rapport_test_import_card_at (cards, 1)->photo);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 2), 51, &bakery);
}

static void
test_android (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("android-contacts-2.1.vcf", problems);
  const RapportTestCard juergen = {
    .display_name = "Jürgen Müller",
    .given_name = "Jürgen",
    .family_name = "Müller",
    .company = "Bäckerei Müller",
    .job_title = "Inhaber",
    .emails = "personal:juergen@example.de",
    .phones = "mobile:+49 170 1234567|work:+49 30 1234567",
    .notes = "Trifft man jeden Dienstag beim Frühstück der Handwerkskammer.\nMöchte eine neue Website.",
  };
  const RapportTestCard francois = {
    .display_name = "François Dupré",
    .given_name = "François",
    .family_name = "Dupré",
    .emails = "work:dupre@example.fr",
    .phones = "home:+33 4 91 00 00 00",
  };

  g_assert_cmpuint (cards->len, ==, 2);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &juergen);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 14, &francois);
  assert_photo_is (rapport_test_import_card_at (cards, 1), "camille.jpg");
  /* The phone-only card. */
  g_assert_cmpuint (problems->len, ==, 1);
  rapport_test_import_assert_problem (problems, 25, "nothing to call the person by");
}

static void
test_google (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("google-contacts.vcf", problems);
  const RapportTestCard priya = {
    .display_name = "Priya Raman",
    .given_name = "Priya",
    .family_name = "Raman",
    .company = "Raman Law Group",
    .job_title = "Partner",
    .city = "San Francisco",
    .website = "https://ramanlaw.com",
    .linkedin = "https://www.linkedin.com/in/priyaraman",
    .emails = "work:priya@ramanlaw.com|other:priya.raman@example.com",
    .phones = "mobile:+1 415 555 0134|work:+1 415 555 0100",
    .tags = "Clients",
    .notes = "Referral from Dana at the SF Bar lunch.",
    .starred = TRUE,
  };
  /* No name and no company: the email address is all there is. */
  const RapportTestCard bakery = {
    .display_name = "orders@goldengatebakery.example",
    .emails = "personal:orders@goldengatebakery.example",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 2);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &priya);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 18, &bakery);
}

static void
test_gnome_contacts (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("gnome-contacts.vcf", problems);
  const RapportTestCard tomas = {
    .display_name = "Tomás Ortega",
    .given_name = "Tomás",
    .family_name = "Ortega",
    .company = "Ortega Arquitectos",
    .job_title = "Architect",
    .city = "Madrid",
    .website = "https://ortega-arquitectos.es",
    .emails = "work:tomas@ortega-arquitectos.es|personal:tomas.ortega@example.es",
    .phones = "mobile:+34 600 123 456|home:+34 91 123 45 67|other:+34 91 123 45 68",
    .tags = "Architects|Madrid",
    /* Folded twice, once inside the ñ. */
    .notes = "Wants an introduction to a structural engineer, ideally in Madrid. "
             "Speaks English and Spanish; prefers calls in the morning. Años de experiencia.",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &tomas);
}

static void
test_outlook (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("outlook-contacts.vcf", problems);
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
    .notes = "Rencontrée au déjeuner de la CCI – très intéressée par nos services.",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &helene);
}

static void
test_utf16 (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("utf16le-contacts.vcf", problems);
  const RapportTestCard mai = {
    .display_name = "Nguyễn Thị Mai",
    .given_name = "Mai",
    .family_name = "Nguyễn",
    .company = "Phở Hà Nội",
    .emails = "work:mai@phohanoi.example.vn",
    .phones = "mobile:+84 90 123 4567",
    .notes = "Caters for events 🍜 up to 200 people.",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &mai);
}

static void
test_vcard4 (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("vcard4-categories-photo.vcf", problems);
  const RapportTestCard ana = {
    .display_name = "Ana María Gómez",
    .given_name = "Ana María",
    .family_name = "Gómez",
    .company = "Gómez Asesores",
    .job_title = "Tax Advisor",
    .city = "Ciudad de México",
    .website = "https://gomez-asesores.mx",
    .emails = "work:ana@gomez-asesores.mx",
    .phones = "mobile:+52-55-5555-0101",
    /* Trimmed, and "Accountants" is "accountants" again. */
    .tags = "accountants|Mexico City|Tax, VAT",
    .notes = "Escaped, comma; semicolon\\ backslash\nsecond line",
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &ana);
  assert_photo_is (rapport_test_import_card_at (cards, 0), "gomez.png");
}

static void
test_problems (void)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = parse_sample ("vcard-problems.vcf", problems);
  const RapportTestCard grace = {
    .display_name = "Grace Hopper",
    .emails = "work:grace@example.com",
  };
  const RapportTestCard email_only = {
    .display_name = "only.email@example.com",
    .emails = "other:only.email@example.com",
  };

  g_assert_cmpuint (cards->len, ==, 2);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 7, &grace);
  g_assert_null (rapport_test_import_card_at (cards, 0)->photo);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 1), 20, &email_only);

  g_assert_cmpuint (problems->len, ==, 6);
  rapport_test_import_assert_problem (problems, 2, "nothing to call the person by");
  rapport_test_import_assert_problem (problems, 10, "“not-an-email” is not an email address");
  rapport_test_import_assert_problem (problems, 12, "“n/a” is not a phone number");
  rapport_test_import_assert_problem (problems, 13, "photo");
  rapport_test_import_assert_problem (problems, 17, "END:VCARD");
  rapport_test_import_assert_problem (problems, 24, "END:VCARD");
}

/* Odd but valid ways of writing the same thing. */
static void
test_quirks (void)
{
  static const char text[] =
      "begin:vcard\n"
      "version:2.1\n"
      "n:Doe;Jane\n"
      "tel;work;fax:+1 555 0101\n"
      "tel;type=work;type=cell:+1 555 0102\n"
      "EMAIL;TYPE=\"work,pref\":jane@example.com\n"
      "NOTE;QUOTED-PRINTABLE:caf=C3=A9=\n"
      "=20cr=C3=A8me\n"
      "PHOTO;VALUE=uri:https://example.com/jane.jpg\n"
      "CATEGORIES:a,b,,  ,A\n"
      "CATEGORIES:c\n"
      "URL:https://example.com\n"
      "URL:https://example.org\n"
      "ORG:;Unit\n"
      "ADR:Only one part\n"
      "X-RAPPORT-CADENCE-DAYS:99999\n"
      "X-RAPPORT-MET-ON:yesterday\n"
      "end:vcard";
  const RapportTestCard jane = {
    .display_name = "Jane Doe",
    .given_name = "Jane",
    .family_name = "Doe",
    .website = "https://example.com",
    .emails = "work:jane@example.com",
    .phones = "work:+1 555 0101|mobile:+1 555 0102",
    .tags = "a|b|c",
    .notes = "café crème",
  };
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = rapport_vcard_parse (text, strlen (text), problems);

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  rapport_test_import_assert_card (rapport_test_import_card_at (cards, 0), 1, &jane);
  g_assert_cmpstr (rapport_test_import_card_at (cards, 0)->photo_uri, ==, "https://example.com/jane.jpg");
  g_assert_null (rapport_test_import_card_at (cards, 0)->photo);
}

/* Values the store would refuse, and with them the whole card: a reader
 * leaves them out, or shortens them, and says so. */
static void
test_store_limits (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Values\r\n");
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *long_label = g_strnfill (100, 'l');
  RapportContact *contact;
  RapportLabeled *phone;

  g_string_append (text, "EMAIL:");
  for (guint i = 0; i < 1100; i++)
    g_string_append_c (text, 'a');
  g_string_append (text, "@example.com\r\n");
  g_string_append_printf (text, "item1.TEL:+1 555 0100\r\nitem1.X-ABLabel:%s\r\n", long_label);
  g_string_append (text, "CATEGORIES:");
  for (guint i = 0; i < 70; i++)
    g_string_append (text, "é");
  g_string_append (text, "\r\nX-RAPPORT-INDUSTRY-SINCE:2999\r\nX-RAPPORT-CADENCE-DAYS:-5\r\nEND:VCARD\r\n");

  cards = rapport_vcard_parse (text->str, text->len, problems);
  g_assert_cmpuint (cards->len, ==, 1);
  contact = rapport_test_import_card_at (cards, 0)->contact;
  g_assert_cmpuint (rapport_contact_get_emails (contact)->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  rapport_test_import_assert_problem (problems, 4, "“aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is too long to be an email address");
  phone = g_ptr_array_index (rapport_contact_get_phones (contact), 0);
  g_assert_cmpint (g_utf8_strlen (phone->label, -1), ==, 64);
  g_assert_cmpint (g_utf8_strlen (rapport_contact_get_tags (contact)[0], -1), ==, 64);
  g_assert_cmpint (rapport_contact_get_industry_since (contact), ==, 0);
  g_assert_cmpint (rapport_contact_get_cadence_days (contact), ==, 0);
  rapport_test_import_save_all (cards);
}

static void
test_sniff (void)
{
  static const char utf16be[] = "\xFE\xFF\0B\0E\0G\0I\0N\0:\0V\0C\0A\0R\0D";

  g_assert_true (rapport_vcard_sniff ("BEGIN:VCARD\r\n", 13));
  g_assert_true (rapport_vcard_sniff ("\xEF\xBB\xBF\r\n  begin:vcard", 19));
  g_assert_true (rapport_vcard_sniff (utf16be, sizeof utf16be - 1));
  g_assert_false (rapport_vcard_sniff ("First Name,Last Name\r\n", 22));
  g_assert_false (rapport_vcard_sniff ("", 0));
  g_assert_false (rapport_vcard_sniff ("BEGIN:VCALENDAR", 15));
}

/* Every line at most 75 octets plus CRLF, each physical line valid UTF-8
 * (so no fold cuts a character), nothing but CRLF line ends. */
static void
assert_well_folded (const char *text)
{
  const char *line = text;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  while (*line)
    {
      const char *end = strstr (line, "\r\n");

      g_assert_nonnull (end);
      g_assert_cmpint (end - line, <=, 75);
      g_assert_null (memchr (line, '\n', end - line));
      g_assert_null (memchr (line, '\r', end - line));
      g_assert_true (g_utf8_validate (line, end - line, NULL));
      line = end + 2;
    }
}

static void
test_write (void)
{
  g_autoptr(RapportContact) contact = rapport_test_import_full_contact (0);
  g_autofree char *text = rapport_vcard_write (contact);

  assert_well_folded (text);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCARD\r\n"));
  g_assert_nonnull (strstr (text, "\r\nFN:Camille Lefèvre\r\n"));
  g_assert_nonnull (strstr (text, "\r\nN:Lefèvre;Camille;;;\r\n"));
  g_assert_nonnull (strstr (text, "\r\nORG:Atelier Nord\\; Design\\, Lyon\r\n"));
  g_assert_nonnull (strstr (text, "\r\nEMAIL;TYPE=work:camille@ateliernord.fr\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTEL;TYPE=cell:+33 6 12 34 56 78\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCATEGORIES:Clients,Lyon\\, France,a\\;b\\\\c\r\n"));
  g_assert_nonnull (strstr (text, "\r\nX-RAPPORT-RELATIONSHIP:referral-partner\r\n"));
  g_assert_nonnull (strstr (text, "\r\nX-RAPPORT-STARRED:1\r\n"));
  g_assert_nonnull (strstr (text, "\r\nADR:;;;Lyon;;;\r\n"));
}

static void
test_write_shared (void)
{
  g_autoptr(RapportContact) contact = rapport_test_import_full_contact (0);
  g_autofree char *text = rapport_vcard_write_shared (contact);
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = rapport_vcard_parse (text, strlen (text), problems);
  RapportContact *read;

  assert_well_folded (text);
  g_assert_null (strstr (text, "NOTE"));
  g_assert_null (strstr (text, "CATEGORIES"));
  g_assert_null (strstr (text, "X-RAPPORT"));
  g_assert_null (strstr (text, "espresso"));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  read = rapport_test_import_card_at (cards, 0)->contact;
  g_assert_cmpstr (rapport_contact_get_display_name (read), ==, "Camille Lefèvre");
  g_assert_cmpstr (rapport_contact_get_company (read), ==, "Atelier Nord; Design, Lyon");
  g_assert_cmpstr (rapport_contact_get_job_title (read), ==, "Creative Director");
  g_assert_cmpstr (rapport_contact_get_linkedin (read), ==, "https://www.linkedin.com/in/camillelefevre");
  g_assert_cmpstr (rapport_contact_get_website (read), ==, "https://ateliernord.fr");
  g_assert_cmpstr (rapport_contact_get_city (read), ==, "Lyon");
  g_assert_cmpuint (rapport_contact_get_emails (read)->len, ==, 3);
  g_assert_cmpuint (rapport_contact_get_phones (read)->len, ==, 5);
  g_assert_null (rapport_contact_get_notes (read));
  g_assert_null (rapport_contact_get_help_them (read));
  g_assert_null (rapport_contact_get_met_on (read));
  g_assert_false (rapport_contact_get_starred (read));
  g_assert_cmpint (rapport_contact_get_relationship (read), ==, RAPPORT_RELATIONSHIP_UNKNOWN);
  g_assert_null (rapport_contact_get_tags (read)[0]);
}

static void
test_round_trip (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GBytes) photo = rapport_test_import_sample ("camille.jpg");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportContact) contact = rapport_test_import_full_contact (i);

      if (i == 0)
        rapport_vcard_append_with_photo (text, contact, photo, NULL);
      else
        rapport_vcard_append (text, contact);
    }
  assert_well_folded (text->str);
  g_assert_nonnull (strstr (text->str, "\r\nPHOTO:data:image/jpeg;base64,/9j/"));
  cards = rapport_vcard_parse (text->str, text->len, problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportContact) contact = rapport_test_import_full_contact (i);

      rapport_test_import_assert_same (rapport_test_import_card_at (cards, i)->contact, contact);
      g_assert_null (rapport_test_import_card_at (cards, i)->photo_uri);
    }
  assert_photo_is (rapport_test_import_card_at (cards, 0), "camille.jpg");
  g_assert_null (rapport_test_import_card_at (cards, 1)->photo);
  rapport_test_import_save_all (cards);
}

/* Another program reads the export: python3-vobject, as a stand-in for
 * the address books that import Rapport's cards. It knows vCard 3.0 and
 * takes a 4.0 data: URI only up to its comma, so the photo is only seen
 * to be there. */
static void
test_vobject_reads_export (void)
{
  static const char script[] =
      "import sys, vobject\n"
      "for card in vobject.readComponents(open(sys.argv[1], encoding='utf-8').read()):\n"
      "    emails = [e.value for e in card.contents.get('email', [])]\n"
      "    n = card.n.value\n"
      "    photo = 'photo' if card.contents.get('photo') else ''\n"
      "    print(card.fn.value + '|' + n.given + '|' + n.family + '|' + ','.join(emails) + '|' + photo)\n";
  g_autoptr(GBytes) photo = rapport_test_import_sample ("camille.jpg");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "export.vcf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  int status = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportContact) contact = rapport_test_import_full_contact (i);

      rapport_vcard_append_with_photo (text, contact, i == 0 ? photo : NULL, NULL);
    }
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3-vobject could not read the export: %s", err);
  g_assert_cmpstr (out, ==,
                   "Camille Lefèvre|Camille|Lefèvre|camille@ateliernord.fr,camille.lefevre@example.org,lea@ateliernord.fr"
                   "|photo\n"
                   "Daniel “Dan” O'Kafor|||dan@example.com|\n"
                   "Boulangerie Martin||||\n");
  rapport_test_remove_tree (dir);
}

/* Reads @text in one piece and in 2 to 9, and compares. */
static void
assert_same_in_pieces (const char *text,
                       gsize length,
                       guint min_cards,
                       guint min_problems)
{
  g_autoptr(GPtrArray) problems = rapport_test_import_problems_new ();
  g_autoptr(GPtrArray) cards = rapport_vcard_parse_in_pieces (text, length, 1, problems);

  g_assert_cmpuint (cards->len, >=, min_cards);
  g_assert_cmpuint (problems->len, >=, min_problems);
  for (guint n = 2; n <= 9; n++)
    {
      g_autoptr(GPtrArray) piece_problems = rapport_test_import_problems_new ();
      g_autoptr(GPtrArray) piece_cards = rapport_vcard_parse_in_pieces (text, length, n, piece_problems);

      assert_same_reading (cards, problems, piece_cards, piece_problems);
    }
}

/* A large file is read in pieces at once; the pieces start between
 * cards, and nothing read differs from reading it front to back: the
 * sample files one after the other, some of them ending in the middle of
 * a card, with text between them and every kind of line end. */
static void
test_pieces (void)
{
  static const char *const samples[] = {
    "iphone-contacts.vcf",
    "android-contacts-2.1.vcf",
    "google-contacts.vcf",
    "gnome-contacts.vcf",
    "outlook-contacts.vcf",
    "vcard4-categories-photo.vcf",
    "vcard-problems.vcf",
    "utf16le-contacts.vcf",
  };
  static const char *const between[] = {
    "",
    "\r\n",
    "\n\n",
    "not a card\n",
    "END:VCARD\n",
    /* Folded, this END:VCARD is no end: the card goes on. */
    "BEGIN:VCARD\r\nFN:Folded End\r\nEND:VCARD\r\n X-JUNK:1\r\n",
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GBytes) bytes = rapport_test_import_sample (samples[i % G_N_ELEMENTS (samples)]);
      gsize length, text_length;
      const char *data = g_bytes_get_data (bytes, &length);
      g_autofree char *sample = rapport_import_to_utf8 (data, length, &text_length);
      g_auto(GStrv) lines = g_strsplit (sample, "\n", -1);

      /* Line ends of the sample, as they are or all CRLF or all LF. */
      for (guint k = 0; lines[k] != NULL; k++)
        {
          g_string_append (text, lines[k]);
          if (lines[k + 1] == NULL)
            break;
          if (i % 3 == 1 && !g_str_has_suffix (lines[k], "\r"))
            g_string_append_c (text, '\r');
          if (i % 3 == 2 && g_str_has_suffix (lines[k], "\r"))
            g_string_truncate (text, text->len - 1);
          g_string_append_c (text, '\n');
        }
      g_string_append (text, between[i % G_N_ELEMENTS (between)]);
    }

  assert_same_in_pieces (text->str, text->len, 100, 20);

  /* Half the END:VCARD lines are folded, and the pieces must not start
   * after those. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text,
                            "BEGIN:VCARD\r\nFN:Ends %u\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nFN:Goes on %u\r\nEND:VCARD\r\n X-JUNK:1\r\n",
                            i, i);
  assert_same_in_pieces (text->str, text->len, 2000, 1999);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/vcard/iphone", test_iphone);
  g_test_add_func ("/rapport/vcard/android", test_android);
  g_test_add_func ("/rapport/vcard/google", test_google);
  g_test_add_func ("/rapport/vcard/gnome-contacts", test_gnome_contacts);
  g_test_add_func ("/rapport/vcard/outlook", test_outlook);
  g_test_add_func ("/rapport/vcard/utf16", test_utf16);
  g_test_add_func ("/rapport/vcard/vcard4", test_vcard4);
  g_test_add_func ("/rapport/vcard/problems", test_problems);
  g_test_add_func ("/rapport/vcard/pieces", test_pieces);
  g_test_add_func ("/rapport/vcard/quirks", test_quirks);
  g_test_add_func ("/rapport/vcard/store-limits", test_store_limits);
  g_test_add_func ("/rapport/vcard/sniff", test_sniff);
  g_test_add_func ("/rapport/vcard/write", test_write);
  g_test_add_func ("/rapport/vcard/write-shared", test_write_shared);
  g_test_add_func ("/rapport/vcard/round-trip", test_round_trip);
  g_test_add_func ("/rapport/vcard/vobject", test_vobject_reads_export);

  return g_test_run ();
}
