/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-photos.c: contacts' photos in the store: kept as given, checked
 * for size and kind, gone with their contact, and never synced. */
#define G_LOG_DOMAIN "test-photos"

#include "config.h"

#include <string.h>

#include "rapport-error.h"
#include "rapport-test-util.h"

/* The first bytes of each kind are all the store looks at. */
static GBytes *
picture (const char *magic,
         gsize magic_length,
         gsize size)
{
  guint8 *data = g_malloc0 (size);

  memcpy (data, magic, MIN (magic_length, size));
  for (gsize i = magic_length; i < size; i++)
    data[i] = (guint8) (i * 31);
  return g_bytes_new_take (data, size);
}

#define JPEG(size) picture ("\xff\xd8\xff\xe0", 4, (size))

static guint photos_changed;
static gint64 photos_changed_id;

static void
on_photos_changed (RapportStore *store,
                   gint64 contact_id,
                   gpointer user_data)
{
  photos_changed++;
  photos_changed_id = contact_id;
}

static void
test_set_get (RapportTestStore *fixture,
              gconstpointer data)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (fixture->store, "Ann Lee");
  gint64 id = rapport_contact_get_id (ann);
  g_autoptr(GBytes) jpeg = JPEG (20000);
  g_autoptr(GBytes) png = picture ("\x89PNG\r\n\x1a\n", 8, 300);
  g_autoptr(GBytes) read = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GError) error = NULL;
  guint outbox = rapport_store_count_outbox (fixture->store);

  g_assert_null (rapport_store_get_contact_photo (fixture->store, id, &mime_type, &error));
  g_assert_no_error (error);
  g_assert_null (mime_type);

  photos_changed = 0;
  g_signal_connect (fixture->store, "changed::photos", G_CALLBACK (on_photos_changed), NULL);
  g_assert_true (rapport_store_set_contact_photo (fixture->store, id, jpeg, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (photos_changed, ==, 1);
  g_assert_cmpint (photos_changed_id, ==, id);
  read = rapport_store_get_contact_photo (fixture->store, id, &mime_type, &error);
  g_assert_true (g_bytes_equal (read, jpeg));
  g_assert_cmpstr (mime_type, ==, "image/jpeg");
  g_clear_pointer (&read, g_bytes_unref);
  g_clear_pointer (&mime_type, g_free);

  /* One photo per contact: a new one replaces it. */
  g_assert_true (rapport_store_set_contact_photo (fixture->store, id, png, &error));
  read = rapport_store_get_contact_photo (fixture->store, id, &mime_type, &error);
  g_assert_true (g_bytes_equal (read, png));
  g_assert_cmpstr (mime_type, ==, "image/png");
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contact_photos"), ==, 1);

  /* Photos stay on this computer. */
  g_assert_cmpuint (rapport_store_count_outbox (fixture->store), ==, outbox);

  /* And they stay in the file. */
  g_clear_pointer (&read, g_bytes_unref);
  g_clear_object (&ann);
  g_signal_handlers_disconnect_by_func (fixture->store, on_photos_changed, NULL);
  rapport_test_store_reopen (fixture);
  read = rapport_store_get_contact_photo (fixture->store, id, NULL, &error);
  g_assert_true (g_bytes_equal (read, png));

  /* NULL removes it. */
  g_assert_true (rapport_store_set_contact_photo (fixture->store, id, NULL, &error));
  g_assert_null (rapport_store_get_contact_photo (fixture->store, id, NULL, &error));
  g_assert_no_error (error);
}

static void
test_kinds (RapportTestStore *fixture,
            gconstpointer data)
{
  static const struct
  {
    const char *magic;
    gsize length;
    const char *mime_type;
  } kinds[] = {
    { "\xff\xd8\xff\xdb", 4, "image/jpeg" },
    { "\x89PNG\r\n\x1a\n", 8, "image/png" },
    { "GIF89a", 6, "image/gif" },
    { "GIF87a", 6, "image/gif" },
    { "RIFF\x10\0\0\0WEBPVP8 ", 16, "image/webp" },
    { "BM", 2, "image/bmp" },
    { "II*\0", 4, "image/tiff" },
    { "MM\0*", 4, "image/tiff" },
  };
  static const struct
  {
    const char *magic;
    gsize length;
  } refused[] = {
    { "BEGIN:VCARD", 11 },
    { "RIFF\x10\0\0\0WAVEfmt ", 16 },
    { "%PDF-1.4", 8 },
    { "\0\0\0\x18"
      "ftypheic",
      12 },
  };
  g_autoptr(RapportContact) ann = rapport_test_add_contact (fixture->store, "Ann Lee");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) photo = picture (kinds[i].magic, kinds[i].length, 64);
      g_autofree char *mime_type = NULL;
      g_autoptr(GBytes) read = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (rapport_store_set_contact_photo (fixture->store, rapport_contact_get_id (ann), photo, &error));
      g_assert_no_error (error);
      read = rapport_store_get_contact_photo (fixture->store, rapport_contact_get_id (ann), &mime_type, &error);
      g_assert_cmpstr (mime_type, ==, kinds[i].mime_type);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GBytes) photo = picture (refused[i].magic, refused[i].length, 64);
      g_autoptr(GError) error = NULL;

      g_assert_false (rapport_store_set_contact_photo (fixture->store, rapport_contact_get_id (ann), photo, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "not a picture"));
    }
  /* The last good one is still there. */
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT mime = 'image/tiff' FROM contact_photos"), ==, 1);
}

static void
test_refused (RapportTestStore *fixture,
              gconstpointer data)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (fixture->store, "Ann Lee");
  gint64 id = rapport_contact_get_id (ann);
  g_autoptr(GBytes) largest = JPEG (RAPPORT_PHOTO_MAX_BYTES);
  g_autoptr(GBytes) too_large = JPEG (RAPPORT_PHOTO_MAX_BYTES + 1);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_set_contact_photo (fixture->store, id, largest, &error));
  g_assert_no_error (error);

  g_assert_false (rapport_store_set_contact_photo (fixture->store, id, too_large, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "MiB at most"));
  g_clear_error (&error);

  g_assert_false (rapport_store_set_contact_photo (fixture->store, id, empty, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rapport_store_set_contact_photo (fixture->store, id + 100, largest, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The photo refused changed nothing. */
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT length (data) FROM contact_photos"), ==,
                   RAPPORT_PHOTO_MAX_BYTES);
}

/* Deleting a contact wipes the photo with the rest of the card. */
static void
test_deleted_with_contact (RapportTestStore *fixture,
                           gconstpointer data)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (fixture->store, "Ann Lee");
  g_autoptr(RapportContact) ben = rapport_test_add_contact (fixture->store, "Ben Ode");
  g_autoptr(GBytes) photo = JPEG (500);
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_set_contact_photo (fixture->store, rapport_contact_get_id (ann), photo, &error));
  g_assert_true (rapport_store_set_contact_photo (fixture->store, rapport_contact_get_id (ben), photo, &error));

  /* Archived, it is kept: archive is not delete. */
  g_assert_true (rapport_store_archive_contact (fixture->store, rapport_contact_get_id (ann), &error));
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contact_photos"), ==, 2);

  g_assert_true (rapport_store_delete_contact (fixture->store, rapport_contact_get_id (ann), &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT group_concat (contact_id) FROM contact_photos"), ==,
                   rapport_contact_get_id (ben));
  g_assert_false (rapport_store_set_contact_photo (fixture->store, rapport_contact_get_id (ann), photo, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A row that goes, as another program may remove it, takes its photo. */
  g_assert_true (rapport_store_exec (fixture->store, "DELETE FROM contacts WHERE display_name = 'Ben Ode'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contact_photos"), ==, 0);
}

/* Inside an import's transaction: a refused photo leaves the transaction
 * usable, and nothing is written until the commit. */
static void
test_in_transaction (RapportTestStore *fixture,
                     gconstpointer data)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (fixture->store, "Ann Lee");
  g_autoptr(GBytes) good = JPEG (800);
  g_autoptr(GBytes) bad = picture ("nonsense", 8, 64);
  g_autoptr(GError) error = NULL;

  photos_changed = 0;
  g_signal_connect (fixture->store, "changed::photos", G_CALLBACK (on_photos_changed), NULL);
  g_assert_true (rapport_store_begin (fixture->store, &error));
  g_assert_false (rapport_store_write_contact_photo (fixture->store, rapport_contact_get_id (ann), bad, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rapport_store_write_contact_photo (fixture->store, rapport_contact_get_id (ann), good, &error));
  g_assert_no_error (error);
  rapport_store_rollback (fixture->store);
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contact_photos"), ==, 0);

  g_assert_true (rapport_store_begin (fixture->store, &error));
  g_assert_true (rapport_store_write_contact_photo (fixture->store, rapport_contact_get_id (ann), good, &error));
  g_assert_true (rapport_store_commit (fixture->store, &error));
  g_assert_cmpint (rapport_test_sql_int (fixture->store, "SELECT count(*) FROM contact_photos"), ==, 1);
  g_assert_cmpuint (photos_changed, ==, 0);
  g_signal_handlers_disconnect_by_func (fixture->store, on_photos_changed, NULL);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rapport/photos/set-get", RapportTestStore, NULL, rapport_test_store_setup, test_set_get,
              rapport_test_store_teardown);
  g_test_add ("/rapport/photos/kinds", RapportTestStore, NULL, rapport_test_store_setup, test_kinds,
              rapport_test_store_teardown);
  g_test_add ("/rapport/photos/refused", RapportTestStore, NULL, rapport_test_store_setup, test_refused,
              rapport_test_store_teardown);
  g_test_add ("/rapport/photos/deleted-with-contact", RapportTestStore, NULL, rapport_test_store_setup,
              test_deleted_with_contact, rapport_test_store_teardown);
  g_test_add ("/rapport/photos/in-transaction", RapportTestStore, NULL, rapport_test_store_setup,
              test_in_transaction, rapport_test_store_teardown);

  return g_test_run ();
}
