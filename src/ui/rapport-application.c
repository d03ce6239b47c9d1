/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-application.c: start-up, command line, app-wide actions.
 *
 * The application opens the store once. If the file cannot be used, the
 * error is kept and the window explains it; nothing is created in its
 * place. The command line can fill a database with a generated network
 * without opening a window.
 */
#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "rapport-application.h"
#include "rapport-first-frame.h"
#include "rapport-preferences-window.h"
#include "rapport-sample.h"
#include "rapport-text.h"
#include "rapport-window.h"

struct _RapportApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  RapportStore *store;
  GError *store_error;
  gboolean notified;
};

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

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

static void
print_progress (guint done,
                guint total,
                gpointer user_data)
{
  g_printerr ("\r%s %u / %u", _("Generating contacts…"), done, total);
}

/* rapport --sample-network N: fills the user's database and exits. */
static int
fill_sample_network (const char *count)
{
  g_autofree char *path = rapport_store_get_default_path ();
  g_autofree char *today = rapport_date_today ();
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 n = 0;

  /* A string, read in decimal here: GApplication drops an integer option
   * equal to its default, so "0" would otherwise open the window. */
  if (!g_ascii_string_to_signed (count, 10, 1, 10000000, &n, NULL))
    {
      g_printerr (_("The number of contacts must be a whole number between 1 and 10,000,000.\n"));
      return 2;
    }
  store = rapport_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!rapport_sample_fill (store, (guint) n, 1, today, isatty (fileno (stderr)) ? print_progress : NULL,
                            NULL, NULL, &error))
    {
      g_printerr ("\n%s\n", error->message);
      return 1;
    }
  g_printerr (isatty (fileno (stderr)) ? "\n" : "");
  /* Translators: %s is a file path, %.1f a number of seconds */
  g_print (_("Added %" G_GINT64_FORMAT " contacts to %s in %.1f s.\n"), n, path,
              (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return 0;
}

static int
rapport_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  const char *count = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Rapport %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "sample-network", "&s", &count))
    return fill_sample_network (count);

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

static void
quit_action (GSimpleAction *action,
             GVariant *parameter,
             gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  RapportApplication *self = user_data;
  GtkWindow *prefs = rapport_preferences_window_new (self);

  gtk_window_set_transient_for (prefs, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (prefs);
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
    { "show-followups", show_followups_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *find_accels[] = { "<Control>f", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *edit_accels[] = { "<Control>e", NULL };

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-contact", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", find_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.edit-contact", edit_accels);

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  apply_style (self);

  path = rapport_store_get_default_path ();
  self->store = rapport_store_open (path, &self->store_error);
  if (self->store == NULL)
    g_warning ("%s", self->store_error->message);
}

static void
rapport_application_finalize (GObject *object)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rapport_application_parent_class)->finalize (object);
}

static void
rapport_application_class_init (RapportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rapport_application_finalize;
  app_class->activate = rapport_application_activate;
  app_class->startup = rapport_application_startup;
  app_class->handle_local_options = rapport_application_handle_local_options;
}

static void
rapport_application_init (RapportApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
      { "sample-network", 0, 0, G_OPTION_ARG_STRING, NULL,
        N_("Add N generated contacts, with their timelines and follow-ups, to your database and exit"), "N" },
        { NULL } };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Rapport keeps the people you meet, what you can do for each other, "
                                              "and when to follow up."));
}
