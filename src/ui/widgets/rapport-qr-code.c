/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-qr-code.c: a QR code, encoded by libqrencode and drawn crisp.
 *
 * A phone camera reads a code from a screen best when every module is a
 * sharp square of whole pixels, black on white. The code is drawn into a
 * GdkMemoryTexture with each module a block of whole device pixels
 * (nearest-neighbour scaling), with the quiet zone of four modules the
 * standard asks for, in black and white whatever the style: a code in
 * light on dark is read by few scanners. The widget makes the texture
 * again for its size and the display's scale, so that GTK never has to
 * scale it and blur the edges.
 *
 * Text is encoded as 8-bit data (vCards are UTF-8), at error correction
 * level M, or L when M cannot hold it; text longer than a version 40 code
 * holds is refused with a message to show.
 */
#define G_LOG_DOMAIN "rapport-qr-code"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <qrencode.h>
#include <string.h>

#include "rapport-qr-code.h"

/* What a version 40 code holds at level L, in bytes. */
#define MAX_BYTES 2953

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

static QRcode *
encode (const char *text,
        GError **error)
{
  static const QRecLevel levels[] = { QR_ECLEVEL_M, QR_ECLEVEL_L };
  gsize length = text != NULL ? strlen (text) : 0;

  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is nothing to put in a QR code."));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (levels) && length <= MAX_BYTES; i++)
    {
      QRcode *code = QRcode_encodeData ((int) length, (const unsigned char *) text, 0, levels[i]);

      if (code != NULL)
        return code;
      if (errno != ERANGE)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("The QR code could not be made: %s"), g_strerror (errno));
          return NULL;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               /* Translators: the numbers are sizes in bytes */
               _("This card takes %" G_GSIZE_FORMAT " bytes, and a QR code holds at most %d."), length, MAX_BYTES);
  return NULL;
}

static GdkTexture *
texture_for (const QRcode *code,
             guint module_pixels)
{
  guint modules = code->width + 2 * RAPPORT_QR_QUIET_ZONE;
  gsize side = (gsize) modules * module_pixels;
  gsize stride = side * 3;
  guint8 *pixels = g_malloc (stride * side);
  g_autoptr(GBytes) bytes = NULL;

  /* White everywhere, then each dark module as a block of black. */
  memset (pixels, 0xff, stride * side);
  for (int y = 0; y < code->width; y++)
    for (int x = 0; x < code->width; x++)
      {
        if ((code->data[y * code->width + x] & 1) == 0)
          continue;
        for (guint dy = 0; dy < module_pixels; dy++)
          {
            gsize row = ((gsize) (y + RAPPORT_QR_QUIET_ZONE) * module_pixels + dy) * stride;

            memset (pixels + row + (gsize) (x + RAPPORT_QR_QUIET_ZONE) * module_pixels * 3, 0, module_pixels * 3);
          }
      }
  bytes = g_bytes_new_take (pixels, stride * side);
  return gdk_memory_texture_new ((int) side, (int) side, GDK_MEMORY_R8G8B8, bytes, stride);
}

/**
 * rapport_qr_render:
 * @text: what the code says
 * @module_pixels: the side of one module, in pixels (1 or more)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the code as black modules on white
 *   with its quiet zone, or %NULL when @text is empty or too long for a
 *   QR code (%G_IO_ERROR_MESSAGE_TOO_LARGE), with a message to show
 */
GdkTexture *
rapport_qr_render (const char *text,
                   guint module_pixels,
                   GError **error)
{
  g_autoptr(QRcode) code = NULL;

  g_return_val_if_fail (module_pixels > 0, NULL);

  code = encode (text, error);
  return code != NULL ? texture_for (code, module_pixels) : NULL;
}

struct _RapportQrCode
{
  GtkWidget parent_instance;

  QRcode *code;
  GdkTexture *texture;
  guint texture_module_pixels;
};

G_DEFINE_FINAL_TYPE (RapportQrCode, rapport_qr_code, GTK_TYPE_WIDGET)

/* Pixels per module the widget asks for at most, and at least: six make a
 * code of a hundred modules fill a phone-sized window; two is the least a
 * camera reads from a screen. */
#define NATURAL_MODULE_PIXELS 6
#define MINIMUM_MODULE_PIXELS 2

GtkWidget *
rapport_qr_code_new (void)
{
  return g_object_new (RAPPORT_TYPE_QR_CODE, NULL);
}

/**
 * rapport_qr_code_set_text:
 * @self: the widget
 * @text: (nullable): what the code says, or %NULL for none
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the widget shows the code of @text; %FALSE when
 *   @text is too long for one (the widget then shows nothing)
 */
gboolean
rapport_qr_code_set_text (RapportQrCode *self,
                          const char *text,
                          GError **error)
{
  g_return_val_if_fail (RAPPORT_IS_QR_CODE (self), FALSE);

  g_clear_pointer (&self->code, QRcode_free);
  g_clear_object (&self->texture);
  if (text != NULL)
    self->code = encode (text, error);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return text == NULL || self->code != NULL;
}

/**
 * rapport_qr_code_get_modules:
 * @self: the widget
 *
 * Returns: the modules on a side of the code shown, without the quiet
 *   zone, or 0 when there is none
 */
guint
rapport_qr_code_get_modules (RapportQrCode *self)
{
  g_return_val_if_fail (RAPPORT_IS_QR_CODE (self), 0);
  return self->code != NULL ? (guint) self->code->width : 0;
}

static void
rapport_qr_code_measure (GtkWidget *widget,
                         GtkOrientation orientation,
                         int for_size,
                         int *minimum,
                         int *natural,
                         int *minimum_baseline,
                         int *natural_baseline)
{
  RapportQrCode *self = RAPPORT_QR_CODE (widget);
  int modules = self->code != NULL ? self->code->width + 2 * RAPPORT_QR_QUIET_ZONE : 0;

  *minimum = modules * MINIMUM_MODULE_PIXELS;
  *natural = modules * NATURAL_MODULE_PIXELS;
}

static void
rapport_qr_code_snapshot (GtkWidget *widget,
                          GtkSnapshot *snapshot)
{
  RapportQrCode *self = RAPPORT_QR_CODE (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint modules;
  guint module_pixels;
  float side;

  if (self->code == NULL)
    return;
  modules = self->code->width + 2 * RAPPORT_QR_QUIET_ZONE;
  /* Whole device pixels per module, as many as fit. */
  module_pixels = MAX (1u, (guint) (MIN (width, height) * scale) / modules);
  if (self->texture == NULL || self->texture_module_pixels != module_pixels)
    {
      g_clear_object (&self->texture);
      self->texture = texture_for (self->code, module_pixels);
      self->texture_module_pixels = module_pixels;
    }
  side = (float) (modules * module_pixels) / scale;
  /* Placed on whole pixels, so that no module straddles two. */
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (floorf ((width - side) / 2), floorf ((height - side) / 2), side, side));
}

static void
rapport_qr_code_finalize (GObject *object)
{
  RapportQrCode *self = RAPPORT_QR_CODE (object);

  g_clear_pointer (&self->code, QRcode_free);
  g_clear_object (&self->texture);
  G_OBJECT_CLASS (rapport_qr_code_parent_class)->finalize (object);
}

static void
rapport_qr_code_class_init (RapportQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_qr_code_finalize;
  widget_class->measure = rapport_qr_code_measure;
  widget_class->snapshot = rapport_qr_code_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "qrcode");
}

static void
rapport_qr_code_init (RapportQrCode *self)
{
}
