/* bf-sync-device.c: a device's side of sync — the outbox, the hub's answers, and pulls. */
#include "bf-config.h"
#include "bf-sync-private.h"
#include "bf-sync.h"

#include <glib/gi18n-lib.h>

#include "bf-json-tree.h"

static BfChange *
read_outbox_change (BfStore *store, sqlite3_stmt *stmt, GError **error)
{
  const BfEntityDef *def = bf_entity_def_lookup ((const char *) sqlite3_column_text (stmt, 4));
  g_autoptr(BfChange) change = NULL;

  if (def == NULL)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL,
                   _("The change log names an unknown record type"));
      return NULL;
    }
  change = bf_change_new (bf_store_device_id (store), sqlite3_column_int64 (stmt, 0),
                          (BfHlc) sqlite3_column_int64 (stmt, 1), def->kind,
                          (const char *) sqlite3_column_text (stmt, 5));
  change->clamped = sqlite3_column_int (stmt, 2);
  change->author = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  if (!bf_change_fields_from_json (change, (const char *) sqlite3_column_text (stmt, 6), error))
    return NULL;
  return g_steal_pointer (&change);
}

BfBatch *
bf_sync_outbox (BfStore *store, guint limit, GError **error)
{
  return bf_sync_outbox_after (store, 0, limit, error);
}

BfBatch *
bf_sync_outbox_after (BfStore *store, gint64 after_seq, guint limit, GError **error)
{
  g_autoptr(BfBatch) batch = bf_batch_new (bf_store_device_id (store));
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT seq, hlc, clamped, author, entity, row_id, fields FROM change_log"
    " WHERE state = 'pending' AND " UNSETTLED " AND seq > ?2 ORDER BY seq LIMIT ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  batch->protocol = BF_PROTOCOL_VERSION;
  batch->schema = bf_store_latest_schema_version ();
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, after_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfChange *change = read_outbox_change (store, stmt, error);
      if (change == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (batch->changes, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (store, _("reading the change log"), error);
      return NULL;
    }
  return g_steal_pointer (&batch);
}

GBytes *
bf_sync_outbox_encoded (BfStore *store, gint64 after_seq, guint limit, guint *out_count,
                        gint64 *out_last_seq, GError **error)
{
  const char *device = bf_store_device_id (store);
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT 0, ?3, seq, hlc, clamped, author, entity, row_id, fields FROM change_log"
    " WHERE state = 'pending' AND " UNSETTLED " AND seq > ?2 ORDER BY seq LIMIT ?1", error);
  g_autoptr(GString) out = NULL;
  gboolean first = TRUE;
  gsize length;
  int rc;

  *out_count = 0;
  *out_last_seq = after_seq;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, after_seq);
  sqlite3_bind_text (stmt, 3, device, -1, SQLITE_STATIC);
  /* The members in bf_batch_encode()'s order, so that both give the same bytes. */
  out = g_string_sized_new (256 + 400 * (gsize) limit);
  g_string_append_c (out, '{');
  bf_json_append_name (out, &first, "protocol");
  bf_json_append_int (out, BF_PROTOCOL_VERSION);
  bf_json_append_name (out, &first, "schema");
  bf_json_append_int (out, bf_store_latest_schema_version ());
  bf_json_append_name (out, &first, "sender");
  bf_json_append_string (out, device);
  bf_json_append_name (out, &first, "cursor");
  bf_json_append_int (out, 0);
  bf_json_append_name (out, &first, "more");
  g_string_append (out, "false");
  bf_json_append_name (out, &first, "changes");
  g_string_append_c (out, '[');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if ((*out_count)++ > 0)
        g_string_append_c (out, ',');
      if (!bf_sync_append_logged_change (out, stmt, device,
                                         _("The change log holds a damaged change"), error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      *out_last_seq = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (store, _("reading the change log"), error);
      return NULL;
    }
  g_string_append_len (out, "]}", 2);
  length = out->len;
  return g_bytes_new_take (g_string_free (g_steal_pointer (&out), FALSE), length);
}

static gboolean
exec_seq (BfStore *store, const char *sql, gint64 seq, gint64 server_seq, const char *text,
          GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_int64 (stmt, 2, server_seq);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

/* This device's change @seq from the log (in @state, unless NULL); *out is NULL when there is
 * no such change. */
static gboolean
load_change (BfStore *store, gint64 seq, const char *state, BfChange **out, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT seq, hlc, clamped, author, entity, row_id, fields FROM change_log"
    " WHERE seq = ?1 AND (?2 IS NULL OR state = ?2)", error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = read_outbox_change (store, stmt, error);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return *out != NULL;
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading the change log"), error);
}

/* A refused creation leaves a row the hub never had: hide it until it is fixed and resent. */
static gboolean
hide_unconfirmed_rows (BfStore *store, gint64 seq, GError **error)
{
  g_autoptr(BfChange) change = NULL;
  gboolean found = FALSE;
  BfVersion version = { NULL };

  if (!load_change (store, seq, NULL, &change, error))
    return FALSE;
  if (change == NULL || !bf_change_is_creation (change))
    return TRUE;
  if (!bf_sync_confirmed_version (store, change->entity, change->row_id, BF_FIELD_DELETED,
                                  &version, &found, error))
    return FALSE;
  bf_version_clear (&version);
  return found || bf_store_write_field_text (store, change->entity, change->row_id,
                                             BF_FIELD_DELETED, "true", error);
}

/* How many results from @first on are changes of @device, accepted now or before, with
 * consecutive sequences given consecutive places in the hub's log — nearly always the whole
 * page: they are marked with one statement instead of one each. */
static guint
accepted_run (const BfPushResponse *response, guint first, const char *device)
{
  const BfPushResult *start = g_ptr_array_index (response->results, first);
  guint run = 1;

  while (first + run < response->results->len)
    {
      const BfPushResult *next = g_ptr_array_index (response->results, first + run);
      if (next->status == BF_PUSH_REJECTED || next->seq != start->seq + run ||
          next->server_seq != start->server_seq + run ||
          g_strcmp0 (next->device_id, device) != 0)
        break;
      run++;
    }
  return run;
}

/* Changes @first..@last accepted, the first at @first_server_seq and each next one after it. */
static gboolean
mark_accepted (BfStore *store, gint64 first, gint64 last, gint64 first_server_seq,
               GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "UPDATE change_log SET state = 'accepted', server_seq = ?3 + (seq - ?1)"
    " WHERE seq BETWEEN ?1 AND ?2 AND state = 'pending'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  sqlite3_bind_int64 (stmt, 3, first_server_seq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

gboolean
bf_sync_take_push_response (BfStore *store, const BfPushResponse *response, GError **error)
{
  gboolean committed;
  const char *device = bf_store_device_id (store);

  /* Without waiting for fsync, as a pull: if the power fails first, the changes are pending
   * again, go out again, and the hub answers them as before (its per-device mark). */
  if (!bf_store_set_pulling (store, TRUE, error))
    return FALSE;
  if (!bf_store_begin (store, error))
    {
      bf_store_set_pulling (store, FALSE, NULL);
      return FALSE;
    }
  for (guint i = 0; i < response->results->len; i++)
    {
      const BfPushResult *result = g_ptr_array_index (response->results, i);
      gboolean ok = TRUE;

      if (g_strcmp0 (result->device_id, device) != 0)
        continue;
      if (result->status == BF_PUSH_REJECTED)
        /* Kept with the reason, to be fixed and resent; the rows show the hub's values. */
        ok = exec_seq (store, "UPDATE change_log SET state = 'rejected', reason = ?3"
                              " WHERE seq = ?1 AND state = 'pending' AND ?2 = ?2",
                       result->seq, 0, result->reason, error) &&
             bf_sync_settle_pending (store, result->seq, error) &&
             hide_unconfirmed_rows (store, result->seq, error);
      else
        {
          /* The overlay stays until the change comes back in a pull, in the hub's order. */
          guint run = accepted_run (response, i, device);
          ok = mark_accepted (store, result->seq, result->seq + run - 1, result->server_seq, error);
          i += run - 1;
        }
      if (!ok)
        {
          bf_store_rollback (store);
          bf_store_set_pulling (store, FALSE, NULL);
          return FALSE;
        }
    }
  if (response->server_time_ms > 0)
    bf_clock_set_server_time (bf_store_clock (store), response->server_time_ms);
  if (!bf_store_save_clock (store, error))
    {
      bf_store_rollback (store);
      bf_store_set_pulling (store, FALSE, NULL);
      return FALSE;
    }
  committed = bf_store_commit (store, error);
  return bf_store_set_pulling (store, FALSE, committed ? error : NULL) && committed;
}

gint64
bf_sync_cursor (BfStore *store, GError **error)
{
  g_autofree char *text = bf_store_get_meta (store, "cursor");
  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static gboolean
take_own_echo (BfStore *store, const BfChange *change, GError **error)
{
  return exec_seq (store, "UPDATE change_log SET state = 'accepted', server_seq = ?2"
                          " WHERE seq = ?1 AND state <> 'accepted' AND ?3 IS NULL",
                   change->seq, change->server_seq, NULL, error) &&
         bf_sync_settle_pending (store, change->seq, error);
}

gboolean
bf_sync_apply_pull (BfStore *store, const BfBatch *batch, GError **error)
{
  const char *device = bf_store_device_id (store);
  gint64 cursor = bf_sync_cursor (store, error);
  gboolean committed;
  char text[32];

  if (batch->cursor <= cursor && batch->changes->len == 0)
    return TRUE;
  /* A pull need not wait for its fsync: if the power fails before the disk has it, the
   * transaction is lost whole — rows and cursor together — and the next sync pulls it again.
   * The next local edit's commit (synchronous = FULL) syncs these pages too. Nor does it
   * check foreign keys: see bf_store_set_pulling. */
  if (!bf_store_set_pulling (store, TRUE, error))
    return FALSE;
  if (!bf_store_begin (store, error))
    {
      bf_store_set_pulling (store, FALSE, NULL);
      return FALSE;
    }
  for (guint i = 0; i < batch->changes->len; i++)
    {
      const BfChange *change = g_ptr_array_index (batch->changes, i);
      gboolean own = g_strcmp0 (change->device_id, device) == 0;

      /* A batch delivered twice, or an old one arriving late, changes nothing. */
      if (change->server_seq <= cursor)
        continue;
      bf_clock_observe (bf_store_clock (store), change->hlc);
      /* As on the hub: a run of visits and payments shares the look-up memo. */
      bf_sync_memo_follow (store, change);
      if (!bf_sync_apply_confirmed (store, change, FALSE, NULL, error) ||
          (own && !take_own_echo (store, change, error)))
        {
          bf_store_memo_stop (store);
          bf_store_rollback (store);
          bf_store_set_pulling (store, FALSE, NULL);
          return FALSE;
        }
    }
  bf_store_memo_stop (store);
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, MAX (cursor, batch->cursor));
  if (batch->server_time_ms > 0)
    bf_clock_set_server_time (bf_store_clock (store), batch->server_time_ms);
  if (!bf_store_set_meta (store, "cursor", text, error) || !bf_store_save_clock (store, error))
    {
      bf_store_rollback (store);
      bf_store_set_pulling (store, FALSE, NULL);
      return FALSE;
    }
  committed = bf_store_commit (store, error);
  return bf_store_set_pulling (store, FALSE, committed ? error : NULL) && committed;
}

gint64
bf_sync_count_pending (BfStore *store, GError **error)
{
  gint64 n = -1;
  bf_store_query_int64 (store, "SELECT count(*) FROM change_log WHERE state = 'pending' AND " UNSETTLED,
                        &n, error);
  return n;
}

gint64
bf_sync_count_rejected (BfStore *store, GError **error)
{
  gint64 n = -1;
  bf_store_query_int64 (store, "SELECT count(*) FROM change_log WHERE state = 'rejected' AND " UNSETTLED,
                        &n, error);
  return n;
}

gboolean
bf_sync_resend (BfStore *store, gint64 seq, GError **error)
{
  g_autoptr(BfChange) old = NULL;
  g_autoptr(BfChange) change = NULL;
  gboolean creation;

  if (!load_change (store, seq, "rejected", &old, error))
    return FALSE;
  if (old == NULL)
    {
      /* The number as text: a format macro in a translated string cannot be translated. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND,
                   _("There is no refused change number %s"), number);
      return FALSE;
    }
  creation = bf_change_is_creation (old);

  if (!bf_store_begin (store, error))
    return FALSE;
  change = bf_change_new (NULL, 0, 0, old->entity, old->row_id);
  for (guint i = 0; i < old->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (old->fields, i);
      g_autofree char *base = NULL;

      if (!creation)
        {
          if (!bf_sync_keep_shadow (store, old->entity, old->row_id, field->name, error))
            goto fail;
          base = bf_sync_local_base (store, old->entity, old->row_id, field->name, error);
        }
      if (!bf_store_write_field_text (store, old->entity, old->row_id, field->name, field->value, error))
        goto fail;
      bf_change_add_field (change, field->name, field->value, base);
    }
  if ((creation && !bf_store_write_field_text (store, old->entity, old->row_id, BF_FIELD_DELETED,
                                               "false", error)) ||
      !bf_sync_log_local (store, change, error) ||
      !exec_seq (store, "UPDATE change_log SET state = 'resent' WHERE seq = ?1 AND ?2 = ?2 AND ?3 IS NULL",
                 seq, 0, NULL, error))
    goto fail;
  return bf_store_commit (store, error);

fail:
  bf_store_rollback (store);
  return FALSE;
}
