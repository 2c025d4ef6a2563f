/* bf-sync-auto.h: syncing by itself — when the network comes back, on a timer, on demand.
 *
 * BfSyncAuto drives a BfSyncClient: never two syncs at once; after a failure it retries
 * with exponential backoff and jitter (1 s doubling to 10 min, ±20 %), and starts over from
 * 1 s after a success. A failure that retrying cannot fix (not signed in, refused sign-in,
 * an insecure address) waits for the next timer tick, network change or request instead.
 */
#pragma once

#include <gio/gio.h>

#include "bf-sync-client.h"

G_BEGIN_DECLS

#define BF_SYNC_AUTO_DEFAULT_INTERVAL 600   /* seconds between periodic syncs */
#define BF_SYNC_BACKOFF_FIRST_MS      1000
#define BF_SYNC_BACKOFF_MAX_MS        (10 * 60 * 1000)

/* The delay before retry number @attempt (1 for the first retry after a failure), in ms:
 * 1 s × 2^(attempt − 1) capped at 10 min, times a jitter factor in [0.8, 1.2] drawn from
 * @rand, and never above 10 min. */
guint bf_sync_backoff_delay_ms (guint attempt, GRand *rand);

#define BF_TYPE_SYNC_AUTO (bf_sync_auto_get_type ())
G_DECLARE_FINAL_TYPE (BfSyncAuto, bf_sync_auto, BF, SYNC_AUTO, GObject)

/* Watches g_network_monitor_get_default(). Starts disabled. */
BfSyncAuto *bf_sync_auto_new (BfSyncClient *client);
/* The same with another monitor (tests). */
BfSyncAuto *bf_sync_auto_new_with_monitor (BfSyncClient *client, GNetworkMonitor *monitor);

BfSyncClient *bf_sync_auto_get_client (BfSyncAuto *self);

gboolean bf_sync_auto_get_enabled (BfSyncAuto *self);
/* Enabling syncs at once when the network is up, then every interval. */
void     bf_sync_auto_set_enabled (BfSyncAuto *self, gboolean enabled);

guint    bf_sync_auto_get_interval (BfSyncAuto *self);
void     bf_sync_auto_set_interval (BfSyncAuto *self, guint seconds);

/* Failures in a row since the last success. */
guint    bf_sync_auto_get_failures (BfSyncAuto *self);
/* The delay of the retry now waiting, in ms; 0 when none waits. */
guint    bf_sync_auto_get_retry_delay (BfSyncAuto *self);

/* Syncs now (even when disabled); if a sync is running, once more right after it. */
void     bf_sync_auto_sync_now (BfSyncAuto *self);

G_END_DECLS
