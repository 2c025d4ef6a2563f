/* bf-window-private.h: the window's parts, shared by bf-window.c (layout and state) and
 * bf-window-actions.c (what the menus, buttons and shortcuts do). */
#pragma once

#include "bf-filter-popover.h"
#include "bf-household-index-keeper.h"
#include "bf-window.h"

struct _BfWindow {
  AdwApplicationWindow    parent_instance;

  /* template */
  AdwToastOverlay        *toast_overlay;
  GtkStack               *top_stack;
  AdwStatusPage          *error_page;
  BfFirstRun             *first_run;
  AdwViewStack           *view_stack;
  AdwViewStackPage       *conflicts_page;
  AdwViewStackPage       *stats_page;
  GtkBox                 *conflicts_box;
  GtkBox                 *stats_box;
  AdwViewSwitcherTitle   *switcher_title;
  AdwViewSwitcherBar     *switcher_bar;
  AdwLeaflet             *leaflet;
  GtkWidget              *list_pane;
  GtkWidget              *page_pane;
  AdwHeaderBar           *list_header;
  AdwHeaderBar           *page_header;
  BfSyncStatus           *sync_status;
  GtkMenuButton          *filter_button;
  BfFilterPopover        *filter_popover;
  BfHouseholdList        *household_list;
  AdwWindowTitle         *page_title;
  GtkWidget              *back_button;
  GtkWidget              *new_visit_button;
  BfHouseholdPage        *household_page;
  GtkWidget              *worklist;

  GSettings              *settings;
  BfAppDatabase          *database;
  BfSyncController       *controller;
  BfHouseholdIndexKeeper *keeper;
  int                     year;
};

/* The district desk's pages (冲突, 统计) and dialogs, once the store is open
 * (bf-window-desk.c); the district role enables them. */
void bf_window_add_desk          (BfWindow *self);
void bf_window_update_desk_role  (BfWindow *self, gboolean district);
/* Shows a household from another view (the worklist, the dashboard). */
void bf_window_show_household_from_view (BfWindow *self, const char *id);

/* The win.* actions (their shortcuts are the application's). */
void bf_window_add_actions    (BfWindow *self);
/* Enables the actions that need a household when one is shown. */
void bf_window_update_actions        (BfWindow *self);
