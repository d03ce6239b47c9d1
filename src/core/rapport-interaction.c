/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-interaction.c: an immutable timeline entry handed out by the store. */
#define G_LOG_DOMAIN "rapport-interaction"

#include "config.h"

#include "rapport-enums.h"
#include "rapport-interaction.h"

struct _RapportInteraction
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 contact_id;
  RapportInteractionKind kind;
  gint64 happened_at;
  char *note;
};

G_DEFINE_FINAL_TYPE (RapportInteraction, rapport_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CONTACT_ID,
  PROP_KIND,
  PROP_HAPPENED_AT,
  PROP_NOTE,
  PROP_TITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_interaction_finalize (GObject *object)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  g_free (self->uuid);
  g_free (self->note);
  G_OBJECT_CLASS (rapport_interaction_parent_class)->finalize (object);
}

static void
rapport_interaction_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CONTACT_ID: g_value_set_int64 (value, self->contact_id); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_HAPPENED_AT: g_value_set_int64 (value, self->happened_at); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_TITLE: g_value_set_string (value, rapport_interaction_kind_get_label (self->kind)); break;
    case PROP_ICON_NAME: g_value_set_string (value, rapport_interaction_kind_get_icon_name (self->kind)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_class_init (RapportInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_interaction_finalize;
  object_class->get_property = rapport_interaction_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONTACT_ID] = g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, RAPPORT_TYPE_INTERACTION_KIND,
                                             RAPPORT_INTERACTION_NOTE, ro);
  properties[PROP_HAPPENED_AT] = g_param_spec_int64 ("happened-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_interaction_init (RapportInteraction *self)
{
}

RapportInteraction *
rapport_interaction_new (gint64 id,
                         const char *uuid,
                         gint64 contact_id,
                         RapportInteractionKind kind,
                         gint64 happened_at,
                         const char *note)
{
  RapportInteraction *self = g_object_new (RAPPORT_TYPE_INTERACTION, NULL);

  self->id = id;
  self->uuid = g_strdup (uuid);
  self->contact_id = contact_id;
  self->kind = kind;
  self->happened_at = happened_at;
  self->note = g_strdup (note);
  return self;
}

gint64
rapport_interaction_get_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->id;
}

const char *
rapport_interaction_get_uuid (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->uuid;
}

gint64
rapport_interaction_get_contact_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->contact_id;
}

RapportInteractionKind
rapport_interaction_get_kind (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->kind;
}

gint64
rapport_interaction_get_happened_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->happened_at;
}

const char *
rapport_interaction_get_note (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->note;
}
