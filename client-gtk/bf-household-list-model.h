/* bf-household-list-model.h: the household list as a GListModel over the index.
 *
 * Holds only the positions the filter matched (a GArray of guint into the index's pinyin
 * order); an item is made when the view asks for it. Filtering runs on the main thread over
 * the in-memory index, per keystroke, without SQLite.
 */
#pragma once

#include <gio/gio.h>

#include "bf-household-index.h"
#include "bf-household-item.h"

G_BEGIN_DECLS

#define BF_TYPE_HOUSEHOLD_LIST_MODEL (bf_household_list_model_get_type ())
G_DECLARE_FINAL_TYPE (BfHouseholdListModel, bf_household_list_model, BF, HOUSEHOLD_LIST_MODEL,
                      GObject)

BfHouseholdListModel *bf_household_list_model_new (void);

/* Borrows @index (NULL empties the list) until the next call; filters it again. */
void bf_household_list_model_set_index  (BfHouseholdListModel *self,
                                         const BfHouseholdIndex *index);
/* Copies @filter and filters again. */
void bf_household_list_model_set_filter (BfHouseholdListModel *self,
                                         const BfHouseholdFilter *filter);
const BfHouseholdFilter *bf_household_list_model_get_filter (BfHouseholdListModel *self);

/* The position in the list of household @id, or -1 when it is filtered out or unknown. */
int  bf_household_list_model_find (BfHouseholdListModel *self, const char *id);

/* How many households the index holds in all (not only the matching ones). */
guint bf_household_list_model_get_total (BfHouseholdListModel *self);

G_END_DECLS
