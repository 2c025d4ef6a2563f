/* bf-hlc.c: the hybrid logical clock that orders every change. */
#include "bf-hlc.h"

/* The programme started on 2016-01-01 (Beijing time). A device that has never synced cannot
 * tell a slightly wrong clock from a right one, but a clock before the programme existed is
 * certainly wrong: that is what a dead CMOS battery looks like. */
#define PROGRAMME_START_MS G_GINT64_CONSTANT (1451577600000)

/* The largest physical part a timestamp can carry (48 bits, around the year 10889). A wall
 * clock beyond it cannot be represented, and letting it through would wrap the timestamp to
 * near zero and break monotonicity. */
#define PHYSICAL_MAX ((G_GINT64_CONSTANT (1) << (64 - BF_HLC_LOGICAL_BITS)) - 1)
#define LOGICAL_MAX  0xffff

/* Whether @a and @b are more than @limit apart. Wall clocks can be anything, so this avoids
 * the signed overflow that |a - b| or b + limit could hit with absurd values. */
static gboolean
farther_apart_than (gint64 a,
                    gint64 b,
                    gint64 limit)
{
  guint64 distance = a >= b ? (guint64) a - (guint64) b : (guint64) b - (guint64) a;

  return distance > (guint64) limit;
}

void
bf_clock_init (BfClock *clock,
               BfHlc    last,
               gint64   server_ms,
               gint64   max_drift_ms)
{
  g_return_if_fail (clock != NULL);
  g_return_if_fail (max_drift_ms >= 0);

  clock->last = last;
  clock->server_ms = MAX (server_ms, 0);
  clock->max_drift_ms = max_drift_ms;
}

/* The physical time @clock is prepared to believe at wall time @wall_ms. When the wall clock
 * is not believed it falls back to the latest time the device knows to be real, which is never
 * less than what it has already issued, so a clamped tick only advances the logical part. */
static gint64
believed_physical_ms (const BfClock *clock,
                      gint64         wall_ms,
                      gboolean      *out_clamped)
{
  gint64 last_ms = BF_HLC_PHYSICAL (clock->last);
  gint64 known_ms;

  if (clock->server_ms > 0)
    {
      if (!farther_apart_than (wall_ms, clock->server_ms, clock->max_drift_ms) &&
          wall_ms <= PHYSICAL_MAX)
        {
          *out_clamped = FALSE;
          return wall_ms;
        }
      known_ms = clock->server_ms;
    }
  else
    {
      if (wall_ms >= PROGRAMME_START_MS && wall_ms <= PHYSICAL_MAX)
        {
          *out_clamped = FALSE;
          return wall_ms;
        }
      known_ms = PROGRAMME_START_MS;
    }

  *out_clamped = TRUE;
  return MIN (MAX (last_ms, known_ms), PHYSICAL_MAX);
}

BfHlc
bf_clock_tick (BfClock  *clock,
               gint64    wall_ms,
               gboolean *out_clamped)
{
  gint64 last_ms, pt, next_ms;
  guint last_logical, next_logical;
  gboolean clamped;

  g_return_val_if_fail (clock != NULL, 0);

  last_ms = BF_HLC_PHYSICAL (clock->last);
  last_logical = BF_HLC_LOGICAL (clock->last);
  pt = believed_physical_ms (clock, wall_ms, &clamped);

  if (pt > last_ms)
    {
      next_ms = pt;
      next_logical = 0;
    }
  else if (last_logical < LOGICAL_MAX)
    {
      next_ms = last_ms;
      next_logical = last_logical + 1;
    }
  else
    {
      /* More than 65,536 events in one millisecond (or while the wall clock is stuck behind
       * us): borrow a millisecond from the future rather than let the counter wrap to zero,
       * which would sort before everything just issued. The wall clock catches up. */
      if (last_ms >= PHYSICAL_MAX)
        {
          /* Only reachable from a corrupt stored timestamp; nothing greater exists. */
          g_critical ("%s: hybrid logical clock exhausted", G_STRFUNC);
          if (out_clamped != NULL)
            *out_clamped = TRUE;
          return clock->last;
        }
      next_ms = last_ms + 1;
      next_logical = 0;
    }

  clock->last = BF_HLC_MAKE (next_ms, next_logical);
  if (out_clamped != NULL)
    *out_clamped = clamped;
  return clock->last;
}

void
bf_clock_observe (BfClock *clock,
                  BfHlc    remote)
{
  g_return_if_fail (clock != NULL);

  /* Only remember it: the next tick's send rule then moves past it. Believing remote clocks is
   * the server's job (bf_hlc_clamp_received), which has the authoritative time. */
  clock->last = MAX (clock->last, remote);
}

void
bf_clock_set_server_time (BfClock *clock,
                          gint64   server_ms)
{
  g_return_if_fail (clock != NULL);

  /* A stale or replayed sync response must not drag the reference backwards and make a
   * correct wall clock look drifted. */
  clock->server_ms = MAX (clock->server_ms, server_ms);
}

BfHlc
bf_hlc_clamp_received (BfHlc     hlc,
                       gint64    server_now_ms,
                       gint64    max_drift_ms,
                       gboolean *out_clamped)
{
  gint64 physical = BF_HLC_PHYSICAL (hlc);
  gboolean clamped;

  g_return_val_if_fail (server_now_ms >= 0 && server_now_ms <= PHYSICAL_MAX, hlc);
  g_return_val_if_fail (max_drift_ms >= 0, hlc);

  /* Only the future is suspicious: a timestamp from the past merely loses merges, which is
   * what an old edit should do. */
  clamped = physical > server_now_ms && farther_apart_than (physical, server_now_ms, max_drift_ms);
  if (out_clamped != NULL)
    *out_clamped = clamped;
  if (!clamped)
    return hlc;
  return BF_HLC_MAKE (server_now_ms, BF_HLC_LOGICAL (hlc));
}

static gint64 wall_clock_override_ms = 0;

gint64
bf_wall_clock_ms (void)
{
  if (wall_clock_override_ms != 0)
    return wall_clock_override_ms;
  return g_get_real_time () / 1000;
}

void
bf_wall_clock_override (gint64 ms)
{
  wall_clock_override_ms = ms;
}
