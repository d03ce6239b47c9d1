/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-application.c: start-up, command line, app-wide actions.
 *
 * The application opens the store once. If the file cannot be used, the
 * error is kept and the window explains it; nothing is created in its
 * place. The command line can fill a database with a generated network
 * or import contact files without opening a window (rapport-commands.c).
 *
 * It also owns the store's sync client. A store that remembers a server
 * and an account signs itself in with the token from the keyring; a
 * keyring that cannot be reached leaves it signed out, and the reason is
 * kept for the Sync page of Preferences to show.
 *
 * On the session bus it also answers GNOME Shell's search, at the object
 * path the search-provider file names: the application's own path plus
 * /SearchProvider, so that the development build answers at its own.
 */
#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "rapport-application.h"
#include "rapport-commands.h"
#include "rapport-first-frame.h"
#include "rapport-preferences-window.h"
#include "rapport-search-provider.h"
#include "rapport-sync-secret.h"
#include "rapport-text.h"
#include "rapport-window.h"

struct _RapportApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  RapportStore *store;
  GError *store_error;
  gboolean notified;

  RapportSyncClient *sync;
  GCancellable *cancellable; /* the keyring lookup at start-up */
  char *keyring_error;

  RapportSearchProvider *search_provider;
};

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

#define SEARCH_SERVICE_TIMEOUT_MS 20000

enum {
  PROP_0,
  PROP_KEYRING_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RapportApplication *
rapport_application_new (void)
{
  return g_object_new (RAPPORT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

RapportStore *
rapport_application_get_store (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  return self->store;
}

const GError *
rapport_application_get_store_error (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  return self->store_error;
}

GSettings *
rapport_application_get_settings (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * rapport_application_get_sync:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the sync client of the store, or
 *   %NULL when the store could not be opened
 */
RapportSyncClient *
rapport_application_get_sync (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  return self->sync;
}

/**
 * rapport_application_get_keyring_error:
 * @self: the application
 *
 * Returns: (nullable): why the keyring could not read or keep this
 *   computer's sign-in, in plain words, or %NULL when it could
 */
const char *
rapport_application_get_keyring_error (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  return self->keyring_error;
}

void
rapport_application_set_keyring_error (RapportApplication *self,
                                       const char *message)
{
  g_return_if_fail (RAPPORT_IS_APPLICATION (self));

  if (g_strcmp0 (self->keyring_error, message) == 0)
    return;
  g_free (self->keyring_error);
  self->keyring_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_ERROR]);
}

static void
on_token_found (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = rapport_sync_secret_lookup_finish (result, &error);
  g_autoptr(RapportApplication) self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (token == NULL)
    {
      /* No token is the usual state after signing out: nothing to say. */
      if (error != NULL)
        {
          g_autofree char *message =
              g_strdup_printf (_("The keyring could not be read (%s), so Rapport cannot sign in to sync by itself. "
                                 "Sign in again below."),
                                  error->message);

          g_debug ("Keyring lookup failed: %s", error->message);
          rapport_application_set_keyring_error (self, message);
        }
      return;
    }
  rapport_sync_client_set_token (self->sync, token);
  rapport_sync_client_start (self->sync);
}

/* The keyring may be slow to answer, or locked and asking for its
 * password: the window opens meanwhile, signed out until it answers. */
static void
restore_sign_in (RapportApplication *self)
{
  g_autofree char *server = rapport_sync_client_get_server (self->sync);
  g_autofree char *user = rapport_sync_client_get_user (self->sync);

  /* Signed out: no token to look for, and no reason to wake (or ask to
   * unlock) the keyring at every start. */
  if (server == NULL || user == NULL || !rapport_sync_client_has_device (self->sync))
    return;
  self->cancellable = g_cancellable_new ();
  rapport_sync_secret_lookup_async (server, user, self->cancellable, on_token_found, g_object_ref (self));
}

static void
on_token_kept (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr(RapportApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rapport_sync_secret_store_finish (result, &error))
    {
      rapport_application_set_keyring_error (self, NULL);
      return;
    }
  {
    g_autofree char *message =
        g_strdup_printf (_("The keyring could not keep this computer’s sign-in (%s). Rapport syncs until you quit, "
                           "and will ask you to sign in again next time."),
                            error->message);

    g_debug ("Keyring store failed: %s", error->message);
    rapport_application_set_keyring_error (self, message);
  }
}

/**
 * rapport_application_keep_sign_in:
 * @self: the application
 * @token: the token the sync client was just given by signing in
 *
 * Keeps @token in the keyring for the next start, and starts syncing. A
 * keyring that refuses it costs only the next start's sign-in: the client
 * holds the token for this session.
 */
void
rapport_application_keep_sign_in (RapportApplication *self,
                                  const char *token)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (self->sync != NULL);

  /* The sign-in itself may be newer than a lookup still waiting. */
  g_cancellable_cancel (self->cancellable);
  server = rapport_sync_client_get_server (self->sync);
  user = rapport_sync_client_get_user (self->sync);
  rapport_sync_secret_store_async (server, user, token, NULL, on_token_kept, g_object_ref (self));
  rapport_sync_client_start (self->sync);
}

typedef struct
{
  RapportApplication *app;
  char *server;
  char *user;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_object_unref (sign_out->app);
  g_free (sign_out->server);
  g_free (sign_out->user);
  g_free (sign_out);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignOut, sign_out_free)

static void
on_token_cleared (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  g_autoptr(RapportApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Nothing to clear is not a problem; a keyring that cannot be reached
   * never had the token either. */
  if (!rapport_sync_secret_clear_finish (result, &error) && error != NULL)
    g_debug ("Keyring clear failed: %s", error->message);
}

static void
on_signed_out (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr(SignOut) sign_out = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_sync_client_sign_out_finish (RAPPORT_SYNC_CLIENT (source), result, &error))
    g_warning ("Could not sign out: %s", error->message);
  if (sign_out->server != NULL && sign_out->user != NULL)
    rapport_sync_secret_clear_async (sign_out->server, sign_out->user, NULL, on_token_cleared,
                                     g_object_ref (sign_out->app));
  rapport_application_set_keyring_error (sign_out->app, NULL);
}

/**
 * rapport_application_sign_out:
 * @self: the application
 *
 * Stops syncing, tells the server this computer's token is no longer in
 * use, and removes it from the keyring. What the store holds stays.
 */
void
rapport_application_sign_out (RapportApplication *self)
{
  SignOut *sign_out;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (self->sync != NULL);

  sign_out = g_new0 (SignOut, 1);
  sign_out->app = g_object_ref (self);
  sign_out->server = rapport_sync_client_get_server (self->sync);
  sign_out->user = rapport_sync_client_get_user (self->sync);
  rapport_sync_client_stop (self->sync);
  rapport_sync_client_sign_out_async (self->sync, NULL, on_signed_out, sign_out);
}

static int
rapport_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  g_autofree const char **import = NULL;
  const char *on_duplicate = NULL;
  const char *count = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Rapport %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "sample-network", "&s", &count))
    return rapport_command_sample_network (count);
  if (g_variant_dict_contains (options, "import"))
    {
      g_variant_dict_lookup (options, "on-duplicate", "&s", &on_duplicate);
      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &import);
      if (import == NULL || import[0] == NULL)
        {
          g_printerr (_("Name the files to import: rapport --import FILE…\n"));
          return 2;
        }
      /* The open window owns the database; never write beside it. */
      if (rapport_command_is_running (g_application_get_application_id (app)))
        {
          g_printerr (_("Rapport is open. Import from its window (Import Contacts… in the main menu), "
                        "or close it and try again.\n"));
          return 1;
        }
      return rapport_command_import (import, on_duplicate);
    }

  return G_APPLICATION_CLASS (rapport_application_parent_class)->handle_local_options (app, options);
}

static void
apply_style (RapportApplication *self)
{
  g_autofree char *variant = g_settings_get_string (self->settings, "style-variant");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (variant, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (variant, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static RapportWindow *
get_window (RapportApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return RAPPORT_IS_WINDOW (window) ? RAPPORT_WINDOW (window) : NULL;
}

/* The window's Follow-ups view has just counted them for its badge. */
static void
send_due_notification (RapportApplication *self,
                       RapportWindow *window)
{
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = NULL;
  guint n;

  if (self->notified || self->store == NULL)
    return;
  self->notified = TRUE;

  n = rapport_window_get_due_count (window);
  if (n == 0)
    return;

  notification = g_notification_new (_("Follow-ups are due"));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u person is waiting to hear from you today.",
                                       "%u people are waiting to hear from you today.", n),
                          n);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-followups");
  g_application_send_notification (G_APPLICATION (self), "followups-due", notification);
}

static void
rapport_application_activate (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  RapportWindow *window = get_window (self);

  if (window == NULL)
    {
      window = rapport_window_new (self);
      rapport_first_frame_watch (GTK_WINDOW (window));
    }
  gtk_window_present (GTK_WINDOW (window));
  send_due_notification (self, window);
}

static void
show_followups_action (GSimpleAction *action,
                       GVariant *parameter,
                       gpointer user_data)
{
  RapportApplication *self = user_data;
  RapportWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = get_window (self);
  if (window != NULL)
    rapport_window_show_followups (window);
}

/* What the Shell's search asks to see opens in the window, brought to the
 * front with the time of the click so that focus stealing prevention lets
 * it through. */
static RapportWindow *
window_for_shell (RapportApplication *self)
{
  g_application_activate (G_APPLICATION (self));
  return get_window (self);
}

/* A contact chosen among the Shell's search results. */
static void
on_search_activate_contact (RapportApplication *self,
                            gint64 contact_id,
                            guint timestamp)
{
  RapportWindow *window = window_for_shell (self);

  if (window == NULL)
    return;
  rapport_window_show_contact (window, contact_id);
  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
}

/* The Shell's "more results": the same words in the contact list. */
static void
on_search_launch (RapportApplication *self,
                  const char *text,
                  guint timestamp)
{
  RapportWindow *window = window_for_shell (self);

  if (window == NULL)
    return;
  rapport_window_search_contacts (window, text);
  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
}

static gboolean
rapport_application_dbus_register (GApplication *app,
                                   GDBusConnection *connection,
                                   const char *object_path,
                                   GError **error)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (rapport_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  /* Registration comes before start-up, which opens the store: the
   * provider gets it there. */
  self->search_provider = rapport_search_provider_new (app);
  g_signal_connect_object (self->search_provider, "activate-contact",
                           G_CALLBACK (on_search_activate_contact), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_provider, "launch-search",
                           G_CALLBACK (on_search_launch), self, G_CONNECT_SWAPPED);
  if (!rapport_search_provider_export (self->search_provider, connection, path, error))
    {
      g_clear_object (&self->search_provider);
      return FALSE;
    }
  return TRUE;
}

static void
rapport_application_dbus_unregister (GApplication *app,
                                     GDBusConnection *connection,
                                     const char *object_path)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  if (self->search_provider != NULL)
    rapport_search_provider_unexport (self->search_provider);
  g_clear_object (&self->search_provider);
  G_APPLICATION_CLASS (rapport_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
quit_action (GSimpleAction *action,
             GVariant *parameter,
             gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* Opens Preferences over the window, at the page @turn turns to. */
static void
present_preferences (RapportApplication *self,
                     void (*turn) (RapportPreferencesWindow *prefs))
{
  GtkWindow *prefs = rapport_preferences_window_new (self);

  if (turn != NULL)
    turn (RAPPORT_PREFERENCES_WINDOW (prefs));
  gtk_window_set_transient_for (prefs, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (prefs);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  present_preferences (user_data, NULL);
}

/* From the header bar's sync indicator: straight to the Sync page. */
static void
preferences_sync_action (GSimpleAction *action,
                         GVariant *parameter,
                         gpointer user_data)
{
  present_preferences (user_data, rapport_preferences_window_show_sync);
}

/* From "Share My Card" before the profile has a name. */
static void
preferences_profile_action (GSimpleAction *action,
                            GVariant *parameter,
                            gpointer user_data)
{
  present_preferences (user_data, rapport_preferences_window_show_profile);
}

static void
about_action (GSimpleAction *action,
              GVariant *parameter,
              gpointer user_data)
{
  RapportApplication *self = user_data;
  const char *developers[] = { "We&Co", NULL };
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (GTK_APPLICATION (self)));
  adw_about_window_set_application_name (about, _("Rapport"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_developer_name (about, "We&Co");
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("Meet fewer people, better — and follow up."));
  adw_about_window_set_website (about, "https://gitlab.gnome.org/weandco/rapport");
  adw_about_window_set_issue_url (about, "https://gitlab.gnome.org/weandco/rapport/-/issues");
  adw_about_window_set_developers (about, developers);
  /* The copyright line is Pango markup, hence the escaped ampersand. */
  adw_about_window_set_copyright (about, "© 2026 We&amp;Co");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_style_changed (RapportApplication *self)
{
  apply_style (self);
}

static void
rapport_application_startup (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  g_autofree char *path = NULL;
  static const GActionEntry actions[] = {
    { "quit", quit_action },
    { "about", about_action },
    { "preferences", preferences_action },
    { "preferences-sync", preferences_sync_action },
    { "preferences-profile", preferences_profile_action },
    { "show-followups", show_followups_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *find_accels[] = { "<Control>f", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *edit_accels[] = { "<Control>e", NULL };
  static const char *import_accels[] = { "<Control>i", NULL };

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (app);

  /* Started by D-Bus to answer the Shell's search, with no window to keep
   * it alive: stay a while for the next keystroke's question rather than
   * opening the database again for each. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, SEARCH_SERVICE_TIMEOUT_MS);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-contact", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", find_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.edit-contact", edit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  apply_style (self);

  path = rapport_store_get_default_path ();
  self->store = rapport_store_open (path, &self->store_error);
  if (self->store == NULL)
    {
      g_warning ("%s", self->store_error->message);
      return;
    }
  self->sync = rapport_sync_client_new (self->store);
  if (self->search_provider != NULL)
    rapport_search_provider_set_store (self->search_provider, self->store);
  restore_sign_in (self);
}

static void
rapport_application_shutdown (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->sync != NULL)
    rapport_sync_client_stop (self->sync);
  G_APPLICATION_CLASS (rapport_application_parent_class)->shutdown (app);
}

static void
rapport_application_finalize (GObject *object)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_free (self->keyring_error);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rapport_application_parent_class)->finalize (object);
}

static void
rapport_application_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_KEYRING_ERROR:
      g_value_set_string (value, self->keyring_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_application_class_init (RapportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rapport_application_finalize;
  object_class->get_property = rapport_application_get_property;
  app_class->activate = rapport_application_activate;
  app_class->startup = rapport_application_startup;
  app_class->shutdown = rapport_application_shutdown;
  app_class->handle_local_options = rapport_application_handle_local_options;
  app_class->dbus_register = rapport_application_dbus_register;
  app_class->dbus_unregister = rapport_application_dbus_unregister;

  properties[PROP_KEYRING_ERROR] =
      g_param_spec_string ("keyring-error", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_application_init (RapportApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
      { "sample-network", 0, 0, G_OPTION_ARG_STRING, NULL,
        N_("Add N generated contacts, with their timelines and follow-ups, to your database and exit"), "N" },
        { "import", 0, 0, G_OPTION_ARG_NONE, NULL,
          N_("Import the vCard and contacts CSV files named after the options into your database and exit"), NULL },
          { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, NULL,
            N_("With --import, what to do with a card for somebody already in your contacts: merge (the default), "
           "keep or skip"),
                "ACTION" },
            { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
              { NULL } };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Rapport keeps the people you meet, what you can do for each other, "
                                              "and when to follow up."));
}
