/* bf-sync-purge.c: forgetting the rows of villages that left a device's scope.
 *
 * The rows to remove are collected first in temporary tables, then removed children first, so
 * that foreign keys hold at every statement. Pending local changes keep their rows: they are
 * still owed to the hub, which decides on them.
 */
#include "bf-config.h"
#include "bf-sync-purge.h"
#include "bf-sync-private.h"

#include <glib/gi18n-lib.h>

/* What hangs from a household, in the order it is removed (before the household itself). */
static const BfEntityKind household_children[] = {
  BF_ENTITY_MEMBER, BF_ENTITY_PAIRING, BF_ENTITY_HOUSEHOLD_INCOME, BF_ENTITY_VISIT,
  BF_ENTITY_PAYMENT,
};

/* Rows that belong to a village directly. */
static const BfEntityKind village_rows[] = {
  BF_ENTITY_PAYMENT, BF_ENTITY_VILLAGE_INCOME, BF_ENTITY_INSPECTION,
};

/* Corrections point at what they void: the voided entry must stay while its voiding entry
 * does. */
static const BfEntityKind voidable[] = { BF_ENTITY_VISIT, BF_ENTITY_PAYMENT };

static gboolean
exec_printf (BfStore *store, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
exec_printf (BfStore *store, GError **error, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return bf_store_exec (store, sql, error);
}

static const char *
entity_name (BfEntityKind kind)
{
  return bf_entity_def (kind)->name;
}

static const char *
entity_table (BfEntityKind kind)
{
  return bf_entity_def (kind)->table;
}

/* The villages whose rows must go. */
static gboolean
collect_villages (BfStore *store, const BfScope *scope, guint *out_count, GError **error)
{
  g_autoptr(GPtrArray) villages = NULL;
  sqlite3_stmt *stmt;

  *out_count = 0;
  villages = bf_store_list (store, BF_ENTITY_VILLAGE, NULL, NULL, error);
  if (villages == NULL)
    return FALSE;
  stmt = bf_store_prepare (store, "INSERT OR IGNORE INTO temp.purge_villages (id) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < villages->len; i++)
    {
      const BfVillage *village = g_ptr_array_index (villages, i);
      g_autoptr(GError) local_error = NULL;
      int rc;

      if (bf_scope_covers_village (store, scope, village->id, &local_error))
        continue;
      /* Not covered is told apart from a failed lookup by the error's code. */
      if (!g_error_matches (local_error, BF_STORE_ERROR, BF_STORE_ERROR_REFERENCE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, village->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return bf_store_fail (store, _("saving sync state"), error);
      (*out_count)++;
    }
  return TRUE;
}

/* Households of the villages that left, except those with a pending change anywhere in them:
 * the pending row needs its household, and the user still sees what they changed. */
static gboolean
collect_households (BfStore *store, GError **error)
{
  g_autoptr(GString) kept = g_string_new (NULL);

  g_string_append_printf (kept, "SELECT row_id FROM pending_fields WHERE entity = '%s'",
                          entity_name (BF_ENTITY_HOUSEHOLD));
  for (guint i = 0; i < G_N_ELEMENTS (household_children); i++)
    g_string_append_printf (kept,
                            " UNION SELECT c.household_id FROM %s c JOIN pending_fields p"
                            " ON p.entity = '%s' AND p.row_id = c.id"
                            " WHERE c.household_id IS NOT NULL",
                            entity_table (household_children[i]),
                            entity_name (household_children[i]));
  if (!exec_printf (store, error,
                    "INSERT INTO temp.purge_rows (entity, row_id) SELECT '%s', id FROM %s"
                    " WHERE village_id IN (SELECT id FROM temp.purge_villages)"
                    " AND id NOT IN (%s)",
                    entity_name (BF_ENTITY_HOUSEHOLD), entity_table (BF_ENTITY_HOUSEHOLD),
                    kept->str))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (household_children); i++)
    if (!exec_printf (store, error,
                      "INSERT OR IGNORE INTO temp.purge_rows (entity, row_id) SELECT '%s', id FROM %s"
                      " WHERE household_id IN (SELECT row_id FROM temp.purge_rows WHERE entity = '%s')",
                      entity_name (household_children[i]), entity_table (household_children[i]),
                      entity_name (BF_ENTITY_HOUSEHOLD)))
      return FALSE;
  return TRUE;
}

static gboolean
collect_village_rows (BfStore *store, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (village_rows); i++)
    if (!exec_printf (store, error,
                      "INSERT OR IGNORE INTO temp.purge_rows (entity, row_id) SELECT '%1$s', id FROM %2$s"
                      " WHERE village_id IN (SELECT id FROM temp.purge_villages)"
                      " AND id NOT IN (SELECT row_id FROM pending_fields WHERE entity = '%1$s')",
                      entity_name (village_rows[i]), entity_table (village_rows[i])))
      return FALSE;
  /* Conflict records go to district devices only, and this scope is not the district's. */
  return exec_printf (store, error,
                      "INSERT OR IGNORE INTO temp.purge_rows (entity, row_id) SELECT '%1$s', id FROM %2$s"
                      " WHERE id NOT IN (SELECT row_id FROM pending_fields WHERE entity = '%1$s')",
                      entity_name (BF_ENTITY_CONFLICT), entity_table (BF_ENTITY_CONFLICT));
}

/* Takes back from the purge whatever a staying row refers to, until nothing changes: a
 * voided entry whose voiding entry stays, a household one of whose rows stays. */
static gboolean
keep_referenced (BfStore *store, GError **error)
{
  sqlite3 *db = bf_store_db (store);
  int changed;

  do
    {
      changed = 0;
      for (guint i = 0; i < G_N_ELEMENTS (voidable); i++)
        {
          if (!exec_printf (store, error,
                            "DELETE FROM temp.purge_rows WHERE entity = '%1$s' AND row_id IN"
                            " (SELECT voids_id FROM %2$s WHERE voids_id IS NOT NULL AND id NOT IN"
                            " (SELECT row_id FROM temp.purge_rows WHERE entity = '%1$s'))",
                            entity_name (voidable[i]), entity_table (voidable[i])))
            return FALSE;
          changed += sqlite3_changes (db);
        }
      for (guint i = 0; i < G_N_ELEMENTS (household_children); i++)
        {
          if (!exec_printf (store, error,
                            "DELETE FROM temp.purge_rows WHERE entity = '%1$s' AND row_id IN"
                            " (SELECT household_id FROM %2$s WHERE household_id IS NOT NULL AND id NOT IN"
                            " (SELECT row_id FROM temp.purge_rows WHERE entity = '%3$s'))",
                            entity_name (BF_ENTITY_HOUSEHOLD), entity_table (household_children[i]),
                            entity_name (household_children[i])))
            return FALSE;
          changed += sqlite3_changes (db);
        }
    }
  while (changed > 0);
  return TRUE;
}

static gboolean
remove_rows (BfStore *store, GError **error)
{
  /* Children before their household; a household before nothing else that is removed. */
  static const BfEntityKind order[] = {
    BF_ENTITY_MEMBER, BF_ENTITY_PAIRING, BF_ENTITY_HOUSEHOLD_INCOME, BF_ENTITY_VISIT,
    BF_ENTITY_PAYMENT, BF_ENTITY_HOUSEHOLD, BF_ENTITY_VILLAGE_INCOME, BF_ENTITY_INSPECTION,
    BF_ENTITY_CONFLICT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (!exec_printf (store, error,
                      "DELETE FROM %s WHERE id IN (SELECT row_id FROM temp.purge_rows WHERE entity = '%s')",
                      entity_table (order[i]), entity_name (order[i])))
      return FALSE;
  return bf_store_exec (store,
                        "DELETE FROM row_versions WHERE (entity, row_id) IN"
                        " (SELECT entity, row_id FROM temp.purge_rows);"
                        "DELETE FROM field_versions WHERE (entity, row_id) IN"
                        " (SELECT entity, row_id FROM temp.purge_rows);", error);
}

gboolean
bf_sync_purge_outside (BfStore *store, const BfScope *scope, guint *out_removed,
                       GError **error)
{
  guint n_villages = 0;
  gint64 removed = 0;

  if (out_removed != NULL)
    *out_removed = 0;
  /* The hub has everything; the district's devices see everything. */
  if (bf_store_is_hub (store) || scope->district)
    return TRUE;
  if (!bf_store_exec (store,
                      "CREATE TEMP TABLE IF NOT EXISTS purge_villages (id TEXT PRIMARY KEY);"
                      "CREATE TEMP TABLE IF NOT EXISTS purge_rows (entity TEXT NOT NULL,"
                      " row_id TEXT NOT NULL, PRIMARY KEY (entity, row_id)) WITHOUT ROWID;", error) ||
      !bf_store_begin (store, error))
    return FALSE;
  if (!bf_store_exec (store, "DELETE FROM temp.purge_villages; DELETE FROM temp.purge_rows;", error) ||
      !collect_villages (store, scope, &n_villages, error) ||
      (n_villages > 0 && !collect_households (store, error)) ||
      !collect_village_rows (store, error) ||
      !keep_referenced (store, error) ||
      !bf_store_query_int64 (store, "SELECT count(*) FROM temp.purge_rows", &removed, error) ||
      (removed > 0 && !remove_rows (store, error)) ||
      !bf_store_exec (store, "DELETE FROM temp.purge_villages; DELETE FROM temp.purge_rows;", error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  if (!bf_store_commit (store, error))
    return FALSE;
  if (out_removed != NULL)
    *out_removed = (guint) removed;
  return TRUE;
}
