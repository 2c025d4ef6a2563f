/* ui-editors-fixture.c: the demo store, SQL peeks and UI helpers for test-ui-editors.c. */
#include "bf-config.h"
#include "ui-editors-fixture.h"

#include <glib/gstdio.h>

#include "bf-demo.h"

UiFixture fx;

/* ---- Waiting ---- */

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
ui_wait (gboolean (*condition) (gpointer data), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  /* Wakes the blocking iteration so the deadline is checked even when nothing happens. */
  guint ticker = g_timeout_add (20, tick, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);
}

typedef struct {
  gboolean done;
  gpointer result;
  GError  *error;
} JobWait;

static gboolean
job_done (gpointer data)
{
  return ((JobWait *) data)->done;
}

static void
job_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JobWait *wait = user_data;

  wait->result = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &wait->error);
  wait->done = TRUE;
}

gpointer
ui_run_job (BfDatabaseJob job, gpointer data)
{
  JobWait wait = { FALSE, NULL, NULL };

  bf_app_database_run (fx.database, job, data, NULL, NULL, job_cb, &wait);
  ui_wait (job_done, &wait, "a store job");
  g_assert_no_error (wait.error);
  return wait.result;
}

static gpointer
pin_today_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  GDate today;

  g_date_set_dmy (&today, 20, G_DATE_DECEMBER, 2016);
  bf_store_set_today (store, &today);
  return GINT_TO_POINTER (TRUE);
}

static gpointer
set_meta_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  char **pair = data;

  return bf_store_set_meta (store, pair[0], pair[1] != NULL ? pair[1] : "", error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

void
ui_set_meta (const char *key, const char *value)
{
  const char *pair[2] = { key, value };

  ui_run_job (set_meta_job, pair);
}

static gboolean
editor_ready (gpointer data)
{
  return bf_editor_window_get_ready (data) && !bf_editor_window_get_busy (data);
}

void
ui_wait_ready (BfEditorWindow *editor)
{
  ui_wait (editor_ready, editor, "the dialog's data");
}

/* ---- Setup ---- */

static void
open_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  fx.database = bf_app_database_open_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
database_open (gpointer data)
{
  return fx.database != NULL;
}

static void
households_changed (BfAppDatabase *database, const char *const *ids, gpointer data)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (fx.changed, g_strdup (ids[i]));
}

void
ui_fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) store = NULL;

  fx.dir = g_dir_make_tmp ("bangfu-ui-editors-XXXXXX", &error);
  g_assert_no_error (error);
  fx.path = g_build_filename (fx.dir, "demo.db", NULL);
  store = bf_store_open (fx.path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (bf_demo_build (store, 1, 2016, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, bf_store_free);

  g_assert_cmpint (sqlite3_open_v2 (fx.path, &fx.db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  fx.cadre_id = ui_sql_text ("SELECT p.cadre_id FROM pairings p JOIN cadres c ON c.id = p.cadre_id"
                             " WHERE p.to_date IS NULL AND p.deleted = 0 AND c.role = 'pairing'"
                             " GROUP BY p.cadre_id ORDER BY count(*) DESC, p.cadre_id LIMIT 1",
                             NULL);
  g_assert_nonnull (fx.cadre_id);
  fx.changed = g_ptr_array_new_with_free_func (g_free);

  bf_app_database_open_async (fx.path, NULL, open_cb, NULL);
  ui_wait (database_open, NULL, "the store to open");
  g_signal_connect (fx.database, "households-changed", G_CALLBACK (households_changed), NULL);
  ui_run_job (pin_today_job, NULL);
  ui_set_meta ("cadre_id", fx.cadre_id);
}

void
ui_fixture_teardown (void)
{
  g_autofree char *wal = g_strconcat (fx.path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fx.path, "-shm", NULL);

  sqlite3_close (fx.db);
  g_clear_object (&fx.database);   /* joins the store thread, closing the store */
  g_ptr_array_unref (fx.changed);
  g_unlink (fx.path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fx.dir);
  g_free (fx.path);
  g_free (fx.dir);
  g_free (fx.cadre_id);
}

/* ---- Finding widgets and pressing keys ---- */

GtkWidget *
ui_find (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_find_error_of (GtkWidget *field)
{
  /* add_field: a box of the title, the field (or a box holding it), the error label. */
  for (GtkWidget *box = field; box != NULL; box = gtk_widget_get_parent (box))
    {
      GtkWidget *last = gtk_widget_get_last_child (box);
      if (GTK_IS_LABEL (last) && gtk_widget_has_css_class (last, "error") &&
          GTK_IS_LABEL (gtk_widget_get_first_child (box)))
        return last;
    }
  g_error ("no error label for %s", gtk_widget_get_name (field));
  return NULL;
}

gboolean
ui_press_key (GtkWidget *window, guint keyval, GdkModifierType modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  g_autoptr(GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, window,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_error ("the window has no shortcut for key %s", gdk_keyval_name (keyval));
  return FALSE;
}

gboolean
ui_press_ctrl_s (GtkWidget *window)
{
  return ui_press_key (window, GDK_KEY_s, GDK_CONTROL_MASK);
}

typedef struct {
  BfEditorWindow *editor;
  char           *saved_id;
  gboolean        failed;
} SaveWait;

static void
saved_cb (BfEditorWindow *editor, const char *id, SaveWait *wait)
{
  wait->saved_id = g_strdup (id);
}

static gboolean
save_finished (gpointer data)
{
  SaveWait *wait = data;
  GtkWidget *error;

  if (wait->saved_id != NULL)
    return TRUE;
  error = ui_find (GTK_WIDGET (wait->editor), "store-error");
  return !bf_editor_window_get_busy (wait->editor) && gtk_widget_get_visible (error);
}

char *
ui_save_and_wait (BfEditorWindow *editor, gboolean expect_error)
{
  SaveWait wait = { editor, NULL, FALSE };
  gulong handler = g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &wait);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &wait.editor);
  g_assert_true (ui_press_ctrl_s (GTK_WIDGET (editor)));
  g_assert_true (bf_editor_window_get_busy (editor));
  ui_wait (save_finished, &wait, "the write");
  if (expect_error)
    {
      g_assert_null (wait.saved_id);
      g_assert_nonnull (wait.editor);   /* the dialog stays open with the input */
      g_signal_handler_disconnect (editor, handler);
      g_object_remove_weak_pointer (G_OBJECT (editor), (gpointer *) &wait.editor);
      return NULL;
    }
  g_assert_nonnull (wait.saved_id);
  /* Saved dialogs close and are freed: nothing keeps a reference. */
  while (wait.editor != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (wait.editor);
  return wait.saved_id;
}

/* ---- SQL ---- */

static sqlite3_stmt *
prepare (const char *sql, va_list args)
{
  sqlite3_stmt *stmt = NULL;
  const char *value;
  int index = 1;

  if (sqlite3_prepare_v2 (fx.db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (fx.db));
  while ((value = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, index++, value, -1, SQLITE_TRANSIENT);
  return stmt;
}

char *
ui_sql_text (const char *sql, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  char *text = NULL;

  va_start (args, sql);
  stmt = prepare (sql, args);
  va_end (args);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

gint64
ui_sql_int (const char *sql, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  va_start (args, sql);
  stmt = prepare (sql, args);
  va_end (args);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

GPtrArray *
ui_sql_column (const char *sql, ...)
{
  va_list args;
  sqlite3_stmt *stmt;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  va_start (args, sql);
  stmt = prepare (sql, args);
  va_end (args);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return rows;
}

gboolean
ui_is_chinese (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0x4E00 && c <= 0x9FFF)
        return TRUE;
    }
  return FALSE;
}

/* ---- Screenshots ---- */

typedef struct {
  GtkWidget *window;
  int        width, height;
  int        frames;
  gint64     give_up;
} FrameWait;

static gboolean
count_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ((FrameWait *) data)->frames++;
  return G_SOURCE_CONTINUE;
}

/* Drawn a few times at the size asked for (or as near as the dialog's minimum allows). */
static gboolean
painted (gpointer data)
{
  FrameWait *wait = data;
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (wait->window));
  gboolean sized = gtk_widget_get_width (content) == wait->width &&
                   gtk_widget_get_height (content) == wait->height;

  if (!sized && g_get_monotonic_time () < wait->give_up)
    {
      wait->frames = 0;
      return FALSE;
    }
  return wait->frames >= 3;
}

void
ui_screenshot (GtkWidget *window, int width, int height, const char *name)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (window));
  FrameWait wait = { window, width, height, 0, g_get_monotonic_time () + 2 * G_USEC_PER_SEC };
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", file, NULL);
  guint tick_id;
  int w, h;

  /* A shown window keeps its size, so it is shown again at the new one. The content is asked
   * for exactly that size: a dialog that cannot be that narrow comes out wider, and the PNG
   * shows it. */
  gtk_widget_set_visible (window, FALSE);
  gtk_widget_set_size_request (content, width, height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  tick_id = gtk_widget_add_tick_callback (content, count_frame, &wait, NULL);
  ui_wait (painted, &wait, "frames to be drawn");
  gtk_widget_remove_tick_callback (content, tick_id);

  w = gtk_widget_get_width (content);
  h = gtk_widget_get_height (content);
  paintable = gtk_widget_paintable_new (content);
  snapshot = gtk_snapshot_new ();
  /* A white page under the content, as the window's background would be. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  gtk_widget_set_size_request (content, -1, -1);
  g_test_message ("screenshot %s: window %d×%d, content %d×%d", path,
                  gtk_widget_get_width (window), gtk_widget_get_height (window), w, h);
}
