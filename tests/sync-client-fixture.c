/* sync-client-fixture.c: the in-process server the sync client's tests talk to.
 *
 * A SoupServer on 127.0.0.1 that speaks /v1/login, /v1/push and /v1/pull with the real engine
 * (bf_hub_push_as, bf_hub_pull) on a hub store, and can fail on purpose: cut an answer off
 * mid-body, answer 500, forget a token. Also the district the hub starts with, and the helpers
 * that drive the client from a test. Linked into test-sync-client, test-sync-auto,
 * test-sync-purge and test-sync-pipeline.
 */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sync-client-fixture.h"

/* ---- the server ---- */

static GBytes *
request_body (SoupServerMessage *msg)
{
  g_autoptr(GBytes) raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *encoding = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                       "Content-Encoding");
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) compressed = NULL, plain = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_strcmp0 (encoding, "gzip") != 0)
    return g_steal_pointer (&raw);
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  compressed = g_memory_input_stream_new_from_bytes (raw);
  plain = g_converter_input_stream_new (compressed, G_CONVERTER (gunzip));
  g_output_stream_splice (out, plain, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
scope_json (const BfScope *scope)
{
  GString *json = g_string_new (NULL);

  if (scope->district)
    return g_string_free (g_string_append (json, "{\"district\":true}"), FALSE);
  g_string_append (json, "{\"towns\":[],\"villages\":[");
  for (guint i = 0; i < scope->village_ids->len; i++)
    g_string_append_printf (json, "%s\"%s\"", i ? "," : "",
                            (char *) g_ptr_array_index (scope->village_ids, i));
  return g_string_free (g_string_append (json, "]}"), FALSE);
}

static const BfScope *
account_scope (Fixture *f, const char *account, BfScope **district)
{
  if (strcmp (account, "li") == 0)
    return f->cadre_scope;
  *district = bf_scope_new_district ();
  return *district;
}

static GBytes *
do_login (Fixture *f, JsonObject *request, guint *status)
{
  const char *user = json_object_get_string_member_with_default (request, "user", "");
  const char *password = json_object_get_string_member_with_default (request, "password", "");
  g_autoptr(BfScope) district = NULL;
  g_autofree char *token = NULL, *scope = NULL, *cadre = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  char *answer;

  if ((strcmp (user, "li") != 0 && strcmp (user, "boss") != 0) || strcmp (password, "secret") != 0)
    {
      *status = 401;
      return NULL;
    }
  token = g_strconcat ("tok-", uuid, NULL);
  g_hash_table_insert (f->tokens, g_strdup (token), g_strdup (user));
  scope = scope_json (account_scope (f, user, &district));
  /* As the server does: a cadre's sign-in names the cadre. */
  cadre = strcmp (user, "li") == 0 ? g_strdup_printf (",\"cadre\":\"%s\"", f->cadre_id) : g_strdup ("");
  answer = g_strdup_printf (
    "{\"token\":\"%s\",\"device\":\"%s\",\"expires\":%" G_GINT64_FORMAT ",\"account\":\"%s\","
    "\"role\":\"%s\",\"scope\":%s%s,\"server_time\":%" G_GINT64_FORMAT "}",
    token, json_object_get_string_member (request, "device"), g_get_real_time () / 1000 + 86400000,
    user, strcmp (user, "li") == 0 ? "cadre" : "district", scope, cadre, g_get_real_time () / 1000);
  return g_bytes_new_take (answer, strlen (answer));
}

static GBytes *
do_push (Fixture *f, const char *account, GBytes *body, guint *status)
{
  g_autoptr(BfBatch) batch = bf_batch_decode (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
  g_autoptr(BfPushResponse) response = NULL;
  g_autoptr(BfScope) district = NULL;
  BfHubWriter writer = { account, NULL, account_scope (f, account, &district),
                         strcmp (account, "li") != 0, strcmp (account, "li") != 0 };

  if (batch == NULL)
    {
      *status = 400;
      return NULL;
    }
  writer.device = batch->sender;
  response = bf_hub_push_as (f->hub, batch, &writer, NULL);
  g_assert_nonnull (response);
  return bf_push_response_encode (response);
}

static GBytes *
do_pull (Fixture *f, const char *account, JsonObject *request)
{
  g_autoptr(BfScope) district = NULL;
  const BfScope *scope = account_scope (f, account, &district);
  g_autoptr(GBytes) encoded = bf_hub_pull_encoded (f->hub, json_object_get_int_member (request, "cursor"),
                                                   scope, (guint) json_object_get_int_member (request, "limit"),
                                                   NULL, NULL);
  g_autofree char *extra = scope_json (scope);
  GString *text = g_string_new_len (g_bytes_get_data (encoded, NULL), (gssize) g_bytes_get_size (encoded));

  /* The batch plus the API's extra "scope" member. */
  while (text->len > 0 && text->str[text->len - 1] != '}')
    g_string_truncate (text, text->len - 1);
  g_string_truncate (text, text->len - 1);
  g_string_append_printf (text, ",\"scope\":%s}", extra);
  return g_string_free_to_bytes (text);
}

/* Headers promising the whole answer, half of it (a little at most), and a closed socket. */
static void
cut_off (SoupServerMessage *msg, GBytes *answer)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  gsize size = g_bytes_get_size (answer);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (answer, NULL), MIN (size / 2, 200), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

void
serve (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
       gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GBytes) body = request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) answer = NULL;
  const char *bearer = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  const char *account = bearer && g_str_has_prefix (bearer, "Bearer ")
    ? g_hash_table_lookup (f->tokens, bearer + 7) : NULL;
  JsonObject *request = NULL;
  guint status = 200;

  f->requests++;
  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    request = json_node_get_object (json_parser_get_root (parser));
  if (f->fail_status != 0)
    status = f->fail_status;
  else if (request == NULL)
    status = 400;
  else if (strcmp (path, "/v1/login") == 0)
    answer = do_login (f, request, &status);
  else if (account == NULL)
    status = 401;
  else if (strcmp (path, "/v1/push") == 0)
    {
      f->push_was_gzip = g_strcmp0 (soup_message_headers_get_one (
        soup_server_message_get_request_headers (msg), "Content-Encoding"), "gzip") == 0;
      answer = do_push (f, account, body, &status);
    }
  else if (strcmp (path, "/v1/pull") == 0)
    answer = do_pull (f, account, request);
  else
    status = 404;

  if (answer == NULL)
    {
      static const char refusal[] = "{\"error\":\"The fixture says no\"}";
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, refusal,
                                        strlen (refusal));
      return;
    }
  if (f->cut_off != NULL && strcmp (f->cut_off, path) == 0)
    {
      f->cut_off = NULL;
      cut_off (msg, answer);
      return;
    }
  /* Pulls come back compressed when asked, as bangfu-server does. */
  if (strcmp (path, "/v1/pull") == 0 &&
      soup_message_headers_header_contains (soup_server_message_get_request_headers (msg),
                                            "Accept-Encoding", "gzip"))
    {
      GBytes *plain = answer;
      answer = bf_sync_http_gzip (plain);
      g_bytes_unref (plain);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Content-Encoding", "gzip");
      f->pull_was_gzip = TRUE;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

char *
listen_on_loopback (SoupServer *server, SoupServerListenOptions options)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *url;

  g_assert_true (soup_server_listen_local (server, 0, options | SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

/* ---- the district ---- */

char *
insert (BfStore *store, BfEntityKind kind, gpointer record)
{
  g_autoptr(GError) error = NULL;
  char *id;

  bf_store_insert (store, kind, record, &error);
  g_assert_no_error (error);
  id = g_strdup (bf_record_id (record));
  bf_record_free (kind, record);
  return id;
}

static char *
add_household (BfStore *store, const char *village_id, const char *head, const char *cadre_id)
{
  BfHousehold *household = g_new0 (BfHousehold, 1);
  BfMember *member = g_new0 (BfMember, 1);
  BfPairing *pairing = g_new0 (BfPairing, 1);
  BfVisit *visit = g_new0 (BfVisit, 1);
  char *id;

  household->village_id = g_strdup (village_id);
  household->head_name = g_strdup (head);
  id = insert (store, BF_ENTITY_HOUSEHOLD, household);
  member->household_id = g_strdup (id);
  member->name = g_strdup (head);
  g_free (insert (store, BF_ENTITY_MEMBER, member));
  pairing->household_id = g_strdup (id);
  pairing->cadre_id = g_strdup (cadre_id);
  pairing->from_date = g_strdup ("2016-03-01");
  g_free (insert (store, BF_ENTITY_PAIRING, pairing));
  visit->household_id = g_strdup (id);
  visit->cadre_id = g_strdup (cadre_id);
  visit->date = g_strdup ("2016-05-01");
  g_free (insert (store, BF_ENTITY_VISIT, visit));
  return id;
}

/* Two villages: A with one household, B with two, a village income, an inspection and a
 * payment to the village; and a conflict record, which only district devices see. */
static void
build_district (Fixture *f)
{
  BfTown *town = g_new0 (BfTown, 1);
  BfVillage *a = g_new0 (BfVillage, 1), *b = g_new0 (BfVillage, 1);
  BfUnit *unit = g_new0 (BfUnit, 1);
  BfCadre *cadre = g_new0 (BfCadre, 1);
  BfVillageIncome *income = g_new0 (BfVillageIncome, 1);
  BfInspection *inspection = g_new0 (BfInspection, 1);
  BfPayment *payment = g_new0 (BfPayment, 1);
  BfConflict *conflict = g_new0 (BfConflict, 1);
  g_autofree char *town_id = NULL;

  town->name = g_strdup ("源潭镇");
  town_id = insert (f->hub, BF_ENTITY_TOWN, town);
  a->town_id = g_strdup (town_id);
  a->name = g_strdup ("积余村");
  f->village_a = insert (f->hub, BF_ENTITY_VILLAGE, a);
  b->town_id = g_strdup (town_id);
  b->name = g_strdup ("青龙村");
  f->village_b = insert (f->hub, BF_ENTITY_VILLAGE, b);
  unit->name = g_strdup ("区财政局");
  f->unit_id = insert (f->hub, BF_ENTITY_UNIT, unit);
  cadre->name = g_strdup ("李志强");
  cadre->role = BF_CADRE_ROLE_LEADER;
  cadre->unit_id = g_strdup (f->unit_id);
  f->cadre_id = insert (f->hub, BF_ENTITY_CADRE, cadre);
  f->household_a = add_household (f->hub, f->village_a, "黄水生", f->cadre_id);
  f->household_b = add_household (f->hub, f->village_b, "陈木林", f->cadre_id);
  g_free (add_household (f->hub, f->village_b, "何金水", f->cadre_id));
  income->village_id = g_strdup (f->village_b);
  income->year = 2016;
  income->collective_fen = 5000000;
  g_free (insert (f->hub, BF_ENTITY_VILLAGE_INCOME, income));
  inspection->village_id = g_strdup (f->village_b);
  inspection->unit_id = g_strdup (f->unit_id);
  inspection->leader_id = g_strdup (f->cadre_id);
  inspection->date = g_strdup ("2016-06-01");
  g_free (insert (f->hub, BF_ENTITY_INSPECTION, inspection));
  payment->village_id = g_strdup (f->village_b);
  payment->date = g_strdup ("2016-06-01");
  payment->amount_fen = 1000000;
  g_free (insert (f->hub, BF_ENTITY_PAYMENT, payment));
  conflict->entity = g_strdup ("household");
  conflict->row_id = g_strdup (f->household_a);
  conflict->field = g_strdup ("address");
  g_free (insert (f->hub, BF_ENTITY_CONFLICT, conflict));
}

static BfStore *
open_store (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("bangfu-client-XXXXXX", &error);
  g_assert_no_error (error);
  f->hub = open_store (f, "hub.db");
  g_assert_true (bf_store_make_hub (f->hub, &error));
  f->device = open_store (f, "device.db");
  f->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build_district (f);
  f->cadre_scope = bf_scope_new ();
  bf_scope_add_village (f->cadre_scope, f->village_a);
  bf_scope_add_village (f->cadre_scope, f->village_b);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/v1", serve, f, NULL);
  f->url = listen_on_loopback (f->server, 0);
  f->client = bf_sync_client_new (f->device);
}

void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->client);
  soup_server_disconnect (f->server);
  g_assert_finalize_object (f->server);
  bf_store_free (f->hub);
  bf_store_free (f->device);
  g_hash_table_unref (f->tokens);
  bf_scope_free (f->cadre_scope);
  g_free (f->url);
  g_free (f->village_a);
  g_free (f->village_b);
  g_free (f->cadre_id);
  g_free (f->unit_id);
  g_free (f->household_a);
  g_free (f->household_b);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* ---- running the client ---- */

void
got_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

gboolean
login (Fixture *f, const char *user, const char *password, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bf_sync_client_login_async (f->client, f->url, user, password, "测试机", NULL, got_result, &result);
  return bf_sync_client_login_finish (f->client, wait_for (&result), error);
}

BfSyncSummary *
sync_once (Fixture *f, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bf_sync_client_sync_async (f->client, NULL, got_result, &result);
  return bf_sync_client_sync_finish (f->client, wait_for (&result), error);
}

gint64
count (BfStore *store, const char *sql)
{
  gint64 n = -1;
  g_assert_true (bf_store_query_int64 (store, sql, &n, NULL));
  return n;
}

void
add_visits (BfStore *store, const char *household_id, const char *cadre_id, guint n)
{
  g_assert_true (bf_store_begin (store, NULL));
  for (guint i = 0; i < n; i++)
    {
      BfVisit *visit = g_new0 (BfVisit, 1);
      visit->household_id = g_strdup (household_id);
      visit->cadre_id = g_strdup (cadre_id);
      visit->date = g_strdup ("2016-07-01");
      visit->description = g_strdup_printf ("第%u次走访", i + 1);
      g_free (insert (store, BF_ENTITY_VISIT, visit));
    }
  g_assert_true (bf_store_commit (store, NULL));
}

/* ---- the test program ---- */

void
fixture_test_init (int *argc, char ***argv)
{
  /* Nothing between the client and 127.0.0.1. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, NULL);
}
