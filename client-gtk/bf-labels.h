/* bf-labels.h: the words the app shows for the ledger's codes — categories, statuses, kinds
 * of help — translated. sync-core keeps English codes; these are the cadre's terms. */
#pragma once

#include <glib.h>

#include "bf-entities.h"

G_BEGIN_DECLS

const char *bf_label_category   (BfCategory category);
const char *bf_label_labour     (BfLabour labour);
const char *bf_label_status     (BfHouseholdStatus status);
const char *bf_label_relation   (BfRelation relation);
const char *bf_label_sex        (BfSex sex);
const char *bf_label_source     (BfPaymentSource source);
const char *bf_label_entity     (BfEntityKind kind);

/* The kinds of help in @kinds (BfHelpKind flags), joined with "、". */
char       *bf_label_help_kinds (guint kinds);

/* NULL-terminated arrays of every value's label, in enum order, for drop-downs. */
const char * const *bf_labels_categories (void);
const char * const *bf_labels_labours    (void);
const char * const *bf_labels_statuses   (void);

G_END_DECLS
