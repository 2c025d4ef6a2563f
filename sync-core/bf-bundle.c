/* bf-bundle.c: a batch as a self-checking file.
 *
 *   BANGFU-BUNDLE 1\n
 *   {"length":N,"sha256":"…","changes":K,"sender":"…"}\n
 *   N bytes: the encoded batch, gzip-compressed
 *
 * The text lines let a person recognise the file with `head -2`. The length tells a truncated
 * copy (a stick pulled out early) from a damaged one; the checksum catches the rest before a
 * single byte is decompressed; decompression stops past BF_WIRE_MAX_BYTES, so a small file
 * cannot expand into gigabytes.
 */
#include "bf-config.h"
#include "bf-bundle.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bf-json-strict.h"
#include "bf-uuid.h"

#define MAGIC           "BANGFU-BUNDLE "
#define BUNDLE_VERSION  1
#define MAX_HEADER      1024   /* the header line, its newline included */
/* gzip adds a few bytes per 16 KiB to data it cannot compress: a megabyte covers that. */
#define MAX_PAYLOAD     (BF_WIRE_MAX_BYTES + 1024 * 1024)
#define MAX_FILE        (MAX_PAYLOAD + 1024 * 1024)
#define CHUNK           (64 * 1024)

G_DEFINE_QUARK (bf-bundle-error-quark, bf_bundle_error)

/* Runs @data through @converter to its end. Fails once the output passes @max_output, without
 * producing more than a chunk beyond it. */
static GByteArray *
convert_all (GConverter *converter, const guint8 *data, gsize length, gsize max_output,
             GError **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_pos = 0;

  for (;;)
    {
      GConverterResult result;
      gsize n_read = 0;
      gsize n_written = 0;
      guint before = out->len;

      g_byte_array_set_size (out, before + CHUNK);
      result = g_converter_convert (converter, data + in_pos, length - in_pos,
                                    out->data + before, CHUNK, G_CONVERTER_INPUT_AT_END,
                                    &n_read, &n_written, error);
      g_byte_array_set_size (out, before + n_written);
      if (result == G_CONVERTER_ERROR)
        return NULL;
      in_pos += n_read;
      if (out->len > max_output)
        {
          g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT,
                       _("The bundle’s data unpacks to more than %lu bytes"),
                       (unsigned long) max_output);
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
      /* Neither input taken nor output made: zlib is stuck, and would be forever. */
      if (n_read == 0 && n_written == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               _("the compressed data ends early"));
          return NULL;
        }
    }
  /* A second gzip member after the first: not something pack() writes. */
  if (in_pos != length)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("data after the end of the compressed stream"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

static char *
header_line (const BfBatch *batch, gsize payload_length, const char *sha256)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, (gint64) payload_length);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, sha256);
  json_builder_set_member_name (builder, "changes");
  json_builder_add_int_value (builder, batch->changes->len);
  json_builder_set_member_name (builder, "sender");
  json_builder_add_string_value (builder, batch->sender);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

GBytes *
bf_bundle_pack (const BfBatch *batch)
{
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GByteArray) payload = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *header = NULL;
  GByteArray *bundle;
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (batch != NULL, NULL);

  encoded = bf_batch_encode (batch);
  g_return_val_if_fail (encoded != NULL, NULL);
  data = g_bytes_get_data (encoded, &length);
  /* No file name or time in the gzip header: the same batch always packs to the same bytes. */
  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  payload = convert_all (G_CONVERTER (compressor), data, length, G_MAXUINT32 - CHUNK, NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, payload->data, payload->len);
  header = header_line (batch, payload->len, sha256);

  bundle = g_byte_array_sized_new (payload->len + 256);
  g_byte_array_append (bundle, (const guint8 *) MAGIC "1\n", strlen (MAGIC "1\n"));
  g_byte_array_append (bundle, (const guint8 *) header, strlen (header));
  g_byte_array_append (bundle, (const guint8 *) "\n", 1);
  g_byte_array_append (bundle, payload->data, payload->len);
  return g_byte_array_free_to_bytes (bundle);
}

typedef struct {
  gint64      length;
  const char *sha256;
  gint64      changes;
  const char *sender;
} Header;

static gboolean
header_int (JsonObject *root, const char *name, gint64 max, gint64 *out)
{
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return *out >= 0 && *out <= max;
}

static const char *
header_string (JsonObject *root, const char *name)
{
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The header line, checked as strictly as a batch. Members it does not know are ignored, so a
 * later version 1 writer may add some. */
static JsonParser *
parse_header (const guint8 *line, gsize length, Header *header, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root_node;
  JsonObject *root;

  if (!bf_json_strict_check (line, length, MAX_HEADER, 1, &local_error))
    goto damaged;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) line, (gssize) length, &local_error))
    goto damaged;
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    goto invalid;
  root = json_node_get_object (root_node);
  header->sha256 = header_string (root, "sha256");
  header->sender = header_string (root, "sender");
  if (!header_int (root, "length", MAX_PAYLOAD, &header->length) ||
      !header_int (root, "changes", G_MAXINT, &header->changes) ||
      header->sha256 == NULL || header->sender == NULL || !bf_uuid_is_valid (header->sender))
    goto invalid;
  return g_steal_pointer (&parser);

invalid:
  g_set_error_literal (&local_error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                       _("a member is missing or wrong"));
damaged:
  g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT,
               _("The bundle’s header is damaged: %s"), local_error->message);
  return NULL;
}

/* "BANGFU-BUNDLE 1\n": sets *out_end to the byte after it. */
static gboolean
check_magic (const guint8 *data, gsize length, gsize *out_end, GError **error)
{
  gsize magic_length = strlen (MAGIC);
  guint version = 0;
  gsize pos;

  if (length < magic_length)
    {
      if (length > 0 && memcmp (data, MAGIC, length) == 0)
        goto truncated;
      goto not_bundle;
    }
  if (memcmp (data, MAGIC, magic_length) != 0)
    goto not_bundle;
  for (pos = magic_length; pos < length && g_ascii_isdigit (data[pos]); pos++)
    {
      /* Nine digits fit a guint; more means a version far beyond ours. */
      if (pos - magic_length == 9)
        goto newer;
      version = version * 10 + (guint) (data[pos] - '0');
    }
  if (pos == length)
    goto truncated;
  if (pos == magic_length || data[pos] != '\n' || version == 0 || data[magic_length] == '0')
    goto not_bundle;
  if (version > BUNDLE_VERSION)
    goto newer;
  *out_end = pos + 1;
  return TRUE;

truncated:
  g_set_error_literal (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_TRUNCATED,
                       _("The bundle is incomplete: it ends early"));
  return FALSE;
not_bundle:
  g_set_error_literal (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_NOT_BUNDLE,
                       _("This is not a Bangfu bundle"));
  return FALSE;
newer:
  g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_VERSION,
               _("The bundle was written in a newer format; this program reads version %d: "
                 "update Bangfu to read it"), BUNDLE_VERSION);
  return FALSE;
}

BfBatch *
bf_bundle_unpack (const guint8 *data, gsize length, GError **error)
{
  g_autoptr(JsonParser) header_parser = NULL;
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GByteArray) encoded = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BfBatch) batch = NULL;
  g_autofree char *sha256 = NULL;
  Header header = { 0 };
  const guint8 *newline;
  gsize pos = 0;
  gsize remaining;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_magic (data, length, &pos, error))
    return NULL;

  newline = memchr (data + pos, '\n', MIN (length - pos, MAX_HEADER));
  if (newline == NULL)
    {
      if (length - pos < MAX_HEADER)
        g_set_error_literal (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_TRUNCATED,
                             _("The bundle is incomplete: it ends early"));
      else
        g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT,
                     _("The bundle’s header is damaged: %s"), _("it is too long"));
      return NULL;
    }
  header_parser = parse_header (data + pos, (gsize) (newline - (data + pos)), &header, error);
  if (header_parser == NULL)
    return NULL;

  pos = (gsize) (newline + 1 - data);
  remaining = length - pos;
  if (remaining < (guint64) header.length)
    {
      g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_TRUNCATED,
                   _("The bundle is incomplete: %lu of %lu bytes"),
                   (unsigned long) remaining, (unsigned long) header.length);
      return NULL;
    }
  if (remaining > (guint64) header.length)
    {
      g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT,
                   _("The bundle has unexpected data after its end (%lu bytes)"),
                   (unsigned long) (remaining - (gsize) header.length));
      return NULL;
    }

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data + pos, remaining);
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  /* (A fuzzer cannot forge checksums; without this it would never reach the decompressor.) */
  if (strcmp (sha256, header.sha256) != 0)
    {
      g_set_error_literal (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT,
                           _("The bundle’s checksum does not match: it was altered or damaged"));
      return NULL;
    }
#endif

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  encoded = convert_all (G_CONVERTER (decompressor), data + pos, remaining, BF_WIRE_MAX_BYTES,
                         &local_error);
  if (encoded == NULL)
    {
      if (g_error_matches (local_error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT,
                     _("The bundle’s data is damaged: %s"), local_error->message);
      return NULL;
    }

  /* An intact bundle whose batch is refused keeps the wire error: "a newer protocol" says
   * more than "corrupt". */
  batch = bf_batch_decode (encoded->data, encoded->len, error);
  if (batch == NULL)
    return NULL;
  if (batch->changes->len != (guint64) header.changes || strcmp (batch->sender, header.sender) != 0)
    {
      g_set_error_literal (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_CORRUPT,
                           _("The bundle’s header does not match its contents"));
      return NULL;
    }
  return g_steal_pointer (&batch);
}

gboolean
bf_bundle_write_file (const BfBatch *batch, const char *path, GError **error)
{
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bundle = bf_bundle_pack (batch);
  data = g_bytes_get_data (bundle, &length);
  /* CONSISTENT: a temporary file renamed into place. DURABLE: fsync'd, file and directory,
   * before this returns — the user pulls the stick out as soon as the app says "done".
   * 0600: the changes carry households' names and ID numbers. */
  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_autofree char *shown = g_filename_display_name (path);
      g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO,
                   _("Could not write the bundle “%s”: %s"), shown, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* A regular file of at most MAX_FILE bytes: sets *out_size. */
static gboolean
check_file_info (GFileInfo *info, const char *shown, goffset *out_size, GError **error)
{
  goffset size = g_file_info_get_size (info);

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO,
                   _("Could not read the bundle “%s”: not a regular file"), shown);
      return FALSE;
    }
  if (size < 0 || size > MAX_FILE)
    {
      g_autofree char *shown_size = g_format_size ((guint64) MAX (size, 0));
      g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO,
                   _("The file “%s” is too large to be a bundle (%s)"), shown, shown_size);
      return FALSE;
    }
  *out_size = size;
  return TRUE;
}

BfBatch *
bf_bundle_read_file (const char *path, GError **error)
{
  static const char attributes[] = G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                   G_FILE_ATTRIBUTE_STANDARD_SIZE;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInfo) open_info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;
  g_autofree guint8 *data = NULL;
  BfBatch *batch;
  goffset size = 0;
  gsize n_read = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shown = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  /* Looked at before it is opened: a stray disk image is not read into memory to be refused,
   * and a FIFO is not opened (that would wait for a writer). */
  info = g_file_query_info (file, attributes, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    goto io_error;
  if (!check_file_info (info, shown, &size, error))
    return NULL;
  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    open_info = g_file_input_stream_query_info (stream, attributes, NULL, &local_error);
  if (open_info == NULL)
    goto io_error;
  /* Again on what was opened, in case the name was pointed elsewhere in between. */
  if (!check_file_info (open_info, shown, &size, error))
    return NULL;

  /* One byte more than the size, to notice a file that grows as it is read. */
  data = g_malloc ((gsize) size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, (gsize) size + 1, &n_read, NULL,
                                &local_error))
    goto io_error;
  if (n_read > (gsize) size)
    {
      g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO,
                   _("Could not read the bundle “%s”: it changed while being read"), shown);
      return NULL;
    }

  batch = bf_bundle_unpack (data, n_read, &local_error);
  if (batch == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("Bundle “%s”: "), shown);
  return batch;

io_error:
  g_set_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO,
               _("Could not read the bundle “%s”: %s"), shown, local_error->message);
  return NULL;
}
