/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-editor.c: create or edit a contact card.
 *
 * The editor works on a detached copy; nothing reaches the store until
 * Save, and the store's validation decides. A refused save keeps the
 * window open with the reason shown above the form, so nothing typed is
 * lost. A new contact is assumed just met: "met on" starts at today and a
 * follow-up is proposed within the user's window (same day or next day).
 */
#define G_LOG_DOMAIN "rapport-contact-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "rapport-contact-editor.h"
#include "rapport-format.h"
#include "rapport-enums.h"
#include "rapport-error.h"
#include "rapport-text.h"

struct _RapportContactEditor
{
  AdwWindow parent_instance;

  RapportStore *store;
  GSettings *settings;
  RapportContact *contact; /* the live contact being edited, or NULL */
  RapportContact *shown;   /* the form as it opened, read back as a card */
  char *met_on;
  gint64 introduced_by;
  GPtrArray *email_rows;
  GPtrArray *phone_rows;

  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  AdwPreferencesPage *page;
  AdwEntryRow *name_row;
  AdwEntryRow *company_row;
  AdwEntryRow *job_title_row;
  AdwComboRow *relationship_row;
  AdwActionRow *met_on_row;
  GtkPopover *met_on_popover;
  GtkCalendar *met_on_calendar;
  AdwActionRow *followup_row;
  GtkSwitch *followup_switch;
  AdwActionRow *introduced_row;
  GtkPopover *introduced_popover;
  GtkSearchEntry *introduced_search;
  GtkListBox *introduced_list;
  AdwComboRow *cadence_row;
  AdwEntryRow *tags_row;
  GtkTextView *help_them_view;
  GtkTextView *help_me_view;
  AdwPreferencesGroup *emails_group;
  AdwPreferencesGroup *phones_group;
  AdwEntryRow *industry_row;
  AdwEntryRow *since_row;
  AdwEntryRow *city_row;
  AdwEntryRow *website_row;
  AdwEntryRow *linkedin_row;
  GtkTextView *notes_view;
  GtkWidget *save_button;
};

G_DEFINE_FINAL_TYPE (RapportContactEditor, rapport_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const int cadences[] = { 0, 14, 30, 60, 90, 180, 365 };
/* Stored as keys; rapport_label_get_display() gives the words. */
static const char *const email_labels[] = { "work", "personal", "other", NULL };
static const char *const phone_labels[] = { "mobile", "work", "home", "other", NULL };

static const RapportRelationship relationships[] = {
  RAPPORT_RELATIONSHIP_UNKNOWN,
  RAPPORT_RELATIONSHIP_PROSPECT,
  RAPPORT_RELATIONSHIP_NOT_PROSPECT,
  RAPPORT_RELATIONSHIP_CLIENT,
  RAPPORT_RELATIONSHIP_REFERRAL_PARTNER,
  RAPPORT_RELATIONSHIP_FRIEND,
  RAPPORT_RELATIONSHIP_MENTOR,
};

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set (GtkTextView *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

static const char *
entry_get (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
entry_set (AdwEntryRow *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
show_error (RapportContactEditor *self,
            const char *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void on_met_on_day_selected (RapportContactEditor *self);

static char *
followup_due (RapportContactEditor *self)
{
  return rapport_followup_due_for (self->settings, self->met_on);
}

/* The calendar opens on the date the row shows, or on today. */
static void
sync_calendar (RapportContactEditor *self)
{
  g_autofree char *today = rapport_date_today ();
  const char *date = self->met_on ? self->met_on : today;
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return;
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (dt == NULL)
    return;
  g_signal_handlers_block_by_func (self->met_on_calendar, on_met_on_day_selected, self);
  gtk_calendar_select_day (self->met_on_calendar, dt);
  g_signal_handlers_unblock_by_func (self->met_on_calendar, on_met_on_day_selected, self);
}

static void
update_met_on (RapportContactEditor *self)
{
  g_autofree char *day = rapport_date_format (self->met_on);
  g_autofree char *due = NULL;
  g_autofree char *due_day = NULL;
  g_autofree char *subtitle = NULL;

  adw_action_row_set_subtitle (self->met_on_row, day ? day : _("Not met in person"));
  sync_calendar (self);
  if (self->contact == NULL)
    {
      due = followup_due (self);
      due_day = rapport_date_format (due);
      /* Translators: %s is a date */
      subtitle = g_strdup_printf (_("Due %s"), due_day);
      adw_action_row_set_subtitle (self->followup_row, subtitle);
    }
}

static void
on_met_on_day_selected (RapportContactEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->met_on_calendar);

  g_free (self->met_on);
  self->met_on = g_date_time_format (date, "%Y-%m-%d");
  update_met_on (self);
  gtk_popover_popdown (self->met_on_popover);
}

static void
on_met_on_clear (RapportContactEditor *self)
{
  g_clear_pointer (&self->met_on, g_free);
  update_met_on (self);
  gtk_popover_popdown (self->met_on_popover);
}

static void
set_introducer (RapportContactEditor *self,
                gint64 id,
                const char *name)
{
  self->introduced_by = id;
  adw_action_row_set_subtitle (self->introduced_row, id ? name : _("Nobody"));
}

static void
on_introduced_clear (RapportContactEditor *self)
{
  set_introducer (self, 0, NULL);
  gtk_popover_popdown (self->introduced_popover);
}

static void
on_introduced_row_activated (RapportContactEditor *self,
                             GtkListBoxRow *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "contact-id"));

  set_introducer (self, id, g_object_get_data (G_OBJECT (row), "name"));
  gtk_popover_popdown (self->introduced_popover);
}

/* Up to eight matches are enough to pick a person; typing narrows them. */
static void
on_introduced_search_changed (RapportContactEditor *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->introduced_search));
  RapportContactQuery query = { .search = text, .relationship = -1 };
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->introduced_list))) != NULL)
    gtk_list_box_remove (self->introduced_list, child);

  if (!rapport_store_query_contact_ids (self->store, &query, ids, NULL))
    return;
  for (guint i = 0; i < ids->len && shown < 8; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(RapportContact) c = NULL;
      GtkWidget *row;

      if (self->contact != NULL && id == rapport_contact_get_id (self->contact))
        continue;
      c = rapport_store_get_contact (self->store, id, NULL);
      if (c == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_contact_get_display_name (c));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_contact_get_subtitle (c));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "contact-id", GSIZE_TO_POINTER ((gsize) id));
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (rapport_contact_get_display_name (c)), g_free);
      gtk_list_box_append (self->introduced_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->introduced_list), shown > 0);
}

static void
on_remove_labeled (GtkButton *button,
                   gpointer user_data)
{
  RapportContactEditor *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));

  g_ptr_array_remove (group == self->emails_group ? self->email_rows : self->phone_rows, row);
  adw_preferences_group_remove (group, row);
}

static GtkWidget *
add_labeled_row (RapportContactEditor *self,
                 gboolean is_email,
                 const char *label,
                 const char *value)
{
  const char *const *labels = is_email ? email_labels : phone_labels;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *dropdown;
  GtkWidget *remove;
  guint selected = 0;
  gboolean found = FALSE;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      gtk_string_list_append (model, rapport_label_get_display (labels[i]));
      if (label != NULL && g_ascii_strcasecmp (label, labels[i]) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }
  /* A label from elsewhere (an import, another device) is kept as it is. */
  if (!found && label != NULL && *label)
    {
      gtk_string_list_append (model, label);
      selected = g_list_model_get_n_items (G_LIST_MODEL (model)) - 1;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), is_email ? _("Email Address") : _("Phone Number"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), is_email ? GTK_INPUT_PURPOSE_EMAIL : GTK_INPUT_PURPOSE_PHONE);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  gtk_widget_set_tooltip_text (dropdown, _("Label"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), dropdown);
  g_object_set_data (G_OBJECT (row), "dropdown", dropdown);
  g_object_set_data (G_OBJECT (row), "keys", (gpointer) labels);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_labeled), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  adw_preferences_group_add (is_email ? self->emails_group : self->phones_group, row);
  g_ptr_array_add (is_email ? self->email_rows : self->phone_rows, row);
  return row;
}

static void
on_add_email (RapportContactEditor *self)
{
  gtk_widget_grab_focus (add_labeled_row (self, TRUE, NULL, NULL));
}

static void
on_add_phone (RapportContactEditor *self)
{
  gtk_widget_grab_focus (add_labeled_row (self, FALSE, NULL, NULL));
}

static GPtrArray *
collect_labeled (GPtrArray *rows)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_labeled_free);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkDropDown *dropdown = g_object_get_data (G_OBJECT (row), "dropdown");
      const char *const *keys = g_object_get_data (G_OBJECT (row), "keys");
      guint selected = gtk_drop_down_get_selected (dropdown);
      GtkStringObject *label = gtk_drop_down_get_selected_item (dropdown);
      const char *key = NULL;

      /* A known label is stored as its key, any other as it reads. */
      if (selected < g_strv_length ((char **) keys))
        key = keys[selected];
      else if (label != NULL)
        key = gtk_string_object_get_string (label);
      g_ptr_array_add (out, rapport_labeled_new (key, gtk_editable_get_text (GTK_EDITABLE (row))));
    }
  return out;
}

static void
on_name_changed (RapportContactEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
on_entry_activated (RapportContactEditor *self)
{
  rapport_contact_editor_save (self);
}

static GStrv
split_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* "In industry since" must be a plain year; anything else is refused here
 * with words, rather than silently read as 0. */
static gboolean
parse_year (const char *text,
            int *year)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *end = NULL;
  long value;

  if (*stripped == '\0')
    {
      *year = 0;
      return TRUE;
    }
  value = strtol (stripped, &end, 10);
  if (*end != '\0' || value <= 0 || value > 9999)
    return FALSE;
  *year = (int) value;
  return TRUE;
}

/* The card as the form says it, over @base; NULL when the year does not
 * read as one. */
static RapportContact *
form_to_draft (RapportContactEditor *self,
               RapportContact *base)
{
  RapportContact *draft;
  g_autoptr(GPtrArray) emails = collect_labeled (self->email_rows);
  g_autoptr(GPtrArray) phones = collect_labeled (self->phone_rows);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = split_tags (entry_get (self->tags_row));
  g_autofree char *help_them = text_view_get (self->help_them_view);
  g_autofree char *help_me = text_view_get (self->help_me_view);
  g_autofree char *notes = text_view_get (self->notes_view);
  guint rel = adw_combo_row_get_selected (self->relationship_row);
  guint cadence = adw_combo_row_get_selected (self->cadence_row);
  int year = 0;

  if (!parse_year (entry_get (self->since_row), &year))
    return NULL;

  draft = base ? rapport_contact_copy (base) : rapport_contact_new (NULL);
  g_object_freeze_notify (G_OBJECT (draft));
  rapport_contact_set_display_name (draft, entry_get (self->name_row));
  rapport_contact_set_company (draft, entry_get (self->company_row));
  rapport_contact_set_job_title (draft, entry_get (self->job_title_row));
  rapport_contact_set_relationship (draft, rel < G_N_ELEMENTS (relationships) ? relationships[rel]
                                                                              : RAPPORT_RELATIONSHIP_UNKNOWN);
  rapport_contact_set_met_on (draft, self->met_on);
  rapport_contact_set_introduced_by (draft, self->introduced_by);
  if (cadence != GTK_INVALID_LIST_POSITION)
    {
      GObject *item = g_list_model_get_item (adw_combo_row_get_model (self->cadence_row), cadence);
      rapport_contact_set_cadence_days (draft, GPOINTER_TO_INT (g_object_get_data (item, "days")));
      g_object_unref (item);
    }
  rapport_contact_set_tags (draft, (const char *const *) tags);
  rapport_contact_set_help_them (draft, g_strstrip (help_them));
  rapport_contact_set_help_me (draft, g_strstrip (help_me));
  rapport_contact_set_emails (draft, emails);
  rapport_contact_set_phones (draft, phones);
  rapport_contact_set_industry (draft, entry_get (self->industry_row));
  rapport_contact_set_industry_since (draft, year);
  rapport_contact_set_city (draft, entry_get (self->city_row));
  rapport_contact_set_website (draft, entry_get (self->website_row));
  rapport_contact_set_linkedin (draft, entry_get (self->linkedin_row));
  rapport_contact_set_notes (draft, notes);
  g_object_thaw_notify (G_OBJECT (draft));
  return draft;
}

/**
 * rapport_contact_editor_save:
 * @self: an editor
 *
 * Validates and saves, as the Save button does. On success the editor
 * emits #RapportContactEditor::saved and closes.
 *
 * Returns: %TRUE if the contact was saved
 */
gboolean
rapport_contact_editor_save (RapportContactEditor *self)
{
  g_autoptr(RapportContact) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_CONTACT_EDITOR (self), FALSE);

  draft = form_to_draft (self, self->contact);
  if (draft == NULL)
    {
      show_error (self, _("“In industry since” must be a year, like 2012."));
      gtk_widget_grab_focus (GTK_WIDGET (self->since_row));
      return FALSE;
    }
  /* The live contact follows sync while the editor is open: what the form
   * still shows as it opened takes the contact's value now. */
  if (self->contact != NULL && self->shown != NULL)
    rapport_contact_rebase (draft, self->shown, self->contact);

  if (self->contact == NULL)
    {
      if (gtk_switch_get_active (self->followup_switch))
        due = followup_due (self);
      ok = rapport_store_create_contact (self->store, draft, due, &error);
    }
  else
    {
      ok = rapport_store_update_contact (self->store, draft, &error);
    }

  if (!ok)
    {
      g_autofree char *name = g_strstrip (g_strdup (entry_get (self->name_row)));

      show_error (self, error->message);
      if (*name == '\0')
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
        }
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->contact ? self->contact : draft);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  rapport_contact_editor_save (RAPPORT_CONTACT_EDITOR (widget));
}

static void
setup_models (RapportContactEditor *self)
{
  g_autoptr(GtkStringList) rel_model = gtk_string_list_new (NULL);
  g_autoptr(GListStore) cadence_model = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  for (guint i = 0; i < G_N_ELEMENTS (relationships); i++)
    gtk_string_list_append (rel_model, rapport_relationship_get_label (relationships[i]));
  adw_combo_row_set_model (self->relationship_row, G_LIST_MODEL (rel_model));

  for (guint i = 0; i < G_N_ELEMENTS (cadences); i++)
    {
      g_autofree char *label = rapport_cadence_describe (cadences[i]);
      g_autoptr(GtkStringObject) item = gtk_string_object_new (label);

      g_object_set_data (G_OBJECT (item), "days", GINT_TO_POINTER (cadences[i]));
      g_list_store_append (cadence_model, item);
    }
  adw_combo_row_set_model (self->cadence_row, G_LIST_MODEL (cadence_model));
  adw_combo_row_set_expression (self->cadence_row,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
}

static void
select_cadence (RapportContactEditor *self,
                int days)
{
  GListModel *model = adw_combo_row_get_model (self->cadence_row);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GPOINTER_TO_INT (g_object_get_data (item, "days")) == days)
        {
          adw_combo_row_set_selected (self->cadence_row, i);
          return;
        }
    }
  /* A cadence set elsewhere keeps its exact value. */
  {
    g_autofree char *label = rapport_cadence_describe (days);
    g_autoptr(GtkStringObject) item = gtk_string_object_new (label);

    g_object_set_data (G_OBJECT (item), "days", GINT_TO_POINTER (days));
    g_list_store_append (G_LIST_STORE (model), item);
    adw_combo_row_set_selected (self->cadence_row, n);
  }
}

static void
fill_from_contact (RapportContactEditor *self)
{
  RapportContact *c = self->contact;
  GPtrArray *emails, *phones;
  g_autofree char *tags = NULL;
  g_autofree char *year = NULL;

  if (c == NULL)
    {
      self->met_on = rapport_date_today ();
      set_introducer (self, 0, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("New Contact"));
      add_labeled_row (self, TRUE, NULL, NULL);
      add_labeled_row (self, FALSE, NULL, NULL);
      update_met_on (self);
      /* At an event, the name is typed first. */
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact"));
  gtk_widget_set_visible (GTK_WIDGET (self->followup_row), FALSE);
  entry_set (self->name_row, rapport_contact_get_display_name (c));
  entry_set (self->company_row, rapport_contact_get_company (c));
  entry_set (self->job_title_row, rapport_contact_get_job_title (c));
  for (guint i = 0; i < G_N_ELEMENTS (relationships); i++)
    if (relationships[i] == rapport_contact_get_relationship (c))
      adw_combo_row_set_selected (self->relationship_row, i);
  self->met_on = g_strdup (rapport_contact_get_met_on (c));
  set_introducer (self, rapport_contact_get_introduced_by (c), rapport_contact_get_introduced_by_name (c));
  select_cadence (self, rapport_contact_get_cadence_days (c));
  tags = g_strjoinv (", ", (char **) rapport_contact_get_tags (c));
  entry_set (self->tags_row, tags);
  text_view_set (self->help_them_view, rapport_contact_get_help_them (c));
  text_view_set (self->help_me_view, rapport_contact_get_help_me (c));
  emails = rapport_contact_get_emails (c);
  for (guint i = 0; i < emails->len; i++)
    {
      RapportLabeled *e = g_ptr_array_index (emails, i);
      add_labeled_row (self, TRUE, e->label, e->value);
    }
  phones = rapport_contact_get_phones (c);
  for (guint i = 0; i < phones->len; i++)
    {
      RapportLabeled *p = g_ptr_array_index (phones, i);
      add_labeled_row (self, FALSE, p->label, p->value);
    }
  entry_set (self->industry_row, rapport_contact_get_industry (c));
  if (rapport_contact_get_industry_since (c) != 0)
    year = g_strdup_printf ("%d", rapport_contact_get_industry_since (c));
  entry_set (self->since_row, year);
  entry_set (self->city_row, rapport_contact_get_city (c));
  entry_set (self->website_row, rapport_contact_get_website (c));
  entry_set (self->linkedin_row, rapport_contact_get_linkedin (c));
  text_view_set (self->notes_view, rapport_contact_get_notes (c));
  update_met_on (self);
}

static void
rapport_contact_editor_dispose (GObject *object)
{
  RapportContactEditor *self = RAPPORT_CONTACT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->contact);
  g_clear_object (&self->shown);
  G_OBJECT_CLASS (rapport_contact_editor_parent_class)->dispose (object);
}

static void
rapport_contact_editor_finalize (GObject *object)
{
  RapportContactEditor *self = RAPPORT_CONTACT_EDITOR (object);

  g_free (self->met_on);
  g_ptr_array_unref (self->email_rows);
  g_ptr_array_unref (self->phone_rows);
  G_OBJECT_CLASS (rapport_contact_editor_parent_class)->finalize (object);
}

static void
rapport_contact_editor_class_init (RapportContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_contact_editor_dispose;
  object_class->finalize = rapport_contact_editor_finalize;

  /**
   * RapportContactEditor::saved:
   * @self: the editor
   * @contact: the saved contact, live in the store
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_CONTACT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/contacts/rapport-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, job_title_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, relationship_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, met_on_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, met_on_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, met_on_calendar);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, followup_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, followup_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, introduced_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, introduced_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, introduced_search);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, introduced_list);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, help_them_view);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, help_me_view);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, emails_group);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, phones_group);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, industry_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, since_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, website_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, linkedin_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RapportContactEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_met_on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_met_on_clear);
  gtk_widget_class_bind_template_callback (widget_class, on_introduced_clear);
  gtk_widget_class_bind_template_callback (widget_class, on_introduced_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_introduced_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_email);
  gtk_widget_class_bind_template_callback (widget_class, on_add_phone);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_contact_editor_init (RapportContactEditor *self)
{
  self->email_rows = g_ptr_array_new ();
  self->phone_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_models (self);
}

/**
 * rapport_contact_editor_new:
 * @parent: the window the editor belongs to
 * @store: the store to save into
 * @settings: the app's settings (for the follow-up window)
 * @contact: (nullable): a stored contact to edit, or %NULL for a new one
 *
 * Returns: (transfer none): a new editor, not yet shown
 */
RapportContactEditor *
rapport_contact_editor_new (GtkWindow *parent,
                            RapportStore *store,
                            GSettings *settings,
                            RapportContact *contact)
{
  RapportContactEditor *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (contact == NULL || RAPPORT_IS_CONTACT (contact), NULL);

  self = g_object_new (RAPPORT_TYPE_CONTACT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->contact = contact ? g_object_ref (contact) : NULL;
  fill_from_contact (self);
  if (self->contact != NULL)
    self->shown = form_to_draft (self, self->contact);
  on_introduced_search_changed (self);
  return self;
}
