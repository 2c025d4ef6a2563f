/* bf-conflicts-page.c: the open conflicts and the bar that resolves the selected ones.
 *
 * The district has tens of open conflicts at a time, not thousands, so a GtkListBox of rows
 * is enough. Every store call is a job on the store's thread (bf-app-database.h).
 */
#include "bf-config.h"
#include "bf-conflicts-page.h"

#include <glib/gi18n-lib.h>

#include "bf-conflict-row.h"
#include "bf-conflicts.h"

struct _BfConflictsPage {
  AdwBin         parent_instance;
  BfAppDatabase *database;
  guint          loads;        /* loads sent and not back; only the last one is shown */
  gboolean       resolving;
  guint          count;

  GtkWidget     *stack;
  GtkWidget     *status;
  GtkWidget     *summary;
  GtkWidget     *error;
  GtkWidget     *select_all;
  GtkWidget     *list;
  GtkWidget     *selection;
  GtkWidget     *keep_kept;
  GtkWidget     *keep_other;
  GtkWidget     *merge_button;
  GtkWidget     *merge_popover;
  GtkWidget     *merged_value;
};

G_DEFINE_FINAL_TYPE (BfConflictsPage, bf_conflicts_page, ADW_TYPE_BIN)

/* ---- Selection ---- */

static GPtrArray *
selected_rows (BfConflictsPage *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (BF_IS_CONFLICT_ROW (child) && bf_conflict_row_get_selected (BF_CONFLICT_ROW (child)))
      g_ptr_array_add (rows, child);
  return rows;
}

/* A merged value is typed once, so it fits only conflicts about one field of one kind. */
static gboolean
same_field (GPtrArray *rows)
{
  for (guint i = 1; i < rows->len; i++)
    if (g_strcmp0 (bf_conflict_row_get_field_key (rows->pdata[0]),
                   bf_conflict_row_get_field_key (rows->pdata[i])) != 0)
      return FALSE;
  return rows->len > 0;
}

static void
update_selection (BfConflictsPage *self)
{
  g_autoptr(GPtrArray) rows = selected_rows (self);
  g_autofree char *text = NULL;
  gboolean any = rows->len > 0 && !self->resolving;

  if (rows->len == 0)
    text = g_strdup (_("Select the conflicts to resolve."));
  else
    text = g_strdup_printf (ngettext ("%u conflict selected", "%u conflicts selected", rows->len),
                            rows->len);
  gtk_label_set_text (GTK_LABEL (self->selection), text);
  gtk_widget_set_sensitive (self->keep_kept, any);
  gtk_widget_set_sensitive (self->keep_other, any);
  gtk_widget_set_sensitive (self->merge_button, any && same_field (rows));
}

static void
select_all_toggled (BfConflictsPage *self)
{
  gboolean active = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->select_all));

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (BF_IS_CONFLICT_ROW (child))
      bf_conflict_row_set_selected (BF_CONFLICT_ROW (child), active);
  update_selection (self);
}

static void
show_error (BfConflictsPage *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->error), message != NULL ? message : "");
  gtk_widget_set_visible (self->error, message != NULL);
}

/* ---- Loading ---- */

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return bf_conflicts_list_open (store, error);
}

static void
show_status (BfConflictsPage *self, const char *icon, const char *title, const char *description)
{
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfConflictsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = bf_app_database_run_finish (BF_APP_DATABASE (source), result,
                                                           &error);
  g_autofree char *summary = NULL;
  GtkWidget *child;

  if (--self->loads > 0 || self->database == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  self->count = 0;
  if (items == NULL)
    {
      show_status (self, "dialog-error-symbolic", _("The conflicts could not be read"),
                   error->message);
      return;
    }
  if (items->len == 0)
    {
      show_status (self, "emblem-ok-symbolic", _("No conflicts to resolve"),
                   _("When two people change the same field before syncing, the district "
                     "server keeps one value and lists the other here."));
      return;
    }
  self->count = items->len;
  summary = g_strdup_printf (ngettext ("%u change was made to the same field by two people "
                                       "before syncing. The server kept one value; choose what "
                                       "the record should say.",
                                       "%u changes were made to the same field by two people "
                                       "before syncing. The server kept one value of each; "
                                       "choose what the records should say.", items->len),
                             items->len);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *row = bf_conflict_row_new (g_ptr_array_index (items, i));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_selection), self);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
  g_signal_handlers_block_by_func (self->select_all, select_all_toggled, self);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->select_all), FALSE);
  g_signal_handlers_unblock_by_func (self->select_all, select_all_toggled, self);
  update_selection (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

void
bf_conflicts_page_reload (BfConflictsPage *self)
{
  g_return_if_fail (BF_IS_CONFLICTS_PAGE (self));
  self->loads++;
  bf_app_database_run (self->database, load_job, NULL, NULL, NULL, load_cb, g_object_ref (self));
}

/* ---- Resolving ---- */

typedef struct {
  GArray    *resolutions;   /* BfConflictResolution, pointing into ids and value */
  GPtrArray *ids;
  char      *value;
} Resolve;

static void
resolve_free (gpointer pointer)
{
  Resolve *resolve = pointer;

  g_array_unref (resolve->resolutions);
  g_ptr_array_unref (resolve->ids);
  g_free (resolve->value);
  g_free (resolve);
}

static gpointer
resolve_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Resolve *resolve = data;

  return bf_conflicts_resolve (store, (BfConflictResolution *) resolve->resolutions->data,
                               resolve->resolutions->len, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

/* What the callback needs after the job's data is gone. */
typedef struct {
  BfConflictsPage *self;
  GStrv            household_ids;
} ResolveDone;

static void
resolve_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ResolveDone *done = user_data;
  g_autoptr(BfConflictsPage) self = done->self;
  g_auto(GStrv) household_ids = done->household_ids;
  g_autoptr(GError) error = NULL;
  gboolean ok = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) != NULL;

  g_free (done);

  self->resolving = FALSE;
  if (self->database == NULL)
    return;
  if (!ok)
    {
      /* Nothing was written (one transaction): the selection stays for another try. */
      show_error (self, error->message);
      update_selection (self);
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->merged_value), "");
  /* The edited households' views read them again, and so does this page. */
  if (household_ids != NULL && household_ids[0] != NULL)
    bf_app_database_notify_changed (self->database, (const char *const *) household_ids);
  else
    bf_conflicts_page_reload (self);
}

static void
resolve_selected (BfConflictsPage *self, BfConflictChoice choice, const char *value)
{
  g_autoptr(GPtrArray) rows = selected_rows (self);
  g_autoptr(GStrvBuilder) households = g_strv_builder_new ();
  ResolveDone *done;
  Resolve *resolve;

  if (rows->len == 0 || self->resolving)
    return;
  resolve = g_new0 (Resolve, 1);
  resolve->resolutions = g_array_sized_new (FALSE, TRUE, sizeof (BfConflictResolution), rows->len);
  resolve->ids = g_ptr_array_new_with_free_func (g_free);
  resolve->value = g_strdup (value);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *household_id = bf_conflict_row_get_household_id (rows->pdata[i]);
      g_ptr_array_add (resolve->ids, g_strdup (bf_conflict_row_get_conflict_id (rows->pdata[i])));
      if (household_id != NULL)
        g_strv_builder_add (households, household_id);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      BfConflictResolution resolution = { resolve->ids->pdata[i], choice, resolve->value };
      g_array_append_val (resolve->resolutions, resolution);
    }
  done = g_new0 (ResolveDone, 1);
  done->self = g_object_ref (self);
  done->household_ids = g_strv_builder_end (households);
  self->resolving = TRUE;
  update_selection (self);
  bf_app_database_run (self->database, resolve_job, resolve, resolve_free, NULL, resolve_cb,
                       done);
}

static void
keep_kept_clicked (BfConflictsPage *self)
{
  resolve_selected (self, BF_CONFLICT_CHOOSE_KEPT, NULL);
}

static void
keep_other_clicked (BfConflictsPage *self)
{
  resolve_selected (self, BF_CONFLICT_CHOOSE_OTHER, NULL);
}

static void
merge_apply_clicked (BfConflictsPage *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->merge_popover));
  resolve_selected (self, BF_CONFLICT_CHOOSE_MERGED,
                    gtk_editable_get_text (GTK_EDITABLE (self->merged_value)));
}

/* ---- The widget ---- */

gboolean
bf_conflicts_page_get_busy (BfConflictsPage *self)
{
  g_return_val_if_fail (BF_IS_CONFLICTS_PAGE (self), FALSE);
  return self->loads > 0 || self->resolving;
}

guint
bf_conflicts_page_get_count (BfConflictsPage *self)
{
  g_return_val_if_fail (BF_IS_CONFLICTS_PAGE (self), 0);
  return self->count;
}

static void
households_changed (BfConflictsPage *self, const char *const *ids)
{
  bf_conflicts_page_reload (self);
}

static void
bf_conflicts_page_dispose (GObject *object)
{
  BfConflictsPage *self = BF_CONFLICTS_PAGE (object);

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_conflicts_page_parent_class)->dispose (object);
}

static void
bf_conflicts_page_class_init (BfConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_conflicts_page_dispose;

  g_type_ensure (BF_TYPE_CONFLICT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, status);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, summary);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, error);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, select_all);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, list);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, keep_kept);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, keep_other);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, merge_button);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, merge_popover);
  gtk_widget_class_bind_template_child (widget_class, BfConflictsPage, merged_value);
  gtk_widget_class_bind_template_callback (widget_class, select_all_toggled);
  gtk_widget_class_bind_template_callback (widget_class, keep_kept_clicked);
  gtk_widget_class_bind_template_callback (widget_class, keep_other_clicked);
  gtk_widget_class_bind_template_callback (widget_class, merge_apply_clicked);
}

static void
bf_conflicts_page_init (BfConflictsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_selection (self);
}

GtkWidget *
bf_conflicts_page_new (BfAppDatabase *database)
{
  BfConflictsPage *self;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_CONFLICTS_PAGE, NULL);
  self->database = g_object_ref (database);
  g_signal_connect_swapped (database, "households-changed", G_CALLBACK (households_changed), self);
  bf_conflicts_page_reload (self);
  return GTK_WIDGET (self);
}
