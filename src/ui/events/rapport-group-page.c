/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-group-page.c: one group.
 *
 * The figures come from rapport_store_get_group_stats() in one query:
 * quality and its trend, money (dues and costs) and hours (events and
 * travel), meaningful conversations per hour, and, after two scored
 * visits, a suggested verdict. A hint says when the group's audience has
 * nothing in common with the user's target audience. The page is built
 * from its template; the figures and the events are rows made on each
 * reload.
 */
#define G_LOG_DOMAIN "rapport-group-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-text.h"
#include "rapport-format.h"
#include "rapport-group-editor.h"
#include "rapport-export.h"
#include "rapport-group-page.h"
#include "rapport-ical.h"
#include "rapport-toast.h"

/* The group's latest events listed on its page. */
#define RECENT_EVENTS 12

struct _RapportGroupPage
{
  RapportStorePage parent_instance;

  RapportStore *store; /* the page's, for short */
  RapportGroup *group;

  GtkWidget *scrolled;
  GtkLabel *title_label;
  GtkLabel *details_label;
  GtkLabel *hint_label;
  AdwPreferencesGroup *figures;
  AdwPreferencesGroup *events;
  GtkButton *archive_button;
};

G_DEFINE_FINAL_TYPE (RapportGroupPage, rapport_group_page, RAPPORT_TYPE_STORE_PAGE)

enum {
  OPEN_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_quality (const RapportGroupStats *stats)
{
  if (stats->quality < 0)
    return g_strdup (_("Not scored yet"));
  if (stats->earlier_quality < 0)
    return g_strdup_printf ("%.0f", stats->quality);
  /* TRANSLATORS: the average quality, then how much better or worse the
   * latest three visits scored than the three before them */
  /* Rounded first, so that a trend of -0.3 does not read "-0". */
  return g_strdup_printf (_("%.0f (latest three visits %+d on the three before)"), stats->quality,
                             (int) lround (stats->recent_quality - stats->earlier_quality));
}

static void
fill_figures (RapportGroupPage *self,
              const RapportGroupStats *stats)
{
  g_autofree char *quality = describe_quality (stats);
  g_autofree char *money = rapport_format_money (stats->cost_cents + stats->dues_cents);
  g_autofree char *money_detail = NULL;
  g_autofree char *hours = rapport_format_minutes (stats->event_minutes + stats->travel_minutes);
  g_autofree char *rate = g_strdup_printf ("%.1f", rapport_group_stats_meaningful_per_hour (stats));
  g_autofree char *visits = g_strdup_printf ("%u", stats->n_events);
  g_autofree char *met = g_strdup_printf (_("%u, %u meaningful"), stats->n_people, stats->n_meaningful);
  RapportVerdict suggestion = rapport_group_stats_suggest_verdict (stats);
  g_autofree char *dues = rapport_format_money (stats->dues_cents);
  g_autofree char *costs = rapport_format_money (stats->cost_cents);

  /* The parts only when there are two. */
  if (stats->dues_cents > 0 && stats->cost_cents > 0)
    money_detail = g_strdup_printf (_("%s (dues %s, events %s)"), money, dues, costs);
  else
    money_detail = g_strdup (money);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->figures, _("Events attended"), visits);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->figures, _("Average quality"), quality);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->figures, _("Money spent"), money_detail);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->figures, _("Time spent, travel included"), hours);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->figures, _("People met"), met);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->figures, _("Meaningful conversations per hour"), rate);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->figures, _("Suggested verdict"), suggestion == RAPPORT_VERDICT_UNDECIDED ? _("After two scored visits") : rapport_verdict_get_label (suggestion));
}

static void
on_event_row_activated (AdwActionRow *row,
                        RapportGroupPage *self)
{
  g_signal_emit (self, signals[OPEN_EVENT], 0,
                 (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "event-id")));
}

static void
fill_events (RapportGroupPage *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RapportEventQuery query = { RAPPORT_EVENTS_ALL, 0, NULL, rapport_group_get_id (self->group) };

  rapport_store_query_event_ids (self->store, &query, ids, NULL);
  for (guint i = 0; i < MIN (ids->len, RECENT_EVENTS); i++)
    {
      g_autoptr(RapportEvent) event = rapport_store_get_event (self->store, g_array_index (ids, gint64, i), NULL);
      g_autofree char *when = NULL;
      GtkWidget *row, *badge;

      if (event == NULL)
        continue;
      when = rapport_format_event_when (event);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_event_get_title (event));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      badge = gtk_label_new (NULL);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "quality-badge");
      rapport_format_quality_badge (badge, rapport_event_get_quality (event));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      g_object_set_data (G_OBJECT (row), "event-id", GSIZE_TO_POINTER ((gsize) g_array_index (ids, gint64, i)));
      g_signal_connect (row, "activated", G_CALLBACK (on_event_row_activated), self);
      rapport_store_page_add_row (RAPPORT_STORE_PAGE (self), self->events, row);
    }
  adw_preferences_group_set_description (self->events, ids->len == 0 ? _("No events of this group yet.") : NULL);
}

static void
update (RapportGroupPage *self)
{
  g_autoptr(RapportProfile) profile = rapport_store_get_profile (self->store);
  const char *const *audience = rapport_group_get_audience (self->group);
  g_autofree char *details = NULL;
  g_autofree char *theirs = NULL;
  RapportGroupStats stats;
  gboolean mismatch;

  rapport_store_page_clear_rows (RAPPORT_STORE_PAGE (self));

  gtk_label_set_label (self->title_label, rapport_group_get_name (self->group));
  theirs = rapport_audience_to_text (audience);
  details = g_strdup_printf ("%s · %s%s%s", rapport_group_kind_get_label (rapport_group_get_kind (self->group)),
                             rapport_verdict_get_label (rapport_group_get_verdict (self->group)),
                             *theirs ? " · " : "", theirs);
  gtk_label_set_label (self->details_label, details);

  mismatch = audience != NULL && audience[0] != NULL && profile->audience[0] != NULL &&
             rapport_audience_overlap ((const char *const *) profile->audience, audience) == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), mismatch);
  if (mismatch)
    {
      g_autofree char *mine = rapport_audience_to_text ((const char *const *) profile->audience);
      g_autofree char *hint = g_strdup_printf (_("This group may not serve you: it gathers %s, and you sell to %s."),
                                                  theirs, mine);

      gtk_label_set_label (self->hint_label, hint);
    }

  if (rapport_store_get_group_stats (self->store, rapport_group_get_id (self->group),
                                     rapport_time_now (), &stats, NULL))
    fill_figures (self, &stats);
  fill_events (self);
  gtk_button_set_label (self->archive_button, rapport_group_get_archived (self->group) ? _("_Restore Group")
                                                                                       : _("_Archive Group"));
}

static void
reload (RapportStorePage *page)
{
  RapportGroupPage *self = RAPPORT_GROUP_PAGE (page);
  g_autoptr(RapportGroup) fresh = NULL;

  if (self->group == NULL)
    return;
  fresh = rapport_store_get_group (self->store, rapport_group_get_id (self->group), NULL);
  if (fresh == NULL)
    {
      rapport_store_page_gone (page);
      return;
    }
  g_set_object (&self->group, fresh);
  update (self);
}

static void
on_store_changed (RapportGroupPage *self)
{
  if (self->group != NULL)
    rapport_store_page_queue_reload (RAPPORT_STORE_PAGE (self));
}

void
rapport_group_page_set_group_id (RapportGroupPage *self,
                                 gint64 group_id)
{
  g_autoptr(RapportGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RAPPORT_IS_GROUP_PAGE (self));

  group = rapport_store_get_group (self->store, group_id, &error);
  if (group == NULL)
    {
      rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (error->message));
      return;
    }
  g_set_object (&self->group, group);
  update (self);
}

gint64
rapport_group_page_get_group_id (RapportGroupPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_GROUP_PAGE (self), 0);
  return self->group ? rapport_group_get_id (self->group) : 0;
}

static void
edit_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  RapportGroupPage *self = RAPPORT_GROUP_PAGE (widget);
  GtkWidget *editor;

  if (self->group == NULL)
    return;
  editor = rapport_group_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, self->group);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
archive_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  RapportGroupPage *self = RAPPORT_GROUP_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->group != NULL &&
      !rapport_store_set_group_archived (self->store, rapport_group_get_id (self->group),
                                         !rapport_group_get_archived (self->group), &error))
    rapport_toast_show (widget, rapport_toast_new (error->message));
}

static void
export_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportGroupPage *self = RAPPORT_GROUP_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  RapportEventQuery query = { RAPPORT_EVENTS_ALL, 0, NULL, 0 };
  char *ics = NULL;

  if (self->group == NULL)
    return;
  query.group_id = rapport_group_get_id (self->group);
  if (rapport_store_query_event_ids (self->store, &query, ids, &error))
    ics = rapport_ical_export_events (self->store, ids, rapport_group_get_name (self->group), &error);
  if (ics == NULL)
    rapport_toast_show (widget, rapport_toast_new (error->message));
  else
    rapport_export_save (widget, _("Export the Group’s Calendar"), rapport_group_get_name (self->group), ics);
}

static void
rapport_group_page_constructed (GObject *object)
{
  RapportGroupPage *self = RAPPORT_GROUP_PAGE (object);

  G_OBJECT_CLASS (rapport_group_page_parent_class)->constructed (object);
  self->store = rapport_store_page_get_store (RAPPORT_STORE_PAGE (self));
  g_signal_connect_object (self->store, "changed::groups", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::events", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::profile", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

static void
rapport_group_page_dispose (GObject *object)
{
  RapportGroupPage *self = RAPPORT_GROUP_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_GROUP_PAGE);
  g_clear_object (&self->group);
  G_OBJECT_CLASS (rapport_group_page_parent_class)->dispose (object);
}

static void
rapport_group_page_class_init (RapportGroupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_group_page_constructed;
  object_class->dispose = rapport_group_page_dispose;
  RAPPORT_STORE_PAGE_CLASS (klass)->reload = reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weandco/Rapport/events/rapport-group-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportGroupPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RapportGroupPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportGroupPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, RapportGroupPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, RapportGroupPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportGroupPage, figures);
  gtk_widget_class_bind_template_child (widget_class, RapportGroupPage, events);
  gtk_widget_class_install_action (widget_class, "group.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "group.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "group.export", NULL, export_action);

  /**
   * RapportGroupPage::open-event:
   * @event_id: one of the group's events
   *
   * The user asked to see an event.
   */
  signals[OPEN_EVENT] = g_signal_new ("open-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rapport_group_page_init (RapportGroupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
