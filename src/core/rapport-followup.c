/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-followup.c: an immutable pending follow-up handed out by the store.
 *
 * Keep-in-touch reminders are not rows of their own: the store derives them
 * from a contact's cadence and last interaction, and they share this type so
 * that the Follow-ups view treats both alike. For those, the id is 0.
 */
#define G_LOG_DOMAIN "rapport-followup"

#include "config.h"

#include "rapport-enums.h"
#include "rapport-followup.h"

struct _RapportFollowup
{
  GObject parent_instance;

  RapportFollowupKind kind;
  gint64 id;
  gint64 contact_id;
  char *contact_name;
  char *due;
  char *note;
  RapportFollowupSection section;
};

G_DEFINE_FINAL_TYPE (RapportFollowup, rapport_followup, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_CONTACT_ID,
  PROP_CONTACT_NAME,
  PROP_DUE,
  PROP_NOTE,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_followup_finalize (GObject *object)
{
  RapportFollowup *self = RAPPORT_FOLLOWUP (object);

  g_free (self->contact_name);
  g_free (self->due);
  g_free (self->note);
  G_OBJECT_CLASS (rapport_followup_parent_class)->finalize (object);
}

static void
rapport_followup_get_property (GObject *object,
                               guint prop_id,
                               GValue *value,
                               GParamSpec *pspec)
{
  RapportFollowup *self = RAPPORT_FOLLOWUP (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CONTACT_ID: g_value_set_int64 (value, self->contact_id); break;
    case PROP_CONTACT_NAME: g_value_set_string (value, self->contact_name); break;
    case PROP_DUE: g_value_set_string (value, self->due); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_SECTION: g_value_set_enum (value, self->section); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_followup_class_init (RapportFollowupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_followup_finalize;
  object_class->get_property = rapport_followup_get_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, RAPPORT_TYPE_FOLLOWUP_KIND,
                                             RAPPORT_FOLLOWUP_REMINDER, ro);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONTACT_ID] = g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONTACT_NAME] = g_param_spec_string ("contact-name", NULL, NULL, NULL, ro);
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties[PROP_SECTION] = g_param_spec_enum ("section", NULL, NULL, RAPPORT_TYPE_FOLLOWUP_SECTION,
                                                RAPPORT_FOLLOWUP_UPCOMING, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_followup_init (RapportFollowup *self)
{
}

RapportFollowup *
rapport_followup_new (RapportFollowupKind kind,
                      gint64 id,
                      gint64 contact_id,
                      const char *contact_name,
                      const char *due,
                      const char *note,
                      RapportFollowupSection section)
{
  RapportFollowup *self = g_object_new (RAPPORT_TYPE_FOLLOWUP, NULL);

  self->kind = kind;
  self->id = id;
  self->contact_id = contact_id;
  self->contact_name = g_strdup (contact_name);
  self->due = g_strdup (due);
  self->note = g_strdup (note);
  self->section = section;
  return self;
}

RapportFollowupKind
rapport_followup_get_kind (RapportFollowup *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (self), 0);
  return self->kind;
}

gint64
rapport_followup_get_id (RapportFollowup *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (self), 0);
  return self->id;
}

gint64
rapport_followup_get_contact_id (RapportFollowup *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (self), 0);
  return self->contact_id;
}

const char *
rapport_followup_get_contact_name (RapportFollowup *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (self), NULL);
  return self->contact_name;
}

const char *
rapport_followup_get_due (RapportFollowup *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (self), NULL);
  return self->due;
}

const char *
rapport_followup_get_note (RapportFollowup *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (self), NULL);
  return self->note;
}

RapportFollowupSection
rapport_followup_get_section (RapportFollowup *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUP (self), 0);
  return self->section;
}
