/* bf-report-tables.c: the district reports and the village table, from an assessment. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-report-private.h"

#define COL(key, label, header, type, width) { key, label, header, BF_REPORT_##type, width }

static const BfReportColumn assessment_columns[] = {
  COL ("town", NC_("report column", "Town"), "街镇", TEXT, 12),
  COL ("kunnan_households", NC_("report column", "Kunnan households"), "困难户户数", INT, 11),
  COL ("kunnan_people", NC_("report column", "Kunnan people"), "困难户人数", INT, 11),
  COL ("dibao_households", NC_("report column", "Dibao households"), "低保户户数", INT, 11),
  COL ("dibao_people", NC_("report column", "Dibao people"), "低保户人数", INT, 11),
  COL ("wubao_households", NC_("report column", "Wubao households"), "五保户户数", INT, 11),
  COL ("wubao_people", NC_("report column", "Wubao people"), "五保户人数", INT, 11),
  COL ("households", NC_("report column", "Households"), "合计户数", INT, 10),
  COL ("people", NC_("report column", "People"), "合计人数", INT, 10),
  COL ("exited_households", NC_("report column", "Exited households"), "已脱贫户数", INT, 11),
  COL ("exited_people", NC_("report column", "Exited people"), "已脱贫人数", INT, 11),
  COL ("kunnan_exited_people", NC_("report column", "Kunnan people exited"), "困难户脱贫人数", INT, 14),
  COL ("dibao_exited_people", NC_("report column", "Dibao people exited"), "低保户脱贫人数", INT, 14),
  COL ("wubao_exited_people", NC_("report column", "Wubao people exited"), "五保户脱贫人数", INT, 14),
  COL ("kunnan_exited_percent", NC_("report column", "Kunnan share exited"), "困难户脱贫比例", PERCENT, 14),
  COL ("dibao_exited_percent", NC_("report column", "Dibao share exited"), "低保户脱贫比例", PERCENT, 14),
  COL ("wubao_exited_percent", NC_("report column", "Wubao share exited"), "五保户脱贫比例", PERCENT, 14),
  COL ("exited_percent", NC_("report column", "Share exited"), "脱贫比例", PERCENT, 10),
  COL ("target_percent", NC_("report column", "Exit target"), "目标比例", PERCENT, 10),
  COL ("meets_target", NC_("report column", "Target met"), "是否达标", BOOL, 10),
  COL ("paired_households", NC_("report column", "Paired households"), "结对帮扶户数", INT, 13),
  COL ("visits_compliant", NC_("report column", "Households visited enough"), "走访达标户数", INT, 13),
  COL ("support_compliant", NC_("report column", "Households supported enough"), "资金达标户数", INT, 13),
};

static const BfReportColumn household_columns[] = {
  COL ("town", NC_("report column", "Town"), "街镇", TEXT, 10),
  COL ("village", NC_("report column", "Village"), "村（居）", TEXT, 10),
  COL ("head_name", NC_("report column", "Head of household"), "户主姓名", TEXT, 10),
  COL ("category", NC_("report column", "Category"), "贫困户类别", TEXT, 10),
  COL ("labour", NC_("report column", "Labour ability"), "劳动能力", TEXT, 12),
  COL ("people", NC_("report column", "Members"), "家庭人口", INT, 9),
  COL ("status", NC_("report column", "Status"), "状态", TEXT, 8),
  COL ("exit_year", NC_("report column", "Exit year"), "脱贫年度", INT, 9),
  COL ("visits", NC_("report column", "Visits"), "走访次数", INT, 9),
  COL ("meets_visits", NC_("report column", "Visits met"), "走访达标", BOOL, 9),
  COL ("visit_money_fen", NC_("report column", "Money handed over on visits"), "走访送达资金", MONEY, 13),
  COL ("district_fen", NC_("report column", "District finance"), "区财政", MONEY, 12),
  COL ("town_fen", NC_("report column", "Town matching"), "街镇配套", MONEY, 12),
  COL ("charity_fen", NC_("report column", "Charity"), "慈善会", MONEY, 12),
  COL ("cadre_fen", NC_("report column", "Pairing cadres"), "帮扶干部", MONEY, 12),
  COL ("unit_fen", NC_("report column", "Assisting units"), "帮扶单位", MONEY, 12),
  COL ("other_fen", NC_("report column", "Other sources"), "其他来源", MONEY, 12),
  COL ("support_total_fen", NC_("report column", "Total support"), "帮扶资金合计", MONEY, 14),
  COL ("meets_support", NC_("report column", "Support met"), "资金达标", BOOL, 9),
  COL ("income_fen", NC_("report column", "Per-capita income"), "人均可支配收入", MONEY, 15),
  COL ("above_exit_line", NC_("report column", "Income at the exit line"), "收入达到脱贫线", BOOL, 14),
  COL ("medical_insured", NC_("report column", "Members in rural medical insurance"), "参加新农合人数", INT, 14),
  COL ("pension_insured", NC_("report column", "Members in rural pension insurance"), "参加新农保人数", INT, 14),
  COL ("all_insured", NC_("report column", "Everyone insured"), "全员参保", BOOL, 9),
  COL ("exit_eligible", NC_("report column", "Meets the exit conditions"), "符合脱贫条件", BOOL, 12),
  COL ("id", NC_("report column", "Household ID"), "户编号", TEXT, 38),
};

static const BfReportColumn village_columns[] = {
  COL ("town", NC_("report column", "Town"), "街镇", TEXT, 10),
  COL ("village", NC_("report column", "Village"), "村（居）", TEXT, 10),
  COL ("is_key", NC_("report column", "Key village"), "重点帮扶村", BOOL, 11),
  COL ("households", NC_("report column", "Households"), "合计户数", INT, 10),
  COL ("people", NC_("report column", "People"), "合计人数", INT, 10),
  COL ("exited_people", NC_("report column", "Exited people"), "已脱贫人数", INT, 11),
  COL ("collective_income_fen", NC_("report column", "Collective income"), "村集体经济收入", MONEY, 16),
  COL ("income_target_fen", NC_("report column", "Income target"), "收入目标", MONEY, 14),
  COL ("meets_income", NC_("report column", "Income target met"), "收入达标", BOOL, 9),
  COL ("units", NC_("report column", "Assisting units"), "帮扶单位", INT, 9),
  COL ("units_meeting_support", NC_("report column", "Units giving enough"), "资金达标单位数", INT, 14),
  COL ("unit_support_fen", NC_("report column", "Support from units"), "单位帮扶资金", MONEY, 14),
  COL ("support_total_fen", NC_("report column", "Support to the village"), "到村资金合计", MONEY, 14),
  COL ("inspections", NC_("report column", "Inspections"), "检查次数", INT, 9),
  COL ("inspections_required", NC_("report column", "Inspections required"), "应检查次数", INT, 10),
};

static const BfReportColumn cadre_columns[] = {
  COL ("unit", NC_("report column", "Assisting unit"), "帮扶单位", TEXT, 24),
  COL ("cadre", NC_("report column", "Cadre"), "帮扶干部", TEXT, 10),
  COL ("households", NC_("report column", "Paired households"), "结对帮扶户数", INT, 12),
  COL ("visits", NC_("report column", "Visits"), "走访次数", INT, 9),
  COL ("visits_per_household", NC_("report column", "Visits per household"), "户均走访次数", DECIMAL, 12),
  COL ("households_visited_enough", NC_("report column", "Households visited enough"), "走访达标户数", INT, 12),
  COL ("money_fen", NC_("report column", "Cadre's money"), "干部帮扶资金", MONEY, 13),
  COL ("money_per_household_fen", NC_("report column", "Money per household"), "户均资金", MONEY, 12),
  COL ("able_households", NC_("report column", "Households able to work"), "有劳动能力户数", INT, 14),
  COL ("able_households_given_enough", NC_("report column", "Households given enough"), "资金达标户数", INT, 12),
};

/* 村有表: what fits a landscape A4 row. */
static const BfReportColumn village_table_columns[] = {
  COL ("head_name", NC_("report column", "Head of household"), "户主姓名", TEXT, 8),
  COL ("category", NC_("report column", "Category"), "贫困户类别", TEXT, 7),
  COL ("labour", NC_("report column", "Labour ability"), "劳动能力", TEXT, 9),
  COL ("people", NC_("report column", "Members"), "家庭人口", INT, 6),
  COL ("all_insured", NC_("report column", "Everyone insured"), "全员参保", BOOL, 6),
  COL ("income_fen", NC_("report column", "Per-capita income"), "人均可支配收入", MONEY, 11),
  COL ("visits", NC_("report column", "Visits"), "走访次数", INT, 6),
  COL ("support_total_fen", NC_("report column", "Total support"), "帮扶资金合计", MONEY, 11),
  COL ("status", NC_("report column", "Status"), "状态", TEXT, 6),
  COL ("exit_year", NC_("report column", "Exit year"), "脱贫年度", INT, 6),
};

static void
assessment_row (BfReport *r, const BfAssessment *a, const BfTownAssessment *t)
{
  BfReportRowBuilder b;
  int people = bf_town_assessment_total (t->people);
  gint64 share = bf_report_share (bf_town_assessment_total (t->exited_people), people);

  bf_report_row_begin (&b, r);
  bf_report_row_text (&b, t->name);
  for (int c = 0; c < 3; c++)
    {
      bf_report_row_value (&b, t->households[c]);
      bf_report_row_value (&b, t->people[c]);
    }
  bf_report_row_value (&b, bf_town_assessment_total (t->households));
  bf_report_row_value (&b, people);
  bf_report_row_value (&b, bf_town_assessment_total (t->exited_households));
  bf_report_row_value (&b, bf_town_assessment_total (t->exited_people));
  for (int c = 0; c < 3; c++)
    bf_report_row_value (&b, t->exited_people[c]);
  for (int c = 0; c < 3; c++)
    bf_report_row_value_if (&b, t->people[c] > 0, bf_report_share (t->exited_people[c], t->people[c]));
  bf_report_row_value (&b, share);
  bf_report_row_value_if (&b, a->has_exit_target, a->exit_target_percent * 100);
  bf_report_row_value_if (&b, a->has_exit_target, share >= a->exit_target_percent * 100);
  bf_report_row_value (&b, t->required_households);
  bf_report_row_value (&b, t->meeting_visits);
  bf_report_row_value (&b, t->meeting_support);
  bf_report_row_end (&b);
}

static void
household_row (BfReport *r, const BfAssessment *a, const BfHouseholdAssessment *h)
{
  BfReportRowBuilder b;

  bf_report_row_begin (&b, r);
  bf_report_row_text (&b, h->town);
  bf_report_row_text (&b, h->village);
  bf_report_row_text (&b, h->head_name);
  bf_report_row_text (&b, bf_report_category_zh (h->category));
  bf_report_row_text (&b, bf_report_labour_zh (h->labour));
  bf_report_row_value (&b, h->people);
  bf_report_row_text (&b, bf_report_status_zh (h->status));
  bf_report_row_value_if (&b, h->exit_year != 0, h->exit_year);
  bf_report_row_value (&b, h->visits);
  bf_report_row_value_if (&b, h->required, h->meets_visits);
  bf_report_row_value (&b, h->visit_money_fen);
  for (int s = 0; s < BF_N_SOURCES; s++)
    bf_report_row_value (&b, h->support_fen[s]);
  bf_report_row_value (&b, h->support_total_fen);
  bf_report_row_value_if (&b, h->required, h->meets_support);
  bf_report_row_value_if (&b, h->has_income, h->income_fen);
  bf_report_row_value_if (&b, h->has_income && a->has_exit_line, h->above_exit_line);
  bf_report_row_value (&b, h->medical_insured);
  bf_report_row_value (&b, h->pension_insured);
  bf_report_row_value (&b, h->all_insured);
  bf_report_row_value (&b, h->exit_eligible);
  bf_report_row_text (&b, h->id);
  bf_report_row_end (&b);
}

static void
village_row (BfReport *r, const BfVillageAssessment *v)
{
  BfReportRowBuilder b;

  bf_report_row_begin (&b, r);
  bf_report_row_text (&b, v->town);
  bf_report_row_text (&b, v->name);
  bf_report_row_value (&b, v->is_key);
  bf_report_row_value (&b, v->households);
  bf_report_row_value (&b, v->people);
  bf_report_row_value (&b, v->exited_people);
  bf_report_row_value_if (&b, v->has_income, v->collective_income_fen);
  bf_report_row_value_if (&b, v->has_income_target, v->income_target_fen);
  bf_report_row_value_if (&b, v->has_income_target, v->meets_income);
  bf_report_row_value (&b, v->units);
  bf_report_row_value_if (&b, v->units > 0, v->units_meeting_support);
  bf_report_row_value (&b, v->unit_support_fen);
  bf_report_row_value (&b, v->support_total_fen);
  bf_report_row_value (&b, v->inspections);
  bf_report_row_value (&b, v->inspections_required);
  bf_report_row_end (&b);
}

static void
cadre_row (BfReport *r, const BfCadreAssessment *c)
{
  BfReportRowBuilder b;

  bf_report_row_begin (&b, r);
  bf_report_row_text (&b, c->unit);
  bf_report_row_text (&b, c->name);
  bf_report_row_value (&b, c->households);
  bf_report_row_value (&b, c->visits);
  bf_report_row_value (&b, bf_report_share (c->visits, c->households) / 100);
  bf_report_row_value (&b, c->households_visited_enough);
  bf_report_row_value (&b, c->money_fen);
  bf_report_row_value (&b, c->households > 0 ? c->money_fen / c->households : 0);
  bf_report_row_value (&b, c->able_households);
  bf_report_row_value (&b, c->able_households_given_enough);
  bf_report_row_end (&b);
}

BfReport *
bf_report_new (const BfAssessment *a, const char *district, BfReportKind kind)
{
  BfReport *r = NULL;

  switch (kind)
    {
    case BF_REPORT_ASSESSMENT:
      r = bf_report_alloc (kind, assessment_columns, G_N_ELEMENTS (assessment_columns), a->year,
                           g_strdup_printf ("%s%d年度精准扶贫考核（街镇）", district, a->year));
      for (guint i = 0; i < a->towns->len; i++)
        assessment_row (r, a, g_ptr_array_index (a->towns, i));
      assessment_row (r, a, a->district);
      break;
    case BF_REPORT_HOUSEHOLDS:
      r = bf_report_alloc (kind, household_columns, G_N_ELEMENTS (household_columns), a->year,
                           g_strdup_printf ("%s%d年度贫困户帮扶情况", district, a->year));
      for (guint i = 0; i < a->households->len; i++)
        household_row (r, a, g_ptr_array_index (a->households, i));
      break;
    case BF_REPORT_VILLAGES:
      r = bf_report_alloc (kind, village_columns, G_N_ELEMENTS (village_columns), a->year,
                           g_strdup_printf ("%s%d年度村（居）帮扶情况", district, a->year));
      for (guint i = 0; i < a->villages->len; i++)
        village_row (r, g_ptr_array_index (a->villages, i));
      break;
    case BF_REPORT_CADRES:
      r = bf_report_alloc (kind, cadre_columns, G_N_ELEMENTS (cadre_columns), a->year,
                           g_strdup_printf ("%s%d年度帮扶干部结对帮扶情况", district, a->year));
      for (guint i = 0; i < a->cadres->len; i++)
        cadre_row (r, g_ptr_array_index (a->cadres, i));
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return r;
}

BfReport *
bf_report_new_village_table (const BfAssessment *a, const char *village_id, GError **error)
{
  const BfVillageAssessment *village = NULL;
  BfReport *r;

  for (guint i = 0; i < a->villages->len && village == NULL; i++)
    {
      const BfVillageAssessment *v = g_ptr_array_index (a->villages, i);
      if (g_strcmp0 (v->id, village_id) == 0)
        village = v;
    }
  if (village == NULL)
    {
      g_set_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_NOT_FOUND,
                   _("There is no village “%s”"), village_id);
      return NULL;
    }
  r = bf_report_alloc (BF_REPORT_VILLAGE_TABLE, village_table_columns,
                       G_N_ELEMENTS (village_table_columns), a->year,
                       g_strdup_printf ("%s %s 村有表·贫困户花名册（%d年度）", village->town, village->name,
                                        a->year));
  for (guint i = 0; i < a->households->len; i++)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);
      BfReportRowBuilder b;

      if (g_strcmp0 (h->village_id, village_id) != 0)
        continue;
      bf_report_row_begin (&b, r);
      bf_report_row_text (&b, h->head_name);
      bf_report_row_text (&b, bf_report_category_zh (h->category));
      bf_report_row_text (&b, bf_report_labour_zh (h->labour));
      bf_report_row_value (&b, h->people);
      bf_report_row_value (&b, h->all_insured);
      bf_report_row_value_if (&b, h->has_income, h->income_fen);
      bf_report_row_value (&b, h->visits);
      bf_report_row_value (&b, h->support_total_fen);
      bf_report_row_text (&b, bf_report_status_zh (h->status));
      bf_report_row_value_if (&b, h->exit_year != 0, h->exit_year);
      bf_report_row_end (&b);
    }
  return r;
}
