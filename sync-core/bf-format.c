/* bf-format.c: money and dates the way Chinese users read them.
 *
 * These are data formats of the Chinese administration (the 资金台账, public notices,
 * the yearly assessment), not locale conventions: a cadre whose machine happens to run
 * in an English or German locale must still see "1,234.50" and "2017年3月5日". So nothing
 * here goes through gettext or the C locale.
 */
#include "bf-format.h"

#include <string.h>

/* Appends the decimal digits of @value to @out with a comma between groups of three. */
static void
append_grouped (GString *out,
                guint64  value)
{
  char digits[24];
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      /* A comma goes before every digit that starts a full group of three. */
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
}

/* Appends "1,234.50" (with a leading '-' and @sign if given, e.g. "-¥1,234.50"). */
static void
append_amount (GString    *out,
               gint64      fen,
               const char *sign)
{
  guint64 magnitude;

  /* -G_MININT64 overflows a gint64, so negate in unsigned arithmetic: -(fen + 1) is
   * always representable, and adding the 1 back in guint64 cannot overflow. */
  if (fen < 0)
    {
      magnitude = (guint64) (-(fen + 1)) + 1;
      g_string_append_c (out, '-');
    }
  else
    {
      magnitude = (guint64) fen;
    }

  if (sign != NULL)
    g_string_append (out, sign);

  append_grouped (out, magnitude / 100);
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));
}

char *
bf_format_yuan (gint64 fen)
{
  GString *out = g_string_sized_new (32);

  append_amount (out, fen, NULL);
  return g_string_free (out, FALSE);
}

char *
bf_format_money (gint64 fen)
{
  GString *out = g_string_sized_new (32);

  /* The sign goes before the currency symbol, as in CLDR zh: "-¥1,234.50". */
  append_amount (out, fen, "¥");
  return g_string_free (out, FALSE);
}

char *
bf_format_money_yuan_suffix (gint64 fen)
{
  GString *out = g_string_sized_new (32);

  append_amount (out, fen, NULL);
  g_string_append (out, " 元");
  return g_string_free (out, FALSE);
}

char *
bf_format_date_zh (const GDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (g_date_valid (date), NULL);

  /* Chinese dates are written without zero padding: 2017年3月5日, not 2017年03月05日. */
  return g_strdup_printf ("%u年%u月%u日",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* Strict "YYYY-MM-DD". Kept here rather than calling bf_parse_date() so that formatting
 * does not depend on the validation module and its error messages. */
static gboolean
parse_iso_date (const char *iso,
                GDate      *out)
{
  static const char pattern[] = "dddd-dd-dd";
  guint year, month, day;

  if (iso == NULL || strlen (iso) != strlen (pattern))
    return FALSE;

  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (iso[i]) : iso[i] != pattern[i])
        return FALSE;
    }

  year = (guint) g_ascii_strtoull (iso, NULL, 10);
  month = (guint) g_ascii_strtoull (iso + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (iso + 8, NULL, 10);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
bf_format_iso_date_zh (const char *iso)
{
  GDate date;

  /* Display code passes whatever is stored; a missing or broken date simply has no
   * Chinese form, which is not a programming error. */
  if (!parse_iso_date (iso, &date))
    return NULL;

  return bf_format_date_zh (&date);
}

char *
bf_format_iso_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}
