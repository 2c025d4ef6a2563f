/* bf-store-private.h: what sync-core's own modules (migrations, records, summary, tests)
 * share about the store. Not for the app or the server. */
#pragma once

#include <sqlite3.h>

#include "bf-store.h"

G_BEGIN_DECLS

typedef struct {
  int         version;
  const char *description;
  const char *sql;
} BfMigration;

const BfMigration *bf_store_migrations (guint *n_migrations);

sqlite3      *bf_store_db (BfStore *store);

/* A prepared statement kept for the store's lifetime, reset and with bindings cleared. */
sqlite3_stmt *bf_store_prepare (BfStore *store, const char *sql, GError **error);

/* Runs SQL with no results. */
gboolean      bf_store_exec (BfStore *store, const char *sql, GError **error);

/* Wraps the connection's last SQLite error into @error (BF_STORE_ERROR_SQL). */
gboolean      bf_store_fail (BfStore *store, const char *what, GError **error);

/* Opens a store migrated only up to @version: for the migration tests, which need old files. */
BfStore      *bf_store_open_at_version (const char *path, int version, GError **error);

/* One integer from a query with no parameters. */
gboolean      bf_store_query_int64 (BfStore *store, const char *sql, gint64 *out, GError **error);

G_END_DECLS
