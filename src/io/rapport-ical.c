/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-ical.c: events as iCalendar (RFC 5545) text, so that a person can
 * put one event, or a whole group's calendar, into the calendar app they
 * already use.
 *
 * libical builds and writes the components: it escapes commas, semicolons
 * and line breaks in text and folds long lines, which is where hand-written
 * iCalendar goes wrong. Times are written in UTC, as the store keeps them,
 * so no VTIMEZONE is needed. The UID comes from the event's UUID, so that
 * importing the same event again updates it instead of adding a copy.
 * A huddle's schedule is written the same way, one VEVENT per meeting.
 * The whole calendar adds the huddles' meetings and the follow-ups, as
 * tasks (VTODO) due on their day.
 */
#define G_LOG_DOMAIN "rapport-ical"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rapport-error.h"
#include "rapport-ical.h"
#include "rapport-recurrence.h"
#include "rapport-text.h"

#define PRODID "-//We&Co//Rapport//EN"
/* RFC 5545 suggests a domain on the right of a UID, so that UIDs made by
 * different programs never collide. */
#define UID_DOMAIN "rapport.weandco.org"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* libical's own messages name its internals; the person gets plain words
 * and the detail goes to the debug log. */
static gboolean
ical_failed (GError **error)
{
  g_debug ("libical failed: %s", icalerror_strerror (icalerrno));
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The calendar file could not be made."));
  return FALSE;
}

/* libical's constructors report a failure only by returning NULL. */
static gboolean
add_property (icalcomponent *component,
              icalproperty *property,
              GError **error)
{
  if (property == NULL)
    return ical_failed (error);
  icalcomponent_add_property (component, property);
  return TRUE;
}

/* Empty text is left out rather than written as an empty property. */
static gboolean
add_text (icalcomponent *component,
          icalproperty *(*new_property) (const char *text),
          const char *text,
          GError **error)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  return add_property (component, new_property (text), error);
}

static struct icaltimetype
utc_time (gint64 unix_seconds)
{
  return icaltime_from_timet_with_zone ((time_t) unix_seconds, 0, icaltimezone_get_utc_timezone ());
}

static icalcomponent *
new_calendar (const char *calendar_name,
              GError **error)
{
  g_autoptr(icalcomponent) calendar = icalcomponent_new_vcalendar ();

  if (calendar == NULL)
    {
      ical_failed (error);
      return NULL;
    }
  if (!add_property (calendar, icalproperty_new_version ("2.0"), error) ||
      !add_property (calendar, icalproperty_new_prodid (PRODID), error) ||
      !add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH), error))
    return NULL;

  /* Not in RFC 5545, but the name that Google Calendar, Apple Calendar
   * and Thunderbird give a subscribed or imported calendar. */
  if (calendar_name != NULL && *calendar_name != '\0')
    {
      icalproperty *name = icalproperty_new_x (calendar_name);

      if (name != NULL)
        icalproperty_set_x_name (name, "X-WR-CALNAME");
      if (!add_property (calendar, name, error))
        return NULL;
    }
  return g_steal_pointer (&calendar);
}

/* Adds a VEVENT stamped @now to @calendar with what every exported event
 * has, and returns it (owned by @calendar) for the caller to add more. */
static icalcomponent *
add_vevent (icalcomponent *calendar,
            const char *uid,
            gint64 now,
            gint64 starts_at,
            int duration_min,
            const char *summary,
            const char *location,
            GError **error)
{
  g_autoptr(icalcomponent) vevent = icalcomponent_new_vevent ();
  g_autofree char *full_uid = NULL;

  if (vevent == NULL)
    {
      ical_failed (error);
      return NULL;
    }
  full_uid = g_strconcat (uid, "@" UID_DOMAIN, NULL);
  if (!add_property (vevent, icalproperty_new_uid (full_uid), error) ||
      !add_property (vevent, icalproperty_new_dtstamp (utc_time (now)), error) ||
      !add_property (vevent, icalproperty_new_dtstart (utc_time (starts_at)), error))
    return NULL;
  /* RFC 5545 wants DTEND after DTSTART; without one, an event that takes
   * no time ends when it starts. */
  if (duration_min > 0 &&
      !add_property (vevent, icalproperty_new_dtend (utc_time (starts_at + (gint64) duration_min * 60)), error))
    return NULL;
  if (!add_text (vevent, icalproperty_new_summary, summary, error) ||
      !add_text (vevent, icalproperty_new_location, location, error))
    return NULL;

  icalcomponent_add_component (calendar, vevent);
  return g_steal_pointer (&vevent);
}

/* Adds @event to @calendar as a VEVENT stamped @now. */
static gboolean
add_event (icalcomponent *calendar,
           RapportEvent *event,
           gint64 now,
           GError **error)
{
  const char *uuid = rapport_event_get_uuid (event);
  icalcomponent *vevent;

  if (uuid == NULL || *uuid == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Only a saved event can be exported."));
      return FALSE;
    }

  vevent = add_vevent (calendar, uuid, now, rapport_event_get_starts_at (event),
                       rapport_event_get_duration_min (event),
                       rapport_event_get_title (event),
                       rapport_event_get_location (event), error);
  if (vevent == NULL ||
      !add_text (vevent, icalproperty_new_description, rapport_event_get_notes (event), error))
    return FALSE;
  /* One CATEGORIES each. libical 3 writes commas in this property as list
   * separators, never escaped, so a group called "Rotary, Lakeside" shows
   * as two categories; the other text properties keep their commas. */
  return add_text (vevent, icalproperty_new_categories, rapport_event_kind_get_label (rapport_event_get_kind (event)), error) &&
         add_text (vevent, icalproperty_new_categories, rapport_event_get_group_name (event), error);
}

/* The text is copied so that callers free it with g_free(), not with
 * libical's allocator. */
static char *
calendar_to_text (icalcomponent *calendar,
                  GError **error)
{
  char *text = icalcomponent_as_ical_string_r (calendar);
  char *copy;

  if (text == NULL)
    {
      ical_failed (error);
      return NULL;
    }
  copy = g_strdup (text);
  icalmemory_free_buffer (text);
  return copy;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * rapport_ical_export_event:
 * @event: a saved event
 * @error: return location for a #GError
 *
 * Writes @event as an iCalendar object with one VEVENT, published
 * (METHOD:PUBLISH) so that calendar apps import it. Its UID is the event's
 * UUID, so exporting the same event twice gives the same UID and importing
 * it again updates the copy in the calendar. Times are in UTC; the title,
 * location and notes become SUMMARY, LOCATION and DESCRIPTION, and the
 * event's kind and group become CATEGORIES.
 *
 * Returns: (transfer full) (nullable): the iCalendar text, or %NULL with
 *   @error set (%RAPPORT_ERROR_INVALID) if the event has never been saved
 *   or libical failed
 */
char *
rapport_ical_export_event (RapportEvent *event,
                           GError **error)
{
  g_autoptr(icalcomponent) calendar = NULL;

  g_return_val_if_fail (RAPPORT_IS_EVENT (event), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calendar = new_calendar (NULL, error);
  if (calendar == NULL || !add_event (calendar, event, now_seconds (), error))
    return NULL;
  return calendar_to_text (calendar, error);
}

/**
 * rapport_ical_export_events:
 * @store: the store
 * @event_ids: (element-type gint64): the ids of the events to export
 * @calendar_name: (nullable): the name calendar apps give the calendar,
 *   such as the group's name
 * @error: return location for a #GError
 *
 * Writes the events as one iCalendar object with a VEVENT each, as
 * rapport_ical_export_event() writes one, all with the same DTSTAMP. This
 * is how a group's calendar is exported: its event ids come from
 * rapport_store_query_event_ids() with the group's id.
 *
 * Returns: (transfer full) (nullable): the iCalendar text, or %NULL with
 *   @error set: %RAPPORT_ERROR_INVALID if @event_ids is empty (a calendar
 *   needs an event) or libical failed, or the store's error if an event
 *   cannot be read
 */
char *
rapport_ical_export_events (RapportStore *store,
                            GArray *event_ids,
                            const char *calendar_name,
                            GError **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (event_ids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (event_ids->len == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("There are no events to export."));
      return NULL;
    }

  calendar = new_calendar (calendar_name, error);
  if (calendar == NULL)
    return NULL;
  for (guint i = 0; i < event_ids->len; i++)
    {
      g_autoptr(RapportEvent) event = rapport_store_get_event (store, g_array_index (event_ids, gint64, i), error);

      if (event == NULL || !add_event (calendar, event, now, error))
        return NULL;
    }
  return calendar_to_text (calendar, error);
}

/* A meeting's UID: the schedule's seed and the meeting's start, so that
 * the same meeting has the same UID in every export and importing the
 * calendar again updates it. */
static char *
meeting_uid (const char *uid_seed,
             gint64 starts_at)
{
  char *start = icaltime_as_ical_string_r (utc_time (starts_at));
  char *uid = g_strconcat (uid_seed, "-", start, NULL);

  icalmemory_free_buffer (start);
  return uid;
}

/**
 * rapport_ical_export_schedule:
 * @name: the name of what meets, such as the huddle's name
 * @place: (nullable): where it meets
 * @uid_seed: what makes the meetings' UIDs unique, such as the huddle's
 *   UUID
 * @rrule: the recurrence rule, as rapport_recurrence_check() accepts
 * @first_start: when the first meeting starts, in Unix seconds
 * @duration_min: how long each meeting lasts, in minutes
 * @tz: (nullable): the time zone the meetings keep their time of day in,
 *   or %NULL for local time
 * @from: the earliest meeting start to export, in Unix seconds
 * @until: the first start not to export: the range is [@from, @until)
 * @error: return location for a #GError
 *
 * Writes the meetings of a schedule as one iCalendar object named @name,
 * with a VEVENT for each meeting that rapport_recurrence_expand() lists
 * in [@from, @until), rather than one VEVENT with the rule: a calendar app
 * then shows exactly the meetings Rapport shows, whatever it makes of
 * the rule and of daylight-saving time. Times are in UTC, all VEVENTs
 * have the same DTSTAMP, and each UID is @uid_seed, a dash and the
 * meeting's start in UTC (20260106T070000Z), so a meeting keeps its UID
 * from one export to the next.
 *
 * Returns: (transfer full) (nullable): the iCalendar text, or %NULL with
 *   @error set (%RAPPORT_ERROR_INVALID) if the rule is not valid, no
 *   meeting falls in the range, or libical failed
 */
char *
rapport_ical_export_schedule (const char *name,
                              const char *place,
                              const char *uid_seed,
                              const char *rrule,
                              gint64 first_start,
                              int duration_min,
                              GTimeZone *tz,
                              gint64 from,
                              gint64 until,
                              GError **error)
{
  g_autoptr(GArray) starts = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (uid_seed != NULL && *uid_seed != '\0', NULL);
  g_return_val_if_fail (rrule != NULL, NULL);
  g_return_val_if_fail (duration_min >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  starts = rapport_recurrence_expand (rrule, first_start, tz, from, until, G_MAXUINT, error);
  if (starts == NULL)
    return NULL;
  if (starts->len == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("There are no meetings to export between these dates."));
      return NULL;
    }

  calendar = new_calendar (name, error);
  if (calendar == NULL)
    return NULL;
  for (guint i = 0; i < starts->len; i++)
    {
      gint64 starts_at = g_array_index (starts, gint64, i);
      g_autofree char *uid = meeting_uid (uid_seed, starts_at);

      if (add_vevent (calendar, uid, now, starts_at, duration_min, name, place, error) == NULL)
        return NULL;
    }
  return calendar_to_text (calendar, error);
}

/* How far ahead a huddle's schedule goes into the whole calendar, and how
 * many of its meetings at most. */
#define SCHEDULE_DAYS 365
#define MAX_SCHEDULED 400

/* A huddle meeting as a VEVENT, with the UID that
 * rapport_ical_export_schedule() gives the same meeting. */
static gboolean
add_meeting (icalcomponent *calendar,
             RapportHuddle *huddle,
             gint64 starts_at,
             int duration_min,
             const char *notes,
             gint64 now,
             GError **error)
{
  g_autofree char *uid = meeting_uid (rapport_huddle_get_uuid (huddle), starts_at);
  icalcomponent *vevent = add_vevent (calendar, uid, now, starts_at, duration_min, rapport_huddle_get_name (huddle),
                                      rapport_huddle_get_place (huddle), error);

  return vevent != NULL && add_text (vevent, icalproperty_new_description, notes, error) &&
         add_text (vevent, icalproperty_new_categories, _("Huddle meeting"), error);
}

/* The meetings of one huddle: those recorded, and, when @schedule, those
 * its schedule holds in the coming year that are not recorded yet. */
static gboolean
add_huddle_meetings (icalcomponent *calendar,
                     RapportStore *store,
                     gint64 huddle_id,
                     gboolean schedule,
                     gint64 now,
                     guint *n,
                     GError **error)
{
  g_autoptr(RapportHuddle) huddle = rapport_store_get_huddle (store, huddle_id, error);
  g_autoptr(GListModel) recorded = NULL;
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) starts = NULL;
  const char *rrule;

  if (huddle == NULL)
    return FALSE;
  recorded = rapport_store_list_meetings (store, huddle_id, error);
  if (recorded == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (recorded); i++)
    {
      g_autoptr(RapportMeeting) meeting = g_list_model_get_item (recorded, i);
      gint64 *start = g_new (gint64, 1);

      *start = rapport_meeting_get_starts_at (meeting);
      g_hash_table_add (written, start);
      if (!add_meeting (calendar, huddle, *start, rapport_meeting_get_duration_min (meeting),
                        rapport_meeting_get_notes (meeting), now, error))
        return FALSE;
      (*n)++;
    }

  rrule = rapport_huddle_get_rrule (huddle);
  if (!schedule || rrule == NULL || *rrule == '\0')
    return TRUE;
  starts = rapport_recurrence_expand (rrule, rapport_huddle_get_first_meeting (huddle), NULL, now,
                                      now + SCHEDULE_DAYS * (gint64) 86400, MAX_SCHEDULED,
                                      error);
  if (starts == NULL)
    return FALSE;
  for (guint i = 0; i < starts->len; i++)
    {
      gint64 starts_at = g_array_index (starts, gint64, i);

      if (g_hash_table_contains (written, &starts_at))
        continue;
      if (!add_meeting (calendar, huddle, starts_at, rapport_huddle_get_duration_min (huddle), NULL, now, error))
        return FALSE;
      (*n)++;
    }
  return TRUE;
}

static gboolean
add_huddles (icalcomponent *calendar,
             RapportStore *store,
             gboolean archived,
             gint64 now,
             guint *n,
             GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!rapport_store_query_huddle_ids (store, archived, ids, error))
    return FALSE;
  /* An archived huddle meets no more: its record only. */
  for (guint i = 0; i < ids->len; i++)
    if (!add_huddle_meetings (calendar, store, g_array_index (ids, gint64, i), !archived, now, n, error))
      return FALSE;
  return TRUE;
}

/* A follow-up as a VTODO due on its day: "Follow up with Ann Lee",
 * COMPLETED once done. */
static gboolean
add_followup (icalcomponent *calendar,
              const RapportFollowupEntry *entry,
              gint64 now,
              GError **error)
{
  g_autoptr(icalcomponent) vtodo = icalcomponent_new_vtodo ();
  g_autofree char *uid = g_strconcat (entry->uuid, "@" UID_DOMAIN, NULL);
  /* TRANSLATORS: a task in a calendar app; %s is a person's name */
  g_autofree char *summary = g_strdup_printf (_("Follow up with %s"), entry->contact_name);
  struct icaltimetype due = icaltime_null_date ();
  int year, month, day;

  if (vtodo == NULL)
    return ical_failed (error);
  if (!rapport_date_is_valid (entry->due) || sscanf (entry->due, "%d-%d-%d", &year, &month, &day) != 3)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("The follow-up with %s has no valid due date."), entry->contact_name);
      return FALSE;
    }
  due.year = year;
  due.month = month;
  due.day = day;
  if (!add_property (vtodo, icalproperty_new_uid (uid), error) ||
      !add_property (vtodo, icalproperty_new_dtstamp (utc_time (now)), error) ||
      !add_property (vtodo, icalproperty_new_due (due), error) ||
      !add_text (vtodo, icalproperty_new_summary, summary, error) ||
      !add_text (vtodo, icalproperty_new_description, entry->note, error) ||
      !add_text (vtodo, icalproperty_new_categories, _("Follow-up"), error))
    return FALSE;
  if (entry->done_at > 0)
    {
      if (!add_property (vtodo, icalproperty_new_status (ICAL_STATUS_COMPLETED), error) ||
          !add_property (vtodo, icalproperty_new_completed (utc_time (entry->done_at)), error) ||
          !add_property (vtodo, icalproperty_new_percentcomplete (100), error))
        return FALSE;
    }
  else if (!add_property (vtodo, icalproperty_new_status (ICAL_STATUS_NEEDSACTION), error))
    return FALSE;
  icalcomponent_add_component (calendar, g_steal_pointer (&vtodo));
  return TRUE;
}

/**
 * rapport_ical_export_calendar:
 * @store: the store
 * @now: the present moment, in Unix seconds: the DTSTAMP of everything,
 *   and where the huddles' coming meetings start
 * @error: return location for a #GError
 *
 * Writes everything of Rapport's that belongs in a calendar as one
 * iCalendar object named "Rapport": every event as
 * rapport_ical_export_events() writes it; every huddle's recorded
 * meetings, and the meetings its schedule holds in the coming year that
 * are not recorded yet (an archived huddle's recorded ones only), as
 * VEVENTs with the UIDs rapport_ical_export_schedule() gives them; and
 * every follow-up of the contacts not archived as a VTODO due on its day,
 * "Follow up with NAME", COMPLETED once done. Importing the file again
 * updates what it imported before.
 *
 * Returns: (transfer full) (nullable): the iCalendar text, or %NULL with
 *   @error set: %RAPPORT_ERROR_INVALID when there is nothing to export or
 *   libical failed, or the store's error
 */
char *
rapport_ical_export_calendar (RapportStore *store,
                              gint64 now,
                              GError **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GArray) event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) followups = NULL;
  RapportEventQuery query = { .when = RAPPORT_EVENTS_ALL, .now = now };
  guint n = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calendar = new_calendar (_("Rapport"), error);
  if (calendar == NULL || !rapport_store_query_event_ids (store, &query, event_ids, error))
    return NULL;
  for (guint i = 0; i < event_ids->len; i++)
    {
      g_autoptr(RapportEvent) event = rapport_store_get_event (store, g_array_index (event_ids, gint64, i), error);

      if (event == NULL || !add_event (calendar, event, now, error))
        return NULL;
      n++;
    }
  if (!add_huddles (calendar, store, FALSE, now, &n, error) || !add_huddles (calendar, store, TRUE, now, &n, error))
    return NULL;
  followups = rapport_store_list_all_followups (store, error);
  if (followups == NULL)
    return NULL;
  for (guint i = 0; i < followups->len; i++)
    if (!add_followup (calendar, &g_array_index (followups, RapportFollowupEntry, i), now, error))
      return NULL;
  n += followups->len;
  if (n == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("There are no events, huddle meetings or follow-ups to export yet."));
      return NULL;
    }
  return calendar_to_text (calendar, error);
}

/**
 * rapport_ical_write_file:
 * @ics_text: iCalendar text, as the export functions return it
 * @file: where to write it
 * @error: return location for a #GError
 *
 * Writes @ics_text to @file, replacing the file whole: a failure part-way
 * leaves any earlier file as it was, never half-written.
 *
 * Returns: %TRUE on success, or %FALSE with @error set by GIO
 */
gboolean
rapport_ical_write_file (const char *ics_text,
                         GFile *file,
                         GError **error)
{
  g_return_val_if_fail (ics_text != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_file_replace_contents (file, ics_text, strlen (ics_text), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}
