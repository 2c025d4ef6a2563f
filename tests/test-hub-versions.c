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

/* A pushed visit created a second time (another laptop sending the same row — a copied
 * database): the row's version, kept in the hub's log, is written down first, so the older of
 * the two creations loses field by field as for any row instead of overwriting it. */
static void
test_pushed_visit_created_twice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *household = add_household (f, f->hub, f->v1, "陈观生", NULL);
  g_autofree char *other_device = bf_uuid_random ();
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfBatch) twice = NULL;
  g_autoptr(BfPushResponse) response = NULL;
  g_autoptr(BfVisit) kept = NULL;
  g_autofree char *visit = NULL;
  BfHubWriter cadre = cadre_writer (f, f->b);
  BfHubWriter copy_writer = cadre;
  BfChange *again;

  sync_store (f, f->b, &cadre);
  visit = add_visit (f, f->b, household, "2016-11-01");
  outbox = bf_sync_outbox (f->b, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->changes->len, ==, 1);
  sync_store (f, f->b, &cadre);

  again = bf_change_copy (g_ptr_array_index (outbox->changes, 0));
  g_free (again->device_id);
  again->device_id = g_strdup (other_device);
  again->seq = 1;
  again->hlc -= (BfHlc) 1 << 32;   /* made earlier */
  bf_change_set_field (again, "description", "复制的走访");
  twice = bf_batch_new (other_device);
  g_ptr_array_add (twice->changes, again);
  copy_writer.device = other_device;
  response = bf_hub_push_as (f->hub, twice, &copy_writer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->results->len, ==, 1);
  g_assert_cmpint (((BfPushResult *) g_ptr_array_index (response->results, 0))->status, ==,
                   BF_PUSH_ACCEPTED);
  kept = bf_visit_get (f->hub, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->description, ==, "走访");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  MERGE_ADD ("/hub-versions/pushed-visits-merged-by-clerk", test_pushed_visits_merged_by_clerk);
  MERGE_ADD ("/hub-versions/pushed-visits-merged-on-hub", test_pushed_visits_merged_on_hub);
  MERGE_ADD ("/hub-versions/pushed-visit-created-twice", test_pushed_visit_created_twice);
  return g_test_run ();
}
