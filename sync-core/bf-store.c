/* bf-store.c: opening, checking and migrating the store; transactions; statement cache. */
#include "bf-config.h"
#include "bf-store-private.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bf-checkpointer.h"
#include "bf-uuid.h"
#include "bf-validate.h"

/* "BFTZ" (帮扶台账) in PRAGMA application_id marks a file as ours. */
#define BANGFU_APPLICATION_ID 1111905370  /* 0x4246545a */

#define STATEMENT_SLOTS 256

struct _BfStore {
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt* */
  /* The same by the text's address, direct-mapped: nearly every caller passes a literal, and
   * hashing a 200-character statement on each of the dozen a pushed change runs cost more than
   * the cache saved. A slot's statement is used only if its text matches. */
  struct { const char *sql; sqlite3_stmt *stmt; } by_address[STATEMENT_SLOTS];
  GHashTable *memo;         /* MemoKey → answer, while a run of changes keeps it (below) */
  BfPolicy   *policy;
  GDate       today;        /* pinned by tests; invalid means "the real today" */
  int         version;
  guint       transaction_depth;
  gboolean    transaction_failed;
  guint       savepoint_depth;  /* the depth a savepoint was taken at */
  /* Sync identity and state, loaded on open. */
  char       *device_id;
  char       *author;
  gboolean    is_hub;
  gint64      hub_seq;      /* the hub's own last sequence; 0 until first needed */
  BfClock     clock;
  BfCheckpointer *checkpointer;  /* bf_store_checkpoint_in_background() */
};

G_DEFINE_QUARK (bf-store-error-quark, bf_store_error)

static gboolean load_sync_identity (BfStore *store, GError **error);

gboolean
bf_store_fail (BfStore *store, const char *what, GError **error)
{
  g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL, _("Database error while %s: %s"),
               what, sqlite3_errmsg (store->db));
  return FALSE;
}

sqlite3 *
bf_store_db (BfStore *store)
{
  return store->db;
}

const char *
bf_store_path (BfStore *store)
{
  return store->path;
}

sqlite3_stmt *
bf_store_prepare (BfStore *store, const char *sql, GError **error)
{
  guint slot = (guint) (((guintptr) sql >> 3) % STATEMENT_SLOTS);
  sqlite3_stmt *stmt = NULL;

  if (store->by_address[slot].sql == sql && strcmp (sqlite3_sql (store->by_address[slot].stmt), sql) == 0)
    stmt = store->by_address[slot].stmt;
  else
    stmt = g_hash_table_lookup (store->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else if (sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) == SQLITE_OK)
    g_hash_table_insert (store->statements, g_strdup (sql), stmt);
  else
    {
      bf_store_fail (store, _("preparing a query"), error);
      return NULL;
    }
  store->by_address[slot].sql = sql;
  store->by_address[slot].stmt = stmt;
  return stmt;
}

gboolean
bf_store_exec (BfStore *store, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL, _("Database error: %s"),
                   message ? message : sqlite3_errmsg (store->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
bf_store_query_int64 (BfStore *store, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return bf_store_fail (store, _("reading a count"), error);
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
bf_store_query_text (BfStore *store, char **out, GError **error, const char *sql, ...)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, sql, error);
  const char *param;
  va_list args;
  int index = 1, rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  va_start (args, sql);
  while ((param = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, index++, param, -1, SQLITE_TRANSIENT);
  va_end (args);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || bf_store_fail (store, _("reading a record"), error);
}

/* ---- the look-up memo ----
 * A push of 10,000 visits asks 10,000 times which village a household is in and whether a
 * cadre exists, about a handful of households and cadres. Keyed by the statement's address
 * (a literal) and its one parameter. */
typedef struct {
  const char *sql;
  char        key[];
} MemoKey;

static guint
memo_key_hash (gconstpointer data)
{
  const MemoKey *key = data;
  return g_str_hash (key->key) ^ GPOINTER_TO_UINT (key->sql);
}

static gboolean
memo_key_equal (gconstpointer a, gconstpointer b)
{
  const MemoKey *x = a, *y = b;
  return x->sql == y->sql && strcmp (x->key, y->key) == 0;
}

void
bf_store_memo_start (BfStore *store)
{
  if (store->memo == NULL)
    store->memo = g_hash_table_new_full (memo_key_hash, memo_key_equal, g_free, g_free);
}

void
bf_store_memo_stop (BfStore *store)
{
  g_clear_pointer (&store->memo, g_hash_table_destroy);
}

gboolean
bf_store_query_text_memo (BfStore *store, const char *sql, const char *key, char **out,
                          GError **error)
{
  gsize length = strlen (key);
  MemoKey *lookup;
  gpointer answer;

  if (store->memo == NULL)
    return bf_store_query_text (store, out, error, sql, key, NULL);
  lookup = g_malloc (sizeof (MemoKey) + length + 1);
  lookup->sql = sql;
  memcpy (lookup->key, key, length + 1);
  if (g_hash_table_lookup_extended (store->memo, lookup, NULL, &answer))
    {
      g_free (lookup);
      *out = g_strdup (answer);
      return TRUE;
    }
  if (!bf_store_query_text (store, out, error, sql, key, NULL))
    {
      g_free (lookup);
      return FALSE;
    }
  g_hash_table_insert (store->memo, lookup, g_strdup (*out));
  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

gboolean
bf_store_checkpoint_in_background (BfStore *store, GError **error)
{
  if (store->checkpointer == NULL)
    store->checkpointer = bf_checkpointer_new (store, error);
  return store->checkpointer != NULL;
}

guint
bf_store_background_checkpoints (BfStore *store)
{
  return store->checkpointer ? bf_checkpointer_get_count (store->checkpointer) : 0;
}

static BfStore *
store_new (sqlite3 *db, const char *path)
{
  BfStore *store = g_new0 (BfStore, 1);

  store->db = db;
  store->path = g_strdup (path);
  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  return store;
}

void
bf_store_free (BfStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->checkpointer, bf_checkpointer_free);
  g_clear_pointer (&store->memo, g_hash_table_destroy);
  g_hash_table_destroy (store->statements);
  sqlite3_close (store->db);
  bf_policy_free (store->policy);
  g_free (store->path);
  g_free (store->device_id);
  g_free (store->author);
  g_free (store);
}

int
bf_store_schema_version (BfStore *store)
{
  return store->version;
}

int
bf_store_latest_schema_version (void)
{
  guint n = 0;
  const BfMigration *migrations = bf_store_migrations (&n);
  return migrations[n - 1].version;
}

const BfPolicy *
bf_store_get_policy (BfStore *store)
{
  return store->policy;
}

void
bf_store_set_policy (BfStore *store, BfPolicy *policy)
{
  g_return_if_fail (policy != NULL);
  bf_policy_free (store->policy);
  store->policy = policy;
}

void
bf_store_set_today (BfStore *store, const GDate *today)
{
  if (today == NULL)
    g_date_clear (&store->today, 1);
  else
    store->today = *today;
}

void
bf_store_get_check_context (BfStore *store, BfCheckContext *out)
{
  out->policy = store->policy;
  if (g_date_valid (&store->today))
    out->today = store->today;
  else
    bf_today (&out->today);
}

gboolean
bf_store_begin (BfStore *store, GError **error)
{
  if (store->transaction_depth++ > 0)
    return TRUE;
  store->transaction_failed = FALSE;
  if (!bf_store_exec (store, "BEGIN IMMEDIATE", error))
    {
      store->transaction_depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
bf_store_commit (BfStore *store, GError **error)
{
  g_return_val_if_fail (store->transaction_depth > 0, FALSE);
  if (--store->transaction_depth > 0)
    return TRUE;
  if (store->transaction_failed)
    {
      bf_store_exec (store, "ROLLBACK", NULL);
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL,
                   _("The transaction was rolled back because an earlier step failed"));
      return FALSE;
    }
  if (!bf_store_exec (store, "COMMIT", error))
    {
      bf_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

void
bf_store_rollback (BfStore *store)
{
  g_return_if_fail (store->transaction_depth > 0);
  if (--store->transaction_depth > 0)
    {
      /* Only the outermost level can undo; make sure it does instead of committing. */
      store->transaction_failed = TRUE;
      return;
    }
  bf_store_exec (store, "ROLLBACK", NULL);
}

gboolean
bf_store_limit_memory (BfStore *store, GError **error)
{
  return bf_store_exec (store, "PRAGMA mmap_size = 0", error) &&
         bf_store_exec (store, "PRAGMA cache_size = -8192", error);
}

int
bf_store_page_size (BfStore *store)
{
  gint64 size = 0;

  return bf_store_query_int64 (store, "PRAGMA page_size", &size, NULL) && size > 0 ? (int) size : 4096;
}

gboolean
bf_store_compact (BfStore *store, int *out_old_page_size, GError **error)
{
  gboolean done;

  g_return_val_if_fail (store->transaction_depth == 0, FALSE);
  if (out_old_page_size != NULL)
    *out_old_page_size = bf_store_page_size (store);
  /* A WAL file keeps its page size: the rewrite happens with a rollback journal, which also
   * needs this connection to be the file's only one. VACUUM is one transaction, so a crash
   * leaves the old file as it was. */
  if (!bf_store_exec (store, "PRAGMA journal_mode = DELETE", error))
    return FALSE;
  done = bf_store_exec (store, "PRAGMA page_size = " G_STRINGIFY (BF_STORE_PAGE_SIZE), error) &&
         bf_store_exec (store, "VACUUM", error);
  /* Back to WAL even after a failure: the file must stay as the rest of the code expects. */
  if (!bf_store_exec (store, "PRAGMA journal_mode = WAL", done ? error : NULL))
    return FALSE;
  return done;
}

gboolean
bf_store_set_pulling (BfStore *store, gboolean pulling, GError **error)
{
  /* Only between transactions: both settings belong to the connection (foreign_keys cannot
   * change inside one), and a nested caller must not weaken its caller's commit. */
  if (store->transaction_depth > 0)
    return TRUE;
  return bf_store_exec (store, pulling ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL",
                        error) &&
         bf_store_exec (store, pulling ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON",
                        error);
}

gboolean
bf_store_savepoint (BfStore *store, GError **error)
{
  g_return_val_if_fail (store->transaction_depth > 0, FALSE);
  store->savepoint_depth = store->transaction_depth;
  return bf_store_exec (store, "SAVEPOINT job", error);
}

gboolean
bf_store_savepoint_end (BfStore *store)
{
  /* Work that left a transaction of its own open is a bug; it must not keep the group's
   * transaction open behind it: its work is undone and the depth is the group's again. */
  gboolean kept = !store->transaction_failed && store->transaction_depth == store->savepoint_depth;

  if (store->transaction_depth != store->savepoint_depth)
    g_message ("a store job left %d transaction levels open; its work is undone",
               (int) store->transaction_depth - (int) store->savepoint_depth);
  store->transaction_depth = store->savepoint_depth;

  if (!kept)
    bf_store_exec (store, "ROLLBACK TO job", NULL);
  store->transaction_failed = FALSE;
  if (!bf_store_exec (store, "RELEASE job", NULL))
    return FALSE;
  return kept;
}

char *
bf_store_get_meta (BfStore *store, const char *key)
{
  sqlite3_stmt *stmt = bf_store_prepare (store, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
bf_store_set_meta (BfStore *store, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
                                         "INSERT INTO meta (key, value) VALUES (?, ?) "
                                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("saving a setting"), error);
}

gboolean
bf_store_is_empty (BfStore *store, gboolean *out_empty, GError **error)
{
  gint64 n = 0;

  if (!bf_store_query_int64 (store,
                             "SELECT (SELECT count(*) FROM towns) + (SELECT count(*) FROM households)"
                             " + (SELECT count(*) FROM cadres)",
                             &n, error))
    return FALSE;
  *out_empty = n == 0;
  return TRUE;
}

/* Reads the header facts without writing anything, so that a foreign or newer file is
 * refused untouched. */
static gboolean
inspect_file (BfStore *store, gboolean may_create, gboolean *out_fresh, GError **error)
{
  gint64 application_id = 0, user_version = 0, objects = 0;

  if (!bf_store_query_int64 (store, "PRAGMA application_id", &application_id, NULL) ||
      !bf_store_query_int64 (store, "PRAGMA user_version", &user_version, NULL) ||
      !bf_store_query_int64 (store, "SELECT count(*) FROM sqlite_schema", &objects, NULL))
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_BANGFU,
                   _("“%s” is not a Bangfu database (%s)"), store->path,
                   sqlite3_errmsg (store->db));
      return FALSE;
    }
  *out_fresh = objects == 0 && user_version == 0 && application_id == 0;
  /* An existing empty file is only ours to fill when asked to create one. */
  if (*out_fresh && may_create)
    return TRUE;
  if (*out_fresh)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_BANGFU,
                   _("“%s” is empty, not a Bangfu database; it was left unchanged"), store->path);
      return FALSE;
    }
  if (application_id != BANGFU_APPLICATION_ID)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_BANGFU,
                   _("“%s” is an SQLite database, but not a Bangfu one; it was left unchanged"),
                   store->path);
      return FALSE;
    }
  if (user_version > bf_store_latest_schema_version ())
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Bangfu (schema %d; this program knows up to "
                     "%d). Update Bangfu to open it; the file was left unchanged"),
                   store->path, (int) user_version, bf_store_latest_schema_version ());
      return FALSE;
    }
  store->version = (int) user_version;
  return TRUE;
}

static gboolean
migrate (BfStore *store, int target, GError **error)
{
  guint n = 0;
  const BfMigration *migrations = bf_store_migrations (&n);

  if (store->version >= target)
    return TRUE;
  if (!bf_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n && migrations[i].version <= target; i++)
    {
      g_autofree char *set_version = NULL;

      if (migrations[i].version <= store->version)
        continue;
      if (!bf_store_exec (store, migrations[i].sql, error))
        {
          g_prefix_error (error, _("Upgrading the database to schema %d (%s) failed: "),
                          migrations[i].version, _(migrations[i].description));
          bf_store_rollback (store);
          return FALSE;
        }
      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!bf_store_exec (store, set_version, error))
        {
          bf_store_rollback (store);
          return FALSE;
        }
    }
  if (!bf_store_exec (store, "PRAGMA application_id = " G_STRINGIFY (BANGFU_APPLICATION_ID),
                      error) ||
      !bf_store_commit (store, error))
    {
      if (store->transaction_depth > 0)
        bf_store_rollback (store);
      return FALSE;
    }
  store->version = target;
  return TRUE;
}

static BfStore *
open_store (const char *path, BfStoreOpenFlags flags, int target_version, GError **error)
{
  g_autoptr(BfStore) store = NULL;
  sqlite3 *db = NULL;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean fresh = FALSE;
  int version_before;
  int open_flags = SQLITE_OPEN_READWRITE;

  bf_sqlite_configure_process ();
  if (flags & BF_STORE_OPEN_ONE_THREAD)
    open_flags |= SQLITE_OPEN_NOMUTEX;

  if (exists && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_OPEN,
                   _("“%s” is not a regular file"), path);
      return NULL;
    }
  if (!exists && !(flags & BF_STORE_OPEN_CREATE))
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_OPEN,
                   _("The database “%s” does not exist"), path);
      return NULL;
    }
  if (!exists)
    open_flags |= SQLITE_OPEN_CREATE;

  if (sqlite3_open_v2 (path, &db, open_flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  store = store_new (db, path);
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);

  if (!inspect_file (store, (flags & BF_STORE_OPEN_CREATE) != 0, &fresh, error))
    return NULL;
  version_before = store->version;

  /* Only now, knowing the file is ours (or new), may we write to it. */
  if ((fresh && !bf_store_exec (store, "PRAGMA page_size = " G_STRINGIFY (BF_STORE_PAGE_SIZE), error)) ||
      !bf_store_exec (store, "PRAGMA journal_mode = WAL", error) ||
      !bf_store_exec (store, "PRAGMA foreign_keys = ON", error) ||
      /* FULL: a commit survives power loss, which village laptops do see. */
      !bf_store_exec (store, "PRAGMA synchronous = FULL", error) ||
      /* 32 MB of page cache: a whole district's working set, so big transactions do not
       * spill to the WAL page by page. */
      !bf_store_exec (store, "PRAGMA cache_size = -" G_STRINGIFY (BF_STORE_CACHE_KIB), error) ||
      /* Reads through a memory map: at a million rows, random B-tree pages no longer cost a
       * system call each. */
      !bf_store_exec (store, "PRAGMA mmap_size = 1073741824", error) ||
      !migrate (store, target_version, error))
    return NULL;

  store->policy = bf_policy_load_default (error);
  if (store->policy == NULL || !load_sync_identity (store, error))
    return NULL;
  if (!fresh && version_before < 3 && store->version >= 3 &&
      !bf_sync_adopt_unlogged_rows (store, error))
    return NULL;
  g_date_clear (&store->today, 1);
  return g_steal_pointer (&store);
}

/* A store made before the change log existed, or just created, gets its device identity here;
 * the clock resumes from the last timestamp it issued. */
static gboolean
load_sync_identity (BfStore *store, GError **error)
{
  g_autofree char *last = NULL;
  g_autofree char *server_ms = NULL;
  g_autofree char *role = NULL;
  gint64 newest = 0;

  if (store->version < 3)
    return TRUE;
  store->device_id = bf_store_get_meta (store, "device_id");
  if (store->device_id == NULL)
    {
      store->device_id = bf_uuid_random ();
      if (!bf_store_set_meta (store, "device_id", store->device_id, error))
        return FALSE;
    }
  store->author = bf_store_get_meta (store, "author");
  role = bf_store_get_meta (store, "role");
  store->is_hub = g_strcmp0 (role, "hub") == 0;
  last = bf_store_get_meta (store, "hlc_last");
  server_ms = bf_store_get_meta (store, "server_time_ms");
  /* Local changes do not save the clock; their timestamps are in the logs. Resume after the
   * newest timestamp anywhere, so a restart never reissues one. */
  if (!bf_store_query_int64 (store,
                             "SELECT max ((SELECT coalesce(max(hlc), 0) FROM change_log),"
                             " (SELECT coalesce(max(hlc), 0) FROM hub_log))", &newest, error))
    return FALSE;
  bf_clock_init (&store->clock, MAX (last ? g_ascii_strtoull (last, NULL, 10) : 0, (BfHlc) newest),
                 server_ms ? g_ascii_strtoll (server_ms, NULL, 10) : 0,
                 BF_CLOCK_DEFAULT_MAX_DRIFT_MS);
  return TRUE;
}

const char *
bf_store_device_id (BfStore *store)
{
  return store->device_id;
}

const char *
bf_store_get_author (BfStore *store)
{
  return store->author;
}

gboolean
bf_store_set_author (BfStore *store, const char *author, GError **error)
{
  if (!bf_store_set_meta (store, "author", author, error))
    return FALSE;
  g_free (store->author);
  store->author = g_strdup (author);
  return TRUE;
}

gboolean
bf_store_is_hub (BfStore *store)
{
  return store->is_hub;
}

gboolean
bf_store_make_hub (BfStore *store, GError **error)
{
  gboolean empty = FALSE;
  gint64 logged = 0;

  if (!bf_store_is_empty (store, &empty, error) ||
      !bf_store_query_int64 (store, "SELECT count(*) FROM change_log", &logged, error))
    return FALSE;
  if (!empty || logged > 0)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_EMPTY,
                   _("Only a new, empty database can become a district server's store"));
      return FALSE;
    }
  if (!bf_store_set_meta (store, "role", "hub", error))
    return FALSE;
  store->is_hub = TRUE;
  return TRUE;
}

gboolean
bf_store_next_hub_seq (BfStore *store, gint64 *out, GError **error)
{
  if (store->hub_seq == 0)
    {
      sqlite3_stmt *stmt = bf_store_prepare (store,
        "SELECT coalesce(max(seq), 0) FROM hub_log WHERE device = ?", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, store->device_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      store->hub_seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return bf_store_fail (store, _("reading sync state"), error);
    }
  /* A rolled-back change leaves a gap, which is harmless: the hub's own changes are never
   * checked against a high-water mark. */
  *out = ++store->hub_seq;
  return TRUE;
}

BfClock *
bf_store_clock (BfStore *store)
{
  return &store->clock;
}

gboolean
bf_store_save_clock (BfStore *store, GError **error)
{
  char last[32], server_ms[32];

  g_snprintf (last, sizeof last, "%" G_GUINT64_FORMAT, store->clock.last);
  g_snprintf (server_ms, sizeof server_ms, "%" G_GINT64_FORMAT, store->clock.server_ms);
  return bf_store_set_meta (store, "hlc_last", last, error) &&
         bf_store_set_meta (store, "server_time_ms", server_ms, error);
}

BfStore *
bf_store_open (const char *path, BfStoreOpenFlags flags, GError **error)
{
  return open_store (path, flags, bf_store_latest_schema_version (), error);
}

BfStore *
bf_store_open_at_version (const char *path, int version, GError **error)
{
  return open_store (path, BF_STORE_OPEN_CREATE, version, error);
}
