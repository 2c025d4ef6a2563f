/* bench-path: the network path's CPU work in one process, phase by phase, without HTTP.
 *
 *   build/bench/bench-path [--visits 10000] [--page 5000] [--runs 3] [--statements]
 *
 * A hub store with the demo district, then the steps a sync takes, each timed on its own:
 *  - the initial sync of the whole district into a fresh district device: the hub reads and
 *    encodes each page, gzips it; the device gunzips, decodes and applies it;
 *  - N visits pushed from a cadre's device: outbox, encode and gzip on the device; gunzip,
 *    decode, merge and log, and the answer's encoding on the hub; the device takes the answer;
 *  - those visits pulled into another device of the same cadre.
 * bench-server measures the same over loopback HTTP; this one shows which step to work on. */
#include "bf-config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "bf-demo.h"
#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-wire.h"

enum { HUB_READ, GZIP, GUNZIP, DECODE, APPLY, OUTBOX, HUB_PUSH, ANSWER, N_PHASES };
static const char *phase_names[N_PHASES] = {
  "hub reads its log, encodes", "gzip", "gunzip", "receiver decodes", "device applies",
  "device reads outbox", "hub merges and logs", "device takes the answer",
};
static double phase_time[N_PHASES];

/* --statements: SQLite's own time per statement in the push and pull, from its profile hook. */
static gboolean profile_statements;
static GHashTable *statement_ns;   /* SQL text → gint64[2]: nanoseconds, runs */

static int
on_statement_profile (unsigned type, void *data, void *p, void *x)
{
  const char *sql = sqlite3_sql (p);
  gint64 *entry;

  if (type != SQLITE_TRACE_PROFILE || sql == NULL)
    return 0;
  entry = g_hash_table_lookup (statement_ns, sql);
  if (entry == NULL)
    {
      entry = g_new0 (gint64, 2);
      g_hash_table_insert (statement_ns, g_strdup (sql), entry);
    }
  entry[0] += *(sqlite3_int64 *) x;
  entry[1]++;
  return 0;
}

static void
watch_statements (BfStore *store)
{
  if (profile_statements)
    sqlite3_trace_v2 (bf_store_db (store), SQLITE_TRACE_PROFILE, on_statement_profile, NULL);
}

static int
compare_statement_time (gconstpointer a, gconstpointer b)
{
  const gint64 *x = g_hash_table_lookup (statement_ns, *(const char **) a);
  const gint64 *y = g_hash_table_lookup (statement_ns, *(const char **) b);
  return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0;
}

static void
report_statements (const char *what)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (!profile_statements)
    return;
  g_hash_table_iter_init (&iter, statement_ns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_statement_time);
  printf ("  SQLite time per statement, %s:\n", what);
  for (guint i = 0; i < keys->len && i < 25; i++)
    {
      const gint64 *entry = g_hash_table_lookup (statement_ns, g_ptr_array_index (keys, i));
      printf ("    %8.1f ms %7" G_GINT64_FORMAT " runs  %.110s\n", entry[0] / 1e6, entry[1],
              (const char *) g_ptr_array_index (keys, i));
    }
  g_hash_table_remove_all (statement_ns);
}

/* Phases are timed in this thread's CPU time: on a shared machine it is steadier than the
 * wall clock (the totals give both; the difference is waiting, mostly for fsync). */
static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
wall_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static GBytes *
convert (GBytes *bytes, GConverter *converter)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, converter);
  gsize written;

  if (!g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &written, NULL, NULL) ||
      !g_output_stream_close (out, NULL, NULL))
    g_error ("gzip failed");
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* As the server compresses its answers (bf-server-body.c) and a device its pushes. */
#define ANSWER_LEVEL 1
#define PUSH_LEVEL   (-1)

/* Through gzip at @level and back, as the body travels, timing both ends. */
static GBytes *
travel (GBytes *bytes, int level)
{
  g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, level);
  g_autoptr(GZlibDecompressor) gunz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GBytes) packed = NULL;
  double start = now_s ();

  packed = convert (bytes, G_CONVERTER (gz));
  phase_time[GZIP] += now_s () - start;
  start = now_s ();
  bytes = convert (packed, G_CONVERTER (gunz));
  phase_time[GUNZIP] += now_s () - start;
  return bytes;
}

/* @wire through gzip at @level and back, then decoded by the receiver, each step timed. */
static BfBatch *
receive (GBytes *wire, int level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) received = travel (wire, level);
  double start = now_s ();
  BfBatch *decoded = bf_batch_decode (g_bytes_get_data (received, NULL),
                                      g_bytes_get_size (received), &error);

  if (decoded == NULL)
    g_error ("decode: %s", error->message);
  phase_time[DECODE] += now_s () - start;
  return decoded;
}

/* Pulls everything after the device's cursor in pages; returns the changes applied. */
static gint64
pull_all (BfStore *hub, BfStore *device, const BfScope *scope, guint page)
{
  gint64 total = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BfBatch) decoded = NULL;
      g_autoptr(GBytes) wire = NULL;
      gint64 cursor = bf_sync_cursor (device, &error);
      double start = now_s ();

      /* As the server does: the page written for the wire straight from the log. */
      wire = bf_hub_pull_encoded (hub, cursor, scope, page, NULL, &error);
      if (wire == NULL)
        g_error ("pull: %s", error->message);
      phase_time[HUB_READ] += now_s () - start;
      decoded = receive (wire, ANSWER_LEVEL);
      start = now_s ();
      if (!bf_sync_apply_pull (device, decoded, &error))
        g_error ("apply: %s", error->message);
      phase_time[APPLY] += now_s () - start;
      total += decoded->changes->len;
      more = decoded->more;
    }
  return total;
}

static gint64
push_all (BfStore *hub, BfStore *device, const BfHubWriter *writer, guint page)
{
  gint64 total = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BfBatch) decoded = NULL;
      g_autoptr(BfPushResponse) response = NULL;
      g_autoptr(BfPushResponse) answer = NULL;
      g_autoptr(GBytes) wire = NULL;
      g_autoptr(GBytes) answer_wire = NULL;
      double start = now_s ();
      guint count = 0;
      gint64 last = 0;

      /* As the sync client reads a page: spliced from the change log. */
      wire = bf_sync_outbox_encoded (device, 0, page, &count, &last, &error);
      if (wire == NULL)
        g_error ("outbox: %s", error->message);
      if (count == 0)
        return total;
      phase_time[OUTBOX] += now_s () - start;
      decoded = receive (wire, PUSH_LEVEL);
      start = now_s ();
      bf_hub_prepare_push (decoded, bf_store_get_policy (hub));   /* as the server does while decoding */
      phase_time[DECODE] += now_s () - start;
      start = now_s ();
      response = bf_hub_push_as (hub, decoded, writer, &error);
      if (response == NULL)
        g_error ("push: %s", error->message);
      phase_time[HUB_PUSH] += now_s () - start;
      start = now_s ();
      answer_wire = bf_push_response_encode_runs (response);   /* as the server answers BfSyncClient */
      answer = bf_push_response_decode (g_bytes_get_data (answer_wire, NULL),
                                        g_bytes_get_size (answer_wire), &error);
      if (answer == NULL || !bf_sync_take_push_response (device, answer, &error))
        g_error ("answer: %s", error->message);
      phase_time[ANSWER] += now_s () - start;
      total += count;
    }
}

static void
report (const char *what, gint64 changes, double wall, double cpu)
{
  double seconds = cpu;

  printf ("%-44s %7" G_GINT64_FORMAT " changes %7.3f s wall %9.0f changes/s; %7.3f s CPU %9.0f changes/s\n",
          what, changes, wall, changes / wall, cpu, changes / cpu);
  for (int i = 0; i < N_PHASES; i++)
    {
      if (phase_time[i] > 0)
        printf ("    %-28s %7.3f s  %5.1f%%\n", phase_names[i], phase_time[i],
                100 * phase_time[i] / seconds);
      phase_time[i] = 0;
    }
}

static const char *store_names[] = { "hub.db", "district.db", "sender.db", "receiver.db" };

static BfStore *
open_store (const char *dir, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);

  if (store == NULL)
    g_error ("%s: %s", name, error->message);
  return store;
}

/* A pairing cadre and the households they visit now, from the hub. */
static char *
pick_cadre (BfStore *hub, GPtrArray *households)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cadre_id = NULL;
  g_autoptr(GPtrArray) pairings = NULL;

  if (!bf_store_query_text (hub, &cadre_id, &error,
                            "SELECT cadre_id FROM pairings WHERE to_date IS NULL"
                            " GROUP BY cadre_id ORDER BY count(*) DESC, cadre_id LIMIT 1", NULL) ||
      cadre_id == NULL)
    g_error ("no pairing cadre");
  pairings = bf_pairing_list_by (hub, "cadre_id", cadre_id, &error);
  for (guint i = 0; i < pairings->len; i++)
    {
      BfPairing *pairing = g_ptr_array_index (pairings, i);
      if (pairing->to_date == NULL)
        g_ptr_array_add (households, g_strdup (pairing->household_id));
    }
  return g_steal_pointer (&cadre_id);
}

static void
add_visits (BfStore *device, const char *cadre_id, GPtrArray *households, int n)
{
  g_autoptr(GError) error = NULL;

  if (!bf_store_begin (device, &error))
    g_error ("%s", error->message);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      visit->household_id = g_strdup (g_ptr_array_index (households, i % households->len));
      visit->cadre_id = g_strdup (cadre_id);
      visit->date = g_strdup_printf ("2016-%02d-%02d", 1 + i % 12, 1 + i % 28);
      visit->kinds = 1 | (i % 2 ? 32 : 0);
      visit->description = g_strdup ("入户宣传精准扶贫政策，了解家庭收入和生产情况");
      visit->amount_fen = (i % 3) * 10000;
      if (!bf_visit_insert (device, visit, &error))
        g_error ("%s", error->message);
    }
  if (!bf_store_commit (device, &error))
    g_error ("%s", error->message);
}

static void
run_once (int visits, guint page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-bench-path-XXXXXX", &error);
  g_autoptr(BfStore) hub = open_store (dir, "hub.db");
  g_autoptr(BfStore) district = open_store (dir, "district.db");
  g_autoptr(BfStore) sender = open_store (dir, "sender.db");
  g_autoptr(BfStore) receiver = open_store (dir, "receiver.db");
  g_autoptr(BfScope) everything = bf_scope_new ();
  g_autoptr(BfScope) scope = NULL;
  g_autoptr(GPtrArray) households = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cadre_id = NULL;
  BfHubWriter writer = { "bench-cadre", NULL, NULL, FALSE, FALSE };
  gint64 n;
  double start, wall;

  everything->district = TRUE;
  if (!bf_store_make_hub (hub, &error) || !bf_demo_build (hub, 2016, 2016, &error))
    g_error ("demo: %s", error->message);

  start = now_s ();
  wall = wall_s ();
  n = pull_all (hub, district, everything, page);
  report ("initial sync of the district, district device", n, wall_s () - wall, now_s () - start);

  cadre_id = pick_cadre (hub, households);
  scope = bf_hub_cadre_scope (hub, cadre_id, &error);
  pull_all (hub, sender, scope, page);
  pull_all (hub, receiver, scope, page);
  memset (phase_time, 0, sizeof phase_time);
  add_visits (sender, cadre_id, households, visits);
  writer.device = bf_store_device_id (sender);
  writer.scope = scope;
  watch_statements (hub);
  watch_statements (sender);
  start = now_s ();
  wall = wall_s ();
  n = push_all (hub, sender, &writer, page);
  report ("push of new visits, cadre device -> hub", n, wall_s () - wall, now_s () - start);
  report_statements ("push (hub and sender)");
  watch_statements (receiver);
  start = now_s ();
  wall = wall_s ();
  n = pull_all (hub, receiver, scope, page);
  report ("pull of them into another device", n, wall_s () - wall, now_s () - start);
  report_statements ("pull (hub and receiver)");

  g_clear_pointer (&hub, bf_store_free);
  g_clear_pointer (&district, bf_store_free);
  g_clear_pointer (&sender, bf_store_free);
  g_clear_pointer (&receiver, bf_store_free);
  for (guint i = 0; i < G_N_ELEMENTS (store_names); i++)
    {
      g_autofree char *path = g_build_filename (dir, store_names[i], NULL);
      bench_remove_db (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int visits = 10000, page = 5000, runs = 1;
  GOptionEntry entries[] = {
    { "visits", 0, 0, G_OPTION_ARG_INT, &visits, "Visits pushed and pulled (10000)", "N" },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, "Changes per request (5000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Repetitions (1)", "N" },
    { "statements", 0, 0, G_OPTION_ARG_NONE, &profile_statements,
      "SQLite's time per statement in the push and the pull", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the sync path's phases, in process");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || visits < 1 || page < 1 || runs < 1)
    {
      fprintf (stderr, "bench-path: %s\n", error ? error->message : "counts must be positive");
      return 2;
    }
  statement_ns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int i = 0; i < runs; i++)
    run_once (visits, (guint) page);
  return 0;
}
