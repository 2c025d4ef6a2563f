/* bf-sync-client-sync.c: one sync — push the outbox, then pull until the hub has no more.
 *
 * Each step is one request and one store call that commits on its own. Whatever is cut off
 * (a request, an answer half read, the program) leaves the store consistent: a push answered
 * but not heard is answered again as duplicates, and a pull not applied is pulled again from
 * the same cursor.
 *
 * The pull is pipelined: once page N is in, the request for page N+1 goes out, and page N is
 * applied while the hub prepares the next one (they run on different cores). A request
 * changes nothing in the store, so one dropped in flight — because applying failed, or the
 * scope widened and the pull starts over — costs nothing: the next pull asks again from the
 * stored cursor. Only one request is ever in flight, its callback holds a reference to the
 * task (so the run outlives it), and the sync returns only once nothing of it is in flight.
 */
#include "bf-config.h"
#include "bf-sync-client-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-sync-purge.h"

/* A push page is a trade: every push has a fixed cost on both sides (a request, the hub's
 * transaction, the outbox query, the unsent counts), so 10,000 visits took 1.25 s through
 * this client in pages of 1,000, 0.82 s in pages of 2,500 and 0.79 s in pages of 5,000
 * (bench-server over loopback, medians of four interleaved runs). 2,500 keeps nearly all of
 * that while a page stays cheap to resend on a poor line (≈ 68 KB gzipped, 2 s at 256 kbit/s)
 * and holds the hub's store thread, which every other device waits for, about half as long
 * as 5,000 does (≈ 0.17 s). A pull page is one the hub answers quickly even for a new district
 * device. */
#define PUSH_LIMIT 2500
#define PULL_LIMIT 5000

typedef struct {
  BfSyncSummary summary;
  BfSyncState   previous_state;
  gint64        push_total;      /* unsent when the sync began */
  gint64        pending_before;  /* unsent before the push in flight */
  gint64        cursor;          /* where the pulled page being taken or applied starts */

  /* The pull request: in flight while pull_cancellable is set. */
  GCancellable *pull_cancellable; /* its own, chained to the task's */
  gulong        pull_chain;       /* the chaining handler on the task's cancellable */
  gint64        pull_cursor;      /* where it starts */
  GBytes       *pull_body;        /* its answer, when it came before it was wanted… */
  GError       *pull_error;       /* …or why there is none */
  gboolean      abandoning;       /* it was cancelled: its answer is not wanted */
  GError       *after_abandon;    /* then the sync fails with this; NULL: the pull starts over */

  /* The page received, applied once the next request is out. */
  BfBatch      *page;
  BfScope      *page_scope;       /* the scope that came with it, if any */
  gboolean      apply_scheduled;
} SyncRun;

static void
sync_run_free (gpointer data)
{
  SyncRun *run = data;

  /* Nothing is in flight any more: a request's callback holds the task. */
  g_warn_if_fail (run->pull_cancellable == NULL);
  g_clear_pointer (&run->pull_body, g_bytes_unref);
  g_clear_error (&run->pull_error);
  g_clear_error (&run->after_abandon);
  g_clear_pointer (&run->page, bf_batch_free);
  g_clear_pointer (&run->page_scope, bf_scope_free);
  g_free (run);
}

/* For tests, which need several pages from a small district; 0 keeps the default. */
void
bf_sync_client_set_page_sizes (BfSyncClient *self, guint push_limit, guint pull_limit)
{
  g_return_if_fail (BF_IS_SYNC_CLIENT (self));
  self->push_limit = push_limit;
  self->pull_limit = pull_limit;
}

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

  outbox = bf_sync_outbox (self->store, self->push_limit > 0 ? self->push_limit : PUSH_LIMIT,
                           &error);
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
                           body, TRUE, NULL, NULL, cancellable, push_cb, g_steal_pointer (&task));
}

/* ---- pull ---- */

static void pull_cb    (GObject *source, GAsyncResult *result, gpointer user_data);
static void apply_page (GTask *owned);

/* Records the scope the hub now applies: what left it is purged; if it grew, the pull starts
 * over from the beginning (*out_restart), since the hub filtered the new part out so far.
 * While the scope stays the same the purge waits for the sync's last page: it reads whole
 * tables, and after every page of a long pull it cost a tenth of applying the page. */
static gboolean
take_scope (BfSyncClient *self, SyncRun *run, const BfScope *scope, gboolean last_page,
            gboolean *out_restart, GError **error)
{
  g_autofree char *json = bf_sync_scope_to_json (scope);
  g_autoptr(BfScope) old = bf_sync_client_dup_scope (self);
  g_autofree char *old_json = old != NULL ? bf_sync_scope_to_json (old) : NULL;
  gboolean changed = g_strcmp0 (old_json, json) != 0;
  guint removed = 0;

  *out_restart = bf_sync_scope_widens (old, scope);
  if ((changed && !bf_store_set_meta (self->store, "scope", json, error)) ||
      ((changed || last_page) && !bf_sync_purge_outside (self->store, scope, &removed, error)) ||
      (*out_restart && !bf_store_set_meta (self->store, "cursor", "0", error)))
    return FALSE;
  run->summary.purged += removed;
  return TRUE;
}

static void
cancel_request (GCancellable *parent,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
apply_in_idle (gpointer user_data)
{
  apply_page (g_object_ref (G_TASK (user_data)));
  return G_SOURCE_REMOVE;
}

/* The page received is applied once the next request is out (or over): applying blocks this
 * thread, on which libsoup writes the request. From an idle rather than from within libsoup's
 * signal, since applying may end the sync, whose caller may then drop the client. */
static void
schedule_apply (GTask *task)
{
  SyncRun *run = g_task_get_task_data (task);
  GSource *source;

  if (run->page == NULL || run->apply_scheduled)
    return;
  run->apply_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, apply_in_idle, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[bangfu] apply a pulled page");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

/* The request is out (the task is borrowed: the request's callback holds it). */
static void
pull_sent (gpointer user_data)
{
  schedule_apply (G_TASK (user_data));
}

/* Asks for the page after @cursor, on a cancellable of its own so that the request can be
 * dropped alone; the task's cancellation reaches it through the chain. */
static gboolean
send_pull (GTask *task, gint64 cursor, GError **error)
{
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GBytes) body = NULL;
  char *text;
  guint limit = self->pull_limit > 0 ? self->pull_limit : PULL_LIMIT;
  gint64 unsent;

  g_assert (run->pull_cancellable == NULL);
  unsent = bf_sync_count_pending (self->store, error);
  if (unsent < 0)
    return FALSE;
  text = g_strdup_printf ("{\"cursor\":%" G_GINT64_FORMAT ",\"limit\":%u,"
                          "\"unsent\":%" G_GINT64_FORMAT "}", cursor, limit, unsent);
  body = g_bytes_new_take (text, strlen (text));
  run->pull_cursor = cursor;
  run->pull_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    run->pull_chain = g_cancellable_connect (cancellable, G_CALLBACK (cancel_request),
                                             g_object_ref (run->pull_cancellable), g_object_unref);
  bf_sync_http_post_async (self->session, self->server_url, "/v1/pull", self->token, self->pin,
                           body, FALSE, pull_sent, task, run->pull_cancellable, pull_cb,
                           g_object_ref (task));
  return TRUE;
}

/* What the pull dropped was waiting for: the sync's failure, or the pull from the start. */
static void
after_abandon (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  SyncRun *run = g_task_get_task_data (task);

  if (run->after_abandon != NULL)
    fail (task, g_steal_pointer (&run->after_abandon));
  else
    pull_next (g_steal_pointer (&task));
}

/* Drops the request for the next page, then fails with @error, or starts the pull over from
 * the stored cursor when NULL. A request in flight is waited for once cancelled. */
static void
abandon_pull (GTask *owned, GError *error)
{
  g_autoptr(GTask) task = owned;
  SyncRun *run = g_task_get_task_data (task);

  run->after_abandon = error;
  if (run->pull_cancellable != NULL)
    {
      run->abandoning = TRUE;
      g_cancellable_cancel (run->pull_cancellable);
      return;
    }
  g_clear_pointer (&run->pull_body, g_bytes_unref);
  g_clear_error (&run->pull_error);
  after_abandon (g_steal_pointer (&task));
}

/* Takes the answer of the request (run->pull_body or run->pull_error) once the page before it
 * is applied: decodes it, asks for the next page, and applies this one. */
static void
take_answer (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_steal_pointer (&run->pull_body);
  g_autoptr(BfJsonTree) tree = NULL;
  g_autoptr(BfBatch) batch = NULL;
  g_autoptr(BfScope) scope = NULL;
  const BfJsonNode *scope_node = NULL;
  GError *error = g_steal_pointer (&run->pull_error);
  gsize size = 0;
  gconstpointer data;

  run->cursor = run->pull_cursor;
  if (body == NULL)
    {
      fail (task, error);
      return;
    }
  /* A cancellation (from a progress handler, say) while the answer waited is not overtaken
   * by applying it. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      fail (task, error);
      return;
    }
  data = g_bytes_get_data (body, &size);
  /* The scope is an extra member of the batch's object: read from the same parse. */
  batch = bf_batch_decode_tree (data, size, &tree, &error);
  if (batch != NULL)
    scope_node = bf_json_object_get (bf_json_tree_root (tree), "scope");
  if (scope_node != NULL)
    scope = bf_sync_scope_from_tree (scope_node, &error);
  g_clear_pointer (&tree, bf_json_tree_free);
  g_clear_pointer (&body, g_bytes_unref);
  if (batch == NULL || (scope_node != NULL && scope == NULL))
    {
      fail (task, malformed (_("pull"), error));
      return;
    }
  /* A page that says "more" without moving on asks for nothing: applying it fails the sync. */
  if (batch->more && batch->cursor > run->cursor && !send_pull (task, batch->cursor, &error))
    {
      fail (task, error);
      return;
    }
  run->page = g_steal_pointer (&batch);
  run->page_scope = g_steal_pointer (&scope);
  if (run->pull_cancellable == NULL)
    apply_page (g_steal_pointer (&task));
  /* Otherwise pull_sent() or pull_cb() schedules it. */
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *body;

  body = bf_sync_http_post_finish (SOUP_SESSION (source), result, &error);
  if (run->pull_chain != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), run->pull_chain);
  run->pull_chain = 0;
  g_clear_object (&run->pull_cancellable);
  if (run->abandoning)
    {
      run->abandoning = FALSE;
      g_clear_pointer (&body, g_bytes_unref);
      g_clear_error (&error);
      after_abandon (g_steal_pointer (&task));
      return;
    }
  run->pull_body = body;
  run->pull_error = error;
  if (run->page != NULL)
    schedule_apply (task);   /* the page before waited for this request to go out */
  else
    take_answer (g_steal_pointer (&task));
}

/* Applies run->page, then takes the next page's answer, or waits for it. */
static void
apply_page (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(BfBatch) batch = g_steal_pointer (&run->page);
  g_autoptr(BfScope) scope = g_steal_pointer (&run->page_scope);
  gboolean restart = FALSE;
  GError *error = NULL;

  run->apply_scheduled = FALSE;
  if (!bf_sync_apply_pull (self->store, batch, &error) ||
      (scope != NULL && !take_scope (self, run, scope, !batch->more, &restart, &error)))
    {
      abandon_pull (g_steal_pointer (&task), error);
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
      abandon_pull (g_steal_pointer (&task), NULL);
      return;
    }
  if (!batch->more)
    {
      complete (task);
      return;
    }
  /* A server that says "more" without moving on would keep the client pulling forever (and
   * take_answer() asked for nothing). */
  if (batch->cursor <= run->cursor)
    {
      fail (task, g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
                               _("The server announced more changes but sent none")));
      return;
    }
  if (run->pull_cancellable == NULL)
    take_answer (g_steal_pointer (&task));
  /* Otherwise pull_cb() takes it when it comes. */
}

static void
pull_next (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  BfSyncClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!send_pull (task, bf_sync_cursor (self->store, NULL), &error))
    fail (task, error);
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
  g_task_set_task_data (task, run, sync_run_free);
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
