/* bf-sqlite-process.c: SQLite's process-wide settings, made once before it starts. */
#include "bf-config.h"

#include <string.h>

#include "bf-store-private.h"

/* Set by bf_store_reserve_page_cache(), read when SQLite is configured. */
static gboolean page_cache_wanted;
/* The reserved page cache: SQLite's for as long as the process runs. */
static gpointer page_cache;

/* Memory handed out for the first time costs a page fault per 4 KiB when it is first written:
 * 11 µs each on the virtual machines we measured (0.2 µs to write a page already touched).
 * A server's page cache fills up over its first pushes, 32 MB of new pages, and the first two
 * pushes of 10,000 visits after a start spent 45 ms of the store thread's 150 ms in those
 * faults (perf, page-faults event, bench-server). Handed to SQLite already touched, the
 * cache costs them once, at start, before any request waits. */
static void
reserve_page_cache (void)
{
  int header = 0;
  gsize slot, slots;

  if (sqlite3_config (SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK || header <= 0)
    return;
  /* One slot holds a page and SQLite's header for it; its pages beyond the slots are allocated
   * as usual. The store's cache, and a little for the checkpointer's connection. */
  slot = (BF_STORE_PAGE_SIZE + (gsize) header + 7) & ~(gsize) 7;
  slots = BF_STORE_CACHE_KIB * (gsize) 1024 / BF_STORE_PAGE_SIZE + 64;
  page_cache = g_malloc (slot * slots);
  memset (page_cache, 0, slot * slots);
  if (sqlite3_config (SQLITE_CONFIG_PAGECACHE, page_cache, (int) slot, (int) slots) != SQLITE_OK)
    g_clear_pointer (&page_cache, g_free);
}

void
bf_sqlite_configure_process (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* Its memory statistics count every allocation under a process-wide mutex, and nothing
       * here reads them: 5 % of the instructions of the hub's merge of a push (callgrind,
       * bench-path). Refused, harmlessly, if something in the process has started SQLite. */
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      if (page_cache_wanted)
        reserve_page_cache ();
      g_once_init_leave (&done, 1);
    }
}

gboolean
bf_store_reserve_page_cache (void)
{
  page_cache_wanted = TRUE;
  bf_sqlite_configure_process ();
  return page_cache != NULL;
}
