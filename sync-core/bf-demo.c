/* bf-demo.c: the demo district's places, units, cadres, households and members.
 *
 * The counts that the seed gives (households and people by town and category) are met
 * exactly; everything else is drawn from one GRand so that a seed always gives the same
 * district. A year of activity follows in bf-demo-activity.c.
 */
#include "bf-config.h"
#include "bf-demo-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-uuid.h"
#include "bf-validate.h"

/* No household in the register is bigger than this. */
#define MAX_HOUSEHOLD_SIZE 9

extern GResource *bf_core_get_resource (void);

char *
bf_demo_id (BfDemo *demo)
{
  return bf_uuid_from_rand (demo->rand);
}

char *
bf_demo_date_between (BfDemo *demo, const GDate *from, const GDate *to)
{
  guint32 a = g_date_get_julian (from), b = g_date_get_julian (to);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, b > a ? a + (guint32) g_rand_int_range (demo->rand, 0, (gint32) (b - a + 1)) : a);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

gboolean
bf_demo_chance (BfDemo *demo, double probability)
{
  return g_rand_double (demo->rand) < probability;
}

static void
demo_village_free (gpointer data)
{
  DemoVillage *village = data;
  g_free (village->id);
  g_free (village->town_name);
  g_free (village->name);
  g_free (village);
}

static void
demo_unit_free (gpointer data)
{
  DemoUnit *unit = data;
  g_free (unit->id);
  g_free (unit->key_village_id);
  g_free (unit->leader_id);
  g_free (unit);
}

static void
demo_household_free (gpointer data)
{
  DemoHousehold *household = data;
  g_free (household->id);
  g_free (household->village_id);
  g_free (household);
}

static gboolean
config_int (JsonObject *object, const char *member, gint64 *out, GError **error)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL,
                   _("Demo data: “%s” must be a whole number"), member);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

/* Splits @people into @households sizes of 1..max, every size drawn around the mean. */
static int *
split_people (GRand *rand, int households, int people)
{
  int *sizes = g_new (int, households);
  int left = people - households;

  g_assert (households > 0 && people >= households && people <= households * MAX_HOUSEHOLD_SIZE);
  for (int i = 0; i < households; i++)
    sizes[i] = 1;
  while (left > 0)
    {
      int i = g_rand_int_range (rand, 0, households);
      if (sizes[i] < MAX_HOUSEHOLD_SIZE)
        {
          sizes[i]++;
          left--;
        }
    }
  return sizes;
}

static gboolean
build_places (BfDemo *demo, JsonArray *towns, GError **error)
{
  for (guint t = 0; t < json_array_get_length (towns); t++)
    {
      JsonObject *spec = json_array_get_object_element (towns, t);
      g_autoptr(BfTown) town = g_new0 (BfTown, 1);
      JsonArray *keys = json_object_has_member (spec, "key_villages")
                          ? json_object_get_array_member (spec, "key_villages") : NULL;
      guint n_keys = keys ? json_array_get_length (keys) : 0;
      gint64 n_villages = 0, n_communities = 0;
      int kind;

      if (!config_int (spec, "villages", &n_villages, error) ||
          !config_int (spec, "communities", &n_communities, error))
        return FALSE;
      town->id = bf_demo_id (demo);
      town->name = g_strdup (json_object_get_string_member_with_default (spec, "name", ""));
      kind = bf_code_index (bf_town_kind_codes,
                            json_object_get_string_member_with_default (spec, "kind", ""));
      town->kind = kind < 0 ? BF_TOWN_KIND_TOWN : (BfTownKind) kind;
      town->sort_order = (int) t;
      if (!bf_town_insert (demo->store, town, error))
        return FALSE;

      for (gint64 v = 0; v < n_villages + n_communities; v++)
        {
          g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
          DemoVillage *mine = g_new0 (DemoVillage, 1);

          village->id = bf_demo_id (demo);
          village->town_id = g_strdup (town->id);
          if ((guint) v < n_keys)
            {
              JsonObject *key = json_array_get_object_element (keys, (guint) v);
              village->name = g_strdup (json_object_get_string_member_with_default (key, "name", ""));
              village->is_key = TRUE;
              village->is_old_base = json_object_get_boolean_member_with_default (key, "old_base",
                                                                                 FALSE);
            }
          else
            {
              gboolean community = v >= n_villages;
              village->name = bf_name_gen_village (demo->names, community);
              village->kind = community ? BF_VILLAGE_KIND_COMMUNITY : BF_VILLAGE_KIND_VILLAGE;
            }
          mine->id = g_strdup (village->id);
          mine->town_name = g_strdup (town->name);
          mine->name = g_strdup (village->name);
          mine->is_key = village->is_key;
          mine->is_community = village->kind == BF_VILLAGE_KIND_COMMUNITY;
          g_ptr_array_add (demo->villages, mine);
          if (!bf_village_insert (demo->store, village, error))
            return FALSE;
        }
    }
  return TRUE;
}

static char *
mobile_number (BfDemo *demo)
{
  static const char *prefixes[] = { "135", "136", "137", "138", "139", "150", "152", "158",
                                    "159", "182", "186", "188", "189", "133", "177" };
  return g_strdup_printf ("%s%08d", prefixes[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (prefixes))],
                          g_rand_int_range (demo->rand, 0, 100000000));
}

static gboolean
insert_cadre (BfDemo *demo, const char *unit_id, BfCadreRole role, char **out_id, GError **error)
{
  g_autoptr(BfCadre) cadre = g_new0 (BfCadre, 1);
  gboolean male = bf_demo_chance (demo, 0.6);

  cadre->id = bf_demo_id (demo);
  cadre->name = bf_name_gen_person (demo->names, NULL, male, g_rand_int_range (demo->rand, 1962, 1995));
  cadre->unit_id = g_strdup (unit_id);
  cadre->phone = mobile_number (demo);
  cadre->role = role;
  if (!bf_cadre_insert (demo->store, cadre, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_strdup (cadre->id);
  return TRUE;
}

/* Units: each key village is assisted by a group of units, one of which leads. Every unit has
 * a leader who inspects; pairing cadres come from all units; each key village has a resident
 * cadre from its lead unit. */
static gboolean
build_units_and_cadres (BfDemo *demo, GError **error)
{
  gint64 n_units = 0, per_key = 0, n_pairing = 0;
  g_autoptr(GPtrArray) key_villages = g_ptr_array_new ();
  guint next_unit = 0;

  if (!config_int (demo->config, "units", &n_units, error) ||
      !config_int (demo->config, "units_per_key_village", &per_key, error) ||
      !config_int (demo->config, "pairing_cadres", &n_pairing, error))
    return FALSE;
  for (guint i = 0; i < demo->villages->len; i++)
    {
      DemoVillage *village = g_ptr_array_index (demo->villages, i);
      if (village->is_key)
        g_ptr_array_add (key_villages, village);
    }

  for (gint64 u = 0; u < n_units; u++)
    {
      g_autoptr(BfUnit) unit = g_new0 (BfUnit, 1);
      DemoUnit *mine = g_new0 (DemoUnit, 1);
      guint group = (guint) (u / MAX (per_key, 1));

      unit->id = bf_demo_id (demo);
      unit->name = bf_name_gen_unit (demo->names);
      if (unit->name == NULL)
        unit->name = g_strdup_printf ("清城区帮扶单位%02d", (int) u + 1);
      if (group < key_villages->len)
        {
          DemoVillage *village = g_ptr_array_index (key_villages, group);
          unit->key_village_id = g_strdup (village->id);
          unit->is_lead = u % MAX (per_key, 1) == 0;
        }
      mine->id = g_strdup (unit->id);
      mine->key_village_id = g_strdup (unit->key_village_id);
      mine->is_lead = unit->is_lead;
      g_ptr_array_add (demo->units, mine);
      if (!bf_unit_insert (demo->store, unit, error) ||
          !insert_cadre (demo, unit->id, BF_CADRE_ROLE_LEADER, &mine->leader_id, error))
        return FALSE;
      if (unit->is_lead && !insert_cadre (demo, unit->id, BF_CADRE_ROLE_RESIDENT, NULL, error))
        return FALSE;
    }

  for (gint64 c = 0; c < n_pairing; c++)
    {
      DemoUnit *unit = g_ptr_array_index (demo->units, next_unit++ % demo->units->len);
      char *id = NULL;
      if (!insert_cadre (demo, unit->id, BF_CADRE_ROLE_PAIRING, &id, error))
        return FALSE;
      g_ptr_array_add (demo->pairing_cadres, id);
    }
  return TRUE;
}

/* A unique synthetic ID number for someone born on @birth in the district. */
static char *
id_number_for (BfDemo *demo, GHashTable *used, const char *area, const GDate *birth, gboolean male)
{
  for (;;)
    {
      int sequence = g_rand_int_range (demo->rand, 0, 500) * 2 + (male ? 1 : 0);
      char digits[19];
      g_snprintf (digits, 18, "%s%04d%02d%02d%03d", area, g_date_get_year (birth),
                  g_date_get_month (birth), g_date_get_day (birth), sequence);
      digits[17] = bf_id_number_check_char (digits);
      digits[18] = '\0';
      if (!g_hash_table_contains (used, digits))
        {
          g_hash_table_add (used, g_strdup (digits));
          return g_strdup (digits);
        }
    }
}

typedef struct {
  BfRelation relation;
  gboolean   male;
  int        birth_year;
} MemberPlan;

/* Nobody on the register is born after the year before the demo year. (A function, not
 * MIN(): the draw in the argument must happen once.) */
static int
born_before (BfDemo *demo, int year)
{
  return MIN (year, demo->year - 1);
}

/* Plans who lives in a household of @size, around a head born in @head_year. */
static void
plan_members (BfDemo *demo, int size, int head_year, gboolean head_male, MemberPlan *plan)
{
  plan[0] = (MemberPlan) { BF_RELATION_HEAD, head_male, head_year };
  for (int i = 1; i < size; i++)
    {
      MemberPlan *m = &plan[i];
      if (i == 1 && bf_demo_chance (demo, 0.8))
        *m = (MemberPlan) { BF_RELATION_SPOUSE, !head_male,
                            head_year + g_rand_int_range (demo->rand, -4, 6) };
      else if (i >= 5 && bf_demo_chance (demo, 0.5))
        *m = (MemberPlan) { BF_RELATION_GRANDCHILD, bf_demo_chance (demo, 0.5),
                            born_before (demo, head_year + g_rand_int_range (demo->rand, 44, 60)) };
      else if (i == 4 && head_year > 1955 && bf_demo_chance (demo, 0.5))
        *m = (MemberPlan) { BF_RELATION_PARENT, bf_demo_chance (demo, 0.4),
                            head_year - g_rand_int_range (demo->rand, 22, 32) };
      else
        *m = (MemberPlan) { BF_RELATION_CHILD, bf_demo_chance (demo, 0.52),
                            born_before (demo, head_year + g_rand_int_range (demo->rand, 20, 36)) };
    }
}

/* Draws the household's members; the card needs the head's name before it can be saved. */
static GPtrArray *
draw_members (BfDemo *demo, DemoHousehold *household, BfHousehold *card, GHashTable *used_ids,
              const char *area)
{
  GPtrArray *members = g_ptr_array_new_with_free_func (bf_record_free_func (BF_ENTITY_MEMBER));
  MemberPlan plan[MAX_HOUSEHOLD_SIZE];
  const char *surname = bf_name_gen_surname (demo->names);
  gboolean wubao = household->category == BF_CATEGORY_WUBAO;
  int head_year = wubao ? g_rand_int_range (demo->rand, 1926, 1958)
                        : g_rand_int_range (demo->rand, 1945, 1985);

  plan_members (demo, household->people, head_year, bf_demo_chance (demo, wubao ? 0.7 : 0.85), plan);
  household->all_insured = TRUE;
  household->some_labour = FALSE;
  for (int i = 0; i < household->people; i++)
    {
      BfMember *member = g_new0 (BfMember, 1);
      GDate birth;
      int age;

      g_date_clear (&birth, 1);
      g_date_set_dmy (&birth, 1, 1, plan[i].birth_year);
      g_date_add_days (&birth, g_rand_int_range (demo->rand, 0, 365));
      age = demo->year - g_date_get_year (&birth);

      member->id = bf_demo_id (demo);
      member->household_id = g_strdup (household->id);
      member->relation = plan[i].relation;
      member->sex = plan[i].male ? BF_SEX_MALE : BF_SEX_FEMALE;
      /* Children keep the father's surname; a wife keeps her own. */
      member->name = bf_name_gen_person (demo->names,
                                         (plan[i].relation == BF_RELATION_SPOUSE ||
                                          (plan[i].relation == BF_RELATION_PARENT && !plan[i].male))
                                           ? NULL : surname,
                                         plan[i].male, plan[i].birth_year);
      member->birth_date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&birth),
                                            g_date_get_month (&birth), g_date_get_day (&birth));
      member->id_number = id_number_for (demo, used_ids, area, &birth, plan[i].male);
      member->medical_insured = bf_demo_chance (demo, 0.985);
      member->pension_insured = age < 16 || bf_demo_chance (demo, 0.97);
      member->dibao_covered = household->category == BF_CATEGORY_DIBAO ||
                              household->category == BF_CATEGORY_WUBAO;
      household->all_insured &= member->medical_insured && member->pension_insured;
      household->some_labour |= age >= 18 && age <= 60;
      if (i == 0)
        card->head_name = g_strdup (member->name);
      g_ptr_array_add (members, member);
    }
  return members;
}

static gboolean
insert_household (BfDemo *demo, DemoVillage *village, BfCategory category, int people,
                  GHashTable *used_ids, const char *area, GError **error)
{
  g_autoptr(BfHousehold) card = g_new0 (BfHousehold, 1);
  DemoHousehold *household = g_new0 (DemoHousehold, 1);
  g_autoptr(GPtrArray) members = NULL;
  GDate from, to;

  household->id = bf_demo_id (demo);
  household->village_id = g_strdup (village->id);
  household->category = category;
  household->people = people;
  g_ptr_array_add (demo->households, household);

  card->id = g_strdup (household->id);
  card->village_id = g_strdup (village->id);
  card->category = category;
  card->labour = category == BF_CATEGORY_KUNNAN
                   ? (bf_demo_chance (demo, 0.85) ? BF_LABOUR_ABLE : BF_LABOUR_PARTIAL)
                   : BF_LABOUR_NONE;
  card->consent_publish = bf_demo_chance (demo, 0.86);
  card->status = BF_STATUS_REGISTERED;
  card->address = g_strdup_printf ("%s%s第%d村民小组%d号", village->town_name, village->name,
                                   g_rand_int_range (demo->rand, 1, 13),
                                   g_rand_int_range (demo->rand, 1, 120));
  if (bf_demo_chance (demo, 0.7))
    card->phone = mobile_number (demo);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 3, g_date_get_year (&demo->policy->programme_start));
  g_date_set_dmy (&to, 30, 6, g_date_get_year (&demo->policy->programme_start));
  card->registered_on = bf_demo_date_between (demo, &from, &to);
  members = draw_members (demo, household, card, used_ids, area);
  if (!bf_household_insert (demo->store, card, error))
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    if (!bf_member_insert (demo->store, g_ptr_array_index (members, i), error))
      return FALSE;
  return TRUE;
}

/* Villages of one town that can hold registered households: village committees first; a
 * street with few villages also registers households in its communities. */
static GPtrArray *
town_villages (BfDemo *demo, const char *town_name)
{
  GPtrArray *villages = g_ptr_array_new ();

  for (guint i = 0; i < demo->villages->len; i++)
    {
      DemoVillage *village = g_ptr_array_index (demo->villages, i);
      if (strcmp (village->town_name, town_name) == 0)
        g_ptr_array_add (villages, village);
    }
  return villages;
}

/* Key villages are where poverty concentrates: they draw three times the share. */
static DemoVillage *
pick_village (BfDemo *demo, GPtrArray *villages)
{
  guint total = 0, pick;

  for (guint i = 0; i < villages->len; i++)
    {
      DemoVillage *v = g_ptr_array_index (villages, i);
      total += v->is_key ? 3 : v->is_community ? 1 : 2;
    }
  pick = (guint) g_rand_int_range (demo->rand, 0, (gint32) total);
  for (guint i = 0; i < villages->len; i++)
    {
      DemoVillage *v = g_ptr_array_index (villages, i);
      guint w = v->is_key ? 3 : v->is_community ? 1 : 2;
      if (pick < w)
        return v;
      pick -= w;
    }
  return g_ptr_array_index (villages, villages->len - 1);
}

static gboolean
build_households (BfDemo *demo, JsonArray *towns, GError **error)
{
  g_autoptr(GHashTable) used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *area = json_object_get_string_member_with_default (demo->config, "area_code", "441802");
  JsonObject *province = json_object_get_object_member (demo->config, "province_standard");
  guint n_towns = json_array_get_length (towns);
  g_autofree gint64 *weights = g_new0 (gint64, n_towns);
  gint64 weight_total = 0;

  /* District-standard households: the seed's exact figures by town. */
  for (guint t = 0; t < n_towns; t++)
    {
      JsonObject *spec = json_array_get_object_element (towns, t);
      JsonObject *standard = json_object_get_object_member (spec, "district_standard");
      g_autoptr(GPtrArray) villages = town_villages (demo, json_object_get_string_member (spec, "name"));
      gint64 households = 0, people = 0;
      g_autofree int *sizes = NULL;

      if (!config_int (standard, "households", &households, error) ||
          !config_int (standard, "people", &people, error) ||
          !config_int (spec, "province_weight", &weights[t], error))
        return FALSE;
      weight_total += weights[t];
      if (households == 0)
        continue;
      sizes = split_people (demo->rand, (int) households, (int) people);
      for (gint64 h = 0; h < households; h++)
        if (!insert_household (demo, pick_village (demo, villages), BF_CATEGORY_KUNNAN, sizes[h],
                               used_ids, area, error))
          return FALSE;
    }

  /* Province-standard households: exact totals by category, spread over towns by weight. */
  for (BfCategory category = BF_CATEGORY_DIBAO; category <= BF_CATEGORY_WUBAO; category++)
    {
      JsonObject *spec = json_object_get_object_member (province, bf_category_codes[category]);
      gint64 households = 0, people = 0, placed = 0;
      g_autofree int *sizes = NULL;

      if (!config_int (spec, "households", &households, error) ||
          !config_int (spec, "people", &people, error))
        return FALSE;
      sizes = split_people (demo->rand, (int) households, (int) people);
      for (guint t = 0; t < n_towns; t++)
        {
          JsonObject *town = json_array_get_object_element (towns, t);
          g_autoptr(GPtrArray) villages = town_villages (demo, json_object_get_string_member (town, "name"));
          gint64 share = t + 1 == n_towns ? households - placed
                                          : households * weights[t] / MAX (weight_total, 1);
          for (gint64 h = 0; h < share; h++, placed++)
            if (!insert_household (demo, pick_village (demo, villages), category, sizes[placed],
                                   used_ids, area, error))
              return FALSE;
        }
    }
  return TRUE;
}

static JsonObject *
load_config (JsonParser *parser, GError **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (bf_core_get_resource (),
                                                    "/org/bangfu/core/demo/qingcheng.json",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  JsonNode *root;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), error))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_SQL, _("Demo data: not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

/* The real key villages' names must not be drawn again for invented villages. */
static void
reserve_key_village_names (BfNameGen *names, JsonObject *config)
{
  JsonArray *towns = json_object_get_array_member (config, "towns");

  for (guint i = 0; i < json_array_get_length (towns); i++)
    {
      JsonObject *spec = json_array_get_object_element (towns, i);
      JsonArray *keys = json_object_has_member (spec, "key_villages")
                          ? json_object_get_array_member (spec, "key_villages") : NULL;
      for (guint k = 0; keys != NULL && k < json_array_get_length (keys); k++)
        bf_name_gen_reserve (names, json_object_get_string_member_with_default (
                                      json_array_get_object_element (keys, k), "name", ""));
    }
}

static gboolean
build (BfDemo *demo, GError **error)
{
  JsonArray *towns = json_object_get_array_member (demo->config, "towns");

  return build_places (demo, towns, error) &&
         build_units_and_cadres (demo, error) &&
         build_households (demo, towns, error) &&
         bf_demo_build_activity (demo, error) &&
         bf_store_set_meta (demo->store, "district",
                            json_object_get_string_member_with_default (demo->config, "district", ""),
                            error);
}

gboolean
bf_demo_check_year (const BfPolicy *policy, int year, GError **error)
{
  GDate today;
  int first = g_date_get_year (&policy->programme_start);

  bf_today (&today);
  if (year < first || year > g_date_get_year (&today))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                   _("The demo year must be between %d and %d"), first, g_date_get_year (&today));
      return FALSE;
    }
  return TRUE;
}

gboolean
bf_demo_build (BfStore *store, guint32 seed, int year, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(BfNameGen) names = bf_name_gen_new (rand);
  g_autoptr(GPtrArray) villages = g_ptr_array_new_with_free_func (demo_village_free);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (demo_unit_free);
  g_autoptr(GPtrArray) cadres = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) households = g_ptr_array_new_with_free_func (demo_household_free);
  BfCheckContext context;
  gboolean empty = FALSE;
  BfDemo demo = {
    .store = store, .policy = bf_store_get_policy (store), .rand = rand, .names = names,
    .year = year, .villages = villages, .units = units, .pairing_cadres = cadres,
    .households = households,
  };

  if (!bf_store_is_empty (store, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_EMPTY,
                   _("The database “%s” already holds data; build the demo into a new file"),
                   bf_store_path (store));
      return FALSE;
    }
  bf_store_get_check_context (store, &context);
  if (!bf_demo_check_year (demo.policy, year, error))
    return FALSE;
  demo.config = load_config (parser, error);
  if (demo.config == NULL)
    return FALSE;

  g_date_clear (&demo.year_start, 1);
  g_date_set_dmy (&demo.year_start, 1, 1, year);
  demo.year_end = demo.year_start;
  g_date_set_dmy (&demo.year_end, 31, 12, year);
  if (g_date_compare (&demo.year_end, &context.today) > 0)
    demo.year_end = context.today;
  reserve_key_village_names (names, demo.config);

  if (!bf_store_begin (store, error))
    return FALSE;
  if (!build (&demo, error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  return bf_store_commit (store, error);
}
