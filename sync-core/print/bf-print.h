/* bf-print.h: 户有卡、村有表 — the household card and the village table as A4 PDF. */
#pragma once

#include "bf-report-card.h"

G_BEGIN_DECLS

/* Writes @card to @path (portrait A4). @out_pages (may be NULL) receives the page count.
 * Errors are BF_REPORT_ERROR_WRITE with the reason. */
gboolean bf_print_household_card (const BfHouseholdCard *card, const char *path, int *out_pages,
                                  GError **error);

/* Writes a village table (bf_report_new_village_table) to @path as landscape A4, one row per
 * household, the header repeated on every page. */
gboolean bf_print_village_table (const BfReport *table, const char *path, int *out_pages,
                                 GError **error);

G_END_DECLS
