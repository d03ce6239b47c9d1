/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event.c: a networking event, its scorecard, and a person met
 * there.
 *
 * Times are Unix seconds, durations minutes, money cents. Scorecard
 * answers are 1–5, or 0 while unanswered; "go-again" is 1, 0, or -1 while
 * unanswered. "group-name", "quality", "n-people" and "n-meaningful" are
 * read by the store with the event; they are not written back.
 */
#define G_LOG_DOMAIN "rapport-event"

#include "config.h"

#include "rapport-event.h"
#include "rapport-record-private.h"

struct _RapportEvent
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *title;
  gint64 group_id;
  char *group_name;
  int kind;
  gint64 starts_at;
  int duration_min;
  int travel_min;
  char *location;
  gint64 cost_cents;
  int room_size;
  char *notes;
  int scores[RAPPORT_N_SCORE_QUESTIONS];
  int go_again;
  int quality;
  int n_people;
  int n_meaningful;
};

G_DEFINE_FINAL_TYPE (RapportEvent, rapport_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_GROUP_ID,
  PROP_GROUP_NAME,
  PROP_KIND,
  PROP_STARTS_AT,
  PROP_DURATION_MIN,
  PROP_TRAVEL_MIN,
  PROP_LOCATION,
  PROP_COST_CENTS,
  PROP_ROOM_SIZE,
  PROP_NOTES,
  PROP_SCORE_PEOPLE,
  PROP_SCORE_NEW,
  PROP_SCORE_HELP,
  PROP_SCORE_TIME,
  PROP_GO_AGAIN,
  PROP_QUALITY,
  PROP_N_PEOPLE,
  PROP_N_MEANINGFUL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportEvent, id, "id", INT64),
  RAPPORT_FIELD (RapportEvent, uuid, "uuid", STRING),
  RAPPORT_FIELD (RapportEvent, title, "title", STRING),
  RAPPORT_FIELD (RapportEvent, group_id, "group-id", INT64),
  RAPPORT_FIELD (RapportEvent, group_name, "group-name", STRING),
  RAPPORT_FIELD (RapportEvent, kind, "kind", INT),
  RAPPORT_FIELD (RapportEvent, starts_at, "starts-at", INT64),
  RAPPORT_FIELD (RapportEvent, duration_min, "duration-min", INT),
  RAPPORT_FIELD (RapportEvent, travel_min, "travel-min", INT),
  RAPPORT_FIELD (RapportEvent, location, "location", STRING),
  RAPPORT_FIELD (RapportEvent, cost_cents, "cost-cents", INT64),
  RAPPORT_FIELD (RapportEvent, room_size, "room-size", INT),
  RAPPORT_FIELD (RapportEvent, notes, "notes", STRING),
  RAPPORT_FIELD (RapportEvent, scores[RAPPORT_SCORE_QUALITY_PEOPLE], "score-people", INT),
  RAPPORT_FIELD (RapportEvent, scores[RAPPORT_SCORE_NEW_PEOPLE], "score-new", INT),
  RAPPORT_FIELD (RapportEvent, scores[RAPPORT_SCORE_MUTUAL_HELP], "score-help", INT),
  RAPPORT_FIELD (RapportEvent, scores[RAPPORT_SCORE_GOOD_USE], "score-time", INT),
  RAPPORT_FIELD (RapportEvent, go_again, "go-again", INT),
  RAPPORT_FIELD (RapportEvent, quality, "quality", INT),
  RAPPORT_FIELD (RapportEvent, n_people, "n-people", INT),
  RAPPORT_FIELD (RapportEvent, n_meaningful, "n-meaningful", INT),
};

RAPPORT_RECORD_CLASS (RapportEvent, rapport_event)

static void
rapport_event_init (RapportEvent *self)
{
  self->duration_min = 60;
  self->go_again = -1;
  self->quality = -1;
}

RapportEvent *
rapport_event_new (const char *title,
                   gint64 starts_at)
{
  return g_object_new (RAPPORT_TYPE_EVENT, "title", title, "starts-at", starts_at, NULL);
}

/**
 * rapport_event_copy:
 * @self: an event
 *
 * Returns: (transfer full): a detached copy with the same id, for editing
 */
RapportEvent *
rapport_event_copy (RapportEvent *self)
{
  RapportEvent *copy;

  g_return_val_if_fail (RAPPORT_IS_EVENT (self), NULL);
  copy = g_object_new (RAPPORT_TYPE_EVENT, NULL);
  rapport_record_copy (G_OBJECT (copy), G_OBJECT (self), fields, N_PROPS, properties);
  return copy;
}

RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, gint64, id, PROP_ID)
RAPPORT_RECORD_STRING (RapportEvent, rapport_event, RAPPORT_IS_EVENT, uuid, PROP_UUID)
RAPPORT_RECORD_STRING (RapportEvent, rapport_event, RAPPORT_IS_EVENT, title, PROP_TITLE)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, gint64, group_id, PROP_GROUP_ID)
RAPPORT_RECORD_STRING (RapportEvent, rapport_event, RAPPORT_IS_EVENT, group_name, PROP_GROUP_NAME)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, RapportEventKind, kind, PROP_KIND)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, gint64, starts_at, PROP_STARTS_AT)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, int, duration_min, PROP_DURATION_MIN)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, int, travel_min, PROP_TRAVEL_MIN)
RAPPORT_RECORD_STRING (RapportEvent, rapport_event, RAPPORT_IS_EVENT, location, PROP_LOCATION)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, gint64, cost_cents, PROP_COST_CENTS)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, int, room_size, PROP_ROOM_SIZE)
RAPPORT_RECORD_STRING (RapportEvent, rapport_event, RAPPORT_IS_EVENT, notes, PROP_NOTES)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, int, go_again, PROP_GO_AGAIN)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, int, quality, PROP_QUALITY)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, int, n_people, PROP_N_PEOPLE)
RAPPORT_RECORD_SCALAR (RapportEvent, rapport_event, RAPPORT_IS_EVENT, int, n_meaningful, PROP_N_MEANINGFUL)

int
rapport_event_get_score (RapportEvent *self,
                         RapportScoreQuestion question)
{
  g_return_val_if_fail (RAPPORT_IS_EVENT (self), 0);
  g_return_val_if_fail (question < RAPPORT_N_SCORE_QUESTIONS, 0);
  return self->scores[question];
}

void
rapport_event_set_score (RapportEvent *self,
                         RapportScoreQuestion question,
                         int value)
{
  g_return_if_fail (RAPPORT_IS_EVENT (self));
  g_return_if_fail (question < RAPPORT_N_SCORE_QUESTIONS);
  rapport_record_set_int (G_OBJECT (self), fields, properties, PROP_SCORE_PEOPLE + question, value);
}

gboolean
rapport_event_has_scorecard (RapportEvent *self)
{
  g_return_val_if_fail (RAPPORT_IS_EVENT (self), FALSE);
  return self->scores[0] != 0;
}

gint64
rapport_event_get_ends_at (RapportEvent *self)
{
  g_return_val_if_fail (RAPPORT_IS_EVENT (self), 0);
  return self->starts_at + (gint64) self->duration_min * 60;
}

/**
 * rapport_quality_score:
 * @answers: the four scorecard answers, each 1–5
 *
 * The quality score of an event, 0–100: the answers' sum above its
 * minimum (4) as a share of its range (16), rounded half up. All fives
 * give 100, all ones 0, all threes 50. The database derives the same
 * number in the generated column events.quality.
 *
 * Returns: the score, or -1 when an answer is outside 1–5
 */
int
rapport_quality_score (const int answers[RAPPORT_N_SCORE_QUESTIONS])
{
  int sum = 0;

  for (guint i = 0; i < RAPPORT_N_SCORE_QUESTIONS; i++)
    {
      if (answers[i] < 1 || answers[i] > 5)
        return -1;
      sum += answers[i];
    }
  return ((sum - 4) * 25 + 2) / 4;
}
