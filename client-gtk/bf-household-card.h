/* bf-household-card.h: the household card (贫困户登记卡), edited in place.
 *
 * Each field saves on its own through a store job (bf_store_update_field). What is typed is
 * checked first with sync-core's validators, and any refusal — the validator's or the
 * store's, both translated — shows beneath the field; the text stays as typed. After a save
 * the database is told the household changed (::households-changed).
 */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"
#include "bf-household-detail.h"

G_BEGIN_DECLS

#define BF_TYPE_HOUSEHOLD_CARD (bf_household_card_get_type ())
G_DECLARE_FINAL_TYPE (BfHouseholdCard, bf_household_card, BF, HOUSEHOLD_CARD,
                      AdwPreferencesGroup)

GtkWidget *bf_household_card_new (void);

void bf_household_card_set_database (BfHouseholdCard *self, BfAppDatabase *database);

/* Shows @detail's household (borrowed for the call). Fields being edited keep their text. */
void bf_household_card_show (BfHouseholdCard *self, const BfHouseholdDetail *detail);

/* The editor of field @name ("head_name", "phone", …): an AdwEntryRow, AdwComboRow or
 * AdwActionRow with a switch. For tests and keyboard focus. */
GtkWidget  *bf_household_card_get_field_row   (BfHouseholdCard *self, const char *name);
/* The error shown beneath field @name, or NULL when there is none. */
const char *bf_household_card_get_field_error (BfHouseholdCard *self, const char *name);

G_END_DECLS
