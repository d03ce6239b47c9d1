/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ical.c: iCalendar export of events from a real store. Every export
 * is read back with libical's parser, so the checks are about what a
 * calendar app would import, not about the text's layout. */
#define G_LOG_DOMAIN "test-ical"

#include "config.h"

#include <string.h>

#include <libical/ical.h>

#include "rapport-error.h"
#include "rapport-ical.h"
#include "rapport-recurrence.h"
#include "rapport-test-util.h"

/* 2026-03-10 18:00 UTC (the tests run in UTC). */
#define MARCH_10 G_GINT64_CONSTANT (1773165600)
#define DAY (24 * 60 * 60)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

static gint64
add_group (RapportStore *store,
           const char *name)
{
  g_autoptr(RapportGroup) group = rapport_group_new (name);
  g_autoptr(GError) error = NULL;
  gint64 id = rapport_store_save_group (store, group, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Saves an event and returns it as the store reads it back, with its
 * UUID and group name filled in. */
static RapportEvent *
add_event (RapportStore *store,
           const char *title,
           gint64 group_id,
           gint64 starts_at,
           int duration_min)
{
  g_autoptr(RapportEvent) event = rapport_event_new (title, starts_at);
  g_autoptr(GError) error = NULL;
  RapportEvent *saved;
  gint64 id;

  rapport_event_set_group_id (event, group_id);
  rapport_event_set_duration_min (event, duration_min);
  id = rapport_store_save_event (store, event, &error);
  g_assert_no_error (error);
  saved = rapport_store_get_event (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rapport_event_get_uuid (saved));
  return saved;
}

static char *
export_saved (RapportStore *store,
              RapportEvent *event)
{
  g_autoptr(RapportEvent) saved = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  rapport_store_save_event (store, event, &error);
  g_assert_no_error (error);
  saved = rapport_store_get_event (store, rapport_event_get_id (event), &error);
  g_assert_no_error (error);
  text = rapport_ical_export_event (saved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

/* Parses @text as a published calendar and checks its header. */
static icalcomponent *
parse_calendar (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);
  icalproperty *method;

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpstr (icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)), ==, "2.0");
  g_assert_cmpstr (icalproperty_get_prodid (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY)), ==, "-//We&Co//Rapport//EN");
  method = icalcomponent_get_first_property (calendar, ICAL_METHOD_PROPERTY);
  g_assert_nonnull (method);
  g_assert_cmpint (icalproperty_get_method (method), ==, ICAL_METHOD_PUBLISH);
  return calendar;
}

/* The calendar's only VEVENT. */
static icalcomponent *
only_event (icalcomponent *calendar)
{
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  return icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
}

static gint64
utc_seconds (struct icaltimetype time)
{
  g_assert_false (icaltime_is_null_time (time));
  g_assert_true (icaltime_is_utc (time));
  return icaltime_as_timet_with_zone (time, icaltimezone_get_utc_timezone ());
}

static char *
expected_uid (RapportEvent *event)
{
  return g_strconcat (rapport_event_get_uuid (event), "@rapport.weandco.org", NULL);
}

static void
test_export_event (RapportTestStore *fixture,
                   gconstpointer data)
{
  gint64 group = add_group (fixture->store, "Chamber of Commerce");
  g_autoptr(RapportEvent) event = add_event (fixture->store, "Members' breakfast", group, MARCH_10, 90);
  g_autofree char *text = NULL;
  g_autofree char *uid = expected_uid (event);
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *vevent;
  icalproperty *category;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 stamp;

  rapport_event_set_kind (event, RAPPORT_EVENT_BREAKFAST);
  rapport_event_set_location (event, "Town hall");
  rapport_event_set_notes (event, "Bring cards");
  text = export_saved (fixture->store, event);
  calendar = parse_calendar (text);
  vevent = only_event (calendar);

  g_assert_cmpstr (icalcomponent_get_uid (vevent), ==, uid);
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, "Members' breakfast");
  g_assert_cmpstr (icalcomponent_get_location (vevent), ==, "Town hall");
  g_assert_cmpstr (icalcomponent_get_description (vevent), ==, "Bring cards");
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (vevent)), ==, MARCH_10);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtend (vevent)), ==, MARCH_10 + 90 * 60);
  stamp = utc_seconds (icalcomponent_get_dtstamp (vevent));
  g_assert_cmpint (stamp, >=, before);
  g_assert_cmpint (stamp, <=, g_get_real_time () / G_USEC_PER_SEC);

  category = icalcomponent_get_first_property (vevent, ICAL_CATEGORIES_PROPERTY);
  g_assert_nonnull (category);
  g_assert_cmpstr (icalproperty_get_categories (category), ==, "Breakfast");
  category = icalcomponent_get_next_property (vevent, ICAL_CATEGORIES_PROPERTY);
  g_assert_nonnull (category);
  g_assert_cmpstr (icalproperty_get_categories (category), ==, "Chamber of Commerce");
  g_assert_null (icalcomponent_get_next_property (vevent, ICAL_CATEGORIES_PROPERTY));
}

/* An event with nothing but a title and a time: no empty properties, no
 * group category, and no DTEND when it takes no time (RFC 5545 wants
 * DTEND after DTSTART); readers then end it where it starts. */
static void
test_export_bare_event (RapportTestStore *fixture,
                        gconstpointer data)
{
  g_autoptr(RapportEvent) event = add_event (fixture->store, "Ribbon cutting", 0, MARCH_10, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = rapport_ical_export_event (event, &error);
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *vevent;

  g_assert_no_error (error);
  calendar = parse_calendar (text);
  vevent = only_event (calendar);
  g_assert_null (icalcomponent_get_first_property (vevent, ICAL_LOCATION_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (vevent, ICAL_DESCRIPTION_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY));
  g_assert_cmpint (icalcomponent_count_properties (vevent, ICAL_CATEGORIES_PROPERTY), ==, 1);
  g_assert_null (icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY));
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (vevent)), ==, MARCH_10);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtend (vevent)), ==, MARCH_10);
}

/* The same event keeps its UID from one export to the next, so importing
 * it again updates it; another event gets another UID. */
static void
test_uid_stable (RapportTestStore *fixture,
                 gconstpointer data)
{
  g_autoptr(RapportEvent) event = add_event (fixture->store, "Mixer", 0, MARCH_10, 60);
  g_autoptr(RapportEvent) other = add_event (fixture->store, "Mixer", 0, MARCH_10, 60);
  g_autofree char *first = export_saved (fixture->store, event);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(icalcomponent) first_calendar = parse_calendar (first);
  g_autoptr(icalcomponent) second_calendar = NULL;
  g_autoptr(icalcomponent) third_calendar = NULL;

  rapport_event_set_title (event, "Spring mixer");
  second = export_saved (fixture->store, event);
  second_calendar = parse_calendar (second);
  third = export_saved (fixture->store, other);
  third_calendar = parse_calendar (third);

  g_assert_cmpstr (icalcomponent_get_summary (only_event (second_calendar)), ==, "Spring mixer");
  g_assert_cmpstr (icalcomponent_get_uid (only_event (first_calendar)), ==,
                   icalcomponent_get_uid (only_event (second_calendar)));
  g_assert_cmpstr (icalcomponent_get_uid (only_event (first_calendar)), !=,
                   icalcomponent_get_uid (only_event (third_calendar)));
}

/* Commas, semicolons, backslashes, line breaks and accents come back
 * exactly, including in lines long enough to be folded. */
static void
test_text_round_trip (RapportTestStore *fixture,
                      gconstpointer data)
{
  const char *title = "Café, Lunch; à 12h\nsecond line";
  const char *location = "Salle Œ, 3 rue de l'Église; Genève \\ étage 2";
  g_autoptr(RapportEvent) event = add_event (fixture->store, title, 0, MARCH_10, 120);
  g_autoptr(GString) notes = g_string_new ("Ordre du jour :");
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_auto(GStrv) lines = NULL;
  icalcomponent *vevent;

  for (int i = 0; i < 20; i++)
    g_string_append_printf (notes, "\n%d. présentations, café; échanges — “réseau” ✓", i);
  rapport_event_set_location (event, location);
  rapport_event_set_notes (event, notes->str);
  text = export_saved (fixture->store, event);

  /* RFC 5545 lines: CRLF-terminated, at most 75 octets. */
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
    }

  calendar = parse_calendar (text);
  vevent = only_event (calendar);
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, title);
  g_assert_cmpstr (icalcomponent_get_location (vevent), ==, location);
  g_assert_cmpstr (icalcomponent_get_description (vevent), ==, notes->str);
}

/* A group's calendar: its three events and nothing of another group's,
 * written to a file and read back from it. */
static void
test_group_calendar (RapportTestStore *fixture,
                     gconstpointer data)
{
  const char *name = "Rotary; Lakeside";
  gint64 group = add_group (fixture->store, name);
  gint64 other_group = add_group (fixture->store, "Leads group");
  RapportEvent *events[] = {
    add_event (fixture->store, "Weekly lunch", group, MARCH_10, 60),
    add_event (fixture->store, "Weekly lunch", group, MARCH_10 + 7 * DAY, 75),
    add_event (fixture->store, "Gala", group, MARCH_10 - 30 * DAY, 240),
  };
  g_autoptr(RapportEvent) other = add_event (fixture->store, "Leads meeting", other_group, MARCH_10, 60);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "rotary.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *read_back = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autofree char *other_uid = expected_uid (other);
  icalproperty *calname;
  guint found = 0;

  rapport_store_query_event_ids (fixture->store,
                                 &(RapportEventQuery){ .when = RAPPORT_EVENTS_ALL, .now = MARCH_10, .group_id = group },
                                 ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (events));
  text = rapport_ical_export_events (fixture->store, ids, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  /* An older export in the way is replaced whole. */
  g_assert_true (g_file_set_contents (path, "an older, longer export that must not survive in part", -1, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_ical_write_file (text, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &read_back, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (read_back, ==, text);

  calendar = parse_calendar (read_back);
  calname = icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY);
  g_assert_nonnull (calname);
  g_assert_cmpstr (icalproperty_get_x_name (calname), ==, "X-WR-CALNAME");
  g_assert_cmpstr (icalproperty_get_x (calname), ==, name);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 3);

  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       vevent != NULL;
       vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_cmpstr (icalcomponent_get_uid (vevent), !=, other_uid);
      for (guint i = 0; i < G_N_ELEMENTS (events); i++)
        {
          g_autofree char *uid = expected_uid (events[i]);
          gint64 starts_at = rapport_event_get_starts_at (events[i]);

          if (g_strcmp0 (icalcomponent_get_uid (vevent), uid) != 0)
            continue;
          found |= 1u << i;
          g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, rapport_event_get_title (events[i]));
          g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (vevent)), ==, starts_at);
          g_assert_cmpint (utc_seconds (icalcomponent_get_dtend (vevent)), ==,
                           starts_at + rapport_event_get_duration_min (events[i]) * 60);
        }
    }
  g_assert_cmpuint (found, ==, 0x7);

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_object_unref (events[i]);
}

static void
test_errors (RapportTestStore *fixture,
             gconstpointer data)
{
  g_autoptr(RapportEvent) unsaved = rapport_event_new ("Draft", MARCH_10);
  g_autoptr(RapportEvent) saved = add_event (fixture->store, "Fair", 0, MARCH_10, 60);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 missing = rapport_event_get_id (saved) + 100;
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "fair.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_null (rapport_ical_export_event (unsaved, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (rapport_ical_export_events (fixture->store, ids, "Empty", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_array_append_val (ids, missing);
  g_assert_null (rapport_ical_export_events (fixture->store, ids, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (rapport_ical_write_file ("BEGIN:VCALENDAR\r\n", file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* 2026-03-03 08:00 UTC, a Tuesday: the huddle's first meeting. */
#define MARCH_3 G_GINT64_CONSTANT (1772524800)
#define WEEK (7 * DAY)

static gint64
add_huddle (RapportStore *store,
            const char *name,
            const char *place)
{
  g_autoptr(RapportHuddle) huddle = g_object_new (RAPPORT_TYPE_HUDDLE, "name", name, "place", place, "rrule",
                                                   "FREQ=WEEKLY;BYDAY=TU", "first-meeting", MARCH_3, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = rapport_store_save_huddle (store, huddle, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_followup (RapportStore *store,
              const char *name,
              const char *due,
              const char *note)
{
  g_autoptr(RapportContact) contact = rapport_test_add_contact (store, name);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rapport_store_add_followup (store, rapport_contact_get_id (contact), due, note, &error), >, 0);
  g_assert_no_error (error);
  return rapport_contact_get_id (contact);
}

/* The VTODO or VEVENT whose SUMMARY is @summary, or NULL. */
static icalcomponent *
find_component (icalcomponent *calendar,
                icalcomponent_kind kind,
                const char *uid)
{
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, kind); c != NULL;
       c = icalcomponent_get_next_component (calendar, kind))
    if (g_strcmp0 (icalcomponent_get_uid (c), uid) == 0)
      return c;
  return NULL;
}

static char *
meeting_uid (RapportStore *store,
             gint64 huddle_id,
             const char *start)
{
  g_autoptr(RapportHuddle) huddle = rapport_store_get_huddle (store, huddle_id, NULL);

  return g_strdup_printf ("%s-%s@rapport.weandco.org", rapport_huddle_get_uuid (huddle), start);
}

/* The whole calendar: events, the huddles' meetings (recorded, and those
 * the schedule holds in the coming year), and follow-ups as tasks. */
static void
test_whole_calendar (RapportTestStore *fixture,
                     gconstpointer data)
{
  g_autoptr(RapportEvent) event = add_event (fixture->store, "Members' breakfast", 0, MARCH_10, 90);
  gint64 team = add_huddle (fixture->store, "Home Team", "Café Rio");
  gint64 old_team = add_huddle (fixture->store, "Old Team", NULL);
  gint64 ann = add_followup (fixture->store, "Ann Lee", "2026-03-11", "Send the listings");
  gint64 ben = add_followup (fixture->store, "Ben Ode", "2026-03-09", NULL);
  gint64 cara = add_followup (fixture->store, "Cara Diaz", "2026-03-12", NULL);
  g_autoptr(GListModel) ben_items = rapport_store_list_contact_followups (fixture->store, ben, NULL);
  g_autoptr(RapportFollowup) ben_item = g_list_model_get_item (ben_items, 0);
  g_autoptr(GArray) scheduled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *schedule_text = NULL;
  g_autofree char *recorded_uid = meeting_uid (fixture->store, team, "20260317T080000Z");
  g_autofree char *past_uid = meeting_uid (fixture->store, team, "20260303T080000Z");
  g_autofree char *old_uid = meeting_uid (fixture->store, old_team, "20260303T080000Z");
  g_autofree char *next_old_uid = meeting_uid (fixture->store, old_team, "20260317T080000Z");
  g_autofree char *event_uid = expected_uid (event);
  g_autofree char *ann_uid = NULL;
  g_autofree char *ben_uid = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(icalcomponent) schedule = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new (g_str_hash, g_str_equal);
  icalcomponent *c;
  gint64 ben_done;
  guint n_events;

  /* One meeting recorded ahead, on an occurrence; one in the past. */
  g_assert_cmpint (rapport_store_record_meeting (fixture->store, team, MARCH_3 + 2 * WEEK, "Open houses", &error), >, 0);
  g_assert_cmpint (rapport_store_record_meeting (fixture->store, team, MARCH_3, NULL, &error), >, 0);
  g_assert_cmpint (rapport_store_record_meeting (fixture->store, old_team, MARCH_3, "Last one", &error), >, 0);
  g_assert_true (rapport_store_set_huddle_archived (fixture->store, old_team, TRUE, &error));
  g_assert_cmpint (rapport_store_complete_followup (fixture->store, ben_item, NULL, &error), >, 0);
  g_assert_no_error (error);
  ben_done = rapport_test_sql_int (fixture->store, "SELECT done_at FROM followups WHERE contact_id = %" G_GINT64_FORMAT,
                                   ben);
  g_assert_true (rapport_store_archive_contact (fixture->store, cara, &error));
  ann_uid = rapport_test_sql_text (fixture->store,
                                   "SELECT uuid || '@rapport.weandco.org' FROM followups WHERE contact_id = %" G_GINT64_FORMAT,
                                   ann);
  ben_uid = rapport_test_sql_text (fixture->store,
                                   "SELECT uuid || '@rapport.weandco.org' FROM followups WHERE contact_id = %" G_GINT64_FORMAT,
                                   ben);

  text = rapport_ical_export_calendar (fixture->store, MARCH_10, &error);
  g_assert_no_error (error);
  calendar = parse_calendar (text);
  g_assert_cmpstr (icalproperty_get_x (icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY)), ==, "Rapport");

  /* The event, as the group calendar writes it. */
  c = find_component (calendar, ICAL_VEVENT_COMPONENT, event_uid);
  g_assert_nonnull (c);
  g_assert_cmpstr (icalcomponent_get_summary (c), ==, "Members' breakfast");

  /* The huddle's meetings: the recorded ones with their notes, then
   * every coming week for a year, each once, under the UIDs of the
   * schedule's own export. */
  scheduled = rapport_recurrence_expand ("FREQ=WEEKLY;BYDAY=TU", MARCH_3, NULL, MARCH_10, MARCH_10 + 365 * DAY, 1000,
                                         &error);
  g_assert_cmpuint (scheduled->len, ==, 52);
  n_events = icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT);
  /* 1 event + 52 coming (one of them recorded) + 1 recorded in the past
   * + the archived huddle's one recorded meeting. */
  g_assert_cmpint (n_events, ==, 1 + 52 + 1 + 1);
  for (c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); c != NULL;
       c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_false (g_hash_table_contains (uids, icalcomponent_get_uid (c)));
      g_hash_table_add (uids, (gpointer) icalcomponent_get_uid (c));
    }
  c = find_component (calendar, ICAL_VEVENT_COMPONENT, recorded_uid);
  g_assert_nonnull (c);
  g_assert_cmpstr (icalcomponent_get_summary (c), ==, "Home Team");
  g_assert_cmpstr (icalcomponent_get_location (c), ==, "Café Rio");
  g_assert_cmpstr (icalcomponent_get_description (c), ==, "Open houses");
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (c)), ==, MARCH_3 + 2 * WEEK);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtend (c)), ==, MARCH_3 + 2 * WEEK + 60 * 60);
  g_assert_nonnull (find_component (calendar, ICAL_VEVENT_COMPONENT, past_uid));
  c = find_component (calendar, ICAL_VEVENT_COMPONENT, old_uid);
  g_assert_nonnull (c);
  g_assert_cmpstr (icalcomponent_get_description (c), ==, "Last one");
  g_assert_null (find_component (calendar, ICAL_VEVENT_COMPONENT, next_old_uid));

  /* The huddle page's schedule export names the same meetings alike, so
   * importing both adds nothing twice. */
  {
    g_autoptr(RapportHuddle) huddle = rapport_store_get_huddle (fixture->store, team, NULL);

    schedule_text = rapport_ical_export_schedule ("Home Team", "Café Rio", rapport_huddle_get_uuid (huddle),
                                                  "FREQ=WEEKLY;BYDAY=TU", MARCH_3, 60, NULL, MARCH_10,
                                                  MARCH_10 + 365 * DAY, &error);
    g_assert_no_error (error);
    schedule = parse_calendar (schedule_text);
    g_assert_cmpint (icalcomponent_count_components (schedule, ICAL_VEVENT_COMPONENT), ==, 52);
    for (c = icalcomponent_get_first_component (schedule, ICAL_VEVENT_COMPONENT); c != NULL;
         c = icalcomponent_get_next_component (schedule, ICAL_VEVENT_COMPONENT))
      g_assert_true (g_hash_table_contains (uids, icalcomponent_get_uid (c)));
  }

  /* Follow-ups as tasks: due on their day, done or not; not those of an
   * archived contact. */
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 2);
  c = find_component (calendar, ICAL_VTODO_COMPONENT, ann_uid);
  g_assert_nonnull (c);
  g_assert_cmpstr (icalcomponent_get_summary (c), ==, "Follow up with Ann Lee");
  g_assert_cmpstr (icalcomponent_get_description (c), ==, "Send the listings");
  {
    struct icaltimetype due = icalcomponent_get_due (c);

    g_assert_true (due.is_date);
    g_assert_cmpint (due.year, ==, 2026);
    g_assert_cmpint (due.month, ==, 3);
    g_assert_cmpint (due.day, ==, 11);
  }
  g_assert_cmpint (icalcomponent_get_status (c), ==, ICAL_STATUS_NEEDSACTION);
  g_assert_null (icalcomponent_get_first_property (c, ICAL_COMPLETED_PROPERTY));

  c = find_component (calendar, ICAL_VTODO_COMPONENT, ben_uid);
  g_assert_nonnull (c);
  g_assert_cmpstr (icalcomponent_get_summary (c), ==, "Follow up with Ben Ode");
  g_assert_null (icalcomponent_get_first_property (c, ICAL_DESCRIPTION_PROPERTY));
  g_assert_cmpint (icalcomponent_get_status (c), ==, ICAL_STATUS_COMPLETED);
  g_assert_cmpint (utc_seconds (icalproperty_get_completed (icalcomponent_get_first_property (c, ICAL_COMPLETED_PROPERTY))),
                   ==, ben_done);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstamp (c)), ==, MARCH_10);
}

/* Nothing to put in a calendar: said in words, no empty file. */
static void
test_whole_calendar_empty (RapportTestStore *fixture,
                           gconstpointer data)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (fixture->store, "Ann Lee");
  g_autoptr(GError) error = NULL;

  g_assert_null (rapport_ical_export_calendar (fixture->store, MARCH_10, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "There are no events, huddle meetings or follow-ups to export yet.");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/rapport/ical/" path, RapportTestStore, NULL, rapport_test_store_setup, func, rapport_test_store_teardown)

  ADD ("export-event", test_export_event);
  ADD ("export-bare-event", test_export_bare_event);
  ADD ("uid-stable", test_uid_stable);
  ADD ("text-round-trip", test_text_round_trip);
  ADD ("group-calendar", test_group_calendar);
  ADD ("errors", test_errors);
  ADD ("whole-calendar", test_whole_calendar);
  ADD ("whole-calendar/empty", test_whole_calendar_empty);

  return g_test_run ();
}
