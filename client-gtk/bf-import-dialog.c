/* bf-import-dialog.c: the dry run on screen, then the import, each a store job.
 *
 * Named for tests: "choose", "file", "summary", "problems" (one row per bad row), "warnings",
 * "import", "import-good", "import-status".
 */
#include "bf-config.h"
#include "bf-import-dialog.h"

#include <glib/gi18n-lib.h>

#include "bf-import.h"

struct _BfImportDialog {
  AdwWindow        parent_instance;
  BfAppDatabase   *database;
  BfImport        *import;       /* the last file read; used on the store thread by jobs only */
  BfImportCounts   preview;
  guint            n_problems;
  guint            jobs;
  gboolean         imported;
  GtkNativeDialog *chooser;

  GtkWidget       *choose;
  GtkWidget       *spinner;
  GtkWidget       *file;
  GtkWidget       *summary;
  GtkWidget       *problems_heading;
  GtkWidget       *problems;
  GtkWidget       *warnings_heading;
  GtkWidget       *warnings;
  GtkWidget       *status;
  GtkWidget       *import_good;
  GtkWidget       *import_button;
};

G_DEFINE_FINAL_TYPE (BfImportDialog, bf_import_dialog, ADW_TYPE_WINDOW)

static void
update_buttons (BfImportDialog *self)
{
  gboolean idle = self->jobs == 0 && !self->imported && self->import != NULL;
  guint good = self->preview.added + self->preview.updated + self->preview.unchanged;

  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->jobs > 0);
  gtk_widget_set_sensitive (self->choose, self->jobs == 0);
  gtk_widget_set_sensitive (self->import_button, idle && self->n_problems == 0);
  gtk_widget_set_sensitive (self->import_good, idle && self->n_problems > 0 && good > 0);
}

static void
show_status (BfImportDialog *self, const char *message, gboolean is_error)
{
  gtk_label_set_text (GTK_LABEL (self->status), message != NULL ? message : "");
  if (is_error)
    gtk_widget_add_css_class (self->status, "error");
  else
    gtk_widget_remove_css_class (self->status, "error");
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

/* "第 12 行" and the reason, wrapped: reasons can be long and several. */
static void
fill_list (GtkWidget *heading, GtkWidget *list, GPtrArray *problems, const char *icon)
{
  clear_list (list);
  for (guint i = 0; i < problems->len; i++)
    {
      const BfImportProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *line = g_strdup_printf (_("Line %u"), problem->line);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_widget_set_visible (heading, problems->len > 0);
  gtk_widget_set_visible (list, problems->len > 0);
}

/* ---- The dry run ---- */

typedef struct {
  char          *path;
  BfImport      *import;
  BfImportCounts counts;
} Load;

static void
load_free (gpointer pointer)
{
  Load *load = pointer;

  g_free (load->path);
  g_clear_pointer (&load->import, bf_import_free);
  g_free (load);
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Load *load = data;

  load->import = bf_import_load_file (store, load->path, error);
  if (load->import == NULL || !bf_import_preview (store, load->import, &load->counts, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* Sentences joined the way the language joins them (Chinese puts no space between). */
static void
append_sentence (GString *text, const char *sentence)
{
  g_autofree char *joined = NULL;

  if (text->len == 0)
    {
      g_string_append (text, sentence);
      return;
    }
  /* TRANSLATORS: two sentences one after the other */
  joined = g_strdup_printf (_("%s %s"), text->str, sentence);
  g_string_assign (text, joined);
}

static char *
summary_text (const BfImport *import, const BfImportCounts *counts, guint n_problems)
{
  GString *text = g_string_new (NULL);
  g_autofree char *read = NULL;
  g_autofree char *would = NULL;
  g_autofree char *bad = NULL;

  read = g_strdup_printf (ngettext ("Read as %s: %u row.", "Read as %s: %u rows.", counts->rows),
                          bf_import_encoding (import), counts->rows);
  append_sentence (text, read);
  would = g_strdup_printf (_("Importing would add %u households and update %u; %u are "
                             "unchanged; %u members would be added and %u updated."),
                           counts->added, counts->updated, counts->unchanged,
                           counts->members_added, counts->members_updated);
  append_sentence (text, would);
  if (n_problems == 0)
    bad = g_strdup (_("Every row is good."));
  else
    bad = g_strdup_printf (ngettext ("%u row has problems; %u households would not be imported.",
                                     "%u rows have problems; %u households would not be imported.",
                                     counts->bad_rows),
                           counts->bad_rows, counts->refused);
  append_sentence (text, bad);
  return g_string_free (text, FALSE);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfImportDialog *self = BF_IMPORT_DIALOG (user_data);
  Load *load = g_object_get_data (G_OBJECT (self), "bf-load");
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  self->jobs--;
  g_clear_pointer (&self->import, bf_import_free);
  self->n_problems = 0;
  memset (&self->preview, 0, sizeof self->preview);
  clear_list (self->problems);
  clear_list (self->warnings);
  gtk_widget_set_visible (self->problems_heading, FALSE);
  gtk_widget_set_visible (self->problems, FALSE);
  gtk_widget_set_visible (self->warnings_heading, FALSE);
  gtk_widget_set_visible (self->warnings, FALSE);
  if (bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->summary), "");
      show_status (self, error->message, TRUE);
    }
  else
    {
      self->import = g_steal_pointer (&load->import);
      self->preview = load->counts;
      self->n_problems = bf_import_problems (self->import)->len;
      summary = summary_text (self->import, &self->preview, self->n_problems);
      gtk_label_set_text (GTK_LABEL (self->summary), summary);
      fill_list (self->problems_heading, self->problems, bf_import_problems (self->import),
                 "dialog-error-symbolic");
      fill_list (self->warnings_heading, self->warnings, bf_import_warnings (self->import),
                 "dialog-information-symbolic");
      show_status (self, NULL, FALSE);
    }
  update_buttons (self);
  g_object_set_data (G_OBJECT (self), "bf-load", NULL);
  g_object_unref (self);
}

void
bf_import_dialog_load_file (BfImportDialog *self, const char *path)
{
  Load *load;
  g_autofree char *name = NULL;

  g_return_if_fail (BF_IS_IMPORT_DIALOG (self));
  if (self->jobs > 0)
    return;
  name = g_filename_display_basename (path);
  gtk_label_set_text (GTK_LABEL (self->file), name);
  gtk_label_set_text (GTK_LABEL (self->summary), _("Reading…"));
  show_status (self, NULL, FALSE);
  self->imported = FALSE;
  load = g_new0 (Load, 1);
  load->path = g_strdup (path);
  g_object_set_data (G_OBJECT (self), "bf-load", load);
  self->jobs++;
  update_buttons (self);
  bf_app_database_run (self->database, load_job, load, load_free, NULL, load_cb,
                       g_object_ref (self));
}

/* ---- The import ---- */

typedef struct {
  BfImport      *import;    /* the dialog's; it outlives the job (the callback holds a ref) */
  gboolean       take_good_rows;
  BfImportCounts counts;
} Apply;

static gpointer
apply_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Apply *apply = data;

  return bf_import_apply (store, apply->import, apply->take_good_rows, &apply->counts, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
apply_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfImportDialog *self = BF_IMPORT_DIALOG (user_data);
  Apply *apply = g_object_get_data (G_OBJECT (self), "bf-apply");
  g_autoptr(GError) error = NULL;

  self->jobs--;
  if (bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was imported: %s"), error->message);
      show_status (self, message, TRUE);
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf (_("Imported: %u households added, %u updated, %u unchanged, %u not "
                           "imported; %u members added, %u updated. The changes will be sent at "
                           "the next sync."),
                         apply->counts.added, apply->counts.updated, apply->counts.unchanged,
                         apply->counts.refused, apply->counts.members_added,
                         apply->counts.members_updated);
      self->imported = TRUE;
      show_status (self, message, FALSE);
      bf_app_database_notify_changed (self->database, NULL);
    }
  update_buttons (self);
  g_object_set_data (G_OBJECT (self), "bf-apply", NULL);
  g_object_unref (self);
}

void
bf_import_dialog_import (BfImportDialog *self, gboolean take_good_rows)
{
  Apply *apply;

  g_return_if_fail (BF_IS_IMPORT_DIALOG (self));
  if (self->jobs > 0 || self->import == NULL || self->imported)
    return;
  apply = g_new0 (Apply, 1);
  apply->import = self->import;
  apply->take_good_rows = take_good_rows;
  g_object_set_data (G_OBJECT (self), "bf-apply", apply);
  show_status (self, _("Importing…"), FALSE);
  self->jobs++;
  update_buttons (self);
  bf_app_database_run (self->database, apply_job, apply, g_free, NULL, apply_cb,
                       g_object_ref (self));
}

static void
import_clicked (BfImportDialog *self)
{
  bf_import_dialog_import (self, FALSE);
}

static void
confirm_response (AdwMessageDialog *dialog, const char *response, BfImportDialog *self)
{
  if (g_strcmp0 (response, "import") == 0)
    bf_import_dialog_import (self, TRUE);
}

static void
import_good_clicked (BfImportDialog *self)
{
  guint good = self->preview.added + self->preview.updated + self->preview.unchanged;
  g_autofree char *body =
    g_strdup_printf (_("%u rows have problems and will be left out, with %u households whose "
                       "head's row is bad. %u households will be imported. Fix the file and "
                       "import it again later to add the rest."),
                     self->preview.bad_rows, self->preview.refused, good);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import only the good rows?"),
                                              body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import the Good Rows"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Choosing the file ---- */

static void
chooser_response (GtkNativeDialog *chooser, int response, BfImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        bf_import_dialog_load_file (self, path);
      else
        show_status (self, _("Choose a file on this computer"), TRUE);
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked (BfImportDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose a Register"),
                                                               GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

/* ---- The widget ---- */

gboolean
bf_import_dialog_get_busy (BfImportDialog *self)
{
  g_return_val_if_fail (BF_IS_IMPORT_DIALOG (self), FALSE);
  return self->jobs > 0;
}

guint
bf_import_dialog_get_n_problems (BfImportDialog *self)
{
  g_return_val_if_fail (BF_IS_IMPORT_DIALOG (self), 0);
  return self->n_problems;
}

static void
bf_import_dialog_dispose (GObject *object)
{
  BfImportDialog *self = BF_IMPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_import_dialog_parent_class)->dispose (object);
}

static void
bf_import_dialog_finalize (GObject *object)
{
  BfImportDialog *self = BF_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, bf_import_free);
  G_OBJECT_CLASS (bf_import_dialog_parent_class)->finalize (object);
}

static void
bf_import_dialog_class_init (BfImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_import_dialog_dispose;
  object_class->finalize = bf_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, choose);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, file);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, problems);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, warnings_heading);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, warnings);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, status);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, import_good);
  gtk_widget_class_bind_template_child (widget_class, BfImportDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, import_good_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bf_import_dialog_init (BfImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (GTK_LABEL (self->file), _("No file chosen"));
}

GtkWidget *
bf_import_dialog_new (GtkWindow *parent, BfAppDatabase *database)
{
  BfImportDialog *self;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  return GTK_WIDGET (self);
}
