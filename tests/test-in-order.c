/* test-in-order.c: the server's per-token line — work released in the order it came in,
 * whatever order it became ready in, and each key's line on its own. */
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
  BfInOrder *order = bf_in_order_new ();
  Work a = { released, "a" }, b = { released, "b" }, c = { released, "c" }, x = { released, "x" };
  BfInOrderTicket *ta = bf_in_order_enter (order, "token-1", note_release, &a);
  BfInOrderTicket *tb = bf_in_order_enter (order, "token-1", note_release, &b);
  BfInOrderTicket *tc = bf_in_order_enter (order, "token-1", note_release, &c);
  BfInOrderTicket *tx = bf_in_order_enter (order, "token-2", note_release, &x);

  g_assert_cmpuint (bf_in_order_waiting (order), ==, 4);
  /* The last one ready first waits for the two before it. */
  bf_in_order_ready (order, tc);
  g_assert_cmpstr (released->str, ==, "");
  /* Another token's work does not wait for this line. */
  bf_in_order_ready (order, tx);
  g_assert_cmpstr (released->str, ==, "x");
  bf_in_order_ready (order, ta);
  g_assert_cmpstr (released->str, ==, "xa");
  g_assert_cmpuint (bf_in_order_waiting (order), ==, 2);
  bf_in_order_ready (order, tb);
  g_assert_cmpstr (released->str, ==, "xabc");
  g_assert_cmpuint (bf_in_order_waiting (order), ==, 0);

  /* A line that emptied starts again. */
  bf_in_order_ready (order, bf_in_order_enter (order, "token-1", note_release, &a));
  g_assert_cmpstr (released->str, ==, "xabca");
  /* Freed with a place still taken: nothing is released. */
  bf_in_order_enter (order, "token-1", note_release, &b);
  bf_in_order_free (order);
  g_assert_cmpstr (released->str, ==, "xabca");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/in-order/order", test_order);
  return g_test_run ();
}
