/* bf-application.c: command line, settings, the window, app-wide actions. */
#include "bf-config.h"
#include "bf-application.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bf-app-resources.h"
#include "bf-window.h"

#define APP_ID "org.bangfu.Bangfu"

struct _BfApplication {
  AdwApplication parent_instance;
  char          *db_path;
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (BfApplication, bf_application, ADW_TYPE_APPLICATION)

void
bf_application_setup_i18n (const char *localedir)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

BfApplication *
bf_application_new (void)
{
  return g_object_new (BF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/bangfu/Bangfu",
                       /* Several ledgers (a clerk with several villages) may be open at once. */
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

const char *
bf_application_get_db_path (BfApplication *self)
{
  return self->db_path;
}

void
bf_application_set_db_path (BfApplication *self, const char *path)
{
  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

static int
bf_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  BfApplication *self = BF_APPLICATION (application);
  g_autofree char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    bf_application_set_db_path (self, db);
  return -1;
}

static void
bf_application_activate (GApplication *application)
{
  BfApplication *self = BF_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *dir = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->db_path == NULL)
    {
      dir = g_build_filename (g_get_user_data_dir (), "bangfu", NULL);
      g_mkdir_with_parents (dir, 0700);
      self->db_path = g_build_filename (dir, "ledger.db", NULL);
    }
  window = GTK_WINDOW (bf_window_new (GTK_APPLICATION (application), self->settings));
  bf_window_open (BF_WINDOW (window), self->db_path);
  gtk_window_present (window);
}

static void
about (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { _("The Bangfu developers"), NULL };
  GtkWidget *dialog = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                gtk_application_get_active_window (application));
  g_object_set (dialog,
                "application-name", _("Bangfu"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "comments", _("The poverty alleviation ledger of Qingcheng district"),
                "developers", developers,
                "license-type", GTK_LICENSE_GPL_3_0,
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *application = user_data;
  GList *windows = gtk_application_get_windows (application);

  /* Closing the windows lets each save its size and stop its store thread. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_application_quit (G_APPLICATION (application));
}

static const GActionEntry app_entries[] = {
  { "about", about },
  { "quit", quit },
};

static void
bf_application_startup (GApplication *application)
{
  BfApplication *self = BF_APPLICATION (application);

  G_APPLICATION_CLASS (bf_application_parent_class)->startup (application);
  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         (const char *[]) { "<Primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.new-visit",
                                         (const char *[]) { "<Primary>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.search",
                                         (const char *[]) { "<Primary>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.sync-now",
                                         (const char *[]) { "<Primary>r", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.back",
                                         (const char *[]) { "<Alt>Left", NULL });
}

static void
bf_application_finalize (GObject *object)
{
  BfApplication *self = BF_APPLICATION (object);

  g_free (self->db_path);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (bf_application_parent_class)->finalize (object);
}

static void
bf_application_class_init (BfApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = bf_application_finalize;
  app_class->handle_local_options = bf_application_handle_local_options;
  app_class->startup = bf_application_startup;
  app_class->activate = bf_application_activate;

  /* The resource lives in a static library: naming it keeps the linker from dropping it. */
  (void) bf_app_get_resource ();
}

static void
bf_application_init (BfApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The ledger to open"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
