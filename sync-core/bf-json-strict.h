/* bf-json-strict.h: a strict JSON validator, run over untrusted bytes before json-glib sees
 * them.
 *
 * json-glib is forgiving where an attacker can profit: it keeps the last of two members with
 * one key (so a checker reading the first and an applier reading the second disagree), wraps
 * integers beyond 64 bits silently (-9223372036854775809 becomes G_MAXINT64), accepts leading
 * zeros and cuts strings at "\u0000". This single pass refuses all of that, and bounds the
 * input's size and nesting, so the parser only ever sees plain, unambiguous JSON (RFC 8259).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most members one object may have. json-glib keeps an object's members in a GHashTable
 * keyed by g_str_hash, whose collisions anyone can compute ("Ab" and "BA" collide, and so do
 * all their concatenations): one object of a million such keys would keep the parser busy
 * for hours. No object of the sync formats has more than a few hundred members. */
#define BF_JSON_STRICT_MAX_MEMBERS 256

/* TRUE when @data is one JSON value, at most @max_bytes long and @max_depth deep (a top-level
 * object or array is depth 1), in valid UTF-8 with no NUL byte, with no duplicate key in any
 * object (after unescaping: "a" and "\u0061" are the same key) nor more than
 * BF_JSON_STRICT_MAX_MEMBERS members in one, no raw control character or
 * "\u0000" in a string, no lone surrogate in a \u escape, and every number written the way
 * RFC 8259 spells it, integers (no fraction, no exponent) within the 64-bit signed range.
 * Otherwise FALSE with BF_WIRE_ERROR_SYNTAX and a message naming the byte offset. */
gboolean bf_json_strict_check (const guint8 *data, gsize length, gsize max_bytes,
                               guint max_depth, GError **error);

/* A string from untrusted input made fit to quote in a message: at most 40 characters (an
 * ellipsis marks the cut), and control and format characters replaced by "?", since
 * "\u001b" unescapes to a terminal's ESC and U+202E reverses the text after it.
 * @text must be valid UTF-8, as everything the check passed is. */
char *bf_json_display_text (const char *text);

G_END_DECLS
