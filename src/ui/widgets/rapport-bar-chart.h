/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-bar-chart.h: bars at categories or months, grouped or stacked,
 * upright or lying, with an optional line over them. */
#pragma once

#include "rapport-chart.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_BAR_CHART (rapport_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (RapportBarChart, rapport_bar_chart, RAPPORT, BAR_CHART, RapportChart)

GtkWidget *rapport_bar_chart_new (void);
void rapport_bar_chart_set_stacked (RapportBarChart *self, gboolean stacked);
gboolean rapport_bar_chart_get_stacked (RapportBarChart *self);
void rapport_bar_chart_set_horizontal (RapportBarChart *self, gboolean horizontal);
void rapport_bar_chart_set_overlay (RapportBarChart *self, RapportChartSeries *line);

G_END_DECLS
