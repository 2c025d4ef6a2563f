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
