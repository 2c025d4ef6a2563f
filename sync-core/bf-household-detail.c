/* bf-household-detail.c: the household page's data, read in one snapshot.
 *
 * Each list is found through its index by household id (one query for the ids, in the
 * order the page shows them), then read through the generic record API, so the structs are
 * the same the rest of the engine uses. A cadre or unit named on many lines is read once.
 */
#include "bf-config.h"
#include "bf-household-detail.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-store-private.h"

static void
visit_line_free (gpointer data)
{
  BfVisitLine *line = data;

  bf_visit_free (line->visit);
  g_free (line->cadre_name);
  g_free (line->voided_reason);
  g_free (line);
}

static void
payment_line_free (gpointer data)
{
  BfPaymentLine *line = data;

  bf_payment_free (line->payment);
  g_free (line->giver_name);
  g_free (line->voided_reason);
  g_free (line);
}

static void
pairing_line_free (gpointer data)
{
  BfPairingLine *line = data;

  bf_pairing_free (line->pairing);
  g_free (line->cadre_name);
  g_free (line->cadre_phone);
  g_free (line);
}

void
bf_household_detail_free (BfHouseholdDetail *detail)
{
  if (detail == NULL)
    return;
  g_clear_pointer (&detail->household, bf_household_free);
  g_free (detail->village_name);
  g_free (detail->town_name);
  g_clear_pointer (&detail->members, g_ptr_array_unref);
  g_clear_pointer (&detail->visits, g_ptr_array_unref);
  g_clear_pointer (&detail->payments, g_ptr_array_unref);
  g_clear_pointer (&detail->incomes, g_ptr_array_unref);
  g_clear_pointer (&detail->pairings, g_ptr_array_unref);
  g_free (detail);
}

/* Records of @kind whose ids @sql (one parameter: the household) returns, in that order.
 * Deleted ones are read too when the query asks for them: a cadre removed since still
 * signed the visits. */
static GPtrArray *
read_records (BfStore *store, BfEntityKind kind, const char *sql, const char *household_id,
              GError **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (bf_record_free_func (kind));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, household_id, -1, SQLITE_STATIC);
  /* The ids first: reading a record reuses cached statements, never this one mid-step. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (store, _("reading a household"), error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gpointer record = bf_store_get (store, kind, g_ptr_array_index (ids, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/* A name by id from a cache that owns the strings; NULL for a NULL id or a missing record. */
static const char *
cached_name (BfStore *store, GHashTable *cache, BfEntityKind kind, const char *id,
             char **out_phone)
{
  gpointer record;
  gboolean deleted;

  if (id == NULL)
    return NULL;
  record = g_hash_table_lookup (cache, id);
  if (record == NULL && !g_hash_table_contains (cache, id))
    {
      record = bf_store_get_any (store, kind, id, &deleted, NULL);
      g_hash_table_insert (cache, g_strdup (id), record);
    }
  if (record == NULL)
    return NULL;
  if (kind == BF_ENTITY_CADRE)
    {
      if (out_phone != NULL)
        *out_phone = g_strdup (((BfCadre *) record)->phone);
      return ((BfCadre *) record)->name;
    }
  return ((BfUnit *) record)->name;
}

static void
free_cadre (gpointer record)
{
  if (record != NULL)
    bf_cadre_free (record);
}

static void
free_unit (gpointer record)
{
  if (record != NULL)
    bf_unit_free (record);
}

static int
compare_members (gconstpointer a, gconstpointer b)
{
  const BfMember *x = *(BfMember *const *) a, *y = *(BfMember *const *) b;
  int order = (int) x->relation - (int) y->relation;

  if (order == 0)
    order = g_strcmp0 (x->birth_date, y->birth_date);
  if (order == 0)
    order = strcmp (x->id, y->id);
  return order;
}

/* Visits or payments, newest first, without the voiding entries; each voided one carries
 * the reason its voiding entry gives. */
static gboolean
add_entries (BfStore *store, BfHouseholdDetail *detail, BfEntityKind kind, GHashTable *cadres,
             GHashTable *units, GError **error)
{
  static const char *const sql[] = {
    "SELECT id FROM visits WHERE household_id = ? AND deleted = 0 ORDER BY date DESC, id DESC",
    "SELECT id FROM payments WHERE household_id = ? AND deleted = 0 ORDER BY date DESC, id DESC",
  };
  gboolean visits = kind == BF_ENTITY_VISIT;
  g_autoptr(GPtrArray) records = read_records (store, kind, sql[!visits], detail->household->id,
                                               error);
  /* Voided id -> reason, pointing into the voiding entries that @records keeps. */
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);

  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);
      const char *voids = visits ? ((BfVisit *) record)->voids_id : ((BfPayment *) record)->voids_id;
      const char *why = visits ? ((BfVisit *) record)->void_reason : ((BfPayment *) record)->void_reason;

      if (voids != NULL)
        g_hash_table_insert (reasons, (gpointer) voids, (gpointer) (why != NULL ? why : ""));
    }
  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);
      const char *reason = g_hash_table_lookup (reasons, bf_record_id (record));

      if (visits)
        {
          BfVisit *visit = record;
          BfVisitLine *line;

          if (visit->voids_id != NULL)
            continue;
          line = g_new0 (BfVisitLine, 1);
          line->cadre_name = g_strdup (cached_name (store, cadres, BF_ENTITY_CADRE,
                                                    visit->cadre_id, NULL));
          line->voided_reason = g_strdup (reason);
          line->visit = visit;
          records->pdata[i] = NULL;
          g_ptr_array_add (detail->visits, line);
        }
      else
        {
          BfPayment *payment = record;
          BfPaymentLine *line;
          const char *giver = NULL;

          if (payment->voids_id != NULL)
            continue;
          line = g_new0 (BfPaymentLine, 1);
          if (payment->cadre_id != NULL)
            giver = cached_name (store, cadres, BF_ENTITY_CADRE, payment->cadre_id, NULL);
          else if (payment->unit_id != NULL)
            giver = cached_name (store, units, BF_ENTITY_UNIT, payment->unit_id, NULL);
          line->giver_name = g_strdup (giver);
          line->voided_reason = g_strdup (reason);
          line->payment = payment;
          records->pdata[i] = NULL;
          g_ptr_array_add (detail->payments, line);
        }
    }
  return TRUE;
}

static gboolean
pairing_is_current (const BfPairing *pairing, const char *today)
{
  return strcmp (pairing->from_date, today) <= 0 &&
         (pairing->to_date == NULL || strcmp (pairing->to_date, today) >= 0);
}

static gboolean
add_pairings (BfStore *store, BfHouseholdDetail *detail, GHashTable *cadres, GError **error)
{
  g_autoptr(GPtrArray) records = read_records (store, BF_ENTITY_PAIRING,
    "SELECT id FROM pairings WHERE household_id = ? AND deleted = 0 ORDER BY from_date DESC, id DESC",
    detail->household->id, error);
  BfCheckContext context;
  char today[16];

  if (records == NULL)
    return FALSE;
  bf_store_get_check_context (store, &context);
  g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_get_year (&context.today),
              g_date_get_month (&context.today), g_date_get_day (&context.today));
  /* Current ones first, each group newest first: two stable passes over the query's order. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < records->len; i++)
      {
        BfPairing *pairing = g_ptr_array_index (records, i);
        BfPairingLine *line;

        if (pairing == NULL || pairing_is_current (pairing, today) != (pass == 0))
          continue;
        line = g_new0 (BfPairingLine, 1);
        line->cadre_name = g_strdup (cached_name (store, cadres, BF_ENTITY_CADRE,
                                                  pairing->cadre_id, &line->cadre_phone));
        line->pairing = pairing;
        records->pdata[i] = NULL;
        g_ptr_array_add (detail->pairings, line);
      }
  return TRUE;
}

static gboolean
load (BfStore *store, BfHouseholdDetail *detail, const char *household_id, GError **error)
{
  g_autoptr(GHashTable) cadres = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_cadre);
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_unit);
  g_autoptr(BfVillage) village = NULL;
  g_autoptr(BfTown) town = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) incomes = NULL;
  gboolean deleted;

  detail->household = bf_household_get (store, household_id, error);
  if (detail->household == NULL)
    return FALSE;
  village = bf_store_get_any (store, BF_ENTITY_VILLAGE, detail->household->village_id, &deleted, NULL);
  if (village != NULL)
    {
      detail->village_name = g_strdup (village->name);
      town = bf_store_get_any (store, BF_ENTITY_TOWN, village->town_id, &deleted, NULL);
      detail->town_name = town != NULL ? g_strdup (town->name) : NULL;
    }
  members = read_records (store, BF_ENTITY_MEMBER,
                          "SELECT id FROM members WHERE household_id = ? AND deleted = 0", household_id,
                          error);
  incomes = read_records (store, BF_ENTITY_HOUSEHOLD_INCOME,
                          "SELECT id FROM household_incomes WHERE household_id = ? AND deleted = 0"
                          " ORDER BY year DESC", household_id, error);
  if (members == NULL || incomes == NULL)
    return FALSE;
  g_ptr_array_sort (members, compare_members);
  g_ptr_array_extend_and_steal (detail->members, g_steal_pointer (&members));
  g_ptr_array_extend_and_steal (detail->incomes, g_steal_pointer (&incomes));
  return add_entries (store, detail, BF_ENTITY_VISIT, cadres, units, error) &&
         add_entries (store, detail, BF_ENTITY_PAYMENT, cadres, units, error) &&
         add_pairings (store, detail, cadres, error);
}

BfHouseholdDetail *
bf_household_detail_load (BfStore *store, const char *household_id, GError **error)
{
  g_autoptr(BfHouseholdDetail) detail = g_new0 (BfHouseholdDetail, 1);
  gboolean ok;

  g_return_val_if_fail (store != NULL && household_id != NULL, NULL);
  detail->members = g_ptr_array_new_with_free_func (bf_record_free_func (BF_ENTITY_MEMBER));
  detail->visits = g_ptr_array_new_with_free_func (visit_line_free);
  detail->payments = g_ptr_array_new_with_free_func (payment_line_free);
  detail->incomes = g_ptr_array_new_with_free_func (bf_record_free_func (BF_ENTITY_HOUSEHOLD_INCOME));
  detail->pairings = g_ptr_array_new_with_free_func (pairing_line_free);
  /* One snapshot: a SAVEPOINT reads consistently without BEGIN IMMEDIATE's write lock, and
   * nests inside a caller's transaction. */
  if (!bf_store_exec (store, "SAVEPOINT bf_household_detail", error))
    return NULL;
  ok = load (store, detail, household_id, error);
  bf_store_exec (store, "RELEASE bf_household_detail", NULL);
  return ok ? g_steal_pointer (&detail) : NULL;
}
