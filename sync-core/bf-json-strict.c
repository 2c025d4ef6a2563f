/* bf-json-strict.c: the strict pre-parse check of untrusted JSON.
 *
 * One pass, no recursion: an explicit stack of open containers, at most @max_depth deep. Only
 * object keys are unescaped (they must be compared for duplicates); every other string is just
 * walked.
 */
#include "bf-config.h"
#include "bf-json-strict.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-wire.h"

/* Up to this many keys an object is checked for duplicates as each key arrives, by comparing
 * with the ones before (most of a real batch's objects are this small). A larger object is
 * checked once, when it closes, by sorting its keys: comparing every pair of up to
 * BF_JSON_STRICT_MAX_MEMBERS long keys would cost quadratic time, and a hash table could be
 * flooded with colliding keys. */
#define SMALL_OBJECT 16

/* A key's text is read in place from the input; only a key written with escapes is
 * unescaped, into a copy of its own. Comparisons go by length and bytes. */
typedef struct {
  const char *text;
  gsize       length;
  gsize       offset;   /* of its opening quote, for the message */
  char       *owned;    /* the unescaped copy, when the key had escapes */
} Key;

typedef struct {
  gboolean is_object;
  GArray  *keys;  /* Key; kept and reused by the next container at this depth */
} Frame;

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         pos;
  GString      *key;      /* scratch: the key being read, unescaped */
} Scanner;

static gboolean
fail (GError **error, gsize offset, const char *reason)
{
  g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX,
               /* Translators: %lu is a byte offset; %s says what is wrong there */
               _("Malformed data at byte %lu: %s"), (unsigned long) offset, reason);
  return FALSE;
}

static void
key_clear (gpointer data)
{
  Key *key = data;
  g_free (key->owned);
}

static gboolean
key_equal (const Key *a, const Key *b)
{
  /* Most keys of an object differ in length or first byte. */
  return a->length == b->length &&
         (a->length == 0 || (a->text[0] == b->text[0] && memcmp (a->text, b->text, a->length) == 0));
}

static void
frame_clear (gpointer data)
{
  Frame *frame = data;
  g_clear_pointer (&frame->keys, g_array_unref);
}

static int
key_compare (gconstpointer a, gconstpointer b)
{
  const Key *key_a = a;
  const Key *key_b = b;
  int by_text = memcmp (key_a->text, key_b->text, MIN (key_a->length, key_b->length));

  if (by_text != 0)
    return by_text;
  if (key_a->length != key_b->length)
    return key_a->length < key_b->length ? -1 : 1;
  return key_a->offset < key_b->offset ? -1 : key_a->offset > key_b->offset;
}

char *
bf_json_display_text (const char *text)
{
  GString *shown = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (n == 40)
        {
          g_string_append (shown, "…");
          break;
        }
      /* Bidirectional overrides and line separators could disguise the rest of the line. */
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (shown, '?');
      else
        g_string_append_unichar (shown, c);
    }
  return g_string_free (shown, FALSE);
}

static gboolean
fail_duplicate (GError **error, const Key *key)
{
  g_autofree char *text = g_strndup (key->text, key->length);
  g_autofree char *shown = bf_json_display_text (text);
  g_autofree char *reason = g_strdup_printf (_("duplicate key “%s”"), shown);

  return fail (error, key->offset, reason);
}

/* Takes @key (and its owned copy, if any) into @frame's object. */
static gboolean
frame_add_key (Frame *frame, Key *key, GError **error)
{
  if (frame->keys->len >= BF_JSON_STRICT_MAX_MEMBERS)
    {
      g_autofree char *reason = g_strdup_printf (_("more than %u members in an object"),
                                                 (guint) BF_JSON_STRICT_MAX_MEMBERS);
      key_clear (key);
      return fail (error, key->offset, reason);
    }
  if (frame->keys->len < SMALL_OBJECT)
    {
      for (guint i = 0; i < frame->keys->len; i++)
        if (key_equal (&g_array_index (frame->keys, Key, i), key))
          {
            gboolean failed = fail_duplicate (error, key);
            key_clear (key);
            return failed;
          }
    }
  g_array_append_val (frame->keys, *key);
  return TRUE;
}

/* When a large object closes: its keys sorted, a duplicate sits next to its twin. */
static gboolean
frame_check_keys (Frame *frame, GError **error)
{
  if (frame->keys->len <= SMALL_OBJECT)
    return TRUE;
  g_array_sort (frame->keys, key_compare);
  for (guint i = 1; i < frame->keys->len; i++)
    {
      const Key *before = &g_array_index (frame->keys, Key, i - 1);
      const Key *key = &g_array_index (frame->keys, Key, i);
      if (key_equal (before, key))
        return fail_duplicate (error, key);
    }
  return TRUE;
}

static void
skip_whitespace (Scanner *s)
{
  while (s->pos < s->length)
    {
      guint8 c = s->data[s->pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

static int
read_hex4 (const Scanner *s, gsize at)
{
  int value = 0;

  if (at + 4 > s->length)
    return -1;
  for (gsize i = at; i < at + 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->data[i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The bytes a walk through a string stops at: its end, an escape, a control character. */
static inline gboolean
stops_string (guint8 c)
{
  return c == '"' || c == '\\' || c < 0x20;
}

/* Walks the string whose opening quote is at s->pos, leaving s->pos after the closing one.
 * With @decoded, appends its unescaped text there. */
static gboolean
scan_string (Scanner *s, GString *decoded, GError **error)
{
  /* Locals: through s the compiler would reload both for every byte. */
  const guint8 *data = s->data;
  const gsize length = s->length;
  gsize pos = s->pos + 1;

  for (;;)
    {
      gsize run = pos;
      guint8 c;

      while (pos < length && !stops_string (data[pos]))
        pos++;
      if (decoded != NULL && pos > run)
        g_string_append_len (decoded, (const char *) data + run, (gssize) (pos - run));
      if (pos >= length)
        return fail (error, length, _("unterminated string"));
      c = data[pos];
      if (c == '"')
        {
          s->pos = pos + 1;
          return TRUE;
        }
      if (c < 0x20)
        return fail (error, pos, _("control character in a string"));

      if (pos + 1 >= s->length)
        return fail (error, s->length, _("unterminated string"));
      switch (s->data[pos + 1])
        {
        case '"': case '\\': case '/':
          c = s->data[pos + 1];
          break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
          {
            int unit = read_hex4 (s, pos + 2);
            gunichar code;

            if (unit < 0)
              return fail (error, pos, _("invalid \\u escape"));
            /* json-glib would end the C string there: "visit\u0000x" would read as "visit". */
            if (unit == 0)
              return fail (error, pos, _("\\u0000 in a string"));
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return fail (error, pos, _("lone surrogate in a \\u escape"));
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = -1;

                if (pos + 7 < s->length && s->data[pos + 6] == '\\' && s->data[pos + 7] == 'u')
                  low = read_hex4 (s, pos + 8);
                if (low < 0xdc00 || low > 0xdfff)
                  return fail (error, pos, _("lone surrogate in a \\u escape"));
                code = 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00);
                pos += 12;
              }
            else
              {
                code = (gunichar) unit;
                pos += 6;
              }
            if (decoded != NULL)
              g_string_append_unichar (decoded, code);
            continue;
          }
        default:
          return fail (error, pos, _("invalid escape sequence"));
        }
      if (decoded != NULL)
        g_string_append_c (decoded, (char) c);
      pos += 2;
    }
}

/* RFC 8259 numbers. An integer must fit in a gint64: json-glib wraps larger ones silently. */
static gboolean
scan_number (Scanner *s, GError **error)
{
  gsize start = s->pos;
  gsize pos = s->pos;
  gboolean negative = FALSE;
  gboolean integral = TRUE;
  gsize digits_start, n_digits;

  if (s->data[pos] == '-')
    {
      negative = TRUE;
      pos++;
    }
  if (pos >= s->length || !g_ascii_isdigit (s->data[pos]))
    return fail (error, start, _("invalid number"));
  digits_start = pos;
  if (s->data[pos] == '0')
    {
      pos++;
      if (pos < s->length && g_ascii_isdigit (s->data[pos]))
        return fail (error, start, _("invalid number"));
    }
  else
    while (pos < s->length && g_ascii_isdigit (s->data[pos]))
      pos++;
  n_digits = pos - digits_start;

  if (pos < s->length && s->data[pos] == '.')
    {
      integral = FALSE;
      pos++;
      if (pos >= s->length || !g_ascii_isdigit (s->data[pos]))
        return fail (error, start, _("invalid number"));
      while (pos < s->length && g_ascii_isdigit (s->data[pos]))
        pos++;
    }
  if (pos < s->length && (s->data[pos] == 'e' || s->data[pos] == 'E'))
    {
      integral = FALSE;
      pos++;
      if (pos < s->length && (s->data[pos] == '+' || s->data[pos] == '-'))
        pos++;
      if (pos >= s->length || !g_ascii_isdigit (s->data[pos]))
        return fail (error, start, _("invalid number"));
      while (pos < s->length && g_ascii_isdigit (s->data[pos]))
        pos++;
    }

  if (integral)
    {
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

      if (n_digits > 19 || (n_digits == 19 && memcmp (s->data + digits_start, limit, 19) > 0))
        return fail (error, start, _("integer out of range"));
    }
  s->pos = pos;
  return TRUE;
}

static gboolean
scan_literal (Scanner *s, GError **error)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);
      if (s->length - s->pos >= n && memcmp (s->data + s->pos, literals[i], n) == 0)
        {
          s->pos += n;
          return TRUE;
        }
    }
  return fail (error, s->pos, _("unexpected character"));
}

/* Reads `"key" :` in @frame's object, leaving s->pos at the value. */
static gboolean
scan_key (Scanner *s, Frame *frame, GError **error)
{
  Key key = { NULL, 0, 0, NULL };
  gsize offset;

  skip_whitespace (s);
  if (s->pos >= s->length)
    return fail (error, s->length, _("unexpected end of data"));
  if (s->data[s->pos] != '"')
    return fail (error, s->pos, _("expected a key"));
  offset = s->pos;
  if (!scan_string (s, NULL, error))
    return FALSE;
  key.text = (const char *) s->data + offset + 1;
  key.length = s->pos - offset - 2;
  key.offset = offset;
  if (memchr (key.text, '\\', key.length) != NULL)
    {
      /* The same walk again, unescaping: it cannot fail where the first did not. */
      s->pos = offset;
      g_string_truncate (s->key, 0);
      scan_string (s, s->key, NULL);
      key.owned = g_strndup (s->key->str, s->key->len);
      key.text = key.owned;
      key.length = s->key->len;
    }
  if (!frame_add_key (frame, &key, error))
    return FALSE;
  skip_whitespace (s);
  if (s->pos >= s->length)
    return fail (error, s->length, _("unexpected end of data"));
  if (s->data[s->pos] != ':')
    return fail (error, s->pos, _("expected “:”"));
  s->pos++;
  return TRUE;
}

/* Opens a container at depth @depth (0 for the outermost), reusing the frame there. */
static Frame *
push_frame (GArray *stack, guint depth, gboolean is_object)
{
  Frame *frame;

  if (depth >= stack->len)
    {
      Frame fresh = { FALSE, NULL };
      fresh.keys = g_array_new (FALSE, FALSE, sizeof (Key));
      g_array_set_clear_func (fresh.keys, key_clear);
      g_array_append_val (stack, fresh);
    }
  frame = &g_array_index (stack, Frame, depth);
  frame->is_object = is_object;
  g_array_set_size (frame->keys, 0);
  return frame;
}

static gboolean
scan (Scanner *s, guint max_depth, GError **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  guint depth = 0;   /* containers open */

  g_array_set_clear_func (stack, frame_clear);

  /* Each turn of the loop reads one value, then the separators and closing brackets after
   * it, up to the start of the next value. */
  for (;;)
    {
      guint8 c;

      skip_whitespace (s);
      if (s->pos >= s->length)
        return fail (error, s->length, _("unexpected end of data"));
      c = s->data[s->pos];

      if (c == '{' || c == '[')
        {
          Frame *frame;
          g_autofree char *reason = NULL;

          if (depth >= max_depth)
            {
              reason = g_strdup_printf (_("nested deeper than %u levels"), max_depth);
              return fail (error, s->pos, reason);
            }
          frame = push_frame (stack, depth++, c == '{');
          s->pos++;
          skip_whitespace (s);
          if (s->pos < s->length && s->data[s->pos] == (c == '{' ? '}' : ']'))
            {
              s->pos++;
              depth--;
            }
          else if (c == '{')
            {
              if (!scan_key (s, frame, error))
                return FALSE;
              continue;
            }
          else
            continue;
        }
      else if (c == '"')
        {
          if (!scan_string (s, NULL, error))
            return FALSE;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          if (!scan_number (s, error))
            return FALSE;
        }
      else if (!scan_literal (s, error))
        return FALSE;

      /* After a value: close what ends here, then find where the next value starts. */
      for (;;)
        {
          Frame *frame;

          skip_whitespace (s);
          if (depth == 0)
            {
              if (s->pos != s->length)
                return fail (error, s->pos, _("data after the end of the value"));
              return TRUE;
            }
          if (s->pos >= s->length)
            return fail (error, s->length, _("unexpected end of data"));
          frame = &g_array_index (stack, Frame, depth - 1);
          c = s->data[s->pos];
          if (c == ',')
            {
              s->pos++;
              if (frame->is_object && !scan_key (s, frame, error))
                return FALSE;
              break;
            }
          if (c != (frame->is_object ? '}' : ']'))
            return fail (error, s->pos, _("unexpected character"));
          if (frame->is_object && !frame_check_keys (frame, error))
            return FALSE;
          s->pos++;
          depth--;
        }
    }
}

/* Whether @data is UTF-8 without NUL bytes, as g_utf8_validate_len() decides, but run only
 * over the non-ASCII stretches: a batch is mostly ASCII, which eight bytes at a time passes
 * with a mask. On failure, @out_bad is the offset of the first bad byte. */
static gboolean
validate_text (const guint8 *data, gsize length, gsize *out_bad)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize pos = 0;

  while (pos < length)
    {
      gsize end;
      const char *bad = NULL;

      if (pos + 8 <= length)
        {
          guint64 word;

          memcpy (&word, data + pos, sizeof word);
          /* No byte with its high bit set, and none zero. */
          if (((word | ((word - ones) & ~word)) & highs) == 0)
            {
              pos += 8;
              continue;
            }
        }
      if (data[pos] == 0)
        {
          *out_bad = pos;
          return FALSE;
        }
      if (data[pos] < 0x80)
        {
          pos++;
          continue;
        }
      for (end = pos; end < length && data[end] >= 0x80; end++)
        ;
      if (!g_utf8_validate_len ((const char *) data + pos, end - pos, &bad))
        {
          *out_bad = (gsize) ((const guint8 *) bad - data);
          return FALSE;
        }
      pos = end;
    }
  return TRUE;
}

gboolean
bf_json_strict_check (const guint8 *data, gsize length, gsize max_bytes, guint max_depth,
                      GError **error)
{
  g_autoptr(GString) key = NULL;
  gsize bad = 0;
  Scanner s = { data, length, 0, NULL };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length == 0)
    {
      g_set_error_literal (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX, _("No data"));
      return FALSE;
    }
  if (length > max_bytes)
    {
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX,
                   _("Data too large: %lu bytes, at most %lu"),
                   (unsigned long) length, (unsigned long) max_bytes);
      return FALSE;
    }
  /* Also refuses NUL bytes, overlong forms and UTF-8-encoded surrogates. */
  if (!validate_text (data, length, &bad))
    return fail (error, bad, data[bad] == 0 ? _("NUL byte") : _("invalid UTF-8"));

  key = g_string_new (NULL);
  s.key = key;
  return scan (&s, max_depth, error);
}
