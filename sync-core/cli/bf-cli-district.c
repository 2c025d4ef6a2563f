/* bf-cli-district.c: building the demo district and printing the ledger's totals. */
#include "bf-config.h"
#include "bf-cli.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bf-demo.h"
#include "bf-summary.h"

int
bf_cli_demo (const BfCliGlobals *globals, int argc, char **argv)
{
  gint64 seed = 2016;
  int year = 2016;
  gboolean hub = FALSE;
  GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_NONE, &hub, "Build it as the district hub's store", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed: the same seed builds the same district", "N" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The year of visits and payments (default 2016)", "YYYY" },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSummary) summary = NULL;
  g_autoptr(BfPolicy) policy = NULL;
  g_autofree char *text = NULL;
  gboolean created;
  gint64 started;

  if (!bf_cli_parse ("demo", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc > 1)
    {
      bf_cli_error ("demo: unexpected argument “%s”", argv[1]);
      return BF_EXIT_USAGE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      bf_cli_error ("demo: --seed must be between 0 and %u", G_MAXUINT32);
      return BF_EXIT_USAGE;
    }
  policy = bf_policy_load_default (&error);
  if (policy == NULL || !bf_demo_check_year (policy, year, &error))
    {
      bf_cli_error ("demo: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  created = !g_file_test (globals->db_path, G_FILE_TEST_EXISTS);
  store = bf_cli_open_store (globals, BF_STORE_OPEN_CREATE);
  if (store == NULL)
    return BF_EXIT_DATABASE;

  started = g_get_monotonic_time ();
  if ((hub && !bf_store_make_hub (store, &error)) ||
      !bf_demo_build (store, (guint32) seed, year, &error))
    {
      bf_cli_error ("demo: %s", error->message);
      /* Leave no half-made file behind: a later demo into it would be refused. */
      g_clear_pointer (&store, bf_store_free);
      if (created)
        bf_cli_remove_database (globals->db_path);
      return BF_EXIT_FAILURE;
    }
  summary = bf_summary_compute (store, &error);
  if (summary == NULL)
    {
      bf_cli_error ("demo: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  text = bf_summary_to_text (summary);
  printf ("Built the demo district (seed %" G_GINT64_FORMAT ", year %d) into %s in %.2f s\n\n%s",
          seed, year, globals->db_path, (g_get_monotonic_time () - started) / 1e6, text);
  return BF_EXIT_OK;
}

int
bf_cli_summary (const BfCliGlobals *globals, int argc, char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSummary) summary = NULL;
  g_autofree char *text = NULL;

  if (!bf_cli_parse ("summary", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  summary = bf_summary_compute (store, &error);
  if (summary == NULL)
    {
      bf_cli_error ("summary: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (as_json)
    {
      g_autoptr(JsonNode) node = bf_summary_to_json (summary);
      text = json_to_string (node, TRUE);
      printf ("%s\n", text);
    }
  else
    {
      text = bf_summary_to_text (summary);
      fputs (text, stdout);
    }
  return BF_EXIT_OK;
}
