/* test-import.c: importing registers — encodings, CSV, every bad row, re-import, atomicity. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-import.h"
#include "bf-store-private.h"

typedef struct {
  char    *dir;
  BfStore *store;
} Fixture;

static char *
add_place (BfStore *store, const char *town_name, const char *village_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) towns = bf_store_list (store, BF_ENTITY_TOWN, "name", town_name, &error);
  g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
  char *town_id;

  g_assert_no_error (error);
  if (towns->len == 0)
    {
      g_autoptr(BfTown) town = g_new0 (BfTown, 1);
      town->name = g_strdup (town_name);
      g_assert_true (bf_town_insert (store, town, &error));
      town_id = g_strdup (town->id);
    }
  else
    town_id = g_strdup (((BfTown *) g_ptr_array_index (towns, 0))->id);
  village->town_id = town_id;
  village->name = g_strdup (village_name);
  g_assert_true (bf_village_insert (store, village, &error));
  return g_strdup (village->id);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate today;

  f->dir = g_dir_make_tmp ("bangfu-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 30, 6, 2017);
  bf_store_set_today (f->store, &today);
  g_free (add_place (f->store, "源潭镇", "积余村"));
  g_free (add_place (f->store, "源潭镇", "踵头村"));
  g_free (add_place (f->store, "飞来峡镇", "旧岭村"));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (bf_store_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  bf_store_free (f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static BfImport *
load_data_file (Fixture *f, const char *name, GError **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  BfImport *import = bf_import_load_file (f->store, path, error);

  /* What the dry run would print, in the test's log. */
  for (guint i = 0; import != NULL && i < bf_import_problems (import)->len; i++)
    {
      const BfImportProblem *problem = g_ptr_array_index (bf_import_problems (import), i);
      g_test_message ("%s line %u: %s", name, problem->line, problem->message);
    }
  return import;
}

static gint64
query (Fixture *f, const char *sql)
{
  gint64 n = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_store_query_int64 (f->store, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

static BfMember *
member_by_id_number (Fixture *f, const char *id_number)
{
  g_autoptr(GPtrArray) members = bf_store_list (f->store, BF_ENTITY_MEMBER, "id_number", id_number, NULL);
  g_assert_nonnull (members);
  g_assert_cmpuint (members->len, ==, 1);
  return bf_record_copy (BF_ENTITY_MEMBER, g_ptr_array_index (members, 0));
}

static void
test_utf8_register (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfImport) import = load_data_file (f, "households-utf8.csv", &error);
  g_autoptr(BfMember) head = NULL;
  g_autoptr(BfMember) spouse = NULL;
  g_autoptr(BfHousehold) household = NULL;
  g_autoptr(BfHousehold) chen = NULL;
  g_autoptr(BfMember) chen_head = NULL;
  BfImportCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_cmpstr (bf_import_encoding (import), ==, "UTF-8");
  g_assert_cmpuint (bf_import_problems (import)->len, ==, 0);

  /* The dry run's counts, and it writes nothing. */
  g_assert_true (bf_import_preview (f->store, import, &counts, &error));
  g_assert_cmpuint (counts.added, ==, 3);
  g_assert_cmpuint (counts.members_added, ==, 6);
  g_assert_cmpuint (counts.rows, ==, 6);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 0);

  memset (&counts, 0, sizeof counts);
  g_assert_true (bf_import_apply (f->store, import, FALSE, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 3);
  g_assert_cmpuint (counts.updated + counts.unchanged + counts.refused, ==, 0);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_MEMBER, NULL), ==, 6);

  head = member_by_id_number (f, "441802196503120116");
  g_assert_cmpint (head->relation, ==, BF_RELATION_HEAD);
  g_assert_cmpstr (head->birth_date, ==, "1965-03-12");   /* from the ID number */
  household = bf_household_get (f->store, head->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (household->head_name, ==, "黄水生");
  g_assert_cmpint (household->category, ==, BF_CATEGORY_KUNNAN);
  g_assert_cmpint (household->labour, ==, BF_LABOUR_ABLE);
  g_assert_cmpstr (household->address, ==, "积余村三组, 12号");
  g_assert_cmpstr (household->phone, ==, "13800138000");
  spouse = member_by_id_number (f, "441802196807050225");
  g_assert_cmpstr (spouse->household_id, ==, head->household_id);
  g_assert_cmpint (spouse->relation, ==, BF_RELATION_SPOUSE);
  g_assert_cmpint (spouse->sex, ==, BF_SEX_FEMALE);
  g_assert_true (spouse->medical_insured);
  g_assert_false (spouse->pension_insured);

  /* 源潭 and 踵头 name 源潭镇 and 踵头村; a quoted line break stays in the address. */
  chen_head = member_by_id_number (f, "441802199211200249");
  chen = bf_household_get (f->store, chen_head->household_id, &error);
  g_assert_cmpint (chen->category, ==, BF_CATEGORY_DIBAO);
  g_assert_cmpint (chen->labour, ==, BF_LABOUR_PARTIAL);
  g_assert_cmpstr (chen->address, ==, "踵头村\n新屋");
  g_assert_cmpstr (chen->phone, ==, "0763-3333333");

  /* Like any edit: a logged creation per record, each pending for the next sync. */
  g_assert_cmpint (query (f, "SELECT count(*) FROM change_log WHERE entity = 'household'"), ==, 3);
  g_assert_cmpint (query (f, "SELECT count(*) FROM change_log WHERE entity = 'member'"), ==, 6);
  g_assert_cmpint (query (f, "SELECT count(*) FROM pending_fields WHERE entity IN ('household', 'member')"
                             " AND field = '*'"), ==, 9);
}

static void
test_reimport_updates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfImport) first = load_data_file (f, "households-utf8.csv", &error);
  g_autoptr(BfImport) again = NULL;
  g_autoptr(BfImport) heads = NULL;
  g_autoptr(BfMember) head = NULL;
  g_autoptr(BfHousehold) household = NULL;
  BfImportCounts counts = { 0 };
  gint64 logged;

  g_assert_true (bf_import_apply (f->store, first, FALSE, NULL, &error));
  logged = query (f, "SELECT count(*) FROM change_log");

  /* The same file again changes nothing and logs nothing. */
  again = load_data_file (f, "households-utf8.csv", &error);
  g_assert_true (bf_import_apply (f->store, again, FALSE, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.unchanged, ==, 3);
  g_assert_cmpuint (counts.members_added + counts.members_updated, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM change_log"), ==, logged);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);

  /* A list of heads: 黄水生 exited in 2016 with a new phone; 何伯 as he was. Fields the file
   * does not give (the address) are left alone. */
  heads = load_data_file (f, "households-heads.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_import_problems (heads)->len, ==, 0);
  g_assert_true (bf_import_apply (f->store, heads, FALSE, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.unchanged, ==, 1);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);
  head = member_by_id_number (f, "441802196503120116");
  household = bf_household_get (f->store, head->household_id, &error);
  g_assert_cmpstr (household->phone, ==, "13800138001");
  g_assert_cmpint (household->status, ==, BF_STATUS_EXITED);
  g_assert_cmpint (household->exit_year, ==, 2016);
  g_assert_cmpstr (household->address, ==, "积余村三组, 12号");
  /* Three changed fields, three logged edits through bf_store_update_field. */
  g_assert_cmpint (query (f, "SELECT count(*) FROM change_log"), ==, logged + 3);
  g_assert_cmpint (query (f, "SELECT count(*) FROM pending_fields WHERE entity = 'household'"
                             " AND field IN ('phone', 'status', 'exit_year')"), ==, 3);
}

static void
test_gb18030_bad_rows (Fixture *f, gconstpointer data)
{
  static const guint bad_lines[] = { 4, 5, 6, 7, 8, 9, 10, 12 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BfImport) import = load_data_file (f, "households-gb18030-bad.csv", &error);
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  GPtrArray *problems;
  BfImportCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_cmpstr (bf_import_encoding (import), ==, "GB18030");
  problems = bf_import_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      const BfImportProblem *problem = g_ptr_array_index (problems, i);
      g_test_message ("line %u: %s", problem->line, problem->message);
      g_hash_table_add (lines, GUINT_TO_POINTER (problem->line));
    }
  /* Every bad row, and only those. */
  g_assert_cmpuint (g_hash_table_size (lines), ==, G_N_ELEMENTS (bad_lines));
  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    g_assert_true (g_hash_table_contains (lines, GUINT_TO_POINTER (bad_lines[i])));
  for (guint i = 0; i < problems->len; i++)
    {
      const BfImportProblem *problem = g_ptr_array_index (problems, i);
      if (problem->line == 6)
        g_assert_nonnull (strstr (problem->message, "不存在村"));
      if (problem->line == 7)
        g_assert_nonnull (strstr (problem->message, "贫困"));
      if (problem->line == 10)
        g_assert_nonnull (strstr (problem->message, "line 3"));
    }

  /* Nothing while rows are bad… */
  g_assert_false (bf_import_apply (f->store, import, FALSE, &counts, &error));
  g_assert_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM change_log WHERE entity IN ('household', 'member')"), ==, 0);

  /* …the good ones when asked. */
  g_assert_true (bf_import_apply (f->store, import, TRUE, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 2);
  g_assert_cmpuint (counts.members_added, ==, 3);
  g_assert_cmpuint (counts.refused, ==, 5);
  g_assert_cmpuint (counts.bad_rows, ==, 8);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 2);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_MEMBER, NULL), ==, 3);
}

static void
assert_format_error (Fixture *f, const char *text, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfImport) import = bf_import_load (f->store, text, strlen (text), &error);

  g_assert_null (import);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_csv_and_header (Fixture *f, gconstpointer data)
{
  static const char header[] = "姓名,身份证号,所在镇,所在村,类别,劳动能力,住址\n";
  g_autofree char *quoted = g_strconcat (header,
    "\"何伯\",441802194501010512,飞来峡镇,旧岭村,五保户,无劳动能力,\"旧岭村\"\"老屋\"\"\"\n", NULL);
  g_autofree char *open_quote = g_strconcat (header, "何伯,441802194501010512,飞来峡镇,旧岭村,五保户,无劳动能力,\"旧岭\n", NULL);
  g_autofree char *stray = g_strconcat (header, "何伯,4418021945\"01010512,飞来峡镇,旧岭村,五保户,无劳动能力,\n", NULL);
  g_autofree char *wide = g_strconcat (header, "何伯,441802194501010512,飞来峡镇,旧岭村,五保户,无劳动能力,,多余\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfImport) import = bf_import_load (f->store, quoted, strlen (quoted), &error);
  g_autoptr(BfImport) too_wide = NULL;
  g_autoptr(BfMember) head = NULL;
  g_autoptr(BfHousehold) household = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (bf_import_problems (import)->len, ==, 0);
  g_assert_true (bf_import_apply (f->store, import, FALSE, NULL, &error));
  head = member_by_id_number (f, "441802194501010512");
  household = bf_household_get (f->store, head->household_id, &error);
  g_assert_cmpstr (household->address, ==, "旧岭村\"老屋\"");

  assert_format_error (f, open_quote, "Line 2");
  assert_format_error (f, open_quote, "never closed");
  assert_format_error (f, stray, "quote");
  assert_format_error (f, "姓名,身份证号,所在村,类别,劳动能力\n", "所在镇");
  assert_format_error (f, "姓名,身份证号,所在镇,镇,所在村,类别,劳动能力\n", "same thing");
  assert_format_error (f, "", "empty");
  assert_format_error (f, "\xff\xfe\x00\x00", "text");

  too_wide = bf_import_load (f->store, wide, strlen (wide), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_import_problems (too_wide)->len, ==, 1);
}

/* A failure half-way (here a trigger standing for a full disk) leaves nothing behind. */
static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfImport) import = load_data_file (f, "households-utf8.csv", &error);
  gint64 logged = query (f, "SELECT count(*) FROM change_log");

  g_assert_true (bf_store_exec (f->store,
    "CREATE TEMP TRIGGER full_disk BEFORE INSERT ON members"
    " WHEN NEW.name = '陈建国' BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END;", &error));
  g_assert_false (bf_import_apply (f->store, import, FALSE, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 0);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_MEMBER, NULL), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM change_log"), ==, logged);

  /* The store works on afterwards. */
  g_assert_true (bf_store_exec (f->store, "DROP TRIGGER temp.full_disk", &error));
  g_assert_true (bf_import_apply (f->store, import, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_store_count (f->store, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);
}

/* An ID number already in the ledger under another household is refused, not moved. */
static void
test_id_of_another_household (Fixture *f, gconstpointer data)
{
  static const char text[] =
    "户主身份证号,姓名,身份证号,与户主关系,所在镇,所在村,类别,劳动能力\n"
    "441802195802030351,罗志强,441802195802030351,户主,源潭镇,积余村,困难户,有劳动能力\n"
    "441802195802030351,李秀英,441802196807050225,配偶,,,,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BfImport) first = load_data_file (f, "households-utf8.csv", &error);
  g_autoptr(BfImport) import = NULL;
  GPtrArray *problems;

  g_assert_true (bf_import_apply (f->store, first, FALSE, NULL, &error));
  import = bf_import_load (f->store, text, sizeof text - 1, &error);
  g_assert_no_error (error);
  problems = bf_import_problems (import);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((BfImportProblem *) g_ptr_array_index (problems, 0))->line, ==, 3);
  g_assert_nonnull (strstr (((BfImportProblem *) g_ptr_array_index (problems, 0))->message, "another household"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/import/utf8-register", test_utf8_register);
  ADD ("/import/reimport-updates", test_reimport_updates);
  ADD ("/import/gb18030-bad-rows", test_gb18030_bad_rows);
  ADD ("/import/csv-and-header", test_csv_and_header);
  ADD ("/import/all-or-nothing", test_all_or_nothing);
  ADD ("/import/id-of-another-household", test_id_of_another_household);
#undef ADD
  return g_test_run ();
}
