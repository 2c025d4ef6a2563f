/* bf-dashboard-page.c: the assessment on screen, with drill-down from towns to households.
 *
 * One store job computes the whole year (≈ 0.3 s on the demo district, bench/RESULTS.md); the
 * drill-down only filters what it returned, so moving between levels never waits on the store.
 */
#include "bf-config.h"
#include "bf-dashboard-page.h"

#include <glib/gi18n-lib.h>

#include "bf-bar-chart.h"
#include "bf-format.h"
#include "bf-labels.h"

struct _BfDashboardPage {
  AdwBin         parent_instance;
  BfAppDatabase *database;
  BfAssessment  *assessment;
  guint          loads;
  int            year;           /* 0 until the store said which year it is */
  char          *town;           /* shown level: NULL = the district */
  char          *village_id;

  GtkWidget     *back;
  GtkWidget     *place;
  GtkWidget     *year_spin;
  GtkWidget     *stack;
  GtkWidget     *status;
  GtkWidget     *scrolled;
  GtkWidget     *level;
  GtkWidget     *headline;
  GtkWidget     *exit_heading;
  GtkWidget     *exit_chart;
  GtkWidget     *visits_heading;
  GtkWidget     *visits_chart;
  GtkWidget     *support_heading;
  GtkWidget     *support_chart;
  GtkWidget     *villages;
  GtkWidget     *households;
};

G_DEFINE_FINAL_TYPE (BfDashboardPage, bf_dashboard_page, ADW_TYPE_BIN)

enum { SIGNAL_HOUSEHOLD_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static double
share (int part, int whole)
{
  return whole > 0 ? (double) part / whole : 0;
}

static char *
percent_text (int part, int whole)
{
  return g_strdup_printf ("%.1f%%", 100.0 * share (part, whole));
}

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
    }
}

/* ---- The district: headline figures and charts ---- */

/* A card: what it counts, the figure (named for tests), and a line of detail. */
static void
add_card (BfDashboardPage *self, const char *name, const char *title, const char *value,
          const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *detail_label = gtk_label_new (detail);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (title_label, 12);
  gtk_widget_set_margin_top (title_label, 10);
  gtk_widget_set_margin_start (value_label, 12);
  gtk_widget_set_margin_start (detail_label, 12);
  gtk_widget_set_margin_end (detail_label, 12);
  gtk_widget_set_margin_bottom (detail_label, 10);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
  gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_widget_add_css_class (value_label, "title-2");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_widget_set_name (value_label, name);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_flow_box_append (GTK_FLOW_BOX (self->headline), box);
}

static char *
by_category (const int counts[3])
{
  return g_strdup_printf ("%s %d · %s %d · %s %d", bf_label_category (BF_CATEGORY_KUNNAN), counts[0],
                          bf_label_category (BF_CATEGORY_DIBAO), counts[1],
                          bf_label_category (BF_CATEGORY_WUBAO), counts[2]);
}

static void
fill_headline (BfDashboardPage *self)
{
  const BfAssessment *a = self->assessment;
  const BfTownAssessment *d = a->district;
  int households = bf_town_assessment_total (d->households);
  int people = bf_town_assessment_total (d->people);
  int exited = bf_town_assessment_total (d->exited_people);
  g_autofree char *households_text = g_strdup_printf ("%d", households);
  g_autofree char *people_text = g_strdup_printf ("%d", people);
  g_autofree char *households_detail = by_category (d->households);
  g_autofree char *people_detail = by_category (d->people);
  g_autofree char *exited_text = g_strdup_printf ("%d", exited);
  g_autofree char *exited_percent = percent_text (exited, people);
  g_autofree char *exited_detail = NULL;
  g_autofree char *visits_text = g_strdup_printf ("%d/%d", d->meeting_visits, d->required_households);
  g_autofree char *visits_percent = percent_text (d->meeting_visits, d->required_households);
  g_autofree char *visits_detail = NULL;
  g_autofree char *support_text = g_strdup_printf ("%d/%d", d->meeting_support,
                                                   d->required_households);
  g_autofree char *support_percent = percent_text (d->meeting_support, d->required_households);
  g_autofree char *support_required = bf_format_money (a->support_required_fen);
  g_autofree char *support_detail = NULL;

  if (a->has_exit_target)
    exited_detail = g_strdup_printf (_("%s of the people; target %d%% by the end of %d"),
                                     exited_percent, a->exit_target_percent, a->year);
  else
    exited_detail = g_strdup_printf (_("%s of the people; no target for %d"), exited_percent,
                                     a->year);
  visits_detail = g_strdup_printf (_("%s of district-standard households had %d visits or more"),
                                   visits_percent, a->visits_required);
  support_detail = g_strdup_printf (_("%s of district-standard households had %s of support or "
                                      "more"), support_percent, support_required);
  remove_all (self->headline);
  add_card (self, "headline-households", C_("dashboard", "Households"), households_text, households_detail);
  add_card (self, "headline-people", C_("dashboard", "People"), people_text, people_detail);
  add_card (self, "headline-exited", _("People exited"), exited_text, exited_detail);
  add_card (self, "headline-visits", _("Visits met"), visits_text, visits_detail);
  add_card (self, "headline-support", _("Support met"), support_text, support_detail);
}

static void
fill_charts (BfDashboardPage *self)
{
  const BfAssessment *a = self->assessment;
  double target = a->has_exit_target ? a->exit_target_percent / 100.0 : -1;
  g_autofree char *exit_title = NULL;
  g_autofree char *visits_title = g_strdup_printf (_("Households visited %d times or more, by town"),
                                                   a->visits_required);
  g_autofree char *money = bf_format_money (a->support_required_fen);
  g_autofree char *support_title = g_strdup_printf (_("Households given %s or more, by town"),
                                                    money);

  if (a->has_exit_target)
    exit_title = g_strdup_printf (_("People exited, by town (the mark: the %d target of %d%%)"),
                                  a->year, a->exit_target_percent);
  else
    exit_title = g_strdup (_("People exited, by town"));
  gtk_label_set_text (GTK_LABEL (self->exit_heading), exit_title);
  gtk_label_set_text (GTK_LABEL (self->visits_heading), visits_title);
  gtk_label_set_text (GTK_LABEL (self->support_heading), support_title);
  bf_bar_chart_set_title (BF_BAR_CHART (self->exit_chart), exit_title);
  bf_bar_chart_set_title (BF_BAR_CHART (self->visits_chart), visits_title);
  bf_bar_chart_set_title (BF_BAR_CHART (self->support_chart), support_title);
  bf_bar_chart_clear (BF_BAR_CHART (self->exit_chart));
  bf_bar_chart_clear (BF_BAR_CHART (self->visits_chart));
  bf_bar_chart_clear (BF_BAR_CHART (self->support_chart));
  for (guint i = 0; i < a->towns->len; i++)
    {
      const BfTownAssessment *town = g_ptr_array_index (a->towns, i);
      double exited = bf_town_assessment_exited_percent (town) / 100.0;
      g_autofree char *exited_text = g_strdup_printf ("%.1f%%", 100.0 * exited);
      g_autofree char *visits_text = g_strdup_printf ("%d/%d", town->meeting_visits,
                                                      town->required_households);
      g_autofree char *support_text = g_strdup_printf ("%d/%d", town->meeting_support,
                                                       town->required_households);

      bf_bar_chart_add (BF_BAR_CHART (self->exit_chart), town->name, exited, target, exited_text);
      /* Every district-standard household must meet the rule: the target is all of them. */
      bf_bar_chart_add (BF_BAR_CHART (self->visits_chart), town->name,
                        share (town->meeting_visits, town->required_households), 1.0, visits_text);
      bf_bar_chart_add (BF_BAR_CHART (self->support_chart), town->name,
                        share (town->meeting_support, town->required_households), 1.0, support_text);
    }
}

/* ---- A town's villages, a village's households ---- */

static void
fill_villages (BfDashboardPage *self)
{
  const BfAssessment *a = self->assessment;

  remove_all (self->villages);
  for (guint i = 0; i < a->villages->len; i++)
    {
      const BfVillageAssessment *village = g_ptr_array_index (a->villages, i);
      GtkWidget *row;
      g_autofree char *exited = NULL;
      g_autofree char *subtitle = NULL;
      int required = 0, visited = 0, supported = 0;

      if (g_strcmp0 (village->town, self->town) != 0)
        continue;
      for (guint j = 0; j < a->households->len; j++)
        {
          const BfHouseholdAssessment *h = g_ptr_array_index (a->households, j);
          if (h->required && g_strcmp0 (h->village_id, village->id) == 0)
            {
              required++;
              visited += h->meets_visits;
              supported += h->meets_support;
            }
        }
      exited = percent_text (village->exited_people, village->people);
      subtitle = g_strdup_printf (_("%d households, %d people · exited %s · visits met %d/%d · "
                                    "support met %d/%d"),
                                  village->households, village->people, exited, visited, required,
                                  supported, required);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), village->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "village-id", g_strdup (village->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->villages), row);
    }
}

static void
fill_households (BfDashboardPage *self)
{
  const BfAssessment *a = self->assessment;

  remove_all (self->households);
  for (guint i = 0; i < a->households->len; i++)
    {
      const BfHouseholdAssessment *h = g_ptr_array_index (a->households, i);
      g_autofree char *support = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (g_strcmp0 (h->village_id, self->village_id) != 0)
        continue;
      support = bf_format_money (h->support_total_fen);
      subtitle = g_strdup_printf (_("%s · %d people · %s · visits %d/%d · support %s"),
                                  bf_label_category (h->category), h->people,
                                  h->exited ? _("exited") : bf_label_status (h->status),
                                  h->visits, a->visits_required, support);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), h->head_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (h->required && !(h->meets_visits && h->meets_support))
        {
          GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_set_tooltip_text (flag, _("Visits or support below the rule"));
          gtk_widget_add_css_class (flag, "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), flag);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "household-id", g_strdup (h->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->households), row);
    }
}

static const char *
village_name (BfDashboardPage *self)
{
  for (guint i = 0; self->assessment != NULL && i < self->assessment->villages->len; i++)
    {
      const BfVillageAssessment *v = g_ptr_array_index (self->assessment->villages, i);
      if (g_strcmp0 (v->id, self->village_id) == 0)
        return v->name;
    }
  return NULL;
}

/* Shows the level the page is at: the district, self->town, or self->village_id. */
static void
show_level (BfDashboardPage *self)
{
  const char *district = self->assessment != NULL ? self->assessment->district->name : "";
  const char *village = self->village_id != NULL ? village_name (self) : NULL;
  g_autofree char *place = NULL;

  if (self->village_id != NULL && village == NULL)
    g_clear_pointer (&self->village_id, g_free);
  if (self->village_id != NULL)
    {
      place = g_strdup_printf ("%s › %s", self->town != NULL ? self->town : district, village);
      fill_households (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->level), "village");
    }
  else if (self->town != NULL)
    {
      place = g_strdup_printf ("%s › %s", district, self->town);
      fill_villages (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->level), "town");
    }
  else
    {
      place = g_strdup (district);
      gtk_stack_set_visible_child_name (GTK_STACK (self->level), "district");
    }
  gtk_label_set_text (GTK_LABEL (self->place), place);
  gtk_widget_set_visible (self->back, self->town != NULL || self->village_id != NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                            0);
}

void
bf_dashboard_page_show_town (BfDashboardPage *self, const char *town)
{
  g_return_if_fail (BF_IS_DASHBOARD_PAGE (self));
  g_free (self->town);
  self->town = town != NULL && *town ? g_strdup (town) : NULL;
  g_clear_pointer (&self->village_id, g_free);
  if (self->assessment != NULL)
    show_level (self);
}

void
bf_dashboard_page_show_village (BfDashboardPage *self, const char *village_id)
{
  g_return_if_fail (BF_IS_DASHBOARD_PAGE (self));
  g_free (self->village_id);
  self->village_id = village_id != NULL && *village_id ? g_strdup (village_id) : NULL;
  if (self->assessment != NULL)
    show_level (self);
}

static void
town_activated (BfDashboardPage *self, guint index)
{
  if (self->assessment != NULL && index < self->assessment->towns->len)
    bf_dashboard_page_show_town (self, ((BfTownAssessment *) self->assessment->towns->pdata[index])->name);
}

static void
village_activated (BfDashboardPage *self, GtkListBoxRow *row)
{
  bf_dashboard_page_show_village (self, g_object_get_data (G_OBJECT (row), "village-id"));
}

static void
household_activated (BfDashboardPage *self, GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "household-id");

  if (id != NULL)
    g_signal_emit (self, signals[SIGNAL_HOUSEHOLD_ACTIVATED], 0, id);
}

static void
back_clicked (BfDashboardPage *self)
{
  if (self->village_id != NULL)
    bf_dashboard_page_show_village (self, NULL);
  else
    bf_dashboard_page_show_town (self, NULL);
}

/* ---- Loading ---- */

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  int year = GPOINTER_TO_INT (data);

  if (year == 0)
    {
      BfCheckContext context;
      bf_store_get_check_context (store, &context);
      year = g_date_get_year (&context.today);
    }
  return bf_assessment_compute (store, year, error);
}

static void
load_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAssessment) assessment = bf_app_database_run_finish (BF_APP_DATABASE (source),
                                                                   result, &error);

  if (--self->loads > 0 || self->database == NULL)
    return;
  g_clear_pointer (&self->assessment, bf_assessment_free);
  if (assessment == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("No figures for %d"), self->year);
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "dialog-error-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status), error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      return;
    }
  self->assessment = g_steal_pointer (&assessment);
  if (self->year != self->assessment->year)
    {
      self->year = self->assessment->year;
      /* year_changed sees the year it already has and loads nothing more. */
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year_spin), self->year);
    }
  fill_headline (self);
  fill_charts (self);
  show_level (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "figures");
}

void
bf_dashboard_page_reload (BfDashboardPage *self)
{
  g_return_if_fail (BF_IS_DASHBOARD_PAGE (self));
  self->loads++;
  bf_app_database_run (self->database, load_job, GINT_TO_POINTER (self->year), NULL, NULL,
                       load_cb, g_object_ref (self));
}

void
bf_dashboard_page_set_year (BfDashboardPage *self, int year)
{
  g_return_if_fail (BF_IS_DASHBOARD_PAGE (self));
  if (year == self->year)
    return;
  self->year = year;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year_spin), year);
  bf_dashboard_page_reload (self);
}

static void
year_changed (BfDashboardPage *self)
{
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year_spin));

  if (self->database != NULL && year != self->year)
    bf_dashboard_page_set_year (self, year);
}

int
bf_dashboard_page_get_year (BfDashboardPage *self)
{
  g_return_val_if_fail (BF_IS_DASHBOARD_PAGE (self), 0);
  return self->year;
}

gboolean
bf_dashboard_page_get_loading (BfDashboardPage *self)
{
  g_return_val_if_fail (BF_IS_DASHBOARD_PAGE (self), FALSE);
  return self->loads > 0;
}

const BfAssessment *
bf_dashboard_page_get_assessment (BfDashboardPage *self)
{
  g_return_val_if_fail (BF_IS_DASHBOARD_PAGE (self), NULL);
  return self->assessment;
}

/* ---- The widget ---- */

static void
households_changed (BfDashboardPage *self, const char *const *ids)
{
  bf_dashboard_page_reload (self);
}

static void
bf_dashboard_page_dispose (GObject *object)
{
  BfDashboardPage *self = BF_DASHBOARD_PAGE (object);

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (bf_dashboard_page_parent_class)->dispose (object);
}

static void
bf_dashboard_page_finalize (GObject *object)
{
  BfDashboardPage *self = BF_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->assessment, bf_assessment_free);
  g_free (self->town);
  g_free (self->village_id);
  G_OBJECT_CLASS (bf_dashboard_page_parent_class)->finalize (object);
}

static void
bf_dashboard_page_class_init (BfDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_dashboard_page_dispose;
  object_class->finalize = bf_dashboard_page_finalize;

  /**
   * BfDashboardPage::household-activated:
   * @household_id: the household's id
   */
  signals[SIGNAL_HOUSEHOLD_ACTIVATED] =
    g_signal_new ("household-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (BF_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, back);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, place);
  gtk_widget_class_bind_template_child_full (widget_class, "year", FALSE,
                                             G_STRUCT_OFFSET (BfDashboardPage, year_spin));
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, status);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, level);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, headline);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, exit_heading);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, exit_chart);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, visits_heading);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, visits_chart);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, support_heading);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, support_chart);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, villages);
  gtk_widget_class_bind_template_child (widget_class, BfDashboardPage, households);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, year_changed);
  gtk_widget_class_bind_template_callback (widget_class, town_activated);
  gtk_widget_class_bind_template_callback (widget_class, village_activated);
  gtk_widget_class_bind_template_callback (widget_class, household_activated);
}

static void
bf_dashboard_page_init (BfDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bf_dashboard_page_new (BfAppDatabase *database, int year)
{
  BfDashboardPage *self;

  g_return_val_if_fail (BF_IS_APP_DATABASE (database), NULL);

  self = g_object_new (BF_TYPE_DASHBOARD_PAGE, NULL);
  self->database = g_object_ref (database);
  self->year = year;
  if (year != 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year_spin), year);
  g_signal_connect_swapped (database, "households-changed", G_CALLBACK (households_changed), self);
  bf_dashboard_page_reload (self);
  return GTK_WIDGET (self);
}
