/* bf-cli.h: bangfu-cli's commands. */
#pragma once

#include <glib.h>

#include "bf-store.h"

G_BEGIN_DECLS

/* Exit codes that scripts can tell apart. */
enum {
  BF_EXIT_OK = 0,
  BF_EXIT_FAILURE = 1,   /* the command failed: bad input, a rule refused it */
  BF_EXIT_USAGE = 2,     /* wrong arguments */
  BF_EXIT_DATABASE = 3,  /* the database cannot be opened: missing, foreign, too new */
  BF_EXIT_NETWORK = 4,   /* the server cannot be reached, or refused the credentials */
};

typedef struct {
  const char *db_path;
} BfCliGlobals;

typedef int (*BfCliCommandFunc) (const BfCliGlobals *globals, int argc, char **argv);

typedef struct {
  const char      *name;
  const char      *usage;     /* arguments after the name */
  const char      *summary;
  BfCliCommandFunc run;
} BfCliCommand;

int bf_cli_main (int argc, char **argv);

/* Opens the store named by --db (or the default); prints the reason and returns NULL if it
 * cannot. */
BfStore *bf_cli_open_store (const BfCliGlobals *globals, BfStoreOpenFlags flags);

/* Removes a database file with its -wal and -shm companions. */
void bf_cli_remove_database (const char *path);

/* Prints "bangfu-cli: <message>" on stderr. */
void bf_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Parses a subcommand's options; on failure prints the reason and returns FALSE. */
gboolean bf_cli_parse (const char *command, const char *parameter, GOptionEntry *entries,
                       int *argc, char ***argv);

/* Commands, one file per concern. */
int bf_cli_demo    (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_summary (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_bundle  (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_init    (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_login     (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_sync      (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_household (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_visit     (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_conflicts (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_import    (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_lock      (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_report    (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_print     (const BfCliGlobals *globals, int argc, char **argv);
int bf_cli_duplicates (const BfCliGlobals *globals, int argc, char **argv);

G_END_DECLS
