/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-first-frame.h: what bench/ reads when a window first paints.
 *
 * Under RAPPORT_EXIT_AFTER_FIRST_FRAME, Rapport and bench/empty-window
 * print "first-frame <VmHWM in kB>" once their window has painted its
 * first frame, then leave at once. Both include this one definition, so
 * that the two figures are read in exactly the same way; it is inline so
 * that the empty window links nothing of Rapport's.
 */
#pragma once

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline void
rapport_first_frame_report (GdkFrameClock *clock,
                            gpointer user_data)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_signal_handlers_disconnect_by_func (clock, rapport_first_frame_report, user_data);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (hwm = strstr (status, "VmHWM:")) != NULL)
    printf ("first-frame %ld\n", strtol (hwm + 6, NULL, 10));
  else
    printf ("first-frame 0\n");
  fflush (stdout);
  _exit (0);
}

static inline void
rapport_first_frame_on_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (rapport_first_frame_report), NULL);
}

/* Reports @window's first frame when RAPPORT_EXIT_AFTER_FIRST_FRAME is set. */
static inline void
rapport_first_frame_watch (GtkWindow *window)
{
  if (g_getenv ("RAPPORT_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (rapport_first_frame_on_realize), NULL);
}
