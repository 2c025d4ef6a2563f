/* bf-sync-status.h: the header's sync status — 离线 / 正在同步 / 已同步 14:05 — with the
 * unsent count; its popover says what went wrong in plain words, has 立即同步 (win.sync-now)
 * and lists the changes the server refused, to fix and resend. */
#pragma once

#include <gtk/gtk.h>

#include "bf-sync-controller.h"

G_BEGIN_DECLS

#define BF_TYPE_SYNC_STATUS (bf_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (BfSyncStatus, bf_sync_status, BF, SYNC_STATUS, GtkWidget)

GtkWidget *bf_sync_status_new (void);

void bf_sync_status_set_controller (BfSyncStatus *self, BfSyncController *controller);
/* At narrow widths only the icon and the badge show. */
void bf_sync_status_set_compact    (BfSyncStatus *self, gboolean compact);

/* The popover, its list of refused changes, and the header's text (tests, screenshots). */
GtkPopover *bf_sync_status_get_popover      (BfSyncStatus *self);
GtkListBox *bf_sync_status_get_refused_list (BfSyncStatus *self);
const char *bf_sync_status_get_text         (BfSyncStatus *self);

/* Reads the refused changes again (after a sync or a resend). */
void bf_sync_status_reload_refused (BfSyncStatus *self);

G_END_DECLS
