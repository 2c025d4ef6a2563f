/* bf-sync-private.h: the sync engine's internals shared by the log, the merge, the hub and
 * the client. */
#pragma once

#include "bf-store-private.h"
#include "bf-wire.h"

G_BEGIN_DECLS

/* Added to every read of pending or refused changes. SQLite uses the partial index
 * change_log_unsettled (WHERE state <> 'accepted') only when the query's own terms imply its
 * condition, and it does not see that state = 'pending' does: without this a count of the
 * unsent walked every change the laptop ever made. */
#define UNSETTLED "state <> 'accepted'"

/* The confirmed version of a row or field: who set it, in which change, at what time. */
typedef struct {
  char  *device;
  gint64 seq;
  BfHlc  hlc;
} BfVersion;

void  bf_version_clear (BfVersion *version);
char *bf_version_string (const BfVersion *version);

/* The confirmed version of @field of a row: the field's own if it was edited since creation,
 * else the row's creation. FALSE with no error when the row has none. */
gboolean bf_sync_confirmed_version (BfStore *store, BfEntityKind kind, const char *row_id,
                                    const char *field, BfVersion *out, gboolean *out_found,
                                    GError **error);

/* On the hub, a visit or payment (append-only) pushed as a new row keeps no row_versions entry
 * while it is not edited: its version is its creation's entry in the hub's log. Writing one
 * for each was a fifth of merging a pushed visit, and only a district merge ever edits one.
 * This reads it (FALSE with no error when there is none). */
gboolean bf_sync_hub_row_version (BfStore *store, BfEntityKind kind, const char *row_id,
                                  BfVersion *out, gboolean *out_found, GError **error);

/* Merges a change the hub has ordered into the shadow (the confirmed state) and into the rows
 * wherever no local edit is pending. Last writer wins per field by (HLC, device, seq), so the
 * result does not depend on the order changes arrive in. With @detect, every field edited
 * against a version other than the current one whose value differs adds a BfConflict to
 * @out_conflicts (the hub's job). */
gboolean bf_sync_apply_confirmed (BfStore *store, const BfChange *change, gboolean detect,
                                  GPtrArray *out_conflicts, GError **error);
/* The same, for a creation whose row the caller built from @change and checked already, and
 * found absent (the hub's push): @built is inserted if the change is the row's first creation.
 * On the hub, such a visit or payment gets no row version written (see
 * bf_sync_hub_row_version). */
gboolean bf_sync_apply_confirmed_built (BfStore *store, const BfChange *change,
                                        gconstpointer built, gboolean detect,
                                        GPtrArray *out_conflicts, GError **error);
/* The hub's write of a pushed visit or payment that it built and checked as new without
 * reading whether the row exists (a new row's id is nearly always new): *out_applied is FALSE,
 * and nothing is written, when the row exists after all — the caller checks the change again
 * against the row as it is. */
gboolean bf_sync_apply_new_row (BfStore *store, const BfChange *change, gconstpointer built,
                                gboolean *out_applied, GError **error);

/* One logged change as the encoder writes it (bf-wire.c, encode_change), spliced from a log's
 * columns — server_seq (0: none), device, seq, hlc, clamped, author, entity, row_id, fields —
 * instead of parsed and encoded again: the stored fields are already the members "f" and "b"
 * of a JSON object. A row that is not such a change fails with @damaged. (bf-hub-pull.c) */
gboolean bf_sync_append_logged_change (GString *out, sqlite3_stmt *stmt, const char *sender,
                                       const char *damaged, GError **error);

/* Before @change is checked and merged: the look-up memo (bf_store_memo_start) stays on, or
 * comes on, for visits, payments, members, pairings and incomes, which leave every fact it
 * keeps alone; any other change (a household, village, cadre or year's lock may alter one) is
 * handled without it, and the run after it starts afresh. */
void     bf_sync_memo_follow (BfStore *store, const BfChange *change);

/* The hub's own change (a conflict record, its demo district): ordered at once. (bf-hub.c) */
gboolean bf_hub_accept_local (BfStore *store, BfChange *change, GError **error);

/* Appends an accepted change to the hub's global log; returns its server sequence. */
gint64   bf_hub_log_append (BfStore *store, const BfChange *change, const char *account,
                            GError **error);

/* Drops this device's overlay for change @seq: each of its fields shows the confirmed value
 * again unless a later local edit of the field is still pending. */
gboolean bf_sync_settle_pending (BfStore *store, gint64 seq, GError **error);

/* Records @change as a correction when it touches a locked year: a visit, payment or
 * inspection dated in it, an income for it, a household's exit in it. @ordered: the hub has
 * ordered it (FALSE for a device's own unsent edit). (bf-year-lock-corrections.c) */
gboolean bf_year_lock_note_change (BfStore *store, const BfChange *change, gboolean ordered,
                                   GError **error);

G_END_DECLS
