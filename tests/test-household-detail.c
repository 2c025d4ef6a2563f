/* test-household-detail.c: the household page's data on the small ledger of
 * household-fixture.h — order of every list, voided entries marked, names resolved. */
#include "bf-config.h"

#include <string.h>

#include "bf-household-detail.h"
#include "bf-store-private.h"
#include "household-fixture.h"

typedef HouseholdFixture Fixture;

static BfHouseholdDetail *
load (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  BfHouseholdDetail *detail = bf_household_detail_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (detail);
  return detail;
}

static void
test_card (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdDetail) detail = load (f, f->zhang);

  g_assert_cmpstr (detail->household->id, ==, f->zhang);
  g_assert_cmpstr (detail->household->head_name, ==, "张三");
  g_assert_cmpstr (detail->village_name, ==, "旧岭村");
  g_assert_cmpstr (detail->town_name, ==, "飞来峡镇");
  /* The head first, though the spouse was entered first. */
  g_assert_cmpuint (detail->members->len, ==, 2);
  g_assert_cmpint (((BfMember *) g_ptr_array_index (detail->members, 0))->relation, ==, BF_RELATION_HEAD);
  g_assert_cmpstr (((BfMember *) g_ptr_array_index (detail->members, 0))->id_number, ==, f->zhang_id);
  g_assert_cmpstr (((BfMember *) g_ptr_array_index (detail->members, 1))->name, ==, "李四");
}

static void
test_visits (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdDetail) detail = load (f, f->zhang);
  static const char *const dates[] = { "2016-12-01", "2016-09-01", "2016-07-01", "2016-06-01", "2016-03-01" };

  /* Five visits, newest first; the voiding entry is not a line of its own. */
  g_assert_cmpuint (detail->visits->len, ==, G_N_ELEMENTS (dates));
  for (guint i = 0; i < detail->visits->len; i++)
    {
      BfVisitLine *line = g_ptr_array_index (detail->visits, i);

      g_assert_cmpstr (line->visit->date, ==, dates[i]);
      g_assert_null (line->visit->voids_id);
      if (g_strcmp0 (line->visit->id, f->voided_visit) == 0)
        g_assert_cmpstr (line->voided_reason, ==, "录错了户");
      else
        g_assert_null (line->voided_reason);
      g_assert_cmpstr (line->cadre_name, ==, i == 1 ? "陈丽华" : "李志强");
    }
  g_assert_cmpstr (((BfVisitLine *) g_ptr_array_index (detail->visits, 2))->visit->id, ==, f->voided_visit);
}

static void
test_payments (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdDetail) detail = load (f, f->zhang);
  BfPaymentLine *line;

  g_assert_cmpuint (detail->payments->len, ==, 4);
  line = g_ptr_array_index (detail->payments, 0);
  g_assert_cmpstr (line->payment->id, ==, f->voided_payment);
  g_assert_cmpstr (line->voided_reason, ==, "重复入账");
  g_assert_null (line->giver_name);                     /* the town: no one named */
  line = g_ptr_array_index (detail->payments, 1);
  g_assert_cmpstr (line->payment->date, ==, "2016-06-01");
  g_assert_cmpstr (line->giver_name, ==, "李志强");     /* a cadre's money */
  g_assert_null (line->voided_reason);
  line = g_ptr_array_index (detail->payments, 2);
  g_assert_cmpstr (line->payment->date, ==, "2016-05-01");
  g_assert_cmpstr (line->giver_name, ==, "区财政局");   /* a unit's */
  line = g_ptr_array_index (detail->payments, 3);
  g_assert_cmpstr (line->payment->date, ==, "2016-04-01");
}

static void
test_pairings (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdDetail) detail = load (f, f->li);
  BfPairingLine *current, *ended;

  /* The current pairing (from July) before the one that ended in June. */
  g_assert_cmpuint (detail->pairings->len, ==, 2);
  current = g_ptr_array_index (detail->pairings, 0);
  ended = g_ptr_array_index (detail->pairings, 1);
  g_assert_cmpstr (current->pairing->cadre_id, ==, f->other);
  g_assert_null (current->pairing->to_date);
  g_assert_cmpstr (current->cadre_name, ==, "陈丽华");
  g_assert_cmpstr (current->cadre_phone, ==, "13900139000");
  g_assert_cmpstr (ended->pairing->to_date, ==, "2016-06-30");
  g_assert_cmpstr (ended->cadre_name, ==, "李志强");
}

static void
test_incomes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHouseholdDetail) detail = NULL;

  for (int year = 2015; year <= 2016; year++)
    {
      g_autoptr(BfHouseholdIncome) income = g_new0 (BfHouseholdIncome, 1);

      income->id = bf_household_income_id (f->wang, year);
      income->household_id = g_strdup (f->wang);
      income->year = year;
      income->per_capita_fen = 300000 + 50000 * (year - 2015);
      g_assert_true (bf_household_income_insert (f->store, income, &error));
      g_assert_no_error (error);
    }
  detail = load (f, f->wang);
  g_assert_cmpuint (detail->incomes->len, ==, 2);
  g_assert_cmpint (((BfHouseholdIncome *) g_ptr_array_index (detail->incomes, 0))->year, ==, 2016);
  g_assert_cmpint (((BfHouseholdIncome *) g_ptr_array_index (detail->incomes, 1))->year, ==, 2015);
  g_assert_cmpuint (detail->members->len, ==, 0);
  g_assert_cmpuint (detail->visits->len, ==, 0);
  g_assert_cmpuint (detail->payments->len, ==, 0);
  g_assert_cmpuint (detail->pairings->len, ==, 0);
}

/* A cadre deleted since still signed the visits: the page keeps the name. */
static void
test_deleted_cadre (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHouseholdDetail) detail = NULL;

  g_assert_true (bf_store_delete (f->store, BF_ENTITY_CADRE, f->other, &error));
  g_assert_no_error (error);
  detail = load (f, f->shan);
  g_assert_cmpuint (detail->visits->len, ==, 2);
  g_assert_cmpstr (((BfVisitLine *) g_ptr_array_index (detail->visits, 0))->cadre_name, ==, "陈丽华");
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (bf_household_detail_load (f->store, "no-such-household", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (bf_store_delete (f->store, BF_ENTITY_HOUSEHOLD, f->wang, &error));
  g_assert_null (bf_household_detail_load (f->store, f->wang, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND);
}

/* Inside a caller's write transaction the read nests and leaves the transaction open. */
static void
test_nested (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_store_begin (f->store, &error));
  g_clear_pointer (&f->voided_visit, g_free);
  f->voided_visit = household_fixture_add_visit (f, f->zhang, f->me, "2016-12-30", 0);
  {
    g_autoptr(BfHouseholdDetail) detail = load (f, f->zhang);
    g_assert_cmpstr (((BfVisitLine *) g_ptr_array_index (detail->visits, 0))->visit->date, ==, "2016-12-30");
  }
  g_assert_true (bf_store_commit (f->store, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, household_fixture_set_up, func, household_fixture_tear_down)
  ADD ("/household-detail/card", test_card);
  ADD ("/household-detail/visits", test_visits);
  ADD ("/household-detail/payments", test_payments);
  ADD ("/household-detail/pairings", test_pairings);
  ADD ("/household-detail/incomes", test_incomes);
  ADD ("/household-detail/deleted-cadre", test_deleted_cadre);
  ADD ("/household-detail/missing", test_missing);
  ADD ("/household-detail/nested", test_nested);
#undef ADD
  return g_test_run ();
}
