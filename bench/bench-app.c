/* bench-app: the desktop app's start-up to the first rows of the household list, and its
 * resident memory then, on the demo district and on a large store.
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' build/bench/bench-app [--big FILE] [--runs N]
 *
 * Each run is a fresh process (the program runs itself with --once), so every start pays
 * what a cadre's start pays: GTK, the style sheet, the store thread, the index build. The
 * page cache stays warm between runs, as it does on a laptop that opens the app twice. The
 * demo district is built into a temporary file; --big names a store of 100,000 households
 * made by `bench-list --households 100000 --db FILE`. Medians over --runs (default 5). */
#include "bf-config.h"

#include <stdio.h>
#include <string.h>

#include "bench-util.h"
#include "bf-application.h"
#include "bf-demo.h"
#include "bf-household-list-model.h"
#include "bf-validate.h"
#include "bf-window.h"

static gint64 process_start;

/* A line of /proc/self/status in KiB: VmRSS is all resident memory; RssAnon the process's
 * own; RssFile the file pages mapped in, mostly the store (SQLite maps it, mmap_size) —
 * page cache the kernel can drop, shared with every reader of the file. */
static gint64
status_kib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, key)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}

typedef struct {
  BfWindow *window;
  gint64    opened_at;
  gint64    first_paint_at; /* the window's first frame, rows or not */
  gint64    model_at;     /* the list model has rows (the index was built and swapped in) */
  gint64    rows_at;      /* the first frame painted with rows in the list */
  gboolean  has_rows;
} Once;

static void
after_paint (GdkFrameClock *clock, Once *once)
{
  BfHouseholdListModel *model =
    bf_household_list_get_model (bf_window_get_household_list (once->window));

  if (once->first_paint_at == 0)
    once->first_paint_at = g_get_monotonic_time ();
  /* Rows in the model and a frame painted after them: the list shows. */
  if (once->has_rows && once->rows_at == 0)
    once->rows_at = g_get_monotonic_time ();
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 && !once->has_rows)
    {
      once->has_rows = TRUE;
      once->model_at = g_get_monotonic_time ();
    }
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* One start: prints "first-rows-ms WINDOW_MS PROCESS_MS rss-kib N households N". */
static int
run_once (const char *path)
{
  g_autoptr(BfApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  Once once = { NULL };
  gint64 deadline;
  guint waker;
  GdkFrameClock *clock;
  guint rows;

  bf_application_setup_i18n (LOCALEDIR);
  gtk_init ();
  adw_init ();
  app = bf_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  settings = g_settings_new ("org.bangfu.Bangfu");
  once.opened_at = g_get_monotonic_time ();
  once.window = bf_window_new (GTK_APPLICATION (app), settings);
  bf_window_open (once.window, path);
  gtk_window_present (GTK_WINDOW (once.window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (once.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &once);
  /* Something must be painted after the rows arrive: ask for frames until then. */
  waker = g_timeout_add (5, wake, NULL);
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (once.rows_at == 0 && g_get_monotonic_time () < deadline)
    {
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
  if (once.rows_at == 0)
    g_error ("no rows after 120 s");
  rows = g_list_model_get_n_items (G_LIST_MODEL (bf_household_list_get_model (
                                     bf_window_get_household_list (once.window))));
  fprintf (stderr, "first frame after %.1f ms, model rows after %.1f ms, painted after %.1f ms\n",
           (once.first_paint_at - once.opened_at) / 1e3, (once.model_at - once.opened_at) / 1e3,
           (once.rows_at - once.opened_at) / 1e3);
  printf ("first-rows-ms %.1f %.1f rss-kib %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
          " households %u\n", (once.rows_at - once.opened_at) / 1e3,
          (once.rows_at - process_start) / 1e3, status_kib ("VmRSS:"), status_kib ("RssAnon:"),
          rows);
  fflush (stdout);
  /* The process ends here: the store thread closes with it. */
  return 0;
}

typedef struct {
  double window_ms, process_ms;
  gint64 rss_kib, anon_kib;
  guint  households;
} Sample;

static Sample
spawn_once (const char *self, const char *path)
{
  const char *argv[] = { self, "--once", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  Sample sample = { 0 };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("bench-app --once failed: %s\n%s", error->message, err ? err : "");
  if (sscanf (out, "first-rows-ms %lf %lf rss-kib %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
              " households %u", &sample.window_ms, &sample.process_ms, &sample.rss_kib,
              &sample.anon_kib, &sample.households) != 5)
    g_error ("unexpected output: %s", out);
  return sample;
}

static void
measure (const char *self, const char *label, const char *path, int runs)
{
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) process = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) anon = g_array_new (FALSE, FALSE, sizeof (double));
  guint households = 0;

  for (int r = 0; r < runs; r++)
    {
      Sample s = spawn_once (self, path);
      g_array_append_val (window, s.window_ms);
      g_array_append_val (process, s.process_ms);
      g_array_append_val (rss, (double) { s.rss_kib / 1024.0 });
      g_array_append_val (anon, (double) { s.anon_kib / 1024.0 });
      households = s.households;
    }
  printf ("%-24s %6u households  window→rows %6.0f ms  process→rows %6.0f ms"
          "  RSS %6.1f MB (own %6.1f MB)  (medians of %d)\n", label, households,
          bench_median (window), bench_median (process), bench_median (rss), bench_median (anon),
          runs);
}

int
main (int argc, char **argv)
{
  const char *big = NULL;
  int runs = 5;
  g_autofree char *dir = NULL;
  g_autofree char *demo = NULL;
  GDate today;

  process_start = g_get_monotonic_time ();
  if (argc == 3 && strcmp (argv[1], "--once") == 0)
    return run_once (argv[2]);
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--big") == 0 && i + 1 < argc)
        big = argv[++i];
      else if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        runs = atoi (argv[++i]);
      else
        {
          fprintf (stderr, "usage: bench-app [--big FILE] [--runs N]\n");
          return 2;
        }
    }
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    fprintf (stderr, "note: set GSETTINGS_SCHEMA_DIR to the build's data/ if the schema is not installed\n");

  dir = g_dir_make_tmp ("bench-app-XXXXXX", NULL);
  demo = g_build_filename (dir, "demo.db", NULL);
  bf_today (&today);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BfStore) store = bf_store_open (demo, BF_STORE_OPEN_CREATE, &error);
    if (store == NULL || !bf_demo_build (store, 1, g_date_get_year (&today), &error))
      g_error ("demo: %s", error->message);
  }
  measure (argv[0], "demo district", demo, runs);
  if (big != NULL)
    measure (argv[0], big, big, runs);
  bench_remove_db (demo);
  g_rmdir (dir);
  return 0;
}
