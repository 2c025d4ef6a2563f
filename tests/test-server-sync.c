/* test-server-sync.c: sync through the real bangfu-server — round trips, retries, scopes, a
 * server killed mid-push, health during a push, a client gone mid-pull, conflicts.
 *
 *   test-server-sync [--tap] [BANGFU-SERVER]   (or BANGFU_SERVER names the binary; meson passes it)
 *
 * The server, the prepared store and the helpers are server-fixture.c. */
#include "bf-config.h"

#include <signal.h>
#include <string.h>

#include "bf-uuid.h"
#include "server-fixture.h"

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(Device) b = device_new (f, "b.db", "wang");
  g_autoptr(Device) boss = device_new (f, "boss.db", "boss");
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *sql = NULL;
  gint64 made = 0;
  guint status;

  sync_device (f, a);
  add_visits (a, 50);
  g_assert_true (bf_household_set (a->store, ids[HOUSE_A1], "address", "第三村民小组12号", NULL));
  sync_device (f, a);
  sync_device (f, b);
  g_assert_cmpint (store_count (b->store, "visits"), ==, 50);
  {
    g_autoptr(BfHousehold) household = bf_household_get (b->store, ids[HOUSE_A1], NULL);
    g_assert_cmpstr (household->address, ==, "第三村民小组12号");
  }
  g_assert_cmpint (bf_sync_count_pending (a->store, NULL), ==, 0);
  g_assert_true (bf_store_query_int64 (a->store, "SELECT count (*) FROM change_log", &made, NULL));
  sql = g_strdup_printf ("SELECT count (*) FROM hub_log WHERE device = '%s' AND account = 'li'",
                         bf_store_device_id (a->store));
  g_assert_cmpint (hub_count (f, sql), ==, made);

  /* The district sees every device; a cadre may not look. */
  reply = http (f, "GET", "/v1/status", boss->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  {
    g_autoptr(JsonObject) object = json_object (reply);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "devices")), ==, 3);
  }
  expect_refused (f, "GET", "/v1/status", a->token, NULL, 403);
  expect_refused (f, "GET", "/v1/conflicts", a->token, NULL, 403);
}

static void
test_retry (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPushResponse) first = NULL, second = NULL;
  gint64 logged;

  sync_device (f, a);
  add_visits (a, 10);
  outbox = bf_sync_outbox (a->store, 100, NULL);
  first = push (f, a, outbox);
  logged = hub_count (f, "SELECT count (*) FROM hub_log");
  second = push (f, a, outbox);   /* the answer was lost; the device sends the batch again */
  g_assert_cmpint (hub_count (f, "SELECT count (*) FROM hub_log"), ==, logged);
  g_assert_cmpuint (second->results->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      BfPushResult *was = g_ptr_array_index (first->results, i);
      BfPushResult *again = g_ptr_array_index (second->results, i);
      g_assert_cmpint (was->status, ==, BF_PUSH_ACCEPTED);
      g_assert_cmpint (again->status, ==, BF_PUSH_DUPLICATE);
      g_assert_cmpint (again->server_seq, ==, was->server_seq);
    }

  /* A client that reads answers in runs (as BfSyncClient does) gets the same, in one entry. */
  {
    g_autoptr(SoupMessage) msg = new_message (f, "POST", "/v1/push", a->token,
                                              bf_batch_encode (outbox), FALSE);
    g_autoptr(GBytes) reply = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(BfPushResponse) in_runs = NULL;
    g_autofree char *text = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Bangfu-Push-Answer", "runs");
    reply = soup_session_send_and_read (f->session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
    g_assert_nonnull (strstr (text, "\"n\":10}"));
    in_runs = bf_push_response_decode (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (in_runs->results->len, ==, 10);
    for (guint i = 0; i < 10; i++)
      {
        BfPushResult *was = g_ptr_array_index (second->results, i);
        BfPushResult *again = g_ptr_array_index (in_runs->results, i);
        g_assert_cmpint (again->seq, ==, was->seq);
        g_assert_cmpint (again->status, ==, BF_PUSH_DUPLICATE);
        g_assert_cmpint (again->server_seq, ==, was->server_seq);
      }
  }
}

static gboolean
batch_touches (const BfBatch *batch, const char *household_id)
{
  for (guint i = 0; i < batch->changes->len; i++)
    {
      const BfChange *change = g_ptr_array_index (batch->changes, i);
      const BfFieldChange *field = bf_change_get_field (change, "household_id");
      if (g_strcmp0 (change->row_id, household_id) == 0 ||
          (field != NULL && g_strcmp0 (field->value, household_id) == 0))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_household (BfStore *store, const char *id)
{
  g_autoptr(BfHousehold) household = bf_household_get (store, id, NULL);
  return household != NULL;
}

static void
test_scopes (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(Device) z = device_new (f, "z.db", "zhao");
  g_autofree char *raw_id = bf_uuid_random ();
  g_autofree char *visit_id = bf_uuid_random ();
  g_autoptr(BfBatch) batch = bf_batch_new (raw_id);
  g_autoptr(BfPushResponse) response = NULL;
  BfChange *change;
  Device raw = { NULL, NULL };

  /* Reading: neither cadre's pull ever holds the other town's households. */
  sync_device (f, a);
  sync_device (f, z);
  g_assert_false (has_household (a->store, ids[HOUSE_B1]));
  g_assert_false (has_household (z->store, ids[HOUSE_A1]));
  g_assert_true (has_household (z->store, ids[HOUSE_B1]));
  g_assert_true (bf_store_set_meta (z->store, "cursor", "0", NULL));
  {
    g_autoptr(BfBatch) all = pull_page (f, z, 10000);
    g_assert_false (batch_touches (all, ids[HOUSE_A1]));
    g_assert_false (batch_touches (all, ids[HOUSE_A2]));
    g_assert_true (batch_touches (all, ids[HOUSE_B1]));
  }

  /* Writing: li's hand-made changes to a household of 飞来峡镇 come back refused. */
  g_assert_cmpuint (login (f, "li", PASSWORD, raw_id, &raw.token), ==, 200);
  batch->schema = bf_store_latest_schema_version ();
  change = bf_change_new (raw_id, 1, BF_HLC_MAKE (g_get_real_time () / 1000, 0), BF_ENTITY_VISIT, visit_id);
  bf_change_add_field (change, "household_id", ids[HOUSE_B1], NULL);
  bf_change_add_field (change, "cadre_id", ids[CADRE_LI], NULL);
  bf_change_add_field (change, "date", "2016-05-01", NULL);
  g_ptr_array_add (batch->changes, change);
  change = bf_change_new (raw_id, 2, BF_HLC_MAKE (g_get_real_time () / 1000, 1), BF_ENTITY_HOUSEHOLD, ids[HOUSE_B1]);
  bf_change_add_field (change, "head_name", "黄改名", "00000000-0000-4000-8000-000000000000:1");
  g_ptr_array_add (batch->changes, change);
  response = push (f, &raw, batch);
  g_assert_cmpuint (response->results->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      BfPushResult *result = g_ptr_array_index (response->results, i);
      g_assert_cmpint (result->status, ==, BF_PUSH_REJECTED);
      g_assert_nonnull (strstr (result->reason, "outside your area"));
    }
  g_assert_cmpint (hub_count (f, "SELECT count (*) FROM households WHERE head_name = '黄改名'"), ==, 0);

  /* A batch must come from the token's own device. */
  g_free (batch->sender);
  batch->sender = bf_uuid_random ();
  expect_refused (f, "POST", "/v1/push", raw.token, bf_batch_encode (batch), 403);
  g_free (raw.token);
}

/* A push under way, asynchronously. */
typedef struct {
  SoupMessage *msg;
  GBytes      *reply;
  gboolean     wrote;
  gboolean     done;
} AsyncPush;

static void
push_wrote_body (SoupMessage *msg, gpointer data)
{
  ((AsyncPush *) data)->wrote = TRUE;
}

static void
push_done (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncPush *push = data;

  push->reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  push->done = TRUE;
}

static void
push_start (Fixture *f, Device *device, const BfBatch *batch, AsyncPush *push)
{
  g_autoptr(GBytes) body = bf_batch_encode (batch);

  memset (push, 0, sizeof *push);
  push->msg = new_message (f, "POST", "/v1/push", device->token, body, FALSE);
  g_signal_connect (push->msg, "wrote-body", G_CALLBACK (push_wrote_body), push);
  soup_session_send_and_read_async (f->session, push->msg, G_PRIORITY_DEFAULT, NULL, push_done, push);
  wait_for (&push->wrote, DEADLINE_S);
}

static void
push_clear (AsyncPush *push)
{
  wait_for (&push->done, DEADLINE_S);
  g_clear_object (&push->msg);
  g_clear_pointer (&push->reply, g_bytes_unref);
}

static void
assert_all_arrived (Fixture *f, Device *device, gint64 visits)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM hub_log WHERE device = '%s'",
                                          bf_store_device_id (device->store));
  g_autofree char *distinct = g_strdup_printf ("SELECT count (DISTINCT seq) FROM hub_log WHERE device = '%s'",
                                               bf_store_device_id (device->store));
  gint64 made = 0;

  g_assert_true (bf_store_query_int64 (device->store, "SELECT count (*) FROM change_log", &made, NULL));
  g_assert_cmpint (bf_sync_count_pending (device->store, NULL), ==, 0);
  g_assert_cmpint (hub_count (f, sql), ==, made);
  g_assert_cmpint (hub_count (f, distinct), ==, made);
  g_assert_cmpint (hub_count (f, "SELECT count (*) FROM visits"), ==, visits);
}

static void
test_kill_mid_push (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(BfBatch) outbox = NULL;
  AsyncPush push;

  sync_device (f, a);
  add_visits (a, 10000);
  outbox = bf_sync_outbox (a->store, 10000, NULL);
  push_start (f, a, outbox, &push);
  /* A quarter of a second later the batch is being decoded or applied: the power goes. */
  {
    gboolean later = FALSE;
    g_timeout_add (250, deadline_passed, &later);
    wait_for (&later, DEADLINE_S);
  }
  g_test_message ("killed the server %s the push's answer", push.done ? "after" : "before");
  stop_server (f, SIGKILL);
  push_clear (&push);
  start_server (f);
  sync_device (f, a);
  assert_all_arrived (f, a, 10000);
}

static void
test_health_during_push (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(SoupSession) other = soup_session_new_with_options ("timeout", DEADLINE_S, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  g_autofree char *url = g_strconcat (f->url, "/v1/health", NULL);
  AsyncPush push;
  gint64 started;
  double ms;

  sync_device (f, a);
  add_visits (a, 10000);
  outbox = bf_sync_outbox (a->store, 10000, NULL);
  push_start (f, a, outbox, &push);
  started = g_get_monotonic_time ();
  msg = soup_message_new ("GET", url);
  reply = soup_session_send_and_read (other, msg, NULL, NULL);
  ms = (g_get_monotonic_time () - started) / 1000.0;
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_test_message ("health answered in %.1f ms%s", ms,
                  push.done ? " (after the push had finished)" : " while the push was applied");
  g_assert_cmpfloat (ms, <, 2000);
  wait_for (&push.done, DEADLINE_S);
  g_assert_cmpuint (soup_message_get_status (push.msg), ==, 200);
  push_clear (&push);
}

/* A device with two pushes in flight: the second, small one is read whole and decoded long
 * before the first, big one, yet the server merges them in the order they came in. Merged
 * first, the second would have waited behind the gap and come back without a result for any
 * of its changes. The big body (1.1 MB) is far more than a socket holds unread, so its having
 * gone out whole means the server has read its headers, which is when a push takes its place. */
static void
test_pushes_in_order (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(BfBatch) big = NULL, small = NULL;
  g_autoptr(BfPushResponse) big_response = NULL, small_response = NULL;
  g_autoptr(GError) error = NULL;
  AsyncPush first, second;
  const BfChange *last;

  sync_device (f, a);
  add_visits (a, 3005);
  big = bf_sync_outbox (a->store, 3000, NULL);
  last = g_ptr_array_index (big->changes, big->changes->len - 1);
  small = bf_sync_outbox_after (a->store, last->seq, 100, NULL);
  g_assert_cmpuint (small->changes->len, ==, 5);
  push_start (f, a, big, &first);   /* returns once it is written */
  push_start (f, a, small, &second);
  wait_for (&first.done, DEADLINE_S);
  wait_for (&second.done, DEADLINE_S);
  g_assert_cmpuint (soup_message_get_status (second.msg), ==, 200);
  small_response = bf_push_response_decode (g_bytes_get_data (second.reply, NULL),
                                            g_bytes_get_size (second.reply), &error);
  g_assert_no_error (error);
  big_response = bf_push_response_decode (g_bytes_get_data (first.reply, NULL),
                                          g_bytes_get_size (first.reply), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (big_response->results->len, ==, 3000);
  g_assert_cmpuint (small_response->results->len, ==, 5);
  for (guint i = 0; i < small_response->results->len; i++)
    g_assert_cmpint (((BfPushResult *) g_ptr_array_index (small_response->results, i))->status,
                     ==, BF_PUSH_ACCEPTED);
  g_assert_true (bf_sync_take_push_response (a->store, big_response, &error));
  g_assert_true (bf_sync_take_push_response (a->store, small_response, &error));
  push_clear (&first);
  push_clear (&second);
  assert_all_arrived (f, a, 3005);
}

/* A push whose body is cut off (the laptop's link died while sending) took its place in its
 * token's line when its headers came in; it must give that place up, or the device's next
 * push would wait behind it. */
static void
test_cut_off_push_gives_way (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  GOutputStream *out;
  char partial[1000];
  gint64 started;
  guint status;

  sync_device (f, a);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri),
                                                NULL, &error);
  g_assert_no_error (error);
  head = g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
                          "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
                          g_uri_get_host (uri), a->token);
  memset (partial, ' ', sizeof partial);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_assert_true (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, partial, sizeof partial, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The server has the headers once a request behind them on another connection is answered. */
  g_bytes_unref (http (f, "GET", "/v1/health", NULL, NULL, &status));
  g_assert_true (g_io_stream_close (G_IO_STREAM (connection), NULL, &error));
  add_visits (a, 10);
  started = g_get_monotonic_time ();
  sync_device (f, a);
  g_test_message ("the next push went through in %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  assert_all_arrived (f, a, 10);
}

/* A connection on which nothing moves — a laptop whose link died in the middle of sending a
 * push, or one that connected and never spoke — is closed after the idle timeout, and the
 * place the push took in its device's line goes with it. */
static void
test_idle_connection_closed (Fixture *f, gconstpointer data)
{
  static const char *const idle[] = { "--idle-timeout", "1", NULL };
  g_autoptr(Device) a = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) stalled = NULL, silent = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  char byte;
  gint64 started;

  stop_server (f, SIGTERM);
  start_server_with (f, NULL, NULL, idle);
  a = device_new (f, "a.db", "li");
  uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  sync_device (f, a);
  stalled = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri),
                                             NULL, &error);
  silent = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri),
                                            NULL, &error);
  g_assert_no_error (error);
  head = g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
                          "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n[",
                          g_uri_get_host (uri), a->token);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stalled)),
                                            head, strlen (head), NULL, NULL, &error));
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  /* Both end: the server closes them (a read of 0 bytes), within the deadline. */
  g_socket_set_timeout (g_socket_connection_get_socket (stalled), 10);
  g_socket_set_timeout (g_socket_connection_get_socket (silent), 10);
  g_assert_cmpint (g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (stalled)),
                                        &byte, 1, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (silent)),
                                        &byte, 1, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_test_message ("closed after %.1f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  /* The device's next push is not held behind the one that never came whole. */
  add_visits (a, 10);
  started = g_get_monotonic_time ();
  sync_device (f, a);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  assert_all_arrived (f, a, 10);
}

static void
test_cancel_mid_pull (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(Device) boss = device_new (f, "boss.db", "boss");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  gsize got = 0;

  sync_device (f, a);
  add_visits (a, 6000);
  sync_device (f, a);
  /* Uncompressed, so the answer is megabytes and still on its way when the client leaves. */
  body = text_bytes ("{\"cursor\": 0, \"limit\": 10000}");
  msg = new_message (f, "POST", "/v1/pull", boss->token, body, FALSE);
  soup_message_disable_feature (msg, SOUP_TYPE_CONTENT_DECODER);
  stream = soup_session_send (f->session, msg, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (g_input_stream_read_all (stream, buffer, sizeof buffer, &got, cancellable, &error));
  g_assert_cmpuint (got, ==, sizeof buffer);
  g_cancellable_cancel (cancellable);
  g_input_stream_close (stream, NULL, NULL);
  g_assert_cmpint (bf_sync_cursor (boss->store, NULL), ==, 0);

  /* The next pull starts again from the same cursor and brings the same result. */
  sync_device (f, boss);
  g_assert_cmpint (store_count (boss->store, "visits"), ==, 6000);
  g_assert_cmpint (bf_sync_cursor (boss->store, NULL), ==, hub_count (f, "SELECT max (server_seq) FROM hub_log"));
  sync_device (f, boss);
  g_assert_cmpint (store_count (boss->store, "visits"), ==, 6000);
}

static char *
head_name (BfStore *store)
{
  g_autoptr(BfHousehold) household = bf_household_get (store, ids[HOUSE_A1], NULL);
  return g_strdup (household->head_name);
}

static void
test_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(Device) b = device_new (f, "b.db", "wang");
  g_autoptr(Device) boss = device_new (f, "boss.db", "boss");
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autofree char *path = NULL, *on_a = NULL, *on_b = NULL, *audit = NULL;
  g_autofree char *conflict_id = NULL, *other = NULL;
  JsonArray *conflicts;
  guint status;

  sync_device (f, a);
  sync_device (f, b);
  /* Both cadres rename the same household offline. */
  g_assert_true (bf_household_set (a->store, ids[HOUSE_A1], "head_name", "黄甲", NULL));
  g_assert_true (bf_household_set (b->store, ids[HOUSE_A1], "head_name", "黄乙", NULL));
  sync_device (f, a);
  sync_device (f, b);
  sync_device (f, a);

  reply = http (f, "GET", "/v1/conflicts", boss->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  list = json_object (reply);
  conflicts = json_object_get_array_member (list, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  {
    JsonObject *conflict = json_array_get_object_element (conflicts, 0);
    g_assert_cmpstr (json_object_get_string_member (conflict, "field"), ==, "head_name");
    g_assert_cmpstr (json_object_get_string_member (conflict, "row_id"), ==, ids[HOUSE_A1]);
    conflict_id = g_strdup (json_object_get_string_member (conflict, "id"));
    other = g_strdup (json_object_get_string_member (conflict, "other_value"));
  }

  path = g_strdup_printf ("/v1/conflicts/%s/resolve", conflict_id);
  expect_refused (f, "POST", path, boss->token, text_bytes ("{\"keep\": \"both\"}"), 400);
  expect_refused (f, "POST", path, a->token, text_bytes ("{\"keep\": \"other\"}"), 403);
  expect_refused (f, "POST", "/v1/conflicts/00000000-0000-4000-8000-000000000000/resolve",
                  boss->token, text_bytes ("{\"keep\": \"other\"}"), 404);
  for (int i = 0; i < 2; i++)   /* the second time is a retry after a lost answer */
    {
      g_clear_pointer (&reply, g_bytes_unref);
      reply = http (f, "POST", path, boss->token, text_bytes ("{\"keep\": \"other\"}"), &status);
      g_assert_cmpuint (status, ==, 200);
    }

  sync_device (f, a);
  sync_device (f, b);
  sync_device (f, boss);
  on_a = head_name (a->store);
  on_b = head_name (b->store);
  g_assert_cmpstr (on_a, ==, other);
  g_assert_cmpstr (on_b, ==, other);
  g_assert_cmpint (hub_count (f, "SELECT count (*) FROM conflicts WHERE status = 'resolved' AND resolution = 'other'"), ==, 1);
  g_assert_cmpint (store_count (boss->store, "conflicts"), ==, 1);
  g_clear_pointer (&reply, g_bytes_unref);
  g_clear_pointer (&list, json_object_unref);
  reply = http (f, "GET", "/v1/conflicts", boss->token, NULL, &status);
  list = json_object (reply);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "conflicts")), ==, 0);

  /* The audit names who did what: both cadres' edits and the district's resolution. */
  g_assert_cmpint (run_cli (f->dir, NULL, &audit, "audit", "--row", ids[HOUSE_A1], NULL), ==, 0);
  g_assert_nonnull (strstr (audit, "account li"));
  g_assert_nonnull (strstr (audit, "account wang"));
  g_assert_nonnull (strstr (audit, "account boss"));
}

int
main (int argc, char **argv)
{
  if (!server_fixture_init (&argc, &argv))
    return 1;
  SERVER_ADD ("/server/round-trip", test_round_trip);
  SERVER_ADD ("/server/retry-applies-nothing-twice", test_retry);
  SERVER_ADD ("/server/scopes", test_scopes);
  SERVER_ADD ("/server/kill-mid-push", test_kill_mid_push);
  SERVER_ADD ("/server/health-during-push", test_health_during_push);
  SERVER_ADD ("/server/pushes-in-order", test_pushes_in_order);
  SERVER_ADD ("/server/cut-off-push-gives-way", test_cut_off_push_gives_way);
  SERVER_ADD ("/server/idle-connection-closed", test_idle_connection_closed);
  SERVER_ADD ("/server/cancel-mid-pull", test_cancel_mid_pull);
  SERVER_ADD ("/server/conflict", test_conflict);
  return server_fixture_run ();
}
