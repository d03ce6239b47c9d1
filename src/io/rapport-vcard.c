/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-vcard.c: contact cards read from and written as vCard.
 *
 * The reader takes what phones, web services and desktop programs really
 * export: versions 2.1 (Android, Outlook), 3.0 (iPhone, Google, GNOME
 * Contacts) and 4.0, folded lines, 2.1's quoted-printable values with soft
 * line breaks and their CHARSET, 2.1's bare parameters (TEL;WORK;VOICE:),
 * Apple's item groups whose X-ABLabel names the value, and photos inline
 * or as an address. It reads the file once, front to back, and does work
 * in proportion to its size whatever the file holds, so that a damaged or
 * hostile file costs no more than a good one of the same length.
 *
 * A card that cannot become a contact, or a value the store would refuse,
 * becomes a problem with its line, and the rest of the file is read.
 * Properties Rapport has no field for are skipped without a word.
 *
 * The writer writes vCard 4.0 with CRLF line ends, lines folded at 75
 * octets (never inside a UTF-8 character) and text escaped, as RFC 6350
 * asks. What vCard has no property for travels as X-RAPPORT-*, so that an
 * export reads back the same.
 */
#define G_LOG_DOMAIN "rapport-vcard"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-import-private.h"
#include "rapport-store.h"
#include "rapport-text.h"
#include "rapport-vcard.h"

#define PRODID "-//We&Co//Rapport//EN"
/* RFC 6350 3.2: lines longer than 75 octets should be folded. */
#define FOLD_OCTETS 75

/* ------------------------------------------------------------------ */
/* Reading lines                                                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *text;
  gsize length;
  gsize pos;
  /* The number of the line at pos, counting from 1. */
  guint line;
} Lines;

/* The next physical line without its end (CRLF, LF or a lone CR). */
static gboolean
lines_next (Lines *lines,
            const char **start,
            gsize *length)
{
  gsize i = lines->pos;

  if (i >= lines->length)
    return FALSE;
  *start = lines->text + i;
  while (i < lines->length && lines->text[i] != '\n' && lines->text[i] != '\r')
    i++;
  *length = i - lines->pos;
  if (i < lines->length && lines->text[i] == '\r')
    {
      i++;
      if (i < lines->length && lines->text[i] == '\n')
        i++;
    }
  else if (i < lines->length)
    i++;
  lines->pos = i;
  lines->line++;
  return TRUE;
}

static gboolean
lines_next_is_folded (Lines *lines)
{
  return lines->pos < lines->length && (lines->text[lines->pos] == ' ' || lines->text[lines->pos] == '\t');
}

/* Peeks at the next physical line without moving on. */
static gboolean
lines_peek (Lines *lines,
            const char **start,
            gsize *length)
{
  Lines copy = *lines;

  return lines_next (&copy, start, length);
}

static gboolean
bytes_equal_nocase (const char *a,
                    gsize a_len,
                    const char *b)
{
  gsize b_len = strlen (b);

  return a_len == b_len && g_ascii_strncasecmp (a, b, a_len) == 0;
}

static gboolean
is_end_vcard (const char *line,
              gsize length)
{
  while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t'))
    length--;
  return bytes_equal_nocase (line, length, "END:VCARD");
}

/* ------------------------------------------------------------------ */
/* One property                                                        */
/* ------------------------------------------------------------------ */

typedef enum {
  ENCODING_NONE,
  ENCODING_QP,
  ENCODING_BASE64,
} Encoding;

typedef struct
{
  GString *buf;
  /* Where the value starts in buf (just after the ':'), or 0 while the
   * ':' that ends the name and parameters has not been seen. */
  gsize colon;
  gsize scanned;
  gboolean in_quote;
  guint line;

  /* Parsed from buf[0, colon). */
  char *group;
  char *name;
  GPtrArray *types;
  Encoding encoding;
  char *charset;
  gboolean value_uri;
} Property;

/* Forgets the name and parameters read from buf. */
static void
property_reset_head (Property *prop)
{
  prop->colon = 0;
  prop->scanned = 0;
  prop->in_quote = FALSE;
  g_clear_pointer (&prop->group, g_free);
  g_clear_pointer (&prop->name, g_free);
  g_ptr_array_set_size (prop->types, 0);
  prop->encoding = ENCODING_NONE;
  g_clear_pointer (&prop->charset, g_free);
  prop->value_uri = FALSE;
}

static void
property_reset (Property *prop)
{
  g_string_truncate (prop->buf, 0);
  property_reset_head (prop);
}

static void
add_type (Property *prop,
          const char *value,
          gsize length)
{
  const char *end = value + length;

  /* TYPE=a,b and 4.0's TYPE="a,b" both list several. */
  while (value < end)
    {
      const char *comma = memchr (value, ',', end - value);
      const char *stop = comma != NULL ? comma : end;
      const char *a = value;
      const char *b = stop;

      while (a < b && (*a == '"' || *a == ' '))
        a++;
      while (b > a && (b[-1] == '"' || b[-1] == ' '))
        b--;
      if (b > a)
        g_ptr_array_add (prop->types, g_ascii_strdown (a, b - a));
      value = comma != NULL ? comma + 1 : end;
    }
}

static gboolean
is_encoding_word (const char *value,
                  gsize length,
                  Property *prop)
{
  if (bytes_equal_nocase (value, length, "QUOTED-PRINTABLE"))
    prop->encoding = ENCODING_QP;
  else if (bytes_equal_nocase (value, length, "BASE64") || bytes_equal_nocase (value, length, "B"))
    prop->encoding = ENCODING_BASE64;
  else if (bytes_equal_nocase (value, length, "8BIT") || bytes_equal_nocase (value, length, "7BIT"))
    ;
  else
    return FALSE;
  return TRUE;
}

static void
parse_param (Property *prop,
             const char *param,
             gsize length)
{
  const char *eq = memchr (param, '=', length);
  const char *value;
  gsize value_length;
  gsize name_length;

  if (length == 0)
    return;
  if (eq == NULL)
    {
      /* 2.1's bare parameters: TEL;WORK;VOICE, PHOTO;BASE64 */
      if (!is_encoding_word (param, length, prop))
        add_type (prop, param, length);
      return;
    }
  name_length = eq - param;
  value = eq + 1;
  value_length = length - name_length - 1;
  if (value_length >= 2 && value[0] == '"' && value[value_length - 1] == '"')
    {
      value++;
      value_length -= 2;
    }
  if (bytes_equal_nocase (param, name_length, "TYPE"))
    add_type (prop, value, value_length);
  else if (bytes_equal_nocase (param, name_length, "ENCODING"))
    is_encoding_word (value, value_length, prop);
  else if (bytes_equal_nocase (param, name_length, "CHARSET"))
    {
      g_free (prop->charset);
      prop->charset = g_strndup (value, value_length);
    }
  else if (bytes_equal_nocase (param, name_length, "VALUE"))
    prop->value_uri = bytes_equal_nocase (value, value_length, "uri") || bytes_equal_nocase (value, value_length, "url");
}

/* Parses the name and parameters, buf[0, colon - 1). */
static void
property_parse_head (Property *prop)
{
  const char *head = prop->buf->str;
  gsize head_length = prop->colon - 1;
  gsize name_end = 0;
  const char *dot;
  gsize i;

  while (name_end < head_length && head[name_end] != ';')
    name_end++;
  dot = NULL;
  for (i = name_end; i > 0; i--)
    if (head[i - 1] == '.')
      {
        dot = head + i - 1;
        break;
      }
  if (dot != NULL)
    {
      prop->group = g_ascii_strdown (head, dot - head);
      prop->name = g_ascii_strup (dot + 1, head + name_end - dot - 1);
    }
  else
    prop->name = g_ascii_strup (head, name_end);

  i = name_end;
  while (i < head_length)
    {
      gsize start = ++i;
      gboolean quoted = FALSE;

      while (i < head_length && (quoted || head[i] != ';'))
        {
          if (head[i] == '"')
            quoted = !quoted;
          i++;
        }
      parse_param (prop, head + start, i - start);
    }
}

/* Looks for the ':' that ends the name and parameters in what was added
 * to buf since the last call, so that a long folded line is scanned
 * once. A ':' inside a quoted parameter value does not count. */
static void
property_find_colon (Property *prop)
{
  for (; prop->colon == 0 && prop->scanned < prop->buf->len; prop->scanned++)
    {
      char c = prop->buf->str[prop->scanned];

      if (c == '"')
        prop->in_quote = !prop->in_quote;
      else if (c == ':' && !prop->in_quote)
        {
          prop->colon = prop->scanned + 1;
          property_parse_head (prop);
        }
    }
}

static gboolean
is_blank (const char *line,
          gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;
  return TRUE;
}

/* A card's text is decoded line by logical line, after unfolding: some
 * writers fold in the middle of a UTF-8 character, and a file may mix
 * cards in UTF-8 with one pasted from an old Windows-1252 export. The
 * name and parameters are read again from the decoded text. */
static void
property_decode (Property *prop)
{
  g_autoptr(GString) decoded = NULL;
  g_autoptr(GString) scratch = NULL;

  if (memchr (prop->buf->str, '\0', prop->buf->len) == NULL && g_utf8_validate_len (prop->buf->str, prop->buf->len, NULL))
    return;
  decoded = g_string_sized_new (prop->buf->len + prop->buf->len / 4);
  scratch = g_string_new (NULL);
  rapport_import_append_line (decoded, scratch, prop->buf->str, prop->buf->len);
  g_string_assign (prop->buf, decoded->str);
  property_reset_head (prop);
  property_find_colon (prop);
}

static gboolean
line_has_colon (const char *line,
                gsize length)
{
  return memchr (line, ':', length) != NULL;
}

/* Reads one logical line into prop: the physical lines folded into it
 * (a line starting with a space or tab continues the one before),
 * quoted-printable soft line breaks (a line ending in '=') and 2.1's
 * base64 blocks, whose lines some phones do not indent. Returns FALSE at
 * the end of the text. */
static gboolean
read_property (Lines *lines,
               Property *prop)
{
  const char *start;
  gsize length;

  property_reset (prop);
  do
    {
      if (!lines_next (lines, &start, &length))
        return FALSE;
    }
  while (is_blank (start, length));
  prop->line = lines->line;
  g_string_append_len (prop->buf, start, length);

  for (;;)
    {
      const char *next;
      gsize next_length;

      property_find_colon (prop);
      if (prop->colon != 0 && prop->encoding == ENCODING_QP && prop->buf->len > prop->colon && prop->buf->str[prop->buf->len - 1] == '=' && lines_peek (lines, &next, &next_length) && !is_end_vcard (next, next_length))
        {
          g_string_truncate (prop->buf, prop->buf->len - 1);
          lines_next (lines, &next, &next_length);
          g_string_append_len (prop->buf, next, next_length);
          continue;
        }
      if (lines_next_is_folded (lines))
        {
          lines_next (lines, &next, &next_length);
          g_string_append_len (prop->buf, next + 1, next_length - 1);
          continue;
        }
      if (prop->colon != 0 && prop->encoding == ENCODING_BASE64 && lines_peek (lines, &next, &next_length) && next_length > 0 && !line_has_colon (next, next_length))
        {
          lines_next (lines, &next, &next_length);
          g_string_append_len (prop->buf, next, next_length);
          continue;
        }
      break;
    }
  property_decode (prop);
  return TRUE;
}

static gboolean
property_is (Property *prop,
             const char *name)
{
  return prop->name != NULL && g_str_equal (prop->name, name);
}

static gboolean
property_has_type (Property *prop,
                   const char *type)
{
  for (guint i = 0; i < prop->types->len; i++)
    if (g_str_equal (g_ptr_array_index (prop->types, i), type))
      return TRUE;
  return FALSE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* The value as UTF-8 text, still escaped: quoted-printable decoded and
 * converted from its CHARSET. */
static char *
property_raw_value (Property *prop)
{
  const char *value = prop->buf->str + prop->colon;
  gsize length = prop->buf->len - prop->colon;

  if (prop->encoding == ENCODING_QP)
    {
      g_autoptr(GString) bytes = g_string_sized_new (length);

      for (gsize i = 0; i < length; i++)
        {
          int hi, lo;

          if (value[i] == '=' && i + 2 < length && (hi = hex_value (value[i + 1])) >= 0 && (lo = hex_value (value[i + 2])) >= 0)
            {
              g_string_append_c (bytes, (char) (hi << 4 | lo));
              i += 2;
            }
          else
            g_string_append_c (bytes, value[i]);
        }
      return rapport_import_decode (bytes->str, bytes->len, prop->charset);
    }
  return g_strndup (value, length);
}

/* Undoes vCard's escapes: \n and \N are line breaks, \\ \, \; and \:
 * the character itself. A backslash before anything else is kept, as
 * 2.1 files use it in plain text. */
static char *
unescape (const char *text,
          gsize length)
{
  GString *out;

  /* Most values have nothing escaped. */
  if (memchr (text, '\\', length) == NULL)
    return g_strndup (text, length);
  out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '\\' && i + 1 < length)
        {
          char n = text[i + 1];

          if (n == 'n' || n == 'N')
            {
              g_string_append_c (out, '\n');
              i++;
              continue;
            }
          if (n == '\\' || n == ',' || n == ';' || n == ':')
            {
              g_string_append_c (out, n);
              i++;
              continue;
            }
        }
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
property_text (Property *prop)
{
  g_autofree char *raw = NULL;

  if (prop->encoding != ENCODING_QP)
    return unescape (prop->buf->str + prop->colon, prop->buf->len - prop->colon);
  raw = property_raw_value (prop);
  return unescape (raw, strlen (raw));
}

/* Splits a structured value (N, ADR, ORG) at @sep where it is not
 * escaped, and unescapes each part. */
static GPtrArray *
property_components (Property *prop,
                     char sep)
{
  g_autofree char *raw = property_raw_value (prop);
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = raw;
  const char *p = raw;

  for (; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == sep)
        {
          g_ptr_array_add (parts, unescape (start, p - start));
          start = p + 1;
        }
    }
  g_ptr_array_add (parts, unescape (start, p - start));
  return parts;
}

static char *
component (GPtrArray *parts,
           guint index)
{
  return index < parts->len ? g_ptr_array_index (parts, index) : NULL;
}

/* ------------------------------------------------------------------ */
/* Photos                                                              */
/* ------------------------------------------------------------------ */

static int
base64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

/* g_base64_decode() skips what is not base64 and never says so; a
 * damaged photo should be reported, not shown as noise. White space
 * (folding leftovers) is skipped and missing padding forgiven. */
static GBytes *
decode_base64 (const char *text,
               gsize length)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new (length * 3 / 4 + 3);
  guint32 acc = 0;
  guint n = 0;
  guint padding = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      int v;
      guint8 byte;

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        continue;
      if (c == '=')
        {
          padding++;
          continue;
        }
      v = base64_value (c);
      if (v < 0 || padding > 0)
        return NULL;
      acc = acc << 6 | (guint32) v;
      if (++n % 4 == 0)
        {
          byte = acc >> 16;
          g_byte_array_append (out, &byte, 1);
          byte = acc >> 8;
          g_byte_array_append (out, &byte, 1);
          byte = acc;
          g_byte_array_append (out, &byte, 1);
          acc = 0;
        }
    }
  switch (n % 4)
    {
    case 0:
      break;
    case 2:
      {
        guint8 byte = acc >> 4;

        g_byte_array_append (out, &byte, 1);
        break;
      }
    case 3:
      {
        guint8 bytes[2] = { acc >> 10, acc >> 2 };

        g_byte_array_append (out, bytes, 2);
        break;
      }
    default:
      return NULL;
    }
  if (padding > 2 || out->len == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ------------------------------------------------------------------ */
/* Cards                                                               */
/* ------------------------------------------------------------------ */

typedef enum {
  ENTRY_EMAIL,
  ENTRY_PHONE,
  ENTRY_URL,
} EntryKind;

/* Emails, phones and addresses wait for the end of the card, where an
 * Apple X-ABLabel of the same group (before or after them) names them. */
typedef struct
{
  EntryKind kind;
  char *group;
  char *label;
  char *value;
  gboolean linkedin;
  guint line;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->group);
  g_free (entry->label);
  g_free (entry->value);
}

typedef struct
{
  gboolean open;
  RapportImportDraft draft;
  GArray *entries;
  GHashTable *group_labels;
  GBytes *photo;
  char *photo_uri;
} Card;

static void
card_close (Card *card)
{
  if (!card->open)
    return;
  rapport_import_draft_clear (&card->draft);
  g_array_set_size (card->entries, 0);
  g_clear_pointer (&card->group_labels, g_hash_table_unref);
  g_clear_pointer (&card->photo, g_bytes_unref);
  g_clear_pointer (&card->photo_uri, g_free);
  card->open = FALSE;
}

static void
card_open (Card *card,
           guint line)
{
  card_close (card);
  rapport_import_draft_init (&card->draft, line);
  card->open = TRUE;
}

static void
card_add_entry (Card *card,
                Property *prop,
                EntryKind kind,
                char *label,
                char *value,
                gboolean linkedin)
{
  Entry entry = { kind, g_strdup (prop->group), label, value, linkedin, prop->line };

  g_array_append_val (card->entries, entry);
}

static char *
email_label (Property *prop)
{
  if (property_has_type (prop, "work"))
    return g_strdup ("work");
  if (property_has_type (prop, "home") || property_has_type (prop, "personal"))
    return g_strdup ("personal");
  return g_strdup ("other");
}

static char *
phone_label (Property *prop)
{
  if (property_has_type (prop, "cell") || property_has_type (prop, "mobile") || property_has_type (prop, "iphone"))
    return g_strdup ("mobile");
  if (property_has_type (prop, "work"))
    return g_strdup ("work");
  if (property_has_type (prop, "home"))
    return g_strdup ("home");
  return g_strdup ("other");
}

static void
read_photo (Card *card,
            Property *prop,
            GPtrArray *problems)
{
  g_autofree char *raw = NULL;
  const char *value;
  GBytes *bytes = NULL;

  if (card->photo != NULL || card->photo_uri != NULL)
    return;
  raw = prop->encoding == ENCODING_BASE64 ? g_strndup (prop->buf->str + prop->colon, prop->buf->len - prop->colon)
                                          : property_raw_value (prop);
  value = g_strstrip (raw);
  if (*value == '\0')
    return;

  if (prop->encoding == ENCODING_BASE64)
    bytes = decode_base64 (value, strlen (value));
  else if (g_ascii_strncasecmp (value, "data:", 5) == 0)
    {
      const char *comma = strchr (value, ',');
      const char *b64 = comma != NULL ? g_strstr_len (value, comma - value, ";base64") : NULL;

      if (comma == NULL)
        bytes = NULL;
      else if (b64 != NULL)
        bytes = decode_base64 (comma + 1, strlen (comma + 1));
      else
        bytes = g_uri_unescape_bytes (comma + 1, -1, NULL, NULL);
      if (bytes != NULL && g_bytes_get_size (bytes) == 0)
        g_clear_pointer (&bytes, g_bytes_unref);
    }
  else
    {
      /* An address: VALUE=uri (3.0, 4.0), VALUE=URL (2.1), or nothing
       * but the address itself. */
      card->photo_uri = g_strdup (value);
      return;
    }

  if (bytes == NULL)
    {
      rapport_import_add_problem (problems, prop->line, _("The photo on this card is damaged (it is not valid base64), so the card was read without it."));
      return;
    }
  card->photo = bytes;
}

static void
read_rapport_field (Card *card,
                    Property *prop)
{
  RapportContact *contact = card->draft.contact;
  g_autofree char *text = property_text (prop);
  const char *field = prop->name + strlen ("X-RAPPORT-");

  g_strstrip (text);
  if (g_str_equal (field, "HELP-THEM"))
    rapport_contact_set_help_them (contact, text);
  else if (g_str_equal (field, "HELP-ME"))
    rapport_contact_set_help_me (contact, text);
  else if (g_str_equal (field, "INDUSTRY"))
    rapport_contact_set_industry (contact, text);
  else if (g_str_equal (field, "RELATIONSHIP"))
    rapport_contact_set_relationship (contact, rapport_relationship_from_string (text));
  else if (g_str_equal (field, "STARRED"))
    rapport_contact_set_starred (contact, g_ascii_strcasecmp (text, "1") == 0 || g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0);
  else if (g_str_equal (field, "MET-ON"))
    {
      if (rapport_date_is_valid (text))
        rapport_contact_set_met_on (contact, text);
    }
  else if (g_str_equal (field, "CADENCE-DAYS"))
    {
      gint64 days = g_ascii_strtoll (text, NULL, 10);

      if (days > 0 && days <= 3650)
        rapport_contact_set_cadence_days (contact, (int) days);
    }
  else if (g_str_equal (field, "INDUSTRY-SINCE"))
    {
      gint64 year = g_ascii_strtoll (text, NULL, 10);

      if (rapport_import_year_is_valid (year))
        rapport_contact_set_industry_since (contact, (int) year);
    }
}

static void
read_card_property (Card *card,
                    Property *prop,
                    GPtrArray *problems)
{
  RapportContact *contact = card->draft.contact;

  if (property_is (prop, "FN"))
    {
      g_autofree char *text = property_text (prop);

      if (rapport_contact_get_display_name (contact) == NULL)
        rapport_contact_set_display_name (contact, g_strstrip (text));
    }
  else if (property_is (prop, "N"))
    {
      g_autoptr(GPtrArray) parts = property_components (prop, ';');

      if (rapport_contact_get_given_name (contact) == NULL && rapport_contact_get_family_name (contact) == NULL)
        {
          g_strstrip (component (parts, 0));
          rapport_contact_set_family_name (contact, component (parts, 0));
          if (component (parts, 1) != NULL)
            rapport_contact_set_given_name (contact, g_strstrip (component (parts, 1)));
        }
    }
  else if (property_is (prop, "ORG"))
    {
      g_autoptr(GPtrArray) parts = property_components (prop, ';');

      if (rapport_contact_get_company (contact) == NULL)
        rapport_contact_set_company (contact, g_strstrip (component (parts, 0)));
    }
  else if (property_is (prop, "TITLE"))
    {
      g_autofree char *text = property_text (prop);

      if (rapport_contact_get_job_title (contact) == NULL)
        rapport_contact_set_job_title (contact, g_strstrip (text));
    }
  else if (property_is (prop, "NOTE"))
    {
      g_autofree char *text = property_text (prop);

      rapport_import_draft_add_note (&card->draft, text);
    }
  else if (property_is (prop, "EMAIL"))
    card_add_entry (card, prop, ENTRY_EMAIL, email_label (prop), property_text (prop), FALSE);
  else if (property_is (prop, "TEL"))
    card_add_entry (card, prop, ENTRY_PHONE, phone_label (prop), property_text (prop), FALSE);
  else if (property_is (prop, "URL"))
    card_add_entry (card, prop, ENTRY_URL, NULL, property_text (prop), FALSE);
  else if (property_is (prop, "X-SOCIALPROFILE"))
    {
      if (property_has_type (prop, "linkedin"))
        card_add_entry (card, prop, ENTRY_URL, NULL, property_text (prop), TRUE);
    }
  else if (property_is (prop, "ADR"))
    {
      g_autoptr(GPtrArray) parts = property_components (prop, ';');
      const char *city = component (parts, 3);

      if (city != NULL && rapport_contact_get_city (card->draft.contact) == NULL)
        rapport_contact_set_city (contact, g_strstrip ((char *) city));
    }
  else if (property_is (prop, "CATEGORIES"))
    {
      g_autoptr(GPtrArray) parts = property_components (prop, ',');

      for (guint i = 0; i < parts->len; i++)
        {
          const char *tag = g_strstrip (component (parts, i));

          /* Google's own groups: everyone is in myContacts, and starred
           * is Rapport's star. */
          if (g_str_equal (tag, "myContacts"))
            continue;
          if (g_str_equal (tag, "starred"))
            rapport_contact_set_starred (contact, TRUE);
          else
            rapport_import_draft_add_tag (&card->draft, tag);
        }
    }
  else if (property_is (prop, "PHOTO"))
    read_photo (card, prop, problems);
  else if (property_is (prop, "X-ABLABEL"))
    {
      if (prop->group != NULL)
        {
          if (card->group_labels == NULL)
            card->group_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_replace (card->group_labels, g_strdup (prop->group), property_text (prop));
        }
    }
  else if (g_str_has_prefix (prop->name, "X-RAPPORT-"))
    read_rapport_field (card, prop);
}

static void
card_finish (Card *card,
             GPtrArray *cards,
             GPtrArray *problems)
{
  RapportImportCard *result;

  for (guint i = 0; i < card->entries->len; i++)
    {
      Entry *entry = &g_array_index (card->entries, Entry, i);
      const char *ab_label = NULL;
      g_autofree char *label = NULL;

      if (entry->group != NULL && card->group_labels != NULL)
        ab_label = g_hash_table_lookup (card->group_labels, entry->group);

      switch (entry->kind)
        {
        case ENTRY_EMAIL:
        case ENTRY_PHONE:
          label = ab_label != NULL ? rapport_import_label (ab_label, entry->kind == ENTRY_EMAIL) : g_strdup (entry->label);
          if (entry->kind == ENTRY_EMAIL)
            rapport_import_draft_add_email (&card->draft, label, entry->value, entry->line, problems);
          else
            rapport_import_draft_add_phone (&card->draft, label, entry->value, entry->line, problems);
          break;
        case ENTRY_URL:
        default:
          rapport_import_draft_add_url (&card->draft, entry->value, entry->linkedin || (ab_label != NULL && g_ascii_strcasecmp (ab_label, "linkedin") == 0));
          break;
        }
    }

  result = rapport_import_draft_finish (&card->draft, FALSE, problems);
  if (result != NULL)
    {
      result->photo = g_steal_pointer (&card->photo);
      result->photo_uri = g_steal_pointer (&card->photo_uri);
      g_ptr_array_add (cards, result);
    }
  card_close (card);
}

static gboolean
value_is_vcard (Property *prop)
{
  const char *value = prop->buf->str + prop->colon;
  gsize length = prop->buf->len - prop->colon;

  while (length > 0 && g_ascii_isspace (*value))
    {
      value++;
      length--;
    }
  while (length > 0 && g_ascii_isspace (value[length - 1]))
    length--;
  return bytes_equal_nocase (value, length, "VCARD");
}

/**
 * rapport_vcard_sniff:
 * @data: the start of a file, or all of it
 * @length: its length
 *
 * Returns: whether the file looks like vCard: a line of its first 4 KB
 *   is BEGIN:VCARD, in any encoding rapport_import_to_utf8() reads
 */
gboolean
rapport_vcard_sniff (const char *data,
                     gsize length)
{
  gsize text_length = 0;
  g_autofree char *text = rapport_import_to_utf8 (data, MIN (length, 4096), &text_length);
  Lines lines = { text, text_length, 0, 0 };
  const char *line;
  gsize line_length;

  while (lines_next (&lines, &line, &line_length))
    {
      while (line_length > 0 && (*line == ' ' || *line == '\t'))
        {
          line++;
          line_length--;
        }
      if (line_length >= 11 && g_ascii_strncasecmp (line, "BEGIN:VCARD", 11) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Reads the cards of lines->text from lines->pos to lines->length. */
static void
parse_lines (Lines *lines,
             GPtrArray *cards,
             GPtrArray *problems)
{
  Property prop = { 0 };
  Card card = { 0 };

  prop.buf = g_string_new (NULL);
  prop.types = g_ptr_array_new_with_free_func (g_free);
  card.entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (card.entries, (GDestroyNotify) entry_clear);

  while (read_property (lines, &prop))
    {
      gboolean is_vcard;

      if (prop.colon == 0 || prop.name == NULL)
        continue;
      is_vcard = (property_is (&prop, "BEGIN") || property_is (&prop, "END")) && value_is_vcard (&prop);

      if (is_vcard && property_is (&prop, "BEGIN"))
        {
          if (card.open)
            rapport_import_add_problem (problems, card.draft.line, _("This card does not end (its END:VCARD line is missing), so it was not imported."));
          card_open (&card, prop.line);
        }
      else if (is_vcard && property_is (&prop, "END"))
        {
          if (card.open)
            card_finish (&card, cards, problems);
        }
      else if (card.open)
        read_card_property (&card, &prop, problems);
    }
  if (card.open)
    rapport_import_add_problem (problems, card.draft.line, _("This card does not end (its END:VCARD line is missing), so it was not imported."));

  card_close (&card);
  g_array_unref (card.entries);
  property_reset (&prop);
  g_string_free (prop.buf, TRUE);
  g_ptr_array_unref (prop.types);
}

/* Where a piece of the text may start: the first line at or after @from
 * that follows an END:VCARD line and does not continue it (a line that
 * starts with a space or tab would). An END:VCARD line is always read as
 * a property of its own (it has no fold, is no quoted-printable
 * continuation, see read_property(), and has a ':' that ends a base64
 * block) and leaves no card open, so reading from such a line on finds
 * what reading the whole text finds there. Returns @length if there is
 * none. */
static gsize
piece_start (const char *text,
             gsize from,
             gsize length)
{
  static const char end_vcard[] = "END:VCARD";
  gsize pos = from;

  while (pos < length)
    {
      const char *nl = memchr (text + pos, '\n', length - pos);
      gsize line_end;
      gsize next;

      if (nl == NULL)
        return length;
      next = nl - text + 1;
      line_end = nl - text;
      if (line_end > pos && text[line_end - 1] == '\r')
        line_end--;
      /* A line of its own: the byte before it ends the line before. */
      if (pos == from && pos > 0 && text[pos - 1] != '\n' && text[pos - 1] != '\r')
        {
          pos = next;
          continue;
        }
      while (line_end > pos && (text[line_end - 1] == ' ' || text[line_end - 1] == '\t'))
        line_end--;
      if (line_end - pos == sizeof end_vcard - 1 && g_ascii_strncasecmp (text + pos, end_vcard, line_end - pos) == 0 &&
          next < length && text[next] != ' ' && text[next] != '\t')
        return next;
      pos = next;
    }
  return length;
}

/* The number of lines text[0, end) holds, as lines_next() counts them. */
static guint
count_lines (const char *text,
             gsize end)
{
  guint n = 0;

  for (gsize i = 0; i < end; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= end || text[i + 1] != '\n')))
      n++;
  return n;
}

typedef struct
{
  Lines lines;
  GPtrArray *cards;
  GPtrArray *problems;
} Piece;

static gpointer
parse_piece (gpointer data)
{
  Piece *piece = data;

  parse_lines (&piece->lines, piece->cards, piece->problems);
  return NULL;
}

/* Large files are read in pieces of at least this many bytes at once. */
#define MIN_PIECE_BYTES (1024 * 1024)
#define MAX_PIECES 8

/**
 * rapport_vcard_parse_in_pieces:
 * @data: as for rapport_vcard_parse()
 * @length: its length
 * @n_pieces: how many pieces the text may be read in at once, on as
 *   many threads; 1 reads it front to back on this one
 * @problems: (element-type RapportImportProblem) (nullable): as for
 *   rapport_vcard_parse()
 *
 * rapport_vcard_parse() with the number of pieces chosen: the cards and
 * problems are the same whatever it is.
 *
 * Returns: (transfer full) (element-type RapportImportCard): the cards,
 *   in the order of the file
 */
GPtrArray *
rapport_vcard_parse_in_pieces (const char *data,
                               gsize length,
                               guint n_pieces,
                               GPtrArray *problems)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_card_free);
  g_autofree char *utf16 = NULL;
  Lines lines = { data, data != NULL ? length : 0, 0, 0 };
  Piece pieces[MAX_PIECES] = { { { 0 } } };
  GThread *threads[MAX_PIECES] = { NULL };
  guint n = 0;

  /* UTF-16 is converted whole; anything else is read as bytes and
   * decoded property by property (property_decode()). */
  if (lines.length >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE) && ((guchar) data[1] == 0xFF || (guchar) data[1] == 0xFE) && data[0] != data[1])
    {
      utf16 = rapport_import_to_utf8 (data, length, &lines.length);
      lines.text = utf16;
    }
  else if (lines.length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    lines.pos = 3;

  /* Each piece starts where reading the whole text would be between
   * two cards; the line numbers go on from the pieces before. */
  n_pieces = CLAMP (n_pieces, 1, MAX_PIECES);
  for (gsize start = lines.pos; start < lines.length && n < n_pieces; n++)
    {
      gsize end = n + 1 < n_pieces ? piece_start (lines.text, start + (lines.length - start) / (n_pieces - n), lines.length)
                                   : lines.length;

      pieces[n].lines = (Lines){ lines.text, end, start, n == 0 ? 0 : pieces[n - 1].lines.line };
      pieces[n].cards = n == 0 ? g_ptr_array_ref (cards) : g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_card_free);
      pieces[n].problems = problems == NULL ? NULL : n == 0 ? g_ptr_array_ref (problems)
                                                            : g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_problem_free);
      if (n > 0)
        pieces[n].lines.line += count_lines (lines.text + pieces[n - 1].lines.pos, start - pieces[n - 1].lines.pos);
      start = end;
    }
  if (n == 0)
    return cards;
  for (guint i = 1; i < n; i++)
    threads[i] = g_thread_new ("rapport-vcard", parse_piece, &pieces[i]);
  parse_piece (&pieces[0]);
  for (guint i = 0; i < n; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      /* Each piece's cards and problems go after the ones before. */
      if (i > 0)
        {
          g_ptr_array_extend_and_steal (cards, g_steal_pointer (&pieces[i].cards));
          if (problems != NULL)
            g_ptr_array_extend_and_steal (problems, g_steal_pointer (&pieces[i].problems));
        }
      g_clear_pointer (&pieces[i].cards, g_ptr_array_unref);
      g_clear_pointer (&pieces[i].problems, g_ptr_array_unref);
    }
  return cards;
}

/**
 * rapport_vcard_parse:
 * @data: the bytes of a .vcf file, in any encoding rapport_import_to_utf8()
 *   reads
 * @length: their length
 * @problems: (element-type RapportImportProblem) (nullable): where to add
 *   the cards and values that were skipped, and why
 *
 * Reads every card of a file. A card that is cut short, or has nothing to
 * call the person by, is left out with a problem; a value the store would
 * refuse (an email address without an @) is left out of its card with a
 * problem. Text outside the cards is ignored. A large file is read in
 * pieces on as many threads as there are processors.
 *
 * Returns: (transfer full) (element-type RapportImportCard): the cards,
 *   in the order of the file
 */
GPtrArray *
rapport_vcard_parse (const char *data,
                     gsize length,
                     GPtrArray *problems)
{
  guint n_pieces = MIN (g_get_num_processors (), MAX (length / MIN_PIECE_BYTES, 1));

  return rapport_vcard_parse_in_pieces (data, length, n_pieces, problems);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* Escapes text as RFC 6350 3.4 asks; line breaks of any kind become \n. */
static void
append_escaped (GString *out,
                const char *text)
{
  for (const char *p = text; p != NULL && *p; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case '\r':
          g_string_append (out, "\\n");
          if (p[1] == '\n')
            p++;
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

/* Appends @line folded at 75 octets, each continuation starting with a
 * space, never cutting a UTF-8 character, then CRLF. */
static void
append_folded (GString *out,
               const char *line,
               gsize length)
{
  gsize start = 0;
  gsize room = FOLD_OCTETS;

  while (length - start > room)
    {
      gsize cut = start + room;

      while (cut > start + 1 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      room = FOLD_OCTETS - 1;
    }
  g_string_append_len (out, line + start, length - start);
  g_string_append (out, "\r\n");
}

/* One property: @head is the name and parameters as they are written,
 * each value in @values is escaped and the values are joined with @sep
 * (';' for the parts of N and ADR, ',' for a list). */
static void
append_property_v (GString *out,
                   GString *line,
                   const char *head,
                   char sep,
                   const char *const *values,
                   guint n_values)
{
  g_string_assign (line, head);
  g_string_append_c (line, ':');
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (line, sep);
      append_escaped (line, values[i]);
    }
  append_folded (out, line->str, line->len);
}

static void
append_property (GString *out,
                 GString *line,
                 const char *head,
                 const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  append_property_v (out, line, head, ';', &value, 1);
}

static gboolean
is_known_label (const char *label,
                gboolean is_email)
{
  static const char *const email_labels[] = { "work", "personal", "other", NULL };
  static const char *const phone_labels[] = { "mobile", "work", "home", "other", NULL };

  return label == NULL || *label == '\0' || g_strv_contains (is_email ? email_labels : phone_labels, label);
}

/* Labels Rapport knows become TYPE; any other label travels as Apple's
 * item group and X-ABLabel, which Apple's and Google's contacts and
 * Rapport read back. */
static void
append_labeled (GString *out,
                GString *line,
                GPtrArray *values,
                gboolean is_email,
                guint *item)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      RapportLabeled *labeled = g_ptr_array_index (values, i);
      const char *name = is_email ? "EMAIL" : "TEL";
      const char *label = labeled->label;
      g_autofree char *head = NULL;

      if (labeled->value == NULL || *labeled->value == '\0')
        continue;
      if (!is_known_label (label, is_email))
        {
          g_autofree char *group = g_strdup_printf ("item%u", ++*item);
          g_autofree char *label_head = g_strdup_printf ("%s.X-ABLabel", group);

          head = g_strdup_printf ("%s.%s", group, name);
          append_property (out, line, head, labeled->value);
          append_property (out, line, label_head, label);
          continue;
        }
      if (g_strcmp0 (label, "work") == 0)
        head = g_strdup_printf ("%s;TYPE=work", name);
      else if (g_strcmp0 (label, "personal") == 0 || g_strcmp0 (label, "home") == 0)
        head = g_strdup_printf ("%s;TYPE=home", name);
      else if (g_strcmp0 (label, "mobile") == 0)
        head = g_strdup_printf ("%s;TYPE=cell", name);
      else
        head = g_strdup (name);
      append_property (out, line, head, labeled->value);
    }
}

/* A photo as RFC 2397 data: URI, which vCard 4.0 takes as PHOTO's value.
 * A URI is not text: its commas are not escaped. */
static void
append_photo (GString *out,
              GString *line,
              GBytes *photo,
              const char *mime_type)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (photo, &size);
  g_autofree char *base64 = NULL;

  if (mime_type == NULL)
    mime_type = rapport_photo_check (photo, NULL);
  if (mime_type == NULL || size == 0)
    return;
  base64 = g_base64_encode (data, size);
  g_string_printf (line, "PHOTO:data:%s;base64,%s", mime_type, base64);
  append_folded (out, line->str, line->len);
}

static void
append_card (GString *out,
             RapportContact *contact,
             GBytes *photo,
             const char *mime_type,
             gboolean shared)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char *linkedin = rapport_contact_get_linkedin (contact);
  const char *city = rapport_contact_get_city (contact);
  const char *name[5] = { rapport_contact_get_family_name (contact), rapport_contact_get_given_name (contact), "", "", "" };
  guint item = 0;

  for (guint i = 0; i < 2; i++)
    if (name[i] == NULL)
      name[i] = "";

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:" PRODID "\r\n");
  if (!shared && rapport_contact_get_uuid (contact) != NULL)
    {
      g_autofree char *uid = g_strdup_printf ("urn:uuid:%s", rapport_contact_get_uuid (contact));

      append_property (out, line, "UID", uid);
    }
  append_property (out, line, "FN", rapport_contact_get_display_name (contact));
  append_property_v (out, line, "N", ';', name, G_N_ELEMENTS (name));
  append_property (out, line, "ORG", rapport_contact_get_company (contact));
  append_property (out, line, "TITLE", rapport_contact_get_job_title (contact));
  append_labeled (out, line, rapport_contact_get_emails (contact), TRUE, &item);
  append_labeled (out, line, rapport_contact_get_phones (contact), FALSE, &item);
  append_property (out, line, "URL", rapport_contact_get_website (contact));
  if (linkedin != NULL && *linkedin)
    {
      append_property (out, line, "X-SOCIALPROFILE;TYPE=linkedin", linkedin);
      /* Programs that know no X-SOCIALPROFILE still show the address. */
      if (strstr (linkedin, "linkedin.com") != NULL && g_strcmp0 (linkedin, rapport_contact_get_website (contact)) != 0)
        append_property (out, line, "URL", linkedin);
    }
  if (city != NULL && *city)
    {
      const char *adr[7] = { "", "", "", city, "", "", "" };

      append_property_v (out, line, "ADR", ';', adr, G_N_ELEMENTS (adr));
    }
  if (photo != NULL)
    append_photo (out, line, photo, mime_type);

  if (!shared)
    {
      const char *const *tags = rapport_contact_get_tags (contact);
      RapportRelationship relationship = rapport_contact_get_relationship (contact);

      if (tags != NULL && tags[0] != NULL)
        append_property_v (out, line, "CATEGORIES", ',', tags, g_strv_length ((char **) tags));
      append_property (out, line, "NOTE", rapport_contact_get_notes (contact));
      append_property (out, line, "X-RAPPORT-INDUSTRY", rapport_contact_get_industry (contact));
      if (rapport_contact_get_industry_since (contact) != 0)
        {
          g_autofree char *year = g_strdup_printf ("%d", rapport_contact_get_industry_since (contact));

          append_property (out, line, "X-RAPPORT-INDUSTRY-SINCE", year);
        }
      if (relationship != RAPPORT_RELATIONSHIP_UNKNOWN)
        append_property (out, line, "X-RAPPORT-RELATIONSHIP", rapport_relationship_to_string (relationship));
      append_property (out, line, "X-RAPPORT-HELP-THEM", rapport_contact_get_help_them (contact));
      append_property (out, line, "X-RAPPORT-HELP-ME", rapport_contact_get_help_me (contact));
      append_property (out, line, "X-RAPPORT-MET-ON", rapport_contact_get_met_on (contact));
      if (rapport_contact_get_starred (contact))
        append_property (out, line, "X-RAPPORT-STARRED", "1");
      if (rapport_contact_get_cadence_days (contact) > 0)
        {
          g_autofree char *days = g_strdup_printf ("%d", rapport_contact_get_cadence_days (contact));

          append_property (out, line, "X-RAPPORT-CADENCE-DAYS", days);
        }
    }
  g_string_append (out, "END:VCARD\r\n");
}

/**
 * rapport_vcard_append:
 * @out: where to write
 * @contact: the contact
 *
 * Appends @contact as a vCard 4.0 with every field Rapport keeps; fields
 * vCard has no property for are written as X-RAPPORT-* properties.
 */
void
rapport_vcard_append (GString *out,
                      RapportContact *contact)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (RAPPORT_IS_CONTACT (contact));

  append_card (out, contact, NULL, NULL, FALSE);
}

/**
 * rapport_vcard_append_with_photo:
 * @out: where to write
 * @contact: the contact
 * @photo: (nullable): the contact's photo, as the store keeps it
 * @mime_type: (nullable): its type, "image/jpeg"…, or %NULL to tell it
 *   from the bytes
 *
 * Appends @contact as rapport_vcard_append() does, with its photo inline
 * as a data: URI, which the vCard reader gives back as the card's photo.
 */
void
rapport_vcard_append_with_photo (GString *out,
                                 RapportContact *contact,
                                 GBytes *photo,
                                 const char *mime_type)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (RAPPORT_IS_CONTACT (contact));

  append_card (out, contact, photo, mime_type, FALSE);
}

/**
 * rapport_vcard_write:
 * @contact: the contact
 *
 * Returns: (transfer full): @contact as a vCard 4.0 with every field
 *   Rapport keeps, as rapport_vcard_append() writes it
 */
char *
rapport_vcard_write (RapportContact *contact)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (RAPPORT_IS_CONTACT (contact), NULL);

  append_card (out, contact, NULL, NULL, FALSE);
  return g_string_free (out, FALSE);
}

/**
 * rapport_vcard_write_shared:
 * @contact: the contact
 *
 * Returns: (transfer full): the business card of @contact as vCard 4.0:
 *   name, company, job title, emails, phones, website, LinkedIn and city,
 *   never notes, tags or what the user keeps about the person
 */
char *
rapport_vcard_write_shared (RapportContact *contact)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (RAPPORT_IS_CONTACT (contact), NULL);

  append_card (out, contact, NULL, NULL, TRUE);
  return g_string_free (out, FALSE);
}

/**
 * rapport_vcard_write_contacts:
 * @store: the store the contacts are in
 * @contacts: (array length=n_contacts): contacts of @store
 * @n_contacts: how many
 *
 * An export: every contact as vCard 4.0 with every field and its photo,
 * in one text that the vCard reader gives back as the same contacts.
 *
 * Returns: (transfer full): the vCard text
 */
char *
rapport_vcard_write_contacts (RapportStore *store,
                              RapportContact *const *contacts,
                              guint n_contacts)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  for (guint i = 0; i < n_contacts; i++)
    {
      g_autofree char *mime_type = NULL;
      g_autoptr(GBytes) photo = rapport_store_get_contact_photo (store, rapport_contact_get_id (contacts[i]),
                                                                  &mime_type, NULL);

      rapport_vcard_append_with_photo (out, contacts[i], photo, mime_type);
    }
  return g_string_free (out, FALSE);
}
