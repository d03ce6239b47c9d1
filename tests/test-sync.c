/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync.c: devices, each its own database file, syncing through a real
 * rapport-server on 127.0.0.1, sometimes through a proxy that fails on
 * purpose. Every test ends by comparing what the devices hold. */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "rapport-contact.h"
#include "rapport-huddle.h"
#include "rapport-sample.h"
#include "rapport-store.h"
#include "rapport-sync-client.h"
#include "rapport-sync-local.h"
#include "rapport-test-proxy.h"
#include "rapport-test-server.h"
#include "rapport-test-util.h"

#define PASSWORD "correct horse battery"
#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))

typedef struct
{
  char *dir;
  RapportStore *store;
  RapportSyncClient *client;
} Device;

static Device *
device_new (void)
{
  Device *device = g_new0 (Device, 1);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  device->dir = rapport_test_make_tmp_dir ();
  path = g_build_filename (device->dir, "rapport.db", NULL);
  device->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  device->client = rapport_sync_client_new (device->store);
  rapport_sync_client_set_timeout (device->client, 10);
  return device;
}

static void
device_free (Device *device)
{
  /* Cancelled requests (a stopped wait) finish on the main loop. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (device->client);
  g_assert_finalize_object (device->store);
  rapport_test_remove_tree (device->dir);
  g_free (device->dir);
  g_free (device);
}

static char *
try_sign_in (Device *device,
             const char *url,
             const char *user,
             const char *invitation,
             GError **error)
{
  RapportTestWait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;

  rapport_sync_client_sign_in_async (device->client, url, user, PASSWORD, invitation, "Test device",
                                     NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, 60);
  return rapport_sync_client_sign_in_finish (device->client, result, error);
}

static void
sign_in (Device *device,
         const char *url,
         const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = try_sign_in (device, url, user, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpint (rapport_sync_client_get_status (device->client), ==, RAPPORT_SYNC_IDLE);
}

static gboolean
try_sync (Device *device,
          GError **error)
{
  RapportTestWait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;

  rapport_sync_client_sync_async (device->client, NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, 60);
  return rapport_sync_client_sync_finish (device->client, result, error);
}

static void
sync_ok (Device *device)
{
  g_autoptr (GError) error = NULL;

  try_sync (device, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_sync_local_count_pending (device->store), ==, 0);
}

/* Everything a person could see, with references as uuids, in one text. */
static const char *const dump_sql[] = {
  "SELECT uuid, deleted, display_name, company, job_title, notes, help_them, emails, tags, starred, archived,"
  " (SELECT i.uuid FROM contacts i WHERE i.id = c.introduced_by), sort_key FROM contacts c",
  "SELECT x.uuid, x.deleted, c.uuid, x.kind, x.happened_at, x.note FROM interactions x JOIN contacts c ON c.id = x.contact_id",
  "SELECT f.uuid, f.deleted, c.uuid, f.due, f.done_at, f.note FROM followups f JOIN contacts c ON c.id = f.contact_id",
  "SELECT uuid, deleted, name, kind, audience, dues_cents FROM groups",
  "SELECT e.uuid, e.deleted, e.title, (SELECT g.uuid FROM groups g WHERE g.id = e.group_id), e.starts_at,"
  " e.score_people, e.quality FROM events e",
  "SELECT p.uuid, p.deleted, e.uuid, c.uuid, p.meaningful FROM event_people p JOIN events e ON e.id = p.event_id"
  " JOIN contacts c ON c.id = p.contact_id",
  "SELECT uuid, name, services FROM profile",
  "SELECT uuid, deleted, name, rrule, first_meeting FROM huddles",
  "SELECT m.uuid, m.deleted, h.uuid, (SELECT c.uuid FROM contacts c WHERE c.id = m.contact_id), m.service, m.left_on"
  " FROM huddle_members m JOIN huddles h ON h.id = m.huddle_id",
  "SELECT g.uuid, g.deleted, h.uuid, g.starts_at FROM meetings g JOIN huddles h ON h.id = g.huddle_id",
  "SELECT a.uuid, a.deleted, g.uuid, m.uuid, a.status FROM attendance a JOIN meetings g ON g.id = a.meeting_id"
  " JOIN huddle_members m ON m.id = a.member_id",
  "SELECT r.uuid, r.deleted, (SELECT c.uuid FROM contacts c WHERE c.id = r.prospect), r.given_on FROM referrals r",
  "SELECT s.uuid, r.uuid, s.status, s.value_cents FROM referral_steps s JOIN referrals r ON r.id = s.referral_id",
};

static char *
dump (Device *device)
{
  sqlite3 *db = rapport_store_get_db (device->store);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dump_sql); i++)
    {
      g_autofree char *sql = g_strdup_printf ("%s ORDER BY 1", dump_sql[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          /* Tombstones only matter by what they hide: one of a card made
           * and deleted between two syncs never leaves its device. */
          if (g_str_equal (sqlite3_column_name (stmt, 1), "deleted") && sqlite3_column_int (stmt, 1) == 1)
            continue;
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL ? "∅" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

static void
assert_same (Device *a,
             Device *b)
{
  g_autofree char *x = dump (a);
  g_autofree char *y = dump (b);

  if (g_strcmp0 (x, y) != 0)
    {
      g_auto (GStrv) xs = g_strsplit (x, "\n", -1);
      g_auto (GStrv) ys = g_strsplit (y, "\n", -1);

      /* The first lines that differ say more than two whole dumps. */
      for (guint i = 0; xs[i] != NULL && ys[i] != NULL; i++)
        if (g_strcmp0 (xs[i], ys[i]) != 0)
          {
            g_test_message ("first difference, line %u:\n  %s\n  %s", i, xs[i], ys[i]);
            break;
          }
    }
  g_assert_cmpstr (x, ==, y);
}

static gint64
add_contact (Device *device,
             const char *name,
             const char *company)
{
  g_autoptr (RapportContact) contact = rapport_contact_new (name);
  g_autoptr (GError) error = NULL;

  rapport_contact_set_company (contact, company);
  g_assert_true (rapport_store_create_contact (device->store, contact, NULL, &error));
  g_assert_no_error (error);
  return rapport_contact_get_id (contact);
}

static gint64
contact_id (Device *device,
            const char *name)
{
  return rapport_test_sql_int (device->store, "SELECT coalesce ((SELECT id FROM contacts WHERE display_name = '%s' AND deleted = 0), 0)", name);
}

static void
edit_contact (Device *device,
              const char *name,
              const char *property,
              const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportContact) contact = rapport_store_get_contact (device->store, contact_id (device, name), &error);
  g_autoptr (RapportContact) draft = NULL;

  g_assert_no_error (error);
  draft = rapport_contact_copy (contact);
  g_object_set (draft, property, value, NULL);
  g_assert_true (rapport_store_update_contact (device->store, draft, &error));
  g_assert_no_error (error);
}

static void
delete_contact (Device *device,
                const char *name)
{
  g_autoptr (GError) error = NULL;
  gint64 id = contact_id (device, name);

  g_assert_true (rapport_store_archive_contact (device->store, id, &error));
  g_assert_true (rapport_store_delete_contact (device->store, id, &error));
  g_assert_no_error (error);
}

typedef struct
{
  RapportTestServer *server;
  char *url;
} Fixture;

static void
fixture_setup (Fixture *fixture,
               gconstpointer data)
{
  fixture->server = rapport_test_server_start (data);
  fixture->url = g_strdup (rapport_test_server_get_url (fixture->server));
  rapport_test_server_add_user (fixture->server, "ana", PASSWORD);
}

static void
fixture_teardown (Fixture *fixture,
                  gconstpointer data)
{
  rapport_test_server_stop (fixture->server);
  g_free (fixture->url);
}

/* Two computers of one person: what one makes the other shows, and
 * concurrent edits merge field by field. */
static void
test_two_devices (Fixture *fixture,
                  gconstpointer data)
{
  Device *a = device_new ();
  Device *b = device_new ();
  g_autoptr (GError) error = NULL;
  gint64 id;

  id = add_contact (a, "Ann Archer", "Archer Law");
  g_assert_cmpint (rapport_store_log_interaction (a->store, id, RAPPORT_INTERACTION_CALL, 1764000000, "Called about the lease", &error), >, 0);
  g_assert_cmpint (rapport_store_add_followup (a->store, id, "2026-12-01", "Send the intro", &error), >, 0);
  g_assert_no_error (error);
  add_contact (a, "Bob Baker", "Baker Bread");
  add_contact (b, "Cleo Cruz", "Cruz Design");

  sign_in (a, fixture->url, "ana");
  sign_in (b, fixture->url, "ana");
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  assert_same (a, b);
  g_assert_cmpint (contact_id (b, "Ann Archer"), >, 0);
  g_assert_cmpint (contact_id (a, "Cleo Cruz"), >, 0);
  g_assert_cmpint (rapport_test_sql_int (b->store, "SELECT count(*) FROM interactions WHERE note = 'Called about the lease'"), ==, 1);
  /* Search finds what came from the other device. */
  {
    g_autoptr (GArray) found = rapport_test_search (b->store, "archer", FALSE);

    g_assert_cmpuint (found->len, ==, 1);
  }

  /* Different fields of one card on each side: both stay. */
  edit_contact (a, "Ann Archer", "company", "Archer & Daughters");
  edit_contact (b, "Ann Archer", "notes", "Prefers mornings");
  /* An edit on one side, a delete on the other: the delete wins. */
  edit_contact (a, "Bob Baker", "notes", "Opening a second shop");
  delete_contact (b, "Bob Baker");
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  assert_same (a, b);
  g_assert_cmpint (rapport_test_sql_int (a->store, "SELECT count(*) FROM contacts WHERE company = 'Archer & Daughters'"
                                                   " AND notes = 'Prefers mornings'"),
                   ==, 1);
  g_assert_cmpint (rapport_test_sql_int (a->store, "SELECT count(*) FROM contacts WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (contact_id (a, "Bob Baker"), ==, 0);

  /* Syncing again moves nothing. */
  {
    g_autofree char *before = dump (a);
    gint64 outbox = rapport_test_sql_int (a->store, "SELECT count(*) FROM outbox");
    g_autofree char *after = NULL;

    sync_ok (a);
    sync_ok (b);
    after = dump (a);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (rapport_test_sql_int (a->store, "SELECT count(*) FROM outbox"), ==, outbox);
  }
  device_free (a);
  device_free (b);
}

/* Three devices editing the same cards in turn and at once. */
static void
test_three_devices (Fixture *fixture,
                    gconstpointer data)
{
  Device *d[3] = { device_new (), device_new (), device_new () };
  static const char *const names[] = { "Dana", "Eli", "Fay", "Gus" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_contact (d[0], names[i], "Start");
  for (guint i = 0; i < 3; i++)
    sign_in (d[i], fixture->url, "ana");
  for (guint i = 0; i < 3; i++)
    sync_ok (d[i]);

  /* Everyone edits the same field of Dana; the last stamp wins. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *company = g_strdup_printf ("Company %u", i);

      /* A millisecond apart, so that the order of the edits is known. */
      g_usleep (2000);
      edit_contact (d[i], "Dana", "company", company);
      edit_contact (d[i], names[1 + i], "notes", company);
    }
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 3; i++)
      sync_ok (d[i]);
  assert_same (d[0], d[1]);
  assert_same (d[1], d[2]);
  g_assert_cmpint (rapport_test_sql_int (d[0]->store, "SELECT count(*) FROM contacts WHERE company = 'Company 2'"), ==, 1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (rapport_test_sql_int (d[0]->store, "SELECT count(*) FROM contacts WHERE notes = 'Company %u'", i), ==, 1);
  for (guint i = 0; i < 3; i++)
    device_free (d[i]);
}

static gint64
pending (Device *device)
{
  return rapport_sync_local_count_pending (device->store);
}

/* The server failing, busy or unreachable: the edits stay queued, the
 * client says it is offline and tries again later, and nothing is lost
 * or doubled once the server is back. */
static void
test_faults (Fixture *fixture,
             gconstpointer data)
{
  RapportTestProxy *proxy = rapport_test_proxy_new (fixture->url);
  Device *a = device_new ();
  Device *b = device_new ();
  static const guint statuses[] = { 500, 503, 429 };
  g_autoptr (GError) error = NULL;

  sign_in (a, rapport_test_proxy_get_url (proxy), "ana");
  sign_in (b, fixture->url, "ana");
  add_contact (a, "Hana Hill", "Hill Homes");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      rapport_test_proxy_add_fault (proxy, "/v1/push", RAPPORT_TEST_FAULT_STATUS, statuses[i],
                                    statuses[i] == 429 ? 7 : 0, 1);
      g_assert_false (try_sync (a, &error));
      g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE);
      g_clear_error (&error);
      g_assert_cmpint (rapport_sync_client_get_status (a->client), ==, RAPPORT_SYNC_OFFLINE);
      g_assert_nonnull (rapport_sync_client_get_message (a->client));
      g_assert_cmpint (pending (a), ==, 1);
    }
  /* Unreachable altogether. */
  rapport_test_proxy_set_upstream (proxy, "http://127.0.0.1:9");
  g_assert_false (try_sync (a, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpint (pending (a), ==, 1);
  rapport_test_proxy_set_upstream (proxy, fixture->url);

  /* The server commits, the answer is lost; the retry applies nothing
   * twice. */
  rapport_test_proxy_add_fault (proxy, "/v1/push", RAPPORT_TEST_FAULT_DROP_AFTER, 0, 0, 1);
  g_assert_false (try_sync (a, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpint (pending (a), ==, 1);
  sync_ok (a);
  sync_ok (b);
  g_assert_cmpint (rapport_test_sql_int (b->store, "SELECT count(*) FROM contacts WHERE display_name = 'Hana Hill'"), ==, 1);

  /* A batch delivered twice changes nothing the second time. */
  edit_contact (a, "Hana Hill", "notes", "Twice");
  rapport_test_proxy_add_fault (proxy, "/v1/push", RAPPORT_TEST_FAULT_TWICE, 0, 0, 1);
  sync_ok (a);
  sync_ok (b);
  assert_same (a, b);
  {
    /* One change for the edit: the server's cursor moved once. */
    gint64 cursor = rapport_sync_local_get_cursor (b->store, "private");

    edit_contact (a, "Hana Hill", "notes", "Once more");
    sync_ok (a);
    sync_ok (b);
    g_assert_cmpint (rapport_sync_local_get_cursor (b->store, "private"), >, cursor);
  }
  assert_same (a, b);
  g_assert_cmpuint (rapport_test_proxy_count (proxy, "/v1/push"), >=, 7);

  device_free (a);
  device_free (b);
  rapport_test_proxy_free (proxy);
}

/* What a person may type as the server's address. */
static void
test_addresses (void)
{
  static const char *const refused[] = {
    "",
    "   ",
    "ftp://x",
    "http://",
    "https://",
    "https://exa mple",
    "https://x?q",
    "https://x#f",
    "https://user:pw@x",
    "server.example",
    "http://192.168.1.10",
    "http://127.0.0.1.evil.com",
  };
  static const char *const accepted[] = {
    "https://rapport.example.org",
    "https://rapport.example.org:8443/",
    "http://127.0.0.1:8080",
    "http://[::1]:9",
    "http://localhost:8080",
  };
  g_autofree char *long_one = g_strnfill (5000, 'x');

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (rapport_sync_client_check_address (refused[i], &error));
      g_assert_nonnull (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (rapport_sync_client_check_address (accepted[i], &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr (GError) error = NULL;

    /* A long mistake is quoted, not repeated whole. */
    g_assert_false (rapport_sync_client_check_address (long_one, &error));
    g_assert_cmpuint (strlen (error->message), <, 300);
  }
}

/* A server that answers with the wrong types or no JSON at all: every
 * sync fails in words, nothing is lost, and the next good answer works. */
static void
test_malformed_answers (Fixture *fixture,
                        gconstpointer data)
{
  RapportTestProxy *proxy = rapport_test_proxy_new (fixture->url);
  Device *a = device_new ();
  Device *b = device_new ();
  static const struct
  {
    const char *path;
    const char *body;
  } answers[] = {
    { "/v1/me", "not json" },
    { "/v1/me", "[1, 2]" },
    { "/v1/me", "{\"scopes\": 5, \"now\": \"soon\"}" },
    { "/v1/me", "{\"scopes\": [5, {\"id\": 7}, {\"id\": \"huddle:nope\"}]}" },
    { "/v1/push", "{\"seq\": 1, \"results\": [{\"status\": 5, \"error\": []}], \"scopes\": []}" },
    { "/v1/scopes", "{\"changes\": [{\"seq\": 1, \"entity\": 5, \"uuid\": 7, \"fields\": 3}], \"cursor\": \"x\"}" },
    { "/v1/scopes", "{\"changes\": 12}" },
  };

  sign_in (a, fixture->url, "ana");
  sign_in (b, rapport_test_proxy_get_url (proxy), "ana");
  add_contact (a, "Olga Oak", "Oak Optics");
  sync_ok (a);
  add_contact (b, "Pia Pine", "Pine Printing");

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (GError) error = NULL;

      rapport_test_proxy_add_answer (proxy, answers[i].path, 200, answers[i].body, 1);
      try_sync (b, &error);
      rapport_test_proxy_clear_faults (proxy);
    }
  /* Nothing was lost on either side, and a good server brings both. */
  sync_ok (b);
  sync_ok (a);
  assert_same (a, b);
  g_assert_cmpint (contact_id (a, "Pia Pine"), >, 0);
  g_assert_cmpint (contact_id (b, "Olga Oak"), >, 0);
  device_free (a);
  device_free (b);
  rapport_test_proxy_free (proxy);
}

/* The server forgot old history: a device whose cursor is older reads the
 * snapshot, and what was deleted meanwhile stays deleted. */
static void
test_expired_cursor (Fixture *fixture,
                     gconstpointer data)
{
  g_autoptr (GUri) uri = g_uri_parse (fixture->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
  /* The same address, so the devices know it for the same server. */
  const char *const forget[] = { "--history-days", "0", "--listen", listen, NULL };
  Device *a = device_new ();
  Device *b = device_new ();

  add_contact (a, "Ida Ives", "Ives Insurance");
  add_contact (a, "Jon Jay", "Jay Joinery");
  sign_in (a, fixture->url, "ana");
  sign_in (b, fixture->url, "ana");
  sync_ok (a);
  sync_ok (b);
  g_assert_cmpint (contact_id (b, "Jon Jay"), >, 0);

  delete_contact (a, "Jon Jay");
  add_contact (a, "Kim Kerr", "Kerr Kitchens");
  sync_ok (a);
  g_free (fixture->url);
  rapport_test_server_restart (fixture->server, forget);
  fixture->url = g_strdup (rapport_test_server_get_url (fixture->server));

  sync_ok (b);
  g_assert_cmpint (contact_id (b, "Jon Jay"), ==, 0);
  g_assert_cmpint (contact_id (b, "Kim Kerr"), >, 0);
  sync_ok (a);
  sync_ok (b);
  assert_same (a, b);
  g_assert_cmpint (rapport_test_sql_int (b->store, "SELECT count(*) FROM contacts WHERE deleted = 0"), ==, 2);
  device_free (a);
  device_free (b);
}

/* A computer whose clock is a day fast does not win every later edit:
 * the server refuses its stamps, and it takes the server's time. */
static void
test_clock_skew (Fixture *fixture,
                 gconstpointer data)
{
  Device *fast = device_new ();
  Device *b = device_new ();
  g_autoptr (GError) error = NULL;

  add_contact (b, "Lea Lund", "Lund Lighting");
  sign_in (b, fixture->url, "ana");
  sync_ok (b);

  /* A day fast: its edit carries tomorrow's stamp. */
  g_assert_true (rapport_store_set_clock_offset (fast->store, DAY_MS, &error));
  g_assert_no_error (error);
  sign_in (fast, fixture->url, "ana");
  g_assert_cmpint (ABS (rapport_store_get_clock_offset (fast->store)), <, 60 * 1000);
  sync_ok (fast);
  g_assert_true (rapport_store_set_clock_offset (fast->store, DAY_MS, &error));
  edit_contact (fast, "Lea Lund", "company", "From the future");
  g_assert_cmpint (rapport_test_sql_int (fast->store, "SELECT count(*) FROM contacts WHERE updated > '%012" G_GINT64_MODIFIER "x'",
                                         g_get_real_time () / 1000 + DAY_MS / 2),
                   ==, 1);
  sync_ok (fast);
  g_assert_cmpint (ABS (rapport_store_get_clock_offset (fast->store)), <, 60 * 1000);
  sync_ok (b);
  g_assert_cmpint (rapport_test_sql_int (b->store, "SELECT count(*) FROM contacts WHERE company = 'From the future'"), ==, 1);

  /* A later edit elsewhere wins, as it should. */
  g_usleep (2000);
  edit_contact (b, "Lea Lund", "company", "Right now");
  sync_ok (b);
  sync_ok (fast);
  assert_same (fast, b);
  g_assert_cmpint (rapport_test_sql_int (fast->store, "SELECT count(*) FROM contacts WHERE company = 'Right now'"), ==, 1);
  device_free (fast);
  device_free (b);
}

static gint64
add_huddle (Device *device,
            const char *name)
{
  g_autoptr (RapportHuddle) huddle = g_object_new (RAPPORT_TYPE_HUDDLE, "name", name,
                                                   "rrule", "FREQ=MONTHLY;BYDAY=1TU,3TU",
                                                   "first-meeting", G_GINT64_CONSTANT (1772528400), NULL);
  g_autoptr (GError) error = NULL;
  gint64 id = rapport_store_save_huddle (device->store, huddle, &error);

  g_assert_no_error (error);
  return id;
}

static char *
invite (Device *device,
        const char *huddle_uuid)
{
  RapportTestWait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *code;

  rapport_sync_client_invite_async (device->client, huddle_uuid, NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, 60);
  code = rapport_sync_client_invite_finish (device->client, result, &error);
  g_assert_no_error (error);
  return code;
}

static void
leave (Device *device,
       const char *huddle_uuid)
{
  RapportTestWait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  rapport_sync_client_leave_async (device->client, huddle_uuid, NULL, rapport_test_wait_done, &wait);
  result = rapport_test_wait (&wait, 60);
  g_assert_true (rapport_sync_client_leave_finish (device->client, result, &error));
  g_assert_no_error (error);
}

/* A huddle shared by two professionals: the roster, meetings, attendance
 * and referrals reach the other member; private notes do not. */
static void
test_shared_huddle (Fixture *fixture,
                    gconstpointer data)
{
  Device *ana = device_new ();
  Device *ben = device_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *huddle_uuid = NULL;
  g_autofree char *token = NULL;
  gint64 huddle, rita, meeting, member_rita, member_me, prospect, referral;

  huddle = add_huddle (ana, "Hill Country Home Team");
  rita = add_contact (ana, "Rita Ruiz", "Ruiz Realty");
  edit_contact (ana, "Rita Ruiz", "notes", "Owes me a lunch");
  member_rita = rapport_store_add_member (ana->store, huddle, rita, "Realtor", NULL, &error);
  /* The user is a member of every huddle they form. */
  member_me = rapport_test_sql_int (ana->store, "SELECT id FROM huddle_members WHERE contact_id IS NULL");
  g_assert_no_error (error);
  meeting = rapport_store_record_meeting (ana->store, huddle, 1772528400, "First one", &error);
  g_assert_true (rapport_store_set_attendance (ana->store, meeting, member_rita, RAPPORT_PRESENCE_PRESENT, "Buyers", NULL, &error));
  g_assert_true (rapport_store_set_attendance (ana->store, meeting, member_me, RAPPORT_PRESENCE_LATE, NULL, NULL, &error));
  prospect = add_contact (ana, "Pat Prospect", "Pat's Place");
  referral = rapport_store_give_referral (ana->store, 0, rita, prospect, huddle, "2026-03-03", "Wants a house", &error);
  g_assert_no_error (error);
  g_assert_cmpint (referral, >, 0);

  sign_in (ana, fixture->url, "ana");
  sync_ok (ana);
  huddle_uuid = rapport_test_sql_text (ana->store, "SELECT uuid FROM huddles WHERE id = %" G_GINT64_FORMAT, huddle);
  code = invite (ana, huddle_uuid);

  /* Ben has no account yet: the invitation makes one. */
  token = try_sign_in (ben, fixture->url, "ben", code, &error);
  g_assert_no_error (error);
  sync_ok (ben);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddles WHERE deleted = 0 AND name = 'Hill Country Home Team'"), ==, 1);
  /* Ana's two, and Ben on the roster now that he joined. */
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddle_members WHERE deleted = 0"), ==, 3);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddle_members WHERE contact_id IS NULL"), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM attendance WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM referrals WHERE deleted = 0"), ==, 1);
  /* Rita's card came with her public fields only. */
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM contacts WHERE display_name = 'Rita Ruiz'"
                                                     " AND company = 'Ruiz Realty' AND notes IS NULL"),
                   ==, 1);
  /* Ana is a person to Ben, under her account's name. */
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddle_members m JOIN contacts c ON c.id = m.contact_id"
                                                     " WHERE c.display_name = 'ana' AND m.deleted = 0"),
                   ==, 1);

  /* Ben records his side; Ana sees it. */
  {
    gint64 ben_meeting = rapport_test_sql_int (ben->store, "SELECT id FROM meetings");
    gint64 ben_rita = rapport_test_sql_int (ben->store, "SELECT m.id FROM huddle_members m JOIN contacts c ON c.id = m.contact_id"
                                                        " WHERE c.display_name = 'Rita Ruiz'");

    g_assert_true (rapport_store_set_attendance (ben->store, ben_meeting, ben_rita, RAPPORT_PRESENCE_ABSENT, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  sync_ok (ben);
  sync_ok (ana);
  g_assert_cmpint (rapport_test_sql_int (ana->store, "SELECT count(*) FROM attendance WHERE status = 'absent' AND deleted = 0"), ==, 1);
  /* Ben is on Ana's roster too, under his account's name. */
  g_assert_cmpint (rapport_test_sql_int (ana->store, "SELECT count(*) FROM huddle_members m JOIN contacts c ON c.id = m.contact_id"
                                                     " WHERE c.display_name = 'ben' AND m.deleted = 0"),
                   ==, 1);

  /* Ben leaves: the huddle goes from his computer. */
  leave (ben, huddle_uuid);
  sync_ok (ben);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddles WHERE deleted = 0"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM meetings WHERE deleted = 0"), ==, 0);
  sync_ok (ana);
  g_assert_cmpint (rapport_test_sql_int (ana->store, "SELECT count(*) FROM huddles WHERE deleted = 0"), ==, 1);

  device_free (ana);
  device_free (ben);
}

/* A server whose certificate does not verify is refused, in words, with
 * nothing sent; trusted through a certificate database, it works. */
static void
test_tls (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = rapport_test_make_tmp_dir ();
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  const char *openssl[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert, NULL };
  const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr (GSubprocess) gen = g_subprocess_newv (openssl, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_autoptr (GTlsDatabase) trusted = NULL;
  g_autofree char *token = NULL;
  RapportTestServer *server;
  Device *a = device_new ();

  g_assert_no_error (error);
  g_subprocess_wait_check (gen, NULL, &error);
  g_assert_no_error (error);
  server = rapport_test_server_start (args);
  rapport_test_server_add_user (server, "ana", PASSWORD);
  add_contact (a, "Noa North", "North Notaries");

  token = try_sign_in (a, rapport_test_server_get_url (server), "ana", NULL, &error);
  g_assert_null (token);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "could not be verified"));
  g_assert_cmpint (rapport_sync_client_get_status (a->client), ==, RAPPORT_SYNC_SIGNED_OUT);
  g_clear_error (&error);

  trusted = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  rapport_sync_client_set_tls_database (a->client, trusted);
  sign_in (a, rapport_test_server_get_url (server), "ana");
  sync_ok (a);

  device_free (a);
  rapport_test_server_stop (server);
  rapport_test_remove_tree (dir);
}

static gboolean
on_too_long (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A running device learns of another's edit without waiting for its
 * periodic sync: it keeps a request open on the server, which answers as
 * soon as the edit is pushed. */
static void
test_wait_for_changes (Fixture *fixture,
                       gconstpointer data)
{
  Device *a = device_new ();
  Device *b = device_new ();
  gboolean too_long = FALSE;
  guint guard;

  add_contact (a, "Mia Moss", "Moss Media");
  sign_in (a, fixture->url, "ana");
  sign_in (b, fixture->url, "ana");
  sync_ok (a);
  /* An hour between periodic syncs: only the wait can bring the edit. */
  rapport_sync_client_set_delays (b->client, 10, 3600);
  rapport_sync_client_start (b->client);
  while (contact_id (b, "Mia Moss") == 0)
    g_main_context_iteration (NULL, TRUE);

  edit_contact (a, "Mia Moss", "company", "Moss & Partners");
  sync_ok (a);
  guard = g_timeout_add_seconds (20, on_too_long, &too_long);
  while (!too_long && rapport_test_sql_int (b->store, "SELECT count(*) FROM contacts WHERE company = 'Moss & Partners'") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (too_long);
  g_source_remove (guard);

  rapport_sync_client_stop (b->client);
  device_free (a);
  device_free (b);
}

/* A whole sample network, every kind of record, reaches a second device
 * of the same person intact. */
static void
test_sample_network (Fixture *fixture,
                     gconstpointer data)
{
  Device *a = device_new ();
  Device *b = device_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rapport_sample_fill (a->store, 300, 7, "2026-11-25", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sign_in (a, fixture->url, "ana");
  sign_in (b, fixture->url, "ana");
  sync_ok (a);
  sync_ok (b);
  assert_same (a, b);
  g_assert_cmpint (rapport_test_sql_int (b->store, "SELECT count(*) FROM sync_parked"), ==, 0);
  g_assert_cmpint (rapport_test_sql_int (b->store, "SELECT count(*) FROM huddles WHERE deleted = 0"), >, 0);
  rapport_test_assert_contact_days (b->store);
  device_free (a);
  device_free (b);
}

/* The child of test_killed_pull: syncs, and dies in the middle of its
 * third commit of a pulled page of contacts. */
static gboolean contacts_written;
static int pages_written;

static void
note_contact_write (void *user_data,
                    int operation,
                    const char *database,
                    const char *table,
                    sqlite3_int64 rowid)
{
  if (g_strcmp0 (table, "contacts") == 0)
    contacts_written = TRUE;
}

static int
die_on_third_page (void *user_data)
{
  if (contacts_written && ++pages_written == 3)
    raise (SIGKILL);
  contacts_written = FALSE;
  return 0;
}

static int
run_pull_child (const char *path,
                const char *token)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStore) store = rapport_store_open (path, &error);
  g_autoptr (RapportSyncClient) client = NULL;
  Device device = { NULL };

  g_assert_no_error (error);
  client = rapport_sync_client_new (store);
  rapport_sync_client_set_token (client, token);
  sqlite3_update_hook (rapport_store_get_db (store), note_contact_write, NULL);
  sqlite3_commit_hook (rapport_store_get_db (store), die_on_third_page, NULL);
  device.store = store;
  device.client = client;
  try_sync (&device, &error);
  return 0;
}

/* Every change the server holds in @scope, uuid → seq, read over HTTP. */
static GHashTable *
server_changes (const char *url,
                const char *token,
                const char *scope)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  GHashTable *seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 after = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *uri = g_strdup_printf ("%s/v1/scopes/%s/changes?after=%" G_GINT64_FORMAT "&limit=1000", url, scope, after);
      g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *answer;
      JsonArray *changes;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error));
      answer = json_node_get_object (json_parser_get_root (parser));
      changes = json_object_get_array_member (answer, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          if (g_strcmp0 (json_object_get_string_member (change, "entity"), "contact") != 0)
            continue;
          g_hash_table_insert (seqs, g_strdup (json_object_get_string_member (change, "uuid")),
                               GSIZE_TO_POINTER (json_object_get_int_member (change, "seq")));
        }
      after = json_object_get_int_member (answer, "cursor");
      more = json_object_get_boolean_member (answer, "more");
    }
  return seqs;
}

/* Killed while applying a page: the file is intact, its cursor never
 * ahead of its data, and the next sync brings the rest. */
static void
test_killed_pull (Fixture *fixture,
                  gconstpointer data)
{
  Device *a = device_new ();
  Device *b = device_new ();
  g_autofree char *path = g_build_filename (b->dir, "rapport.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  gint64 cursor;

  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %04u", i);

      add_contact (a, name, "Somewhere");
    }
  sign_in (a, fixture->url, "ana");
  sync_ok (a);
  token = try_sign_in (b, fixture->url, "ana", NULL, &error);
  g_assert_no_error (error);

  /* The child works on b's file while b's store is closed. */
  g_clear_object (&b->client);
  g_assert_finalize_object (b->store);
  g_subprocess_launcher_setenv (launcher, "RAPPORT_TEST_PULL_CHILD", path, TRUE);
  g_subprocess_launcher_setenv (launcher, "RAPPORT_TEST_PULL_TOKEN", token, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, "/proc/self/exe", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  b->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  b->client = rapport_sync_client_new (b->store);
  rapport_sync_client_set_token (b->client, token);
  {
    g_autofree char *check = rapport_test_sql_text (b->store, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
  /* Two pages landed whole, the third not at all: every record up to the
   * cursor is here, none after it. */
  cursor = rapport_sync_local_get_cursor (b->store, "private");
  g_assert_cmpint (cursor, >, 0);
  {
    g_autoptr (GHashTable) seqs = server_changes (fixture->url, token, "private");
    GHashTableIter iter;
    gpointer uuid, seq;
    guint before = 0;

    g_hash_table_iter_init (&iter, seqs);
    while (g_hash_table_iter_next (&iter, &uuid, &seq))
      {
        gint64 here = rapport_test_sql_int (b->store, "SELECT count(*) FROM contacts WHERE uuid = '%s'", (char *) uuid);

        gboolean up_to_cursor = (gint64) GPOINTER_TO_SIZE (seq) <= cursor;

        g_assert_cmpint (here, ==, up_to_cursor ? 1 : 0);
        before += up_to_cursor;
      }
    g_assert_cmpuint (before, >=, 500);
    g_assert_cmpuint (before, <, 1200);
  }
  sync_ok (b);
  assert_same (a, b);
  device_free (a);
  device_free (b);
}

static gint64
random_live_contact (Device *device,
                     GRand *rand)
{
  gint64 n = rapport_test_sql_int (device->store, "SELECT count(*) FROM contacts WHERE deleted = 0 AND archived = 0");

  if (n == 0)
    return 0;
  return rapport_test_sql_int (device->store,
                               "SELECT id FROM contacts WHERE deleted = 0 AND archived = 0 ORDER BY id LIMIT 1 OFFSET %d",
                               g_rand_int_range (rand, 0, (gint32) n));
}

/* Devices editing, deleting and syncing in a random order while the
 * network fails in every way the proxy knows; once it heals, all agree.
 * The seed is printed; RAPPORT_SIM_SEED=N replays one run. */
static void
test_simulation (Fixture *fixture,
                 gconstpointer data)
{
  enum {
    N_DEVICES = 3,
    N_STEPS = 150
  };
  const char *fixed = g_getenv ("RAPPORT_SIM_SEED");
  guint32 seed = fixed != NULL ? (guint32) g_ascii_strtoull (fixed, NULL, 10) : (guint32) g_test_rand_int ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  RapportTestProxy *proxy = rapport_test_proxy_new (fixture->url);
  static const char *const properties[] = { "company", "notes", "job-title", "help-them" };
  static const char *const paths[] = { "/v1/push", "/v1/scopes", "/v1/me" };
  Device *d[N_DEVICES];

  g_test_message ("simulation seed %u (RAPPORT_SIM_SEED=%u replays it)", seed, seed);
  for (guint i = 0; i < N_DEVICES; i++)
    {
      d[i] = device_new ();
      sign_in (d[i], rapport_test_proxy_get_url (proxy), "ana");
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("Seed %u", i);

      add_contact (d[0], name, "Start");
    }

  for (guint step = 0; step < N_STEPS; step++)
    {
      Device *device = d[g_rand_int_range (rand, 0, N_DEVICES)];
      int what = g_rand_int_range (rand, 0, 100);
      g_autoptr (GError) error = NULL;
      gint64 id = random_live_contact (device, rand);

      if (what < 35 && id != 0)
        {
          g_autoptr (RapportContact) contact = rapport_store_get_contact (device->store, id, &error);
          g_autoptr (RapportContact) draft = rapport_contact_copy (contact);
          g_autofree char *value = g_strdup_printf ("v%u", g_rand_int_range (rand, 0, 1000));

          g_object_set (draft, properties[g_rand_int_range (rand, 0, G_N_ELEMENTS (properties))], value, NULL);
          g_assert_true (rapport_store_update_contact (device->store, draft, &error));
        }
      else if (what < 45)
        {
          g_autofree char *name = g_strdup_printf ("New %u", step);

          add_contact (device, name, "Fresh");
        }
      else if (what < 50 && id != 0)
        {
          g_assert_true (rapport_store_archive_contact (device->store, id, &error));
          g_assert_true (rapport_store_delete_contact (device->store, id, &error));
        }
      else if (what < 60 && id != 0)
        {
          g_assert_cmpint (rapport_store_log_interaction (device->store, id, RAPPORT_INTERACTION_EMAIL,
                                                          1764000000 + step, "Wrote", &error),
                           >, 0);
        }
      else if (what < 85)
        {
          /* Failures are expected here; what matters is the end. */
          try_sync (device, NULL);
        }
      else
        {
          static const RapportTestFault faults[] = {
            RAPPORT_TEST_FAULT_STATUS, RAPPORT_TEST_FAULT_DROP_AFTER, RAPPORT_TEST_FAULT_TWICE
          };
          static const guint statuses[] = { 500, 503, 429 };

          rapport_test_proxy_add_fault (proxy, paths[g_rand_int_range (rand, 0, G_N_ELEMENTS (paths))],
                                        faults[g_rand_int_range (rand, 0, G_N_ELEMENTS (faults))],
                                        statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))], 0,
                                        g_rand_int_range (rand, 1, 3));
        }
      g_assert_no_error (error);
    }

  rapport_test_proxy_clear_faults (proxy);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_DEVICES; i++)
      sync_ok (d[i]);
  for (guint i = 1; i < N_DEVICES; i++)
    assert_same (d[0], d[i]);
  for (guint i = 0; i < N_DEVICES; i++)
    device_free (d[i]);
  rapport_test_proxy_free (proxy);
}

int
main (int argc,
      char **argv)
{
  /* The tests' schema folder has no desktop proxy settings, and the
   * connections are to 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (g_getenv ("RAPPORT_TEST_PULL_CHILD") != NULL)
    return run_pull_child (g_getenv ("RAPPORT_TEST_PULL_CHILD"), g_getenv ("RAPPORT_TEST_PULL_TOKEN"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/rapport/sync/two-devices", Fixture, NULL, fixture_setup, test_two_devices, fixture_teardown);
  g_test_add ("/rapport/sync/three-devices", Fixture, NULL, fixture_setup, test_three_devices, fixture_teardown);
  g_test_add ("/rapport/sync/faults", Fixture, NULL, fixture_setup, test_faults, fixture_teardown);
  g_test_add ("/rapport/sync/malformed-answers", Fixture, NULL, fixture_setup, test_malformed_answers, fixture_teardown);
  g_test_add ("/rapport/sync/expired-cursor", Fixture, NULL, fixture_setup, test_expired_cursor, fixture_teardown);
  g_test_add ("/rapport/sync/clock-skew", Fixture, NULL, fixture_setup, test_clock_skew, fixture_teardown);
  g_test_add ("/rapport/sync/shared-huddle", Fixture, NULL, fixture_setup, test_shared_huddle, fixture_teardown);
  g_test_add_func ("/rapport/sync/tls", test_tls);
  g_test_add_func ("/rapport/sync/addresses", test_addresses);
  g_test_add ("/rapport/sync/wait-for-changes", Fixture, NULL, fixture_setup, test_wait_for_changes, fixture_teardown);
  g_test_add ("/rapport/sync/sample-network", Fixture, NULL, fixture_setup, test_sample_network, fixture_teardown);
  g_test_add ("/rapport/sync/killed-pull", Fixture, NULL, fixture_setup, test_killed_pull, fixture_teardown);
  g_test_add ("/rapport/sync/simulation", Fixture, NULL, fixture_setup, test_simulation, fixture_teardown);
  return g_test_run ();
}
