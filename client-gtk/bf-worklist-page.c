/* bf-worklist-page.c: 待走访, a list of the households bf-worklist.c finds due.
 *
 * A cadre has tens of paired households, so a GtkListBox of rows is enough here (the
 * district's household list is the one that pages).
 */
#include "bf-config.h"
#include "bf-worklist-page.h"

#include <glib/gi18n-lib.h>

#include "bf-format.h"
#include "bf-worklist.h"

struct _BfWorklistPage {
  AdwBin         parent_instance;
  BfAppDatabase *database;
  char          *cadre_id;
  guint          pending;        /* loads sent and not back; only the last one is shown */
  GPtrArray     *household_ids;  /* as shown */

  GtkWidget     *stack;
  GtkWidget     *status;         /* AdwStatusPage: nothing due, no cadre, an error */
  GtkWidget     *summary;
  GtkWidget     *list;
};

G_DEFINE_FINAL_TYPE (BfWorklistPage, bf_worklist_page, ADW_TYPE_BIN)

enum { SIGNAL_HOUSEHOLD_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return bf_worklist_load (store, data, error);
}

static GtkWidget *
make_row (const BfWorklistItem *item, int visits_per_year)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = gtk_label_new (NULL);
  g_autofree char *last = item->last_visit ? bf_format_iso_date_zh (item->last_visit) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count_text = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->head_name);
  if (last != NULL)
    subtitle = g_strdup_printf (_("%s · last visit %s"), item->village_name, last);
  else
    subtitle = g_strdup_printf (_("%s · not visited yet"), item->village_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  count_text = g_strdup_printf (_("This year %d/%d"), item->visits_this_year, visits_per_year);
  gtk_label_set_text (GTK_LABEL (count), count_text);
  gtk_widget_add_css_class (count, "numeric");
  if (item->visits_this_year == 0)
    gtk_widget_add_css_class (count, "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "household-id", g_strdup (item->household_id), g_free);
  return row;
}

static void
show_status (BfWorklistPage *self, const char *icon, const char *title, const char *description)
{
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfWorklistPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfWorklist) worklist = bf_app_database_run_finish (BF_APP_DATABASE (source), result,
                                                               &error);
  g_autofree char *start = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  /* Jobs run in order: a newer load is still coming with a fresher answer. */
  if (--self->pending > 0 || self->database == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_ptr_array_set_size (self->household_ids, 0);
  if (worklist == NULL)
    {
      show_status (self, "dialog-error-symbolic", _("The worklist could not be read"),
                   error->message);
      return;
    }
  if (worklist->cadre_id == NULL)
    {
      show_status (self, "avatar-default-symbolic", _("No pairing cadre signed in"),
                   _("The worklist shows the households paired with the cadre using this "
                     "device. Sign in with a cadre's account to see it."));
      return;
    }
  if (worklist->items->len == 0)
    {
      show_status (self, "emblem-ok-symbolic", _("Every household has been visited"),
                   worklist->paired > 0 ? _("Each paired household has had a visit this quarter.")
                                        : _("No household is paired with you now."));
      return;
    }
  start = bf_format_date_zh (&worklist->period_start);
  summary = g_strdup_printf (ngettext ("%s: %u of %u paired households is due a visit this "
                                       "quarter (since %s).",
                                       "%s: %u of %u paired households are due a visit this "
                                       "quarter (since %s).", worklist->items->len),
                             worklist->cadre_name, worklist->items->len, worklist->paired, start);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  for (guint i = 0; i < worklist->items->len; i++)
    {
      BfWorklistItem *item = g_ptr_array_index (worklist->items, i);

      gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (item, worklist->visits_per_year));
      g_ptr_array_add (self->household_ids, g_strdup (item->household_id));
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

void
bf_worklist_page_reload (BfWorklistPage *self)
{
  g_return_if_fail (BF_IS_WORKLIST_PAGE (self));
  self->pending++;
  bf_app_database_run (self->database, load_job, g_strdup (self->cadre_id), g_free, NULL,
                       load_cb, g_object_ref (self));
}

gboolean
bf_worklist_page_get_loading (BfWorklistPage *self)
{
  g_return_val_if_fail (BF_IS_WORKLIST_PAGE (self), FALSE);
  return self->pending > 0;
}

char **
bf_worklist_page_dup_household_ids (BfWorklistPage *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ids;

  g_return_val_if_fail (BF_IS_WORKLIST_PAGE (self), NULL);
  for (guint i = 0; i < self->household_ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->household_ids, i));
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

static void
row_activated (GtkListBox *list, GtkListBoxRow *row, BfWorklistPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "household-id");

  if (id != NULL)
    g_signal_emit (self, signals[SIGNAL_HOUSEHOLD_ACTIVATED], 0, id);
}

static void
households_changed (BfWorklistPage *self, const char *const *ids)
{
  bf_worklist_page_reload (self);
}

static void
bf_worklist_page_dispose (GObject *object)
{
  BfWorklistPage *self = BF_WORKLIST_PAGE (object);

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_worklist_page_parent_class)->dispose (object);
}

static void
bf_worklist_page_finalize (GObject *object)
{
  BfWorklistPage *self = BF_WORKLIST_PAGE (object);

  g_free (self->cadre_id);
  g_ptr_array_unref (self->household_ids);
  G_OBJECT_CLASS (bf_worklist_page_parent_class)->finalize (object);
}

static void
bf_worklist_page_class_init (BfWorklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bf_worklist_page_dispose;
  object_class->finalize = bf_worklist_page_finalize;

  /**
   * BfWorklistPage::household-activated:
   * @household_id: the household's id
   */
  signals[SIGNAL_HOUSEHOLD_ACTIVATED] =
    g_signal_new ("household-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bf_worklist_page_init (BfWorklistPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->household_ids = g_ptr_array_new_with_free_func (g_free);
  self->stack = gtk_stack_new ();

  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->summary), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->summary, "dim-label");
  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "worklist");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated), self);
  gtk_box_append (GTK_BOX (box), self->summary);
  gtk_box_append (GTK_BOX (box), self->list);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");

  self->status = adw_status_page_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), self->status, "status");
  show_status (self, "content-loading-symbolic", _("Loading…"), NULL);
  adw_bin_set_child (ADW_BIN (self), self->stack);
}

GtkWidget *
bf_worklist_page_new (BfAppDatabase *database, const char *cadre_id)
{
  BfWorklistPage *self;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_WORKLIST_PAGE, NULL);
  self->database = g_object_ref (database);
  self->cadre_id = g_strdup (cadre_id);
  g_signal_connect_swapped (database, "households-changed", G_CALLBACK (households_changed), self);
  bf_worklist_page_reload (self);
  return GTK_WIDGET (self);
}
