/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sample.h: a made-up network, for "Explore a sample network" and
 * for the benchmarks. */
#pragma once

#include <gio/gio.h>

#include "rapport-types.h"

G_BEGIN_DECLS

/**
 * RapportSampleProgress:
 * @done: contacts written so far
 * @total: contacts to write
 * @user_data: the data given to rapport_sample_fill()
 *
 * Reports how far rapport_sample_fill() has come, in the thread that runs it.
 */
typedef void (*RapportSampleProgress) (guint done,
                                       guint total,
                                       gpointer user_data);

gboolean rapport_sample_fill (RapportStore *store,
                              guint n_contacts,
                              guint32 seed,
                              const char *today,
                              RapportSampleProgress progress,
                              gpointer user_data,
                              GCancellable *cancellable,
                              GError **error);
gboolean rapport_sample_fill_full (RapportStore *store,
                                   guint n_contacts,
                                   guint n_events,
                                   guint32 seed,
                                   const char *today,
                                   RapportSampleProgress progress,
                                   gpointer user_data,
                                   GCancellable *cancellable,
                                   GError **error);
gboolean rapport_sample_is_present (RapportStore *store);
guint rapport_sample_count (RapportStore *store);
gboolean rapport_sample_remove (RapportStore *store,
                                GError **error);

G_END_DECLS
