/* bf-editor-window.h: the frame every editing dialog shares.
 *
 * A modal AdwWindow with Cancel and Save in its header bar, a place for a store error above
 * the fields, and a labelled field helper that shows the field's own error beneath it. Save
 * (Ctrl+S) is enabled only while the subclass says the input is valid; Escape cancels. The
 * subclass reads what it needs and writes through store jobs (bf_editor_window_run); on
 * success it calls bf_editor_window_saved(), which emits ::saved, tells the database which
 * household changed, and closes. A failed write leaves the dialog open with the input.
 */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"

G_BEGIN_DECLS

#define BF_TYPE_EDITOR_WINDOW (bf_editor_window_get_type ())
G_DECLARE_DERIVABLE_TYPE (BfEditorWindow, bf_editor_window, BF, EDITOR_WINDOW, AdwWindow)

struct _BfEditorWindowClass {
  AdwWindowClass parent_class;

  /* Checks the input, showing each field's error; TRUE when it may be saved. */
  gboolean (*validate) (BfEditorWindow *self);
  /* Starts the write (the input is valid and no write is running). */
  void     (*save)     (BfEditorWindow *self);
};

BfAppDatabase *bf_editor_window_get_database (BfEditorWindow *self);

/* The box the subclass adds its fields to. */
GtkBox    *bf_editor_window_get_form (BfEditorWindow *self);

/* Adds @label (with a mnemonic) above @field in the form and returns the field's error label
 * (hidden while empty). @input (NULL: @field itself) is the widget inside @field that the
 * label focuses and names. */
GtkLabel  *bf_editor_window_add_field (BfEditorWindow *self, const char *label,
                                       GtkWidget *field, GtkWidget *input);

/* Shows @message (NULL or "" hides it) in an error label from add_field. */
void       bf_editor_window_set_field_error (GtkLabel *error_label, const char *message);

/* Runs validate again and enables or disables Save. Call it when any input changes. */
gboolean   bf_editor_window_revalidate (BfEditorWindow *self);

/* The line under the dialog's title (the household, the member); NULL for none. */
void       bf_editor_window_set_subtitle (BfEditorWindow *self, const char *subtitle);

/* Renames the Save button (a mnemonic label); @destructive styles it as such. */
void       bf_editor_window_set_save_label (BfEditorWindow *self, const char *label,
                                            gboolean destructive);

/* Marks the dialog ready (its data loaded) or not; Save stays off until it is. */
void       bf_editor_window_set_ready (BfEditorWindow *self, gboolean ready);
gboolean   bf_editor_window_get_ready (BfEditorWindow *self);

/* Whether a write is running. */
gboolean   bf_editor_window_get_busy (BfEditorWindow *self);

/* Queues @job on the store thread; @callback gets @self (kept alive until then) and @data
 * (alive until the callback returns). Sets the busy state when @is_write. */
void       bf_editor_window_run (BfEditorWindow *self, gboolean is_write, BfDatabaseJob job,
                                 gpointer data, GDestroyNotify data_free,
                                 GAsyncReadyCallback callback);

/* Takes a job's result (clearing the busy state of a write). On error, shows it in the
 * dialog and returns NULL; @error (may be NULL) receives a copy. */
gpointer   bf_editor_window_run_finish (BfEditorWindow *self, GAsyncResult *result,
                                        GError **error);

/* Shows a store error (or a load failure) above the form; NULL hides it. */
void       bf_editor_window_show_error (BfEditorWindow *self, const char *message);

/* The write succeeded: emits ::saved with @record_id, notifies @household_id (may be NULL)
 * and closes the dialog. */
void       bf_editor_window_saved (BfEditorWindow *self, const char *record_id,
                                   const char *household_id);

G_END_DECLS
