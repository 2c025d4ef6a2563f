/* test-pinyin.c: the compiled-in kMandarin table, surname readings, keys and matching. */
#include "bf-config.h"

#include <string.h>

#include "bf-pinyin.h"

static void
test_table (void)
{
  guint n_syllables = 0;
  guint n_readings = bf_pinyin_table_size (&n_syllables);

  /* Unicode 15: 20,901 readings in the main block and 5,775 in Extension A; Mandarin has
   * about 410 syllables without tones. */
  g_assert_cmpuint (n_readings, >, 26000);
  g_assert_cmpuint (n_syllables, >, 380);
  g_assert_cmpuint (n_syllables, <, 500);

  g_assert_cmpstr (bf_pinyin_of_char (0x4E00), ==, "yi");        /* 一, first of the block */
  g_assert_cmpstr (bf_pinyin_of_char (0x3400), ==, "qiu");       /* 㐀, first of Extension A */
  g_assert_cmpstr (bf_pinyin_of_char (g_utf8_get_char ("张")), ==, "zhang");
  g_assert_cmpstr (bf_pinyin_of_char (g_utf8_get_char ("清")), ==, "qing");
  /* Tones stripped, ü as v. */
  g_assert_cmpstr (bf_pinyin_of_char (g_utf8_get_char ("吕")), ==, "lv");
  g_assert_cmpstr (bf_pinyin_of_char (g_utf8_get_char ("女")), ==, "nv");
  g_assert_cmpstr (bf_pinyin_of_char (g_utf8_get_char ("绿")), ==, "lv");
  /* The first kMandarin reading, not a surname's. */
  g_assert_cmpstr (bf_pinyin_of_char (g_utf8_get_char ("单")), ==, "dan");
  g_assert_cmpstr (bf_pinyin_of_char (g_utf8_get_char ("曾")), ==, "ceng");

  g_assert_null (bf_pinyin_of_char ('a'));
  g_assert_null (bf_pinyin_of_char (0x3002));                      /* 。 */
  g_assert_null (bf_pinyin_of_char (0x20000));                     /* Extension B: not covered */
}

static void
check_keys (const char *name, const char *full, const char *initials)
{
  g_autofree char *f = NULL, *i = NULL;

  bf_pinyin_keys (name, &f, &i);
  g_assert_cmpstr (f, ==, full);
  g_assert_cmpstr (i, ==, initials);
}

static void
test_surnames (void)
{
  check_keys ("单雄信", "shan xiong xin", "sxx");
  check_keys ("曾国藩", "zeng guo fan", "zgf");
  check_keys ("解缙", "xie jin", "xj");
  check_keys ("区汉贤", "ou han xian", "ohx");
  check_keys ("仇英", "qiu ying", "qy");
  check_keys ("朴正义", "piao zheng yi", "pzy");
  check_keys ("查良镛", "zha liang yong", "zly");
  check_keys ("覃振", "qin zhen", "qz");
  check_keys ("尉迟恭", "yu chi gong", "ycg");
  /* Only the first character is a surname: 单 inside a name keeps its usual reading. */
  check_keys ("王单", "wang dan", "wd");
  check_keys ("曾曾", "zeng ceng", "zc");
  /* 尉 alone is Wei; 尉迟 as a whole is Yuchi. */
  check_keys ("尉缭", "wei liao", "wl");
}

static void
test_keys (void)
{
  check_keys ("张三", "zhang san", "zs");
  check_keys ("  李四", "li si", "ls");
  check_keys ("吕小明", "lv xiao ming", "lxm");
  /* ASCII runs are syllables of their own, lowercased; punctuation separates. */
  check_keys ("阿依古丽·买买提", "a yi gu li mai mai ti", "ayglmmt");
  check_keys ("Anna 王", "anna wang", "aw");
  check_keys ("王2号", "wang 2 hao", "w2h");
  check_keys ("", "", "");
  check_keys (NULL, "", "");
  /* Invalid UTF-8 does not crash and loses only the bad byte. */
  check_keys ("张\xff三", "zhang san", "zs");
}

static void
test_match (void)
{
  const char *key = "zhang san";

  g_assert_true (bf_pinyin_match (key, "zs"));
  g_assert_true (bf_pinyin_match (key, "z"));
  g_assert_true (bf_pinyin_match (key, "zh"));
  g_assert_true (bf_pinyin_match (key, "zhang"));
  g_assert_true (bf_pinyin_match (key, "zhangs"));
  g_assert_true (bf_pinyin_match (key, "zhangsan"));
  g_assert_true (bf_pinyin_match (key, "zsan"));
  g_assert_true (bf_pinyin_match (key, "zhsa"));
  g_assert_true (bf_pinyin_match (key, "san"));
  g_assert_true (bf_pinyin_match (key, "s"));
  g_assert_true (bf_pinyin_match (key, ""));

  g_assert_false (bf_pinyin_match (key, "hang"));       /* not from a syllable's start */
  g_assert_false (bf_pinyin_match (key, "zhangsanx"));
  g_assert_false (bf_pinyin_match (key, "sz"));
  g_assert_false (bf_pinyin_match (key, "zx"));
  g_assert_false (bf_pinyin_match ("", "z"));
  /* Backtracking: "xian" is one syllable here, or x + i + an elsewhere. */
  g_assert_true (bf_pinyin_match ("xi an", "xian"));
  g_assert_true (bf_pinyin_match ("xian", "xian"));
  g_assert_true (bf_pinyin_match ("xi a ning", "xian"));
  g_assert_true (bf_pinyin_match ("zhang zhang san", "zhangsan"));
  g_assert_true (bf_pinyin_match ("li xiao long", "lxl"));
  g_assert_true (bf_pinyin_match ("li xiao long", "xiaol"));
  g_assert_false (bf_pinyin_match ("li xiao long", "lxlx"));
}

/* Many threads asking first at once: the table is loaded exactly once (g_once). */
static gpointer
ask (gpointer data)
{
  g_autofree char *full = NULL;

  bf_pinyin_keys ("欧阳修", &full, NULL);
  return g_strdup (full);
}

static void
test_threads (void)
{
  GThread *threads[4];

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("pinyin", ask, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree char *full = g_thread_join (threads[i]);
      g_assert_cmpstr (full, ==, "ou yang xiu");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pinyin/table", test_table);
  g_test_add_func ("/pinyin/surnames", test_surnames);
  g_test_add_func ("/pinyin/keys", test_keys);
  g_test_add_func ("/pinyin/match", test_match);
  g_test_add_func ("/pinyin/threads", test_threads);
  return g_test_run ();
}
