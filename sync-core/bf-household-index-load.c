/* bf-household-index-load.c: the list rows, read from the store with a few queries.
 *
 * Each query returns its rows in household-id order, so they are merged into the households
 * (also in id order) by walking both lists at once: no lookup table, and the same code reads
 * one household for a refresh (the queries then take the household's id and use the same
 * indexes) or all of them for a build.
 */
#include "bf-config.h"
#include "bf-household-index-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-pinyin.h"
#include "bf-store-private.h"

/* Each statement in two forms: every household, and one (?3, or ?1 where noted). */
#define HOUSEHOLDS_SQL(ONE)                                                             \
  "SELECT h.id, h.head_name, h.village_id, v.name, v.town_id, t.name, h.category, h.status" \
  " FROM households h"                                                                 \
  " LEFT JOIN villages v ON v.id = h.village_id"                                       \
  " LEFT JOIN towns t ON t.id = v.town_id"                                             \
  " WHERE h.deleted = 0 AND h.merged_into IS NULL" ONE " ORDER BY h.id"

#define MEMBERS_SQL(ONE)                                                                \
  "SELECT household_id, relation, id_number FROM members"                              \
  " WHERE deleted = 0" ONE " ORDER BY household_id, relation <> 'head', id"

/* A voided visit and the entry that voids it both drop out: the pair nets to nothing.
 *
 * Support is every yuan of the fund ledger, plus money handed over on a visit that the ledger
 * does not hold. bangfu-cli and the demo enter a visit's money in the ledger too (a payment
 * from that cadre, that day, that amount), so adding every visit's amount_fen would count it
 * twice; a visit recorded without its ledger entry still counts. A matching payment that was
 * voided since takes the visit's money with it: the ledger decides. */
#define VISITS_SQL(ONE)                                                                 \
  "SELECT household_id, count(*), coalesce(sum(CASE WHEN v.amount_fen > 0 AND NOT EXISTS (" \
  "     SELECT 1 FROM payments p WHERE p.household_id = v.household_id AND p.date = v.date" \
  "       AND p.amount_fen = v.amount_fen AND p.source = 'cadre' AND p.cadre_id = v.cadre_id" \
  "       AND p.voids_id IS NULL AND p.deleted = 0)"                                   \
  "   THEN v.amount_fen ELSE 0 END), 0)"                                                \
  " FROM visits v"                                                                     \
  " WHERE v.deleted = 0 AND v.voids_id IS NULL AND v.date BETWEEN ?1 AND ?2" ONE       \
  "   AND NOT EXISTS (SELECT 1 FROM visits w WHERE w.voids_id = v.id AND w.deleted = 0)" \
  " GROUP BY household_id ORDER BY household_id"

#define PAYMENTS_SQL(ONE)                                                               \
  "SELECT household_id, coalesce(sum(amount_fen), 0) FROM payments p"                  \
  " WHERE p.household_id IS NOT NULL AND p.deleted = 0 AND p.voids_id IS NULL"         \
  "   AND p.date BETWEEN ?1 AND ?2" ONE                                                \
  "   AND NOT EXISTS (SELECT 1 FROM payments w WHERE w.voids_id = p.id AND w.deleted = 0)" \
  " GROUP BY household_id ORDER BY household_id"

#define PAIRINGS_SQL(ONE)                                                               \
  "SELECT DISTINCT household_id FROM pairings"                                         \
  " WHERE deleted = 0 AND cadre_id = ?1 AND from_date <= ?2"                           \
  "   AND (to_date IS NULL OR to_date >= ?2)" ONE " ORDER BY household_id"

static const char *const households_sql[] = { HOUSEHOLDS_SQL (""), HOUSEHOLDS_SQL (" AND h.id = ?1") };
static const char *const members_sql[] = { MEMBERS_SQL (""), MEMBERS_SQL (" AND household_id = ?1") };
static const char *const visits_sql[] = { VISITS_SQL (""), VISITS_SQL (" AND v.household_id = ?3") };
static const char *const payments_sql[] = { PAYMENTS_SQL (""), PAYMENTS_SQL (" AND p.household_id = ?3") };
static const char *const pairings_sql[] = { PAIRINGS_SQL (""), PAIRINGS_SQL (" AND household_id = ?3") };

char *
bf_index_scope_cadre (const char *scope)
{
  const char *at = scope != NULL ? strstr (scope, "cadre:") : NULL;
  gsize length = 0;

  if (at == NULL)
    return NULL;
  at += strlen ("cadre:");
  while (g_ascii_isalnum (at[length]) || at[length] == '-' || at[length] == '_')
    length++;
  return length > 0 ? g_strndup (at, length) : NULL;
}

/* A SAVEPOINT, not bf_store_begin(): reading needs a consistent snapshot, not the write lock
 * that BEGIN IMMEDIATE takes, and it nests inside a caller's transaction. */
gboolean
bf_index_load_begin (BfIndexLoad *load, BfStore *store, GStringChunk *strings, int year,
                     GError **error)
{
  BfCheckContext context;
  g_autofree char *scope = bf_store_get_meta (store, "scope");
  g_autofree char *cadre_id = bf_store_get_meta (store, "cadre_id");

  memset (load, 0, sizeof *load);
  load->strings = strings;
  load->year = year;
  /* The app's rule for "me": the meta cadre_id, else the account's scope "cadre:<id>". */
  load->cadre_id = cadre_id != NULL && *cadre_id != '\0' ? g_steal_pointer (&cadre_id)
                                                          : bf_index_scope_cadre (scope);
  bf_store_get_check_context (store, &context);
  load->today = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&context.today),
                                 g_date_get_month (&context.today), g_date_get_day (&context.today));
  if (!bf_store_exec (store, "SAVEPOINT bf_household_index", error))
    {
      bf_index_load_end (load, NULL, FALSE);
      return FALSE;
    }
  return TRUE;
}

void
bf_index_load_end (BfIndexLoad *load, BfStore *store, gboolean ok)
{
  if (store != NULL)
    {
      if (!ok)
        bf_store_exec (store, "ROLLBACK TO bf_household_index", NULL);
      bf_store_exec (store, "RELEASE bf_household_index", NULL);
    }
  g_clear_pointer (&load->cadre_id, g_free);
  g_clear_pointer (&load->today, g_free);
}

static const char *
column_string (BfIndexLoad *load, sqlite3_stmt *stmt, int column, gboolean shared)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    text = "";
  /* Village and town names repeat across thousands of rows: one copy each. */
  return shared ? g_string_chunk_insert_const (load->strings, text)
                : g_string_chunk_insert (load->strings, text);
}

static gboolean
read_households (BfIndexLoad *load, BfStore *store, const char *only_id, GArray *entries,
                 GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, households_sql[only_id != NULL], error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (only_id != NULL)
    sqlite3_bind_text (stmt, 1, only_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfIndexEntry entry = { { 0 } };
      g_autofree char *pinyin = NULL, *initials = NULL;
      int category = bf_code_index (bf_category_codes, (const char *) sqlite3_column_text (stmt, 6));
      int status = bf_code_index (bf_status_codes, (const char *) sqlite3_column_text (stmt, 7));

      entry.row.id = column_string (load, stmt, 0, FALSE);
      entry.row.head_name = column_string (load, stmt, 1, FALSE);
      entry.row.village_id = column_string (load, stmt, 2, TRUE);
      entry.row.village_name = column_string (load, stmt, 3, TRUE);
      entry.row.town_id = column_string (load, stmt, 4, TRUE);
      entry.row.town_name = column_string (load, stmt, 5, TRUE);
      /* The store checks codes on every write; an unknown one (a newer Bangfu's) shows as the
       * first value rather than hiding the household. */
      entry.row.category = (BfCategory) MAX (category, 0);
      entry.row.status = (BfHouseholdStatus) MAX (status, 0);
      bf_pinyin_keys (entry.row.head_name, &pinyin, &initials);
      entry.pinyin = g_string_chunk_insert (load->strings, pinyin);
      entry.initials = g_string_chunk_insert (load->strings, initials);
      entry.id_numbers = "";
      g_array_append_val (entries, entry);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading the household list"), error);
}

/* The entry among @entries[*cursor…] with @id, moving the cursor past smaller ids; NULL when
 * the household is not listed (deleted, or not the one being refreshed). */
static BfIndexEntry *
seek (GArray *entries, guint *cursor, const char *id)
{
  while (*cursor < entries->len)
    {
      BfIndexEntry *entry = &g_array_index (entries, BfIndexEntry, *cursor);
      int order = strcmp (entry->row.id, id != NULL ? id : "");

      if (order == 0)
        return entry;
      if (order > 0)
        return NULL;
      (*cursor)++;
    }
  return NULL;
}

static void
finish_members (BfIndexLoad *load, BfIndexEntry *entry, GString *numbers)
{
  if (entry != NULL && numbers->len > 0)
    entry->id_numbers = g_string_chunk_insert (load->strings, numbers->str);
  g_string_truncate (numbers, 0);
}

static gboolean
read_members (BfIndexLoad *load, BfStore *store, const char *only_id, GArray *entries,
              guint first, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, members_sql[only_id != NULL], error);
  g_autoptr(GString) numbers = g_string_new (NULL);
  BfIndexEntry *entry = NULL;
  guint cursor = first;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (only_id != NULL)
    sqlite3_bind_text (stmt, 1, only_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *household_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *relation = (const char *) sqlite3_column_text (stmt, 1);
      const char *number = (const char *) sqlite3_column_text (stmt, 2);

      if (entry == NULL || strcmp (entry->row.id, household_id) != 0)
        {
          finish_members (load, entry, numbers);
          entry = seek (entries, &cursor, household_id);
          if (entry == NULL)
            continue;
        }
      entry->row.members++;
      if (number == NULL || *number == '\0')
        continue;
      /* The head comes first in each household (ORDER BY relation <> 'head'). */
      if (entry->row.head_id_number == NULL && g_strcmp0 (relation, "head") == 0)
        entry->row.head_id_number = g_string_chunk_insert (load->strings, number);
      g_string_append (numbers, number);
      g_string_append_c (numbers, '\n');
    }
  finish_members (load, entry, numbers);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading the household list"), error);
}

typedef enum { SUM_VISITS, SUM_PAYMENTS, SUM_PAIRINGS } SumKind;

static gboolean
read_sums (BfIndexLoad *load, BfStore *store, SumKind kind, const char *only_id,
           GArray *entries, guint first, GError **error)
{
  const char *const *sql = kind == SUM_VISITS ? visits_sql
                         : kind == SUM_PAYMENTS ? payments_sql : pairings_sql;
  sqlite3_stmt *stmt;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", load->year);
  g_autofree char *to = g_strdup_printf ("%04d-12-31", load->year);
  guint cursor = first;
  int rc;

  if (kind == SUM_PAIRINGS && load->cadre_id == NULL)
    return TRUE;
  stmt = bf_store_prepare (store, sql[only_id != NULL], error);
  if (stmt == NULL)
    return FALSE;
  if (kind == SUM_PAIRINGS)
    {
      sqlite3_bind_text (stmt, 1, load->cadre_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, load->today, -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
    }
  if (only_id != NULL)
    sqlite3_bind_text (stmt, 3, only_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfIndexEntry *entry = seek (entries, &cursor, (const char *) sqlite3_column_text (stmt, 0));

      if (entry == NULL)
        continue;
      switch (kind)
        {
        case SUM_VISITS:
          entry->row.visits_this_year = sqlite3_column_int (stmt, 1);
          entry->row.support_fen_this_year += sqlite3_column_int64 (stmt, 2);
          break;
        case SUM_PAYMENTS:
          entry->row.support_fen_this_year += sqlite3_column_int64 (stmt, 1);
          break;
        case SUM_PAIRINGS:
          entry->row.paired_with_me = TRUE;
          break;
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading the household list"), error);
}

gboolean
bf_index_load_entries (BfIndexLoad *load, BfStore *store, const char *only_id, GArray *entries,
                       GError **error)
{
  guint first = entries->len;

  return read_households (load, store, only_id, entries, error) &&
         (entries->len == first ||
          (read_members (load, store, only_id, entries, first, error) &&
           read_sums (load, store, SUM_VISITS, only_id, entries, first, error) &&
           read_sums (load, store, SUM_PAYMENTS, only_id, entries, first, error) &&
           read_sums (load, store, SUM_PAIRINGS, only_id, entries, first, error)));
}
