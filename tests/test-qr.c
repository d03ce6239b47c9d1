/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-qr.c: the QR code of a shared card really reads back.
 *
 * A contact's shared vCard is drawn as a QR code, saved as a PNG and read
 * by zbarimg (Debian's zbar-tools), which must give back exactly the vCard
 * text, accents and line ends included. The drawing itself is checked
 * too: whole-pixel modules, the quiet zone, black on white. No display is
 * needed: textures are made in memory.
 */
#define G_LOG_DOMAIN "test-qr"

#include "config.h"

#include <gtk/gtk.h>

#include "rapport-qr-code.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-vcard.h"

static char *tmp_dir;

static RapportContact *
make_card (void)
{
  RapportContact *contact = rapport_contact_new ("Zoë Ångström");

  rapport_contact_set_given_name (contact, "Zoë");
  rapport_contact_set_family_name (contact, "Ångström");
  rapport_contact_set_company (contact, "Nordlys Realty; Tromsø, Norway");
  rapport_contact_set_job_title (contact, "Broker");
  rapport_contact_add_email (contact, "work", "zoe@nordlys.example");
  rapport_contact_add_phone (contact, "mobile", "+47 22 55 01 23");
  rapport_contact_set_website (contact, "https://nordlys.example");
  rapport_contact_set_linkedin (contact, "https://www.linkedin.com/in/zoe-angstrom");
  rapport_contact_set_city (contact, "Tromsø");
  /* Kept out of a shared card, so never in the code. */
  rapport_contact_set_notes (contact, "Private: wants to move to Oslo next year.");
  return contact;
}

static void
test_decodes (void)
{
  g_autoptr(RapportContact) contact = make_card ();
  g_autofree char *vcard = rapport_vcard_write_shared (contact);
  static const guint sizes[] = { 2, 3, 8 };

  g_assert_nonnull (strstr (vcard, "Ångström"));
  g_assert_null (strstr (vcard, "Oslo"));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = rapport_qr_render (vcard, sizes[i], &error);
      g_autofree char *read = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (texture);
      /* Byte for byte: -Sbinary adds no line break and converts nothing. */
      read = rapport_test_read_qr (texture, tmp_dir);
      g_assert_cmpstr (read, ==, vcard);
    }
}

/* Reads the pixel at @x, @y as 0xRRGGBB. */
static guint32
pixel_at (GdkTexture *texture,
          int x,
          int y)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * gdk_texture_get_height (texture));

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  return pixels[y * width + x] & 0xffffff;
}

/* The top-left finder pattern starts at the quiet zone's edge: modules are
 * whole blocks of pixels, black on white, with four white modules around. */
static void
test_modules (void)
{
  g_autoptr(GError) error = NULL;
  const guint m = 5;
  g_autoptr(GdkTexture) texture = rapport_qr_render ("https://nordlys.example", m, &error);
  int side;
  guint modules;

  g_assert_no_error (error);
  side = gdk_texture_get_width (texture);
  g_assert_cmpint (side, ==, gdk_texture_get_height (texture));
  g_assert_cmpint (side % m, ==, 0);
  modules = side / m - 2 * RAPPORT_QR_QUIET_ZONE;
  /* A version 2 code at level M: 25 modules. */
  g_assert_cmpuint (modules, ==, 25);

  for (guint i = 0; i < RAPPORT_QR_QUIET_ZONE * m; i++)
    {
      g_assert_cmphex (pixel_at (texture, i, i), ==, 0xffffff);
      g_assert_cmphex (pixel_at (texture, side - 1 - i, side - 1 - i), ==, 0xffffff);
    }
  /* The finder's outer ring is seven black modules, its inner ring white. */
  for (guint i = 0; i < 7 * m; i++)
    g_assert_cmphex (pixel_at (texture, RAPPORT_QR_QUIET_ZONE * m + i, RAPPORT_QR_QUIET_ZONE * m), ==, 0x000000);
  g_assert_cmphex (pixel_at (texture, (RAPPORT_QR_QUIET_ZONE + 1) * m, (RAPPORT_QR_QUIET_ZONE + 1) * m), ==, 0xffffff);
  g_assert_cmphex (pixel_at (texture, (RAPPORT_QR_QUIET_ZONE + 2) * m, (RAPPORT_QR_QUIET_ZONE + 2) * m), ==, 0x000000);
  /* Every pixel is pure black or white: nothing smoothed. */
  for (int y = 0; y < side; y += 3)
    for (int x = 0; x < side; x += 2)
      {
        guint32 p = pixel_at (texture, x, y);

        g_assert_true (p == 0 || p == 0xffffff);
      }
}

/* A version 40 code holds 2,953 bytes at level L: a card longer than that
 * is refused with a message to show, not cut. */
static void
test_too_long (void)
{
  g_autoptr(RapportContact) contact = make_card ();
  g_autofree char *vcard = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) fits = NULL;
  g_autoptr(GString) just_fits = g_string_new (NULL);

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *address = g_strdup_printf ("colleague-number-%03u@nordlys.example", i);

      rapport_contact_add_email (contact, "work", address);
    }
  vcard = rapport_vcard_write_shared (contact);
  g_assert_cmpuint (strlen (vcard), >, 2953);
  texture = rapport_qr_render (vcard, 2, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "QR code holds at most 2953"));
  g_clear_error (&error);

  /* Right at the limit it still fits, at the lower level. */
  while (just_fits->len < 2953)
    g_string_append_c (just_fits, 'a' + just_fits->len % 26);
  fits = rapport_qr_render (just_fits->str, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (fits), ==, 177 + 2 * RAPPORT_QR_QUIET_ZONE);
  g_string_append_c (just_fits, 'z');
  g_clear_object (&fits);
  fits = rapport_qr_render (just_fits->str, 1, &error);
  g_assert_null (fits);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  texture = rapport_qr_render ("", 2, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = rapport_test_make_tmp_dir ();

  g_test_add_func ("/rapport/qr/decodes", test_decodes);
  g_test_add_func ("/rapport/qr/modules", test_modules);
  g_test_add_func ("/rapport/qr/too-long", test_too_long);

  status = g_test_run ();
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
