/* bf-sync-client-sync.c: one sync — push the outbox, then pull until the hub has no more.
 *
 * Each step is one request and one store call that commits on its own. Whatever is cut off
 * (a request, an answer half read, the program) leaves the store consistent: a push answered
 * but not heard is answered again as duplicates, and a pull not applied is pulled again from
 * the same cursor.
 */
#include "bf-config.h"
#include "bf-sync-client-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-sync-purge.h"

/* A push batch stays small enough to resend cheaply on a poor line; a pull batch is one the
 * hub answers quickly even for a new district device. */
#define PUSH_LIMIT 1000
#define PULL_LIMIT 5000

typedef struct {
  BfSyncSummary summary;
  BfSyncState   previous_state;
  gint64        push_total;      /* unsent when the sync began */
  gint64        pending_before;  /* unsent before the push in flight */
  gint64        cursor;          /* where the pull in flight starts */
} SyncRun;

/* Both take the task over. */
static void push_next (GTask *owned);
static void pull_next (GTask *owned);

static void
fail (GTask *task, GError *error)
{
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);

  bf_sync_client_set_busy (self, FALSE);
  bf_sync_client_refresh_unsent (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    bf_sync_client_set_state (self, run->previous_state);
  else
    {
      bf_sync_client_set_last_error (self, error->message);
      bf_sync_client_set_state (self, g_error_matches (error, BF_SYNC_CLIENT_ERROR,
                                                       BF_SYNC_CLIENT_ERROR_NETWORK)
                                      ? BF_SYNC_STATE_OFFLINE : BF_SYNC_STATE_ERROR);
    }
  g_task_return_error (task, error);
}

static void
complete (GTask *task)
{
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  /* Only for the user's information: a failure to note it does not undo the sync. */
  bf_store_set_meta (self->store, "last_sync", stamp, NULL);
  bf_sync_client_set_busy (self, FALSE);
  bf_sync_client_refresh_unsent (self);
  bf_sync_client_set_last_sync_time (self, now);
  bf_sync_client_set_last_error (self, NULL);
  bf_sync_client_set_state (self, BF_SYNC_STATE_SYNCED);
  g_task_return_pointer (task, g_memdup2 (&run->summary, sizeof run->summary), g_free);
}

static GError *
malformed (const char *what, GError *error)
{
  GError *mapped = g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
                                _("The server's answer to the %s is malformed: %s"), what,
                                error->message);
  g_error_free (error);
  return mapped;
}

static GBytes *
json_body (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* ---- push ---- */

static void
push_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(BfPushResponse) response = NULL;
  const char *device = bf_store_device_id (self->store);
  GError *error = NULL;
  gint64 pending_after;
  gsize size = 0;
  gconstpointer data;

  body = bf_sync_http_post_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      fail (task, error);
      return;
    }
  data = g_bytes_get_data (body, &size);
  response = bf_push_response_decode (data, size, &error);
  if (response == NULL)
    {
      fail (task, malformed (_("push"), error));
      return;
    }
  if (!bf_sync_take_push_response (self->store, response, &error) ||
      (pending_after = bf_sync_count_pending (self->store, &error)) < 0)
    {
      fail (task, error);
      return;
    }
  for (guint i = 0; i < response->results->len; i++)
    {
      const BfPushResult *pushed = g_ptr_array_index (response->results, i);
      if (g_strcmp0 (pushed->device_id, device) != 0)
        continue;
      if (pushed->status == BF_PUSH_REJECTED)
        run->summary.rejected++;
      else
        run->summary.pushed++;
    }
  g_signal_emit_by_name (self, "progress", BF_SYNC_PHASE_PUSH,
                         MAX (run->push_total - pending_after, 0),
                         MAX (run->push_total, pending_after));
  bf_sync_client_refresh_unsent (self);

  /* Changes after a gap settle nothing until the missing ones arrive: pushing the same batch
   * again would not help, so the sync goes on to the pull. */
  if (pending_after > 0 && pending_after < run->pending_before)
    push_next (g_steal_pointer (&task));
  else
    pull_next (g_steal_pointer (&task));
}

static void
push_next (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(GBytes) body = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  outbox = bf_sync_outbox (self->store, PUSH_LIMIT, &error);
  if (outbox == NULL || (run->pending_before = bf_sync_count_pending (self->store, &error)) < 0)
    {
      fail (task, error);
      return;
    }
  if (outbox->changes->len == 0)
    {
      pull_next (g_steal_pointer (&task));
      return;
    }
  body = bf_batch_encode (outbox);
  cancellable = g_task_get_cancellable (task);
  bf_sync_http_post_async (self->session, self->server_url, "/v1/push", self->token, self->pin,
                           body, TRUE, cancellable, push_cb, g_steal_pointer (&task));
}

/* ---- pull ---- */

/* The scope the server sent with the batch (an extra member the batch decoder ignores);
 * NULL with no error when there is none. */
static BfScope *
read_scope (GBytes *body, gboolean *out_present, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root, *scope;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  *out_present = FALSE;
  /* The batch decoder has already vouched for the bytes. */
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;
  root = json_parser_get_root (parser);
  scope = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "scope")
                                        : NULL;
  if (scope == NULL)
    return NULL;
  *out_present = TRUE;
  return bf_sync_scope_from_json (scope, error);
}

/* Records the scope the hub now applies: what left it is purged; if it grew, the pull starts
 * over from the beginning (*out_restart), since the hub filtered the new part out so far. */
static gboolean
take_scope (BfSyncClient *self, SyncRun *run, const BfScope *scope, gboolean *out_restart,
            GError **error)
{
  g_autofree char *json = bf_sync_scope_to_json (scope);
  g_autoptr(BfScope) old = bf_sync_client_dup_scope (self);
  guint removed = 0;

  *out_restart = bf_sync_scope_widens (old, scope);
  if (!bf_store_set_meta (self->store, "scope", json, error) ||
      !bf_sync_purge_outside (self->store, scope, &removed, error) ||
      (*out_restart && !bf_store_set_meta (self->store, "cursor", "0", error)))
    return FALSE;
  run->summary.purged += removed;
  return TRUE;
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(BfBatch) batch = NULL;
  g_autoptr(BfScope) scope = NULL;
  gboolean scope_present = FALSE, restart = FALSE;
  GError *error = NULL;
  gsize size = 0;
  gconstpointer data;

  body = bf_sync_http_post_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      fail (task, error);
      return;
    }
  data = g_bytes_get_data (body, &size);
  batch = bf_batch_decode (data, size, &error);
  if (batch != NULL)
    scope = read_scope (body, &scope_present, &error);
  if (batch == NULL || (scope_present && scope == NULL))
    {
      fail (task, malformed (_("pull"), error));
      return;
    }
  if (!bf_sync_apply_pull (self->store, batch, &error) ||
      (scope != NULL && !take_scope (self, run, scope, &restart, &error)))
    {
      fail (task, error);
      return;
    }
  for (guint i = 0; i < batch->changes->len; i++)
    {
      const BfChange *change = g_ptr_array_index (batch->changes, i);

      if (change->server_seq <= run->cursor)
        continue;   /* already here: the engine skipped it */
      run->summary.pulled++;
      if (change->entity == BF_ENTITY_CONFLICT && bf_change_is_creation (change))
        run->summary.conflicts++;
    }
  g_signal_emit_by_name (self, "progress", BF_SYNC_PHASE_PULL, (gint64) run->summary.pulled,
                         batch->more || restart ? (gint64) -1 : (gint64) run->summary.pulled);
  if (restart)
    {
      pull_next (g_steal_pointer (&task));
      return;
    }
  if (!batch->more)
    {
      complete (task);
      return;
    }
  /* A server that says "more" without moving on would keep the client pulling forever. */
  if (batch->cursor <= run->cursor)
    {
      fail (task, g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
                               _("The server announced more changes but sent none")));
      return;
    }
  pull_next (g_steal_pointer (&task));
}

static void
pull_next (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  gint64 unsent;

  run->cursor = bf_sync_cursor (self->store, &error);
  unsent = bf_sync_count_pending (self->store, &error);
  if (error != NULL)
    {
      fail (task, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, run->cursor);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, PULL_LIMIT);
  json_builder_set_member_name (builder, "unsent");
  json_builder_add_int_value (builder, MAX (unsent, 0));
  json_builder_end_object (builder);
  body = json_body (builder);
  cancellable = g_task_get_cancellable (task);
  bf_sync_http_post_async (self->session, self->server_url, "/v1/pull", self->token, self->pin,
                           body, FALSE, cancellable, pull_cb, g_steal_pointer (&task));
}

/* ---- the sync ---- */

void
bf_sync_client_sync_async (BfSyncClient        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SyncRun *run;

  g_return_if_fail (BF_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_sync_client_sync_async);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sync is already running"));
      return;
    }
  if (self->server_url == NULL || self->token == NULL)
    {
      g_task_return_new_error (task, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_AUTH,
                               _("This device is not signed in to a server yet"));
      return;
    }
  if (!bf_sync_client_check_url (self->server_url, self->allow_insecure_http, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->pin_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->pin_error));
      return;
    }
  run = g_new0 (SyncRun, 1);
  run->previous_state = self->state;
  run->push_total = MAX (bf_sync_count_pending (self->store, NULL), 0);
  g_task_set_task_data (task, run, g_free);
  bf_sync_client_set_busy (self, TRUE);
  bf_sync_client_set_state (self, BF_SYNC_STATE_SYNCING);
  push_next (g_steal_pointer (&task));
}

BfSyncSummary *
bf_sync_client_sync_finish (BfSyncClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
