/* bf-accounts.h: the district server's accounts, their sign-in tokens and their devices.
 *
 * Everything here lives in the hub's store (schema step 4): accounts with a role and a scope,
 * tokens kept only as SHA-256 hashes, and the devices each account signed in. Passwords are
 * hashed with argon2id (libsodium's crypto_pwhash_str); a token is 32 random bytes sent as
 * base64url and valid for 30 days unless revoked.
 */
#pragma once

#include <glib.h>

#include "bf-store.h"
#include "bf-sync.h"

G_BEGIN_DECLS

#define BF_ACCOUNT_ERROR (bf_account_error_quark ())

typedef enum {
  BF_ACCOUNT_ERROR_BAD_CREDENTIALS,   /* unknown name or wrong password (not told apart) */
  BF_ACCOUNT_ERROR_DISABLED,          /* the account is disabled */
  BF_ACCOUNT_ERROR_BAD_TOKEN,         /* unknown or revoked token */
  BF_ACCOUNT_ERROR_EXPIRED,           /* the token is older than its 30 days */
  BF_ACCOUNT_ERROR_DEVICE_TAKEN,      /* the device is registered to another account */
  BF_ACCOUNT_ERROR_EXISTS,            /* an account with that name exists */
  BF_ACCOUNT_ERROR_NOT_FOUND,         /* no account with that name */
  BF_ACCOUNT_ERROR_INVALID,           /* a bad name, role, scope, password or device id */
  BF_ACCOUNT_ERROR_CRYPTO,            /* libsodium failed (out of memory for argon2) */
} BfAccountError;

GQuark bf_account_error_quark (void);

typedef enum {
  BF_ROLE_CADRE,      /* a pairing cadre: the villages of the households paired with them */
  BF_ROLE_TOWN,       /* a town's office: one town */
  BF_ROLE_DISTRICT,   /* district staff: everything, resolves conflicts */
  BF_ROLE_ADMIN,      /* the server's administrator: like district */
} BfRole;

/* "cadre", "town", "district", "admin"; -1 for an unknown name. */
const char *bf_role_to_string (BfRole role);
int         bf_role_from_string (const char *name);

/* TRUE for the roles that see the whole district, edit reference data and resolve conflicts. */
gboolean    bf_role_is_district (BfRole role);

#define BF_TOKEN_LIFETIME_MS (30 * 24 * G_GINT64_CONSTANT (3600000))

typedef struct {
  char    *name;
  BfRole   role;
  char    *scope;        /* "cadre:<id>", "town:<id>", "village:<id>,village:<id>" or "" */
  gboolean disabled;
  gint64   created_at;   /* ms since 1970 */
} BfAccount;

void bf_account_free (BfAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfAccount, bf_account_free)

/* Checks that @scope suits @role ("" for district and admin) and names records the hub has. */
gboolean   bf_account_check_scope (BfStore *hub, BfRole role, const char *scope, GError **error);

/* Creates an account; the password is hashed with argon2id. */
gboolean   bf_account_add (BfStore *hub, const char *name, const char *password, BfRole role,
                           const char *scope, GError **error);

/* The demo district's four accounts (cadre, town, district, admin) with @password; returns a
 * line describing each, for printing. */
GPtrArray *bf_accounts_add_demo (BfStore *hub, const char *password, GError **error);

/* Every account, by name (BfAccount*). */
GPtrArray *bf_account_list (BfStore *hub, GError **error);

/* Disabling and a new password both revoke every token of the account. */
gboolean   bf_account_disable (BfStore *hub, const char *name, GError **error);
gboolean   bf_account_enable (BfStore *hub, const char *name, GError **error);
gboolean   bf_account_set_password (BfStore *hub, const char *name, const char *password,
                                    GError **error);

/* What a valid token stands for. */
typedef struct {
  char   *account;
  BfRole  role;
  char   *scope;        /* the account's scope text */
  char   *device;       /* the device the token was issued to */
  char   *token;        /* bf_account_login only: the token itself, to hand to the device */
  gint64  expires_at;   /* ms since 1970 */
} BfSession;

void bf_session_free (BfSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfSession, bf_session_free)

/* Signs @name in on @device (a UUID; registered to this account, named @device_name) and
 * issues a token. A device already registered to another account is refused. */
BfSession *bf_account_login (BfStore *hub, const char *name, const char *password,
                             const char *device, const char *device_name, GError **error);

/* bf_account_login() in three steps, so that the slow one — argon2id, a tenth of a second and
 * 64 MiB — can run on another thread than the store's: the stored hash (a decoy for an unknown
 * name, so that a refusal takes as long either way), the check (no store; any thread), and
 * the token, issued only if the hash is still the one checked. */
char      *bf_account_password_hash (BfStore *hub, const char *name, GError **error);
gboolean   bf_account_verify_password (const char *password_hash, const char *password,
                                       GError **error);
BfSession *bf_account_issue_token (BfStore *hub, const char *name, const char *verified_hash,
                                   const char *device, const char *device_name, GError **error);

/* The session behind @token; refuses unknown, expired and revoked tokens and disabled
 * accounts. */
BfSession *bf_token_check (BfStore *hub, const char *token, GError **error);

/* What the account may see and write: the district, a town, villages, or the villages of the
 * households paired with the cadre now. */
BfScope   *bf_session_scope (BfStore *hub, const BfSession *session, GError **error);

/* A device reported in: when, and (if @unsent >= 0) how many changes it had not yet sent. */
gboolean   bf_device_report (BfStore *hub, const char *device, gint64 unsent, GError **error);

typedef struct {
  char  *device;
  char  *account;
  char  *name;
  gint64 last_seen;    /* ms since 1970; 0 if never */
  gint64 unsent;       /* as the device last reported */
  gint64 last_seq;     /* the last of its own changes the hub holds */
} BfDeviceStatus;

void       bf_device_status_free (BfDeviceStatus *status);

/* Every registered device, most recently seen first (BfDeviceStatus*). */
GPtrArray *bf_device_list (BfStore *hub, GError **error);

G_END_DECLS
