/* bf-print-table.c: tables that run over pages, and label/value grids. */
#include "bf-config.h"
#include "bf-print-private.h"

#define PAD 3
#define NUMBER_WIDTH 4   /* 序号, in the same units as the columns' widths */

static gboolean
right_aligned (BfReportType type)
{
  return type == BF_REPORT_INT || type == BF_REPORT_MONEY || type == BF_REPORT_PERCENT ||
         type == BF_REPORT_DECIMAL;
}

/* Column edges across the page, in proportion to the columns' widths. */
static double *
column_edges (const BfPrintDoc *doc, const BfReport *table, gboolean numbered)
{
  double total = numbered ? NUMBER_WIDTH : 0, x = doc->margin;
  double inner = doc->width - 2 * doc->margin;
  guint n = table->n_columns + (numbered ? 1 : 0);
  double *edges = g_new (double, n + 1);
  guint e = 0;

  for (guint c = 0; c < table->n_columns; c++)
    total += table->columns[c].width;
  edges[e++] = x;
  if (numbered)
    edges[e++] = x += inner * NUMBER_WIDTH / total;
  for (guint c = 0; c < table->n_columns; c++)
    edges[e++] = x += inner * table->columns[c].width / total;
  return edges;
}

static void
grid_row (BfPrintDoc *doc, const double *edges, guint n, double y, double height, gboolean shaded)
{
  if (shaded)
    {
      cairo_set_source_rgb (doc->cr, 0.88, 0.91, 0.95);
      cairo_rectangle (doc->cr, edges[0], y, edges[n] - edges[0], height);
      cairo_fill (doc->cr);
      cairo_set_source_rgb (doc->cr, 0, 0, 0);
    }
  cairo_set_line_width (doc->cr, 0.5);
  cairo_rectangle (doc->cr, edges[0], y, edges[n] - edges[0], height);
  for (guint i = 1; i < n; i++)
    {
      cairo_move_to (doc->cr, edges[i], y);
      cairo_line_to (doc->cr, edges[i], y + height);
    }
  cairo_stroke (doc->cr);
}

/* The header's height: headers may wrap to two lines in narrow columns. */
static double
header_height (const BfPrintDoc *doc)
{
  return 2 * bf_print_doc_row_height (doc) - 4;
}

static void
draw_header (BfPrintDoc *doc, const BfReport *table, const char *caption, gboolean continued,
             const double *edges, guint n, gboolean numbered)
{
  double h = header_height (doc);

  if (caption != NULL)
    {
      g_autofree char *text = g_strconcat (caption, continued ? "（续）" : "", NULL);
      doc->y += bf_print_doc_text (doc, doc->bold, text, doc->margin, doc->y,
                                   doc->width - 2 * doc->margin, PANGO_ALIGN_LEFT, FALSE) + 3;
    }
  grid_row (doc, edges, n, doc->y, h, TRUE);
  for (guint i = 0; i < n; i++)
    {
      const char *text = numbered && i == 0 ? "序号" : table->columns[i - (numbered ? 1 : 0)].header;
      double w = edges[i + 1] - edges[i] - 2 * PAD;
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (doc->cr);
      int tw, th;

      /* Centre the (possibly wrapped) header vertically. */
      pango_layout_set_font_description (layout, doc->bold);
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (doc->cr, edges[i] + PAD, doc->y + MAX (0, (h - th) / 2));
      pango_cairo_show_layout (doc->cr, layout);
    }
  doc->y += h;
}

void
bf_print_doc_table (BfPrintDoc *doc, const BfReport *table, const char *caption, gboolean numbered)
{
  guint n = table->n_columns + (numbered ? 1 : 0);
  g_autofree double *edges = column_edges (doc, table, numbered);
  double row_h = bf_print_doc_row_height (doc);

  /* A header alone at the foot of a page is useless: keep it with at least two rows. */
  bf_print_doc_ensure (doc, (caption ? 16 : 0) + header_height (doc) + 2 * row_h);
  draw_header (doc, table, caption, FALSE, edges, n, numbered);
  if (table->rows->len == 0)
    {
      grid_row (doc, (double[]) { edges[0], edges[n] }, 1, doc->y, row_h, FALSE);
      bf_print_doc_text (doc, doc->body, "（无）", edges[0], doc->y + 2, edges[n] - edges[0],
                         PANGO_ALIGN_CENTER, FALSE);
      doc->y += row_h;
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      if (doc->y + row_h > bf_print_doc_bottom (doc))
        {
          bf_print_doc_new_page (doc);
          draw_header (doc, table, caption, TRUE, edges, n, numbered);
        }
      grid_row (doc, edges, n, doc->y, row_h, FALSE);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = NULL;
          PangoAlignment align = PANGO_ALIGN_CENTER;

          if (numbered && i == 0)
            text = g_strdup_printf ("%u", r + 1);
          else
            {
              guint c = i - (numbered ? 1 : 0);
              text = bf_report_cell_display (table, r, c);
              if (right_aligned (table->columns[c].type))
                align = PANGO_ALIGN_RIGHT;
              else if (table->columns[c].type == BF_REPORT_TEXT && table->columns[c].width > 12)
                align = PANGO_ALIGN_LEFT;
            }
          bf_print_doc_text (doc, doc->body, text, edges[i] + PAD, doc->y + 2,
                             edges[i + 1] - edges[i] - 2 * PAD, align, FALSE);
        }
      doc->y += row_h;
    }
  doc->y += 10;
}

void
bf_print_doc_fields (BfPrintDoc *doc, const BfReport *fields, int pairs)
{
  double inner = doc->width - 2 * doc->margin;
  double label_w = inner / pairs * 0.38, value_w = inner / pairs - label_w;
  double row_h = bf_print_doc_row_height (doc) + 3;

  for (guint c = 0; c < fields->n_columns; c += pairs)
    {
      bf_print_doc_ensure (doc, row_h);
      for (guint p = 0; p < (guint) pairs && c + p < fields->n_columns; p++)
        {
          double x = doc->margin + p * (label_w + value_w);
          double edges[] = { x, x + label_w, x + label_w + value_w };
          g_autofree char *value = bf_report_cell_display (fields, 0, c + p);

          cairo_set_source_rgb (doc->cr, 0.88, 0.91, 0.95);
          cairo_rectangle (doc->cr, x, doc->y, label_w, row_h);
          cairo_fill (doc->cr);
          cairo_set_source_rgb (doc->cr, 0, 0, 0);
          grid_row (doc, edges, 2, doc->y, row_h, FALSE);
          bf_print_doc_text (doc, doc->bold, fields->columns[c + p].header, x + PAD, doc->y + 3,
                             label_w - 2 * PAD, PANGO_ALIGN_CENTER, FALSE);
          bf_print_doc_text (doc, doc->body, value, x + label_w + PAD, doc->y + 3,
                             value_w - 2 * PAD, PANGO_ALIGN_LEFT, FALSE);
        }
      doc->y += row_h;
    }
  doc->y += 10;
}
