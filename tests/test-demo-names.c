/* test-demo-names.c: the synthetic name generator is deterministic, well-formed and
 * keeps its promises about uniqueness and reserved names. */
#include <string.h>

#include "bf-demo-names.h"

/* The eight real key villages of the district, which the demo must never reuse. */
static const char *const key_villages[] = {
  "积余村", "踵头村", "旧岭村", "文洞村", "黄洞村", "竹园村", "潖江口村", "银地村",
};

/* A fixed mix of people, villages and units, so determinism covers every call. */
static GPtrArray *
draw_mix (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < 1000; i++)
    {
      g_ptr_array_add (out, bf_name_gen_person (gen, NULL, i % 2, 1930 + i % 90));
      if (i % 10 == 0)
        g_ptr_array_add (out, bf_name_gen_village (gen, i % 20 == 0));
      if (i % 50 == 0)
        g_ptr_array_add (out, bf_name_gen_unit (gen));
    }

  return out;
}

static void
test_determinism (void)
{
  g_autoptr(GPtrArray) a = draw_mix (20160101);
  g_autoptr(GPtrArray) b = draw_mix (20160101);
  g_autoptr(GPtrArray) c = draw_mix (20160102);
  guint differ = 0;

  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpuint (a->len, ==, c->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_assert_nonnull (a->pdata[i]);
      g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
      if (g_strcmp0 (a->pdata[i], c->pdata[i]) != 0)
        differ++;
    }

  /* Another seed is another district, not a shifted copy of this one. */
  g_assert_cmpuint (differ, >, a->len / 2);
}

static void
test_person_valid (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);

  for (int i = 0; i < 5000; i++)
    {
      gboolean male = g_rand_boolean (rand);
      int year = g_rand_int_range (rand, 1925, 2018);
      g_autofree char *name = bf_name_gen_person (gen, NULL, male, year);
      g_autofree char *given = bf_name_gen_given (gen, male, year);
      const char *surname = bf_name_gen_surname (gen);
      glong len;

      g_assert_true (g_utf8_validate (name, -1, NULL));
      len = g_utf8_strlen (name, -1);
      g_assert_cmpint (len, >=, 2);
      g_assert_cmpint (len, <=, 4);

      g_assert_true (g_utf8_validate (given, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (given, -1), >=, 1);
      g_assert_cmpint (g_utf8_strlen (given, -1), <=, 2);

      g_assert_true (g_utf8_validate (surname, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (surname, -1), >=, 1);
      g_assert_cmpint (g_utf8_strlen (surname, -1), <=, 2);

      /* Every character is a CJK ideograph: no spaces, digits or stray ASCII. */
      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_true (g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_OTHER_LETTER);
    }
}

static void
test_person_given_surname (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *name = bf_name_gen_person (gen, "欧阳", i % 2, 1940 + i % 70);

      g_assert_true (g_str_has_prefix (name, "欧阳"));
      g_assert_cmpint (g_utf8_strlen (name, -1), >=, 3);
      g_assert_cmpint (g_utf8_strlen (name, -1), <=, 4);
    }
}

static void
test_surname_weighting (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint chen, shangguan, two_char = 0;

  for (int i = 0; i < 20000; i++)
    {
      const char *s = bf_name_gen_surname (gen);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, s));

      g_hash_table_insert (counts, (gpointer) s, GUINT_TO_POINTER (n + 1));
    }

  chen = GPOINTER_TO_UINT (g_hash_table_lookup (counts, "陈"));
  shangguan = GPOINTER_TO_UINT (g_hash_table_lookup (counts, "上官"));
  g_assert_cmpuint (chen, >, shangguan);
  g_assert_cmpuint (chen, >, 20000 / 20);

  /* 陈 leads, a rich spread is seen, and compound surnames turn up but stay rare. */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpuint (GPOINTER_TO_UINT (value), <=, chen);
      if (g_utf8_strlen (key, -1) == 2)
        two_char += GPOINTER_TO_UINT (value);
    }
  g_assert_cmpuint (g_hash_table_size (counts), >=, 50);
  g_assert_cmpuint (two_char, >, 0);
  g_assert_cmpuint (two_char, <, 20000 / 20);
}

/* Draws @n given names and reports whether @wanted appeared. */
static gboolean
given_seen (BfNameGen  *gen,
            gboolean    male,
            int         year,
            const char *wanted,
            int         n)
{
  gboolean seen = FALSE;

  for (int i = 0; i < n; i++)
    {
      g_autofree char *given = bf_name_gen_given (gen, male, year);

      if (g_strcmp0 (given, wanted) == 0)
        seen = TRUE;
    }

  return seen;
}

static void
test_given_by_sex_and_era (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1955);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);

  /* 桂英 is a woman born in the 1950s; 国强 a man of the same years. */
  g_assert_true (given_seen (gen, FALSE, 1952, "桂英", 5000));
  g_assert_false (given_seen (gen, TRUE, 1952, "桂英", 5000));
  g_assert_true (given_seen (gen, TRUE, 1952, "国强", 5000));
  g_assert_false (given_seen (gen, FALSE, 1952, "国强", 5000));

  /* 梓涵 belongs to girls of the 2000s, never to their grandmothers. */
  g_assert_true (given_seen (gen, FALSE, 2008, "梓涵", 5000));
  g_assert_false (given_seen (gen, FALSE, 1950, "梓涵", 5000));
  g_assert_true (given_seen (gen, TRUE, 2008, "浩然", 5000));
  g_assert_false (given_seen (gen, FALSE, 2008, "浩然", 5000));

  /* The Cantonese 亚 nickname-name shows up among the old only. */
  g_assert_true (given_seen (gen, FALSE, 1940, "亚妹", 5000));
  g_assert_false (given_seen (gen, FALSE, 2005, "亚妹", 5000));
}

static void
test_villages (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2016);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (key_villages); i++)
    bf_name_gen_reserve (gen, key_villages[i]);
  bf_name_gen_reserve (gen, "新城社区");

  for (int i = 0; i < 400; i++)
    {
      gboolean community = i >= 300;
      char *name = bf_name_gen_village (gen, community);

      g_assert_nonnull (name);
      g_assert_true (g_utf8_validate (name, -1, NULL));
      if (community)
        g_assert_true (g_str_has_suffix (name, "社区") || g_str_has_suffix (name, "居委会"));
      else
        g_assert_true (g_str_has_suffix (name, "村"));
      g_assert_cmpint (g_utf8_strlen (name, -1), >=, 3);

      for (guint k = 0; k < G_N_ELEMENTS (key_villages); k++)
        g_assert_cmpstr (name, !=, key_villages[k]);
      /* The reserved stem blocks every suffix, not only the one given. */
      g_assert_false (g_str_has_prefix (name, "新城社") || g_str_has_prefix (name, "新城居"));
      g_assert_false (g_str_has_prefix (name, "积余"));

      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, name);
    }
}

static void
test_villages_many (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (key_villages); i++)
    bf_name_gen_reserve (gen, key_villages[i]);

  /* Far beyond the random stems, so the split-stem and numbered fallbacks run too. */
  for (int i = 0; i < 4000; i++)
    {
      char *name = bf_name_gen_village (gen, i % 7 == 0);

      g_assert_nonnull (name);
      for (guint k = 0; k < G_N_ELEMENTS (key_villages); k++)
        g_assert_cmpstr (name, !=, key_villages[k]);
      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, name);
    }
}

static void
test_units (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(BfNameGen) gen = bf_name_gen_new (rand);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean saw_finance = FALSE;
  char *unit;

  while ((unit = bf_name_gen_unit (gen)) != NULL)
    {
      g_assert_true (g_utf8_validate (unit, -1, NULL));
      g_assert_true (strstr (unit, "清城") != NULL);
      g_assert_false (g_hash_table_contains (seen, unit));
      if (g_str_equal (unit, "清城区财政局"))
        saw_finance = TRUE;
      g_hash_table_add (seen, unit);
      g_assert_cmpuint (g_hash_table_size (seen), <=, 200);
    }

  g_assert_true (saw_finance);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 50);
  g_assert_null (bf_name_gen_unit (gen));
  g_assert_null (bf_name_gen_unit (gen));
}

static void
test_free_null (void)
{
  bf_name_gen_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo-names/determinism", test_determinism);
  g_test_add_func ("/demo-names/person-valid", test_person_valid);
  g_test_add_func ("/demo-names/person-given-surname", test_person_given_surname);
  g_test_add_func ("/demo-names/surname-weighting", test_surname_weighting);
  g_test_add_func ("/demo-names/given-by-sex-and-era", test_given_by_sex_and_era);
  g_test_add_func ("/demo-names/villages", test_villages);
  g_test_add_func ("/demo-names/villages-many", test_villages_many);
  g_test_add_func ("/demo-names/units", test_units);
  g_test_add_func ("/demo-names/free-null", test_free_null);

  return g_test_run ();
}
