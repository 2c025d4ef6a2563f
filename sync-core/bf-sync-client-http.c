/* bf-sync-client-http.c: one request to the district server and its answer.
 *
 * The answer is read chunk by chunk rather than with soup_session_send_and_read_async(): the
 * reader stops at the wire format's size limit instead of holding whatever a broken server
 * sends, and a cancellation takes effect between any two chunks.
 */
#include "bf-config.h"
#include "bf-sync-client-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bf-wire.h"

#define READ_CHUNK (64 * 1024)

/* A server's reason is shown to the user; a longer one is cut. */
#define MAX_REASON_CHARS 300

typedef struct {
  SoupMessage          *message;
  GInputStream         *stream;
  GByteArray           *body;
  GTlsCertificate      *pin;
  char                 *url;
  /* For bf_sync_http_post_in_thread, on the worker thread: */
  BfGzipAhead          *gzipped;       /* the body, compressed ahead or there */
  BfSyncHttpWorker      worker;
  GMainContext         *caller;        /* where worker.on_sent runs */
} Exchange;

static void
exchange_free (gpointer data)
{
  Exchange *exchange = data;

  g_clear_object (&exchange->stream);
  g_clear_object (&exchange->message);
  g_clear_pointer (&exchange->body, g_byte_array_unref);
  g_clear_object (&exchange->pin);
  g_clear_pointer (&exchange->gzipped, bf_gzip_ahead_unref);
  if (exchange->worker.on_sent_destroy != NULL)
    exchange->worker.on_sent_destroy (exchange->worker.on_sent_data);
  g_clear_pointer (&exchange->caller, g_main_context_unref);
  g_free (exchange->url);
  g_free (exchange);
}

GBytes *
bf_sync_http_gzip (GBytes *data)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) gzip = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  gsize size = 0;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  /* Writing to memory cannot fail. */
  g_output_stream_write_all (gzip, bytes, size, NULL, NULL, NULL);
  g_output_stream_close (gzip, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static gboolean
accept_pinned (SoupMessage          *message,
               GTlsCertificate      *certificate,
               GTlsCertificateFlags  errors,
               gpointer              user_data)
{
  /* The system's CAs do not know a district's self-signed certificate: the pin vouches for
   * it, and for nothing else. */
  return g_tls_certificate_is_same (certificate, G_TLS_CERTIFICATE (user_data));
}

static void
unref_pin (gpointer data,
           GClosure *closure)
{
  g_object_unref (data);
}

/* The {"error": "…"} of a refusal, if the body is one; cut to a readable length. */
static char *
server_reason (const GByteArray *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root, *member;
  const char *text;

  if (body == NULL || body->len == 0 ||
      !json_parser_load_from_data (parser, (const char *) body->data, body->len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  member = json_object_get_member (json_node_get_object (root), "error");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (member);
  if (text == NULL || *text == '\0')
    return NULL;
  if (g_utf8_strlen (text, -1) > MAX_REASON_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, MAX_REASON_CHARS);
      return g_strconcat (cut, "…", NULL);
    }
  return g_strdup (text);
}

static GError *
status_error (Exchange *exchange)
{
  guint status = soup_message_get_status (exchange->message);
  g_autofree char *reason = server_reason (exchange->body);
  const char *said = reason;

  if (said == NULL)
    said = soup_message_get_reason_phrase (exchange->message);
  if (said == NULL || *said == '\0')
    said = soup_status_get_phrase (status);
  if (said == NULL)
    said = _("no reason given");
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_AUTH,
                        _("The server did not accept the sign-in: %s"), said);
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_FORBIDDEN,
                        _("The server refused: %s"), said);
  if (status >= 500 && status < 600)
    return g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_SERVER,
                        _("The server failed (HTTP %u): %s"), status, said);
  return g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
                      _("The server answered HTTP %u: %s"), status, said);
}

/* What went wrong on the way, in the client's terms; a cancellation stays one. */
static GError *
transport_error (const Exchange *exchange, GError *error, gboolean receiving)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    mapped = g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE,
                          _("The certificate of %s is not trusted (%s); if the server uses a "
                            "self-signed certificate, pin it"), exchange->url, error->message);
  else if (receiving)
    mapped = g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_NETWORK,
                          _("The connection to %s broke off: %s"), exchange->url, error->message);
  else
    mapped = g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_NETWORK,
                          _("Cannot reach the server at %s: %s"), exchange->url, error->message);
  g_error_free (error);
  return mapped;
}

static void read_next (GTask *task);

/* The whole answer once read: its body for a 2xx status, the server's reason otherwise. */
static GBytes *
answer_body (Exchange *exchange, GError **error)
{
  guint status = soup_message_get_status (exchange->message);

  if (status >= 200 && status < 300)
    return g_byte_array_free_to_bytes (g_steal_pointer (&exchange->body));
  g_propagate_error (error, status_error (exchange));
  return NULL;
}

static void
finish_exchange (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *body = answer_body (exchange, &error);

  if (body != NULL)
    g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/* Adds @chunk to the answer; FALSE past the wire format's limit. */
static gboolean
append_chunk (Exchange *exchange, GBytes *chunk, GError **error)
{
  g_byte_array_append (exchange->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (exchange->body->len <= BF_WIRE_MAX_BYTES)
    return TRUE;
  g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
               _("The answer of %s is larger than %d MiB"), exchange->url,
               BF_WIRE_MAX_BYTES / (1024 * 1024));
  return FALSE;
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, transport_error (exchange, error, TRUE));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_exchange (task);
      return;
    }
  if (!append_chunk (exchange, chunk, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (exchange->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

/* Belt and braces: the session trusts only the pinned certificate, and accept_pinned() only
 * lets that one through; a different one must never get this far. */
static gboolean
peer_is_pinned (Exchange *exchange, GError **error)
{
  GTlsCertificate *peer;

  if (exchange->pin == NULL)
    return TRUE;
  peer = soup_message_get_tls_peer_certificate (exchange->message);
  if (peer == NULL || g_tls_certificate_is_same (peer, exchange->pin))
    return TRUE;
  g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE,
               _("The certificate of %s is not the pinned one"), exchange->url);
  return FALSE;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  GError *error = NULL;

  exchange->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (exchange->stream == NULL)
    {
      g_task_return_error (task, transport_error (exchange, error, FALSE));
      return;
    }
  if (!peer_is_pinned (exchange, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  exchange->body = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

/* @sent, compressed already, as @exchange's request. */
static void
set_gzipped_body (Exchange *exchange, GBytes *sent)
{
  soup_message_headers_replace (soup_message_get_request_headers (exchange->message),
                                "Content-Encoding", "gzip");
  soup_message_set_request_body_from_bytes (exchange->message, "application/json", sent);
}

/* The request, ready to send; NULL with @error for an address that is not one. */
static Exchange *
new_exchange (const char *base_url, const char *path, const char *token, GTlsCertificate *pin,
              GBytes *body, gboolean gzip, GError **error)
{
  g_autofree char *base = g_strdup (base_url);
  Exchange *exchange;
  SoupMessageHeaders *headers;

  /* "https://host/" and "https://host" name the same server. */
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  exchange = g_new0 (Exchange, 1);
  exchange->url = g_strconcat (base, path, NULL);
  exchange->message = soup_message_new (SOUP_METHOD_POST, exchange->url);
  if (exchange->message == NULL)
    {
      exchange_free (exchange);
      g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INVALID_URL,
                   _("“%s” is not a server address"), base_url);
      return NULL;
    }
  headers = soup_message_get_request_headers (exchange->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  /* A push's answer in runs: 2,500 accepted changes in one entry, not 200 KB of them
   * (docs/PROTOCOL.md). Other endpoints, and older servers, ignore it. */
  soup_message_headers_replace (headers, "Bangfu-Push-Answer", "runs");
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (gzip)
    {
      g_autoptr(GBytes) sent = bf_sync_http_gzip (body);
      set_gzipped_body (exchange, sent);
    }
  else
    soup_message_set_request_body_from_bytes (exchange->message, "application/json", body);
  if (pin != NULL)
    {
      exchange->pin = g_object_ref (pin);
      g_signal_connect_data (exchange->message, "accept-certificate", G_CALLBACK (accept_pinned),
                             g_object_ref (pin), unref_pin, 0);
    }
  return exchange;
}

/* The task of a request and its exchange as its data; NULL once the task has returned the
 * error of an address that is not one. */
static GTask *
new_task (SoupSession *session, const char *base_url, const char *path, const char *token,
          GTlsCertificate *pin, GBytes *body, gboolean gzip, gpointer source_tag,
          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (session, cancellable, callback, user_data);
  GError *error = NULL;
  Exchange *exchange;

  g_task_set_source_tag (task, source_tag);
  exchange = new_exchange (base_url, path, token, pin, body, gzip, &error);
  if (exchange == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }
  g_task_set_task_data (task, exchange, exchange_free);
  return g_steal_pointer (&task);
}

void
bf_sync_http_post_async (SoupSession         *session,
                         const char          *base_url,
                         const char          *path,
                         const char          *token,
                         GTlsCertificate     *pin,
                         GBytes              *body,
                         gboolean             gzip,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = new_task (session, base_url, path, token, pin, body, gzip,
                          bf_sync_http_post_async, cancellable, callback, user_data);
  Exchange *exchange;

  if (task == NULL)
    return;
  exchange = g_task_get_task_data (task);
  soup_session_send_async (session, exchange->message, G_PRIORITY_DEFAULT, cancellable, sent_cb,
                           task);
}

GBytes *
bf_sync_http_post_finish (SoupSession   *session,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* worker.on_sent, handed over to the caller's context, where it runs once. */
typedef struct {
  BfSyncHttpSentFunc func;
  gpointer           data;
  GDestroyNotify     destroy;
} SentCall;

static gboolean
run_sent_call (gpointer data)
{
  SentCall *call = data;

  call->func (call->data);
  return G_SOURCE_REMOVE;
}

static void
sent_call_free (gpointer data)
{
  SentCall *call = data;

  if (call->destroy != NULL)
    call->destroy (call->data);
  g_free (call);
}

/* On the worker thread, from libsoup: the request has gone out whole. */
static void
wrote_body_in_thread (SoupMessage *message, gpointer user_data)
{
  Exchange *exchange = user_data;
  SentCall *call;

  /* Once: libsoup writes a request again when the kept-alive connection it used had closed. */
  if (exchange->worker.on_sent == NULL)
    return;
  call = g_new0 (SentCall, 1);
  call->func = exchange->worker.on_sent;
  call->data = exchange->worker.on_sent_data;
  call->destroy = exchange->worker.on_sent_destroy;
  exchange->worker.on_sent = NULL;
  exchange->worker.on_sent_data = NULL;
  exchange->worker.on_sent_destroy = NULL;
  g_main_context_invoke_full (exchange->caller, G_PRIORITY_DEFAULT, run_sent_call, call,
                              sent_call_free);
}

/* The whole exchange on a worker thread, with libsoup's blocking calls (since 3.2 a session
 * sends from any thread, its I/O on the sending one), then @decode on the answer there too. */
static void
post_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Exchange *exchange = task_data;
  g_autoptr(GBytes) answer = NULL;
  GError *error = NULL;
  gpointer decoded;

  if (exchange->gzipped != NULL)
    {
      g_autoptr(GBytes) sent = bf_gzip_ahead_get (exchange->gzipped);
      set_gzipped_body (exchange, sent);
    }
  if (exchange->worker.on_sent != NULL)
    g_signal_connect (exchange->message, "wrote-body", G_CALLBACK (wrote_body_in_thread), exchange);
  /* libsoup's blocking calls may iterate the thread's own context: not the caller's. */
  g_main_context_push_thread_default (context);
  exchange->stream = soup_session_send (SOUP_SESSION (source), exchange->message, cancellable,
                                        &error);
  if (exchange->stream == NULL)
    error = transport_error (exchange, error, FALSE);
  else if (peer_is_pinned (exchange, &error))
    {
      exchange->body = g_byte_array_new ();
      for (;;)
        {
          g_autoptr(GBytes) chunk = g_input_stream_read_bytes (exchange->stream, READ_CHUNK,
                                                               cancellable, &error);
          if (chunk == NULL)
            error = transport_error (exchange, error, TRUE);
          if (chunk == NULL || g_bytes_get_size (chunk) == 0 ||
              !append_chunk (exchange, chunk, &error))
            break;
        }
      if (error == NULL)
        answer = answer_body (exchange, &error);
    }
  /* The stream is closed here, on the thread that made it. */
  g_clear_object (&exchange->stream);
  g_main_context_pop_thread_default (context);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  decoded = exchange->worker.decode (answer, &error);
  if (decoded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, decoded, exchange->worker.free_decoded);
}

void
bf_sync_http_post_in_thread (SoupSession            *session,
                             const char             *base_url,
                             const char             *path,
                             const char             *token,
                             GTlsCertificate        *pin,
                             GBytes                 *body,
                             BfGzipAhead            *gzipped,
                             const BfSyncHttpWorker *worker,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GBytes) empty = body != NULL ? NULL : g_bytes_new_static ("", 0);
  g_autoptr(GTask) task = new_task (session, base_url, path, token, pin, body ? body : empty,
                                    FALSE, bf_sync_http_post_in_thread, cancellable, callback,
                                    user_data);
  Exchange *exchange;

  if (task == NULL)
    {
      if (worker->on_sent_destroy != NULL)
        worker->on_sent_destroy (worker->on_sent_data);
      return;
    }
  exchange = g_task_get_task_data (task);
  if (gzipped != NULL)
    exchange->gzipped = bf_gzip_ahead_ref (gzipped);
  exchange->worker = *worker;
  exchange->caller = g_main_context_ref_thread_default ();
  g_task_run_in_thread (task, post_in_thread);
}

gpointer
bf_sync_http_post_in_thread_finish (SoupSession   *session,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
