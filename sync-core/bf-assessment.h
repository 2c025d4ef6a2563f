/* bf-assessment.h: the yearly assessment (考核) — every household, cadre, village and town
 * against the policy file's figures for one year.
 *
 * The figures are computed in sync-core with a handful of aggregate queries so that the app's
 * dashboard and `bangfu-cli report` print the same numbers. Every rule figure (4 visits, 5,000
 * yuan, the exit line, 30/70/100 %, village targets) comes from the store's policy; none is a C
 * constant. Money is integer fen. Deleted rows, voided visits and payments and the entries that
 * void them are left out.
 */
#pragma once

#include "bf-entities.h"
#include "bf-store.h"

G_BEGIN_DECLS

#define BF_N_SOURCES (BF_SOURCE_OTHER + 1)

/* One household's year. Requirements apply to district-standard (区定, 困难户) households —
 * the paired ones; province-standard ones (低保/五保, 社保兜底) show their figures with
 * `required` FALSE. */
typedef struct {
  char             *id;
  char             *town;
  char             *village;
  char             *village_id;
  char             *head_name;
  BfCategory        category;
  BfLabour          labour;
  BfHouseholdStatus status;
  int               exit_year;
  int               people;
  int               medical_insured;      /* members in 新农合 */
  int               pension_insured;      /* members in 新农保 */
  int               visits;               /* this year's visits, all cadres */
  gint64            visit_money_fen;      /* cash handed over on those visits (also in the ledger) */
  gint64            support_fen[BF_N_SOURCES];  /* the fund ledger by source */
  gint64            support_total_fen;
  gboolean          has_income;
  gint64            income_fen;           /* per-capita disposable income of the year */
  gboolean          required;             /* the visit and support rules apply */
  gboolean          meets_visits;
  gboolean          meets_support;
  gboolean          all_insured;          /* every member in both insurances (and ≥ 1 member) */
  gboolean          above_exit_line;
  gboolean          exit_eligible;        /* income at the line and all insured */
  gboolean          exited;               /* status exited with exit_year ≤ the year */
} BfHouseholdAssessment;

/* A cadre's pairings that were current at some time in the year. */
typedef struct {
  char  *id;
  char  *name;
  char  *unit;
  int    households;           /* paired households */
  int    able_households;      /* of which district-standard with labour ability */
  int    visits;               /* visits to them */
  gint64 money_fen;            /* the cadre's own money to them, from the fund ledger */
  int    households_visited_enough;   /* ≥ the policy's visits by this cadre */
  int    able_households_given_enough; /* ≥ the policy's cadre money from this cadre */
} BfCadreAssessment;

typedef struct {
  char    *id;
  char    *town;
  char    *name;
  gboolean is_key;
  int      households;
  int      people;
  int      exited_people;
  gboolean has_income;
  gint64   collective_income_fen;
  gboolean has_income_target;        /* key villages, in a year the policy covers */
  gint64   income_target_fen;
  gboolean meets_income;
  int      units;                    /* units assigned to the village */
  int      units_meeting_support;    /* each gave ≥ the policy's unit support */
  gint64   unit_support_fen;         /* payments to the village from units */
  gint64   support_total_fen;        /* payments to the village, every source */
  int      inspections;
  int      inspections_required;     /* each unit's leader every N months */
} BfVillageAssessment;

/* People and households by category (BfCategory order), exited ones, against the target. */
typedef struct {
  char    *name;                     /* the town; the district's name for the total */
  int      households[3];
  int      people[3];
  int      exited_households[3];
  int      exited_people[3];
  int      required_households;      /* district-standard households */
  int      meeting_visits;
  int      meeting_support;
} BfTownAssessment;

typedef struct {
  int        year;
  /* The policy figures used, for the report's header. */
  int        visits_required;
  gint64     support_required_fen;
  gint64     cadre_money_required_fen;
  gint64     unit_support_required_fen;
  gboolean   has_exit_line;
  gint64     exit_line_fen;
  gboolean   has_exit_target;
  int        exit_target_percent;
  GPtrArray *households;             /* BfHouseholdAssessment*, by town, village, head */
  GPtrArray *cadres;                 /* BfCadreAssessment*, by unit, name */
  GPtrArray *villages;               /* BfVillageAssessment*, by town, village */
  GPtrArray *towns;                  /* BfTownAssessment*, in the towns' order */
  BfTownAssessment *district;        /* the sum of the towns */
} BfAssessment;

/* Computes the assessment of @year. Fails (BF_POLICY_ERROR_VALUE) for a year the policy does not
 * cover at all (no exit target and no rural average). */
BfAssessment *bf_assessment_compute (BfStore *store, int year, GError **error);
void          bf_assessment_free    (BfAssessment *assessment);

/* Exited people as a share of all, in percent (0 when there are none). */
double bf_town_assessment_exited_percent (const BfTownAssessment *town);
int    bf_town_assessment_total (const int by_category[3]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfAssessment, bf_assessment_free)

G_END_DECLS
