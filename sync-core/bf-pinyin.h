/* bf-pinyin.h: names in pinyin, for sorting and for searching as people type.
 *
 * The table is Unihan's kMandarin (first reading, tones removed, ü as v) for CJK Unified
 * Ideographs and Extension A, generated into data/pinyin/mandarin.txt by
 * tools/gen-pinyin-table.py and compiled into the library. It is loaded once, on first use,
 * and is read-only after that, so every function here may be called from any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The plain pinyin of one character ("zhang", "lv"), or NULL when the table has none. */
const char *bf_pinyin_of_char (gunichar c);

/* A name's keys: @full is its syllables in lowercase ASCII separated by single spaces
 * ("zhang san"), @initials their first letters ("zs"). A name that begins with a surname
 * whose reading differs from the character's usual one gets the surname's (单 shan, 尉迟 yu
 * chi). Runs of ASCII letters and digits are kept, lowercased, as syllables of their own;
 * characters with no reading and punctuation are left out. Either out pointer may be NULL. */
void        bf_pinyin_keys (const char *utf8, char **full, char **initials);

/* Whether @query — lowercase ASCII letters, no spaces — spells the syllables of @full (as
 * bf_pinyin_keys() makes it) from the start of any syllable, each typed whole or as a prefix:
 * "zs", "zhangs", "zhangsan", "zsan" and "san" all match "zhang san"; "hang" does not. */
gboolean    bf_pinyin_match (const char *full, const char *query);

/* The number of characters the table gives a reading, and of distinct syllables: for tests
 * and for a startup check that the compiled-in table is whole. */
guint       bf_pinyin_table_size (guint *n_syllables);

G_END_DECLS
