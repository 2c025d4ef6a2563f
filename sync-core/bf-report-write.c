/* bf-report-write.c: reports as CSV and JSON. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-report-private.h"

#include <string.h>

static const char * const type_names[] = {
  "text", "int", "money_fen", "percent", "decimal", "bool", "date",
};

/* RFC 4180: quote a field holding a separator, a quote or a line break, doubling quotes. */
static void
append_csv_field (GString *line, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/* Values for machines and spreadsheets: money as plain yuan with two decimals (no ¥, no
 * thousands separator, so Excel reads a number), percentages as their number. */
static char *
csv_value (const BfReport *report, guint row, guint column)
{
  const BfReportCell *cell = bf_report_cell (report, row, column);
  gint64 v = cell->value;

  if (cell->empty)
    return g_strdup ("");
  switch (report->columns[column].type)
    {
    case BF_REPORT_MONEY:
    case BF_REPORT_PERCENT:
    case BF_REPORT_DECIMAL:
      return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", v < 0 ? "-" : "", ABS (v) / 100,
                              (int) (ABS (v) % 100));
    case BF_REPORT_TEXT:
    case BF_REPORT_DATE:
      return g_strdup (cell->text);
    default:
      return bf_report_cell_display (report, row, column);
    }
}

static gboolean
write_all (GOutputStream *out, GString *text, GError **error)
{
  if (!g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error))
    return FALSE;
  g_string_truncate (text, 0);
  return TRUE;
}

gboolean
bf_report_write_csv (const BfReport *report, GOutputStream *out, GError **error)
{
  /* The byte-order mark is how Excel on a Chinese Windows knows the file is UTF-8; without it
   * Excel reads GB18030 and every header turns to mojibake. CRLF line ends, as Excel writes. */
  g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF");

  for (guint c = 0; c < report->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (text, ',');
      append_csv_field (text, report->columns[c].header);
    }
  g_string_append (text, "\r\n");
  for (guint r = 0; r < report->rows->len; r++)
    {
      for (guint c = 0; c < report->n_columns; c++)
        {
          g_autofree char *value = csv_value (report, r, c);
          if (c > 0)
            g_string_append_c (text, ',');
          append_csv_field (text, value);
        }
      g_string_append (text, "\r\n");
      if (text->len > 65536 && !write_all (out, text, error))
        return FALSE;
    }
  return write_all (out, text, error);
}

static void
add_json_value (JsonBuilder *builder, const BfReport *report, guint row, guint column)
{
  const BfReportCell *cell = bf_report_cell (report, row, column);

  if (cell->empty)
    {
      json_builder_add_null_value (builder);
      return;
    }
  switch (report->columns[column].type)
    {
    case BF_REPORT_TEXT:
    case BF_REPORT_DATE:
      json_builder_add_string_value (builder, cell->text);
      break;
    case BF_REPORT_INT:
    case BF_REPORT_MONEY:
      json_builder_add_int_value (builder, cell->value);
      break;
    case BF_REPORT_PERCENT:
    case BF_REPORT_DECIMAL:
      json_builder_add_double_value (builder, cell->value / 100.0);
      break;
    case BF_REPORT_BOOL:
      json_builder_add_boolean_value (builder, cell->value != 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

JsonNode *
bf_report_to_json (const BfReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "report");
  json_builder_add_string_value (builder, bf_report_kind_name (report->kind));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, report->title);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, report->year);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < report->n_columns; c++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, report->columns[c].key);
      json_builder_set_member_name (builder, "header");
      json_builder_add_string_value (builder, report->columns[c].header);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type_names[report->columns[c].type]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < report->rows->len; r++)
    {
      json_builder_begin_object (builder);
      for (guint c = 0; c < report->n_columns; c++)
        {
          json_builder_set_member_name (builder, report->columns[c].key);
          add_json_value (builder, report, r, c);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
bf_report_write_json (const BfReport *report, GOutputStream *out, GError **error)
{
  g_autoptr(JsonNode) node = bf_report_to_json (report);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_stream (generator, out, NULL, error) &&
         g_output_stream_write_all (out, "\n", 1, NULL, NULL, error);
}
