/* bf-lock-dialog.c: locks and corrections, read and written in store jobs.
 *
 * Named for tests: "year", "lock", "lock-state", "lock-error", "corrections", "locks".
 */
#include "bf-config.h"
#include "bf-lock-dialog.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bf-conflict-row.h"
#include "bf-format.h"
#include "bf-hlc.h"
#include "bf-labels.h"
#include "bf-schema.h"
#include "bf-year-lock.h"

struct _BfLockDialog {
  AdwWindow      parent_instance;
  BfAppDatabase *database;
  guint          jobs;
  guint          loads;        /* loads sent and not back; only the last is shown */
  gboolean       locked;
  guint          n_corrections;

  GtkWidget     *year;
  GtkWidget     *spinner;
  GtkWidget     *lock;
  GtkWidget     *state;
  GtkWidget     *error;
  GtkWidget     *corrections_heading;
  GtkWidget     *corrections;
  GtkWidget     *locks;
};

G_DEFINE_FINAL_TYPE (BfLockDialog, bf_lock_dialog, ADW_TYPE_WINDOW)

static int
chosen_year (BfLockDialog *self)
{
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year));
}

static void
update_busy (BfLockDialog *self)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->jobs > 0);
  gtk_widget_set_sensitive (self->lock, self->jobs == 0 && !self->locked);
}

static void
show_error (BfLockDialog *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->error), message != NULL ? message : "");
  gtk_widget_set_visible (self->error, message != NULL);
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

/* "2016年12月20日 14:03" in the district's time zone. */
static char *
time_text (gint64 ms)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc != NULL && zone != NULL ? g_date_time_to_timezone (utc, zone)
                                                           : NULL;
  g_autofree char *iso = NULL;
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;

  if (local == NULL)
    return g_strdup ("?");
  iso = g_date_time_format (local, "%Y-%m-%d");
  date = bf_format_iso_date_zh (iso);
  clock = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s %s", date != NULL ? date : iso, clock);
}

/* ---- Reading: the locks, and the chosen year's corrections ---- */

typedef struct {
  BfLockDialog *self;        /* the callback frees the load: it reads it after the job */
  int        year;
  GPtrArray *locks;          /* BfYearLock* */
  GPtrArray *corrections;    /* BfCorrection*, NULL when the year is not locked */
  GPtrArray *texts;          /* each correction's fields in words, read in the job */
} Load;

static void
load_free (gpointer pointer)
{
  Load *load = pointer;

  g_clear_pointer (&load->locks, g_ptr_array_unref);
  g_clear_pointer (&load->corrections, g_ptr_array_unref);
  g_clear_pointer (&load->texts, g_ptr_array_unref);
  g_clear_object (&load->self);
  g_free (load);
}

/* A correction's fields as "字段：值；…", in the reviewer's words. */
/* A reference in words: the household's head, the cadre's name; NULL for a record that has
 * no name (a voided visit), which is then left out. */
static char *
reference_name (BfStore *store, const BfFieldDef *field, const char *id)
{
  gpointer record = bf_store_get (store, field->ref, id, NULL);
  const BfEntityDef *def = bf_entity_def (field->ref);
  const BfFieldDef *name = bf_entity_field (def, field->ref == BF_ENTITY_HOUSEHOLD ? "head_name"
                                                                                   : "name");
  char *text = record != NULL && name != NULL ? bf_record_get_text (name, record) : NULL;

  if (record != NULL)
    bf_record_free (field->ref, record);
  return text;
}

static char *
fields_text (BfStore *store, BfEntityKind kind, const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *fields;
  GString *text = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_string_free (text, FALSE);
  root = json_node_get_object (json_parser_get_root (parser));
  fields = json_object_has_member (root, "f") ? json_object_get_object_member (root, "f") : NULL;
  names = fields != NULL ? json_object_get_members (fields) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (fields, name);
      const BfFieldDef *field = bf_entity_field (bf_entity_def (kind), name);
      const char *value = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                          ? json_node_get_string (node) : NULL;
      g_autofree char *shown = NULL;

      /* "deleted", a field of a newer version, or nothing said: left out. */
      if (field == NULL || value == NULL || *value == '\0')
        continue;
      if (field->type == BF_FIELD_REF)
        shown = reference_name (store, field, value);
      else
        shown = bf_conflict_value_display (field, value);
      if (shown == NULL)
        continue;
      /* TRANSLATORS: a field and its new value in a list of corrections */
      g_string_append_printf (text, text->len > 0 ? _("; %s: %s") : _("%s: %s"), _(field->label),
                              shown);
    }
  return g_string_free (text, FALSE);
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Load *load = data;

  load->locks = bf_year_locks_list (store, error);
  if (load->locks == NULL)
    return NULL;
  for (guint i = 0; i < load->locks->len; i++)
    if (((BfYearLock *) g_ptr_array_index (load->locks, i))->year == load->year)
      {
        load->corrections = bf_corrections_list (store, load->year, error);
        if (load->corrections == NULL)
          return NULL;
        load->texts = g_ptr_array_new_with_free_func (g_free);
        for (guint j = 0; j < load->corrections->len; j++)
          {
            const BfCorrection *correction = g_ptr_array_index (load->corrections, j);
            const BfEntityDef *def = bf_entity_def_lookup (correction->entity);
            g_ptr_array_add (load->texts, def != NULL ? fields_text (store, def->kind,
                                                                     correction->fields)
                                                      : g_strdup (""));
          }
      }
  return GINT_TO_POINTER (TRUE);
}

static void
fill_corrections (BfLockDialog *self, GPtrArray *corrections, GPtrArray *texts)
{
  g_autofree char *heading = NULL;

  clear_list (self->corrections);
  self->n_corrections = corrections != NULL ? corrections->len : 0;
  for (guint i = 0; corrections != NULL && i < corrections->len; i++)
    {
      const BfCorrection *correction = g_ptr_array_index (corrections, i);
      const BfEntityDef *def = bf_entity_def_lookup (correction->entity);
      g_autofree char *when = time_text (BF_HLC_PHYSICAL ((BfHlc) correction->hlc));
      g_autofree char *title = NULL;
      const char *fields = g_ptr_array_index (texts, i);
      GtkWidget *row = adw_action_row_new ();

      title = g_strdup_printf ("%s · %s · %s",
                               def != NULL ? bf_label_entity (def->kind) : correction->entity,
                               correction->author != NULL ? correction->author : _("unknown user"),
                               when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fields != NULL && *fields ? fields
                                                       : _("(no field this version knows)"));
      if (!correction->ordered)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("not sent yet")));
      gtk_list_box_append (GTK_LIST_BOX (self->corrections), row);
    }
  heading = g_strdup_printf (ngettext ("%u correction after the lock",
                                       "%u corrections after the lock", self->n_corrections),
                             self->n_corrections);
  gtk_label_set_text (GTK_LABEL (self->corrections_heading), heading);
  gtk_widget_set_visible (self->corrections_heading, corrections != NULL);
  gtk_widget_set_visible (self->corrections, self->n_corrections > 0);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Load *load = user_data;
  BfLockDialog *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  gboolean ok = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) != NULL;

  self->jobs--;
  if (--self->loads > 0 || !ok)
    {
      if (!ok)
        show_error (self, error->message);
      update_busy (self);
      load_free (load);
      return;
    }
  clear_list (self->locks);
  self->locked = FALSE;
  for (guint i = 0; i < load->locks->len; i++)
    {
      const BfYearLock *lock = g_ptr_array_index (load->locks, i);
      g_autofree char *title = g_strdup_printf (_("Year %d"), lock->year);
      g_autofree char *when = time_text (lock->locked_at);
      g_autofree char *subtitle = g_strdup_printf (_("Locked by %s on %s"),
                                                   lock->locked_by != NULL ? lock->locked_by
                                                                           : _("unknown user"),
                                                   when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (self->locks), row);
      if (lock->year == load->year)
        {
          self->locked = TRUE;
          state = g_strdup_printf (_("%d is locked: %s."), lock->year, subtitle);
        }
    }
  if (load->locks->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No year is locked yet"));
      gtk_list_box_append (GTK_LIST_BOX (self->locks), row);
    }
  if (state == NULL)
    state = g_strdup_printf (_("%d is not locked."), load->year);
  gtk_label_set_text (GTK_LABEL (self->state), state);
  fill_corrections (self, load->corrections, load->texts);
  update_busy (self);
  load_free (load);
}

static void
reload (BfLockDialog *self)
{
  Load *load = g_new0 (Load, 1);

  load->self = g_object_ref (self);
  load->year = chosen_year (self);
  self->jobs++;
  self->loads++;
  update_busy (self);
  bf_app_database_run (self->database, load_job, load, NULL, NULL, load_cb, load);
}

static void
year_changed (BfLockDialog *self)
{
  if (self->database != NULL)
    reload (self);
}

/* ---- Locking ---- */

static gpointer
lock_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return bf_year_lock_create (store, GPOINTER_TO_INT (data), NULL, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
lock_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfLockDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->jobs--;
  if (bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) == NULL)
    show_error (self, error->message);
  else
    show_error (self, NULL);
  update_busy (self);
  reload (self);
}

void
bf_lock_dialog_lock (BfLockDialog *self)
{
  g_return_if_fail (BF_IS_LOCK_DIALOG (self));
  if (self->jobs > 0 || self->locked)
    return;
  self->jobs++;
  update_busy (self);
  bf_app_database_run (self->database, lock_job, GINT_TO_POINTER (chosen_year (self)), NULL, NULL,
                       lock_cb, g_object_ref (self));
}

static void
confirm_response (AdwMessageDialog *dialog, const char *response, BfLockDialog *self)
{
  if (g_strcmp0 (response, "lock") == 0)
    bf_lock_dialog_lock (self);
}

static void
lock_clicked (BfLockDialog *self)
{
  int year = chosen_year (self);
  g_autofree char *heading = g_strdup_printf (_("Lock %d?"), year);
  g_autofree char *body = g_strdup_printf (_("The assessment of %d is frozen as it is now and "
                                             "sent to every device. A lock cannot be undone; "
                                             "edits made later are kept and listed as "
                                             "corrections."), year);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "lock", _("_Lock"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lock",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The widget ---- */

gboolean
bf_lock_dialog_get_busy (BfLockDialog *self)
{
  g_return_val_if_fail (BF_IS_LOCK_DIALOG (self), FALSE);
  return self->jobs > 0;
}

gboolean
bf_lock_dialog_get_locked (BfLockDialog *self)
{
  g_return_val_if_fail (BF_IS_LOCK_DIALOG (self), FALSE);
  return self->locked;
}

guint
bf_lock_dialog_get_n_corrections (BfLockDialog *self)
{
  g_return_val_if_fail (BF_IS_LOCK_DIALOG (self), 0);
  return self->n_corrections;
}

static void
bf_lock_dialog_dispose (GObject *object)
{
  BfLockDialog *self = BF_LOCK_DIALOG (object);

  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_lock_dialog_parent_class)->dispose (object);
}

static void
bf_lock_dialog_class_init (BfLockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_lock_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-lock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, year);
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, lock);
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, state);
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, error);
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, corrections_heading);
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, corrections);
  gtk_widget_class_bind_template_child (widget_class, BfLockDialog, locks);
  gtk_widget_class_bind_template_callback (widget_class, year_changed);
  gtk_widget_class_bind_template_callback (widget_class, lock_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bf_lock_dialog_init (BfLockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bf_lock_dialog_new (GtkWindow *parent, BfAppDatabase *database, int year)
{
  BfLockDialog *self;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_LOCK_DIALOG, "transient-for", parent, NULL);
  if (year > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year), year);
  self->database = g_object_ref (database);
  reload (self);
  return GTK_WIDGET (self);
}
