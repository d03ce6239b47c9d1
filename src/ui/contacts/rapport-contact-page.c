/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-page.c: a contact's card, with its timeline.
 *
 * The page shows the store's live RapportContact, so it follows edits made
 * anywhere. Logging an interaction takes two clicks: the Log button, then
 * the kind. Archiving is the only "remove" here and always offers undo;
 * deleting for good is possible only from the archive, after a question.
 */
#define G_LOG_DOMAIN "rapport-contact-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-confirm.h"
#include "rapport-contact-editor.h"
#include "rapport-contact-page.h"
#include "rapport-photo-cache.h"
#include "rapport-form.h"
#include "rapport-format.h"
#include "rapport-open-link.h"
#include "rapport-share-dialog.h"
#include "rapport-text.h"
#include "rapport-toast.h"
#include "rapport-window.h"

struct _RapportContactPage
{
  GtkWidget parent_instance;

  RapportStore *store;
  RapportContact *contact;
  GPtrArray *rows; /* rows added to groups, removed on rebuild */
  guint rebuild_source;

  GtkScrolledWindow *scroller;
  GtkRevealer *archived_revealer;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *subtitle_label;
  GtkWidget *chips;
  GtkLabel *relationship_label;
  GtkLabel *tags_label;
  GtkWidget *actions_box;
  GtkButton *star_button;
  GtkMenuButton *log_button;
  GtkMenuButton *followup_button;
  GtkPopover *log_popover;
  GtkPopover *followup_popover;
  GtkBox *log_box;
  GtkBox *followup_box;
  GtkEntry *log_note_entry;
  GtkEntry *followup_note_entry;
  AdwPreferencesGroup *help_group;
  AdwPreferencesGroup *followups_group;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *notes_group;
  GtkLabel *notes_label;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *referrals_group;
};

G_DEFINE_FINAL_TYPE (RapportContactPage, rapport_contact_page, GTK_TYPE_WIDGET)

static const RapportInteractionKind log_kinds[] = {
  RAPPORT_INTERACTION_CALL,
  RAPPORT_INTERACTION_EMAIL,
  RAPPORT_INTERACTION_ONE_TO_ONE,
  RAPPORT_INTERACTION_MEETING,
  RAPPORT_INTERACTION_FOLLOW_UP,
  RAPPORT_INTERACTION_MET,
  RAPPORT_INTERACTION_NOTE,
};

static RapportWindow *
get_window (RapportContactPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return RAPPORT_IS_WINDOW (root) ? RAPPORT_WINDOW (root) : NULL;
}

static void
toast (RapportContactPage *self,
       const char *message)
{
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (message));
}

static void
report_error (RapportContactPage *self,
              const GError *error)
{
  RapportWindow *window = get_window (self);

  if (window != NULL)
    rapport_window_show_error (window, error->message);
  else
    g_warning ("%s", error->message);
}

static void
add_row (RapportContactPage *self,
         AdwPreferencesGroup *group,
         GtkWidget *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
clear_rows (RapportContactPage *self)
{
  rapport_form_remove_rows (self->rows);
}

static GtkWidget *
text_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  return row;
}

static void
on_open_link_clicked (GtkButton *button,
                      gpointer user_data)
{
  RapportLinkKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "link-kind"));

  rapport_open_link (GTK_WIDGET (button), kind, g_object_get_data (G_OBJECT (button), "link-value"));
}

/* A detail that another app opens: the button at its end does, and so
 * does a click anywhere on the row, as in GNOME Contacts. */
static GtkWidget *
link_row (const char *title,
          const char *value,
          RapportLinkKind kind,
          const char *icon_name,
          const char *tooltip)
{
  /* The address is what people look for; its label comes second. */
  GtkWidget *row = text_row (value, title);
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, "open-link-button");
  g_object_set_data (G_OBJECT (button), "link-kind", GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (button), "link-value", g_strdup (value), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_link_clicked), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

static char *
format_moment (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  /* Translators: a date and time as in "25 Nov 2026, 14:05"; see strftime */
  return dt ? g_date_time_format (dt, _("%-d %b %Y, %H:%M")) : g_strdup ("");
}

static void
on_introducer_activated (AdwActionRow *row,
                         gpointer user_data)
{
  RapportContactPage *self = user_data;

  if (self->contact != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "x",
                                rapport_contact_get_introduced_by (self->contact));
}

static void
on_event_activated (AdwActionRow *row,
                    gpointer user_data)
{
  RapportContactPage *self = user_data;

  if (self->contact != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-event", "x", rapport_contact_get_met_at (self->contact));
}

/* A detail row that opens something else, like the introducer's card. */
static GtkWidget *
link_to_row (const char *title,
             const char *value,
             const char *tooltip,
             GCallback on_activated,
             RapportContactPage *self)
{
  GtkWidget *row = text_row (title, value);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_tooltip_text (row, tooltip);
  g_signal_connect (row, "activated", on_activated, self);
  return row;
}

static void
build_details (RapportContactPage *self)
{
  RapportContact *c = self->contact;
  GPtrArray *emails = rapport_contact_get_emails (c);
  GPtrArray *phones = rapport_contact_get_phones (c);
  gboolean any = FALSE;

  for (guint i = 0; i < emails->len; i++)
    {
      RapportLabeled *e = g_ptr_array_index (emails, i);

      add_row (self, self->details_group,
               link_row (*e->label ? rapport_label_get_display (e->label) : _("Email"), e->value, RAPPORT_LINK_EMAIL, "mail-unread-symbolic", _("Write an Email")));
      any = TRUE;
    }
  for (guint i = 0; i < phones->len; i++)
    {
      RapportLabeled *p = g_ptr_array_index (phones, i);

      add_row (self, self->details_group,
               link_row (*p->label ? rapport_label_get_display (p->label) : _("Phone"), p->value, RAPPORT_LINK_PHONE, "call-start-symbolic", _("Call")));
      any = TRUE;
    }
  if (rapport_contact_get_website (c))
    {
      add_row (self, self->details_group,
               link_row (_("Website"), rapport_contact_get_website (c), RAPPORT_LINK_WEBSITE,
                            "web-browser-symbolic", _("Open Website")));
      any = TRUE;
    }
  if (rapport_contact_get_linkedin (c))
    {
      add_row (self, self->details_group,
               link_row (_("LinkedIn"), rapport_contact_get_linkedin (c), RAPPORT_LINK_LINKEDIN,
                            "web-browser-symbolic", _("Open LinkedIn Profile")));
      any = TRUE;
    }
  if (rapport_contact_get_city (c))
    {
      add_row (self, self->details_group,
               link_row (_("City"), rapport_contact_get_city (c), RAPPORT_LINK_PLACE, "mark-location-symbolic",
                            _("Show on a Map")));
      any = TRUE;
    }
  if (rapport_contact_get_industry (c))
    {
      g_autofree char *industry = NULL;

      if (rapport_contact_get_industry_since (c) != 0)
        /* Translators: an industry and the year the person entered it */
        industry = g_strdup_printf (_("%s, since %d"), rapport_contact_get_industry (c),
                                       rapport_contact_get_industry_since (c));
      else
        industry = g_strdup (rapport_contact_get_industry (c));
      add_row (self, self->details_group, text_row (_("Industry"), industry));
      any = TRUE;
    }
  if (rapport_contact_get_met_on (c))
    {
      g_autofree char *day = rapport_date_format (rapport_contact_get_met_on (c));

      add_row (self, self->details_group, text_row (_("Met On"), day));
      any = TRUE;
    }
  if (rapport_contact_get_met_at (c) != 0)
    {
      add_row (self, self->details_group,
               link_to_row (_("Met At"), rapport_contact_get_met_at_title (c), _("Open the event"), G_CALLBACK (on_event_activated), self));
      any = TRUE;
    }
  if (rapport_contact_get_introduced_by (c) != 0)
    {
      add_row (self, self->details_group,
               link_to_row (_("Introduced By"), rapport_contact_get_introduced_by_name (c), _("Open their card"), G_CALLBACK (on_introducer_activated), self));
      any = TRUE;
    }
  if (rapport_contact_get_cadence_days (c) > 0)
    {
      g_autofree char *cadence = rapport_cadence_describe (rapport_contact_get_cadence_days (c));

      add_row (self, self->details_group, text_row (_("Keep in Touch"), cadence));
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), any);
}

static void
build_help (RapportContactPage *self)
{
  const char *them = rapport_contact_get_help_them (self->contact);
  const char *me = rapport_contact_get_help_me (self->contact);

  if (them)
    add_row (self, self->help_group, text_row (_("How I Can Help Them"), them));
  if (me)
    add_row (self, self->help_group, text_row (_("How They Can Help Me"), me));
  if (!them && !me)
    {
      GtkWidget *row = text_row (_("Not written down yet"),
                                    _("What could you do for them, and they for you? Edit the card to note it."));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->help_group, row);
    }
}

static void
on_followup_done_clicked (GtkButton *button,
                          gpointer user_data)
{
  RapportContactPage *self = user_data;
  RapportFollowup *followup = g_object_get_data (G_OBJECT (button), "followup");
  g_autoptr(GError) error = NULL;
  gint64 logged;

  logged = rapport_store_complete_followup (self->store, followup, NULL, &error);
  if (logged == 0)
    {
      report_error (self, error);
      return;
    }
  rapport_toast_show (GTK_WIDGET (self),
                      rapport_toast_new_with_undo (_("Follow-up done"), "win.undo-followup",
                                                      g_variant_new ("(xx)", rapport_followup_get_id (followup), logged)));
}

static void
build_followups (RapportContactPage *self)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  list = rapport_store_list_contact_followups (self->store, rapport_contact_get_id (self->contact), &error);
  n = list ? g_list_model_get_n_items (list) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportFollowup) f = g_list_model_get_item (list, i);
      g_autofree char *day = rapport_date_format (rapport_followup_get_due (f));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *done = gtk_button_new_from_icon_name ("object-select-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day);
      if (rapport_followup_get_note (f))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_followup_get_note (f));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("alarm-symbolic"));
      if (rapport_followup_get_section (f) == RAPPORT_FOLLOWUP_OVERDUE)
        gtk_widget_add_css_class (row, "overdue");
      gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (done, _("Mark as Done"));
      gtk_widget_add_css_class (done, "flat");
      gtk_widget_add_css_class (done, "circular");
      gtk_widget_set_name (done, "done-button");
      g_object_set_data_full (G_OBJECT (done), "followup", g_object_ref (f), g_object_unref);
      g_signal_connect (done, "clicked", G_CALLBACK (on_followup_done_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
      add_row (self, self->followups_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->followups_group), n > 0);
}

static void
on_interaction_delete_clicked (GtkButton *button,
                               gpointer user_data)
{
  RapportContactPage *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "interaction-id"));

  if (!rapport_store_delete_interaction (self->store, id, &error))
    report_error (self, error);
}

static void
build_timeline (RapportContactPage *self)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  list = rapport_store_list_interactions (self->store, rapport_contact_get_id (self->contact), &error);
  n = list ? g_list_model_get_n_items (list) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportInteraction) item = g_list_model_get_item (list, i);
      RapportInteractionKind kind = rapport_interaction_get_kind (item);
      g_autofree char *when = format_moment (rapport_interaction_get_happened_at (item));
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      /* Translators: a timeline entry, e.g. "Call · 25 Nov 2026, 14:05" */
      title = g_strdup_printf (_("%s · %s"), rapport_interaction_kind_get_label (kind), when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (rapport_interaction_get_note (item))
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_interaction_get_note (item));
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (rapport_interaction_kind_get_icon_name (kind)));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove From Timeline"));
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data (G_OBJECT (remove), "interaction-id",
                         GSIZE_TO_POINTER ((gsize) rapport_interaction_get_id (item)));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_interaction_delete_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      add_row (self, self->timeline_group, row);
    }
  if (n == 0)
    {
      GtkWidget *row = text_row (_("Nothing yet"), _("Log a call, an email or a meeting with the Log button."));

      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->timeline_group, row);
    }
}

/* Every referral this person passed, received or is the prospect of:
 * the ledger seen from one contact. */
static void
build_referrals (RapportContactPage *self)
{
  RapportReferralQuery query = { 0, rapport_contact_get_id (self->contact) };
  g_autoptr(GListModel) list = rapport_store_list_referrals (self->store, &query, NULL);
  guint n = list ? g_list_model_get_n_items (list) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->referrals_group), n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportReferral) referral = g_list_model_get_item (list, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      rapport_format_referral (referral, &title, &subtitle);
      row = text_row (title, subtitle);
      add_row (self, self->referrals_group, row);
    }
}

static void
rebuild (RapportContactPage *self)
{
  RapportContact *c = self->contact;
  g_autofree char *tags = NULL;
  RapportRelationship relationship;
  gboolean archived;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  clear_rows (self);
  if (c == NULL || self->store == NULL)
    return;

  archived = rapport_contact_get_archived (c);
  adw_avatar_set_text (self->avatar, rapport_contact_get_display_name (c));
  adw_avatar_set_custom_image (self->avatar, rapport_photo_cache_lookup (rapport_photo_cache_for_store (self->store),
                                                                         rapport_contact_get_id (c)));
  gtk_label_set_label (self->name_label, rapport_contact_get_display_name (c));
  gtk_label_set_label (self->subtitle_label, rapport_contact_get_subtitle (c));
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *rapport_contact_get_subtitle (c) != '\0');
  gtk_revealer_set_reveal_child (self->archived_revealer, archived);
  gtk_widget_set_visible (self->actions_box, !archived);

  relationship = rapport_contact_get_relationship (c);
  gtk_label_set_label (self->relationship_label, rapport_relationship_get_label (relationship));
  gtk_widget_set_visible (self->chips, relationship != RAPPORT_RELATIONSHIP_UNKNOWN);
  tags = g_strjoinv ("  ·  ", (char **) rapport_contact_get_tags (c));
  gtk_label_set_label (self->tags_label, tags);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_label), *tags != '\0');

  gtk_button_set_icon_name (self->star_button,
                            rapport_contact_get_starred (c) ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               rapport_contact_get_starred (c) ? _("Unstar") : _("Star"));

  build_help (self);
  build_followups (self);
  build_details (self);
  gtk_label_set_label (self->notes_label, rapport_contact_get_notes (c) ? rapport_contact_get_notes (c) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), rapport_contact_get_notes (c) != NULL);
  build_referrals (self);
  build_timeline (self);
}

static gboolean
rebuild_idle (gpointer user_data)
{
  RapportContactPage *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Many notifications arrive for one edit; the card is rebuilt once. */
static void
queue_rebuild (RapportContactPage *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle, self);
}

static void
on_store_changed (RapportContactPage *self,
                  gint64 contact_id)
{
  if (self->contact != NULL && (contact_id == 0 || contact_id == rapport_contact_get_id (self->contact)))
    queue_rebuild (self);
}

void
rapport_contact_page_set_store (RapportContactPage *self,
                                RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_connect_object (store, "changed::interactions", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::followups", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::referrals", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rapport_photo_cache_for_store (store), "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
}

RapportContact *
rapport_contact_page_get_contact (RapportContactPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_PAGE (self), NULL);
  return self->contact;
}

void
rapport_contact_page_set_contact (RapportContactPage *self,
                                  RapportContact *contact)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_PAGE (self));

  if (self->contact == contact)
    return;
  if (self->contact != NULL)
    g_signal_handlers_disconnect_by_func (self->contact, queue_rebuild, self);
  g_set_object (&self->contact, contact);
  if (contact != NULL)
    g_signal_connect_swapped (contact, "notify", G_CALLBACK (queue_rebuild), self);
  gtk_editable_set_text (GTK_EDITABLE (self->log_note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->followup_note_entry), "");
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
log_action (GtkWidget *widget,
            const char *action_name,
            GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);
  RapportInteractionKind kind = rapport_interaction_kind_from_string (g_variant_get_string (parameter, NULL));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->log_note_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 logged;

  if (self->contact == NULL)
    return;
  gtk_popover_popdown (self->log_popover);
  logged = rapport_store_log_interaction (self->store, rapport_contact_get_id (self->contact), kind,
                                          g_get_real_time () / G_USEC_PER_SEC, note, &error);
  if (logged == 0)
    {
      report_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->log_note_entry), "");
  /* Translators: a toast after logging, e.g. "Call logged" */
  message = g_strdup_printf (_("%s logged"), rapport_interaction_kind_get_label (kind));
  rapport_toast_show (GTK_WIDGET (self),
                      rapport_toast_new_with_undo (message, "win.undo-log", g_variant_new_int64 (logged)));
}

static void
followup_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);
  g_autofree char *today = rapport_date_today ();
  g_autofree char *due = rapport_date_add_days (today, g_variant_get_int32 (parameter));
  g_autofree char *day = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (self->contact == NULL)
    return;
  gtk_popover_popdown (self->followup_popover);
  if (rapport_store_add_followup (self->store, rapport_contact_get_id (self->contact), due,
                                  gtk_editable_get_text (GTK_EDITABLE (self->followup_note_entry)), &error) == 0)
    {
      report_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->followup_note_entry), "");
  day = rapport_date_format (due);
  /* Translators: %s is a date */
  message = g_strdup_printf (_("Follow-up planned for %s"), day);
  toast (self, message);
}

static void
toggle_star_action (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->contact == NULL)
    return;
  if (!rapport_store_set_starred (self->store, rapport_contact_get_id (self->contact),
                                  !rapport_contact_get_starred (self->contact), &error))
    report_error (self, error);
}

static void
edit_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GApplication *app = g_application_get_default ();
  RapportContactEditor *editor;

  if (self->contact == NULL || !RAPPORT_IS_APPLICATION (app))
    return;
  editor = rapport_contact_editor_new (GTK_WINDOW (root), self->store,
                                       rapport_application_get_settings (RAPPORT_APPLICATION (app)),
                                       self->contact);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
share_action (GtkWidget *widget,
              const char *action_name,
              GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);
  const char *contents = _("Their name, company, job title, email addresses, phone numbers, web site, LinkedIn "
                           "and city; never your notes or tags.");

  if (self->contact != NULL)
    rapport_share_dialog_present (widget, _("Share Contact"), self->contact, contents);
}

static void
archive_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);
  g_autoptr(RapportContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->contact == NULL)
    return;
  contact = g_object_ref (self->contact);
  if (!rapport_store_archive_contact (self->store, rapport_contact_get_id (contact), &error))
    {
      report_error (self, error);
      return;
    }
  /* Translators: a toast after archiving; %s is the contact's name */
  title = g_strdup_printf (_("“%s” archived"), rapport_contact_get_display_name (contact));
  rapport_toast_show (GTK_WIDGET (self),
                      rapport_toast_new_with_undo (title, "win.restore-contact",
                                                   g_variant_new_int64 (rapport_contact_get_id (contact))));
}

static void
restore_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);

  if (self->contact != NULL)
    gtk_widget_activate_action (widget, "win.restore-contact", "x", rapport_contact_get_id (self->contact));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char *response,
                    gpointer user_data)
{
  RapportContactPage *self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!rapport_store_delete_contact (self->store, id, &error))
    report_error (self, error);
  else
    toast (self, _("Contact deleted"));
}

static void
delete_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->contact == NULL)
    return;
  /* Translators: %s is the contact's name */
  heading = g_strdup_printf (_("Delete “%s” for Good?"), rapport_contact_get_display_name (self->contact));
  dialog = rapport_confirm_new (widget, heading,
                                _("Their card, timeline and follow-ups will be erased for good. "
                                  "This cannot be undone."),
                                   "delete", _("_Delete"));
  g_object_set_data (G_OBJECT (dialog), "contact-id", GSIZE_TO_POINTER ((gsize) rapport_contact_get_id (self->contact)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build_popovers (RapportContactPage *self)
{
  static const struct
  {
    const char *label;
    int days;
  } when[] = {
    { N_("_Today"), 0 },
      { N_("To_morrow"), 1 },
        { N_("In a _Week"), 7 },
          { N_("In a Mo_nth"), 30 },
        };

  for (guint i = 0; i < G_N_ELEMENTS (log_kinds); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (rapport_interaction_kind_get_label (log_kinds[i]));

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_name (button, rapport_interaction_kind_to_string (log_kinds[i]));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.log");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", rapport_interaction_kind_to_string (log_kinds[i]));
      gtk_box_append (self->log_box, button);
    }
  for (guint i = 0; i < G_N_ELEMENTS (when); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(when[i].label));

      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.follow-up");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", when[i].days);
      gtk_box_append (self->followup_box, button);
    }
}

static void
rapport_contact_page_dispose (GObject *object)
{
  RapportContactPage *self = RAPPORT_CONTACT_PAGE (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->contact != NULL)
    g_signal_handlers_disconnect_by_func (self->contact, queue_rebuild, self);
  g_clear_object (&self->contact);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CONTACT_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rapport_contact_page_parent_class)->dispose (object);
}

static void
rapport_contact_page_class_init (RapportContactPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_contact_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/contacts/rapport-contact-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, archived_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, chips);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, relationship_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, tags_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, star_button);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, log_button);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, followup_button);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, log_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, followup_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, log_box);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, followup_box);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, log_note_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, followup_note_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, help_group);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, followups_group);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPage, referrals_group);
  /* Named for the UI tests, which press them as a person would. */
  gtk_widget_class_bind_template_child_full (widget_class, "archive_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "share_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "restore_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "card.log", "s", log_action);
  gtk_widget_class_install_action (widget_class, "card.follow-up", "i", followup_action);
  gtk_widget_class_install_action (widget_class, "card.toggle-star", NULL, toggle_star_action);
  gtk_widget_class_install_action (widget_class, "card.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "card.share", NULL, share_action);
  gtk_widget_class_install_action (widget_class, "card.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "card.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action);
}

static void
rapport_contact_page_init (RapportContactPage *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  build_popovers (self);
}
