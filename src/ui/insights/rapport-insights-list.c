/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-insights-list.c: a dialog listing what made one month of a
 * chart (its events, the people met and how soon they were followed up,
 * the cards made, the referrals won), each row opening its record in the
 * main window. The list is read on a worker thread like the figures. */
#define G_LOG_DOMAIN "rapport-insights-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rapport-format.h"
#include "rapport-insights-list.h"
#include "rapport-text.h"

typedef struct
{
  char *path;
  RapportStatsList list;
  gint64 from;
  gint64 until;
} Job;

/* Shared by the dialog window and the task reading its records, each
 * holding a reference: the window may close before the records come. */
typedef struct
{
  gboolean closed;
  GtkWidget *from; /* the view: where the records open */
  GtkWindow *dialog;
  AdwPreferencesGroup *group;
  GtkSpinner *spinner;
  RapportStatsList list;
} Dialog;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job);
}

static void
dialog_clear (gpointer data)
{
  Dialog *dialog = data;

  g_clear_object (&dialog->from);
  g_clear_object (&dialog->group);
  g_clear_object (&dialog->spinner);
}

static void
dialog_unref (gpointer data)
{
  g_rc_box_release_full (data, dialog_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Dialog, dialog_unref)

static void
on_dialog_destroyed (Dialog *dialog)
{
  dialog->closed = TRUE;
  dialog_unref (dialog);
}

static void
read_in_thread (GTask *task,
                gpointer source,
                gpointer data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(RapportStats) stats = NULL;
  GError *error = NULL;
  GArray *items;

  stats = rapport_stats_open (job->path, &error);
  items = stats != NULL ? rapport_stats_list (stats, job->list, job->from, job->until, &error) : NULL;
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_array_unref);
}

static char *
describe_item (RapportStatsList list,
               const RapportStatsItem *item)
{
  g_autofree char *day = rapport_date_format (item->day);
  g_autofree char *amount = NULL;

  switch (list)
    {
    case RAPPORT_STATS_EVENTS:
      if (item->value < 0)
        /* TRANSLATORS: %s is a date */
        return g_strdup_printf (_("%s · not scored"), day);
      /* TRANSLATORS: %s is a date, %d the event's quality out of 100 */
      return g_strdup_printf (_("%s · quality %d"), day, (int) item->value);
    case RAPPORT_STATS_MET:
      if (item->value == -2)
        return g_strdup_printf (_("Met %s · not followed up yet"), day);
      if (item->value < 0)
        return g_strdup_printf (_("Met %s · never followed up"), day);
      if (item->value == 0)
        return g_strdup_printf (_("Met %s · followed up the same day"), day);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Met %s · followed up %d day later",
                                           "Met %s · followed up %d days later", item->value),
                              day, (int) item->value);
    case RAPPORT_STATS_WON:
      amount = rapport_format_money (item->value);
      /* TRANSLATORS: %s is a date, then an amount of money */
      return g_strdup_printf (_("Won %s · %s"), day, amount);
    case RAPPORT_STATS_ADDED:
    default:
      return g_strdup_printf (_("Added %s"), day);
    }
}

static char *
count_items (RapportStatsList list,
             guint n)
{
  switch (list)
    {
    case RAPPORT_STATS_EVENTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
    case RAPPORT_STATS_MET:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person met", "%u people met", n), n);
    case RAPPORT_STATS_WON:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u referral won", "%u referrals won", n), n);
    case RAPPORT_STATS_ADDED:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact added", "%u contacts added", n), n);
    }
}

static void
on_row_activated (AdwActionRow *row,
                  Dialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "rapport-id"));
  const char *action = dialog->list == RAPPORT_STATS_EVENTS ? "win.show-event" : "win.show-contact";

  gtk_widget_activate_action (dialog->from, action, "x", id);
  gtk_window_close (dialog->dialog);
}

static void
on_read (GObject *source,
         GAsyncResult *result,
         gpointer data)
{
  g_autoptr(Dialog) dialog = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed before the records came. */
  if (dialog->closed)
    return;
  adw_preferences_group_set_header_suffix (dialog->group, NULL);
  if (items != NULL && items->len > 0)
    {
      g_autofree char *count = count_items (dialog->list, items->len);

      adw_preferences_group_set_description (dialog->group, count);
    }
  if (items == NULL || items->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     items == NULL ? error->message : _("Nothing in this month"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_group_add (dialog->group, row);
    }
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const RapportStatsItem *item = &g_array_index (items, RapportStatsItem, i);
      g_autofree char *subtitle = describe_item (dialog->list, item);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "rapport-id", GSIZE_TO_POINTER ((gsize) item->id));
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), dialog);
      adw_preferences_group_add (dialog->group, row);
    }
}

static const char *
title_for (RapportStatsList list)
{
  switch (list)
    {
    case RAPPORT_STATS_EVENTS:
      return _("Events");
    case RAPPORT_STATS_MET:
      return _("People Met");
    case RAPPORT_STATS_WON:
      return _("Referrals Won");
    case RAPPORT_STATS_ADDED:
    default:
      return _("Contacts Added");
    }
}

/**
 * rapport_insights_list_show:
 * @from: the widget whose window opens the records
 * @path: the store's database file
 * @list: which records
 * @from_time: the start of the month (or of the part of it in the period)
 * @until_time: its end, excluded
 * @month: the month's name, for the title
 *
 * Shows the records behind a month of a chart in a dialog.
 */
void
rapport_insights_list_show (GtkWidget *from,
                            const char *path,
                            RapportStatsList list,
                            gint64 from_time,
                            gint64 until_time,
                            const char *month)
{
  Dialog *dialog = g_rc_box_new0 (Dialog);
  Job *job = g_new0 (Job, 1);
  g_autoptr(GTask) task = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (title_for (list), month);

  dialog->from = g_object_ref (from);
  dialog->list = list;
  dialog->dialog = GTK_WINDOW (adw_window_new ());
  dialog->group = g_object_ref_sink (ADW_PREFERENCES_GROUP (adw_preferences_group_new ()));
  dialog->spinner = g_object_ref_sink (GTK_SPINNER (gtk_spinner_new ()));
  gtk_spinner_start (dialog->spinner);
  adw_preferences_group_set_header_suffix (dialog->group, GTK_WIDGET (dialog->spinner));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), dialog->group);
  gtk_widget_set_vexpand (page, TRUE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (dialog->dialog), box);
  gtk_window_set_title (dialog->dialog, title_for (list));
  gtk_window_set_modal (dialog->dialog, TRUE);
  gtk_window_set_transient_for (dialog->dialog, GTK_WINDOW (gtk_widget_get_root (from)));
  gtk_window_set_default_size (dialog->dialog, 420, 480);
  gtk_window_set_hide_on_close (dialog->dialog, FALSE);
  /* The window's reference, given back when it is destroyed. */
  g_signal_connect_swapped (dialog->dialog, "destroy", G_CALLBACK (on_dialog_destroyed), dialog);

  job->path = g_strdup (path);
  job->list = list;
  job->from = from_time;
  job->until = until_time;
  /* The task's reference, given back when the records have come. */
  task = g_task_new (NULL, NULL, on_read, g_rc_box_acquire (dialog));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, read_in_thread);
  gtk_window_present (dialog->dialog);
}
