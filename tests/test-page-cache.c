/* test-page-cache.c: the server's page cache, reserved before the first store opens, is the
 * memory SQLite's cache uses; asked for too late, it is refused and stores work as before. */
#include "bf-config.h"

#include "bf-store-private.h"
#include "test-util.h"

/* Asked for in main(), before any store of this process opened. */
static gboolean reserved_first;

static void
fill_store (BfStore *store, int transactions)
{
  for (int t = 0; t < transactions; t++)
    test_write_bulk_meta (store, t);
}

static void
test_reserved_cache_is_used (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-page-cache-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hub.db", NULL);
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfStore) reopened = NULL;
  g_autofree char *value = NULL;
  sqlite3_int64 used = 0, highwater = 0, overflow = 0, overflow_highwater = 0;

  g_assert_true (reserved_first);
  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  /* About 1.5 MB of pages: all of them from the reserved slots. */
  fill_store (store, 5);
  g_assert_cmpint (sqlite3_status64 (SQLITE_STATUS_PAGECACHE_USED, &used, &highwater, FALSE),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_status64 (SQLITE_STATUS_PAGECACHE_OVERFLOW, &overflow,
                                     &overflow_highwater, FALSE), ==, SQLITE_OK);
  g_assert_cmpint (used, >=, 90);
  g_assert_cmpint (overflow, <, used);
  g_clear_pointer (&store, bf_store_free);
  reopened = bf_store_open (path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  value = bf_store_get_meta (reopened, "bulk-4-99");
  g_assert_cmpuint (strlen (value), ==, 3000);
  g_clear_pointer (&reopened, bf_store_free);
  test_remove_db (dir, "hub.db");
  g_rmdir (dir);
}

/* In a process of its own, where a store opens first: too late, refused, and stores work as
 * before. */
static void
test_too_late_is_refused (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("bangfu-page-cache-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "device.db", NULL);
      g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
      sqlite3_int64 used = -1, highwater = 0;

      g_assert_no_error (error);
      g_assert_false (bf_store_reserve_page_cache ());
      fill_store (store, 2);
      sqlite3_status64 (SQLITE_STATUS_PAGECACHE_USED, &used, &highwater, FALSE);
      g_assert_cmpint (used, ==, 0);
      g_clear_pointer (&store, bf_store_free);
      test_remove_db (dir, "device.db");
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* g_test_init() has said by now whether this is the subprocess, which must not reserve. */
  if (!g_test_subprocess ())
    reserved_first = bf_store_reserve_page_cache ();
  g_test_add_func ("/page-cache/reserved-cache-is-used", test_reserved_cache_is_used);
  g_test_add_func ("/page-cache/too-late-is-refused", test_too_late_is_refused);
  return g_test_run ();
}
