/* bf-household-detail.h: everything the household page shows, read in one go.
 *
 * The card, its members, its visits and payments (newest first, voided ones marked with the
 * voiding entry's reason), incomes by year and pairings with the cadres' names. One read
 * transaction on the store's thread; the result is plain data the UI can keep.
 */
#pragma once

#include <glib.h>

#include "bf-entities.h"
#include "bf-store.h"

G_BEGIN_DECLS

typedef struct {
  BfVisit *visit;
  char    *cadre_name;
  char    *voided_reason;   /* set when a later entry voids this visit */
} BfVisitLine;

typedef struct {
  BfPayment *payment;
  char      *giver_name;     /* the cadre's or unit's name, when the source names one */
  char      *voided_reason;
} BfPaymentLine;

typedef struct {
  BfPairing *pairing;
  char      *cadre_name;
  char      *cadre_phone;
} BfPairingLine;

typedef struct {
  BfHousehold *household;
  char        *village_name;
  char        *town_name;
  GPtrArray   *members;     /* BfMember*, the head first */
  GPtrArray   *visits;      /* BfVisitLine*, newest first; voiding entries not listed */
  GPtrArray   *payments;    /* BfPaymentLine*, newest first; voiding entries not listed */
  GPtrArray   *incomes;     /* BfHouseholdIncome*, newest year first */
  GPtrArray   *pairings;    /* BfPairingLine*, current ones first */
} BfHouseholdDetail;

BfHouseholdDetail *bf_household_detail_load (BfStore *store, const char *household_id,
                                             GError **error);
void               bf_household_detail_free (BfHouseholdDetail *detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfHouseholdDetail, bf_household_detail_free)

G_END_DECLS
