/* bf-filter-popover.h: the household list's filters — town, village, category, status, and
 * the two shortfalls the assessment checks (visits and support this year, figures from the
 * policy). Emits ::changed when any of them changes. */
#pragma once

#include <gtk/gtk.h>

#include "bf-household-index.h"

G_BEGIN_DECLS

#define BF_TYPE_FILTER_POPOVER (bf_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (BfFilterPopover, bf_filter_popover, BF, FILTER_POPOVER, GtkPopover)

GtkWidget *bf_filter_popover_new (void);

/* The places to choose from: BfTown* and BfVillage* (borrowed for the call). */
void bf_filter_popover_set_places  (BfFilterPopover *self, GPtrArray *towns, GPtrArray *villages);
/* The policy's yearly targets, for the shortfall labels. */
void bf_filter_popover_set_targets (BfFilterPopover *self, int visits, gint64 support_fen);

/* Fills @filter's place, category, status, shortfall and mine_only (strings owned by the
 * popover); leaves search alone. */
void bf_filter_popover_get_filter  (BfFilterPopover *self, BfHouseholdFilter *filter);

/* Whether any filter is set (the button shows it). */
gboolean bf_filter_popover_is_active (BfFilterPopover *self);

void bf_filter_popover_clear (BfFilterPopover *self);

G_END_DECLS
