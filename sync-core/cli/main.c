/* bangfu-cli: the headless client. Everything it does lives in libbangfu-cli-commands. */
#include "bf-cli.h"

int
main (int argc, char **argv)
{
  return bf_cli_main (argc, argv);
}
