/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-insights-view.h: charts of the user's networking, for a period. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INSIGHTS_VIEW (rapport_insights_view_get_type ())
G_DECLARE_FINAL_TYPE (RapportInsightsView, rapport_insights_view, RAPPORT, INSIGHTS_VIEW, GtkWidget)

void rapport_insights_view_set_store (RapportInsightsView *self, RapportStore *store);
gboolean rapport_insights_view_is_busy (RapportInsightsView *self);
GPtrArray *rapport_insights_view_get_charts (RapportInsightsView *self);

G_END_DECLS
