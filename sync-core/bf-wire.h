/* bf-wire.h: the sync wire format — versioned JSON batches of changes, and push results.
 *
 * Every batch names the protocol and schema versions. The decoder treats its input as hostile:
 * size and nesting limits, strict UTF-8, no duplicate keys, exact types, integer ranges; any
 * fault is a GError and nothing of the batch is returned. See docs/PROTOCOL.md.
 */
#pragma once

#include <glib.h>

#include "bf-change.h"
#include "bf-json-tree.h"

G_BEGIN_DECLS

#define BF_PROTOCOL_VERSION 1

#define BF_WIRE_ERROR (bf_wire_error_quark ())

typedef enum {
  BF_WIRE_ERROR_SYNTAX,     /* not JSON, invalid UTF-8, duplicate key, too deep, too big */
  BF_WIRE_ERROR_VERSION,    /* a protocol or schema this program does not speak */
  BF_WIRE_ERROR_FIELD,      /* a member missing, of the wrong type or out of range */
} BfWireError;

GQuark bf_wire_error_quark (void);

/* Largest batch accepted, and deepest nesting. */
#define BF_WIRE_MAX_BYTES (64 * 1024 * 1024)
#define BF_WIRE_MAX_DEPTH 8

typedef struct {
  int        protocol;
  int        schema;
  char      *sender;        /* device id of the sender (a device, or the hub) */
  gint64     cursor;        /* pull: the hub sequence this batch brings the receiver to */
  gboolean   more;          /* pull: more changes are waiting */
  gint64     server_time_ms;/* from the hub: its clock, for the devices' drift check; 0 = absent */
  GPtrArray *changes;       /* BfChange*, owned */
} BfBatch;

typedef enum {
  BF_PUSH_ACCEPTED,
  BF_PUSH_DUPLICATE,        /* already applied earlier (a retried batch) */
  BF_PUSH_REJECTED,         /* refused with a reason; the device keeps it to fix and resend */
} BfPushStatus;

typedef struct {
  char        *device_id;
  gint64       seq;
  BfPushStatus status;
  gint64       server_seq;  /* accepted: its place in the hub's order */
  char        *reason;      /* rejected: why, in words for the user */
} BfPushResult;

typedef struct {
  int        protocol;
  gint64     server_time_ms;
  GPtrArray *results;       /* BfPushResult*, owned */
} BfPushResponse;

BfBatch        *bf_batch_new (const char *sender);
void            bf_batch_free (BfBatch *batch);
BfPushResponse *bf_push_response_new (void);
void            bf_push_response_free (BfPushResponse *response);
void            bf_push_result_free (BfPushResult *result);

/* Encoding never fails for a well-formed batch. The bytes are UTF-8 JSON. */
GBytes         *bf_batch_encode (const BfBatch *batch);
BfBatch        *bf_batch_decode (const guint8 *data, gsize length, GError **error);
/* The same, handing over the parsed tree too (to free with bf_json_tree_free()), for members
 * beyond the batch's own, such as the "scope" of an HTTP pull answer: a pulled body is
 * megabytes, parsed once rather than again for one small member. */
BfBatch        *bf_batch_decode_tree (const guint8 *data, gsize length, BfJsonTree **out_tree,
                                      GError **error);
GBytes         *bf_push_response_encode (const BfPushResponse *response);
/* The same, shorter: a run of results that follow one another (one device, one status, each
 * seq and server sequence one past the last, no reason) is one entry with its length in "n".
 * For clients that said they read it (docs/PROTOCOL.md); bf_push_response_decode reads both. */
GBytes         *bf_push_response_encode_runs (const BfPushResponse *response);
BfPushResponse *bf_push_response_decode (const guint8 *data, gsize length, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfBatch, bf_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfPushResponse, bf_push_response_free)

G_END_DECLS
