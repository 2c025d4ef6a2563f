/* bf-cli.c: bangfu-cli's entry point: global options and dispatch to a command. */
#include "bf-config.h"
#include "bf-cli.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

static const BfCliCommand commands[] = {
  { "demo", "[--seed N] [--year YYYY]", "Build the demo district into a new database",
    bf_cli_demo },
  { "summary", "[--json]", "Print the ledger's totals", bf_cli_summary },
  { "init", "[--hub]", "Create an empty database (a device's, or the hub's)", bf_cli_init },
  { "bundle", "export|import FILE", "Sync through a file: export unsent changes, import the hub's",
    bf_cli_bundle },
  { "login", "URL USER", "Sign this device in to the district server (password on stdin)",
    bf_cli_login },
  { "sync", "[--json]", "Send unsent changes to the server and fetch the others'", bf_cli_sync },
  { "household", "list|show|set", "List, show or edit households", bf_cli_household },
  { "visit", "add", "Record a visit to a household", bf_cli_visit },
  { "conflicts", "list|resolve", "Review and resolve conflicting edits", bf_cli_conflicts },
  { "import", "households FILE", "Import a register of households (CSV, UTF-8 or GB18030)",
    bf_cli_import },
  { "lock", "year Y|list|corrections Y", "Freeze a year's figures; list corrections made since",
    bf_cli_lock },
  { "report", "KIND --year Y --format F", "The year's assessment as JSON, CSV or XLSX",
    bf_cli_report },
  { "print", "card|village ID -o F.pdf", "The household card or the village table as A4 PDF",
    bf_cli_print },
  { "duplicates", "list|merge KEEP RETIRE", "Find duplicate households; merge one into another",
    bf_cli_duplicates },
};

void
bf_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "bangfu-cli: %s\n", message);
}

void
bf_cli_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

static char *
default_db_path (void)
{
  const char *from_env = g_getenv ("BANGFU_DB");

  if (from_env != NULL && *from_env)
    return g_strdup (from_env);
  return g_build_filename (g_get_user_data_dir (), "bangfu", "bangfu.db", NULL);
}

BfStore *
bf_cli_open_store (const BfCliGlobals *globals, BfStoreOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (globals->db_path);
  BfStore *store;

  if ((flags & BF_STORE_OPEN_CREATE) && !g_file_test (parent, G_FILE_TEST_IS_DIR) &&
      g_mkdir_with_parents (parent, 0700) != 0)
    {
      bf_cli_error ("cannot create the folder “%s”: %s", parent, g_strerror (errno));
      return NULL;
    }
  store = bf_store_open (globals->db_path, flags, &error);
  if (store == NULL)
    bf_cli_error ("%s", error->message);
  return store;
}

gboolean
bf_cli_parse (const char *command, const char *parameter, GOptionEntry *entries, int *argc,
              char ***argv)
{
  g_autofree char *title = g_strdup_printf ("%s%s%s", command, parameter ? " " : "",
                                            parameter ? parameter : "");
  g_autoptr(GOptionContext) context = g_option_context_new (title);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      bf_cli_error ("%s: %s", command, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_usage (FILE *to)
{
  fputs ("Usage: bangfu-cli [--db FILE] COMMAND [OPTIONS]\n"
         "(global options come before the command)\n\n"
         "Bangfu (帮扶台账) headless client.\n\n"
         "Global options:\n"
         "  --db FILE     the ledger database (default: $BANGFU_DB, else\n"
         "                ~/.local/share/bangfu/bangfu.db)\n"
         "  --version     print the version\n\n"
         "Commands:\n", to);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (to, "  %-9s %-26s %s\n", commands[i].name, commands[i].usage, commands[i].summary);
  fputs ("\nRun 'bangfu-cli COMMAND --help' for a command's options.\n", to);
}

int
bf_cli_main (int argc, char **argv)
{
  g_autofree char *db_path = NULL;
  BfCliGlobals globals = { NULL };
  int i = 1;

  /* Output is UTF-8 whatever the locale says about text, and messages stay English: the
   * command line is for scripts and operators, the app is for cadres. */
  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--db") == 0 && i + 1 < argc)
        db_path = g_strdup (argv[++i]);
      else if (strcmp (argv[i], "--db") == 0)
        {
          bf_cli_error ("--db needs a FILE");
          return BF_EXIT_USAGE;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        db_path = g_strdup (argv[i] + 5);
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return BF_EXIT_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("bangfu-cli %s\n", PACKAGE_VERSION);
          return BF_EXIT_OK;
        }
      else
        {
          bf_cli_error ("unknown option “%s”", argv[i]);
          print_usage (stderr);
          return BF_EXIT_USAGE;
        }
    }
  if (i >= argc)
    {
      print_usage (stderr);
      return BF_EXIT_USAGE;
    }
  if (db_path == NULL)
    db_path = default_db_path ();
  globals.db_path = db_path;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      return commands[c].run (&globals, argc - i, argv + i);

  bf_cli_error ("unknown command “%s”", argv[i]);
  print_usage (stderr);
  return BF_EXIT_USAGE;
}
