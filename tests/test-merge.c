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
#include "bf-sync-private.h"
#include "bf-uuid.h"
#include "bf-validate.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  BfStore *hub;
  BfStore *a;          /* a district clerk's laptop */
  BfStore *b;          /* a village cadre's laptop */
  BfScope *district;
  BfScope *village;    /* b's area */
  char    *town_id;
  char    *v1, *v2;
  char    *cadre_id;
  gint64   wall_ms;
  guint    serial;     /* for ID numbers */
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

/* A valid ID number of someone born in 1960, different at every call. */
static char *
id_number (Fixture *f)
{
  g_autofree char *digits = g_strdup_printf ("44180219600101%03u", ++f->serial);
  return g_strdup_printf ("%s%c", digits, bf_id_number_check_char (digits));
}

static char *
add_household (Fixture *f, BfStore *store, const char *village, const char *head,
               const char *head_id_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);
  g_autoptr(BfMember) member = g_new0 (BfMember, 1);

  tick (f);
  household->village_id = g_strdup (village);
  household->head_name = g_strdup (head);
  household->phone = g_strdup ("13800138000");
  g_assert_true (bf_household_insert (store, household, &error));
  g_assert_no_error (error);
  member->household_id = g_strdup (household->id);
  member->name = g_strdup (head);
  member->relation = BF_RELATION_HEAD;
  member->id_number = g_strdup (head_id_number);
  member->birth_date = g_strdup ("1960-01-01");
  g_assert_true (bf_member_insert (store, member, &error));
  g_assert_no_error (error);
  return g_strdup (household->id);
}

static void
add_member (Fixture *f, BfStore *store, const char *household, const char *name,
            BfRelation relation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfMember) member = g_new0 (BfMember, 1);

  tick (f);
  member->household_id = g_strdup (household);
  member->name = g_strdup (name);
  member->relation = relation;
  member->id_number = id_number (f);
  member->birth_date = g_strdup ("1960-01-01");
  g_assert_true (bf_member_insert (store, member, &error));
  g_assert_no_error (error);
}

static char *
add_visit (Fixture *f, BfStore *store, const char *household, const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);

  tick (f);
  visit->household_id = g_strdup (household);
  visit->cadre_id = g_strdup (f->cadre_id);
  visit->date = g_strdup (date);
  visit->kinds = BF_HELP_POLICY;
  visit->description = g_strdup ("走访");
  g_assert_true (bf_visit_insert (store, visit, &error));
  g_assert_no_error (error);
  return g_strdup (visit->id);
}

static void
add_payment (Fixture *f, BfStore *store, const char *household, gint64 fen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);

  tick (f);
  payment->household_id = g_strdup (household);
  payment->date = g_strdup ("2016-06-01");
  payment->source = BF_SOURCE_DISTRICT;
  payment->amount_fen = fen;
  g_assert_true (bf_payment_insert (store, payment, &error));
  g_assert_no_error (error);
}

static void
add_pairing (Fixture *f, BfStore *store, const char *household)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPairing) pairing = g_new0 (BfPairing, 1);

  tick (f);
  pairing->household_id = g_strdup (household);
  pairing->cadre_id = g_strdup (f->cadre_id);
  pairing->from_date = g_strdup ("2016-01-01");
  g_assert_true (bf_pairing_insert (store, pairing, &error));
  g_assert_no_error (error);
}

static void
add_income (Fixture *f, BfStore *store, const char *household, int year, gint64 fen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHouseholdIncome) income = g_new0 (BfHouseholdIncome, 1);

  tick (f);
  income->id = bf_household_income_id (household, year);
  income->household_id = g_strdup (household);
  income->year = year;
  income->per_capita_fen = fen;
  g_assert_true (bf_household_income_insert (store, income, &error));
  g_assert_no_error (error);
}

static void
set_field (Fixture *f, BfStore *store, const char *household, const char *field, const char *value)
{
  g_autoptr(GError) error = NULL;

  tick (f);
  g_assert_true (bf_household_set (store, household, field, value, &error));
  g_assert_no_error (error);
}

static guint
count_of (BfStore *store, BfEntityKind kind, const char *household)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = bf_store_list (store, kind, "household_id", household, &error);

  g_assert_no_error (error);
  return rows->len;
}

static gint64
query_int (BfStore *store, const char *sql)
{
  gint64 n = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_store_query_int64 (store, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Push everything as @writer, then pull everything; every change must be accepted. */
static void
sync_store (Fixture *f, BfStore *store, const BfHubWriter *writer)
{
  test_sync_store (f->hub, store, writer, f->district, tick, f);
  g_assert_cmpint (bf_sync_count_pending (store, NULL), ==, 0);
  g_assert_cmpint (bf_sync_count_rejected (store, NULL), ==, 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfTown) town = g_new0 (BfTown, 1);
  g_autoptr(BfVillage) v1 = g_new0 (BfVillage, 1);
  g_autoptr(BfVillage) v2 = g_new0 (BfVillage, 1);
  g_autoptr(BfCadre) cadre = g_new0 (BfCadre, 1);

  f->dir = g_dir_make_tmp ("bangfu-merge-XXXXXX", &error);
  g_assert_no_error (error);
  f->wall_ms = G_GINT64_CONSTANT (1480000000000);
  tick (f);
  f->hub = open_store (f, "hub.db");
  g_assert_true (bf_store_make_hub (f->hub, &error));
  f->a = open_store (f, "a.db");
  f->b = open_store (f, "b.db");
  g_assert_true (bf_store_set_author (f->a, "区扶贫办", NULL));
  g_assert_true (bf_store_set_meta (f->a, "account_role", "district", NULL));
  g_assert_true (bf_store_set_author (f->b, "李志强", NULL));
  g_assert_true (bf_store_set_meta (f->b, "account_role", "cadre", NULL));
  f->district = bf_scope_new_district ();

  town->name = g_strdup ("飞来峡镇");
  g_assert_true (bf_town_insert (f->hub, town, &error));
  v1->town_id = g_strdup (town->id);
  v1->name = g_strdup ("旧岭村");
  g_assert_true (bf_village_insert (f->hub, v1, &error));
  v2->town_id = g_strdup (town->id);
  v2->name = g_strdup ("文洞村");
  g_assert_true (bf_village_insert (f->hub, v2, &error));
  cadre->name = g_strdup ("李志强");
  g_assert_true (bf_cadre_insert (f->hub, cadre, &error));
  g_assert_no_error (error);
  f->town_id = g_strdup (town->id);
  f->v1 = g_strdup (v1->id);
  f->v2 = g_strdup (v2->id);
  f->cadre_id = g_strdup (cadre->id);
  f->village = bf_scope_new ();
  bf_scope_add_village (f->village, f->v1);
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
  bf_scope_free (f->village);
  g_free (f->town_id);
  g_free (f->v1);
  g_free (f->v2);
  g_free (f->cadre_id);
  bf_wall_clock_override (0);
}

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

static BfHubWriter
district_writer (Fixture *f, BfStore *device)
{
  BfHubWriter writer = { "clerk", bf_store_device_id (device), f->district, TRUE, TRUE };
  return writer;
}

static BfHubWriter
cadre_writer (Fixture *f, BfStore *device)
{
  BfHubWriter writer = { "lizhiqiang", bf_store_device_id (device), f->village, FALSE, FALSE };
  return writer;
}

/* What a store holds of the two households, for comparing stores. */
static char *
digest (BfStore *store, const char *keep, const char *retire)
{
  GString *out = g_string_new (NULL);
  const char *ids[] = { keep, retire };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(BfHousehold) household = bf_household_get (store, ids[i], NULL);
      g_autoptr(GPtrArray) members = bf_member_list_by (store, "household_id", ids[i], NULL);

      g_assert_nonnull (household);
      g_string_append_printf (out, "%s merged_into=%s phone=%s address=%s visits=%u members:",
                              household->head_name, household->merged_into, household->phone,
                              household->address, count_of (store, BF_ENTITY_VISIT, ids[i]));
      for (guint m = 0; m < members->len; m++)
        {
          const BfMember *member = g_ptr_array_index (members, m);
          g_string_append_printf (out, " %s/%d", member->name, member->relation);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "conflicts=%" G_GINT64_FORMAT "\n",
                          query_int (store, "SELECT count(*) FROM conflicts WHERE deleted = 0"));
  return g_string_free (out, FALSE);
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
  for (guint i = 0; i < again->fields->len; i++)
    {
      BfFieldChange *field = g_ptr_array_index (again->fields, i);
      if (g_strcmp0 (field->name, "description") == 0)
        {
          g_free (field->value);
          field->value = g_strdup ("复制的走访");
        }
    }
  g_clear_pointer (&again->log_fields, g_free);
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
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/merge/detect", test_detect);
  ADD ("/merge/histories", test_histories);
  ADD ("/merge/same-person", test_same_person);
  ADD ("/merge/forward", test_forward);
  ADD ("/merge/pushed-visits-by-clerk", test_pushed_visits_merged_by_clerk);
  ADD ("/merge/pushed-visits-on-hub", test_pushed_visits_merged_on_hub);
  ADD ("/merge/pushed-visit-created-twice", test_pushed_visit_created_twice);
  ADD ("/merge/not-allowed", test_not_allowed);
  ADD ("/merge/across-villages", test_across_villages);
  /* meson passes bangfu-cli's path; run by hand without it, the command line is not tested. */
  if (cli_path != NULL)
    ADD ("/merge/cli", test_cli);
  return g_test_run ();
}
