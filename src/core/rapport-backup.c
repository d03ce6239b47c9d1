/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-backup.c: backing the database up to one file, the automatic
 * backups before an upgrade or a restore, and restoring from a backup.
 *
 * A backup is SQLite's VACUUM INTO: a consistent, compact copy made by
 * reading the database, never a copy of the live file (which would miss
 * what the -wal file holds, or catch it half written). It is written
 * beside its final name and renamed once it has been checked, so a
 * failed or cancelled backup leaves no half file. Reading happens on a
 * connection of its own in a worker thread; WAL lets the window go on
 * writing meanwhile.
 *
 * Restoring never writes to the live file until the backup is known to
 * be good: a private copy is checked (it opens, passes quick_check, is a
 * Rapport database no newer than this version), brought up to this
 * version's data format and to the live file's page size there, and the
 * current data is backed up. Only then does the store's own connection,
 * the one that writes, take the copy's pages with the online backup API,
 * a few at a time from the main loop. Stopping before the last step rolls
 * the whole transaction back.
 */
#define G_LOG_DOMAIN "rapport-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-backup.h"
#include "rapport-error.h"
#include "rapport-store-private.h"

/* The progress handler runs every this many virtual machine steps; a
 * cancelled backup stops within a millisecond or so. */
#define PROGRESS_OPS 4000
/* Progress is reported at most this often, in microseconds. */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 20)
/* Pages the restore copies per turn of the main loop: 512 KiB at 16 KiB
 * pages, a few milliseconds, so the window stays responsive. */
#define RESTORE_STEP_PAGES 32
/* The tables every Rapport database has had since version 1. */
#define RAPPORT_TABLES "('meta', 'contacts', 'interactions', 'followups', 'outbox')"
#define N_RAPPORT_TABLES 5

struct _RapportBackup
{
  char *source;      /* the file the user chose */
  char *copy;        /* the private, checked copy */
  char *safety_path; /* where the current data will be saved first */
  gint64 made;
  int version;
  guint n_contacts;
};

/* The first column of @sql's first row, or FALSE with @error. */
static gboolean
query_int (sqlite3 *db,
           const char *sql,
           gint64 *value,
           GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      rapport_db_set_error (db, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  else
    rapport_db_set_error (db, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

/* PRAGMA quick_check answers "ok", or what it found wrong. */
static gboolean
quick_check (sqlite3 *db,
             GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *answer = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      rapport_db_set_error (db, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    answer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    rapport_db_set_error (db, error);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;
  if (g_strcmp0 (answer, "ok") != 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_A_DATABASE,
                   _("The file is damaged (%s)."), answer ? answer : "?");
      return FALSE;
    }
  return TRUE;
}

static void set_errno_error (GError **error, int saved_errno, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* @format says what failed; the system's reason follows it. */
static void
set_errno_error (GError **error,
                 int saved_errno,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", message, g_strerror (saved_errno));
}

/* VACUUM INTO does not sync what it wrote; the rename must not land
 * before the data does. */
static gboolean
sync_file (const char *path,
           gboolean directory,
           GError **error)
{
  int fd = g_open (path, directory ? O_RDONLY : O_RDWR, 0);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (path);

      set_errno_error (error, saved_errno, _("Could not open “%s”"), name);
      return FALSE;
    }
  if (fsync (fd) != 0 && !directory)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (path);

      set_errno_error (error, saved_errno, _("Could not write “%s” to the disk"), name);
      close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

typedef struct
{
  GCancellable *cancellable;
  RapportProgressFunc progress;
  gpointer progress_data;
  const char *path;
  gint64 expected_bytes;
  gint64 next_report;
} Vacuum;

/* Runs inside VACUUM INTO, in the thread that writes the backup. The
 * output file grows as SQLite writes its pages, against the size of the
 * pages in use in the database: a fair measure of the work done. */
static int
on_vacuum_step (void *data)
{
  Vacuum *vacuum = data;
  gint64 now;
  GStatBuf buf;
  double fraction = 0;

  if (g_cancellable_is_cancelled (vacuum->cancellable))
    return 1;
  if (vacuum->progress == NULL)
    return 0;
  now = g_get_monotonic_time ();
  if (now < vacuum->next_report)
    return 0;
  vacuum->next_report = now + PROGRESS_INTERVAL;
  if (vacuum->expected_bytes > 0 && g_stat (vacuum->path, &buf) == 0)
    fraction = MIN ((double) buf.st_size / vacuum->expected_bytes, 0.99);
  vacuum->progress (fraction, vacuum->progress_data);
  return 0;
}

/* A backup must open as a database that passes quick_check, with the
 * schema version of the file it came from. */
static gboolean
check_written (const char *path,
               gint64 version,
               GError **error)
{
  sqlite3 *db = NULL;
  gint64 written = -1;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      if (db != NULL)
        rapport_db_set_error (db, error);
      else
        g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, _("The backup could not be opened."));
      sqlite3_close (db);
      return FALSE;
    }
  ok = quick_check (db, error) && query_int (db, "PRAGMA user_version", &written, error);
  sqlite3_close (db);
  if (ok && written != version)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE,
                   _("The backup has data format %d instead of %d."), (int) written, (int) version);
      ok = FALSE;
    }
  if (!ok)
    g_prefix_error (error, _("The backup did not read back correctly. "));
  return ok;
}

/* The moment a backup was made, kept inside it, so that a restore can say
 * "the backup from 12 November" whatever happened to the file's dates. */
static gboolean
stamp_made (const char *path,
            GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      if (db != NULL)
        rapport_db_set_error (db, error);
      sqlite3_close (db);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('backup-made', ?)", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    rapport_db_set_error (db, error);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/**
 * rapport_backup_write_db:
 * @db: a connection to a Rapport database; only read
 * @path: the backup file to write; replaced if it exists
 * @cancellable: (nullable): stops the backup, which then leaves nothing
 * @progress: (nullable): called in this thread as the backup is written
 * @progress_data: for @progress
 * @error: return location for a #GError
 *
 * Writes the whole database to @path with VACUUM INTO, first under a
 * temporary name in the same folder, then checks it and renames it. On
 * failure or cancellation no file is left, and an earlier @path stays.
 *
 * Returns: %TRUE once @path holds the checked backup
 */
gboolean
rapport_backup_write_db (sqlite3 *db,
                         const char *path,
                         GCancellable *cancellable,
                         RapportProgressFunc progress,
                         gpointer progress_data,
                         GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s-XXXXXX", dir, base);
  g_autofree char *journal = NULL;
  Vacuum vacuum = { cancellable, progress, progress_data, template, 0, 0 };
  sqlite3_stmt *stmt = NULL;
  gint64 version = 0, pages = 0, free_pages = 0, page_size = 0;
  gboolean ok = FALSE;
  int fd, rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "PRAGMA page_count", &pages, error) ||
      !query_int (db, "PRAGMA freelist_count", &free_pages, error) ||
      !query_int (db, "PRAGMA page_size", &page_size, error))
    return FALSE;
  vacuum.expected_bytes = (pages - free_pages) * page_size;

  /* VACUUM INTO accepts an empty file, so the name is taken safely (and
   * private to the user) before SQLite writes to it. */
  fd = g_mkstemp_full (template, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      set_errno_error (error, saved_errno, _("Could not write in the folder “%s”"), name);
      return FALSE;
    }
  close (fd);
  journal = g_strconcat (template, "-journal", NULL);

  if (sqlite3_prepare_v2 (db, "VACUUM INTO ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      rapport_db_set_error (db, error);
      goto out;
    }
  sqlite3_bind_text (stmt, 1, template, -1, SQLITE_STATIC);
  sqlite3_progress_handler (db, PROGRESS_OPS, on_vacuum_step, &vacuum);
  rc = sqlite3_step (stmt);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_INTERRUPT && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      rapport_db_set_error (db, error);
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !stamp_made (template, error) ||
      !check_written (template, version, error) ||
      !sync_file (template, FALSE, error))
    goto out;
  if (g_rename (template, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (path);

      set_errno_error (error, saved_errno, _("Could not save “%s”"), name);
      goto out;
    }
  sync_file (dir, TRUE, NULL);
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  if (!ok)
    g_unlink (template);
  g_unlink (journal);
  return ok;
}

/* Automatic backups are named before-<why>-v<format>-<local time>.db. */
static gboolean
is_automatic_backup (const char *name)
{
  return g_str_has_prefix (name, "before-") && g_str_has_suffix (name, ".db");
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GFileInfo *x = *(GFileInfo **) a;
  GFileInfo *y = *(GFileInfo **) b;
  g_autoptr(GDateTime) tx = g_file_info_get_modification_date_time (x);
  g_autoptr(GDateTime) ty = g_file_info_get_modification_date_time (y);
  int by_time = tx && ty ? g_date_time_compare (ty, tx) : 0;

  return by_time != 0 ? by_time : -g_strcmp0 (g_file_info_get_name (x), g_file_info_get_name (y));
}

/* Leftovers of work that a crash or a power cut stopped: temporary files
 * whose name starts with @prefix, untouched for an hour (so that nothing
 * still being written is taken). */
static void
remove_stale (const char *dir,
              const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  gint64 hour_ago = g_get_real_time () / G_USEC_PER_SEC - 3600;
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf buf;

      if (!g_str_has_prefix (name, prefix))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &buf) == 0 && S_ISREG (buf.st_mode) && buf.st_mtime < hour_ago && g_unlink (path) == 0)
        g_debug ("Removed %s, left by an interrupted backup or restore", path);
    }
}

/**
 * rapport_backup_remove_leftovers:
 * @db_path: the database file
 *
 * Deletes what an interrupted restore or automatic backup left beside
 * the database: private copies of backups, and automatic backups never
 * finished. Files of the user's are left alone.
 */
void
rapport_backup_remove_leftovers (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);

  remove_stale (dir, ".restore-");
  remove_stale (backups, ".before-");
}

/**
 * rapport_backup_prune:
 * @dir: the backups folder
 * @keep: how many automatic backups to keep
 *
 * Deletes all but the newest @keep automatic backups in @dir. Other
 * files there, such as backups the user saved there, are left alone.
 */
void
rapport_backup_prune (const char *dir,
                      guint keep)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      if (is_automatic_backup (g_file_info_get_name (info)))
        g_ptr_array_add (backups, info);
      else
        g_object_unref (info);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  for (guint i = keep; i < backups->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_file_info_get_name (backups->pdata[i]), NULL);

      if (g_unlink (path) != 0)
        g_debug ("Could not delete the old backup %s: %s", path, g_strerror (errno));
    }
}

/**
 * rapport_backup_automatic_path:
 * @db_path: the database file
 * @why: "upgrade" or "restore"
 * @version: the data format of what is backed up
 *
 * Returns: (transfer full): a name that is free in the backups folder
 *   beside @db_path, with @why, @version and the local time in it
 */
char *
rapport_backup_automatic_path (const char *db_path,
                               const char *why,
                               int version)
{
  g_autofree char *db_dir = g_path_get_dirname (db_path);
  g_autofree char *dir = g_build_filename (db_dir, "backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  char *path = NULL;

  for (guint n = 1; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("before-%s-v%d-%s.db", why, version, time)
                                     : g_strdup_printf ("before-%s-v%d-%s-%u.db", why, version, time, n);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }
  return path;
}

/* Writes an automatic backup to @path, in the backups folder, which is
 * made if needed, and keeps the newest few there. */
static gboolean
write_automatic (sqlite3 *db,
                 const char *path,
                 GCancellable *cancellable,
                 RapportProgressFunc progress,
                 gpointer progress_data,
                 GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      set_errno_error (error, saved_errno, _("Could not create the folder “%s”"), name);
      return FALSE;
    }
  if (!rapport_backup_write_db (db, path, cancellable, progress, progress_data, error))
    return FALSE;
  rapport_backup_prune (dir, RAPPORT_BACKUP_KEEP);
  return TRUE;
}

/**
 * rapport_backup_before_upgrade:
 * @db: the connection opening @db_path, before anything wrote to it
 * @db_path: the database file
 * @version: its data format, older than this version's
 * @error: return location for a #GError
 *
 * Saves the database as it is to the backups folder beside it before
 * its data format is upgraded, so that the upgrade can be undone by
 * restoring that file.
 *
 * Returns: (transfer full) (nullable): the backup's path, or %NULL with
 *   %RAPPORT_ERROR_BACKUP_FAILED; the database was not changed
 */
char *
rapport_backup_before_upgrade (sqlite3 *db,
                               const char *db_path,
                               int version,
                               GError **error)
{
  g_autofree char *path = rapport_backup_automatic_path (db_path, "upgrade", version);
  g_autoptr(GError) local_error = NULL;

  if (!write_automatic (db, path, NULL, NULL, NULL, &local_error))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_BACKUP_FAILED,
                   _("This version of Rapport stores your data in a newer format. Before changing anything it "
                     "saves a copy of the data in “%s”, and that failed: %s. Make room on the disk or make that "
                     "folder writable, then start Rapport again. Your data has not been changed."),
                      dir, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* ---- Progress from a worker thread ---- */

/* A worker's progress reaches the caller in the task's main context, and
 * never after the task's callback ran: by then the caller may have freed
 * what the progress function draws on. */
typedef struct
{
  GTask *task;
  RapportProgressFunc func;
  gpointer data;
  double from;
  double span;
} Progress;

typedef struct
{
  GTask *task;
  RapportProgressFunc func;
  gpointer data;
  double fraction;
} ProgressReport;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  if (!g_task_get_completed (report->task))
    report->func (report->fraction, report->data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static void
post_progress (double fraction,
               gpointer user_data)
{
  Progress *progress = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);

  report->task = g_object_ref (progress->task);
  report->func = progress->func;
  report->data = progress->data;
  report->fraction = progress->from + fraction * progress->span;
  g_main_context_invoke_full (g_task_get_context (progress->task), G_PRIORITY_DEFAULT, deliver_progress, report,
                              (GDestroyNotify) progress_report_free);
}

/* Opens @path for reading in a worker thread. */
static sqlite3 *
open_db (const char *path,
         int flags,
         GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      if (db != NULL)
        rapport_db_set_error (db, error);
      else
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, _("Could not open “%s”."), path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static sqlite3 *
open_reader (const char *path,
             GError **error)
{
  return open_db (path, SQLITE_OPEN_READONLY, error);
}

/* SQLite 3.40's VACUUM INTO fails on a read-only connection when a table
 * has generated columns ("table vacuum_db.events has 24 columns but 25
 * values were supplied"), so the backup reads through a read-write one.
 * It never writes to the database and never checkpoints it, not even when
 * it closes: the store's connection stays the only one that does. */
static sqlite3 *
open_backup_reader (const char *path,
                    GError **error)
{
  sqlite3 *db = open_db (path, SQLITE_OPEN_READWRITE, error);

  if (db != NULL)
    sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  return db;
}

/* ---- Backing up ---- */

typedef struct
{
  char *db_path;
  char *path;
  gboolean automatic;
  Progress progress;
} BackUpJob;

static void
back_up_job_free (BackUpJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job);
}

static void
back_up_in_thread (GTask *task,
                   gpointer source,
                   gpointer data,
                   GCancellable *cancellable)
{
  BackUpJob *job = data;
  GError *error = NULL;
  sqlite3 *db = open_backup_reader (job->db_path, &error);
  gboolean ok;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->automatic)
    ok = write_automatic (db, job->path, cancellable, job->progress.func ? post_progress : NULL, &job->progress,
                          &error);
  else
    ok = rapport_backup_write_db (db, job->path, cancellable, job->progress.func ? post_progress : NULL,
                                  &job->progress, &error);
  sqlite3_close (db);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static BackUpJob *
back_up_job_new (RapportStore *self,
                 GTask *task,
                 const char *path,
                 RapportProgressFunc progress,
                 gpointer progress_data)
{
  BackUpJob *job = g_new0 (BackUpJob, 1);

  job->db_path = g_strdup (rapport_store_get_path (self));
  job->path = g_strdup (path);
  job->progress.task = task;
  job->progress.func = progress;
  job->progress.data = progress_data;
  job->progress.span = 1;
  return job;
}

/* The path with its folder's symbolic links resolved; the file itself
 * need not exist. */
static char *
resolve (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real = realpath (dir, NULL);

  return g_build_filename (real != NULL ? real : dir, base, NULL);
}

/* Whether writing @path would replace the database at @db_path or one of
 * the files SQLite keeps beside it. */
static gboolean
is_database_file (const char *db_path,
                  const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *target = resolve (path);
  g_autofree char *db = resolve (db_path);
  GStatBuf a, b;

  if (g_stat (path, &a) == 0 && g_stat (db_path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db, suffixes[i], NULL);

      if (g_str_equal (name, target))
        return TRUE;
    }
  return FALSE;
}

/**
 * rapport_store_back_up_async:
 * @self: a store
 * @path: the backup file to write; replaced if it exists
 * @cancellable: (nullable): stops the backup, which then leaves no file
 * @progress: (nullable): called in this thread's main context as the
 *   backup is written
 * @progress_data: for @progress
 * @callback: called when the backup is written and checked
 * @user_data: for @callback
 *
 * Writes the whole database to @path, in a worker thread on a read-only
 * connection of its own, while the store goes on working. The file is
 * written under a temporary name in the same folder, opened again and
 * checked (quick_check, data format), and only then renamed to @path.
 * A @path that is the database itself, or a file SQLite keeps beside it,
 * is refused with %RAPPORT_ERROR_INVALID.
 */
void
rapport_store_back_up_async (RapportStore *self,
                             const char *path,
                             GCancellable *cancellable,
                             RapportProgressFunc progress,
                             gpointer progress_data,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_back_up_async);
  if (is_database_file (rapport_store_get_path (self), path))
    {
      g_task_return_new_error (task, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                               _("A backup cannot replace Rapport’s own data file. Choose another name or folder."));
      return;
    }
  g_task_set_task_data (task, back_up_job_new (self, task, path, progress, progress_data),
                        (GDestroyNotify) back_up_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, back_up_in_thread);
}

/**
 * rapport_store_back_up_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED when
 *   cancelled
 *
 * Returns: %TRUE when the backup is written
 */
gboolean
rapport_store_back_up_finish (RapportStore *self,
                              GAsyncResult *result,
                              GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_store_get_backups_dir:
 * @self: a store
 *
 * Returns: (transfer full): the folder of the automatic backups, beside
 *   the database file
 */
char *
rapport_store_get_backups_dir (RapportStore *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  dir = g_path_get_dirname (rapport_store_get_path (self));
  return g_build_filename (dir, "backups", NULL);
}

/* ---- Checking a backup ---- */

RapportBackup *
rapport_backup_ref (RapportBackup *backup)
{
  return g_atomic_rc_box_acquire (backup);
}

static void
backup_clear (RapportBackup *backup)
{
  if (backup->copy != NULL)
    {
      g_autofree char *journal = g_strconcat (backup->copy, "-journal", NULL);

      g_unlink (backup->copy);
      g_unlink (journal);
    }
  g_free (backup->source);
  g_free (backup->copy);
  g_free (backup->safety_path);
}

void
rapport_backup_unref (RapportBackup *backup)
{
  g_atomic_rc_box_release_full (backup, (GDestroyNotify) backup_clear);
}

/**
 * rapport_backup_get_made:
 * @backup: a checked backup
 *
 * Returns: when the backup was made, in Unix seconds: as Rapport noted it
 *   in the file, or the file's modification time for a copy of a database
 */
gint64
rapport_backup_get_made (RapportBackup *backup)
{
  return backup->made;
}

/* The data format the backup was written in, before it was upgraded. */
int
rapport_backup_get_version (RapportBackup *backup)
{
  return backup->version;
}

guint
rapport_backup_get_n_contacts (RapportBackup *backup)
{
  return backup->n_contacts;
}

/**
 * rapport_backup_get_safety_path:
 * @backup: a checked backup
 *
 * Returns: where restoring @backup will first save the current data
 */
const char *
rapport_backup_get_safety_path (RapportBackup *backup)
{
  return backup->safety_path;
}

typedef struct
{
  char *source;
  char *db_dir;
  char *safety_path;
  gint64 page_size;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->source);
  g_free (job->db_dir);
  g_free (job->safety_path);
  g_free (job);
}

/* Says in plain words why the file the user chose cannot be restored. */
static void
refuse (GError **error,
        const char *source)
{
  g_autofree char *name = g_filename_display_basename (source);

  if (g_error_matches (*error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_A_DATABASE) ||
      g_error_matches (*error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE))
    {
      g_clear_error (error);
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_A_DATABASE,
                   _("“%s” cannot be restored: it is damaged or is not a database. Nothing was changed."), name);
    }
}

/* Checks the private copy at @path and makes it ready to restore. */
static gboolean
prepare_copy (sqlite3 *db,
              OpenJob *job,
              RapportBackup *backup,
              GError **error)
{
  g_autofree char *name = g_filename_display_basename (job->source);
  gint64 version = 0, tables = 0, page_size = 0, n = 0;
  sqlite3_stmt *stmt = NULL;

  if (!query_int (db, "SELECT count(*) FROM sqlite_master", &n, error) || !quick_check (db, error))
    {
      refuse (error, job->source);
      return FALSE;
    }
  if (!query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN " RAPPORT_TABLES, &tables,
                  error))
    {
      refuse (error, job->source);
      return FALSE;
    }
  if (version < 1 || tables != N_RAPPORT_TABLES)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_A_DATABASE,
                   _("“%s” cannot be restored: it is a database, but not one of Rapport’s. Nothing was changed."),
                      name);
      return FALSE;
    }
  if (version > RAPPORT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Rapport (data format %d; this version knows up to %d). "
                     "Update Rapport to restore it. Nothing was changed."),
                      name, (int) version, RAPPORT_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  backup->version = version;

  /* Upgraded here rather than in the live file, so that a backup this
   * version cannot upgrade is refused before anything is replaced. */
  if (!rapport_db_exec (db, "PRAGMA journal_mode = DELETE", error) || !rapport_db_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !rapport_store_migrate_db (db, RAPPORT_STORE_SCHEMA_VERSION, error))
    {
      g_prefix_error (error, _("“%s” cannot be restored. Nothing was changed. "), name);
      return FALSE;
    }

  /* The backup API cannot copy pages of one size into a WAL file with
   * pages of another: a 4 KiB backup into a 16 KiB file, say. */
  if (!query_int (db, "PRAGMA page_size", &page_size, error))
    return FALSE;
  if (page_size != job->page_size)
    {
      g_autofree char *resize = g_strdup_printf ("PRAGMA page_size = %" G_GINT64_FORMAT, job->page_size);

      if (!rapport_db_exec (db, resize, error) || !rapport_db_exec (db, "VACUUM", error))
        return FALSE;
    }

  if (!query_int (db, "SELECT count(*) FROM contacts WHERE deleted = 0", &n, error))
    return FALSE;
  backup->n_contacts = n;
  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'backup-made'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    backup->made = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (backup->made <= 0)
    {
      GStatBuf buf;

      if (g_stat (job->source, &buf) == 0)
        backup->made = buf.st_mtime;
    }
  return TRUE;
}

static void
open_backup_in_thread (GTask *task,
                       gpointer source,
                       gpointer data,
                       GCancellable *cancellable)
{
  OpenJob *job = data;
  g_autoptr(RapportBackup) backup = g_atomic_rc_box_new0 (RapportBackup);
  g_autofree char *template = g_build_filename (job->db_dir, ".restore-XXXXXX", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (job->source);
  g_autoptr(GFile) to = NULL;
  GError *error = NULL;
  sqlite3 *db = NULL;
  GStatBuf buf;
  gboolean ok;
  int fd;

  backup->source = g_strdup (job->source);
  backup->safety_path = g_strdup (job->safety_path);

  /* A copy of the file's bytes, never the file itself: SQLite would roll
   * back a journal beside it, or create one there, and the file chosen
   * stays as it was whatever happens. */
  fd = g_mkstemp_full (template, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (job->db_dir);

      set_errno_error (&error, saved_errno, _("Could not write in the folder “%s”"), name);
      g_task_return_error (task, error);
      return;
    }
  close (fd);
  backup->copy = g_strdup (template);
  to = g_file_new_for_path (backup->copy);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &error))
    {
      g_autofree char *name = g_filename_display_basename (job->source);

      g_prefix_error (&error, _("“%s” could not be read: "), name);
      g_task_return_error (task, error);
      return;
    }
  /* SQLite takes an empty file for an empty database. */
  if (g_stat (backup->copy, &buf) == 0 && buf.st_size == 0)
    {
      g_autofree char *name = g_filename_display_basename (job->source);

      g_task_return_new_error (task, RAPPORT_ERROR, RAPPORT_ERROR_NOT_A_DATABASE,
                               _("“%s” cannot be restored: the file is empty. Nothing was changed."), name);
      return;
    }

  if (sqlite3_open_v2 (backup->copy, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      rapport_db_set_error (db, &error);
      refuse (&error, job->source);
      sqlite3_close (db);
      g_task_return_error (task, error);
      return;
    }
  ok = prepare_copy (db, job, backup, &error);
  sqlite3_close (db);
  if (ok)
    g_task_return_pointer (task, g_steal_pointer (&backup), (GDestroyNotify) rapport_backup_unref);
  else
    g_task_return_error (task, error);
}

/**
 * rapport_store_open_backup_async:
 * @self: a store
 * @path: a backup file the user chose
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the checked backup, or why it cannot be restored
 * @user_data: for @callback
 *
 * Checks @path in a worker thread, on a private copy beside the
 * database: it must open, pass quick_check, be a Rapport database, and be
 * no newer than this version. The copy is then upgraded to this version's
 * data format and page size, ready for rapport_store_restore_async().
 * Neither @path nor the store's database is changed.
 */
void
rapport_store_open_backup_async (RapportStore *self,
                                 const char *path,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (OpenJob, 1);
  job->source = g_strdup (path);
  job->db_dir = g_path_get_dirname (rapport_store_get_path (self));
  job->safety_path = rapport_backup_automatic_path (rapport_store_get_path (self), "restore",
                                                    RAPPORT_STORE_SCHEMA_VERSION);
  job->page_size = rapport_store_query_int (self, "PRAGMA page_size", 4096);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_open_backup_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_backup_in_thread);
}

/**
 * rapport_store_open_backup_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError: %RAPPORT_ERROR_NOT_A_DATABASE
 *   or %RAPPORT_ERROR_TOO_NEW for a file that cannot be restored, with a
 *   message in plain words
 *
 * Returns: (transfer full) (nullable): the backup, ready to restore
 */
RapportBackup *
rapport_store_open_backup_finish (RapportStore *self,
                                  GAsyncResult *result,
                                  GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Restoring ---- */

typedef struct
{
  RapportBackup *backup;
  char *safety_path;
  Progress progress;
  sqlite3 *source;
  sqlite3_backup *copier;
  guint step_id;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_clear_handle_id (&job->step_id, g_source_remove);
  if (job->copier != NULL)
    sqlite3_backup_finish (job->copier);
  sqlite3_close (job->source);
  rapport_backup_unref (job->backup);
  g_free (job->safety_path);
  g_free (job);
}

static void
report (RestoreJob *job,
        double fraction)
{
  if (job->progress.func != NULL)
    job->progress.func (job->progress.from + fraction * job->progress.span, job->progress.data);
}

/* Ends the restore with @error, the live data as it was. */
static void
fail_restore (GTask *task,
              GError *error)
{
  RapportStore *self = g_task_get_source_object (task);
  RestoreJob *job = g_task_get_task_data (task);

  g_clear_handle_id (&job->step_id, g_source_remove);
  /* Finishing before the last step rolls back the destination's
   * transaction: nothing of the backup stays in the live file. */
  if (job->copier != NULL)
    {
      sqlite3_backup_finish (job->copier);
      job->copier = NULL;
      rapport_store_end_restore (self, FALSE, NULL);
    }
  g_task_return_error (task, error);
}

static void
on_checked (GObject *source,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RapportStore *self = g_task_get_source_object (task);
  GError *error = NULL;

  /* The live file holds the backup now, whatever the check says: the
   * store takes it up either way, and reports a failed check. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      rapport_store_end_restore (self, TRUE, NULL);
      g_prefix_error (&error, _("The restored data did not read back correctly. "));
      g_task_return_error (task, error);
      return;
    }
  if (!rapport_store_end_restore (self, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* The restored file, as another program would open it: a connection of
 * its own, quick_check, and this version's data format. */
static void
check_restored_in_thread (GTask *task,
                          gpointer source,
                          gpointer data,
                          GCancellable *cancellable)
{
  const char *path = data;
  GError *error = NULL;
  sqlite3 *db = open_reader (path, &error);
  gint64 version = 0;
  gboolean ok;

  ok = db != NULL && quick_check (db, &error) && query_int (db, "PRAGMA user_version", &version, &error);
  sqlite3_close (db);
  if (ok && version != RAPPORT_STORE_SCHEMA_VERSION)
    {
      g_set_error (&error, RAPPORT_ERROR, RAPPORT_ERROR_DATABASE, _("The data format is %d instead of %d."), (int) version, RAPPORT_STORE_SCHEMA_VERSION);
      ok = FALSE;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
step_restore (gpointer user_data)
{
  GTask *task = user_data;
  RapportStore *self = g_task_get_source_object (task);
  RestoreJob *job = g_task_get_task_data (task);
  g_autoptr(GTask) check = NULL;
  GError *error = NULL;
  int rc, total;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      job->step_id = 0;
      fail_restore (task, error);
      return G_SOURCE_REMOVE;
    }
  rc = sqlite3_backup_step (job->copier, RESTORE_STEP_PAGES);
  total = sqlite3_backup_pagecount (job->copier);
  if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      report (job, total > 0 ? 1.0 - (double) sqlite3_backup_remaining (job->copier) / total : 0);
      return G_SOURCE_CONTINUE;
    }
  job->step_id = 0;
  if (rc != SQLITE_DONE)
    {
      rapport_db_set_error (rapport_store_get_db (self), &error);
      g_prefix_error (&error, _("The backup could not be restored. Nothing was changed. "));
      fail_restore (task, error);
      return G_SOURCE_REMOVE;
    }
  rc = sqlite3_backup_finish (job->copier);
  job->copier = NULL;
  if (rc != SQLITE_OK)
    {
      rapport_db_set_error (rapport_store_get_db (self), &error);
      g_prefix_error (&error, _("The backup could not be restored. Nothing was changed. "));
      rapport_store_end_restore (self, FALSE, NULL);
      g_task_return_error (task, error);
      return G_SOURCE_REMOVE;
    }
  report (job, 1.0);

  check = g_task_new (self, NULL, on_checked, g_object_ref (task));
  g_task_set_task_data (check, g_strdup (rapport_store_get_path (self)), g_free);
  g_task_run_in_thread (check, check_restored_in_thread);
  return G_SOURCE_REMOVE;
}

static void
on_safety_written (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RapportStore *self = g_task_get_source_object (task);
  RestoreJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("The current data could not be saved first, so nothing was restored. "));
      g_task_return_error (task, error);
      return;
    }
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* An import keeps its transaction open across turns of the main loop;
   * the backup API needs the connection to itself. */
  if (rapport_store_is_importing (self))
    {
      g_task_return_new_error (task, RAPPORT_ERROR, RAPPORT_ERROR_BUSY,
                               _("Rapport is importing contacts. Restore the backup when the import has finished; "
                                 "nothing was changed."));
      return;
    }
  job->source = open_reader (job->backup->copy, &error);
  if (job->source == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rapport_store_begin_restore (self);
  job->copier = sqlite3_backup_init (rapport_store_get_db (self), "main", job->source, "main");
  if (job->copier == NULL)
    {
      rapport_db_set_error (rapport_store_get_db (self), &error);
      g_prefix_error (&error, _("The backup could not be restored. Nothing was changed. "));
      rapport_store_end_restore (self, FALSE, NULL);
      g_task_return_error (task, error);
      return;
    }
  job->progress.from = 0.5;
  job->progress.span = 0.5;
  /* Below the priority of drawing, so the progress bar moves. */
  job->step_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_restore, g_object_ref (task), g_object_unref);
}

/**
 * rapport_store_restore_async:
 * @self: a store
 * @backup: a backup from rapport_store_open_backup_finish()
 * @cancellable: (nullable): stops the restore; the data stays as it was
 * @progress: (nullable): called on the main loop as the restore runs
 * @progress_data: for @progress
 * @callback: called when the restore is done
 * @user_data: for @callback
 *
 * Replaces everything in the store with @backup. First the current data
 * is saved to rapport_backup_get_safety_path() (in a worker thread). Then
 * the store's connection copies the backup's pages in one transaction, a
 * few at a time from the main loop; until the last step, cancelling
 * leaves the data as it was. The restored file is opened again on a
 * connection of its own and checked, and the store takes it up: it gets
 * a new node id for its edits, is signed out of sync, drops what it
 * cached, and emits #RapportStore::changed for every kind of record.
 *
 * While the pages are copied, the store refuses other work with
 * %RAPPORT_ERROR_BUSY.
 */
void
rapport_store_restore_async (RapportStore *self,
                             RapportBackup *backup,
                             GCancellable *cancellable,
                             RapportProgressFunc progress,
                             gpointer progress_data,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) safety = NULL;
  RestoreJob *job;
  BackUpJob *safety_job;

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (backup != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_restore_async);
  job = g_new0 (RestoreJob, 1);
  job->backup = rapport_backup_ref (backup);
  job->progress.task = task;
  job->progress.func = progress;
  job->progress.data = progress_data;
  job->progress.span = 0.5;
  /* The name the user was told, unless a backup took it meanwhile. */
  job->safety_path = g_file_test (backup->safety_path, G_FILE_TEST_EXISTS)
                         ? rapport_backup_automatic_path (rapport_store_get_path (self), "restore",
                                                          RAPPORT_STORE_SCHEMA_VERSION)
                         : g_strdup (backup->safety_path);
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);

  safety = g_task_new (self, cancellable, on_safety_written, g_object_ref (task));
  safety_job = back_up_job_new (self, task, job->safety_path, progress, progress_data);
  safety_job->automatic = TRUE;
  safety_job->progress.span = 0.5;
  g_task_set_task_data (safety, safety_job, (GDestroyNotify) back_up_job_free);
  g_task_set_return_on_cancel (safety, FALSE);
  g_task_run_in_thread (safety, back_up_in_thread);
}

/**
 * rapport_store_restore_finish:
 * @self: a store
 * @result: the result given to the callback
 * @safety_path: (out) (optional) (transfer full): where the data from
 *   before the restore was saved, when it was
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED when
 *   cancelled, and then nothing was changed
 *
 * Returns: %TRUE when the store holds the backup's data
 */
gboolean
rapport_store_restore_finish (RapportStore *self,
                              GAsyncResult *result,
                              char **safety_path,
                              GError **error)
{
  RestoreJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (safety_path != NULL)
    *safety_path = g_file_test (job->safety_path, G_FILE_TEST_EXISTS) ? g_strdup (job->safety_path) : NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}
