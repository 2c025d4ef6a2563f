/* bf-store-private.h: what sync-core's own modules (migrations, records, summary, tests)
 * share about the store. Not for the app or the server. */
#pragma once

#include <sqlite3.h>

#include "bf-change.h"
#include "bf-hlc.h"
#include "bf-store.h"

G_BEGIN_DECLS

/* The page size of a store made or compacted now. 16 KiB instead of SQLite's 4 KiB: a commit
 * writes each dirty page to the WAL with its own system calls, and a sync's commit dirties
 * thousands. Measured with bench-path (in process, medians of 3): the hub's merge of 10,000
 * visits ×1.35 and a device's apply ×1.2 faster than with 4 KiB; 32 and 64 KiB gained little
 * more and write more per small edit. Only a new file takes it; bf_store_compact converts an
 * old one. */
#define BF_STORE_PAGE_SIZE 16384
/* Every store's page cache (PRAGMA cache_size), and what the server reserves for it. */
#define BF_STORE_CACHE_KIB 32768

/* SQLite's process-wide settings (bf-sqlite-process.c): once, before the first store opens. */
void          bf_sqlite_configure_process (void);

/* Checkpoints bf_store_checkpoint_in_background()'s thread has run (for tests). */
guint         bf_store_background_checkpoints (BfStore *store);

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

/* Settings for applying what the hub sent, between transactions; FALSE restores the usual.
 * - synchronous NORMAL instead of FULL: a commit may be lost whole on power failure, never
 *   torn, and a lost pull is pulled again.
 * - foreign keys off: the hub checked every reference when it accepted the change, and a
 *   device holds only its area, so a pulled row may rightly point outside it (a household
 *   merged into its duplicate in another village). */
gboolean      bf_store_set_pulling   (BfStore *store, gboolean pulling, GError **error);

/* A savepoint inside the current transaction, so that one unit of work can be undone without
 * the rest (the server's group commit: several requests, one fsync). _end keeps the work
 * unless a step inside failed, and returns whether it was kept. */
gboolean      bf_store_savepoint     (BfStore *store, GError **error);
gboolean      bf_store_savepoint_end (BfStore *store);

/* The first column of the first row as text (NULL when there is no row or it is NULL), with
 * the NULL-terminated text arguments bound in order. */
gboolean      bf_store_query_text (BfStore *store, char **out, GError **error, const char *sql, ...)
  G_GNUC_NULL_TERMINATED;

/* Answers to look-ups of facts a run of changes cannot alter — a household's village, a
 * village's town, whether a cadre exists, whether a year is locked — kept while the run lasts.
 * _start turns it on, keeping what it holds if it is on already; _stop drops it. The hub's push
 * and a device's pull follow each change with bf_sync_memo_follow and stop it at the end. */
void          bf_store_memo_start  (BfStore *store);
void          bf_store_memo_stop   (BfStore *store);

/* bf_store_query_text with one parameter, answered from the memo when it is on. @sql must live
 * as long as the store (a literal): the memo knows a statement by its address. */
gboolean      bf_store_query_text_memo (BfStore *store, const char *sql, const char *key,
                                        char **out, GError **error);

/* One integer from a query with no parameters. */
gboolean      bf_store_query_int64 (BfStore *store, const char *sql, gint64 *out, GError **error);

/* The device's hybrid logical clock; bf_store_save_clock() persists it (inside the transaction
 * that used it, so a restart never reissues a timestamp). */
BfClock      *bf_store_clock (BfStore *store);

/* The next sequence number of the hub's own changes. */
gboolean      bf_store_next_hub_seq (BfStore *store, gint64 *out, GError **error);
gboolean      bf_store_save_clock (BfStore *store, GError **error);

/* Records a local change made through the record API: on a device it joins the outbox with
 * its fields pending; on the hub it is ordered at once. Called inside the transaction that
 * wrote the row. (bf-sync-log.c) */
gboolean      bf_sync_log_local (BfStore *store, BfChange *change, GError **error);

/* The version a local edit of @field is made against: this device's latest pending change
 * to it, else the confirmed version; NULL when the row has none. (bf-sync-log.c) */
char         *bf_sync_local_base (BfStore *store, BfEntityKind kind, const char *row_id,
                                  const char *field, GError **error);

/* After an upgrade from before the change log: every existing row becomes a pending
 * creation. (bf-sync-log.c) */
gboolean      bf_sync_adopt_unlogged_rows (BfStore *store, GError **error);

/* Before a local edit hides the confirmed value of a field, keep that value in the shadow so
 * that it can come back if the edit is refused. (bf-sync-log.c) */
gboolean      bf_sync_keep_shadow (BfStore *store, BfEntityKind kind, const char *row_id,
                                   const char *field, GError **error);

/* Writes one field's canonical text into a stored row ("deleted" included). */
gboolean      bf_store_write_field_text (BfStore *store, BfEntityKind kind, const char *row_id,
                                         const char *field, const char *text, GError **error);

/* Reads one field of a stored row as canonical text, deleted rows included; *out_found is
 * FALSE when the row does not exist. */
gboolean      bf_store_read_field_text (BfStore *store, BfEntityKind kind, const char *row_id,
                                        const char *field, char **out_text, gboolean *out_found,
                                        GError **error);

/* Whether a row exists, and whether it is a tombstone, without reading it. */
gboolean      bf_store_row_state (BfStore *store, BfEntityKind kind, const char *row_id,
                                  gboolean *out_found, gboolean *out_deleted, GError **error);

/* Inserts a record as it is, without checks or logging: rows arriving from the hub. */
gboolean      bf_store_insert_unlogged (BfStore *store, BfEntityKind kind, gconstpointer record,
                                        gboolean deleted, GError **error);

/* The same, or nothing when a row with the record's id exists: *out_inserted says which. */
gboolean      bf_store_insert_unlogged_if_absent (BfStore *store, BfEntityKind kind,
                                                  gconstpointer record, gboolean deleted,
                                                  gboolean *out_inserted, GError **error);

/* Reads a row, deleted or not. */
gpointer      bf_store_get_any (BfStore *store, BfEntityKind kind, const char *id,
                                gboolean *out_deleted, GError **error);

gboolean      bf_store_check_references (BfStore *store, BfEntityKind kind,
                                         gconstpointer record, GError **error);

G_END_DECLS
