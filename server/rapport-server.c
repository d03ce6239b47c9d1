/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-server.c: routes each request of docs/sync-protocol.md to the
 * store, after the checks every request shares: the body limit, the rate
 * limit and the bearer token.
 *
 * Requests are served on the main thread, one at a time, so the store
 * needs no locking. Password hashing is the one slow step (yescrypt is
 * slow on purpose); it runs in a worker thread while its message is
 * paused, so that one sign-in does not hold up everyone's sync. */
#define G_LOG_DOMAIN "rapport-server"

#include "config.h"

#include <string.h>

#include "rapport-hlc.h"
#include "rapport-server-crypto.h"
#include "rapport-server.h"
#include "rapport-sync-entities.h"

#define MAX_OPS 1000
#define MAX_FIELD_JSON (64 * 1024)
#define DEFAULT_PAGE 500
#define MAX_PAGE 1000
#define MAX_JSON_DEPTH 64
#define RATE_WINDOW_US (60 * G_USEC_PER_SEC)

struct _RapportServer
{
  SoupServer *soup;
  RapportServerStore *store;
  RapportServerConfig config;
  GHashTable *rates; /* key → RateWindow */
  GList *waiters;    /* Waiter, held until a change or their timeout */
  char *dummy_hash;  /* checked for unknown names, so timing hides them */
};

typedef struct
{
  gint64 start_us;
  guint count;
} RateWindow;

/* What a request carries from its first byte to its log line. */
typedef struct
{
  RapportServer *server;
  gint64 started_us;
  gint64 user;
  GByteArray *body;
  gboolean too_large;
  gboolean done;
} Request;

typedef enum {
  ROUTE_NONE,
  ROUTE_SESSION_POST,
  ROUTE_SESSION_DELETE,
  ROUTE_ME,
  ROUTE_DEVICES,
  ROUTE_DEVICE_DELETE,
  ROUTE_HUDDLES_POST,
  ROUTE_MEMBERS,
  ROUTE_MEMBER_DELETE,
  ROUTE_INVITATIONS_POST,
  ROUTE_ACCEPT,
  ROUTE_PUSH,
  ROUTE_CHANGES,
  ROUTE_SNAPSHOT,
  ROUTE_WAIT,
} Route;

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static void
request_free (gpointer data)
{
  Request *req = data;

  g_byte_array_unref (req->body);
  g_free (req);
}

static Request *
request_get (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "rapport-request");
}

/* Replies */

static void
reply_json (SoupServerMessage *msg,
            guint status,
            JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;

  json_object_set_int_member (object, "now", now_ms ());
  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* Replies with @object, a JSON object's text with at least one member,
 * with @members ("name":value, …) and "now" added at its front. */
static void
reply_json_text (SoupServerMessage *msg,
                 guint status,
                 const char *members,
                 const char *object)
{
  char *text = g_strdup_printf ("{%s,\"now\":%" G_GINT64_FORMAT ",%s", members, now_ms (), object + 1);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
reply_empty (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
reply_error (SoupServerMessage *msg,
             const GError *error)
{
  g_autoptr (JsonObject) body = json_object_new ();
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  const char *code = "server-error";
  const char *message = error->message;

  if (error->domain == RAPPORT_SERVER_ERROR)
    {
      switch ((RapportServerError) error->code)
        {
        case RAPPORT_SERVER_ERROR_BAD_REQUEST:
          status = SOUP_STATUS_BAD_REQUEST;
          code = "bad-request";
          break;
        case RAPPORT_SERVER_ERROR_UNAUTHORIZED:
          status = SOUP_STATUS_UNAUTHORIZED;
          code = "unauthorized";
          break;
        case RAPPORT_SERVER_ERROR_TOKEN_EXPIRED:
          status = SOUP_STATUS_UNAUTHORIZED;
          code = "token-expired";
          break;
        case RAPPORT_SERVER_ERROR_FORBIDDEN:
          status = SOUP_STATUS_FORBIDDEN;
          code = "forbidden";
          break;
        case RAPPORT_SERVER_ERROR_NOT_FOUND:
          status = SOUP_STATUS_NOT_FOUND;
          code = "not-found";
          break;
        case RAPPORT_SERVER_ERROR_CONFLICT:
          status = SOUP_STATUS_CONFLICT;
          code = "conflict";
          break;
        case RAPPORT_SERVER_ERROR_CURSOR_EXPIRED:
          status = SOUP_STATUS_GONE;
          code = "cursor-expired";
          break;
        case RAPPORT_SERVER_ERROR_TOO_LARGE:
          status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
          code = "too-large";
          break;
        case RAPPORT_SERVER_ERROR_RATE_LIMITED:
          status = 429; /* not named by libsoup 3.2 */
          code = "rate-limited";
          break;
        case RAPPORT_SERVER_ERROR_FAILED:
        default:
          break;
        }
    }
  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      /* The details are in the log; the client only needs to retry. */
      g_message ("%s", error->message);
      message = "The server failed; nothing was changed.";
    }
  json_object_set_string_member (body, "error", code);
  json_object_set_string_member (body, "message", message);
  reply_json (msg, status, body);
}

static void
reply_error_literal (SoupServerMessage *msg,
                     RapportServerError code,
                     const char *message)
{
  g_autoptr (GError) error = g_error_new_literal (RAPPORT_SERVER_ERROR, code, message);

  reply_error (msg, error);
}

/* Reading requests */

static gboolean
bad_request (GError **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_request (GError **error,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_BAD_REQUEST, format, args));
  va_end (args);
  return FALSE;
}

/* json-glib parses recursively, so a body of a few hundred thousand '['
 * overflows the stack and kills the server, before sign-in. No request of
 * the protocol nests more than a few levels, so anything deeper than
 * MAX_JSON_DEPTH is refused before it reaches the parser. */
static gboolean
nesting_too_deep (const char *text,
                  gsize length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return FALSE;
}

/* json-glib turns an escaped lone surrogate ("\ud800") into bytes that
 * are not UTF-8, and cuts a string at an escaped NUL ("\u0000"). Stored,
 * the first made every later answer carrying it unparsable for the
 * clients and made the store drop the record's other fields at its next
 * write; the second silently shortened the value. Both are refused. */
static gboolean
strings_are_faithful (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_utf8_validate (name, -1, NULL) || !strings_are_faithful (member))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!strings_are_faithful (json_array_get_element (array, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);
  return TRUE;
}

static gboolean
has_escaped_nul (const char *text,
                 gsize length)
{
  for (gsize i = 0; i + 6 <= length; i++)
    if (text[i] == '\\')
      {
        if (memcmp (text + i + 1, "u0000", 5) == 0)
          return TRUE;
        i++; /* skip the escaped character, so "\\u0000" is not one */
      }
  return FALSE;
}

static JsonObject *
parse_body (Request *req,
            GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (req->body->len == 0)
    {
      bad_request (error, "The request needs a JSON object as its body.");
      return NULL;
    }
  if (nesting_too_deep ((const char *) req->body->data, req->body->len))
    {
      bad_request (error, "The body nests arrays and objects more than %d deep.", MAX_JSON_DEPTH);
      return NULL;
    }
  if (!g_utf8_validate ((const char *) req->body->data, req->body->len, NULL) || !json_parser_load_from_data (parser, (const char *) req->body->data, req->body->len, NULL))
    {
      bad_request (error, "The body is not JSON.");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad_request (error, "The body must be a JSON object.");
      return NULL;
    }
  if (has_escaped_nul ((const char *) req->body->data, req->body->len) || !strings_are_faithful (root))
    {
      bad_request (error, "The body has a string with a NUL character or a lone UTF-16 surrogate.");
      return NULL;
    }
  return json_node_dup_object (root);
}

/* Members the protocol does not name are refused rather than ignored, so
 * that a client cannot believe the server honoured an "owner" or a
 * "huddle_id" it never looks at. */
static gboolean
check_members (JsonObject *object,
               const char *const *allowed,
               const char *where,
               GError **error)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return bad_request (error, "%sUnknown member “%s”.", where, (const char *) l->data);
  return TRUE;
}

static gboolean
get_string (JsonObject *object,
            const char *name,
            gboolean required,
            const char **value,
            const char *where,
            GError **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL)
    return required ? bad_request (error, "%sMissing member “%s”.", where, name) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_request (error, "%s“%s” must be a string.", where, name);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
parse_query_int (GHashTable *query,
                 const char *name,
                 gint64 fallback,
                 gint64 min,
                 gint64 *value,
                 GError **error)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 parsed;

  if (text == NULL || *text == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, min, G_MAXINT64, &parsed, NULL))
    return bad_request (error, "“%s” must be a whole number from %" G_GINT64_FORMAT ".", name, min);
  *value = (gint64) parsed;
  return TRUE;
}

/* Rate limit: a fixed one-minute window per token (or per address before
 * sign-in), which is enough to stop a runaway client or a password
 * guesser, and tells the client exactly how long to wait. */
static gboolean
rate_limited (RapportServer *self,
              const char *key,
              guint *retry_after)
{
  gint64 now = g_get_monotonic_time ();
  RateWindow *window = g_hash_table_lookup (self->rates, key);

  if (window == NULL || now - window->start_us >= RATE_WINDOW_US)
    {
      if (window == NULL)
        {
          window = g_new0 (RateWindow, 1);
          g_hash_table_insert (self->rates, g_strdup (key), window);
        }
      window->start_us = now;
      window->count = 0;
    }
  if (window->count >= self->config.rate_limit)
    {
      *retry_after = (guint) ((window->start_us + RATE_WINDOW_US - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      if (*retry_after == 0)
        *retry_after = 1;
      return TRUE;
    }
  window->count++;
  return FALSE;
}

static gboolean
forget_rate_window (gpointer key,
                    gpointer value,
                    gpointer data)
{
  RateWindow *window = value;

  return *(gint64 *) data - window->start_us >= RATE_WINDOW_US;
}

static gboolean
sweep_rates (gpointer data)
{
  RapportServer *self = data;
  gint64 now = g_get_monotonic_time ();

  g_hash_table_foreach_remove (self->rates, forget_rate_window, &now);
  return G_SOURCE_CONTINUE;
}

static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  header += 7;
  while (*header == ' ')
    header++;
  return *header != '\0' ? header : NULL;
}

/* Routing */

static Route
route (const char *method,
       char **seg,
       guint n)
{
  gboolean get = strcmp (method, "GET") == 0;
  gboolean post = strcmp (method, "POST") == 0;
  gboolean del = strcmp (method, "DELETE") == 0;

  if (n == 1 && strcmp (seg[0], "session") == 0)
    return post ? ROUTE_SESSION_POST : del ? ROUTE_SESSION_DELETE
                                           : ROUTE_NONE;
  if (n == 1 && strcmp (seg[0], "me") == 0 && get)
    return ROUTE_ME;
  if (n == 1 && strcmp (seg[0], "devices") == 0 && get)
    return ROUTE_DEVICES;
  if (n == 2 && strcmp (seg[0], "devices") == 0 && del)
    return ROUTE_DEVICE_DELETE;
  if (n == 1 && strcmp (seg[0], "huddles") == 0 && post)
    return ROUTE_HUDDLES_POST;
  if (n == 3 && strcmp (seg[0], "huddles") == 0 && strcmp (seg[2], "members") == 0 && get)
    return ROUTE_MEMBERS;
  if (n == 4 && strcmp (seg[0], "huddles") == 0 && strcmp (seg[2], "members") == 0 && del)
    return ROUTE_MEMBER_DELETE;
  if (n == 3 && strcmp (seg[0], "huddles") == 0 && strcmp (seg[2], "invitations") == 0 && post)
    return ROUTE_INVITATIONS_POST;
  if (n == 2 && strcmp (seg[0], "invitations") == 0 && strcmp (seg[1], "accept") == 0 && post)
    return ROUTE_ACCEPT;
  if (n == 1 && strcmp (seg[0], "push") == 0 && post)
    return ROUTE_PUSH;
  if (n == 1 && strcmp (seg[0], "wait") == 0 && post)
    return ROUTE_WAIT;
  if (n == 3 && strcmp (seg[0], "scopes") == 0 && strcmp (seg[2], "changes") == 0 && get)
    return ROUTE_CHANGES;
  if (n == 3 && strcmp (seg[0], "scopes") == 0 && strcmp (seg[2], "snapshot") == 0 && get)
    return ROUTE_SNAPSHOT;
  return ROUTE_NONE;
}

/* Splits "/v1/a/b%3Ac" into {"a", "b:c"}; NULL when the path is not
 * under /v1/ or a segment does not decode. */
static GStrv
split_path (const char *path)
{
  g_auto (GStrv) raw = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;

  if (!g_str_has_prefix (path, "/v1/"))
    return NULL;
  raw = g_strsplit (path + 4, "/", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; raw[i] != NULL; i++)
    {
      g_autofree char *decoded = g_uri_unescape_string (raw[i], "/");

      if (decoded == NULL || *decoded == '\0')
        return NULL;
      g_strv_builder_add (builder, decoded);
    }
  return g_strv_builder_end (builder);
}

/* A huddle uuid from a path: anything malformed is just not found. */
static char *
path_huddle (const char *segment,
             GError **error)
{
  if (!rapport_sync_uuid_is_valid (segment))
    {
      g_set_error (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such huddle.");
      return NULL;
    }
  return g_ascii_strdown (segment, -1);
}

/* Sign-in: the password check runs in a thread */

typedef struct
{
  RapportServer *server;
  SoupServerMessage *msg;
  char *name;
  char *password;
  char *device_name;
  char *invitation;
  char *hash;     /* the stored one to check, or the new one made */
  gboolean known; /* an existing account, as opposed to a new one */
  gboolean verified;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_object_unref (sign_in->msg);
  g_free (sign_in->name);
  if (sign_in->password != NULL)
    explicit_bzero (sign_in->password, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in->device_name);
  g_free (sign_in->invitation);
  g_free (sign_in->hash);
  g_free (sign_in);
}

static void
sign_in_thread (GTask *task,
                gpointer source,
                gpointer data,
                GCancellable *cancellable)
{
  SignIn *sign_in = data;
  GError *error = NULL;

  if (sign_in->known)
    sign_in->verified = rapport_server_password_verify (sign_in->password, sign_in->hash);
  else
    {
      g_free (sign_in->hash);
      sign_in->hash = rapport_server_password_hash (sign_in->password, &error);
      if (sign_in->hash == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static JsonObject *
user_json (const RapportServerUser *user)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", user->id);
  json_object_set_string_member (object, "name", user->name);
  json_object_set_string_member (object, "person", user->person);
  return object;
}

static void
sign_in_finish (SignIn *sign_in,
                GError **error_out,
                JsonObject **answer)
{
  RapportServer *self = sign_in->server;
  g_auto (RapportServerUser) user = { 0 };
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *device = NULL;
  g_autofree char *joined = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = now_ms ();

  if (sign_in->known && !sign_in->verified)
    {
      g_set_error (error_out, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_UNAUTHORIZED,
                   "Wrong name or password.");
      return;
    }

  if (!rapport_server_store_begin (self->store, error_out))
    return;
  /* The store may have changed while the hash was computed: look again. */
  if (sign_in->known)
    {
      if (!rapport_server_store_find_user (self->store, sign_in->name, &user, NULL, &error))
        goto failed;
    }
  else if (!rapport_server_store_add_user (self->store, sign_in->name, sign_in->hash, now, &user, &error))
    goto failed;

  if (sign_in->invitation != NULL)
    {
      joined = rapport_server_store_accept_invitation (self->store, sign_in->invitation, user.id, now, &error);
      if (joined == NULL)
        {
          if (g_error_matches (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND))
            error->code = RAPPORT_SERVER_ERROR_UNAUTHORIZED;
          goto failed;
        }
    }

  token = rapport_server_token_new ();
  token_hash = rapport_server_token_hash (token);
  device = rapport_server_store_add_device (self->store, user.id, sign_in->device_name, token_hash, now, &error);
  if (device == NULL || !rapport_server_store_commit (self->store, &error))
    goto failed;

  *answer = json_object_new ();
  json_object_set_string_member (*answer, "token", token);
  json_object_set_string_member (*answer, "device", device);
  json_object_set_object_member (*answer, "user", user_json (&user));
  if (joined != NULL)
    json_object_set_string_member (*answer, "joined", joined);
  else
    json_object_set_null_member (*answer, "joined");
  request_get (sign_in->msg)->user = user.id;
  explicit_bzero (token, strlen (token));
  return;

failed:
  rapport_server_store_rollback (self->store);
  g_propagate_error (error_out, g_steal_pointer (&error));
}

static void
sign_in_done (GObject *source,
              GAsyncResult *result,
              gpointer data)
{
  SignIn *sign_in = data;
  Request *req = request_get (sign_in->msg);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = NULL;

  if (req == NULL || req->done)
    {
      sign_in_free (sign_in);
      return;
    }
  if (g_task_propagate_boolean (G_TASK (result), &error))
    sign_in_finish (sign_in, &error, &answer);
  if (answer != NULL)
    reply_json (sign_in->msg, SOUP_STATUS_CREATED, answer);
  else
    reply_error (sign_in->msg, error);
  soup_server_message_unpause (sign_in->msg);
  sign_in_free (sign_in);
}

static void
handle_sign_in (RapportServer *self,
                SoupServerMessage *msg,
                Request *req)
{
  static const char *const allowed[] = { "user", "password", "device_name", "invitation", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = parse_body (req, &error);
  g_auto (RapportServerUser) user = { 0 };
  g_autoptr (GTask) task = NULL;
  const char *name, *password, *device_name, *invitation;
  g_autofree char *hash = NULL;
  SignIn *sign_in;

  if (body == NULL || !check_members (body, allowed, "", &error) || !get_string (body, "user", TRUE, &name, "", &error) || !get_string (body, "password", TRUE, &password, "", &error) || !get_string (body, "device_name", TRUE, &device_name, "", &error) || !get_string (body, "invitation", FALSE, &invitation, "", &error))
    {
      reply_error (msg, error);
      return;
    }
  if (g_utf8_strlen (device_name, -1) > 200)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "The device name is too long: at most 200 characters.");
      return;
    }

  if (invitation != NULL)
    {
      g_autofree char *huddle = rapport_server_store_check_invitation (self->store, invitation, now_ms (), &error);

      if (huddle == NULL)
        {
          if (g_error_matches (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND))
            error->code = RAPPORT_SERVER_ERROR_UNAUTHORIZED;
          reply_error (msg, error);
          return;
        }
    }

  sign_in = g_new0 (SignIn, 1);
  sign_in->server = self;
  sign_in->msg = g_object_ref (msg);
  sign_in->name = g_strdup (name);
  sign_in->password = g_strdup (password);
  sign_in->device_name = g_strdup (*device_name != '\0' ? device_name : "Unnamed device");
  sign_in->invitation = g_strdup (invitation);

  if (rapport_server_store_find_user (self->store, name, &user, &hash, &error))
    {
      sign_in->known = TRUE;
      sign_in->hash = g_steal_pointer (&hash);
      /* The account's own spelling of its name, whatever the case typed. */
      g_free (sign_in->name);
      sign_in->name = g_strdup (user.name);
    }
  else if (!g_error_matches (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_NOT_FOUND))
    {
      reply_error (msg, error);
      sign_in_free (sign_in);
      return;
    }
  else if (invitation != NULL)
    {
      const char *why = NULL;

      if (!rapport_server_user_name_is_valid (name))
        why = "A user name has 1 to 64 letters, digits, “.”, “_” or “-”.";
      else
        rapport_server_password_is_acceptable (password, &why);
      if (why != NULL)
        {
          reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, why);
          sign_in_free (sign_in);
          return;
        }
    }
  else
    {
      /* No such account: check a hash anyway, so that the answer takes
       * as long as for a wrong password. */
      sign_in->known = TRUE;
      sign_in->hash = g_strdup (self->dummy_hash);
      g_free (sign_in->password);
      sign_in->password = rapport_server_token_new ();
    }

  soup_server_message_pause (msg);
  task = g_task_new (NULL, NULL, sign_in_done, sign_in);
  g_task_set_task_data (task, sign_in, NULL);
  g_task_run_in_thread (task, sign_in_thread);
}

/* Authenticated endpoints */

static void
handle_me (RapportServer *self,
           SoupServerMessage *msg,
           gint64 user_id,
           const char *device)
{
  g_autoptr (GError) error = NULL;
  g_auto (RapportServerUser) user = { 0 };
  g_autoptr (JsonObject) answer = NULL;
  JsonArray *scopes;

  if (!rapport_server_store_get_user (self->store, user_id, &user, &error) || (scopes = rapport_server_store_list_scopes (self->store, user_id, &error)) == NULL)
    {
      reply_error (msg, error);
      return;
    }
  answer = json_object_new ();
  json_object_set_object_member (answer, "user", user_json (&user));
  json_object_set_string_member (answer, "device", device);
  json_object_set_array_member (answer, "scopes", scopes);
  reply_json (msg, SOUP_STATUS_OK, answer);
}

static void
handle_devices (RapportServer *self,
                SoupServerMessage *msg,
                gint64 user,
                const char *device)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = NULL;
  JsonArray *devices = rapport_server_store_list_devices (self->store, user, device, &error);

  if (devices == NULL)
    {
      reply_error (msg, error);
      return;
    }
  answer = json_object_new ();
  json_object_set_array_member (answer, "devices", devices);
  reply_json (msg, SOUP_STATUS_OK, answer);
}

static void
handle_create_huddle (RapportServer *self,
                      SoupServerMessage *msg,
                      Request *req,
                      gint64 user)
{
  static const char *const allowed[] = { "uuid", "name", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = parse_body (req, &error);
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *uuid = NULL;
  const char *raw_uuid, *name;
  gboolean created;

  if (body == NULL || !check_members (body, allowed, "", &error) || !get_string (body, "uuid", TRUE, &raw_uuid, "", &error) || !get_string (body, "name", TRUE, &name, "", &error))
    {
      reply_error (msg, error);
      return;
    }
  if (!rapport_sync_uuid_is_valid (raw_uuid))
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "“uuid” is not a uuid.");
      return;
    }
  if (g_utf8_strlen (name, -1) > 200)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "The huddle name is too long: at most 200 characters.");
      return;
    }
  uuid = g_ascii_strdown (raw_uuid, -1);
  answer = rapport_server_store_create_huddle (self->store, user, uuid, name, now_ms (), &created, &error);
  if (answer == NULL)
    reply_error (msg, error);
  else
    reply_json (msg, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, answer);
}

static void
handle_members (RapportServer *self,
                SoupServerMessage *msg,
                gint64 user,
                const char *segment)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = path_huddle (segment, &error);
  g_autoptr (JsonObject) answer = NULL;
  JsonArray *members;

  if (uuid == NULL || !rapport_server_store_check_member (self->store, uuid, user, NULL, &error) || (members = rapport_server_store_list_members (self->store, uuid, &error)) == NULL)
    {
      reply_error (msg, error);
      return;
    }
  answer = json_object_new ();
  json_object_set_string_member (answer, "huddle", uuid);
  json_object_set_array_member (answer, "members", members);
  reply_json (msg, SOUP_STATUS_OK, answer);
}

static void
handle_remove_member (RapportServer *self,
                      SoupServerMessage *msg,
                      gint64 user,
                      const char *huddle_segment,
                      const char *member_segment)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = path_huddle (huddle_segment, &error);
  guint64 member;

  if (uuid == NULL)
    {
      reply_error (msg, error);
      return;
    }
  /* Which of the two is unknown is only told to members. */
  if (!rapport_server_store_check_member (self->store, uuid, user, NULL, &error))
    {
      reply_error (msg, error);
      return;
    }
  if (!g_ascii_string_to_unsigned (member_segment, 10, 1, G_MAXINT64, &member, NULL))
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such member in this huddle.");
      return;
    }
  if (!rapport_server_store_remove_member (self->store, uuid, user, (gint64) member, &error))
    reply_error (msg, error);
  else
    reply_empty (msg);
}

static void
handle_invite (RapportServer *self,
               SoupServerMessage *msg,
               Request *req,
               gint64 user,
               const char *segment)
{
  static const char *const allowed[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = path_huddle (segment, &error);
  g_autofree char *code = NULL;
  g_autoptr (JsonObject) answer = NULL;
  gint64 expires;

  if (uuid == NULL || !rapport_server_store_check_member (self->store, uuid, user, NULL, &error))
    {
      reply_error (msg, error);
      return;
    }
  /* The body is optional, but if there is one it names nothing. */
  if (req->body->len > 0)
    {
      g_autoptr (JsonObject) body = parse_body (req, &error);

      if (body == NULL || !check_members (body, allowed, "", &error))
        {
          reply_error (msg, error);
          return;
        }
    }
  code = rapport_server_store_create_invitation (self->store, uuid, user, now_ms (), &expires, &error);
  if (code == NULL)
    {
      reply_error (msg, error);
      return;
    }
  answer = json_object_new ();
  json_object_set_string_member (answer, "code", code);
  json_object_set_string_member (answer, "huddle", uuid);
  json_object_set_int_member (answer, "expires", expires);
  reply_json (msg, SOUP_STATUS_CREATED, answer);
}

static void
handle_accept (RapportServer *self,
               SoupServerMessage *msg,
               Request *req,
               gint64 user)
{
  static const char *const allowed[] = { "code", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = parse_body (req, &error);
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *uuid = NULL;
  const char *code;

  if (body == NULL || !check_members (body, allowed, "", &error) || !get_string (body, "code", TRUE, &code, "", &error) || (uuid = rapport_server_store_accept_invitation (self->store, code, user, now_ms (), &error)) == NULL)
    {
      reply_error (msg, error);
      return;
    }
  answer = json_object_new ();
  json_object_set_string_member (answer, "huddle", uuid);
  reply_json (msg, SOUP_STATUS_OK, answer);
}

/* Whether a value could be over MAX_FIELD_JSON as JSON. Writing every
 * value out to measure it cost more than applying the push; a number,
 * a boolean or a string short enough even with every character escaped
 * (six bytes each, and the quotes) cannot be. */
static gboolean
value_may_be_over (JsonNode *value)
{
  if (JSON_NODE_HOLDS_NULL (value))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (value))
    return TRUE;
  if (json_node_get_value_type (value) != G_TYPE_STRING)
    return FALSE;
  return strlen (json_node_get_string (value)) * 6 + 2 > MAX_FIELD_JSON;
}

/* Checks one op's shape against the entity table; access is checked
 * afterwards, once the whole batch is known to be well-formed. */
static gboolean
check_op (JsonNode *node,
          guint index,
          GError **error)
{
  static const char *const allowed[] = { "scope", "entity", "uuid", "op", "fields", "stamp", NULL };
  g_autofree char *where = g_strdup_printf ("Operation %u: ", index + 1);
  const char *scope, *entity_name, *uuid, *op, *stamp;
  const RapportSyncEntity *entity;
  RapportScopeKind kind;
  const char *huddle;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_request (error, "%snot a JSON object.", where);
  object = json_node_get_object (node);
  if (!check_members (object, allowed, where, error) || !get_string (object, "scope", TRUE, &scope, where, error) || !get_string (object, "entity", TRUE, &entity_name, where, error) || !get_string (object, "uuid", TRUE, &uuid, where, error) || !get_string (object, "op", TRUE, &op, where, error) || !get_string (object, "stamp", FALSE, &stamp, where, error))
    return FALSE;

  if (!rapport_sync_scope_parse (scope, &kind, &huddle))
    return bad_request (error, "%s“%s” is not a scope.", where, scope);
  entity = rapport_sync_entity_lookup (entity_name);
  if (entity == NULL)
    return bad_request (error, "%sunknown entity “%s”.", where, entity_name);
  if ((entity->scopes & kind) == 0)
    return bad_request (error, "%sa %s scope does not take “%s” records.",
                        where, kind == RAPPORT_SCOPE_PRIVATE ? "private" : "huddle", entity_name);
  if (!rapport_sync_uuid_is_valid (uuid))
    return bad_request (error, "%s“uuid” is not a uuid.", where);

  if (strcmp (op, "delete") == 0)
    {
      if (json_object_has_member (object, "fields"))
        return bad_request (error, "%sa delete has no “fields”.", where);
      if (stamp == NULL || !rapport_hlc_parse (stamp, NULL, NULL, NULL))
        return bad_request (error, "%sa delete needs a valid “stamp”.", where);
      return TRUE;
    }
  if (strcmp (op, "put") == 0)
    {
      JsonNode *fields_node = json_object_get_member (object, "fields");
      g_autoptr (GList) names = NULL;
      JsonObject *fields;

      if (stamp != NULL)
        return bad_request (error, "%sa put has no “stamp”: each field carries its own.", where);
      if (fields_node == NULL || !JSON_NODE_HOLDS_OBJECT (fields_node))
        return bad_request (error, "%sa put needs “fields”, a JSON object.", where);
      fields = json_node_get_object (fields_node);
      if (json_object_get_size (fields) == 0)
        return bad_request (error, "%sa put needs at least one field.", where);
      names = json_object_get_members (fields);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *pair_node = json_object_get_member (fields, l->data);
          JsonArray *pair;
          JsonNode *stamp_node;
          g_autofree char *value_json = NULL;

          if (!rapport_sync_entity_has_field (entity, l->data))
            return bad_request (error, "%s“%s” has no field “%s”.", where, entity_name, (const char *) l->data);
          if (!JSON_NODE_HOLDS_ARRAY (pair_node) || json_array_get_length (json_node_get_array (pair_node)) != 2)
            return bad_request (error, "%sfield “%s” must be [value, stamp].", where, (const char *) l->data);
          pair = json_node_get_array (pair_node);
          stamp_node = json_array_get_element (pair, 1);
          if (!JSON_NODE_HOLDS_VALUE (stamp_node) || json_node_get_value_type (stamp_node) != G_TYPE_STRING || !rapport_hlc_parse (json_node_get_string (stamp_node), NULL, NULL, NULL))
            return bad_request (error, "%sfield “%s” has no valid stamp.", where, (const char *) l->data);
          if (!value_may_be_over (json_array_get_element (pair, 0)))
            continue;
          value_json = json_to_string (json_array_get_element (pair, 0), FALSE);
          if (strlen (value_json) > MAX_FIELD_JSON)
            return bad_request (error, "%sfield “%s” is over 64 KiB.", where, (const char *) l->data);
        }
      return TRUE;
    }
  return bad_request (error, "%s“op” must be “put” or “delete”.", where);
}

/* Waiting for changes (POST /v1/wait) */

typedef struct
{
  RapportServer *server;
  SoupServerMessage *msg;
  GPtrArray *scope_ids;   /* internal ids */
  GPtrArray *scope_names; /* as the client named them */
  GArray *cursors;
  guint timeout_id;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (waiter->msg, waiter);
  g_object_unref (waiter->msg);
  g_ptr_array_unref (waiter->scope_ids);
  g_ptr_array_unref (waiter->scope_names);
  g_array_unref (waiter->cursors);
  g_free (waiter);
}

/* Answers with the scopes that moved past their cursor; with none when
 * @force (the timeout), and not at all otherwise. */
static gboolean
answer_waiter (Waiter *waiter,
               gboolean force)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  JsonArray *changed = json_array_new ();

  for (guint i = 0; i < waiter->scope_ids->len; i++)
    {
      const char *id = g_ptr_array_index (waiter->scope_ids, i);
      gint64 last = id != NULL ? rapport_server_store_last_seq (waiter->server->store, id) : -1;

      if (last < 0 || last > g_array_index (waiter->cursors, gint64, i))
        json_array_add_string_element (changed, g_ptr_array_index (waiter->scope_names, i));
    }
  json_object_set_array_member (answer, "changed", changed);
  if (json_array_get_length (changed) == 0 && !force)
    return FALSE;
  reply_json (waiter->msg, SOUP_STATUS_OK, answer);
  soup_server_message_unpause (waiter->msg);
  return TRUE;
}

static void
drop_waiter (Waiter *waiter)
{
  RapportServer *self = waiter->server;

  self->waiters = g_list_remove (self->waiters, waiter);
  waiter_free (waiter);
}

static gboolean
on_wait_timeout (gpointer data)
{
  Waiter *waiter = data;

  waiter->timeout_id = 0;
  answer_waiter (waiter, TRUE);
  drop_waiter (waiter);
  return G_SOURCE_REMOVE;
}

static void
on_waiter_gone (Waiter *waiter)
{
  drop_waiter (waiter);
}

/* After every push: whoever waits on a scope that moved is answered. */
static void
wake_waiters (RapportServer *self)
{
  GList *l = self->waiters;

  while (l != NULL)
    {
      Waiter *waiter = l->data;

      l = l->next;
      if (answer_waiter (waiter, FALSE))
        drop_waiter (waiter);
    }
}

static void
handle_wait (RapportServer *self,
             SoupServerMessage *msg,
             Request *req,
             gint64 user)
{
  static const char *const allowed[] = { "cursors", "timeout", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = parse_body (req, &error);
  g_autoptr (GList) names = NULL;
  JsonNode *cursors_node, *timeout_node;
  JsonObject *cursors;
  gint64 timeout;
  Waiter *waiter;

  if (body == NULL || !check_members (body, allowed, "", &error))
    {
      reply_error (msg, error);
      return;
    }
  cursors_node = json_object_get_member (body, "cursors");
  timeout_node = json_object_get_member (body, "timeout");
  if (cursors_node == NULL || !JSON_NODE_HOLDS_OBJECT (cursors_node) || !is_integer (timeout_node) ||
      json_node_get_int (timeout_node) < 1 || json_node_get_int (timeout_node) > 60)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST,
                           "“cursors” must map scopes to numbers and “timeout” be 1 to 60 seconds.");
      return;
    }
  cursors = json_node_get_object (cursors_node);
  timeout = json_node_get_int (timeout_node);
  names = json_object_get_members (cursors);
  if (g_list_length (names) > 1000)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "Wait on at most 1000 scopes.");
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->server = self;
  waiter->msg = g_object_ref (msg);
  waiter->scope_ids = g_ptr_array_new_with_free_func (g_free);
  waiter->scope_names = g_ptr_array_new_with_free_func (g_free);
  waiter->cursors = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *cursor = json_object_get_member (cursors, l->data);
      RapportScopeKind kind;
      const char *huddle;
      char *id;
      gint64 value;

      if (!rapport_sync_scope_parse (l->data, &kind, &huddle) || !is_integer (cursor))
        {
          waiter_free (waiter);
          reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "“cursors” must map scopes to numbers.");
          return;
        }
      /* A scope the user cannot read (any more) counts as changed: the
       * client's next sync finds out that it left. */
      id = rapport_server_store_resolve_scope (self->store, user, l->data, NULL);
      value = json_node_get_int (cursor);
      g_ptr_array_add (waiter->scope_ids, id);
      g_ptr_array_add (waiter->scope_names, g_strdup (l->data));
      g_array_append_val (waiter->cursors, value);
    }
  if (answer_waiter (waiter, FALSE))
    {
      waiter_free (waiter);
      return;
    }
  soup_server_message_pause (msg);
  waiter->timeout_id = g_timeout_add_seconds ((guint) timeout, on_wait_timeout, waiter);
  g_signal_connect_swapped (msg, "disconnected", G_CALLBACK (on_waiter_gone), waiter);
  self->waiters = g_list_prepend (self->waiters, waiter);
}

static void
reply_push_answer (SoupServerMessage *msg,
                   const char *text,
                   gboolean duplicate)
{
  g_autofree char *members = g_strdup_printf ("\"duplicate\":%s", duplicate ? "true" : "false");

  /* The store wrote the answer; it is sent as it is, with two members
   * more, rather than parsed and written again. */
  if (text[0] != '{' || text[1] == '}')
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_FAILED, "A stored answer is damaged.");
      return;
    }
  reply_json_text (msg, SOUP_STATUS_OK, members, text);
}

static void
handle_push (RapportServer *self,
             SoupServerMessage *msg,
             Request *req,
             gint64 user,
             const char *device)
{
  static const char *const allowed[] = { "device", "seq", "ops", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = parse_body (req, &error);
  g_autoptr (GPtrArray) scope_ids = NULL;
  g_autoptr (GPtrArray) scope_names = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *answer = NULL;
  const char *batch_device;
  JsonNode *seq_node, *ops_node;
  JsonArray *ops;
  gint64 seq;

  if (body == NULL || !check_members (body, allowed, "", &error) || !get_string (body, "device", TRUE, &batch_device, "", &error))
    {
      reply_error (msg, error);
      return;
    }
  seq_node = json_object_get_member (body, "seq");
  ops_node = json_object_get_member (body, "ops");
  if (!is_integer (seq_node) || json_node_get_int (seq_node) < 1)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "“seq” must be a whole number from 1.");
      return;
    }
  if (ops_node == NULL || !JSON_NODE_HOLDS_ARRAY (ops_node))
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "“ops” must be an array.");
      return;
    }
  seq = json_node_get_int (seq_node);
  ops = json_node_get_array (ops_node);
  if (json_array_get_length (ops) > MAX_OPS)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "A push carries at most 1000 operations.");
      return;
    }
  if (strcmp (batch_device, device) != 0)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_FORBIDDEN, "“device” is not the device of this token.");
      return;
    }

  stored = rapport_server_store_find_batch (self->store, device, seq, &error);
  if (error != NULL)
    {
      reply_error (msg, error);
      return;
    }
  if (stored != NULL)
    {
      reply_push_answer (msg, stored, TRUE);
      return;
    }

  for (guint i = 0; i < json_array_get_length (ops); i++)
    if (!check_op (json_array_get_element (ops, i), i, &error))
      {
        reply_error (msg, error);
        return;
      }

  scope_ids = g_ptr_array_new_with_free_func (g_free);
  scope_names = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *op = json_array_get_object_element (ops, i);
      char *scope_id = rapport_server_store_resolve_scope (self->store, user,
                                                           json_object_get_string_member (op, "scope"),
                                                           &error);

      g_ptr_array_add (scope_names, (gpointer) json_object_get_string_member (op, "scope"));
      if (scope_id == NULL)
        {
          reply_error (msg, error);
          return;
        }
      g_ptr_array_add (scope_ids, scope_id);
    }
  g_ptr_array_add (scope_ids, NULL);
  g_ptr_array_add (scope_names, NULL);

  answer = rapport_server_store_push (self->store, device, seq, ops, (const char *) req->body->data, req->body->len,
                                      (const char *const *) scope_ids->pdata,
                                      (const char *const *) scope_names->pdata, now_ms (), &error);
  if (answer == NULL)
    {
      reply_error (msg, error);
      return;
    }
  reply_push_answer (msg, answer, FALSE);
  wake_waiters (self);
}

static void
handle_pull (RapportServer *self,
             SoupServerMessage *msg,
             gint64 user,
             const char *scope,
             GHashTable *query,
             gboolean snapshot)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *members = NULL;
  g_autofree char *scope_id = NULL;
  g_autofree char *after_uuid = NULL;
  RapportScopeKind kind;
  const char *huddle;
  gint64 limit, after = 0;

  /* Scope names in a path are either well-formed or unknown. */
  if (!rapport_sync_scope_parse (scope, &kind, &huddle))
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such scope.");
      return;
    }
  scope_id = rapport_server_store_resolve_scope (self->store, user, scope, &error);
  if (scope_id == NULL || !parse_query_int (query, "limit", DEFAULT_PAGE, 1, &limit, &error))
    {
      reply_error (msg, error);
      return;
    }
  limit = MIN (limit, MAX_PAGE);

  if (snapshot)
    {
      const char *text = query ? g_hash_table_lookup (query, "after") : NULL;

      if (text != NULL && *text != '\0')
        {
          if (!rapport_sync_uuid_is_valid (text))
            {
              reply_error_literal (msg, RAPPORT_SERVER_ERROR_BAD_REQUEST, "“after” must be a uuid.");
              return;
            }
          after_uuid = g_ascii_strdown (text, -1);
        }
      page = rapport_server_store_snapshot (self->store, scope_id, after_uuid, (guint) limit, &error);
    }
  else
    {
      if (!parse_query_int (query, "after", 0, 0, &after, &error))
        {
          reply_error (msg, error);
          return;
        }
      page = rapport_server_store_changes (self->store, scope_id, after, (guint) limit, &error);
    }
  if (page == NULL)
    {
      reply_error (msg, error);
      return;
    }
  /* Scope ids are "private" or "huddle:" and a checked uuid. */
  members = g_strdup_printf ("\"scope\":\"%s\"", kind == RAPPORT_SCOPE_PRIVATE ? "private" : scope_id);
  reply_json_text (msg, SOUP_STATUS_OK, members, page);
}

static void
handle (SoupServer *soup,
        SoupServerMessage *msg,
        const char *path,
        GHashTable *query,
        gpointer data)
{
  RapportServer *self = data;
  Request *req = request_get (msg);
  g_auto (GStrv) seg = split_path (path);
  guint n = seg ? g_strv_length (seg) : 0;
  Route r = seg ? route (soup_server_message_get_method (msg), seg, n) : ROUTE_NONE;
  const char *token = bearer_token (msg);
  g_autofree char *token_hash = token ? rapport_server_token_hash (token) : NULL;
  g_autofree char *rate_key = NULL;
  g_autofree char *device = NULL;
  g_autoptr (GError) error = NULL;
  gint64 user = 0;
  guint retry_after;

  if (r == ROUTE_NONE)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_NOT_FOUND, "No such path.");
      return;
    }

  if (token_hash != NULL)
    rate_key = g_strconcat ("t:", token_hash, NULL);
  else
    rate_key = g_strconcat ("a:", soup_server_message_get_remote_host (msg), NULL);
  if (rate_limited (self, rate_key, &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_RATE_LIMITED, "Too many requests: wait and try again.");
      return;
    }

  if (req->too_large)
    {
      g_autofree char *message = g_strdup_printf ("The request body is over %" G_GSIZE_FORMAT " bytes.", self->config.max_body);

      reply_error_literal (msg, RAPPORT_SERVER_ERROR_TOO_LARGE, message);
      return;
    }

  if (r == ROUTE_SESSION_POST)
    {
      handle_sign_in (self, msg, req);
      return;
    }

  if (token_hash == NULL)
    {
      reply_error_literal (msg, RAPPORT_SERVER_ERROR_UNAUTHORIZED, "This needs a token: sign in first.");
      return;
    }
  if (!rapport_server_store_authenticate (self->store, token_hash, now_ms (), self->config.token_lifetime_ms,
                                          &user, &device, &error))
    {
      reply_error (msg, error);
      return;
    }
  req->user = user;

  switch (r)
    {
    case ROUTE_SESSION_DELETE:
      if (!rapport_server_store_revoke_device (self->store, user, device, &error))
        reply_error (msg, error);
      else
        reply_empty (msg);
      break;
    case ROUTE_ME:
      handle_me (self, msg, user, device);
      break;
    case ROUTE_DEVICES:
      handle_devices (self, msg, user, device);
      break;
    case ROUTE_DEVICE_DELETE:
      if (!rapport_server_store_revoke_device (self->store, user, seg[1], &error))
        reply_error (msg, error);
      else
        reply_empty (msg);
      break;
    case ROUTE_HUDDLES_POST:
      handle_create_huddle (self, msg, req, user);
      break;
    case ROUTE_MEMBERS:
      handle_members (self, msg, user, seg[1]);
      break;
    case ROUTE_MEMBER_DELETE:
      handle_remove_member (self, msg, user, seg[1], seg[3]);
      break;
    case ROUTE_INVITATIONS_POST:
      handle_invite (self, msg, req, user, seg[1]);
      break;
    case ROUTE_ACCEPT:
      handle_accept (self, msg, req, user);
      break;
    case ROUTE_PUSH:
      handle_push (self, msg, req, user, device);
      break;
    case ROUTE_CHANGES:
      handle_pull (self, msg, user, seg[1], query, FALSE);
      break;
    case ROUTE_SNAPSHOT:
      handle_pull (self, msg, user, seg[1], query, TRUE);
      break;
    case ROUTE_WAIT:
      handle_wait (self, msg, req, user);
      break;
    case ROUTE_SESSION_POST:
    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* The body is read by us rather than by libsoup, so that an oversized
 * one is counted and dropped instead of being held in memory. */
static void
got_chunk (SoupServerMessage *msg,
           GBytes *chunk,
           gpointer data)
{
  Request *req = data;
  gsize size = g_bytes_get_size (chunk);

  if (req->too_large || req->body->len + size > req->server->config.max_body)
    {
      req->too_large = TRUE;
      g_byte_array_set_size (req->body, 0);
      return;
    }
  g_byte_array_append (req->body, g_bytes_get_data (chunk, NULL), size);
}

static void
request_started (SoupServer *soup,
                 SoupServerMessage *msg,
                 gpointer data)
{
  Request *req = g_new0 (Request, 1);

  req->server = data;
  req->started_us = g_get_monotonic_time ();
  req->body = g_byte_array_new ();
  g_object_set_data_full (G_OBJECT (msg), "rapport-request", req, request_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), req);
}

/* One line per request. The path is logged without its query, and no
 * header or body is: tokens, passwords and invitation codes travel only
 * there. */
static void
log_request (SoupServerMessage *msg,
             gboolean aborted)
{
  Request *req = request_get (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *path = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%FT%TZ");
  g_autofree char *user = NULL;
  char status_text[16];

  if (req == NULL || req->done)
    return;
  req->done = TRUE;
  g_snprintf (status_text, sizeof status_text, "%u", soup_server_message_get_status (msg));
  path = g_strescape (uri ? g_uri_get_path (uri) : "-", NULL);
  user = req->user ? g_strdup_printf ("%" G_GINT64_FORMAT, req->user) : g_strdup ("-");
  /* A request whose client went away has no status of its own: libsoup
   * reports one, but nothing was answered. */
  g_printerr ("%s %s %s %s user=%s %" G_GINT64_FORMAT "ms%s\n", when,
              soup_server_message_get_method (msg) ? soup_server_message_get_method (msg) : "-",
              path, aborted ? "-" : status_text, user,
              (g_get_monotonic_time () - req->started_us) / 1000,
              aborted ? " aborted: the client went away" : "");
}

static void
request_finished (SoupServer *soup,
                  SoupServerMessage *msg,
                  gpointer data)
{
  log_request (msg, FALSE);
}

static void
request_aborted (SoupServer *soup,
                 SoupServerMessage *msg,
                 gpointer data)
{
  log_request (msg, TRUE);
}

RapportServer *
rapport_server_new (RapportServerStore *store,
                    const RapportServerConfig *config,
                    GTlsCertificate *certificate,
                    GError **error)
{
  g_autoptr (RapportServer) self = g_new0 (RapportServer, 1);
  g_autofree char *dummy = rapport_server_token_new ();

  self->store = store;
  self->config = *config;
  self->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dummy_hash = rapport_server_password_hash (dummy, error);
  if (self->dummy_hash == NULL)
    return NULL;

  self->soup = soup_server_new ("server-header", "rapport-server/" PACKAGE_VERSION " ", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_aborted), self);
  soup_server_add_handler (self->soup, NULL, handle, self, NULL);
  g_timeout_add_seconds (600, sweep_rates, self);
  return g_steal_pointer (&self);
}

SoupServer *
rapport_server_get_soup_server (RapportServer *self)
{
  return self->soup;
}

void
rapport_server_free (RapportServer *self)
{
  if (self == NULL)
    return;
  g_source_remove_by_user_data (self);
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_object_unref (self->soup);
    }
  while (self->waiters != NULL)
    drop_waiter (self->waiters->data);
  g_clear_pointer (&self->rates, g_hash_table_unref);
  g_free (self->dummy_hash);
  g_free (self);
}
