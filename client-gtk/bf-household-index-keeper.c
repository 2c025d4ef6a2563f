/* bf-household-index-keeper.c: two copies of the index, one read, one written. */
#include "bf-config.h"
#include "bf-household-index-keeper.h"

struct _BfHouseholdIndexKeeper {
  GObject           parent_instance;
  BfAppDatabase    *database;
  gulong            changed_handler;
  int               year;
  BfHouseholdIndex *live;       /* read on the main thread */
  BfHouseholdIndex *spare;      /* equal to live, or NULL; only the store thread writes it */
  GHashTable       *pending;    /* ids changed since the last swap */
  gboolean          pending_all;
  gboolean          busy;
  char            **inflight_ids; /* what the running refresh re-reads */
  GError           *error;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (BfHouseholdIndexKeeper, bf_household_index_keeper, G_TYPE_OBJECT)

enum { SIGNAL_INDEX_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  int               year;
  BfHouseholdIndex *index;   /* to refresh (or NULL: build a new one) */
  char            **ids;
} Work;

static void
work_free (gpointer pointer)
{
  Work *work = pointer;

  /* An index still here was not handed back: the keeper is gone. */
  g_clear_pointer (&work->index, bf_household_index_free);
  g_strfreev (work->ids);
  g_free (work);
}

static gpointer
build_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Work *work = data;
  return bf_household_index_build (store, work->year, error);
}

static gpointer
refresh_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Work *work = data;

  if (!bf_household_index_refresh (work->index, store, (const char *const *) work->ids, error))
    return NULL;
  return g_steal_pointer (&work->index);
}

static void kick (BfHouseholdIndexKeeper *self);

static void
set_error (BfHouseholdIndexKeeper *self, GError *error)
{
  g_clear_error (&self->error);
  self->error = error;
  if (error != NULL)
    g_warning ("The household list could not be read: %s", error->message);
}

static void
swap_in (BfHouseholdIndexKeeper *self, BfHouseholdIndex *fresh)
{
  BfHouseholdIndex *old = self->live;

  self->live = fresh;
  g_signal_emit (self, signals[SIGNAL_INDEX_CHANGED], 0);
  /* Nobody reads the old copy any more: it may go to the store's thread. */
  if (old != NULL)
    bf_household_index_free (old);
}

static void
spare_refreshed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfHouseholdIndexKeeper) self = user_data;
  GError *error = NULL;
  BfHouseholdIndex *index = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }
  if (index == NULL)
    set_error (self, error);
  self->spare = index;
  self->busy = FALSE;
  kick (self);
}

static void
refreshed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfHouseholdIndexKeeper) self = user_data;
  GError *error = NULL;
  BfHouseholdIndex *index = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error);
  char **ids = g_steal_pointer (&self->inflight_ids);
  BfHouseholdIndex *old;
  Work *work;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      g_strfreev (ids);
      return;
    }
  if (index == NULL)
    {
      /* The spare was lost with the failure: rebuild next time. */
      set_error (self, error);
      g_strfreev (ids);
      self->pending_all = TRUE;
      self->busy = FALSE;
      kick (self);
      return;
    }
  set_error (self, NULL);
  old = self->live;
  self->live = index;
  g_signal_emit (self, signals[SIGNAL_INDEX_CHANGED], 0);
  if (old == NULL || ids == NULL)
    {
      g_clear_pointer (&old, bf_household_index_free);
      g_strfreev (ids);
      self->busy = FALSE;
      kick (self);
      return;
    }
  /* The retired copy catches up with the same households and becomes the spare. */
  work = g_new0 (Work, 1);
  work->index = old;
  work->ids = ids;
  bf_app_database_run (self->database, refresh_job, work, work_free, self->cancellable,
                       spare_refreshed, g_object_ref (self));
}

static void
built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfHouseholdIndexKeeper) self = user_data;
  GError *error = NULL;
  BfHouseholdIndex *index = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }
  self->busy = FALSE;
  if (index == NULL)
    set_error (self, error);
  else
    {
      set_error (self, NULL);
      swap_in (self, index);
    }
  kick (self);
}

static void
kick (BfHouseholdIndexKeeper *self)
{
  Work *work;

  if (self->busy || (!self->pending_all && g_hash_table_size (self->pending) == 0))
    return;
  self->busy = TRUE;
  work = g_new0 (Work, 1);
  work->year = self->year;
  if (self->pending_all || self->live == NULL)
    {
      self->pending_all = FALSE;
      g_hash_table_remove_all (self->pending);
      g_clear_pointer (&self->spare, bf_household_index_free);
      bf_app_database_run (self->database, build_job, work, work_free, self->cancellable, built,
                           g_object_ref (self));
      return;
    }
  {
    guint n = 0;
    gpointer *keys = g_hash_table_get_keys_as_array (self->pending, &n);

    /* The keys are the table's: the work and the retired copy's refresh take copies. */
    work->ids = g_new0 (char *, n + 1);
    for (guint i = 0; i < n; i++)
      work->ids[i] = g_strdup (keys[i]);
    g_free (keys);
  }
  g_clear_pointer (&self->inflight_ids, g_strfreev);
  self->inflight_ids = g_strdupv (work->ids);
  g_hash_table_remove_all (self->pending);
  if (self->spare == NULL)
    {
      /* No spare yet: a fresh build serves, and the retired copy becomes the spare. */
      g_strfreev (g_steal_pointer (&work->ids));
      bf_app_database_run (self->database, build_job, work, work_free, self->cancellable,
                           refreshed, g_object_ref (self));
      return;
    }
  work->index = g_steal_pointer (&self->spare);
  bf_app_database_run (self->database, refresh_job, work, work_free, self->cancellable, refreshed,
                       g_object_ref (self));
}

static void
on_households_changed (BfAppDatabase *database, const char *const *ids, gpointer user_data)
{
  BfHouseholdIndexKeeper *self = user_data;

  if (ids == NULL)
    self->pending_all = TRUE;
  else
    for (guint i = 0; ids[i] != NULL; i++)
      g_hash_table_add (self->pending, g_strdup (ids[i]));
  kick (self);
}

BfHouseholdIndexKeeper *
bf_household_index_keeper_new (BfAppDatabase *database, int year)
{
  BfHouseholdIndexKeeper *self;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_HOUSEHOLD_INDEX_KEEPER, NULL);
  self->database = g_object_ref (database);
  self->year = year;
  self->changed_handler = g_signal_connect (database, "households-changed",
                                            G_CALLBACK (on_households_changed), self);
  self->pending_all = TRUE;
  kick (self);
  return self;
}

const BfHouseholdIndex *
bf_household_index_keeper_get_index (BfHouseholdIndexKeeper *self)
{
  g_return_val_if_fail (BF_IS_HOUSEHOLD_INDEX_KEEPER (self), NULL);
  return self->live;
}

const GError *
bf_household_index_keeper_get_error (BfHouseholdIndexKeeper *self)
{
  return self->error;
}

gboolean
bf_household_index_keeper_get_busy (BfHouseholdIndexKeeper *self)
{
  return self->busy || self->pending_all || g_hash_table_size (self->pending) > 0;
}

static void
bf_household_index_keeper_dispose (GObject *object)
{
  BfHouseholdIndexKeeper *self = BF_HOUSEHOLD_INDEX_KEEPER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_household_index_keeper_parent_class)->dispose (object);
}

static void
bf_household_index_keeper_finalize (GObject *object)
{
  BfHouseholdIndexKeeper *self = BF_HOUSEHOLD_INDEX_KEEPER (object);

  g_clear_pointer (&self->live, bf_household_index_free);
  g_clear_pointer (&self->spare, bf_household_index_free);
  g_hash_table_unref (self->pending);
  g_strfreev (self->inflight_ids);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (bf_household_index_keeper_parent_class)->finalize (object);
}

static void
bf_household_index_keeper_class_init (BfHouseholdIndexKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bf_household_index_keeper_dispose;
  object_class->finalize = bf_household_index_keeper_finalize;

  /* A new index is current: positions and rows of the old one are gone. */
  signals[SIGNAL_INDEX_CHANGED] =
    g_signal_new ("index-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
bf_household_index_keeper_init (BfHouseholdIndexKeeper *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}
