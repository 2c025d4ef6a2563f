/* bf-visit-editor.h: 新增走访 — a new visit to a household.
 *
 * Date (today), cadre (the current user's; a district clerk picks one of the household's
 * paired cadres), kinds of help, description, money in yuan. Keyboard-only: focus starts in
 * the date, Ctrl+S saves, Escape cancels. ::saved carries the new visit's id.
 */
#pragma once

#include "bf-editor-window.h"

G_BEGIN_DECLS

#define BF_TYPE_VISIT_EDITOR (bf_visit_editor_get_type ())
G_DECLARE_FINAL_TYPE (BfVisitEditor, bf_visit_editor, BF, VISIT_EDITOR, BfEditorWindow)

BfVisitEditor *bf_visit_editor_new (BfAppDatabase *database, const char *household_id);

G_END_DECLS
