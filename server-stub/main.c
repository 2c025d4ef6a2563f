/* bangfu-server: the district sync server. Everything it does lives in libbangfu-server. */
#include "bf-server-cli.h"

int
main (int argc, char **argv)
{
  return bf_server_main (argc, argv);
}
