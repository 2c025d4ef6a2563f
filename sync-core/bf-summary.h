/* bf-summary.h: the ledger's headline totals (the demo's check against the seed). */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 households;
  gint64 people;
} BfHeadcount;

typedef struct {
  char       *name;
  BfHeadcount district_standard;
  BfHeadcount province_standard;
  gint64      villages;
} BfTownSummary;

typedef struct {
  char       *district;
  gint64      towns;
  gint64      villages;
  gint64      key_villages;
  gint64      old_base_villages;
  BfHeadcount district_standard;   /* 区定困难户 */
  BfHeadcount province_standard;   /* 省定: 低保 + 五保 */
  BfHeadcount dibao;
  BfHeadcount wubao;
  gint64      cadres;
  gint64      units;
  gint64      pairings;
  gint64      visits;
  gint64      payments;
  gint64      payments_fen;
  gint64      exited_households;
  GPtrArray  *by_town;             /* BfTownSummary*, in the towns' order */
} BfSummary;

BfSummary  *bf_summary_compute (BfStore *store, GError **error);
void        bf_summary_free    (BfSummary *summary);
JsonNode   *bf_summary_to_json (const BfSummary *summary);
/* Plain English text for the command line. */
char       *bf_summary_to_text (const BfSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfSummary, bf_summary_free)

G_END_DECLS
