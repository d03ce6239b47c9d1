/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-photos.c: contacts' photos in their avatars, in the real window.
 *
 * A contact with a photo shows it in the list's row and on the card; a
 * photo replaced shows at once; one whose bytes do not decode shows the
 * initials, as does a contact without a photo. Without a display this
 * program fails: it never skips.
 */
#define G_LOG_DOMAIN "test-ui-photos"

#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rapport-contact-row.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"

static RapportApplication *app;
static RapportWindow *window;
static char *tmp_dir;

static RapportStore *
store (void)
{
  return rapport_test_app_store (app);
}

/* A PNG of one colour. */
static GBytes *
png (guint32 rgba,
     int width,
     int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

/* The avatar of the list's row that shows @name. */
static AdwAvatar *
row_avatar (const char *name)
{
  GtkWidget *list = rapport_test_template_child (rapport_test_contacts_view (window), RAPPORT_TYPE_CONTACTS_VIEW,
                                                 "list_view");
  GtkWidget *label = rapport_test_find_label (list, name);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, RAPPORT_TYPE_CONTACT_ROW);
  g_assert_nonnull (row);
  return ADW_AVATAR (rapport_test_find_type (row, ADW_TYPE_AVATAR));
}

static AdwAvatar *
card_avatar (void)
{
  return rapport_test_template_child (rapport_test_contact_page (window), RAPPORT_TYPE_CONTACT_PAGE, "avatar");
}

/* The colour of the middle pixel of @paintable. */
static guint32
middle_pixel (GdkPaintable *paintable)
{
  GdkTexture *texture = GDK_TEXTURE (paintable);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc (width * height * 4);
  guint8 *pixel;

  gdk_texture_download (texture, data, width * 4);
  pixel = data + ((height / 2) * width + width / 2) * 4;
  /* Downloaded as Cairo's ARGB32 in native byte order: B, G, R, A here. */
  return ((guint32) pixel[2] << 24) | ((guint32) pixel[1] << 16) | ((guint32) pixel[0] << 8) | pixel[3];
}

static void
test_avatars (void)
{
  g_autoptr(RapportContact) ann = rapport_test_add_contact (store (), "Ann Lee");
  g_autoptr(RapportContact) ben = rapport_test_add_contact (store (), "Ben Ode");
  g_autoptr(GBytes) red = png (0xff0000ff, 300, 200);
  g_autoptr(GBytes) blue = png (0x0000ffff, 40, 40);
  /* A JPEG's first bytes, then nothing a decoder can read. */
  static const char not_a_picture[] = "\xff\xd8\xff\xe0 this is not really a picture";
  g_autoptr(GBytes) broken = g_bytes_new_static (not_a_picture, sizeof not_a_picture - 1);
  g_autoptr(GError) error = NULL;
  GdkPaintable *shown;

  g_assert_true (rapport_store_set_contact_photo (store (), rapport_contact_get_id (ann), red, &error));
  g_assert_no_error (error);
  rapport_test_pump (200);

  /* In the list: Ann's photo, Ben's initials. */
  shown = adw_avatar_get_custom_image (row_avatar ("Ann Lee"));
  g_assert_nonnull (shown);
  g_assert_cmphex (middle_pixel (shown), ==, 0xff0000ff);
  /* Scaled down to what an avatar needs. */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (shown), ==, 256);
  g_assert_null (adw_avatar_get_custom_image (row_avatar ("Ben Ode")));

  /* On the card. */
  rapport_window_show_contact (window, rapport_contact_get_id (ann));
  rapport_test_pump (200);
  shown = adw_avatar_get_custom_image (card_avatar ());
  g_assert_nonnull (shown);
  g_assert_cmphex (middle_pixel (shown), ==, 0xff0000ff);

  /* A new photo shows at once, in both. */
  g_assert_true (rapport_store_set_contact_photo (store (), rapport_contact_get_id (ann), blue, &error));
  rapport_test_pump (200);
  g_assert_cmphex (middle_pixel (adw_avatar_get_custom_image (row_avatar ("Ann Lee"))), ==, 0x0000ffff);
  g_assert_cmphex (middle_pixel (adw_avatar_get_custom_image (card_avatar ())), ==, 0x0000ffff);

  /* Bytes that do not decode: the initials, and no warning. */
  g_assert_true (rapport_store_set_contact_photo (store (), rapport_contact_get_id (ann), broken, &error));
  g_assert_no_error (error);
  rapport_test_pump (200);
  g_assert_null (adw_avatar_get_custom_image (row_avatar ("Ann Lee")));
  g_assert_null (adw_avatar_get_custom_image (card_avatar ()));
  g_assert_cmpstr (adw_avatar_get_text (card_avatar ()), ==, "Ann Lee");

  /* Removed: the initials again. */
  g_assert_true (rapport_store_set_contact_photo (store (), rapport_contact_get_id (ann), red, &error));
  rapport_test_pump (200);
  g_assert_nonnull (adw_avatar_get_custom_image (card_avatar ()));
  g_assert_true (rapport_store_set_contact_photo (store (), rapport_contact_get_id (ann), NULL, &error));
  rapport_test_pump (200);
  g_assert_null (adw_avatar_get_custom_image (card_avatar ()));
  g_assert_null (adw_avatar_get_custom_image (row_avatar ("Ann Lee")));
}

int
main (int argc,
      char *argv[])
{
  int status;

  tmp_dir = rapport_test_ui_prepare ("ui-photos", "2026-11-25", &argc, &argv);
  window = rapport_test_ui_launch (&app, FALSE);

  g_test_add_func ("/rapport/ui/photos/avatars", test_avatars);
  status = g_test_run ();

  rapport_test_ui_quit (window, &app, tmp_dir);
  return status;
}
