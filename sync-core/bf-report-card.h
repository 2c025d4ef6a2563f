/* bf-report-card.h: the household card (贫困户登记卡) as data, for print and the app. */
#pragma once

#include "bf-report.h"

G_BEGIN_DECLS

typedef struct {
  char     *title;       /* 贫困户登记卡 */
  char     *subtitle;    /* district, town, village, year */
  int       year;
  BfReport *fields;      /* one row: the household's particulars */
  BfReport *members;
  BfReport *pairings;    /* every pairing, ended ones too: the card keeps the history */
  BfReport *visits;      /* the year's visits, voided ones left out */
  BfReport *payments;    /* the year's fund-ledger entries to the household */
  gint64    visits_money_fen;
  gint64    payments_fen;
} BfHouseholdCard;

/* BF_REPORT_ERROR_NOT_FOUND when there is no such household. */
BfHouseholdCard *bf_household_card_load (BfStore *store, const char *household_id, int year,
                                         GError **error);
void             bf_household_card_free (BfHouseholdCard *card);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfHouseholdCard, bf_household_card_free)

G_END_DECLS
