/* test-sync-refused.c: the device's list of changes the hub refused (bf-sync-refused.c) —
 * real refusals from a real hub, in the device's order, each with its reason and the
 * household it belongs to, and gone from the list once resent. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-sync-refused.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  BfStore *hub;
  BfStore *device;
  char    *household_id;
  char    *member_id;
  char    *other_village_id;
} Fixture;

static BfStore *
open_store (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static void
pull_all (Fixture *f)
{
  g_autoptr(BfScope) district = bf_scope_new_district ();
  g_autoptr(GError) error = NULL;

  for (gboolean more = TRUE; more;)
    {
      g_autoptr(BfBatch) batch = bf_hub_pull (f->hub, bf_sync_cursor (f->device, NULL), district,
                                              100, &error);
      g_assert_no_error (error);
      g_assert_true (bf_sync_apply_pull (f->device, batch, &error));
      more = batch->more;
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfTown) town = g_new0 (BfTown, 1);
  g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
  g_autoptr(BfVillage) other = g_new0 (BfVillage, 1);
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);
  g_autoptr(BfMember) member = g_new0 (BfMember, 1);

  f->dir = g_dir_make_tmp ("bangfu-refused-XXXXXX", &error);
  f->hub = open_store (f, "hub.db");
  g_assert_true (bf_store_make_hub (f->hub, &error));
  f->device = open_store (f, "device.db");

  town->name = g_strdup ("飞来峡镇");
  g_assert_true (bf_town_insert (f->hub, town, &error));
  village->town_id = g_strdup (town->id);
  village->name = g_strdup ("旧岭村");
  g_assert_true (bf_village_insert (f->hub, village, &error));
  other->town_id = g_strdup (town->id);
  other->name = g_strdup ("文洞村");
  g_assert_true (bf_village_insert (f->hub, other, &error));
  household->village_id = g_strdup (village->id);
  household->head_name = g_strdup ("邓金福");
  g_assert_true (bf_household_insert (f->hub, household, &error));
  member->household_id = g_strdup (household->id);
  member->name = g_strdup ("邓金福");
  member->relation = BF_RELATION_HEAD;
  g_assert_true (bf_member_insert (f->hub, member, &error));
  g_assert_no_error (error);
  f->household_id = g_strdup (household->id);
  f->member_id = g_strdup (member->id);
  f->other_village_id = g_strdup (other->id);
  pull_all (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  bf_store_free (f->hub);
  bf_store_free (f->device);
  test_remove_db (f->dir, "hub.db");
  test_remove_db (f->dir, "device.db");
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->household_id);
  g_free (f->member_id);
  g_free (f->other_village_id);
}

/* Pushes the device's outbox as a cadre of the other village: the hub refuses all of it. */
static void
push_outside_scope (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) outbox = bf_sync_outbox (f->device, 100, &error);
  g_autoptr(BfScope) scope = bf_scope_new ();
  g_autoptr(BfPushResponse) response = NULL;
  BfHubWriter writer = { "cadre", bf_store_device_id (f->device), scope, FALSE, FALSE };

  g_assert_no_error (error);
  bf_scope_add_village (scope, f->other_village_id);
  response = bf_hub_push_as (f->hub, outbox, &writer, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < response->results->len; i++)
    g_assert_cmpint (((BfPushResult *) g_ptr_array_index (response->results, i))->status, ==,
                     BF_PUSH_REJECTED);
  g_assert_true (bf_sync_take_push_response (f->device, response, &error));
}

static void
test_lists_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfMember) child = g_new0 (BfMember, 1);
  g_autoptr(GPtrArray) refused = NULL;
  const BfRefusedChange *first, *second, *third;

  /* An edit of the card, a new member, an edit of an existing member. */
  g_assert_true (bf_household_set (f->device, f->household_id, "phone", "13800138000", &error));
  child->household_id = g_strdup (f->household_id);
  child->name = g_strdup ("邓小梅");
  child->relation = BF_RELATION_CHILD;
  child->sex = BF_SEX_FEMALE;
  g_assert_true (bf_member_insert (f->device, child, &error));
  g_assert_true (bf_member_set (f->device, f->member_id, "pension_insured", "true", &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 3);
  push_outside_scope (f);

  refused = bf_sync_list_refused (f->device, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 3);
  first = g_ptr_array_index (refused, 0);
  second = g_ptr_array_index (refused, 1);
  third = g_ptr_array_index (refused, 2);
  g_assert_cmpint (first->change->seq, <, second->change->seq);
  g_assert_cmpint (second->change->seq, <, third->change->seq);
  g_assert_cmpint (first->change->entity, ==, BF_ENTITY_HOUSEHOLD);
  g_assert_cmpstr (bf_change_get_field (first->change, "phone")->value, ==, "13800138000");
  g_assert_cmpint (second->change->entity, ==, BF_ENTITY_MEMBER);
  g_assert_true (bf_change_is_creation (second->change));
  g_assert_cmpint (third->change->entity, ==, BF_ENTITY_MEMBER);
  g_assert_cmpint (third->made_at, >, 0);
  for (guint i = 0; i < refused->len; i++)
    {
      const BfRefusedChange *one = g_ptr_array_index (refused, i);

      /* The hub's words, and the household to open: the row itself, the household_id the
       * creation set, or the one the edited member holds. */
      g_assert_nonnull (one->reason);
      g_assert_cmpstr (one->reason, !=, "");
      g_assert_cmpstr (one->household_id, ==, f->household_id);
    }

  /* Resent, a change leaves the list and goes out again. */
  g_assert_true (bf_sync_resend (f->device, first->change->seq, &error));
  g_assert_no_error (error);
  g_clear_pointer (&refused, g_ptr_array_unref);
  refused = bf_sync_list_refused (f->device, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 2);
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 1);
}

static void
add_result (BfPushResponse *response, const char *device, gint64 seq, BfPushStatus status,
            gint64 server_seq)
{
  BfPushResult *result = g_new0 (BfPushResult, 1);

  result->device_id = g_strdup (device);
  result->seq = seq;
  result->status = status;
  result->server_seq = server_seq;
  if (status == BF_PUSH_REJECTED)
    result->reason = g_strdup ("refused for the test");
  g_ptr_array_add (response->results, result);
}

/* An answer mixing runs the device marks with one statement (consecutive sequences at
 * consecutive places in the hub's log) with breaks in either, a refusal, an earlier answer,
 * and another device's result: every change gets exactly its own state and place. */
static void
test_answer_runs (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPushResponse) response = bf_push_response_new ();
  const char *device = bf_store_device_id (f->device);
  static const char *expected[] = {
    "1:accepted:10", "2:accepted:11", "3:rejected:-", "4:accepted:12", "5:accepted:13",
    "6:accepted:30", "7:accepted:31", "8:pending:-", "9:pending:-",
  };
  g_autoptr(GString) got = g_string_new ("");
  sqlite3_stmt *stmt;

  for (int i = 0; i < 9; i++)
    {
      g_autofree char *phone = g_strdup_printf ("1380013800%d", i);
      g_assert_true (bf_household_set (f->device, f->household_id, "phone", phone, &error));
    }
  g_assert_no_error (error);
  add_result (response, device, 1, BF_PUSH_ACCEPTED, 10);
  add_result (response, device, 2, BF_PUSH_ACCEPTED, 11);
  add_result (response, device, 3, BF_PUSH_REJECTED, 0);
  add_result (response, device, 4, BF_PUSH_DUPLICATE, 12);
  add_result (response, device, 5, BF_PUSH_ACCEPTED, 13);
  add_result (response, device, 6, BF_PUSH_ACCEPTED, 30);
  add_result (response, "another-device", 7, BF_PUSH_ACCEPTED, 31);
  add_result (response, device, 7, BF_PUSH_ACCEPTED, 31);
  /* 8 is missing from the answer; 9 follows a break in the sequence and is not settled. */
  g_assert_true (bf_sync_take_push_response (f->device, response, &error));
  g_assert_no_error (error);

  stmt = bf_store_prepare (f->device, "SELECT seq, state, server_seq FROM change_log ORDER BY seq",
                           &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (got, "%s%lld:%s:%s", got->len ? " " : "",
                            (long long) sqlite3_column_int64 (stmt, 0),
                            sqlite3_column_text (stmt, 1),
                            sqlite3_column_type (stmt, 2) == SQLITE_NULL
                              ? "-" : (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  {
    g_autofree char *want = g_strjoinv (" ", (char **) expected);
    g_assert_cmpstr (got->str, ==, want);
  }
}

/* The virtual-machine steps every statement over the change log took since the last call. */
static int
change_log_steps (BfStore *store)
{
  int steps = 0;

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (bf_store_db (store), NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (bf_store_db (store), stmt))
    if (strstr (sqlite3_sql (stmt), "change_log") != NULL)
      steps += sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, TRUE);
  return steps;
}

/* A laptop's change log keeps every change it ever made, accepted long ago. Counting what is
 * unsent (after every answer, and for the app's badge), reading the outbox and listing the
 * refusals must read only the few unsettled changes, not walk years of accepted ones. */
static void
test_unsettled_reads_skip_accepted (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfScope) district = bf_scope_new_district ();
  BfHubWriter writer = { "district", bf_store_device_id (f->device), district, FALSE, FALSE };
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfBatch) next = NULL;
  g_autoptr(BfPushResponse) response = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  guint count = 0;
  gint64 last = 0;

  for (int i = 0; i < 400; i++)
    {
      g_autofree char *phone = g_strdup_printf ("138%08d", i);
      g_assert_true (bf_household_set (f->device, f->household_id, "phone", phone, &error));
    }
  g_assert_no_error (error);
  outbox = bf_sync_outbox (f->device, 1000, &error);
  g_assert_no_error (error);
  response = bf_hub_push_as (f->hub, outbox, &writer, &error);
  g_assert_no_error (error);
  g_assert_true (bf_sync_take_push_response (f->device, response, &error));
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 0);
  g_assert_true (bf_household_set (f->device, f->household_id, "phone", "13900000001", &error));
  g_assert_true (bf_household_set (f->device, f->household_id, "phone", "13900000002", &error));
  g_assert_no_error (error);

  change_log_steps (f->device);
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 2);
  g_assert_cmpint (bf_sync_count_rejected (f->device, NULL), ==, 0);
  next = bf_sync_outbox (f->device, 100, &error);
  g_assert_cmpuint (next->changes->len, ==, 2);
  encoded = bf_sync_outbox_encoded (f->device, 0, 100, &count, &last, &error);
  g_assert_cmpuint (count, ==, 2);
  refused = bf_sync_list_refused (f->device, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 0);
  /* Reading two rows five times is some 150 steps; walking the 400 accepted ones is thousands. */
  g_assert_cmpint (change_log_steps (f->device), <, 400);
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = bf_sync_list_refused (f->device, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sync/refused/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/sync/refused/lists", Fixture, NULL, fixture_set_up, test_lists_refusals,
              fixture_tear_down);
  g_test_add ("/sync/refused/answer-runs", Fixture, NULL, fixture_set_up, test_answer_runs,
              fixture_tear_down);
  g_test_add ("/sync/refused/unsettled-reads-skip-accepted", Fixture, NULL, fixture_set_up,
              test_unsettled_reads_skip_accepted, fixture_tear_down);
  return g_test_run ();
}
