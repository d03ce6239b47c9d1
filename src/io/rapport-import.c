/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-import.c: an import from the files picked to the report.
 *
 * Reading and parsing run on a worker thread; everything that touches
 * the store runs where the store lives, the main thread: checking each
 * card against the rules every save applies, finding the people already
 * there, and writing. Writing happens in the store's import transaction
 * (rapport_store_begin_import()), a slice of cards per turn of the main
 * loop, so the window keeps drawing and a cancel (or a failure) rolls
 * everything back: an import is whole or absent.
 */
#define G_LOG_DOMAIN "rapport-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-csv.h"
#include "rapport-error.h"
#include "rapport-import.h"
#include "rapport-store-private.h"
#include "rapport-vcard.h"

/* Bigger than any real address book, small enough to read into memory. */
#define MAX_FILE_BYTES (512 * 1024 * 1024)
/* Cards checked or written per turn of the main loop. */
#define CARDS_PER_SLICE 512

typedef struct
{
  RapportImportCard *card;
  /* The card as the store checked it, which writing it takes, worked out
   * once; NULL when refused. */
  RapportCheckedContact *checked;
  gboolean absorbed;     /* later cards were merged into it */
  const char *file_name; /* owned by the import's file_names */
  gint64 duplicate_of;   /* > 0: a contact id; < 0: minus one minus an earlier card's index */
  RapportImportChoice choice;
  gboolean refused;
} Item;

struct _RapportImport
{
  GObject parent_instance;

  RapportStore *store;
  GArray *items;         /* of Item */
  GArray *duplicates;    /* of guint, indexes of items that are duplicates */
  GPtrArray *file_names; /* of char * */
  GPtrArray *sources;    /* of char *, NULL-terminated */
  guint n_refused;
  RapportImportReport report;

  /* While applying */
  guint next;
  gboolean in_transaction;
};

G_DEFINE_FINAL_TYPE (RapportImport, rapport_import, G_TYPE_OBJECT)

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->card, rapport_import_card_free);
  g_clear_pointer (&item->checked, rapport_checked_contact_free);
}

static void
rapport_import_finalize (GObject *object)
{
  RapportImport *self = RAPPORT_IMPORT (object);

  /* Dropped in the middle of applying: nothing of it stays. */
  if (self->in_transaction)
    rapport_store_end_import (self->store, FALSE, NULL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->duplicates, g_array_unref);
  g_clear_pointer (&self->file_names, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->report.problems, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_import_parent_class)->finalize (object);
}

static void
rapport_import_class_init (RapportImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_import_finalize;
}

static void
rapport_import_init (RapportImport *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->duplicates = g_array_new (FALSE, FALSE, sizeof (guint));
  self->file_names = g_ptr_array_new_with_free_func (g_free);
  self->sources = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->sources, NULL);
  self->report.problems = g_ptr_array_new_with_free_func (g_free);
}

/**
 * rapport_import_new:
 * @store: the store to import into
 *
 * Returns: (transfer full): an import with nothing read yet
 */
RapportImport *
rapport_import_new (RapportStore *store)
{
  RapportImport *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_IMPORT, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* Reading, on the worker */

typedef struct
{
  char *file_name;
  const char *source;  /* static, untranslated */
  GPtrArray *cards;    /* of RapportImportCard */
  GPtrArray *problems; /* of RapportImportProblem */
  char *error;         /* the whole file was refused, and why */
  /* Per card, filled by check_results() */
  RapportCheckedContact **checked;
  GError **refusals;
} FileResult;

static void
file_result_free (FileResult *result)
{
  for (guint i = 0; result->checked != NULL && i < result->cards->len; i++)
    {
      g_clear_pointer (&result->checked[i], rapport_checked_contact_free);
      g_clear_error (&result->refusals[i]);
    }
  g_free (result->checked);
  g_free (result->refusals);
  g_free (result->file_name);
  g_clear_pointer (&result->cards, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result->error);
  g_free (result);
}

/* The tag a source's cards get, so the user can find them afterwards.
 * Rapport's own export brings back cards, not a new source. */
static const char *
source_tag (const char *source)
{
  if (g_str_equal (source, "linkedin"))
    return _("Imported from LinkedIn");
  if (g_str_equal (source, "google"))
    return _("Imported from Google");
  if (g_str_equal (source, "outlook"))
    return _("Imported from Outlook");
  if (g_str_equal (source, "vcard"))
    return _("Imported from vCard");
  return NULL;
}

static const char *
source_name (const char *source)
{
  if (g_str_equal (source, "linkedin"))
    return _("LinkedIn connections");
  if (g_str_equal (source, "google"))
    return _("Google Contacts");
  if (g_str_equal (source, "outlook"))
    return _("Outlook contacts");
  if (g_str_equal (source, "vcard"))
    return _("vCard");
  return _("Rapport contacts");
}

static FileResult *
read_one_file (GFile *file,
               GCancellable *cancellable)
{
  FileResult *result = g_new0 (FileResult, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gsize text_length = 0;

  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_problem_free);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  result->file_name = info != NULL ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
  if (info == NULL)
    {
      result->error = g_strdup (error->message);
      return result;
    }
  if (g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      result->error = g_strdup_printf (_("The file is larger than %d MB; no address book is that big."),
                                          MAX_FILE_BYTES / (1024 * 1024));
      return result;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      result->error = g_strdup (error->message);
      return result;
    }
  if (length == 0)
    {
      result->error = g_strdup (_("The file is empty."));
      return result;
    }

  text = rapport_import_to_utf8 (contents, length, &text_length);
  g_clear_pointer (&contents, g_free);
  if (rapport_vcard_sniff (text, text_length))
    {
      result->source = "vcard";
      result->cards = rapport_vcard_parse (text, text_length, result->problems);
    }
  else
    {
      RapportCsvKind kind = rapport_csv_sniff (text, text_length);

      switch (kind)
        {
        case RAPPORT_CSV_LINKEDIN:
          result->source = "linkedin";
          break;
        case RAPPORT_CSV_GOOGLE:
          result->source = "google";
          break;
        case RAPPORT_CSV_OUTLOOK:
          result->source = "outlook";
          break;
        case RAPPORT_CSV_RAPPORT:
          result->source = "rapport";
          break;
        case RAPPORT_CSV_UNKNOWN:
        default:
          result->error = g_strdup (_("This is not a vCard file or a contacts CSV from LinkedIn, Google, "
                                      "Outlook or Rapport."));
          return result;
        }
      result->cards = rapport_csv_parse_contacts (text, text_length, &kind, result->problems);
    }

  {
    const char *tag = source_tag (result->source);

    for (guint i = 0; tag != NULL && i < result->cards->len; i++)
      {
        RapportContact *contact = ((RapportImportCard *) g_ptr_array_index (result->cards, i))->contact;
        const char *const *tags = rapport_contact_get_tags (contact);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) with_source = NULL;

        if (tags != NULL && g_strv_contains (tags, tag))
          continue;
        if (tags != NULL)
          g_strv_builder_addv (builder, (const char **) tags);
        g_strv_builder_add (builder, tag);
        with_source = g_strv_builder_end (builder);
        rapport_contact_set_tags (contact, (const char *const *) with_source);
      }
  }
  return result;
}

/* Checks every card as a save would check it. Imported cards name no
 * introducer, so this reads nothing from the store and runs on the
 * reading worker, not on the thread the store belongs to. */
static void
check_results (RapportStore *store,
               GPtrArray *results)
{
  for (guint f = 0; f < results->len; f++)
    {
      FileResult *result = g_ptr_array_index (results, f);
      guint n;

      if (result->error != NULL)
        continue;
      n = result->cards->len;
      result->checked = g_new0 (RapportCheckedContact *, MAX (n, 1));
      result->refusals = g_new0 (GError *, MAX (n, 1));
      {
        g_autofree RapportContact **contacts = g_new0 (RapportContact *, MAX (n, 1));

        for (guint i = 0; i < n; i++)
          contacts[i] = ((RapportImportCard *) g_ptr_array_index (result->cards, i))->contact;
        rapport_store_check_contacts (store, contacts, n, result->checked, result->refusals);
      }
    }
}

static void
read_in_thread (GTask *task,
                gpointer source_object,
                gpointer task_data,
                GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) file_result_free);

  for (guint i = 0; i < files->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (results, read_one_file (g_ptr_array_index (files, i), cancellable));
    }
  check_results (RAPPORT_IMPORT (source_object)->store, results);
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

/* Back on the store's thread */

static void
add_problem (RapportImport *self,
             const char *file_name,
             guint line,
             const char *reason)
{
  if (line > 0)
    /* TRANSLATORS: a line of the import report: file, line number, what was wrong */
    g_ptr_array_add (self->report.problems, g_strdup_printf (_("%s, line %u: %s"), file_name, line, reason));
  else
    g_ptr_array_add (self->report.problems, g_strdup_printf ("%s: %s", file_name, reason));
}

static void
add_source (RapportImport *self,
            const char *source)
{
  const char *name = source_name (source);

  for (guint i = 0; i + 1 < self->sources->len; i++)
    if (g_str_equal (g_ptr_array_index (self->sources, i), name))
      return;
  g_ptr_array_insert (self->sources, self->sources->len - 1, g_strdup (name));
}

/* Takes the worker's results, checked by check_results(): the cards the
 * store would take are compared with its contacts and the cards before
 * them. */
static gboolean
take_results (RapportImport *self,
              GPtrArray *results,
              GError **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(GArray) checked = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gint64 *duplicate_of = NULL;
  g_autoptr(GArray) refusals = g_array_new (FALSE, FALSE, sizeof (GError *));
  guint first = self->items->len;

  for (guint f = 0; f < results->len; f++)
    {
      FileResult *result = g_ptr_array_index (results, f);
      char *file_name = g_strdup (result->file_name);

      g_ptr_array_add (self->file_names, file_name);
      if (result->error != NULL)
        {
          add_problem (self, file_name, 0, result->error);
          continue;
        }
      add_source (self, result->source);
      for (guint i = 0; i < result->problems->len; i++)
        {
          RapportImportProblem *problem = g_ptr_array_index (result->problems, i);

          add_problem (self, file_name, problem->line, problem->reason);
        }
      for (guint i = 0; i < result->cards->len; i++)
        {
          Item item = { .card = g_ptr_array_index (result->cards, i), .file_name = file_name, .choice = RAPPORT_IMPORT_MERGE };

          item.checked = g_steal_pointer (&result->checked[i]);
          g_array_append_val (self->items, item);
          g_array_append_val (refusals, result->refusals[i]);
          result->refusals[i] = NULL;
        }
      /* The items own the cards now. */
      g_ptr_array_set_free_func (result->cards, NULL);
    }

  for (guint i = first; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autoptr(GError) refusal = g_array_index (refusals, GError *, i - first);

      if (refusal != NULL)
        {
          item->refused = TRUE;
          self->n_refused++;
          add_problem (self, item->file_name, item->card->line, refusal->message);
          continue;
        }
      if (item->card->photo != NULL && rapport_photo_check (item->card->photo, &refusal) == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("The photo was left out: %s"), refusal->message);

          add_problem (self, item->file_name, item->card->line, reason);
          g_clear_pointer (&item->card->photo, g_bytes_unref);
          g_clear_error (&refusal);
        }
      g_ptr_array_add (contacts, item->card->contact);
      g_array_append_val (checked, i);
    }

  duplicate_of = g_new0 (gint64, MAX (contacts->len, 1));
  if (!rapport_store_find_duplicates (self->store, (RapportContact *const *) contacts->pdata, contacts->len,
                                      duplicate_of, error))
    return FALSE;
  for (guint k = 0; k < checked->len; k++)
    {
      guint i = g_array_index (checked, guint, k);
      Item *item = &g_array_index (self->items, Item, i);

      if (duplicate_of[k] < 0)
        /* An index into @contacts, made one into the items. */
        item->duplicate_of = -(gint64) g_array_index (checked, guint, -duplicate_of[k] - 1) - 1;
      else
        item->duplicate_of = duplicate_of[k];
      if (item->duplicate_of != 0)
        g_array_append_val (self->duplicates, i);
    }
  return TRUE;
}

static GPtrArray *
files_to_array (GFile *const *files,
                guint n_files)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (array, g_object_ref (files[i]));
  return array;
}

/**
 * rapport_import_read:
 * @self: an import
 * @files: (array length=n_files): vCard or contacts CSV files
 * @n_files: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @files into the import, as rapport_import_read_async() does, in
 * the calling thread (the store's). A file that cannot be read or is of
 * no known kind is a problem of the report, not an error.
 *
 * Returns: %FALSE when cancelled or the store failed
 */
gboolean
rapport_import_read (RapportImport *self,
                     GFile *const *files,
                     guint n_files,
                     GCancellable *cancellable,
                     GError **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) file_result_free);

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), FALSE);

  for (guint i = 0; i < n_files; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_ptr_array_add (results, read_one_file (files[i], cancellable));
    }
  check_results (self->store, results);
  return take_results (self, results, error);
}

static void
on_read (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RapportImport *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) results = NULL;
  GError *error = NULL;

  results = g_task_propagate_pointer (G_TASK (result), &error);
  if (results == NULL || !take_results (self, results, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rapport_import_read_async:
 * @self: an import
 * @files: (array length=n_files): vCard or contacts CSV files
 * @n_files: how many
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread when done
 * @user_data: data for @callback
 *
 * Reads and parses @files on a worker thread, then checks the cards and
 * finds the duplicates on this thread. Call from the store's thread.
 */
void
rapport_import_read_async (RapportImport *self,
                           GFile *const *files,
                           guint n_files,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;

  g_return_if_fail (RAPPORT_IS_IMPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_read_async);
  worker = g_task_new (self, cancellable, on_read, task);
  g_task_set_task_data (worker, files_to_array (files, n_files), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (worker, read_in_thread);
}

gboolean
rapport_import_read_finish (RapportImport *self,
                            GAsyncResult *result,
                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
rapport_import_get_n_cards (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), 0);
  return self->items->len - self->n_refused;
}

guint
rapport_import_get_n_new (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), 0);
  return self->items->len - self->n_refused - self->duplicates->len;
}

guint
rapport_import_get_n_duplicates (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), 0);
  return self->duplicates->len;
}

/* Lines of the files left out, and files refused whole. */
guint
rapport_import_get_n_problems (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), 0);
  return self->report.problems->len;
}

/**
 * rapport_import_get_sources:
 * @self: an import
 *
 * Returns: (transfer none): the kinds of files read, as names to show
 */
const char *const *
rapport_import_get_sources (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);
  return (const char *const *) self->sources->pdata;
}

/**
 * rapport_import_get_file_names:
 * @self: an import
 *
 * Returns: (transfer full): the names of the files read, joined with
 *   commas, to show as they are
 */
char *
rapport_import_get_file_names (RapportImport *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);

  for (guint i = 0; i < self->file_names->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, g_ptr_array_index (self->file_names, i));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static Item *
duplicate_item (RapportImport *self,
                guint index)
{
  g_return_val_if_fail (index < self->duplicates->len, NULL);
  return &g_array_index (self->items, Item, g_array_index (self->duplicates, guint, index));
}

/**
 * rapport_import_get_duplicate:
 * @self: an import that has read its files
 * @index: which duplicate, below rapport_import_get_n_duplicates()
 * @existing_id: (out) (optional): the contact it duplicates, or 0 when it
 *   is the same person as an earlier card of the import
 *
 * Returns: (transfer none): the incoming card
 */
RapportContact *
rapport_import_get_duplicate (RapportImport *self,
                              guint index,
                              gint64 *existing_id)
{
  Item *item;

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);

  item = duplicate_item (self, index);
  if (item == NULL)
    return NULL;
  if (existing_id != NULL)
    *existing_id = MAX (item->duplicate_of, 0);
  return item->card->contact;
}

RapportImportChoice
rapport_import_get_choice (RapportImport *self,
                           guint index)
{
  Item *item;

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), RAPPORT_IMPORT_MERGE);

  item = duplicate_item (self, index);
  return item != NULL ? item->choice : RAPPORT_IMPORT_MERGE;
}

void
rapport_import_set_choice (RapportImport *self,
                           guint index,
                           RapportImportChoice choice)
{
  Item *item;

  g_return_if_fail (RAPPORT_IS_IMPORT (self));

  item = duplicate_item (self, index);
  if (item != NULL)
    item->choice = choice;
}

void
rapport_import_set_all_choices (RapportImport *self,
                                RapportImportChoice choice)
{
  g_return_if_fail (RAPPORT_IS_IMPORT (self));

  for (guint i = 0; i < self->duplicates->len; i++)
    duplicate_item (self, i)->choice = choice;
}

/* Applying */

/* Cards for one person within the import become one card before anything
 * is written: the later ones merged into the first, which is checked
 * again as it is now. */
static gboolean
merge_within_import (RapportImport *self,
                     GError **error)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (!item->refused && item->duplicate_of < 0 && item->choice == RAPPORT_IMPORT_MERGE)
        {
          Item *first = &g_array_index (self->items, Item, -item->duplicate_of - 1);

          rapport_contact_merge (first->card->contact, item->card->contact);
          first->absorbed = TRUE;
        }
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (!item->absorbed)
        continue;
      item->absorbed = FALSE;
      g_clear_pointer (&item->checked, rapport_checked_contact_free);
      item->checked = rapport_store_check_contact_to_import (self->store, item->card->contact, error);
      if (item->checked == NULL)
        {
          g_prefix_error (error, _("Could not merge the card of line %u of %s: "), item->card->line, item->file_name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
begin_apply (RapportImport *self,
             GError **error)
{
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!rapport_store_begin_import (self->store, error))
    return FALSE;
  self->in_transaction = TRUE;
  self->next = 0;
  self->report.added = self->report.merged = self->report.skipped = 0;
  if (!merge_within_import (self, error))
    {
      self->in_transaction = FALSE;
      rapport_store_end_import (self->store, FALSE, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Writes the next slice of cards. Returns FALSE on error; *done says
 * whether every card has been written. */
/* Gives the contact a card's photo; a merged contact keeps its own. */
static gboolean
write_photo (RapportImport *self,
             gint64 contact_id,
             Item *item,
             gboolean merged,
             GError **error)
{
  if (item->card->photo == NULL)
    return TRUE;
  if (merged)
    {
      g_autoptr(GBytes) own = rapport_store_get_contact_photo (self->store, contact_id, NULL, NULL);

      if (own != NULL)
        return TRUE;
    }
  return rapport_store_write_contact_photo (self->store, contact_id, item->card->photo, error);
}

static gboolean
apply_slice (RapportImport *self,
             gboolean *done,
             GError **error)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) fresh_items = g_ptr_array_new ();
  gint64 first_id;
  guint end = MIN (self->next + CARDS_PER_SLICE, self->items->len);

  for (; self->next < end; self->next++)
    {
      Item *item = &g_array_index (self->items, Item, self->next);

      if (item->refused)
        continue;
      if (item->duplicate_of == 0 || item->choice == RAPPORT_IMPORT_KEEP_BOTH)
        {
          g_ptr_array_add (fresh, item->checked);
          g_ptr_array_add (fresh_items, item);
        }
      else if (item->choice == RAPPORT_IMPORT_SKIP)
        self->report.skipped++;
      else if (item->duplicate_of < 0)
        self->report.merged++; /* into an earlier card, see merge_within_import() */
      else if (!rapport_store_import_merge (self->store, item->duplicate_of, item->card->contact, error) ||
               !write_photo (self, item->duplicate_of, item, TRUE, error))
        {
          g_prefix_error (error, _("Could not merge the card of line %u of %s: "), item->card->line,
                                    item->file_name);
          return FALSE;
        }
      else
        self->report.merged++;
    }

  if (fresh->len > 0)
    {
      first_id = rapport_store_import_checked (self->store, (RapportCheckedContact *const *) fresh->pdata, fresh->len,
                                               error);
      if (first_id == 0)
        return FALSE;
      for (guint i = 0; i < fresh_items->len; i++)
        if (!write_photo (self, first_id + i, g_ptr_array_index (fresh_items, i), FALSE, error))
          return FALSE;
    }
  self->report.added += fresh->len;
  *done = self->next >= self->items->len;
  return TRUE;
}

static gboolean
end_apply (RapportImport *self,
           gboolean commit,
           GError **error)
{
  self->in_transaction = FALSE;
  if (!commit)
    {
      rapport_store_end_import (self->store, FALSE, NULL);
      return FALSE;
    }
  return rapport_store_end_import (self->store, TRUE, error);
}

/**
 * rapport_import_apply:
 * @self: an import that has read its files
 * @progress: (nullable) (scope call): told how far the import has come
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the import in one transaction, blocking until it is done (the
 * command line and benchmarks; the window uses
 * rapport_import_apply_async()). Cancelled or failed, nothing is written.
 *
 * Returns: %TRUE when the import was written
 */
gboolean
rapport_import_apply (RapportImport *self,
                      RapportImportProgress progress,
                      gpointer user_data,
                      GCancellable *cancellable,
                      GError **error)
{
  gboolean done = FALSE;

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), FALSE);

  if (!begin_apply (self, error))
    return FALSE;
  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !apply_slice (self, &done, error))
        return end_apply (self, FALSE, NULL);
      if (progress != NULL)
        progress (self->next, self->items->len, user_data);
    }
  return end_apply (self, TRUE, error);
}

typedef struct
{
  RapportImportProgress progress;
  gpointer progress_data;
} ApplyData;

static gboolean
apply_next_slice (gpointer user_data)
{
  GTask *task = user_data;
  RapportImport *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean done = FALSE;

  if (g_task_return_error_if_cancelled (task))
    {
      end_apply (self, FALSE, NULL);
      return G_SOURCE_REMOVE;
    }
  if (!apply_slice (self, &done, &error))
    {
      end_apply (self, FALSE, NULL);
      g_task_return_error (task, error);
      return G_SOURCE_REMOVE;
    }
  if (data->progress != NULL)
    data->progress (self->next, self->items->len, data->progress_data);
  if (!done)
    return G_SOURCE_CONTINUE;

  if (end_apply (self, TRUE, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

/**
 * rapport_import_apply_async:
 * @self: an import that has read its files
 * @progress: (nullable): told how far the import has come, after each slice
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable; cancelled, nothing is written
 * @callback: called when the import is written, failed or cancelled
 * @user_data: data for @callback
 *
 * Writes the import in one transaction, a slice of cards per turn of the
 * main loop. Until it ends, other writes to the store are refused
 * (%RAPPORT_ERROR_BUSY).
 */
void
rapport_import_apply_async (RapportImport *self,
                            RapportImportProgress progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  ApplyData *data;
  GError *error = NULL;

  g_return_if_fail (RAPPORT_IS_IMPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_apply_async);
  data = g_new0 (ApplyData, 1);
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, g_free);
  if (!begin_apply (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_next_slice, task, g_object_unref);
}

gboolean
rapport_import_apply_finish (RapportImport *self,
                             GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_import_get_report:
 * @self: an import
 *
 * Returns: (transfer none): what the import did; the problems are known
 *   once the files are read, the counts once it is applied
 */
const RapportImportReport *
rapport_import_get_report (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);
  return &self->report;
}
