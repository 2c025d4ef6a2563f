/* bench-util.h: what every benchmark needs — medians of noisy samples, removing a store,
 * gzip as the sync client sends bodies. */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

static inline int
bench_compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The value at share @p (0.5: the median) of @samples, which it sorts. */
static inline double
bench_percentile (GArray *samples, double p)
{
  g_array_sort (samples, bench_compare_doubles);
  return g_array_index (samples, double, (guint) (p * (samples->len - 1) + 0.5));
}

static inline double
bench_median (GArray *samples)
{
  return bench_percentile (samples, 0.5);
}

/* A database file with its -wal and -shm companions. */
static inline void
bench_remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* @bytes gzipped at zlib's default level, as the sync client sends a push. */
static inline GBytes *
bench_gzip (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  if (!g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, NULL, NULL) || !g_output_stream_close (out, NULL, NULL))
    g_error ("gzip failed");
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}
