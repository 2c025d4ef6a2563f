/* bf-schema.h: the description of every entity and field.
 *
 * One table describes each record: its SQL table, its C struct, and per field the column
 * name (also its name on the wire), type, struct offset and rules. Storage, validation,
 * text conversion and the change log all read these tables instead of repeating per-entity
 * code.
 */
#pragma once

#include <glib.h>
#include "bf-entities.h"

G_BEGIN_DECLS

typedef enum {
  BF_FIELD_TEXT,    /* char*, free text */
  BF_FIELD_INT,     /* int: a year, an order */
  BF_FIELD_BOOL,    /* gboolean */
  BF_FIELD_MONEY,   /* gint64 fen, >= 0 and below the policy's cap */
  BF_FIELD_DATE,    /* char*, ISO date */
  BF_FIELD_ENUM,    /* int in C, a code string in SQL and on the wire */
  BF_FIELD_FLAGS,   /* guint bit set in C, comma-separated codes in SQL and on the wire */
  BF_FIELD_REF,     /* char*, the UUID of another record */
  BF_FIELD_IDNUM,   /* char*, an 18-digit resident ID number */
  BF_FIELD_PHONE,   /* char*, a phone number */
  BF_FIELD_INT64,   /* gint64: a timestamp */
} BfFieldType;

typedef enum {
  BF_FIELD_REQUIRED        = 1 << 0,
  BF_FIELD_IN_PROGRAMME    = 1 << 1,  /* a date not before the programme start nor in the future */
  BF_FIELD_NOT_FUTURE      = 1 << 2,  /* a date not in the future */
} BfFieldFlags;

typedef struct {
  const char         *name;     /* column and wire name */
  BfFieldType         type;
  gsize               offset;   /* of the member in the entity's struct */
  guint               flags;    /* BfFieldFlags */
  const char * const *codes;    /* ENUM/FLAGS: codes in value / bit order, NULL-terminated */
  BfEntityKind        ref;      /* REF: the entity referred to */
  const char         *label;    /* English, N_()-marked: names the field in messages */
  int                 min, max; /* INT: allowed range */
} BfFieldDef;

typedef struct _BfStore BfStore;

typedef struct {
  BfEntityKind      kind;
  const char       *name;          /* "household": used on the wire and on the command line */
  const char       *table;         /* "households" */
  const char       *label;         /* English, N_()-marked */
  gsize             struct_size;
  const BfFieldDef *fields;        /* excluding id */
  guint             n_fields;
  gboolean          append_only;   /* visits and payments: corrected by voiding, never edited */
  /* Rules across fields (a payment goes to a household or a village); may be NULL. */
  gboolean        (*check) (gconstpointer record, GError **error);
} BfEntityDef;

const BfEntityDef *bf_entity_def        (BfEntityKind kind);
const BfEntityDef *bf_entity_def_lookup (const char *name);   /* by name or table; NULL if none */
const BfFieldDef  *bf_entity_field      (const BfEntityDef *def, const char *field_name);

/* Codes for the enum types, exposed for reports and the UI. */
extern const char * const bf_category_codes[];
extern const char * const bf_labour_codes[];
extern const char * const bf_status_codes[];
extern const char * const bf_relation_codes[];
extern const char * const bf_sex_codes[];
extern const char * const bf_help_codes[];
extern const char * const bf_source_codes[];
extern const char * const bf_town_kind_codes[];
extern const char * const bf_village_kind_codes[];
extern const char * const bf_cadre_role_codes[];
extern const char * const bf_conflict_status_codes[];

/* The code's index, or -1. */
int bf_code_index (const char * const *codes, const char *code);

G_END_DECLS
