/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart-card.h: one chart of Insights, with its heading and exports. */
#pragma once

#include <adwaita.h>

#include "rapport-chart.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CHART_CARD (rapport_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (RapportChartCard, rapport_chart_card, RAPPORT, CHART_CARD, GtkWidget)

GtkWidget *rapport_chart_card_new (const char *title, const char *description, RapportChart *chart);
RapportChart *rapport_chart_card_get_chart (RapportChartCard *self);
void rapport_chart_card_add_footer (RapportChartCard *self, GtkWidget *footer);
GtkWidget *rapport_chart_card_new_heading (const char *title, const char *description, GtkWidget *button);

G_END_DECLS
