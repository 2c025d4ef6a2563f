/* bf-assessment-private.h: what the assessment's modules share. */
#pragma once

#include "bf-assessment.h"
#include "bf-store-private.h"

G_BEGIN_DECLS

/* A visit or payment that counts: not a tombstone, not a voiding entry, not voided, and dated
 * in the year (?1 and ?2 are the year's first and last ISO dates). @t is the table, @x its
 * alias in the query. */
#define BF_ASSESSMENT_LIVE(t, x) \
  " " x ".deleted = 0 AND " x ".voids_id IS NULL AND " x ".date BETWEEN ?1 AND ?2" \
  " AND NOT EXISTS (SELECT 1 FROM " t " w WHERE w.voids_id = " x ".id) "

/* Binds the year's first and last day as ?1 and ?2. */
void     bf_assessment_bind_year (sqlite3_stmt *stmt, int year);

/* Cadres and villages (bf-assessment-units.c). */
gboolean bf_assessment_cadres   (BfStore *store, BfAssessment *assessment, GError **error);
gboolean bf_assessment_villages (BfStore *store, BfAssessment *assessment, GError **error);

G_END_DECLS
