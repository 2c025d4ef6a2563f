/* bf-checkpointer.h: a store's write-ahead log copied into the database on a thread of its
 * own (the server's store, and a syncing device's: bf_store_checkpoint_in_background()).
 *
 * SQLite copies its WAL into the database file (a checkpoint: read, write, fsync) on the
 * connection whose commit crossed 1,000 pages. On the server that is the store thread, in the
 * middle of answering a push: a 5,000-visit push paid about 40 ms for it. The checkpointer
 * keeps that work on a second connection and thread, started after each commit that leaves
 * the log past @BF_CHECKPOINTER_BYTES; if the log still reaches ten times that (a steady
 * stream of commits), the committing connection completes the copy itself, so the log cannot
 * grow without bound.
 */
#pragma once

#include <glib.h>

#include "bf-store.h"

G_BEGIN_DECLS

/* In bytes, not pages: the same log size whatever the store's page size. */
#define BF_CHECKPOINTER_BYTES (4 * 1024 * 1024)

typedef struct _BfCheckpointer BfCheckpointer;

/* Watches @store's commits (from whichever thread makes them) until freed. */
BfCheckpointer *bf_checkpointer_new       (BfStore *store, GError **error);

/* Stops the thread and gives checkpoints back to @store's own connection. */
void            bf_checkpointer_free      (BfCheckpointer *self);

/* Checkpoints run on the thread so far (for tests). */
guint           bf_checkpointer_get_count (BfCheckpointer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfCheckpointer, bf_checkpointer_free)

G_END_DECLS
