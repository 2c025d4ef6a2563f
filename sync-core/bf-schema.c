/* bf-schema.c: the field tables of every entity. */
#include "bf-config.h"
#include "bf-schema.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>
#include <string.h>

#include "bf-uuid.h"
#include "bf-validate.h"

const char * const bf_category_codes[] = { "kunnan", "dibao", "wubao", NULL };
const char * const bf_labour_codes[] = { "able", "partial", "none", NULL };
const char * const bf_status_codes[] = { "registered", "exited", "returned", NULL };
const char * const bf_relation_codes[] = {
  "head", "spouse", "child", "child_in_law", "grandchild", "parent", "sibling", "other", NULL
};
const char * const bf_sex_codes[] = { "male", "female", NULL };
const char * const bf_help_codes[] = {
  "policy", "funds", "goods", "training", "employment", "industry", "medical", "education",
  "housing", "other", NULL
};
const char * const bf_source_codes[] = { "district", "town", "charity", "cadre", "unit", "other", NULL };
const char * const bf_town_kind_codes[] = { "town", "street", "farm", NULL };
const char * const bf_village_kind_codes[] = { "village", "community", NULL };
const char * const bf_cadre_role_codes[] = { "pairing", "resident", "leader", NULL };
const char * const bf_conflict_status_codes[] = { "open", "resolved", NULL };

int
bf_code_index (const char * const *codes, const char *code)
{
  if (code == NULL)
    return -1;
  for (int i = 0; codes[i] != NULL; i++)
    if (strcmp (codes[i], code) == 0)
      return i;
  return -1;
}

#define REQ BF_FIELD_REQUIRED
#define F(S, member, ftype, fflags, flabel) \
  { .name = #member, .type = ftype, .offset = offsetof (S, member), .flags = fflags, .label = flabel }
#define FE(S, member, fcodes, fflags, flabel) \
  { .name = #member, .type = BF_FIELD_ENUM, .offset = offsetof (S, member), .flags = fflags, \
    .codes = fcodes, .label = flabel }
#define FR(S, member, target, fflags, flabel) \
  { .name = #member, .type = BF_FIELD_REF, .offset = offsetof (S, member), .flags = fflags, \
    .ref = target, .label = flabel }
#define FI(S, member, lo, hi, fflags, flabel) \
  { .name = #member, .type = BF_FIELD_INT, .offset = offsetof (S, member), .flags = fflags, \
    .min = lo, .max = hi, .label = flabel }

static const BfFieldDef town_fields[] = {
  F (BfTown, name, BF_FIELD_TEXT, REQ, N_("Name")),
  FE (BfTown, kind, bf_town_kind_codes, REQ, N_("Kind")),
  FI (BfTown, sort_order, 0, 10000, 0, N_("Order")),
};

static const BfFieldDef village_fields[] = {
  FR (BfVillage, town_id, BF_ENTITY_TOWN, REQ, N_("Town")),
  F (BfVillage, name, BF_FIELD_TEXT, REQ, N_("Name")),
  FE (BfVillage, kind, bf_village_kind_codes, REQ, N_("Kind")),
  F (BfVillage, is_key, BF_FIELD_BOOL, 0, N_("Key village")),
  F (BfVillage, is_old_base, BF_FIELD_BOOL, 0, N_("Old revolutionary base area")),
};

static const BfFieldDef unit_fields[] = {
  F (BfUnit, name, BF_FIELD_TEXT, REQ, N_("Name")),
  FR (BfUnit, key_village_id, BF_ENTITY_VILLAGE, 0, N_("Key village assisted")),
  F (BfUnit, is_lead, BF_FIELD_BOOL, 0, N_("Lead unit")),
};

static const BfFieldDef cadre_fields[] = {
  F (BfCadre, name, BF_FIELD_TEXT, REQ, N_("Full name")),
  FR (BfCadre, unit_id, BF_ENTITY_UNIT, 0, N_("Unit")),
  F (BfCadre, phone, BF_FIELD_PHONE, 0, N_("Phone")),
  FE (BfCadre, role, bf_cadre_role_codes, REQ, N_("Role")),
};

static const BfFieldDef household_fields[] = {
  FR (BfHousehold, village_id, BF_ENTITY_VILLAGE, REQ, N_("Village")),
  F (BfHousehold, head_name, BF_FIELD_TEXT, REQ, N_("Head of household")),
  FE (BfHousehold, category, bf_category_codes, REQ, N_("Category")),
  FE (BfHousehold, labour, bf_labour_codes, REQ, N_("Labour ability")),
  F (BfHousehold, consent_publish, BF_FIELD_BOOL, 0, N_("Consent to publish")),
  FE (BfHousehold, status, bf_status_codes, REQ, N_("Status")),
  F (BfHousehold, address, BF_FIELD_TEXT, 0, N_("Address")),
  F (BfHousehold, phone, BF_FIELD_PHONE, 0, N_("Phone")),
  F (BfHousehold, registered_on, BF_FIELD_DATE, BF_FIELD_NOT_FUTURE, N_("Registered on")),
  FI (BfHousehold, exit_year, 0, 2100, 0, N_("Exit year")),
  FR (BfHousehold, merged_into, BF_ENTITY_HOUSEHOLD, 0, N_("Merged into")),
};

static const BfFieldDef member_fields[] = {
  FR (BfMember, household_id, BF_ENTITY_HOUSEHOLD, REQ, N_("Household")),
  F (BfMember, name, BF_FIELD_TEXT, REQ, N_("Full name")),
  FE (BfMember, relation, bf_relation_codes, REQ, N_("Relation to head")),
  F (BfMember, id_number, BF_FIELD_IDNUM, 0, N_("ID number")),
  FE (BfMember, sex, bf_sex_codes, REQ, N_("Sex")),
  F (BfMember, birth_date, BF_FIELD_DATE, BF_FIELD_NOT_FUTURE, N_("Birth date")),
  F (BfMember, medical_insured, BF_FIELD_BOOL, 0, N_("Rural medical insurance")),
  F (BfMember, pension_insured, BF_FIELD_BOOL, 0, N_("Rural pension insurance")),
  F (BfMember, dibao_covered, BF_FIELD_BOOL, 0, N_("Minimum living allowance")),
};

static const BfFieldDef pairing_fields[] = {
  FR (BfPairing, cadre_id, BF_ENTITY_CADRE, REQ, N_("Cadre")),
  FR (BfPairing, household_id, BF_ENTITY_HOUSEHOLD, REQ, N_("Household")),
  F (BfPairing, from_date, BF_FIELD_DATE, REQ, N_("From")),
  F (BfPairing, to_date, BF_FIELD_DATE, 0, N_("To")),
};

static const BfFieldDef visit_fields[] = {
  FR (BfVisit, household_id, BF_ENTITY_HOUSEHOLD, REQ, N_("Household")),
  FR (BfVisit, cadre_id, BF_ENTITY_CADRE, REQ, N_("Cadre")),
  F (BfVisit, date, BF_FIELD_DATE, REQ | BF_FIELD_IN_PROGRAMME, N_("Visit date")),
  { .name = "kinds", .type = BF_FIELD_FLAGS, .offset = offsetof (BfVisit, kinds),
    .codes = bf_help_codes, .label = N_("Kinds of help") },
  F (BfVisit, description, BF_FIELD_TEXT, 0, N_("Description")),
  F (BfVisit, amount_fen, BF_FIELD_MONEY, 0, N_("Money handed over")),
  FR (BfVisit, voids_id, BF_ENTITY_VISIT, 0, N_("Voids visit")),
  F (BfVisit, void_reason, BF_FIELD_TEXT, 0, N_("Reason for voiding")),
};

static const BfFieldDef payment_fields[] = {
  F (BfPayment, date, BF_FIELD_DATE, REQ | BF_FIELD_IN_PROGRAMME, N_("Payment date")),
  FR (BfPayment, household_id, BF_ENTITY_HOUSEHOLD, 0, N_("Household")),
  FR (BfPayment, village_id, BF_ENTITY_VILLAGE, 0, N_("Village")),
  FE (BfPayment, source, bf_source_codes, REQ, N_("Source of funds")),
  F (BfPayment, purpose, BF_FIELD_TEXT, 0, N_("Purpose")),
  F (BfPayment, amount_fen, BF_FIELD_MONEY, REQ, N_("Amount")),
  FR (BfPayment, cadre_id, BF_ENTITY_CADRE, 0, N_("Cadre")),
  FR (BfPayment, unit_id, BF_ENTITY_UNIT, 0, N_("Unit")),
  FR (BfPayment, voids_id, BF_ENTITY_PAYMENT, 0, N_("Voids payment")),
  F (BfPayment, void_reason, BF_FIELD_TEXT, 0, N_("Reason for voiding")),
};

static const BfFieldDef household_income_fields[] = {
  FR (BfHouseholdIncome, household_id, BF_ENTITY_HOUSEHOLD, REQ, N_("Household")),
  FI (BfHouseholdIncome, year, 2000, 2100, REQ, N_("Year")),
  F (BfHouseholdIncome, per_capita_fen, BF_FIELD_MONEY, REQ, N_("Per-capita disposable income")),
};

static const BfFieldDef village_income_fields[] = {
  FR (BfVillageIncome, village_id, BF_ENTITY_VILLAGE, REQ, N_("Village")),
  FI (BfVillageIncome, year, 2000, 2100, REQ, N_("Year")),
  F (BfVillageIncome, collective_fen, BF_FIELD_MONEY, REQ, N_("Collective income")),
};

static const BfFieldDef inspection_fields[] = {
  FR (BfInspection, village_id, BF_ENTITY_VILLAGE, REQ, N_("Village")),
  FR (BfInspection, unit_id, BF_ENTITY_UNIT, REQ, N_("Unit")),
  FR (BfInspection, leader_id, BF_ENTITY_CADRE, REQ, N_("Leader")),
  F (BfInspection, date, BF_FIELD_DATE, REQ | BF_FIELD_IN_PROGRAMME, N_("Inspection date")),
  F (BfInspection, findings, BF_FIELD_TEXT, 0, N_("Findings")),
};

static const BfFieldDef conflict_fields[] = {
  F (BfConflict, entity, BF_FIELD_TEXT, REQ, N_("Record type")),
  F (BfConflict, row_id, BF_FIELD_TEXT, REQ, N_("Record")),
  F (BfConflict, field, BF_FIELD_TEXT, REQ, N_("Field")),
  F (BfConflict, kept_value, BF_FIELD_TEXT, 0, N_("Kept value")),
  F (BfConflict, kept_version, BF_FIELD_TEXT, 0, N_("Kept version")),
  F (BfConflict, kept_author, BF_FIELD_TEXT, 0, N_("Kept value's author")),
  F (BfConflict, kept_hlc, BF_FIELD_INT64, 0, N_("Kept value's time")),
  F (BfConflict, other_value, BF_FIELD_TEXT, 0, N_("Other value")),
  F (BfConflict, other_version, BF_FIELD_TEXT, 0, N_("Other version")),
  F (BfConflict, other_author, BF_FIELD_TEXT, 0, N_("Other value's author")),
  F (BfConflict, other_hlc, BF_FIELD_INT64, 0, N_("Other value's time")),
  FE (BfConflict, status, bf_conflict_status_codes, REQ, N_("Status")),
  F (BfConflict, resolution, BF_FIELD_TEXT, 0, N_("Resolution")),
};

static const BfFieldDef year_lock_fields[] = {
  FI (BfYearLock, year, 2000, 2100, REQ, N_("Year")),
  F (BfYearLock, locked_by, BF_FIELD_TEXT, 0, N_("Locked by")),
  F (BfYearLock, locked_at, BF_FIELD_INT64, 0, N_("Locked at")),
  F (BfYearLock, figures_kind, BF_FIELD_TEXT, REQ, N_("Kind of figures")),
  F (BfYearLock, figures, BF_FIELD_TEXT, REQ, N_("Frozen figures")),
};

/* A voiding entry must name why: the reason is what the auditor reads. */
static gboolean
check_void (const char *voids_id, const char *reason, GError **error)
{
  if (voids_id != NULL && (reason == NULL || *reason == '\0'))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
                   _("A voiding entry must give the reason for voiding"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_visit (gconstpointer record, GError **error)
{
  const BfVisit *visit = record;
  return check_void (visit->voids_id, visit->void_reason, error);
}

static gboolean
check_payment (gconstpointer record, GError **error)
{
  const BfPayment *payment = record;
  gboolean to_household = payment->household_id != NULL && *payment->household_id;
  gboolean to_village = payment->village_id != NULL && *payment->village_id;

  if (to_household == to_village)
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
                   _("A payment goes either to a household or to a village: give exactly one"));
      return FALSE;
    }
  return check_void (payment->voids_id, payment->void_reason, error);
}

static gboolean
check_pairing (gconstpointer record, GError **error)
{
  const BfPairing *pairing = record;

  if (pairing->to_date != NULL && pairing->from_date != NULL &&
      strcmp (pairing->to_date, pairing->from_date) < 0)
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                   _("Pairing: end date “%s” is before start date “%s”"),
                   pairing->to_date, pairing->from_date);
      return FALSE;
    }
  return TRUE;
}

#define ENTITY(k, n, t, l, S, f, ...) \
  [k] = { .kind = k, .name = n, .table = t, .label = l, .struct_size = sizeof (S), \
          .fields = f, .n_fields = G_N_ELEMENTS (f), __VA_ARGS__ }

static const BfEntityDef entity_defs[BF_N_ENTITIES] = {
  ENTITY (BF_ENTITY_TOWN, "town", "towns", N_("Town"), BfTown, town_fields),
  ENTITY (BF_ENTITY_VILLAGE, "village", "villages", N_("Village"), BfVillage, village_fields),
  ENTITY (BF_ENTITY_UNIT, "unit", "units", N_("Assisting unit"), BfUnit, unit_fields),
  ENTITY (BF_ENTITY_CADRE, "cadre", "cadres", N_("Cadre"), BfCadre, cadre_fields),
  ENTITY (BF_ENTITY_HOUSEHOLD, "household", "households", N_("Household"), BfHousehold,
          household_fields),
  ENTITY (BF_ENTITY_MEMBER, "member", "members", N_("Member"), BfMember, member_fields),
  ENTITY (BF_ENTITY_PAIRING, "pairing", "pairings", N_("Pairing"), BfPairing, pairing_fields,
          .check = check_pairing),
  ENTITY (BF_ENTITY_VISIT, "visit", "visits", N_("Visit"), BfVisit, visit_fields,
          .append_only = TRUE, .check = check_visit),
  ENTITY (BF_ENTITY_PAYMENT, "payment", "payments", N_("Payment"), BfPayment, payment_fields,
          .append_only = TRUE, .check = check_payment),
  ENTITY (BF_ENTITY_HOUSEHOLD_INCOME, "household_income", "household_incomes",
          N_("Household income"), BfHouseholdIncome, household_income_fields),
  ENTITY (BF_ENTITY_VILLAGE_INCOME, "village_income", "village_incomes",
          N_("Village collective income"), BfVillageIncome, village_income_fields),
  ENTITY (BF_ENTITY_INSPECTION, "inspection", "inspections", N_("Inspection"), BfInspection,
          inspection_fields),
  ENTITY (BF_ENTITY_CONFLICT, "conflict", "conflicts", N_("Conflict"), BfConflict,
          conflict_fields),
  ENTITY (BF_ENTITY_YEAR_LOCK, "year_lock", "year_locks", N_("Year lock"), BfYearLock,
          year_lock_fields, .append_only = TRUE),
};

const BfEntityDef *
bf_entity_def (BfEntityKind kind)
{
  g_return_val_if_fail (kind < BF_N_ENTITIES, NULL);
  return &entity_defs[kind];
}

const BfEntityDef *
bf_entity_def_lookup (const char *name)
{
  for (guint i = 0; i < BF_N_ENTITIES; i++)
    if (g_strcmp0 (entity_defs[i].name, name) == 0 || g_strcmp0 (entity_defs[i].table, name) == 0)
      return &entity_defs[i];
  return NULL;
}

const BfFieldDef *
bf_entity_field (const BfEntityDef *def, const char *field_name)
{
  for (guint i = 0; i < def->n_fields; i++)
    if (g_strcmp0 (def->fields[i].name, field_name) == 0)
      return &def->fields[i];
  return NULL;
}

char *
bf_household_income_id (const char *household_id, int year)
{
  g_autofree char *key = g_strdup_printf ("household_income:%s:%d", household_id, year);
  return bf_uuid_for_name (key);
}

char *
bf_village_income_id (const char *village_id, int year)
{
  g_autofree char *key = g_strdup_printf ("village_income:%s:%d", village_id, year);
  return bf_uuid_for_name (key);
}

char *
bf_year_lock_id (int year)
{
  g_autofree char *key = g_strdup_printf ("year_lock:%d", year);
  return bf_uuid_for_name (key);
}
