/* test-gzip-ahead.c: a body compressed ahead of its sending is the body, whichever thread asks
 * for it first and however many ask at once, and outlives the one who started it. */
#include "bf-config.h"

#include <gio/gio.h>

#include "bf-gzip-ahead.h"

static GBytes *
gunzip (GBytes *gzipped)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (decompressor));
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (gzipped, &size);

  g_assert_true (g_output_stream_write_all (out, data, size, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* A page's worth of JSON-like text, so that it compresses as a page does. */
static GBytes *
page_body (void)
{
  GString *text = g_string_new ("{\"changes\":[");

  for (int i = 0; i < 2500; i++)
    g_string_append_printf (text, "%s{\"seq\":%d,\"entity\":\"visit\",\"fields\":{\"date\":"
                            "\"2016-%02d-%02d\",\"amount_fen\":%d}}", i ? "," : "", i + 1,
                            1 + i % 12, 1 + i % 28, (i % 3) * 10000);
  g_string_append (text, "]}");
  return g_string_free_to_bytes (text);
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) plain = page_body ();
  g_autoptr(BfGzipAhead) ahead = bf_gzip_ahead_new (plain);
  g_autoptr(GBytes) first = bf_gzip_ahead_get (ahead);
  g_autoptr(GBytes) again = bf_gzip_ahead_get (ahead);
  g_autoptr(GBytes) back = gunzip (first);

  g_assert_true (g_bytes_equal (back, plain));
  g_assert_true (g_bytes_equal (first, again));
  /* Compressed for real: JSON of visits shrinks several times. */
  g_assert_cmpuint (g_bytes_get_size (first) * 4, <, g_bytes_get_size (plain));
}

static gpointer
get_in_thread (gpointer data)
{
  return bf_gzip_ahead_get (data);
}

static void
test_many_ask_at_once (void)
{
  g_autoptr(GBytes) plain = page_body ();
  g_autoptr(BfGzipAhead) ahead = bf_gzip_ahead_new (plain);
  GThread *threads[8];
  g_autoptr(GBytes) expected = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("asker", get_in_thread, ahead);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GBytes) got = g_thread_join (threads[i]);
      if (expected == NULL)
        expected = g_bytes_ref (got);
      g_assert_true (g_bytes_equal (got, expected));
    }
  {
    g_autoptr(GBytes) back = gunzip (expected);
    g_assert_true (g_bytes_equal (back, plain));
  }
}

/* The one who started it lets go at once; the sender's reference still gets the body. */
static void
test_outlives_its_starter (void)
{
  g_autoptr(GBytes) plain = page_body ();
  BfGzipAhead *started = bf_gzip_ahead_new (plain);
  g_autoptr(BfGzipAhead) sender = bf_gzip_ahead_ref (started);
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GBytes) back = NULL;

  bf_gzip_ahead_unref (started);
  sent = bf_gzip_ahead_get (sender);
  back = gunzip (sent);
  g_assert_true (g_bytes_equal (back, plain));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gzip-ahead/round-trip", test_round_trip);
  g_test_add_func ("/gzip-ahead/many-ask-at-once", test_many_ask_at_once);
  g_test_add_func ("/gzip-ahead/outlives-its-starter", test_outlives_its_starter);
  return g_test_run ();
}
