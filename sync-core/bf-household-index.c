/* bf-household-index.c: the household list in memory — order, lookup, filtering, refresh.
 *
 * Rows are compact structs in one array in pinyin order; every string lives in one
 * GStringChunk (village and town names once each), so 100,000 households take a few dozen
 * megabytes and a filter is a linear scan with no allocation per row and no SQLite. A second
 * array holds the positions sorted by id, for bf_household_index_find() and for refreshes.
 */
#include "bf-config.h"
#include "bf-household-index-private.h"

#include <string.h>

#include "bf-pinyin.h"
#include "bf-store-private.h"

/* The strings' blocks: a hundred or so for 100,000 households. */
#define CHUNK_SIZE (1024 * 1024)

struct _BfHouseholdIndex {
  int           year;
  GArray       *entries;      /* BfIndexEntry, pinyin order */
  GArray       *by_id;        /* guint positions into entries, in id order */
  GStringChunk *strings;
  guint         dead;         /* rows whose strings are no longer referenced */
  int           visits_needed;
  gint64        support_needed_fen;
};

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const BfIndexEntry *x = a, *y = b;
  int order = strcmp (x->pinyin, y->pinyin);

  if (order == 0)
    order = strcmp (x->row.head_name, y->row.head_name);
  if (order == 0)
    order = strcmp (x->row.id, y->row.id);
  return order;
}

static int
compare_by_id (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GArray *entries = user_data;

  return strcmp (g_array_index (entries, BfIndexEntry, *(const guint *) a).row.id,
                 g_array_index (entries, BfIndexEntry, *(const guint *) b).row.id);
}

static void
sort_by_id (BfHouseholdIndex *index)
{
  g_array_set_size (index->by_id, index->entries->len);
  for (guint i = 0; i < index->entries->len; i++)
    g_array_index (index->by_id, guint, i) = i;
  g_array_sort_with_data (index->by_id, compare_by_id, index->entries);
}

static void
read_policy (BfHouseholdIndex *index, BfStore *store)
{
  const BfPolicy *policy = bf_store_get_policy (store);

  index->visits_needed = policy->visits_per_year;
  index->support_needed_fen = policy->support_per_year_fen;
}

/* Copies an entry's strings into @strings, those a search reads first. */
static void
move_strings (BfIndexEntry *e, GStringChunk *strings)
{
  e->initials = g_string_chunk_insert (strings, e->initials);
  e->pinyin = g_string_chunk_insert (strings, e->pinyin);
  e->id_numbers = g_string_chunk_insert (strings, e->id_numbers);
  e->row.head_name = g_string_chunk_insert (strings, e->row.head_name);
  e->row.id = g_string_chunk_insert (strings, e->row.id);
  e->row.village_id = g_string_chunk_insert_const (strings, e->row.village_id);
  e->row.village_name = g_string_chunk_insert_const (strings, e->row.village_name);
  e->row.town_id = g_string_chunk_insert_const (strings, e->row.town_id);
  e->row.town_name = g_string_chunk_insert_const (strings, e->row.town_name);
  if (e->row.head_id_number != NULL)
    e->row.head_id_number = g_string_chunk_insert (strings, e->row.head_id_number);
}

/* Copies every string into a fresh chunk in list order, so that a filter reads memory front
 * to back instead of jumping around the id order the rows were read in (at 100,000 rows that
 * halves a keystroke), and the strings of refreshed rows are dropped. */
static void
lay_out_strings (BfHouseholdIndex *index)
{
  GStringChunk *strings = g_string_chunk_new (CHUNK_SIZE);

  for (guint i = 0; i < index->entries->len; i++)
    move_strings (&g_array_index (index->entries, BfIndexEntry, i), strings);
  g_string_chunk_free (index->strings);
  index->strings = strings;
  index->dead = 0;
}

/* Refreshed rows leave their old strings behind in the chunk: once they outweigh the live
 * ones, lay everything out again. */
static void
compact_strings (BfHouseholdIndex *index)
{
  if (index->dead >= 256 && index->dead >= index->entries->len / 2)
    lay_out_strings (index);
}

BfHouseholdIndex *
bf_household_index_build (BfStore *store, int year, GError **error)
{
  g_autoptr(BfHouseholdIndex) index = g_new0 (BfHouseholdIndex, 1);
  BfIndexLoad load;
  gint64 count = 0;
  gboolean ok;

  index->year = year;
  index->by_id = g_array_new (FALSE, FALSE, sizeof (guint));
  index->strings = g_string_chunk_new (CHUNK_SIZE);
  read_policy (index, store);
  if (!bf_index_load_begin (&load, store, index->strings, year, error))
    return NULL;
  /* Sized once: growing by doubling would leave up to half the array unused, for good. */
  ok = bf_store_query_int64 (store, "SELECT count(*) FROM households WHERE deleted = 0"
                                    " AND merged_into IS NULL", &count, error);
  index->entries = g_array_sized_new (FALSE, FALSE, sizeof (BfIndexEntry), (guint) MAX (count, 0));
  ok = ok && bf_index_load_entries (&load, store, NULL, index->entries, error);
  bf_index_load_end (&load, store, ok);
  if (!ok)
    return NULL;
  g_array_sort (index->entries, compare_entries);
  sort_by_id (index);
  lay_out_strings (index);
  return g_steal_pointer (&index);
}

void
bf_household_index_free (BfHouseholdIndex *index)
{
  if (index == NULL)
    return;
  g_clear_pointer (&index->entries, g_array_unref);
  g_clear_pointer (&index->by_id, g_array_unref);
  g_clear_pointer (&index->strings, g_string_chunk_free);
  g_free (index);
}

int
bf_household_index_year (const BfHouseholdIndex *index)
{
  return index->year;
}

guint
bf_household_index_count (const BfHouseholdIndex *index)
{
  return index->entries->len;
}

const BfHouseholdRow *
bf_household_index_get (const BfHouseholdIndex *index, guint position)
{
  g_return_val_if_fail (position < index->entries->len, NULL);
  return &g_array_index (index->entries, BfIndexEntry, position).row;
}

/* The slot in by_id where @id is or would go. */
static guint
by_id_slot (const BfHouseholdIndex *index, const char *id, gboolean *found)
{
  guint lo = 0, hi = index->by_id->len;

  *found = FALSE;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint position = g_array_index (index->by_id, guint, mid);
      int order = strcmp (g_array_index (index->entries, BfIndexEntry, position).row.id, id);

      if (order == 0)
        {
          *found = TRUE;
          return mid;
        }
      if (order < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

int
bf_household_index_find (const BfHouseholdIndex *index, const char *id)
{
  gboolean found;
  guint slot;

  g_return_val_if_fail (index != NULL, -1);
  if (id == NULL)
    return -1;
  slot = by_id_slot (index, id, &found);
  return found ? (int) g_array_index (index->by_id, guint, slot) : -1;
}

BfHouseholdShortfall
bf_household_index_shortfall (const BfHouseholdIndex *index, const BfHouseholdRow *row)
{
  BfHouseholdShortfall shortfall = BF_HOUSEHOLD_SHORT_NONE;

  /* The visit and support rules are for district-standard (区定) households, as in the
   * assessment (bf-assessment.c): 低保 and 五保 households are provided for by social security. */
  if (row->category != BF_CATEGORY_KUNNAN)
    return shortfall;
  if (row->visits_this_year < index->visits_needed)
    shortfall |= BF_HOUSEHOLD_SHORT_VISITS;
  if (row->support_fen_this_year < index->support_needed_fen)
    shortfall |= BF_HOUSEHOLD_SHORT_SUPPORT;
  return shortfall;
}

/* ---- refresh ---- */

/* Few rows changed (the usual refresh after one edit): move them in place. Each removal or
 * insertion shifts the arrays once and renumbers the id order in one pass over plain integers,
 * instead of copying every row into new arrays. */
#define IN_PLACE_MAX 8

static void
shift_positions (BfHouseholdIndex *index, guint from, int delta)
{
  for (guint k = 0; k < index->by_id->len; k++)
    {
      guint *position = &g_array_index (index->by_id, guint, k);

      if (*position >= from)
        *position = (guint) ((int) *position + delta);
    }
}

static void
update_in_place (BfHouseholdIndex *index, GArray *fresh, const gboolean *drop)
{
  gboolean found;

  for (guint i = index->entries->len; i-- > 0;)
    {
      if (!drop[i])
        continue;
      g_array_remove_index (index->by_id,
                            by_id_slot (index, g_array_index (index->entries, BfIndexEntry, i).row.id, &found));
      g_array_remove_index (index->entries, i);
      shift_positions (index, i + 1, -1);
    }
  for (guint j = 0; j < fresh->len; j++)
    {
      BfIndexEntry *entry = &g_array_index (fresh, BfIndexEntry, j);
      guint lo = 0, hi = index->entries->len, slot;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (compare_entries (&g_array_index (index->entries, BfIndexEntry, mid), entry) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      shift_positions (index, lo, +1);
      g_array_insert_val (index->entries, lo, *entry);
      slot = by_id_slot (index, entry->row.id, &found);
      g_array_insert_val (index->by_id, slot, lo);
    }
}

/* Merges @fresh (sorted) into the entries, dropping those flagged in @drop, in one pass; then
 * rebuilds the id order from the old one, also in one pass. */
static void
merge (BfHouseholdIndex *index, GArray *fresh, const gboolean *drop)
{
  GArray *old = index->entries;
  guint n_old = old->len;
  g_autofree guint *moved = g_new (guint, n_old + 1);
  g_autofree guint *fresh_at = g_new (guint, fresh->len + 1);
  g_autofree guint *fresh_by_id = g_new (guint, fresh->len + 1);
  GArray *entries = g_array_sized_new (FALSE, FALSE, sizeof (BfIndexEntry), n_old + fresh->len);
  GArray *by_id = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_old + fresh->len);
  guint i = 0, j = 0;

  while (i < n_old || j < fresh->len)
    {
      BfIndexEntry *a = i < n_old ? &g_array_index (old, BfIndexEntry, i) : NULL;
      BfIndexEntry *b = j < fresh->len ? &g_array_index (fresh, BfIndexEntry, j) : NULL;

      if (a != NULL && drop[i])
        {
          moved[i++] = G_MAXUINT;
          continue;
        }
      if (b == NULL || (a != NULL && compare_entries (a, b) <= 0))
        {
          moved[i++] = entries->len;
          g_array_append_val (entries, *a);
        }
      else
        {
          fresh_at[j++] = entries->len;
          g_array_append_val (entries, *b);
        }
    }

  /* The fresh rows in id order, then a merge with the survivors' id order. */
  for (guint k = 0; k < fresh->len; k++)
    fresh_by_id[k] = fresh_at[k];
  g_qsort_with_data (fresh_by_id, (gint) fresh->len, sizeof (guint), compare_by_id, entries);
  i = 0, j = 0;
  while (i < index->by_id->len || j < fresh->len)
    {
      guint a = G_MAXUINT;

      if (i < index->by_id->len)
        {
          a = moved[g_array_index (index->by_id, guint, i)];
          if (a == G_MAXUINT)
            {
              i++;
              continue;
            }
        }
      if (j >= fresh->len ||
          (a != G_MAXUINT && compare_by_id (&a, &fresh_by_id[j], entries) < 0))
        {
          g_array_append_val (by_id, a);
          i++;
        }
      else
        g_array_append_val (by_id, fresh_by_id[j++]);
    }

  g_array_unref (index->entries);
  g_array_unref (index->by_id);
  index->entries = entries;
  index->by_id = by_id;
}

gboolean
bf_household_index_refresh (BfHouseholdIndex *index, BfStore *store,
                            const char *const *household_ids, GError **error)
{
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (BfIndexEntry));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *drop = NULL;
  BfIndexLoad load;
  guint n_dropped = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (index != NULL && store != NULL, FALSE);
  if (household_ids == NULL || household_ids[0] == NULL)
    return TRUE;
  drop = g_new0 (gboolean, index->entries->len + 1);
  if (!bf_index_load_begin (&load, store, index->strings, index->year, error))
    return FALSE;
  for (guint k = 0; ok && household_ids[k] != NULL; k++)
    {
      const char *id = household_ids[k];
      int position;

      if (!g_hash_table_add (seen, (gpointer) id))
        continue;
      position = bf_household_index_find (index, id);
      if (position >= 0)
        drop[position] = TRUE;
      ok = bf_index_load_entries (&load, store, id, fresh, error);
    }
  bf_index_load_end (&load, store, ok);
  if (!ok)
    return FALSE;
  read_policy (index, store);
  for (guint k = 0; k < index->entries->len; k++)
    n_dropped += drop[k] ? 1 : 0;
  index->dead += n_dropped;
  g_array_sort (fresh, compare_entries);
  if (n_dropped + fresh->len <= IN_PLACE_MAX)
    update_in_place (index, fresh, drop);
  else
    merge (index, fresh, drop);
  compact_strings (index);
  return TRUE;
}

/* ---- filtering ---- */

typedef enum { SEARCH_NONE, SEARCH_PINYIN, SEARCH_ID_NUMBER, SEARCH_NAME } SearchKind;

typedef struct {
  SearchKind kind;
  char      *text;            /* the query as it is compared */
  const char *town_id;        /* the index's own copies (compared by address), or NULL */
  const char *village_id;
} Query;

/* What was typed decides what it is compared with: letters are pinyin (lowercased, spaces and
 * apostrophes dropped: "Zhang San", "xi'an"); digits, with or without an X, are part of an ID
 * number; anything else (a Chinese character) is part of the head's name. */
static void
classify (const char *search, Query *query)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (search != NULL ? search : "", -1);
  /* NFKC folds what a Chinese input method types in full width (ｚｓ, ４４１８, the ideographic
   * space) into ASCII. */
  g_autofree char *folded = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  gboolean ascii = TRUE, letters = TRUE, id_chars = TRUE, digit = FALSE;

  query->kind = SEARCH_NONE;
  query->text = NULL;
  for (const char *p = folded != NULL ? folded : valid; *p; p++)
    {
      char c = *p;

      if (g_ascii_isspace (c) || c == '\'')
        continue;
      if ((guchar) c >= 0x80)
        ascii = FALSE;
      else
        {
          letters = letters && g_ascii_isalpha (c);
          id_chars = id_chars && (g_ascii_isdigit (c) || c == 'x' || c == 'X');
          digit = digit || g_ascii_isdigit (c);
        }
      g_string_append_c (text, c);
    }
  if (text->len == 0)
    return;
  if (!ascii)
    query->kind = SEARCH_NAME;
  else if (id_chars && digit)
    {
      query->kind = SEARCH_ID_NUMBER;
      for (gsize i = 0; i < text->len; i++)
        text->str[i] = g_ascii_toupper (text->str[i]);
    }
  else if (letters)
    {
      query->kind = SEARCH_PINYIN;
      for (gsize i = 0; i < text->len; i++)
        text->str[i] = g_ascii_tolower (text->str[i]);
    }
  else
    query->kind = SEARCH_NAME;
  /* A name search keeps the name's own spaces out of it too: names are typed without. */
  query->text = g_string_free (g_steal_pointer (&text), FALSE);
}

/* The index's copy of a place id: rows then compare by address. NULL when no row has it. */
static const char *
own_place_id (const BfHouseholdIndex *index, const char *id, gboolean town)
{
  for (guint i = 0; i < index->entries->len; i++)
    {
      const BfHouseholdRow *row = &g_array_index (index->entries, BfIndexEntry, i).row;
      const char *own = town ? row->town_id : row->village_id;

      if (strcmp (own, id) == 0)
        return own;
    }
  return NULL;
}

static gboolean
search_matches (const Query *query, const BfIndexEntry *e)
{
  switch (query->kind)
    {
    case SEARCH_NONE:
      return TRUE;
    case SEARCH_PINYIN:
      return strchr (e->initials, query->text[0]) != NULL && bf_pinyin_match (e->pinyin, query->text);
    case SEARCH_ID_NUMBER:
      return strstr (e->id_numbers, query->text) != NULL;
    case SEARCH_NAME:
      return strstr (e->row.head_name, query->text) != NULL;
    }
  return FALSE;
}

GArray *
bf_household_index_filter (const BfHouseholdIndex *index, const BfHouseholdFilter *filter)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  BfHouseholdFilter all = BF_HOUSEHOLD_FILTER_INIT;
  Query query = { 0 };

  g_return_val_if_fail (index != NULL, positions);
  if (filter == NULL)
    filter = &all;
  /* Places compare by address from here on; a place no row has matches nothing. Interned
   * by id in the chunk, so one id has exactly one copy. */
  if (filter->town_id != NULL && (query.town_id = own_place_id (index, filter->town_id, TRUE)) == NULL)
    return positions;
  if (filter->village_id != NULL &&
      (query.village_id = own_place_id (index, filter->village_id, FALSE)) == NULL)
    return positions;
  classify (filter->search, &query);
  for (guint i = 0; i < index->entries->len; i++)
    {
      const BfIndexEntry *e = &g_array_index (index->entries, BfIndexEntry, i);
      const BfHouseholdRow *row = &e->row;

      if ((query.town_id != NULL && row->town_id != query.town_id) ||
          (query.village_id != NULL && row->village_id != query.village_id) ||
          (filter->category >= 0 && (int) row->category != filter->category) ||
          (filter->status >= 0 && (int) row->status != filter->status) ||
          (filter->mine_only && !row->paired_with_me) ||
          (bf_household_index_shortfall (index, row) & filter->shortfall) != filter->shortfall ||
          !search_matches (&query, e))
        continue;
      g_array_append_val (positions, i);
    }
  g_free (query.text);
  return positions;
}
