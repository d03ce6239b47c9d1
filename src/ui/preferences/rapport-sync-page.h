/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sync-page.h: the Sync page of Preferences. */
#pragma once

#include <adwaita.h>

#include "rapport-application.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SYNC_PAGE (rapport_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (RapportSyncPage, rapport_sync_page, RAPPORT, SYNC_PAGE, AdwPreferencesPage)

void rapport_sync_page_set_application (RapportSyncPage *self, RapportApplication *app);

G_END_DECLS
