/* bf-refused-row.h: one change the district server refused — what it tried to set, the
 * server's reason, a button to open the household and fix it, and one to send it again. */
#pragma once

#include <gtk/gtk.h>

#include "bf-sync-refused.h"

G_BEGIN_DECLS

#define BF_TYPE_REFUSED_ROW (bf_refused_row_get_type ())
G_DECLARE_FINAL_TYPE (BfRefusedRow, bf_refused_row, BF, REFUSED_ROW, GtkListBoxRow)

/* Copies what it shows from @refused. ::resend (seq) is emitted by the resend button; the
 * open button activates win.show-household with the household's id. */
GtkWidget *bf_refused_row_new (const BfRefusedChange *refused);

gint64      bf_refused_row_get_seq    (BfRefusedRow *self);
const char *bf_refused_row_get_reason (BfRefusedRow *self);

G_END_DECLS
