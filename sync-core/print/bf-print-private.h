/* bf-print-private.h: a PDF document being laid out, shared by the card and the village table. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "bf-print.h"

G_BEGIN_DECLS

typedef struct {
  cairo_surface_t      *surface;
  cairo_t              *cr;
  double                width, height;   /* points */
  double                margin;
  double                y;               /* where the next thing goes on this page */
  int                   pages;
  char                 *footer;          /* left of the page number on every page */
  PangoFontDescription *body;
  PangoFontDescription *bold;
  PangoFontDescription *title;
} BfPrintDoc;

/* A4, portrait or landscape. NULL with BF_REPORT_ERROR_WRITE if @path cannot be created. */
BfPrintDoc *bf_print_doc_new    (const char *path, gboolean landscape, const char *footer,
                                 GError **error);
/* Finishes the file and frees @doc, whatever happens. */
gboolean    bf_print_doc_finish (BfPrintDoc *doc, const char *path, int *out_pages, GError **error);

double      bf_print_doc_bottom (const BfPrintDoc *doc);
void        bf_print_doc_new_page (BfPrintDoc *doc);
/* Starts a new page unless @needed points still fit on this one. */
void        bf_print_doc_ensure (BfPrintDoc *doc, double needed);

/* Text in a box: @align is PANGO_ALIGN_*; one line, ellipsized, unless @wrap. Returns the
 * height used. */
double      bf_print_doc_text (BfPrintDoc *doc, const PangoFontDescription *font, const char *text,
                               double x, double y, double width, PangoAlignment align,
                               gboolean wrap);
void        bf_print_doc_title (BfPrintDoc *doc, const char *title, const char *subtitle);

/* A table with its header repeated at the top of every page it runs onto (bf-print-table.c).
 * @caption (may be NULL) goes above it, with "（续）" on later pages; @numbered adds 序号. */
void        bf_print_doc_table (BfPrintDoc *doc, const BfReport *table, const char *caption,
                                gboolean numbered);
/* The rows of a one-row report as label/value pairs, @pairs to a line. */
void        bf_print_doc_fields (BfPrintDoc *doc, const BfReport *fields, int pairs);

/* Fixed row height, so that a table's page count follows from its rows. */
double      bf_print_doc_row_height (const BfPrintDoc *doc);

G_END_DECLS
