/* sync-client-fixture.h: the in-process server and helpers shared by the sync client's tests
 * (test-sync-client, test-sync-auto, test-sync-purge, test-sync-pipeline). See
 * sync-client-fixture.c. */
#pragma once

#include <libsoup/soup.h>

#include "bf-store-private.h"
#include "bf-sync-client-private.h"

typedef struct {
  char        *dir;
  BfStore     *hub;
  BfStore     *device;
  BfSyncClient *client;
  SoupServer  *server;
  char        *url;
  GHashTable  *tokens;        /* token → account */
  BfScope     *cadre_scope;   /* what "li" may see; tests shrink it */
  char        *village_a, *village_b, *cadre_id, *unit_id;
  char        *household_a, *household_b;
  const char  *cut_off;       /* the next answer to this path stops mid-body */
  guint        fail_status;   /* answer everything with this status when not 0 */
  guint        requests;
  gboolean     push_was_gzip;
  gboolean     pull_was_gzip;
} Fixture;

/* The server: the SoupServer handler for "/v1", and a listener on 127.0.0.1 returning its URL. */
void  serve              (SoupServer *server, SoupServerMessage *msg, const char *path,
                          GHashTable *query, gpointer user_data);
char *listen_on_loopback (SoupServer *server, SoupServerListenOptions options);

/* The district: inserts @record (and frees it), returning its new id. */
char *insert (BfStore *store, BfEntityKind kind, gpointer record);

/* A hub holding the district, an empty device store, the server and a client; for g_test_add. */
void fixture_set_up    (Fixture *f, gconstpointer data);
void fixture_tear_down (Fixture *f, gconstpointer data);

/* Running the client on the default main context. */
void           got_result (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult  *wait_for   (GAsyncResult **slot);
gboolean       login      (Fixture *f, const char *user, const char *password, GError **error);
BfSyncSummary *sync_once  (Fixture *f, GError **error);
gint64         count      (BfStore *store, const char *sql);
void           add_visits (BfStore *store, const char *household_id, const char *cadre_id, guint n);

/* g_test_init, with every proxy out of the way between the client and 127.0.0.1. */
void fixture_test_init (int *argc, char ***argv);

#define FIXTURE_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
