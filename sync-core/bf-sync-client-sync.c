/* bf-sync-client-sync.c: one sync — push the outbox, then pull until the hub has no more.
 *
 * Each step is one request and one store call that commits on its own. Whatever is cut off
 * (a request, an answer half read, the program) leaves the store consistent: a push answered
 * but not heard is answered again as duplicates, and a pull not applied is pulled again from
 * the same cursor.
 *
 * The pull is pipelined: once page N is in, the request for page N+1 goes out, and page N is
 * applied while the hub prepares the next one. The request, reading its answer and decoding
 * it run on a worker thread (bf_sync_http_post_in_thread), so that on a laptop's two cores
 * page N+1 is read and parsed while page N is written to the store. A request changes nothing
 * in the store, so one dropped in flight — because applying failed, or the scope widened and
 * the pull starts over — costs nothing: the next pull asks again from the stored cursor. Only
 * one request is ever in flight, its callback holds a reference to the task (so the run
 * outlives it), and the sync returns only once nothing of it is in flight.
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
 * as 5,000 does (≈ 0.17 s). A pulled page is read and parsed on a worker thread while the page
 * before is applied, so smaller pages overlap more: 10,000 visits came down in 0.20 s in pages
 * of 2,500 against 0.22 s in pages of 5,000 (medians of five interleaved runs of bench-server
 * --client-pull-page; pages of 1,250 took 0.25 s), while a district device's first sync of
 * 50,928 changes took 0.94 s against 0.92 s (bangfu-cli sync, three runs each). */
#define PUSH_LIMIT 2500
#define PULL_LIMIT 2500

/* A pulled page as the worker thread decoded it. */
typedef struct {
  BfBatch *batch;
  BfScope *scope;   /* the scope that came with it, if any */
} PulledPage;

static void
pulled_page_free (gpointer data)
{
  PulledPage *pulled = data;

  if (pulled == NULL)
    return;
  bf_batch_free (pulled->batch);
  bf_scope_free (pulled->scope);
  g_free (pulled);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PulledPage, pulled_page_free)

typedef struct {
  BfSyncSummary summary;
  BfSyncState   previous_state;
  gint64        push_total;      /* unsent when the sync began */

  /* The push: up to two pages in flight, the next read and encoded meanwhile. */
  guint         push_in_flight;
  gboolean      push_written;    /* the newest page in flight has gone out whole */
  guint         push_generation; /* counts the pages sent */
  gboolean      push_broken;     /* a page did not settle whole: read again from the oldest */
  guint         push_settled;    /* changes settled since the outbox was read from its start */
  GError       *push_error;      /* the first failure, reported once nothing is in flight */
  BfGzipAhead  *push_prepared;   /* the next page, being compressed */
  guint         push_prepared_changes;
  gint64        push_prepared_last;  /* its last sequence number */
  gint64        cursor;          /* where the pulled page being taken or applied starts */

  /* The pull request: in flight while pull_cancellable is set. */
  GCancellable *pull_cancellable; /* its own, chained to the task's */
  gulong        pull_chain;       /* the chaining handler on the task's cancellable */
  gint64        pull_cursor;      /* where it starts */
  PulledPage   *pulled;           /* its answer, when it came before it was wanted… */
  GError       *pull_error;       /* …or why there is none */
  gboolean      abandoning;       /* it was cancelled: its answer is not wanted */
  GError       *after_abandon;    /* then the sync fails with this; NULL: the pull starts over */
} SyncRun;

static void
sync_run_free (gpointer data)
{
  SyncRun *run = data;

  /* Nothing is in flight any more: a request's callback holds the task. */
  g_warn_if_fail (run->pull_cancellable == NULL);
  g_clear_pointer (&run->pulled, pulled_page_free);
  g_clear_pointer (&run->push_prepared, bf_gzip_ahead_unref);
  g_clear_error (&run->push_error);
  g_clear_error (&run->pull_error);
  g_clear_error (&run->after_abandon);
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

/* On the worker thread. */
static gpointer
decode_push_answer (GBytes *answer, GError **error)
{
  GError *local_error = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (answer, &size);
  BfPushResponse *response = bf_push_response_decode (data, size, &local_error);

  if (response == NULL)
    g_propagate_error (error, malformed (_("push"), local_error));
  return response;
}

/* Reads and encodes the page of unsent changes after @after_seq into run->push_prepared, and
 * starts compressing it (bf-gzip-ahead.h); none left leaves it NULL. */
static gboolean
prepare_push (BfSyncClient *self, SyncRun *run, gint64 after_seq, GError **error)
{
  guint count = 0;
  gint64 last = 0;
  g_autoptr(GBytes) page = bf_sync_outbox_encoded (self->store, after_seq,
                                                   self->push_limit > 0 ? self->push_limit : PUSH_LIMIT,
                                                   &count, &last, error);

  g_clear_pointer (&run->push_prepared, bf_gzip_ahead_unref);
  if (page == NULL)
    return FALSE;
  if (count == 0)
    return TRUE;
  run->push_prepared = bf_gzip_ahead_new (page);
  run->push_prepared_changes = count;
  run->push_prepared_last = last;
  return TRUE;
}

/* One page in flight: its request's callback holds it, and it the task. */
typedef struct {
  GTask *task;
  guint  changes;
} PushPage;

static void
push_page_free (PushPage *page)
{
  g_object_unref (page->task);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PushPage, push_page_free)

static void push_cb (GObject *source, GAsyncResult *result, gpointer user_data);
static void send_push_page (GTask *task);

/* A second page goes out only once the one in flight has been written whole, so that the
 * server takes them in their order (bf-in-order.h); and never after a page failed to settle
 * whole, since what follows it would wait behind the gap at the hub. */
static void
maybe_send_next (GTask *task)
{
  SyncRun *run = g_task_get_task_data (task);

  if (run->push_in_flight == 1 && run->push_written && run->push_prepared != NULL &&
      run->push_error == NULL && !run->push_broken)
    send_push_page (task);
}

/* Which page went out whole: a late word about an older page must not count for the newest. */
typedef struct {
  GTask *task;
  guint  generation;
} PushWritten;

static void
push_written_free (gpointer data)
{
  PushWritten *written = data;

  g_object_unref (written->task);
  g_free (written);
}

static void
push_written (gpointer data)
{
  PushWritten *written = data;
  SyncRun *run = g_task_get_task_data (written->task);

  if (written->generation != run->push_generation)
    return;
  run->push_written = TRUE;
  maybe_send_next (written->task);
}

static const BfSyncHttpWorker push_worker_template = {
  decode_push_answer, (GDestroyNotify) bf_push_response_free, push_written, NULL,
  push_written_free
};

/* Sends run->push_prepared, then reads the page after it while it travels and the hub merges
 * it. A failure to read ahead only loses the head start:
 * the page is read again when its turn comes, and what still fails is reported then. */
static void
send_push_page (GTask *task)
{
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(BfGzipAhead) body = g_steal_pointer (&run->push_prepared);
  g_autoptr(GError) ahead_error = NULL;
  BfSyncHttpWorker worker = push_worker_template;
  PushPage *page = g_new0 (PushPage, 1);
  PushWritten *written = g_new0 (PushWritten, 1);
  gint64 last = run->push_prepared_last;

  page->task = g_object_ref (task);
  page->changes = run->push_prepared_changes;
  written->task = g_object_ref (task);
  written->generation = ++run->push_generation;
  worker.on_sent_data = written;
  run->push_in_flight++;
  run->push_written = FALSE;
  bf_sync_http_post_in_thread (self->session, self->server_url, "/v1/push", self->token,
                               self->pin, NULL, body, &worker, g_task_get_cancellable (task),
                               push_cb, page);
  if (!prepare_push (self, run, last, &ahead_error))
    g_debug ("Reading the next push page ahead failed: %s", ahead_error->message);
}

static void
push_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PushPage) page = user_data;
  GTask *task = page->task;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(BfPushResponse) response = NULL;
  const char *device = bf_store_device_id (self->store);
  GError *error = NULL;
  gint64 pending_after = 0;
  guint settled = 0;

  run->push_in_flight--;
  response = bf_sync_http_post_in_thread_finish (SOUP_SESSION (source), result, &error);
  for (guint i = 0; response != NULL && i < response->results->len; i++)
    {
      const BfPushResult *pushed = g_ptr_array_index (response->results, i);
      if (g_strcmp0 (pushed->device_id, device) != 0)
        continue;
      settled++;
      if (pushed->status == BF_PUSH_REJECTED)
        run->summary.rejected++;
      else
        run->summary.pushed++;
    }
  run->push_settled += settled;
  /* Changes after a gap wait at the hub without an answer: what was read ahead follows them. */
  if (response != NULL && settled < page->changes)
    run->push_broken = TRUE;
  /* The next page goes out before this answer is written down, so that the hub merges it
   * meanwhile; not after a failure, nor after a page that did not settle whole. */
  if (response != NULL && run->push_error == NULL && !run->push_broken)
    {
      if (run->push_in_flight > 0)
        maybe_send_next (task);
      else if (run->push_prepared != NULL)
        send_push_page (task);
    }
  if (response == NULL ||
      !bf_sync_take_push_response (self->store, response, &error) ||
      (pending_after = bf_sync_count_pending (self->store, &error)) < 0)
    {
      if (run->push_error == NULL)
        run->push_error = error;
      else
        g_error_free (error);
    }
  if (run->push_error != NULL)
    {
      /* The sync ends once nothing of it is in flight. */
      if (run->push_in_flight == 0)
        fail (task, g_steal_pointer (&run->push_error));
      return;
    }
  g_signal_emit_by_name (self, "progress", BF_SYNC_PHASE_PUSH,
                         MAX (run->push_total - pending_after, 0),
                         MAX (run->push_total, pending_after));
  bf_sync_client_refresh_unsent (self);
  if (run->push_in_flight > 0)
    {
      maybe_send_next (task);
      return;
    }
  if (run->push_broken)
    {
      /* From the oldest unsettled change, if this round settled anything; otherwise pushing
       * the same again would not help, and the sync goes on to the pull. */
      if (run->push_settled > 0 && pending_after > 0)
        push_next (g_object_ref (task));
      else
        pull_next (g_object_ref (task));
      return;
    }
  if (run->push_prepared == NULL && !prepare_push (self, run, run->push_prepared_last, &error))
    {
      fail (task, error);
      return;
    }
  if (run->push_prepared != NULL)
    send_push_page (task);
  else
    pull_next (g_object_ref (task));
}

/* Starts the push from the oldest unsent change. */
static void
push_next (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->push_broken = FALSE;
  run->push_settled = 0;
  if (!prepare_push (self, run, 0, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }
  if (run->push_prepared == NULL)
    pull_next (g_steal_pointer (&task));
  else
    send_push_page (task);
}

/* ---- pull ---- */

static void pull_cb     (GObject *source, GAsyncResult *result, gpointer user_data);
static void take_answer (GTask *owned);

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

/* On the worker thread: the answer parsed once, the scope being an extra member of the
 * batch's object. */
static gpointer
decode_page (GBytes *answer, GError **error)
{
  g_autoptr(PulledPage) pulled = g_new0 (PulledPage, 1);
  g_autoptr(BfJsonTree) tree = NULL;
  const BfJsonNode *scope_node;
  GError *local_error = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (answer, &size);

  pulled->batch = bf_batch_decode_tree (data, size, &tree, &local_error);
  if (pulled->batch != NULL &&
      (scope_node = bf_json_object_get (bf_json_tree_root (tree), "scope")) != NULL)
    pulled->scope = bf_sync_scope_from_tree (scope_node, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, malformed (_("pull"), local_error));
      return NULL;
    }
  return g_steal_pointer (&pulled);
}

static const BfSyncHttpWorker pull_worker = { decode_page, pulled_page_free };

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
  bf_sync_http_post_in_thread (self->session, self->server_url, "/v1/pull", self->token,
                               self->pin, body, NULL, &pull_worker, run->pull_cancellable,
                               pull_cb, g_object_ref (task));
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
  g_clear_pointer (&run->pulled, pulled_page_free);
  g_clear_error (&run->pull_error);
  after_abandon (g_steal_pointer (&task));
}

/* Applies @pulled, then takes the next page's answer, or leaves it to pull_cb(). */
static void
apply_page (GTask *owned, PulledPage *pulled)
{
  g_autoptr(GTask) task = owned;
  BfSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  const BfBatch *batch = pulled->batch;
  gboolean restart = FALSE;
  GError *error = NULL;

  if (!bf_sync_apply_pull (self->store, batch, &error) ||
      (pulled->scope != NULL &&
       !take_scope (self, run, pulled->scope, !batch->more, &restart, &error)))
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

/* Takes the answer of the request (run->pulled or run->pull_error): asks for the next page,
 * then applies this one while that request is under way. */
static void
take_answer (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(PulledPage) pulled = g_steal_pointer (&run->pulled);
  GError *error = g_steal_pointer (&run->pull_error);

  run->cursor = run->pull_cursor;
  if (pulled == NULL)
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
  /* A page that says "more" without moving on asks for nothing: applying it fails the sync. */
  if (pulled->batch->more && pulled->batch->cursor > run->cursor &&
      !send_pull (task, pulled->batch->cursor, &error))
    {
      fail (task, error);
      return;
    }
  apply_page (g_steal_pointer (&task), pulled);
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  PulledPage *pulled;

  pulled = bf_sync_http_post_in_thread_finish (SOUP_SESSION (source), result, &error);
  if (run->pull_chain != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), run->pull_chain);
  run->pull_chain = 0;
  g_clear_object (&run->pull_cancellable);
  if (run->abandoning)
    {
      run->abandoning = FALSE;
      pulled_page_free (pulled);
      g_clear_error (&error);
      after_abandon (g_steal_pointer (&task));
      return;
    }
  run->pulled = pulled;
  run->pull_error = error;
  take_answer (g_steal_pointer (&task));
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
