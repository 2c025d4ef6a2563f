/* bf-sync-controller.h: the sync client's state, on the main thread.
 *
 * The BfSyncClient and its BfSyncAuto live on the store's thread (they call the store from
 * their callbacks); this object creates them there, mirrors their state into properties on
 * the main context, and forwards the UI's requests — sign in, sync now, resend a refused
 * change — as store jobs. The UI binds to these properties and never sees the client.
 */
#pragma once

#include <gio/gio.h>

#include "bf-app-database.h"
#include "bf-sync-client.h"

G_BEGIN_DECLS

#define BF_TYPE_SYNC_CONTROLLER (bf_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (BfSyncController, bf_sync_controller, BF, SYNC_CONTROLLER, GObject)

/* Creates the client on the store's thread. ::ready is emitted once its first state arrived. */
BfSyncController *bf_sync_controller_new (BfAppDatabase *database);

BfAppDatabase *bf_sync_controller_get_database     (BfSyncController *self);
gboolean       bf_sync_controller_get_ready        (BfSyncController *self);
BfSyncState    bf_sync_controller_get_state        (BfSyncController *self);
gboolean       bf_sync_controller_get_busy         (BfSyncController *self);
/* Local time of the last completed sync, or NULL. */
GDateTime     *bf_sync_controller_get_last_sync    (BfSyncController *self);
const char    *bf_sync_controller_get_last_error   (BfSyncController *self);
gint64         bf_sync_controller_get_unsent       (BfSyncController *self);
gint64         bf_sync_controller_get_refused      (BfSyncController *self);
const char    *bf_sync_controller_get_server_url   (BfSyncController *self);
const char    *bf_sync_controller_get_account      (BfSyncController *self);
const char    *bf_sync_controller_get_role         (BfSyncController *self);
/* TRUE for district staff ("district", "admin"). */
gboolean       bf_sync_controller_is_district      (BfSyncController *self);

/* The header's words: 离线 / 正在同步 / 已同步 14:05 / 同步失败. */
char          *bf_sync_controller_describe         (BfSyncController *self);

/* Signs in (the client saves the sign-in in the store). */
void     bf_sync_controller_login_async  (BfSyncController *self, const char *url,
                                          const char *user, const char *password,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean bf_sync_controller_login_finish (BfSyncController *self, GAsyncResult *result,
                                          GError **error);

/* One full sync now; ::progress is emitted while it runs. Free the summary with g_free(). */
void           bf_sync_controller_sync_async  (BfSyncController *self, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
BfSyncSummary *bf_sync_controller_sync_finish (BfSyncController *self, GAsyncResult *result,
                                               GError **error);

/* Asks the automatic sync to run now (the header's 立即同步). */
void     bf_sync_controller_sync_now (BfSyncController *self);

/* Lists the refused changes (GPtrArray of BfRefusedChange*, see bf-sync-refused.h). */
void       bf_sync_controller_list_refused_async  (BfSyncController *self,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
GPtrArray *bf_sync_controller_list_refused_finish (BfSyncController *self,
                                                   GAsyncResult *result, GError **error);

/* Sends refused change @seq again (after the user fixed the record). */
void     bf_sync_controller_resend_async  (BfSyncController *self, gint64 seq,
                                           GAsyncReadyCallback callback, gpointer user_data);
gboolean bf_sync_controller_resend_finish (BfSyncController *self, GAsyncResult *result,
                                           GError **error);

G_END_DECLS
