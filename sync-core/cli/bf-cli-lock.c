/* bf-cli-lock.c: the year-end lock — `lock year Y`, `lock list`, `lock corrections Y`. */
#include "bf-config.h"
#include "bf-cli.h"

#include <stdio.h>
#include <string.h>

#include "bf-hlc.h"
#include "bf-year-lock.h"

static gboolean
parse_year (const char *command, const char *text, int *out)
{
  guint64 year = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 2000, 2100, &year, NULL))
    {
      bf_cli_error ("%s: give a year such as 2016%s%s%s", command, text ? " (not “" : "",
                    text ? text : "", text ? "”)" : "");
      return FALSE;
    }
  *out = (int) year;
  return TRUE;
}

static char *
format_ms (gint64 ms)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc && zone ? g_date_time_to_timezone (utc, zone) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static int
lock_year (const BfCliGlobals *globals, int argc, char **argv)
{
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfYearLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  int year = 0;

  if (argc != 2)
    {
      bf_cli_error ("lock year: give one YEAR");
      return BF_EXIT_USAGE;
    }
  if (!parse_year ("lock year", argv[1], &year))
    return BF_EXIT_USAGE;
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  if (!bf_year_lock_create (store, year, &lock, &error))
    {
      bf_cli_error ("lock year: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  when = format_ms (lock->locked_at);
  printf ("Locked %d at %s. Later edits touching %d are kept and listed by"
          " 'bangfu-cli lock corrections %d'.%s\n", year, when, year, year,
          bf_store_is_hub (store) ? "" : " Sync to send the lock to the district server.");
  return BF_EXIT_OK;
}

static int
lock_list (const BfCliGlobals *globals, int argc, char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON, with the frozen figures", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!bf_cli_parse ("lock list", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  locks = bf_year_locks_list (store, &error);
  if (locks == NULL)
    {
      bf_cli_error ("lock list: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < locks->len; i++)
    {
      const BfYearLock *lock = g_ptr_array_index (locks, i);
      gint64 corrections = bf_corrections_count (store, lock->year, NULL);
      g_autofree char *when = format_ms (lock->locked_at);

      if (!as_json)
        {
          printf ("%d  locked %s by %s, %" G_GINT64_FORMAT " correction%s since\n", lock->year,
                  when, lock->locked_by ? lock->locked_by : "—", corrections,
                  corrections == 1 ? "" : "s");
          continue;
        }
      {
        JsonObject *object = bf_record_to_json (BF_ENTITY_YEAR_LOCK, lock);
        g_autoptr(JsonNode) figures = json_from_string (lock->figures, NULL);
        if (figures != NULL)
          json_object_set_member (object, "figures", g_steal_pointer (&figures));
        json_object_set_int_member (object, "corrections", corrections);
        json_builder_add_value (builder, json_node_init_object (json_node_alloc (), object));
        json_object_unref (object);
      }
    }
  json_builder_end_array (builder);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  else if (locks->len == 0)
    printf ("No year is locked.\n");
  return BF_EXIT_OK;
}

static int
lock_corrections (const BfCliGlobals *globals, int argc, char **argv)
{
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfYearLock) lock = NULL;
  g_autoptr(GPtrArray) corrections = NULL;
  g_autoptr(GError) error = NULL;
  int year = 0;

  if (argc != 2)
    {
      bf_cli_error ("lock corrections: give one YEAR");
      return BF_EXIT_USAGE;
    }
  if (!parse_year ("lock corrections", argv[1], &year))
    return BF_EXIT_USAGE;
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  lock = bf_year_lock_find (store, year, &error);
  corrections = lock ? bf_corrections_list (store, year, &error) : NULL;
  if (corrections == NULL)
    {
      bf_cli_error ("lock corrections: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  for (guint i = 0; i < corrections->len; i++)
    {
      const BfCorrection *c = g_ptr_array_index (corrections, i);
      g_autofree char *when = format_ms (BF_HLC_PHYSICAL ((BfHlc) c->hlc));
      printf ("%s  %s %s by %s%s\n    %s\n", when, c->entity, c->row_id,
              c->author ? c->author : "?", c->ordered ? "" : " (not sent yet)", c->fields);
    }
  printf ("%u correction%s to %d after its lock\n", corrections->len,
          corrections->len == 1 ? "" : "s", year);
  return BF_EXIT_OK;
}

int
bf_cli_lock (const BfCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "year") == 0)
    return lock_year (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return lock_list (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "corrections") == 0)
    return lock_corrections (globals, argc - 1, argv + 1);
  bf_cli_error ("lock: say year YEAR, list, or corrections YEAR");
  return BF_EXIT_USAGE;
}
