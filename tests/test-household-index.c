/* test-household-index.c: the household list — order, rows, search, filters, refresh — on the
 * small ledger of household-fixture.h, and counts against direct SQL on the demo district. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-demo.h"
#include "bf-household-index.h"
#include "bf-store-private.h"
#include "household-fixture.h"

typedef HouseholdFixture Fixture;

static BfHouseholdIndex *
build (Fixture *f, int year)
{
  g_autoptr(GError) error = NULL;
  BfHouseholdIndex *index = bf_household_index_build (f->store, year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (index);
  return index;
}

/* The head names of the matching rows, joined by spaces, in the order the filter gives. */
static char *
names (const BfHouseholdIndex *index, const BfHouseholdFilter *filter)
{
  g_autoptr(GArray) positions = bf_household_index_filter (index, filter);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      if (i > 0)
        g_assert_cmpuint (position, >, g_array_index (positions, guint, i - 1));
      g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                              bf_household_index_get (index, position)->head_name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
search (const BfHouseholdIndex *index, const char *text)
{
  BfHouseholdFilter filter = BF_HOUSEHOLD_FILTER_INIT;

  filter.search = text;
  return names (index, &filter);
}

#define assert_search(index, text, expected) \
  G_STMT_START { g_autofree char *_got = search (index, text); g_assert_cmpstr (_got, ==, expected); } G_STMT_END
#define assert_filter(index, filter, expected) \
  G_STMT_START { g_autofree char *_got = names (index, filter); g_assert_cmpstr (_got, ==, expected); } G_STMT_END

static void
test_order (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdIndex) index = build (f, 2016);

  g_assert_cmpint (bf_household_index_year (index), ==, 2016);
  g_assert_cmpuint (bf_household_index_count (index), ==, 5);
  /* li < shan < wang < zeng < zhang: 单 and 曾 as surnames (dan and ceng would come first). */
  assert_filter (index, NULL, "李小龙 单雄信 王五 曾国藩 张三");
  g_assert_cmpint (bf_household_index_find (index, f->zhang), ==, 4);
  g_assert_cmpint (bf_household_index_find (index, f->li), ==, 0);
  g_assert_cmpint (bf_household_index_find (index, "no-such-id"), ==, -1);
  g_assert_cmpint (bf_household_index_find (index, NULL), ==, -1);
}

static void
test_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdIndex) index = build (f, 2016);
  const BfHouseholdRow *zhang = bf_household_index_get (index, (guint) bf_household_index_find (index, f->zhang));
  const BfHouseholdRow *shan = bf_household_index_get (index, (guint) bf_household_index_find (index, f->shan));
  const BfHouseholdRow *wang = bf_household_index_get (index, (guint) bf_household_index_find (index, f->wang));
  g_autoptr(BfHouseholdIndex) next_year = build (f, 2017);
  const BfHouseholdRow *zhang_2017 = bf_household_index_get (next_year, (guint) bf_household_index_find (next_year, f->zhang));

  g_assert_cmpstr (zhang->id, ==, f->zhang);
  g_assert_cmpstr (zhang->head_name, ==, "张三");
  g_assert_cmpstr (zhang->village_id, ==, f->village_a);
  g_assert_cmpstr (zhang->village_name, ==, "旧岭村");
  g_assert_cmpstr (zhang->town_id, ==, f->town_a);
  g_assert_cmpstr (zhang->town_name, ==, "飞来峡镇");
  g_assert_cmpstr (zhang->head_id_number, ==, f->zhang_id);
  g_assert_cmpint (zhang->category, ==, BF_CATEGORY_KUNNAN);
  g_assert_cmpint (zhang->status, ==, BF_STATUS_REGISTERED);
  g_assert_cmpint (zhang->members, ==, 2);
  /* Four visits: the voided one and the entry voiding it count for nothing. */
  g_assert_cmpint (zhang->visits_this_year, ==, 4);
  /* 200 + 2,000 + 2,800 yuan; the voided 1,000 is out; the visit's 200 is the cadre's payment. */
  g_assert_cmpint (zhang->support_fen_this_year, ==, 500000);
  g_assert_false (zhang->paired_with_me);   /* no cadre in the meta yet */
  g_assert_cmpint (bf_household_index_shortfall (index, zhang), ==, BF_HOUSEHOLD_SHORT_NONE);

  g_assert_cmpstr (shan->head_id_number, ==, f->shan_id);
  g_assert_cmpint (shan->category, ==, BF_CATEGORY_DIBAO);
  g_assert_cmpint (shan->visits_this_year, ==, 2);
  g_assert_cmpint (shan->support_fen_this_year, ==, 10000);
  /* Short of both figures, but a 低保 household: the rules are for 区定 households only. */
  g_assert_cmpint (bf_household_index_shortfall (index, shan), ==, BF_HOUSEHOLD_SHORT_NONE);

  g_assert_null (wang->head_id_number);
  g_assert_cmpint (wang->members, ==, 0);
  g_assert_cmpint (wang->visits_this_year, ==, 0);

  g_assert_cmpint (zhang_2017->visits_this_year, ==, 0);
  g_assert_cmpint (zhang_2017->support_fen_this_year, ==, 0);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdIndex) index = build (f, 2016);
  g_autofree char *spouse_part = g_strndup (f->spouse_id + 6, 8);      /* 19620202 */
  g_autofree char *x_tail = g_ascii_strdown (f->shan_id + 12, -1);      /* "…x" */

  assert_search (index, "zs", "张三");
  assert_search (index, "ZS", "张三");
  assert_search (index, "zhangs", "张三");
  assert_search (index, "zhang san", "张三");
  assert_search (index, "Zhang San", "张三");
  assert_search (index, "zhangsan", "张三");
  assert_search (index, "张", "张三");
  assert_search (index, "三", "张三");
  assert_search (index, " 张三 ", "张三");
  assert_search (index, "z", "曾国藩 张三");
  assert_search (index, "s", "单雄信 张三");
  assert_search (index, "shan", "单雄信");
  assert_search (index, "sxx", "单雄信");
  assert_search (index, "dan", "");            /* 单 as a surname is shan */
  assert_search (index, "zgf", "曾国藩");
  assert_search (index, "xiaolong", "李小龙");
  assert_search (index, "lxl", "李小龙");
  /* Any member's ID number, any part of it; a trailing x in either case. */
  assert_search (index, spouse_part, "张三");
  assert_search (index, f->zhang_id, "张三");
  assert_search (index, x_tail, "单雄信");
  assert_search (index, "441802", "李小龙 单雄信 曾国藩 张三");
  assert_search (index, "999999999", "");
  assert_search (index, "xyz", "");
  assert_search (index, "zs1", "");
  /* Full width, as a Chinese input method types it; the ideographic space. */
  assert_search (index, "ｚｓ", "张三");
  assert_search (index, "Ｚｈａｎｇ\u3000ｓａｎ", "张三");
  assert_search (index, "４４１８０２１９６２", "张三");
  assert_search (index, "\xff\xfe", "");
  assert_search (index, "", "李小龙 单雄信 王五 曾国藩 张三");
  assert_search (index, "   ", "李小龙 单雄信 王五 曾国藩 张三");
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(BfHouseholdIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  BfHouseholdFilter filter = BF_HOUSEHOLD_FILTER_INIT;

  index = build (f, 2016);
  filter.town_id = f->town_a;
  assert_filter (index, &filter, "李小龙 王五 张三");
  filter.town_id = "no-such-town";
  assert_filter (index, &filter, "");
  filter.town_id = NULL;
  filter.village_id = f->village_b;
  assert_filter (index, &filter, "单雄信 曾国藩");
  filter.village_id = NULL;
  filter.category = BF_CATEGORY_DIBAO;
  assert_filter (index, &filter, "单雄信");
  filter.category = BF_CATEGORY_KUNNAN;
  assert_filter (index, &filter, "王五 曾国藩 张三");
  filter.category = -1;
  filter.status = BF_STATUS_EXITED;
  assert_filter (index, &filter, "李小龙");
  filter.status = BF_STATUS_RETURNED;
  assert_filter (index, &filter, "曾国藩");
  filter.status = -1;
  filter.shortfall = BF_HOUSEHOLD_SHORT_VISITS;
  assert_filter (index, &filter, "王五 曾国藩");
  filter.shortfall = BF_HOUSEHOLD_SHORT_SUPPORT;
  assert_filter (index, &filter, "王五");
  filter.shortfall = BF_HOUSEHOLD_SHORT_VISITS | BF_HOUSEHOLD_SHORT_SUPPORT;
  assert_filter (index, &filter, "王五");
  filter.town_id = f->town_a;
  filter.search = "w";
  assert_filter (index, &filter, "王五");
  filter = (BfHouseholdFilter) BF_HOUSEHOLD_FILTER_INIT;
  filter.mine_only = TRUE;
  assert_filter (index, &filter, "");

  /* A cadre's account: "cadre:<id>", as text or inside JSON. A pairing ending today is
   * current; one that ended in June is not. */
  scope = g_strdup_printf ("cadre:%s", f->me);
  g_assert_true (bf_store_set_meta (f->store, "scope", scope, &error));
  g_assert_no_error (error);
  g_clear_pointer (&index, bf_household_index_free);
  index = build (f, 2016);
  assert_filter (index, &filter, "曾国藩 张三");
  g_free (scope);
  scope = g_strdup_printf ("{\"account\":\"cadre:%s\",\"villages\":[]}", f->other);
  g_assert_true (bf_store_set_meta (f->store, "scope", scope, &error));
  g_clear_pointer (&index, bf_household_index_free);
  index = build (f, 2016);
  assert_filter (index, &filter, "李小龙 单雄信");
  filter.search = "li";
  assert_filter (index, &filter, "李小龙");
  /* The meta cadre_id, as the app sets it, comes before the scope. */
  g_assert_true (bf_store_set_meta (f->store, "cadre_id", f->me, &error));
  g_clear_pointer (&index, bf_household_index_free);
  index = build (f, 2016);
  filter.search = NULL;
  assert_filter (index, &filter, "曾国藩 张三");
  /* The policy decides the thresholds: none is a C constant. */
  {
    g_autoptr(GError) policy_error = NULL;
    BfPolicy *policy = bf_policy_load_default (&policy_error);

    g_assert_no_error (policy_error);
    policy->visits_per_year = 2;
    policy->support_per_year_fen = 10000;
    bf_store_set_policy (f->store, policy);
    g_clear_pointer (&index, bf_household_index_free);
    index = build (f, 2016);
    filter = (BfHouseholdFilter) BF_HOUSEHOLD_FILTER_INIT;
    filter.shortfall = BF_HOUSEHOLD_SHORT_VISITS;
    assert_filter (index, &filter, "王五 曾国藩");
    filter.shortfall = BF_HOUSEHOLD_SHORT_SUPPORT;
    assert_filter (index, &filter, "王五");
  }
}

/* After a refresh the index equals a fresh build, row for row. */
static void
assert_same (const BfHouseholdIndex *a, const BfHouseholdIndex *b)
{
  g_assert_cmpuint (bf_household_index_count (a), ==, bf_household_index_count (b));
  for (guint i = 0; i < bf_household_index_count (a); i++)
    {
      const BfHouseholdRow *x = bf_household_index_get (a, i), *y = bf_household_index_get (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->head_name, ==, y->head_name);
      g_assert_cmpstr (x->village_id, ==, y->village_id);
      g_assert_cmpstr (x->village_name, ==, y->village_name);
      g_assert_cmpstr (x->town_id, ==, y->town_id);
      g_assert_cmpstr (x->town_name, ==, y->town_name);
      g_assert_cmpstr (x->head_id_number, ==, y->head_id_number);
      g_assert_cmpint (x->category, ==, y->category);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->members, ==, y->members);
      g_assert_cmpint (x->visits_this_year, ==, y->visits_this_year);
      g_assert_cmpint (x->support_fen_this_year, ==, y->support_fen_this_year);
      g_assert_cmpint (x->paired_with_me, ==, y->paired_with_me);
      g_assert_cmpint (bf_household_index_find (a, x->id), ==, (int) i);
    }
}

static void
refresh (BfHouseholdIndex *index, Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { id, NULL };

  g_assert_true (bf_household_index_refresh (index, f->store, ids, &error));
  g_assert_no_error (error);
}

static void
test_refresh (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHouseholdIndex) index = build (f, 2016);
  g_autofree char *added = NULL, *visit = NULL;
  const BfHouseholdRow *wang;
  const char *all[7];

  /* Added: 阿明 (a ming) goes first. */
  added = household_fixture_add_household (f, f->village_b, "阿明", BF_CATEGORY_DIBAO, BF_STATUS_REGISTERED);
  refresh (index, f, added);
  assert_filter (index, NULL, "阿明 李小龙 单雄信 王五 曾国藩 张三");
  g_assert_cmpint (bf_household_index_find (index, added), ==, 0);

  /* Edited: 张三 becomes 艾三 (ai san), second; a visit counts at once. */
  g_assert_true (bf_household_set (f->store, f->zhang, "head_name", "艾三", &error));
  g_assert_no_error (error);
  refresh (index, f, f->zhang);
  assert_filter (index, NULL, "阿明 艾三 李小龙 单雄信 王五 曾国藩");
  assert_search (index, "zs", "");
  assert_search (index, "as", "艾三");
  /* Money handed over on a visit counts once: alone, or with its entry in the fund ledger
   * (as bangfu-cli records it: that cadre, that day, that amount). */
  visit = household_fixture_add_visit (f, f->wang, f->me, "2016-11-11", 30000);
  refresh (index, f, f->wang);
  wang = bf_household_index_get (index, (guint) bf_household_index_find (index, f->wang));
  g_assert_cmpint (wang->visits_this_year, ==, 1);
  g_assert_cmpint (wang->support_fen_this_year, ==, 30000);
  g_free (household_fixture_add_payment (f, f->wang, "2016-11-11", BF_SOURCE_CADRE, 30000));
  refresh (index, f, f->wang);
  wang = bf_household_index_get (index, (guint) bf_household_index_find (index, f->wang));
  g_assert_cmpint (wang->support_fen_this_year, ==, 30000);

  /* Voided: the visit drops out, and so does the voiding entry; the ledger's entry stays. */
  g_assert_true (bf_store_void (f->store, BF_ENTITY_VISIT, visit, "走错户", NULL, &error));
  g_assert_no_error (error);
  refresh (index, f, f->wang);
  wang = bf_household_index_get (index, (guint) bf_household_index_find (index, f->wang));
  g_assert_cmpint (wang->visits_this_year, ==, 0);
  g_assert_cmpint (wang->support_fen_this_year, ==, 30000);

  /* Deleted: gone, and the others keep their order. */
  g_assert_true (bf_store_delete (f->store, BF_ENTITY_HOUSEHOLD, f->li, &error));
  g_assert_no_error (error);
  refresh (index, f, f->li);
  assert_filter (index, NULL, "阿明 艾三 单雄信 王五 曾国藩");
  g_assert_cmpint (bf_household_index_find (index, f->li), ==, -1);
  {
    g_autoptr(BfHouseholdIndex) fresh = build (f, 2016);
    assert_same (index, fresh);
  }

  /* Many at once, repeated ids, unknown ids, and enough refreshes to compact the strings. */
  all[0] = added, all[1] = f->zhang, all[2] = f->shan, all[3] = f->li, all[4] = f->zhang;
  all[5] = "no-such-household", all[6] = NULL;
  for (int round = 0; round < 120; round++)
    {
      g_assert_true (bf_household_index_refresh (index, f->store, all, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(BfHouseholdIndex) fresh = build (f, 2016);
    assert_same (index, fresh);
  }
  g_assert_true (bf_household_index_refresh (index, f->store, NULL, &error));
}

/* A refresh that fails leaves the index as it was. */
static void
test_refresh_failure (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfHouseholdIndex) index = build (f, 2016);
  const char *ids[] = { f->zhang, NULL };

  g_assert_true (bf_store_exec (f->store, "ALTER TABLE visits RENAME TO visits_gone", NULL));
  g_assert_false (bf_household_index_refresh (index, f->store, ids, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL);
  g_assert_true (bf_store_exec (f->store, "ALTER TABLE visits_gone RENAME TO visits", NULL));
  assert_filter (index, NULL, "李小龙 单雄信 王五 曾国藩 张三");
  g_assert_cmpint (bf_household_index_get (index, 4)->visits_this_year, ==, 4);
}

/* ---- the demo district, against SQL written independently ---- */

static gint64
sql_count (BfStore *store, const char *sql)
{
  gint64 n = -1;

  g_assert_true (bf_store_query_int64 (store, sql, &n, NULL));
  return n;
}

static guint
count_matching (const BfHouseholdIndex *index, const BfHouseholdFilter *filter)
{
  g_autoptr(GArray) positions = bf_household_index_filter (index, filter);

  return positions->len;
}

static void
remove_db (const char *dir, const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-index-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_autoptr(BfHouseholdIndex) index = NULL;
  g_autoptr(GHashTable) visits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) support = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  BfHouseholdFilter filter = BF_HOUSEHOLD_FILTER_INIT;
  sqlite3_stmt *stmt;
  gint64 short_visits = 0, short_support = 0, members = 0;

  g_assert_no_error (error);
  g_assert_true (bf_demo_build (store, 2016, 2016, &error));
  g_assert_no_error (error);
  index = bf_household_index_build (store, 2016, &error);
  g_assert_no_error (error);

  g_assert_cmpint (bf_household_index_count (index), ==,
                   sql_count (store, "SELECT count(*) FROM households WHERE deleted = 0"));
  g_assert_cmpint (bf_household_index_count (index), >, 5000);

  /* Voided sets, then sums per household: a different shape from the index's queries. */
  g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store),
    "WITH voided AS (SELECT voids_id AS id FROM visits WHERE voids_id IS NOT NULL)"
    " SELECT household_id, count(*) FROM visits"
    " WHERE voids_id IS NULL AND id NOT IN voided AND strftime('%Y', date) = '2016'"
    " GROUP BY household_id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (visits, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  /* Support: the ledger, plus visits' money the ledger does not hold as the cadre's payment. */
  g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store),
    "WITH voided_visits AS (SELECT voids_id AS id FROM visits WHERE voids_id IS NOT NULL),"
    " voided_payments AS (SELECT voids_id AS id FROM payments WHERE voids_id IS NOT NULL),"
    " ledger AS (SELECT household_id, sum(amount_fen) AS fen FROM payments"
    "   WHERE household_id IS NOT NULL AND voids_id IS NULL AND id NOT IN voided_payments"
    "     AND substr(date, 1, 4) = '2016' GROUP BY household_id),"
    " unledgered AS (SELECT v.household_id, sum(v.amount_fen) AS fen FROM visits v"
    "   LEFT JOIN payments p ON p.household_id = v.household_id AND p.date = v.date"
    "     AND p.amount_fen = v.amount_fen AND p.source = 'cadre' AND p.cadre_id = v.cadre_id"
    "     AND p.voids_id IS NULL"
    "   WHERE p.id IS NULL AND v.voids_id IS NULL AND v.id NOT IN voided_visits"
    "     AND substr(v.date, 1, 4) = '2016' GROUP BY v.household_id)"
    " SELECT h.id, coalesce(l.fen, 0) + coalesce(u.fen, 0) FROM households h"
    " LEFT JOIN ledger l ON l.household_id = h.id LEFT JOIN unledgered u ON u.household_id = h.id",
    -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (support, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < bf_household_index_count (index); i++)
    {
      const BfHouseholdRow *row = bf_household_index_get (index, i);
      int v = GPOINTER_TO_INT (g_hash_table_lookup (visits, row->id));
      gint64 s = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (support, row->id));

      g_assert_cmpint (row->visits_this_year, ==, v);
      g_assert_cmpint (row->support_fen_this_year, ==, s);
      short_visits += row->category == BF_CATEGORY_KUNNAN &&
                      v < bf_store_get_policy (store)->visits_per_year;
      short_support += row->category == BF_CATEGORY_KUNNAN &&
                       s < bf_store_get_policy (store)->support_per_year_fen;
      members += row->members;
      g_assert_cmpint (bf_household_index_find (index, row->id), ==, (int) i);
    }
  g_assert_cmpint (members, ==, sql_count (store, "SELECT count(*) FROM members WHERE deleted = 0"));
  /* The demo has realistic gaps: some households short of each, not all. */
  g_assert_cmpint (short_visits, >, 0);
  g_assert_cmpint (short_visits, <, bf_household_index_count (index));
  filter.shortfall = BF_HOUSEHOLD_SHORT_VISITS;
  g_assert_cmpuint (count_matching (index, &filter), ==, short_visits);
  filter.shortfall = BF_HOUSEHOLD_SHORT_SUPPORT;
  g_assert_cmpuint (count_matching (index, &filter), ==, short_support);
  filter.shortfall = BF_HOUSEHOLD_SHORT_NONE;
  filter.category = BF_CATEGORY_DIBAO;
  g_assert_cmpuint (count_matching (index, &filter), ==,
                    sql_count (store, "SELECT count(*) FROM households WHERE category = 'dibao' AND deleted = 0"));
  filter.category = -1;
  filter.search = "441802";
  g_assert_cmpuint (count_matching (index, &filter), ==,
                    sql_count (store, "SELECT count(DISTINCT household_id) FROM members"
                                      " WHERE id_number LIKE '%441802%' AND deleted = 0"));

  /* A refresh of many households at once (one merge pass rather than moves in place): renamed,
   * deleted, a visit voided, one added — then equal to a fresh build. */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(BfHouseholdIndex) fresh = NULL;
    g_autofree char *visit = NULL, *visited = NULL;
    const BfHouseholdRow *first = bf_household_index_get (index, 0);

    for (guint i = 0; i < bf_household_index_count (index); i += 50)
      g_ptr_array_add (ids, g_strdup (bf_household_index_get (index, i)->id));
    for (guint i = 0; i < 3; i++)
      g_assert_true (bf_household_set (store, g_ptr_array_index (ids, i * 7), "head_name", "阿朱", &error));
    g_assert_true (bf_store_delete (store, BF_ENTITY_HOUSEHOLD, g_ptr_array_index (ids, 1), &error));
    g_assert_true (bf_store_delete (store, BF_ENTITY_HOUSEHOLD, g_ptr_array_index (ids, 30), &error));
    g_assert_no_error (error);
    g_assert_true (bf_store_query_text (store, &visit, &error,
                                        "SELECT id FROM visits WHERE voids_id IS NULL AND household_id = ?",
                                        g_ptr_array_index (ids, 5), NULL));
    g_assert_nonnull (visit);
    g_assert_true (bf_store_void (store, BF_ENTITY_VISIT, visit, "重复录入", NULL, &error));
    g_assert_no_error (error);
    {
      g_autoptr(BfHousehold) h = g_new0 (BfHousehold, 1);

      h->village_id = g_strdup (first->village_id);
      h->head_name = g_strdup ("新户");
      g_assert_true (bf_household_insert (store, h, &error));
      g_assert_no_error (error);
      g_ptr_array_add (ids, g_strdup (h->id));
    }
    g_ptr_array_add (ids, NULL);
    g_assert_true (bf_household_index_refresh (index, store, (const char *const *) ids->pdata, &error));
    g_assert_no_error (error);
    fresh = bf_household_index_build (store, 2016, &error);
    g_assert_no_error (error);
    assert_same (index, fresh);
    g_assert_cmpint (bf_household_index_find (index, g_ptr_array_index (ids, 1)), ==, -1);
    visited = search (index, "azhu");
    g_assert_cmpstr (visited, ==, "阿朱 阿朱 阿朱");
  }

  g_clear_pointer (&store, bf_store_free);
  remove_db (dir, path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, household_fixture_set_up, func, household_fixture_tear_down)
  ADD ("/household-index/order", test_order);
  ADD ("/household-index/rows", test_rows);
  ADD ("/household-index/search", test_search);
  ADD ("/household-index/filters", test_filters);
  ADD ("/household-index/refresh", test_refresh);
  ADD ("/household-index/refresh-failure", test_refresh_failure);
#undef ADD
  g_test_add_func ("/household-index/demo", test_demo);
  return g_test_run ();
}
