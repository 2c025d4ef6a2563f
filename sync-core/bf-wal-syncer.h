/* bf-wal-syncer.h: the server's commits made durable on a thread of their own.
 *
 * With synchronous=FULL every COMMIT waits for an fsync of the write-ahead log: 10–20 ms of a
 * 2,500-visit push on our machines, during which the store thread can do nothing else. The
 * syncer lowers the store's connection to synchronous=NORMAL (in WAL mode: consistent after
 * a power cut, but the newest commits may be gone) and gives durability back itself: after a
 * group of jobs commits, the store thread hands their outcomes here and goes on with the next
 * jobs; this thread runs fdatasync() on the log and only then lets the outcomes out. No answer
 * — "accepted", or a pull that read what was just committed — leaves before what it reports
 * is on disk, and one fsync covers every commit made while the previous one ran.
 */
#pragma once

#include <glib.h>

#include "bf-store.h"

G_BEGIN_DECLS

typedef struct _BfWalSyncer BfWalSyncer;

/* Must be called on the thread that uses @store, before it commits through the syncer. When
 * @store has no write-ahead log to sync (an in-memory store), commits stay synchronous and
 * the syncer only passes outcomes on. */
BfWalSyncer *bf_wal_syncer_new   (BfStore *store);

/* Runs @release(@data) on the syncer's thread once everything committed on @store so far is
 * on disk. Releases run in the order they were asked for. */
void         bf_wal_syncer_after (BfWalSyncer *self, GFunc release, gpointer data);

/* Whether commits are made durable here rather than by SQLite. */
gboolean     bf_wal_syncer_is_deferring (BfWalSyncer *self);

/* fdatasync() calls made so far (for tests and benchmarks). */
guint        bf_wal_syncer_get_syncs (BfWalSyncer *self);

/* Releases what is waiting, then stops the thread. The store's connection stays at
 * synchronous=NORMAL: free the syncer after the last commit. */
void         bf_wal_syncer_free  (BfWalSyncer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfWalSyncer, bf_wal_syncer_free)

G_END_DECLS
