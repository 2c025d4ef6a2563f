/* bf-sync-controller.c: the sync client on the store's thread, its state on the main one.
 *
 * Everything that touches the client runs on the store's thread: it was created there, its
 * HTTP callbacks arrive there, and it calls the store from them. Its notifications are turned
 * into plain snapshots and sent to the main context with g_main_context_invoke; the controller
 * is reached through a weak reference, so a snapshot that arrives after the window closed is
 * dropped.
 */
#include "bf-config.h"
#include "bf-sync-controller.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-format.h"
#include "bf-sync-auto.h"
#include "bf-sync-refused.h"

/* Shared by the controller (main thread) and the jobs and handlers (store thread). */
typedef struct {
  GWeakRef      controller;
  GMainContext *main_context;
  BfSyncClient *client;      /* store thread only */
  BfSyncAuto   *auto_sync;   /* store thread only */
} Bridge;

typedef struct {
  BfSyncState state;
  gboolean    busy;
  GDateTime  *last_sync;
  char       *last_error;
  gint64      unsent;
  gint64      refused;
  char       *server_url;
  char       *account;
  char       *role;
} Snapshot;

struct _BfSyncController {
  GObject        parent_instance;
  BfAppDatabase *database;
  Bridge        *bridge;
  gulong         changed_handler;
  gboolean       ready;
  Snapshot       now;
};

G_DEFINE_FINAL_TYPE (BfSyncController, bf_sync_controller, G_TYPE_OBJECT)

enum { PROP_0, PROP_READY, PROP_STATE, PROP_BUSY, PROP_LAST_SYNC, PROP_LAST_ERROR, PROP_UNSENT,
       PROP_REFUSED, PROP_SERVER_URL, PROP_ACCOUNT, PROP_ROLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_PROGRESS, SIGNAL_SYNC_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
bridge_free (gpointer pointer)
{
  Bridge *bridge = pointer;

  /* The client and the automatic sync were dropped on the store's thread (drop_client). */
  g_weak_ref_clear (&bridge->controller);
  g_main_context_unref (bridge->main_context);
}

static Bridge *
bridge_ref (Bridge *bridge)
{
  return g_atomic_rc_box_acquire (bridge);
}

static void
bridge_unref (gpointer bridge)
{
  g_atomic_rc_box_release_full (bridge, bridge_free);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->last_sync, g_date_time_unref);
  g_clear_pointer (&snapshot->last_error, g_free);
  g_clear_pointer (&snapshot->server_url, g_free);
  g_clear_pointer (&snapshot->account, g_free);
  g_clear_pointer (&snapshot->role, g_free);
}

typedef struct {
  Bridge  *bridge;
  Snapshot snapshot;
} SnapshotMessage;

static void
snapshot_message_free (gpointer pointer)
{
  SnapshotMessage *message = pointer;

  snapshot_clear (&message->snapshot);
  bridge_unref (message->bridge);
  g_free (message);
}

static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Main thread: takes a snapshot in, notifying what changed. */
static gboolean
apply_snapshot (gpointer user_data)
{
  SnapshotMessage *message = user_data;
  g_autoptr(BfSyncController) self = g_weak_ref_get (&message->bridge->controller);
  Snapshot *in = &message->snapshot;
  gboolean was_busy;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  was_busy = self->now.busy;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->now.state != in->state)
    {
      self->now.state = in->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->now.busy != in->busy)
    {
      self->now.busy = in->busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  if ((self->now.last_sync == NULL) != (in->last_sync == NULL) ||
      (in->last_sync != NULL && !g_date_time_equal (self->now.last_sync, in->last_sync)))
    {
      g_clear_pointer (&self->now.last_sync, g_date_time_unref);
      self->now.last_sync = in->last_sync ? g_date_time_ref (in->last_sync) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }
  if (set_string (&self->now.last_error, in->last_error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  if (self->now.unsent != in->unsent)
    {
      self->now.unsent = in->unsent;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSENT]);
    }
  if (self->now.refused != in->refused)
    {
      self->now.refused = in->refused;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
    }
  if (set_string (&self->now.server_url, in->server_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
  if (set_string (&self->now.account, in->account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  if (set_string (&self->now.role, in->role))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  /* The client drops busy before it records the outcome, so the signal says only that a sync
   * ended; whatever it applied is committed by then. */
  if (was_busy && !in->busy)
    g_signal_emit (self, signals[SIGNAL_SYNC_FINISHED], 0);
  return G_SOURCE_REMOVE;
}

/* Store thread: reads the client and sends what it says to the main thread. */
static void
post_snapshot (Bridge *bridge)
{
  SnapshotMessage *message = g_new0 (SnapshotMessage, 1);
  Snapshot *out = &message->snapshot;
  BfSyncClient *client = bridge->client;
  GDateTime *last = bf_sync_client_get_last_sync_time (client);
  gint64 refused = bf_sync_count_rejected (bf_sync_client_get_store (client), NULL);

  message->bridge = bridge_ref (bridge);
  out->state = bf_sync_client_get_state (client);
  out->busy = bf_sync_client_get_busy (client);
  out->last_sync = last != NULL ? g_date_time_to_local (last) : NULL;
  out->last_error = g_strdup (bf_sync_client_get_last_error (client));
  out->unsent = bf_sync_client_get_unsent_count (client);
  out->refused = MAX (refused, 0);
  out->server_url = g_strdup (bf_sync_client_get_server_url (client));
  out->account = g_strdup (bf_sync_client_get_account (client));
  out->role = g_strdup (bf_sync_client_get_role (client));
  g_main_context_invoke_full (bridge->main_context, G_PRIORITY_DEFAULT, apply_snapshot, message,
                              snapshot_message_free);
}

static void
on_client_notify (GObject *client, GParamSpec *pspec, gpointer user_data)
{
  post_snapshot (user_data);
}

typedef struct {
  Bridge     *bridge;
  BfSyncPhase phase;
  gint64      done;
  gint64      total;
} ProgressMessage;

static void
progress_message_free (gpointer pointer)
{
  ProgressMessage *message = pointer;
  bridge_unref (message->bridge);
  g_free (message);
}

static gboolean
apply_progress (gpointer user_data)
{
  ProgressMessage *message = user_data;
  g_autoptr(BfSyncController) self = g_weak_ref_get (&message->bridge->controller);

  if (self != NULL)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, message->phase, message->done,
                   message->total);
  return G_SOURCE_REMOVE;
}

static void
on_client_progress (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total,
                    gpointer user_data)
{
  Bridge *bridge = user_data;
  ProgressMessage *message = g_new0 (ProgressMessage, 1);

  message->bridge = bridge_ref (bridge);
  message->phase = phase;
  message->done = done;
  message->total = total;
  g_main_context_invoke_full (bridge->main_context, G_PRIORITY_DEFAULT, apply_progress, message,
                              progress_message_free);
}

/* ---- jobs (store thread) ---- */

static gpointer
create_client (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Bridge *bridge = data;

  bridge->client = bf_sync_client_new (store);
  bridge->auto_sync = bf_sync_auto_new (bridge->client);
  g_signal_connect (bridge->client, "notify", G_CALLBACK (on_client_notify), bridge);
  g_signal_connect (bridge->client, "progress", G_CALLBACK (on_client_progress), bridge);
  /* A signed-in device syncs by itself; a local-only one waits to be asked. */
  if (bf_sync_client_get_token (bridge->client) != NULL)
    bf_sync_auto_set_enabled (bridge->auto_sync, TRUE);
  post_snapshot (bridge);
  return GINT_TO_POINTER (TRUE);
}

static gpointer
drop_client (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Bridge *bridge = data;

  if (bridge->client != NULL)
    g_signal_handlers_disconnect_by_data (bridge->client, bridge);
  g_clear_object (&bridge->auto_sync);
  g_clear_object (&bridge->client);
  return GINT_TO_POINTER (TRUE);
}

static gpointer
refresh_counts (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Bridge *bridge = data;

  if (bridge->client == NULL)
    return GINT_TO_POINTER (TRUE);
  /* Posts a snapshot through notify::unsent-count when the count moved; the refused count
   * can move without it (a resend), so post one anyway. */
  bf_sync_client_refresh_unsent (bridge->client);
  post_snapshot (bridge);
  return GINT_TO_POINTER (TRUE);
}

static gpointer
sync_now (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Bridge *bridge = data;

  if (bridge->auto_sync != NULL)
    bf_sync_auto_sync_now (bridge->auto_sync);
  return GINT_TO_POINTER (TRUE);
}

static void
run_bridge_job (BfSyncController *self, BfDatabaseJob job)
{
  bf_app_database_run (self->database, job, bridge_ref (self->bridge), bridge_unref, NULL, NULL,
                       NULL);
}

static void
on_households_changed (BfAppDatabase *database, const char *const *ids, gpointer user_data)
{
  run_bridge_job (user_data, refresh_counts);
}

BfSyncController *
bf_sync_controller_new (BfAppDatabase *database)
{
  BfSyncController *self;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_SYNC_CONTROLLER, NULL);
  self->database = g_object_ref (database);
  self->bridge = g_atomic_rc_box_new0 (Bridge);
  g_weak_ref_init (&self->bridge->controller, self);
  self->bridge->main_context = g_main_context_ref_thread_default ();
  self->changed_handler = g_signal_connect (database, "households-changed",
                                            G_CALLBACK (on_households_changed), self);
  run_bridge_job (self, create_client);
  return self;
}

/* ---- sign-in and sync: a GTask made here, returned from the store's thread ---- */

typedef struct {
  Bridge *bridge;
  GTask  *task;
  char   *url;
  char   *user;
  char   *password;
  gint64  seq;
} Request;

static void
request_free (gpointer pointer)
{
  Request *request = pointer;

  bridge_unref (request->bridge);
  g_clear_object (&request->task);
  g_free (request->url);
  g_free (request->user);
  if (request->password != NULL)
    memset (request->password, 0, strlen (request->password));
  g_free (request->password);
  g_free (request);
}

static Request *
request_new (BfSyncController *self, GTask *task)
{
  Request *request = g_new0 (Request, 1);

  request->bridge = bridge_ref (self->bridge);
  request->task = task;
  return request;
}

static void
login_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (bf_sync_client_login_finish (BF_SYNC_CLIENT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gpointer
login_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *request = data;

  bf_sync_client_login_async (request->bridge->client, request->url, request->user,
                              request->password, g_get_host_name (),
                              g_task_get_cancellable (request->task), login_done,
                              g_object_ref (request->task));
  return GINT_TO_POINTER (TRUE);
}

void
bf_sync_controller_login_async (BfSyncController *self, const char *url, const char *user,
                                const char *password, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  Request *request;

  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));

  request = request_new (self, g_task_new (self, cancellable, callback, user_data));
  g_task_set_source_tag (request->task, bf_sync_controller_login_async);
  request->url = g_strdup (url);
  request->user = g_strdup (user);
  request->password = g_strdup (password);
  bf_app_database_run (self->database, login_job, request, request_free, NULL, NULL, NULL);
}

gboolean
bf_sync_controller_login_finish (BfSyncController *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  GTask  *task;
  Bridge *bridge;
} SyncCall;

static void
sync_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SyncCall *call = user_data;
  GError *error = NULL;
  BfSyncSummary *summary = bf_sync_client_sync_finish (BF_SYNC_CLIENT (source), result, &error);

  /* After the first sync the device keeps itself in sync. */
  if (summary != NULL && call->bridge->auto_sync != NULL)
    bf_sync_auto_set_enabled (call->bridge->auto_sync, TRUE);
  if (summary != NULL)
    g_task_return_pointer (call->task, summary, g_free);
  else
    g_task_return_error (call->task, error);
  g_object_unref (call->task);
  bridge_unref (call->bridge);
  g_free (call);
}

static gpointer
sync_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *request = data;
  SyncCall *call = g_new0 (SyncCall, 1);

  call->task = g_object_ref (request->task);
  call->bridge = bridge_ref (request->bridge);
  bf_sync_client_sync_async (request->bridge->client, g_task_get_cancellable (request->task),
                             sync_done, call);
  return GINT_TO_POINTER (TRUE);
}

void
bf_sync_controller_sync_async (BfSyncController *self, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  Request *request;

  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));

  request = request_new (self, g_task_new (self, cancellable, callback, user_data));
  g_task_set_source_tag (request->task, bf_sync_controller_sync_async);
  bf_app_database_run (self->database, sync_job, request, request_free, NULL, NULL, NULL);
}

BfSyncSummary *
bf_sync_controller_sync_finish (BfSyncController *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bf_sync_controller_sync_now (BfSyncController *self)
{
  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));
  run_bridge_job (self, sync_now);
}

/* ---- refused changes: plain store jobs ---- */

static gpointer
list_refused_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return bf_sync_list_refused (store, error);
}

/* Store jobs report to the database; these hand the result on to a task of the controller's. */
static void
forward_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *list = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

static void
forward_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
bf_sync_controller_list_refused_async (BfSyncController *self, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));
  bf_app_database_run (self->database, list_refused_job, NULL, NULL, NULL, forward_list,
                       g_task_new (self, NULL, callback, user_data));
}

GPtrArray *
bf_sync_controller_list_refused_finish (BfSyncController *self, GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
resend_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *request = data;

  if (!bf_sync_resend (store, request->seq, error))
    return NULL;
  if (request->bridge->client != NULL)
    {
      bf_sync_client_refresh_unsent (request->bridge->client);
      post_snapshot (request->bridge);
    }
  return GINT_TO_POINTER (TRUE);
}

void
bf_sync_controller_resend_async (BfSyncController *self, gint64 seq,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  Request *request;

  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));

  request = request_new (self, NULL);
  request->seq = seq;
  bf_app_database_run (self->database, resend_job, request, request_free, NULL, forward_done,
                       g_task_new (self, NULL, callback, user_data));
}

gboolean
bf_sync_controller_resend_finish (BfSyncController *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- getters ---- */

BfAppDatabase *bf_sync_controller_get_database (BfSyncController *self) { return self->database; }
gboolean bf_sync_controller_get_ready (BfSyncController *self) { return self->ready; }
BfSyncState bf_sync_controller_get_state (BfSyncController *self) { return self->now.state; }
gboolean bf_sync_controller_get_busy (BfSyncController *self) { return self->now.busy; }
GDateTime *bf_sync_controller_get_last_sync (BfSyncController *self) { return self->now.last_sync; }
const char *bf_sync_controller_get_last_error (BfSyncController *self) { return self->now.last_error; }
gint64 bf_sync_controller_get_unsent (BfSyncController *self) { return self->now.unsent; }
gint64 bf_sync_controller_get_refused (BfSyncController *self) { return self->now.refused; }
const char *bf_sync_controller_get_server_url (BfSyncController *self) { return self->now.server_url; }
const char *bf_sync_controller_get_account (BfSyncController *self) { return self->now.account; }
const char *bf_sync_controller_get_role (BfSyncController *self) { return self->now.role; }

gboolean
bf_sync_controller_is_district (BfSyncController *self)
{
  return g_strcmp0 (self->now.role, "district") == 0 || g_strcmp0 (self->now.role, "admin") == 0;
}

char *
bf_sync_controller_describe (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), NULL);

  if (self->now.busy)
    return g_strdup (_("Syncing…"));
  if (self->now.state == BF_SYNC_STATE_ERROR)
    return g_strdup (_("Sync failed"));
  if (self->now.last_sync != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = NULL;

      if (g_date_time_get_year (now) == g_date_time_get_year (self->now.last_sync) &&
          g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (self->now.last_sync))
        when = g_date_time_format (self->now.last_sync, "%H:%M");
      else
        {
          g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (self->now.last_sync),
                                                  g_date_time_get_month (self->now.last_sync),
                                                  g_date_time_get_year (self->now.last_sync));
          when = bf_format_date_zh (date);
        }
      /* TRANSLATORS: %s is a time (14:05) or a date */
      return g_strdup_printf (_("Synced %s"), when);
    }
  if (self->now.server_url == NULL)
    return g_strdup (_("This device only"));
  return g_strdup (_("Offline"));
}

static void
bf_sync_controller_dispose (GObject *object)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);

  if (self->bridge != NULL)
    {
      /* The client was made on the store's thread and is dropped there, after any job that
       * still uses it (jobs run in order). */
      g_weak_ref_set (&self->bridge->controller, NULL);
      run_bridge_job (self, drop_client);
      g_clear_pointer (&self->bridge, bridge_unref);
    }
  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_sync_controller_parent_class)->dispose (object);
}

static void
bf_sync_controller_finalize (GObject *object)
{
  snapshot_clear (&BF_SYNC_CONTROLLER (object)->now);
  G_OBJECT_CLASS (bf_sync_controller_parent_class)->finalize (object);
}

static void
bf_sync_controller_get_property (GObject *object, guint prop_id, GValue *value,
                                 GParamSpec *pspec)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_READY: g_value_set_boolean (value, self->ready); break;
    case PROP_STATE: g_value_set_enum (value, self->now.state); break;
    case PROP_BUSY: g_value_set_boolean (value, self->now.busy); break;
    case PROP_LAST_SYNC: g_value_set_boxed (value, self->now.last_sync); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->now.last_error); break;
    case PROP_UNSENT: g_value_set_int64 (value, self->now.unsent); break;
    case PROP_REFUSED: g_value_set_int64 (value, self->now.refused); break;
    case PROP_SERVER_URL: g_value_set_string (value, self->now.server_url); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->now.account); break;
    case PROP_ROLE: g_value_set_string (value, self->now.role); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_controller_class_init (BfSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bf_sync_controller_dispose;
  object_class->finalize = bf_sync_controller_finalize;
  object_class->get_property = bf_sync_controller_get_property;

  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BF_TYPE_SYNC_STATE,
                                              BF_SYNC_STATE_OFFLINE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_SYNC] = g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_UNSENT] = g_param_spec_int64 ("unsent", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_REFUSED] = g_param_spec_int64 ("refused", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, ro);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (phase, done, total): total is -1 while unknown. */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, BF_TYPE_SYNC_PHASE, G_TYPE_INT64, G_TYPE_INT64);
  /* A sync ended, well or not: what it pulled (a failed sync may have applied some batches)
   * may change any household. */
  signals[SIGNAL_SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
bf_sync_controller_init (BfSyncController *self)
{
}
