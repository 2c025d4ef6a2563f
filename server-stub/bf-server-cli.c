/* bf-server-cli.c: bangfu-server's entry point — global options, init, and serving. */
#include "bf-config.h"
#include "bf-server-cli.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "bf-accounts.h"
#include "bf-demo.h"
#include "bf-server.h"

/* Printed with the demo accounts; a real district sets its own with `user add`. */
#define DEMO_PASSWORD "bangfu2016"

#define DEFAULT_LISTEN "127.0.0.1:8470"
#define DEFAULT_PORT 8470

void
bf_server_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "bangfu-server: %s\n", message);
}

gboolean
bf_server_cli_parse (const char *command, const char *parameter, GOptionEntry *entries,
                     int *argc, char ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      bf_server_cli_error ("%s: %s", command, error->message);
      return FALSE;
    }
  return TRUE;
}

BfStore *
bf_server_cli_open_hub (const BfServerGlobals *globals)
{
  return bf_server_cli_open_hub_with (globals, BF_STORE_OPEN_EXISTING);
}

BfStore *
bf_server_cli_open_hub_with (const BfServerGlobals *globals, BfStoreOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) store = bf_store_open (globals->db_path, flags, &error);

  if (store == NULL)
    {
      bf_server_cli_error ("%s", error->message);
      if (g_error_matches (error, BF_STORE_ERROR, BF_STORE_ERROR_OPEN))
        bf_server_cli_error ("create it with: bangfu-server --data %s init", globals->data_dir);
      return NULL;
    }
  if (!bf_store_is_hub (store))
    {
      bf_server_cli_error ("“%s” is a device’s database, not a district server’s store",
                           globals->db_path);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

static int
command_init (const BfServerGlobals *globals, int argc, char **argv)
{
  gboolean demo = FALSE;
  gint64 seed = 2016;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill it with the demo district (year 2016)", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "The demo's random seed (default 2016)", "N" },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  if (!bf_server_cli_parse ("init", "init [--demo] [--seed N]", entries, &argc, &argv))
    return BF_SERVER_EXIT_USAGE;
  if (argc > 1 || seed < 0 || seed > G_MAXUINT32)
    {
      bf_server_cli_error (argc > 1 ? "init: unexpected argument “%s”" : "init: --seed must be 0 to 4294967295%s",
                           argc > 1 ? argv[1] : "");
      return BF_SERVER_EXIT_USAGE;
    }
  if (g_mkdir_with_parents (globals->data_dir, 0700) != 0)
    {
      bf_server_cli_error ("cannot create the folder “%s”: %s", globals->data_dir, g_strerror (errno));
      return BF_SERVER_EXIT_FAILURE;
    }
  if (g_file_test (globals->db_path, G_FILE_TEST_EXISTS))
    {
      bf_server_cli_error ("“%s” exists already; init makes a new store only", globals->db_path);
      return BF_SERVER_EXIT_FAILURE;
    }
  store = bf_store_open (globals->db_path, BF_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      bf_server_cli_error ("%s", error->message);
      return BF_SERVER_EXIT_DATABASE;
    }
  if (!bf_store_make_hub (store, &error) ||
      (demo && !bf_demo_build (store, (guint32) seed, 2016, &error)))
    {
      bf_server_cli_error ("init: %s", error->message);
      /* Leave no half-made store behind: a later init would refuse it. */
      g_clear_pointer (&store, bf_store_free);
      remove_database (globals->db_path);
      return BF_SERVER_EXIT_FAILURE;
    }
  printf ("Created the district server’s store %s%s in %.2f s\n", globals->db_path,
          demo ? " with the demo district" : "", (g_get_monotonic_time () - started) / 1e6);
  if (demo)
    {
      g_autoptr(GPtrArray) accounts = bf_accounts_add_demo (store, DEMO_PASSWORD, &error);
      if (accounts == NULL)
        {
          bf_server_cli_error ("init: %s", error->message);
          return BF_SERVER_EXIT_FAILURE;
        }
      printf ("Demo accounts, password “%s”:\n", DEMO_PASSWORD);
      for (guint i = 0; i < accounts->len; i++)
        printf ("  %s\n", (const char *) g_ptr_array_index (accounts, i));
    }
  return BF_SERVER_EXIT_OK;
}

static GSocketAddress *
parse_listen (const char *text, GError **error)
{
  g_autoptr(GSocketConnectable) connectable = g_network_address_parse (text, DEFAULT_PORT, error);
  g_autoptr(GInetAddress) address = NULL;

  if (connectable == NULL)
    return NULL;
  address = g_inet_address_new_from_string (g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)));
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address and port, like 127.0.0.1:8470 or [::]:8470", text);
      return NULL;
    }
  return g_inet_socket_address_new (address, g_network_address_get_port (G_NETWORK_ADDRESS (connectable)));
}

static gboolean
quit_on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
command_serve (const BfServerGlobals *globals, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(BfJobRunner) runner = NULL;
  g_autoptr(BfServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  BfStore *store;
  guint sigint, sigterm;

  if (argc > 1)
    {
      bf_server_cli_error ("serve: unexpected argument “%s”", argv[1]);
      return BF_SERVER_EXIT_USAGE;
    }
  if ((globals->tls_cert == NULL) != (globals->tls_key == NULL))
    {
      bf_server_cli_error ("--tls-cert and --tls-key go together");
      return BF_SERVER_EXIT_USAGE;
    }
  address = parse_listen (globals->listen ? globals->listen : DEFAULT_LISTEN, &error);
  if (address == NULL)
    {
      bf_server_cli_error ("--listen: %s", error->message);
      return BF_SERVER_EXIT_USAGE;
    }
  if (globals->tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (globals->tls_cert, globals->tls_key, &error);
      if (certificate == NULL)
        {
          bf_server_cli_error ("TLS: %s", error->message);
          return BF_SERVER_EXIT_FAILURE;
        }
    }
  /* The server runs for months: its page cache is touched once now, not under the first
   * pushes. Without it, only those are slower. */
  if (!bf_store_reserve_page_cache ())
    g_warning ("SQLite's page cache could not be reserved; it grows as it is used");
  /* From here on only the store thread uses it. */
  store = bf_server_cli_open_hub_with (globals, BF_STORE_OPEN_ONE_THREAD);
  if (store == NULL)
    return BF_SERVER_EXIT_DATABASE;

  runner = bf_job_runner_new (store);
  server = bf_server_new (runner);
  if (globals->idle_timeout >= 0)
    bf_server_set_idle_timeout (server, (guint) globals->idle_timeout);
  if (!bf_server_listen (server, address, certificate, &url, &error))
    {
      bf_server_cli_error ("cannot listen on %s: %s", globals->listen ? globals->listen : DEFAULT_LISTEN,
                           error->message);
      bf_job_runner_shutdown (runner);
      return BF_SERVER_EXIT_FAILURE;
    }
  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, quit_on_signal, loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_on_signal, loop);
  /* The first line of output: scripts and tests read the port from it, and may stop the
   * server as soon as they have — so it comes once SIGTERM is handled, not before. */
  printf ("listening on %s\n", url);
  fflush (stdout);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  g_message ("stopping: finishing the requests under way");
  bf_server_stop (server);
  bf_job_runner_shutdown (runner);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return BF_SERVER_EXIT_OK;
}

/* Stores made before 16 KiB pages keep 4 KiB ones until rewritten; see docs/OPERATIONS.md. */
static int
command_compact (const BfServerGlobals *globals, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(BfStore) hub = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  int old_page_size = 0;

  if (!bf_server_cli_parse ("compact", "compact", entries, &argc, &argv))
    return BF_SERVER_EXIT_USAGE;
  if (argc > 1)
    {
      bf_server_cli_error ("compact: unexpected argument “%s”", argv[1]);
      return BF_SERVER_EXIT_USAGE;
    }
  hub = bf_server_cli_open_hub (globals);
  if (hub == NULL)
    return BF_SERVER_EXIT_DATABASE;
  if (!bf_store_compact (hub, &old_page_size, &error))
    {
      bf_server_cli_error ("compact: %s", error->message);
      bf_server_cli_error ("compact: stop the server first; the store is unchanged");
      return BF_SERVER_EXIT_FAILURE;
    }
  printf ("Rewrote %s in %.1f s; its pages are %d bytes (they were %d)\n", globals->db_path,
          (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC,
          bf_store_page_size (hub), old_page_size);
  return BF_SERVER_EXIT_OK;
}

static void
print_usage (FILE *to)
{
  fputs ("Usage: bangfu-server --data DIR [OPTIONS] [COMMAND [ARGUMENTS]]\n"
         "(global options come before the command)\n\n"
         "The district sync server of Bangfu (帮扶台账). Without a command it serves.\n\n"
         "Global options:\n"
         "  --data DIR          the server's folder; its store is DIR/bangfu.db\n"
         "  --listen HOST:PORT  where to serve (default 127.0.0.1:8470; port 0 picks one)\n"
         "  --tls-cert FILE     serve https with this certificate (PEM) …\n"
         "  --tls-key FILE      … and this private key (PEM)\n"
         "  --idle-timeout S    close a connection idle for S seconds (default 120; 0: never)\n"
         "  --version           print the version\n\n"
         "Commands:\n"
         "  init [--demo] [--seed N]                 create the store (with the demo district)\n"
         "  user add NAME --role ROLE [--scope S]    add an account; password from standard input\n"
         "  user list                                list the accounts\n"
         "  user disable NAME | user enable NAME     stop (or allow again) an account's sign-in\n"
         "  user passwd NAME                         set a new password from standard input\n"
         "  audit --row ID                           print every change to a record\n"
         "  compact                                  rewrite the store with 16 KiB pages (server stopped)\n"
         "\nROLE is cadre, town, district or admin. SCOPE is cadre:<cadre id> for a cadre,\n"
         "town:<town id> or village:<id>,village:<id> for a town account, nothing otherwise.\n"
         "Exit codes: 0 done, 1 failed, 2 wrong arguments, 3 the store cannot be opened.\n", to);
}

int
bf_server_main (int argc, char **argv)
{
  g_autofree char *data_dir = NULL, *listen = NULL, *tls_cert = NULL, *tls_key = NULL;
  g_autofree char *db_path = NULL;
  gboolean version = FALSE;
  int idle_timeout = G_MININT;   /* not given */
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, NULL, NULL },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, NULL, NULL },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, NULL, NULL },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, NULL, NULL },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout, NULL, NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  BfServerGlobals globals = { NULL };
  const char *command;

  /* Output is UTF-8 and messages English: the server talks to operators and scripts, and
   * its answers to devices are English by contract. */
  setlocale (LC_ALL, "");
  setlocale (LC_MESSAGES, "C");
  signal (SIGPIPE, SIG_IGN);

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      {
        print_usage (stdout);
        return BF_SERVER_EXIT_OK;
      }
  /* Global options stop at the command, whose own options follow it. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      bf_server_cli_error ("%s", error->message);
      print_usage (stderr);
      return BF_SERVER_EXIT_USAGE;
    }
  if (version)
    {
      printf ("bangfu-server %s\n", PACKAGE_VERSION);
      return BF_SERVER_EXIT_OK;
    }
  if (idle_timeout != G_MININT && idle_timeout < 0)
    {
      bf_server_cli_error ("--idle-timeout: %d is not a number of seconds (0 or more)",
                           idle_timeout);
      return BF_SERVER_EXIT_USAGE;
    }
  if (data_dir == NULL)
    {
      bf_server_cli_error ("--data DIR is needed");
      print_usage (stderr);
      return BF_SERVER_EXIT_USAGE;
    }
  db_path = g_build_filename (data_dir, "bangfu.db", NULL);
  globals.data_dir = data_dir;
  globals.db_path = db_path;
  globals.listen = listen;
  globals.tls_cert = tls_cert;
  globals.tls_key = tls_key;
  globals.idle_timeout = idle_timeout == G_MININT ? -1 : idle_timeout;

  command = argc > 1 ? argv[1] : "serve";
  if (strcmp (command, "serve") == 0)
    return command_serve (&globals, MAX (argc - 1, 1), argc > 1 ? argv + 1 : argv);
  if (strcmp (command, "init") == 0)
    return command_init (&globals, argc - 1, argv + 1);
  if (strcmp (command, "user") == 0)
    return bf_server_cli_user (&globals, argc - 1, argv + 1);
  if (strcmp (command, "audit") == 0)
    return bf_server_cli_audit (&globals, argc - 1, argv + 1);
  if (strcmp (command, "compact") == 0)
    return command_compact (&globals, argc - 1, argv + 1);
  bf_server_cli_error ("unknown command “%s”", command);
  print_usage (stderr);
  return BF_SERVER_EXIT_USAGE;
}
