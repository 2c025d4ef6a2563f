/* bf-household-item.h: one household of the list, as a small object made when a row shows.
 *
 * The list model makes these on demand from the index (never one per household up front);
 * each copies the few fields its row shows, so it stays valid after the index is swapped. */
#pragma once

#include <glib-object.h>

#include "bf-household-index.h"

G_BEGIN_DECLS

#define BF_TYPE_HOUSEHOLD_ITEM (bf_household_item_get_type ())
G_DECLARE_FINAL_TYPE (BfHouseholdItem, bf_household_item, BF, HOUSEHOLD_ITEM, GObject)

BfHouseholdItem  *bf_household_item_new (const BfHouseholdRow *row);

const char       *bf_household_item_get_id           (BfHouseholdItem *self);
const char       *bf_household_item_get_head_name    (BfHouseholdItem *self);
const char       *bf_household_item_get_village_name (BfHouseholdItem *self);
const char       *bf_household_item_get_town_name    (BfHouseholdItem *self);
BfCategory        bf_household_item_get_category     (BfHouseholdItem *self);
BfHouseholdStatus bf_household_item_get_status       (BfHouseholdItem *self);
int               bf_household_item_get_visits       (BfHouseholdItem *self);
gint64            bf_household_item_get_support_fen  (BfHouseholdItem *self);

G_END_DECLS
