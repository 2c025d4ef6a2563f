/* bf-editor-window.c: the frame every editing dialog shares.
 *
 * The Save button is named "save" and the store's error label "store-error".
 */
#include "bf-config.h"
#include "bf-editor-window.h"

#include <glib/gi18n-lib.h>

typedef struct {
  BfAppDatabase *database;
  GtkWidget     *save_button;
  GtkWidget     *spinner;
  GtkWidget     *error_label;    /* a store error, above the form */
  GtkWidget     *window_title;
  GtkBox        *form;
  gboolean       ready;
  gboolean       busy;
  gboolean       disposed;       /* closed: a write still coming back only notifies */
} BfEditorWindowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (BfEditorWindow, bf_editor_window, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_DATABASE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

BfAppDatabase *
bf_editor_window_get_database (BfEditorWindow *self)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  g_return_val_if_fail (BF_IS_EDITOR_WINDOW (self), NULL);
  return priv->database;
}

GtkBox *
bf_editor_window_get_form (BfEditorWindow *self)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  g_return_val_if_fail (BF_IS_EDITOR_WINDOW (self), NULL);
  return priv->form;
}

GtkLabel *
bf_editor_window_add_field (BfEditorWindow *self, const char *label, GtkWidget *field,
                            GtkWidget *input)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *error = gtk_label_new (NULL);

  if (input == NULL)
    input = field;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), input);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, error, NULL, -1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), field);
  gtk_box_append (GTK_BOX (box), error);
  gtk_box_append (priv->form, box);
  return GTK_LABEL (error);
}

void
bf_editor_window_set_field_error (GtkLabel *error_label, const char *message)
{
  gboolean show = message != NULL && *message != '\0';

  g_return_if_fail (GTK_IS_LABEL (error_label));
  gtk_label_set_text (error_label, show ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), show);
}

static void
update_save (BfEditorWindow *self, gboolean valid)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && priv->ready && !priv->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (priv->spinner), priv->busy);
  gtk_widget_set_visible (priv->spinner, priv->busy);
}

gboolean
bf_editor_window_revalidate (BfEditorWindow *self)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);
  gboolean valid;

  g_return_val_if_fail (BF_IS_EDITOR_WINDOW (self), FALSE);
  /* Fields are not judged before their data (today, the cadres) has arrived. */
  valid = priv->ready && BF_EDITOR_WINDOW_GET_CLASS (self)->validate (self);
  update_save (self, valid);
  return valid;
}

void
bf_editor_window_set_subtitle (BfEditorWindow *self, const char *subtitle)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  g_return_if_fail (BF_IS_EDITOR_WINDOW (self));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (priv->window_title), subtitle);
}

void
bf_editor_window_set_save_label (BfEditorWindow *self, const char *label, gboolean destructive)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  g_return_if_fail (BF_IS_EDITOR_WINDOW (self));
  gtk_button_set_label (GTK_BUTTON (priv->save_button), label);
  gtk_widget_remove_css_class (priv->save_button, destructive ? "suggested-action"
                                                              : "destructive-action");
  gtk_widget_add_css_class (priv->save_button, destructive ? "destructive-action"
                                                           : "suggested-action");
}

void
bf_editor_window_set_ready (BfEditorWindow *self, gboolean ready)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  g_return_if_fail (BF_IS_EDITOR_WINDOW (self));
  priv->ready = ready;
  bf_editor_window_revalidate (self);
}

gboolean
bf_editor_window_get_ready (BfEditorWindow *self)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  g_return_val_if_fail (BF_IS_EDITOR_WINDOW (self), FALSE);
  return priv->ready;
}

gboolean
bf_editor_window_get_busy (BfEditorWindow *self)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  g_return_val_if_fail (BF_IS_EDITOR_WINDOW (self), FALSE);
  return priv->busy;
}

typedef struct {
  GAsyncReadyCallback callback;
  gpointer            data;
  gboolean            is_write;
} RunData;

static void
run_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *run = g_task_get_task_data (task);

  /* The outer task carries the database's result, so _finish sees one GAsyncResult type. */
  g_task_return_pointer (task, g_object_ref (result), g_object_unref);
  /* The database's result holds the job's data, so it lives through the callback. */
  run->callback (g_task_get_source_object (task), G_ASYNC_RESULT (task), run->data);
}

void
bf_editor_window_run (BfEditorWindow *self, gboolean is_write, BfDatabaseJob job,
                      gpointer data, GDestroyNotify data_free, GAsyncReadyCallback callback)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);
  GTask *task;
  RunData *run;

  g_return_if_fail (BF_IS_EDITOR_WINDOW (self));
  g_return_if_fail (priv->database != NULL);

  run = g_new0 (RunData, 1);
  run->callback = callback;
  run->data = data;
  run->is_write = is_write;
  /* The task keeps the dialog alive until the job is back: a write that finishes after the
   * user closed the dialog still tells the views what changed. */
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, run, g_free);
  if (is_write)
    {
      priv->busy = TRUE;
      bf_editor_window_show_error (self, NULL);
      update_save (self, FALSE);
    }
  bf_app_database_run (priv->database, job, data, data_free, NULL, run_cb, task);
}

gpointer
bf_editor_window_run_finish (BfEditorWindow *self, GAsyncResult *result, GError **error)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);
  RunData *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GAsyncResult) inner = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GError) local_error = NULL;
  gpointer value;

  value = bf_app_database_run_finish (priv->database, inner, &local_error);
  if (run->is_write)
    priv->busy = FALSE;
  if (local_error != NULL)
    {
      bf_editor_window_show_error (self, local_error->message);
      if (error != NULL)
        *error = g_error_copy (local_error);
    }
  bf_editor_window_revalidate (self);
  return value;
}

void
bf_editor_window_show_error (BfEditorWindow *self, const char *message)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);
  gboolean show = message != NULL && *message != '\0';

  g_return_if_fail (BF_IS_EDITOR_WINDOW (self));
  gtk_label_set_text (GTK_LABEL (priv->error_label), show ? message : "");
  gtk_widget_set_visible (priv->error_label, show);
}

void
bf_editor_window_saved (BfEditorWindow *self, const char *record_id, const char *household_id)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);
  const char *ids[2] = { household_id, NULL };

  g_return_if_fail (BF_IS_EDITOR_WINDOW (self));
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, record_id);
  bf_app_database_notify_changed (priv->database, household_id != NULL ? ids : NULL);
  if (!priv->disposed)
    gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  BfEditorWindow *self = BF_EDITOR_WINDOW (widget);
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);

  /* The action may be reached while disabled through a stale shortcut; check again. */
  if (priv->busy || !bf_editor_window_revalidate (self))
    return;
  BF_EDITOR_WINDOW_GET_CLASS (self)->save (self);
}

static void
cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
default_validate (BfEditorWindow *self)
{
  return TRUE;
}

static void
bf_editor_window_get_property (GObject *object, guint prop_id, GValue *value,
                               GParamSpec *pspec)
{
  BfEditorWindowPrivate *priv =
    bf_editor_window_get_instance_private (BF_EDITOR_WINDOW (object));

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, priv->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_editor_window_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  BfEditorWindowPrivate *priv =
    bf_editor_window_get_instance_private (BF_EDITOR_WINDOW (object));

  switch (prop_id)
    {
    case PROP_DATABASE:
      priv->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_editor_window_dispose (GObject *object)
{
  BfEditorWindowPrivate *priv =
    bf_editor_window_get_instance_private (BF_EDITOR_WINDOW (object));

  priv->disposed = TRUE;
  G_OBJECT_CLASS (bf_editor_window_parent_class)->dispose (object);
}

static void
bf_editor_window_finalize (GObject *object)
{
  BfEditorWindowPrivate *priv =
    bf_editor_window_get_instance_private (BF_EDITOR_WINDOW (object));

  /* Kept to the end: a write that returns after the dialog closed still notifies. */
  g_clear_object (&priv->database);
  G_OBJECT_CLASS (bf_editor_window_parent_class)->finalize (object);
}

static void
bf_editor_window_class_init (BfEditorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bf_editor_window_get_property;
  object_class->set_property = bf_editor_window_set_property;
  object_class->dispose = bf_editor_window_dispose;
  object_class->finalize = bf_editor_window_finalize;
  klass->validate = default_validate;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, BF_TYPE_APP_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BfEditorWindow::saved:
   * @record_id: the id of the record written
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
bf_editor_window_init (BfEditorWindow *self)
{
  BfEditorWindowPrivate *priv = bf_editor_window_get_instance_private (self);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), FALSE);

  /* Title and subtitle on two lines: at 360 px "新增走访 · 李石生" on one would be cut off. */
  priv->window_title = adw_window_title_new (NULL, NULL);
  g_object_bind_property (self, "title", priv->window_title, "title", G_BINDING_SYNC_CREATE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), priv->window_title);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "editor.cancel");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  priv->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_name (priv->save_button, "save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->save_button), "editor.save");
  gtk_widget_add_css_class (priv->save_button, "suggested-action");
  gtk_widget_set_tooltip_text (priv->save_button, _("Save (Ctrl+S)"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), priv->save_button);
  priv->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (priv->spinner, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), priv->spinner);

  priv->error_label = gtk_label_new (NULL);
  gtk_widget_set_name (priv->error_label, "store-error");
  gtk_label_set_wrap (GTK_LABEL (priv->error_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (priv->error_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (priv->error_label), 0);
  gtk_label_set_selectable (GTK_LABEL (priv->error_label), TRUE);
  gtk_widget_add_css_class (priv->error_label, "error");
  gtk_widget_set_visible (priv->error_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"), -1);

  priv->form = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_box_append (GTK_BOX (page), priv->error_label);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (priv->form));
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}
