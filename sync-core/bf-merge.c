/* bf-merge.c: merging a duplicate household (KEEP ← RETIRE).
 *
 * Visits and payments are append-only: the ledger corrects them by voiding, never by editing.
 * A merge still re-points them (an edit of household_id, logged and synced like any other)
 * rather than leaving every reader to resolve RETIRE through the merge pointer: the
 * assessment, the list, the card, the reports and the other district offices' tools all count
 * by household_id, and one edit at the merge is simpler than a join in each of them forever.
 * Nobody else ever edits a visit, so the edit cannot conflict; the hub accepts exactly this
 * edit of an append-only record (bf_merge_is_repoint) and only from district staff.
 */
#include "bf-config.h"
#include "bf-merge-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-accounts.h"
#include "bf-uuid.h"

G_DEFINE_QUARK (bf-merge-error-quark, bf_merge_error)

/* Merge pointers are followed at most this far: a longer chain is a damaged file. */
#define MAX_CHAIN 64

/* A literal of its own: the look-up memo knows statements by address. */
static const char merged_into_sql[] = "SELECT merged_into FROM households WHERE id = ?";

char *
bf_merge_resolve (BfStore *store, const char *household_id, GError **error)
{
  g_autofree char *current = g_strdup (household_id);

  for (guint hops = 0; hops < MAX_CHAIN; hops++)
    {
      g_autofree char *next = NULL;

      if (!bf_store_query_text_memo (store, merged_into_sql, current, &next, error))
        return NULL;
      if (next == NULL)
        return g_steal_pointer (&current);
      g_free (current);
      current = g_steal_pointer (&next);
    }
  g_set_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_CYCLE,
               _("The households merged into one another go round in a circle (from “%s”)"),
               household_id);
  return NULL;
}

/* Sets one field as a logged change. For visits and payments (append-only) the same steps as
 * bf_store_update_field without its refusal: only the merge re-points them. Writes nothing
 * when the field holds the value already. */
static gboolean
set_field (BfStore *store, BfEntityKind kind, const char *id, const char *field_name,
           const char *value, GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);
  const BfFieldDef *field = bf_entity_field (def, field_name);
  g_autoptr(BfChange) change = NULL;
  g_autofree char *current = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *base = NULL;
  BfCheckContext context;
  gpointer record;
  gboolean ok;

  g_return_val_if_fail (field != NULL, FALSE);
  record = bf_store_get (store, kind, id, error);
  if (record == NULL)
    return FALSE;
  current = bf_record_get_text (field, record);
  if (g_strcmp0 (current, value) == 0)
    {
      bf_record_free (kind, record);
      return TRUE;
    }
  if (!def->append_only)
    {
      bf_record_free (kind, record);
      return bf_store_update_field (store, kind, id, field_name, value, error);
    }
  bf_store_get_check_context (store, &context);
  ok = bf_record_set_text (field, record, value, error) &&
       bf_record_check (kind, record, &context, error) &&
       bf_store_check_references (store, kind, record, error) &&
       bf_store_begin (store, error);
  if (ok)
    {
      canonical = bf_record_get_text (field, record);
      ok = bf_sync_keep_shadow (store, kind, id, field_name, error) &&
           (base = bf_sync_local_base (store, kind, id, field_name, error), TRUE) &&
           bf_store_write_field_text (store, kind, id, field_name, canonical, error);
      if (ok)
        {
          change = bf_change_new (NULL, 0, 0, kind, id);
          bf_change_add_field (change, field_name, canonical, base);
          ok = bf_sync_log_local (store, change, error);
        }
      if (ok)
        ok = bf_store_commit (store, error);
      else
        bf_store_rollback (store);
    }
  bf_record_free (kind, record);
  return ok;
}

gboolean
bf_merge_set_household (BfStore *store, BfEntityKind kind, const char *row_id,
                        const char *keep_id, GError **error)
{
  return set_field (store, kind, row_id, "household_id", keep_id, error);
}

static gboolean
keep_has (BfStore *store, const char *sql, const char *keep_id, const char *value,
          gboolean *out, GError **error)
{
  g_autofree char *found = NULL;

  if (!bf_store_query_text (store, &found, error, sql, keep_id, value, NULL))
    return FALSE;
  *out = found != NULL;
  return TRUE;
}

gboolean
bf_merge_move_member (BfStore *store, const char *keep_id, const BfMember *member,
                      BfMergeReport *report, GError **error)
{
  gboolean same_person = FALSE, has_head = FALSE;

  if (member->id_number != NULL &&
      !keep_has (store, "SELECT id FROM members WHERE household_id = ? AND id_number = ?"
                        " AND deleted = 0", keep_id, member->id_number, &same_person, error))
    return FALSE;
  if (same_person)
    {
      /* One person registered in both households: KEEP's entry stands; RETIRE's is deleted
       * (a tombstone that syncs), its history stays in the logs. */
      report->members_merged++;
      return bf_store_delete (store, BF_ENTITY_MEMBER, member->id, error);
    }
  if (member->relation == BF_RELATION_HEAD &&
      !keep_has (store, "SELECT id FROM members WHERE household_id = ? AND relation = ?"
                        " AND deleted = 0", keep_id, "head", &has_head, error))
    return FALSE;
  /* A household has one head: RETIRE's becomes "other" in KEEP, for the district to fix. */
  if (has_head && !set_field (store, BF_ENTITY_MEMBER, member->id, "relation", "other", error))
    return FALSE;
  report->members_moved++;
  return set_field (store, BF_ENTITY_MEMBER, member->id, "household_id", keep_id, error);
}

gboolean
bf_merge_note_conflict (BfStore *store, BfEntityKind entity, const char *row_id,
                        const char *field, const char *kept_value, const char *other_value,
                        const char *other_version, const char *other_author, gint64 other_hlc,
                        const char *origin, GError **error)
{
  g_autofree char *key = g_strconcat ("merge-conflict:", origin, NULL);
  g_autoptr(BfConflict) conflict = g_new0 (BfConflict, 1);
  gboolean found = FALSE, deleted = FALSE;
  BfVersion kept = { NULL };

  conflict->id = bf_uuid_for_name (key);
  if (!bf_store_row_state (store, BF_ENTITY_CONFLICT, conflict->id, &found, &deleted, error))
    return FALSE;
  if (found)
    return TRUE;   /* this store noted it already */
  if (!bf_sync_confirmed_version (store, entity, row_id, field, &kept, &found, error))
    return FALSE;
  conflict->entity = g_strdup (bf_entity_def (entity)->name);
  conflict->row_id = g_strdup (row_id);
  conflict->field = g_strdup (field);
  conflict->kept_value = g_strdup (kept_value);
  conflict->kept_version = found ? bf_version_string (&kept) : NULL;
  conflict->kept_hlc = found ? (gint64) kept.hlc : 0;
  conflict->other_value = g_strdup (other_value);
  conflict->other_version = g_strdup (other_version);
  conflict->other_author = g_strdup (other_author);
  conflict->other_hlc = other_hlc;
  conflict->status = BF_CONFLICT_OPEN;
  bf_version_clear (&kept);
  return bf_conflict_insert (store, conflict, error);
}

/* Incomes are keyed by (household, year) — the row id derives from both — so they are not
 * re-pointed: KEEP gets a row of its own for each year it lacks; RETIRE's rows stay as its
 * history. A year both have with different figures keeps KEEP's and records RETIRE's as a
 * conflict on KEEP's row, so the district chooses with the tools it has for conflicts. */
gboolean
bf_merge_move_income (BfStore *store, const char *keep_id, const BfHouseholdIncome *income,
                      BfMergeReport *report, GError **error)
{
  g_autofree char *year = g_strdup_printf ("%d", income->year);
  g_autofree char *kept_id = NULL;
  g_autofree char *kept_value = NULL;
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, income->per_capita_fen);
  g_autofree char *origin = NULL;
  g_autofree char *version = NULL;
  BfVersion other = { NULL };
  gboolean found = FALSE;
  gboolean ok;

  if (!bf_store_query_text (store, &kept_id, error,
                            "SELECT id FROM household_incomes WHERE household_id = ? AND year = ?"
                            " AND deleted = 0", keep_id, year, NULL))
    return FALSE;
  if (kept_id == NULL)
    {
      g_autoptr(BfHouseholdIncome) copy = g_new0 (BfHouseholdIncome, 1);

      copy->id = bf_household_income_id (keep_id, income->year);
      copy->household_id = g_strdup (keep_id);
      copy->year = income->year;
      copy->per_capita_fen = income->per_capita_fen;
      report->incomes_copied++;
      return bf_household_income_insert (store, copy, error);
    }
  if (!bf_store_query_text (store, &kept_value, error,
                            "SELECT per_capita_fen FROM household_incomes WHERE id = ?",
                            kept_id, NULL))
    return FALSE;
  if (g_strcmp0 (kept_value, value) == 0)
    return TRUE;
  report->incomes_differing++;
  if (!bf_sync_confirmed_version (store, BF_ENTITY_HOUSEHOLD_INCOME, income->id, "per_capita_fen",
                                  &other, &found, error))
    return FALSE;
  version = found ? bf_version_string (&other) : NULL;
  origin = g_strdup_printf ("income:%s:%s:%s", kept_id, income->id, value);
  ok = bf_merge_note_conflict (store, BF_ENTITY_HOUSEHOLD_INCOME, kept_id, "per_capita_fen",
                               kept_value, value, version, NULL, found ? (gint64) other.hlc : 0,
                               origin, error);
  bf_version_clear (&other);
  return ok;
}

gboolean
bf_merge_move_all (BfStore *store, const char *keep_id, const char *retire_id,
                   BfMergeReport *report, GError **error)
{
  static const struct {
    BfEntityKind kind;
    gsize        counter;
  } moved[] = {
    { BF_ENTITY_PAIRING, G_STRUCT_OFFSET (BfMergeReport, pairings_moved) },
    { BF_ENTITY_VISIT, G_STRUCT_OFFSET (BfMergeReport, visits_moved) },
    { BF_ENTITY_PAYMENT, G_STRUCT_OFFSET (BfMergeReport, payments_moved) },
  };
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) incomes = NULL;

  members = bf_store_list (store, BF_ENTITY_MEMBER, "household_id", retire_id, error);
  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    if (!bf_merge_move_member (store, keep_id, g_ptr_array_index (members, i), report, error))
      return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (moved); k++)
    {
      g_autoptr(GPtrArray) rows = bf_store_list (store, moved[k].kind, "household_id", retire_id,
                                                 error);
      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        if (!bf_merge_set_household (store, moved[k].kind,
                                     bf_record_id (g_ptr_array_index (rows, i)), keep_id, error))
          return FALSE;
      G_STRUCT_MEMBER (guint, report, moved[k].counter) += rows->len;
    }
  incomes = bf_store_list (store, BF_ENTITY_HOUSEHOLD_INCOME, "household_id", retire_id, error);
  if (incomes == NULL)
    return FALSE;
  for (guint i = 0; i < incomes->len; i++)
    if (!bf_merge_move_income (store, keep_id, g_ptr_array_index (incomes, i), report, error))
      return FALSE;
  return TRUE;
}

/* The hub merges for the office; a device only when its signed-in account is district staff.
 * The hub checks again when the merge arrives (bf_merge_refusal). */
static gboolean
may_merge (BfStore *store, GError **error)
{
  g_autofree char *role = NULL;
  int parsed;

  if (bf_store_is_hub (store))
    return TRUE;
  role = bf_store_get_meta (store, "account_role");
  parsed = role != NULL ? bf_role_from_string (role) : -1;
  if (parsed >= 0 && bf_role_is_district ((BfRole) parsed))
    return TRUE;
  g_set_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_NOT_ALLOWED,
               role == NULL ? _("Only district staff merge households: sign this device in with a district account first")
                            : _("Only district staff merge households; this device is signed in as “%s”"),
               role);
  return FALSE;
}

gboolean
bf_merge_households (BfStore *store, const char *keep_id, const char *retire_id,
                     BfMergeReport *out_report, GError **error)
{
  g_autoptr(BfHousehold) keep = NULL;
  g_autoptr(BfHousehold) retire = NULL;
  BfMergeReport report = { 0 };

  if (!may_merge (store, error))
    return FALSE;
  if (g_strcmp0 (keep_id, retire_id) == 0)
    {
      g_set_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_SAME,
                   _("A household cannot be merged into itself"));
      return FALSE;
    }
  keep = bf_household_get (store, keep_id, error);
  if (keep == NULL)
    return FALSE;
  retire = bf_household_get (store, retire_id, error);
  if (retire == NULL)
    return FALSE;
  if (keep->merged_into != NULL)
    {
      g_set_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_RETIRED,
                   _("Household “%s” (%s) was itself merged into “%s”: merge into that one instead"),
                   keep->id, keep->head_name, keep->merged_into);
      return FALSE;
    }
  if (retire->merged_into != NULL)
    {
      g_set_error (error, BF_MERGE_ERROR, BF_MERGE_ERROR_RETIRED,
                   _("Household “%s” (%s) was merged into “%s” already"),
                   retire->id, retire->head_name, retire->merged_into);
      return FALSE;
    }
  if (!bf_store_begin (store, error))
    return FALSE;
  /* The pointer first: on the hub, whatever arrives after it for RETIRE is forwarded. */
  if (!set_field (store, BF_ENTITY_HOUSEHOLD, retire_id, "merged_into", keep_id, error) ||
      !bf_merge_move_all (store, keep_id, retire_id, &report, error) ||
      !bf_store_commit (store, error))
    {
      bf_store_rollback (store);
      return FALSE;
    }
  if (out_report != NULL)
    *out_report = report;
  return TRUE;
}
