/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync.c: devices, each its own database file, syncing through a real
 * rapport-server on 127.0.0.1, sometimes through a proxy that fails on
 * purpose. Every test ends by comparing what the devices hold. */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rapport-contact.h"
#include "rapport-huddle.h"
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
  g_assert_finalize_object (device->client);
  g_assert_finalize_object (device->store);
  rapport_test_remove_tree (device->dir);
  g_free (device->dir);
  g_free (device);
}

typedef struct
{
  gboolean done;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static char *
try_sign_in (Device *device,
             const char *url,
             const char *user,
             const char *invitation,
             GError **error)
{
  Wait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;

  rapport_sync_client_sign_in_async (device->client, url, user, PASSWORD, invitation, "Test device",
                                     NULL, on_done, &wait);
  result = wait_for (&wait);
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
  Wait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;

  rapport_sync_client_sync_async (device->client, NULL, on_done, &wait);
  result = wait_for (&wait);
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
  Wait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *code;

  rapport_sync_client_invite_async (device->client, huddle_uuid, NULL, on_done, &wait);
  result = wait_for (&wait);
  code = rapport_sync_client_invite_finish (device->client, result, &error);
  g_assert_no_error (error);
  return code;
}

static void
leave (Device *device,
       const char *huddle_uuid)
{
  Wait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  rapport_sync_client_leave_async (device->client, huddle_uuid, NULL, on_done, &wait);
  result = wait_for (&wait);
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
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddle_members WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM attendance WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM referrals WHERE deleted = 0"), ==, 1);
  /* Rita's card came with her public fields only. */
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM contacts WHERE display_name = 'Rita Ruiz'"
                                                     " AND company = 'Ruiz Realty' AND notes IS NULL"),
                   ==, 1);
  /* Ana is a person to Ben; Ben's private scope has none of Ana's cards. */
  g_assert_cmpint (rapport_test_sql_int (ben->store, "SELECT count(*) FROM huddle_members WHERE contact_id IS NULL"), ==, 0);

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

int
main (int argc,
      char **argv)
{
  /* The tests' schema folder has no desktop proxy settings, and the
   * connections are to 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/rapport/sync/two-devices", Fixture, NULL, fixture_setup, test_two_devices, fixture_teardown);
  g_test_add ("/rapport/sync/three-devices", Fixture, NULL, fixture_setup, test_three_devices, fixture_teardown);
  g_test_add ("/rapport/sync/faults", Fixture, NULL, fixture_setup, test_faults, fixture_teardown);
  g_test_add ("/rapport/sync/expired-cursor", Fixture, NULL, fixture_setup, test_expired_cursor, fixture_teardown);
  g_test_add ("/rapport/sync/clock-skew", Fixture, NULL, fixture_setup, test_clock_skew, fixture_teardown);
  g_test_add ("/rapport/sync/shared-huddle", Fixture, NULL, fixture_setup, test_shared_huddle, fixture_teardown);
  return g_test_run ();
}
