/* test-sync.c: the merge rules and the device's side of sync, case by case. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-uuid.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  BfStore *hub;
  BfStore *a;
  BfStore *b;
  BfScope *district;
  char    *village_id;
  char    *household_id;
  char    *cadre_id;
  gint64   wall_ms;
} Fixture;

static BfStore *
open_store (Fixture *f, const char *name)
{
  return test_open_store (f->dir, name, 2016, 12, 31);
}

/* Moves the test's wall clock a second on (a TestTick). */
static void
tick (gpointer data)
{
  Fixture *f = data;

  f->wall_ms += 1000;
  bf_wall_clock_override (f->wall_ms);
}

/* Push everything, then pull everything. */
static void
sync_store (Fixture *f, BfStore *store)
{
  test_sync_store (f->hub, store, NULL, f->district, tick, f);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfTown) town = g_new0 (BfTown, 1);
  g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
  g_autoptr(BfCadre) cadre = g_new0 (BfCadre, 1);
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);

  f->dir = g_dir_make_tmp ("bangfu-sync-XXXXXX", &error);
  f->wall_ms = G_GINT64_CONSTANT (1480000000000);
  tick (f);
  f->hub = open_store (f, "hub.db");
  g_assert_true (bf_store_make_hub (f->hub, &error));
  f->a = open_store (f, "a.db");
  f->b = open_store (f, "b.db");
  g_assert_true (bf_store_set_author (f->a, "甲", NULL));
  g_assert_true (bf_store_set_author (f->b, "乙", NULL));
  f->district = bf_scope_new_district ();

  town->name = g_strdup ("源潭镇");
  g_assert_true (bf_town_insert (f->hub, town, &error));
  village->town_id = g_strdup (town->id);
  village->name = g_strdup ("积余村");
  g_assert_true (bf_village_insert (f->hub, village, &error));
  cadre->name = g_strdup ("李志强");
  g_assert_true (bf_cadre_insert (f->hub, cadre, &error));
  household->village_id = g_strdup (village->id);
  household->head_name = g_strdup ("黄水生");
  g_assert_true (bf_household_insert (f->hub, household, &error));
  g_assert_no_error (error);
  f->village_id = g_strdup (village->id);
  f->cadre_id = g_strdup (cadre->id);
  f->household_id = g_strdup (household->id);
  sync_store (f, f->a);
  sync_store (f, f->b);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  bf_store_free (f->hub);
  bf_store_free (f->a);
  bf_store_free (f->b);
  test_remove_db (f->dir, "hub.db");
  test_remove_db (f->dir, "a.db");
  test_remove_db (f->dir, "b.db");
  g_rmdir (f->dir);
  g_free (f->dir);
  bf_scope_free (f->district);
  g_free (f->village_id);
  g_free (f->cadre_id);
  g_free (f->household_id);
  bf_wall_clock_override (0);
}

static char *
head_name (BfStore *store, const char *id)
{
  g_autoptr(BfHousehold) household = bf_household_get (store, id, NULL);
  return household ? g_strdup (household->head_name) : NULL;
}

static gint64
count (BfStore *store, const char *sql)
{
  gint64 n = -1;
  g_assert_true (bf_store_query_int64 (store, sql, &n, NULL));
  return n;
}

static void
test_fast_forward (Fixture *f, gconstpointer data)
{
  g_autofree char *on_b = NULL;

  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "head_name", "黄火生", NULL));
  sync_store (f, f->a);
  sync_store (f, f->b);
  on_b = head_name (f->b, f->household_id);
  g_assert_cmpstr (on_b, ==, "黄火生");
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM conflicts"), ==, 0);
}

static void
test_concurrent_same_field (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  BfConflict *conflict;
  g_autofree char *on_a = NULL, *on_b = NULL, *on_hub = NULL;

  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "head_name", "黄甲", NULL));
  tick (f);   /* b edits later: b's HLC wins */
  g_assert_true (bf_household_set (f->b, f->household_id, "head_name", "黄乙", NULL));
  sync_store (f, f->b);
  sync_store (f, f->a);
  sync_store (f, f->b);

  on_a = head_name (f->a, f->household_id);
  on_b = head_name (f->b, f->household_id);
  on_hub = head_name (f->hub, f->household_id);
  g_assert_cmpstr (on_hub, ==, "黄乙");
  g_assert_cmpstr (on_a, ==, "黄乙");
  g_assert_cmpstr (on_b, ==, "黄乙");

  /* One conflict, both values and both authors, and the district devices have it. */
  conflicts = bf_store_list (f->a, BF_ENTITY_CONFLICT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "head_name");
  g_assert_cmpstr (conflict->kept_value, ==, "黄乙");
  g_assert_cmpstr (conflict->other_value, ==, "黄甲");
  g_assert_cmpstr (conflict->kept_author, ==, "乙");
  g_assert_cmpstr (conflict->other_author, ==, "甲");
  g_assert_cmpint (conflict->kept_hlc, >, conflict->other_hlc);
  g_assert_cmpint (conflict->status, ==, BF_CONFLICT_OPEN);

  /* Resolving it is an ordinary edit that syncs. */
  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "head_name", conflict->other_value, NULL));
  g_assert_true (bf_conflict_set (f->a, conflict->id, "status", "resolved", NULL));
  sync_store (f, f->a);
  sync_store (f, f->b);
  g_free (on_b);
  on_b = head_name (f->b, f->household_id);
  g_assert_cmpstr (on_b, ==, "黄甲");
  g_assert_cmpint (count (f->b, "SELECT count(*) FROM conflicts WHERE status = 'resolved'"), ==, 1);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM conflicts"), ==, 1);
}

static void
test_different_fields_both_survive (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHousehold) on_a = NULL;
  g_autoptr(BfHousehold) on_b = NULL;

  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "address", "第三村民小组12号", NULL));
  tick (f);
  g_assert_true (bf_household_set (f->b, f->household_id, "status", "exited", NULL));
  sync_store (f, f->a);
  sync_store (f, f->b);
  sync_store (f, f->a);
  on_a = bf_household_get (f->a, f->household_id, NULL);
  on_b = bf_household_get (f->b, f->household_id, NULL);
  g_assert_cmpstr (on_a->address, ==, "第三村民小组12号");
  g_assert_cmpint (on_a->status, ==, BF_STATUS_EXITED);
  g_assert_true (bf_record_equal (BF_ENTITY_HOUSEHOLD, on_a, on_b));
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM conflicts"), ==, 0);
}

static void
test_edit_racing_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  BfHousehold *gone;

  tick (f);
  g_assert_true (bf_store_delete (f->a, BF_ENTITY_HOUSEHOLD, f->household_id, &error));
  tick (f);
  g_assert_true (bf_household_set (f->b, f->household_id, "address", "新地址", &error));
  sync_store (f, f->a);
  sync_store (f, f->b);
  sync_store (f, f->a);

  /* Not a silent resurrection, not a silent loss: deleted everywhere, and a conflict keeps
   * the edit for the district. */
  gone = bf_household_get (f->b, f->household_id, &error);
  g_assert_null (gone);
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f->a, "SELECT count(*) FROM conflicts WHERE field = 'deleted'"), ==, 1);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM field_versions WHERE field = 'address' AND value = '新地址'"), ==, 1);
}

static void
test_append_only_never_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit_a = g_new0 (BfVisit, 1);
  g_autoptr(BfVisit) visit_b = g_new0 (BfVisit, 1);
  g_autofree char *void_id = NULL;

  visit_a->household_id = g_strdup (f->household_id);
  visit_a->cadre_id = g_strdup (f->cadre_id);
  visit_a->date = g_strdup ("2016-05-01");
  visit_a->amount_fen = 20000;
  visit_b->household_id = g_strdup (f->household_id);
  visit_b->cadre_id = g_strdup (f->cadre_id);
  visit_b->date = g_strdup ("2016-05-01");
  tick (f);
  g_assert_true (bf_visit_insert (f->a, visit_a, &error));
  g_assert_true (bf_visit_insert (f->b, visit_b, &error));
  g_assert_true (bf_store_void (f->a, BF_ENTITY_VISIT, visit_a->id, "金额填错", &void_id, &error));
  g_assert_no_error (error);
  sync_store (f, f->a);
  sync_store (f, f->b);
  g_assert_cmpint (count (f->b, "SELECT count(*) FROM visits"), ==, 3);
  g_assert_cmpint (count (f->b, "SELECT count(*) FROM visits WHERE voids_id IS NOT NULL AND void_reason = '金额填错'"), ==, 1);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM conflicts"), ==, 0);
  /* Neither edited nor deleted, even by a hand-made change. */
  g_assert_false (bf_store_update_field (f->a, BF_ENTITY_VISIT, visit_b->id, "amount_fen", "1", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  g_assert_false (bf_store_delete (f->a, BF_ENTITY_VISIT, visit_b->id, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY);
}

static void
test_retry_applies_nothing_twice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPushResponse) first = NULL;
  g_autoptr(BfPushResponse) second = NULL;
  gint64 before;

  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "address", "一组", NULL));
  g_assert_true (bf_household_set (f->a, f->household_id, "address", "二组", NULL));
  outbox = bf_sync_outbox (f->a, 100, &error);
  g_assert_cmpuint (outbox->changes->len, ==, 2);
  before = count (f->hub, "SELECT count(*) FROM hub_log");
  first = bf_hub_push (f->hub, outbox, &error);
  second = bf_hub_push (f->hub, outbox, &error);   /* the response was lost; the device retries */
  g_assert_no_error (error);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM hub_log"), ==, before + 2);
  g_assert_cmpint (((BfPushResult *) g_ptr_array_index (first->results, 0))->status, ==, BF_PUSH_ACCEPTED);
  g_assert_cmpint (((BfPushResult *) g_ptr_array_index (second->results, 0))->status, ==, BF_PUSH_DUPLICATE);
  g_assert_cmpint (((BfPushResult *) g_ptr_array_index (second->results, 1))->server_seq, ==,
                   ((BfPushResult *) g_ptr_array_index (first->results, 1))->server_seq);
  /* Both edits were made in order on one device: no conflict between them. */
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM conflicts"), ==, 0);
}

static void
test_gap_waits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPushResponse) response = NULL;

  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "address", "一组", NULL));
  g_assert_true (bf_household_set (f->a, f->household_id, "address", "二组", NULL));
  outbox = bf_sync_outbox (f->a, 100, &error);
  g_ptr_array_remove_index (outbox->changes, 0);   /* the first was lost on the way */
  response = bf_hub_push (f->hub, outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->results->len, ==, 0);
  g_assert_cmpint (bf_sync_count_pending (f->a, NULL), ==, 2);
  sync_store (f, f->a);
  g_assert_cmpint (bf_sync_count_pending (f->a, NULL), ==, 0);
}

static void
test_rejected_kept_and_resent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
  gint64 seq;
  GDate later;

  /* The device's calendar says 2017; the hub's says the visit is in the future. */
  g_date_clear (&later, 1);
  g_date_set_dmy (&later, 1, 3, 2017);
  bf_store_set_today (f->a, &later);
  visit->household_id = g_strdup (f->household_id);
  visit->cadre_id = g_strdup (f->cadre_id);
  visit->date = g_strdup ("2017-02-01");
  tick (f);
  g_assert_true (bf_visit_insert (f->a, visit, &error));
  sync_store (f, f->a);
  g_assert_cmpint (bf_sync_count_rejected (f->a, NULL), ==, 1);
  g_assert_cmpint (count (f->a, "SELECT count(*) FROM change_log WHERE state = 'rejected' AND reason LIKE '%2017-02-01%'"), ==, 1);
  /* The rows show the hub's truth; the refused change is kept to fix and resend. */
  g_assert_null (bf_visit_get (f->a, visit->id, NULL));
  g_assert_true (bf_store_query_int64 (f->a, "SELECT seq FROM change_log WHERE state = 'rejected'", &seq, NULL));

  /* Once the hub's calendar reaches that day, resending succeeds. */
  bf_store_set_today (f->hub, &later);
  g_assert_true (bf_sync_resend (f->a, seq, &error));
  g_assert_no_error (error);
  sync_store (f, f->a);
  g_assert_cmpint (bf_sync_count_rejected (f->a, NULL), ==, 0);
  g_assert_cmpint (bf_sync_count_pending (f->a, NULL), ==, 0);
  {
    g_autoptr(BfVisit) on_hub = bf_visit_get (f->hub, visit->id, NULL);
    g_autoptr(BfVisit) on_a = bf_visit_get (f->a, visit->id, NULL);
    g_assert_nonnull (on_hub);
    g_assert_nonnull (on_a);
  }
}

static void
test_local_edit_stays_on_top (Fixture *f, gconstpointer data)
{
  g_autofree char *shown = NULL;
  g_autofree char *after = NULL;

  /* b's clock runs ahead, so b's edit wins the merge; a's own edit is shown until the hub
   * has answered, and then the hub's answer. */
  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "head_name", "黄甲", NULL));
  f->wall_ms += 3600 * 1000;
  bf_wall_clock_override (f->wall_ms);
  g_assert_true (bf_household_set (f->b, f->household_id, "head_name", "黄乙", NULL));
  sync_store (f, f->b);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BfBatch) batch = bf_hub_pull (f->hub, bf_sync_cursor (f->a, NULL), f->district, 100, &error);
    g_assert_true (bf_sync_apply_pull (f->a, batch, &error));
  }
  shown = head_name (f->a, f->household_id);
  g_assert_cmpstr (shown, ==, "黄甲");
  sync_store (f, f->a);
  after = head_name (f->a, f->household_id);
  g_assert_cmpstr (after, ==, "黄乙");
}

static void
test_bad_clock_clamped (Fixture *f, gconstpointer data)
{
  gint64 clamped = 0;

  /* a's clock says 2031 (and it has never heard from the hub since a restart). */
  tick (f);
  bf_wall_clock_override (f->wall_ms + G_GINT64_CONSTANT (15) * 365 * 24 * 3600 * 1000);
  g_assert_true (bf_household_set (f->a, f->household_id, "head_name", "黄二〇三一", NULL));
  bf_wall_clock_override (f->wall_ms);
  sync_store (f, f->a);
  clamped = count (f->hub, "SELECT count(*) FROM hub_log WHERE clamped AND entity = 'household'");
  g_assert_cmpint (clamped, ==, 1);
  /* b's honest edit a minute later wins. */
  f->wall_ms += 60 * 1000;
  bf_wall_clock_override (f->wall_ms);
  sync_store (f, f->b);
  g_assert_true (bf_household_set (f->b, f->household_id, "head_name", "黄乙", NULL));
  sync_store (f, f->b);
  sync_store (f, f->a);
  {
    g_autofree char *on_hub = head_name (f->hub, f->household_id);
    g_autofree char *on_a = head_name (f->a, f->household_id);
    g_assert_cmpstr (on_hub, ==, "黄乙");
    g_assert_cmpstr (on_a, ==, "黄乙");
  }
}

static void
test_pull_twice_and_restart (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = NULL;
  g_autofree char *path = g_build_filename (f->dir, "b.db", NULL);
  g_autofree char *name = NULL;

  tick (f);
  g_assert_true (bf_household_set (f->a, f->household_id, "head_name", "黄火生", NULL));
  sync_store (f, f->a);
  batch = bf_hub_pull (f->hub, bf_sync_cursor (f->b, NULL), f->district, 100, &error);
  g_assert_true (bf_sync_apply_pull (f->b, batch, &error));
  g_assert_true (bf_sync_apply_pull (f->b, batch, &error));   /* delivered twice */
  bf_store_free (f->b);
  f->b = bf_store_open (path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_sync_cursor (f->b, NULL), ==, batch->cursor);
  name = head_name (f->b, f->household_id);
  g_assert_cmpstr (name, ==, "黄火生");
}

static char *
logged_village (BfStore *hub, const char *row_id)
{
  char *village = NULL;
  g_assert_true (bf_store_query_text (hub, &village, NULL,
                                      "SELECT village_id FROM hub_log WHERE row_id = ?", row_id, NULL));
  return village;
}

static char *
add_visit (Fixture *f, BfStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);

  visit->household_id = g_strdup (f->household_id);
  visit->cadre_id = g_strdup (f->cadre_id);
  visit->date = g_strdup ("2016-12-01");
  visit->kinds = 1;
  g_assert_true (bf_visit_insert (store, visit, &error));
  g_assert_no_error (error);
  return g_strdup (visit->id);
}

/* One push: a visit, the household moving to another village, a visit. The hub remembers a
 * household's village for a run of visits; the move must end the run, or the second visit
 * would be logged for the old village and reach the wrong devices. */
static void
test_memo_follows_a_move (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
  g_autofree char *before = NULL, *after = NULL, *first = NULL, *second = NULL;
  g_autoptr(BfVillage) old_village = bf_village_get (f->hub, f->village_id, &error);

  village->town_id = g_strdup (old_village->town_id);
  village->name = g_strdup ("新联村");
  g_assert_true (bf_village_insert (f->hub, village, &error));
  sync_store (f, f->a);
  before = add_visit (f, f->a);
  g_assert_true (bf_household_set (f->a, f->household_id, "village_id", village->id, &error));
  after = add_visit (f, f->a);
  g_assert_no_error (error);
  g_assert_cmpint (bf_sync_count_pending (f->a, NULL), ==, 3);
  sync_store (f, f->a);
  g_assert_cmpint (bf_sync_count_pending (f->a, NULL), ==, 0);
  first = logged_village (f->hub, before);
  second = logged_village (f->hub, after);
  g_assert_cmpstr (first, ==, f->village_id);
  g_assert_cmpstr (second, ==, village->id);
}

static gboolean
pulled_row (BfStore *hub, const BfScope *scope, const char *row_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = bf_hub_pull (hub, 0, scope, 1000, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < batch->changes->len; i++)
    if (g_strcmp0 (((BfChange *) g_ptr_array_index (batch->changes, i))->row_id, row_id) == 0)
      return TRUE;
  return FALSE;
}

/* A town's pull goes by the villages the town has now (schema step 8): a village moved into it
 * brings the history it had in its old town, which the old town's devices no longer get. */
static void
test_town_pull_follows_its_villages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfTown) other_town = g_new0 (BfTown, 1);
  g_autoptr(BfVillage) moving = g_new0 (BfVillage, 1);
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);
  g_autoptr(BfVillage) home = bf_village_get (f->hub, f->village_id, &error);
  g_autoptr(BfScope) this_town = bf_scope_new ();
  g_autoptr(BfScope) that_town = bf_scope_new ();

  other_town->name = g_strdup ("飞来峡镇");
  g_assert_true (bf_town_insert (f->hub, other_town, &error));
  moving->town_id = g_strdup (other_town->id);
  moving->name = g_strdup ("新联村");
  g_assert_true (bf_village_insert (f->hub, moving, &error));
  household->village_id = g_strdup (moving->id);
  household->head_name = g_strdup ("陈观生");
  g_assert_true (bf_household_insert (f->hub, household, &error));
  g_assert_no_error (error);
  bf_scope_add_town (this_town, home->town_id);
  bf_scope_add_town (that_town, other_town->id);

  g_assert_true (pulled_row (f->hub, this_town, f->household_id));
  g_assert_false (pulled_row (f->hub, this_town, household->id));
  g_assert_true (pulled_row (f->hub, that_town, household->id));

  g_assert_true (bf_village_set (f->hub, moving->id, "town_id", home->town_id, &error));
  g_assert_no_error (error);
  g_assert_true (pulled_row (f->hub, this_town, household->id));
  g_assert_false (pulled_row (f->hub, that_town, household->id));
}

/* The hub's answer and its rows, as one text, for comparing hubs. */
static char *
push_outcome (BfStore *hub, const BfBatch *batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPushResponse) response = bf_hub_push (hub, batch, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < response->results->len; i++)
    {
      const BfPushResult *result = g_ptr_array_index (response->results, i);
      const BfChange *change = g_ptr_array_index (batch->changes, i);
      g_autoptr(BfVisit) visit = bf_visit_get (hub, change->row_id, NULL);

      g_string_append_printf (out, "%d %s | %s %s\n", result->status,
                              result->reason ? result->reason : "-",
                              visit ? visit->date : "-", visit ? visit->description : "-");
    }
  return g_string_free (out, FALSE);
}

/* The server checks a pushed creation's row on its pool, ahead of the store thread
 * (bf_hub_prepare_push). Whatever the row — good, a bad value, a field the record lacks, a
 * household that does not exist — the hub answers and stores exactly what it does without
 * the checks made ahead; and checks made with another policy, or on another day, are not
 * used. */
static void
test_checked_ahead (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPolicy) other_policy = bf_policy_load_default (&error);
  g_autofree char *hub_path = g_build_filename (f->dir, "hub.db", NULL);
  g_autofree char *plain = NULL;
  g_autofree char *no_such_household = bf_uuid_random ();
  const char *copies[] = { "ahead.db", "other-policy.db", "other-day.db" };
  GDate other_day;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      visit->household_id = g_strdup (f->household_id);
      visit->cadre_id = g_strdup (f->cadre_id);
      visit->date = g_strdup ("2016-11-01");
      visit->kinds = BF_HELP_POLICY;
      visit->description = g_strdup_printf ("走访 %d", i);
      g_assert_true (bf_visit_insert (f->a, visit, &error));
    }
  outbox = bf_sync_outbox (f->a, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->changes->len, ==, 5);
  bf_change_set_field (g_ptr_array_index (outbox->changes, 1), "date", "2016-02-30");
  bf_change_set_field (g_ptr_array_index (outbox->changes, 2), "colour", "red");
  bf_change_set_field (g_ptr_array_index (outbox->changes, 3), "household_id", no_such_household);
  bf_change_set_field (g_ptr_array_index (outbox->changes, 4), "amount_fen", "-100");

  /* Four hubs alike, the real date as "today" on each (the checks ahead use the real date). */
  bf_store_set_today (f->hub, NULL);
  bf_store_free (f->hub);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, copies[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_assert_true (g_file_get_contents (hub_path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
    }
  f->hub = bf_store_open (hub_path, 0, &error);
  g_assert_no_error (error);
  plain = push_outcome (f->hub, outbox);
  g_test_message ("%s", plain);
  g_assert_nonnull (strstr (plain, "0 - | 2016-11-01 走访 0"));
  g_assert_null (strstr (plain + strlen ("0 - |"), "0 - |"));   /* the other four refused */

  g_date_clear (&other_day, 1);
  g_date_set_dmy (&other_day, 1, 1, 2016);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, copies[i], NULL);
      g_autoptr(BfStore) hub = bf_store_open (path, 0, &error);
      g_autoptr(BfBatch) batch = bf_batch_new (outbox->sender);
      g_autofree char *outcome = NULL;

      g_assert_no_error (error);
      for (guint j = 0; j < outbox->changes->len; j++)
        g_ptr_array_add (batch->changes, bf_change_copy (g_ptr_array_index (outbox->changes, j)));
      bf_hub_prepare_push (batch, i == 1 ? other_policy : bf_store_get_policy (hub));
      if (i == 2)
        bf_store_set_today (hub, &other_day);
      outcome = push_outcome (hub, batch);
      if (i == 2)
        /* 2016-11-01 is after that day: the good visit is refused, by the store's own check. */
        g_assert_true (g_str_has_prefix (outcome, "2 "));
      else
        g_assert_cmpstr (outcome, ==, plain);
    }
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    test_remove_db (f->dir, copies[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/fast-forward", test_fast_forward);
  ADD ("/sync/concurrent-same-field", test_concurrent_same_field);
  ADD ("/sync/different-fields-both-survive", test_different_fields_both_survive);
  ADD ("/sync/edit-racing-delete", test_edit_racing_delete);
  ADD ("/sync/append-only-never-conflict", test_append_only_never_conflict);
  ADD ("/sync/retry-applies-nothing-twice", test_retry_applies_nothing_twice);
  ADD ("/sync/gap-waits", test_gap_waits);
  ADD ("/sync/rejected-kept-and-resent", test_rejected_kept_and_resent);
  ADD ("/sync/local-edit-stays-on-top", test_local_edit_stays_on_top);
  ADD ("/sync/bad-clock-clamped", test_bad_clock_clamped);
  ADD ("/sync/pull-twice-and-restart", test_pull_twice_and_restart);
  ADD ("/sync/memo-follows-a-move", test_memo_follows_a_move);
  ADD ("/sync/town-pull-follows-its-villages", test_town_pull_follows_its_villages);
  ADD ("/sync/checked-ahead", test_checked_ahead);
  return g_test_run ();
}
