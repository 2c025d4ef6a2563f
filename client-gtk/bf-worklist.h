/* bf-worklist.h: 待走访 — which of a cadre's paired households are due a visit.
 *
 * The policy asks each pairing cadre for visits_per_year visits to each paired household,
 * one per period (a quarter for four a year). A household is due when the cadre has no
 * standing visit (not voided, not a voiding entry) to it in the current period. Overdue
 * first: never visited, then the longest since the last visit. Read on the store thread.
 */
#pragma once

#include "bf-store.h"

G_BEGIN_DECLS

typedef struct {
  char *household_id;
  char *head_name;
  char *village_name;
  char *last_visit;          /* ISO date of the cadre's last standing visit, or NULL */
  int   visits_this_year;
} BfWorklistItem;

typedef struct {
  char      *cadre_id;       /* NULL: this device's user is no cadre the store knows */
  char      *cadre_name;
  GDate      period_start;   /* the current period (quarter) */
  int        visits_per_year;
  guint      paired;         /* households paired with the cadre now */
  GPtrArray *items;          /* BfWorklistItem*, overdue first */
} BfWorklist;

/* @cadre_id: whose list, or NULL for the device's user (bf_current_cadre_id). */
BfWorklist *bf_worklist_load (BfStore *store, const char *cadre_id, GError **error);
void        bf_worklist_free (BfWorklist *worklist);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfWorklist, bf_worklist_free)

G_END_DECLS
