/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-search-provider.c: org.gnome.Shell.SearchProvider2 over the
 * store's contact search.
 *
 * Typing in the Activities overview asks every provider for results; this
 * one answers from the same full-text search as the contact list, so the
 * Shell finds whom the app's own search bar finds (active contacts, not the
 * archive), with the people whose name matches first. Results are named by
 * contact uuid, which outlives a rename and a sync, unlike the row id.
 *
 * The class uses GIO only: what the Shell asks to open is handed on as the
 * signals "activate-contact" and "launch-search", which the application
 * turns into windows. The tests run it on a private bus without a display.
 */
#define G_LOG_DOMAIN "rapport-search-provider"

#include "config.h"

#include "rapport-search-provider.h"
#include "rapport-text.h"

struct _RapportSearchProvider
{
  GObject parent_instance;

  GApplication *app; /* weak: the application owns the provider */
  RapportStore *store;
  GDBusConnection *connection;
  guint registration_id;
};

G_DEFINE_FINAL_TYPE (RapportSearchProvider, rapport_search_provider, G_TYPE_OBJECT)

enum {
  ACTIVATE_CONTACT,
  LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char introspection_xml[] =
    "<node>"
    "  <interface name='org.gnome.Shell.SearchProvider2'>"
    "    <method name='GetInitialResultSet'>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='as' name='results' direction='out'/>"
    "    </method>"
    "    <method name='GetSubsearchResultSet'>"
    "      <arg type='as' name='previous_results' direction='in'/>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='as' name='results' direction='out'/>"
    "    </method>"
    "    <method name='GetResultMetas'>"
    "      <arg type='as' name='identifiers' direction='in'/>"
    "      <arg type='aa{sv}' name='metas' direction='out'/>"
    "    </method>"
    "    <method name='ActivateResult'>"
    "      <arg type='s' name='identifier' direction='in'/>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='u' name='timestamp' direction='in'/>"
    "    </method>"
    "    <method name='LaunchSearch'>"
    "      <arg type='as' name='terms' direction='in'/>"
    "      <arg type='u' name='timestamp' direction='in'/>"
    "    </method>"
    "  </interface>"
    "</node>";

/**
 * rapport_search_provider_new:
 * @app: (nullable): the application to keep running while the Shell waits
 *   for an answer, when it was started only to answer
 *
 * Returns: (transfer full): a provider with no store yet; until it has
 *   one it finds nobody
 */
RapportSearchProvider *
rapport_search_provider_new (GApplication *app)
{
  RapportSearchProvider *self = g_object_new (RAPPORT_TYPE_SEARCH_PROVIDER, NULL);

  g_return_val_if_fail (app == NULL || G_IS_APPLICATION (app), NULL);
  if (app != NULL)
    g_set_weak_pointer (&self->app, app);
  return self;
}

/**
 * rapport_search_provider_set_store:
 * @self: a provider
 * @store: (nullable): the store to search
 *
 * The application registers on the bus before it opens the store, so the
 * store comes later; a store that could not be opened leaves it %NULL.
 */
void
rapport_search_provider_set_store (RapportSearchProvider *self,
                                   RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));
  g_set_object (&self->store, store);
}

static char *
join_terms (const char *const *terms)
{
  if (terms == NULL)
    return g_strdup ("");
  return g_strjoinv (" ", (char **) terms);
}

/* Adds the uuids of the contacts @query finds to @uuids, in name order,
 * skipping those already there, until it holds the most the Shell is
 * told. */
static void
collect (RapportSearchProvider *self,
         const RapportContactQuery *query,
         GPtrArray *uuids)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  if (!rapport_store_query_contact_ids (self->store, query, ids, &error))
    {
      g_warning ("Search for the Shell failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < ids->len && uuids->len < RAPPORT_SEARCH_PROVIDER_MAX_RESULTS; i++)
    {
      g_autoptr(RapportContact) contact = rapport_store_get_contact (self->store, g_array_index (ids, gint64, i), NULL);
      const char *uuid = contact != NULL ? rapport_contact_get_uuid (contact) : NULL;

      if (uuid != NULL && !g_ptr_array_find_with_equal_func (uuids, uuid, g_str_equal, NULL))
        g_ptr_array_add (uuids, g_strdup (uuid));
    }
}

/**
 * rapport_search_provider_search:
 * @self: a provider
 * @terms: (nullable): the words typed, as the Shell splits them
 *
 * The active contacts whose name, company, industry, tags or notes have
 * words starting with every term, as the contact list's search finds
 * them, at most %RAPPORT_SEARCH_PROVIDER_MAX_RESULTS. Those whose name
 * matches come first: someone typing "rohan" in the overview is looking
 * for Rohan, not for whoever Rohan introduced, whose notes say so. Each
 * part is in name order. Terms with no letter or digit find nobody
 * rather than everybody.
 *
 * Returns: (transfer full): the contacts' uuids
 */
GStrv
rapport_search_provider_search (RapportSearchProvider *self,
                                const char *const *terms)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = join_terms (terms);
  g_autofree char *match = rapport_text_fts_query (text);
  RapportContactQuery names = { .search = text, .relationship = -1, .names_only = TRUE };
  RapportContactQuery anything = { .search = text, .relationship = -1 };

  g_return_val_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self), NULL);

  /* Without a word the store's query lists everybody: that is the list
   * with an empty search bar, not an answer to a search. */
  if (self->store != NULL && match != NULL)
    {
      collect (self, &names, uuids);
      if (uuids->len < RAPPORT_SEARCH_PROVIDER_MAX_RESULTS)
        collect (self, &anything, uuids);
    }
  g_ptr_array_add (uuids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&uuids), FALSE);
}

static RapportContact *
find_contact (RapportSearchProvider *self,
              const char *uuid)
{
  gint64 id;

  if (self->store == NULL)
    return NULL;
  id = rapport_store_find_contact (self->store, uuid);
  return id != 0 ? rapport_store_get_contact (self->store, id, NULL) : NULL;
}

static GVariant *
result_metas (RapportSearchProvider *self,
              const char *const *uuids)
{
  g_autoptr(GIcon) icon = g_themed_icon_new ("avatar-default-symbolic");
  g_autoptr(GVariant) serialized_icon = g_icon_serialize (icon);
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; uuids[i] != NULL; i++)
    {
      g_autoptr(RapportContact) contact = find_contact (self, uuids[i]);
      const char *subtitle;
      GVariantBuilder meta;

      /* A contact deleted, or synced away, since the search: the Shell
       * shows the others. */
      if (contact == NULL)
        continue;
      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (uuids[i]));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (rapport_contact_get_display_name (contact)));
      subtitle = rapport_contact_get_subtitle (contact);
      if (subtitle != NULL && *subtitle != '\0')
        g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (subtitle));
      g_variant_builder_add (&meta, "{sv}", "icon", serialized_icon);
      g_variant_builder_add_value (&metas, g_variant_builder_end (&meta));
    }
  return g_variant_builder_end (&metas);
}

static void
method_call (GDBusConnection *connection,
             const char *sender,
             const char *object_path,
             const char *interface_name,
             const char *method_name,
             GVariant *parameters,
             GDBusMethodInvocation *invocation,
             gpointer user_data)
{
  RapportSearchProvider *self = user_data;
  g_autoptr(GApplication) app = self->app != NULL ? g_object_ref (self->app) : NULL;

  /* Started by the Shell only to answer, the application would otherwise
   * quit when its inactivity timeout runs out mid-search. */
  if (app != NULL)
    g_application_hold (app);

  if (g_str_equal (method_name, "GetInitialResultSet") || g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **terms = NULL;
      g_auto(GStrv) results = NULL;

      /* A subsearch searches afresh rather than within the previous
       * results: those were cut to the first few, and a longer word can
       * find someone who was beyond the cut. */
      if (g_str_equal (method_name, "GetInitialResultSet"))
        g_variant_get (parameters, "(^a&s)", &terms);
      else
        g_variant_get (parameters, "(@as^a&s)", NULL, &terms);
      results = rapport_search_provider_search (self, terms);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", results));
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autofree const char **uuids = NULL;

      g_variant_get (parameters, "(^a&s)", &uuids);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@aa{sv})", result_metas (self, uuids)));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *uuid = NULL;
      guint32 timestamp = 0;
      gint64 id = 0;

      g_variant_get (parameters, "(&sasu)", &uuid, NULL, &timestamp);
      if (self->store != NULL)
        id = rapport_store_find_contact (self->store, uuid);
      /* Answer first: opening the window may take a moment, and the Shell
       * does not wait for it. */
      g_dbus_method_invocation_return_value (invocation, NULL);
      if (id != 0)
        g_signal_emit (self, signals[ACTIVATE_CONTACT], 0, id, timestamp);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree const char **terms = NULL;
      g_autofree char *text = NULL;
      guint32 timestamp = 0;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      text = join_terms (terms);
      g_dbus_method_invocation_return_value (invocation, NULL);
      g_signal_emit (self, signals[LAUNCH_SEARCH], 0, text, timestamp);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);

  if (app != NULL)
    g_application_release (app);
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

/**
 * rapport_search_provider_export:
 * @self: a provider
 * @connection: the session bus
 * @object_path: where the Shell looks for it, as the search-provider
 *   file says
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the provider answers at @object_path
 */
gboolean
rapport_search_provider_export (RapportSearchProvider *self,
                                GDBusConnection *connection,
                                const char *object_path,
                                GError **error)
{
  g_autoptr(GDBusNodeInfo) node = NULL;

  g_return_val_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  node = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (node == NULL)
    return FALSE;
  self->registration_id = g_dbus_connection_register_object (connection, object_path, node->interfaces[0],
                                                             &vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
rapport_search_provider_unexport (RapportSearchProvider *self)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

static void
rapport_search_provider_dispose (GObject *object)
{
  RapportSearchProvider *self = RAPPORT_SEARCH_PROVIDER (object);

  rapport_search_provider_unexport (self);
  g_clear_weak_pointer (&self->app);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_search_provider_parent_class)->dispose (object);
}

static void
rapport_search_provider_class_init (RapportSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_search_provider_dispose;

  /**
   * RapportSearchProvider::activate-contact:
   * @contact_id: the contact chosen in the Shell
   * @timestamp: the time of the click, for presenting the window
   */
  signals[ACTIVATE_CONTACT] = g_signal_new ("activate-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
  /**
   * RapportSearchProvider::launch-search:
   * @text: the words typed in the Shell
   * @timestamp: the time of the click, for presenting the window
   */
  signals[LAUNCH_SEARCH] = g_signal_new ("launch-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
rapport_search_provider_init (RapportSearchProvider *self)
{
}
