/* test-hub-versions.c: on the hub, a pushed visit or payment keeps its version in the hub's
 * log, not in row_versions; what later reaches such a row — a district merge, a second
 * creation — merges as for any row. */
#include "bf-config.h"

#include <string.h>

#include "bf-merge.h"
#include "bf-sync-private.h"
#include "bf-uuid.h"
#include "merge-fixture.h"

/* On the hub a pushed visit keeps no row version of its own: its version is its creation in
 * the hub's log. A merge — made on a clerk's laptop, or on the hub itself — edits such visits
 * against that version, with no conflict, and every store ends the same. */
static void
merge_pushed_visits (Fixture *f, gboolean on_hub)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = id_number (f);
  g_autofree char *id2 = id_number (f);
  g_autofree char *keep = add_household (f, f->hub, f->v1, "陈观生", id1);
  g_autofree char *retire = add_household (f, f->hub, f->v1, "陈观生", id2);
  g_autofree char *visit = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *on_hub_digest = NULL, *on_a = NULL, *on_b = NULL;
  g_autoptr(BfVisit) moved = NULL;
  BfHubWriter clerk = district_writer (f, f->a);
  BfHubWriter cadre = cadre_writer (f, f->b);
  BfVersion version = { NULL };
  gboolean found = FALSE;

  sync_store (f, f->a, &clerk);
  sync_store (f, f->b, &cadre);
  visit = add_visit (f, f->b, retire, "2016-11-01");
  g_free (add_visit (f, f->b, retire, "2016-11-02"));
  sync_store (f, f->b, &cadre);

  sql = g_strdup_printf ("SELECT count(*) FROM row_versions WHERE entity = 'visit' AND row_id = '%s'",
                         visit);
  g_assert_cmpint (query_int (f->hub, sql), ==, 0);
  g_assert_true (bf_sync_confirmed_version (f->hub, BF_ENTITY_VISIT, visit, "household_id",
                                            &version, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpstr (version.device, ==, bf_store_device_id (f->b));
  bf_version_clear (&version);

  tick (f);
  if (on_hub)
    g_assert_true (bf_merge_households (f->hub, keep, retire, NULL, &error));
  else
    {
      sync_store (f, f->a, &clerk);
      g_assert_true (bf_merge_households (f->a, keep, retire, NULL, &error));
    }
  g_assert_no_error (error);
  sync_store (f, f->a, &clerk);
  sync_store (f, f->b, &cadre);
  sync_store (f, f->a, &clerk);

  moved = bf_visit_get (f->hub, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved->household_id, ==, keep);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, keep), ==, 2);
  /* The merge's edit was made against the creation: no conflict. */
  g_assert_cmpint (query_int (f->hub, "SELECT count(*) FROM conflicts WHERE entity = 'visit'"), ==, 0);
  /* Edited, the visit has its row version written down like any other row. */
  g_assert_cmpint (query_int (f->hub, sql), ==, 1);
  on_hub_digest = digest (f->hub, keep, retire);
  on_a = digest (f->a, keep, retire);
  on_b = digest (f->b, keep, retire);
  g_assert_cmpstr (on_a, ==, on_hub_digest);
  g_assert_cmpstr (on_b, ==, on_hub_digest);
}

static void
test_pushed_visits_merged_by_clerk (Fixture *f, gconstpointer data)
{
  merge_pushed_visits (f, FALSE);
}

static void
test_pushed_visits_merged_on_hub (Fixture *f, gconstpointer data)
{
  merge_pushed_visits (f, TRUE);
}

/* A copy of @change as another device @other_device would send it: its first change, made
 * earlier, with its own description. */
static BfBatch *
copied_creation (const BfChange *change, const char *other_device)
{
  BfBatch *batch = bf_batch_new (other_device);
  BfChange *again = bf_change_copy (change);

  g_free (again->device_id);
  again->device_id = g_strdup (other_device);
  again->seq = 1;
  again->hlc -= (BfHlc) 1 << 32;   /* made earlier */
  bf_change_set_field (again, "description", "复制的走访");
  g_ptr_array_add (batch->changes, again);
  return batch;
}

/* @visit's creation, as @store sent it. */
static BfChange *
creation_of (BfStore *store, const char *visit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) outbox = bf_sync_outbox (store, 100, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < outbox->changes->len; i++)
    {
      BfChange *change = g_ptr_array_index (outbox->changes, i);
      if (g_strcmp0 (change->row_id, visit) == 0)
        return bf_change_copy (change);
    }
  g_assert_not_reached ();
}

static BfPushResult *
push_one (Fixture *f, BfBatch *batch, const BfHubWriter *writer, gboolean checked_ahead)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPushResponse) response = NULL;

  /* As the server does it: built and checked on its pool, then merged without reading
   * whether the row exists (bf-hub.c, may_assume_new). */
  if (checked_ahead)
    {
      /* The pool checks against the real date: so must the hub, for the checks to count. */
      bf_store_set_today (f->hub, NULL);
      bf_hub_prepare_push (batch, bf_store_get_policy (f->hub));
    }
  response = bf_hub_push_as (f->hub, batch, writer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->results->len, ==, 1);
  return g_ptr_array_steal_index (response->results, 0);
}

/* A pushed visit created a second time (another laptop sending the same row — a copied
 * database): the row's version, kept in the hub's log, is written down first, so the older of
 * the two creations loses field by field as for any row instead of overwriting it. Checked
 * ahead, the copy is taken as new at first; its insert finds the row and it is merged the same
 * way, with the row read. */
static void
pushed_visit_created_twice (Fixture *f, gboolean checked_ahead)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *household = add_household (f, f->hub, f->v1, "陈观生", NULL);
  g_autofree char *other_device = bf_uuid_random ();
  g_autoptr(BfBatch) twice = NULL;
  g_autoptr(BfChange) creation = NULL;
  g_autoptr(BfVisit) kept = NULL;
  g_autofree char *visit = NULL;
  g_autofree char *logged = NULL;
  BfHubWriter cadre = cadre_writer (f, f->b);
  BfHubWriter copy_writer = cadre;
  BfPushResult *result;

  sync_store (f, f->b, &cadre);
  visit = add_visit (f, f->b, household, "2016-11-01");
  creation = creation_of (f->b, visit);
  sync_store (f, f->b, &cadre);

  twice = copied_creation (creation, other_device);
  copy_writer.device = other_device;
  result = push_one (f, twice, &copy_writer, checked_ahead);
  g_assert_cmpint (result->status, ==, BF_PUSH_ACCEPTED);
  g_assert_cmpint (result->server_seq, >, 0);
  bf_push_result_free (result);
  kept = bf_visit_get (f->hub, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->description, ==, "走访");
  /* Both creations are in the log, the second once. */
  logged = g_strdup_printf ("SELECT count(*) FROM hub_log WHERE row_id = '%s'", visit);
  g_assert_cmpint (query_int (f->hub, logged), ==, 2);
}

static void
test_pushed_visit_created_twice (Fixture *f, gconstpointer data)
{
  pushed_visit_created_twice (f, FALSE);
}

static void
test_pushed_visit_created_twice_checked_ahead (Fixture *f, gconstpointer data)
{
  pushed_visit_created_twice (f, TRUE);
}

/* Taken as new, a copy of a visit of another village passes the scope check on the household
 * it names; found to exist, it is checked again against the visit as it is, and refused. */
static void
test_created_twice_outside_scope (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = add_household (f, f->hub, f->v1, "陈观生", NULL);
  g_autofree char *theirs = add_household (f, f->hub, f->v2, "黄少兰", NULL);
  g_autofree char *other_device = bf_uuid_random ();
  g_autofree char *visit = NULL;
  g_autoptr(BfChange) creation = NULL;
  g_autoptr(BfBatch) copy = NULL;
  g_autoptr(BfVisit) kept = NULL;
  BfHubWriter clerk = district_writer (f, f->a);
  BfHubWriter cadre = cadre_writer (f, f->b);
  BfPushResult *result;

  sync_store (f, f->a, &clerk);
  visit = add_visit (f, f->a, theirs, "2016-11-01");
  creation = creation_of (f->a, visit);
  sync_store (f, f->a, &clerk);

  copy = copied_creation (creation, other_device);
  bf_change_set_field (g_ptr_array_index (copy->changes, 0), "household_id", mine);
  cadre.device = other_device;
  result = push_one (f, copy, &cadre, TRUE);
  g_assert_cmpint (result->status, ==, BF_PUSH_REJECTED);
  g_assert_nonnull (strstr (result->reason, "outside your area"));
  bf_push_result_free (result);
  kept = bf_visit_get (f->hub, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->household_id, ==, theirs);
  g_assert_cmpstr (kept->description, ==, "走访");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  MERGE_ADD ("/hub-versions/pushed-visits-merged-by-clerk", test_pushed_visits_merged_by_clerk);
  MERGE_ADD ("/hub-versions/pushed-visits-merged-on-hub", test_pushed_visits_merged_on_hub);
  MERGE_ADD ("/hub-versions/pushed-visit-created-twice", test_pushed_visit_created_twice);
  MERGE_ADD ("/hub-versions/pushed-visit-created-twice-checked-ahead",
             test_pushed_visit_created_twice_checked_ahead);
  MERGE_ADD ("/hub-versions/created-twice-outside-scope", test_created_twice_outside_scope);
  return g_test_run ();
}
