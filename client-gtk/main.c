/* main.c: bangfu, the desktop app. Everything else is in libbangfu-app. */
#include "bf-config.h"

#include "bf-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(BfApplication) application = NULL;

  /* BANGFU_LOCALEDIR: run from the build tree (./run.sh) with the catalogue built there. */
  const char *localedir = g_getenv ("BANGFU_LOCALEDIR");

  bf_application_setup_i18n (localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  application = bf_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
