/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-contacts.c: contact cards in the store.
 *
 * Validation happens here, before anything is written, so that every way
 * into the store (editor, import, sync) gets the same rules and the same
 * plain-words messages.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rapport-contact-private.h"
#include "rapport-error.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

/* Generous, but bounded: a pasted novel is fine, a runaway paste is not. */
#define MAX_NAME_CHARS 500
#define MAX_TEXT_BYTES (8 * 1024 * 1024)
#define MAX_TAG_CHARS 64

#define CONTACT_COLUMNS                                                        \
  "c.id, c.uuid, c.display_name, c.given_name, c.family_name, c.company,"      \
  " c.job_title, c.industry, c.industry_since, c.emails, c.phones, c.website," \
  " c.linkedin, c.city, c.tags, c.relationship, c.help_them, c.help_me,"       \
  " c.notes, c.met_on, c.introduced_by, i.display_name, c.starred,"            \
  " c.archived, c.cadence_days, c.last_interaction, c.met_at,"                 \
  " (SELECT e.title FROM events e WHERE e.id = c.met_at AND e.deleted = 0)"

static const char *
column_text (sqlite3_stmt *stmt,
             int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static GPtrArray *
parse_labeled (RapportStore *self,
               const char *json)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_labeled_free);
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "SELECT json_extract (value, '$.label'), json_extract (value, '$.value')"
                                " FROM json_each (?)",
                                NULL);
  if (stmt == NULL)
    return array;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (array, rapport_labeled_new (column_text (stmt, 0), column_text (stmt, 1)));
  sqlite3_reset (stmt);
  return array;
}

GStrv
rapport_store_parse_strv (RapportStore *self,
                          const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self, "SELECT value FROM json_each (?)", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

/* Loads a fresh, detached object for @id; rapport_store_get_contact() is
 * the way in for everybody else. */
RapportContact *
rapport_store_load_contact (RapportStore *self,
                            gint64 id,
                            GError **error)
{
  g_autoptr(RapportContact) contact = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *emails_json = NULL;
  g_autofree char *phones_json = NULL;
  g_autofree char *tags_json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = rapport_store_prepare (self,
                                "SELECT " CONTACT_COLUMNS " FROM contacts c"
                                " LEFT JOIN contacts i ON i.id = c.introduced_by AND i.deleted = 0"
                                " WHERE c.id = ? AND c.deleted = 0",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                     _("This contact no longer exists."));
      else
        rapport_store_set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  contact = g_object_new (RAPPORT_TYPE_CONTACT, NULL);
  g_object_freeze_notify (G_OBJECT (contact));
  rapport_contact_set_id (contact, sqlite3_column_int64 (stmt, 0));
  rapport_contact_set_uuid (contact, column_text (stmt, 1));
  rapport_contact_set_display_name (contact, column_text (stmt, 2));
  rapport_contact_set_given_name (contact, column_text (stmt, 3));
  rapport_contact_set_family_name (contact, column_text (stmt, 4));
  rapport_contact_set_company (contact, column_text (stmt, 5));
  rapport_contact_set_job_title (contact, column_text (stmt, 6));
  rapport_contact_set_industry (contact, column_text (stmt, 7));
  rapport_contact_set_industry_since (contact, sqlite3_column_int (stmt, 8));
  emails_json = g_strdup (column_text (stmt, 9));
  phones_json = g_strdup (column_text (stmt, 10));
  rapport_contact_set_website (contact, column_text (stmt, 11));
  rapport_contact_set_linkedin (contact, column_text (stmt, 12));
  rapport_contact_set_city (contact, column_text (stmt, 13));
  tags_json = g_strdup (column_text (stmt, 14));
  rapport_contact_set_relationship (contact, rapport_relationship_from_string (column_text (stmt, 15)));
  rapport_contact_set_help_them (contact, column_text (stmt, 16));
  rapport_contact_set_help_me (contact, column_text (stmt, 17));
  rapport_contact_set_notes (contact, column_text (stmt, 18));
  rapport_contact_set_met_on (contact, column_text (stmt, 19));
  rapport_contact_set_introduced_by (contact, column_text (stmt, 21) ? sqlite3_column_int64 (stmt, 20) : 0);
  rapport_contact_set_introduced_by_name (contact, column_text (stmt, 21));
  rapport_contact_set_starred (contact, sqlite3_column_int (stmt, 22));
  rapport_contact_set_archived (contact, sqlite3_column_int (stmt, 23));
  rapport_contact_set_cadence_days (contact, sqlite3_column_int (stmt, 24));
  rapport_contact_set_last_interaction (contact, sqlite3_column_int64 (stmt, 25));
  rapport_contact_set_met_at (contact, column_text (stmt, 27) ? sqlite3_column_int64 (stmt, 26) : 0);
  rapport_contact_set_met_at_title (contact, column_text (stmt, 27));
  sqlite3_reset (stmt);

  /* The JSON columns are parsed after the row statement is reset, since
   * parsing reuses the connection's other cached statements. */
  emails = parse_labeled (self, emails_json);
  phones = parse_labeled (self, phones_json);
  tags = rapport_store_parse_strv (self, tags_json);
  rapport_contact_set_emails (contact, emails);
  rapport_contact_set_phones (contact, phones);
  rapport_contact_set_tags (contact, (const char *const *) tags);
  g_object_thaw_notify (G_OBJECT (contact));

  return g_steal_pointer (&contact);
}

/* What the store writes, checked and normalised from an editor's draft. */
typedef struct
{
  char *display_name;
  char *emails_json;
  char *phones_json;
  char *tags_json;
  GPtrArray *tags;
  char *sort_key;
} Normalized;

static void
normalized_clear (Normalized *n)
{
  g_free (n->display_name);
  g_free (n->emails_json);
  g_free (n->phones_json);
  g_free (n->tags_json);
  g_clear_pointer (&n->tags, g_ptr_array_unref);
  g_free (n->sort_key);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Normalized, normalized_clear)

/* @what is marked with N_() and translated only for an error message, so
 * that checking 100,000 imported cards does not look up a dozen
 * translations each. */
gboolean
rapport_store_check_text (const char *text,
                          const char *what,
                          gsize max_bytes,
                          GError **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("%s contains text that is not valid UTF-8."), _(what));
      return FALSE;
    }
  if (strlen (text) > max_bytes)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("%s is too long (more than %zu MB)."), _(what), max_bytes / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

static gboolean
looks_like_phone (const char *value)
{
  for (const char *p = value; *p; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

/* A copy of @text without the white space around it. */
static char *
strip_copy (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  while (g_ascii_isspace (*text))
    text++;
  end = text + strlen (text);
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  return g_strndup (text, end - text);
}

static char *
labeled_to_json (GPtrArray *array,
                 gboolean is_email,
                 GError **error)
{
  g_autoptr(GString) json = g_string_sized_new (32 + array->len * 64);
  guint written = 0;

  g_string_append_c (json, '[');
  for (guint i = 0; i < array->len; i++)
    {
      RapportLabeled *item = g_ptr_array_index (array, i);
      g_autofree char *value = strip_copy (item->value);
      g_autofree char *label = strip_copy (item->label);

      if (*value == '\0')
        continue;
      if (!rapport_store_check_text (value, is_email ? N_("An email address") : N_("A phone number"), 1024, error) ||
                                     !rapport_store_check_text (label, N_("A label"), 1024, error))
        return NULL;
      if (is_email && !rapport_text_is_email_address (value))
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("“%s” is not an email address."), value);
          return NULL;
        }
      if (!is_email && !looks_like_phone (value))
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("“%s” is not a phone number: it has no digits."), value);
          return NULL;
        }
      g_string_append (json, written++ ? ",{\"label\":" : "{\"label\":");
      rapport_text_append_json_quoted (json, label);
      g_string_append (json, ",\"value\":");
      rapport_text_append_json_quoted (json, value);
      g_string_append_c (json, '}');
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static gboolean
normalize_contact (RapportStore *self,
                   RapportContact *contact,
                   Normalized *out,
                   GError **error)
{
  const char *const *tags = rapport_contact_get_tags (contact);
  const char *name = rapport_contact_get_display_name (contact);
  int since = rapport_contact_get_industry_since (contact);
  const char *met_on = rapport_contact_get_met_on (contact);
  g_autoptr(GString) tags_json = g_string_new ("[");
  g_autoptr(GPtrArray) folded_tags = NULL;
  struct
  {
    const char *value;
    const char *what;
  } texts[] = {
    { rapport_contact_get_given_name (contact), N_("The first name") },
      { rapport_contact_get_family_name (contact), N_("The last name") },
        { rapport_contact_get_company (contact), N_("The company") },
          { rapport_contact_get_job_title (contact), N_("The job title") },
            { rapport_contact_get_industry (contact), N_("The industry") },
              { rapport_contact_get_website (contact), N_("The website") },
                { rapport_contact_get_linkedin (contact), N_("The LinkedIn address") },
                  { rapport_contact_get_city (contact), N_("The city") },
                    { rapport_contact_get_help_them (contact), N_("“How I can help them”") },
                      { rapport_contact_get_help_me (contact), N_("“How they can help me”") },
                        { rapport_contact_get_notes (contact), N_("The notes") },
                      };

  if (!rapport_store_check_text (name, N_("The name"), MAX_TEXT_BYTES, error))
    return FALSE;
  out->display_name = g_strstrip (g_strdup (name ? name : ""));
  if (rapport_text_is_blank (out->display_name))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("A contact needs a name."));
      return FALSE;
    }
  if (g_utf8_strlen (out->display_name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The name is too long (more than %d characters)."), MAX_NAME_CHARS);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!rapport_store_check_text (texts[i].value, texts[i].what, MAX_TEXT_BYTES, error))
      return FALSE;

  if (since != 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      int this_year = g_date_time_get_year (now);

      /* The local year is within one of UTC's: the time zone, which
       * costs a file lookup, only matters for the most recent years. */
      if (since >= this_year - 1)
        {
          g_autoptr(GDateTime) local = g_date_time_new_now_local ();

          this_year = g_date_time_get_year (local);
        }

      if (since < 1900 || since > this_year)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("“In industry since” must be a year between 1900 and %d."), this_year);
          return FALSE;
        }
    }

  if (met_on != NULL && !rapport_date_is_valid (met_on))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a date; write it as year-month-day, like 2026-11-25."), met_on);
      return FALSE;
    }

  if (rapport_contact_get_introduced_by (contact) != 0)
    {
      gint64 introducer = rapport_contact_get_introduced_by (contact);
      sqlite3_stmt *stmt;
      gboolean exists;

      if (introducer == rapport_contact_get_id (contact))
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("A contact cannot have introduced themselves."));
          return FALSE;
        }
      stmt = rapport_store_prepare (self, "SELECT 1 FROM contacts WHERE id = ? AND deleted = 0", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, introducer);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!exists)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The person who made the introduction is no longer in your contacts."));
          return FALSE;
        }
    }

  out->emails_json = labeled_to_json (rapport_contact_get_emails (contact), TRUE, error);
  if (out->emails_json == NULL)
    return FALSE;
  out->phones_json = labeled_to_json (rapport_contact_get_phones (contact), FALSE, error);
  if (out->phones_json == NULL)
    return FALSE;

  out->tags = g_ptr_array_new_with_free_func (g_free);
  folded_tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = NULL;
      g_autofree char *folded = NULL;

      if (!rapport_store_check_text (tags[i], N_("A tag"), 1024, error))
        return FALSE;
      tag = g_strstrip (g_strdup (tags[i]));
      if (*tag == '\0')
        continue;
      /* Tags differing only in case or accents are one tag. */
      folded = rapport_text_fold (tag);
      if (g_ptr_array_find_with_equal_func (folded_tags, folded, g_str_equal, NULL))
        continue;
      if (g_utf8_strlen (tag, -1) > MAX_TAG_CHARS)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The tag “%.20s…” is too long (more than %d characters)."), tag, MAX_TAG_CHARS);
          return FALSE;
        }
      g_ptr_array_add (out->tags, g_steal_pointer (&tag));
      g_ptr_array_add (folded_tags, g_steal_pointer (&folded));
    }
  for (guint i = 0; i < out->tags->len; i++)
    {
      if (i > 0)
        g_string_append_c (tags_json, ',');
      rapport_text_append_json_quoted (tags_json, g_ptr_array_index (out->tags, i));
    }
  g_string_append_c (tags_json, ']');
  out->tags_json = g_string_free (g_steal_pointer (&tags_json), FALSE);

  out->sort_key = rapport_text_fold (out->display_name);
  return TRUE;
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int column,
                    const char *value)
{
  if (value == NULL || *value == '\0')
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, value, -1, SQLITE_STATIC);
}

/* Binds the editable columns to parameters @base + 1 to @base + 23. */
static void
bind_contact_fields_at (sqlite3_stmt *stmt,
                        int base,
                        RapportContact *contact,
                        const Normalized *n,
                        const char *stamp)
{
  sqlite3_bind_text (stmt, base + 1, n->display_name, -1, SQLITE_STATIC);
  bind_optional_text (stmt, base + 2, rapport_contact_get_given_name (contact));
  bind_optional_text (stmt, base + 3, rapport_contact_get_family_name (contact));
  bind_optional_text (stmt, base + 4, rapport_contact_get_company (contact));
  bind_optional_text (stmt, base + 5, rapport_contact_get_job_title (contact));
  bind_optional_text (stmt, base + 6, rapport_contact_get_industry (contact));
  if (rapport_contact_get_industry_since (contact) != 0)
    sqlite3_bind_int (stmt, base + 7, rapport_contact_get_industry_since (contact));
  sqlite3_bind_text (stmt, base + 8, n->emails_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 9, n->phones_json, -1, SQLITE_STATIC);
  bind_optional_text (stmt, base + 10, rapport_contact_get_website (contact));
  bind_optional_text (stmt, base + 11, rapport_contact_get_linkedin (contact));
  bind_optional_text (stmt, base + 12, rapport_contact_get_city (contact));
  sqlite3_bind_text (stmt, base + 13, n->tags_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 14, rapport_relationship_to_string (rapport_contact_get_relationship (contact)),
                     -1, SQLITE_STATIC);
  bind_optional_text (stmt, base + 15, rapport_contact_get_help_them (contact));
  bind_optional_text (stmt, base + 16, rapport_contact_get_help_me (contact));
  bind_optional_text (stmt, base + 17, rapport_contact_get_notes (contact));
  bind_optional_text (stmt, base + 18, rapport_contact_get_met_on (contact));
  if (rapport_contact_get_introduced_by (contact) != 0)
    sqlite3_bind_int64 (stmt, base + 19, rapport_contact_get_introduced_by (contact));
  sqlite3_bind_int (stmt, base + 20, rapport_contact_get_starred (contact));
  sqlite3_bind_int (stmt, base + 21, rapport_contact_get_cadence_days (contact));
  sqlite3_bind_text (stmt, base + 22, n->sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 23, stamp, -1, SQLITE_STATIC);
}

static void
bind_contact_fields (sqlite3_stmt *stmt,
                     RapportContact *contact,
                     const Normalized *n,
                     const char *stamp)
{
  bind_contact_fields_at (stmt, 0, contact, n, stamp);
}

static gboolean
insert_tags (RapportStore *self,
             gint64 id,
             GPtrArray *tags,
             GError **error)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      stmt = rapport_store_prepare (self, "INSERT OR IGNORE INTO contact_tags (tag, contact_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (tags, i), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!rapport_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_tags (RapportStore *self,
            gint64 id,
            GPtrArray *tags,
            GError **error)
{
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self, "DELETE FROM contact_tags WHERE contact_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  return insert_tags (self, id, tags, error);
}

/* When "met on" is a date, the "met" entry of the timeline sits at that
 * date's noon, or now if that date is today. */
static gint64
met_time (const char *met_on)
{
  g_autofree char *today = rapport_date_today ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (g_strcmp0 (met_on, today) == 0 || sscanf (met_on, "%d-%d-%d", &y, &m, &d) != 3)
    return g_get_real_time () / G_USEC_PER_SEC;
  tz = g_time_zone_new_local ();
  dt = g_date_time_new (tz, y, m, d, 12, 0, 0);
  return dt ? g_date_time_to_unix (dt) : g_get_real_time () / G_USEC_PER_SEC;
}

/* Parameters per row: the editable columns, uuid, created_at, archived,
 * and, inside an import, the local day of created_at. */
#define INSERT_CONTACT_COLUMNS 27
#define MAX_INSERT_ROWS 256

/* The INSERT of @n_rows contacts. With @derived, each row also gets the
 * met_day and created_day that the trigger contacts_met_day_insert
 * otherwise gives it (an import suspends the trigger, see
 * rapport-store-import.c). */
static char *
insert_contacts_sql (guint n_rows,
                     gboolean derived)
{
  GString *sql = g_string_sized_new (n_rows * (derived ? 240 : 200));

  g_string_append (sql, "INSERT INTO contacts (display_name, given_name, family_name, company,"
                        " job_title, industry, industry_since, emails, phones, website, linkedin,"
                        " city, tags, relationship, help_them, help_me, notes, met_on,"
                        " introduced_by, starred, cadence_days, sort_key, updated, created,"
                        " uuid, created_at, archived");
  g_string_append (sql, derived ? ", met_day, created_day) VALUES " : ") VALUES ");
  for (guint i = 0; i < n_rows; i++)
    {
      int base = i * INSERT_CONTACT_COLUMNS;

      g_string_append (sql, i ? ", (" : "(");
      for (int k = 1; k <= 23; k++)
        g_string_append_printf (sql, "?%d, ", base + k);
      g_string_append_printf (sql, "?%d, ?%d, ?%d, ?%d", base + 23, base + 24, base + 25, base + 26);
      /* The trigger's coalesce (new.met_on, date (new.created_at,
       * 'unixepoch', 'localtime')), with the date worked out once. */
      if (derived)
        g_string_append_printf (sql, ", coalesce (?%d, ?%d), ?%d", base + 18, base + 27, base + 27);
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

/* The local day of @time as SQLite's date (@time, 'unixepoch',
 * 'localtime') says it, which the triggers use. */
static char *
local_day (RapportStore *self,
           gint64 time)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT date (?, 'unixepoch', 'localtime')", NULL);
  char *day = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, time);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    day = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return day;
}

/* Appends @member (the comma, the name and the colon) and @value to a
 * JSON object being written; NULL and empty text are null, as the
 * columns store them. */
static void
append_json_text (GString *json,
                  const char *member,
                  const char *value)
{
  g_string_append (json, member);
  if (value == NULL || *value == '\0')
    g_string_append (json, "null");
  else
    rapport_text_append_json_quoted (json, value);
}

/* The outbox payload of a contacts row just written from @contact and
 * @n, the very text OUTBOX_CONTACT_SQL (rapport-store.c) makes of the row:
 * the same fields in the same order, written as SQLite writes JSON. An
 * import records its rows with it instead of reading each back to build
 * it in SQL. NULL when the card names an introducer, whose UUID only
 * the store knows. */
static char *
outbox_payload (RapportContact *contact,
                const Normalized *n,
                gint64 created_at,
                gboolean archived,
                const char *stamp)
{
  GString *json;

  if (rapport_contact_get_introduced_by (contact) != 0)
    return NULL;
  json = g_string_sized_new (1024);
  g_string_append (json, "{\"display_name\":");
  rapport_text_append_json_quoted (json, n->display_name);
  append_json_text (json, ",\"given_name\":", rapport_contact_get_given_name (contact));
  append_json_text (json, ",\"family_name\":", rapport_contact_get_family_name (contact));
  append_json_text (json, ",\"company\":", rapport_contact_get_company (contact));
  append_json_text (json, ",\"job_title\":", rapport_contact_get_job_title (contact));
  append_json_text (json, ",\"industry\":", rapport_contact_get_industry (contact));
  if (rapport_contact_get_industry_since (contact) != 0)
    g_string_append_printf (json, ",\"industry_since\":%d", rapport_contact_get_industry_since (contact));
  else
    g_string_append (json, ",\"industry_since\":null");
  g_string_append (json, ",\"emails\":");
  g_string_append (json, n->emails_json);
  g_string_append (json, ",\"phones\":");
  g_string_append (json, n->phones_json);
  append_json_text (json, ",\"website\":", rapport_contact_get_website (contact));
  append_json_text (json, ",\"linkedin\":", rapport_contact_get_linkedin (contact));
  append_json_text (json, ",\"city\":", rapport_contact_get_city (contact));
  g_string_append (json, ",\"tags\":");
  g_string_append (json, n->tags_json);
  append_json_text (json, ",\"relationship\":", rapport_relationship_to_string (rapport_contact_get_relationship (contact)));
  append_json_text (json, ",\"help_them\":", rapport_contact_get_help_them (contact));
  append_json_text (json, ",\"help_me\":", rapport_contact_get_help_me (contact));
  append_json_text (json, ",\"notes\":", rapport_contact_get_notes (contact));
  append_json_text (json, ",\"met_on\":", rapport_contact_get_met_on (contact));
  g_string_append_printf (json,
                          ",\"met_at\":null,\"introduced_by\":null,\"starred\":%s,\"archived\":%s,"
                          "\"cadence_days\":%d,\"created_at\":%" G_GINT64_FORMAT ",\"created\":",
                          rapport_contact_get_starred (contact) ? "true" : "false", archived ? "true" : "false",
                          rapport_contact_get_cadence_days (contact), created_at);
  rapport_text_append_json_quoted (json, stamp);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/* The outbox rows of @n_rows contacts, with their UUIDs, stamps and
 * payloads as parameters. */
static char *
outbox_rows_sql (guint n_rows)
{
  GString *sql = g_string_sized_new (64 + n_rows * 40);

  g_string_append (sql, "INSERT INTO outbox (entity, uuid, hlc, op, payload) VALUES ");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (sql, "%s('contact', ?%u, ?%u, 'put', ?%u)", i ? ", " : "", 3 * i + 1, 3 * i + 2, 3 * i + 3);
  return g_string_free (sql, FALSE);
}

/* Records @contacts, just written from @n as rows with @uuids, in the
 * outbox, as rapport_store_outbox_append_range() would. */
static gboolean
record_rows (RapportStore *self,
             RapportContact **contacts,
             const Normalized *const *n,
             const gint64 *created_at,
             char **stamps,
             char **uuids,
             gint64 first_id,
             guint n_contacts,
             GError **error)
{
  static char *full_sql;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_full (n_contacts, g_free);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n_contacts; i++)
    {
      char *payload = outbox_payload (contacts[i], n[i], created_at[i], rapport_contact_get_archived (contacts[i]),
                                      stamps[i]);

      if (payload == NULL)
        return rapport_store_outbox_append_range (self, "contact", first_id, first_id + n_contacts - 1, error);
      g_ptr_array_add (payloads, payload);
    }
  if (n_contacts < MAX_INSERT_ROWS)
    sql = outbox_rows_sql (n_contacts);
  else if (g_once_init_enter (&full_sql))
    g_once_init_leave (&full_sql, outbox_rows_sql (n_contacts));
  stmt = rapport_store_prepare (self, sql != NULL ? sql : full_sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_contacts; i++)
    {
      sqlite3_bind_text (stmt, 3 * i + 1, uuids[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3 * i + 2, stamps[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3 * i + 3, g_ptr_array_index (payloads, i), -1, SQLITE_STATIC);
    }
  return rapport_store_step_done (self, stmt, error);
}

/* Writes @contacts, normalised as @n, as new rows: see
 * rapport_store_insert_contact_rows(). */
static gint64
insert_rows (RapportStore *self,
             RapportContact **contacts,
             const Normalized *const *n,
             const gint64 *created_at,
             guint n_contacts,
             GError **error)
{
  /* The statement for a full batch is built once for the process. */
  static char *full_sql[2];
  gboolean derived = rapport_store_get_import_writes (self) != NULL;
  g_autofree char *sql = NULL;
  g_auto(GStrv) stamps = NULL;
  g_auto(GStrv) uuids = NULL;
  g_auto(GStrv) days = NULL;
  sqlite3_stmt *stmt;
  gint64 first_id;

  g_return_val_if_fail (n_contacts > 0 && n_contacts <= MAX_INSERT_ROWS, 0);

  stamps = g_new0 (char *, n_contacts + 1);
  uuids = g_new0 (char *, n_contacts + 1);
  days = g_new0 (char *, n_contacts + 1);
  /* The rows of a bulk write mostly share their creation time. */
  for (guint i = 0; derived && i < n_contacts; i++)
    {
      days[i] = i > 0 && created_at[i] == created_at[i - 1] ? g_strdup (days[i - 1]) : local_day (self, created_at[i]);
      if (days[i] == NULL)
        {
          rapport_store_set_sqlite_error (self, error);
          return 0;
        }
    }

  if (n_contacts < MAX_INSERT_ROWS)
    sql = insert_contacts_sql (n_contacts, derived);
  else if (g_once_init_enter (&full_sql[derived]))
    g_once_init_leave (&full_sql[derived], insert_contacts_sql (n_contacts, derived));
  stmt = rapport_store_prepare (self, sql != NULL ? sql : full_sql[derived], error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < n_contacts; i++)
    {
      int base = i * INSERT_CONTACT_COLUMNS;

      stamps[i] = rapport_store_next_stamp (self);
      uuids[i] = g_uuid_string_random ();
      bind_contact_fields_at (stmt, base, contacts[i], n[i], stamps[i]);
      sqlite3_bind_text (stmt, base + 24, uuids[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, base + 25, created_at[i]);
      sqlite3_bind_int (stmt, base + 26, rapport_contact_get_archived (contacts[i]));
      if (derived)
        sqlite3_bind_text (stmt, base + 27, days[i], -1, SQLITE_STATIC);
    }
  if (!rapport_store_step_done (self, stmt, error))
    return 0;
  /* Rowids are handed out one past the largest, in the order written. */
  first_id = sqlite3_last_insert_rowid (rapport_store_get_db (self)) - n_contacts + 1;

  /* Each row's tags, as its tags column lists them. */
  stmt = rapport_store_prepare (self,
                                "INSERT OR IGNORE INTO contact_tags (tag, contact_id)"
                                " SELECT t.value, c.id FROM contacts c, json_each (c.tags) t"
                                " WHERE c.id BETWEEN ?1 AND ?2",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, first_id + n_contacts - 1);
  if (!rapport_store_step_done (self, stmt, error) ||
      (derived && (!record_rows (self, contacts, n, created_at, stamps, uuids, first_id, n_contacts, error) ||
                   !rapport_store_import_rows_written (self, first_id, first_id + n_contacts - 1, error))))
    return 0;
  return first_id;
}

/* Inside a transaction: validates @contacts and writes them as new rows
 * with their tags, exactly as rapport_store_create_contact() does, but
 * (outside an import) leaves the outbox entries and the timeline to the
 * caller, so that a bulk write (the sample network, an import) can record
 * its rows in one pass with rapport_store_outbox_append_range(). Unlike
 * an editor's draft, such a contact may arrive archived and with its own
 * creation time. An introducer must already be in the store, not in the
 * same batch.
 *
 * The rows go in with one statement: the full-text index then takes the
 * whole batch at once, where one statement per contact would make it write
 * one index segment per contact. Inside an import, the statement also
 * writes what the suspended triggers would, the rest follows with
 * rapport_store_import_rows_written(), and the rows are recorded in the
 * outbox here, from what was written rather than read back. Returns the
 * first new id (the others follow it), or 0. */
gint64
rapport_store_insert_contact_rows (RapportStore *self,
                                   RapportContact **contacts,
                                   const gint64 *created_at,
                                   guint n_contacts,
                                   GError **error)
{
  g_autofree Normalized *n = g_new0 (Normalized, n_contacts);
  g_autofree Normalized **of = g_new0 (Normalized *, n_contacts);
  gint64 first_id = 0;
  guint i;

  for (i = 0; i < n_contacts; i++)
    {
      of[i] = &n[i];
      if (!normalize_contact (self, contacts[i], &n[i], error))
        break;
    }
  if (i == n_contacts)
    first_id = insert_rows (self, contacts, (const Normalized *const *) of, created_at, n_contacts, error);
  for (i = 0; i < n_contacts; i++)
    normalized_clear (&n[i]);
  return first_id;
}

/* A contact an import has checked, with what saving it writes. */
struct _RapportCheckedContact
{
  RapportContact *contact;
  Normalized n;
};

/**
 * rapport_store_check_contact_to_import:
 * @self: a store
 * @contact: a card an import read
 * @error: return location for a #GError
 *
 * rapport_store_check_contact(), keeping what the check worked out, so
 * that rapport_store_import_checked() writes the card without working
 * it out again. Valid while @contact does not change.
 *
 * Returns: (transfer full) (nullable): the checked card, or %NULL when
 *   saving it would be refused
 */
RapportCheckedContact *
rapport_store_check_contact_to_import (RapportStore *self,
                                       RapportContact *contact,
                                       GError **error)
{
  RapportCheckedContact *checked = g_new0 (RapportCheckedContact, 1);

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (contact), NULL);

  if (!normalize_contact (self, contact, &checked->n, error))
    {
      rapport_checked_contact_free (checked);
      return NULL;
    }
  /* A new row's tags are written from its tags column. */
  g_clear_pointer (&checked->n.tags, g_ptr_array_unref);
  checked->contact = g_object_ref (contact);
  return checked;
}

void
rapport_checked_contact_free (RapportCheckedContact *checked)
{
  if (checked == NULL)
    return;
  g_clear_object (&checked->contact);
  normalized_clear (&checked->n);
  g_free (checked);
}

RapportContact *
rapport_checked_contact_get_contact (RapportCheckedContact *checked)
{
  return checked->contact;
}

/* rapport_store_insert_contact_rows() for cards already checked. */
gint64
rapport_store_insert_checked_rows (RapportStore *self,
                                   RapportCheckedContact *const *checked,
                                   const gint64 *created_at,
                                   guint n_contacts,
                                   GError **error)
{
  g_autofree RapportContact **contacts = g_new0 (RapportContact *, n_contacts);
  g_autofree const Normalized **n = g_new0 (const Normalized *, n_contacts);

  for (guint i = 0; i < n_contacts; i++)
    {
      contacts[i] = checked[i]->contact;
      n[i] = &checked[i]->n;
    }
  return insert_rows (self, contacts, n, created_at, n_contacts, error);
}

/* One contact, as rapport_store_insert_contact_rows() writes them. */
gint64
rapport_store_insert_contact_row (RapportStore *self,
                                  RapportContact *contact,
                                  gint64 created_at,
                                  GError **error)
{
  return rapport_store_insert_contact_rows (self, &contact, &created_at, 1, error);
}

/**
 * rapport_store_create_contact:
 * @self: a store
 * @contact: a new contact (its id is 0)
 * @followup_due: (nullable): a date to follow up on, or %NULL for none
 * @error: return location for a #GError
 *
 * Validates and saves @contact, then makes it the live object of its row
 * (setting its id and UUID). When "met on" is set, the timeline gets a
 * "met" entry. With @followup_due, a follow-up is created in the same
 * transaction. Invalid input fails with %RAPPORT_ERROR_INVALID and a
 * message to show as it is; nothing is written then.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_create_contact (RapportStore *self,
                              RapportContact *contact,
                              const char *followup_due,
                              GError **error)
{
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (rapport_contact_get_id (contact) == 0, FALSE);

  if (followup_due != NULL && !rapport_date_is_valid (followup_due))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a date for the follow-up."), followup_due);
      return FALSE;
    }

  if (!rapport_store_begin (self, error))
    return FALSE;

  id = rapport_store_insert_contact_row (self, contact, g_get_real_time () / G_USEC_PER_SEC, error);
  if (id == 0 || !rapport_store_outbox_append (self, "contact", id, error))
    goto fail;

  if (rapport_contact_get_met_on (contact) != NULL &&
      rapport_store_insert_interaction (self, id, RAPPORT_INTERACTION_MET,
                                        met_time (rapport_contact_get_met_on (contact)),
                                        NULL, error) == 0)
    goto fail;

  if (followup_due != NULL &&
      rapport_store_insert_followup (self, id, followup_due, NULL, error) == 0)
    goto fail;

  if (!rapport_store_commit (self, error))
    goto fail;

  {
    g_autoptr(RapportContact) fresh = rapport_store_load_contact (self, id, NULL);

    /* The caller's object becomes the live one for this row. */
    if (fresh != NULL)
      rapport_contact_update_from (contact, fresh);
    else
      rapport_contact_set_id (contact, id);
    rapport_store_adopt_contact (self, contact);
  }

  rapport_store_emit_changed (self, "contacts", id);
  if (rapport_contact_get_met_on (contact) != NULL)
    rapport_store_emit_changed (self, "interactions", id);
  if (followup_due != NULL)
    rapport_store_emit_changed (self, "followups", id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/* The cards of people @id introduced show its name: bring the live ones
 * up to date after @id changed. */
static void
refresh_introduced_by (RapportStore *self,
                       gint64 id)
{
  g_autoptr(GArray) introduced = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self, "SELECT id FROM contacts WHERE introduced_by = ? AND deleted = 0", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 other = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (introduced, other);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < introduced->len; i++)
    rapport_store_refresh_contact (self, g_array_index (introduced, gint64, i));
}

/* Inside a transaction: writes @draft, normalised as @n, over its row with
 * its tags and outbox entry. */
static gboolean
update_contact_row (RapportStore *self,
                    RapportContact *draft,
                    const Normalized *n,
                    GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (self);
  gint64 id = rapport_contact_get_id (draft);
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "UPDATE contacts SET display_name = ?1, given_name = ?2, family_name = ?3,"
                                " company = ?4, job_title = ?5, industry = ?6, industry_since = ?7,"
                                " emails = ?8, phones = ?9, website = ?10, linkedin = ?11, city = ?12,"
                                " tags = ?13, relationship = ?14, help_them = ?15, help_me = ?16,"
                                " notes = ?17, met_on = ?18, introduced_by = ?19, starred = ?20,"
                                " cadence_days = ?21, sort_key = ?22, updated = ?23"
                                " WHERE id = ?24 AND deleted = 0",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_contact_fields (stmt, draft, n, stamp);
  sqlite3_bind_int64 (stmt, 24, id);
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (rapport_store_get_db (self)) != 1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This contact no longer exists."));
      return FALSE;
    }
  return write_tags (self, id, n->tags, error) &&
         rapport_store_outbox_append (self, "contact", id, error);
}

/* Inside a transaction (an import's): validates and writes @draft over
 * its row, as rapport_store_update_contact() does, without refreshing
 * live objects or telling anybody. */
gboolean
rapport_store_update_contact_row (RapportStore *self,
                                  RapportContact *draft,
                                  GError **error)
{
  g_auto(Normalized) n = { 0 };

  g_return_val_if_fail (!sqlite3_get_autocommit (rapport_store_get_db (self)), FALSE);

  return normalize_contact (self, draft, &n, error) &&
         rapport_store_import_index_row (self, rapport_contact_get_id (draft), error) &&
         update_contact_row (self, draft, &n, error);
}

/**
 * rapport_store_check_contact:
 * @self: a store
 * @contact: a contact about to be saved
 * @error: return location for a #GError
 *
 * Applies the rules every save applies, without writing: an importer
 * uses it to set aside, with the reason, the cards that would be refused.
 *
 * Returns: %TRUE when @contact could be saved as it is
 */
gboolean
rapport_store_check_contact (RapportStore *self,
                             RapportContact *contact,
                             GError **error)
{
  g_auto(Normalized) n = { 0 };

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (contact), FALSE);

  return normalize_contact (self, contact, &n, error);
}

/* The moment the timeline's "met" entry for a "met on" date sits at. */
gint64
rapport_store_met_time (const char *met_on)
{
  return met_time (met_on);
}

/**
 * rapport_store_update_contact:
 * @self: a store
 * @draft: an edited copy of a stored contact
 * @error: return location for a #GError
 *
 * Validates and saves @draft over the stored contact with the same id; the
 * live object then takes the saved values. Invalid input fails with
 * %RAPPORT_ERROR_INVALID and writes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_update_contact (RapportStore *self,
                              RapportContact *draft,
                              GError **error)
{
  g_auto(Normalized) n = { 0 };
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (draft), FALSE);

  id = rapport_contact_get_id (draft);
  if (!normalize_contact (self, draft, &n, error))
    return FALSE;
  if (!rapport_store_begin (self, error))
    return FALSE;
  if (!update_contact_row (self, draft, &n, error) ||
      !rapport_store_commit (self, error))
    goto fail;

  rapport_store_refresh_contact (self, id);
  refresh_introduced_by (self, id);
  rapport_store_emit_changed (self, "contacts", id);
  rapport_store_emit_changed (self, "followups", id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/* Sets one flag column, with its stamp and outbox row. */
static gboolean
set_flag (RapportStore *self,
          gint64 id,
          const char *sql,
          int value,
          GError **error)
{
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;

  if (!rapport_store_begin (self, error))
    return FALSE;
  stamp = rapport_store_next_stamp (self);
  stmt = rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, value);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!rapport_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (rapport_store_get_db (self)) != 1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This contact no longer exists."));
      goto fail;
    }
  if (!rapport_store_outbox_append (self, "contact", id, error) ||
      !rapport_store_commit (self, error))
    goto fail;

  rapport_store_refresh_contact (self, id);
  rapport_store_emit_changed (self, "contacts", id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

gboolean
rapport_store_set_starred (RapportStore *self,
                           gint64 id,
                           gboolean starred,
                           GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  return set_flag (self, id, "UPDATE contacts SET starred = ?1, updated = ?2 WHERE id = ?3 AND deleted = 0",
                   !!starred, error);
}

/**
 * rapport_store_archive_contact:
 * @self: a store
 * @id: a contact id
 * @error: return location for a #GError
 *
 * Moves a contact to the archive: out of lists, searches and follow-ups,
 * but kept whole and restorable. This is what "remove" means in Rapport.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_archive_contact (RapportStore *self,
                               gint64 id,
                               GError **error)
{
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  ok = set_flag (self, id, "UPDATE contacts SET archived = ?1, updated = ?2 WHERE id = ?3 AND deleted = 0",
                 1, error);
  if (ok)
    rapport_store_emit_changed (self, "followups", id);
  return ok;
}

/**
 * rapport_store_restore_contact:
 * @self: a store
 * @id: an archived contact's id
 * @error: return location for a #GError
 *
 * Brings a contact back from the archive.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_restore_contact (RapportStore *self,
                               gint64 id,
                               GError **error)
{
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  ok = set_flag (self, id, "UPDATE contacts SET archived = ?1, updated = ?2 WHERE id = ?3 AND deleted = 0",
                 0, error);
  if (ok)
    rapport_store_emit_changed (self, "followups", id);
  return ok;
}

static gboolean
tombstone_children (RapportStore *self,
                    const char *table,
                    const char *entity,
                    gint64 contact_id,
                    const char *stamp,
                    GError **error)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT id FROM %s WHERE contact_id = ? AND deleted = 0", table);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET deleted = 1, note = NULL, updated = ? WHERE id = ?", table);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 child = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, child);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 child = g_array_index (ids, gint64, i);

      stmt = rapport_store_prepare (self, update_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, child);
      if (!rapport_store_step_done (self, stmt, error) ||
          !rapport_store_outbox_append (self, entity, child, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * rapport_store_tombstone_contact:
 * @self: a store, inside a transaction
 * @id: a contact that is not deleted yet
 * @stamp: the HLC stamp of this deletion
 * @relinked: ids of the contacts whose introducer link was cut are added here
 * @error: return location for a #GError
 *
 * Erases a contact's fields, timeline and follow-ups, leaving tombstones
 * in the outbox so that other devices delete them too, and unlinks the
 * contacts it introduced. The caller commits, then calls
 * rapport_store_forget_contact() and refreshes @relinked.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_tombstone_contact (RapportStore *self,
                                 gint64 id,
                                 const char *stamp,
                                 GArray *relinked,
                                 GError **error)
{
  guint first_relinked = relinked->len;
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self, "SELECT id FROM contacts WHERE introduced_by = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 other = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (relinked, other);
    }
  sqlite3_reset (stmt);
  for (guint i = first_relinked; i < relinked->len; i++)
    {
      gint64 other = g_array_index (relinked, gint64, i);

      stmt = rapport_store_prepare (self, "UPDATE contacts SET introduced_by = NULL, updated = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, other);
      if (!rapport_store_step_done (self, stmt, error) ||
          !rapport_store_outbox_append (self, "contact", other, error))
        return FALSE;
    }

  if (!tombstone_children (self, "interactions", "interaction", id, stamp, error) ||
      !tombstone_children (self, "followups", "followup", id, stamp, error) ||
      !rapport_store_tombstone_event_people_of (self, id, stamp, error) ||
      !rapport_store_end_memberships_of (self, id, stamp, error))
    return FALSE;

  return rapport_store_tombstone_contact_fields (self, id, stamp, error) &&
         rapport_store_outbox_append (self, "contact", id, error);
}

/* Erases what the card said, leaving the tombstone; no outbox row (sync
 * applies deletes from other devices with this). */
gboolean
rapport_store_tombstone_contact_fields (RapportStore *self,
                                        gint64 id,
                                        const char *stamp,
                                        GError **error)
{
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self,
                                "UPDATE contacts SET deleted = 1, archived = 1, display_name = '', given_name = NULL,"
                                " family_name = NULL, company = NULL, job_title = NULL, industry = NULL,"
                                " industry_since = NULL, emails = '[]', phones = '[]', website = NULL,"
                                " linkedin = NULL, city = NULL, tags = '[]', help_them = NULL, help_me = NULL,"
                                " notes = NULL, met_on = NULL, met_at = NULL, introduced_by = NULL, starred = 0,"
                                " cadence_days = 0, sort_key = '', updated = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return rapport_store_step_done (self, stmt, error) &&
         write_tags (self, id, NULL, error);
}

/**
 * rapport_store_delete_contact:
 * @self: a store
 * @id: an archived contact's id
 * @error: return location for a #GError
 *
 * Deletes an archived contact for good: its fields, timeline and
 * follow-ups are erased, leaving only a tombstone so that other devices
 * delete it too. Contacts they introduced keep their card but lose the
 * link. Only archived contacts can be deleted, so that nothing goes in one
 * click.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_delete_contact (RapportStore *self,
                              gint64 id,
                              GError **error)
{
  g_autofree char *stamp = NULL;
  g_autoptr(GArray) relinked = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int archived = -1;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;

  stmt = rapport_store_prepare (self, "SELECT archived FROM contacts WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    archived = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (archived < 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("This contact no longer exists."));
      goto fail;
    }
  if (archived == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Only archived contacts can be deleted. Archive the contact first."));
      goto fail;
    }

  stamp = rapport_store_next_stamp (self);
  if (!rapport_store_tombstone_contact (self, id, stamp, relinked, error) ||
      !rapport_store_commit (self, error))
    goto fail;

  rapport_store_forget_contact (self, id);
  for (guint i = 0; i < relinked->len; i++)
    rapport_store_refresh_contact (self, g_array_index (relinked, gint64, i));
  rapport_store_emit_changed (self, "contacts", id);
  rapport_store_emit_changed (self, "interactions", id);
  rapport_store_emit_changed (self, "followups", id);
  return TRUE;

fail:
  rapport_store_rollback (self);
  return FALSE;
}

/* Without filters, the contact list is the store's cached list order, and
 * a search only has to mark its matches in a bitmap and keep the marked
 * ids: a one-letter search matching most of the network costs the same
 * as a name, where sorting the matches would cost tens of milliseconds. */
static gboolean
query_in_list_order (RapportStore *self,
                     gboolean archived,
                     const char *match,
                     GArray *ids,
                     GError **error)
{
  g_autofree guint8 *matched = NULL;
  g_autoptr(GHashTable) matched_set = NULL;
  GArray *order;
  gint64 min_id, max_id;
  gboolean dense;
  sqlite3_stmt *stmt;
  int rc;

  order = rapport_store_get_contact_order (self, archived, &min_id, &max_id, error);
  if (order == NULL)
    return FALSE;
  if (match == NULL || order->len == 0)
    {
      g_array_append_vals (ids, order->data, order->len);
      return TRUE;
    }

  /* Ids are dense in a file Rapport filled itself; ids written by other
   * programs may be negative or huge, and get a hash set instead. */
  dense = min_id > 0 && max_id <= (gint64) order->len * 4 + 65536;
  if (dense)
    matched = g_malloc0 (max_id / 8 + 1);
  else
    matched_set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  stmt = rapport_store_prepare (self, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* An id outside the list's range is not in it. */
      if (id < min_id || id > max_id)
        continue;
      if (dense)
        matched[id / 8] |= 1 << (id % 8);
      else
        g_hash_table_add (matched_set, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = g_array_index (order, gint64, i);

      if (dense ? (matched[id / 8] & (1 << (id % 8))) != 0 : g_hash_table_contains (matched_set, &id))
        g_array_append_val (ids, id);
    }
  return TRUE;
}

/**
 * rapport_store_query_contact_ids:
 * @self: a store
 * @query: which contacts
 * @ids: an array of #gint64 to fill, in name order
 * @error: return location for a #GError
 *
 * The one query behind every contact list: only ids come back, so that a
 * list of 100,000 contacts costs 800 KB and objects are made only for the
 * rows on screen.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_query_contact_ids (RapportStore *self,
                                 const RapportContactQuery *query,
                                 GArray *ids,
                                 GError **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  g_array_set_size (ids, 0);
  match = rapport_text_fts_query (query->search);
  if (match != NULL && query->names_only)
    {
      /* An FTS5 column filter: every word must start a word of the name. */
      char *in_names = g_strdup_printf ("display_name : (%s)", match);

      g_free (match);
      match = in_names;
    }

  if (!query->starred_only && query->relationship < 0 && (query->tag == NULL || *query->tag == '\0'))
    return query_in_list_order (self, !!query->archived, match, ids, error);

  /* With a search, the full-text index finds the few matching rows and
   * only those get sorted; without one, the name index is already sorted.
   * CROSS JOIN keeps the full-text index as the outer loop: left to itself
   * SQLite walks the name index to skip the sort and runs the MATCH once
   * per contact, which takes seconds at 100,000 contacts. */
  if (match != NULL)
    g_string_append (sql, "SELECT c.id FROM contacts_fts f CROSS JOIN contacts c ON c.id = f.rowid"
                          " WHERE contacts_fts MATCH ?4 AND");
  else
    g_string_append (sql, "SELECT c.id FROM contacts c WHERE");
  g_string_append (sql, " c.deleted = 0 AND c.archived = ?1");
  if (query->starred_only)
    g_string_append (sql, " AND c.starred = 1");
  if (query->relationship >= 0)
    g_string_append (sql, " AND c.relationship = ?2");
  if (query->tag != NULL && *query->tag)
    g_string_append (sql, " AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?3)");
  g_string_append (sql, " ORDER BY c.sort_key, c.id");

  stmt = rapport_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, !!query->archived);
  if (query->relationship >= 0)
    sqlite3_bind_text (stmt, 2, rapport_relationship_to_string (query->relationship), -1, SQLITE_STATIC);
  if (query->tag != NULL && *query->tag)
    sqlite3_bind_text (stmt, 3, query->tag, -1, SQLITE_STATIC);
  if (match != NULL)
    sqlite3_bind_text (stmt, 4, match, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      g_array_set_size (ids, 0);
      return FALSE;
    }
  return TRUE;
}

guint
rapport_store_count_contacts (RapportStore *self,
                              gboolean archived)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  stmt = rapport_store_prepare (self, "SELECT count(*) FROM contacts WHERE deleted = 0 AND archived = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, !!archived);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * rapport_store_has_contacts:
 * @self: a store
 *
 * Whether the network is empty is asked at every start; this answers from
 * the first row found rather than by counting them all.
 *
 * Returns: whether any contact exists, in the archive or not
 */
gboolean
rapport_store_has_contacts (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  return rapport_store_query_int (self, "SELECT EXISTS (SELECT 1 FROM contacts WHERE deleted = 0)", 0) != 0;
}

/**
 * rapport_store_find_contact:
 * @self: a store
 * @uuid: a contact's uuid, as other programs know it
 *
 * Outside the app a contact is named by its uuid, which stays the same on
 * every device and across syncs, unlike the row id. GNOME Shell's search
 * hands back the uuids it was given, possibly long after.
 *
 * Returns: the contact's id, or 0 when no contact (archived or not) has
 *   that uuid, or it was deleted
 */
gint64
rapport_store_find_contact (RapportStore *self,
                            const char *uuid)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (uuid == NULL || *uuid == '\0')
    return 0;
  stmt = rapport_store_prepare (self, "SELECT id FROM contacts WHERE uuid = ? AND deleted = 0", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/**
 * rapport_store_list_tags:
 * @self: a store
 *
 * Returns: (transfer full): every tag in use, alphabetically
 */
GStrv
rapport_store_list_tags (RapportStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  /* Jumps from one tag to the next in the primary key instead of reading
   * a row per tagged contact: a dozen tags cost a dozen lookups, however
   * many contacts carry them. */
  stmt = rapport_store_prepare (self,
                                "WITH RECURSIVE t (tag) AS ("
                                "  SELECT min (tag) FROM contact_tags"
                                "  UNION ALL"
                                "  SELECT (SELECT min (tag) FROM contact_tags WHERE tag > t.tag) FROM t"
                                "  WHERE t.tag IS NOT NULL)"
                                " SELECT tag FROM t WHERE tag IS NOT NULL ORDER BY tag COLLATE NOCASE",
                                NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}
