/* bf-household-page.h: one household — the card (edited in place), members, visits,
 * payments, income by year and pairing cadres. Loaded in one store job; reloaded when the
 * household changes. */
#pragma once

#include <gtk/gtk.h>

#include "bf-app-database.h"
#include "bf-household-card.h"

G_BEGIN_DECLS

#define BF_TYPE_HOUSEHOLD_PAGE (bf_household_page_get_type ())
G_DECLARE_FINAL_TYPE (BfHouseholdPage, bf_household_page, BF, HOUSEHOLD_PAGE, GtkWidget)

GtkWidget  *bf_household_page_new (void);

void        bf_household_page_set_database (BfHouseholdPage *self, BfAppDatabase *database);
/* Shows household @id (NULL: none). */
void        bf_household_page_show         (BfHouseholdPage *self, const char *id);
const char *bf_household_page_get_id       (BfHouseholdPage *self);
/* The head's name once loaded, for the header; NULL before. */
const char *bf_household_page_get_title    (BfHouseholdPage *self);
/* TRUE while a load is on its way. */
gboolean    bf_household_page_get_loading  (BfHouseholdPage *self);

BfHouseholdCard *bf_household_page_get_card (BfHouseholdPage *self);
/* The list of visits (its rows' titles are what tests look for). */
GtkListBox *bf_household_page_get_visits_box (BfHouseholdPage *self);

G_END_DECLS
