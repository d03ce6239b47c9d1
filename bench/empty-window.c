/* SPDX-License-Identifier: GPL-3.0-or-later */
/* empty-window.c: the yardstick for Rapport's start-up.
 *
 * An AdwApplication that shows an empty AdwApplicationWindow of Rapport's
 * default size and, like Rapport under RAPPORT_EXIT_AFTER_FIRST_FRAME,
 * prints "first-frame <VmHWM in kB>" once the window has painted its first
 * frame, then leaves at once. Whatever Rapport costs beyond this program is
 * what Rapport itself costs: the toolkit, the display connection and the
 * session bus are paid by both.
 */
#define G_LOG_DOMAIN "empty-window"

#include <adwaita.h>

#include "rapport-first-frame.h"

static void
on_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_default_size (window, 980, 680);
      /* Read exactly as Rapport reads it, so that the two figures compare. */
      rapport_first_frame_watch (window);
    }
  gtk_window_present (window);
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  /* Registers on the session bus like Rapport does, so both pay for it. */
  app = adw_application_new ("org.weandco.Rapport.Bench.EmptyWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
