/* bf-cli-bundle.c: syncing by file (a USB stick) — `bundle export` and `bundle import`, and
 * `init --hub` to make the office's hub store. */
#include "bf-config.h"
#include "bf-cli.h"

#include <stdio.h>
#include <string.h>

#include "bf-bundle.h"
#include "bf-sync.h"

/* Every change fits: a bundle is one file however much a village saved up. */
#define ALL_CHANGES 100000

static BfScope *
parse_scope (const char *text)
{
  g_autoptr(BfScope) scope = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL || strcmp (text, "district") == 0)
    return bf_scope_new_district ();
  scope = bf_scope_new ();
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "town:"))
        bf_scope_add_town (scope, parts[i] + 5);
      else if (g_str_has_prefix (parts[i], "village:"))
        bf_scope_add_village (scope, parts[i] + 8);
      else
        return NULL;
    }
  return g_steal_pointer (&scope);
}

static int
export_bundle (const BfCliGlobals *globals, int argc, char **argv)
{
  gint64 cursor = 0;
  g_autofree char *scope_text = NULL;
  GOptionEntry entries[] = {
    { "cursor", 0, 0, G_OPTION_ARG_INT64, &cursor,
      "Hub only: export the changes after this position (the device's cursor)", "N" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope_text,
      "Hub only: district (default), or town:ID,village:ID,…", "SCOPE" },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfBatch) batch = NULL;
  g_autoptr(BfScope) scope = NULL;
  g_autoptr(GError) error = NULL;

  if (!bf_cli_parse ("bundle export", "FILE", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 2)
    {
      bf_cli_error ("bundle export: give one FILE to write");
      return BF_EXIT_USAGE;
    }
  scope = parse_scope (scope_text);
  if (scope == NULL)
    {
      bf_cli_error ("bundle export: --scope must be district or town:ID,village:ID,…");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  batch = bf_store_is_hub (store)
    ? bf_hub_pull (store, cursor, scope, ALL_CHANGES, &error)
    : bf_sync_outbox (store, ALL_CHANGES, &error);
  if (batch == NULL || !bf_bundle_write_file (batch, argv[1], &error))
    {
      bf_cli_error ("bundle export: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (bf_store_is_hub (store))
    printf ("Wrote %u changes from the hub (positions %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
            ") to %s%s\n", batch->changes->len, cursor, batch->cursor, argv[1],
            batch->more ? "; more remain: export again from the new position" : "");
  else
    printf ("Wrote %u unsent changes to %s\n", batch->changes->len, argv[1]);
  return BF_EXIT_OK;
}

static int
import_bundle (const BfCliGlobals *globals, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_hub;

  if (!bf_cli_parse ("bundle import", "FILE", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 2)
    {
      bf_cli_error ("bundle import: give one FILE to read");
      return BF_EXIT_USAGE;
    }
  /* The whole file is checked before the database is even opened. */
  batch = bf_bundle_read_file (argv[1], &error);
  if (batch == NULL)
    {
      bf_cli_error ("bundle import: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  from_hub = batch->cursor > 0;
  if (bf_store_is_hub (store))
    {
      g_autoptr(BfPushResponse) response = NULL;
      guint counts[3] = { 0 };

      if (from_hub)
        {
          bf_cli_error ("bundle import: this bundle came from a hub; import it on a device");
          return BF_EXIT_FAILURE;
        }
      response = bf_hub_push (store, batch, &error);
      if (response == NULL)
        {
          bf_cli_error ("bundle import: %s", error->message);
          return BF_EXIT_FAILURE;
        }
      for (guint i = 0; i < response->results->len; i++)
        {
          const BfPushResult *result = g_ptr_array_index (response->results, i);
          counts[result->status]++;
          if (result->status == BF_PUSH_REJECTED)
            fprintf (stderr, "refused: change %" G_GINT64_FORMAT ": %s\n", result->seq, result->reason);
        }
      printf ("Applied %u changes, %u were already here, %u refused, %u waiting for earlier ones\n",
              counts[BF_PUSH_ACCEPTED], counts[BF_PUSH_DUPLICATE], counts[BF_PUSH_REJECTED],
              batch->changes->len - response->results->len);
      return counts[BF_PUSH_REJECTED] ? BF_EXIT_FAILURE : BF_EXIT_OK;
    }
  if (!from_hub)
    {
      bf_cli_error ("bundle import: this bundle holds a device's changes; import it into the hub");
      return BF_EXIT_FAILURE;
    }
  if (!bf_sync_apply_pull (store, batch, &error))
    {
      bf_cli_error ("bundle import: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  printf ("Applied changes up to hub position %" G_GINT64_FORMAT "; %" G_GINT64_FORMAT
          " changes of this device still unsent\n", bf_sync_cursor (store, NULL),
          bf_sync_count_pending (store, NULL));
  return BF_EXIT_OK;
}

int
bf_cli_bundle (const BfCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "export") == 0)
    return export_bundle (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "import") == 0)
    return import_bundle (globals, argc - 1, argv + 1);
  bf_cli_error ("bundle: say export FILE or import FILE");
  return BF_EXIT_USAGE;
}

int
bf_cli_init (const BfCliGlobals *globals, int argc, char **argv)
{
  gboolean hub = FALSE;
  GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_NONE, &hub, "Make it the district hub's store", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!bf_cli_parse ("init", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  store = bf_cli_open_store (globals, BF_STORE_OPEN_CREATE);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  if (hub && !bf_store_is_hub (store) && !bf_store_make_hub (store, &error))
    {
      bf_cli_error ("init: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  printf ("%s is ready (%s, device %s)\n", globals->db_path,
          bf_store_is_hub (store) ? "hub" : "device", bf_store_device_id (store));
  return BF_EXIT_OK;
}
