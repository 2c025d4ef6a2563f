/* bf-print-doc.c: A4 pages, fonts, text boxes, titles and footers. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-print-private.h"

#include <cairo-pdf.h>

#include "bf-format.h"
#include "bf-validate.h"

/* A4 in points. */
#define A4_SHORT 595.276
#define A4_LONG  841.890

/* Fontconfig picks the face: Noto Sans CJK SC when installed (Debian's fonts-noto-cjk), else
 * whatever "sans" resolves to that covers Chinese. */
#define FONT_FAMILY "Noto Sans CJK SC, sans"

BfPrintDoc *
bf_print_doc_new (const char *path, gboolean landscape, const char *footer, GError **error)
{
  BfPrintDoc *doc = g_new0 (BfPrintDoc, 1);
  cairo_status_t status;

  doc->width = landscape ? A4_LONG : A4_SHORT;
  doc->height = landscape ? A4_SHORT : A4_LONG;
  doc->margin = 42;   /* 15 mm */
  doc->surface = cairo_pdf_surface_create (path, doc->width, doc->height);
  status = cairo_surface_status (doc->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (status));
      cairo_surface_destroy (doc->surface);
      g_free (doc);
      return NULL;
    }
  cairo_pdf_surface_set_metadata (doc->surface, CAIRO_PDF_METADATA_CREATOR, "Bangfu");
  doc->cr = cairo_create (doc->surface);
  doc->footer = g_strdup (footer);
  doc->body = pango_font_description_from_string (FONT_FAMILY " 9");
  doc->bold = pango_font_description_from_string (FONT_FAMILY " Bold 9");
  doc->title = pango_font_description_from_string (FONT_FAMILY " Bold 16");
  doc->pages = 1;
  doc->y = doc->margin;
  return doc;
}

double
bf_print_doc_bottom (const BfPrintDoc *doc)
{
  return doc->height - doc->margin - 14;   /* room for the footer */
}

double
bf_print_doc_row_height (const BfPrintDoc *doc)
{
  return 17;
}

double
bf_print_doc_text (BfPrintDoc *doc, const PangoFontDescription *font, const char *text,
                   double x, double y, double width, PangoAlignment align, gboolean wrap)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (doc->cr);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  if (wrap)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static void
draw_footer (BfPrintDoc *doc)
{
  g_autofree char *left = NULL;
  g_autofree char *page = g_strdup_printf ("第 %d 页", doc->pages);
  g_autofree char *date = NULL;
  GDate today;
  double y = doc->height - doc->margin;

  bf_today (&today);
  date = bf_format_date_zh (&today);
  left = g_strdup_printf ("%s　打印日期：%s", doc->footer, date);
  cairo_set_source_rgb (doc->cr, 0.35, 0.35, 0.35);
  bf_print_doc_text (doc, doc->body, left, doc->margin, y, doc->width - 2 * doc->margin - 80,
                     PANGO_ALIGN_LEFT, FALSE);
  bf_print_doc_text (doc, doc->body, page, doc->width - doc->margin - 80, y, 80,
                     PANGO_ALIGN_RIGHT, FALSE);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
}

void
bf_print_doc_new_page (BfPrintDoc *doc)
{
  draw_footer (doc);
  cairo_show_page (doc->cr);
  doc->pages++;
  doc->y = doc->margin;
}

void
bf_print_doc_ensure (BfPrintDoc *doc, double needed)
{
  if (doc->y + needed > bf_print_doc_bottom (doc))
    bf_print_doc_new_page (doc);
}

void
bf_print_doc_title (BfPrintDoc *doc, const char *title, const char *subtitle)
{
  double inner = doc->width - 2 * doc->margin;

  doc->y += bf_print_doc_text (doc, doc->title, title, doc->margin, doc->y, inner,
                               PANGO_ALIGN_CENTER, TRUE) + 4;
  if (subtitle != NULL)
    doc->y += bf_print_doc_text (doc, doc->body, subtitle, doc->margin, doc->y, inner,
                                 PANGO_ALIGN_CENTER, TRUE);
  doc->y += 10;
}

gboolean
bf_print_doc_finish (BfPrintDoc *doc, const char *path, int *out_pages, GError **error)
{
  cairo_status_t status;

  draw_footer (doc);
  cairo_show_page (doc->cr);
  cairo_destroy (doc->cr);
  cairo_surface_finish (doc->surface);
  status = cairo_surface_status (doc->surface);
  cairo_surface_destroy (doc->surface);
  if (out_pages != NULL)
    *out_pages = doc->pages;
  g_free (doc->footer);
  pango_font_description_free (doc->body);
  pango_font_description_free (doc->bold);
  pango_font_description_free (doc->title);
  g_free (doc);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
