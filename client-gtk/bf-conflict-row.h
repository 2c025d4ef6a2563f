/* bf-conflict-row.h: one open conflict in the 冲突 list — the record and field in the
 * reviewer's words, the value kept and the other value, each with who, when and which device,
 * and a check box to select it for resolving with others. */
#pragma once

#include <gtk/gtk.h>

#include "bf-conflicts.h"

G_BEGIN_DECLS

#define BF_TYPE_CONFLICT_ROW (bf_conflict_row_get_type ())
G_DECLARE_FINAL_TYPE (BfConflictRow, bf_conflict_row, BF, CONFLICT_ROW, GtkListBoxRow)

GtkWidget  *bf_conflict_row_new (const BfConflictItem *item);

const char *bf_conflict_row_get_conflict_id (BfConflictRow *self);
/* "household:head_name": rows with the same key can take one merged value. */
const char *bf_conflict_row_get_field_key   (BfConflictRow *self);
/* The record's household, or NULL. */
const char *bf_conflict_row_get_household_id (BfConflictRow *self);

gboolean    bf_conflict_row_get_selected (BfConflictRow *self);
void        bf_conflict_row_set_selected (BfConflictRow *self, gboolean selected);

/* A stored field value as people read it: ¥1,234.50, 2017年3月5日, 困难户, 是/否, (空). */
char       *bf_conflict_value_display (const BfFieldDef *field, const char *value);

G_END_DECLS
