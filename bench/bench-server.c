/* bench-server: the district server's figures over loopback HTTP.
 *
 *   build/bench/bench-server [--visits 10000] [--page 5000] [--runs 20] [--devices 200] [--keep DIR]
 *                            [--server-log FILE] [--client-push-page N] [--client-pull-page N]
 *                            [--repeats N]
 *
 * Starts the real bangfu-server on a demo district (init --demo), then measures:
 *  (b) the initial sync of the whole district into a fresh district-role device;
 *  (c) a sync with nothing new (empty outbox, one pull) against that server, for the district
 *      device and for a cadre's;
 *  (a) N visits pushed from a cadre's device, and pulled into another device of the village:
 *      first with this program's own request loop, then N more through the real sync client
 *      (BfSyncClient, as `bangfu-cli sync` and the app run it: its page sizes, its pipeline);
 *  (d) 200 devices, each a different cadre's, syncing at once (bench-devices.c).
 * Push bodies are gzipped as the sync client sends them; answers are gzipped by the server.
 * "Wire" counts HTTP headers and bodies as libsoup's metrics see them on the socket. */
#include "bf-config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "bf-store.h"
#include "bf-sync.h"
#include "bf-sync-client-private.h"   /* bf_sync_client_set_page_sizes(), for --client-push-page */
#include "bf-wire.h"
#include "bench-devices.h"
#include "bench-util.h"

#define PASSWORD "bench-password"
/* Visits each simulated device pushes in (d). */
#define VISITS_EACH 5

typedef struct {
  SoupSession *session;
  char        *url;
  gint64       sent;       /* bytes on the wire, both ways, since the last reset */
  gint64       received;
} Client;

typedef struct {
  BfStore *store;
  char    *token;
} Device;

/* Where a pull's time goes: waiting for the server, decoding, applying. */
static double time_http, time_decode, time_apply;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static GBytes *
request (Client *client, const char *path, const char *token, GBytes *body, gboolean gzipped)
{
  g_autofree char *url = g_strconcat (client->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GError) error = NULL;
  g_autofree char *bearer = token ? g_strconcat ("Bearer ", token, NULL) : NULL;
  SoupMessageMetrics *metrics;
  GBytes *reply;

  soup_message_add_flags (msg, SOUP_MESSAGE_COLLECT_METRICS);
  if (bearer != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  if (gzipped)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Encoding", "gzip");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (client->session, msg, NULL, &error);
  if (reply == NULL || soup_message_get_status (msg) != 200)
    g_error ("%s: %s %.*s", path, error ? error->message : soup_message_get_reason_phrase (msg),
             reply ? (int) g_bytes_get_size (reply) : 0, reply ? (const char *) g_bytes_get_data (reply, NULL) : "");
  metrics = soup_message_get_metrics (msg);
  client->sent += soup_message_metrics_get_request_header_bytes_sent (metrics) +
                  soup_message_metrics_get_request_body_bytes_sent (metrics);
  client->received += soup_message_metrics_get_response_header_bytes_received (metrics) +
                      soup_message_metrics_get_response_body_bytes_received (metrics);
  return reply;
}

static Device *
device_new (Client *client, const char *path, const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *body = NULL;
  Device *device = g_new0 (Device, 1);

  g_unlink (path);
  device->store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  if (device->store == NULL)
    g_error ("%s", error->message);
  bf_store_set_author (device->store, user, NULL);
  body = g_strdup_printf ("{\"user\": \"%s\", \"password\": \"%s\", \"device\": \"%s\"}", user, PASSWORD,
                          bf_store_device_id (device->store));
  reply = request (client, "/v1/login", NULL, g_bytes_new_take (g_steal_pointer (&body), strlen (body)), FALSE);
  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), NULL);
  device->token = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                           "token"));
  return device;
}

/* Pushes the whole outbox in pages; returns the number of changes sent. */
static gint64
push_all (Client *client, Device *device, guint page)
{
  g_autoptr(GError) error = NULL;
  gint64 sent = 0;

  for (;;)
    {
      g_autoptr(BfBatch) outbox = bf_sync_outbox (device->store, page, &error);
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(BfPushResponse) response = NULL;

      if (outbox == NULL || outbox->changes->len == 0)
        return sent;
      plain = bf_batch_encode (outbox);
      reply = request (client, "/v1/push", device->token, bench_gzip (plain), TRUE);
      response = bf_push_response_decode (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
      if (response == NULL || !bf_sync_take_push_response (device->store, response, &error))
        g_error ("push: %s", error->message);
      sent += outbox->changes->len;
    }
}

/* Pulls until nothing more; returns the number of changes received. */
static gint64
pull_all (Client *client, Device *device, guint page)
{
  g_autoptr(GError) error = NULL;
  gint64 received = 0;

  for (gboolean more = TRUE; more;)
    {
      g_autofree char *body = g_strdup_printf ("{\"cursor\": %" G_GINT64_FORMAT ", \"limit\": %u, \"unsent\": 0}",
                                               bf_sync_cursor (device->store, NULL), page);
      double t0 = now_s (), t1, t2;
      g_autoptr(GBytes) reply = request (client, "/v1/pull", device->token,
                                         g_bytes_new_take (g_steal_pointer (&body), strlen (body)), FALSE);
      g_autoptr(BfBatch) batch = (t1 = now_s (),
                                  bf_batch_decode (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error));
      t2 = now_s ();
      if (batch == NULL || !bf_sync_apply_pull (device->store, batch, &error))
        g_error ("pull: %s", error->message);
      time_http += t1 - t0;
      time_decode += t2 - t1;
      time_apply += now_s () - t2;
      received += batch->changes->len;
      more = batch->more;
    }
  return received;
}

static void
device_free (Device *device)
{
  bf_store_free (device->store);
  g_free (device->token);
  g_free (device);
}

static int
run_cli (const char *dir, const char *input, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) BANGFU_SERVER_PATH);
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, (char *) dir);
  va_start (args, input);
  for (const char *arg; (arg = va_arg (args, const char *)) != NULL;)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, input ? input : "", NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  return g_subprocess_get_exit_status (process);
}

/* A cadre of the demo district with a current pairing, and a second one in the same village. */
static void
pick_cadres (const char *db, char **out_first, char **out_second, char **out_village)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) hub = bf_store_open (db, BF_STORE_OPEN_EXISTING, &error);
  g_autoptr(GPtrArray) pairings = hub ? bf_store_list (hub, BF_ENTITY_PAIRING, NULL, NULL, &error) : NULL;
  g_autofree char *village = NULL;

  if (pairings == NULL)
    g_error ("%s", error->message);
  *out_first = *out_second = NULL;
  for (guint i = 0; i < pairings->len && *out_second == NULL; i++)
    {
      BfPairing *pairing = g_ptr_array_index (pairings, i);
      g_autoptr(BfHousehold) household = bf_household_get (hub, pairing->household_id, NULL);
      if (pairing->to_date != NULL || household == NULL)
        continue;
      if (*out_first == NULL)
        {
          *out_first = g_strdup (pairing->cadre_id);
          village = g_strdup (household->village_id);
        }
      else if (g_strcmp0 (village, household->village_id) == 0 && g_strcmp0 (*out_first, pairing->cadre_id) != 0)
        *out_second = g_strdup (pairing->cadre_id);
    }
  if (*out_second == NULL)
    g_error ("no two cadres in one village");
  *out_village = g_steal_pointer (&village);
}

/* Visits by the cadre to their households in @village_id. */
static void
add_visits (Device *device, const char *cadre_id, const char *village_id, int n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairings = bf_pairing_list_by (device->store, "cadre_id", cadre_id, &error);
  g_autoptr(GPtrArray) households = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pairings != NULL && i < pairings->len; i++)
    {
      BfPairing *pairing = g_ptr_array_index (pairings, i);
      g_autoptr(BfHousehold) household = bf_household_get (device->store, pairing->household_id, NULL);
      if (pairing->to_date == NULL && household != NULL && g_strcmp0 (household->village_id, village_id) == 0)
        g_ptr_array_add (households, g_strdup (household->id));
    }
  if (households->len == 0 || !bf_store_begin (device->store, &error))
    g_error ("no pairing on the cadre's device");
  for (int i = 0; i < n; i++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      visit->household_id = g_strdup (g_ptr_array_index (households, i % households->len));
      visit->cadre_id = g_strdup (cadre_id);
      visit->date = g_strdup_printf ("2016-%02d-%02d", 1 + i % 12, 1 + i % 28);
      visit->kinds = 1 | (i % 2 ? 32 : 0);
      visit->description = g_strdup ("入户宣传精准扶贫政策，了解家庭收入和生产情况");
      visit->amount_fen = (i % 3) * 10000;
      if (!bf_visit_insert (device->store, visit, &error))
        g_error ("%s", error->message);
    }
  if (!bf_store_commit (device->store, &error))
    g_error ("%s", error->message);
}

static void
report (const char *what, gint64 changes, double seconds, Client *client)
{
  printf ("%-52s %7" G_GINT64_FORMAT " changes %8.2f s %9.0f changes/s  wire: %9.1f KiB up %9.1f KiB down\n",
          what, changes, seconds, changes / seconds, client->sent / 1024.0, client->received / 1024.0);
  if (time_http > 0)
    printf ("%-52s of which HTTP (server + transfer + gunzip) %.2f s, decode %.2f s, apply %.2f s\n", "",
            time_http, time_decode, time_apply);
  client->sent = client->received = 0;
  time_http = time_decode = time_apply = 0;
}

/* ---- the same through BfSyncClient ---- */

static void
client_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
client_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A sync client on @device's store, signed in through /v1/login as the client does it. */
static BfSyncClient *
client_login (const char *url, Device *device, const char *user)
{
  BfSyncClient *sync_client = bf_sync_client_new (device->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bf_sync_client_login_async (sync_client, url, user, PASSWORD, NULL, NULL, client_done, &result);
  if (!bf_sync_client_login_finish (sync_client, client_wait (&result), &error))
    g_error ("sign-in through the sync client: %s", error->message);
  return sync_client;
}

/* The server's process id, for its CPU time. */
static const char *server_pid;

/* When a sync's last push page was taken, and the CPU both sides had used by then. */
typedef struct {
  double wall, client_cpu, server_cpu;
} Moment;

static void
moment_now (Moment *moment)
{
  moment->wall = now_s ();
  moment->client_cpu = bench_process_cpu_ms ("self") / 1000;
  moment->server_cpu = bench_process_cpu_ms (server_pid) / 1000;
}

static void
note_push_progress (BfSyncClient *sync_client, BfSyncPhase phase, gint64 done, gint64 total,
                    gpointer user_data)
{
  if (phase == BF_SYNC_PHASE_PUSH)
    moment_now (user_data);
}

/* One whole sync (push, then pull until done); *out_push_end is when its last push page was
 * taken, so the push can be told apart from the pull that follows it. */
static BfSyncSummary *
client_sync (BfSyncClient *sync_client, Moment *out_push_end)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BfSyncSummary *summary;
  Moment push_end = { 0 };
  gulong handler = g_signal_connect (sync_client, "progress", G_CALLBACK (note_push_progress),
                                     &push_end);

  bf_sync_client_sync_async (sync_client, NULL, client_done, &result);
  summary = bf_sync_client_sync_finish (sync_client, client_wait (&result), &error);
  g_signal_handler_disconnect (sync_client, handler);
  if (summary == NULL)
    g_error ("sync through the sync client: %s", error->message);
  if (out_push_end != NULL)
    *out_push_end = push_end;
  return summary;
}

static double
report_client (const char *what, guint64 changes, const Moment *start, const Moment *end)
{
  double seconds = end->wall - start->wall;

  printf ("%-52s %7" G_GUINT64_FORMAT " changes %8.2f s %9.0f changes/s"
          "  CPU: client %.2f s, server %.2f s\n", what, changes, seconds, changes / seconds,
          end->client_cpu - start->client_cpu, end->server_cpu - start->server_cpu);
  return changes / seconds;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len == 0 ? 0 : values->len % 2 ? g_array_index (values, double, values->len / 2)
    : (g_array_index (values, double, values->len / 2 - 1) +
       g_array_index (values, double, values->len / 2)) / 2;
}

static void
no_op_syncs (Client *client, Device *device, const char *who, int runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < runs; i++)
    {
      double start = now_s (), ms;
      push_all (client, device, 5000);   /* an empty outbox: no request */
      pull_all (client, device, 5000);
      ms = (now_s () - start) * 1000;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  printf ("(c) sync with nothing new, %-24s median %.2f ms, p90 %.2f ms; wire %.0f bytes per sync\n", who,
          g_array_index (times, double, runs / 2), g_array_index (times, double, runs * 9 / 10),
          (double) (client->sent + client->received) / runs);
  client->sent = client->received = 0;
}

int
main (int argc, char **argv)
{
  gint64 visits = 10000, page = 5000, runs = 20, devices = 200, client_push_page = 0;
  gint64 client_pull_page = 0, repeats = 1;
  g_autofree char *keep = NULL, *server_log = NULL;
  GOptionEntry entries[] = {
    { "visits", 0, 0, G_OPTION_ARG_INT64, &visits, "Visits pushed in (a)", "N" },
    { "page", 0, 0, G_OPTION_ARG_INT64, &page, "Changes per push and per pull", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT64, &runs, "No-op syncs timed in (c)", "N" },
    { "devices", 0, 0, G_OPTION_ARG_INT64, &devices, "Devices syncing at once in (d); 0 skips it", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Work in DIR and keep it", "DIR" },
    { "server-log", 0, 0, G_OPTION_ARG_FILENAME, &server_log, "Write the server's request log to FILE", "FILE" },
    { "client-push-page", 0, 0, G_OPTION_ARG_INT64, &client_push_page,
      "Changes per push through the sync client in (a) (default: the client's own)", "N" },
    { "client-pull-page", 0, 0, G_OPTION_ARG_INT64, &client_pull_page,
      "Changes per pull through the sync client in (a) (default: the client's own)", "N" },
    { "repeats", 0, 0, G_OPTION_ARG_INT64, &repeats,
      "Times (a) through the sync client is run, each with N new visits: the median is reported "
      "too (the machine's neighbours move single runs)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *dir = NULL, *db = NULL, *line = NULL, *first = NULL, *second = NULL, *village = NULL;
  g_autofree char *scope1 = NULL, *scope2 = NULL, *path = NULL;
  Client client = { NULL };
  Device *boss, *a, *b;
  g_autoptr(BfSyncClient) client_a = NULL, client_b = NULL;
  g_autoptr(BfSyncSummary) summary_a = NULL, summary_b = NULL;
  g_autoptr(GArray) push_rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pull_rates = g_array_new (FALSE, FALSE, sizeof (double));
  Moment before, push_end, after;
  GPtrArray *sims = NULL;
  double start;
  gint64 n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  dir = keep ? g_strdup (keep) : g_dir_make_tmp ("bangfu-bench-server-XXXXXX", &error);
  db = g_build_filename (dir, "bangfu.db", NULL);
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      start = now_s ();
      if (run_cli (dir, NULL, "init", "--demo", NULL) != 0)
        g_error ("init --demo failed");
      printf ("init --demo (the district into the server's store): %.2f s\n", now_s () - start);
      pick_cadres (db, &first, &second, &village);
      scope1 = g_strconcat ("cadre:", first, NULL);
      scope2 = g_strconcat ("cadre:", second, NULL);
      run_cli (dir, PASSWORD "\n", "user", "add", "boss", "--role", "district", NULL);
      run_cli (dir, PASSWORD "\n", "user", "add", "cadre1", "--role", "cadre", "--scope", scope1, NULL);
      run_cli (dir, PASSWORD "\n", "user", "add", "cadre2", "--role", "cadre", "--scope", scope2, NULL);
    }
  else
    pick_cadres (db, &first, &second, &village);

  if (devices > 0)
    sims = bench_devices_prepare (db, (int) devices, VISITS_EACH);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        (server_log ? 0 : G_SUBPROCESS_FLAGS_STDERR_SILENCE));
  if (server_log != NULL)
    g_subprocess_launcher_set_stderr_file_path (launcher, server_log);
  server = g_subprocess_launcher_spawn (launcher, &error, BANGFU_SERVER_PATH, "--data", dir,
                                        "--listen", "127.0.0.1:0", NULL);
  if (server == NULL)
    g_error ("%s", error->message);
  server_pid = g_subprocess_get_identifier (server);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    g_error ("the server did not start");
  client.url = g_strdup (line + strlen ("listening on "));
  client.session = soup_session_new_with_options ("timeout", 600, NULL);

  /* (b) the whole district into a fresh district device */
  path = g_build_filename (dir, "boss.db", NULL);
  boss = device_new (&client, path, "boss");
  client.sent = client.received = 0;
  start = now_s ();
  n = pull_all (&client, boss, (guint) page);
  report ("(b) initial sync of the demo district (district)", n, now_s () - start, &client);
  no_op_syncs (&client, boss, "district device:", (int) runs);

  /* (a) visits from a cadre's device into another device of the same village */
  g_free (path);
  path = g_build_filename (dir, "cadre1.db", NULL);
  a = device_new (&client, path, "cadre1");
  g_free (path);
  path = g_build_filename (dir, "cadre2.db", NULL);
  b = device_new (&client, path, "cadre2");
  start = now_s ();
  n = pull_all (&client, a, (guint) page);
  report ("    initial sync of a cadre's device", n, now_s () - start, &client);
  pull_all (&client, b, (guint) page);
  client.sent = client.received = 0;
  no_op_syncs (&client, b, "cadre device:", (int) runs);
  add_visits (a, first, village, (int) visits);
  time_http = time_decode = time_apply = 0;
  start = now_s ();
  n = push_all (&client, a, (guint) page);
  report ("(a) push of new visits (cadre device → server)", n, now_s () - start, &client);
  start = now_s ();
  n = pull_all (&client, b, (guint) page);
  report ("(a) pull of them into another device", n, now_s () - start, &client);

  /* (a) again, N more visits, through BfSyncClient. Device a first takes its own visits back
   * (the hand loop does not), so that its sync pulls only the new ones after its push. */
  client_a = client_login (client.url, a, "cadre1");
  bf_sync_client_set_page_sizes (client_a, (guint) client_push_page, (guint) client_pull_page);
  client_b = client_login (client.url, b, "cadre2");
  bf_sync_client_set_page_sizes (client_b, 0, (guint) client_pull_page);
  pull_all (&client, a, (guint) page);
  for (gint64 r = 0; r < repeats; r++)
    {
      double rate;

      add_visits (a, first, village, (int) visits);
      moment_now (&before);
      g_clear_pointer (&summary_a, g_free);
      summary_a = client_sync (client_a, &push_end);
      moment_now (&after);
      rate = report_client ("(a) push through the sync client", summary_a->pushed, &before, &push_end);
      g_array_append_val (push_rates, rate);
      report_client ("    … then its own visits pulled back", summary_a->pulled, &push_end, &after);
      moment_now (&before);
      g_clear_pointer (&summary_b, g_free);
      summary_b = client_sync (client_b, NULL);
      moment_now (&after);
      rate = report_client ("(a) pull through the sync client", summary_b->pulled, &before, &after);
      g_array_append_val (pull_rates, rate);
    }
  if (repeats > 1)
    printf ("(a) through the sync client, median of %" G_GINT64_FORMAT ": push %.0f changes/s,"
            " pull %.0f changes/s\n", repeats, median (push_rates), median (pull_rates));
  client.sent = client.received = 0;

  /* (d) many devices at once, after everything so far: the district device shows where. */
  if (sims != NULL)
    {
      pull_all (&client, boss, (guint) page);
      bench_devices_run (client.url, sims, bf_sync_cursor (boss->store, NULL), VISITS_EACH,
                         g_subprocess_get_identifier (server));
      bench_devices_free (sims);
    }

  g_clear_object (&client_a);
  g_clear_object (&client_b);
  device_free (boss);
  device_free (a);
  device_free (b);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_object_unref (client.session);
  g_free (client.url);
  if (keep == NULL)
    {
      const char *names[] = { "bangfu.db", "boss.db", "cadre1.db", "cadre2.db" };
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *file = g_build_filename (dir, names[i], NULL);
          g_autofree char *wal = g_strconcat (file, "-wal", NULL);
          g_autofree char *shm = g_strconcat (file, "-shm", NULL);
          g_unlink (file);
          g_unlink (wal);
          g_unlink (shm);
        }
      g_rmdir (dir);
    }
  return 0;
}
