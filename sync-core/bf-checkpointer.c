/* bf-checkpointer.c: see bf-checkpointer.h. */
#include "bf-config.h"
#include "bf-checkpointer.h"

#include <glib/gi18n-lib.h>

#include "bf-store-private.h"

/* The log's size, as a multiple of the thread's threshold, at which the committing
 * connection stops waiting for the thread: 40 MB. */
#define BACKSTOP_FACTOR 10

struct _BfCheckpointer {
  BfStore  *store;
  sqlite3  *db;          /* the thread's own connection */
  GThread  *thread;
  GMutex    lock;
  GCond     wake;
  gboolean  requested;
  gboolean  stopping;
  guint     count;
  int       pages;       /* BF_CHECKPOINTER_BYTES in the store's pages */
};

/* SQLite's commit hook for WAL databases, on the committing thread. */
static int
on_commit (void *data, sqlite3 *db, const char *name, int pages)
{
  BfCheckpointer *self = data;

  /* Under a steady stream of commits the thread's copy is never complete when the next one
   * begins, and the log only restarts from its beginning after a complete one: past the
   * backstop the committer finishes the copy itself, waiting for the thread if need be, and
   * the next commit writes from the log's start. */
  if (pages >= BACKSTOP_FACTOR * self->pages)
    sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
  else if (pages >= self->pages)
    {
      g_mutex_lock (&self->lock);
      self->requested = TRUE;
      g_cond_signal (&self->wake);
      g_mutex_unlock (&self->lock);
    }
  return SQLITE_OK;
}

static gpointer
checkpoint_thread (gpointer data)
{
  BfCheckpointer *self = data;

  for (;;)
    {
      int rc;

      g_mutex_lock (&self->lock);
      while (!self->requested && !self->stopping)
        g_cond_wait (&self->wake, &self->lock);
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          return NULL;
        }
      self->requested = FALSE;
      g_mutex_unlock (&self->lock);

      /* PASSIVE: copies what no reader still needs and never waits for the writer, which
       * goes on appending to the log meanwhile. */
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_warning ("Checkpointing the write-ahead log failed: %s", sqlite3_errmsg (self->db));
      g_mutex_lock (&self->lock);
      self->count++;
      g_mutex_unlock (&self->lock);
    }
}

BfCheckpointer *
bf_checkpointer_new (BfStore *store, GError **error)
{
  g_autofree BfCheckpointer *self = g_new0 (BfCheckpointer, 1);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (bf_store_path (store), &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (db, 5000) != SQLITE_OK ||
      /* A read first, so that the connection has found the log it is to copy. */
      sqlite3_exec (db, "PRAGMA synchronous = FULL; SELECT count(*) FROM sqlite_schema",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL,
                   _("Database error while %s: %s"), _("opening the store a second time"),
                   db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  self->store = store;
  self->db = db;
  self->pages = (int) MAX (1, BF_CHECKPOINTER_BYTES / bf_store_page_size (store));
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->thread = g_thread_new ("bangfu-checkpt", checkpoint_thread, self);
  /* Replaces SQLite's own automatic checkpoint, which is this same hook. */
  sqlite3_wal_hook (bf_store_db (store), on_commit, self);
  return g_steal_pointer (&self);
}

void
bf_checkpointer_free (BfCheckpointer *self)
{
  if (self == NULL)
    return;
  sqlite3_wal_autocheckpoint (bf_store_db (self->store), self->pages);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_free (self);
}

guint
bf_checkpointer_get_count (BfCheckpointer *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->count;
  g_mutex_unlock (&self->lock);
  return count;
}
