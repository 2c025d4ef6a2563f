/* bf-conflict-row.c: one conflict, its two sides, and a check box. */
#include "bf-config.h"
#include "bf-conflict-row.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bf-format.h"
#include "bf-labels.h"

struct _BfConflictRow {
  GtkListBoxRow parent_instance;
  char         *conflict_id;
  char         *field_key;
  char         *household_id;

  GtkWidget    *check;
  GtkWidget    *title;
  GtkWidget    *subtitle;
  GtkWidget    *kept_value;
  GtkWidget    *kept_meta;
  GtkWidget    *other_value;
  GtkWidget    *other_meta;
};

G_DEFINE_FINAL_TYPE (BfConflictRow, bf_conflict_row, GTK_TYPE_LIST_BOX_ROW)

enum { PROP_0, PROP_SELECTED, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- Values in the reviewer's words ---- */

static const char *
enum_label (const BfFieldDef *field, int index)
{
  if (field->codes == bf_category_codes)
    return bf_label_category (index);
  if (field->codes == bf_labour_codes)
    return bf_label_labour (index);
  if (field->codes == bf_status_codes)
    return bf_label_status (index);
  if (field->codes == bf_relation_codes)
    return bf_label_relation (index);
  if (field->codes == bf_sex_codes)
    return bf_label_sex (index);
  if (field->codes == bf_source_codes)
    return bf_label_source (index);
  return NULL;
}

static char *
flags_display (const BfFieldDef *field, const char *value)
{
  g_auto(GStrv) codes = g_strsplit (value, ",", -1);
  guint bits = 0;

  if (field->codes != bf_help_codes)
    return g_strdup (value);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      int bit = bf_code_index (field->codes, codes[i]);
      if (bit >= 0)
        bits |= 1u << bit;
    }
  return bf_label_help_kinds (bits);
}

char *
bf_conflict_value_display (const BfFieldDef *field, const char *value)
{
  if (field == NULL)   /* the record's deletion */
    return g_strdup (g_strcmp0 (value, "true") == 0 ? _("Deleted") : _("Not deleted"));
  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));
  switch (field->type)
    {
    case BF_FIELD_MONEY:
      return bf_format_money (g_ascii_strtoll (value, NULL, 10));
    case BF_FIELD_DATE:
      {
        char *date = bf_format_iso_date_zh (value);
        return date != NULL ? date : g_strdup (value);
      }
    case BF_FIELD_BOOL:
      return g_strdup (strcmp (value, "true") == 0 ? _("Yes") : _("No"));
    case BF_FIELD_ENUM:
      {
        int index = bf_code_index (field->codes, value);
        const char *label = index >= 0 ? enum_label (field, index) : NULL;
        return g_strdup (label != NULL ? label : value);
      }
    case BF_FIELD_FLAGS:
      return flags_display (field, value);
    default:
      return g_strdup (value);
    }
}

/* "张三 · 2016年12月20日 14:03 · 设备 1a2b3c4d" */
static char *
side_meta (const char *author, gint64 ms, const char *device)
{
  GString *text = g_string_new (author != NULL && *author ? author : _("unknown user"));

  if (ms > 0)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
      g_autoptr(GDateTime) local = utc != NULL && zone != NULL
                                   ? g_date_time_to_timezone (utc, zone) : NULL;
      if (local != NULL)
        {
          g_autofree char *iso = g_date_time_format (local, "%Y-%m-%d");
          g_autofree char *date = bf_format_iso_date_zh (iso);
          g_autofree char *clock = g_date_time_format (local, "%H:%M");
          g_string_append_printf (text, " · %s %s", date != NULL ? date : iso, clock);
        }
    }
  if (device != NULL)
    {
      g_autofree char *short_id = g_strndup (device, 8);
      /* TRANSLATORS: which device sent a value; %s is the start of its id */
      g_string_append_printf (text, " · ");
      g_string_append_printf (text, _("device %s"), short_id);
    }
  return g_string_free (text, FALSE);
}

/* ---- The row ---- */

GtkWidget *
bf_conflict_row_new (const BfConflictItem *item)
{
  BfConflictRow *self = g_object_new (BF_TYPE_CONFLICT_ROW, NULL);
  const BfConflict *conflict = item->conflict;
  g_autofree char *title = NULL;
  g_autofree char *kept = bf_conflict_value_display (item->field, conflict->kept_value);
  g_autofree char *other = bf_conflict_value_display (item->field, conflict->other_value);
  g_autofree char *kept_meta = side_meta (conflict->kept_author, item->kept_ms,
                                          item->kept_device);
  g_autofree char *other_meta = side_meta (conflict->other_author, item->other_ms,
                                           item->other_device);
  const char *field = item->field != NULL ? _(item->field->label) : _("Deleted or not");

  self->conflict_id = g_strdup (conflict->id);
  self->field_key = g_strconcat (conflict->entity, ":", conflict->field, NULL);
  self->household_id = g_strdup (item->household_id);
  /* TRANSLATORS: a record (the household head's name) and the field in conflict */
  title = g_strdup_printf (_("%s: %s"), item->record_label, field);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->subtitle), bf_label_entity (item->kind));
  gtk_label_set_text (GTK_LABEL (self->kept_value), kept);
  gtk_label_set_text (GTK_LABEL (self->kept_meta), kept_meta);
  gtk_label_set_text (GTK_LABEL (self->other_value), other);
  gtk_label_set_text (GTK_LABEL (self->other_meta), other_meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

const char *
bf_conflict_row_get_conflict_id (BfConflictRow *self)
{
  g_return_val_if_fail (BF_IS_CONFLICT_ROW (self), NULL);
  return self->conflict_id;
}

const char *
bf_conflict_row_get_field_key (BfConflictRow *self)
{
  g_return_val_if_fail (BF_IS_CONFLICT_ROW (self), NULL);
  return self->field_key;
}

const char *
bf_conflict_row_get_household_id (BfConflictRow *self)
{
  g_return_val_if_fail (BF_IS_CONFLICT_ROW (self), NULL);
  return self->household_id;
}

gboolean
bf_conflict_row_get_selected (BfConflictRow *self)
{
  g_return_val_if_fail (BF_IS_CONFLICT_ROW (self), FALSE);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (self->check));
}

void
bf_conflict_row_set_selected (BfConflictRow *self, gboolean selected)
{
  g_return_if_fail (BF_IS_CONFLICT_ROW (self));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->check), selected);
}

static void
check_toggled (BfConflictRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
bf_conflict_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  BfConflictRow *self = BF_CONFLICT_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_boolean (value, bf_conflict_row_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_conflict_row_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  BfConflictRow *self = BF_CONFLICT_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      bf_conflict_row_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_conflict_row_finalize (GObject *object)
{
  BfConflictRow *self = BF_CONFLICT_ROW (object);

  g_free (self->conflict_id);
  g_free (self->field_key);
  g_free (self->household_id);
  G_OBJECT_CLASS (bf_conflict_row_parent_class)->finalize (object);
}

static void
bf_conflict_row_class_init (BfConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bf_conflict_row_get_property;
  object_class->set_property = bf_conflict_row_set_property;
  object_class->finalize = bf_conflict_row_finalize;

  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BfConflictRow, check);
  gtk_widget_class_bind_template_child (widget_class, BfConflictRow, title);
  gtk_widget_class_bind_template_child (widget_class, BfConflictRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, BfConflictRow, kept_value);
  gtk_widget_class_bind_template_child (widget_class, BfConflictRow, kept_meta);
  gtk_widget_class_bind_template_child (widget_class, BfConflictRow, other_value);
  gtk_widget_class_bind_template_child (widget_class, BfConflictRow, other_meta);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled);
}

static void
bf_conflict_row_init (BfConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
