/* bf-household-item.c: a copy of one index row. */
#include "bf-config.h"
#include "bf-household-item.h"

struct _BfHouseholdItem {
  GObject           parent_instance;
  char             *id;
  char             *head_name;
  char             *village_name;
  char             *town_name;
  BfCategory        category;
  BfHouseholdStatus status;
  int               visits;
  gint64            support_fen;
};

G_DEFINE_FINAL_TYPE (BfHouseholdItem, bf_household_item, G_TYPE_OBJECT)

BfHouseholdItem *
bf_household_item_new (const BfHouseholdRow *row)
{
  BfHouseholdItem *self = g_object_new (BF_TYPE_HOUSEHOLD_ITEM, NULL);

  self->id = g_strdup (row->id);
  self->head_name = g_strdup (row->head_name);
  self->village_name = g_strdup (row->village_name);
  self->town_name = g_strdup (row->town_name);
  self->category = row->category;
  self->status = row->status;
  self->visits = row->visits_this_year;
  self->support_fen = row->support_fen_this_year;
  return self;
}

const char *bf_household_item_get_id (BfHouseholdItem *self) { return self->id; }
const char *bf_household_item_get_head_name (BfHouseholdItem *self) { return self->head_name; }
const char *bf_household_item_get_village_name (BfHouseholdItem *self) { return self->village_name; }
const char *bf_household_item_get_town_name (BfHouseholdItem *self) { return self->town_name; }
BfCategory bf_household_item_get_category (BfHouseholdItem *self) { return self->category; }
BfHouseholdStatus bf_household_item_get_status (BfHouseholdItem *self) { return self->status; }
int bf_household_item_get_visits (BfHouseholdItem *self) { return self->visits; }
gint64 bf_household_item_get_support_fen (BfHouseholdItem *self) { return self->support_fen; }

static void
bf_household_item_finalize (GObject *object)
{
  BfHouseholdItem *self = BF_HOUSEHOLD_ITEM (object);

  g_free (self->id);
  g_free (self->head_name);
  g_free (self->village_name);
  g_free (self->town_name);
  G_OBJECT_CLASS (bf_household_item_parent_class)->finalize (object);
}

static void
bf_household_item_class_init (BfHouseholdItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_household_item_finalize;
}

static void
bf_household_item_init (BfHouseholdItem *self)
{
}
