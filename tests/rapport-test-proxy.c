/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-proxy.c: a misbehaving network between a sync client and a
 * real rapport-server. Requests are forwarded asynchronously on the main
 * loop, so the test that spins it drives client, proxy and answers alike. */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "rapport-test-proxy.h"

typedef struct
{
  char *prefix;
  RapportTestFault fault;
  guint status;
  guint retry_after;
  guint count;
  char *body; /* the answer of FAULT_STATUS, or NULL for a stock one */
} Fault;

struct _RapportTestProxy
{
  SoupServer *server;
  SoupSession *session;
  char *url;
  char *upstream;
  GPtrArray *faults;
  GHashTable *counts; /* path → requests seen */
};

typedef struct
{
  RapportTestProxy *proxy;
  SoupServerMessage *msg;
  RapportTestFault fault;
  guint sends;
} Forward;

static void
fault_free (Fault *fault)
{
  g_free (fault->prefix);
  g_free (fault->body);
  g_free (fault);
}

static Fault *
take_fault (RapportTestProxy *self,
            const char *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->count > 0 && (fault->prefix == NULL || g_str_has_prefix (path, fault->prefix)))
        {
          fault->count--;
          return fault;
        }
    }
  return NULL;
}

static void send_upstream (Forward *forward);

static void
on_upstream (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  Forward *forward = user_data;
  SoupMessage *upstream = g_object_get_data (G_OBJECT (result), "message");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (forward->msg);

  (void) upstream;
  if (forward->fault == RAPPORT_TEST_FAULT_TWICE && ++forward->sends < 2)
    {
      send_upstream (forward);
      return;
    }
  if (body == NULL)
    {
      soup_server_message_set_status (forward->msg, 502, NULL);
    }
  else if (forward->fault == RAPPORT_TEST_FAULT_DROP_AFTER)
    {
      /* The server committed; the answer never reaches the client. */
      g_autoptr (GIOStream) stream = soup_server_message_steal_connection (forward->msg);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (forward->msg);
      g_free (forward);
      return;
    }
  else
    {
      SoupMessage *sent = g_object_get_data (G_OBJECT (forward->msg), "upstream");
      const char *retry = soup_message_headers_get_one (soup_message_get_response_headers (sent), "Retry-After");

      soup_server_message_set_status (forward->msg, soup_message_get_status (sent), NULL);
      if (retry != NULL)
        soup_message_headers_replace (headers, "Retry-After", retry);
      soup_server_message_set_response (forward->msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  soup_server_message_unpause (forward->msg);
  g_object_unref (forward->msg);
  g_free (forward);
}

static void
send_upstream (Forward *forward)
{
  SoupServerMessage *msg = forward->msg;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *url = g_strdup_printf ("%s%s%s%s", forward->proxy->upstream, g_uri_get_path (uri),
                                          g_uri_get_query (uri) != NULL ? "?" : "",
                                          g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");
  SoupMessage *upstream = soup_message_new (soup_server_message_get_method (msg), url);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (upstream), "Authorization", authorization);
  if (request_body->length > 0)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (request_body->data, request_body->length);

      soup_message_set_request_body_from_bytes (upstream, "application/json", bytes);
    }
  g_object_set_data_full (G_OBJECT (msg), "upstream", upstream, g_object_unref);
  soup_session_send_and_read_async (forward->proxy->session, upstream, G_PRIORITY_DEFAULT, NULL, on_upstream, forward);
}

static void
handle (SoupServer *server,
        SoupServerMessage *msg,
        const char *path,
        GHashTable *query,
        gpointer user_data)
{
  RapportTestProxy *self = user_data;
  Fault *fault = take_fault (self, path);
  Forward *forward;

  g_hash_table_replace (self->counts, g_strdup (path),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, path)) + 1));
  if (fault != NULL && fault->fault == RAPPORT_TEST_FAULT_STATUS)
    {
      static const char body[] = "{\"error\":\"unavailable\",\"message\":\"Injected by the test.\"}";

      soup_server_message_set_status (msg, fault->status, NULL);
      if (fault->retry_after > 0)
        {
          g_autofree char *value = g_strdup_printf ("%u", fault->retry_after);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
        }
      if (fault->body != NULL)
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, fault->body, strlen (fault->body));
      else
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
      return;
    }
  forward = g_new0 (Forward, 1);
  forward->proxy = self;
  forward->msg = g_object_ref (msg);
  forward->fault = fault != NULL ? fault->fault : RAPPORT_TEST_FAULT_NONE;
  soup_server_message_pause (msg);
  send_upstream (forward);
}

RapportTestProxy *
rapport_test_proxy_new (const char *upstream)
{
  RapportTestProxy *self = g_new0 (RapportTestProxy, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  self->upstream = g_strdup (upstream);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->session = soup_session_new_with_options ("timeout", 30, NULL);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  g_assert_true (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

const char *
rapport_test_proxy_get_url (RapportTestProxy *self)
{
  return self->url;
}

void
rapport_test_proxy_set_upstream (RapportTestProxy *self,
                                 const char *upstream)
{
  g_free (self->upstream);
  self->upstream = g_strdup (upstream);
}

void
rapport_test_proxy_add_fault (RapportTestProxy *self,
                              const char *path_prefix,
                              RapportTestFault fault,
                              guint status,
                              guint retry_after,
                              guint count)
{
  Fault *f = g_new0 (Fault, 1);

  f->prefix = g_strdup (path_prefix);
  f->fault = fault;
  f->status = status;
  f->retry_after = retry_after;
  f->count = count;
  g_ptr_array_add (self->faults, f);
}

/* The next @count requests under @path_prefix get @body as the server's
 * answer, with @status. */
void
rapport_test_proxy_add_answer (RapportTestProxy *self,
                               const char *path_prefix,
                               guint status,
                               const char *body,
                               guint count)
{
  rapport_test_proxy_add_fault (self, path_prefix, RAPPORT_TEST_FAULT_STATUS, status, 0, count);
  ((Fault *) g_ptr_array_index (self->faults, self->faults->len - 1))->body = g_strdup (body);
}

void
rapport_test_proxy_clear_faults (RapportTestProxy *self)
{
  g_ptr_array_set_size (self->faults, 0);
}

guint
rapport_test_proxy_count (RapportTestProxy *self,
                          const char *path_prefix)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (path_prefix == NULL || g_str_has_prefix (key, path_prefix))
      n += GPOINTER_TO_UINT (value);
  return n;
}

void
rapport_test_proxy_free (RapportTestProxy *self)
{
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  soup_session_abort (self->session);
  g_object_unref (self->session);
  g_ptr_array_unref (self->faults);
  g_hash_table_unref (self->counts);
  g_free (self->upstream);
  g_free (self->url);
  g_free (self);
}
