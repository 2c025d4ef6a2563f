/* test-wire.c: the wire format round-trips exactly, and refuses hostile input without crashing. */
#include <glib.h>
#include <string.h>

#include "bf-bundle.h"
#include "bf-json-strict.h"
#include "bf-schema.h"
#include "bf-uuid.h"
#include "bf-wire.h"

#define SENDER "0b9c2a56-5d1e-4c7a-9a51-2f1d3c4b5a69"
#define OTHER  "7f3e1d2c-4b5a-4968-8776-a5b4c3d2e1f0"
#define ROW    "c4f1e2d3-b4a5-4697-8889-7a6b5c4d3e2f"
/* 2024-05-01 08:00 Beijing, logical 3 */
#define HLC    BF_HLC_MAKE (G_GINT64_CONSTANT (1714521600000), 3)

static void
assert_changes_equal (const BfChange *a, const BfChange *b)
{
  g_assert_cmpstr (a->device_id, ==, b->device_id);
  g_assert_cmpint (a->seq, ==, b->seq);
  g_assert_cmpuint (a->hlc, ==, b->hlc);
  g_assert_cmpint (a->clamped, ==, b->clamped);
  g_assert_cmpstr (a->author, ==, b->author);
  g_assert_cmpint (a->entity, ==, b->entity);
  g_assert_cmpstr (a->row_id, ==, b->row_id);
  g_assert_cmpint (a->server_seq, ==, b->server_seq);
  g_assert_cmpuint (a->fields->len, ==, b->fields->len);
  for (guint i = 0; i < a->fields->len; i++)
    {
      const BfFieldChange *fa = g_ptr_array_index (a->fields, i);
      const BfFieldChange *fb = g_ptr_array_index (b->fields, i);
      g_assert_cmpstr (fa->name, ==, fb->name);
      g_assert_cmpstr (fa->value, ==, fb->value);
      g_assert_cmpstr (fa->base, ==, fb->base);
    }
}

static void
assert_batches_equal (const BfBatch *a, const BfBatch *b)
{
  g_assert_cmpint (a->protocol, ==, b->protocol);
  g_assert_cmpint (a->schema, ==, b->schema);
  g_assert_cmpstr (a->sender, ==, b->sender);
  g_assert_cmpint (a->cursor, ==, b->cursor);
  g_assert_cmpint (a->more, ==, b->more);
  g_assert_cmpint (a->server_time_ms, ==, b->server_time_ms);
  g_assert_cmpuint (a->changes->len, ==, b->changes->len);
  for (guint i = 0; i < a->changes->len; i++)
    assert_changes_equal (g_ptr_array_index (a->changes, i), g_ptr_array_index (b->changes, i));
}

static BfChange *
visit_creation (GRand *rand, const char *device, gint64 seq)
{
  g_autofree char *row = bf_uuid_from_rand (rand);
  g_autofree char *household = bf_uuid_from_rand (rand);
  g_autofree char *cadre = bf_uuid_from_rand (rand);
  BfChange *change = bf_change_new (device, seq, HLC + (BfHlc) seq, BF_ENTITY_VISIT, row);

  bf_change_add_field (change, "household_id", household, NULL);
  bf_change_add_field (change, "cadre_id", cadre, NULL);
  bf_change_add_field (change, "date", "2024-05-01", NULL);
  bf_change_add_field (change, "kinds", "policy,funds", NULL);
  bf_change_add_field (change, "description", "走访慰问，送去米面油，宣讲低保政策。\"引号\"\n第二行", NULL);
  bf_change_add_field (change, "amount_fen", "20000", NULL);
  bf_change_add_field (change, "voids_id", NULL, NULL);
  bf_change_add_field (change, "void_reason", NULL, NULL);
  change->author = g_strdup ("王芳");
  return change;
}

/* A batch with one of everything the format carries. */
static BfBatch *
sample_batch (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  BfBatch *batch = bf_batch_new (SENDER);
  BfChange *edit, *removal, *foreign;

  batch->schema = 4;
  batch->cursor = 1234;
  batch->more = TRUE;
  batch->server_time_ms = G_GINT64_CONSTANT (1714521600123);

  g_ptr_array_add (batch->changes, visit_creation (rand, SENDER, 1));

  edit = bf_change_new (SENDER, 2, HLC + 100, BF_ENTITY_HOUSEHOLD, ROW);
  bf_change_add_field (edit, "phone", "13800138000", OTHER ":17");
  bf_change_add_field (edit, "address", NULL, SENDER ":1");
  bf_change_add_field (edit, "labour", "partial", NULL);
  edit->clamped = TRUE;
  edit->server_seq = 99;
  g_ptr_array_add (batch->changes, edit);

  removal = bf_change_new (SENDER, 3, HLC + 200, BF_ENTITY_PAIRING, ROW);
  bf_change_add_field (removal, BF_FIELD_DELETED, "true", OTHER ":9223372036854775807");
  g_ptr_array_add (batch->changes, removal);

  /* Relayed by the hub from another device: "d" must be written. */
  foreign = visit_creation (rand, OTHER, 40);
  foreign->server_seq = G_MAXINT64;
  foreign->hlc = (BfHlc) G_MAXINT64;
  g_free (foreign->author);
  foreign->author = NULL;
  g_ptr_array_add (batch->changes, foreign);
  return batch;
}

static BfBatch *
decode_bytes (GBytes *bytes, GError **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  return bf_batch_decode (data, length, error);
}

static void
test_round_trip (void)
{
  g_autoptr(BfBatch) batch = sample_batch ();
  g_autoptr(GBytes) encoded = bf_batch_encode (batch);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) decoded = decode_bytes (encoded, &error);
  g_autoptr(GBytes) again = NULL;

  g_assert_no_error (error);
  assert_batches_equal (batch, decoded);
  /* Deterministic: the same batch, and the decoded copy, encode to the same bytes. */
  again = bf_batch_encode (decoded);
  g_assert_true (g_bytes_equal (encoded, again));
  g_clear_pointer (&again, g_bytes_unref);
  again = bf_batch_encode (batch);
  g_assert_true (g_bytes_equal (encoded, again));
}

/* The exact bytes, as docs/PROTOCOL.md shows them. */
static void
test_shape (void)
{
  g_autoptr(BfBatch) batch = bf_batch_new (SENDER);
  g_autoptr(GBytes) encoded = NULL;
  g_autofree char *text = NULL;
  BfChange *change = bf_change_new (SENDER, 7, HLC, BF_ENTITY_HOUSEHOLD, ROW);
  BfChange *relayed = bf_change_new (OTHER, 2, HLC + 1, BF_ENTITY_HOUSEHOLD, ROW);

  batch->schema = 4;
  bf_change_add_field (change, "phone", "13800138000", OTHER ":2");
  bf_change_add_field (change, "address", NULL, NULL);
  change->author = g_strdup ("王芳");
  g_ptr_array_add (batch->changes, change);
  bf_change_add_field (relayed, BF_FIELD_DELETED, "true", SENDER ":7");
  relayed->clamped = TRUE;
  relayed->server_seq = 12;
  g_ptr_array_add (batch->changes, relayed);

  encoded = bf_batch_encode (batch);
  text = g_strndup (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded));
  g_assert_cmpstr (text, ==,
    "{\"protocol\":1,\"schema\":4,\"sender\":\"" SENDER "\",\"cursor\":0,\"more\":false,"
    "\"changes\":["
    "{\"s\":7,\"h\":112362887577600003,\"e\":\"household\",\"r\":\"" ROW "\","
    "\"f\":{\"phone\":\"13800138000\",\"address\":null},\"b\":{\"phone\":\"" OTHER ":2\"},"
    "\"a\":\"王芳\"},"
    "{\"d\":\"" OTHER "\",\"s\":2,\"h\":112362887577600004,\"e\":\"household\",\"r\":\"" ROW "\","
    "\"f\":{\"deleted\":\"true\"},\"b\":{\"deleted\":\"" SENDER ":7\"},\"c\":true,\"g\":12}"
    "]}");
}

static void
test_sender_fills_device (void)
{
  static const char json[] =
    "{\"protocol\":1,\"schema\":1,\"sender\":\"" SENDER "\",\"cursor\":0,\"more\":false,"
    "\"changes\":[{\"s\":1,\"h\":5,\"e\":\"town\",\"r\":\"" ROW "\",\"f\":{\"name\":\"东城街\"}},"
    "{\"d\":\"" OTHER "\",\"s\":1,\"h\":6,\"e\":\"town\",\"r\":\"" ROW "\",\"f\":{\"name\":null}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = bf_batch_decode ((const guint8 *) json, strlen (json), &error);
  const BfChange *first, *second;

  g_assert_no_error (error);
  first = g_ptr_array_index (batch->changes, 0);
  second = g_ptr_array_index (batch->changes, 1);
  g_assert_cmpstr (first->device_id, ==, SENDER);
  g_assert_cmpstr (second->device_id, ==, OTHER);
  g_assert_cmpstr (bf_change_get_field (first, "name")->value, ==, "东城街");
  g_assert_null (bf_change_get_field (second, "name")->value);
  g_assert_null (bf_change_get_field (second, "name")->base);
  g_assert_cmpint (batch->server_time_ms, ==, 0);
}

/* The tree comes with the batch, for members beyond it (a pull answer's "scope"); none on
 * failure. */
static void
test_decode_tree (void)
{
  static const char json[] =
    "{\"protocol\":1,\"schema\":1,\"sender\":\"" SENDER "\",\"cursor\":7,\"more\":true,"
    "\"changes\":[],\"scope\":{\"towns\":[],\"villages\":[\"" ROW "\"]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BfJsonTree) tree = NULL;
  g_autoptr(BfBatch) batch = bf_batch_decode_tree ((const guint8 *) json, strlen (json), &tree,
                                                   &error);
  const BfJsonNode *scope, *villages;

  g_assert_no_error (error);
  g_assert_cmpint (batch->cursor, ==, 7);
  scope = bf_json_object_get (bf_json_tree_root (tree), "scope");
  g_assert_nonnull (scope);
  villages = bf_json_object_get (scope, "villages");
  g_assert_cmpint (villages->type, ==, BF_JSON_ARRAY);
  g_assert_cmpuint (villages->length, ==, 1);
  g_assert_cmpstr (villages->items[0]->string, ==, ROW);
  g_clear_pointer (&tree, bf_json_tree_free);
  g_clear_pointer (&batch, bf_batch_free);

  batch = bf_batch_decode_tree ((const guint8 *) json, strlen (json) - 1, &tree, &error);
  g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
  g_assert_null (batch);
  g_assert_null (tree);
}

static void
test_push_response (void)
{
  g_autoptr(BfPushResponse) response = bf_push_response_new ();
  g_autoptr(BfPushResponse) decoded = NULL;
  g_autoptr(BfPushResponse) bare = bf_push_response_new ();
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  static const BfPushStatus statuses[] = { BF_PUSH_ACCEPTED, BF_PUSH_DUPLICATE, BF_PUSH_REJECTED };

  response->server_time_ms = G_GINT64_CONSTANT (1714521600123);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      BfPushResult *result = g_new0 (BfPushResult, 1);
      result->device_id = g_strdup (i == 1 ? OTHER : SENDER);
      result->seq = i + 1;
      result->status = statuses[i];
      result->server_seq = statuses[i] == BF_PUSH_REJECTED ? 0 : 500 + i;
      result->reason = statuses[i] == BF_PUSH_REJECTED ? g_strdup ("金额超过上限") : NULL;
      g_ptr_array_add (response->results, result);
    }
  encoded = bf_push_response_encode (response);
  decoded = bf_push_response_decode (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded),
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (decoded->protocol, ==, BF_PROTOCOL_VERSION);
  g_assert_cmpint (decoded->server_time_ms, ==, response->server_time_ms);
  g_assert_cmpuint (decoded->results->len, ==, response->results->len);
  for (guint i = 0; i < response->results->len; i++)
    {
      const BfPushResult *a = g_ptr_array_index (response->results, i);
      const BfPushResult *b = g_ptr_array_index (decoded->results, i);
      g_assert_cmpstr (a->device_id, ==, b->device_id);
      g_assert_cmpint (a->seq, ==, b->seq);
      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpint (a->server_seq, ==, b->server_seq);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }
  again = bf_push_response_encode (decoded);
  g_assert_true (g_bytes_equal (encoded, again));

  g_clear_pointer (&encoded, g_bytes_unref);
  encoded = bf_push_response_encode (bare);
  g_assert_cmpmem (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded),
                   "{\"protocol\":1,\"results\":[]}", 27);
}

static void
assert_push_refused (const char *json, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPushResponse) response = bf_push_response_decode ((const guint8 *) json,
                                                                strlen (json), &error);
  g_assert_null (response);
  g_assert_error (error, BF_WIRE_ERROR, code);
}

static void
test_push_response_hostile (void)
{
  assert_push_refused ("{\"protocol\":2,\"results\":[]}", BF_WIRE_ERROR_VERSION);
  assert_push_refused ("{\"protocol\":1}", BF_WIRE_ERROR_FIELD);
  assert_push_refused ("{\"protocol\":1,\"results\":[{\"d\":\"" SENDER "\",\"s\":1,"
                       "\"st\":\"maybe\"}]}", BF_WIRE_ERROR_FIELD);
  assert_push_refused ("{\"protocol\":1,\"results\":[{\"d\":\"" SENDER "\",\"s\":0,"
                       "\"st\":\"accepted\"}]}", BF_WIRE_ERROR_FIELD);
  assert_push_refused ("{\"protocol\":1,\"results\":[{\"d\":\"" SENDER "\",\"s\":1,"
                       "\"st\":\"accepted\",\"g\":-1}]}", BF_WIRE_ERROR_FIELD);
  assert_push_refused ("{\"protocol\":1,\"results\":[{\"d\":\"" SENDER "\",\"s\":1,"
                       "\"st\":\"rejected\",\"why\":7}]}", BF_WIRE_ERROR_FIELD);
  assert_push_refused ("{\"protocol\":1,\"results\":[{\"s\":1,\"st\":\"accepted\"}]}",
                       BF_WIRE_ERROR_FIELD);
  assert_push_refused ("{\"protocol\":1,\"results\":[],\"results\":[]}", BF_WIRE_ERROR_SYNTAX);
  assert_push_refused ("{\"protocol\":1,\"server_time\":1.5,\"results\":[]}", BF_WIRE_ERROR_FIELD);
}

typedef struct {
  const char *json;
  gboolean    valid;
  gsize       offset;   /* of the fault, when not valid */
} StrictCase;

static const StrictCase strict_cases[] = {
  { "{}", TRUE, 0 },
  { " [ 1 , -0 , 0.5e-3 , 1E+9 , true , false , null , \"\\ud83d\\ude00\\/\" ] ", TRUE, 0 },
  { "9223372036854775807", TRUE, 0 },
  { "-9223372036854775808", TRUE, 0 },
  { "[[[[[[[[1]]]]]]]]", TRUE, 0 },
  { "{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}", TRUE, 0 },   /* the same key in other objects */
  { "9223372036854775808", FALSE, 0 },
  { "-9223372036854775809", FALSE, 0 },
  { "[[[[[[[[[1]]]]]]]]]", FALSE, 8 },
  { "{\"a\":1,\"a\":2}", FALSE, 7 },
  { "{\"a\":1,\"\\u0061\":2}", FALSE, 7 },
  { "{\"k\":1,\"b\":{\"x\":1,\"x\":2}}", FALSE, 18 },
  /* Keys compare by length and bytes, an escaped one by what it unescapes to. */
  { "{\"ab\":1,\"a\":2,\"abc\":3,\"\":4,\"a\\u0062c\\\"\":5}", TRUE, 0 },
  { "{\"a\\\"\":1,\"a\\u0022\":2}", FALSE, 9 },
  { "{\"\\u0061b\":1,\"x\":2,\"ab\":3}", FALSE, 19 },
  /* Past whole eight-byte runs of ASCII, and right after one. */
  { "[\"abcdefghijklmnop\xc3\"]", FALSE, 18 },
  { "[\"abcdef\xe4\xb8\"]", FALSE, 8 },
  { "[\"abcdefghijklmn\xe4\xb8\xad\xe6\x96\x87\"]", TRUE, 0 },
  { "[\"\\ud800\"]", FALSE, 2 },
  { "[\"\\ud800\\u0041\"]", FALSE, 2 },
  { "[\"\\udfff\"]", FALSE, 2 },
  { "[\"a\\u0000\"]", FALSE, 3 },
  { "[\"\\u00g0\"]", FALSE, 2 },
  { "[\"\\a\"]", FALSE, 2 },
  { "[\"a\tb\"]", FALSE, 3 },
  { "[01]", FALSE, 1 },
  { "[1.]", FALSE, 1 },
  { "[.5]", FALSE, 1 },
  { "[1e]", FALSE, 1 },
  { "[-]", FALSE, 1 },
  { "[+1]", FALSE, 1 },
  { "[0x10]", FALSE, 2 },
  { "[1,]", FALSE, 3 },
  { "[1 2]", FALSE, 3 },
  { "{\"a\" 1}", FALSE, 5 },
  { "{,}", FALSE, 1 },
  { "{\"a\":1,}", FALSE, 7 },
  { "{'a':1}", FALSE, 1 },
  { "[tru]", FALSE, 1 },
  { "[nulll]", FALSE, 5 },
  { "[NaN]", FALSE, 1 },
  { "[1]x", FALSE, 3 },
  { "{} {}", FALSE, 3 },
  { "[\"abc", FALSE, 5 },
  { "[", FALSE, 1 },
  { "\xef\xbb\xbf{}", FALSE, 0 },
  { "[\"\xc0\xaf\"]", FALSE, 2 },
  { "[\"\xed\xa0\x80\"]", FALSE, 2 },
  { "[\"\xff\"]", FALSE, 2 },
  { "   ", FALSE, 3 },
  { "/* */ {}", FALSE, 0 },
};

static void
test_strict (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (strict_cases); i++)
    {
      const StrictCase *c = &strict_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *where = NULL;
      g_autofree char *shown = g_strescape (c->json, NULL);
      gboolean ok;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, shown);
      ok = bf_json_strict_check ((const guint8 *) c->json, strlen (c->json), 1000, 8, &error);
      if (c->valid)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
      where = g_strdup_printf ("byte %" G_GSIZE_FORMAT ":", c->offset);
      g_assert_nonnull (strstr (error->message, where));
    }
}

/* An embedded NUL, the size limit, and objects past the linear duplicate check. */
static void
test_strict_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) object = g_string_new ("{");

  g_assert_false (bf_json_strict_check ((const guint8 *) "[\"a\0b\"]", 7, 100, 8, &error));
  g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "byte 3: NUL byte"));
  g_clear_error (&error);
  /* A NUL inside the second eight-byte word, and one in the tail after the last word. */
  g_assert_false (bf_json_strict_check ((const guint8 *) "[\"abcdefghij\0lmnop\"]", 20, 100, 8, &error));
  g_assert_nonnull (strstr (error->message, "byte 12: NUL byte"));
  g_clear_error (&error);
  g_assert_false (bf_json_strict_check ((const guint8 *) "[\"abcdefghijklmn\0\"]", 19, 100, 8, &error));
  g_assert_nonnull (strstr (error->message, "byte 16: NUL byte"));
  g_clear_error (&error);
  g_assert_false (bf_json_strict_check ((const guint8 *) "[1, 2]", 6, 5, 8, &error));
  g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (bf_json_strict_check ((const guint8 *) "", 0, 5, 8, &error));
  g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
  g_clear_error (&error);

  /* key56 … key0, then key199 … key1: the second run repeats key56 … key1, long after the
   * point where duplicates are looked for as each key arrives. */
  for (guint i = 0; i < BF_JSON_STRICT_MAX_MEMBERS; i++)
    g_string_append_printf (object, "%s\"key%u\":%u", i > 0 ? "," : "",
                            (BF_JSON_STRICT_MAX_MEMBERS - i) % 200, i);
  g_string_append_c (object, '}');
  g_assert_false (bf_json_strict_check ((const guint8 *) object->str, object->len, 100000, 8, &error));
  g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "duplicate key"));
  g_clear_error (&error);

  g_string_assign (object, "{");
  for (guint i = 0; i < BF_JSON_STRICT_MAX_MEMBERS; i++)
    g_string_append_printf (object, "%s\"k%u\":null", i > 0 ? "," : "", i);
  g_string_append_c (object, '}');
  g_assert_true (bf_json_strict_check ((const guint8 *) object->str, object->len, 100000, 8, &error));
  g_assert_no_error (error);
  g_string_insert (object, 1, "\"one-more\":1,");
  g_assert_false (bf_json_strict_check ((const guint8 *) object->str, object->len, 100000, 8, &error));
  g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
}

/* A change's fields: added with or without a base, set in place (the base kept, the text
 * cleared or replaced), added when set but absent, and copied whole. */
static void
test_change_fields (void)
{
  g_autoptr(BfChange) change = bf_change_new (SENDER, 1, 1, BF_ENTITY_HOUSEHOLD, SENDER);
  g_autoptr(BfChange) copy = NULL;
  const BfFieldChange *field;

  bf_change_add_field (change, "phone", "13800138000", SENDER ":3");
  bf_change_add_field (change, "address", NULL, NULL);
  change->log_fields = g_strdup ("{}");
  bf_change_set_field (change, "phone", "13900139000");
  g_assert_null (change->log_fields);
  bf_change_set_field (change, "address", "旧岭村三组");
  bf_change_set_field (change, "poverty_cause", NULL);
  g_assert_cmpuint (change->fields->len, ==, 3);
  field = bf_change_get_field (change, "phone");
  g_assert_cmpstr (field->value, ==, "13900139000");
  g_assert_cmpstr (field->base, ==, SENDER ":3");
  field = bf_change_get_field (change, "address");
  g_assert_cmpstr (field->value, ==, "旧岭村三组");
  g_assert_null (field->base);
  field = bf_change_get_field (change, "poverty_cause");
  g_assert_null (field->value);
  g_assert_null (field->base);
  g_assert_false (bf_change_is_creation (change));

  copy = bf_change_copy (change);
  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *a = g_ptr_array_index (change->fields, i);
      const BfFieldChange *b = g_ptr_array_index (copy->fields, i);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->value, ==, b->value);
      g_assert_cmpstr (a->base, ==, b->base);
      g_assert_true (a != b);
    }
}

/* The change limit is exact: 100 000 elements get as far as the first one, 100 001 do not. */
static void
test_too_many_changes (void)
{
  for (guint n = 100000; n <= 100001; n++)
    {
      g_autoptr(GString) json = g_string_new ("{\"protocol\":1,\"schema\":1,\"sender\":\"" SENDER
                                              "\",\"cursor\":0,\"more\":false,\"changes\":[");
      g_autoptr(GError) error = NULL;
      g_autoptr(BfBatch) batch = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append (json, i > 0 ? ",0" : "0");
      g_string_append (json, "]}");
      batch = bf_batch_decode ((const guint8 *) json->str, json->len, &error);
      g_assert_null (batch);
      if (n == 100000)
        g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_FIELD);
      else
        g_assert_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX);
    }
}

/* Whatever a decoder accepted must encode and decode to the same thing again. */
static void
check_accepted (const guint8 *data, gsize length)
{
  g_autoptr(BfBatch) batch = bf_batch_decode (data, length, NULL);
  g_autoptr(BfPushResponse) response = bf_push_response_decode (data, length, NULL);
  g_autoptr(BfBatch) unpacked = bf_bundle_unpack (data, length, NULL);

  if (batch != NULL)
    {
      g_autoptr(GBytes) encoded = bf_batch_encode (batch);
      g_autoptr(GError) error = NULL;
      g_autoptr(BfBatch) again = decode_bytes (encoded, &error);

      g_assert_no_error (error);
      assert_batches_equal (batch, again);
    }
  if (response != NULL)
    {
      g_autoptr(GBytes) encoded = bf_push_response_encode (response);
      g_autoptr(GError) error = NULL;
      g_autoptr(BfPushResponse) again = bf_push_response_decode (
          g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (again->results->len, ==, response->results->len);
    }
  if (unpacked != NULL)
    {
      g_autoptr(GBytes) bundle = bf_bundle_pack (unpacked);
      g_autoptr(GError) error = NULL;
      g_autoptr(BfBatch) again = bf_bundle_unpack (g_bytes_get_data (bundle, NULL),
                                                   g_bytes_get_size (bundle), &error);

      g_assert_no_error (error);
      assert_batches_equal (unpacked, again);
    }
}

/* tests/data/hostile: "ok-*" must be accepted, "any-*" (fuzzer finds) only must not crash,
 * everything else must be refused. */
static void
test_hostile_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(BfBatch) batch = NULL;
      gsize length = 0;

      g_test_message ("%s", name);
      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);
      batch = bf_batch_decode ((const guint8 *) data, length, &error);
      if (g_str_has_prefix (name, "ok-"))
        {
          g_assert_no_error (error);
          g_assert_nonnull (batch);
        }
      else if (!g_str_has_prefix (name, "any-"))
        {
          g_assert_null (batch);
          g_assert_nonnull (error);
          g_assert_true (error->domain == BF_WIRE_ERROR);
          g_assert_cmpuint (strlen (error->message), >, 0);
        }
      g_clear_error (&error);
      check_accepted ((const guint8 *) data, length);
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 40);
}

static void
mutate (GByteArray *bytes, GRand *rand)
{
  guint n = (guint) g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n; i++)
    {
      guint at = bytes->len > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) bytes->len) : 0;
      guint8 byte = (guint8) g_rand_int_range (rand, 0, 256);
      /* JSON's own characters make the likeliest damage that still parses. */
      static const char interesting[] = "{}[]\":,0123456789-.eE\\u tfn";

      if (g_rand_boolean (rand))
        byte = (guint8) interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          if (bytes->len > 0)
            bytes->data[at] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1:
          if (bytes->len > 0)
            bytes->data[at] = byte;
          break;
        case 2:
          g_byte_array_set_size (bytes, bytes->len + 1);
          memmove (bytes->data + at + 1, bytes->data + at, bytes->len - 1 - at);
          bytes->data[at] = byte;
          break;
        default:
          if (bytes->len > 0)
            g_byte_array_remove_index (bytes, at);
          break;
        }
    }
}

static void
test_mutations (void)
{
  g_autoptr(BfBatch) batch = sample_batch ();
  g_autoptr(GBytes) encoded = bf_batch_encode (batch);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  guint accepted = 0;

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(BfBatch) decoded = NULL;

      g_byte_array_append (bytes, g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded));
      mutate (bytes, rand);
      decoded = bf_batch_decode (bytes->data, bytes->len, NULL);
      accepted += decoded != NULL;
      check_accepted (bytes->data, bytes->len);
    }
  g_test_message ("%u of 5000 mutations accepted", accepted);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wire/round-trip", test_round_trip);
  g_test_add_func ("/wire/shape", test_shape);
  g_test_add_func ("/wire/sender-fills-device", test_sender_fills_device);
  g_test_add_func ("/wire/decode-tree", test_decode_tree);
  g_test_add_func ("/wire/push-response", test_push_response);
  g_test_add_func ("/wire/push-response-hostile", test_push_response_hostile);
  g_test_add_func ("/wire/strict", test_strict);
  g_test_add_func ("/wire/strict-limits", test_strict_limits);
  g_test_add_func ("/wire/too-many-changes", test_too_many_changes);
  g_test_add_func ("/wire/change-fields", test_change_fields);
  g_test_add_func ("/wire/hostile-corpus", test_hostile_corpus);
  g_test_add_func ("/wire/mutations", test_mutations);
  return g_test_run ();
}
