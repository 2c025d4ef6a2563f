/* bf-server.c: routing, the request pipeline, limits and the request log.
 *
 * A request that needs the store is paused, passes decode (pool) → handle (store thread) →
 * encode (pool), and is unpaused with its answer; a sign-in goes through the pool once more
 * in the middle, for the password check. Health is answered at once from a counter the store
 * thread keeps, so it stays quick whatever the store is doing. The pushes made with one token
 * reach the store in the order their headers came in (bf-in-order.h), however their bodies
 * arrive and the pool's threads finish decoding them: a device may have two in flight.
 */
#include "bf-config.h"
#include "bf-server.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bf-in-order.h"
#include "bf-server-private.h"

struct _BfServer {
  GObject      parent_instance;

  SoupServer  *soup;
  BfJobRunner *runner;
  BfInOrder   *push_order;   /* by bearer token */
  guint        idle_timeout; /* seconds; 0: none */
};

G_DEFINE_FINAL_TYPE (BfServer, bf_server, G_TYPE_OBJECT)

/* How long a decoded push waits behind an earlier one of its device whose body is still on
 * the way: a page takes seconds over a village's link; a link that died holds no longer. */
#define PUSH_ORDER_GRACE_MS 15000

/* Attached to every message for the request log. */
typedef struct {
  gint64 started;     /* monotonic µs */
  char  *account;
} RequestLog;

static GQuark
request_log_quark (void)
{
  return g_quark_from_static_string ("bf-request-log");
}

static void
request_log_free (gpointer data)
{
  RequestLog *log = data;

  g_free (log->account);
  g_free (log);
}

static RequestLog *
request_log (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), request_log_quark ());
}

/* One exchange in flight: the message stays paused until the answer is set. */
typedef struct {
  BfServer          *self;
  SoupServerMessage *msg;
  BfExchange        *exchange;
  BfInOrderTicket   *ticket;        /* a push's place in its token's line, until decoded */
  GError            *decode_error;  /* kept while the pushes before it are not released */
} Request;

/* A push's place in its token's line, taken when its headers came in, until its body is in. */
static GQuark
push_ticket_quark (void)
{
  return g_quark_from_static_string ("bf-push-ticket");
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->msg);
  bf_exchange_free (request->exchange);
  g_clear_error (&request->decode_error);
  g_free (request);
}

static void
respond (SoupServerMessage *msg, guint status, GBytes *body, gboolean gzipped)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (gzipped)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

static void
respond_error (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr(GBytes) body = bf_json_error_body (message);

  respond (msg, status, body, FALSE);
}

static void
request_finish_error (Request *request, const GError *error)
{
  guint status = bf_http_status_for_error (error);
  RequestLog *log = request_log (request->msg);

  if (log != NULL && log->account == NULL && request->exchange->account != NULL)
    log->account = g_strdup (request->exchange->account);
  /* The client learns that something broke, the log learns what. */
  if (status >= 500)
    g_warning ("%s %s: %s", soup_server_message_get_method (request->msg),
               g_uri_get_path (soup_server_message_get_uri (request->msg)), error->message);
  respond_error (request->msg, status, status >= 500 ? "Internal server error" : error->message);
  soup_server_message_unpause (request->msg);
  request_free (request);
}

static void
encode_done (gpointer data, const GError *error, gpointer user_data)
{
  Request *request = user_data;

  if (error != NULL)
    {
      request_finish_error (request, error);
      return;
    }
  respond (request->msg, SOUP_STATUS_OK, request->exchange->reply, request->exchange->reply_gzip);
  soup_server_message_unpause (request->msg);
  request_free (request);
}

static void handle_done (gpointer data, const GError *error, gpointer user_data);

static void queue_handle (gpointer data, const GError *error, gpointer user_data);

/* A decoded push whose turn has come. */
static void
release_push (gpointer data)
{
  Request *request = data;
  g_autoptr(GError) error = g_steal_pointer (&request->decode_error);

  queue_handle (request->exchange, error, request);
}

/* After decoding (and, for a login, the password check) the store handles the request. */
static void
queue_handle (gpointer data, const GError *error, gpointer user_data)
{
  Request *request = user_data;

  if (request->ticket != NULL)
    {
      /* Decoded: it goes on once the pushes before it have. A release may finish (and free)
       * a request, and with it a reference to the server, while the line is being drained. */
      g_autoptr(BfServer) self = g_object_ref (request->self);

      request->decode_error = error != NULL ? g_error_copy (error) : NULL;
      bf_in_order_ready (self->push_order, g_steal_pointer (&request->ticket), release_push,
                         request);
      return;
    }
  if (error != NULL)
    request_finish_error (request, error);
  else
    bf_job_runner_queue_store (request->self->runner, bf_exchange_handle, request->exchange,
                               handle_done, request);
}

static void
handle_done (gpointer data, const GError *error, gpointer user_data)
{
  Request *request = user_data;
  RequestLog *log = request_log (request->msg);

  if (log != NULL && request->exchange->account != NULL)
    {
      g_free (log->account);
      log->account = g_strdup (request->exchange->account);
    }
  if (error != NULL)
    request_finish_error (request, error);
  else if (request->exchange->check_password)
    /* argon2 takes a tenth of a second: a crowd signing in must not stall everyone's syncs. */
    bf_job_runner_queue_cpu (request->self->runner, bf_exchange_check_password, request->exchange,
                             queue_handle, request);
  else
    bf_job_runner_queue_cpu (request->self->runner, bf_exchange_encode, request->exchange,
                             encode_done, request);
}

/* The route of @path, and the method it takes; FALSE for no such endpoint. */
static gboolean
find_route (const char *path, BfRoute *out_route, const char **out_method, char **out_conflict_id)
{
  static const struct { const char *path; const char *method; BfRoute route; } routes[] = {
    { "/v1/login", "POST", BF_ROUTE_LOGIN },
    { "/v1/push", "POST", BF_ROUTE_PUSH },
    { "/v1/pull", "POST", BF_ROUTE_PULL },
    { "/v1/conflicts", "GET", BF_ROUTE_CONFLICTS },
    { "/v1/status", "GET", BF_ROUTE_STATUS },
  };
  const char *prefix = "/v1/conflicts/", *suffix = "/resolve";

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (strcmp (path, routes[i].path) == 0)
      {
        *out_route = routes[i].route;
        *out_method = routes[i].method;
        return TRUE;
      }
  if (g_str_has_prefix (path, prefix) && g_str_has_suffix (path, suffix) &&
      strlen (path) > strlen (prefix) + strlen (suffix))
    {
      g_autofree char *id = g_strndup (path + strlen (prefix),
                                       strlen (path) - strlen (prefix) - strlen (suffix));
      if (strchr (id, '/') != NULL)
        return FALSE;
      *out_route = BF_ROUTE_RESOLVE;
      *out_method = "POST";
      *out_conflict_id = g_steal_pointer (&id);
      return TRUE;
    }
  return FALSE;
}

static char *
bearer_token (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  value += 7;
  while (*value == ' ')
    value++;
  return g_strchomp (g_strdup (value));
}

static gboolean
accepts_gzip (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_list (headers, "Accept-Encoding");
  GSList *accepted;
  gboolean gzip = FALSE;

  if (value == NULL)
    return FALSE;
  accepted = soup_header_parse_quality_list (value, NULL);
  for (GSList *l = accepted; l != NULL; l = l->next)
    gzip |= g_ascii_strcasecmp (l->data, "gzip") == 0;
  soup_header_free_list (accepted);
  return gzip;
}

static void
answer_health (BfServer *self, SoupServerMessage *msg)
{
  char *text = g_strdup_printf ("{\"status\":\"ok\",\"version\":\"%s\",\"changes\":%"
                                G_GINT64_FORMAT "}", PACKAGE_VERSION,
                                bf_job_runner_get_changes (self->runner));
  gsize length = strlen (text);
  g_autoptr(GBytes) body = g_bytes_new_take (text, length);

  respond (msg, SOUP_STATUS_OK, body, FALSE);
}

static void
handle_message (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
                gpointer user_data)
{
  BfServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *allowed = NULL, *encoding;
  g_autofree char *conflict_id = NULL;
  Request *request;
  BfRoute route;

  if (strcmp (path, "/v1/health") == 0)
    {
      if (strcmp (method, "GET") == 0 || strcmp (method, "HEAD") == 0)
        answer_health (self, msg);
      else
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET");
          respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Use GET");
        }
      return;
    }
  if (!find_route (path, &route, &allowed, &conflict_id))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "No such endpoint");
      return;
    }
  if (strcmp (method, allowed) != 0)
    {
      g_autofree char *message = g_strdup_printf ("Use %s", allowed);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, message);
      return;
    }
  encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "gzip") != 0 &&
      g_ascii_strcasecmp (encoding, "identity") != 0)
    {
      respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Only gzip request bodies are understood");
      return;
    }

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->msg = g_object_ref (msg);
  request->exchange = bf_exchange_new (route);
  request->exchange->token = bearer_token (headers);
  request->exchange->conflict_id = g_steal_pointer (&conflict_id);
  request->exchange->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  request->exchange->body_gzip = encoding != NULL && g_ascii_strcasecmp (encoding, "gzip") == 0;
  request->exchange->accept_gzip = accepts_gzip (headers);
  request->exchange->answer_runs =
    g_strcmp0 (soup_message_headers_get_one (headers, "Bangfu-Push-Answer"), "runs") == 0;
  request->exchange->policy = bf_job_runner_get_policy (self->runner);
  soup_server_message_pause (msg);
  request->ticket = g_object_steal_qdata (G_OBJECT (msg), push_ticket_quark ());
  if (bf_route_has_body (route))
    bf_job_runner_queue_cpu (self->runner, bf_exchange_decode, request->exchange, queue_handle, request);
  else
    bf_job_runner_queue_store (self->runner, bf_exchange_handle, request->exchange, handle_done, request);
}

/* Refuses a body past the limit without keeping it: what is still on the way is read and
 * dropped, then the 413 goes out. */
static void
refuse_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *message = g_strdup_printf ("The request body is larger than %d MiB",
                                              BF_SERVER_MAX_BODY >> 20);

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, message);
}

static void
got_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  if (soup_server_message_get_request_body (msg)->length > BF_SERVER_MAX_BODY &&
      soup_server_message_get_status (msg) == 0)
    refuse_body (msg);
}

static void
handle_headers (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
                gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  BfServer *self = user_data;
  g_autofree char *token = NULL;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > BF_SERVER_MAX_BODY)
    {
      refuse_body (msg);
      return;
    }
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), NULL);
  if (strcmp (path, "/v1/push") == 0 &&
      strcmp (soup_server_message_get_method (msg), "POST") == 0 &&
      (token = bearer_token (headers)) != NULL)
    g_object_set_qdata (G_OBJECT (msg), push_ticket_quark (),
                        bf_in_order_enter (self->push_order, token));
}

/* A push that ended before handle_message took its place (a body cut off or refused) gives
 * it up, so that the device's later pushes do not wait for it. */
static void
leave_line (BfServer *self, SoupServerMessage *msg)
{
  BfInOrderTicket *ticket = g_object_steal_qdata (G_OBJECT (msg), push_ticket_quark ());

  if (ticket != NULL)
    bf_in_order_leave (self->push_order, ticket);
}

static void
request_started (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  BfServer *self = user_data;
  RequestLog *log = g_new0 (RequestLog, 1);
  GSocket *socket = soup_server_message_get_socket (msg);

  /* Every wait for the socket on this connection gives up after it, and the connection with
   * it (GSocket's timeout applies to the sources the server's streams poll). */
  if (socket != NULL)
    g_socket_set_timeout (socket, self->idle_timeout);

  log->started = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (msg), request_log_quark (), log, request_log_free);
}

static void
log_request (SoupServerMessage *msg, gboolean aborted)
{
  RequestLog *log = request_log (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *status = aborted ? g_strdup ("-")
                                    : g_strdup_printf ("%u", soup_server_message_get_status (msg));

  /* A connection closed before a request line arrived is not a request. */
  if (log == NULL || method == NULL)
    return;
  g_message ("%s %s %s %.1f ms %s%s", method, uri ? g_uri_get_path (uri) : "?", status,
             (g_get_monotonic_time () - log->started) / 1000.0, log->account ? log->account : "-",
             aborted ? " (connection lost before the answer was sent)" : "");
}

static void
request_finished (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  leave_line (user_data, msg);
  log_request (msg, FALSE);
}

static void
request_aborted (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  leave_line (user_data, msg);
  log_request (msg, TRUE);
}

static void
bf_server_dispose (GObject *object)
{
  BfServer *self = BF_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->push_order, bf_in_order_free);
  G_OBJECT_CLASS (bf_server_parent_class)->dispose (object);
}

static void
bf_server_class_init (BfServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bf_server_dispose;
}

static void
bf_server_init (BfServer *self)
{
  self->soup = soup_server_new ("server-header", "bangfu-server/" PACKAGE_VERSION " ", NULL);
  self->push_order = bf_in_order_new (PUSH_ORDER_GRACE_MS);
  self->idle_timeout = BF_SERVER_IDLE_TIMEOUT_S;
  soup_server_add_early_handler (self->soup, NULL, handle_headers, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_message, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_aborted), self);
}

BfServer *
bf_server_new (BfJobRunner *runner)
{
  BfServer *self = g_object_new (BF_TYPE_SERVER, NULL);

  self->runner = g_object_ref (runner);
  return self;
}

void
bf_server_set_idle_timeout (BfServer *self, guint seconds)
{
  self->idle_timeout = seconds;
}

#define LISTEN_BACKLOG 1024

gboolean
bf_server_listen (BfServer *self, GSocketAddress *address, GTlsCertificate *certificate,
                  char **out_url, GError **error)
{
  GSList *uris;
  GUri *uri;
  const char *host;

  g_autoptr(GSocket) socket = NULL;

  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  /* Our own socket for a deeper accept queue: when a whole district comes back online, a few
   * hundred laptops connect at once, and a short queue answers the overflow with resets. */
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (self->soup, socket,
                                  certificate ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return FALSE;
  uris = soup_server_get_uris (self->soup);
  g_return_val_if_fail (uris != NULL, FALSE);
  uri = uris->data;
  host = g_uri_get_host (uri);
  *out_url = g_strdup_printf (strchr (host, ':') ? "%s://[%s]:%d" : "%s://%s:%d",
                              g_uri_get_scheme (uri), host, g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

void
bf_server_stop (BfServer *self)
{
  soup_server_disconnect (self->soup);
}
