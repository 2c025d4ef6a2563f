/* bench-import.c: importing a register of 5,000 households (10,000 people) — reading and
 * checking it (the dry run), writing it into an empty ledger, and importing it again unchanged.
 * Usage: bench-import [RUNS]; prints the median of each phase. */
#include "bf-config.h"

#include <stdio.h>

#include "bench-util.h"
#include "bf-import.h"
#include "bf-validate.h"

#define HOUSEHOLDS 5000
#define TOWNS 8
#define VILLAGES_PER_TOWN 16

static char *
id_number (guint serial, gboolean male)
{
  /* Births spread over 1940–1999; a serial of 3 digits per day, its last digit giving the sex. */
  guint day = serial % 21900;
  GDate date;
  char digits[19];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 1940);
  g_date_add_days (&date, day);
  g_snprintf (digits, sizeof digits, "441802%04u%02u%02u%02u%u", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date), (serial / 21900) % 100,
              male ? 1 : 2);
  digits[17] = bf_id_number_check_char (digits);
  digits[18] = '\0';
  return g_strdup (digits);
}

static char *
make_register (void)
{
  GString *csv = g_string_new ("户主身份证号,姓名,身份证号,与户主关系,所在镇,所在村,类别,劳动能力,家庭人口,联系电话,住址,新农合,新农保\r\n");

  for (guint h = 0; h < HOUSEHOLDS; h++)
    {
      g_autofree char *head = id_number (2 * h, TRUE);
      g_autofree char *spouse = id_number (2 * h + 1, FALSE);
      guint town = h % TOWNS, village = (h / TOWNS) % VILLAGES_PER_TOWN;

      g_string_append_printf (csv, "%s,户主%u,%s,户主,镇%u,村%u,%s,%s,2,138%08u,\"%u组, %u号\",是,是\r\n",
                              head, h, head, town, village, h % 3 == 0 ? "困难户" : "低保户",
                              h % 3 == 0 ? "有劳动能力" : "无劳动能力", h, h % 9, h);
      g_string_append_printf (csv, "%s,配偶%u,%s,配偶,,,,,,,,是,否\r\n", head, h, spouse);
    }
  return g_string_free (csv, FALSE);
}

static BfStore *
empty_ledger (const char *path)
{
  g_autoptr(GError) error = NULL;
  BfStore *store;

  bench_remove_db (path);
  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (bf_store_begin (store, &error));
  for (guint t = 0; t < TOWNS; t++)
    {
      g_autoptr(BfTown) town = g_new0 (BfTown, 1);
      town->name = g_strdup_printf ("镇%u", t);
      g_assert_true (bf_town_insert (store, town, &error));
      for (guint v = 0; v < VILLAGES_PER_TOWN; v++)
        {
          g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
          village->town_id = g_strdup (town->id);
          village->name = g_strdup_printf ("村%u", v);
          g_assert_true (bf_village_insert (store, village, &error));
        }
    }
  g_assert_true (bf_store_commit (store, &error));
  return store;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 3;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-bench-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *utf8 = make_register ();
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_gb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (double));

  printf ("register: %u households, %u rows, %zu bytes UTF-8, %zu bytes GB18030\n", HOUSEHOLDS,
          2 * HOUSEHOLDS, strlen (utf8), strlen (gb));
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      BfStore *store = empty_ledger (path);
      BfImportCounts counts = { 0 };
      gint64 start = g_get_monotonic_time ();
      g_autoptr(BfImport) import = bf_import_load (store, utf8, strlen (utf8), &error);
      g_autoptr(BfImport) import_gb = NULL;
      g_autoptr(BfImport) second = NULL;
      double s;

      g_assert_no_error (error);
      g_assert_cmpuint (bf_import_problems (import)->len, ==, 0);
      s = seconds_since (start);
      g_array_append_val (load, s);

      start = g_get_monotonic_time ();
      import_gb = bf_import_load (store, gb, strlen (gb), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bf_import_encoding (import_gb), ==, "GB18030");
      s = seconds_since (start);
      g_array_append_val (load_gb, s);

      start = g_get_monotonic_time ();
      g_assert_true (bf_import_apply (store, import, FALSE, &counts, &error));
      g_assert_cmpuint (counts.added, ==, HOUSEHOLDS);
      s = seconds_since (start);
      g_array_append_val (apply, s);

      start = g_get_monotonic_time ();
      second = bf_import_load (store, utf8, strlen (utf8), &error);
      g_assert_true (bf_import_apply (store, second, FALSE, &counts, &error));
      g_assert_cmpuint (counts.unchanged, ==, HOUSEHOLDS);
      s = seconds_since (start);
      g_array_append_val (again, s);
      printf ("run %d: read+check %.0f ms, GB18030 read+check %.0f ms, write %.0f ms,"
              " re-import unchanged %.0f ms\n", r + 1,
              g_array_index (load, double, r) * 1e3, g_array_index (load_gb, double, r) * 1e3,
              g_array_index (apply, double, r) * 1e3, g_array_index (again, double, r) * 1e3);
      bf_store_free (store);
    }
  printf ("median of %d: read+check (dry run) %.0f ms, GB18030 %.0f ms, write %.0f ms,"
          " re-import unchanged %.0f ms\n", runs, bench_median (load) * 1e3,
          bench_median (load_gb) * 1e3, bench_median (apply) * 1e3, bench_median (again) * 1e3);
  bench_remove_db (path);
  g_rmdir (dir);
  return 0;
}
