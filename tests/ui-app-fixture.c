/* ui-app-fixture.c: see ui-app-fixture.h. */
#include "bf-config.h"
#include "ui-app-fixture.h"

#include <glib/gstdio.h>

#include "bf-demo.h"
#include "bf-sync.h"

static BfApplication *app;
static char *tmpdir;

void
bf_ui_init (int *argc, char ***argv)
{
  const char *localedir = g_getenv ("BANGFU_LOCALEDIR");
  g_autoptr(GError) error = NULL;

  bf_application_setup_i18n (localedir != NULL ? localedir : LOCALEDIR);
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  /* Screens are captured as they settle, not halfway through a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = bf_application_new ();
  /* Registering runs startup: settings, shortcuts, the style sheet; no main loop is run. */
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);
  g_application_hold (G_APPLICATION (app));
}

BfApplication *
bf_ui_get_app (void)
{
  return app;
}

const char *
bf_ui_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;
      tmpdir = g_dir_make_tmp ("bangfu-ui-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return tmpdir;
}

void
bf_ui_cleanup (void)
{
  GDir *dir;
  const char *name;

  if (tmpdir == NULL)
    return;
  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
}

char *
bf_ui_demo_store (const char *name, int year)
{
  char *path = g_build_filename (bf_ui_tmpdir (), name, NULL);
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  bf_demo_build (store, 20160601, year, &error);
  g_assert_no_error (error);
  /* A device that has sent everything: the hub took the demo's creations, so what is unsent
   * afterwards is what the test did. */
  for (gint64 server_seq = 1;;)
    {
      g_autoptr(BfBatch) batch = bf_sync_outbox (store, 20000, &error);
      g_autoptr(BfPushResponse) response = bf_push_response_new ();

      g_assert_no_error (error);
      if (batch->changes->len == 0)
        break;
      for (guint i = 0; i < batch->changes->len; i++)
        {
          const BfChange *change = g_ptr_array_index (batch->changes, i);
          BfPushResult *result = g_new0 (BfPushResult, 1);

          result->device_id = g_strdup (bf_store_device_id (store));
          result->seq = change->seq;
          result->status = BF_PUSH_ACCEPTED;
          result->server_seq = server_seq++;
          g_ptr_array_add (response->results, result);
        }
      bf_sync_take_push_response (store, response, &error);
      g_assert_no_error (error);
    }
  return path;
}

char *
bf_ui_copy_store (const char *path, const char *name)
{
  char *copy = g_build_filename (bf_ui_tmpdir (), name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;

  /* The store was closed, so its WAL was checkpointed into the main file. */
  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return copy;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
bf_ui_wait (BfUiCondition condition, gpointer data, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  /* The store thread's results arrive as sources; this only keeps the loop from blocking
   * forever when the condition depends on something that never comes. */
  guint waker = g_timeout_add (20, wake, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
  return ok;
}

void
bf_ui_settle (void)
{
  /* Two frames: the layout, then the drawing that follows it. */
  for (int i = 0; i < 3; i++)
    {
      gint64 until = g_get_monotonic_time () + 60 * 1000;
      guint waker = g_timeout_add (10, wake, NULL);

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (waker);
    }
}

static gboolean
window_ready (gpointer data)
{
  BfWindow *window = data;
  const char *view = bf_window_get_view (window);

  if (g_strcmp0 (view, "opening") == 0 || view == NULL)
    return FALSE;
  if (g_strcmp0 (view, "main") != 0)
    return TRUE;
  return bf_household_list_get_loaded (bf_window_get_household_list (window));
}

BfWindow *
bf_ui_open (const char *path, int width, int height)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.bangfu.Bangfu");
  BfWindow *window;

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  window = bf_window_new (GTK_APPLICATION (app), settings);
  bf_window_open (window, path);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (bf_ui_wait (window_ready, window, 60000));
  bf_ui_settle ();
  return window;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
bf_ui_close (BfWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (bf_ui_wait (is_null, &weak, 10000));
}

GtkWidget *
bf_ui_find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bf_ui_find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
bf_ui_find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bf_ui_find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect (GtkWidget *root, GString *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (root)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

char *
bf_ui_collect_text (GtkWidget *root)
{
  GString *out = g_string_new (NULL);
  collect (root, out);
  return g_string_free (out, FALSE);
}

void
bf_ui_save_png (GtkWidget *widget, const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0, height = 0;
  GskRenderer *renderer;

  /* A widget whose layout is pending (a popover whose list just changed) draws nothing until
   * the next frame: give it a few. */
  for (int attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        bf_ui_settle ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width > 0 && height > 0)
        gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s (%d×%d)", path, width, height);
}

BfStore *
bf_ui_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return store;
}
