/* bf-job-runner.h: where the server's slow work happens, off the main loop.
 *
 * One thread owns the hub's BfStore and runs store jobs one after another, from a queue (the
 * epiphany history-service pattern: SQLite connections are not shared between threads). A
 * small pool runs CPU-only jobs — decompressing, decoding and encoding bodies, checking
 * passwords — so they keep neither the main loop nor the store busy. Either way the outcome
 * comes back to the main context the runner was made in.
 */
#pragma once

#include <glib-object.h>

#include "bf-store.h"

G_BEGIN_DECLS

/* A job: @store is the hub's store on the store thread, NULL in the pool. */
typedef gboolean (*BfJobFunc) (BfStore *store, gpointer data, GError **error);
/* Called on the main context; @error is NULL when the job succeeded. */
typedef void     (*BfJobDone) (gpointer data, const GError *error, gpointer user_data);

#define BF_TYPE_JOB_RUNNER (bf_job_runner_get_type ())
G_DECLARE_FINAL_TYPE (BfJobRunner, bf_job_runner, BF, JOB_RUNNER, GObject)

/* Takes @store, which must not be used by anyone else from now on. */
BfJobRunner *bf_job_runner_new (BfStore *store);

/* Queues @func on the store thread, in the order queued. */
void   bf_job_runner_queue_store (BfJobRunner *self, BfJobFunc func, gpointer data,
                                  BfJobDone done, gpointer user_data);

/* Queues @func in the CPU pool (no store). */
void   bf_job_runner_queue_cpu   (BfJobRunner *self, BfJobFunc func, gpointer data,
                                  BfJobDone done, gpointer user_data);

/* The store's policy. It is set when the store opens and stays while the runner runs, so it
 * may be read from any thread: the pool checks pushed rows against it (bf_hub_prepare_push). */
const BfPolicy *bf_job_runner_get_policy (BfJobRunner *self);

/* The newest server sequence in the hub's log, as of the last store job; safe from any
 * thread and never waits for the store. */
gint64 bf_job_runner_get_changes (BfJobRunner *self);

/* Runs what is queued, then stops the threads and closes the store. Outcomes still on their
 * way to the main context are delivered by the next iterations of it. */
void   bf_job_runner_shutdown    (BfJobRunner *self);

G_END_DECLS
