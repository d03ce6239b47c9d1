/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-followups-view.c: the Follow-ups view.
 *
 * Lists everybody the user should get back to, in three groups: overdue,
 * due today, upcoming. Each row can be marked done or, for reminders,
 * postponed; activating a row asks the window to open the contact.
 *
 * The pending list is short by nature (it empties as the user works
 * through it), so rows are rebuilt from the store on every change rather
 * than diffed. Row buttons use widget actions whose targets name the
 * follow-up, so the handlers survive the rebuild their own click causes.
 */
#define G_LOG_DOMAIN "rapport-followups-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rapport-followups-view.h"
#include "rapport-text.h"

struct _RapportFollowupsView
{
  GtkWidget parent_instance;

  RapportStore *store;
  GListModel *followups;
  /* Every row currently shown, in list order, for focus restoring. */
  GPtrArray *rows;
  char *today;
  guint due_count;
  guint idle_reload_id;
  guint midnight_id;

  GtkStack *stack;
  AdwPreferencesGroup *overdue_group;
  AdwPreferencesGroup *today_group;
  AdwPreferencesGroup *upcoming_group;
};

G_DEFINE_FINAL_TYPE (RapportFollowupsView, rapport_followups_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DUE_COUNT,
  N_PROPS
};

enum {
  CONTACT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
rapport_followups_view_new (void)
{
  return g_object_new (RAPPORT_TYPE_FOLLOWUPS_VIEW, NULL);
}

static GDateTime *
date_time_from_iso (const char *iso_date)
{
  int year, month, day;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;
  return g_date_time_new_local (year, month, day, 12, 0, 0);
}

/* "Due today", "3 days overdue", "Due Friday 27 November"… */
static char *
describe_due (const char *today,
              const char *due)
{
  int days = rapport_date_days_between (today, due);
  g_autoptr(GDateTime) due_time = NULL;
  g_autoptr(GDateTime) today_time = NULL;
  g_autofree char *date = NULL;

  if (days == 0)
    return g_strdup (_("Due today"));
  if (days == 1)
    return g_strdup (_("Due tomorrow"));
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", -days), -days);

  due_time = date_time_from_iso (due);
  today_time = date_time_from_iso (today);
  if (due_time == NULL || today_time == NULL)
    return g_strdup (due);
  if (g_date_time_get_year (due_time) == g_date_time_get_year (today_time))
    /* Translators: a date in g_date_time_format() syntax, like "Friday 27 November".
     * xgettext:no-c-format */
    date = g_date_time_format (due_time, _("%A %-d %B"));
  else
    /* Translators: a date in g_date_time_format() syntax, like "Friday 1 January 2027".
     * xgettext:no-c-format */
    date = g_date_time_format (due_time, _("%A %-d %B %Y"));
  /* Translators: %s is a date, like "Friday 27 November" */
  return g_strdup_printf (_("Due %s"), date);
}

static char *
describe_followup (RapportFollowup *followup,
                   const char *today)
{
  g_autofree char *when = describe_due (today, rapport_followup_get_due (followup));
  const char *about = rapport_followup_get_note (followup);

  if (rapport_followup_get_kind (followup) == RAPPORT_FOLLOWUP_KEEP_IN_TOUCH)
    about = _("Keep in touch");
  if (about == NULL || *about == '\0')
    return g_steal_pointer (&when);
  /* The due date comes first so that a long note, cut to two lines,
   * never hides it.
   * Translators: a follow-up's due date, then what it is about:
   * "Due today · Send the proposal" */
  return g_strdup_printf (_("%s · %s"), when, about);
}

static AdwToastOverlay *
find_toast_overlay (RapportFollowupsView *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
}

/* Toast titles are Pango markup in libadwaita 1.2, so @text is escaped. */
static void
show_toast (RapportFollowupsView *self,
            const char *text)
{
  AdwToastOverlay *overlay = find_toast_overlay (self);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  adw_toast_overlay_add_toast (overlay, adw_toast_new (escaped));
}

static GMenuModel *
build_postpone_menu (RapportFollowup *followup,
                     const char *today)
{
  static const struct
  {
    const char *label;
    int days;
  } choices[] = { { N_("_Tomorrow"), 1 }, { N_("_Next Week"), 7 } };
  g_autoptr(GMenu) menu = g_menu_new ();
  int due_in = rapport_date_days_between (today, rapport_followup_get_due (followup));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      /* Postponing only ever moves a date later. */
      if (choices[i].days <= due_in)
        continue;
      item = g_menu_item_new (_(choices[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, "followups.postpone",
                                               g_variant_new ("(xi)",
                                                              rapport_followup_get_id (followup),
                                                              choices[i].days));
      g_menu_append_item (menu, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    return NULL;
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GtkWidget *
build_row (RapportFollowupsView *self,
           RapportFollowup *followup)
{
  const char *name = rapport_followup_get_contact_name (followup);
  g_autofree char *subtitle = describe_followup (followup, self->today);
  /* libadwaita 1.2 parses an action row's subtitle as markup whatever
   * use-markup says, so names and notes are escaped rather than trusted. */
  g_autofree char *title_markup = g_markup_escape_text (name, -1);
  g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);
  GtkWidget *row;
  GtkWidget *avatar;
  GtkWidget *done_button;
  g_autoptr(GMenuModel) postpone_menu = NULL;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", title_markup,
                      "title-lines", 1,
                      "subtitle", subtitle_markup,
                      "subtitle-lines", 2,
                      "activatable", TRUE,
                      "action-name", "followups.open-contact",
                      "action-target", g_variant_new_int64 (rapport_followup_get_contact_id (followup)),
                      NULL);
  if (rapport_followup_get_section (followup) == RAPPORT_FOLLOWUP_OVERDUE)
    gtk_widget_add_css_class (row, "overdue");

  avatar = adw_avatar_new (32, name, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);

  if (rapport_followup_get_kind (followup) == RAPPORT_FOLLOWUP_REMINDER &&
      (postpone_menu = build_postpone_menu (followup, self->today)) != NULL)
    {
      GtkWidget *postpone_button = gtk_menu_button_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (postpone_button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (postpone_button), postpone_menu);
      gtk_widget_set_tooltip_text (postpone_button, _("Postpone"));
      gtk_widget_set_valign (postpone_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (postpone_button, "flat");
      gtk_widget_set_name (postpone_button, "postpone-button");
      gtk_accessible_update_property (GTK_ACCESSIBLE (postpone_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Postpone"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), postpone_button);
    }

  done_button = gtk_button_new_from_icon_name ("object-select-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done_button), "followups.complete");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (done_button), "(xx)",
                                    rapport_followup_get_id (followup),
                                    rapport_followup_get_contact_id (followup));
  gtk_widget_set_tooltip_text (done_button, _("Mark as Done"));
  gtk_widget_set_valign (done_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (done_button, "flat");
  gtk_widget_add_css_class (done_button, "circular");
  gtk_widget_set_name (done_button, "done-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (done_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mark as Done"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), done_button);

  return row;
}

static AdwPreferencesGroup *
group_for_section (RapportFollowupsView *self,
                   RapportFollowupSection section)
{
  switch (section)
    {
    case RAPPORT_FOLLOWUP_OVERDUE:
      return self->overdue_group;
    case RAPPORT_FOLLOWUP_TODAY:
      return self->today_group;
    case RAPPORT_FOLLOWUP_UPCOMING:
    default:
      return self->upcoming_group;
    }
}

static void
clear_rows (RapportFollowupsView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
set_due_count (RapportFollowupsView *self,
               guint due_count)
{
  if (self->due_count == due_count)
    return;
  self->due_count = due_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_COUNT]);
}

static gboolean
on_midnight (gpointer user_data)
{
  RapportFollowupsView *self = user_data;

  self->midnight_id = 0;
  rapport_followups_view_reload (self);
  return G_SOURCE_REMOVE;
}

/* Today's items become overdue at midnight, even if nothing else changes. */
static void
schedule_midnight_reload (RapportFollowupsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start_of_day = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (self->store == NULL)
    return;
  start_of_day = g_date_time_new_local (g_date_time_get_year (now),
                                        g_date_time_get_month (now),
                                        g_date_time_get_day_of_month (now),
                                        0, 0, 0);
  midnight = g_date_time_add_days (start_of_day, 1);
  wait = g_date_time_difference (midnight, now);
  self->midnight_id = g_timeout_add_seconds ((guint) (wait / G_USEC_PER_SEC) + 1, on_midnight, self);
}

/**
 * rapport_followups_view_reload:
 * @self: a follow-ups view
 *
 * Rebuilds the list from the store. The view reloads by itself when the
 * store changes and at midnight; this is for callers that know better.
 */
void
rapport_followups_view_reload (RapportFollowupsView *self)
{
  g_autoptr(GError) error = NULL;
  guint due_count = 0;
  guint n;

  g_return_if_fail (RAPPORT_IS_FOLLOWUPS_VIEW (self));

  g_clear_handle_id (&self->idle_reload_id, g_source_remove);
  clear_rows (self);
  g_clear_object (&self->followups);
  g_clear_pointer (&self->today, g_free);
  self->today = rapport_date_today ();

  if (self->store != NULL)
    {
      self->followups = rapport_store_list_followups (self->store, self->today, &error);
      if (self->followups == NULL)
        g_warning ("Could not list follow-ups: %s", error->message);
    }

  n = self->followups != NULL ? g_list_model_get_n_items (self->followups) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportFollowup) followup = g_list_model_get_item (self->followups, i);
      RapportFollowupSection section = rapport_followup_get_section (followup);
      GtkWidget *row = build_row (self, followup);

      adw_preferences_group_add (group_for_section (self, section), row);
      g_ptr_array_add (self->rows, row);
      if (section != RAPPORT_FOLLOWUP_UPCOMING)
        due_count++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->overdue_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->today_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_group), FALSE);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *group = gtk_widget_get_ancestor (g_ptr_array_index (self->rows, i),
                                                  ADW_TYPE_PREFERENCES_GROUP);
      gtk_widget_set_visible (group, TRUE);
    }
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  set_due_count (self, due_count);
  schedule_midnight_reload (self);
}

static gboolean
idle_reload (gpointer user_data)
{
  RapportFollowupsView *self = user_data;

  self->idle_reload_id = 0;
  rapport_followups_view_reload (self);
  return G_SOURCE_REMOVE;
}

/* Follow-up changes show at once, since the user usually caused them from
 * this view. Contact and timeline changes (a rename, a logged call that
 * resets a keep-in-touch clock) can come in bursts during an import, so
 * they are folded into one reload when the main loop is idle. */
static void
on_store_changed (RapportFollowupsView *self,
                  gint64 contact_id,
                  RapportStore *store)
{
  if (self->idle_reload_id == 0)
    self->idle_reload_id = g_idle_add (idle_reload, self);
}

static void
on_followups_changed (RapportFollowupsView *self,
                      gint64 contact_id,
                      RapportStore *store)
{
  rapport_followups_view_reload (self);
}

RapportStore *
rapport_followups_view_get_store (RapportFollowupsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUPS_VIEW (self), NULL);
  return self->store;
}

void
rapport_followups_view_set_store (RapportFollowupsView *self,
                                  RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_FOLLOWUPS_VIEW (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_clear_object (&self->store);
    }
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect_object (store, "changed::followups",
                               G_CALLBACK (on_followups_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::contacts",
                               G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::interactions",
                               G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.complete", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.postpone", store != NULL);

  rapport_followups_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

guint
rapport_followups_view_get_due_count (RapportFollowupsView *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOWUPS_VIEW (self), 0);
  return self->due_count;
}

/* Keep-in-touch items have no id of their own; they are told apart by
 * contact, since a contact with a pending reminder never has one. */
static RapportFollowup *
find_followup (RapportFollowupsView *self,
               gint64 id,
               gint64 contact_id,
               guint *position)
{
  guint n = self->followups != NULL ? g_list_model_get_n_items (self->followups) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportFollowup) followup = g_list_model_get_item (self->followups, i);

      if (rapport_followup_get_id (followup) == id &&
          rapport_followup_get_contact_id (followup) == contact_id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&followup);
        }
    }
  return NULL;
}

static gboolean
has_focus_within (RapportFollowupsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

/* The row that had focus is gone after a reload; keep the keyboard user
 * where they were, on whatever row now takes its place. */
static void
refocus_row (RapportFollowupsView *self,
             guint position)
{
  if (self->rows->len == 0)
    return;
  gtk_widget_grab_focus (g_ptr_array_index (self->rows, MIN (position, self->rows->len - 1)));
}

static void
open_contact_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  g_signal_emit (widget, signals[CONTACT_ACTIVATED], 0, g_variant_get_int64 (parameter));
}

static void
complete_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (widget);
  g_autoptr(RapportFollowup) followup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id, contact_id;
  guint position = 0;
  gboolean had_focus;

  g_variant_get (parameter, "(xx)", &id, &contact_id);
  followup = find_followup (self, id, contact_id, &position);
  if (self->store == NULL || followup == NULL)
    return;

  had_focus = has_focus_within (self);
  if (!rapport_store_complete_followup (self->store, followup, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  if (had_focus)
    refocus_row (self, position);

  /* Translators: %s is a person's name */
  message = g_strdup_printf (_("Followed up with %s"), rapport_followup_get_contact_name (followup));
  show_toast (self, message);
}

static void
postpone_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = rapport_date_today ();
  g_autofree char *due = NULL;
  gint64 id;
  int days;

  g_variant_get (parameter, "(xi)", &id, &days);
  if (self->store == NULL)
    return;

  due = rapport_date_add_days (today, days);
  if (!rapport_store_postpone_followup (self->store, id, due, &error))
    show_toast (self, error->message);
}

/* After a night asleep the midnight timer may not have fired yet. */
static void
rapport_followups_view_map (GtkWidget *widget)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (widget);
  g_autofree char *today = rapport_date_today ();

  GTK_WIDGET_CLASS (rapport_followups_view_parent_class)->map (widget);

  if (g_strcmp0 (today, self->today) != 0)
    rapport_followups_view_reload (self);
}

static void
rapport_followups_view_dispose (GObject *object)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (object);

  g_clear_handle_id (&self->idle_reload_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_FOLLOWUPS_VIEW);
  g_clear_object (&self->followups);
  G_OBJECT_CLASS (rapport_followups_view_parent_class)->dispose (object);
}

static void
rapport_followups_view_finalize (GObject *object)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);
  G_OBJECT_CLASS (rapport_followups_view_parent_class)->finalize (object);
}

static void
rapport_followups_view_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DUE_COUNT:
      g_value_set_uint (value, self->due_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_followups_view_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_followups_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_followups_view_class_init (RapportFollowupsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_followups_view_dispose;
  object_class->finalize = rapport_followups_view_finalize;
  object_class->get_property = rapport_followups_view_get_property;
  object_class->set_property = rapport_followups_view_set_property;
  widget_class->map = rapport_followups_view_map;

  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL,
                           RAPPORT_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Reminders and keep-in-touch items due today or earlier: what the
   * view switcher shows as a badge. */
  properties[PROP_DUE_COUNT] =
      g_param_spec_uint ("due-count", NULL, NULL,
                         0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportFollowupsView::contact-activated:
   * @self: the view
   * @contact_id: the contact of the activated row
   *
   * The user wants to see this contact's card.
   */
  signals[CONTACT_ACTIVATED] =
      g_signal_new ("contact-activated",
                    G_TYPE_FROM_CLASS (klass),
                    G_SIGNAL_RUN_LAST,
                    0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "followups.open-contact", "x", open_contact_action);
  gtk_widget_class_install_action (widget_class, "followups.complete", "(xx)", complete_action);
  gtk_widget_class_install_action (widget_class, "followups.postpone", "(xi)", postpone_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/weandco/Rapport/followups/rapport-followups-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupsView, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupsView, today_group);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupsView, upcoming_group);
}

static void
rapport_followups_view_init (RapportFollowupsView *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.complete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.postpone", FALSE);
  rapport_followups_view_reload (self);
}
