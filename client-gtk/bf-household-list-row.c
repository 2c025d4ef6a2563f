/* bf-household-list-row.c: one row of the household list. */
#include "bf-config.h"
#include "bf-household-list-row.h"

#include <glib/gi18n.h>

#include "bf-format.h"
#include "bf-labels.h"

struct _BfHouseholdListRow {
  GtkWidget  parent_instance;
  GtkLabel  *name_label;
  GtkLabel  *category_label;
  GtkLabel  *place_label;
  GtkLabel  *visits_label;
  GtkLabel  *support_label;
};

G_DEFINE_FINAL_TYPE (BfHouseholdListRow, bf_household_list_row, GTK_TYPE_WIDGET)

GtkWidget *
bf_household_list_row_new (void)
{
  return g_object_new (BF_TYPE_HOUSEHOLD_LIST_ROW, NULL);
}

static void
set_shortfall (GtkLabel *label, gboolean short_of_target)
{
  if (short_of_target)
    gtk_widget_add_css_class (GTK_WIDGET (label), "bf-shortfall");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "bf-shortfall");
}

void
bf_household_list_row_bind (BfHouseholdListRow *self, BfHouseholdItem *item, int visits_target,
                       gint64 support_target_fen)
{
  g_autofree char *place = NULL;
  g_autofree char *visits = NULL;
  g_autofree char *support = NULL;
  g_autofree char *money = NULL;
  g_autofree char *target = NULL;
  int n_visits = bf_household_item_get_visits (item);
  gint64 fen = bf_household_item_get_support_fen (item);

  gtk_label_set_text (self->name_label, bf_household_item_get_head_name (item));
  gtk_label_set_text (self->category_label,
                      bf_label_category (bf_household_item_get_category (item)));
  place = g_strdup_printf ("%s·%s", bf_household_item_get_village_name (item),
                           bf_household_item_get_town_name (item));
  gtk_label_set_text (self->place_label, place);

  money = bf_format_money (fen);
  if (bf_household_item_get_category (item) == BF_CATEGORY_KUNNAN)
    {
      /* TRANSLATORS: visits this year against the yearly target, "走访 3/4" */
      visits = g_strdup_printf (_("Visits %d/%d"), n_visits, visits_target);
      target = bf_format_money (support_target_fen);
      support = g_strdup_printf ("%s / %s", money, target);
    }
  else
    {
      /* 低保 and 五保 households are provided for by social security: the visit and support
       * targets are the 区定 households' (as in the assessment), so only the counts show. */
      /* TRANSLATORS: visits this year, with no target, "走访 3" */
      visits = g_strdup_printf (_("Visits %d"), n_visits);
      support = g_strdup (money);
    }
  gtk_label_set_text (self->visits_label, visits);
  gtk_label_set_text (self->support_label, support);
  set_shortfall (self->visits_label,
                 bf_household_item_get_category (item) == BF_CATEGORY_KUNNAN &&
                 n_visits < visits_target);
  set_shortfall (self->support_label,
                 bf_household_item_get_category (item) == BF_CATEGORY_KUNNAN &&
                 fen < support_target_fen);
}

static void
bf_household_list_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BF_TYPE_HOUSEHOLD_LIST_ROW);
  {
    GtkWidget *child;

    /* The template's root has no name, so dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (bf_household_list_row_parent_class)->dispose (object);
}

static void
bf_household_list_row_class_init (BfHouseholdListRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bf_household_list_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-household-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdListRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdListRow, category_label);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdListRow, place_label);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdListRow, visits_label);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdListRow, support_label);
}

static void
bf_household_list_row_init (BfHouseholdListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
