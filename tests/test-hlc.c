/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hlc.c: the hybrid logical clock that orders edits across devices.
 * Sync compares stamps as plain strings, so every test also checks that the
 * string order is the (milliseconds, counter, node) order. */
#define G_LOG_DOMAIN "test-hlc"

#include "config.h"

#include <string.h>

#include "rapport-hlc.h"

#define NODE G_GUINT64_CONSTANT (0x00000000000000a1)

static void
assert_stamp (const char *stamp,
              gint64 expected_ms,
              guint expected_counter,
              guint64 expected_node)
{
  gint64 ms = -1;
  guint counter = G_MAXUINT;
  guint64 node = 0;

  g_assert_cmpuint (strlen (stamp), ==, RAPPORT_HLC_LENGTH);
  g_assert_true (rapport_hlc_parse (stamp, &ms, &counter, &node));
  g_assert_cmpint (ms, ==, expected_ms);
  g_assert_cmpuint (counter, ==, expected_counter);
  g_assert_cmphex (node, ==, expected_node);
}

static void
test_format (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (G_GUINT64_CONSTANT (0xfedcba9876543210));
  g_autofree char *stamp = rapport_hlc_tick (hlc, 0x18c3b2a1f00);

  g_assert_cmpstr (stamp, ==, "018c3b2a1f00-0000-fedcba9876543210");
  g_assert_cmphex (rapport_hlc_get_node_id (hlc), ==, G_GUINT64_CONSTANT (0xfedcba9876543210));
}

static void
test_tick_forward (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *a = rapport_hlc_tick (hlc, 1000);
  g_autofree char *b = rapport_hlc_tick (hlc, 1000);
  g_autofree char *c = rapport_hlc_tick (hlc, 1001);

  assert_stamp (a, 1000, 0, NODE);
  assert_stamp (b, 1000, 1, NODE);
  assert_stamp (c, 1001, 0, NODE);
  g_assert_cmpint (strcmp (a, b), <, 0);
  g_assert_cmpint (strcmp (b, c), <, 0);
}

static void
test_clock_goes_backwards (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *previous = rapport_hlc_tick (hlc, 5000);
  const gint64 walls[] = { 4000, 1, 4999, 5000, 0, -20 };

  assert_stamp (previous, 5000, 0, NODE);
  for (guint i = 0; i < G_N_ELEMENTS (walls); i++)
    {
      g_autofree char *stamp = rapport_hlc_tick (hlc, walls[i]);

      /* The wall clock went back: time stands still and the counter moves. */
      assert_stamp (stamp, 5000, i + 1, NODE);
      g_assert_cmpint (strcmp (previous, stamp), <, 0);
      g_free (previous);
      previous = g_steal_pointer (&stamp);
    }

  /* Once the wall clock passes the stamps again, it takes over. */
  g_clear_pointer (&previous, g_free);
  previous = rapport_hlc_tick (hlc, 5001);
  assert_stamp (previous, 5001, 0, NODE);
}

static void
test_counter_overflow (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *previous = rapport_hlc_tick (hlc, 7000);
  g_autofree char *borrowed = NULL;
  g_autofree char *after = NULL;

  for (guint i = 1; i <= 0xffff; i++)
    {
      g_autofree char *stamp = rapport_hlc_tick (hlc, 7000);

      g_assert_cmpint (strcmp (previous, stamp), <, 0);
      g_free (previous);
      previous = g_steal_pointer (&stamp);
    }
  assert_stamp (previous, 7000, 0xffff, NODE);

  /* The counter is full: the next stamp borrows the next millisecond. */
  borrowed = rapport_hlc_tick (hlc, 7000);
  assert_stamp (borrowed, 7001, 0, NODE);
  g_assert_cmpint (strcmp (previous, borrowed), <, 0);

  /* The real 7001st millisecond must still come after the borrowed one. */
  after = rapport_hlc_tick (hlc, 7001);
  assert_stamp (after, 7001, 1, NODE);
  g_assert_cmpint (strcmp (borrowed, after), <, 0);
}

static char *
stamp_of (gint64 ms,
          guint counter,
          guint64 node)
{
  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%016" G_GINT64_MODIFIER "x", ms, counter, node);
}

static void
test_receive_ahead (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *local = rapport_hlc_tick (hlc, 1000);
  g_autofree char *remote = stamp_of (9000, 7, 0xbeef);
  g_autofree char *next = NULL;

  g_assert_true (rapport_hlc_receive (hlc, remote, 1000));
  next = rapport_hlc_tick (hlc, 1001);
  /* receive() took (9000, 8); this tick is the one after. */
  assert_stamp (next, 9000, 9, NODE);
  g_assert_cmpint (strcmp (remote, next), <, 0);
}

static void
test_receive_behind (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *local = rapport_hlc_tick (hlc, 9000);
  g_autofree char *remote = stamp_of (1000, 40, 0xbeef);
  g_autofree char *next = NULL;

  g_assert_true (rapport_hlc_receive (hlc, remote, 2000));
  next = rapport_hlc_tick (hlc, 2000);
  assert_stamp (next, 9000, 2, NODE);
  g_assert_cmpint (strcmp (local, next), <, 0);
}

static void
test_receive_equal (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *local = rapport_hlc_tick (hlc, 9000);
  g_autofree char *remote = stamp_of (9000, 5, 0xbeef);
  g_autofree char *lower = stamp_of (9000, 2, 0xbeef);
  g_autofree char *next = NULL;

  /* Same millisecond: the larger counter wins, plus one. */
  g_assert_true (rapport_hlc_receive (hlc, remote, 8000));
  next = rapport_hlc_tick (hlc, 8000);
  assert_stamp (next, 9000, 7, NODE);
  g_assert_cmpint (strcmp (remote, next), <, 0);
  g_clear_pointer (&next, g_free);

  g_assert_true (rapport_hlc_receive (hlc, lower, 8000));
  next = rapport_hlc_tick (hlc, 8000);
  assert_stamp (next, 9000, 9, NODE);
}

static void
test_receive_wall_ahead (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *local = rapport_hlc_tick (hlc, 1000);
  g_autofree char *remote = stamp_of (2000, 3, 0xbeef);
  g_autofree char *next = NULL;

  /* The wall clock is ahead of both: it wins and the counter restarts. */
  g_assert_true (rapport_hlc_receive (hlc, remote, 3000));
  next = rapport_hlc_tick (hlc, 3000);
  assert_stamp (next, 3000, 1, NODE);
}

static void
test_receive_counter_full (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *remote = stamp_of (4000, 0xffff, 0xbeef);
  g_autofree char *next = NULL;

  g_assert_true (rapport_hlc_receive (hlc, remote, 10));
  next = rapport_hlc_tick (hlc, 10);
  g_assert_cmpint (strcmp (remote, next), <, 0);
  assert_stamp (next, 4001, 1, NODE);
}

static void
test_receive_malformed (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  g_autofree char *before = rapport_hlc_tick (hlc, 1000);
  g_autofree char *after = NULL;

  g_assert_false (rapport_hlc_receive (hlc, "ffffffffffff-ffff-ffffffffffffffff-", 1000));
  g_assert_false (rapport_hlc_receive (hlc, "garbage", 1000));
  g_assert_false (rapport_hlc_receive (hlc, NULL, 1000));
  after = rapport_hlc_tick (hlc, 1000);
  /* Unchanged by the bad stamps: one tick after "before". */
  assert_stamp (after, 1000, 1, NODE);
}

static void
test_parse_malformed (void)
{
  const char *const malformed[] = {
    NULL,
    "",
    "0",
    "00000000000a-0000-00000000000000a",   /* one short */
    "00000000000a-0000-00000000000000a10", /* one long */
    "00000000000a_0000-00000000000000a1",  /* wrong separator */
    "00000000000a-0000_00000000000000a1",
    "0000000000a-00000-00000000000000a1", /* separators moved */
    "00000000000g-0000-00000000000000a1", /* not hex */
    "00000000000a-000z-00000000000000a1",
    "00000000000a-0000-00000000000000aq",
    " 0000000000a-0000-00000000000000a1", /* sscanf would skip spaces */
    "+0000000000a-0000-00000000000000a1", /* and take signs */
    "00000000000a-+000-00000000000000a1",
    "00000000000a-0000--0000000000000a1",
    "0x000000000a-0000-00000000000000a1",
    "00000000000A-0000-00000000000000A1", /* upper case breaks string order */
    "00000000000a-0000-00000000000000a1\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    if (rapport_hlc_parse (malformed[i], NULL, NULL, NULL))
      g_error ("“%s” should not parse", malformed[i]);

  assert_stamp ("00000000000a-0000-00000000000000a1", 10, 0, 0xa1);
  assert_stamp ("ffffffffffff-ffff-ffffffffffffffff", G_GINT64_CONSTANT (0xffffffffffff), 0xffff,
                G_MAXUINT64);
  /* Every out parameter is optional. */
  g_assert_true (rapport_hlc_parse ("00000000000a-0000-00000000000000a1", NULL, NULL, NULL));
}

typedef struct
{
  gint64 ms;
  guint counter;
  guint64 node;
  char *stamp;
} Triple;

static int
compare_triples (const Triple *a,
                 const Triple *b)
{
  if (a->ms != b->ms)
    return a->ms < b->ms ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;
  if (a->node != b->node)
    return a->node < b->node ? -1 : 1;
  return 0;
}

static void
test_string_order (void)
{
  /* Values on both sides of hex digit-count boundaries, where a stamp
   * without zero padding would sort wrong. */
  const gint64 ms_values[] = { 1, 9, 0xa, 0xf, 0x10, 0xfff, 0x1000, 1764108000000,
                               1764108000001, G_GINT64_CONSTANT (0xffffffffffff) };
  const guint counters[] = { 0, 1, 0xf, 0x10, 0x100 };
  const guint64 nodes[] = { 1, 0xf, 0x10, G_GUINT64_CONSTANT (0x7fffffffffffffff),
                            G_GUINT64_CONSTANT (0x8000000000000000), G_MAXUINT64 };
  g_autoptr(GArray) triples = g_array_new (FALSE, FALSE, sizeof (Triple));

  for (guint i = 0; i < G_N_ELEMENTS (ms_values); i++)
    for (guint j = 0; j < G_N_ELEMENTS (counters); j++)
      for (guint k = 0; k < G_N_ELEMENTS (nodes); k++)
        {
          g_autoptr(RapportHlc) hlc = rapport_hlc_new (nodes[k]);
          Triple t = { ms_values[i], counters[j], nodes[k], NULL };

          /* Stamps come from the clock itself, so its formatting is tested. */
          for (guint n = 0; n <= counters[j]; n++)
            {
              g_free (t.stamp);
              t.stamp = rapport_hlc_tick (hlc, ms_values[i]);
            }
          assert_stamp (t.stamp, t.ms, t.counter, t.node);
          g_array_append_val (triples, t);
        }

  for (guint i = 0; i < triples->len; i++)
    for (guint j = 0; j < triples->len; j++)
      {
        Triple *a = &g_array_index (triples, Triple, i);
        Triple *b = &g_array_index (triples, Triple, j);
        int by_value = compare_triples (a, b);
        int by_string = strcmp (a->stamp, b->stamp);

        if ((by_value > 0) != (by_string > 0) || (by_value < 0) != (by_string < 0))
          g_error ("%s and %s order differently as strings", a->stamp, b->stamp);
      }

  for (guint i = 0; i < triples->len; i++)
    g_free (g_array_index (triples, Triple, i).stamp);
}

static void
test_now (void)
{
  g_autoptr(RapportHlc) hlc = rapport_hlc_new (NODE);
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *stamp = rapport_hlc_now (hlc);
  gint64 after = g_get_real_time () / 1000;
  gint64 ms = 0;

  g_assert_true (rapport_hlc_parse (stamp, &ms, NULL, NULL));
  g_assert_cmpint (ms, >=, before);
  g_assert_cmpint (ms, <=, after);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/hlc/format", test_format);
  g_test_add_func ("/rapport/hlc/tick/forward", test_tick_forward);
  g_test_add_func ("/rapport/hlc/tick/clock-goes-backwards", test_clock_goes_backwards);
  g_test_add_func ("/rapport/hlc/tick/counter-overflow", test_counter_overflow);
  g_test_add_func ("/rapport/hlc/receive/ahead", test_receive_ahead);
  g_test_add_func ("/rapport/hlc/receive/behind", test_receive_behind);
  g_test_add_func ("/rapport/hlc/receive/equal", test_receive_equal);
  g_test_add_func ("/rapport/hlc/receive/wall-ahead", test_receive_wall_ahead);
  g_test_add_func ("/rapport/hlc/receive/counter-full", test_receive_counter_full);
  g_test_add_func ("/rapport/hlc/receive/malformed", test_receive_malformed);
  g_test_add_func ("/rapport/hlc/parse/malformed", test_parse_malformed);
  g_test_add_func ("/rapport/hlc/string-order", test_string_order);
  g_test_add_func ("/rapport/hlc/now", test_now);

  return g_test_run ();
}
