/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-import-card.c: what the vCard and CSV readers hand the importer,
 * and what they share: turning a file's bytes into UTF-8 whatever program
 * wrote them, and turning what a card or a row says into a contact the
 * store accepts.
 *
 * A reader never refuses a whole file over its encoding. Phones and web
 * services write UTF-8, sometimes with a byte order mark; Outlook and some
 * Windows tools write UTF-16 with one; Outlook and Excel write the Windows
 * code page (Windows-1252 in the West) with no mark at all. Text that is
 * not UTF-8 is read as Windows-1252 line by line, so that one card pasted
 * from an old file does not turn the accents of every other card into
 * mojibake.
 *
 * The store refuses a contact with an address that is not an email
 * address, a phone number without digits or a tag over 64 characters.
 * The readers leave such a value out and say so, or shorten a tag, so that
 * the rest of the card is still imported.
 */
#define G_LOG_DOMAIN "rapport-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-import-private.h"
#include "rapport-text.h"

/**
 * rapport_import_card_new:
 * @contact: (transfer none): the contact read
 * @line: the line the card starts on, counting from 1
 *
 * Returns: (transfer full): a card holding a reference to @contact
 */
RapportImportCard *
rapport_import_card_new (RapportContact *contact,
                         guint line)
{
  RapportImportCard *card = g_new0 (RapportImportCard, 1);

  card->contact = g_object_ref (contact);
  card->line = line;
  return card;
}

void
rapport_import_card_free (RapportImportCard *card)
{
  if (card == NULL)
    return;
  g_clear_object (&card->contact);
  g_clear_pointer (&card->photo, g_bytes_unref);
  g_free (card->photo_uri);
  g_free (card);
}

/**
 * rapport_import_problem_new:
 * @line: the line the problem is on, counting from 1
 * @reason: what is wrong, in plain words
 *
 * Returns: (transfer full): a problem to free with
 *   rapport_import_problem_free()
 */
RapportImportProblem *
rapport_import_problem_new (guint line,
                            const char *reason)
{
  RapportImportProblem *problem = g_new0 (RapportImportProblem, 1);

  problem->line = line;
  problem->reason = g_strdup (reason);
  return problem;
}

void
rapport_import_problem_free (RapportImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->reason);
  g_free (problem);
}

/* The readers take a NULL array of problems as "nobody asked". */
void
rapport_import_add_problem (GPtrArray *problems,
                            guint line,
                            const char *reason)
{
  if (problems != NULL)
    g_ptr_array_add (problems, rapport_import_problem_new (line, reason));
}

/* Windows-1252 is Latin-1 except for 0x80 to 0x9F, where it has curly
 * quotes, dashes, the euro sign and a few letters. The five bytes it
 * leaves undefined map to the C1 controls of the same number, as web
 * browsers do, so that no byte is ever refused. */
static const gunichar cp1252_high[32] = {
  0x20AC,
  0x0081,
  0x201A,
  0x0192,
  0x201E,
  0x2026,
  0x2020,
  0x2021,
  0x02C6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  0x008D,
  0x017D,
  0x008F,
  0x0090,
  0x2018,
  0x2019,
  0x201C,
  0x201D,
  0x2022,
  0x2013,
  0x2014,
  0x02DC,
  0x2122,
  0x0161,
  0x203A,
  0x0153,
  0x009D,
  0x017E,
  0x0178,
};

/* Appends @bytes read as Windows-1252, leaving out NUL bytes, which C
 * strings cannot hold. */
void
rapport_import_windows_1252 (GString *out,
                             const char *bytes,
                             gsize length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) bytes[i];

      if (c == 0)
        continue;
      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
}

/* UTF-16 by hand rather than with g_convert(), which gives up on the
 * first unpaired surrogate or odd byte: those become U+FFFD here. */
static void
append_utf16 (GString *out,
              const guchar *bytes,
              gsize length,
              gboolean big_endian)
{
  gsize i = 0;

  while (i + 1 < length)
    {
      gunichar u = big_endian ? (bytes[i] << 8 | bytes[i + 1]) : (bytes[i + 1] << 8 | bytes[i]);

      i += 2;
      if (u >= 0xD800 && u < 0xDC00 && i + 1 < length)
        {
          gunichar low = big_endian ? (bytes[i] << 8 | bytes[i + 1]) : (bytes[i + 1] << 8 | bytes[i]);

          if (low >= 0xDC00 && low < 0xE000)
            {
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              i += 2;
            }
        }
      if (u >= 0xD800 && u < 0xE000)
        u = 0xFFFD;
      if (u != 0)
        g_string_append_unichar (out, u);
    }
  if (i < length)
    g_string_append_unichar (out, 0xFFFD);
}

/* Appends one line (or any run of bytes): as it is if it is UTF-8, else
 * as Windows-1252. NUL bytes are left out either way. */
void
rapport_import_append_line (GString *out,
                            GString *scratch,
                            const char *line,
                            gsize length)
{
  const char *nul = memchr (line, '\0', length);

  if (nul != NULL)
    {
      g_string_truncate (scratch, 0);
      for (gsize i = 0; i < length; i++)
        if (line[i] != '\0')
          g_string_append_c (scratch, line[i]);
      line = scratch->str;
      length = scratch->len;
    }
  if (g_utf8_validate_len (line, length, NULL))
    g_string_append_len (out, line, length);
  else
    rapport_import_windows_1252 (out, line, length);
}

/* vCard folds long lines by octets, and some writers fold in the middle
 * of a UTF-8 character: a line ends with the first bytes of a character
 * and the next, after the space or tab of the fold, starts with the rest.
 * Each line alone is not UTF-8, but the text is. Returns how many bytes
 * of the next line (after the fold) finish the character that the line
 * [start, end) leaves unfinished, or 0 if it is not such a line. */
static gsize
fold_split_length (const char *data,
                   gsize start,
                   gsize end,
                   gsize length)
{
  const guchar *bytes = (const guchar *) data;
  gsize content_end = end;
  gsize lead, have, needed;
  char buf[4];

  if (end == 0 || bytes[end - 1] != '\n')
    return 0;
  content_end = end - 1;
  if (content_end > start && bytes[content_end - 1] == '\r')
    content_end--;
  lead = content_end;
  while (lead > start && content_end - lead < 3 && (bytes[lead - 1] & 0xC0) == 0x80)
    lead--;
  if (lead == start || bytes[lead - 1] < 0xC2 || bytes[lead - 1] > 0xF4)
    return 0;
  lead--;
  have = content_end - lead;
  needed = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3
                                                         : 2;
  if (have >= needed || end + 1 + (needed - have) > length || (bytes[end] != ' ' && bytes[end] != '\t'))
    return 0;
  memcpy (buf, data + lead, have);
  memcpy (buf + have, data + end + 1, needed - have);
  if (!g_utf8_validate_len (buf, needed, NULL))
    return 0;
  return needed - have;
}

/**
 * rapport_import_to_utf8:
 * @data: the bytes of a file
 * @length: how many
 * @out_length: (out) (optional): the length of the text returned
 *
 * Turns a file into UTF-8 text, whatever wrote it: a UTF-8 byte order mark
 * is dropped, UTF-16 with a byte order mark is converted, and lines that
 * are not valid UTF-8 are read as Windows-1252, which is what Outlook and
 * Excel write. A vCard line folded in the middle of a UTF-8 character is
 * not taken for Windows-1252: the whole character moves before the fold.
 * NUL bytes are dropped. It never fails, and text that is already UTF-8
 * comes back as it was.
 *
 * Returns: (transfer full): the text, always NUL-terminated
 */
char *
rapport_import_to_utf8 (const char *data,
                        gsize length,
                        gsize *out_length)
{
  const guchar *bytes = (const guchar *) data;
  GString *out;

  if (data == NULL)
    length = 0;

  if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      out = g_string_sized_new (length + length / 2);
      append_utf16 (out, bytes + 2, length - 2, bytes[0] == 0xFE);
    }
  else
    {
      if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
          data += 3;
          length -= 3;
        }
      if (g_utf8_validate_len (data, length, NULL))
        {
          out = g_string_sized_new (length);
          g_string_append_len (out, data, length);
        }
      else
        {
          g_autoptr(GString) scratch = g_string_new (NULL);
          g_autoptr(GString) line = g_string_new (NULL);
          gsize start = 0;

          out = g_string_sized_new (length + length / 8);
          while (start < length)
            {
              const char *nl = memchr (data + start, '\n', length - start);
              gsize end = nl != NULL ? (gsize) (nl - data) + 1 : length;
              gsize moved = fold_split_length (data, start, end, length);

              if (moved == 0)
                rapport_import_append_line (out, scratch, data + start, end - start);
              else
                {
                  gsize content_end = end - 1 - (end - start >= 2 && data[end - 2] == '\r');

                  /* The end of the character comes up before the line
                   * end; the fold stays where it was. */
                  g_string_truncate (line, 0);
                  g_string_append_len (line, data + start, content_end - start);
                  g_string_append_len (line, data + end + 1, moved);
                  g_string_append_len (line, data + content_end, end - content_end);
                  g_string_append_c (line, data[end]);
                  rapport_import_append_line (out, scratch, line->str, line->len);
                  end += 1 + moved;
                }
              start = end;
            }
        }
    }

  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* Text in a named character set (a vCard 2.1 CHARSET=), as UTF-8. An
 * unknown or lying charset falls back as rapport_import_to_utf8() does. */
char *
rapport_import_decode (const char *bytes,
                       gsize length,
                       const char *charset)
{
  GString *out;

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 && g_ascii_strcasecmp (charset, "UTF8") != 0 && g_ascii_strcasecmp (charset, "US-ASCII") != 0)
    {
      gsize written = 0;
      char *converted = NULL;

      /* Latin-1 is a subset of Windows-1252 for text, and files that say
       * one mostly mean the other. */
      if (g_ascii_strcasecmp (charset, "ISO-8859-1") == 0 || g_ascii_strcasecmp (charset, "WINDOWS-1252") == 0 || g_ascii_strcasecmp (charset, "CP1252") == 0 || g_ascii_strcasecmp (charset, "LATIN1") == 0)
        {
          out = g_string_sized_new (length + length / 4);
          rapport_import_windows_1252 (out, bytes, length);
          return g_string_free (out, FALSE);
        }
      if (memchr (bytes, '\0', length) == NULL)
        converted = g_convert (bytes, length, "UTF-8", charset, NULL, &written, NULL);
      if (converted != NULL && g_utf8_validate_len (converted, written, NULL))
        return converted;
      g_free (converted);
    }
  return rapport_import_to_utf8 (bytes, length, NULL);
}

static gboolean
is_one_of (const char *text,
           const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * rapport_import_label:
 * @text: (nullable): a label as a file gives it: a vCard TYPE, an Apple
 *   label such as "_$!<Mobile>!$_", a Google label such as "* Work"
 * @is_email: whether it labels an email address, else a phone number
 *
 * Returns: (transfer full): the label as Rapport keeps it: "work",
 *   "personal" or "other" for an email address, "mobile", "work", "home"
 *   or "other" for a phone, or the text itself when it is none of these
 */
char *
rapport_import_label (const char *text,
                      gboolean is_email)
{
  static const char *const work[] = { "work", "business", "office", "company", NULL };
  static const char *const other[] = { "other", "internet", "pref", "x-internet", "voice", NULL };
  static const char *const home[] = { "home", "personal", "private", NULL };
  static const char *const mobile[] = { "mobile", "cell", "iphone", "cellular", "mobile phone", NULL };
  g_autofree char *trimmed = NULL;
  char *p;
  gsize len;

  if (text == NULL)
    return g_strdup ("other");
  trimmed = g_strdup (text);
  p = g_strstrip (trimmed);
  /* Google marks the primary value with "* ". */
  if (p[0] == '*')
    p = g_strchug (p + 1);
  /* Apple's built-in labels, "_$!<Mobile>!$_". */
  len = strlen (p);
  if (len > 8 && g_str_has_prefix (p, "_$!<") && g_str_has_suffix (p, ">!$_"))
    {
      p[len - 4] = '\0';
      p += 4;
    }
  if (*p == '\0' || is_one_of (p, other))
    return g_strdup ("other");
  if (is_one_of (p, work))
    return g_strdup ("work");
  if (is_one_of (p, home))
    return g_strdup (is_email ? "personal" : "home");
  if (!is_email && is_one_of (p, mobile))
    return g_strdup ("mobile");
  /* Free text, as a person typed it; one line, as the editor shows it. */
  g_strdelimit (p, "\r\n\t", ' ');
  return g_strdup (p);
}

void
rapport_import_draft_init (RapportImportDraft *draft,
                           guint line)
{
  draft->contact = rapport_contact_new (NULL);
  draft->tags = g_ptr_array_new_with_free_func (g_free);
  draft->folded = g_ptr_array_new_with_free_func (g_free);
  draft->folded_tags = NULL;
  draft->notes = NULL;
  draft->line = line;
}

void
rapport_import_draft_clear (RapportImportDraft *draft)
{
  g_clear_object (&draft->contact);
  g_clear_pointer (&draft->tags, g_ptr_array_unref);
  g_clear_pointer (&draft->folded, g_ptr_array_unref);
  g_clear_pointer (&draft->folded_tags, g_hash_table_unref);
  if (draft->notes != NULL)
    g_string_free (draft->notes, TRUE);
  draft->notes = NULL;
}

static char *
clean_value (const char *value)
{
  char *clean = g_strdup (value != NULL ? value : "");

  g_strdelimit (clean, "\r\n\t", ' ');
  return g_strstrip (clean);
}

/* What a problem quotes of a value: enough to find it in the file. */
static char *
quote_value (const char *value)
{
  if (g_utf8_strlen (value, -1) <= 40)
    return g_strdup (value);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (value, 40) - value), value);
}

static void
add_labeled (RapportImportDraft *draft,
             gboolean is_email,
             const char *label,
             const char *value,
             guint line,
             GPtrArray *problems)
{
  g_autofree char *clean = clean_value (value);
  g_autofree char *clean_label = clean_value (label);
  g_autofree char *quoted = NULL;
  const char *text = clean;
  const char *prefix = is_email ? "mailto:" : "tel:";
  gboolean digits = FALSE;

  if (g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0)
    text += strlen (prefix);
  if (*text == '\0')
    return;
  quoted = quote_value (text);
  for (const char *p = text; *p && !digits; p++)
    digits = g_ascii_isdigit (*p);

  if (strlen (text) > RAPPORT_IMPORT_MAX_VALUE_BYTES)
    {
      g_autofree char *reason = g_strdup_printf (is_email ? _("“%s” is too long to be an email address, so it was left out.")
                                                          : _("“%s” is too long to be a phone number, so it was left out."),
                                                               quoted);

      rapport_import_add_problem (problems, line, reason);
      return;
    }
  if (is_email && !rapport_text_is_email_address (text))
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not an email address, so it was left out."), quoted);

      rapport_import_add_problem (problems, line, reason);
      return;
    }
  if (!is_email && !digits)
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a phone number (it has no digits), so it was left out."), quoted);

      rapport_import_add_problem (problems, line, reason);
      return;
    }
  /* A label is a word or two; the store refuses a very long one. */
  if (g_utf8_strlen (clean_label, -1) > RAPPORT_IMPORT_MAX_TAG_CHARS)
    {
      *g_utf8_offset_to_pointer (clean_label, RAPPORT_IMPORT_MAX_TAG_CHARS) = '\0';
      g_strchomp (clean_label);
    }
  if (is_email)
    rapport_contact_add_email (draft->contact, *clean_label ? clean_label : "other", text);
  else
    rapport_contact_add_phone (draft->contact, *clean_label ? clean_label : "other", text);
}

void
rapport_import_draft_add_email (RapportImportDraft *draft,
                                const char *label,
                                const char *value,
                                guint line,
                                GPtrArray *problems)
{
  add_labeled (draft, TRUE, label, value, line, problems);
}

void
rapport_import_draft_add_phone (RapportImportDraft *draft,
                                const char *label,
                                const char *value,
                                guint line,
                                GPtrArray *problems)
{
  add_labeled (draft, FALSE, label, value, line, problems);
}

/**
 * rapport_import_year_is_valid:
 * @year: a year read for "in industry since"
 *
 * Returns: whether the store takes @year: from 1900 to this year
 */
gboolean
rapport_import_year_is_valid (gint64 year)
{
  g_autoptr(GDateTime) now = NULL;

  if (year < 1900)
    return FALSE;
  now = g_date_time_new_now_local ();
  return year <= g_date_time_get_year (now);
}

/* Tags are compared as the store compares them, without case or accents.
 * Plain ASCII, most tags, folds by lowering its case, which costs far
 * less than rapport_text_fold(). */
static char *
fold_tag (const char *tag)
{
  for (const char *p = tag; *p; p++)
    if ((guchar) *p >= 0x80)
      return rapport_text_fold (tag);
  return g_ascii_strdown (tag, -1);
}

/* The folded tags are looked up in a set once a card has more than a
 * few, so that a card with thousands is still read in linear time. */
#define TAGS_BEFORE_SET 8

void
rapport_import_draft_add_tag (RapportImportDraft *draft,
                              const char *tag)
{
  g_autofree char *clean = clean_value (tag);
  g_autofree char *folded = NULL;

  if (*clean == '\0')
    return;
  if (g_utf8_strlen (clean, -1) > RAPPORT_IMPORT_MAX_TAG_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (clean, RAPPORT_IMPORT_MAX_TAG_CHARS);

      *end = '\0';
      g_strchomp (clean);
    }
  folded = fold_tag (clean);
  if (draft->folded_tags != NULL)
    {
      if (g_hash_table_contains (draft->folded_tags, folded))
        return;
    }
  else
    {
      for (guint i = 0; i < draft->folded->len; i++)
        if (g_str_equal (g_ptr_array_index (draft->folded, i), folded))
          return;
    }
  g_ptr_array_add (draft->tags, g_steal_pointer (&clean));
  g_ptr_array_add (draft->folded, g_strdup (folded));
  if (draft->folded_tags != NULL)
    g_hash_table_add (draft->folded_tags, g_steal_pointer (&folded));
  else if (draft->folded->len > TAGS_BEFORE_SET)
    {
      draft->folded_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < draft->folded->len; i++)
        g_hash_table_add (draft->folded_tags, g_strdup (g_ptr_array_index (draft->folded, i)));
    }
}

/* Notes from several places (two NOTE lines, LinkedIn's "Connected on")
 * become paragraphs of one text. */
void
rapport_import_draft_add_note (RapportImportDraft *draft,
                               const char *text)
{
  g_autofree char *clean = g_strdup (text != NULL ? text : "");

  g_strstrip (clean);
  if (*clean == '\0')
    return;
  if (draft->notes == NULL)
    draft->notes = g_string_new (NULL);
  else
    g_string_append (draft->notes, "\n\n");
  g_string_append (draft->notes, clean);
}

/* A LinkedIn profile goes to its own field, the first other address to
 * the website; later ones are dropped, as Rapport keeps one of each. */
void
rapport_import_draft_add_url (RapportImportDraft *draft,
                              const char *url,
                              gboolean is_linkedin)
{
  g_autofree char *clean = clean_value (url);
  g_autofree char *lower = NULL;

  if (*clean == '\0')
    return;
  lower = g_ascii_strdown (clean, -1);
  if (is_linkedin || strstr (lower, "linkedin.com/") != NULL || g_str_has_suffix (lower, "linkedin.com"))
    {
      if (rapport_contact_get_linkedin (draft->contact) == NULL)
        rapport_contact_set_linkedin (draft->contact, clean);
    }
  else if (rapport_contact_get_website (draft->contact) == NULL)
    rapport_contact_set_website (draft->contact, clean);
}

static char *
truncate_name (const char *name)
{
  char *clean = clean_value (name);

  if (g_utf8_strlen (clean, -1) > RAPPORT_IMPORT_MAX_NAME_CHARS)
    {
      *g_utf8_offset_to_pointer (clean, RAPPORT_IMPORT_MAX_NAME_CHARS) = '\0';
      g_strchomp (clean);
    }
  return clean;
}

/* The name to call the person by: the card's own, else their first and
 * last names, else the company, else the first email address. */
static char *
pick_display_name (RapportContact *contact)
{
  const char *given = rapport_contact_get_given_name (contact);
  const char *family = rapport_contact_get_family_name (contact);
  const char *name = rapport_contact_get_display_name (contact);
  GPtrArray *emails = rapport_contact_get_emails (contact);

  if (name != NULL && !rapport_text_is_blank (name))
    return truncate_name (name);
  if ((given != NULL && *given) || (family != NULL && *family))
    {
      g_autofree char *joined = g_strjoin (" ", given ? given : "", family ? family : "", NULL);

      if (!rapport_text_is_blank (joined))
        return truncate_name (joined);
    }
  if (rapport_contact_get_company (contact) != NULL && !rapport_text_is_blank (rapport_contact_get_company (contact)))
    return truncate_name (rapport_contact_get_company (contact));
  if (emails->len > 0)
    return truncate_name (((RapportLabeled *) g_ptr_array_index (emails, 0))->value);
  return NULL;
}

/**
 * rapport_import_draft_finish:
 * @draft: a contact read in full
 * @is_row: whether it came from a CSV row rather than a vCard, for the
 *   wording of a problem
 * @problems: (nullable): where to add a problem
 *
 * Gives the contact its tags, notes and a name to call the person by.
 *
 * Returns: (transfer full) (nullable): the card, or %NULL (and a problem)
 *   when there is nothing to call the person by
 */
RapportImportCard *
rapport_import_draft_finish (RapportImportDraft *draft,
                             gboolean is_row,
                             GPtrArray *problems)
{
  g_autofree char *name = pick_display_name (draft->contact);

  if (name == NULL || *name == '\0')
    {
      rapport_import_add_problem (problems, draft->line,
                                  is_row ? _("This row has no name, company or email address, so there is nothing to call the person by.")
                                         : _("This card has no name, company or email address, so there is nothing to call the person by."));
      return NULL;
    }
  rapport_contact_set_display_name (draft->contact, name);
  if (draft->tags->len > 0)
    {
      g_ptr_array_add (draft->tags, NULL);
      rapport_contact_set_tags (draft->contact, (const char *const *) draft->tags->pdata);
      g_ptr_array_remove_index (draft->tags, draft->tags->len - 1);
    }
  if (draft->notes != NULL)
    rapport_contact_set_notes (draft->contact, draft->notes->str);
  return rapport_import_card_new (draft->contact, draft->line);
}
