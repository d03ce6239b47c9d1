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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read exactly as Rapport reads it, so that the two figures compare. */
static void
on_first_frame (GdkFrameClock *clock,
                gpointer user_data)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, user_data);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (hwm = strstr (status, "VmHWM:")) != NULL)
    printf ("first-frame %ld\n", strtol (hwm + 6, NULL, 10));
  else
    printf ("first-frame 0\n");
  fflush (stdout);
  _exit (0);
}

static void
on_window_realized (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame), NULL);
}

static void
on_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_default_size (window, 980, 680);
      if (g_getenv ("RAPPORT_EXIT_AFTER_FIRST_FRAME") != NULL)
        g_signal_connect (window, "realize", G_CALLBACK (on_window_realized), NULL);
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
