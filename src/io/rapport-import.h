/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-import.h: bringing contact files into the store: read and
 * check them, find the people already there, then write everything in
 * one transaction or nothing. */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/**
 * RapportImportChoice:
 * @RAPPORT_IMPORT_MERGE: complete the existing contact with the card
 * @RAPPORT_IMPORT_KEEP_BOTH: add the card as a contact of its own
 * @RAPPORT_IMPORT_SKIP: leave the card out
 *
 * What to do with a card for somebody already in the contacts.
 */
typedef enum {
  RAPPORT_IMPORT_MERGE,
  RAPPORT_IMPORT_KEEP_BOTH,
  RAPPORT_IMPORT_SKIP,
} RapportImportChoice;

/**
 * RapportImportReport:
 * @added: new contacts written (kept-both duplicates among them)
 * @merged: cards merged into a contact
 * @skipped: duplicates left out by choice
 * @problems: (element-type utf8): the cards and lines left out, each as
 *   "FILE, line N: reason"
 *
 * What an import did, to show when it ends.
 */
typedef struct
{
  guint added;
  guint merged;
  guint skipped;
  GPtrArray *problems;
} RapportImportReport;

/**
 * RapportImportProgress:
 * @done: cards handled so far
 * @total: cards to handle
 * @user_data: the data given with the callback
 */
typedef void (*RapportImportProgress) (guint done, guint total, gpointer user_data);

#define RAPPORT_TYPE_IMPORT (rapport_import_get_type ())
G_DECLARE_FINAL_TYPE (RapportImport, rapport_import, RAPPORT, IMPORT, GObject)

RapportImport *rapport_import_new (RapportStore *store);

gboolean rapport_import_read (RapportImport *self,
                              GFile *const *files,
                              guint n_files,
                              GCancellable *cancellable,
                              GError **error);
void rapport_import_read_async (RapportImport *self,
                                GFile *const *files,
                                guint n_files,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean rapport_import_read_finish (RapportImport *self,
                                     GAsyncResult *result,
                                     GError **error);

guint rapport_import_get_n_cards (RapportImport *self);
guint rapport_import_get_n_new (RapportImport *self);
guint rapport_import_get_n_duplicates (RapportImport *self);
guint rapport_import_get_n_problems (RapportImport *self);
const char *const *rapport_import_get_sources (RapportImport *self);
char *rapport_import_get_file_names (RapportImport *self);

RapportContact *rapport_import_get_duplicate (RapportImport *self, guint index, gint64 *existing_id);
RapportImportChoice rapport_import_get_choice (RapportImport *self, guint index);
void rapport_import_set_choice (RapportImport *self, guint index, RapportImportChoice choice);
void rapport_import_set_all_choices (RapportImport *self, RapportImportChoice choice);

gboolean rapport_import_apply (RapportImport *self,
                               RapportImportProgress progress,
                               gpointer user_data,
                               GCancellable *cancellable,
                               GError **error);
void rapport_import_apply_async (RapportImport *self,
                                 RapportImportProgress progress,
                                 gpointer progress_data,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean rapport_import_apply_finish (RapportImport *self,
                                      GAsyncResult *result,
                                      GError **error);

const RapportImportReport *rapport_import_get_report (RapportImport *self);

G_END_DECLS
