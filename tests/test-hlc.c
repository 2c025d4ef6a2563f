/* test-hlc.c: the hybrid logical clock — strict monotonicity whatever the wall clock does,
 * the logical counter's overflow, restarts, observing remote timestamps, and the drift rules
 * that stop a laptop with a wrong clock from winning every merge. */
#include "bf-hlc.h"

#include <locale.h>

#define DAY_MS  (24 * G_GINT64_CONSTANT (3600000))
#define YEAR_MS (365 * DAY_MS)
#define DRIFT   BF_CLOCK_DEFAULT_MAX_DRIFT_MS

/* Midnight Beijing time on the given day, in Unix milliseconds. */
static gint64
beijing_ms (int year, int month, int day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, 0, 0, 0);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000;
}

/* The programme start the clock uses as its floor when it has never synced; kept as the
 * literal so a mistake in beijing_ms() cannot hide a mistake in the clock. */
#define PROGRAMME_START_MS G_GINT64_CONSTANT (1451577600000)

static void
test_make_round_trip (void)
{
  static const struct { gint64 ms; guint logical; } cases[] = {
    { 0, 0 },
    { 0, 0xffff },
    { 1, 0 },
    { G_GINT64_CONSTANT (1451577600000), 1 },
    { G_GINT64_CONSTANT (1924963200000), 0x8000 },
    { (G_GINT64_CONSTANT (1) << 48) - 1, 0xffff },
  };

  g_assert_cmpint (beijing_ms (2016, 1, 1), ==, PROGRAMME_START_MS);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BfHlc hlc = BF_HLC_MAKE (cases[i].ms, cases[i].logical);

      g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, cases[i].ms);
      g_assert_cmpuint (BF_HLC_LOGICAL (hlc), ==, cases[i].logical);
    }

  /* A logical part wider than 16 bits must not leak into the physical part. */
  g_assert_cmpint (BF_HLC_PHYSICAL (BF_HLC_MAKE (1000, 0x1ffff)), ==, 1000);
  g_assert_cmpuint (BF_HLC_LOGICAL (BF_HLC_MAKE (1000, 0x1ffff)), ==, 0xffff);

  /* Plain integer order is (physical, logical) order. */
  g_assert_cmpuint (BF_HLC_MAKE (1000, 0), <, BF_HLC_MAKE (1000, 1));
  g_assert_cmpuint (BF_HLC_MAKE (1000, 0xffff), <, BF_HLC_MAKE (1001, 0));
  g_assert_cmpuint (BF_HLC_MAKE (999, 0xffff), <, BF_HLC_MAKE (1000, 0));
  for (gsize i = 0; i + 1 < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (BF_HLC_MAKE (cases[i].ms, cases[i].logical), <,
                      BF_HLC_MAKE (cases[i + 1].ms, cases[i + 1].logical));
}

static void
test_monotonic_frozen (void)
{
  gint64 wall = beijing_ms (2018, 3, 15);
  BfClock clock;
  BfHlc prev = 0;

  bf_clock_init (&clock, 0, wall, DRIFT);
  for (guint i = 0; i < 100000; i++)
    {
      gboolean clamped = TRUE;
      BfHlc hlc = bf_clock_tick (&clock, wall, &clamped);

      g_assert_cmpuint (hlc, >, prev);
      g_assert_false (clamped);
      g_assert_cmpuint (clock.last, ==, hlc);
      prev = hlc;
    }

  /* 65,536 timestamps fit in the frozen millisecond; the rest borrowed the next one. */
  g_assert_cmpint (BF_HLC_PHYSICAL (prev), ==, wall + 1);
  g_assert_cmpuint (BF_HLC_LOGICAL (prev), ==, 100000 - 65536 - 1);
}

static void
test_monotonic_backwards (void)
{
  gint64 start = beijing_ms (2018, 3, 15);
  gint64 wall = start;
  gint64 highest_wall = start;
  BfClock clock;
  BfHlc prev = 0;

  bf_clock_init (&clock, 0, start, DRIFT);
  for (guint i = 0; i < 100000; i++)
    {
      gboolean clamped = TRUE;
      BfHlc hlc;

      /* Mostly forwards, but every so often NTP (or a user) sets the clock back an hour. */
      if (i % 1000 == 999)
        wall -= 3600000;
      else
        wall += 7;
      highest_wall = MAX (highest_wall, wall);

      hlc = bf_clock_tick (&clock, wall, &clamped);
      g_assert_cmpuint (hlc, >, prev);
      g_assert_false (clamped);
      /* The physical part never follows the wall clock back. */
      g_assert_cmpint (BF_HLC_PHYSICAL (hlc), >=, highest_wall);
      g_assert_cmpint (BF_HLC_PHYSICAL (hlc), <=, highest_wall + 1);
      prev = hlc;
    }
  g_assert_cmpint (wall, <, highest_wall);
}

static void
test_monotonic_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20160101);
  gint64 lo = beijing_ms (2000, 1, 1);
  gint64 hi = beijing_ms (2040, 1, 1);
  gint64 server = beijing_ms (2019, 7, 1);
  BfClock clock;
  BfHlc prev = 0;
  guint n_clamped = 0, n_believed = 0;

  bf_clock_init (&clock, 0, 0, DRIFT);
  for (guint i = 0; i < 100000; i++)
    {
      gboolean clamped = (i % 2 == 0);
      gboolean expect_clamped;
      gint64 reference, wall;
      BfHlc before = clock.last;
      BfHlc hlc;

      /* After a while the device syncs, and later syncs again a little later. */
      if (i == 20000 || i == 60000)
        {
          bf_clock_set_server_time (&clock, server);
          server += 10 * DAY_MS;
        }
      if (g_rand_int_range (rand, 0, 2) == 0)
        wall = g_rand_double_range (rand, lo, hi);
      else
        wall = (clock.server_ms > 0 ? clock.server_ms : server) +
               g_rand_double_range (rand, -40 * DAY_MS, 40 * DAY_MS);

      if (clock.server_ms > 0)
        {
          expect_clamped = ABS (wall - clock.server_ms) > DRIFT;
          reference = clock.server_ms;
        }
      else
        {
          expect_clamped = wall < PROGRAMME_START_MS;
          reference = PROGRAMME_START_MS;
        }

      hlc = bf_clock_tick (&clock, wall, &clamped);
      g_assert_cmpuint (hlc, >, prev);
      g_assert_cmpuint (hlc, >, before);
      g_assert_cmpint (clamped, ==, expect_clamped);
      if (clamped)
        {
          n_clamped++;
          g_assert_cmpint (BF_HLC_PHYSICAL (hlc), <=,
                           MAX (BF_HLC_PHYSICAL (before), reference) + 1);
          g_assert_cmpint (BF_HLC_PHYSICAL (hlc), >=, reference);
        }
      else
        {
          n_believed++;
          g_assert_cmpint (BF_HLC_PHYSICAL (hlc), >=, wall);
          g_assert_cmpint (BF_HLC_PHYSICAL (hlc), <=, MAX (BF_HLC_PHYSICAL (before), wall) + 1);
        }
      prev = hlc;
    }

  /* Both branches were exercised, or the loop above proved little. */
  g_assert_cmpuint (n_clamped, >, 1000);
  g_assert_cmpuint (n_believed, >, 1000);
}

static void
test_logical_overflow (void)
{
  gint64 wall = beijing_ms (2020, 5, 20);
  BfClock clock;
  BfHlc prev = 0;

  bf_clock_init (&clock, 0, 0, DRIFT);
  for (guint i = 0; i < 70000; i++)
    {
      BfHlc hlc = bf_clock_tick (&clock, wall, NULL);

      g_assert_cmpuint (hlc, >, prev);
      if (i < 65536)
        {
          g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, wall);
          g_assert_cmpuint (BF_HLC_LOGICAL (hlc), ==, i);
        }
      else
        {
          g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, wall + 1);
          g_assert_cmpuint (BF_HLC_LOGICAL (hlc), ==, i - 65536);
        }
      prev = hlc;
    }

  /* Once the wall clock reaches the borrowed millisecond, ticks carry on from it. */
  g_assert_cmpuint (bf_clock_tick (&clock, wall + 1, NULL), ==, BF_HLC_MAKE (wall + 1, 70000 - 65536));
  g_assert_cmpuint (bf_clock_tick (&clock, wall + 2, NULL), ==, BF_HLC_MAKE (wall + 2, 0));
}

static void
test_restart (void)
{
  gint64 before_reboot = beijing_ms (2020, 11, 3);
  gint64 dead_battery = beijing_ms (2009, 1, 1);
  BfClock clock;
  BfHlc stored, hlc;
  gboolean clamped = FALSE;

  bf_clock_init (&clock, 0, 0, DRIFT);
  for (int i = 0; i < 5; i++)
    bf_clock_tick (&clock, before_reboot, NULL);
  stored = clock.last;

  /* Never synced: the floor is 2016, but the stored timestamp is later still. */
  bf_clock_init (&clock, stored, 0, DRIFT);
  hlc = bf_clock_tick (&clock, dead_battery, &clamped);
  g_assert_true (clamped);
  g_assert_cmpuint (hlc, >, stored);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, before_reboot);

  /* Synced, and the wall clock is a day behind the last timestamp but believable. */
  clamped = TRUE;
  bf_clock_init (&clock, stored, before_reboot, DRIFT);
  hlc = bf_clock_tick (&clock, before_reboot - DAY_MS, &clamped);
  g_assert_false (clamped);
  g_assert_cmpuint (hlc, >, stored);

  /* Synced, and the wall clock is unbelievable. */
  clamped = FALSE;
  bf_clock_init (&clock, stored, before_reboot - DAY_MS, DRIFT);
  hlc = bf_clock_tick (&clock, dead_battery, &clamped);
  g_assert_true (clamped);
  g_assert_cmpuint (hlc, >, stored);
}

static void
test_observe (void)
{
  gint64 now = beijing_ms (2019, 4, 1);
  BfHlc remote = BF_HLC_MAKE (now + 10 * DAY_MS, 7);
  BfClock clock;
  BfHlc hlc, next;
  gboolean clamped = TRUE;

  bf_clock_init (&clock, 0, now, DRIFT);
  bf_clock_tick (&clock, now, NULL);

  bf_clock_observe (&clock, remote);
  g_assert_cmpuint (clock.last, ==, remote);
  hlc = bf_clock_tick (&clock, now, &clamped);
  g_assert_false (clamped);
  g_assert_cmpuint (hlc, >, remote);
  g_assert_cmpuint (hlc, ==, BF_HLC_MAKE (now + 10 * DAY_MS, 8));

  /* Observing something older moves nothing backwards. */
  bf_clock_observe (&clock, BF_HLC_MAKE (now - DAY_MS, 3));
  g_assert_cmpuint (clock.last, ==, hlc);
  next = bf_clock_tick (&clock, now, NULL);
  g_assert_cmpuint (next, >, hlc);
}

static void
test_set_server_time (void)
{
  gint64 june = beijing_ms (2016, 6, 1);
  BfClock clock;

  bf_clock_init (&clock, 0, 0, DRIFT);
  g_assert_cmpint (clock.server_ms, ==, 0);
  bf_clock_set_server_time (&clock, june);
  g_assert_cmpint (clock.server_ms, ==, june);
  bf_clock_set_server_time (&clock, june - DAY_MS);
  g_assert_cmpint (clock.server_ms, ==, june);
  bf_clock_set_server_time (&clock, june + DAY_MS);
  g_assert_cmpint (clock.server_ms, ==, june + DAY_MS);
}

static void
test_drift (void)
{
  gint64 server = beijing_ms (2016, 6, 1);
  BfClock clock;
  BfHlc hlc, prev;
  gboolean clamped;

  /* A dead battery: clamped up to the server time. */
  clamped = FALSE;
  bf_clock_init (&clock, 0, server, DRIFT);
  hlc = bf_clock_tick (&clock, beijing_ms (2009, 1, 1), &clamped);
  g_assert_true (clamped);
  g_assert_cmpuint (hlc, >=, BF_HLC_MAKE (server, 0));
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, server);

  /* A typo'd year: clamped down to what the device knows. */
  clamped = FALSE;
  bf_clock_init (&clock, 0, server, DRIFT);
  hlc = bf_clock_tick (&clock, beijing_ms (2031, 1, 1), &clamped);
  g_assert_true (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), <=, server);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, server);

  /* ...and when the device has already issued later timestamps, no further than those. */
  clamped = FALSE;
  prev = BF_HLC_MAKE (server + 3 * DAY_MS, 41);
  bf_clock_init (&clock, prev, server, DRIFT);
  hlc = bf_clock_tick (&clock, beijing_ms (2031, 1, 1), &clamped);
  g_assert_true (clamped);
  g_assert_cmpuint (hlc, ==, BF_HLC_MAKE (server + 3 * DAY_MS, 42));

  /* Two days after the last sync is an ordinary laptop. */
  clamped = TRUE;
  bf_clock_init (&clock, 0, server, DRIFT);
  hlc = bf_clock_tick (&clock, server + 2 * DAY_MS, &clamped);
  g_assert_false (clamped);
  g_assert_cmpuint (hlc, ==, BF_HLC_MAKE (server + 2 * DAY_MS, 0));

  /* The edges: exactly max_drift_ms away is still believed, one more is not. */
  clamped = TRUE;
  bf_clock_init (&clock, 0, server, DRIFT);
  hlc = bf_clock_tick (&clock, server + DRIFT, &clamped);
  g_assert_false (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, server + DRIFT);

  clamped = TRUE;
  bf_clock_init (&clock, 0, server, DRIFT);
  hlc = bf_clock_tick (&clock, server - DRIFT, &clamped);
  g_assert_false (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, server - DRIFT);

  clamped = FALSE;
  bf_clock_init (&clock, 0, server, DRIFT);
  hlc = bf_clock_tick (&clock, server + DRIFT + 1, &clamped);
  g_assert_true (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, server);

  clamped = FALSE;
  bf_clock_init (&clock, 0, server, DRIFT);
  hlc = bf_clock_tick (&clock, server - DRIFT - 1, &clamped);
  g_assert_true (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, server);

  /* A custom drift is honoured, not the default. */
  clamped = FALSE;
  bf_clock_init (&clock, 0, server, DAY_MS);
  hlc = bf_clock_tick (&clock, server + 2 * DAY_MS, &clamped);
  g_assert_true (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, server);
}

static void
test_never_synced (void)
{
  gint64 year_2031 = beijing_ms (2031, 1, 1);
  BfClock clock;
  BfHlc hlc;
  gboolean clamped = FALSE;

  bf_clock_init (&clock, 0, 0, DRIFT);
  hlc = bf_clock_tick (&clock, beijing_ms (2009, 1, 1), &clamped);
  g_assert_true (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), >=, PROGRAMME_START_MS);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, PROGRAMME_START_MS);

  /* The floor itself is a believable time. */
  clamped = TRUE;
  bf_clock_init (&clock, 0, 0, DRIFT);
  hlc = bf_clock_tick (&clock, PROGRAMME_START_MS, &clamped);
  g_assert_false (clamped);
  g_assert_cmpuint (hlc, ==, BF_HLC_MAKE (PROGRAMME_START_MS, 0));

  /* Without a server time there is nothing to judge a late clock by, so it is believed... */
  clamped = TRUE;
  bf_clock_init (&clock, 0, 0, DRIFT);
  hlc = bf_clock_tick (&clock, year_2031, &clamped);
  g_assert_false (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (hlc), ==, year_2031);

  /* ...until the first sync, after which it is not (and the clock never runs backwards). */
  clamped = FALSE;
  bf_clock_set_server_time (&clock, beijing_ms (2016, 6, 1));
  hlc = bf_clock_tick (&clock, year_2031 + 1000, &clamped);
  g_assert_true (clamped);
  g_assert_cmpuint (hlc, ==, BF_HLC_MAKE (year_2031, 1));
}

static void
test_bad_clock_cannot_win (void)
{
  gint64 server = beijing_ms (2017, 9, 1);
  gint64 wall_a = server + 5 * YEAR_MS;
  gint64 wall_b = server + DAY_MS;
  BfClock a, b;
  BfHlc from_a[10], from_b;
  gboolean clamped;

  /* Device A has synced, so its own clock catches the lie. */
  bf_clock_init (&a, 0, server, DRIFT);
  for (gsize i = 0; i < G_N_ELEMENTS (from_a); i++)
    {
      clamped = FALSE;
      from_a[i] = bf_clock_tick (&a, wall_a + (gint64) i * 60000, &clamped);
      g_assert_true (clamped);
    }

  clamped = TRUE;
  bf_clock_init (&b, 0, server, DRIFT);
  from_b = bf_clock_tick (&b, wall_b, &clamped);
  g_assert_false (clamped);
  for (gsize i = 0; i < G_N_ELEMENTS (from_a); i++)
    g_assert_cmpuint (from_a[i], <, from_b);

  /* Device A had never synced, so only the server can catch it: it clamps on receipt. */
  bf_clock_init (&a, 0, 0, DRIFT);
  for (gsize i = 0; i < G_N_ELEMENTS (from_a); i++)
    {
      BfHlc sent;

      clamped = TRUE;
      sent = bf_clock_tick (&a, wall_a + (gint64) i * 60000, &clamped);
      g_assert_false (clamped);
      g_assert_cmpuint (sent, >, from_b);

      clamped = FALSE;
      from_a[i] = bf_hlc_clamp_received (sent, server, DRIFT, &clamped);
      g_assert_true (clamped);
      g_assert_cmpuint (from_a[i], <, from_b);
    }

  /* And B, having seen A's clamped changes, still edits after them. */
  for (gsize i = 0; i < G_N_ELEMENTS (from_a); i++)
    bf_clock_observe (&b, from_a[i]);
  g_assert_cmpuint (bf_clock_tick (&b, wall_b, NULL), >, from_b);
}

static void
test_clamp_received (void)
{
  gint64 now = beijing_ms (2018, 8, 8);
  BfHlc ahead = BF_HLC_MAKE (now + DRIFT + 1, 1234);
  BfHlc edge = BF_HLC_MAKE (now + DRIFT, 77);
  BfHlc within = BF_HLC_MAKE (now + 2 * DAY_MS, 5);
  BfHlc past = BF_HLC_MAKE (beijing_ms (2009, 1, 1), 9);
  BfHlc result;
  gboolean clamped;

  clamped = FALSE;
  result = bf_hlc_clamp_received (ahead, now, DRIFT, &clamped);
  g_assert_true (clamped);
  g_assert_cmpint (BF_HLC_PHYSICAL (result), ==, now);
  g_assert_cmpuint (BF_HLC_LOGICAL (result), ==, 1234);

  clamped = TRUE;
  result = bf_hlc_clamp_received (edge, now, DRIFT, &clamped);
  g_assert_false (clamped);
  g_assert_cmpuint (result, ==, edge);

  clamped = TRUE;
  result = bf_hlc_clamp_received (within, now, DRIFT, &clamped);
  g_assert_false (clamped);
  g_assert_cmpuint (result, ==, within);

  /* The past is not suspicious: an old edit should simply lose. */
  clamped = TRUE;
  result = bf_hlc_clamp_received (past, now, DRIFT, &clamped);
  g_assert_false (clamped);
  g_assert_cmpuint (result, ==, past);

  /* The drift given is the one used. */
  clamped = FALSE;
  result = bf_hlc_clamp_received (within, now, DAY_MS, &clamped);
  g_assert_true (clamped);
  g_assert_cmpuint (result, ==, BF_HLC_MAKE (now, 5));

  /* out_clamped may be NULL. */
  g_assert_cmpuint (bf_hlc_clamp_received (ahead, now, DRIFT, NULL), ==, BF_HLC_MAKE (now, 1234));
  g_assert_cmpuint (bf_hlc_clamp_received (within, now, DRIFT, NULL), ==, within);
}

static void
test_wall_clock_override (void)
{
  gint64 fake = beijing_ms (2009, 1, 1);
  gint64 before, real, after;

  bf_wall_clock_override (fake);
  g_assert_cmpint (bf_wall_clock_ms (), ==, fake);
  bf_wall_clock_override (fake + 1);
  g_assert_cmpint (bf_wall_clock_ms (), ==, fake + 1);

  bf_wall_clock_override (0);
  before = g_get_real_time () / 1000;
  real = bf_wall_clock_ms ();
  after = g_get_real_time () / 1000;
  g_assert_cmpint (real, >=, before);
  g_assert_cmpint (real, <=, after);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hlc/make-round-trip", test_make_round_trip);
  g_test_add_func ("/hlc/monotonic/frozen", test_monotonic_frozen);
  g_test_add_func ("/hlc/monotonic/backwards", test_monotonic_backwards);
  g_test_add_func ("/hlc/monotonic/random", test_monotonic_random);
  g_test_add_func ("/hlc/logical-overflow", test_logical_overflow);
  g_test_add_func ("/hlc/restart", test_restart);
  g_test_add_func ("/hlc/observe", test_observe);
  g_test_add_func ("/hlc/set-server-time", test_set_server_time);
  g_test_add_func ("/hlc/drift", test_drift);
  g_test_add_func ("/hlc/never-synced", test_never_synced);
  g_test_add_func ("/hlc/bad-clock-cannot-win", test_bad_clock_cannot_win);
  g_test_add_func ("/hlc/clamp-received", test_clamp_received);
  g_test_add_func ("/hlc/wall-clock-override", test_wall_clock_override);

  return g_test_run ();
}
