/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-error.h: the error domain of Rapport's core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_ERROR (rapport_error_quark ())

/**
 * RapportError:
 * @RAPPORT_ERROR_INVALID: a record failed validation; the message says why
 *   in words a user understands.
 * @RAPPORT_ERROR_NOT_FOUND: the record does not exist (any more).
 * @RAPPORT_ERROR_NOT_A_DATABASE: the file is not a Rapport database or is
 *   damaged; it was left untouched.
 * @RAPPORT_ERROR_TOO_NEW: the database was written by a newer Rapport; it
 *   was left untouched.
 * @RAPPORT_ERROR_DATABASE: SQLite reported an error.
 * @RAPPORT_ERROR_BUSY: another long write (an import, a restore) holds
 *   the store; try again when it has finished
 * @RAPPORT_ERROR_BACKUP_FAILED: the automatic backup before an upgrade
 *   could not be written, so the database was not upgraded; it was left
 *   untouched.
 */
typedef enum {
  RAPPORT_ERROR_INVALID,
  RAPPORT_ERROR_NOT_FOUND,
  RAPPORT_ERROR_NOT_A_DATABASE,
  RAPPORT_ERROR_TOO_NEW,
  RAPPORT_ERROR_DATABASE,
  RAPPORT_ERROR_BUSY,
  RAPPORT_ERROR_BACKUP_FAILED,
} RapportError;

GQuark rapport_error_quark (void);

G_END_DECLS
