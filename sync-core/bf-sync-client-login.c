/* bf-sync-client-login.c: signing a device in with the district server (POST /v1/login). */
#include "bf-config.h"
#include "bf-sync-client-private.h"
#include "bf-uuid.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-store-private.h"

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* The token goes into a header: only the characters of a bearer token are let through. */
static gboolean
token_is_sane (const char *token)
{
  gsize length = token ? strlen (token) : 0;

  if (length < 16 || length > 512)
    return FALSE;
  for (const char *p = token; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~+/=", *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
save_sign_in (BfSyncClient *self, const char *url, JsonObject *answer, GError **error)
{
  const char *token = member_string (answer, "token");
  const char *account = member_string (answer, "account");
  const char *role = member_string (answer, "role");
  const char *device = member_string (answer, "device");
  const char *cadre = member_string (answer, "cadre");
  gint64 server_time = member_int (answer, "server_time");
  g_autofree char *expires = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (answer, "expires"));
  g_autoptr(BfScope) scope = NULL;
  g_autoptr(BfScope) old_scope = NULL;
  g_autofree char *scope_json = NULL;
  g_autoptr(GError) local_error = NULL;

  scope = bf_sync_scope_from_json (json_object_get_member (answer, "scope"), &local_error);
  if (!token_is_sane (token) || account == NULL || *account == '\0' || role == NULL ||
      scope == NULL || (device != NULL && g_strcmp0 (device, bf_store_device_id (self->store)) != 0) ||
      (cadre != NULL && !bf_uuid_is_valid (cadre)))
    {
      g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
                   _("The server's answer to the sign-in is malformed%s%s"),
                   local_error ? ": " : "", local_error ? local_error->message : "");
      return FALSE;
    }
  scope_json = bf_sync_scope_to_json (scope);
  old_scope = bf_sync_client_dup_scope (self);
  if (!bf_store_begin (self->store, error))
    return FALSE;
  /* Another account (or the same one, reassigned) may see more than what was pulled. */
  if (bf_sync_scope_widens (old_scope, scope) &&
      !bf_store_set_meta (self->store, "cursor", "0", error))
    {
      bf_store_rollback (self->store);
      return FALSE;
    }
  if (server_time > 0)
    bf_clock_set_server_time (bf_store_clock (self->store), server_time);
  if (!bf_store_set_meta (self->store, "server_url", url, error) ||
      !bf_store_set_meta (self->store, "token", token, error) ||
      !bf_store_set_meta (self->store, "token_expires", expires, error) ||
      !bf_store_set_meta (self->store, "account", account, error) ||
      /* "role" is the store's own (a hub's store says "hub" there). */
      !bf_store_set_meta (self->store, "account_role", role, error) ||
      !bf_store_set_meta (self->store, "scope", scope_json, error) ||
      /* Which cadre the user is, when a cadre: the app's "my households" and worklist. */
      !bf_store_set_meta (self->store, "cadre_id", cadre ? cadre : "", error) ||
      !bf_store_set_meta (self->store, "pinned_certificate",
                          self->pinned_certificate ? self->pinned_certificate : "", error) ||
      !bf_store_set_meta (self->store, "allow_insecure_http",
                          self->allow_insecure_http ? "true" : "false", error) ||
      !bf_store_set_author (self->store, account, error) ||
      !bf_store_save_clock (self->store, error))
    {
      bf_store_rollback (self->store);
      return FALSE;
    }
  if (!bf_store_commit (self->store, error))
    return FALSE;
  bf_sync_client_set_sign_in (self, url, token, account, role);
  return TRUE;
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BfSyncClient *self = g_task_get_source_object (task);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  JsonNode *root;
  gsize size = 0;
  gconstpointer data;

  body = bf_sync_http_post_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_bytes_get_data (body, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
                               _("The server's answer to the sign-in is not JSON"));
      return;
    }
  if (!save_sign_in (self, g_task_get_task_data (task), json_node_get_object (root), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
bf_sync_client_login_async (BfSyncClient        *self,
                            const char          *url,
                            const char          *user,
                            const char          *password,
                            const char          *device_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  char *text;

  g_return_if_fail (BF_IS_SYNC_CLIENT (self));
  g_return_if_fail (url != NULL && user != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_sync_client_login_async);
  if (!bf_sync_client_check_url (url, self->allow_insecure_http, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->pin_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->pin_error));
      return;
    }
  if (bf_store_is_hub (self->store))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This is the district server's own database; devices sign in, "
                                 "the hub does not"));
      return;
    }
  g_task_set_task_data (task, g_strdup (url), g_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, bf_store_device_id (self->store));
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, device_name ? device_name : g_get_host_name ());
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  bf_sync_http_post_async (self->session, url, "/v1/login", NULL, self->pin, body, FALSE,
                           cancellable, login_cb, g_steal_pointer (&task));
}

gboolean
bf_sync_client_login_finish (BfSyncClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

