/* bf-filter-popover.c: drop-downs and check buttons that make a BfHouseholdFilter. */
#include "bf-config.h"
#include "bf-filter-popover.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-entities.h"
#include "bf-format.h"
#include "bf-labels.h"

struct _BfFilterPopover {
  GtkPopover      parent_instance;
  GtkDropDown    *town_drop;
  GtkDropDown    *village_drop;
  GtkDropDown    *category_drop;
  GtkDropDown    *status_drop;
  GtkCheckButton *visits_check;
  GtkCheckButton *support_check;
  GtkCheckButton *mine_check;
  GPtrArray      *town_ids;        /* char*, parallel to the town drop-down after "all" */
  GPtrArray      *villages;        /* BfVillage* copies, every village */
  GPtrArray      *shown_villages;  /* char* ids, parallel to the village drop-down */
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (BfFilterPopover, bf_filter_popover, GTK_TYPE_POPOVER)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

GtkWidget *
bf_filter_popover_new (void)
{
  return g_object_new (BF_TYPE_FILTER_POPOVER, NULL);
}

static void
emit_changed (BfFilterPopover *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
fill_villages (BfFilterPopover *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint town = gtk_drop_down_get_selected (self->town_drop);
  const char *town_id = NULL;

  if (town != GTK_INVALID_LIST_POSITION && town > 0 && town - 1 < self->town_ids->len)
    town_id = g_ptr_array_index (self->town_ids, town - 1);
  g_ptr_array_set_size (self->shown_villages, 0);
  gtk_string_list_append (names, _("All villages"));
  for (guint i = 0; self->villages != NULL && i < self->villages->len; i++)
    {
      BfVillage *village = g_ptr_array_index (self->villages, i);

      if (town_id != NULL && g_strcmp0 (village->town_id, town_id) != 0)
        continue;
      g_ptr_array_add (self->shown_villages, g_strdup (village->id));
      gtk_string_list_append (names, village->name);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->village_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->village_drop, 0);
  self->updating = FALSE;
}

static void
on_town_selected (BfFilterPopover *self)
{
  if (self->updating)
    return;
  fill_villages (self);
  emit_changed (self);
}

void
bf_filter_popover_set_places (BfFilterPopover *self, GPtrArray *towns, GPtrArray *villages)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (BF_IS_FILTER_POPOVER (self));

  g_ptr_array_set_size (self->town_ids, 0);
  gtk_string_list_append (names, _("All towns"));
  for (guint i = 0; i < towns->len; i++)
    {
      BfTown *town = g_ptr_array_index (towns, i);
      g_ptr_array_add (self->town_ids, g_strdup (town->id));
      gtk_string_list_append (names, town->name);
    }
  g_ptr_array_set_size (self->villages, 0);
  for (guint i = 0; i < villages->len; i++)
    g_ptr_array_add (self->villages, bf_record_copy (BF_ENTITY_VILLAGE,
                                                    g_ptr_array_index (villages, i)));
  self->updating = TRUE;
  gtk_drop_down_set_model (self->town_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->town_drop, 0);
  self->updating = FALSE;
  fill_villages (self);
}

void
bf_filter_popover_set_targets (BfFilterPopover *self, int visits, gint64 support_fen)
{
  g_autofree char *visits_text = NULL;
  g_autofree char *support_text = NULL;
  g_autofree char *yuan = bf_format_yuan (support_fen);

  /* Whole yuan read better here: "5,000元", not "5,000.00元". */
  if (g_str_has_suffix (yuan, ".00"))
    yuan[strlen (yuan) - 3] = '\0';
  /* TRANSLATORS: the policy's visits a year, "本年走访不足4次" */
  visits_text = g_strdup_printf (_("Fewer than %d visits this year"), visits);
  /* TRANSLATORS: the policy's support a year in yuan, "本年帮扶资金不足5,000元" */
  support_text = g_strdup_printf (_("Less than %s yuan of support this year"), yuan);
  gtk_check_button_set_label (self->visits_check, visits_text);
  gtk_check_button_set_label (self->support_check, support_text);
}

static const char *
selected_id (GtkDropDown *drop, GPtrArray *ids)
{
  guint at = gtk_drop_down_get_selected (drop);

  if (at == GTK_INVALID_LIST_POSITION || at == 0 || at - 1 >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, at - 1);
}

static int
selected_code (GtkDropDown *drop)
{
  guint at = gtk_drop_down_get_selected (drop);
  return at == GTK_INVALID_LIST_POSITION || at == 0 ? -1 : (int) at - 1;
}

void
bf_filter_popover_get_filter (BfFilterPopover *self, BfHouseholdFilter *filter)
{
  g_return_if_fail (BF_IS_FILTER_POPOVER (self));

  filter->town_id = selected_id (self->town_drop, self->town_ids);
  filter->village_id = selected_id (self->village_drop, self->shown_villages);
  filter->category = selected_code (self->category_drop);
  filter->status = selected_code (self->status_drop);
  filter->shortfall = BF_HOUSEHOLD_SHORT_NONE;
  if (gtk_check_button_get_active (self->visits_check))
    filter->shortfall |= BF_HOUSEHOLD_SHORT_VISITS;
  if (gtk_check_button_get_active (self->support_check))
    filter->shortfall |= BF_HOUSEHOLD_SHORT_SUPPORT;
  filter->mine_only = gtk_check_button_get_active (self->mine_check);
}

gboolean
bf_filter_popover_is_active (BfFilterPopover *self)
{
  BfHouseholdFilter filter = BF_HOUSEHOLD_FILTER_INIT;

  bf_filter_popover_get_filter (self, &filter);
  return filter.town_id != NULL || filter.village_id != NULL || filter.category >= 0 ||
         filter.status >= 0 || filter.shortfall != 0 || filter.mine_only;
}

void
bf_filter_popover_clear (BfFilterPopover *self)
{
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->town_drop, 0);
  gtk_drop_down_set_selected (self->category_drop, 0);
  gtk_drop_down_set_selected (self->status_drop, 0);
  gtk_check_button_set_active (self->visits_check, FALSE);
  gtk_check_button_set_active (self->support_check, FALSE);
  gtk_check_button_set_active (self->mine_check, FALSE);
  self->updating = FALSE;
  fill_villages (self);
  emit_changed (self);
}

static void
on_clear_clicked (BfFilterPopover *self)
{
  bf_filter_popover_clear (self);
}

static GListModel *
labels_model (const char *all, const char * const *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, labels[i]);
  return G_LIST_MODEL (list);
}

static void
bf_filter_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BF_TYPE_FILTER_POPOVER);
  G_OBJECT_CLASS (bf_filter_popover_parent_class)->dispose (object);
}

static void
bf_filter_popover_finalize (GObject *object)
{
  BfFilterPopover *self = BF_FILTER_POPOVER (object);

  g_ptr_array_unref (self->town_ids);
  g_ptr_array_unref (self->villages);
  g_ptr_array_unref (self->shown_villages);
  G_OBJECT_CLASS (bf_filter_popover_parent_class)->finalize (object);
}

static void
bf_filter_popover_class_init (BfFilterPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bf_filter_popover_dispose;
  G_OBJECT_CLASS (klass)->finalize = bf_filter_popover_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, BfFilterPopover, town_drop);
  gtk_widget_class_bind_template_child (widget_class, BfFilterPopover, village_drop);
  gtk_widget_class_bind_template_child (widget_class, BfFilterPopover, category_drop);
  gtk_widget_class_bind_template_child (widget_class, BfFilterPopover, status_drop);
  gtk_widget_class_bind_template_child (widget_class, BfFilterPopover, visits_check);
  gtk_widget_class_bind_template_child (widget_class, BfFilterPopover, support_check);
  gtk_widget_class_bind_template_child (widget_class, BfFilterPopover, mine_check);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bf_filter_popover_init (BfFilterPopover *self)
{
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(GListModel) statuses = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->town_ids = g_ptr_array_new_with_free_func (g_free);
  self->villages = g_ptr_array_new_with_free_func (bf_record_free_func (BF_ENTITY_VILLAGE));
  self->shown_villages = g_ptr_array_new_with_free_func (g_free);

  categories = labels_model (_("All categories"), bf_labels_categories ());
  statuses = labels_model (_("All statuses"), bf_labels_statuses ());
  gtk_drop_down_set_model (self->category_drop, categories);
  gtk_drop_down_set_model (self->status_drop, statuses);
  {
    g_autoptr(GtkStringList) towns = gtk_string_list_new ((const char *[]) { _("All towns"), NULL });
    g_autoptr(GtkStringList) villages = gtk_string_list_new ((const char *[]) { _("All villages"), NULL });
    gtk_drop_down_set_model (self->town_drop, G_LIST_MODEL (towns));
    gtk_drop_down_set_model (self->village_drop, G_LIST_MODEL (villages));
  }

  g_signal_connect_swapped (self->town_drop, "notify::selected", G_CALLBACK (on_town_selected), self);
  g_signal_connect_swapped (self->village_drop, "notify::selected", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->category_drop, "notify::selected", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->status_drop, "notify::selected", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->visits_check, "toggled", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->support_check, "toggled", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->mine_check, "toggled", G_CALLBACK (emit_changed), self);
}
