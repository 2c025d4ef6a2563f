/* test-sync-pipeline.c: the sync client's pull over many pages, where the request for the
 * next page goes out before the page in hand is applied: every change arrives once and the
 * cursor ends at the hub's newest; an apply that fails, a cancellation and a scope that widens
 * in the middle of the pipeline each leave the store as a plain pull would. The push over many
 * pages, each read while the one before is in flight, sends every change once, also those
 * written while it runs.
 *
 * The server is the in-process one in sync-client-fixture.c; pages of PAGE changes turn the
 * small district (and the visits added to it) into many of them.
 */
#include "bf-config.h"

#include <string.h>

#include "sync-client-fixture.h"

#define PAGE 4
#define EXTRA_VISITS 30

/* Changes the hub has for the cadre "li" (conflicts are the district's) up to @cursor. */
static gint64
hub_changes_upto (Fixture *f, gint64 cursor)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM hub_log WHERE entity <> 'conflict'"
                                          " AND server_seq <= %" G_GINT64_FORMAT, cursor);
  return count (f->hub, sql);
}

static gint64
hub_newest (Fixture *f)
{
  return count (f->hub, "SELECT max(server_seq) FROM hub_log");
}

/* The device holds exactly what the hub sent up to its cursor: one version per row (every row
 * of this district was written once), nothing pending, foreign keys whole. */
static void
assert_consistent (Fixture *f)
{
  gint64 cursor = bf_sync_cursor (f->device, NULL);

  g_assert_cmpint (count (f->device, "SELECT count(*) FROM row_versions"), ==,
                   hub_changes_upto (f, cursor));
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 0);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static void
set_up_pages (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (login (f, "li", "secret", &error));
  g_assert_no_error (error);
  add_visits (f->hub, f->household_a, f->cadre_id, EXTRA_VISITS);
  bf_sync_client_set_page_sizes (f->client, 0, PAGE);
}

typedef struct {
  guint  pages;
  gint64 last_done, last_total;
} PullProgress;

static void
count_pages (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total, PullProgress *p)
{
  g_assert_cmpint (phase, ==, BF_SYNC_PHASE_PULL);
  g_assert_cmpint (done, >=, p->last_done);
  g_assert_cmpint (p->last_total, ==, -1);   /* nothing after the last page */
  p->pages++;
  p->last_done = done;
  p->last_total = total;
}

static void
test_many_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL, again = NULL;
  PullProgress progress = { 0, 0, -1 };
  gint64 expected;

  set_up_pages (f);
  expected = hub_changes_upto (f, hub_newest (f));
  g_assert_cmpint (expected, >, 5 * PAGE);
  g_signal_connect (f->client, "progress", G_CALLBACK (count_pages), &progress);
  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pulled, ==, (guint64) expected);
  g_assert_cmpuint (progress.pages, >=, (guint) (expected / PAGE));
  g_assert_cmpint (progress.last_done, ==, expected);
  g_assert_cmpint (progress.last_total, ==, expected);
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, hub_newest (f));
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM visits"), ==,
                   count (f->hub, "SELECT count(*) FROM visits"));
  assert_consistent (f);
  g_assert_cmpint (bf_sync_client_get_state (f->client), ==, BF_SYNC_STATE_SYNCED);

  /* Nothing new: one page, nothing pulled. */
  g_signal_handlers_disconnect_by_func (f->client, count_pages, &progress);
  again = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->pulled, ==, 0);
}

/* A page that cannot be applied fails the sync with the store's error; the request already
 * out for the next page is dropped, and the pages before it stay applied. */
static void
test_apply_fails (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  BfVisit *visit = g_new0 (BfVisit, 1);
  gint64 cursor;

  set_up_pages (f);
  visit->household_id = g_strdup (f->household_b);
  visit->cadre_id = g_strdup (f->cadre_id);
  visit->date = g_strdup ("2016-08-01");
  visit->description = g_strdup ("毒");
  g_free (insert (f->hub, BF_ENTITY_VISIT, visit));
  add_visits (f->hub, f->household_a, f->cadre_id, 3 * PAGE);
  g_assert_true (bf_store_exec (f->device,
                                "CREATE TRIGGER poison BEFORE INSERT ON visits"
                                " WHEN NEW.description = '毒'"
                                " BEGIN SELECT RAISE(ABORT, 'the test refuses this visit'); END",
                                NULL));

  summary = sync_once (f, &error);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL));
  g_assert_null (summary);
  g_assert_cmpint (bf_sync_client_get_state (f->client), ==, BF_SYNC_STATE_ERROR);
  g_assert_false (bf_sync_client_get_busy (f->client));
  cursor = bf_sync_cursor (f->device, NULL);
  g_assert_cmpint (cursor, >, 0);
  g_assert_cmpint (cursor, <, hub_newest (f));
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM visits WHERE description = '毒'"), ==, 0);
  assert_consistent (f);
  g_clear_error (&error);

  /* Once the store takes it, the next sync carries on from the cursor. */
  g_assert_true (bf_store_exec (f->device, "DROP TRIGGER poison", NULL));
  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pulled, ==, (guint64) (hub_changes_upto (f, hub_newest (f)) -
                                                    hub_changes_upto (f, cursor)));
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, hub_newest (f));
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM visits"), ==,
                   count (f->hub, "SELECT count(*) FROM visits"));
  assert_consistent (f);
}

static void
cancel_after_first_page (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total,
                         GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* Cancelled after the first page: the answer to the request already out is not applied. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  gulong handler;
  gint64 cursor;

  set_up_pages (f);
  handler = g_signal_connect (f->client, "progress", G_CALLBACK (cancel_after_first_page),
                              cancellable);
  bf_sync_client_sync_async (f->client, cancellable, got_result, &result);
  summary = bf_sync_client_sync_finish (f->client, wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (summary);
  g_assert_false (bf_sync_client_get_busy (f->client));
  g_assert_cmpint (bf_sync_client_get_state (f->client), ==, BF_SYNC_STATE_OFFLINE);
  cursor = bf_sync_cursor (f->device, NULL);
  g_assert_cmpint (cursor, >, 0);
  g_assert_cmpint (hub_changes_upto (f, cursor), ==, PAGE);   /* the first page, no more */
  assert_consistent (f);
  g_signal_handler_disconnect (f->client, handler);
  g_clear_error (&error);

  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pulled, ==, (guint64) (hub_changes_upto (f, hub_newest (f)) - PAGE));
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, hub_newest (f));
  assert_consistent (f);
}

static void
cut_next_answer (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total, Fixture *f)
{
  if (done == PAGE)
    f->cut_off = "/v1/pull";
}

/* The connection breaks while the next page is on its way: the page in hand is applied, the
 * sync fails as offline, and the next one carries on from there. */
static void
test_answer_cut_off (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  gulong handler;
  gint64 cursor;

  set_up_pages (f);
  handler = g_signal_connect (f->client, "progress", G_CALLBACK (cut_next_answer), f);
  summary = sync_once (f, &error);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_NETWORK);
  g_assert_null (summary);
  g_assert_cmpint (bf_sync_client_get_state (f->client), ==, BF_SYNC_STATE_OFFLINE);
  /* The cut answer is the next page's, or the one after if the server had answered that
   * already (it may, before the page in hand is applied): every page before it is in. */
  cursor = bf_sync_cursor (f->device, NULL);
  g_assert_cmpint (hub_changes_upto (f, cursor), >=, PAGE);
  g_assert_cmpint (hub_changes_upto (f, cursor), <=, 2 * PAGE);
  g_assert_cmpint (hub_changes_upto (f, cursor) % PAGE, ==, 0);
  assert_consistent (f);
  g_signal_handler_disconnect (f->client, handler);
  g_clear_error (&error);

  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, hub_newest (f));
  assert_consistent (f);
}

static void
widen_after_first_page (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total,
                        Fixture *f)
{
  if (f->cadre_scope->village_ids->len == 1)
    bf_scope_add_village (f->cadre_scope, f->village_b);
}

/* The scope widens while the next page is asked for: that answer is dropped and the pull
 * starts over, ending with everything of both villages. */
static void
test_scope_widens (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;

  g_ptr_array_remove_index (f->cadre_scope->village_ids, 1);   /* village A only */
  set_up_pages (f);
  g_signal_connect (f->client, "progress", G_CALLBACK (widen_after_first_page), f);
  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->cadre_scope->village_ids->len, ==, 2);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_HOUSEHOLD, NULL), ==, 3);
  g_assert_cmpint (bf_store_count (f->device, BF_ENTITY_VILLAGE_INCOME, NULL), ==, 1);
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, hub_newest (f));
  assert_consistent (f);
}

/* A malformed scope fails the pull as malformed, with nothing of its page applied. */
static void
test_malformed_scope (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;

  set_up_pages (f);
  g_ptr_array_add (f->cadre_scope->village_ids, g_strdup ("not-a-uuid"));
  summary = sync_once (f, &error);
  g_assert_error (error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "malformed"));
  g_assert_cmpint (bf_sync_cursor (f->device, NULL), ==, 0);
}

/* The scope read from a pulled page's own parse follows the rules of the sign-in's (json-glib)
 * reading, scope by scope, the malformed ones included. */
static void
test_scope_rules (void)
{
#define UUID "0190f1a2-3b4c-7d5e-8f60-718293a4b5c6"
  static const char * const scopes[] = {
    "{\"district\":true}", "{\"district\":false,\"towns\":[\"" UUID "\"]}",
    "{\"district\":1.5,\"villages\":[\"" UUID "\"]}", "{\"towns\":null,\"villages\":[]}",
    "{\"towns\":[],\"villages\":[\"" UUID "\",\"" UUID "\"],\"extra\":{\"a\":[1,2.5,null]}}",
    "{}",
    "[]", "\"district\"", "null", "{\"villages\":[\"not-a-uuid\"]}",
    "{\"villages\":[1]}", "{\"towns\":{}}", "{\"villages\":\"" UUID "\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(BfJsonTree) tree = NULL;
      g_autoptr(BfScope) by_json = NULL, by_tree = NULL;
      g_autoptr(GError) json_error = NULL, tree_error = NULL;

      g_assert_true (json_parser_load_from_data (parser, scopes[i], -1, NULL));
      tree = bf_json_tree_parse ((const guint8 *) scopes[i], strlen (scopes[i]), 4096, 8, NULL);
      g_assert_nonnull (tree);
      by_json = bf_sync_scope_from_json (json_parser_get_root (parser), &json_error);
      by_tree = bf_sync_scope_from_tree (bf_json_tree_root (tree), &tree_error);
      g_assert_true ((by_json != NULL) == (i < 6));   /* the first six are well formed */
      g_assert_true ((by_json == NULL) == (by_tree == NULL));
      if (by_json == NULL)
        {
          g_assert_error (tree_error, BF_SYNC_CLIENT_ERROR, BF_SYNC_CLIENT_ERROR_PROTOCOL);
          g_assert_cmpstr (tree_error->message, ==, json_error->message);
          continue;
        }
      g_assert_cmpint (by_tree->district, ==, by_json->district);
      g_assert_cmpuint (by_tree->town_ids->len, ==, by_json->town_ids->len);
      g_assert_cmpuint (by_tree->village_ids->len, ==, by_json->village_ids->len);
      for (guint j = 0; j < by_json->village_ids->len; j++)
        g_assert_cmpstr (g_ptr_array_index (by_tree->village_ids, j), ==,
                         g_ptr_array_index (by_json->village_ids, j));
    }
  g_assert_null (bf_sync_scope_from_tree (NULL, NULL));
#undef UUID
}

typedef struct {
  Fixture *f;
  guint    pages;
} PushProgress;

/* Writes one more visit while each push page is under way: it must go too, once. */
static void
write_during_push (BfSyncClient *client, BfSyncPhase phase, gint64 done, gint64 total,
                   PushProgress *p)
{
  if (phase != BF_SYNC_PHASE_PUSH)
    return;
  if (p->pages++ < 3)
    add_visits (p->f->device, p->f->household_a, p->f->cadre_id, 1);
}

static void
test_push_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) first = NULL, summary = NULL, again = NULL;
  g_autofree char *sql = NULL;
  PushProgress progress = { f, 0 };
  gint64 hub_visits;

  g_assert_true (login (f, "li", "secret", &error));
  g_assert_no_error (error);
  first = sync_once (f, &error);
  g_assert_no_error (error);
  hub_visits = count (f->hub, "SELECT count(*) FROM visits");
  bf_sync_client_set_page_sizes (f->client, PAGE, 0);
  add_visits (f->device, f->household_a, f->cadre_id, EXTRA_VISITS);
  g_signal_connect (f->client, "progress", G_CALLBACK (write_during_push), &progress);
  summary = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.pages, >=, EXTRA_VISITS / PAGE);
  g_assert_cmpuint (summary->pushed, ==, EXTRA_VISITS + 3);
  g_assert_cmpuint (summary->rejected, ==, 0);
  g_assert_cmpint (bf_sync_count_pending (f->device, NULL), ==, 0);
  g_assert_cmpint (count (f->hub, "SELECT count(*) FROM visits"), ==, hub_visits + EXTRA_VISITS + 3);
  sql = g_strdup_printf ("SELECT count(*) FROM hub_log WHERE device = '%s'",
                         bf_store_device_id (f->device));
  g_assert_cmpint (count (f->hub, sql), ==, EXTRA_VISITS + 3);
  g_assert_cmpint (count (f->device, "SELECT count(*) FROM visits"), ==,
                   count (f->hub, "SELECT count(*) FROM visits"));

  g_signal_handlers_disconnect_by_func (f->client, write_during_push, &progress);
  again = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->pushed, ==, 0);
}

/* The push's pages are spliced from the change log; they must be the bytes the encoder makes
 * of the same changes, whatever they hold: creations, edits with their bases, a delete, an
 * author or none, a clamped clock — and from any starting point. */
static void
test_outbox_spliced (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) all = NULL;
  g_autoptr(BfSyncSummary) first = NULL;
  gint64 visit_seq;

  g_assert_true (login (f, "li", "secret", &error));
  g_assert_no_error (error);
  first = sync_once (f, &error);
  g_assert_no_error (error);
  g_assert_true (bf_store_set_author (f->device, "李", &error));
  add_visits (f->device, f->household_a, f->cadre_id, 3);
  g_assert_true (bf_household_set (f->device, f->household_a, "address", "第三村民小组“12”号\\",
                                   &error));
  g_assert_true (bf_store_set_author (f->device, NULL, &error));
  g_assert_true (bf_household_set (f->device, f->household_b, "phone", NULL, &error));
  visit_seq = count (f->device, "SELECT min(seq) FROM change_log WHERE entity = 'visit'");
  g_assert_true (bf_store_exec (f->device, "UPDATE change_log SET clamped = 1"
                                " WHERE seq = (SELECT max(seq) FROM change_log)", &error));
  g_assert_no_error (error);
  all = bf_sync_outbox (f->device, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->changes->len, >=, 5);

  for (gint64 after = 0; after <= visit_seq + 1; after++)
    for (guint limit = 1; limit <= all->changes->len + 1; limit += 2)
      {
        g_autoptr(BfBatch) batch = bf_sync_outbox_after (f->device, after, limit, &error);
        g_autoptr(GBytes) encoded = bf_batch_encode (batch);
        g_autoptr(GBytes) spliced = NULL;
        guint n = 0;
        gint64 last = -1;

        spliced = bf_sync_outbox_encoded (f->device, after, limit, &n, &last, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (n, ==, batch->changes->len);
        if (n > 0)
          {
            const BfChange *newest = g_ptr_array_index (batch->changes, n - 1);
            g_assert_cmpint (last, ==, newest->seq);
          }
        g_assert_cmpmem (g_bytes_get_data (spliced, NULL), g_bytes_get_size (spliced),
                         g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded));
      }
}

int
main (int argc, char **argv)
{
  fixture_test_init (&argc, &argv);

  g_test_add_func ("/sync-pipeline/scope-rules", test_scope_rules);
  FIXTURE_ADD ("/sync-pipeline/many-pages", test_many_pages);
  FIXTURE_ADD ("/sync-pipeline/apply-fails", test_apply_fails);
  FIXTURE_ADD ("/sync-pipeline/cancel", test_cancel);
  FIXTURE_ADD ("/sync-pipeline/answer-cut-off", test_answer_cut_off);
  FIXTURE_ADD ("/sync-pipeline/scope-widens", test_scope_widens);
  FIXTURE_ADD ("/sync-pipeline/malformed-scope", test_malformed_scope);
  FIXTURE_ADD ("/sync-pipeline/push-pages", test_push_pages);
  FIXTURE_ADD ("/sync-pipeline/outbox-spliced", test_outbox_spliced);
  return g_test_run ();
}
