/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-followups-view.c: the Follow-ups view.
 *
 * Lists everybody the user should get back to, in three sections: overdue,
 * due today, upcoming. Each line can be marked done or, for reminders,
 * postponed; activating a line asks the window to open the contact.
 *
 * A user back from a busy month can have thousands of items, so the view
 * is a one-column grid view over one flat model: a heading (a string)
 * before each non-empty section, then its follow-ups. The store answers from indexes
 * in a few milliseconds, so the model is rebuilt on every change rather
 * than diffed; the view keeps only the lines on screen.
 */
#define G_LOG_DOMAIN "rapport-followups-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-followup-row.h"
#include "rapport-followups-view.h"
#include "rapport-text.h"
#include "rapport-toast.h"

struct _RapportFollowupsView
{
  GtkWidget parent_instance;

  RapportStore *store;
  /* Headings (GtkStringObject) and RapportFollowup items, in list order. */
  GListStore *lines;
  char *today;
  /* Set while the view is hidden and only the badge is kept current. */
  gboolean lines_stale;
  guint due_count;
  guint idle_reload_id;
  guint midnight_id;

  GtkStack *stack;
  /* One column; see rapport-contacts-view.c for why not a list view. */
  GtkGridView *list_view;
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

static void
show_toast (RapportFollowupsView *self,
            const char *text)
{
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (text));
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

static const char *
section_heading (RapportFollowupSection section)
{
  switch (section)
    {
    case RAPPORT_FOLLOWUP_OVERDUE:
      return _("Overdue");
    case RAPPORT_FOLLOWUP_TODAY:
      return _("Today");
    case RAPPORT_FOLLOWUP_UPCOMING:
    default:
      return _("Upcoming");
    }
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
  g_autoptr(GListModel) followups = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  int last_section = -1;
  guint due_count = 0;
  guint n;

  g_return_if_fail (RAPPORT_IS_FOLLOWUPS_VIEW (self));

  g_clear_handle_id (&self->idle_reload_id, g_source_remove);
  g_clear_pointer (&self->today, g_free);
  self->today = rapport_date_today ();
  schedule_midnight_reload (self);

  /* Out of sight, only the badge needs the store; the lines wait until
   * the view is shown, so that start-up builds no row nobody sees. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->lines_stale = TRUE;
      g_list_store_remove_all (self->lines);
      set_due_count (self, self->store != NULL ? rapport_store_count_due (self->store, self->today) : 0);
      return;
    }
  self->lines_stale = FALSE;

  if (self->store != NULL)
    {
      followups = rapport_store_list_followups (self->store, self->today, &error);
      if (followups == NULL)
        g_warning ("Could not list follow-ups: %s", error->message);
    }

  n = followups != NULL ? g_list_model_get_n_items (followups) : 0;
  for (guint i = 0; i < n; i++)
    {
      RapportFollowup *followup = g_list_model_get_item (followups, i);
      RapportFollowupSection section = rapport_followup_get_section (followup);

      if ((int) section != last_section)
        {
          g_ptr_array_add (lines, gtk_string_object_new (section_heading (section)));
          last_section = section;
        }
      g_ptr_array_add (lines, followup);
      if (section != RAPPORT_FOLLOWUP_UPCOMING)
        due_count++;
    }

  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       lines->pdata, lines->len);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  set_due_count (self, due_count);
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      RapportFollowup *followup;

      if (!RAPPORT_IS_FOLLOWUP (line))
        continue;
      followup = RAPPORT_FOLLOWUP (line);
      if (rapport_followup_get_id (followup) == id &&
          rapport_followup_get_contact_id (followup) == contact_id)
        {
          if (position != NULL)
            *position = i;
          return g_object_ref (followup);
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

/* The line that had focus is gone after a reload; keep the keyboard user
 * where they were, on whatever line now takes its place. */
static void
refocus_line (RapportFollowupsView *self,
              guint position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  if (n == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", MIN (position, n - 1));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_list_activate (RapportFollowupsView *self,
                  guint position)
{
  g_autoptr(GObject) line = g_list_model_get_item (G_LIST_MODEL (self->lines), position);

  if (RAPPORT_IS_FOLLOWUP (line))
    g_signal_emit (self, signals[CONTACT_ACTIVATED], 0,
                   rapport_followup_get_contact_id (RAPPORT_FOLLOWUP (line)));
}

static void
setup_line (GtkSignalListItemFactory *factory,
            GtkListItem *list_item,
            gpointer user_data)
{
  gtk_list_item_set_child (list_item, rapport_followup_row_new ());
}

/* Headings are neither activated nor focused, as in a boxed list. */
static void
bind_line (GtkSignalListItemFactory *factory,
           GtkListItem *list_item,
           RapportFollowupsView *self)
{
  RapportFollowupRow *row = RAPPORT_FOLLOWUP_ROW (gtk_list_item_get_child (list_item));
  GObject *line = gtk_list_item_get_item (list_item);
  gboolean is_followup = RAPPORT_IS_FOLLOWUP (line);

  gtk_list_item_set_activatable (list_item, is_followup);
  if (is_followup)
    rapport_followup_row_show_followup (row, RAPPORT_FOLLOWUP (line), self->today);
  else
    rapport_followup_row_show_heading (row, gtk_string_object_get_string (GTK_STRING_OBJECT (line)));
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
  gint64 id, contact_id, logged;
  guint position = 0;
  gboolean had_focus;

  g_variant_get (parameter, "(xx)", &id, &contact_id);
  followup = find_followup (self, id, contact_id, &position);
  if (self->store == NULL || followup == NULL)
    return;

  had_focus = has_focus_within (self);
  logged = rapport_store_complete_followup (self->store, followup, NULL, &error);
  if (logged == 0)
    {
      show_toast (self, error->message);
      return;
    }
  if (had_focus)
    refocus_line (self, position);

  /* Translators: %s is a person's name */
  message = g_strdup_printf (_("Followed up with %s"), rapport_followup_get_contact_name (followup));
  rapport_toast_show (GTK_WIDGET (self),
                      rapport_toast_new_with_undo (message, "win.undo-followup", g_variant_new ("(xx)", id, logged)));
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
    {
      show_toast (self, error->message);
      return;
    }
  {
    g_autofree char *date = rapport_date_format (due);
    /* Translators: a toast after postponing; %s is a date, like "Friday 27 November 2026" */
    g_autofree char *message = g_strdup_printf (_("Postponed to %s"), date);

    show_toast (self, message);
  }
}

/* Fills the lines put off while hidden; after a night asleep, the midnight
 * timer may not have fired yet either. */
static void
rapport_followups_view_map (GtkWidget *widget)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (widget);
  g_autofree char *today = rapport_date_today ();

  GTK_WIDGET_CLASS (rapport_followups_view_parent_class)->map (widget);

  if (self->lines_stale || g_strcmp0 (today, self->today) != 0)
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
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_FOLLOWUPS_VIEW);
  g_clear_object (&self->lines);
  G_OBJECT_CLASS (rapport_followups_view_parent_class)->dispose (object);
}

static void
rapport_followups_view_finalize (GObject *object)
{
  RapportFollowupsView *self = RAPPORT_FOLLOWUPS_VIEW (object);

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

  gtk_widget_class_install_action (widget_class, "followups.complete", "(xx)", complete_action);
  gtk_widget_class_install_action (widget_class, "followups.postpone", "(xi)", postpone_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/weandco/Rapport/followups/rapport-followups-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupsView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
rapport_followups_view_init (RapportFollowupsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;

  g_type_ensure (RAPPORT_TYPE_FOLLOWUP_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_list_store_new (G_TYPE_OBJECT);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->lines))));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_line), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.complete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.postpone", FALSE);
  rapport_followups_view_reload (self);
}
