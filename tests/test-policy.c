/* test-policy.c: the policy loader — the built-in Qingcheng figures, year lookups, and refusal
 * of every kind of bad file with the right error code and the field named. */
#include "bf-policy.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

/* A valid policy unlike Qingcheng's: every figure differs from every other, so a field read
 * into the wrong place shows. Years are listed out of order on purpose. Written with single
 * quotes for readability; dq() turns them into JSON's double quotes. */
static const char base_policy[] =
  "{"
  " '_comment': 'test policy, all figures distinct',"
  " 'format': 1,"
  " 'id': 'test-2020',"
  " 'name': '测试区精准扶贫（2020—2022年）',"
  " 'district': '测试区',"
  " 'a_figure_from_a_newer_version': 7,"
  " 'programme': { 'start': '2020-03-01', 'end': '2022-02-28' },"
  " 'category_lines': { 'province_standard_income_fen': 310001,"
  "                     'district_standard_income_fen': 620002 },"
  " 'household': { 'visits_per_year': 6, 'cadre_money_per_year_fen': 30003,"
  "                'support_per_year_fen': 700007,"
  "                'support_breakdown_fen': { 'district': 300001, 'town': 150002, 'charity': 120003 } },"
  " 'exit': { 'income_percent_of_rural_average': 45, 'requires_all_insured': false,"
  "           'rural_average_income_fen': { '2021': 2000002, '_note': 'placeholder',"
  "                                         '2020': 1900001, '2022': 2100003 } },"
  " 'exit_targets_percent': { '2022': 100, '2020': 40, '2021': 80 },"
  " 'key_village_income_fen': { '2021': 9000009, '2020': 8000008 },"
  " 'unit_support_per_year_fen': 1100011,"
  " 'inspections': { 'lead_unit_every_months': 4, 'unit_leader_every_months': 2 },"
  " 'employer_subsidy': { 'min_hired': 15, 'per_person_fen': 250025 },"
  " 'limits': { 'max_amount_fen': 50000000 }"
  "}";

static char *
dq (const char *single_quoted)
{
  return g_strdelimit (g_strdup (single_quoted), "'", '"');
}

/* @doc with the member at dotted @path replaced by @replacement (single-quoted JSON), or
 * removed when @replacement is NULL. Missing members on the last step are added. */
static char *
mutate (const char *doc, const char *path, const char *replacement)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dq (doc);
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  guint n = g_strv_length (steps);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  for (guint i = 0; i + 1 < n; i++)
    {
      object = json_object_get_object_member (object, steps[i]);
      g_assert_nonnull (object);
    }

  if (replacement == NULL)
    {
      g_assert_true (json_object_has_member (object, steps[n - 1]));
      json_object_remove_member (object, steps[n - 1]);
    }
  else
    {
      g_autofree char *value_json = dq (replacement);
      JsonNode *value = json_from_string (value_json, &error);

      g_assert_no_error (error);
      g_assert_nonnull (value);
      json_object_set_member (object, steps[n - 1], value);
    }

  return json_to_string (root, FALSE);
}

static void
assert_refused (BfPolicy *policy, GError *error, BfPolicyError code, const char *field)
{
  g_assert_null (policy);
  g_assert_error (error, BF_POLICY_ERROR, (int) code);
  if (field != NULL && strstr (error->message, field) == NULL)
    g_error ("message “%s” does not name field “%s”", error->message, field);
}

static char *
qingcheng_file (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "policy", "qingcheng-2016.json", NULL);
}

/* ---- the built-in Qingcheng policy ---- */

static void
test_default_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPolicy) policy = bf_policy_load_default (&error);
  int percent = -1;
  gint64 fen = -1;

  g_assert_no_error (error);
  g_assert_nonnull (policy);

  g_assert_cmpstr (policy->id, ==, "qingcheng-2016");
  g_assert_cmpstr (policy->district, ==, "清城区");
  g_assert_nonnull (strstr (policy->name, "清城区"));

  g_assert_cmpint (g_date_get_year (&policy->programme_start), ==, 2016);
  g_assert_cmpint (g_date_get_month (&policy->programme_start), ==, G_DATE_JANUARY);
  g_assert_cmpint (g_date_get_day (&policy->programme_start), ==, 1);
  g_assert_cmpint (g_date_get_year (&policy->programme_end), ==, 2018);
  g_assert_cmpint (g_date_get_month (&policy->programme_end), ==, G_DATE_DECEMBER);
  g_assert_cmpint (g_date_get_day (&policy->programme_end), ==, 31);

  /* 省定 below 4,000 yuan, 区定 below 7,500 yuan */
  g_assert_cmpint (policy->province_line_fen, ==, 4000 * 100);
  g_assert_cmpint (policy->district_line_fen, ==, 7500 * 100);

  /* 每年到户不少于4次; 每位帮扶干部每年不少于200元; 每户每年不少于5000元 = 2000 + 1000 + 1000 + … */
  g_assert_cmpint (policy->visits_per_year, ==, 4);
  g_assert_cmpint (policy->cadre_money_per_year_fen, ==, 200 * 100);
  g_assert_cmpint (policy->support_per_year_fen, ==, 5000 * 100);
  g_assert_cmpint (policy->support_district_fen, ==, 2000 * 100);
  g_assert_cmpint (policy->support_town_fen, ==, 1000 * 100);
  g_assert_cmpint (policy->support_charity_fen, ==, 1000 * 100);

  /* 达到当年全区农村年人均可支配收入的50%; 全部参加新农合和新农保 */
  g_assert_cmpint (policy->exit_income_percent, ==, 50);
  g_assert_true (policy->exit_requires_insurance);

  /* 2016年30%, 2017年70%, 2018年100% */
  g_assert_cmpuint (policy->exit_target_percent->len, ==, 3);
  g_assert_true (bf_policy_exit_target (policy, 2016, &percent));
  g_assert_cmpint (percent, ==, 30);
  g_assert_true (bf_policy_exit_target (policy, 2017, &percent));
  g_assert_cmpint (percent, ==, 70);
  g_assert_true (bf_policy_exit_target (policy, 2018, &percent));
  g_assert_cmpint (percent, ==, 100);
  /* The year an assessment can be made for: the target's own, or the last one set. */
  g_assert_cmpint (bf_policy_assessed_year (policy, 2017), ==, 2017);
  g_assert_cmpint (bf_policy_assessed_year (policy, 2026), ==, 2018);
  g_assert_cmpint (bf_policy_assessed_year (policy, 2015), ==, 2015);

  /* 村级集体经济收入 5万, 10万, 15万 */
  g_assert_cmpuint (policy->key_village_income_fen->len, ==, 3);
  g_assert_true (bf_policy_key_village_income_target (policy, 2016, &fen));
  g_assert_cmpint (fen, ==, G_GINT64_CONSTANT (50000) * 100);
  g_assert_true (bf_policy_key_village_income_target (policy, 2017, &fen));
  g_assert_cmpint (fen, ==, G_GINT64_CONSTANT (100000) * 100);
  g_assert_true (bf_policy_key_village_income_target (policy, 2018, &fen));
  g_assert_cmpint (fen, ==, G_GINT64_CONSTANT (150000) * 100);

  /* 对口帮扶单位每年对重点困难村不少于1万元 */
  g_assert_cmpint (policy->unit_support_per_year_fen, ==, 10000 * 100);

  /* 牵头单位每半年; 分管领导每季度 */
  g_assert_cmpint (policy->lead_unit_inspection_months, ==, 6);
  g_assert_cmpint (policy->unit_leader_inspection_months, ==, 3);

  /* 吸纳20人以上, 每人奖励2000元 */
  g_assert_cmpint (policy->employer_min_hired, ==, 20);
  g_assert_cmpint (policy->employer_subsidy_fen, ==, 2000 * 100);

  g_assert_cmpint (policy->max_amount_fen, >, 0);
}

/* The rural averages are placeholders until the statistics bureau's figures go in, so only
 * their shape is checked: one per programme year (and the 2015 baseline), rising, plausible. */
static void
test_default_rural_average (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPolicy) policy = bf_policy_load_default (&error);
  gint64 previous = 0;

  g_assert_no_error (error);
  for (int year = 2015; year <= 2018; year++)
    {
      gint64 average = -1, line = -1;

      g_assert_true (bf_policy_rural_average (policy, year, &average));
      g_assert_cmpint (average, >, previous);
      g_assert_cmpint (average, >, policy->district_line_fen);
      g_assert_true (bf_policy_exit_line (policy, year, &line));
      g_assert_cmpint (line, ==, (average * 50 + 50) / 100);
      previous = average;
    }
}

static void
assert_same_years (GArray *a, GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_assert_cmpint (g_array_index (a, BfYearFigure, i).year, ==,
                       g_array_index (b, BfYearFigure, i).year);
      g_assert_cmpint (g_array_index (a, BfYearFigure, i).value, ==,
                       g_array_index (b, BfYearFigure, i).value);
    }
}

/* The compiled-in resource is the file in data/policy/, not a stale copy. */
static void
test_default_matches_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = qingcheng_file ();
  g_autoptr(BfPolicy) builtin = bf_policy_load_default (&error);
  g_autoptr(BfPolicy) file = NULL;

  g_assert_no_error (error);
  file = bf_policy_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);

  g_assert_cmpstr (file->id, ==, builtin->id);
  g_assert_cmpstr (file->name, ==, builtin->name);
  g_assert_cmpstr (file->district, ==, builtin->district);
  g_assert_cmpint (g_date_compare (&file->programme_start, &builtin->programme_start), ==, 0);
  g_assert_cmpint (g_date_compare (&file->programme_end, &builtin->programme_end), ==, 0);
  g_assert_cmpint (file->province_line_fen, ==, builtin->province_line_fen);
  g_assert_cmpint (file->district_line_fen, ==, builtin->district_line_fen);
  g_assert_cmpint (file->visits_per_year, ==, builtin->visits_per_year);
  g_assert_cmpint (file->cadre_money_per_year_fen, ==, builtin->cadre_money_per_year_fen);
  g_assert_cmpint (file->support_per_year_fen, ==, builtin->support_per_year_fen);
  g_assert_cmpint (file->support_district_fen, ==, builtin->support_district_fen);
  g_assert_cmpint (file->support_town_fen, ==, builtin->support_town_fen);
  g_assert_cmpint (file->support_charity_fen, ==, builtin->support_charity_fen);
  g_assert_cmpint (file->exit_income_percent, ==, builtin->exit_income_percent);
  g_assert_cmpint (file->exit_requires_insurance, ==, builtin->exit_requires_insurance);
  assert_same_years (file->rural_average_fen, builtin->rural_average_fen);
  assert_same_years (file->exit_target_percent, builtin->exit_target_percent);
  assert_same_years (file->key_village_income_fen, builtin->key_village_income_fen);
  g_assert_cmpint (file->unit_support_per_year_fen, ==, builtin->unit_support_per_year_fen);
  g_assert_cmpint (file->lead_unit_inspection_months, ==, builtin->lead_unit_inspection_months);
  g_assert_cmpint (file->unit_leader_inspection_months, ==, builtin->unit_leader_inspection_months);
  g_assert_cmpint (file->employer_min_hired, ==, builtin->employer_min_hired);
  g_assert_cmpint (file->employer_subsidy_fen, ==, builtin->employer_subsidy_fen);
  g_assert_cmpint (file->max_amount_fen, ==, builtin->max_amount_fen);
}

/* ---- a policy given as text ---- */

static void
test_inline_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dq (base_policy);
  g_autoptr(BfPolicy) policy = bf_policy_load_data (json, -1, &error);
  const BfYearFigure *figures;

  g_assert_no_error (error);
  g_assert_nonnull (policy);

  g_assert_cmpstr (policy->id, ==, "test-2020");
  g_assert_cmpstr (policy->name, ==, "测试区精准扶贫（2020—2022年）");
  g_assert_cmpstr (policy->district, ==, "测试区");
  g_assert_cmpint (g_date_get_year (&policy->programme_start), ==, 2020);
  g_assert_cmpint (g_date_get_month (&policy->programme_start), ==, G_DATE_MARCH);
  g_assert_cmpint (g_date_get_day (&policy->programme_start), ==, 1);
  g_assert_cmpint (g_date_get_year (&policy->programme_end), ==, 2022);
  g_assert_cmpint (g_date_get_month (&policy->programme_end), ==, G_DATE_FEBRUARY);
  g_assert_cmpint (g_date_get_day (&policy->programme_end), ==, 28);
  g_assert_cmpint (policy->province_line_fen, ==, 310001);
  g_assert_cmpint (policy->district_line_fen, ==, 620002);
  g_assert_cmpint (policy->visits_per_year, ==, 6);
  g_assert_cmpint (policy->cadre_money_per_year_fen, ==, 30003);
  g_assert_cmpint (policy->support_per_year_fen, ==, 700007);
  g_assert_cmpint (policy->support_district_fen, ==, 300001);
  g_assert_cmpint (policy->support_town_fen, ==, 150002);
  g_assert_cmpint (policy->support_charity_fen, ==, 120003);
  g_assert_cmpint (policy->exit_income_percent, ==, 45);
  g_assert_false (policy->exit_requires_insurance);
  g_assert_cmpint (policy->unit_support_per_year_fen, ==, 1100011);
  g_assert_cmpint (policy->lead_unit_inspection_months, ==, 4);
  g_assert_cmpint (policy->unit_leader_inspection_months, ==, 2);
  g_assert_cmpint (policy->employer_min_hired, ==, 15);
  g_assert_cmpint (policy->employer_subsidy_fen, ==, 250025);
  g_assert_cmpint (policy->max_amount_fen, ==, 50000000);

  /* Sorted by year whatever the order in the file; the '_note' key is skipped. */
  g_assert_cmpuint (policy->rural_average_fen->len, ==, 3);
  figures = (const BfYearFigure *) (gpointer) policy->rural_average_fen->data;
  g_assert_cmpint (figures[0].year, ==, 2020);
  g_assert_cmpint (figures[0].value, ==, 1900001);
  g_assert_cmpint (figures[1].year, ==, 2021);
  g_assert_cmpint (figures[1].value, ==, 2000002);
  g_assert_cmpint (figures[2].year, ==, 2022);
  g_assert_cmpint (figures[2].value, ==, 2100003);

  g_assert_cmpuint (policy->exit_target_percent->len, ==, 3);
  figures = (const BfYearFigure *) (gpointer) policy->exit_target_percent->data;
  g_assert_cmpint (figures[0].year, ==, 2020);
  g_assert_cmpint (figures[0].value, ==, 40);
  g_assert_cmpint (figures[1].year, ==, 2021);
  g_assert_cmpint (figures[1].value, ==, 80);
  g_assert_cmpint (figures[2].year, ==, 2022);
  g_assert_cmpint (figures[2].value, ==, 100);

  g_assert_cmpuint (policy->key_village_income_fen->len, ==, 2);
  figures = (const BfYearFigure *) (gpointer) policy->key_village_income_fen->data;
  g_assert_cmpint (figures[0].year, ==, 2020);
  g_assert_cmpint (figures[0].value, ==, 8000008);
  g_assert_cmpint (figures[1].year, ==, 2021);
  g_assert_cmpint (figures[1].value, ==, 9000009);
}

static void
test_unknown_years (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dq (base_policy);
  g_autoptr(BfPolicy) policy = bf_policy_load_data (json, -1, &error);
  const int absent[] = { 2019, 2023, 0, -2020, 20200, G_MAXINT, G_MININT };
  gint64 fen = 12345;
  int percent = 12345;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    {
      g_assert_false (bf_policy_rural_average (policy, absent[i], &fen));
      g_assert_false (bf_policy_exit_line (policy, absent[i], &fen));
      g_assert_false (bf_policy_exit_target (policy, absent[i], &percent));
      g_assert_false (bf_policy_key_village_income_target (policy, absent[i], &fen));
    }
  /* The tables need not cover the same years. */
  g_assert_true (bf_policy_exit_target (policy, 2022, &percent));
  g_assert_false (bf_policy_key_village_income_target (policy, 2022, &fen));
  g_assert_cmpint (fen, ==, 12345);
  g_assert_cmpint (percent, ==, 100);

  /* Asking whether a figure exists, without wanting it. */
  g_assert_true (bf_policy_rural_average (policy, 2021, NULL));
  g_assert_true (bf_policy_exit_line (policy, 2021, NULL));
  g_assert_true (bf_policy_exit_target (policy, 2021, NULL));
  g_assert_true (bf_policy_key_village_income_target (policy, 2021, NULL));
}

static gint64
exit_line_with (const char *percent, const char *rural_2020)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *step = mutate (base_policy, "exit.income_percent_of_rural_average", percent);
  g_autofree char *json = mutate (step, "exit.rural_average_income_fen.2020", rural_2020);
  g_autoptr(BfPolicy) policy = bf_policy_load_data (json, -1, &error);
  gint64 line = -1;

  g_assert_no_error (error);
  g_assert_true (bf_policy_exit_line (policy, 2020, &line));
  return line;
}

static void
test_exit_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dq (base_policy);
  g_autoptr(BfPolicy) policy = bf_policy_load_data (json, -1, &error);
  gint64 line = -1;

  g_assert_no_error (error);
  /* 45% of 19,000.01 yuan = 8,550.0045 yuan → 855000 fen */
  g_assert_true (bf_policy_exit_line (policy, 2020, &line));
  g_assert_cmpint (line, ==, 855000);
  /* 45% of 2000002 fen = 900000.9 → 900001 */
  g_assert_true (bf_policy_exit_line (policy, 2021, &line));
  g_assert_cmpint (line, ==, 900001);
  /* 45% of 2100003 fen = 945001.35 → 945001 */
  g_assert_true (bf_policy_exit_line (policy, 2022, &line));
  g_assert_cmpint (line, ==, 945001);

  /* Half a fen rounds up. */
  g_assert_cmpint (exit_line_with ("50", "1900001"), ==, 950001);
  g_assert_cmpint (exit_line_with ("50", "1595000"), ==, 797500);
  g_assert_cmpint (exit_line_with ("50", "1"), ==, 1);
  g_assert_cmpint (exit_line_with ("33", "1000001"), ==, 330000);
  g_assert_cmpint (exit_line_with ("33", "1000002"), ==, 330001);
  g_assert_cmpint (exit_line_with ("0", "1900001"), ==, 0);
  g_assert_cmpint (exit_line_with ("100", "1900001"), ==, 1900001);
  g_assert_cmpint (exit_line_with ("50", "0"), ==, 0);
  /* The largest amount the loader accepts does not overflow. */
  g_assert_cmpint (exit_line_with ("100", "100000000000000"), ==,
                   G_GINT64_CONSTANT (100000000000000));
}

static void
test_byte_order_mark (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = dq (base_policy);
  g_autofree char *json = g_strconcat ("\xEF\xBB\xBF", plain, NULL);
  g_autoptr(BfPolicy) policy = bf_policy_load_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (policy->id, ==, "test-2020");
}

/* @length bounds the text: what follows it is not read. */
static void
test_explicit_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = dq (base_policy);
  g_autofree char *json = g_strconcat (plain, "} garbage", NULL);
  g_autoptr(BfPolicy) policy = bf_policy_load_data (json, (gssize) strlen (plain), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (policy->id, ==, "test-2020");

  bf_policy_free (bf_policy_load_data (json, -1, &error));
  g_assert_error (error, BF_POLICY_ERROR, BF_POLICY_ERROR_PARSE);
}

static void
test_free_null (void)
{
  bf_policy_free (NULL);
}

/* ---- refusals ---- */

typedef struct {
  const char   *path;          /* the member to change, dotted */
  const char   *replacement;   /* single-quoted JSON; NULL removes the member */
  BfPolicyError code;
  const char   *named;         /* the field the message must name; NULL: @path */
} BadField;

static const BadField bad_fields[] = {
  { "format", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "format", "'1'", BF_POLICY_ERROR_TYPE, NULL },
  { "format", "1.0", BF_POLICY_ERROR_TYPE, NULL },
  { "format", "2", BF_POLICY_ERROR_VALUE, NULL },
  { "format", "0", BF_POLICY_ERROR_VALUE, NULL },
  { "id", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "name", "5", BF_POLICY_ERROR_TYPE, NULL },
  { "district", "'  '", BF_POLICY_ERROR_VALUE, NULL },
  { "programme", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "programme", "'2016-2018'", BF_POLICY_ERROR_TYPE, NULL },
  { "programme.start", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "programme.start", "20200301", BF_POLICY_ERROR_TYPE, NULL },
  { "programme.start", "'2020-02-30'", BF_POLICY_ERROR_VALUE, NULL },
  { "programme.start", "'2020/03/01'", BF_POLICY_ERROR_VALUE, NULL },
  { "programme.start", "'20-03-01'", BF_POLICY_ERROR_VALUE, NULL },
  { "programme.start", "'2020-3-1'", BF_POLICY_ERROR_VALUE, NULL },
  { "programme.start", "'2020-03-01 '", BF_POLICY_ERROR_VALUE, NULL },
  { "programme.end", "'2020-02-29'", BF_POLICY_ERROR_VALUE, NULL },
  { "category_lines", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "category_lines.province_standard_income_fen", "-1", BF_POLICY_ERROR_VALUE, NULL },
  { "category_lines.district_standard_income_fen", "'7500'", BF_POLICY_ERROR_TYPE, NULL },
  { "household", "[]", BF_POLICY_ERROR_TYPE, NULL },
  { "household.visits_per_year", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "household.visits_per_year", "null", BF_POLICY_ERROR_MISSING, NULL },
  { "household.visits_per_year", "'4'", BF_POLICY_ERROR_TYPE, NULL },
  { "household.visits_per_year", "4.5", BF_POLICY_ERROR_TYPE, NULL },
  { "household.visits_per_year", "4.0", BF_POLICY_ERROR_TYPE, NULL },
  { "household.visits_per_year", "0", BF_POLICY_ERROR_VALUE, NULL },
  { "household.visits_per_year", "-4", BF_POLICY_ERROR_VALUE, NULL },
  { "household.cadre_money_per_year_fen", "-20000", BF_POLICY_ERROR_VALUE, NULL },
  { "household.cadre_money_per_year_fen", "200.5", BF_POLICY_ERROR_TYPE, NULL },
  { "household.cadre_money_per_year_fen", "true", BF_POLICY_ERROR_TYPE, NULL },
  { "household.cadre_money_per_year_fen", "100000000000001", BF_POLICY_ERROR_VALUE, NULL },
  { "household.support_per_year_fen", "570005", BF_POLICY_ERROR_VALUE,
    "household.support_breakdown_fen" },
  { "household.support_breakdown_fen", "[300001, 150002, 120003]", BF_POLICY_ERROR_TYPE, NULL },
  { "household.support_breakdown_fen.town", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "household.support_breakdown_fen.charity", "-1", BF_POLICY_ERROR_VALUE, NULL },
  { "exit", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "exit.income_percent_of_rural_average", "150", BF_POLICY_ERROR_VALUE, NULL },
  { "exit.income_percent_of_rural_average", "-1", BF_POLICY_ERROR_VALUE, NULL },
  { "exit.income_percent_of_rural_average", "'50%'", BF_POLICY_ERROR_TYPE, NULL },
  { "exit.income_percent_of_rural_average", "0.5", BF_POLICY_ERROR_TYPE, NULL },
  { "exit.requires_all_insured", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "exit.requires_all_insured", "'yes'", BF_POLICY_ERROR_TYPE, NULL },
  { "exit.requires_all_insured", "1", BF_POLICY_ERROR_TYPE, NULL },
  { "exit.rural_average_income_fen", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "exit.rural_average_income_fen", "[1900001]", BF_POLICY_ERROR_TYPE, NULL },
  { "exit.rural_average_income_fen", "{}", BF_POLICY_ERROR_VALUE, NULL },
  { "exit.rural_average_income_fen", "{ '_note': 'to do' }", BF_POLICY_ERROR_VALUE, NULL },
  { "exit.rural_average_income_fen.2020", "-1", BF_POLICY_ERROR_VALUE, NULL },
  { "exit.rural_average_income_fen.2020", "'19000.01'", BF_POLICY_ERROR_TYPE, NULL },
  { "exit.rural_average_income_fen.2020", "null", BF_POLICY_ERROR_TYPE, NULL },
  { "exit.rural_average_income_fen.20", "1", BF_POLICY_ERROR_VALUE, "exit.rural_average_income_fen" },
  { "exit_targets_percent", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "exit_targets_percent.2021", "150", BF_POLICY_ERROR_VALUE, NULL },
  { "exit_targets_percent.2021", "'80'", BF_POLICY_ERROR_TYPE, NULL },
  { "exit_targets_percent.year2023", "100", BF_POLICY_ERROR_VALUE, "exit_targets_percent" },
  { "exit_targets_percent.0999", "100", BF_POLICY_ERROR_VALUE, "exit_targets_percent" },
  { "exit_targets_percent.20230", "100", BF_POLICY_ERROR_VALUE, "exit_targets_percent" },
  { "exit_targets_percent.２０２３", "100", BF_POLICY_ERROR_VALUE, "exit_targets_percent" },
  { "key_village_income_fen", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "key_village_income_fen.2020", "8e6", BF_POLICY_ERROR_TYPE, NULL },
  { "key_village_income_fen.2020", "-8000008", BF_POLICY_ERROR_VALUE, NULL },
  { "unit_support_per_year_fen", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "unit_support_per_year_fen", "-1100011", BF_POLICY_ERROR_VALUE, NULL },
  { "inspections", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "inspections.lead_unit_every_months", "0", BF_POLICY_ERROR_VALUE, NULL },
  { "inspections.unit_leader_every_months", "13", BF_POLICY_ERROR_VALUE, NULL },
  { "employer_subsidy", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "employer_subsidy.min_hired", "0", BF_POLICY_ERROR_VALUE, NULL },
  { "employer_subsidy.min_hired", "'20人'", BF_POLICY_ERROR_TYPE, NULL },
  { "employer_subsidy.per_person_fen", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "employer_subsidy.per_person_fen", "-200000", BF_POLICY_ERROR_VALUE, NULL },
  { "limits", NULL, BF_POLICY_ERROR_MISSING, NULL },
  { "limits.max_amount_fen", "0", BF_POLICY_ERROR_VALUE, NULL },
};

static void
test_bad_field (gconstpointer data)
{
  const BadField *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mutate (base_policy, bad->path, bad->replacement);
  BfPolicy *policy = bf_policy_load_data (json, -1, &error);

  g_test_message ("%s → %s", bad->path, bad->replacement ? bad->replacement : "(removed)");
  assert_refused (policy, error, bad->code, bad->named ? bad->named : bad->path);
  g_test_message ("%s", error->message);
}

typedef struct {
  const char   *name;
  const char   *json;          /* single-quoted */
  BfPolicyError code;
  const char   *named;
} BadDocument;

static const BadDocument bad_documents[] = {
  { "empty", "", BF_POLICY_ERROR_PARSE, NULL },
  { "blank", "  \n\t\n", BF_POLICY_ERROR_PARSE, NULL },
  { "text", "清城区 2016 policy", BF_POLICY_ERROR_PARSE, NULL },
  { "truncated", "{ 'format': 1, 'id': 'qingcheng-2016',", BF_POLICY_ERROR_PARSE, NULL },
  { "trailing-comma", "{ 'format': 1, }", BF_POLICY_ERROR_PARSE, NULL },
  { "binary", "\xff\xfe{\x01", BF_POLICY_ERROR_PARSE, NULL },
  { "array", "[1, 2]", BF_POLICY_ERROR_TYPE, NULL },
  { "number", "42", BF_POLICY_ERROR_TYPE, NULL },
  { "string", "'qingcheng-2016'", BF_POLICY_ERROR_TYPE, NULL },
  { "empty-object", "{}", BF_POLICY_ERROR_MISSING, "format" },
  { "format-2", "{ 'format': 2, 'id': 'from-the-future' }", BF_POLICY_ERROR_VALUE, "format" },
  { "format-only", "{ 'format': 1 }", BF_POLICY_ERROR_MISSING, "id" },
};

static void
test_bad_document (gconstpointer data)
{
  const BadDocument *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dq (bad->json);
  BfPolicy *policy = bf_policy_load_data (json, -1, &error);

  assert_refused (policy, error, bad->code, bad->named);
  g_test_message ("%s", error->message);
}

/* ---- files ---- */

static void
test_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "policy",
                                                 "no-such-policy.json", NULL);
  BfPolicy *policy = bf_policy_load_file (path, &error);

  assert_refused (policy, error, BF_POLICY_ERROR_IO, "no-such-policy.json");
}

static void
test_file_directory (void)
{
  g_autoptr(GError) error = NULL;
  BfPolicy *policy = bf_policy_load_file (g_test_get_dir (G_TEST_DIST), &error);

  assert_refused (policy, error, BF_POLICY_ERROR_IO, NULL);
}

/* A bad file on disk: the message names both the file and the field. */
static void
test_file_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = mutate (base_policy, "exit.income_percent_of_rural_average", "150");
  g_autofree char *base = NULL;
  BfPolicy *policy;
  int fd;

  fd = g_file_open_tmp ("test-policy-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);

  policy = bf_policy_load_file (path, &error);
  g_unlink (path);
  assert_refused (policy, error, BF_POLICY_ERROR_VALUE, "exit.income_percent_of_rural_average");
  base = g_path_get_basename (path);
  g_assert_nonnull (strstr (error->message, base));
}

static void
test_file_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = dq (base_policy);
  g_autoptr(BfPolicy) policy = NULL;
  int fd;

  fd = g_file_open_tmp ("test-policy-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);

  policy = bf_policy_load_file (path, &error);
  g_unlink (path);
  g_assert_no_error (error);
  g_assert_cmpstr (policy->id, ==, "test-2020");
}

int
main (int argc, char *argv[])
{
  /* Only so that g_test_message() prints the Chinese in the messages legibly. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/policy/default/figures", test_default_figures);
  g_test_add_func ("/policy/default/rural-average", test_default_rural_average);
  g_test_add_func ("/policy/default/matches-file", test_default_matches_file);
  g_test_add_func ("/policy/data/fields", test_inline_fields);
  g_test_add_func ("/policy/data/unknown-years", test_unknown_years);
  g_test_add_func ("/policy/data/exit-line", test_exit_line);
  g_test_add_func ("/policy/data/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/policy/data/explicit-length", test_explicit_length);
  g_test_add_func ("/policy/free-null", test_free_null);

  for (guint i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      g_autofree char *name = g_strdup_printf ("/policy/refuse/field/%02u-%s", i, bad_fields[i].path);

      g_test_add_data_func (name, &bad_fields[i], test_bad_field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autofree char *name = g_strdup_printf ("/policy/refuse/document/%s", bad_documents[i].name);

      g_test_add_data_func (name, &bad_documents[i], test_bad_document);
    }

  g_test_add_func ("/policy/file/missing", test_file_missing);
  g_test_add_func ("/policy/file/directory", test_file_directory);
  g_test_add_func ("/policy/file/bad", test_file_bad);
  g_test_add_func ("/policy/file/good", test_file_good);

  return g_test_run ();
}
