/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-recurrence.h: a huddle's meeting schedule (an iCalendar RRULE)
 * checked and turned into meeting times. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rapport_recurrence_check (const char *rrule,
                                   GError **error);
GArray *rapport_recurrence_expand (const char *rrule,
                                   gint64 first_start,
                                   GTimeZone *tz,
                                   gint64 from,
                                   gint64 until,
                                   guint max,
                                   GError **error);

G_END_DECLS
