/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-preferences-window.c: the Preferences window.
 *
 * Every row is bound to its GSettings key, so a change applies at once and
 * there is nothing to save. The keys hold stable nicks while the rows show
 * translated labels; a NULL-terminated list of nicks, in row order, maps
 * one onto the other.
 */
#define G_LOG_DOMAIN "rapport-preferences-window"

#include "config.h"

#include "rapport-preferences-window.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *followup_window_row;
  AdwComboRow *style_row;
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
  return GTK_WINDOW (self);
}

static void
rapport_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_PREFERENCES_WINDOW);
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
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
