/* test-sync-auto.c: automatic sync against the in-process server (sync-client-fixture.c):
 * the network coming and going, retries with backoff, never two syncs at once; and the backoff
 * delays themselves.
 */
#include "bf-config.h"

#include "bf-sync-auto.h"
#include "sync-client-fixture.h"

static void
test_backoff (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint attempt = 1; attempt <= 12; attempt++)
    {
      double base = MIN (1000.0 * (double) (1u << (attempt - 1)), 600000.0);
      guint low = G_MAXUINT, high = 0;

      for (guint i = 0; i < 2000; i++)
        {
          guint delay = bf_sync_backoff_delay_ms (attempt, rand);
          g_assert_cmpfloat (delay, >=, 0.8 * base - 1);
          g_assert_cmpfloat (delay, <=, MIN (1.2 * base, 600000.0));
          low = MIN (low, delay);
          high = MAX (high, delay);
        }
      /* Really spread over the allowed range, not a constant. */
      g_assert_cmpfloat (high - low, >, 0.8 * (MIN (1.2 * base, 600000.0) - 0.8 * base));
    }
  g_assert_cmpuint (bf_sync_backoff_delay_ms (1000, rand), <=, 600000);
}

/* ---- automatic sync ---- */

/* A network monitor the test switches on and off. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface) { }
static gboolean
test_monitor_init_sync (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_init_sync;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static void
test_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case 1:
      g_value_set_boolean (value, self->available);
      break;
    case 2:
      g_value_set_boolean (value, FALSE);
      break;
    default:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->get_property = test_monitor_get_property;
  g_object_class_override_property (G_OBJECT_CLASS (klass), 1, "network-available");
  g_object_class_override_property (G_OBJECT_CLASS (klass), 2, "network-metered");
  g_object_class_override_property (G_OBJECT_CLASS (klass), 3, "connectivity");
}

static void test_monitor_init (TestMonitor *self) { }

static void
set_network (TestMonitor *monitor, gboolean available)
{
  monitor->available = available;
  g_signal_emit_by_name (monitor, "network-changed", available);
}

static void
wait_until (gboolean (*condition) (Fixture *f), Fixture *f)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
synced (Fixture *f)
{
  return !bf_sync_client_get_busy (f->client) &&
         bf_sync_client_get_state (f->client) == BF_SYNC_STATE_SYNCED;
}

static gboolean
failed (Fixture *f)
{
  return !bf_sync_client_get_busy (f->client) &&
         bf_sync_client_get_state (f->client) == BF_SYNC_STATE_ERROR;
}

static void
test_auto (Fixture *f, gconstpointer data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(BfSyncAuto) sync_auto = NULL;
  guint before;

  g_assert_true (login (f, "li", "secret", NULL));
  sync_auto = bf_sync_auto_new_with_monitor (f->client, G_NETWORK_MONITOR (monitor));
  g_assert_cmpuint (bf_sync_auto_get_interval (sync_auto), ==, 600);

  /* Enabled without a network: nothing happens until it comes back. */
  bf_sync_auto_set_enabled (sync_auto, TRUE);
  g_assert_false (bf_sync_client_get_busy (f->client));
  set_network (monitor, TRUE);
  g_assert_true (bf_sync_client_get_busy (f->client));
  wait_until (synced, f);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);

  /* A failure waits 1 s ± 20 % and tries again; a success resets the count. */
  f->fail_status = 500;
  bf_sync_auto_sync_now (sync_auto);
  wait_until (failed, f);
  g_assert_cmpuint (bf_sync_auto_get_failures (sync_auto), ==, 1);
  g_assert_cmpuint (bf_sync_auto_get_retry_delay (sync_auto), >=, 800);
  g_assert_cmpuint (bf_sync_auto_get_retry_delay (sync_auto), <=, 1200);
  f->fail_status = 0;
  wait_until (synced, f);
  g_assert_cmpuint (bf_sync_auto_get_failures (sync_auto), ==, 0);
  g_assert_cmpuint (bf_sync_auto_get_retry_delay (sync_auto), ==, 0);

  /* Asked twice at once: one sync, then one more — never two together. */
  before = f->requests;
  bf_sync_auto_sync_now (sync_auto);
  bf_sync_auto_sync_now (sync_auto);
  bf_sync_auto_sync_now (sync_auto);
  wait_until (synced, f);
  while (g_main_context_iteration (NULL, FALSE) || bf_sync_client_get_busy (f->client))
    ;
  g_assert_cmpuint (f->requests - before, ==, 2);   /* two pulls, nothing to push */

  /* Authorization failures are not retried by themselves. */
  g_hash_table_remove_all (f->tokens);
  bf_sync_auto_sync_now (sync_auto);
  wait_until (failed, f);
  g_assert_cmpuint (bf_sync_auto_get_retry_delay (sync_auto), ==, 0);
  bf_sync_auto_set_enabled (sync_auto, FALSE);
}

int
main (int argc, char **argv)
{
  fixture_test_init (&argc, &argv);

  g_test_add_func ("/sync-client/backoff", test_backoff);
  FIXTURE_ADD ("/sync-client/auto", test_auto);
  return g_test_run ();
}
