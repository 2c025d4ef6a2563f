/* household-fixture.h: a small ledger whose list and page are known by heart, shared by
 * test-household-index and test-household-detail.
 *
 * Today is 2016-12-31 and the policy the default one (4 visits, 5,000 yuan a year).
 *
 *   name     place           category  status      members  visits 2016     support 2016
 *   张三     飞来峡镇 旧岭村   困难户    registered  2        4 (+1 voided)   5,000 (+1 voided)
 *   单雄信   源潭镇 积余村     低保户    registered  1 (…X)   2               100
 *   李小龙   飞来峡镇 旧岭村   五保户    exited      1        4               0
 *   曾国藩   源潭镇 积余村     困难户    returned    1        0               6,000
 *   王五     飞来峡镇 旧岭村   困难户    registered  0        0               0
 *
 * Pairings: cadre "me" with 张三 (current) and 曾国藩 (ends today: current) and 李小龙
 * (ended mid-year); cadre "other" with 单雄信. The store's meta has no scope yet.
 */
#pragma once

#include "bf-store.h"

typedef struct {
  char    *dir;
  char    *path;
  BfStore *store;
  char    *town_a, *town_b;            /* 飞来峡镇, 源潭镇 */
  char    *village_a, *village_b;      /* 旧岭村, 积余村 */
  char    *me, *other;                 /* cadres */
  char    *unit;
  char    *zhang, *shan, *li, *zeng, *wang;   /* households */
  char    *zhang_id, *spouse_id, *shan_id;   /* ID numbers; shan_id ends in X */
  char    *voided_visit, *voided_payment;
} HouseholdFixture;

void  household_fixture_set_up (HouseholdFixture *f, gconstpointer data);
void  household_fixture_tear_down (HouseholdFixture *f, gconstpointer data);

/* A valid ID number for someone born on @birth (YYYYMMDD); @want_x asks for one whose check
 * character is X. */
char *household_fixture_id_number (const char *birth, gboolean want_x);

/* Inserts records, asserting success; return the new id (owned by the caller). */
char *household_fixture_add_household (HouseholdFixture *f, const char *village, const char *name,
                                       BfCategory category, BfHouseholdStatus status);
char *household_fixture_add_visit (HouseholdFixture *f, const char *household, const char *cadre,
                                   const char *date, gint64 fen);
char *household_fixture_add_payment (HouseholdFixture *f, const char *household, const char *date,
                                     BfPaymentSource source, gint64 fen);
