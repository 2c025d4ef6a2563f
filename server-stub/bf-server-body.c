/* bf-server-body.c: request bodies in, answers out — gzip, JSON, and HTTP statuses. */
#include "bf-config.h"
#include "bf-server-private.h"

#include <gio/gio.h>
#include <string.h>

#include "bf-accounts.h"
#include "bf-json-strict.h"
#include "bf-validate.h"

/* Login, pull and resolve requests are a few small members. */
#define MAX_SMALL_BODY (64 * 1024)
/* Below this an answer is not worth compressing. */
#define GZIP_THRESHOLD 1024

G_DEFINE_QUARK (bf-http-error-quark, bf_http_error)

BfExchange *
bf_exchange_new (BfRoute route)
{
  BfExchange *exchange = g_new0 (BfExchange, 1);

  exchange->route = route;
  return exchange;
}

void
bf_exchange_free (BfExchange *exchange)
{
  if (exchange == NULL)
    return;
  if (exchange->token != NULL)
    memset (exchange->token, 0, strlen (exchange->token));
  g_free (exchange->token);
  g_free (exchange->conflict_id);
  g_clear_pointer (&exchange->body, g_bytes_unref);
  g_clear_pointer (&exchange->batch, bf_batch_free);
  g_clear_pointer (&exchange->json, json_node_unref);
  g_free (exchange->password_hash);
  g_free (exchange->account);
  g_clear_pointer (&exchange->push_response, bf_push_response_free);
  g_clear_pointer (&exchange->pulled, g_bytes_unref);
  g_free (exchange->scope_json);
  g_clear_pointer (&exchange->reply_json, json_node_unref);
  g_clear_pointer (&exchange->reply, g_bytes_unref);
  g_free (exchange);
}

gboolean
bf_route_has_body (BfRoute route)
{
  return route == BF_ROUTE_LOGIN || route == BF_ROUTE_PUSH || route == BF_ROUTE_PULL ||
         route == BF_ROUTE_RESOLVE;
}

guint
bf_http_status_for_error (const GError *error)
{
  if (error->domain == BF_HTTP_ERROR)
    return (guint) error->code;
  if (error->domain == BF_ACCOUNT_ERROR)
    switch ((BfAccountError) error->code)
      {
      case BF_ACCOUNT_ERROR_BAD_CREDENTIALS:
      case BF_ACCOUNT_ERROR_DISABLED:
      case BF_ACCOUNT_ERROR_BAD_TOKEN:
      case BF_ACCOUNT_ERROR_EXPIRED:
        return 401;
      case BF_ACCOUNT_ERROR_DEVICE_TAKEN:
        return 403;
      case BF_ACCOUNT_ERROR_CRYPTO:
        return 500;
      default:
        return 400;
      }
  if (error->domain == BF_WIRE_ERROR || error->domain == BF_VALIDATE_ERROR)
    return 400;
  if (error->domain == BF_STORE_ERROR)
    return error->code == BF_STORE_ERROR_SQL || error->code == BF_STORE_ERROR_OPEN ? 500 : 400;
  return 500;
}

GBytes *
bf_json_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

GBytes *
bf_json_error_body (const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return bf_json_bytes (root);
}

/* Runs @converter over all of @input; more than @limit bytes out is BF_HTTP_ERROR 413. */
static GBytes *
convert_all (GConverter *converter, GBytes *input, gsize limit, GError **error)
{
  g_autoptr(GByteArray) output = g_byte_array_new ();
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (input, &length);
  gsize position = 0;

  for (;;)
    {
      gsize read = 0, written = 0, start = output->len;
      GConverterResult result;

      /* Room for the next piece: at least 64 KiB, or as much again as there is. */
      g_byte_array_set_size (output, start + MAX (64 * 1024, start));
      result = g_converter_convert (converter, data + position, length - position,
                                    output->data + start, output->len - start,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, error);
      g_byte_array_set_size (output, start + written);
      position += read;
      if (result == G_CONVERTER_ERROR)
        return NULL;
      if (output->len > limit)
        {
          g_set_error (error, BF_HTTP_ERROR, 413,
                       "The request body inflates to more than %u MiB", (guint) (limit >> 20));
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&output));
}

/* zlib's fastest level. The server's two cores answer every device of the district, and at
 * the default level compressing was a sixth of the server's work on a district's first sync;
 * level 1 takes 2.6 times less time for answers about a fifth larger (bench/RESULTS.md). A
 * device's push body, compressed on the laptop for a poor line, keeps the default. */
#define ANSWER_GZIP_LEVEL 1

/* One compressor and one decompressor per pool thread, reset between bodies: setting zlib up
 * allocates and clears some 300 KB, which for the small bodies of two hundred laptops syncing
 * at once cost more than compressing them. */
static GPrivate thread_compressor = G_PRIVATE_INIT (g_object_unref);
static GPrivate thread_decompressor = G_PRIVATE_INIT (g_object_unref);

static GConverter *
reset_converter (GPrivate *slot, gboolean compress)
{
  GConverter *converter = g_private_get (slot);

  if (converter == NULL)
    {
      converter = compress
        ? G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, ANSWER_GZIP_LEVEL))
        : G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      g_private_set (slot, converter);
    }
  else
    g_converter_reset (converter);
  return converter;
}

GBytes *
bf_gzip (GBytes *bytes)
{
  return convert_all (reset_converter (&thread_compressor, TRUE), bytes, G_MAXSIZE, NULL);
}

GBytes *
bf_gunzip (GBytes *bytes, gsize limit, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *inflated = convert_all (reset_converter (&thread_decompressor, FALSE), bytes, limit,
                                  &local_error);

  if (inflated == NULL && local_error->domain != BF_HTTP_ERROR)
    {
      g_set_error (error, BF_HTTP_ERROR, 400, "The gzip request body is damaged: %s",
                   local_error->message);
      return NULL;
    }
  if (inflated == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return inflated;
}

/* A small JSON object from an untrusted body: checked strictly before json-glib sees it. */
static JsonNode *
parse_object (GBytes *body, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (body, &length);

  if (length > MAX_SMALL_BODY)
    {
      g_set_error (error, BF_HTTP_ERROR, 413, "The request body is larger than %u KiB",
                   (guint) (MAX_SMALL_BODY >> 10));
      return NULL;
    }
  if (!bf_json_strict_check (data, length, MAX_SMALL_BODY, 4, &local_error) ||
      !json_parser_load_from_data (parser, (const char *) data, (gssize) length, &local_error))
    {
      g_set_error (error, BF_HTTP_ERROR, 400, "%s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, BF_HTTP_ERROR, 400, "The request body is not a JSON object");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

gboolean
bf_exchange_decode (BfStore *store, gpointer data, GError **error)
{
  BfExchange *exchange = data;
  gsize length = 0;
  const guint8 *bytes;

  if (exchange->body_gzip)
    {
      GBytes *inflated = bf_gunzip (exchange->body, BF_SERVER_MAX_INFLATED, error);
      if (inflated == NULL)
        return FALSE;
      g_bytes_unref (exchange->body);
      exchange->body = inflated;
    }
  bytes = g_bytes_get_data (exchange->body, &length);
  if (exchange->route == BF_ROUTE_PUSH)
    {
      exchange->batch = bf_batch_decode (bytes, length, error);
      if (exchange->batch != NULL)
        bf_hub_prepare_push (exchange->batch, exchange->policy);
      return exchange->batch != NULL;
    }
  /* A pull without a body starts from the beginning with the default page. */
  if (exchange->route == BF_ROUTE_PULL && length == 0)
    {
      exchange->json = json_node_init_object (json_node_alloc (), json_object_new ());
      return TRUE;
    }
  exchange->json = parse_object (exchange->body, error);
  return exchange->json != NULL;
}

/* The pull answer is the encoded batch plus one member. Re-parsing megabytes to add it would
 * cost more than the pull itself, so the member goes in before the closing brace. */
static GBytes *
add_scope_member (GBytes *batch, const char *scope_json)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (batch, &length);
  g_autoptr(GByteArray) joined = NULL;

  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;
  g_return_val_if_fail (length > 1 && text[length - 1] == '}', g_bytes_ref (batch));
  joined = g_byte_array_sized_new (length + strlen (scope_json) + 16);
  g_byte_array_append (joined, (const guint8 *) text, length - 1);
  g_byte_array_append (joined, (const guint8 *) ",\"scope\":", 9);
  g_byte_array_append (joined, (const guint8 *) scope_json, strlen (scope_json));
  g_byte_array_append (joined, (const guint8 *) "}", 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&joined));
}

gboolean
bf_exchange_encode (BfStore *store, gpointer data, GError **error)
{
  BfExchange *exchange = data;
  g_autoptr(GBytes) reply = NULL;

  if (exchange->push_response != NULL)
    reply = exchange->answer_runs ? bf_push_response_encode_runs (exchange->push_response)
                                  : bf_push_response_encode (exchange->push_response);
  else if (exchange->pulled != NULL)
    reply = add_scope_member (exchange->pulled, exchange->scope_json);
  else if (exchange->reply_json != NULL)
    reply = bf_json_bytes (exchange->reply_json);
  else
    {
      g_set_error_literal (error, BF_HTTP_ERROR, 500, "The request produced no answer");
      return FALSE;
    }
  exchange->reply_gzip = exchange->accept_gzip && g_bytes_get_size (reply) >= GZIP_THRESHOLD;
  exchange->reply = exchange->reply_gzip ? bf_gzip (reply) : g_steal_pointer (&reply);
  return TRUE;
}
