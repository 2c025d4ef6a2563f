/* bf-household-index-keeper.h: keeps the household list's index current.
 *
 * The index (sync-core/bf-household-index.h) is built on the store's thread and read on the
 * main thread, where every keystroke filters it. It is never written while the main thread
 * may read it: after a change, a second copy is refreshed on the store's thread and swapped
 * in on the main thread (::index-changed), and the retired copy is refreshed in turn to
 * become the next spare. A change of unknown extent (after a sync) rebuilds.
 */
#pragma once

#include <glib-object.h>

#include "bf-app-database.h"
#include "bf-household-index.h"

G_BEGIN_DECLS

#define BF_TYPE_HOUSEHOLD_INDEX_KEEPER (bf_household_index_keeper_get_type ())
G_DECLARE_FINAL_TYPE (BfHouseholdIndexKeeper, bf_household_index_keeper, BF,
                      HOUSEHOLD_INDEX_KEEPER, GObject)

/* Builds the index for @year and follows @database's ::households-changed. */
BfHouseholdIndexKeeper *bf_household_index_keeper_new (BfAppDatabase *database, int year);

/* The current index (owned by the keeper; valid until the next ::index-changed), or NULL
 * before the first build finished. */
const BfHouseholdIndex *bf_household_index_keeper_get_index (BfHouseholdIndexKeeper *self);

/* The last build or refresh error, or NULL. */
const GError *bf_household_index_keeper_get_error (BfHouseholdIndexKeeper *self);

/* TRUE while a build or refresh is on its way. */
gboolean bf_household_index_keeper_get_busy (BfHouseholdIndexKeeper *self);

G_END_DECLS
