/* bf-demo.h: the demo district — Qingcheng's seed figures with synthetic people. */
#pragma once

#include "bf-store.h"

G_BEGIN_DECLS

/* Builds the demo district into an empty @store in one transaction: the seed's towns, key
 * villages and household and people counts exactly, synthetic names and ID numbers, and a
 * year of pairings, visits, payments, incomes and inspections for @year with realistic gaps.
 * The same @seed gives the same district. */
gboolean bf_demo_build (BfStore *store, guint32 seed, int year, GError **error);

/* The demo covers a year from the programme's start to the current year. */
gboolean bf_demo_check_year (const BfPolicy *policy, int year, GError **error);

G_END_DECLS
