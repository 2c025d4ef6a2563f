/* bf-household-list-model.c: the filtered positions of the index, items on demand. */
#include "bf-config.h"
#include "bf-household-list-model.h"

struct _BfHouseholdListModel {
  GObject                 parent_instance;
  const BfHouseholdIndex *index;       /* borrowed from the keeper */
  GArray                 *positions;   /* guint, into the index */
  BfHouseholdFilter       filter;      /* strings owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BfHouseholdListModel, bf_household_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return BF_TYPE_HOUSEHOLD_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  BfHouseholdListModel *self = BF_HOUSEHOLD_LIST_MODEL (model);
  return self->positions != NULL ? self->positions->len : 0;
}

static gpointer
get_item (GListModel *model, guint position)
{
  BfHouseholdListModel *self = BF_HOUSEHOLD_LIST_MODEL (model);
  const BfHouseholdRow *row;

  if (self->index == NULL || self->positions == NULL || position >= self->positions->len)
    return NULL;
  row = bf_household_index_get (self->index, g_array_index (self->positions, guint, position));
  return row != NULL ? bf_household_item_new (row) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
refilter (BfHouseholdListModel *self)
{
  guint removed = get_n_items (G_LIST_MODEL (self));

  g_clear_pointer (&self->positions, g_array_unref);
  if (self->index != NULL)
    self->positions = bf_household_index_filter (self->index, &self->filter);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, get_n_items (G_LIST_MODEL (self)));
}

BfHouseholdListModel *
bf_household_list_model_new (void)
{
  return g_object_new (BF_TYPE_HOUSEHOLD_LIST_MODEL, NULL);
}

void
bf_household_list_model_set_index (BfHouseholdListModel *self, const BfHouseholdIndex *index)
{
  g_return_if_fail (BF_IS_HOUSEHOLD_LIST_MODEL (self));
  self->index = index;
  refilter (self);
}

static void
filter_clear (BfHouseholdFilter *filter)
{
  g_free ((char *) filter->search);
  g_free ((char *) filter->town_id);
  g_free ((char *) filter->village_id);
}

void
bf_household_list_model_set_filter (BfHouseholdListModel *self, const BfHouseholdFilter *filter)
{
  g_return_if_fail (BF_IS_HOUSEHOLD_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  filter_clear (&self->filter);
  self->filter = *filter;
  self->filter.search = g_strdup (filter->search);
  self->filter.town_id = g_strdup (filter->town_id);
  self->filter.village_id = g_strdup (filter->village_id);
  refilter (self);
}

const BfHouseholdFilter *
bf_household_list_model_get_filter (BfHouseholdListModel *self)
{
  return &self->filter;
}

int
bf_household_list_model_find (BfHouseholdListModel *self, const char *id)
{
  int at;
  guint lo = 0, hi;

  g_return_val_if_fail (BF_IS_HOUSEHOLD_LIST_MODEL (self), -1);
  if (self->index == NULL || self->positions == NULL || id == NULL)
    return -1;
  at = bf_household_index_find (self->index, id);
  if (at < 0)
    return -1;
  /* Positions ascend: a binary search. */
  hi = self->positions->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint value = g_array_index (self->positions, guint, mid);

      if (value == (guint) at)
        return (int) mid;
      if (value < (guint) at)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

guint
bf_household_list_model_get_total (BfHouseholdListModel *self)
{
  return self->index != NULL ? bf_household_index_count (self->index) : 0;
}

static void
bf_household_list_model_finalize (GObject *object)
{
  BfHouseholdListModel *self = BF_HOUSEHOLD_LIST_MODEL (object);

  g_clear_pointer (&self->positions, g_array_unref);
  filter_clear (&self->filter);
  G_OBJECT_CLASS (bf_household_list_model_parent_class)->finalize (object);
}

static void
bf_household_list_model_class_init (BfHouseholdListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_household_list_model_finalize;
}

static void
bf_household_list_model_init (BfHouseholdListModel *self)
{
  BfHouseholdFilter none = BF_HOUSEHOLD_FILTER_INIT;
  self->filter = none;
}
