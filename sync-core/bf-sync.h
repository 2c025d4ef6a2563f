/* bf-sync.h: synchronising a device's store with the hub.
 *
 * The transport is not here: the CLI and the app carry batches over HTTP (bf-sync-client)
 * or in bundle files; the tests carry them in memory with losses, duplicates and restarts.
 *
 * A sync is: push the outbox, hand the response back, then pull until no more. Every step is
 * idempotent and commits in one transaction, so a sync cut off anywhere resumes with nothing
 * lost and nothing applied twice.
 */
#pragma once

#include "bf-store.h"
#include "bf-wire.h"

G_BEGIN_DECLS

/* What a device may see. Reference data (towns, villages, units, cadres) goes to everyone;
 * households and everything hanging from them, village incomes and inspections go by village;
 * conflict records go to the district only. */
typedef struct {
  gboolean   district;      /* everything */
  GPtrArray *town_ids;      /* char*: whole towns */
  GPtrArray *village_ids;   /* char*: single villages */
} BfScope;

BfScope *bf_scope_new_district (void);
BfScope *bf_scope_new (void);
void     bf_scope_add_town (BfScope *scope, const char *town_id);
void     bf_scope_add_village (BfScope *scope, const char *village_id);
void     bf_scope_free (BfScope *scope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfScope, bf_scope_free)

/* ---- the device ---- */

/* Up to @limit unsent changes, oldest first, as a batch for the hub. Rejected changes are not
 * resent unless bf_sync_resend() is asked. */
BfBatch *bf_sync_outbox (BfStore *store, guint limit, GError **error);

/* The same, of the changes after @after_seq only: the next page while one is in flight. */
BfBatch *bf_sync_outbox_after (BfStore *store, gint64 after_seq, guint limit, GError **error);

/* The same page, encoded for the wire as bf_batch_encode() would, but spliced from the log
 * without a BfChange for each entry; NULL on failure. *out_count gets the changes in it (0:
 * nothing to send), *out_last_seq the last one's sequence number. */
GBytes  *bf_sync_outbox_encoded (BfStore *store, gint64 after_seq, guint limit, guint *out_count,
                                 gint64 *out_last_seq, GError **error);

/* Marks what the hub accepted, rejected (with its reason, kept) or had already. */
gboolean bf_sync_take_push_response (BfStore *store, const BfPushResponse *response,
                                     GError **error);

/* Where the next pull starts. */
gint64   bf_sync_cursor (BfStore *store, GError **error);

/* Applies a pulled batch and moves the cursor, in one transaction. A batch that does not
 * continue from this store's cursor is refused (it would skip or repeat). */
gboolean bf_sync_apply_pull (BfStore *store, const BfBatch *batch, GError **error);

/* Unsent and refused changes. */
gint64   bf_sync_count_pending (BfStore *store, GError **error);
gint64   bf_sync_count_rejected (BfStore *store, GError **error);

/* Sends a refused change again as a new change (after the user fixed what it depends on). */
gboolean bf_sync_resend (BfStore *store, gint64 seq, GError **error);

/* ---- the hub ---- */

/* Who is pushing and what they may touch; the server fills it from the signed-in account. */
typedef struct {
  const char    *account;             /* recorded with every accepted change (the audit) */
  const char    *device;              /* a device may push only its own changes */
  const BfScope *scope;               /* where they may write */
  gboolean       may_edit_reference;  /* towns, villages, units, cadres */
  gboolean       may_resolve;         /* conflict records and year locks: district staff */
} BfHubWriter;

/* Applies a device's batch: per change accepted, rejected with a reason, or a duplicate of one
 * already applied. Changes after a gap in a device's sequence wait for the missing ones (no
 * result). All or nothing on a database error. bf_hub_push() is the office's own import (a
 * bundle the clerk carried in): everything allowed. */
BfPushResponse *bf_hub_push    (BfStore *hub, const BfBatch *batch, GError **error);
BfPushResponse *bf_hub_push_as (BfStore *hub, const BfBatch *batch, const BfHubWriter *writer,
                                GError **error);
/* What a push needs that no store does, made ahead: each change's log text, and for each
 * creation the row it makes, built and checked against @policy and today (the checks that
 * need no store). The server calls it on its pool while decoding, so that the store thread,
 * which every device waits for, does less. Optional: bf_hub_push_as() makes what was not made
 * ahead, and checks again what was made with another policy or on another day. */
void            bf_hub_prepare_push (BfBatch *batch, const BfPolicy *policy);

/* A cadre's scope: the villages of the households paired with them now. */
BfScope        *bf_hub_cadre_scope (BfStore *hub, const char *cadre_id, GError **error);

/* Whether @scope covers @village_id (directly or through its town). */
gboolean        bf_scope_covers_village (BfStore *store, const BfScope *scope,
                                         const char *village_id, GError **error);

/* Up to @limit changes after @cursor within @scope, in the hub's order. */
BfBatch        *bf_hub_pull (BfStore *hub, gint64 cursor, const BfScope *scope, guint limit,
                             GError **error);
/* The same batch already encoded for the wire (bf_batch_decode() reads it), written straight
 * from the log without building the changes: what the server sends. @out_count (may be NULL)
 * receives the number of changes. */
GBytes         *bf_hub_pull_encoded (BfStore *hub, gint64 cursor, const BfScope *scope,
                                     guint limit, guint *out_count, GError **error);

G_END_DECLS
