/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contact-editor.h: the window that creates or edits a card. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_EDITOR (rapport_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (RapportContactEditor, rapport_contact_editor, RAPPORT, CONTACT_EDITOR, AdwWindow)

RapportContactEditor *rapport_contact_editor_new (GtkWindow *parent,
                                                  RapportStore *store,
                                                  GSettings *settings,
                                                  RapportContact *contact);
gboolean rapport_contact_editor_save (RapportContactEditor *self);

G_END_DECLS
