/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-followup-row.c: one line of the Follow-ups view.
 *
 * The view is a grid view of one column, which recycles a few of these for however many
 * follow-ups there are. A line shows either a section heading (Overdue,
 * Today, Upcoming) or one follow-up: who, when and what about, with buttons
 * to postpone it and to mark it done. The buttons name the follow-up in
 * their action targets, so the view's actions need no pointer back.
 */
#define G_LOG_DOMAIN "rapport-followup-row"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rapport-followup-row.h"
#include "rapport-text.h"

struct _RapportFollowupRow
{
  GtkWidget parent_instance;

  GtkLabel *heading;
  GtkWidget *content;
  AdwAvatar *avatar;
  GtkLabel *title;
  GtkLabel *subtitle;
  GtkMenuButton *postpone_button;
  GtkWidget *done_button;
};

G_DEFINE_FINAL_TYPE (RapportFollowupRow, rapport_followup_row, GTK_TYPE_WIDGET)

GtkWidget *
rapport_followup_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_FOLLOWUP_ROW, NULL);
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

/**
 * rapport_followup_row_show_heading:
 * @self: a row
 * @heading: a section's title
 *
 * Makes the row a section heading.
 */
void
rapport_followup_row_show_heading (RapportFollowupRow *self,
                                   const char *heading)
{
  g_return_if_fail (RAPPORT_IS_FOLLOWUP_ROW (self));

  gtk_label_set_label (self->heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->heading), TRUE);
  gtk_widget_set_visible (self->content, FALSE);
  gtk_menu_button_set_menu_model (self->postpone_button, NULL);
}

/**
 * rapport_followup_row_show_followup:
 * @self: a row
 * @followup: what the row shows
 * @today: today's date, which the due phrase and the postpone menu count from
 *
 * Makes the row show @followup.
 */
void
rapport_followup_row_show_followup (RapportFollowupRow *self,
                                    RapportFollowup *followup,
                                    const char *today)
{
  const char *name;
  g_autofree char *subtitle = NULL;
  g_autoptr(GMenuModel) postpone_menu = NULL;

  g_return_if_fail (RAPPORT_IS_FOLLOWUP_ROW (self));
  g_return_if_fail (RAPPORT_IS_FOLLOWUP (followup));

  name = rapport_followup_get_contact_name (followup);
  subtitle = describe_followup (followup, today);

  gtk_widget_set_visible (GTK_WIDGET (self->heading), FALSE);
  gtk_widget_set_visible (self->content, TRUE);
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->title, name);
  gtk_label_set_label (self->subtitle, subtitle);
  if (rapport_followup_get_section (followup) == RAPPORT_FOLLOWUP_OVERDUE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "overdue");

  if (rapport_followup_get_kind (followup) == RAPPORT_FOLLOWUP_REMINDER)
    postpone_menu = build_postpone_menu (followup, today);
  gtk_menu_button_set_menu_model (self->postpone_button, postpone_menu);
  gtk_widget_set_visible (GTK_WIDGET (self->postpone_button), postpone_menu != NULL);

  /* The target first: the action takes a parameter, so the button must
   * never name it without one. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->done_button), "(xx)",
                                    rapport_followup_get_id (followup),
                                    rapport_followup_get_contact_id (followup));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->done_button), "followups.complete");
}

static void
rapport_followup_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_FOLLOWUP_ROW);
  G_OBJECT_CLASS (rapport_followup_row_parent_class)->dispose (object);
}

static void
rapport_followup_row_class_init (RapportFollowupRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_followup_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "followup");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/weandco/Rapport/followups/rapport-followup-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupRow, heading);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupRow, content);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupRow, title);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupRow, postpone_button);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowupRow, done_button);
}

static void
rapport_followup_row_init (RapportFollowupRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}
