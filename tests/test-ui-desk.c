/* test-ui-desk.c: the district desk on the demo district, in Chinese — conflicts resolved
 * through the page's widgets and checked in the store and the change log; the dashboard's
 * figures against bf_assessment_compute(); the import dialog's dry run of a GB18030 register
 * with bad rows; exports that open; the year lock and a correction after it. PNGs of the
 * conflicts page, the dashboard (1280×800 and 360×720) and the import dialog go into the
 * build dir.
 */
#include "bf-config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bf-app-resources.h"
#include "bf-assessment.h"
#include "bf-bar-chart.h"
#include "bf-conflict-row.h"
#include "bf-conflicts-page.h"
#include "bf-dashboard-page.h"
#include "bf-export-dialog.h"
#include "bf-import-dialog.h"
#include "bf-lock-dialog.h"
#include "ui-editors-fixture.h"

#define YEAR 2016

static GtkWidget *
window_with (GtkWidget *content)
{
  GtkWidget *window = adw_window_new ();

  adw_window_set_content (ADW_WINDOW (window), content);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
assert_chinese (const char *what, const char *text)
{
  if (!ui_is_chinese (text))
    g_error ("%s is not Chinese: “%s”", what, text);
}

static const char *
label_text (GtkWidget *root, const char *name)
{
  GtkWidget *label = ui_find (root, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* A click on a button, as the user makes it: only when it can be pressed. */
static void
click (GtkWidget *root, const char *name)
{
  GtkWidget *button = ui_find (root, name);

  g_assert_nonnull (button);
  if (!gtk_widget_is_sensitive (button))
    g_error ("“%s” cannot be pressed", name);
  g_signal_emit_by_name (button, "clicked");
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Every label's text under @root, one a line: what the user reads. */
static void
collect (GtkWidget *widget, GString *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

static char *
collect_text (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect (root, out);
  return g_string_free (out, FALSE);
}

/* ---- Conflicts ---- */

typedef struct {
  const char *entity;
  const char *row_id;
  const char *field;
  const char *kept;
  const char *other;
} NewConflict;

/* What the hub writes when two devices change one field: the record holds the kept value. */
static gpointer
insert_conflict_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  NewConflict *spec = data;
  g_autoptr(BfConflict) conflict = g_new0 (BfConflict, 1);
  gint64 now = g_get_real_time () / 1000;

  conflict->entity = g_strdup (spec->entity);
  conflict->row_id = g_strdup (spec->row_id);
  conflict->field = g_strdup (spec->field);
  conflict->kept_value = g_strdup (spec->kept);
  conflict->kept_version = g_strdup ("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:17");
  conflict->kept_author = g_strdup ("乙");
  conflict->kept_hlc = (gint64) ((guint64) now << 16);
  conflict->other_value = g_strdup (spec->other);
  conflict->other_version = g_strdup ("0190ffee-0000-7000-8000-000000000001:4");
  conflict->other_author = g_strdup ("甲");
  conflict->other_hlc = (gint64) ((guint64) (now - 3600 * 1000) << 16);
  conflict->status = BF_CONFLICT_OPEN;
  return bf_conflict_insert (store, conflict, error) ? g_strdup (conflict->id) : NULL;
}

static gboolean
conflicts_idle (gpointer page)
{
  return !bf_conflicts_page_get_busy (page);
}

static BfConflictRow *
row_of (GtkWidget *page, const char *conflict_id)
{
  GtkWidget *list = ui_find (page, "conflicts");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (BF_IS_CONFLICT_ROW (child) &&
        g_strcmp0 (bf_conflict_row_get_conflict_id (BF_CONFLICT_ROW (child)), conflict_id) == 0)
      return BF_CONFLICT_ROW (child);
  return NULL;
}

static void
assert_resolved (const char *conflict_id, const char *resolution)
{
  g_autofree char *status = ui_sql_text ("SELECT status || '/' || resolution FROM conflicts"
                                         " WHERE id = ?", conflict_id, NULL);
  g_autofree char *expected = g_strconcat ("resolved/", resolution, NULL);

  g_assert_cmpstr (status, ==, expected);
  /* The decision is an ordinary edit waiting in the outbox, to reach the hub. */
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM pending_fields WHERE entity = 'conflict'"
                               " AND row_id = ? AND field = 'status'", conflict_id, NULL), ==, 1);
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM change_log WHERE entity = 'conflict'"
                               " AND row_id = ? AND state = 'pending'", conflict_id, NULL), >=, 1);
}

static void
test_conflicts (void)
{
  g_autofree char *household = ui_sql_text ("SELECT id FROM households WHERE deleted = 0"
                                            " ORDER BY id LIMIT 1", NULL);
  g_autofree char *head = ui_sql_text ("SELECT head_name FROM households WHERE id = ?",
                                       household, NULL);
  g_autofree char *address = ui_sql_text ("SELECT coalesce (address, '') FROM households"
                                          " WHERE id = ?", household, NULL);
  g_autofree char *income = ui_sql_text ("SELECT id FROM household_incomes WHERE year = 2016"
                                         " AND deleted = 0 ORDER BY id LIMIT 1", NULL);
  g_autofree char *income_fen = ui_sql_text ("SELECT per_capita_fen FROM household_incomes"
                                             " WHERE id = ?", income, NULL);
  NewConflict address_spec = { "household", household, "address", address, "积余村二组 18 号" };
  NewConflict income_spec = { "household_income", income, "per_capita_fen", income_fen, "123450" };
  g_autofree char *address_conflict = NULL;
  g_autofree char *income_conflict = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *title = NULL;
  GtkWidget *page, *window;
  gint64 before;

  g_assert_nonnull (income);
  address_conflict = ui_run_job (insert_conflict_job, &address_spec);
  income_conflict = ui_run_job (insert_conflict_job, &income_spec);

  page = bf_conflicts_page_new (fx.database);
  window = window_with (page);
  ui_wait (conflicts_idle, page, "the conflicts to load");
  g_assert_cmpuint (bf_conflicts_page_get_count (BF_CONFLICTS_PAGE (page)), ==, 2);
  g_assert_nonnull (row_of (page, address_conflict));
  g_assert_nonnull (row_of (page, income_conflict));

  /* Each side in the reviewer's words: the record by its head's name, the field's Chinese
   * label, money as ¥, who and which device. */
  text = collect_text (page);
  g_test_message ("%s", text);
  title = g_strdup_printf ("%s：%s", head, "住址");
  g_assert_nonnull (strstr (text, title));
  g_assert_nonnull (strstr (text, "积余村二组 18 号"));
  g_assert_nonnull (strstr (text, "¥1,234.50"));
  g_assert_nonnull (strstr (text, "保留的值"));
  g_assert_nonnull (strstr (text, "另一个值"));
  g_assert_nonnull (strstr (text, "设备 0190a1b2"));
  g_assert_nonnull (strstr (text, "甲"));
  ui_screenshot (window, 1280, 800, "desk-conflicts");
  ui_screenshot (window, 360, 720, "desk-conflicts-360");

  /* Nothing selected, nothing to press. */
  g_assert_false (gtk_widget_get_sensitive (ui_find (page, "keep-other")));

  /* A cadre cannot resolve: the message is shown in Chinese and nothing is written. */
  ui_set_meta ("account_role", "cadre");
  bf_conflict_row_set_selected (row_of (page, address_conflict), TRUE);
  before = ui_sql_int ("SELECT count(*) FROM change_log", NULL);
  click (page, "keep-other");
  ui_wait (conflicts_idle, page, "the refused resolution");
  g_assert_true (gtk_widget_get_visible (ui_find (page, "conflicts-error")));
  assert_chinese ("the refusal", label_text (page, "conflicts-error"));
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM change_log", NULL), ==, before);
  ui_set_meta ("account_role", "district");

  /* Use the other value: the household's address changes, as a logged edit. */
  click (page, "keep-other");
  ui_wait (conflicts_idle, page, "the resolution");
  stored = ui_sql_text ("SELECT address FROM households WHERE id = ?", household, NULL);
  g_assert_cmpstr (stored, ==, "积余村二组 18 号");
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM pending_fields WHERE entity = 'household'"
                               " AND row_id = ? AND field = 'address'", household, NULL), ==, 1);
  assert_resolved (address_conflict, "other");
  g_assert_true (g_ptr_array_find_with_equal_func (fx.changed, household, g_str_equal, NULL));
  g_assert_cmpuint (bf_conflicts_page_get_count (BF_CONFLICTS_PAGE (page)), ==, 1);
  g_assert_null (row_of (page, address_conflict));

  /* A merged value, typed in yuan: a bad one is refused in Chinese, a good one is stored in
   * fen. */
  bf_conflict_row_set_selected (row_of (page, income_conflict), TRUE);
  g_assert_true (gtk_widget_get_sensitive (ui_find (page, "merge")));
  gtk_editable_set_text (GTK_EDITABLE (ui_find (page, "merged-value")), "12.345");
  click (page, "merge-apply");
  ui_wait (conflicts_idle, page, "the refused merged value");
  assert_chinese ("the bad merged value", label_text (page, "conflicts-error"));
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM conflicts WHERE status = 'open'", NULL), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (ui_find (page, "merged-value")), "3,000.50");
  click (page, "merge-apply");
  ui_wait (conflicts_idle, page, "the merged value");
  g_assert_cmpint (ui_sql_int ("SELECT per_capita_fen FROM household_incomes WHERE id = ?",
                               income, NULL), ==, 300050);
  assert_resolved (income_conflict, "merged");

  /* Nothing left: the empty state. */
  g_assert_cmpuint (bf_conflicts_page_get_count (BF_CONFLICTS_PAGE (page)), ==, 0);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (ui_find (page, "conflicts-status"))),
                   ==, "没有待处理的冲突");
  ui_screenshot (window, 800, 600, "desk-conflicts-empty");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_set_meta ("account_role", NULL);
}

/* ---- Dashboard ---- */

static gpointer
assessment_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return bf_assessment_compute (store, YEAR, error);
}

static gboolean
dashboard_idle (gpointer page)
{
  return !bf_dashboard_page_get_loading (page);
}

static void
household_activated (GtkWidget *page, const char *id, char **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_dashboard (void)
{
  g_autoptr(BfAssessment) expected = ui_run_job (assessment_job, NULL);
  const BfTownAssessment *d = expected->district;
  const BfTownAssessment *first_town;
  g_autofree char *households = g_strdup_printf ("%d", bf_town_assessment_total (d->households));
  g_autofree char *people = g_strdup_printf ("%d", bf_town_assessment_total (d->people));
  g_autofree char *exited = g_strdup_printf ("%d", bf_town_assessment_total (d->exited_people));
  g_autofree char *visits = g_strdup_printf ("%d/%d", d->meeting_visits, d->required_households);
  g_autofree char *support = g_strdup_printf ("%d/%d", d->meeting_support, d->required_households);
  g_autofree char *activated = NULL;
  const char *village_id = NULL;
  guint villages = 0, village_households = 0;
  GtkWidget *page, *window, *chart, *row;

  page = bf_dashboard_page_new (fx.database, YEAR);
  g_signal_connect (page, "household-activated", G_CALLBACK (household_activated), &activated);
  window = window_with (page);
  ui_wait (dashboard_idle, page, "the assessment");
  g_assert_nonnull (bf_dashboard_page_get_assessment (BF_DASHBOARD_PAGE (page)));

  /* The headline figures are the engine's. */
  g_assert_cmpstr (label_text (page, "headline-households"), ==, households);
  g_assert_cmpstr (label_text (page, "headline-people"), ==, people);
  g_assert_cmpstr (label_text (page, "headline-exited"), ==, exited);
  g_assert_cmpstr (label_text (page, "headline-visits"), ==, visits);
  g_assert_cmpstr (label_text (page, "headline-support"), ==, support);
  g_assert_cmpint (bf_town_assessment_total (d->households), >, 5000);

  /* One bar per town, with the engine's share and against the policy's target. */
  chart = ui_find (page, "chart-exit");
  g_assert_cmpuint (bf_bar_chart_get_n_bars (BF_BAR_CHART (chart)), ==, expected->towns->len);
  for (guint i = 0; i < expected->towns->len; i++)
    {
      const BfTownAssessment *town = g_ptr_array_index (expected->towns, i);
      g_assert_cmpstr (bf_bar_chart_get_label (BF_BAR_CHART (chart), i), ==, town->name);
      g_assert_cmpfloat_with_epsilon (bf_bar_chart_get_value (BF_BAR_CHART (chart), i),
                                      bf_town_assessment_exited_percent (town) / 100.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (bf_bar_chart_get_value (BF_BAR_CHART (ui_find (page, "chart-visits")), i),
                                      town->required_households > 0
                                      ? (double) town->meeting_visits / town->required_households : 0,
                                      1e-9);
    }
  assert_chinese ("the district's name", label_text (page, "place"));
  ui_screenshot (window, 1280, 800, "desk-dashboard");
  ui_screenshot (window, 360, 720, "desk-dashboard-360");

  /* A click on a town's bar: its villages. */
  first_town = g_ptr_array_index (expected->towns, 0);
  g_signal_emit_by_name (chart, "bar-activated", 0u);
  for (guint i = 0; i < expected->villages->len; i++)
    {
      const BfVillageAssessment *v = g_ptr_array_index (expected->villages, i);
      if (g_strcmp0 (v->town, first_town->name) == 0)
        {
          villages++;
          if (village_id == NULL && v->households > 0)
            village_id = v->id;
        }
    }
  g_assert_cmpuint (villages, >, 0);
  g_assert_cmpuint (count_children (ui_find (page, "villages")), ==, villages);
  g_assert_nonnull (strstr (label_text (page, "place"), first_town->name));
  ui_screenshot (window, 360, 720, "desk-dashboard-town-360");

  /* A village: its households; activating one names it for the window to open. */
  g_assert_nonnull (village_id);
  for (row = gtk_widget_get_first_child (ui_find (page, "villages")); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "village-id"), village_id) == 0)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (ui_find (page, "villages"), "row-activated", row);
  for (guint i = 0; i < expected->households->len; i++)
    village_households += g_strcmp0 (((BfHouseholdAssessment *) expected->households->pdata[i])->village_id,
                                     village_id) == 0;
  g_assert_cmpuint (count_children (ui_find (page, "households")), ==, village_households);
  row = gtk_widget_get_first_child (ui_find (page, "households"));
  g_signal_emit_by_name (ui_find (page, "households"), "row-activated", row);
  g_assert_nonnull (activated);
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM households WHERE id = ? AND village_id = ?",
                               activated, village_id, NULL), ==, 1);
  ui_screenshot (window, 1280, 800, "desk-dashboard-village");

  /* Back twice: the district again. */
  click (page, "back");
  click (page, "back");
  g_assert_false (gtk_widget_get_visible (ui_find (page, "back")));

  /* A year the policy does not cover says so, in Chinese. */
  bf_dashboard_page_set_year (BF_DASHBOARD_PAGE (page), 2001);
  ui_wait (dashboard_idle, page, "a year without figures");
  g_assert_null (bf_dashboard_page_get_assessment (BF_DASHBOARD_PAGE (page)));
  assert_chinese ("the missing year",
                  adw_status_page_get_description (ADW_STATUS_PAGE (ui_find (page, "dashboard-status"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Import ---- */

static gboolean
import_idle (gpointer dialog)
{
  return !bf_import_dialog_get_busy (dialog);
}

static void
test_import (void)
{
  static const guint bad_lines[] = { 4, 5, 6, 7, 8, 9, 10, 12 };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                 "households-gb18030-bad.csv", NULL);
  g_autofree char *text = NULL;
  GtkWidget *dialog = bf_import_dialog_new (NULL, fx.database);
  GtkWidget *problems;
  gint64 households = ui_sql_int ("SELECT count(*) FROM households", NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  bf_import_dialog_load_file (BF_IMPORT_DIALOG (dialog), path);
  ui_wait (import_idle, dialog, "the dry run");

  /* Every bad row is listed with its line and a Chinese reason; nothing was written. */
  problems = ui_find (dialog, "problems");
  g_assert_true (gtk_widget_get_visible (problems));
  g_assert_cmpuint (bf_import_dialog_get_n_problems (BF_IMPORT_DIALOG (dialog)), >=,
                    G_N_ELEMENTS (bad_lines));
  g_assert_cmpuint (count_children (problems), ==,
                    bf_import_dialog_get_n_problems (BF_IMPORT_DIALOG (dialog)));
  text = collect_text (problems);
  g_test_message ("%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_autofree char *line = g_strdup_printf ("第 %u 行", bad_lines[i]);
      if (strstr (text, line) == NULL)
        g_error ("line %u is not listed", bad_lines[i]);
    }
  g_assert_nonnull (strstr (text, "不存在村"));
  assert_chinese ("the summary", label_text (dialog, "summary"));
  g_assert_nonnull (strstr (label_text (dialog, "summary"), "GB18030"));
  g_assert_false (gtk_widget_get_sensitive (ui_find (dialog, "import")));
  g_assert_true (gtk_widget_get_sensitive (ui_find (dialog, "import-good")));
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM households", NULL), ==, households);
  ui_screenshot (dialog, 1280, 800, "desk-import");
  ui_screenshot (dialog, 360, 720, "desk-import-360");

  /* The good rows, once confirmed: logged like any edit. */
  bf_import_dialog_import (BF_IMPORT_DIALOG (dialog), TRUE);
  ui_wait (import_idle, dialog, "the import");
  assert_chinese ("the result", label_text (dialog, "import-status"));
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM households", NULL), ==, households + 2);
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM households h JOIN change_log c"
                               " ON c.entity = 'household' AND c.row_id = h.id"
                               " WHERE h.head_name = '罗志强'", NULL), >=, 1);
  g_assert_false (gtk_widget_get_sensitive (ui_find (dialog, "import-good")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- Export ---- */

static gboolean
export_idle (gpointer dialog)
{
  return !bf_export_dialog_get_busy (dialog);
}

static char *
export_to (GtkWidget *dialog, BfExportWhat what, const char *name, gsize *out_length)
{
  g_autofree char *path = g_build_filename (fx.dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  bf_export_dialog_write (BF_EXPORT_DIALOG (dialog), what, path);
  ui_wait (export_idle, dialog, "the export");
  assert_chinese ("the export's result", label_text (dialog, "export-status"));
  g_test_message ("%s", label_text (dialog, "export-status"));
  g_assert_false (gtk_widget_has_css_class (ui_find (dialog, "export-status"), "error"));
  g_assert_true (g_file_get_contents (path, &contents, out_length, &error));
  g_assert_no_error (error);
  g_unlink (path);
  return contents;
}

static void
test_export (void)
{
  GtkWidget *dialog = bf_export_dialog_new (NULL, fx.database, YEAR, NULL);
  g_autofree char *csv = NULL, *xlsx = NULL, *pdf = NULL, *json = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  guint rows = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait (export_idle, dialog, "the villages");

  /* Households as CSV: a byte-order mark, Chinese headers, one row per household. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find (dialog, "kind")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find (dialog, "format")), 1);
  csv = export_to (dialog, BF_EXPORT_REPORT, "households.csv", &length);
  g_assert_cmpuint (length, >, 3);
  g_assert_cmpmem (csv, 3, "\xef\xbb\xbf", 3);
  lines = g_strsplit (csv + 3, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    rows += *lines[i] != '\0';
  g_assert_nonnull (strstr (lines[0], "户主"));
  g_assert_cmpint (rows, ==, ui_sql_int ("SELECT count(*) FROM households WHERE deleted = 0", NULL));

  /* The assessment as JSON, and as a workbook (a zip). */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find (dialog, "kind")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find (dialog, "format")), 2);
  json = export_to (dialog, BF_EXPORT_REPORT, "assessment.json", &length);
  g_assert_nonnull (strstr (json, "\"rows\""));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find (dialog, "format")), 0);
  xlsx = export_to (dialog, BF_EXPORT_REPORT, "assessment.xlsx", &length);
  g_assert_cmpmem (xlsx, 2, "PK", 2);

  /* The first village's table as PDF. */
  pdf = export_to (dialog, BF_EXPORT_VILLAGE_TABLE, "village.pdf", &length);
  g_assert_cmpmem (pdf, 5, "%PDF-", 5);

  /* A file that cannot be written: the error is shown and nothing is left behind. */
  bf_export_dialog_write (BF_EXPORT_DIALOG (dialog), BF_EXPORT_REPORT,
                          "/nonexistent-folder/assessment.xlsx");
  ui_wait (export_idle, dialog, "the failed export");
  g_assert_true (gtk_widget_has_css_class (ui_find (dialog, "export-status"), "error"));
  assert_chinese ("the export's error", label_text (dialog, "export-status"));
  ui_screenshot (dialog, 360, 720, "desk-export-360");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- Year lock ---- */

static gboolean
lock_idle (gpointer dialog)
{
  return !bf_lock_dialog_get_busy (dialog);
}

static gpointer
visit_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
  g_autoptr(BfPairing) pairing = NULL;
  g_autoptr(GPtrArray) pairings = bf_store_list (store, BF_ENTITY_PAIRING, "cadre_id", fx.cadre_id,
                                                 error);

  if (pairings == NULL)
    return NULL;
  g_assert_cmpuint (pairings->len, >, 0);
  visit->household_id = g_strdup (((BfPairing *) pairings->pdata[0])->household_id);
  visit->cadre_id = g_strdup (fx.cadre_id);
  visit->date = g_strdup ("2016-12-19");
  visit->kinds = 1;
  visit->description = g_strdup ("年底补记的走访");
  return bf_visit_insert (store, visit, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
test_lock (void)
{
  g_autofree char *corrections = NULL;
  GtkWidget *dialog;

  /* A cadre cannot lock: the engine's message, in Chinese. */
  ui_set_meta ("account_role", "cadre");
  dialog = bf_lock_dialog_new (NULL, fx.database, YEAR);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait (lock_idle, dialog, "the locks");
  g_assert_false (bf_lock_dialog_get_locked (BF_LOCK_DIALOG (dialog)));
  bf_lock_dialog_lock (BF_LOCK_DIALOG (dialog));
  ui_wait (lock_idle, dialog, "the refused lock");
  g_assert_true (gtk_widget_get_visible (ui_find (dialog, "lock-error")));
  assert_chinese ("the refused lock", label_text (dialog, "lock-error"));
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM year_locks", NULL), ==, 0);

  ui_set_meta ("account_role", "district");
  bf_lock_dialog_lock (BF_LOCK_DIALOG (dialog));
  ui_wait (lock_idle, dialog, "the lock");
  g_assert_true (bf_lock_dialog_get_locked (BF_LOCK_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_sensitive (ui_find (dialog, "lock")));
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM year_locks WHERE year = 2016", NULL), ==, 1);
  g_assert_cmpuint (bf_lock_dialog_get_n_corrections (BF_LOCK_DIALOG (dialog)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A visit of the locked year, recorded later, is a correction. */
  ui_run_job (visit_job, NULL);
  dialog = bf_lock_dialog_new (NULL, fx.database, YEAR);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait (lock_idle, dialog, "the corrections");
  g_assert_cmpuint (bf_lock_dialog_get_n_corrections (BF_LOCK_DIALOG (dialog)), ==, 1);
  corrections = collect_text (ui_find (dialog, "corrections"));
  g_test_message ("%s", corrections);
  g_assert_nonnull (strstr (corrections, "年底补记的走访"));
  ui_screenshot (dialog, 800, 600, "desk-lock");
  ui_screenshot (dialog, 360, 720, "desk-lock-360");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_set_meta ("account_role", NULL);
}

int
main (int argc, char **argv)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "..",
                                                 "po", NULL);
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BANGFU_LOCALEDIR") ?: localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* The templates live in the app's static library: naming the resource links it in (the
   * application does the same). */
  (void) bf_app_get_resource ();

  ui_fixture_setup ();
  g_test_add_func ("/desk/conflicts", test_conflicts);
  g_test_add_func ("/desk/dashboard", test_dashboard);
  g_test_add_func ("/desk/import", test_import);
  g_test_add_func ("/desk/export", test_export);
  g_test_add_func ("/desk/lock", test_lock);
  status = g_test_run ();
  ui_fixture_teardown ();
  return status;
}
