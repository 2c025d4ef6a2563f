/* test-wal-syncer.c: commits are let out in order, and never before an fsync of the log that
 * began after them. */
#include "bf-config.h"

#include <glib/gstdio.h>

#include "bf-store-private.h"
#include "bf-wal-syncer.h"
#include "test-util.h"

#define COMMITS 40

typedef struct {
  BfWalSyncer *syncer;
  guint        syncs_at_commit;   /* fsyncs finished when the commit was handed over */
  guint        index;
  GAsyncQueue *released;
} Outcome;

static void
release (gpointer data, gpointer unused)
{
  Outcome *outcome = data;

  /* An fsync finished after the commit was handed over: it covers the commit. */
  g_assert_cmpuint (bf_wal_syncer_get_syncs (outcome->syncer), >, outcome->syncs_at_commit);
  g_async_queue_push (outcome->released, outcome);
}

static gint64
synchronous_setting (BfStore *store)
{
  gint64 value = -1;

  g_assert_true (bf_store_query_int64 (store, "PRAGMA synchronous", &value, NULL));
  return value;
}

static void
test_released_in_order_after_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-wal-syncer-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hub.db", NULL);
  g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_autoptr(GAsyncQueue) released = g_async_queue_new ();
  g_autoptr(BfStore) reopened = NULL;
  Outcome outcomes[COMMITS];
  BfWalSyncer *syncer;
  guint syncs;

  g_assert_no_error (error);
  g_assert_cmpint (synchronous_setting (store), ==, 2);   /* FULL */
  syncer = bf_wal_syncer_new (store);
  g_assert_true (bf_wal_syncer_is_deferring (syncer));
  g_assert_cmpint (synchronous_setting (store), ==, 1);   /* NORMAL */

  for (guint i = 0; i < COMMITS; i++)
    {
      g_autofree char *key = g_strdup_printf ("commit-%u", i);

      g_assert_true (bf_store_begin (store, &error));
      g_assert_true (bf_store_set_meta (store, key, "done", &error));
      g_assert_true (bf_store_commit (store, &error));
      outcomes[i] = (Outcome) { syncer, bf_wal_syncer_get_syncs (syncer), i, released };
      bf_wal_syncer_after (syncer, release, &outcomes[i]);
    }
  for (guint i = 0; i < COMMITS; i++)
    {
      Outcome *outcome = g_async_queue_timeout_pop (released, 20 * G_USEC_PER_SEC);
      g_assert_nonnull (outcome);
      g_assert_cmpuint (outcome->index, ==, i);
    }
  /* Commits handed over while an fsync ran share the next one. */
  syncs = bf_wal_syncer_get_syncs (syncer);
  g_assert_cmpuint (syncs, >=, 1);
  g_assert_cmpuint (syncs, <=, COMMITS);
  bf_wal_syncer_free (syncer);
  g_clear_pointer (&store, bf_store_free);

  reopened = bf_store_open (path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < COMMITS; i++)
    {
      g_autofree char *key = g_strdup_printf ("commit-%u", i);
      g_autofree char *value = bf_store_get_meta (reopened, key);
      g_assert_cmpstr (value, ==, "done");
    }
  g_clear_pointer (&reopened, bf_store_free);
  test_remove_db (dir, "hub.db");
  g_rmdir (dir);
}

/* Freeing the syncer lets out what still waits. */
static void
test_free_releases_the_rest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-wal-syncer-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hub.db", NULL);
  g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_autoptr(GAsyncQueue) released = g_async_queue_new ();
  Outcome outcomes[COMMITS];
  BfWalSyncer *syncer;

  g_assert_no_error (error);
  syncer = bf_wal_syncer_new (store);
  for (guint i = 0; i < COMMITS; i++)
    {
      g_assert_true (bf_store_set_meta (store, "key", "value", &error));
      outcomes[i] = (Outcome) { syncer, bf_wal_syncer_get_syncs (syncer), i, released };
      bf_wal_syncer_after (syncer, release, &outcomes[i]);
    }
  bf_wal_syncer_free (syncer);
  g_assert_cmpint (g_async_queue_length (released), ==, COMMITS);
  g_clear_pointer (&store, bf_store_free);
  test_remove_db (dir, "hub.db");
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wal-syncer/released-in-order-after-sync", test_released_in_order_after_sync);
  g_test_add_func ("/wal-syncer/free-releases-the-rest", test_free_releases_the_rest);
  return g_test_run ();
}
