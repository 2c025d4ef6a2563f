/* merge-fixture.c: see merge-fixture.h. */
#include "bf-config.h"

#include <glib/gstdio.h>

#include "bf-validate.h"
#include "merge-fixture.h"
#include "test-util.h"


BfStore *
open_store (Fixture *f, const char *name)
{
  return test_open_store (f->dir, name, 2016, 12, 31);
}

/* Moves the test's wall clock a second on (a TestTick). */
void
tick (gpointer data)
{
  Fixture *f = data;

  f->wall_ms += 1000;
  bf_wall_clock_override (f->wall_ms);
}

/* A valid ID number of someone born in 1960, different at every call. */
char *
id_number (Fixture *f)
{
  g_autofree char *digits = g_strdup_printf ("44180219600101%03u", ++f->serial);
  return g_strdup_printf ("%s%c", digits, bf_id_number_check_char (digits));
}

char *
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

void
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

char *
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

void
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

void
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

void
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

void
set_field (Fixture *f, BfStore *store, const char *household, const char *field, const char *value)
{
  g_autoptr(GError) error = NULL;

  tick (f);
  g_assert_true (bf_household_set (store, household, field, value, &error));
  g_assert_no_error (error);
}

guint
count_of (BfStore *store, BfEntityKind kind, const char *household)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = bf_store_list (store, kind, "household_id", household, &error);

  g_assert_no_error (error);
  return rows->len;
}

gint64
query_int (BfStore *store, const char *sql)
{
  gint64 n = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_store_query_int64 (store, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Push everything as @writer, then pull everything; every change must be accepted. */
void
sync_store (Fixture *f, BfStore *store, const BfHubWriter *writer)
{
  test_sync_store (f->hub, store, writer, f->district, tick, f);
  g_assert_cmpint (bf_sync_count_pending (store, NULL), ==, 0);
  g_assert_cmpint (bf_sync_count_rejected (store, NULL), ==, 0);
}

void
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

void
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

BfHubWriter
district_writer (Fixture *f, BfStore *device)
{
  BfHubWriter writer = { "clerk", bf_store_device_id (device), f->district, TRUE, TRUE };
  return writer;
}

BfHubWriter
cadre_writer (Fixture *f, BfStore *device)
{
  BfHubWriter writer = { "lizhiqiang", bf_store_device_id (device), f->village, FALSE, FALSE };
  return writer;
}

/* What a store holds of the two households, for comparing stores. */
char *
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

