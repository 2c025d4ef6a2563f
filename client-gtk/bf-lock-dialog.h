/* bf-lock-dialog.h: 年度锁定 — the locked years, locking a year after a confirmation (a store
 * job: bf_year_lock_create), and the corrections made after the chosen year's lock. Only
 * district staff lock; the engine refuses others and the dialog shows its message. */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"

G_BEGIN_DECLS

#define BF_TYPE_LOCK_DIALOG (bf_lock_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BfLockDialog, bf_lock_dialog, BF, LOCK_DIALOG, AdwWindow)

GtkWidget *bf_lock_dialog_new (GtkWindow *parent, BfAppDatabase *database, int year);

/* Locks the chosen year (what the confirmation's Lock does). */
void       bf_lock_dialog_lock (BfLockDialog *self);

gboolean   bf_lock_dialog_get_busy (BfLockDialog *self);
/* Whether the chosen year is locked, and its corrections shown. */
gboolean   bf_lock_dialog_get_locked (BfLockDialog *self);
guint      bf_lock_dialog_get_n_corrections (BfLockDialog *self);

G_END_DECLS
