/* bf-hub-pull.c: the hub's reading side — a device's page of the global log, filtered by
 * its scope, as changes or spliced straight into the wire's JSON; and a cadre's scope. */
#include "bf-config.h"
#include "bf-sync-private.h"
#include "bf-sync.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-json-tree.h"

static BfChange *
read_logged_change (sqlite3_stmt *stmt, GError **error)
{
  const BfEntityDef *def = bf_entity_def_lookup ((const char *) sqlite3_column_text (stmt, 6));
  g_autoptr(BfChange) change = NULL;

  if (def == NULL)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL, _("The hub's log names an unknown record type"));
      return NULL;
    }
  change = bf_change_new ((const char *) sqlite3_column_text (stmt, 1),
                          sqlite3_column_int64 (stmt, 2), (BfHlc) sqlite3_column_int64 (stmt, 3),
                          def->kind, (const char *) sqlite3_column_text (stmt, 7));
  change->server_seq = sqlite3_column_int64 (stmt, 0);
  change->clamped = sqlite3_column_int (stmt, 4);
  change->author = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  if (!bf_change_fields_from_json (change, (const char *) sqlite3_column_text (stmt, 8), error))
    return NULL;
  return g_steal_pointer (&change);
}

/* The villages of @scope as a JSON array: its own, and those of its towns as the villages
 * table has them now. A town's pull goes by its villages since schema step 8 dropped the log's
 * town index: a village moved into the town brings its whole history. */
static char *
scope_villages_json (BfStore *hub, const BfScope *scope, GError **error)
{
  g_autoptr(GString) out = g_string_new ("[");
  gboolean first = TRUE;

  for (guint i = 0; i < scope->village_ids->len; i++)
    {
      g_string_append (out, first ? "" : ",");
      bf_json_append_string (out, g_ptr_array_index (scope->village_ids, i));
      first = FALSE;
    }
  for (guint i = 0; i < scope->town_ids->len; i++)
    {
      sqlite3_stmt *stmt = bf_store_prepare (hub, "SELECT id FROM villages WHERE town_id = ?", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (scope->town_ids, i), -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_string_append (out, first ? "" : ",");
          bf_json_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
          first = FALSE;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          bf_store_fail (hub, _("reading sync state"), error);
          return NULL;
        }
    }
  g_string_append_c (out, ']');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The log after @cursor within @scope, oldest first, up to @limit + 1 rows (the extra one
 * tells whether more are waiting). */
static sqlite3_stmt *
prepare_pull (BfStore *hub, gint64 cursor, const BfScope *scope, guint limit,
              const char *villages, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (hub, scope->district
    ? "SELECT server_seq, device, seq, hlc, clamped, author, entity, row_id, fields FROM hub_log"
      " WHERE server_seq > ?1 ORDER BY server_seq LIMIT ?4"
    /* Each part reads its own index (step 7) and stops at the page's size. With more than
     * one village the village part sorts what follows the cursor, which for a device in step
     * with the hub is little; a town's first sync sorts more (bench/RESULTS.md). */
    : "SELECT server_seq, device, seq, hlc, clamped, author, entity, row_id, fields FROM hub_log"
      " WHERE server_seq IN ("
      "  SELECT server_seq FROM (SELECT server_seq FROM hub_log"
      "   WHERE scope = 'all' AND server_seq > ?1 ORDER BY server_seq LIMIT ?4)"
      "  UNION SELECT server_seq FROM (SELECT server_seq FROM hub_log"
      "   WHERE scope = 'village' AND village_id IN (SELECT value FROM json_each (?2))"
      "   AND server_seq > ?1 ORDER BY server_seq LIMIT ?4))"
      " ORDER BY server_seq LIMIT ?4", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cursor);
  if (!scope->district)
    sqlite3_bind_text (stmt, 2, villages, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) limit + 1);
  return stmt;
}

/* Where a pull leaves the receiver: after the last change sent when more are waiting;
 * otherwise at the newest entry, so the receiver skips what its scope filtered out. */
static gboolean
pull_cursor (BfStore *hub, gint64 cursor, gboolean more, gint64 last_sent, gint64 *out,
             GError **error)
{
  gint64 newest = 0;

  if (more)
    {
      *out = last_sent;
      return TRUE;
    }
  if (!bf_store_query_int64 (hub, "SELECT coalesce(max(server_seq), 0) FROM hub_log", &newest, error))
    return FALSE;
  *out = MAX (newest, cursor);
  return TRUE;
}

BfBatch *
bf_hub_pull (BfStore *hub, gint64 cursor, const BfScope *scope, guint limit, GError **error)
{
  g_autoptr(BfBatch) batch = bf_batch_new (bf_store_device_id (hub));
  g_autofree char *villages = scope->district ? NULL : scope_villages_json (hub, scope, error);
  sqlite3_stmt *stmt = scope->district || villages != NULL
    ? prepare_pull (hub, cursor, scope, limit, villages, error) : NULL;
  gint64 last_sent = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfChange *change;
      if (batch->changes->len == limit)
        {
          batch->more = TRUE;
          break;
        }
      change = read_logged_change (stmt, error);
      if (change == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      last_sent = change->server_seq;
      g_ptr_array_add (batch->changes, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading the hub's log"), error);
      return NULL;
    }
  if (!pull_cursor (hub, cursor, batch->more, last_sent, &batch->cursor, error))
    return NULL;
  batch->protocol = BF_PROTOCOL_VERSION;
  batch->schema = bf_store_latest_schema_version ();
  batch->server_time_ms = bf_wall_clock_ms ();
  return g_steal_pointer (&batch);
}

gboolean
bf_sync_append_logged_change (GString *out, sqlite3_stmt *stmt, const char *sender,
                              const char *damaged, GError **error)
{
  const char *device = (const char *) sqlite3_column_text (stmt, 1);
  const char *author = (const char *) sqlite3_column_text (stmt, 5);
  const BfEntityDef *def = bf_entity_def_lookup ((const char *) sqlite3_column_text (stmt, 6));
  const char *fields = (const char *) sqlite3_column_text (stmt, 8);
  int fields_length = sqlite3_column_bytes (stmt, 8);
  gboolean first = TRUE;

  if (def == NULL || fields == NULL || fields_length < 3 || fields[0] != '{' ||
      fields[fields_length - 1] != '}')
    {
      g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL, damaged);
      return FALSE;
    }
  g_string_append_c (out, '{');
  if (g_strcmp0 (device, sender) != 0)
    {
      bf_json_append_name (out, &first, "d");
      bf_json_append_string (out, device);
    }
  bf_json_append_name (out, &first, "s");
  bf_json_append_int (out, sqlite3_column_int64 (stmt, 2));
  bf_json_append_name (out, &first, "h");
  bf_json_append_int (out, sqlite3_column_int64 (stmt, 3));
  bf_json_append_name (out, &first, "e");
  bf_json_append_string (out, def->name);
  bf_json_append_name (out, &first, "r");
  bf_json_append_string (out, (const char *) sqlite3_column_text (stmt, 7));
  g_string_append_c (out, ',');
  g_string_append_len (out, fields + 1, fields_length - 2);
  if (sqlite3_column_int (stmt, 4))
    {
      bf_json_append_name (out, &first, "c");
      g_string_append_len (out, "true", 4);
    }
  if (author != NULL)
    {
      bf_json_append_name (out, &first, "a");
      bf_json_append_string (out, author);
    }
  if (sqlite3_column_int64 (stmt, 0) != 0)
    {
      bf_json_append_name (out, &first, "g");
      bf_json_append_int (out, sqlite3_column_int64 (stmt, 0));
    }
  g_string_append_c (out, '}');
  return TRUE;
}

GBytes *
bf_hub_pull_encoded (BfStore *hub, gint64 cursor, const BfScope *scope, guint limit,
                     guint *out_count, GError **error)
{
  g_autofree char *villages = scope->district ? NULL : scope_villages_json (hub, scope, error);
  const char *sender = bf_store_device_id (hub);
  sqlite3_stmt *stmt = scope->district || villages != NULL
    ? prepare_pull (hub, cursor, scope, limit, villages, error) : NULL;
  g_autoptr(GString) out = NULL;
  gboolean more = FALSE, first = FALSE;
  gint64 last_sent = 0, next_cursor = 0;
  guint count = 0;
  gsize length;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_string_sized_new (4096);
  g_string_append (out, "{\"changes\":[");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (count == limit)
        {
          more = TRUE;
          break;
        }
      if (count++ > 0)
        g_string_append_c (out, ',');
      if (!bf_sync_append_logged_change (out, stmt, sender, _("The hub’s log holds a damaged change"),
                                         error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      last_sent = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading the hub's log"), error);
      return NULL;
    }
  if (!pull_cursor (hub, cursor, more, last_sent, &next_cursor, error))
    return NULL;
  g_string_append_c (out, ']');
  bf_json_append_name (out, &first, "protocol");
  bf_json_append_int (out, BF_PROTOCOL_VERSION);
  bf_json_append_name (out, &first, "schema");
  bf_json_append_int (out, bf_store_latest_schema_version ());
  bf_json_append_name (out, &first, "sender");
  bf_json_append_string (out, sender);
  bf_json_append_name (out, &first, "cursor");
  bf_json_append_int (out, next_cursor);
  bf_json_append_name (out, &first, "more");
  g_string_append (out, more ? "true" : "false");
  bf_json_append_name (out, &first, "server_time");
  bf_json_append_int (out, bf_wall_clock_ms ());
  g_string_append_c (out, '}');
  if (out_count != NULL)
    *out_count = count;
  length = out->len;
  return g_bytes_new_take (g_string_free (g_steal_pointer (&out), FALSE), length);
}

BfScope *
bf_hub_cadre_scope (BfStore *hub, const char *cadre_id, GError **error)
{
  g_autoptr(BfScope) scope = bf_scope_new ();
  sqlite3_stmt *stmt = bf_store_prepare (hub,
    "SELECT DISTINCT h.village_id FROM pairings p JOIN households h ON h.id = p.household_id"
    " WHERE p.cadre_id = ? AND p.to_date IS NULL AND p.deleted = 0 ORDER BY 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, cadre_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    bf_scope_add_village (scope, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading pairings"), error);
      return NULL;
    }
  return g_steal_pointer (&scope);
}
