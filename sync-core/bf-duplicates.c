/* bf-duplicates.c: candidate duplicate households.
 *
 * Shared ID numbers are found by SQLite through the partial index of heads' ID numbers
 * (migration 6): a self-join that touches only the heads whose number occurs twice. Names
 * are compared in C: the normalisation (NFKC, no spaces) is GLib's, and grouping the
 * district's ~5,300 heads by village and name is one pass over one query.
 */
#include "bf-config.h"
#include "bf-duplicates.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-store-private.h"

void
bf_duplicate_pair_free (BfDuplicatePair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->household_a);
  g_free (pair->household_b);
  g_free (pair->id_number);
  g_free (pair->head_name_a);
  g_free (pair->head_name_b);
  g_free (pair->village_a);
  g_free (pair->village_b);
  g_free (pair);
}

char *
bf_duplicates_normalize_name (const char *name)
{
  g_autofree char *folded = NULL;
  GString *out;

  if (name == NULL)
    return g_strdup ("");
  folded = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  if (folded == NULL)   /* not UTF-8: the store never holds such text, compare it as it is */
    return g_strdup (name);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      g_string_append_unichar (out, c < 0x80 ? (gunichar) g_ascii_tolower ((char) c) : c);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  GPtrArray  *pairs;
  GHashTable *by_key;   /* "a b" → BfDuplicatePair (owned by pairs) */
} Found;

static BfDuplicatePair *
found_pair (Found *found, const char *a, const char *name_a, const char *village_a,
            const char *b, const char *name_b, const char *village_b)
{
  g_autofree char *key = NULL;
  BfDuplicatePair *pair;

  if (strcmp (a, b) > 0)
    {
      const char *t;
      t = a, a = b, b = t;
      t = name_a, name_a = name_b, name_b = t;
      t = village_a, village_a = village_b, village_b = t;
    }
  key = g_strconcat (a, " ", b, NULL);
  pair = g_hash_table_lookup (found->by_key, key);
  if (pair != NULL)
    return pair;
  pair = g_new0 (BfDuplicatePair, 1);
  pair->household_a = g_strdup (a);
  pair->household_b = g_strdup (b);
  pair->head_name_a = g_strdup (name_a);
  pair->head_name_b = g_strdup (name_b);
  pair->village_a = g_strdup (village_a);
  pair->village_b = g_strdup (village_b);
  g_ptr_array_add (found->pairs, pair);
  g_hash_table_insert (found->by_key, g_steal_pointer (&key), pair);
  return pair;
}

#define TEXT(stmt, i) ((const char *) sqlite3_column_text (stmt, i))

static gboolean
find_same_id_number (BfStore *store, Found *found, GError **error)
{
  /* The WHERE on `a` repeats the partial index's condition so SQLite may use it. */
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT a.household_id, ha.head_name, coalesce(va.name, ''),"
    "       b.household_id, hb.head_name, coalesce(vb.name, ''), a.id_number"
    " FROM members a"
    " JOIN members b ON b.id_number = a.id_number AND b.relation = 'head' AND b.deleted = 0"
    "   AND b.household_id > a.household_id"
    " JOIN households ha ON ha.id = a.household_id AND ha.deleted = 0 AND ha.merged_into IS NULL"
    " JOIN households hb ON hb.id = b.household_id AND hb.deleted = 0 AND hb.merged_into IS NULL"
    " LEFT JOIN villages va ON va.id = ha.village_id"
    " LEFT JOIN villages vb ON vb.id = hb.village_id"
    " WHERE a.relation = 'head' AND a.id_number IS NOT NULL AND a.deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfDuplicatePair *pair = found_pair (found, TEXT (stmt, 0), TEXT (stmt, 1), TEXT (stmt, 2),
                                          TEXT (stmt, 3), TEXT (stmt, 4), TEXT (stmt, 5));
      pair->reasons |= BF_DUPLICATE_SAME_ID_NUMBER;
      if (pair->id_number == NULL)
        pair->id_number = g_strdup (TEXT (stmt, 6));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("looking for duplicate households"), error);
}

typedef struct {
  char *id;
  char *name;
} Head;

static void
head_free (gpointer data)
{
  Head *head = data;
  g_free (head->id);
  g_free (head->name);
  g_free (head);
}

/* Heads come ordered by village: each village's names are grouped in a table emptied when
 * the next village begins. */
static gboolean
find_same_head_name (BfStore *store, Found *found, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT h.id, h.village_id, h.head_name, coalesce(v.name, '') FROM households h"
    " LEFT JOIN villages v ON v.id = h.village_id"
    " WHERE h.deleted = 0 AND h.merged_into IS NULL ORDER BY h.village_id, h.id", error);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autofree char *village = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = bf_duplicates_normalize_name (TEXT (stmt, 2));
      GPtrArray *same;
      Head *head;

      if (g_strcmp0 (village, TEXT (stmt, 1)) != 0)
        {
          g_hash_table_remove_all (names);
          g_free (village);
          village = g_strdup (TEXT (stmt, 1));
        }
      if (*key == '\0')
        {
          g_free (key);
          continue;
        }
      same = g_hash_table_lookup (names, key);
      if (same == NULL)
        {
          same = g_ptr_array_new_with_free_func (head_free);
          g_hash_table_insert (names, key, same);
        }
      else
        g_free (key);
      for (guint i = 0; i < same->len; i++)
        {
          const Head *other = g_ptr_array_index (same, i);
          BfDuplicatePair *pair = found_pair (found, other->id, other->name, TEXT (stmt, 3),
                                              TEXT (stmt, 0), TEXT (stmt, 2), TEXT (stmt, 3));
          pair->reasons |= BF_DUPLICATE_SAME_HEAD_NAME;
        }
      head = g_new0 (Head, 1);
      head->id = g_strdup (TEXT (stmt, 0));
      head->name = g_strdup (TEXT (stmt, 2));
      g_ptr_array_add (same, head);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("looking for duplicate households"), error);
}

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  const BfDuplicatePair *x = *(BfDuplicatePair * const *) a;
  const BfDuplicatePair *y = *(BfDuplicatePair * const *) b;
  int c = g_strcmp0 (x->village_a, y->village_a);

  if (c == 0)
    c = strcmp (x->household_a, y->household_a);
  return c != 0 ? c : strcmp (x->household_b, y->household_b);
}

GPtrArray *
bf_duplicates_find (BfStore *store, GError **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_duplicate_pair_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Found found = { pairs, by_key };

  if (!find_same_id_number (store, &found, error) || !find_same_head_name (store, &found, error))
    return NULL;
  g_ptr_array_sort (pairs, compare_pairs);
  return g_steal_pointer (&pairs);
}
