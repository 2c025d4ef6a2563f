/* bf-dashboard-page.h: 统计 — the year's assessment for the district: headline figures
 * (households and people by category, exited, visit and support compliance) and bar charts by
 * town (exit progress against the policy's target for the year, visit compliance, support
 * compliance). Choosing a town shows its villages; choosing a village, its households;
 * activating a household emits ::household-activated with its id. The figures are
 * bf_assessment_compute()'s, computed in a store job, so they equal `bangfu-cli report`'s. */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"
#include "bf-assessment.h"

G_BEGIN_DECLS

#define BF_TYPE_DASHBOARD_PAGE (bf_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (BfDashboardPage, bf_dashboard_page, BF, DASHBOARD_PAGE, AdwBin)

/* @year: the year shown first; 0 for the store's current year. */
GtkWidget *bf_dashboard_page_new (BfAppDatabase *database, int year);

void       bf_dashboard_page_set_year (BfDashboardPage *self, int year);
int        bf_dashboard_page_get_year (BfDashboardPage *self);
void       bf_dashboard_page_reload   (BfDashboardPage *self);
gboolean   bf_dashboard_page_get_loading (BfDashboardPage *self);

/* The figures shown, NULL while none are (loading, an error). */
const BfAssessment *bf_dashboard_page_get_assessment (BfDashboardPage *self);

/* Drilling down, as a click on a chart or a row does; "" back to the district. */
void       bf_dashboard_page_show_town    (BfDashboardPage *self, const char *town);
void       bf_dashboard_page_show_village (BfDashboardPage *self, const char *village_id);

G_END_DECLS
