/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-backup-dialogs.h: backing up and restoring from the window. */
#pragma once

#include "rapport-window.h"

G_BEGIN_DECLS

void rapport_backup_dialogs_ask_back_up (RapportWindow *window);
void rapport_backup_dialogs_ask_restore (RapportWindow *window);
void rapport_backup_dialogs_back_up (RapportWindow *window, GFile *file);
void rapport_backup_dialogs_restore (RapportWindow *window, GFile *file);

G_END_DECLS
