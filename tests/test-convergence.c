/* test-convergence: the engine's contract.
 *
 * One hub and six replicas with different scopes make random creates, edits, deletes, visits,
 * payments and conflict resolutions, and sync in random orders with lost requests, lost
 * responses, duplicated and late batches, and restarts. After quiescence — every replica has
 * pushed and pulled with no new edits — every replica must equal the hub for its scope.
 *
 *   test-convergence [--schedules N] [--seed S] [--steps K] [--verbose]
 *
 * Each schedule is a list of actions drawn from its seed; on failure the program shrinks the
 * list to a shortest failing one it can find and prints it with the seed.
 */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-uuid.h"
#include "bf-validate.h"

#define N_REPLICAS 6
#define BATCH_LIMIT 7      /* small, so that pushes and pulls take several rounds */

typedef enum {
  ACT_CREATE_HOUSEHOLD, ACT_EDIT_HOUSEHOLD, ACT_CREATE_MEMBER, ACT_EDIT_MEMBER, ACT_DELETE,
  ACT_VISIT, ACT_PAYMENT, ACT_VOID, ACT_RESOLVE, ACT_PUSH, ACT_PULL, ACT_RESTART, N_ACTS
} ActKind;

static const char *act_names[] = {
  "create-household", "edit-household", "create-member", "edit-member", "delete", "visit",
  "payment", "void", "resolve-conflict", "push", "pull", "restart"
};

typedef struct {
  ActKind kind;
  int     replica;
  guint32 param;      /* everything else is drawn from it when the action runs */
} Action;

typedef struct {
  char    *dir;
  char    *hub_path;
  BfStore *hub;
  char    *paths[N_REPLICAS];
  BfStore *replicas[N_REPLICAS];
  BfScope *scopes[N_REPLICAS];
  char    *towns[2];
  char    *villages[4];   /* 0, 1 in town 0; 2, 3 in town 1 */
  char    *cadres[2];
  gint64   wall_ms;
  GPtrArray *late_pulls;  /* old pull responses delivered late: (replica, batch) */
} World;

typedef struct {
  int      replica;
  BfBatch *batch;
} LatePull;

static gboolean verbose = FALSE;
static const gint64 bad_clock_skew_ms = G_GINT64_CONSTANT (5) * 365 * 24 * 3600 * 1000;

static GDate *
pinned_today (void)
{
  static GDate today;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2016);
  return &today;
}

static BfStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  BfStore *store = bf_store_open (path, BF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  bf_store_set_today (store, pinned_today ());
  return store;
}

/* Replica 5 has a clock five years fast: the hub must clamp it. */
static void
set_clock_for (World *world, int replica)
{
  world->wall_ms += 1000;
  bf_wall_clock_override (world->wall_ms + (replica == 5 ? bad_clock_skew_ms : 0));
}

static void
must (gboolean ok, GError *error, const char *what)
{
  if (!ok)
    g_error ("%s: %s", what, error ? error->message : "failed");
}

static char *
insert_reference (World *world, BfEntityKind kind, gpointer record)
{
  g_autoptr(GError) error = NULL;
  char *id;

  must (bf_store_insert (world->hub, kind, record, &error), error, "seeding the hub");
  id = g_strdup (bf_record_id (record));
  bf_record_free (kind, record);
  return id;
}

static World *
world_new (void)
{
  g_autoptr(GError) error = NULL;
  World *world = g_new0 (World, 1);
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "bangfu-conv-XXXXXX", NULL);

  world->dir = g_mkdtemp (g_strdup (template));
  g_assert_nonnull (world->dir);
  world->wall_ms = G_GINT64_CONSTANT (1480000000000);   /* 2016-11-24 */
  bf_wall_clock_override (world->wall_ms);
  world->hub_path = g_build_filename (world->dir, "hub.db", NULL);
  world->hub = open_store (world->hub_path);
  must (bf_store_make_hub (world->hub, &error), error, "making the hub");
  world->late_pulls = g_ptr_array_new ();

  for (int t = 0; t < 2; t++)
    {
      BfTown *town = g_new0 (BfTown, 1);
      town->name = g_strdup (t == 0 ? "源潭镇" : "飞来峡镇");
      world->towns[t] = insert_reference (world, BF_ENTITY_TOWN, town);
    }
  for (int v = 0; v < 4; v++)
    {
      BfVillage *village = g_new0 (BfVillage, 1);
      village->town_id = g_strdup (world->towns[v / 2]);
      village->name = g_strdup_printf ("村%d", v);
      world->villages[v] = insert_reference (world, BF_ENTITY_VILLAGE, village);
    }
  for (int c = 0; c < 2; c++)
    {
      BfCadre *cadre = g_new0 (BfCadre, 1);
      cadre->name = g_strdup (c == 0 ? "李志强" : "陈丽华");
      world->cadres[c] = insert_reference (world, BF_ENTITY_CADRE, cadre);
    }

  for (int r = 0; r < N_REPLICAS; r++)
    {
      g_autofree char *name = g_strdup_printf ("replica-%d.db", r);
      world->paths[r] = g_build_filename (world->dir, name, NULL);
      world->replicas[r] = open_store (world->paths[r]);
    }
  /* District, district, town 0, town 1, village 1, villages 2 + 0. */
  world->scopes[0] = bf_scope_new_district ();
  world->scopes[1] = bf_scope_new_district ();
  world->scopes[2] = bf_scope_new ();
  bf_scope_add_town (world->scopes[2], world->towns[0]);
  world->scopes[3] = bf_scope_new ();
  bf_scope_add_town (world->scopes[3], world->towns[1]);
  world->scopes[4] = bf_scope_new ();
  bf_scope_add_village (world->scopes[4], world->villages[1]);
  world->scopes[5] = bf_scope_new ();
  bf_scope_add_village (world->scopes[5], world->villages[2]);
  bf_scope_add_village (world->scopes[5], world->villages[0]);
  return world;
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
world_free (World *world)
{
  bf_store_free (world->hub);
  remove_db (world->hub_path);
  g_free (world->hub_path);
  for (int r = 0; r < N_REPLICAS; r++)
    {
      bf_store_free (world->replicas[r]);
      remove_db (world->paths[r]);
      g_free (world->paths[r]);
      bf_scope_free (world->scopes[r]);
    }
  for (guint i = 0; i < world->late_pulls->len; i++)
    {
      LatePull *late = g_ptr_array_index (world->late_pulls, i);
      bf_batch_free (late->batch);
      g_free (late);
    }
  g_ptr_array_unref (world->late_pulls);
  for (int i = 0; i < 2; i++)
    g_free (world->towns[i]), g_free (world->cadres[i]);
  for (int i = 0; i < 4; i++)
    g_free (world->villages[i]);
  g_rmdir (world->dir);
  g_free (world->dir);
  g_free (world);
  bf_wall_clock_override (0);
}

/* The villages a replica may write in. */
static const char *
scope_village (World *world, int replica, GRand *rand)
{
  const BfScope *scope = world->scopes[replica];
  GPtrArray *choices = g_ptr_array_new ();
  const char *pick;

  for (int v = 0; v < 4; v++)
    {
      gboolean in = scope->district;
      for (guint t = 0; t < scope->town_ids->len; t++)
        in |= strcmp (g_ptr_array_index (scope->town_ids, t), world->towns[v / 2]) == 0;
      for (guint i = 0; i < scope->village_ids->len; i++)
        in |= strcmp (g_ptr_array_index (scope->village_ids, i), world->villages[v]) == 0;
      if (in)
        g_ptr_array_add (choices, world->villages[v]);
    }
  pick = g_ptr_array_index (choices, g_rand_int_range (rand, 0, (gint32) choices->len));
  g_ptr_array_unref (choices);
  return pick;
}

/* A random live record of @kind on the replica, or NULL. */
static char *
pick_row (BfStore *store, BfEntityKind kind, GRand *rand, const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = bf_store_list (store, kind, NULL, NULL, &error);
  g_autoptr(GPtrArray) eligible = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      gpointer row = g_ptr_array_index (rows, i);
      if (where == NULL ||
          (kind == BF_ENTITY_VISIT && ((BfVisit *) row)->voids_id == NULL))
        g_ptr_array_add (eligible, row);
    }
  if (eligible->len == 0)
    return NULL;
  return g_strdup (bf_record_id (g_ptr_array_index (eligible, g_rand_int_range (rand, 0, (gint32) eligible->len))));
}

static char *
make_id_number (GRand *rand)
{
  char digits[19];

  g_snprintf (digits, 18, "441802%04d%02d%02d%03d", g_rand_int_range (rand, 1940, 2010),
              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
              g_rand_int_range (rand, 0, 1000));
  digits[17] = bf_id_number_check_char (digits);
  digits[18] = '\0';
  return g_strdup (digits);
}

static const char *names[] = { "黄水生", "陈桂英", "李国强", "梁丽华", "罗志明", "何秀兰" };

/* Local edits may be refused by the replica's own checks (a deleted row, say): that is the
 * user seeing a message, not a failure of the engine. */
static void
local_op (World *world, const Action *action)
{
  BfStore *store = world->replicas[action->replica];
  g_autoptr(GRand) rand = g_rand_new_with_seed (action->param);
  g_autoptr(GError) error = NULL;

  switch (action->kind)
    {
    case ACT_CREATE_HOUSEHOLD:
      {
        g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);
        household->village_id = g_strdup (scope_village (world, action->replica, rand));
        household->head_name = g_strdup (names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
        household->category = g_rand_int_range (rand, 0, 3);
        bf_household_insert (store, household, &error);
        break;
      }
    case ACT_EDIT_HOUSEHOLD:
      {
        g_autofree char *id = pick_row (store, BF_ENTITY_HOUSEHOLD, rand, NULL);
        static const char *fields[] = { "head_name", "status", "consent_publish", "address" };
        int f = g_rand_int_range (rand, 0, G_N_ELEMENTS (fields));
        g_autofree char *value = f == 0 ? g_strdup (names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))])
                               : f == 1 ? g_strdup (bf_status_codes[g_rand_int_range (rand, 0, 3)])
                               : f == 2 ? g_strdup (g_rand_boolean (rand) ? "true" : "false")
                               : g_strdup_printf ("第%d组", g_rand_int_range (rand, 1, 9));
        if (id != NULL)
          bf_household_set (store, id, fields[f], value, &error);
        break;
      }
    case ACT_CREATE_MEMBER:
      {
        g_autofree char *household = pick_row (store, BF_ENTITY_HOUSEHOLD, rand, NULL);
        g_autoptr(BfMember) member = g_new0 (BfMember, 1);
        if (household == NULL)
          break;
        member->household_id = g_strdup (household);
        member->name = g_strdup (names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
        member->relation = g_rand_int_range (rand, 1, 5);
        member->id_number = make_id_number (rand);
        bf_member_insert (store, member, &error);
        break;
      }
    case ACT_EDIT_MEMBER:
      {
        g_autofree char *id = pick_row (store, BF_ENTITY_MEMBER, rand, NULL);
        gboolean insurance = g_rand_boolean (rand);
        if (id != NULL)
          bf_member_set (store, id, insurance ? "medical_insured" : "name",
                         insurance ? (g_rand_boolean (rand) ? "true" : "false")
                                   : names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))],
                         &error);
        break;
      }
    case ACT_DELETE:
      {
        BfEntityKind kind = g_rand_int_range (rand, 0, 4) == 0 ? BF_ENTITY_HOUSEHOLD : BF_ENTITY_MEMBER;
        g_autofree char *id = pick_row (store, kind, rand, NULL);
        if (id != NULL)
          bf_store_delete (store, kind, id, &error);
        break;
      }
    case ACT_VISIT:
      {
        g_autofree char *household = pick_row (store, BF_ENTITY_HOUSEHOLD, rand, NULL);
        g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);
        if (household == NULL)
          break;
        visit->household_id = g_strdup (household);
        visit->cadre_id = g_strdup (world->cadres[g_rand_int_range (rand, 0, 2)]);
        visit->date = g_strdup_printf ("2016-%02d-%02d", g_rand_int_range (rand, 1, 13),
                                       g_rand_int_range (rand, 1, 29));
        visit->kinds = (guint) g_rand_int_range (rand, 1, 1024);
        visit->description = g_strdup ("走访");
        visit->amount_fen = g_rand_int_range (rand, 0, 3) * 10000;
        bf_visit_insert (store, visit, &error);
        break;
      }
    case ACT_PAYMENT:
      {
        g_autofree char *household = pick_row (store, BF_ENTITY_HOUSEHOLD, rand, NULL);
        g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);
        if (household == NULL)
          break;
        payment->household_id = g_strdup (household);
        payment->date = g_strdup ("2016-07-01");
        payment->source = g_rand_int_range (rand, 0, 6);
        payment->amount_fen = g_rand_int_range (rand, 1, 100) * 1000;
        bf_payment_insert (store, payment, &error);
        break;
      }
    case ACT_VOID:
      {
        g_autofree char *visit = pick_row (store, BF_ENTITY_VISIT, rand, "not-void");
        if (visit != NULL)
          bf_store_void (store, BF_ENTITY_VISIT, visit, "日期填错", NULL, &error);
        break;
      }
    case ACT_RESOLVE:
      {
        g_autofree char *id = pick_row (store, BF_ENTITY_CONFLICT, rand, NULL);
        g_autoptr(BfConflict) conflict = id ? bf_conflict_get (store, id, NULL) : NULL;
        const BfEntityDef *def;
        if (conflict == NULL || conflict->status == BF_CONFLICT_RESOLVED ||
            !world->scopes[action->replica]->district)
          break;
        def = bf_entity_def_lookup (conflict->entity);
        /* Keep the other side: an ordinary edit of the field, then the conflict closed. */
        if (def != NULL && strcmp (conflict->field, BF_FIELD_DELETED) != 0)
          bf_store_update_field (store, def->kind, conflict->row_id, conflict->field,
                                 conflict->other_value, NULL);
        bf_conflict_set (store, id, "resolution", "other", NULL);
        bf_conflict_set (store, id, "status", "resolved", NULL);
        break;
      }
    default:
      g_assert_not_reached ();
    }
  if (verbose && error != NULL)
    g_printerr ("    refused locally: %s\n", error->message);
}

/* Pushes one batch; @fault: 0 none, 1 the request is lost, 2 the response is lost, 3 the
 * batch arrives twice. */
static void
push (World *world, int replica, int fault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) outbox = bf_sync_outbox (world->replicas[replica], BATCH_LIMIT, &error);
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(BfBatch) received = NULL;
  g_autoptr(BfPushResponse) response = NULL;
  g_autoptr(BfPushResponse) delivered = NULL;
  g_autoptr(GBytes) answer = NULL;

  g_assert_no_error (error);
  if (outbox->changes->len == 0 || fault == 1)
    return;
  /* Through the wire format both ways, as over HTTP. */
  wire = bf_batch_encode (outbox);
  received = bf_batch_decode (g_bytes_get_data (wire, NULL), g_bytes_get_size (wire), &error);
  g_assert_no_error (error);
  set_clock_for (world, -1);
  response = bf_hub_push (world->hub, received, &error);
  g_assert_no_error (error);
  if (fault == 3)
    {
      g_autoptr(BfPushResponse) again = bf_hub_push (world->hub, received, &error);
      g_assert_no_error (error);
    }
  if (fault == 2)
    return;
  answer = bf_push_response_encode (response);
  delivered = bf_push_response_decode (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), &error);
  g_assert_no_error (error);
  must (bf_sync_take_push_response (world->replicas[replica], delivered, &error), error, "push response");
}

/* Pulls one batch; @fault: 0 none, 1 lost, 2 applied twice, 3 kept to arrive late later. */
static gboolean
pull (World *world, int replica, int fault)
{
  g_autoptr(GError) error = NULL;
  BfStore *store = world->replicas[replica];
  gint64 cursor = bf_sync_cursor (store, &error);
  g_autoptr(BfBatch) batch = bf_hub_pull (world->hub, cursor, world->scopes[replica], BATCH_LIMIT, &error);
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(GBytes) spliced = NULL;
  g_autoptr(GBytes) respliced = NULL;
  g_autoptr(BfBatch) received = NULL;

  g_assert_no_error (error);
  wire = bf_batch_encode (batch);
  /* What the server sends, written straight from the log, must say exactly the same. */
  spliced = bf_hub_pull_encoded (world->hub, cursor, world->scopes[replica], BATCH_LIMIT, NULL, &error);
  g_assert_no_error (error);
  received = bf_batch_decode (g_bytes_get_data (spliced, NULL), g_bytes_get_size (spliced), &error);
  g_assert_no_error (error);
  received->server_time_ms = batch->server_time_ms;
  respliced = bf_batch_encode (received);
  if (!g_bytes_equal (wire, respliced))
    g_error ("the spliced pull differs from the encoded one:\n%.*s\n%.*s",
             (int) g_bytes_get_size (wire), (const char *) g_bytes_get_data (wire, NULL),
             (int) g_bytes_get_size (respliced), (const char *) g_bytes_get_data (respliced, NULL));
  if (fault == 1)
    return TRUE;
  set_clock_for (world, replica);
  must (bf_sync_apply_pull (store, received, &error), error, "applying a pull");
  if (fault == 2)
    must (bf_sync_apply_pull (store, received, &error), error, "applying a pull twice");
  if (fault == 3)
    {
      LatePull *late = g_new0 (LatePull, 1);
      late->replica = replica;
      late->batch = g_steal_pointer (&received);
      g_ptr_array_add (world->late_pulls, late);
    }
  return batch->more;
}

static void
deliver_late (World *world)
{
  for (guint i = 0; i < world->late_pulls->len; i++)
    {
      g_autoptr(GError) error = NULL;
      LatePull *late = g_ptr_array_index (world->late_pulls, i);
      must (bf_sync_apply_pull (world->replicas[late->replica], late->batch, &error), error,
            "a late pull");
      bf_batch_free (late->batch);
      g_free (late);
    }
  g_ptr_array_set_size (world->late_pulls, 0);
}

static void
run_action (World *world, const Action *action)
{
  int fault = (int) (action->param % 7);   /* faults in about half the syncs */

  if (verbose)
    g_printerr ("  %s r%d %u\n", act_names[action->kind], action->replica, action->param);
  switch (action->kind)
    {
    case ACT_PUSH:
      push (world, action->replica, fault <= 3 ? fault : 0);
      break;
    case ACT_PULL:
      pull (world, action->replica, fault <= 3 ? fault : 0);
      if (fault == 6)
        deliver_late (world);
      break;
    case ACT_RESTART:
      bf_store_free (world->replicas[action->replica]);
      world->replicas[action->replica] = open_store (world->paths[action->replica]);
      if (action->param % 5 == 0)
        {
          bf_store_free (world->hub);
          world->hub = open_store (world->hub_path);
        }
      break;
    default:
      set_clock_for (world, action->replica);
      local_op (world, action);
    }
}

static void
quiesce (World *world)
{
  deliver_late (world);
  for (int round = 0; round < 50; round++)
    {
      gint64 before = 0, after = 0;
      gboolean busy = FALSE;

      bf_store_query_int64 (world->hub, "SELECT coalesce(max(server_seq), 0) FROM hub_log", &before, NULL);
      for (int r = 0; r < N_REPLICAS; r++)
        {
          while (bf_sync_count_pending (world->replicas[r], NULL) > 0)
            {
              gint64 pending = bf_sync_count_pending (world->replicas[r], NULL);
              push (world, r, 0);
              if (bf_sync_count_pending (world->replicas[r], NULL) == pending)
                break;   /* everything left waits for something the hub cannot give */
            }
          while (pull (world, r, 0))
            ;
          busy |= bf_sync_count_pending (world->replicas[r], NULL) > 0;
        }
      bf_store_query_int64 (world->hub, "SELECT coalesce(max(server_seq), 0) FROM hub_log", &after, NULL);
      if (before == after && !busy)
        return;
    }
  g_error ("no quiescence after 50 rounds");
}

/* Every live row of every table as text, restricted to what @scope may see on the hub. */
static char *
dump (BfStore *store, const BfScope *scope, World *world)
{
  GString *out = g_string_new (NULL);

  for (BfEntityKind kind = 0; kind < BF_N_ENTITIES; kind++)
    {
      const BfEntityDef *def = bf_entity_def (kind);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = bf_store_list (store, kind, NULL, NULL, &error);

      g_assert_no_error (error);
      if (kind == BF_ENTITY_CONFLICT && !scope->district)
        continue;
      for (guint i = 0; i < rows->len; i++)
        {
          gpointer row = g_ptr_array_index (rows, i);
          g_autoptr(JsonObject) object = bf_record_to_json (kind, row);
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
          g_autofree char *text = json_to_string (node, FALSE);
          g_autofree char *village = NULL;

          if (!scope->district && scope != NULL)
            {
              /* Which village does the row belong to? Ask the store it lives in. */
              const char *household_sql = NULL;
              sqlite3_stmt *stmt = NULL;
              gboolean visible = TRUE;

              switch (kind)
                {
                case BF_ENTITY_HOUSEHOLD:
                  household_sql = "SELECT village_id FROM households WHERE id = ?";
                  break;
                case BF_ENTITY_MEMBER: case BF_ENTITY_VISIT: case BF_ENTITY_PAYMENT:
                  household_sql = kind == BF_ENTITY_MEMBER
                    ? "SELECT h.village_id FROM members x JOIN households h ON h.id = x.household_id WHERE x.id = ?"
                    : kind == BF_ENTITY_VISIT
                    ? "SELECT h.village_id FROM visits x JOIN households h ON h.id = x.household_id WHERE x.id = ?"
                    : "SELECT h.village_id FROM payments x JOIN households h ON h.id = x.household_id WHERE x.id = ?";
                  break;
                default:
                  break;
                }
              if (household_sql != NULL)
                {
                  visible = FALSE;
                  g_assert_cmpint (sqlite3_prepare_v2 (bf_store_db (store), household_sql, -1, &stmt, NULL), ==, SQLITE_OK);
                  sqlite3_bind_text (stmt, 1, bf_record_id (row), -1, SQLITE_STATIC);
                  if (sqlite3_step (stmt) == SQLITE_ROW)
                    {
                      const char *v = (const char *) sqlite3_column_text (stmt, 0);
                      for (guint t = 0; t < scope->town_ids->len; t++)
                        for (int k = 0; k < 4; k++)
                          visible |= strcmp (world->villages[k], v) == 0 &&
                                     strcmp (world->towns[k / 2], g_ptr_array_index (scope->town_ids, t)) == 0;
                      for (guint j = 0; j < scope->village_ids->len; j++)
                        visible |= strcmp (g_ptr_array_index (scope->village_ids, j), v) == 0;
                    }
                  sqlite3_finalize (stmt);
                }
              if (!visible)
                continue;
            }
          g_string_append_printf (out, "%s %s\n", def->name, text);
        }
    }
  return g_string_free (out, FALSE);
}

/* Runs a schedule; returns a description of the first difference, or NULL when converged. */
static char *
run_schedule (GArray *actions)
{
  World *world = world_new ();
  char *failure = NULL;

  for (int r = 0; r < N_REPLICAS; r++)
    while (pull (world, r, 0))
      ;
  for (guint i = 0; i < actions->len; i++)
    run_action (world, &g_array_index (actions, Action, i));
  quiesce (world);
  if (verbose)
    {
      gint64 logged = 0, households = 0, conflicts = 0, rejected = 0;
      bf_store_query_int64 (world->hub, "SELECT count(*) FROM hub_log", &logged, NULL);
      bf_store_query_int64 (world->hub, "SELECT count(*) FROM households", &households, NULL);
      bf_store_query_int64 (world->hub, "SELECT count(*) FROM conflicts", &conflicts, NULL);
      bf_store_query_int64 (world->hub, "SELECT count(*) FROM hub_rejections", &rejected, NULL);
      g_printerr ("hub: %" G_GINT64_FORMAT " changes, %" G_GINT64_FORMAT " households, %"
                  G_GINT64_FORMAT " conflicts, %" G_GINT64_FORMAT " rejected\n",
                  logged, households, conflicts, rejected);
    }
  for (int r = 0; r < N_REPLICAS && failure == NULL; r++)
    {
      g_autofree char *expected = dump (world->hub, world->scopes[r], world);
      g_autofree char *actual = dump (world->replicas[r], world->scopes[r], world);
      if (strcmp (expected, actual) != 0)
        failure = g_strdup_printf ("replica %d differs from the hub:\n--- hub (its scope)\n%s--- replica\n%s",
                                   r, expected, actual);
    }
  world_free (world);
  return failure;
}

static GArray *
draw_schedule (guint32 seed, int steps)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *actions = g_array_new (FALSE, FALSE, sizeof (Action));
  /* Weights: more edits than anything, syncs often enough to interleave. */
  static const int weights[N_ACTS] = { 6, 6, 4, 4, 2, 4, 2, 1, 2, 8, 8, 1 };
  int total = 0;

  for (int k = 0; k < N_ACTS; k++)
    total += weights[k];
  for (int i = 0; i < steps; i++)
    {
      Action action = { 0 };
      int pick = g_rand_int_range (rand, 0, total);
      for (action.kind = 0; pick >= weights[action.kind]; action.kind++)
        pick -= weights[action.kind];
      action.replica = g_rand_int_range (rand, 0, N_REPLICAS);
      action.param = g_rand_int (rand);
      g_array_append_val (actions, action);
    }
  return actions;
}

/* Greedy shrinking: drop actions while the schedule still fails. */
static GArray *
shrink (GArray *actions)
{
  GArray *best = g_array_copy (actions);

  for (gboolean progress = TRUE; progress;)
    {
      progress = FALSE;
      for (guint i = 0; i < best->len; i++)
        {
          GArray *candidate = g_array_copy (best);
          g_autofree char *failure = NULL;
          g_array_remove_index (candidate, i);
          failure = run_schedule (candidate);
          if (failure != NULL)
            {
              g_array_unref (best);
              best = candidate;
              progress = TRUE;
              i--;
            }
          else
            g_array_unref (candidate);
        }
    }
  return best;
}

int
main (int argc, char **argv)
{
  const char *from_env = g_getenv ("BANGFU_SCHEDULES");   /* fewer under the sanitizers */
  gint64 schedules = from_env ? g_ascii_strtoll (from_env, NULL, 10) : 500, seed = 1;
  int steps = 60;
  GOptionEntry entries[] = {
    { "schedules", 0, 0, G_OPTION_ARG_INT64, &schedules, "How many random schedules", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "The first schedule's seed", "S" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Actions per schedule", "K" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print every action", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (gint64 s = seed; s < seed + schedules; s++)
    {
      g_autoptr(GArray) actions = draw_schedule ((guint32) s, steps);
      g_autofree char *failure = run_schedule (actions);

      if (failure != NULL)
        {
          g_autoptr(GArray) shortest = NULL;
          g_autofree char *again = NULL;

          printf ("FAIL: schedule with seed %" G_GINT64_FORMAT " did not converge\n", s);
          shortest = shrink (actions);
          printf ("shortest failing schedule (%u of %u actions), replay with --seed %" G_GINT64_FORMAT
                  " --schedules 1:\n", shortest->len, actions->len, s);
          for (guint i = 0; i < shortest->len; i++)
            {
              Action *a = &g_array_index (shortest, Action, i);
              printf ("  %s replica %d param %u\n", act_names[a->kind], a->replica, a->param);
            }
          again = run_schedule (shortest);
          printf ("%s", again ? again : failure);
          return 1;
        }
    }
  printf ("%" G_GINT64_FORMAT " schedules of %d actions converged in %.1f s\n", schedules, steps,
          (g_get_monotonic_time () - started) / 1e6);
  return 0;
}
