/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-photos.c: contacts' photos, as imported cards carry them.
 *
 * A photo is kept as the bytes it came in, with its type, in a table of
 * its own (contact_photos), one per contact. It stays on this computer:
 * a photo may be up to a mebibyte, far more than a synced field, so it
 * never enters the outbox. The core checks the size and that the bytes
 * start like an image; whether they decode is for the UI to find out,
 * and a photo that does not is shown as the initials.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-store-private.h"

/* The formats a contact photo comes in, told by their first bytes. */
static const char *
sniff_image (const guint8 *data,
             gsize size)
{
  static const struct
  {
    const char *magic;
    gsize offset;
    gsize length;
    const char *mime_type;
  } formats[] = {
    { "\xff\xd8\xff", 0, 3, "image/jpeg" },
    { "\x89PNG\r\n\x1a\n", 0, 8, "image/png" },
    { "GIF87a", 0, 6, "image/gif" },
    { "GIF89a", 0, 6, "image/gif" },
    { "WEBP", 8, 4, "image/webp" },
    { "BM", 0, 2, "image/bmp" },
    { "II*\0", 0, 4, "image/tiff" },
    { "MM\0*", 0, 4, "image/tiff" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (size >= formats[i].offset + formats[i].length &&
        memcmp (data + formats[i].offset, formats[i].magic, formats[i].length) == 0 &&
        (formats[i].offset == 0 || memcmp (data, "RIFF", 4) == 0))
      return formats[i].mime_type;
  return NULL;
}

/**
 * rapport_photo_check:
 * @photo: the bytes of a picture
 * @error: return location for a #GError
 *
 * Returns: (nullable): the picture's type ("image/jpeg"…), or %NULL with
 *   %RAPPORT_ERROR_INVALID when it is too large or not a picture in a
 *   format Rapport keeps
 */
const char *
rapport_photo_check (GBytes *photo,
                     GError **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (photo, &size);
  const char *mime_type;

  if (size > RAPPORT_PHOTO_MAX_BYTES)
    {
      g_autofree char *max = g_format_size_full (RAPPORT_PHOTO_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *actual = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: the first %s is a size like "1.0 MiB", the second the photo's */
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("A contact’s photo can be %s at most; this one is %s."), max, actual);
      return NULL;
    }
  mime_type = data != NULL ? sniff_image (data, size) : NULL;
  if (mime_type == NULL)
    g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                         _("This photo is not a picture Rapport can keep (JPEG, PNG, GIF, WebP, BMP or TIFF)."));
  return mime_type;
}

static gboolean
check_contact (RapportStore *self,
               gint64 contact_id,
               GError **error)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, "SELECT deleted FROM contacts WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  found = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                 _("There is no contact with id %" G_GINT64_FORMAT " to give a photo."), contact_id);
  return found;
}

/**
 * rapport_store_write_contact_photo:
 * @self: a store, inside a transaction (an import's, say)
 * @contact_id: a contact that is not deleted
 * @photo: (nullable): the picture's bytes, or %NULL to remove the photo
 * @error: return location for a #GError
 *
 * Sets or removes a contact's photo within the caller's transaction, and
 * emits nothing: the caller reports "photos" after its commit. A photo
 * refused (%RAPPORT_ERROR_INVALID, see rapport_photo_check()) or a
 * missing contact (%RAPPORT_ERROR_NOT_FOUND) writes nothing and leaves
 * the transaction usable.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_write_contact_photo (RapportStore *self,
                                   gint64 contact_id,
                                   GBytes *photo,
                                   GError **error)
{
  const char *mime_type = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (photo != NULL && (mime_type = rapport_photo_check (photo, error)) == NULL)
    return FALSE;
  if (!check_contact (self, contact_id, error))
    return FALSE;
  if (photo == NULL)
    {
      stmt = rapport_store_prepare (self, "DELETE FROM contact_photos WHERE contact_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      return rapport_store_step_done (self, stmt, error);
    }
  stmt = rapport_store_prepare (self, "INSERT OR REPLACE INTO contact_photos (contact_id, mime, data) VALUES (?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_text (stmt, 2, mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 3, g_bytes_get_data (photo, NULL), g_bytes_get_size (photo), SQLITE_STATIC);
  return rapport_store_step_done (self, stmt, error);
}

/**
 * rapport_store_set_contact_photo:
 * @self: a store
 * @contact_id: a contact that is not deleted
 * @photo: (nullable): the picture's bytes (JPEG, PNG, GIF, WebP, BMP or
 *   TIFF, at most %RAPPORT_PHOTO_MAX_BYTES), or %NULL to remove the photo
 * @error: return location for a #GError
 *
 * Sets or removes a contact's photo in a transaction of its own, then
 * emits #RapportStore::changed with the detail "photos" and the contact's
 * id. Photos stay on this computer; they are not synced.
 *
 * Returns: %TRUE on success; %FALSE with %RAPPORT_ERROR_INVALID for a
 *   photo that is too large or not a picture, %RAPPORT_ERROR_NOT_FOUND
 *   for a missing or deleted contact
 */
gboolean
rapport_store_set_contact_photo (RapportStore *self,
                                 gint64 contact_id,
                                 GBytes *photo,
                                 GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;
  if (!rapport_store_write_contact_photo (self, contact_id, photo, error))
    {
      rapport_store_rollback (self);
      return FALSE;
    }
  if (!rapport_store_commit (self, error))
    return FALSE;
  rapport_store_emit_changed (self, "photos", contact_id);
  return TRUE;
}

/**
 * rapport_store_get_contact_photo:
 * @self: a store
 * @contact_id: a contact
 * @mime_type: (out) (optional) (transfer full): the picture's type
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the photo's bytes, or %NULL when
 *   the contact has none (@error unset) or the store failed (@error set)
 */
GBytes *
rapport_store_get_contact_photo (RapportStore *self,
                                 gint64 contact_id,
                                 char **mime_type,
                                 GError **error)
{
  sqlite3_stmt *stmt;
  GBytes *photo = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = rapport_store_prepare (self, "SELECT data, mime FROM contact_photos WHERE contact_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      photo = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (mime_type != NULL)
        *mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    rapport_store_set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return photo;
}
