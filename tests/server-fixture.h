/* server-fixture.h: the real bangfu-server and the helpers shared by its tests
 * (test-server-auth, test-server-sync). See server-fixture.c. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-wire.h"

#define PASSWORD "secret-123"   /* every account's */
#define DEADLINE_S 60

extern const char *server_path;
extern char *ids[8];   /* town A, town B, village A, village B, household A1, A2, B1, cadre li */
enum { TOWN_A, TOWN_B, VILLAGE_A, VILLAGE_B, HOUSE_A1, HOUSE_A2, HOUSE_B1, CADRE_LI };

typedef struct {
  char        *dir;
  char        *db;
  GSubprocess *server;
  char        *url;
  SoupSession *session;
} Fixture;

typedef struct {
  BfStore *store;
  char    *token;
} Device;

/* Processes: waiting with a deadline, bangfu-server's CLI, the server itself. */
gboolean deadline_passed  (gpointer data);
void     wait_for         (gboolean *done, guint seconds);
int      run_cli          (const char *dir, const char *input, char **out_stdout, ...) G_GNUC_NULL_TERMINATED;
void     start_server_with (Fixture *f, const char *cert, const char *key,
                            const char *const *extra_options);
void     start_server_tls (Fixture *f, const char *cert, const char *key);
void     start_server     (Fixture *f);
void     stop_server      (Fixture *f, int signal_number);

/* HTTP. */
SoupMessage *new_message    (Fixture *f, const char *method, const char *path, const char *token,
                             GBytes *body, gboolean gzip_body);
GBytes      *http           (Fixture *f, const char *method, const char *path, const char *token,
                             GBytes *body, guint *out_status);
GBytes      *text_bytes     (const char *text);
JsonObject  *json_object    (GBytes *bytes);
void         assert_refused (GBytes *reply, guint status, guint expected);
void         expect_refused (Fixture *f, const char *method, const char *path, const char *token,
                             GBytes *body, guint expected);
guint        login          (Fixture *f, const char *user, const char *password, const char *device,
                             char **out_token);

/* Devices, and the hub's store read (or changed) behind the server's back. */
Device         *device_new  (Fixture *f, const char *name, const char *user);
void            device_free (Device *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Device, device_free)
BfPushResponse *push        (Fixture *f, Device *device, const BfBatch *batch);
BfBatch        *pull_page   (Fixture *f, Device *device, guint limit);
void            sync_device (Fixture *f, Device *device);
void            add_visits  (Device *device, int n);
gint64          hub_count   (Fixture *f, const char *sql);
void            hub_exec    (Fixture *f, const char *sql);
gint64          store_count (BfStore *store, const char *table);

/* A copy of the prepared store and a server on it, for g_test_add. */
void fixture_set_up    (Fixture *f, gconstpointer data);
void fixture_tear_down (Fixture *f, gconstpointer data);

/* g_test_init, the server binary (argv[1] after the GTest options, or BANGFU_SERVER) and the
 * prepared store; FALSE, having said why, when there is no binary. */
gboolean server_fixture_init (int *argc, char ***argv);
/* g_test_run, then removes the prepared store; returns g_test_run's status. */
int      server_fixture_run  (void);

#define SERVER_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
