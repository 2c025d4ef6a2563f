/* bf-report-private.h: building report tables (bf-report*.c). */
#pragma once

#include "bf-report.h"

G_BEGIN_DECLS

/* Texts of cells live in the report's chunk, freed with it. */
struct _BfReportRowBuilder {
  BfReport     *report;
  BfReportCell *cells;
  guint         next;
};
typedef struct _BfReportRowBuilder BfReportRowBuilder;

BfReport *bf_report_alloc (BfReportKind kind, const BfReportColumn *columns, guint n_columns,
                           int year, char *title);
void bf_report_row_begin   (BfReportRowBuilder *b, BfReport *report);
void bf_report_row_text    (BfReportRowBuilder *b, const char *text);   /* NULL: empty */
void bf_report_row_value   (BfReportRowBuilder *b, gint64 value);
void bf_report_row_empty   (BfReportRowBuilder *b);
/* A value when @applies, else an empty cell. */
void bf_report_row_value_if (BfReportRowBuilder *b, gboolean applies, gint64 value);
void bf_report_row_end     (BfReportRowBuilder *b);

/* @part of @whole in hundredths of a percent, rounded; 0 when @whole is 0. */
gint64 bf_report_share (gint64 part, gint64 whole);

G_END_DECLS
