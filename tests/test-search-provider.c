/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search-provider.c: GNOME Shell's search, over a private D-Bus.
 *
 * The provider answers from a real store in a temporary folder, exported
 * on one connection to a private message bus (GTestDBus); the test calls it
 * from a second connection, as the Shell would, at the object path the
 * installed search-provider file names. Calls are asynchronous and the
 * test iterates the main context, where the provider answers, until the
 * reply comes. No display is needed.
 */
#define G_LOG_DOMAIN "test-search-provider"

#include "config.h"

#include "rapport-search-provider.h"
#include "rapport-test-util.h"

#define IFACE "org.gnome.Shell.SearchProvider2"

static GTestDBus *bus;

typedef struct
{
  RapportTestStore base;
  RapportSearchProvider *provider;
  GDBusConnection *service; /* where the provider is exported */
  GDBusConnection *client;  /* the Shell's side */
  char *object_path;
  gint64 john, johanna, jose, priya, nobody, johnny;
  char *john_uuid, *johanna_uuid, *jose_uuid, *priya_uuid, *nobody_uuid, *johnny_uuid;
} ProviderFixture;

static gint64
add (RapportStore *store,
     const char *name,
     const char *job_title,
     const char *company,
     char **uuid)
{
  g_autoptr(RapportContact) contact = rapport_contact_new (name);
  g_autoptr(GError) error = NULL;

  rapport_contact_set_job_title (contact, job_title);
  rapport_contact_set_company (contact, company);
  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  *uuid = g_strdup (rapport_contact_get_uuid (contact));
  g_assert_true (g_uuid_string_is_valid (*uuid));
  return rapport_contact_get_id (contact);
}

static GDBusConnection *
connect_to_bus (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection =
      g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                              G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                  G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                              NULL, NULL, &error);

  g_assert_no_error (error);
  return connection;
}

/* The search-provider file as the build configured it for this profile. */
static GKeyFile *
load_provider_file (void)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_key_file_load_from_file (file, SEARCH_PROVIDER_FILE, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&file);
}

static void
provider_setup (ProviderFixture *fixture,
                gconstpointer data)
{
  g_autoptr(GKeyFile) file = load_provider_file ();
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  rapport_test_store_setup (&fixture->base, data);
  store = fixture->base.store;
  fixture->john = add (store, "John Smith", "Broker", "Acme Realty", &fixture->john_uuid);
  fixture->johanna = add (store, "Johanna Brown", NULL, "Globex", &fixture->johanna_uuid);
  fixture->jose = add (store, "José Álvarez", "Loan officer", NULL, &fixture->jose_uuid);
  fixture->priya = add (store, "Priya Patel", "Lawyer", "Smithson & Co", &fixture->priya_uuid);
  fixture->nobody = add (store, "Nobody Special", NULL, NULL, &fixture->nobody_uuid);
  fixture->johnny = add (store, "Johnny Archived", NULL, "Acme Realty", &fixture->johnny_uuid);
  g_assert_true (rapport_store_archive_contact (store, fixture->johnny, &error));
  g_assert_no_error (error);

  fixture->object_path = g_key_file_get_string (file, "Shell Search Provider", "ObjectPath", &error);
  g_assert_no_error (error);
  fixture->service = connect_to_bus ();
  fixture->client = connect_to_bus ();
  fixture->provider = rapport_search_provider_new (NULL);
  rapport_search_provider_set_store (fixture->provider, store);
  g_assert_true (rapport_search_provider_export (fixture->provider, fixture->service, fixture->object_path, &error));
  g_assert_no_error (error);
}

static void
provider_teardown (ProviderFixture *fixture,
                   gconstpointer data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->provider));
  g_dbus_connection_close_sync (fixture->client, NULL, NULL);
  g_dbus_connection_close_sync (fixture->service, NULL, NULL);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->service);
  g_free (fixture->object_path);
  g_free (fixture->john_uuid);
  g_free (fixture->johanna_uuid);
  g_free (fixture->jose_uuid);
  g_free (fixture->priya_uuid);
  g_free (fixture->nobody_uuid);
  g_free (fixture->johnny_uuid);
  rapport_test_store_teardown (&fixture->base, data);
}

/* Calls @method as the Shell does and waits for the answer. */
static GVariant *
call (ProviderFixture *fixture,
      const char *method,
      GVariant *parameters,
      const char *reply_type)
{
  RapportTestWait wait = { 0 };
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (fixture->client, g_dbus_connection_get_unique_name (fixture->service),
                          fixture->object_path, IFACE, method, parameters, G_VARIANT_TYPE (reply_type),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, rapport_test_wait_done, &wait);
  rapport_test_wait (&wait, 15);
  reply = g_dbus_connection_call_finish (fixture->client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  return reply;
}

static GStrv
initial (ProviderFixture *fixture,
         const char *const *terms)
{
  g_autoptr(GVariant) reply = call (fixture, "GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  GStrv results = NULL;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

static GStrv
subsearch (ProviderFixture *fixture,
           const char *const *previous,
           const char *const *terms)
{
  g_autoptr(GVariant) reply =
                 call (fixture, "GetSubsearchResultSet", g_variant_new ("(^as^as)", previous, terms), "(as)");
  GStrv results = NULL;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

static void
assert_results (GStrv results,
                ...)
{
  va_list args;
  guint n = 0;
  const char *expected;

  va_start (args, results);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (results[n]);
      g_assert_cmpstr (results[n], ==, expected);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (g_strv_length (results), ==, n);
}

static void
test_file (void)
{
  g_autoptr(GKeyFile) file = load_provider_file ();
  g_autofree char *path = g_strdelimit (g_strdup (APPLICATION_ID), ".", '/');
  g_autofree char *object_path = g_strconcat ("/", path, "/SearchProvider", NULL);
  g_autofree char *desktop_id = g_strconcat (APPLICATION_ID, ".desktop", NULL);
  g_autofree char *value = NULL;

  /* The Shell starts the application by this name and finds its launcher
   * by this id: both follow the profile's application id. */
  value = g_key_file_get_string (file, "Shell Search Provider", "BusName", NULL);
  g_assert_cmpstr (value, ==, APPLICATION_ID);
  g_free (value);
  value = g_key_file_get_string (file, "Shell Search Provider", "DesktopId", NULL);
  g_assert_cmpstr (value, ==, desktop_id);
  g_free (value);
  value = g_key_file_get_string (file, "Shell Search Provider", "ObjectPath", NULL);
  g_assert_cmpstr (value, ==, object_path);
  g_assert_true (g_variant_is_object_path (value));
  g_assert_cmpint (g_key_file_get_integer (file, "Shell Search Provider", "Version", NULL), ==, 2);
}

static void
test_initial (ProviderFixture *fixture,
              gconstpointer data)
{
  const char *const jo[] = { "jo", NULL };
  const char *const acme[] = { "acme", NULL };
  const char *const smith[] = { "Smith", NULL };
  const char *const accents[] = { "jose", "alv", NULL };
  g_auto(GStrv) results = NULL;

  /* Prefixes of any word, in name order; the archive is not searched. */
  results = initial (fixture, jo);
  assert_results (results, fixture->johanna_uuid, fixture->john_uuid, fixture->jose_uuid, NULL);
  g_strfreev (results);

  /* Companies too, as in the app's own search bar. */
  results = initial (fixture, acme);
  assert_results (results, fixture->john_uuid, NULL);
  g_strfreev (results);

  results = initial (fixture, smith);
  assert_results (results, fixture->john_uuid, fixture->priya_uuid, NULL);
  g_strfreev (results);

  /* Every term must match, without regard to accents. */
  results = initial (fixture, accents);
  assert_results (results, fixture->jose_uuid, NULL);
}

/* Whose name matches comes before whose company or notes do, even when
 * that name sorts later. */
static void
test_names_first (ProviderFixture *fixture,
                  gconstpointer data)
{
  const char *const johanna[] = { "johanna", NULL };
  const char *const smith[] = { "smith", NULL };
  g_autoptr(RapportContact) aaron = rapport_contact_new ("Aaron Abbott");
  g_autoptr(RapportContact) adam = rapport_contact_new ("Adam Smithers");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) results = NULL;

  rapport_contact_set_notes (aaron, "Johanna introduced us at the chamber lunch.");
  g_assert_true (rapport_store_create_contact (fixture->base.store, aaron, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_create_contact (fixture->base.store, adam, NULL, &error));
  g_assert_no_error (error);

  results = initial (fixture, johanna);
  assert_results (results, fixture->johanna_uuid, rapport_contact_get_uuid (aaron), NULL);
  g_strfreev (results);

  /* Names in name order, then the rest in name order: Priya's company is
   * Smithson & Co. */
  results = initial (fixture, smith);
  assert_results (results, rapport_contact_get_uuid (adam), fixture->john_uuid, fixture->priya_uuid, NULL);
}

static void
test_subsearch (ProviderFixture *fixture,
                gconstpointer data)
{
  const char *const jo[] = { "jo", NULL };
  const char *const joh[] = { "joh", NULL };
  const char *const jo_sm[] = { "jo", "sm", NULL };
  const char *const none[] = { "joz", NULL };
  g_auto(GStrv) first = initial (fixture, jo);
  g_auto(GStrv) narrower = subsearch (fixture, (const char *const *) first, joh);
  g_auto(GStrv) two_words = subsearch (fixture, (const char *const *) narrower, jo_sm);
  g_auto(GStrv) nothing = subsearch (fixture, (const char *const *) two_words, none);

  assert_results (first, fixture->johanna_uuid, fixture->john_uuid, fixture->jose_uuid, NULL);
  assert_results (narrower, fixture->johanna_uuid, fixture->john_uuid, NULL);
  assert_results (two_words, fixture->john_uuid, NULL);
  assert_results (nothing, NULL);
}

/* The Shell shows a few results: the answer stops at the limit, in name
 * order, and a longer word still finds someone past the first answer's cut. */
static void
test_limit (ProviderFixture *fixture,
            gconstpointer data)
{
  const char *const alex[] = { "alex", NULL };
  const char *const alex_24[] = { "alex", "24", NULL };
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) narrower = NULL;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Alex %02u", i);
      char *uuid = NULL;

      add (fixture->base.store, name, NULL, NULL, &uuid);
      g_ptr_array_add (uuids, uuid);
    }

  first = initial (fixture, alex);
  g_assert_cmpuint (g_strv_length (first), ==, RAPPORT_SEARCH_PROVIDER_MAX_RESULTS);
  for (guint i = 0; i < RAPPORT_SEARCH_PROVIDER_MAX_RESULTS; i++)
    g_assert_cmpstr (first[i], ==, g_ptr_array_index (uuids, i));
  g_assert_false (g_strv_contains ((const char *const *) first, g_ptr_array_index (uuids, 24)));

  narrower = subsearch (fixture, (const char *const *) first, alex_24);
  assert_results (narrower, g_ptr_array_index (uuids, 24), NULL);
}

typedef struct
{
  char *id;
  char *name;
  char *description;
  GIcon *icon;
} Meta;

static void
meta_free (Meta *meta)
{
  g_free (meta->id);
  g_free (meta->name);
  g_free (meta->description);
  g_clear_object (&meta->icon);
  g_free (meta);
}

static GPtrArray *
metas (ProviderFixture *fixture,
       const char *const *ids)
{
  g_autoptr(GVariant) reply = call (fixture, "GetResultMetas", g_variant_new ("(^as)", ids), "(aa{sv})");
  g_autoptr(GVariantIter) iter = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) meta_free);
  GVariant *dict;

  g_variant_get (reply, "(aa{sv})", &iter);
  while ((dict = g_variant_iter_next_value (iter)) != NULL)
    {
      Meta *meta = g_new0 (Meta, 1);
      g_autoptr(GVariant) icon = g_variant_lookup_value (dict, "icon", NULL);

      g_assert_true (g_variant_lookup (dict, "id", "s", &meta->id));
      g_assert_true (g_variant_lookup (dict, "name", "s", &meta->name));
      g_variant_lookup (dict, "description", "s", &meta->description);
      g_assert_nonnull (icon);
      meta->icon = g_icon_deserialize (icon);
      g_assert_nonnull (meta->icon);
      g_ptr_array_add (out, meta);
      g_variant_unref (dict);
    }
  return out;
}

static void
test_metas (ProviderFixture *fixture,
            gconstpointer data)
{
  const char *const ids[] = { fixture->john_uuid, fixture->johanna_uuid, fixture->jose_uuid,
                              fixture->nobody_uuid, NULL };
  g_autoptr(GPtrArray) found = metas (fixture, ids);
  Meta *m;

  g_assert_cmpuint (found->len, ==, 4);

  /* In the order asked, each with its id, name and "title · company". */
  m = g_ptr_array_index (found, 0);
  g_assert_cmpstr (m->id, ==, fixture->john_uuid);
  g_assert_cmpstr (m->name, ==, "John Smith");
  g_assert_cmpstr (m->description, ==, "Broker · Acme Realty");
  g_assert_true (G_IS_THEMED_ICON (m->icon));
  g_assert_true (g_strv_contains (g_themed_icon_get_names (G_THEMED_ICON (m->icon)), "avatar-default-symbolic"));

  m = g_ptr_array_index (found, 1);
  g_assert_cmpstr (m->name, ==, "Johanna Brown");
  g_assert_cmpstr (m->description, ==, "Globex");
  m = g_ptr_array_index (found, 2);
  g_assert_cmpstr (m->name, ==, "José Álvarez");
  g_assert_cmpstr (m->description, ==, "Loan officer");

  /* Nothing to say is no description rather than an empty line. */
  m = g_ptr_array_index (found, 3);
  g_assert_cmpstr (m->name, ==, "Nobody Special");
  g_assert_null (m->description);
}

/* Ids the Shell kept from an earlier search may name a contact deleted
 * since, or nothing at all: they are left out, and the rest answered. */
static void
test_unknown_ids (ProviderFixture *fixture,
                  gconstpointer data)
{
  const char *const ids[] = { "no-such-contact", fixture->priya_uuid, "", fixture->jose_uuid, NULL };
  const char *const only_unknown[] = { "00000000-0000-4000-8000-000000000000", NULL };
  const char *const empty[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) nothing_asked = NULL;
  g_autoptr(GVariant) reply = NULL;

  /* Deleting for good is possible only from the archive. */
  g_assert_true (rapport_store_archive_contact (fixture->base.store, fixture->jose, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_delete_contact (fixture->base.store, fixture->jose, &error));
  g_assert_no_error (error);

  found = metas (fixture, ids);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((Meta *) g_ptr_array_index (found, 0))->id, ==, fixture->priya_uuid);

  none = metas (fixture, only_unknown);
  g_assert_cmpuint (none->len, ==, 0);
  nothing_asked = metas (fixture, empty);
  g_assert_cmpuint (nothing_asked->len, ==, 0);

  /* Activating one answers without error and opens nothing. */
  reply = call (fixture, "ActivateResult", g_variant_new ("(s^asu)", fixture->jose_uuid, empty, 0), "()");
}

static void
test_empty_terms (ProviderFixture *fixture,
                  gconstpointer data)
{
  const char *const no_terms[] = { NULL };
  const char *const blank[] = { "", "  ", NULL };
  const char *const punctuation[] = { "--", "*", "\"", NULL };
  const char *const fts_syntax[] = { "NEAR(", "OR", "jo*)", NULL };
  g_auto(GStrv) a = initial (fixture, no_terms);
  g_auto(GStrv) b = initial (fixture, blank);
  g_auto(GStrv) c = initial (fixture, punctuation);
  g_auto(GStrv) d = subsearch (fixture, no_terms, blank);
  g_auto(GStrv) e = initial (fixture, fts_syntax);

  /* No word finds nobody, rather than every contact. */
  assert_results (a, NULL);
  assert_results (b, NULL);
  assert_results (c, NULL);
  assert_results (d, NULL);
  /* What means something to the full-text index is only words here. */
  assert_results (e, NULL);
}

typedef struct
{
  guint activated;
  gint64 contact_id;
  guint launched;
  char *text;
  guint timestamp;
} Heard;

static void
on_activate_contact (RapportSearchProvider *provider,
                     gint64 contact_id,
                     guint timestamp,
                     Heard *heard)
{
  heard->activated++;
  heard->contact_id = contact_id;
  heard->timestamp = timestamp;
}

static void
on_launch_search (RapportSearchProvider *provider,
                  const char *text,
                  guint timestamp,
                  Heard *heard)
{
  heard->launched++;
  g_free (heard->text);
  heard->text = g_strdup (text);
  heard->timestamp = timestamp;
}

static void
test_activate (ProviderFixture *fixture,
               gconstpointer data)
{
  const char *const jo_sm[] = { "jo", "sm", NULL };
  Heard heard = { 0 };
  g_autoptr(GVariant) activated = NULL;
  g_autoptr(GVariant) launched = NULL;
  g_autoptr(GVariant) archived = NULL;

  g_signal_connect (fixture->provider, "activate-contact", G_CALLBACK (on_activate_contact), &heard);
  g_signal_connect (fixture->provider, "launch-search", G_CALLBACK (on_launch_search), &heard);

  activated = call (fixture, "ActivateResult", g_variant_new ("(s^asu)", fixture->john_uuid, jo_sm, 1234), "()");
  g_assert_cmpuint (heard.activated, ==, 1);
  g_assert_cmpint (heard.contact_id, ==, fixture->john);
  g_assert_cmpuint (heard.timestamp, ==, 1234);

  /* An archived contact, found by an earlier search, still opens. */
  archived = call (fixture, "ActivateResult", g_variant_new ("(s^asu)", fixture->johnny_uuid, jo_sm, 1300), "()");
  g_assert_cmpuint (heard.activated, ==, 2);
  g_assert_cmpint (heard.contact_id, ==, fixture->johnny);

  launched = call (fixture, "LaunchSearch", g_variant_new ("(^asu)", jo_sm, 99), "()");
  g_assert_cmpuint (heard.launched, ==, 1);
  g_assert_cmpstr (heard.text, ==, "jo sm");
  g_assert_cmpuint (heard.timestamp, ==, 99);
  g_assert_cmpuint (heard.activated, ==, 2);

  g_signal_handlers_disconnect_by_data (fixture->provider, &heard);
  g_free (heard.text);
}

/* Results are named by uuid, which a rename does not change. */
static void
test_stable_ids (ProviderFixture *fixture,
                 gconstpointer data)
{
  const char *const smith[] = { "smith", NULL };
  const char *const jon[] = { "jonathan", NULL };
  g_autoptr(RapportContact) john = rapport_store_get_contact (fixture->base.store, fixture->john, NULL);
  g_autoptr(RapportContact) draft = rapport_contact_copy (john);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = initial (fixture, smith);
  g_auto(GStrv) after = NULL;
  g_autoptr(GPtrArray) found = NULL;

  rapport_contact_set_display_name (draft, "Jonathan Smith");
  g_assert_true (rapport_store_update_contact (fixture->base.store, draft, &error));
  g_assert_no_error (error);

  after = initial (fixture, jon);
  assert_results (after, before[0], NULL);
  found = metas (fixture, (const char *const *) after);
  g_assert_cmpstr (((Meta *) g_ptr_array_index (found, 0))->name, ==, "Jonathan Smith");
}

/* Until the application has opened the store, or when it could not, the
 * provider answers, finding nobody. */
static void
test_no_store (ProviderFixture *fixture,
               gconstpointer data)
{
  const char *const jo[] = { "jo", NULL };
  const char *const ids[] = { fixture->john_uuid, NULL };
  g_auto(GStrv) results = NULL;
  g_autoptr(GPtrArray) found = NULL;

  rapport_search_provider_set_store (fixture->provider, NULL);
  results = initial (fixture, jo);
  assert_results (results, NULL);
  found = metas (fixture, ids);
  g_assert_cmpuint (found->len, ==, 0);
}

/* Unexported, the path answers no more; exported again, it does. */
static void
test_unexport (ProviderFixture *fixture,
               gconstpointer data)
{
  const char *const jo[] = { "jo", NULL };
  RapportTestWait wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_auto(GStrv) results = NULL;

  rapport_search_provider_unexport (fixture->provider);
  g_dbus_connection_call (fixture->client, g_dbus_connection_get_unique_name (fixture->service),
                          fixture->object_path, IFACE, "GetInitialResultSet", g_variant_new ("(^as)", jo),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, rapport_test_wait_done, &wait);
  rapport_test_wait (&wait, 15);
  reply = g_dbus_connection_call_finish (fixture->client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_null (reply);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD);

  g_assert_true (rapport_search_provider_export (fixture->provider, fixture->service, fixture->object_path, NULL));
  results = initial (fixture, jo);
  g_assert_cmpuint (g_strv_length (results), ==, 3);
}

int
main (int argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  g_test_add_func ("/rapport/search-provider/file", test_file);
#define ADD(path, fn) \
  g_test_add ("/rapport/search-provider/" path, ProviderFixture, NULL, provider_setup, fn, provider_teardown)
  ADD ("initial", test_initial);
  ADD ("names-first", test_names_first);
  ADD ("subsearch", test_subsearch);
  ADD ("limit", test_limit);
  ADD ("metas", test_metas);
  ADD ("unknown-ids", test_unknown_ids);
  ADD ("empty-terms", test_empty_terms);
  ADD ("activate", test_activate);
  ADD ("stable-ids", test_stable_ids);
  ADD ("no-store", test_no_store);
  ADD ("unexport", test_unexport);
#undef ADD

  status = g_test_run ();
  g_test_dbus_down (bus);
  g_clear_object (&bus);
  return status;
}
