/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: folding, search-query building, initials, JSON quoting and
 * calendar dates. The FTS5 query builder is also run against a real store,
 * since "never produces a failing MATCH" is only true if SQLite agrees. */
#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include <string.h>

#include "rapport-error.h"
#include "rapport-test-util.h"
#include "rapport-text.h"

static void
assert_fold (const char *input,
             const char *expected)
{
  g_autofree char *folded = rapport_text_fold (input);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold_case_and_accents (void)
{
  assert_fold ("ÉSTA", "esta");
  assert_fold ("Ésta", "esta");
  assert_fold ("esta", "esta");
  assert_fold ("José Álvarez", "jose alvarez");
  assert_fold ("MÜLLER", "muller");
  assert_fold ("Ångström", "angstrom");
  assert_fold ("Çağrı Öztürk", "cagrı ozturk");
  assert_fold ("Straße", "strasse");
  /* Compatibility forms fold to their plain letters. */
  assert_fold ("ﬁle", "file");
  /* Already decomposed input folds the same as precomposed input. */
  assert_fold ("Jose\xcc\x81", "jose");
  /* Scripts without case or accents are left alone. */
  assert_fold ("محمد", "محمد");
  assert_fold ("山田", "山田");
  assert_fold ("", "");
}

static void
test_fold_null_and_invalid (void)
{
  g_autofree char *folded = NULL;

  assert_fold (NULL, "");

  folded = rapport_text_fold ("ABC\xff\xfe"
                              "DÉF");
  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_true (g_str_has_prefix (folded, "abc"));
  g_assert_true (g_str_has_suffix (folded, "def"));
}

/* Folding as it was done over the whole text at once, before ASCII was
 * taken apart: the result must not depend on that. */
static char *
fold_whole (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autofree char *folded = NULL;
  GString *out;

  if (normalized == NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      normalized = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
    }
  folded = g_utf8_casefold (normalized, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t != G_UNICODE_NON_SPACING_MARK && t != G_UNICODE_SPACING_MARK && t != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
test_fold_mixed_text (void)
{
  /* ASCII beside letters that decompose to ASCII, combining marks
   * before and after it, special case folds, and broken bytes. */
  static const char *const pieces[] = {
    "a",
    "Z",
    " ",
    "-",
    "1",
    "\xc3\xa9",
    "\xc3\x89",
    "\xcc\x81",
    "\xcc\x96",
    "\xc3\x9f",
    "\xef\xac\x81",
    "\xef\xbc\xa1",
    "\xe2\x84\xaa",
    "\xc4\xb0",
    "\xce\xa3",
    "\xe1\xbe\xb3",
    "\xc7\x85",
    "\xe5\xb1\xb1",
    "\xea\xb0\x80",
    "\xff",
    "\xc3",
    "\xe2\x80",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);
      g_autofree char *folded = NULL;
      g_autofree char *expected = NULL;

      for (guint k = 0; k < n; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      folded = rapport_text_fold (text->str);
      expected = fold_whole (text->str);
      g_assert_cmpstr (folded, ==, expected);
    }
}

static void
assert_fts (const char *input,
            const char *expected)
{
  g_autofree char *query = rapport_text_fts_query (input);

  g_assert_cmpstr (query, ==, expected);
}

static void
test_fts_words (void)
{
  assert_fts ("jo", "\"jo\"*");
  assert_fts ("jo sm", "\"jo\"* \"sm\"*");
  assert_fts ("  John   Smith  ", "\"John\"* \"Smith\"*");
  assert_fts ("José", "\"José\"*");
  assert_fts ("O'Brien", "\"O\"* \"Brien\"*");
  assert_fts ("jean-luc", "\"jean\"* \"luc\"*");
  assert_fts ("r2d2", "\"r2d2\"*");
  assert_fts ("山田 太郎", "\"山田\"* \"太郎\"*");
}

static void
test_fts_operators (void)
{
  /* FTS5 keywords become plain words, quoted like any other. */
  assert_fts ("AND", "\"AND\"*");
  assert_fts ("a OR b", "\"a\"* \"OR\"* \"b\"*");
  assert_fts ("NOT x", "\"NOT\"* \"x\"*");
  assert_fts ("NEAR(a b, 3)", "\"NEAR\"* \"a\"* \"b\"* \"3\"*");
  assert_fts ("-foo", "\"foo\"*");
  assert_fts ("foo*", "\"foo\"*");
  assert_fts ("\"foo", "\"foo\"*");
  assert_fts ("foo\"bar", "\"foo\"* \"bar\"*");
  assert_fts ("(foo)", "\"foo\"*");
  assert_fts ("name:foo", "\"name\"* \"foo\"*");
  assert_fts ("^foo", "\"foo\"*");
  assert_fts ("{display_name company}: x", "\"display\"* \"name\"* \"company\"* \"x\"*");
}

static void
test_fts_no_words (void)
{
  const char *const inputs[] = {
    NULL,
    "",
    "   ",
    "\t\n",
    "\"",
    "\"\"",
    "*",
    "**",
    "()",
    "(",
    ")",
    "-",
    "--",
    "+",
    "^",
    ":",
    "\"*\"",
    "😀",
    "😀 🎉",
    "…",
    "·",
    "@#$%&",
    "\xff\xfe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *query = rapport_text_fts_query (inputs[i]);

      if (query != NULL)
        g_error ("“%s” gave the query “%s” instead of none", inputs[i], query);
    }
}

static const char *const nasty_inputs[] = {
  "AND",
  "OR",
  "NOT",
  "NEAR",
  "and",
  "a AND",
  "AND b",
  "a OR",
  "NOT NOT",
  "NEAR(",
  "NEAR(a",
  "NEAR(a b",
  "NEAR(a b, x)",
  "NEAR/3",
  "\"",
  "\"a",
  "a\"",
  "\"\"\"",
  "*",
  "a*",
  "*a",
  "a**",
  "(",
  ")",
  "(a",
  "a)",
  "((a))",
  "-",
  "-a",
  "a-",
  "a - b",
  "+",
  "+a",
  "^",
  "^a",
  ":",
  "a:",
  ":a",
  "display_name:x",
  "{display_name}:x",
  "{",
  "}",
  "[",
  "]",
  "'",
  "''",
  "a'b",
  "\\",
  "\\\"",
  "%",
  "_",
  ";",
  "a; DROP TABLE contacts; --",
  "' OR 1=1 --",
  "😀",
  "a😀b",
  "José",
  "MÜLLER",
  "山田",
  "مرحبا",
  "שלום",
  "\xe2\x80\x8f",
  "\xc2\xa0",
  "x\xcc\x81",
  "\xff",
  "a\xff"
  "b",
  "²",
  "½",
  "Ⅻ",
  "𞤀",
  "ǅ",
  "",
};

/* Runs every query both through the store's search and as a raw MATCH on
 * the index, so that a failure names the query SQLite rejected. */
static void
assert_search_ok (RapportStore *store,
                  const char *input)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *match = rapport_text_fts_query (input);
  RapportContactQuery query = { .search = input, .relationship = -1 };

  if (match != NULL)
    {
      sqlite3 *db = rapport_store_get_db (store);
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?",
                                           -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        g_error ("MATCH %s (from “%s”) failed: %s", match, input, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }

  if (!rapport_store_query_contact_ids (store, &query, ids, &error))
    g_error ("Searching “%s” failed: %s", input, error->message);
  g_assert_no_error (error);
}

static void
test_fts_through_store (RapportTestStore *fixture,
                        gconstpointer data)
{
  g_autoptr(RapportContact) john = rapport_test_add_contact (fixture->store, "John AND Smith");
  g_autoptr(RapportContact) near = rapport_test_add_contact (fixture->store, "Near \"Quoted\" (Person)");
  g_autoptr(GArray) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (nasty_inputs); i++)
    assert_search_ok (fixture->store, nasty_inputs[i]);

  /* The words still search as words: the keyword AND is a prefix term. */
  ids = rapport_test_search (fixture->store, "and smi", FALSE);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, rapport_contact_get_id (john));
  g_clear_pointer (&ids, g_array_unref);

  ids = rapport_test_search (fixture->store, "\"quoted\" (pers", FALSE);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, rapport_contact_get_id (near));
  g_clear_pointer (&ids, g_array_unref);

  /* Input without a word lists everybody rather than nobody. */
  ids = rapport_test_search (fixture->store, "\"*()", FALSE);
  g_assert_cmpuint (ids->len, ==, 2);
}

static void
test_fts_fuzz (RapportTestStore *fixture,
               gconstpointer data)
{
  static const char *const pieces[] = {
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    ",",
    "\"",
    "*",
    "(",
    ")",
    "-",
    "+",
    "^",
    ":",
    "{",
    "}",
    " ",
    " ",
    " ",
    "a",
    "jo",
    "é",
    "😀",
    "'",
    "\\",
    "\xff",
    "display_name",
    "x\xcc\x81",
    "山",
    "0",
    "\t",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(RapportContact) contact = rapport_test_add_contact (fixture->store, "Jo Anderson");
  GRegex *shape = g_regex_new ("^\"[^\"]+\"\\*( \"[^\"]+\"\\*)*$", 0, 0, NULL);

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GString) input = g_string_new (NULL);
      g_autofree char *match = NULL;
      guint n = g_rand_int_range (rand, 1, 9);

      for (guint j = 0; j < n; j++)
        g_string_append (input, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      match = rapport_text_fts_query (input->str);
      if (match != NULL && !g_regex_match (shape, match, 0, NULL))
        g_error ("“%s” gave the malformed query “%s”", input->str, match);
      assert_search_ok (fixture->store, input->str);
    }
  g_regex_unref (shape);
}

static void
assert_initials (const char *name,
                 const char *expected)
{
  g_autofree char *initials = rapport_text_initials (name);

  g_assert_cmpstr (initials, ==, expected);
}

static void
test_initials (void)
{
  assert_initials ("john smith", "JS");
  assert_initials ("John Ronald Reuel Tolkien", "JR");
  assert_initials ("  ann  ", "A");
  assert_initials ("élodie roy", "ÉR");
  assert_initials ("José Álvarez", "JÁ");
  assert_initials ("3M Company", "3C");
  assert_initials ("😀 Bob", "B");
  assert_initials ("محمد علي", "مع");
  assert_initials ("", "");
  assert_initials (NULL, "");
}

/* Decodes @literal with SQLite's own JSON parser. */
static char *
json_decode (sqlite3 *db,
             const char *literal)
{
  sqlite3_stmt *stmt = NULL;
  char *decoded = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_valid (?1), json_extract (?1, '$')", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, literal, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) != 1)
    g_error ("%s is not valid JSON", literal);
  decoded = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return decoded;
}

/* The same text as SQLite's JSON functions write for @text. */
static void
assert_quoted_as_sqlite (sqlite3 *db,
                         const char *text,
                         const char *literal)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_quote (?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, literal);
  sqlite3_finalize (stmt);
}

static void
test_json_quote (void)
{
  const char *const samples[] = {
    "",
    "plain",
    "say \"hi\"",
    "back\\slash",
    "line\nbreak\r\n",
    "tab\there",
    "\x01\x02\x1f\x7f",
    "bell\a and form\f feed\b",
    "😀🎉 emoji",
    "עברית and العربية",
    "</script>",
    "\xe2\x80\xa8 line separator",
    "{\"a\": [1, 2]}",
  };
  sqlite3 *db = NULL;
  g_autofree char *quoted = NULL;

  quoted = rapport_text_json_quote ("a\"b\\c\nd\te\rf\x01g\x1f");
  g_assert_cmpstr (quoted, ==, "\"a\\\"b\\\\c\\nd\\te\\rf\\u0001g\\u001f\"");
  g_clear_pointer (&quoted, g_free);

  quoted = rapport_text_json_quote ("😀");
  g_assert_cmpstr (quoted, ==, "\"😀\"");
  g_clear_pointer (&quoted, g_free);

  quoted = rapport_text_json_quote (NULL);
  g_assert_cmpstr (quoted, ==, "\"\"");
  g_clear_pointer (&quoted, g_free);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *literal = rapport_text_json_quote (samples[i]);
      g_autofree char *decoded = json_decode (db, literal);

      g_assert_cmpstr (decoded, ==, samples[i]);
      assert_quoted_as_sqlite (db, samples[i], literal);
    }

  /* Every control character on its own. */
  for (int c = 1; c < 0x20; c++)
    {
      char text[2] = { (char) c, '\0' };
      g_autofree char *literal = rapport_text_json_quote (text);
      g_autofree char *decoded = json_decode (db, literal);

      for (const char *p = literal; *p; p++)
        g_assert_cmpint ((guchar) *p, >=, 0x20);
      g_assert_cmpstr (decoded, ==, text);
      assert_quoted_as_sqlite (db, text, literal);
    }
  sqlite3_close (db);
}

static void
test_date_valid (void)
{
  const char *const valid[] = {
    "2026-11-25",
    "2026-02-28",
    "2024-02-29",
    "2000-02-29",
    "2026-12-31",
    "2026-01-01",
    "1900-01-01",
  };
  const char *const invalid[] = {
    NULL,
    "",
    "2026-02-30",
    "2026-02-29",
    "1900-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-01-32",
    "0000-01-01",
    "2026-1-5",
    "2026-01-5",
    "26-01-05",
    "2026/01/05",
    "2026-01-05T10:00",
    "2026-01-05 ",
    " 2026-01-05",
    "abcd-ef-gh",
    "2026-+1-01",
    "2026- 1-01",
    "+026-01-01",
    " 026-01-01",
    "2026-01-+1",
    "2026-1a-01",
    "202a-01-01",
    "２０２６-01-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!rapport_date_is_valid (valid[i]))
      g_error ("“%s” should be a valid date", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (rapport_date_is_valid (invalid[i]))
      g_error ("“%s” should not be a valid date", invalid[i]);
}

static void
assert_add_days (const char *date,
                 int days,
                 const char *expected)
{
  g_autofree char *result = rapport_date_add_days (date, days);

  g_assert_cmpstr (result, ==, expected);
}

static void
test_date_add_days (void)
{
  assert_add_days ("2026-11-25", 0, "2026-11-25");
  assert_add_days ("2026-11-25", 1, "2026-11-26");
  assert_add_days ("2026-01-31", 1, "2026-02-01");
  assert_add_days ("2026-02-28", 1, "2026-03-01");
  assert_add_days ("2024-02-28", 1, "2024-02-29");
  assert_add_days ("2026-12-31", 1, "2027-01-01");
  assert_add_days ("2026-01-01", 365, "2027-01-01");
  assert_add_days ("2024-01-01", 366, "2025-01-01");
  assert_add_days ("2026-03-01", -1, "2026-02-28");
  assert_add_days ("2024-03-01", -1, "2024-02-29");
  assert_add_days ("2026-01-01", -1, "2025-12-31");
  assert_add_days ("2026-01-15", -45, "2025-12-01");
  assert_add_days ("2026-11-25", 30, "2026-12-25");
  assert_add_days ("2026-02-30", 1, NULL);
  assert_add_days ("tomorrow", 1, NULL);
  assert_add_days (NULL, 1, NULL);
}

static void
test_date_days_between (void)
{
  g_assert_cmpint (rapport_date_days_between ("2026-11-25", "2026-11-25"), ==, 0);
  g_assert_cmpint (rapport_date_days_between ("2026-11-25", "2026-11-26"), ==, 1);
  g_assert_cmpint (rapport_date_days_between ("2026-11-26", "2026-11-25"), ==, -1);
  g_assert_cmpint (rapport_date_days_between ("2026-01-01", "2026-03-01"), ==, 59);
  g_assert_cmpint (rapport_date_days_between ("2024-01-01", "2024-03-01"), ==, 60);
  g_assert_cmpint (rapport_date_days_between ("2026-03-01", "2026-01-01"), ==, -59);
  g_assert_cmpint (rapport_date_days_between ("2025-12-31", "2027-01-01"), ==, 366);
  g_assert_cmpint (rapport_date_days_between ("2026-02-30", "2026-03-01"), ==, 0);
  g_assert_cmpint (rapport_date_days_between ("2026-03-01", NULL), ==, 0);
}

static char *
real_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
test_date_today_override (void)
{
  g_autofree char *before = NULL;
  g_autofree char *today = NULL;
  g_autofree char *after = NULL;

  g_setenv ("RAPPORT_TODAY", "2031-07-04", TRUE);
  today = rapport_date_today ();
  g_assert_cmpstr (today, ==, "2031-07-04");
  g_clear_pointer (&today, g_free);
  /* The clock for events takes the same day, at the time of day it is. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_time_now ());
    g_autoptr(GDateTime) real = g_date_time_new_now_local ();
    int apart = ABS (g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now) -
                     (g_date_time_get_hour (real) * 60 + g_date_time_get_minute (real)));

    today = g_date_time_format (now, "%Y-%m-%d");
    g_assert_cmpstr (today, ==, "2031-07-04");
    /* A minute apart at most, across midnight too. */
    g_assert_true (apart <= 1 || apart >= 24 * 60 - 1);
    g_clear_pointer (&today, g_free);
  }

  /* An override that is not a date is ignored, not trusted. */
  g_setenv ("RAPPORT_TODAY", "2031-02-30", TRUE);
  before = real_today ();
  today = rapport_date_today ();
  after = real_today ();
  g_assert_true (g_str_equal (today, before) || g_str_equal (today, after));
  g_assert_cmpstr (today, !=, "2031-02-30");
  g_clear_pointer (&today, g_free);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  g_unsetenv ("RAPPORT_TODAY");
  g_assert_cmpint (ABS (rapport_time_now () - g_get_real_time () / G_USEC_PER_SEC), <=, 1);
  before = real_today ();
  today = rapport_date_today ();
  after = real_today ();
  g_assert_true (rapport_date_is_valid (today));
  g_assert_true (g_str_equal (today, before) || g_str_equal (today, after));
}

/* Tests run in the C locale, so the words are English. */
static void
test_date_format (void)
{
  g_autofree char *leap = rapport_date_format ("2028-02-29");
  g_autofree char *today = rapport_date_format ("2026-11-25");

  g_assert_cmpstr (today, ==, "Wednesday 25 November 2026");
  g_assert_cmpstr (leap, ==, "Tuesday 29 February 2028");
  g_assert_null (rapport_date_format ("2026-02-30"));
  g_assert_null (rapport_date_format (NULL));
  g_assert_null (rapport_date_format ("yesterday"));
}

/* A page of text pasted into the search entry looks for its first words
 * only, instead of building a query that takes minutes. */
static void
test_fts_query_long (void)
{
  g_autoptr(GString) pasted = g_string_new (NULL);
  g_autofree char *query = NULL;
  g_autofree char *expected = NULL;
  guint terms = 0;

  for (guint i = 0; i < 100000; i++)
    g_string_append (pasted, "lorem ipsum ");
  query = rapport_text_fts_query (pasted->str);
  g_assert_nonnull (query);
  for (const char *p = query; (p = strstr (p, "\"*")) != NULL; p += 2)
    terms++;
  g_assert_cmpuint (terms, ==, RAPPORT_TEXT_MAX_SEARCH_WORDS);
  expected = rapport_text_fts_query ("lorem ipsum lorem");
  g_assert_true (g_str_has_prefix (query, expected));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/text/fold/case-and-accents", test_fold_case_and_accents);
  g_test_add_func ("/rapport/text/fold/null-and-invalid", test_fold_null_and_invalid);
  g_test_add_func ("/rapport/text/fold/mixed-text", test_fold_mixed_text);
  g_test_add_func ("/rapport/text/fts-query/words", test_fts_words);
  g_test_add_func ("/rapport/text/fts-query/operators", test_fts_operators);
  g_test_add_func ("/rapport/text/fts-query/no-words", test_fts_no_words);
  g_test_add_func ("/rapport/text/fts-query/long", test_fts_query_long);
  g_test_add ("/rapport/text/fts-query/through-store", RapportTestStore, NULL,
              rapport_test_store_setup, test_fts_through_store, rapport_test_store_teardown);
  g_test_add ("/rapport/text/fts-query/fuzz", RapportTestStore, NULL,
              rapport_test_store_setup, test_fts_fuzz, rapport_test_store_teardown);
  g_test_add_func ("/rapport/text/initials", test_initials);
  g_test_add_func ("/rapport/text/json-quote", test_json_quote);
  g_test_add_func ("/rapport/date/valid", test_date_valid);
  g_test_add_func ("/rapport/date/add-days", test_date_add_days);
  g_test_add_func ("/rapport/date/days-between", test_date_days_between);
  g_test_add_func ("/rapport/date/today-override", test_date_today_override);
  g_test_add_func ("/rapport/date/format", test_date_format);

  return g_test_run ();
}
