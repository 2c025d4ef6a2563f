/* bf-hlc.h: the hybrid logical clock that orders every change.
 *
 * A timestamp is physical milliseconds since the Unix epoch in the high 48 bits and a logical
 * counter in the low 16, so plain integer comparison orders them. A device's clock never runs
 * backwards, even across restarts (its last timestamp is stored with every change), and it
 * moves past every timestamp it has seen, so an edit made after seeing another always sorts
 * after it.
 *
 * Village laptops often have wrong clocks (a dead CMOS battery says 2009, a typo says 2031).
 * A wall clock further than max_drift_ms from the last known server time is not believed: the
 * timestamp is clamped to what the device knows and the change is flagged. The server clamps
 * what it receives the same way, so one bad clock cannot win every merge forever.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef guint64 BfHlc;

#define BF_HLC_LOGICAL_BITS 16
#define BF_HLC_PHYSICAL(hlc) ((gint64) ((hlc) >> BF_HLC_LOGICAL_BITS))
#define BF_HLC_LOGICAL(hlc)  ((guint) ((hlc) & 0xffff))
#define BF_HLC_MAKE(ms, logical) (((BfHlc) (ms) << BF_HLC_LOGICAL_BITS) | ((BfHlc) (logical) & 0xffff))

/* Thirty days: a laptop may go a month between syncs with a correct clock. */
#define BF_CLOCK_DEFAULT_MAX_DRIFT_MS (30 * 24 * G_GINT64_CONSTANT (3600000))

typedef struct {
  BfHlc  last;          /* the highest timestamp issued or seen */
  gint64 server_ms;     /* the last server time this device learned; 0 = none yet */
  gint64 max_drift_ms;  /* how far the wall clock may stray from server time */
} BfClock;

void  bf_clock_init (BfClock *clock, BfHlc last, gint64 server_ms, gint64 max_drift_ms);

/* A timestamp for a local event at wall time @wall_ms. Greater than every timestamp issued or
 * observed before. @out_clamped (may be NULL) is set to whether the wall clock was not
 * believed. */
BfHlc bf_clock_tick (BfClock *clock, gint64 wall_ms, gboolean *out_clamped);

/* Takes in a timestamp received from elsewhere, so that later ticks sort after it. */
void  bf_clock_observe (BfClock *clock, BfHlc remote);

/* Records the server's time (from a sync response): the reference for believing the wall
 * clock. Never moves backwards. */
void  bf_clock_set_server_time (BfClock *clock, gint64 server_ms);

/* Server side: a received timestamp more than @max_drift_ms ahead of @server_now_ms is pulled
 * back to @server_now_ms (keeping its logical part) and flagged. */
BfHlc bf_hlc_clamp_received (BfHlc hlc, gint64 server_now_ms, gint64 max_drift_ms,
                             gboolean *out_clamped);

/* The wall clock in milliseconds (g_get_real_time () / 1000), replaceable for tests. */
gint64 bf_wall_clock_ms (void);
void   bf_wall_clock_override (gint64 ms);   /* 0 restores the real clock */

G_END_DECLS
