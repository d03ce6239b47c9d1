/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-record.c: table-driven properties for the plain records. */
#define G_LOG_DOMAIN "rapport-record"

#include "config.h"

#include "rapport-record-private.h"

#define FIELD_PTR(object, field) ((gpointer) (((guint8 *) (object)) + (field)->offset))

/* Fields are numbered from 1, as property ids are. */
void
rapport_record_install (GObjectClass *klass,
                        const RapportRecordField *fields,
                        guint n_fields,
                        GParamSpec **pspecs)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  for (guint i = 1; i < n_fields; i++)
    {
      const RapportRecordField *f = &fields[i];

      if (f->type == RAPPORT_FIELD_STRING)
        pspecs[i] = g_param_spec_string (f->name, NULL, NULL, NULL, flags);
      else if (f->type == RAPPORT_FIELD_INT)
        pspecs[i] = g_param_spec_int (f->name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
      else if (f->type == RAPPORT_FIELD_INT64)
        pspecs[i] = g_param_spec_int64 (f->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
      else if (f->type == RAPPORT_FIELD_BOOLEAN)
        pspecs[i] = g_param_spec_boolean (f->name, NULL, NULL, FALSE, flags);
      else if (f->type == RAPPORT_FIELD_STRV)
        pspecs[i] = g_param_spec_boxed (f->name, NULL, NULL, G_TYPE_STRV, flags);
      else
        g_assert_not_reached ();
    }
  g_object_class_install_properties (klass, n_fields, pspecs);
}

void
rapport_record_get (GObject *object,
                    const RapportRecordField *fields,
                    guint prop_id,
                    GValue *value)
{
  const RapportRecordField *f = &fields[prop_id];
  gpointer p = FIELD_PTR (object, f);

  if (f->type == RAPPORT_FIELD_STRING)
    g_value_set_string (value, *(char **) p);
  else if (f->type == RAPPORT_FIELD_INT)
    g_value_set_int (value, *(int *) p);
  else if (f->type == RAPPORT_FIELD_INT64)
    g_value_set_int64 (value, *(gint64 *) p);
  else if (f->type == RAPPORT_FIELD_BOOLEAN)
    g_value_set_boolean (value, *(gboolean *) p);
  else if (f->type == RAPPORT_FIELD_STRV)
    g_value_set_boxed (value, *(GStrv *) p);
}

void
rapport_record_set_string (GObject *object,
                           const RapportRecordField *fields,
                           GParamSpec **pspecs,
                           guint prop_id,
                           const char *value)
{
  char **field = FIELD_PTR (object, &fields[prop_id]);

  g_return_if_fail (fields[prop_id].type == RAPPORT_FIELD_STRING);

  /* An empty text is no text, as in the database. */
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspecs[prop_id]);
}

void
rapport_record_set_int (GObject *object,
                        const RapportRecordField *fields,
                        GParamSpec **pspecs,
                        guint prop_id,
                        gint64 value)
{
  const RapportRecordField *f = &fields[prop_id];
  gpointer p = FIELD_PTR (object, f);

  if (f->type == RAPPORT_FIELD_INT64)
    {
      if (*(gint64 *) p == value)
        return;
      *(gint64 *) p = value;
    }
  else if (f->type == RAPPORT_FIELD_INT)
    {
      if (*(int *) p == (int) value)
        return;
      *(int *) p = (int) value;
    }
  else if (f->type == RAPPORT_FIELD_BOOLEAN)
    {
      if (*(gboolean *) p == !!value)
        return;
      *(gboolean *) p = !!value;
    }
  else
    g_return_if_reached ();
  g_object_notify_by_pspec (object, pspecs[prop_id]);
}

void
rapport_record_set_strv (GObject *object,
                         const RapportRecordField *fields,
                         GParamSpec **pspecs,
                         guint prop_id,
                         const char *const *value)
{
  GStrv *field = FIELD_PTR (object, &fields[prop_id]);
  const char *const empty[] = { NULL };

  g_return_if_fail (fields[prop_id].type == RAPPORT_FIELD_STRV);

  if (value == NULL)
    value = empty;
  if (*field != NULL && g_strv_equal ((const char *const *) *field, value))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  g_object_notify_by_pspec (object, pspecs[prop_id]);
}

void
rapport_record_set (GObject *object,
                    const RapportRecordField *fields,
                    GParamSpec **pspecs,
                    guint prop_id,
                    const GValue *value)
{
  const RapportRecordField *f = &fields[prop_id];

  if (f->type == RAPPORT_FIELD_STRING)
    rapport_record_set_string (object, fields, pspecs, prop_id, g_value_get_string (value));
  else if (f->type == RAPPORT_FIELD_INT)
    rapport_record_set_int (object, fields, pspecs, prop_id, g_value_get_int (value));
  else if (f->type == RAPPORT_FIELD_INT64)
    rapport_record_set_int (object, fields, pspecs, prop_id, g_value_get_int64 (value));
  else if (f->type == RAPPORT_FIELD_BOOLEAN)
    rapport_record_set_int (object, fields, pspecs, prop_id, g_value_get_boolean (value));
  else if (f->type == RAPPORT_FIELD_STRV)
    rapport_record_set_strv (object, fields, pspecs, prop_id, g_value_get_boxed (value));
}

/* Sets every field of @dest to @src's, notifying only what changed. */
void
rapport_record_copy (GObject *dest,
                     GObject *src,
                     const RapportRecordField *fields,
                     guint n_fields,
                     GParamSpec **pspecs)
{
  g_object_freeze_notify (dest);
  for (guint i = 1; i < n_fields; i++)
    {
      const RapportRecordField *f = &fields[i];
      gpointer p = FIELD_PTR (src, f);

      if (f->type == RAPPORT_FIELD_STRING)
        rapport_record_set_string (dest, fields, pspecs, i, *(char **) p);
      else if (f->type == RAPPORT_FIELD_INT)
        rapport_record_set_int (dest, fields, pspecs, i, *(int *) p);
      else if (f->type == RAPPORT_FIELD_INT64)
        rapport_record_set_int (dest, fields, pspecs, i, *(gint64 *) p);
      else if (f->type == RAPPORT_FIELD_BOOLEAN)
        rapport_record_set_int (dest, fields, pspecs, i, *(gboolean *) p);
      else if (f->type == RAPPORT_FIELD_STRV)
        rapport_record_set_strv (dest, fields, pspecs, i, *(const char *const **) p);
    }
  g_object_thaw_notify (dest);
}

void
rapport_record_free_fields (GObject *object,
                            const RapportRecordField *fields,
                            guint n_fields)
{
  for (guint i = 1; i < n_fields; i++)
    {
      gpointer p = FIELD_PTR (object, &fields[i]);

      if (fields[i].type == RAPPORT_FIELD_STRING)
        g_clear_pointer ((char **) p, g_free);
      else if (fields[i].type == RAPPORT_FIELD_STRV)
        g_clear_pointer ((GStrv *) p, g_strfreev);
    }
}
