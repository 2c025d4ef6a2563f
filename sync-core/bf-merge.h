/* bf-merge.h: merging a duplicate household into the one that stays.
 *
 * bf_merge_households (store, KEEP, RETIRE) moves everything of RETIRE to KEEP — members,
 * pairings, visits, payments — copies the incomes of years KEEP lacks, and marks RETIRE with
 * merged_into = KEEP. Every write is a logged change, so the merge syncs like any edit. RETIRE
 * stays, with its own history, but lists and the assessment leave it out. The hub forwards to
 * KEEP what devices that had not synced yet still send for RETIRE (bf-merge-forward.c).
 */
#pragma once

#include "bf-store.h"

G_BEGIN_DECLS

#define BF_MERGE_ERROR (bf_merge_error_quark ())

typedef enum {
  BF_MERGE_ERROR_NOT_ALLOWED,   /* only district staff merge */
  BF_MERGE_ERROR_SAME,          /* a household into itself */
  BF_MERGE_ERROR_RETIRED,       /* one of the two was merged already */
  BF_MERGE_ERROR_CYCLE,         /* the merge pointers would go round in a circle */
} BfMergeError;

GQuark bf_merge_error_quark (void);

typedef struct {
  guint members_moved;
  guint members_merged;     /* RETIRE's copy of a person KEEP has (same ID number), deleted */
  guint pairings_moved;
  guint visits_moved;
  guint payments_moved;
  guint incomes_copied;     /* years KEEP had no income for */
  guint incomes_differing;  /* years both had, with different figures: KEEP's stands, and a
                             * conflict record keeps RETIRE's for district review */
} BfMergeReport;

/* Merges @retire_id into @keep_id in one transaction. Allowed on the hub and on a device
 * signed in with a district role. Refused: a household into itself, into a household that
 * was itself merged, or one merged already. @out_report may be NULL. */
gboolean bf_merge_households (BfStore *store, const char *keep_id, const char *retire_id,
                              BfMergeReport *out_report, GError **error);

/* The household that stands for @household_id: itself, or the end of its merged_into chain. */
char    *bf_merge_resolve    (BfStore *store, const char *household_id, GError **error);

G_END_DECLS
