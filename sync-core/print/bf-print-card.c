/* bf-print-card.c: the household card (贫困户登记卡), portrait A4. */
#include "bf-config.h"
#include "bf-print-private.h"

#include "bf-format.h"

static void
total_line (BfPrintDoc *doc, const char *label, gint64 fen)
{
  g_autofree char *money = bf_format_money (fen);
  g_autofree char *text = g_strdup_printf ("%s：%s", label, money);

  bf_print_doc_ensure (doc, bf_print_doc_row_height (doc));
  doc->y -= 6;
  doc->y += bf_print_doc_text (doc, doc->bold, text, doc->margin, doc->y,
                               doc->width - 2 * doc->margin, PANGO_ALIGN_RIGHT, FALSE) + 10;
}

gboolean
bf_print_household_card (const BfHouseholdCard *card, const char *path, int *out_pages,
                         GError **error)
{
  g_autofree char *head = bf_report_cell_display (card->fields, 0, 0);
  g_autofree char *footer = g_strdup_printf ("%s　户主：%s", card->title, head);
  BfPrintDoc *doc = bf_print_doc_new (path, FALSE, footer, error);

  if (doc == NULL)
    return FALSE;
  bf_print_doc_title (doc, card->title, card->subtitle);
  bf_print_doc_fields (doc, card->fields, 2);
  bf_print_doc_table (doc, card->members, card->members->title, TRUE);
  bf_print_doc_table (doc, card->pairings, card->pairings->title, FALSE);
  bf_print_doc_table (doc, card->visits, card->visits->title, TRUE);
  total_line (doc, "走访送达资金合计", card->visits_money_fen);
  bf_print_doc_table (doc, card->payments, card->payments->title, TRUE);
  total_line (doc, "帮扶资金合计", card->payments_fen);
  return bf_print_doc_finish (doc, path, out_pages, error);
}
