/* bf-income-editor.c: a household's per-capita income for a year.
 *
 * Widgets are named "year" and "amount".
 */
#include "bf-config.h"
#include "bf-income-editor.h"

#include <glib/gi18n-lib.h>

#include "bf-editor-common.h"
#include "bf-format.h"
#include "bf-validate.h"

struct _BfIncomeEditor {
  BfEditorWindow parent_instance;
  char          *household_id;
  int            initial_year;
  BfEditorLimits limits;
  GHashTable    *known;          /* year → gint64* fen already recorded */
  gboolean       amount_typed;   /* the user typed: a year change keeps their figure */
  gboolean       filling;

  GtkWidget     *year;
  GtkWidget     *known_label;
  GtkWidget     *amount;
  GtkLabel      *amount_error;
};

G_DEFINE_FINAL_TYPE (BfIncomeEditor, bf_income_editor, BF_TYPE_EDITOR_WINDOW)

/* ---- Loading ---- */

typedef struct {
  char          *household_id;
  char          *head_name;
  BfEditorLimits limits;
  GHashTable    *known;
} Load;

static void
load_free (gpointer pointer)
{
  Load *load = pointer;

  g_free (load->household_id);
  g_free (load->head_name);
  g_clear_pointer (&load->known, g_hash_table_unref);
  g_free (load);
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Load *load = data;
  g_autoptr(BfHousehold) household = bf_household_get (store, load->household_id, error);
  g_autoptr(GPtrArray) incomes = NULL;

  if (household == NULL)
    return NULL;
  load->head_name = g_strdup (household->head_name);
  bf_editor_limits_load (store, &load->limits);
  incomes = bf_household_income_list_by (store, "household_id", load->household_id, error);
  if (incomes == NULL)
    return NULL;
  load->known = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < incomes->len; i++)
    {
      BfHouseholdIncome *income = g_ptr_array_index (incomes, i);

      g_hash_table_insert (load->known, GINT_TO_POINTER (income->year),
                           g_memdup2 (&income->per_capita_fen, sizeof (gint64)));
    }
  return GINT_TO_POINTER (TRUE);
}

static void year_changed (BfIncomeEditor *self);

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfIncomeEditor *self = BF_INCOME_EDITOR (source);
  Load *load = user_data;
  int first, last;

  if (!bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL))
    return;
  self->limits = load->limits;
  self->known = g_hash_table_ref (load->known);
  bf_editor_window_set_subtitle (BF_EDITOR_WINDOW (self), load->head_name);
  /* Incomes are surveyed for the year before the programme, the baseline, onwards. */
  first = g_date_get_year (&self->limits.programme_start) - 1;
  last = g_date_get_year (&self->limits.today);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->year), first, last);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year),
                             self->initial_year > 0 ? self->initial_year : last);
  bf_editor_window_set_ready (BF_EDITOR_WINDOW (self), TRUE);
  year_changed (self);
}

/* ---- Checking and saving ---- */

static int
selected_year (BfIncomeEditor *self)
{
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year));
}

static void
year_changed (BfIncomeEditor *self)
{
  const gint64 *fen = self->known != NULL ?
    g_hash_table_lookup (self->known, GINT_TO_POINTER (selected_year (self))) : NULL;

  if (fen != NULL)
    {
      g_autofree char *money = bf_format_money (*fen);
      g_autofree char *text = g_strdup_printf (_("Recorded for this year: %s. Saving replaces it."),
                                               money);
      gtk_label_set_text (GTK_LABEL (self->known_label), text);
      if (!self->amount_typed)
        {
          g_autofree char *yuan = bf_format_yuan (*fen);

          self->filling = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->amount), yuan);
          self->filling = FALSE;
        }
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->known_label), _("Nothing recorded for this year yet."));
      if (!self->amount_typed)
        {
          self->filling = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->amount), "");
          self->filling = FALSE;
        }
    }
  bf_editor_window_revalidate (BF_EDITOR_WINDOW (self));
}

static gboolean
bf_income_editor_validate (BfEditorWindow *window)
{
  BfIncomeEditor *self = BF_INCOME_EDITOR (window);
  g_autoptr(GError) error = NULL;
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount));
  gint64 fen;

  if (*amount == '\0')
    g_set_error (&error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
                 _("%s must not be empty"), _("Per-capita disposable income"));
  else
    bf_parse_yuan (amount, self->limits.max_amount_fen, _("Per-capita disposable income"),
                   &fen, &error);
  bf_editor_window_set_field_error (self->amount_error, error ? error->message : NULL);
  return error == NULL;
}

static void
save_free (gpointer pointer)
{
  bf_household_income_free (pointer);
}

static gpointer
save_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  BfHouseholdIncome *income = data;
  g_autoptr(BfHouseholdIncome) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fen = NULL;

  existing = bf_household_income_get (store, income->id, &local_error);
  if (existing == NULL)
    {
      if (!g_error_matches (local_error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!bf_household_income_insert (store, income, error))
        return NULL;
      return g_strdup (income->id);
    }
  /* Setting the same figure again changes nothing and logs nothing. */
  if (existing->per_capita_fen != income->per_capita_fen)
    {
      fen = g_strdup_printf ("%" G_GINT64_FORMAT, income->per_capita_fen);
      if (!bf_household_income_set (store, income->id, "per_capita_fen", fen, error))
        return NULL;
    }
  return g_strdup (income->id);
}

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfIncomeEditor *self = BF_INCOME_EDITOR (source);
  g_autofree char *id = bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL);

  if (id != NULL)
    bf_editor_window_saved (BF_EDITOR_WINDOW (self), id, self->household_id);
}

static void
bf_income_editor_save (BfEditorWindow *window)
{
  BfIncomeEditor *self = BF_INCOME_EDITOR (window);
  BfHouseholdIncome *income = g_new0 (BfHouseholdIncome, 1);

  income->household_id = g_strdup (self->household_id);
  income->year = selected_year (self);
  income->id = bf_household_income_id (self->household_id, income->year);
  if (!bf_parse_yuan (gtk_editable_get_text (GTK_EDITABLE (self->amount)),
                      self->limits.max_amount_fen, _("Per-capita disposable income"),
                      &income->per_capita_fen, NULL))
    g_return_if_reached ();
  bf_editor_window_run (window, TRUE, save_job, income, save_free, save_cb);
}

/* ---- Construction ---- */

static void
amount_changed (BfIncomeEditor *self)
{
  if (!self->filling)
    self->amount_typed = TRUE;
  bf_editor_window_revalidate (BF_EDITOR_WINDOW (self));
}

static void
bf_income_editor_init (BfIncomeEditor *self)
{
  BfEditorWindow *window = BF_EDITOR_WINDOW (self);
  GtkWidget *year_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_window_set_title (GTK_WINDOW (self), _("Income for a year"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 360);

  self->year = gtk_spin_button_new_with_range (2000, 2100, 1);
  gtk_widget_set_name (self->year, "year");
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->year), TRUE);
  self->known_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->known_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->known_label), TRUE);
  gtk_widget_add_css_class (self->known_label, "dim-label");
  gtk_box_append (GTK_BOX (year_box), self->year);
  gtk_box_append (GTK_BOX (year_box), self->known_label);
  bf_editor_window_add_field (window, _("_Year"), year_box, self->year);

  self->amount = gtk_entry_new ();
  gtk_widget_set_name (self->amount, "amount");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->amount), _("0.00"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->amount), GTK_INPUT_PURPOSE_NUMBER);
  self->amount_error =
    bf_editor_window_add_field (window, _("_Per-capita disposable income (yuan per year)"),
                                self->amount, NULL);

  g_signal_connect_swapped (self->year, "value-changed", G_CALLBACK (year_changed), self);
  g_signal_connect_swapped (self->amount, "changed", G_CALLBACK (amount_changed), self);
  gtk_window_set_focus (GTK_WINDOW (self), self->year);
}

static void
bf_income_editor_finalize (GObject *object)
{
  BfIncomeEditor *self = BF_INCOME_EDITOR (object);

  g_free (self->household_id);
  g_clear_pointer (&self->known, g_hash_table_unref);
  G_OBJECT_CLASS (bf_income_editor_parent_class)->finalize (object);
}

static void
bf_income_editor_class_init (BfIncomeEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_income_editor_finalize;
  BF_EDITOR_WINDOW_CLASS (klass)->validate = bf_income_editor_validate;
  BF_EDITOR_WINDOW_CLASS (klass)->save = bf_income_editor_save;
}

BfIncomeEditor *
bf_income_editor_new (BfAppDatabase *database, const char *household_id, int year)
{
  BfIncomeEditor *self;
  Load *load;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);
  g_return_val_if_fail (household_id != NULL, NULL);

  self = g_object_new (BF_TYPE_INCOME_EDITOR, "database", database, NULL);
  self->household_id = g_strdup (household_id);
  self->initial_year = year;
  load = g_new0 (Load, 1);
  load->household_id = g_strdup (household_id);
  bf_editor_window_run (BF_EDITOR_WINDOW (self), FALSE, load_job, load, load_free, load_cb);
  return self;
}
