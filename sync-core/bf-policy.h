/* bf-policy.h: the policy figures the assessment checks, read from a JSON policy file.
 *
 * No policy figure is a C constant: another district or another year has other figures,
 * so they live in JSON files under data/policy/. The default file (Qingcheng 2016–2018) is compiled
 * into the library as a GResource; bf_policy_load_file() reads any other.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BF_POLICY_ERROR (bf_policy_error_quark ())

typedef enum {
  BF_POLICY_ERROR_PARSE,     /* not JSON at all */
  BF_POLICY_ERROR_MISSING,   /* a required field is absent */
  BF_POLICY_ERROR_TYPE,      /* a field has the wrong type */
  BF_POLICY_ERROR_VALUE,     /* a field's value is out of range or inconsistent */
  BF_POLICY_ERROR_IO,        /* the file cannot be read */
} BfPolicyError;

GQuark bf_policy_error_quark (void);

/* A figure that changes by year (targets, the rural average income). */
typedef struct {
  int    year;
  gint64 value;
} BfYearFigure;

/* Read-only once loaded. Money in fen, shares in percent. */
typedef struct {
  char   *id;                        /* "qingcheng-2016" */
  char   *name;                      /* human title, Chinese */
  char   *district;                  /* "清城区" */
  GDate   programme_start;           /* no record may be dated before this */
  GDate   programme_end;

  gint64  province_line_fen;         /* 省定: 2015 per-capita income below 4,000 yuan */
  gint64  district_line_fen;         /* 区定: below 7,500 yuan, able to work */

  int     visits_per_year;           /* by each pairing cadre to each paired household: 4 */
  gint64  cadre_money_per_year_fen;  /* from each pairing cadre to each able household: 200 yuan */
  gint64  support_per_year_fen;      /* total per able household: 5,000 yuan */
  gint64  support_district_fen;      /* of which district finance: 2,000 */
  gint64  support_town_fen;          /* town matching: 1,000 */
  gint64  support_charity_fen;       /* charity federation: 1,000 */

  int     exit_income_percent;       /* exit line = this share of the year's rural average: 50 */
  gboolean exit_requires_insurance;  /* every member in 新农合 and 新农保 */
  GArray *rural_average_fen;         /* BfYearFigure: district rural per-capita disposable income */
  GArray *exit_target_percent;       /* BfYearFigure: share of poor people exited by year end */
  GArray *key_village_income_fen;    /* BfYearFigure: collective income target of key villages */

  gint64  unit_support_per_year_fen; /* each unit to its key village: 10,000 yuan */
  int     lead_unit_inspection_months;   /* lead unit inspects every 6 months */
  int     unit_leader_inspection_months; /* each unit's leader every 3 months */

  int     employer_min_hired;        /* employers hiring at least 20 registered poor workers */
  gint64  employer_subsidy_fen;      /* get 2,000 yuan per worker kept a year */

  gint64  max_amount_fen;            /* sanity cap on any single amount typed in */
} BfPolicy;

/* Loads and checks a policy. A bad file is refused whole; the message names the field. */
BfPolicy *bf_policy_load_file    (const char *path, GError **error);
BfPolicy *bf_policy_load_data    (const char *json, gssize length, GError **error);
/* The built-in default (data/policy/qingcheng-2016.json, compiled in). */
BfPolicy *bf_policy_load_default (GError **error);
void      bf_policy_free         (BfPolicy *policy);

/* Year lookups: FALSE when the policy has no figure for @year. */
gboolean bf_policy_rural_average (const BfPolicy *policy, int year, gint64 *out_fen);
gboolean bf_policy_exit_line     (const BfPolicy *policy, int year, gint64 *out_fen);
gboolean bf_policy_exit_target   (const BfPolicy *policy, int year, int *out_percent);
/* The latest year up to @year that the policy sets targets for (the year the assessment can
 * be made for); @year itself when it sets none before it. */
int      bf_policy_assessed_year (const BfPolicy *policy, int year);
gboolean bf_policy_key_village_income_target (const BfPolicy *policy, int year, gint64 *out_fen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfPolicy, bf_policy_free)

G_END_DECLS
