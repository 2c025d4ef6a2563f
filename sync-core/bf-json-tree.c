/* bf-json-tree.c: parsing checked JSON into arena nodes, and writing JSON strings.
 *
 * The parser trusts the strict check for the grammar but not blindly: every step still
 * checks the byte it expects and fails cleanly, so a disagreement between the two can never
 * read past the buffer.
 */
#include "bf-config.h"
#include "bf-json-tree.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-json-strict.h"
#include "bf-wire.h"

#define BLOCK_SIZE (64 * 1024)

struct _BfJsonTree {
  char       *text;       /* a NUL-terminated copy of the input; strings unescape into it */
  GPtrArray  *blocks;     /* arena blocks */
  guint8     *free_at;    /* the free part of the newest block */
  gsize       free_size;
  BfJsonNode *root;
};

typedef struct {
  BfJsonTree *tree;
  char       *p;
  char       *end;
  GArray     *members;    /* scratch stack of BfJsonMember while objects are parsed */
  GPtrArray  *items;      /* scratch stack of BfJsonNode* while arrays are parsed */
} Parser;

static gpointer
arena_alloc (BfJsonTree *tree, gsize size)
{
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;
  if (size > tree->free_size)
    {
      gsize block = MAX (size, BLOCK_SIZE);
      tree->free_at = g_malloc (block);
      tree->free_size = block;
      g_ptr_array_add (tree->blocks, tree->free_at);
    }
  memory = tree->free_at;
  tree->free_at += size;
  tree->free_size -= size;
  return memory;
}

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r'))
    parser->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser *parser, const char *at, gunichar *out)
{
  gunichar value = 0;

  if (parser->end - at < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (at[i]);
      if (digit < 0)
        return FALSE;
      value = value << 4 | (gunichar) digit;
    }
  *out = value;
  return TRUE;
}

/* Unescapes the string at p (its opening quote) in place; returns its start, NUL-terminated. */
static const char *
parse_string (Parser *parser, guint *out_length)
{
  char *read = parser->p + 1, *write, *start = read;
  const char *end = parser->end;

  /* Up to the first escape, which most strings never reach, nothing moves. */
  while (read < end && *read != '"' && *read != '\\')
    read++;
  write = read;
  while (read < parser->end && *read != '"')
    {
      if (*read != '\\')
        {
          *write++ = *read++;
          continue;
        }
      if (read + 1 >= parser->end)
        return NULL;
      switch (read[1])
        {
        case '"': *write++ = '"'; break;
        case '\\': *write++ = '\\'; break;
        case '/': *write++ = '/'; break;
        case 'b': *write++ = '\b'; break;
        case 'f': *write++ = '\f'; break;
        case 'n': *write++ = '\n'; break;
        case 'r': *write++ = '\r'; break;
        case 't': *write++ = '\t'; break;
        case 'u':
          {
            gunichar c, low;
            if (!read_hex4 (parser, read + 2, &c))
              return NULL;
            read += 6;
            if (c >= 0xD800 && c <= 0xDBFF)
              {
                if (parser->end - read < 6 || read[0] != '\\' || read[1] != 'u' ||
                    !read_hex4 (parser, read + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                  return NULL;
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                read += 6;
              }
            else if ((c >= 0xDC00 && c <= 0xDFFF) || c == 0)
              return NULL;
            /* Six escaped bytes always make at least as many as their UTF-8. */
            write += g_unichar_to_utf8 (c, write);
            continue;
          }
        default:
          return NULL;
        }
      read += 2;
    }
  if (read >= parser->end)
    return NULL;
  parser->p = read + 1;
  *write = '\0';
  *out_length = (guint) (write - start);
  return start;
}

static gboolean
parse_number (Parser *parser, BfJsonNode *node)
{
  char *start = parser->p, *p = start;
  gboolean negative = *p == '-', integral = TRUE;
  guint64 magnitude = 0;

  if (negative)
    p++;
  while (p < parser->end && g_ascii_isdigit (*p))
    {
      guint digit = (guint) (*p - '0');
      if (magnitude > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      magnitude = magnitude * 10 + digit;
      p++;
    }
  if (p == start + negative)
    return FALSE;
  while (p < parser->end && (*p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-' ||
                             g_ascii_isdigit (*p)))
    {
      integral = FALSE;
      p++;
    }
  parser->p = p;
  if (!integral)
    {
      node->type = BF_JSON_DOUBLE;
      return TRUE;
    }
  if (magnitude > (guint64) G_MAXINT64 + negative)
    return FALSE;
  node->type = BF_JSON_INTEGER;
  node->integer = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  return TRUE;
}

static gboolean
expect_word (Parser *parser, const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (parser->end - parser->p) < length || memcmp (parser->p, word, length) != 0)
    return FALSE;
  parser->p += length;
  return TRUE;
}

static BfJsonNode *parse_value (Parser *parser, guint depth);

static gboolean
parse_object (Parser *parser, BfJsonNode *node, guint depth)
{
  guint first = parser->members->len;

  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == '}')
    parser->p++;
  else
    for (;;)
      {
        BfJsonMember member;
        guint length;

        skip_space (parser);
        if (parser->p >= parser->end || *parser->p != '"' ||
            (member.name = parse_string (parser, &length)) == NULL)
          return FALSE;
        skip_space (parser);
        if (parser->p >= parser->end || *parser->p != ':')
          return FALSE;
        parser->p++;
        if ((member.value = parse_value (parser, depth)) == NULL)
          return FALSE;
        g_array_append_val (parser->members, member);
        skip_space (parser);
        if (parser->p < parser->end && *parser->p == ',')
          {
            parser->p++;
            continue;
          }
        if (parser->p < parser->end && *parser->p == '}')
          {
            parser->p++;
            break;
          }
        return FALSE;
      }
  node->type = BF_JSON_OBJECT;
  node->length = parser->members->len - first;
  node->members = arena_alloc (parser->tree, node->length * sizeof (BfJsonMember) + 1);
  /* An empty object may have no member array at all: memcpy must not see its NULL. */
  if (node->length > 0)
    memcpy (node->members, &g_array_index (parser->members, BfJsonMember, first),
            node->length * sizeof (BfJsonMember));
  g_array_set_size (parser->members, first);
  return TRUE;
}

static gboolean
parse_array (Parser *parser, BfJsonNode *node, guint depth)
{
  guint first = parser->items->len;

  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == ']')
    parser->p++;
  else
    for (;;)
      {
        BfJsonNode *item = parse_value (parser, depth);
        if (item == NULL)
          return FALSE;
        g_ptr_array_add (parser->items, item);
        skip_space (parser);
        if (parser->p < parser->end && *parser->p == ',')
          {
            parser->p++;
            continue;
          }
        if (parser->p < parser->end && *parser->p == ']')
          {
            parser->p++;
            break;
          }
        return FALSE;
      }
  node->type = BF_JSON_ARRAY;
  node->length = parser->items->len - first;
  node->items = arena_alloc (parser->tree, node->length * sizeof (BfJsonNode *) + 1);
  /* An empty array may come before any item was seen: pdata is NULL then (UBSan). */
  if (node->length > 0)
    memcpy (node->items, parser->items->pdata + first, node->length * sizeof (BfJsonNode *));
  g_ptr_array_set_size (parser->items, first);
  return TRUE;
}

static BfJsonNode *
parse_value (Parser *parser, guint depth)
{
  BfJsonNode *node = arena_alloc (parser->tree, sizeof (BfJsonNode));
  gboolean ok;

  memset (node, 0, sizeof *node);
  skip_space (parser);
  if (parser->p >= parser->end || depth > 64)
    return NULL;
  switch (*parser->p)
    {
    case '{':
      ok = parse_object (parser, node, depth + 1);
      break;
    case '[':
      ok = parse_array (parser, node, depth + 1);
      break;
    case '"':
      node->type = BF_JSON_STRING;
      ok = (node->string = parse_string (parser, &node->length)) != NULL;
      break;
    case 't':
      node->type = BF_JSON_BOOLEAN;
      node->boolean = TRUE;
      ok = expect_word (parser, "true");
      break;
    case 'f':
      node->type = BF_JSON_BOOLEAN;
      ok = expect_word (parser, "false");
      break;
    case 'n':
      node->type = BF_JSON_NULL;
      ok = expect_word (parser, "null");
      break;
    default:
      ok = parse_number (parser, node);
      break;
    }
  return ok ? node : NULL;
}

BfJsonTree *
bf_json_tree_parse (const guint8 *data, gsize length, gsize max_bytes, guint max_depth,
                    GError **error)
{
  g_autoptr(BfJsonTree) tree = NULL;
  Parser parser = { NULL };

  if (!bf_json_strict_check (data, length, max_bytes, max_depth, error))
    return NULL;
  tree = g_new0 (BfJsonTree, 1);
  tree->blocks = g_ptr_array_new_with_free_func (g_free);
  tree->text = g_malloc (length + 1);
  memcpy (tree->text, data, length);
  tree->text[length] = '\0';
  parser.tree = tree;
  parser.p = tree->text;
  parser.end = tree->text + length;
  parser.members = g_array_new (FALSE, FALSE, sizeof (BfJsonMember));
  parser.items = g_ptr_array_new ();
  tree->root = parse_value (&parser, 0);
  skip_space (&parser);
  g_array_unref (parser.members);
  g_ptr_array_unref (parser.items);
  if (tree->root == NULL || parser.p != parser.end)
    {
      /* The strict check passed these bytes: this parser and it disagree. */
      g_set_error (error, BF_WIRE_ERROR, BF_WIRE_ERROR_SYNTAX,
                   _("Malformed data at byte %lu"), (unsigned long) (parser.p - tree->text));
      return NULL;
    }
  return g_steal_pointer (&tree);
}

void
bf_json_tree_free (BfJsonTree *tree)
{
  if (tree == NULL)
    return;
  g_ptr_array_unref (tree->blocks);
  g_free (tree->text);
  g_free (tree);
}

BfJsonNode *
bf_json_tree_root (BfJsonTree *tree)
{
  return tree->root;
}

BfJsonNode *
bf_json_object_get (const BfJsonNode *object, const char *name)
{
  if (object == NULL || object->type != BF_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->length; i++)
    if (strcmp (object->members[i].name, name) == 0)
      return object->members[i].value;
  return NULL;
}

void
bf_json_append_string (GString *out, const char *text)
{
  const char *run;

  if (text == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }
  g_string_append_c (out, '"');
  run = text;
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
bf_json_append_name (GString *out, gboolean *first, const char *name)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append_len (out, "\":", 2);
}

void
bf_json_append_int (GString *out, gint64 value)
{
  char digits[24];
  int at = sizeof digits;
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;

  do
    {
      digits[--at] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    digits[--at] = '-';
  g_string_append_len (out, digits + at, (gssize) sizeof digits - at);
}
