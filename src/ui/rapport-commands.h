/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-commands.h: what the command line does without a window. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rapport_command_is_running (const char *app_id);
int rapport_command_sample_network (const char *count);
int rapport_command_import (const char *const *paths, const char *on_duplicate);

G_END_DECLS
