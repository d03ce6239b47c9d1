/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-qr-code.h: a QR code, drawn crisp at any size. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Modules of white around the code, as the standard asks. */
#define RAPPORT_QR_QUIET_ZONE 4

GdkTexture *rapport_qr_render (const char *text, guint module_pixels, GError **error);

#define RAPPORT_TYPE_QR_CODE (rapport_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (RapportQrCode, rapport_qr_code, RAPPORT, QR_CODE, GtkWidget)

GtkWidget *rapport_qr_code_new (void);
gboolean rapport_qr_code_set_text (RapportQrCode *self, const char *text, GError **error);
guint rapport_qr_code_get_modules (RapportQrCode *self);

G_END_DECLS
