/* bf-conflicts.h: the district's review of conflicts — listing the open ones with what a
 * person needs to decide, and resolving several at once.
 *
 * A conflict (BfConflict) is a record the hub wrote when two devices changed one field
 * concurrently. Resolving it is an ordinary edit: the field gets the chosen value (nothing is
 * written when the value the hub kept is chosen) and the conflict is marked resolved, both as
 * logged changes that sync. `bangfu-cli conflicts` and the app's 冲突 page share this code.
 */
#pragma once

#include "bf-entities.h"
#include "bf-schema.h"
#include "bf-store.h"

G_BEGIN_DECLS

#define BF_CONFLICTS_ERROR (bf_conflicts_error_quark ())

typedef enum {
  BF_CONFLICTS_ERROR_NOT_ALLOWED,   /* the signed-in account is not district staff */
  BF_CONFLICTS_ERROR_RESOLVED,      /* resolved already */
  BF_CONFLICTS_ERROR_UNKNOWN,       /* names a record type this version does not know */
  BF_CONFLICTS_ERROR_DELETED,       /* a deleted record is restored on the hub only */
} BfConflictsError;

GQuark bf_conflicts_error_quark (void);

/* One open conflict as the reviewer sees it. */
typedef struct {
  BfConflict   *conflict;
  BfEntityKind  kind;
  const BfFieldDef *field;     /* NULL for "deleted" */
  char         *record_label;  /* the household head's name, a member's name and household… */
  char         *household_id;  /* the household the record is or belongs to, NULL if none */
  char         *kept_device;   /* the device id from the side's version, NULL if unknown */
  char         *other_device;
  gint64        kept_ms;       /* the side's time (the HLC's physical part), 0 if unknown */
  gint64        other_ms;
} BfConflictItem;

void bf_conflict_item_free (BfConflictItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfConflictItem, bf_conflict_item_free)

/* The open conflicts, oldest first (BfConflictItem*). */
GPtrArray *bf_conflicts_list_open (BfStore *store, GError **error);

/* Whether this store may resolve conflicts: the hub, a store nobody signed in to (a local
 * ledger; the hub checks again when it syncs), or a district account. */
gboolean   bf_conflicts_may_resolve (BfStore *store, GError **error);

typedef enum {
  BF_CONFLICT_CHOOSE_KEPT,     /* the value the hub kept: nothing is written to the record */
  BF_CONFLICT_CHOOSE_OTHER,    /* the value it set aside */
  BF_CONFLICT_CHOOSE_MERGED,   /* a new value typed by the reviewer */
} BfConflictChoice;

typedef struct {
  const char      *conflict_id;
  BfConflictChoice choice;
  const char      *value;      /* MERGED: as typed (money in yuan) */
} BfConflictResolution;

/* Resolves @n conflicts in one transaction: all or none. */
gboolean   bf_conflicts_resolve (BfStore *store, const BfConflictResolution *resolutions,
                                 guint n, GError **error);

/* "kept", "other" or "merged": what the conflict's `resolution` field records. */
const char *bf_conflict_choice_name (BfConflictChoice choice);

G_END_DECLS
