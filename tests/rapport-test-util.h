/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-util.h: what every core test needs: a private folder for its
 * database, a store opened there, and a way to look at the rows behind the
 * public API. */
#pragma once

#include "rapport-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *path;
  RapportStore *store;
} RapportTestStore;

char *rapport_test_make_tmp_dir (void);
void rapport_test_remove_tree (const char *path);

void rapport_test_store_setup (RapportTestStore *fixture, gconstpointer data);
void rapport_test_store_teardown (RapportTestStore *fixture, gconstpointer data);
RapportStore *rapport_test_store_reopen (RapportTestStore *fixture);

gint64 rapport_test_sql_int (RapportStore *store, const char *format, ...) G_GNUC_PRINTF (2, 3);
char *rapport_test_sql_text (RapportStore *store, const char *format, ...) G_GNUC_PRINTF (2, 3);
gint64 rapport_test_db_int (sqlite3 *db, const char *sql);
char *rapport_test_db_text (sqlite3 *db, const char *sql);

/* Waiting on the main loop for an asynchronous call to finish. */
typedef struct
{
  gboolean done;
  GAsyncResult *result;
} RapportTestWait;

void rapport_test_wait_done (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *rapport_test_wait (RapportTestWait *wait, guint timeout_s);

RapportContact *rapport_test_add_contact (RapportStore *store, const char *name);
void rapport_test_assert_contact_days (RapportStore *store);
GArray *rapport_test_search (RapportStore *store, const char *search, gboolean archived);

G_END_DECLS
