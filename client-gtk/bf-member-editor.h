/* bf-member-editor.h: add or edit a household member.
 *
 * Name, relation to the head, resident ID number (GB 11643, with warnings when the sex or
 * birth date contradicts it, and when another member on this device has the same number),
 * sex, birth date, and the insurance and allowance flags. ::saved carries the member's id.
 */
#pragma once

#include "bf-editor-window.h"

G_BEGIN_DECLS

#define BF_TYPE_MEMBER_EDITOR (bf_member_editor_get_type ())
G_DECLARE_FINAL_TYPE (BfMemberEditor, bf_member_editor, BF, MEMBER_EDITOR, BfEditorWindow)

/* @member_id: the member to edit, or NULL to add one to @household_id. */
BfMemberEditor *bf_member_editor_new (BfAppDatabase *database, const char *household_id,
                                      const char *member_id);

G_END_DECLS
