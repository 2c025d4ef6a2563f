/* bf-visit-money.h: a visit's money and its entry in the fund ledger, corrected together.
 *
 * Money handed over on a visit is written twice, in one transaction: on the visit, and as a
 * payment from the cadre in the fund ledger (资金台账), which the public notices and the
 * assessment read (the app's visit editor, `bangfu-cli visit add`, the demo). Voiding the
 * visit must void that payment too, or the ledger keeps money the correction took back.
 */
#pragma once

#include "bf-store.h"

G_BEGIN_DECLS

/* Voids @visit_id with @reason and, when it carried money, the cadre's payment written with
 * it (same household, date, cadre and amount, not voided yet) — all in one transaction.
 * @out_void_id (may be NULL) receives the visit's voiding entry. A visit already voided, or
 * itself a voiding entry, is refused. */
gboolean bf_visit_void_with_money (BfStore *store, const char *visit_id, const char *reason,
                                   char **out_void_id, GError **error);

G_END_DECLS
