/* test-migration.c: old files are brought up to the current schema on open, keeping their
 * records; up-to-date files are left alone; a failed step leaves the file as it was. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "bf-record.h"
#include "bf-store-private.h"
#include "bf-uuid.h"
#include "bf-validate.h"

/* "BFTZ" in PRAGMA application_id; bf-store.c keeps the constant private. */
#define EXPECTED_APPLICATION_ID 0x4246545a

/* The indexes that schema step 2 creates. A released step never changes, so neither does
 * this list. */
static const char *const schema2_indexes[] = {
  "villages_by_town", "households_by_village", "members_by_household", "members_by_id_number",
  "pairings_by_household", "pairings_by_cadre", "visits_by_household", "visits_by_cadre",
  "payments_by_household", "payments_by_village", "inspections_by_village", "cadres_by_unit",
};

/* Indexes a later step dropped (step 8: written with every row, read by no query). */
static const char *const dropped_indexes[] = { "visits_by_cadre", "hub_log_by_town" };

static gboolean
dropped_later (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (dropped_indexes); i++)
    if (strcmp (dropped_indexes[i], name) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  char *dir;
  char *path;
} TempDb;

static void
temp_db_init (TempDb *t)
{
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("bangfu-migration-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "ledger.db", NULL);
}

static void
temp_db_clear (TempDb *t)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (t->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (t->dir), ==, 0);
  g_clear_pointer (&t->path, g_free);
  g_clear_pointer (&t->dir, g_free);
}

static gint64
query_int (BfStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (bf_store_query_int64 (store, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
index_exists (BfStore *store, const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store),
                                       "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Indexes we made, not SQLite's own for PRIMARY KEY / UNIQUE. */
static gint64
count_own_indexes (BfStore *store)
{
  return query_int (store, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                           " AND name NOT LIKE 'sqlite_autoindex_%'");
}

/* What every store opened by bf_store_open() must look like. */
static void
assert_current_store (BfStore *store)
{
  g_autofree char *journal_mode = query_text (bf_store_db (store), "PRAGMA journal_mode");
  g_autofree char *integrity = query_text (bf_store_db (store), "PRAGMA integrity_check");

  g_assert_cmpint (bf_store_schema_version (store), ==, bf_store_latest_schema_version ());
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==,
                   bf_store_latest_schema_version ());
  g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==, EXPECTED_APPLICATION_ID);
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpstr (integrity, ==, "ok");
  for (guint i = 0; i < G_N_ELEMENTS (schema2_indexes); i++)
    {
      const char *name = schema2_indexes[i];
      /* Names the missing index when it fails. */
      if (!dropped_later (name))
        g_assert_cmpstr (index_exists (store, name) ? name : "(missing)", ==, name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dropped_indexes); i++)
    g_assert_false (index_exists (store, dropped_indexes[i]));
}

/* A valid ID number for someone born on @birth (YYYYMMDD) in Qingcheng (441802). */
static char *
make_id (const char *birth, int sequence)
{
  char digits[19];

  g_snprintf (digits, 18, "441802%s%03d", birth, sequence);
  digits[17] = bf_id_number_check_char (digits);
  digits[18] = '\0';
  return g_strdup (digits);
}

typedef struct {
  BfEntityKind kind;
  gpointer     record;
} Saved;

static void
saved_clear (gpointer data)
{
  Saved *saved = data;
  bf_record_free (saved->kind, saved->record);
}

/* Inserts @record as an old Bangfu would have: only the columns its schema has, no change log.
 * At the latest schema, through the typed API. Keeps the record to compare after reopening. */
static void
insert_and_keep (BfStore *store, GArray *saved, BfEntityKind kind, gpointer record)
{
  g_autoptr(GError) error = NULL;
  const BfEntityDef *def = bf_entity_def (kind);
  Saved entry = { kind, record };

  if (bf_store_schema_version (store) == bf_store_latest_schema_version ())
    {
      g_assert_true (bf_store_insert (store, kind, record, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) columns = g_string_new ("id");
      g_autoptr(GString) marks = g_string_new ("?");
      sqlite3_stmt *stmt = NULL;
      g_autofree char *info = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') WHERE name = ?", def->table);
      BfCheckContext context;

      bf_store_get_check_context (store, &context);
      if (bf_record_id (record) == NULL)
        *(char **) record = bf_uuid_random ();
      g_assert_true (bf_record_check (kind, record, &context, &error));
      g_ptr_array_add (values, g_strdup (bf_record_id (record)));
      for (guint i = 0; i < def->n_fields; i++)
        {
          sqlite3_stmt *has = NULL;
          gboolean present;
          g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store), info, -1, &has, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (has, 1, def->fields[i].name, -1, SQLITE_STATIC);
          present = sqlite3_step (has) == SQLITE_ROW;
          sqlite3_finalize (has);
          if (!present)
            continue;   /* a field added by a later schema step */
          g_string_append_printf (columns, ", %s", def->fields[i].name);
          g_string_append (marks, ", ?");
          g_ptr_array_add (values, bf_record_get_text (&def->fields[i], record));
          if (def->fields[i].type == BF_FIELD_BOOL)
            {
              char *text = g_ptr_array_index (values, values->len - 1);
              values->pdata[values->len - 1] = g_strdup (g_strcmp0 (text, "true") == 0 ? "1" : "0");
              g_free (text);
            }
          else if (g_ptr_array_index (values, values->len - 1) == NULL &&
                   (def->fields[i].type == BF_FIELD_ENUM || def->fields[i].type == BF_FIELD_FLAGS))
            values->pdata[values->len - 1] = g_strdup ("");
        }
      g_string_printf (sql, "INSERT INTO %s (%s) VALUES (%s)", def->table, columns->str, marks->str);
      g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store), sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
      for (guint i = 0; i < values->len; i++)
        sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  g_assert_nonnull (bf_record_id (record));
  g_array_append_val (saved, entry);
}

/* One record of every kind, through the typed API, into a store at any schema version. */
static void
fill_ledger (BfStore *store, GArray *saved)
{
  BfTown *town = g_new0 (BfTown, 1);
  BfVillage *village = g_new0 (BfVillage, 1);
  BfUnit *unit = g_new0 (BfUnit, 1);
  BfCadre *cadre = g_new0 (BfCadre, 1);
  BfCadre *leader = g_new0 (BfCadre, 1);
  BfHousehold *household = g_new0 (BfHousehold, 1);
  BfMember *member = g_new0 (BfMember, 1);
  BfPairing *pairing = g_new0 (BfPairing, 1);
  BfVisit *visit = g_new0 (BfVisit, 1);
  BfPayment *payment = g_new0 (BfPayment, 1);
  BfHouseholdIncome *income = g_new0 (BfHouseholdIncome, 1);
  BfVillageIncome *village_income = g_new0 (BfVillageIncome, 1);
  BfInspection *inspection = g_new0 (BfInspection, 1);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2016);
  bf_store_set_today (store, &today);

  town->name = g_strdup ("飞来峡镇");
  town->kind = BF_TOWN_KIND_TOWN;
  town->sort_order = 7;
  insert_and_keep (store, saved, BF_ENTITY_TOWN, town);

  village->town_id = g_strdup (town->id);
  village->name = g_strdup ("旧岭村");
  village->kind = BF_VILLAGE_KIND_VILLAGE;
  village->is_key = TRUE;
  village->is_old_base = TRUE;
  insert_and_keep (store, saved, BF_ENTITY_VILLAGE, village);

  unit->name = g_strdup ("清城区财政局");
  unit->key_village_id = g_strdup (village->id);
  unit->is_lead = TRUE;
  insert_and_keep (store, saved, BF_ENTITY_UNIT, unit);

  cadre->name = g_strdup ("李志强");
  cadre->unit_id = g_strdup (unit->id);
  cadre->phone = g_strdup ("138 0013 8000");
  cadre->role = BF_CADRE_ROLE_PAIRING;
  insert_and_keep (store, saved, BF_ENTITY_CADRE, cadre);
  g_assert_cmpstr (cadre->phone, ==, "13800138000");

  leader->name = g_strdup ("陈建华");
  leader->unit_id = g_strdup (unit->id);
  leader->role = BF_CADRE_ROLE_LEADER;
  insert_and_keep (store, saved, BF_ENTITY_CADRE, leader);

  household->village_id = g_strdup (village->id);
  household->head_name = g_strdup ("黄水生");
  household->category = BF_CATEGORY_DIBAO;
  household->labour = BF_LABOUR_PARTIAL;
  household->consent_publish = TRUE;
  household->status = BF_STATUS_REGISTERED;
  household->address = g_strdup ("旧岭村三组12号");
  household->phone = g_strdup ("0763-3812345");
  household->registered_on = g_strdup ("2016-03-15");
  insert_and_keep (store, saved, BF_ENTITY_HOUSEHOLD, household);

  member->household_id = g_strdup (household->id);
  member->name = g_strdup ("黄水生");
  member->relation = BF_RELATION_HEAD;
  member->id_number = make_id ("19560712", 13);   /* 13: odd, a man */
  member->sex = BF_SEX_MALE;
  member->birth_date = g_strdup ("1956-07-12");
  member->medical_insured = TRUE;
  member->dibao_covered = TRUE;
  insert_and_keep (store, saved, BF_ENTITY_MEMBER, member);
  g_assert_cmpuint (strlen (member->id_number), ==, 18);

  pairing->cadre_id = g_strdup (cadre->id);
  pairing->household_id = g_strdup (household->id);
  pairing->from_date = g_strdup ("2016-04-01");
  insert_and_keep (store, saved, BF_ENTITY_PAIRING, pairing);

  visit->household_id = g_strdup (household->id);
  visit->cadre_id = g_strdup (cadre->id);
  visit->date = g_strdup ("2016-05-01");
  visit->kinds = BF_HELP_POLICY | BF_HELP_FUNDS;
  visit->description = g_strdup ("宣讲政策，送慰问金");
  visit->amount_fen = 20000;
  insert_and_keep (store, saved, BF_ENTITY_VISIT, visit);

  payment->date = g_strdup ("2016-06-20");
  payment->household_id = g_strdup (household->id);
  payment->source = BF_SOURCE_DISTRICT;
  payment->purpose = g_strdup ("区财政帮扶资金");
  payment->amount_fen = 200000;
  insert_and_keep (store, saved, BF_ENTITY_PAYMENT, payment);

  income->id = bf_household_income_id (household->id, 2016);
  income->household_id = g_strdup (household->id);
  income->year = 2016;
  income->per_capita_fen = 512345;
  insert_and_keep (store, saved, BF_ENTITY_HOUSEHOLD_INCOME, income);

  village_income->id = bf_village_income_id (village->id, 2016);
  village_income->village_id = g_strdup (village->id);
  village_income->year = 2016;
  village_income->collective_fen = 3000000;
  insert_and_keep (store, saved, BF_ENTITY_VILLAGE_INCOME, village_income);

  inspection->village_id = g_strdup (village->id);
  inspection->unit_id = g_strdup (unit->id);
  inspection->leader_id = g_strdup (leader->id);
  inspection->date = g_strdup ("2016-09-09");
  inspection->findings = g_strdup ("道路硬底化已完成");
  insert_and_keep (store, saved, BF_ENTITY_INSPECTION, inspection);
}

/* Every saved record is in @store, equal, and nothing else is. */
static void
assert_ledger (BfStore *store, GArray *saved)
{
  guint expected_count[BF_N_ENTITIES] = { 0 };

  for (guint i = 0; i < saved->len; i++)
    {
      const Saved *entry = &g_array_index (saved, Saved, i);
      g_autoptr(GError) error = NULL;
      gpointer found = bf_store_get (store, entry->kind, bf_record_id (entry->record), &error);

      g_assert_no_error (error);
      g_assert_nonnull (found);
      if (!bf_record_equal (entry->kind, entry->record, found))
        {
          /* Show both versions of the record before failing. */
          JsonObject *want = bf_record_to_json (entry->kind, entry->record);
          JsonObject *got = bf_record_to_json (entry->kind, found);
          JsonNode *want_node = json_node_init_object (json_node_alloc (), want);
          JsonNode *got_node = json_node_init_object (json_node_alloc (), got);
          g_autofree char *want_text = json_to_string (want_node, FALSE);
          g_autofree char *got_text = json_to_string (got_node, FALSE);

          json_node_unref (want_node);
          json_node_unref (got_node);
          json_object_unref (want);
          json_object_unref (got);
          g_assert_cmpstr (got_text, ==, want_text);
        }
      g_assert_true (bf_record_equal (entry->kind, entry->record, found));
      bf_record_free (entry->kind, found);
      expected_count[entry->kind]++;
    }
  for (guint kind = 0; kind < BF_N_ENTITIES; kind++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (bf_store_count (store, kind, &error), ==, expected_count[kind]);
      g_assert_no_error (error);
    }
}

static GArray *
saved_new (void)
{
  GArray *saved = g_array_new (FALSE, TRUE, sizeof (Saved));

  g_array_set_clear_func (saved, saved_clear);
  return saved;
}

static void
test_steps_ordered (void)
{
  guint n = 0;
  const BfMigration *migrations = bf_store_migrations (&n);

  g_assert_nonnull (migrations);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpint (migrations[0].version, ==, 1);
  for (guint i = 0; i < n; i++)
    {
      g_test_message ("step %d: %s", migrations[i].version, migrations[i].description);
      if (i > 0)
        g_assert_cmpint (migrations[i].version, >, migrations[i - 1].version);
      g_assert_nonnull (migrations[i].description);
      g_assert_cmpstr (migrations[i].description, !=, "");
      g_assert_nonnull (migrations[i].sql);
      g_assert_true (sqlite3_complete (migrations[i].sql));
    }
  g_assert_cmpint (bf_store_latest_schema_version (), ==, migrations[n - 1].version);
}

static void
test_old_file_keeps_records (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved = saved_new ();
  BfStore *store;
  TempDb t;

  temp_db_init (&t);

  /* A file as schema 1 left it: tables only. */
  store = bf_store_open_at_version (t.path, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (bf_store_schema_version (store), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (count_own_indexes (store), ==, 0);
  g_assert_false (index_exists (store, "households_by_village"));
  fill_ledger (store, saved);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM households"), ==, 1);
  bf_store_free (store);

  /* Opening it again at version 1 must not upgrade it behind the caller's back. */
  store = bf_store_open_at_version (t.path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_store_schema_version (store), ==, 1);
  g_assert_cmpint (count_own_indexes (store), ==, 0);
  bf_store_free (store);

  /* The real open upgrades it. */
  store = bf_store_open (t.path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  assert_current_store (store);
  assert_ledger (store, saved);
  /* Rows written before the change log existed are in it now, waiting to be sent: an upgrade
   * must not leave data that never reaches the district. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM change_log WHERE state = 'pending'"), ==,
                   (gint64) saved->len);
  {
    sqlite3_stmt *stmt = NULL;

    /* No record points at a record that is not there. */

    g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store), "PRAGMA foreign_key_check", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  bf_store_free (store);

  /* And it stays upgraded. */
  store = bf_store_open (t.path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  assert_current_store (store);
  assert_ledger (store, saved);
  bf_store_free (store);

  temp_db_clear (&t);
}

static void
test_fresh_file_is_latest (void)
{
  g_autoptr(GError) error = NULL;
  BfStore *store;
  gboolean empty = FALSE;
  TempDb t;

  temp_db_init (&t);
  g_assert_false (g_file_test (t.path, G_FILE_TEST_EXISTS));
  store = bf_store_open (t.path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (t.path, G_FILE_TEST_IS_REGULAR));
  assert_current_store (store);
  g_assert_cmpint (count_own_indexes (store), >=, G_N_ELEMENTS (schema2_indexes));
  g_assert_true (bf_store_is_empty (store, &empty, &error));
  g_assert_no_error (error);
  g_assert_true (empty);
  bf_store_free (store);

  /* What is on disk after closing, read without Bangfu. */
  {
    sqlite3 *db = NULL;
    g_autofree char *user_version = NULL, *application_id = NULL;

    g_assert_cmpint (sqlite3_open_v2 (t.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    user_version = query_text (db, "PRAGMA user_version");
    application_id = query_text (db, "PRAGMA application_id");
    g_assert_cmpint (g_ascii_strtoll (user_version, NULL, 10), ==,
                     bf_store_latest_schema_version ());
    g_assert_cmpint (g_ascii_strtoll (application_id, NULL, 10), ==, EXPECTED_APPLICATION_ID);
    sqlite3_close (db);
  }

  temp_db_clear (&t);
}

static char *
file_checksum (const char *path, gsize *out_length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, out_length, &error));
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, *out_length);
}

static void
test_up_to_date_file_untouched (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved = saved_new ();
  g_autofree char *wal = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize length_before = 0, length_after = 0;
  struct utimbuf long_ago = { .actime = 1000000000, .modtime = 1000000000 };
  GStatBuf st;
  BfStore *store;
  TempDb t;

  temp_db_init (&t);
  wal = g_strconcat (t.path, "-wal", NULL);
  store = bf_store_open (t.path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fill_ledger (store, saved);
  bf_store_free (store);

  /* Closing the last connection checkpoints: everything is in the main file. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = file_checksum (t.path, &length_before);
  /* A timestamp no write can produce, so that any write shows however coarse the clock. */
  g_assert_cmpint (g_utime (t.path, &long_ago), ==, 0);

  store = bf_store_open (t.path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (bf_store_schema_version (store), ==, bf_store_latest_schema_version ());
  assert_ledger (store, saved);
  bf_store_free (store);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = file_checksum (t.path, &length_after);
  g_assert_cmpuint (length_after, ==, length_before);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (g_stat (t.path, &st), ==, 0);
  g_assert_cmpint ((gint64) st.st_mtime, ==, (gint64) long_ago.modtime);

  temp_db_clear (&t);
}

/* A step that fails part-way is rolled back whole: the file keeps its old schema and can be
 * opened again once the obstacle is gone. */
static void
test_failed_step_rolls_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved = saved_new ();
  const char *last_index = schema2_indexes[G_N_ELEMENTS (schema2_indexes) - 1];
  g_autofree char *obstacle = g_strdup_printf ("CREATE TABLE %s (x)", last_index);
  g_autofree char *removal = g_strdup_printf ("DROP TABLE %s", last_index);
  BfStore *store;
  TempDb t;

  temp_db_init (&t);
  store = bf_store_open_at_version (t.path, 1, &error);
  g_assert_no_error (error);
  fill_ledger (store, saved);
  /* A table with the name step 2 wants for its last index makes that statement fail. */
  g_assert_true (bf_store_exec (store, obstacle, &error));
  g_assert_no_error (error);
  bf_store_free (store);

  store = bf_store_open (t.path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "schema 2"));
  g_clear_error (&error);

  store = bf_store_open_at_version (t.path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_store_schema_version (store), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, 1);
  /* None of the step's earlier indexes survived the failure. */
  g_assert_cmpint (count_own_indexes (store), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM households"), ==, 1);   /* data intact */
  g_assert_true (bf_store_exec (store, removal, &error));
  g_assert_no_error (error);
  bf_store_free (store);

  store = bf_store_open (t.path, BF_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  assert_current_store (store);
  assert_ledger (store, saved);
  bf_store_free (store);

  temp_db_clear (&t);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migration/steps-ordered", test_steps_ordered);
  g_test_add_func ("/migration/old-file-keeps-records", test_old_file_keeps_records);
  g_test_add_func ("/migration/fresh-file-is-latest", test_fresh_file_is_latest);
  g_test_add_func ("/migration/up-to-date-file-untouched", test_up_to_date_file_untouched);
  g_test_add_func ("/migration/failed-step-rolls-back", test_failed_step_rolls_back);

  return g_test_run ();
}
