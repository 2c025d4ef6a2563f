/* bf-report.c: report tables — cells, their display, and the forms' Chinese names. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-report-private.h"

#include "bf-format.h"

G_DEFINE_QUARK (bf-report-error-quark, bf_report_error)

/* The report and its text chunk are allocated together. */
typedef struct {
  BfReport      public;
  GStringChunk *texts;
} BfReportReal;

static const char * const kind_names[] = {
  "assessment", "households", "villages", "cadres",
  "village-table", "card-fields", "card-members", "card-pairings", "card-visits", "card-payments",
};

gboolean
bf_report_kind_from_name (const char *name, BfReportKind *out_kind)
{
  /* Only the four district reports are chosen by name. */
  for (guint i = BF_REPORT_ASSESSMENT; i <= BF_REPORT_CADRES; i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *out_kind = (BfReportKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
bf_report_kind_name (BfReportKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

BfReport *
bf_report_alloc (BfReportKind kind, const BfReportColumn *columns, guint n_columns, int year,
                 char *title)
{
  BfReportReal *real = g_new0 (BfReportReal, 1);

  real->public.kind = kind;
  real->public.columns = columns;
  real->public.n_columns = n_columns;
  real->public.year = year;
  real->public.title = title;
  real->public.rows = g_ptr_array_new_with_free_func (g_free);
  real->texts = g_string_chunk_new (4096);
  return &real->public;
}

void
bf_report_free (BfReport *report)
{
  BfReportReal *real = (BfReportReal *) report;

  if (report == NULL)
    return;
  g_free (report->title);
  g_ptr_array_unref (report->rows);
  g_string_chunk_free (real->texts);
  g_free (real);
}

void
bf_report_row_begin (BfReportRowBuilder *b, BfReport *report)
{
  b->report = report;
  b->cells = g_new0 (BfReportCell, report->n_columns);
  b->next = 0;
}

static BfReportCell *
next_cell (BfReportRowBuilder *b)
{
  g_assert (b->next < b->report->n_columns);
  return &b->cells[b->next++];
}

void
bf_report_row_text (BfReportRowBuilder *b, const char *text)
{
  BfReportCell *cell = next_cell (b);

  cell->empty = text == NULL;
  if (text != NULL)
    cell->text = g_string_chunk_insert_const (((BfReportReal *) b->report)->texts, text);
}

void
bf_report_row_value (BfReportRowBuilder *b, gint64 value)
{
  next_cell (b)->value = value;
}

void
bf_report_row_empty (BfReportRowBuilder *b)
{
  next_cell (b)->empty = TRUE;
}

void
bf_report_row_value_if (BfReportRowBuilder *b, gboolean applies, gint64 value)
{
  if (applies)
    bf_report_row_value (b, value);
  else
    bf_report_row_empty (b);
}

void
bf_report_row_end (BfReportRowBuilder *b)
{
  /* A table whose rows do not fill every column is a programming error, not bad data. */
  g_assert (b->next == b->report->n_columns);
  g_ptr_array_add (b->report->rows, g_steal_pointer (&b->cells));
}

gint64
bf_report_share (gint64 part, gint64 whole)
{
  return whole > 0 ? (part * 20000 + whole) / (2 * whole) : 0;
}

const char *
bf_report_column_label (const BfReportColumn *column)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "report column", column->label);
}

const BfReportCell *
bf_report_cell (const BfReport *report, guint row, guint column)
{
  g_return_val_if_fail (row < report->rows->len && column < report->n_columns, NULL);
  return &((const BfReportCell *) g_ptr_array_index (report->rows, row))[column];
}

static char *
format_hundredths (gint64 value, const char *suffix)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d%s", value < 0 ? "-" : "",
                          ABS (value) / 100, (int) (ABS (value) % 100), suffix);
}

char *
bf_report_cell_display (const BfReport *report, guint row, guint column)
{
  const BfReportCell *cell = bf_report_cell (report, row, column);

  if (cell == NULL || cell->empty)
    return g_strdup ("");
  switch (report->columns[column].type)
    {
    case BF_REPORT_TEXT:
      return g_strdup (cell->text);
    case BF_REPORT_DATE:
      {
        char *zh = bf_format_iso_date_zh (cell->text);
        return zh != NULL ? zh : g_strdup (cell->text);
      }
    case BF_REPORT_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, cell->value);
    case BF_REPORT_MONEY:
      return bf_format_money (cell->value);
    case BF_REPORT_PERCENT:
      return format_hundredths (cell->value, "%");
    case BF_REPORT_DECIMAL:
      return format_hundredths (cell->value, "");
    case BF_REPORT_BOOL:
      return g_strdup (cell->value ? "是" : "否");
    default:
      g_assert_not_reached ();
    }
}

/* The paper forms' terms. They are part of the document format, like the headers, so they do
 * not follow the locale (see bf-report.h). */
#define NAME_LOOKUP(fn, Type, ...)                                    \
  const char *fn (Type value)                                         \
  {                                                                   \
    static const char * const names[] = { __VA_ARGS__ };             \
    return (guint) value < G_N_ELEMENTS (names) ? names[value] : "";  \
  }

NAME_LOOKUP (bf_report_category_zh, BfCategory, "困难户", "低保户", "五保户")
NAME_LOOKUP (bf_report_labour_zh, BfLabour, "有劳动能力", "部分劳动能力", "无劳动能力")
NAME_LOOKUP (bf_report_status_zh, BfHouseholdStatus, "在册", "已脱贫", "返贫")
NAME_LOOKUP (bf_report_source_zh, BfPaymentSource, "区财政", "街镇配套", "慈善会", "帮扶干部",
             "帮扶单位", "其他")
NAME_LOOKUP (bf_report_relation_zh, BfRelation, "户主", "配偶", "子女", "儿媳/女婿", "孙子女",
             "父母", "兄弟姐妹", "其他")
NAME_LOOKUP (bf_report_sex_zh, BfSex, "男", "女")
