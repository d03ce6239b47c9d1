/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event-page.c: one event.
 *
 * "I'm at this event" opens capture: a name, a company and one line make
 * a contact met here, with their follow-up, in one store call; the page
 * counts meaningful conversations against the goal in the user's profile.
 * After the event, the four-question scorecard. The page reloads its
 * event from the store after every change, so it always shows what is
 * saved.
 */
#define G_LOG_DOMAIN "rapport-event-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-text.h"
#include "rapport-application.h"
#include "rapport-confirm.h"
#include "rapport-contact-list.h"
#include "rapport-event-editor.h"
#include "rapport-event-page.h"
#include "rapport-export.h"
#include "rapport-format.h"
#include "rapport-ical.h"
#include "rapport-toast.h"

#define SCORE_MAX 5
/* How many contacts the "mark as met" search offers. */
#define MARK_MATCHES 8

struct _RapportEventPage
{
  RapportStorePage parent_instance;

  RapportStore *store; /* the page's, for short */
  RapportEvent *event;
  RapportContactList *matches;
  GtkToggleButton *score_buttons[RAPPORT_N_SCORE_QUESTIONS][SCORE_MAX];
  GtkToggleButton *go_again_buttons[3]; /* yes, no, not sure */
  GtkLabel *quality_label;

  GtkWidget *scrolled;
  GtkLabel *title_label;
  GtkLabel *details_label;
  GtkButton *group_button;
  GtkToggleButton *capture_button;
  GtkRevealer *capture_revealer;
  AdwEntryRow *name_row;
  AdwEntryRow *company_row;
  AdwEntryRow *context_row;
  GtkSwitch *meaningful_switch;
  GtkButton *add_button;
  GtkLabel *goal_label;
  GtkLevelBar *goal_bar;
  AdwPreferencesGroup *people_group;
  GtkListBox *people_list;
  GtkPopover *mark_popover;
  GtkSearchEntry *mark_search;
  GtkListBox *mark_list;
  AdwPreferencesGroup *scorecard_group;
  GtkListBox *scorecard_list;
  GtkButton *score_button;
  GtkLabel *notes_label;
};

G_DEFINE_FINAL_TYPE (RapportEventPage, rapport_event_page, RAPPORT_TYPE_STORE_PAGE)

enum {
  OPEN_GROUP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (RapportEventPage *self,
            const GError *error)
{
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (error->message));
}

static void
update_goal (RapportEventPage *self)
{
  g_autoptr(RapportProfile) profile = rapport_store_get_profile (self->store);
  int meaningful = rapport_event_get_n_meaningful (self->event);
  int people = rapport_event_get_n_people (self->event);
  g_autofree char *goal = NULL;
  g_autofree char *text = NULL;

  if (profile->goal_min == profile->goal_max)
    goal = g_strdup_printf ("%d", profile->goal_min);
  else
    /* TRANSLATORS: a range of meaningful conversations, like "5–8" */
    goal = g_strdup_printf (_("%d–%d"), profile->goal_min, profile->goal_max);
  /* TRANSLATORS: "3 meaningful conversations · goal 5–8 · 7 met": the
   * conversations that mattered, the user's goal, and everyone met */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%d meaningful conversation · goal %s · %d met",
                                       "%d meaningful conversations · goal %s · %d met",
                                       meaningful),
                          meaningful, goal, people);
  gtk_label_set_label (self->goal_label, text);
  /* Below the goal is "low", within it "high", at its top "full". */
  gtk_level_bar_set_max_value (self->goal_bar, profile->goal_max);
  gtk_level_bar_remove_offset_value (self->goal_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->goal_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->goal_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->goal_bar, GTK_LEVEL_BAR_OFFSET_LOW, profile->goal_min - 1);
  gtk_level_bar_add_offset_value (self->goal_bar, GTK_LEVEL_BAR_OFFSET_HIGH, profile->goal_min);
  gtk_level_bar_add_offset_value (self->goal_bar, GTK_LEVEL_BAR_OFFSET_FULL, profile->goal_max);
  gtk_level_bar_set_value (self->goal_bar, MIN (meaningful, profile->goal_max));
}

/* A full star for a meaningful conversation, an outline for the others. */
static void
show_star (GtkToggleButton *star)
{
  gtk_button_set_icon_name (GTK_BUTTON (star), gtk_toggle_button_get_active (star) ? "starred-symbolic"
                                                                                   : "non-starred-symbolic");
}

static void
on_meaningful_toggled (GtkToggleButton *button,
                       RapportEventPage *self)
{
  RapportEventPerson *person = g_object_get_data (G_OBJECT (button), "person");
  g_autoptr(GError) error = NULL;

  show_star (button);
  if (gtk_toggle_button_get_active (button) == rapport_event_person_get_meaningful (person))
    return;
  if (!rapport_store_set_meaningful (self->store, rapport_event_person_get_event_id (person),
                                     rapport_event_person_get_contact_id (person),
                                     gtk_toggle_button_get_active (button), &error))
    show_error (self, error);
}

static void
on_unmark_clicked (GtkButton *button,
                   RapportEventPage *self)
{
  RapportEventPerson *person = g_object_get_data (G_OBJECT (button), "person");
  g_autoptr(GError) error = NULL;

  if (!rapport_store_unmark_met (self->store, rapport_event_person_get_event_id (person),
                                 rapport_event_person_get_contact_id (person), &error))
    show_error (self, error);
}

static GtkWidget *
make_person_row (RapportEventPage *self,
                 RapportEventPerson *person)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *star = gtk_toggle_button_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  GString *subtitle = g_string_new (rapport_event_person_get_company (person));
  g_autofree char *star_label = NULL;
  g_autofree char *remove_label = NULL;

  if (rapport_event_person_get_note (person) != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", rapport_event_person_get_note (person));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_event_person_get_name (person));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "person", g_object_ref (person), g_object_unref);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), rapport_event_person_get_meaningful (person));
  show_star (GTK_TOGGLE_BUTTON (star));
  gtk_widget_set_tooltip_text (star, _("Meaningful Conversation"));
  /* TRANSLATORS: what a screen reader says of the star beside a person met */
  star_label = g_strdup_printf (_("Meaningful conversation with %s"), rapport_event_person_get_name (person));
  gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, star_label, -1);
  gtk_widget_set_valign (star, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (star, "flat");
  gtk_widget_add_css_class (star, "meaningful-toggle");
  g_object_set_data (G_OBJECT (star), "person", person);
  g_signal_connect (star, "toggled", G_CALLBACK (on_meaningful_toggled), self);

  gtk_widget_set_tooltip_text (remove, _("Not Met Here"));
  remove_label = g_strdup_printf (_("%s was not met here"), rapport_event_person_get_name (person));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data (G_OBJECT (remove), "person", person);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_unmark_clicked), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), star);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_string_free (subtitle, TRUE);
  return row;
}

static void
update_people (RapportEventPage *self)
{
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))) != NULL)
    gtk_list_box_remove (self->people_list, child);
  people = rapport_store_list_event_people (self->store, rapport_event_get_id (self->event), &error);
  if (people == NULL)
    {
      show_error (self, error);
      return;
    }
  n = g_list_model_get_n_items (people);
  if (n == 0)
    {
      GtkWidget *nobody = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (nobody), _("Nobody yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (nobody), _("Add the people you talk to while you are there."));
      gtk_widget_add_css_class (nobody, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (nobody), FALSE);
      gtk_list_box_append (self->people_list, nobody);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportEventPerson) person = g_list_model_get_item (people, i);

      gtk_list_box_append (self->people_list, make_person_row (self, person));
    }
}

static gboolean
scorecard_complete (RapportEventPage *self,
                    int answers[RAPPORT_N_SCORE_QUESTIONS])
{
  gboolean complete = TRUE;

  for (guint q = 0; q < RAPPORT_N_SCORE_QUESTIONS; q++)
    {
      answers[q] = 0;
      for (guint v = 0; v < SCORE_MAX; v++)
        if (gtk_toggle_button_get_active (self->score_buttons[q][v]))
          answers[q] = v + 1;
      complete = complete && answers[q] != 0;
    }
  return complete;
}

static void
update_quality_label (RapportEventPage *self)
{
  int answers[RAPPORT_N_SCORE_QUESTIONS];
  g_autofree char *text = NULL;

  if (scorecard_complete (self, answers))
    text = g_strdup_printf (_("Quality %d out of 100"), rapport_quality_score (answers));
  else
    text = g_strdup (_("Answer each question from 1 (not at all) to 5 (very much)."));
  adw_preferences_group_set_description (self->scorecard_group, text);
}

static void
on_score_toggled (RapportEventPage *self)
{
  int answers[RAPPORT_N_SCORE_QUESTIONS];

  gtk_widget_set_sensitive (GTK_WIDGET (self->score_button), scorecard_complete (self, answers));
  update_quality_label (self);
}

static void
update_scorecard (RapportEventPage *self)
{
  gboolean started = rapport_event_get_starts_at (self->event) <= rapport_time_now ();
  gboolean scored = rapport_event_has_scorecard (self->event);
  int go_again = rapport_event_get_go_again (self->event);

  gtk_widget_set_visible (GTK_WIDGET (self->scorecard_group), started);
  for (guint q = 0; q < RAPPORT_N_SCORE_QUESTIONS; q++)
    for (guint v = 0; v < SCORE_MAX; v++)
      gtk_toggle_button_set_active (self->score_buttons[q][v], rapport_event_get_score (self->event, q) == (int) v + 1);
  gtk_toggle_button_set_active (self->go_again_buttons[0], go_again == 1);
  gtk_toggle_button_set_active (self->go_again_buttons[1], go_again == 0);
  gtk_toggle_button_set_active (self->go_again_buttons[2], scored && go_again == -1);
  gtk_button_set_label (self->score_button, scored ? _("_Update Scorecard") : _("_Save Scorecard"));
  on_score_toggled (self);
}

/* Whether @a and @b have the same scorecard saved: if so, what the user
 * is answering on screen stays. */
static gboolean
same_scorecard (RapportEvent *a,
                RapportEvent *b)
{
  if (rapport_event_get_id (a) != rapport_event_get_id (b) ||
      rapport_event_get_go_again (a) != rapport_event_get_go_again (b) ||
      rapport_event_get_starts_at (a) != rapport_event_get_starts_at (b))
    return FALSE;
  for (guint q = 0; q < RAPPORT_N_SCORE_QUESTIONS; q++)
    if (rapport_event_get_score (a, q) != rapport_event_get_score (b, q))
      return FALSE;
  return TRUE;
}

/* Capture suits an event under way, or one just over when the user adds
 * the cards they brought home; one further off only needs its people
 * added afterwards, and a coming one none yet. */
static void
update_capture (RapportEventPage *self)
{
  gint64 now = rapport_time_now ();
  gint64 day = 24 * 60 * 60;
  gboolean soon = rapport_event_get_starts_at (self->event) - day <= now;
  gboolean over = rapport_event_get_ends_at (self->event) + day < now;

  gtk_widget_set_visible (GTK_WIDGET (self->capture_button), soon);
  gtk_button_set_label (GTK_BUTTON (self->capture_button), over ? _("_Add People You Met") : _("I’m _at This Event"));
  if (!soon)
    gtk_toggle_button_set_active (self->capture_button, FALSE);
}

static void
update (RapportEventPage *self,
        gboolean scorecard_changed)
{
  g_autofree char *details = NULL;
  const char *location;

  if (self->event == NULL)
    return;
  gtk_label_set_label (self->title_label, rapport_event_get_title (self->event));
  details = rapport_format_event_when (self->event);
  location = rapport_event_get_location (self->event);
  if (rapport_event_get_kind (self->event) != RAPPORT_EVENT_OTHER)
    {
      g_autofree char *base = g_steal_pointer (&details);

      details = g_strdup_printf ("%s · %s", base, rapport_event_kind_get_label (rapport_event_get_kind (self->event)));
    }
  if (location != NULL)
    {
      g_autofree char *base = g_steal_pointer (&details);

      details = g_strdup_printf ("%s · %s", base, location);
    }
  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->group_button), rapport_event_get_group_name (self->event) != NULL);
  gtk_button_set_label (self->group_button, rapport_event_get_group_name (self->event));
  gtk_label_set_label (self->notes_label, rapport_event_get_notes (self->event));
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), rapport_event_get_notes (self->event) != NULL);
  update_goal (self);
  update_people (self);
  update_capture (self);
  if (scorecard_changed)
    update_scorecard (self);
}

static void
reload (RapportStorePage *page)
{
  RapportEventPage *self = RAPPORT_EVENT_PAGE (page);
  g_autoptr(RapportEvent) fresh = NULL;
  gboolean scorecard_changed;

  if (self->event == NULL)
    return;
  fresh = rapport_store_get_event (self->store, rapport_event_get_id (self->event), NULL);
  if (fresh == NULL)
    {
      rapport_store_page_gone (page);
      return;
    }
  scorecard_changed = !same_scorecard (self->event, fresh);
  g_set_object (&self->event, fresh);
  update (self, scorecard_changed);
}

static void
on_event_changed (RapportEventPage *self,
                  gint64 id)
{
  if (self->event != NULL && (id == 0 || id == rapport_event_get_id (self->event)))
    rapport_store_page_queue_reload (RAPPORT_STORE_PAGE (self));
}

/* A person met here may have been renamed, and the goal may have moved. */
static void
on_other_changed (RapportEventPage *self)
{
  if (self->event != NULL)
    rapport_store_page_queue_reload (RAPPORT_STORE_PAGE (self));
}

static void
clear_capture (RapportEventPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->company_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->context_row), "");
  gtk_switch_set_active (self->meaningful_switch, FALSE);
}

void
rapport_event_page_set_event_id (RapportEventPage *self,
                                 gint64 event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportEvent) event = NULL;

  g_return_if_fail (RAPPORT_IS_EVENT_PAGE (self));

  event = rapport_store_get_event (self->store, event_id, &error);
  if (event == NULL)
    {
      show_error (self, error);
      return;
    }
  /* What was typed for another event must not be added to this one. */
  if (self->event == NULL || rapport_event_get_id (self->event) != event_id)
    {
      gtk_toggle_button_set_active (self->capture_button, FALSE);
      clear_capture (self);
    }
  g_set_object (&self->event, event);
  update (self, TRUE);
}

gint64
rapport_event_page_get_event_id (RapportEventPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_EVENT_PAGE (self), 0);
  return self->event ? rapport_event_get_id (self->event) : 0;
}

static void
on_capture_toggled (RapportEventPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->capture_button);

  gtk_revealer_set_reveal_child (self->capture_revealer, active);
  if (active)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
on_add_person (RapportEventPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (rapport_event_get_starts_at (self->event));
  g_autofree char *met_on = g_date_time_format (start, "%Y-%m-%d");
  GSettings *settings = rapport_application_get_settings (RAPPORT_APPLICATION (g_application_get_default ()));
  g_autofree char *due = rapport_followup_due_for (settings, met_on);
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *toast = NULL;
  gint64 id;

  id = rapport_store_capture_person (self->store, rapport_event_get_id (self->event), name,
                                     gtk_editable_get_text (GTK_EDITABLE (self->company_row)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->context_row)),
                                     gtk_switch_get_active (self->meaningful_switch), due, &error);
  if (id == 0)
    {
      show_error (self, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  clear_capture (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  /* TRANSLATORS: %s is a person's name */
  toast = g_strdup_printf (_("%s added, with a follow-up"), name);
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (toast));
}

static void
on_group_clicked (RapportEventPage *self)
{
  g_signal_emit (self, signals[OPEN_GROUP], 0, rapport_event_get_group_id (self->event));
}

static void
on_person_activated (RapportEventPage *self,
                     GtkListBoxRow *row)
{
  RapportEventPerson *person = g_object_get_data (G_OBJECT (row), "person");

  if (person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "x", rapport_event_person_get_contact_id (person));
}

static void
fill_matches (RapportEventPage *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mark_list))) != NULL)
    gtk_list_box_remove (self->mark_list, child);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->matches)), MARK_MATCHES);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportContact) contact = g_list_model_get_item (G_LIST_MODEL (self->matches), i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_contact_get_display_name (contact));
      if (rapport_contact_get_company (contact) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_contact_get_company (contact));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "contact", g_object_ref (contact), g_object_unref);
      gtk_list_box_append (self->mark_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mark_list), n > 0);
}

static void
on_mark_search_changed (RapportEventPage *self)
{
  rapport_contact_list_set_search (self->matches, gtk_editable_get_text (GTK_EDITABLE (self->mark_search)));
  fill_matches (self);
}

static void
on_mark_popover_show (RapportEventPage *self)
{
  if (self->matches == NULL)
    self->matches = rapport_contact_list_new (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->mark_search), "");
  on_mark_search_changed (self);
}

static void
on_mark_row_activated (RapportEventPage *self,
                       GtkListBoxRow *row)
{
  RapportContact *contact = g_object_get_data (G_OBJECT (row), "contact");
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (self->mark_popover);
  if (!rapport_store_mark_met (self->store, rapport_event_get_id (self->event), rapport_contact_get_id (contact),
                               FALSE, NULL, &error))
    show_error (self, error);
}

static void
on_save_scorecard (RapportEventPage *self)
{
  int answers[RAPPORT_N_SCORE_QUESTIONS];
  int go_again = -1;
  g_autoptr(GError) error = NULL;

  if (!scorecard_complete (self, answers))
    return;
  if (gtk_toggle_button_get_active (self->go_again_buttons[0]))
    go_again = 1;
  else if (gtk_toggle_button_get_active (self->go_again_buttons[1]))
    go_again = 0;
  /* "Not sure", or no answer: -1. */
  if (!rapport_store_set_scorecard (self->store, rapport_event_get_id (self->event), answers, go_again, &error))
    show_error (self, error);
  else
    rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (_("Scorecard saved")));
}

/* A row of linked toggle buttons, one of which may be active, for the
 * question @question; fills @buttons and returns the box. A screen reader
 * says the question with each answer, since the buttons stand alone. */
static GtkWidget *
make_choice (const char *question,
             const char *const *labels,
             const char *const *tooltips,
             guint n,
             GtkToggleButton **buttons,
             RapportEventPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < n; i++)
    {
      /* TRANSLATORS: what a screen reader says of an answer: the question, then the answer */
      g_autofree char *accessible = g_strdup_printf (_("%s: %s"), question, labels[i]);

      buttons[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (labels[i]));
      if (i > 0)
        gtk_toggle_button_set_group (buttons[i], buttons[0]);
      if (tooltips != NULL && tooltips[i] != NULL)
        gtk_widget_set_tooltip_text (GTK_WIDGET (buttons[i]), tooltips[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect_swapped (buttons[i], "toggled", G_CALLBACK (on_score_toggled), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (buttons[i]));
    }
  return box;
}

static void
build_scorecard (RapportEventPage *self)
{
  static const char *const scores[] = { "1", "2", "3", "4", "5" };
  const char *const score_tips[] = { _("Not at all"), NULL, NULL, NULL, _("Very much") };
  const char *const go_again[] = { _("Yes"), _("No"), _("Not sure") };
  const char *question;
  GtkWidget *row;

  for (guint q = 0; q < RAPPORT_N_SCORE_QUESTIONS; q++)
    {
      question = rapport_score_question_get_text (q);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), question);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_choice (question, scores, score_tips, SCORE_MAX, self->score_buttons[q], self));
      gtk_list_box_append (self->scorecard_list, row);
    }
  question = _("Worth going again?");
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), question);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_choice (question, go_again, NULL, G_N_ELEMENTS (go_again), self->go_again_buttons, self));
  gtk_list_box_append (self->scorecard_list, row);
}

static void
edit_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  RapportEventPage *self = RAPPORT_EVENT_PAGE (widget);
  GtkWidget *editor;

  if (self->event == NULL)
    return;
  editor = rapport_event_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, self->event);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
export_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportEventPage *self = RAPPORT_EVENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  char *ics;

  if (self->event == NULL)
    return;
  ics = rapport_ical_export_event (self->event, &error);
  if (ics == NULL)
    show_error (self, error);
  else
    rapport_export_save (widget, _("Export Event"), rapport_event_get_title (self->event), ics);
}

static void
on_delete_response (RapportEventPage *self,
                    const char *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->event == NULL)
    return;
  if (!rapport_store_delete_event (self->store, rapport_event_get_id (self->event), &error))
    show_error (self, error);
}

static void
delete_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportEventPage *self = RAPPORT_EVENT_PAGE (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->event == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), rapport_event_get_title (self->event));
  dialog = rapport_confirm_new (widget, heading,
                                _("Its scorecard goes with it. The people you met there stay in your network."),
                                   "delete", _("_Delete"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rapport_event_page_constructed (GObject *object)
{
  RapportEventPage *self = RAPPORT_EVENT_PAGE (object);

  G_OBJECT_CLASS (rapport_event_page_parent_class)->constructed (object);
  self->store = rapport_store_page_get_store (RAPPORT_STORE_PAGE (self));
  g_signal_connect_object (self->store, "changed::events", G_CALLBACK (on_event_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::contacts", G_CALLBACK (on_other_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::profile", G_CALLBACK (on_other_changed), self, G_CONNECT_SWAPPED);
}

static void
rapport_event_page_dispose (GObject *object)
{
  RapportEventPage *self = RAPPORT_EVENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_EVENT_PAGE);
  g_clear_object (&self->event);
  g_clear_object (&self->matches);
  G_OBJECT_CLASS (rapport_event_page_parent_class)->dispose (object);
}

static void
rapport_event_page_class_init (RapportEventPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_event_page_constructed;
  RAPPORT_STORE_PAGE_CLASS (klass)->reload = reload;
  object_class->dispose = rapport_event_page_dispose;

  /**
   * RapportEventPage::open-group:
   * @group_id: the event's group
   *
   * The user asked to see the event's group.
   */
  signals[OPEN_GROUP] = g_signal_new ("open-group", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weandco/Rapport/events/rapport-event-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, group_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, capture_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, capture_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, context_row);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, meaningful_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, goal_label);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, goal_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, people_group);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, mark_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, mark_search);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, mark_list);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, scorecard_group);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, scorecard_list);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, score_button);
  gtk_widget_class_bind_template_child (widget_class, RapportEventPage, notes_label);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_add_person);
  gtk_widget_class_bind_template_callback (widget_class, on_group_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_mark_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_mark_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mark_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_save_scorecard);
  gtk_widget_class_install_action (widget_class, "event.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "event.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "event.export", NULL, export_action);
}

static void
rapport_event_page_init (RapportEventPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_scorecard (self);
}
