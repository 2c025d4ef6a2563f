/* bf-in-order.h: work released in the order it arrived, per key, whatever order it became
 * ready in.
 *
 * A device may have two pushes in flight. Their bodies are decoded on the pool's threads, and
 * the second (or a smaller one) can finish first; merged in that order, its changes would
 * wait behind the gap at the hub and be sent again. Each push takes a place in its token's
 * line when its body is in, and reaches the store only after the pushes before it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BfInOrder BfInOrder;
typedef struct _BfInOrderTicket BfInOrderTicket;

/* Called with the ticket's data when its turn comes. */
typedef void (*BfInOrderRelease) (gpointer data);

BfInOrder       *bf_in_order_new   (void);
/* Lines still waiting are dropped without release. */
void             bf_in_order_free  (BfInOrder *self);

/* Takes the next place in @key's line. */
BfInOrderTicket *bf_in_order_enter (BfInOrder *self, const char *key, BfInOrderRelease release,
                                    gpointer data);

/* @ticket's work is ready: it and every ready ticket behind it are released, in their order,
 * once the tickets before them are; each released ticket is freed. */
void             bf_in_order_ready (BfInOrder *self, BfInOrderTicket *ticket);

/* Places taken and not yet released, over all keys (for tests). */
guint            bf_in_order_waiting (BfInOrder *self);

G_END_DECLS
