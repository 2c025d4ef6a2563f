/* test-year-lock.c: the year-end lock — who may lock, once only, frozen figures, and the
 * corrections after it, the same on the hub and on every device after syncing. */
#include "bf-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-store-private.h"
#include "bf-sync.h"
#include "bf-year-lock.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  BfStore *hub;
  BfStore *a;          /* district staff's laptop */
  BfStore *b;          /* a cadre's laptop, scoped to the village */
  BfScope *district;
  BfScope *village;
  char    *household_id;
  char    *cadre_id;
  gint64   wall_ms;
} Fixture;

static BfStore *
open_store (Fixture *f, const char *name)
{
  return test_open_store (f->dir, name, 2017, 3, 1);
}

/* Moves the test's wall clock a second on (a TestTick). */
static void
tick (gpointer data)
{
  Fixture *f = data;

  f->wall_ms += 1000;
  bf_wall_clock_override (f->wall_ms);
}

/* Push everything as the device's account would, then pull everything in its scope. */
static void
sync_store (Fixture *f, BfStore *store)
{
  gboolean district = store == f->a;
  const BfScope *scope = district ? f->district : f->village;
  BfHubWriter writer = {
    .account = district ? "qu" : "cadre", .device = bf_store_device_id (store), .scope = scope,
    .may_edit_reference = district, .may_resolve = district,
  };

  test_sync_store (f->hub, store, &writer, scope, tick, f);
  g_assert_cmpint (bf_sync_count_rejected (store, NULL), ==, 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfTown) town = g_new0 (BfTown, 1);
  g_autoptr(BfVillage) village = g_new0 (BfVillage, 1);
  g_autoptr(BfCadre) cadre = g_new0 (BfCadre, 1);
  g_autoptr(BfHousehold) household = g_new0 (BfHousehold, 1);

  f->dir = g_dir_make_tmp ("bangfu-lock-XXXXXX", &error);
  f->wall_ms = G_GINT64_CONSTANT (1488300000000);   /* 2017-02-28 */
  tick (f);
  f->hub = open_store (f, "hub.db");
  g_assert_true (bf_store_make_hub (f->hub, &error));
  f->a = open_store (f, "a.db");
  f->b = open_store (f, "b.db");
  g_assert_true (bf_store_set_author (f->a, "qu", NULL));
  g_assert_true (bf_store_set_meta (f->a, "account_role", "district", NULL));
  g_assert_true (bf_store_set_author (f->b, "cadre", NULL));
  g_assert_true (bf_store_set_meta (f->b, "account_role", "cadre", NULL));

  town->name = g_strdup ("源潭镇");
  g_assert_true (bf_town_insert (f->hub, town, &error));
  village->town_id = g_strdup (town->id);
  village->name = g_strdup ("积余村");
  g_assert_true (bf_village_insert (f->hub, village, &error));
  cadre->name = g_strdup ("李志强");
  g_assert_true (bf_cadre_insert (f->hub, cadre, &error));
  household->village_id = g_strdup (village->id);
  household->head_name = g_strdup ("黄水生");
  g_assert_true (bf_household_insert (f->hub, household, &error));
  g_assert_no_error (error);
  f->district = bf_scope_new_district ();
  f->village = bf_scope_new ();
  bf_scope_add_village (f->village, village->id);
  f->cadre_id = g_strdup (cadre->id);
  f->household_id = g_strdup (household->id);
  sync_store (f, f->a);
  sync_store (f, f->b);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  bf_store_free (f->hub);
  bf_store_free (f->a);
  bf_store_free (f->b);
  test_remove_db (f->dir, "hub.db");
  test_remove_db (f->dir, "a.db");
  test_remove_db (f->dir, "b.db");
  g_rmdir (f->dir);
  g_free (f->dir);
  bf_scope_free (f->district);
  bf_scope_free (f->village);
  g_free (f->household_id);
  g_free (f->cadre_id);
  bf_wall_clock_override (0);
}

static void
add_visit (Fixture *f, BfStore *store, const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVisit) visit = g_new0 (BfVisit, 1);

  tick (f);
  visit->household_id = g_strdup (f->household_id);
  visit->cadre_id = g_strdup (f->cadre_id);
  visit->date = g_strdup (date);
  visit->kinds = BF_HELP_POLICY;
  visit->amount_fen = 20000;
  g_assert_true (bf_visit_insert (store, visit, &error));
  g_assert_no_error (error);
}

/* "entity row device:seq ordered" per correction, in the list's order. */
static char *
corrections_text (BfStore *store, int year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = bf_corrections_list (store, year, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const BfCorrection *c = g_ptr_array_index (list, i);
      g_string_append_printf (out, "%s %s %s:%" G_GINT64_FORMAT " %d\n", c->entity, c->row_id,
                              c->device, c->seq, c->ordered);
    }
  return g_string_free (out, FALSE);
}

/* The lock of @year on @store holds exactly @figures. */
static void
assert_frozen (BfStore *store, int year, const char *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfYearLock) lock = bf_year_lock_find (store, year, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lock->figures, ==, figures);
}

static gint64
in_year (const char *figures, const char *member)
{
  g_autoptr(JsonNode) root = json_from_string (figures, NULL);
  JsonObject *object = json_object_get_object_member (json_node_get_object (root), "in_year");
  return json_object_get_int_member (object, member);
}

static void
test_lock_then_corrections_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfYearLock) lock = NULL;
  g_autoptr(BfPayment) payment = g_new0 (BfPayment, 1);
  g_autoptr(GPtrArray) on_a = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *now = NULL;
  g_autofree char *hub_list = NULL;
  g_autofree char *a_list = NULL;
  g_autofree char *b_list = NULL;

  /* The year's work, synced; then district staff lock 2016 and sync the lock. */
  add_visit (f, f->a, "2016-05-01");
  sync_store (f, f->a);
  tick (f);
  g_assert_true (bf_year_lock_create (f->a, 2016, &lock, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lock->locked_by, ==, "qu");
  figures = g_strdup (lock->figures);
  g_assert_cmpint (in_year (figures, "visits"), ==, 1);
  g_assert_cmpint (in_year (figures, "visits_fen"), ==, 20000);
  {
    /* The assessment's town table is frozen with it: one district-standard household. */
    g_autoptr(JsonNode) root = json_from_string (figures, NULL);
    JsonObject *assessment = json_object_get_object_member (json_node_get_object (root), "assessment");
    JsonObject *district = json_object_get_object_member (assessment, "district");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (district, "households"),
                                                 "kunnan"), ==, 1);
  }
  sync_store (f, f->a);

  /* The cadre, offline and unaware, records a December 2016 visit and one of 2017. */
  add_visit (f, f->b, "2016-12-20");
  add_visit (f, f->b, "2017-02-01");
  g_assert_cmpint (bf_corrections_count (f->b, 2016, NULL), ==, 0);
  sync_store (f, f->b);
  /* The hub ordered the 2016 visit after the lock: kept, and flagged on the hub and on b. */
  g_assert_cmpint (bf_store_count (f->hub, BF_ENTITY_VISIT, NULL), ==, 3);
  g_assert_cmpint (bf_corrections_count (f->hub, 2016, NULL), ==, 1);
  g_assert_cmpint (bf_corrections_count (f->b, 2016, NULL), ==, 1);
  g_assert_cmpint (bf_corrections_count (f->hub, 2017, NULL), ==, 0);

  /* Now b knows the lock: its own exit edit in 2016 is flagged before it is sent. */
  tick (f);
  g_assert_true (bf_household_set (f->b, f->household_id, "exit_year", "2016", &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_corrections_count (f->b, 2016, NULL), ==, 2);
  sync_store (f, f->b);

  /* District staff pay a 2016 grant late: flagged on a at once, as not sent yet. */
  tick (f);
  payment->date = g_strdup ("2016-10-01");
  payment->household_id = g_strdup (f->household_id);
  payment->source = BF_SOURCE_DISTRICT;
  payment->amount_fen = 200000;
  g_assert_true (bf_payment_insert (f->a, payment, &error));
  g_assert_no_error (error);
  on_a = bf_corrections_list (f->a, 2016, &error);
  g_assert_cmpuint (on_a->len, ==, 1);
  g_assert_false (((BfCorrection *) g_ptr_array_index (on_a, 0))->ordered);
  g_assert_cmpstr (((BfCorrection *) g_ptr_array_index (on_a, 0))->entity, ==, "payment");

  sync_store (f, f->a);
  sync_store (f, f->b);
  sync_store (f, f->a);

  /* The same corrections everywhere, all ordered now. */
  hub_list = corrections_text (f->hub, 2016);
  a_list = corrections_text (f->a, 2016);
  b_list = corrections_text (f->b, 2016);
  g_test_message ("hub:\n%s", hub_list);
  g_assert_cmpint (bf_corrections_count (f->hub, 2016, NULL), ==, 3);
  g_assert_cmpstr (a_list, ==, hub_list);
  g_assert_cmpstr (b_list, ==, hub_list);
  g_assert_null (strstr (hub_list, " 0\n"));

  /* The locked figures are as frozen, everywhere; the ledger's own moved on. */
  assert_frozen (f->hub, 2016, figures);
  assert_frozen (f->a, 2016, figures);
  assert_frozen (f->b, 2016, figures);
  now = bf_year_figures_compute (f->hub, 2016, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now, !=, figures);
  g_assert_cmpint (in_year (now, "visits"), ==, 2);
  g_assert_cmpint (in_year (now, "payments_fen"), ==, 200000);
  g_assert_cmpint (in_year (now, "exited_households"), ==, 1);
}

static void
test_cadre_cannot_lock (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) plain = open_store (f, "plain.db");
  g_autofree char *id = bf_year_lock_id (2016);
  BfHubWriter cadre = {
    .account = "cadre", .device = bf_store_device_id (f->a), .scope = f->village,
  };
  g_autoptr(BfBatch) outbox = NULL;
  g_autoptr(BfPushResponse) response = NULL;
  BfPushResult *result;

  g_assert_false (bf_year_lock_create (f->b, 2016, NULL, &error));
  g_assert_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "cadre"));
  g_clear_error (&error);
  g_assert_cmpint (bf_store_count (f->b, BF_ENTITY_YEAR_LOCK, NULL), ==, 0);
  g_assert_false (bf_year_lock_create (plain, 2016, NULL, &error));
  g_assert_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* A lock pushed by an account that is not district staff (a doctored device) is refused. */
  g_assert_true (bf_year_lock_create (f->a, 2016, NULL, &error));
  outbox = bf_sync_outbox (f->a, 100, &error);
  response = bf_hub_push_as (f->hub, outbox, &cadre, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->results->len, ==, 1);
  result = g_ptr_array_index (response->results, 0);
  g_assert_cmpint (result->status, ==, BF_PUSH_REJECTED);
  g_assert_nonnull (strstr (result->reason, "district staff"));
  g_assert_cmpint (bf_store_count (f->hub, BF_ENTITY_YEAR_LOCK, NULL), ==, 0);
  test_remove_db (f->dir, "plain.db");
  (void) id;
}

static void
test_lock_twice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfYearLock) lock = NULL;
  g_autofree char *figures = NULL;

  g_assert_true (bf_year_lock_create (f->hub, 2016, &lock, &error));
  g_assert_no_error (error);
  figures = g_strdup (lock->figures);
  g_assert_false (bf_year_lock_create (f->hub, 2016, NULL, &error));
  g_assert_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "already locked"));
  g_clear_error (&error);

  /* The lock reaches a's laptop, which then refuses to lock again too. */
  sync_store (f, f->a);
  g_assert_false (bf_year_lock_create (f->a, 2016, NULL, &error));
  g_assert_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_true (bf_year_lock_create (f->a, 2017, NULL, &error));
  g_assert_no_error (error);

  /* A lock is never edited nor deleted. */
  g_assert_false (bf_store_update_field (f->hub, BF_ENTITY_YEAR_LOCK, lock->id, "figures", "{}", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  g_assert_false (bf_store_delete (f->hub, BF_ENTITY_YEAR_LOCK, lock->id, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  assert_frozen (f->hub, 2016, figures);
  assert_frozen (f->a, 2016, figures);

  /* An unlocked year has no lock to find. */
  g_assert_null (bf_year_lock_find (f->hub, 2018, &error));
  g_assert_error (error, BF_YEAR_LOCK_ERROR, BF_YEAR_LOCK_ERROR_NOT_LOCKED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/year-lock/corrections-sync", test_lock_then_corrections_sync);
  ADD ("/year-lock/cadre-cannot-lock", test_cadre_cannot_lock);
  ADD ("/year-lock/lock-twice", test_lock_twice);
#undef ADD
  return g_test_run ();
}
