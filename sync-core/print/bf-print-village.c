/* bf-print-village.c: the village table (村有表), landscape A4, one row per household. */
#include "bf-config.h"
#include "bf-print-private.h"

gboolean
bf_print_village_table (const BfReport *table, const char *path, int *out_pages, GError **error)
{
  BfPrintDoc *doc = bf_print_doc_new (path, TRUE, table->title, error);
  g_autofree char *subtitle = NULL;

  if (doc == NULL)
    return FALSE;
  subtitle = g_strdup_printf ("共 %u 户", table->rows->len);
  bf_print_doc_title (doc, table->title, subtitle);
  bf_print_doc_table (doc, table, NULL, TRUE);
  return bf_print_doc_finish (doc, path, out_pages, error);
}
