/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-text.h: text and date helpers shared by the store and the UI. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many words of a search are looked for. */
#define RAPPORT_TEXT_MAX_SEARCH_WORDS 16

char *rapport_text_fold (const char *text);
char *rapport_text_fts_query (const char *user_text);
char *rapport_text_initials (const char *name);
char *rapport_text_json_quote (const char *text);
void rapport_text_append_json_quoted (GString *out, const char *text);
gboolean rapport_text_is_blank (const char *text);
gboolean rapport_text_is_email_address (const char *text);

gboolean rapport_date_is_valid (const char *iso_date);
char *rapport_date_today (void);
gint64 rapport_time_now (void);
char *rapport_date_format (const char *iso_date);
char *rapport_cadence_describe (int days);
char *rapport_date_add_days (const char *iso_date, int days);
int rapport_date_days_between (const char *from, const char *to);

G_END_DECLS
