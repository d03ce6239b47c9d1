/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-photo-cache.c: contacts' photos, decoded for their avatars.
 *
 * The store keeps a photo as the bytes it came in (up to a mebibyte);
 * an avatar needs a small picture. Each photo is decoded once, scaled
 * down to what the largest avatar shows and turned upright as its EXIF
 * orientation says, and kept while the store does not say it changed.
 * Bytes that do not decode are remembered as "no photo", and the avatar
 * shows the initials. One cache per store, shared by the list's rows and
 * the card.
 */
#define G_LOG_DOMAIN "rapport-photo-cache"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rapport-photo-cache.h"

/* The side of the largest avatar (the card's 96 pixels) at scale 2, with
 * room to spare. */
#define PHOTO_PIXELS 256
/* Decoded photos kept at most; beyond, the cache starts over. */
#define MAX_ENTRIES 512

struct _RapportPhotoCache
{
  GObject parent_instance;

  RapportStore *store; /* weak: the store owns the cache */
  GHashTable *entries; /* id → GdkPaintable, or the cache itself for none */
};

G_DEFINE_FINAL_TYPE (RapportPhotoCache, rapport_photo_cache, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rapport_photo_cache_finalize (GObject *object)
{
  RapportPhotoCache *self = RAPPORT_PHOTO_CACHE (object);

  g_hash_table_unref (self->entries);
  G_OBJECT_CLASS (rapport_photo_cache_parent_class)->finalize (object);
}

static void
rapport_photo_cache_class_init (RapportPhotoCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_photo_cache_finalize;

  /**
   * RapportPhotoCache::changed:
   * @self: the cache
   * @contact_id: the contact whose photo changed, or 0 for any
   *
   * A photo was set, replaced or removed; avatars showing it look again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
unref_entry (gpointer value)
{
  if (GDK_IS_PAINTABLE (value))
    g_object_unref (value);
}

static void
rapport_photo_cache_init (RapportPhotoCache *self)
{
  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, unref_entry);
}

static void
on_photos_changed (RapportPhotoCache *self,
                   gint64 contact_id)
{
  if (contact_id == 0)
    g_hash_table_remove_all (self->entries);
  else
    g_hash_table_remove (self->entries, &contact_id);
  g_signal_emit (self, signals[CHANGED], 0, contact_id);
}

/**
 * rapport_photo_cache_for_store:
 * @store: a store
 *
 * Returns: (transfer none): the store's photo cache, made on first use
 */
RapportPhotoCache *
rapport_photo_cache_for_store (RapportStore *store)
{
  RapportPhotoCache *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "rapport-photo-cache");
  if (self != NULL)
    return self;
  self = g_object_new (RAPPORT_TYPE_PHOTO_CACHE, NULL);
  self->store = store;
  g_signal_connect_object (store, "changed::photos", G_CALLBACK (on_photos_changed), self, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (store), "rapport-photo-cache", self, g_object_unref);
  return self;
}

/**
 * rapport_photo_decode:
 * @bytes: a picture's bytes
 * @size: the largest width or height wanted, in pixels
 *
 * Returns: (transfer full) (nullable): the picture, upright and scaled to
 *   fit @size, or %NULL when the bytes do not decode
 */
GdkPaintable *
rapport_photo_decode (GBytes *bytes,
                      int size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, size, size, TRUE, NULL, &error);
  if (pixbuf == NULL)
    {
      g_debug ("A contact photo does not decode: %s", error->message);
      return NULL;
    }
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return GDK_PAINTABLE (gdk_texture_new_for_pixbuf (upright != NULL ? upright : pixbuf));
}

/**
 * rapport_photo_cache_lookup:
 * @self: a cache
 * @contact_id: a contact
 *
 * Returns: (transfer none) (nullable): the contact's photo for an avatar,
 *   or %NULL when there is none or it does not decode
 */
GdkPaintable *
rapport_photo_cache_lookup (RapportPhotoCache *self,
                            gint64 contact_id)
{
  g_autoptr(GBytes) bytes = NULL;
  gpointer entry;
  gint64 *key;

  g_return_val_if_fail (RAPPORT_IS_PHOTO_CACHE (self), NULL);

  if (g_hash_table_lookup_extended (self->entries, &contact_id, NULL, &entry))
    return GDK_IS_PAINTABLE (entry) ? entry : NULL;
  if (self->store == NULL || contact_id <= 0)
    return NULL;
  if (g_hash_table_size (self->entries) >= MAX_ENTRIES)
    g_hash_table_remove_all (self->entries);

  bytes = rapport_store_get_contact_photo (self->store, contact_id, NULL, NULL);
  entry = bytes != NULL ? rapport_photo_decode (bytes, PHOTO_PIXELS) : NULL;
  key = g_new (gint64, 1);
  *key = contact_id;
  g_hash_table_insert (self->entries, key, entry != NULL ? entry : (gpointer) self);
  return entry;
}
