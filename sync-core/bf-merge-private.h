/* bf-merge-private.h: what the hub (bf-hub.c) needs of the merge, and what bf-merge.c and
 * bf-merge-forward.c share. */
#pragma once

#include "bf-merge.h"
#include "bf-sync-private.h"

G_BEGIN_DECLS

/* Whether @change re-points an append-only record (a visit or payment) from a merged
 * household to the one it was merged into — or to where it already is. The one edit of an
 * append-only record the hub accepts. */
gboolean bf_merge_is_repoint  (BfStore *store, const BfChange *change);

/* Why the hub must refuse @change as a merge, or NULL: setting merged_into or re-pointing
 * needs district staff (@district), and merged_into may not go round in a circle. */
char    *bf_merge_refusal     (BfStore *store, const BfChange *change, gboolean district);

/* Before the hub applies a pushed @change: RETIRE's card as it was, when @change edits a
 * merged household (NULL otherwise). */
gboolean bf_merge_forward_prepare (BfStore *hub, const BfChange *change, BfHousehold **out_before,
                                   GError **error);

/* After the hub accepted @change: forwards it to the household that stands for the one it
 * names — a record created or moved into a merged household moves on to KEEP, an edit of a
 * merged household's card applies to KEEP (or becomes a conflict when KEEP's value is not
 * what the device saw), and a merge arriving from a district device sweeps whatever still
 * points at RETIRE. Every forwarding write is the hub's own logged change. */
gboolean bf_merge_forward (BfStore *hub, const BfChange *change, const BfHousehold *before,
                           GError **error);

/* Moving one record to @keep_id, shared by the merge and the forwarding. */
gboolean bf_merge_move_member  (BfStore *store, const char *keep_id, const BfMember *member,
                                BfMergeReport *report, GError **error);
gboolean bf_merge_move_income  (BfStore *store, const char *keep_id,
                                const BfHouseholdIncome *income, BfMergeReport *report,
                                GError **error);
gboolean bf_merge_set_household (BfStore *store, BfEntityKind kind, const char *row_id,
                                 const char *keep_id, GError **error);
/* Everything still pointing at @retire_id moves to @keep_id. */
gboolean bf_merge_move_all     (BfStore *store, const char *keep_id, const char *retire_id,
                                BfMergeReport *report, GError **error);

/* A conflict record for a value the merge could not take: KEEP's @kept_value stands on
 * (@entity, @row_id, @field), @other_value came from RETIRE or a late change to it. Its id is
 * derived from @origin, so the hub's and a district device's run of one merge make one row. */
gboolean bf_merge_note_conflict (BfStore *store, BfEntityKind entity, const char *row_id,
                                 const char *field, const char *kept_value,
                                 const char *other_value, const char *other_version,
                                 const char *other_author, gint64 other_hlc,
                                 const char *origin, GError **error);

G_END_DECLS
