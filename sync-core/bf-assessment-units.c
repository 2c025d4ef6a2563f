/* bf-assessment-units.c: the assessment of cadres and of villages. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-assessment-private.h"

#include "bf-policy.h"
#include "bf-schema.h"

/* One row per (cadre, paired household) with what that cadre did for that household this
 * year; the rows come ordered by cadre and are folded into one figure per cadre. A pairing
 * counts when it was current on any day of the year, so a cadre who handed over in June still
 * answers for the first half. */
gboolean
bf_assessment_cadres (BfStore *store, BfAssessment *a, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT c.id, c.name, coalesce(u.name, ''), h.category, h.labour,"
    "       coalesce(vv.n, 0), coalesce(pp.fen, 0)"
    " FROM (SELECT DISTINCT cadre_id, household_id FROM pairings"
    "       WHERE deleted = 0 AND from_date <= ?2 AND (to_date IS NULL OR to_date >= ?1)) p"
    " JOIN cadres c ON c.id = p.cadre_id"
    " JOIN households h ON h.id = p.household_id AND h.deleted = 0 AND h.merged_into IS NULL"
    " LEFT JOIN units u ON u.id = c.unit_id"
    " LEFT JOIN (SELECT x.cadre_id, x.household_id, count(*) AS n FROM visits x"
    "            WHERE" BF_ASSESSMENT_LIVE ("visits", "x")
    "            GROUP BY x.cadre_id, x.household_id) vv"
    "   ON vv.cadre_id = p.cadre_id AND vv.household_id = p.household_id"
    " LEFT JOIN (SELECT x.cadre_id, x.household_id, sum(x.amount_fen) AS fen FROM payments x"
    "            WHERE x.source = 'cadre' AND x.household_id IS NOT NULL"
    "              AND" BF_ASSESSMENT_LIVE ("payments", "x")
    "            GROUP BY x.cadre_id, x.household_id) pp"
    "   ON pp.cadre_id = p.cadre_id AND pp.household_id = p.household_id"
    " ORDER BY u.name, c.name, c.id", error);
  BfCadreAssessment *cadre = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, a->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      int category = bf_code_index (bf_category_codes, (const char *) sqlite3_column_text (stmt, 3));
      int labour = bf_code_index (bf_labour_codes, (const char *) sqlite3_column_text (stmt, 4));
      int visits = sqlite3_column_int (stmt, 5);
      gint64 fen = sqlite3_column_int64 (stmt, 6);

      if (cadre == NULL || g_strcmp0 (cadre->id, id) != 0)
        {
          cadre = g_new0 (BfCadreAssessment, 1);
          cadre->id = g_strdup (id);
          cadre->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          cadre->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          g_ptr_array_add (a->cadres, cadre);
        }
      cadre->households++;
      cadre->visits += visits;
      cadre->money_fen += fen;
      cadre->households_visited_enough += visits >= a->visits_required;
      if (category == BF_CATEGORY_KUNNAN && labour != BF_LABOUR_NONE)
        {
          cadre->able_households++;
          cadre->able_households_given_enough += fen >= a->cadre_money_required_fen;
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("assessing cadres"), error);
}

static gboolean
load_villages (BfStore *store, BfAssessment *a, GHashTable *by_id, GError **error)
{
  const BfPolicy *policy = bf_store_get_policy (store);
  gint64 target = 0;
  gboolean has_target = bf_policy_key_village_income_target (policy, a->year, &target);
  int per_unit = 12 / MAX (1, policy->unit_leader_inspection_months);
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT v.id, t.name, v.name, v.is_key, vi.collective_fen,"
    "       (SELECT count(*) FROM units u WHERE u.key_village_id = v.id AND u.deleted = 0)"
    " FROM villages v JOIN towns t ON t.id = v.town_id"
    " LEFT JOIN village_incomes vi ON vi.village_id = v.id AND vi.year = ?1 AND vi.deleted = 0"
    " WHERE v.deleted = 0"
    " ORDER BY t.sort_order, t.name, v.name, v.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, a->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfVillageAssessment *v = g_new0 (BfVillageAssessment, 1);

      v->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      v->town = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      v->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      v->is_key = sqlite3_column_int (stmt, 3) != 0;
      v->has_income = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      v->collective_income_fen = sqlite3_column_int64 (stmt, 4);
      v->units = sqlite3_column_int (stmt, 5);
      v->has_income_target = v->is_key && has_target;
      v->income_target_fen = v->has_income_target ? target : 0;
      v->meets_income = v->has_income_target && v->has_income &&
                        v->collective_income_fen >= target;
      v->inspections_required = v->units * per_unit;
      g_ptr_array_add (a->villages, v);
      g_hash_table_insert (by_id, v->id, v);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("assessing villages"), error);
}

/* Money paid to villages, by village, source and giving unit; each unit's total to its own key
 * village decides whether it met the unit-support rule. */
static gboolean
add_village_payments (BfStore *store, BfAssessment *a, GHashTable *by_id, GError **error)
{
  g_autoptr(GHashTable) unit_totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT x.village_id, x.source, x.unit_id, sum(x.amount_fen) FROM payments x"
    " WHERE x.village_id IS NOT NULL AND" BF_ASSESSMENT_LIVE ("payments", "x")
    " GROUP BY x.village_id, x.source, x.unit_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, a->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfVillageAssessment *v = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      const char *unit = (const char *) sqlite3_column_text (stmt, 2);
      gint64 fen = sqlite3_column_int64 (stmt, 3);

      if (v == NULL)
        continue;
      v->support_total_fen += fen;
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "unit") != 0)
        continue;
      v->unit_support_fen += fen;
      if (unit != NULL)
        {
          g_autofree char *key = g_strconcat (v->id, "|", unit, NULL);
          gint64 *total = g_hash_table_lookup (unit_totals, key);
          if (total == NULL)
            {
              total = g_new0 (gint64, 1);
              g_hash_table_insert (unit_totals, g_steal_pointer (&key), total);
            }
          *total += fen;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bf_store_fail (store, _("adding up payments to villages"), error);

  stmt = bf_store_prepare (store,
    "SELECT key_village_id, id FROM units WHERE deleted = 0 AND key_village_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfVillageAssessment *v = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      g_autofree char *key = g_strconcat ((const char *) sqlite3_column_text (stmt, 0), "|",
                                          (const char *) sqlite3_column_text (stmt, 1), NULL);
      gint64 *total = g_hash_table_lookup (unit_totals, key);

      if (v != NULL && total != NULL && *total >= a->unit_support_required_fen)
        v->units_meeting_support++;
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("assessing units"), error);
}

static gboolean
add_inspections (BfStore *store, BfAssessment *a, GHashTable *by_id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT village_id, count(*) FROM inspections"
    " WHERE deleted = 0 AND date BETWEEN ?1 AND ?2 GROUP BY village_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, a->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfVillageAssessment *v = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      if (v != NULL)
        v->inspections = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("counting inspections"), error);
}

gboolean
bf_assessment_villages (BfStore *store, BfAssessment *a, GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (!load_villages (store, a, by_id, error) ||
      !add_village_payments (store, a, by_id, error) ||
      !add_inspections (store, a, by_id, error))
    return FALSE;
  /* Households and people from the households already assessed. */
  for (guint i = 0; i < a->households->len; i++)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);
      BfVillageAssessment *v = g_hash_table_lookup (by_id, h->village_id);
      if (v == NULL)
        continue;
      v->households++;
      v->people += h->people;
      if (h->exited)
        v->exited_people += h->people;
    }
  return TRUE;
}
