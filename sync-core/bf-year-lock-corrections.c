/* bf-year-lock-corrections.c: changes that touched a locked year after its lock.
 *
 * Flagged as they are written (a device's own edit) and as they are merged (every change the
 * hub orders, on the hub and on each device in the hub's order), so the list needs no scan of
 * history and is the same wherever the changes are. Comparing a change's HLC with the lock's
 * time was the other option; it is not robust: a cadre's offline edit made before the lock but
 * arriving after it is missing from the frozen figures all the same, and clocks drift.
 */
#include "bf-config.h"
#include "bf-year-lock.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-sync-private.h"

void
bf_correction_free (BfCorrection *correction)
{
  if (correction == NULL)
    return;
  g_free (correction->device);
  g_free (correction->entity);
  g_free (correction->row_id);
  g_free (correction->fields);
  g_free (correction->author);
  g_free (correction);
}

/* The field's value: from the change when it sets it, else from the stored row. */
static gboolean
field_value (BfStore *store, const BfChange *change, const char *name, char **out,
             GError **error)
{
  const BfFieldChange *field = bf_change_get_field (change, name);
  gboolean found = FALSE;

  if (field != NULL)
    {
      *out = g_strdup (field->value);
      return TRUE;
    }
  return bf_store_read_field_text (store, change->entity, change->row_id, name, out, &found, error);
}

/* The year a change touches, 0 for none. */
static gboolean
touched_year (BfStore *store, const BfChange *change, int *out_year, GError **error)
{
  g_autofree char *text = NULL;
  const char *name;

  *out_year = 0;
  switch (change->entity)
    {
    case BF_ENTITY_VISIT:
    case BF_ENTITY_PAYMENT:
    case BF_ENTITY_INSPECTION:
      name = "date";
      break;
    case BF_ENTITY_HOUSEHOLD_INCOME:
    case BF_ENTITY_VILLAGE_INCOME:
      name = "year";
      break;
    case BF_ENTITY_HOUSEHOLD:
      /* Only what decides an exit: the exit year itself, the status, a deletion. */
      if (bf_change_get_field (change, "exit_year") == NULL &&
          bf_change_get_field (change, "status") == NULL &&
          bf_change_get_field (change, BF_FIELD_DELETED) == NULL)
        return TRUE;
      name = "exit_year";
      break;
    default:
      return TRUE;
    }
  if (!field_value (store, change, name, &text, error))
    return FALSE;
  if (text != NULL && strlen (text) >= 4)
    *out_year = (int) g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

/* A literal of its own: the look-up memo knows statements by address. */
static const char year_locked_sql[] =
  "SELECT 1 FROM year_locks WHERE year = CAST (?1 AS INTEGER) AND deleted = 0";

static gboolean
year_is_locked (BfStore *store, int year, gboolean *out_locked, GError **error)
{
  g_autofree char *found = NULL;
  char key[16];

  g_snprintf (key, sizeof key, "%d", year);
  if (!bf_store_query_text_memo (store, year_locked_sql, key, &found, error))
    return FALSE;
  *out_locked = found != NULL;
  return TRUE;
}

gboolean
bf_year_lock_note_change (BfStore *store, const BfChange *change, gboolean ordered,
                          GError **error)
{
  g_autofree char *fields = NULL;
  gboolean locked = FALSE;
  sqlite3_stmt *stmt;
  int year = 0, rc;

  if (!touched_year (store, change, &year, error))
    return FALSE;
  if (year == 0)
    return TRUE;
  if (!year_is_locked (store, year, &locked, error))
    return FALSE;
  if (!locked)
    return TRUE;
  fields = bf_change_fields_to_json (change);
  /* A device's own edit comes back from the hub ordered: the same row, now confirmed. */
  stmt = bf_store_prepare (store,
    "INSERT INTO corrections (device, seq, year, entity, row_id, fields, author, hlc, ordered)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device, seq, year) DO UPDATE SET"
    " ordered = max (ordered, excluded.ordered), hlc = excluded.hlc", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, change->seq);
  sqlite3_bind_int (stmt, 3, year);
  sqlite3_bind_text (stmt, 4, bf_entity_def (change->entity)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, change->author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, (sqlite3_int64) change->hlc);
  sqlite3_bind_int (stmt, 9, ordered);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving a correction"), error);
}

GPtrArray *
bf_corrections_list (BfStore *store, int year, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_correction_free);
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT device, seq, year, entity, row_id, fields, author, hlc, ordered FROM corrections"
    " WHERE year = ? ORDER BY hlc, device, seq", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfCorrection *correction = g_new0 (BfCorrection, 1);
      correction->device = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      correction->seq = sqlite3_column_int64 (stmt, 1);
      correction->year = sqlite3_column_int (stmt, 2);
      correction->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      correction->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      correction->fields = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      correction->author = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      correction->hlc = sqlite3_column_int64 (stmt, 7);
      correction->ordered = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (list, correction);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (store, _("reading corrections"), error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
bf_corrections_count (BfStore *store, int year, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, "SELECT count(*) FROM corrections WHERE year = ?",
                                         error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, year);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    bf_store_fail (store, _("reading corrections"), error);
  sqlite3_reset (stmt);
  return n;
}
