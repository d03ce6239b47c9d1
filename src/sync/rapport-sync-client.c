/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-client.c: one device's conversation with a sync server
 * (docs/sync-protocol.md).
 *
 * A sync is a chain of requests, each answered on the main loop: ask the
 * server who we are and which scopes we may read (and what time it is),
 * fold the outbox into batches, push them one by one, then pull every
 * scope page by page. Database work happens between requests and is
 * short (a page at a time); the network never blocks the main loop.
 *
 * Edits start a sync after a short delay, and a timer starts one now and
 * then. A failure to reach the server is retried with exponential backoff
 * and jitter, never sooner than a Retry-After; an answer that needs a
 * person (sign in again, a certificate that does not verify) stops
 * retrying and says so.
 */
#define G_LOG_DOMAIN "rapport-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rapport-store-private.h"
#include "rapport-error.h"
#include "rapport-sync-client.h"
#include "rapport-sync-local.h"

#define DEFAULT_TIMEOUT_S 30
#define DEFAULT_DEBOUNCE_MS 2000
#define DEFAULT_PERIOD_S 300
#define MAX_BACKOFF_S 300
/* Under the protocol's 1 MiB body, with room for the envelope. */
#define MAX_BATCH_BYTES (1023 * 1024)
#define PAGE_SIZE 500
/* Clocks further apart than this are corrected from the server's. */
#define CLOCK_TOLERANCE_MS 2000
/* How long the server holds a wait for changes; under the I/O timeout. */
#define WAIT_S 25

struct _RapportSyncClient
{
  GObject parent_instance;

  RapportStore *store;
  SoupSession *session;
  char *token;
  RapportSyncStatus status;
  char *message;
  gint64 last_sync;

  GTask *running;     /* the sync in flight */
  GPtrArray *waiting; /* callers to answer after the next sync */
  gboolean applying;  /* our own changes are being announced */
  gboolean started;
  guint debounce_ms;
  guint period_s;
  guint debounce_id;
  guint period_id;
  guint retry_id;
  guint failures;
  guint retry_after_s;
  GCancellable *waiting_on_server; /* the long poll for others' changes */
};

G_DEFINE_FINAL_TYPE (RapportSyncClient, rapport_sync_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (rapport - sync - error - quark, rapport_sync_error)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_MESSAGE,
  PROP_LAST_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_retry (RapportSyncClient *self);
static void wait_for_changes (RapportSyncClient *self);
static void run_sync (RapportSyncClient *self);

static void
set_status (RapportSyncClient *self,
            RapportSyncStatus status,
            const char *message)
{
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
rapport_sync_client_dispose (GObject *object)
{
  RapportSyncClient *self = RAPPORT_SYNC_CLIENT (object);

  rapport_sync_client_stop (self);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_sync_client_parent_class)->dispose (object);
}

static void
rapport_sync_client_finalize (GObject *object)
{
  RapportSyncClient *self = RAPPORT_SYNC_CLIENT (object);

  g_free (self->token);
  g_free (self->message);
  g_ptr_array_unref (self->waiting);
  G_OBJECT_CLASS (rapport_sync_client_parent_class)->finalize (object);
}

static void
rapport_sync_client_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  RapportSyncClient *self = RAPPORT_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_LAST_SYNC: g_value_set_int64 (value, self->last_sync); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_sync_client_class_init (RapportSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_sync_client_dispose;
  object_class->finalize = rapport_sync_client_finalize;
  object_class->get_property = rapport_sync_client_get_property;

  properties[PROP_STATUS] =
      g_param_spec_int ("status", NULL, NULL, RAPPORT_SYNC_SIGNED_OUT, RAPPORT_SYNC_FAILED, RAPPORT_SYNC_SIGNED_OUT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
      g_param_spec_string ("message", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
      g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_sync_client_init (RapportSyncClient *self)
{
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_S,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Rapport/" PACKAGE_VERSION " ",
                                                 NULL);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->debounce_ms = DEFAULT_DEBOUNCE_MS;
  self->period_s = DEFAULT_PERIOD_S;
}

/**
 * rapport_sync_client_new:
 * @store: the store to sync
 *
 * Returns: (transfer full): a client, signed out until given a token
 */
RapportSyncClient *
rapport_sync_client_new (RapportStore *store)
{
  RapportSyncClient *self = g_object_new (RAPPORT_TYPE_SYNC_CLIENT, NULL);

  self->store = g_object_ref (store);
  self->last_sync = rapport_sync_local_get_int (store, "last-sync", 0);
  return self;
}

RapportStore *
rapport_sync_client_get_store (RapportSyncClient *self)
{
  return self->store;
}

RapportSyncStatus
rapport_sync_client_get_status (RapportSyncClient *self)
{
  return self->status;
}

const char *
rapport_sync_client_get_message (RapportSyncClient *self)
{
  return self->message;
}

gint64
rapport_sync_client_get_last_sync (RapportSyncClient *self)
{
  return self->last_sync;
}

char *
rapport_sync_client_get_server (RapportSyncClient *self)
{
  return rapport_sync_local_get (self->store, "server");
}

char *
rapport_sync_client_get_user (RapportSyncClient *self)
{
  return rapport_sync_local_get (self->store, "user");
}

/**
 * rapport_sync_client_has_device:
 * @self: a client
 *
 * Returns: whether this computer is one of an account's devices: signed
 *   in, or signed in before and not signed out since (its token is then
 *   in the keyring)
 */
gboolean
rapport_sync_client_has_device (RapportSyncClient *self)
{
  g_autofree char *device = rapport_sync_local_get (self->store, "device");

  return device != NULL;
}

/**
 * rapport_sync_client_set_token:
 * @self: a client
 * @token: (nullable): the device's token, as kept in the keyring
 *
 * A client with a token and a device is signed in.
 */
void
rapport_sync_client_set_token (RapportSyncClient *self,
                               const char *token)
{
  g_autofree char *device = rapport_sync_local_get (self->store, "device");

  g_free (self->token);
  self->token = g_strdup (token);
  if (self->token != NULL && device != NULL)
    {
      if (self->status == RAPPORT_SYNC_SIGNED_OUT)
        set_status (self, RAPPORT_SYNC_IDLE, NULL);
    }
  else
    {
      if (self->waiting_on_server != NULL)
        g_cancellable_cancel (self->waiting_on_server);
      g_clear_object (&self->waiting_on_server);
      set_status (self, RAPPORT_SYNC_SIGNED_OUT, NULL);
    }
}

void
rapport_sync_client_set_timeout (RapportSyncClient *self,
                                 guint seconds)
{
  soup_session_set_timeout (self->session, seconds);
}

/* For a server whose certificate is signed by a private authority. */
void
rapport_sync_client_set_tls_database (RapportSyncClient *self,
                                      GTlsDatabase *database)
{
  soup_session_set_tls_database (self->session, database);
}

void
rapport_sync_client_set_delays (RapportSyncClient *self,
                                guint debounce_ms,
                                guint period_s)
{
  self->debounce_ms = debounce_ms;
  self->period_s = period_s;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * rapport_sync_client_check_address:
 * @server: a server address as a person typed it
 * @error: return location for a #GError
 *
 * Returns: whether Rapport may send a token to @server: https, or plain
 *   http to this computer only.
 */
gboolean
rapport_sync_client_check_address (const char *server,
                                   GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  /* A name with a space, a password, a query or a fragment is a typing
   * mistake, not an address a sync server has. */
  if (uri == NULL || host == NULL || host[0] == '\0' || strpbrk (host, " %") != NULL ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                   _("“%.80s” is not a server address. Type it as https://server.example."), server);
      return FALSE;
    }
  if (g_strcmp0 (scheme, "http") == 0 && !is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE,
                   _("Rapport sends your network unencrypted only to this computer. Use an https:// address for %s."),
                      g_uri_get_host (uri));
      return FALSE;
    }
  return TRUE;
}

/* ---- one request ---- */

typedef struct
{
  SoupMessage *message;
  char *what;   /* for messages: the server's address */
  gboolean raw; /* a success answers its body as text */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request->what);
  g_free (request);
}

static void
set_retry_after (RapportSyncClient *self,
                 SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  guint64 seconds;

  self->retry_after_s = 0;
  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    self->retry_after_s = seconds;
}

static void
on_request_done (GObject *source,
                 GAsyncResult *result,
                 gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *body = NULL;
  guint status;

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (error->domain == G_TLS_ERROR ||
               soup_message_get_tls_peer_certificate_errors (request->message) != 0)
        g_task_return_new_error (task, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TLS,
                                 _("The certificate of %s could not be verified, so Rapport did not send anything (%s)."),
                                    request->what, error->message);
      else
        {
          /* The technical reason goes to the log; the person needs to know
           * that nothing is lost. */
          g_debug ("Could not reach %s: %s", request->what, error->message);
          g_task_return_new_error (task, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE,
                                   _("Cannot reach %s. Your edits are kept on this computer and go out when it answers again."),
                                      request->what);
        }
      return;
    }

  status = soup_message_get_status (request->message);
  /* Pages are read by SQLite as they came (rapport_sync_local_read_page):
   * a json-glib tree of them cost more than applying them. */
  if (request->raw && status >= 200 && status < 300)
    {
      g_task_return_pointer (task, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)), g_free);
      return;
    }
  if (g_bytes_get_size (bytes) > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    body = json_node_get_object (json_parser_get_root (parser));

  if (status >= 200 && status < 300)
    {
      g_task_return_pointer (task, body != NULL ? json_object_ref (body) : json_object_new (),
                             (GDestroyNotify) json_object_unref);
      return;
    }

  {
    const char *code = body != NULL ? rapport_sync_json_string (body, "error", "") : "";
    const char *said = body != NULL ? rapport_sync_json_string (body, "message", "") : "";

    if (status == 429 || status >= 500)
      {
        set_retry_after (self, request->message);
        g_task_return_new_error (task, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE,
                                 status == 429 ? _("%s is busy; Rapport will try again later.")
                                               : _("%s could not answer just now; Rapport will try again later."),
                                                    request->what);
      }
    else if (status == 401)
      g_task_return_new_error (task, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNAUTHORIZED, "%s",
                               strcmp (code, "token-expired") == 0
                               ? _("This computer's sign-in has expired. Sign in again to keep syncing.")
                           : *said != '\0' ? said
                                           : _("The server no longer accepts this computer's sign-in. Sign in again."));
    else
      {
        GError *refused = g_error_new (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                                       _("The server refused the request: %s"),
                                          *said != '\0' ? said : soup_status_get_phrase (status));

        /* Callers tell 404 and 410 apart. */
        g_object_set_data_full (G_OBJECT (task), "code", g_strdup (code), g_free);
        g_object_set_data (G_OBJECT (task), "status", GUINT_TO_POINTER (status));
        g_task_return_error (task, refused);
      }
  }
}

static void
request_full_async (RapportSyncClient *self,
                    const char *method,
                    const char *path,
                    const char *body,
                    gboolean raw,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *server = rapport_sync_local_get (self->store, "server");
  g_autofree char *url = NULL;
  Request *request = g_new0 (Request, 1);
  g_autoptr (GError) error = NULL;

  g_object_set_data_full (G_OBJECT (task), "server", g_strdup (server), g_free);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  if (server == NULL || !rapport_sync_client_check_address (server, &error))
    {
      if (error == NULL)
        error = g_error_new (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNAUTHORIZED, _("Sign in to a server first."));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  request->what = g_strdup (server);
  request->raw = raw;
  url = g_strconcat (server, g_str_has_suffix (server, "/") ? path + 1 : path, NULL);
  request->message = soup_message_new (method, url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                               _("“%s” is not a server address."), server);
      g_object_unref (task);
      return;
    }
  if (self->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (request->message), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT, cancellable,
                                    on_request_done, task);
}

static void
request_async (RapportSyncClient *self,
               const char *method,
               const char *path,
               const char *body,
               GCancellable *cancellable,
               GAsyncReadyCallback callback,
               gpointer user_data)
{
  request_full_async (self, method, path, body, FALSE, cancellable, callback, user_data);
}

/* A page of changes or of a snapshot, answered as text. */
static void
request_page_async (RapportSyncClient *self,
                    const char *path,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  request_full_async (self, "GET", path, NULL, TRUE, cancellable, callback, user_data);
}

static JsonObject *
request_finish (RapportSyncClient *self,
                GAsyncResult *result,
                guint *status,
                GError **error)
{
  if (status != NULL)
    *status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "status"));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
build_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Corrects the clock that stamps edits when the server's differs. */
static void
check_clock (RapportSyncClient *self,
             JsonObject *answer)
{
  gint64 server_now = json_object_get_int_member_with_default (answer, "now", 0);
  gint64 skew;
  g_autoptr (GError) error = NULL;

  if (server_now <= 0)
    return;
  skew = server_now - rapport_store_now_ms (self->store);
  if (ABS (skew) <= CLOCK_TOLERANCE_MS)
    return;
  g_debug ("Correcting the clock by %" G_GINT64_FORMAT " ms from the server's", skew);
  if (!rapport_store_set_clock_offset (self->store, rapport_store_get_clock_offset (self->store) + skew, &error))
    g_warning ("Could not correct the clock: %s", error->message);
}

/* ---- signing in and out ---- */

typedef struct
{
  char *server;
  char *user;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_free (data->server);
  g_free (data->user);
  g_free (data);
}

static void
on_signed_in (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);
  const char *token, *device, *person;
  JsonObject *user;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  token = rapport_sync_json_string (answer, "token", NULL);
  device = rapport_sync_json_string (answer, "device", NULL);
  user = rapport_sync_json_object (answer, "user");
  person = user != NULL ? rapport_sync_json_string (user, "person", NULL) : NULL;
  if (token == NULL || device == NULL || person == NULL)
    {
      g_task_return_new_error (task, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                               _("%s did not answer as a Rapport sync server."), data->server);
      return;
    }
  check_clock (self, answer);
  if (!rapport_sync_local_sign_in (self->store, data->server, data->user, device, person, &error) ||
      !rapport_sync_local_set_int (self->store, "user-id",
                                   json_object_get_int_member_with_default (user, "id", 0), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rapport_sync_client_set_token (self, token);
  self->failures = 0;
  g_task_return_pointer (task, g_strdup (token), g_free);
  if (self->started)
    run_sync (self);
}

/**
 * rapport_sync_client_sign_in_async:
 * @self: a client
 * @server: the server's address
 * @user: the account's name
 * @password: its password
 * @invitation: (nullable): a huddle invitation code, to join the huddle
 *   (and make the account if the name is free)
 * @device_name: how the server lists this computer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Signs in and makes this computer one of the account's devices.
 */
void
rapport_sync_client_sign_in_async (RapportSyncClient *self,
                                   const char *server,
                                   const char *user,
                                   const char *password,
                                   const char *invitation,
                                   const char *device_name,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (server));
  SignIn *data = g_new0 (SignIn, 1);

  g_task_set_source_tag (task, rapport_sync_client_sign_in_async);
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  data->server = g_strdup (trimmed);
  data->user = g_strdup (user);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);
  if (!rapport_sync_client_check_address (data->server, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, device_name);
  if (invitation != NULL && *invitation != '\0')
    {
      json_builder_set_member_name (builder, "invitation");
      json_builder_add_string_value (builder, invitation);
    }
  json_builder_end_object (builder);
  body = build_json (builder);

  /* The store's server is not set yet: the request goes to @server. */
  {
    g_autofree char *url = g_strconcat (data->server, "/v1/session", NULL);
    GTask *inner = g_task_new (self, cancellable, on_signed_in, task);
    Request *request = g_new0 (Request, 1);
    g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

    request->what = g_strdup (data->server);
    request->message = soup_message_new ("POST", url);
    g_task_set_task_data (inner, request, (GDestroyNotify) request_free);
    if (request->message == NULL)
      {
        g_task_return_new_error (inner, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                                 _("“%s” is not a server address."), data->server);
        g_object_unref (inner);
        return;
      }
    soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT, cancellable,
                                      on_request_done, inner);
  }
}

/**
 * rapport_sync_client_sign_in_finish:
 *
 * Returns: (transfer full): the device's token, for the keyring
 */
char *
rapport_sync_client_sign_in_finish (RapportSyncClient *self,
                                    GAsyncResult *result,
                                    GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_signed_out (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);

  /* Signed out here whatever the server said: an unreachable server
   * keeps the token valid until it expires there. */
  if (answer == NULL)
    g_debug ("The server did not confirm the sign-out: %s", error->message);
  g_clear_error (&error);
  if (!rapport_sync_local_sign_out (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rapport_sync_client_set_token (self, NULL);
  g_task_return_boolean (task, TRUE);
}

void
rapport_sync_client_sign_out_async (RapportSyncClient *self,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  request_async (self, "DELETE", "/v1/session", NULL, cancellable, on_signed_out, task);
}

gboolean
rapport_sync_client_sign_out_finish (RapportSyncClient *self,
                                     GAsyncResult *result,
                                     GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- a sync ---- */

typedef struct
{
  RapportSyncChanges *changes;
  char **scopes;
  guint scope;
  gint64 batch;
  gint64 snapshot_cursor; /* -1 when not reading a snapshot */
  char *snapshot_after;
  char *pending_scope; /* a huddle being created on the server */
} Run;

static void
run_free (Run *run)
{
  rapport_sync_changes_free (run->changes);
  g_strfreev (run->scopes);
  g_free (run->snapshot_after);
  g_free (run->pending_scope);
  g_free (run);
}

static void push_next (GTask *task);
static void pull_next (GTask *task);

static void
announce (RapportSyncClient *self,
          Run *run)
{
  self->applying = TRUE;
  rapport_sync_changes_emit (run->changes, self->store);
  self->applying = FALSE;
}

static void
fail (GTask *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
fail_db (GTask *task,
         GError *error)
{
  g_prefix_error (&error, _("Could not save what was synced: "));
  fail (task, error);
}

static void
on_me (GObject *source,
       GAsyncResult *result,
       gpointer user_data)
{
  GTask *task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);
  JsonArray *scopes;

  if (answer == NULL)
    return fail (task, error);
  check_clock (self, answer);
  scopes = rapport_sync_json_array (answer, "scopes");
  if (scopes == NULL)
    return fail (task, g_error_new (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                                    _("The server did not answer as a Rapport sync server.")));
  if (!rapport_sync_local_set_scopes (self->store, scopes, run->changes, &error) ||
      !rapport_sync_local_fold (self->store, MAX_BATCH_BYTES, &error))
    return fail_db (task, error);
  announce (self, run);
  push_next (task);
}

static void
on_huddle_created (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  GTask *task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);

  if (answer == NULL)
    return fail (task, error);
  if (!rapport_sync_local_add_scope (self->store, run->pending_scope, NULL, &error))
    return fail_db (task, error);
  push_next (task);
}

static void
on_pushed (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  GTask *task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);

  if (answer == NULL)
    return fail (task, error);
  /* Before the refused stamps are taken again. */
  check_clock (self, answer);
  if (!rapport_sync_local_batch_done (self->store, run->batch, answer, &error))
    return fail_db (task, error);
  push_next (task);
}

static void
push_next (GTask *task)
{
  RapportSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_auto (GStrv) new_scopes = NULL;
  g_autofree char *body = rapport_sync_local_next_batch (self->store, &run->batch, &new_scopes);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (body == NULL)
    {
      g_strfreev (run->scopes);
      run->scopes = rapport_sync_local_list_scopes (self->store);
      run->scope = 0;
      pull_next (task);
      return;
    }
  if (new_scopes != NULL && new_scopes[0] != NULL)
    {
      /* A huddle made on this computer becomes a scope on the server,
       * with the user as its owner, before anything is written to it. */
      const char *uuid = new_scopes[0] + strlen ("huddle:");
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autofree char *name = NULL;
      g_autofree char *request = NULL;
      sqlite3_stmt *stmt = rapport_store_prepare (self->store, "SELECT name FROM huddles WHERE uuid = ?", NULL);

      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, uuid);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name != NULL ? name : "");
      json_builder_end_object (builder);
      request = build_json (builder);
      g_free (run->pending_scope);
      run->pending_scope = g_strdup (new_scopes[0]);
      request_async (self, "POST", "/v1/huddles", request, g_task_get_cancellable (task),
                     on_huddle_created, task);
      return;
    }
  request_async (self, "POST", "/v1/push", body, g_task_get_cancellable (task), on_pushed, task);
}

static char *
scope_path (const char *scope,
            const char *what)
{
  g_autofree char *escaped = g_uri_escape_string (scope, NULL, FALSE);

  return g_strdup_printf ("/v1/scopes/%s/%s", escaped, what);
}

static void
on_snapshot (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  GTask *task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char *scope = run->scopes[run->scope];
  GError *error = NULL;
  g_autofree char *page = g_task_propagate_pointer (G_TASK (result), &error);
  gint64 cursor = 0;
  gboolean more = FALSE;

  if (page == NULL)
    return fail (task, error);
  g_clear_pointer (&run->snapshot_after, g_free);
  if (!rapport_sync_local_read_page (self->store, page, "$.records", &cursor, &more, &run->snapshot_after))
    return fail (task, g_error_new (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                                    _("The server did not answer as a Rapport sync server.")));
  if (run->snapshot_cursor < 0)
    run->snapshot_cursor = cursor;
  if (!rapport_sync_local_apply_snapshot (self->store, scope, page, run->changes, &error))
    return fail_db (task, error);
  announce (self, run);
  if (more && run->snapshot_after != NULL)
    {
      g_autofree char *path = scope_path (scope, "snapshot");
      g_autofree char *query = g_strdup_printf ("%s?after=%s&limit=%d", path, run->snapshot_after, PAGE_SIZE);

      request_page_async (self, query, g_task_get_cancellable (task), on_snapshot, task);
      return;
    }
  if (!rapport_sync_local_finish_resync (self->store, scope, run->snapshot_cursor, run->changes, &error))
    return fail_db (task, error);
  announce (self, run);
  run->snapshot_cursor = -1;
  pull_next (task);
}

static void
on_pulled (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  GTask *task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char *scope = run->scopes[run->scope];
  GError *error = NULL;
  guint status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "status"));
  g_autofree char *page = g_task_propagate_pointer (G_TASK (result), &error);
  gint64 cursor = rapport_sync_local_get_cursor (self->store, scope);
  gboolean more = FALSE;

  if (page == NULL && status == 410)
    {
      g_autofree char *path = scope_path (scope, "snapshot");
      g_autofree char *query = g_strdup_printf ("%s?limit=%d", path, PAGE_SIZE);

      /* The server forgot the history since our cursor: read everything
       * it holds, and delete what it no longer lists. */
      g_clear_error (&error);
      if (!rapport_sync_local_begin_resync (self->store, scope, &error))
        return fail_db (task, error);
      run->snapshot_cursor = -1;
      request_page_async (self, query, g_task_get_cancellable (task), on_snapshot, task);
      return;
    }
  if (page == NULL && (status == 404 || status == 403))
    {
      /* Removed from the huddle since we asked: the next sync leaves it. */
      g_clear_error (&error);
      run->scope++;
      pull_next (task);
      return;
    }
  if (page == NULL)
    return fail (task, error);
  if (!rapport_sync_local_read_page (self->store, page, "$.changes", &cursor, &more, NULL))
    return fail (task, g_error_new (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                                    _("The server did not answer as a Rapport sync server.")));
  if (!rapport_sync_local_apply_page (self->store, scope, page, cursor, run->changes, &error))
    return fail_db (task, error);
  announce (self, run);
  if (!more)
    run->scope++;
  pull_next (task);
}

static void
pull_next (GTask *task)
{
  RapportSyncClient *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  const char *scope;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (run->scopes[run->scope] == NULL)
    {
      g_autoptr (GError) error = NULL;

      /* Joined on the server: on the roster here, pushed next time. */
      if (!rapport_sync_local_join_huddles (self->store, &error))
        {
          g_warning ("Could not add you to a huddle you joined: %s", error->message);
          g_clear_error (&error);
        }

      self->last_sync = g_get_real_time () / 1000;
      if (!rapport_sync_local_set_int (self->store, "last-sync", self->last_sync, &error))
        g_warning ("Could not record the time of the sync: %s", error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  scope = run->scopes[run->scope];
  path = scope_path (scope, "changes");
  query = g_strdup_printf ("%s?after=%" G_GINT64_FORMAT "&limit=%d", path,
                           rapport_sync_local_get_cursor (self->store, scope), PAGE_SIZE);
  request_page_async (self, query, g_task_get_cancellable (task), on_pulled, task);
}

static void start_run (RapportSyncClient *self, GPtrArray *callers);

static void
on_waited (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  RapportSyncClient *self = RAPPORT_SYNC_CLIENT (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);
  JsonArray *changed;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->waiting_on_server);
  if (answer == NULL)
    {
      /* The next sync tells whether the server is gone; it backs off. */
      g_debug ("Waiting for changes failed: %s", error->message);
      if (self->started && self->retry_id == 0)
        schedule_retry (self);
      return;
    }
  changed = rapport_sync_json_array (answer, "changed");
  if (changed != NULL && json_array_get_length (changed) > 0)
    run_sync (self);
  else
    wait_for_changes (self);
}

/* While started and idle, a request waits on the server until another
 * device changes something this one reads, so that its edit shows here
 * within a moment instead of at the next periodic sync. */
static void
wait_for_changes (RapportSyncClient *self)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_auto (GStrv) scopes = NULL;
  g_autofree char *body = NULL;

  if (!self->started || self->token == NULL || self->running != NULL)
    return;
  if (self->waiting_on_server != NULL)
    g_cancellable_cancel (self->waiting_on_server);
  g_clear_object (&self->waiting_on_server);
  self->waiting_on_server = g_cancellable_new ();

  builder = json_builder_new ();
  scopes = rapport_sync_local_list_scopes (self->store);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cursors");
  json_builder_begin_object (builder);
  for (guint i = 0; scopes[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, scopes[i]);
      json_builder_add_int_value (builder, rapport_sync_local_get_cursor (self->store, scopes[i]));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "timeout");
  json_builder_add_int_value (builder, WAIT_S);
  json_builder_end_object (builder);
  body = build_json (builder);
  request_async (self, "POST", "/v1/wait", body, self->waiting_on_server, on_waited, NULL);
}

static void
on_sync_done (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  RapportSyncClient *self = RAPPORT_SYNC_CLIENT (source);
  g_autoptr (GPtrArray) callers = user_data;
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->running);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->failures = 0;
      set_status (self, RAPPORT_SYNC_IDLE, NULL);
      wait_for_changes (self);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_status (self, self->token != NULL ? RAPPORT_SYNC_IDLE : RAPPORT_SYNC_SIGNED_OUT, NULL);
    }
  else if (g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE))
    {
      set_status (self, RAPPORT_SYNC_OFFLINE, error->message);
      schedule_retry (self);
    }
  else if (g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_BUSY))
    {
      /* An import holds the store for a while: nothing is wrong, the
       * next try after it has finished syncs what it wrote. */
      set_status (self, RAPPORT_SYNC_IDLE, NULL);
      schedule_retry (self);
    }
  else
    {
      set_status (self, RAPPORT_SYNC_FAILED, error->message);
    }

  for (guint i = 0; i < callers->len; i++)
    {
      GTask *caller = g_ptr_array_index (callers, i);

      if (error != NULL)
        g_task_return_error (caller, g_error_copy (error));
      else
        g_task_return_boolean (caller, TRUE);
    }

  /* Edits or callers that came while it ran get a sync of their own. */
  if (self->waiting->len > 0 && self->token != NULL)
    {
      GPtrArray *next = self->waiting;

      self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      start_run (self, next);
    }
}

static void
start_run (RapportSyncClient *self,
           GPtrArray *callers)
{
  GTask *task;
  Run *run;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  /* The sync reads everything the wait would have announced, and its own
   * push would only wake it; a new wait starts when it ends. */
  if (self->waiting_on_server != NULL)
    g_cancellable_cancel (self->waiting_on_server);
  g_clear_object (&self->waiting_on_server);
  set_status (self, RAPPORT_SYNC_SYNCING, NULL);
  task = g_task_new (self, NULL, on_sync_done, callers);
  run = g_new0 (Run, 1);
  run->changes = rapport_sync_changes_new ();
  run->snapshot_cursor = -1;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  self->running = g_object_ref (task);
  request_async (self, "GET", "/v1/me", NULL, NULL, on_me, task);
}

/**
 * rapport_sync_client_sync_async:
 * @self: a signed-in client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends the edits waiting and brings in the server's, for every scope.
 * While a sync runs, callers wait for the next one, which starts when it
 * ends, so that edits made meanwhile are in it.
 */
void
rapport_sync_client_sync_async (RapportSyncClient *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *caller = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *callers;

  g_task_set_source_tag (caller, rapport_sync_client_sync_async);
  if (self->token == NULL || self->status == RAPPORT_SYNC_SIGNED_OUT)
    {
      g_task_return_new_error (caller, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNAUTHORIZED,
                               _("Sign in to a sync server first."));
      g_object_unref (caller);
      return;
    }
  if (self->running != NULL)
    {
      g_ptr_array_add (self->waiting, caller);
      return;
    }
  callers = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (callers, caller);
  start_run (self, callers);
}

gboolean
rapport_sync_client_sync_finish (RapportSyncClient *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- huddles ---- */

static void
on_invited (GObject *source,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);
  const char *code;

  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  code = rapport_sync_json_string (answer, "code", NULL);
  if (code == NULL)
    g_task_return_new_error (task, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_REFUSED,
                             _("The server did not answer as a Rapport sync server."));
  else
    g_task_return_pointer (task, g_strdup (code), g_free);
}

/**
 * rapport_sync_client_invite_async:
 * @self: a signed-in client
 * @huddle_uuid: a huddle already synced
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Asks the server for a single-use code another professional types to
 * join the huddle.
 */
void
rapport_sync_client_invite_async (RapportSyncClient *self,
                                  const char *huddle_uuid,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = g_strdup_printf ("/v1/huddles/%s/invitations", huddle_uuid);

  request_async (self, "POST", path, "{}", cancellable, on_invited, task);
}

char *
rapport_sync_client_invite_finish (RapportSyncClient *self,
                                   GAsyncResult *result,
                                   GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_joined (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportSyncClient *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (JsonObject) answer = request_finish (self, result, NULL, &error);

  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rapport_sync_client_join_async (RapportSyncClient *self,
                                const char *code,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_end_object (builder);
  body = build_json (builder);
  request_async (self, "POST", "/v1/invitations/accept", body, cancellable, on_joined, task);
}

gboolean
rapport_sync_client_join_finish (RapportSyncClient *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rapport_sync_client_leave_async (RapportSyncClient *self,
                                 const char *huddle_uuid,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *user_id = rapport_sync_local_get (self->store, "user-id");
  g_autofree char *path = g_strdup_printf ("/v1/huddles/%s/members/%s", huddle_uuid, user_id != NULL ? user_id : "0");

  request_async (self, "DELETE", path, NULL, cancellable, on_joined, task);
}

gboolean
rapport_sync_client_leave_finish (RapportSyncClient *self,
                                  GAsyncResult *result,
                                  GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- running on its own ---- */

static void
on_background_sync (GObject *source,
                    GAsyncResult *result,
                    gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_sync_client_sync_finish (RAPPORT_SYNC_CLIENT (source), result, &error))
    g_debug ("Sync did not finish: %s", error->message);
}

static void
run_sync (RapportSyncClient *self)
{
  if (self->token == NULL)
    return;
  rapport_sync_client_sync_async (self, NULL, on_background_sync, NULL);
}

static gboolean
on_retry (gpointer user_data)
{
  RapportSyncClient *self = user_data;

  self->retry_id = 0;
  run_sync (self);
  return G_SOURCE_REMOVE;
}

/* 1 s, doubling up to 5 minutes, ±50 %, never sooner than Retry-After. */
static void
schedule_retry (RapportSyncClient *self)
{
  double base = MIN ((double) MAX_BACKOFF_S, (double) (1u << MIN (self->failures, 16u)));
  double delay = base * g_random_double_range (0.5, 1.5);

  self->failures++;
  delay = MAX (delay, (double) self->retry_after_s);
  self->retry_after_s = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add ((guint) (delay * 1000), on_retry, self);
}

static gboolean
on_debounced (gpointer user_data)
{
  RapportSyncClient *self = user_data;

  self->debounce_id = 0;
  if (self->status == RAPPORT_SYNC_IDLE || self->status == RAPPORT_SYNC_SYNCING)
    run_sync (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_period (gpointer user_data)
{
  RapportSyncClient *self = user_data;

  if (self->status == RAPPORT_SYNC_IDLE)
    run_sync (self);
  return G_SOURCE_CONTINUE;
}

static void
on_store_changed (RapportSyncClient *self)
{
  if (self->applying || self->token == NULL)
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (self->debounce_ms, on_debounced, self);
}

/**
 * rapport_sync_client_start:
 * @self: a client
 *
 * Syncs now, a moment after every edit, and every few minutes.
 */
void
rapport_sync_client_start (RapportSyncClient *self)
{
  if (self->started)
    return;
  self->started = TRUE;
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->period_id = g_timeout_add_seconds (self->period_s, on_period, self);
  run_sync (self);
}

void
rapport_sync_client_stop (RapportSyncClient *self)
{
  if (self->started && self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  self->started = FALSE;
  if (self->waiting_on_server != NULL)
    g_cancellable_cancel (self->waiting_on_server);
  g_clear_object (&self->waiting_on_server);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->period_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
}
