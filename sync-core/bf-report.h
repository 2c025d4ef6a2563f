/* bf-report.h: the assessment's reports as tables, and their writers (CSV, JSON, XLSX).
 *
 * A report is a list of typed columns and rows of cells. The same table feeds the app's list,
 * the three export formats and the printed village table, so none of them can disagree.
 * Column headers of exports are Chinese whatever the locale (see docs/ARCHITECTURE.md,
 * "Reports and exports"): each column carries its Chinese header as data, next to an English
 * label that goes through gettext for the app.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bf-assessment.h"

G_BEGIN_DECLS

#define BF_REPORT_ERROR (bf_report_error_quark ())

typedef enum {
  BF_REPORT_ERROR_NOT_FOUND,   /* no such household or village */
  BF_REPORT_ERROR_WRITE,       /* the file cannot be written */
} BfReportError;

GQuark bf_report_error_quark (void);

typedef enum {
  BF_REPORT_TEXT,
  BF_REPORT_INT,
  BF_REPORT_MONEY,     /* fen */
  BF_REPORT_PERCENT,   /* hundredths of a percent: 3125 is 31.25 % */
  BF_REPORT_DECIMAL,   /* hundredths: 425 is 4.25 */
  BF_REPORT_BOOL,      /* 是 / 否 */
  BF_REPORT_DATE,      /* ISO text, printed 2017年3月5日 */
} BfReportType;

typedef struct {
  const char  *key;      /* the JSON member; money keys end in _fen */
  const char  *label;    /* English, context "report column": the app's title, through gettext */
  const char  *header;   /* the Chinese header of exports and print */
  BfReportType type;
  double       width;    /* in characters: XLSX column width, and the column's share in print */
} BfReportColumn;

typedef struct {
  gboolean empty;        /* no value (an income not recorded, a rule that does not apply) */
  char    *text;         /* TEXT and DATE */
  gint64   value;        /* every other type */
} BfReportCell;

typedef enum {
  BF_REPORT_ASSESSMENT,  /* one row per town, and the district */
  BF_REPORT_HOUSEHOLDS,
  BF_REPORT_VILLAGES,
  BF_REPORT_CADRES,
  BF_REPORT_VILLAGE_TABLE, /* 村有表: one village's households, for print */
  BF_REPORT_CARD_FIELDS,   /* the household card's particulars and tables */
  BF_REPORT_CARD_MEMBERS,
  BF_REPORT_CARD_PAIRINGS,
  BF_REPORT_CARD_VISITS,
  BF_REPORT_CARD_PAYMENTS,
} BfReportKind;

typedef struct {
  BfReportKind          kind;
  char                 *title;      /* Chinese, with the district and year */
  int                   year;
  const BfReportColumn *columns;
  guint                 n_columns;
  GPtrArray            *rows;       /* BfReportCell[n_columns] */
} BfReport;

/* "assessment", "households", "villages", "cadres" → the kind; FALSE for any other name. */
gboolean  bf_report_kind_from_name (const char *name, BfReportKind *out_kind);
const char *bf_report_kind_name    (BfReportKind kind);

/* One of the four district reports from an assessment. */
BfReport *bf_report_new            (const BfAssessment *assessment, const char *district,
                                    BfReportKind kind);
/* 村有表: the households of @village_id (BF_REPORT_ERROR_NOT_FOUND when it has none and does
 * not exist in the assessment). */
BfReport *bf_report_new_village_table (const BfAssessment *assessment, const char *village_id,
                                       GError **error);
void      bf_report_free           (BfReport *report);

/* The app's column title: the English label through gettext. */
const char *bf_report_column_label (const BfReportColumn *column);

const BfReportCell *bf_report_cell (const BfReport *report, guint row, guint column);
/* A cell as people read it: ¥1,234.50, 31.25%, 2017年3月5日, 是/否; "" when empty. */
char     *bf_report_cell_display   (const BfReport *report, guint row, guint column);

/* Chinese names of the records' enum codes, as on the paper forms. */
const char *bf_report_category_zh (BfCategory category);
const char *bf_report_labour_zh   (BfLabour labour);
const char *bf_report_status_zh   (BfHouseholdStatus status);
const char *bf_report_source_zh   (BfPaymentSource source);
const char *bf_report_relation_zh (BfRelation relation);
const char *bf_report_sex_zh      (BfSex sex);

/* Writers (bf-report-write.c, bf-report-xlsx.c). CSV is UTF-8 with a byte-order mark, money in
 * yuan with two decimals; JSON has the columns with their headers and one object per row, money
 * in fen; XLSX needs a file name (libxlsxwriter writes a file). */
gboolean  bf_report_write_csv      (const BfReport *report, GOutputStream *out, GError **error);
JsonNode *bf_report_to_json        (const BfReport *report);
gboolean  bf_report_write_json     (const BfReport *report, GOutputStream *out, GError **error);
gboolean  bf_report_write_xlsx     (const BfReport *report, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfReport, bf_report_free)

G_END_DECLS
