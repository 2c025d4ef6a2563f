/* ui-editors-fixture.h: a demo district behind a BfAppDatabase, direct SQL on the same file,
 * and the helpers the editor tests drive the UI with (no sleeps: the main context is
 * iterated until a condition holds, with a timeout). */
#pragma once

#include <adwaita.h>
#include <sqlite3.h>

#include "bf-app-database.h"
#include "bf-editor-window.h"

G_BEGIN_DECLS

typedef struct {
  char          *dir;
  char          *path;
  BfAppDatabase *database;
  sqlite3       *db;          /* read-only peek at what the store wrote */
  char          *cadre_id;    /* the cadre with the most current pairings */
  GPtrArray     *changed;     /* household ids from ::households-changed */
} UiFixture;

extern UiFixture fx;

/* Builds the demo (year 2016) into a temporary store and opens it; "today" is pinned to
 * 2016-12-20 on the store thread. */
void        ui_fixture_setup    (void);
void        ui_fixture_teardown (void);

/* Runs @job on the store thread and waits for it. */
gpointer    ui_run_job (BfDatabaseJob job, gpointer data);
/* Sets (NULL: clears) a meta value on the store thread. */
void        ui_set_meta (const char *key, const char *value);

/* Iterates the main context until @condition holds; fails the test after 20 s. */
void        ui_wait (gboolean (*condition) (gpointer data), gpointer data, const char *what);
/* Iterates until the dialog has its data. */
void        ui_wait_ready (BfEditorWindow *editor);

/* The descendant of @root named @name (gtk_widget_set_name), or NULL. */
GtkWidget  *ui_find (GtkWidget *root, const char *name);
GtkWidget  *ui_find_error_of (GtkWidget *field);   /* the error label add_field gave it */

/* Presses a key the way the window's shortcut controllers would: finds the shortcut for
 * @keyval with @modifiers and activates its action. Asserts there is one; returns whether
 * it acted (FALSE when its action was disabled). */
gboolean    ui_press_key (GtkWidget *window, guint keyval, GdkModifierType modifiers);

/* Presses Ctrl+S the way the shortcut controller would: finds the window's Ctrl+S shortcut
 * and activates its action. Asserts the shortcut exists; FALSE when the action was disabled
 * and nothing happened. */
gboolean    ui_press_ctrl_s (GtkWidget *window);

/* Runs the editor's save: waits for ::saved (returning the record id) or, when @expect_error,
 * for the write to come back with an error shown (returning NULL). */
char       *ui_save_and_wait (BfEditorWindow *editor, gboolean expect_error);

/* SQL helpers: the first column of the first row as text (NULL if none) or an integer. */
char       *ui_sql_text (const char *sql, ...) G_GNUC_NULL_TERMINATED;
gint64      ui_sql_int  (const char *sql, ...) G_GNUC_NULL_TERMINATED;
/* Every row's first column. */
GPtrArray  *ui_sql_column (const char *sql, ...) G_GNUC_NULL_TERMINATED;

/* Whether @text holds a CJK ideograph: a message really translated to Chinese. */
gboolean    ui_is_chinese (const char *text);

/* Writes @window's content at @width × @height into the build dir as @name.png. */
void        ui_screenshot (GtkWidget *window, int width, int height, const char *name);

G_END_DECLS
