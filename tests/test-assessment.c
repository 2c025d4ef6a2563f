/* test-assessment.c: on the demo district, the assessment and every report agree with direct
 * counts over the store — computed here another way (per-record API and separate SQL) — voids
 * are left out, XLSX files open with Chinese headers, PDFs render, and the exports' Chinese
 * headers are the translations of the columns' English labels. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bf-assessment.h"
#include "bf-demo.h"
#include "bf-print.h"
#include "bf-report.h"
#include "bf-report-card.h"
#include "bf-schema.h"
#include "bf-store-private.h"

#define YEAR 2016

static char *scratch_dir;
static BfStore *store;

static gint64
query (const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (bf_store_query_int64 (store, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static BfAssessment *
assess (void)
{
  g_autoptr(GError) error = NULL;
  BfAssessment *a = bf_assessment_compute (store, YEAR, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static const BfHouseholdAssessment *
find_household (const BfAssessment *a, const char *id)
{
  for (guint i = 0; i < a->households->len; i++)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);
      if (strcmp (h->id, id) == 0)
        return h;
    }
  return NULL;
}

static gboolean
in_year (const char *date)
{
  return g_str_has_prefix (date, "2016-");
}

/* A visit or payment counts unless it voids another or another voids it. */
static gboolean
voided (GPtrArray *records, const char *id, gsize voids_offset)
{
  for (guint i = 0; i < records->len; i++)
    {
      const char *voids = *(char **) ((char *) g_ptr_array_index (records, i) + voids_offset);
      if (g_strcmp0 (voids, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every 37th household, recomputed from its records through the record API. */
static void
check_households_one_by_one (const BfAssessment *a)
{
  const BfPolicy *policy = bf_store_get_policy (store);
  gint64 exit_line = 0;

  g_assert_true (bf_policy_exit_line (policy, YEAR, &exit_line));
  for (guint i = 0; i < a->households->len; i += 37)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) visits = bf_visit_list_by (store, "household_id", h->id, &error);
      g_autoptr(GPtrArray) payments = bf_payment_list_by (store, "household_id", h->id, &error);
      g_autoptr(GPtrArray) members = bf_member_list_by (store, "household_id", h->id, &error);
      g_autoptr(BfHouseholdIncome) income = NULL;
      g_autofree char *income_id = bf_household_income_id (h->id, YEAR);
      gint64 by_source[BF_N_SOURCES] = { 0 }, visit_money = 0;
      int n_visits = 0, insured = 0;

      g_assert_no_error (error);
      for (guint v = 0; v < visits->len; v++)
        {
          BfVisit *visit = g_ptr_array_index (visits, v);
          if (in_year (visit->date) && visit->voids_id == NULL &&
              !voided (visits, visit->id, G_STRUCT_OFFSET (BfVisit, voids_id)))
            {
              n_visits++;
              visit_money += visit->amount_fen;
            }
        }
      for (guint p = 0; p < payments->len; p++)
        {
          BfPayment *payment = g_ptr_array_index (payments, p);
          if (in_year (payment->date) && payment->voids_id == NULL &&
              !voided (payments, payment->id, G_STRUCT_OFFSET (BfPayment, voids_id)))
            by_source[payment->source] += payment->amount_fen;
        }
      for (guint m = 0; m < members->len; m++)
        {
          BfMember *member = g_ptr_array_index (members, m);
          insured += member->medical_insured && member->pension_insured;
        }
      income = bf_household_income_get (store, income_id, NULL);

      g_assert_cmpint (h->visits, ==, n_visits);
      g_assert_cmpint (h->visit_money_fen, ==, visit_money);
      g_assert_cmpint (h->people, ==, members->len);
      for (int s = 0; s < BF_N_SOURCES; s++)
        g_assert_cmpint (h->support_fen[s], ==, by_source[s]);
      g_assert_cmpint (h->all_insured, ==, members->len > 0 && insured == (int) members->len);
      g_assert_cmpint (h->has_income, ==, income != NULL);
      if (income != NULL)
        {
          g_assert_cmpint (h->income_fen, ==, income->per_capita_fen);
          g_assert_cmpint (h->exit_eligible, ==,
                           income->per_capita_fen >= exit_line && h->all_insured);
        }
      g_assert_cmpint (h->meets_visits, ==, n_visits >= policy->visits_per_year);
    }
}

static void
test_households (void)
{
  g_autoptr(BfAssessment) a = assess ();
  gint64 visits = 0, support = 0, people = 0;

  g_assert_cmpint (a->households->len, ==, query ("SELECT count(*) FROM households"));
  g_assert_cmpint (a->visits_required, ==, 4);   /* the policy file's figure */
  for (guint i = 0; i < a->households->len; i++)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);
      visits += h->visits;
      support += h->support_total_fen;
      people += h->people;
    }
  /* The demo has no voids yet: plain sums over the year. */
  g_assert_cmpint (visits, ==, query ("SELECT count(*) FROM visits WHERE substr(date, 1, 4) = '2016'"));
  g_assert_cmpint (support, ==, query ("SELECT sum(amount_fen) FROM payments"
                                       " WHERE household_id IS NOT NULL AND date LIKE '2016-%'"));
  g_assert_cmpint (people, ==, query ("SELECT count(*) FROM members"));
  check_households_one_by_one (a);
}

static void
check_town_against_sql (const BfTownAssessment *t, const char *town_filter)
{
  const char *categories[] = { "kunnan", "dibao", "wubao" };

  for (int c = 0; c < 3; c++)
    {
      g_autofree char *households = g_strdup_printf (
        "SELECT count(*) FROM households WHERE category = '%s' AND village_id IN"
        " (SELECT id FROM villages WHERE %s)", categories[c], town_filter);
      g_autofree char *people = g_strdup_printf (
        "SELECT count(*) FROM members WHERE household_id IN (SELECT id FROM households"
        " WHERE category = '%s' AND village_id IN (SELECT id FROM villages WHERE %s))",
        categories[c], town_filter);
      g_autofree char *exited = g_strdup_printf (
        "SELECT count(*) FROM members WHERE household_id IN (SELECT id FROM households"
        " WHERE category = '%s' AND status = 'exited' AND exit_year BETWEEN 1 AND %d"
        " AND village_id IN (SELECT id FROM villages WHERE %s))",
        categories[c], YEAR, town_filter);

      g_assert_cmpint (t->households[c], ==, query (households));
      g_assert_cmpint (t->people[c], ==, query (people));
      g_assert_cmpint (t->exited_people[c], ==, query (exited));
    }
}

static void
test_towns_and_district (void)
{
  g_autoptr(BfAssessment) a = assess ();

  g_assert_cmpint (a->towns->len, ==, query ("SELECT count(*) FROM towns"));
  for (guint i = 0; i < a->towns->len; i++)
    {
      const BfTownAssessment *t = g_ptr_array_index (a->towns, i);
      g_autofree char *filter = g_strdup_printf (
        "town_id = (SELECT id FROM towns WHERE name = '%s')", t->name);
      check_town_against_sql (t, filter);
    }
  check_town_against_sql (a->district, "1");
  /* The seed's own figures: 497 households and 1,792 people of district standard. */
  g_assert_cmpint (a->district->households[BF_CATEGORY_KUNNAN], ==, 497);
  g_assert_cmpint (a->district->people[BF_CATEGORY_KUNNAN], ==, 1792);
  g_assert_true (a->has_exit_target);
  g_assert_cmpint (a->exit_target_percent, ==, 30);
}

static void
test_cadres_and_villages (void)
{
  g_autoptr(BfAssessment) a = assess ();
  gint64 pairs = 0, cadre_money = 0, inspections = 0, unit_money = 0, key_meeting = 0;

  for (guint i = 0; i < a->cadres->len; i++)
    {
      const BfCadreAssessment *c = g_ptr_array_index (a->cadres, i);
      pairs += c->households;
      cadre_money += c->money_fen;
    }
  g_assert_cmpint (pairs, ==, query ("SELECT count(*) FROM (SELECT DISTINCT cadre_id, household_id"
                                     " FROM pairings WHERE from_date <= '2016-12-31'"
                                     " AND (to_date IS NULL OR to_date >= '2016-01-01'))"));
  g_assert_cmpint (cadre_money, ==, query ("SELECT sum(amount_fen) FROM payments"
                                           " WHERE source = 'cadre' AND date LIKE '2016-%'"));
  for (guint i = 0; i < a->villages->len; i++)
    {
      const BfVillageAssessment *v = g_ptr_array_index (a->villages, i);
      inspections += v->inspections;
      unit_money += v->unit_support_fen;
      key_meeting += v->meets_income;
      g_assert_true (v->has_income_target == v->is_key);
    }
  g_assert_cmpint (a->villages->len, ==, query ("SELECT count(*) FROM villages"));
  g_assert_cmpint (inspections, ==, query ("SELECT count(*) FROM inspections WHERE date LIKE '2016-%'"));
  g_assert_cmpint (unit_money, ==, query ("SELECT sum(amount_fen) FROM payments"
                                          " WHERE village_id IS NOT NULL AND source = 'unit'"));
  g_assert_cmpint (key_meeting, ==, query (
    "SELECT count(*) FROM village_incomes i JOIN villages v ON v.id = i.village_id"
    " WHERE v.is_key AND i.year = 2016 AND i.collective_fen >= 5000000"));
}

/* Voiding a visit and a payment takes both out, and the voiding entries do not count either. */
static void
test_voids (void)
{
  g_autoptr(BfAssessment) before = assess ();
  g_autoptr(BfAssessment) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *visit_id = NULL, *payment_id = NULL, *household_id = NULL;
  gint64 amount = 0;

  g_assert_true (bf_store_query_text (store, &visit_id, &error,
    "SELECT v.id FROM visits v JOIN payments p ON p.household_id = v.household_id"
    " WHERE v.date LIKE '2016-%' AND v.voids_id IS NULL ORDER BY v.id LIMIT 1", NULL));
  g_assert_true (bf_store_query_text (store, &household_id, &error,
    "SELECT household_id FROM visits WHERE id = ?", visit_id, NULL));
  g_assert_true (bf_store_query_text (store, &payment_id, &error,
    "SELECT id FROM payments WHERE household_id = ? AND date LIKE '2016-%' LIMIT 1",
    household_id, NULL));
  g_assert_no_error (error);
  {
    g_autoptr(BfPayment) payment = bf_payment_get (store, payment_id, &error);
    amount = payment->amount_fen;
  }
  g_assert_true (bf_store_void (store, BF_ENTITY_VISIT, visit_id, "录入错误", NULL, &error));
  g_assert_true (bf_store_void (store, BF_ENTITY_PAYMENT, payment_id, "重复录入", NULL, &error));
  g_assert_no_error (error);

  after = assess ();
  g_assert_cmpint (find_household (after, household_id)->visits, ==,
                   find_household (before, household_id)->visits - 1);
  g_assert_cmpint (find_household (after, household_id)->support_total_fen, ==,
                   find_household (before, household_id)->support_total_fen - amount);
  check_households_one_by_one (after);
}

static void
test_unknown_year (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAssessment) a = bf_assessment_compute (store, 1990, &error);

  g_assert_null (a);
  g_assert_error (error, BF_POLICY_ERROR, BF_POLICY_ERROR_VALUE);
}

static gint64
json_int (JsonObject *row, const char *key)
{
  return json_object_get_int_member (row, key);
}

static void
test_report_json (void)
{
  g_autoptr(BfAssessment) a = assess ();
  g_autoptr(BfReport) report = bf_report_new (a, "清城区", BF_REPORT_ASSESSMENT);
  g_autoptr(JsonNode) node = bf_report_to_json (report);
  JsonObject *root = json_node_get_object (node);
  JsonArray *rows = json_object_get_array_member (root, "rows");
  JsonArray *columns = json_object_get_array_member (root, "columns");
  JsonObject *total;

  g_assert_cmpstr (json_object_get_string_member (root, "report"), ==, "assessment");
  g_assert_cmpuint (json_array_get_length (rows), ==, a->towns->len + 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "header"),
                   ==, "街镇");
  for (guint i = 0; i < a->towns->len; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM households WHERE village_id IN (SELECT id FROM villages WHERE"
        " town_id = (SELECT id FROM towns WHERE name = '%s'))",
        json_object_get_string_member (row, "town"));
      g_assert_cmpint (json_int (row, "households"), ==, query (sql));
    }
  total = json_array_get_object_element (rows, a->towns->len);
  g_assert_cmpstr (json_object_get_string_member (total, "town"), ==, "清城区");
  g_assert_cmpint (json_int (total, "people"), ==, query ("SELECT count(*) FROM members"));
  g_assert_cmpint (json_int (total, "kunnan_households"), ==, 497);
  g_assert_cmpint (json_int (total, "exited_people"), ==, query (
    "SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id"
    " WHERE h.status = 'exited' AND h.exit_year <= 2016"));
  g_assert_cmpfloat (json_object_get_double_member (total, "target_percent"), ==, 30.0);
}

static char *
scratch_file (const char *name)
{
  return g_build_filename (scratch_dir, name, NULL);
}

static void
test_report_csv (void)
{
  g_autoptr(BfAssessment) a = assess ();
  g_autoptr(BfReport) report = bf_report_new (a, "清城区", BF_REPORT_HOUSEHOLDS);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (bf_report_write_csv (report, out, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF街镇,村（居）,户主姓名,"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  /* Header, one line per household, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, a->households->len + 2);
  g_assert_cmpint (g_strv_length (lines), ==, query ("SELECT count(*) FROM households") + 2);
}

static char *
unzip_member (const char *path, const char *member)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "unzip", "-p", path, member, NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
count_occurrences (const char *text, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_report_xlsx (void)
{
  g_autoptr(BfAssessment) a = assess ();
  const BfReportKind kinds[] = { BF_REPORT_HOUSEHOLDS, BF_REPORT_ASSESSMENT, BF_REPORT_CADRES };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(BfReport) report = bf_report_new (a, "清城区", kinds[k]);
      g_autofree char *path = scratch_file ("report.xlsx");
      g_autoptr(GError) error = NULL;
      g_autofree char *sheet = NULL;
      g_autofree char *styles = NULL;

      g_assert_true (bf_report_write_xlsx (report, path, &error));
      g_assert_no_error (error);
      sheet = unzip_member (path, "xl/worksheets/sheet1.xml");
      for (guint c = 0; c < report->n_columns; c++)
        g_assert_nonnull (strstr (sheet, report->columns[c].header));
      g_assert_cmpuint (count_occurrences (sheet, "<row "), ==, report->rows->len + 1);
      g_assert_nonnull (strstr (sheet, "<pane ySplit=\"1\""));   /* the frozen header */
      g_assert_nonnull (strstr (sheet, "<cols>"));
      /* Money columns are numbers shown as ¥1,234.50 (a workbook lists the formats it uses). */
      styles = unzip_member (path, "xl/styles.xml");
      if (kinds[k] != BF_REPORT_ASSESSMENT)
        g_assert_nonnull (strstr (styles, "¥#,##0.00"));
      g_unlink (path);
    }
}

static void
test_report_xlsx_unwritable (void)
{
  g_autoptr(BfAssessment) a = assess ();
  g_autoptr(BfReport) report = bf_report_new (a, "清城区", BF_REPORT_VILLAGES);
  g_autofree char *path = scratch_file ("no-such-dir/report.xlsx");
  g_autoptr(GError) error = NULL;

  g_assert_false (bf_report_write_xlsx (report, path, &error));
  g_assert_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_WRITE);
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *pages;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

static void
render (const char *pdf, const char *png_root)
{
  const char *argv[] = { "pdftoppm", "-r", "50", "-png", pdf, png_root, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gint64
query_members (const char *household_id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM members WHERE household_id = '%s'", household_id);
  return query (sql);
}

static gint64
query_households (const char *village_id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM households WHERE village_id = '%s'", village_id);
  return query (sql);
}

static void
test_print_card (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = scratch_file ("card.pdf");
  g_autofree char *png = scratch_file ("card");
  g_autoptr(BfHouseholdCard) card = NULL;
  int pages = 0;

  /* The household with the most visits this year, two cadres likely. */
  g_assert_true (bf_store_query_text (store, &id, &error,
    "SELECT household_id FROM visits WHERE date LIKE '2016-%' GROUP BY household_id"
    " ORDER BY count(*) DESC, household_id LIMIT 1", NULL));
  card = bf_household_card_load (store, id, YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (card->members->rows->len, ==, query_members (id));
  g_assert_true (bf_print_household_card (card, path, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pages (path), ==, pages);
  render (path, png);

  g_clear_pointer (&card, bf_household_card_free);
  card = bf_household_card_load (store, "no-such-household", YEAR, &error);
  g_assert_null (card);
  g_assert_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_NOT_FOUND);
}

static void
test_print_village (void)
{
  g_autoptr(BfAssessment) a = assess ();
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL, *small = NULL;
  g_autofree char *path = scratch_file ("village.pdf");
  g_autofree char *png = scratch_file ("village");
  g_autoptr(BfReport) table = NULL;
  g_autoptr(BfReport) small_table = NULL;
  int pages = 0;

  g_assert_true (bf_store_query_text (store, &big, &error,
    "SELECT village_id FROM households GROUP BY village_id ORDER BY count(*) DESC, village_id"
    " LIMIT 1", NULL));
  g_assert_true (bf_store_query_text (store, &small, &error,
    "SELECT village_id FROM households GROUP BY village_id HAVING count(*) BETWEEN 2 AND 10"
    " ORDER BY village_id LIMIT 1", NULL));
  table = bf_report_new_village_table (a, big, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->rows->len, ==, query_households (big));
  g_assert_true (bf_print_village_table (table, path, &pages, &error));
  g_assert_no_error (error);
  /* A long table runs over pages: header and rows of fixed height. */
  g_assert_cmpint (pages, >, 1);
  g_assert_cmpint (pdf_pages (path), ==, pages);
  render (path, png);

  small_table = bf_report_new_village_table (a, small, &error);
  g_assert_true (bf_print_village_table (small_table, path, &pages, &error));
  g_assert_cmpint (pages, ==, 1);
  g_assert_cmpint (pdf_pages (path), ==, 1);

  g_clear_pointer (&table, bf_report_free);
  table = bf_report_new_village_table (a, "no-such-village", &error);
  g_assert_null (table);
  g_assert_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_NOT_FOUND);
}

/* po/zh_CN.po, msgctxt "report column": msgid → msgstr (single-line entries). */
static GHashTable *
read_report_translations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "zh_CN.po", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL && lines[i + 2] != NULL; i++)
    if (strcmp (lines[i], "msgctxt \"report column\"") == 0 &&
        g_str_has_prefix (lines[i + 1], "msgid \"") && g_str_has_prefix (lines[i + 2], "msgstr \""))
      g_hash_table_insert (table, g_strndup (lines[i + 1] + 7, strlen (lines[i + 1]) - 8),
                           g_strndup (lines[i + 2] + 8, strlen (lines[i + 2]) - 9));
  return table;
}

/* The exports' Chinese headers are data; the app shows the English labels translated. The two
 * must say the same thing. */
static void
test_headers_match_translations (void)
{
  g_autoptr(GHashTable) translations = read_report_translations ();
  g_autoptr(BfAssessment) a = assess ();

  for (BfReportKind k = BF_REPORT_ASSESSMENT; k <= BF_REPORT_CADRES; k++)
    {
      g_autoptr(BfReport) report = bf_report_new (a, "清城区", k);
      for (guint c = 0; c < report->n_columns; c++)
        {
          const char *zh = g_hash_table_lookup (translations, report->columns[c].label);
          g_assert_nonnull (zh);
          if (strcmp (zh, report->columns[c].header) != 0)
            g_error ("column %s: header “%s” but the translation of “%s” is “%s”",
                     report->columns[c].key, report->columns[c].header, report->columns[c].label, zh);
        }
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scratch_dir = g_dir_make_tmp ("bangfu-assessment-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (scratch_dir, "demo.db", NULL);
  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (bf_demo_build (store, 2016, YEAR, &error));
  g_assert_no_error (error);

  g_test_add_func ("/assessment/households", test_households);
  g_test_add_func ("/assessment/towns-and-district", test_towns_and_district);
  g_test_add_func ("/assessment/cadres-and-villages", test_cadres_and_villages);
  g_test_add_func ("/assessment/unknown-year", test_unknown_year);
  g_test_add_func ("/report/json", test_report_json);
  g_test_add_func ("/report/csv", test_report_csv);
  g_test_add_func ("/report/xlsx", test_report_xlsx);
  g_test_add_func ("/report/xlsx-unwritable", test_report_xlsx_unwritable);
  g_test_add_func ("/report/headers-match-translations", test_headers_match_translations);
  g_test_add_func ("/print/card", test_print_card);
  g_test_add_func ("/print/village", test_print_village);
  /* Last: it voids records of the shared store. */
  g_test_add_func ("/voids/visit-and-payment", test_voids);
  status = g_test_run ();

  bf_store_free (store);
  if (g_getenv ("BANGFU_KEEP_TEST_FILES") == NULL)
    {
      const char *names[] = { "demo.db", "demo.db-wal", "demo.db-shm", "card.pdf", "village.pdf" };
      g_autoptr(GDir) dir = g_dir_open (scratch_dir, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".png"))
          {
            g_autofree char *png = g_build_filename (scratch_dir, name, NULL);
            g_unlink (png);
          }
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *file = g_build_filename (scratch_dir, names[i], NULL);
          g_unlink (file);
        }
      g_rmdir (scratch_dir);
    }
  else
    g_printerr ("test files kept in %s\n", scratch_dir);
  g_free (scratch_dir);
  return status;
}
