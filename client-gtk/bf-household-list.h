/* bf-household-list.h: the list pane — search-as-you-type, the list over the index, and a
 * count of what matches. Filters per keystroke on the main thread (the index is in memory).
 * Emits ::household-activated (id) when a household is chosen. */
#pragma once

#include <gtk/gtk.h>

#include "bf-household-index-keeper.h"
#include "bf-household-list-model.h"

G_BEGIN_DECLS

#define BF_TYPE_HOUSEHOLD_LIST (bf_household_list_get_type ())
G_DECLARE_FINAL_TYPE (BfHouseholdList, bf_household_list, BF, HOUSEHOLD_LIST, GtkWidget)

GtkWidget *bf_household_list_new (void);

/* Follows @keeper's index. */
void bf_household_list_set_keeper  (BfHouseholdList *self, BfHouseholdIndexKeeper *keeper);
/* The policy's yearly targets, for the rows. */
void bf_household_list_set_targets (BfHouseholdList *self, int visits, gint64 support_fen);
/* Every filter but the search text (which the list's own entry sets). */
void bf_household_list_set_filter  (BfHouseholdList *self, const BfHouseholdFilter *filter);

GtkSearchEntry       *bf_household_list_get_search_entry (BfHouseholdList *self);
BfHouseholdListModel *bf_household_list_get_model        (BfHouseholdList *self);
/* The chosen household's id, or NULL. */
const char           *bf_household_list_get_selected_id  (BfHouseholdList *self);
/* TRUE once the index was read (the list shows, or says it is empty). */
gboolean              bf_household_list_get_loaded       (BfHouseholdList *self);
/* Chooses household @id when it is in the list. */
gboolean              bf_household_list_select_id        (BfHouseholdList *self, const char *id);

G_END_DECLS
