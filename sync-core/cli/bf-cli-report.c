/* bf-cli-report.c: `report` (the assessment as JSON, CSV or XLSX) and `print` (the household
 * card and the village table as PDF). The figures come from sync-core, the same as the app's. */
#include "bf-config.h"
#include "bf-cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bf-assessment.h"
#include "bf-print.h"
#include "bf-report.h"
#include "bf-validate.h"

static int
current_year (void)
{
  GDate today;

  bf_today (&today);
  return g_date_get_year (&today);
}

static gboolean
check_year (const char *command, int year)
{
  if (year < 1900 || year > 9999)
    {
      bf_cli_error ("%s: --year must be a year such as 2016", command);
      return FALSE;
    }
  return TRUE;
}

/* Files that libraries write by name (XLSX, PDF) go to FILE.part first and replace FILE only
 * when complete, so a failure never leaves half a file or destroys the previous one. */
static char *
part_path (const char *path)
{
  return g_strconcat (path, ".part", NULL);
}

static gboolean
commit_part (const char *part, const char *path)
{
  if (g_rename (part, path) != 0)
    {
      bf_cli_error ("cannot replace “%s”: %s", path, g_strerror (errno));
      g_unlink (part);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_stream_report (const BfReport *report, gboolean csv, const char *path, GError **error)
{
  g_autoptr(GOutputStream) out = NULL;

  if (path == NULL)
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      gboolean ok = csv ? bf_report_write_csv (report, memory, error)
                        : bf_report_write_json (report, memory, error);
      if (!ok || !g_output_stream_close (memory, NULL, error))
        return FALSE;
      fwrite (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), 1,
              g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), stdout);
      return fflush (stdout) == 0;
    }
  else
    {
      /* g_file_replace writes beside the file and renames on close: all or nothing. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GCancellable) cancel = g_cancellable_new ();
      gboolean ok;

      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
      if (out == NULL)
        return FALSE;
      ok = csv ? bf_report_write_csv (report, out, error) : bf_report_write_json (report, out, error);
      if (!ok)
        g_cancellable_cancel (cancel);   /* closing cancelled keeps the old file */
      return g_output_stream_close (out, cancel, ok ? error : NULL) && ok;
    }
}

int
bf_cli_report (const BfCliGlobals *globals, int argc, char **argv)
{
  int year = 0;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The year assessed", "YYYY" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "json (default), csv or xlsx", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (required for xlsx)", "FILE" },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAssessment) assessment = NULL;
  g_autoptr(BfReport) report = NULL;
  BfReportKind kind;
  gboolean ok;

  if (!bf_cli_parse ("report", "assessment|households|villages|cadres", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 2 || !bf_report_kind_from_name (argv[1], &kind))
    {
      bf_cli_error ("report: say which report: assessment, households, villages or cadres");
      return BF_EXIT_USAGE;
    }
  if (year == 0)
    {
      bf_cli_error ("report: --year is required");
      return BF_EXIT_USAGE;
    }
  if (!check_year ("report", year))
    return BF_EXIT_USAGE;
  if (format == NULL)
    format = g_strdup ("json");
  if (strcmp (format, "json") != 0 && strcmp (format, "csv") != 0 && strcmp (format, "xlsx") != 0)
    {
      bf_cli_error ("report: --format must be json, csv or xlsx, not “%s”", format);
      return BF_EXIT_USAGE;
    }
  if (strcmp (format, "xlsx") == 0 && output == NULL)
    {
      bf_cli_error ("report: xlsx needs -o FILE (a workbook is not written to a terminal)");
      return BF_EXIT_USAGE;
    }

  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  assessment = bf_assessment_compute (store, year, &error);
  if (assessment == NULL)
    {
      bf_cli_error ("report: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  report = bf_report_new (assessment, bf_store_get_policy (store)->district, kind);
  if (strcmp (format, "xlsx") == 0)
    {
      g_autofree char *part = part_path (output);
      ok = bf_report_write_xlsx (report, part, &error);
      if (!ok)
        g_unlink (part);
      else if (!commit_part (part, output))
        return BF_EXIT_FAILURE;
    }
  else
    ok = write_stream_report (report, strcmp (format, "csv") == 0, output, &error);
  if (!ok)
    {
      bf_cli_error ("report: %s", error != NULL ? error->message : g_strerror (errno));
      return BF_EXIT_FAILURE;
    }
  return BF_EXIT_OK;
}

int
bf_cli_print (const BfCliGlobals *globals, int argc, char **argv)
{
  int year = 0;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The year of visits and payments (default: this year)",
      "YYYY" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The PDF file to write", "FILE" },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *part = NULL;
  gboolean card, ok;
  int pages = 0;

  if (!bf_cli_parse ("print", "card HOUSEHOLD_ID|village VILLAGE_ID", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 3 || (strcmp (argv[1], "card") != 0 && strcmp (argv[1], "village") != 0))
    {
      bf_cli_error ("print: say what to print: card HOUSEHOLD_ID or village VILLAGE_ID");
      return BF_EXIT_USAGE;
    }
  if (output == NULL)
    {
      bf_cli_error ("print: -o FILE.pdf is required");
      return BF_EXIT_USAGE;
    }
  if (year == 0)
    year = current_year ();
  if (!check_year ("print", year))
    return BF_EXIT_USAGE;
  card = strcmp (argv[1], "card") == 0;

  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  part = part_path (output);
  if (card)
    {
      g_autoptr(BfHouseholdCard) household = bf_household_card_load (store, argv[2], year, &error);
      ok = household != NULL && bf_print_household_card (household, part, &pages, &error);
    }
  else
    {
      g_autoptr(BfAssessment) assessment = bf_assessment_compute (store, year, &error);
      g_autoptr(BfReport) table = NULL;

      if (assessment != NULL)
        table = bf_report_new_village_table (assessment, argv[2], &error);
      ok = table != NULL && bf_print_village_table (table, part, &pages, &error);
    }
  if (!ok)
    {
      g_unlink (part);
      bf_cli_error ("print: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (!commit_part (part, output))
    return BF_EXIT_FAILURE;
  printf ("Wrote %s (%d page%s)\n", output, pages, pages == 1 ? "" : "s");
  return BF_EXIT_OK;
}
