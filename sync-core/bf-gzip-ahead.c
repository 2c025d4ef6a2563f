/* bf-gzip-ahead.c: see bf-gzip-ahead.h. */
#include "bf-config.h"
#include "bf-gzip-ahead.h"

#include <gio/gio.h>

#include "bf-sync-client-private.h"

typedef enum { WAITING, COMPRESSING, DONE } State;

struct _BfGzipAhead {
  gatomicrefcount refs;
  GMutex          lock;
  GCond           done;
  State           state;
  GBytes         *plain;     /* until compressed */
  GBytes         *gzipped;
};

/* Compresses the body unless another thread has begun to; either way it is done on return. */
static void
compress (BfGzipAhead *self)
{
  g_autoptr(GBytes) plain = NULL;
  GBytes *gzipped;

  g_mutex_lock (&self->lock);
  if (self->state != WAITING)
    {
      while (self->state != DONE)
        g_cond_wait (&self->done, &self->lock);
      g_mutex_unlock (&self->lock);
      return;
    }
  self->state = COMPRESSING;
  plain = g_steal_pointer (&self->plain);
  g_mutex_unlock (&self->lock);

  gzipped = bf_sync_http_gzip (plain);

  g_mutex_lock (&self->lock);
  self->gzipped = gzipped;
  self->state = DONE;
  g_cond_broadcast (&self->done);
  g_mutex_unlock (&self->lock);
}

static void
compress_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  compress (task_data);
  g_task_return_boolean (task, TRUE);
}

BfGzipAhead *
bf_gzip_ahead_new (GBytes *plain)
{
  BfGzipAhead *self = g_new0 (BfGzipAhead, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_atomic_ref_count_init (&self->refs);
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
  self->plain = g_bytes_ref (plain);
  g_task_set_task_data (task, bf_gzip_ahead_ref (self), (GDestroyNotify) bf_gzip_ahead_unref);
  g_task_run_in_thread (task, compress_in_thread);
  return self;
}

BfGzipAhead *
bf_gzip_ahead_ref (BfGzipAhead *self)
{
  g_atomic_ref_count_inc (&self->refs);
  return self;
}

void
bf_gzip_ahead_unref (BfGzipAhead *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->refs))
    return;
  g_clear_pointer (&self->plain, g_bytes_unref);
  g_clear_pointer (&self->gzipped, g_bytes_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);
  g_free (self);
}

GBytes *
bf_gzip_ahead_get (BfGzipAhead *self)
{
  compress (self);
  return g_bytes_ref (self->gzipped);
}
