/* bf-accounts.c: accounts, tokens and devices in the hub's store.
 *
 * A stolen copy of the database must not hand out working tokens or easy passwords: tokens
 * are stored as SHA-256 hashes (they are 256 random bits, so a fast hash is enough and a
 * lookup by hash needs no constant-time compare), passwords as argon2id strings.
 */
#include "bf-config.h"
#include "bf-accounts.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-uuid.h"

#define TOKEN_BYTES 32
#define MAX_NAME_CHARS 64
#define MIN_PASSWORD_CHARS 6
#define MAX_PASSWORD_BYTES 1024

G_DEFINE_QUARK (bf-account-error-quark, bf_account_error)

static const char * const role_names[] = { "cadre", "town", "district", "admin", NULL };

const char *
bf_role_to_string (BfRole role)
{
  g_return_val_if_fail (role <= BF_ROLE_ADMIN, NULL);
  return role_names[role];
}

int
bf_role_from_string (const char *name)
{
  for (int i = 0; name != NULL && role_names[i] != NULL; i++)
    if (strcmp (role_names[i], name) == 0)
      return i;
  return -1;
}

gboolean
bf_role_is_district (BfRole role)
{
  return role == BF_ROLE_DISTRICT || role == BF_ROLE_ADMIN;
}

void
bf_account_free (BfAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->name);
  g_free (account->scope);
  g_free (account);
}

void
bf_session_free (BfSession *session)
{
  if (session == NULL)
    return;
  g_free (session->account);
  g_free (session->scope);
  g_free (session->device);
  if (session->token != NULL)
    sodium_memzero (session->token, strlen (session->token));
  g_free (session->token);
  g_free (session);
}

void
bf_device_status_free (BfDeviceStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->device);
  g_free (status->account);
  g_free (status->name);
  g_free (status);
}

static gboolean
crypto_ready (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }
  if (!ok)
    g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_CRYPTO,
                 _("The cryptography library could not start"));
  return ok;
}

/* An argon2id hash of nothing anyone types: verifying an unknown name's password against it
 * takes as long as a real check, so the time of a refusal does not tell which names exist. */
static const char *
decoy_hash (void)
{
  static char *hash = NULL;

  if (g_once_init_enter (&hash))
    {
      char *made = g_malloc0 (crypto_pwhash_STRBYTES);
      guint8 random[16];

      randombytes_buf (random, sizeof random);
      if (crypto_pwhash_str (made, (const char *) random, sizeof random,
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        made[0] = '\0';
      g_once_init_leave (&hash, made);
    }
  return hash;
}

static gboolean
check_name (const char *name, GError **error)
{
  glong length = name ? g_utf8_strlen (name, -1) : 0;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) || length < 1 || length > MAX_NAME_CHARS)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                   _("An account name has 1 to 64 characters"));
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == ':' || c == ',')
        {
          g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                       _("An account name has no spaces, colons or commas"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_password (const char *password, GError **error)
{
  if (password == NULL || !g_utf8_validate (password, -1, NULL) ||
      g_utf8_strlen (password, -1) < MIN_PASSWORD_CHARS || strlen (password) > MAX_PASSWORD_BYTES)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                   _("A password has at least 6 characters"));
      return FALSE;
    }
  return TRUE;
}

static char *
hash_password (const char *password, GError **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!crypto_ready (error))
    return NULL;
  if (crypto_pwhash_str (hash, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_CRYPTO,
                   _("Not enough memory to hash the password"));
      return NULL;
    }
  return g_strdup (hash);
}

/* One step of a statement that writes; FALSE with the SQLite error otherwise. */
static gboolean
step_done (BfStore *hub, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (hub, what, error);
}

static gboolean
record_exists (BfStore *hub, BfEntityKind kind, const char *id)
{
  gpointer record;

  if (!bf_uuid_is_valid (id))
    return FALSE;
  record = bf_store_get (hub, kind, id, NULL);
  bf_record_free (kind, record);
  return record != NULL;
}

gboolean
bf_account_check_scope (BfStore *hub, BfRole role, const char *scope, GError **error)
{
  g_auto(GStrv) items = NULL;

  if (bf_role_is_district (role))
    {
      if (scope != NULL && *scope != '\0')
        {
          g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                       _("District and admin accounts see the whole district and take no scope"));
          return FALSE;
        }
      return TRUE;
    }
  if (scope == NULL || *scope == '\0')
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                   role == BF_ROLE_CADRE ? _("A cadre account needs the scope cadre:<cadre id>")
                                         : _("A town account needs the scope town:<id> or village:<id>,…"));
      return FALSE;
    }
  items = g_strsplit (scope, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      gboolean ok;

      if (role == BF_ROLE_CADRE)
        ok = i == 0 && items[1] == NULL && g_str_has_prefix (item, "cadre:") &&
             record_exists (hub, BF_ENTITY_CADRE, item + strlen ("cadre:"));
      else if (g_str_has_prefix (item, "town:"))
        ok = record_exists (hub, BF_ENTITY_TOWN, item + strlen ("town:"));
      else if (g_str_has_prefix (item, "village:"))
        ok = record_exists (hub, BF_ENTITY_VILLAGE, item + strlen ("village:"));
      else
        ok = FALSE;
      if (!ok)
        {
          g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                       role == BF_ROLE_CADRE
                         ? _("“%s” is not cadre:<id> of a cadre the server has")
                         : _("“%s” is not town:<id> or village:<id> of a town or village the server has"),
                       item);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
bf_account_add (BfStore *hub, const char *name, const char *password, BfRole role,
                const char *scope, GError **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_name (name, error) || !check_password (password, error) ||
      !bf_account_check_scope (hub, role, scope, error))
    return FALSE;
  hash = hash_password (password, error);
  if (hash == NULL)
    return FALSE;
  stmt = bf_store_prepare (hub,
    "INSERT INTO accounts (name, password_hash, role, scope, disabled, created_at)"
    " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (name) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, bf_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, scope ? scope : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, bf_wall_clock_ms ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bf_store_fail (hub, _("saving an account"), error);
  if (sqlite3_changes (bf_store_db (hub)) == 0)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_EXISTS,
                   _("There is already an account “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

static BfAccount *
read_account (sqlite3_stmt *stmt)
{
  BfAccount *account = g_new0 (BfAccount, 1);
  int role = bf_role_from_string ((const char *) sqlite3_column_text (stmt, 1));

  account->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  /* A role this build does not know gets the narrowest one, never more. */
  account->role = role < 0 ? BF_ROLE_CADRE : (BfRole) role;
  account->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  account->disabled = sqlite3_column_int (stmt, 3) != 0;
  account->created_at = sqlite3_column_int64 (stmt, 4);
  return account;
}

GPtrArray *
bf_account_list (BfStore *hub, GError **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_account_free);
  sqlite3_stmt *stmt = bf_store_prepare (hub,
    "SELECT name, role, scope, disabled, created_at FROM accounts ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, read_account (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading accounts"), error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

static gboolean
revoke_tokens (BfStore *hub, const char *name, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (hub,
    "UPDATE tokens SET revoked = 1 WHERE account = ? AND revoked = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return step_done (hub, stmt, _("revoking tokens"), error);
}

/* Runs an UPDATE of one account bound to (?1 name, ?2 text), then revokes its tokens, in one
 * transaction. */
static gboolean
update_account (BfStore *hub, const char *sql, const char *name, const char *text,
                GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!bf_store_begin (hub, error))
    return FALSE;
  stmt = bf_store_prepare (hub, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("saving an account"), error);
      goto fail;
    }
  if (sqlite3_changes (bf_store_db (hub)) == 0)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_NOT_FOUND,
                   _("There is no account “%s”"), name);
      goto fail;
    }
  if (!revoke_tokens (hub, name, error))
    goto fail;
  return bf_store_commit (hub, error);

fail:
  bf_store_rollback (hub);
  return FALSE;
}

gboolean
bf_account_disable (BfStore *hub, const char *name, GError **error)
{
  return update_account (hub, "UPDATE accounts SET disabled = 1 WHERE name = ?1 AND ?2 IS NULL",
                         name, NULL, error);
}

gboolean
bf_account_enable (BfStore *hub, const char *name, GError **error)
{
  return update_account (hub, "UPDATE accounts SET disabled = 0 WHERE name = ?1 AND ?2 IS NULL",
                         name, NULL, error);
}

gboolean
bf_account_set_password (BfStore *hub, const char *name, const char *password, GError **error)
{
  g_autofree char *hash = NULL;

  if (!check_password (password, error))
    return FALSE;
  hash = hash_password (password, error);
  return hash != NULL &&
         update_account (hub, "UPDATE accounts SET password_hash = ?2 WHERE name = ?1",
                         name, hash, error);
}

static char *
token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static char *
new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  char text[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (text);
}

/* Registers @device to @account, or refuses when another account has it. */
static gboolean
register_device (BfStore *hub, const char *account, const char *device, const char *device_name,
                 gint64 now, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (hub, "SELECT account FROM devices WHERE device = ?", error);
  g_autofree char *owner = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return bf_store_fail (hub, _("reading devices"), error);
  /* One device, one account: its changes are recorded under one name, and the hub's own
   * identity belongs to no device. */
  if ((owner != NULL && strcmp (owner, account) != 0) ||
      g_strcmp0 (device, bf_store_device_id (hub)) == 0)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_DEVICE_TAKEN,
                   _("This device is registered to another account"));
      return FALSE;
    }
  stmt = bf_store_prepare (hub,
    "INSERT INTO devices (device, account, name, registered_at, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)"
    " ON CONFLICT (device) DO UPDATE SET name = coalesce (?3, name), last_seen = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, device_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  return step_done (hub, stmt, _("saving a device"), error);
}

static gboolean
bad_credentials (GError **error)
{
  g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_BAD_CREDENTIALS,
               _("Wrong account name or password"));
  return FALSE;
}

char *
bf_account_password_hash (BfStore *hub, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  char *hash = NULL;
  int rc;

  if (!crypto_ready (error))
    return NULL;
  stmt = bf_store_prepare (hub, "SELECT password_hash FROM accounts WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading accounts"), error);
      return NULL;
    }
  return hash != NULL ? hash : g_strdup (decoy_hash ());
}

gboolean
bf_account_verify_password (const char *password_hash, const char *password, GError **error)
{
  if (!crypto_ready (error))
    return FALSE;
  if (password == NULL || strlen (password) > MAX_PASSWORD_BYTES)
    password = "";
  if (password_hash == NULL ||
      crypto_pwhash_str_verify (password_hash, password, strlen (password)) != 0)
    return bad_credentials (error);
  return TRUE;
}

BfSession *
bf_account_issue_token (BfStore *hub, const char *name, const char *verified_hash,
                        const char *device, const char *device_name, GError **error)
{
  g_autoptr(BfSession) session = NULL;
  g_autoptr(BfAccount) account = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 now = bf_wall_clock_ms ();
  sqlite3_stmt *stmt;
  int rc;

  if (device == NULL || !bf_uuid_is_valid (device))
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                   _("The device id is not a UUID"));
      return NULL;
    }
  if (device_name != NULL && (!g_utf8_validate (device_name, -1, NULL) || strlen (device_name) > 200))
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID,
                   _("The device name is longer than 200 bytes"));
      return NULL;
    }
  stmt = bf_store_prepare (hub,
    "SELECT name, role, scope, disabled, created_at, password_hash FROM accounts WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      account = read_account (stmt);
      stored_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading accounts"), error);
      return NULL;
    }
  /* The password may have changed while it was being checked against the old one. */
  if (account == NULL || g_strcmp0 (stored_hash, verified_hash) != 0)
    {
      bad_credentials (error);
      return NULL;
    }
  /* Told only to whoever knows the password. */
  if (account->disabled)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_DISABLED,
                   _("The account “%s” is disabled"), account->name);
      return NULL;
    }

  session = g_new0 (BfSession, 1);
  session->account = g_strdup (account->name);
  session->role = account->role;
  session->scope = g_strdup (account->scope);
  session->device = g_strdup (device);
  session->token = new_token ();
  session->expires_at = now + BF_TOKEN_LIFETIME_MS;
  hash = token_hash (session->token);

  if (!bf_store_begin (hub, error))
    return NULL;
  if (!register_device (hub, account->name, device, device_name, now, error))
    goto fail;
  stmt = bf_store_prepare (hub,
    "INSERT INTO tokens (token_hash, account, device, created_at, expires_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, session->expires_at);
  if (!step_done (hub, stmt, _("saving a token"), error) || !bf_store_commit (hub, error))
    goto fail;
  return g_steal_pointer (&session);

fail:
  bf_store_rollback (hub);
  return NULL;
}

BfSession *
bf_account_login (BfStore *hub, const char *name, const char *password, const char *device,
                  const char *device_name, GError **error)
{
  g_autofree char *hash = bf_account_password_hash (hub, name, error);

  if (hash == NULL || !bf_account_verify_password (hash, password, error))
    return NULL;
  return bf_account_issue_token (hub, name, hash, device, device_name, error);
}

static gboolean
bad_token (GError **error)
{
  g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_BAD_TOKEN,
               _("Sign in again: the token is unknown or was revoked"));
  return FALSE;
}

BfSession *
bf_token_check (BfStore *hub, const char *token, GError **error)
{
  g_autoptr(BfSession) session = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gboolean revoked, disabled;
  int rc, role;

  /* Only what new_token() makes can be a token: 43 characters of base64url. */
  if (token == NULL || strlen (token) != 43 || strspn (token,
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != 43)
    {
      bad_token (error);
      return NULL;
    }
  hash = token_hash (token);
  stmt = bf_store_prepare (hub,
    "SELECT t.account, t.device, t.expires_at, t.revoked, a.role, a.scope, a.disabled"
    " FROM tokens t JOIN accounts a ON a.name = t.account WHERE t.token_hash = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        bad_token (error);
      else
        bf_store_fail (hub, _("reading tokens"), error);
      return NULL;
    }
  session = g_new0 (BfSession, 1);
  session->account = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  session->device = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  session->expires_at = sqlite3_column_int64 (stmt, 2);
  revoked = sqlite3_column_int (stmt, 3) != 0;
  role = bf_role_from_string ((const char *) sqlite3_column_text (stmt, 4));
  session->role = role < 0 ? BF_ROLE_CADRE : (BfRole) role;
  session->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  disabled = sqlite3_column_int (stmt, 6) != 0;
  sqlite3_reset (stmt);

  if (revoked)
    {
      bad_token (error);
      return NULL;
    }
  if (disabled)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_DISABLED,
                   _("The account “%s” is disabled"), session->account);
      return NULL;
    }
  if (session->expires_at <= bf_wall_clock_ms ())
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_EXPIRED,
                   _("Sign in again: the token has expired"));
      return NULL;
    }
  return g_steal_pointer (&session);
}

BfScope *
bf_session_scope (BfStore *hub, const BfSession *session, GError **error)
{
  g_autoptr(BfScope) scope = NULL;
  g_auto(GStrv) items = NULL;

  if (bf_role_is_district (session->role))
    return bf_scope_new_district ();
  if (session->role == BF_ROLE_CADRE)
    {
      if (!g_str_has_prefix (session->scope, "cadre:"))
        return bf_scope_new ();   /* a damaged scope sees nothing rather than everything */
      return bf_hub_cadre_scope (hub, session->scope + strlen ("cadre:"), error);
    }
  scope = bf_scope_new ();
  items = g_strsplit (session->scope, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (g_str_has_prefix (items[i], "town:"))
        bf_scope_add_town (scope, items[i] + strlen ("town:"));
      else if (g_str_has_prefix (items[i], "village:"))
        bf_scope_add_village (scope, items[i] + strlen ("village:"));
    }
  return g_steal_pointer (&scope);
}

gboolean
bf_device_report (BfStore *hub, const char *device, gint64 unsent, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (hub,
    "UPDATE devices SET last_seen = ?2,"
    " unsent_reported = CASE WHEN ?3 >= 0 THEN ?3 ELSE unsent_reported END WHERE device = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, bf_wall_clock_ms ());
  sqlite3_bind_int64 (stmt, 3, unsent);
  return step_done (hub, stmt, _("saving a device"), error);
}

GPtrArray *
bf_device_list (BfStore *hub, GError **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_device_status_free);
  sqlite3_stmt *stmt = bf_store_prepare (hub,
    "SELECT d.device, d.account, d.name, coalesce (d.last_seen, 0), d.unsent_reported,"
    " coalesce (h.max_seq, 0) FROM devices d LEFT JOIN hub_devices h ON h.device = d.device"
    " ORDER BY d.last_seen DESC NULLS LAST, d.device", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfDeviceStatus *status = g_new0 (BfDeviceStatus, 1);
      status->device = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      status->account = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      status->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      status->last_seen = sqlite3_column_int64 (stmt, 3);
      status->unsent = sqlite3_column_int64 (stmt, 4);
      status->last_seq = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (devices, status);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bf_store_fail (hub, _("reading devices"), error);
      return NULL;
    }
  return g_steal_pointer (&devices);
}

/* The demo district's accounts: a pairing cadre of 源潭镇 (the one with the most households
 * there), that town's office, a district clerk and an administrator, all with one known
 * password. Only for the demo: a real district creates its accounts with `user add`. */
GPtrArray *
bf_accounts_add_demo (BfStore *hub, const char *password, GError **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *town_id = NULL;
  g_autofree char *cadre_id = NULL;
  g_autofree char *cadre_scope = NULL;
  g_autofree char *town_scope = NULL;

  if (!bf_store_query_text (hub, &town_id, error, "SELECT id FROM towns WHERE name = ?", "源潭镇", NULL))
    return NULL;
  if (town_id == NULL)
    {
      g_set_error (error, BF_ACCOUNT_ERROR, BF_ACCOUNT_ERROR_INVALID, _("The demo district is not in this store"));
      return NULL;
    }
  if (!bf_store_query_text (hub, &cadre_id, error,
                            "SELECT p.cadre_id FROM pairings p JOIN households h ON h.id = p.household_id"
                            " JOIN villages v ON v.id = h.village_id JOIN cadres c ON c.id = p.cadre_id"
                            " WHERE v.town_id = ? AND p.to_date IS NULL AND c.role = 'pairing'"
                            " GROUP BY p.cadre_id ORDER BY count(*) DESC, p.cadre_id LIMIT 1",
                            town_id, NULL))
    return NULL;
  cadre_scope = g_strdup_printf ("cadre:%s", cadre_id);
  town_scope = g_strdup_printf ("town:%s", town_id);
  if (!bf_account_add (hub, "cadre", password, BF_ROLE_CADRE, cadre_scope, error) ||
      !bf_account_add (hub, "town", password, BF_ROLE_TOWN, town_scope, error) ||
      !bf_account_add (hub, "district", password, BF_ROLE_DISTRICT, "", error) ||
      !bf_account_add (hub, "admin", password, BF_ROLE_ADMIN, "", error))
    return NULL;
  g_ptr_array_add (lines, g_strdup_printf ("cadre     (a pairing cadre of 源潭镇, %s)", cadre_scope));
  g_ptr_array_add (lines, g_strdup_printf ("town      (源潭镇's office, %s)", town_scope));
  g_ptr_array_add (lines, g_strdup ("district  (the district poverty office)"));
  g_ptr_array_add (lines, g_strdup ("admin     (accounts)"));
  return g_steal_pointer (&lines);
}
