/* bf-sync-log.c: local changes — the outbox, the pending overlay and the shadow it hides. */
#include "bf-config.h"
#include "bf-sync-private.h"

#include <glib/gi18n-lib.h>

void
bf_version_clear (BfVersion *version)
{
  g_clear_pointer (&version->device, g_free);
  version->seq = 0;
  version->hlc = 0;
}

char *
bf_version_string (const BfVersion *version)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, version->device, version->seq);
}

static gboolean
read_version (BfStore *store, const char *sql, const char *entity, const char *row_id,
              const char *field, BfVersion *out, gboolean *out_found, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  if (field != NULL)
    sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_found = rc == SQLITE_ROW;
  if (*out_found)
    {
      g_free (out->device);
      out->device = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      out->seq = sqlite3_column_int64 (stmt, 1);
      out->hlc = (BfHlc) sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || bf_store_fail (store, _("reading sync state"), error);
}

gboolean
bf_sync_confirmed_version (BfStore *store, BfEntityKind kind, const char *row_id,
                           const char *field, BfVersion *out, gboolean *out_found,
                           GError **error)
{
  const char *entity = bf_entity_def (kind)->name;

  if (!read_version (store,
                     "SELECT device, seq, hlc FROM field_versions"
                     " WHERE entity = ? AND row_id = ? AND field = ?",
                     entity, row_id, field, out, out_found, error))
    return FALSE;
  if (*out_found)
    return TRUE;
  if (!read_version (store, "SELECT device, seq, hlc FROM row_versions WHERE entity = ? AND row_id = ?",
                     entity, row_id, NULL, out, out_found, error))
    return FALSE;
  if (*out_found || !bf_store_is_hub (store) || !bf_entity_def (kind)->append_only)
    return TRUE;
  return bf_sync_hub_row_version (store, kind, row_id, out, out_found, error);
}

gboolean
bf_sync_hub_row_version (BfStore *store, BfEntityKind kind, const char *row_id, BfVersion *out,
                         gboolean *out_found, GError **error)
{
  return read_version (store,
                       "SELECT device, seq, hlc FROM hub_log WHERE row_id = ?2 AND entity = ?1"
                       " ORDER BY server_seq LIMIT 1",
                       bf_entity_def (kind)->name, row_id, NULL, out, out_found, error);
}

static gboolean
pending_seq (BfStore *store, BfEntityKind kind, const char *row_id, const char *field,
             gint64 *out_seq, GError **error)
{
  /* For the tombstone, any pending edit of the row is what the delete was made against. */
  const char *sql = g_strcmp0 (field, BF_FIELD_DELETED) == 0
    ? "SELECT max(seq) FROM pending_fields WHERE entity = ?1 AND row_id = ?2 AND ?3 IS NOT NULL"
    : "SELECT max(seq) FROM pending_fields WHERE entity = ?1 AND row_id = ?2 AND field IN (?3, '*')";
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bf_entity_def (kind)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || bf_store_fail (store, _("reading sync state"), error);
}

char *
bf_sync_local_base (BfStore *store, BfEntityKind kind, const char *row_id, const char *field,
                    GError **error)
{
  BfVersion version = { NULL };
  gboolean found = FALSE;
  gint64 seq = 0;
  char *base = NULL;

  if (!pending_seq (store, kind, row_id, field, &seq, error))
    return NULL;
  if (seq > 0)
    return g_strdup_printf ("%s:%" G_GINT64_FORMAT, bf_store_device_id (store), seq);
  if (g_strcmp0 (field, BF_FIELD_DELETED) == 0)
    {
      /* A delete is made against the last change the device saw to the whole row. */
      bf_store_query_text (store, &base, error,
                           "SELECT last_version FROM row_versions WHERE entity = ? AND row_id = ?",
                           bf_entity_def (kind)->name, row_id, NULL);
      return base;
    }
  if (bf_sync_confirmed_version (store, kind, row_id, field, &version, &found, error) && found)
    base = bf_version_string (&version);
  bf_version_clear (&version);
  return base;
}

gboolean
bf_sync_keep_shadow (BfStore *store, BfEntityKind kind, const char *row_id, const char *field,
                     GError **error)
{
  const char *entity = bf_entity_def (kind)->name;
  g_autofree char *value = NULL;
  BfVersion version = { NULL };
  gboolean found = FALSE, row_found = FALSE;
  sqlite3_stmt *stmt;
  gint64 seq = 0;
  int rc;

  if (bf_store_is_hub (store))
    return TRUE;   /* the hub has no overlay: its rows are the confirmed state */
  if (!pending_seq (store, kind, row_id, field, &seq, error))
    return FALSE;
  if (seq > 0 && g_strcmp0 (field, BF_FIELD_DELETED) != 0)
    return TRUE;   /* already hidden, and already kept */
  /* Only a field still at its creation version lacks a stored confirmed value. */
  stmt = bf_store_prepare (store,
    "SELECT 1 FROM field_versions WHERE entity = ? AND row_id = ? AND field = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (!bf_sync_confirmed_version (store, kind, row_id, field, &version, &found, error))
    return FALSE;
  if (!found)
    return TRUE;   /* a row the hub has not confirmed yet: nothing to keep */
  if (!bf_store_read_field_text (store, kind, row_id, field, &value, &row_found, error))
    {
      bf_version_clear (&version);
      return FALSE;
    }
  stmt = bf_store_prepare (store,
    "INSERT INTO field_versions (entity, row_id, field, value, device, seq, hlc)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    {
      bf_version_clear (&version);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, version.device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, version.seq);
  sqlite3_bind_int64 (stmt, 7, (sqlite3_int64) version.hlc);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  bf_version_clear (&version);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

static gboolean
next_seq (BfStore *store, gint64 *out, GError **error)
{
  if (!bf_store_query_int64 (store, "SELECT coalesce(max(seq), 0) + 1 FROM change_log", out, error))
    return FALSE;
  return TRUE;
}

gboolean
bf_sync_log_local (BfStore *store, BfChange *change, GError **error)
{
  g_autofree char *fields = NULL;
  sqlite3_stmt *stmt;
  gboolean clamped = FALSE, creation;
  int rc;

  g_free (change->device_id);
  change->device_id = g_strdup (bf_store_device_id (store));
  g_free (change->author);
  change->author = g_strdup (bf_store_get_author (store));
  change->hlc = bf_clock_tick (bf_store_clock (store), bf_wall_clock_ms (), &clamped);
  change->clamped = clamped;
  /* The clock is not saved here: the timestamp is in the log row this transaction writes, and
   * opening the store resumes from the newest one (load_sync_identity). */
  if (bf_store_is_hub (store))
    return bf_hub_accept_local (store, change, error);

  if (!next_seq (store, &change->seq, error))
    return FALSE;
  fields = bf_change_fields_to_json (change);
  stmt = bf_store_prepare (store,
    "INSERT INTO change_log (seq, hlc, clamped, author, entity, row_id, fields, made_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->seq);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) change->hlc);
  sqlite3_bind_int (stmt, 3, change->clamped);
  sqlite3_bind_text (stmt, 4, change->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, bf_entity_def (change->entity)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, fields, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, bf_wall_clock_ms ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bf_store_fail (store, _("saving a change"), error);

  stmt = bf_store_prepare (store,
    "INSERT INTO pending_fields (entity, row_id, field, seq) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (entity, row_id, field) DO UPDATE SET seq = excluded.seq", error);
  if (stmt == NULL)
    return FALSE;
  /* A creation hides every field of its row: one entry, "*", instead of one per field. */
  creation = bf_change_is_creation (change);
  for (guint i = 0; i < (creation ? 1 : change->fields->len); i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      sqlite3_bind_text (stmt, 1, bf_entity_def (change->entity)->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, creation ? "*" : field->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, change->seq);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return bf_store_fail (store, _("saving a change"), error);
    }
  /* An edit touching a year this device knows is locked is a correction from the start. */
  return bf_year_lock_note_change (store, change, FALSE, error);
}

typedef struct {
  char    *entity;
  char    *row_id;
  char    *field;
  gboolean confirmed;   /* the shadow holds a value for it */
  char    *value;
} Settled;

static void
settled_free (gpointer data)
{
  Settled *settled = data;
  g_free (settled->entity);
  g_free (settled->row_id);
  g_free (settled->field);
  g_free (settled->value);
  g_free (settled);
}

gboolean
bf_sync_settle_pending (BfStore *store, gint64 seq, GError **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (settled_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Fields whose newest pending edit is this one now show the confirmed value. A creation's
   * "*" stands for every field of the row that has a stored confirmed value and no later
   * pending edit of its own. */
  stmt = bf_store_prepare (store,
    "SELECT p.entity, p.row_id, p.field, v.field IS NOT NULL, v.value FROM pending_fields p"
    " LEFT JOIN field_versions v ON v.entity = p.entity AND v.row_id = p.row_id AND v.field = p.field"
    " WHERE p.seq = ?1 AND p.field <> '*'"
    " UNION ALL"
    " SELECT v.entity, v.row_id, v.field, 1, v.value FROM pending_fields p"
    " JOIN field_versions v ON v.entity = p.entity AND v.row_id = p.row_id"
    " WHERE p.seq = ?1 AND p.field = '*' AND NOT EXISTS (SELECT 1 FROM pending_fields q"
    "   WHERE q.entity = v.entity AND q.row_id = v.row_id AND q.field = v.field)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Settled *settled = g_new0 (Settled, 1);
      settled->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      settled->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      settled->field = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      settled->confirmed = sqlite3_column_int (stmt, 3);
      settled->value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (fields, settled);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bf_store_fail (store, _("reading sync state"), error);

  for (guint i = 0; i < fields->len; i++)
    {
      Settled *settled = g_ptr_array_index (fields, i);
      const BfEntityDef *def = bf_entity_def_lookup (settled->entity);

      /* Without a stored confirmed value the field is at its creation version, which is
       * what the row already holds. */
      if (def != NULL && settled->confirmed &&
          !bf_store_write_field_text (store, def->kind, settled->row_id, settled->field,
                                      settled->value, error))
        return FALSE;
    }
  stmt = bf_store_prepare (store, "DELETE FROM pending_fields WHERE seq = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

/* Rows written before the change log existed (schema < 3) have never been sent. Logging each
 * as a creation gets them to the hub like any new record. */
gboolean
bf_sync_adopt_unlogged_rows (BfStore *store, GError **error)
{
  if (!bf_store_begin (store, error))
    return FALSE;
  for (BfEntityKind kind = 0; kind < BF_N_ENTITIES; kind++)
    {
      const BfEntityDef *def = bf_entity_def (kind);
      g_autoptr(GPtrArray) rows = bf_store_list (store, kind, NULL, NULL, error);

      if (rows == NULL)
        goto fail;
      for (guint r = 0; r < rows->len; r++)
        {
          gconstpointer record = g_ptr_array_index (rows, r);
          g_autoptr(BfChange) change = bf_change_new (NULL, 0, 0, kind, bf_record_id (record));
          for (guint i = 0; i < def->n_fields; i++)
            {
              g_autofree char *text = bf_record_get_text (&def->fields[i], record);
              bf_change_add_field (change, def->fields[i].name, text, NULL);
            }
          if (!bf_sync_log_local (store, change, error))
            goto fail;
        }
    }
  return bf_store_commit (store, error);

fail:
  bf_store_rollback (store);
  return FALSE;
}
