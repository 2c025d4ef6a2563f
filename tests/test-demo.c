/* test-demo.c: the demo district reproduces the seed's figures exactly, is deterministic for
 * a seed, and has the gaps that make reports worth running. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-demo.h"
#include "bf-store-private.h"
#include "bf-summary.h"
#include "bf-validate.h"

typedef struct {
  char    *dir;
  GPtrArray *paths;
} Scratch;

static Scratch scratch;

static BfStore *
build_demo (guint32 seed, int year, char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("demo-%u-%d-%u.db", seed, year, scratch.paths->len);
  char *path = g_build_filename (scratch.dir, name, NULL);
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_ptr_array_add (scratch.paths, path);
  g_assert_true (bf_demo_build (store, seed, year, &error));
  g_assert_no_error (error);
  if (out_path)
    *out_path = path;
  return store;
}

/* The seed's table: district-standard households and people by town. */
static const struct {
  const char *town;
  gint64 households, people;
} seed_towns[] = {
  { "凤城街", 18, 73 }, { "东城街", 45, 152 }, { "横荷街", 42, 151 }, { "洲心街", 33, 136 },
  { "源潭镇", 79, 261 }, { "石角镇", 98, 346 }, { "飞来峡镇", 135, 501 }, { "龙塘镇", 47, 172 },
  { "银盏林场", 0, 0 },
};

static void
test_seed_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) store = build_demo (2016, 2016, NULL);
  g_autoptr(BfSummary) summary = bf_summary_compute (store, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (summary->district, ==, "清城区");
  g_assert_cmpint (summary->towns, ==, 9);
  g_assert_cmpint (summary->key_villages, ==, 8);
  g_assert_cmpint (summary->old_base_villages, ==, 2);
  g_assert_cmpint (summary->district_standard.households, ==, 497);
  g_assert_cmpint (summary->district_standard.people, ==, 1792);
  g_assert_cmpint (summary->province_standard.households, ==, 4773);
  g_assert_cmpint (summary->province_standard.people, ==, 8566);
  g_assert_cmpint (summary->dibao.households, ==, 2928);
  g_assert_cmpint (summary->dibao.people, ==, 6718);
  g_assert_cmpint (summary->wubao.households, ==, 1845);
  g_assert_cmpint (summary->wubao.people, ==, 1848);
  g_assert_cmpint (summary->units, >=, 24);
  g_assert_cmpint (summary->units, <=, 99);
  g_assert_cmpint (summary->cadres, >=, 200);
  g_assert_cmpint (summary->cadres, <=, 999);
  g_assert_cmpint (summary->visits, >=, 10000);
  g_assert_cmpint (summary->payments_fen, >, 0);

  g_assert_cmpuint (summary->by_town->len, ==, G_N_ELEMENTS (seed_towns));
  for (guint i = 0; i < G_N_ELEMENTS (seed_towns); i++)
    {
      const BfTownSummary *town = g_ptr_array_index (summary->by_town, i);
      g_assert_cmpstr (town->name, ==, seed_towns[i].town);
      g_assert_cmpint (town->district_standard.households, ==, seed_towns[i].households);
      g_assert_cmpint (town->district_standard.people, ==, seed_towns[i].people);
      g_assert_cmpint (town->villages, >=, 3);
    }
}

static gint64
count (BfStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (bf_store_query_int64 (store, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_key_villages (void)
{
  g_autoptr(BfStore) store = build_demo (2016, 2016, NULL);

  g_assert_cmpint (count (store, "SELECT count(*) FROM villages v JOIN towns t ON t.id = v.town_id"
                                 " WHERE v.is_key AND t.name = '源潭镇' AND v.name IN ('积余村', '踵头村')"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM villages v JOIN towns t ON t.id = v.town_id"
                                 " WHERE v.is_key AND t.name = '飞来峡镇' AND v.name IN"
                                 " ('旧岭村', '文洞村', '黄洞村', '竹园村', '潖江口村', '银地村')"), ==, 6);
  g_assert_cmpint (count (store, "SELECT count(*) FROM villages WHERE is_old_base AND name IN ('旧岭村', '文洞村')"), ==, 2);
  /* Invented villages never take a real key village's name, nor repeat within a town. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM (SELECT town_id, name FROM villages"
                                 " GROUP BY town_id, name HAVING count(*) > 1)"), ==, 0);
  /* Every key village has assisting units, one of them the lead. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM villages v WHERE v.is_key AND NOT EXISTS"
                                 " (SELECT 1 FROM units u WHERE u.key_village_id = v.id AND u.is_lead)"), ==, 0);
}

static void
test_people_and_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) store = build_demo (2016, 2016, NULL);
  g_autoptr(GPtrArray) members = bf_store_list (store, BF_ENTITY_MEMBER, NULL, NULL, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GDate today;

  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 1792 + 8566);
  bf_today (&today);
  for (guint i = 0; i < members->len; i++)
    {
      BfMember *member = g_ptr_array_index (members, i);
      g_autoptr(GPtrArray) warnings = bf_record_warnings (BF_ENTITY_MEMBER, member);
      g_autofree char *canonical = bf_id_number_normalize (member->id_number, &today, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (canonical, ==, member->id_number);
      g_assert_true (g_str_has_prefix (member->id_number, "441802"));
      g_assert_false (g_hash_table_contains (seen, member->id_number));
      g_hash_table_add (seen, member->id_number);
      /* Sex and birth date agree with the ID number. */
      g_assert_cmpuint (warnings->len, ==, 0);
      g_assert_cmpint (g_utf8_strlen (member->name, -1), >=, 2);
    }
  /* Every household has exactly one head, whose name is on the card. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM households h WHERE (SELECT count(*) FROM members m"
                                 " WHERE m.household_id = h.id AND m.relation = 'head' AND m.name = h.head_name) <> 1"), ==, 0);
}

static void
test_pairings_and_gaps (void)
{
  g_autoptr(BfStore) store = build_demo (2016, 2016, NULL);
#define VISITS_PER_HOUSEHOLD(op) \
    "SELECT count(*) FROM households h WHERE h.category = 'kunnan' AND" \
    " (SELECT count(*) FROM visits v WHERE v.household_id = h.id AND v.date LIKE '2016-%') " op " 4"
#define SUPPORT_PER_HOUSEHOLD(op) \
    "SELECT count(*) FROM households h WHERE h.category = 'kunnan' AND h.labour = 'able' AND" \
    " (SELECT coalesce(sum(amount_fen), 0) FROM payments p WHERE p.household_id = h.id) " op " 500000"
  gint64 short_visits = count (store, VISITS_PER_HOUSEHOLD ("<"));
  gint64 enough_visits = count (store, VISITS_PER_HOUSEHOLD (">="));
  gint64 short_money = count (store, SUPPORT_PER_HOUSEHOLD ("<"));
  gint64 enough_money = count (store, SUPPORT_PER_HOUSEHOLD (">="));

  /* Every household has a cadre. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM households h WHERE NOT EXISTS"
                                 " (SELECT 1 FROM pairings p WHERE p.household_id = h.id)"), ==, 0);
  /* Pairing history is kept: some pairings ended and were handed over. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM pairings WHERE to_date IS NOT NULL"), >, 0);
  /* Realistic gaps, but mostly compliance. */
  g_assert_cmpint (short_visits, >, 10);
  g_assert_cmpint (enough_visits, >, short_visits);
  g_assert_cmpint (short_money, >, 10);
  g_assert_cmpint (enough_money, >, 10);
  /* Some cadres are behind: a paired district-standard household of theirs got fewer than 4. */
  g_assert_cmpint (count (store, "SELECT count(DISTINCT p.cadre_id) FROM pairings p JOIN households h"
                                 " ON h.id = p.household_id WHERE h.category = 'kunnan' AND p.to_date IS NULL AND"
                                 " (SELECT count(*) FROM visits v WHERE v.household_id = h.id AND v.cadre_id = p.cadre_id) < 4"), >, 0);
  /* Money on a visit is also in the fund ledger. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM visits v WHERE v.amount_fen > 0 AND NOT EXISTS"
                                 " (SELECT 1 FROM payments p WHERE p.household_id = v.household_id AND"
                                 " p.cadre_id = v.cadre_id AND p.date = v.date AND p.amount_fen = v.amount_fen)"), ==, 0);
  /* Some households exited, not all; key villages have incomes and inspections. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM households WHERE status = 'exited' AND exit_year = 2016"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM households WHERE status = 'registered'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM village_incomes i JOIN villages v ON v.id = i.village_id"
                                 " WHERE v.is_key AND i.year = 2016"), ==, 8);
  g_assert_cmpint (count (store, "SELECT count(*) FROM inspections"), >, 50);
  g_assert_cmpint (count (store, "SELECT count(*) FROM visits WHERE date NOT LIKE '2016-%'"), ==, 0);
}

/* A digest of every row of every table, in id order. */
static char *
digest_store (BfStore *store)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (BfEntityKind kind = 0; kind < BF_N_ENTITIES; kind++)
    {
      g_autoptr(GPtrArray) records = bf_store_list (store, kind, NULL, NULL, NULL);
      for (guint i = 0; i < records->len; i++)
        {
          g_autoptr(JsonObject) object = bf_record_to_json (kind, g_ptr_array_index (records, i));
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
          g_autofree char *text = json_to_string (node, FALSE);
          g_checksum_update (sum, (const guchar *) text, -1);
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_deterministic (void)
{
  g_autoptr(BfStore) first = build_demo (42, 2016, NULL);
  g_autoptr(BfStore) second = build_demo (42, 2016, NULL);
  g_autoptr(BfStore) other = build_demo (43, 2016, NULL);
  g_autofree char *a = digest_store (first);
  g_autofree char *b = digest_store (second);
  g_autofree char *c = digest_store (other);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_other_year (void)
{
  g_autoptr(BfStore) store = build_demo (1, 2017, NULL);

  g_assert_cmpint (count (store, "SELECT count(*) FROM visits WHERE date LIKE '2017-%'"), >, 10000);
  g_assert_cmpint (count (store, "SELECT count(*) FROM household_incomes WHERE year = 2017"), ==, 497 + 4773);
  g_assert_cmpint (count (store, "SELECT count(*) FROM household_incomes WHERE year = 2015"), ==, 497 + 4773);
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (scratch.dir, "refusals.db", NULL);
  g_autoptr(BfStore) store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  gint64 households;

  g_ptr_array_add (scratch.paths, g_strdup (path));
  g_assert_no_error (error);
  g_assert_false (bf_demo_build (store, 1, 2015, &error));
  g_assert_nonnull (strstr (error->message, "2016"));
  g_clear_error (&error);
  g_assert_true (bf_demo_build (store, 1, 2016, &error));
  g_assert_no_error (error);
  households = count (store, "SELECT count(*) FROM households");
  g_assert_false (bf_demo_build (store, 1, 2016, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_EMPTY);
  g_assert_cmpint (count (store, "SELECT count(*) FROM households"), ==, households);
}

static void
remove_scratch (void)
{
  for (guint i = 0; i < scratch.paths->len; i++)
    {
      const char *path = g_ptr_array_index (scratch.paths, i);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (scratch.dir);
  g_free (scratch.dir);
  g_ptr_array_unref (scratch.paths);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scratch.dir = g_dir_make_tmp ("bangfu-demo-XXXXXX", &error);
  g_assert_no_error (error);
  scratch.paths = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/demo/seed-figures", test_seed_figures);
  g_test_add_func ("/demo/key-villages", test_key_villages);
  g_test_add_func ("/demo/people-and-ids", test_people_and_ids);
  g_test_add_func ("/demo/pairings-and-gaps", test_pairings_and_gaps);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/other-year", test_other_year);
  g_test_add_func ("/demo/refusals", test_refusals);
  status = g_test_run ();
  remove_scratch ();
  return status;
}
