/* bf-server-cli-users.c: the operator's commands — accounts, and the audit of a record. */
#include "bf-config.h"
#include "bf-server-cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bf-accounts.h"
#include "bf-audit.h"

#define MAX_PASSWORD_LINE 1100

/* The first line of standard input; at a terminal, asked for without echo. */
static char *
read_password (const char *prompt)
{
  char line[MAX_PASSWORD_LINE];
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gboolean echo_off = FALSE;
  char *read;

  if (terminal)
    {
      fputs (prompt, stderr);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
  read = fgets (line, sizeof line, stdin);
  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }
  if (read == NULL)
    return NULL;
  line[strcspn (line, "\r\n")] = '\0';
  return g_strdup (line);
}

/* A new password: twice at a terminal, so a typo does not lock the account out. */
static char *
new_password (const char *name)
{
  g_autofree char *prompt = g_strdup_printf ("New password for %s: ", name);
  g_autofree char *first = read_password (prompt);
  g_autofree char *again = NULL;

  if (first == NULL)
    {
      bf_server_cli_error ("no password on standard input");
      return NULL;
    }
  if (!isatty (STDIN_FILENO))
    return g_steal_pointer (&first);
  again = read_password ("Again: ");
  if (g_strcmp0 (first, again) != 0)
    {
      bf_server_cli_error ("the two passwords differ");
      return NULL;
    }
  return g_steal_pointer (&first);
}

static int
account_failed (const char *command, const GError *error)
{
  bf_server_cli_error ("user %s: %s", command, error->message);
  return error->domain == BF_STORE_ERROR ? BF_SERVER_EXIT_DATABASE : BF_SERVER_EXIT_FAILURE;
}

static int
user_add (const BfServerGlobals *globals, int argc, char **argv)
{
  g_autofree char *role_name = NULL, *scope = NULL, *password = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, "cadre, town, district or admin", "ROLE" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, "cadre:<id>, town:<id> or village:<id>,…", "SCOPE" },
    { NULL }
  };
  g_autoptr(BfStore) hub = NULL;
  g_autoptr(GError) error = NULL;
  int role;

  if (!bf_server_cli_parse ("user add", "user add NAME --role ROLE [--scope SCOPE]", entries, &argc, &argv))
    return BF_SERVER_EXIT_USAGE;
  role = bf_role_from_string (role_name);
  if (argc != 2 || role < 0)
    {
      bf_server_cli_error (argc != 2 ? "user add: give one NAME" : "user add: --role must be cadre, town, district or admin");
      return BF_SERVER_EXIT_USAGE;
    }
  hub = bf_server_cli_open_hub (globals);
  if (hub == NULL)
    return BF_SERVER_EXIT_DATABASE;
  /* The scope is checked before a password is asked for. */
  if (!bf_account_check_scope (hub, role, scope ? scope : "", &error))
    return account_failed ("add", error);
  password = new_password (argv[1]);
  if (password == NULL)
    return BF_SERVER_EXIT_FAILURE;
  if (!bf_account_add (hub, argv[1], password, role, scope ? scope : "", &error))
    return account_failed ("add", error);
  printf ("Added the %s account %s\n", role_name, argv[1]);
  return BF_SERVER_EXIT_OK;
}

static char *
iso_time (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *seconds = time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S") : NULL;

  if (seconds == NULL)
    return g_strdup_printf ("(%" G_GINT64_FORMAT " ms)", ms);
  return g_strdup_printf ("%s.%03dZ", seconds, (int) (ms % 1000));
}

static int
user_list (const BfServerGlobals *globals, int argc, char **argv)
{
  g_autoptr(BfStore) hub = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    {
      bf_server_cli_error ("user list: unexpected argument “%s”", argv[1]);
      return BF_SERVER_EXIT_USAGE;
    }
  hub = bf_server_cli_open_hub (globals);
  if (hub == NULL)
    return BF_SERVER_EXIT_DATABASE;
  accounts = bf_account_list (hub, &error);
  if (accounts == NULL)
    return account_failed ("list", error);
  printf ("%-20s %-9s %-9s %-25s %s\n", "NAME", "ROLE", "STATUS", "CREATED", "SCOPE");
  for (guint i = 0; i < accounts->len; i++)
    {
      const BfAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *created = iso_time (account->created_at);
      printf ("%-20s %-9s %-9s %-25s %s\n", account->name, bf_role_to_string (account->role),
              account->disabled ? "disabled" : "active", created,
              *account->scope ? account->scope : "(the whole district)");
    }
  return BF_SERVER_EXIT_OK;
}

static int
user_change (const BfServerGlobals *globals, const char *command, int argc, char **argv)
{
  g_autoptr(BfStore) hub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  gboolean ok;

  if (argc != 2)
    {
      bf_server_cli_error ("user %s: give one NAME", command);
      return BF_SERVER_EXIT_USAGE;
    }
  hub = bf_server_cli_open_hub (globals);
  if (hub == NULL)
    return BF_SERVER_EXIT_DATABASE;
  if (strcmp (command, "disable") == 0)
    ok = bf_account_disable (hub, argv[1], &error);
  else if (strcmp (command, "enable") == 0)
    ok = bf_account_enable (hub, argv[1], &error);
  else
    {
      password = new_password (argv[1]);
      if (password == NULL)
        return BF_SERVER_EXIT_FAILURE;
      ok = bf_account_set_password (hub, argv[1], password, &error);
    }
  if (!ok)
    return account_failed (command, error);
  if (strcmp (command, "enable") == 0)
    printf ("Enabled %s; it signs in again with its password\n", argv[1]);
  else
    printf ("%s %s; every token it had is revoked\n",
            strcmp (command, "disable") == 0 ? "Disabled" : "Set a new password for", argv[1]);
  return BF_SERVER_EXIT_OK;
}

int
bf_server_cli_user (const BfServerGlobals *globals, int argc, char **argv)
{
  const char *command = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (command, "add") == 0)
    return user_add (globals, argc - 1, argv + 1);
  if (g_strcmp0 (command, "list") == 0)
    return user_list (globals, argc - 1, argv + 1);
  if (g_strcmp0 (command, "disable") == 0 || g_strcmp0 (command, "enable") == 0 ||
      g_strcmp0 (command, "passwd") == 0)
    return user_change (globals, command, argc - 1, argv + 1);
  bf_server_cli_error ("user: say add, list, disable, enable or passwd");
  return BF_SERVER_EXIT_USAGE;
}

/* "name = value" for each field of a logged change, with the version it was based on. */
static void
print_fields (const char *fields_json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root, *values, *bases;
  g_autoptr(GList) names = NULL;

  if (!json_parser_load_from_data (parser, fields_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      printf ("    %s\n", fields_json);
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  values = json_object_has_member (root, "f") ? json_object_get_object_member (root, "f") : NULL;
  bases = json_object_has_member (root, "b") ? json_object_get_object_member (root, "b") : NULL;
  names = values ? json_object_get_members (values) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *value = json_object_get_string_member_with_default (values, l->data, NULL);
      const char *base = bases ? json_object_get_string_member_with_default (bases, l->data, NULL) : NULL;
      if (value != NULL)
        printf ("    %s = \"%s\"\n", (const char *) l->data, value);
      else
        printf ("    %s = null\n", (const char *) l->data);
      if (base != NULL)
        printf ("      (edited from version %s)\n", base);
    }
}

int
bf_server_cli_audit (const BfServerGlobals *globals, int argc, char **argv)
{
  g_autofree char *row = NULL;
  GOptionEntry entries[] = {
    { "row", 0, 0, G_OPTION_ARG_STRING, &row, "The record's id", "ID" },
    { NULL }
  };
  g_autoptr(BfStore) hub = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GError) error = NULL;

  if (!bf_server_cli_parse ("audit", "audit --row ID", entries, &argc, &argv))
    return BF_SERVER_EXIT_USAGE;
  if (row == NULL || argc > 1)
    {
      bf_server_cli_error ("audit: give --row ID");
      return BF_SERVER_EXIT_USAGE;
    }
  hub = bf_server_cli_open_hub (globals);
  if (hub == NULL)
    return BF_SERVER_EXIT_DATABASE;
  entries_found = bf_audit_row_history (hub, row, &error);
  if (entries_found == NULL)
    {
      bf_server_cli_error ("audit: %s", error->message);
      return BF_SERVER_EXIT_DATABASE;
    }
  if (entries_found->len == 0)
    {
      bf_server_cli_error ("audit: the server has no change to a record “%s”", row);
      return BF_SERVER_EXIT_FAILURE;
    }
  for (guint i = 0; i < entries_found->len; i++)
    {
      const BfAuditEntry *entry = g_ptr_array_index (entries_found, i);
      g_autofree char *received = iso_time (entry->received_at);
      g_autofree char *made = iso_time (BF_HLC_PHYSICAL (entry->hlc));
      const char *who = entry->account ? entry->account
                        : g_strcmp0 (entry->device, bf_store_device_id (hub)) == 0 ? "(the server)"
                        : "(bundle import)";

      printf ("#%" G_GINT64_FORMAT "  %s %s  received %s  account %s\n", entry->server_seq,
              entry->entity, entry->row_id, received, who);
      printf ("  made %s%s by %s on device %s (change %" G_GINT64_FORMAT ")\n", made,
              entry->clamped ? " (clock clamped)" : "", entry->author ? entry->author : "(unknown)",
              entry->device, entry->seq);
      print_fields (entry->fields);
    }
  return BF_SERVER_EXIT_OK;
}
