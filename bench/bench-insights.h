/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-insights.h: every figure of Insights, measured. */
#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

int bench_insights_run (RapportStore *store, const char *path, guint n_interactions, gint64 now);

G_END_DECLS
