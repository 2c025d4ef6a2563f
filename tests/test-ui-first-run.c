/* test-ui-first-run.c: a new device's first run against a real server — the in-process
 * district server of the sync client's tests (sync-client-fixture.c, the real engine behind
 * HTTP on 127.0.0.1). A wrong password is refused on the page in Chinese; the right one signs
 * in, the first sync reports its progress, and the households show. */
#include "bf-config.h"

#include <glib/gi18n.h>

#include "bf-household-list-model.h"
#include "sync-client-fixture.h"
#include "ui-app-fixture.h"

typedef struct {
  BfWindow *window;
  guint     progress;
} Watch;

static void
on_progress (BfSyncController *controller, BfSyncPhase phase, gint64 done, gint64 total,
             Watch *watch)
{
  watch->progress++;
}

static gboolean
error_shows (gpointer data)
{
  GtkWidget *label = bf_ui_find_named (data, "error");
  return gtk_widget_get_visible (label) && *gtk_label_get_text (GTK_LABEL (label)) != '\0';
}

static gboolean
households_show (gpointer data)
{
  BfWindow *window = data;
  BfHouseholdList *list = bf_window_get_household_list (window);

  return g_strcmp0 (bf_window_get_view (window), "main") == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (bf_household_list_get_model (list))) > 0;
}

static gboolean
synced_and_idle (gpointer data)
{
  return bf_sync_controller_get_state (data) == BF_SYNC_STATE_SYNCED &&
         !bf_sync_controller_get_busy (data);
}

static void
fill (GtkWidget *page, const char *url, const char *user, const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (bf_ui_find_named (page, "url")), url);
  gtk_editable_set_text (GTK_EDITABLE (bf_ui_find_named (page, "user")), user);
  gtk_editable_set_text (GTK_EDITABLE (bf_ui_find_named (page, "password")), password);
  gtk_widget_activate (bf_ui_find_named (page, "connect"));
}

static void
test_sign_in_and_first_sync (void)
{
  Fixture f = { NULL };
  g_autofree char *path = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("org.bangfu.Bangfu");
  g_autofree char *saved_url = NULL;
  g_autofree char *saved_user = NULL;
  BfWindow *window;
  GtkWidget *page;
  Watch watch = { NULL };
  const char *error;

  fixture_set_up (&f, NULL);
  path = g_build_filename (f.dir, "app.db", NULL);
  window = bf_ui_open (path, 1280, 800);
  watch.window = window;
  g_assert_cmpstr (bf_window_get_view (window), ==, "first-run");
  g_signal_connect (bf_window_get_sync_controller (window), "progress", G_CALLBACK (on_progress),
                    &watch);
  page = GTK_WIDGET (bf_window_get_first_run (window));

  /* A wrong password: the server's refusal, in Chinese, on the page; still the first run. */
  fill (page, f.url, "li", "wrong");
  g_assert_true (bf_ui_wait (error_shows, page, 20000));
  error = gtk_label_get_text (GTK_LABEL (bf_ui_find_named (page, "error")));
  /* The client's words are ours, in Chinese; what follows the colon is the server's. */
  g_test_message ("refusal shown: %s", error);
  g_assert_nonnull (strstr (error, "服务器"));
  g_assert_cmpstr (bf_window_get_view (window), ==, "first-run");

  /* The right one: signed in, the first sync with its progress, then the households. */
  fill (page, f.url, "li", "secret");
  if (!bf_ui_wait (households_show, window, 30000))
    {
      BfSyncController *c = bf_window_get_sync_controller (window);
      g_error ("no households: view %s, page says “%s”, sync state %d, error %s, list %u",
               bf_window_get_view (window),
               gtk_label_get_text (GTK_LABEL (bf_ui_find_named (page, "error"))),
               bf_sync_controller_get_state (c), bf_sync_controller_get_last_error (c),
               g_list_model_get_n_items (G_LIST_MODEL (bf_household_list_get_model (bf_window_get_household_list (window)))));
    }
  g_assert_cmpuint (watch.progress, >, 0);
  saved_url = g_settings_get_string (settings, "server-url");
  saved_user = g_settings_get_string (settings, "last-user");
  g_assert_cmpstr (saved_url, ==, f.url);
  g_assert_cmpstr (saved_user, ==, "li");
  /* After the first sync the device syncs by itself (a second, empty sync may be running). */
  g_assert_true (bf_ui_wait (synced_and_idle, bf_window_get_sync_controller (window), 20000));
  {
    /* "已同步 14:05": the translation's text before its %s. */
    g_autofree char *synced = g_strdup (_("Synced %s"));
    *strstr (synced, "%s") = '\0';
    g_assert_true (g_str_has_prefix (bf_sync_status_get_text (bf_window_get_sync_status (window)),
                                     synced));
  }

  bf_ui_close (window);
  fixture_tear_down (&f, NULL);
}

int
main (int argc, char **argv)
{
  int status;

  /* Nothing between the app and 127.0.0.1. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  bf_ui_init (&argc, &argv);
  g_test_add_func ("/ui/first-run/sign-in-and-first-sync", test_sign_in_and_first_sync);
  status = g_test_run ();
  bf_ui_cleanup ();
  return status;
}
