/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event-editor.c: the dialog that adds or edits an event.
 *
 * The user gives a day and a start and end time, as on an invitation;
 * the store keeps a start and a duration. An end before the start, a
 * negative cost or a missing title is answered in the dialog, in the
 * store's words, and nothing is saved until it is right. The form is
 * built in code because its group list comes from the store.
 */
#define G_LOG_DOMAIN "rapport-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-text.h"
#include "rapport-event-editor.h"
#include "rapport-form.h"
#include "rapport-enums.h"
#include "rapport-error.h"

struct _RapportEventEditor
{
  AdwWindow parent_instance;

  RapportStore *store;
  RapportEvent *draft;
  GArray *group_ids; /* position in the group row → id; 0 is "no group" */

  AdwEntryRow *title_row;
  AdwComboRow *group_row;
  AdwComboRow *kind_row;
  AdwEntryRow *date_row;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  GtkSpinButton *travel_spin;
  AdwEntryRow *location_row;
  GtkSpinButton *cost_spin;
  GtkSpinButton *room_spin;
  AdwEntryRow *notes_row;
  GtkLabel *error_label;
  GStrv initial_times; /* day, start and end as first shown */
};

G_DEFINE_FINAL_TYPE (RapportEventEditor, rapport_event_editor, ADW_TYPE_WINDOW)

static void
show_error (RapportEventEditor *self,
            const char *message)
{
  rapport_form_show_error (self->error_label, message);
}

/* How long the event lasts, from the times in the form. An end at or
 * before the start is on the next day when that makes an evening that
 * ends after midnight (twelve hours at most); otherwise it is a mistake,
 * which the store refuses in words. An event saved with a length the form
 * cannot show (several days) keeps it while its day and times are left
 * alone. */
static int
duration_from_form (RapportEventEditor *self,
                    int start,
                    int end)
{
  int minutes = end - start;

  if (self->initial_times != NULL &&
      g_strcmp0 (self->initial_times[0], gtk_editable_get_text (GTK_EDITABLE (self->date_row))) == 0 &&
      g_strcmp0 (self->initial_times[1], gtk_editable_get_text (GTK_EDITABLE (self->start_row))) == 0 &&
      g_strcmp0 (self->initial_times[2], gtk_editable_get_text (GTK_EDITABLE (self->end_row))) == 0)
    return rapport_event_get_duration_min (self->draft);
  if (minutes <= 0 && minutes + 24 * 60 <= 12 * 60)
    minutes += 24 * 60;
  return minutes;
}

static void
on_save (RapportEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = NULL;
  int start_min, end_min;
  guint group = adw_combo_row_get_selected (self->group_row);
  GError *form_error = NULL;

  start = rapport_form_read_moment (self->date_row, self->start_row, &start_min, &form_error);
  end_min = rapport_form_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->end_row)));
  if (start != NULL && end_min < 0)
    g_set_error_literal (&form_error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                         _("Write times as hours and minutes, like 18:30."));
  if (form_error != NULL)
    {
      show_error (self, form_error->message);
      g_error_free (form_error);
      return;
    }

  rapport_event_set_title (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  rapport_event_set_group_id (self->draft, group < self->group_ids->len ? g_array_index (self->group_ids, gint64, group) : 0);
  rapport_event_set_kind (self->draft, adw_combo_row_get_selected (self->kind_row));
  rapport_event_set_starts_at (self->draft, g_date_time_to_unix (start));
  rapport_event_set_duration_min (self->draft, duration_from_form (self, start_min, end_min));
  rapport_event_set_travel_min (self->draft, gtk_spin_button_get_value_as_int (self->travel_spin));
  rapport_event_set_location (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
  rapport_event_set_cost_cents (self->draft, (gint64) (gtk_spin_button_get_value (self->cost_spin) * 100 + 0.5));
  rapport_event_set_room_size (self->draft, gtk_spin_button_get_value_as_int (self->room_spin));
  rapport_event_set_notes (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));

  if (rapport_store_save_event (self->store, self->draft, &error) == 0)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill_groups (RapportEventEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint selected = 0;

  gtk_string_list_append (names, _("No group"));
  g_array_append_val (self->group_ids, none);
  rapport_store_query_group_ids (self->store, FALSE, self->group_ids, NULL);
  for (guint i = 1; i < self->group_ids->len; i++)
    {
      gint64 id = g_array_index (self->group_ids, gint64, i);
      g_autoptr(RapportGroup) group = rapport_store_get_group (self->store, id, NULL);

      gtk_string_list_append (names, group ? rapport_group_get_name (group) : "");
      if (id == rapport_event_get_group_id (self->draft))
        selected = i;
    }
  /* An archived group stays the event's group. */
  if (selected == 0 && rapport_event_get_group_id (self->draft) != 0)
    {
      gint64 id = rapport_event_get_group_id (self->draft);

      gtk_string_list_append (names, rapport_event_get_group_name (self->draft));
      g_array_append_val (self->group_ids, id);
      selected = self->group_ids->len - 1;
    }
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->group_row, selected);
}

static void
build (RapportEventEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *what = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *when = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *cost = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (rapport_event_get_starts_at (self->draft));
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (rapport_event_get_ends_at (self->draft));
  g_autofree char *date = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *from = g_date_time_format (start, "%H:%M");
  g_autofree char *to = g_date_time_format (end, "%H:%M");
  gboolean is_new = rapport_event_get_id (self->draft) == 0;

  self->title_row = rapport_form_add_entry (what, _("Title"), rapport_event_get_title (self->draft));
  self->group_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->group_row), _("Group"));
  adw_preferences_group_add (what, GTK_WIDGET (self->group_row));
  fill_groups (self);
  self->kind_row = rapport_form_add_enum_combo (what, _("Kind"), RAPPORT_TYPE_EVENT_KIND,
                                                         (RapportLabelFunc) rapport_event_kind_get_label,
                                                         rapport_event_get_kind (self->draft));
  self->location_row = rapport_form_add_entry (what, _("Location"), rapport_event_get_location (self->draft));

  adw_preferences_group_set_title (when, _("When"));
  self->date_row = rapport_form_add_entry (when, _("Day (year-month-day)"), date);
  self->start_row = rapport_form_add_entry (when, _("Starts"), from);
  self->end_row = rapport_form_add_entry (when, _("Ends"), to);
  adw_preferences_group_set_description (when, _("An evening that ends after midnight ends on the next day."));
  if (!is_new)
    {
      const char *const times[] = { date, from, to, NULL };

      self->initial_times = g_strdupv ((char **) times);
    }
  self->travel_spin = rapport_form_add_spin (when, _("Travel there and back (minutes)"), 2 * 24 * 60, 5, 0,
                                                      rapport_event_get_travel_min (self->draft));

  adw_preferences_group_set_title (cost, _("Cost and Room"));
  self->cost_spin = rapport_form_add_spin (cost, _("Cost"), 1e9, 1, 2, rapport_event_get_cost_cents (self->draft) / 100.0);
  self->room_spin = rapport_form_add_spin (cost, _("People in the room (about)"), 100000, 5, 0,
                                                    rapport_event_get_room_size (self->draft));
  self->notes_row = rapport_form_add_entry (cost, _("Notes"), rapport_event_get_notes (self->draft));
  self->error_label = rapport_form_add_error_label (cost);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), what);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), when);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), cost);
  rapport_form_set_content (ADW_WINDOW (self), is_new ? _("New Event") : _("Edit Event"), is_new ? _("_Add") : _("_Save"), G_CALLBACK (on_save), page);
}

static void
rapport_event_editor_dispose (GObject *object)
{
  RapportEventEditor *self = RAPPORT_EVENT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->group_ids, g_array_unref);
  g_clear_pointer (&self->initial_times, g_strfreev);
  G_OBJECT_CLASS (rapport_event_editor_parent_class)->dispose (object);
}

static void
rapport_event_editor_class_init (RapportEventEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_event_editor_dispose;
}

static void
rapport_event_editor_init (RapportEventEditor *self)
{
  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);
}

/**
 * rapport_event_editor_new:
 * @parent: the window it belongs to
 * @store: where to save
 * @event: (nullable): the event to edit, or %NULL for a new one (at the
 *   next full hour)
 *
 * Returns: (transfer none): the dialog, to present; GTK keeps it until
 *   it closes
 */
GtkWidget *
rapport_event_editor_new (GtkWindow *parent,
                          RapportStore *store,
                          RapportEvent *event)
{
  RapportEventEditor *self = g_object_new (RAPPORT_TYPE_EVENT_EDITOR, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  if (event != NULL)
    self->draft = rapport_event_copy (event);
  else
    {
      /* The next full hour, in local time. */
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_time_now ());
      g_autoptr(GDateTime) hour = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now),
                                                          g_date_time_get_hour (now), 0, 0);
      g_autoptr(GDateTime) next = g_date_time_add_hours (hour, 1);

      self->draft = rapport_event_new (NULL, g_date_time_to_unix (next));
    }
  build (self);
  return GTK_WIDGET (self);
}
