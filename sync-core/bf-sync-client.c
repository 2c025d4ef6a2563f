/* bf-sync-client.c: a device's store synced with the district server over HTTP.
 *
 * A sync is a chain of callbacks on the creating thread's main context: push a batch, take
 * the answer, push the next… then pull until the hub has no more. Each store call commits on
 * its own, so a sync interrupted between (or inside) any two requests leaves the store
 * consistent, and the next sync carries on from there.
 */
#include "bf-config.h"
#include "bf-sync-client.h"
#include "bf-sync-client-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-uuid.h"

G_DEFINE_QUARK (bf-sync-client-error-quark, bf_sync_client_error)

G_DEFINE_ENUM_TYPE (BfSyncState, bf_sync_state,
  G_DEFINE_ENUM_VALUE (BF_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (BF_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (BF_SYNC_STATE_SYNCED, "synced"),
  G_DEFINE_ENUM_VALUE (BF_SYNC_STATE_ERROR, "error"))

G_DEFINE_ENUM_TYPE (BfSyncPhase, bf_sync_phase,
  G_DEFINE_ENUM_VALUE (BF_SYNC_PHASE_PUSH, "push"),
  G_DEFINE_ENUM_VALUE (BF_SYNC_PHASE_PULL, "pull"))

G_DEFINE_FINAL_TYPE (BfSyncClient, bf_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_TOKEN,
  PROP_ACCOUNT,
  PROP_ROLE,
  PROP_STATE,
  PROP_LAST_SYNC_TIME,
  PROP_LAST_ERROR,
  PROP_UNSENT_COUNT,
  PROP_BUSY,
  PROP_PINNED_CERTIFICATE,
  PROP_ALLOW_INSECURE_HTTP,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- the sign-in kept in the store ---- */

static char *
meta_dup (BfSyncClient *self, const char *key)
{
  char *value = bf_store_get_meta (self->store, key);

  /* An empty value is how a cleared setting reads back. */
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
set_string (BfSyncClient *self, char **field, const char *value, int prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
bf_sync_client_set_state (BfSyncClient *self, BfSyncState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
bf_sync_client_set_busy (BfSyncClient *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
load_sign_in (BfSyncClient *self)
{
  g_autofree char *server_url = meta_dup (self, "server_url");
  g_autofree char *token = meta_dup (self, "token");
  g_autofree char *account = meta_dup (self, "account");
  g_autofree char *role = meta_dup (self, "account_role");
  g_autofree char *pinned = meta_dup (self, "pinned_certificate");
  g_autofree char *insecure = meta_dup (self, "allow_insecure_http");
  g_autofree char *last_sync = meta_dup (self, "last_sync");

  bf_sync_client_set_sign_in (self, server_url, token, account, role);
  if (pinned != NULL)
    bf_sync_client_set_pinned_certificate (self, pinned);
  bf_sync_client_set_allow_insecure_http (self, g_strcmp0 (insecure, "true") == 0);
  if (last_sync != NULL)
    {
      g_clear_pointer (&self->last_sync_time, g_date_time_unref);
      self->last_sync_time = g_date_time_new_from_iso8601 (last_sync, NULL);
    }
}

/* ---- scopes as the server writes them ---- */

static gboolean
read_ids (JsonObject *object, const char *member, BfScope *scope,
          void (*add) (BfScope *scope, const char *id), GError **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (json_node_get_value_type (element) != G_TYPE_STRING ||
          !bf_uuid_is_valid (json_node_get_string (element)))
        goto bad;
      add (scope, json_node_get_string (element));
    }
  return TRUE;

bad:
  g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
               _("The scope's “%s” is not a list of ids"), member);
  return FALSE;
}

BfScope *
bf_sync_scope_from_json (JsonNode *node, GError **error)
{
  g_autoptr(BfScope) scope = NULL;
  JsonObject *object;
  JsonNode *district;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL,
                   _("The scope is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  district = json_object_get_member (object, "district");
  if (district != NULL && json_node_get_value_type (district) == G_TYPE_BOOLEAN &&
      json_node_get_boolean (district))
    return bf_scope_new_district ();
  scope = bf_scope_new ();
  if (!read_ids (object, "towns", scope, bf_scope_add_town, error) ||
      !read_ids (object, "villages", scope, bf_scope_add_village, error))
    return NULL;
  return g_steal_pointer (&scope);
}

/* @node as json-glib's node. A number with a fraction or an exponent comes out as 0.0: the
 * tree does not keep its value, and a scope asks only for the types of such members. */
static JsonNode *
json_from_tree (const BfJsonNode *node)
{
  JsonNode *out;

  switch (node->type)
    {
    case BF_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();
        for (guint i = 0; i < node->length; i++)
          json_object_set_member (object, node->members[i].name,
                                  json_from_tree (node->members[i].value));
        out = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return out;
      }
    case BF_JSON_ARRAY:
      {
        JsonArray *array = json_array_sized_new (node->length);
        for (guint i = 0; i < node->length; i++)
          json_array_add_element (array, json_from_tree (node->items[i]));
        out = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return out;
      }
    case BF_JSON_STRING:
      return json_node_init_string (json_node_alloc (), node->string);
    case BF_JSON_INTEGER:
      return json_node_init_int (json_node_alloc (), node->integer);
    case BF_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), 0.0);
    case BF_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), node->boolean);
    case BF_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

BfScope *
bf_sync_scope_from_tree (const BfJsonNode *node, GError **error)
{
  g_autoptr(JsonNode) converted = node != NULL ? json_from_tree (node) : NULL;

  return bf_sync_scope_from_json (converted, error);
}

char *
bf_sync_scope_to_json (const BfScope *scope)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (scope->district)
    {
      json_builder_set_member_name (builder, "district");
      json_builder_add_boolean_value (builder, TRUE);
    }
  else
    {
      json_builder_set_member_name (builder, "towns");
      json_builder_begin_array (builder);
      for (guint i = 0; i < scope->town_ids->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (scope->town_ids, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "villages");
      json_builder_begin_array (builder);
      for (guint i = 0; i < scope->village_ids->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (scope->village_ids, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
ids_contain (GPtrArray *ids, const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

gboolean
bf_sync_scope_widens (const BfScope *old, const BfScope *new)
{
  if (old == NULL || old->district)
    return FALSE;
  if (new->district)
    return TRUE;
  for (guint i = 0; i < new->town_ids->len; i++)
    if (!ids_contain (old->town_ids, g_ptr_array_index (new->town_ids, i)))
      return TRUE;
  /* A village of a town the old scope had whole counts as new too: the pull that follows
   * costs time, not correctness. */
  for (guint i = 0; i < new->village_ids->len; i++)
    if (!ids_contain (old->village_ids, g_ptr_array_index (new->village_ids, i)))
      return TRUE;
  return FALSE;
}

BfScope *
bf_sync_client_dup_scope (BfSyncClient *self)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  text = meta_dup (self, "scope");
  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return bf_sync_scope_from_json (json_parser_get_root (parser), NULL);
}

/* ---- addresses ---- */

static gboolean
host_is_loopback (const char *host)
{
  g_autofree char *bare = NULL;
  g_autoptr(GInetAddress) address = NULL;
  gsize length = strlen (host);

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  bare = length > 2 && host[0] == '[' && host[length - 1] == ']'
    ? g_strndup (host + 1, length - 2) : g_strdup (host);
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
bf_sync_client_check_url (const char *url, gboolean allow_insecure_http, GError **error)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INVALID_URL,
                   _("“%s” is not a server address: give one like https://server.example:8470"),
                   url ? url : "");
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0 || allow_insecure_http || host_is_loopback (host))
    return TRUE;
  g_set_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE,
               _("Refusing plain http to %s: the password and the ledger would cross the network "
                 "unencrypted. Use https, or allow insecure http explicitly"), host);
  return FALSE;
}

/* ---- the object ---- */

void
bf_sync_client_set_last_error (BfSyncClient *self, const char *message)
{
  set_string (self, &self->last_error, message, PROP_LAST_ERROR);
}

void
bf_sync_client_set_sign_in (BfSyncClient *self, const char *server_url, const char *token,
                            const char *account, const char *role)
{
  set_string (self, &self->server_url, server_url, PROP_SERVER_URL);
  set_string (self, &self->token, token, PROP_TOKEN);
  set_string (self, &self->account, account, PROP_ACCOUNT);
  set_string (self, &self->role, role, PROP_ROLE);
}

void
bf_sync_client_set_last_sync_time (BfSyncClient *self, GDateTime *time)
{
  if (self->last_sync_time == time ||
      (self->last_sync_time != NULL && time != NULL && g_date_time_equal (self->last_sync_time, time)))
    return;
  g_clear_pointer (&self->last_sync_time, g_date_time_unref);
  self->last_sync_time = time ? g_date_time_ref (time) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC_TIME]);
}

void
bf_sync_client_refresh_unsent (BfSyncClient *self)
{
  gint64 count;

  g_return_if_fail (BF_IS_SYNC_CLIENT (self));
  count = bf_sync_count_pending (self->store, NULL);
  if (count < 0 || count == self->unsent_count)
    return;
  self->unsent_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSENT_COUNT]);
}

void
bf_sync_client_set_pinned_certificate (BfSyncClient *self, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;

  g_return_if_fail (BF_IS_SYNC_CLIENT (self));
  if (path != NULL && *path == '\0')
    path = NULL;
  if (g_strcmp0 (self->pinned_certificate, path) == 0)
    return;
  g_free (self->pinned_certificate);
  self->pinned_certificate = g_strdup (path);
  g_clear_object (&self->pin);
  g_clear_error (&self->pin_error);

  if (path == NULL)
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  else
    {
      /* The pin is the only anchor: no CA can vouch for another certificate. */
      self->pin = g_tls_certificate_new_from_file (path, &error);
      if (self->pin != NULL)
        database = g_tls_file_database_new (path, &error);
      if (database == NULL)
        {
          g_clear_object (&self->pin);
          self->pin_error = g_error_new (BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_INSECURE,
                                         _("Cannot use the pinned certificate %s: %s"), path,
                                         error->message);
        }
    }
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED_CERTIFICATE]);
}

void
bf_sync_client_set_allow_insecure_http (BfSyncClient *self, gboolean allow)
{
  g_return_if_fail (BF_IS_SYNC_CLIENT (self));
  allow = !!allow;
  if (self->allow_insecure_http == allow)
    return;
  self->allow_insecure_http = allow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_INSECURE_HTTP]);
}

BfStore *
bf_sync_client_get_store (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

const char *
bf_sync_client_get_server_url (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->server_url;
}

const char *
bf_sync_client_get_token (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->token;
}

const char *
bf_sync_client_get_account (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->account;
}

const char *
bf_sync_client_get_role (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->role;
}

BfSyncState
bf_sync_client_get_state (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), BF_SYNC_STATE_OFFLINE);
  return self->state;
}

GDateTime *
bf_sync_client_get_last_sync_time (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->last_sync_time;
}

const char *
bf_sync_client_get_last_error (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->last_error;
}

gint64
bf_sync_client_get_unsent_count (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), 0);
  return self->unsent_count;
}

gboolean
bf_sync_client_get_busy (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), FALSE);
  return self->busy;
}

const char *
bf_sync_client_get_pinned_certificate (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), NULL);
  return self->pinned_certificate;
}

gboolean
bf_sync_client_get_allow_insecure_http (BfSyncClient *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CLIENT (self), FALSE);
  return self->allow_insecure_http;
}

BfSyncClient *
bf_sync_client_new (BfStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return g_object_new (BF_TYPE_SYNC_CLIENT, "store", store, NULL);
}

static void
bf_sync_client_constructed (GObject *object)
{
  BfSyncClient *self = BF_SYNC_CLIENT (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (bf_sync_client_parent_class)->constructed (object);
  g_return_if_fail (self->store != NULL);
  /* A push's answers and a pull's pages are committed on this thread, the app's own; SQLite's
   * copy of the log into the database would come in the middle of them (30–40 ms in a push of
   * 10,000 visits, bench-server). Without the thread it still happens, here. */
  if (!bf_store_checkpoint_in_background (self->store, &error))
    g_debug ("Checkpoints stay on the sync's thread: %s", error->message);
  load_sign_in (self);
  self->unsent_count = MAX (bf_sync_count_pending (self->store, NULL), 0);
}

static void
bf_sync_client_finalize (GObject *object)
{
  BfSyncClient *self = BF_SYNC_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->last_sync_time, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->pinned_certificate, g_free);
  g_clear_object (&self->pin);
  g_clear_error (&self->pin_error);
  G_OBJECT_CLASS (bf_sync_client_parent_class)->finalize (object);
}

static void
bf_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BfSyncClient *self = BF_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_pointer (value, self->store);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_SYNC_TIME:
      g_value_set_boxed (value, self->last_sync_time);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_UNSENT_COUNT:
      g_value_set_int64 (value, self->unsent_count);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PINNED_CERTIFICATE:
      g_value_set_string (value, self->pinned_certificate);
      break;
    case PROP_ALLOW_INSECURE_HTTP:
      g_value_set_boolean (value, self->allow_insecure_http);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BfSyncClient *self = BF_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_get_pointer (value);
      break;
    case PROP_PINNED_CERTIFICATE:
      bf_sync_client_set_pinned_certificate (self, g_value_get_string (value));
      break;
    case PROP_ALLOW_INSECURE_HTTP:
      bf_sync_client_set_allow_insecure_http (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_client_class_init (BfSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bf_sync_client_constructed;
  object_class->finalize = bf_sync_client_finalize;
  object_class->get_property = bf_sync_client_get_property;
  object_class->set_property = bf_sync_client_set_property;

  properties[PROP_STORE] =
    g_param_spec_pointer ("store", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, ro);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, ro);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BF_TYPE_SYNC_STATE, BF_SYNC_STATE_OFFLINE, ro);
  properties[PROP_LAST_SYNC_TIME] =
    g_param_spec_boxed ("last-sync-time", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_UNSENT_COUNT] =
    g_param_spec_int64 ("unsent-count", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_PINNED_CERTIFICATE] =
    g_param_spec_string ("pinned-certificate", NULL, NULL, NULL, rw);
  properties[PROP_ALLOW_INSECURE_HTTP] =
    g_param_spec_boolean ("allow-insecure-http", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (phase, done, total): total is -1 while the hub has not said how much more there is. */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, BF_TYPE_SYNC_PHASE, G_TYPE_INT64, G_TYPE_INT64);
}

static void
bf_sync_client_init (BfSyncClient *self)
{
  g_autofree char *agent = g_strdup_printf ("bangfu/%s", PACKAGE_VERSION);

  /* A minute without a byte is a dead line; the sync resumes next time. */
  self->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", 60,
                                                 "idle-timeout", 60,
                                                 NULL);
}
