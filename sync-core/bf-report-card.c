/* bf-report-card.c: loading a household card. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-report-card.h"

#include "bf-assessment-private.h"
#include "bf-report-private.h"
#include "bf-schema.h"

#define COL(key, label, header, type, width) { key, label, header, BF_REPORT_##type, width }

static const BfReportColumn field_columns[] = {
  COL ("head_name", NC_("report column", "Head of household"), "户主姓名", TEXT, 1),
  COL ("town", NC_("report column", "Town"), "街镇", TEXT, 1),
  COL ("village", NC_("report column", "Village"), "村（居）", TEXT, 1),
  COL ("address", NC_("report column", "Address"), "家庭住址", TEXT, 1),
  COL ("phone", NC_("report column", "Phone"), "联系电话", TEXT, 1),
  COL ("category", NC_("report column", "Category"), "贫困户类别", TEXT, 1),
  COL ("labour", NC_("report column", "Labour ability"), "劳动能力", TEXT, 1),
  COL ("status", NC_("report column", "Status"), "状态", TEXT, 1),
  COL ("exit_year", NC_("report column", "Exit year"), "脱贫年度", INT, 1),
  COL ("registered_on", NC_("report column", "Registered on"), "建档日期", DATE, 1),
  COL ("consent_publish", NC_("report column", "Agreed to publication"), "自愿公开", BOOL, 1),
  COL ("income_fen", NC_("report column", "Per-capita income"), "人均可支配收入", MONEY, 1),
};

static const BfReportColumn member_columns[] = {
  COL ("name", NC_("report column", "Name"), "姓名", TEXT, 8),
  COL ("relation", NC_("report column", "Relation to the head"), "与户主关系", TEXT, 8),
  COL ("sex", NC_("report column", "Sex"), "性别", TEXT, 4),
  COL ("id_number", NC_("report column", "ID number"), "身份证号", TEXT, 18),
  COL ("birth_date", NC_("report column", "Date of birth"), "出生日期", DATE, 14),
  COL ("medical_insured", NC_("report column", "Rural medical insurance"), "新农合", BOOL, 5),
  COL ("pension_insured", NC_("report column", "Rural pension insurance"), "新农保", BOOL, 5),
};

static const BfReportColumn pairing_columns[] = {
  COL ("cadre", NC_("report column", "Cadre"), "帮扶干部", TEXT, 8),
  COL ("unit", NC_("report column", "Assisting unit"), "帮扶单位", TEXT, 20),
  COL ("phone", NC_("report column", "Phone"), "联系电话", TEXT, 11),
  COL ("from_date", NC_("report column", "From"), "结对日期", DATE, 14),
  COL ("to_date", NC_("report column", "Until"), "结束日期", DATE, 14),
};

static const BfReportColumn visit_columns[] = {
  COL ("date", NC_("report column", "Date"), "日期", DATE, 14),
  COL ("cadre", NC_("report column", "Cadre"), "帮扶干部", TEXT, 7),
  COL ("description", NC_("report column", "Help given"), "帮扶内容", TEXT, 30),
  COL ("amount_fen", NC_("report column", "Amount"), "金额", MONEY, 10),
};

static const BfReportColumn payment_columns[] = {
  COL ("date", NC_("report column", "Date"), "日期", DATE, 14),
  COL ("source", NC_("report column", "Source"), "资金来源", TEXT, 8),
  COL ("purpose", NC_("report column", "Purpose"), "用途", TEXT, 29),
  COL ("amount_fen", NC_("report column", "Amount"), "金额", MONEY, 10),
};

void
bf_household_card_free (BfHouseholdCard *card)
{
  if (card == NULL)
    return;
  g_free (card->title);
  g_free (card->subtitle);
  g_clear_pointer (&card->fields, bf_report_free);
  g_clear_pointer (&card->members, bf_report_free);
  g_clear_pointer (&card->pairings, bf_report_free);
  g_clear_pointer (&card->visits, bf_report_free);
  g_clear_pointer (&card->payments, bf_report_free);
  g_free (card);
}

static const char *
text_at (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static int
code_at (sqlite3_stmt *stmt, int column, const char * const *codes)
{
  return MAX (0, bf_code_index (codes, text_at (stmt, column)));
}

/* The household's particulars; FALSE with NOT_FOUND when it does not exist. */
static gboolean
load_fields (BfStore *store, BfHouseholdCard *card, const char *id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT h.head_name, t.name, v.name, h.address, h.phone, h.category, h.labour, h.status,"
    "       h.exit_year, h.registered_on, h.consent_publish, i.per_capita_fen"
    " FROM households h JOIN villages v ON v.id = h.village_id JOIN towns t ON t.id = v.town_id"
    " LEFT JOIN household_incomes i ON i.household_id = h.id AND i.year = ?2 AND i.deleted = 0"
    " WHERE h.id = ?1 AND h.deleted = 0", error);
  BfReportRowBuilder b;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, card->year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return bf_store_fail (store, _("reading a household"), error);
      g_set_error (error, BF_REPORT_ERROR, BF_REPORT_ERROR_NOT_FOUND,
                   _("There is no household “%s”"), id);
      return FALSE;
    }
  card->subtitle = g_strdup_printf ("%s %s %s · %d年度", bf_store_get_policy (store)->district,
                                    text_at (stmt, 1), text_at (stmt, 2), card->year);
  card->fields = bf_report_alloc (BF_REPORT_CARD_FIELDS, field_columns,
                                  G_N_ELEMENTS (field_columns), card->year, g_strdup (card->title));
  bf_report_row_begin (&b, card->fields);
  for (int c = 0; c < 5; c++)
    bf_report_row_text (&b, text_at (stmt, c));
  bf_report_row_text (&b, bf_report_category_zh (code_at (stmt, 5, bf_category_codes)));
  bf_report_row_text (&b, bf_report_labour_zh (code_at (stmt, 6, bf_labour_codes)));
  bf_report_row_text (&b, bf_report_status_zh (code_at (stmt, 7, bf_status_codes)));
  bf_report_row_value_if (&b, sqlite3_column_int (stmt, 8) != 0, sqlite3_column_int (stmt, 8));
  bf_report_row_text (&b, text_at (stmt, 9));
  bf_report_row_value (&b, sqlite3_column_int (stmt, 10) != 0);
  bf_report_row_value_if (&b, sqlite3_column_type (stmt, 11) != SQLITE_NULL,
                          sqlite3_column_int64 (stmt, 11));
  bf_report_row_end (&b);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_members (BfStore *store, BfHouseholdCard *card, const char *id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT name, relation, sex, id_number, birth_date, medical_insured, pension_insured"
    " FROM members WHERE household_id = ?1 AND deleted = 0"
    " ORDER BY relation = 'head' DESC, birth_date, name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  card->members = bf_report_alloc (BF_REPORT_CARD_MEMBERS, member_columns,
                                   G_N_ELEMENTS (member_columns), card->year,
                                   g_strdup ("家庭成员"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfReportRowBuilder b;

      bf_report_row_begin (&b, card->members);
      bf_report_row_text (&b, text_at (stmt, 0));
      bf_report_row_text (&b, bf_report_relation_zh (code_at (stmt, 1, bf_relation_codes)));
      bf_report_row_text (&b, bf_report_sex_zh (code_at (stmt, 2, bf_sex_codes)));
      bf_report_row_text (&b, text_at (stmt, 3));
      bf_report_row_text (&b, text_at (stmt, 4));
      bf_report_row_value (&b, sqlite3_column_int (stmt, 5) != 0);
      bf_report_row_value (&b, sqlite3_column_int (stmt, 6) != 0);
      bf_report_row_end (&b);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading members"), error);
}

static gboolean
load_pairings (BfStore *store, BfHouseholdCard *card, const char *id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT c.name, u.name, c.phone, p.from_date, p.to_date"
    " FROM pairings p JOIN cadres c ON c.id = p.cadre_id LEFT JOIN units u ON u.id = c.unit_id"
    " WHERE p.household_id = ?1 AND p.deleted = 0 ORDER BY p.from_date, c.name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  card->pairings = bf_report_alloc (BF_REPORT_CARD_PAIRINGS, pairing_columns,
                                    G_N_ELEMENTS (pairing_columns), card->year,
                                    g_strdup ("结对帮扶"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfReportRowBuilder b;

      bf_report_row_begin (&b, card->pairings);
      for (int c = 0; c < 5; c++)
        bf_report_row_text (&b, text_at (stmt, c));
      bf_report_row_end (&b);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading pairings"), error);
}

static gboolean
load_visits (BfStore *store, BfHouseholdCard *card, const char *id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT x.date, c.name, x.description, x.amount_fen"
    " FROM visits x JOIN cadres c ON c.id = x.cadre_id"
    " WHERE x.household_id = ?3 AND" BF_ASSESSMENT_LIVE ("visits", "x")
    " ORDER BY x.date, x.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, card->year);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  card->visits = bf_report_alloc (BF_REPORT_CARD_VISITS, visit_columns,
                                  G_N_ELEMENTS (visit_columns), card->year,
                                  g_strdup_printf ("%d年度帮扶记录", card->year));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfReportRowBuilder b;
      gint64 fen = sqlite3_column_int64 (stmt, 3);

      bf_report_row_begin (&b, card->visits);
      bf_report_row_text (&b, text_at (stmt, 0));
      bf_report_row_text (&b, text_at (stmt, 1));
      bf_report_row_text (&b, text_at (stmt, 2));
      bf_report_row_value_if (&b, fen > 0, fen);
      bf_report_row_end (&b);
      card->visits_money_fen += fen;
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading visits"), error);
}

static gboolean
load_payments (BfStore *store, BfHouseholdCard *card, const char *id, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT x.date, x.source, x.purpose, x.amount_fen FROM payments x"
    " WHERE x.household_id = ?3 AND" BF_ASSESSMENT_LIVE ("payments", "x")
    " ORDER BY x.date, x.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bf_assessment_bind_year (stmt, card->year);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  card->payments = bf_report_alloc (BF_REPORT_CARD_PAYMENTS, payment_columns,
                                    G_N_ELEMENTS (payment_columns), card->year,
                                    g_strdup_printf ("%d年度帮扶资金", card->year));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfReportRowBuilder b;

      bf_report_row_begin (&b, card->payments);
      bf_report_row_text (&b, text_at (stmt, 0));
      bf_report_row_text (&b, bf_report_source_zh (code_at (stmt, 1, bf_source_codes)));
      bf_report_row_text (&b, text_at (stmt, 2));
      bf_report_row_value (&b, sqlite3_column_int64 (stmt, 3));
      bf_report_row_end (&b);
      card->payments_fen += sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("reading payments"), error);
}

BfHouseholdCard *
bf_household_card_load (BfStore *store, const char *household_id, int year, GError **error)
{
  g_autoptr(BfHouseholdCard) card = g_new0 (BfHouseholdCard, 1);

  card->year = year;
  card->title = g_strdup ("贫困户登记卡");
  if (!load_fields (store, card, household_id, error) ||
      !load_members (store, card, household_id, error) ||
      !load_pairings (store, card, household_id, error) ||
      !load_visits (store, card, household_id, error) ||
      !load_payments (store, card, household_id, error))
    return NULL;
  return g_steal_pointer (&card);
}
