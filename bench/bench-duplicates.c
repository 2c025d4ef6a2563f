/* bench-duplicates: finding duplicate households on the demo district, and merging a pair.
 *
 *   build/bench/bench-duplicates [--runs N]
 *
 * Target (issue 6, duplicates): the search under 200 ms on the demo district (~5,300
 * households). The store is a hub, as at the district office, so a merge also orders and logs
 * every change it makes. Medians over repeated runs; the machine is shared and noisy. Each
 * merge run merges another candidate pair found by the search (the demo has a few same-name
 * pairs in one village), so --runs is capped by their number.
 *
 * The hub also checks every accepted change for a merged household to forward it to: the
 * cost of that check is measured against a push of 5,000 visits it belongs to. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-util.h"
#include "bf-demo.h"
#include "bf-duplicates.h"
#include "bf-merge-private.h"
#include "bf-sync.h"
#include "bf-uuid.h"

static double
since_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e3;
}

#define PUSHED 5000

/* 5,000 visit creations from a new device, to households of the demo district. */
static BfBatch *
visit_batch (GPtrArray *households, const char *cadre_id)
{
  g_autofree char *device = bf_uuid_random ();
  BfBatch *batch = bf_batch_new (device);

  batch->protocol = BF_PROTOCOL_VERSION;
  batch->schema = bf_store_latest_schema_version ();
  for (int i = 0; i < PUSHED; i++)
    {
      g_autofree char *row = bf_uuid_random ();
      const BfHousehold *household = g_ptr_array_index (households, (guint) i % households->len);
      BfChange *change = bf_change_new (device, i + 1, BF_HLC_MAKE (bf_wall_clock_ms (), i),
                                        BF_ENTITY_VISIT, row);

      bf_change_add_field (change, "household_id", household->id, NULL);
      bf_change_add_field (change, "cadre_id", cadre_id, NULL);
      bf_change_add_field (change, "date", "2016-06-01", NULL);
      bf_change_add_field (change, "kinds", "policy", NULL);
      bf_change_add_field (change, "description", "走访", NULL);
      bf_change_add_field (change, "amount_fen", "0", NULL);
      g_ptr_array_add (batch->changes, change);
    }
  return batch;
}

/* One push of 5,000 visits, and the forwarding check run again over the same changes. */
static void
time_push (BfStore *store, GPtrArray *households, const char *cadre_id, GArray *pushes,
           GArray *checks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = visit_batch (households, cadre_id);
  g_autoptr(BfPushResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();

  response = bf_hub_push (store, batch, &error);
  if (response == NULL)
    g_error ("%s", error->message);
  g_array_append_val (pushes, (double) { since_ms (start) });
  start = g_get_monotonic_time ();
  if (!bf_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < batch->changes->len; i++)
    if (!bf_merge_forward (store, g_ptr_array_index (batch->changes, i), NULL, &error))
      g_error ("%s", error->message);
  if (!bf_store_commit (store, &error))
    g_error ("%s", error->message);
  g_array_append_val (checks, (double) { since_ms (start) });
}

int
main (int argc, char **argv)
{
  int runs = 5;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measurement (median)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-bench-dupes-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GArray) finds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) merges = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pushes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) checks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) households = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(BfStore) store = NULL;
  double cold;
  gint64 start;
  guint merged = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (runs < 1)
    g_error ("--runs must be at least 1");

  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  if (store == NULL || !bf_store_make_hub (store, &error) ||
      !bf_demo_build (store, 2016, 2016, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  pairs = bf_duplicates_find (store, &error);
  if (pairs == NULL)
    g_error ("%s", error->message);
  cold = since_ms (start);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) again = NULL;

      start = g_get_monotonic_time ();
      again = bf_duplicates_find (store, &error);
      if (again == NULL)
        g_error ("%s", error->message);
      g_array_append_val (finds, (double) { since_ms (start) });
    }
  for (guint i = 0; i < pairs->len && merged < (guint) runs; i++)
    {
      const BfDuplicatePair *pair = g_ptr_array_index (pairs, i);
      BfMergeReport report = { 0 };

      start = g_get_monotonic_time ();
      if (!bf_merge_households (store, pair->household_a, pair->household_b, &report, &error))
        g_error ("%s", error->message);
      g_array_append_val (merges, (double) { since_ms (start) });
      merged++;
    }

  households = bf_household_list_by (store, NULL, NULL, &error);
  cadres = households ? bf_cadre_list_by (store, NULL, NULL, &error) : NULL;
  if (cadres == NULL || cadres->len == 0)
    g_error ("%s", error ? error->message : "no cadres");
  for (int r = 0; r < runs; r++)
    time_push (store, households, bf_record_id (g_ptr_array_index (cadres, 0)), pushes, checks);

  printf ("candidate pairs on the demo district: %u\n", pairs->len);
  printf ("find duplicates: cold %.1f ms, median %.1f ms over %d runs (target < 200 ms)\n",
          cold, bench_median (finds), runs);
  if (merges->len > 0)
    printf ("merge a pair (hub, logged): median %.1f ms over %u merges\n", bench_median (merges),
            merges->len);
  printf ("hub push of %d visits: median %.0f ms; the forwarding check over them: median %.1f ms"
          " (%.1f %% of the push)\n", PUSHED, bench_median (pushes), bench_median (checks),
          100.0 * bench_median (checks) / bench_median (pushes));
  g_clear_pointer (&store, bf_store_free);
  bench_remove_db (path);
  g_rmdir (dir);
  return 0;
}
