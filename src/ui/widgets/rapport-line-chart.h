/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-line-chart.h: each series a line through its points. */
#pragma once

#include "rapport-chart.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_LINE_CHART (rapport_line_chart_get_type ())
G_DECLARE_FINAL_TYPE (RapportLineChart, rapport_line_chart, RAPPORT, LINE_CHART, RapportChart)

GtkWidget *rapport_line_chart_new (void);

G_END_DECLS
