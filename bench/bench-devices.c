/* bench-devices.c: many devices syncing with the server at once (bench-server's figure (d)).
 *
 * Each simulated device is a different pairing cadre's laptop, speaking the HTTP API on its own
 * connection: at the start signal it pushes a few new visits and pulls what is new in its
 * scope (its villages: what the other cadres there just pushed). Accounts and tokens are made
 * in the hub's store before the server starts — two hundred argon2 sign-ins are not what is
 * measured. The client side does no store work (the bodies are made beforehand), so the times
 * measured are the server's: from a device's connection (its first byte when the connection
 * is kept) to the last byte of its pull, as libsoup's message metrics time them. All devices run in one main loop, so all their requests are in flight together. */
#include "bf-config.h"
#include "bench-devices.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"
#include "bf-accounts.h"
#include "bf-hlc.h"
#include "bf-record.h"
#include "bf-schema.h"
#include "bf-store.h"
#include "bf-uuid.h"
#include "bf-wire.h"

struct _BenchDevice {
  SoupSession *session;
  char        *device_id;
  char        *token;
  GBytes      *push_body;     /* gzipped */
  GBytes      *pull_body;
  double       started;
  gboolean     push;          /* this round pushes before it pulls */
};
typedef BenchDevice SimDevice;

typedef struct {
  const char *url;
  GPtrArray  *devices;
  GArray     *latencies_ms;
  guint       pending;
  GMainLoop  *loop;
  guint64     pulled_bytes;   /* the pulls' bodies as received (gzipped) and as read */
  guint64     pulled_read;
} Round;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static SoupMessage *
post (const char *url, const char *path, const char *token, GBytes *body, gboolean gzipped)
{
  g_autofree char *full = g_strconcat (url, path, NULL);
  SoupMessage *msg = soup_message_new ("POST", full);

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (gzipped)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Encoding", "gzip");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  return msg;
}

/* The reply of @msg, or the bench stops: a refused request is a broken benchmark. */
static GBytes *
finish (SoupSession *session, SoupMessage *msg, GAsyncResult *result, const char *what)
{
  g_autoptr(GError) error = NULL;
  GBytes *reply = soup_session_send_and_read_finish (session, result, &error);

  if (reply == NULL || soup_message_get_status (msg) != 200)
    g_error ("%s: %s", what, error ? error->message : soup_message_get_reason_phrase (msg));
  return reply;
}

static void round_step (Round *round, SimDevice *device, gboolean first);

typedef struct {
  Round     *round;
  SimDevice *device;
  gboolean   pushed;
  gboolean   first;     /* the device's first request of the round */
} Step;

static void
step_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Step *step = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) reply = finish (SOUP_SESSION (source), msg, result,
                                    step->pushed ? "push" : "pull");
  SoupMessageMetrics *metrics = soup_message_get_metrics (msg);
  /* From when this device began to connect (or to send, on a kept connection): the time a
   * request waited inside this one-threaded client before that is not the server's. */
  guint64 began = soup_message_metrics_get_connect_start (metrics);

  if (began == 0)
    began = soup_message_metrics_get_request_start (metrics);
  if (step->first)
    step->device->started = began / 1e3;
  if (step->pushed)
    {
      step->device->push = FALSE;
      round_step (step->round, step->device, FALSE);
    }
  else
    {
      double latency = soup_message_metrics_get_response_end (metrics) / 1e3 - step->device->started;
      g_array_append_val (step->round->latencies_ms, latency);
      step->round->pulled_bytes += soup_message_metrics_get_response_body_bytes_received (metrics);
      step->round->pulled_read += g_bytes_get_size (reply);
      if (--step->round->pending == 0)
        g_main_loop_quit (step->round->loop);
    }
  g_free (step);
}

/* Sends the device's next request: its push, then its pull. */
static void
round_step (Round *round, SimDevice *device, gboolean first)
{
  g_autoptr(SoupMessage) msg = NULL;
  Step *step = g_new0 (Step, 1);

  step->round = round;
  step->device = device;
  step->pushed = device->push;
  step->first = first;
  msg = device->push ? post (round->url, "/v1/push", device->token, device->push_body, TRUE)
                     : post (round->url, "/v1/pull", device->token, device->pull_body, FALSE);
  soup_message_add_flags (msg, SOUP_MESSAGE_COLLECT_METRICS);
  soup_session_send_and_read_async (device->session, msg, G_PRIORITY_DEFAULT, NULL, step_done, step);
}

/* Every device starts at once; returns the latencies, sorted. */
static GArray *
run_round (const char *url, GPtrArray *devices, gboolean push)
{
  Round round = { url, devices, g_array_new (FALSE, FALSE, sizeof (double)), devices->len,
                  g_main_loop_new (NULL, FALSE) };

  for (guint i = 0; i < devices->len; i++)
    {
      SimDevice *device = g_ptr_array_index (devices, i);
      device->push = push;
      round_step (&round, device, TRUE);
    }
  g_main_loop_run (round.loop);
  g_main_loop_unref (round.loop);
  printf ("    pulls: %.1f KiB on the wire, %.1f KiB read (%.1f KiB a device)\n",
          round.pulled_bytes / 1024.0, round.pulled_read / 1024.0,
          round.pulled_read / 1024.0 / devices->len);
  return round.latencies_ms;
}

/* @visits new visits from @device_id, as its outbox would send them. */
static GBytes *
push_body (const char *device_id, const char *cadre_id, GPtrArray *household_ids, int visits,
           guint offset)
{
  const BfEntityDef *def = bf_entity_def (BF_ENTITY_VISIT);
  g_autoptr(BfBatch) batch = bf_batch_new (device_id);
  g_autoptr(GBytes) plain = NULL;

  batch->protocol = BF_PROTOCOL_VERSION;
  batch->schema = bf_store_latest_schema_version ();
  for (int i = 0; i < visits; i++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      g_autofree char *id = bf_uuid_random ();
      BfChange *change = bf_change_new (device_id, i + 1, BF_HLC_MAKE (bf_wall_clock_ms (), i),
                                        BF_ENTITY_VISIT, id);

      visit->id = g_strdup (id);
      visit->household_id = g_strdup (g_ptr_array_index (household_ids,
                                                         (offset + i) % household_ids->len));
      visit->cadre_id = g_strdup (cadre_id);
      visit->date = g_strdup_printf ("2016-%02d-%02d", 1 + i % 12, 1 + (offset + i) % 28);
      visit->kinds = 1;
      visit->description = g_strdup ("入户走访，了解生产生活情况");
      visit->amount_fen = (i % 3) * 10000;
      for (guint f = 0; f < def->n_fields; f++)
        {
          g_autofree char *text = bf_record_get_text (&def->fields[f], visit);
          bf_change_add_field (change, def->fields[f].name, text, NULL);
        }
      g_ptr_array_add (batch->changes, change);
    }
  plain = bf_batch_encode (batch);
  return bench_gzip (plain);
}

static void
report_round (const char *what, GArray *latencies)
{
  printf ("(d) %-48s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms\n", what,
          bench_percentile (latencies, 0.50), bench_percentile (latencies, 0.90),
          bench_percentile (latencies, 0.99), bench_percentile (latencies, 1.0));
}

/* Households a cadre is paired with now. */
static GPtrArray *
paired_households (BfStore *hub, const char *cadre_id)
{
  g_autoptr(GPtrArray) pairings = bf_pairing_list_by (hub, "cadre_id", cadre_id, NULL);
  GPtrArray *households = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pairings != NULL && i < pairings->len; i++)
    {
      BfPairing *pairing = g_ptr_array_index (pairings, i);
      if (pairing->to_date == NULL)
        g_ptr_array_add (households, g_strdup (pairing->household_id));
    }
  return households;
}

GPtrArray *
bench_devices_prepare (const char *db, int n_devices, int visits_each)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) hub = bf_store_open (db, BF_STORE_OPEN_EXISTING, &error);
  g_autoptr(GPtrArray) cadres = NULL;
  g_autofree char *hash = NULL;
  GPtrArray *devices = g_ptr_array_new ();
  int next = 0;

  if (hub == NULL)
    g_error ("%s", error->message);
  cadres = bf_store_list (hub, BF_ENTITY_CADRE, NULL, NULL, &error);
  for (guint i = 0; i < cadres->len && next < n_devices; i++)
    {
      BfCadre *cadre = g_ptr_array_index (cadres, i);
      g_autoptr(GPtrArray) households = paired_households (hub, cadre->id);
      g_autofree char *name = NULL, *scope = NULL;
      g_autoptr(BfSession) session = NULL;
      SimDevice *device;

      if (households->len == 0)
        continue;
      name = g_strdup_printf ("sim%d", next);
      scope = g_strconcat ("cadre:", cadre->id, NULL);
      /* A kept directory (--keep) has them from the last run. */
      if (!bf_account_add (hub, name, "bench-password", BF_ROLE_CADRE, scope, &error) &&
          !g_error_matches (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_EXISTS))
        g_error ("%s: %s", name, error->message);
      g_clear_error (&error);
      g_free (hash);
      hash = bf_account_password_hash (hub, name, &error);
      device = g_new0 (SimDevice, 1);
      device->device_id = bf_uuid_random ();
      session = bf_account_issue_token (hub, name, hash, device->device_id, "bench", &error);
      if (session == NULL)
        g_error ("%s: %s", name, error->message);
      device->token = g_strdup (session->token);
      device->push_body = push_body (device->device_id, cadre->id, households, visits_each,
                                     (guint) next * 7);
      g_ptr_array_add (devices, device);
      next++;
    }
  if (next < n_devices)
    g_error ("the demo district has only %d pairing cadres", next);
  return devices;
}

double
bench_process_cpu_ms (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL)
    return 0;
  /* After "pid (name)": state is field 3, utime 14 and stime 15. */
  fields = g_strsplit (after_name + 2, " ", 16);
  if (g_strv_length (fields) < 14)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

/* Where a round's CPU went: the server's, and this benchmark's driving all the devices. */
static void
report_cpu (const char *server_pid, double server_before, double self_before, guint devices)
{
  double server = bench_process_cpu_ms (server_pid) - server_before;
  double self = bench_process_cpu_ms ("self") - self_before;

  printf ("    CPU: the server %.0f ms (%.2f ms a device), this benchmark's devices %.0f ms\n",
          server, server / devices, self);
}

void
bench_devices_run (const char *url, GPtrArray *devices, gint64 cursor, int visits_each,
                   const char *server_pid)
{
  double server_cpu, self_cpu;
  g_autofree char *pull = g_strdup_printf ("{\"cursor\": %" G_GINT64_FORMAT
                                           ", \"limit\": 5000, \"unsent\": 0}", cursor);
  g_autofree char *what = NULL;
  GArray *latencies;
  double start;

  for (guint i = 0; i < devices->len; i++)
    {
      SimDevice *device = g_ptr_array_index (devices, i);
      device->session = soup_session_new_with_options ("timeout", 120, NULL);
      device->pull_body = g_bytes_new (pull, strlen (pull));
    }

  start = now_ms ();
  server_cpu = bench_process_cpu_ms (server_pid);
  self_cpu = bench_process_cpu_ms ("self");
  latencies = run_round (url, devices, TRUE);
  what = g_strdup_printf ("%u devices at once, each push %d + pull:", devices->len, visits_each);
  report_round (what, latencies);
  printf ("    %u changes pushed and %u syncs done in %.0f ms\n", devices->len * visits_each,
          devices->len, now_ms () - start);
  report_cpu (server_pid, server_cpu, self_cpu, devices->len);
  g_array_unref (latencies);

  /* The same again with nothing to push: every device asks what is new (what the others sent). */
  for (guint i = 0; i < devices->len; i++)
    soup_session_abort (((SimDevice *) g_ptr_array_index (devices, i))->session);
  server_cpu = bench_process_cpu_ms (server_pid);
  self_cpu = bench_process_cpu_ms ("self");
  latencies = run_round (url, devices, FALSE);
  g_free (what);
  what = g_strdup_printf ("%u devices at once, a pull each:", devices->len);
  report_round (what, latencies);
  report_cpu (server_pid, server_cpu, self_cpu, devices->len);
  g_array_unref (latencies);
}

void
bench_devices_free (GPtrArray *devices)
{
  for (guint i = 0; i < devices->len; i++)
    {
      SimDevice *device = g_ptr_array_index (devices, i);
      g_clear_object (&device->session);
      g_free (device->device_id);
      g_free (device->token);
      g_bytes_unref (device->push_body);
      g_clear_pointer (&device->pull_body, g_bytes_unref);
      g_free (device);
    }
  g_ptr_array_unref (devices);
}
