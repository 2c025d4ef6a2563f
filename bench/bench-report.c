/* bench-report: the whole district's assessment for a year, and the XLSX of all households.
 *
 *   build/bench/bench-report [--runs N]
 *
 * Targets (issue 6): the assessment under 300 ms, the XLSX under 2 s. Medians over repeated
 * runs; the machine is shared and noisy. The first assessment runs on a cold statement cache
 * and is timed apart. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-util.h"
#include "bf-assessment.h"
#include "bf-demo.h"
#include "bf-report.h"

static double
since_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e3;
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
  g_autofree char *dir = g_dir_make_tmp ("bangfu-bench-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "households.xlsx", NULL);
  g_autoptr(GArray) assessments = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) workbooks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BfStore) store = NULL;
  double cold;
  guint households = 0;
  GStatBuf st = { 0 };
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (runs < 1)
    g_error ("--runs must be at least 1");

  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  if (store == NULL || !bf_demo_build (store, 2016, 2016, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  {
    g_autoptr(BfAssessment) a = bf_assessment_compute (store, 2016, &error);
    if (a == NULL)
      g_error ("%s", error->message);
    households = a->households->len;
  }
  cold = since_ms (start);

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(BfAssessment) a = NULL;
      g_autoptr(BfReport) report = NULL;

      start = g_get_monotonic_time ();
      a = bf_assessment_compute (store, 2016, &error);
      if (a == NULL)
        g_error ("%s", error->message);
      g_array_append_val (assessments, (double) { since_ms (start) });

      /* What `bangfu-cli report households --format xlsx` does after opening the store. */
      start = g_get_monotonic_time ();
      g_clear_pointer (&a, bf_assessment_free);
      a = bf_assessment_compute (store, 2016, &error);
      report = bf_report_new (a, "清城区", BF_REPORT_HOUSEHOLDS);
      g_array_append_val (reports, (double) { since_ms (start) });
      if (!bf_report_write_xlsx (report, xlsx, &error))
        g_error ("%s", error->message);
      g_array_append_val (workbooks, (double) { since_ms (start) });
    }
  g_stat (xlsx, &st);

  printf ("demo district: %u households, year 2016, %d runs\n", households, runs);
  printf ("assessment, first (cold statements):   %8.1f ms\n", cold);
  printf ("assessment, median:                    %8.1f ms   (target < 300 ms)\n",
          bench_median (assessments));
  printf ("households report table, median:       %8.1f ms\n", bench_median (reports));
  printf ("XLSX of all households, median:        %8.1f ms   (target < 2000 ms), %.0f KiB\n",
          bench_median (workbooks), st.st_size / 1024.0);

  g_clear_pointer (&store, bf_store_free);
  bench_remove_db (path);
  g_unlink (xlsx);
  g_rmdir (dir);
  return 0;
}
