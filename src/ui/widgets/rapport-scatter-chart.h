/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-scatter-chart.h: a dot a point, coloured by series, with an
 * optional trend line per series. */
#pragma once

#include "rapport-chart.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SCATTER_CHART (rapport_scatter_chart_get_type ())
G_DECLARE_FINAL_TYPE (RapportScatterChart, rapport_scatter_chart, RAPPORT, SCATTER_CHART, RapportChart)

GtkWidget *rapport_scatter_chart_new (void);
void rapport_scatter_chart_set_trend_lines (RapportScatterChart *self, gboolean trend);
gboolean rapport_scatter_chart_get_trend_lines (RapportScatterChart *self);

G_END_DECLS
