/* household-fixture.c: the small ledger of household-fixture.h. */
#include "bf-config.h"
#include "household-fixture.h"

#include <glib/gstdio.h>

#include "bf-validate.h"

char *
household_fixture_id_number (const char *birth, gboolean want_x)
{
  char digits[19];

  for (int sequence = 1; sequence < 1000; sequence++)
    {
      g_snprintf (digits, 18, "441802%s%03d", birth, sequence);
      digits[17] = bf_id_number_check_char (digits);
      digits[18] = '\0';
      if ((digits[17] == 'X') == want_x)
        return g_strdup (digits);
    }
  g_assert_not_reached ();
}

char *
household_fixture_add_household (HouseholdFixture *f, const char *village, const char *name,
                                 BfCategory category, BfHouseholdStatus status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHousehold) h = g_new0 (BfHousehold, 1);

  h->village_id = g_strdup (village);
  h->head_name = g_strdup (name);
  h->category = category;
  h->status = status;
  h->exit_year = status == BF_STATUS_EXITED ? 2016 : 0;
  g_assert_true (bf_household_insert (f->store, h, &error));
  g_assert_no_error (error);
  return g_strdup (h->id);
}

static void
add_member (HouseholdFixture *f, const char *household, const char *name, BfRelation relation,
            const char *id_number, const char *birth_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfMember) m = g_new0 (BfMember, 1);

  m->household_id = g_strdup (household);
  m->name = g_strdup (name);
  m->relation = relation;
  m->id_number = g_strdup (id_number);
  m->birth_date = g_strdup (birth_date);
  m->sex = BF_SEX_MALE;
  g_assert_true (bf_member_insert (f->store, m, &error));
  g_assert_no_error (error);
}

char *
household_fixture_add_visit (HouseholdFixture *f, const char *household, const char *cadre,
                             const char *date, gint64 fen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) v = g_new0 (BfVisit, 1);

  v->household_id = g_strdup (household);
  v->cadre_id = g_strdup (cadre);
  v->date = g_strdup (date);
  v->kinds = BF_HELP_POLICY;
  v->description = g_strdup ("宣传政策");
  v->amount_fen = fen;
  g_assert_true (bf_visit_insert (f->store, v, &error));
  g_assert_no_error (error);
  return g_strdup (v->id);
}

char *
household_fixture_add_payment (HouseholdFixture *f, const char *household, const char *date,
                               BfPaymentSource source, gint64 fen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPayment) p = g_new0 (BfPayment, 1);

  p->household_id = g_strdup (household);
  p->date = g_strdup (date);
  p->source = source;
  p->purpose = g_strdup ("帮扶资金");
  p->amount_fen = fen;
  if (source == BF_SOURCE_CADRE)
    p->cadre_id = g_strdup (f->me);
  if (source == BF_SOURCE_UNIT)
    p->unit_id = g_strdup (f->unit);
  g_assert_true (bf_payment_insert (f->store, p, &error));
  g_assert_no_error (error);
  return g_strdup (p->id);
}

static void
add_pairing (HouseholdFixture *f, const char *cadre, const char *household, const char *from,
             const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPairing) p = g_new0 (BfPairing, 1);

  p->cadre_id = g_strdup (cadre);
  p->household_id = g_strdup (household);
  p->from_date = g_strdup (from);
  p->to_date = g_strdup (to);
  g_assert_true (bf_pairing_insert (f->store, p, &error));
  g_assert_no_error (error);
}

static char *
add_place (HouseholdFixture *f, BfEntityKind kind, const char *name, const char *town)
{
  g_autoptr(GError) error = NULL;
  gpointer record = bf_record_new (kind);
  char *id;

  if (kind == BF_ENTITY_TOWN)
    ((BfTown *) record)->name = g_strdup (name);
  else if (kind == BF_ENTITY_VILLAGE)
    {
      ((BfVillage *) record)->name = g_strdup (name);
      ((BfVillage *) record)->town_id = g_strdup (town);
    }
  else if (kind == BF_ENTITY_UNIT)
    ((BfUnit *) record)->name = g_strdup (name);
  else
    {
      ((BfCadre *) record)->name = g_strdup (name);
      ((BfCadre *) record)->phone = g_strdup (town);
    }
  g_assert_true (bf_store_insert (f->store, kind, record, &error));
  g_assert_no_error (error);
  id = g_strdup (bf_record_id (record));
  bf_record_free (kind, record);
  return id;
}

void
household_fixture_set_up (HouseholdFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *voiding = NULL, *li_id = NULL, *zeng_id = NULL;
  GDate today;

  f->dir = g_dir_make_tmp ("bangfu-household-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = bf_store_open (f->path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2016);
  bf_store_set_today (f->store, &today);

  f->town_a = add_place (f, BF_ENTITY_TOWN, "飞来峡镇", NULL);
  f->town_b = add_place (f, BF_ENTITY_TOWN, "源潭镇", NULL);
  f->village_a = add_place (f, BF_ENTITY_VILLAGE, "旧岭村", f->town_a);
  f->village_b = add_place (f, BF_ENTITY_VILLAGE, "积余村", f->town_b);
  f->unit = add_place (f, BF_ENTITY_UNIT, "区财政局", NULL);
  f->me = add_place (f, BF_ENTITY_CADRE, "李志强", "13800138000");
  f->other = add_place (f, BF_ENTITY_CADRE, "陈丽华", "13900139000");

  f->zhang = household_fixture_add_household (f, f->village_a, "张三", BF_CATEGORY_KUNNAN, BF_STATUS_REGISTERED);
  f->shan = household_fixture_add_household (f, f->village_b, "单雄信", BF_CATEGORY_DIBAO, BF_STATUS_REGISTERED);
  f->li = household_fixture_add_household (f, f->village_a, "李小龙", BF_CATEGORY_WUBAO, BF_STATUS_EXITED);
  f->zeng = household_fixture_add_household (f, f->village_b, "曾国藩", BF_CATEGORY_KUNNAN, BF_STATUS_RETURNED);
  f->wang = household_fixture_add_household (f, f->village_a, "王五", BF_CATEGORY_KUNNAN, BF_STATUS_REGISTERED);

  f->zhang_id = household_fixture_id_number ("19600101", FALSE);
  f->spouse_id = household_fixture_id_number ("19620202", FALSE);
  f->shan_id = household_fixture_id_number ("19550505", TRUE);
  li_id = household_fixture_id_number ("19400404", FALSE);
  zeng_id = household_fixture_id_number ("19700707", FALSE);
  /* The spouse first, so that "head first" is the store's doing, not insertion order. */
  add_member (f, f->zhang, "李四", BF_RELATION_SPOUSE, f->spouse_id, "1962-02-02");
  add_member (f, f->zhang, "张三", BF_RELATION_HEAD, f->zhang_id, "1960-01-01");
  add_member (f, f->shan, "单雄信", BF_RELATION_HEAD, f->shan_id, "1955-05-05");
  add_member (f, f->li, "李小龙", BF_RELATION_HEAD, li_id, "1940-04-04");
  add_member (f, f->zeng, "曾国藩", BF_RELATION_HEAD, zeng_id, "1970-07-07");

  g_free (household_fixture_add_visit (f, f->zhang, f->me, "2016-03-01", 0));
  g_free (household_fixture_add_visit (f, f->zhang, f->me, "2016-06-01", 20000));
  g_free (household_fixture_add_visit (f, f->zhang, f->other, "2016-09-01", 0));
  g_free (household_fixture_add_visit (f, f->zhang, f->me, "2016-12-01", 0));
  f->voided_visit = household_fixture_add_visit (f, f->zhang, f->me, "2016-07-01", 50000);
  g_assert_true (bf_store_void (f->store, BF_ENTITY_VISIT, f->voided_visit, "录错了户", &voiding, &error));
  g_assert_no_error (error);
  g_clear_pointer (&voiding, g_free);
  g_free (household_fixture_add_payment (f, f->zhang, "2016-06-01", BF_SOURCE_CADRE, 20000));
  g_free (household_fixture_add_payment (f, f->zhang, "2016-04-01", BF_SOURCE_DISTRICT, 200000));
  g_free (household_fixture_add_payment (f, f->zhang, "2016-05-01", BF_SOURCE_UNIT, 280000));
  f->voided_payment = household_fixture_add_payment (f, f->zhang, "2016-08-01", BF_SOURCE_TOWN, 100000);
  g_assert_true (bf_store_void (f->store, BF_ENTITY_PAYMENT, f->voided_payment, "重复入账", NULL, &error));
  g_assert_no_error (error);

  g_free (household_fixture_add_visit (f, f->shan, f->other, "2016-02-01", 0));
  g_free (household_fixture_add_visit (f, f->shan, f->other, "2016-08-01", 0));
  g_free (household_fixture_add_payment (f, f->shan, "2016-08-01", BF_SOURCE_CHARITY, 10000));
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *date = g_strdup_printf ("2016-%02d-15", 2 + 3 * i);
      g_free (household_fixture_add_visit (f, f->li, f->me, date, 0));
    }
  g_free (household_fixture_add_payment (f, f->zeng, "2016-10-01", BF_SOURCE_DISTRICT, 600000));

  add_pairing (f, f->me, f->zhang, "2016-01-01", NULL);
  add_pairing (f, f->me, f->zeng, "2016-01-01", "2016-12-31");
  add_pairing (f, f->me, f->li, "2016-01-01", "2016-06-30");
  add_pairing (f, f->other, f->li, "2016-07-01", NULL);
  add_pairing (f, f->other, f->shan, "2016-01-01", NULL);
}

void
household_fixture_tear_down (HouseholdFixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_pointer (&f->store, bf_store_free);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->town_a);
  g_free (f->town_b);
  g_free (f->village_a);
  g_free (f->village_b);
  g_free (f->me);
  g_free (f->other);
  g_free (f->unit);
  g_free (f->zhang);
  g_free (f->shan);
  g_free (f->li);
  g_free (f->zeng);
  g_free (f->wang);
  g_free (f->zhang_id);
  g_free (f->spouse_id);
  g_free (f->shan_id);
  g_free (f->voided_visit);
  g_free (f->voided_payment);
}
