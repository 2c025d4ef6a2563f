/* bf-payment-editor.c: a payment to a household.
 *
 * Widgets are named "date", "source", "giver-cadre", "giver-unit", "purpose", "amount".
 */
#include "bf-config.h"
#include "bf-payment-editor.h"

#include <glib/gi18n-lib.h>

#include "bf-editor-common.h"
#include "bf-format.h"
#include "bf-labels.h"
#include "bf-validate.h"

#define N_SOURCES (BF_SOURCE_OTHER + 1)

struct _BfPaymentEditor {
  BfEditorWindow parent_instance;
  char          *household_id;
  BfEditorLimits limits;
  GPtrArray     *cadre_ids;
  GPtrArray     *unit_ids;

  GtkWidget     *date;
  GtkWidget     *date_hint;
  GtkLabel      *date_error;
  GtkWidget     *source;
  GtkWidget     *cadre_field;
  GtkWidget     *cadre;
  GtkLabel      *cadre_error;
  GtkWidget     *unit_field;
  GtkWidget     *unit;
  GtkLabel      *unit_error;
  GtkWidget     *purpose;
  GtkWidget     *amount;
  GtkLabel      *amount_error;
};

G_DEFINE_FINAL_TYPE (BfPaymentEditor, bf_payment_editor, BF_TYPE_EDITOR_WINDOW)

/* ---- Loading: today, the household's cadres and the units ---- */

typedef struct {
  char          *household_id;
  char          *head_name;
  BfEditorLimits limits;
  GPtrArray     *cadre_ids, *cadre_names;
  GPtrArray     *unit_ids, *unit_names;
} Load;

static void
load_free (gpointer pointer)
{
  Load *load = pointer;

  g_free (load->household_id);
  g_free (load->head_name);
  g_clear_pointer (&load->cadre_ids, g_ptr_array_unref);
  g_clear_pointer (&load->cadre_names, g_ptr_array_unref);
  g_clear_pointer (&load->unit_ids, g_ptr_array_unref);
  g_clear_pointer (&load->unit_names, g_ptr_array_unref);
  g_free (load);
}

static void
add_cadre (BfStore *store, Load *load, const char *cadre_id)
{
  g_autoptr(BfCadre) cadre = NULL;

  if (cadre_id == NULL)
    return;
  for (guint i = 0; i < load->cadre_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (load->cadre_ids, i), cadre_id) == 0)
      return;
  cadre = bf_cadre_get (store, cadre_id, NULL);
  if (cadre == NULL)
    return;
  g_ptr_array_add (load->cadre_ids, g_strdup (cadre_id));
  g_ptr_array_add (load->cadre_names, g_strdup (cadre->name));
}

static int
compare_unit_names (gconstpointer a, gconstpointer b)
{
  const BfUnit *ua = *(BfUnit * const *) a;
  const BfUnit *ub = *(BfUnit * const *) b;

  return g_utf8_collate (ua->name, ub->name);
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Load *load = data;
  g_autoptr(BfHousehold) household = bf_household_get (store, load->household_id, error);
  g_autoptr(GPtrArray) pairings = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *me = NULL;

  if (household == NULL)
    return NULL;
  load->head_name = g_strdup (household->head_name);
  bf_editor_limits_load (store, &load->limits);
  load->cadre_ids = g_ptr_array_new_with_free_func (g_free);
  load->cadre_names = g_ptr_array_new_with_free_func (g_free);
  load->unit_ids = g_ptr_array_new_with_free_func (g_free);
  load->unit_names = g_ptr_array_new_with_free_func (g_free);
  me = bf_current_cadre_id (store);
  add_cadre (store, load, me);
  pairings = bf_pairing_list_by (store, "household_id", load->household_id, error);
  if (pairings == NULL)
    return NULL;
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < pairings->len; i++)
      {
        BfPairing *pairing = g_ptr_array_index (pairings, i);

        if ((pairing->to_date == NULL) == (pass == 0))
          add_cadre (store, load, pairing->cadre_id);
      }
  units = bf_unit_list_by (store, NULL, NULL, error);
  if (units == NULL)
    return NULL;
  g_ptr_array_sort (units, compare_unit_names);
  for (guint i = 0; i < units->len; i++)
    {
      BfUnit *unit = g_ptr_array_index (units, i);

      g_ptr_array_add (load->unit_ids, g_strdup (unit->id));
      g_ptr_array_add (load->unit_names, g_strdup (unit->name));
    }
  return GINT_TO_POINTER (TRUE);
}

static void
set_choices (GtkWidget *drop_down, GPtrArray *names)
{
  g_autoptr(GtkStringList) list = NULL;

  g_ptr_array_add (names, NULL);
  list = gtk_string_list_new ((const char *const *) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  gtk_drop_down_set_model (GTK_DROP_DOWN (drop_down), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), names->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfPaymentEditor *self = BF_PAYMENT_EDITOR (source);
  Load *load = user_data;
  g_autofree char *today = NULL;

  if (!bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL))
    return;
  self->limits = load->limits;
  bf_editor_window_set_subtitle (BF_EDITOR_WINDOW (self), load->head_name);
  today = bf_format_iso_date (&load->limits.today);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->date)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->date), today);
  self->cadre_ids = g_ptr_array_ref (load->cadre_ids);
  self->unit_ids = g_ptr_array_ref (load->unit_ids);
  set_choices (self->cadre, load->cadre_names);
  set_choices (self->unit, load->unit_names);
  bf_editor_window_set_ready (BF_EDITOR_WINDOW (self), TRUE);
}

/* ---- Checking and saving ---- */

static BfPaymentSource
selected_source (BfPaymentEditor *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->source));

  return selected < N_SOURCES ? (BfPaymentSource) selected : BF_SOURCE_OTHER;
}

/* The id chosen in @drop_down from @ids, or NULL. */
static const char *
selected_id (GtkWidget *drop_down, GPtrArray *ids)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  if (ids == NULL || selected >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, selected);
}

static gboolean
bf_payment_editor_validate (BfEditorWindow *window)
{
  BfPaymentEditor *self = BF_PAYMENT_EDITOR (window);
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) amount_error = NULL;
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date));
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount));
  g_autofree char *hint = bf_editor_date_hint (date);
  BfPaymentSource source = selected_source (self);
  gboolean giver_ok = TRUE;
  gint64 fen = 0;

  gtk_label_set_text (GTK_LABEL (self->date_hint), hint != NULL ? hint : "");
  bf_editor_check_date (date, _("Payment date"), &self->limits, TRUE, NULL, &date_error);
  bf_editor_window_set_field_error (self->date_error, date_error ? date_error->message : NULL);

  gtk_widget_set_visible (self->cadre_field, source == BF_SOURCE_CADRE);
  gtk_widget_set_visible (self->unit_field, source == BF_SOURCE_UNIT);
  bf_editor_window_set_field_error (self->cadre_error, NULL);
  bf_editor_window_set_field_error (self->unit_error, NULL);
  if (source == BF_SOURCE_CADRE && selected_id (self->cadre, self->cadre_ids) == NULL)
    {
      bf_editor_window_set_field_error (self->cadre_error,
                                        _("Money from a cadre needs the cadre who gave it"));
      giver_ok = FALSE;
    }
  if (source == BF_SOURCE_UNIT && selected_id (self->unit, self->unit_ids) == NULL)
    {
      bf_editor_window_set_field_error (self->unit_error,
                                        _("Money from a unit needs the unit that gave it"));
      giver_ok = FALSE;
    }

  if (*amount == '\0')
    g_set_error (&amount_error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
                 _("%s must not be empty"), _("Amount"));
  else if (bf_parse_yuan (amount, self->limits.max_amount_fen, _("Amount"), &fen, &amount_error) &&
           fen == 0)
    g_set_error (&amount_error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                 _("A payment of nothing is not a payment: enter the amount paid"));
  bf_editor_window_set_field_error (self->amount_error,
                                    amount_error ? amount_error->message : NULL);
  return date_error == NULL && amount_error == NULL && giver_ok;
}

static gpointer
save_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  BfPayment *payment = data;

  if (!bf_payment_insert (store, payment, error))
    return NULL;
  return g_strdup (payment->id);
}

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfPaymentEditor *self = BF_PAYMENT_EDITOR (source);
  g_autofree char *id = bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL);

  if (id != NULL)
    bf_editor_window_saved (BF_EDITOR_WINDOW (self), id, self->household_id);
}

static void
free_payment (gpointer payment)
{
  bf_payment_free (payment);
}

static void
bf_payment_editor_save (BfEditorWindow *window)
{
  BfPaymentEditor *self = BF_PAYMENT_EDITOR (window);
  BfPayment *payment = g_new0 (BfPayment, 1);
  g_autofree char *purpose =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->purpose))));

  payment->household_id = g_strdup (self->household_id);
  payment->date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date))));
  payment->source = selected_source (self);
  payment->purpose = *purpose != '\0' ? g_steal_pointer (&purpose) : NULL;
  if (payment->source == BF_SOURCE_CADRE)
    payment->cadre_id = g_strdup (selected_id (self->cadre, self->cadre_ids));
  if (payment->source == BF_SOURCE_UNIT)
    payment->unit_id = g_strdup (selected_id (self->unit, self->unit_ids));
  /* validate() accepted the amount. */
  if (!bf_parse_yuan (gtk_editable_get_text (GTK_EDITABLE (self->amount)),
                      self->limits.max_amount_fen, _("Amount"), &payment->amount_fen, NULL))
    g_return_if_reached ();
  bf_editor_window_run (window, TRUE, save_job, payment, free_payment, save_cb);
}

/* ---- Construction ---- */

static void
input_changed (BfPaymentEditor *self)
{
  bf_editor_window_revalidate (BF_EDITOR_WINDOW (self));
}

static void
bf_payment_editor_init (BfPaymentEditor *self)
{
  BfEditorWindow *window = BF_EDITOR_WINDOW (self);
  GtkWidget *date_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *sources[N_SOURCES + 1] = { NULL };

  gtk_window_set_title (GTK_WINDOW (self), _("New payment"));

  self->date = gtk_entry_new ();
  gtk_widget_set_name (self->date, "date");
  gtk_widget_set_hexpand (self->date, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->date), _("YYYY-MM-DD"));
  self->date_hint = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->date_hint, "dim-label");
  gtk_box_append (GTK_BOX (date_box), self->date);
  gtk_box_append (GTK_BOX (date_box), self->date_hint);
  self->date_error = bf_editor_window_add_field (window, _("_Date"), date_box, self->date);

  for (int i = 0; i < N_SOURCES; i++)
    sources[i] = bf_label_source ((BfPaymentSource) i);
  self->source = bf_editor_drop_down_new (sources);
  gtk_widget_set_name (self->source, "source");
  bf_editor_window_add_field (window, _("_Source of funds"), self->source, NULL);

  self->cadre = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (self->cadre, "giver-cadre");
  self->cadre_error = bf_editor_window_add_field (window, _("Giving _cadre"), self->cadre, NULL);
  self->cadre_field = gtk_widget_get_parent (self->cadre);

  self->unit = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (self->unit, "giver-unit");
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->unit), TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (self->unit),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  self->unit_error = bf_editor_window_add_field (window, _("Giving _unit"), self->unit, NULL);
  self->unit_field = gtk_widget_get_parent (self->unit);

  self->purpose = gtk_entry_new ();
  gtk_widget_set_name (self->purpose, "purpose");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->purpose),
                                  _("What the money is for, such as seedlings"));
  bf_editor_window_add_field (window, _("_Purpose"), self->purpose, NULL);

  self->amount = gtk_entry_new ();
  gtk_widget_set_name (self->amount, "amount");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->amount), _("0.00"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->amount), GTK_INPUT_PURPOSE_NUMBER);
  self->amount_error = bf_editor_window_add_field (window, _("_Amount (yuan)"), self->amount,
                                                   NULL);

  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (input_changed), self);
  g_signal_connect_swapped (self->amount, "changed", G_CALLBACK (input_changed), self);
  g_signal_connect_swapped (self->source, "notify::selected", G_CALLBACK (input_changed), self);
  g_signal_connect_swapped (self->cadre, "notify::selected", G_CALLBACK (input_changed), self);
  g_signal_connect_swapped (self->unit, "notify::selected", G_CALLBACK (input_changed), self);
  gtk_widget_set_visible (self->cadre_field, FALSE);
  gtk_widget_set_visible (self->unit_field, FALSE);
  gtk_window_set_focus (GTK_WINDOW (self), self->date);
}

static void
bf_payment_editor_finalize (GObject *object)
{
  BfPaymentEditor *self = BF_PAYMENT_EDITOR (object);

  g_free (self->household_id);
  g_clear_pointer (&self->cadre_ids, g_ptr_array_unref);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (bf_payment_editor_parent_class)->finalize (object);
}

static void
bf_payment_editor_class_init (BfPaymentEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_payment_editor_finalize;
  BF_EDITOR_WINDOW_CLASS (klass)->validate = bf_payment_editor_validate;
  BF_EDITOR_WINDOW_CLASS (klass)->save = bf_payment_editor_save;
}

BfPaymentEditor *
bf_payment_editor_new (BfAppDatabase *database, const char *household_id)
{
  BfPaymentEditor *self;
  Load *load;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);
  g_return_val_if_fail (household_id != NULL, NULL);

  self = g_object_new (BF_TYPE_PAYMENT_EDITOR, "database", database, NULL);
  self->household_id = g_strdup (household_id);
  load = g_new0 (Load, 1);
  load->household_id = g_strdup (household_id);
  bf_editor_window_run (BF_EDITOR_WINDOW (self), FALSE, load_job, load, load_free, load_cb);
  return self;
}
