/* test-ui-app.c: the app on the demo district, driven the way a cadre would — through its
 * widgets and actions, with the main loop run until each result arrives (no sleeps). The
 * store is checked through a second connection, as the district would see it. */
#include "bf-config.h"

#include <glib/gi18n.h>

#include "bf-filter-popover.h"
#include "bf-household-card.h"
#include "bf-household-list-model.h"
#include "bf-pinyin.h"
#include "bf-refused-row.h"
#include "bf-sync.h"
#include "bf-validate.h"
#include "bf-visit-editor.h"
#include "ui-app-fixture.h"

static char *demo_path;
static int year;

static BfHouseholdListModel *
model_of (BfWindow *window)
{
  return bf_household_list_get_model (bf_window_get_household_list (window));
}

static void
test_starts_on_demo (void)
{
  BfWindow *window = bf_ui_open (demo_path, 1280, 800);
  g_autoptr(BfStore) store = bf_ui_open_store (demo_path);
  g_autoptr(GError) error = NULL;
  gint64 households = bf_store_count (store, BF_ENTITY_HOUSEHOLD, &error);
  BfHouseholdListModel *model = model_of (window);
  g_autoptr(BfHouseholdItem) first = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bf_window_get_view (window), ==, "main");
  /* Every household of the demo district, in the list (the seed's 497 + 4,773). */
  g_assert_cmpint (households, ==, 497 + 4773);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, households);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (bf_household_item_get_head_name (first), !=, "");
  /* Chinese shows: the header speaks the translation, not the English source. */
  g_assert_cmpstr (_("This device only"), !=, "This device only");
  g_assert_cmpstr (bf_sync_status_get_text (bf_window_get_sync_status (window)), ==,
                   _("This device only"));
  /* Wide enough for the list and the page side by side. */
  g_assert_false (adw_leaflet_get_folded (bf_window_get_leaflet (window)));
  bf_ui_close (window);
}

static void
test_search_pinyin (void)
{
  BfWindow *window = bf_ui_open (demo_path, 1280, 800);
  g_autoptr(BfStore) store = bf_ui_open_store (demo_path);
  g_autoptr(GPtrArray) households = bf_household_list_by (store, NULL, NULL, NULL);
  GtkSearchEntry *entry = bf_household_list_get_search_entry (bf_window_get_household_list (window));
  BfHouseholdListModel *model = model_of (window);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (model));
  const BfHousehold *target = NULL;
  g_autofree char *full = NULL;
  g_autofree char *initials = NULL;
  g_autofree char *mixed = NULL;
  char **syllables;

  /* A head whose name has at least two syllables. */
  for (guint i = 0; i < households->len && target == NULL; i++)
    {
      const BfHousehold *household = g_ptr_array_index (households, i * 7 % households->len);
      g_clear_pointer (&full, g_free);
      g_clear_pointer (&initials, g_free);
      bf_pinyin_keys (household->head_name, &full, &initials);
      if (initials != NULL && strlen (initials) >= 2)
        target = household;
    }
  g_assert_nonnull (target);

  /* zs: initials, typed one key at a time as a cadre would. */
  for (guint i = 1; i <= strlen (initials); i++)
    {
      g_autofree char *typed = g_strndup (initials, i);
      gtk_editable_set_text (GTK_EDITABLE (entry), typed);
    }
  g_assert_cmpint (bf_household_list_model_find (model, target->id), >=, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <, total);

  /* zhangs: the first syllable whole, then initials. */
  syllables = g_strsplit (full, " ", -1);
  mixed = g_strconcat (syllables[0], initials + 1, NULL);
  g_strfreev (syllables);
  gtk_editable_set_text (GTK_EDITABLE (entry), mixed);
  g_assert_cmpint (bf_household_list_model_find (model, target->id), >=, 0);

  /* The name itself, and then nothing: the whole list again. */
  gtk_editable_set_text (GTK_EDITABLE (entry), target->head_name);
  g_assert_cmpint (bf_household_list_model_find (model, target->id), >=, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
  bf_ui_close (window);
}

/* The shortfall filters, set through the popover's check buttons as a cadre would. */
static void
test_filters (void)
{
  BfWindow *window = bf_ui_open (demo_path, 1280, 800);
  BfHouseholdListModel *model = model_of (window);
  GtkPopover *popover = bf_window_get_filter_popover (window);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (model));
  GtkWidget *visits_check = NULL;
  g_autoptr(BfPolicy) policy = bf_policy_load_default (NULL);
  g_autofree char *visits_label = g_strdup_printf (_("Fewer than %d visits this year"),
                                                   policy->visits_per_year);
  guint shown;

  /* Find the check button by what it says: the policy's figure, in Chinese. */
  for (GtkWidget *w = bf_ui_find_type (GTK_WIDGET (popover), GTK_TYPE_CHECK_BUTTON); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_CHECK_BUTTON (w) &&
        g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (w)), visits_label) == 0)
      visits_check = w;
  g_assert_nonnull (visits_check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (visits_check), TRUE);
  shown = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, total);
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(BfHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (bf_household_item_get_visits (item), <, policy->visits_per_year);
    }
  /* The search narrows within the filter. */
  gtk_editable_set_text (GTK_EDITABLE (bf_household_list_get_search_entry (bf_window_get_household_list (window))), "z");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <=, shown);
  gtk_editable_set_text (GTK_EDITABLE (bf_household_list_get_search_entry (bf_window_get_household_list (window))), "");
  bf_filter_popover_clear (BF_FILTER_POPOVER (popover));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
  bf_ui_close (window);
}

static gboolean
page_loaded (gpointer data)
{
  BfHouseholdPage *page = data;
  return bf_household_page_get_title (page) != NULL && !bf_household_page_get_loading (page);
}

/* The first household of the list, shown. */
static const char *
open_first_household (BfWindow *window)
{
  g_autoptr(BfHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (model_of (window)), 0);
  const char *id;

  g_assert_true (bf_household_list_select_id (bf_window_get_household_list (window),
                                              bf_household_item_get_id (item)));
  g_assert_true (bf_ui_wait (page_loaded, bf_window_get_household_page (window), 10000));
  id = bf_household_page_get_id (bf_window_get_household_page (window));
  g_assert_cmpstr (id, ==, bf_household_item_get_id (item));
  return id;
}

static BfVisitEditor *
find_visit_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours to free */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (BF_IS_VISIT_EDITOR (window))
        return BF_VISIT_EDITOR (window);
    }
  return NULL;
}

static gboolean
editor_open_and_ready (gpointer data)
{
  BfVisitEditor *editor = find_visit_editor ();
  return editor != NULL && bf_editor_window_get_ready (BF_EDITOR_WINDOW (editor));
}

typedef struct {
  const char *path;
  const char *household_id;
  guint       expected;
} VisitCount;

static guint
count_visits (const char *path, const char *household_id)
{
  g_autoptr(BfStore) store = bf_ui_open_store (path);
  g_autoptr(GPtrArray) visits = bf_visit_list_by (store, "household_id", household_id, NULL);
  return visits->len;
}

static gboolean
visits_reached (gpointer data)
{
  VisitCount *count = data;
  return count_visits (count->path, count->household_id) >= count->expected;
}

static gboolean
editor_closed (gpointer data)
{
  return find_visit_editor () == NULL;
}

static gboolean
text_shows (gpointer data)
{
  const char **what = data;
  g_autofree char *text = bf_ui_collect_text (GTK_WIDGET (what[0]));
  return strstr (text, what[1]) != NULL;
}

static void
test_visit_through_ui (void)
{
  g_autofree char *path = bf_ui_copy_store (demo_path, "visit.db");
  BfWindow *window = bf_ui_open (path, 1280, 800);
  g_autofree char *household_id = g_strdup (open_first_household (window));
  guint before = count_visits (path, household_id);
  VisitCount expect = { path, household_id, before + 1 };
  BfVisitEditor *editor;
  GtkWidget *description;
  const char *note = "送去春耕化肥，讲解小额信贷政策";
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  gboolean logged = FALSE;
  const char *shows[2];

  /* Ctrl+N's action, as the header button and the shortcut activate it. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-visit", NULL);
  g_assert_true (bf_ui_wait (editor_open_and_ready, NULL, 10000));
  editor = find_visit_editor ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bf_ui_find_named (GTK_WIDGET (editor), "kind-0")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bf_ui_find_named (GTK_WIDGET (editor), "kind-1")), TRUE);
  description = bf_ui_find_named (GTK_WIDGET (editor), "description");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (description)), note, -1);
  gtk_editable_set_text (GTK_EDITABLE (bf_ui_find_named (GTK_WIDGET (editor), "amount")), "200");
  /* Ctrl+S */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (bf_ui_wait (visits_reached, &expect, 10000));
  g_assert_true (bf_ui_wait (editor_closed, NULL, 10000));

  /* In the store and in the change log, waiting to be sent. */
  store = bf_ui_open_store (path);
  outbox = bf_sync_outbox (store, 1000, NULL);
  g_assert_nonnull (outbox);
  for (guint i = 0; i < outbox->changes->len; i++)
    {
      const BfChange *change = g_ptr_array_index (outbox->changes, i);
      const BfFieldChange *field = bf_change_get_field (change, "description");

      if (change->entity == BF_ENTITY_VISIT && field != NULL && g_strcmp0 (field->value, note) == 0)
        logged = TRUE;
    }
  g_assert_true (logged);
  /* …and on the page at once. */
  shows[0] = (const char *) bf_household_page_get_visits_box (bf_window_get_household_page (window));
  shows[1] = note;
  g_assert_true (bf_ui_wait (text_shows, shows, 10000));
  bf_ui_close (window);
}

typedef struct {
  const char *path;
  const char *household_id;
  const char *field;
  const char *value;
} FieldIs;

static gboolean
field_is (gpointer data)
{
  FieldIs *want = data;
  g_autoptr(BfStore) store = bf_ui_open_store (want->path);
  g_autoptr(BfHousehold) household = bf_household_get (store, want->household_id, NULL);
  const BfFieldDef *def = bf_entity_field (bf_entity_def (BF_ENTITY_HOUSEHOLD), want->field);
  g_autofree char *text = household ? bf_record_get_text (def, household) : NULL;

  return g_strcmp0 (text, want->value) == 0;
}

static gboolean
field_error_shows (gpointer data)
{
  gpointer *args = data;
  return bf_household_card_get_field_error (args[0], args[1]) != NULL;
}

static gboolean
field_error_gone (gpointer data)
{
  gpointer *args = data;
  return bf_household_card_get_field_error (args[0], args[1]) == NULL;
}

static void
type_into (BfHouseholdCard *card, const char *field, const char *text)
{
  GtkWidget *row = bf_household_card_get_field_row (card, field);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_card_edit_and_validation (void)
{
  g_autofree char *path = bf_ui_copy_store (demo_path, "card.db");
  BfWindow *window = bf_ui_open (path, 1280, 800);
  g_autofree char *household_id = g_strdup (open_first_household (window));
  BfHouseholdCard *card = bf_household_page_get_card (bf_window_get_household_page (window));
  gpointer args[] = { card, (gpointer) "phone" };
  FieldIs good = { path, household_id, "phone", "13800138000" };
  const char *error;
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfHousehold) before = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  gboolean logged = FALSE;

  store = bf_ui_open_store (path);
  before = bf_household_get (store, household_id, NULL);

  /* A wrong number is refused next to the field, in Chinese, and nothing is written. */
  type_into (card, "phone", "12345");
  g_assert_true (bf_ui_wait (field_error_shows, args, 5000));
  error = bf_household_card_get_field_error (card, "phone");
  g_assert_true (g_utf8_validate (error, -1, NULL));
  g_assert_nonnull (g_utf8_strchr (error, -1, 0x53F7));   /* 号, as in 号码 */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bf_household_card_get_field_row (card, "phone"))),
                   ==, "12345");
  {
    g_autoptr(BfHousehold) now = bf_household_get (store, household_id, NULL);
    g_assert_cmpstr (now->phone, ==, before->phone);
  }

  /* An empty head of household is the store's refusal, shown the same way. */
  type_into (card, "head_name", "   ");
  args[1] = (gpointer) "head_name";
  g_assert_true (bf_ui_wait (field_error_shows, args, 5000));

  /* A right number is saved through a store job and logged for the district. */
  type_into (card, "phone", "138 0013 8000");
  args[1] = (gpointer) "phone";
  g_assert_true (bf_ui_wait (field_is, &good, 10000));
  g_assert_true (bf_ui_wait (field_error_gone, args, 5000));
  outbox = bf_sync_outbox (store, 1000, NULL);
  for (guint i = 0; i < outbox->changes->len; i++)
    {
      const BfChange *change = g_ptr_array_index (outbox->changes, i);
      const BfFieldChange *field = bf_change_get_field (change, "phone");
      if (change->entity == BF_ENTITY_HOUSEHOLD && g_strcmp0 (change->row_id, household_id) == 0 &&
          field != NULL && g_strcmp0 (field->value, "13800138000") == 0)
        logged = TRUE;
    }
  g_assert_true (logged);
  bf_ui_close (window);
}

static gboolean
refused_row_shows (gpointer data)
{
  BfWindow *window = data;
  GtkListBox *list = bf_sync_status_get_refused_list (bf_window_get_sync_status (window));
  return bf_ui_find_type (GTK_WIDGET (list), BF_TYPE_REFUSED_ROW) != NULL;
}

static gboolean
refused_count_zero (gpointer data)
{
  BfWindow *window = data;
  return bf_sync_controller_get_refused (bf_window_get_sync_controller (window)) == 0 &&
         !refused_row_shows (window);
}

static gboolean
controller_ready (gpointer data)
{
  return bf_sync_controller_get_ready (bf_window_get_sync_controller (data));
}

static void
test_refused_change (void)
{
  g_autofree char *path = bf_ui_copy_store (demo_path, "refused.db");
  BfWindow *window = bf_ui_open (path, 1280, 800);
  g_autofree char *household_id = g_strdup (open_first_household (window));
  BfHouseholdCard *card = bf_household_page_get_card (bf_window_get_household_page (window));
  FieldIs saved = { path, household_id, "address", "石角镇新村二巷8号" };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPushResponse) response = bf_push_response_new ();
  g_autoptr(GError) error = NULL;
  const char *reason = _("This record is outside your area");
  BfRefusedRow *row;
  gint64 pending;

  g_assert_true (bf_ui_wait (controller_ready, window, 10000));
  type_into (card, "address", saved.value);
  g_assert_true (bf_ui_wait (field_is, &saved, 10000));

  /* The server refuses every change of this push, the way the engine records it. */
  store = bf_ui_open_store (path);
  outbox = bf_sync_outbox (store, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->changes->len, >, 0);
  for (guint i = 0; i < outbox->changes->len; i++)
    {
      const BfChange *change = g_ptr_array_index (outbox->changes, i);
      BfPushResult *result = g_new0 (BfPushResult, 1);

      result->device_id = g_strdup (bf_store_device_id (store));
      result->seq = change->seq;
      result->status = BF_PUSH_REJECTED;
      result->reason = g_strdup (reason);
      g_ptr_array_add (response->results, result);
    }
  g_assert_true (bf_sync_take_push_response (store, response, &error));
  g_assert_no_error (error);
  /* What a sync tells every view. */
  bf_app_database_notify_changed (bf_window_get_database (window), NULL);
  g_assert_true (bf_ui_wait (refused_row_shows, window, 10000));
  row = BF_REFUSED_ROW (bf_ui_find_type (GTK_WIDGET (bf_sync_status_get_refused_list (bf_window_get_sync_status (window))),
                                         BF_TYPE_REFUSED_ROW));
  g_assert_cmpstr (bf_refused_row_get_reason (row), ==, reason);
  g_assert_cmpint (bf_sync_controller_get_refused (bf_window_get_sync_controller (window)), ==,
                   outbox->changes->len);

  /* Fixed (here: nothing to fix) and sent again: a new pending change, none refused. */
  pending = bf_sync_count_pending (store, NULL);
  for (guint i = 0; i < outbox->changes->len; i++)
    {
      GtkListBox *list = bf_sync_status_get_refused_list (bf_window_get_sync_status (window));
      GtkWidget *next = bf_ui_find_type (GTK_WIDGET (list), BF_TYPE_REFUSED_ROW);
      if (next == NULL)
        break;
      g_signal_emit_by_name (next, "resend", bf_refused_row_get_seq (BF_REFUSED_ROW (next)));
      bf_ui_wait (refused_count_zero, window, 500);
    }
  g_assert_true (bf_ui_wait (refused_count_zero, window, 10000));
  g_assert_cmpint (bf_sync_count_rejected (store, NULL), ==, 0);
  g_assert_cmpint (bf_sync_count_pending (store, NULL), >, pending);
  bf_ui_close (window);
}

int
main (int argc, char **argv)
{
  GDate today;
  int status;

  bf_ui_init (&argc, &argv);
  bf_today (&today);
  year = g_date_get_year (&today);
  demo_path = bf_ui_demo_store ("demo.db", year);

  g_test_add_func ("/ui/app/starts-on-demo", test_starts_on_demo);
  g_test_add_func ("/ui/app/search-pinyin", test_search_pinyin);
  g_test_add_func ("/ui/app/filters", test_filters);
  g_test_add_func ("/ui/app/visit-through-ui", test_visit_through_ui);
  g_test_add_func ("/ui/app/card-edit-and-validation", test_card_edit_and_validation);
  g_test_add_func ("/ui/app/refused-change", test_refused_change);
  status = g_test_run ();
  g_free (demo_path);
  bf_ui_cleanup ();
  return status;
}
