/* bf-summary.c: headline totals over the whole store. */
#include "bf-config.h"
#include <glib/gi18n-lib.h>
#include "bf-summary.h"

#include "bf-format.h"
#include "bf-store-private.h"

static void
town_summary_free (gpointer data)
{
  BfTownSummary *town = data;
  g_free (town->name);
  g_free (town);
}

void
bf_summary_free (BfSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->district);
  g_clear_pointer (&summary->by_town, g_ptr_array_unref);
  g_free (summary);
}

static gboolean
count_households (BfStore *store, BfSummary *summary, GError **error)
{
  /* One pass over households with their sizes, grouped by town and category. */
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT t.name, h.category, count(*), sum(m.n)"
    " FROM households h"
    " JOIN villages v ON v.id = h.village_id"
    " JOIN towns t ON t.id = v.town_id"
    " LEFT JOIN (SELECT household_id, count(*) AS n FROM members WHERE deleted = 0"
    "            GROUP BY household_id) m ON m.household_id = h.id"
    /* Deleted records are tombstones; a merged household lives on in the one it joined. */
    " WHERE h.deleted = 0 AND h.merged_into IS NULL"
    " GROUP BY t.id, h.category", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *town_name = (const char *) sqlite3_column_text (stmt, 0);
      const char *category = (const char *) sqlite3_column_text (stmt, 1);
      gint64 households = sqlite3_column_int64 (stmt, 2);
      gint64 people = sqlite3_column_int64 (stmt, 3);
      BfTownSummary *town = NULL;
      BfHeadcount *by_category = NULL, *town_count;

      for (guint i = 0; i < summary->by_town->len && town == NULL; i++)
        {
          BfTownSummary *t = g_ptr_array_index (summary->by_town, i);
          if (g_strcmp0 (t->name, town_name) == 0)
            town = t;
        }
      if (g_strcmp0 (category, "kunnan") == 0)
        {
          by_category = &summary->district_standard;
          town_count = town ? &town->district_standard : NULL;
        }
      else
        {
          by_category = g_strcmp0 (category, "dibao") == 0 ? &summary->dibao : &summary->wubao;
          summary->province_standard.households += households;
          summary->province_standard.people += people;
          town_count = town ? &town->province_standard : NULL;
        }
      by_category->households += households;
      by_category->people += people;
      if (town_count != NULL)
        {
          town_count->households += households;
          town_count->people += people;
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("counting households"), error);
}

static gboolean
list_towns (BfStore *store, BfSummary *summary, GError **error)
{
  sqlite3_stmt *stmt = bf_store_prepare (store,
    "SELECT t.name, (SELECT count(*) FROM villages v WHERE v.town_id = t.id)"
    " FROM towns t ORDER BY t.sort_order, t.name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfTownSummary *town = g_new0 (BfTownSummary, 1);
      town->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      town->villages = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (summary->by_town, town);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || bf_store_fail (store, _("listing towns"), error);
}

BfSummary *
bf_summary_compute (BfStore *store, GError **error)
{
  g_autoptr(BfSummary) summary = g_new0 (BfSummary, 1);
  struct {
    const char *sql;
    gint64     *out;
  } counts[] = {
    { "SELECT count(*) FROM towns WHERE deleted = 0", &summary->towns },
    { "SELECT count(*) FROM villages WHERE deleted = 0", &summary->villages },
    { "SELECT count(*) FROM villages WHERE is_key AND deleted = 0", &summary->key_villages },
    { "SELECT count(*) FROM villages WHERE is_old_base AND deleted = 0", &summary->old_base_villages },
    { "SELECT count(*) FROM cadres WHERE deleted = 0", &summary->cadres },
    { "SELECT count(*) FROM units WHERE deleted = 0", &summary->units },
    { "SELECT count(*) FROM pairings WHERE deleted = 0", &summary->pairings },
    { "SELECT count(*) FROM visits WHERE deleted = 0", &summary->visits },
    { "SELECT count(*) FROM payments WHERE deleted = 0", &summary->payments },
    { "SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE deleted = 0", &summary->payments_fen },
    { "SELECT count(*) FROM households WHERE status = 'exited' AND deleted = 0"
      " AND merged_into IS NULL", &summary->exited_households },
  };

  summary->by_town = g_ptr_array_new_with_free_func (town_summary_free);
  summary->district = bf_store_get_meta (store, "district");
  if (summary->district == NULL)
    summary->district = g_strdup (bf_store_get_policy (store)->district);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (!bf_store_query_int64 (store, counts[i].sql, counts[i].out, error))
      return NULL;
  if (!list_towns (store, summary, error) || !count_households (store, summary, error))
    return NULL;
  return g_steal_pointer (&summary);
}

static void
add_headcounts (JsonBuilder *builder, const char *member, const BfSummary *summary, gboolean people)
{
  const BfHeadcount *counts[] = { &summary->district_standard, &summary->province_standard,
                                  &summary->dibao, &summary->wubao };
  const char *keys[] = { "district_standard", "province_standard", "dibao", "wubao" };

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_int_value (builder, people ? counts[i]->people : counts[i]->households);
    }
  json_builder_end_object (builder);
}

JsonNode *
bf_summary_to_json (const BfSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "district");
  json_builder_add_string_value (builder, summary->district ? summary->district : "");
#define INT_MEMBER(name) \
  json_builder_set_member_name (builder, #name); \
  json_builder_add_int_value (builder, summary->name)
  INT_MEMBER (towns);
  INT_MEMBER (villages);
  INT_MEMBER (key_villages);
  INT_MEMBER (old_base_villages);
  add_headcounts (builder, "households", summary, FALSE);
  add_headcounts (builder, "people", summary, TRUE);
  INT_MEMBER (cadres);
  INT_MEMBER (units);
  INT_MEMBER (pairings);
  INT_MEMBER (visits);
  INT_MEMBER (payments);
  INT_MEMBER (payments_fen);
  INT_MEMBER (exited_households);
#undef INT_MEMBER
  json_builder_set_member_name (builder, "by_town");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->by_town->len; i++)
    {
      const BfTownSummary *town = g_ptr_array_index (summary->by_town, i);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, town->name);
      json_builder_set_member_name (builder, "villages");
      json_builder_add_int_value (builder, town->villages);
      json_builder_set_member_name (builder, "district_standard_households");
      json_builder_add_int_value (builder, town->district_standard.households);
      json_builder_set_member_name (builder, "district_standard_people");
      json_builder_add_int_value (builder, town->district_standard.people);
      json_builder_set_member_name (builder, "province_standard_households");
      json_builder_add_int_value (builder, town->province_standard.households);
      json_builder_set_member_name (builder, "province_standard_people");
      json_builder_add_int_value (builder, town->province_standard.people);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
bf_summary_to_text (const BfSummary *summary)
{
  GString *out = g_string_new (NULL);
  g_autofree char *money = bf_format_money (summary->payments_fen);

  g_string_append_printf (out, "District: %s\n", summary->district ? summary->district : "-");
  g_string_append_printf (out, "Towns: %" G_GINT64_FORMAT "   Villages: %" G_GINT64_FORMAT
                          "   Key villages: %" G_GINT64_FORMAT " (old base areas: %" G_GINT64_FORMAT ")\n",
                          summary->towns, summary->villages, summary->key_villages,
                          summary->old_base_villages);
  g_string_append (out, "                      households   people\n");
#define LINE(label, c) \
  g_string_append_printf (out, "  %-20s %10" G_GINT64_FORMAT " %8" G_GINT64_FORMAT "\n", label, \
                          (c).households, (c).people)
  LINE ("district-standard", summary->district_standard);
  LINE ("province-standard", summary->province_standard);
  LINE ("  of which dibao", summary->dibao);
  LINE ("  of which wubao", summary->wubao);
#undef LINE
  g_string_append (out, "By town (district-standard households/people, province-standard households/people):\n");
  for (guint i = 0; i < summary->by_town->len; i++)
    {
      const BfTownSummary *town = g_ptr_array_index (summary->by_town, i);
      g_string_append_printf (out, "  %s\t%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                              "/%" G_GINT64_FORMAT "\t(%" G_GINT64_FORMAT " villages)\n",
                              town->name, town->district_standard.households,
                              town->district_standard.people, town->province_standard.households,
                              town->province_standard.people, town->villages);
    }
  g_string_append_printf (out, "Units: %" G_GINT64_FORMAT "   Cadres: %" G_GINT64_FORMAT
                          "   Pairings: %" G_GINT64_FORMAT "\n",
                          summary->units, summary->cadres, summary->pairings);
  g_string_append_printf (out, "Visits: %" G_GINT64_FORMAT "   Payments: %" G_GINT64_FORMAT
                          " totalling %s   Exited households: %" G_GINT64_FORMAT "\n",
                          summary->visits, summary->payments, money, summary->exited_households);
  return g_string_free (out, FALSE);
}
