/* bf-hub.c: the hub's side of sync — the single authority of order.
 *
 * Every accepted change gets the next global sequence number and a place in hub_log with the
 * scope it belongs to. A device's changes are taken in its own sequence: a retried batch
 * applies nothing twice (per-device high-water mark), and a change after a gap waits.
 */
#include "bf-config.h"
#include "bf-sync-private.h"
#include "bf-sync.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-json-tree.h"
#include "bf-merge-private.h"
#include "bf-uuid.h"
#include "bf-validate.h"

/* Where a row belongs: everyone's reference data, the district's conflicts, or a village.
 * The log's town_id column is no longer written: since schema step 8 a town's pull goes by
 * its villages, so looking the town up for every change bought nothing. */
typedef struct {
  const char *kind;     /* "all", "district", "village" */
  char       *village_id;
} RowScope;

static gboolean
lookup_text (BfStore *store, const char *sql, const char *key, char **out, GError **error)
{
  return bf_store_query_text (store, out, error, sql, key, NULL);
}

/* Facts a run of visits and payments cannot change, so the memo may answer them. */
static const char household_village_sql[] = "SELECT village_id FROM households WHERE id = ?";
static const char village_town_sql[] = "SELECT town_id FROM villages WHERE id = ?";

static gboolean
household_village (BfStore *store, const char *household_id, char **out, GError **error)
{
  return bf_store_query_text_memo (store, household_village_sql, household_id, out, error);
}

static gboolean
village_town (BfStore *store, const char *village_id, char **out, GError **error)
{
  return bf_store_query_text_memo (store, village_town_sql, village_id, out, error);
}

/* Literals, one per table: the statement cache finds a literal by its address. */
static const char *
household_of_row_sql (BfEntityKind kind)
{
  switch (kind)
    {
    case BF_ENTITY_MEMBER:
      return "SELECT household_id FROM members WHERE id = ?";
    case BF_ENTITY_PAIRING:
      return "SELECT household_id FROM pairings WHERE id = ?";
    case BF_ENTITY_VISIT:
      return "SELECT household_id FROM visits WHERE id = ?";
    case BF_ENTITY_HOUSEHOLD_INCOME:
      return "SELECT household_id FROM household_incomes WHERE id = ?";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* @new_row_village: the village of the row the change has just created, when the caller
 * knows it (the push's checks worked it out), instead of reading the row back. */
static gboolean
row_scope (BfStore *store, const BfChange *change, const char *new_row_village, RowScope *out,
           GError **error)
{
  const char *village_sql = NULL;
  const char *key = change->row_id;
  g_autofree char *household_id = NULL;

  memset (out, 0, sizeof *out);
  if (new_row_village != NULL)
    {
      out->kind = "village";
      out->village_id = g_strdup (new_row_village);
      return TRUE;
    }
  switch (change->entity)
    {
    case BF_ENTITY_TOWN:
    case BF_ENTITY_VILLAGE:
    case BF_ENTITY_UNIT:
    case BF_ENTITY_CADRE:
      out->kind = "all";
      return TRUE;
    case BF_ENTITY_CONFLICT:
      out->kind = "district";
      return TRUE;
    case BF_ENTITY_YEAR_LOCK:
      /* Every device learns a year is locked, so its own later edits are flagged at once. */
      out->kind = "all";
      return TRUE;
    case BF_ENTITY_HOUSEHOLD:
      village_sql = household_village_sql;
      break;
    case BF_ENTITY_MEMBER:
    case BF_ENTITY_PAIRING:
    case BF_ENTITY_VISIT:
    case BF_ENTITY_HOUSEHOLD_INCOME:
      if (!lookup_text (store, household_of_row_sql (change->entity), change->row_id,
                        &household_id, error))
        return FALSE;
      key = household_id;
      village_sql = household_village_sql;
      break;
    case BF_ENTITY_PAYMENT:
      village_sql = "SELECT coalesce(p.village_id, h.village_id) FROM payments p"
                    " LEFT JOIN households h ON h.id = p.household_id WHERE p.id = ?";
      break;
    case BF_ENTITY_VILLAGE_INCOME:
      village_sql = "SELECT village_id FROM village_incomes WHERE id = ?";
      break;
    case BF_ENTITY_INSPECTION:
      village_sql = "SELECT village_id FROM inspections WHERE id = ?";
      break;
    default:
      out->kind = "district";
      return TRUE;
    }
  out->kind = "village";
  if (key == NULL ||
      !(village_sql == household_village_sql
          ? household_village (store, key, &out->village_id, error)
          : lookup_text (store, village_sql, key, &out->village_id, error)))
    return key == NULL;
  if (out->village_id == NULL)
    out->kind = "district";   /* an orphan only the district can make sense of */
  return TRUE;
}

static gint64
log_append (BfStore *store, const BfChange *change, const char *account,
            const char *new_row_village, GError **error)
{
  g_autofree char *encoded = change->log_fields ? NULL : bf_change_fields_to_json (change);
  const char *fields = change->log_fields ? change->log_fields : encoded;
  RowScope scope;
  sqlite3_stmt *stmt;
  int rc;

  if (!row_scope (store, change, new_row_village, &scope, error))
    return 0;
  stmt = bf_store_prepare (store,
    "INSERT INTO hub_log (device, seq, hlc, clamped, author, entity, row_id, fields, scope,"
    " village_id, received_at, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    {
      g_free (scope.village_id);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, change->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, change->seq);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) change->hlc);
  sqlite3_bind_int (stmt, 4, change->clamped);
  sqlite3_bind_text (stmt, 5, change->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, bf_entity_def (change->entity)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, scope.kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, scope.village_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, bf_wall_clock_ms ());
  sqlite3_bind_text (stmt, 12, account, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  g_free (scope.village_id);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (store, _("saving a change"), error);
      return 0;
    }
  return sqlite3_last_insert_rowid (bf_store_db (store));
}

gint64
bf_hub_log_append (BfStore *store, const BfChange *change, const char *account, GError **error)
{
  return log_append (store, change, account, NULL, error);
}

static gboolean
device_mark (BfStore *store, const char *device, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, "SELECT max_seq FROM hub_devices WHERE device = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || bf_store_fail (store, _("reading sync state"), error);
}

static gboolean
set_device_mark (BfStore *store, const char *device, gint64 seq, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "INSERT INTO hub_devices (device, max_seq, last_seen) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (device) DO UPDATE SET max_seq = max (max_seq, ?2), last_seen = ?3", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, bf_wall_clock_ms ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

gboolean
bf_hub_accept_local (BfStore *store, BfChange *change, GError **error)
{
  /* The hub's own changes never pass through a push, so they need no high-water mark: their
   * sequence only has to be new, and the newest in the log says what is. */
  if (!bf_store_next_hub_seq (store, &change->seq, error))
    return FALSE;
  change->server_seq = 0;
  if (!bf_sync_apply_confirmed (store, change, FALSE, NULL, error))
    return FALSE;
  change->server_seq = bf_hub_log_append (store, change, NULL, error);
  return change->server_seq > 0;
}

/* A retried change: answer as the first time. */
static gboolean
earlier_result (BfStore *store, const BfChange *change, BfPushResult *result, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT server_seq FROM hub_log WHERE device = ? AND seq = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, change->seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      result->status = BF_PUSH_DUPLICATE;
      result->server_seq = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  stmt = bf_store_prepare (store, "SELECT reason FROM hub_rejections WHERE device = ? AND seq = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, change->seq);
  rc = sqlite3_step (stmt);
  result->status = BF_PUSH_REJECTED;
  result->reason = g_strdup (rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                              : _("Already received"));
  sqlite3_reset (stmt);
  return TRUE;
}

/* Whether the change may be applied: known fields, edits only to editable records, and the
 * record it makes passes every check a local edit would. The reason goes back to the user. */
/* The village a record belongs to, for the scope check; NULL for reference data. */
static char *
record_village (BfStore *store, BfEntityKind kind, gconstpointer record)
{
  const char *household_id = NULL;
  char *village = NULL;

  switch (kind)
    {
    case BF_ENTITY_HOUSEHOLD:
      return g_strdup (((const BfHousehold *) record)->village_id);
    case BF_ENTITY_MEMBER:
      household_id = ((const BfMember *) record)->household_id;
      break;
    case BF_ENTITY_PAIRING:
      household_id = ((const BfPairing *) record)->household_id;
      break;
    case BF_ENTITY_VISIT:
      household_id = ((const BfVisit *) record)->household_id;
      break;
    case BF_ENTITY_HOUSEHOLD_INCOME:
      household_id = ((const BfHouseholdIncome *) record)->household_id;
      break;
    case BF_ENTITY_PAYMENT:
      if (((const BfPayment *) record)->village_id != NULL)
        return g_strdup (((const BfPayment *) record)->village_id);
      household_id = ((const BfPayment *) record)->household_id;
      break;
    case BF_ENTITY_VILLAGE_INCOME:
      return g_strdup (((const BfVillageIncome *) record)->village_id);
    case BF_ENTITY_INSPECTION:
      return g_strdup (((const BfInspection *) record)->village_id);
    default:
      return NULL;
    }
  if (household_id != NULL)
    household_village (store, household_id, &village, NULL);
  return village;
}

/* What the writer may not do to this record, before and after the change (in @after_village,
 * as record_village() says); NULL if allowed. */
static char *
permission_refusal (BfStore *store, const BfChange *change, const BfHubWriter *writer,
                    gconstpointer before, gconstpointer after, const char *after_village)
{
  gconstpointer states[2] = { before, after };

  if (writer->device != NULL && g_strcmp0 (change->device_id, writer->device) != 0)
    return g_strdup (_("A device may only send its own changes"));
  if (change->entity == BF_ENTITY_CONFLICT)
    return writer->may_resolve ? NULL : g_strdup (_("Only district staff resolve conflicts"));
  if (change->entity == BF_ENTITY_YEAR_LOCK)
    return writer->may_resolve ? NULL : g_strdup (_("Only district staff lock a year"));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *village = NULL;
      g_autoptr(GError) error = NULL;

      if (states[i] == NULL)
        continue;
      village = states[i] == after ? g_strdup (after_village)
                                   : record_village (store, change->entity, states[i]);
      if (village == NULL)
        {
          if (!writer->may_edit_reference)
            return g_strdup_printf (_("Only district staff change the list of %s"),
                                    _(bf_entity_def (change->entity)->label));
          continue;
        }
      if (!bf_scope_covers_village (store, writer->scope, village, &error))
        return g_strdup (error ? error->message : _("This record is outside your area"));
    }
  return NULL;
}

/* Why a change sets a field its entity does not have, or NULL. */
static char *
unknown_field_refusal (const BfChange *change)
{
  const BfEntityDef *def = bf_entity_def (change->entity);

  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      if (bf_entity_field (def, field->name) == NULL &&
          (strcmp (field->name, BF_FIELD_DELETED) != 0 || def->append_only))
        return g_strdup_printf (_("A %s has no field “%s”"), _(def->label), field->name);
    }
  return NULL;
}

/* Sets the change's fields on @record and runs the record's own checks (those that need no
 * store): why they refuse it, or NULL. */
static char *
set_and_check (const BfChange *change, gpointer record, const BfCheckContext *context)
{
  const BfEntityDef *def = bf_entity_def (change->entity);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      const BfFieldDef *def_field = bf_entity_field (def, field->name);
      if (def_field != NULL && !bf_record_set_text (def_field, record, field->value, &error))
        return g_strdup (error->message);
    }
  if (!bf_record_check (change->entity, record, context, &error))
    return g_strdup (error->message);
  return NULL;
}

/* A new row with only its id, as a creation starts it. */
static gpointer
new_row_for (const BfChange *change)
{
  gpointer record = bf_record_new (change->entity);

  *(char **) record = g_strdup (change->row_id);
  return record;
}

/* A creation checked ahead (bf_hub_prepare_push), good for pushes with the same context. */
typedef struct {
  BfEntityKind    entity;
  const BfPolicy *policy;
  GDate           today;
  char           *unknown_field;   /* refused for a field the entity lacks: said first */
  char           *refusal;         /* refused by the row's own checks */
  gpointer        row;             /* else the row, checked */
} MergeAhead;

static void
merge_ahead_free (gpointer data)
{
  MergeAhead *ahead = data;

  g_free (ahead->unknown_field);
  g_free (ahead->refusal);
  bf_record_free (ahead->entity, ahead->row);
  g_free (ahead);
}

static const MergeAhead *
merge_ahead_for (const BfChange *change, const BfCheckContext *context)
{
  const MergeAhead *ahead = change->merge_ahead_free == merge_ahead_free ? change->merge_ahead : NULL;

  if (ahead == NULL || ahead->policy != context->policy ||
      g_date_compare (&ahead->today, &context->today) != 0)
    return NULL;
  return ahead;
}

/* Whether the change is a visit or payment created on a device, built and checked on the
 * pool: its row is taken as new without reading the store, and written only if it is
 * (bf_sync_apply_new_row). Reading whether it exists was 7 % of the merge of a push. */
static gboolean
may_assume_new (const BfChange *change, const MergeAhead *ahead)
{
  return ahead != NULL && ahead->row != NULL && bf_entity_def (change->entity)->append_only &&
         bf_change_is_creation (change);
}

/* Why the change is refused, or NULL. When it creates a row that did not exist (or, with
 * @assume_new, is taken as new: may_assume_new), *out_new_row gets the row as the change
 * makes it, checked — owned by the caller when it is also in *out_owned_row, else by the
 * change — and *out_new_row_village the row's village (NULL for reference data). */
static char *
refusal (BfStore *store, const BfChange *change, const BfHubWriter *writer,
         const BfCheckContext *context, gboolean assume_new, gconstpointer *out_new_row,
         gpointer *out_owned_row, char **out_new_row_village)
{
  const BfEntityDef *def = bf_entity_def (change->entity);
  const MergeAhead *ahead = merge_ahead_for (change, context);
  g_autoptr(GError) error = NULL;
  g_autofree char *after_village = NULL;
  gboolean creation, deleted = FALSE;
  gpointer record = NULL, before;
  gconstpointer row;
  char *reason = NULL;

  if (ahead != NULL && ahead->unknown_field != NULL)
    return g_strdup (ahead->unknown_field);
  if (ahead == NULL && (reason = unknown_field_refusal (change)) != NULL)
    return reason;
  creation = bf_change_is_creation (change);
  /* A merge (a household's merged_into, re-pointing its visits and payments) is district
   * staff's; re-pointing is the one edit of an append-only record accepted (bf-merge.c). */
  reason = bf_merge_refusal (store, change, writer == NULL || writer->may_resolve);
  if (reason != NULL)
    return reason;
  if (def->append_only && !creation && !bf_merge_is_repoint (store, change))
    return g_strdup_printf (_("A %s cannot be edited once saved; record a correction instead"),
                            _(def->label));

  /* A creation's row is nearly always new: no "not found" message made for it. */
  before = assume_new && may_assume_new (change, ahead)
    ? NULL
    : bf_store_get_any (store, change->entity, change->row_id, &deleted, creation ? NULL : &error);
  if (before == NULL && !creation)
    return g_strdup (error->message);
  g_clear_error (&error);
  if (before == NULL && ahead != NULL)
    {
      /* Built and checked on the pool already. */
      if (ahead->refusal != NULL)
        return g_strdup (ahead->refusal);
      row = ahead->row;
    }
  else
    {
      record = before == NULL ? new_row_for (change) : bf_record_copy (change->entity, before);
      reason = set_and_check (change, record, context);
      row = record;
    }
  if (reason == NULL && !bf_store_check_references (store, change->entity, row, &error))
    reason = g_strdup (error->message);
  if (reason == NULL && (writer != NULL || before == NULL))
    after_village = record_village (store, change->entity, row);
  if (reason == NULL && writer != NULL)
    reason = permission_refusal (store, change, writer, before, row, after_village);
  if (reason == NULL && before == NULL)
    {
      *out_new_row_village = g_steal_pointer (&after_village);
      *out_new_row = row;
      *out_owned_row = g_steal_pointer (&record);
    }
  bf_record_free (change->entity, record);
  bf_record_free (change->entity, before);
  return reason;
}

static gboolean
reject (BfStore *store, const BfChange *change, const char *reason, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "INSERT OR REPLACE INTO hub_rejections (device, seq, reason) VALUES (?, ?, ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, change->seq);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving sync state"), error);
}

/* Applies and logs an allowed change. With @out_existed, @new_row was taken as new without
 * reading the store: if the row exists after all, *out_existed is TRUE and nothing is written. */
static gboolean
accept (BfStore *store, BfChange *change, const char *account, gconstpointer new_row,
        const char *new_row_village, BfPushResult *result, gboolean *out_existed, GError **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  g_autoptr(BfHousehold) before = NULL;
  gboolean clamped = FALSE, applied = FALSE;
  gint64 now = bf_wall_clock_ms ();

  /* One bad clock must not win every merge forever: pull it back to the hub's time. */
  change->hlc = bf_hlc_clamp_received (change->hlc, now, BF_CLOCK_DEFAULT_MAX_DRIFT_MS, &clamped);
  change->clamped |= clamped;
  bf_clock_observe (bf_store_clock (store), change->hlc);
  if (!bf_merge_forward_prepare (store, change, &before, error))
    return FALSE;
  if (out_existed != NULL)
    {
      if (!bf_sync_apply_new_row (store, change, new_row, &applied, error))
        return FALSE;
      *out_existed = !applied;
      if (!applied)
        return TRUE;
    }
  else if (!bf_sync_apply_confirmed_built (store, change, new_row, TRUE, conflicts, error))
    return FALSE;
  result->server_seq = log_append (store, change, account, new_row_village, error);
  if (result->server_seq == 0)
    return FALSE;
  result->status = BF_PUSH_ACCEPTED;
  for (guint i = 0; i < conflicts->len; i++)
    {
      BfConflict *conflict = g_ptr_array_index (conflicts, i);
      gboolean ok = bf_conflict_insert (store, conflict, error);
      bf_conflict_free (conflict);
      if (!ok)
        {
          for (guint j = i + 1; j < conflicts->len; j++)
            bf_conflict_free (g_ptr_array_index (conflicts, j));
          return FALSE;
        }
    }
  /* A late change for a merged household goes on to the one that stands for it. */
  return bf_merge_forward (store, change, before, error);
}

/* Refuses or accepts one change, answering in @result. A visit or payment checked as new
 * (may_assume_new) that exists after all is checked again, reading the row. */
static gboolean
merge_change (BfStore *hub, BfChange *change, const BfHubWriter *writer,
              const BfCheckContext *context, BfPushResult *result, GError **error)
{
  gboolean assume_new = TRUE;

  for (;;)
    {
      g_autofree char *reason = NULL;
      g_autofree char *new_row_village = NULL;
      gconstpointer new_row = NULL;
      gpointer owned_row = NULL;
      gboolean accepted, assumed, existed = FALSE;

      reason = refusal (hub, change, writer, context, assume_new, &new_row, &owned_row,
                        &new_row_village);
      if (reason != NULL)
        {
          result->status = BF_PUSH_REJECTED;
          result->reason = g_strdup (reason);
          return reject (hub, change, reason, error);
        }
      assumed = assume_new && may_assume_new (change, merge_ahead_for (change, context));
      accepted = accept (hub, change, writer ? writer->account : NULL, new_row, new_row_village,
                         result, assumed ? &existed : NULL, error);
      bf_record_free (change->entity, owned_row);
      if (!accepted || !existed)
        return accepted;
      assume_new = FALSE;
    }
}

void
bf_hub_prepare_push (BfBatch *batch, const BfPolicy *policy)
{
  BfCheckContext context = { policy };

  bf_today (&context.today);
  for (guint i = 0; i < batch->changes->len; i++)
    {
      BfChange *change = g_ptr_array_index (batch->changes, i);
      MergeAhead *ahead;

      bf_change_encode_fields (change);
      if (!bf_change_is_creation (change) || change->merge_ahead != NULL)
        continue;
      ahead = g_new0 (MergeAhead, 1);
      ahead->entity = change->entity;
      ahead->policy = policy;
      ahead->today = context.today;
      ahead->unknown_field = unknown_field_refusal (change);
      if (ahead->unknown_field == NULL)
        {
          ahead->row = new_row_for (change);
          ahead->refusal = set_and_check (change, ahead->row, &context);
          if (ahead->refusal != NULL)
            {
              bf_record_free (change->entity, ahead->row);
              ahead->row = NULL;
            }
        }
      change->merge_ahead = ahead;
      change->merge_ahead_free = merge_ahead_free;
    }
}

BfPushResponse *
bf_hub_push (BfStore *hub, const BfBatch *batch, GError **error)
{
  return bf_hub_push_as (hub, batch, NULL, error);
}

BfPushResponse *
bf_hub_push_as (BfStore *hub, const BfBatch *batch, const BfHubWriter *writer, GError **error)
{
  g_autoptr(BfPushResponse) response = bf_push_response_new ();
  g_autoptr(GHashTable) marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) stalled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer marked_device;
  gint64 *moved;
  BfCheckContext context;

  if (!bf_store_is_hub (hub))
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL, _("This database is not a hub"));
      return NULL;
    }
  if (!bf_store_begin (hub, error))
    return NULL;
  /* Today, for the checks: once for the push, not once for every change. */
  bf_store_get_check_context (hub, &context);
  for (guint i = 0; i < batch->changes->len; i++)
    {
      /* accept() pulls a fast clock back: on a copy, not in the caller's batch. A shallow one:
       * nothing here frees or replaces what the change points to. */
      BfChange copy = *(const BfChange *) g_ptr_array_index (batch->changes, i);
      BfChange *change = &copy;
      gint64 *mark = g_hash_table_lookup (marks, change->device_id);
      BfPushResult *result;

      if (g_hash_table_contains (stalled, change->device_id))
        continue;
      if (mark == NULL)
        {
          /* [0]: the device's mark as the batch moves it on; [1]: as it was read. */
          mark = g_new0 (gint64, 2);
          if (!device_mark (hub, change->device_id, mark, error))
            {
              g_free (mark);
              goto fail;
            }
          mark[1] = mark[0];
          g_hash_table_insert (marks, g_strdup (change->device_id), mark);
        }
      if (change->seq > *mark + 1)
        {
          /* A change after a gap waits for the missing ones: the device resends from its
           * oldest unacknowledged change. */
          g_hash_table_add (stalled, g_strdup (change->device_id));
          continue;
        }
      result = g_new0 (BfPushResult, 1);
      result->device_id = g_strdup (change->device_id);
      result->seq = change->seq;
      g_ptr_array_add (response->results, result);
      if (change->seq <= *mark)
        {
          if (!earlier_result (hub, change, result, error))
            goto fail;
          continue;
        }
      bf_sync_memo_follow (hub, change);
      if (!merge_change (hub, change, writer, &context, result, error))
        goto fail;
      *mark = change->seq;
    }
  bf_store_memo_stop (hub);
  /* The high-water marks go in with the changes they cover, in the same transaction. */
  g_hash_table_iter_init (&iter, marks);
  while (g_hash_table_iter_next (&iter, &marked_device, (gpointer *) &moved))
    if (moved[0] != moved[1] && !set_device_mark (hub, marked_device, moved[0], error))
      goto fail;
  if (!bf_store_save_clock (hub, error) || !bf_store_commit (hub, error))
    return NULL;
  response->server_time_ms = bf_wall_clock_ms ();
  return g_steal_pointer (&response);

fail:
  bf_store_memo_stop (hub);
  bf_store_rollback (hub);
  return NULL;
}

gboolean
bf_scope_covers_village (BfStore *store, const BfScope *scope, const char *village_id,
                         GError **error)
{
  g_autofree char *town_id = NULL;

  if (scope->district)
    return TRUE;
  for (guint i = 0; i < scope->village_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (scope->village_ids, i), village_id) == 0)
      return TRUE;
  if (!village_town (store, village_id, &town_id, error))
    return FALSE;
  for (guint i = 0; i < scope->town_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (scope->town_ids, i), town_id) == 0)
      return TRUE;
  g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_REFERENCE,
               _("This record belongs to a village outside your area"));
  return FALSE;
}
