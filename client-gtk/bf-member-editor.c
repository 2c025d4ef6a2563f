/* bf-member-editor.c: add or edit a household member.
 *
 * Widgets are named "name", "relation", "id-number", "sex", "birth-date", "medical",
 * "pension", "dibao"; the warnings label is "warnings".
 */
#include "bf-config.h"
#include "bf-member-editor.h"

#include <glib/gi18n-lib.h>

#include "bf-editor-common.h"
#include "bf-format.h"
#include "bf-labels.h"
#include "bf-validate.h"

#define N_RELATIONS (BF_RELATION_OTHER + 1)

struct _BfMemberEditor {
  BfEditorWindow parent_instance;
  char          *household_id;
  char          *member_id;      /* NULL when adding */
  BfEditorLimits limits;
  char          *duplicate;      /* who else on this device has the ID number, or NULL */
  guint          duplicate_serial;

  GtkWidget     *name;
  GtkLabel      *name_error;
  GtkWidget     *relation;
  GtkWidget     *id_number;
  GtkLabel      *id_error;
  GtkWidget     *warnings;
  GtkWidget     *sex;
  GtkWidget     *birth_date;
  GtkWidget     *birth_hint;
  GtkLabel      *birth_error;
  GtkWidget     *medical;
  GtkWidget     *pension;
  GtkWidget     *dibao;
};

G_DEFINE_FINAL_TYPE (BfMemberEditor, bf_member_editor, BF_TYPE_EDITOR_WINDOW)

static void id_number_changed (BfMemberEditor *self);

/* ---- Loading ---- */

typedef struct {
  char          *household_id;
  char          *member_id;
  char          *head_name;
  BfEditorLimits limits;
  BfMember      *member;
  gboolean       has_members;
} Load;

static void
load_free (gpointer pointer)
{
  Load *load = pointer;

  g_free (load->household_id);
  g_free (load->member_id);
  g_free (load->head_name);
  g_clear_pointer (&load->member, bf_member_free);
  g_free (load);
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Load *load = data;
  g_autoptr(BfHousehold) household = bf_household_get (store, load->household_id, error);
  g_autoptr(GPtrArray) members = NULL;

  if (household == NULL)
    return NULL;
  load->head_name = g_strdup (household->head_name);
  bf_editor_limits_load (store, &load->limits);
  if (load->member_id != NULL)
    {
      load->member = bf_member_get (store, load->member_id, error);
      if (load->member == NULL)
        return NULL;
    }
  members = bf_member_list_by (store, "household_id", load->household_id, error);
  if (members == NULL)
    return NULL;
  load->has_members = members->len > 0;
  return GINT_TO_POINTER (TRUE);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfMemberEditor *self = BF_MEMBER_EDITOR (source);
  Load *load = user_data;
  g_autofree char *subtitle = g_strdup_printf (_("%s household"), load->head_name);
  BfMember *member = load->member;

  if (!bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL))
    return;
  self->limits = load->limits;
  if (member != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit member"));
      gtk_editable_set_text (GTK_EDITABLE (self->name), member->name);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->relation), member->relation);
      gtk_editable_set_text (GTK_EDITABLE (self->id_number),
                             member->id_number != NULL ? member->id_number : "");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->sex), member->sex);
      gtk_editable_set_text (GTK_EDITABLE (self->birth_date),
                             member->birth_date != NULL ? member->birth_date : "");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->medical), member->medical_insured);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->pension), member->pension_insured);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->dibao), member->dibao_covered);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New member"));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->relation),
                                  load->has_members ? BF_RELATION_CHILD : BF_RELATION_HEAD);
    }
  bf_editor_window_set_subtitle (BF_EDITOR_WINDOW (self), subtitle);
  bf_editor_window_set_ready (BF_EDITOR_WINDOW (self), TRUE);
  /* The number as loaded may already be someone else's too. */
  id_number_changed (self);
}

/* ---- The duplicate ID number check, against what this device holds ---- */

typedef struct {
  char *id_number;
  char *member_id;
  guint serial;
} Duplicate;

static void
duplicate_free (gpointer pointer)
{
  Duplicate *duplicate = pointer;

  g_free (duplicate->id_number);
  g_free (duplicate->member_id);
  g_free (duplicate);
}

static gpointer
duplicate_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Duplicate *duplicate = data;
  g_autoptr(GPtrArray) members = bf_member_list_by (store, "id_number", duplicate->id_number,
                                                    error);
  g_autoptr(GString) who = g_string_new (NULL);

  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      BfMember *other = g_ptr_array_index (members, i);
      g_autoptr(BfHousehold) household = NULL;

      if (g_strcmp0 (other->id, duplicate->member_id) == 0)
        continue;
      household = bf_household_get (store, other->household_id, NULL);
      if (who->len > 0)
        g_string_append (who, "、");
      g_string_append_printf (who, _("%s of the %s household"), other->name,
                              household != NULL ? household->head_name : "?");
    }
  return g_string_free (g_steal_pointer (&who), FALSE);
}

static void update_warnings (BfMemberEditor *self);

static void
duplicate_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfMemberEditor *self = BF_MEMBER_EDITOR (source);
  Duplicate *duplicate = user_data;
  g_autofree char *who = bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL);

  /* An answer for a number since changed is stale. */
  if (duplicate->serial != self->duplicate_serial || who == NULL)
    return;
  g_free (self->duplicate);
  self->duplicate = *who != '\0' ? g_steal_pointer (&who) : NULL;
  update_warnings (self);
}

static void
check_duplicate (BfMemberEditor *self, const char *canonical)
{
  Duplicate *duplicate;

  self->duplicate_serial++;
  g_clear_pointer (&self->duplicate, g_free);
  if (canonical == NULL)
    return;
  duplicate = g_new0 (Duplicate, 1);
  duplicate->id_number = g_strdup (canonical);
  duplicate->member_id = g_strdup (self->member_id);
  duplicate->serial = self->duplicate_serial;
  bf_editor_window_run (BF_EDITOR_WINDOW (self), FALSE, duplicate_job, duplicate,
                        duplicate_free, duplicate_cb);
}

/* ---- Checking and saving ---- */

static char *
canonical_id_number (BfMemberEditor *self, BfIdInfo *info, GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->id_number));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (*trimmed == '\0')
    return NULL;
  return bf_id_number_normalize (trimmed, &self->limits.today, info, error);
}

/* The member as typed (the ID number canonical when valid). */
static BfMember *
member_from_input (BfMemberEditor *self)
{
  BfMember *member = g_new0 (BfMember, 1);
  g_autofree char *birth =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->birth_date))));
  guint relation = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->relation));

  member->id = g_strdup (self->member_id);
  member->household_id = g_strdup (self->household_id);
  member->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  member->relation = relation < N_RELATIONS ? (BfRelation) relation : BF_RELATION_OTHER;
  member->id_number = canonical_id_number (self, NULL, NULL);
  member->sex = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->sex)) == 1 ? BF_SEX_FEMALE
                                                                             : BF_SEX_MALE;
  member->birth_date = *birth != '\0' ? g_steal_pointer (&birth) : NULL;
  member->medical_insured = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->medical));
  member->pension_insured = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->pension));
  member->dibao_covered = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->dibao));
  return member;
}

/* Warnings do not block saving: the card may be right and the number mistyped on paper. */
static void
update_warnings (BfMemberEditor *self)
{
  g_autoptr(BfMember) member = member_from_input (self);
  g_autoptr(GPtrArray) warnings = bf_record_warnings (BF_ENTITY_MEMBER, member);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "",
                            (char *) g_ptr_array_index (warnings, i));
  if (self->duplicate != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The same ID number is recorded for %s"), self->duplicate);
    }
  gtk_label_set_text (GTK_LABEL (self->warnings), text->str);
  gtk_widget_set_visible (self->warnings, text->len > 0);
}

static gboolean
bf_member_editor_validate (BfEditorWindow *window)
{
  BfMemberEditor *self = BF_MEMBER_EDITOR (window);
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) id_error = NULL;
  g_autoptr(GError) birth_error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  const char *birth = gtk_editable_get_text (GTK_EDITABLE (self->birth_date));
  g_autofree char *hint = bf_editor_date_hint (birth);

  if (*name == '\0')
    g_set_error (&name_error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
                 _("%s must not be empty"), _("Full name"));
  bf_editor_window_set_field_error (self->name_error, name_error ? name_error->message : NULL);
  g_free (canonical_id_number (self, NULL, &id_error));
  bf_editor_window_set_field_error (self->id_error, id_error ? id_error->message : NULL);
  gtk_label_set_text (GTK_LABEL (self->birth_hint), hint != NULL ? hint : "");
  if (*birth != '\0')
    bf_editor_check_date (birth, _("Birth date"), &self->limits, FALSE, NULL, &birth_error);
  bf_editor_window_set_field_error (self->birth_error,
                                    birth_error ? birth_error->message : NULL);
  update_warnings (self);
  return name_error == NULL && id_error == NULL && birth_error == NULL;
}

static gpointer
save_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  BfMember *member = data;
  const BfEntityDef *def = bf_entity_def (BF_ENTITY_MEMBER);
  g_autoptr(BfMember) stored = NULL;

  if (member->id == NULL)
    return bf_member_insert (store, member, error) ? g_strdup (member->id) : NULL;
  /* Field by field, so that the change log (and a concurrent edit elsewhere) sees only
   * what this dialog changed. */
  stored = bf_member_get (store, member->id, error);
  if (stored == NULL || !bf_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < def->n_fields; i++)
    {
      g_autofree char *before = bf_record_get_text (&def->fields[i], stored);
      g_autofree char *after = bf_record_get_text (&def->fields[i], member);

      if (g_strcmp0 (before, after) != 0 &&
          !bf_member_set (store, member->id, def->fields[i].name, after, error))
        {
          bf_store_rollback (store);
          return NULL;
        }
    }
  if (!bf_store_commit (store, error))
    return NULL;
  return g_strdup (member->id);
}

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BfMemberEditor *self = BF_MEMBER_EDITOR (source);
  g_autofree char *id = bf_editor_window_run_finish (BF_EDITOR_WINDOW (self), result, NULL);

  if (id != NULL)
    bf_editor_window_saved (BF_EDITOR_WINDOW (self), id, self->household_id);
}

static void
free_member (gpointer member)
{
  bf_member_free (member);
}

static void
bf_member_editor_save (BfEditorWindow *window)
{
  BfMemberEditor *self = BF_MEMBER_EDITOR (window);

  bf_editor_window_run (window, TRUE, save_job, member_from_input (self), free_member, save_cb);
}

/* ---- Construction ---- */

static void
input_changed (BfMemberEditor *self)
{
  bf_editor_window_revalidate (BF_EDITOR_WINDOW (self));
}

/* A valid number tells the birth date and the sex: fill in what is still blank. */
static void
id_number_changed (BfMemberEditor *self)
{
  BfIdInfo info;
  g_autofree char *canonical = NULL;

  if (bf_editor_window_get_ready (BF_EDITOR_WINDOW (self)))
    canonical = canonical_id_number (self, &info, NULL);
  if (canonical != NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->birth_date)) == '\0')
    {
      g_autofree char *birth = bf_format_iso_date (&info.birth);

      gtk_editable_set_text (GTK_EDITABLE (self->birth_date), birth);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->sex), info.male ? 0 : 1);
    }
  check_duplicate (self, canonical);
  input_changed (self);
}

static void
bf_member_editor_init (BfMemberEditor *self)
{
  BfEditorWindow *window = BF_EDITOR_WINDOW (self);
  const char *relations[N_RELATIONS + 1] = { NULL };
  const char *sexes[3] = { bf_label_sex (BF_SEX_MALE), bf_label_sex (BF_SEX_FEMALE), NULL };
  GtkWidget *id_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *birth_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *flags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_window_set_title (GTK_WINDOW (self), _("Member"));

  self->name = gtk_entry_new ();
  gtk_widget_set_name (self->name, "name");
  self->name_error = bf_editor_window_add_field (window, _("_Full name"), self->name, NULL);

  for (int i = 0; i < N_RELATIONS; i++)
    relations[i] = bf_label_relation ((BfRelation) i);
  self->relation = bf_editor_drop_down_new (relations);
  gtk_widget_set_name (self->relation, "relation");
  bf_editor_window_add_field (window, _("_Relation to head"), self->relation, NULL);

  self->id_number = gtk_entry_new ();
  gtk_widget_set_name (self->id_number, "id-number");
  gtk_entry_set_max_length (GTK_ENTRY (self->id_number), 40);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->id_number), _("18 digits, the last may be X"));
  self->warnings = gtk_label_new (NULL);
  gtk_widget_set_name (self->warnings, "warnings");
  gtk_label_set_xalign (GTK_LABEL (self->warnings), 0);
  gtk_label_set_wrap (GTK_LABEL (self->warnings), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->warnings), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->warnings, "warning");
  gtk_widget_set_visible (self->warnings, FALSE);
  gtk_box_append (GTK_BOX (id_box), self->id_number);
  gtk_box_append (GTK_BOX (id_box), self->warnings);
  self->id_error = bf_editor_window_add_field (window, _("_ID number"), id_box, self->id_number);

  self->sex = bf_editor_drop_down_new (sexes);
  gtk_widget_set_name (self->sex, "sex");
  bf_editor_window_add_field (window, _("_Sex"), self->sex, NULL);

  self->birth_date = gtk_entry_new ();
  gtk_widget_set_name (self->birth_date, "birth-date");
  gtk_widget_set_hexpand (self->birth_date, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->birth_date), _("YYYY-MM-DD"));
  self->birth_hint = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->birth_hint, "dim-label");
  gtk_box_append (GTK_BOX (birth_box), self->birth_date);
  gtk_box_append (GTK_BOX (birth_box), self->birth_hint);
  self->birth_error = bf_editor_window_add_field (window, _("_Birth date"), birth_box,
                                                  self->birth_date);

  self->medical = gtk_check_button_new_with_mnemonic (_("In the rural _medical insurance"));
  gtk_widget_set_name (self->medical, "medical");
  self->pension = gtk_check_button_new_with_mnemonic (_("In the rural _pension insurance"));
  gtk_widget_set_name (self->pension, "pension");
  self->dibao = gtk_check_button_new_with_mnemonic (_("Covered by the minimum _living allowance"));
  gtk_widget_set_name (self->dibao, "dibao");
  gtk_box_append (GTK_BOX (flags), self->medical);
  gtk_box_append (GTK_BOX (flags), self->pension);
  gtk_box_append (GTK_BOX (flags), self->dibao);
  bf_editor_window_add_field (window, _("Insurance and allowance"), flags, self->medical);

  g_signal_connect_swapped (self->name, "changed", G_CALLBACK (input_changed), self);
  g_signal_connect_swapped (self->id_number, "changed", G_CALLBACK (id_number_changed), self);
  g_signal_connect_swapped (self->birth_date, "changed", G_CALLBACK (input_changed), self);
  g_signal_connect_swapped (self->sex, "notify::selected", G_CALLBACK (input_changed), self);
  gtk_window_set_focus (GTK_WINDOW (self), self->name);
}

static void
bf_member_editor_finalize (GObject *object)
{
  BfMemberEditor *self = BF_MEMBER_EDITOR (object);

  g_free (self->household_id);
  g_free (self->member_id);
  g_free (self->duplicate);
  G_OBJECT_CLASS (bf_member_editor_parent_class)->finalize (object);
}

static void
bf_member_editor_class_init (BfMemberEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_member_editor_finalize;
  BF_EDITOR_WINDOW_CLASS (klass)->validate = bf_member_editor_validate;
  BF_EDITOR_WINDOW_CLASS (klass)->save = bf_member_editor_save;
}

BfMemberEditor *
bf_member_editor_new (BfAppDatabase *database, const char *household_id, const char *member_id)
{
  BfMemberEditor *self;
  Load *load;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);
  g_return_val_if_fail (household_id != NULL, NULL);

  self = g_object_new (BF_TYPE_MEMBER_EDITOR, "database", database, NULL);
  self->household_id = g_strdup (household_id);
  self->member_id = g_strdup (member_id);
  load = g_new0 (Load, 1);
  load->household_id = g_strdup (household_id);
  load->member_id = g_strdup (member_id);
  bf_editor_window_run (BF_EDITOR_WINDOW (self), FALSE, load_job, load, load_free, load_cb);
  return self;
}
