/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-hlc.h: hybrid logical clock stamps for sync-ready records. */
#pragma once

#include <glib.h>

#include "rapport-types.h"

G_BEGIN_DECLS

/* "pppppppppppp-cccc-nnnnnnnnnnnnnnnn": 48-bit milliseconds, a 16-bit
 * counter and the 64-bit node id, all lower-case hex, so that stamps
 * compare correctly as plain strings. */
#define RAPPORT_HLC_LENGTH 34

/* How far ahead of a sync server's clock a stamp may be (docs/sync-protocol.md). */
#define RAPPORT_HLC_MAX_SKEW_MS (5 * 60 * 1000)

RapportHlc *rapport_hlc_new (guint64 node_id);
void rapport_hlc_free (RapportHlc *self);
guint64 rapport_hlc_get_node_id (RapportHlc *self);
char *rapport_hlc_now (RapportHlc *self);
char *rapport_hlc_tick (RapportHlc *self, gint64 wall_ms);
gboolean rapport_hlc_receive (RapportHlc *self, const char *remote, gint64 wall_ms);
gboolean rapport_hlc_parse (const char *stamp, gint64 *ms, guint *counter, guint64 *node_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportHlc, rapport_hlc_free)

G_END_DECLS
