/* bf-app-database.c: a thread that owns the store and runs a main context of its own.
 *
 * The thread's context is its thread-default, so what a job starts there (the sync client's
 * HTTP requests, its timers) keeps running on the store's thread between jobs. Results travel
 * back in GTasks made on the caller's context.
 */
#include "bf-config.h"
#include "bf-app-database.h"

struct _BfAppDatabase {
  GObject       parent_instance;
  char         *path;
  GThread      *thread;
  GMainContext *context;      /* the store thread's */
  GMainLoop    *loop;
  BfStore      *store;        /* touched only on the store thread */
};

G_DEFINE_FINAL_TYPE (BfAppDatabase, bf_app_database, G_TYPE_OBJECT)

enum { SIGNAL_HOUSEHOLDS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  BfDatabaseJob  job;
  gpointer       data;
  GDestroyNotify data_free;
} Job;

static void
job_free (gpointer pointer)
{
  Job *job = pointer;

  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_free (job);
}

static gpointer
store_thread (gpointer user_data)
{
  BfAppDatabase *self = user_data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  /* Whatever jobs were queued before the quit have run; the store closes with the thread. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_pointer (&self->store, bf_store_free);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
run_job (gpointer user_data)
{
  GTask *task = user_data;
  BfAppDatabase *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  if (self->store == NULL)
    {
      g_task_return_new_error (task, BF_STORE_ERROR, BF_STORE_ERROR_OPEN,
                               "the store is not open");
      return G_SOURCE_REMOVE;
    }
  result = job->job (self->store, job->data, g_task_get_cancellable (task), &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, NULL);
  return G_SOURCE_REMOVE;
}

void
bf_app_database_run (BfAppDatabase *self, BfDatabaseJob job_func, gpointer data,
                     GDestroyNotify data_free, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (BF_IS_APP_DATABASE (self));
  g_return_if_fail (job_func != NULL);

  job = g_new0 (Job, 1);
  job->job = job_func;
  job->data = data;
  job->data_free = data_free;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_app_database_run);
  g_task_set_task_data (task, job, job_free);
  /* The source holds the task; the task's result source brings it back to this context. */
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, run_job, task, g_object_unref);
}

gpointer
bf_app_database_run_finish (BfAppDatabase *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
open_store (gpointer user_data)
{
  GTask *task = user_data;
  BfAppDatabase *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->store = bf_store_open (self->path, BF_STORE_OPEN_CREATE, &error);
  if (self->store != NULL && !bf_store_limit_memory (self->store, &error))
    g_clear_pointer (&self->store, bf_store_free);
  if (self->store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

void
bf_app_database_open_async (const char *path, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  BfAppDatabase *self;
  GTask *task;

  g_return_if_fail (path != NULL);

  self = g_object_new (BF_TYPE_APP_DATABASE, NULL);
  self->path = g_strdup (path);
  self->thread = g_thread_new ("bangfu-store", store_thread, self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_app_database_open_async);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, open_store, task,
                              g_object_unref);
  g_object_unref (self);   /* the task keeps it until the result is taken */
}

BfAppDatabase *
bf_app_database_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bf_app_database_notify_changed (BfAppDatabase *self, const char *const *household_ids)
{
  g_return_if_fail (BF_IS_APP_DATABASE (self));
  g_signal_emit (self, signals[SIGNAL_HOUSEHOLDS_CHANGED], 0, household_ids);
}

const char *
bf_app_database_get_path (BfAppDatabase *self)
{
  g_return_val_if_fail (BF_IS_APP_DATABASE (self), NULL);
  return self->path;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
bf_app_database_finalize (GObject *object)
{
  BfAppDatabase *self = BF_APP_DATABASE (object);

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop, self->loop);
      g_thread_join (self->thread);
    }
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->path);
  G_OBJECT_CLASS (bf_app_database_parent_class)->finalize (object);
}

static void
bf_app_database_class_init (BfAppDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_app_database_finalize;

  /**
   * BfAppDatabase::households-changed:
   * @ids: (nullable) (array zero-terminated=1): the households, or NULL for any
   */
  signals[SIGNAL_HOUSEHOLDS_CHANGED] =
    g_signal_new ("households-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
bf_app_database_init (BfAppDatabase *self)
{
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}
