/* bf-server-handlers.c: what each endpoint does with the hub's store, on the store thread.
 *
 * Every handler but login starts from the token: who is asking, from which device, with
 * which role and scope. The answer is left in the exchange for the pool to encode.
 */
#include "bf-config.h"
#include "bf-server-private.h"

#include <string.h>

#include "bf-accounts.h"
#include "bf-audit.h"
#include "bf-hlc.h"
#include "bf-sync.h"
#include "bf-uuid.h"

#define PULL_LIMIT_DEFAULT 5000
#define PULL_LIMIT_MAX     10000

/* A string member, or NULL when it is missing or not a string. */
static const char *
string_member (JsonNode *node, const char *name)
{
  JsonNode *member = json_object_get_member (json_node_get_object (node), name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* An integer member within [min, max], or @fallback when missing. */
static gboolean
int_member (JsonNode *node, const char *name, gint64 min, gint64 max, gint64 fallback,
            gint64 *out, GError **error)
{
  JsonNode *member = json_object_get_member (json_node_get_object (node), name);

  *out = fallback;
  if (member == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) < min || json_node_get_int (member) > max)
    {
      g_set_error (error, BF_HTTP_ERROR, 400,
                   "“%s” must be an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                   name, min, max);
      return FALSE;
    }
  *out = json_node_get_int (member);
  return TRUE;
}

static gboolean
missing (const char *name, GError **error)
{
  g_set_error (error, BF_HTTP_ERROR, 400, "The request has no string “%s”", name);
  return FALSE;
}

/* SCOPE of the HTTP contract: {"district": true} or {"towns": [...], "villages": [...]}. */
static JsonNode *
scope_to_json (const BfScope *scope)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *lists[2] = { scope->town_ids, scope->village_ids };
  const char *names[2] = { "towns", "villages" };

  json_builder_begin_object (builder);
  if (scope->district)
    {
      json_builder_set_member_name (builder, "district");
      json_builder_add_boolean_value (builder, TRUE);
    }
  else
    for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
      {
        json_builder_set_member_name (builder, names[l]);
        json_builder_begin_array (builder);
        for (guint i = 0; i < lists[l]->len; i++)
          json_builder_add_string_value (builder, g_ptr_array_index (lists[l], i));
        json_builder_end_array (builder);
      }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The session behind the exchange's token, with its account noted for the request log. */
static BfSession *
authenticate (BfStore *hub, BfExchange *exchange, gboolean district_only, GError **error)
{
  g_autoptr(BfSession) session = NULL;

  if (exchange->token == NULL)
    {
      g_set_error_literal (error, BF_HTTP_ERROR, 401, "Sign in first: no bearer token was sent");
      return NULL;
    }
  session = bf_token_check (hub, exchange->token, error);
  if (session == NULL)
    return NULL;
  g_free (exchange->account);
  exchange->account = g_strdup (session->account);
  if (district_only && !bf_role_is_district (session->role))
    {
      g_set_error_literal (error, BF_HTTP_ERROR, 403, "Only district staff may do this");
      return NULL;
    }
  return g_steal_pointer (&session);
}

static gboolean
handle_login (BfStore *hub, BfExchange *exchange, GError **error)
{
  const char *user = string_member (exchange->json, "user");
  const char *password = string_member (exchange->json, "password");
  const char *device = string_member (exchange->json, "device");
  const char *device_name = string_member (exchange->json, "device_name");
  g_autoptr(BfSession) session = NULL;
  g_autoptr(BfScope) scope = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (user == NULL)
    return missing ("user", error);
  if (password == NULL)
    return missing ("password", error);
  if (device == NULL)
    return missing ("device", error);
  if (exchange->password_hash == NULL)
    {
      /* First the stored hash; the pool checks the password against it, away from the store,
       * and the exchange comes back here for the token. */
      if (!bf_uuid_is_valid (device))
        {
          g_set_error_literal (error, BF_HTTP_ERROR, 400, "The device id is not a UUID");
          return FALSE;
        }
      exchange->account = g_strdup (user);
      exchange->password_hash = bf_account_password_hash (hub, user, error);
      exchange->check_password = exchange->password_hash != NULL;
      return exchange->check_password;
    }
  session = bf_account_issue_token (hub, user, exchange->password_hash, device, device_name, error);
  if (session == NULL)
    return FALSE;
  scope = bf_session_scope (hub, session, error);
  if (scope == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, session->token);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, session->device);
  json_builder_set_member_name (builder, "expires");
  json_builder_add_int_value (builder, session->expires_at);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, session->account);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, bf_role_to_string (session->role));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_value (builder, scope_to_json (scope));
  /* A cadre's app shows "my households": it needs to know which cadre record is the user. */
  if (g_str_has_prefix (session->scope, "cadre:"))
    {
      json_builder_set_member_name (builder, "cadre");
      json_builder_add_string_value (builder, session->scope + strlen ("cadre:"));
    }
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, bf_wall_clock_ms ());
  json_builder_end_object (builder);
  exchange->reply_json = json_builder_get_root (builder);
  return TRUE;
}

static gboolean
handle_push (BfStore *hub, BfExchange *exchange, GError **error)
{
  g_autoptr(BfSession) session = authenticate (hub, exchange, FALSE, error);
  g_autoptr(BfScope) scope = NULL;
  BfHubWriter writer = { NULL };

  if (session == NULL)
    return FALSE;
  if (g_strcmp0 (exchange->batch->sender, session->device) != 0)
    {
      g_set_error_literal (error, BF_HTTP_ERROR, 403,
                           "The batch was sent by another device than the one signed in with this token");
      return FALSE;
    }
  scope = bf_session_scope (hub, session, error);
  if (scope == NULL)
    return FALSE;
  writer.account = session->account;
  writer.device = session->device;
  writer.scope = scope;
  writer.may_edit_reference = bf_role_is_district (session->role);
  writer.may_resolve = bf_role_is_district (session->role);
  /* The device's last-seen time goes in with the changes: one commit, not two. */
  if (!bf_store_begin (hub, error))
    return FALSE;
  exchange->push_response = bf_hub_push_as (hub, exchange->batch, &writer, error);
  if (exchange->push_response == NULL || !bf_device_report (hub, session->device, -1, error))
    {
      g_clear_pointer (&exchange->push_response, bf_push_response_free);
      bf_store_rollback (hub);
      return FALSE;
    }
  return bf_store_commit (hub, error);
}

static gboolean
handle_pull (BfStore *hub, BfExchange *exchange, GError **error)
{
  g_autoptr(BfSession) session = authenticate (hub, exchange, FALSE, error);
  g_autoptr(BfScope) scope = NULL;
  g_autoptr(JsonNode) scope_node = NULL;
  gint64 cursor = 0, limit = 0, unsent = 0;

  if (session == NULL ||
      !int_member (exchange->json, "cursor", 0, G_MAXINT64, 0, &cursor, error) ||
      !int_member (exchange->json, "limit", 1, PULL_LIMIT_MAX, PULL_LIMIT_DEFAULT, &limit, error) ||
      !int_member (exchange->json, "unsent", 0, G_MAXINT64, -1, &unsent, error))
    return FALSE;
  scope = bf_session_scope (hub, session, error);
  if (scope == NULL)
    return FALSE;
  exchange->pulled = bf_hub_pull_encoded (hub, cursor, scope, (guint) limit, NULL, error);
  if (exchange->pulled == NULL || !bf_device_report (hub, session->device, unsent, error))
    return FALSE;
  scope_node = scope_to_json (scope);
  exchange->scope_json = json_to_string (scope_node, FALSE);
  return TRUE;
}

static gboolean
handle_conflicts (BfStore *hub, BfExchange *exchange, GError **error)
{
  g_autoptr(BfSession) session = authenticate (hub, exchange, TRUE, error);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonObject *root;

  if (session == NULL)
    return FALSE;
  conflicts = bf_store_list (hub, BF_ENTITY_CONFLICT, "status", "open", error);
  if (conflicts == NULL)
    return FALSE;
  list = json_array_sized_new (conflicts->len);
  for (guint i = 0; i < conflicts->len; i++)
    json_array_add_object_element (list, bf_record_to_json (BF_ENTITY_CONFLICT,
                                                            g_ptr_array_index (conflicts, i)));
  root = json_object_new ();
  json_object_set_array_member (root, "conflicts", g_steal_pointer (&list));
  exchange->reply_json = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  return TRUE;
}

/* Sets the conflict's field to the chosen value and closes it, as the hub's own changes made
 * by @account; one transaction. */
static gboolean
resolve (BfStore *hub, const BfConflict *conflict, const char *keep, const char *value,
         const char *account, GError **error)
{
  const BfEntityDef *def = bf_entity_def_lookup (conflict->entity);
  g_autofree char *author = g_strdup (bf_store_get_author (hub));
  gint64 newest = 0;

  if (def == NULL)
    {
      g_set_error (error, BF_HTTP_ERROR, 400, "The conflict names an unknown record type “%s”",
                   conflict->entity);
      return FALSE;
    }
  if (!bf_store_begin (hub, error))
    return FALSE;
  /* The author goes to every device with the change; the account into the audit trail. */
  if (!bf_audit_newest (hub, &newest, error) || !bf_store_set_author (hub, account, error) ||
      (strcmp (keep, "kept") != 0 &&
       !bf_store_update_field (hub, def->kind, conflict->row_id, conflict->field, value, error)) ||
      !bf_conflict_set (hub, conflict->id, "status", "resolved", error) ||
      !bf_conflict_set (hub, conflict->id, "resolution", keep, error) ||
      !bf_audit_claim_hub_changes (hub, newest, account, error) ||
      !bf_store_set_author (hub, author, error))
    {
      bf_store_rollback (hub);
      /* The store's cached author follows the meta row, which the rollback restored. */
      bf_store_set_author (hub, author, NULL);
      return FALSE;
    }
  return bf_store_commit (hub, error);
}

static gboolean
handle_resolve (BfStore *hub, BfExchange *exchange, GError **error)
{
  g_autoptr(BfSession) session = authenticate (hub, exchange, TRUE, error);
  g_autoptr(BfConflict) conflict = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *keep = NULL, *value = NULL;
  JsonObject *reply;

  if (session == NULL)
    return FALSE;
  keep = string_member (exchange->json, "keep");
  if (g_strcmp0 (keep, "kept") != 0 && g_strcmp0 (keep, "other") != 0 &&
      g_strcmp0 (keep, "value") != 0)
    {
      g_set_error_literal (error, BF_HTTP_ERROR, 400,
                           "“keep” must be \"kept\", \"other\" or \"value\"");
      return FALSE;
    }
  if (strcmp (keep, "value") == 0)
    {
      JsonNode *member = json_object_get_member (json_node_get_object (exchange->json), "value");
      value = string_member (exchange->json, "value");
      if (value == NULL && (member == NULL || !JSON_NODE_HOLDS_NULL (member)))
        return missing ("value", error);
    }
  conflict = bf_uuid_is_valid (exchange->conflict_id)
    ? bf_conflict_get (hub, exchange->conflict_id, &local_error) : NULL;
  if (conflict == NULL)
    {
      if (local_error != NULL && bf_http_status_for_error (local_error) == 500)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error_literal (error, BF_HTTP_ERROR, 404, "There is no such conflict");
      return FALSE;
    }
  if (strcmp (keep, "other") == 0)
    value = conflict->other_value;
  /* A tombstone stands until the record API can restore one. */
  if (strcmp (conflict->field, "deleted") == 0 && strcmp (keep, "kept") != 0)
    {
      g_set_error_literal (error, BF_HTTP_ERROR, 400,
                           "A deleted record cannot be restored from the server yet; keep the deletion");
      return FALSE;
    }
  /* Resolving twice (a retry after a lost answer) changes nothing more. */
  if (conflict->status == BF_CONFLICT_OPEN &&
      !resolve (hub, conflict, keep, value, session->account, error))
    return FALSE;
  reply = json_object_new ();
  json_object_set_boolean_member (reply, "ok", TRUE);
  exchange->reply_json = json_node_init_object (json_node_alloc (), reply);
  json_object_unref (reply);
  return TRUE;
}

static gboolean
handle_status (BfStore *hub, BfExchange *exchange, GError **error)
{
  g_autoptr(BfSession) session = authenticate (hub, exchange, TRUE, error);
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (session == NULL)
    return FALSE;
  devices = bf_device_list (hub, error);
  if (devices == NULL)
    return FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < devices->len; i++)
    {
      const BfDeviceStatus *status = g_ptr_array_index (devices, i);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "device");
      json_builder_add_string_value (builder, status->device);
      json_builder_set_member_name (builder, "account");
      json_builder_add_string_value (builder, status->account);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, status->name);
      json_builder_set_member_name (builder, "last_seen");
      json_builder_add_int_value (builder, status->last_seen);
      json_builder_set_member_name (builder, "unsent");
      json_builder_add_int_value (builder, status->unsent);
      json_builder_set_member_name (builder, "last_seq");
      json_builder_add_int_value (builder, status->last_seq);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  exchange->reply_json = json_builder_get_root (builder);
  return TRUE;
}

gboolean
bf_exchange_check_password (BfStore *store, gpointer data, GError **error)
{
  BfExchange *exchange = data;

  exchange->check_password = FALSE;
  return bf_account_verify_password (exchange->password_hash,
                                     string_member (exchange->json, "password"), error);
}

gboolean
bf_exchange_handle (BfStore *hub, gpointer data, GError **error)
{
  BfExchange *exchange = data;

  switch (exchange->route)
    {
    case BF_ROUTE_LOGIN:
      return handle_login (hub, exchange, error);
    case BF_ROUTE_PUSH:
      return handle_push (hub, exchange, error);
    case BF_ROUTE_PULL:
      return handle_pull (hub, exchange, error);
    case BF_ROUTE_CONFLICTS:
      return handle_conflicts (hub, exchange, error);
    case BF_ROUTE_RESOLVE:
      return handle_resolve (hub, exchange, error);
    case BF_ROUTE_STATUS:
      return handle_status (hub, exchange, error);
    default:
      g_set_error_literal (error, BF_HTTP_ERROR, 404, "No such endpoint");
      return FALSE;
    }
}
