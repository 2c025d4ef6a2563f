/* bf-window.h: the main window — first run, or the household list and page side by side
 * (folding to one at phone width), the sync status in the header, and for district staff
 * the places for conflicts and statistics. */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"
#include "bf-first-run.h"
#include "bf-household-list.h"
#include "bf-household-page.h"
#include "bf-sync-controller.h"
#include "bf-sync-status.h"

G_BEGIN_DECLS

#define BF_TYPE_WINDOW (bf_window_get_type ())
G_DECLARE_FINAL_TYPE (BfWindow, bf_window, BF, WINDOW, AdwApplicationWindow)

/* @settings: org.bangfu.Bangfu (window size, server address, last user). */
BfWindow *bf_window_new  (GtkApplication *application, GSettings *settings);

/* Opens the ledger at @path on the store's thread; shows the first-run page for an empty
 * store with no server, else the households. ::opened is emitted when either shows (or the
 * error page, when the file cannot be used). */
void      bf_window_open (BfWindow *self, const char *path);

/* "opening", "error", "first-run" or "main". */
const char       *bf_window_get_view            (BfWindow *self);
BfAppDatabase    *bf_window_get_database        (BfWindow *self);
BfSyncController *bf_window_get_sync_controller (BfWindow *self);
BfHouseholdList  *bf_window_get_household_list  (BfWindow *self);
BfHouseholdPage  *bf_window_get_household_page  (BfWindow *self);
BfSyncStatus     *bf_window_get_sync_status     (BfWindow *self);
BfFirstRun       *bf_window_get_first_run       (BfWindow *self);
AdwLeaflet       *bf_window_get_leaflet         (BfWindow *self);
GtkPopover       *bf_window_get_filter_popover  (BfWindow *self);
AdwViewStack     *bf_window_get_view_stack      (BfWindow *self);

/* Shows household @id (the page; at phone width, instead of the list). */
void bf_window_show_household (BfWindow *self, const char *id);

/* A short message at the bottom of the window. */
void bf_window_toast (BfWindow *self, const char *message);

G_END_DECLS
