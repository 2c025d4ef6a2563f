/* test-util.h: small helpers the engine's tests share. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes the database @name in @dir with its -wal and -shm companions. */
static inline void
test_remove_db (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

#include "bf-sync.h"
#include "bf-wire.h"

/* Keys a bulk transaction writes (bulk-T-K), each with 3,000 bytes of 'a' + T % 26. */
#define TEST_BULK_KEYS 100

/* About 300 KB in one transaction: meta keys, so that any store takes them. */
static inline void
test_write_bulk_meta (BfStore *store, int t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strnfill (3000, 'a' + t % 26);

  g_assert_true (bf_store_begin (store, &error));
  for (int k = 0; k < TEST_BULK_KEYS; k++)
    {
      g_autofree char *key = g_strdup_printf ("bulk-%d-%d", t, k);
      g_assert_true (bf_store_set_meta (store, key, value, &error));
    }
  g_assert_true (bf_store_commit (store, &error));
  g_assert_no_error (error);
}

/* Opens (creating) the store @name in @dir with "today" pinned to @year-@month-@day. */
static inline BfStore *
test_open_store (const char *dir, const char *name, int year, int month, int day)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  bf_store_set_today (store, &today);
  return store;
}

typedef void (*TestTick) (gpointer data);

/* Pushes @store's whole outbox to @hub as @writer (NULL: the office's own import), then pulls
 * everything in @scope. @tick (may be NULL) moves the test's clock before each push. A refused
 * change stays refused, as a device keeps it; the caller checks what it expects. */
static inline void
test_sync_store (BfStore *hub, BfStore *store, const BfHubWriter *writer, const BfScope *scope,
                 TestTick tick, gpointer data)
{
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autoptr(BfBatch) outbox = bf_sync_outbox (store, 100, &error);
      g_autoptr(BfPushResponse) response = NULL;

      g_assert_no_error (error);
      if (outbox->changes->len == 0)
        break;
      if (tick != NULL)
        tick (data);
      response = bf_hub_push_as (hub, outbox, writer, &error);
      g_assert_no_error (error);
      g_assert_true (bf_sync_take_push_response (store, response, &error));
      /* Everything sent is still pending: waiting behind a gap, nothing more to do now. */
      if (bf_sync_count_pending (store, NULL) == (gint64) outbox->changes->len)
        break;
    }
  for (gboolean more = TRUE; more;)
    {
      g_autoptr(BfBatch) batch = bf_hub_pull (hub, bf_sync_cursor (store, NULL), scope, 100, &error);
      g_assert_no_error (error);
      g_assert_true (bf_sync_apply_pull (store, batch, &error));
      g_assert_no_error (error);
      more = batch->more;
    }
}
