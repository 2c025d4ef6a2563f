/* bf-validate.c: checks on what people type — ID numbers, money, dates, phone numbers.
 *
 * The people typing are village cadres copying from paper cards, often on a phone keyboard
 * with a Chinese input method switched on. So the checks accept the harmless variations
 * (full-width digits, spaces between groups, a lower-case x, a yuan sign) and refuse the
 * real mistakes with a message that says what is wrong and, where possible, how to fix it.
 */
#include "bf-validate.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bf-format.h"

G_DEFINE_QUARK (bf-validate-error-quark, bf_validate_error)

#define ID_LENGTH 18
#define OLD_ID_LENGTH 15

/* U+3000 IDEOGRAPHIC SPACE is what the space bar gives with a Chinese input method in
 * full-width mode; U+00A0 comes with text pasted from web pages and office documents. */
static gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isspace ((char) c);
  return c == 0x3000 || c == 0x00A0;
}

/* Maps the full-width digits U+FF10..U+FF19 of Chinese input methods to ASCII. */
static gunichar
fold_digit (gunichar c)
{
  if (c >= 0xFF10 && c <= 0xFF19)
    return '0' + (c - 0xFF10);
  return c;
}

/* @text without leading and trailing spaces. @text must be valid UTF-8. */
static char *
trim (const char *text)
{
  const char *start = text;
  const char *end;

  while (*start != '\0' && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = start;
  for (const char *p = start; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!is_space (g_utf8_get_char (p)))
        end = g_utf8_next_char (p);
    }

  return g_strndup (start, (gsize) (end - start));
}

/* What the user typed, fit to be quoted in a message: messages must be valid UTF-8 even
 * when the input was not, and the surrounding spaces would only hide the value. */
static char *
shown (const char *input)
{
  g_autofree char *valid = g_utf8_make_valid (input, -1);

  return trim (valid);
}

static gboolean
all_ascii_digits (const char *s,
                  gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
    }
  return TRUE;
}

static guint
digits_value (const char *s,
              gsize       len)
{
  guint value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (guint) (s[i] - '0');
  return value;
}

static void
set_empty_error (GError    **error,
                 const char *field)
{
  g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
               _("%s: nothing was entered"), field);
}

/* ------------------------------------------------------------------------------------ */
/* Resident ID numbers (GB 11643-1999)                                                   */

char
bf_id_number_check_char (const char *digits17)
{
  static const guint weights[ID_LENGTH - 1] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check_chars[] = "10X98765432";
  guint sum = 0;

  g_return_val_if_fail (digits17 != NULL, '\0');

  for (gsize i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      g_return_val_if_fail (g_ascii_isdigit (digits17[i]), '\0');
      sum += weights[i] * (guint) (digits17[i] - '0');
    }

  return check_chars[sum % 11];
}

/* The province-level divisions: the first two digits of every administrative division
 * code (GB/T 2260), including Taiwan (71), Hong Kong (81) and Macao (82), whose residents
 * can hold mainland residence permits with numbers in the same format. */
static gboolean
is_province_code (guint code)
{
  return (code >= 11 && code <= 15) ||
         (code >= 21 && code <= 23) ||
         (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) ||
         (code >= 50 && code <= 54) ||
         (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82;
}

/* Folds what people really type into ASCII: no spaces, ASCII digits, upper-case X.
 * Anything else is kept as it is, so that the format check can point at it. */
static GString *
fold_id_number (const char *input)
{
  GString *folded = g_string_sized_new (ID_LENGTH);

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        continue;

      c = fold_digit (c);
      if (c == 'x' || c == 0xFF38 /* Ｘ */ || c == 0xFF58 /* ｘ */)
        c = 'X';

      g_string_append_unichar (folded, c);
    }

  return folded;
}

/* Points at the first character that cannot be in an 18-character ID number. */
static gboolean
check_id_characters (const char  *folded,
                     const char  *typed,
                     GError     **error)
{
  const char *label = _("ID number");
  int position = 1;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p), position++)
    {
      gunichar c = g_utf8_get_char (p);
      char bad[8] = { 0 };

      if (g_ascii_isdigit (c) || (c == 'X' && position == ID_LENGTH))
        continue;

      /* The letter O for a zero is the commonest slip when copying from a card. */
      if (c == 'O' || c == 'o' || c == 0xFF2F /* Ｏ */ || c == 0xFF4F /* ｏ */)
        g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                     _("%s: “%s” has the letter O at position %d; ID numbers contain only digits, so type the digit 0 there"),
                     label, typed, position);
      else if (c == 'X')
        g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                     _("%s: “%s” has an X at position %d; X can only be the last character of an ID number"),
                     label, typed, position);
      else
        {
          g_unichar_to_utf8 (c, bad);
          g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                       _("%s: “%s” has “%s” at position %d; an ID number contains only digits, with an X allowed as the last character"),
                       label, typed, bad, position);
        }
      return FALSE;
    }

  return TRUE;
}

char *
bf_id_number_normalize (const char  *input,
                        const GDate *today,
                        BfIdInfo    *info,
                        GError     **error)
{
  const char *label = _("ID number");
  g_autofree char *typed = NULL;
  g_autofree char *birth_text = NULL;
  g_autoptr(GString) folded = NULL;
  glong n_chars;
  guint year, month, day;
  GDate birth, earliest, now;
  char expected;

  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (input == NULL)
    input = "";

  typed = shown (input);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                   _("%s: “%s” contains bytes that are not text"), label, typed);
      return NULL;
    }

  folded = fold_id_number (input);

  if (folded->len == 0)
    {
      set_empty_error (error, label);
      return NULL;
    }

  n_chars = g_utf8_strlen (folded->str, -1);

  /* First-generation cards were replaced from 2004 and stopped being valid in 2013;
   * the 15-digit number cannot be converted safely because the check digit and the
   * century are missing, so the cadre has to look at the new card. */
  if (n_chars == OLD_ID_LENGTH && all_ascii_digits (folded->str, OLD_ID_LENGTH))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_OLD_ID,
                   _("%s: “%s” is a 15-digit first-generation ID number, which is no longer accepted; enter the 18-digit number from the second-generation card"),
                   label, typed);
      return NULL;
    }

  if (n_chars != ID_LENGTH)
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: “%s” has %d character; an ID number has 18",
                                "%s: “%s” has %d characters; an ID number has 18",
                                (gulong) n_chars),
                   label, typed, (int) n_chars);
      return NULL;
    }

  if (!check_id_characters (folded->str, typed, error))
    return NULL;

  /* From here on folded->str is exactly 18 ASCII characters. */
  if (!is_province_code (digits_value (folded->str, 2)))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_AREA,
                   _("%s: “%s” starts with %.2s, which is not the code of any province, region or municipality"),
                   label, typed, folded->str);
      return NULL;
    }

  year = digits_value (folded->str + 6, 4);
  month = digits_value (folded->str + 10, 2);
  day = digits_value (folded->str + 12, 2);
  birth_text = g_strdup_printf ("%.4s-%.2s-%.2s",
                                folded->str + 6, folded->str + 10, folded->str + 12);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_BIRTH_DATE,
                   _("%s: “%s” contains the birth date %s, which does not exist"),
                   label, typed, birth_text);
      return NULL;
    }

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  g_date_clear (&earliest, 1);
  g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, 1900);
  if (g_date_compare (&birth, &earliest) < 0)
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_BIRTH_DATE,
                   _("%s: “%s” contains the birth date %s, which is before 1900"),
                   label, typed, birth_text);
      return NULL;
    }

  if (today == NULL)
    {
      bf_today (&now);
      today = &now;
    }
  if (g_date_compare (&birth, today) > 0)
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_BIRTH_DATE,
                   _("%s: “%s” contains the birth date %s, which is in the future"),
                   label, typed, birth_text);
      return NULL;
    }

  /* Most check-digit failures are a mistyped or transposed digit in the middle, not a
   * wrong last character, so the message must not invite "fixing" the check character
   * alone: that would turn a wrong number into a wrong number that passes. */
  expected = bf_id_number_check_char (folded->str);
  if (folded->str[ID_LENGTH - 1] != expected)
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_CHECK_DIGIT,
                   _("%s: “%s” has a wrong check digit; compare every digit with the card: if the first 17 are right, the last character should be %c"),
                   label, typed, expected);
      return NULL;
    }

  if (info != NULL)
    {
      memcpy (info->area, folded->str, 6);
      info->area[6] = '\0';
      info->birth = birth;
      /* The 17th character is the sequence number's last digit: odd for men. */
      info->male = ((folded->str[16] - '0') % 2) == 1;
    }

  return g_string_free (g_steal_pointer (&folded), FALSE);
}

/* ------------------------------------------------------------------------------------ */
/* Money                                                                                */

static gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0x2212 /* − MINUS SIGN */ || c == 0xFF0D /* － */;
}

static gboolean
is_yuan_sign (gunichar c)
{
  /* U+00A5 is the yen/yuan sign of Western keyboards, U+FFE5 the full-width one that
   * Chinese input methods produce. */
  return c == 0x00A5 || c == 0xFFE5;
}

/* Skips spaces, then one character if @pred matches it. */
static gboolean
skip_prefix (const char **p,
             gboolean   (*pred) (gunichar c))
{
  while (**p != '\0' && is_space (g_utf8_get_char (*p)))
    *p = g_utf8_next_char (*p);

  if (**p != '\0' && pred (g_utf8_get_char (*p)))
    {
      *p = g_utf8_next_char (*p);
      while (**p != '\0' && is_space (g_utf8_get_char (*p)))
        *p = g_utf8_next_char (*p);
      return TRUE;
    }

  return FALSE;
}

/* The number part of an amount in ASCII ("1,234.50"), or NULL if it has anything but
 * digits, commas and points. Full-width forms are folded so that an input method left
 * in full-width mode does not matter. */
static char *
fold_amount (const char *number)
{
  g_autoptr(GString) ascii = g_string_new (NULL);

  for (const char *p = number; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = fold_digit (g_utf8_get_char (p));

      if (c == 0xFF0C /* ， */)
        c = ',';
      else if (c == 0xFF0E /* ． */)
        c = '.';

      if (!g_ascii_isdigit (c) && c != ',' && c != '.')
        return NULL;
      g_string_append_c (ascii, (char) c);
    }

  return g_string_free (g_steal_pointer (&ascii), FALSE);
}

typedef enum {
  AMOUNT_OK,
  AMOUNT_BAD,          /* not a number */
  AMOUNT_TOO_PRECISE,  /* more than two decimals */
  AMOUNT_TOO_BIG,      /* does not even fit in a gint64 of fen */
} AmountResult;

/* Parses "1,234.50" into fen without ever going through a double, which could not
 * represent most amounts exactly. Commas must group the yuan in threes: "1,5" is then
 * refused rather than read as 15 when the user meant the European 1.5. */
static AmountResult
parse_amount (const char *s,
              gint64     *out_fen)
{
  guint64 yuan = 0;
  guint64 fen_part = 0;
  gboolean overflow = FALSE;
  gboolean seen_comma = FALSE;
  guint n_int_digits = 0;
  guint group_len = 0;
  guint n_decimals = 0;
  const char *p = s;

  for (; *p != '\0' && *p != '.'; p++)
    {
      if (*p == ',')
        {
          if (group_len == 0 || (seen_comma ? group_len != 3 : group_len > 3))
            return AMOUNT_BAD;
          seen_comma = TRUE;
          group_len = 0;
          continue;
        }

      /* Stop accumulating once past G_MAXINT64, but keep checking the syntax so that a
       * long run of digits with a letter in it is still reported as malformed. */
      if (yuan > (guint64) (G_MAXINT64 - (*p - '0')) / 10)
        overflow = TRUE;
      else
        yuan = yuan * 10 + (guint64) (*p - '0');
      n_int_digits++;
      group_len++;
    }

  if (seen_comma && group_len != 3)
    return AMOUNT_BAD;

  if (*p == '.')
    {
      for (p++; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return AMOUNT_BAD;
          n_decimals++;
          if (n_decimals <= 2)
            fen_part = fen_part * 10 + (guint64) (*p - '0');
        }
    }

  if (n_int_digits == 0 && n_decimals == 0)
    return AMOUNT_BAD;
  if (n_decimals > 2)
    return AMOUNT_TOO_PRECISE;
  if (n_decimals == 1)
    fen_part *= 10;

  if (overflow || yuan > ((guint64) G_MAXINT64 - fen_part) / 100)
    return AMOUNT_TOO_BIG;

  *out_fen = (gint64) (yuan * 100 + fen_part);
  return AMOUNT_OK;
}

static void
set_above_cap_error (GError    **error,
                     const char *field,
                     const char *typed,
                     gint64      max_fen)
{
  g_autofree char *cap = bf_format_yuan (max_fen);

  g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
               _("%s: “%s” is more than the limit of %s yuan"),
               field, typed, cap);
}

gboolean
bf_parse_yuan (const char *text,
               gint64      max_fen,
               const char *field,
               gint64     *out_fen,
               GError    **error)
{
  g_autofree char *typed = NULL;
  g_autofree char *number = NULL;
  g_autofree char *ascii = NULL;
  const char *p;
  gboolean negative;
  gint64 fen = 0;
  AmountResult result;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (max_fen >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  typed = shown (text);

  if (!g_utf8_validate (text, -1, NULL))
    goto not_an_amount;

  /* "-¥5", "¥-5", "¥ 200 元": the sign, the yuan sign and the 元 are decoration around
   * the number, with any spaces in between. */
  p = typed;
  negative = skip_prefix (&p, is_minus);
  skip_prefix (&p, is_yuan_sign);
  if (!negative)
    negative = skip_prefix (&p, is_minus);

  number = g_strdup (p);
  if (g_str_has_suffix (number, "元"))
    {
      g_autofree char *bare = g_strndup (number, strlen (number) - strlen ("元"));

      g_free (number);
      number = trim (bare);
    }

  if (*number == '\0')
    {
      if (negative)
        goto not_an_amount;
      set_empty_error (error, field);
      return FALSE;
    }

  ascii = fold_amount (number);
  if (ascii == NULL)
    goto not_an_amount;

  result = parse_amount (ascii, &fen);
  switch (result)
    {
    case AMOUNT_BAD:
      goto not_an_amount;

    case AMOUNT_TOO_PRECISE:
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                   _("%s: “%s” has more than two decimal places; amounts in yuan go down to the fen (0.01) and no further"),
                   field, typed);
      return FALSE;

    case AMOUNT_TOO_BIG:
    case AMOUNT_OK:
    default:
      break;
    }

  /* A negative amount is refused whatever its size: the sign is the real mistake. */
  if (negative)
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                   _("%s: “%s” is negative; amounts cannot be negative"),
                   field, typed);
      return FALSE;
    }

  if (result == AMOUNT_TOO_BIG || fen > max_fen)
    {
      set_above_cap_error (error, field, typed, max_fen);
      return FALSE;
    }

  if (out_fen != NULL)
    *out_fen = fen;
  return TRUE;

not_an_amount:
  g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
               _("%s: “%s” is not an amount of money; enter it in yuan, like 1,234.50"),
               field, typed);
  return FALSE;
}

gboolean
bf_validate_fen (gint64      fen,
                 gint64      max_fen,
                 const char *field,
                 GError    **error)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (max_fen >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fen < 0)
    {
      g_autofree char *amount = bf_format_yuan (fen);

      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                   _("%s: %s yuan is negative; amounts cannot be negative"),
                   field, amount);
      return FALSE;
    }

  if (fen > max_fen)
    {
      g_autofree char *amount = bf_format_yuan (fen);
      g_autofree char *cap = bf_format_yuan (max_fen);

      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                   _("%s: %s yuan is more than the limit of %s yuan"),
                   field, amount, cap);
      return FALSE;
    }

  return TRUE;
}

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

/* ------------------------------------------------------------------------------------ */
/* Phone numbers                                                                        */

static gboolean
is_mobile (const char *digits)
{
  return strlen (digits) == 11 &&
         digits[0] == '1' &&
         digits[1] >= '3' && digits[1] <= '9';
}

/* "07633333333" → "0763-3333333". Beijing (010) and the 02x cities have 3-digit area
 * codes, everywhere else 4; the local number has 7 or 8 digits. */
static char *
format_landline (const char *digits)
{
  gsize len = strlen (digits);
  gsize area_len;
  gsize local_len;

  if (len < 3 || digits[0] != '0' || digits[1] == '0')
    return NULL;

  if ((digits[1] == '1' && digits[2] == '0') || digits[1] == '2')
    area_len = 3;
  else
    area_len = 4;

  if (len <= area_len)
    return NULL;
  local_len = len - area_len;
  if (local_len < 7 || local_len > 8)
    return NULL;

  return g_strdup_printf ("%.*s-%s", (int) area_len, digits, digits + area_len);
}

char *
bf_phone_normalize (const char  *input,
                    GError     **error)
{
  const char *label = _("Phone number");
  g_autofree char *typed = NULL;
  g_autoptr(GString) digits = NULL;
  gboolean international = FALSE;
  gboolean plus = FALSE;
  char *landline;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (input == NULL)
    input = "";

  typed = shown (input);

  if (*typed == '\0')
    {
      set_empty_error (error, label);
      return NULL;
    }

  if (!g_utf8_validate (input, -1, NULL))
    goto not_a_phone;

  digits = g_string_sized_new (16);
  for (const char *p = typed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = fold_digit (g_utf8_get_char (p));

      /* People write 138-0013-8000, 138 0013 8000 and 0763-3333333. */
      if (is_space (c) || is_minus (c))
        continue;

      if (c == '+' || c == 0xFF0B /* ＋ */)
        {
          if (plus || digits->len > 0)
            goto not_a_phone;
          plus = TRUE;
          continue;
        }

      if (!g_ascii_isdigit (c))
        goto not_a_phone;
      g_string_append_c (digits, (char) c);
    }

  if (plus || g_str_has_prefix (digits->str, "0086"))
    {
      gsize prefix = plus ? 2 : 4;

      if (!g_str_has_prefix (digits->str + (plus ? 0 : 2), "86"))
        goto not_a_phone;
      g_string_erase (digits, 0, (gssize) prefix);
      international = TRUE;
    }
  else if (digits->len == 13 && g_str_has_prefix (digits->str, "86") &&
           is_mobile (digits->str + 2))
    {
      /* "8613800138000": the country code without the plus. Only for mobiles, where
       * the length makes it unambiguous. */
      g_string_erase (digits, 0, 2);
    }

  if (is_mobile (digits->str))
    return g_string_free (g_steal_pointer (&digits), FALSE);

  /* In international form a landline drops the trunk 0: +86 763 3333333. */
  if (international && digits->str[0] != '0')
    g_string_prepend_c (digits, '0');

  landline = format_landline (digits->str);
  if (landline != NULL)
    return landline;

not_a_phone:
  g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_PHONE,
               _("%s: “%s” is not a phone number; enter an 11-digit mobile number, or a landline number with its area code, like 0763-3333333"),
               label, typed);
  return NULL;
}
