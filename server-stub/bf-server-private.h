/* bf-server-private.h: one HTTP exchange on its way through the server's stages.
 *
 * The main loop reads the request and sends the answer; in between an exchange is decoded in
 * the CPU pool, handled on the store thread, and encoded in the pool again. Each stage touches
 * only the exchange's own members, never the SoupServerMessage, which stays on the main
 * context.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-store.h"
#include "bf-wire.h"

G_BEGIN_DECLS

/* Limits of a request body: as sent, and after gzip. */
#define BF_SERVER_MAX_BODY      (32 * 1024 * 1024)
#define BF_SERVER_MAX_INFLATED  (64 * 1024 * 1024)

/* Errors in this domain carry the HTTP status as their code. */
#define BF_HTTP_ERROR (bf_http_error_quark ())
GQuark bf_http_error_quark (void);

typedef enum {
  BF_ROUTE_LOGIN,
  BF_ROUTE_PUSH,
  BF_ROUTE_PULL,
  BF_ROUTE_CONFLICTS,
  BF_ROUTE_RESOLVE,
  BF_ROUTE_STATUS,
} BfRoute;

typedef struct {
  /* From the request, on the main context. */
  BfRoute         route;
  char           *token;          /* Authorization: Bearer; NULL without one */
  char           *conflict_id;    /* resolve */
  GBytes         *body;           /* as received */
  gboolean        body_gzip;      /* Content-Encoding: gzip */
  gboolean        accept_gzip;    /* the client takes a gzipped answer */
  gboolean        answer_runs;    /* Bangfu-Push-Answer: runs — the client reads results in runs */
  const BfPolicy *policy;         /* push: the hub's, for the checks made while decoding */

  /* Decoded in the pool. */
  BfBatch        *batch;          /* push */
  JsonNode       *json;           /* login, pull, resolve */

  /* Handled on the store thread. */
  char           *password_hash;  /* login: set by the store, checked in the pool */
  gboolean        check_password; /* login: the pool checks it, then the store goes on */
  char           *account;        /* who asked, for the request log */
  BfPushResponse *push_response;  /* push */
  GBytes         *pulled;         /* pull: the batch, encoded */
  char           *scope_json;     /* pull: the "scope" member's value */
  JsonNode       *reply_json;     /* login, conflicts, resolve, status */

  /* Encoded in the pool. */
  GBytes         *reply;
  gboolean        reply_gzip;
} BfExchange;

BfExchange *bf_exchange_new  (BfRoute route);
void        bf_exchange_free (BfExchange *exchange);

/* The stages, as BfJobFunc: @store is NULL for the pool's. (bf-server-body.c,
 * bf-server-handlers.c) */
gboolean bf_exchange_decode (BfStore *store, gpointer exchange, GError **error);
gboolean bf_exchange_check_password (BfStore *store, gpointer exchange, GError **error);
gboolean bf_exchange_handle (BfStore *hub, gpointer exchange, GError **error);
gboolean bf_exchange_encode (BfStore *store, gpointer exchange, GError **error);

/* Whether a route's request has a body to decode. */
gboolean bf_route_has_body (BfRoute route);

/* The HTTP status that answers @error: its own code in BF_HTTP_ERROR, 401/403/400 for
 * accounts, 400 for bad input, 500 for the rest. */
guint    bf_http_status_for_error (const GError *error);

/* {"error": message} */
GBytes  *bf_json_error_body (const char *message);

/* @node as compact JSON text. */
GBytes  *bf_json_bytes (JsonNode *node);

/* gzip of @bytes. */
GBytes  *bf_gzip (GBytes *bytes);

/* The gzip stream in @bytes inflated; more than @limit bytes inflated is BF_HTTP_ERROR 413,
 * a damaged stream 400. */
GBytes  *bf_gunzip (GBytes *bytes, gsize limit, GError **error);

G_END_DECLS
