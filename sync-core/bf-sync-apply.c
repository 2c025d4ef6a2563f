/* bf-sync-apply.c: merging a change the hub has ordered — the same code on hub and device.
 *
 * Each field is a last-writer-wins register ordered by (HLC, device, seq): whichever order
 * changes arrive in, duplicated or not, every store ends with the same winner. What the base
 * versions add is knowledge: an edit made against a version other than the current one was
 * concurrent, and when its value differs the hub records a conflict with both sides.
 */
#include "bf-config.h"
#include "bf-sync-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static gboolean
field_is_pending (BfStore *store, const char *entity, const char *row_id, const char *field,
                  gboolean *out_pending, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_pending = FALSE;
  if (bf_store_is_hub (store))
    return TRUE;
  stmt = bf_store_prepare (store,
    "SELECT 1 FROM pending_fields WHERE entity = ? AND row_id = ? AND field IN (?, '*')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  *out_pending = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || bf_store_fail (store, _("reading sync state"), error);
}

static gboolean
save_field_version (BfStore *store, const char *entity, const BfChange *change,
                    const BfFieldChange *field, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "INSERT INTO field_versions (entity, row_id, field, value, device, seq, hlc, author)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity, row_id, field) DO UPDATE SET"
    " value = excluded.value, device = excluded.device, seq = excluded.seq, hlc = excluded.hlc,"
    " author = excluded.author", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, field->value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, change->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, change->seq);
  sqlite3_bind_int64 (stmt, 7, (sqlite3_int64) change->hlc);
  sqlite3_bind_text (stmt, 8, change->author, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

/* A known row's version after a change merged into it (a first creation claims its own). */
static gboolean
save_row_version (BfStore *store, const char *entity, const BfChange *change, GError **error)
{
  g_autofree char *version = bf_change_version (change);
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "UPDATE row_versions SET last_version = ?3 WHERE entity = ?1 AND row_id = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, version, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

static gboolean
read_last_version (BfStore *store, const char *entity, const char *row_id, char **out,
                   GError **error)
{
  return bf_store_query_text (store, out, error,
                              "SELECT last_version FROM row_versions WHERE entity = ? AND row_id = ?",
                              entity, row_id, NULL);
}

/* A new row from a creation that arrived from elsewhere, unless the row exists already
 * (*out_inserted): @built when the caller made it from the change already, else made here.
 * Fields the record does not know (from a newer schema) are skipped; the shadow still keeps
 * them. */
static gboolean
insert_row (BfStore *store, const BfChange *change, gconstpointer built, gboolean *out_inserted,
            GError **error)
{
  const BfEntityDef *def = bf_entity_def (change->entity);
  gpointer record = NULL;
  gboolean deleted = FALSE, ok;

  if (built == NULL)
    {
      record = bf_record_new (change->entity);
      *(char **) record = g_strdup (change->row_id);
    }
  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      /* "deleted" is a column of every table but no field of any record. */
      const BfFieldDef *def_field = record != NULL ? bf_entity_field (def, field->name) : NULL;
      if (def_field != NULL)
        bf_record_set_text (def_field, record, field->value, NULL);
      else if (strcmp (field->name, BF_FIELD_DELETED) == 0)
        deleted = g_strcmp0 (field->value, "true") == 0;
    }
  ok = bf_store_insert_unlogged_if_absent (store, change->entity, built ? built : record, deleted,
                                           out_inserted, error);
  bf_record_free (change->entity, record);
  return ok;
}

/* The row's version for its first creation: FALSE in *out_first, writing nothing, when the row
 * has a version already. One statement instead of a look-up and an insert: a pull is mostly
 * creations, and this was a third of applying one. */
static gboolean
claim_row_version (BfStore *store, const char *entity, const BfChange *change,
                   gboolean *out_first, GError **error)
{
  char version[160];
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "INSERT INTO row_versions (entity, row_id, device, seq, hlc, last_version)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (entity, row_id) DO NOTHING", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_snprintf (version, sizeof version, "%s:%" G_GINT64_FORMAT, change->device_id, change->seq);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, change->seq);
  sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) change->hlc);
  sqlite3_bind_text (stmt, 6, version, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bf_store_fail (store, _("saving sync state"), error);
  *out_first = sqlite3_changes (bf_store_db (store)) > 0;
  return TRUE;
}

/* The version a new visit or payment has in the hub's log, written where every other row
 * keeps its version, before anything merges into it; nothing when it is there already or the
 * row is not in the log (the hub's own creation, about to be claimed). */
static gboolean
write_hub_row_version (BfStore *store, const BfChange *change, GError **error)
{
  BfVersion version = { NULL };
  gboolean found = FALSE, first = FALSE, ok;

  if (!bf_sync_hub_row_version (store, change->entity, change->row_id, &version, &found, error))
    return FALSE;
  if (!found)
    return TRUE;
  {
    BfChange creation = { .device_id = version.device, .seq = version.seq, .hlc = version.hlc,
                          .entity = change->entity, .row_id = change->row_id };
    ok = claim_row_version (store, bf_entity_def (change->entity)->name, &creation, &first, error);
  }
  bf_version_clear (&version);
  return ok;
}

/* The first creation of a row: it becomes the version of every field. */
static gboolean
apply_first_creation (BfStore *store, const char *entity, const BfChange *change,
                      gconstpointer built, GError **error)
{
  gboolean inserted = FALSE;

  if (!insert_row (store, change, built, &inserted, error))
    return FALSE;
  /* The row exists already when this device created it too (records keyed by a natural
   * key): keep the confirmed values in the shadow for when the overlay settles. This
   * device's own creation coming back needs nothing: the row holds its values. */
  if (!inserted && g_strcmp0 (change->device_id, bf_store_device_id (store)) != 0)
    for (guint i = 0; i < change->fields->len; i++)
      {
        const BfFieldChange *field = g_ptr_array_index (change->fields, i);
        gboolean pending = FALSE;
        if (!field_is_pending (store, entity, change->row_id, field->name, &pending, error) ||
            !save_field_version (store, entity, change, field, error) ||
            (!pending && !bf_store_write_field_text (store, change->entity, change->row_id,
                                                     field->name, field->value, error)))
          return FALSE;
      }
  return TRUE;
}

static BfConflict *
conflict_new (const BfChange *change, const char *field, gboolean incoming_wins,
              const char *current_value, const BfVersion *current, const char *current_author)
{
  BfConflict *conflict = g_new0 (BfConflict, 1);
  const BfFieldChange *incoming = bf_change_get_field (change, field);
  g_autofree char *incoming_version = bf_change_version (change);
  g_autofree char *current_version = current->device ? bf_version_string (current) : NULL;
  const char *incoming_value = incoming ? incoming->value : NULL;

  conflict->entity = g_strdup (bf_entity_def (change->entity)->name);
  conflict->row_id = g_strdup (change->row_id);
  conflict->field = g_strdup (field);
  conflict->status = BF_CONFLICT_OPEN;
  conflict->kept_value = g_strdup (incoming_wins ? incoming_value : current_value);
  conflict->kept_version = g_strdup (incoming_wins ? incoming_version : current_version);
  conflict->kept_author = g_strdup (incoming_wins ? change->author : current_author);
  conflict->kept_hlc = (gint64) (incoming_wins ? change->hlc : current->hlc);
  conflict->other_value = g_strdup (incoming_wins ? current_value : incoming_value);
  conflict->other_version = g_strdup (incoming_wins ? current_version : incoming_version);
  conflict->other_author = g_strdup (incoming_wins ? current_author : change->author);
  conflict->other_hlc = (gint64) (incoming_wins ? current->hlc : change->hlc);
  return conflict;
}

static gboolean
current_author (BfStore *store, const char *entity, const char *row_id, const char *field,
                char **out, GError **error)
{
  return bf_store_query_text (store, out, error,
                              "SELECT author FROM field_versions WHERE entity = ? AND row_id = ? AND field = ?",
                              entity, row_id, field, NULL);
}

/* The hub notices what the device did not see: an edit to a row that is deleted, or a delete
 * of a row changed since the device last looked. The tombstone stands; the conflict keeps the
 * other side for district review. */
static gboolean
detect_delete_races (BfStore *store, const BfChange *change, gboolean row_deleted,
                     const char *last_version, GPtrArray *out_conflicts, GError **error)
{
  const BfFieldChange *tombstone = bf_change_get_field (change, BF_FIELD_DELETED);
  BfVersion current = { NULL };
  gboolean found = FALSE;
  BfConflict *conflict;

  if (tombstone != NULL && g_strcmp0 (tombstone->value, "true") == 0)
    {
      if (row_deleted || g_strcmp0 (tombstone->base, last_version) == 0 || last_version == NULL)
        return TRUE;
      if (!bf_sync_confirmed_version (store, change->entity, change->row_id, BF_FIELD_DELETED,
                                      &current, &found, error))
        return FALSE;
      conflict = conflict_new (change, BF_FIELD_DELETED, TRUE, "false", &current, NULL);
      g_free (conflict->other_version);
      conflict->other_version = g_strdup (last_version);
      g_ptr_array_add (out_conflicts, conflict);
      bf_version_clear (&current);
      return TRUE;
    }
  if (!row_deleted || tombstone != NULL)
    return TRUE;
  /* An edit arriving for a deleted row. */
  if (!bf_sync_confirmed_version (store, change->entity, change->row_id, BF_FIELD_DELETED,
                                  &current, &found, error))
    return FALSE;
  conflict = conflict_new (change, BF_FIELD_DELETED, FALSE, "true", &current, NULL);
  g_free (conflict->other_value);
  conflict->other_value = g_strdup ("false");
  g_ptr_array_add (out_conflicts, conflict);
  bf_version_clear (&current);
  return TRUE;
}

static gboolean
keeps_memo (const BfChange *change)
{
  switch (change->entity)
    {
    case BF_ENTITY_MEMBER:
    case BF_ENTITY_PAIRING:
    case BF_ENTITY_VISIT:
    case BF_ENTITY_PAYMENT:
    case BF_ENTITY_HOUSEHOLD_INCOME:
    case BF_ENTITY_VILLAGE_INCOME:
    case BF_ENTITY_INSPECTION:
      return TRUE;
    default:
      return FALSE;
    }
}

void
bf_sync_memo_follow (BfStore *store, const BfChange *change)
{
  if (keeps_memo (change))
    bf_store_memo_start (store);
  else
    bf_store_memo_stop (store);
}

static gboolean apply_confirmed (BfStore *store, const BfChange *change, gconstpointer built,
                                 gboolean detect, GPtrArray *out_conflicts, GError **error);

/* Every change the hub has ordered passes here, on the hub and on devices alike, in the hub's
 * order: so each store flags the same changes as corrections after a year's lock. */
gboolean
bf_sync_apply_confirmed (BfStore *store, const BfChange *change, gboolean detect,
                         GPtrArray *out_conflicts, GError **error)
{
  return bf_sync_apply_confirmed_built (store, change, NULL, detect, out_conflicts, error);
}

gboolean
bf_sync_apply_confirmed_built (BfStore *store, const BfChange *change, gconstpointer built,
                               gboolean detect, GPtrArray *out_conflicts, GError **error)
{
  return apply_confirmed (store, change, built, detect, out_conflicts, error) &&
         bf_year_lock_note_change (store, change, TRUE, error);
}

gboolean
bf_sync_apply_new_row (BfStore *store, const BfChange *change, gconstpointer built,
                       gboolean *out_applied, GError **error)
{
  g_return_val_if_fail (bf_store_is_hub (store) && built != NULL, FALSE);
  g_return_val_if_fail (bf_entity_def (change->entity)->append_only && bf_change_is_creation (change),
                        FALSE);

  /* What apply_confirmed() does for such a row when it is new: insert it, no version. */
  if (!insert_row (store, change, built, out_applied, error))
    return FALSE;
  return !*out_applied || bf_year_lock_note_change (store, change, TRUE, error);
}

static gboolean
apply_confirmed (BfStore *store, const BfChange *change, gconstpointer built, gboolean detect,
                 GPtrArray *out_conflicts, GError **error)
{
  const char *entity = bf_entity_def (change->entity)->name;
  g_autofree char *last_version = NULL;
  gboolean row_found = FALSE, row_deleted = FALSE, row_known, first = FALSE;

  if (bf_store_is_hub (store) && bf_entity_def (change->entity)->append_only)
    {
      /* A new visit or payment keeps its version in the hub's log (bf_sync_hub_row_version);
       * anything else that reaches one — a district merge's edit, a second creation — finds
       * it written down first, and goes on as for any row. */
      if (built != NULL && bf_change_is_creation (change))
        return apply_first_creation (store, entity, change, built, error);
      if (!write_hub_row_version (store, change, error))
        return FALSE;
    }
  if (bf_change_is_creation (change))
    {
      if (!claim_row_version (store, entity, change, &first, error))
        return FALSE;
      if (first)
        return apply_first_creation (store, entity, change, built, error);
    }
  /* An edit, or a creation of a row that has a version already (a retried or concurrent
   * creation of a natural key): merged field by field. */
  if (!read_last_version (store, entity, change->row_id, &last_version, error) ||
      !bf_store_row_state (store, change->entity, change->row_id, &row_found, &row_deleted, error))
    return FALSE;
  row_known = last_version != NULL;

  if (detect && row_known &&
      !detect_delete_races (store, change, row_deleted, last_version, out_conflicts, error))
    return FALSE;

  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      BfVersion current = { NULL };
      gboolean found = FALSE, pending = FALSE, incoming_wins;
      g_autofree char *current_version = NULL;

      if (!bf_sync_confirmed_version (store, change->entity, change->row_id, field->name,
                                      &current, &found, error))
        return FALSE;
      incoming_wins = !found ||
        bf_change_compare_order (change->hlc, change->device_id, change->seq,
                                 current.hlc, current.device, current.seq) > 0;
      current_version = found ? bf_version_string (&current) : NULL;

      if (detect && found && g_strcmp0 (field->base, current_version) != 0 &&
          g_strcmp0 (field->name, BF_FIELD_DELETED) != 0)
        {
          g_autofree char *current_value = NULL;
          g_autofree char *author = NULL;
          gboolean present = FALSE;

          if (!bf_store_read_field_text (store, change->entity, change->row_id, field->name,
                                         &current_value, &present, error) ||
              !current_author (store, entity, change->row_id, field->name, &author, error))
            {
              bf_version_clear (&current);
              return FALSE;
            }
          if (g_strcmp0 (current_value, field->value) != 0)
            g_ptr_array_add (out_conflicts, conflict_new (change, field->name, incoming_wins,
                                                          current_value, &current, author));
        }
      bf_version_clear (&current);
      if (!incoming_wins)
        continue;
      if (!save_field_version (store, entity, change, field, error) ||
          !field_is_pending (store, entity, change->row_id, field->name, &pending, error))
        return FALSE;
      /* A field from a newer schema stays in the shadow only, as in insert_row: the row has
       * no column for it. (Before schema 6 only creations skipped such fields, so an edit of
       * merged_into stops a schema-5 build's pull: those devices must be upgraded.) */
      if (row_found && !pending &&
          (bf_entity_field (bf_entity_def (change->entity), field->name) != NULL ||
           strcmp (field->name, BF_FIELD_DELETED) == 0) &&
          !bf_store_write_field_text (store, change->entity, change->row_id, field->name,
                                      field->value, error))
        return FALSE;
    }
  return !row_known || save_row_version (store, entity, change, error);
}
