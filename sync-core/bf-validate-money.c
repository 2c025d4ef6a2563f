/* bf-validate-money.c: amounts typed in yuan, and money in fen. */
#include "bf-config.h"
#include "bf-validate-private.h"

#include "bf-format.h"

/* ------------------------------------------------------------------------------------ */
/* Money                                                                                */

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

