/* bf-first-run.c: sign in and the first sync, or local data only. */
#include "bf-config.h"
#include "bf-first-run.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _BfFirstRun {
  GtkWidget         parent_instance;
  AdwEntryRow      *url_row;
  AdwEntryRow      *user_row;
  AdwEntryRow      *password_row;
  GtkLabel         *error_label;
  GtkWidget        *progress_box;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GtkWidget        *connect_button;
  GtkWidget        *local_button;

  BfSyncController *controller;
  gulong            progress_handler;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (BfFirstRun, bf_first_run, GTK_TYPE_WIDGET)

enum { SIGNAL_SIGNED_IN, SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

GtkWidget *
bf_first_run_new (void)
{
  return g_object_new (BF_TYPE_FIRST_RUN, NULL);
}

void
bf_first_run_show_error (BfFirstRun *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_working (BfFirstRun *self, gboolean working)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !working);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !working);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !working);
  gtk_widget_set_sensitive (self->connect_button, !working);
  gtk_widget_set_sensitive (self->local_button, !working);
  gtk_widget_set_visible (self->progress_box, working);
}

static void
on_progress (BfSyncController *controller, BfSyncPhase phase, gint64 done, gint64 total,
             BfFirstRun *self)
{
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, done);
  g_autofree char *text = NULL;

  if (phase == BF_SYNC_PHASE_PUSH)
    /* TRANSLATORS: %s is a number of changes */
    text = g_strdup_printf (_("Sending changes: %s"), n);
  else
    /* TRANSLATORS: %s is a number of records */
    text = g_strdup_printf (_("Fetching records: %s"), n);
  gtk_label_set_text (self->progress_label, text);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double) done / total, 0, 1));
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
synced (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfFirstRun) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree BfSyncSummary *summary =
    bf_sync_controller_sync_finish (BF_SYNC_CONTROLLER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_working (self, FALSE);
  if (summary == NULL)
    {
      /* Signed in, but the first sync failed: the data comes with the next one. */
      g_autofree char *message = g_strdup_printf (_("Signed in, but the first sync failed: %s"),
                                                  error->message);
      bf_first_run_show_error (self, message);
      return;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  g_signal_emit (self, signals[SIGNAL_DONE], 0, FALSE);
}

static void
logged_in (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfFirstRun) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bf_sync_controller_login_finish (BF_SYNC_CONTROLLER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_working (self, FALSE);
      bf_first_run_show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0,
                 gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                 gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_label_set_text (self->progress_label, _("Fetching your villages' records…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  bf_sync_controller_sync_async (self->controller, self->cancellable, synced, g_object_ref (self));
}

static void
on_connect_clicked (BfFirstRun *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;

  if (self->controller == NULL || !gtk_widget_get_sensitive (self->connect_button))
    return;
  if (*url == '\0' || *user == '\0' || *password == '\0')
    {
      bf_first_run_show_error (self, _("Enter the server address, your user name and your password."));
      return;
    }
  if (!bf_sync_client_check_url (url, FALSE, &error))
    {
      bf_first_run_show_error (self, error->message);
      return;
    }
  bf_first_run_show_error (self, NULL);
  set_working (self, TRUE);
  gtk_label_set_text (self->progress_label, _("Signing in…"));
  gtk_progress_bar_pulse (self->progress_bar);
  bf_sync_controller_login_async (self->controller, url, user, password, self->cancellable,
                                  logged_in, g_object_ref (self));
}

static void
on_local_clicked (BfFirstRun *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0, TRUE);
}

void
bf_first_run_set_controller (BfFirstRun *self, BfSyncController *controller)
{
  if (self->controller != NULL)
    g_clear_signal_handler (&self->progress_handler, self->controller);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    self->progress_handler = g_signal_connect (controller, "progress", G_CALLBACK (on_progress),
                                               self);
}

void
bf_first_run_set_defaults (BfFirstRun *self, const char *url, const char *user)
{
  if (url != NULL && *url != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (user != NULL && *user != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
}

static void
bf_first_run_dispose (GObject *object)
{
  BfFirstRun *self = BF_FIRST_RUN (object);

  g_cancellable_cancel (self->cancellable);
  bf_first_run_set_controller (self, NULL);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), BF_TYPE_FIRST_RUN);
  {
    GtkWidget *child;

    /* The template's root has no name, so dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (bf_first_run_parent_class)->dispose (object);
}

static void
bf_first_run_class_init (BfFirstRunClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bf_first_run_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-first-run.ui");
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, url_row);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, user_row);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, password_row);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, progress_box);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, connect_button);
  gtk_widget_class_bind_template_child (widget_class, BfFirstRun, local_button);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_local_clicked);

  /* (url, user): the sign-in succeeded; the first sync follows. */
  signals[SIGNAL_SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* (local_only) */
  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
bf_first_run_init (BfFirstRun *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
