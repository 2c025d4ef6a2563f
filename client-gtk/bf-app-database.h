/* bf-app-database.h: the app's store, on a thread of its own.
 *
 * The app never touches SQLite on the main loop. One thread owns the BfStore (and the sync
 * client, which must live with the store) and runs a GMainContext of its own; the UI sends it
 * jobs and gets their results back on the main context as GAsyncResults. Jobs run one after
 * another in the order sent.
 */
#pragma once

#include <gio/gio.h>

#include "bf-store.h"

G_BEGIN_DECLS

/* A job, run on the store's thread. Returns its result (freed with @result_free by the
 * caller of _finish when it no longer needs it), or NULL and sets @error. A job that only
 * writes returns GINT_TO_POINTER (TRUE). */
typedef gpointer (*BfDatabaseJob) (BfStore *store, gpointer data, GCancellable *cancellable,
                                   GError **error);

#define BF_TYPE_APP_DATABASE (bf_app_database_get_type ())
G_DECLARE_FINAL_TYPE (BfAppDatabase, bf_app_database, BF, APP_DATABASE, GObject)

/* Starts the thread and opens (creating if needed) the store at @path there. Open errors
 * come back from the first job, and from bf_app_database_open_finish(). */
void           bf_app_database_open_async  (const char *path, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
BfAppDatabase *bf_app_database_open_finish (GAsyncResult *result, GError **error);

/* Queues @job with @data (freed with @data_free on the main context after the job ran). */
void     bf_app_database_run        (BfAppDatabase *self, BfDatabaseJob job, gpointer data,
                                     GDestroyNotify data_free, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
gpointer bf_app_database_run_finish (BfAppDatabase *self, GAsyncResult *result,
                                     GError **error);

/* Tells every view that these households changed (NULL-terminated ids; NULL for "anything
 * may have changed", after a sync). Emits ::households-changed on the main context. Call it
 * from the main context after a write job succeeded. */
void     bf_app_database_notify_changed (BfAppDatabase *self, const char *const *household_ids);

/* The path given to open. */
const char *bf_app_database_get_path (BfAppDatabase *self);

G_END_DECLS
