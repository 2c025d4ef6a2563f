/* bf-first-run.h: the page a new device opens on — connect to the district server (address,
 * user, password; then the first sync with its real progress) or keep data on this device
 * only. Emits ::done (local_only) when the main window may show. */
#pragma once

#include <gtk/gtk.h>

#include "bf-sync-controller.h"

G_BEGIN_DECLS

#define BF_TYPE_FIRST_RUN (bf_first_run_get_type ())
G_DECLARE_FINAL_TYPE (BfFirstRun, bf_first_run, BF, FIRST_RUN, GtkWidget)

GtkWidget *bf_first_run_new (void);

void bf_first_run_set_controller (BfFirstRun *self, BfSyncController *controller);
/* Fills the address and user name (from the settings). */
void bf_first_run_set_defaults   (BfFirstRun *self, const char *url, const char *user);
/* Shows @message as the page's error (screenshots and tests use it too). */
void bf_first_run_show_error     (BfFirstRun *self, const char *message);

G_END_DECLS
