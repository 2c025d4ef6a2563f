/* bf-server-cli.h: bangfu-server's command line — serving, and the operator's commands. */
#pragma once

#include <glib.h>

#include "bf-store.h"

G_BEGIN_DECLS

/* Exit codes that scripts can tell apart (the same as bangfu-cli's). */
enum {
  BF_SERVER_EXIT_OK = 0,
  BF_SERVER_EXIT_FAILURE = 1,   /* the command failed: bad input, a rule refused it */
  BF_SERVER_EXIT_USAGE = 2,     /* wrong arguments */
  BF_SERVER_EXIT_DATABASE = 3,  /* the store cannot be opened: missing, foreign, too new */
};

typedef struct {
  const char *data_dir;
  const char *db_path;     /* DATA_DIR/bangfu.db */
  const char *listen;      /* HOST:PORT */
  const char *tls_cert;
  const char *tls_key;
  int         idle_timeout;   /* seconds; -1: the default */
} BfServerGlobals;

int      bf_server_main (int argc, char **argv);

/* Prints "bangfu-server: <message>" on stderr. */
void     bf_server_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Opens the district server's existing store; prints why and returns NULL if it cannot. */
BfStore *bf_server_cli_open_hub (const BfServerGlobals *globals);
BfStore *bf_server_cli_open_hub_with (const BfServerGlobals *globals, BfStoreOpenFlags flags);

/* Parses a command's options; on failure prints the reason and returns FALSE. */
gboolean bf_server_cli_parse (const char *command, const char *parameter, GOptionEntry *entries,
                              int *argc, char ***argv);

/* Commands. (bf-server-cli-users.c) */
int      bf_server_cli_user  (const BfServerGlobals *globals, int argc, char **argv);
int      bf_server_cli_audit (const BfServerGlobals *globals, int argc, char **argv);

G_END_DECLS
