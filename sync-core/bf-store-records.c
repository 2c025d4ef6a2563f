/* bf-store-records.c: insert, get, update and list for every entity, from the field tables. */
#include "bf-config.h"
#include "bf-store-private.h"

#include <glib/gi18n-lib.h>

#include "bf-uuid.h"

#define FIELD_PTR(record, field) ((char *) (record) + (field)->offset)

static void
bind_field (sqlite3_stmt *stmt, int index, const BfFieldDef *field, gconstpointer record)
{
  switch (field->type)
    {
    case BF_FIELD_INT:
    case BF_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, *(const int *) FIELD_PTR (record, field));
      break;
    case BF_FIELD_MONEY:
    case BF_FIELD_INT64:
      sqlite3_bind_int64 (stmt, index, *(const gint64 *) FIELD_PTR (record, field));
      break;
    case BF_FIELD_ENUM:
    case BF_FIELD_FLAGS:
      {
        char *text = bf_record_get_text (field, record);
        sqlite3_bind_text (stmt, index, text ? text : "", -1, g_free);
        break;
      }
    default:
      {
        const char *text = *(char * const *) FIELD_PTR (record, field);
        /* Not copied: every caller steps and resets the statement while @record lives. */
        if (text == NULL)
          sqlite3_bind_null (stmt, index);
        else
          sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
      }
    }
}

/* Reads columns 0 (id) .. n_fields into a new record. Stored values were checked on the way
 * in, so a form error here means the file was edited behind our back: report it, don't guess. */
static gpointer
read_record (const BfEntityDef *def, sqlite3_stmt *stmt, GError **error)
{
  gpointer record = bf_record_new (def->kind);

  *(char **) record = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  for (guint i = 0; i < def->n_fields; i++)
    {
      const BfFieldDef *field = &def->fields[i];
      int column = (int) i + 1;

      switch (field->type)
        {
        case BF_FIELD_INT:
        case BF_FIELD_BOOL:
          *(int *) FIELD_PTR (record, field) = sqlite3_column_int (stmt, column);
          break;
        case BF_FIELD_MONEY:
        case BF_FIELD_INT64:
          *(gint64 *) FIELD_PTR (record, field) = sqlite3_column_int64 (stmt, column);
          break;
        default:
          if (sqlite3_column_type (stmt, column) != SQLITE_NULL &&
              !bf_record_set_text (field, record, (const char *) sqlite3_column_text (stmt, column),
                                   error))
            {
              bf_record_free (def->kind, record);
              return NULL;
            }
        }
    }
  return record;
}

/* SELECT id, every field, deleted FROM table WHERE …: column n_fields + 1 is the tombstone. */
static char *
select_sql (const BfEntityDef *def, const char *where, gboolean with_deleted)
{
  GString *sql = g_string_new ("SELECT id");

  for (guint i = 0; i < def->n_fields; i++)
    g_string_append_printf (sql, ", %s", def->fields[i].name);
  g_string_append_printf (sql, ", deleted FROM %s WHERE ", def->table);
  g_string_append (sql, with_deleted ? "1" : "deleted = 0");
  if (where != NULL)
    g_string_append_printf (sql, " AND %s", where);
  g_string_append (sql, " ORDER BY id");
  return g_string_free (sql, FALSE);
}

/* The statements that read one row by id, built once per entity: statements are cached by
 * their text, and printing it for every change was a tenth of the hub's work on a push. */
enum { BY_ID_EXISTS, BY_ID_STATE, BY_ID_ANY, BY_ID_LIVE, N_BY_ID };

static const char *
by_id_sql (const BfEntityDef *def, guint which)
{
  static gsize cache[N_BY_ID][BF_N_ENTITIES];
  gsize *slot = &cache[which][def->kind];

  if (g_once_init_enter (slot))
    {
      char *sql = which == BY_ID_EXISTS ? g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", def->table)
                : which == BY_ID_STATE ? g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?", def->table)
                : select_sql (def, "id = ?", which == BY_ID_ANY);
      g_once_init_leave (slot, (gsize) sql);
    }
  return (const char *) *slot;
}

/* Reference data a run of visits and payments cannot create or remove (see bf_store_memo_start). */
static gboolean
is_reference_data (BfEntityKind kind)
{
  switch (kind)
    {
    case BF_ENTITY_TOWN:
    case BF_ENTITY_VILLAGE:
    case BF_ENTITY_UNIT:
    case BF_ENTITY_CADRE:
    case BF_ENTITY_HOUSEHOLD:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
reference_exists (BfStore *store, BfEntityKind kind, const char *id, gboolean *out_exists,
                  GError **error)
{
  const char *sql = by_id_sql (bf_entity_def (kind), BY_ID_EXISTS);
  sqlite3_stmt *stmt;
  int rc;

  if (is_reference_data (kind))
    {
      g_autofree char *found = NULL;
      if (!bf_store_query_text_memo (store, sql, id, &found, error))
        return FALSE;
      *out_exists = found != NULL;
      return TRUE;
    }
  stmt = bf_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return bf_store_fail (store, _("checking a reference"), error);
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Foreign keys would catch a dangling reference too, but could not say which field. */
gboolean
bf_store_check_references (BfStore *store, BfEntityKind kind, gconstpointer record,
                           GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);

  for (guint i = 0; i < def->n_fields; i++)
    {
      const BfFieldDef *field = &def->fields[i];
      const char *target;
      gboolean exists = FALSE;

      if (field->type != BF_FIELD_REF)
        continue;
      target = *(char * const *) FIELD_PTR (record, field);
      if (target == NULL)
        continue;
      if (!reference_exists (store, field->ref, target, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_REFERENCE,
                       _("%s: there is no %s with id “%s”"), _(field->label),
                       _(bf_entity_def (field->ref)->label), target);
          return FALSE;
        }
    }
  return TRUE;
}

/* How a whole record is written. An update is an upsert, not INSERT OR REPLACE: replacing
 * deletes the row first, which foreign keys from its children would refuse. */
typedef enum {
  WRITE_INSERT,      /* a new row; an existing id is an error */
  WRITE_UPSERT,      /* a new row, or every field of the existing one */
  WRITE_IF_ABSENT,   /* a new row, or nothing when the id exists (a pulled creation) */
  N_WRITE_MODES
} WriteMode;

/* The INSERT for an entity, built once per entity and mode: statements are cached by their
 * text, and building the text for every row was a tenth of applying a pull. */
static const char *
insert_sql (const BfEntityDef *def, WriteMode mode)
{
  static gsize cache[BF_N_ENTITIES][N_WRITE_MODES];
  gsize *slot = &cache[def->kind][mode];

  if (g_once_init_enter (slot))
    {
      GString *sql = g_string_new ("INSERT INTO ");

      g_string_append_printf (sql, "%s (id", def->table);
      for (guint i = 0; i < def->n_fields; i++)
        g_string_append_printf (sql, ", %s", def->fields[i].name);
      g_string_append (sql, ", deleted) VALUES (?");
      for (guint i = 0; i <= def->n_fields; i++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
      if (mode == WRITE_UPSERT)
        {
          g_string_append (sql, " ON CONFLICT (id) DO UPDATE SET ");
          for (guint i = 0; i < def->n_fields; i++)
            g_string_append_printf (sql, "%s%s = excluded.%s", i ? ", " : "", def->fields[i].name,
                                    def->fields[i].name);
        }
      else if (mode == WRITE_IF_ABSENT)
        g_string_append (sql, " ON CONFLICT (id) DO NOTHING");
      g_once_init_leave (slot, (gsize) g_string_free (sql, FALSE));
    }
  return (const char *) *slot;
}

static gboolean
write_record (BfStore *store, const BfEntityDef *def, gconstpointer record, WriteMode mode,
              gboolean deleted, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bf_store_prepare (store, insert_sql (def, mode), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bf_record_id (record), -1, SQLITE_STATIC);
  for (guint i = 0; i < def->n_fields; i++)
    bind_field (stmt, (int) i + 2, &def->fields[i], record);
  sqlite3_bind_int (stmt, (int) def->n_fields + 2, deleted);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL,
                       _("%s “%s” already exists"), _(def->label), bf_record_id (record));
          return FALSE;
        }
      return bf_store_fail (store, _("saving a record"), error);
    }
  return TRUE;
}

/* The change that creates @record: every field, no bases. */
static BfChange *
creation_change (const BfEntityDef *def, gconstpointer record)
{
  BfChange *change = bf_change_new (NULL, 0, 0, def->kind, bf_record_id (record));

  for (guint i = 0; i < def->n_fields; i++)
    {
      g_autofree char *text = bf_record_get_text (&def->fields[i], record);
      bf_change_add_field (change, def->fields[i].name, text, NULL);
    }
  return change;
}

gboolean
bf_store_insert_unlogged (BfStore *store, BfEntityKind kind, gconstpointer record,
                          gboolean deleted, GError **error)
{
  return write_record (store, bf_entity_def (kind), record, WRITE_INSERT, deleted, error);
}

gboolean
bf_store_insert_unlogged_if_absent (BfStore *store, BfEntityKind kind, gconstpointer record,
                                    gboolean deleted, gboolean *out_inserted, GError **error)
{
  if (!write_record (store, bf_entity_def (kind), record, WRITE_IF_ABSENT, deleted, error))
    return FALSE;
  *out_inserted = sqlite3_changes (bf_store_db (store)) > 0;
  return TRUE;
}

gboolean
bf_store_insert (BfStore *store, BfEntityKind kind, gpointer record, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  g_autoptr(BfChange) change = NULL;
  BfCheckContext context;

  if (bf_record_id (record) == NULL)
    *(char **) record = bf_uuid_random ();
  bf_store_get_check_context (store, &context);
  if (!bf_record_check (kind, record, &context, error) ||
      !bf_store_check_references (store, kind, record, error))
    return FALSE;
  /* The row and its change-log entry commit together or not at all. */
  change = creation_change (def, record);
  if (!bf_store_begin (store, error))
    return FALSE;
  if (!write_record (store, def, record, WRITE_INSERT, FALSE, error) ||
      !bf_sync_log_local (store, change, error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  return bf_store_commit (store, error);
}

static gpointer
get_row (BfStore *store, BfEntityKind kind, const char *id, gboolean with_deleted,
         gboolean *out_deleted, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  sqlite3_stmt *stmt = bf_store_prepare (store, by_id_sql (def, with_deleted ? BY_ID_ANY : BY_ID_LIVE),
                                         error);
  gpointer record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = read_record (def, stmt, error);
      if (out_deleted != NULL)
        *out_deleted = sqlite3_column_int (stmt, (int) def->n_fields + 1) != 0;
    }
  else if (rc == SQLITE_DONE && error != NULL)
    g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND, _("There is no %s with id “%s”"),
                 _(def->label), id);
  else
    bf_store_fail (store, _("reading a record"), error);
  sqlite3_reset (stmt);
  return record;
}

gpointer
bf_store_get (BfStore *store, BfEntityKind kind, const char *id, GError **error)
{
  return get_row (store, kind, id, FALSE, NULL, error);
}

gpointer
bf_store_get_any (BfStore *store, BfEntityKind kind, const char *id, gboolean *out_deleted,
                  GError **error)
{
  return get_row (store, kind, id, TRUE, out_deleted, error);
}

gboolean
bf_store_update_field (BfStore *store, BfEntityKind kind, const char *id, const char *field_name,
                       const char *text, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  const BfFieldDef *field = bf_entity_field (def, field_name);
  g_autoptr(BfChange) change = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *base = NULL;
  BfCheckContext context;
  gpointer record;
  gboolean ok;

  if (field == NULL)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNKNOWN_FIELD,
                   _("A %s has no field “%s”"), _(def->label), field_name);
      return FALSE;
    }
  if (def->append_only)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY,
                   _("A %s cannot be edited once saved; record a correction instead"),
                   _(def->label));
      return FALSE;
    }
  record = bf_store_get (store, kind, id, error);
  if (record == NULL)
    return FALSE;
  bf_store_get_check_context (store, &context);
  /* The whole record is checked with the new value: rules can span fields. */
  ok = bf_record_set_text (field, record, text, error) &&
       bf_record_check (kind, record, &context, error) &&
       bf_store_check_references (store, kind, record, error);
  if (ok)
    {
      canonical = bf_record_get_text (field, record);
      ok = bf_store_begin (store, error);
    }
  if (ok)
    {
      ok = bf_sync_keep_shadow (store, kind, id, field_name, error) &&
           (base = bf_sync_local_base (store, kind, id, field_name, error), TRUE) &&
           write_record (store, def, record, WRITE_UPSERT, FALSE, error);
      if (ok)
        {
          change = bf_change_new (NULL, 0, 0, kind, id);
          bf_change_add_field (change, field_name, canonical, base);
          ok = bf_sync_log_local (store, change, error);
        }
      if (ok)
        ok = bf_store_commit (store, error);
      else
        bf_store_rollback (store);
    }
  bf_record_free (kind, record);
  return ok;
}

gboolean
bf_store_delete (BfStore *store, BfEntityKind kind, const char *id, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  g_autoptr(BfChange) change = NULL;
  g_autofree char *base = NULL;
  gpointer record;

  if (def->append_only)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY,
                   _("A %s cannot be deleted; void it with a reason instead"), _(def->label));
      return FALSE;
    }
  record = bf_store_get (store, kind, id, error);
  if (record == NULL)
    return FALSE;
  bf_record_free (kind, record);
  if (!bf_store_begin (store, error))
    return FALSE;
  if (!bf_sync_keep_shadow (store, kind, id, BF_FIELD_DELETED, error) ||
      !bf_store_write_field_text (store, kind, id, BF_FIELD_DELETED, "true", error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  base = bf_sync_local_base (store, kind, id, BF_FIELD_DELETED, error);
  change = bf_change_new (NULL, 0, 0, kind, id);
  bf_change_add_field (change, BF_FIELD_DELETED, "true", base);
  if (!bf_sync_log_local (store, change, error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  return bf_store_commit (store, error);
}

/* A voiding entry copies what it cancels (so it is complete on its own) and says why. */
gboolean
bf_store_void (BfStore *store, BfEntityKind kind, const char *id, const char *reason,
               char **out_void_id, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  const BfFieldDef *voids = bf_entity_field (def, "voids_id");
  const BfFieldDef *why = bf_entity_field (def, "void_reason");
  gpointer entry;
  gboolean ok;

  g_return_val_if_fail (voids != NULL && why != NULL, FALSE);
  entry = bf_store_get (store, kind, id, error);
  if (entry == NULL)
    return FALSE;
  if (*(char **) ((char *) entry + voids->offset) != NULL)
    {
      bf_record_free (kind, entry);
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY,
                   _("“%s” is itself a voiding entry and cannot be voided"), id);
      return FALSE;
    }
  g_clear_pointer ((char **) entry, g_free);
  ok = bf_record_set_text (voids, entry, id, error) &&
       bf_record_set_text (why, entry, reason, error) &&
       bf_store_insert (store, kind, entry, error);
  if (ok && out_void_id != NULL)
    *out_void_id = g_strdup (bf_record_id (entry));
  bf_record_free (kind, entry);
  return ok;
}

static void
bind_field_text (sqlite3_stmt *stmt, int index, const BfFieldDef *field, const char *text)
{
  if (text == NULL)
    {
      if (field != NULL && (field->type == BF_FIELD_ENUM || field->type == BF_FIELD_FLAGS))
        sqlite3_bind_text (stmt, index, "", -1, SQLITE_STATIC);
      else if (field != NULL && (field->type == BF_FIELD_INT || field->type == BF_FIELD_BOOL ||
                                 field->type == BF_FIELD_MONEY || field->type == BF_FIELD_INT64))
        sqlite3_bind_int (stmt, index, 0);
      else
        sqlite3_bind_null (stmt, index);
      return;
    }
  if (field == NULL || field->type == BF_FIELD_BOOL)
    sqlite3_bind_int (stmt, index, g_strcmp0 (text, "true") == 0);
  else if (field->type == BF_FIELD_INT || field->type == BF_FIELD_MONEY ||
           field->type == BF_FIELD_INT64)
    sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (text, NULL, 10));
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

gboolean
bf_store_write_field_text (BfStore *store, BfEntityKind kind, const char *row_id,
                           const char *field_name, const char *text, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  const BfFieldDef *field = bf_entity_field (def, field_name);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (field == NULL && g_strcmp0 (field_name, BF_FIELD_DELETED) != 0)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNKNOWN_FIELD,
                   _("A %s has no field “%s”"), _(def->label), field_name);
      return FALSE;
    }
  sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", def->table,
                         field ? field->name : BF_FIELD_DELETED);
  stmt = bf_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_field_text (stmt, 1, field, text);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving a record"), error);
}

gboolean
bf_store_row_state (BfStore *store, BfEntityKind kind, const char *row_id, gboolean *out_found,
                    gboolean *out_deleted, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, by_id_sql (bf_entity_def (kind), BY_ID_STATE),
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_found = rc == SQLITE_ROW;
  *out_deleted = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || bf_store_fail (store, _("reading a record"), error);
}

gboolean
bf_store_read_field_text (BfStore *store, BfEntityKind kind, const char *row_id,
                          const char *field_name, char **out_text, gboolean *out_found,
                          GError **error)
{
  gboolean deleted = FALSE;
  g_autoptr(GError) local_error = NULL;
  gpointer record = bf_store_get_any (store, kind, row_id, &deleted, &local_error);
  const BfFieldDef *field;

  *out_text = NULL;
  *out_found = record != NULL;
  if (record == NULL)
    {
      if (g_error_matches (local_error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  field = bf_entity_field (bf_entity_def (kind), field_name);
  if (field != NULL)
    *out_text = bf_record_get_text (field, record);
  else
    *out_text = g_strdup (deleted ? "true" : "false");
  bf_record_free (kind, record);
  return TRUE;
}

GPtrArray *
bf_store_list (BfStore *store, BfEntityKind kind, const char *field_name, const char *value,
               GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (bf_record_free_func (kind));
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (field_name != NULL)
    {
      if (bf_entity_field (def, field_name) == NULL && g_strcmp0 (field_name, "id") != 0)
        {
          g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNKNOWN_FIELD,
                       _("A %s has no field “%s”"), _(def->label), field_name);
          return NULL;
        }
      where = g_strdup_printf ("%s IS ?", field_name);
    }
  sql = select_sql (def, where, FALSE);
  stmt = bf_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  if (field_name != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer record = read_record (def, stmt, error);
      if (record == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (store, _("listing records"), error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

gint64
bf_store_count (BfStore *store, BfEntityKind kind, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0",
                                          bf_entity_def (kind)->table);
  gint64 n = -1;

  if (!bf_store_query_int64 (store, sql, &n, error))
    return -1;
  return n;
}
