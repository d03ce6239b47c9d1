/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-application.h: the application object. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"
#include "rapport-sync-client.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_APPLICATION (rapport_application_get_type ())
G_DECLARE_FINAL_TYPE (RapportApplication, rapport_application, RAPPORT, APPLICATION, AdwApplication)

RapportApplication *rapport_application_new (void);
RapportStore *rapport_application_get_store (RapportApplication *self);
const GError *rapport_application_get_store_error (RapportApplication *self);
GSettings *rapport_application_get_settings (RapportApplication *self);
RapportSyncClient *rapport_application_get_sync (RapportApplication *self);
const char *rapport_application_get_keyring_error (RapportApplication *self);
void rapport_application_set_keyring_error (RapportApplication *self, const char *message);
void rapport_application_keep_sign_in (RapportApplication *self, const char *token);
void rapport_application_sign_out (RapportApplication *self);

G_END_DECLS
