/* bf-cli-duplicates.c: duplicate households — `duplicates list [--json]`,
 * `duplicates merge KEEP_ID RETIRE_ID`. */
#include "bf-config.h"
#include "bf-cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "bf-duplicates.h"
#include "bf-merge.h"

static void
add_reasons (JsonBuilder *builder, guint reasons)
{
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  if (reasons & BF_DUPLICATE_SAME_ID_NUMBER)
    json_builder_add_string_value (builder, "same_id_number");
  if (reasons & BF_DUPLICATE_SAME_HEAD_NAME)
    json_builder_add_string_value (builder, "same_head_name");
  json_builder_end_array (builder);
}

static void
add_household (JsonBuilder *builder, const char *member, const char *id, const char *head,
               const char *village)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "head_name");
  json_builder_add_string_value (builder, head);
  json_builder_set_member_name (builder, "village");
  json_builder_add_string_value (builder, village);
  json_builder_end_object (builder);
}

static void
print_json (GPtrArray *pairs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < pairs->len; i++)
    {
      const BfDuplicatePair *pair = g_ptr_array_index (pairs, i);

      json_builder_begin_object (builder);
      add_household (builder, "a", pair->household_a, pair->head_name_a, pair->village_a);
      add_household (builder, "b", pair->household_b, pair->head_name_b, pair->village_b);
      add_reasons (builder, pair->reasons);
      if (pair->id_number != NULL)
        {
          json_builder_set_member_name (builder, "id_number");
          json_builder_add_string_value (builder, pair->id_number);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  printf ("%s\n", text);
}

static int
duplicates_list (const BfCliGlobals *globals, int argc, char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;

  if (!bf_cli_parse ("duplicates list", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 1)
    {
      bf_cli_error ("duplicates list: takes no arguments besides --json");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  pairs = bf_duplicates_find (store, &error);
  if (pairs == NULL)
    {
      bf_cli_error ("duplicates list: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (as_json)
    {
      print_json (pairs);
      return BF_EXIT_OK;
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      const BfDuplicatePair *pair = g_ptr_array_index (pairs, i);
      g_autoptr(GString) why = g_string_new (NULL);

      if (pair->reasons & BF_DUPLICATE_SAME_ID_NUMBER)
        g_string_append_printf (why, "same head's ID number %s", pair->id_number);
      if (pair->reasons & BF_DUPLICATE_SAME_HEAD_NAME)
        g_string_append_printf (why, "%ssame head's name in %s", why->len ? "; " : "",
                                pair->village_a);
      printf ("%s  %s (%s)\n%s  %s (%s)\n    %s\n", pair->household_a, pair->head_name_a,
              pair->village_a, pair->household_b, pair->head_name_b, pair->village_b, why->str);
    }
  printf ("%u candidate pair%s; merge one with 'bangfu-cli duplicates merge KEEP_ID RETIRE_ID'\n",
          pairs->len, pairs->len == 1 ? "" : "s");
  return BF_EXIT_OK;
}

static int
duplicates_merge (const BfCliGlobals *globals, int argc, char **argv)
{
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BfMergeReport report = { 0 };

  if (argc != 3)
    {
      bf_cli_error ("duplicates merge: give KEEP_ID and RETIRE_ID (the household that stays first)");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  if (!bf_merge_households (store, argv[1], argv[2], &report, &error))
    {
      bf_cli_error ("duplicates merge: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  printf ("Merged %s into %s: %u member%s moved, %u already in it, %u pairing%s, %u visit%s,"
          " %u payment%s moved; %u income year%s copied, %u differing (kept, listed under"
          " 'bangfu-cli conflicts list').%s\n",
          argv[2], argv[1], report.members_moved, report.members_moved == 1 ? "" : "s",
          report.members_merged, report.pairings_moved, report.pairings_moved == 1 ? "" : "s",
          report.visits_moved, report.visits_moved == 1 ? "" : "s", report.payments_moved,
          report.payments_moved == 1 ? "" : "s", report.incomes_copied,
          report.incomes_copied == 1 ? "" : "s", report.incomes_differing,
          bf_store_is_hub (store) ? "" : " Sync to send the merge to the district server.");
  return BF_EXIT_OK;
}

int
bf_cli_duplicates (const BfCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return duplicates_list (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "merge") == 0)
    return duplicates_merge (globals, argc - 1, argv + 1);
  bf_cli_error ("duplicates: say list [--json], or merge KEEP_ID RETIRE_ID");
  return BF_EXIT_USAGE;
}
