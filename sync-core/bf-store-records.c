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
        if (text == NULL)
          sqlite3_bind_null (stmt, index);
        else
          sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
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

static char *
select_sql (const BfEntityDef *def, const char *where)
{
  GString *sql = g_string_new ("SELECT id");

  for (guint i = 0; i < def->n_fields; i++)
    g_string_append_printf (sql, ", %s", def->fields[i].name);
  g_string_append_printf (sql, " FROM %s", def->table);
  if (where != NULL)
    g_string_append_printf (sql, " WHERE %s", where);
  g_string_append (sql, " ORDER BY id");
  return g_string_free (sql, FALSE);
}

static gboolean
reference_exists (BfStore *store, BfEntityKind kind, const char *id, gboolean *out_exists,
                  GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?",
                                          bf_entity_def (kind)->table);
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  int rc;

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
static gboolean
check_references (BfStore *store, const BfEntityDef *def, gconstpointer record, GError **error)
{
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

static gboolean
write_record (BfStore *store, const BfEntityDef *def, gconstpointer record, gboolean replace,
              GError **error)
{
  g_autoptr(GString) sql = g_string_new (replace ? "INSERT OR REPLACE INTO " : "INSERT INTO ");
  sqlite3_stmt *stmt;
  int rc;

  g_string_append_printf (sql, "%s (id", def->table);
  for (guint i = 0; i < def->n_fields; i++)
    g_string_append_printf (sql, ", %s", def->fields[i].name);
  g_string_append (sql, ") VALUES (?");
  for (guint i = 0; i < def->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  stmt = bf_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bf_record_id (record), -1, SQLITE_STATIC);
  for (guint i = 0; i < def->n_fields; i++)
    bind_field (stmt, (int) i + 2, &def->fields[i], record);
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

gboolean
bf_store_insert (BfStore *store, BfEntityKind kind, gpointer record, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  BfCheckContext context;

  if (bf_record_id (record) == NULL)
    *(char **) record = bf_uuid_random ();
  bf_store_get_check_context (store, &context);
  if (!bf_record_check (kind, record, &context, error) ||
      !check_references (store, def, record, error))
    return FALSE;
  return write_record (store, def, record, FALSE, error);
}

gpointer
bf_store_get (BfStore *store, BfEntityKind kind, const char *id, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  g_autofree char *sql = select_sql (def, "id = ?");
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  gpointer record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (def, stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND, _("There is no %s with id “%s”"),
                 _(def->label), id);
  else
    bf_store_fail (store, _("reading a record"), error);
  sqlite3_reset (stmt);
  return record;
}

gboolean
bf_store_update_field (BfStore *store, BfEntityKind kind, const char *id, const char *field_name,
                       const char *text, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  const BfFieldDef *field = bf_entity_field (def, field_name);
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
       check_references (store, def, record, error) &&
       write_record (store, def, record, TRUE, error);
  bf_record_free (kind, record);
  return ok;
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
  sql = select_sql (def, where);
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
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", bf_entity_def (kind)->table);
  gint64 n = -1;

  if (!bf_store_query_int64 (store, sql, &n, error))
    return -1;
  return n;
}
