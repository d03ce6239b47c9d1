/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-preferences-window.c: the Preferences window.
 *
 * General rows are bound to their GSettings key, so a change applies at
 * once and there is nothing to save. The keys hold stable nicks while the
 * rows show translated labels; a NULL-terminated list of nicks, in row
 * order, maps one onto the other.
 *
 * The profile lives in the database, since it travels with the network
 * between devices: a goal is saved as soon as it changes, a text when its
 * row's apply button (or Enter) confirms it. The store's refusal, like a
 * lowest goal above the highest, is shown in a toast.
 *
 * The Sync page is its own widget (rapport-sync-page.c); without a store
 * there is nothing to sync and it is removed, like the profile.
 */
#define G_LOG_DOMAIN "rapport-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-preferences-window.h"
#include "rapport-sync-page.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  RapportStore *store;
  gboolean loading;

  AdwComboRow *followup_window_row;
  AdwComboRow *style_row;
  AdwEntryRow *name_row;
  AdwEntryRow *services_row;
  AdwEntryRow *audience_row;
  GtkSpinButton *goal_min_spin;
  GtkSpinButton *goal_max_spin;
  GtkSpinButton *hours_spin;
  RapportSyncPage *sync_page;
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the combo rows' items. */
static const char *const followup_window_nicks[] = { "same-day", "next-day", NULL };
static const char *const style_variant_nicks[] = { "default", "light", "dark", NULL };

static gboolean
nick_to_position (GValue *value,
                  GVariant *variant,
                  gpointer user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_nick (const GValue *value,
                  const GVariantType *expected_type,
                  gpointer user_data)
{
  const char *const *nicks = user_data;
  guint position = g_value_get_uint (value);

  /* Nothing selected (GTK_INVALID_LIST_POSITION) leaves the key alone. */
  if (position >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[position]);
}

static void
bind_combo_row (GSettings *settings,
                const char *key,
                AdwComboRow *row,
                const char *const *nicks)
{
  g_settings_bind_with_mapping (settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_to_position, position_to_nick,
                                (gpointer) nicks, NULL);
}

static void
save_profile (RapportPreferencesWindow *self)
{
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->loading)
    return;
  /* The lowest goal never goes above the highest, nor the highest below
   * the lowest: each spin stops at the other's value. */
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->goal_min_spin),
                            gtk_spin_button_get_value (self->goal_max_spin));
  gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->goal_max_spin),
                            gtk_spin_button_get_value (self->goal_min_spin));
  profile = rapport_store_get_profile (self->store);
  g_free (profile->name);
  profile->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (*profile->name == '\0')
    g_clear_pointer (&profile->name, g_free);
  g_free (profile->services);
  profile->services = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->services_row)));
  g_strfreev (profile->audience);
  profile->audience = rapport_audience_parse (gtk_editable_get_text (GTK_EDITABLE (self->audience_row)));
  profile->goal_min = gtk_spin_button_get_value_as_int (self->goal_min_spin);
  profile->goal_max = gtk_spin_button_get_value_as_int (self->goal_max_spin);
  profile->hours_per_month = gtk_spin_button_get_value_as_int (self->hours_spin);
  if (!rapport_store_save_profile (self->store, profile, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
load_profile (RapportPreferencesWindow *self)
{
  g_autoptr(RapportProfile) profile = rapport_store_get_profile (self->store);
  g_autofree char *audience = rapport_audience_to_text ((const char *const *) profile->audience);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), profile->name ? profile->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->services_row), profile->services ? profile->services : "");
  gtk_editable_set_text (GTK_EDITABLE (self->audience_row), audience);
  gtk_spin_button_set_value (self->goal_min_spin, profile->goal_min);
  gtk_spin_button_set_value (self->goal_max_spin, profile->goal_max);
  gtk_spin_button_set_value (self->hours_spin, profile->hours_per_month);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->goal_min_spin), profile->goal_max);
  gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->goal_max_spin), profile->goal_min);
  self->loading = FALSE;
}

GtkWindow *
rapport_preferences_window_new (RapportApplication *app)
{
  RapportPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (app), NULL);

  self = g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW, NULL);
  settings = rapport_application_get_settings (app);
  if (settings != NULL)
    {
      bind_combo_row (settings, "followup-window", self->followup_window_row, followup_window_nicks);
      bind_combo_row (settings, "style-variant", self->style_row, style_variant_nicks);
    }
  self->store = rapport_application_get_store (app);
  if (self->store != NULL)
    {
      g_object_ref (self->store);
      load_profile (self);
    }
  else
    adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self),
                                   ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (self->services_row),
                                                                                  ADW_TYPE_PREFERENCES_PAGE)));
  if (rapport_application_get_sync (app) != NULL)
    rapport_sync_page_set_application (self->sync_page, app);
  else
    {
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->sync_page));
      self->sync_page = NULL;
    }
  return GTK_WINDOW (self);
}

/**
 * rapport_preferences_window_show_sync:
 * @self: the window
 *
 * Turns to the Sync page, when there is one.
 */
void
rapport_preferences_window_show_sync (RapportPreferencesWindow *self)
{
  g_return_if_fail (RAPPORT_IS_PREFERENCES_WINDOW (self));

  if (self->sync_page != NULL)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->sync_page));
}

/**
 * rapport_preferences_window_show_profile:
 * @self: the window
 *
 * Turns to the Profile page with the name row focused, when there is a
 * store to keep the profile in.
 */
void
rapport_preferences_window_show_profile (RapportPreferencesWindow *self)
{
  GtkWidget *page;

  g_return_if_fail (RAPPORT_IS_PREFERENCES_WINDOW (self));

  if (self->store == NULL)
    return;
  page = gtk_widget_get_ancestor (GTK_WIDGET (self->name_row), ADW_TYPE_PREFERENCES_PAGE);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
rapport_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&RAPPORT_PREFERENCES_WINDOW (object)->store);
  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->dispose (object);
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/weandco/Rapport/preferences/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, followup_window_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, services_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, audience_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, goal_min_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, goal_max_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, sync_page);
  gtk_widget_class_bind_template_callback (widget_class, save_profile);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  g_type_ensure (RAPPORT_TYPE_SYNC_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
}
