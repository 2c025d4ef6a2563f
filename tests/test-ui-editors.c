/* test-ui-editors.c: the editing dialogs and the worklist on the demo district, in Chinese.
 *
 * Each dialog is filled in the way a user would (entry text, toggles, drop-downs) and saved
 * with Ctrl+S through its shortcut; the store and the change log are then read with SQL.
 * Bad input shows a Chinese message next to the field and writes nothing. Screenshots of
 * every dialog at full size and at 360 px go into the build dir.
 */
#include "bf-config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "bf-income-editor.h"
#include "bf-member-editor.h"
#include "bf-payment-editor.h"
#include "bf-validate.h"
#include "bf-visit-editor.h"
#include "bf-void-dialog.h"
#include "bf-worklist-page.h"
#include "ui-editors-fixture.h"

#define TODAY "2016-12-20"

static void
set_text (GtkWidget *root, const char *name, const char *text)
{
  GtkWidget *widget = ui_find (root, name);

  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
save_enabled (GtkWidget *editor)
{
  return gtk_widget_get_sensitive (ui_find (editor, "save"));
}

/* The field's error label shows a Chinese message. */
static void
assert_field_error (GtkWidget *editor, const char *name)
{
  GtkWidget *error = ui_find_error_of (ui_find (editor, name));

  g_assert_true (gtk_widget_get_visible (error));
  if (!ui_is_chinese (gtk_label_get_text (GTK_LABEL (error))))
    g_error ("the error under “%s” is not Chinese: %s", name,
             gtk_label_get_text (GTK_LABEL (error)));
}

static void
assert_no_field_error (GtkWidget *editor, const char *name)
{
  g_assert_false (gtk_widget_get_visible (ui_find_error_of (ui_find (editor, name))));
}

static char *
household_of_cadre (void)
{
  return ui_sql_text ("SELECT household_id FROM pairings WHERE cadre_id = ? AND to_date IS NULL"
                      " AND deleted = 0 ORDER BY household_id LIMIT 1", fx.cadre_id, NULL);
}

static gint64
count_rows (const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return ui_sql_int (sql, NULL);
}

/* The write is in the outbox: a pending change_log entry and its pending_fields row (a new
 * record is logged whole, as field "*"). */
static void
assert_logged (const char *entity, const char *row_id, const char *field)
{
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM change_log WHERE entity = ? AND row_id = ?"
                               " AND state = 'pending'", entity, row_id, NULL), >=, 1);
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM pending_fields WHERE entity = ?"
                               " AND row_id = ? AND field = ?", entity, row_id, field, NULL),
                   ==, 1);
}

static gboolean
changed_has (const char *household_id)
{
  for (guint i = 0; i < fx.changed->len; i++)
    if (g_strcmp0 (g_ptr_array_index (fx.changed, i), household_id) == 0)
      return TRUE;
  return FALSE;
}

/* ---- 新增走访 ---- */

static gboolean
focus_in (GtkWindow *window, const char *name)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *widget = ui_find (GTK_WIDGET (window), name);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget) ||
                           gtk_widget_is_ancestor (widget, focus));
}

/* Tab walks the fields in order from the date: kinds, description, money. */
static void
assert_tab_order (GtkWindow *window)
{
  const char *order[] = { "date", "kind-0", "description", "amount" };
  guint next = 1;

  g_assert_true (focus_in (window, "date"));
  for (int press = 0; press < 40 && next < G_N_ELEMENTS (order); press++)
    {
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        if (focus_in (window, order[i]) && i > next)
          g_error ("Tab reached %s before %s", order[i], order[next]);
      if (focus_in (window, order[next]))
        next++;
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (order));
  gtk_widget_grab_focus (ui_find (GTK_WIDGET (window), "date"));
}

static void
test_visit_saves (void)
{
  g_autofree char *household = household_of_cadre ();
  BfVisitEditor *editor = bf_visit_editor_new (fx.database, household);
  GtkWidget *window = GTK_WIDGET (editor);
  GtkTextBuffer *buffer;
  g_autofree char *id = NULL;
  g_autofree char *row = NULL;
  gint64 visits = count_rows ("visits");
  gint64 payments = count_rows ("payments");

  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  /* Keyboard-only: the date has the focus and holds today. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (editor)) == ui_find (window, "date") ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)),
                                         ui_find (window, "date")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (window, "date"))), ==, TODAY);
  g_assert_true (save_enabled (window));
  assert_tab_order (GTK_WINDOW (editor));
  ui_screenshot (window, 640, 760, "editor-visit");
  ui_screenshot (window, 360, 720, "editor-visit-360");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_find (window, "kind-0")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_find (window, "kind-1")), TRUE);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_find (window, "description")));
  gtk_text_buffer_set_text (buffer, "送去春耕资金，讲解小额信贷政策", -1);
  set_text (window, "amount", "1,234.5");
  g_assert_true (save_enabled (window));
  g_ptr_array_set_size (fx.changed, 0);
  id = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);

  g_assert_cmpint (count_rows ("visits"), ==, visits + 1);
  row = ui_sql_text ("SELECT household_id || '|' || cadre_id || '|' || date || '|' || kinds"
                     " || '|' || amount_fen || '|' || description FROM visits WHERE id = ?",
                     id, NULL);
  {
    g_autofree char *expected = g_strdup_printf ("%s|%s|%s|policy,funds|123450|"
                                                 "送去春耕资金，讲解小额信贷政策",
                                                 household, fx.cadre_id, TODAY);
    g_assert_cmpstr (row, ==, expected);
  }
  assert_logged ("visit", id, "*");
  g_assert_true (changed_has (household));
  /* The money is in the fund ledger too, from this cadre, on the same day. */
  g_assert_cmpint (count_rows ("payments"), ==, payments + 1);
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM payments WHERE household_id = ? AND"
                               " source = 'cadre' AND cadre_id = ? AND amount_fen = 123450 AND"
                               " date = ?", household, fx.cadre_id, TODAY, NULL), ==, 1);
}

static void
test_visit_bad_input (void)
{
  g_autofree char *household = household_of_cadre ();
  BfVisitEditor *editor = bf_visit_editor_new (fx.database, household);
  GtkWidget *window = GTK_WIDGET (editor);
  GtkTextBuffer *buffer;
  GString *long_text = g_string_new (NULL);
  gint64 visits = count_rows ("visits");
  gint64 payments = count_rows ("payments");
  gint64 changes = count_rows ("change_log");

  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));

  /* A negative amount: the money validator's message, Save off, nothing written. */
  set_text (window, "amount", "-5");
  assert_field_error (window, "amount");
  g_assert_false (save_enabled (window));
  g_assert_false (ui_press_ctrl_s (window));
  g_assert_false (bf_editor_window_get_busy (BF_EDITOR_WINDOW (editor)));

  set_text (window, "amount", "12.345");
  assert_field_error (window, "amount");
  set_text (window, "amount", "200元");
  assert_no_field_error (window, "amount");

  /* A date in the future, or before the programme, or not a date. */
  set_text (window, "date", "2016-12-21");
  assert_field_error (window, "date");
  set_text (window, "date", "2015-06-01");
  assert_field_error (window, "date");
  set_text (window, "date", "2016-13-01");
  assert_field_error (window, "date");
  g_assert_false (save_enabled (window));
  ui_screenshot (window, 360, 720, "editor-visit-errors-360");
  set_text (window, "date", "2016-12-01");
  assert_no_field_error (window, "date");
  g_assert_true (save_enabled (window));

  /* What only the store refuses (text too long) is shown in the dialog, which stays open
   * with everything typed. */
  for (int i = 0; i < 3000; i++)
    g_string_append (long_text, "帮");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_find (window, "description")));
  gtk_text_buffer_set_text (buffer, long_text->str, -1);
  g_assert_null (ui_save_and_wait (BF_EDITOR_WINDOW (editor), TRUE));
  g_assert_true (ui_is_chinese (gtk_label_get_text (GTK_LABEL (ui_find (window, "store-error")))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (window, "amount"))), ==, "200元");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (window, "date"))), ==,
                   "2016-12-01");
  g_assert_cmpint (count_rows ("visits"), ==, visits);
  g_assert_cmpint (count_rows ("payments"), ==, payments);   /* rolled back with the visit */
  g_assert_cmpint (count_rows ("change_log"), ==, changes);
  g_assert_true (save_enabled (window));
  g_string_free (long_text, TRUE);

  /* Escape cancels: the dialog goes and nothing is written. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (ui_press_key (window, GDK_KEY_Escape, 0));
  while (editor != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (editor);
  g_assert_cmpint (count_rows ("visits"), ==, visits);
}

/* A district clerk (no cadre signed in) picks among the household's paired cadres. */
static void
test_visit_clerk_picks_cadre (void)
{
  g_autofree char *household = ui_sql_text ("SELECT household_id FROM pairings WHERE to_date IS NULL"
                                            " GROUP BY household_id ORDER BY household_id LIMIT 1",
                                            NULL);
  g_autofree char *paired = ui_sql_text ("SELECT cadre_id FROM pairings WHERE household_id = ?"
                                         " AND to_date IS NULL ORDER BY cadre_id LIMIT 1",
                                         household, NULL);
  BfVisitEditor *editor;
  g_autofree char *id = NULL;
  g_autofree char *cadre = NULL;
  gint64 payments;

  ui_set_meta ("cadre_id", NULL);
  editor = bf_visit_editor_new (fx.database, household);
  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_find (GTK_WIDGET (editor), "kind-8")), TRUE);
  payments = count_rows ("payments");
  id = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);
  cadre = ui_sql_text ("SELECT cadre_id FROM visits WHERE id = ?", id, NULL);
  g_assert_cmpstr (cadre, ==, paired);
  g_assert_cmpint (count_rows ("payments"), ==, payments);   /* no money, no payment */
  ui_set_meta ("cadre_id", fx.cadre_id);
}

static gboolean
changed_has_cb (gpointer household_id)
{
  return changed_has (household_id);
}

/* Escape right after Ctrl+S: the dialog goes, the write still lands and is announced. */
static void
test_visit_closed_while_saving (void)
{
  g_autofree char *household = household_of_cadre ();
  BfVisitEditor *editor = bf_visit_editor_new (fx.database, household);
  GtkWidget *window = GTK_WIDGET (editor);
  gint64 visits = count_rows ("visits");

  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_find (window, "kind-5")), TRUE);
  g_ptr_array_set_size (fx.changed, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (ui_press_ctrl_s (window));
  g_assert_true (ui_press_key (window, GDK_KEY_Escape, 0));
  ui_wait (changed_has_cb, household, "the change to be announced");
  while (editor != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (editor);
  g_assert_cmpint (count_rows ("visits"), ==, visits + 1);
}

/* ---- Payments ---- */

static void
test_payment (void)
{
  g_autofree char *household = household_of_cadre ();
  BfPaymentEditor *editor = bf_payment_editor_new (fx.database, household);
  GtkWidget *window = GTK_WIDGET (editor);
  gint64 payments = count_rows ("payments");
  g_autofree char *id = NULL;
  g_autofree char *row = NULL;
  g_autofree char *expected = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (ui_find (window, "giver-cadre"))));
  /* An amount is required, and must be money. */
  g_assert_false (save_enabled (window));
  set_text (window, "amount", "abc");
  assert_field_error (window, "amount");
  set_text (window, "amount", "0");
  assert_field_error (window, "amount");
  set_text (window, "amount", "-200");
  assert_field_error (window, "amount");
  g_assert_false (save_enabled (window));
  g_assert_false (ui_press_ctrl_s (window));
  g_assert_cmpint (count_rows ("payments"), ==, payments);

  /* From the pairing cadre: the giver shows up and is the signed-in cadre. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_find (window, "source")), BF_SOURCE_CADRE);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (ui_find (window, "giver-cadre"))));
  set_text (window, "purpose", "帮扶干部慰问金");
  set_text (window, "amount", "¥200");
  g_assert_true (save_enabled (window));
  ui_screenshot (window, 640, 700, "editor-payment");
  ui_screenshot (window, 360, 720, "editor-payment-360");
  id = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);

  g_assert_cmpint (count_rows ("payments"), ==, payments + 1);
  row = ui_sql_text ("SELECT household_id || '|' || source || '|' || amount_fen || '|' ||"
                     " cadre_id || '|' || purpose || '|' || date FROM payments WHERE id = ?",
                     id, NULL);
  expected = g_strdup_printf ("%s|cadre|20000|%s|帮扶干部慰问金|%s", household, fx.cadre_id, TODAY);
  g_assert_cmpstr (row, ==, expected);
  assert_logged ("payment", id, "*");
}

/* ---- Income ---- */

static gpointer
register_household_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(BfHousehold) neighbour = bf_household_get (store, data, error);
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);

  if (neighbour == NULL)
    return NULL;
  household->village_id = g_strdup (neighbour->village_id);
  household->head_name = g_strdup ("温新登");
  household->category = BF_CATEGORY_KUNNAN;
  household->labour = BF_LABOUR_ABLE;
  household->registered_on = g_strdup (TODAY);
  if (!bf_household_insert (store, household, error))
    return NULL;
  return g_strdup (household->id);
}

static void
test_income_sets_and_updates (void)
{
  g_autofree char *household = household_of_cadre ();
  /* Every demo household has its incomes: a household registered today has none yet. */
  g_autofree char *unsurveyed = ui_run_job (register_household_job, household);
  g_autofree char *new_id = bf_household_income_id (unsurveyed, 2016);
  g_autofree char *old_id = bf_household_income_id (household, 2016);
  g_autofree char *recorded = NULL;
  BfIncomeEditor *editor;
  GtkWidget *window;
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM household_incomes WHERE household_id = ?",
                               unsurveyed, NULL), ==, 0);
  editor = bf_income_editor_new (fx.database, unsurveyed, 2016);
  window = GTK_WIDGET (editor);
  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (window, "amount"))), ==, "");
  g_assert_false (save_enabled (window));
  set_text (window, "amount", "-1");
  assert_field_error (window, "amount");
  g_assert_false (save_enabled (window));
  set_text (window, "amount", "3,500.5");
  id = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);
  g_assert_cmpstr (id, ==, new_id);
  g_assert_cmpint (ui_sql_int ("SELECT per_capita_fen FROM household_incomes WHERE id = ?", id,
                               NULL), ==, 350050);
  assert_logged ("household_income", id, "*");

  /* A year already recorded: the dialog shows the figure, and saving updates that row. */
  recorded = ui_sql_text ("SELECT printf('%,d.%02d', per_capita_fen / 100, per_capita_fen % 100)"
                          " FROM household_incomes WHERE id = ?", old_id, NULL);
  g_assert_nonnull (recorded);
  editor = bf_income_editor_new (fx.database, household, 2016);
  window = GTK_WIDGET (editor);
  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (window, "amount"))), ==,
                   recorded);
  set_text (window, "amount", "9000");
  ui_screenshot (window, 560, 420, "editor-income");
  ui_screenshot (window, 360, 720, "editor-income-360");
  again = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);
  g_assert_cmpstr (again, ==, old_id);
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM household_incomes WHERE household_id = ?"
                               " AND year = 2016 AND deleted = 0", household, NULL), ==, 1);
  g_assert_cmpint (ui_sql_int ("SELECT per_capita_fen FROM household_incomes WHERE id = ?",
                               old_id, NULL), ==, 900000);
  assert_logged ("household_income", old_id, "per_capita_fen");
}

/* ---- Members ---- */

static char *
valid_id_number (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, bf_id_number_check_char (first17));
}

static gboolean
warnings_shown (gpointer data)
{
  return gtk_widget_get_visible (ui_find (data, "warnings"));
}

static void
test_member_add_and_warnings (void)
{
  g_autofree char *household = household_of_cadre ();
  g_autofree char *id_number = valid_id_number ("44180219491231002");
  g_autofree char *taken = ui_sql_text ("SELECT id_number FROM members WHERE id_number IS NOT NULL"
                                        " AND household_id <> ? ORDER BY id LIMIT 1",
                                        household, NULL);
  g_autofree char *bad = g_strdup (id_number);
  BfMemberEditor *editor = bf_member_editor_new (fx.database, household, NULL);
  GtkWidget *window = GTK_WIDGET (editor);
  GtkWidget *warnings = ui_find (window, "warnings");
  gint64 members = count_rows ("members");
  g_autofree char *id = NULL;
  g_autofree char *row = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  g_assert_false (save_enabled (window));   /* a name is required */
  set_text (window, "name", "林小红");

  /* A wrong check digit: a Chinese message under the field, Save off. */
  bad[17] = bad[17] == '0' ? '1' : '0';
  set_text (window, "id-number", bad);
  assert_field_error (window, "id-number");
  g_assert_false (save_enabled (window));
  set_text (window, "id-number", "441802491231002");   /* 15 digits: the old card */
  assert_field_error (window, "id-number");
  g_assert_false (ui_press_ctrl_s (window));
  g_assert_cmpint (count_rows ("members"), ==, members);

  /* A number someone else on this device has: warned about, not blocking. */
  set_text (window, "id-number", taken);
  assert_no_field_error (window, "id-number");
  ui_wait (warnings_shown, window, "the duplicate warning");
  g_assert_true (ui_is_chinese (gtk_label_get_text (GTK_LABEL (warnings))));
  g_assert_true (save_enabled (window));

  /* A valid new number fills in the birth date and the sex; contradicting the sex warns. */
  set_text (window, "birth-date", "");
  set_text (window, "id-number", id_number);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (window, "birth-date"))), ==,
                   "1949-12-31");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (ui_find (window, "sex"))), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_find (window, "sex")), 0);
  g_assert_true (gtk_widget_get_visible (warnings));
  g_assert_true (ui_is_chinese (gtk_label_get_text (GTK_LABEL (warnings))));
  ui_screenshot (window, 600, 820, "editor-member");
  ui_screenshot (window, 360, 720, "editor-member-360");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_find (window, "sex")), 1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_find (window, "medical")), TRUE);
  id = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);

  row = ui_sql_text ("SELECT name || '|' || id_number || '|' || sex || '|' || birth_date || '|'"
                     " || medical_insured || pension_insured FROM members WHERE id = ?", id, NULL);
  {
    g_autofree char *expected = g_strdup_printf ("林小红|%s|female|1949-12-31|10", id_number);
    g_assert_cmpstr (row, ==, expected);
  }
  assert_logged ("member", id, "*");
}

static void
test_member_edit (void)
{
  g_autofree char *household = household_of_cadre ();
  g_autofree char *member = ui_sql_text ("SELECT id FROM members WHERE household_id = ?"
                                         " ORDER BY id LIMIT 1", household, NULL);
  g_autofree char *number = ui_sql_text ("SELECT id_number FROM members WHERE id = ?", member,
                                         NULL);
  BfMemberEditor *editor = bf_member_editor_new (fx.database, household, member);
  GtkWidget *window = GTK_WIDGET (editor);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (window, "id-number"))), ==,
                   number != NULL ? number : "");
  set_text (window, "name", "改名测试");
  id = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);
  g_assert_cmpstr (id, ==, member);
  name = ui_sql_text ("SELECT name FROM members WHERE id = ?", member, NULL);
  g_assert_cmpstr (name, ==, "改名测试");
  assert_logged ("member", member, "name");
  /* Only what changed is logged. */
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM pending_fields WHERE entity = 'member'"
                               " AND row_id = ? AND field = 'relation'", member, NULL), ==, 0);
}

/* ---- Voiding ---- */

static void
test_void_visit (void)
{
  g_autofree char *visit = ui_sql_text ("SELECT v.id FROM visits v WHERE v.voids_id IS NULL AND"
                                        " NOT EXISTS (SELECT 1 FROM visits x WHERE x.voids_id = v.id)"
                                        " ORDER BY v.id LIMIT 1", NULL);
  g_autofree char *original = ui_sql_text ("SELECT date || kinds || amount_fen FROM visits"
                                           " WHERE id = ?", visit, NULL);
  BfVoidDialog *dialog = bf_void_dialog_new (fx.database, BF_ENTITY_VISIT, visit);
  GtkWidget *window = GTK_WIDGET (dialog);
  gint64 visits = count_rows ("visits");
  g_autofree char *void_id = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait_ready (BF_EDITOR_WINDOW (dialog));
  g_assert_true (ui_is_chinese (gtk_label_get_text (GTK_LABEL (ui_find (window, "summary")))));
  /* The reason is required. */
  assert_field_error (window, "reason");
  g_assert_false (save_enabled (window));
  set_text (window, "reason", "   ");
  g_assert_false (save_enabled (window));
  set_text (window, "reason", "重复录入");
  g_assert_true (save_enabled (window));
  ui_screenshot (window, 560, 460, "dialog-void");
  ui_screenshot (window, 360, 720, "dialog-void-360");
  void_id = ui_save_and_wait (BF_EDITOR_WINDOW (dialog), FALSE);

  /* The original stays as it was; a voiding entry names it and the reason. */
  g_assert_cmpint (count_rows ("visits"), ==, visits + 1);
  after = ui_sql_text ("SELECT date || kinds || amount_fen FROM visits WHERE id = ?", visit, NULL);
  g_assert_cmpstr (after, ==, original);
  entry = ui_sql_text ("SELECT voids_id || '|' || void_reason FROM visits WHERE id = ?", void_id,
                       NULL);
  expected = g_strdup_printf ("%s|重复录入", visit);
  g_assert_cmpstr (entry, ==, expected);
  assert_logged ("visit", void_id, "*");

  /* Voided already: the dialog says so and cannot void it twice. */
  dialog = bf_void_dialog_new (fx.database, BF_ENTITY_VISIT, visit);
  window = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait (
    (gboolean (*) (gpointer)) gtk_widget_get_visible, ui_find (window, "store-error"),
    "the refusal");
  g_assert_true (ui_is_chinese (gtk_label_get_text (GTK_LABEL (ui_find (window, "store-error")))));
  set_text (window, "reason", "再次作废");
  g_assert_false (save_enabled (window));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_void_payment (void)
{
  g_autofree char *payment = ui_sql_text ("SELECT p.id FROM payments p WHERE p.voids_id IS NULL"
                                          " AND p.household_id IS NOT NULL AND NOT EXISTS"
                                          " (SELECT 1 FROM payments x WHERE x.voids_id = p.id)"
                                          " ORDER BY p.id LIMIT 1", NULL);
  BfVoidDialog *dialog = bf_void_dialog_new (fx.database, BF_ENTITY_PAYMENT, payment);
  g_autofree char *void_id = NULL;
  g_autofree char *voids = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait_ready (BF_EDITOR_WINDOW (dialog));
  set_text (GTK_WIDGET (dialog), "reason", "金额录错，另行登记");
  void_id = ui_save_and_wait (BF_EDITOR_WINDOW (dialog), FALSE);
  voids = ui_sql_text ("SELECT voids_id FROM payments WHERE id = ?", void_id, NULL);
  g_assert_cmpstr (voids, ==, payment);
  g_assert_cmpint (ui_sql_int ("SELECT count(*) FROM payments WHERE id = ?", payment, NULL), ==, 1);
}

/* ---- 待走访 ---- */

static GPtrArray *
worklist_by_sql (void)
{
  /* The same rule written independently: current pairings; standing visits by the cadre (not
   * voiding, not voided, not after today); due when none since the quarter began. */
  const char *standing =
    "FROM visits v WHERE v.household_id = h.id AND v.cadre_id = ?1 AND v.deleted = 0"
    " AND v.voids_id IS NULL AND v.date <= ?2"
    " AND NOT EXISTS (SELECT 1 FROM visits x WHERE x.voids_id = v.id AND x.deleted = 0)";
  g_autofree char *sql = g_strdup_printf (
    "SELECT h.id FROM households h WHERE h.deleted = 0 AND h.id IN"
    " (SELECT household_id FROM pairings WHERE cadre_id = ?1 AND to_date IS NULL AND deleted = 0)"
    " AND NOT EXISTS (SELECT 1 %s AND v.date >= ?3)"
    " ORDER BY (SELECT max(v.date) %s) IS NOT NULL, (SELECT max(v.date) %s), h.head_name, h.id",
    standing, standing, standing);

  return ui_sql_column (sql, fx.cadre_id, TODAY, "2016-10-01", NULL);
}

static gboolean
worklist_loaded (gpointer page)
{
  return !bf_worklist_page_get_loading (page);
}

static void
activated_cb (GtkWidget *page, const char *id, char **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_worklist (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = bf_worklist_page_new (fx.database, NULL);
  g_autoptr(GPtrArray) expected = worklist_by_sql ();
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *activated = NULL;
  GtkListBoxRow *first;
  BfVisitEditor *editor;
  g_autofree char *visit = NULL;

  adw_window_set_content (ADW_WINDOW (window), page);
  g_signal_connect (page, "household-activated", G_CALLBACK (activated_cb), &activated);
  ui_wait (worklist_loaded, page, "the worklist");
  shown = bf_worklist_page_dup_household_ids (BF_WORKLIST_PAGE (page));
  g_assert_cmpuint (g_strv_length (shown), ==, expected->len);
  g_assert_cmpuint (expected->len, >, 1);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (shown[i], ==, g_ptr_array_index (expected, i));
  ui_screenshot (window, 800, 700, "worklist");
  ui_screenshot (window, 360, 720, "worklist-360");

  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (ui_find (page, "worklist")), 0);
  g_signal_emit_by_name (ui_find (page, "worklist"), "row-activated", first);
  g_assert_cmpstr (activated, ==, shown[0]);

  /* A visit to the most overdue household takes it off the list at once. */
  editor = bf_visit_editor_new (fx.database, shown[0]);
  gtk_window_present (GTK_WINDOW (editor));
  ui_wait_ready (BF_EDITOR_WINDOW (editor));
  visit = ui_save_and_wait (BF_EDITOR_WINDOW (editor), FALSE);
  ui_wait (worklist_loaded, page, "the worklist to reload");
  after = bf_worklist_page_dup_household_ids (BF_WORKLIST_PAGE (page));
  g_assert_cmpuint (g_strv_length (after), ==, expected->len - 1);
  g_assert_false (g_strv_contains ((const char *const *) after, shown[0]));
  gtk_window_destroy (GTK_WINDOW (window));
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

  ui_fixture_setup ();
  g_test_add_func ("/editors/visit/saves", test_visit_saves);
  g_test_add_func ("/editors/visit/bad-input", test_visit_bad_input);
  g_test_add_func ("/editors/visit/clerk-picks-cadre", test_visit_clerk_picks_cadre);
  g_test_add_func ("/editors/visit/closed-while-saving", test_visit_closed_while_saving);
  g_test_add_func ("/editors/payment", test_payment);
  g_test_add_func ("/editors/income", test_income_sets_and_updates);
  g_test_add_func ("/editors/member/add-and-warnings", test_member_add_and_warnings);
  g_test_add_func ("/editors/member/edit", test_member_edit);
  g_test_add_func ("/editors/void/visit", test_void_visit);
  g_test_add_func ("/editors/void/payment", test_void_payment);
  g_test_add_func ("/editors/worklist", test_worklist);
  status = g_test_run ();
  ui_fixture_teardown ();
  return status;
}
