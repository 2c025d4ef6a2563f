/* bf-year-lock.c: locking a year and the figures a lock freezes. */
#include "bf-config.h"
#include "bf-year-lock.h"

#include <glib/gi18n-lib.h>

#include "bf-accounts.h"
#include "bf-assessment.h"
#include "bf-store-private.h"
#include "bf-summary.h"

G_DEFINE_QUARK (bf-year-lock-error-quark, bf_year_lock_error)

/* What `figures` holds: the year's assessment by town and for the district (bf-assessment:
 * households and people by category, exited, against the target — the headline figures the
 * district reports), the ledger's totals (bf-summary) and the year's own activity. Only the
 * town table of the assessment is frozen, not every household's row: a lock syncs to every
 * device and must stay small. A year the policy does not cover has no assessment; its lock
 * freezes the rest. */
#define FIGURES_KIND "assessment-towns+summary"

typedef struct {
  const char *name;
  const char *sql;   /* one row of integers, ?1 = the year as text */
} YearQuery;

/* Voided entries and the entries that void them cancel out, so neither counts. */
#define LIVE_ENTRY(table) \
  "deleted = 0 AND voids_id IS NULL AND id NOT IN" \
  " (SELECT voids_id FROM " table " WHERE voids_id IS NOT NULL AND deleted = 0)"

static const YearQuery year_queries[] = {
  { "visits", "SELECT count(*), coalesce(sum(amount_fen), 0) FROM visits"
              " WHERE substr(date, 1, 4) = ?1 AND " LIVE_ENTRY ("visits") },
  { "payments", "SELECT count(*), coalesce(sum(amount_fen), 0) FROM payments"
                " WHERE substr(date, 1, 4) = ?1 AND " LIVE_ENTRY ("payments") },
  { "inspections", "SELECT count(*) FROM inspections WHERE substr(date, 1, 4) = ?1 AND deleted = 0" },
  { "exited_households", "SELECT count(*) FROM households WHERE exit_year = CAST (?1 AS INTEGER)"
                         " AND deleted = 0" },
  { "household_incomes", "SELECT count(*), coalesce(sum(per_capita_fen), 0) FROM household_incomes"
                         " WHERE year = CAST (?1 AS INTEGER) AND deleted = 0" },
  { "village_incomes", "SELECT count(*), coalesce(sum(collective_fen), 0) FROM village_incomes"
                       " WHERE year = CAST (?1 AS INTEGER) AND deleted = 0" },
};

static gboolean
add_year_figures (BfStore *store, int year, JsonBuilder *builder, GError **error)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", year);
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (year_queries); i++)
    {
      sqlite3_stmt *stmt = bf_store_prepare (store, year_queries[i].sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return bf_store_fail (store, _("computing the year’s figures"), error);
        }
      json_builder_set_member_name (builder, year_queries[i].name);
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
      if (sqlite3_column_count (stmt) > 1)
        {
          g_autofree char *name = g_strconcat (year_queries[i].name, "_fen", NULL);
          json_builder_set_member_name (builder, name);
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  json_builder_end_object (builder);
  return TRUE;
}

static void
add_by_category (JsonBuilder *builder, const char *name, const int values[3])
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint i = 0; i < 3; i++)
    {
      json_builder_set_member_name (builder, bf_category_codes[i]);
      json_builder_add_int_value (builder, values[i]);
    }
  json_builder_end_object (builder);
}

static void
add_town (JsonBuilder *builder, const BfTownAssessment *town)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, town->name ? town->name : "");
  add_by_category (builder, "households", town->households);
  add_by_category (builder, "people", town->people);
  add_by_category (builder, "exited_households", town->exited_households);
  add_by_category (builder, "exited_people", town->exited_people);
  json_builder_set_member_name (builder, "required_households");
  json_builder_add_int_value (builder, town->required_households);
  json_builder_set_member_name (builder, "meeting_visits");
  json_builder_add_int_value (builder, town->meeting_visits);
  json_builder_set_member_name (builder, "meeting_support");
  json_builder_add_int_value (builder, town->meeting_support);
  json_builder_end_object (builder);
}

/* The assessment's town table, or null for a year the policy does not cover. */
static gboolean
add_assessment (BfStore *store, int year, JsonBuilder *builder, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BfAssessment) assessment = bf_assessment_compute (store, year, &local_error);

  if (assessment == NULL)
    {
      if (!g_error_matches (local_error, BF_POLICY_ERROR, BF_POLICY_ERROR_VALUE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      json_builder_add_null_value (builder);
      return TRUE;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "exit_target_percent");
  if (assessment->has_exit_target)
    json_builder_add_int_value (builder, assessment->exit_target_percent);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "towns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < assessment->towns->len; i++)
    add_town (builder, g_ptr_array_index (assessment->towns, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "district");
  add_town (builder, assessment->district);
  json_builder_end_object (builder);
  return TRUE;
}

char *
bf_year_figures_compute (BfStore *store, int year, GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(BfSummary) summary = bf_summary_compute (store, error);
  g_autoptr(JsonNode) root = NULL;

  if (summary == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, year);
  json_builder_set_member_name (builder, "assessment");
  if (!add_assessment (store, year, builder, error))
    return NULL;
  json_builder_set_member_name (builder, "summary");
  json_builder_add_value (builder, bf_summary_to_json (summary));
  json_builder_set_member_name (builder, "in_year");
  if (!add_year_figures (store, year, builder, error))
    return NULL;
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The hub locks for the office; a device only when its signed-in account is district staff.
 * The hub checks again when the lock arrives, so an edited device file gains nothing. */
static gboolean
may_lock (BfStore *store, GError **error)
{
  g_autofree char *role = NULL;
  int parsed;

  if (bf_store_is_hub (store))
    return TRUE;
  role = bf_store_get_meta (store, "account_role");
  parsed = role != NULL ? bf_role_from_string (role) : -1;
  if (parsed >= 0 && bf_role_is_district ((BfRole) parsed))
    return TRUE;
  g_set_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_NOT_ALLOWED,
               role == NULL ? _("Only district staff lock a year: sign this device in with a district account first")
                            : _("Only district staff lock a year; this device is signed in as “%s”"),
               role);
  return FALSE;
}

BfYearLock *
bf_year_lock_find (BfStore *store, int year, GError **error)
{
  g_autofree char *id = bf_year_lock_id (year);
  g_autoptr(GError) local_error = NULL;
  BfYearLock *lock = bf_year_lock_get (store, id, &local_error);

  if (lock != NULL)
    return lock;
  if (g_error_matches (local_error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND))
    g_set_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_NOT_LOCKED,
                 _("Year %d is not locked"), year);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

gboolean
bf_year_lock_create (BfStore *store, int year, BfYearLock **out_lock, GError **error)
{
  g_autoptr(BfYearLock) lock = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BfYearLock) existing = NULL;

  if (!may_lock (store, error) || !bf_store_begin (store, error))
    return FALSE;
  existing = bf_year_lock_find (store, year, &local_error);
  if (existing != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (existing->locked_at / 1000);
      g_autoptr(GDateTime) when = utc && zone ? g_date_time_to_timezone (utc, zone) : NULL;
      g_autofree char *at = when ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("?");
      bf_store_rollback (store);
      g_set_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_LOCKED,
                   _("Year %d is already locked (by %s, %s)"), year,
                   existing->locked_by ? existing->locked_by : "—", at);
      return FALSE;
    }
  if (!g_error_matches (local_error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_NOT_LOCKED))
    {
      bf_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  lock = g_new0 (BfYearLock, 1);
  lock->id = bf_year_lock_id (year);
  lock->year = year;
  lock->locked_by = g_strdup (bf_store_get_author (store));
  lock->locked_at = bf_wall_clock_ms ();
  lock->figures_kind = g_strdup (FIGURES_KIND);
  /* Figures and lock in one transaction: nothing written between them escapes both. */
  lock->figures = bf_year_figures_compute (store, year, error);
  if (lock->figures == NULL || !bf_year_lock_insert (store, lock, error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  if (!bf_store_commit (store, error))
    return FALSE;
  if (out_lock != NULL)
    *out_lock = g_steal_pointer (&lock);
  return TRUE;
}

static gint
compare_year (gconstpointer a, gconstpointer b)
{
  const BfYearLock *x = *(const BfYearLock * const *) a;
  const BfYearLock *y = *(const BfYearLock * const *) b;
  return (x->year > y->year) - (x->year < y->year);
}

GPtrArray *
bf_year_locks_list (BfStore *store, GError **error)
{
  GPtrArray *locks = bf_store_list (store, BF_ENTITY_YEAR_LOCK, NULL, NULL, error);

  if (locks != NULL)
    g_ptr_array_sort (locks, compare_year);
  return locks;
}
