/* bf-assessment.c: the yearly assessment — households, and towns from them.
 *
 * A handful of GROUP BY queries, never one query per household: the whole district (5,270
 * households) takes milliseconds, which is what lets the dashboard recompute on every visit. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-assessment-private.h"

#include "bf-policy.h"
#include "bf-schema.h"

static void
household_free (gpointer data)
{
  BfHouseholdAssessment *h = data;
  g_free (h->id);
  g_free (h->town);
  g_free (h->village);
  g_free (h->village_id);
  g_free (h->head_name);
  g_free (h);
}

static void
cadre_free (gpointer data)
{
  BfCadreAssessment *c = data;
  g_free (c->id);
  g_free (c->name);
  g_free (c->unit);
  g_free (c);
}

static void
village_free (gpointer data)
{
  BfVillageAssessment *v = data;
  g_free (v->id);
  g_free (v->town);
  g_free (v->name);
  g_free (v);
}

static void
town_free (gpointer data)
{
  BfTownAssessment *t = data;
  if (t == NULL)
    return;
  g_free (t->name);
  g_free (t);
}

void
bf_assessment_free (BfAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_clear_pointer (&assessment->households, g_ptr_array_unref);
  g_clear_pointer (&assessment->cadres, g_ptr_array_unref);
  g_clear_pointer (&assessment->villages, g_ptr_array_unref);
  g_clear_pointer (&assessment->towns, g_ptr_array_unref);
  town_free (assessment->district);
  g_free (assessment);
}

int
bf_town_assessment_total (const int by_category[3])
{
  return by_category[0] + by_category[1] + by_category[2];
}

double
bf_town_assessment_exited_percent (const BfTownAssessment *town)
{
  int people = bf_town_assessment_total (town->people);

  return people > 0 ? 100.0 * bf_town_assessment_total (town->exited_people) / people : 0.0;
}

void
bf_assessment_bind_year (sqlite3_stmt *stmt, int year)
{
  g_autofree char *first = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", year);

  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static int
column_code (sqlite3_stmt *stmt, int column, const char * const *codes)
{
  return MAX (0, bf_code_index (codes, (const char *) sqlite3_column_text (stmt, column)));
}

/* Every household with its people, insurance and the year's income, in one pass. Town ids go
 * to @town_of (household id → town id) for the town totals. */
static gboolean
load_households (BfStore *store, BfAssessment *a, GHashTable *by_id, GHashTable *town_of,
                 GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT h.id, t.name, v.name, v.id, h.head_name, h.category, h.labour, h.status,"
    "       h.exit_year, coalesce(m.n, 0), coalesce(m.med, 0), coalesce(m.pen, 0),"
    "       i.per_capita_fen, t.id"
    " FROM households h"
    " JOIN villages v ON v.id = h.village_id"
    " JOIN towns t ON t.id = v.town_id"
    " LEFT JOIN (SELECT household_id, count(*) AS n, sum(medical_insured) AS med,"
    "                   sum(pension_insured) AS pen"
    "            FROM members WHERE deleted = 0 GROUP BY household_id) m"
    "   ON m.household_id = h.id"
    " LEFT JOIN household_incomes i ON i.household_id = h.id AND i.year = ?3 AND i.deleted = 0"
    " WHERE h.deleted = 0 AND h.merged_into IS NULL"   /* a merged duplicate counts as KEEP */
    " ORDER BY t.sort_order, t.name, v.name, h.head_name, h.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, a->year);
  sqlite3_bind_int (stmt, 3, a->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfHouseholdAssessment *h = g_new0 (BfHouseholdAssessment, 1);

      h->id = column_dup (stmt, 0);
      h->town = column_dup (stmt, 1);
      h->village = column_dup (stmt, 2);
      h->village_id = column_dup (stmt, 3);
      h->head_name = column_dup (stmt, 4);
      h->category = column_code (stmt, 5, bf_category_codes);
      h->labour = column_code (stmt, 6, bf_labour_codes);
      h->status = column_code (stmt, 7, bf_status_codes);
      h->exit_year = sqlite3_column_int (stmt, 8);
      h->people = sqlite3_column_int (stmt, 9);
      h->medical_insured = sqlite3_column_int (stmt, 10);
      h->pension_insured = sqlite3_column_int (stmt, 11);
      h->has_income = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
      h->income_fen = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (a->households, h);
      g_hash_table_insert (by_id, h->id, h);
      g_hash_table_insert (town_of, h->id, column_dup (stmt, 13));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading households for the assessment"), error);
}

static gboolean
add_visits (BfStore *store, BfAssessment *a, GHashTable *by_id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT x.household_id, count(*), sum(x.amount_fen) FROM visits x"
    " WHERE" BF_ASSESSMENT_LIVE ("visits", "x")
    " GROUP BY x.household_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, a->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfHouseholdAssessment *h = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      if (h == NULL)
        continue;   /* a visit to a deleted household */
      h->visits = sqlite3_column_int (stmt, 1);
      h->visit_money_fen = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("counting visits"), error);
}

static gboolean
add_payments (BfStore *store, BfAssessment *a, GHashTable *by_id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT x.household_id, x.source, sum(x.amount_fen) FROM payments x"
    " WHERE x.household_id IS NOT NULL AND" BF_ASSESSMENT_LIVE ("payments", "x")
    " GROUP BY x.household_id, x.source", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, a->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfHouseholdAssessment *h = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      int source = bf_code_index (bf_source_codes, (const char *) sqlite3_column_text (stmt, 1));
      gint64 fen = sqlite3_column_int64 (stmt, 2);

      if (h == NULL)
        continue;
      h->support_fen[source >= 0 ? source : BF_SOURCE_OTHER] += fen;
      h->support_total_fen += fen;
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("adding up payments"), error);
}

/* The rules, once every figure is in. */
static void
judge_households (BfAssessment *a)
{
  for (guint i = 0; i < a->households->len; i++)
    {
      BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);

      h->required = h->category == BF_CATEGORY_KUNNAN;
      h->meets_visits = h->visits >= a->visits_required;
      h->meets_support = h->support_total_fen >= a->support_required_fen;
      h->all_insured = h->people > 0 && h->medical_insured == h->people &&
                       h->pension_insured == h->people;
      h->above_exit_line = a->has_exit_line && h->has_income && h->income_fen >= a->exit_line_fen;
      h->exit_eligible = h->above_exit_line && h->all_insured;
      h->exited = h->status == BF_STATUS_EXITED && h->exit_year != 0 && h->exit_year <= a->year;
    }
}

static gboolean
load_towns (BfStore *store, BfAssessment *a, GHashTable *towns_by_id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT id, name FROM towns WHERE deleted = 0 ORDER BY sort_order, name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfTownAssessment *t = g_new0 (BfTownAssessment, 1);
      t->name = column_dup (stmt, 1);
      g_ptr_array_add (a->towns, t);
      g_hash_table_insert (towns_by_id, column_dup (stmt, 0), t);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("listing towns"), error);
}

static void
count_into (BfTownAssessment *t, const BfHouseholdAssessment *h)
{
  t->households[h->category]++;
  t->people[h->category] += h->people;
  if (h->exited)
    {
      t->exited_households[h->category]++;
      t->exited_people[h->category] += h->people;
    }
  if (h->required)
    {
      t->required_households++;
      t->meeting_visits += h->meets_visits;
      t->meeting_support += h->meets_support;
    }
}

static void
sum_towns (BfAssessment *a, const char *district, GHashTable *town_of, GHashTable *towns_by_id)
{
  a->district = g_new0 (BfTownAssessment, 1);
  a->district->name = g_strdup (district);
  for (guint i = 0; i < a->households->len; i++)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);
      BfTownAssessment *t = g_hash_table_lookup (towns_by_id,
                                                 g_hash_table_lookup (town_of, h->id));
      if (t != NULL)
        count_into (t, h);
      count_into (a->district, h);
    }
}

static gboolean
read_policy (BfStore *store, BfAssessment *a, GError **error)
{
  const BfPolicy *policy = bf_store_get_policy (store);
  gint64 average = 0;

  a->visits_required = policy->visits_per_year;
  a->support_required_fen = policy->support_per_year_fen;
  a->cadre_money_required_fen = policy->cadre_money_per_year_fen;
  a->unit_support_required_fen = policy->unit_support_per_year_fen;
  a->has_exit_line = bf_policy_exit_line (policy, a->year, &a->exit_line_fen);
  a->has_exit_target = bf_policy_exit_target (policy, a->year, &a->exit_target_percent);
  if (!a->has_exit_target && !bf_policy_rural_average (policy, a->year, &average))
    {
      g_set_error (error, BF_POLICY_ERROR, BF_POLICY_ERROR_VALUE,
                   _("The policy “%s” has no figures for %d"), policy->id, a->year);
      return FALSE;
    }
  return TRUE;
}

BfAssessment *
bf_assessment_compute (BfStore *store, int year, GError **error)
{
  g_autoptr(BfAssessment) a = g_new0 (BfAssessment, 1);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) town_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) towns_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  a->year = year;
  a->households = g_ptr_array_new_with_free_func (household_free);
  a->cadres = g_ptr_array_new_with_free_func (cadre_free);
  a->villages = g_ptr_array_new_with_free_func (village_free);
  a->towns = g_ptr_array_new_with_free_func (town_free);
  if (!read_policy (store, a, error) ||
      !load_households (store, a, by_id, town_of, error) ||
      !add_visits (store, a, by_id, error) ||
      !add_payments (store, a, by_id, error))
    return NULL;
  judge_households (a);
  if (!load_towns (store, a, towns_by_id, error))
    return NULL;
  sum_towns (a, bf_store_get_policy (store)->district, town_of, towns_by_id);
  if (!bf_assessment_cadres (store, a, error) || !bf_assessment_villages (store, a, error))
    return NULL;
  return g_steal_pointer (&a);
}
