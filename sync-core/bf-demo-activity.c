/* bf-demo-activity.c: a year in the demo district — pairings, visits, money, incomes and
 * inspections, with the gaps that real ledgers have so that the assessment finds something:
 * households visited fewer than four times, support short of 5,000 yuan, cadres behind. */
#include "bf-config.h"
#include "bf-demo-private.h"

#include "bf-store-private.h"

#define YUAN(n) ((gint64) (n) * 100)

typedef struct {
  const char *kinds;
  const char *text;
} VisitTemplate;

static const VisitTemplate district_visits[] = {
  { "policy", "入户宣传精准扶贫政策，了解家庭收入和生产情况" },
  { "policy,industry", "了解种养项目进展，商量下一步扶持计划" },
  { "industry,funds", "送去生产启动资金，帮助购买鸡苗和饲料" },
  { "training", "动员户主参加区农业局组织的种养技术培训" },
  { "employment", "推荐到园区企业务工，跟进就业情况" },
  { "policy,education", "核实子女就学情况，落实教育资助" },
  { "medical", "了解家人病情，协助办理医疗救助" },
  { "goods", "送去大米、食用油等慰问物资" },
  { "housing", "查看危房改造进度" },
  { "industry", "到田间查看砂糖桔种植情况，联系技术员指导" },
};

static const VisitTemplate province_visits[] = {
  { "policy", "走访慰问，核实低保五保待遇发放情况" },
  { "medical", "了解身体状况，协助办理大病医疗救助" },
  { "goods", "节日慰问，送去大米和食用油" },
  { "policy,medical", "宣传新农合、新农保政策，核实参保情况" },
  { "housing", "查看住房安全情况" },
};

static const char *inspection_findings[] = {
  "听取村委工作汇报，实地检查集体经济项目进展，要求加快光伏项目建设",
  "检查帮扶台账，指出部分帮扶记录不完整，限期整改",
  "实地查看村道硬底化工程，协调解决资金缺口",
  "走访困难户，检查帮扶措施落实情况",
  "指导村集体经济合作社制订年度计划，解决用地问题",
};

static gboolean
insert_pairing (BfDemo *demo, const char *cadre_id, const char *household_id, const char *from,
                const char *to, GError **error)
{
  g_autoptr(BfPairing) pairing = g_new0 (BfPairing, 1);

  pairing->id = bf_demo_id (demo);
  pairing->cadre_id = g_strdup (cadre_id);
  pairing->household_id = g_strdup (household_id);
  pairing->from_date = g_strdup (from);
  pairing->to_date = g_strdup (to);
  return bf_pairing_insert (demo->store, pairing, error);
}

static gboolean
insert_payment (BfDemo *demo, const char *date, const char *household_id, const char *village_id,
                BfPaymentSource source, const char *purpose, gint64 fen, const char *cadre_id,
                const char *unit_id, GError **error)
{
  g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);

  payment->id = bf_demo_id (demo);
  payment->date = g_strdup (date);
  payment->household_id = g_strdup (household_id);
  payment->village_id = g_strdup (village_id);
  payment->source = source;
  payment->purpose = g_strdup (purpose);
  payment->amount_fen = fen;
  payment->cadre_id = g_strdup (cadre_id);
  payment->unit_id = g_strdup (unit_id);
  return bf_payment_insert (demo->store, payment, error);
}

static void
date_in_year (BfDemo *demo, int month, int day, GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) demo->year);
}

/* A date within [from, to] of the demo year, or NULL when that part of the year has not
 * happened yet (a demo of the current year stops at today). */
static char *
date_in_window (BfDemo *demo, const GDate *from, const GDate *to)
{
  GDate end = *to;

  if (g_date_compare (&end, &demo->year_end) > 0)
    end = demo->year_end;
  if (g_date_compare (from, &end) > 0)
    return NULL;
  return bf_demo_date_between (demo, from, &end);
}

/* One cadre's visits to one household between two dates: @count visits, one per equal slice
 * of the period so that they spread over the quarters as the rules intend. */
static gboolean
insert_visits (BfDemo *demo, const char *cadre_id, const char *household_id, const GDate *from,
               const GDate *to, int count, gboolean district, gint64 money_fen, GError **error)
{
  guint32 first = g_date_get_julian (from), last = g_date_get_julian (to);
  const VisitTemplate *templates = district ? district_visits : province_visits;
  guint n_templates = district ? G_N_ELEMENTS (district_visits) : G_N_ELEMENTS (province_visits);

  for (int i = 0; i < count; i++)
    {
      g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
      const VisitTemplate *template = &templates[g_rand_int_range (demo->rand, 0, (gint32) n_templates)];
      GDate slice_from, slice_to;
      guint32 span = (last - first + 1) / (guint32) count;

      g_date_clear (&slice_from, 1);
      g_date_clear (&slice_to, 1);
      g_date_set_julian (&slice_from, first + span * (guint32) i);
      g_date_set_julian (&slice_to, MAX (first + span * (guint32) (i + 1), first + 1) - 1);
      visit->date = date_in_window (demo, &slice_from, &slice_to);
      if (visit->date == NULL)
        return TRUE;
      visit->id = bf_demo_id (demo);
      visit->household_id = g_strdup (household_id);
      visit->cadre_id = g_strdup (cadre_id);
      bf_record_set_text (bf_entity_field (bf_entity_def (BF_ENTITY_VISIT), "kinds"), visit,
                          template->kinds, NULL);
      visit->description = g_strdup (template->text);
      /* The money a cadre hands over goes on the card and, as every yuan does, in the fund
       * ledger. */
      if (i == count / 2 && money_fen > 0)
        {
          visit->amount_fen = money_fen;
          visit->kinds |= BF_HELP_FUNDS;
          g_free (visit->description);
          visit->description = g_strdup ("送去帮扶干部个人帮扶资金，作为生产启动资金");
          if (!insert_payment (demo, visit->date, household_id, NULL, BF_SOURCE_CADRE,
                               "帮扶干部生产启动资金", money_fen, cadre_id, NULL, error))
            return FALSE;
        }
      if (!bf_visit_insert (demo->store, visit, error))
        return FALSE;
    }
  return TRUE;
}

static int
district_visit_count (BfDemo *demo, gboolean cadre_behind)
{
  double r = g_rand_double (demo->rand);

  if (cadre_behind)
    return g_rand_int_range (demo->rand, 1, 4);
  if (r < 0.10)
    return g_rand_int_range (demo->rand, 2, 4);
  if (r < 0.85)
    return g_rand_int_range (demo->rand, 4, 6);
  return 6;
}

/* Pairs every household with cadres and records their visits. District-standard households
 * get one or two pairing cadres (结对帮扶), and some change cadre mid-year, keeping the history;
 * province-standard households get one contact cadre (联系挂扶). */
static gboolean
build_pairings_and_visits (BfDemo *demo, GError **error)
{
  g_autoptr(GHashTable) behind = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *cadres = demo->pairing_cadres;
  guint next = 0;
  GDate start, end, handover;
  g_autofree char *start_iso = NULL;

  date_in_year (demo, 1, 1, &start);
  date_in_year (demo, 12, 31, &end);
  start_iso = g_strdup_printf ("%d-03-01", g_date_get_year (&demo->policy->programme_start));

  /* About one cadre in twelve falls behind on visits. */
  for (guint i = 0; i < cadres->len; i++)
    if (bf_demo_chance (demo, 0.08))
      g_hash_table_add (behind, g_ptr_array_index (cadres, i));

  for (guint h = 0; h < demo->households->len; h++)
    {
      DemoHousehold *household = g_ptr_array_index (demo->households, h);
      gboolean district = household->category == BF_CATEGORY_KUNNAN;
      int n_cadres = district && bf_demo_chance (demo, 0.2) ? 2 : 1;

      for (int c = 0; c < n_cadres; c++)
        {
          const char *cadre = g_ptr_array_index (cadres, next++ % cadres->len);
          gboolean cadre_behind = g_hash_table_contains (behind, cadre);
          int count = district ? district_visit_count (demo, cadre_behind)
                               : g_rand_int_range (demo->rand, cadre_behind ? 0 : 1, 4);
          gint64 money = district && bf_demo_chance (demo, cadre_behind ? 0.4 : 0.88)
                           ? YUAN (200 + 50 * g_rand_int_range (demo->rand, 0, 7)) : 0;

          if (district && c == 0 && bf_demo_chance (demo, 0.05))
            {
              /* A handover: the first cadre was transferred mid-year; the pairing's history
               * stays, and the successor carries on. */
              const char *successor = g_ptr_array_index (cadres, next++ % cadres->len);
              g_autofree char *handover_iso = NULL;
              g_autofree char *day_before = NULL;

              date_in_year (demo, 7, 1, &handover);
              handover_iso = g_strdup_printf ("%d-07-01", demo->year);
              day_before = g_strdup_printf ("%d-06-30", demo->year);
              if (!insert_pairing (demo, cadre, household->id, start_iso, day_before, error) ||
                  !insert_pairing (demo, successor, household->id, handover_iso, NULL, error))
                return FALSE;
              g_date_subtract_days (&handover, 1);
              if (!insert_visits (demo, cadre, household->id, &start, &handover, count / 2 + 1,
                                  TRUE, 0, error))
                return FALSE;
              g_date_add_days (&handover, 1);
              if (!insert_visits (demo, successor, household->id, &handover, &end, count / 2 + 1,
                                  TRUE, money, error))
                return FALSE;
              continue;
            }
          if (!insert_pairing (demo, cadre, household->id, start_iso, NULL, error) ||
              (count > 0 &&
               !insert_visits (demo, cadre, household->id, &start, &end, count, district, money,
                               error)))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
maybe_pay (BfDemo *demo, double chance, int month_from, int month_to, const char *household_id,
           BfPaymentSource source, const char *purpose, gint64 fen, GError **error)
{
  GDate from, to;
  g_autofree char *date = NULL;

  if (!bf_demo_chance (demo, chance))
    return TRUE;
  date_in_year (demo, month_from, 1, &from);
  date_in_year (demo, month_to, 28, &to);
  date = date_in_window (demo, &from, &to);
  if (date == NULL)
    return TRUE;
  return insert_payment (demo, date, household_id, NULL, source, purpose, fen, NULL, NULL, error);
}

/* The fund ledger: district 2,000 (two instalments), town 1,000, charity 1,000 and unit money
 * to each able household; holiday relief to province-standard ones; 300,000 to each key
 * village and at least 10,000 from each of its units — each with some misses. */
static gboolean
build_payments (BfDemo *demo, GError **error)
{
  for (guint h = 0; h < demo->households->len; h++)
    {
      DemoHousehold *household = g_ptr_array_index (demo->households, h);
      const char *id = household->id;

      if (household->category == BF_CATEGORY_KUNNAN)
        {
          if (!maybe_pay (demo, 0.97, 3, 4, id, BF_SOURCE_DISTRICT, "区财政脱贫增收扶持（上半年）",
                          demo->policy->support_district_fen / 2, error) ||
              !maybe_pay (demo, 0.93, 9, 10, id, BF_SOURCE_DISTRICT, "区财政脱贫增收扶持（下半年）",
                          demo->policy->support_district_fen / 2, error) ||
              !maybe_pay (demo, 0.90, 5, 8, id, BF_SOURCE_TOWN, "街镇配套扶持资金",
                          demo->policy->support_town_fen, error) ||
              !maybe_pay (demo, 0.94, 7, 7, id, BF_SOURCE_CHARITY, "“6·30”广东扶贫济困日慈善资金",
                          demo->policy->support_charity_fen, error) ||
              !maybe_pay (demo, 0.72, 4, 11, id, BF_SOURCE_UNIT, "帮扶单位产业扶持资金",
                          YUAN (800 + 100 * g_rand_int_range (demo->rand, 0, 8)), error) ||
              !maybe_pay (demo, 0.25, 5, 11, id, BF_SOURCE_OTHER, "种养项目奖补",
                          YUAN (500 * g_rand_int_range (demo->rand, 1, 5)), error))
            return FALSE;
        }
      else if (!maybe_pay (demo, 0.45, 1, 2, id, BF_SOURCE_CHARITY, "春节慰问金",
                           YUAN (300 + 100 * g_rand_int_range (demo->rand, 0, 3)), error) ||
               !maybe_pay (demo, 0.12, 3, 11, id, BF_SOURCE_OTHER, "大病医疗救助",
                           YUAN (1000 * g_rand_int_range (demo->rand, 1, 6)), error))
        return FALSE;
    }

  for (guint u = 0; u < demo->units->len; u++)
    {
      DemoUnit *unit = g_ptr_array_index (demo->units, u);
      GDate from, to;
      g_autofree char *date = NULL;
      gint64 amount;

      if (unit->key_village_id == NULL)
        continue;
      date_in_year (demo, 3, 1, &from);
      date_in_year (demo, 12, 20, &to);
      date = date_in_window (demo, &from, &to);
      if (date == NULL)
        continue;
      amount = bf_demo_chance (demo, 0.85)
                 ? demo->policy->unit_support_per_year_fen + YUAN (1000 * g_rand_int_range (demo->rand, 0, 11))
                 : YUAN (1000 * g_rand_int_range (demo->rand, 4, 9));
      if (!insert_payment (demo, date, NULL, unit->key_village_id, BF_SOURCE_UNIT,
                           "帮扶单位对口帮扶资金", amount, NULL, unit->id, error))
        return FALSE;
      if (unit->is_lead &&
          !insert_payment (demo, date, NULL, unit->key_village_id, BF_SOURCE_DISTRICT,
                           "重点困难村村级集体经济发展扶持", YUAN (300000), NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_household_income (BfDemo *demo, const char *household_id, int year, gint64 fen,
                         GError **error)
{
  g_autoptr(BfHouseholdIncome) income = g_new0 (BfHouseholdIncome, 1);

  income->id = bf_household_income_id (household_id, year);
  income->household_id = g_strdup (household_id);
  income->year = year;
  income->per_capita_fen = fen;
  return bf_household_income_insert (demo->store, income, error);
}

/* Incomes from the baseline year (the year before the programme) to the demo year. A household
 * exits (脱贫) the first year its income reaches the exit line with every member insured; one
 * hit by misfortune later and below the line again has fallen back (返贫). */
static gboolean
build_household_incomes (BfDemo *demo, GError **error)
{
  int baseline = g_date_get_year (&demo->policy->programme_start) - 1;
  int programme_end = g_date_get_year (&demo->policy->programme_end);

  for (guint h = 0; h < demo->households->len; h++)
    {
      DemoHousehold *household = g_ptr_array_index (demo->households, h);
      gboolean district = household->category == BF_CATEGORY_KUNNAN;
      gint64 line = district ? demo->policy->district_line_fen : demo->policy->province_line_fen;
      gint64 fen = line * g_rand_int_range (demo->rand, 40, 99) / 100;
      int exit_year = 0;
      gboolean fell_back = FALSE;

      for (int year = baseline; year <= demo->year; year++)
        {
          gint64 exit_line = 0;
          gboolean has_line = bf_policy_exit_line (demo->policy, year, &exit_line);

          if (exit_year != 0 && bf_demo_chance (demo, 0.04))
            fen = fen * 55 / 100;   /* an illness or a failed harvest */
          else if (year > programme_end)
            fen += fen * g_rand_int_range (demo->rand, 2, 9) / 100;   /* ordinary years */
          else if (year > baseline)
            /* Province-standard incomes include the allowances they now receive. */
            fen += fen * (district ? g_rand_int_range (demo->rand, 20, 95)
                                   : g_rand_int_range (demo->rand, 40, 150)) / 100;
          fen -= fen % 100;
          if (!insert_household_income (demo, household->id, year, fen, error))
            return FALSE;
          if (exit_year == 0 && year > baseline && household->all_insured && has_line &&
              fen >= exit_line)
            exit_year = year;
          else if (exit_year != 0 && exit_year < year && has_line && fen < exit_line)
            fell_back = TRUE;
        }
      if (exit_year != 0)
        {
          g_autofree char *year_text = g_strdup_printf ("%d", exit_year);
          if (!bf_household_set (demo->store, household->id, "status",
                                 fell_back ? "returned" : "exited", error) ||
              !bf_household_set (demo->store, household->id, "exit_year", year_text, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Key villages' collective income against the year's target, most meeting it; and the
 * leaders' quarterly inspections, some missed. */
static gboolean
build_villages_and_inspections (BfDemo *demo, GError **error)
{
  int baseline = g_date_get_year (&demo->policy->programme_start) - 1;

  for (guint v = 0; v < demo->villages->len; v++)
    {
      DemoVillage *village = g_ptr_array_index (demo->villages, v);

      if (!village->is_key && !bf_demo_chance (demo, 0.4))
        continue;
      for (int year = baseline; year <= demo->year; year++)
        {
          g_autoptr(BfVillageIncome) income = g_new0 (BfVillageIncome, 1);
          gint64 target = 0;

          income->id = bf_village_income_id (village->id, year);
          income->village_id = g_strdup (village->id);
          income->year = year;
          if (village->is_key && bf_policy_key_village_income_target (demo->policy, year, &target))
            income->collective_fen = target * g_rand_int_range (demo->rand, 80, 160) / 100;
          else
            income->collective_fen = YUAN (1000 * g_rand_int_range (demo->rand, 10, 400));
          if (!bf_village_income_insert (demo->store, income, error))
            return FALSE;
        }
    }

  for (guint u = 0; u < demo->units->len; u++)
    {
      DemoUnit *unit = g_ptr_array_index (demo->units, u);

      if (unit->key_village_id == NULL)
        continue;
      for (int quarter = 0; quarter < 4; quarter++)
        {
          g_autoptr(BfInspection) inspection = NULL;
          GDate from, to;

          if (bf_demo_chance (demo, 0.18))
            continue;
          date_in_year (demo, quarter * 3 + 1, 1, &from);
          date_in_year (demo, quarter * 3 + 3, 28, &to);
          inspection = g_new0 (BfInspection, 1);
          inspection->date = date_in_window (demo, &from, &to);
          if (inspection->date == NULL)
            break;
          inspection->id = bf_demo_id (demo);
          inspection->village_id = g_strdup (unit->key_village_id);
          inspection->unit_id = g_strdup (unit->id);
          inspection->leader_id = g_strdup (unit->leader_id);
          inspection->findings = g_strdup (
            inspection_findings[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (inspection_findings))]);
          if (!bf_inspection_insert (demo->store, inspection, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
bf_demo_build_activity (BfDemo *demo, GError **error)
{
  return build_pairings_and_visits (demo, error) &&
         build_payments (demo, error) &&
         build_household_incomes (demo, error) &&
         build_villages_and_inspections (demo, error);
}
