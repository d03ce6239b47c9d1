/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-import.c: what an import asks of the store: which
 * incoming cards are people already in it, and writing many cards, new or
 * merged into existing ones, inside the import's one transaction (see
 * rapport_store_begin_import()).
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-contact-private.h"
#include "rapport-error.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

/* Contacts written per statement, the most rapport_store_insert_contact_rows() takes. */
#define ROWS_PER_STATEMENT 256

/* The keys two cards of one person share: each email, each phone number,
 * the LinkedIn profile, and the name together with the company. One table
 * holds the four kinds, told apart by their first byte. */
typedef struct
{
  GHashTable *ids; /* key → index into @values, plus one */
  GArray *values;  /* of gint64 */
} Keys;

static void
keys_init (Keys *keys)
{
  keys->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  keys->values = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
keys_clear (Keys *keys)
{
  g_clear_pointer (&keys->ids, g_hash_table_unref);
  g_clear_pointer (&keys->values, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Keys, keys_clear)

#define EMAIL_KEY 'e'
#define PHONE_KEY 'p'
#define PROFILE_KEY 'l'
#define NAME_KEY 'n'

/* @key with its kind in front, or NULL when there is no key. Takes @key. */
static char *
kind_key (char kind,
          char *key)
{
  g_autofree char *taken = key;
  char *out;
  gsize length;

  if (taken == NULL || *taken == '\0')
    return NULL;
  length = strlen (taken);
  out = g_malloc (length + 2);
  out[0] = kind;
  memcpy (out + 1, taken, length + 1);
  return out;
}

static char *
name_key (const char *name,
          const char *company)
{
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_company = NULL;

  if (name == NULL || company == NULL || rapport_text_is_blank (name) || rapport_text_is_blank (company))
    return NULL;
  folded_name = rapport_text_fold (name);
  folded_company = rapport_text_fold (company);
  return g_strconcat ((char[]){ NAME_KEY, '\0' }, g_strstrip (folded_name), "\x1f", g_strstrip (folded_company),
                      NULL);
}

/* Remembers @key for @id unless an earlier record has it: the first card
 * found for a person is the one others merge into. Takes @key. */
static void
remember (Keys *keys,
          char *key,
          gint64 id)
{
  if (key == NULL || g_hash_table_contains (keys->ids, key))
    {
      g_free (key);
      return;
    }
  g_array_append_val (keys->values, id);
  g_hash_table_insert (keys->ids, key, GUINT_TO_POINTER (keys->values->len));
}

static gint64
look_up (Keys *keys,
         const char *key)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (keys->ids, key));

  return index > 0 ? g_array_index (keys->values, gint64, index - 1) : 0;
}

/* "https://www.linkedin.com/in/ann/" and "linkedin.com/in/Ann" are one
 * profile: compared without scheme, "www.", case or a closing slash. */
static char *
profile_key (const char *url)
{
  g_autofree char *lower = NULL;
  const char *p;
  gsize len;

  if (url == NULL || rapport_text_is_blank (url))
    return NULL;
  lower = g_utf8_strdown (url, -1);
  p = g_strstrip (lower);
  if (g_str_has_prefix (p, "https://"))
    p += 8;
  else if (g_str_has_prefix (p, "http://"))
    p += 7;
  if (g_str_has_prefix (p, "www."))
    p += 4;
  len = strlen (p);
  while (len > 0 && p[len - 1] == '/')
    len--;
  return len > 0 ? g_strndup (p, len) : NULL;
}

static char *
profile_key_of_row (sqlite3_stmt *stmt)
{
  return kind_key (PROFILE_KEY, profile_key ((const char *) sqlite3_column_text (stmt, 1)));
}

static char *
email_key_of_row (sqlite3_stmt *stmt)
{
  return kind_key (EMAIL_KEY, rapport_contact_email_key ((const char *) sqlite3_column_text (stmt, 1)));
}

static char *
phone_key_of_row (sqlite3_stmt *stmt)
{
  return kind_key (PHONE_KEY, rapport_contact_phone_key ((const char *) sqlite3_column_text (stmt, 1)));
}

static char *
name_key_of_row (sqlite3_stmt *stmt)
{
  return name_key ((const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2));
}

/* Work on many cards that reads nothing from the store is shared out
 * between the processors, in ranges of at least this many cards. */
#define MIN_CARDS_PER_THREAD 4096
#define MAX_THREADS 8

typedef void (*RangeFunc) (gpointer data, guint start, guint end);

typedef struct
{
  RangeFunc func;
  gpointer data;
  guint start;
  guint end;
} Range;

static gpointer
run_range (gpointer data)
{
  Range *range = data;

  range->func (range->data, range->start, range->end);
  return NULL;
}

/* Calls @func on ranges that cover [0, @n), on as many threads as there
 * are processors, the first range on this one, and returns when all are
 * done. */
static void
in_parallel (guint n,
             RangeFunc func,
             gpointer data)
{
  guint n_ranges = CLAMP (n / MIN_CARDS_PER_THREAD, 1, MIN (g_get_num_processors (), MAX_THREADS));
  Range ranges[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };

  for (guint i = 0; i < n_ranges; i++)
    ranges[i] = (Range){ func, data, (guint64) n * i / n_ranges, (guint64) n * (i + 1) / n_ranges };
  for (guint i = 1; i < n_ranges; i++)
    threads[i] = g_thread_new ("rapport-import", run_range, &ranges[i]);
  run_range (&ranges[0]);
  for (guint i = 1; i < n_ranges; i++)
    g_thread_join (threads[i]);
}

typedef struct
{
  RapportStore *store;
  RapportContact *const *contacts;
  RapportCheckedContact **checked;
  GError **refusals;
} Checks;

static void
check_one (Checks *checks,
           guint i)
{
  if (checks->checked != NULL)
    checks->checked[i] = rapport_store_check_contact_to_import (checks->store, checks->contacts[i],
                                                                &checks->refusals[i]);
  else
    rapport_store_check_contact (checks->store, checks->contacts[i], &checks->refusals[i]);
}

static void
check_range (gpointer data,
             guint start,
             guint end)
{
  Checks *checks = data;

  for (guint i = start; i < end; i++)
    if (rapport_contact_get_introduced_by (checks->contacts[i]) == 0)
      check_one (checks, i);
}

/**
 * rapport_store_check_contacts:
 * @self: a store
 * @contacts: (array length=n_contacts): contacts about to be saved
 * @n_contacts: how many
 * @checked: (array length=n_contacts) (out caller-allocates) (nullable):
 *   for each contact, what rapport_store_check_contact_to_import() gives
 * @refusals: (array length=n_contacts) (out caller-allocates): for each
 *   contact, %NULL, or why saving it would be refused
 *
 * rapport_store_check_contact() or, with @checked,
 * rapport_store_check_contact_to_import() for many contacts, as an import
 * reads them. Checking a contact without an introducer reads nothing
 * from the store, so those are checked on as many threads as there are
 * processors; the others here.
 */
void
rapport_store_check_contacts (RapportStore *self,
                              RapportContact *const *contacts,
                              guint n_contacts,
                              RapportCheckedContact **checked,
                              GError **refusals)
{
  Checks checks = { self, contacts, checked, refusals };

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (n_contacts == 0 || (contacts != NULL && refusals != NULL));

  in_parallel (n_contacts, check_range, &checks);
  for (guint i = 0; i < n_contacts; i++)
    if (rapport_contact_get_introduced_by (contacts[i]) != 0)
      check_one (&checks, i);
}

/* Fills @keys from @sql, whose rows are an id and what @key reads. */
static gboolean
read_keys (RapportStore *self,
           const char *sql,
           char *(*key) (sqlite3_stmt *stmt),
           Keys *keys,
           GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remember (keys, key (stmt), sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_existing_keys (RapportStore *self,
                    Keys *keys,
                    GError **error)
{
  return read_keys (self,
                    "SELECT c.id, json_extract (e.value, '$.value') FROM contacts c, json_each (c.emails) e"
                    " WHERE c.deleted = 0 ORDER BY c.id",
                    email_key_of_row, keys, error) &&
         read_keys (self,
                    "SELECT c.id, json_extract (p.value, '$.value') FROM contacts c, json_each (c.phones) p"
                    " WHERE c.deleted = 0 ORDER BY c.id",
                    phone_key_of_row, keys, error) &&
         read_keys (self,
                    "SELECT id, linkedin FROM contacts WHERE deleted = 0 AND linkedin IS NOT NULL AND linkedin != ''"
                    " ORDER BY id",
                    profile_key_of_row, keys, error) &&
         read_keys (self,
                    "SELECT id, display_name, company FROM contacts"
                    " WHERE deleted = 0 AND company IS NOT NULL AND company != '' ORDER BY id",
                    name_key_of_row, keys, error);
}

/* @contact's keys, in the order they are compared: emails, phone
 * numbers, the LinkedIn profile, then the name at the company. */
static char **
contact_keys (RapportContact *contact)
{
  GPtrArray *emails = rapport_contact_get_emails (contact);
  GPtrArray *phones = rapport_contact_get_phones (contact);
  GPtrArray *out = g_ptr_array_new_null_terminated (emails->len + phones->len + 2, NULL, TRUE);
  char *key;

  for (guint i = 0; i < emails->len; i++)
    if ((key = kind_key (EMAIL_KEY,
                         rapport_contact_email_key (((RapportLabeled *) g_ptr_array_index (emails, i))->value))))
      g_ptr_array_add (out, key);
  for (guint i = 0; i < phones->len; i++)
    if ((key = kind_key (PHONE_KEY,
                         rapport_contact_phone_key (((RapportLabeled *) g_ptr_array_index (phones, i))->value))))
      g_ptr_array_add (out, key);
  if ((key = kind_key (PROFILE_KEY, profile_key (rapport_contact_get_linkedin (contact)))))
    g_ptr_array_add (out, key);
  if ((key = name_key (rapport_contact_get_display_name (contact), rapport_contact_get_company (contact))))
    g_ptr_array_add (out, key);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* The id the first of @contact_keys that @keys knows belongs to, or 0. */
static gint64
match (Keys *keys,
       char **contact_keys)
{
  gint64 id;

  for (guint i = 0; contact_keys[i] != NULL; i++)
    if ((id = look_up (keys, contact_keys[i])) != 0)
      return id;
  return 0;
}

typedef struct
{
  RapportContact *const *contacts;
  char ***keys;
} KeysOfContacts;

static void
keys_range (gpointer data,
            guint start,
            guint end)
{
  KeysOfContacts *work = data;

  for (guint i = start; i < end; i++)
    work->keys[i] = contact_keys (work->contacts[i]);
}

/**
 * rapport_store_find_duplicates:
 * @self: a store
 * @contacts: (array length=n_contacts): incoming cards, not in the store
 * @n_contacts: how many
 * @duplicate_of: (array length=n_contacts) (out caller-allocates): for
 *   each card, the id of the contact it duplicates; else, when an earlier
 *   card of @contacts is the same person, minus one minus that card's
 *   index; else 0
 * @error: return location for a #GError
 *
 * Two cards are one person when they share an email address (in any
 * case), a phone number (its last nine digits), a LinkedIn profile, or
 * the same name at the same company. Archived contacts count; deleted ones do not.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_find_duplicates (RapportStore *self,
                               RapportContact *const *contacts,
                               guint n_contacts,
                               gint64 *duplicate_of,
                               GError **error)
{
  g_auto(Keys) existing = { 0 };
  g_auto(Keys) incoming = { 0 };
  KeysOfContacts work = { contacts, NULL };

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_contacts == 0 || (contacts != NULL && duplicate_of != NULL), FALSE);

  keys_init (&existing);
  keys_init (&incoming);
  if (!read_existing_keys (self, &existing, error))
    return FALSE;

  /* Working the keys out reads nothing from the store: the cards are
   * shared out between the processors. */
  work.keys = g_new0 (char **, MAX (n_contacts, 1));
  in_parallel (n_contacts, keys_range, &work);
  for (guint i = 0; i < n_contacts; i++)
    {
      char **keys = work.keys[i];
      gint64 id = match (&existing, keys);

      if (id == 0)
        {
          /* Indexes stored one up, so that the first card is not 0. */
          gint64 earlier = match (&incoming, keys);

          if (earlier != 0)
            id = -earlier;
          else
            {
              /* The table takes the keys. */
              for (guint k = 0; keys[k] != NULL; k++)
                remember (&incoming, keys[k], (gint64) i + 1);
              keys[0] = NULL;
            }
        }
      duplicate_of[i] = id;
      g_strfreev (keys);
    }
  g_free (work.keys);
  return TRUE;
}

/* Writing in bulk
 *
 * Written one by one, each new contact costs a row of the search index
 * and, for Insights, a cascade of triggers: its met_day and created_day
 * are set by an UPDATE of the row just written, which sets followup_days
 * by another, and each counts the row out of contact_days and back in.
 * An import's transaction drops the two triggers that start this
 * (contacts_fts_insert and contacts_met_day_insert) and puts them back
 * from their own SQL before it commits; a rollback puts them back too.
 * Meanwhile rapport_store_insert_contact_rows() writes met_day and
 * created_day with the row, and rapport_store_import_rows_written() does
 * the rest for a range of new rows: contact_days counted by day, and the
 * search index filled a few thousand rows at a time, as one statement
 * indexes them far faster than many. A new row has no timeline yet, so
 * its followup_days stays NULL, as the trigger would leave it. The rows'
 * outbox entries are written from the values just bound, not read back
 * and turned into JSON by SQL. */

/* Suspended during an import, in the order they were created, so that
 * they are put back in the order they fire; the last is the connection's
 * own (rapport-store.c), which counts each new row as a change of the
 * contact list's order: a batch counts once instead. */
static const struct
{
  const char *schema;
  const char *name;
} suspended_triggers[] = {
  { "main", "contacts_fts_insert" },
  { "main", "contacts_met_day_insert" },
  { "temp", "list_order_insert" },
};

/* New rows wait for the search index until there are this many. */
#define ROWS_PER_INDEX_STATEMENT 4096

/* SQLite's page cache during an import, in KiB: enough for the indexes
 * that grow all over (UUIDs, names, the search index) to stay in memory
 * rather than be written out and read back before the commit. */
#define IMPORT_CACHE_KIB (64 * 1024)

struct _RapportImportWrites
{
  char *trigger_sql[G_N_ELEMENTS (suspended_triggers)];
  gint64 index_first; /* new rows from here to index_last are not in the search index yet */
  gint64 index_last;
  gint64 cache_size; /* the connection's own, put back at the end */
};

static gboolean
exec_bound_range (RapportStore *self,
                  const char *sql,
                  gint64 first_id,
                  gint64 last_id,
                  GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  return rapport_store_step_done (self, stmt, error);
}

/* Puts the new rows that wait for the search index in it. */
static gboolean
flush_index (RapportStore *self,
             RapportImportWrites *writes,
             GError **error)
{
  if (writes->index_first == 0)
    return TRUE;
  /* As the suspended contacts_fts_insert would for each row. */
  if (!exec_bound_range (self,
                         "INSERT INTO contacts_fts (rowid, display_name, company, industry, tags, notes)"
                         " SELECT id, display_name, company, industry, tags, notes FROM contacts"
                         " WHERE id BETWEEN ?1 AND ?2",
                         writes->index_first, writes->index_last, error))
    return FALSE;
  writes->index_first = writes->index_last = 0;
  return TRUE;
}

/* Inside the import's transaction, just opened. */
RapportImportWrites *
rapport_store_import_writes_begin (RapportStore *self,
                                   GError **error)
{
  RapportImportWrites *writes = g_new0 (RapportImportWrites, 1);

  writes->cache_size = rapport_store_query_int (self, "PRAGMA cache_size", -2000);
  for (guint i = 0; i < G_N_ELEMENTS (suspended_triggers); i++)
    {
      g_autofree char *select = g_strdup_printf ("SELECT sql FROM %s.sqlite_schema WHERE type = 'trigger' AND name = ?",
                                                 suspended_triggers[i].schema);
      sqlite3_stmt *stmt = rapport_store_prepare (self, select, error);
      g_autofree char *drop = NULL;

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, suspended_triggers[i].name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *sql = (const char *) sqlite3_column_text (stmt, 0);

          /* SQLite keeps every trigger as "CREATE TRIGGER …", leaving
           * out the TEMP that put it in the temp schema. */
          if (g_str_equal (suspended_triggers[i].schema, "temp") && g_str_has_prefix (sql, "CREATE TRIGGER "))
            writes->trigger_sql[i] = g_strconcat ("CREATE TEMP TRIGGER ", sql + strlen ("CREATE TRIGGER "), NULL);
          else
            writes->trigger_sql[i] = g_strdup (sql);
        }
      sqlite3_reset (stmt);
      if (writes->trigger_sql[i] == NULL)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, "The trigger %s is missing",
                       suspended_triggers[i].name);
          goto fail;
        }
      drop = g_strdup_printf ("DROP TRIGGER %s.%s", suspended_triggers[i].schema, suspended_triggers[i].name);
      if (!rapport_store_exec (self, drop, error))
        goto fail;
    }
  {
    g_autofree char *cache = g_strdup_printf ("PRAGMA cache_size = %d", -IMPORT_CACHE_KIB);

    /* Only ever grown: a connection given more keeps it. */
    if (writes->cache_size < 0 && -writes->cache_size < IMPORT_CACHE_KIB)
      rapport_store_exec (self, cache, NULL);
  }
  return writes;

fail:
  rapport_store_import_writes_free (self, writes);
  return NULL;
}

/* Before the import's transaction commits: the last rows indexed, and the
 * triggers back. */
gboolean
rapport_store_import_writes_end (RapportStore *self,
                                 RapportImportWrites *writes,
                                 GError **error)
{
  if (!flush_index (self, writes, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suspended_triggers); i++)
    if (!rapport_store_exec (self, writes->trigger_sql[i], error))
      return FALSE;
  return TRUE;
}

/* After the commit or the rollback, which puts the triggers back too. */
void
rapport_store_import_writes_free (RapportStore *self,
                                  RapportImportWrites *writes)
{
  if (writes == NULL)
    return;
  if (writes->cache_size != 0 && writes->cache_size != rapport_store_query_int (self, "PRAGMA cache_size", 0))
    {
      g_autofree char *cache = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, writes->cache_size);

      rapport_store_exec (self, cache, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (suspended_triggers); i++)
    g_free (writes->trigger_sql[i]);
  g_free (writes);
}

/**
 * rapport_store_import_index_row:
 * @self: a store
 * @id: a contact about to be changed
 * @error: return location for a #GError
 *
 * An UPDATE of a contact takes its old values out of the search index,
 * which must hold them: when @id is a new row of the import that waits
 * for the index, the rows waiting are indexed now. Does nothing outside
 * an import.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_import_index_row (RapportStore *self,
                                gint64 id,
                                GError **error)
{
  RapportImportWrites *writes = rapport_store_get_import_writes (self);

  if (writes == NULL || id < writes->index_first || id > writes->index_last)
    return TRUE;
  return flush_index (self, writes, error);
}

/**
 * rapport_store_import_rows_written:
 * @self: a store in an import
 * @first_id: the first of the contacts rows just inserted
 * @last_id: the last one
 * @error: return location for a #GError
 *
 * Does for the new rows what the suspended triggers would have done for
 * each: counts them in contact_days, and indexes them (soon).
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_import_rows_written (RapportStore *self,
                                   gint64 first_id,
                                   gint64 last_id,
                                   GError **error)
{
  RapportImportWrites *writes = rapport_store_get_import_writes (self);

  g_return_val_if_fail (writes != NULL, FALSE);

  if (!rapport_store_exec (self, "UPDATE temp.list_order_generation SET n = n + 1", error))
    return FALSE;
  /* The sums of what V5_COUNT_MET adds for each row. */
  if (!exec_bound_range (self,
                         "INSERT INTO contact_days (day, met, same_day, next_day, later)"
                         " SELECT met_day, count(*), count (CASE WHEN coalesce (followup_days, -1) = 0 THEN 1 END),"
                         "  count (CASE WHEN coalesce (followup_days, -1) = 1 THEN 1 END),"
                         "  count (CASE WHEN coalesce (followup_days, -1) >= 2 THEN 1 END)"
                         " FROM contacts WHERE id BETWEEN ?1 AND ?2 AND deleted = 0 AND met_day IS NOT NULL"
                         " GROUP BY met_day"
                         " ON CONFLICT (day) DO UPDATE SET met = met + excluded.met,"
                         "  same_day = same_day + excluded.same_day, next_day = next_day + excluded.next_day,"
                         "  later = later + excluded.later",
                         first_id, last_id, error) ||
      !exec_bound_range (self,
                         "INSERT INTO contact_days (day, added)"
                         " SELECT coalesce (created_day, date (created_at, 'unixepoch', 'localtime')) AS day, count(*)"
                         " FROM contacts WHERE id BETWEEN ?1 AND ?2 AND deleted = 0 AND met_day IS NOT NULL"
                         " GROUP BY day"
                         " ON CONFLICT (day) DO UPDATE SET added = added + excluded.added",
                         first_id, last_id, error))
    return FALSE;

  if (writes->index_first != 0 && first_id != writes->index_last + 1 && !flush_index (self, writes, error))
    return FALSE;
  if (writes->index_first == 0)
    writes->index_first = first_id;
  writes->index_last = last_id;
  if (writes->index_last - writes->index_first + 1 >= ROWS_PER_INDEX_STATEMENT)
    return flush_index (self, writes, error);
  return TRUE;
}

/**
 * rapport_store_import_checked:
 * @self: a store in an import (rapport_store_begin_import())
 * @checked: (array length=n_contacts): new contacts, checked by
 *   rapport_store_check_contact_to_import() and unchanged since
 * @n_contacts: how many
 * @error: return location for a #GError
 *
 * Writes the contacts as new rows, as rapport_store_create_contact()
 * would one by one (a "met on" date puts a "met" entry on the timeline),
 * with few statements. The objects are not adopted as live ones.
 *
 * Returns: the id of the first new contact (the others follow it in
 *   order), or 0 on error
 */
gint64
rapport_store_import_checked (RapportStore *self,
                              RapportCheckedContact *const *checked,
                              guint n_contacts,
                              GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree gint64 *created_at = NULL;
  gint64 first_id = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (rapport_store_is_importing (self), 0);
  g_return_val_if_fail (n_contacts > 0, 0);

  created_at = g_new (gint64, MIN (n_contacts, ROWS_PER_STATEMENT));
  for (guint i = 0; i < MIN (n_contacts, ROWS_PER_STATEMENT); i++)
    created_at[i] = now;

  for (guint done = 0; done < n_contacts;)
    {
      guint n = MIN (n_contacts - done, ROWS_PER_STATEMENT);
      /* Recorded in the outbox too, inside an import. */
      gint64 id = rapport_store_insert_checked_rows (self, checked + done, created_at, n, error);

      if (id == 0)
        return 0;
      if (first_id == 0)
        first_id = id;
      /* Rows of one statement have consecutive ids, and so do statements
       * in a row: nothing else writes during an import. */
      g_assert (id == first_id + done);

      for (guint i = 0; i < n; i++)
        {
          const char *met_on = rapport_contact_get_met_on (rapport_checked_contact_get_contact (checked[done + i]));

          if (met_on != NULL &&
              rapport_store_insert_interaction (self, id + i, RAPPORT_INTERACTION_MET,
                                                rapport_store_met_time (met_on), NULL, error) == 0)
            return 0;
        }
      done += n;
    }
  return first_id;
}

/**
 * rapport_store_import_contacts:
 * @self: a store in an import (rapport_store_begin_import())
 * @contacts: (array length=n_contacts): new contacts that pass
 *   rapport_store_check_contact()
 * @n_contacts: how many
 * @error: return location for a #GError
 *
 * rapport_store_import_checked() for contacts not checked yet.
 *
 * Returns: the id of the first new contact (the others follow it in
 *   order), or 0 on error
 */
gint64
rapport_store_import_contacts (RapportStore *self,
                               RapportContact *const *contacts,
                               guint n_contacts,
                               GError **error)
{
  g_autoptr(GPtrArray) checked = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_checked_contact_free);

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (n_contacts > 0, 0);

  for (guint i = 0; i < n_contacts; i++)
    {
      RapportCheckedContact *one = rapport_store_check_contact_to_import (self, contacts[i], error);

      if (one == NULL)
        return 0;
      g_ptr_array_add (checked, one);
    }
  return rapport_store_import_checked (self, (RapportCheckedContact *const *) checked->pdata, n_contacts, error);
}

/**
 * rapport_store_import_merge:
 * @self: a store in an import (rapport_store_begin_import())
 * @id: the contact @incoming is a duplicate of
 * @incoming: an imported card for the same person
 * @error: return location for a #GError
 *
 * Completes the stored contact with @incoming (rapport_contact_merge():
 * nothing it holds is overwritten) and writes it back if that changed
 * anything.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_import_merge (RapportStore *self,
                            gint64 id,
                            RapportContact *incoming,
                            GError **error)
{
  g_autoptr(RapportContact) stored = NULL;
  g_autoptr(RapportContact) merged = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (rapport_store_is_importing (self), FALSE);

  stored = rapport_store_load_contact (self, id, error);
  if (stored == NULL)
    return FALSE;
  merged = rapport_contact_copy (stored);
  rapport_contact_merge (merged, incoming);
  if (rapport_contact_equal (merged, stored))
    return TRUE;
  return rapport_store_update_contact_row (self, merged, error);
}
