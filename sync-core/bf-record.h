/* bf-record.h: generic operations on any entity's struct, driven by the field tables. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "bf-policy.h"
#include "bf-schema.h"

G_BEGIN_DECLS

/* What checks need beyond the record: the policy (programme dates, the money cap) and today. */
typedef struct {
  const BfPolicy *policy;
  GDate           today;
} BfCheckContext;

gpointer bf_record_new  (BfEntityKind kind);
void     bf_record_free (BfEntityKind kind, gpointer record);
/* A free function for GPtrArrays of records of @kind. */
GDestroyNotify bf_record_free_func (BfEntityKind kind);
gpointer bf_record_copy (BfEntityKind kind, gconstpointer record);
gboolean bf_record_equal (BfEntityKind kind, gconstpointer a, gconstpointer b);

/* The record's id (every struct starts with it). */
#define bf_record_id(record) (*(char * const *) (record))

/* A field's value as canonical text: codes for enums, comma-separated codes for flag sets,
 * "true"/"false", integer fen for money, ISO dates. NULL when the field is empty. */
char    *bf_record_get_text (const BfFieldDef *field, gconstpointer record);

/* Sets a field from canonical text (see above; NULL or "" empties it). Only the text's form
 * is checked here; bf_record_check() applies the rules. */
gboolean bf_record_set_text (const BfFieldDef *field, gpointer record, const char *text,
                             GError **error);

/* Brings typed-in values to their canonical form (ID numbers, phone numbers, trimmed text)
 * and checks every rule of every field and across fields. The first failure wins; its
 * message names the field and the value. */
gboolean bf_record_check (BfEntityKind kind, gpointer record, const BfCheckContext *context,
                          GError **error);

/* Things worth telling the user that are not errors: a member whose sex or birth date
 * contradicts the ID number. Translated strings; empty array when none. */
GPtrArray *bf_record_warnings (BfEntityKind kind, gconstpointer record);

/* The record as a JSON object: "id" plus every field by name; money as integer fen. */
JsonObject *bf_record_to_json (BfEntityKind kind, gconstpointer record);

G_END_DECLS
