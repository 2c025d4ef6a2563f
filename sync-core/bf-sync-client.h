/* bf-sync-client.h: syncing a device's store with the district server over HTTP.
 *
 * The client speaks the HTTP API of docs/PROTOCOL.md ("HTTP endpoints"): it signs in (/v1/login), pushes
 * the outbox in gzip-compressed batches (/v1/push) and pulls the hub's changes for its scope
 * (/v1/pull). Every step is idempotent in the engine, so a sync cut off at any byte simply
 * resumes at the next one.
 *
 * Threads: the client does its HTTP I/O asynchronously on the thread-default main context of
 * the thread that creates it, and calls the store from the callbacks on that same context.
 * Use it from the thread that owns the store (the CLI and the tests run one thread; the app
 * wraps it with its database thread).
 */
#pragma once

#include <gio/gio.h>

#include "bf-store.h"
#include "bf-sync.h"

G_BEGIN_DECLS

#define BF_SYNC_CLIENT_ERROR (bf_sync_client_error_quark ())

typedef enum {
  BF_SYNC_CLIENT_ERROR_NETWORK,     /* the server cannot be reached, or the connection broke */
  BF_SYNC_CLIENT_ERROR_AUTH,        /* not signed in, or the server refused the sign-in (401) */
  BF_SYNC_CLIENT_ERROR_FORBIDDEN,   /* the account may not do this (403) */
  BF_SYNC_CLIENT_ERROR_PROTOCOL,    /* a malformed or unexpected answer */
  BF_SYNC_CLIENT_ERROR_SERVER,      /* the server failed (5xx) */
  BF_SYNC_CLIENT_ERROR_INSECURE,    /* plain HTTP to a remote host, or a certificate mismatch */
  BF_SYNC_CLIENT_ERROR_INVALID_URL, /* not an http:// or https:// address */
} BfSyncClientError;

GQuark bf_sync_client_error_quark (void);

typedef enum {
  BF_SYNC_STATE_OFFLINE,   /* not synced yet in this session, or the network is unreachable */
  BF_SYNC_STATE_SYNCING,
  BF_SYNC_STATE_SYNCED,
  BF_SYNC_STATE_ERROR,     /* the last sync failed; see last-error */
} BfSyncState;

GType bf_sync_state_get_type (void);
#define BF_TYPE_SYNC_STATE (bf_sync_state_get_type ())

typedef enum {
  BF_SYNC_PHASE_PUSH,
  BF_SYNC_PHASE_PULL,
} BfSyncPhase;

GType bf_sync_phase_get_type (void);
#define BF_TYPE_SYNC_PHASE (bf_sync_phase_get_type ())

/* What one sync did. */
typedef struct {
  guint64 pushed;     /* own changes the hub took (accepted, or already had) */
  guint64 rejected;   /* own changes the hub refused, with a reason kept in the change log */
  guint64 pulled;     /* hub changes applied */
  guint64 conflicts;  /* new conflict records among them */
  guint64 purged;     /* rows removed because their village left this device's scope */
} BfSyncSummary;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfSyncSummary, g_free)

#define BF_TYPE_SYNC_CLIENT (bf_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (BfSyncClient, bf_sync_client, BF, SYNC_CLIENT, GObject)

/* The client borrows @store, which must outlive it. The sign-in saved in the store's meta
 * (server_url, token, account, account_role, scope) is loaded here. */
BfSyncClient *bf_sync_client_new (BfStore *store);

BfStore     *bf_sync_client_get_store          (BfSyncClient *self);
const char  *bf_sync_client_get_server_url     (BfSyncClient *self);
const char  *bf_sync_client_get_token          (BfSyncClient *self);
const char  *bf_sync_client_get_account        (BfSyncClient *self);
const char  *bf_sync_client_get_role           (BfSyncClient *self);
BfSyncState  bf_sync_client_get_state          (BfSyncClient *self);
/* When the last sync completed (UTC), or NULL. */
GDateTime   *bf_sync_client_get_last_sync_time (BfSyncClient *self);
const char  *bf_sync_client_get_last_error     (BfSyncClient *self);
gint64       bf_sync_client_get_unsent_count   (BfSyncClient *self);
gboolean     bf_sync_client_get_busy           (BfSyncClient *self);

/* The unsent count changes whenever the app saves a record; call this after saving. */
void         bf_sync_client_refresh_unsent     (BfSyncClient *self);

/* A PEM file: when set, https connections accept exactly that certificate (a server with a
 * self-signed one) and no other, whoever signed it. */
const char  *bf_sync_client_get_pinned_certificate (BfSyncClient *self);
void         bf_sync_client_set_pinned_certificate (BfSyncClient *self, const char *path);

/* Plain http is refused unless the host is this machine, or this is set. */
gboolean     bf_sync_client_get_allow_insecure_http (BfSyncClient *self);
void         bf_sync_client_set_allow_insecure_http (BfSyncClient *self, gboolean allow);

/* The scope the server last gave this device; NULL before the first sign-in. */
BfScope     *bf_sync_client_dup_scope (BfSyncClient *self);

/* Whether @url may be used: an http:// or https:// address, plain http only to a loopback
 * host (127.0.0.0/8, ::1, localhost) unless @allow_insecure_http. Nothing is connected. */
gboolean     bf_sync_client_check_url (const char *url, gboolean allow_insecure_http,
                                       GError **error);

/* Signs in with this store's device id, and saves the token, account, role and scope in the
 * store's meta together with the server's address, the pinned certificate and the
 * allow-insecure-http choice, so later syncs use the same. The store's author becomes the
 * account's name. */
void         bf_sync_client_login_async  (BfSyncClient        *self,
                                          const char          *url,
                                          const char          *user,
                                          const char          *password,
                                          const char          *device_name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     bf_sync_client_login_finish (BfSyncClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error);

/* Pushes the outbox in batches, then pulls until the hub has nothing more, purging what left
 * the device's scope. Progress is emitted as the "progress" signal (phase, done, total; total
 * is -1 while unknown). A second sync while one runs fails with G_IO_ERROR_PENDING. A 401
 * keeps the stored token and fails with BF_SYNC_CLIENT_ERROR_AUTH, so the UI can ask for a
 * new sign-in. Free the summary with g_free(). */
void           bf_sync_client_sync_async  (BfSyncClient        *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
BfSyncSummary *bf_sync_client_sync_finish (BfSyncClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error);

G_END_DECLS
