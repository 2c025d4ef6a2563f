/* bench-sync: the sync engine's figures, and how they change with the rows already stored.
 *
 *   build/bench/bench-sync [--sizes 10000,100000,1000000] [--batch 10000]
 *
 * For each size N a device store is pre-filled with N visits (their change-log and version
 * rows too), then: a visit written locally with its log entries (median of 500 commits), a
 * pulled batch of visits applied (field changes per second), and the batch encoded, decoded
 * and gzipped (bytes per visit on the wire). */
#include "bf-config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "bf-bundle.h"
#include "bench-util.h"
#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-uuid.h"
#include "bf-wire.h"

static const char *descriptions[] = {
  "入户宣传精准扶贫政策，了解家庭收入和生产情况", "送去生产启动资金，帮助购买鸡苗和饲料",
  "了解种养项目进展，商量下一步扶持计划", "走访慰问，核实低保五保待遇发放情况",
};

/* A batch of visit creations from one other device, as the hub would send it. */
static BfBatch *
visit_batch (GPtrArray *household_ids, GPtrArray *cadre_ids, int n, gint64 first_server_seq)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *device = bf_uuid_random ();
  BfBatch *batch = bf_batch_new (bf_uuid_random ());

  batch->protocol = BF_PROTOCOL_VERSION;
  batch->schema = bf_store_latest_schema_version ();
  for (int i = 0; i < n; i++)
    {
      g_autofree char *row = bf_uuid_random ();   /* as a device makes them: time-ordered */
      g_autofree char *date = g_strdup_printf ("2016-%02d-%02d", g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      g_autofree char *amount = g_strdup_printf ("%d", g_rand_int_range (rand, 0, 3) * 10000);
      BfChange *change = bf_change_new (device, i + 1,
                                        BF_HLC_MAKE (G_GINT64_CONSTANT (1480000000000) + i * 1000, 0),
                                        BF_ENTITY_VISIT, row);
      change->author = g_strdup ("李志强");
      change->server_seq = first_server_seq + i;
      /* Each cadre visits the households paired with them. */
      guint h = (guint) g_rand_int_range (rand, 0, (gint32) household_ids->len);
      bf_change_add_field (change, "household_id", g_ptr_array_index (household_ids, h), NULL);
      bf_change_add_field (change, "cadre_id", g_ptr_array_index (cadre_ids, h % cadre_ids->len), NULL);
      bf_change_add_field (change, "date", date, NULL);
      bf_change_add_field (change, "kinds", "policy,industry", NULL);
      bf_change_add_field (change, "description", descriptions[i % G_N_ELEMENTS (descriptions)], NULL);
      bf_change_add_field (change, "amount_fen", amount, NULL);
      bf_change_add_field (change, "voids_id", NULL, NULL);
      bf_change_add_field (change, "void_reason", NULL, NULL);
      g_ptr_array_add (batch->changes, change);
    }
  batch->cursor = first_server_seq + n - 1;
  return batch;
}

static gsize
gzip_size (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  gsize in_len = g_bytes_get_size (bytes), total = 0, read = 0;
  const guint8 *in = g_bytes_get_data (bytes, NULL);
  guint8 out[65536];

  for (;;)
    {
      gsize n_read = 0, n_written = 0;
      GConverterResult result = g_converter_convert (G_CONVERTER (gzip), in + read, in_len - read,
                                                     out, sizeof out, G_CONVERTER_INPUT_AT_END,
                                                     &n_read, &n_written, NULL);
      read += n_read;
      total += n_written;
      if (result == G_CONVERTER_FINISHED || result == G_CONVERTER_ERROR)
        return total;
    }
}

/* N visits straight into SQL: the engine's own write path would take minutes at a million. */
static void
prefill (BfStore *store, const char *household_id, const char *cadre_id, gint64 n)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %" G_GINT64_FORMAT "),"
    " v AS (SELECT i, lower(hex(randomblob(16))) AS h FROM k)"
    " INSERT INTO visits (id, household_id, cadre_id, date, kinds, description, amount_fen)"
    " SELECT substr(h,1,8)||'-'||substr(h,9,4)||'-4'||substr(h,14,3)||'-8'||substr(h,18,3)||'-'||substr(h,21,12),"
    " '%s', '%s', '2016-06-01', 'policy', '走访', 0 FROM v;"
    "INSERT INTO row_versions (entity, row_id, device, seq, hlc, last_version)"
    " SELECT 'visit', id, 'prefill', rowid, rowid, 'prefill:' || rowid FROM visits;"
    "INSERT INTO change_log (seq, hlc, entity, row_id, fields, state, made_at)"
    " SELECT rowid + 1000000000, rowid, 'visit', id, '{}', 'accepted', 0 FROM visits;",
    n, household_id, cadre_id);
  g_autoptr(GError) error = NULL;

  if (!bf_store_begin (store, &error) || !bf_store_exec (store, sql, &error) ||
      !bf_store_commit (store, &error))
    g_error ("prefill: %s", error->message);
}

static void
run_size (const char *dir, gint64 size, int batch_size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_autoptr(BfTown) town = g_new0 (BfTown, 1);
  g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
  g_autoptr(BfCadre) cadre = g_new0 (BfCadre, 1);
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);
  g_autoptr(GPtrArray) household_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cadre_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BfBatch) batch = NULL;
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(BfBatch) decoded = NULL;
  GDate today;
  gint64 start;
  double encode_s, decode_s, apply_s;
  gsize raw, gz;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2016);
  bf_store_set_today (store, &today);
  town->name = g_strdup ("源潭镇");
  g_assert_true (bf_town_insert (store, town, NULL));
  village->town_id = g_strdup (town->id);
  village->name = g_strdup ("积余村");
  g_assert_true (bf_village_insert (store, village, NULL));
  cadre->name = g_strdup ("李志强");
  g_assert_true (bf_cadre_insert (store, cadre, NULL));
  household->village_id = g_strdup (village->id);
  household->head_name = g_strdup ("黄水生");
  g_assert_true (bf_household_insert (store, household, NULL));
  prefill (store, household->id, cadre->id, size);
  /* A village's worth of households and their cadres, as a pulled batch would name. */
  for (int i = 0; i < 500; i++)
    {
      g_autoptr(BfHousehold) other = g_new0 (BfHousehold, 1);
      other->village_id = g_strdup (village->id);
      other->head_name = g_strdup ("陈桂英");
      g_assert_true (bf_household_insert (store, other, NULL));
      g_ptr_array_add (household_ids, g_strdup (other->id));
      if (i % 16 == 0)
        {
          g_autoptr(BfCadre) other_cadre = g_new0 (BfCadre, 1);
          other_cadre->name = g_strdup ("梁志明");
          g_assert_true (bf_cadre_insert (store, other_cadre, NULL));
          g_ptr_array_add (cadre_ids, g_strdup (other_cadre->id));
        }
    }

  for (int w = 0; w < 500; w++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      visit->household_id = g_strdup (household->id);
      visit->cadre_id = g_strdup (cadre->id);
      visit->date = g_strdup ("2016-12-30");
      visit->kinds = BF_HELP_POLICY;
      visit->description = g_strdup ("年终走访，了解全年收入情况");
      start = g_get_monotonic_time ();
      if (!bf_visit_insert (store, visit, &error))
        g_error ("%s", error->message);
      g_array_append_val (writes, (double) { (g_get_monotonic_time () - start) / 1e3 });
    }

  batch = visit_batch (household_ids, cadre_ids, batch_size, 1);
  start = g_get_monotonic_time ();
  wire = bf_batch_encode (batch);
  encode_s = (g_get_monotonic_time () - start) / 1e6;
  start = g_get_monotonic_time ();
  decoded = bf_batch_decode (g_bytes_get_data (wire, NULL), g_bytes_get_size (wire), &error);
  g_assert_no_error (error);
  decode_s = (g_get_monotonic_time () - start) / 1e6;
  raw = g_bytes_get_size (wire);
  gz = gzip_size (wire);

  start = g_get_monotonic_time ();
  if (!bf_sync_apply_pull (store, decoded, &error))
    g_error ("%s", error->message);
  apply_s = (g_get_monotonic_time () - start) / 1e6;

  printf ("| %" G_GINT64_FORMAT " | %.3f ms | %.0f | %.0f | %.0f | %.1f | %.1f |\n", size,
          bench_median (writes), batch_size * 8 / apply_s, batch_size / encode_s, batch_size / decode_s,
          (double) raw / batch_size, (double) gz / batch_size);
  g_clear_pointer (&store, bf_store_free);
  bench_remove_db (path);
}

int
main (int argc, char **argv)
{
  g_autofree char *sizes = g_strdup ("10000,100000,1000000");
  int batch_size = 10000;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Visits already stored, comma-separated", "N,…" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch_size, "Visits in the pulled batch", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) list = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  dir = g_dir_make_tmp ("bangfu-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  list = g_strsplit (sizes, ",", -1);
  printf ("| visits stored | visit write (median) | apply: field changes/s | encode: visits/s |"
          " decode: visits/s | bytes/visit raw | bytes/visit gzip |\n|---|---|---|---|---|---|---|\n");
  for (guint i = 0; list[i] != NULL; i++)
    run_size (dir, g_ascii_strtoll (list[i], NULL, 10), batch_size);
  g_rmdir (dir);
  return 0;
}
