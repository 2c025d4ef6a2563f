/* bf-change.c: change-log entries. */
#include "bf-config.h"
#include "bf-change.h"

#include <gio/gio.h>
#include "bf-json-tree.h"
#include <string.h>

/* One block for the field and its texts: a pushed page of 2,500 visits carries 20,000 fields,
 * and four allocations each made decoding it a third slower. */
static BfFieldChange *
field_change_new (const char *name, const char *value, const char *base)
{
  gsize name_size = strlen (name) + 1;
  gsize value_size = value != NULL ? strlen (value) + 1 : 0;
  gsize base_size = base != NULL ? strlen (base) + 1 : 0;
  BfFieldChange *field = g_malloc (sizeof *field + name_size + value_size + base_size);
  char *text = (char *) (field + 1);

  field->name = memcpy (text, name, name_size);
  text += name_size;
  field->value = value != NULL ? memcpy (text, value, value_size) : NULL;
  text += value_size;
  field->base = base != NULL ? memcpy (text, base, base_size) : NULL;
  return field;
}

/* What was worked out from the fields (their text for the log, a row built and checked
 * ahead) no longer holds once they change. */
static void
fields_changed (BfChange *change)
{
  g_clear_pointer (&change->log_fields, g_free);
  if (change->merge_ahead_free != NULL)
    change->merge_ahead_free (change->merge_ahead);
  change->merge_ahead = NULL;
  change->merge_ahead_free = NULL;
}

BfChange *
bf_change_new (const char *device_id, gint64 seq, BfHlc hlc, BfEntityKind entity,
               const char *row_id)
{
  BfChange *change = g_new0 (BfChange, 1);

  change->device_id = g_strdup (device_id);
  change->seq = seq;
  change->hlc = hlc;
  change->entity = entity;
  change->row_id = g_strdup (row_id);
  change->fields = g_ptr_array_new_with_free_func (g_free);
  return change;
}

void
bf_change_free (BfChange *change)
{
  if (change == NULL)
    return;
  g_free (change->device_id);
  g_free (change->author);
  g_free (change->row_id);
  g_ptr_array_unref (change->fields);
  g_free (change->log_fields);
  if (change->merge_ahead_free != NULL)
    change->merge_ahead_free (change->merge_ahead);
  g_free (change);
}

void
bf_change_add_field (BfChange *change, const char *name, const char *value, const char *base)
{
  g_return_if_fail (name != NULL);
  g_ptr_array_add (change->fields, field_change_new (name, value, base));
  fields_changed (change);
}

void
bf_change_set_field (BfChange *change, const char *name, const char *value)
{
  for (guint i = 0; i < change->fields->len; i++)
    {
      BfFieldChange *field = g_ptr_array_index (change->fields, i);

      if (strcmp (field->name, name) == 0)
        {
          change->fields->pdata[i] = field_change_new (name, value, field->base);
          g_free (field);
          fields_changed (change);
          return;
        }
    }
  bf_change_add_field (change, name, value, NULL);
}

BfChange *
bf_change_copy (const BfChange *change)
{
  BfChange *copy = bf_change_new (change->device_id, change->seq, change->hlc, change->entity,
                                  change->row_id);

  copy->clamped = change->clamped;
  copy->author = g_strdup (change->author);
  copy->server_seq = change->server_seq;
  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      bf_change_add_field (copy, field->name, field->value, field->base);
    }
  return copy;
}

const BfFieldChange *
bf_change_get_field (const BfChange *change, const char *name)
{
  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      if (strcmp (field->name, name) == 0)
        return field;
    }
  return NULL;
}

gboolean
bf_change_is_creation (const BfChange *change)
{
  for (guint i = 0; i < change->fields->len; i++)
    if (((const BfFieldChange *) g_ptr_array_index (change->fields, i))->base != NULL)
      return FALSE;
  return TRUE;
}

char *
bf_change_version (const BfChange *change)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, change->device_id, change->seq);
}

int
bf_change_compare_order (BfHlc a_hlc, const char *a_device, gint64 a_seq,
                         BfHlc b_hlc, const char *b_device, gint64 b_seq)
{
  int by_device;

  if (a_hlc != b_hlc)
    return a_hlc < b_hlc ? -1 : 1;
  by_device = g_strcmp0 (a_device, b_device);
  if (by_device != 0)
    return by_device < 0 ? -1 : 1;
  return a_seq < b_seq ? -1 : a_seq > b_seq;
}

void
bf_change_append_fields (const BfChange *change, GString *out, gboolean *first)
{
  gboolean any_base = FALSE;

  bf_json_append_name (out, first, "f");
  g_string_append_c (out, '{');
  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      if (i > 0)
        g_string_append_c (out, ',');
      bf_json_append_string (out, field->name);
      g_string_append_c (out, ':');
      bf_json_append_string (out, field->value);
      any_base |= field->base != NULL;
    }
  g_string_append_c (out, '}');
  if (!any_base)
    return;
  bf_json_append_name (out, first, "b");
  g_string_append_c (out, '{');
  for (guint i = 0, n = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      if (field->base == NULL)
        continue;
      if (n++ > 0)
        g_string_append_c (out, ',');
      bf_json_append_string (out, field->name);
      g_string_append_c (out, ':');
      bf_json_append_string (out, field->base);
    }
  g_string_append_c (out, '}');
}

char *
bf_change_fields_to_json (const BfChange *change)
{
  GString *out;
  gboolean first = TRUE;

  if (change->log_fields != NULL)
    return g_strdup (change->log_fields);
  out = g_string_sized_new (256);
  g_string_append_c (out, '{');
  bf_change_append_fields (change, out, &first);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

void
bf_change_encode_fields (BfChange *change)
{
  if (change->log_fields == NULL)
    change->log_fields = bf_change_fields_to_json (change);
}

/* The logs hold what this program wrote, but a damaged file must still fail cleanly. */
gboolean
bf_change_fields_from_json (BfChange *change, const char *text, GError **error)
{
  g_autoptr(BfJsonTree) tree = bf_json_tree_parse ((const guint8 *) text, strlen (text),
                                                   G_MAXSIZE, 8, error);
  BfJsonNode *fields, *bases;

  fields = tree != NULL ? bf_json_object_get (bf_json_tree_root (tree), "f") : NULL;
  if (fields == NULL || fields->type != BF_JSON_OBJECT)
    {
      if (tree != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a stored change has no fields");
      return FALSE;
    }
  bases = bf_json_object_get (bf_json_tree_root (tree), "b");
  for (guint i = 0; i < fields->length; i++)
    {
      const BfJsonNode *value = fields->members[i].value;
      const BfJsonNode *base = bf_json_object_get (bases, fields->members[i].name);
      bf_change_add_field (change, fields->members[i].name,
                           value->type == BF_JSON_STRING ? value->string : NULL,
                           base != NULL && base->type == BF_JSON_STRING ? base->string : NULL);
    }
  return TRUE;
}
