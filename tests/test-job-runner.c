/* test-job-runner.c: the store thread's group commit — jobs queued together commit together,
 * and one that fails, or leaves its transaction open, is undone alone. */
#include "bf-config.h"

#include <glib/gstdio.h>

#include "bf-job-runner.h"
#include "bf-store-private.h"

#define N_JOBS 10
#define FAILING 3
#define UNBALANCED 6

typedef struct {
  int     index;
  GMutex *gate;       /* job 0 waits here until every other job is queued */
} Work;

typedef struct {
  int     delivered;
  int     failed;
  GString *order;
} Outcomes;

static gboolean
write_job (BfStore *store, gpointer data, GError **error)
{
  Work *work = data;
  g_autofree char *key = g_strdup_printf ("job%d", work->index);

  if (work->gate != NULL)
    {
      g_mutex_lock (work->gate);
      g_mutex_unlock (work->gate);
    }
  if (!bf_store_begin (store, error))
    return FALSE;
  if (!bf_store_set_meta (store, key, "written", error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  if (work->index == UNBALANCED)
    /* A bug: begun and never committed nor rolled back. */
    return TRUE;
  if (work->index == FAILING)
    {
      /* Wrote, then failed: the write must not survive, nor take the others with it. */
      bf_store_rollback (store);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "planned failure");
      return FALSE;
    }
  return bf_store_commit (store, error);
}

static void
job_done (gpointer data, const GError *error, gpointer user_data)
{
  Outcomes *outcomes = user_data;
  Work *work = data;

  outcomes->delivered++;
  if (error != NULL)
    {
      g_assert_true (work->index == FAILING || work->index == UNBALANCED);
      if (work->index == FAILING)
        g_assert_cmpstr (error->message, ==, "planned failure");
      outcomes->failed++;
    }
  g_string_append_printf (outcomes->order, "%d ", work->index);
  g_free (work);
}

static void
test_group_commit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-runner-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hub.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_autoptr(BfJobRunner) runner = NULL;
  g_autoptr(BfStore) reopened = NULL;
  Outcomes outcomes = { 0, 0, g_string_new (NULL) };
  GMutex gate;

  g_assert_no_error (error);
  runner = bf_job_runner_new (store);
  g_mutex_init (&gate);
  g_mutex_lock (&gate);
  for (int i = 0; i < N_JOBS; i++)
    {
      Work *work = g_new0 (Work, 1);
      work->index = i;
      work->gate = i == 0 ? &gate : NULL;
      bf_job_runner_queue_store (runner, write_job, work, job_done, &outcomes);
    }
  /* Jobs 1..9 are all waiting now, so they run as one group after job 0. */
  g_mutex_unlock (&gate);
  while (outcomes.delivered < N_JOBS)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (outcomes.failed, ==, 2);
  g_assert_cmpstr (outcomes.order->str, ==, "0 1 2 3 4 5 6 7 8 9 ");
  bf_job_runner_shutdown (runner);
  g_mutex_clear (&gate);

  reopened = bf_store_open (path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  for (int i = 0; i < N_JOBS; i++)
    {
      g_autofree char *key = g_strdup_printf ("job%d", i);
      g_autofree char *value = bf_store_get_meta (reopened, key);
      g_assert_cmpstr (value, ==, i == FAILING || i == UNBALANCED ? NULL : "written");
    }
  g_string_free (outcomes.order, TRUE);
  g_clear_pointer (&reopened, bf_store_free);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/job-runner/group-commit", test_group_commit);
  return g_test_run ();
}
