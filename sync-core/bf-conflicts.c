/* bf-conflicts.c: listing open conflicts for review and resolving them. */
#include "bf-config.h"
#include "bf-conflicts.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bf-accounts.h"
#include "bf-change.h"
#include "bf-hlc.h"
#include "bf-record.h"
#include "bf-validate.h"

G_DEFINE_QUARK (bf-conflicts-error-quark, bf_conflicts_error)

void
bf_conflict_item_free (BfConflictItem *item)
{
  if (item == NULL)
    return;
  bf_record_free (BF_ENTITY_CONFLICT, item->conflict);
  g_free (item->record_label);
  g_free (item->household_id);
  g_free (item->kept_device);
  g_free (item->other_device);
  g_free (item);
}

const char *
bf_conflict_choice_name (BfConflictChoice choice)
{
  switch (choice)
    {
    case BF_CONFLICT_CHOOSE_KEPT:
      return "kept";
    case BF_CONFLICT_CHOOSE_OTHER:
      return "other";
    case BF_CONFLICT_CHOOSE_MERGED:
    default:
      return "merged";
    }
}

/* ---- Listing ---- */

/* A field's text of a record, or NULL when the record lacks the field or it is empty. */
static char *
field_text (BfEntityKind kind, gconstpointer record, const char *name)
{
  const BfFieldDef *field = bf_entity_field (bf_entity_def (kind), name);
  char *text = field != NULL ? bf_record_get_text (field, record) : NULL;

  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
household_head (BfStore *store, const char *household_id)
{
  g_autoptr(BfHousehold) household = NULL;

  if (household_id == NULL)
    return NULL;
  household = bf_household_get (store, household_id, NULL);
  return household != NULL ? g_strdup (household->head_name) : NULL;
}

/* What names the record for a person: the household head's name for a household and what
 * belongs to one (a member also by their own name), the name of anything else that has one.
 * A record that is gone (a conflict over a deletion) is named by its id. */
static char *
record_label (BfStore *store, BfEntityKind kind, const char *row_id, char **out_household_id)
{
  gpointer record = bf_store_get (store, kind, row_id, NULL);
  g_autofree char *name = NULL;
  g_autofree char *household_id = NULL;
  g_autofree char *head = NULL;
  char *label;

  if (record == NULL)
    return g_strdup (row_id);
  name = field_text (kind, record, kind == BF_ENTITY_HOUSEHOLD ? "head_name" : "name");
  household_id = kind == BF_ENTITY_HOUSEHOLD ? g_strdup (row_id)
                                             : field_text (kind, record, "household_id");
  bf_record_free (kind, record);
  *out_household_id = g_strdup (household_id);
  if (kind == BF_ENTITY_HOUSEHOLD)
    return g_strdup (name != NULL ? name : row_id);
  head = household_head (store, household_id);
  if (name != NULL && head != NULL)
    /* TRANSLATORS: a member and the head of their household */
    label = g_strdup_printf (_("%s (household of %s)"), name, head);
  else if (name != NULL)
    label = g_steal_pointer (&name);
  else if (head != NULL)
    /* TRANSLATORS: a visit, payment, pairing or income of a household */
    label = g_strdup_printf (_("household of %s"), head);
  else
    label = g_strdup (row_id);
  return label;
}

static char *
version_device (const char *version)
{
  const char *colon = version != NULL ? strrchr (version, ':') : NULL;

  return colon != NULL && colon > version ? g_strndup (version, colon - version) : NULL;
}

static gint64
hlc_ms (gint64 hlc)
{
  return hlc > 0 ? BF_HLC_PHYSICAL ((BfHlc) hlc) : 0;
}

static gint
compare_items (gconstpointer a, gconstpointer b)
{
  const BfConflictItem *x = *(BfConflictItem * const *) a;
  const BfConflictItem *y = *(BfConflictItem * const *) b;
  gint64 tx = MAX (x->conflict->kept_hlc, x->conflict->other_hlc);
  gint64 ty = MAX (y->conflict->kept_hlc, y->conflict->other_hlc);

  if (tx != ty)
    return tx < ty ? -1 : 1;
  return strcmp (x->conflict->id, y->conflict->id);
}

GPtrArray *
bf_conflicts_list_open (BfStore *store, GError **error)
{
  g_autoptr(GPtrArray) conflicts = bf_store_list (store, BF_ENTITY_CONFLICT, "status", "open",
                                                  error);
  g_autoptr(GPtrArray) items = NULL;

  if (conflicts == NULL)
    return NULL;
  items = g_ptr_array_new_full (conflicts->len, (GDestroyNotify) bf_conflict_item_free);
  for (guint i = 0; i < conflicts->len; i++)
    {
      BfConflict *conflict = g_ptr_array_index (conflicts, i);
      const BfEntityDef *def = bf_entity_def_lookup (conflict->entity);
      BfConflictItem *item;

      /* A record type from a newer version cannot be shown or resolved here; the hub and
       * newer devices still hold it. */
      if (def == NULL)
        continue;
      item = g_new0 (BfConflictItem, 1);
      item->conflict = g_steal_pointer (&conflicts->pdata[i]);
      item->kind = def->kind;
      item->field = bf_entity_field (def, conflict->field);
      item->record_label = record_label (store, def->kind, conflict->row_id,
                                         &item->household_id);
      item->kept_device = version_device (conflict->kept_version);
      item->other_device = version_device (conflict->other_version);
      item->kept_ms = hlc_ms (conflict->kept_hlc);
      item->other_ms = hlc_ms (conflict->other_hlc);
      g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

/* ---- Resolving ---- */

gboolean
bf_conflicts_may_resolve (BfStore *store, GError **error)
{
  g_autofree char *role = NULL;
  int parsed;

  if (bf_store_is_hub (store))
    return TRUE;
  role = bf_store_get_meta (store, "account_role");
  if (role == NULL || *role == '\0')
    return TRUE;
  parsed = bf_role_from_string (role);
  if (parsed >= 0 && bf_role_is_district ((BfRole) parsed))
    return TRUE;
  g_set_error (error, BF_CONFLICTS_ERROR, BF_CONFLICTS_ERROR_NOT_ALLOWED,
               _("Only district staff resolve conflicts; this device is signed in as %s"), role);
  return FALSE;
}

/* The canonical text for a typed value: money is typed in yuan and stored in fen. */
static char *
merged_value (BfStore *store, const BfFieldDef *field, const char *typed, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (typed != NULL ? typed : ""));
  gint64 fen = 0;

  if (field == NULL || field->type != BF_FIELD_MONEY || *trimmed == '\0')
    return g_steal_pointer (&trimmed);
  if (!bf_parse_yuan (trimmed, bf_store_get_policy (store)->max_amount_fen, _(field->label),
                      &fen, error))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, fen);
}

static gboolean
resolve_one (BfStore *store, const BfConflictResolution *resolution, GError **error)
{
  g_autoptr(BfConflict) conflict = bf_conflict_get (store, resolution->conflict_id, error);
  g_autofree char *value = NULL;
  const BfEntityDef *def;

  if (conflict == NULL)
    return FALSE;
  if (conflict->status == BF_CONFLICT_RESOLVED)
    {
      g_set_error (error, BF_CONFLICTS_ERROR, BF_CONFLICTS_ERROR_RESOLVED,
                   _("This conflict has been resolved already"));
      return FALSE;
    }
  def = bf_entity_def_lookup (conflict->entity);
  if (def == NULL)
    {
      g_set_error (error, BF_CONFLICTS_ERROR, BF_CONFLICTS_ERROR_UNKNOWN,
                   _("The conflict names an unknown record type “%s”"), conflict->entity);
      return FALSE;
    }
  switch (resolution->choice)
    {
    case BF_CONFLICT_CHOOSE_KEPT:
      /* The record already holds the kept value: nothing to write but the decision. */
      break;
    case BF_CONFLICT_CHOOSE_OTHER:
      value = g_strdup (conflict->other_value != NULL ? conflict->other_value : "");
      break;
    case BF_CONFLICT_CHOOSE_MERGED:
    default:
      value = merged_value (store, bf_entity_field (def, conflict->field), resolution->value,
                            error);
      if (value == NULL)
        return FALSE;
      break;
    }
  if (value != NULL && strcmp (conflict->field, BF_FIELD_DELETED) == 0)
    {
      g_set_error (error, BF_CONFLICTS_ERROR, BF_CONFLICTS_ERROR_DELETED,
                   _("A deleted record is restored at the district server, not on a device"));
      return FALSE;
    }
  return (value == NULL ||
          bf_store_update_field (store, def->kind, conflict->row_id, conflict->field, value,
                                 error)) &&
         bf_store_update_field (store, BF_ENTITY_CONFLICT, conflict->id, "status", "resolved",
                                error) &&
         bf_store_update_field (store, BF_ENTITY_CONFLICT, conflict->id, "resolution",
                                bf_conflict_choice_name (resolution->choice), error);
}

gboolean
bf_conflicts_resolve (BfStore *store, const BfConflictResolution *resolutions, guint n,
                      GError **error)
{
  g_return_val_if_fail (resolutions != NULL || n == 0, FALSE);

  if (!bf_conflicts_may_resolve (store, error) || !bf_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!resolve_one (store, &resolutions[i], error))
      {
        bf_store_rollback (store);
        return FALSE;
      }
  return bf_store_commit (store, error);
}
