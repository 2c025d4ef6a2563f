/* bf-gzip-ahead.h: a request body compressed on a worker thread while it waits to be sent.
 *
 * A push page is read and encoded while the pages before it are in flight, and was compressed
 * only once its turn came, on the thread that sends it: 7–10 ms for 2,500 visits at gzip's
 * default level, between the answer that lets it go and its first byte on the wire, while the
 * hub's store thread waited for it. Started as soon as the page is encoded, the compression is
 * done by the time the page is sent; if it is not, the sender waits for it, or does it itself
 * if no thread has started on it yet.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BfGzipAhead BfGzipAhead;

/* Starts compressing @plain (as one gzip member) on GLib's worker threads. */
BfGzipAhead *bf_gzip_ahead_new   (GBytes *plain);
BfGzipAhead *bf_gzip_ahead_ref   (BfGzipAhead *self);
void         bf_gzip_ahead_unref (BfGzipAhead *self);

/* The compressed bytes, waiting for them if need be; any thread. */
GBytes      *bf_gzip_ahead_get   (BfGzipAhead *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfGzipAhead, bf_gzip_ahead_unref)

G_END_DECLS
