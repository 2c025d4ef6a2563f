/* bf-income-editor.h: a household's per-capita disposable income for a year.
 *
 * One record per household and year (bf_household_income_id): entering a year that already
 * has a figure updates it. ::saved carries the record's id.
 */
#pragma once

#include "bf-editor-window.h"

G_BEGIN_DECLS

#define BF_TYPE_INCOME_EDITOR (bf_income_editor_get_type ())
G_DECLARE_FINAL_TYPE (BfIncomeEditor, bf_income_editor, BF, INCOME_EDITOR, BfEditorWindow)

/* @year: the year to open on, or 0 for the current one. */
BfIncomeEditor *bf_income_editor_new (BfAppDatabase *database, const char *household_id,
                                      int year);

G_END_DECLS
