/* bf-validate.c: checks on what people type — ID numbers, money, dates, phone numbers.
 *
 * The people typing are village cadres copying from paper cards, often on a phone keyboard
 * with a Chinese input method switched on. So the checks accept the harmless variations
 * (full-width digits, spaces between groups, a lower-case x, a yuan sign) and refuse the
 * real mistakes with a message that says what is wrong and, where possible, how to fix it.
 */
#include "bf-config.h"
#include "bf-validate-private.h"

#include "bf-format.h"

G_DEFINE_QUARK (bf-validate-error-quark, bf_validate_error)

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

