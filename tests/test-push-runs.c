/* test-push-runs.c: a push answer in runs says exactly what the full answer says, and a run
 * that claims too much is refused. */
#include <glib.h>
#include <string.h>

#include "bf-wire.h"

#define SENDER "0b9c2a56-5d1e-4c7a-9a51-2f1d3c4b5a69"
#define OTHER  "7f3e1d2c-4b5a-4968-8776-a5b4c3d2e1f0"

static void
add_result (BfPushResponse *response, const char *device, gint64 seq, BfPushStatus status,
            gint64 server_seq, const char *reason)
{
  BfPushResult *result = g_new0 (BfPushResult, 1);

  result->device_id = g_strdup (device);
  result->seq = seq;
  result->status = status;
  result->server_seq = server_seq;
  result->reason = g_strdup (reason);
  g_ptr_array_add (response->results, result);
}

static BfPushResponse *
decode (GBytes *bytes, GError **error)
{
  return bf_push_response_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

static void
assert_responses_equal (const BfPushResponse *a, const BfPushResponse *b)
{
  g_assert_cmpint (a->server_time_ms, ==, b->server_time_ms);
  g_assert_cmpuint (a->results->len, ==, b->results->len);
  for (guint i = 0; i < a->results->len; i++)
    {
      const BfPushResult *x = g_ptr_array_index (a->results, i);
      const BfPushResult *y = g_ptr_array_index (b->results, i);
      g_assert_cmpstr (x->device_id, ==, y->device_id);
      g_assert_cmpint (x->seq, ==, y->seq);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->server_seq, ==, y->server_seq);
      g_assert_cmpstr (x->reason, ==, y->reason);
    }
}

/* Everything that ends a run: a gap in seq or in server sequence (a conflict logged between
 * two changes), another status, a reason, another device. */
static void
test_round_trip (void)
{
  g_autoptr(BfPushResponse) response = bf_push_response_new ();
  g_autoptr(BfPushResponse) from_runs = NULL;
  g_autoptr(BfPushResponse) from_full = NULL;
  g_autoptr(GBytes) runs = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  response->server_time_ms = G_GINT64_CONSTANT (1714521600123);
  for (gint64 seq = 1; seq <= 1000; seq++)
    add_result (response, SENDER, seq, BF_PUSH_ACCEPTED, 5000 + seq + (seq > 600), NULL);
  add_result (response, SENDER, 1001, BF_PUSH_REJECTED, 0, "金额超过上限");
  add_result (response, SENDER, 1002, BF_PUSH_REJECTED, 0, "金额超过上限");
  add_result (response, SENDER, 1003, BF_PUSH_DUPLICATE, 90, NULL);
  add_result (response, SENDER, 1004, BF_PUSH_DUPLICATE, 91, NULL);
  add_result (response, SENDER, 1005, BF_PUSH_DUPLICATE, 95, NULL);
  add_result (response, SENDER, 1006, BF_PUSH_ACCEPTED, 7000, NULL);
  add_result (response, SENDER, 1008, BF_PUSH_ACCEPTED, 7001, NULL);
  add_result (response, OTHER, 1009, BF_PUSH_ACCEPTED, 7002, NULL);

  runs = bf_push_response_encode_runs (response);
  full = bf_push_response_encode (response);
  text = g_strndup (g_bytes_get_data (runs, NULL), g_bytes_get_size (runs));
  g_assert_nonnull (strstr (text, "\"g\":5001,\"n\":600}"));
  g_assert_nonnull (strstr (text, "\"g\":5602,\"n\":400}"));
  g_assert_nonnull (strstr (text, "\"g\":90,\"n\":2}"));
  g_assert_cmpuint (g_bytes_get_size (runs) * 50, <, g_bytes_get_size (full));

  from_runs = decode (runs, &error);
  g_assert_no_error (error);
  from_full = decode (full, &error);
  g_assert_no_error (error);
  assert_responses_equal (response, from_runs);
  assert_responses_equal (response, from_full);
  /* The full form is unchanged: no "n" in it. */
  g_clear_pointer (&text, g_free);
  text = g_strndup (g_bytes_get_data (full, NULL), g_bytes_get_size (full));
  g_assert_null (strstr (text, "\"n\""));
}

static void
assert_refused (const char *results, int code)
{
  g_autofree char *json = g_strdup_printf ("{\"protocol\":1,\"results\":[%s]}", results);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPushResponse) response = bf_push_response_decode ((const guint8 *) json,
                                                                strlen (json), &error);

  g_assert_null (response);
  g_assert_error (error, BF_WIRE_ERROR, code);
}

#define RUN(S, N) "{\"d\":\"" SENDER "\",\"s\":" S ",\"st\":\"accepted\",\"g\":7,\"n\":" N "}"

static void
test_hostile (void)
{
  assert_refused (RUN ("1", "0"), BF_WIRE_ERROR_FIELD);
  assert_refused (RUN ("1", "-3"), BF_WIRE_ERROR_FIELD);
  assert_refused (RUN ("1", "1.5"), BF_WIRE_ERROR_FIELD);
  assert_refused (RUN ("1", "\"2\""), BF_WIRE_ERROR_FIELD);
  assert_refused (RUN ("1", "100001"), BF_WIRE_ERROR_FIELD);
  /* Within the limit one by one, over it together. */
  assert_refused (RUN ("1", "60000") "," RUN ("60001", "40001"), BF_WIRE_ERROR_SYNTAX);
  /* A run past the largest sequence. */
  assert_refused (RUN ("9223372036854775806", "2"), BF_WIRE_ERROR_SYNTAX);
  assert_refused (RUN ("1", "2") "," RUN ("3", "5") ",{\"d\":\"" SENDER "\",\"s\":8,"
                  "\"st\":\"accepted\",\"g\":9223372036854775807,\"n\":2}", BF_WIRE_ERROR_SYNTAX);
}

static void
test_at_the_limit (void)
{
  g_autoptr(GError) error = NULL;
  const char *json = "{\"protocol\":1,\"results\":[" RUN ("1", "60000") "," RUN ("60001", "40000") "]}";
  g_autoptr(BfPushResponse) response = bf_push_response_decode ((const guint8 *) json,
                                                                strlen (json), &error);
  const BfPushResult *last;

  g_assert_no_error (error);
  g_assert_cmpuint (response->results->len, ==, 100000);
  last = g_ptr_array_index (response->results, 99999);
  g_assert_cmpint (last->seq, ==, 100000);
  g_assert_cmpint (last->server_seq, ==, 7 + 39999);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/push-runs/round-trip", test_round_trip);
  g_test_add_func ("/push-runs/hostile", test_hostile);
  g_test_add_func ("/push-runs/at-the-limit", test_at_the_limit);
  return g_test_run ();
}
