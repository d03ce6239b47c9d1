/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-insights-list.h: the records behind a month of a chart. */
#pragma once

#include <gtk/gtk.h>

#include "rapport-stats.h"

G_BEGIN_DECLS

void rapport_insights_list_show (GtkWidget *from,
                                 const char *path,
                                 RapportStatsList list,
                                 gint64 from_time,
                                 gint64 until_time,
                                 const char *month);

G_END_DECLS
