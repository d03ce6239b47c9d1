/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-search-provider.h: the contacts, as GNOME Shell's search sees them. */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* How many contacts one answer names at most: the Shell shows five. */
#define RAPPORT_SEARCH_PROVIDER_MAX_RESULTS 10

#define RAPPORT_TYPE_SEARCH_PROVIDER (rapport_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (RapportSearchProvider, rapport_search_provider, RAPPORT, SEARCH_PROVIDER, GObject)

RapportSearchProvider *rapport_search_provider_new (GApplication *app);
void rapport_search_provider_set_store (RapportSearchProvider *self, RapportStore *store);
gboolean rapport_search_provider_export (RapportSearchProvider *self,
                                         GDBusConnection *connection,
                                         const char *object_path,
                                         GError **error);
void rapport_search_provider_unexport (RapportSearchProvider *self);
GStrv rapport_search_provider_search (RapportSearchProvider *self, const char *const *terms);

G_END_DECLS
