/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-event-person.c: someone the user met at an event, and whether
 * it was a meaningful conversation. */
#define G_LOG_DOMAIN "rapport-event"

#include "config.h"

#include "rapport-event.h"
#include "rapport-record-private.h"

struct _RapportEventPerson
{
  GObject parent_instance;

  gint64 event_id;
  gint64 contact_id;
  char *name;
  char *company;
  gboolean meaningful;
  char *note;
};

G_DEFINE_FINAL_TYPE (RapportEventPerson, rapport_event_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EVENT_ID,
  PROP_CONTACT_ID,
  PROP_NAME,
  PROP_COMPANY,
  PROP_MEANINGFUL,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportEventPerson, event_id, "event-id", INT64),
  RAPPORT_FIELD (RapportEventPerson, contact_id, "contact-id", INT64),
  RAPPORT_FIELD (RapportEventPerson, name, "name", STRING),
  RAPPORT_FIELD (RapportEventPerson, company, "company", STRING),
  RAPPORT_FIELD (RapportEventPerson, meaningful, "meaningful", BOOLEAN),
  RAPPORT_FIELD (RapportEventPerson, note, "note", STRING),
};

RAPPORT_RECORD_CLASS (RapportEventPerson, rapport_event_person)

static void
rapport_event_person_init (RapportEventPerson *self)
{
}

RAPPORT_RECORD_SCALAR (RapportEventPerson, rapport_event_person, RAPPORT_IS_EVENT_PERSON, gint64, event_id, PROP_EVENT_ID)
RAPPORT_RECORD_SCALAR (RapportEventPerson, rapport_event_person, RAPPORT_IS_EVENT_PERSON, gint64, contact_id, PROP_CONTACT_ID)
RAPPORT_RECORD_STRING (RapportEventPerson, rapport_event_person, RAPPORT_IS_EVENT_PERSON, name, PROP_NAME)
RAPPORT_RECORD_STRING (RapportEventPerson, rapport_event_person, RAPPORT_IS_EVENT_PERSON, company, PROP_COMPANY)
RAPPORT_RECORD_SCALAR (RapportEventPerson, rapport_event_person, RAPPORT_IS_EVENT_PERSON, gboolean, meaningful, PROP_MEANINGFUL)
RAPPORT_RECORD_STRING (RapportEventPerson, rapport_event_person, RAPPORT_IS_EVENT_PERSON, note, PROP_NOTE)
