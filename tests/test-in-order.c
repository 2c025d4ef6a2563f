/* test-in-order.c: the server's per-token line — work released in the order it came in,
 * whatever order it became ready in, each key's line on its own, and a place whose request
 * stopped coming passed by after the grace. */
#include "bf-config.h"

#include "bf-in-order.h"

typedef struct {
  GString    *released;
  const char *name;
} Work;

static void
note_release (gpointer data)
{
  Work *work = data;

  g_string_append (work->released, work->name);
}

static void
test_order (void)
{
  g_autoptr(GString) released = g_string_new ("");
  BfInOrder *order = bf_in_order_new (60000);
  Work a = { released, "a" }, b = { released, "b" }, c = { released, "c" }, x = { released, "x" };
  BfInOrderTicket *ta = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *tb = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *tc = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *tx = bf_in_order_enter (order, "token-2");
  BfInOrderTicket *gone;

  g_assert_cmpuint (bf_in_order_waiting (order), ==, 4);
  /* The last one ready first waits for the two before it. */
  bf_in_order_ready (order, tc, note_release, &c);
  g_assert_cmpstr (released->str, ==, "");
  /* Another token's work does not wait for this line. */
  bf_in_order_ready (order, tx, note_release, &x);
  g_assert_cmpstr (released->str, ==, "x");
  bf_in_order_ready (order, ta, note_release, &a);
  g_assert_cmpstr (released->str, ==, "xa");
  g_assert_cmpuint (bf_in_order_waiting (order), ==, 2);
  bf_in_order_ready (order, tb, note_release, &b);
  g_assert_cmpstr (released->str, ==, "xabc");
  g_assert_cmpuint (bf_in_order_waiting (order), ==, 0);

  /* A line that emptied starts again. */
  bf_in_order_ready (order, bf_in_order_enter (order, "token-1"), note_release, &a);
  g_assert_cmpstr (released->str, ==, "xabca");
  /* A request that ended without a body gives its place up. */
  gone = bf_in_order_enter (order, "token-1");
  bf_in_order_ready (order, bf_in_order_enter (order, "token-1"), note_release, &b);
  g_assert_cmpstr (released->str, ==, "xabca");
  bf_in_order_leave (order, gone);
  g_assert_cmpstr (released->str, ==, "xabcab");
  /* Freed with a place still taken: nothing is released. */
  bf_in_order_enter (order, "token-1");
  bf_in_order_free (order);
  g_assert_cmpstr (released->str, ==, "xabcab");
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The first push's body stops coming: the second waits the grace, then goes; the first goes
 * whenever it is ready, and the line keeps its order for what comes after. */
static void
test_grace (void)
{
  g_autoptr(GString) released = g_string_new ("");
  BfInOrder *order = bf_in_order_new (200);
  Work a = { released, "a" }, b = { released, "b" }, c = { released, "c" }, d = { released, "d" };
  BfInOrderTicket *stalled = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *second = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *third = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *fourth;

  bf_in_order_ready (order, second, note_release, &b);
  run_for (20);
  g_assert_cmpstr (released->str, ==, "");
  run_for (400);
  /* Passed by: the second went; the third, not ready, still holds its place. */
  g_assert_cmpstr (released->str, ==, "b");
  g_assert_cmpuint (bf_in_order_waiting (order), ==, 2);
  fourth = bf_in_order_enter (order, "token-1");
  bf_in_order_ready (order, fourth, note_release, &d);
  g_assert_cmpstr (released->str, ==, "b");
  bf_in_order_ready (order, third, note_release, &c);
  g_assert_cmpstr (released->str, ==, "bcd");
  /* The stalled one, passed by, goes at once when it finally comes. */
  bf_in_order_ready (order, stalled, note_release, &a);
  g_assert_cmpstr (released->str, ==, "bcda");
  g_assert_cmpuint (bf_in_order_waiting (order), ==, 0);

  /* Freed with a passed-by place still out: nothing leaks, nothing is released. */
  stalled = bf_in_order_enter (order, "token-1");
  bf_in_order_ready (order, bf_in_order_enter (order, "token-1"), note_release, &b);
  run_for (400);
  g_assert_cmpstr (released->str, ==, "bcdab");
  bf_in_order_free (order);
  /* No timer is left behind either. */
  run_for (300);
}

/* The grace is each ready push's own: a ticket that came in after the first ready one began
 * waiting is not passed when that one's grace ends, only when the push behind it has waited
 * its own. */
static void
test_grace_each_its_own (void)
{
  g_autoptr(GString) released = g_string_new ("");
  BfInOrder *order = bf_in_order_new (400);
  Work r1 = { released, "1" }, r2 = { released, "2" }, x = { released, "x" }, y = { released, "y" };
  BfInOrderTicket *tx = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *t1 = bf_in_order_enter (order, "token-1");
  BfInOrderTicket *ty, *t2;

  bf_in_order_ready (order, t1, note_release, &r1);
  run_for (200);
  ty = bf_in_order_enter (order, "token-1");
  t2 = bf_in_order_enter (order, "token-1");
  bf_in_order_ready (order, t2, note_release, &r2);
  run_for (300);
  /* 1 has waited 500 ms: X is passed, 1 goes; 2 has waited 300 ms behind Y, which stays. */
  g_assert_cmpstr (released->str, ==, "1");
  run_for (300);
  g_assert_cmpstr (released->str, ==, "12");
  bf_in_order_ready (order, tx, note_release, &x);
  bf_in_order_ready (order, ty, note_release, &y);
  g_assert_cmpstr (released->str, ==, "12xy");
  g_assert_cmpuint (bf_in_order_waiting (order), ==, 0);
  bf_in_order_free (order);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/in-order/order", test_order);
  g_test_add_func ("/in-order/grace", test_grace);
  g_test_add_func ("/in-order/grace-each-its-own", test_grace_each_its_own);
  return g_test_run ();
}
