/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-client.h: talking to a sync server. */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

typedef enum {
  RAPPORT_SYNC_SIGNED_OUT,
  RAPPORT_SYNC_IDLE,
  RAPPORT_SYNC_SYNCING,
  RAPPORT_SYNC_OFFLINE, /* the server could not be reached; retrying */
  RAPPORT_SYNC_FAILED,  /* needs a person: sign in again, trust the server… */
} RapportSyncStatus;

#define RAPPORT_SYNC_ERROR (rapport_sync_error_quark ())

typedef enum {
  RAPPORT_SYNC_ERROR_UNREACHABLE, /* network, 5xx, 429: worth retrying */
  RAPPORT_SYNC_ERROR_TLS,
  RAPPORT_SYNC_ERROR_UNAUTHORIZED, /* sign in again */
  RAPPORT_SYNC_ERROR_REFUSED,      /* any other answer from the server */
  RAPPORT_SYNC_ERROR_INSECURE,     /* plain HTTP to a host other than this computer */
} RapportSyncError;

GQuark rapport_sync_error_quark (void);

#define RAPPORT_TYPE_SYNC_CLIENT (rapport_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (RapportSyncClient, rapport_sync_client, RAPPORT, SYNC_CLIENT, GObject)

RapportSyncClient *rapport_sync_client_new (RapportStore *store);
RapportStore *rapport_sync_client_get_store (RapportSyncClient *self);
RapportSyncStatus rapport_sync_client_get_status (RapportSyncClient *self);
const char *rapport_sync_client_get_message (RapportSyncClient *self);
gint64 rapport_sync_client_get_last_sync (RapportSyncClient *self);
char *rapport_sync_client_get_server (RapportSyncClient *self);
char *rapport_sync_client_get_user (RapportSyncClient *self);
gboolean rapport_sync_client_has_device (RapportSyncClient *self);
void rapport_sync_client_set_token (RapportSyncClient *self, const char *token);
void rapport_sync_client_set_timeout (RapportSyncClient *self, guint seconds);
void rapport_sync_client_set_tls_database (RapportSyncClient *self, GTlsDatabase *database);
void rapport_sync_client_set_delays (RapportSyncClient *self, guint debounce_ms, guint period_s);

gboolean rapport_sync_client_check_address (const char *server, GError **error);

void rapport_sync_client_sign_in_async (RapportSyncClient *self,
                                        const char *server,
                                        const char *user,
                                        const char *password,
                                        const char *invitation,
                                        const char *device_name,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
char *rapport_sync_client_sign_in_finish (RapportSyncClient *self, GAsyncResult *result, GError **error);

void rapport_sync_client_sign_out_async (RapportSyncClient *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean rapport_sync_client_sign_out_finish (RapportSyncClient *self, GAsyncResult *result, GError **error);

void rapport_sync_client_sync_async (RapportSyncClient *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean rapport_sync_client_sync_finish (RapportSyncClient *self, GAsyncResult *result, GError **error);

void rapport_sync_client_invite_async (RapportSyncClient *self,
                                       const char *huddle_uuid,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
char *rapport_sync_client_invite_finish (RapportSyncClient *self, GAsyncResult *result, GError **error);

void rapport_sync_client_join_async (RapportSyncClient *self,
                                     const char *code,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean rapport_sync_client_join_finish (RapportSyncClient *self, GAsyncResult *result, GError **error);

void rapport_sync_client_leave_async (RapportSyncClient *self,
                                      const char *huddle_uuid,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean rapport_sync_client_leave_finish (RapportSyncClient *self, GAsyncResult *result, GError **error);

void rapport_sync_client_start (RapportSyncClient *self);
void rapport_sync_client_stop (RapportSyncClient *self);

G_END_DECLS
