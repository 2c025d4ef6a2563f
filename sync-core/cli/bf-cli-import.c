/* bf-cli-import.c: `import households FILE [--dry-run] [--take-good-rows]`.
 *
 * The engine (bf-import.h) reads and checks the register; this prints its report. Nothing is
 * written by a dry run, nor while any row is bad unless --take-good-rows says so.
 */
#include "bf-config.h"
#include "bf-cli.h"

#include <stdio.h>
#include <string.h>

#include "bf-import.h"

static void
print_problems (const char *title, GPtrArray *problems, FILE *to)
{
  if (problems->len == 0)
    return;
  fprintf (to, "%s:\n", title);
  for (guint i = 0; i < problems->len; i++)
    {
      const BfImportProblem *problem = g_ptr_array_index (problems, i);
      fprintf (to, "  line %u: %s\n", problem->line, problem->message);
    }
}

static void
print_counts (const char *verb, const BfImportCounts *counts)
{
  printf ("%s: %u households added, %u updated, %u unchanged, %u refused"
          " (members: %u added, %u updated; %u of %u rows bad)\n",
          verb, counts->added, counts->updated, counts->unchanged, counts->refused,
          counts->members_added, counts->members_updated, counts->bad_rows, counts->rows);
}

static int
import_households (const BfCliGlobals *globals, int argc, char **argv)
{
  gboolean dry_run = FALSE, take_good = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, "Check the file and list every bad row; import nothing", NULL },
    { "take-good-rows", 0, 0, G_OPTION_ARG_NONE, &take_good, "Import the good rows even though others are bad", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfImport) import = NULL;
  g_autoptr(GError) error = NULL;
  BfImportCounts counts = { 0 };
  GPtrArray *problems;

  if (!bf_cli_parse ("import households", "FILE", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 2)
    {
      bf_cli_error ("import households: give one FILE (a CSV register)");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  import = bf_import_load_file (store, argv[1], &error);
  if (import == NULL)
    {
      bf_cli_error ("import households: %s: %s", argv[1], error->message);
      return BF_EXIT_FAILURE;
    }
  problems = bf_import_problems (import);
  printf ("Read %s as %s.\n", argv[1], bf_import_encoding (import));
  print_problems ("Warnings", bf_import_warnings (import), stdout);
  print_problems ("Bad rows", problems, stdout);
  if (dry_run || (problems->len > 0 && !take_good))
    {
      if (!bf_import_preview (store, import, &counts, &error))
        {
          bf_cli_error ("import households: %s", error->message);
          return BF_EXIT_FAILURE;
        }
      print_counts ("Would import", &counts);
      if (dry_run)
        {
          printf ("Dry run: nothing was imported.\n");
          return problems->len > 0 ? BF_EXIT_FAILURE : BF_EXIT_OK;
        }
      bf_cli_error ("import households: %u bad row%s; nothing was imported. Fix the file, or pass"
                    " --take-good-rows to import the rest", counts.bad_rows,
                    counts.bad_rows == 1 ? "" : "s");
      return BF_EXIT_FAILURE;
    }
  if (!bf_import_apply (store, import, take_good, &counts, &error))
    {
      bf_cli_error ("import households: %s; nothing was imported", error->message);
      return BF_EXIT_FAILURE;
    }
  print_counts ("Imported", &counts);
  return BF_EXIT_OK;
}

int
bf_cli_import (const BfCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "households") == 0)
    return import_households (globals, argc - 1, argv + 1);
  bf_cli_error ("import: say households FILE [--dry-run] [--take-good-rows]");
  return BF_EXIT_USAGE;
}
