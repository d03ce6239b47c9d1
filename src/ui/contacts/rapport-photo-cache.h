/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-photo-cache.h: contacts' photos, decoded for their avatars. */
#pragma once

#include <gtk/gtk.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PHOTO_CACHE (rapport_photo_cache_get_type ())
G_DECLARE_FINAL_TYPE (RapportPhotoCache, rapport_photo_cache, RAPPORT, PHOTO_CACHE, GObject)

RapportPhotoCache *rapport_photo_cache_for_store (RapportStore *store);
GdkPaintable *rapport_photo_cache_lookup (RapportPhotoCache *self, gint64 contact_id);
GdkPaintable *rapport_photo_decode (GBytes *bytes, int size);

G_END_DECLS
