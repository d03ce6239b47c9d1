/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle-page.c: one huddle.
 *
 * At a glance: the next meeting (from the schedule, expanded by libical
 * in rapport-recurrence.c), attendance over six months, the quarter's
 * referrals and the business closed to date. Then the roster, with its
 * rules shown and never enforced (five to ten members, no two offering
 * the same service), the services the huddle's clients need that nobody
 * offers yet with candidates among the user's contacts, the meetings,
 * attendance per member, the quarter's balances and the ledger. The rows
 * are made on each reload from the store's answers.
 *
 * Signed in to a sync server, the huddle is shared with its members
 * there: its menu then invites a member (a code, single use) or leaves it.
 */
#define G_LOG_DOMAIN "rapport-huddle-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rapport-application.h"
#include "rapport-confirm.h"
#include "rapport-contact-list.h"
#include "rapport-export.h"
#include "rapport-format.h"
#include "rapport-huddle-dialogs.h"
#include "rapport-huddle-editor.h"
#include "rapport-huddle-page.h"
#include "rapport-ical.h"
#include "rapport-meeting-editor.h"
#include "rapport-recurrence.h"
#include "rapport-referral-editor.h"
#include "rapport-sync-client.h"
#include "rapport-text.h"
#include "rapport-toast.h"

#define DAY (24 * 60 * 60)
/* What the page lists of the schedule and the ledger. */
#define UPCOMING_MEETINGS 3
#define RECENT_MEETINGS 6
#define LEDGER_ROWS 15
#define MEMBER_MATCHES 8
#define CANDIDATES 8

struct _RapportHuddlePage
{
  RapportStorePage parent_instance;

  RapportStore *store; /* the page's, for short */
  RapportHuddle *huddle;
  RapportContactList *matches;
  RapportSyncClient *sync; /* the store's, when it has one */
  gboolean inviting;

  GtkWidget *scrolled;
  GtkLabel *title_label;
  GtkLabel *details_label;
  AdwPreferencesGroup *glance;
  AdwPreferencesGroup *members;
  GtkMenuButton *add_member_button;
  GtkPopover *add_member_popover;
  GtkSearchEntry *member_search;
  GtkListBox *member_matches;
  AdwPreferencesGroup *coverage;
  AdwPreferencesGroup *meetings;
  AdwPreferencesGroup *attendance;
  AdwPreferencesGroup *balances;
  AdwPreferencesGroup *ledger;
};

G_DEFINE_FINAL_TYPE (RapportHuddlePage, rapport_huddle_page, RAPPORT_TYPE_STORE_PAGE)

static void
show_error (RapportHuddlePage *self,
            const GError *error)
{
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (error->message));
}

static GtkWidget *
add_row (RapportHuddlePage *self,
         AdwPreferencesGroup *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return rapport_store_page_add_row (RAPPORT_STORE_PAGE (self), group, row);
}

static GArray *
occurrences (RapportHuddlePage *self,
             gint64 from,
             gint64 until,
             guint max)
{
  return rapport_recurrence_expand (rapport_huddle_get_rrule (self->huddle),
                                    rapport_huddle_get_first_meeting (self->huddle), NULL, from, until, max, NULL);
}

static char *
format_moment (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);

  /* TRANSLATORS: a meeting's day and time, see the strftime() manual */
  return dt ? g_date_time_format (dt, _("%a %-d %b %Y, %H:%M")) : g_strdup ("");
}

/* The first day of the current quarter, as YYYY-MM-DD. */
static char *
quarter_start (void)
{
  g_autofree char *today = rapport_date_today ();
  int y = 0, m = 1, d = 1;

  if (sscanf (today, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  return g_strdup_printf ("%04d-%02d-01", y, ((m - 1) / 3) * 3 + 1);
}

static void
fill_glance (RapportHuddlePage *self)
{
  gint64 now = rapport_time_now ();
  g_autoptr(GArray) next = occurrences (self, now, now + 400 * (gint64) DAY, 1);
  g_autoptr(GArray) summary = rapport_store_attendance_summary (self->store, rapport_huddle_get_id (self->huddle),
                                                                 now - 183 * (gint64) DAY, now, NULL);
  g_autofree char *since = quarter_start ();
  g_autoptr(GArray) balances = rapport_store_referral_balances (self->store, rapport_huddle_get_id (self->huddle),
                                                                 since, NULL);
  g_autofree char *next_text = NULL;
  g_autofree char *attendance_text = NULL;
  g_autofree char *referrals_text = NULL;
  g_autofree char *closed = rapport_format_money (rapport_store_closed_business (self->store,
                                                                                 rapport_huddle_get_id (self->huddle)));
  guint seats = 0, came = 0, given = 0;

  next_text = next != NULL && next->len > 0 ? format_moment (g_array_index (next, gint64, 0)) : g_strdup (_("None planned"));
  for (guint i = 0; summary != NULL && i < summary->len; i++)
    {
      RapportAttendanceSummary *row = &g_array_index (summary, RapportAttendanceSummary, i);

      seats += row->meetings;
      came += row->present + row->late + row->substitute;
    }
  if (seats > 0)
    /* TRANSLATORS: attendance over six months, like "86% (present, late or by substitute)" */
    attendance_text = g_strdup_printf (_("%u%% present, late or by substitute"), (came * 100 + seats / 2) / seats);
  else
    attendance_text = g_strdup (_("No meeting recorded yet"));
  for (guint i = 0; balances != NULL && i < balances->len; i++)
    given += g_array_index (balances, RapportReferralBalance, i).given;
  referrals_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u passed", "%u passed", given), given);

  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->glance, _("Next meeting"), next_text);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->glance, _("Attendance, last six months"), attendance_text);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->glance, _("Referrals this quarter"), referrals_text);
  rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->glance, _("Business closed to date"), closed);
}

static void
on_edit_member (GtkButton *button,
                RapportHuddlePage *self)
{
  rapport_member_dialog_present (GTK_WIDGET (self), self->store, g_object_get_data (G_OBJECT (button), "member"));
}

static void
on_remove_member (GtkButton *button,
                  RapportHuddlePage *self)
{
  RapportHuddleMember *member = g_object_get_data (G_OBJECT (button), "member");
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (!rapport_store_remove_member (self->store, rapport_huddle_member_get_id (member), &error))
    {
      show_error (self, error);
      return;
    }
  if (rapport_huddle_member_get_contact_id (member) == 0)
    toast = g_strdup (_("You left the huddle; your meetings and referrals stay"));
  else
    /* TRANSLATORS: %s is a member's name */
    toast = g_strdup_printf (_("%s left the huddle; their meetings and referrals stay"),
                                rapport_huddle_member_get_name (member));
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (toast));
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *accessible,
             GCallback callback,
             RapportHuddlePage *self,
             gpointer data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "member", g_object_ref (data), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
fill_members (RapportHuddlePage *self,
              GListModel *members)
{
  guint n = g_list_model_get_n_items (members);
  g_autofree char *size_note = rapport_roster_size_note (n);
  g_auto(GStrv) competing = rapport_roster_competing (members);
  g_autoptr(GString) notes = g_string_new (size_note);
  g_autofree char *title = NULL;

  for (guint i = 0; competing[i] != NULL; i++)
    {
      g_autofree char *warning = NULL;

      /* TRANSLATORS: %s is a service category offered by two members */
      warning = g_strdup_printf (_("Competing services: more than one member offers “%s”."), competing[i]);
      g_string_append_printf (notes, "%s%s", notes->len ? "\n" : "", warning);
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Members (%u)", "Members (%u)", n), n);
  adw_preferences_group_set_title (self->members, title);
  adw_preferences_group_set_description (self->members, notes->len ? notes->str : NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportHuddleMember) member = g_list_model_get_item (members, i);
      const char *service = rapport_huddle_member_get_service (member);
      const char *offering = rapport_huddle_member_get_offering (member);
      g_autofree char *subtitle = NULL;
      g_autofree char *edit_label = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row;

      if (service != NULL && offering != NULL)
        subtitle = g_strdup_printf ("%s · %s", service, offering);
      else
        subtitle = g_strdup (service ? service : offering ? offering
                                                          : _("No service yet"));
      row = add_row (self, self->members, rapport_huddle_member_get_name (member), subtitle);
      for (guint k = 0; competing[k] != NULL; k++)
        if (rapport_roster_same_service (service, competing[k]))
          gtk_widget_add_css_class (row, "competing");
      if (rapport_huddle_member_get_contact_id (member) == 0)
        {
          edit_label = g_strdup (_("Edit what you offer"));
          remove_label = g_strdup (_("Leave the huddle"));
        }
      else
        {
          edit_label = g_strdup_printf (_("Edit what %s offers"), rapport_huddle_member_get_name (member));
          /* TRANSLATORS: %s is a member's name */
          remove_label = g_strdup_printf (_("Take %s off the roster"), rapport_huddle_member_get_name (member));
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("document-edit-symbolic", _("Edit Service"),
                                                                                                 edit_label, G_CALLBACK (on_edit_member), self,
                                                                                                 member));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("list-remove-symbolic", _("Take Off the Roster"),
                                                                                               remove_label, G_CALLBACK (on_remove_member), self,
                                                                                               member));
    }
}

static void
on_candidate_activated (GtkListBox *list,
                        GtkListBoxRow *row,
                        RapportHuddlePage *self)
{
  g_autoptr(GError) error = NULL;
  const char *service = g_object_get_data (G_OBJECT (list), "service");
  gint64 contact = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "contact-id"));

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER)));
  if (rapport_store_add_member (self->store, rapport_huddle_get_id (self->huddle), contact, service, NULL, &error) == 0)
    show_error (self, error);
}

/* The candidates for a gap are looked up when its popover opens. */
static void
on_candidates_show (GtkPopover *popover,
                    RapportHuddlePage *self)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_popover_get_child (popover));
  const char *service = g_object_get_data (G_OBJECT (list), "service");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  rapport_store_find_candidates (self->store, rapport_huddle_get_id (self->huddle), service, ids, NULL);
  for (guint i = 0; i < MIN (ids->len, CANDIDATES); i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(RapportContact) contact = rapport_store_get_contact (self->store, id, NULL);
      GtkWidget *row;

      if (contact == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_contact_get_display_name (contact));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_contact_get_industry (contact));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "contact-id", GSIZE_TO_POINTER ((gsize) id));
      gtk_list_box_append (list, row);
    }
  if (ids->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody in this trade among your contacts"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (list, row);
    }
}

static void
fill_coverage (RapportHuddlePage *self,
               GListModel *members)
{
  g_auto(GStrv) needed = rapport_store_services_for_audience (self->store, rapport_huddle_get_audience (self->huddle));
  g_auto(GStrv) gaps = rapport_roster_gaps ((const char *const *) needed, members);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "huddle.catalogue",
                                 rapport_huddle_get_audience (self->huddle)[0] != NULL);
  if (rapport_huddle_get_audience (self->huddle)[0] == NULL)
    {
      adw_preferences_group_set_description (self->coverage,
                                             _("Name the clients the members share (Edit Huddle) to see the services they "
                                               "need."));
      return;
    }
  if (needed[0] == NULL)
    {
      adw_preferences_group_set_description (self->coverage,
                                             _("Rapport does not know yet what these clients need: add their services "
                                               "with Edit List."));
      return;
    }
  adw_preferences_group_set_description (self->coverage, gaps[0] == NULL ? _("Every service the clients need is here.")
                                                                         : NULL);
  for (guint i = 0; gaps[i] != NULL; i++)
    {
      GtkWidget *row = add_row (self, self->coverage, gaps[i], NULL);
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *list = gtk_list_box_new ();
      g_autofree char *accessible = g_strdup_printf (_("Find a candidate for %s among your contacts"), gaps[i]);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_size_request (list, 260, -1);
      g_object_set_data_full (G_OBJECT (list), "service", g_strdup (gaps[i]), g_free);
      g_signal_connect (list, "row-activated", G_CALLBACK (on_candidate_activated), self);
      gtk_popover_set_child (GTK_POPOVER (popover), list);
      g_signal_connect (popover, "show", G_CALLBACK (on_candidates_show), self);
      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Find a Candidate"));
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
}

static void
on_meeting_activated (AdwActionRow *row,
                      RapportHuddlePage *self)
{
  gint64 starts_at = *(gint64 *) g_object_get_data (G_OBJECT (row), "starts-at");
  GtkWidget *editor = rapport_meeting_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                                  rapport_huddle_get_id (self->huddle), starts_at);

  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_meeting_row (RapportHuddlePage *self,
                 gint64 starts_at,
                 const char *subtitle)
{
  g_autofree char *when = format_moment (starts_at);
  GtkWidget *row = add_row (self, self->meetings, when, subtitle);
  gint64 *start = g_new (gint64, 1);

  *start = starts_at;
  g_object_set_data_full (G_OBJECT (row), "starts-at", start, g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_signal_connect (row, "activated", G_CALLBACK (on_meeting_activated), self);
}

/* The first line of a meeting's notes, for its row. */
static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return NULL;
  end = strchr (text, '\n');
  return end ? g_strndup (text, end - text) : g_strdup (text);
}

static void
fill_meetings (RapportHuddlePage *self)
{
  gint64 now = rapport_time_now ();
  g_autoptr(GArray) next = occurrences (self, now, now + 400 * (gint64) DAY, UPCOMING_MEETINGS);
  g_autoptr(GArray) recent = occurrences (self, now - 60 * (gint64) DAY, now, 100);
  g_autoptr(GListModel) recorded = rapport_store_list_meetings (self->store, rapport_huddle_get_id (self->huddle), NULL);
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_recorded = recorded ? g_list_model_get_n_items (recorded) : 0;

  for (guint i = 0; i < n_recorded; i++)
    {
      g_autoptr(RapportMeeting) meeting = g_list_model_get_item (recorded, i);
      gint64 *start = g_new (gint64, 1);

      *start = rapport_meeting_get_starts_at (meeting);
      g_hash_table_add (written, start);
    }
  for (guint i = 0; next != NULL && i < next->len; i++)
    if (!g_hash_table_contains (written, &g_array_index (next, gint64, i)))
      add_meeting_row (self, g_array_index (next, gint64, i), _("Coming"));
  /* The last two months' meetings nobody wrote down, to catch up on. */
  for (guint i = recent ? recent->len : 0; i > 0; i--)
    if (!g_hash_table_contains (written, &g_array_index (recent, gint64, i - 1)))
      add_meeting_row (self, g_array_index (recent, gint64, i - 1), _("Not recorded"));
  for (guint i = 0; i < MIN (n_recorded, RECENT_MEETINGS); i++)
    {
      g_autoptr(RapportMeeting) meeting = g_list_model_get_item (recorded, i);
      int came = rapport_meeting_get_n_present (meeting);
      g_autofree char *notes = first_line (rapport_meeting_get_notes (meeting));
      g_autofree char *count = NULL;
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: how many members came to a meeting */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d came", "%d came", came), came);
      subtitle = notes ? g_strdup_printf ("%s · %s", count, notes) : g_steal_pointer (&count);
      add_meeting_row (self, rapport_meeting_get_starts_at (meeting), subtitle);
    }
}

static void
fill_attendance (RapportHuddlePage *self)
{
  g_autoptr(GArray) summary = rapport_store_attendance_summary (self->store, rapport_huddle_get_id (self->huddle),
                                                                 rapport_time_now () - 183 * (gint64) DAY,
                                                                 rapport_time_now (), NULL);

  adw_preferences_group_set_description (self->attendance, summary == NULL || summary->len == 0
                                         ? _("Record a meeting to see who comes.")
                                         : NULL);
  for (guint i = 0; summary != NULL && i < summary->len; i++)
    {
      RapportAttendanceSummary *row = &g_array_index (summary, RapportAttendanceSummary, i);
      g_autofree char *text = NULL;

      /* TRANSLATORS: one member's attendance over six months */
      text = g_strdup_printf (_("present %u of %u · late %u · substitute %u · absent %u"), row->present, row->meetings,
                                 row->late, row->substitute, row->absent);
      rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->attendance, row->name, text);
    }
}

static void
fill_balances (RapportHuddlePage *self)
{
  g_autofree char *since = quarter_start ();
  g_autoptr(GArray) balances = rapport_store_referral_balances (self->store, rapport_huddle_get_id (self->huddle),
                                                                 since, NULL);

  for (guint i = 0; balances != NULL && i < balances->len; i++)
    {
      RapportReferralBalance *row = &g_array_index (balances, RapportReferralBalance, i);
      g_autofree char *won = rapport_format_money (row->won_given_cents);
      g_autofree char *text = NULL;

      /* TRANSLATORS: a member's referrals this quarter, and the business the ones they gave closed */
      text = g_strdup_printf (_("gave %u · received %u · closed %s"), row->given, row->received, won);
      rapport_store_page_add_figure (RAPPORT_STORE_PAGE (self), self->balances, row->name, text);
    }
}

static void
on_referral_activated (AdwActionRow *row,
                       RapportHuddlePage *self)
{
  rapport_referral_step_dialog_present (GTK_WIDGET (self), self->store, g_object_get_data (G_OBJECT (row), "referral"));
}

static void
fill_ledger (RapportHuddlePage *self)
{
  RapportReferralQuery query = { rapport_huddle_get_id (self->huddle), -1 };
  g_autoptr(GListModel) referrals = rapport_store_list_referrals (self->store, &query, NULL);
  guint n = referrals ? g_list_model_get_n_items (referrals) : 0;

  adw_preferences_group_set_description (self->ledger, n == 0 ? _("No referral passed in this huddle yet.") : NULL);
  for (guint i = 0; i < MIN (n, LEDGER_ROWS); i++)
    {
      g_autoptr(RapportReferral) referral = g_list_model_get_item (referrals, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      rapport_format_referral (referral, &title, &subtitle);
      row = add_row (self, self->ledger, title, subtitle);
      g_object_set_data_full (G_OBJECT (row), "referral", g_object_ref (referral), g_object_unref);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (on_referral_activated), self);
    }
}

/* Inviting and leaving need the server: hidden while signed out. */
static void
update_sharing (RapportHuddlePage *self)
{
  gboolean signed_in = self->sync != NULL && rapport_sync_client_get_status (self->sync) != RAPPORT_SYNC_SIGNED_OUT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "huddle.invite",
                                 signed_in && self->huddle != NULL && !self->inviting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "huddle.leave", signed_in && self->huddle != NULL);
}

static void
update (RapportHuddlePage *self)
{
  g_autoptr(GListModel) members = rapport_store_list_members (self->store, rapport_huddle_get_id (self->huddle), FALSE,
                                                               NULL);
  g_autofree char *audience = rapport_audience_to_text (rapport_huddle_get_audience (self->huddle));
  g_autoptr(GString) details = g_string_new (rapport_huddle_get_industry (self->huddle));

  if (*audience != '\0')
    g_string_append_printf (details, "%s%s", details->len ? " · " : "", audience);
  if (rapport_huddle_get_place (self->huddle) != NULL)
    g_string_append_printf (details, "%s%s", details->len ? " · " : "", rapport_huddle_get_place (self->huddle));
  gtk_label_set_label (self->title_label, rapport_huddle_get_name (self->huddle));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "huddle.archive", !rapport_huddle_get_archived (self->huddle));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "huddle.restore", rapport_huddle_get_archived (self->huddle));
  update_sharing (self);
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details->len > 0);

  rapport_store_page_clear_rows (RAPPORT_STORE_PAGE (self));
  fill_glance (self);
  if (members != NULL)
    {
      fill_members (self, members);
      fill_coverage (self, members);
    }
  fill_meetings (self);
  fill_attendance (self);
  fill_balances (self);
  fill_ledger (self);
}

static void
reload (RapportStorePage *page)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (page);
  g_autoptr(RapportHuddle) fresh = NULL;

  if (self->huddle == NULL)
    return;
  fresh = rapport_store_get_huddle (self->store, rapport_huddle_get_id (self->huddle), NULL);
  if (fresh == NULL)
    {
      rapport_store_page_gone (page);
      return;
    }
  g_set_object (&self->huddle, fresh);
  update (self);
}

static void
on_store_changed (RapportHuddlePage *self)
{
  if (self->huddle != NULL)
    rapport_store_page_queue_reload (RAPPORT_STORE_PAGE (self));
}

void
rapport_huddle_page_set_huddle_id (RapportHuddlePage *self,
                                   gint64 huddle_id)
{
  g_autoptr(RapportHuddle) huddle = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RAPPORT_IS_HUDDLE_PAGE (self));

  huddle = rapport_store_get_huddle (self->store, huddle_id, &error);
  if (huddle == NULL)
    {
      show_error (self, error);
      return;
    }
  g_set_object (&self->huddle, huddle);
  update (self);
}

gint64
rapport_huddle_page_get_huddle_id (RapportHuddlePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_HUDDLE_PAGE (self), 0);
  return self->huddle ? rapport_huddle_get_id (self->huddle) : 0;
}

/* Adding a member: a contact search in a popover. */

static void
on_member_search_changed (RapportHuddlePage *self)
{
  GtkWidget *child;
  guint n;

  rapport_contact_list_set_search (self->matches, gtk_editable_get_text (GTK_EDITABLE (self->member_search)));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->member_matches))) != NULL)
    gtk_list_box_remove (self->member_matches, child);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->matches)), MEMBER_MATCHES);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportContact) contact = g_list_model_get_item (G_LIST_MODEL (self->matches), i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_contact_get_display_name (contact));
      if (rapport_contact_get_industry (contact) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_contact_get_industry (contact));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "contact-id", GSIZE_TO_POINTER ((gsize) rapport_contact_get_id (contact)));
      gtk_list_box_append (self->member_matches, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->member_matches), n > 0);
}

static void
on_add_member_show (RapportHuddlePage *self)
{
  if (self->matches == NULL)
    self->matches = rapport_contact_list_new (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->member_search), "");
  on_member_search_changed (self);
}

static void
on_member_match_activated (RapportHuddlePage *self,
                           GtkListBoxRow *row)
{
  g_autoptr(GError) error = NULL;
  gint64 contact = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "contact-id"));

  gtk_popover_popdown (self->add_member_popover);
  if (rapport_store_add_member (self->store, rapport_huddle_get_id (self->huddle), contact, NULL, NULL, &error) == 0)
    show_error (self, error);
}

/* Actions */

static void
edit_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);

  if (self->huddle != NULL)
    gtk_window_present (GTK_WINDOW (rapport_huddle_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                                               self->huddle)));
}

/* Recording opens the meeting of the moment: one that starts or started
 * within twelve hours (attendance is taken as people arrive); otherwise
 * the latest the schedule had, or the next when none has been yet. Older
 * ones are in the list of meetings. */
static gint64
meeting_to_record (RapportHuddlePage *self)
{
  gint64 now = rapport_time_now ();
  gint64 half_day = 12 * 60 * 60;
  g_autoptr(GArray) near = occurrences (self, now - half_day, now + half_day, 4);
  g_autoptr(GArray) past = NULL;
  g_autoptr(GArray) next = NULL;
  gint64 best = 0;

  for (guint i = 0; near != NULL && i < near->len; i++)
    {
      gint64 when = g_array_index (near, gint64, i);

      if (best == 0 || ABS (when - now) < ABS (best - now))
        best = when;
    }
  if (best != 0)
    return best;
  past = occurrences (self, now - 60 * (gint64) DAY, now, 100);
  if (past != NULL && past->len > 0)
    return g_array_index (past, gint64, past->len - 1);
  next = occurrences (self, now, now + 400 * (gint64) DAY, 1);
  return next != NULL && next->len > 0 ? g_array_index (next, gint64, 0) : now;
}

static void
record_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);

  if (self->huddle == NULL)
    return;
  gtk_window_present (GTK_WINDOW (rapport_meeting_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                                              rapport_huddle_get_id (self->huddle),
                                                              meeting_to_record (self))));
}

static void
refer_action (GtkWidget *widget,
              const char *action_name,
              GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);

  if (self->huddle != NULL)
    gtk_window_present (GTK_WINDOW (rapport_referral_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                                                 rapport_huddle_get_id (self->huddle))));
}

/* The meetings of the coming year, one event each. */
static void
export_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 now = rapport_time_now ();
  char *ics;

  if (self->huddle == NULL)
    return;
  ics = rapport_ical_export_schedule (rapport_huddle_get_name (self->huddle), rapport_huddle_get_place (self->huddle),
                                      rapport_huddle_get_uuid (self->huddle), rapport_huddle_get_rrule (self->huddle),
                                      rapport_huddle_get_first_meeting (self->huddle),
                                      rapport_huddle_get_duration_min (self->huddle), NULL, now, now + 366 * (gint64) DAY,
                                      &error);
  if (ics == NULL)
    show_error (self, error);
  else
    rapport_export_save (widget, _("Export the Huddle’s Meetings"), rapport_huddle_get_name (self->huddle), ics);
}

/* "huddle.archive" and "huddle.restore": only the one that applies is
 * enabled, and the menu hides the other. */
static void
archive_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->huddle != NULL &&
      !rapport_store_set_huddle_archived (self->store, rapport_huddle_get_id (self->huddle),
                                          g_str_equal (action_name, "huddle.archive"), &error))
    show_error (self, error);
}

static void
catalogue_action (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);

  if (self->huddle != NULL)
    rapport_catalogue_dialog_present (widget, self->store, self->huddle);
}

/* Sharing through the sync server. A reply may come after the page has
 * moved to another huddle or closed: each request carries what it is
 * about, and a page that is gone has nothing to show. */

typedef struct
{
  RapportHuddlePage *page;
  char *uuid;
  char *name;
} Sharing;

static Sharing *
sharing_new (RapportHuddlePage *self)
{
  Sharing *sharing = g_new0 (Sharing, 1);

  sharing->page = g_object_ref (self);
  sharing->uuid = g_strdup (rapport_huddle_get_uuid (self->huddle));
  sharing->name = g_strdup (rapport_huddle_get_name (self->huddle));
  return sharing;
}

static void
sharing_free (Sharing *sharing)
{
  g_object_unref (sharing->page);
  g_free (sharing->uuid);
  g_free (sharing->name);
  g_free (sharing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sharing, sharing_free)

static void
on_invitation_response (AdwMessageDialog *dialog,
                        const char *response,
                        RapportHuddlePage *self)
{
  const char *code = g_object_get_data (G_OBJECT (dialog), "code");

  if (!g_str_equal (response, "copy"))
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), code);
  rapport_toast_show (GTK_WIDGET (self), rapport_toast_new (_("Invitation code copied")));
}

static void
present_invitation (RapportHuddlePage *self,
                    const char *name,
                    const char *code)
{
  /* Translators: %s is the name of a huddle */
  g_autofree char *heading = g_strdup_printf (_("Invitation to “%s”"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                              _("Give this code to the professional you are inviting. They type it "
                                                "in Rapport, in Preferences, on the Sync page. It works once, for "
                                                "14 days."));
  GtkWidget *label = gtk_label_new (code);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-1");
  gtk_widget_add_css_class (label, "monospace");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), "copy", _("_Copy Code"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (code), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_invitation_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_invited (GObject *source,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr(Sharing) sharing = user_data;
  RapportHuddlePage *self = sharing->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = rapport_sync_client_invite_finish (RAPPORT_SYNC_CLIENT (source), result, &error);

  self->inviting = FALSE;
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  update_sharing (self);
  if (code == NULL)
    show_error (self, error);
  else
    present_invitation (self, sharing->name, code);
}

/* The server knows a huddle once a sync has sent it. */
static void
on_synced_for_invitation (GObject *source,
                          GAsyncResult *result,
                          gpointer user_data)
{
  g_autoptr(Sharing) sharing = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_sync_client_sync_finish (RAPPORT_SYNC_CLIENT (source), result, &error))
    {
      sharing->page->inviting = FALSE;
      if (gtk_widget_get_root (GTK_WIDGET (sharing->page)) != NULL)
        {
          update_sharing (sharing->page);
          show_error (sharing->page, error);
        }
      return;
    }
  {
    /* Arguments are evaluated in any order: not both from one pointer. */
    Sharing *data = g_steal_pointer (&sharing);

    rapport_sync_client_invite_async (RAPPORT_SYNC_CLIENT (source), data->uuid, NULL, on_invited, data);
  }
}

static void
invite_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);

  if (self->huddle == NULL || self->sync == NULL || self->inviting)
    return;
  self->inviting = TRUE;
  update_sharing (self);
  rapport_sync_client_sync_async (self->sync, NULL, on_synced_for_invitation, sharing_new (self));
}

static void
on_left (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  g_autoptr(Sharing) sharing = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_sync_client_leave_finish (RAPPORT_SYNC_CLIENT (source), result, &error))
    {
      if (gtk_widget_get_root (GTK_WIDGET (sharing->page)) != NULL)
        show_error (sharing->page, error);
      return;
    }
  /* The next sync finds the huddle gone from the account and removes it
   * from this computer. */
  rapport_sync_client_sync_async (RAPPORT_SYNC_CLIENT (source), NULL, NULL, NULL);
}

static void
on_leave_response (AdwMessageDialog *dialog,
                   const char *response,
                   RapportHuddlePage *self)
{
  if (!g_str_equal (response, "leave") || self->huddle == NULL || self->sync == NULL)
    return;
  rapport_sync_client_leave_async (self->sync, rapport_huddle_get_uuid (self->huddle), NULL, on_left,
                                   sharing_new (self));
}

static void
leave_action (GtkWidget *widget,
              const char *action_name,
              GVariant *parameter)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->huddle == NULL || self->sync == NULL)
    return;
  /* Translators: %s is the name of a huddle */
  heading = g_strdup_printf (_("Leave “%s”?"), rapport_huddle_get_name (self->huddle));
  dialog = rapport_confirm_new (widget, heading,
                                _("The huddle, its meetings and its referral ledger are removed from this "
                                  "computer. The other members keep theirs. To come back, ask one of them for a "
                                  "new invitation."),
                                   "leave", _("_Leave Huddle"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_leave_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rapport_huddle_page_constructed (GObject *object)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (object);

  G_OBJECT_CLASS (rapport_huddle_page_parent_class)->constructed (object);
  self->store = rapport_store_page_get_store (RAPPORT_STORE_PAGE (self));
  g_signal_connect_object (self->store, "changed::huddles", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::referrals", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::contacts", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);

  /* The application's client syncs the store the window shows; a page on
   * another store (in a test) has none. */
  {
    GApplication *app = g_application_get_default ();
    RapportSyncClient *sync = RAPPORT_IS_APPLICATION (app) ? rapport_application_get_sync (RAPPORT_APPLICATION (app))
                                                           : NULL;

    if (sync != NULL && rapport_sync_client_get_store (sync) == self->store)
      {
        self->sync = g_object_ref (sync);
        g_signal_connect_object (sync, "notify::status", G_CALLBACK (update_sharing), self, G_CONNECT_SWAPPED);
      }
  }
  update_sharing (self);
}

static void
rapport_huddle_page_dispose (GObject *object)
{
  RapportHuddlePage *self = RAPPORT_HUDDLE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_HUDDLE_PAGE);
  g_clear_object (&self->huddle);
  g_clear_object (&self->matches);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  G_OBJECT_CLASS (rapport_huddle_page_parent_class)->dispose (object);
}

static void
rapport_huddle_page_class_init (RapportHuddlePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_huddle_page_constructed;
  object_class->dispose = rapport_huddle_page_dispose;
  RAPPORT_STORE_PAGE_CLASS (klass)->reload = reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weandco/Rapport/huddles/rapport-huddle-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, details_label);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, glance);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, members);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, add_member_button);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, add_member_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, member_search);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, member_matches);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, coverage);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, meetings);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, attendance);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, balances);
  gtk_widget_class_bind_template_child (widget_class, RapportHuddlePage, ledger);
  gtk_widget_class_bind_template_callback (widget_class, on_add_member_show);
  gtk_widget_class_bind_template_callback (widget_class, on_member_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_member_match_activated);
  gtk_widget_class_install_action (widget_class, "huddle.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "huddle.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "huddle.refer", NULL, refer_action);
  gtk_widget_class_install_action (widget_class, "huddle.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "huddle.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "huddle.restore", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "huddle.catalogue", NULL, catalogue_action);
  gtk_widget_class_install_action (widget_class, "huddle.invite", NULL, invite_action);
  gtk_widget_class_install_action (widget_class, "huddle.leave", NULL, leave_action);
}

static void
rapport_huddle_page_init (RapportHuddlePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
