/* bf-export-dialog.h: 导出与打印 — a report (assessment by town, households, villages, cadres)
 * for a year as XLSX, CSV or JSON, and a village's table or a household's card as A4 PDF. The
 * file is chosen with a GtkFileChooserNative (GTK 4.8 has no GtkFileDialog); the figures are
 * computed and written in a store job. A failure is shown in the dialog, which stays open; a
 * file is never left half written. */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"

G_BEGIN_DECLS

#define BF_TYPE_EXPORT_DIALOG (bf_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BfExportDialog, bf_export_dialog, BF, EXPORT_DIALOG, AdwWindow)

typedef enum {
  BF_EXPORT_REPORT,          /* the chosen report, year and format */
  BF_EXPORT_VILLAGE_TABLE,   /* the chosen village's 村有表 */
  BF_EXPORT_CARD,            /* the household's 贫困户登记卡 */
} BfExportWhat;

/* @household_id (may be NULL) offers its card for print. */
GtkWidget *bf_export_dialog_new (GtkWindow *parent, BfAppDatabase *database, int year,
                                 const char *household_id);

/* Writes @what to @path (what the file chooser does once a file is chosen). */
void       bf_export_dialog_write (BfExportDialog *self, BfExportWhat what, const char *path);

/* Whether the village list is loading or a file is being written. */
gboolean   bf_export_dialog_get_busy (BfExportDialog *self);

G_END_DECLS
