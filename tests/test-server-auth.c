/* test-server-auth.c: the real bangfu-server's doors — sign-in, tokens, hostile bodies, TLS
 * and its command line.
 *
 *   test-server-auth [--tap] [BANGFU-SERVER]   (or BANGFU_SERVER names the binary; meson passes it)
 *
 * The server, the prepared store and the helpers are server-fixture.c. */
#include "bf-config.h"

#include <signal.h>
#include <string.h>

#include "bf-uuid.h"
#include "server-fixture.h"

static void
test_login (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonObject) health = NULL;
  g_autofree char *device = bf_uuid_random ();
  g_autofree char *other = bf_uuid_random ();
  g_autofree char *token = NULL, *zhao_token = NULL;
  g_autofree char *body = NULL;
  guint status;

  reply = http (f, "GET", "/v1/health", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  health = json_object (reply);
  g_assert_cmpstr (json_object_get_string_member (health, "status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (health, "changes"), ==,
                   hub_count (f, "SELECT max (server_seq) FROM hub_log"));

  /* A cadre's scope is the village of the households paired with them. */
  body = g_strdup_printf ("{\"user\": \"li\", \"password\": \"%s\", \"device\": \"%s\"}", PASSWORD, device);
  g_clear_pointer (&reply, g_bytes_unref);
  reply = http (f, "POST", "/v1/login", NULL, text_bytes (body), &status);
  g_assert_cmpuint (status, ==, 200);
  {
    g_autoptr(JsonObject) object = json_object (reply);
    JsonObject *scope = json_object_get_object_member (object, "scope");
    JsonArray *villages = json_object_get_array_member (scope, "villages");
    g_assert_cmpuint (strlen (json_object_get_string_member (object, "token")), ==, 43);
    g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "cadre");
    g_assert_cmpstr (json_object_get_string_member (object, "device"), ==, device);
    g_assert_cmpuint (json_array_get_length (villages), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (villages, 0), ==, ids[VILLAGE_A]);
    g_assert_cmpint (json_object_get_int_member (object, "expires"), >,
                     json_object_get_int_member (object, "server_time") + G_GINT64_CONSTANT (29) * 86400000);
  }
  g_assert_cmpuint (login (f, "li", "wrong-password", device, NULL), ==, 401);
  g_assert_cmpuint (login (f, "nobody", PASSWORD, device, NULL), ==, 401);
  g_assert_cmpuint (login (f, "li", PASSWORD, "not-a-uuid", NULL), ==, 400);
  /* li's device is li's: wang cannot sign in on it. */
  g_assert_cmpuint (login (f, "wang", PASSWORD, device, NULL), ==, 403);
  g_assert_cmpuint (login (f, "boss", PASSWORD, other, &token), ==, 200);
  expect_refused (f, "POST", "/v1/login", NULL, text_bytes ("{\"user\": \"boss\"}"), 400);

  /* Disabling an account (while the server runs) refuses its sign-in and its tokens. */
  g_free (other);
  other = bf_uuid_random ();
  g_assert_cmpuint (login (f, "zhao", PASSWORD, other, &zhao_token), ==, 200);
  g_assert_cmpint (run_cli (f->dir, NULL, NULL, "user", "disable", "zhao", NULL), ==, 0);
  g_assert_cmpuint (login (f, "zhao", PASSWORD, other, NULL), ==, 401);
  expect_refused (f, "POST", "/v1/pull", zhao_token, text_bytes ("{}"), 401);
}

static void
test_tokens (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *new_token = NULL;
  guint status;

  expect_refused (f, "POST", "/v1/pull", NULL, text_bytes ("{}"), 401);
  expect_refused (f, "POST", "/v1/pull", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                  text_bytes ("{}"), 401);
  g_clear_pointer (&reply, g_bytes_unref);
  reply = http (f, "POST", "/v1/pull", a->token, text_bytes ("{}"), &status);
  g_assert_cmpuint (status, ==, 200);

  /* Expired: its 30 days are over. */
  hub_exec (f, "UPDATE tokens SET expires_at = 1");
  expect_refused (f, "POST", "/v1/pull", a->token, text_bytes ("{}"), 401);

  /* A new password revokes the tokens issued before it. */
  g_assert_cmpuint (login (f, "li", PASSWORD, bf_store_device_id (a->store), &new_token), ==, 200);
  g_assert_cmpint (run_cli (f->dir, "another-secret\n", NULL, "user", "passwd", "li", NULL), ==, 0);
  expect_refused (f, "POST", "/v1/pull", new_token, text_bytes ("{}"), 401);
  g_assert_cmpuint (login (f, "li", PASSWORD, bf_store_device_id (a->store), NULL), ==, 401);
  g_assert_cmpuint (login (f, "li", "another-secret", bf_store_device_id (a->store), NULL), ==, 200);
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (gzip));

  g_assert_true (g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                            NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* A push with Content-Encoding: gzip (of @plain, gzipped here if @compress); returns the
 * status. */
static guint
push_gzipped (Fixture *f, const char *token, GBytes *plain, gboolean compress, GBytes **out_reply)
{
  g_autoptr(GBytes) body = compress ? gzip_bytes (plain) : g_bytes_ref (plain);
  g_autoptr(SoupMessage) msg = new_message (f, "POST", "/v1/push", token, body, TRUE);
  g_autoptr(GError) error = NULL;

  *out_reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static void
test_bad_bodies (Fixture *f, gconstpointer data)
{
  g_autoptr(Device) a = device_new (f, "a.db", "li");
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) zeros = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  guint status;

  expect_refused (f, "POST", "/v1/push", a->token, text_bytes ("{\"protocol\": 1,"), 400);
  expect_refused (f, "POST", "/v1/push", a->token,
                  text_bytes ("{\"protocol\": 1, \"protocol\": 1}"), 400);
  expect_refused (f, "POST", "/v1/login", NULL, text_bytes ("not json"), 400);
  expect_refused (f, "POST", "/v1/pull", a->token, text_bytes ("{\"limit\": 0}"), 400);
  expect_refused (f, "GET", "/v1/nowhere", a->token, NULL, 404);
  expect_refused (f, "GET", "/v1/push", a->token, NULL, 405);

  /* Past 32 MiB as sent, or 64 MiB inflated: refused, and the server carries on. */
  expect_refused (f, "POST", "/v1/push", a->token,
                  g_bytes_new_take (g_malloc0 (33 << 20), 33 << 20), 413);
  zeros = g_bytes_new_take (g_malloc0 (65 << 20), 65 << 20);
  g_clear_pointer (&reply, g_bytes_unref);
  g_assert_cmpuint (push_gzipped (f, a->token, zeros, TRUE, &reply), ==, 413);
  g_clear_pointer (&zeros, g_bytes_unref);
  g_clear_pointer (&reply, g_bytes_unref);
  zeros = text_bytes ("\x1f\x8b\x08\x00garbage");
  status = push_gzipped (f, a->token, zeros, FALSE, &reply);
  assert_refused (reply, status, 400);

  /* A gzipped batch is taken like any other. */
  sync_device (f, a);
  add_visits (a, 20);
  outbox = bf_sync_outbox (a->store, 100, NULL);
  {
    g_autoptr(GBytes) plain = bf_batch_encode (outbox);
    g_autoptr(GError) error = NULL;
    g_autoptr(BfPushResponse) response = NULL;
    g_clear_pointer (&reply, g_bytes_unref);
    g_assert_cmpuint (push_gzipped (f, a->token, plain, TRUE, &reply), ==, 200);
    response = bf_push_response_decode (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (response->results->len, ==, 20);
    g_assert_cmpint (((BfPushResult *) g_ptr_array_index (response->results, 19))->status, ==, BF_PUSH_ACCEPTED);
  }
}

static gboolean
accept_pinned (SoupMessage *msg, GTlsCertificate *certificate, GTlsCertificateFlags errors,
               gpointer pinned)
{
  return g_tls_certificate_is_same (certificate, pinned);
}

static void
test_tls (Fixture *f, gconstpointer data)
{
  g_autofree char *cert = g_build_filename (f->dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GTlsCertificate) pinned = NULL;
  g_autoptr(SoupMessage) msg = NULL, unpinned = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GSubprocess) make = NULL;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  make = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, openssl, "req", "-x509",
                           "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                           "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                           "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_true (g_subprocess_wait_check (make, NULL, &error));
  stop_server (f, SIGTERM);
  start_server_tls (f, cert, key);
  pinned = g_tls_certificate_new_from_file (cert, &error);
  g_assert_no_error (error);

  url = g_strconcat (f->url, "/v1/health", NULL);
  unpinned = soup_message_new ("GET", url);
  reply = soup_session_send_and_read (f->session, unpinned, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  msg = soup_message_new ("GET", url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_pinned), pinned);
  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *list = NULL, *compacted = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", NULL);
  const char *argv[] = { server_path, "user", "list", NULL };
  g_autoptr(GSubprocess) process = NULL;

  g_assert_cmpint (run_cli (f->dir, NULL, &list, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (list, "boss"));
  g_assert_nonnull (strstr (list, "district"));
  g_assert_cmpint (run_cli (f->dir, PASSWORD "\n", NULL, "user", "add", "x", "--role", "mayor", NULL), ==, 2);
  g_assert_cmpint (run_cli (f->dir, PASSWORD "\n", NULL, "user", "add", "boss", "--role", "district", NULL), ==, 1);
  g_assert_cmpint (run_cli (f->dir, "short\n", NULL, "user", "add", "new", "--role", "admin", NULL), ==, 1);
  g_assert_cmpint (run_cli (f->dir, PASSWORD "\n", NULL, "user", "add", "x", "--role", "cadre", "--scope",
                            "cadre:00000000-0000-4000-8000-000000000000", NULL), ==, 1);
  g_assert_cmpint (run_cli (f->dir, PASSWORD "\n", NULL, "user", "add", "t", "--role", "town", "--scope",
                            "town:00000000-0000-4000-8000-000000000000", NULL), ==, 1);
  g_assert_cmpint (run_cli (f->dir, NULL, NULL, "user", "disable", "nobody", NULL), ==, 1);
  g_assert_cmpint (run_cli (f->dir, NULL, NULL, "audit", "--row", "nothing", NULL), ==, 1);
  g_assert_cmpint (run_cli (f->dir, NULL, NULL, "init", NULL), ==, 1);
  g_assert_cmpint (run_cli (f->dir, NULL, NULL, "frobnicate", NULL), ==, 2);
  g_assert_cmpint (run_cli (missing, NULL, NULL, "user", "list", NULL), ==, 3);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);   /* no --data */

  /* compact rewrites the stopped server's store; the accounts are still there after it. */
  stop_server (f, SIGTERM);
  g_assert_cmpint (run_cli (f->dir, NULL, NULL, "compact", "extra", NULL), ==, 2);
  g_assert_cmpint (run_cli (f->dir, NULL, &compacted, "compact", NULL), ==, 0);
  g_assert_nonnull (strstr (compacted, "16384 bytes"));
  g_clear_pointer (&list, g_free);
  g_assert_cmpint (run_cli (f->dir, NULL, &list, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (list, "boss"));
}
int
main (int argc, char **argv)
{
  if (!server_fixture_init (&argc, &argv))
    return 1;
  SERVER_ADD ("/server/login", test_login);
  SERVER_ADD ("/server/tokens", test_tokens);
  SERVER_ADD ("/server/bad-bodies", test_bad_bodies);
  SERVER_ADD ("/server/tls", test_tls);
  SERVER_ADD ("/server/cli", test_cli);
  return server_fixture_run ();
}
