/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-referral.c: a referral: from one person to another about a prospect, optionally
 * within a huddle. Contact ids of 0 stand for the user. "status",
 * "value-cents" and "status-on" are derived from the latest step of its
 * append-only ledger; the store reads them, nothing writes them back.
 */
#define G_LOG_DOMAIN "rapport-referral"

#include "config.h"

#include "rapport-record-private.h"
#include "rapport-referral.h"

struct _RapportReferral
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 from_contact;
  char *from_name;
  gint64 to_contact;
  char *to_name;
  gint64 prospect;
  char *prospect_name;
  gint64 huddle_id;
  char *huddle_name;
  char *given_on;
  char *note;
  int status;
  gint64 value_cents;
  char *status_on;
};

G_DEFINE_FINAL_TYPE (RapportReferral, rapport_referral, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_FROM_CONTACT,
  PROP_FROM_NAME,
  PROP_TO_CONTACT,
  PROP_TO_NAME,
  PROP_PROSPECT,
  PROP_PROSPECT_NAME,
  PROP_HUDDLE_ID,
  PROP_HUDDLE_NAME,
  PROP_GIVEN_ON,
  PROP_NOTE,
  PROP_STATUS,
  PROP_VALUE_CENTS,
  PROP_STATUS_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RapportRecordField fields[N_PROPS] = {
  { NULL },
  RAPPORT_FIELD (RapportReferral, id, "id", INT64),
  RAPPORT_FIELD (RapportReferral, uuid, "uuid", STRING),
  RAPPORT_FIELD (RapportReferral, from_contact, "from-contact", INT64),
  RAPPORT_FIELD (RapportReferral, from_name, "from-name", STRING),
  RAPPORT_FIELD (RapportReferral, to_contact, "to-contact", INT64),
  RAPPORT_FIELD (RapportReferral, to_name, "to-name", STRING),
  RAPPORT_FIELD (RapportReferral, prospect, "prospect", INT64),
  RAPPORT_FIELD (RapportReferral, prospect_name, "prospect-name", STRING),
  RAPPORT_FIELD (RapportReferral, huddle_id, "huddle-id", INT64),
  RAPPORT_FIELD (RapportReferral, huddle_name, "huddle-name", STRING),
  RAPPORT_FIELD (RapportReferral, given_on, "given-on", STRING),
  RAPPORT_FIELD (RapportReferral, note, "note", STRING),
  RAPPORT_FIELD (RapportReferral, status, "status", INT),
  RAPPORT_FIELD (RapportReferral, value_cents, "value-cents", INT64),
  RAPPORT_FIELD (RapportReferral, status_on, "status-on", STRING),
};

RAPPORT_RECORD_CLASS (RapportReferral, rapport_referral)

static void
rapport_referral_init (RapportReferral *self)
{
}

/**
 * rapport_referral_copy:
 * @self: a record
 *
 * Returns: (transfer full): a detached copy with the same id, for editing
 */
RapportReferral *
rapport_referral_copy (RapportReferral *self)
{
  RapportReferral *copy;

  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), NULL);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  rapport_record_copy (G_OBJECT (copy), G_OBJECT (self), fields, N_PROPS, properties);
  return copy;
}

RAPPORT_RECORD_SCALAR (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, gint64, id, PROP_ID)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, uuid, PROP_UUID)
RAPPORT_RECORD_SCALAR (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, gint64, from_contact, PROP_FROM_CONTACT)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, from_name, PROP_FROM_NAME)
RAPPORT_RECORD_SCALAR (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, gint64, to_contact, PROP_TO_CONTACT)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, to_name, PROP_TO_NAME)
RAPPORT_RECORD_SCALAR (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, gint64, prospect, PROP_PROSPECT)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, prospect_name, PROP_PROSPECT_NAME)
RAPPORT_RECORD_SCALAR (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, gint64, huddle_id, PROP_HUDDLE_ID)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, huddle_name, PROP_HUDDLE_NAME)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, given_on, PROP_GIVEN_ON)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, note, PROP_NOTE)
RAPPORT_RECORD_SCALAR (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, int, status, PROP_STATUS)
RAPPORT_RECORD_SCALAR (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, gint64, value_cents, PROP_VALUE_CENTS)
RAPPORT_RECORD_STRING (RapportReferral, rapport_referral, RAPPORT_IS_REFERRAL, status_on, PROP_STATUS_ON)
