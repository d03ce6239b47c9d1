/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact.c: the contact card object.
 *
 * A RapportContact is a plain value object: the store fills it from a row
 * and keeps one live instance per row, so that a list row and an open card
 * show the same object and both follow an edit.
 */
#define G_LOG_DOMAIN "rapport-contact"

#include "config.h"

#include <string.h>

#include "rapport-contact-private.h"
#include "rapport-enums.h"

struct _RapportContact
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *display_name;
  char *given_name;
  char *family_name;
  char *company;
  char *job_title;
  char *industry;
  int industry_since;
  char *website;
  char *linkedin;
  char *city;
  RapportRelationship relationship;
  char *help_them;
  char *help_me;
  char *notes;
  char *met_on;
  gint64 introduced_by;
  char *introduced_by_name;
  gint64 met_at;
  char *met_at_title;
  gboolean starred;
  gboolean archived;
  int cadence_days;
  gint64 last_interaction;
  char *subtitle;
  GPtrArray *emails;
  GPtrArray *phones;
  GStrv tags;
};

G_DEFINE_FINAL_TYPE (RapportContact, rapport_contact, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (RapportLabeled, rapport_labeled, rapport_labeled_copy, rapport_labeled_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_DISPLAY_NAME,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_COMPANY,
  PROP_JOB_TITLE,
  PROP_INDUSTRY,
  PROP_INDUSTRY_SINCE,
  PROP_WEBSITE,
  PROP_LINKEDIN,
  PROP_CITY,
  PROP_RELATIONSHIP,
  PROP_HELP_THEM,
  PROP_HELP_ME,
  PROP_NOTES,
  PROP_MET_ON,
  PROP_INTRODUCED_BY,
  PROP_INTRODUCED_BY_NAME,
  PROP_MET_AT,
  PROP_MET_AT_TITLE,
  PROP_STARRED,
  PROP_ARCHIVED,
  PROP_CADENCE_DAYS,
  PROP_LAST_INTERACTION,
  PROP_SUBTITLE,
  PROP_EMAILS,
  PROP_PHONES,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RapportLabeled *
rapport_labeled_new (const char *label,
                     const char *value)
{
  RapportLabeled *self = g_slice_new0 (RapportLabeled);

  self->label = g_strdup (label ? label : "");
  self->value = g_strdup (value ? value : "");
  return self;
}

RapportLabeled *
rapport_labeled_copy (const RapportLabeled *self)
{
  return rapport_labeled_new (self->label, self->value);
}

void
rapport_labeled_free (RapportLabeled *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self->value);
  g_slice_free (RapportLabeled, self);
}

static GPtrArray *
labeled_array_copy (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_labeled_free);

  for (guint i = 0; array != NULL && i < array->len; i++)
    g_ptr_array_add (copy, rapport_labeled_copy (g_ptr_array_index (array, i)));
  return copy;
}

static gboolean
labeled_array_equal (GPtrArray *a,
                     GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      RapportLabeled *x = g_ptr_array_index (a, i);
      RapportLabeled *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->label, y->label) != 0 || g_strcmp0 (x->value, y->value) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
update_subtitle (RapportContact *self)
{
  g_autofree char *subtitle = NULL;
  gboolean has_title = self->job_title != NULL && *self->job_title;
  gboolean has_company = self->company != NULL && *self->company;

  if (has_title && has_company)
    /* Translators: a contact's job title and company, e.g. "Broker · Acme" */
    subtitle = g_strdup_printf ("%s · %s", self->job_title, self->company);
  else if (has_title)
    subtitle = g_strdup (self->job_title);
  else if (has_company)
    subtitle = g_strdup (self->company);
  else
    subtitle = g_strdup ("");

  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

/* Empty strings and NULL mean the same thing for a card: "not filled in". */
static void
set_string (RapportContact *self,
            char **field,
            const char *value,
            guint prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  if (prop == PROP_COMPANY || prop == PROP_JOB_TITLE)
    update_subtitle (self);
}

static void
rapport_contact_finalize (GObject *object)
{
  RapportContact *self = RAPPORT_CONTACT (object);

  g_free (self->uuid);
  g_free (self->display_name);
  g_free (self->given_name);
  g_free (self->family_name);
  g_free (self->company);
  g_free (self->job_title);
  g_free (self->industry);
  g_free (self->website);
  g_free (self->linkedin);
  g_free (self->city);
  g_free (self->help_them);
  g_free (self->help_me);
  g_free (self->notes);
  g_free (self->met_on);
  g_free (self->introduced_by_name);
  g_free (self->met_at_title);
  g_free (self->subtitle);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->phones, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (rapport_contact_parent_class)->finalize (object);
}

static void
rapport_contact_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  RapportContact *self = RAPPORT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_GIVEN_NAME: g_value_set_string (value, self->given_name); break;
    case PROP_FAMILY_NAME: g_value_set_string (value, self->family_name); break;
    case PROP_COMPANY: g_value_set_string (value, self->company); break;
    case PROP_JOB_TITLE: g_value_set_string (value, self->job_title); break;
    case PROP_INDUSTRY: g_value_set_string (value, self->industry); break;
    case PROP_INDUSTRY_SINCE: g_value_set_int (value, self->industry_since); break;
    case PROP_WEBSITE: g_value_set_string (value, self->website); break;
    case PROP_LINKEDIN: g_value_set_string (value, self->linkedin); break;
    case PROP_CITY: g_value_set_string (value, self->city); break;
    case PROP_RELATIONSHIP: g_value_set_enum (value, self->relationship); break;
    case PROP_HELP_THEM: g_value_set_string (value, self->help_them); break;
    case PROP_HELP_ME: g_value_set_string (value, self->help_me); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_MET_ON: g_value_set_string (value, self->met_on); break;
    case PROP_INTRODUCED_BY: g_value_set_int64 (value, self->introduced_by); break;
    case PROP_INTRODUCED_BY_NAME: g_value_set_string (value, self->introduced_by_name); break;
    case PROP_MET_AT: g_value_set_int64 (value, self->met_at); break;
    case PROP_MET_AT_TITLE: g_value_set_string (value, self->met_at_title); break;
    case PROP_STARRED: g_value_set_boolean (value, self->starred); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    case PROP_CADENCE_DAYS: g_value_set_int (value, self->cadence_days); break;
    case PROP_LAST_INTERACTION: g_value_set_int64 (value, self->last_interaction); break;
    case PROP_SUBTITLE: g_value_set_string (value, self->subtitle); break;
    case PROP_EMAILS: g_value_set_boxed (value, self->emails); break;
    case PROP_PHONES: g_value_set_boxed (value, self->phones); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  RapportContact *self = RAPPORT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_DISPLAY_NAME: rapport_contact_set_display_name (self, g_value_get_string (value)); break;
    case PROP_GIVEN_NAME: rapport_contact_set_given_name (self, g_value_get_string (value)); break;
    case PROP_FAMILY_NAME: rapport_contact_set_family_name (self, g_value_get_string (value)); break;
    case PROP_COMPANY: rapport_contact_set_company (self, g_value_get_string (value)); break;
    case PROP_JOB_TITLE: rapport_contact_set_job_title (self, g_value_get_string (value)); break;
    case PROP_INDUSTRY: rapport_contact_set_industry (self, g_value_get_string (value)); break;
    case PROP_INDUSTRY_SINCE: rapport_contact_set_industry_since (self, g_value_get_int (value)); break;
    case PROP_WEBSITE: rapport_contact_set_website (self, g_value_get_string (value)); break;
    case PROP_LINKEDIN: rapport_contact_set_linkedin (self, g_value_get_string (value)); break;
    case PROP_CITY: rapport_contact_set_city (self, g_value_get_string (value)); break;
    case PROP_RELATIONSHIP: rapport_contact_set_relationship (self, g_value_get_enum (value)); break;
    case PROP_HELP_THEM: rapport_contact_set_help_them (self, g_value_get_string (value)); break;
    case PROP_HELP_ME: rapport_contact_set_help_me (self, g_value_get_string (value)); break;
    case PROP_NOTES: rapport_contact_set_notes (self, g_value_get_string (value)); break;
    case PROP_MET_ON: rapport_contact_set_met_on (self, g_value_get_string (value)); break;
    case PROP_INTRODUCED_BY: rapport_contact_set_introduced_by (self, g_value_get_int64 (value)); break;
    case PROP_STARRED: rapport_contact_set_starred (self, g_value_get_boolean (value)); break;
    case PROP_CADENCE_DAYS: rapport_contact_set_cadence_days (self, g_value_get_int (value)); break;
    case PROP_EMAILS: rapport_contact_set_emails (self, g_value_get_boxed (value)); break;
    case PROP_PHONES: rapport_contact_set_phones (self, g_value_get_boxed (value)); break;
    case PROP_TAGS: rapport_contact_set_tags (self, g_value_get_boxed (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_class_init (RapportContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_contact_finalize;
  object_class->get_property = rapport_contact_get_property;
  object_class->set_property = rapport_contact_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, rw);
  properties[PROP_GIVEN_NAME] = g_param_spec_string ("given-name", NULL, NULL, NULL, rw);
  properties[PROP_FAMILY_NAME] = g_param_spec_string ("family-name", NULL, NULL, NULL, rw);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, NULL, rw);
  properties[PROP_JOB_TITLE] = g_param_spec_string ("job-title", NULL, NULL, NULL, rw);
  properties[PROP_INDUSTRY] = g_param_spec_string ("industry", NULL, NULL, NULL, rw);
  properties[PROP_INDUSTRY_SINCE] = g_param_spec_int ("industry-since", NULL, NULL, 0, 9999, 0, rw);
  properties[PROP_WEBSITE] = g_param_spec_string ("website", NULL, NULL, NULL, rw);
  properties[PROP_LINKEDIN] = g_param_spec_string ("linkedin", NULL, NULL, NULL, rw);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, rw);
  properties[PROP_RELATIONSHIP] = g_param_spec_enum ("relationship", NULL, NULL,
                                                     RAPPORT_TYPE_RELATIONSHIP,
                                                     RAPPORT_RELATIONSHIP_UNKNOWN, rw);
  properties[PROP_HELP_THEM] = g_param_spec_string ("help-them", NULL, NULL, NULL, rw);
  properties[PROP_HELP_ME] = g_param_spec_string ("help-me", NULL, NULL, NULL, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_MET_ON] = g_param_spec_string ("met-on", NULL, NULL, NULL, rw);
  properties[PROP_INTRODUCED_BY] = g_param_spec_int64 ("introduced-by", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_INTRODUCED_BY_NAME] = g_param_spec_string ("introduced-by-name", NULL, NULL, NULL, ro);
  /* Where the user first met them; set by capture at an event, not by the editor. */
  properties[PROP_MET_AT] = g_param_spec_int64 ("met-at", NULL, NULL, 0, G_MAXINT64, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MET_AT_TITLE] = g_param_spec_string ("met-at-title", NULL, NULL, NULL, ro);
  properties[PROP_STARRED] = g_param_spec_boolean ("starred", NULL, NULL, FALSE, rw);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, ro);
  properties[PROP_CADENCE_DAYS] = g_param_spec_int ("cadence-days", NULL, NULL, 0, 3650, 0, rw);
  properties[PROP_LAST_INTERACTION] = g_param_spec_int64 ("last-interaction", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_EMAILS] = g_param_spec_boxed ("emails", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  properties[PROP_PHONES] = g_param_spec_boxed ("phones", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_contact_init (RapportContact *self)
{
  self->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_labeled_free);
  self->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_labeled_free);
  self->tags = g_new0 (char *, 1);
  self->subtitle = g_strdup ("");
}

/**
 * rapport_contact_new:
 * @display_name: (nullable): the name shown on the card
 *
 * Creates a contact that is not yet in any store; its id is 0 until
 * rapport_store_create_contact() saves it.
 */
RapportContact *
rapport_contact_new (const char *display_name)
{
  RapportContact *self = g_object_new (RAPPORT_TYPE_CONTACT, NULL);

  rapport_contact_set_display_name (self, display_name);
  return self;
}

/**
 * rapport_contact_update_from:
 * @self: the contact to change
 * @other: the contact whose values to take
 *
 * Copies every field of @other into @self, notifying only the properties
 * whose value changed. The store uses it to refresh a live object after an
 * edit; an editor uses it to work on a draft copy.
 */
void
rapport_contact_update_from (RapportContact *self,
                             RapportContact *other)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  g_return_if_fail (RAPPORT_IS_CONTACT (other));

  g_object_freeze_notify (G_OBJECT (self));
  rapport_contact_set_id (self, other->id);
  rapport_contact_set_uuid (self, other->uuid);
  rapport_contact_set_display_name (self, other->display_name);
  rapport_contact_set_given_name (self, other->given_name);
  rapport_contact_set_family_name (self, other->family_name);
  rapport_contact_set_company (self, other->company);
  rapport_contact_set_job_title (self, other->job_title);
  rapport_contact_set_industry (self, other->industry);
  rapport_contact_set_industry_since (self, other->industry_since);
  rapport_contact_set_website (self, other->website);
  rapport_contact_set_linkedin (self, other->linkedin);
  rapport_contact_set_city (self, other->city);
  rapport_contact_set_relationship (self, other->relationship);
  rapport_contact_set_help_them (self, other->help_them);
  rapport_contact_set_help_me (self, other->help_me);
  rapport_contact_set_notes (self, other->notes);
  rapport_contact_set_met_on (self, other->met_on);
  rapport_contact_set_introduced_by (self, other->introduced_by);
  rapport_contact_set_introduced_by_name (self, other->introduced_by_name);
  rapport_contact_set_met_at (self, other->met_at);
  rapport_contact_set_met_at_title (self, other->met_at_title);
  rapport_contact_set_starred (self, other->starred);
  rapport_contact_set_archived (self, other->archived);
  rapport_contact_set_cadence_days (self, other->cadence_days);
  rapport_contact_set_last_interaction (self, other->last_interaction);
  rapport_contact_set_emails (self, other->emails);
  rapport_contact_set_phones (self, other->phones);
  rapport_contact_set_tags (self, (const char *const *) other->tags);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rapport_contact_copy:
 * @self: a contact
 *
 * Returns: (transfer full): a detached copy with the same id, for editing.
 */
RapportContact *
rapport_contact_copy (RapportContact *self)
{
  RapportContact *copy;

  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  copy = g_object_new (RAPPORT_TYPE_CONTACT, NULL);
  rapport_contact_update_from (copy, self);
  return copy;
}

static gboolean
labeled_arrays_equal (GPtrArray *a,
                      GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a->len == 0) && (b == NULL || b->len == 0);
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      RapportLabeled *x = g_ptr_array_index (a, i);
      RapportLabeled *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->label, y->label) != 0 || g_strcmp0 (x->value, y->value) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
property_values_equal (GParamSpec *pspec,
                       const GValue *a,
                       const GValue *b)
{
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV)
    {
      const char *const *x = g_value_get_boxed (a);
      const char *const *y = g_value_get_boxed (b);

      if (x == NULL || y == NULL)
        return (x == NULL || x[0] == NULL) && (y == NULL || y[0] == NULL);
      return g_strv_equal (x, y);
    }
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_PTR_ARRAY)
    return labeled_arrays_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  return g_param_values_cmp (pspec, a, b) == 0;
}

/**
 * rapport_contact_rebase:
 * @draft: the card as an editor is about to save it
 * @original: the card as that editor showed it when it opened
 * @current: the card as it is now
 *
 * Gives @draft the current value of every field the editor left as it
 * showed it, so that saving writes only what was changed in the editor:
 * a field another computer changed meanwhile (sync brought it in while
 * the editor was open) keeps that change.
 */
void
rapport_contact_rebase (RapportContact *draft,
                        RapportContact *original,
                        RapportContact *current)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  g_return_if_fail (RAPPORT_IS_CONTACT (draft));
  g_return_if_fail (RAPPORT_IS_CONTACT (original));
  g_return_if_fail (RAPPORT_IS_CONTACT (current));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (draft), &n);
  g_object_freeze_notify (G_OBJECT (draft));
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto (GValue) shown = G_VALUE_INIT;
      g_auto (GValue) saving = G_VALUE_INIT;
      g_auto (GValue) now = G_VALUE_INIT;

      if ((pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      g_value_init (&shown, pspec->value_type);
      g_value_init (&saving, pspec->value_type);
      g_value_init (&now, pspec->value_type);
      g_object_get_property (G_OBJECT (original), pspec->name, &shown);
      g_object_get_property (G_OBJECT (draft), pspec->name, &saving);
      g_object_get_property (G_OBJECT (current), pspec->name, &now);
      if (property_values_equal (pspec, &shown, &saving) && !property_values_equal (pspec, &saving, &now))
        g_object_set_property (G_OBJECT (draft), pspec->name, &now);
    }
  g_object_thaw_notify (G_OBJECT (draft));
}

/**
 * rapport_contact_equal:
 * @a: a contact
 * @b: another contact
 *
 * Returns: whether every field a user can edit holds the same value in
 *   both
 */
gboolean
rapport_contact_equal (RapportContact *a,
                       RapportContact *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  g_return_val_if_fail (RAPPORT_IS_CONTACT (a), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (b), FALSE);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) va = G_VALUE_INIT;
      g_auto (GValue) vb = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);
      if (!property_values_equal (pspecs[i], &va, &vb))
        return FALSE;
    }
  return TRUE;
}

/* Takes @incoming's value for a text field only where @self has none. */
static void
fill_string (RapportContact *self,
             char **field,
             const char *incoming,
             int prop)
{
  if ((*field == NULL || **field == '\0') && incoming != NULL && *incoming != '\0')
    set_string (self, field, incoming, prop);
}

/* Adds the entries of @incoming whose value @list does not hold yet;
 * @key gives the form two values are compared in. */
static gboolean
union_labeled (GPtrArray *list,
               GPtrArray *incoming,
               char *(*key) (const char *value))
{
  gboolean changed = FALSE;

  for (guint i = 0; incoming != NULL && i < incoming->len; i++)
    {
      RapportLabeled *entry = g_ptr_array_index (incoming, i);
      g_autofree char *wanted = key (entry->value);
      gboolean present = FALSE;

      for (guint j = 0; j < list->len && !present; j++)
        {
          g_autofree char *have = key (((RapportLabeled *) g_ptr_array_index (list, j))->value);

          present = g_str_equal (have, wanted);
        }
      if (!present)
        {
          g_ptr_array_add (list, rapport_labeled_copy (entry));
          changed = TRUE;
        }
    }
  return changed;
}

static char *
email_key (const char *value)
{
  return rapport_contact_email_key (value);
}

static char *
phone_key (const char *value)
{
  char *key = rapport_contact_phone_key (value);

  /* Too short to compare by digits: compare as written. */
  return key != NULL ? key : g_strdup (value ? value : "");
}

/**
 * rapport_contact_merge:
 * @self: the contact to complete
 * @incoming: another card for the same person (an imported one)
 *
 * Completes @self with what @incoming knows and @self does not: every
 * empty field takes @incoming's value, emails, phones and tags are added
 * where new, and notes that @self does not already contain are appended.
 * Nothing @self holds is overwritten, so merging never loses what the
 * user wrote.
 */
void
rapport_contact_merge (RapportContact *self,
                       RapportContact *incoming)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  g_return_if_fail (RAPPORT_IS_CONTACT (incoming));

  g_object_freeze_notify (G_OBJECT (self));
  fill_string (self, &self->display_name, incoming->display_name, PROP_DISPLAY_NAME);
  fill_string (self, &self->given_name, incoming->given_name, PROP_GIVEN_NAME);
  fill_string (self, &self->family_name, incoming->family_name, PROP_FAMILY_NAME);
  fill_string (self, &self->company, incoming->company, PROP_COMPANY);
  fill_string (self, &self->job_title, incoming->job_title, PROP_JOB_TITLE);
  fill_string (self, &self->industry, incoming->industry, PROP_INDUSTRY);
  fill_string (self, &self->website, incoming->website, PROP_WEBSITE);
  fill_string (self, &self->linkedin, incoming->linkedin, PROP_LINKEDIN);
  fill_string (self, &self->city, incoming->city, PROP_CITY);
  fill_string (self, &self->help_them, incoming->help_them, PROP_HELP_THEM);
  fill_string (self, &self->help_me, incoming->help_me, PROP_HELP_ME);
  fill_string (self, &self->met_on, incoming->met_on, PROP_MET_ON);
  if (self->industry_since == 0 && incoming->industry_since != 0)
    rapport_contact_set_industry_since (self, incoming->industry_since);
  if (self->relationship == RAPPORT_RELATIONSHIP_UNKNOWN)
    rapport_contact_set_relationship (self, incoming->relationship);
  if (self->cadence_days == 0)
    rapport_contact_set_cadence_days (self, incoming->cadence_days);
  if (incoming->starred)
    rapport_contact_set_starred (self, TRUE);

  if (incoming->notes != NULL && *incoming->notes != '\0' &&
      (self->notes == NULL || strstr (self->notes, incoming->notes) == NULL))
    {
      g_autofree char *notes = NULL;

      if (self->notes == NULL || *self->notes == '\0')
        notes = g_strdup (incoming->notes);
      else
        notes = g_strconcat (self->notes, "\n\n", incoming->notes, NULL);
      set_string (self, &self->notes, notes, PROP_NOTES);
    }

  if (union_labeled (self->emails, incoming->emails, email_key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAILS]);
  if (union_labeled (self->phones, incoming->phones, phone_key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONES]);

  if (incoming->tags != NULL && incoming->tags[0] != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      gboolean changed = FALSE;

      if (self->tags != NULL)
        g_strv_builder_addv (builder, (const char **) self->tags);
      for (guint i = 0; incoming->tags[i] != NULL; i++)
        if (self->tags == NULL || !g_strv_contains ((const char *const *) self->tags, incoming->tags[i]))
          {
            g_strv_builder_add (builder, incoming->tags[i]);
            changed = TRUE;
          }
      if (changed)
        {
          g_auto (GStrv) tags = g_strv_builder_end (builder);

          rapport_contact_set_tags (self, (const char *const *) tags);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rapport_contact_email_key:
 * @value: (nullable): an email address as written
 *
 * Returns: (transfer full): the address in the form two addresses of one
 *   mailbox share: trimmed and in lower case
 */
char *
rapport_contact_email_key (const char *value)
{
  const char *start = value != NULL ? value : "";
  const char *end;

  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  /* Nearly every address is ASCII, whose lower case needs no tables. */
  for (const char *p = start; p < end; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_strdown (start, end - start);
  return g_ascii_strdown (start, end - start);
}

/**
 * rapport_contact_phone_key:
 * @value: (nullable): a phone number as written
 *
 * Two ways of writing one number ("+1 (555) 010-2030", "555 010 2030")
 * share their last nine digits; shorter numbers are too ambiguous to
 * compare.
 *
 * Returns: (transfer full) (nullable): the number's last nine digits, or
 *   %NULL when it has fewer than seven
 */
char *
rapport_contact_phone_key (const char *value)
{
  char digits[10];
  guint n = 0;
  gsize len;

  if (value == NULL)
    return NULL;
  len = strlen (value);
  /* Read from the end: the last nine digits are the ones compared. */
  for (gsize i = len; i > 0 && n < 9; i--)
    if (g_ascii_isdigit (value[i - 1]))
      digits[8 - n++] = value[i - 1];
  if (n < 7)
    return NULL;
  return g_strndup (digits + 9 - n, n);
}

#define STRING_ACCESSORS(field, PROP)                                        \
  const char *rapport_contact_get_##field (RapportContact *self)             \
  {                                                                          \
    g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);                  \
    return self->field;                                                      \
  }                                                                          \
  void rapport_contact_set_##field (RapportContact *self, const char *value) \
  {                                                                          \
    g_return_if_fail (RAPPORT_IS_CONTACT (self));                            \
    set_string (self, &self->field, value, PROP);                            \
  }

STRING_ACCESSORS (uuid, PROP_UUID)
STRING_ACCESSORS (display_name, PROP_DISPLAY_NAME)
STRING_ACCESSORS (given_name, PROP_GIVEN_NAME)
STRING_ACCESSORS (family_name, PROP_FAMILY_NAME)
STRING_ACCESSORS (company, PROP_COMPANY)
STRING_ACCESSORS (job_title, PROP_JOB_TITLE)
STRING_ACCESSORS (industry, PROP_INDUSTRY)
STRING_ACCESSORS (website, PROP_WEBSITE)
STRING_ACCESSORS (linkedin, PROP_LINKEDIN)
STRING_ACCESSORS (city, PROP_CITY)
STRING_ACCESSORS (help_them, PROP_HELP_THEM)
STRING_ACCESSORS (help_me, PROP_HELP_ME)
STRING_ACCESSORS (notes, PROP_NOTES)
STRING_ACCESSORS (met_on, PROP_MET_ON)
STRING_ACCESSORS (introduced_by_name, PROP_INTRODUCED_BY_NAME)
STRING_ACCESSORS (met_at_title, PROP_MET_AT_TITLE)

#define SCALAR_ACCESSORS(type, field, PROP)                           \
  type rapport_contact_get_##field (RapportContact *self)             \
  {                                                                   \
    g_return_val_if_fail (RAPPORT_IS_CONTACT (self), (type) 0);       \
    return self->field;                                               \
  }                                                                   \
  void rapport_contact_set_##field (RapportContact *self, type value) \
  {                                                                   \
    g_return_if_fail (RAPPORT_IS_CONTACT (self));                     \
    if (self->field == value)                                         \
      return;                                                         \
    self->field = value;                                              \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
  }

SCALAR_ACCESSORS (gint64, id, PROP_ID)
SCALAR_ACCESSORS (int, industry_since, PROP_INDUSTRY_SINCE)
SCALAR_ACCESSORS (RapportRelationship, relationship, PROP_RELATIONSHIP)
SCALAR_ACCESSORS (gint64, introduced_by, PROP_INTRODUCED_BY)
SCALAR_ACCESSORS (gint64, met_at, PROP_MET_AT)
SCALAR_ACCESSORS (int, cadence_days, PROP_CADENCE_DAYS)
SCALAR_ACCESSORS (gint64, last_interaction, PROP_LAST_INTERACTION)

void
rapport_contact_set_starred (RapportContact *self,
                             gboolean value)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  value = !!value;
  if (self->starred == value)
    return;
  self->starred = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

gboolean
rapport_contact_get_starred (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), FALSE);
  return self->starred;
}

void
rapport_contact_set_archived (RapportContact *self,
                              gboolean value)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  value = !!value;
  if (self->archived == value)
    return;
  self->archived = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

gboolean
rapport_contact_get_archived (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), FALSE);
  return self->archived;
}

const char *
rapport_contact_get_subtitle (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);
  return self->subtitle;
}

GPtrArray *
rapport_contact_get_emails (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);
  return self->emails;
}

GPtrArray *
rapport_contact_get_phones (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);
  return self->phones;
}

static void
set_labeled (RapportContact *self,
             GPtrArray **field,
             GPtrArray *value,
             guint prop)
{
  g_autoptr(GPtrArray) copy = labeled_array_copy (value);

  if (labeled_array_equal (*field, copy))
    return;
  g_ptr_array_unref (*field);
  *field = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
rapport_contact_set_emails (RapportContact *self,
                            GPtrArray *emails)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  set_labeled (self, &self->emails, emails, PROP_EMAILS);
}

void
rapport_contact_set_phones (RapportContact *self,
                            GPtrArray *phones)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  set_labeled (self, &self->phones, phones, PROP_PHONES);
}

void
rapport_contact_add_email (RapportContact *self,
                           const char *label,
                           const char *value)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  g_ptr_array_add (self->emails, rapport_labeled_new (label, value));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAILS]);
}

void
rapport_contact_add_phone (RapportContact *self,
                           const char *label,
                           const char *value)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));
  g_ptr_array_add (self->phones, rapport_labeled_new (label, value));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONES]);
}

const char *const *
rapport_contact_get_tags (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);
  return (const char *const *) self->tags;
}

void
rapport_contact_set_tags (RapportContact *self,
                          const char *const *tags)
{
  static const char *const empty[] = { NULL };

  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (tags == NULL)
    tags = empty;
  if (g_strv_equal ((const char *const *) self->tags, tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}
