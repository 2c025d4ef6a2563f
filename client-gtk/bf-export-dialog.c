/* bf-export-dialog.c: exports and print, each a store job.
 *
 * The widgets are named for tests: "kind", "year", "format", "village", "export",
 * "print-village", "print-card", and "export-status" (what happened, or the error).
 */
#include "bf-config.h"
#include "bf-export-dialog.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "bf-print.h"
#include "bf-report.h"
#include "bf-report-card.h"

struct _BfExportDialog {
  AdwWindow      parent_instance;
  BfAppDatabase *database;
  char          *household_id;
  GPtrArray     *village_ids;    /* in the order of the village row's names */
  guint          jobs;
  GtkNativeDialog *chooser;

  GtkWidget     *kind;
  GtkWidget     *year;
  GtkWidget     *format;
  GtkWidget     *export_button;
  GtkWidget     *village;
  GtkStringList *village_names;
  GtkWidget     *print_village;
  GtkWidget     *card_row;
  GtkWidget     *print_card;
  GtkWidget     *spinner;
  GtkWidget     *status;
};

G_DEFINE_FINAL_TYPE (BfExportDialog, bf_export_dialog, ADW_TYPE_WINDOW)

static const BfReportKind kinds[] = {
  BF_REPORT_ASSESSMENT, BF_REPORT_HOUSEHOLDS, BF_REPORT_VILLAGES, BF_REPORT_CADRES,
};
static const char *const extensions[] = { "xlsx", "csv", "json" };

static void
set_busy (BfExportDialog *self, int delta)
{
  self->jobs += delta;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->jobs > 0);
  gtk_widget_set_sensitive (self->export_button, self->jobs == 0);
  gtk_widget_set_sensitive (self->print_village, self->jobs == 0 && self->village_ids->len > 0);
  gtk_widget_set_sensitive (self->print_card, self->jobs == 0);
}

static void
show_status (BfExportDialog *self, const char *message, gboolean is_error)
{
  gtk_label_set_text (GTK_LABEL (self->status), message);
  if (is_error)
    gtk_widget_add_css_class (self->status, "error");
  else
    gtk_widget_remove_css_class (self->status, "error");
}

/* ---- What there is to print: the villages, the household's name ---- */

typedef struct {
  char      *household_id;
  char      *head_name;
  GPtrArray *ids;
  GPtrArray *names;
} Choices;

static void
choices_free (gpointer pointer)
{
  Choices *choices = pointer;

  g_free (choices->household_id);
  g_free (choices->head_name);
  g_clear_pointer (&choices->ids, g_ptr_array_unref);
  g_clear_pointer (&choices->names, g_ptr_array_unref);
  g_free (choices);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

static gpointer
choices_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Choices *choices = data;
  g_autoptr(GPtrArray) towns = bf_store_list (store, BF_ENTITY_TOWN, NULL, NULL, error);
  g_autoptr(GPtrArray) villages = towns != NULL ? bf_store_list (store, BF_ENTITY_VILLAGE, NULL,
                                                                 NULL, error) : NULL;
  g_autoptr(GHashTable) town_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (villages == NULL)
    return NULL;
  for (guint i = 0; i < towns->len; i++)
    {
      BfTown *town = g_ptr_array_index (towns, i);
      g_hash_table_insert (town_names, town->id, town->name);
    }
  /* "town village\tid", sorted, then split: the list reads by town. */
  for (guint i = 0; i < villages->len; i++)
    {
      BfVillage *village = g_ptr_array_index (villages, i);
      const char *town = g_hash_table_lookup (town_names, village->town_id);
      g_ptr_array_add (labels, g_strdup_printf ("%s %s\t%s", town != NULL ? town : "",
                                                village->name, village->id));
    }
  g_ptr_array_sort (labels, compare_names);
  choices->ids = g_ptr_array_new_with_free_func (g_free);
  choices->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < labels->len; i++)
    {
      char *label = labels->pdata[i];
      char *tab = strchr (label, '\t');
      g_ptr_array_add (choices->ids, g_strdup (tab + 1));
      g_ptr_array_add (choices->names, g_strndup (label, tab - label));
      g_free (label);
    }
  if (choices->household_id != NULL)
    {
      g_autoptr(BfHousehold) household = bf_household_get (store, choices->household_id, error);
      if (household == NULL)
        return NULL;
      choices->head_name = g_strdup (household->head_name);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
choices_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfExportDialog *self = BF_EXPORT_DIALOG (user_data);
  Choices *choices = g_object_get_data (G_OBJECT (self), "bf-choices");
  g_autoptr(GError) error = NULL;

  set_busy (self, -1);
  if (bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) == NULL)
    show_status (self, error->message, TRUE);
  else
    {
      for (guint i = 0; i < choices->ids->len; i++)
        {
          gtk_string_list_append (self->village_names, choices->names->pdata[i]);
          g_ptr_array_add (self->village_ids, g_strdup (choices->ids->pdata[i]));
        }
      if (choices->head_name != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->card_row), choices->head_name);
          gtk_widget_set_visible (self->card_row, TRUE);
        }
    }
  set_busy (self, 0);
  g_object_set_data (G_OBJECT (self), "bf-choices", NULL);
  g_object_unref (self);
}

/* ---- Writing ---- */

typedef struct {
  BfExportWhat what;
  BfReportKind kind;
  int          year;
  int          format;         /* index into extensions */
  char        *id;             /* the village or household */
  char        *path;
  int          pages;
} Write;

static void
write_free (gpointer pointer)
{
  Write *write = pointer;

  g_free (write->id);
  g_free (write->path);
  g_free (write);
}

static gboolean
write_stream (const BfReport *report, gboolean csv, const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  /* g_file_replace writes beside the file and renames on close: never half a file. */
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                                     error);

  if (out == NULL)
    return FALSE;
  if (!(csv ? bf_report_write_csv (report, G_OUTPUT_STREAM (out), error)
            : bf_report_write_json (report, G_OUTPUT_STREAM (out), error)))
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();
      /* Closing a cancelled replace leaves the old file as it was. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/* XLSX and PDF writers take a file name: they write FILE.part, renamed once complete. */
static gboolean
commit_part (const char *part, const char *path, GError **error)
{
  if (g_rename (part, path) == 0)
    return TRUE;
  int saved = errno;
  g_unlink (part);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write %s: %s"),
               path, g_strerror (saved));
  return FALSE;
}

static gpointer
write_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Write *write = data;
  g_autofree char *part = g_strconcat (write->path, ".part", NULL);
  g_autoptr(BfAssessment) assessment = NULL;
  g_autoptr(BfReport) report = NULL;
  g_autofree char *folder = g_path_get_dirname (write->path);
  gboolean ok;

  /* Said plainly before any work, rather than as the XLSX or PDF library's own words. */
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR) || g_access (folder, W_OK) != 0)
    {
      g_autofree char *name = g_filename_display_name (folder);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The folder %s does not exist or cannot be written to"), name);
      return NULL;
    }
  if (write->what == BF_EXPORT_CARD)
    {
      g_autoptr(BfHouseholdCard) card = bf_household_card_load (store, write->id, write->year,
                                                                error);
      ok = card != NULL && bf_print_household_card (card, part, &write->pages, error);
      if (!ok)
        g_unlink (part);
      return ok && commit_part (part, write->path, error) ? GINT_TO_POINTER (TRUE) : NULL;
    }
  assessment = bf_assessment_compute (store, write->year, error);
  if (assessment == NULL)
    return NULL;
  if (write->what == BF_EXPORT_VILLAGE_TABLE)
    {
      report = bf_report_new_village_table (assessment, write->id, error);
      ok = report != NULL && bf_print_village_table (report, part, &write->pages, error);
      if (!ok)
        g_unlink (part);
      return ok && commit_part (part, write->path, error) ? GINT_TO_POINTER (TRUE) : NULL;
    }
  report = bf_report_new (assessment, bf_store_get_policy (store)->district, write->kind);
  if (write->format != 0)
    return write_stream (report, write->format == 1, write->path, error)
           ? GINT_TO_POINTER (TRUE) : NULL;
  ok = bf_report_write_xlsx (report, part, error);
  if (!ok)
    g_unlink (part);
  return ok && commit_part (part, write->path, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
write_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfExportDialog *self = BF_EXPORT_DIALOG (user_data);
  Write *write = g_object_get_data (G_OBJECT (self), "bf-write");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  set_busy (self, -1);
  if (bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) == NULL)
    {
      message = g_strdup_printf (_("Nothing was written: %s"), error->message);
      show_status (self, message, TRUE);
    }
  else
    {
      g_autofree char *name = g_filename_display_name (write->path);
      if (write->what == BF_EXPORT_REPORT)
        message = g_strdup_printf (_("Saved %s"), name);
      else
        message = g_strdup_printf (ngettext ("Saved %s (%d page)", "Saved %s (%d pages)",
                                             write->pages), name, write->pages);
      show_status (self, message, FALSE);
    }
  g_object_set_data (G_OBJECT (self), "bf-write", NULL);
  g_object_unref (self);
}

void
bf_export_dialog_write (BfExportDialog *self, BfExportWhat what, const char *path)
{
  Write *write;
  guint village = adw_combo_row_get_selected (ADW_COMBO_ROW (self->village));

  g_return_if_fail (BF_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);
  if (self->jobs > 0)
    return;
  if (what == BF_EXPORT_VILLAGE_TABLE && village >= self->village_ids->len)
    {
      show_status (self, _("Choose a village first"), TRUE);
      return;
    }
  write = g_new0 (Write, 1);
  write->what = what;
  write->kind = kinds[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind)),
                           G_N_ELEMENTS (kinds) - 1)];
  write->format = MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->format)),
                       G_N_ELEMENTS (extensions) - 1);
  write->year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year));
  write->id = g_strdup (what == BF_EXPORT_CARD ? self->household_id
                        : what == BF_EXPORT_VILLAGE_TABLE ? self->village_ids->pdata[village]
                        : NULL);
  write->path = g_strdup (path);
  /* The job's data outlives the callback's need of it only until the callback clears it. */
  g_object_set_data_full (G_OBJECT (self), "bf-write", write, NULL);
  show_status (self, _("Writing…"), FALSE);
  set_busy (self, +1);
  bf_app_database_run (self->database, write_job, write, write_free, NULL, write_cb,
                       g_object_ref (self));
}

/* ---- Choosing the file ---- */

static void
chooser_response (GtkNativeDialog *chooser, int response, BfExportDialog *self)
{
  BfExportWhat what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "bf-what"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        bf_export_dialog_write (self, what, path);
      else
        show_status (self, _("Choose a file on this computer"), TRUE);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (BfExportDialog *self, BfExportWhat what, const char *title, const char *name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "bf-what", GINT_TO_POINTER (what));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

static const char *
selected_text (GtkWidget *combo_row)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo_row));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (combo_row));

  return selected < g_list_model_get_n_items (model)
         ? gtk_string_list_get_string (GTK_STRING_LIST (model), selected) : "";
}

static void
export_clicked (BfExportDialog *self)
{
  guint format = MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->format)),
                      G_N_ELEMENTS (extensions) - 1);
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year));
  g_autofree char *name = g_strdup_printf ("%s %d.%s", selected_text (self->kind), year,
                                           extensions[format]);

  choose_file (self, BF_EXPORT_REPORT, _("Export the Report"), name);
}

static void
print_village_clicked (BfExportDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year));
  g_autofree char *name = g_strdup_printf ("%s %d.pdf", selected_text (self->village), year);

  choose_file (self, BF_EXPORT_VILLAGE_TABLE, _("Print the Village Table"), name);
}

static void
print_card_clicked (BfExportDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year));
  const char *head = adw_action_row_get_subtitle (ADW_ACTION_ROW (self->card_row));
  g_autofree char *name = g_strdup_printf ("%s %d.pdf", head != NULL ? head : "", year);

  choose_file (self, BF_EXPORT_CARD, _("Print the Household Card"), name);
}

/* ---- The widget ---- */

gboolean
bf_export_dialog_get_busy (BfExportDialog *self)
{
  g_return_val_if_fail (BF_IS_EXPORT_DIALOG (self), FALSE);
  return self->jobs > 0;
}

static void
bf_export_dialog_dispose (GObject *object)
{
  BfExportDialog *self = BF_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_export_dialog_parent_class)->dispose (object);
}

static void
bf_export_dialog_finalize (GObject *object)
{
  BfExportDialog *self = BF_EXPORT_DIALOG (object);

  g_free (self->household_id);
  g_ptr_array_unref (self->village_ids);
  G_OBJECT_CLASS (bf_export_dialog_parent_class)->finalize (object);
}

static void
bf_export_dialog_class_init (BfExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_export_dialog_dispose;
  object_class->finalize = bf_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, kind);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, year);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, format);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, village);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, village_names);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, print_village);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, card_row);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, print_card);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfExportDialog, status);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, print_village_clicked);
  gtk_widget_class_bind_template_callback (widget_class, print_card_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bf_export_dialog_init (BfExportDialog *self)
{
  self->village_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bf_export_dialog_new (GtkWindow *parent, BfAppDatabase *database, int year,
                      const char *household_id)
{
  BfExportDialog *self;
  Choices *choices;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->household_id = g_strdup (household_id);
  if (year > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year), year);
  choices = g_new0 (Choices, 1);
  choices->household_id = g_strdup (household_id);
  g_object_set_data (G_OBJECT (self), "bf-choices", choices);
  set_busy (self, +1);
  bf_app_database_run (database, choices_job, choices, choices_free, NULL, choices_cb,
                       g_object_ref (self));
  return GTK_WIDGET (self);
}
