/* bf-change.c: change-log entries. */
#include "bf-config.h"
#include "bf-change.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static void
field_change_free (gpointer data)
{
  BfFieldChange *field = data;
  g_free (field->name);
  g_free (field->value);
  g_free (field->base);
  g_free (field);
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
  change->fields = g_ptr_array_new_with_free_func (field_change_free);
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
  g_free (change);
}

void
bf_change_add_field (BfChange *change, const char *name, const char *value, const char *base)
{
  BfFieldChange *field = g_new0 (BfFieldChange, 1);

  field->name = g_strdup (name);
  field->value = g_strdup (value);
  field->base = g_strdup (base);
  g_ptr_array_add (change->fields, field);
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

char *
bf_change_fields_to_json (const BfChange *change)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean any_base = FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "f");
  json_builder_begin_object (builder);
  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      json_builder_set_member_name (builder, field->name);
      if (field->value == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, field->value);
      any_base |= field->base != NULL;
    }
  json_builder_end_object (builder);
  if (any_base)
    {
      json_builder_set_member_name (builder, "b");
      json_builder_begin_object (builder);
      for (guint i = 0; i < change->fields->len; i++)
        {
          const BfFieldChange *field = g_ptr_array_index (change->fields, i);
          if (field->base == NULL)
            continue;
          json_builder_set_member_name (builder, field->name);
          json_builder_add_string_value (builder, field->base);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
bf_change_fields_from_json (BfChange *change, const char *text, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *fields, *bases;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return FALSE;
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
           ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  fields = root && json_object_has_member (root, "f") ? json_object_get_object_member (root, "f") : NULL;
  if (fields == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a stored change has no fields");
      return FALSE;
    }
  bases = json_object_has_member (root, "b") ? json_object_get_object_member (root, "b") : NULL;
  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (fields, name);
      bf_change_add_field (change, name,
                           JSON_NODE_HOLDS_NULL (value) ? NULL : json_node_get_string (value),
                           bases && json_object_has_member (bases, name)
                             ? json_object_get_string_member (bases, name) : NULL);
    }
  return TRUE;
}
