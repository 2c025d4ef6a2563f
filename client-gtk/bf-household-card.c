/* bf-household-card.c: the card's fields, each with its own error line. */
#include "bf-config.h"
#include "bf-household-card.h"

#include <glib/gi18n.h>

#include "bf-format.h"
#include "bf-labels.h"
#include "bf-schema.h"
#include "bf-validate.h"

typedef enum { KIND_TEXT, KIND_PHONE, KIND_DATE, KIND_YEAR, KIND_ENUM, KIND_BOOL } FieldKind;

typedef struct {
  const char *name;      /* the schema's field */
  const char *label;     /* N_() */
  FieldKind   kind;
} FieldSpec;

static const FieldSpec field_specs[] = {
  { "head_name", N_("Head of household"), KIND_TEXT },
  { "category", N_("Category"), KIND_ENUM },
  { "labour", N_("Labour ability"), KIND_ENUM },
  { "status", N_("Status"), KIND_ENUM },
  { "address", N_("Address"), KIND_TEXT },
  { "phone", N_("Phone"), KIND_PHONE },
  { "registered_on", N_("Registered on"), KIND_DATE },
  { "exit_year", N_("Exit year"), KIND_YEAR },
  { "consent_publish", N_("Consent to publish"), KIND_BOOL },
};

typedef struct {
  BfHouseholdCard *card;
  const FieldSpec *spec;
  GtkWidget       *row;
  GtkWidget       *error_row;
  GtkLabel        *error_label;
  GtkSwitch       *toggle;      /* KIND_BOOL */
  char            *saved;       /* the value last shown or saved, canonical text */
} Field;

struct _BfHouseholdCard {
  AdwPreferencesGroup parent_instance;
  BfAppDatabase      *database;
  char               *household_id;
  AdwActionRow       *village_row;
  Field               fields[G_N_ELEMENTS (field_specs)];
  gboolean            loading;   /* filling the rows: not an edit */
  gboolean            disposed;  /* a save that returns later finds no rows */
};

G_DEFINE_FINAL_TYPE (BfHouseholdCard, bf_household_card, ADW_TYPE_PREFERENCES_GROUP)

GtkWidget *
bf_household_card_new (void)
{
  return g_object_new (BF_TYPE_HOUSEHOLD_CARD, NULL);
}

void
bf_household_card_set_database (BfHouseholdCard *self, BfAppDatabase *database)
{
  g_set_object (&self->database, database);
}

static void
set_error (Field *field, const char *message)
{
  gboolean has = message != NULL && *message != '\0';

  gtk_label_set_text (field->error_label, has ? message : "");
  gtk_widget_set_visible (field->error_row, has);
  if (has)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
}

static const char * const *
enum_codes (const char *name)
{
  if (g_str_equal (name, "category"))
    return bf_category_codes;
  if (g_str_equal (name, "labour"))
    return bf_labour_codes;
  return bf_status_codes;
}

static const char * const *
enum_labels (const char *name)
{
  if (g_str_equal (name, "category"))
    return bf_labels_categories ();
  if (g_str_equal (name, "labour"))
    return bf_labels_labours ();
  return bf_labels_statuses ();
}

/* ---- saving ---- */

typedef struct {
  char *household_id;
  char *field;
  char *text;
} SaveJob;

static void
save_job_free (gpointer pointer)
{
  SaveJob *job = pointer;

  g_free (job->household_id);
  g_free (job->field);
  g_free (job->text);
  g_free (job);
}

static gpointer
save_field_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  SaveJob *job = data;

  if (!bf_store_update_field (store, BF_ENTITY_HOUSEHOLD, job->household_id, job->field,
                              job->text, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

typedef struct {
  BfHouseholdCard *card;
  guint            field;
  char            *household_id;
  char            *text;
} SaveCall;

static void
field_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveCall *call = user_data;
  BfHouseholdCard *self = call->card;
  Field *field = &self->fields[call->field];
  g_autoptr(GError) error = NULL;

  if (bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error) == NULL)
    {
      if (!self->disposed)
        set_error (field, error->message);
    }
  else
    {
      const char *ids[] = { call->household_id, NULL };

      if (!self->disposed)
        set_error (field, NULL);
      g_free (field->saved);
      field->saved = g_strdup (call->text);
      bf_app_database_notify_changed (BF_APP_DATABASE (source), ids);
    }
  g_free (call->household_id);
  g_free (call->text);
  g_object_unref (call->card);
  g_free (call);
}

static void
save (BfHouseholdCard *self, Field *field, const char *text)
{
  SaveJob *job;
  SaveCall *call;

  if (self->database == NULL || self->household_id == NULL)
    return;
  if (g_strcmp0 (text, field->saved) == 0)
    {
      set_error (field, NULL);
      return;
    }
  job = g_new0 (SaveJob, 1);
  job->household_id = g_strdup (self->household_id);
  job->field = g_strdup (field->spec->name);
  job->text = g_strdup (text);
  call = g_new0 (SaveCall, 1);
  call->card = g_object_ref (self);
  call->field = (guint) (field - self->fields);
  call->household_id = g_strdup (self->household_id);
  call->text = g_strdup (text);
  bf_app_database_run (self->database, save_field_job, job, save_job_free, NULL, field_saved,
                       call);
}

/* What the user typed, checked and made canonical the way the store will want it; NULL with
 * @error set when it cannot be right. */
static char *
check_typed (const Field *field, const char *typed, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));
  const char *label = _(field->spec->label);

  switch (field->spec->kind)
    {
    case KIND_PHONE:
      return *text == '\0' ? g_strdup ("") : bf_phone_normalize (text, error);
    case KIND_DATE:
      {
        GDate date, today;

        if (*text == '\0')
          return g_strdup ("");
        if (!bf_parse_date_typed (text, label, &date, error))
          return NULL;
        bf_today (&today);
        if (!bf_validate_date_between (&date, NULL, &today, label, error))
          return NULL;
        return bf_format_iso_date (&date);
      }
    case KIND_YEAR:
      {
        guint64 year = 0;

        if (*text == '\0')
          return g_strdup ("0");
        if (!g_ascii_string_to_unsigned (text, 10, 0, 2100, &year, NULL))
          {
            g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                         _("%s must be a year such as 2017, not “%s”"), label, text);
            return NULL;
          }
        return g_strdup_printf ("%u", (guint) year);
      }
    case KIND_TEXT:
    case KIND_ENUM:
    case KIND_BOOL:
    default:
      return g_steal_pointer (&text);
    }
}

static void
on_entry_apply (AdwEntryRow *row, Field *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = check_typed (field, gtk_editable_get_text (GTK_EDITABLE (row)), &error);

  if (text == NULL)
    {
      set_error (field, error->message);
      return;
    }
  save (field->card, field, text);
}

static void
on_combo_selected (AdwComboRow *row, GParamSpec *pspec, Field *field)
{
  guint at = adw_combo_row_get_selected (row);

  if (field->card->loading || at == GTK_INVALID_LIST_POSITION)
    return;
  save (field->card, field, enum_codes (field->spec->name)[at]);
}

static void
on_switch_active (GtkSwitch *toggle, GParamSpec *pspec, Field *field)
{
  if (field->card->loading)
    return;
  save (field->card, field, gtk_switch_get_active (toggle) ? "true" : "false");
}

/* ---- showing ---- */

static char *
household_text (const BfHousehold *household, const char *name)
{
  const BfFieldDef *def = bf_entity_field (bf_entity_def (BF_ENTITY_HOUSEHOLD), name);
  return bf_record_get_text (def, household);
}

void
bf_household_card_show (BfHouseholdCard *self, const BfHouseholdDetail *detail)
{
  const BfHousehold *household = detail->household;
  gboolean same = g_strcmp0 (self->household_id, household->id) == 0;
  g_autofree char *place = g_strdup_printf ("%s·%s", detail->village_name ? detail->village_name : "",
                                            detail->town_name ? detail->town_name : "");

  g_free (self->household_id);
  self->household_id = g_strdup (household->id);
  adw_action_row_set_subtitle (self->village_row, place);
  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *text = household_text (household, field->spec->name);

      /* Another household: forget any refused input. The same one reloading after a save
       * elsewhere: keep a field that still shows an error, so nothing typed is lost. */
      if (same && gtk_widget_get_visible (field->error_row))
        continue;
      set_error (field, NULL);
      g_free (field->saved);
      field->saved = g_strdup (text ? text : "");
      switch (field->spec->kind)
        {
        case KIND_ENUM:
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->row),
                                      (guint) MAX (0, bf_code_index (enum_codes (field->spec->name), text)));
          break;
        case KIND_BOOL:
          gtk_switch_set_active (field->toggle, g_strcmp0 (text, "true") == 0);
          break;
        case KIND_YEAR:
          gtk_editable_set_text (GTK_EDITABLE (field->row),
                                 g_strcmp0 (text, "0") == 0 ? "" : text);
          break;
        case KIND_DATE:
          {
            /* Shown as a cadre writes it, 2017年3月5日; typed either way. */
            g_autofree char *shown = text && *text ? bf_format_iso_date_zh (text) : NULL;
            gtk_editable_set_text (GTK_EDITABLE (field->row), shown ? shown : (text ? text : ""));
            break;
          }
        case KIND_TEXT:
        case KIND_PHONE:
        default:
          gtk_editable_set_text (GTK_EDITABLE (field->row), text ? text : "");
          break;
        }
    }
  self->loading = FALSE;
}

static Field *
find_field (BfHouseholdCard *self, const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if (g_str_equal (self->fields[i].spec->name, name))
      return &self->fields[i];
  return NULL;
}

GtkWidget *
bf_household_card_get_field_row (BfHouseholdCard *self, const char *name)
{
  Field *field = find_field (self, name);
  return field != NULL ? field->row : NULL;
}

const char *
bf_household_card_get_field_error (BfHouseholdCard *self, const char *name)
{
  Field *field = find_field (self, name);

  if (field == NULL || !gtk_widget_get_visible (field->error_row))
    return NULL;
  return gtk_label_get_text (field->error_label);
}

/* ---- building ---- */

static GtkWidget *
make_row (Field *field)
{
  const char *title = _(field->spec->label);

  switch (field->spec->kind)
    {
    case KIND_ENUM:
      {
        GtkWidget *row = adw_combo_row_new ();
        g_autoptr(GtkStringList) labels = gtk_string_list_new (enum_labels (field->spec->name));

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), field);
        return row;
      }
    case KIND_BOOL:
      {
        GtkWidget *row = adw_action_row_new ();

        field->toggle = GTK_SWITCH (gtk_switch_new ());
        gtk_widget_set_valign (GTK_WIDGET (field->toggle), GTK_ALIGN_CENTER);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (field->toggle));
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (field->toggle));
        g_signal_connect (field->toggle, "notify::active", G_CALLBACK (on_switch_active), field);
        return row;
      }
    case KIND_TEXT:
    case KIND_PHONE:
    case KIND_DATE:
    case KIND_YEAR:
    default:
      {
        GtkWidget *row = adw_entry_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
        if (field->spec->kind == KIND_PHONE || field->spec->kind == KIND_YEAR)
          adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), field->spec->kind == KIND_PHONE
                                           ? GTK_INPUT_PURPOSE_PHONE : GTK_INPUT_PURPOSE_DIGITS);
        g_signal_connect (row, "apply", G_CALLBACK (on_entry_apply), field);
        return row;
      }
    }
}

static void
bf_household_card_dispose (GObject *object)
{
  BfHouseholdCard *self = BF_HOUSEHOLD_CARD (object);

  self->disposed = TRUE;
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_household_card_parent_class)->dispose (object);
}

static void
bf_household_card_finalize (GObject *object)
{
  BfHouseholdCard *self = BF_HOUSEHOLD_CARD (object);

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    g_free (self->fields[i].saved);
  g_free (self->household_id);
  G_OBJECT_CLASS (bf_household_card_parent_class)->finalize (object);
}

static void
bf_household_card_class_init (BfHouseholdCardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bf_household_card_dispose;
  G_OBJECT_CLASS (klass)->finalize = bf_household_card_finalize;
}

static void
bf_household_card_init (BfHouseholdCard *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Household Card"));

  self->village_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->village_row), _("Village"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->village_row));

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      Field *field = &self->fields[i];
      GtkWidget *label;

      field->card = self;
      field->spec = &field_specs[i];
      field->row = make_row (field);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), field->row);

      /* The error line sits right beneath its field, in the same list. */
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      field->error_label = GTK_LABEL (label);
      field->error_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->error_row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (field->error_row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->error_row), label);
      gtk_widget_set_visible (field->error_row, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), field->error_row);
    }
}
