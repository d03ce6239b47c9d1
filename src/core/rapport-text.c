/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-text.c: folding names for sorting, turning what a person types
 * into a safe FTS5 query, and the plain calendar dates ("2026-11-25") that
 * follow-ups and "met on" use. */
#define G_LOG_DOMAIN "rapport-text"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-text.h"

/* Folds @length bytes of text that holds no ASCII: decomposed, case
 * folded, marks dropped. */
static void
fold_non_ascii (GString *out,
                const char *text,
                gssize length)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;

  normalized = g_utf8_normalize (text, length, G_NORMALIZE_NFKD);
  if (normalized == NULL)
    {
      /* Decompose the valid parts too, so their accents still go. */
      g_autofree char *valid = g_utf8_make_valid (text, length);

      normalized = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
    }
  folded = g_utf8_casefold (normalized, -1);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }
}

/**
 * rapport_text_fold:
 * @text: (nullable): any UTF-8 text
 *
 * Folds case and strips accents, so that "Ésta", "esta" and "ESTA" sort
 * together. Invalid UTF-8 is folded as far as it is valid.
 *
 * Returns: (transfer full): the folded text
 */
char *
rapport_text_fold (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  /* An ASCII character decomposes to itself, folds to its lower case and
   * is no mark, and decomposition never reorders across it: each run of
   * other characters folds on its own, and most names, tags and keys,
   * plain ASCII, cost a copy. */
  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      const char *run = p;

      while (*p != '\0' && (guchar) *p < 0x80)
        p++;
      if (p > run)
        {
          gsize start = out->len;

          g_string_append_len (out, run, p - run);
          for (gsize i = start; i < out->len; i++)
            out->str[i] = g_ascii_tolower (out->str[i]);
        }
      run = p;
      while (*p != '\0' && (guchar) *p >= 0x80)
        p++;
      if (p > run)
        fold_non_ascii (out, run, p - run);
    }
  return g_string_free (out, FALSE);
}

/**
 * rapport_text_fts_query:
 * @user_text: what the person typed in the search entry
 *
 * Each word becomes a quoted prefix term, so that typing "jo sm" finds
 * "John Smith", and no FTS5 operator or quote in @user_text can break the
 * query. Only the first %RAPPORT_TEXT_MAX_SEARCH_WORDS words count: a page
 * of text pasted into the search entry would otherwise take minutes.
 *
 * Returns: (transfer full) (nullable): an FTS5 MATCH expression, or %NULL
 *   when @user_text holds no word
 */
char *
rapport_text_fts_query (const char *user_text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *p;

  if (user_text == NULL)
    return NULL;

  valid = g_utf8_make_valid (user_text, -1);
  p = valid;
  for (guint words = 0; *p && words < RAPPORT_TEXT_MAX_SEARCH_WORDS;)
    {
      const char *start;

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == start)
        continue;

      words++;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      /* Words contain only letters and digits, so no quote to escape. */
      g_string_append_c (query, '"');
      g_string_append_len (query, start, p - start);
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * rapport_text_initials:
 * @name: (nullable): a display name
 *
 * Returns: (transfer full): up to two upper-case initials, for an avatar
 */
char *
rapport_text_initials (const char *name)
{
  GString *out = g_string_new (NULL);
  gboolean at_word_start = TRUE;
  guint n = 0;

  for (const char *p = name; p && *p && n < 2; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          at_word_start = TRUE;
          continue;
        }
      if (at_word_start && g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, g_unichar_toupper (c));
          n++;
        }
      at_word_start = FALSE;
    }
  return g_string_free (out, FALSE);
}

/**
 * rapport_text_append_json_quoted:
 * @out: where to append
 * @text: (nullable): UTF-8 text
 *
 * Appends @text as a JSON string literal, quotes included, escaped as
 * SQLite's JSON functions escape strings, so that JSON written here and
 * JSON written in SQL are the same text.
 */
void
rapport_text_append_json_quoted (GString *out,
                                 const char *text)
{
  const char *run = text ? text : "";
  const char *p = run;

  g_string_append_c (out, '"');
  for (;; p++)
    {
      guchar c = (guchar) *p;

      /* Plain characters are copied a run at a time. */
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '\0': g_string_append_c (out, '"'); return;
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c);
        }
    }
}

/**
 * rapport_text_json_quote:
 * @text: (nullable): UTF-8 text
 *
 * Returns: (transfer full): @text as a JSON string literal, quotes included
 */
char *
rapport_text_json_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  rapport_text_append_json_quoted (out, text);
  return g_string_free (out, FALSE);
}

static gboolean
parse_date (const char *iso_date,
            GDate *date)
{
  guint y, m, d;
  char end;

  g_date_clear (date, 1);
  if (iso_date == NULL || strlen (iso_date) != 10 || iso_date[4] != '-' || iso_date[7] != '-')
    return FALSE;
  /* sscanf alone would take signs and spaces ("2026-+1- 5"), and such a
   * date would not compare as text with the others. */
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso_date[i]))
      return FALSE;
  if (sscanf (iso_date, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * rapport_date_is_valid:
 * @iso_date: (nullable): a date such as "2026-11-25"
 *
 * Returns: %TRUE if @iso_date is a real calendar date in that form
 */
gboolean
rapport_date_is_valid (const char *iso_date)
{
  GDate date;

  return parse_date (iso_date, &date);
}

/**
 * rapport_date_today:
 *
 * Returns: (transfer full): today's local date. RAPPORT_TODAY in the
 *   environment overrides it, so that tests and screenshots are repeatable.
 */
char *
rapport_date_today (void)
{
  const char *fixed = g_getenv ("RAPPORT_TODAY");
  g_autoptr(GDateTime) now = NULL;

  if (rapport_date_is_valid (fixed))
    return g_strdup (fixed);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * rapport_time_now:
 *
 * Returns: the current time in Unix seconds; with RAPPORT_TODAY in the
 *   environment, the current local time of day on that date, so that
 *   "upcoming" and "past" agree with rapport_date_today()
 */
gint64
rapport_time_now (void)
{
  const char *fixed = g_getenv ("RAPPORT_TODAY");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = NULL;
  int y, m, d;

  if (!rapport_date_is_valid (fixed) || sscanf (fixed, "%d-%d-%d", &y, &m, &d) != 3)
    return g_date_time_to_unix (now);
  then = g_date_time_new_local (y, m, d, g_date_time_get_hour (now), g_date_time_get_minute (now),
                                g_date_time_get_second (now));
  return then ? g_date_time_to_unix (then) : g_date_time_to_unix (now);
}

/**
 * rapport_date_add_days:
 * @iso_date: a valid date
 * @days: days to add, may be negative
 *
 * Returns: (transfer full) (nullable): the date @days later, or %NULL if
 *   @iso_date is not a date
 */
char *
rapport_date_add_days (const char *iso_date,
                       int days)
{
  GDate date;

  if (!parse_date (iso_date, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return format_date (&date);
}

/**
 * rapport_date_days_between:
 * @from: a valid date
 * @to: a valid date
 *
 * Returns: the number of days from @from to @to (negative if @to is
 *   earlier), or 0 if either is not a date
 */
int
rapport_date_days_between (const char *from,
                           const char *to)
{
  GDate a, b;

  if (!parse_date (from, &a) || !parse_date (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

/**
 * rapport_date_format:
 * @iso_date: (nullable): a date such as "2026-11-25"
 *
 * Returns: (transfer full) (nullable): the date as a person reads it, like
 *   "Wednesday 25 November 2026", or %NULL if @iso_date is not a date
 */
char *
rapport_date_format (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (!parse_date (iso_date, &date))
    return NULL;
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  if (dt == NULL)
    return NULL;
  /* Translators: a date as in "Wednesday 25 November 2026"; see
   * g_date_time_format() */
  return g_date_time_format (dt, _("%A %-d %B %Y"));
}

/**
 * rapport_cadence_describe:
 * @days: a keep-in-touch cadence in days, 0 for none
 *
 * Returns: (transfer full): the cadence in words, like "Every 3 months";
 *   the card and the editor both use it, so they say the same thing
 */
char *
rapport_cadence_describe (int days)
{
  if (days <= 0)
    return g_strdup (_("Not set"));
  if (days % 365 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every year", "Every %d years", days / 365), days / 365);
  if (days % 30 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every month", "Every %d months", days / 30), days / 30);
  if (days % 7 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every week", "Every %d weeks", days / 7), days / 7);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every day", "Every %d days", days), days);
}

/**
 * rapport_text_is_blank:
 * @text: UTF-8 text
 *
 * g_strstrip() only knows ASCII spaces; a name of no-break spaces is just
 * as empty.
 *
 * Returns: whether @text has nothing but white space
 */
gboolean
rapport_text_is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * rapport_text_is_email_address:
 * @text: an email address as a person typed it, without surrounding spaces
 *
 * A loose check, enough to catch a name or a phone number in the wrong
 * field: one @ with something on each side, and no spaces. The store and
 * the importers use the same rule.
 *
 * Returns: whether @text looks like an email address
 */
gboolean
rapport_text_is_email_address (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}
