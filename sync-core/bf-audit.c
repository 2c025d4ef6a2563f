/* bf-audit.c: the hub log read as an audit trail. */
#include "bf-config.h"
#include "bf-audit.h"

#include <glib/gi18n-lib.h>

#include "bf-store-private.h"

void
bf_audit_entry_free (BfAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->account);
  g_free (entry->device);
  g_free (entry->author);
  g_free (entry->entity);
  g_free (entry->row_id);
  g_free (entry->fields);
  g_free (entry);
}

GPtrArray *
bf_audit_row_history (BfStore *hub, const char *row_id, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_audit_entry_free);
  sqlite3_stmt *stmt = bf_store_prepare (hub,
    "SELECT server_seq, received_at, account, device, seq, author, hlc, clamped, entity, row_id,"
    " fields FROM hub_log WHERE row_id = ? ORDER BY server_seq", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfAuditEntry *entry = g_new0 (BfAuditEntry, 1);
      entry->server_seq = sqlite3_column_int64 (stmt, 0);
      entry->received_at = sqlite3_column_int64 (stmt, 1);
      entry->account = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->device = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->seq = sqlite3_column_int64 (stmt, 4);
      entry->author = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->hlc = (BfHlc) sqlite3_column_int64 (stmt, 6);
      entry->clamped = sqlite3_column_int (stmt, 7) != 0;
      entry->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      entry->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      entry->fields = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading the hub's log"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
bf_audit_newest (BfStore *hub, gint64 *out, GError **error)
{
  return bf_store_query_int64 (hub, "SELECT coalesce (max (server_seq), 0) FROM hub_log", out, error);
}

gboolean
bf_audit_claim_hub_changes (BfStore *hub, gint64 after_server_seq, const char *account,
                            GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (hub,
    "UPDATE hub_log SET account = ?3 WHERE server_seq > ?1 AND device = ?2 AND account IS NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_server_seq);
  sqlite3_bind_text (stmt, 2, bf_store_device_id (hub), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, account, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (hub, _("saving the audit trail"), error);
}
