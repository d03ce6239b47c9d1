/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-server.h: a real rapport-server on 127.0.0.1 for tests,
 * with its own temporary data folder. The binary comes from
 * $RAPPORT_SERVER, which tests/meson.build sets. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RapportTestServer RapportTestServer;

RapportTestServer *rapport_test_server_start (const char *const *extra_args);
const char *rapport_test_server_get_url (RapportTestServer *self);
const char *rapport_test_server_get_data_dir (RapportTestServer *self);
void rapport_test_server_add_user (RapportTestServer *self, const char *name, const char *password);
void rapport_test_server_restart (RapportTestServer *self, const char *const *extra_args);
void rapport_test_server_stop (RapportTestServer *self);

G_END_DECLS
