/* bf-validate-dates.c: ISO calendar dates, ranges, and today in China Standard Time. */
#include "bf-config.h"
#include "bf-validate-private.h"

#include "bf-format.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------------------ */
/* Dates                                                                                */

gboolean
bf_parse_date (const char *iso,
               const char *field,
               GDate      *out,
               GError    **error)
{
  static const char pattern[] = "dddd-dd-dd";
  g_autofree char *typed = NULL;
  guint year, month, day;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (iso == NULL)
    iso = "";

  typed = shown (iso);

  if (*typed == '\0')
    {
      set_empty_error (error, field);
      return FALSE;
    }

  /* Strict on purpose: "2017-3-5" or "05/03/2017" are ambiguous or sloppy in stored
   * data, and every date the UI produces is already in this form. Only the surrounding
   * spaces are forgiven. */
  if (strlen (typed) != strlen (pattern) || !g_utf8_validate (iso, -1, NULL))
    goto not_a_date;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (typed[i]) : typed[i] != pattern[i])
        goto not_a_date;
    }

  year = digits_value (typed, 4);
  month = digits_value (typed + 5, 2);
  day = digits_value (typed + 8, 2);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_DATE,
                   _("%s: “%s” is not a real date; check the month and the day"),
                   field, typed);
      return FALSE;
    }

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;

not_a_date:
  g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_DATE,
               _("%s: “%s” is not a date; enter it as YYYY-MM-DD, like 2017-03-05"),
               field, typed);
  return FALSE;
}

gboolean
bf_parse_date_typed (const char *text,
                     const char *field,
                     GDate      *out,
                     GError    **error)
{
  guint year = 0, month = 0, day = 0;
  int consumed = -1;
  g_autofree char *iso = NULL;

  g_return_val_if_fail (field != NULL, FALSE);

  /* "2017年3月5日", as a cadre reads and writes a date, with spaces forgiven. */
  if (text != NULL && strstr (text, "年") != NULL)
    {
      g_autofree char *compact = g_strdup (text);
      char *write = compact;

      for (const char *read = text; *read != '\0'; read++)
        if (!g_ascii_isspace (*read))
          *write++ = *read;
      *write = '\0';
      if (sscanf (compact, "%4u年%2u月%2u日%n", &year, &month, &day, &consumed) == 3 &&
          consumed == (int) strlen (compact))
        iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
    }
  return bf_parse_date (iso != NULL ? iso : text, field, out, error);
}

gboolean
bf_validate_date_between (const GDate *date,
                          const GDate *min,
                          const GDate *max,
                          const char  *field,
                          GError     **error)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (min == NULL || g_date_valid (min), FALSE);
  g_return_val_if_fail (max == NULL || g_date_valid (max), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (min != NULL && g_date_compare (date, min) < 0)
    {
      g_autofree char *value = bf_format_iso_date (date);
      g_autofree char *bound = bf_format_iso_date (min);

      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                   _("%s: %s is before the earliest allowed date, %s"),
                   field, value, bound);
      return FALSE;
    }

  if (max != NULL && g_date_compare (date, max) > 0)
    {
      g_autofree char *value = bf_format_iso_date (date);
      g_autofree char *bound = bf_format_iso_date (max);

      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                   _("%s: %s is after the latest allowed date, %s"),
                   field, value, bound);
      return FALSE;
    }

  return TRUE;
}

void
bf_today (GDate *out)
{
  static GTimeZone *zone = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (out != NULL);

  /* The records are dated in China Standard Time even when a laptop is set to UTC. A
   * system without tzdata has no "Asia/Shanghai"; China has had no daylight saving time
   * since 1991, so a fixed +08:00 is then exactly right for today. The zone is loaded once:
   * every saved record asks for today, and reading tzdata each time cost more than the save. */
  if (g_once_init_enter (&zone))
    {
      GTimeZone *loaded = g_time_zone_new_identifier ("Asia/Shanghai");
      if (loaded == NULL)
        loaded = g_time_zone_new_offset (8 * 3600);
      g_once_init_leave (&zone, loaded);
    }

  now = g_date_time_new_now (zone);

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

