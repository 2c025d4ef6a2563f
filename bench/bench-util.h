/* bench-util.h: what every benchmark needs — medians of noisy samples, removing a store. */
#pragma once

#include <glib.h>
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
