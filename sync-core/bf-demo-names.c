/* bf-demo-names.c: synthetic Chinese names for the demo district.
 *
 * The tables are shaped after rural northern Guangdong as of the 2016–2018 programme:
 * Cantonese-area surnames, era-typical given names, Lingnan landform words in village
 * names, and the district bodies as they were named before the 2018 reorganisation
 * (卫生和计划生育局, separate 国税 and 地税). Nothing here names a real person.
 */
#include "bf-demo-names.h"

#include <string.h>

/* ---------------------------------------------------------------- surnames */

/* Rough relative frequencies for Qingyuan's countryside: the Guangdong-wide order
 * (陈 李 黄 张 梁 …) with 朱, 邓, 谭 and 欧阳 lifted, as they are in the north of the
 * province, and Cantonese surnames such as 区, 植, 麦 present but uncommon. */
static const struct {
  const char *name;
  guint       weight;
} surnames[] = {
  { "陈", 1050 }, { "李", 760 }, { "黄", 720 }, { "张", 480 }, { "梁", 470 },
  { "刘", 420 }, { "林", 380 }, { "何", 360 }, { "罗", 340 }, { "朱", 300 },
  { "邓", 280 }, { "吴", 260 }, { "谭", 260 }, { "杨", 240 }, { "郑", 230 },
  { "叶", 220 }, { "冯", 210 }, { "曾", 200 }, { "周", 190 }, { "钟", 190 },
  { "谢", 180 }, { "卢", 180 }, { "彭", 170 }, { "赖", 150 }, { "苏", 150 },
  { "潘", 140 }, { "余", 140 }, { "王", 130 }, { "许", 120 }, { "蔡", 120 },
  { "廖", 120 }, { "温", 110 }, { "邱", 100 }, { "徐", 100 }, { "胡", 100 },
  { "欧阳", 90 }, { "麦", 90 }, { "莫", 90 }, { "江", 80 }, { "汤", 70 },
  { "伍", 60 }, { "关", 60 }, { "袁", 60 }, { "邹", 60 }, { "孔", 60 },
  { "区", 60 }, { "庞", 50 }, { "严", 50 }, { "范", 50 }, { "骆", 50 },
  { "植", 40 }, { "利", 40 }, { "龚", 40 }, { "侯", 40 }, { "凌", 40 },
  { "简", 40 }, { "房", 30 }, { "官", 30 }, { "司徒", 25 }, { "上官", 15 },
};

/* ------------------------------------------------------------- given names */

/* Three naming eras. Boundaries are blurred per draw (see bf_name_gen_given) because
 * fashions did not change on 1 January 1970. */
typedef enum {
  ERA_OLD,    /* born before 1970: 桂英 秀兰 水生 国强, 亚/阿 nicknames registered as names */
  ERA_MID,    /* 1970–1989: 丽华 志强, many single-character names */
  ERA_YOUNG,  /* 1990 on: 子轩 梓涵 欣怡 浩然 */
  N_ERAS
} Era;

/* Whole two-character names are the backbone because they read naturally; the
 * first/second character pools add variety, and are chosen so that any pairing is a
 * name someone of that sex and era could carry. Character pools are UTF-8 strings
 * of single characters, to keep the tables compact. */
typedef struct {
  const char *const *whole;
  guint              n_whole;
  const char        *singles;
  const char        *first;
  const char        *second;
  int                single_percent;
} GivenPool;

static const char *const old_male[] = {
  "伟明", "国强", "水生", "木生", "金生", "建国", "建华", "国华", "国平", "国荣",
  "志明", "德明", "耀光", "炳坤", "炳荣", "锦荣", "振华", "润生", "桂生", "添福",
  "来福", "广生", "石生", "观生", "汉文", "树林", "永康", "永昌", "达明", "胜利",
  "卫东", "红卫", "跃进", "土生", "富贵", "火生", "日新", "炳南", "锦泉", "荣华",
};
static const char *const old_female[] = {
  "桂英", "秀兰", "亚妹", "秀英", "玉英", "桂芳", "凤英", "秀珍", "玉珍", "金莲",
  "月娥", "带娣", "亚娣", "来娣", "满娣", "桂兰", "少芳", "惠芳", "丽珍", "润娇",
  "彩霞", "秀琼", "玉梅", "桂珍", "月英", "水妹", "二妹", "淑贞", "秀娟", "翠英",
  "美娟", "玉兰", "瑞珍", "凤娇", "群英", "冬梅", "红梅", "亚娇", "招娣", "银好",
};
static const char *const mid_male[] = {
  "志强", "伟强", "建明", "志华", "俊杰", "文辉", "国栋", "海峰", "永强", "志军",
  "锦辉", "伟健", "家豪", "振宇", "国辉", "志勇", "文杰", "建军", "德华", "卫华",
  "晓东", "剑锋", "小龙", "俊明", "伟文", "健华", "锦明", "耀华", "嘉明", "志伟",
  "永辉", "家伟", "浩明", "少华", "智勇", "宏伟", "春生", "伟东", "国忠", "永平",
};
static const char *const mid_female[] = {
  "丽华", "丽娟", "美玲", "小红", "秀梅", "惠玲", "燕萍", "丽萍", "晓燕", "少玲",
  "海燕", "艳红", "春燕", "丽芳", "美华", "玉萍", "月华", "彩云", "秀芬", "淑芬",
  "雪梅", "丽君", "凤霞", "金凤", "少芬", "翠萍", "丽珊", "慧敏", "雅琴", "丽琼",
  "晓玲", "丽霞", "碧霞", "小燕", "美仪", "红霞", "婉仪", "惠娟", "丽娴", "艳芳",
};
static const char *const young_male[] = {
  "子轩", "浩然", "宇轩", "俊杰", "梓豪", "家乐", "浩宇", "子豪", "思远", "嘉豪",
  "俊熙", "梓轩", "宇航", "家俊", "俊宇", "一鸣", "博文", "文轩", "浩轩", "子健",
  "嘉俊", "泽宇", "浩文", "皓轩", "俊宏", "明轩", "梓健", "俊豪", "子杰", "晨阳",
  "天佑", "宇翔", "铭轩", "锦程", "嘉乐", "子朗", "梓浩", "宏宇", "俊逸", "睿诚",
};
static const char *const young_female[] = {
  "梓涵", "欣怡", "子涵", "诗琪", "雨萱", "思琪", "晓彤", "嘉怡", "欣妍", "佳琪",
  "紫琳", "梓琳", "芷晴", "诗涵", "雅婷", "颖欣", "晓琳", "婉婷", "静怡", "钰婷",
  "思颖", "嘉欣", "慧琳", "可欣", "梓晴", "紫晴", "乐怡", "芷琪", "一诺", "雨桐",
  "心怡", "佩琪", "晓敏", "雪怡", "诗婷", "梦婷", "淑婷", "楚琪", "嘉琪", "雅琳",
};

#define POOL(w) (w), G_N_ELEMENTS (w)

/* Indexed [era][male]. Single-character names peak in the 1970s–80s. */
static const GivenPool given_pools[N_ERAS][2] = {
  [ERA_OLD] = {
    { POOL (old_female), "英珍兰芳娇莲凤娥梅",
      "秀桂玉凤月金惠丽少润彩翠美银淑瑞群冬", "英兰珍芳莲娥娣梅琼娟娇群霞好妹贞", 6 },
    { POOL (old_male), "明强华福荣坤生林光胜标炳",
      "国建志德炳锦振润桂添永汉树达耀荣金水木广", "强明华生荣坤林光胜贵福泉昌康平文才发", 6 },
  },
  [ERA_MID] = {
    { POOL (mid_female), "丽芳燕红玲娟萍霞梅静敏艳",
      "丽美惠燕晓少海艳春玉月彩秀雪凤翠慧雅碧小婉", "华娟玲红梅萍燕芳云芬君霞珊敏琴琼仪娴莲", 15 },
    { POOL (mid_male), "伟强军勇斌辉杰峰华健涛刚明",
      "志伟建国文锦永家俊德振海耀嘉少健晓宏卫", "强明华辉杰军峰伟勇东文良荣锋涛斌雄坚", 15 },
  },
  [ERA_YOUNG] = {
    { POOL (young_female), "婷琳欣怡倩颖雯琪莹晴",
      "梓欣子诗雨思晓嘉佳紫芷雅颖婉静钰可乐心梦楚", "涵怡琪萱彤妍琳晴婷欣颖雯瑶悦桐诺", 8 },
    { POOL (young_male), "杰涛鑫浩宇豪健斌轩博凯",
      "子梓浩宇俊家嘉思泽皓铭锦博一晨天睿伟", "轩豪然宇杰熙航乐文俊鸣睿诚铭阳佑朗逸", 8 },
  },
};

/* Older Cantonese speakers were often registered under the 亚 (less often 阿) nickname
 * their family called them by: 亚妹, 亚福. */
static const char old_female_nick[] = "妹娣珍英娇莲凤好娟兰";
static const char old_male_nick[] = "福生明强水光华荣胜贵九";

/* ---------------------------------------------------------------- villages */

/* Village names pair a descriptive first character with a Lingnan landform word
 * (塘 pond, 坑 gully, 岗 knoll, 洞/垌 basin, 陂 weir, 塱 marsh, 迳 pass …). */
static const char nature_prefix[] =
  "大小上下东西南北前石黄龙凤马牛鹤白青高长沙竹松桂莲横平禾梅桃榕樟杉茶鸭鱼虎狮鹅蕉";
static const char landform_root[] =
  "塘坑岗湾田洞岭围坪头背边冲陂垌埔迳寨湖洲坝岩园坳塱圳墩角口尾地山江水";

/* Clan villages named after the founding family: 陈屋, 罗围. */
static const char clan_root[] = "屋围坑岭边田";

/* Post-1949 collective names, common for villages and urban communities alike. */
static const char *const civic_stems[] = {
  "新联", "新光", "红星", "东风", "永丰", "富民", "太平", "联合", "兴华", "胜利",
  "共和", "团结", "民主", "和平", "幸福", "光明", "前进", "新华", "新民", "永安",
  "长安", "福安", "东升", "红旗", "联丰", "新丰", "永和", "安和", "兴隆", "同心",
  "新兴", "群星", "丰收", "建新", "联星", "向东", "友谊", "新风", "合兴", "富强",
};

/* Street communities sound like a town: gates, riverside, roads, new estates. */
static const char *const urban_stems[] = {
  "新城", "东岗", "城西", "城北", "城南", "北门", "南门", "江滨", "滨江", "河堤",
  "人民", "建设", "解放", "向阳", "先锋", "明珠", "凤翔", "锦绣", "名城", "中山",
  "沿江", "华园", "银泉", "东方", "东城", "西湖", "北江", "文峰", "莲湖", "桥北",
  "站前", "府前", "新村", "朝阳", "金华", "翠园", "康乐", "瑞祥", "怡景", "新港",
};

/* Used when random draws keep colliding: 上大塘, 新石坑 — real places split this way. */
static const char split_prefix[] = "上下新老东西南北中";

/* Last resort when the district has grown huge: 大塘一村 … 大塘十村. */
static const char numerals[] = "一二三四五六七八九十";

/* Longest first, so 村委会 is stripped before 村. */
static const char *const place_suffixes[] = { "村委会", "居委会", "社区", "村" };

/* ------------------------------------------------------------------- units */

/* Bodies a district assigns to pair with poor villages: Party and government offices,
 * courts, mass organisations, state enterprises and state-owned banks. Names as they
 * stood during the 2016–2018 programme. */
static const char *const units[] = {
  "清城区委办公室", "清城区人民政府办公室", "清城区委组织部", "清城区委宣传部",
  "清城区委统战部", "清城区委政法委", "清城区纪委", "清城区人大常委会办公室",
  "清城区政协办公室", "清城区机构编制委员会办公室", "清城区发展和改革局", "清城区财政局",
  "清城区教育局", "清城区卫生和计划生育局", "清城区民政局", "清城区人力资源和社会保障局",
  "清城区住房和城乡建设局", "清城区交通运输局", "清城区水务局", "清城区农业局",
  "清城区林业局", "清城区经济和信息化局", "清城区科学技术局", "清城区商务局",
  "清城区文化广电新闻出版局", "清城区统计局", "清城区审计局", "清城区环境保护局",
  "清城区安全生产监督管理局", "清城区市场监督管理局", "清城区司法局", "清城区档案局",
  "清城区旅游局", "清城区城市管理和综合执法局", "清城区民族宗教事务局", "清城区粮食局",
  "清城区国家税务局", "清城区地方税务局", "清城区人民法院", "清城区人民检察院",
  "清远市公安局清城分局", "清城区人民武装部", "清城区总工会", "共青团清城区委员会",
  "清城区妇女联合会", "清城区残疾人联合会", "清城区科学技术协会", "清城区工商业联合会",
  "清城区红十字会", "清城区供销合作联社", "清城区农村信用合作联社", "清城区供电局",
  "清城区人民医院", "清城区疾病预防控制中心", "清城区妇幼保健计划生育服务中心",
  "清城区城市建设投资有限公司", "中国农业银行清远清城支行", "中国工商银行清远清城支行",
  "中国建设银行清远清城支行", "中国银行清远清城支行", "中国邮政储蓄银行清远市清城区支行",
  "中国移动清远清城分公司", "中国电信清远清城分公司", "中国联通清远清城分公司",
};

/* ---------------------------------------------------------------- generator */

struct _BfNameGen {
  GRand      *rand;                       /* borrowed */
  guint32     surname_total;              /* sum of surname weights */
  GHashTable *taken;                      /* place names and stems already used or reserved */
  guint       unit_left[G_N_ELEMENTS (units)];
  guint       n_units_left;
};

BfNameGen *
bf_name_gen_new (GRand *rand)
{
  BfNameGen *gen;

  g_return_val_if_fail (rand != NULL, NULL);

  gen = g_new0 (BfNameGen, 1);
  gen->rand = rand;
  gen->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    gen->surname_total += surnames[i].weight;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    gen->unit_left[i] = i;
  gen->n_units_left = G_N_ELEMENTS (units);

  return gen;
}

void
bf_name_gen_free (BfNameGen *gen)
{
  if (gen == NULL)
    return;

  g_hash_table_unref (gen->taken);
  g_free (gen);
}

static int
rand_below (BfNameGen *gen,
            int        n)
{
  return g_rand_int_range (gen->rand, 0, n);
}

/* Appends the @index-th character of the UTF-8 string @chars. */
static void
append_nth_char (GString    *out,
                 const char *chars,
                 glong       index)
{
  const char *p = g_utf8_offset_to_pointer (chars, index);

  g_string_append_len (out, p, g_utf8_next_char (p) - p);
}

/* Appends one character of @chars, chosen uniformly. */
static void
append_random_char (BfNameGen  *gen,
                    GString    *out,
                    const char *chars)
{
  append_nth_char (out, chars, rand_below (gen, (int) g_utf8_strlen (chars, -1)));
}

const char *
bf_name_gen_surname (BfNameGen *gen)
{
  guint32 r;

  g_return_val_if_fail (gen != NULL, NULL);

  r = (guint32) g_rand_int_range (gen->rand, 0, (gint32) gen->surname_total);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (surnames); i++)
    {
      if (r < surnames[i].weight)
        return surnames[i].name;
      r -= surnames[i].weight;
    }

  /* r now lies within the last weight. */
  return surnames[G_N_ELEMENTS (surnames) - 1].name;
}

static Era
era_for_year (int year)
{
  if (year < 1970)
    return ERA_OLD;
  if (year < 1990)
    return ERA_MID;
  return ERA_YOUNG;
}

char *
bf_name_gen_given (BfNameGen *gen,
                   gboolean   male,
                   int        birth_year)
{
  const GivenPool *pool;
  GString *out;
  Era era;

  g_return_val_if_fail (gen != NULL, NULL);

  /* Parents near an era boundary named children either way. */
  era = era_for_year (birth_year + g_rand_int_range (gen->rand, -3, 4));
  pool = &given_pools[era][male ? 1 : 0];
  out = g_string_new (NULL);

  if (era == ERA_OLD && rand_below (gen, 100) < 10)
    {
      g_string_append (out, rand_below (gen, 5) == 0 ? "阿" : "亚");
      append_random_char (gen, out, male ? old_male_nick : old_female_nick);
    }
  else if (rand_below (gen, 100) < pool->single_percent)
    {
      append_random_char (gen, out, pool->singles);
    }
  else if (rand_below (gen, 100) < 60)
    {
      g_string_append (out, pool->whole[rand_below (gen, (int) pool->n_whole)]);
    }
  else
    {
      /* Reduplicated pairs (伟伟) are rare in registers outside a few fashions; skip them. */
      do
        {
          g_string_truncate (out, 0);
          append_random_char (gen, out, pool->first);
          append_random_char (gen, out, pool->second);
        }
      while (g_utf8_get_char (out->str) == g_utf8_get_char (g_utf8_next_char (out->str)));
    }

  return g_string_free (out, FALSE);
}

char *
bf_name_gen_person (BfNameGen  *gen,
                    const char *surname,
                    gboolean    male,
                    int         birth_year)
{
  g_autofree char *given = NULL;

  g_return_val_if_fail (gen != NULL, NULL);

  if (surname == NULL)
    surname = bf_name_gen_surname (gen);
  given = bf_name_gen_given (gen, male, birth_year);

  return g_strconcat (surname, given, NULL);
}

/* The part of a place name before its administrative suffix (积余村 → 积余). */
static char *
place_stem (const char *name)
{
  size_t len = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (place_suffixes); i++)
    {
      size_t slen = strlen (place_suffixes[i]);

      if (len > slen && g_str_has_suffix (name, place_suffixes[i]))
        return g_strndup (name, len - slen);
    }

  return g_strdup (name);
}

void
bf_name_gen_reserve (BfNameGen  *gen,
                     const char *name)
{
  g_return_if_fail (gen != NULL);
  g_return_if_fail (name != NULL && g_utf8_validate (name, -1, NULL));

  g_hash_table_add (gen->taken, g_strdup (name));
  g_hash_table_add (gen->taken, place_stem (name));
}

/* One random stem, before any collision handling. */
static char *
random_stem (BfNameGen *gen,
             gboolean   community)
{
  GString *out = g_string_new (NULL);
  int roll = rand_below (gen, 100);

  if (community && roll < 50)
    {
      g_string_append (out, urban_stems[rand_below (gen, G_N_ELEMENTS (urban_stems))]);
    }
  else if (roll < (community ? 80 : 20))
    {
      g_string_append (out, civic_stems[rand_below (gen, G_N_ELEMENTS (civic_stems))]);
    }
  else if (!community && roll < 35)
    {
      const char *surname;

      /* 欧阳屋 is not how clan villages are named; use a one-character surname. */
      do
        surname = bf_name_gen_surname (gen);
      while (g_utf8_strlen (surname, -1) != 1);
      g_string_append (out, surname);
      append_random_char (gen, out, clan_root);
    }
  else
    {
      append_random_char (gen, out, nature_prefix);
      append_random_char (gen, out, landform_root);
    }

  return g_string_free (out, FALSE);
}

/* Claims @stem + @suffix if neither it nor the stem is taken; returns the full name. */
static char *
try_claim (BfNameGen  *gen,
           const char *stem,
           const char *suffix)
{
  g_autofree char *name = g_strconcat (stem, suffix, NULL);

  if (g_hash_table_contains (gen->taken, stem) || g_hash_table_contains (gen->taken, name))
    return NULL;

  g_hash_table_add (gen->taken, g_strdup (stem));
  g_hash_table_add (gen->taken, g_strdup (name));

  return g_steal_pointer (&name);
}

char *
bf_name_gen_village (BfNameGen *gen,
                     gboolean   community)
{
  const char *suffix;
  glong n_prefix, n_root, n_numeral;

  g_return_val_if_fail (gen != NULL, NULL);

  if (community)
    suffix = rand_below (gen, 100) < 80 ? "社区" : "居委会";
  else
    suffix = "村";

  /* Random draws first; after a run of collisions, split an existing stem (上大塘). */
  for (int attempt = 0; attempt < 200; attempt++)
    {
      g_autofree char *stem = random_stem (gen, community);
      char *name;

      if (attempt >= 100)
        {
          GString *split = g_string_new (NULL);

          append_random_char (gen, split, split_prefix);
          if (strncmp (split->str, stem, split->len) == 0)
            {
              g_string_free (split, TRUE);
              continue;
            }
          g_string_append (split, stem);
          g_free (stem);
          stem = g_string_free (split, FALSE);
        }

      name = try_claim (gen, stem, suffix);
      if (name != NULL)
        return name;
    }

  /* Deterministic sweep so that uniqueness never depends on luck. */
  n_prefix = g_utf8_strlen (nature_prefix, -1);
  n_root = g_utf8_strlen (landform_root, -1);
  n_numeral = g_utf8_strlen (numerals, -1);
  for (glong k = 0; k < n_numeral; k++)
    for (glong i = 0; i < n_prefix; i++)
      for (glong j = 0; j < n_root; j++)
        {
          GString *stem = g_string_new (NULL);
          char *name;

          append_nth_char (stem, nature_prefix, i);
          append_nth_char (stem, landform_root, j);
          append_nth_char (stem, numerals, k);
          name = try_claim (gen, stem->str, suffix);
          g_string_free (stem, TRUE);
          if (name != NULL)
            return name;
        }

  return NULL;
}

char *
bf_name_gen_unit (BfNameGen *gen)
{
  guint pick, index;

  g_return_val_if_fail (gen != NULL, NULL);

  if (gen->n_units_left == 0)
    return NULL;

  /* Draw without replacement: swap the chosen slot with the last live one. */
  pick = (guint) rand_below (gen, (int) gen->n_units_left);
  index = gen->unit_left[pick];
  gen->unit_left[pick] = gen->unit_left[--gen->n_units_left];

  return g_strdup (units[index]);
}
