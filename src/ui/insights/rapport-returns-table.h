/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-returns-table.h: what each group gave back for the time and money. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_RETURNS_TABLE (rapport_returns_table_get_type ())
G_DECLARE_FINAL_TYPE (RapportReturnsTable, rapport_returns_table, RAPPORT, RETURNS_TABLE, GtkWidget)

RapportReturnsTable *rapport_returns_table_new (void);
GtkWidget *rapport_returns_table_new_card (RapportReturnsTable *table);
void rapport_returns_table_set_rows (RapportReturnsTable *self, GArray *group_returns);
GListModel *rapport_returns_table_get_model (RapportReturnsTable *self);
char *rapport_returns_table_to_csv (RapportReturnsTable *self);

G_END_DECLS
