/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-server-crypto.h: the secrets rapport-server hands out and
 * checks: passwords, bearer tokens, invitation codes and device ids. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RAPPORT_SERVER_TOKEN_BYTES 32

void rapport_server_random_bytes (guint8 *buffer, gsize length);
char *rapport_server_token_new (void);
char *rapport_server_token_hash (const char *token);
char *rapport_server_device_id_new (void);
char *rapport_server_invitation_code_new (void);
char *rapport_server_invitation_code_normalize (const char *code);

char *rapport_server_password_hash (const char *password, GError **error);
gboolean rapport_server_password_verify (const char *password, const char *hash);

gboolean rapport_server_user_name_is_valid (const char *name);
gboolean rapport_server_password_is_acceptable (const char *password, const char **why);

G_END_DECLS
