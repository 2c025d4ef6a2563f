/* bf-sync-refused.h: the changes the district server refused, for the user to fix and resend.
 *
 * A refused change stays in the device's change log with the hub's reason (state "rejected",
 * see bf_sync_take_push_response); the rows show the hub's values meanwhile. The app lists
 * them here, lets the user correct the record, and calls bf_sync_resend().
 */
#pragma once

#include "bf-change.h"
#include "bf-store.h"

G_BEGIN_DECLS

typedef struct {
  BfChange *change;         /* entity, row, the fields it tried to set; change->seq is the
                               number bf_sync_resend() takes */
  char     *reason;         /* the hub's words */
  gint64    made_at;        /* when the change was made, ms since the epoch (UTC) */
  char     *household_id;   /* the household the record belongs to, when it belongs to one */
} BfRefusedChange;

void bf_refused_change_free (BfRefusedChange *refused);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfRefusedChange, bf_refused_change_free)

/* Every refused change not yet resent, oldest first (BfRefusedChange*). */
GPtrArray *bf_sync_list_refused (BfStore *store, GError **error);

G_END_DECLS
