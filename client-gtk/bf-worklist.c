/* bf-worklist.c: a cadre's households due a visit this period, through the store's typed API.
 *
 * A cadre is paired with tens of households, not thousands: a read per household is cheap
 * and keeps SQL inside sync-core.
 */
#include "bf-config.h"
#include "bf-worklist.h"

#include <string.h>

#include "bf-editor-common.h"

static void
item_free (gpointer pointer)
{
  BfWorklistItem *item = pointer;

  g_free (item->household_id);
  g_free (item->head_name);
  g_free (item->village_name);
  g_free (item->last_visit);
  g_free (item);
}

void
bf_worklist_free (BfWorklist *worklist)
{
  if (worklist == NULL)
    return;
  g_free (worklist->cadre_id);
  g_free (worklist->cadre_name);
  g_clear_pointer (&worklist->items, g_ptr_array_unref);
  g_free (worklist);
}

/* Never visited first, then the oldest last visit; ties by name and id for a stable list. */
static int
compare_items (gconstpointer a, gconstpointer b)
{
  const BfWorklistItem *ia = *(BfWorklistItem * const *) a;
  const BfWorklistItem *ib = *(BfWorklistItem * const *) b;
  int order;

  if ((ia->last_visit == NULL) != (ib->last_visit == NULL))
    return ia->last_visit == NULL ? -1 : 1;
  if ((order = g_strcmp0 (ia->last_visit, ib->last_visit)) != 0)
    return order;
  if ((order = strcmp (ia->head_name, ib->head_name)) != 0)
    return order;
  return strcmp (ia->household_id, ib->household_id);
}

static char *
village_name (BfStore *store, GHashTable *cache, const char *village_id)
{
  const char *name = g_hash_table_lookup (cache, village_id);

  if (name == NULL)
    {
      g_autoptr(BfVillage) village = bf_village_get (store, village_id, NULL);

      name = village != NULL ? village->name : "";
      g_hash_table_insert (cache, g_strdup (village_id), g_strdup (name));
      name = g_hash_table_lookup (cache, village_id);
    }
  return g_strdup (name);
}

/* The cadre's standing visits to one household: the last date, this year's count, and
 * whether one falls in [@period_start, @today]. */
static gboolean
scan_visits (BfStore *store, const char *household_id, const char *cadre_id,
             const char *year_start, const char *period_start, const char *today,
             BfWorklistItem *item, gboolean *out_visited, GError **error)
{
  g_autoptr(GPtrArray) visits = bf_visit_list_by (store, "household_id", household_id, error);
  g_autoptr(GHashTable) voided = NULL;

  if (visits == NULL)
    return FALSE;
  voided = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < visits->len; i++)
    {
      BfVisit *visit = g_ptr_array_index (visits, i);

      if (visit->voids_id != NULL)
        g_hash_table_add (voided, visit->voids_id);
    }
  *out_visited = FALSE;
  for (guint i = 0; i < visits->len; i++)
    {
      BfVisit *visit = g_ptr_array_index (visits, i);

      if (visit->voids_id != NULL || g_hash_table_contains (voided, visit->id) ||
          g_strcmp0 (visit->cadre_id, cadre_id) != 0 || strcmp (visit->date, today) > 0)
        continue;
      if (item->last_visit == NULL || strcmp (visit->date, item->last_visit) > 0)
        {
          g_free (item->last_visit);
          item->last_visit = g_strdup (visit->date);
        }
      if (strcmp (visit->date, year_start) >= 0)
        item->visits_this_year++;
      if (strcmp (visit->date, period_start) >= 0)
        *out_visited = TRUE;
    }
  return TRUE;
}

BfWorklist *
bf_worklist_load (BfStore *store, const char *cadre_id, GError **error)
{
  g_autoptr(BfWorklist) worklist = g_new0 (BfWorklist, 1);
  g_autoptr(BfCadre) cadre = NULL;
  g_autoptr(GPtrArray) pairings = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) villages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  BfEditorLimits limits;
  char today[11], year_start[11], period_start[11];
  int months, month;

  worklist->items = g_ptr_array_new_with_free_func (item_free);
  worklist->cadre_id = cadre_id != NULL ? g_strdup (cadre_id) : bf_current_cadre_id (store);
  bf_editor_limits_load (store, &limits);
  worklist->visits_per_year = limits.visits_per_year;
  /* Four visits a year is one a quarter; the period is a whole number of months. */
  months = MAX (12 / limits.visits_per_year, 1);
  month = g_date_get_month (&limits.today);
  g_date_set_dmy (&worklist->period_start, 1, (GDateMonth) (((month - 1) / months) * months + 1),
                  g_date_get_year (&limits.today));
  if (worklist->cadre_id == NULL)
    return g_steal_pointer (&worklist);

  cadre = bf_cadre_get (store, worklist->cadre_id, error);
  if (cadre == NULL)
    return NULL;
  worklist->cadre_name = g_strdup (cadre->name);
  g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_get_year (&limits.today),
              g_date_get_month (&limits.today), g_date_get_day (&limits.today));
  g_snprintf (year_start, sizeof year_start, "%04d-01-01", g_date_get_year (&limits.today));
  g_snprintf (period_start, sizeof period_start, "%04d-%02d-01",
              g_date_get_year (&worklist->period_start),
              g_date_get_month (&worklist->period_start));

  pairings = bf_pairing_list_by (store, "cadre_id", worklist->cadre_id, error);
  if (pairings == NULL)
    return NULL;
  for (guint i = 0; i < pairings->len; i++)
    {
      BfPairing *pairing = g_ptr_array_index (pairings, i);
      g_autoptr(BfHousehold) household = NULL;
      BfWorklistItem *item;
      gboolean visited;

      if (pairing->to_date != NULL || g_hash_table_contains (seen, pairing->household_id))
        continue;
      g_hash_table_add (seen, pairing->household_id);
      household = bf_household_get (store, pairing->household_id, error);
      if (household == NULL)
        return NULL;
      worklist->paired++;
      item = g_new0 (BfWorklistItem, 1);
      item->household_id = g_strdup (household->id);
      item->head_name = g_strdup (household->head_name);
      item->village_name = village_name (store, villages, household->village_id);
      if (!scan_visits (store, household->id, worklist->cadre_id, year_start, period_start,
                        today, item, &visited, error))
        {
          item_free (item);
          return NULL;
        }
      if (visited)
        item_free (item);
      else
        g_ptr_array_add (worklist->items, item);
    }
  g_ptr_array_sort (worklist->items, compare_items);
  return g_steal_pointer (&worklist);
}
