/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle-editor.c: the dialog that forms or edits a huddle: its
 * name, industry, shared audience, place and schedule.
 *
 * The schedule is an iCalendar rule. The usual ones are offered by name
 * and written from the first meeting's weekday (twice a month is the
 * first and third of that weekday); any other rule can be typed, and
 * libical (rapport_recurrence_check) says whether it is one before
 * anything is saved.
 */
#define G_LOG_DOMAIN "rapport-huddle-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-form.h"
#include "rapport-huddle-editor.h"
#include "rapport-recurrence.h"
#include "rapport-text.h"

struct _RapportHuddleEditor
{
  AdwWindow parent_instance;

  RapportStore *store;
  RapportHuddle *draft;

  AdwEntryRow *name_row;
  AdwEntryRow *industry_row;
  AdwEntryRow *audience_row;
  AdwEntryRow *place_row;
  AdwEntryRow *day_row;
  AdwEntryRow *time_row;
  GtkSpinButton *duration_spin;
  AdwComboRow *cadence_row;
  AdwEntryRow *rrule_row;
  GtkLabel *error_label;
  gboolean writing_rule; /* the cadence is writing the rule, which must not answer */
};

G_DEFINE_FINAL_TYPE (RapportHuddleEditor, rapport_huddle_editor, ADW_TYPE_WINDOW)

enum {
  CADENCE_TWICE_A_MONTH,
  CADENCE_WEEKLY,
  CADENCE_EVERY_OTHER_WEEK,
  CADENCE_MONTHLY,
  CADENCE_CUSTOM,
};

static const char *const weekday_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* The rule of a named cadence, on the weekday of the first meeting and
 * its place in the month: twice a month is the first and third Tuesday
 * from a first or third Tuesday, the second and fourth from a second or
 * fourth; a fifth is the month's last. So the first meeting is always one
 * of the schedule's. */
static char *
rule_for (int cadence,
          GDateTime *first)
{
  const char *day = weekday_codes[(first ? g_date_time_get_day_of_week (first) : 2) - 1];
  int nth = first ? (g_date_time_get_day_of_month (first) - 1) / 7 + 1 : 1;
  int pair = (nth == 2 || nth == 4) ? 2 : 1;

  switch (cadence)
    {
    case CADENCE_TWICE_A_MONTH:
      if (nth == 5)
        return g_strdup_printf ("FREQ=MONTHLY;BYDAY=3%s,-1%s", day, day);
      return g_strdup_printf ("FREQ=MONTHLY;BYDAY=%d%s,%d%s", pair, day, pair + 2, day);
    case CADENCE_WEEKLY: return g_strdup_printf ("FREQ=WEEKLY;BYDAY=%s", day);
    case CADENCE_EVERY_OTHER_WEEK: return g_strdup_printf ("FREQ=WEEKLY;INTERVAL=2;BYDAY=%s", day);
    case CADENCE_MONTHLY:
      if (nth == 5)
        return g_strdup_printf ("FREQ=MONTHLY;BYDAY=-1%s", day);
      return g_strdup_printf ("FREQ=MONTHLY;BYDAY=%d%s", nth, day);
    default: return NULL;
    }
}

static GDateTime *
first_meeting (RapportHuddleEditor *self)
{
  return rapport_form_read_moment (self->day_row, self->time_row, NULL, NULL);
}

/* The named cadence a rule is, or "custom". */
static int
cadence_of (const char *rrule,
            GDateTime *first)
{
  for (int c = CADENCE_TWICE_A_MONTH; c < CADENCE_CUSTOM; c++)
    {
      g_autofree char *rule = rule_for (c, first);

      if (g_strcmp0 (rule, rrule) == 0)
        return c;
    }
  return CADENCE_CUSTOM;
}

static void
on_cadence_changed (RapportHuddleEditor *self)
{
  g_autoptr(GDateTime) first = first_meeting (self);
  g_autofree char *rule = rule_for (adw_combo_row_get_selected (self->cadence_row), first);

  if (rule == NULL)
    return;
  /* Setting the text clears it first: the empty rule would read as
   * "another rule" and move the cadence back. */
  self->writing_rule = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->rrule_row), rule);
  self->writing_rule = FALSE;
}

/* Moving the first meeting to another weekday moves a named cadence too. */
static void
on_first_meeting_changed (RapportHuddleEditor *self)
{
  if (adw_combo_row_get_selected (self->cadence_row) != CADENCE_CUSTOM)
    on_cadence_changed (self);
}

static void
on_rule_changed (RapportHuddleEditor *self)
{
  g_autoptr(GDateTime) first = first_meeting (self);
  int cadence;

  if (self->writing_rule)
    return;
  cadence = cadence_of (gtk_editable_get_text (GTK_EDITABLE (self->rrule_row)), first);
  if (adw_combo_row_get_selected (self->cadence_row) != (guint) cadence)
    adw_combo_row_set_selected (self->cadence_row, cadence);
}

static void
on_save (RapportHuddleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_auto(GStrv) audience = rapport_audience_parse (gtk_editable_get_text (GTK_EDITABLE (self->audience_row)));
  const char *rrule = gtk_editable_get_text (GTK_EDITABLE (self->rrule_row));

  first = rapport_form_read_moment (self->day_row, self->time_row, NULL, &error);
  if (first == NULL || !rapport_recurrence_check (rrule, &error))
    {
      rapport_form_show_error (self->error_label, error->message);
      return;
    }
  rapport_huddle_set_name (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  rapport_huddle_set_industry (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->industry_row)));
  rapport_huddle_set_audience (self->draft, (const char *const *) audience);
  rapport_huddle_set_place (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->place_row)));
  rapport_huddle_set_first_meeting (self->draft, g_date_time_to_unix (first));
  rapport_huddle_set_duration_min (self->draft, gtk_spin_button_get_value_as_int (self->duration_spin));
  rapport_huddle_set_rrule (self->draft, rrule);
  if (rapport_store_save_huddle (self->store, self->draft, &error) == 0)
    {
      rapport_form_show_error (self->error_label, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
build (RapportHuddleEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *about = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *when = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (rapport_huddle_get_first_meeting (self->draft));
  g_autofree char *day = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (first, "%H:%M");
  g_autofree char *audience = rapport_audience_to_text (rapport_huddle_get_audience (self->draft));
  g_autoptr(GtkStringList) cadences = gtk_string_list_new (NULL);
  gboolean is_new = rapport_huddle_get_id (self->draft) == 0;

  self->name_row = rapport_form_add_entry (about, _("Name"), rapport_huddle_get_name (self->draft));
  self->industry_row = rapport_form_add_entry (about, _("Industry focus"), rapport_huddle_get_industry (self->draft));
  self->audience_row = rapport_form_add_entry (about, _("Clients you share (separate with commas)"), audience);
  self->place_row = rapport_form_add_entry (about, _("Where (address or video link)"), rapport_huddle_get_place (self->draft));

  adw_preferences_group_set_title (when, _("Meetings"));
  adw_preferences_group_set_description (when, _("A huddle usually meets twice a month, for an hour."));
  self->day_row = rapport_form_add_entry (when, _("First meeting (year-month-day)"), day);
  self->time_row = rapport_form_add_entry (when, _("At"), time);
  self->duration_spin = rapport_form_add_spin (when, _("Minutes"), 24 * 60, 15, 0,
                                                        rapport_huddle_get_duration_min (self->draft));
  gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->duration_spin), 5);
  gtk_string_list_append (cadences, _("Twice a month"));
  gtk_string_list_append (cadences, _("Every week"));
  gtk_string_list_append (cadences, _("Every other week"));
  gtk_string_list_append (cadences, _("Once a month"));
  gtk_string_list_append (cadences, _("Another rule"));
  self->cadence_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cadence_row), _("Meets"));
  adw_combo_row_set_model (self->cadence_row, G_LIST_MODEL (cadences));
  adw_preferences_group_add (when, GTK_WIDGET (self->cadence_row));
  self->rrule_row = rapport_form_add_entry (when, _("Schedule rule (iCalendar)"), rapport_huddle_get_rrule (self->draft));
  self->error_label = rapport_form_add_error_label (when);
  adw_combo_row_set_selected (self->cadence_row, cadence_of (rapport_huddle_get_rrule (self->draft), first));
  g_signal_connect_swapped (self->cadence_row, "notify::selected", G_CALLBACK (on_cadence_changed), self);
  g_signal_connect_swapped (self->rrule_row, "changed", G_CALLBACK (on_rule_changed), self);
  g_signal_connect_swapped (self->day_row, "changed", G_CALLBACK (on_first_meeting_changed), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (on_first_meeting_changed), self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), about);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), when);
  rapport_form_set_content (ADW_WINDOW (self), is_new ? _("New Huddle") : _("Edit Huddle"), is_new ? _("_Form Huddle") : _("_Save"), G_CALLBACK (on_save), page);
}

static void
rapport_huddle_editor_dispose (GObject *object)
{
  RapportHuddleEditor *self = RAPPORT_HUDDLE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->draft);
  G_OBJECT_CLASS (rapport_huddle_editor_parent_class)->dispose (object);
}

static void
rapport_huddle_editor_class_init (RapportHuddleEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_huddle_editor_dispose;
}

static void
rapport_huddle_editor_init (RapportHuddleEditor *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);
}

/**
 * rapport_huddle_editor_new:
 * @parent: the window it belongs to
 * @store: where to save
 * @huddle: (nullable): the huddle to edit, or %NULL to form one, meeting
 *   twice a month from next week's same weekday at 8:00
 *
 * Returns: (transfer none): the dialog, to present; GTK keeps it until
 *   it closes
 */
GtkWidget *
rapport_huddle_editor_new (GtkWindow *parent,
                           RapportStore *store,
                           RapportHuddle *huddle)
{
  RapportHuddleEditor *self = g_object_new (RAPPORT_TYPE_HUDDLE_EDITOR, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  if (huddle != NULL)
    self->draft = rapport_huddle_copy (huddle);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_time_now ());
      g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
      g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (week), g_date_time_get_month (week),
                                                           g_date_time_get_day_of_month (week), 8, 0, 0);

      self->draft = g_object_new (RAPPORT_TYPE_HUDDLE, "first-meeting", g_date_time_to_unix (first), NULL);
      rapport_huddle_set_rrule (self->draft, NULL);
      {
        g_autofree char *rule = rule_for (CADENCE_TWICE_A_MONTH, first);

        rapport_huddle_set_rrule (self->draft, rule);
      }
    }
  build (self);
  return GTK_WIDGET (self);
}
