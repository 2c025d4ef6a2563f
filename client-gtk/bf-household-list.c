/* bf-household-list.c: the searchable household list. */
#include "bf-config.h"
#include "bf-household-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bf-household-list-row.h"

struct _BfHouseholdList {
  GtkWidget               parent_instance;
  GtkSearchEntry         *search_entry;
  GtkLabel               *count_label;
  GtkStack               *stack;
  GtkListView            *list_view;
  AdwStatusPage          *empty_page;

  BfHouseholdListModel   *model;
  GtkSingleSelection     *selection;
  BfHouseholdIndexKeeper *keeper;
  gulong                  index_handler;
  BfHouseholdFilter       filter;       /* place strings owned (copies) */
  char                   *selected_id;
  int                     visits_target;
  gint64                  support_target_fen;
};

G_DEFINE_FINAL_TYPE (BfHouseholdList, bf_household_list, GTK_TYPE_WIDGET)

enum { SIGNAL_HOUSEHOLD_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

GtkWidget *
bf_household_list_new (void)
{
  return g_object_new (BF_TYPE_HOUSEHOLD_LIST, NULL);
}

static void
update_view (BfHouseholdList *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint total = bf_household_list_model_get_total (self->model);
  g_autofree char *count = NULL;

  if (self->keeper == NULL || bf_household_index_keeper_get_index (self->keeper) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_label_set_text (self->count_label, "");
      return;
    }
  if (shown == total)
    /* TRANSLATORS: the number of households in the list, "共 5,270 户" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u household", "%u households",
                                          total), total);
  else
    /* TRANSLATORS: matching households of all, "显示 12 户，共 5270 户" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u household",
                                          "%u of %u households", total), shown, total);
  gtk_label_set_text (self->count_label, count);
  if (shown > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Households Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Households appear here after the first sync."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Households Found"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try fewer letters, or clear the filters."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

/* Keeps the chosen household chosen across refilters and index swaps. */
static void
restore_selection (BfHouseholdList *self)
{
  int at = bf_household_list_model_find (self->model, self->selected_id);

  gtk_single_selection_set_selected (self->selection,
                                     at >= 0 ? (guint) at : GTK_INVALID_LIST_POSITION);
}

static void
refilter (BfHouseholdList *self)
{
  BfHouseholdFilter filter = self->filter;

  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (filter.search != NULL && *filter.search == '\0')
    filter.search = NULL;
  bf_household_list_model_set_filter (self->model, &filter);
  restore_selection (self);
  update_view (self);
}

static void
on_index_changed (BfHouseholdList *self)
{
  bf_household_list_model_set_index (self->model,
                                     bf_household_index_keeper_get_index (self->keeper));
  restore_selection (self);
  update_view (self);
}

void
bf_household_list_set_keeper (BfHouseholdList *self, BfHouseholdIndexKeeper *keeper)
{
  g_return_if_fail (BF_IS_HOUSEHOLD_LIST (self));

  if (self->keeper != NULL)
    g_clear_signal_handler (&self->index_handler, self->keeper);
  g_set_object (&self->keeper, keeper);
  if (keeper != NULL)
    self->index_handler = g_signal_connect_swapped (keeper, "index-changed",
                                                    G_CALLBACK (on_index_changed), self);
  bf_household_list_model_set_index (self->model,
                                     keeper ? bf_household_index_keeper_get_index (keeper) : NULL);
  update_view (self);
}

void
bf_household_list_set_targets (BfHouseholdList *self, int visits, gint64 support_fen)
{
  self->visits_target = visits;
  self->support_target_fen = support_fen;
  /* Rows rebind with the new figures. */
  bf_household_list_model_set_index (self->model,
                                     self->keeper ? bf_household_index_keeper_get_index (self->keeper) : NULL);
  restore_selection (self);
}

void
bf_household_list_set_filter (BfHouseholdList *self, const BfHouseholdFilter *filter)
{
  g_return_if_fail (BF_IS_HOUSEHOLD_LIST (self));
  g_free ((char *) self->filter.town_id);
  g_free ((char *) self->filter.village_id);
  self->filter = *filter;
  self->filter.search = NULL;
  self->filter.town_id = g_strdup (filter->town_id);
  self->filter.village_id = g_strdup (filter->village_id);
  refilter (self);
}

GtkSearchEntry *
bf_household_list_get_search_entry (BfHouseholdList *self)
{
  return self->search_entry;
}

BfHouseholdListModel *
bf_household_list_get_model (BfHouseholdList *self)
{
  return self->model;
}

const char *
bf_household_list_get_selected_id (BfHouseholdList *self)
{
  return self->selected_id;
}

gboolean
bf_household_list_get_loaded (BfHouseholdList *self)
{
  return self->keeper != NULL && bf_household_index_keeper_get_index (self->keeper) != NULL;
}

static void
choose (BfHouseholdList *self, guint position)
{
  g_autoptr(BfHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item == NULL)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (bf_household_item_get_id (item));
  g_signal_emit (self, signals[SIGNAL_HOUSEHOLD_ACTIVATED], 0, self->selected_id);
}

gboolean
bf_household_list_select_id (BfHouseholdList *self, const char *id)
{
  int at = bf_household_list_model_find (self->model, id);

  if (at < 0)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, (guint) at);
  choose (self, (guint) at);
  return TRUE;
}

static void
on_activate (BfHouseholdList *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  choose (self, position);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, bf_household_list_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  BfHouseholdList *self = user_data;

  bf_household_list_row_bind (BF_HOUSEHOLD_LIST_ROW (gtk_list_item_get_child (item)),
                         gtk_list_item_get_item (item), self->visits_target,
                         self->support_target_fen);
}

static void
on_search_activate (BfHouseholdList *self)
{
  /* Enter opens the first match: type "zs", press Enter. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    on_activate (self, 0);
}

static void
bf_household_list_dispose (GObject *object)
{
  BfHouseholdList *self = BF_HOUSEHOLD_LIST (object);

  if (self->keeper != NULL)
    g_clear_signal_handler (&self->index_handler, self->keeper);
  g_clear_object (&self->keeper);
  gtk_widget_dispose_template (GTK_WIDGET (object), BF_TYPE_HOUSEHOLD_LIST);
  {
    GtkWidget *child;

    /* The template's root has no name, so dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (bf_household_list_parent_class)->dispose (object);
}

static void
bf_household_list_finalize (GObject *object)
{
  BfHouseholdList *self = BF_HOUSEHOLD_LIST (object);

  g_free (self->selected_id);
  g_free ((char *) self->filter.town_id);
  g_free ((char *) self->filter.village_id);
  G_OBJECT_CLASS (bf_household_list_parent_class)->finalize (object);
}

static void
bf_household_list_class_init (BfHouseholdListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bf_household_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = bf_household_list_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-household-list.ui");
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdList, count_label);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdList, stack);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdList, list_view);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdList, empty_page);

  /* (id) */
  signals[SIGNAL_HOUSEHOLD_ACTIVATED] =
    g_signal_new ("household-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bf_household_list_init (BfHouseholdList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  BfHouseholdFilter none = BF_HOUSEHOLD_FILTER_INIT;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = none;
  self->model = bf_household_list_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_activate), self);
  /* Per keystroke: "changed", not the delayed "search-changed". */
  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  update_view (self);
}
