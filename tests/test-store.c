/* test-store.c: opening stores safely, and the typed record API with its checks. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-uuid.h"
#include "bf-validate.h"
#include "bf-visit-money.h"

typedef struct {
  char    *dir;
  char    *path;
  BfStore *store;
  char    *town_id;
  char    *village_id;
  char    *household_id;
  char    *cadre_id;
} Fixture;

/* A valid ID number for someone born on @birth (YYYYMMDD) in Qingcheng. */
static char *
make_id (const char *birth, int sequence)
{
  char digits[19];

  g_snprintf (digits, 18, "441802%s%03d", birth, sequence);
  digits[17] = bf_id_number_check_char (digits);
  digits[18] = '\0';
  return g_strdup (digits);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfTown) town = g_new0 (BfTown, 1);
  g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);
  g_autoptr(BfCadre) cadre = g_new0 (BfCadre, 1);
  GDate today;

  f->dir = g_dir_make_tmp ("bangfu-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = bf_store_open (f->path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2016);
  bf_store_set_today (f->store, &today);

  town->name = g_strdup ("飞来峡镇");
  town->kind = BF_TOWN_KIND_TOWN;
  g_assert_true (bf_town_insert (f->store, town, &error));
  g_assert_no_error (error);
  g_assert_true (bf_uuid_is_valid (town->id));

  village->town_id = g_strdup (town->id);
  village->name = g_strdup ("旧岭村");
  village->is_key = TRUE;
  village->is_old_base = TRUE;
  g_assert_true (bf_village_insert (f->store, village, &error));
  g_assert_no_error (error);

  household->village_id = g_strdup (village->id);
  household->head_name = g_strdup ("  黄水生 ");
  household->category = BF_CATEGORY_KUNNAN;
  household->phone = g_strdup ("138 0013 8000");
  g_assert_true (bf_household_insert (f->store, household, &error));
  g_assert_no_error (error);

  cadre->name = g_strdup ("李志强");
  cadre->role = BF_CADRE_ROLE_PAIRING;
  g_assert_true (bf_cadre_insert (f->store, cadre, &error));
  g_assert_no_error (error);

  f->town_id = g_strdup (town->id);
  f->village_id = g_strdup (village->id);
  f->household_id = g_strdup (household->id);
  f->cadre_id = g_strdup (cadre->id);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
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
  g_free (f->town_id);
  g_free (f->village_id);
  g_free (f->household_id);
  g_free (f->cadre_id);
}

static void
test_pragmas (Fixture *f, gconstpointer data)
{
  sqlite3_stmt *stmt = NULL;
  gint64 fk = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (f->store), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_true (bf_store_query_int64 (f->store, "PRAGMA foreign_keys", &fk, NULL));
  g_assert_cmpint (fk, ==, 1);
  g_assert_cmpint (bf_store_schema_version (f->store), ==, bf_store_latest_schema_version ());
}

/* Sets the file's page size the way SQLite made every store before 16 KiB pages. */
static void
make_old_page_size (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096;"
                                 " VACUUM; PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_compact (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHousehold) household = NULL;
  sqlite3 *other = NULL;
  int old_size = 0;
  gint64 count = 0;

  g_assert_cmpint (bf_store_page_size (f->store), ==, 16384);
  g_clear_pointer (&f->store, bf_store_free);
  make_old_page_size (f->path);
  f->store = bf_store_open (f->path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_store_page_size (f->store), ==, 4096);

  /* Another process reading the store: refused, and the store is left as it was. */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (bf_store_db (f->store), 50);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN; SELECT count(*) FROM households", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (bf_store_compact (f->store, &old_size, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  sqlite3_exec (other, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (other);
  g_assert_cmpint (bf_store_page_size (f->store), ==, 4096);
  g_assert_true (bf_store_query_int64 (f->store, "SELECT count(*) FROM households", &count, NULL));
  g_assert_cmpint (count, ==, 1);

  g_assert_true (bf_store_compact (f->store, &old_size, &error));
  g_assert_no_error (error);
  g_assert_cmpint (old_size, ==, 4096);
  g_assert_cmpint (bf_store_page_size (f->store), ==, 16384);
  g_clear_pointer (&f->store, bf_store_free);
  f->store = bf_store_open (f->path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  household = bf_household_get (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (household->village_id, ==, f->village_id);
  test_pragmas (f, data);
}

static void
test_get_normalised (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHousehold) household = bf_household_get (f->store, f->household_id, &error);

  g_assert_no_error (error);
  /* Typed-in values are stored in their canonical form. */
  g_assert_cmpstr (household->head_name, ==, "黄水生");
  g_assert_cmpstr (household->phone, ==, "13800138000");
  g_assert_cmpint (household->category, ==, BF_CATEGORY_KUNNAN);
  g_assert_cmpint (household->status, ==, BF_STATUS_REGISTERED);
}

static void
test_get_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  BfHousehold *household = bf_household_get (f->store, "00000000-0000-4000-8000-000000000000", &error);

  g_assert_null (household);
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND);
}

static void
test_member_id_number (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfMember) member = g_new0 (BfMember, 1);
  g_autoptr(BfMember) stored = NULL;
  g_autofree char *id = make_id ("19650304", 123);
  g_autofree char *typed = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  /* What people type: spaces between groups, a lower-case x. */
  typed = g_strdup_printf ("%.6s %.8s %.4s", id, id + 6, id + 14);
  if (typed[strlen (typed) - 1] == 'X')
    typed[strlen (typed) - 1] = 'x';
  member->household_id = g_strdup (f->household_id);
  member->name = g_strdup ("黄水生");
  member->relation = BF_RELATION_HEAD;
  member->id_number = g_strdup (typed);
  member->sex = BF_SEX_FEMALE;   /* sequence 123 is odd: the ID says male */
  member->birth_date = g_strdup ("1965-03-04");
  g_assert_true (bf_member_insert (f->store, member, &error));
  g_assert_no_error (error);

  stored = bf_member_get (f->store, member->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->id_number, ==, id);

  warnings = bf_record_warnings (BF_ENTITY_MEMBER, stored);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), id));
}

static void
test_member_bad_id_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfMember) member = g_new0 (BfMember, 1);
  g_autofree char *id = make_id ("19650304", 124);

  id[15] = id[15] == '0' ? '1' : '0';   /* one mistyped digit */
  member->household_id = g_strdup (f->household_id);
  member->name = g_strdup ("陈桂英");
  member->relation = BF_RELATION_SPOUSE;
  member->id_number = g_strdup (id);
  member->sex = BF_SEX_FEMALE;
  g_assert_false (bf_member_insert (f->store, member, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_CHECK_DIGIT);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_MEMBER, NULL), ==, 0);
}

static BfVisit *
new_visit (Fixture *f, const char *date, gint64 fen)
{
  BfVisit *visit = g_new0 (BfVisit, 1);

  visit->household_id = g_strdup (f->household_id);
  visit->cadre_id = g_strdup (f->cadre_id);
  visit->date = g_strdup (date);
  visit->kinds = BF_HELP_POLICY | BF_HELP_FUNDS;
  visit->description = g_strdup ("送去生产启动资金");
  visit->amount_fen = fen;
  return visit;
}

static void
test_visit_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) ok = new_visit (f, "2016-05-01", 20000);
  g_autoptr(BfVisit) early = new_visit (f, "2015-12-31", 0);
  g_autoptr(BfVisit) future = new_visit (f, "2017-01-01", 0);
  g_autoptr(BfVisit) negative = new_visit (f, "2016-05-02", -100);
  g_autoptr(BfVisit) no_date = new_visit (f, "2016-02-30", 0);
  g_autoptr(BfVisit) stored = NULL;

  g_assert_true (bf_visit_insert (f->store, ok, &error));
  g_assert_no_error (error);
  stored = bf_visit_get (f->store, ok->id, &error);
  g_assert_no_error (error);
  g_assert_true (bf_record_equal (BF_ENTITY_VISIT, ok, stored));
  g_assert_cmpuint (stored->kinds, ==, BF_HELP_POLICY | BF_HELP_FUNDS);

  g_assert_false (bf_visit_insert (f->store, early, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "2015-12-31"));
  g_clear_error (&error);
  g_assert_false (bf_visit_insert (f->store, future, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (bf_visit_insert (f->store, negative, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (bf_visit_insert (f->store, no_date, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_DATE);
  g_clear_error (&error);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_VISIT, NULL), ==, 1);

  /* Visits are append-only. */
  g_assert_false (bf_store_update_field (f->store, BF_ENTITY_VISIT, ok->id, "amount_fen", "0", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY);
}

/* A payment from the fixture's cadre to its household, as the visit editor writes one. */
static char *
add_cadre_payment (Fixture *f, const char *date, gint64 fen)
{
  g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);
  g_autoptr(GError) error = NULL;

  payment->date = g_strdup (date);
  payment->household_id = g_strdup (f->household_id);
  payment->source = BF_SOURCE_CADRE;
  payment->cadre_id = g_strdup (f->cadre_id);
  payment->purpose = g_strdup ("送去生产启动资金");
  payment->amount_fen = fen;
  g_assert_true (bf_payment_insert (f->store, payment, &error));
  g_assert_no_error (error);
  return g_strdup (payment->id);
}

static gint64
voids_of (Fixture *f, const char *table, const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE voids_id = '%s'", table, id);
  gint64 n = -1;

  g_assert_true (bf_store_query_int64 (f->store, sql, &n, NULL));
  return n;
}

/* Voiding a visit voids the ledger entry written with its money, and only that one. */
static void
test_void_visit_with_money (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit = new_visit (f, "2016-05-01", 20000);
  g_autoptr(BfVisit) plain = new_visit (f, "2016-06-01", 0);
  g_autofree char *with_visit = NULL, *twin = NULL, *other_amount = NULL, *void_id = NULL;

  g_assert_true (bf_visit_insert (f->store, visit, &error));
  g_assert_true (bf_visit_insert (f->store, plain, &error));
  g_assert_no_error (error);
  with_visit = add_cadre_payment (f, "2016-05-01", 20000);
  twin = add_cadre_payment (f, "2016-05-01", 20000);   /* a second, separate gift that day */
  other_amount = add_cadre_payment (f, "2016-05-01", 10000);

  g_assert_true (bf_visit_void_with_money (f->store, visit->id, "重复录入", &void_id, &error));
  g_assert_no_error (error);
  g_assert_true (bf_uuid_is_valid (void_id));
  g_assert_cmpint (voids_of (f, "visits", visit->id), ==, 1);
  /* One of the two matching payments (the first), neither the other nor another amount. */
  g_assert_cmpint (voids_of (f, "payments", with_visit) + voids_of (f, "payments", twin), ==, 1);
  g_assert_cmpint (voids_of (f, "payments", other_amount), ==, 0);

  /* A visit with no money touches no payment. */
  g_assert_true (bf_visit_void_with_money (f->store, plain->id, "走访日期记错", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (voids_of (f, "visits", plain->id), ==, 1);
  g_assert_cmpint (voids_of (f, "payments", with_visit) + voids_of (f, "payments", twin), ==, 1);

  /* Voiding it again is refused, and nothing more is voided. */
  g_assert_false (bf_visit_void_with_money (f->store, visit->id, "再次作废", NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (voids_of (f, "payments", with_visit) + voids_of (f, "payments", twin), ==, 1);
}

static void
test_dangling_reference (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit = new_visit (f, "2016-05-01", 0);

  g_free (visit->cadre_id);
  visit->cadre_id = g_strdup ("11111111-1111-4111-8111-111111111111");
  g_assert_false (bf_visit_insert (f->store, visit, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_REFERENCE);
  g_assert_nonnull (strstr (error->message, "11111111-1111-4111-8111-111111111111"));
}

static void
test_payment_target (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);

  payment->date = g_strdup ("2016-07-01");
  payment->source = BF_SOURCE_CHARITY;
  payment->amount_fen = 100000;
  /* Neither a household nor a village. */
  g_assert_false (bf_payment_insert (f->store, payment, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  /* Both. */
  payment->household_id = g_strdup (f->household_id);
  payment->village_id = g_strdup (f->village_id);
  g_assert_false (bf_payment_insert (f->store, payment, &error));
  g_clear_error (&error);
  g_clear_pointer (&payment->village_id, g_free);
  g_clear_pointer (&payment->id, g_free);
  g_assert_true (bf_payment_insert (f->store, payment, &error));
  g_assert_no_error (error);
}

static void
test_update_field (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHousehold) after = NULL;

  g_assert_true (bf_household_set (f->store, f->household_id, "status", "exited", &error));
  g_assert_no_error (error);
  g_assert_true (bf_household_set (f->store, f->household_id, "exit_year", "2016", &error));
  g_assert_no_error (error);

  /* Refused values change nothing. */
  g_assert_false (bf_household_set (f->store, f->household_id, "status", "gone", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (bf_household_set (f->store, f->household_id, "phone", "12345", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_PHONE);
  g_clear_error (&error);
  g_assert_false (bf_household_set (f->store, f->household_id, "head_name", "  ", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (bf_household_set (f->store, f->household_id, "colour", "red", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_assert_false (bf_household_set (f->store, f->household_id, "village_id",
                                    "22222222-2222-4222-8222-222222222222", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_REFERENCE);
  g_clear_error (&error);

  after = bf_household_get (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, BF_STATUS_EXITED);
  g_assert_cmpint (after->exit_year, ==, 2016);
  g_assert_cmpstr (after->phone, ==, "13800138000");
  g_assert_cmpstr (after->head_name, ==, "黄水生");
  g_assert_cmpstr (after->village_id, ==, f->village_id);
}

static void
test_list_by (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) in_village = NULL;
  g_autoptr(GPtrArray) elsewhere = NULL;

  in_village = bf_household_list_by (f->store, "village_id", f->village_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_village->len, ==, 1);
  g_assert_cmpstr (((BfHousehold *) g_ptr_array_index (in_village, 0))->id, ==, f->household_id);
  elsewhere = bf_household_list_by (f->store, "village_id", f->town_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elsewhere->len, ==, 0);
  g_assert_null (bf_household_list_by (f->store, "nonsense; DROP TABLE households", "x", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNKNOWN_FIELD);
}

static void
test_transaction_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit = new_visit (f, "2016-06-01", 0);

  g_assert_true (bf_store_begin (f->store, &error));
  g_assert_true (bf_store_begin (f->store, &error));   /* nested */
  g_assert_true (bf_visit_insert (f->store, visit, &error));
  bf_store_rollback (f->store);                       /* the inner step failed */
  g_assert_false (bf_store_commit (f->store, &error)); /* so the outer cannot commit */
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_VISIT, NULL), ==, 0);
}

static void
test_reopen_keeps_data (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHousehold) household = NULL;

  g_clear_pointer (&f->store, bf_store_free);
  f->store = bf_store_open (f->path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  household = bf_household_get (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (household->head_name, ==, "黄水生");
}

static void
test_meta (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = bf_store_get_meta (f->store, "district");
  g_autofree char *value = NULL;

  g_assert_null (missing);
  g_assert_true (bf_store_set_meta (f->store, "district", "清城区", NULL));
  g_assert_true (bf_store_set_meta (f->store, "district", "清新区", NULL));
  value = bf_store_get_meta (f->store, "district");
  g_assert_cmpstr (value, ==, "清新区");
}

static void
test_empty_file_needs_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-empty-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  BfStore *store;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_null (bf_store_open (path, BF_STORE_OPEN_EXISTING, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_BANGFU);
  g_clear_error (&error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  /* Asked to create, an empty file is as good as a new one. */
  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  bf_store_free (store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/empty-file-needs-create", test_empty_file_needs_create);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/pragmas", test_pragmas);
  ADD ("/store/compact", test_compact);
  ADD ("/store/get-normalised", test_get_normalised);
  ADD ("/store/get-missing", test_get_missing);
  ADD ("/store/member-id-number", test_member_id_number);
  ADD ("/store/member-bad-id-refused", test_member_bad_id_refused);
  ADD ("/store/visit-rules", test_visit_rules);
  ADD ("/store/dangling-reference", test_dangling_reference);
  ADD ("/store/payment-target", test_payment_target);
  ADD ("/store/void-visit-with-money", test_void_visit_with_money);
  ADD ("/store/update-field", test_update_field);
  ADD ("/store/list-by", test_list_by);
  ADD ("/store/transaction-rollback", test_transaction_rollback);
  ADD ("/store/reopen-keeps-data", test_reopen_keeps_data);
  ADD ("/store/meta", test_meta);
  return g_test_run ();
}
