/* bf-validate-phone.c: mainland mobile and landline numbers. */
#include "bf-config.h"
#include "bf-validate-private.h"

#include "bf-format.h"

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

