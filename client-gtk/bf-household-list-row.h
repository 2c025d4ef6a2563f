/* bf-household-list-row.h: how one household looks in the list — the head's name, village·town,
 * category, this year's visits x/4 and support ¥x / ¥5,000 with shortfalls highlighted. */
#pragma once

#include <gtk/gtk.h>

#include "bf-household-item.h"

G_BEGIN_DECLS

#define BF_TYPE_HOUSEHOLD_LIST_ROW (bf_household_list_row_get_type ())
G_DECLARE_FINAL_TYPE (BfHouseholdListRow, bf_household_list_row, BF, HOUSEHOLD_LIST_ROW, GtkWidget)

GtkWidget *bf_household_list_row_new (void);

/* Shows @item against the policy's yearly targets (visits, support in fen). */
void bf_household_list_row_bind (BfHouseholdListRow *self, BfHouseholdItem *item, int visits_target,
                            gint64 support_target_fen);

G_END_DECLS
