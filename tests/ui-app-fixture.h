/* ui-app-fixture.h: helpers for the app's UI tests — a demo ledger in a temporary folder, the
 * real application registered (its style sheet, shortcuts and settings), windows opened on a
 * ledger, the main loop run until a condition holds (never a sleep), and PNGs of widgets. */
#pragma once

#include "bf-application.h"
#include "bf-store.h"
#include "bf-window.h"

G_BEGIN_DECLS

typedef gboolean (*BfUiCondition) (gpointer data);

/* gettext on the build's po/ ($BANGFU_LOCALEDIR), GTK, libadwaita, GTest, the application. */
void           bf_ui_init (int *argc, char ***argv);
BfApplication *bf_ui_get_app (void);

/* A temporary folder for this test program, removed by bf_ui_cleanup(). */
const char    *bf_ui_tmpdir (void);
void           bf_ui_cleanup (void);

/* The demo district for @year (sync-core's demo API) in @dir/@name; built once per path. */
char          *bf_ui_demo_store (const char *name, int year);
/* A copy of @path under @name, for a test that changes it. */
char          *bf_ui_copy_store (const char *path, const char *name);

/* Opens a window of @width × @height on @path and waits until it shows the households (or
 * the first-run or error page) and, for households, the list has been read. */
BfWindow      *bf_ui_open (const char *path, int width, int height);
/* Closes @window and waits for its store thread to finish. */
void           bf_ui_close (BfWindow *window);

/* Runs the main loop until @condition holds; FALSE after @timeout_ms. */
gboolean       bf_ui_wait (BfUiCondition condition, gpointer data, guint timeout_ms);
/* Runs the main loop until nothing is pending (layout, drawing). */
void           bf_ui_settle (void);

/* The first descendant of @root (itself included) with widget name @name, or NULL. */
GtkWidget     *bf_ui_find_named (GtkWidget *root, const char *name);
/* The first descendant of @root of @type, or NULL. */
GtkWidget     *bf_ui_find_type  (GtkWidget *root, GType type);
/* Every label's text under @root, joined with newlines (what the user reads). */
char          *bf_ui_collect_text (GtkWidget *root);

/* Renders @widget (a window, a popover) as it shows and writes a PNG to @path. */
void           bf_ui_save_png (GtkWidget *widget, const char *path);

/* Opens the store read-only-ish in the test thread (SQLite lets two connections share it). */
BfStore       *bf_ui_open_store (const char *path);

G_END_DECLS
