/* test-checkpointer.c: the write-ahead log is copied into the database by the checkpointer's
 * thread, not by the connection that commits, and nothing written is lost on the way. */
#include "bf-config.h"

#include <glib/gstdio.h>

#include "bf-checkpointer.h"
#include "bf-store-private.h"
#include "test-util.h"

/* About 300 KB each (test_write_bulk_meta): 16 of them pass the threshold once. */
#define TRANSACTIONS 16

static gint64
wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;
  return g_stat (wal, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Until the thread has had nothing to do for a fifth of a second. */
static void
wait_until_idle (BfCheckpointer *checkpointer)
{
  guint count = bf_checkpointer_get_count (checkpointer);

  for (int quiet = 0; quiet < 20; quiet++)
    {
      g_usleep (10000);
      if (bf_checkpointer_get_count (checkpointer) != count)
        {
          count = bf_checkpointer_get_count (checkpointer);
          quiet = 0;
        }
    }
}

static void
test_checkpoints_on_its_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-checkpoint-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hub.db", NULL);
  g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_autoptr(BfCheckpointer) checkpointer = NULL;
  g_autoptr(BfStore) reopened = NULL;
  gint64 deadline, size;

  g_assert_no_error (error);
  checkpointer = bf_checkpointer_new (store, &error);
  g_assert_no_error (error);
  /* 4.8 MB: past the threshold once, so the thread checkpoints at least once. */
  for (int t = 0; t < TRANSACTIONS; t++)
    test_write_bulk_meta (store, t);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (bf_checkpointer_get_count (checkpointer) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpuint (bf_checkpointer_get_count (checkpointer), >, 0);
  wait_until_idle (checkpointer);
  /* Copied whole, the log starts again from its beginning: writing as much again does not
   * make the file longer. */
  size = wal_size (path);
  g_assert_cmpint (size, >, BF_CHECKPOINTER_BYTES);
  for (int t = 0; t < TRANSACTIONS; t++)
    test_write_bulk_meta (store, TRANSACTIONS + t);
  g_assert_cmpint (wal_size (path), <=, size + size / 10);
  g_clear_pointer (&checkpointer, bf_checkpointer_free);
  g_clear_pointer (&store, bf_store_free);

  reopened = bf_store_open (path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  for (int t = 0; t < 2 * TRANSACTIONS; t++)
    for (int k = 0; k < TEST_BULK_KEYS; k += 33)
      {
        g_autofree char *key = g_strdup_printf ("bulk-%d-%d", t, k);
        g_autofree char *value = bf_store_get_meta (reopened, key);
        g_assert_nonnull (value);
        g_assert_cmpint (value[0], ==, 'a' + t % 26);
        g_assert_cmpuint (strlen (value), ==, 3000);
      }
  g_clear_pointer (&reopened, bf_store_free);
  test_remove_db (dir, "hub.db");
  g_rmdir (dir);
}

/* The store's own: asked for twice, one thread; it checkpoints the store's commits, and
 * freeing the store stops it with nothing lost. */
static void
test_store_checkpoints_in_background (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-checkpoint-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "device.db", NULL);
  g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_autoptr(BfStore) reopened = NULL;
  g_autofree char *value = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_cmpuint (bf_store_background_checkpoints (store), ==, 0);
  g_assert_true (bf_store_checkpoint_in_background (store, &error));
  g_assert_true (bf_store_checkpoint_in_background (store, &error));
  g_assert_no_error (error);
  for (int t = 0; t < TRANSACTIONS; t++)
    test_write_bulk_meta (store, t);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (bf_store_background_checkpoints (store) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpuint (bf_store_background_checkpoints (store), >, 0);
  g_clear_pointer (&store, bf_store_free);

  reopened = bf_store_open (path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  value = bf_store_get_meta (reopened, "bulk-15-99");
  g_assert_cmpuint (strlen (value), ==, 3000);
  g_clear_pointer (&reopened, bf_store_free);
  test_remove_db (dir, "device.db");
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checkpointer/on-its-thread", test_checkpoints_on_its_thread);
  g_test_add_func ("/checkpointer/store-checkpoints-in-background",
                   test_store_checkpoints_in_background);
  return g_test_run ();
}
