/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-secret.c: keeps the token that lets this computer sync in
 * the keyring (the Secret Service, through libsecret, or the secret portal
 * inside Flatpak), never in GSettings or a file. One secret per server and
 * account. */
#define G_LOG_DOMAIN "rapport-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rapport-sync-secret.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    BASE_APPLICATION_ID ".SyncToken",
    SECRET_SCHEMA_NONE,
    {
        { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

void
rapport_sync_secret_store_async (const char *server,
                                 const char *user,
                                 const char *token,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  /* Translators: the label of the secret in Passwords and Keys; %s is
   * the sync server's address */
  g_autofree char *label = g_strdup_printf (_("Rapport sync with %s"), server);

  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         callback, user_data, "server", server, "user", user, NULL);
}

gboolean
rapport_sync_secret_store_finish (GAsyncResult *result,
                                  GError **error)
{
  return secret_password_store_finish (result, error);
}

void
rapport_sync_secret_lookup_async (const char *server,
                                  const char *user,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  secret_password_lookup (token_schema (), cancellable, callback, user_data,
                          "server", server, "user", user, NULL);
}

/* Returns: (transfer full) (nullable): the token, or %NULL when none is kept */
char *
rapport_sync_secret_lookup_finish (GAsyncResult *result,
                                   GError **error)
{
  return secret_password_lookup_finish (result, error);
}

void
rapport_sync_secret_clear_async (const char *server,
                                 const char *user,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  secret_password_clear (token_schema (), cancellable, callback, user_data,
                         "server", server, "user", user, NULL);
}

gboolean
rapport_sync_secret_clear_finish (GAsyncResult *result,
                                  GError **error)
{
  return secret_password_clear_finish (result, error);
}
