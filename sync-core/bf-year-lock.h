/* bf-year-lock.h: the year-end lock — the district freezes a year's figures.
 *
 * A lock is a synced record (BfYearLock, append-only, its id derived from the year) holding
 * who locked, when, and the year's figures as they were at that moment. Edits made later that
 * touch the year are not refused — the ledger must stay true — but each store lists them as
 * corrections after the lock. What counts as "later" is the hub's order, the one order every
 * store agrees on: a change the hub ordered after the lock is a correction, on the hub when it
 * is accepted and on every device when it is pulled (devices apply the hub's log in its order,
 * and the lock syncs to every device). A device also flags its own unsent edit of a year it
 * knows is locked, so the cadre sees it before syncing.
 */
#pragma once

#include "bf-store.h"

G_BEGIN_DECLS

#define BF_YEAR_LOCK_ERROR (bf_year_lock_error_quark ())

typedef enum {
  BF_YEAR_LOCK_ERROR_NOT_ALLOWED,   /* only district staff lock a year */
  BF_YEAR_LOCK_ERROR_LOCKED,        /* the year is locked already */
  BF_YEAR_LOCK_ERROR_NOT_LOCKED,    /* no lock for that year */
} BfYearLockError;

GQuark bf_year_lock_error_quark (void);

/* Locks @year: computes its figures and saves the lock, one transaction. Allowed on the hub
 * and on a device signed in with a district role; refused when the year is locked already.
 * @out_lock (may be NULL) receives the saved lock. */
gboolean   bf_year_lock_create (BfStore *store, int year, BfYearLock **out_lock, GError **error);

/* The lock of @year, or NULL with BF_YEAR_LOCK_ERROR_NOT_LOCKED. */
BfYearLock *bf_year_lock_find  (BfStore *store, int year, GError **error);

/* Every lock, by year. */
GPtrArray *bf_year_locks_list  (BfStore *store, GError **error);

/* The year's figures as they are now, in the form a lock freezes (JSON text): compare with a
 * lock's `figures` to see what corrections changed. */
char      *bf_year_figures_compute (BfStore *store, int year, GError **error);

/* A change that touched a locked year after its lock. */
typedef struct {
  char    *device;
  gint64   seq;
  int      year;
  char    *entity;     /* "visit" */
  char    *row_id;
  char    *fields;     /* the change's fields, {"f": {name: value}, …} as in the logs */
  char    *author;
  gint64   hlc;
  gboolean ordered;    /* FALSE while it is this device's unsent edit */
} BfCorrection;

void       bf_correction_free (BfCorrection *correction);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfCorrection, bf_correction_free)

/* The corrections after @year's lock, oldest first (by the change's time). */
GPtrArray *bf_corrections_list  (BfStore *store, int year, GError **error);
gint64     bf_corrections_count (BfStore *store, int year, GError **error);

G_END_DECLS
