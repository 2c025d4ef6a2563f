/* bf-household-index.h: the household list the app shows, searchable per keystroke.
 *
 * A snapshot of every household's list row (names, pinyin keys, ID numbers of its members,
 * place, category, status, this year's visits and support), built from the store in one pass
 * on the store's thread, then filtered and sorted in memory from any one thread at a time.
 * Filtering never touches SQLite, so a keystroke costs a scan over compact C structs, not a
 * query. After a write, bf_household_index_refresh() re-reads the households that changed.
 *
 * Order is pinyin order of the head's name (then the name's bytes, then the id), from the
 * Unihan kMandarin table in data/pinyin/ (see bf-pinyin.h).
 */
#pragma once

#include <glib.h>

#include "bf-entities.h"
#include "bf-store.h"

G_BEGIN_DECLS

typedef struct _BfHouseholdIndex BfHouseholdIndex;

/* One household as the list shows it. Owned by the index; valid until the next refresh. */
typedef struct {
  const char       *id;
  const char       *head_name;
  const char       *village_id;
  const char       *village_name;
  const char       *town_id;
  const char       *town_name;
  const char       *head_id_number;     /* NULL when the head has none on record */
  BfCategory        category;
  BfHouseholdStatus status;
  int               members;
  int               visits_this_year;   /* not counting voided visits */
  gint64            support_fen_this_year;  /* visits' money and payments, net of voids
                                               (a visit's money that the fund ledger also
                                               holds as that cadre's payment counts once) */
  gboolean          paired_with_me;     /* a current pairing with this device's cadre: the
                                           account's scope "cadre:<id>" in the store's meta
                                           (or the meta "cadre_id", which comes first) */
} BfHouseholdRow;

typedef enum {
  BF_HOUSEHOLD_SHORT_NONE     = 0,
  BF_HOUSEHOLD_SHORT_VISITS   = 1 << 0,  /* 本年走访不足 N 次 (policy) */
  BF_HOUSEHOLD_SHORT_SUPPORT  = 1 << 1,  /* 本年帮扶资金不足 N 元 (policy) */
} BfHouseholdShortfall;

typedef struct {
  const char          *search;       /* name, part of an ID number, pinyin initials or
                                        syllables (“zs”, “zhangs”, “zhang san”); NULL: all */
  const char          *town_id;      /* NULL: any */
  const char          *village_id;   /* NULL: any */
  int                  category;     /* a BfCategory, or -1 for any */
  int                  status;       /* a BfHouseholdStatus, or -1 for any */
  BfHouseholdShortfall shortfall;    /* every flag set must hold */
  gboolean             mine_only;    /* paired_with_me only */
} BfHouseholdFilter;

#define BF_HOUSEHOLD_FILTER_INIT { NULL, NULL, NULL, -1, -1, BF_HOUSEHOLD_SHORT_NONE, FALSE }

/* Builds the index for @year on the store's thread. */
BfHouseholdIndex *bf_household_index_build   (BfStore *store, int year, GError **error);
void              bf_household_index_free    (BfHouseholdIndex *index);
int               bf_household_index_year    (const BfHouseholdIndex *index);

/* Re-reads the given households (NULL-terminated ids; added, changed or deleted) on the
 * store's thread. */
gboolean          bf_household_index_refresh (BfHouseholdIndex *index, BfStore *store,
                                              const char *const *household_ids,
                                              GError **error);

/* Every household, in pinyin order. */
guint                 bf_household_index_count (const BfHouseholdIndex *index);
const BfHouseholdRow *bf_household_index_get   (const BfHouseholdIndex *index, guint position);
/* The position of a household in the full order, or -1. */
int                   bf_household_index_find  (const BfHouseholdIndex *index, const char *id);

/* The positions (into the full order, ascending, so still pinyin order) of the households
 * matching @filter. */
GArray *bf_household_index_filter (const BfHouseholdIndex *index, const BfHouseholdFilter *filter);

/* Added after the contract: the filter's GArray holds guint positions. Letters search pinyin
 * (“zs”, “zhangs”, “zhang san”, any case, from the start of any syllable of the head's name);
 * digits with an optional X search every member's ID number; text with a Chinese character
 * searches the head's name. A NULL @filter lists every household. */

/* Which of the policy's yearly figures @row falls short of (visits per year, support per
 * year: bf_store_get_policy() when the index was built or last refreshed). Only 区定 (困难户)
 * households are held to them, as in the assessment; others are never short. */
BfHouseholdShortfall bf_household_index_shortfall (const BfHouseholdIndex *index,
                                                   const BfHouseholdRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfHouseholdIndex, bf_household_index_free)

G_END_DECLS
