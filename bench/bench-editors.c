/* bench-editors.c: what the app's dialogs and worklist cost on the demo district.
 *
 *   bench-editors [--runs N]
 *
 * Builds the demo district (seed 1, year 2016) with "today" pinned to 2016-12-20 and times:
 * the worklist (bf_worklist_load) for the busiest cadre and for every cadre; the
 * visit editor's write (a visit and its fund-ledger payment in one transaction); and the
 * round trip of an empty job through BfAppDatabase (the store thread and back), which every
 * dialog pays on opening and on saving.
 */
#include "bf-config.h"

#include <stdlib.h>

#include "bench-util.h"
#include "bf-app-database.h"
#include "bf-demo.h"
#include "bf-worklist.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static char *
busiest_cadre (BfStore *store, GPtrArray **out_cadres)
{
  g_autoptr(GPtrArray) pairings = bf_pairing_list_by (store, NULL, NULL, NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < pairings->len; i++)
    {
      BfPairing *pairing = g_ptr_array_index (pairings, i);
      guint count;

      if (pairing->to_date != NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pairing->cadre_id)) + 1;
      g_hash_table_insert (counts, pairing->cadre_id, GUINT_TO_POINTER (count));
      if (count > best_count || (count == best_count && g_strcmp0 (pairing->cadre_id, best) < 0))
        best = pairing->cadre_id, best_count = count;
    }
  *out_cadres = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (*out_cadres, g_strdup (key));
  return g_strdup (best);
}

static gboolean
write_visit (BfStore *store, const char *household_id, const char *cadre_id, GError **error)
{
  g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
  g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);

  visit->household_id = g_strdup (household_id);
  visit->cadre_id = g_strdup (cadre_id);
  visit->date = g_strdup ("2016-12-20");
  visit->kinds = BF_HELP_POLICY | BF_HELP_FUNDS;
  visit->description = g_strdup ("送去春耕资金，讲解小额信贷政策");
  visit->amount_fen = 20000;
  payment->date = g_strdup (visit->date);
  payment->household_id = g_strdup (household_id);
  payment->source = BF_SOURCE_CADRE;
  payment->cadre_id = g_strdup (cadre_id);
  payment->amount_fen = visit->amount_fen;
  payment->purpose = g_strdup (visit->description);
  if (!bf_store_begin (store, error))
    return FALSE;
  if (!bf_visit_insert (store, visit, error) || !bf_payment_insert (store, payment, error) ||
      !bf_store_commit (store, error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* ---- the store thread's round trip ---- */

typedef struct {
  GMainLoop *loop;
  BfAppDatabase *database;
} Trip;

static gpointer
empty_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return GINT_TO_POINTER (TRUE);
}

static void
trip_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Trip *trip = user_data;

  g_assert_nonnull (bf_app_database_run_finish (BF_APP_DATABASE (source), result, NULL));
  g_main_loop_quit (trip->loop);
}

static void
open_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Trip *trip = user_data;

  trip->database = bf_app_database_open_finish (result, NULL);
  g_assert_nonnull (trip->database);
  g_main_loop_quit (trip->loop);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-bench-editors-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GArray) busiest = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) every = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) trips = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) cadres = NULL;
  g_autofree char *cadre = NULL;
  g_autoptr(BfWorklist) sample = NULL;
  BfStore *store;
  GDate today;
  Trip trip = { g_main_loop_new (NULL, FALSE), NULL };
  int runs = 5;

  if (argc == 3 && g_strcmp0 (argv[1], "--runs") == 0)
    runs = MAX (atoi (argv[2]), 1);
  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  if (store == NULL || !bf_demo_build (store, 1, 2016, &error))
    g_error ("demo: %s", error->message);
  g_date_set_dmy (&today, 20, G_DATE_DECEMBER, 2016);
  bf_store_set_today (store, &today);
  cadre = busiest_cadre (store, &cadres);
  sample = bf_worklist_load (store, cadre, &error);
  g_assert_no_error (error);

  for (int run = 0; run < runs; run++)
    {
      double start = now_ms ();

      g_autoptr(BfWorklist) list = bf_worklist_load (store, cadre, NULL);
      g_array_append_vals (busiest, &(double) { now_ms () - start }, 1);
      for (guint i = 0; i < cadres->len; i++)
        {
          double t = now_ms ();
          g_autoptr(BfWorklist) other = bf_worklist_load (store, g_ptr_array_index (cadres, i),
                                                          NULL);
          g_array_append_vals (every, &(double) { now_ms () - t }, 1);
        }
      start = now_ms ();
      /* The most overdue household, as a cadre working down the list would. */
      if (!write_visit (store, ((BfWorklistItem *) g_ptr_array_index (
                                  list->items->len > 0 ? list->items : sample->items, 0))->household_id,
                        cadre, &error))
        g_error ("write: %s", error->message);
      g_array_append_vals (writes, &(double) { now_ms () - start }, 1);
    }
  bf_store_free (store);

  bf_app_database_open_async (path, NULL, open_cb, &trip);
  g_main_loop_run (trip.loop);
  for (int run = 0; run < MAX (runs, 20); run++)
    {
      double start = now_ms ();

      bf_app_database_run (trip.database, empty_job, NULL, NULL, NULL, trip_cb, &trip);
      g_main_loop_run (trip.loop);
      g_array_append_vals (trips, &(double) { now_ms () - start }, 1);
    }
  g_clear_object (&trip.database);
  g_main_loop_unref (trip.loop);

  g_print ("demo district, today 2016-12-20; %u cadres with pairings; busiest: %u households, "
           "%u due\n", cadres->len, sample->paired, sample->items->len);
  g_print ("worklist, busiest cadre:        median %.2f ms\n", bench_median (busiest));
  g_print ("worklist, every cadre:          median %.2f ms, p99 %.2f ms, max %.2f ms\n",
           bench_median (every), bench_percentile (every, 0.99), bench_percentile (every, 1.0));
  g_print ("visit + payment write:          median %.2f ms\n", bench_median (writes));
  g_print ("store-thread round trip:        median %.3f ms, p90 %.3f ms\n",
           bench_median (trips), bench_percentile (trips, 0.9));
  bench_remove_db (path);
  g_rmdir (dir);
  return 0;
}
