/* bf-cli-records.c: reading and editing the ledger — `household list|show|set`,
 * `visit add`, `conflicts list|resolve`.
 *
 * Every edit goes through the store's record API, so it is checked like an edit in the app
 * and joins the change log to be synced.
 */
#include "bf-config.h"
#include "bf-cli.h"

#include <stdio.h>
#include <string.h>

#include "bf-conflicts.h"
#include "bf-format.h"
#include "bf-validate.h"

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);
  printf ("%s\n", text);
}

static JsonNode *
records_to_json (BfEntityKind kind, GPtrArray *records)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < records->len; i++)
    json_array_add_object_element (array, bf_record_to_json (kind, g_ptr_array_index (records, i)));
  json_node_take_array (node, array);
  return node;
}

/* id → name of every town, village, unit or cadre. */
static GHashTable *
names_of (BfStore *store, BfEntityKind kind)
{
  g_autoptr(GPtrArray) records = bf_store_list (store, kind, NULL, NULL, NULL);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const BfFieldDef *name = bf_entity_field (bf_entity_def (kind), "name");

  for (guint i = 0; records != NULL && i < records->len; i++)
    g_hash_table_insert (names, g_strdup (bf_record_id (g_ptr_array_index (records, i))),
                         bf_record_get_text (name, g_ptr_array_index (records, i)));
  return names;
}

static const char *
name_or_id (GHashTable *names, const char *id)
{
  const char *name = id ? g_hash_table_lookup (names, id) : NULL;
  return name ? name : id ? id : "—";
}

/* Money as typed in yuan becomes canonical fen; other values go as they are. */
static char *
value_for_field (BfStore *store, const BfFieldDef *field, const char *value, GError **error)
{
  gint64 fen = 0;

  if (field == NULL || field->type != BF_FIELD_MONEY || value == NULL || *value == '\0')
    return g_strdup (value);
  if (!bf_parse_yuan (value, bf_store_get_policy (store)->max_amount_fen, field->label, &fen, error))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, fen);
}

/* ---- household ---- */

static gboolean
contains_folded (const char *haystack, const char *needle_folded)
{
  g_autofree char *folded = haystack ? g_utf8_casefold (haystack, -1) : NULL;
  return folded != NULL && strstr (folded, needle_folded) != NULL;
}

static int
household_list (const BfCliGlobals *globals, int argc, char **argv)
{
  g_autofree char *search = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      "Only households whose head's name contains TEXT, or with a member whose ID number does", "TEXT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GPtrArray) households = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GHashTable) villages = NULL;
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) matched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *needle = NULL;
  JsonArray *array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  guint shown = 0;

  json_node_take_array (root, array);
  if (!bf_cli_parse ("household list", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc > 1)
    {
      bf_cli_error ("household list: unexpected argument “%s”", argv[1]);
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  households = bf_store_list (store, BF_ENTITY_HOUSEHOLD, NULL, NULL, &error);
  members = households ? bf_store_list (store, BF_ENTITY_MEMBER, NULL, NULL, &error) : NULL;
  if (members == NULL)
    {
      bf_cli_error ("household list: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  villages = names_of (store, BF_ENTITY_VILLAGE);
  needle = search ? g_utf8_casefold (g_strstrip (search), -1) : NULL;
  for (guint i = 0; i < members->len; i++)
    {
      BfMember *member = g_ptr_array_index (members, i);
      g_hash_table_insert (people, member->household_id,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (people, member->household_id)) + 1));
      if (needle != NULL && contains_folded (member->id_number, needle))
        g_hash_table_add (matched, member->household_id);
    }

  /* Tab-separated: Chinese names defeat column widths, and scripts split on tabs. */
  if (!as_json)
    printf ("ID\tHEAD\tVILLAGE\tCATEGORY\tSTATUS\tPEOPLE\n");
  for (guint i = 0; i < households->len; i++)
    {
      BfHousehold *household = g_ptr_array_index (households, i);
      guint n_people = GPOINTER_TO_UINT (g_hash_table_lookup (people, household->id));

      if (needle != NULL && !g_hash_table_contains (matched, household->id) &&
          !contains_folded (household->head_name, needle))
        continue;
      shown++;
      if (as_json)
        {
          JsonObject *object = bf_record_to_json (BF_ENTITY_HOUSEHOLD, household);
          json_object_set_string_member (object, "village", name_or_id (villages, household->village_id));
          json_object_set_int_member (object, "people", n_people);
          json_array_add_object_element (array, object);
        }
      else
        printf ("%s\t%s\t%s\t%s\t%s\t%u\n", household->id, household->head_name,
                name_or_id (villages, household->village_id), bf_category_codes[household->category],
                bf_status_codes[household->status], n_people);
    }
  if (as_json)
    print_json (root);
  else
    printf ("%u household%s\n", shown, shown == 1 ? "" : "s");
  return BF_EXIT_OK;
}

static gint
by_date (gconstpointer a, gconstpointer b, BfEntityKind kind)
{
  const BfFieldDef *field = bf_entity_field (bf_entity_def (kind), "date");
  g_autofree char *da = bf_record_get_text (field, *(gconstpointer *) a);
  g_autofree char *db = bf_record_get_text (field, *(gconstpointer *) b);
  return g_strcmp0 (da, db);
}

static gint
visit_by_date (gconstpointer a, gconstpointer b)
{
  return by_date (a, b, BF_ENTITY_VISIT);
}

static gint
payment_by_date (gconstpointer a, gconstpointer b)
{
  return by_date (a, b, BF_ENTITY_PAYMENT);
}

static gint
income_by_year (gconstpointer a, gconstpointer b)
{
  return (*(BfHouseholdIncome * const *) a)->year - (*(BfHouseholdIncome * const *) b)->year;
}

/* One field of a record as a person reads it. */
static char *
field_display (const BfFieldDef *field, gconstpointer record, GHashTable *names)
{
  g_autofree char *text = bf_record_get_text (field, record);

  if (text == NULL)
    return g_strdup ("—");
  switch (field->type)
    {
    case BF_FIELD_MONEY:
      return bf_format_money (g_ascii_strtoll (text, NULL, 10));
    case BF_FIELD_BOOL:
      return g_strdup (strcmp (text, "true") == 0 ? "yes" : "no");
    case BF_FIELD_REF:
      return g_strdup (name_or_id (names, text));
    default:
      return g_steal_pointer (&text);
    }
}

static void
print_card (BfEntityKind kind, gconstpointer record, GHashTable *names)
{
  const BfEntityDef *def = bf_entity_def (kind);

  for (guint i = 0; i < def->n_fields; i++)
    {
      g_autofree char *shown = field_display (&def->fields[i], record, names);
      printf ("  %-18s %s\n", def->fields[i].label, shown);
    }
}

static void
print_rows (const char *title, BfEntityKind kind, GPtrArray *rows, const char * const *fields,
            GHashTable *names)
{
  const BfEntityDef *def = bf_entity_def (kind);

  printf ("\n%s (%u)\n", title, rows->len);
  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GString) line = g_string_new ("  ");
      for (guint f = 0; fields[f] != NULL; f++)
        {
          g_autofree char *shown = field_display (bf_entity_field (def, fields[f]),
                                                  g_ptr_array_index (rows, r), names);
          g_string_append_printf (line, "%s%s", f ? "  " : "", shown);
        }
      printf ("%s\n", line->str);
    }
}

static int
household_show (const BfCliGlobals *globals, int argc, char **argv)
{
  static const char * const member_fields[] = { "name", "relation", "id_number", "sex", "birth_date", NULL };
  static const char * const pairing_fields[] = { "cadre_id", "from_date", "to_date", NULL };
  static const char * const visit_fields[] = { "date", "cadre_id", "kinds", "amount_fen", "description", "voids_id", NULL };
  static const char * const payment_fields[] = { "date", "source", "amount_fen", "purpose", "voids_id", NULL };
  static const char * const income_fields[] = { "year", "per_capita_fen", NULL };
  static const struct { const char *title; const char *json; BfEntityKind kind; const char * const *fields; GCompareFunc sort; } parts[] = {
    { "Members", "members", BF_ENTITY_MEMBER, member_fields, NULL },
    { "Pairings", "pairings", BF_ENTITY_PAIRING, pairing_fields, NULL },
    { "Visits", "visits", BF_ENTITY_VISIT, visit_fields, visit_by_date },
    { "Payments", "payments", BF_ENTITY_PAYMENT, payment_fields, payment_by_date },
    { "Incomes", "incomes", BF_ENTITY_HOUSEHOLD_INCOME, income_fields, income_by_year },
  };
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfHousehold) household = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = json_object_new ();

  if (!bf_cli_parse ("household show", "ID", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 2)
    {
      bf_cli_error ("household show: give one household ID");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  household = bf_household_get (store, argv[1], &error);
  if (household == NULL)
    {
      bf_cli_error ("household show: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  /* References shown by name: villages on the card, cadres in pairings and visits. */
  names = names_of (store, BF_ENTITY_VILLAGE);
  {
    g_autoptr(GHashTable) cadres = names_of (store, BF_ENTITY_CADRE);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, cadres);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_hash_table_iter_steal (&iter);
        g_hash_table_insert (names, key, value);
      }
  }
  if (as_json)
    {
      JsonObject *card = bf_record_to_json (BF_ENTITY_HOUSEHOLD, household);
      json_object_set_string_member (card, "village", name_or_id (names, household->village_id));
      json_object_set_object_member (object, "household", card);
    }
  else
    {
      printf ("Household %s\n", household->id);
      print_card (BF_ENTITY_HOUSEHOLD, household, names);
    }
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr(GPtrArray) rows = bf_store_list (store, parts[p].kind, "household_id",
                                                 household->id, &error);
      if (rows == NULL)
        {
          bf_cli_error ("household show: %s", error->message);
          return BF_EXIT_FAILURE;
        }
      if (parts[p].sort != NULL)
        g_ptr_array_sort (rows, parts[p].sort);
      if (as_json)
        json_object_set_member (object, parts[p].json, records_to_json (parts[p].kind, rows));
      else
        print_rows (parts[p].title, parts[p].kind, rows, parts[p].fields, names);
    }
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (root, object);
      print_json (root);
    }
  return BF_EXIT_OK;
}

static int
household_set (const BfCliGlobals *globals, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const BfFieldDef *field;

  if (!bf_cli_parse ("household set", "ID FIELD VALUE", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 4)
    {
      bf_cli_error ("household set: give the household ID, a field name and its new value");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  field = bf_entity_field (bf_entity_def (BF_ENTITY_HOUSEHOLD), argv[2]);
  value = value_for_field (store, field, argv[3], &error);
  if (value == NULL && error != NULL)
    {
      bf_cli_error ("household set: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (!bf_household_set (store, argv[1], argv[2], value, &error))
    {
      bf_cli_error ("household set: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  printf ("Set %s of household %s to “%s”; it will be sent at the next sync\n", argv[2], argv[1],
          value ? value : "");
  return BF_EXIT_OK;
}

int
bf_cli_household (const BfCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return household_list (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "show") == 0)
    return household_show (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "set") == 0)
    return household_set (globals, argc - 1, argv + 1);
  bf_cli_error ("household: say list, show ID or set ID FIELD VALUE");
  return BF_EXIT_USAGE;
}

/* ---- visit ---- */

/* The cadre signed in on this device: the one cadre whose name is the store's author. */
static char *
default_cadre (BfStore *store, GError **error)
{
  const char *author = bf_store_get_author (store);
  g_autoptr(GPtrArray) cadres = NULL;

  if (author == NULL)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND,
                   "nobody is signed in on this device: give --cadre ID");
      return NULL;
    }
  cadres = bf_store_list (store, BF_ENTITY_CADRE, "name", author, error);
  if (cadres == NULL)
    return NULL;
  if (cadres->len != 1)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND,
                   cadres->len == 0 ? "no cadre is named “%s”: give --cadre ID"
                                    : "several cadres are named “%s”: give --cadre ID", author);
      return NULL;
    }
  return g_strdup (bf_record_id (g_ptr_array_index (cadres, 0)));
}

static int
visit_add (const BfCliGlobals *globals, int argc, char **argv)
{
  g_autofree char *household_id = NULL, *date = NULL, *kinds = NULL, *note = NULL;
  g_autofree char *amount = NULL, *cadre_id = NULL;
  GOptionEntry entries[] = {
    { "household", 0, 0, G_OPTION_ARG_STRING, &household_id, "The household visited", "ID" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "The day of the visit", "YYYY-MM-DD" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kinds,
      "Kinds of help, comma-separated: policy, funds, goods, training, employment, industry, "
      "medical, education, housing, other", "K[,K…]" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "What was done", "TEXT" },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount,
      "Money handed over, in yuan; also goes into the fund ledger", "YUAN" },
    { "cadre", 0, 0, G_OPTION_ARG_STRING, &cadre_id,
      "The visiting cadre (default: the cadre named like the signed-in user)", "ID" },
    { NULL }
  };
  const BfEntityDef *def = bf_entity_def (BF_ENTITY_VISIT);
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
  g_autoptr(BfPayment) payment = NULL;
  g_autoptr(GError) error = NULL;

  if (!bf_cli_parse ("visit add", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc > 1 || household_id == NULL || date == NULL || kinds == NULL || note == NULL)
    {
      bf_cli_error ("visit add: give --household, --date, --kind and --note");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  if (cadre_id == NULL && (cadre_id = default_cadre (store, &error)) == NULL)
    {
      bf_cli_error ("visit add: %s", error->message);
      return BF_EXIT_USAGE;
    }
  visit->household_id = g_strdup (household_id);
  visit->cadre_id = g_strdup (cadre_id);
  visit->date = g_strdup (date);
  visit->description = g_strdup (note);
  if (!bf_record_set_text (bf_entity_field (def, "kinds"), visit, kinds, &error) ||
      (amount != NULL && !bf_parse_yuan (amount, bf_store_get_policy (store)->max_amount_fen,
                                         bf_entity_field (def, "amount_fen")->label,
                                         &visit->amount_fen, &error)))
    {
      bf_cli_error ("visit add: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  /* Every yuan is in the fund ledger: money handed over on a visit is a payment too. */
  if (visit->amount_fen > 0)
    {
      visit->kinds |= BF_HELP_FUNDS;
      payment = g_new0 (BfPayment, 1);
      payment->date = g_strdup (date);
      payment->household_id = g_strdup (household_id);
      payment->source = BF_SOURCE_CADRE;
      payment->purpose = g_strdup (note);
      payment->amount_fen = visit->amount_fen;
      payment->cadre_id = g_strdup (cadre_id);
    }
  if (!bf_store_begin (store, &error))
    {
      bf_cli_error ("visit add: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (!bf_visit_insert (store, visit, &error) ||
      (payment != NULL && !bf_payment_insert (store, payment, &error)) ||
      !bf_store_commit (store, &error))
    {
      bf_store_rollback (store);
      bf_cli_error ("visit add: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  printf ("Recorded visit %s", visit->id);
  if (payment != NULL)
    printf (" and payment %s", payment->id);
  printf ("; it will be sent at the next sync\n");
  return BF_EXIT_OK;
}

int
bf_cli_visit (const BfCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return visit_add (globals, argc - 1, argv + 1);
  bf_cli_error ("visit: say add --household ID --date D --kind K --note TEXT");
  return BF_EXIT_USAGE;
}

/* ---- conflicts ---- */

static int
conflicts_list (const BfCliGlobals *globals, int argc, char **argv)
{
  gboolean as_json = FALSE, all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Resolved ones too", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  if (!bf_cli_parse ("conflicts list", NULL, entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc > 1)
    {
      bf_cli_error ("conflicts list: unexpected argument “%s”", argv[1]);
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  conflicts = all ? bf_store_list (store, BF_ENTITY_CONFLICT, NULL, NULL, &error)
                  : bf_store_list (store, BF_ENTITY_CONFLICT, "status", "open", &error);
  if (conflicts == NULL)
    {
      bf_cli_error ("conflicts list: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (as_json)
    {
      g_autoptr(JsonNode) root = records_to_json (BF_ENTITY_CONFLICT, conflicts);
      print_json (root);
      return BF_EXIT_OK;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      BfConflict *c = g_ptr_array_index (conflicts, i);
      printf ("%s  %s %s, field %s%s\n"
              "    kept:  “%s” by %s\n"
              "    other: “%s” by %s\n",
              c->id, c->entity, c->row_id, c->field,
              c->status == BF_CONFLICT_RESOLVED ? " (resolved)" : "",
              c->kept_value ? c->kept_value : "", c->kept_author ? c->kept_author : "?",
              c->other_value ? c->other_value : "", c->other_author ? c->other_author : "?");
    }
  printf ("%u conflict%s\n", conflicts->len, conflicts->len == 1 ? "" : "s");
  return BF_EXIT_OK;
}

/* "mine" and "theirs" by who wrote each side; NULL when the author cannot tell them apart. */
static const char *
side_of_author (const BfConflict *conflict, const char *author, gboolean mine)
{
  gboolean kept_mine = author != NULL && g_strcmp0 (conflict->kept_author, author) == 0;
  gboolean other_mine = author != NULL && g_strcmp0 (conflict->other_author, author) == 0;

  if (kept_mine == other_mine)
    return NULL;
  return (kept_mine == mine) ? "kept" : "other";
}

static int
conflicts_resolve (const BfCliGlobals *globals, int argc, char **argv)
{
  g_autofree char *keep = NULL, *typed = NULL;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep,
      "kept: the value the server kept; other: the one it set aside; mine / theirs: the side "
      "written by this device's user / by the other user", "SIDE" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &typed, "Neither: this value instead (money in yuan)", "V" },
    { NULL }
  };
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  BfConflictResolution resolution = { NULL, BF_CONFLICT_CHOOSE_MERGED, NULL };
  const char *side = NULL;

  if (!bf_cli_parse ("conflicts resolve", "ID", entries, &argc, &argv))
    return BF_EXIT_USAGE;
  if (argc != 2 || (keep == NULL) == (typed == NULL))
    {
      bf_cli_error ("conflicts resolve: give a conflict ID and either --keep SIDE or --value V");
      return BF_EXIT_USAGE;
    }
  if (keep != NULL && strcmp (keep, "kept") != 0 && strcmp (keep, "other") != 0 &&
      strcmp (keep, "mine") != 0 && strcmp (keep, "theirs") != 0)
    {
      bf_cli_error ("conflicts resolve: --keep is kept, other, mine or theirs");
      return BF_EXIT_USAGE;
    }
  store = bf_cli_open_store (globals, BF_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BF_EXIT_DATABASE;
  /* The hub takes resolutions from district staff only; better said now than after a sync. */
  if (!bf_conflicts_may_resolve (store, &error))
    {
      bf_cli_error ("conflicts resolve: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  conflict = bf_conflict_get (store, argv[1], &error);
  if (conflict == NULL)
    {
      bf_cli_error ("conflicts resolve: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  if (keep != NULL)
    {
      side = strcmp (keep, "mine") == 0 ? side_of_author (conflict, bf_store_get_author (store), TRUE)
           : strcmp (keep, "theirs") == 0 ? side_of_author (conflict, bf_store_get_author (store), FALSE)
           : keep;
      if (side == NULL)
        {
          bf_cli_error ("conflicts resolve: cannot tell which side is yours (kept by %s, other by "
                        "%s); say --keep kept or --keep other",
                        conflict->kept_author ? conflict->kept_author : "?",
                        conflict->other_author ? conflict->other_author : "?");
          return BF_EXIT_USAGE;
        }
      resolution.choice = strcmp (side, "other") == 0 ? BF_CONFLICT_CHOOSE_OTHER
                                                      : BF_CONFLICT_CHOOSE_KEPT;
    }
  resolution.conflict_id = conflict->id;
  resolution.value = typed;
  /* The shared code (bf-conflicts.c) checks the rest: resolved already, an unknown record
   * type, a deletion, the typed value; all of it in one transaction. */
  if (!bf_conflicts_resolve (store, &resolution, 1, &error))
    {
      bf_cli_error ("conflicts resolve: %s", error->message);
      return BF_EXIT_FAILURE;
    }
  printf ("Resolved conflict %s (%s); it will be sent at the next sync\n", conflict->id,
          side ? side : "new value");
  return BF_EXIT_OK;
}

int
bf_cli_conflicts (const BfCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return conflicts_list (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "resolve") == 0)
    return conflicts_resolve (globals, argc - 1, argv + 1);
  bf_cli_error ("conflicts: say list or resolve ID --keep SIDE|--value V");
  return BF_EXIT_USAGE;
}
