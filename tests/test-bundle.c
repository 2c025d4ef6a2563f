/* test-bundle.c: a bundle comes back whole or not at all. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bf-bundle.h"
#include "bf-uuid.h"

#define SENDER "0b9c2a56-5d1e-4c7a-9a51-2f1d3c4b5a69"

static BfBatch *
sample_batch (guint n_changes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  BfBatch *batch = bf_batch_new (SENDER);

  batch->schema = 4;
  batch->server_time_ms = G_GINT64_CONSTANT (1714521600123);
  for (guint i = 0; i < n_changes; i++)
    {
      g_autofree char *row = bf_uuid_from_rand (rand);
      g_autofree char *household = bf_uuid_from_rand (rand);
      g_autofree char *amount = g_strdup_printf ("%u", g_rand_int_range (rand, 0, 100000));
      BfChange *change = bf_change_new (SENDER, i + 1, BF_HLC_MAKE (G_GINT64_CONSTANT (1714521600000) + i, 0),
                                        BF_ENTITY_VISIT, row);

      bf_change_add_field (change, "household_id", household, NULL);
      bf_change_add_field (change, "date", "2024-05-01", NULL);
      bf_change_add_field (change, "description", "入户走访，了解生产生活情况", NULL);
      bf_change_add_field (change, "amount_fen", amount, NULL);
      bf_change_add_field (change, "void_reason", NULL, NULL);
      g_ptr_array_add (batch->changes, change);
    }
  return batch;
}

static void
assert_same_batch (const BfBatch *a, const BfBatch *b)
{
  g_autoptr(GBytes) encoded_a = bf_batch_encode (a);
  g_autoptr(GBytes) encoded_b = bf_batch_encode (b);

  /* Encoding is deterministic and round-trips exactly (test-wire), so equal bytes mean equal
   * batches. */
  g_assert_true (g_bytes_equal (encoded_a, encoded_b));
}

static BfBatch *
unpack_bytes (GBytes *bytes, GError **error)
{
  return bf_bundle_unpack (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

static void
test_round_trip (void)
{
  g_autoptr(BfBatch) batch = sample_batch (50);
  g_autoptr(GBytes) bundle = bf_bundle_pack (batch);
  g_autoptr(GBytes) again = bf_bundle_pack (batch);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) unpacked = unpack_bytes (bundle, &error);
  const char *text = g_bytes_get_data (bundle, NULL);

  g_assert_no_error (error);
  assert_same_batch (batch, unpacked);
  g_assert_true (g_bytes_equal (bundle, again));
  g_assert_true (g_str_has_prefix (text, "BANGFU-BUNDLE 1\n{\"length\":"));
  g_assert_nonnull (strstr (text, "\"changes\":50,\"sender\":\"" SENDER "\"}\n"));
}

static void
test_empty_batch (void)
{
  g_autoptr(BfBatch) batch = sample_batch (0);
  g_autoptr(GBytes) bundle = bf_bundle_pack (batch);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) unpacked = unpack_bytes (bundle, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (unpacked->changes->len, ==, 0);
}

static void
test_file (void)
{
  g_autoptr(BfBatch) batch = sample_batch (20);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(BfBatch) read = NULL;
  GStatBuf buf;

  g_assert_no_error (error);
  path = g_build_filename (dir, "村 2024.bangfu", NULL);
  g_assert_true (bf_bundle_write_file (batch, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  read = bf_bundle_read_file (path, &error);
  g_assert_no_error (error);
  assert_same_batch (batch, read);

  /* Overwriting replaces the old bundle whole. */
  g_clear_pointer (&batch, bf_batch_free);
  g_clear_pointer (&read, bf_batch_free);
  batch = sample_batch (3);
  g_assert_true (bf_bundle_write_file (batch, path, &error));
  read = bf_bundle_read_file (path, &error);
  g_assert_no_error (error);
  assert_same_batch (batch, read);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = bf_bundle_read_file ("/nonexistent/bangfu/none.bangfu", &error);

  g_assert_null (batch);
  g_assert_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "none.bangfu"));
  g_clear_error (&error);

  batch = bf_bundle_read_file ("/", &error);
  g_assert_null (batch);
  g_assert_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO);
  g_clear_error (&error);

  batch = sample_batch (1);
  g_assert_false (bf_bundle_write_file (batch, "/nonexistent/bangfu/out.bangfu", &error));
  g_assert_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "out.bangfu"));
}

/* Cut anywhere, a bundle is refused — and says it is incomplete wherever that is knowable. */
static void
test_truncated (void)
{
  g_autoptr(BfBatch) batch = sample_batch (200);
  g_autoptr(GBytes) bundle = bf_bundle_pack (batch);
  gsize size = g_bytes_get_size (bundle);
  const guint8 *data = g_bytes_get_data (bundle, NULL);

  for (guint i = 0; i < 200; i++)
    {
      gsize length = size * i / 200;
      g_autoptr(GError) error = NULL;
      g_autoptr(BfBatch) unpacked = NULL;

      unpacked = bf_bundle_unpack (data, length, &error);
      g_assert_null (unpacked);
      g_assert_nonnull (error);
      g_assert_true (error->domain == BF_BUNDLE_ERROR);
      if (length == 0)
        g_assert_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_NOT_BUNDLE);
      else
        g_assert_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_TRUNCATED);
    }
}

static GByteArray *
bundle_copy (GBytes *bundle)
{
  GByteArray *copy = g_byte_array_new ();

  g_byte_array_append (copy, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  return copy;
}

static gsize
payload_start (const GByteArray *bytes)
{
  const guint8 *first = memchr (bytes->data, '\n', bytes->len);
  const guint8 *second = memchr (first + 1, '\n', bytes->len - (gsize) (first + 1 - bytes->data));

  return (gsize) (second + 1 - bytes->data);
}

static void
assert_refused (const GByteArray *bytes, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = bf_bundle_unpack (bytes->data, bytes->len, &error);

  g_assert_null (batch);
  g_assert_error (error, BF_BUNDLE_ERROR, code);
}

static void
test_altered (void)
{
  g_autoptr(BfBatch) batch = sample_batch (30);
  g_autoptr(GBytes) bundle = bf_bundle_pack (batch);
  g_autoptr(GByteArray) bytes = NULL;
  gsize start;

  /* One byte anywhere in the payload: the checksum. */
  bytes = bundle_copy (bundle);
  start = payload_start (bytes);
  for (gsize at = start; at < bytes->len; at += (bytes->len - start) / 17 + 1)
    {
      bytes->data[at] ^= 0x20;
      assert_refused (bytes, BF_BUNDLE_ERROR_CORRUPT);
      bytes->data[at] ^= 0x20;
    }

  /* The header: its length, its checksum, its count, its JSON. */
  {
    static const struct { const char *from, *to; int code; } edits[] = {
      { "\"length\":", "\"length\":1", BF_BUNDLE_ERROR_TRUNCATED },
      { "\"sha256\":\"", "\"sha256\":\"0", BF_BUNDLE_ERROR_CORRUPT },
      { "\"changes\":30", "\"changes\":31", BF_BUNDLE_ERROR_CORRUPT },
      { "\"changes\":30", "\"changes\":-1", BF_BUNDLE_ERROR_CORRUPT },
      { "\"changes\":30", "\"changes\":30,\"changes\":30", BF_BUNDLE_ERROR_CORRUPT },
      { "\"sender\":\"0", "\"sender\":\"1", BF_BUNDLE_ERROR_CORRUPT },
      { "{\"length\"", "[\"length\"", BF_BUNDLE_ERROR_CORRUPT },
    };
    for (gsize i = 0; i < G_N_ELEMENTS (edits); i++)
      {
        g_autofree char *text = g_strndup (g_bytes_get_data (bundle, NULL), payload_start (bytes));
        g_autofree char *edited = NULL;
        g_auto(GStrv) parts = g_strsplit (text, edits[i].from, 2);
        g_autoptr(GByteArray) altered = g_byte_array_new ();

        g_assert_cmpuint (g_strv_length (parts), ==, 2);
        edited = g_strconcat (parts[0], edits[i].to, parts[1], NULL);
        g_byte_array_append (altered, (const guint8 *) edited, strlen (edited));
        g_byte_array_append (altered, bytes->data + payload_start (bytes),
                             bytes->len - payload_start (bytes));
        g_test_message ("%s -> %s", edits[i].from, edits[i].to);
        assert_refused (altered, edits[i].code);
      }
  }

  /* Trailing garbage. */
  g_byte_array_append (bytes, (const guint8 *) "x", 1);
  assert_refused (bytes, BF_BUNDLE_ERROR_CORRUPT);
}

static void
test_magic (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "{\"protocol\":1}", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "\x1f\x8b\x08\x00", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "bangfu-bundle 1\n{}\n", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "BANGFU-BUNDLE x\n{}\n", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "BANGFU-BUNDLE 0\n{}\n", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "BANGFU-BUNDLE 01\n{}\n", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "BANGFU-BUNDLE 1 \n{}\n", BF_BUNDLE_ERROR_NOT_BUNDLE },
    { "BANGFU-BUN", BF_BUNDLE_ERROR_TRUNCATED },
    { "BANGFU-BUNDLE 1", BF_BUNDLE_ERROR_TRUNCATED },
    { "BANGFU-BUNDLE 1\n{\"length\":0", BF_BUNDLE_ERROR_TRUNCATED },
    { "BANGFU-BUNDLE 2\n{}\n", BF_BUNDLE_ERROR_VERSION },
    { "BANGFU-BUNDLE 12345678901234567890\n{}\n", BF_BUNDLE_ERROR_VERSION },
    { "BANGFU-BUNDLE 1\n{}\n", BF_BUNDLE_ERROR_CORRUPT },
    { "BANGFU-BUNDLE 1\nnot json\n", BF_BUNDLE_ERROR_CORRUPT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("%s", shown);
      g_byte_array_append (bytes, (const guint8 *) cases[i].text, strlen (cases[i].text));
      assert_refused (bytes, cases[i].code);
    }
}

/* A header line longer than any real one, without a newline, is damage, not truncation. */
static void
test_long_header (void)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  g_byte_array_append (bytes, (const guint8 *) "BANGFU-BUNDLE 1\n", 16);
  for (guint i = 0; i < 2000; i++)
    g_byte_array_append (bytes, (const guint8 *) " ", 1);
  assert_refused (bytes, BF_BUNDLE_ERROR_CORRUPT);
}

/* A bundle around @payload, with a correct header: only the payload is wrong. */
static GByteArray *
wrap_payload (const guint8 *payload, gsize length, guint n_changes)
{
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, payload, length);
  g_autofree char *header = g_strdup_printf ("BANGFU-BUNDLE 1\n{\"length\":%" G_GSIZE_FORMAT
                                             ",\"sha256\":\"%s\",\"changes\":%u,\"sender\":\""
                                             SENDER "\"}\n", length, sha256, n_changes);
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, (const guint8 *) header, strlen (header));
  g_byte_array_append (bytes, payload, length);
  return bytes;
}

/* 70 MB of zeros gzip to about 70 KB; the unpacker must stop at its 64 MiB limit. Built by
 * streaming, so the test never holds the 70 MB. */
static void
test_zip_bomb (void)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) bomb = g_byte_array_new ();
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  guint8 out[64 * 1024];
  gsize total = 0, target = 70 * 1024 * 1024;

  for (;;)
    {
      gsize n_read = 0, n_written = 0;
      gsize chunk = MIN (1024 * 1024, target - total);
      g_autoptr(GError) error = NULL;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (compressor), zeros, chunk, out, sizeof out,
                                    total + chunk == target ? G_CONVERTER_INPUT_AT_END : 0,
                                    &n_read, &n_written, &error);
      g_assert_no_error (error);
      total += n_read;
      g_byte_array_append (bomb, out, n_written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  g_test_message ("%" G_GSIZE_FORMAT " bytes of zeros gzip to %u", total, bomb->len);
  g_assert_cmpuint (bomb->len, <, 200 * 1024);

  bytes = wrap_payload (bomb->data, bomb->len, 0);
  assert_refused (bytes, BF_BUNDLE_ERROR_CORRUPT);
}

/* Intact checksums over damaged compression: the decompressor's errors, and a second gzip
 * member, are CORRUPT too. */
static void
test_bad_compression (void)
{
  g_autoptr(BfBatch) batch = sample_batch (5);
  g_autoptr(GBytes) bundle = bf_bundle_pack (batch);
  g_autoptr(GByteArray) good = bundle_copy (bundle);
  gsize start = payload_start (good);
  const guint8 *payload = good->data + start;
  gsize length = good->len - start;
  g_autoptr(GByteArray) cut = wrap_payload (payload, length - 9, 5);
  g_autoptr(GByteArray) twice = NULL;
  g_autoptr(GByteArray) doubled = g_byte_array_new ();
  g_autoptr(GByteArray) plain = wrap_payload ((const guint8 *) "{\"protocol\":1}", 14, 0);
  g_autoptr(GByteArray) flipped = g_byte_array_new ();
  g_autoptr(GByteArray) flipped_bundle = NULL;

  assert_refused (cut, BF_BUNDLE_ERROR_CORRUPT);
  g_byte_array_append (doubled, payload, length);
  g_byte_array_append (doubled, payload, length);
  twice = wrap_payload (doubled->data, doubled->len, 5);
  assert_refused (twice, BF_BUNDLE_ERROR_CORRUPT);
  assert_refused (plain, BF_BUNDLE_ERROR_CORRUPT);
  /* Damage inside the deflate data, with the checksum recomputed: the gzip CRC catches it. */
  g_byte_array_append (flipped, payload, length);
  flipped->data[length / 2] ^= 0x01;
  flipped_bundle = wrap_payload (flipped->data, flipped->len, 5);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BfBatch) unpacked = bf_bundle_unpack (flipped_bundle->data, flipped_bundle->len,
                                                    &error);
    g_assert_null (unpacked);
    g_assert_nonnull (error);
  }
}

/* A newer protocol inside an intact bundle keeps the wire's VERSION error. */
static void
test_inner_version (void)
{
  static const char json[] = "{\"protocol\":2}";
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  guint8 out[256];
  gsize n_read = 0, n_written = 0;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = NULL;

  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), json, strlen (json), out,
                                        sizeof out, G_CONVERTER_INPUT_AT_END, &n_read,
                                        &n_written, &error), ==, G_CONVERTER_FINISHED);
  bytes = wrap_payload (out, n_written, 0);
  batch = bf_bundle_unpack (bytes->data, bytes->len, &error);
  g_assert_null (batch);
  g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_VERSION);
}

static void
test_too_large_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "huge.bangfu", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &error);
  g_autoptr(BfBatch) batch = NULL;

  g_assert_no_error (error);
  /* Sparse: 200 MB that take no disk space, and must not be read. */
  g_assert_true (g_seekable_truncate (G_SEEKABLE (stream), 200 * 1024 * 1024, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  batch = bf_bundle_read_file (path, &error);
  g_assert_null (batch);
  g_assert_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "huge.bangfu"));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A damaged file's message names it. */
static void
test_damaged_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "damaged.bangfu", NULL);
  g_autoptr(BfBatch) batch = NULL;

  g_assert_true (g_file_set_contents (path, "BANGFU-BUNDLE 1\n{\"length\":5", -1, &error));
  batch = bf_bundle_read_file (path, &error);
  g_assert_null (batch);
  g_assert_error (error, BF_BUNDLE_ERROR, BF_BUNDLE_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "damaged.bangfu"));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bundle/round-trip", test_round_trip);
  g_test_add_func ("/bundle/empty-batch", test_empty_batch);
  g_test_add_func ("/bundle/file", test_file);
  g_test_add_func ("/bundle/missing-file", test_missing_file);
  g_test_add_func ("/bundle/truncated", test_truncated);
  g_test_add_func ("/bundle/altered", test_altered);
  g_test_add_func ("/bundle/magic", test_magic);
  g_test_add_func ("/bundle/long-header", test_long_header);
  g_test_add_func ("/bundle/zip-bomb", test_zip_bomb);
  g_test_add_func ("/bundle/bad-compression", test_bad_compression);
  g_test_add_func ("/bundle/inner-version", test_inner_version);
  g_test_add_func ("/bundle/too-large-file", test_too_large_file);
  g_test_add_func ("/bundle/damaged-file", test_damaged_file);
  return g_test_run ();
}
