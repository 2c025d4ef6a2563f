/* bench-store: the demo district's build time, a visit's local write, and the summary.
 *
 *   build/bench/bench-store [--runs N] [--writes N]
 *
 * Medians over repeated runs; the machine is shared and noisy. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bf-demo.h"
#include "bench-util.h"
#include "bf-store-private.h"
#include "bf-summary.h"

int
main (int argc, char **argv)
{
  int runs = 5, writes = 1000;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Demo builds to time", "N" },
    { "writes", 0, 0, G_OPTION_ARG_INT, &writes, "Visits to write one by one", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GArray) builds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) visit_writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) summaries = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GPtrArray) pairings = NULL;
  GDate today;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  for (int r = 0; r < runs; r++)
    {
      gint64 start;
      bench_remove_db (path);
      g_clear_pointer (&store, bf_store_free);
      store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      if (!bf_demo_build (store, 2016, 2016, &error))
        g_error ("%s", error->message);
      g_array_append_val (builds, (double) { (g_get_monotonic_time () - start) / 1e3 });
    }

  for (int r = 0; r < 20; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(BfSummary) summary = bf_summary_compute (store, &error);
      g_assert_no_error (error);
      g_array_append_val (summaries, (double) { (g_get_monotonic_time () - start) / 1e3 });
    }

  /* A cadre saving visits one at a time: each its own committed transaction. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2016);
  bf_store_set_today (store, &today);
  pairings = bf_store_list (store, BF_ENTITY_PAIRING, NULL, NULL, &error);
  g_assert_no_error (error);
  for (int w = 0; w < writes; w++)
    {
      BfPairing *pairing = g_ptr_array_index (pairings, (guint) w % pairings->len);
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      gint64 start;

      visit->household_id = g_strdup (pairing->household_id);
      visit->cadre_id = g_strdup (pairing->cadre_id);
      visit->date = g_strdup ("2016-12-30");
      visit->kinds = BF_HELP_POLICY;
      visit->description = g_strdup ("年终走访，了解全年收入情况");
      start = g_get_monotonic_time ();
      if (!bf_visit_insert (store, visit, &error))
        g_error ("%s", error->message);
      g_array_append_val (visit_writes, (double) { (g_get_monotonic_time () - start) / 1e3 });
    }

  printf ("demo district build      median %8.1f ms   (%d runs)\n", bench_median (builds), runs);
  printf ("summary over the district median %8.2f ms   (20 runs)\n", bench_median (summaries));
  printf ("visit write (autocommit) median %8.3f ms   p90 %.3f ms   (%d writes)\n",
          bench_median (visit_writes), bench_percentile (visit_writes, 0.9), writes);

  g_clear_pointer (&store, bf_store_free);
  bench_remove_db (path);
  g_rmdir (dir);
  return 0;
}
