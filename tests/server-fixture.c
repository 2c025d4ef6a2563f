/* server-fixture.c: the real bangfu-server, started for each test on a copy of a prepared store.
 *
 * The prepared store (two towns, a village in each, households, cadres and pairings, four
 * accounts) is made once per program by bangfu-server's own CLI; each test gets a copy of it and
 * a server of its own on a free port, read from the server's first line. Also the helpers the
 * tests drive it with: HTTP requests, devices (ordinary BfStores driven through sync-core, their
 * batches carried over HTTP), and the hub's store read behind the server's back. Every wait has
 * a deadline: a hung server fails the test instead of hanging CI. Linked into test-server-auth
 * and test-server-sync.
 */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sqlite3.h>
#include <string.h>

#include "server-fixture.h"

const char *server_path;
char *ids[8];
static char *template_dir;

/* ---- processes ---- */

gboolean
deadline_passed (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *done, failing the test after @seconds. */
void
wait_for (gboolean *done, guint seconds)
{
  gboolean late = FALSE;
  guint timer = g_timeout_add_seconds (seconds, deadline_passed, &late);

  while (!*done && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (timer);
  g_assert_false (late);
}

static void
subprocess_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

/* Runs bangfu-server with @args and @input on stdin; returns its exit status. */
int
run_cli (const char *dir, const char *input, char **out_stdout, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) server_path);
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, (char *) dir);
  va_start (args, out_stdout);
  for (const char *arg; (arg = va_arg (args, const char *)) != NULL;)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

typedef struct {
  char    *line;
  gboolean done;
} LineRead;

static void
read_line_done (GObject *source, GAsyncResult *result, gpointer data)
{
  LineRead *read = data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, NULL);
  read->done = TRUE;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts the server on a free port (over TLS with @cert and @key, with the options in
 * @extra) and learns its URL. */
void
start_server_with (Fixture *f, const char *cert, const char *key, const char *const *extra)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  LineRead read = { NULL, FALSE };

  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  /* A test that fails (or times out) must not leave its server running. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* LeakSanitizer's own tracer crashes at exit in a process that loaded GIO's GnuTLS module,
   * so a sanitizer build checks the TLS server for everything but leaks. */
  if (cert != NULL && g_getenv ("ASAN_OPTIONS") != NULL)
    {
      g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL);
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }
  g_ptr_array_add (argv, (char *) server_path);
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, f->dir);
  g_ptr_array_add (argv, (char *) "--listen");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  if (cert != NULL)
    {
      g_ptr_array_add (argv, (char *) "--tls-cert");
      g_ptr_array_add (argv, (char *) cert);
      g_ptr_array_add (argv, (char *) "--tls-key");
      g_ptr_array_add (argv, (char *) key);
    }
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);
  f->server = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->server));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_done, &read);
  wait_for (&read.done, 30);
  g_assert_nonnull (read.line);
  g_assert_true (g_str_has_prefix (read.line, cert ? "listening on https://127.0.0.1:"
                                                   : "listening on http://127.0.0.1:"));
  g_free (f->url);
  f->url = g_strdup (read.line + strlen ("listening on "));
  g_free (read.line);
}

void
start_server_tls (Fixture *f, const char *cert, const char *key)
{
  start_server_with (f, cert, key, NULL);
}

void
start_server (Fixture *f)
{
  start_server_with (f, NULL, NULL, NULL);
}

void
stop_server (Fixture *f, int signal_number)
{
  gboolean done = FALSE;

  if (f->server == NULL)
    return;
  g_subprocess_send_signal (f->server, signal_number);
  g_subprocess_wait_async (f->server, NULL, subprocess_done, &done);
  wait_for (&done, 30);
  if (signal_number == SIGTERM)
    g_assert_true (g_subprocess_get_successful (f->server));
  g_clear_object (&f->server);
}

/* ---- HTTP ---- */

SoupMessage *
new_message (Fixture *f, const char *method, const char *path, const char *token, GBytes *body,
             gboolean gzip_body)
{
  g_autofree char *url = g_strconcat (f->url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (gzip_body)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  return msg;
}

/* Sends a request (taking @body) and returns the answer's body, decompressed; *out_status
 * its status. */
GBytes *
http (Fixture *f, const char *method, const char *path, const char *token, GBytes *body,
      guint *out_status)
{
  g_autoptr(GBytes) owned = body;
  g_autoptr(SoupMessage) msg = new_message (f, method, path, token, owned, FALSE);
  g_autoptr(GError) error = NULL;
  GBytes *reply = soup_session_send_and_read (f->session, msg, NULL, &error);

  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  return reply;
}

GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

JsonObject *
json_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (json_parser_load_from_data (parser, data, (gssize) length, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Status and "error" member of a refused request. */
void
assert_refused (GBytes *reply, guint status, guint expected)
{
  g_autoptr(JsonObject) object = json_object (reply);

  g_assert_cmpuint (status, ==, expected);
  g_assert_nonnull (json_object_get_string_member_with_default (object, "error", NULL));
}

/* A request that must be refused with @expected and an {"error": …} answer. */
void
expect_refused (Fixture *f, const char *method, const char *path, const char *token, GBytes *body,
                guint expected)
{
  guint status;
  g_autoptr(GBytes) reply = http (f, method, path, token, body, &status);

  assert_refused (reply, status, expected);
}

guint
login (Fixture *f, const char *user, const char *password, const char *device, char **out_token)
{
  g_autofree char *body = g_strdup_printf ("{\"user\": \"%s\", \"password\": \"%s\", \"device\": \"%s\","
                                           " \"device_name\": \"测试机\"}", user, password, device);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint status;

  reply = http (f, "POST", "/v1/login", NULL, text_bytes (body), &status);
  object = json_object (reply);
  if (status == 200 && out_token != NULL)
    *out_token = g_strdup (json_object_get_string_member (object, "token"));
  return status;
}

/* ---- devices ---- */

Device *
device_new (Fixture *f, const char *name, const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  Device *device = g_new0 (Device, 1);

  device->store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (bf_store_set_author (device->store, user, NULL));
  g_assert_cmpuint (login (f, user, PASSWORD, bf_store_device_id (device->store), &device->token), ==, 200);
  return device;
}

void
device_free (Device *device)
{
  bf_store_free (device->store);
  g_free (device->token);
  g_free (device);
}

BfPushResponse *
push (Fixture *f, Device *device, const BfBatch *batch)
{
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  BfPushResponse *response;
  guint status;

  reply = http (f, "POST", "/v1/push", device->token, bf_batch_encode (batch), &status);
  g_assert_cmpuint (status, ==, 200);
  response = bf_push_response_decode (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  return response;
}

BfBatch *
pull_page (Fixture *f, Device *device, guint limit)
{
  g_autofree char *body = g_strdup_printf ("{\"cursor\": %" G_GINT64_FORMAT ", \"limit\": %u,"
                                           " \"unsent\": %" G_GINT64_FORMAT "}",
                                           bf_sync_cursor (device->store, NULL), limit,
                                           bf_sync_count_pending (device->store, NULL));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  BfBatch *batch;
  guint status;

  reply = http (f, "POST", "/v1/pull", device->token, text_bytes (body), &status);
  g_assert_cmpuint (status, ==, 200);
  batch = bf_batch_decode (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  return batch;
}

/* Push everything, then pull everything, as the sync client does. */
void
sync_device (Fixture *f, Device *device)
{
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autoptr(BfBatch) outbox = bf_sync_outbox (device->store, 2000, &error);
      g_autoptr(BfPushResponse) response = NULL;
      gint64 pending = bf_sync_count_pending (device->store, NULL);
      g_assert_no_error (error);
      if (outbox->changes->len == 0)
        break;
      response = push (f, device, outbox);
      g_assert_true (bf_sync_take_push_response (device->store, response, &error));
      if (bf_sync_count_pending (device->store, NULL) == pending)
        break;   /* the hub is waiting for something else first */
    }
  for (gboolean more = TRUE; more;)
    {
      g_autoptr(BfBatch) batch = pull_page (f, device, 2000);
      g_assert_true (bf_sync_apply_pull (device->store, batch, &error));
      g_assert_no_error (error);
      more = batch->more;
    }
}

/* Visits by the cadre li to household A1, in one transaction. */
void
add_visits (Device *device, int n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_store_begin (device->store, &error));
  for (int i = 0; i < n; i++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      visit->household_id = g_strdup (ids[HOUSE_A1]);
      visit->cadre_id = g_strdup (ids[CADRE_LI]);
      visit->date = g_strdup_printf ("2016-%02d-%02d", 1 + i % 12, 1 + i % 28);
      visit->description = g_strdup ("入户宣传精准扶贫政策，了解家庭收入和生产情况");
      visit->amount_fen = (i % 3) * 10000;
      g_assert_true (bf_visit_insert (device->store, visit, &error));
    }
  g_assert_true (bf_store_commit (device->store, &error));
}

/* One number from the hub's store, read-only, while the server may be running. */
gint64
hub_count (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

void
hub_exec (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

gint64
store_count (BfStore *store, const char *table)
{
  BfEntityKind kinds[] = { BF_ENTITY_VISIT, BF_ENTITY_HOUSEHOLD, BF_ENTITY_CONFLICT };
  const char *names[] = { "visits", "households", "conflicts" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (table, names[i]) == 0)
      return bf_store_count (store, kinds[i], NULL);
  g_assert_not_reached ();
}

/* ---- the prepared store ---- */

/* Inserts @record into the hub, frees it and returns its id. */
static char *
insert (BfStore *hub, BfEntityKind kind, gpointer record)
{
  g_autoptr(GError) error = NULL;
  char *id;

  g_assert_true (bf_store_insert (hub, kind, record, &error));
  g_assert_no_error (error);
  id = g_strdup (bf_record_id (record));
  bf_record_free (kind, record);
  return id;
}

static void
add_account (const char *dir, const char *name, const char *role, const char *scope)
{
  g_autofree char *input = g_strconcat (PASSWORD, "\n", NULL);

  g_assert_cmpint (run_cli (dir, input, NULL, "user", "add", name, "--role", role,
                            scope ? "--scope" : NULL, scope, NULL), ==, 0);
}

static void
prepare_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *scope = NULL;
  BfStore *hub;
  char *cadres[3];

  template_dir = g_dir_make_tmp ("bangfu-server-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (template_dir, NULL, NULL, "init", NULL), ==, 0);
  db = g_build_filename (template_dir, "bangfu.db", NULL);
  hub = bf_store_open (db, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  for (int t = 0; t < 2; t++)
    {
      BfTown *town = g_new0 (BfTown, 1);
      BfVillage *village = g_new0 (BfVillage, 1);
      town->name = g_strdup (t == 0 ? "源潭镇" : "飞来峡镇");
      ids[TOWN_A + t] = insert (hub, BF_ENTITY_TOWN, town);
      village->town_id = g_strdup (ids[TOWN_A + t]);
      village->name = g_strdup (t == 0 ? "积余村" : "高田村");
      ids[VILLAGE_A + t] = insert (hub, BF_ENTITY_VILLAGE, village);
    }
  for (int h = 0; h < 3; h++)
    {
      BfHousehold *household = g_new0 (BfHousehold, 1);
      BfCadre *cadre = g_new0 (BfCadre, 1);
      BfPairing *pairing = g_new0 (BfPairing, 1);
      household->village_id = g_strdup (ids[h < 2 ? VILLAGE_A : VILLAGE_B]);
      household->head_name = g_strdup ("黄水生");
      ids[HOUSE_A1 + h] = insert (hub, BF_ENTITY_HOUSEHOLD, household);
      cadre->name = g_strdup (h == 0 ? "李志强" : h == 1 ? "王芳" : "赵刚");
      cadres[h] = insert (hub, BF_ENTITY_CADRE, cadre);
      pairing->cadre_id = g_strdup (cadres[h]);
      pairing->household_id = g_strdup (ids[HOUSE_A1 + h]);
      pairing->from_date = g_strdup ("2016-01-01");
      g_free (insert (hub, BF_ENTITY_PAIRING, pairing));
    }
  ids[CADRE_LI] = g_strdup (cadres[0]);
  bf_store_free (hub);

  add_account (template_dir, "boss", "district", NULL);
  for (int c = 0; c < 3; c++)
    {
      g_free (scope);
      scope = g_strconcat ("cadre:", cadres[c], NULL);
      add_account (template_dir, c == 0 ? "li" : c == 1 ? "wang" : "zhao", "cadre", scope);
      g_free (cadres[c]);
    }
}

void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = g_build_filename (template_dir, "bangfu.db", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = NULL;

  f->dir = g_dir_make_tmp ("bangfu-server-test-XXXXXX", &error);
  f->db = g_build_filename (f->dir, "bangfu.db", NULL);
  target = g_file_new_for_path (f->db);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  f->session = soup_session_new_with_options ("timeout", DEADLINE_S, "idle-timeout", DEADLINE_S, NULL);
  start_server (f);
}

void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  stop_server (f, SIGTERM);
  g_clear_object (&f->session);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->url);
}

/* ---- the program ---- */

gboolean
server_fixture_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  server_path = *argc > 1 ? (*argv)[1] : g_getenv ("BANGFU_SERVER");
  if (server_path == NULL)
    {
      g_printerr ("%s: set BANGFU_SERVER to the bangfu-server binary\n", g_get_prgname ());
      return FALSE;
    }
  prepare_template ();
  return TRUE;
}

int
server_fixture_run (void)
{
  int status = g_test_run ();

  {
    g_autofree char *db = g_build_filename (template_dir, "bangfu.db", NULL);
    g_unlink (db);
    g_rmdir (template_dir);
    g_free (template_dir);
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      g_free (ids[i]);
  }
  return status;
}
