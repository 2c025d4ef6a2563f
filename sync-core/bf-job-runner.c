/* bf-job-runner.c: the store thread and the CPU pool. */
#include "bf-config.h"
#include "bf-job-runner.h"

#include "bf-audit.h"
#include "bf-store-private.h"
#include "bf-wal-syncer.h"

#define CPU_THREADS 4
/* Jobs committed together at most: bounds how long the first of them waits. */
#define MAX_GROUP   64

struct _BfJobRunner {
  GObject       parent_instance;

  GMainContext *context;      /* where outcomes are delivered */
  GThread      *store_thread;
  GAsyncQueue  *store_queue;  /* Job*; the store thread stops at a job without func */
  BfStore      *store;        /* owned by the store thread once it runs */
  BfWalSyncer  *syncer;       /* lets store jobs' outcomes out once their commit is on disk */
  GThreadPool  *cpu_pool;
  /* GLib has no 64-bit atomics; a lock held for one assignment never waits long. */
  GMutex        changes_lock;
  gint64        changes;
};

G_DEFINE_FINAL_TYPE (BfJobRunner, bf_job_runner, G_TYPE_OBJECT)

typedef struct {
  GMainContext *context;      /* the runner's */
  BfJobFunc func;
  gpointer  data;
  BfJobDone done;
  gpointer  user_data;
  GError   *error;
} Job;

static gboolean
deliver (gpointer user_data)
{
  Job *job = user_data;

  job->done (job->data, job->error, job->user_data);
  g_clear_error (&job->error);
  g_free (job);
  return G_SOURCE_REMOVE;
}

/* Runs @job; its outcome goes into job->error. */
static void
run_job (Job *job, BfStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!job->func (store, job->data, &error))
    {
      /* A job that fails must say why: the client gets the message. */
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "internal error");
      job->error = g_steal_pointer (&error);
    }
}

static void
deliver_later (gpointer data, gpointer unused)
{
  Job *job = data;

  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver, job, NULL);
}

/* Group commit: the jobs waiting together run in one transaction, each in a savepoint of its
 * own, and one COMMIT makes them all durable. With synchronous=FULL every commit is an fsync,
 * and when two hundred laptops push at once the fsyncs, not the work, made the queue. A job
 * that fails is rolled back alone; no outcome is delivered before the commit is on disk: the
 * WAL syncer's thread makes it so while this one goes on with the next group. */
static void
run_group (BfJobRunner *self, GPtrArray *group)
{
  g_autoptr(GError) error = NULL;

  if (group->len == 1 || !bf_store_begin (self->store, &error))
    {
      for (guint i = 0; i < group->len; i++)
        {
          run_job (g_ptr_array_index (group, i), self->store);
          bf_wal_syncer_after (self->syncer, deliver_later, g_ptr_array_index (group, i));
        }
      return;
    }
  for (guint i = 0; i < group->len; i++)
    {
      Job *job = g_ptr_array_index (group, i);

      if (!bf_store_savepoint (self->store, &job->error))
        continue;
      run_job (job, self->store);
      if (!bf_store_savepoint_end (self->store) && job->error == NULL)
        g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "the request's changes were rolled back");
    }
  if (!bf_store_commit (self->store, &error))
    for (guint i = 0; i < group->len; i++)
      {
        Job *job = g_ptr_array_index (group, i);
        if (job->error == NULL)
          job->error = g_error_copy (error);
      }
  for (guint i = 0; i < group->len; i++)
    bf_wal_syncer_after (self->syncer, deliver_later, g_ptr_array_index (group, i));
}

static void
refresh_changes (BfJobRunner *self)
{
  gint64 newest = 0;

  if (bf_audit_newest (self->store, &newest, NULL))
    {
      g_mutex_lock (&self->changes_lock);
      self->changes = newest;
      g_mutex_unlock (&self->changes_lock);
    }
}

static gpointer
store_thread_main (gpointer user_data)
{
  BfJobRunner *self = user_data;
  g_autoptr(GPtrArray) group = g_ptr_array_new ();
  gboolean stop = FALSE;

  while (!stop)
    {
      Job *job = g_async_queue_pop (self->store_queue);

      /* Whatever else is already waiting joins this job's group. */
      while (job != NULL && group->len < MAX_GROUP)
        {
          if (job->func == NULL)
            {
              g_free (job);
              stop = TRUE;
              break;
            }
          g_ptr_array_add (group, job);
          job = group->len < MAX_GROUP ? g_async_queue_try_pop (self->store_queue) : NULL;
        }
      if (group->len > 0)
        {
          run_group (self, group);
          g_ptr_array_set_size (group, 0);
          refresh_changes (self);
        }
    }
  return NULL;
}

static void
cpu_thread_main (gpointer data, gpointer user_data)
{
  run_job (data, NULL);
  deliver_later (data, NULL);
}

static void
bf_job_runner_dispose (GObject *object)
{
  bf_job_runner_shutdown (BF_JOB_RUNNER (object));
  G_OBJECT_CLASS (bf_job_runner_parent_class)->dispose (object);
}

static void
bf_job_runner_finalize (GObject *object)
{
  BfJobRunner *self = BF_JOB_RUNNER (object);

  g_async_queue_unref (self->store_queue);
  g_mutex_clear (&self->changes_lock);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (bf_job_runner_parent_class)->finalize (object);
}

static void
bf_job_runner_class_init (BfJobRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bf_job_runner_dispose;
  object_class->finalize = bf_job_runner_finalize;
}

static void
bf_job_runner_init (BfJobRunner *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->store_queue = g_async_queue_new ();
  g_mutex_init (&self->changes_lock);
}

BfJobRunner *
bf_job_runner_new (BfStore *store)
{
  BfJobRunner *self = g_object_new (BF_TYPE_JOB_RUNNER, NULL);
  g_autoptr(GError) error = NULL;

  self->store = store;
  /* Debian's SQLite keeps temporary tables in files: every scoped pull's union and IN list
   * made one each, and 2,000 small pulls took 1.1–1.7 s instead of 0.23–0.37 s. Only the
   * server's store: on a laptop, a big sort spilling to memory would cost the app its RAM. */
  bf_store_exec (store, "PRAGMA temp_store = MEMORY", NULL);
  /* Debian builds SQLite to zero every byte a B-tree frees, and a page split frees half a
   * page: 2 % of the merge of a push. On a laptop that keeps a purged village's records
   * from lingering in the file; the hub deletes no records at all (its log keeps every change
   * for the audit), so it has nothing to wipe. */
  bf_store_exec (store, "PRAGMA secure_delete = OFF", NULL);
  /* Without it SQLite checkpoints on the store thread itself: slower, not wrong. */
  if (!bf_store_checkpoint_in_background (store, &error))
    g_warning ("%s", error->message);
  self->syncer = bf_wal_syncer_new (store);
  refresh_changes (self);
  self->store_thread = g_thread_new ("bangfu-store", store_thread_main, self);
  /* Exclusive threads: the shared pool may be busy with GLib's own work. */
  self->cpu_pool = g_thread_pool_new (cpu_thread_main, self, CPU_THREADS, TRUE, NULL);
  return self;
}

static Job *
job_new (BfJobRunner *self, BfJobFunc func, gpointer data, BfJobDone done, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  job->context = self->context;
  job->func = func;
  job->data = data;
  job->done = done;
  job->user_data = user_data;
  return job;
}

void
bf_job_runner_queue_store (BfJobRunner *self, BfJobFunc func, gpointer data, BfJobDone done,
                           gpointer user_data)
{
  g_return_if_fail (BF_IS_JOB_RUNNER (self) && func != NULL && self->store_thread != NULL);
  g_async_queue_push (self->store_queue, job_new (self, func, data, done, user_data));
}

void
bf_job_runner_queue_cpu (BfJobRunner *self, BfJobFunc func, gpointer data, BfJobDone done,
                         gpointer user_data)
{
  g_return_if_fail (BF_IS_JOB_RUNNER (self) && func != NULL && self->cpu_pool != NULL);
  g_thread_pool_push (self->cpu_pool, job_new (self, func, data, done, user_data), NULL);
}

const BfPolicy *
bf_job_runner_get_policy (BfJobRunner *self)
{
  return bf_store_get_policy (self->store);
}

gint64
bf_job_runner_get_changes (BfJobRunner *self)
{
  gint64 changes;

  g_mutex_lock (&self->changes_lock);
  changes = self->changes;
  g_mutex_unlock (&self->changes_lock);
  return changes;
}

void
bf_job_runner_shutdown (BfJobRunner *self)
{
  if (self->store_thread != NULL)
    {
      g_async_queue_push (self->store_queue, g_new0 (Job, 1));
      g_thread_join (g_steal_pointer (&self->store_thread));
    }
  g_clear_pointer (&self->syncer, bf_wal_syncer_free);
  if (self->cpu_pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->cpu_pool), FALSE, TRUE);
  g_clear_pointer (&self->store, bf_store_free);
}
