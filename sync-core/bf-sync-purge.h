/* bf-sync-purge.h: forgetting what left a device's scope.
 *
 * When a cadre hands over a village, the hub stops sending its changes to the device; the
 * rows already there would stay forever, unseen by the hub's filter and stale. The purge
 * removes them. It is not a delete: nothing is logged and nothing syncs.
 */
#pragma once

#include "bf-sync.h"

G_BEGIN_DECLS

/* Removes, without logging, the household-scoped rows of every village @scope does not
 * cover: households and everything hanging from them (members, pairings, visits, payments,
 * incomes), village incomes, inspections and payments to villages, with their confirmed
 * versions; and the conflict records when @scope is not the district's. Rows with a local
 * change still waiting for the hub stay (a household stays whole while any row of it waits):
 * the change is still pushed, and the hub refuses it with a reason if it is no longer
 * allowed. A hub's store is left alone. All or nothing, in one transaction.
 * @out_removed (may be NULL) receives the number of rows removed. */
gboolean bf_sync_purge_outside (BfStore *store, const BfScope *scope, guint *out_removed,
                                GError **error);

G_END_DECLS
