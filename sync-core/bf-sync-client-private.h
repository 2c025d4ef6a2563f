/* bf-sync-client-private.h: what the sync client's files share — its fields, the HTTP
 * exchange (bf-sync-client-http.c) and the sync run (bf-sync-client-sync.c). */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "bf-gzip-ahead.h"
#include "bf-json-tree.h"
#include "bf-sync-client.h"

G_BEGIN_DECLS

struct _BfSyncClient
{
  GObject          parent_instance;

  BfStore         *store;        /* borrowed */
  SoupSession     *session;

  char            *server_url;
  char            *token;
  char            *account;
  char            *role;
  BfSyncState      state;
  GDateTime       *last_sync_time;
  char            *last_error;
  gint64           unsent_count;
  gboolean         busy;

  char            *pinned_certificate;
  GTlsCertificate *pin;
  GError          *pin_error;    /* why the pinned file cannot be used */
  gboolean         allow_insecure_http;

  guint            push_limit;   /* changes per page; 0: the defaults of bf-sync-client-sync.c */
  guint            pull_limit;
};

/* Smaller pages than the defaults (0 keeps one), for tests that need several pages from a
 * small district. */
void bf_sync_client_set_page_sizes (BfSyncClient *self, guint push_limit, guint pull_limit);


/* Setters that notify (bf-sync-client.c). */
void bf_sync_client_set_state          (BfSyncClient *self, BfSyncState state);
void bf_sync_client_set_busy           (BfSyncClient *self, gboolean busy);
void bf_sync_client_set_last_error     (BfSyncClient *self, const char *message);
void bf_sync_client_set_last_sync_time (BfSyncClient *self, GDateTime *time);
void bf_sync_client_set_sign_in        (BfSyncClient *self, const char *server_url,
                                        const char *token, const char *account,
                                        const char *role);

/* {"district": true} or {"towns": […], "villages": […]}, as the server writes scopes. */
BfScope *bf_sync_scope_from_json (JsonNode *node, GError **error);
/* The same from our own tree (a pulled batch's, bf_batch_decode_tree()), by the same rules. */
BfScope *bf_sync_scope_from_tree (const BfJsonNode *node, GError **error);
char    *bf_sync_scope_to_json   (const BfScope *scope);

/* Whether @new covers something @old did not. The hub filtered those changes out of every
 * pull so far, so the device must pull again from the start to get them. */
gboolean bf_sync_scope_widens (const BfScope *old, const BfScope *new);

/* POSTs @body (JSON; gzip-compressed on the way when @gzip) to @path under @base_url, with
 * the bearer @token when not NULL. With @pin, exactly that certificate is accepted. The task
 * returns the response body (at most BF_WIRE_MAX_BYTES once decoded) for a 2xx answer, and a
 * BF_SYNC_CLIENT_ERROR that carries the server's reason otherwise. */
void    bf_sync_http_post_async  (SoupSession         *session,
                                  const char          *base_url,
                                  const char          *path,
                                  const char          *token,
                                  GTlsCertificate     *pin,
                                  GBytes              *body,
                                  gboolean             gzip,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GBytes *bf_sync_http_post_finish (SoupSession   *session,
                                  GAsyncResult  *result,
                                  GError       **error);

/* Turns an answer into what the caller wants, or fails with the error to report. Runs on a
 * worker thread: it must touch nothing shared. */
typedef gpointer (*BfSyncHttpDecodeFunc) (GBytes *answer, GError **error);

/* Told that a request has gone out whole: the server has it and works on it. */
typedef void (*BfSyncHttpSentFunc) (gpointer user_data);

typedef struct {
  BfSyncHttpDecodeFunc decode;
  GDestroyNotify       free_decoded;
  /* Optional: called on the calling thread's context once the request has been written, at
   * most once; @on_sent_destroy frees @on_sent_data whether it was called or not. */
  BfSyncHttpSentFunc   on_sent;
  gpointer             on_sent_data;
  GDestroyNotify       on_sent_destroy;
} BfSyncHttpWorker;

/* As bf_sync_http_post_async(), but the request, the answer and @worker->decode all run on a
 * worker thread, so that the calling thread goes on with its own work meanwhile (a pull applies
 * the page before, a push reads the next page). The body is @body as it is, or @gzipped's
 * (Content-Encoding: gzip), waited for there if its compression is not done. The task returns
 * what decode made, freed with free_decoded if unclaimed. */
void     bf_sync_http_post_in_thread        (SoupSession            *session,
                                             const char             *base_url,
                                             const char             *path,
                                             const char             *token,
                                             GTlsCertificate        *pin,
                                             GBytes                 *body,
                                             BfGzipAhead            *gzipped,
                                             const BfSyncHttpWorker *worker,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
gpointer bf_sync_http_post_in_thread_finish (SoupSession   *session,
                                             GAsyncResult  *result,
                                             GError       **error);

/* @data compressed as one gzip member. */
GBytes *bf_sync_http_gzip (GBytes *data);

G_END_DECLS
