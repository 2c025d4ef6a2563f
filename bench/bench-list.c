/* bench-list: the app's household list and page — index build, filtering per keystroke,
 * the page of a household with 1,000 visits, and the index's memory.
 *
 *   build/bench/bench-list [--households N] [--db FILE] [--runs N]
 *
 * First on the demo district, then on a store of N households (100,000 by default): the demo
 * district plus synthetic households added through the store API in one transaction, each
 * with a head and a spouse, visits and a payment; ten of them with 1,000 visits each. --db
 * keeps that store in FILE and reuses it on the next run (building it takes minutes).
 * Medians over --runs repetitions; the machine is shared and noisy. */
#include "bf-config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "bf-demo.h"
#include "bf-demo-names.h"
#include "bf-household-detail.h"
#include "bf-household-index.h"
#include "bf-store-private.h"
#include "bf-validate.h"

#define HEAVY_HOUSEHOLDS 10
#define HEAVY_VISITS 1000

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

/* Resident memory in KiB, from /proc/self/status. */
static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

static char *
id_number (guint serial)
{
  char digits[19];
  int day = 1 + (int) (serial % 28), month = 1 + (int) (serial / 28 % 12);
  int year = 1940 + (int) (serial / 336 % 60);

  /* 441802 + birth date + a sequence: unique for the first 336,000 serials. */
  g_snprintf (digits, 18, "441802%04d%02d%02d%03u", year, month, day, serial / 20160 % 1000);
  digits[17] = bf_id_number_check_char (digits);
  digits[18] = '\0';
  return g_strdup (digits);
}

static void
check (gboolean ok, GError *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

/* Visits spread over 2016, and a payment; money every fourth household. */
static void
add_activity (BfStore *store, const char *household, const char *cadre, int visits,
              guint serial, GRand *rand)
{
  GError *error = NULL;

  for (int v = 0; v < visits; v++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      GDate date;
      char iso[11];

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 2016);
      g_date_add_days (&date, (guint) g_rand_int_range (rand, 0, 365));
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
      visit->household_id = g_strdup (household);
      visit->cadre_id = g_strdup (cadre);
      visit->date = g_strdup (iso);
      visit->kinds = BF_HELP_POLICY;
      visit->description = g_strdup ("走访了解生产生活情况");
      check (bf_visit_insert (store, visit, &error), error);
    }
  if (serial % 4 == 0)
    {
      g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);

      payment->household_id = g_strdup (household);
      payment->date = g_strdup ("2016-09-01");
      payment->source = BF_SOURCE_DISTRICT;
      payment->purpose = g_strdup ("区财政帮扶资金");
      payment->amount_fen = 200000;
      check (bf_payment_insert (store, payment, &error), error);
    }
}

/* The demo district, then synthetic households up to @target in the demo's villages, paired
 * with the demo's cadres. */
static void
make_store (BfStore *store, guint target)
{
  GError *error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (100000);
  g_autoptr(BfNameGen) names = bf_name_gen_new (rand);
  g_autoptr(GPtrArray) villages = NULL, cadres = NULL;
  gint64 have = 0;
  double start = now_ms ();

  check (bf_demo_build (store, 2016, 2016, &error), error);
  villages = bf_store_list (store, BF_ENTITY_VILLAGE, NULL, NULL, &error);
  cadres = bf_store_list (store, BF_ENTITY_CADRE, "role", "pairing", &error);
  check (villages != NULL && cadres != NULL, error);
  check (bf_store_query_int64 (store, "SELECT count(*) FROM households", &have, &error), error);
  check (bf_store_begin (store, &error), error);
  for (guint serial = 0; have + serial < target; serial++)
    {
      g_autoptr(BfHousehold) h = g_new0 (BfHousehold, 1);
      g_autoptr(BfMember) head = g_new0 (BfMember, 1);
      g_autoptr(BfMember) spouse = g_new0 (BfMember, 1);
      g_autoptr(BfPairing) pairing = g_new0 (BfPairing, 1);
      BfCadre *cadre = g_ptr_array_index (cadres, serial % cadres->len);
      const char *surname = bf_name_gen_surname (names);
      int birth = 1940 + (int) (serial % 60);

      h->village_id = g_strdup (((BfVillage *) g_ptr_array_index (villages, serial % villages->len))->id);
      h->head_name = bf_name_gen_person (names, surname, TRUE, birth);
      h->category = (BfCategory) (serial % 3);
      h->status = serial % 7 == 0 ? BF_STATUS_EXITED : BF_STATUS_REGISTERED;
      h->exit_year = h->status == BF_STATUS_EXITED ? 2016 : 0;
      check (bf_household_insert (store, h, &error), error);
      head->household_id = g_strdup (h->id);
      head->name = g_strdup (h->head_name);
      head->relation = BF_RELATION_HEAD;
      head->id_number = id_number (2 * serial);
      head->sex = BF_SEX_MALE;
      check (bf_member_insert (store, head, &error), error);
      spouse->household_id = g_strdup (h->id);
      spouse->name = bf_name_gen_person (names, NULL, FALSE, birth);
      spouse->relation = BF_RELATION_SPOUSE;
      spouse->id_number = id_number (2 * serial + 1);
      spouse->sex = BF_SEX_FEMALE;
      check (bf_member_insert (store, spouse, &error), error);
      pairing->cadre_id = g_strdup (cadre->id);
      pairing->household_id = g_strdup (h->id);
      pairing->from_date = g_strdup ("2016-01-01");
      check (bf_pairing_insert (store, pairing, &error), error);
      add_activity (store, h->id, cadre->id, serial < HEAVY_HOUSEHOLDS ? HEAVY_VISITS : (int) (serial % 5),
                    serial, rand);
      if (serial % 10000 == 9999)
        fprintf (stderr, "  %u households added (%.0f s)\n", serial + 1, (now_ms () - start) / 1e3);
    }
  check (bf_store_commit (store, &error), error);
  fprintf (stderr, "  store ready: %.1f s\n", (now_ms () - start) / 1e3);
}

/* This process's CPU time: on a shared machine the wall clock also counts waiting for a core. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static BfHouseholdIndex *
timed_build (BfStore *store, int runs, double *median_ms, double *median_cpu_ms)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  BfHouseholdIndex *index = NULL;
  GError *error = NULL;

  for (int r = 0; r < runs; r++)
    {
      double start = now_ms (), cpu_start = cpu_ms ();

      g_clear_pointer (&index, bf_household_index_free);
      index = bf_household_index_build (store, 2016, &error);
      check (index != NULL, error);
      g_array_append_val (samples, (double) { now_ms () - start });
      g_array_append_val (cpu_samples, (double) { cpu_ms () - cpu_start });
    }
  *median_ms = bench_median (samples);
  *median_cpu_ms = bench_median (cpu_samples);
  return index;
}

static double
time_filter (BfHouseholdIndex *index, const char *search, int runs, guint *matches)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  BfHouseholdFilter filter = BF_HOUSEHOLD_FILTER_INIT;

  filter.search = search;
  for (int r = 0; r < runs; r++)
    {
      double start = now_ms ();
      g_autoptr(GArray) positions = bf_household_index_filter (index, &filter);

      g_array_append_val (samples, (double) { now_ms () - start });
      *matches = positions->len;
    }
  return bench_median (samples);
}

int
main (int argc, char **argv)
{
  int households = 100000, runs = 5;
  g_autofree char *db = NULL;
  GOptionEntry entries[] = {
    { "households", 0, 0, G_OPTION_ARG_INT, &households, "Households in the large store", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Keep (and reuse) the large store in FILE", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Repetitions per figure", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-bench-list-XXXXXX", &error);
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *large_path = NULL;
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfHouseholdIndex) index = NULL;
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) details = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *heavy = NULL, *name = NULL, *fragment = NULL;
  const char *typed[] = { "z", "zh", "zha", "zhan", "zhang", NULL, NULL, NULL, NULL };
  double ms, cpu;
  gint64 rss_before, rss_after;
  guint matches = 0;
  GDate today;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2016);

  /* The demo district. */
  store = bf_store_open (demo_path, BF_STORE_OPEN_CREATE, &error);
  check (store != NULL && bf_demo_build (store, 2016, 2016, &error), error);
  index = timed_build (store, runs, &ms, &cpu);
  printf ("demo district: %u households, index build median %.1f ms (CPU %.1f ms)\n",
          bf_household_index_count (index), ms, cpu);
  g_clear_pointer (&index, bf_household_index_free);
  g_clear_pointer (&store, bf_store_free);
  bench_remove_db (demo_path);

  /* The large store. */
  large_path = db != NULL ? g_strdup (db) : g_build_filename (dir, "large.db", NULL);
  if (!g_file_test (large_path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "making a store of %d households…\n", households);
      store = bf_store_open (large_path, BF_STORE_OPEN_CREATE, &error);
      check (store != NULL, error);
      bf_store_set_today (store, &today);
      make_store (store, (guint) households);
    }
  else
    {
      store = bf_store_open (large_path, BF_STORE_OPEN_EXISTING, &error);
      check (store != NULL, error);
      bf_store_set_today (store, &today);
    }

  index = timed_build (store, runs, &ms, &cpu);
  printf ("large store: %u households, index build median %.1f ms (CPU %.1f ms)\n",
          bf_household_index_count (index), ms, cpu);
  /* Memory: after the builds above SQLite's page cache is full; one more build, measured
   * from a trimmed heap. */
  g_clear_pointer (&index, bf_household_index_free);
  malloc_trim (0);
  rss_before = rss_kib ();
  index = timed_build (store, 1, &ms, &cpu);
  rss_after = rss_kib ();
  printf ("index memory (VmRSS after − before): %.1f MiB, %.0f bytes per household\n",
          (rss_after - rss_before) / 1024.0,
          (rss_after - rss_before) * 1024.0 / bf_household_index_count (index));

  /* After a write: the household re-read and merged back into the list. */
  {
    g_autoptr(GArray) refreshes = g_array_new (FALSE, FALSE, sizeof (double));

    for (int r = 0; r < MAX (runs, 7); r++)
      {
        const char *ids[] = { bf_household_index_get (index, (guint) r * 997)->id, NULL };
        g_autofree char *id = g_strdup (ids[0]);
        double start = now_ms ();

        ids[0] = id;
        check (bf_household_index_refresh (index, store, ids, &error), error);
        g_array_append_val (refreshes, (double) { now_ms () - start });
      }
    printf ("refresh of one household: median %.1f ms\n", bench_median (refreshes));
  }

  /* Keystrokes: pinyin letter by letter, a name in characters, an ID number fragment. */
  name = g_strdup (bf_household_index_get (index, bf_household_index_count (index) / 2)->head_name);
  fragment = g_strndup (bf_household_index_get (index, 7)->head_id_number + 6, 8);
  typed[5] = name;
  typed[6] = fragment;
  typed[7] = "zs";
  for (int i = 0; typed[i] != NULL; i++)
    {
      ms = time_filter (index, typed[i], MAX (runs, 7), &matches);
      g_array_append_val (keystrokes, ms);
      printf ("  filter “%s”: %.2f ms median, %u matches\n", typed[i], ms, matches);
    }
  printf ("filtering per keystroke: median %.2f ms, worst %.2f ms (target < 30 ms)\n",
          bench_median (keystrokes), bench_percentile (keystrokes, 1.0));

  /* The page of a household with 1,000 visits. */
  check (bf_store_query_text (store, &heavy, &error,
                              "SELECT household_id FROM visits GROUP BY household_id"
                              " ORDER BY count(*) DESC LIMIT 1", NULL), error);
  for (int r = 0; r < MAX (runs, 7); r++)
    {
      double start = now_ms ();
      g_autoptr(BfHouseholdDetail) detail = bf_household_detail_load (store, heavy, &error);

      check (detail != NULL, error);
      g_array_append_val (details, (double) { now_ms () - start });
      matches = detail->visits->len;
    }
  printf ("household page with %u visits: median %.1f ms (target < 50 ms)\n", matches,
          bench_median (details));

  g_clear_pointer (&index, bf_household_index_free);
  g_clear_pointer (&store, bf_store_free);
  if (db == NULL)
    bench_remove_db (large_path);
  g_rmdir (dir);
  return 0;
}
