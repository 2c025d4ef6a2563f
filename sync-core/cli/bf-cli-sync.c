/* bf-cli-sync.c: syncing over the network — `login` and `sync`. */
#include "bf-config.h"
#include "bf-cli.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bf-sync-client.h"

typedef struct {
  GMainLoop     *loop;
  GAsyncResult  *result;
  gboolean       progress_tty;
} Waiter;

static void
waiter_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

/* The exit code for a failed login or sync. The address was checked before anything else,
 * so an insecure-certificate error here is about the connection, like a network error. */
static int
exit_code_for (const GError *error)
{
  if (error->domain != BF_SYNC_CLIENT_ERROR ||
      error->code == BF_SYNC_CLIENT_ERROR_INVALID_URL)
    return BF_EXIT_FAILURE;
  return BF_EXIT_NETWORK;
}

/* The first line of stdin when it is not a terminal (scripts); else a prompt without echo. */
static char *
read_password (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO);
  int c;

  if (terminal)
    {
      fputs ("Password: ", stderr);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      else
        terminal = FALSE;
    }
  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

int
bf_cli_login (const BfCliGlobals *globals, int argc, char **argv)
{
  g_autofree char *device_name = NULL;
  g_autofree char *pin = NULL;
  gboolean insecure = FALSE;
  GOptionEntry entries[] = {
    { "device-name", 0, 0, G_OPTION_ARG_STRING, &device_name,
      "How the server lists this device (default: the host name)", "NAME" },
    { "pin-cert", 0, 0, G_OPTION_ARG_FILENAME, &pin,
      "Accept exactly this certificate (PEM) from the server: for a self-signed one", "FILE" },
    { "insecure-http", 0, 0, G_OPTION_ARG_NONE, &insecure,
      "Allow plain http to a host other than this machine (unencrypted!)", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfSyncClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  Waiter waiter = { NULL };
  gboolean ok;

  if (!bf_cli_parse ("login", "URL USER", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 3)
    {
      bf_cli_error ("login: give the server's URL and your user name");
      return BF_EXIT_USAGE;
    }
  /* Refused before the password is even asked for. */
  if (!bf_sync_client_check_url (argv[1], insecure, &error))
    {
      bf_cli_error ("login: %s", error->message);
      return BF_EXIT_USAGE;
    }
  if (pin != NULL && !g_file_test (pin, G_FILE_TEST_IS_REGULAR))
    {
      bf_cli_error ("login: --pin-cert: no such file “%s”", pin);
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_CREATE);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  password = read_password ();

  client = bf_sync_client_new (store);
  bf_sync_client_set_allow_insecure_http (client, insecure);
  if (pin != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (pin, NULL);
      bf_sync_client_set_pinned_certificate (client, absolute);
    }
  else
    bf_sync_client_set_pinned_certificate (client, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  waiter.loop = loop;
  bf_sync_client_login_async (client, argv[1], argv[2], password, device_name, NULL,
                              waiter_done, &waiter);
  g_main_loop_run (loop);
  ok = bf_sync_client_login_finish (client, waiter.result, &error);
  g_clear_object (&waiter.result);
  if (!ok)
    {
      bf_cli_error ("login: %s", error->message);
      return exit_code_for (error);
    }
  printf ("Signed in to %s as %s (%s); this device is %s\n",
          bf_sync_client_get_server_url (client), bf_sync_client_get_account (client),
          bf_sync_client_get_role (client), bf_store_device_id (store));
  return BF_EXIT_OK;
}

static void
show_progress (BfSyncClient *client,
               BfSyncPhase   phase,
               gint64        done,
               gint64        total,
               gpointer      user_data)
{
  Waiter *waiter = user_data;
  const char *what = phase == BF_SYNC_PHASE_PUSH ? "sent" : "received";

  if (total >= 0)
    fprintf (stderr, "%s%s %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " changes%s",
             waiter->progress_tty ? "\r" : "", what, done, total,
             waiter->progress_tty ? "\033[K" : "\n");
  else
    fprintf (stderr, "%s%s %" G_GINT64_FORMAT " changes, more to come%s",
             waiter->progress_tty ? "\r" : "", what, done,
             waiter->progress_tty ? "\033[K" : "\n");
  fflush (stderr);
}

static void
print_summary (BfStore *store, const BfSyncSummary *summary, gint64 unsent, gboolean as_json)
{
  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pushed");
      json_builder_add_int_value (builder, (gint64) summary->pushed);
      json_builder_set_member_name (builder, "pulled");
      json_builder_add_int_value (builder, (gint64) summary->pulled);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_int_value (builder, (gint64) summary->conflicts);
      json_builder_set_member_name (builder, "rejected");
      json_builder_add_int_value (builder, (gint64) summary->rejected);
      json_builder_set_member_name (builder, "purged");
      json_builder_add_int_value (builder, (gint64) summary->purged);
      json_builder_set_member_name (builder, "unsent");
      json_builder_add_int_value (builder, unsent);
      json_builder_set_member_name (builder, "cursor");
      json_builder_add_int_value (builder, bf_sync_cursor (store, NULL));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      printf ("%s\n", text);
      return;
    }
  printf ("Pushed %" G_GUINT64_FORMAT " changes, pulled %" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
          " new conflicts, %" G_GUINT64_FORMAT " rejected\n",
          summary->pushed, summary->pulled, summary->conflicts, summary->rejected);
  if (summary->purged > 0)
    printf ("Removed %" G_GUINT64_FORMAT " records of villages no longer in this device's area\n",
            summary->purged);
  if (summary->rejected > 0)
    printf ("Rejected changes are kept with the server's reason; fix and resend them\n");
  printf ("%" G_GINT64_FORMAT " changes still unsent\n", unsent);
}

int
bf_cli_sync (const BfCliGlobals *globals, int argc, char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the summary as JSON", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfSyncClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  Waiter waiter = { NULL };

  if (!bf_cli_parse ("sync", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc > 1)
    {
      bf_cli_error ("sync: unexpected argument “%s”", argv[1]);
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  if (bf_store_is_hub (store))
    {
      bf_cli_error ("sync: this is the district server's own database; devices sync with it");
      return BF_EXIT_FAILURE;
    }
  client = bf_sync_client_new (store);
  loop = g_main_loop_new (NULL, FALSE);
  waiter.loop = loop;
  waiter.progress_tty = isatty (STDERR_FILENO);
  g_signal_connect (client, "progress", G_CALLBACK (show_progress), &waiter);
  bf_sync_client_sync_async (client, NULL, waiter_done, &waiter);
  g_main_loop_run (loop);
  summary = bf_sync_client_sync_finish (client, waiter.result, &error);
  g_clear_object (&waiter.result);
  if (waiter.progress_tty)
    fputc ('\n', stderr);
  if (summary == NULL)
    {
      bf_cli_error ("sync: %s", error->message);
      if (g_error_matches (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_AUTH))
        bf_cli_error ("sync: sign in again with: bangfu-cli login URL USER");
      return exit_code_for (error);
    }
  print_summary (store, summary, bf_sync_client_get_unsent_count (client), as_json);
  return BF_EXIT_OK;
}
