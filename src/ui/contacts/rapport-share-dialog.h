/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-share-dialog.h: a card to share, as a QR code and a .vcf file. */
#pragma once

#include <adwaita.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SHARE_DIALOG (rapport_share_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RapportShareDialog, rapport_share_dialog, RAPPORT, SHARE_DIALOG, AdwWindow)

RapportShareDialog *rapport_share_dialog_present (GtkWidget *from,
                                                  const char *title,
                                                  RapportContact *card,
                                                  const char *contents);
const char *rapport_share_dialog_get_vcard (RapportShareDialog *self);

G_END_DECLS
