/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-meeting-editor.c: the dialog that records a huddle meeting:
 * the strategy notes, and for each member how they attended and what
 * they asked for and offered.
 *
 * A meeting is written only when saved; until then it is one of the
 * schedule's occurrences. Members are those of the meeting's day when it
 * was recorded before, the current ones otherwise.
 */
#define G_LOG_DOMAIN "rapport-meeting-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-form.h"
#include "rapport-meeting-editor.h"

/* The combo's choices: "not recorded", then the presences in this order. */
static const RapportPresence presences[] = {
  RAPPORT_PRESENCE_PRESENT,
  RAPPORT_PRESENCE_LATE,
  RAPPORT_PRESENCE_SUBSTITUTE,
  RAPPORT_PRESENCE_ABSENT,
};

typedef struct
{
  gint64 member_id;
  AdwComboRow *presence;
  AdwEntryRow *asks;
  AdwEntryRow *offers;
  /* As the dialog opened: an answer left alone is not written back. */
  guint first_presence;
  char *first_asks;
  char *first_offers;
} MemberRows;

static void
member_rows_clear (MemberRows *rows)
{
  g_free (rows->first_asks);
  g_free (rows->first_offers);
}

static gboolean
member_rows_changed (MemberRows *rows)
{
  return adw_combo_row_get_selected (rows->presence) != rows->first_presence ||
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (rows->asks)), rows->first_asks) != 0 ||
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (rows->offers)), rows->first_offers) != 0;
}

struct _RapportMeetingEditor
{
  AdwWindow parent_instance;

  RapportStore *store;
  gint64 huddle_id;
  gint64 starts_at;
  GArray *members; /* MemberRows */
  AdwEntryRow *notes_row;
  char *first_notes;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (RapportMeetingEditor, rapport_meeting_editor, ADW_TYPE_WINDOW)

/* The meeting already recorded at this start, if any. */
static RapportMeeting *
find_meeting (RapportMeetingEditor *self)
{
  g_autoptr(GListModel) meetings = rapport_store_list_meetings (self->store, self->huddle_id, NULL);

  for (guint i = 0; meetings != NULL && i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(RapportMeeting) meeting = g_list_model_get_item (meetings, i);

      if (rapport_meeting_get_starts_at (meeting) == self->starts_at)
        return g_steal_pointer (&meeting);
    }
  return NULL;
}

static void
on_save (RapportMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportMeeting) now = find_meeting (self);
  const char *notes = gtk_editable_get_text (GTK_EDITABLE (self->notes_row));
  gint64 meeting;

  /* Only what was changed here is written: the notes or an answer that
   * another computer changed meanwhile (sync brought it in while this
   * dialog was open) stay as they are now. */
  if (now != NULL && g_strcmp0 (notes, self->first_notes) == 0)
    notes = rapport_meeting_get_notes (now);
  meeting = rapport_store_record_meeting (self->store, self->huddle_id, self->starts_at, notes, &error);
  for (guint i = 0; meeting != 0 && i < self->members->len; i++)
    {
      MemberRows *rows = &g_array_index (self->members, MemberRows, i);
      guint chosen = adw_combo_row_get_selected (rows->presence);

      if (now != NULL && !member_rows_changed (rows))
        continue;

      /* "Not recorded" takes back what was recorded before. */
      if (chosen == 0 || chosen > G_N_ELEMENTS (presences))
        {
          if (!rapport_store_clear_attendance (self->store, meeting, rows->member_id, &error))
            break;
          continue;
        }
      if (!rapport_store_set_attendance (self->store, meeting, rows->member_id, presences[chosen - 1],
                                         gtk_editable_get_text (GTK_EDITABLE (rows->asks)),
                                         gtk_editable_get_text (GTK_EDITABLE (rows->offers)), &error))
        break;
    }
  if (error != NULL)
    {
      rapport_form_show_error (self->error_label, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
show_answer (AdwComboRow *presence,
             GParamSpec *pspec,
             AdwExpanderRow *expander)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (presence);

  adw_expander_row_set_subtitle (expander, item ? gtk_string_object_get_string (item) : "");
}

static void
add_member (RapportMeetingEditor *self,
            AdwPreferencesGroup *group,
            gint64 member_id,
            const char *name,
            int presence,
            const char *asks,
            const char *offers)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  MemberRows rows = { member_id };
  guint selected = 0;

  gtk_string_list_append (labels, _("Not recorded"));
  for (guint i = 0; i < G_N_ELEMENTS (presences); i++)
    {
      gtk_string_list_append (labels, rapport_presence_get_label (presences[i]));
      if ((int) presences[i] == presence)
        selected = i + 1;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), name);
  rows.presence = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.presence), _("Attendance"));
  adw_combo_row_set_model (rows.presence, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (rows.presence, selected);
  /* The expander says the answer while it is closed. */
  g_signal_connect_object (rows.presence, "notify::selected", G_CALLBACK (show_answer), expander, 0);
  show_answer (rows.presence, NULL, ADW_EXPANDER_ROW (expander));
  rows.asks = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.asks), _("Asked for"));
  gtk_editable_set_text (GTK_EDITABLE (rows.asks), asks ? asks : "");
  rows.offers = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.offers), _("Offered"));
  gtk_editable_set_text (GTK_EDITABLE (rows.offers), offers ? offers : "");
  rows.first_presence = selected;
  rows.first_asks = g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows.asks)));
  rows.first_offers = g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows.offers)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (rows.presence));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (rows.asks));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (rows.offers));
  adw_preferences_group_add (group, expander);
  g_array_append_val (self->members, rows);
}

static void
fill_members (RapportMeetingEditor *self,
              AdwPreferencesGroup *group,
              gint64 meeting_id)
{
  g_autoptr(GListModel) list = NULL;

  if (meeting_id != 0)
    {
      list = rapport_store_list_attendance (self->store, meeting_id, NULL);
      for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(RapportAttendance) row = g_list_model_get_item (list, i);

          add_member (self, group, rapport_attendance_get_member_id (row), rapport_attendance_get_name (row),
                      rapport_attendance_get_status (row), rapport_attendance_get_asks (row),
                      rapport_attendance_get_offers (row));
        }
      return;
    }
  list = rapport_store_list_members (self->store, self->huddle_id, FALSE, NULL);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RapportHuddleMember) member = g_list_model_get_item (list, i);

      add_member (self, group, rapport_huddle_member_get_id (member), rapport_huddle_member_get_name (member), -1, NULL,
                  NULL);
    }
}

static void
build (RapportMeetingEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *strategy = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *who = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(RapportMeeting) meeting = find_meeting (self);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (self->starts_at);
  g_autofree char *when = g_date_time_format (start, _("%A %-d %B %Y, %H:%M"));
  g_autofree char *title = NULL;

  adw_preferences_group_set_title (strategy, when);
  self->notes_row = rapport_form_add_entry (strategy, _("Strategy notes"),
                                                         meeting ? rapport_meeting_get_notes (meeting) : NULL);
  self->first_notes = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  adw_preferences_group_set_title (who, _("Who Came"));
  adw_preferences_group_set_description (who, _("Open a member to say how they came, and what they asked for and offered."));
  fill_members (self, who, meeting ? rapport_meeting_get_id (meeting) : 0);
  self->error_label = rapport_form_add_error_label (who);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), strategy);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), who);
  title = g_strdup (meeting ? _("Meeting") : _("Record a Meeting"));
  rapport_form_set_content (ADW_WINDOW (self), title, _("_Save"), G_CALLBACK (on_save), page);
}

static void
rapport_meeting_editor_dispose (GObject *object)
{
  RapportMeetingEditor *self = RAPPORT_MEETING_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->members, g_array_unref);
  g_clear_pointer (&self->first_notes, g_free);
  G_OBJECT_CLASS (rapport_meeting_editor_parent_class)->dispose (object);
}

static void
rapport_meeting_editor_class_init (RapportMeetingEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_meeting_editor_dispose;
}

static void
rapport_meeting_editor_init (RapportMeetingEditor *self)
{
  self->members = g_array_new (FALSE, TRUE, sizeof (MemberRows));
  g_array_set_clear_func (self->members, (GDestroyNotify) member_rows_clear);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 680);
}

/**
 * rapport_meeting_editor_new:
 * @parent: the window it belongs to
 * @store: where to save
 * @huddle_id: the huddle
 * @starts_at: the meeting's start, usually an occurrence of the schedule
 *
 * Returns: (transfer none): the dialog, to present; GTK keeps it until
 *   it closes
 */
GtkWidget *
rapport_meeting_editor_new (GtkWindow *parent,
                            RapportStore *store,
                            gint64 huddle_id,
                            gint64 starts_at)
{
  RapportMeetingEditor *self = g_object_new (RAPPORT_TYPE_MEETING_EDITOR, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->huddle_id = huddle_id;
  self->starts_at = starts_at;
  build (self);
  return GTK_WIDGET (self);
}
