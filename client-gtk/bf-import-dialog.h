/* bf-import-dialog.h: 导入帮扶户 — pick a CSV register (GtkFileChooserNative), read the dry
 * run (bf_import_load + bf_import_preview, in a store job): every bad row with its reason, what
 * would be added and updated; then import, or — after an explicit confirmation — import only
 * the good rows. Nothing is written before that; a failed import writes nothing. */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"

G_BEGIN_DECLS

#define BF_TYPE_IMPORT_DIALOG (bf_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BfImportDialog, bf_import_dialog, BF, IMPORT_DIALOG, AdwWindow)

GtkWidget *bf_import_dialog_new (GtkWindow *parent, BfAppDatabase *database);

/* Reads and checks @path (what choosing a file does). */
void       bf_import_dialog_load_file (BfImportDialog *self, const char *path);

/* Imports what was read: the whole file, or with @take_good_rows only the good rows (what the
 * confirmation's Import does). */
void       bf_import_dialog_import (BfImportDialog *self, gboolean take_good_rows);

gboolean   bf_import_dialog_get_busy (BfImportDialog *self);

/* The bad rows listed (tests). */
guint      bf_import_dialog_get_n_problems (BfImportDialog *self);

G_END_DECLS
