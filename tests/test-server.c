/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server.c: rapport-server against docs/sync-protocol.md, over real
 * HTTP on 127.0.0.1: who may see what, how pushes merge, how pulls page
 * and expire, invitations, limits and TLS. */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rapport-test-server.h"

#define PASSWORD "correct horse battery"
#define GUESSED "7d444840-9dc0-11d1-b245-5ffdce74fad2"

static SoupSession *session;

/* HTTP */

typedef struct
{
  guint status;
  char *text;
  JsonNode *root;
  char *retry_after;
  char *date;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->text);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply->retry_after);
  g_free (reply->date);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static Reply *
call_with (SoupSession *with,
           RapportTestServer *server,
           const char *method,
           const char *path,
           const char *token,
           const char *body)
{
  g_autofree char *url = g_strconcat (rapport_test_server_get_url (server), path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  bytes = soup_session_send_and_read (with, msg, NULL, &error);
  g_assert_no_error (error);

  headers = soup_message_get_response_headers (msg);
  reply->status = soup_message_get_status (msg);
  /* An empty body has no data at all, not an empty string. */
  reply->text = g_bytes_get_size (bytes) > 0 ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                                             : g_strdup ("");
  reply->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  reply->date = g_strdup (soup_message_headers_get_one (headers, "Date"));
  if (*reply->text != '\0')
    {
      reply->root = json_from_string (reply->text, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->root));
    }
  return reply;
}

static Reply *
call (RapportTestServer *server,
      const char *method,
      const char *path,
      const char *token,
      const char *body)
{
  return call_with (session, server, method, path, token, body);
}

static JsonObject *
obj (Reply *reply)
{
  g_assert_nonnull (reply->root);
  return json_node_get_object (reply->root);
}

static void
assert_error (Reply *reply,
              guint status,
              const char *code)
{
  if (reply->status != status)
    g_test_message ("unexpected answer: %u %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (obj (reply), "error"), ==, code);
  g_assert_nonnull (json_object_get_string_member (obj (reply), "message"));
}

static void
assert_status (Reply *reply,
               guint status)
{
  if (reply->status != status)
    g_test_message ("unexpected answer: %u %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, status);
}

/* Accounts */

typedef struct
{
  char *name;
  char *token;
  char *device;
  char *person;
  gint64 id;
  gint64 seq;
} Account;

static void
account_free (Account *account)
{
  g_free (account->name);
  g_free (account->token);
  g_free (account->device);
  g_free (account->person);
  g_free (account);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Account, account_free)

static Account *
account_from_reply (Reply *reply)
{
  Account *account = g_new0 (Account, 1);
  JsonObject *user;

  assert_status (reply, SOUP_STATUS_CREATED);
  user = json_object_get_object_member (obj (reply), "user");
  account->name = g_strdup (json_object_get_string_member (user, "name"));
  account->id = json_object_get_int_member (user, "id");
  account->person = g_strdup (json_object_get_string_member (user, "person"));
  account->token = g_strdup (json_object_get_string_member (obj (reply), "token"));
  account->device = g_strdup (json_object_get_string_member (obj (reply), "device"));
  g_assert_true (g_str_has_prefix (account->device, "d-"));
  g_assert_cmpuint (strlen (account->token), ==, 43);
  return account;
}

static Account *
sign_in (RapportTestServer *server,
         const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"user\": \"%s\", \"password\": \"" PASSWORD "\","
                                           " \"device_name\": \"%s's laptop\"}",
                                           name, name);
  g_autoptr (Reply) reply = call (server, "POST", "/v1/session", NULL, body);

  return account_from_reply (reply);
}

static Account *
new_account (RapportTestServer *server,
             const char *name)
{
  rapport_test_server_add_user (server, name, PASSWORD);
  return sign_in (server, name);
}

/* Stamps and pushes */

static char *
stamp (gint64 offset_ms,
       guint counter,
       guint64 node)
{
  gint64 ms = g_get_real_time () / 1000 + offset_ms;

  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%016" G_GINT64_MODIFIER "x", ms, counter, node);
}

static char *
put_op (const char *scope,
        const char *entity,
        const char *uuid,
        const char *field,
        const char *value,
        const char *stamp_text)
{
  return g_strdup_printf ("{\"scope\": \"%s\", \"entity\": \"%s\", \"uuid\": \"%s\", \"op\": \"put\","
                          " \"fields\": {\"%s\": [\"%s\", \"%s\"]}}",
                          scope, entity, uuid, field, value, stamp_text);
}

static char *
delete_op (const char *scope,
           const char *entity,
           const char *uuid,
           const char *stamp_text)
{
  return g_strdup_printf ("{\"scope\": \"%s\", \"entity\": \"%s\", \"uuid\": \"%s\", \"op\": \"delete\","
                          " \"stamp\": \"%s\"}",
                          scope, entity, uuid, stamp_text);
}

static char *
batch (Account *who,
       const char *ops)
{
  return g_strdup_printf ("{\"device\": \"%s\", \"seq\": %" G_GINT64_FORMAT ", \"ops\": [%s]}",
                          who->device, ++who->seq, ops);
}

static Reply *
push (RapportTestServer *server,
      Account *who,
      const char *ops)
{
  g_autofree char *body = batch (who, ops);

  return call (server, "POST", "/v1/push", who->token, body);
}

/* The status of each op, in order, as one string: "applied ignored". */
static char *
statuses (Reply *reply)
{
  JsonArray *results;
  g_autoptr (GString) out = g_string_new (NULL);

  assert_status (reply, SOUP_STATUS_OK);
  results = json_object_get_array_member (obj (reply), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_object_get_string_member (result, "status"));
      if (json_object_has_member (result, "error"))
        g_string_append_printf (out, ":%s", json_object_get_string_member (result, "error"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
push_statuses (RapportTestServer *server,
               Account *who,
               const char *ops)
{
  g_autoptr (Reply) reply = push (server, who, ops);

  return statuses (reply);
}

static Reply *
changes (RapportTestServer *server,
         Account *who,
         const char *scope,
         gint64 after,
         guint limit)
{
  g_autofree char *path = g_strdup_printf ("/v1/scopes/%s/changes?after=%" G_GINT64_FORMAT "&limit=%u",
                                           scope, after, limit);

  return call (server, "GET", path, who->token, NULL);
}

/* The current state of one record, from a full pull of the scope. */
static JsonObject *
find_change (Reply *reply,
             const char *uuid)
{
  JsonArray *list = json_object_get_array_member (obj (reply), "changes");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *change = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (change, "uuid"), uuid) == 0)
        return change;
    }
  return NULL;
}

static const char *
field_value (JsonObject *change,
             const char *field)
{
  JsonObject *fields = json_object_get_object_member (change, "fields");
  JsonArray *pair;

  if (fields == NULL || !json_object_has_member (fields, field))
    return NULL;
  pair = json_object_get_array_member (fields, field);
  return json_array_get_string_element (pair, 0);
}

static gint64
scope_cursor (RapportTestServer *server,
              Account *who,
              const char *scope)
{
  g_autoptr (Reply) reply = changes (server, who, scope, 0, 1000);

  assert_status (reply, SOUP_STATUS_OK);
  return json_object_get_int_member (obj (reply), "cursor");
}

static char *
create_huddle (RapportTestServer *server,
               Account *who,
               const char *name)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"uuid\": \"%s\", \"name\": \"%s\"}", uuid, name);
  g_autoptr (Reply) reply = call (server, "POST", "/v1/huddles", who->token, body);

  assert_status (reply, SOUP_STATUS_CREATED);
  g_assert_true (json_object_get_boolean_member (obj (reply), "owner"));
  return g_steal_pointer (&uuid);
}

static char *
invite (RapportTestServer *server,
        Account *who,
        const char *huddle)
{
  g_autofree char *path = g_strdup_printf ("/v1/huddles/%s/invitations", huddle);
  g_autoptr (Reply) reply = call (server, "POST", path, who->token, NULL);

  assert_status (reply, SOUP_STATUS_CREATED);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "expires"), >, g_get_real_time () / 1000);
  return g_strdup (json_object_get_string_member (obj (reply), "code"));
}

static void
accept_invitation (RapportTestServer *server,
                   Account *who,
                   const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"code\": \"%s\"}", code);
  g_autoptr (Reply) reply = call (server, "POST", "/v1/invitations/accept", who->token, body);

  assert_status (reply, SOUP_STATUS_OK);
}

/* Sign-in */

static void
test_sign_in (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = NULL;
  g_autoptr (Reply) me = NULL;
  g_autoptr (Reply) wrong = NULL;
  g_autoptr (Reply) nobody = NULL;
  g_autoptr (Reply) missing = NULL;
  g_autoptr (Reply) extra = NULL;
  g_autoptr (Reply) not_json = NULL;

  rapport_test_server_add_user (server, "ana", PASSWORD);
  ana = sign_in (server, "ana");
  g_assert_cmpstr (ana->name, ==, "ana");
  g_assert_true (g_uuid_string_is_valid (ana->person));

  me = call (server, "GET", "/v1/me", ana->token, NULL);
  assert_status (me, SOUP_STATUS_OK);
  g_assert_nonnull (me->date);
  g_assert_cmpint (json_object_get_int_member (obj (me), "now"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (obj (me), "device"), ==, ana->device);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (me), "user"), "id"), ==, ana->id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (me), "scopes")), ==, 1);

  wrong = call (server, "POST", "/v1/session", NULL,
                "{\"user\": \"ana\", \"password\": \"not the password\", \"device_name\": \"x\"}");
  assert_error (wrong, 401, "unauthorized");
  g_assert_null (strstr (wrong->text, "token"));
  nobody = call (server, "POST", "/v1/session", NULL,
                 "{\"user\": \"nobody\", \"password\": \"" PASSWORD "\", \"device_name\": \"x\"}");
  assert_error (nobody, 401, "unauthorized");
  missing = call (server, "POST", "/v1/session", NULL, "{\"user\": \"ana\", \"password\": \"" PASSWORD "\"}");
  assert_error (missing, 400, "bad-request");
  extra = call (server, "POST", "/v1/session", NULL,
                "{\"user\": \"ana\", \"password\": \"" PASSWORD "\", \"device_name\": \"x\", \"admin\": true}");
  assert_error (extra, 400, "bad-request");
  not_json = call (server, "POST", "/v1/session", NULL, "user=ana");
  assert_error (not_json, 400, "bad-request");

  rapport_test_server_stop (server);
}

/* The authorization matrix */

typedef struct
{
  RapportTestServer *server;
  Account *ana;  /* owner of huddle A */
  Account *ben;  /* owner of huddle B */
  Account *cleo; /* was in A, removed by ana */
  Account *dan;  /* member of A, not its owner */
  char *a;
  char *b;
  char *secrets[4]; /* ana's private, A's, B's, ben's private */
} World;

static void
world_free (World *w)
{
  rapport_test_server_stop (w->server);
  account_free (w->ana);
  account_free (w->ben);
  account_free (w->cleo);
  account_free (w->dan);
  g_free (w->a);
  g_free (w->b);
  for (guint i = 0; i < G_N_ELEMENTS (w->secrets); i++)
    g_free (w->secrets[i]);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static void
plant (World *w,
       Account *who,
       const char *scope,
       const char *entity,
       const char *field,
       char **secret)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *s = stamp (0, 0, 1);
  g_autofree char *op = NULL;
  g_autofree char *result = NULL;

  *secret = g_strdup_printf ("secret-of-%s-in-%s", who->name, scope);
  op = put_op (scope, entity, uuid, field, *secret, s);
  result = push_statuses (w->server, who, op);
  g_assert_cmpstr (result, ==, "applied");
}

static World *
world_new (const char *const *extra_args)
{
  World *w = g_new0 (World, 1);
  g_autofree char *scope_a = NULL;
  g_autofree char *scope_b = NULL;
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;
  g_autoptr (Reply) removed = NULL;

  w->server = rapport_test_server_start (extra_args);
  w->ana = new_account (w->server, "ana");
  w->ben = new_account (w->server, "ben");
  w->cleo = new_account (w->server, "cleo");
  w->dan = new_account (w->server, "dan");
  w->a = create_huddle (w->server, w->ana, "Hill Country Home Team");
  w->b = create_huddle (w->server, w->ben, "Bay Builders");
  scope_a = g_strconcat ("huddle:", w->a, NULL);
  scope_b = g_strconcat ("huddle:", w->b, NULL);

  code = invite (w->server, w->ana, w->a);
  accept_invitation (w->server, w->cleo, code);
  g_free (code);
  code = invite (w->server, w->ana, w->a);
  accept_invitation (w->server, w->dan, code);

  plant (w, w->ana, "private", "contact", "notes", &w->secrets[0]);
  plant (w, w->cleo, scope_a, "meeting", "notes", &w->secrets[1]);
  plant (w, w->ben, scope_b, "meeting", "notes", &w->secrets[2]);
  plant (w, w->ben, "private", "contact", "notes", &w->secrets[3]);

  path = g_strdup_printf ("/v1/huddles/%s/members/%" G_GINT64_FORMAT, w->a, w->cleo->id);
  removed = call (w->server, "DELETE", path, w->ana->token, NULL);
  assert_status (removed, SOUP_STATUS_NO_CONTENT);
  return w;
}

/* Which secrets each account may ever see in a body. */
static void
assert_no_leak (World *w,
                Account *who,
                Reply *reply)
{
  gboolean allowed[4] = { who == w->ana, who == w->ana || who == w->dan, who == w->ben, who == w->ben };

  for (guint i = 0; i < G_N_ELEMENTS (w->secrets); i++)
    if (!allowed[i] && strstr (reply->text, w->secrets[i]) != NULL)
      g_error ("%s was shown %s: %s", who ? who->name : "nobody", w->secrets[i], reply->text);
  if (who != w->ben && strstr (reply->text, w->b) != NULL && reply->status != 200)
    g_error ("%s was shown huddle B's id: %s", who ? who->name : "nobody", reply->text);
}

typedef enum {
  EP_ME,
  EP_DEVICES,
  EP_PUSH_PRIVATE,
  EP_PUSH_A,
  EP_PUSH_B,
  EP_PUSH_GUESSED,
  EP_CHANGES_PRIVATE,
  EP_CHANGES_A,
  EP_CHANGES_B,
  EP_CHANGES_GUESSED,
  EP_SNAPSHOT_PRIVATE,
  EP_SNAPSHOT_A,
  EP_SNAPSHOT_B,
  EP_SNAPSHOT_GUESSED,
  EP_MEMBERS_A,
  EP_MEMBERS_B,
  EP_MEMBERS_GUESSED,
  EP_INVITE_A,
  EP_INVITE_B,
  EP_INVITE_GUESSED,
  EP_ACCEPT_UNKNOWN,
  EP_REMOVE_ANA_FROM_A,
  EP_REMOVE_BEN_FROM_B,
  EP_REMOVE_FROM_GUESSED,
  EP_CREATE_HUDDLE_B,
  EP_DELETE_BENS_DEVICE,
  N_ENDPOINTS
} Endpoint;

static const char *const endpoint_names[N_ENDPOINTS] = {
  "me",
  "devices",
  "push private",
  "push A",
  "push B",
  "push guessed",
  "changes private",
  "changes A",
  "changes B",
  "changes guessed",
  "snapshot private",
  "snapshot A",
  "snapshot B",
  "snapshot guessed",
  "members A",
  "members B",
  "members guessed",
  "invite A",
  "invite B",
  "invite guessed",
  "accept unknown",
  "remove ana from A",
  "remove ben from B",
  "remove from guessed",
  "create huddle B",
  "delete ben's device",
};

static Reply *
call_endpoint (World *w,
               Account *who,
               const char *token,
               Endpoint e)
{
  const char *huddles[] = { w->a, w->b, GUESSED };
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  const char *method = "GET";

  switch (e)
    {
    case EP_ME:
      path = g_strdup ("/v1/me");
      break;
    case EP_DEVICES:
      path = g_strdup ("/v1/devices");
      break;
    case EP_PUSH_PRIVATE:
    case EP_PUSH_A:
    case EP_PUSH_B:
    case EP_PUSH_GUESSED:
      {
        g_autofree char *scope = e == EP_PUSH_PRIVATE ? g_strdup ("private")
                                                      : g_strconcat ("huddle:", huddles[e - EP_PUSH_A], NULL);
        g_autofree char *uuid = g_uuid_string_random ();
        g_autofree char *s = stamp (0, 0, 2);
        g_autofree char *op = put_op (scope, e == EP_PUSH_PRIVATE ? "contact" : "meeting", uuid, "notes", "probe", s);
        Account fake = { 0 };

        if (who == NULL)
          {
            fake.device = (char *) "d-0000000000000000";
            who = &fake;
          }
        method = "POST";
        path = g_strdup ("/v1/push");
        body = batch (who, op);
        break;
      }
    case EP_CHANGES_PRIVATE:
      path = g_strdup ("/v1/scopes/private/changes?after=0");
      break;
    case EP_CHANGES_A:
    case EP_CHANGES_B:
    case EP_CHANGES_GUESSED:
      /* The colon written as %3A, as a client escaping the path would. */
      path = g_strdup_printf ("/v1/scopes/huddle%%3A%s/changes?after=0", huddles[e - EP_CHANGES_A]);
      break;
    case EP_SNAPSHOT_PRIVATE:
      path = g_strdup ("/v1/scopes/private/snapshot");
      break;
    case EP_SNAPSHOT_A:
    case EP_SNAPSHOT_B:
    case EP_SNAPSHOT_GUESSED:
      path = g_strdup_printf ("/v1/scopes/huddle:%s/snapshot?limit=10", huddles[e - EP_SNAPSHOT_A]);
      break;
    case EP_MEMBERS_A:
    case EP_MEMBERS_B:
    case EP_MEMBERS_GUESSED:
      path = g_strdup_printf ("/v1/huddles/%s/members", huddles[e - EP_MEMBERS_A]);
      break;
    case EP_INVITE_A:
    case EP_INVITE_B:
    case EP_INVITE_GUESSED:
      method = "POST";
      path = g_strdup_printf ("/v1/huddles/%s/invitations", huddles[e - EP_INVITE_A]);
      break;
    case EP_ACCEPT_UNKNOWN:
      method = "POST";
      path = g_strdup ("/v1/invitations/accept");
      body = g_strdup ("{\"code\": \"ZZZZ-ZZZZ-ZZZZ\"}");
      break;
    case EP_REMOVE_ANA_FROM_A:
      method = "DELETE";
      path = g_strdup_printf ("/v1/huddles/%s/members/%" G_GINT64_FORMAT, w->a, w->ana->id);
      break;
    case EP_REMOVE_BEN_FROM_B:
      method = "DELETE";
      path = g_strdup_printf ("/v1/huddles/%s/members/%" G_GINT64_FORMAT, w->b, w->ben->id);
      break;
    case EP_REMOVE_FROM_GUESSED:
      method = "DELETE";
      path = g_strdup_printf ("/v1/huddles/%s/members/%" G_GINT64_FORMAT, GUESSED, w->ben->id);
      break;
    case EP_CREATE_HUDDLE_B:
      method = "POST";
      path = g_strdup ("/v1/huddles");
      body = g_strdup_printf ("{\"uuid\": \"%s\", \"name\": \"Mine now\"}", w->b);
      break;
    case EP_DELETE_BENS_DEVICE:
      method = "DELETE";
      path = g_strdup_printf ("/v1/devices/%s", w->ben->device);
      break;
    case N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }
  return call (w->server, method, path, token, body);
}

/* 0 means "not called for this account": it would change the world. */
static void
check_row (World *w,
           Account *who,
           const char *token,
           const guint expected[N_ENDPOINTS],
           const char *error_code)
{
  for (guint e = 0; e < N_ENDPOINTS; e++)
    {
      g_autoptr (Reply) reply = NULL;

      if (expected[e] == 0)
        continue;
      reply = call_endpoint (w, who, token, e);
      if (reply->status != expected[e])
        g_error ("%s, %s: expected %u, got %u %s", who ? who->name : "no token", endpoint_names[e],
                 expected[e], reply->status, reply->text);
      if (reply->status >= 400)
        {
          const char *code = error_code;

          if (code == NULL)
            code = reply->status == 404 ? "not-found" : reply->status == 403 ? "forbidden"
                                                    : reply->status == 409   ? "conflict"
                                                                             : "unauthorized";
          assert_error (reply, reply->status, code);
        }
      assert_no_leak (w, who, reply);
    }
}

static void
test_authorization (void)
{
  g_autoptr (World) w = world_new (NULL);
  g_autoptr (Reply) signed_in = NULL;
  g_autoptr (Reply) signed_out = NULL;
  g_autoptr (Reply) again = NULL;
  g_autoptr (Account) gone = NULL;
  /* ana owns A: everything of hers and A's works, B and guesses are 404. */
  const guint ana[N_ENDPOINTS] = {
    200, 200, 200, 200, 404, 404, 200, 200, 404, 404, 200, 200, 404, 404,
    200, 404, 404, 201, 404, 404, 404, 0, 404, 404, 409, 404
  };
  /* cleo was removed from A: A answers 404 like a huddle she never saw. */
  const guint cleo[N_ENDPOINTS] = {
    200, 200, 200, 404, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404,
    404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 409, 404
  };
  /* dan is in A but does not own it: he may not remove ana. */
  const guint dan[N_ENDPOINTS] = {
    200, 200, 200, 200, 404, 404, 200, 200, 404, 404, 200, 200, 404, 404,
    200, 404, 404, 201, 404, 404, 404, 403, 404, 404, 409, 404
  };
  /* ben owns B and is a stranger to A. */
  const guint ben[N_ENDPOINTS] = {
    200, 200, 200, 404, 200, 404, 200, 404, 200, 404, 200, 404, 200, 404,
    404, 200, 404, 404, 201, 404, 404, 404, 0, 404, 200, 0
  };
  guint anyone[N_ENDPOINTS];

  check_row (w, w->ana, w->ana->token, ana, NULL);
  check_row (w, w->cleo, w->cleo->token, cleo, NULL);
  check_row (w, w->dan, w->dan->token, dan, NULL);
  check_row (w, w->ben, w->ben->token, ben, NULL);

  /* No token, a made-up token, a signed-out token: 401 everywhere. */
  for (guint e = 0; e < N_ENDPOINTS; e++)
    anyone[e] = 401;
  check_row (w, NULL, NULL, anyone, "unauthorized");
  check_row (w, NULL, "bm90IGEgdG9rZW4gYXQgYWxsLCBqdXN0IGEgZ3Vlc3MgISE", anyone, "unauthorized");

  signed_in = call (w->server, "POST", "/v1/session", NULL,
                    "{\"user\": \"ana\", \"password\": \"" PASSWORD "\", \"device_name\": \"phone\"}");
  gone = account_from_reply (signed_in);
  signed_out = call (w->server, "DELETE", "/v1/session", gone->token, NULL);
  assert_status (signed_out, SOUP_STATUS_NO_CONTENT);
  check_row (w, gone, gone->token, anyone, "unauthorized");
  again = call (w->server, "DELETE", "/v1/session", gone->token, NULL);
  assert_error (again, 401, "unauthorized");

  /* ana's other token was never touched. */
  check_row (w, w->ana, w->ana->token, ana, NULL);
}

/* What each account is told about its huddles and devices. */
static void
test_authorization_listings (void)
{
  g_autoptr (World) w = world_new (NULL);
  g_autoptr (Reply) me = call (w->server, "GET", "/v1/me", w->cleo->token, NULL);
  g_autoptr (Reply) dan_me = call (w->server, "GET", "/v1/me", w->dan->token, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/huddles/%s/members", w->a);
  g_autoptr (Reply) members = call (w->server, "GET", path, w->dan->token, NULL);
  g_autoptr (Reply) devices = call (w->server, "GET", "/v1/devices", w->ana->token, NULL);
  g_autoptr (Account) second = sign_in (w->server, "ana");
  g_autoptr (Reply) dropped = NULL;
  g_autoptr (Reply) after = NULL;
  g_autoptr (Reply) devices2 = NULL;
  JsonArray *list;
  g_autofree char *drop_path = NULL;

  /* cleo's scopes are her private one only; dan's include A, not as owner. */
  assert_status (me, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (me), "scopes")), ==, 1);
  g_assert_null (strstr (me->text, w->a));
  list = json_object_get_array_member (obj (dan_me), "scopes");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "kind"), ==, "huddle");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list, 1), "owner"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "name"), ==,
                   "Hill Country Home Team");

  /* A lists ana (owner) and dan, not cleo nor ben. */
  assert_status (members, 200);
  list = json_object_get_array_member (obj (members), "members");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "user"), ==, w->ana->id);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 0), "owner"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "person"), ==, w->ana->person);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "name"), ==, "dan");
  g_assert_null (strstr (members->text, "cleo"));

  /* Devices: ana sees her own; dropping one kills its token at once. */
  assert_status (devices, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (devices), "devices")), ==, 1);
  g_assert_null (strstr (devices->text, w->ben->device));
  drop_path = g_strdup_printf ("/v1/devices/%s", second->device);
  dropped = call (w->server, "DELETE", drop_path, w->ana->token, NULL);
  assert_status (dropped, SOUP_STATUS_NO_CONTENT);
  after = call (w->server, "GET", "/v1/me", second->token, NULL);
  assert_error (after, 401, "unauthorized");
  devices2 = call (w->server, "GET", "/v1/devices", w->ana->token, NULL);
  g_assert_null (strstr (devices2->text, second->device));
}

static void
test_token_expired (void)
{
  const char *args[] = { "--token-seconds", "4", NULL };
  g_autoptr (World) w = world_new (args);
  guint expired[N_ENDPOINTS];

  /* world_new took a while: use every token once so none expires early. */
  for (guint e = 0; e < N_ENDPOINTS; e++)
    expired[e] = 401;
  g_usleep (4500 * 1000);
  check_row (w, w->ana, w->ana->token, expired, "token-expired");
  check_row (w, w->ben, w->ben->token, expired, "token-expired");

  /* A new sign-in gets a working token. */
  {
    g_autoptr (Account) fresh = sign_in (w->server, "ana");
    g_autoptr (Reply) me = call (w->server, "GET", "/v1/me", fresh->token, NULL);

    assert_status (me, 200);
  }
}

/* Malformed batches */

static void
assert_refused_whole (RapportTestServer *server,
                      Account *ana,
                      const char *body,
                      guint status)
{
  g_autoptr (Reply) reply = call (server, "POST", "/v1/push", ana->token, body);
  gint64 before = scope_cursor (server, ana, "private");

  if (status == 400)
    assert_error (reply, 400, "bad-request");
  else
    assert_error (reply, status, "forbidden");
  g_assert_cmpint (scope_cursor (server, ana, "private"), ==, before);
}

static void
test_bad_batches (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (Account) other = sign_in (server, "ana");
  g_autofree char *s = stamp (0, 0, 3);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *good = put_op ("private", "contact", uuid, "company", "Hill & Co", s);
  g_autofree char *huddle = create_huddle (server, ana, "H");
  g_autofree char *scope = g_strconcat ("huddle:", huddle, NULL);
  g_autoptr (Reply) pull = NULL;
  struct
  {
    const char *what;
    char *body;
    guint status;
  } cases[] = {
    { "owner at the top", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"owner\": 2, \"ops\": [%s]}", ana->device, good), 400 },
    { "huddle_id at the top", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"huddle_id\": \"%s\", \"ops\": [%s]}", ana->device, huddle, good), 400 },
    { "huddle_id in an op", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"put\", \"huddle_id\": \"%s\", \"fields\": {\"city\": [\"Austin\", \"%s\"]}}]}", ana->device, good, GUESSED, huddle, s), 400 },
    { "user in an op", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"put\", \"user\": 1, \"fields\": {\"city\": [\"Austin\", \"%s\"]}}]}", ana->device, good, GUESSED, s), 400 },
    { "unknown field", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"put\", \"fields\": {\"salary\": [1, \"%s\"]}}]}", ana->device, good, GUESSED, s), 400 },
    { "unknown entity", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"invoice\", \"uuid\": \"%s\", \"op\": \"put\", \"fields\": {\"note\": [1, \"%s\"]}}]}", ana->device, good, GUESSED, s), 400 },
    { "meeting in private", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"meeting\", \"uuid\": \"%s\", \"op\": \"put\", \"fields\": {\"notes\": [\"x\", \"%s\"]}}]}", ana->device, good, GUESSED, s), 400 },
    { "contact in a huddle", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"%s\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"put\", \"fields\": {\"notes\": [\"x\", \"%s\"]}}]}", ana->device, good, scope, GUESSED, s), 400 },
    { "bad stamp", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"put\", \"fields\": {\"city\": [\"x\", \"yesterday\"]}}]}", ana->device, good, GUESSED), 400 },
    { "field not a pair", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"put\", \"fields\": {\"city\": \"Austin\"}}]}", ana->device, good, GUESSED), 400 },
    { "unknown op", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s, {\"scope\": \"private\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"merge\", \"fields\": {\"city\": [\"x\", \"%s\"]}}]}", ana->device, good, GUESSED, s), 400 },
    { "seq not a number", g_strdup_printf ("{\"device\": \"%s\", \"seq\": \"1\", \"ops\": [%s]}", ana->device, good), 400 },
    { "seq zero", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 0, \"ops\": [%s]}", ana->device, good), 400 },
    { "not JSON", g_strdup ("{\"device\": "), 400 },
    { "an array", g_strdup ("[1, 2]"), 400 },
    { "another device", g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s]}", other->device, good), 403 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].what);
      assert_refused_whole (server, ana, cases[i].body, cases[i].status);
      g_free (cases[i].body);
    }

  /* Nothing was kept, not even the batch number: seq 1 is still free. */
  pull = changes (server, ana, "private", 0, 100);
  g_assert_null (find_change (pull, uuid));
  {
    g_autofree char *result = push_statuses (server, ana, good);

    g_assert_cmpstr (result, ==, "applied");
    g_assert_cmpint (ana->seq, ==, 1);
  }
  rapport_test_server_stop (server);
}

static void
test_too_large (void)
{
  const char *args[] = { "--max-body", "4096", NULL };
  RapportTestServer *server = rapport_test_server_start (args);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (GString) notes = g_string_new (NULL);
  g_autofree char *s = stamp (0, 0, 4);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *op = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autoptr (Reply) pull = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (notes, 'a' + i % 26);
  op = put_op ("private", "contact", uuid, "notes", notes->str, s);
  reply = push (server, ana, op);
  assert_error (reply, 413, "too-large");
  pull = changes (server, ana, "private", 0, 100);
  g_assert_null (find_change (pull, uuid));
  rapport_test_server_stop (server);
}

static void
test_rate_limit (void)
{
  const char *args[] = { "--rate-limit", "5", NULL };
  RapportTestServer *server = rapport_test_server_start (args);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (Reply) limited = NULL;
  g_autoptr (Account) ben = NULL;
  guint64 seconds;

  /* The sign-in counted against the address, not against the token. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (Reply) reply = call (server, "GET", "/v1/me", ana->token, NULL);

      assert_status (reply, 200);
    }
  limited = call (server, "GET", "/v1/me", ana->token, NULL);
  assert_error (limited, 429, "rate-limited");
  g_assert_nonnull (limited->retry_after);
  g_assert_true (g_ascii_string_to_unsigned (limited->retry_after, 10, 1, 60, &seconds, NULL));

  /* Another token is counted on its own. */
  rapport_test_server_add_user (server, "ben", PASSWORD);
  ben = sign_in (server, "ben");
  {
    g_autoptr (Reply) reply = call (server, "GET", "/v1/me", ben->token, NULL);

    assert_status (reply, 200);
  }
  rapport_test_server_stop (server);
}

/* Push semantics */

static void
test_duplicate (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autofree char *s = stamp (0, 0, 5);
  g_autofree char *later = stamp (1000, 0, 5);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *op = put_op ("private", "contact", uuid, "company", "Hill & Co", s);
  g_autofree char *other_op = put_op ("private", "contact", uuid, "company", "Changed", later);
  g_autofree char *body = batch (ana, op);
  g_autofree char *same_seq = g_strdup_printf ("{\"device\": \"%s\", \"seq\": 1, \"ops\": [%s]}", ana->device, other_op);
  g_autoptr (Reply) first = call (server, "POST", "/v1/push", ana->token, body);
  gint64 cursor = scope_cursor (server, ana, "private");
  g_autoptr (Reply) second = call (server, "POST", "/v1/push", ana->token, body);
  g_autoptr (Reply) third = call (server, "POST", "/v1/push", ana->token, same_seq);
  g_autoptr (Reply) pull = NULL;
  g_autofree char *a = statuses (first);
  g_autofree char *b = statuses (second);
  g_autofree char *c = statuses (third);

  g_assert_false (json_object_get_boolean_member (obj (first), "duplicate"));
  g_assert_true (json_object_get_boolean_member (obj (second), "duplicate"));
  g_assert_true (json_object_get_boolean_member (obj (third), "duplicate"));
  g_assert_cmpint (json_object_get_int_member (obj (second), "seq"), ==, 1);
  g_assert_cmpstr (a, ==, "applied");
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, a);
  g_assert_cmpint (scope_cursor (server, ana, "private"), ==, cursor);
  pull = changes (server, ana, "private", 0, 100);
  g_assert_cmpstr (field_value (find_change (pull, uuid), "company"), ==, "Hill & Co");
  rapport_test_server_stop (server);
}

static void
test_last_writer_wins (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) laptop = new_account (server, "ana");
  g_autoptr (Account) desk = sign_in (server, "ana");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *t1 = stamp (-2000, 0, 0xa);
  g_autofree char *t2 = stamp (-1000, 0, 0xb);
  g_autofree char *t0 = stamp (-3000, 0, 0xb);
  g_autofree char *t3 = stamp (0, 0, 0xb);
  g_autofree char *op1 = put_op ("private", "contact", uuid, "company", "Hill & Co", t1);
  g_autofree char *op2 = put_op ("private", "contact", uuid, "city", "Austin", t2);
  g_autofree char *older = put_op ("private", "contact", uuid, "company", "Old Co", t0);
  g_autofree char *equal = put_op ("private", "contact", uuid, "company", "Same Stamp Co", t1);
  g_autofree char *newer = put_op ("private", "contact", uuid, "company", "New Co", t3);
  g_autofree char *r1 = push_statuses (server, laptop, op1);
  g_autofree char *r2 = push_statuses (server, desk, op2);
  g_autofree char *r3 = NULL;
  g_autofree char *r4 = NULL;
  g_autofree char *r5 = NULL;
  g_autoptr (Reply) both = changes (server, laptop, "private", 0, 100);
  g_autoptr (Reply) still = NULL;
  g_autoptr (Reply) last = NULL;
  gint64 cursor;

  /* Two devices, two fields: both edits stay. */
  g_assert_cmpstr (r1, ==, "applied");
  g_assert_cmpstr (r2, ==, "applied");
  g_assert_cmpstr (field_value (find_change (both, uuid), "company"), ==, "Hill & Co");
  g_assert_cmpstr (field_value (find_change (both, uuid), "city"), ==, "Austin");
  cursor = json_object_get_int_member (obj (both), "cursor");

  /* An older stamp, or the same stamp again, changes nothing. */
  r3 = push_statuses (server, desk, older);
  r4 = push_statuses (server, desk, equal);
  g_assert_cmpstr (r3, ==, "ignored");
  g_assert_cmpstr (r4, ==, "ignored");
  still = changes (server, laptop, "private", 0, 100);
  g_assert_cmpstr (field_value (find_change (still, uuid), "company"), ==, "Hill & Co");
  g_assert_cmpint (json_object_get_int_member (obj (still), "cursor"), ==, cursor);

  /* A newer one wins, and the other field keeps its value. */
  r5 = push_statuses (server, desk, newer);
  g_assert_cmpstr (r5, ==, "applied");
  last = changes (server, laptop, "private", cursor, 100);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (last), "changes")), ==, 1);
  g_assert_cmpstr (field_value (find_change (last, uuid), "company"), ==, "New Co");
  g_assert_cmpstr (field_value (find_change (last, uuid), "city"), ==, "Austin");
  rapport_test_server_stop (server);
}

static void
test_delete_wins (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *t1 = stamp (-2000, 0, 1);
  g_autofree char *t2 = stamp (-1000, 0, 1);
  g_autofree char *t3 = stamp (0, 0, 1);
  g_autofree char *put1 = put_op ("private", "contact", uuid, "company", "Hill & Co", t1);
  g_autofree char *del = delete_op ("private", "contact", uuid, t2);
  g_autofree char *put2 = put_op ("private", "contact", uuid, "company", "Back again", t3);
  g_autofree char *ops = g_strjoin (", ", put1, del, put2, del, NULL);
  g_autofree char *result = push_statuses (server, ana, ops);
  g_autoptr (Reply) pull = changes (server, ana, "private", 0, 100);
  JsonObject *change = find_change (pull, uuid);

  g_assert_cmpstr (result, ==, "applied applied ignored ignored");
  g_assert_true (json_object_get_boolean_member (change, "deleted"));
  g_assert_cmpstr (json_object_get_string_member (change, "stamp"), ==, t2);
  g_assert_false (json_object_has_member (change, "fields"));
  g_assert_null (strstr (pull->text, "Back again"));
  rapport_test_server_stop (server);
}

static void
test_referral_step (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *t1 = stamp (0, 0, 1);
  g_autofree char *t2 = stamp (0, 1, 1);
  g_autofree char *step = put_op ("private", "referral_step", uuid, "status", "met", t1);
  g_autofree char *changed = put_op ("private", "referral_step", uuid, "status", "won", t2);
  g_autofree char *same_stamp_other_value = put_op ("private", "referral_step", uuid, "status", "won", t1);
  g_autofree char *del = delete_op ("private", "referral_step", uuid, t2);
  g_autofree char *r1 = push_statuses (server, ana, step);
  g_autofree char *r2 = push_statuses (server, ana, step);
  g_autofree char *r3 = push_statuses (server, ana, changed);
  g_autofree char *r4 = push_statuses (server, ana, same_stamp_other_value);
  g_autofree char *r5 = push_statuses (server, ana, del);
  g_autoptr (Reply) pull = changes (server, ana, "private", 0, 100);

  g_assert_cmpstr (r1, ==, "applied");
  g_assert_cmpstr (r2, ==, "ignored");
  g_assert_cmpstr (r3, ==, "rejected:append-only");
  g_assert_cmpstr (r4, ==, "rejected:append-only");
  g_assert_cmpstr (r5, ==, "rejected:append-only");
  g_assert_cmpstr (field_value (find_change (pull, uuid), "status"), ==, "met");
  g_assert_false (json_object_get_boolean_member (find_change (pull, uuid), "deleted"));
  rapport_test_server_stop (server);
}

static void
test_stamp_in_future (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autofree char *now = stamp (0, 0, 1);
  g_autofree char *six = stamp (6 * 60 * 1000, 0, 1);
  g_autofree char *four = stamp (4 * 60 * 1000, 0, 1);
  g_autofree char *far = put_op ("private", "contact", uuid, "company", "Tomorrow Co", six);
  g_autofree char *near = put_op ("private", "contact", other, "company", "Soon Co", four);
  g_autofree char *mixed = g_strdup_printf ("{\"scope\": \"private\", \"entity\": \"contact\", \"uuid\": \"%s\", \"op\": \"put\","
                                            " \"fields\": {\"city\": [\"Austin\", \"%s\"], \"company\": [\"X\", \"%s\"]}}",
                                            uuid, now, six);
  g_autofree char *del = delete_op ("private", "contact", other, six);
  g_autoptr (Reply) reply = push (server, ana, far);
  g_autofree char *r1 = statuses (reply);
  g_autofree char *r2 = push_statuses (server, ana, near);
  g_autofree char *r3 = push_statuses (server, ana, mixed);
  g_autofree char *r4 = push_statuses (server, ana, del);
  g_autoptr (Reply) pull = changes (server, ana, "private", 0, 100);

  g_assert_cmpstr (r1, ==, "rejected:stamp-in-future");
  g_assert_cmpint (json_object_get_int_member (obj (reply), "now"), >, 0);
  g_assert_cmpstr (r2, ==, "applied");
  g_assert_cmpstr (r3, ==, "rejected:stamp-in-future");
  g_assert_cmpstr (r4, ==, "rejected:stamp-in-future");
  g_assert_null (find_change (pull, uuid));
  g_assert_cmpstr (field_value (find_change (pull, other), "company"), ==, "Soon Co");
  rapport_test_server_stop (server);
}

static void
test_scopes_apart (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (Account) ben = new_account (server, "ben");
  g_autofree char *huddle = create_huddle (server, ana, "H");
  g_autofree char *scope = g_strconcat ("huddle:", huddle, NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *t = stamp (0, 0, 1);
  g_autofree char *t2 = stamp (0, 1, 1);
  g_autofree char *mine = put_op ("private", "referral", uuid, "note", "ana's own referral", t);
  g_autofree char *theirs = put_op ("private", "referral", uuid, "note", "ben's attempt", t2);
  g_autofree char *shared = put_op (scope, "referral", uuid, "note", "into the huddle", t2);
  g_autofree char *other_entity = put_op ("private", "contact", uuid, "company", "x", t2);
  g_autofree char *r1 = push_statuses (server, ana, mine);
  g_autoptr (Reply) ben_reply = push (server, ben, theirs);
  g_autofree char *r2 = statuses (ben_reply);
  g_autofree char *r3 = push_statuses (server, ana, shared);
  g_autofree char *r4 = push_statuses (server, ana, other_entity);
  g_autoptr (Reply) ben_pull = changes (server, ben, "private", 0, 100);
  g_autoptr (Reply) ana_pull = changes (server, ana, "private", 0, 100);
  g_autoptr (Reply) huddle_pull = changes (server, ana, scope, 0, 100);

  /* The same uuid in two scopes is two records: ben's private one never
   * meets ana's, and a card can be shared into a huddle under the uuid it
   * has at home. Within one scope, a uuid is one kind of record. */
  g_assert_cmpstr (r1, ==, "applied");
  g_assert_cmpstr (r2, ==, "applied");
  g_assert_cmpstr (r3, ==, "applied");
  g_assert_cmpstr (r4, ==, "rejected:wrong-entity");
  g_assert_null (strstr (ben_reply->text, "ana"));
  g_assert_null (strstr (ben_pull->text, "ana's own referral"));
  g_assert_cmpstr (field_value (find_change (ben_pull, uuid), "note"), ==, "ben's attempt");
  g_assert_cmpstr (field_value (find_change (ana_pull, uuid), "note"), ==, "ana's own referral");
  g_assert_cmpstr (field_value (find_change (huddle_pull, uuid), "note"), ==, "into the huddle");
  rapport_test_server_stop (server);
}

/* Waiting */

static void
test_wait (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (Account) ben = new_account (server, "ben");
  g_autofree char *huddle = create_huddle (server, ana, "H");
  g_autofree char *code = invite (server, ana, huddle);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *t = stamp (0, 0, 1);
  g_autofree char *op = put_op ("private", "contact", uuid, "company", "Here", t);
  g_autofree char *applied = push_statuses (server, ana, op);
  g_autofree char *behind = g_strdup ("{\"cursors\": {\"private\": 0}, \"timeout\": 30}");
  g_autofree char *current = g_strdup ("{\"cursors\": {\"private\": 1}, \"timeout\": 1}");
  g_autofree char *leave_path = NULL;
  g_autofree char *gone = NULL;
  g_autoptr (Reply) now = NULL;
  g_autoptr (Reply) later = NULL;
  g_autoptr (Reply) left = NULL;
  g_autoptr (Reply) after_leaving = NULL;
  g_autoptr (Reply) extra = NULL;
  g_autoptr (Reply) nobody = NULL;
  gint64 started;

  g_assert_cmpstr (applied, ==, "applied");
  /* A cursor behind the scope's last change: answered at once. */
  started = g_get_monotonic_time ();
  now = call (server, "POST", "/v1/wait", ana->token, behind);
  assert_status (now, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (now->text, "\"changed\":[\"private\"]"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  /* Up to date: held until the timeout, then nothing changed. */
  later = call (server, "POST", "/v1/wait", ana->token, current);
  assert_status (later, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (later->text, "\"changed\":[]"));

  /* A huddle ben was removed from counts as changed for him, so that his
   * client syncs and learns it; it tells him nothing else. */
  accept_invitation (server, ben, code);
  leave_path = g_strdup_printf ("/v1/huddles/%s/members/%" G_GINT64_FORMAT, huddle, ben->id);
  left = call (server, "DELETE", leave_path, ben->token, NULL);
  g_assert_cmpuint (left->status, <, 300);
  gone = g_strdup_printf ("{\"cursors\": {\"huddle:%s\": 0}, \"timeout\": 30}", huddle);
  after_leaving = call (server, "POST", "/v1/wait", ben->token, gone);
  assert_status (after_leaving, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (after_leaving->text, huddle));
  g_assert_null (strstr (after_leaving->text, "ana"));

  /* Extra members and no token are refused like everywhere else. */
  extra = call (server, "POST", "/v1/wait", ana->token, "{\"cursors\": {}, \"timeout\": 1, \"owner\": 1}");
  assert_error (extra, 400, "bad-request");
  nobody = call (server, "POST", "/v1/wait", NULL, current);
  assert_error (nobody, 401, "unauthorized");
  rapport_test_server_stop (server);
}

/* Pulls */

static void
test_paging (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (GString) ops = g_string_new (NULL);
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *result = NULL;
  g_autofree char *t2 = stamp (0, 1, 1);
  g_autofree char *update = NULL;
  g_autofree char *r2 = NULL;
  gint64 cursor = 0, last_seq = 0;
  guint pages = 0;
  gboolean more = TRUE;

  for (guint i = 0; i < 7; i++)
    {
      char *uuid = g_uuid_string_random ();
      g_autofree char *t = stamp (0, 0, 1);
      g_autofree char *op = put_op ("private", "contact", uuid, "company", "Co", t);

      g_string_append_printf (ops, "%s%s", i ? ", " : "", op);
      g_ptr_array_add (uuids, uuid);
    }
  result = push_statuses (server, ana, ops->str);
  g_assert_cmpstr (result, ==, "applied applied applied applied applied applied applied");

  /* The first record changes again: it moves to the end, once. */
  update = put_op ("private", "contact", uuids->pdata[0], "city", "Austin", t2);
  r2 = push_statuses (server, ana, update);
  g_assert_cmpstr (r2, ==, "applied");

  while (more)
    {
      g_autoptr (Reply) page = changes (server, ana, "private", cursor, 3);
      JsonArray *list;

      assert_status (page, 200);
      g_assert_cmpstr (json_object_get_string_member (obj (page), "scope"), ==, "private");
      list = json_object_get_array_member (obj (page), "changes");
      more = json_object_get_boolean_member (obj (page), "more");
      g_assert_cmpuint (json_array_get_length (list), ==, more ? 3 : 1);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *change = json_array_get_object_element (list, i);
          gint64 seq = json_object_get_int_member (change, "seq");

          g_assert_cmpint (seq, >, last_seq);
          last_seq = seq;
          g_assert_true (g_hash_table_add (seen, (gpointer) json_object_get_string_member (change, "uuid")) || TRUE);
        }
      cursor = json_object_get_int_member (obj (page), "cursor");
      g_assert_cmpint (cursor, ==, last_seq);
      pages++;
      if (!more)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "uuid"), ==,
                         uuids->pdata[0]);
    }
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpint (cursor, ==, 8);

  /* Nothing new: an empty page at the same cursor. Bad cursors are refused. */
  {
    g_autoptr (Reply) empty = changes (server, ana, "private", cursor, 3);
    g_autoptr (Reply) ahead = changes (server, ana, "private", cursor + 5, 3);
    g_autoptr (Reply) negative = call (server, "GET", "/v1/scopes/private/changes?after=-1", ana->token, NULL);
    g_autoptr (Reply) letters = call (server, "GET", "/v1/scopes/private/changes?after=0&limit=many", ana->token, NULL);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (empty), "changes")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (obj (empty), "cursor"), ==, cursor);
    g_assert_false (json_object_get_boolean_member (obj (empty), "more"));
    assert_error (ahead, 410, "cursor-expired");
    assert_error (negative, 400, "bad-request");
    assert_error (letters, 400, "bad-request");
  }
  rapport_test_server_stop (server);
}

static void
test_history_pruned (void)
{
  const char *prune_all[] = { "--history-days", "0", NULL };
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) ops = g_string_new (NULL);
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *t = stamp (0, 1, 1);
  g_autofree char *del = NULL;
  g_autofree char *resurrect = NULL;
  g_autoptr (GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *after = NULL;
  gint64 before_delete, after_delete, snapshot_cursor = -1;
  gboolean more = TRUE;

  for (guint i = 0; i < 5; i++)
    {
      char *uuid = g_uuid_string_random ();
      g_autofree char *s = stamp (0, 0, 1);
      g_autofree char *op = put_op ("private", "contact", uuid, "company", "Co", s);

      g_string_append_printf (ops, "%s%s", i ? ", " : "", op);
      g_ptr_array_add (uuids, uuid);
    }
  r1 = push_statuses (server, ana, ops->str);
  before_delete = scope_cursor (server, ana, "private");
  del = delete_op ("private", "contact", uuids->pdata[2], t);
  r2 = push_statuses (server, ana, del);
  g_assert_cmpstr (r2, ==, "applied");
  after_delete = scope_cursor (server, ana, "private");

  rapport_test_server_restart (server, prune_all);
  {
    g_autoptr (Reply) old = changes (server, ana, "private", before_delete, 100);
    g_autoptr (Reply) zero = changes (server, ana, "private", 0, 100);
    g_autoptr (Reply) current = changes (server, ana, "private", after_delete, 100);

    assert_error (old, 410, "cursor-expired");
    assert_error (zero, 410, "cursor-expired");
    assert_status (current, 200);
  }

  /* The snapshot, two records a page: the four live ones, in uuid order. */
  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/scopes/private/snapshot?limit=2%s%s",
                                               after ? "&after=" : "", after ? after : "");
      g_autoptr (Reply) page = call (server, "GET", path, ana->token, NULL);
      JsonArray *records;

      assert_status (page, 200);
      records = json_object_get_array_member (obj (page), "records");
      if (snapshot_cursor < 0)
        snapshot_cursor = json_object_get_int_member (obj (page), "cursor");
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);

          g_assert_false (json_object_get_boolean_member (record, "deleted"));
          g_ptr_array_add (listed, g_strdup (json_object_get_string_member (record, "uuid")));
        }
      more = json_object_get_boolean_member (obj (page), "more");
      g_free (after);
      after = more ? g_strdup (json_object_get_string_member (obj (page), "next")) : NULL;
      if (!more)
        g_assert_true (json_object_get_null_member (obj (page), "next"));
    }
  g_assert_cmpuint (listed->len, ==, 4);
  for (guint i = 1; i < listed->len; i++)
    g_assert_cmpstr (listed->pdata[i - 1], <, listed->pdata[i]);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpstr (listed->pdata[i], !=, uuids->pdata[2]);

  /* The snapshot's cursor is one to pull from. */
  {
    g_autoptr (Reply) from_snapshot = changes (server, ana, "private", snapshot_cursor, 100);

    assert_status (from_snapshot, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (from_snapshot), "changes")), ==, 0);
  }
  g_assert_cmpstr (r1, ==, "applied applied applied applied applied");
  rapport_test_server_stop (server);
}

/* Huddles and invitations */

static void
test_invitations (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (Account) dan = new_account (server, "dan");
  g_autofree char *a = create_huddle (server, ana, "Hill Country Home Team");
  g_autofree char *scope = g_strconcat ("huddle:", a, NULL);
  g_autofree char *code = invite (server, ana, a);
  g_autofree char *body = g_strdup_printf ("{\"invitation\": \"%s\", \"user\": \"ben\", \"password\": \"" PASSWORD "\","
                                           " \"device_name\": \"Ben's desk\"}",
                                           code);
  g_autofree char *again = g_strdup_printf ("{\"invitation\": \"%s\", \"user\": \"cleo\", \"password\": \"" PASSWORD "\","
                                            " \"device_name\": \"Cleo's desk\"}",
                                            code);
  g_autoptr (Reply) joined = call (server, "POST", "/v1/session", NULL, body);
  g_autoptr (Account) ben = account_from_reply (joined);
  g_autoptr (Reply) reused = call (server, "POST", "/v1/session", NULL, again);
  g_autoptr (Reply) no_cleo = call (server, "POST", "/v1/session", NULL,
                                    "{\"user\": \"cleo\", \"password\": \"" PASSWORD "\", \"device_name\": \"x\"}");
  g_autoptr (Reply) ben_me = call (server, "GET", "/v1/me", ben->token, NULL);
  g_autoptr (Reply) ben_pull = changes (server, ben, scope, 0, 100);
  g_autofree char *code2 = invite (server, ben, a);
  g_autofree char *accept_body = g_strdup_printf ("{\"code\": \"%s\"}", code2);
  g_autofree char *lower = g_ascii_strdown (code2, -1);
  g_autofree char *accept_lower = g_strdup_printf ("{\"code\": \"%s\"}", lower);
  g_autoptr (Reply) dan_accept = call (server, "POST", "/v1/invitations/accept", dan->token, accept_lower);
  g_autoptr (Reply) dan_again = call (server, "POST", "/v1/invitations/accept", ana->token, accept_body);
  g_autofree char *members_path = g_strdup_printf ("/v1/huddles/%s/members", a);
  g_autoptr (Reply) members = NULL;
  g_autofree char *code3 = invite (server, ana, a);
  g_autofree char *wrong_password = g_strdup_printf ("{\"invitation\": \"%s\", \"user\": \"dan\", \"password\": \"wrong password\","
                                                     " \"device_name\": \"x\"}",
                                                     code3);
  g_autoptr (Reply) wrong = call (server, "POST", "/v1/session", NULL, wrong_password);
  g_autofree char *leave_path = g_strdup_printf ("/v1/huddles/%s/members/%" G_GINT64_FORMAT, a, ana->id);
  g_autoptr (Reply) left = NULL;
  g_autoptr (Reply) after_leave = NULL;
  g_autoptr (Reply) ana_gone = NULL;
  JsonArray *list;

  /* ben made his account with ana's code and is in A at once. */
  g_assert_cmpstr (json_object_get_string_member (obj (joined), "joined"), ==, a);
  g_assert_nonnull (strstr (ben_me->text, scope));
  assert_status (ben_pull, 200);

  /* The code was used up; cleo got no account from it. */
  assert_error (reused, 401, "unauthorized");
  assert_error (no_cleo, 401, "unauthorized");

  /* An existing account joins with the accept call, in any letter case. */
  assert_status (dan_accept, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (dan_accept), "huddle"), ==, a);
  assert_error (dan_again, 404, "not-found");
  members = call (server, "GET", members_path, dan->token, NULL);
  list = json_object_get_array_member (obj (members), "members");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);

  /* A wrong password with a good code joins nobody and keeps the code. */
  assert_error (wrong, 401, "unauthorized");

  /* The owner leaves: the longest-standing member (ben) takes over. */
  left = call (server, "DELETE", leave_path, ana->token, NULL);
  assert_status (left, SOUP_STATUS_NO_CONTENT);
  after_leave = call (server, "GET", members_path, ben->token, NULL);
  list = json_object_get_array_member (obj (after_leave), "members");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "name"), ==, "ben");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 0), "owner"));
  ana_gone = call (server, "GET", members_path, ana->token, NULL);
  assert_error (ana_gone, 404, "not-found");
  rapport_test_server_stop (server);
}

static void
test_create_huddle (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  g_autoptr (Account) ana = new_account (server, "ana");
  g_autoptr (Account) ben = new_account (server, "ben");
  g_autofree char *uuid = create_huddle (server, ana, "H");
  g_autofree char *body = g_strdup_printf ("{\"uuid\": \"%s\", \"name\": \"H\"}", uuid);
  g_autoptr (Reply) again = call (server, "POST", "/v1/huddles", ana->token, body);
  g_autoptr (Reply) taken = call (server, "POST", "/v1/huddles", ben->token, body);
  g_autoptr (Reply) bad = call (server, "POST", "/v1/huddles", ana->token, "{\"uuid\": \"nope\", \"name\": \"H\"}");
  g_autoptr (Reply) extra = NULL;
  g_autofree char *extra_body = g_strdup_printf ("{\"uuid\": \"%s\", \"name\": \"H\", \"owner\": 2}", GUESSED);

  assert_status (again, 200);
  assert_error (taken, 409, "conflict");
  g_assert_null (strstr (taken->text, "ana"));
  assert_error (bad, 400, "bad-request");
  extra = call (server, "POST", "/v1/huddles", ana->token, extra_body);
  assert_error (extra, 400, "bad-request");
  rapport_test_server_stop (server);
}

/* Transport */

static gboolean
accept_our_certificate (SoupMessage *msg,
                        GTlsCertificate *certificate,
                        GTlsCertificateFlags errors,
                        gpointer data)
{
  return g_tls_certificate_is_same (certificate, data);
}

static void
test_tls (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-tls-XXXXXX", &error);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  const char *openssl[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                            "-addext", "subjectAltName=IP:127.0.0.1",
                            "-keyout", key_path, "-out", cert_path, NULL };
  g_autoptr (GSubprocess) gen = NULL;
  g_autoptr (GTlsCertificate) cert = NULL;
  g_autoptr (SoupSession) trusting = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SoupMessage) untrusted = NULL;
  g_autoptr (GBytes) refused = NULL;
  g_autofree char *url = NULL;
  g_autofree char *uurl = NULL;
  const char *args[] = { "--tls-cert", cert_path, "--tls-key", key_path, NULL };
  RapportTestServer *server;

  g_assert_no_error (error);
  gen = g_subprocess_newv (openssl, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (gen, NULL, &error);
  g_assert_no_error (error);
  cert = g_tls_certificate_new_from_file (cert_path, &error);
  g_assert_no_error (error);

  server = rapport_test_server_start (args);
  g_assert_true (g_str_has_prefix (rapport_test_server_get_url (server), "https://127.0.0.1:"));
  rapport_test_server_add_user (server, "ana", PASSWORD);

  /* A client that trusts exactly this certificate signs in. */
  trusting = soup_session_new_with_options ("timeout", 30, NULL);
  url = g_strconcat (rapport_test_server_get_url (server), "/v1/session", NULL);
  msg = soup_message_new ("POST", url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_our_certificate), cert);
  {
    const char *body = "{\"user\": \"ana\", \"password\": \"" PASSWORD "\", \"device_name\": \"x\"}";
    g_autoptr (GBytes) request = g_bytes_new_static (body, strlen (body));

    soup_message_set_request_body_from_bytes (msg, "application/json", request);
  }
  bytes = soup_session_send_and_read (trusting, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_CREATED);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"token\""));

  /* One that does not is refused: the certificate is self-signed. */
  uurl = g_strconcat (rapport_test_server_get_url (server), "/v1/me", NULL);
  untrusted = soup_message_new ("GET", uurl);
  refused = soup_session_send_and_read (session, untrusted, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);

  rapport_test_server_stop (server);
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

static void
test_plain_http_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-server-XXXXXX", &error);
  const char *argv[] = { g_getenv ("RAPPORT_SERVER"), "--data", dir, "--listen", "0.0.0.0:0", NULL };
  g_autoptr (GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *db = g_build_filename (dir, "rapport-server.db", NULL);

  g_assert_no_error (error);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
  g_assert_null (strstr (out, "Listening"));
  g_assert_nonnull (strstr (err, "plain HTTP"));

  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);

      g_unlink (path);
    }
  {
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (shm);
  }
  g_unlink (db);
  g_rmdir (dir);
}

static void
test_add_user_errors (void)
{
  RapportTestServer *server = rapport_test_server_start (NULL);
  struct
  {
    const char *name;
    const char *password;
    const char *says;
  } cases[] = {
    { "ana", "tiny12", "too short" },
    /* Refused before the password is read, so none is written: the
     * server may be gone before it could be. */
    { "not a name!", NULL, "cannot be a user name" },
    { "taken", PASSWORD, NULL },
    { "taken", PASSWORD, "already taken" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { g_getenv ("RAPPORT_SERVER"), "--data", rapport_test_server_get_data_dir (server),
                             "--add-user", cases[i].name, NULL };
      g_autoptr (GSubprocess) process = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *input = cases[i].password ? g_strconcat (cases[i].password, "\n", NULL) : NULL;
      g_autofree char *err = NULL;

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, input, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      if (cases[i].says == NULL)
        g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
      else
        {
          g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
          g_assert_nonnull (strstr (err, cases[i].says));
          if (cases[i].password != NULL)
            g_assert_null (strstr (err, cases[i].password));
        }
    }
  rapport_test_server_stop (server);
}

int
main (int argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  session = soup_session_new_with_options ("timeout", 30, NULL);

  g_test_add_func ("/rapport/server/sign-in", test_sign_in);
  g_test_add_func ("/rapport/server/add-user/errors", test_add_user_errors);
  g_test_add_func ("/rapport/server/authorization/matrix", test_authorization);
  g_test_add_func ("/rapport/server/authorization/listings", test_authorization_listings);
  g_test_add_func ("/rapport/server/authorization/token-expired", test_token_expired);
  g_test_add_func ("/rapport/server/push/bad-batches", test_bad_batches);
  g_test_add_func ("/rapport/server/push/too-large", test_too_large);
  g_test_add_func ("/rapport/server/push/duplicate", test_duplicate);
  g_test_add_func ("/rapport/server/push/last-writer-wins", test_last_writer_wins);
  g_test_add_func ("/rapport/server/push/delete-wins", test_delete_wins);
  g_test_add_func ("/rapport/server/push/referral-step", test_referral_step);
  g_test_add_func ("/rapport/server/push/stamp-in-future", test_stamp_in_future);
  g_test_add_func ("/rapport/server/push/scopes-apart", test_scopes_apart);
  g_test_add_func ("/rapport/server/pull/paging", test_paging);
  g_test_add_func ("/rapport/server/pull/history-pruned", test_history_pruned);
  g_test_add_func ("/rapport/server/wait", test_wait);
  g_test_add_func ("/rapport/server/huddles/create", test_create_huddle);
  g_test_add_func ("/rapport/server/huddles/invitations", test_invitations);
  g_test_add_func ("/rapport/server/rate-limit", test_rate_limit);
  g_test_add_func ("/rapport/server/tls", test_tls);
  g_test_add_func ("/rapport/server/plain-http-refused", test_plain_http_refused);

  status = g_test_run ();
  g_object_unref (session);
  return status;
}
