/* bf-visit-money.c: voiding a visit together with its ledger entry. */
#include "bf-config.h"
#include "bf-visit-money.h"

#include "bf-store-private.h"

#include <glib/gi18n-lib.h>

/* The ledger entry written with @visit: the oldest one that matches and stands. */
static gboolean
find_payment (BfStore *store, const BfVisit *visit, char **out_id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT p.id FROM payments p WHERE p.household_id = ?1 AND p.date = ?2 AND p.source = 'cadre'"
    " AND p.cadre_id = ?3 AND p.amount_fen = ?4 AND p.voids_id IS NULL AND p.deleted = 0"
    " AND NOT EXISTS (SELECT 1 FROM payments v WHERE v.voids_id = p.id)"
    " ORDER BY p.id LIMIT 1", error);
  int rc;

  *out_id = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, visit->household_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, visit->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, visit->cadre_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, visit->amount_fen);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || bf_store_fail (store, _("reading the fund ledger"), error);
}

static gboolean
count_voids (BfStore *store, const char *visit_id, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, "SELECT count(*) FROM visits WHERE voids_id = ?",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, visit_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || bf_store_fail (store, _("reading the visits"), error);
}

gboolean
bf_visit_void_with_money (BfStore *store, const char *visit_id, const char *reason,
                          char **out_void_id, GError **error)
{
  g_autoptr(BfVisit) visit = bf_visit_get (store, visit_id, error);
  g_autofree char *payment_id = NULL;
  g_autofree char *void_id = NULL;

  gint64 voided = 0;

  if (visit == NULL)
    return FALSE;
  /* A correction is made once, and never to a correction. */
  if (visit->voids_id != NULL)
    {
      g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY,
                           _("This is itself a voiding entry and cannot be voided"));
      return FALSE;
    }
  if (!bf_store_begin (store, error))
    return FALSE;
  if (!count_voids (store, visit_id, &voided, error) || voided > 0)
    {
      if (voided > 0)
        g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY,
                             _("This entry has already been voided"));
      bf_store_rollback (store);
      return FALSE;
    }
  if (!bf_store_void (store, BF_ENTITY_VISIT, visit_id, reason, &void_id, error) ||
      (visit->amount_fen > 0 && !find_payment (store, visit, &payment_id, error)) ||
      (payment_id != NULL &&
       !bf_store_void (store, BF_ENTITY_PAYMENT, payment_id, reason, NULL, error)))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  if (!bf_store_commit (store, error))
    return FALSE;
  if (out_void_id != NULL)
    *out_void_id = g_steal_pointer (&void_id);
  return TRUE;
}
