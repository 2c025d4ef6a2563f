/* bf-in-order.h: work released in the order it arrived, per key, whatever order it became
 * ready in.
 *
 * A device may have two pushes in flight. Their bodies are decoded on the pool's threads, and
 * the second (or a smaller one) can finish first; merged in that order, its changes would
 * wait behind the gap at the hub and be sent again. Each push takes a place in its token's
 * line as soon as its headers are in — the client starts the second only once the first has
 * gone out whole, so the first's headers are read long before the second's; its body can
 * still be arriving then — and reaches the store only after the pushes before it.
 *
 * A body that stops coming (a link that died without a word) must not hold the device's
 * later pushes for good: work that has waited a grace period goes on past the requests still
 * coming in before it. Merged late, their changes get the gap treatment at the hub and are
 * sent again; nothing is lost.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BfInOrder BfInOrder;
typedef struct _BfInOrderTicket BfInOrderTicket;

/* Called with the ticket's data when its turn comes. */
typedef void (*BfInOrderRelease) (gpointer data);

/* Ready work waits at most @grace_ms behind a ticket that is not (timed on the default main
 * context). */
BfInOrder       *bf_in_order_new   (guint grace_ms);
/* Tickets still waiting are dropped without release. */
void             bf_in_order_free  (BfInOrder *self);

/* Takes the next place in @key's line. */
BfInOrderTicket *bf_in_order_enter (BfInOrder *self, const char *key);

/* @ticket's work is ready: @release is called with @data once the tickets before it are
 * released or passed by, and so are the ready tickets behind it, in their order; each
 * released ticket is freed. */
void             bf_in_order_ready (BfInOrder *self, BfInOrderTicket *ticket,
                                    BfInOrderRelease release, gpointer data);

/* @ticket's request ended without work (its body never came whole): the tickets behind it no
 * longer wait for it. Frees @ticket. */
void             bf_in_order_leave (BfInOrder *self, BfInOrderTicket *ticket);

/* Places taken and not yet released, over all keys (for tests). */
guint            bf_in_order_waiting (BfInOrder *self);

G_END_DECLS
