/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-group.c: an organisation that hosts networking events, and how
 * its audience is compared with the user's.
 *
 * "n-events" and "quality" (the average quality score of its scored
 * events, -1 when none) are read by the store with the group; they are
 * not written back.
 */
#define G_LOG_DOMAIN "rapport-group"

#include "config.h"

#include <string.h>

#include "rapport-group.h"
#include "rapport-record-private.h"
#include "rapport-text.h"

struct _RapportGroup
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  int kind;
  GStrv audience;
  gint64 dues_cents;
  char *website;
  char *notes;
  int verdict;
  char *verdict_reason;
  gboolean archived;
  int n_events;
  int quality;
};

G_DEFINE_FINAL_TYPE (RapportGroup, rapport_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_KIND,
  PROP_AUDIENCE,
  PROP_DUES_CENTS,
  PROP_WEBSITE,
  PROP_NOTES,
  PROP_VERDICT,
  PROP_VERDICT_REASON,
  PROP_ARCHIVED,
  PROP_N_EVENTS,
  PROP_QUALITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportGroup, id, "id", INT64),
  RAPPORT_FIELD (RapportGroup, uuid, "uuid", STRING),
  RAPPORT_FIELD (RapportGroup, name, "name", STRING),
  RAPPORT_FIELD (RapportGroup, kind, "kind", INT),
  RAPPORT_FIELD (RapportGroup, audience, "audience", STRV),
  RAPPORT_FIELD (RapportGroup, dues_cents, "dues-cents", INT64),
  RAPPORT_FIELD (RapportGroup, website, "website", STRING),
  RAPPORT_FIELD (RapportGroup, notes, "notes", STRING),
  RAPPORT_FIELD (RapportGroup, verdict, "verdict", INT),
  RAPPORT_FIELD (RapportGroup, verdict_reason, "verdict-reason", STRING),
  RAPPORT_FIELD (RapportGroup, archived, "archived", BOOLEAN),
  RAPPORT_FIELD (RapportGroup, n_events, "n-events", INT),
  RAPPORT_FIELD (RapportGroup, quality, "quality", INT),
};

RAPPORT_RECORD_CLASS (RapportGroup, rapport_group)

static void
rapport_group_init (RapportGroup *self)
{
  self->audience = g_new0 (char *, 1);
  self->quality = -1;
}

RapportGroup *
rapport_group_new (const char *name)
{
  return g_object_new (RAPPORT_TYPE_GROUP, "name", name, NULL);
}

/**
 * rapport_group_copy:
 * @self: a group
 *
 * Returns: (transfer full): a detached copy with the same id, for editing
 */
RapportGroup *
rapport_group_copy (RapportGroup *self)
{
  RapportGroup *copy;

  g_return_val_if_fail (RAPPORT_IS_GROUP (self), NULL);
  copy = g_object_new (RAPPORT_TYPE_GROUP, NULL);
  rapport_record_copy (G_OBJECT (copy), G_OBJECT (self), fields, N_PROPS, properties);
  return copy;
}

RAPPORT_RECORD_SCALAR (RapportGroup, rapport_group, RAPPORT_IS_GROUP, gint64, id, PROP_ID)
RAPPORT_RECORD_STRING (RapportGroup, rapport_group, RAPPORT_IS_GROUP, uuid, PROP_UUID)
RAPPORT_RECORD_STRING (RapportGroup, rapport_group, RAPPORT_IS_GROUP, name, PROP_NAME)
RAPPORT_RECORD_SCALAR (RapportGroup, rapport_group, RAPPORT_IS_GROUP, RapportGroupKind, kind, PROP_KIND)
RAPPORT_RECORD_STRV (RapportGroup, rapport_group, RAPPORT_IS_GROUP, audience, PROP_AUDIENCE)
RAPPORT_RECORD_SCALAR (RapportGroup, rapport_group, RAPPORT_IS_GROUP, gint64, dues_cents, PROP_DUES_CENTS)
RAPPORT_RECORD_STRING (RapportGroup, rapport_group, RAPPORT_IS_GROUP, website, PROP_WEBSITE)
RAPPORT_RECORD_STRING (RapportGroup, rapport_group, RAPPORT_IS_GROUP, notes, PROP_NOTES)
RAPPORT_RECORD_SCALAR (RapportGroup, rapport_group, RAPPORT_IS_GROUP, RapportVerdict, verdict, PROP_VERDICT)
RAPPORT_RECORD_STRING (RapportGroup, rapport_group, RAPPORT_IS_GROUP, verdict_reason, PROP_VERDICT_REASON)
RAPPORT_RECORD_SCALAR (RapportGroup, rapport_group, RAPPORT_IS_GROUP, gboolean, archived, PROP_ARCHIVED)
RAPPORT_RECORD_SCALAR (RapportGroup, rapport_group, RAPPORT_IS_GROUP, int, n_events, PROP_N_EVENTS)
RAPPORT_RECORD_SCALAR (RapportGroup, rapport_group, RAPPORT_IS_GROUP, int, quality, PROP_QUALITY)

/* A word of an audience, folded and without an English plural "s", so
 * that "Realtors" meets "realtor". Words of three letters or fewer
 * ("and", "of", "the") say nothing about an audience and are dropped. */
static char *
audience_word (const char *word)
{
  g_autofree char *folded = rapport_text_fold (word);
  gsize len = strlen (folded);

  if (len <= 3)
    return NULL;
  if (folded[len - 1] == 's' && folded[len - 2] != 's')
    folded[len - 1] = '\0';
  return g_steal_pointer (&folded);
}

static GHashTable *
audience_words (const char *const *audience)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; audience != NULL && audience[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_regex_split_simple ("[^[:alnum:]]+", audience[i], 0, 0);

      for (guint k = 0; parts[k] != NULL; k++)
        {
          char *word = audience_word (parts[k]);

          if (word != NULL)
            g_hash_table_add (words, word);
        }
    }
  return words;
}

/**
 * rapport_audience_overlap:
 * @mine: (nullable): the user's target audience, one phrase per item
 * @theirs: (nullable): a group's audience
 *
 * Counts the words (longer than three letters, without case, accents or
 * plural "s") that the two audiences share: "home buyers" and "first-time
 * home buyers, sellers" share two. Zero means the group gathers people
 * the user does not sell to, like a point-of-sale seller at a realtors'
 * lunch.
 *
 * Returns: the number of shared words
 */
guint
rapport_audience_overlap (const char *const *mine,
                          const char *const *theirs)
{
  g_autoptr(GHashTable) a = audience_words (mine);
  g_autoptr(GHashTable) b = audience_words (theirs);
  GHashTableIter iter;
  gpointer word;
  guint shared = 0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (b, word))
      shared++;
  return shared;
}

/**
 * rapport_audience_parse:
 * @text: (nullable): phrases separated by commas, semicolons or new lines
 *
 * Returns: (transfer full): the trimmed, non-empty phrases
 */
GStrv
rapport_audience_parse (const char *text)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (text != NULL)
    parts = g_regex_split_simple ("[,;\n]", text, 0, 0);
  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0' && !g_ptr_array_find_with_equal_func (phrases, parts[i], g_str_equal, NULL))
        g_ptr_array_add (phrases, g_strdup (parts[i]));
    }
  g_ptr_array_add (phrases, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&phrases), FALSE);
}

char *
rapport_audience_to_text (const char *const *audience)
{
  return audience ? g_strjoinv (", ", (char **) audience) : g_strdup ("");
}
