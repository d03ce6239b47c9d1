/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-toast.h: toasts that say what happened, some with Undo. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *rapport_toast_new (const char *text);
AdwToast *rapport_toast_new_with_undo (const char *text,
                                       const char *action_name,
                                       GVariant *target);
void rapport_toast_show (GtkWidget *from,
                         AdwToast *toast);

G_END_DECLS
