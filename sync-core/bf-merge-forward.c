/* bf-merge-forward.c: the hub's side of a merge — late changes for a retired household.
 *
 * A device that had not synced when the district merged RETIRE into KEEP still sends what its
 * cadre recorded for RETIRE: a visit, a new member, an edit of the card. Refusing them would
 * lose a real visit; applying them to RETIRE alone would hide them (RETIRE is out of every
 * list). So the hub accepts the change as sent — the device's own log stays true, and its
 * echo settles as usual — and then forwards it with changes of its own, ordered right after:
 * the record moves on to KEEP, the card's edit applies to KEEP. Every store applies the hub's
 * log in its order, so each ends where the hub is.
 *
 * A card edit applies to KEEP when KEEP's value is the one the device saw on RETIRE (or
 * empty): it is a plain update of what both cards said. When KEEP's value differs, the
 * district chose KEEP's at the merge and the device did not know: KEEP's value stands and a
 * conflict record keeps the device's, for review in the conflicts list.
 */
#include "bf-config.h"
#include "bf-merge-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-validate.h"

/* Whether @target is on @household_id's chain of merge pointers (itself included). */
static gboolean
on_chain (BfStore *store, const char *household_id, const char *target)
{
  g_autofree char *current = g_strdup (household_id);

  for (guint hops = 0; current != NULL && hops < 64; hops++)
    {
      char *next = NULL;

      if (g_strcmp0 (current, target) == 0)
        return TRUE;
      if (!bf_store_query_text (store, &next, NULL,
                                "SELECT merged_into FROM households WHERE id = ?", current, NULL))
        return FALSE;
      g_free (current);
      current = next;
    }
  return FALSE;
}

static char *
row_household (BfStore *store, BfEntityKind kind, const char *row_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT household_id FROM %s WHERE id = ?",
                                          bf_entity_def (kind)->table);
  char *household_id = NULL;

  bf_store_query_text (store, &household_id, NULL, sql, row_id, NULL);
  return household_id;
}

gboolean
bf_merge_is_repoint (BfStore *store, const BfChange *change)
{
  const BfFieldChange *field;
  g_autofree char *current = NULL;

  if (!bf_entity_def (change->entity)->append_only || bf_change_is_creation (change) ||
      change->fields->len != 1)
    return FALSE;
  field = g_ptr_array_index (change->fields, 0);
  if (strcmp (field->name, "household_id") != 0 || field->value == NULL)
    return FALSE;
  current = row_household (store, change->entity, change->row_id);
  return current != NULL && on_chain (store, current, field->value);
}

char *
bf_merge_refusal (BfStore *store, const BfChange *change, gboolean district)
{
  const BfFieldChange *pointer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *end = NULL;

  if (bf_entity_def (change->entity)->append_only && !bf_change_is_creation (change) &&
      bf_merge_is_repoint (store, change))
    return district ? NULL : g_strdup (_("Only district staff merge households"));
  if (change->entity != BF_ENTITY_HOUSEHOLD)
    return NULL;
  pointer = bf_change_get_field (change, "merged_into");
  if (pointer == NULL)
    return NULL;
  if (!district)
    return g_strdup (_("Only district staff merge households"));
  if (pointer->value == NULL)
    return NULL;   /* undoing a merge */
  /* Two offices merging A into B and B into A offline: the second would close a circle. */
  end = bf_merge_resolve (store, pointer->value, &error);
  if (end == NULL)
    return g_strdup (error ? error->message : _("The household merged into does not exist"));
  if (strcmp (end, change->row_id) == 0)
    return g_strdup_printf (_("Household “%s” was merged into this one already; a household cannot be merged into itself"),
                            pointer->value);
  return NULL;
}

gboolean
bf_merge_forward_prepare (BfStore *hub, const BfChange *change, BfHousehold **out_before,
                          GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean deleted = FALSE;
  BfHousehold *before;

  *out_before = NULL;
  if (change->entity != BF_ENTITY_HOUSEHOLD || bf_change_is_creation (change) ||
      bf_change_get_field (change, "merged_into") != NULL)
    return TRUE;
  before = bf_store_get_any (hub, BF_ENTITY_HOUSEHOLD, change->row_id, &deleted, &local_error);
  if (before == NULL)
    {
      if (g_error_matches (local_error, BF_STORE_ERROR, BF_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (before->merged_into == NULL)
    bf_household_free (before);
  else
    *out_before = before;
  return TRUE;
}

/* One edited field of RETIRE's card, applied to KEEP or kept as a conflict (see the top). */
static gboolean
forward_card_field (BfStore *hub, const BfChange *change, const BfFieldChange *field,
                    const BfHousehold *before, const BfHousehold *keep, GError **error)
{
  const BfFieldDef *def = bf_entity_field (bf_entity_def (BF_ENTITY_HOUSEHOLD), field->name);
  g_autofree char *seen = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *version = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GError) refused = NULL;

  if (def == NULL || strcmp (field->name, "merged_into") == 0)
    return TRUE;
  seen = bf_record_get_text (def, before);
  kept = bf_record_get_text (def, keep);
  if (g_strcmp0 (kept, field->value) == 0)
    return TRUE;
  if (kept == NULL || g_strcmp0 (kept, seen) == 0)
    {
      if (bf_store_update_field (hub, BF_ENTITY_HOUSEHOLD, keep->id, field->name, field->value,
                                 &refused))
        return TRUE;
      /* A value RETIRE could take but KEEP cannot (a rule across fields): keep it as a
       * conflict rather than lose it. A database error is an error. */
      if (refused->domain != BF_VALIDATE_ERROR &&
          !g_error_matches (refused, BF_STORE_ERROR, BF_STORE_ERROR_REFERENCE))
        {
          g_propagate_error (error, g_steal_pointer (&refused));
          return FALSE;
        }
    }
  version = bf_change_version (change);
  origin = g_strdup_printf ("card:%s:%s", version, field->name);
  return bf_merge_note_conflict (hub, BF_ENTITY_HOUSEHOLD, keep->id, field->name, kept,
                                 field->value, version, change->author, (gint64) change->hlc,
                                 origin, error);
}

static gboolean
forward_card (BfStore *hub, const BfChange *change, const BfHousehold *before, GError **error)
{
  g_autofree char *keep_id = bf_merge_resolve (hub, change->row_id, error);
  g_autoptr(BfHousehold) keep = NULL;

  if (keep_id == NULL)
    return FALSE;
  if (strcmp (keep_id, change->row_id) == 0)
    return TRUE;   /* the change itself undid the merge */
  keep = bf_household_get (hub, keep_id, error);
  if (keep == NULL)
    return FALSE;
  for (guint i = 0; i < change->fields->len; i++)
    if (!forward_card_field (hub, change, g_ptr_array_index (change->fields, i), before, keep,
                             error))
      return FALSE;
  return TRUE;
}

/* The household that stands for the one @change's row belongs to, when that one is merged. */
static gboolean
merged_target (BfStore *hub, const char *household_id, char **out_keep, GError **error)
{
  g_autofree char *keep = NULL;

  *out_keep = NULL;
  if (household_id == NULL)
    return TRUE;
  keep = bf_merge_resolve (hub, household_id, error);
  if (keep == NULL)
    return FALSE;
  if (strcmp (keep, household_id) != 0)
    *out_keep = g_steal_pointer (&keep);
  return TRUE;
}

gboolean
bf_merge_forward (BfStore *hub, const BfChange *change, const BfHousehold *before,
                  GError **error)
{
  BfMergeReport report = { 0 };
  g_autofree char *household_id = NULL;
  g_autofree char *keep_id = NULL;
  const BfFieldChange *pointer;

  switch (change->entity)
    {
    case BF_ENTITY_HOUSEHOLD:
      pointer = bf_change_get_field (change, "merged_into");
      if (pointer != NULL && pointer->value != NULL)
        {
          /* A merge made on a district device: what the hub holds for RETIRE that the device
           * did not (a visit that arrived meanwhile) moves too. The device's own moves, when
           * they arrive, find everything in place. */
          keep_id = bf_merge_resolve (hub, pointer->value, error);
          return keep_id != NULL && bf_merge_move_all (hub, keep_id, change->row_id, &report, error);
        }
      return before == NULL || forward_card (hub, change, before, error);

    case BF_ENTITY_MEMBER:
      {
        g_autoptr(BfMember) member = NULL;

        if (bf_change_get_field (change, "household_id") == NULL)
          return TRUE;
        member = bf_member_get (hub, change->row_id, NULL);
        if (member == NULL || !merged_target (hub, member->household_id, &keep_id, error))
          return member == NULL;
        return keep_id == NULL || bf_merge_move_member (hub, keep_id, member, &report, error);
      }

    case BF_ENTITY_PAIRING:
    case BF_ENTITY_VISIT:
    case BF_ENTITY_PAYMENT:
      pointer = bf_change_get_field (change, "household_id");
      if (pointer == NULL)
        return TRUE;
      /* Visits and payments never change after their creation: the change says where the
       * row is, saving a lookup on the hub's busiest path. */
      household_id = bf_entity_def (change->entity)->append_only && bf_change_is_creation (change)
        ? g_strdup (pointer->value)
        : row_household (hub, change->entity, change->row_id);
      if (!merged_target (hub, household_id, &keep_id, error))
        return FALSE;
      return keep_id == NULL ||
             bf_merge_set_household (hub, change->entity, change->row_id, keep_id, error);

    case BF_ENTITY_HOUSEHOLD_INCOME:
      {
        g_autoptr(BfHouseholdIncome) income = bf_household_income_get (hub, change->row_id, NULL);

        if (income == NULL || !merged_target (hub, income->household_id, &keep_id, error))
          return income == NULL;
        return keep_id == NULL || bf_merge_move_income (hub, keep_id, income, &report, error);
      }

    default:
      return TRUE;
    }
}
