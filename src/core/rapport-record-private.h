/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-record-private.h: properties of the plain records (groups,
 * events, people met) described once, as a table of fields.
 *
 * These records are snapshots the store hands out and takes back; they
 * have no behaviour of their own, so their properties are read and
 * written through the table rather than a switch per class. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  RAPPORT_FIELD_STRING,
  RAPPORT_FIELD_INT,
  RAPPORT_FIELD_INT64,
  RAPPORT_FIELD_BOOLEAN,
  RAPPORT_FIELD_STRV,
} RapportFieldType;

typedef struct
{
  const char *name;
  RapportFieldType type;
  gsize offset;
} RapportRecordField;

void rapport_record_install (GObjectClass *klass,
                             const RapportRecordField *fields,
                             guint n_fields,
                             GParamSpec **pspecs);
void rapport_record_get (GObject *object,
                         const RapportRecordField *fields,
                         guint prop_id,
                         GValue *value);
void rapport_record_set (GObject *object,
                         const RapportRecordField *fields,
                         GParamSpec **pspecs,
                         guint prop_id,
                         const GValue *value);
void rapport_record_set_string (GObject *object, const RapportRecordField *fields, GParamSpec **pspecs, guint prop_id, const char *value);
void rapport_record_set_int (GObject *object, const RapportRecordField *fields, GParamSpec **pspecs, guint prop_id, gint64 value);
void rapport_record_set_strv (GObject *object, const RapportRecordField *fields, GParamSpec **pspecs, guint prop_id, const char *const *value);
void rapport_record_copy (GObject *dest, GObject *src, const RapportRecordField *fields, guint n_fields, GParamSpec **pspecs);
void rapport_record_free_fields (GObject *object, const RapportRecordField *fields, guint n_fields);

#define RAPPORT_FIELD(Type, field, name, type)                \
  {                                                           \
    name, RAPPORT_FIELD_##type, G_STRUCT_OFFSET (Type, field) \
  }

/* Typed accessors over a record's fields. The file that uses them names its
 * table `fields` and its param specs `properties`. */
#define RAPPORT_RECORD_STRING(Type, prefix, CHECK, field, PROP)                   \
  const char *prefix##_get_##field (Type *self)                                   \
  {                                                                               \
    g_return_val_if_fail (CHECK (self), NULL);                                    \
    return self->field;                                                           \
  }                                                                               \
  void prefix##_set_##field (Type *self, const char *value)                       \
  {                                                                               \
    g_return_if_fail (CHECK (self));                                              \
    rapport_record_set_string (G_OBJECT (self), fields, properties, PROP, value); \
  }

#define RAPPORT_RECORD_SCALAR(Type, prefix, CHECK, ctype, field, PROP)         \
  ctype prefix##_get_##field (Type *self)                                      \
  {                                                                            \
    g_return_val_if_fail (CHECK (self), (ctype) 0);                            \
    return self->field;                                                        \
  }                                                                            \
  void prefix##_set_##field (Type *self, ctype value)                          \
  {                                                                            \
    g_return_if_fail (CHECK (self));                                           \
    rapport_record_set_int (G_OBJECT (self), fields, properties, PROP, value); \
  }

#define RAPPORT_RECORD_STRV(Type, prefix, CHECK, field, PROP)                   \
  const char *const *prefix##_get_##field (Type *self)                          \
  {                                                                             \
    g_return_val_if_fail (CHECK (self), NULL);                                  \
    return (const char *const *) self->field;                                   \
  }                                                                             \
  void prefix##_set_##field (Type *self, const char *const *value)              \
  {                                                                             \
    g_return_if_fail (CHECK (self));                                            \
    rapport_record_set_strv (G_OBJECT (self), fields, properties, PROP, value); \
  }

/* The GObject glue of a record class whose fields are all in the table. */
#define RAPPORT_RECORD_CLASS(Type, prefix)                                                \
  static void prefix##_finalize (GObject *object)                                         \
  {                                                                                       \
    rapport_record_free_fields (object, fields, N_PROPS);                                 \
    G_OBJECT_CLASS (prefix##_parent_class)->finalize (object);                            \
  }                                                                                       \
  static void prefix##_get_property (GObject *object, guint prop_id, GValue *value,       \
                                     GParamSpec *pspec)                                   \
  {                                                                                       \
    rapport_record_get (object, fields, prop_id, value);                                  \
  }                                                                                       \
  static void prefix##_set_property (GObject *object, guint prop_id, const GValue *value, \
                                     GParamSpec *pspec)                                   \
  {                                                                                       \
    rapport_record_set (object, fields, properties, prop_id, value);                      \
  }                                                                                       \
  static void prefix##_class_init (Type##Class *klass)                                    \
  {                                                                                       \
    GObjectClass *object_class = G_OBJECT_CLASS (klass);                                  \
                                                                                          \
    object_class->finalize = prefix##_finalize;                                           \
    object_class->get_property = prefix##_get_property;                                   \
    object_class->set_property = prefix##_set_property;                                   \
    rapport_record_install (object_class, fields, N_PROPS, properties);                   \
  }

G_END_DECLS
