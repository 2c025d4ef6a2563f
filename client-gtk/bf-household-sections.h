/* bf-household-sections.h: the rows of the household page's lists — members, visits,
 * payments, incomes, pairings. Voided visits and payments are struck through, with the
 * reason. Row buttons use actions (win.edit-member, win.void-visit, win.void-payment) with
 * the record's id as target, so the window decides what they open. */
#pragma once

#include <adwaita.h>

#include "bf-household-detail.h"

G_BEGIN_DECLS

/* Empties a list box. */
void bf_sections_clear (GtkListBox *box);

/* @duplicates: member id → the other holder of the same ID number ("name, village"). */
void bf_sections_fill_members  (GtkListBox *box, const BfHouseholdDetail *detail,
                                GHashTable *duplicates);
/* Appends visits [@from, @to) of @detail. */
void bf_sections_add_visits    (GtkListBox *box, const BfHouseholdDetail *detail, guint from,
                                guint to);
void bf_sections_add_payments  (GtkListBox *box, const BfHouseholdDetail *detail, guint from,
                                guint to);
void bf_sections_fill_incomes  (GtkListBox *box, const BfHouseholdDetail *detail);
void bf_sections_fill_pairings (GtkListBox *box, const BfHouseholdDetail *detail);

/* A row that says the list is empty. */
void bf_sections_add_placeholder (GtkListBox *box, const char *text);

G_END_DECLS
