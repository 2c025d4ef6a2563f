/* bf-sync-refused.c: listing the change log's refused entries for the app. */
#include "bf-config.h"
#include "bf-sync-private.h"
#include "bf-sync-refused.h"

#include <glib/gi18n-lib.h>

void
bf_refused_change_free (BfRefusedChange *refused)
{
  if (refused == NULL)
    return;
  g_clear_pointer (&refused->change, bf_change_free);
  g_free (refused->reason);
  g_free (refused->household_id);
  g_free (refused);
}

/* Which household a change's row hangs from: the row itself, the household_id it set, or
 * the household_id of the row as the store holds it (an edit sets only the edited field). */
static char *
find_household (BfStore *store, const BfChange *change)
{
  const BfFieldChange *field;
  const BfEntityDef *def;
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  if (change->entity == BF_ENTITY_HOUSEHOLD)
    return g_strdup (change->row_id);
  field = bf_change_get_field (change, "household_id");
  if (field != NULL && field->value != NULL)
    return g_strdup (field->value);
  def = bf_entity_def (change->entity);
  if (bf_entity_field (def, "household_id") == NULL)
    return NULL;
  /* A missing row (a refused creation is hidden) simply names no household. */
  if (!bf_store_read_field_text (store, change->entity, change->row_id, "household_id", &text,
                                 &found, NULL) || !found)
    return NULL;
  return g_steal_pointer (&text);
}

GPtrArray *
bf_sync_list_refused (BfStore *store, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_refused_change_free);
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT seq, hlc, author, entity, row_id, fields, reason, made_at FROM change_log"
    " WHERE state = 'rejected' AND " UNSETTLED " ORDER BY seq", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const BfEntityDef *def = bf_entity_def_lookup ((const char *) sqlite3_column_text (stmt, 3));
      g_autoptr(BfRefusedChange) refused = g_new0 (BfRefusedChange, 1);

      if (def == NULL)
        {
          sqlite3_reset (stmt);
          g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL,
                       _("The change log names an unknown record type"));
          return NULL;
        }
      refused->change = bf_change_new (bf_store_device_id (store), sqlite3_column_int64 (stmt, 0),
                                       (BfHlc) sqlite3_column_int64 (stmt, 1), def->kind,
                                       (const char *) sqlite3_column_text (stmt, 4));
      refused->change->author = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (!bf_change_fields_from_json (refused->change,
                                       (const char *) sqlite3_column_text (stmt, 5), error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      refused->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      refused->made_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (list, g_steal_pointer (&refused));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (store, _("reading the change log"), error);
      return NULL;
    }
  /* After the statement is done: finding the household runs queries of its own. */
  for (guint i = 0; i < list->len; i++)
    {
      BfRefusedChange *refused = g_ptr_array_index (list, i);
      refused->household_id = find_household (store, refused->change);
    }
  return g_steal_pointer (&list);
}
