/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-ui.h: helpers for tests that drive the real window. */
#pragma once

#include <adwaita.h>

#include "rapport-application.h"
#include "rapport-contact-page.h"
#include "rapport-contacts-view.h"
#include "rapport-window.h"

G_BEGIN_DECLS

void rapport_test_pump (guint ms);
GtkWidget *rapport_test_find_named (GtkWidget *root, const char *name);
GtkWidget *rapport_test_find_type (GtkWidget *root, GType type);
GtkWidget *rapport_test_find_button (GtkWidget *root, const char *label);
GtkWidget *rapport_test_find_last_button (GtkWidget *root, const char *label);
GtkWidget *rapport_test_find_label (GtkWidget *root, const char *prefix);
GtkWidget *rapport_test_find_row (GtkWidget *root, const char *title);
gpointer rapport_test_template_child (gpointer widget, GType type, const char *name);
GtkWindow *rapport_test_find_toplevel (GType type, GtkWindow *except);
void rapport_test_click (gpointer button);
char *rapport_test_read_qr (GdkTexture *texture, const char *dir);
GdkTexture *rapport_test_render_widget (GtkWidget *widget);

char *rapport_test_ui_prepare (const char *name, const char *today, int *argc, char ***argv);
RapportWindow *rapport_test_ui_launch (RapportApplication **app, gboolean unique);
void rapport_test_ui_quit (RapportWindow *window, RapportApplication **app, const char *tmp_dir);

#define NOTIFICATION_DAEMON "/usr/lib/notification-daemon/notification-daemon"

GSubprocess *rapport_test_start_notification_server (void);
void rapport_test_stop_notification_server (GSubprocess *server);

RapportStore *rapport_test_app_store (RapportApplication *app);
RapportContactsView *rapport_test_contacts_view (RapportWindow *window);
RapportContactPage *rapport_test_contact_page (RapportWindow *window);

G_END_DECLS
