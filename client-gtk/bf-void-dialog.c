/* bf-void-dialog.c: void a visit or a payment with a reason.
 *
 * The reason entry is named "reason"; the summary of the record, "summary".
 */
#include "bf-config.h"
#include "bf-void-dialog.h"

#include "bf-visit-money.h"

#include <glib/gi18n-lib.h>

#include "bf-format.h"
#include "bf-labels.h"

struct _BfVoidDialog {
  BfEditorWindow parent_instance;
  BfEntityKind   kind;
  char          *record_id;
  char          *household_id;

  GtkWidget     *summary;
  GtkWidget     *reason;
  GtkLabel      *reason_error;
};

G_DEFINE_FINAL_TYPE (BfVoidDialog, bf_void_dialog, BF_TYPE_EDITOR_WINDOW)

/* ---- Loading: what is being voided, and whether it still can be ---- */

typedef struct {
  BfEntityKind kind;
  char        *record_id;
  char        *household_id;
  char        *summary;
} Load;

static void
load_free (gpointer pointer)
{
  Load *load = pointer;

  g_free (load->record_id);
  g_free (load->household_id);
  g_free (load->summary);
  g_free (load);
}

static char *
visit_summary (BfStore *store, const BfVisit *visit)
{
  g_autoptr(BfCadre) cadre = bf_cadre_get (store, visit->cadre_id, NULL);
  g_autofree char *date = bf_format_iso_date_zh (visit->date);
  g_autofree char *kinds = bf_label_help_kinds (visit->kinds);
  g_autofree char *money = bf_format_money (visit->amount_fen);

  return g_strdup_printf (_("Visit on %s by %s\n%s\n%s\nMoney handed over: %s"),
                          date != NULL ? date : visit->date,
                          cadre != NULL ? cadre->name : "?", kinds,
                          visit->description != NULL ? visit->description : "", money);
}

static char *
payment_summary (const BfPayment *payment)
{
  g_autofree char *date = bf_format_iso_date_zh (payment->date);
  g_autofree char *money = bf_format_money (payment->amount_fen);

  return g_strdup_printf (_("Payment on %s: %s from %s\n%s"),
                          date != NULL ? date : payment->date, money,
                          bf_label_source (payment->source),
                          payment->purpose != NULL ? payment->purpose : "");
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Load *load = data;
  gpointer record = bf_store_get (store, load->kind, load->record_id, error);
  g_autoptr(GPtrArray) voids = NULL;
  const char *voids_id;

  if (record == NULL)
    return NULL;
  if (load->kind == BF_ENTITY_VISIT)
    {
      BfVisit *visit = record;
      load->household_id = g_strdup (visit->household_id);
      load->summary = visit_summary (store, visit);
      voids_id = visit->voids_id;
    }
  else
    {
      BfPayment *payment = record;
      load->household_id = g_strdup (payment->household_id);
      load->summary = payment_summary (payment);
      voids_id = payment->voids_id;
    }
  if (voids_id != NULL)
    {
      bf_record_free (load->kind, record);
      g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY,
                           _("This is itself a voiding entry and cannot be voided"));
      return NULL;
    }
  bf_record_free (load->kind, record);
  voids = bf_store_list (store, load->kind, "voids_id", load->record_id, error);
  if (voids == NULL)
    return NULL;
  if (voids->len > 0)
    {
      g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY,
                           _("This entry has already been voided"));
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfVoidDialog *self = BF_VOID_DIALOG (source);
  Load *load = user_data;

  if (load->summary != NULL)
    gtk_label_set_text (GTK_LABEL (self->summary), load->summary);
  self->household_id = g_strdup (load->household_id);
  /* A record that cannot be voided keeps the dialog open, Save off, with the reason shown. */
  if (!bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL))
    return;
  bf_editor_window_set_ready (BF_EDITOR_WINDOW (self), TRUE);
}

/* ---- Checking and saving ---- */

static gboolean
bf_void_dialog_validate (BfEditorWindow *window)
{
  BfVoidDialog *self = BF_VOID_DIALOG (window);
  g_autofree char *reason =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason))));

  bf_editor_window_set_field_error (self->reason_error, *reason == '\0' ?
                                    _("Say why this entry is voided") : NULL);
  return *reason != '\0';
}

typedef struct {
  BfEntityKind kind;
  char        *record_id;
  char        *reason;
} Save;

static void
save_free (gpointer pointer)
{
  Save *save = pointer;

  g_free (save->record_id);
  g_free (save->reason);
  g_free (save);
}

static gpointer
save_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Save *save = data;
  char *void_id = NULL;

  /* A visit's money goes with it: its ledger entry is voided in the same transaction. */
  if (save->kind == BF_ENTITY_VISIT
      ? !bf_visit_void_with_money (store, save->record_id, save->reason, &void_id, error)
      : !bf_store_void (store, save->kind, save->record_id, save->reason, &void_id, error))
    return NULL;
  return void_id;
}

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfVoidDialog *self = BF_VOID_DIALOG (source);
  g_autofree char *id = bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL);

  if (id != NULL)
    bf_editor_window_saved (BF_EDITOR_WINDOW (self), id, self->household_id);
}

static void
bf_void_dialog_save (BfEditorWindow *window)
{
  BfVoidDialog *self = BF_VOID_DIALOG (window);
  Save *save = g_new0 (Save, 1);

  save->kind = self->kind;
  save->record_id = g_strdup (self->record_id);
  save->reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason))));
  bf_editor_window_run (window, TRUE, save_job, save, save_free, save_cb);
}

/* ---- Construction ---- */

static void
input_changed (BfVoidDialog *self)
{
  bf_editor_window_revalidate (BF_EDITOR_WINDOW (self));
}

static void
bf_void_dialog_init (BfVoidDialog *self)
{
  BfEditorWindow *window = BF_EDITOR_WINDOW (self);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *note = gtk_label_new (_("The entry stays in the ledger, marked as voided, and a "
                                     "voiding entry with your reason is added. Enter the "
                                     "correct figures as a new entry."));

  gtk_window_set_default_size (GTK_WINDOW (self), 480, 420);
  bf_editor_window_set_save_label (window, _("_Void"), TRUE);

  self->summary = gtk_label_new (NULL);
  gtk_widget_set_name (self->summary, "summary");
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->summary), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->summary), TRUE);
  gtk_widget_set_focusable (self->summary, FALSE);
  gtk_widget_set_margin_top (self->summary, 12);
  gtk_widget_set_margin_bottom (self->summary, 12);
  gtk_widget_set_margin_start (self->summary, 12);
  gtk_widget_set_margin_end (self->summary, 12);
  gtk_box_append (GTK_BOX (card), self->summary);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (bf_editor_window_get_form (window), card);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (bf_editor_window_get_form (window), note);

  self->reason = gtk_entry_new ();
  gtk_widget_set_name (self->reason, "reason");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->reason),
                                  _("For example: entered twice, wrong amount"));
  self->reason_error = bf_editor_window_add_field (window, _("_Reason for voiding"),
                                                   self->reason, NULL);
  g_signal_connect_swapped (self->reason, "changed", G_CALLBACK (input_changed), self);
  gtk_window_set_focus (GTK_WINDOW (self), self->reason);
}

static void
bf_void_dialog_finalize (GObject *object)
{
  BfVoidDialog *self = BF_VOID_DIALOG (object);

  g_free (self->record_id);
  g_free (self->household_id);
  G_OBJECT_CLASS (bf_void_dialog_parent_class)->finalize (object);
}

static void
bf_void_dialog_class_init (BfVoidDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_void_dialog_finalize;
  BF_EDITOR_WINDOW_CLASS (klass)->validate = bf_void_dialog_validate;
  BF_EDITOR_WINDOW_CLASS (klass)->save = bf_void_dialog_save;
}

BfVoidDialog *
bf_void_dialog_new (BfAppDatabase *database, BfEntityKind kind, const char *record_id)
{
  BfVoidDialog *self;
  Load *load;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);
  g_return_val_if_fail (kind == BF_ENTITY_VISIT || kind == BF_ENTITY_PAYMENT, NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  self = g_object_new (BF_TYPE_VOID_DIALOG, "database", database, NULL);
  self->kind = kind;
  self->record_id = g_strdup (record_id);
  gtk_window_set_title (GTK_WINDOW (self), kind == BF_ENTITY_VISIT ? _("Void visit")
                                                                   : _("Void payment"));
  load = g_new0 (Load, 1);
  load->kind = kind;
  load->record_id = g_strdup (record_id);
  bf_editor_window_run (BF_EDITOR_WINDOW (self), FALSE, load_job, load, load_free, load_cb);
  return self;
}
