/* bf-wal-syncer.c: fdatasync() of the store's write-ahead log, off the store thread. */
#include "bf-config.h"
#include "bf-wal-syncer.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "bf-store-private.h"

/* At most this many outcomes wait for one fsync: bounds how long the first of them waits. */
#define MAX_BATCH 256

typedef struct {
  GFunc    release;   /* NULL: stop */
  gpointer data;
} Waiting;

struct _BfWalSyncer {
  int          wal_fd;   /* -1: SQLite syncs its own commits */
  GThread     *thread;
  GAsyncQueue *queue;    /* Waiting* */
  guint        syncs;    /* atomic */
};

/* The log's own descriptor: any descriptor of a file syncs all of it, so this one need not be
 * SQLite's. SQLite keeps the same file (truncating it, never replacing it) while a connection
 * is open, and the store is open for as long as the syncer runs. */
static int
open_wal (BfStore *store)
{
  sqlite3 *db = bf_store_db (store);
  const char *db_file = sqlite3_db_filename (db, "main");
  g_autofree char *mode = NULL;
  int fd;

  if (db_file == NULL || *db_file == '\0' ||
      !bf_store_query_text (store, &mode, NULL, "PRAGMA journal_mode", NULL) ||
      g_strcmp0 (mode, "wal") != 0)
    return -1;
  fd = open (sqlite3_filename_wal (db_file), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    g_warning ("Cannot open the store's write-ahead log (%s); commits stay synchronous",
               g_strerror (errno));
  return fd;
}

static void
sync_wal (BfWalSyncer *self)
{
  if (self->wal_fd < 0)
    return;
  while (fdatasync (self->wal_fd) != 0)
    {
      if (errno == EINTR)
        continue;
      /* After a failed fsync the kernel may have dropped the pages it could not write, and a
       * retry would succeed without them. Claiming "accepted" now could lose a change; ending
       * here lets the service restart, and devices resend whatever was not answered. */
      g_error ("Cannot write the store's log to disk: %s", g_strerror (errno));
    }
  g_atomic_int_inc (&self->syncs);
}

static gpointer
syncer_main (gpointer user_data)
{
  BfWalSyncer *self = user_data;
  Waiting *batch[MAX_BATCH];
  gboolean stop = FALSE;

  while (!stop)
    {
      guint n = 0;

      batch[n++] = g_async_queue_pop (self->queue);
      while (n < MAX_BATCH && batch[n - 1]->release != NULL &&
             (batch[n] = g_async_queue_try_pop (self->queue)) != NULL)
        n++;
      /* One fsync for all of them: each was committed before it was queued. */
      sync_wal (self);
      for (guint i = 0; i < n; i++)
        {
          if (batch[i]->release != NULL)
            batch[i]->release (batch[i]->data, NULL);
          else
            stop = TRUE;
          g_free (batch[i]);
        }
    }
  return NULL;
}

BfWalSyncer *
bf_wal_syncer_new (BfStore *store)
{
  BfWalSyncer *self = g_new0 (BfWalSyncer, 1);

  self->wal_fd = open_wal (store);
  if (self->wal_fd >= 0 && !bf_store_exec (store, "PRAGMA synchronous = NORMAL", NULL))
    {
      close (self->wal_fd);
      self->wal_fd = -1;
    }
  self->queue = g_async_queue_new ();
  self->thread = g_thread_new ("bangfu-wal-sync", syncer_main, self);
  return self;
}

void
bf_wal_syncer_after (BfWalSyncer *self, GFunc release, gpointer data)
{
  Waiting *waiting = g_new (Waiting, 1);

  g_return_if_fail (release != NULL);
  waiting->release = release;
  waiting->data = data;
  g_async_queue_push (self->queue, waiting);
}

gboolean
bf_wal_syncer_is_deferring (BfWalSyncer *self)
{
  return self->wal_fd >= 0;
}

guint
bf_wal_syncer_get_syncs (BfWalSyncer *self)
{
  return (guint) g_atomic_int_get (&self->syncs);
}

void
bf_wal_syncer_free (BfWalSyncer *self)
{
  if (self == NULL)
    return;
  g_async_queue_push (self->queue, g_new0 (Waiting, 1));
  g_thread_join (self->thread);
  g_async_queue_unref (self->queue);
  if (self->wal_fd >= 0)
    close (self->wal_fd);
  g_free (self);
}
