/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-csv.c: comma-separated files, and the contact lists that LinkedIn,
 * Google Contacts, Outlook and Rapport itself write in that form.
 *
 * The reader follows RFC 4180 and forgives what spreadsheets really write:
 * CRLF, LF or CR line ends, a byte order mark, a last line without a line
 * end, rows shorter or longer than the header, text after a closing quote
 * and a quote that never closes (the field then runs to the end of the
 * file, which is still linear work). A contact list may be separated by
 * semicolons or tabs, as Excel saves it in French or German.
 *
 * A contact list is recognised by its header, the first row that names
 * columns Rapport knows; LinkedIn puts a few lines of notes before it.
 * Each column then has a role (first name, an email address and the
 * column holding its label, the tags...). Google keeps several values in
 * one cell separated by " ::: " and marks its own groups with "* ".
 * Rapport's own export keeps several emails, phones or tags in one cell,
 * one per line, so that it reads back exactly.
 */
#define G_LOG_DOMAIN "rapport-csv"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-csv.h"
#include "rapport-import-private.h"
#include "rapport-text.h"

/* How many rows before the header a file may have (LinkedIn's notes). */
#define MAX_PREAMBLE_ROWS 20

struct _RapportCsvReader
{
  const char *text;
  gsize length;
  gsize pos;
  guint line;
  GPtrArray *fields;
  GString *field;
  char separator;
};

/**
 * rapport_csv_reader_new:
 * @text: UTF-8 text, which must stay alive as long as the reader
 * @length: its length in bytes
 *
 * Returns: (transfer full): a reader at the first record of @text
 */
RapportCsvReader *
rapport_csv_reader_new (const char *text,
                        gsize length)
{
  RapportCsvReader *reader = g_new0 (RapportCsvReader, 1);

  reader->text = text;
  reader->length = text != NULL ? length : 0;
  if (reader->length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = 3;
  reader->line = 1;
  reader->separator = ',';
  reader->fields = g_ptr_array_new_with_free_func (g_free);
  reader->field = g_string_new (NULL);
  return reader;
}

/**
 * rapport_csv_reader_set_separator:
 * @reader: a reader
 * @separator: what separates fields: ',' (the default), or ';' or a tab
 *   as spreadsheets write in languages whose decimal mark is a comma
 */
void
rapport_csv_reader_set_separator (RapportCsvReader *reader,
                                  char separator)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (separator != '"' && separator != '\r' && separator != '\n' && separator != '\0');

  reader->separator = separator;
}

void
rapport_csv_reader_free (RapportCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_ptr_array_unref (reader->fields);
  g_string_free (reader->field, TRUE);
  g_free (reader);
}

/* Consumes a line end at pos if there is one: CRLF, LF or CR. */
static gboolean
reader_eat_line_end (RapportCsvReader *reader)
{
  const char *t = reader->text;

  if (reader->pos >= reader->length)
    return FALSE;
  if (t[reader->pos] == '\r')
    {
      reader->pos++;
      if (reader->pos < reader->length && t[reader->pos] == '\n')
        reader->pos++;
    }
  else if (t[reader->pos] == '\n')
    reader->pos++;
  else
    return FALSE;
  reader->line++;
  return TRUE;
}

/**
 * rapport_csv_reader_next:
 * @reader: a reader
 * @n_fields: (out) (optional): how many fields the record has
 * @line: (out) (optional): the line the record starts on, counting from 1
 *
 * Reads the next record. A blank line is a record of one empty field.
 *
 * Returns: (transfer none) (nullable): the fields, %NULL-terminated and
 *   valid until the next call, or %NULL at the end of the text
 */
const char *const *
rapport_csv_reader_next (RapportCsvReader *reader,
                         guint *n_fields,
                         guint *line)
{
  const char *t;

  g_return_val_if_fail (reader != NULL, NULL);

  t = reader->text;
  if (reader->pos >= reader->length)
    return NULL;
  g_ptr_array_set_size (reader->fields, 0);
  if (line != NULL)
    *line = reader->line;

  for (;;)
    {
      GString *field = reader->field;

      g_string_truncate (field, 0);
      if (reader->pos < reader->length && t[reader->pos] == '"')
        {
          reader->pos++;
          while (reader->pos < reader->length)
            {
              char c = t[reader->pos];

              if (c == '"')
                {
                  if (reader->pos + 1 < reader->length && t[reader->pos + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->pos += 2;
                      continue;
                    }
                  reader->pos++;
                  break;
                }
              if (c == '\r' || c == '\n')
                {
                  /* A line break inside quotes is part of the field; it
                   * is kept as \n whatever the file used. */
                  reader_eat_line_end (reader);
                  g_string_append_c (field, '\n');
                  continue;
                }
              g_string_append_c (field, c);
              reader->pos++;
            }
        }
      /* Unquoted text, or what a careless writer put after the closing
       * quote, up to the next comma or line end. */
      while (reader->pos < reader->length)
        {
          char c = t[reader->pos];

          if (c == reader->separator || c == '\r' || c == '\n')
            break;
          g_string_append_c (field, c);
          reader->pos++;
        }
      g_ptr_array_add (reader->fields, g_strndup (field->str, field->len));
      if (reader->pos < reader->length && t[reader->pos] == reader->separator)
        {
          reader->pos++;
          continue;
        }
      reader_eat_line_end (reader);
      break;
    }

  if (n_fields != NULL)
    *n_fields = reader->fields->len;
  g_ptr_array_add (reader->fields, NULL);
  g_ptr_array_set_size (reader->fields, reader->fields->len - 1);
  return (const char *const *) reader->fields->pdata;
}

/**
 * rapport_csv_append_field:
 * @out: where to write
 * @field: (nullable): the field's text
 *
 * Appends @field, quoted if it holds a comma, a quote, a line break or
 * spaces at either end, with quotes doubled, as RFC 4180 asks.
 */
void
rapport_csv_append_field (GString *out,
                          const char *field)
{
  gsize length;

  if (field == NULL)
    return;
  length = strlen (field);
  if (strpbrk (field, ",\"\r\n") == NULL && (length == 0 || (field[0] != ' ' && field[length - 1] != ' ')))
    {
      g_string_append_len (out, field, length);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * rapport_csv_append_record:
 * @out: where to write
 * @fields: the fields
 * @n_fields: how many
 *
 * Appends one record and its CRLF line end.
 */
void
rapport_csv_append_record (GString *out,
                           const char *const *fields,
                           guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      rapport_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* ------------------------------------------------------------------ */
/* Contact lists                                                       */
/* ------------------------------------------------------------------ */

typedef enum {
  COL_IGNORE,
  COL_NAME,
  COL_GIVEN,
  COL_FAMILY,
  COL_COMPANY,
  COL_TITLE,
  COL_NOTES,
  COL_TAGS,
  COL_EMAIL,
  COL_PHONE,
  COL_LABEL,
  COL_CITY,
  COL_WEBSITE,
  COL_LINKEDIN,
  COL_CONNECTED_ON,
  COL_INDUSTRY,
  COL_INDUSTRY_SINCE,
  COL_RELATIONSHIP,
  COL_HELP_THEM,
  COL_HELP_ME,
  COL_MET_ON,
  COL_CADENCE,
  COL_STARRED,
  COL_EMAILS,
  COL_PHONES,
} Role;

typedef struct
{
  Role role;
  /* For an email, a phone or a website: the label it has when no column
   * gives one, and the column that gives one, or -1. */
  const char *label;
  int label_column;
} Column;

/* Rapport's own columns; the first row of its export. */
static const char *const rapport_header[] = {
  "Name",
  "First Name",
  "Last Name",
  "Company",
  "Job Title",
  "Industry",
  "In Industry Since",
  "Emails",
  "Phones",
  "Website",
  "LinkedIn",
  "City",
  "Relationship",
  "How I Can Help Them",
  "How They Can Help Me",
  "Met On",
  "Keep In Touch (Days)",
  "Starred",
  "Tags",
  "Notes",
};

/* Column names, compared without case, and what they hold. Google's
 * numbered columns ("E-mail 2 - Value") are matched apart. */
static const struct
{
  const char *name;
  Role role;
  const char *label;
} known_columns[] = {
  { "name", COL_NAME, NULL },
  { "full name", COL_NAME, NULL },
  { "display name", COL_NAME, NULL },
  { "first name", COL_GIVEN, NULL },
  { "given name", COL_GIVEN, NULL },
  { "last name", COL_FAMILY, NULL },
  { "family name", COL_FAMILY, NULL },
  { "surname", COL_FAMILY, NULL },
  { "company", COL_COMPANY, NULL },
  { "organization", COL_COMPANY, NULL },
  { "organization name", COL_COMPANY, NULL },
  { "organisation", COL_COMPANY, NULL },
  { "job title", COL_TITLE, NULL },
  { "title", COL_TITLE, NULL },
  { "position", COL_TITLE, NULL },
  { "organization title", COL_TITLE, NULL },
  { "notes", COL_NOTES, NULL },
  { "note", COL_NOTES, NULL },
  { "tags", COL_TAGS, NULL },
  { "labels", COL_TAGS, NULL },
  { "group membership", COL_TAGS, NULL },
  { "categories", COL_TAGS, NULL },
  { "email", COL_EMAIL, "other" },
  { "e-mail", COL_EMAIL, "other" },
  { "email address", COL_EMAIL, "other" },
  { "e-mail address", COL_EMAIL, "other" },
  { "e-mail 2 address", COL_EMAIL, "other" },
  { "e-mail 3 address", COL_EMAIL, "other" },
  { "phone", COL_PHONE, "other" },
  { "phone number", COL_PHONE, "other" },
  { "telephone", COL_PHONE, "other" },
  { "mobile", COL_PHONE, "mobile" },
  { "mobile phone", COL_PHONE, "mobile" },
  { "business phone", COL_PHONE, "work" },
  { "business phone 2", COL_PHONE, "work" },
  { "company main phone", COL_PHONE, "work" },
  { "home phone", COL_PHONE, "home" },
  { "home phone 2", COL_PHONE, "home" },
  { "other phone", COL_PHONE, "other" },
  { "primary phone", COL_PHONE, "other" },
  { "city", COL_CITY, NULL },
  { "business city", COL_CITY, NULL },
  { "home city", COL_CITY, NULL },
  { "other city", COL_CITY, NULL },
  { "website", COL_WEBSITE, NULL },
  { "web page", COL_WEBSITE, NULL },
  { "url", COL_WEBSITE, NULL },
  { "linkedin", COL_LINKEDIN, NULL },
  { "connected on", COL_CONNECTED_ON, NULL },
  { "industry", COL_INDUSTRY, NULL },
  { "in industry since", COL_INDUSTRY_SINCE, NULL },
  { "relationship", COL_RELATIONSHIP, NULL },
  { "how i can help them", COL_HELP_THEM, NULL },
  { "how they can help me", COL_HELP_ME, NULL },
  { "met on", COL_MET_ON, NULL },
  { "keep in touch (days)", COL_CADENCE, NULL },
  { "starred", COL_STARRED, NULL },
  { "emails", COL_EMAILS, NULL },
  { "phones", COL_PHONES, NULL },
};

typedef struct
{
  RapportCsvKind kind;
  Column *columns;
  guint n_columns;
  guint line;
} Header;

static void
header_clear (Header *header)
{
  g_clear_pointer (&header->columns, g_free);
}

static gboolean
has_column (const char *const *fields,
            guint n_fields,
            const char *name)
{
  for (guint i = 0; i < n_fields; i++)
    if (g_ascii_strcasecmp (fields[i], name) == 0)
      return TRUE;
  return FALSE;
}

static RapportCsvKind
header_kind (const char *const *fields,
             guint n_fields)
{
  if (has_column (fields, n_fields, "How I Can Help Them") && has_column (fields, n_fields, "Keep In Touch (Days)"))
    return RAPPORT_CSV_RAPPORT;
  if (has_column (fields, n_fields, "First Name") && has_column (fields, n_fields, "Last Name") && has_column (fields, n_fields, "Connected On"))
    return RAPPORT_CSV_LINKEDIN;
  if ((has_column (fields, n_fields, "Given Name") || has_column (fields, n_fields, "First Name")) && (has_column (fields, n_fields, "E-mail 1 - Value") || has_column (fields, n_fields, "Labels") || has_column (fields, n_fields, "Group Membership") || has_column (fields, n_fields, "Phone 1 - Value")))
    return RAPPORT_CSV_GOOGLE;
  if (has_column (fields, n_fields, "First Name") && has_column (fields, n_fields, "E-mail Address") && (has_column (fields, n_fields, "Business Phone") || has_column (fields, n_fields, "Mobile Phone") || has_column (fields, n_fields, "Job Title")))
    return RAPPORT_CSV_OUTLOOK;
  return RAPPORT_CSV_UNKNOWN;
}

/* "E-mail 2 - Value" gives ("E-mail", "Value"); the number does not
 * matter, since the value and label columns of one number pair up by
 * their prefix. */
static gboolean
split_numbered (const char *name,
                char **prefix,
                char **suffix)
{
  const char *dash = strstr (name, " - ");
  const char *p;

  if (dash == NULL)
    return FALSE;
  p = dash;
  while (p > name && g_ascii_isdigit (p[-1]))
    p--;
  if (p == dash || p == name || p[-1] != ' ')
    return FALSE;
  *prefix = g_strndup (name, dash - name);
  *suffix = g_ascii_strdown (dash + 3, -1);
  return TRUE;
}

static int
find_label_column (const char *const *fields,
                   guint n_fields,
                   const char *prefix)
{
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *other_prefix = NULL;
      g_autofree char *suffix = NULL;

      if (split_numbered (fields[i], &other_prefix, &suffix) && g_ascii_strcasecmp (other_prefix, prefix) == 0 && (g_str_equal (suffix, "label") || g_str_equal (suffix, "type")))
        return (int) i;
    }
  return -1;
}

static void
header_map (Header *header,
            const char *const *fields,
            guint n_fields)
{
  header->columns = g_new0 (Column, n_fields);
  header->n_columns = n_fields;

  for (guint i = 0; i < n_fields; i++)
    {
      Column *column = &header->columns[i];
      g_autofree char *name = g_strstrip (g_strdup (fields[i]));
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;

      column->label_column = -1;
      if (split_numbered (name, &prefix, &suffix))
        {
          g_autofree char *kind = g_ascii_strdown (prefix, -1);
          char *space = strrchr (kind, ' ');

          *space = '\0';
          if (g_str_equal (suffix, "value") && (g_str_equal (kind, "e-mail") || g_str_equal (kind, "phone") || g_str_equal (kind, "website")))
            {
              column->role = g_str_equal (kind, "e-mail") ? COL_EMAIL : g_str_equal (kind, "phone") ? COL_PHONE
                                                                                                    : COL_WEBSITE;
              column->label = "other";
              column->label_column = find_label_column (fields, n_fields, prefix);
            }
          else if (g_str_equal (kind, "address") && g_str_equal (suffix, "city"))
            column->role = COL_CITY;
          else if (g_str_equal (kind, "organization") && g_str_equal (suffix, "name"))
            column->role = COL_COMPANY;
          else if (g_str_equal (kind, "organization") && g_str_equal (suffix, "title"))
            column->role = COL_TITLE;
          continue;
        }

      for (guint k = 0; k < G_N_ELEMENTS (known_columns); k++)
        if (g_ascii_strcasecmp (name, known_columns[k].name) == 0)
          {
            column->role = known_columns[k].role;
            column->label = known_columns[k].label;
            break;
          }

      /* Outlook's "Title" is Mr or Dr; LinkedIn's "URL" is the profile. */
      if (header->kind == RAPPORT_CSV_OUTLOOK && g_ascii_strcasecmp (name, "Title") == 0)
        column->role = COL_IGNORE;
      if (header->kind == RAPPORT_CSV_LINKEDIN && column->role == COL_WEBSITE)
        column->role = COL_LINKEDIN;
    }
}

static gboolean
header_is_usable (Header *header)
{
  for (guint i = 0; i < header->n_columns; i++)
    switch (header->columns[i].role)
      {
      case COL_NAME:
      case COL_GIVEN:
      case COL_FAMILY:
      case COL_COMPANY:
      case COL_EMAIL:
      case COL_EMAILS:
        return TRUE;
      default:
        break;
      }
  return FALSE;
}

static gboolean
row_is_blank (const char *const *fields,
              guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i][0] != '\0')
      return FALSE;
  return TRUE;
}

/* Finds the header: the first row that names a kind of list Rapport
 * knows, within the first rows, else the first row that is not blank. */
static gboolean
read_header (RapportCsvReader *reader,
             Header *header)
{
  const char *const *fields;
  guint n_fields;
  guint line;
  gsize first_pos = 0;
  guint first_line = 0;
  gboolean have_first = FALSE;

  for (guint rows = 0; rows < MAX_PREAMBLE_ROWS && (fields = rapport_csv_reader_next (reader, &n_fields, &line)) != NULL; rows++)
    {
      RapportCsvKind kind;

      if (row_is_blank (fields, n_fields))
        continue;
      kind = header_kind (fields, n_fields);
      if (kind != RAPPORT_CSV_UNKNOWN)
        {
          header_clear (header);
          header->kind = kind;
          header->line = line;
          header_map (header, fields, n_fields);
          return TRUE;
        }
      if (!have_first)
        {
          have_first = TRUE;
          first_pos = reader->pos;
          first_line = reader->line;
          header->kind = RAPPORT_CSV_UNKNOWN;
          header->line = line;
          header_map (header, fields, n_fields);
        }
    }
  if (!have_first)
    return FALSE;
  /* Not a list Rapport knows: go on after the first row, with the
   * columns it names. */
  reader->pos = first_pos;
  reader->line = first_line;
  return TRUE;
}

/* A reader just past the header of @text. Spreadsheets in languages whose
 * decimal mark is a comma (French, German...) separate fields with
 * semicolons, some programs with tabs: the separator is the one under
 * which the header names a list Rapport knows, else columns of a
 * contact, else a comma. */
static RapportCsvReader *
open_list (const char *text,
           gsize length,
           Header *header)
{
  static const char separators[] = { ',', ';', '\t' };
  RapportCsvReader *best = NULL;
  int best_score = -1;

  for (guint i = 0; i < G_N_ELEMENTS (separators) && best_score < 2; i++)
    {
      g_autoptr(RapportCsvReader) reader = rapport_csv_reader_new (text, length);
      Header candidate = { 0 };
      int score;

      rapport_csv_reader_set_separator (reader, separators[i]);
      if (!read_header (reader, &candidate))
        continue;
      if (candidate.kind != RAPPORT_CSV_UNKNOWN)
        score = 2;
      else
        score = header_is_usable (&candidate) ? 1 : 0;
      if (score > best_score)
        {
          g_clear_pointer (&best, rapport_csv_reader_free);
          header_clear (header);
          best = g_steal_pointer (&reader);
          *header = candidate;
          best_score = score;
        }
      else
        header_clear (&candidate);
    }
  return best;
}

/**
 * rapport_csv_sniff:
 * @data: the start of a file, or all of it
 * @length: its length
 *
 * Returns: which contact list the file's header names, or
 *   %RAPPORT_CSV_UNKNOWN
 */
RapportCsvKind
rapport_csv_sniff (const char *data,
                   gsize length)
{
  gsize text_length = 0;
  g_autofree char *text = rapport_import_to_utf8 (data, MIN (length, 64 * 1024), &text_length);
  Header header = { 0 };
  g_autoptr(RapportCsvReader) reader = open_list (text, text_length, &header);
  RapportCsvKind kind = reader != NULL ? header.kind : RAPPORT_CSV_UNKNOWN;

  header_clear (&header);
  return kind;
}

/* Splits a cell holding several values: Google's " ::: ", Outlook's
 * semicolons, Rapport's lines. */
static char **
split_cell (const char *cell,
            RapportCsvKind kind)
{
  switch (kind)
    {
    case RAPPORT_CSV_GOOGLE:
      return g_strsplit (cell, " ::: ", -1);
    case RAPPORT_CSV_RAPPORT:
      return g_strsplit (cell, "\n", -1);
    case RAPPORT_CSV_OUTLOOK:
      return g_strsplit (cell, ";", -1);
    case RAPPORT_CSV_LINKEDIN:
    case RAPPORT_CSV_UNKNOWN:
    default:
      return g_strsplit_set (cell, ";,\n", -1);
    }
}

static void
add_tags (RapportImportDraft *draft,
          const char *cell,
          RapportCsvKind kind)
{
  g_auto(GStrv) parts = split_cell (cell, kind);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      /* Google's own groups: everyone is in "My Contacts", and "starred"
       * is Rapport's star. Its other groups (Friends, Family) are
       * labels the person sees, so they stay, without the mark. */
      if (kind == RAPPORT_CSV_GOOGLE && tag[0] == '*')
        {
          tag = g_strchug (tag + 1);
          if (g_ascii_strcasecmp (tag, "starred") == 0)
            {
              rapport_contact_set_starred (draft->contact, TRUE);
              continue;
            }
          if (g_ascii_strcasecmp (tag, "myContacts") == 0 || g_ascii_strcasecmp (tag, "My Contacts") == 0)
            continue;
        }
      rapport_import_draft_add_tag (draft, tag);
    }
}

/* A Google value cell with " ::: " and its label cell: each value gets
 * the label at its place, or the first one. */
static void
add_labeled (RapportImportDraft *draft,
             Role role,
             const char *cell,
             const char *label_cell,
             const char *default_label,
             RapportCsvKind kind,
             guint line,
             GPtrArray *problems)
{
  g_auto(GStrv) values = kind == RAPPORT_CSV_GOOGLE ? g_strsplit (cell, " ::: ", -1) : g_strsplit (cell, "\n", 2);
  g_auto(GStrv) labels = label_cell != NULL && *label_cell ? g_strsplit (label_cell, " ::: ", -1) : NULL;
  guint n_labels = labels != NULL ? g_strv_length (labels) : 0;

  if (kind != RAPPORT_CSV_GOOGLE && values[0] != NULL && values[1] != NULL)
    {
      /* A list someone wrote by hand: one value per line, or separated
       * by semicolons. */
      g_strfreev (values);
      values = g_strsplit_set (cell, "\n;", -1);
    }

  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *value = g_strstrip (values[i]);
      const char *label_text = n_labels == 0 ? NULL : labels[MIN (i, n_labels - 1)];
      g_autofree char *label = label_text != NULL ? rapport_import_label (label_text, role == COL_EMAIL) : g_strdup (default_label);

      if (*value == '\0')
        continue;
      if (role == COL_EMAIL)
        rapport_import_draft_add_email (draft, label, value, line, problems);
      else if (role == COL_PHONE)
        rapport_import_draft_add_phone (draft, label, value, line, problems);
      else
        rapport_import_draft_add_url (draft, value, label_text != NULL && strstr (label_text, "inked") != NULL);
    }
}

/* Rapport's own cells of emails or phones: "label: value" per line. */
static void
add_rapport_labeled (RapportImportDraft *draft,
                     gboolean is_email,
                     const char *cell,
                     guint line,
                     GPtrArray *problems)
{
  g_auto(GStrv) lines = g_strsplit (cell, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *entry = g_strstrip (lines[i]);
      /* The last ": ", since a free label may hold one and an email
       * address never does. */
      char *sep = g_strrstr (entry, ": ");
      g_autofree char *label = NULL;
      const char *value = entry;

      if (*entry == '\0')
        continue;
      if (sep != NULL)
        {
          *sep = '\0';
          label = g_strdup (g_strstrip (entry));
          value = sep + 2;
        }
      else
        label = g_strdup ("other");
      if (is_email)
        rapport_import_draft_add_email (draft, label, value, line, problems);
      else
        rapport_import_draft_add_phone (draft, label, value, line, problems);
    }
}

static const char *const month_abbreviations[] = {
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
};

/* LinkedIn writes "12 Mar 2024" in English whatever the person's
 * language; the note gets the date in theirs. */
static char *
readable_date (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);
  g_autoptr(GDateTime) dt = NULL;
  int day, year, month = 0;

  if (g_strv_length (parts) == 3)
    {
      day = atoi (parts[0]);
      year = atoi (parts[2]);
      for (guint m = 0; m < G_N_ELEMENTS (month_abbreviations); m++)
        if (g_ascii_strncasecmp (parts[1], month_abbreviations[m], 3) == 0)
          month = (int) m + 1;
      if (month > 0 && g_date_valid_dmy (day, month, year))
        dt = g_date_time_new_utc (year, month, day, 12, 0, 0);
    }
  else if (rapport_date_is_valid (text))
    {
      g_autofree char *copy = g_strdup (text);

      text = copy;
      dt = g_date_time_new_utc (atoi (text), atoi (text + 5), atoi (text + 8), 12, 0, 0);
    }
  if (dt == NULL)
    return g_strdup (text);
  /* Translators: the day someone connected on LinkedIn, as in
   * "12 March 2024"; see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

static void
read_cell (RapportImportDraft *draft,
           Header *header,
           const char *const *fields,
           guint n_fields,
           guint i,
           guint line,
           GPtrArray *problems)
{
  Column *column = &header->columns[i];
  RapportContact *contact = draft->contact;
  g_autofree char *value = g_strstrip (g_strdup (fields[i]));

  if (*value == '\0')
    return;

  switch (column->role)
    {
    case COL_NAME:
      if (rapport_contact_get_display_name (contact) == NULL)
        rapport_contact_set_display_name (contact, value);
      break;
    case COL_GIVEN:
      if (rapport_contact_get_given_name (contact) == NULL)
        rapport_contact_set_given_name (contact, value);
      break;
    case COL_FAMILY:
      if (rapport_contact_get_family_name (contact) == NULL)
        rapport_contact_set_family_name (contact, value);
      break;
    case COL_COMPANY:
      if (rapport_contact_get_company (contact) == NULL)
        rapport_contact_set_company (contact, value);
      break;
    case COL_TITLE:
      if (rapport_contact_get_job_title (contact) == NULL)
        rapport_contact_set_job_title (contact, value);
      break;
    case COL_NOTES:
      rapport_import_draft_add_note (draft, value);
      break;
    case COL_TAGS:
      add_tags (draft, value, header->kind);
      break;
    case COL_WEBSITE:
      /* Rapport's own export says which address is which. */
      if (header->kind == RAPPORT_CSV_RAPPORT)
        {
          rapport_contact_set_website (contact, value);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case COL_EMAIL:
    case COL_PHONE:
      {
        const char *label_cell = column->label_column >= 0 && (guint) column->label_column < n_fields ? fields[column->label_column] : NULL;

        add_labeled (draft, column->role, value, label_cell, column->label, header->kind, line, problems);
        break;
      }
    case COL_CITY:
      if (rapport_contact_get_city (contact) == NULL)
        rapport_contact_set_city (contact, value);
      break;
    case COL_LINKEDIN:
      rapport_import_draft_add_url (draft, value, TRUE);
      break;
    case COL_CONNECTED_ON:
      {
        g_autofree char *date = readable_date (value);
        g_autofree char *note = g_strdup_printf (_("Connected on LinkedIn on %s."), date);

        rapport_import_draft_add_note (draft, note);
        break;
      }
    case COL_INDUSTRY:
      rapport_contact_set_industry (contact, value);
      break;
    case COL_INDUSTRY_SINCE:
      {
        gint64 year = g_ascii_strtoll (value, NULL, 10);

        if (rapport_import_year_is_valid (year))
          rapport_contact_set_industry_since (contact, (int) year);
        break;
      }
    case COL_RELATIONSHIP:
      rapport_contact_set_relationship (contact, rapport_relationship_from_string (value));
      break;
    case COL_HELP_THEM:
      rapport_contact_set_help_them (contact, value);
      break;
    case COL_HELP_ME:
      rapport_contact_set_help_me (contact, value);
      break;
    case COL_MET_ON:
      if (rapport_date_is_valid (value))
        rapport_contact_set_met_on (contact, value);
      break;
    case COL_CADENCE:
      {
        gint64 days = g_ascii_strtoll (value, NULL, 10);

        if (days > 0 && days <= 3650)
          rapport_contact_set_cadence_days (contact, (int) days);
        break;
      }
    case COL_STARRED:
      rapport_contact_set_starred (contact, g_ascii_strcasecmp (value, "yes") == 0 || g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "1") || g_ascii_strcasecmp (value, "x") == 0);
      break;
    case COL_EMAILS:
    case COL_PHONES:
      add_rapport_labeled (draft, column->role == COL_EMAILS, value, line, problems);
      break;
    case COL_LABEL:
    case COL_IGNORE:
    default:
      break;
    }
}

/**
 * rapport_csv_parse_contacts:
 * @data: the bytes of a CSV file, in any encoding rapport_import_to_utf8()
 *   reads
 * @length: their length
 * @kind: (out) (optional): which contact list the header names
 * @problems: (element-type RapportImportProblem) (nullable): where to add
 *   the rows and values that were skipped, and why
 *
 * Reads every row after the header as a contact. A row with nothing to
 * call the person by is left out with a problem; a file whose header
 * names no column of a contact gives one problem and no cards.
 *
 * Returns: (transfer full) (element-type RapportImportCard): the cards, in
 *   the order of the file
 */
GPtrArray *
rapport_csv_parse_contacts (const char *data,
                            gsize length,
                            RapportCsvKind *kind,
                            GPtrArray *problems)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_card_free);
  gsize text_length = 0;
  g_autofree char *text = rapport_import_to_utf8 (data, length, &text_length);
  Header header = { 0 };
  g_autoptr(RapportCsvReader) reader = open_list (text, text_length, &header);
  const char *const *fields;
  guint n_fields;
  guint line;

  if (kind != NULL)
    *kind = RAPPORT_CSV_UNKNOWN;
  if (reader == NULL)
    return cards;
  if (kind != NULL)
    *kind = header.kind;
  if (!header_is_usable (&header))
    {
      rapport_import_add_problem (problems, header.line, _("The first line of this file does not name the columns of a contact list, such as “First Name”, “Last Name”, “Company” or “Email”."));
      header_clear (&header);
      return cards;
    }

  while ((fields = rapport_csv_reader_next (reader, &n_fields, &line)) != NULL)
    {
      RapportImportDraft draft;
      RapportImportCard *card;

      if (row_is_blank (fields, n_fields))
        continue;
      rapport_import_draft_init (&draft, line);
      for (guint i = 0; i < n_fields && i < header.n_columns; i++)
        read_cell (&draft, &header, fields, n_fields, i, line, problems);
      card = rapport_import_draft_finish (&draft, TRUE, problems);
      if (card != NULL)
        g_ptr_array_add (cards, card);
      rapport_import_draft_clear (&draft);
    }
  header_clear (&header);
  return cards;
}

static char *
join_labeled (GPtrArray *values)
{
  GString *cell = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      RapportLabeled *labeled = g_ptr_array_index (values, i);
      g_autofree char *label = g_strdup (labeled->label != NULL && *labeled->label ? labeled->label : "other");

      if (labeled->value == NULL || *labeled->value == '\0')
        continue;
      /* One entry per line, "label: value". */
      g_strdelimit (label, "\r\n", ' ');
      if (cell->len > 0)
        g_string_append_c (cell, '\n');
      g_string_append_printf (cell, "%s: %s", label, labeled->value);
    }
  return g_string_free (cell, FALSE);
}

static char *
int_or_empty (int value)
{
  return value != 0 ? g_strdup_printf ("%d", value) : g_strdup ("");
}

/**
 * rapport_csv_write_contacts:
 * @contacts: (array length=n_contacts): the contacts
 * @n_contacts: how many
 *
 * Writes Rapport's own contact list: a header, then one row per contact
 * with every field, which rapport_csv_parse_contacts() reads back the
 * same. Several emails, phones or tags share a cell, one per line.
 *
 * Returns: (transfer full): the CSV text, with CRLF line ends
 */
char *
rapport_csv_write_contacts (RapportContact *const *contacts,
                            guint n_contacts)
{
  GString *out = g_string_new (NULL);

  rapport_csv_append_record (out, rapport_header, G_N_ELEMENTS (rapport_header));
  for (guint i = 0; i < n_contacts; i++)
    {
      RapportContact *c = contacts[i];
      const char *const *tags = rapport_contact_get_tags (c);
      RapportRelationship relationship = rapport_contact_get_relationship (c);
      g_autofree char *since = int_or_empty (rapport_contact_get_industry_since (c));
      g_autofree char *emails = join_labeled (rapport_contact_get_emails (c));
      g_autofree char *phones = join_labeled (rapport_contact_get_phones (c));
      g_autofree char *cadence = int_or_empty (rapport_contact_get_cadence_days (c));
      g_autofree char *tag_cell = g_strjoinv ("\n", (char **) tags);
      const char *fields[G_N_ELEMENTS (rapport_header)] = {
        rapport_contact_get_display_name (c),
        rapport_contact_get_given_name (c),
        rapport_contact_get_family_name (c),
        rapport_contact_get_company (c),
        rapport_contact_get_job_title (c),
        rapport_contact_get_industry (c),
        since,
        emails,
        phones,
        rapport_contact_get_website (c),
        rapport_contact_get_linkedin (c),
        rapport_contact_get_city (c),
        relationship != RAPPORT_RELATIONSHIP_UNKNOWN ? rapport_relationship_to_string (relationship) : "",
        rapport_contact_get_help_them (c),
        rapport_contact_get_help_me (c),
        rapport_contact_get_met_on (c),
        cadence,
        rapport_contact_get_starred (c) ? "yes" : "",
        tag_cell,
        rapport_contact_get_notes (c),
      };

      rapport_csv_append_record (out, fields, G_N_ELEMENTS (fields));
    }
  return g_string_free (out, FALSE);
}
