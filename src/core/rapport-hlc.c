/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-hlc.c: a hybrid logical clock (Kulkarni et al.).
 *
 * Every local edit takes a stamp that is greater than every stamp this
 * node has issued or seen, yet stays close to wall-clock time; sync resolves
 * conflicts per field by comparing these stamps, the node id breaking ties.
 */
#define G_LOG_DOMAIN "rapport-hlc"

#include "config.h"

#include <string.h>

#include "rapport-hlc.h"

#define MAX_MS G_GINT64_CONSTANT (0xffffffffffff)

struct _RapportHlc
{
  guint64 node_id;
  gint64 ms;
  guint counter;
};

RapportHlc *
rapport_hlc_new (guint64 node_id)
{
  RapportHlc *self = g_new0 (RapportHlc, 1);

  self->node_id = node_id;
  return self;
}

void
rapport_hlc_free (RapportHlc *self)
{
  g_free (self);
}

guint64
rapport_hlc_get_node_id (RapportHlc *self)
{
  return self->node_id;
}

static char *
format_stamp (gint64 ms,
              guint counter,
              guint64 node_id)
{
  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%016" G_GINT64_MODIFIER "x",
                          ms, counter, node_id);
}

static void
advance (RapportHlc *self,
         gint64 ms)
{
  if (ms > self->ms)
    {
      self->ms = MIN (ms, MAX_MS);
      self->counter = 0;
    }
  else if (self->counter < 0xffff)
    {
      self->counter++;
    }
  else
    {
      /* The counter is exhausted within one millisecond: borrow the next
       * millisecond rather than wrap, so stamps stay monotonic. */
      self->ms++;
      self->counter = 0;
    }
}

/**
 * rapport_hlc_tick:
 * @self: a clock
 * @wall_ms: the wall clock in milliseconds since the epoch
 *
 * Returns: (transfer full): a new stamp, greater than any stamp this clock
 *   has issued or received.
 */
char *
rapport_hlc_tick (RapportHlc *self,
                  gint64 wall_ms)
{
  advance (self, wall_ms);
  return format_stamp (self->ms, self->counter, self->node_id);
}

/**
 * rapport_hlc_now:
 * @self: a clock
 *
 * Returns: (transfer full): rapport_hlc_tick() at the current real time.
 */
char *
rapport_hlc_now (RapportHlc *self)
{
  return rapport_hlc_tick (self, g_get_real_time () / 1000);
}

/**
 * rapport_hlc_parse:
 * @stamp: a stamp as rapport_hlc_tick() writes it
 * @ms: (out) (optional): its milliseconds
 * @counter: (out) (optional): its counter
 * @node_id: (out) (optional): its node id
 *
 * Returns: %TRUE if @stamp is well-formed.
 */
gboolean
rapport_hlc_parse (const char *stamp,
                   gint64 *ms,
                   guint *counter,
                   guint64 *node_id)
{
  guint64 m = 0, c = 0, n = 0;

  if (stamp == NULL || strlen (stamp) != RAPPORT_HLC_LENGTH || stamp[12] != '-' || stamp[17] != '-')
    return FALSE;
  /* By hand rather than with sscanf(): sync checks every field's stamp,
   * millions of them on a first sync. Upper-case hex would parse but sort
   * before lower-case as a string, so it is refused. */
  for (guint i = 0; i < RAPPORT_HLC_LENGTH; i++)
    {
      char ch = stamp[i];
      guint64 digit;

      if (i == 12 || i == 17)
        continue;
      if (ch >= '0' && ch <= '9')
        digit = ch - '0';
      else if (ch >= 'a' && ch <= 'f')
        digit = ch - 'a' + 10;
      else
        return FALSE;
      if (i < 12)
        m = m << 4 | digit;
      else if (i < 17)
        c = c << 4 | digit;
      else
        n = n << 4 | digit;
    }
  if (ms)
    *ms = (gint64) m;
  if (counter)
    *counter = (guint) c;
  if (node_id)
    *node_id = n;
  return TRUE;
}

/**
 * rapport_hlc_receive:
 * @self: a clock
 * @remote: a stamp received from another node
 * @wall_ms: the wall clock in milliseconds
 *
 * Moves the clock past @remote so that later local stamps order after it.
 *
 * Returns: %FALSE if @remote is malformed (the clock is unchanged).
 */
gboolean
rapport_hlc_receive (RapportHlc *self,
                     const char *remote,
                     gint64 wall_ms)
{
  gint64 rms;
  guint rcounter;

  if (!rapport_hlc_parse (remote, &rms, &rcounter, NULL))
    return FALSE;

  if (wall_ms > self->ms && wall_ms > rms)
    {
      self->ms = wall_ms;
      self->counter = 0;
    }
  else if (rms > self->ms)
    {
      self->ms = rms;
      self->counter = rcounter;
      advance (self, rms);
    }
  else if (rms == self->ms)
    {
      self->counter = MAX (self->counter, rcounter);
      advance (self, rms);
    }
  else
    {
      advance (self, self->ms);
    }
  return TRUE;
}
