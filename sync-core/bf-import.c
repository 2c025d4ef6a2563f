/* bf-import.c: a register checked as a whole, then written in one transaction.
 *
 * Rows are grouped into households by the head's ID number. The checks across rows live here:
 * an ID number twice in the file, an ID number that belongs to someone of another household in
 * the ledger, a member whose head is nowhere, 家庭人口 against the rows, and a household whose
 * head's row is bad taking its members' rows down with it. The same walk over the groups
 * previews (dry run) and applies, so the counts a dry run prints are the ones an import makes.
 */
#include "bf-config.h"
#include "bf-import-private.h"
#include "bf-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct {
  char        *key;       /* the head's ID number */
  BfImportRow *head;      /* NULL: only members, for a household already in the ledger */
  GPtrArray   *members;   /* BfImportRow*, borrowed from the import's rows */
} Group;

struct _BfImport {
  const char *encoding;
  GPtrArray  *rows;       /* BfImportRow*, in file order */
  GPtrArray  *groups;     /* Group*, in order of first appearance */
  GPtrArray  *problems;   /* BfImportProblem* */
  GPtrArray  *warnings;
};

static void
problem_free (gpointer data)
{
  BfImportProblem *problem = data;
  g_free (problem->message);
  g_free (problem);
}

static void
group_free (gpointer data)
{
  Group *group = data;
  g_free (group->key);
  g_ptr_array_unref (group->members);
  g_free (group);
}

void
bf_import_free (BfImport *import)
{
  if (import == NULL)
    return;
  g_ptr_array_unref (import->groups);
  g_ptr_array_unref (import->rows);
  g_ptr_array_unref (import->problems);
  g_ptr_array_unref (import->warnings);
  g_free (import);
}

const char *
bf_import_encoding (const BfImport *import)
{
  return import->encoding;
}

GPtrArray *
bf_import_problems (const BfImport *import)
{
  return import->problems;
}

GPtrArray *
bf_import_warnings (const BfImport *import)
{
  return import->warnings;
}

static void
row_problem (BfImportRow *row, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
row_problem (BfImportRow *row, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (row->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The household whose head has this ID number, or NULL. Written as `id_number = ?` so that
 * SQLite uses the partial index on members' ID numbers (the generic list's `IS ?` cannot):
 * without it a register of 5,000 households scans every member once per row. */
static gboolean
find_household (BfStore *store, const char *key, char **out_id, GError **error)
{
  return bf_store_query_text (store, out_id, error,
                              "SELECT household_id FROM members WHERE id_number = ? AND relation = 'head'"
                              " AND deleted = 0 ORDER BY id LIMIT 1", key, NULL);
}

static Group *
group_for (GPtrArray *groups, GHashTable *by_key, const char *key)
{
  Group *group = g_hash_table_lookup (by_key, key);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->key = g_strdup (key);
      group->members = g_ptr_array_new ();
      g_ptr_array_add (groups, group);
      g_hash_table_insert (by_key, group->key, group);
    }
  return group;
}

/* An ID number must not already belong to someone of another household. */
static gboolean
check_owner (BfStore *store, BfImportRow *row, const char *household_id, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (row->member->id_number == NULL)
    return TRUE;
  stmt = bf_store_prepare (store,
    "SELECT name FROM members WHERE id_number = ? AND deleted = 0 AND household_id IS NOT ?"
    " ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->member->id_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, household_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row_problem (row, _("The ID number %s already belongs to %s of another household"),
                 row->member->id_number, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || bf_store_fail (store, _("reading members"), error);
}

static gboolean
check_groups (BfStore *store, BfImport *import, gboolean has_relation, GError **error)
{
  for (guint g = 0; g < import->groups->len; g++)
    {
      Group *group = g_ptr_array_index (import->groups, g);
      g_autofree char *existing = NULL;

      if (!find_household (store, group->key, &existing, error))
        return FALSE;
      if (group->head == NULL && existing == NULL)
        for (guint i = 0; i < group->members->len; i++)
          row_problem (g_ptr_array_index (group->members, i),
                       _("No household in the file or the ledger has a head with the ID number %s"),
                       group->key);
      if (group->head != NULL && !check_owner (store, group->head, existing, error))
        return FALSE;
      for (guint i = 0; i < group->members->len; i++)
        if (!check_owner (store, g_ptr_array_index (group->members, i), existing, error))
          return FALSE;
      if (group->head != NULL && has_relation && group->head->size > 0 &&
          (guint) group->head->size != group->members->len + 1)
        row_problem (group->head, _("家庭人口 says %d but the file lists %u people of this household"),
                     group->head->size, group->members->len + 1);
      if (group->head != NULL && group->head->problems->len > 0)
        for (guint i = 0; i < group->members->len; i++)
          row_problem (g_ptr_array_index (group->members, i),
                       _("The household’s head (line %u) is refused"), group->head->line);
    }
  return TRUE;
}

static BfImport *
load_rows (BfStore *store, GPtrArray *csv, GError **error)
{
  g_autoptr(BfImport) import = g_new0 (BfImport, 1);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) id_lines = g_hash_table_new (g_str_hash, g_str_equal);
  BfPlaceIndex *places;
  BfImportHeader header;
  gboolean ok;

  import->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_import_row_free);
  import->groups = g_ptr_array_new_with_free_func (group_free);
  import->problems = g_ptr_array_new_with_free_func (problem_free);
  import->warnings = g_ptr_array_new_with_free_func (problem_free);
  if (csv->len == 0)
    {
      g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_FORMAT, _("The file is empty"));
      return NULL;
    }
  if (!bf_import_header_read (g_ptr_array_index (csv, 0), &header, import->warnings, error))
    return NULL;
  places = bf_place_index_new (store, error);
  if (places == NULL)
    {
      bf_import_header_clear (&header);
      return NULL;
    }
  for (guint i = 1; i < csv->len; i++)
    {
      BfImportRow *row = bf_import_row_read (store, &header, places, g_ptr_array_index (csv, i),
                                             import->warnings);
      const char *id = row->member->id_number;
      gpointer first = id ? g_hash_table_lookup (id_lines, id) : NULL;

      g_ptr_array_add (import->rows, row);
      if (first != NULL)
        row_problem (row, _("The ID number %s is also on line %u"), id, GPOINTER_TO_UINT (first));
      else if (id != NULL)
        g_hash_table_insert (id_lines, (gpointer) id, GUINT_TO_POINTER (row->line));
      if (row->head_key == NULL || first != NULL)
        continue;
      if (row->is_head)
        group_for (import->groups, by_key, row->head_key)->head = row;
      else
        g_ptr_array_add (group_for (import->groups, by_key, row->head_key)->members, row);
    }
  ok = check_groups (store, import, header.index[BF_COL_RELATION] >= 0, error);
  bf_place_index_free (places);
  bf_import_header_clear (&header);
  if (!ok)
    return NULL;
  for (guint i = 0; i < import->rows->len; i++)
    {
      BfImportRow *row = g_ptr_array_index (import->rows, i);
      for (guint p = 0; p < row->problems->len; p++)
        bf_import_add_problem (import->problems, row->line, g_ptr_array_index (row->problems, p));
    }
  return g_steal_pointer (&import);
}

BfImport *
bf_import_load (BfStore *store, const char *data, gsize length, GError **error)
{
  const char *encoding = NULL;
  g_autofree char *text = bf_import_decode (data, length, &encoding, error);
  g_autoptr(GPtrArray) csv = text ? bf_csv_parse (text, error) : NULL;
  BfImport *import;

  if (csv == NULL)
    return NULL;
  import = load_rows (store, csv, error);
  if (import != NULL)
    import->encoding = encoding;
  return import;
}

BfImport *
bf_import_load_file (BfStore *store, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &read_error))
    {
      g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_READ, "%s", read_error->message);
      return NULL;
    }
  return bf_import_load (store, data, length, error);
}

/* ---- preview and apply: one walk ---- */

/* Sets each field the file gives whose value differs; *out_changed says if any did. */
static gboolean
update_given (BfStore *store, BfEntityKind kind, gconstpointer wanted, GPtrArray *given,
              gboolean write, gboolean *out_changed, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  g_autoptr(GError) local_error = NULL;
  gpointer stored = bf_store_get (store, kind, bf_record_id (wanted), error);

  *out_changed = FALSE;
  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < given->len; i++)
    {
      const BfFieldDef *field = bf_entity_field (def, g_ptr_array_index (given, i));
      g_autofree char *now = bf_record_get_text (field, stored);
      g_autofree char *then = bf_record_get_text (field, wanted);

      if (g_strcmp0 (now, then) == 0)
        continue;
      *out_changed = TRUE;
      if (write && !bf_store_update_field (store, kind, bf_record_id (stored), field->name, then,
                                           &local_error))
        {
          bf_record_free (kind, stored);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  bf_record_free (kind, stored);
  return TRUE;
}

/* The member of @household_id this row describes: the same ID number, else the same name
 * without one. */
static const BfMember *
match_member (GPtrArray *members, const BfMember *wanted)
{
  for (guint i = 0; i < members->len; i++)
    {
      const BfMember *member = g_ptr_array_index (members, i);
      if (wanted->id_number != NULL ? g_strcmp0 (member->id_number, wanted->id_number) == 0
                                    : (member->id_number == NULL &&
                                       g_strcmp0 (member->name, wanted->name) == 0))
        return member;
    }
  return NULL;
}

static gboolean
put_member (BfStore *store, const char *household_id, GPtrArray *existing, BfImportRow *row,
            gboolean write, BfImportCounts *counts, gboolean *changed, GError **error)
{
  g_autoptr(BfMember) member = bf_record_copy (BF_ENTITY_MEMBER, row->member);
  const BfMember *match = existing ? match_member (existing, member) : NULL;
  gboolean member_changed = FALSE;

  g_free (member->household_id);
  member->household_id = g_strdup (household_id);
  if (match == NULL)
    {
      counts->members_added++;
      *changed = TRUE;
      return !write || bf_member_insert (store, member, error);
    }
  member->id = g_strdup (match->id);
  if (!update_given (store, BF_ENTITY_MEMBER, member, row->member_given, write, &member_changed,
                     error))
    return FALSE;
  if (member_changed)
    counts->members_updated++;
  *changed |= member_changed;
  return TRUE;
}

static gboolean
put_group (BfStore *store, Group *group, gboolean write, BfImportCounts *counts, GError **error)
{
  g_autofree char *household_id = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  gboolean changed = FALSE;

  if (!find_household (store, group->key, &household_id, error))
    return FALSE;
  if (household_id == NULL && group->head == NULL)
    return TRUE;   /* its rows are refused already */
  if (household_id == NULL)
    {
      g_autoptr(BfHousehold) household = bf_record_copy (BF_ENTITY_HOUSEHOLD, group->head->household);
      if (write && !bf_household_insert (store, household, error))
        return FALSE;
      household_id = g_strdup (household->id ? household->id : "");
      counts->added++;
    }
  else
    {
      existing = bf_store_list (store, BF_ENTITY_MEMBER, "household_id", household_id, error);
      if (existing == NULL)
        return FALSE;
      if (group->head != NULL)
        {
          g_autoptr(BfHousehold) household = bf_record_copy (BF_ENTITY_HOUSEHOLD, group->head->household);
          gboolean household_changed = FALSE;
          household->id = g_strdup (household_id);
          if (!update_given (store, BF_ENTITY_HOUSEHOLD, household, group->head->household_given,
                             write, &household_changed, error))
            return FALSE;
          changed |= household_changed;
        }
    }
  if (group->head != NULL &&
      !put_member (store, household_id, existing, group->head, write, counts, &changed, error))
    return FALSE;
  for (guint i = 0; i < group->members->len; i++)
    {
      BfImportRow *row = g_ptr_array_index (group->members, i);
      if (row->problems->len == 0 &&
          !put_member (store, household_id, existing, row, write, counts, &changed, error))
        return FALSE;
    }
  if (existing != NULL)
    {
      if (changed)
        counts->updated++;
      else
        counts->unchanged++;
    }
  return TRUE;
}

static gboolean
walk (BfStore *store, const BfImport *import, gboolean write, BfImportCounts *out, GError **error)
{
  BfImportCounts counts = { 0 };

  counts.rows = import->rows->len;
  for (guint i = 0; i < import->rows->len; i++)
    if (((BfImportRow *) g_ptr_array_index (import->rows, i))->problems->len > 0)
      counts.bad_rows++;
  for (guint g = 0; g < import->groups->len; g++)
    {
      Group *group = g_ptr_array_index (import->groups, g);
      if (group->head != NULL && group->head->problems->len > 0)
        continue;
      if (!put_group (store, group, write, &counts, error))
        return FALSE;
    }
  /* A household is refused with its head's row, whether or not the row made a group. */
  for (guint i = 0; i < import->rows->len; i++)
    {
      BfImportRow *row = g_ptr_array_index (import->rows, i);
      if (row->is_head && row->problems->len > 0)
        counts.refused++;
    }
  if (out != NULL)
    *out = counts;
  return TRUE;
}

gboolean
bf_import_preview (BfStore *store, const BfImport *import, BfImportCounts *out, GError **error)
{
  return walk (store, import, FALSE, out, error);
}

gboolean
bf_import_apply (BfStore *store, const BfImport *import, gboolean take_good_rows,
                 BfImportCounts *out, GError **error)
{
  guint bad = 0;

  for (guint i = 0; i < import->rows->len; i++)
    if (((BfImportRow *) g_ptr_array_index (import->rows, i))->problems->len > 0)
      bad++;
  if (bad > 0 && !take_good_rows)
    {
      g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u row has problems: nothing was imported",
                                "%u rows have problems: nothing was imported", bad),
                   bad);
      return FALSE;
    }
  /* All or nothing: a full disk half-way leaves the ledger as it was. */
  if (!bf_store_begin (store, error))
    return FALSE;
  if (!walk (store, import, TRUE, out, error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  return bf_store_commit (store, error);
}
