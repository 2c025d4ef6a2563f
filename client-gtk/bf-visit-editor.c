/* bf-visit-editor.c: 新增走访.
 *
 * Widgets carry names ("date", "cadre", "kind-N", "description", "amount") so that tests and
 * accessibility tools can find them.
 */
#include "bf-config.h"
#include "bf-visit-editor.h"

#include <glib/gi18n-lib.h>

#include "bf-editor-common.h"
#include "bf-format.h"
#include "bf-labels.h"
#include "bf-validate.h"

struct _BfVisitEditor {
  BfEditorWindow parent_instance;
  char          *household_id;
  BfEditorLimits limits;
  GPtrArray     *cadre_ids;        /* in the drop-down's order */

  GtkWidget     *date;
  GtkWidget     *date_hint;
  GtkLabel      *date_error;
  GtkWidget     *cadre;
  GtkLabel      *cadre_error;
  GtkWidget     *kinds[BF_N_HELP_KINDS];
  GtkWidget     *description;
  GtkWidget     *amount;
  GtkLabel      *amount_error;
};

G_DEFINE_FINAL_TYPE (BfVisitEditor, bf_visit_editor, BF_TYPE_EDITOR_WINDOW)

/* ---- Loading: the household, today, and who may be named as the cadre ---- */

typedef struct {
  char          *household_id;
  char          *head_name;
  BfEditorLimits limits;
  GPtrArray     *cadre_ids;
  GPtrArray     *cadre_names;
  gboolean       is_current_user;
} Load;

static void
load_free (gpointer pointer)
{
  Load *load = pointer;

  g_free (load->household_id);
  g_free (load->head_name);
  g_clear_pointer (&load->cadre_ids, g_ptr_array_unref);
  g_clear_pointer (&load->cadre_names, g_ptr_array_unref);
  g_free (load);
}

static void
add_cadre (BfStore *store, Load *load, const char *cadre_id)
{
  g_autoptr(BfCadre) cadre = NULL;

  for (guint i = 0; i < load->cadre_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (load->cadre_ids, i), cadre_id) == 0)
      return;
  cadre = bf_cadre_get (store, cadre_id, NULL);
  if (cadre == NULL)
    return;
  g_ptr_array_add (load->cadre_ids, g_strdup (cadre_id));
  g_ptr_array_add (load->cadre_names, g_strdup (cadre->name));
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Load *load = data;
  g_autoptr(BfHousehold) household = bf_household_get (store, load->household_id, error);
  g_autoptr(GPtrArray) pairings = NULL;
  g_autofree char *me = NULL;

  if (household == NULL)
    return NULL;
  load->head_name = g_strdup (household->head_name);
  bf_editor_limits_load (store, &load->limits);
  load->cadre_ids = g_ptr_array_new_with_free_func (g_free);
  load->cadre_names = g_ptr_array_new_with_free_func (g_free);
  me = bf_current_cadre_id (store);
  if (me != NULL)
    {
      /* A cadre records their own visits, paired with the household or standing in. */
      add_cadre (store, load, me);
      load->is_current_user = TRUE;
      return GINT_TO_POINTER (TRUE);
    }
  pairings = bf_pairing_list_by (store, "household_id", load->household_id, error);
  if (pairings == NULL)
    return NULL;
  /* Current pairings first, then earlier ones (a visit may be entered late). */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < pairings->len; i++)
      {
        BfPairing *pairing = g_ptr_array_index (pairings, i);

        if ((pairing->to_date == NULL) == (pass == 0))
          add_cadre (store, load, pairing->cadre_id);
      }
  return GINT_TO_POINTER (TRUE);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfVisitEditor *self = BF_VISIT_EDITOR (source);
  Load *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GtkStringList) names = NULL;

  if (!bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, &error))
    return;
  self->limits = load->limits;
  bf_editor_window_set_subtitle (BF_EDITOR_WINDOW (self), load->head_name);
  today = bf_format_iso_date (&load->limits.today);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->date)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->date), today);
  self->cadre_ids = g_ptr_array_ref (load->cadre_ids);
  g_ptr_array_add (load->cadre_names, NULL);
  names = gtk_string_list_new ((const char *const *) load->cadre_names->pdata);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->cadre), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->cadre), 0);
  /* The current user is the cadre; only a clerk chooses. */
  gtk_widget_set_sensitive (self->cadre, !load->is_current_user && load->cadre_ids->len > 1);
  bf_editor_window_set_ready (BF_EDITOR_WINDOW (self), TRUE);
}

/* ---- Checking and saving ---- */

static gboolean
bf_visit_editor_validate (BfEditorWindow *window)
{
  BfVisitEditor *self = BF_VISIT_EDITOR (window);
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) amount_error = NULL;
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date));
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount));
  g_autofree char *hint = bf_editor_date_hint (date);
  gboolean has_cadre = self->cadre_ids != NULL && self->cadre_ids->len > 0;
  gint64 fen = 0;

  gtk_label_set_text (GTK_LABEL (self->date_hint), hint != NULL ? hint : "");
  bf_editor_check_date (date, _("Visit date"), &self->limits, TRUE, NULL, &date_error);
  bf_editor_window_set_field_error (self->date_error, date_error ? date_error->message : NULL);
  bf_editor_window_set_field_error (self->cadre_error, has_cadre ? NULL :
                                    _("No cadre is paired with this household, so no visit "
                                      "can be recorded"));
  /* Empty means no money was handed over. */
  if (*amount != '\0')
    bf_parse_yuan (amount, self->limits.max_amount_fen, _("Money handed over"), &fen,
                   &amount_error);
  bf_editor_window_set_field_error (self->amount_error,
                                    amount_error ? amount_error->message : NULL);
  return date_error == NULL && amount_error == NULL && has_cadre;
}

typedef struct {
  BfVisit   *visit;
  BfPayment *payment;    /* the money handed over, for the fund ledger; NULL for none */
} Save;

static void
save_free (gpointer pointer)
{
  Save *save = pointer;

  bf_visit_free (save->visit);
  if (save->payment != NULL)
    bf_payment_free (save->payment);
  g_free (save);
}

/* Every yuan is in the fund ledger (as bangfu-cli's visit add and the demo do): money handed
 * over on a visit is also a payment from the cadre, written in the same transaction. */
static gpointer
save_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Save *save = data;

  if (!bf_store_begin (store, error))
    return NULL;
  if (!bf_visit_insert (store, save->visit, error) ||
      (save->payment != NULL && !bf_payment_insert (store, save->payment, error)) ||
      !bf_store_commit (store, error))
    {
      bf_store_rollback (store);
      return NULL;
    }
  return g_strdup (save->visit->id);
}

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfVisitEditor *self = BF_VISIT_EDITOR (source);
  g_autofree char *id = bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL);

  if (id != NULL)
    bf_editor_window_saved (BF_EDITOR_WINDOW (self), id, self->household_id);
}

static void
bf_visit_editor_save (BfEditorWindow *window)
{
  BfVisitEditor *self = BF_VISIT_EDITOR (window);
  BfVisit *visit = g_new0 (BfVisit, 1);
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description));
  GtkTextIter start, end;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->cadre));
  g_autofree char *description = NULL;
  Save *save;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  visit->household_id = g_strdup (self->household_id);
  visit->cadre_id = g_strdup (g_ptr_array_index (self->cadre_ids,
                                                 MIN (selected, self->cadre_ids->len - 1)));
  visit->date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date))));
  for (guint i = 0; i < BF_N_HELP_KINDS; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->kinds[i])))
      visit->kinds |= 1u << i;
  visit->description = *description != '\0' ? g_steal_pointer (&description) : NULL;
  /* validate() accepted the amount, so this parse cannot fail. */
  if (*amount != '\0' &&
      !bf_parse_yuan (amount, self->limits.max_amount_fen, _("Money handed over"),
                      &visit->amount_fen, NULL))
    g_return_if_reached ();
  save = g_new0 (Save, 1);
  save->visit = visit;
  if (visit->amount_fen > 0)
    {
      visit->kinds |= BF_HELP_FUNDS;
      save->payment = g_new0 (BfPayment, 1);
      save->payment->date = g_strdup (visit->date);
      save->payment->household_id = g_strdup (visit->household_id);
      save->payment->source = BF_SOURCE_CADRE;
      save->payment->cadre_id = g_strdup (visit->cadre_id);
      save->payment->amount_fen = visit->amount_fen;
      save->payment->purpose = g_strdup (visit->description != NULL ? visit->description
                                                                    : _("Handed over on a visit"));
    }
  bf_editor_window_run (window, TRUE, save_job, save, save_free, save_cb);
}

/* ---- Construction ---- */

static void
input_changed (BfVisitEditor *self)
{
  bf_editor_window_revalidate (BF_EDITOR_WINDOW (self));
}

static void
kind_activated (GtkFlowBox *box, GtkFlowBoxChild *child, BfVisitEditor *self)
{
  GtkCheckButton *check = GTK_CHECK_BUTTON (gtk_flow_box_child_get_child (child));

  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
bf_visit_editor_init (BfVisitEditor *self)
{
  BfEditorWindow *window = BF_EDITOR_WINDOW (self);
  GtkWidget *date_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *kinds = gtk_flow_box_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("New visit"));

  self->date = gtk_entry_new ();
  gtk_widget_set_name (self->date, "date");
  gtk_widget_set_hexpand (self->date, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->date), _("YYYY-MM-DD"));
  gtk_entry_set_activates_default (GTK_ENTRY (self->date), FALSE);
  self->date_hint = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->date_hint, "dim-label");
  gtk_box_append (GTK_BOX (date_box), self->date);
  gtk_box_append (GTK_BOX (date_box), self->date_hint);
  self->date_error = bf_editor_window_add_field (window, _("_Date"), date_box, self->date);

  self->cadre = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (self->cadre, "cadre");
  self->cadre_error = bf_editor_window_add_field (window, _("C_adre"), self->cadre, NULL);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (kinds), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (kinds), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (kinds), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (kinds), 5);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (kinds), FALSE);
  g_signal_connect (kinds, "child-activated", G_CALLBACK (kind_activated), self);
  for (guint i = 0; i < BF_N_HELP_KINDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("kind-%u", i);
      g_autofree char *label = bf_label_help_kinds (1u << i);

      self->kinds[i] = gtk_check_button_new_with_label (label);
      gtk_widget_set_name (self->kinds[i], name);
      gtk_flow_box_append (GTK_FLOW_BOX (kinds), self->kinds[i]);
    }
  bf_editor_window_add_field (window, _("_Kinds of help"), kinds, self->kinds[0]);

  self->description = gtk_text_view_new ();
  gtk_widget_set_name (self->description, "description");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->description), GTK_WRAP_WORD_CHAR);
  /* Tab leaves the field: the dialog is filled in with the keyboard alone. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->description), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->description), 6);
  gtk_widget_set_size_request (self->description, -1, 80);
  gtk_frame_set_child (GTK_FRAME (frame), self->description);
  bf_editor_window_add_field (window, _("D_escription"), frame, self->description);

  self->amount = gtk_entry_new ();
  gtk_widget_set_name (self->amount, "amount");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->amount), _("0.00"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->amount), GTK_INPUT_PURPOSE_NUMBER);
  self->amount_error = bf_editor_window_add_field (window, _("_Money handed over (yuan)"),
                                                   self->amount, NULL);

  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (input_changed), self);
  g_signal_connect_swapped (self->amount, "changed", G_CALLBACK (input_changed), self);
  gtk_window_set_focus (GTK_WINDOW (self), self->date);
}

static void
bf_visit_editor_finalize (GObject *object)
{
  BfVisitEditor *self = BF_VISIT_EDITOR (object);

  g_free (self->household_id);
  g_clear_pointer (&self->cadre_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (bf_visit_editor_parent_class)->finalize (object);
}

static void
bf_visit_editor_class_init (BfVisitEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_visit_editor_finalize;
  BF_EDITOR_WINDOW_CLASS (klass)->validate = bf_visit_editor_validate;
  BF_EDITOR_WINDOW_CLASS (klass)->save = bf_visit_editor_save;
}

BfVisitEditor *
bf_visit_editor_new (BfAppDatabase *database, const char *household_id)
{
  BfVisitEditor *self;
  Load *load;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);
  g_return_val_if_fail (household_id != NULL, NULL);

  self = g_object_new (BF_TYPE_VISIT_EDITOR, "database", database, NULL);
  self->household_id = g_strdup (household_id);
  load = g_new0 (Load, 1);
  load->household_id = g_strdup (household_id);
  bf_editor_window_run (BF_EDITOR_WINDOW (self), FALSE, load_job, load, load_free, load_cb);
  return self;
}
