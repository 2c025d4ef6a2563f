/* bf-import-csv.c: the file's encoding and its CSV records. */
#include "bf-config.h"
#include "bf-import-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (bf-import-error-quark, bf_import_error)

void
bf_csv_row_free (BfCsvRow *row)
{
  if (row == NULL)
    return;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

/* Chinese Excel saves "CSV" in the system's code page (GBK, which GB18030 contains) and "CSV
 * UTF-8" with a BOM. Text that is valid UTF-8 is taken as UTF-8: GBK text of any length is
 * almost never valid UTF-8 by accident, and ASCII reads the same either way. */
char *
bf_import_decode (const char *data, gsize length, const char **out_encoding, GError **error)
{
  g_autoptr(GError) convert_error = NULL;
  const char *start = data;
  gsize size = length;
  char *text;

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_ENCODING,
                   _("This is not a text file (it contains NUL bytes); save the register as CSV"));
      return NULL;
    }
  if (size >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
    {
      start += 3;
      size -= 3;
    }
  if (g_utf8_validate (start, (gssize) size, NULL))
    {
      *out_encoding = "UTF-8";
      return g_strndup (start, size);
    }
  text = g_convert (data, (gssize) length, "UTF-8", "GB18030", NULL, NULL, &convert_error);
  if (text == NULL)
    {
      g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_ENCODING,
                   _("The file is neither UTF-8 nor GB18030 text: %s"), convert_error->message);
      return NULL;
    }
  *out_encoding = "GB18030";
  /* GB18030's own byte-order mark (84 31 95 33) becomes U+FEFF. */
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    memmove (text, text + 3, strlen (text + 3) + 1);
  return text;
}

static gboolean
row_is_blank (const BfCsvRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (row->cells, i);
      for (const char *p = cell; *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

static void
finish_row (GPtrArray *rows, BfCsvRow **row)
{
  if (!row_is_blank (*row))
    g_ptr_array_add (rows, *row);
  else
    bf_csv_row_free (*row);
  *row = NULL;
}

GPtrArray *
bf_csv_parse (const char *text, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_csv_row_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  BfCsvRow *row = NULL;
  gboolean quoted = FALSE, was_quoted = FALSE;
  guint line = 1, quote_line = 0;
  const char *p = text;

  for (;; p++)
    {
      char c = *p;

      if (row == NULL)
        {
          row = g_new0 (BfCsvRow, 1);
          row->line = line;
          row->cells = g_ptr_array_new_with_free_func (g_free);
        }
      if (quoted)
        {
          if (c == '\0')
            {
              bf_csv_row_free (row);
              g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_FORMAT,
                           _("Line %u: a quoted cell is never closed"), quote_line);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              /* A line break inside a cell is kept as LF whatever the file used. */
              if (!(c == '\r' && p[1] == '\n'))
                g_string_append_c (cell, c);
            }
          continue;
        }
      if (c == '"' && cell->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          quote_line = line;
          continue;
        }
      if (c == '"' || (was_quoted && c != ',' && c != '\n' && c != '\r' && c != '\0'))
        {
          bf_csv_row_free (row);
          g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_FORMAT,
                       _("Line %u: a quote in the middle of a cell; quote the whole cell and double the quotes inside"),
                       line);
          return NULL;
        }
      if (c == ',' || c == '\n' || c == '\r' || c == '\0')
        {
          if (c != '\0' || cell->len > 0 || was_quoted || row->cells->len > 0)
            g_ptr_array_add (row->cells, g_strndup (cell->str, cell->len));
          g_string_truncate (cell, 0);
          was_quoted = FALSE;
          if (c == ',')
            continue;
          if (c == '\r' && p[1] == '\n')
            p++;
          finish_row (rows, &row);
          if (c == '\0')
            break;
          line++;
          continue;
        }
      g_string_append_c (cell, c);
    }
  return g_steal_pointer (&rows);
}
