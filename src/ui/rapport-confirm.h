/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-confirm.h: asking before something that cannot be undone. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *rapport_confirm_new (GtkWidget *from,
                                const char *heading,
                                const char *body,
                                const char *response,
                                const char *label);

G_END_DECLS
