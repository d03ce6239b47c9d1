/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-referral-editor.h: the dialog that logs a referral in a huddle. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_REFERRAL_EDITOR (rapport_referral_editor_get_type ())
G_DECLARE_FINAL_TYPE (RapportReferralEditor, rapport_referral_editor, RAPPORT, REFERRAL_EDITOR, AdwWindow)

GtkWidget *rapport_referral_editor_new (GtkWindow *parent, RapportStore *store, gint64 huddle_id);

G_END_DECLS
