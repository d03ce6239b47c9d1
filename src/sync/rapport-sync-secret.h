/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-secret.h: the device token in the user's keyring. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void rapport_sync_secret_store_async (const char *server,
                                      const char *user,
                                      const char *token,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean rapport_sync_secret_store_finish (GAsyncResult *result, GError **error);
void rapport_sync_secret_lookup_async (const char *server,
                                       const char *user,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
char *rapport_sync_secret_lookup_finish (GAsyncResult *result, GError **error);
void rapport_sync_secret_clear_async (const char *server,
                                      const char *user,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean rapport_sync_secret_clear_finish (GAsyncResult *result, GError **error);

G_END_DECLS
