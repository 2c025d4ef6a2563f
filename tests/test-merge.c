/* test-merge.c: duplicate households — finding them, merging them, and forwarding what
 * devices that had not synced still send for the retired one. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "bf-assessment.h"
#include "bf-duplicates.h"
#include "bf-household-index.h"
#include "bf-merge.h"
#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-validate.h"
#include "merge-fixture.h"
#include "test-util.h"

static const BfDuplicatePair *
find_pair (GPtrArray *pairs, const char *x, const char *y)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      const BfDuplicatePair *pair = g_ptr_array_index (pairs, i);
      if ((g_strcmp0 (pair->household_a, x) == 0 && g_strcmp0 (pair->household_b, y) == 0) ||
          (g_strcmp0 (pair->household_a, y) == 0 && g_strcmp0 (pair->household_b, x) == 0))
        return pair;
    }
  return NULL;
}

static void
test_normalize (void)
{
  static const char *cases[][2] = {
    { "  王小明 ", "王小明" },
    { "王 小明", "王小明" },
    { "王小明\xe3\x80\x80", "王小明" },                 /* an ideographic space */
    { "\xef\xbc\xba\xef\xbc\xa8\xef\xbc\xa1\xef\xbc\xaf", "zhao" },   /* ＺＨＡＯ */
    { "Zhao Li", "zhaoli" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bf_duplicates_normalize_name (cases[i][0]);
      g_assert_cmpstr (got, ==, cases[i][1]);
    }
}

static void
test_detect (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *shared = id_number (f);
  g_autofree char *id1 = id_number (f);
  g_autofree char *id2 = id_number (f);
  g_autofree char *id3 = id_number (f);
  g_autofree char *id4 = id_number (f);
  g_autofree char *id5 = id_number (f);
  g_autofree char *id6 = id_number (f);
  /* Same head's ID number, in two villages. */
  g_autofree char *h1 = add_household (f, f->hub, f->v1, "黄水生", shared);
  g_autofree char *h2 = add_household (f, f->hub, f->v2, "黄永生", shared);
  /* Same name, same village, written differently. */
  g_autofree char *h3 = add_household (f, f->hub, f->v1, "李 四", id1);
  g_autofree char *h4 = add_household (f, f->hub, f->v1, "李四\xe3\x80\x80", id2);
  g_autofree char *h5 = add_household (f, f->hub, f->v1, "\xef\xbc\xba\xef\xbc\xa8\xef\xbc\xa1\xef\xbc\xaf", id3);
  g_autofree char *h6 = add_household (f, f->hub, f->v1, "zhao", id4);
  /* Same name in two villages: two families. */
  g_autofree char *h7 = add_household (f, f->hub, f->v1, "张三", id5);
  g_autofree char *h8 = add_household (f, f->hub, f->v2, "张三", id6);
  const BfDuplicatePair *pair;

  pairs = bf_duplicates_find (f->hub, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 3);
  pair = find_pair (pairs, h1, h2);
  g_assert_nonnull (pair);
  g_assert_cmpuint (pair->reasons, ==, BF_DUPLICATE_SAME_ID_NUMBER);
  g_assert_cmpstr (pair->id_number, ==, shared);
  g_assert_cmpstr (g_strcmp0 (pair->household_a, h1) == 0 ? pair->village_b : pair->village_a,
                   ==, "文洞村");
  pair = find_pair (pairs, h3, h4);
  g_assert_nonnull (pair);
  g_assert_cmpuint (pair->reasons, ==, BF_DUPLICATE_SAME_HEAD_NAME);
  g_assert_null (pair->id_number);
  pair = find_pair (pairs, h5, h6);
  g_assert_nonnull (pair);
  g_assert_cmpuint (pair->reasons, ==, BF_DUPLICATE_SAME_HEAD_NAME);
  g_assert_null (find_pair (pairs, h7, h8));

  /* A merged household is no candidate any more. */
  g_assert_true (bf_merge_households (f->hub, h3, h4, NULL, &error));
  g_assert_no_error (error);
  after = bf_duplicates_find (f->hub, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_null (find_pair (after, h3, h4));
}

static void
test_histories (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = id_number (f);
  g_autofree char *id2 = id_number (f);
  g_autofree char *keep = add_household (f, f->hub, f->v1, "陈观生", id1);
  g_autofree char *retire = add_household (f, f->hub, f->v1, "陈观生", id2);
  g_autofree char *other = add_household (f, f->hub, f->v1, "黄水生", NULL);
  g_autoptr(BfHousehold) retired = NULL;
  g_autoptr(BfHouseholdIncome) kept_2016 = NULL;
  g_autoptr(BfHouseholdIncome) copied_2015 = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(BfAssessment) assessment = NULL;
  g_autoptr(BfHouseholdIndex) index = NULL;
  g_autofree char *income_2016 = NULL;
  g_autofree char *income_2015 = NULL;
  BfMergeReport report = { 0 };
  gint64 logged;
  int heads = 0;

  add_member (f, f->hub, keep, "陈小红", BF_RELATION_SPOUSE);
  add_member (f, f->hub, retire, "陈小明", BF_RELATION_CHILD);
  for (int i = 0; i < 2; i++)
    g_free (add_visit (f, f->hub, keep, "2016-03-01"));
  for (int i = 0; i < 3; i++)
    g_free (add_visit (f, f->hub, retire, "2016-04-01"));
  add_payment (f, f->hub, keep, 100000);
  add_payment (f, f->hub, retire, 200000);
  add_payment (f, f->hub, retire, 50000);
  add_pairing (f, f->hub, keep);
  add_pairing (f, f->hub, retire);
  add_income (f, f->hub, keep, 2016, 300000);
  add_income (f, f->hub, retire, 2016, 400000);
  add_income (f, f->hub, retire, 2015, 200000);

  logged = query_int (f->hub, "SELECT count(*) FROM hub_log");
  tick (f);
  g_assert_true (bf_merge_households (f->hub, keep, retire, &report, &error));
  g_assert_no_error (error);

  /* Both histories under KEEP: the sums. */
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_MEMBER, keep), ==, 2 + 2);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, keep), ==, 2 + 3);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_PAYMENT, keep), ==, 1 + 2);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_PAIRING, keep), ==, 1 + 1);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_MEMBER, retire), ==, 0);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, retire), ==, 0);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_PAYMENT, retire), ==, 0);
  g_assert_cmpuint (report.members_moved, ==, 2);
  g_assert_cmpuint (report.members_merged, ==, 0);
  g_assert_cmpuint (report.visits_moved, ==, 3);
  g_assert_cmpuint (report.payments_moved, ==, 2);
  g_assert_cmpuint (report.pairings_moved, ==, 1);
  g_assert_cmpuint (report.incomes_copied, ==, 1);
  g_assert_cmpuint (report.incomes_differing, ==, 1);

  /* One head: RETIRE's becomes "other". */
  members = bf_member_list_by (f->hub, "household_id", keep, &error);
  for (guint i = 0; i < members->len; i++)
    heads += ((BfMember *) g_ptr_array_index (members, i))->relation == BF_RELATION_HEAD;
  g_assert_cmpint (heads, ==, 1);

  /* RETIRE stays, pointing at KEEP; its own income rows stay as its history. */
  retired = bf_household_get (f->hub, retire, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (retired->merged_into, ==, keep);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_HOUSEHOLD_INCOME, retire), ==, 2);
  income_2016 = bf_household_income_id (keep, 2016);
  income_2015 = bf_household_income_id (keep, 2015);
  kept_2016 = bf_household_income_get (f->hub, income_2016, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept_2016->per_capita_fen, ==, 300000);
  copied_2015 = bf_household_income_get (f->hub, income_2015, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copied_2015->per_capita_fen, ==, 200000);
  conflicts = bf_conflict_list_by (f->hub, "row_id", income_2016, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((BfConflict *) g_ptr_array_index (conflicts, 0))->kept_value, ==, "300000");
  g_assert_cmpstr (((BfConflict *) g_ptr_array_index (conflicts, 0))->other_value, ==, "400000");

  /* Every write is a logged change: the pointer, 2 members + 1 relation, 1 pairing, 3 visits,
   * 2 payments, 1 income copied, 1 conflict record. */
  g_assert_cmpint (query_int (f->hub, "SELECT count(*) FROM hub_log") - logged, ==, 12);
  g_assert_cmpint (query_int (f->hub, "SELECT count(*) FROM hub_log WHERE entity = 'visit'"
                                      " AND fields LIKE '%household_id%' AND fields LIKE '%\"b\"%'"),
                   ==, 3);

  /* The assessment and the list count RETIRE's records under KEEP and leave RETIRE out. */
  assessment = bf_assessment_compute (f->hub, 2016, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessment->households->len, ==, 2);
  for (guint i = 0; i < assessment->households->len; i++)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (assessment->households, i);
      g_assert_cmpstr (h->id, !=, retire);
      if (g_strcmp0 (h->id, keep) == 0)
        {
          g_assert_cmpint (h->visits, ==, 5);
          g_assert_cmpint (h->support_total_fen, ==, 350000);
          g_assert_cmpint (h->people, ==, 4);
        }
    }
  index = bf_household_index_build (f->hub, 2016, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_household_index_count (index), ==, 2);
  g_assert_cmpint (bf_household_index_find (index, retire), <, 0);
  g_assert_cmpint (bf_household_index_get (index, bf_household_index_find (index, keep))->visits_this_year,
                   ==, 5);

  /* Refusals, with a message, changing nothing. */
  logged = query_int (f->hub, "SELECT count(*) FROM hub_log");
  g_assert_false (bf_merge_households (f->hub, keep, keep, NULL, &error));
  g_assert_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_SAME);
  g_clear_error (&error);
  g_assert_false (bf_merge_households (f->hub, retire, other, NULL, &error));
  g_assert_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_RETIRED);
  g_assert_nonnull (strstr (error->message, "merged into"));
  g_clear_error (&error);
  g_assert_false (bf_merge_households (f->hub, other, retire, NULL, &error));
  g_assert_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_RETIRED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->hub, "SELECT count(*) FROM hub_log"), ==, logged);
}

/* The same person in both households (the heads share an ID number): one entry stays. */
static void
test_same_person (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shared = id_number (f);
  g_autofree char *keep = add_household (f, f->hub, f->v1, "黄水生", shared);
  g_autofree char *retire = add_household (f, f->hub, f->v2, "黄水生", shared);
  BfMergeReport report = { 0 };

  add_member (f, f->hub, retire, "黄小红", BF_RELATION_SPOUSE);
  g_assert_true (bf_merge_households (f->hub, keep, retire, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.members_merged, ==, 1);
  g_assert_cmpuint (report.members_moved, ==, 1);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_MEMBER, keep), ==, 2);
  g_assert_cmpint (query_int (f->hub, "SELECT count(*) FROM members WHERE deleted = 1"), ==, 1);
}

/* The clerk merges on a laptop while a cadre, offline, keeps recording for RETIRE; one visit
 * reaches the hub before the merge does, the rest after. Nothing is lost or refused, and every
 * store ends the same. */
static void
test_forward (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = id_number (f);
  g_autofree char *id2 = id_number (f);
  g_autofree char *keep = add_household (f, f->hub, f->v1, "陈观生", id1);
  g_autofree char *retire = add_household (f, f->hub, f->v1, "陈观生", id2);
  g_autofree char *early = NULL;
  g_autofree char *late = NULL;
  g_autofree char *on_hub = NULL;
  g_autofree char *on_a = NULL;
  g_autofree char *on_b = NULL;
  g_autoptr(BfVisit) early_visit = NULL;
  g_autoptr(BfVisit) late_visit = NULL;
  g_autoptr(BfHousehold) kept = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  BfHubWriter clerk = district_writer (f, f->a);
  BfHubWriter cadre = cadre_writer (f, f->b);

  set_field (f, f->hub, keep, "address", "旧岭村1号");
  set_field (f, f->hub, retire, "address", "旧岭村2号");
  g_free (add_visit (f, f->hub, keep, "2016-03-01"));
  g_free (add_visit (f, f->hub, retire, "2016-03-02"));
  sync_store (f, f->a, &clerk);
  sync_store (f, f->b, &cadre);

  /* The clerk merges, offline. */
  tick (f);
  g_assert_true (bf_merge_households (f->a, keep, retire, NULL, &error));
  g_assert_no_error (error);
  /* The cadre records a visit to RETIRE and syncs before the clerk does… */
  early = add_visit (f, f->b, retire, "2016-11-01");
  sync_store (f, f->b, &cadre);
  /* …then, offline again, another visit, a new member and edits of RETIRE's card: the phone
   * both cards shared, and the address, where KEEP's differs from what the cadre saw. */
  late = add_visit (f, f->b, retire, "2016-11-15");
  add_member (f, f->b, retire, "陈小明", BF_RELATION_CHILD);
  set_field (f, f->b, retire, "phone", "13900139000");
  set_field (f, f->b, retire, "address", "新村路8号");

  sync_store (f, f->a, &clerk);   /* the merge reaches the hub: the early visit moves too */
  sync_store (f, f->b, &cadre);   /* the late changes are forwarded */
  sync_store (f, f->a, &clerk);

  early_visit = bf_visit_get (f->hub, early, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (early_visit->household_id, ==, keep);
  late_visit = bf_visit_get (f->hub, late, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (late_visit->household_id, ==, keep);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, keep), ==, 4);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, retire), ==, 0);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_MEMBER, keep), ==, 3);
  kept = bf_household_get (f->hub, keep, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->phone, ==, "13900139000");
  g_assert_cmpstr (kept->address, ==, "旧岭村1号");
  conflicts = bf_conflict_list_by (f->hub, "row_id", keep, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((BfConflict *) g_ptr_array_index (conflicts, 0))->field, ==, "address");
  g_assert_cmpstr (((BfConflict *) g_ptr_array_index (conflicts, 0))->other_value, ==, "新村路8号");
  g_assert_cmpstr (((BfConflict *) g_ptr_array_index (conflicts, 0))->other_author, ==, "李志强");

  /* Every store converges on the hub's state. */
  on_hub = digest (f->hub, keep, retire);
  on_a = digest (f->a, keep, retire);
  on_b = digest (f->b, keep, retire);
  g_assert_cmpstr (on_a, ==, on_hub);
  g_assert_cmpstr (on_b, ==, on_hub);
}

static void
test_not_allowed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = add_household (f, f->hub, f->v1, "陈观生", NULL);
  g_autofree char *retire = add_household (f, f->hub, f->v1, "陈观生", NULL);
  g_autofree char *visit = add_visit (f, f->hub, retire, "2016-03-02");
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPushResponse) response = NULL;
  g_autoptr(BfHousehold) still = NULL;
  BfHubWriter cadre = cadre_writer (f, f->b);
  BfHubWriter clerk = district_writer (f, f->a);

  sync_store (f, f->b, &cadre);
  sync_store (f, f->a, &clerk);
  g_assert_false (bf_merge_households (f->b, keep, retire, NULL, &error));
  g_assert_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "cadre"));
  g_clear_error (&error);
  g_assert_cmpint (bf_sync_count_pending (f->b, NULL), ==, 0);

  /* A doctored device gains nothing: the hub refuses the pointer from a cadre's account. */
  set_field (f, f->b, retire, "merged_into", keep);
  outbox = bf_sync_outbox (f->b, 100, &error);
  g_assert_no_error (error);
  response = bf_hub_push_as (f->hub, outbox, &cadre, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->results->len, ==, 1);
  g_assert_cmpint (((BfPushResult *) g_ptr_array_index (response->results, 0))->status, ==,
                   BF_PUSH_REJECTED);
  g_assert_nonnull (strstr (((BfPushResult *) g_ptr_array_index (response->results, 0))->reason,
                            "district"));
  still = bf_household_get (f->hub, retire, &error);
  g_assert_no_error (error);
  g_assert_null (still->merged_into);

  /* Two offices merging each into the other: the second arrival would close a circle. */
  g_assert_true (bf_merge_households (f->hub, keep, retire, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bf_merge_households (f->a, retire, keep, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(BfBatch) batch = bf_sync_outbox (f->a, 100, &error);
    g_autoptr(BfPushResponse) answer = bf_hub_push_as (f->hub, batch, &clerk, &error);
    const BfPushResult *first;

    g_assert_no_error (error);
    first = g_ptr_array_index (answer->results, 0);
    g_assert_cmpint (first->status, ==, BF_PUSH_REJECTED);
    g_assert_nonnull (strstr (first->reason, "itself"));
  }
  /* The hub's merge stands: the visit is KEEP's. */
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, keep), ==, 1);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, retire), ==, 0);
  g_assert_nonnull (visit);
}

static const char *cli_path;

/* Runs bangfu-cli on the hub's file; returns its exit status. */
static int
run_cli (Fixture *f, char **out, char **err, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, g_strdup (cli_path));
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, g_build_filename (f->dir, "hub.db", NULL));
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* A duplicate found by the head's ID number in another village: the cadre's laptop holds only
 * the retired household's village, and its pull must not stop at a pointer to a household it
 * cannot hold. */
static void
test_across_villages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = id_number (f);
  g_autofree char *keep = add_household (f, f->hub, f->v2, "陈观生", id1);
  g_autofree char *retire = add_household (f, f->hub, f->v1, "陈观生", id1);
  g_autoptr(BfHousehold) on_b = NULL;
  BfHubWriter cadre = cadre_writer (f, f->b);

  g_free (add_visit (f, f->hub, retire, "2016-03-02"));
  test_sync_store (f->hub, f->b, &cadre, f->village, tick, f);
  g_assert_cmpuint (count_of (f->b, BF_ENTITY_VISIT, retire), ==, 1);
  g_assert_true (bf_merge_households (f->hub, keep, retire, NULL, &error));
  g_assert_no_error (error);
  tick (f);
  test_sync_store (f->hub, f->b, &cadre, f->village, tick, f);
  g_assert_cmpint (bf_sync_count_pending (f->b, NULL), ==, 0);
  on_b = bf_household_get (f->b, retire, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (on_b->merged_into, ==, keep);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *id1 = id_number (f);
  g_autofree char *id2 = id_number (f);
  g_autofree char *keep = add_household (f, f->hub, f->v1, "陈观生", id1);
  g_autofree char *retire = add_household (f, f->hub, f->v1, "陈 观生", id2);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHousehold) retired = NULL;
  JsonArray *pairs;
  JsonObject *pair;

  g_free (add_visit (f, f->hub, retire, "2016-05-01"));
  g_assert_cmpint (run_cli (f, &out, &err, "duplicates", "list", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  pairs = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (pairs), ==, 1);
  pair = json_array_get_object_element (pairs, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (pair, "reasons"), 0),
                   ==, "same_head_name");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pair, "a"), "village"),
                   ==, "旧岭村");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "duplicates", "merge", keep, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "duplicates", "merge", keep, keep, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "itself"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "duplicates", "merge", keep, retire, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 visit, 0 payments moved"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "duplicates", "merge", keep, retire, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  retired = bf_household_get (f->hub, retire, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (retired->merged_into, ==, keep);
  g_assert_cmpuint (count_of (f->hub, BF_ENTITY_VISIT, keep), ==, 1);
  g_assert_cmpint (run_cli (f, &out, &err, "duplicates", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 candidate pairs"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;
  g_test_add_func ("/merge/normalize", test_normalize);
  MERGE_ADD ("/merge/detect", test_detect);
  MERGE_ADD ("/merge/histories", test_histories);
  MERGE_ADD ("/merge/same-person", test_same_person);
  MERGE_ADD ("/merge/forward", test_forward);
  MERGE_ADD ("/merge/not-allowed", test_not_allowed);
  MERGE_ADD ("/merge/across-villages", test_across_villages);
  /* meson passes bangfu-cli's path; run by hand without it, the command line is not tested. */
  if (cli_path != NULL)
    MERGE_ADD ("/merge/cli", test_cli);
  return g_test_run ();
}
