/* bf-wire.c: batches of changes and push results as JSON.
 *
 * Member names are one or two letters: a batch of ten thousand visits repeats them ten thousand
 * times, and on a village's mobile link every byte counts (gzip takes most of the repetition,
 * but not all). The decoder runs bf_json_strict_check() first, then parses into a
 * bf-json-tree, then checks every member's type and range here. Unknown members are ignored everywhere, in a change as
 * at the top, so a later protocol revision may add optional members without breaking older
 * programs.
 *
 * The encoder trusts its batch as the store wrote it: field names unique and valid, text valid
 * UTF-8, HLCs within gint64 (48 bits of milliseconds reach the year 6400). A batch that breaks
 * these encodes to bytes the decoder refuses, never to bytes it misreads.
 */
#include "bf-config.h"
#include "bf-wire.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-json-strict.h"
#include "bf-json-tree.h"
#include "bf-schema.h"
#include "bf-uuid.h"

/* Limits of what a decoder accepts, beyond BF_WIRE_MAX_BYTES and BF_WIRE_MAX_DEPTH. */
#define MAX_CHANGES     100000
#define MAX_RESULTS     100000
#define MAX_FIELDS      200
#define MAX_FIELD_NAME  64
#define MAX_VALUE       (64 * 1024)
#define MAX_AUTHOR      200

G_DEFINE_QUARK (bf-wire-error-quark, bf_wire_error)

static const char * const status_names[] = { "accepted", "duplicate", "rejected", NULL };

BfBatch *
bf_batch_new (const char *sender)
{
  BfBatch *batch = g_new0 (BfBatch, 1);

  batch->protocol = BF_PROTOCOL_VERSION;
  /* The caller sets the store's schema version; 1 keeps a forgetful caller's batch valid. */
  batch->schema = 1;
  batch->sender = g_strdup (sender);
  batch->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_change_free);
  return batch;
}

void
bf_batch_free (BfBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->sender);
  g_ptr_array_unref (batch->changes);
  g_free (batch);
}

BfPushResponse *
bf_push_response_new (void)
{
  BfPushResponse *response = g_new0 (BfPushResponse, 1);

  response->protocol = BF_PROTOCOL_VERSION;
  response->results = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_push_result_free);
  return response;
}

void
bf_push_response_free (BfPushResponse *response)
{
  if (response == NULL)
    return;
  g_ptr_array_unref (response->results);
  g_free (response);
}

void
bf_push_result_free (BfPushResult *result)
{
  if (result == NULL)
    return;
  g_free (result->device_id);
  g_free (result->reason);
  g_free (result);
}

/* Encoding: straight into a GString, in the order the members are documented. */

static void
add_int (GString *out, gboolean *first, const char *name, gint64 value)
{
  bf_json_append_name (out, first, name);
  bf_json_append_int (out, value);
}

static void
add_string (GString *out, gboolean *first, const char *name, const char *value)
{
  bf_json_append_name (out, first, name);
  bf_json_append_string (out, value);
}

static void
encode_change (GString *out, const BfChange *change, const char *sender)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (g_strcmp0 (change->device_id, sender) != 0)
    add_string (out, &first, "d", change->device_id);
  add_int (out, &first, "s", change->seq);
  /* An HLC's physical part is 48 bits of milliseconds: it fits a gint64 for 4000 years. */
  add_int (out, &first, "h", (gint64) change->hlc);
  add_string (out, &first, "e", bf_entity_def (change->entity)->name);
  add_string (out, &first, "r", change->row_id);
  bf_change_append_fields (change, out, &first);
  if (change->clamped)
    {
      bf_json_append_name (out, &first, "c");
      g_string_append_len (out, "true", 4);
    }
  if (change->author != NULL)
    add_string (out, &first, "a", change->author);
  if (change->server_seq != 0)
    add_int (out, &first, "g", change->server_seq);
  g_string_append_c (out, '}');
}

static GBytes *
finish (GString *out)
{
  gsize length = out->len;
  return g_bytes_new_take (g_string_free (out, FALSE), length);
}

GBytes *
bf_batch_encode (const BfBatch *batch)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (batch->sender != NULL, NULL);

  out = g_string_sized_new (256 + 400 * batch->changes->len);
  g_string_append_c (out, '{');
  add_int (out, &first, "protocol", batch->protocol);
  add_int (out, &first, "schema", batch->schema);
  add_string (out, &first, "sender", batch->sender);
  add_int (out, &first, "cursor", batch->cursor);
  bf_json_append_name (out, &first, "more");
  g_string_append (out, batch->more ? "true" : "false");
  if (batch->server_time_ms != 0)
    add_int (out, &first, "server_time", batch->server_time_ms);
  bf_json_append_name (out, &first, "changes");
  g_string_append_c (out, '[');
  for (guint i = 0; i < batch->changes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      encode_change (out, g_ptr_array_index (batch->changes, i), batch->sender);
    }
  g_string_append_len (out, "]}", 2);
  return finish (out);
}

/* How many results from @i on follow one another: the same device and status, each seq and
 * (when present) server sequence one past the last, no reason. */
static guint
run_length (const BfPushResponse *response, guint i)
{
  const BfPushResult *start = g_ptr_array_index (response->results, i);
  guint n = 1;

  if (start->reason != NULL)
    return 1;
  for (guint j = i + 1; j < response->results->len; j++, n++)
    {
      const BfPushResult *next = g_ptr_array_index (response->results, j);
      if (next->reason != NULL || next->status != start->status ||
          next->seq != start->seq + n ||
          next->server_seq != (start->server_seq != 0 ? start->server_seq + n : 0) ||
          strcmp (next->device_id, start->device_id) != 0)
        break;
    }
  return n;
}

static GBytes *
encode_push_response (const BfPushResponse *response, gboolean runs)
{
  GString *out;
  gboolean first = TRUE;

  out = g_string_sized_new (64 + 120 * response->results->len);
  g_string_append_c (out, '{');
  add_int (out, &first, "protocol", response->protocol);
  if (response->server_time_ms != 0)
    add_int (out, &first, "server_time", response->server_time_ms);
  bf_json_append_name (out, &first, "results");
  g_string_append_c (out, '[');
  for (guint i = 0, n; i < response->results->len; i += n)
    {
      const BfPushResult *result = g_ptr_array_index (response->results, i);
      gboolean first_member = TRUE;

      n = runs ? run_length (response, i) : 1;
      g_string_append (out, i > 0 ? ",{" : "{");
      add_string (out, &first_member, "d", result->device_id);
      add_int (out, &first_member, "s", result->seq);
      add_string (out, &first_member, "st", status_names[result->status]);
      if (result->server_seq != 0)
        add_int (out, &first_member, "g", result->server_seq);
      if (result->reason != NULL)
        add_string (out, &first_member, "why", result->reason);
      if (n > 1)
        add_int (out, &first_member, "n", n);
      g_string_append_c (out, '}');
    }
  g_string_append_len (out, "]}", 2);
  return finish (out);
}

GBytes *
bf_push_response_encode (const BfPushResponse *response)
{
  g_return_val_if_fail (response != NULL, NULL);
  return encode_push_response (response, FALSE);
}

GBytes *
bf_push_response_encode_runs (const BfPushResponse *response)
{
  g_return_val_if_fail (response != NULL, NULL);
  return encode_push_response (response, TRUE);
}

/* Decoding. Each get_*() leaves *out as it was when an optional member is absent. */

#define ANY_TYPE (-1)

static gboolean
fail_type (GError **error, const char *name, BfJsonType type)
{
  if (type == BF_JSON_INTEGER)
    /* 1.5, 1e2 and 1.0 come out of json-glib as doubles: a count is written as an integer. */
    g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                 _("Member “%s” must be a whole number"), name);
  else if (type == BF_JSON_BOOLEAN)
    g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                 _("Member “%s” must be true or false"), name);
  else
    g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                 _("Member “%s” must be a string"), name);
  return FALSE;
}


/* The member @name, NULL if absent; an error if it is required, or a value of another type. */
static gboolean
get_node (const BfJsonNode *object, const char *name, gboolean required, int type,
          BfJsonNode **out, GError **error)
{
  *out = bf_json_object_get (object, name);
  if (*out == NULL && required)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD, _("Member “%s” is missing"), name);
      return FALSE;
    }
  if (*out != NULL && type != ANY_TYPE && (*out)->type != (BfJsonType) type)
    return fail_type (error, name, (BfJsonType) type);
  return TRUE;
}

static gboolean
get_int (const BfJsonNode *object, const char *name, gboolean required, gint64 min, gint64 max,
         gint64 *out, GError **error)
{
  BfJsonNode *node;
  gint64 value;

  if (!get_node (object, name, required, BF_JSON_INTEGER, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  value = node->integer;
  if (value < min || value > max)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                   _("Member “%s” is out of range: %lld"), name, (long long) value);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
get_bool (const BfJsonNode *object, const char *name, gboolean required, gboolean *out,
          GError **error)
{
  BfJsonNode *node;

  if (!get_node (object, name, required, BF_JSON_BOOLEAN, &node, error))
    return FALSE;
  if (node != NULL)
    *out = node->boolean;
  return TRUE;
}

static gboolean
check_length (const char *text, const char *name, gsize max_length, GError **error)
{
  gsize length = strlen (text);

  if (length <= max_length)
    return TRUE;
  g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
               _("Member “%s” is too long: %lu bytes, at most %lu"),
               name, (unsigned long) length, (unsigned long) max_length);
  return FALSE;
}

static gboolean
get_string (const BfJsonNode *object, const char *name, gboolean required, gsize max_length,
            const char **out, GError **error)
{
  BfJsonNode *node;

  if (!get_node (object, name, required, BF_JSON_STRING, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!check_length (node->string, name, max_length, error))
    return FALSE;
  *out = node->string;
  return TRUE;
}

static gboolean
get_uuid (const BfJsonNode *object, const char *name, gboolean required, const char **out,
          GError **error)
{
  const char *text = NULL;

  if (!get_string (object, name, required, G_MAXSIZE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!bf_uuid_is_valid (text))
    {
      g_autofree char *shown = bf_json_display_text (text);
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                   _("Member “%s” is not a UUID: “%s”"), name, shown);
      return FALSE;
    }
  *out = text;
  return TRUE;
}

static gboolean
get_container (const BfJsonNode *object, const char *name, gboolean required, BfJsonType type,
               BfJsonNode **out, GError **error)
{
  BfJsonNode *node;

  if (!get_node (object, name, required, ANY_TYPE, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (node->type != type)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                   type == BF_JSON_OBJECT ? _("Member “%s” must be an object")
                                            : _("Member “%s” must be an array"), name);
      return FALSE;
    }
  *out = node;
  return TRUE;
}

/* A field name is a column name: it may become part of SQL, so nothing but [a-z_][a-z0-9_]*. */
static gboolean
is_field_name (const char *name)
{
  gsize length = strlen (name);

  if (length == 0 || length > MAX_FIELD_NAME || !(g_ascii_islower (name[0]) || name[0] == '_'))
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '_')
      return FALSE;
  return TRUE;
}

/* "DEVICE:SEQ", SEQ a positive gint64 written without leading zeros. */
static gboolean
is_version (const char *text)
{
  char device[37];
  const char *seq;
  gsize n_digits;

  if (strlen (text) < 38 || text[36] != ':')
    return FALSE;
  memcpy (device, text, 36);
  device[36] = '\0';
  if (!bf_uuid_is_valid (device))
    return FALSE;
  seq = text + 37;
  n_digits = strlen (seq);
  if (n_digits > 19 || seq[0] == '0')
    return FALSE;
  for (gsize i = 0; i < n_digits; i++)
    if (!g_ascii_isdigit (seq[i]))
      return FALSE;
  return n_digits < 19 || strcmp (seq, "9223372036854775807") <= 0;
}

/* Quotes the sender's own text, made safe for a terminal and short, in a message. */
#define SET_ERROR_QUOTING(error, format, text)                                    \
  G_STMT_START {                                                                  \
    g_autofree char *shown_ = bf_json_display_text (text);                        \
    g_set_error ((error), BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD, (format), shown_);  \
  } G_STMT_END

/* Fills @change's fields from "f", with their bases from "b" (may be NULL). */
static gboolean
decode_fields (BfChange *change, const BfJsonNode *fields, const BfJsonNode *bases,
               GError **error)
{
  guint n_fields = fields->length;
  guint n_bases = 0;

  if (n_fields == 0)
    {
      g_set_error_literal (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                           _("The change sets no fields"));
      return FALSE;
    }
  if (n_fields > MAX_FIELDS)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                   _("The change sets too many fields: %u, at most %u"), n_fields, MAX_FIELDS);
      return FALSE;
    }

  /* In the order they were written, which encoding keeps. */
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields->members[i].name;
      const BfJsonNode *value = fields->members[i].value;
      const BfJsonNode *base = bases != NULL ? bf_json_object_get (bases, name) : NULL;
      const char *text = NULL;

      if (!is_field_name (name))
        {
          SET_ERROR_QUOTING (error, _("Invalid field name “%s”"), name);
          return FALSE;
        }
      if (value->type != BF_JSON_NULL)
        {
          if (value->type != BF_JSON_STRING)
            {
              g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                           _("Field “%s” must be a string or null"), name);
              return FALSE;
            }
          text = value->string;
          if (!check_length (text, name, MAX_VALUE, error))
            return FALSE;
        }
      if (base != NULL)
        {
          if (base->type != BF_JSON_STRING || !is_version (base->string))
            {
              SET_ERROR_QUOTING (error, _("The base version of field “%s” is not DEVICE:SEQ"),
                                 name);
              return FALSE;
            }
          n_bases++;
        }
      bf_change_add_field (change, name, text, base != NULL ? base->string : NULL);
    }
  /* Every base must belong to a field the change sets: anything else is a confused sender. */
  if (bases != NULL && n_bases != bases->length)
    {
      g_set_error_literal (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                           _("A base version names a field the change does not set"));
      return FALSE;
    }
  return TRUE;
}

static BfChange *
decode_change (const BfJsonNode *object, const char *sender, GError **error)
{
  g_autoptr(BfChange) change = NULL;
  BfJsonNode *fields = NULL;
  BfJsonNode *bases = NULL;
  const char *device_id = sender;
  const char *entity = NULL;
  const char *row_id = NULL;
  const char *author = NULL;
  gint64 seq = 0, hlc = 0, server_seq = 0;
  gboolean clamped = FALSE;
  const BfEntityDef *def;

  if (object->type != BF_JSON_OBJECT)
    {
      g_set_error_literal (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                           _("A change must be an object"));
      return NULL;
    }
  if (!get_uuid (object, "d", FALSE, &device_id, error) ||
      !get_int (object, "s", TRUE, 1, G_MAXINT64, &seq, error) ||
      !get_int (object, "h", TRUE, 0, G_MAXINT64, &hlc, error) ||
      !get_string (object, "e", TRUE, G_MAXSIZE, &entity, error) ||
      !get_uuid (object, "r", TRUE, &row_id, error) ||
      !get_container (object, "f", TRUE, BF_JSON_OBJECT, &fields, error) ||
      !get_container (object, "b", FALSE, BF_JSON_OBJECT, &bases, error) ||
      !get_bool (object, "c", FALSE, &clamped, error) ||
      !get_string (object, "a", FALSE, MAX_AUTHOR, &author, error) ||
      !get_int (object, "g", FALSE, 0, G_MAXINT64, &server_seq, error))
    return NULL;

  /* By name only: bf_entity_def_lookup() also knows table names ("visits"), which would not
   * come back the same when encoded again. */
  def = bf_entity_def_lookup (entity);
  if (def == NULL || strcmp (def->name, entity) != 0)
    {
      SET_ERROR_QUOTING (error, _("Unknown entity “%s”"), entity);
      return NULL;
    }

  change = bf_change_new (device_id, seq, (BfHlc) hlc, def->kind, row_id);
  change->clamped = clamped;
  change->author = g_strdup (author);
  change->server_seq = server_seq;
  if (!decode_fields (change, fields, bases, error))
    return NULL;
  return g_steal_pointer (&change);
}

/* Checks and parses @data, whose root must be an object. */
static BfJsonTree *
parse_object (const guint8 *data, gsize length, BfJsonNode **out_root, GError **error)
{
  g_autoptr(BfJsonTree) tree = bf_json_tree_parse (data, length, BF_WIRE_MAX_BYTES,
                                                   BF_WIRE_MAX_DEPTH, error);

  if (tree == NULL)
    return NULL;
  if (bf_json_tree_root (tree)->type != BF_JSON_OBJECT)
    {
      g_set_error_literal (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                           _("The data is not a JSON object"));
      return NULL;
    }
  *out_root = bf_json_tree_root (tree);
  return g_steal_pointer (&tree);
}

/* Read first, so that a newer protocol is reported as such rather than as a missing member. */
static gboolean
check_protocol (const BfJsonNode *root, GError **error)
{
  gint64 protocol = 0;

  if (!get_int (root, "protocol", TRUE, G_MININT64, G_MAXINT64, &protocol, error))
    return FALSE;
  if (protocol != BF_PROTOCOL_VERSION)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_VERSION,
                   _("Protocol version %lld is not supported (this program speaks version %d)"),
                   (long long) protocol, BF_PROTOCOL_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* The batch in @root, an object. */
static BfBatch *
decode_batch (const BfJsonNode *root, GError **error)
{
  g_autoptr(BfBatch) batch = NULL;
  BfJsonNode *changes = NULL;
  const char *sender = NULL;
  gint64 schema = 0, cursor = 0, server_time = 0;
  gboolean more = FALSE;
  guint n_changes;

  if (!check_protocol (root, error))
    return NULL;
  if (!get_int (root, "schema", TRUE, 1, G_MAXINT, &schema, error) ||
      !get_uuid (root, "sender", TRUE, &sender, error) ||
      !get_int (root, "cursor", TRUE, 0, G_MAXINT64, &cursor, error) ||
      !get_bool (root, "more", TRUE, &more, error) ||
      !get_int (root, "server_time", FALSE, 0, G_MAXINT64, &server_time, error) ||
      !get_container (root, "changes", TRUE, BF_JSON_ARRAY, &changes, error))
    return NULL;
  n_changes = changes->length;
  if (n_changes > MAX_CHANGES)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX,
                   _("Too many changes in one batch: %u, at most %u"), n_changes, MAX_CHANGES);
      return NULL;
    }

  batch = bf_batch_new (sender);
  batch->schema = (int) schema;
  batch->cursor = cursor;
  batch->more = more;
  batch->server_time_ms = server_time;
  for (guint i = 0; i < n_changes; i++)
    {
      BfChange *change = decode_change (changes->items[i], sender, error);

      if (change == NULL)
        {
          g_prefix_error (error, _("Change %u: "), i + 1);
          return NULL;
        }
      g_ptr_array_add (batch->changes, change);
    }
  return g_steal_pointer (&batch);
}

BfBatch *
bf_batch_decode (const guint8 *data, gsize length, GError **error)
{
  return bf_batch_decode_tree (data, length, NULL, error);
}

BfBatch *
bf_batch_decode_tree (const guint8 *data, gsize length, BfJsonTree **out_tree, GError **error)
{
  g_autoptr(BfJsonTree) tree = NULL;
  BfJsonNode *root = NULL;
  BfBatch *batch;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tree = parse_object (data, length, &root, error);
  if (tree == NULL || (batch = decode_batch (root, error)) == NULL)
    return NULL;
  if (out_tree != NULL)
    *out_tree = g_steal_pointer (&tree);
  return batch;
}

/* Adds the result @object says to @results — @object stands for "n" of them when it has that
 * member — within @room. */
static gboolean
decode_result (const BfJsonNode *object, GPtrArray *results, guint room, GError **error)
{
  const char *device_id = NULL;
  const char *status = NULL;
  const char *reason = NULL;
  gint64 seq = 0, server_seq = 0, n = 1;
  int index;

  if (object->type != BF_JSON_OBJECT)
    {
      g_set_error_literal (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD,
                           _("A result must be an object"));
      return FALSE;
    }
  if (!get_uuid (object, "d", TRUE, &device_id, error) ||
      !get_int (object, "s", TRUE, 1, G_MAXINT64, &seq, error) ||
      !get_string (object, "st", TRUE, G_MAXSIZE, &status, error) ||
      !get_int (object, "g", FALSE, 0, G_MAXINT64, &server_seq, error) ||
      !get_string (object, "why", FALSE, MAX_VALUE, &reason, error) ||
      !get_int (object, "n", FALSE, 1, MAX_RESULTS, &n, error))
    return FALSE;
  index = bf_code_index (status_names, status);
  if (index < 0)
    {
      SET_ERROR_QUOTING (error, _("Unknown status “%s”"), status);
      return FALSE;
    }
  if (n > room || seq > G_MAXINT64 - n || server_seq > G_MAXINT64 - n)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX,
                   _("Too many results in one response: more than %u"), MAX_RESULTS);
      return FALSE;
    }

  for (gint64 k = 0; k < n; k++)
    {
      BfPushResult *result = g_new0 (BfPushResult, 1);
      result->device_id = g_strdup (device_id);
      result->seq = seq + k;
      result->status = (BfPushStatus) index;
      result->server_seq = server_seq != 0 ? server_seq + k : 0;
      result->reason = g_strdup (reason);
      g_ptr_array_add (results, result);
    }
  return TRUE;
}

BfPushResponse *
bf_push_response_decode (const guint8 *data, gsize length, GError **error)
{
  g_autoptr(BfJsonTree) parser = NULL;
  g_autoptr(BfPushResponse) response = NULL;
  BfJsonNode *root = NULL;
  BfJsonNode *results = NULL;
  gint64 server_time = 0;
  guint n_results;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = parse_object (data, length, &root, error);
  if (parser == NULL || !check_protocol (root, error))
    return NULL;
  if (!get_int (root, "server_time", FALSE, 0, G_MAXINT64, &server_time, error) ||
      !get_container (root, "results", TRUE, BF_JSON_ARRAY, &results, error))
    return NULL;
  n_results = results->length;
  if (n_results > MAX_RESULTS)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX,
                   _("Too many results in one response: %u, at most %u"), n_results, MAX_RESULTS);
      return NULL;
    }

  response = bf_push_response_new ();
  response->server_time_ms = server_time;
  for (guint i = 0; i < n_results; i++)
    if (!decode_result (results->items[i], response->results,
                        MAX_RESULTS - response->results->len, error))
      {
        g_prefix_error (error, _("Result %u: "), i + 1);
        return NULL;
      }
  return g_steal_pointer (&response);
}
