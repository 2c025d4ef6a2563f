/* bf-bar-chart.h: horizontal bars drawn with cairo — a label, a bar for the value, the value
 * as text, and the target as a mark across the bar. Used by 统计 for the towns' exit progress
 * and compliance. Clicking a bar (or Enter on the focused one) emits ::bar-activated with its
 * index. The whole chart is described to assistive technology as a list of "label: value". */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BF_TYPE_BAR_CHART (bf_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (BfBarChart, bf_bar_chart, BF, BAR_CHART, GtkWidget)

GtkWidget  *bf_bar_chart_new (void);

void        bf_bar_chart_clear (BfBarChart *self);
/* @value and @target are shares (0..1, values above 1 draw full); @target < 0 for none.
 * @value_text is what the bar says ("31.25%", "41/50"). */
void        bf_bar_chart_add   (BfBarChart *self, const char *label, double value, double target,
                                const char *value_text);

guint       bf_bar_chart_get_n_bars     (BfBarChart *self);
const char *bf_bar_chart_get_label      (BfBarChart *self, guint index);
double      bf_bar_chart_get_value      (BfBarChart *self, guint index);
const char *bf_bar_chart_get_value_text (BfBarChart *self, guint index);

/* The name the chart is read out with ("脱贫进度"). */
void        bf_bar_chart_set_title (BfBarChart *self, const char *title);

G_END_DECLS
