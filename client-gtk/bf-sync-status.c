/* bf-sync-status.c: the sync button in the header and its popover. */
#include "bf-config.h"
#include "bf-sync-status.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bf-refused-row.h"

struct _BfSyncStatus {
  GtkWidget         parent_instance;
  GtkMenuButton    *button;
  GtkPopover       *popover;
  GtkImage         *icon;
  GtkLabel         *label;
  GtkLabel         *badge;
  GtkLabel         *state_label;
  GtkLabel         *detail_label;
  GtkLabel         *error_label;
  GtkProgressBar   *progress_bar;
  GtkWidget        *refused_box;
  GtkListBox       *refused_list;

  BfSyncController *controller;
  gulong            notify_handler;
  gulong            progress_handler;
  gulong            finished_handler;
  gint64            shown_refused;   /* the count the list was read at */
  gboolean          compact;
};

G_DEFINE_FINAL_TYPE (BfSyncStatus, bf_sync_status, GTK_TYPE_WIDGET)

GtkWidget *
bf_sync_status_new (void)
{
  return g_object_new (BF_TYPE_SYNC_STATUS, NULL);
}

static const char *
state_icon (BfSyncController *controller)
{
  if (bf_sync_controller_get_busy (controller))
    return "emblem-synchronizing-symbolic";
  switch (bf_sync_controller_get_state (controller))
    {
    case BF_SYNC_STATE_SYNCED: return "emblem-ok-symbolic";
    case BF_SYNC_STATE_ERROR: return "dialog-warning-symbolic";
    case BF_SYNC_STATE_SYNCING: return "emblem-synchronizing-symbolic";
    case BF_SYNC_STATE_OFFLINE:
    default:
      return "network-offline-symbolic";
    }
}

static void
update (BfSyncStatus *self)
{
  BfSyncController *controller = self->controller;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *badge = NULL;
  const char *error;
  gint64 unsent, refused;

  if (controller == NULL)
    return;
  text = bf_sync_controller_describe (controller);
  unsent = bf_sync_controller_get_unsent (controller);
  refused = bf_sync_controller_get_refused (controller);
  error = bf_sync_controller_get_last_error (controller);

  gtk_image_set_from_icon_name (self->icon, state_icon (controller));
  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->label), !self->compact);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  gtk_label_set_text (self->state_label, text);

  if (unsent > 0)
    badge = g_strdup_printf ("%" G_GINT64_FORMAT, unsent);
  gtk_label_set_text (self->badge, badge ? badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->badge), unsent > 0);
  if (refused > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "bf-refused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "bf-refused");

  {
    /* Counts as text: a format macro cannot sit in a translated string. */
    g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, unsent);
    const char *server = bf_sync_controller_get_server_url (controller);

    if (unsent == 0)
      detail = g_strdup (_("Every change on this device has been sent."));
    else
      /* TRANSLATORS: %s is a number of changes */
      detail = g_strdup_printf (_("Changes not yet sent: %s"), n);
    if (server == NULL)
      {
        g_autofree char *more = g_strdup_printf ("%s\n%s", detail,
                                                 _("This device is not signed in to a server; its data stays here."));
        g_free (detail);
        detail = g_steal_pointer (&more);
      }
    gtk_label_set_text (self->detail_label, detail);
  }
  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  /* The last failure stays in view until a sync succeeds (offline is a failure too). */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL &&
                          bf_sync_controller_get_state (controller) != BF_SYNC_STATE_SYNCED);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), bf_sync_controller_get_busy (controller));
  if (refused != self->shown_refused)
    bf_sync_status_reload_refused (self);
}

static void
on_resend_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfSyncStatus) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bf_sync_controller_resend_finish (BF_SYNC_CONTROLLER (source), result, &error))
    {
      if (self->error_label == NULL)
        return;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (self->controller == NULL)
    return;
  bf_sync_status_reload_refused (self);
  /* The resent change goes out with the next sync; start it if there is a server. */
  if (bf_sync_controller_get_server_url (self->controller) != NULL)
    bf_sync_controller_sync_now (self->controller);
}

static void
on_resend (BfRefusedRow *row, gint64 seq, BfSyncStatus *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
  bf_sync_controller_resend_async (self->controller, seq, on_resend_done, g_object_ref (self));
}

static void
refused_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfSyncStatus) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = bf_sync_controller_list_refused_finish (BF_SYNC_CONTROLLER (source),
                                                                       result, &error);
  GtkWidget *child;

  if (self->refused_list == NULL)   /* disposed while the list was read */
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->refused_list))) != NULL)
    gtk_list_box_remove (self->refused_list, child);
  if (list == NULL)
    {
      g_warning ("Could not list refused changes: %s", error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = bf_refused_row_new (g_ptr_array_index (list, i));
      g_signal_connect (row, "resend", G_CALLBACK (on_resend), self);
      gtk_list_box_append (self->refused_list, row);
    }
  self->shown_refused = list->len;
  gtk_widget_set_visible (self->refused_box, list->len > 0);
}

void
bf_sync_status_reload_refused (BfSyncStatus *self)
{
  g_return_if_fail (BF_IS_SYNC_STATUS (self));
  if (self->controller == NULL)
    return;
  bf_sync_controller_list_refused_async (self->controller, refused_listed, g_object_ref (self));
}

static void
on_progress (BfSyncController *controller, BfSyncPhase phase, gint64 done, gint64 total,
             BfSyncStatus *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double) done / total, 0, 1));
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
on_finished (BfSyncController *controller, BfSyncStatus *self)
{
  bf_sync_status_reload_refused (self);
}

void
bf_sync_status_set_controller (BfSyncStatus *self, BfSyncController *controller)
{
  g_return_if_fail (BF_IS_SYNC_STATUS (self));

  if (self->controller != NULL)
    {
      g_clear_signal_handler (&self->notify_handler, self->controller);
      g_clear_signal_handler (&self->progress_handler, self->controller);
      g_clear_signal_handler (&self->finished_handler, self->controller);
    }
  g_set_object (&self->controller, controller);
  if (controller == NULL)
    return;
  self->notify_handler = g_signal_connect_swapped (controller, "notify", G_CALLBACK (update), self);
  self->progress_handler = g_signal_connect (controller, "progress", G_CALLBACK (on_progress), self);
  self->finished_handler = g_signal_connect (controller, "sync-finished", G_CALLBACK (on_finished),
                                             self);
  self->shown_refused = -1;
  update (self);
}

void
bf_sync_status_set_compact (BfSyncStatus *self, gboolean compact)
{
  self->compact = compact;
  update (self);
}

GtkPopover *bf_sync_status_get_popover (BfSyncStatus *self) { return self->popover; }
GtkListBox *bf_sync_status_get_refused_list (BfSyncStatus *self) { return self->refused_list; }
const char *bf_sync_status_get_text (BfSyncStatus *self) { return gtk_label_get_text (self->label); }

static void
bf_sync_status_dispose (GObject *object)
{
  BfSyncStatus *self = BF_SYNC_STATUS (object);

  bf_sync_status_set_controller (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), BF_TYPE_SYNC_STATUS);
  {
    GtkWidget *child;

    /* The template's root has no name, so dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (bf_sync_status_parent_class)->dispose (object);
}

static void
bf_sync_status_class_init (BfSyncStatusClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bf_sync_status_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, popover);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, label);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, badge);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, state_label);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, detail_label);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, refused_box);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, refused_list);
}

static void
bf_sync_status_init (BfSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_refused = -1;
}
