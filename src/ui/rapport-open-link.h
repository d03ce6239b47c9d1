/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-open-link.h: a contact's detail opened in the app made for it. */
#pragma once

#include <gtk/gtk.h>

#include "rapport-links.h"

G_BEGIN_DECLS

void rapport_open_link (GtkWidget *from, RapportLinkKind kind, const char *value);

G_END_DECLS
