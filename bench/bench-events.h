/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-events.h: the event lists and the group figures, measured. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int bench_events_run (const char *folder, guint n_contacts, guint n_events, guint n_interactions);

G_END_DECLS
