/* test-sync-client.c: the HTTP sync client against an in-process server: the address policy,
 * signing in, syncing, lost answers, refusals, cancelling, TLS pinning and bangfu-cli's login
 * and sync verbs.
 *
 * The server is sync-client-fixture.c: /v1/login, /v1/push and /v1/pull with the real engine,
 * failing on purpose when a test asks. Automatic sync is in test-sync-auto.c, the purge of rows
 * outside the scope in test-sync-purge.c. bangfu-server has its own tests; these are the
 * client's.
 */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bf-cli.h"
#include "sync-client-fixture.h"

/* ---- the cases ---- */

static void
test_url_policy (void)
{
  static const char * const allowed[] = {
    "http://127.0.0.1:8470", "http://127.9.8.7/", "http://[::1]:8470/", "http://localhost/",
    "http://LOCALHOST:1/", "https://192.0.2.1/", "https://server.example:8470",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_assert_true (bf_sync_client_check_url (allowed[i], FALSE, &error));
      g_assert_no_error (error);
    }
  g_assert_false (bf_sync_client_check_url ("http://192.0.2.1/", FALSE, &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (bf_sync_client_check_url ("http://localhost.evil.example/", FALSE, &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_true (bf_sync_client_check_url ("http://192.0.2.1/", TRUE, NULL));
  g_assert_false (bf_sync_client_check_url ("ftp://192.0.2.1/", TRUE, &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_false (bf_sync_client_check_url ("not an address", FALSE, &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INVALID_URL);
}

/* Refused before any connection: the answer comes at once, and nothing was sent. */
static void
test_insecure_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  gint64 started = g_get_monotonic_time ();

  bf_sync_client_login_async (f->client, "http://192.0.2.1:8470/", "li", "secret", NULL, NULL,
                              got_result, &result);
  g_assert_false (bf_sync_client_login_finish (f->client, wait_for (&result), &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_null (bf_store_get_meta (f->device, "token"));
  g_clear_error (&error);

  /* A stored address is checked again at every sync. */
  g_assert_true (login (f, "li", "secret", NULL));
  g_assert_true (bf_store_set_meta (f->device, "server_url", "http://192.0.2.1:8470", NULL));
  g_clear_object (&f->client);
  f->client = bf_sync_client_new (f->device);
  summary = sync_once (f, &error);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE);
  g_assert_null (summary);
}

static void
test_login (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL, *role = NULL, *scope = NULL, *account = NULL;
  g_autoptr(BfScope) parsed = NULL;
  g_autoptr(BfSyncClient) again = NULL;

  g_assert_false (login (f, "li", "wrong", &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "The fixture says no"));
  g_assert_null (bf_store_get_meta (f->device, "token"));
  g_clear_error (&error);

  g_assert_true (login (f, "li", "secret", &error));
  g_assert_no_error (error);
  token = bf_store_get_meta (f->device, "token");
  account = bf_store_get_meta (f->device, "account");
  role = bf_store_get_meta (f->device, "account_role");
  scope = bf_store_get_meta (f->device, "scope");
  g_assert_true (g_hash_table_contains (f->tokens, token));
  g_assert_cmpstr (account, ==, "li");
  g_assert_cmpstr (role, ==, "cadre");
  g_assert_nonnull (strstr (scope, f->village_b));
  g_assert_cmpstr (bf_store_get_author (f->device), ==, "li");
  {
    g_autofree char *cadre = bf_store_get_meta (f->device, "cadre_id");
    g_assert_cmpstr (cadre, ==, f->cadre_id);
  }
  g_assert_false (bf_store_is_hub (f->device));
  g_assert_cmpstr (bf_sync_client_get_token (f->client), ==, token);
  g_assert_cmpstr (bf_sync_client_get_role (f->client), ==, "cadre");

  /* A new client (the next run of the program) finds the sign-in in the store. */
  again = bf_sync_client_new (f->device);
  g_assert_cmpstr (bf_sync_client_get_token (again), ==, token);
  g_assert_cmpstr (bf_sync_client_get_server_url (again), ==, f->url);
  parsed = bf_sync_client_dup_scope (again);
  g_assert_false (parsed->district);
  g_assert_cmpuint (parsed->village_ids->len, ==, 2);

  /* Signing in to a wider scope starts the pulls over: the conflict record, which a cadre's
   * pulls left out, arrives. */
  g_free (sync_once (f, &error));
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), >, 0);
  g_assert_true (login (f, "boss", "secret", &error));
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, 0);
  g_free (sync_once (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_CONFLICT, NULL), ==, 1);
}

typedef struct {
  guint  pushes, pulls;
  gint64 last_push_done, last_push_total;
} Progress;

static void
on_progress (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total, Progress *p)
{
  g_assert_cmpint (done, >=, 0);
  if (phase == BF_SYNC_PHASE_PUSH)
    {
      g_assert_cmpint (p->pulls, ==, 0);   /* the push comes first */
      g_assert_cmpint (done, >, p->last_push_done);
      g_assert_cmpint (done, <=, total);
      p->pushes++;
      p->last_push_done = done;
      p->last_push_total = total;
    }
  else
    p->pulls++;
}

static void
test_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) first = NULL, second = NULL;
  Progress progress = { 0 };
  g_autofree char *cursor = NULL;

  g_assert_true (login (f, "li", "secret", &error));
  first = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->pushed, ==, 0);
  g_assert_cmpuint (first->pulled, >, 10);
  g_assert_cmpuint (first->conflicts, ==, 0);   /* conflicts are the district's */
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_CONFLICT, NULL), ==, 0);
  g_assert_cmpint (bf_sync_client_get_state (f->client), ==, BF_SYNC_STATE_SYNCED);
  g_assert_nonnull (bf_sync_client_get_last_sync_time (f->client));

  /* 1,200 visits go in two batches (pages of 1,000 here), gzip-compressed, with progress
   * after each. */
  bf_sync_client_set_page_sizes (f->client, 1000, 0);
  add_visits (f->device, f->household_a, f->cadre_id, 1200);
  g_assert_true (bf_household_set (f->device, f->household_b, "address", "青龙村3组", NULL));
  bf_sync_client_refresh_unsent (f->client);
  g_assert_cmpint (bf_sync_client_get_unsent_count (f->client), ==, 1201);
  g_signal_connect (f->client, "progress", G_CALLBACK (on_progress), &progress);
  second = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_true (f->push_was_gzip);
  g_assert_true (f->pull_was_gzip);
  g_assert_cmpuint (second->pushed, ==, 1201);
  g_assert_cmpuint (second->rejected, ==, 0);
  g_assert_cmpuint (second->pulled, ==, 1201);   /* its own changes, in the hub's order */
  g_assert_cmpuint (progress.pushes, ==, 2);
  g_assert_cmpint (progress.last_push_done, ==, 1201);
  g_assert_cmpint (progress.last_push_total, ==, 1201);
  g_assert_cmpuint (progress.pulls, >=, 1);
  g_assert_cmpint (bf_sync_client_get_unsent_count (f->client), ==, 0);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM visits"), ==, 3 + 1200);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM households WHERE address = '青龙村3组'"), ==, 1);
  cursor = bf_store_get_meta (f->device, "cursor");
  g_assert_cmpint (g_ascii_strtoll (cursor, NULL, 10), ==,
                   count (f->hub, "SELECT max(server_seq) FROM hub_log"));
}

/* The hub applied the push, but its answer is lost on the way: the retry is answered as
 * duplicates, and nothing is stored twice. */
static void
test_push_answer_lost (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;

  g_assert_true (login (f, "li", "secret", &error));
  g_free (sync_once (f, &error));
  add_visits (f->device, f->household_a, f->cadre_id, 30);
  f->cut_off = "/v1/push";
  summary = sync_once (f, &error);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_NETWORK);
  g_assert_null (summary);
  g_assert_cmpint (bf_sync_client_get_state (f->client), ==, BF_SYNC_STATE_OFFLINE);
  g_assert_nonnull (bf_sync_client_get_last_error (f->client));
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM visits"), ==, 3 + 30);
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 30);
  g_clear_error (&error);

  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pushed, ==, 30);
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 0);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM visits"), ==, 3 + 30);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM hub_log WHERE entity = 'visit'"), ==, 3 + 30);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM visits"), ==, 3 + 30);
  g_assert_null (bf_sync_client_get_last_error (f->client));
}

static void
test_pull_answer_lost (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;

  g_assert_true (login (f, "li", "secret", &error));
  f->cut_off = "/v1/pull";
  summary = sync_once (f, &error);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_NETWORK);
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, 0);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 0);
  g_clear_error (&error);

  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM visits"), ==,
                   count (f->hub, "SELECT count(*) FROM visits"));
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM row_versions"), ==,
                   count (f->hub, "SELECT count(*) FROM hub_log WHERE entity <> 'conflict'"));
}

static void
test_unauthorized (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  g_autofree char *token = NULL;

  summary = sync_once (f, &error);   /* never signed in */
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_AUTH);
  g_clear_error (&error);

  g_assert_true (login (f, "li", "secret", &error));
  g_hash_table_remove_all (f->tokens);   /* revoked at the server */
  summary = sync_once (f, &error);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_AUTH);
  g_assert_null (summary);
  /* Kept: the UI asks the user to sign in again. */
  token = bf_store_get_meta (f->device, "token");
  g_assert_nonnull (token);
  g_assert_cmpint (bf_sync_client_get_state (f->client), ==, BF_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (bf_sync_client_get_last_error (f->client), "sign-in"));
  g_clear_error (&error);

  f->fail_status = 503;
  g_assert_true (login (f, "li", "secret", &error) == FALSE);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_SERVER);
}

static void
cancel_on_progress (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total,
                    GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel_and_busy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL, second = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  gulong handler;

  g_assert_true (login (f, "li", "secret", &error));
  g_free (sync_once (f, &error));
  bf_sync_client_set_page_sizes (f->client, 1000, 0);
  add_visits (f->device, f->household_a, f->cadre_id, 1500);
  handler = g_signal_connect (f->client, "progress", G_CALLBACK (cancel_on_progress), cancellable);
  bf_sync_client_sync_async (f->client, cancellable, got_result, &first);
  bf_sync_client_sync_async (f->client, NULL, got_result, &second);
  summary = bf_sync_client_sync_finish (f->client, wait_for (&second), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  summary = bf_sync_client_sync_finish (f->client, wait_for (&first), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (bf_sync_client_get_busy (f->client));
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 500);   /* one batch went */
  g_clear_error (&error);
  g_signal_handler_disconnect (f->client, handler);

  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pushed, ==, 500);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM visits"), ==, 3 + 1500);
}

/* ---- TLS ---- */

/* Self-signed for localhost and 127.0.0.1, valid until 2126. */
static const char server_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBnDCCAUGgAwIBAgIUEywLprKLCU4UANp6gy8fMrZpphMwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyOTA1MjE0NloYDzIxMjYxMTA1\n"
  "MDUyMTQ2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAQ3GlZfPf9CKjF+X47Oyr61VLRLk2oFTHKsdEsZQMgCMKQdm34psgUg\n"
  "UN77ID+m3WX7rxq2T+9EFQp1oXXOTOVmo28wbTAdBgNVHQ4EFgQUEyhj440yYqYV\n"
  "YHDHKttHK4KsbZcwHwYDVR0jBBgwFoAUEyhj440yYqYVYHDHKttHK4KsbZcwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI\n"
  "zj0EAwIDSQAwRgIhALmjxYtiKc8lq7A4VYWwFh7LxbYKNYhMFzvQrfZMyqxxAiEA\n"
  "rqNJRUnZmL6TyaWKdNazC58+4+L43K4G4llVL+2CXJk=\n"
  "-----END CERTIFICATE-----\n";
static const char server_key[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZgW20d2EoAY6Rtn2\n"
  "EVGjVviDvTYVIKvdLzIQO5ddiLyhRANCAAQ3GlZfPf9CKjF+X47Oyr61VLRLk2oF\n"
  "THKsdEsZQMgCMKQdm34psgUgUN77ID+m3WX7rxq2T+9EFQp1oXXOTOVm\n"
  "-----END PRIVATE KEY-----\n";
static const char other_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBmjCCAUGgAwIBAgIUCjsviLRbodfqzBAM7KbPTiXz/rQwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyOTA1MjE0NloYDzIxMjYxMTA1\n"
  "MDUyMTQ2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAQ1FI6kYBz/KMpyseGMMepuddOdKUyii9oFnJCUODadX407Z5uDjDGR\n"
  "ZgVnAhZdBmyIJA57ecqA4B084kfVadwio28wbTAdBgNVHQ4EFgQUq7i8+Y7snDJP\n"
  "cySDxo9Xnqba90kwHwYDVR0jBBgwFoAUq7i8+Y7snDJPcySDxo9Xnqba90kwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI\n"
  "zj0EAwIDRwAwRAIgcicmP28Gd9ptk10d3vQSVE62OO5bum+jkveyV6CHKxQCIGQ5\n"
  "lQRXrLaiPwgBrSCl2bSWNidrU+6MzbNB7AeZNfZm\n"
  "-----END CERTIFICATE-----\n";

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static gboolean
login_at (Fixture *f, const char *url, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bf_sync_client_login_async (f->client, url, "li", "secret", NULL, NULL, got_result, &result);
  return bf_sync_client_login_finish (f->client, wait_for (&result), error);
}

static void
test_tls_pin (Fixture *f, gconstpointer data)
{
  g_autofree char *both = g_strconcat (server_pem, server_key, NULL);
  g_autofree char *pin = write_file (f, "server.pem", server_pem);
  g_autofree char *other = write_file (f, "other.pem", other_pem);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  g_autofree char *url = NULL;

  certificate = g_tls_certificate_new_from_pem (both, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, "/v1", serve, f, NULL);
  url = listen_on_loopback (server, SOUP_SERVER_LISTEN_HTTPS);
  g_assert_true (g_str_has_prefix (url, "https://"));

  /* The system's CAs do not vouch for it. */
  g_assert_false (login_at (f, url, &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE);
  g_clear_error (&error);
  /* Nor does another pinned certificate. */
  bf_sync_client_set_pinned_certificate (f->client, other);
  g_assert_false (login_at (f, url, &error));
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE);
  g_clear_error (&error);
  /* The pinned one does, for the sign-in and every sync after it. */
  bf_sync_client_set_pinned_certificate (f->client, pin);
  g_assert_true (login_at (f, url, &error));
  g_assert_no_error (error);
  g_clear_object (&f->client);
  f->client = bf_sync_client_new (f->device);
  g_assert_cmpstr (bf_sync_client_get_pinned_certificate (f->client), ==, pin);
  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pulled, >, 0);
  /* A missing pin file is said plainly. */
  bf_sync_client_set_pinned_certificate (f->client, "/nonexistent/pin.pem");
  g_clear_pointer (&summary, g_free);
  summary = sync_once (f, &error);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE);
  soup_server_disconnect (server);
}

/* ---- the command line ---- */

/* Runs bangfu-cli in this process (the fixture's server answers on this main context), with
 * @input on stdin; returns the exit code and what it printed on stdout. */
static int
run_cli (const char *input, char **out_stdout, const char *first, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "bangfu-cli-out-XXXXXX", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *kept;
  int fds[2], saved_in, saved_out, out, code;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "bangfu-cli");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], input, strlen (input)), ==, (gssize) strlen (input));
  close (fds[1]);
  out = g_mkstemp (path);
  fflush (stdout);
  saved_in = dup (STDIN_FILENO);
  saved_out = dup (STDOUT_FILENO);
  dup2 (fds[0], STDIN_FILENO);
  dup2 (out, STDOUT_FILENO);
  clearerr (stdin);
  code = bf_cli_main ((int) args->len - 1, (char **) args->pdata);
  fflush (stdout);
  dup2 (saved_in, STDIN_FILENO);
  dup2 (saved_out, STDOUT_FILENO);
  clearerr (stdin);
  close (saved_in);
  close (saved_out);
  close (fds[0]);
  close (out);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_unlink (path);
  /* The test harness's own comments ("# …": GLib's debug messages) land on stdout too. */
  lines = g_strsplit (text, "\n", -1);
  kept = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "# "))
      g_string_append_printf (kept, "%s\n", lines[i]);
  *out_stdout = g_string_free (kept, FALSE);
  return code;
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *summary;

  g_assert_cmpint (run_cli ("wrong\n", &out, "--db", db, "login", f->url, "li", NULL), ==, 4);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ("", &out, "--db", db, "login", "http://192.0.2.1/", "li", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ("secret\n", &out, "--db", db, "login", f->url, "li",
                            "--device-name", "笔记本", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Signed in"));
  g_assert_nonnull (strstr (out, "as li (cadre)"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ("", &out, "--db", db, "sync", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  summary = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (summary, "pulled"), >, 10);
  g_assert_cmpint (json_object_get_int_member (summary, "pushed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "unsent"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_hash_table_remove_all (f->tokens);
  g_assert_cmpint (run_cli ("", &out, "--db", db, "sync", NULL), ==, 4);
}


int
main (int argc, char **argv)
{
  fixture_test_init (&argc, &argv);

  g_test_add_func ("/sync-client/url-policy", test_url_policy);
  FIXTURE_ADD ("/sync-client/insecure-refused", test_insecure_refused);
  FIXTURE_ADD ("/sync-client/login", test_login);
  FIXTURE_ADD ("/sync-client/sync", test_sync);
  FIXTURE_ADD ("/sync-client/push-answer-lost", test_push_answer_lost);
  FIXTURE_ADD ("/sync-client/pull-answer-lost", test_pull_answer_lost);
  FIXTURE_ADD ("/sync-client/unauthorized", test_unauthorized);
  FIXTURE_ADD ("/sync-client/cancel-and-busy", test_cancel_and_busy);
  FIXTURE_ADD ("/sync-client/tls-pin", test_tls_pin);
  FIXTURE_ADD ("/sync-client/cli", test_cli);
  return g_test_run ();
}
