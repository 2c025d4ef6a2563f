/* bf-json-tree.h: a small, fast JSON tree for the sync formats.
 *
 * json-glib builds a GHashTable for every object and a refcounted node for every value: for a
 * batch of 5,000 changes that is some 50,000 allocations before the first field is read, and
 * it was a quarter of a sync's time. This tree lives in a few arena blocks freed at once; an
 * object's members stay in their written order in a plain array (the sync formats' objects
 * have a handful of members, and bf_json_strict_check() caps them at 256), and strings are
 * unescaped in place in a copy of the input.
 *
 * It parses only what bf_json_strict_check() passed (it runs the check itself): plain RFC 8259
 * JSON with no duplicate keys, integers within 64 bits, valid UTF-8, bounded depth.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BF_JSON_NULL,
  BF_JSON_BOOLEAN,
  BF_JSON_INTEGER,   /* written without fraction or exponent */
  BF_JSON_DOUBLE,    /* any other number; its value is not kept */
  BF_JSON_STRING,
  BF_JSON_OBJECT,
  BF_JSON_ARRAY,
} BfJsonType;

typedef struct _BfJsonNode BfJsonNode;

typedef struct {
  const char *name;
  BfJsonNode *value;
} BfJsonMember;

struct _BfJsonNode {
  BfJsonType type;
  guint      length;        /* members of an object, items of an array, bytes of a string */
  union {
    gboolean      boolean;
    gint64        integer;
    const char   *string;   /* NUL-terminated, valid UTF-8 */
    BfJsonMember *members;
    BfJsonNode  **items;
  };
};

typedef struct _BfJsonTree BfJsonTree;

/* Checks @data strictly (see bf-json-strict.h) and parses it; errors are BF_WIRE_ERROR_SYNTAX. */
BfJsonTree *bf_json_tree_parse (const guint8 *data, gsize length, gsize max_bytes,
                                guint max_depth, GError **error);
void        bf_json_tree_free  (BfJsonTree *tree);
BfJsonNode *bf_json_tree_root  (BfJsonTree *tree);

/* The member @name of an object, or NULL. */
BfJsonNode *bf_json_object_get (const BfJsonNode *object, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfJsonTree, bf_json_tree_free)

/* Writing JSON into a GString, for encoders that know their shape. */

/* @text as a JSON string (quoted and escaped), or null when NULL. */
void bf_json_append_string (GString *out, const char *text);
void bf_json_append_int    (GString *out, gint64 value);
/* "name": with a comma before unless @first; names are plain ASCII (not escaped). */
void bf_json_append_name   (GString *out, gboolean *first, const char *name);

G_END_DECLS
