/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-followup-row.h: one line of the Follow-ups view. */
#pragma once

#include <adwaita.h>

#include "rapport-followup.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FOLLOWUP_ROW (rapport_followup_row_get_type ())
G_DECLARE_FINAL_TYPE (RapportFollowupRow, rapport_followup_row, RAPPORT, FOLLOWUP_ROW, GtkWidget)

GtkWidget *rapport_followup_row_new (void);
void rapport_followup_row_show_heading (RapportFollowupRow *self,
                                        const char *heading);
void rapport_followup_row_show_followup (RapportFollowupRow *self,
                                         RapportFollowup *followup,
                                         const char *today);

G_END_DECLS
