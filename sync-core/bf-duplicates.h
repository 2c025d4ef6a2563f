/* bf-duplicates.h: households that may be one family registered twice.
 *
 * Two reasons make a pair of households a candidate: their heads (the member with relation
 * "head") share an ID number, or they are in the same village and their heads' names are equal
 * once trimmed, spaces removed and full-width forms folded (bf_duplicates_normalize_name).
 * Deleted households and households already merged into another (bf-merge.h) are left out.
 * The district decides; bf_merge_households() merges a pair.
 */
#pragma once

#include "bf-store.h"

G_BEGIN_DECLS

typedef enum {
  BF_DUPLICATE_SAME_ID_NUMBER = 1 << 0,   /* the heads share an ID number */
  BF_DUPLICATE_SAME_HEAD_NAME = 1 << 1,   /* same village, same head's name */
} BfDuplicateReason;

typedef struct {
  char  *household_a;    /* a < b by id, so a pair is listed once */
  char  *household_b;
  guint  reasons;        /* BfDuplicateReason flags */
  char  *id_number;      /* the shared ID number, with BF_DUPLICATE_SAME_ID_NUMBER */
  char  *head_name_a;
  char  *head_name_b;
  char  *village_a;      /* the villages' names */
  char  *village_b;
} BfDuplicatePair;

void bf_duplicate_pair_free (BfDuplicatePair *pair);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfDuplicatePair, bf_duplicate_pair_free)

/* Every candidate pair, ordered by the first household's village name, then ids. */
GPtrArray *bf_duplicates_find (BfStore *store, GError **error);

/* A name as the comparison sees it: NFKC (full-width letters, digits and the ideographic
 * space folded), without any white space, ASCII letters in lower case. */
char      *bf_duplicates_normalize_name (const char *name);

G_END_DECLS
