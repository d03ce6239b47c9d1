/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store.c: opening the database, migrations, transactions and the
 * change outbox.
 *
 * One connection reads and writes (Debian 12's SQLite 3.40 predates the
 * WAL-reset fix, which needs two writers to trigger). Every local edit runs
 * in a BEGIN IMMEDIATE transaction that also appends the record's new state
 * to the outbox, so that sync never misses an edit and never sees half of
 * one. A file the store cannot read, or one from a newer Rapport, is refused
 * before anything is written to it.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-contact-private.h"
#include "rapport-error.h"
#include "rapport-hlc.h"
#include "rapport-store-private.h"

/* Recently used contacts stay alive even when no row shows them, so that
 * scrolling back and forth does not reload them. */
#define RECENT_CACHE_SIZE 256

struct _RapportStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  RapportHlc *hlc;
  gint64 clock_offset_ms; /* added to the wall clock, learnt from a sync server */
  GHashTable *statements; /* SQL text → sqlite3_stmt */
  GHashTable *live;       /* id → RapportContact (weak) */
  RapportContact *recent[RECENT_CACHE_SIZE];
  guint recent_next;

  /* Every contact id in list order, one array per value of archived, and
   * the database state it was read at (see rapport_store_get_contact_order()). */
  GArray *order[2];
  gint64 order_generation[2];
  gint64 order_data_version[2];
  gint64 order_max_id[2];
  gint64 order_min_id[2];

  gboolean importing; /* an import's transaction is open, see rapport_store_begin_import() */
  RapportImportWrites *import_writes;
  /* A backup is being copied in over the connection: nothing else may
   * use it (rapport-backup.c). */
  gboolean restoring;
};

G_DEFINE_FINAL_TYPE (RapportStore, rapport_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void live_contact_finalized (gpointer data, GObject *where_the_object_was);
static void remember (RapportStore *self, RapportContact *contact);

/* The SQL of schema version 5's derived columns.
 *
 * The kinds of timeline entry that reach out to someone. */
#define V5_REACHING_OUT "('follow-up', 'call', 'email', 'one-to-one', 'meeting', 'referral-given', 'referral-received')"
/* The local day the new contacts row was met: its "met on" day, or the
 * day its card was made. */
#define V5_MET_DAY_OF_NEW "coalesce (new.met_on, date (new.created_at, 'unixepoch', 'localtime'))"
/* Days from the contacts row's met_day to its first entry reaching out
 * on or after it, or NULL. */
#define V5_FOLLOWUP_DAYS                                                                \
  "(SELECT CAST (julianday (date (min (i.happened_at), 'unixepoch', 'localtime'))"      \
  "  - julianday (contacts.met_day) AS INTEGER) FROM interactions i"                    \
  "  WHERE i.contact_id = contacts.id AND i.deleted = 0 AND i.kind IN " V5_REACHING_OUT \
  "  AND date (i.happened_at, 'unixepoch', 'localtime') >= contacts.met_day)"
/* Whether the event_people row's contact was reached out to after the
 * event started. */
#define V5_FOLLOWED                                                                                     \
  "EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = event_people.contact_id AND i.deleted = 0" \
  "  AND i.kind IN " V5_REACHING_OUT                                                                    \
  "  AND i.happened_at >= (SELECT e.starts_at FROM events e WHERE e.id = event_people.event_id))"
/* An events row's counts of its people. */
#define V5_EVENT_COUNTS                                                                                 \
  "n_people = (SELECT count(*) FROM event_people p WHERE p.event_id = events.id AND p.deleted = 0),"    \
  " n_meaningful = (SELECT count(*) FROM event_people p WHERE p.event_id = events.id AND p.deleted = 0" \
  "  AND p.meaningful),"                                                                                \
  " n_followed = (SELECT count(*) FROM event_people p WHERE p.event_id = events.id AND p.deleted = 0"   \
  "  AND p.followed)"

/* Counts the contacts row @row (old or new) in contact_days, with @sign
 * +1 or -1, if it counts: not deleted, and met on a day. The day a card
 * was made is kept as it was then, whatever the time zone is now. */
#define V5_COUNT_MET(row, sign)                                                                                     \
  "INSERT INTO contact_days (day, met, same_day, next_day, later)"                                                  \
  " SELECT " row ".met_day, " sign ", " sign " * (coalesce (" row ".followup_days, -1) = 0),"                       \
  "  " sign " * (coalesce (" row ".followup_days, -1) = 1), " sign " * (coalesce (" row ".followup_days, -1) >= 2)" \
  " WHERE " row ".deleted = 0 AND " row ".met_day IS NOT NULL"                                                      \
  " ON CONFLICT (day) DO UPDATE SET met = met + excluded.met, same_day = same_day + excluded.same_day,"             \
  "  next_day = next_day + excluded.next_day, later = later + excluded.later;"                                      \
  "INSERT INTO contact_days (day, added)"                                                                           \
  " SELECT coalesce (" row ".created_day, date (" row ".created_at, 'unixepoch', 'localtime')), " sign              \
  " WHERE " row ".deleted = 0 AND " row ".met_day IS NOT NULL"                                                      \
  " ON CONFLICT (day) DO UPDATE SET added = added + excluded.added;"

#define V5_UNCOUNT_OLD V5_COUNT_MET ("old", "-1")
#define V5_COUNT_NEW V5_COUNT_MET ("new", "1")

/* Each entry takes the schema from the previous version to the next one.
 * Never edit a released entry: add a new one. */
static const char *const migrations[] = {
  /* 0 → 1: contacts, their timeline, follow-ups and the outbox. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  display_name TEXT NOT NULL DEFAULT '',"
  "  given_name TEXT,"
  "  family_name TEXT,"
  "  company TEXT,"
  "  job_title TEXT,"
  "  industry TEXT,"
  "  industry_since INTEGER,"
  "  emails TEXT NOT NULL DEFAULT '[]',"
  "  phones TEXT NOT NULL DEFAULT '[]',"
  "  website TEXT,"
  "  linkedin TEXT,"
  "  city TEXT,"
  "  tags TEXT NOT NULL DEFAULT '[]',"
  "  relationship TEXT NOT NULL DEFAULT 'unknown',"
  "  help_them TEXT,"
  "  help_me TEXT,"
  "  notes TEXT,"
  "  met_on TEXT,"
  "  introduced_by INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  starred INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  cadence_days INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  last_interaction INTEGER,"
  "  sort_key TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX contacts_by_name ON contacts (archived, sort_key, id) WHERE deleted = 0;"
  "CREATE INDEX contacts_by_introducer ON contacts (introduced_by) WHERE introduced_by IS NOT NULL;"
  "CREATE INDEX contacts_with_cadence ON contacts (cadence_days) WHERE cadence_days > 0 AND deleted = 0;"

  "CREATE TABLE contact_tags ("
  "  tag TEXT NOT NULL,"
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (tag, contact_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX contact_tags_by_contact ON contact_tags (contact_id);"

  "CREATE VIRTUAL TABLE contacts_fts USING fts5 ("
  "  display_name, company, industry, tags, notes,"
  "  content = 'contacts', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN"
  "  INSERT INTO contacts_fts (rowid, display_name, company, industry, tags, notes)"
  "  VALUES (new.id, new.display_name, new.company, new.industry, new.tags, new.notes);"
  "END;"
  "CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN"
  "  INSERT INTO contacts_fts (contacts_fts, rowid, display_name, company, industry, tags, notes)"
  "  VALUES ('delete', old.id, old.display_name, old.company, old.industry, old.tags, old.notes);"
  "END;"
  "CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, company, industry, tags, notes"
  "  ON contacts BEGIN"
  "  INSERT INTO contacts_fts (contacts_fts, rowid, display_name, company, industry, tags, notes)"
  "  VALUES ('delete', old.id, old.display_name, old.company, old.industry, old.tags, old.notes);"
  "  INSERT INTO contacts_fts (rowid, display_name, company, industry, tags, notes)"
  "  VALUES (new.id, new.display_name, new.company, new.industry, new.tags, new.notes);"
  "END;"

  "CREATE TABLE interactions ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  happened_at INTEGER NOT NULL,"
  "  note TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX interactions_by_contact ON interactions (contact_id, happened_at) WHERE deleted = 0;"

  "CREATE TABLE followups ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  due TEXT NOT NULL,"
  "  done_at INTEGER,"
  "  note TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX followups_pending ON followups (due) WHERE done_at IS NULL AND deleted = 0;"
  "CREATE INDEX followups_by_contact ON followups (contact_id);"

  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  entity TEXT NOT NULL,"
  "  uuid TEXT NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('put', 'delete')),"
  "  payload TEXT NOT NULL"
  ");",

  /* 1 → 2: what runs on every start and every keystroke costs the same
   * with a hundred contacts or a hundred thousand. The Follow-ups view and
   * its badge read only indexes; a keep-in-touch item falls due on the
   * local date of keep_in_touch_at, the moment its cadence ran out. The
   * search index keeps one- and two-letter prefixes, which search as you
   * type asks for first. Opening finds the newest stamp in the outbox
   * from an index instead of reading every row. */
  "ALTER TABLE contacts ADD COLUMN keep_in_touch_at INTEGER GENERATED ALWAYS AS"
  "  (CASE WHEN cadence_days > 0"
  "   THEN coalesce (last_interaction, created_at) + cadence_days * 86400 END) VIRTUAL;"
  "DROP INDEX contacts_with_cadence;"
  "CREATE INDEX contacts_keep_in_touch ON contacts (keep_in_touch_at, sort_key, display_name)"
  "  WHERE cadence_days > 0 AND deleted = 0 AND archived = 0;"
  "CREATE INDEX contacts_active ON contacts (id, sort_key, display_name)"
  "  WHERE deleted = 0 AND archived = 0;"
  "CREATE INDEX followups_pending_by_contact ON followups (contact_id)"
  "  WHERE done_at IS NULL AND deleted = 0;"
  "DROP TABLE contacts_fts;"
  "CREATE VIRTUAL TABLE contacts_fts USING fts5 ("
  "  display_name, company, industry, tags, notes,"
  "  content = 'contacts', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'"
  ");"
  "INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');"
  "CREATE INDEX outbox_by_stamp ON outbox (hlc);",

  /* 2 → 3: the groups that host events, the events, the people met there
   * and the user's own profile. An event's quality (0–100) is derived
   * from its four scorecard answers (1–5 each), so every aggregate reads
   * the same number: (sum − 4) × 100 / 16, rounded half up. Money is in
   * cents, times in minutes; the CHECKs are a last line behind the
   * store's own validation. */
  "CREATE TABLE groups ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'other',"
  "  audience TEXT NOT NULL DEFAULT '[]',"
  "  dues_cents INTEGER NOT NULL DEFAULT 0 CHECK (dues_cents >= 0),"
  "  website TEXT,"
  "  notes TEXT,"
  "  verdict TEXT NOT NULL DEFAULT 'undecided',"
  "  verdict_reason TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  sort_key TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX groups_by_name ON groups (archived, sort_key, id) WHERE deleted = 0;"

  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  group_id INTEGER REFERENCES groups (id),"
  "  kind TEXT NOT NULL DEFAULT 'other',"
  "  starts_at INTEGER NOT NULL,"
  "  duration_min INTEGER NOT NULL DEFAULT 60 CHECK (duration_min >= 0),"
  "  travel_min INTEGER NOT NULL DEFAULT 0 CHECK (travel_min >= 0),"
  "  location TEXT,"
  "  cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),"
  "  room_size INTEGER CHECK (room_size >= 0),"
  "  notes TEXT,"
  "  score_people INTEGER CHECK (score_people BETWEEN 1 AND 5),"
  "  score_new INTEGER CHECK (score_new BETWEEN 1 AND 5),"
  "  score_help INTEGER CHECK (score_help BETWEEN 1 AND 5),"
  "  score_time INTEGER CHECK (score_time BETWEEN 1 AND 5),"
  "  go_again INTEGER CHECK (go_again IN (0, 1)),"
  "  quality INTEGER GENERATED ALWAYS AS"
  "    (((score_people + score_new + score_help + score_time - 4) * 25 + 2) / 4) VIRTUAL,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX events_by_start ON events (starts_at, id) WHERE deleted = 0;"
  "CREATE INDEX events_by_group ON events (group_id, starts_at, id) WHERE deleted = 0;"
  "CREATE INDEX events_unscored ON events (starts_at, id) WHERE deleted = 0 AND score_people IS NULL;"
  "CREATE VIRTUAL TABLE events_fts USING fts5 ("
  "  title, location, notes,"
  "  content = 'events', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'"
  ");"
  "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN"
  "  INSERT INTO events_fts (rowid, title, location, notes)"
  "  VALUES (new.id, new.title, new.location, new.notes);"
  "END;"
  "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN"
  "  INSERT INTO events_fts (events_fts, rowid, title, location, notes)"
  "  VALUES ('delete', old.id, old.title, old.location, old.notes);"
  "END;"
  "CREATE TRIGGER events_fts_update AFTER UPDATE OF title, location, notes ON events BEGIN"
  "  INSERT INTO events_fts (events_fts, rowid, title, location, notes)"
  "  VALUES ('delete', old.id, old.title, old.location, old.notes);"
  "  INSERT INTO events_fts (rowid, title, location, notes)"
  "  VALUES (new.id, new.title, new.location, new.notes);"
  "END;"

  "CREATE TABLE event_people ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,"
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  meaningful INTEGER NOT NULL DEFAULT 0,"
  "  note TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX event_people_pair ON event_people (event_id, contact_id) WHERE deleted = 0;"
  "CREATE INDEX event_people_by_event ON event_people (event_id, meaningful) WHERE deleted = 0;"
  "CREATE INDEX event_people_by_contact ON event_people (contact_id) WHERE deleted = 0;"

  "ALTER TABLE contacts ADD COLUMN met_at INTEGER REFERENCES events (id);"
  "ALTER TABLE interactions ADD COLUMN event_id INTEGER REFERENCES events (id);"
  "CREATE INDEX interactions_by_event ON interactions (event_id) WHERE event_id IS NOT NULL;"
  "CREATE INDEX contacts_by_event ON contacts (met_at) WHERE met_at IS NOT NULL;"

  "CREATE TABLE profile ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT,"
  "  services TEXT,"
  "  audience TEXT NOT NULL DEFAULT '[]',"
  "  goal_min INTEGER NOT NULL DEFAULT 5,"
  "  goal_max INTEGER NOT NULL DEFAULT 8,"
  "  hours_per_month INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");",

  /* 3 → 4: huddles, their members, meetings and attendance, and the
   * referral ledger. A referral's who, whom and about whom never change;
   * its progress is a list of steps that is only ever appended to (the
   * triggers refuse anything else), and its state is the latest step,
   * which is what huddle sync needs: two devices' steps merge by union.
   * A member who leaves keeps their row (left_on), so that past
   * attendance and referrals still name them. The catalogue of the
   * services an audience needs starts with a few audiences and is the
   * user's to edit; its defaults have the same ids on every device, so
   * that they never sync into duplicates. */
  "CREATE TABLE huddles ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  industry TEXT,"
  "  audience TEXT NOT NULL DEFAULT '[]',"
  "  place TEXT,"
  "  rrule TEXT NOT NULL DEFAULT 'FREQ=MONTHLY;BYDAY=1TU,3TU',"
  "  first_meeting INTEGER NOT NULL,"
  "  duration_min INTEGER NOT NULL DEFAULT 60 CHECK (duration_min > 0),"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  sort_key TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX huddles_by_name ON huddles (archived, sort_key, id) WHERE deleted = 0;"

  "CREATE TABLE huddle_members ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  huddle_id INTEGER NOT NULL REFERENCES huddles (id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contacts (id) ON DELETE CASCADE,"
  "  service TEXT NOT NULL DEFAULT '',"
  "  offering TEXT,"
  "  joined_on TEXT NOT NULL,"
  "  left_on TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX huddle_members_current ON huddle_members (huddle_id, coalesce (contact_id, 0))"
  "  WHERE deleted = 0 AND left_on IS NULL;"
  "CREATE INDEX huddle_members_by_contact ON huddle_members (contact_id) WHERE deleted = 0;"

  "CREATE TABLE meetings ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  huddle_id INTEGER NOT NULL REFERENCES huddles (id) ON DELETE CASCADE,"
  "  starts_at INTEGER NOT NULL,"
  "  duration_min INTEGER NOT NULL DEFAULT 60 CHECK (duration_min > 0),"
  "  notes TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX meetings_by_huddle ON meetings (huddle_id, starts_at) WHERE deleted = 0;"

  "CREATE TABLE attendance ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  member_id INTEGER NOT NULL REFERENCES huddle_members (id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'late', 'substitute')),"
  "  asks TEXT,"
  "  offers TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX attendance_pair ON attendance (meeting_id, member_id) WHERE deleted = 0;"
  "CREATE INDEX attendance_by_member ON attendance (member_id, status) WHERE deleted = 0;"

  "CREATE TABLE referrals ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  from_contact INTEGER REFERENCES contacts (id),"
  "  to_contact INTEGER REFERENCES contacts (id),"
  "  prospect INTEGER NOT NULL REFERENCES contacts (id),"
  "  huddle_id INTEGER REFERENCES huddles (id),"
  "  given_on TEXT NOT NULL,"
  "  note TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  CHECK (coalesce (from_contact, 0) <> coalesce (to_contact, 0))"
  ");"
  "CREATE INDEX referrals_by_huddle ON referrals (huddle_id, given_on) WHERE deleted = 0;"
  "CREATE INDEX referrals_by_giver ON referrals (coalesce (from_contact, 0), given_on) WHERE deleted = 0;"
  "CREATE INDEX referrals_by_receiver ON referrals (coalesce (to_contact, 0), given_on) WHERE deleted = 0;"
  "CREATE INDEX referrals_by_prospect ON referrals (prospect) WHERE deleted = 0;"

  "CREATE TABLE referral_steps ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  referral_id INTEGER NOT NULL REFERENCES referrals (id),"
  "  status TEXT NOT NULL CHECK (status IN ('given', 'contacted', 'meeting', 'won', 'lost')),"
  "  value_cents INTEGER CHECK (value_cents >= 0),"
  "  happened_on TEXT NOT NULL,"
  "  note TEXT,"
  "  created TEXT NOT NULL"
  ");"
  "CREATE INDEX referral_steps_by_referral ON referral_steps (referral_id, happened_on, id);"
  "CREATE TRIGGER referral_steps_append_only_update BEFORE UPDATE ON referral_steps BEGIN"
  "  SELECT RAISE (ABORT, 'the referral ledger is append-only');"
  "END;"
  "CREATE TRIGGER referral_steps_append_only_delete BEFORE DELETE ON referral_steps BEGIN"
  "  SELECT RAISE (ABORT, 'the referral ledger is append-only');"
  "END;"

  "CREATE TABLE service_catalogue ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  audience TEXT NOT NULL,"
  "  service TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX service_catalogue_entry ON service_catalogue (audience, service) WHERE deleted = 0;"
  "WITH defaults (audience, service) AS (VALUES"
  "  ('home buyers', 'Realtor'), ('home buyers', 'Mortgage broker'), ('home buyers', 'Home inspector'), ('home buyers', 'Insurance agent'), ('home buyers', 'Mover'), ('home buyers', 'Real-estate attorney'), ('home buyers', 'Contractor'), ('home buyers', 'Interior designer'),"
  "  ('small-business owners', 'Accountant'), ('small-business owners', 'Business attorney'), ('small-business owners', 'Banker'), ('small-business owners', 'Insurance agent'), ('small-business owners', 'IT support'), ('small-business owners', 'Marketing'), ('small-business owners', 'Payroll and HR'), ('small-business owners', 'Commercial realtor'), ('small-business owners', 'Web designer'),"
  "  ('retirees', 'Financial planner'), ('retirees', 'Estate attorney'), ('retirees', 'Insurance agent'), ('retirees', 'Realtor'), ('retirees', 'Home care'), ('retirees', 'Tax preparer'),"
  "  ('new parents', 'Pediatrician'), ('new parents', 'Childcare'), ('new parents', 'Financial planner'), ('new parents', 'Insurance agent'), ('new parents', 'Photographer'), ('new parents', 'Realtor')"
  ")"
  " INSERT INTO service_catalogue (uuid, audience, service, created, updated)"
  " SELECT 'default:' || audience || ':' || service,"
  "  audience, service, '000000000000-0000-0000000000000000', '000000000000-0000-0000000000000000'"
  " FROM defaults;",

  /* 4 → 5: what Insights counts, kept current by triggers as it is
   * written rather than worked out on every read: the local day each
   * event starts, the local day each contact was met and how many days
   * later they were first reached out to, and those counted by day; for
   * each person met at an event, whether they were reached out to after
   * it; and each event's
   * people, meaningful conversations and people followed up. These
   * columns are derived: sync never sends them, each copy derives its
   * own. */
  "ALTER TABLE contacts ADD COLUMN met_day TEXT;"
  "ALTER TABLE contacts ADD COLUMN followup_days INTEGER;"
  "ALTER TABLE contacts ADD COLUMN created_day TEXT;"
  "ALTER TABLE event_people ADD COLUMN followed INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE events ADD COLUMN starts_day TEXT;"
  "ALTER TABLE events ADD COLUMN n_people INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE events ADD COLUMN n_meaningful INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE events ADD COLUMN n_followed INTEGER NOT NULL DEFAULT 0;"

  "UPDATE contacts SET met_day = coalesce (met_on, date (created_at, 'unixepoch', 'localtime')),"
  " created_day = date (created_at, 'unixepoch', 'localtime');"
  "UPDATE contacts SET followup_days = " V5_FOLLOWUP_DAYS ";"
  "UPDATE event_people SET followed = " V5_FOLLOWED ";"
  "UPDATE events SET starts_day = date (starts_at, 'unixepoch', 'localtime'), " V5_EVENT_COUNTS ";"

  /* Per local day: the people met, how soon they were followed up (those
   * never followed up are the rest), and the cards made. */
  "CREATE TABLE contact_days ("
  "  day TEXT PRIMARY KEY,"
  "  met INTEGER NOT NULL DEFAULT 0,"
  "  same_day INTEGER NOT NULL DEFAULT 0,"
  "  next_day INTEGER NOT NULL DEFAULT 0,"
  "  later INTEGER NOT NULL DEFAULT 0,"
  "  added INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "INSERT INTO contact_days (day, met, same_day, next_day, later)"
  " SELECT met_day, count(*), count (CASE WHEN followup_days = 0 THEN 1 END),"
  "  count (CASE WHEN followup_days = 1 THEN 1 END), count (CASE WHEN followup_days >= 2 THEN 1 END)"
  " FROM contacts WHERE deleted = 0 GROUP BY met_day;"
  "INSERT INTO contact_days (day, added)"
  " SELECT created_day, count(*) FROM contacts WHERE deleted = 0 GROUP BY 1 HAVING 1"
  " ON CONFLICT (day) DO UPDATE SET added = excluded.added;"

  "CREATE INDEX contacts_by_met_day ON contacts (met_day, followup_days) WHERE deleted = 0;"
  "CREATE INDEX contacts_by_created ON contacts (created_at) WHERE deleted = 0;"
  "CREATE INDEX events_scored ON events (starts_at, group_id, kind, quality)"
  "  WHERE deleted = 0 AND quality IS NOT NULL;"
  "CREATE INDEX events_figures ON events"
  "  (starts_day, n_people, n_meaningful, n_followed, duration_min, travel_min, quality) WHERE deleted = 0;"
  "CREATE INDEX events_group_figures ON events"
  "  (group_id, starts_at, duration_min, travel_min, cost_cents, n_meaningful, quality) WHERE deleted = 0;"
  "CREATE INDEX events_kind_scored ON events (kind, starts_at, quality) WHERE deleted = 0 AND quality IS NOT NULL;"

  "CREATE TRIGGER contacts_met_day_insert AFTER INSERT ON contacts BEGIN"
  /* A row that comes with its met_day counts now: the update below
   * then takes it out and puts it back. */
  "  " V5_COUNT_NEW
  "  UPDATE contacts SET met_day = " V5_MET_DAY_OF_NEW ","
  "   created_day = date (new.created_at, 'unixepoch', 'localtime') WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER contacts_met_day_update AFTER UPDATE OF met_on, created_at ON contacts BEGIN"
  "  UPDATE contacts SET met_day = " V5_MET_DAY_OF_NEW ","
  "   created_day = date (new.created_at, 'unixepoch', 'localtime') WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER contacts_followup_days AFTER UPDATE OF met_day ON contacts BEGIN"
  "  UPDATE contacts SET followup_days = " V5_FOLLOWUP_DAYS " WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER contacts_days_update AFTER UPDATE OF met_day, followup_days, deleted, created_day ON contacts BEGIN"
  "  " V5_UNCOUNT_OLD V5_COUNT_NEW
  "END;"
  "CREATE TRIGGER contacts_days_delete AFTER DELETE ON contacts BEGIN"
  "  " V5_UNCOUNT_OLD
  "END;"
  "CREATE TRIGGER interactions_reach_insert AFTER INSERT ON interactions"
  "  WHEN new.kind IN " V5_REACHING_OUT " BEGIN"
  "  UPDATE contacts SET followup_days = " V5_FOLLOWUP_DAYS " WHERE id = new.contact_id;"
  "  UPDATE event_people SET followed = " V5_FOLLOWED
  "   WHERE contact_id = new.contact_id AND deleted = 0 AND followed = 0;"
  "END;"
  "CREATE TRIGGER interactions_reach_update AFTER UPDATE OF deleted, happened_at, kind, contact_id ON interactions"
  "  WHEN old.kind IN " V5_REACHING_OUT " OR new.kind IN " V5_REACHING_OUT " BEGIN"
  "  UPDATE contacts SET followup_days = " V5_FOLLOWUP_DAYS " WHERE id IN (old.contact_id, new.contact_id);"
  "  UPDATE event_people SET followed = " V5_FOLLOWED
  "   WHERE contact_id IN (old.contact_id, new.contact_id) AND deleted = 0;"
  "END;"
  "CREATE TRIGGER interactions_reach_delete AFTER DELETE ON interactions"
  "  WHEN old.kind IN " V5_REACHING_OUT " BEGIN"
  "  UPDATE contacts SET followup_days = " V5_FOLLOWUP_DAYS " WHERE id = old.contact_id;"
  "  UPDATE event_people SET followed = " V5_FOLLOWED " WHERE contact_id = old.contact_id AND deleted = 0;"
  "END;"
  "CREATE TRIGGER event_people_followed_insert AFTER INSERT ON event_people BEGIN"
  "  UPDATE event_people SET followed = " V5_FOLLOWED " WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER event_people_followed_update AFTER UPDATE OF contact_id, event_id, deleted ON event_people"
  "  WHEN new.deleted = 0 BEGIN"
  "  UPDATE event_people SET followed = " V5_FOLLOWED " WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER event_people_counts_update AFTER UPDATE OF followed, meaningful, deleted, event_id"
  "  ON event_people BEGIN"
  "  UPDATE events SET " V5_EVENT_COUNTS " WHERE id IN (old.event_id, new.event_id);"
  "END;"
  "CREATE TRIGGER event_people_counts_delete AFTER DELETE ON event_people BEGIN"
  "  UPDATE events SET " V5_EVENT_COUNTS " WHERE id = old.event_id;"
  "END;"
  "CREATE TRIGGER events_starts_day_insert AFTER INSERT ON events BEGIN"
  "  UPDATE events SET starts_day = date (new.starts_at, 'unixepoch', 'localtime') WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER events_starts_day_update AFTER UPDATE OF starts_at ON events BEGIN"
  "  UPDATE events SET starts_day = date (new.starts_at, 'unixepoch', 'localtime') WHERE id = new.id;"
  "  UPDATE event_people SET followed = " V5_FOLLOWED " WHERE event_id = new.id AND deleted = 0;"
  "END;",

  /* 5 → 6: what sync remembers between runs (docs/sync-protocol.md, "What
   * the client keeps"). Local to this file, never synced themselves.
   * sync_records holds each synced record's fields with the stamps of
   * their values, as JSON {"field": [value, stamp]}: local edits are
   * compared with it to find what changed, and incoming fields with its
   * stamps; a tombstone keeps its stamp in deleted. known says the server
   * has the record. sync_shared lists the contacts whose card ("person")
   * went to a huddle. Changes whose references are not here yet wait in
   * sync_parked. */
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY,"
  "  value"
  ") WITHOUT ROWID;"
  /* A rowid table: records are large (every field with its stamp) and
   * uuids random, so keyed by uuid each new one would land on a random
   * page; here they are appended, and only the narrow index is random. */
  "CREATE TABLE sync_records ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  entity TEXT NOT NULL,"
  "  scope TEXT NOT NULL,"
  "  fields TEXT NOT NULL DEFAULT '{}',"
  "  deleted TEXT,"
  "  known INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX sync_records_by_scope ON sync_records (scope, known);"
  "CREATE TABLE sync_shared ("
  "  uuid TEXT NOT NULL,"
  "  scope TEXT NOT NULL,"
  "  PRIMARY KEY (uuid, scope)"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_scopes ("
  "  scope TEXT PRIMARY KEY,"
  "  name TEXT,"
  "  cursor INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_batches ("
  "  seq INTEGER PRIMARY KEY,"
  "  body TEXT NOT NULL,"
  "  scopes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE sync_parked ("
  "  uuid TEXT PRIMARY KEY,"
  "  scope TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  change TEXT NOT NULL"
  ") WITHOUT ROWID;",

  /* 6 → 7: contacts' photos, as imported cards carry them: the bytes and
   * their type, one per contact. Local to this file and never synced (a
   * photo may be a mebibyte, far beyond a synced field): gone with the
   * contact's row, and wiped with its fields when it is deleted. */
  "CREATE TABLE contact_photos ("
  "  contact_id INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,"
  "  mime TEXT NOT NULL,"
  "  data BLOB NOT NULL CHECK (length (data) BETWEEN 1 AND 1048576)"
  ");"
  "CREATE TRIGGER contact_photos_tombstone AFTER UPDATE OF deleted ON contacts"
  "  WHEN new.deleted = 1 BEGIN"
  "  DELETE FROM contact_photos WHERE contact_id = new.id;"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RAPPORT_STORE_SCHEMA_VERSION);

/* Counts, for this connection only, the writes that can change the
 * contact list's order: a contact added or removed, renamed, archived or
 * restored. A star or a logged call leaves the cached order valid. */
static const char list_order_watch[] =
    "CREATE TEMP TABLE list_order_generation (n INTEGER NOT NULL);"
    "INSERT INTO list_order_generation VALUES (0);"
    "CREATE TEMP TRIGGER list_order_insert AFTER INSERT ON main.contacts BEGIN"
    "  UPDATE list_order_generation SET n = n + 1;"
    "END;"
    "CREATE TEMP TRIGGER list_order_delete AFTER DELETE ON main.contacts BEGIN"
    "  UPDATE list_order_generation SET n = n + 1;"
    "END;"
    "CREATE TEMP TRIGGER list_order_update AFTER UPDATE OF sort_key, archived, deleted ON main.contacts"
    "  WHEN old.sort_key IS NOT new.sort_key OR old.archived IS NOT new.archived"
    "    OR old.deleted IS NOT new.deleted BEGIN"
    "  UPDATE list_order_generation SET n = n + 1;"
    "END;";

static void
set_error_from_db (sqlite3 *db,
                   GError **error)
{
  int code = sqlite3_errcode (db);

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_A_DATABASE,
                 _("The file is damaged or is not a Rapport database (%s)."),
                    sqlite3_errmsg (db));
  else
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE,
                 _("The database reported an error: %s"), sqlite3_errmsg (db));
}

static gboolean
exec_db (sqlite3 *db,
         const char *sql,
         GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  return TRUE;
}

/* The same for the other connections of core (rapport-backup.c). */
void
rapport_db_set_error (sqlite3 *db,
                      GError **error)
{
  set_error_from_db (db, error);
}

gboolean
rapport_db_exec (sqlite3 *db,
                 const char *sql,
                 GError **error)
{
  return exec_db (db, sql, error);
}

static gboolean
read_user_version (sqlite3 *db,
                   int *version,
                   GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_db (db, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/**
 * rapport_store_migrate_db:
 * @db: an open connection
 * @target_version: the schema version to reach
 * @error: return location for a #GError
 *
 * Applies the migrations from the file's PRAGMA user_version up to
 * @target_version, each in its own transaction together with the new
 * version number, so that a failed step leaves the previous schema intact.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_migrate_db (sqlite3 *db,
                          int target_version,
                          GError **error)
{
  int version;

  g_return_val_if_fail (target_version <= RAPPORT_STORE_SCHEMA_VERSION, FALSE);

  if (!read_user_version (db, &version, error))
    return FALSE;

  while (version < target_version)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec_db (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec_db (db, migrations[version], error) || !exec_db (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), version + 1);
          return FALSE;
        }
      if (!exec_db (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      version++;
    }
  return TRUE;
}

static void
rapport_store_finalize (GObject *object)
{
  RapportStore *self = RAPPORT_STORE (object);

  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < RECENT_CACHE_SIZE; i++)
    g_clear_object (&self->recent[i]);
  /* Contacts that outlive the store must not call back into it. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, live_contact_finalized, self);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->order[0], g_array_unref);
  g_clear_pointer (&self->order[1], g_array_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->hlc, rapport_hlc_free);
  g_free (self->path);

  G_OBJECT_CLASS (rapport_store_parent_class)->finalize (object);
}

static void
rapport_store_class_init (RapportStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_store_finalize;

  /**
   * RapportStore::changed:
   * @self: the store
   * @contact_id: the contact concerned, or 0 for many
   *
   * Emitted after a transaction commits. The detail says what changed:
   * "contacts", "interactions" or "followups".
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rapport_store_init (RapportStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * rapport_store_get_default_path:
 *
 * Returns: (transfer full): where the user's database lives: the user data
 *   directory's rapport/rapport.db
 */
char *
rapport_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

static gint64
wall_ms (RapportStore *self)
{
  return g_get_real_time () / 1000 + self->clock_offset_ms;
}

/* Never issue a stamp older than the newest one already written, even if
 * the wall clock went back since; but forget stamps from a clock that ran
 * far ahead (a sync server refused them), or every later edit would carry
 * that error on. */
static gboolean
restart_clock (RapportStore *self,
               GError **error)
{
  guint64 node_id = rapport_hlc_get_node_id (self->hlc);
  g_autoptr (RapportHlc) bound_clock = rapport_hlc_new (G_MAXUINT64);
  g_autofree char *bound = rapport_hlc_tick (bound_clock, wall_ms (self) + RAPPORT_HLC_MAX_SKEW_MS);
  sqlite3_stmt *stmt;

  rapport_hlc_free (self->hlc);
  self->hlc = rapport_hlc_new (node_id);
  stmt = rapport_store_prepare (self, "SELECT max(hlc) FROM outbox WHERE hlc < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bound, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    rapport_hlc_receive (self->hlc, (const char *) sqlite3_column_text (stmt, 0), wall_ms (self));
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * rapport_store_set_clock_offset:
 * @self: a store
 * @offset_ms: how far the computer's clock is behind the right time, in
 *   milliseconds (negative when it is ahead)
 * @error: return location for a #GError
 *
 * Corrects the clock that stamps edits, from the time a sync server
 * answered with. The offset is kept in the file.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_set_clock_offset (RapportStore *self,
                                gint64 offset_ms,
                                GError **error)
{
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (self, "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('clock-offset', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, offset_ms);
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  self->clock_offset_ms = offset_ms;
  return restart_clock (self, error);
}

/* Edits after this one, here, must stamp later than a stamp seen from
 * another device, unless that stamp is from a clock far ahead. */
void
rapport_store_observe_stamp (RapportStore *self,
                             const char *stamp)
{
  gint64 ms;

  if (rapport_hlc_parse (stamp, &ms, NULL, NULL) && ms <= wall_ms (self) + RAPPORT_HLC_MAX_SKEW_MS)
    rapport_hlc_receive (self->hlc, stamp, wall_ms (self));
}

gint64
rapport_store_get_clock_offset (RapportStore *self)
{
  return self->clock_offset_ms;
}

/* The time the store stamps edits with, in milliseconds. */
gint64
rapport_store_now_ms (RapportStore *self)
{
  return wall_ms (self);
}

static gboolean
load_node_id (RapportStore *self,
              GError **error)
{
  sqlite3_stmt *stmt;
  guint64 node_id = 0;
  int rc;

  stmt = rapport_store_prepare (self, "SELECT value FROM meta WHERE key = 'node-id'", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    node_id = g_ascii_strtoull ((const char *) sqlite3_column_text (stmt, 0), NULL, 16);
  sqlite3_reset (stmt);

  if (node_id == 0)
    {
      g_autofree char *hex = NULL;

      /* The node id breaks ties between equal HLC stamps of two devices. */
      node_id = ((guint64) g_random_int () << 32) | g_random_int ();
      if (node_id == 0)
        node_id = 1;
      hex = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", node_id);
      stmt = rapport_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('node-id', ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_TRANSIENT);
      if (!rapport_store_step_done (self, stmt, error))
        return FALSE;
    }

  g_clear_pointer (&self->hlc, rapport_hlc_free);
  self->hlc = rapport_hlc_new (node_id);

  stmt = rapport_store_prepare (self, "SELECT value FROM sync_state WHERE key = 'clock-offset'", error);
  if (stmt == NULL)
    return FALSE;
  self->clock_offset_ms = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->clock_offset_ms = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return restart_clock (self, error);
}

/**
 * rapport_store_open:
 * @path: the database file; created with its folder if missing
 * @error: return location for a #GError
 *
 * Opens (or creates) a Rapport database and brings its schema up to date.
 * A file that is damaged, not a database, or written by a newer Rapport is
 * refused with %RAPPORT_ERROR_NOT_A_DATABASE or %RAPPORT_ERROR_TOO_NEW and
 * left byte for byte as it was.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL on error
 */
RapportStore *
rapport_store_open (const char *path,
                    GError **error)
{
  g_autoptr(RapportStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *wal_path = NULL;
  GStatBuf wal_stat;
  gboolean hot_wal;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wal_path = g_strconcat (path, "-wal", NULL);
  hot_wal = g_stat (wal_path, &wal_stat) == 0 && wal_stat.st_size > 0;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (RAPPORT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db != NULL)
        set_error_from_db (self->db, error);
      else
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, _("Could not open “%s”."), path);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, 5000);
  /* Commits that another program left in the -wal file stay there until
   * the file is known to be ours: closing would fold them into the main
   * file, and a refused file must be left as it was. */
  if (hot_wal)
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  /* Read before anything writes: a damaged or foreign file fails here, and
   * a newer schema is detected before the journal mode could change it. */
  if (!read_user_version (self->db, &version, error) ||
      !exec_db (self->db, "SELECT count(*) FROM sqlite_master", error))
    {
      g_prefix_error (error, _("Rapport cannot read “%s”. "), path);
      return NULL;
    }
  if (version > RAPPORT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Rapport (data format %d; this version knows up to %d). "
                     "Update Rapport to open it; the file has not been changed."),
                      path, version, RAPPORT_STORE_SCHEMA_VERSION);
      return NULL;
    }
  /* An upgrade cannot be undone, so the file as it was is saved first;
   * without that copy the file is left as it is. A new file (version 0)
   * has nothing to save. */
  if (version > 0 && version < RAPPORT_STORE_SCHEMA_VERSION)
    {
      g_autofree char *saved = rapport_backup_before_upgrade (self->db, path, version, error);

      if (saved == NULL)
        return NULL;
      g_debug ("Saved the data in format %d to %s before upgrading it", version, saved);
    }
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  /* Sync keeps each record's fields with their stamps (about 1.5 KiB
   * for a whole card) in a WITHOUT ROWID table: on 4 KiB pages every
   * such row spills to an overflow page of its own, which doubled the
   * I/O of a first sync. Only a new file takes the size. */
  if (!exec_db (self->db, "PRAGMA page_size = 16384", error) ||
      !exec_db (self->db, "PRAGMA journal_mode = WAL", error) ||
      !exec_db (self->db, "PRAGMA synchronous = NORMAL", error) ||
      !exec_db (self->db, "PRAGMA foreign_keys = ON", error) ||
      !exec_db (self->db, "PRAGMA temp_store = MEMORY", error) ||
      !rapport_store_migrate_db (self->db, RAPPORT_STORE_SCHEMA_VERSION, error) ||
      !exec_db (self->db, list_order_watch, error) ||
      !load_node_id (self, error))
    {
      g_prefix_error (error, _("Rapport cannot use “%s”. "), path);
      return NULL;
    }

  rapport_backup_remove_leftovers (path);
  return g_steal_pointer (&self);
}

const char *
rapport_store_get_path (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  return self->path;
}

guint64
rapport_store_get_node_id (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  return rapport_hlc_get_node_id (self->hlc);
}

/**
 * rapport_store_next_stamp:
 * @self: a store
 *
 * Returns: (transfer full): a fresh HLC stamp for a local edit
 */
char *
rapport_store_next_stamp (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  return rapport_hlc_tick (self->hlc, wall_ms (self));
}

sqlite3 *
rapport_store_get_db (RapportStore *self)
{
  return self->db;
}

void
rapport_store_set_sqlite_error (RapportStore *self,
                                GError **error)
{
  set_error_from_db (self->db, error);
}

/* Statements are prepared once and kept; callers get them reset with their
 * bindings cleared. */
/* While a restore copies pages in, the connection is the backup's. */
static gboolean
check_not_restoring (RapportStore *self,
                     GError **error)
{
  if (G_LIKELY (!self->restoring))
    return TRUE;
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_BUSY,
                       _("Rapport is restoring a backup. Try again when it is done."));
  return FALSE;
}

sqlite3_stmt *
rapport_store_prepare (RapportStore *self,
                       const char *sql,
                       GError **error)
{
  sqlite3_stmt *stmt;

  if (!check_not_restoring (self, error))
    return NULL;
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (self->db, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
rapport_store_exec (RapportStore *self,
                    const char *sql,
                    GError **error)
{
  return check_not_restoring (self, error) && exec_db (self->db, sql, error);
}

gboolean
rapport_store_step_done (RapportStore *self,
                         sqlite3_stmt *stmt,
                         GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error_from_db (self->db, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rapport_store_begin (RapportStore *self,
                     GError **error)
{
  if (self->importing)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_BUSY,
                   _("Rapport is importing contacts. Try again when the import has finished."));
      return FALSE;
    }
  return check_not_restoring (self, error) && exec_db (self->db, "BEGIN IMMEDIATE", error);
}

/**
 * rapport_store_begin_restore:
 * @self: a store
 *
 * Hands the connection to a restore: the prepared statements are
 * finalized (the backup may change the schema under them), and every
 * other use fails with %RAPPORT_ERROR_BUSY until
 * rapport_store_end_restore().
 */
void
rapport_store_begin_restore (RapportStore *self)
{
  g_return_if_fail (!self->restoring);

  g_hash_table_remove_all (self->statements);
  self->restoring = TRUE;
}

/* Every live contact follows its row in the restored file; one whose row
 * is gone is let go, as after a permanent delete. */
static void
refresh_live_contacts (RapportStore *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      RapportContact *live = g_hash_table_lookup (self->live, &id);
      g_autoptr(RapportContact) fresh = rapport_store_load_contact (self, id, NULL);

      if (fresh != NULL)
        rapport_contact_update_from (live, fresh);
      else
        rapport_store_forget_contact (self, id);
    }
}

/**
 * rapport_store_end_restore:
 * @self: a store
 * @replaced: whether the file now holds the backup
 * @error: return location for a #GError
 *
 * Gives the connection back after a restore. When the data was replaced,
 * the store takes it up: the file gets a node id of its own (the backup
 * may come from another computer, whose edits must stay told apart from
 * this one's), it is signed out of sync (the backup's device would number
 * its pushes again from an old count, which the server takes for pushes
 * it already has), the cached order and contacts are dropped or reloaded,
 * and #RapportStore::changed is emitted for every kind of record.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_end_restore (RapportStore *self,
                           gboolean replaced,
                           GError **error)
{
  static const char *const kinds[] = { "contacts", "interactions", "followups", "groups", "events",
                                       "huddles", "referrals", "profile", "photos" };
  gboolean ok;

  g_return_val_if_fail (self->restoring, FALSE);

  self->restoring = FALSE;
  if (!replaced)
    return TRUE;

  g_clear_pointer (&self->order[0], g_array_unref);
  g_clear_pointer (&self->order[1], g_array_unref);
  for (guint i = 0; i < RECENT_CACHE_SIZE; i++)
    g_clear_object (&self->recent[i]);
  ok = exec_db (self->db,
                "BEGIN IMMEDIATE;"
                " DELETE FROM meta WHERE key IN ('node-id', 'backup-made');"
                " DELETE FROM sync_state WHERE key = 'device';"
                " COMMIT;",
                error);
  if (!ok && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  ok = ok && load_node_id (self, error);
  refresh_live_contacts (self);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    rapport_store_emit_changed (self, kinds[i], 0);
  return ok;
}

/**
 * rapport_store_begin_import:
 * @self: a store
 * @error: return location for a #GError
 *
 * Opens the one transaction an import writes in, which may stay open
 * across many turns of the main loop. Until rapport_store_end_import(),
 * every other write is refused with %RAPPORT_ERROR_BUSY instead of
 * joining it, so that a cancelled import takes nothing else with it.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_store_begin_import (RapportStore *self,
                            GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;
  self->import_writes = rapport_store_import_writes_begin (self, error);
  if (self->import_writes == NULL)
    {
      rapport_store_rollback (self);
      return FALSE;
    }
  self->importing = TRUE;
  return TRUE;
}

/**
 * rapport_store_end_import:
 * @self: a store in an import
 * @commit: %TRUE to keep what the import wrote, %FALSE to undo all of it
 * @error: return location for a #GError
 *
 * Closes the import's transaction. A failed commit undoes the import as
 * well; either way the store takes other writes again.
 *
 * Returns: %TRUE when @commit was asked for and the import is kept
 */
gboolean
rapport_store_end_import (RapportStore *self,
                          gboolean commit,
                          GError **error)
{
  gboolean kept = FALSE;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->importing, FALSE);

  self->importing = FALSE;
  if (commit)
    kept = rapport_store_import_writes_end (self, self->import_writes, error) && rapport_store_commit (self, error);
  if (!kept)
    rapport_store_rollback (self);
  rapport_store_import_writes_free (self, g_steal_pointer (&self->import_writes));
  if (kept)
    {
      g_autoptr(GArray) live = g_array_new (FALSE, FALSE, sizeof (gint64));
      GHashTableIter iter;
      gpointer key;

      /* Merged contacts may be on screen. */
      g_hash_table_iter_init (&iter, self->live);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (live, *(gint64 *) key);
      for (guint i = 0; i < live->len; i++)
        rapport_store_refresh_contact (self, g_array_index (live, gint64, i));
      rapport_store_emit_changed (self, "contacts", 0);
      rapport_store_emit_changed (self, "interactions", 0);
      rapport_store_emit_changed (self, "photos", 0);
    }
  return kept;
}

/**
 * rapport_store_is_importing:
 * @self: a store
 *
 * Returns: whether an import's transaction is open
 */
gboolean
rapport_store_is_importing (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  return self->importing;
}

/* How contacts are written inside the import's transaction, or NULL
 * outside one (see rapport_store_import_writes_begin()). */
RapportImportWrites *
rapport_store_get_import_writes (RapportStore *self)
{
  return self->import_writes;
}

gboolean
rapport_store_commit (RapportStore *self,
                      GError **error)
{
  if (exec_db (self->db, "COMMIT", error))
    return TRUE;
  rapport_store_rollback (self);
  return FALSE;
}

void
rapport_store_rollback (RapportStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* The rollback rewinds list_order_generation too, so a cached order
   * read inside the transaction could pass for current. */
  g_clear_pointer (&self->order[0], g_array_unref);
  g_clear_pointer (&self->order[1], g_array_unref);
}

/* The payload is the record's whole state as JSON, with references written
 * as UUIDs: ids are local to this file, UUIDs are shared by every device.
 * @where picks one record by id, or a range of them in id order. */
#define OUTBOX_CONTACT_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                       \
  " SELECT 'contact', c.uuid, c.updated, CASE c.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE c.deleted WHEN 0 THEN json_object("                                                 \
  "   'display_name', c.display_name, 'given_name', c.given_name,"                            \
  "   'family_name', c.family_name, 'company', c.company, 'job_title', c.job_title,"          \
  "   'industry', c.industry, 'industry_since', c.industry_since,"                            \
  "   'emails', json(c.emails), 'phones', json(c.phones), 'website', c.website,"              \
  "   'linkedin', c.linkedin, 'city', c.city, 'tags', json(c.tags),"                          \
  "   'relationship', c.relationship, 'help_them', c.help_them, 'help_me', c.help_me,"        \
  "   'notes', c.notes, 'met_on', c.met_on,"                                                  \
  "   'met_at', (SELECT e.uuid FROM events e WHERE e.id = c.met_at),"                         \
  "   'introduced_by', (SELECT i.uuid FROM contacts i WHERE i.id = c.introduced_by),"         \
  "   'starred', json(CASE c.starred WHEN 0 THEN 'false' ELSE 'true' END),"                   \
  "   'archived', json(CASE c.archived WHEN 0 THEN 'false' ELSE 'true' END),"                 \
  "   'cadence_days', c.cadence_days, 'created_at', c.created_at, 'created', c.created)"      \
  "  ELSE '{}' END"                                                                           \
  " FROM contacts c WHERE c.id" where

#define OUTBOX_INTERACTION_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                           \
  " SELECT 'interaction', x.uuid, x.updated, CASE x.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE x.deleted WHEN 0 THEN json_object("                                                     \
  "   'contact', c.uuid, 'kind', x.kind, 'happened_at', x.happened_at, 'note', x.note,"           \
  "   'event', (SELECT e.uuid FROM events e WHERE e.id = x.event_id),"                            \
  "   'created', x.created)"                                                                      \
  "  ELSE '{}' END"                                                                               \
  " FROM interactions x JOIN contacts c ON c.id = x.contact_id WHERE x.id" where

#define OUTBOX_FOLLOWUP_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                        \
  " SELECT 'followup', f.uuid, f.updated, CASE f.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE f.deleted WHEN 0 THEN json_object("                                                  \
  "   'contact', c.uuid, 'due', f.due, 'done_at', f.done_at, 'note', f.note,"                  \
  "   'created', f.created)"                                                                   \
  "  ELSE '{}' END"                                                                            \
  " FROM followups f JOIN contacts c ON c.id = f.contact_id WHERE f.id" where

#define OUTBOX_GROUP_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                     \
  " SELECT 'group', g.uuid, g.updated, CASE g.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE g.deleted WHEN 0 THEN json_object("                                               \
  "   'name', g.name, 'kind', g.kind, 'audience', json(g.audience),"                        \
  "   'dues_cents', g.dues_cents, 'website', g.website, 'notes', g.notes,"                  \
  "   'verdict', g.verdict, 'verdict_reason', g.verdict_reason,"                            \
  "   'archived', json(CASE g.archived WHEN 0 THEN 'false' ELSE 'true' END),"               \
  "   'created', g.created)"                                                                \
  "  ELSE '{}' END"                                                                         \
  " FROM groups g WHERE g.id" where

#define OUTBOX_EVENT_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                     \
  " SELECT 'event', e.uuid, e.updated, CASE e.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE e.deleted WHEN 0 THEN json_object("                                               \
  "   'title', e.title, 'group', (SELECT g.uuid FROM groups g WHERE g.id = e.group_id),"    \
  "   'kind', e.kind, 'starts_at', e.starts_at, 'duration_min', e.duration_min,"            \
  "   'travel_min', e.travel_min, 'location', e.location, 'cost_cents', e.cost_cents,"      \
  "   'room_size', e.room_size, 'notes', e.notes, 'score_people', e.score_people,"          \
  "   'score_new', e.score_new, 'score_help', e.score_help, 'score_time', e.score_time,"    \
  "   'go_again', e.go_again, 'created', e.created)"                                        \
  "  ELSE '{}' END"                                                                         \
  " FROM events e WHERE e.id" where

#define OUTBOX_EVENT_PERSON_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                            \
  " SELECT 'event_person', p.uuid, p.updated, CASE p.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE p.deleted WHEN 0 THEN json_object("                                                      \
  "   'event', e.uuid, 'contact', c.uuid,"                                                         \
  "   'meaningful', json(CASE p.meaningful WHEN 0 THEN 'false' ELSE 'true' END),"                  \
  "   'note', p.note, 'created', p.created)"                                                       \
  "  ELSE '{}' END"                                                                                \
  " FROM event_people p JOIN events e ON e.id = p.event_id JOIN contacts c ON c.id = p.contact_id" \
  " WHERE p.id" where

#define OUTBOX_PROFILE_SQL(where)                                            \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                      \
  " SELECT 'profile', p.uuid, p.updated, 'put', json_object("                \
  "   'name', p.name, 'services', p.services, 'audience', json(p.audience)," \
  "   'goal_min', p.goal_min, 'goal_max', p.goal_max,"                       \
  "   'hours_per_month', p.hours_per_month, 'created', p.created)"           \
  " FROM profile p WHERE p.id" where

#define OUTBOX_HUDDLE_SQL(where)                                                               \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                        \
  " SELECT 'huddle', h.uuid, h.updated, CASE h.deleted WHEN 0 THEN 'put' ELSE 'delete' END,"   \
  "  CASE h.deleted WHEN 0 THEN json_object("                                                  \
  "   'name', h.name, 'industry', h.industry, 'audience', json(h.audience), 'place', h.place," \
  "   'rrule', h.rrule, 'first_meeting', h.first_meeting, 'duration_min', h.duration_min,"     \
  "   'archived', json(CASE h.archived WHEN 0 THEN 'false' ELSE 'true' END),"                  \
  "   'created', h.created)"                                                                   \
  "  ELSE '{}' END"                                                                            \
  " FROM huddles h WHERE h.id" where

#define OUTBOX_HUDDLE_MEMBER_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                             \
  " SELECT 'huddle_member', m.uuid, m.updated, CASE m.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE m.deleted WHEN 0 THEN json_object("                                                       \
  "   'huddle', (SELECT h.uuid FROM huddles h WHERE h.id = m.huddle_id),"                           \
  "   'contact', (SELECT c.uuid FROM contacts c WHERE c.id = m.contact_id),"                        \
  "   'service', m.service, 'offering', m.offering, 'joined_on', m.joined_on,"                      \
  "   'left_on', m.left_on, 'created', m.created)"                                                  \
  "  ELSE '{}' END"                                                                                 \
  " FROM huddle_members m WHERE m.id" where

#define OUTBOX_MEETING_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                       \
  " SELECT 'meeting', g.uuid, g.updated, CASE g.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE g.deleted WHEN 0 THEN json_object("                                                 \
  "   'huddle', (SELECT h.uuid FROM huddles h WHERE h.id = g.huddle_id),"                     \
  "   'starts_at', g.starts_at, 'duration_min', g.duration_min, 'notes', g.notes,"            \
  "   'created', g.created)"                                                                  \
  "  ELSE '{}' END"                                                                           \
  " FROM meetings g WHERE g.id" where

#define OUTBOX_ATTENDANCE_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                          \
  " SELECT 'attendance', a.uuid, a.updated, CASE a.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE a.deleted WHEN 0 THEN json_object("                                                    \
  "   'meeting', (SELECT g.uuid FROM meetings g WHERE g.id = a.meeting_id),"                     \
  "   'member', (SELECT m.uuid FROM huddle_members m WHERE m.id = a.member_id),"                 \
  "   'status', a.status, 'asks', a.asks, 'offers', a.offers, 'created', a.created)"             \
  "  ELSE '{}' END"                                                                              \
  " FROM attendance a WHERE a.id" where

#define OUTBOX_REFERRAL_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                        \
  " SELECT 'referral', r.uuid, r.updated, CASE r.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE r.deleted WHEN 0 THEN json_object("                                                  \
  "   'from', (SELECT c.uuid FROM contacts c WHERE c.id = r.from_contact),"                    \
  "   'to', (SELECT c.uuid FROM contacts c WHERE c.id = r.to_contact),"                        \
  "   'prospect', (SELECT c.uuid FROM contacts c WHERE c.id = r.prospect),"                    \
  "   'huddle', (SELECT h.uuid FROM huddles h WHERE h.id = r.huddle_id),"                      \
  "   'given_on', r.given_on, 'note', r.note, 'created', r.created)"                           \
  "  ELSE '{}' END"                                                                            \
  " FROM referrals r WHERE r.id" where

/* Steps are never changed or deleted: always a "put". */
#define OUTBOX_REFERRAL_STEP_SQL(where)                                                \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                \
  " SELECT 'referral_step', s.uuid, s.created, 'put', json_object("                    \
  "   'referral', (SELECT r.uuid FROM referrals r WHERE r.id = s.referral_id),"        \
  "   'status', s.status, 'value_cents', s.value_cents, 'happened_on', s.happened_on," \
  "   'note', s.note, 'created', s.created)"                                           \
  " FROM referral_steps s WHERE s.id" where

#define OUTBOX_SERVICE_SQL(where)                                                             \
  "INSERT INTO outbox (entity, uuid, hlc, op, payload)"                                       \
  " SELECT 'service', v.uuid, v.updated, CASE v.deleted WHEN 0 THEN 'put' ELSE 'delete' END," \
  "  CASE v.deleted WHEN 0 THEN json_object('audience', v.audience, 'service', v.service,"    \
  "   'created', v.created)"                                                                  \
  "  ELSE '{}' END"                                                                           \
  " FROM service_catalogue v WHERE v.id" where

static const char *
outbox_sql_for (const char *entity,
                gboolean range)
{
  if (g_str_equal (entity, "contact"))
    return range ? OUTBOX_CONTACT_SQL (" BETWEEN ?1 AND ?2 ORDER BY c.id") : OUTBOX_CONTACT_SQL (" = ?1");
  if (g_str_equal (entity, "interaction"))
    return range ? OUTBOX_INTERACTION_SQL (" BETWEEN ?1 AND ?2 ORDER BY x.id") : OUTBOX_INTERACTION_SQL (" = ?1");
  if (g_str_equal (entity, "followup"))
    return range ? OUTBOX_FOLLOWUP_SQL (" BETWEEN ?1 AND ?2 ORDER BY f.id") : OUTBOX_FOLLOWUP_SQL (" = ?1");
  if (g_str_equal (entity, "group"))
    return range ? OUTBOX_GROUP_SQL (" BETWEEN ?1 AND ?2 ORDER BY g.id") : OUTBOX_GROUP_SQL (" = ?1");
  if (g_str_equal (entity, "event"))
    return range ? OUTBOX_EVENT_SQL (" BETWEEN ?1 AND ?2 ORDER BY e.id") : OUTBOX_EVENT_SQL (" = ?1");
  if (g_str_equal (entity, "event_person"))
    return range ? OUTBOX_EVENT_PERSON_SQL (" BETWEEN ?1 AND ?2 ORDER BY p.id") : OUTBOX_EVENT_PERSON_SQL (" = ?1");
  if (g_str_equal (entity, "huddle"))
    return range ? OUTBOX_HUDDLE_SQL (" BETWEEN ?1 AND ?2 ORDER BY h.id") : OUTBOX_HUDDLE_SQL (" = ?1");
  if (g_str_equal (entity, "huddle_member"))
    return range ? OUTBOX_HUDDLE_MEMBER_SQL (" BETWEEN ?1 AND ?2 ORDER BY m.id") : OUTBOX_HUDDLE_MEMBER_SQL (" = ?1");
  if (g_str_equal (entity, "meeting"))
    return range ? OUTBOX_MEETING_SQL (" BETWEEN ?1 AND ?2 ORDER BY g.id") : OUTBOX_MEETING_SQL (" = ?1");
  if (g_str_equal (entity, "attendance"))
    return range ? OUTBOX_ATTENDANCE_SQL (" BETWEEN ?1 AND ?2 ORDER BY a.id") : OUTBOX_ATTENDANCE_SQL (" = ?1");
  if (g_str_equal (entity, "referral"))
    return range ? OUTBOX_REFERRAL_SQL (" BETWEEN ?1 AND ?2 ORDER BY r.id") : OUTBOX_REFERRAL_SQL (" = ?1");
  if (g_str_equal (entity, "referral_step"))
    return range ? OUTBOX_REFERRAL_STEP_SQL (" BETWEEN ?1 AND ?2 ORDER BY s.id") : OUTBOX_REFERRAL_STEP_SQL (" = ?1");
  if (g_str_equal (entity, "service"))
    return range ? OUTBOX_SERVICE_SQL (" BETWEEN ?1 AND ?2 ORDER BY v.id") : OUTBOX_SERVICE_SQL (" = ?1");
  if (g_str_equal (entity, "profile"))
    return range ? OUTBOX_PROFILE_SQL (" BETWEEN ?1 AND ?2 ORDER BY p.id") : OUTBOX_PROFILE_SQL (" = ?1");
  g_return_val_if_reached (NULL);
}

/**
 * rapport_store_outbox_append:
 * @self: a store, inside a transaction
 * @entity: "contact", "interaction" or "followup"
 * @id: the local id of the record just written
 * @error: return location for a #GError
 *
 * Appends the record's current state to the outbox. Called inside the
 * transaction of the edit, so that both land or neither does.
 */
gboolean
rapport_store_outbox_append (RapportStore *self,
                             const char *entity,
                             gint64 id,
                             GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  stmt = rapport_store_prepare (self, outbox_sql_for (entity, FALSE), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   "No %s with id %" G_GINT64_FORMAT " to record", entity, id);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_store_outbox_append_range:
 * @self: a store, inside a transaction
 * @entity: "contact", "interaction" or "followup"
 * @first_id: the first local id of the records just written
 * @last_id: the last one
 * @error: return location for a #GError
 *
 * Appends the current state of every record from @first_id to @last_id,
 * in id order, exactly as rapport_store_outbox_append() would one by one:
 * a bulk write (an import, the sample network) records its rows in one
 * pass instead of one statement per row. Every id in the range must exist.
 */
gboolean
rapport_store_outbox_append_range (RapportStore *self,
                                   const char *entity,
                                   gint64 first_id,
                                   gint64 last_id,
                                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  if (last_id < first_id)
    return TRUE;
  stmt = rapport_store_prepare (self, outbox_sql_for (entity, TRUE), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  if (!rapport_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes64 (self->db) != last_id - first_id + 1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   "Some %s with an id from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " is missing",
                   entity, first_id, last_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_store_query_int:
 * @self: a store
 * @sql: a query without parameters whose first column is a number
 * @fallback: what to return when the query fails or finds no row
 *
 * Returns: the first column of the first row, or @fallback
 */
gint64
rapport_store_query_int (RapportStore *self,
                         const char *sql,
                         gint64 fallback)
{
  sqlite3_stmt *stmt = rapport_store_prepare (self, sql, NULL);
  gint64 value = fallback;

  if (stmt == NULL)
    return fallback;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/**
 * rapport_store_collect_ids:
 * @self: a store
 * @stmt: a prepared, bound statement whose first column is an id
 * @ids: (element-type gint64): receives the ids, in the order read
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every row was read
 */
gboolean
rapport_store_collect_ids (RapportStore *self,
                           sqlite3_stmt *stmt,
                           GArray *ids,
                           GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

guint
rapport_store_count_outbox (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  return rapport_store_query_int (self, "SELECT count(*) FROM outbox", 0);
}

void
rapport_store_emit_changed (RapportStore *self,
                            const char *what,
                            gint64 contact_id)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (what), contact_id);
}

/* The live-object map: one RapportContact per row while anybody holds it. */

static void
live_contact_finalized (gpointer data,
                        GObject *where_the_object_was)
{
  RapportStore *self = data;
  /* Weak references are notified from dispose, so the id is still there. */
  gint64 id = rapport_contact_get_id ((RapportContact *) where_the_object_was);

  if (g_hash_table_lookup (self->live, &id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->live, &id);
}

/**
 * rapport_store_get_contact:
 * @self: a store
 * @id: a contact id
 * @error: return location for a #GError
 *
 * Every caller asking for the same contact gets the same object, which the
 * store updates after each edit; so a row and an open card stay in step.
 *
 * Returns: (transfer full) (nullable): the contact, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportContact *
rapport_store_get_contact (RapportStore *self,
                           gint64 id,
                           GError **error)
{
  RapportContact *contact;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  contact = g_hash_table_lookup (self->live, &id);
  if (contact == NULL)
    {
      contact = rapport_store_load_contact (self, id, error);
      if (contact == NULL)
        return NULL;
      remember (self, contact);
      /* Only loads enter the ring: a contact found alive is held by
       * someone already, and counting it again would push out others. */
      g_set_object (&self->recent[self->recent_next], contact);
      self->recent_next = (self->recent_next + 1) % RECENT_CACHE_SIZE;
      return contact;
    }
  return g_object_ref (contact);
}

static void
remember (RapportStore *self,
          RapportContact *contact)
{
  gint64 *key = g_new (gint64, 1);

  *key = rapport_contact_get_id (contact);
  g_hash_table_insert (self->live, key, contact);
  g_object_weak_ref (G_OBJECT (contact), live_contact_finalized, self);
}

/* Makes a just-created contact the live object of its row. */
void
rapport_store_adopt_contact (RapportStore *self,
                             RapportContact *contact)
{
  gint64 id = rapport_contact_get_id (contact);

  if (g_hash_table_lookup (self->live, &id) == NULL)
    remember (self, contact);
}

/* Brings the live object of @id, if any, up to date with its row. */
void
rapport_store_refresh_contact (RapportStore *self,
                               gint64 id)
{
  RapportContact *live = g_hash_table_lookup (self->live, &id);
  g_autoptr(RapportContact) fresh = NULL;

  if (live == NULL)
    return;
  fresh = rapport_store_load_contact (self, id, NULL);
  if (fresh != NULL)
    rapport_contact_update_from (live, fresh);
}

/* Drops @id from the cache after a permanent delete. */
void
rapport_store_forget_contact (RapportStore *self,
                              gint64 id)
{
  RapportContact *live = g_hash_table_lookup (self->live, &id);

  /* Whoever still holds the object keeps a detached copy; the store must
   * answer "not found" from now on rather than hand it out again. */
  if (live != NULL)
    {
      g_object_weak_unref (G_OBJECT (live), live_contact_finalized, self);
      g_hash_table_remove (self->live, &id);
    }
  for (guint i = 0; i < RECENT_CACHE_SIZE; i++)
    if (self->recent[i] != NULL && rapport_contact_get_id (self->recent[i]) == id)
      g_clear_object (&self->recent[i]);
}

/* Changes when another connection commits to the file; this connection's
 * own writes that matter show in list_order_generation instead. */
static gint64
get_data_version (RapportStore *self)
{
  return rapport_store_query_int (self, "PRAGMA data_version", -1);
}

/**
 * rapport_store_get_contact_order:
 * @self: a store
 * @archived: whether to list the archive
 * @min_id: (out): the smallest id in the list
 * @max_id: (out): the largest id in the list
 * @error: return location for a #GError
 *
 * Every contact id, archived or not, in the contact list's order (by sort
 * key, then id). Searching filters this list instead of sorting its
 * matches, which costs the same whether a search matches ten contacts or
 * sixty thousand. The list is read again after a write of this store that
 * can change the order (see list_order_watch) and after any commit of
 * another connection.
 *
 * Returns: (transfer none): the ids, valid until the next call, or %NULL
 */
GArray *
rapport_store_get_contact_order (RapportStore *self,
                                 gboolean archived,
                                 gint64 *min_id,
                                 gint64 *max_id,
                                 GError **error)
{
  guint slot = archived ? 1 : 0;
  gint64 generation = rapport_store_query_int (self, "SELECT n FROM list_order_generation", -1);
  gint64 data_version = get_data_version (self);
  sqlite3_stmt *stmt;
  GArray *order;
  gint64 min = G_MAXINT64;
  gint64 max = G_MININT64;
  int rc;

  if (self->order[slot] != NULL && self->order_generation[slot] == generation && generation != -1 &&
      self->order_data_version[slot] == data_version && data_version != -1)
    {
      *min_id = self->order_min_id[slot];
      *max_id = self->order_max_id[slot];
      return self->order[slot];
    }

  g_clear_pointer (&self->order[slot], g_array_unref);
  stmt = rapport_store_prepare (self,
                                "SELECT id FROM contacts WHERE deleted = 0 AND archived = ?"
                                " ORDER BY sort_key, id",
                                error);
  if (stmt == NULL)
    return NULL;
  order = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int (stmt, 1, slot);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (order, id);
      min = MIN (min, id);
      max = MAX (max, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_sqlite_error (self, error);
      g_array_unref (order);
      return NULL;
    }

  self->order[slot] = order;
  self->order_generation[slot] = generation;
  self->order_data_version[slot] = data_version;
  self->order_min_id[slot] = min;
  self->order_max_id[slot] = max;
  *min_id = min;
  *max_id = max;
  return order;
}
