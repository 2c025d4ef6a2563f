/* bf-payment-editor.h: a payment to a household (资金台账).
 *
 * Date, source of funds, purpose, amount in yuan, and the giver — a cadre or a unit — when
 * the source names one. ::saved carries the new payment's id.
 */
#pragma once

#include "bf-editor-window.h"

G_BEGIN_DECLS

#define BF_TYPE_PAYMENT_EDITOR (bf_payment_editor_get_type ())
G_DECLARE_FINAL_TYPE (BfPaymentEditor, bf_payment_editor, BF, PAYMENT_EDITOR, BfEditorWindow)

BfPaymentEditor *bf_payment_editor_new (BfAppDatabase *database, const char *household_id);

G_END_DECLS
