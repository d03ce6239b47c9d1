/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-proxy.h: an HTTP proxy on 127.0.0.1 between a sync client
 * and a real rapport-server, that misbehaves on request: answers with an
 * error instead of the server, drops the connection after the server has
 * answered, or delivers a request twice. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RAPPORT_TEST_FAULT_NONE,
  RAPPORT_TEST_FAULT_STATUS,     /* answer @status without asking the server */
  RAPPORT_TEST_FAULT_DROP_AFTER, /* forward, then close without answering */
  RAPPORT_TEST_FAULT_TWICE,      /* forward twice, answer with the second */
} RapportTestFault;

typedef struct _RapportTestProxy RapportTestProxy;

RapportTestProxy *rapport_test_proxy_new (const char *upstream);
const char *rapport_test_proxy_get_url (RapportTestProxy *self);
/* The next requests whose path starts with @path_prefix (NULL: any) get
 * @fault, @count times; @status and @retry_after for FAULT_STATUS. */
void rapport_test_proxy_add_fault (RapportTestProxy *self,
                                   const char *path_prefix,
                                   RapportTestFault fault,
                                   guint status,
                                   guint retry_after,
                                   guint count);
void rapport_test_proxy_add_answer (RapportTestProxy *self,
                                    const char *path_prefix,
                                    guint status,
                                    const char *body,
                                    guint count);
void rapport_test_proxy_clear_faults (RapportTestProxy *self);
void rapport_test_proxy_set_upstream (RapportTestProxy *self, const char *upstream);
guint rapport_test_proxy_count (RapportTestProxy *self, const char *path_prefix);
void rapport_test_proxy_free (RapportTestProxy *self);

G_END_DECLS
