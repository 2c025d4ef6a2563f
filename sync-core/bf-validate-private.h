/* bf-validate-private.h: small text helpers shared by the validation files. */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-validate.h"

#define ID_LENGTH 18
#define OLD_ID_LENGTH 15


/* U+3000 IDEOGRAPHIC SPACE is what the space bar gives with a Chinese input method in
 * full-width mode; U+00A0 comes with text pasted from web pages and office documents. */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isspace ((char) c);
  return c == 0x3000 || c == 0x00A0;
}

/* Maps the full-width digits U+FF10..U+FF19 of Chinese input methods to ASCII. */
static inline gunichar
fold_digit (gunichar c)
{
  if (c >= 0xFF10 && c <= 0xFF19)
    return '0' + (c - 0xFF10);
  return c;
}

/* @text without leading and trailing spaces. @text must be valid UTF-8. */
static inline char *
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
static inline char *
shown (const char *input)
{
  g_autofree char *valid = g_utf8_make_valid (input, -1);

  return trim (valid);
}

static inline gboolean
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

static inline guint
digits_value (const char *s,
              gsize       len)
{
  guint value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (guint) (s[i] - '0');
  return value;
}

static inline void
set_empty_error (GError    **error,
                 const char *field)
{
  g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
               _("%s: nothing was entered"), field);
}

static inline gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0x2212 /* − MINUS SIGN */ || c == 0xFF0D /* － */;
}

