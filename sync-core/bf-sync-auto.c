/* bf-sync-auto.c: when to sync without being asked.
 *
 * Three things start a sync — the network coming back, the periodic timer, a request — and
 * one thing stops them from piling up: a request while a sync runs is remembered and served
 * once, right after it.
 */
#include "bf-config.h"
#include "bf-sync-auto.h"

guint
bf_sync_backoff_delay_ms (guint attempt, GRand *rand)
{
  guint64 base = BF_SYNC_BACKOFF_FIRST_MS;
  double delay;

  for (guint i = 1; i < attempt && base < BF_SYNC_BACKOFF_MAX_MS; i++)
    base *= 2;
  base = MIN (base, BF_SYNC_BACKOFF_MAX_MS);
  /* Jitter keeps a district's devices from all retrying in the same second after an outage. */
  delay = (double) base * g_rand_double_range (rand, 0.8, 1.2);
  return (guint) MIN (delay, (double) BF_SYNC_BACKOFF_MAX_MS);
}

struct _BfSyncAuto
{
  GObject          parent_instance;

  BfSyncClient    *client;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  GRand           *rand;

  gboolean         enabled;
  guint            interval;
  guint            failures;
  guint            retry_delay;
  gboolean         network_available;
  gboolean         running;    /* a sync this object started */
  gboolean         again;      /* asked for while a sync was running */

  guint            periodic_id;
  guint            retry_id;
  guint            again_id;
};

G_DEFINE_FINAL_TYPE (BfSyncAuto, bf_sync_auto, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_NETWORK_MONITOR,
  PROP_ENABLED,
  PROP_INTERVAL,
  PROP_FAILURES,
  PROP_RETRY_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_failures (BfSyncAuto *self, guint failures)
{
  if (self->failures == failures)
    return;
  self->failures = failures;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
}

static void
cancel_retry (BfSyncAuto *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->retry_delay == 0)
    return;
  self->retry_delay = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

/* What trying again cannot fix waits for the user (or the next tick). */
static gboolean
worth_retrying (const GError *error)
{
  return !g_error_matches (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_AUTH) &&
         !g_error_matches (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_FORBIDDEN) &&
         !g_error_matches (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE) &&
         !g_error_matches (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INVALID_URL);
}

static gboolean
retry_cb (gpointer user_data)
{
  BfSyncAuto *self = user_data;

  self->retry_id = 0;
  bf_sync_auto_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (BfSyncAuto *self)
{
  cancel_retry (self);
  self->retry_delay = bf_sync_backoff_delay_ms (self->failures, self->rand);
  self->retry_id = g_timeout_add (self->retry_delay, retry_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BfSyncAuto) self = user_data;
  g_autoptr(BfSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = bf_sync_client_sync_finish (BF_SYNC_CLIENT (source), result, &error);
  self->running = FALSE;
  if (self->client == NULL)
    return;   /* disposed while the sync ran */
  if (summary != NULL)
    set_failures (self, 0);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    self->again = TRUE;   /* someone else's sync: served when it ends */
  else
    {
      set_failures (self, self->failures + 1);
      if (self->enabled && worth_retrying (error))
        schedule_retry (self);
    }
  if (self->again && !bf_sync_client_get_busy (self->client))
    {
      self->again = FALSE;
      bf_sync_auto_sync_now (self);
    }
}

void
bf_sync_auto_sync_now (BfSyncAuto *self)
{
  g_return_if_fail (BF_IS_SYNC_AUTO (self));

  if (self->client == NULL)
    return;
  if (self->running || bf_sync_client_get_busy (self->client))
    {
      self->again = TRUE;
      return;
    }
  cancel_retry (self);
  self->running = TRUE;
  bf_sync_client_sync_async (self->client, self->cancellable, sync_done, g_object_ref (self));
}

static gboolean
again_cb (gpointer user_data)
{
  BfSyncAuto *self = user_data;

  self->again_id = 0;
  if (self->again && !self->running && !bf_sync_client_get_busy (self->client))
    {
      self->again = FALSE;
      bf_sync_auto_sync_now (self);
    }
  return G_SOURCE_REMOVE;
}

/* A sync started elsewhere (the user's button) ended while a request waited. Deferred: the
 * client is still finishing that sync when it says it is no longer busy. */
static void
client_busy_changed (BfSyncAuto *self)
{
  if (self->again && !self->running && !bf_sync_client_get_busy (self->client) &&
      self->again_id == 0)
    self->again_id = g_idle_add (again_cb, self);
}

static void
network_changed (BfSyncAuto *self, gboolean available)
{
  gboolean was_available = self->network_available;

  self->network_available = available;
  if (self->enabled && available && !was_available)
    bf_sync_auto_sync_now (self);
}

static gboolean
periodic_cb (gpointer user_data)
{
  BfSyncAuto *self = user_data;

  /* A waiting retry comes sooner than the tick would. */
  if (self->retry_id == 0)
    bf_sync_auto_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static void
restart_periodic (BfSyncAuto *self)
{
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  if (self->enabled)
    self->periodic_id = g_timeout_add_seconds (self->interval, periodic_cb, self);
}

void
bf_sync_auto_set_enabled (BfSyncAuto *self, gboolean enabled)
{
  g_return_if_fail (BF_IS_SYNC_AUTO (self));
  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  restart_periodic (self);
  if (enabled)
    {
      self->network_available = g_network_monitor_get_network_available (self->monitor);
      if (self->network_available)
        bf_sync_auto_sync_now (self);
    }
  else
    cancel_retry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
bf_sync_auto_get_enabled (BfSyncAuto *self)
{
  g_return_val_if_fail (BF_IS_SYNC_AUTO (self), FALSE);
  return self->enabled;
}

void
bf_sync_auto_set_interval (BfSyncAuto *self, guint seconds)
{
  g_return_if_fail (BF_IS_SYNC_AUTO (self));
  seconds = MAX (seconds, 1);
  if (self->interval == seconds)
    return;
  self->interval = seconds;
  restart_periodic (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
bf_sync_auto_get_interval (BfSyncAuto *self)
{
  g_return_val_if_fail (BF_IS_SYNC_AUTO (self), 0);
  return self->interval;
}

guint
bf_sync_auto_get_failures (BfSyncAuto *self)
{
  g_return_val_if_fail (BF_IS_SYNC_AUTO (self), 0);
  return self->failures;
}

guint
bf_sync_auto_get_retry_delay (BfSyncAuto *self)
{
  g_return_val_if_fail (BF_IS_SYNC_AUTO (self), 0);
  return self->retry_delay;
}

BfSyncClient *
bf_sync_auto_get_client (BfSyncAuto *self)
{
  g_return_val_if_fail (BF_IS_SYNC_AUTO (self), NULL);
  return self->client;
}

BfSyncAuto *
bf_sync_auto_new (BfSyncClient *client)
{
  return bf_sync_auto_new_with_monitor (client, g_network_monitor_get_default ());
}

BfSyncAuto *
bf_sync_auto_new_with_monitor (BfSyncClient *client, GNetworkMonitor *monitor)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_NETWORK_MONITOR (monitor), NULL);
  return g_object_new (BF_TYPE_SYNC_AUTO, "client", client, "network-monitor", monitor, NULL);
}

static void
bf_sync_auto_constructed (GObject *object)
{
  BfSyncAuto *self = BF_SYNC_AUTO (object);

  G_OBJECT_CLASS (bf_sync_auto_parent_class)->constructed (object);
  g_return_if_fail (self->client != NULL);
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::busy", G_CALLBACK (client_busy_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
bf_sync_auto_dispose (GObject *object)
{
  BfSyncAuto *self = BF_SYNC_AUTO (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->again_id, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (bf_sync_auto_parent_class)->dispose (object);
}

static void
bf_sync_auto_finalize (GObject *object)
{
  BfSyncAuto *self = BF_SYNC_AUTO (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rand, g_rand_free);
  G_OBJECT_CLASS (bf_sync_auto_parent_class)->finalize (object);
}

static void
bf_sync_auto_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BfSyncAuto *self = BF_SYNC_AUTO (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_FAILURES:
      g_value_set_uint (value, self->failures);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_auto_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BfSyncAuto *self = BF_SYNC_AUTO (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_ENABLED:
      bf_sync_auto_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_INTERVAL:
      bf_sync_auto_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_auto_class_init (BfSyncAutoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bf_sync_auto_constructed;
  object_class->dispose = bf_sync_auto_dispose;
  object_class->finalize = bf_sync_auto_finalize;
  object_class->get_property = bf_sync_auto_get_property;
  object_class->set_property = bf_sync_auto_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BF_TYPE_SYNC_CLIENT, construct);
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR, construct);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, rw);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, G_MAXUINT, BF_SYNC_AUTO_DEFAULT_INTERVAL, rw);
  properties[PROP_FAILURES] = g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bf_sync_auto_init (BfSyncAuto *self)
{
  self->interval = BF_SYNC_AUTO_DEFAULT_INTERVAL;
  self->cancellable = g_cancellable_new ();
  self->rand = g_rand_new ();
}
