/* test-ui-screenshots.c: PNGs of the main screens in Chinese, at 1280×800 and at phone width
 * (360×720), written into the build's tests/ folder for people to look at: the list, a
 * household, the first run, and a sync that failed with a change the server refused. Each
 * screen is also checked for English left over in what it shows. */
#include "bf-config.h"

#include <glib/gi18n.h>

#include "bf-household-list-model.h"
#include "bf-sync.h"
#include "bf-validate.h"
#include "ui-app-fixture.h"

static char *demo_path;

static const struct { int width, height; } sizes[] = { { 1280, 800 }, { 360, 720 } };

static void
save (GtkWidget *widget, const char *screen, int width, int height)
{
  g_autofree char *name = g_strdup_printf ("screenshot-%s-%dx%d.png", screen, width, height);
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), name, NULL);

  bf_ui_settle ();
  bf_ui_save_png (widget, path);
}

/* Words of three or more Latin letters in what the user reads: English left untranslated.
 * Addresses and the like are the data's, not the UI's. */
static void
assert_no_english (GtkWidget *root)
{
  g_autofree char *text = bf_ui_collect_text (root);
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z]{3,}", 0, 0, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "http") != NULL)
        continue;
      if (g_regex_match (word, lines[i], 0, NULL))
        g_error ("English left in the UI: “%s”", lines[i]);
    }
}

static gboolean
page_loaded (gpointer data)
{
  BfHouseholdPage *page = data;
  return bf_household_page_get_title (page) != NULL && !bf_household_page_get_loading (page);
}

static void
show_first_household (BfWindow *window)
{
  BfHouseholdListModel *model = bf_household_list_get_model (bf_window_get_household_list (window));
  g_autoptr(BfHouseholdItem) item = NULL;

  /* One with members, visits and payments: a registered household of the district standard. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (bf_household_item_get_visits (item) >= 2 && bf_household_item_get_category (item) == BF_CATEGORY_KUNNAN)
        break;
    }
  bf_household_list_select_id (bf_window_get_household_list (window), bf_household_item_get_id (item));
  g_assert_true (bf_ui_wait (page_loaded, bf_window_get_household_page (window), 10000));
}

static gboolean
shows_voided (gpointer data)
{
  BfHouseholdPage *page = data;
  g_autofree char *text = bf_ui_collect_text (GTK_WIDGET (bf_household_page_get_visits_box (page)));
  return !bf_household_page_get_loading (page) && strstr (text, "重复录入") != NULL;
}

/* A correction as the accountants make it: the entry stays, struck through, with the reason. */
static void
void_a_visit (BfWindow *window)
{
  BfHouseholdPage *page = bf_window_get_household_page (window);
  const char *id = bf_household_page_get_id (page);
  const char *ids[] = { id, NULL };
  g_autoptr(BfStore) store = bf_ui_open_store (demo_path);
  g_autoptr(GPtrArray) visits = bf_visit_list_by (store, "household_id", id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (visits->len, >, 1);
  bf_store_void (store, BF_ENTITY_VISIT, ((BfVisit *) g_ptr_array_index (visits, 1))->id,
                 "重复录入，以另一条记录为准", NULL, &error);
  g_assert_no_error (error);
  bf_app_database_notify_changed (bf_window_get_database (window), ids);
  g_assert_true (bf_ui_wait (shows_voided, page, 10000));
}

/* The page scrolled to its visits and payments. */
static void
scroll_to_visits (BfWindow *window)
{
  BfHouseholdPage *page = bf_window_get_household_page (window);
  GtkWidget *visits = GTK_WIDGET (bf_household_page_get_visits_box (page));
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (visits, GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (visits, content, &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), at.y - 60);
}

static void
test_households (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int w = sizes[i].width, h = sizes[i].height;
      BfWindow *window = bf_ui_open (demo_path, w, h);

      g_assert_cmpstr (bf_window_get_view (window), ==, "main");
      /* Phone width folds the list and the page into one. */
      g_assert_true (adw_leaflet_get_folded (bf_window_get_leaflet (window)) == (w < 720));
      save (GTK_WIDGET (window), "list", w, h);
      assert_no_english (GTK_WIDGET (window));
      show_first_household (window);
      save (GTK_WIDGET (window), "household", w, h);
      assert_no_english (GTK_WIDGET (window));
      if (i == 0)
        void_a_visit (window);
      scroll_to_visits (window);
      save (GTK_WIDGET (window), "household-visits", w, h);
      assert_no_english (GTK_WIDGET (window));
      bf_ui_close (window);
    }
}

static void
test_first_run (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int w = sizes[i].width, h = sizes[i].height;
      g_autofree char *name = g_strdup_printf ("empty-%d.db", w);
      g_autofree char *path = g_build_filename (bf_ui_tmpdir (), name, NULL);
      BfWindow *window = bf_ui_open (path, w, h);

      g_assert_cmpstr (bf_window_get_view (window), ==, "first-run");
      save (GTK_WIDGET (window), "first-run", w, h);
      assert_no_english (GTK_WIDGET (window));
      bf_ui_close (window);
    }
}

static gboolean
sync_failed (gpointer data)
{
  BfSyncController *controller = bf_window_get_sync_controller (data);
  /* An unreachable server leaves the device offline, with the reason in words. */
  return controller != NULL && bf_sync_controller_get_last_error (controller) != NULL &&
         !bf_sync_controller_get_busy (controller) &&
         bf_sync_controller_get_refused (controller) > 0;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* A device signed in to a server that cannot be reached, with one change it refused. */
static char *
make_failing_store (void)
{
  g_autofree char *path = bf_ui_copy_store (demo_path, "failing.db");
  g_autoptr(BfStore) store = bf_ui_open_store (path);
  g_autoptr(GPtrArray) households = bf_household_list_by (store, NULL, NULL, NULL);
  const BfHousehold *household = g_ptr_array_index (households, 0);
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPushResponse) response = bf_push_response_new ();
  BfPushResult *result = g_new0 (BfPushResult, 1);
  g_autoptr(GError) error = NULL;

  /* Port 9 (discard) on this machine: nothing listens, the connection is refused. */
  bf_store_set_meta (store, "server_url", "http://127.0.0.1:9", &error);
  bf_store_set_meta (store, "token", "0123456789abcdef0123456789abcdef", &error);
  bf_store_set_meta (store, "account", "cadre", &error);
  bf_store_set_meta (store, "account_role", "cadre", &error);
  g_assert_no_error (error);
  bf_household_set (store, household->id, "phone", "13800138000", &error);
  g_assert_no_error (error);
  outbox = bf_sync_outbox (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->changes->len, ==, 1);
  result->device_id = g_strdup (bf_store_device_id (store));
  result->seq = ((BfChange *) g_ptr_array_index (outbox->changes, 0))->seq;
  result->status = BF_PUSH_REJECTED;
  result->reason = g_strdup (_("This record is outside your area"));
  g_ptr_array_add (response->results, result);
  bf_sync_take_push_response (store, response, &error);
  g_assert_no_error (error);
  /* One more edit, not sent yet. */
  bf_household_set (store, household->id, "address", "龙塘镇井岭村委会旁", &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_sync_error (void)
{
  g_autofree char *path = make_failing_store ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int w = sizes[i].width, h = sizes[i].height;
      BfWindow *window = bf_ui_open (path, w, h);
      GtkPopover *popover = bf_sync_status_get_popover (bf_window_get_sync_status (window));

      if (!bf_ui_wait (sync_failed, window, 20000))
        {
          BfSyncController *c = bf_window_get_sync_controller (window);
          g_error ("no failed sync: state %d busy %d refused %" G_GINT64_FORMAT " error %s",
                   bf_sync_controller_get_state (c), bf_sync_controller_get_busy (c),
                   bf_sync_controller_get_refused (c), bf_sync_controller_get_last_error (c));
        }
      g_assert_nonnull (bf_sync_controller_get_last_error (bf_window_get_sync_controller (window)));
      save (GTK_WIDGET (window), "sync-error", w, h);
      /* Kept open while it is captured: a focus change in the window would close it. */
      gtk_popover_set_autohide (popover, FALSE);
      gtk_popover_popup (popover);
      g_assert_true (bf_ui_wait (popover_shown, popover, 5000));
      bf_ui_settle ();
      g_assert_true (popover_shown (popover));
      save (GTK_WIDGET (popover), "sync-popover", w, h);
      gtk_popover_set_autohide (popover, TRUE);
      assert_no_english (GTK_WIDGET (popover));
      gtk_popover_popdown (popover);
      bf_ui_close (window);
    }
}

static gboolean
dashboard_drawn (gpointer data)
{
  g_autofree char *text = bf_ui_collect_text (data);
  /* The headline figures are in: the count of households of the district. */
  return strstr (text, "5270") != NULL || strstr (text, "5,270") != NULL;
}

/* The district clerk's window: 统计 with its charts, and 冲突. */
static void
test_district_desk (void)
{
  g_autofree char *path = bf_ui_copy_store (demo_path, "district.db");

  {
    g_autoptr(BfStore) store = bf_ui_open_store (path);
    g_autoptr(GError) error = NULL;

    bf_store_set_meta (store, "account", "district", &error);
    bf_store_set_meta (store, "account_role", "district", &error);
    g_assert_no_error (error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int w = sizes[i].width, h = sizes[i].height;
      BfWindow *window = bf_ui_open (path, w, h);
      AdwViewStack *stack = bf_window_get_view_stack (window);

      adw_view_stack_set_visible_child_name (stack, "statistics");
      if (!bf_ui_wait (dashboard_drawn, adw_view_stack_get_visible_child (stack), 20000))
        {
          g_autofree char *text = bf_ui_collect_text (adw_view_stack_get_visible_child (stack));
          save (GTK_WIDGET (window), "statistics-failed", w, h);
          g_error ("the dashboard shows no figures: %s", text);
        }
      save (GTK_WIDGET (window), "statistics", w, h);
      assert_no_english (GTK_WIDGET (window));
      adw_view_stack_set_visible_child_name (stack, "conflicts");
      save (GTK_WIDGET (window), "conflicts", w, h);
      assert_no_english (GTK_WIDGET (window));
      bf_ui_close (window);
    }
}

int
main (int argc, char **argv)
{
  GDate today;
  int status;

  bf_ui_init (&argc, &argv);
  bf_today (&today);
  demo_path = bf_ui_demo_store ("demo.db", g_date_get_year (&today));

  g_test_add_func ("/ui/screenshots/households", test_households);
  g_test_add_func ("/ui/screenshots/first-run", test_first_run);
  g_test_add_func ("/ui/screenshots/sync-error", test_sync_error);
  g_test_add_func ("/ui/screenshots/district-desk", test_district_desk);
  status = g_test_run ();
  g_free (demo_path);
  bf_ui_cleanup ();
  return status;
}
