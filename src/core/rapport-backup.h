/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-backup.h: the whole database in one file, and back. */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* How many automatic backups (before an upgrade, before a restore) the
 * backups folder keeps; older ones are deleted. */
#define RAPPORT_BACKUP_KEEP 5

/**
 * RapportProgressFunc:
 * @fraction: how much is done, from 0 to 1
 * @user_data: the data given with the function
 *
 * Called in the caller's main context while long work runs.
 */
typedef void (*RapportProgressFunc) (double fraction, gpointer user_data);

/**
 * RapportBackup:
 *
 * A backup file that was checked and is ready to restore: a private copy,
 * brought up to this version's data format and the live file's page size.
 * The copy is deleted with the last reference.
 */
typedef struct _RapportBackup RapportBackup;

RapportBackup *rapport_backup_ref (RapportBackup *backup);
void rapport_backup_unref (RapportBackup *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportBackup, rapport_backup_unref)

gint64 rapport_backup_get_made (RapportBackup *backup);
int rapport_backup_get_version (RapportBackup *backup);
guint rapport_backup_get_n_contacts (RapportBackup *backup);
const char *rapport_backup_get_safety_path (RapportBackup *backup);

char *rapport_store_get_backups_dir (RapportStore *self);

void rapport_store_back_up_async (RapportStore *self,
                                  const char *path,
                                  GCancellable *cancellable,
                                  RapportProgressFunc progress,
                                  gpointer progress_data,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean rapport_store_back_up_finish (RapportStore *self, GAsyncResult *result, GError **error);

void rapport_store_open_backup_async (RapportStore *self,
                                      const char *path,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
RapportBackup *rapport_store_open_backup_finish (RapportStore *self, GAsyncResult *result, GError **error);

void rapport_store_restore_async (RapportStore *self,
                                  RapportBackup *backup,
                                  GCancellable *cancellable,
                                  RapportProgressFunc progress,
                                  gpointer progress_data,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean rapport_store_restore_finish (RapportStore *self, GAsyncResult *result, char **safety_path, GError **error);

G_END_DECLS
