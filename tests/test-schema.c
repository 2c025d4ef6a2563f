/* test-schema.c: the field tables agree with the SQL schema, and generic record handling. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-record.h"
#include "bf-store-private.h"
#include "bf-uuid.h"
#include "bf-validate.h"

static void
test_tables_match_sql (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bangfu-schema-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  for (BfEntityKind kind = 0; kind < BF_N_ENTITIES; kind++)
    {
      const BfEntityDef *def = bf_entity_def (kind);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", def->table);
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (def->kind, ==, kind);
      g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);

      g_assert_true (g_hash_table_contains (columns, "id"));
      g_assert_true (g_hash_table_contains (columns, "deleted"));
      for (guint i = 0; i < def->n_fields; i++)
        {
          if (!g_hash_table_contains (columns, def->fields[i].name))
            g_error ("%s.%s is in the field table but not in SQL", def->table, def->fields[i].name);
          g_assert_nonnull (def->fields[i].label);
        }
      g_assert_cmpuint (g_hash_table_size (columns), ==, def->n_fields + 2);
      g_assert_true (bf_entity_def_lookup (def->name) == def);
      g_assert_true (bf_entity_def_lookup (def->table) == def);
    }
  g_assert_null (bf_entity_def_lookup ("nothing"));
  bf_store_free (store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
test_codes (void)
{
  g_assert_cmpint (bf_code_index (bf_category_codes, "wubao"), ==, BF_CATEGORY_WUBAO);
  g_assert_cmpint (bf_code_index (bf_status_codes, "returned"), ==, BF_STATUS_RETURNED);
  g_assert_cmpint (bf_code_index (bf_help_codes, "other"), ==, 9);
  g_assert_cmpint (1 << bf_code_index (bf_help_codes, "housing"), ==, BF_HELP_HOUSING);
  g_assert_cmpint (bf_code_index (bf_source_codes, "unit"), ==, BF_SOURCE_UNIT);
  g_assert_cmpint (bf_code_index (bf_category_codes, "WUBAO"), ==, -1);
  g_assert_cmpint (bf_code_index (bf_category_codes, NULL), ==, -1);
}

static BfVisit *
sample_visit (void)
{
  BfVisit *visit = g_new0 (BfVisit, 1);

  visit->id = bf_uuid_for_name ("visit-1");
  visit->household_id = bf_uuid_for_name ("household-1");
  visit->cadre_id = bf_uuid_for_name ("cadre-1");
  visit->date = g_strdup ("2016-05-01");
  visit->kinds = BF_HELP_POLICY | BF_HELP_HOUSING;
  visit->description = g_strdup ("查看危房改造进度");
  visit->amount_fen = 123456;
  return visit;
}

static void
test_text_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  BfVisit *visit = sample_visit ();
  BfVisit *copy = bf_record_new (BF_ENTITY_VISIT);
  const BfEntityDef *def = bf_entity_def (BF_ENTITY_VISIT);
  g_autofree char *kinds = bf_record_get_text (bf_entity_field (def, "kinds"), visit);
  g_autofree char *money = bf_record_get_text (bf_entity_field (def, "amount_fen"), visit);

  g_assert_cmpstr (kinds, ==, "policy,housing");
  g_assert_cmpstr (money, ==, "123456");
  copy->id = g_strdup (visit->id);
  for (guint i = 0; i < def->n_fields; i++)
    {
      g_autofree char *text = bf_record_get_text (&def->fields[i], visit);
      g_assert_true (bf_record_set_text (&def->fields[i], copy, text, &error));
      g_assert_no_error (error);
    }
  g_assert_true (bf_record_equal (BF_ENTITY_VISIT, visit, copy));
  copy->amount_fen++;
  g_assert_false (bf_record_equal (BF_ENTITY_VISIT, visit, copy));
  bf_record_free (BF_ENTITY_VISIT, visit);
  bf_record_free (BF_ENTITY_VISIT, copy);
}

static void
test_set_text_refuses (void)
{
  const BfEntityDef *households = bf_entity_def (BF_ENTITY_HOUSEHOLD);
  const BfEntityDef *visits = bf_entity_def (BF_ENTITY_VISIT);
  BfHousehold *household = bf_record_new (BF_ENTITY_HOUSEHOLD);
  BfVisit *visit = bf_record_new (BF_ENTITY_VISIT);
  struct {
    const BfEntityDef *def;
    gpointer record;
    const char *field;
    const char *text;
  } bad[] = {
    { households, household, "category", "poor" },
    { households, household, "consent_publish", "maybe" },
    { households, household, "exit_year", "2016a" },
    { households, household, "exit_year", "99999999999" },
    { households, household, "head_name", "\xff\xfe" },
    { visits, visit, "kinds", "policy,flying" },
    { visits, visit, "amount_fen", "12.5" },
    { visits, visit, "amount_fen", "99999999999999999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (bf_record_set_text (bf_entity_field (bad[i].def, bad[i].field), bad[i].record,
                                          bad[i].text, &error));
      g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT);
    }
  bf_record_free (BF_ENTITY_HOUSEHOLD, household);
  bf_record_free (BF_ENTITY_VISIT, visit);
}

static void
test_copy_is_deep (void)
{
  BfVisit *visit = sample_visit ();
  BfVisit *copy = bf_record_copy (BF_ENTITY_VISIT, visit);

  g_assert_true (bf_record_equal (BF_ENTITY_VISIT, visit, copy));
  g_assert_true (copy->description != visit->description);
  bf_record_free (BF_ENTITY_VISIT, visit);
  g_assert_cmpstr (copy->description, ==, "查看危房改造进度");
  bf_record_free (BF_ENTITY_VISIT, copy);
}

static void
test_json (void)
{
  BfVisit *visit = sample_visit ();
  g_autoptr(JsonObject) object = bf_record_to_json (BF_ENTITY_VISIT, visit);

  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, visit->id);
  g_assert_cmpint (json_object_get_int_member (object, "amount_fen"), ==, 123456);
  g_assert_cmpstr (json_object_get_string_member (object, "kinds"), ==, "policy,housing");
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2016-05-01");
  bf_record_free (BF_ENTITY_VISIT, visit);
}

static void
test_uuids (void)
{
  g_autofree char *random1 = bf_uuid_random ();
  g_autofree char *random2 = bf_uuid_random ();
  g_autofree char *named1 = bf_uuid_for_name ("x");
  g_autofree char *named2 = bf_uuid_for_name ("x");
  g_autofree char *named3 = bf_uuid_for_name ("y");
  g_autoptr(GRand) rand1 = g_rand_new_with_seed (7);
  g_autoptr(GRand) rand2 = g_rand_new_with_seed (7);
  g_autofree char *drawn1 = bf_uuid_from_rand (rand1);
  g_autofree char *drawn2 = bf_uuid_from_rand (rand2);
  g_autofree char *income1 = bf_household_income_id (named1, 2016);
  g_autofree char *income2 = bf_household_income_id (named1, 2016);
  g_autofree char *income3 = bf_household_income_id (named1, 2017);

  g_assert_true (bf_uuid_is_valid (random1));
  g_assert_cmpint (random1[14], ==, '7');   /* time-ordered */
  g_assert_cmpstr (random1, !=, random2);
  g_assert_true (bf_uuid_is_valid (named1));
  g_assert_cmpint (named1[14], ==, '5');
  g_assert_cmpstr (named1, ==, named2);
  g_assert_cmpstr (named1, !=, named3);
  g_assert_true (bf_uuid_is_valid (drawn1));
  g_assert_cmpint (drawn1[14], ==, '4');
  g_assert_cmpstr (drawn1, ==, drawn2);
  g_assert_cmpstr (income1, ==, income2);
  g_assert_cmpstr (income1, !=, income3);
  g_assert_false (bf_uuid_is_valid ("6B1F3C52-9E0D-4A77-B241-5DC813E690AF"));
  g_assert_false (bf_uuid_is_valid ("6b1f3c52-9e0d-4a77-b241-5dc813e690a"));
  g_assert_false (bf_uuid_is_valid ("6b1f3c52x9e0d-4a77-b241-5dc813e690af"));
  g_assert_false (bf_uuid_is_valid (NULL));
}

static void
test_check_strips_and_requires (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPolicy) policy = bf_policy_load_default (&error);
  BfCheckContext context = { .policy = policy };
  BfTown *town = bf_record_new (BF_ENTITY_TOWN);

  g_assert_no_error (error);
  g_date_clear (&context.today, 1);
  g_date_set_dmy (&context.today, 1, 6, 2016);
  town->id = bf_uuid_random ();
  town->name = g_strdup ("   ");
  g_assert_false (bf_record_check (BF_ENTITY_TOWN, town, &context, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  g_free (town->name);
  town->name = g_strdup (" 石角镇 ");
  town->kind = 7;
  g_assert_false (bf_record_check (BF_ENTITY_TOWN, town, &context, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_clear_error (&error);
  town->kind = BF_TOWN_KIND_TOWN;
  g_assert_true (bf_record_check (BF_ENTITY_TOWN, town, &context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (town->name, ==, "石角镇");
  bf_record_free (BF_ENTITY_TOWN, town);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema/tables-match-sql", test_tables_match_sql);
  g_test_add_func ("/schema/codes", test_codes);
  g_test_add_func ("/record/text-round-trip", test_text_round_trip);
  g_test_add_func ("/record/set-text-refuses", test_set_text_refuses);
  g_test_add_func ("/record/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/record/json", test_json);
  g_test_add_func ("/record/check-strips-and-requires", test_check_strips_and_requires);
  g_test_add_func ("/uuid/all", test_uuids);
  return g_test_run ();
}
