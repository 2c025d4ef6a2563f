/* bf-void-dialog.h: void a visit or a payment, with the reason.
 *
 * Corrections void rather than erase: bf_store_void adds an entry that cancels the record,
 * which stays. The reason is required. ::saved carries the voiding entry's id.
 */
#pragma once

#include "bf-editor-window.h"

G_BEGIN_DECLS

#define BF_TYPE_VOID_DIALOG (bf_void_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BfVoidDialog, bf_void_dialog, BF, VOID_DIALOG, BfEditorWindow)

/* @kind: BF_ENTITY_VISIT or BF_ENTITY_PAYMENT. */
BfVoidDialog *bf_void_dialog_new (BfAppDatabase *database, BfEntityKind kind,
                                  const char *record_id);

G_END_DECLS
