/* test-sync-purge.c: rows outside the device's scope leave it: through a sync when the
 * hub shrinks a cadre's scope (and come back when it grows again), and bf_sync_purge_outside
 * on its own. The server is the in-process one in sync-client-fixture.c.
 */
#include "bf-config.h"

#include "bf-sync-purge.h"
#include "sync-client-fixture.h"

/* The cadre hands village B over: its rows leave the device, except what still waits to be
 * sent; the hub refuses that, with a reason, since B is no longer the cadre's. */
static void
test_scope_shrinks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  g_autoptr(BfScope) scope = NULL;

  g_assert_true (login (f, "li", "secret", &error));
  g_free (sync_once (f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);
  g_assert_true (bf_household_set (f->device, f->household_b, "address", "交接前", NULL));

  g_ptr_array_remove_index (f->cadre_scope->village_ids, 1);
  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rejected, ==, 1);
  g_assert_cmpuint (summary->purged, >, 0);
  g_assert_cmpint (bf_sync_count_rejected (f->device, NULL), ==, 1);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 1);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_VILLAGE_INCOME, NULL), ==, 0);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_INSPECTION, NULL), ==, 0);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_PAYMENT, NULL), ==, 0);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_VILLAGE, NULL), ==, 2);   /* reference data stays */
  scope = bf_sync_client_dup_scope (f->client);
  g_assert_cmpuint (scope->village_ids->len, ==, 1);

  /* B comes back: the hub left it out of every pull since, so the client pulls from the
   * start again and gets it all. */
  bf_scope_add_village (f->cadre_scope, f->village_b);
  g_clear_pointer (&summary, g_free);
  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_VILLAGE_INCOME, NULL), ==, 1);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_INSPECTION, NULL), ==, 1);
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==,
                   count (f->hub, "SELECT max(server_seq) FROM hub_log"));
}

/* The purge on its own: pending rows stay, with what they need. */
static void
test_purge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfScope) district = bf_scope_new_district ();
  g_autoptr(BfScope) only_a = bf_scope_new ();
  g_autoptr(BfBatch) batch = bf_hub_pull (f->hub, 0, district, 100000, &error);
  g_autoptr(GPtrArray) b_households = NULL;
  g_autofree char *sql = NULL;
  const char *kept = NULL;
  guint removed = 0;

  g_assert_true (bf_sync_apply_pull (f->device, batch, &error));
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_CONFLICT, NULL), ==, 1);
  /* A district device sees everything: nothing to purge. */
  g_assert_true (bf_sync_purge_outside (f->device, district, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);

  /* In B: one household with a visit waiting to be sent, one with nothing pending. */
  b_households = bf_household_list_by (f->device, "village_id", f->village_b, &error);
  g_assert_cmpuint (b_households->len, ==, 2);
  kept = bf_record_id (g_ptr_array_index (b_households, 0));
  add_visits (f->device, kept, f->cadre_id, 1);

  bf_scope_add_village (only_a, f->village_a);
  g_assert_true (bf_sync_purge_outside (f->device, only_a, &removed, &error));
  g_assert_no_error (error);
  /* Gone: the other household with its member, pairing and visit, the village income, the
   * inspection, the payment to the village, the conflict. */
  g_assert_cmpuint (removed, ==, 4 + 3 + 1);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 2);
  sql = g_strdup_printf ("SELECT count(*) FROM households WHERE id = '%s'", kept);
  g_assert_cmpint (count (f->device, sql), ==, 1);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM members"), ==, 2);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM visits"), ==, 3);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM village_incomes"), ==, 0);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM inspections"), ==, 0);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM payments"), ==, 0);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM conflicts"), ==, 0);
  /* Nothing was logged, and the shadow holds no trace of what went. */
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 1);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM row_versions r WHERE NOT EXISTS"
                                     " (SELECT 1 FROM households WHERE id = r.row_id UNION ALL"
                                     "  SELECT 1 FROM members WHERE id = r.row_id UNION ALL"
                                     "  SELECT 1 FROM pairings WHERE id = r.row_id UNION ALL"
                                     "  SELECT 1 FROM visits WHERE id = r.row_id UNION ALL"
                                     "  SELECT 1 FROM towns WHERE id = r.row_id UNION ALL"
                                     "  SELECT 1 FROM villages WHERE id = r.row_id UNION ALL"
                                     "  SELECT 1 FROM units WHERE id = r.row_id UNION ALL"
                                     "  SELECT 1 FROM cadres WHERE id = r.row_id)"), ==, 0);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* Once the visit is sent and settled, the household goes too. */
  g_assert_true (bf_store_exec (f->device, "DELETE FROM pending_fields", NULL));
  g_assert_true (bf_sync_purge_outside (f->device, only_a, &removed, &error));
  g_assert_cmpuint (removed, ==, 5);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 1);
}

int
main (int argc, char **argv)
{
  fixture_test_init (&argc, &argv);

  FIXTURE_ADD ("/sync-client/scope-shrinks", test_scope_shrinks);
  FIXTURE_ADD ("/sync-client/purge", test_purge);
  return g_test_run ();
}
