/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-ical.h: events and meeting schedules as iCalendar (.ics) text
 * for other calendar apps. */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

char *rapport_ical_export_event (RapportEvent *event,
                                 GError **error);
char *rapport_ical_export_events (RapportStore *store,
                                  GArray *event_ids,
                                  const char *calendar_name,
                                  GError **error);
char *rapport_ical_export_schedule (const char *name,
                                    const char *place,
                                    const char *uid_seed,
                                    const char *rrule,
                                    gint64 first_start,
                                    int duration_min,
                                    GTimeZone *tz,
                                    gint64 from,
                                    gint64 until,
                                    GError **error);
char *rapport_ical_export_calendar (RapportStore *store,
                                    gint64 now,
                                    GError **error);
gboolean rapport_ical_write_file (const char *ics_text,
                                  GFile *file,
                                  GError **error);

G_END_DECLS
