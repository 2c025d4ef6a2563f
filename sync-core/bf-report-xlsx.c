/* bf-report-xlsx.c: reports as Excel workbooks (libxlsxwriter). */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-report-private.h"

#include <xlsxwriter.h>

/* Sheet names: Excel allows 31 characters and none of []:*?/\ . */
static const char *
sheet_name (BfReportKind kind)
{
  switch (kind)
    {
    case BF_REPORT_ASSESSMENT: return "考核";
    case BF_REPORT_HOUSEHOLDS: return "贫困户";
    case BF_REPORT_VILLAGES: return "村（居）";
    case BF_REPORT_CADRES: return "帮扶干部";
    case BF_REPORT_VILLAGE_TABLE: return "村有表";
    default: return "表";
    }
}

typedef struct {
  lxw_format *header;
  lxw_format *money;
  lxw_format *percent;
  lxw_format *decimal;
  lxw_format *integer;
} Formats;

static void
make_formats (lxw_workbook *workbook, Formats *f)
{
  f->header = workbook_add_format (workbook);
  format_set_bold (f->header);
  format_set_text_wrap (f->header);
  format_set_align (f->header, LXW_ALIGN_CENTER);
  format_set_align (f->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color (f->header, 0xDDEBF7);
  format_set_border (f->header, LXW_BORDER_THIN);
  /* Money stays a number, so sums and filters work; the format shows ¥1,234.50. */
  f->money = workbook_add_format (workbook);
  format_set_num_format (f->money, "¥#,##0.00");
  f->percent = workbook_add_format (workbook);
  format_set_num_format (f->percent, "0.00%");
  f->decimal = workbook_add_format (workbook);
  format_set_num_format (f->decimal, "0.00");
  f->integer = workbook_add_format (workbook);
  format_set_num_format (f->integer, "0");
}

static void
write_cell (lxw_worksheet *sheet, const Formats *f, const BfReport *report, guint row, guint column)
{
  const BfReportCell *cell = bf_report_cell (report, row, column);
  lxw_row_t r = (lxw_row_t) row + 1;
  lxw_col_t c = (lxw_col_t) column;

  if (cell->empty)
    return;
  switch (report->columns[column].type)
    {
    case BF_REPORT_TEXT:
      worksheet_write_string (sheet, r, c, cell->text, NULL);
      break;
    case BF_REPORT_INT:
      worksheet_write_number (sheet, r, c, (double) cell->value, f->integer);
      break;
    case BF_REPORT_MONEY:
      worksheet_write_number (sheet, r, c, cell->value / 100.0, f->money);
      break;
    case BF_REPORT_PERCENT:
      worksheet_write_number (sheet, r, c, cell->value / 10000.0, f->percent);
      break;
    case BF_REPORT_DECIMAL:
      worksheet_write_number (sheet, r, c, cell->value / 100.0, f->decimal);
      break;
    case BF_REPORT_BOOL:
    case BF_REPORT_DATE:
      {
        g_autofree char *text = bf_report_cell_display (report, row, column);
        worksheet_write_string (sheet, r, c, text, NULL);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
bf_report_write_xlsx (const BfReport *report, const char *path, GError **error)
{
  /* Constant-memory mode streams rows to a temporary file instead of holding every cell, and
   * writes strings inline: a district's households take one pass and little memory. */
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_doc_properties properties = { .title = report->title };
  lxw_worksheet *sheet;
  lxw_error rc;
  Formats f;

  if (workbook == NULL)
    {
      g_set_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_WRITE,
                   _("Cannot write the workbook “%s”"), path);
      return FALSE;
    }
  workbook_set_properties (workbook, &properties);
  make_formats (workbook, &f);
  sheet = workbook_add_worksheet (workbook, sheet_name (report->kind));
  /* Constant-memory mode needs the layout before the first row. */
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_set_row (sheet, 0, 30, NULL);
  for (guint c = 0; c < report->n_columns; c++)
    worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, report->columns[c].width, NULL);
  for (guint c = 0; c < report->n_columns; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) c, report->columns[c].header, f.header);
  for (guint r = 0; r < report->rows->len; r++)
    for (guint c = 0; c < report->n_columns; c++)
      write_cell (sheet, &f, report, r, c);
  if (report->rows->len > 0)
    worksheet_autofilter (sheet, 0, 0, (lxw_row_t) report->rows->len,
                          (lxw_col_t) (report->n_columns - 1));
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_WRITE,
                   _("Cannot write the workbook “%s”: %s"), path, lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}
