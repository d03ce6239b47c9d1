/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-format.h: how the views word dates, money, time and quality. */
#pragma once

#include <gtk/gtk.h>

#include "rapport-store.h"

G_BEGIN_DECLS

char *rapport_format_event_when (RapportEvent *event);
char *rapport_format_event_details (RapportEvent *event);
char *rapport_format_money (gint64 cents);
char *rapport_format_minutes (gint64 minutes);
void rapport_format_quality_badge (GtkWidget *label, int quality);
void rapport_format_referral (RapportReferral *referral, char **title, char **subtitle);
char *rapport_followup_due_for (GSettings *settings, const char *met_on);

G_END_DECLS
