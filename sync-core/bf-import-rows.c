/* bf-import-rows.c: a register's header and rows, read into households and members.
 *
 * Each row is read and checked on its own here — values mapped from the words a register
 * uses (户主, 低保户, 有劳动能力, 是/否), places looked up, then the record checks that every
 * edit passes (ID numbers by GB 11643, phone numbers, dates). bf-import.c checks the rows
 * against each other and against the store.
 */
#include "bf-config.h"
#include "bf-import-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "bf-uuid.h"
#include "bf-validate.h"

/* Header names as registers write them; the first is the one documented. */
static const char * const column_names[BF_N_COLS] = {
  [BF_COL_NAME] = "姓名|成员姓名",
  [BF_COL_HEAD_NAME] = "户主姓名",
  [BF_COL_ID_NUMBER] = "身份证号|身份证号码|公民身份号码|证件号码",
  [BF_COL_RELATION] = "与户主关系",
  [BF_COL_HEAD_ID] = "户主身份证号|户主身份证号码",
  [BF_COL_TOWN] = "所在镇|所在街镇|街镇|镇|乡镇",
  [BF_COL_VILLAGE] = "所在村|村|村居|行政村",
  [BF_COL_CATEGORY] = "类别|贫困户类别|贫困户属性",
  [BF_COL_LABOUR] = "劳动能力",
  [BF_COL_STATUS] = "状态|脱贫状态",
  [BF_COL_EXIT_YEAR] = "脱贫年度|脱贫年份",
  [BF_COL_PHONE] = "联系电话|电话|手机号码",
  [BF_COL_ADDRESS] = "住址|家庭住址|地址",
  [BF_COL_CONSENT] = "自愿公开|同意公开",
  [BF_COL_REGISTERED_ON] = "登记日期|建档日期",
  [BF_COL_SEX] = "性别",
  [BF_COL_BIRTH] = "出生日期",
  [BF_COL_MEDICAL] = "新农合|参加新农合",
  [BF_COL_PENSION] = "新农保|参加新农保",
  [BF_COL_DIBAO] = "纳入低保|享受低保",
  [BF_COL_SIZE] = "家庭人口|家庭人口数|人口数",
};

typedef struct {
  const char *words;   /* '|'-separated */
  int         code;
} WordMap;

static const WordMap relation_words[] = {
  { "户主|本人", BF_RELATION_HEAD },
  { "配偶|妻|妻子|夫|丈夫", BF_RELATION_SPOUSE },
  { "子|女|儿子|女儿|子女|长子|次子|三子|长女|次女|三女|养子|养女|继子|继女", BF_RELATION_CHILD },
  { "儿媳|女婿|媳妇|儿媳妇", BF_RELATION_CHILD_IN_LAW },
  { "孙子|孙女|外孙|外孙女|孙子女|外孙子女", BF_RELATION_GRANDCHILD },
  { "父亲|母亲|父母|公公|婆婆|岳父|岳母", BF_RELATION_PARENT },
  { "兄|弟|姐|妹|兄弟|姐妹|兄弟姐妹|哥哥|弟弟|姐姐|妹妹", BF_RELATION_SIBLING },
  { "其他|其它", BF_RELATION_OTHER },
  { NULL, 0 }
};

static const WordMap category_words[] = {
  { "困难户|区定困难户|一般贫困户|一般户", BF_CATEGORY_KUNNAN },
  { "低保户|低保|低保贫困户", BF_CATEGORY_DIBAO },
  { "五保户|五保|五保贫困户|特困供养", BF_CATEGORY_WUBAO },
  { NULL, 0 }
};

static const WordMap labour_words[] = {
  { "有劳动能力|有劳动力|普通劳动力|技能劳动力", BF_LABOUR_ABLE },
  { "弱劳动能力|弱劳动力|半劳动力|部分丧失劳动能力", BF_LABOUR_PARTIAL },
  { "无劳动能力|无劳动力|丧失劳动能力|丧失劳动力", BF_LABOUR_NONE },
  { NULL, 0 }
};

static const WordMap status_words[] = {
  { "在册|未脱贫", BF_STATUS_REGISTERED },
  { "已脱贫|脱贫", BF_STATUS_EXITED },
  { "返贫", BF_STATUS_RETURNED },
  { NULL, 0 }
};

static const WordMap sex_words[] = {
  { "男", BF_SEX_MALE },
  { "女", BF_SEX_FEMALE },
  { NULL, 0 }
};

static const WordMap bool_words[] = {
  { "是|有|参加|已参加|已纳入|Y|y|YES|Yes|yes|1|√|✓", TRUE },
  { "否|无|未参加|未纳入|N|n|NO|No|no|0|×", FALSE },
  { NULL, 0 }
};

static gboolean
word_in (const char *words, const char *word)
{
  g_auto(GStrv) list = g_strsplit (words, "|", -1);
  return g_strv_contains ((const char * const *) list, word);
}

static gboolean
map_word (const WordMap *map, const char *word, int *out)
{
  for (guint i = 0; map[i].words != NULL; i++)
    if (word_in (map[i].words, word))
      {
        *out = map[i].code;
        return TRUE;
      }
  return FALSE;
}

/* Trimmed, with inner ASCII and full-width spaces removed: "户 主" is 户主. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
bf_import_header_clear (BfImportHeader *header)
{
  for (guint i = 0; i < BF_N_COLS; i++)
    g_clear_pointer (&header->header[i], g_free);
}

void
bf_import_add_problem (GPtrArray *list, guint line, const char *message)
{
  BfImportProblem *problem = g_new0 (BfImportProblem, 1);

  problem->line = line;
  problem->message = g_strdup (message);
  g_ptr_array_add (list, problem);
}

gboolean
bf_import_header_read (const BfCsvRow *row, BfImportHeader *out, GPtrArray *warnings,
                       GError **error)
{
  static const BfImportColumn required[] = {
    BF_COL_ID_NUMBER, BF_COL_TOWN, BF_COL_VILLAGE, BF_COL_CATEGORY, BF_COL_LABOUR,
  };

  memset (out, 0, sizeof *out);
  out->n_columns = row->cells->len;
  for (guint c = 0; c < BF_N_COLS; c++)
    out->index[c] = -1;
  for (guint i = 0; i < row->cells->len; i++)
    {
      g_autofree char *name = squeeze (g_ptr_array_index (row->cells, i));
      gboolean known = FALSE;

      for (guint c = 0; c < BF_N_COLS && !known; c++)
        {
          if (!word_in (column_names[c], name))
            continue;
          known = TRUE;
          if (out->index[c] >= 0)
            {
              g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_FORMAT,
                           _("Line %u: the columns “%s” and “%s” say the same thing; keep one"),
                           row->line, out->header[c], name);
              bf_import_header_clear (out);
              return FALSE;
            }
          out->index[c] = (int) i;
          out->header[c] = g_strdup (name);
        }
      if (!known && *name != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("The column “%s” is not imported"), name);
          bf_import_add_problem (warnings, row->line, message);
        }
    }
  if (out->index[BF_COL_NAME] < 0 && out->index[BF_COL_HEAD_NAME] < 0)
    {
      g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_FORMAT,
                   _("Line %u: the header has no column “%s”"), row->line, "姓名");
      bf_import_header_clear (out);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (out->index[required[i]] < 0)
      {
        g_autofree char *first = g_strndup (column_names[required[i]],
                                            strcspn (column_names[required[i]], "|"));
        g_set_error (error, BF_IMPORT_ERROR, BF_IMPORT_ERROR_FORMAT,
                     _("Line %u: the header has no column “%s”"), row->line, first);
        bf_import_header_clear (out);
        return FALSE;
      }
  return TRUE;
}

/* ---- places ---- */

struct _BfPlaceIndex {
  GHashTable *towns;      /* name → id */
  GHashTable *villages;   /* "town id/name" → id */
};

void
bf_place_index_free (BfPlaceIndex *places)
{
  if (places == NULL)
    return;
  g_hash_table_unref (places->towns);
  g_hash_table_unref (places->villages);
  g_free (places);
}

BfPlaceIndex *
bf_place_index_new (BfStore *store, GError **error)
{
  g_autoptr(GPtrArray) towns = bf_store_list (store, BF_ENTITY_TOWN, NULL, NULL, error);
  g_autoptr(GPtrArray) villages = towns ? bf_store_list (store, BF_ENTITY_VILLAGE, NULL, NULL, error) : NULL;
  BfPlaceIndex *places;

  if (villages == NULL)
    return NULL;
  places = g_new0 (BfPlaceIndex, 1);
  places->towns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  places->villages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < towns->len; i++)
    {
      const BfTown *town = g_ptr_array_index (towns, i);
      g_hash_table_insert (places->towns, squeeze (town->name), g_strdup (town->id));
    }
  for (guint i = 0; i < villages->len; i++)
    {
      const BfVillage *village = g_ptr_array_index (villages, i);
      g_autofree char *name = squeeze (village->name);
      g_hash_table_insert (places->villages, g_strdup_printf ("%s/%s", village->town_id, name),
                           g_strdup (village->id));
    }
  return places;
}

/* Registers write 源潭 as well as 源潭镇, 积余 as well as 积余村. */
static const char *
lookup_place (GHashTable *table, const char *prefix, const char *name, const char * const *suffixes)
{
  g_autofree char *key = g_strconcat (prefix ? prefix : "", prefix ? "/" : "", name, NULL);
  const char *id = g_hash_table_lookup (table, key);

  for (guint i = 0; id == NULL && suffixes[i] != NULL; i++)
    {
      g_autofree char *longer = g_strconcat (key, suffixes[i], NULL);
      id = g_hash_table_lookup (table, longer);
      if (id == NULL && g_str_has_suffix (key, suffixes[i]))
        {
          g_autofree char *shorter = g_strndup (key, strlen (key) - strlen (suffixes[i]));
          id = g_hash_table_lookup (table, shorter);
        }
    }
  return id;
}

/* ---- rows ---- */

void
bf_import_row_free (BfImportRow *row)
{
  if (row == NULL)
    return;
  g_ptr_array_unref (row->problems);
  g_free (row->head_key);
  if (row->household != NULL)
    bf_record_free (BF_ENTITY_HOUSEHOLD, row->household);
  if (row->member != NULL)
    bf_record_free (BF_ENTITY_MEMBER, row->member);
  g_ptr_array_unref (row->household_given);
  g_ptr_array_unref (row->member_given);
  g_free (row);
}

typedef struct {
  const BfImportHeader *header;
  const BfCsvRow       *csv;
  BfImportRow          *row;
  GPtrArray            *warnings;
} Reader;

/* The cell of @column, squeezed of spaces for codes or trimmed for text; NULL when the file has
 * no such column or the cell is empty. */
static char *
cell (const Reader *r, BfImportColumn column, gboolean keep_inner_spaces)
{
  int index = r->header->index[column];
  const char *text;
  char *value;

  if (index < 0 || (guint) index >= r->csv->cells->len)
    return NULL;
  text = g_ptr_array_index (r->csv->cells, index);
  value = keep_inner_spaces ? g_strstrip (g_strdup (text)) : squeeze (text);
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
has_cell (const Reader *r, BfImportColumn column)
{
  g_autofree char *value = cell (r, column, FALSE);
  return value != NULL;
}

static void
problem (Reader *r, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (Reader *r, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (r->row->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
read_word (Reader *r, BfImportColumn column, const WordMap *map, const char *expected, int *out)
{
  g_autofree char *value = cell (r, column, FALSE);

  if (value == NULL)
    return FALSE;
  if (map_word (map, value, out))
    return TRUE;
  problem (r, _("%s “%s” is not one of %s"), r->header->header[column], value, expected);
  return FALSE;
}

/* Dates as Excel writes them: 2016-03-05, 2016/3/5, 2016.3.5, 20160305, 2016年3月5日. */
static char *
read_date (Reader *r, BfImportColumn column)
{
  g_autofree char *value = cell (r, column, FALSE);
  guint y = 0, m = 0, d = 0;
  char tail = 0;

  if (value == NULL)
    return NULL;
  if (sscanf (value, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 ||
      sscanf (value, "%4u/%2u/%2u%c", &y, &m, &d, &tail) == 3 ||
      sscanf (value, "%4u.%2u.%2u%c", &y, &m, &d, &tail) == 3 ||
      (strlen (value) == 8 && sscanf (value, "%4u%2u%2u%c", &y, &m, &d, &tail) == 3) ||
      sscanf (value, "%4u年%2u月%2u日%c", &y, &m, &d, &tail) == 3)
    {
      if (g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
    }
  problem (r, _("%s “%s” is not a date (write 2016-03-05)"), r->header->header[column], value);
  return NULL;
}

static void
give (GPtrArray *given, const char *field)
{
  g_ptr_array_add (given, (gpointer) field);
}

static void
read_bool (Reader *r, BfImportColumn column, gboolean *out, GPtrArray *given, const char *field)
{
  int value = 0;

  if (read_word (r, column, bool_words, "是, 否", &value))
    {
      *out = value;
      give (given, field);
    }
}

static void
read_household (Reader *r, const BfPlaceIndex *places)
{
  static const char * const town_suffixes[] = { "镇", "街", "街道", NULL };
  static const char * const village_suffixes[] = { "村", "居", "社区", "村委会", "居委会", NULL };
  BfHousehold *household = g_new0 (BfHousehold, 1);
  g_autofree char *town = cell (r, BF_COL_TOWN, FALSE);
  g_autofree char *village = cell (r, BF_COL_VILLAGE, FALSE);
  g_autofree char *exit_year = cell (r, BF_COL_EXIT_YEAR, FALSE);
  g_autofree char *size = cell (r, BF_COL_SIZE, FALSE);
  GPtrArray *given = r->row->household_given;
  const char *town_id = NULL;
  int value = 0;

  r->row->household = household;
  household->head_name = g_strdup (r->row->member->name);
  give (given, "head_name");
  if (town == NULL)
    problem (r, _("%s is empty"), r->header->header[BF_COL_TOWN]);
  else if ((town_id = lookup_place (places->towns, NULL, town, town_suffixes)) == NULL)
    problem (r, _("There is no town “%s” in the ledger"), town);
  if (village == NULL)
    problem (r, _("%s is empty"), r->header->header[BF_COL_VILLAGE]);
  else if (town_id != NULL)
    {
      const char *id = lookup_place (places->villages, town_id, village, village_suffixes);
      if (id == NULL)
        problem (r, _("There is no village “%s” in %s"), village, town);
      household->village_id = g_strdup (id);
      give (given, "village_id");
    }
  if (read_word (r, BF_COL_CATEGORY, category_words, "困难户, 低保户, 五保户", &value))
    {
      household->category = value;
      give (given, "category");
    }
  else if (!has_cell (r, BF_COL_CATEGORY))
    problem (r, _("%s is empty"), r->header->header[BF_COL_CATEGORY]);
  if (read_word (r, BF_COL_LABOUR, labour_words, "有劳动能力, 弱劳动能力, 无劳动能力", &value))
    {
      household->labour = value;
      give (given, "labour");
    }
  else if (!has_cell (r, BF_COL_LABOUR))
    problem (r, _("%s is empty"), r->header->header[BF_COL_LABOUR]);
  if (read_word (r, BF_COL_STATUS, status_words, "在册, 已脱贫, 返贫", &value))
    {
      household->status = value;
      give (given, "status");
    }
  if (exit_year != NULL)
    {
      guint64 year = 0;
      if (!g_ascii_string_to_unsigned (exit_year, 10, 2000, 2100, &year, NULL))
        problem (r, _("%s “%s” is not a year"), r->header->header[BF_COL_EXIT_YEAR], exit_year);
      household->exit_year = (int) year;
      give (given, "exit_year");
    }
  household->phone = cell (r, BF_COL_PHONE, FALSE);
  if (household->phone != NULL)
    give (given, "phone");
  household->address = cell (r, BF_COL_ADDRESS, TRUE);
  if (household->address != NULL)
    give (given, "address");
  read_bool (r, BF_COL_CONSENT, &household->consent_publish, given, "consent_publish");
  household->registered_on = read_date (r, BF_COL_REGISTERED_ON);
  if (household->registered_on != NULL)
    give (given, "registered_on");
  if (size != NULL)
    {
      guint64 n = 0;
      if (!g_ascii_string_to_unsigned (size, 10, 1, 99, &n, NULL))
        problem (r, _("%s “%s” is not a number of people"), r->header->header[BF_COL_SIZE], size);
      r->row->size = (int) n;
    }
}

/* The record checks every edit passes, on a copy with a stand-in for references not yet known. */
static void
check_records (Reader *r, BfStore *store)
{
  BfCheckContext context;
  g_autoptr(GError) error = NULL;

  bf_store_get_check_context (store, &context);
  if (r->row->household != NULL && r->row->household->village_id != NULL)
    {
      r->row->household->id = bf_uuid_random ();
      if (!bf_record_check (BF_ENTITY_HOUSEHOLD, r->row->household, &context, &error))
        problem (r, "%s", error->message);
      g_clear_error (&error);
      g_clear_pointer (&r->row->household->id, g_free);
    }
  r->row->member->id = bf_uuid_random ();
  r->row->member->household_id = bf_uuid_random ();
  if (!bf_record_check (BF_ENTITY_MEMBER, r->row->member, &context, &error))
    problem (r, "%s", error->message);
  else
    {
      g_autoptr(GPtrArray) warnings = bf_record_warnings (BF_ENTITY_MEMBER, r->row->member);
      for (guint i = 0; i < warnings->len; i++)
        bf_import_add_problem (r->warnings, r->row->line, g_ptr_array_index (warnings, i));
    }
  g_clear_pointer (&r->row->member->household_id, g_free);
  g_clear_pointer (&r->row->member->id, g_free);
}

BfImportRow *
bf_import_row_read (BfStore *store, const BfImportHeader *header, const BfPlaceIndex *places,
                    const BfCsvRow *csv, GPtrArray *warnings)
{
  BfImportRow *row = g_new0 (BfImportRow, 1);
  Reader r = { header, csv, row, warnings };
  BfMember *member = g_new0 (BfMember, 1);
  g_autofree char *id_number = NULL;
  g_autofree char *head_id = NULL;
  g_autofree char *relation = NULL;
  BfCheckContext context;
  BfIdInfo info;
  gboolean have_info = FALSE;
  int value = 0;

  row->line = csv->line;
  row->problems = g_ptr_array_new_with_free_func (g_free);
  row->household_given = g_ptr_array_new ();
  row->member_given = g_ptr_array_new ();
  row->member = member;
  bf_store_get_check_context (store, &context);

  if (csv->cells->len > header->n_columns)
    problem (&r, _("The row has %u cells but the header only %u columns"), csv->cells->len,
             header->n_columns);
  member->name = cell (&r, header->index[BF_COL_NAME] >= 0 ? BF_COL_NAME : BF_COL_HEAD_NAME, FALSE);
  if (member->name == NULL)
    problem (&r, _("The name is empty"));
  give (row->member_given, "name");

  /* Without the column, every row is a head (a list of households). */
  relation = cell (&r, BF_COL_RELATION, FALSE);
  member->relation = BF_RELATION_HEAD;
  if (relation != NULL && !map_word (relation_words, relation, &value))
    {
      g_autofree char *message = g_strdup_printf (_("%s “%s” is not known; taken as 其他"),
                                                  header->header[BF_COL_RELATION], relation);
      bf_import_add_problem (warnings, row->line, message);
      value = BF_RELATION_OTHER;
    }
  if (relation != NULL)
    member->relation = value;
  else if (header->index[BF_COL_RELATION] >= 0)
    problem (&r, _("%s is empty"), header->header[BF_COL_RELATION]);
  give (row->member_given, "relation");
  row->is_head = member->relation == BF_RELATION_HEAD;

  id_number = cell (&r, BF_COL_ID_NUMBER, FALSE);
  if (id_number != NULL)
    {
      g_autoptr(GError) error = NULL;
      member->id_number = bf_id_number_normalize (id_number, &context.today, &info, &error);
      if (member->id_number == NULL)
        problem (&r, "%s", error->message);
      have_info = member->id_number != NULL;
      give (row->member_given, "id_number");
    }
  else if (row->is_head)
    problem (&r, _("The head of household’s %s is empty: it is what finds the household again"),
             header->header[BF_COL_ID_NUMBER]);

  head_id = cell (&r, BF_COL_HEAD_ID, FALSE);
  if (row->is_head)
    {
      g_autofree char *stated = head_id && member->id_number
        ? bf_id_number_normalize (head_id, &context.today, NULL, NULL) : NULL;
      row->head_key = g_strdup (member->id_number);
      if (head_id != NULL && member->id_number != NULL && g_strcmp0 (stated, member->id_number) != 0)
        problem (&r, _("This is the head’s row but %s “%s” is another person’s"),
                 header->header[BF_COL_HEAD_ID], head_id);
    }
  else
    {
      if (head_id == NULL)
        problem (&r, _("A member’s row needs the head’s ID number (%s)"), "户主身份证号");
      else
        {
          g_autoptr(GError) error = NULL;
          row->head_key = bf_id_number_normalize (head_id, &context.today, NULL, &error);
          if (row->head_key == NULL)
            problem (&r, "%s: %s", header->header[BF_COL_HEAD_ID], error->message);
        }
    }

  if (read_word (&r, BF_COL_SEX, sex_words, "男, 女", &value))
    {
      member->sex = value;
      give (row->member_given, "sex");
    }
  else if (have_info && !has_cell (&r, BF_COL_SEX))
    {
      member->sex = info.male ? BF_SEX_MALE : BF_SEX_FEMALE;
      give (row->member_given, "sex");
    }
  else if (!has_cell (&r, BF_COL_SEX) && id_number == NULL)
    problem (&r, _("Give the sex or the ID number"));
  member->birth_date = read_date (&r, BF_COL_BIRTH);
  if (member->birth_date == NULL && have_info && !has_cell (&r, BF_COL_BIRTH))
    {
      char iso[16];
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &info.birth);
      member->birth_date = g_strdup (iso);
    }
  if (member->birth_date != NULL)
    give (row->member_given, "birth_date");
  read_bool (&r, BF_COL_MEDICAL, &member->medical_insured, row->member_given, "medical_insured");
  read_bool (&r, BF_COL_PENSION, &member->pension_insured, row->member_given, "pension_insured");
  read_bool (&r, BF_COL_DIBAO, &member->dibao_covered, row->member_given, "dibao_covered");

  if (row->is_head && member->name != NULL)
    read_household (&r, places);
  if (row->problems->len == 0)
    check_records (&r, store);
  return row;
}
