/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-toast.c: toasts that say what happened, some with Undo.
 *
 * libadwaita 1.2 reads a toast's title as Pango markup, so a name with an
 * ampersand would break it: every toast is made here, from plain text. An
 * Undo button names a window action, which the toast overlay, inside the
 * window, can reach wherever the change was made.
 *
 * One toast at a time, and Undo always undoes the latest change: while a
 * toast is on screen, a new one takes its place by rewriting it and
 * restarting its timeout, the way libadwaita's documentation updates an
 * undo toast. A toast that follows one that just left waits until the
 * old one is gone. Both work around libadwaita 1.2, which frees a toast
 * dismissed during its show animation while that animation still runs
 * (the show after a leaving toast lasts longer than the hide) and can
 * bring back a toast queued behind a high-priority one before its last
 * animation ended: either aborts.
 */
#define G_LOG_DOMAIN "rapport-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-toast.h"

/**
 * rapport_toast_new:
 * @text: what happened, plain text
 *
 * Returns: (transfer full): a toast
 */
AdwToast *
rapport_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/**
 * rapport_toast_new_with_undo:
 * @text: what happened, plain text
 * @action_name: the action that takes it back, like "win.undo-log"
 * @target: (nullable): its parameter; a floating reference is sunk
 *
 * Returns: (transfer full): a toast with an Undo button
 */
AdwToast *
rapport_toast_new_with_undo (const char *text,
                             const char *action_name,
                             GVariant *target)
{
  AdwToast *toast = rapport_toast_new (text);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action_name);
  if (target != NULL)
    adw_toast_set_action_target_value (toast, target);
  return toast;
}

/* libadwaita 1.2 hides a toast in 300 ms, with some margin. */
#define HIDE_TIME_MS 350

typedef struct
{
  AdwToastOverlay *overlay;
  /* The toast on screen, or waiting to come on; NULL when there is none. */
  AdwToast *current;
  gulong dismissed_id;
  gboolean waiting;
  guint add_id;
  /* When the last toast left, in monotonic microseconds. */
  gint64 hidden_at;
} ToastState;

static void
forget_current (ToastState *state)
{
  g_clear_handle_id (&state->add_id, g_source_remove);
  if (state->current != NULL)
    g_clear_signal_handler (&state->dismissed_id, state->current);
  g_clear_object (&state->current);
  state->waiting = FALSE;
}

static void
free_state (gpointer data)
{
  forget_current (data);
  g_free (data);
}

/* Dismissed by its button, its timeout, Escape or its close button: the
 * toast is on its way out and the next one starts afresh. */
static void
on_dismissed (AdwToast *toast,
              ToastState *state)
{
  forget_current (state);
  state->hidden_at = g_get_monotonic_time ();
}

static gboolean
add_waiting (gpointer data)
{
  ToastState *state = data;

  state->add_id = 0;
  state->waiting = FALSE;
  adw_toast_overlay_add_toast (state->overlay, g_object_ref (state->current));
  return G_SOURCE_REMOVE;
}

/* Makes @shown say what @toast says. The action name goes last, so that
 * the button never names an action with a target of the wrong type. */
static void
rewrite (AdwToast *shown,
         AdwToast *toast)
{
  adw_toast_set_title (shown, adw_toast_get_title (toast));
  adw_toast_set_button_label (shown, adw_toast_get_button_label (toast));
  adw_toast_set_action_name (shown, NULL);
  adw_toast_set_action_target_value (shown, adw_toast_get_action_target_value (toast));
  adw_toast_set_action_name (shown, adw_toast_get_action_name (toast));
  adw_toast_set_timeout (shown, adw_toast_get_timeout (toast));
}

/**
 * rapport_toast_show:
 * @from: a widget inside the window, or the toast overlay itself
 * @toast: (transfer full): the toast
 *
 * Shows what @toast says in the window's overlay, in place of the toast on
 * screen if there is one; right after a toast left, once it is gone.
 * Outside a window (in a test without one), logs its title.
 */
void
rapport_toast_show (GtkWidget *from,
                    AdwToast *toast)
{
  GtkWidget *overlay = ADW_IS_TOAST_OVERLAY (from) ? from : gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  ToastState *state;
  gint64 wait_ms;

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  state = g_object_get_data (G_OBJECT (overlay), "rapport-toast-state");
  if (state == NULL)
    {
      state = g_new0 (ToastState, 1);
      state->overlay = ADW_TOAST_OVERLAY (overlay);
      g_object_set_data_full (G_OBJECT (overlay), "rapport-toast-state", state, free_state);
    }

  if (state->current != NULL)
    {
      rewrite (state->current, toast);
      g_object_unref (toast);
      /* Adding it again restarts its timeout. */
      if (!state->waiting)
        adw_toast_overlay_add_toast (state->overlay, g_object_ref (state->current));
      return;
    }

  state->current = toast;
  state->dismissed_id = g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), state);
  wait_ms = HIDE_TIME_MS - (g_get_monotonic_time () - state->hidden_at) / 1000;
  if (state->hidden_at != 0 && wait_ms > 0)
    {
      state->waiting = TRUE;
      state->add_id = g_timeout_add ((guint) wait_ms, add_waiting, state);
      return;
    }
  adw_toast_overlay_add_toast (state->overlay, g_object_ref (toast));
}
