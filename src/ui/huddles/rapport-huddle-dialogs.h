/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-huddle-dialogs.h: the small questions of the huddle page. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

void rapport_member_dialog_present (GtkWidget *from, RapportStore *store, RapportHuddleMember *member);
void rapport_referral_step_dialog_present (GtkWidget *from, RapportStore *store, RapportReferral *referral);
void rapport_catalogue_dialog_present (GtkWidget *from, RapportStore *store, RapportHuddle *huddle);

G_END_DECLS
