/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-followups.c: reminders after meeting someone, the overdue / today /
 * upcoming sections, completing and postponing, and keep-in-touch items
 * derived from a contact's cadence.
 *
 * Keep-in-touch dates come from SQLite's 'localtime' over unix times, and
 * completing a follow-up stamps the real time, so these tests pin TZ to UTC
 * and work from the real date where the real clock is involved. */
#define G_LOG_DOMAIN "test-followups"

#include "config.h"

#include <time.h>

#include "rapport-enums.h"
#include "rapport-error.h"
#include "rapport-test-util.h"
#include "rapport-text.h"

#define DAY (24 * 60 * 60)

static char *
utc_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Pins "today" for the store to the real UTC date, so that dates it
 * derives from the real clock and from RAPPORT_TODAY agree. */
static void
real_today_setup (RapportTestStore *fixture,
                  gconstpointer data)
{
  g_autofree char *today = utc_today ();

  g_setenv ("RAPPORT_TODAY", today, TRUE);
  rapport_test_store_setup (fixture, data);
}

static void
fixed_today_setup (RapportTestStore *fixture,
                   gconstpointer data)
{
  g_setenv ("RAPPORT_TODAY", "2026-03-15", TRUE);
  rapport_test_store_setup (fixture, data);
}

static void
teardown (RapportTestStore *fixture,
          gconstpointer data)
{
  rapport_test_store_teardown (fixture, data);
  g_unsetenv ("RAPPORT_TODAY");
}

static void
assert_due (const char *met_on,
            RapportFollowupWindow window,
            const char *expected)
{
  g_autofree char *due = rapport_followup_due_after_meeting (met_on, window);

  g_assert_cmpstr (due, ==, expected);
}

static void
test_due_after_meeting (void)
{
  assert_due ("2026-11-25", RAPPORT_FOLLOWUP_WINDOW_SAME_DAY, "2026-11-25");
  assert_due ("2026-11-25", RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY, "2026-11-26");
  assert_due ("2026-01-31", RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY, "2026-02-01");
  assert_due ("2024-02-28", RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY, "2024-02-29");
  assert_due ("2026-02-28", RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY, "2026-03-01");
  assert_due ("2026-12-31", RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY, "2027-01-01");
  assert_due ("2026-12-31", RAPPORT_FOLLOWUP_WINDOW_SAME_DAY, "2026-12-31");
  assert_due ("2026-02-30", RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY, NULL);
  assert_due (NULL, RAPPORT_FOLLOWUP_WINDOW_SAME_DAY, NULL);
}

static RapportContact *
add_contact (RapportStore *store,
             const char *name,
             int cadence_days)
{
  g_autoptr(GError) error = NULL;
  RapportContact *contact = rapport_contact_new (name);

  rapport_contact_set_cadence_days (contact, cadence_days);
  g_assert_true (rapport_store_create_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  return contact;
}

static gint64
add_followup (RapportStore *store,
              RapportContact *contact,
              const char *due,
              const char *note)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rapport_store_add_followup (store, rapport_contact_get_id (contact), due, note, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
log_at (RapportStore *store,
        RapportContact *contact,
        RapportInteractionKind kind,
        gint64 when)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rapport_store_log_interaction (store, rapport_contact_get_id (contact), kind, when, NULL, &error),
                   >, 0);
  g_assert_no_error (error);
}

static GListModel *
list (RapportStore *store,
      const char *today)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = rapport_store_list_followups (store, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static RapportFollowup *
find_for (GListModel *model,
          RapportContact *contact)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportFollowup) item = g_list_model_get_item (model, i);

      if (rapport_followup_get_contact_id (item) == rapport_contact_get_id (contact))
        return g_steal_pointer (&item);
    }
  return NULL;
}

static void
assert_item (GListModel *model,
             guint position,
             RapportFollowupKind kind,
             gint64 id,
             RapportContact *contact,
             const char *due,
             const char *note,
             RapportFollowupSection section)
{
  g_autoptr(RapportFollowup) item = NULL;

  g_assert_cmpuint (position, <, g_list_model_get_n_items (model));
  item = g_list_model_get_item (model, position);
  g_assert_cmpint (rapport_followup_get_kind (item), ==, kind);
  g_assert_cmpint (rapport_followup_get_id (item), ==, id);
  g_assert_cmpint (rapport_followup_get_contact_id (item), ==, rapport_contact_get_id (contact));
  g_assert_cmpstr (rapport_followup_get_contact_name (item), ==, rapport_contact_get_display_name (contact));
  g_assert_cmpstr (rapport_followup_get_due (item), ==, due);
  g_assert_cmpstr (rapport_followup_get_note (item), ==, note);
  g_assert_cmpint (rapport_followup_get_section (item), ==, section);
}

static void
test_create_with_followup (RapportTestStore *fixture,
                           gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autofree char *tomorrow = rapport_date_add_days (today, 1);
  g_autofree char *due = rapport_followup_due_after_meeting (today, RAPPORT_FOLLOWUP_WINDOW_NEXT_DAY);
  g_autoptr(RapportContact) contact = rapport_contact_new ("Met Today");
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(RapportInteraction) met = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = now_unix ();
  gint64 after;

  g_assert_cmpstr (due, ==, tomorrow);
  rapport_contact_set_met_on (contact, today);
  g_assert_true (rapport_store_create_contact (store, contact, due, &error));
  g_assert_no_error (error);
  after = now_unix ();

  /* One pending reminder ... */
  mine = rapport_store_list_contact_followups (store, rapport_contact_get_id (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 1);
  assert_item (mine, 0, RAPPORT_FOLLOWUP_REMINDER,
               rapport_test_sql_int (store, "SELECT max(id) FROM followups"),
               contact, tomorrow, NULL, RAPPORT_FOLLOWUP_UPCOMING);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM followups"), ==, 1);

  /* ... and one "met" entry, now since the meeting is today. */
  timeline = rapport_store_list_interactions (store, rapport_contact_get_id (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);
  met = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (met), ==, RAPPORT_INTERACTION_MET);
  g_assert_cmpint (rapport_interaction_get_happened_at (met), >=, before);
  g_assert_cmpint (rapport_interaction_get_happened_at (met), <=, after);

  /* Contact, interaction and follow-up: three outbox rows. */
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, 3);

  all = list (store, today);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 0);
  g_assert_cmpuint (rapport_store_count_due (store, tomorrow), ==, 1);
}

static void
test_create_same_day_window (RapportTestStore *fixture,
                             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *due = rapport_followup_due_after_meeting ("2026-03-12", RAPPORT_FOLLOWUP_WINDOW_SAME_DAY);
  g_autoptr(RapportContact) contact = rapport_contact_new ("Met Earlier");
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) noon = g_date_time_new_utc (2026, 3, 12, 12, 0, 0);

  rapport_contact_set_met_on (contact, "2026-03-12");
  g_assert_true (rapport_store_create_contact (store, contact, due, &error));
  g_assert_no_error (error);
  /* A meeting on an earlier day is placed at that day's noon. */
  g_assert_cmpint (rapport_contact_get_last_interaction (contact), ==, g_date_time_to_unix (noon));

  all = list (store, "2026-03-15");
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
  assert_item (all, 0, RAPPORT_FOLLOWUP_REMINDER, rapport_test_sql_int (store, "SELECT max(id) FROM followups"),
               contact, "2026-03-12", NULL, RAPPORT_FOLLOWUP_OVERDUE);
}

static void
test_sections (RapportTestStore *fixture,
               gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(RapportContact) zed = add_contact (store, "Zed Young", 0);
  g_autoptr(RapportContact) bea = add_contact (store, "Béa Moss", 0);
  g_autoptr(RapportContact) dan = add_contact (store, "Dan Park", 0);
  g_autoptr(GListModel) model = NULL;
  gint64 a1, a2, z, b, d;

  a1 = add_followup (store, ann, "2026-03-10", "Send the deck");
  d = add_followup (store, dan, "2026-03-20", NULL);
  z = add_followup (store, zed, "2026-03-15", "Call back");
  b = add_followup (store, bea, "2026-03-15", NULL);
  a2 = add_followup (store, ann, "2026-03-14", NULL);

  /* Due-date order, then name order within a day. */
  model = list (store, "2026-03-15");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  assert_item (model, 0, RAPPORT_FOLLOWUP_REMINDER, a1, ann, "2026-03-10", "Send the deck", RAPPORT_FOLLOWUP_OVERDUE);
  assert_item (model, 1, RAPPORT_FOLLOWUP_REMINDER, a2, ann, "2026-03-14", NULL, RAPPORT_FOLLOWUP_OVERDUE);
  assert_item (model, 2, RAPPORT_FOLLOWUP_REMINDER, b, bea, "2026-03-15", NULL, RAPPORT_FOLLOWUP_TODAY);
  assert_item (model, 3, RAPPORT_FOLLOWUP_REMINDER, z, zed, "2026-03-15", "Call back", RAPPORT_FOLLOWUP_TODAY);
  assert_item (model, 4, RAPPORT_FOLLOWUP_REMINDER, d, dan, "2026-03-20", NULL, RAPPORT_FOLLOWUP_UPCOMING);
  g_assert_cmpuint (rapport_store_count_due (store, "2026-03-15"), ==, 4);
  g_clear_object (&model);

  /* Five days later, the same items fall differently. */
  model = list (store, "2026-03-20");
  assert_item (model, 3, RAPPORT_FOLLOWUP_REMINDER, z, zed, "2026-03-15", "Call back", RAPPORT_FOLLOWUP_OVERDUE);
  assert_item (model, 4, RAPPORT_FOLLOWUP_REMINDER, d, dan, "2026-03-20", NULL, RAPPORT_FOLLOWUP_TODAY);
  g_assert_cmpuint (rapport_store_count_due (store, "2026-03-20"), ==, 5);
  g_clear_object (&model);

  model = list (store, "2026-03-01");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportFollowup) item = g_list_model_get_item (model, i);

      g_assert_cmpint (rapport_followup_get_section (item), ==, RAPPORT_FOLLOWUP_UPCOMING);
    }
  g_assert_cmpuint (rapport_store_count_due (store, "2026-03-01"), ==, 0);
}

static void
test_contact_followups (RapportTestStore *fixture,
                        gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(RapportContact) ben = add_contact (store, "Ben Ode", 0);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gint64 late, early, today;

  late = add_followup (store, ann, "2026-04-01", "Later");
  early = add_followup (store, ann, "2026-03-01", "Earlier");
  today = add_followup (store, ann, "2026-03-15", NULL);
  add_followup (store, ben, "2026-03-02", NULL);

  /* Sections are relative to RAPPORT_TODAY, 2026-03-15. */
  model = rapport_store_list_contact_followups (store, rapport_contact_get_id (ann), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  assert_item (model, 0, RAPPORT_FOLLOWUP_REMINDER, early, ann, "2026-03-01", "Earlier", RAPPORT_FOLLOWUP_OVERDUE);
  assert_item (model, 1, RAPPORT_FOLLOWUP_REMINDER, today, ann, "2026-03-15", NULL, RAPPORT_FOLLOWUP_TODAY);
  assert_item (model, 2, RAPPORT_FOLLOWUP_REMINDER, late, ann, "2026-04-01", "Later", RAPPORT_FOLLOWUP_UPCOMING);
}

static void
test_add_validation (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(GError) error = NULL;
  gint64 id = rapport_contact_get_id (ann);
  guint outbox = rapport_store_count_outbox (store);

  g_assert_cmpint (rapport_store_add_followup (store, id, "2026-02-30", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_add_followup (store, id, NULL, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_add_followup (store, id, "2026-03-20", "bad \xff note", &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_add_followup (store, 987654, "2026-03-20", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM followups"), ==, 0);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
}

static void
test_complete (RapportTestStore *fixture,
               gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(RapportContact) ben = add_contact (store, "Ben Ode", 0);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportFollowup) item = NULL;
  g_autoptr(RapportInteraction) logged = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_followup (store, ann, today, "Send offer");
  guint outbox;
  gint64 before, after;

  add_followup (store, ben, today, "Other");
  outbox = rapport_store_count_outbox (store);
  model = list (store, today);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  item = find_for (model, ann);
  g_assert_nonnull (item);
  g_assert_cmpint (rapport_followup_get_id (item), ==, id);
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 2);

  before = now_unix ();
  g_assert_true (rapport_store_complete_followup (store, item, NULL, &error));
  g_assert_no_error (error);
  after = now_unix ();

  /* Done: off the list, with a done time. */
  g_clear_object (&model);
  model = list (store, today);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_null (find_for (model, ann));
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT done_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), >=, before);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT done_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), <=, after);

  /* Logged as a follow-up, with the reminder's note, now. */
  timeline = rapport_store_list_interactions (store, rapport_contact_get_id (ann), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);
  logged = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (logged), ==, RAPPORT_INTERACTION_FOLLOW_UP);
  g_assert_cmpstr (rapport_interaction_get_note (logged), ==, "Send offer");
  g_assert_cmpint (rapport_interaction_get_happened_at (logged), >=, before);
  g_assert_cmpint (rapport_interaction_get_happened_at (logged), <=, after);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, rapport_interaction_get_happened_at (logged));

  /* The follow-up and the interaction: two outbox rows. */
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 2);
  g_clear_object (&item);
  g_clear_object (&logged);
  g_clear_object (&timeline);

  /* A note given on completion replaces the reminder's. */
  item = find_for (model, ben);
  g_assert_true (rapport_store_complete_followup (store, item, "Went well", &error));
  g_assert_no_error (error);
  timeline = rapport_store_list_interactions (store, rapport_contact_get_id (ben), &error);
  g_assert_no_error (error);
  logged = g_list_model_get_item (timeline, 0);
  g_assert_cmpstr (rapport_interaction_get_note (logged), ==, "Went well");
}

static void
test_complete_twice (RapportTestStore *fixture,
                     gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(RapportFollowup) item = NULL;
  g_autoptr(GError) error = NULL;
  guint outbox;
  gint64 last;

  add_followup (store, ann, today, NULL);
  model = list (store, today);
  item = g_list_model_get_item (model, 0);
  g_assert_true (rapport_store_complete_followup (store, item, NULL, &error));
  g_assert_no_error (error);
  outbox = rapport_store_count_outbox (store);
  last = rapport_contact_get_last_interaction (ann);

  g_assert_false (rapport_store_complete_followup (store, item, "again", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions"), ==, 1);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, last);

  /* Postponing a done follow-up fails the same way. */
  g_assert_false (rapport_store_postpone_followup (store, rapport_followup_get_id (item), "2030-01-01", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
}

static void
test_complete_deleted_contact (RapportTestStore *fixture,
                               gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(RapportFollowup) item = NULL;
  g_autoptr(GError) error = NULL;
  guint outbox;

  add_followup (store, ann, today, NULL);
  model = list (store, today);
  item = g_list_model_get_item (model, 0);
  g_assert_true (rapport_store_archive_contact (store, rapport_contact_get_id (ann), &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_delete_contact (store, rapport_contact_get_id (ann), &error));
  g_assert_no_error (error);
  outbox = rapport_store_count_outbox (store);

  g_assert_false (rapport_store_complete_followup (store, item, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
}

static void
test_keep_in_touch (RapportTestStore *fixture,
                    gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autofree char *yesterday = rapport_date_add_days (today, -1);
  g_autoptr(RapportContact) lapsed = add_contact (store, "Lapsed Contact", 30);
  g_autoptr(RapportContact) due_today = add_contact (store, "Due Today", 30);
  g_autoptr(RapportContact) recent = add_contact (store, "Recent Contact", 30);
  g_autoptr(RapportContact) fresh = add_contact (store, "Fresh Card", 30);
  g_autoptr(RapportContact) no_cadence = add_contact (store, "No Cadence", 0);
  g_autoptr(RapportContact) reminded = add_contact (store, "Has Reminder", 30);
  g_autoptr(GListModel) model = NULL;
  gint64 now = now_unix ();
  gint64 reminder;

  log_at (store, lapsed, RAPPORT_INTERACTION_CALL, now - 31 * DAY);
  log_at (store, due_today, RAPPORT_INTERACTION_CALL, now - 30 * DAY);
  log_at (store, recent, RAPPORT_INTERACTION_CALL, now - 29 * DAY);
  log_at (store, no_cadence, RAPPORT_INTERACTION_CALL, now - 400 * DAY);
  log_at (store, reminded, RAPPORT_INTERACTION_CALL, now - 60 * DAY);
  reminder = add_followup (store, reminded, "2099-01-01", "Already planned");

  /* Only the lapsed one (due yesterday) and the one due today show, plus
   * the reminder that stands in for the other's cadence. */
  model = list (store, today);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  assert_item (model, 0, RAPPORT_FOLLOWUP_KEEP_IN_TOUCH, 0, lapsed, yesterday, NULL, RAPPORT_FOLLOWUP_OVERDUE);
  assert_item (model, 1, RAPPORT_FOLLOWUP_KEEP_IN_TOUCH, 0, due_today, today, NULL, RAPPORT_FOLLOWUP_TODAY);
  assert_item (model, 2, RAPPORT_FOLLOWUP_REMINDER, reminder, reminded, "2099-01-01", "Already planned",
               RAPPORT_FOLLOWUP_UPCOMING);
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 2);
}

static void
test_keep_in_touch_any_kind (RapportTestStore *fixture,
                             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autoptr(GEnumClass) kinds = g_type_class_ref (RAPPORT_TYPE_INTERACTION_KIND);
  gint64 now = now_unix ();

  g_assert_nonnull (kinds);
  /* Every kind, referrals given and received included. */
  g_assert_cmpuint (kinds->n_values, ==, 9);
  for (guint i = 0; i < kinds->n_values; i++)
    {
      RapportInteractionKind kind = kinds->values[i].value;
      g_autofree char *name = g_strdup_printf ("Cadence %s", kinds->values[i].value_nick);
      g_autoptr(RapportContact) contact = add_contact (store, name, 30);
      g_autoptr(GListModel) model = NULL;
      g_autoptr(RapportFollowup) item = NULL;

      g_test_message ("Kind: %s", kinds->values[i].value_nick);
      log_at (store, contact, RAPPORT_INTERACTION_MEETING, now - 31 * DAY);
      model = list (store, today);
      item = find_for (model, contact);
      g_assert_nonnull (item);
      g_assert_cmpint (rapport_followup_get_kind (item), ==, RAPPORT_FOLLOWUP_KEEP_IN_TOUCH);
      g_assert_cmpint (rapport_followup_get_section (item), ==, RAPPORT_FOLLOWUP_OVERDUE);
      g_clear_object (&item);
      g_clear_object (&model);

      log_at (store, contact, kind, now);
      model = list (store, today);
      item = find_for (model, contact);
      g_assert_null (item);
    }
}

static void
test_keep_in_touch_complete (RapportTestStore *fixture,
                             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autoptr(RapportContact) lapsed = add_contact (store, "Lapsed Contact", 14);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportFollowup) item = NULL;
  g_autoptr(RapportInteraction) logged = NULL;
  g_autoptr(GError) error = NULL;
  guint outbox;

  log_at (store, lapsed, RAPPORT_INTERACTION_EMAIL, now_unix () - 20 * DAY);
  outbox = rapport_store_count_outbox (store);
  model = list (store, today);
  item = find_for (model, lapsed);
  g_assert_nonnull (item);
  g_assert_cmpint (rapport_followup_get_kind (item), ==, RAPPORT_FOLLOWUP_KEEP_IN_TOUCH);
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 1);

  g_assert_true (rapport_store_complete_followup (store, item, "Coffee next week", &error));
  g_assert_no_error (error);
  g_clear_object (&model);
  model = list (store, today);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 0);

  /* No reminder row to mark: only the interaction is written. */
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 1);
  timeline = rapport_store_list_interactions (store, rapport_contact_get_id (lapsed), &error);
  g_assert_no_error (error);
  logged = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (rapport_interaction_get_kind (logged), ==, RAPPORT_INTERACTION_FOLLOW_UP);
  g_assert_cmpstr (rapport_interaction_get_note (logged), ==, "Coffee next week");
}

/* Mark as Done, then Undo: the reminder and the keep-in-touch item come
 * back as they were, and the timeline and clock with them. */
static void
test_reopen (RapportTestStore *fixture,
             gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(RapportContact) lapsed = add_contact (store, "Lapsed Contact", 14);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(RapportFollowup) reminder = NULL;
  g_autoptr(RapportFollowup) keep = NULL;
  g_autoptr(RapportFollowup) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_followup (store, ann, today, "Send offer");
  gint64 logged, lapsed_clock;
  guint outbox;

  log_at (store, lapsed, RAPPORT_INTERACTION_EMAIL, now_unix () - 20 * DAY);
  lapsed_clock = rapport_contact_get_last_interaction (lapsed);
  model = list (store, today);
  reminder = find_for (model, ann);
  keep = find_for (model, lapsed);
  g_assert_nonnull (reminder);
  g_assert_nonnull (keep);

  logged = rapport_store_complete_followup (store, reminder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (logged, >, 0);
  outbox = rapport_store_count_outbox (store);
  g_assert_true (rapport_store_reopen_followup (store, id, logged, &error));
  g_assert_no_error (error);

  g_clear_object (&model);
  model = list (store, today);
  again = find_for (model, ann);
  g_assert_nonnull (again);
  g_assert_cmpint (rapport_followup_get_id (again), ==, id);
  g_assert_cmpstr (rapport_followup_get_due (again), ==, today);
  g_assert_cmpstr (rapport_followup_get_note (again), ==, "Send offer");
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT count(*) FROM interactions WHERE deleted = 0"
                                                " AND contact_id = %" G_GINT64_FORMAT,
                                         rapport_contact_get_id (ann)),
                   ==, 0);
  g_assert_cmpint (rapport_contact_get_last_interaction (ann), ==, 0);
  /* Both changes go to sync: the reminder, and the entry's tombstone. */
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 2);

  /* Taking it back twice is refused, and changes nothing. */
  outbox = rapport_store_count_outbox (store);
  g_assert_false (rapport_store_reopen_followup (store, id, logged, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);

  /* A keep-in-touch item: its clock goes back, so it is due again. */
  logged = rapport_store_complete_followup (store, keep, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_last_interaction (lapsed), >, lapsed_clock);
  g_assert_true (rapport_store_reopen_followup (store, 0, logged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_last_interaction (lapsed), ==, lapsed_clock);
  g_clear_object (&model);
  model = list (store, today);
  g_clear_object (&again);
  again = find_for (model, lapsed);
  g_assert_nonnull (again);
  g_assert_cmpint (rapport_followup_get_kind (again), ==, RAPPORT_FOLLOWUP_KEEP_IN_TOUCH);

  /* Undo never takes back another entry, or another person's. */
  {
    gint64 email = rapport_store_log_interaction (store, rapport_contact_get_id (lapsed), RAPPORT_INTERACTION_EMAIL,
                                                  now_unix (), NULL, &error);

    g_assert_no_error (error);
    g_assert_false (rapport_store_reopen_followup (store, 0, email, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
    g_clear_error (&error);

    g_clear_object (&reminder);
    g_clear_object (&model);
    model = list (store, today);
    reminder = find_for (model, ann);
    logged = rapport_store_complete_followup (store, reminder, NULL, &error);
    g_assert_no_error (error);
    outbox = rapport_store_count_outbox (store);
    g_assert_false (rapport_store_reopen_followup (store, id, email, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox);
    g_assert_true (rapport_store_reopen_followup (store, id, logged, &error));
    g_assert_no_error (error);
  }
}

static void
test_archived_hidden (RapportTestStore *fixture,
                      gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autofree char *today = utc_today ();
  g_autoptr(RapportContact) reminded = add_contact (store, "Has Reminder", 0);
  g_autoptr(RapportContact) lapsed = add_contact (store, "Lapsed Contact", 7);
  g_autoptr(RapportContact) other = add_contact (store, "Other Person", 0);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  add_followup (store, reminded, today, NULL);
  add_followup (store, other, today, NULL);
  log_at (store, lapsed, RAPPORT_INTERACTION_NOTE, now_unix () - 10 * DAY);
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 3);

  g_assert_true (rapport_store_archive_contact (store, rapport_contact_get_id (reminded), &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_archive_contact (store, rapport_contact_get_id (lapsed), &error));
  g_assert_no_error (error);
  model = list (store, today);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_null (find_for (model, reminded));
  g_assert_null (find_for (model, lapsed));
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 1);
  g_clear_object (&model);

  /* Restored, they come back: the archive hid them, nothing was lost. */
  g_assert_true (rapport_store_restore_contact (store, rapport_contact_get_id (reminded), &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_restore_contact (store, rapport_contact_get_id (lapsed), &error));
  g_assert_no_error (error);
  model = list (store, today);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (rapport_store_count_due (store, today), ==, 3);
}

static void
test_postpone (RapportTestStore *fixture,
               gconstpointer data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportContact) ann = add_contact (store, "Ann Lee", 0);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_followup (store, ann, "2026-03-10", "Deck");
  guint outbox = rapport_store_count_outbox (store);

  g_assert_cmpuint (rapport_store_count_due (store, "2026-03-15"), ==, 1);
  g_assert_true (rapport_store_postpone_followup (store, id, "2026-03-22", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 1);

  model = list (store, "2026-03-15");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_item (model, 0, RAPPORT_FOLLOWUP_REMINDER, id, ann, "2026-03-22", "Deck", RAPPORT_FOLLOWUP_UPCOMING);
  g_assert_cmpuint (rapport_store_count_due (store, "2026-03-15"), ==, 0);

  g_assert_false (rapport_store_postpone_followup (store, id, "2026-02-30", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_postpone_followup (store, 987654, "2026-03-30", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_outbox (store), ==, outbox + 1);
  g_assert_cmpint (rapport_test_sql_int (store, "SELECT due = '2026-03-22' FROM followups WHERE id = %" G_GINT64_FORMAT, id),
                   ==, 1);
}

int
main (int argc,
      char *argv[])
{
  /* Keep-in-touch dates use the C library's local time. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/followups/due-after-meeting", test_due_after_meeting);
  g_test_add ("/rapport/followups/create/next-day", RapportTestStore, NULL,
              real_today_setup, test_create_with_followup, teardown);
  g_test_add ("/rapport/followups/create/same-day", RapportTestStore, NULL,
              fixed_today_setup, test_create_same_day_window, teardown);
  g_test_add ("/rapport/followups/sections", RapportTestStore, NULL,
              fixed_today_setup, test_sections, teardown);
  g_test_add ("/rapport/followups/contact", RapportTestStore, NULL,
              fixed_today_setup, test_contact_followups, teardown);
  g_test_add ("/rapport/followups/add-validation", RapportTestStore, NULL,
              fixed_today_setup, test_add_validation, teardown);
  g_test_add ("/rapport/followups/complete/once", RapportTestStore, NULL,
              real_today_setup, test_complete, teardown);
  g_test_add ("/rapport/followups/complete/twice", RapportTestStore, NULL,
              real_today_setup, test_complete_twice, teardown);
  g_test_add ("/rapport/followups/complete/deleted-contact", RapportTestStore, NULL,
              real_today_setup, test_complete_deleted_contact, teardown);
  g_test_add ("/rapport/followups/keep-in-touch/due", RapportTestStore, NULL,
              real_today_setup, test_keep_in_touch, teardown);
  g_test_add ("/rapport/followups/keep-in-touch/any-kind", RapportTestStore, NULL,
              real_today_setup, test_keep_in_touch_any_kind, teardown);
  g_test_add ("/rapport/followups/keep-in-touch/complete", RapportTestStore, NULL,
              real_today_setup, test_keep_in_touch_complete, teardown);
  g_test_add ("/rapport/followups/reopen", RapportTestStore, NULL,
              real_today_setup, test_reopen, teardown);
  g_test_add ("/rapport/followups/archived-hidden", RapportTestStore, NULL,
              real_today_setup, test_archived_hidden, teardown);
  g_test_add ("/rapport/followups/postpone", RapportTestStore, NULL,
              fixed_today_setup, test_postpone, teardown);

  return g_test_run ();
}
