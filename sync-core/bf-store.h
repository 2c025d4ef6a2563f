/* bf-store.h: the ledger's SQLite store.
 *
 * One BfStore owns one SQLite connection and must be used from one thread at a time (the app
 * gives it a thread of its own). The file is in WAL mode with foreign keys on; its schema is
 * brought up to date on open by the migrations in bf-store-migrations.c. Nothing outside
 * sync-core writes SQL.
 */
#pragma once

#include <glib.h>

#include "bf-policy.h"
#include "bf-record.h"
#include "bf-schema.h"

G_BEGIN_DECLS

#define BF_STORE_ERROR (bf_store_error_quark ())

typedef enum {
  BF_STORE_ERROR_OPEN,         /* the file cannot be opened or created */
  BF_STORE_ERROR_NOT_BANGFU,   /* a file that is not a Bangfu database */
  BF_STORE_ERROR_TOO_NEW,      /* written by a newer Bangfu than this one */
  BF_STORE_ERROR_SQL,          /* SQLite failed; the message carries SQLite's */
  BF_STORE_ERROR_NOT_FOUND,    /* no record with that id */
  BF_STORE_ERROR_REFERENCE,    /* a reference to a record that does not exist */
  BF_STORE_ERROR_APPEND_ONLY,  /* visits and payments are corrected, not edited */
  BF_STORE_ERROR_UNKNOWN_FIELD,
  BF_STORE_ERROR_NOT_EMPTY,    /* the demo goes into an empty store only */
} BfStoreError;

GQuark bf_store_error_quark (void);

typedef enum {
  BF_STORE_OPEN_EXISTING = 0,
  BF_STORE_OPEN_CREATE   = 1 << 0,  /* create the file if it does not exist */
  /* The caller uses the store from one thread at a time (the server's store thread): SQLite
   * then takes no lock of its own around each call. */
  BF_STORE_OPEN_ONE_THREAD = 1 << 1,
} BfStoreOpenFlags;

/* Opens (and if asked creates) a store and migrates it to the current schema. A file that is
 * not a Bangfu database, or has a newer schema, is refused and left untouched. */
BfStore *bf_store_open  (const char *path, BfStoreOpenFlags flags, GError **error);

/* For a long-running process that keeps a store open (the server): SQLite's page cache is
 * allocated and touched now, once, rather than page by page under the first requests. Only
 * before the process's first bf_store_open(); FALSE if too late, or it could not be done. */
gboolean bf_store_reserve_page_cache (void);

/* From now until the store is freed, its write-ahead log is copied into the database on a
 * thread and connection of their own (bf-checkpointer.h), not by whichever call's commit
 * crossed SQLite's threshold: on a laptop that was the sync client's own thread, for 30–40 ms
 * in the middle of a push. Once per store; later calls do nothing. */
gboolean bf_store_checkpoint_in_background (BfStore *store, GError **error);

void     bf_store_free  (BfStore *store);

int      bf_store_schema_version (BfStore *store);
int      bf_store_latest_schema_version (void);
const char *bf_store_path (BfStore *store);

/* The policy that checks use; the built-in default until another is set (the store takes
 * ownership). */
const BfPolicy *bf_store_get_policy (BfStore *store);
void            bf_store_set_policy (BfStore *store, BfPolicy *policy);

/* Tests and the demo pin "today"; NULL returns to the real date in Asia/Shanghai. */
void bf_store_set_today (BfStore *store, const GDate *today);
void bf_store_get_check_context (BfStore *store, BfCheckContext *out);

/* For a desktop process that keeps a large store open all day: no memory map and a smaller
 * page cache, so the file's pages stay in the kernel's cache instead of the process's
 * resident memory (a 100,000-household ledger is half a gigabyte). */
gboolean bf_store_limit_memory (BfStore *store, GError **error);

/* Rewrites the file with the page size new stores get (VACUUM), for a store made before it;
 * @out_old_page_size gets the size it had. The caller must be the file's only user: it fails
 * while another process has the store open. */
gboolean bf_store_compact (BfStore *store, int *out_old_page_size, GError **error);

/* The file's page size in bytes. */
int      bf_store_page_size (BfStore *store);

/* Transactions nest: only the outermost commits. A failed inner step must roll back the
 * whole transaction. */
gboolean bf_store_begin    (BfStore *store, GError **error);
gboolean bf_store_commit   (BfStore *store, GError **error);
void     bf_store_rollback (BfStore *store);

/* Small key/value facts about the store (device id, district). */
char    *bf_store_get_meta (BfStore *store, const char *key);
gboolean bf_store_set_meta (BfStore *store, const char *key, const char *value, GError **error);

/* This device's identity in the change log (a UUID made when the store was created). */
const char *bf_store_device_id (BfStore *store);

/* The user signed in on this device: recorded with every change for the audit. */
const char *bf_store_get_author (BfStore *store);
gboolean    bf_store_set_author (BfStore *store, const char *author, GError **error);

/* The district server's store orders every change itself instead of keeping an outbox. */
gboolean bf_store_is_hub   (BfStore *store);
gboolean bf_store_make_hub (BfStore *store, GError **error);

/* TRUE when the store holds no towns, households or cadres yet. */
gboolean bf_store_is_empty (BfStore *store, gboolean *out_empty, GError **error);

/* ---- Records: one generic implementation for every entity ---- */

/* Checks and inserts @record (assigning a random id if it has none). Every reference must
 * name an existing record. */
gboolean   bf_store_insert       (BfStore *store, BfEntityKind kind, gpointer record,
                                  GError **error);
gpointer   bf_store_get          (BfStore *store, BfEntityKind kind, const char *id,
                                  GError **error);
/* Sets one field from canonical text (see bf_record_set_text) after checking the whole
 * record with the new value. Append-only entities refuse. */
gboolean   bf_store_update_field (BfStore *store, BfEntityKind kind, const char *id,
                                  const char *field, const char *text, GError **error);
/* Every record, or those whose @field equals @value; ordered by id. */
GPtrArray *bf_store_list         (BfStore *store, BfEntityKind kind, const char *field,
                                  const char *value, GError **error);
gint64     bf_store_count        (BfStore *store, BfEntityKind kind, GError **error);

/* Deletes a record as a tombstone that syncs; it disappears from get and list. Visits and
 * payments are never deleted: they are voided. */
gboolean   bf_store_delete       (BfStore *store, BfEntityKind kind, const char *id,
                                  GError **error);

/* Voids a visit or payment the accountants' way: a new entry that cancels it, with the reason.
 * The voided record stays. @out_void_id (may be NULL) receives the entry's id. */
gboolean   bf_store_void         (BfStore *store, BfEntityKind kind, const char *id,
                                  const char *reason, char **out_void_id, GError **error);

/* Typed wrappers: bf_household_insert(), bf_household_get(), bf_household_free(),
 * bf_household_list_by(store, "village_id", id, &error), and so on for every entity. */
#define BF_DEFINE_TYPED_API(Type, name, KIND)                                               \
  static inline gboolean name##_insert (BfStore *s, Type *r, GError **e)                   \
  { return bf_store_insert (s, KIND, r, e); }                                              \
  static inline Type *name##_get (BfStore *s, const char *id, GError **e)                  \
  { return bf_store_get (s, KIND, id, e); }                                                \
  static inline void name##_free (Type *r)                                                 \
  { bf_record_free (KIND, r); }                                                            \
  static inline GPtrArray *name##_list_by (BfStore *s, const char *f, const char *v,       \
                                           GError **e)                                     \
  { return bf_store_list (s, KIND, f, v, e); }                                             \
  static inline gboolean name##_set (BfStore *s, const char *id, const char *f,            \
                                     const char *v, GError **e)                            \
  { return bf_store_update_field (s, KIND, id, f, v, e); }                                 \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (Type, name##_free)

BF_DEFINE_TYPED_API (BfTown, bf_town, BF_ENTITY_TOWN)
BF_DEFINE_TYPED_API (BfVillage, bf_village, BF_ENTITY_VILLAGE)
BF_DEFINE_TYPED_API (BfUnit, bf_unit, BF_ENTITY_UNIT)
BF_DEFINE_TYPED_API (BfCadre, bf_cadre, BF_ENTITY_CADRE)
BF_DEFINE_TYPED_API (BfHousehold, bf_household, BF_ENTITY_HOUSEHOLD)
BF_DEFINE_TYPED_API (BfMember, bf_member, BF_ENTITY_MEMBER)
BF_DEFINE_TYPED_API (BfPairing, bf_pairing, BF_ENTITY_PAIRING)
BF_DEFINE_TYPED_API (BfVisit, bf_visit, BF_ENTITY_VISIT)
BF_DEFINE_TYPED_API (BfPayment, bf_payment, BF_ENTITY_PAYMENT)
BF_DEFINE_TYPED_API (BfHouseholdIncome, bf_household_income, BF_ENTITY_HOUSEHOLD_INCOME)
BF_DEFINE_TYPED_API (BfVillageIncome, bf_village_income, BF_ENTITY_VILLAGE_INCOME)
BF_DEFINE_TYPED_API (BfInspection, bf_inspection, BF_ENTITY_INSPECTION)
BF_DEFINE_TYPED_API (BfConflict, bf_conflict, BF_ENTITY_CONFLICT)
BF_DEFINE_TYPED_API (BfYearLock, bf_year_lock, BF_ENTITY_YEAR_LOCK)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfStore, bf_store_free)

G_END_DECLS
