/* bf-change.h: one entry of the change log — a row operation made in one transaction on one
 * device: the fields it set, each with the version it was edited against.
 *
 * A change is identified by (device, seq); a field's version is the id of the change that set
 * it, written "DEVICE:SEQ". Creating a record is a change with every field and no bases; an
 * edit carries one or more fields with their bases; a delete is the pseudo-field "deleted"
 * set to "true" (a tombstone), based on the row's version.
 */
#pragma once

#include <glib.h>

#include "bf-entities.h"
#include "bf-hlc.h"

G_BEGIN_DECLS

#define BF_FIELD_DELETED "deleted"

/* A field and its texts are one allocation, made by bf_change_add_field() and never changed
 * in place: bf_change_set_field() replaces one. */
typedef struct {
  const char *name;
  const char *value;   /* canonical text (bf_record_get_text); NULL empties the field */
  const char *base;    /* "DEVICE:SEQ" the edit was made against; NULL for none (a creation) */
} BfFieldChange;

typedef struct {
  char        *device_id;   /* UUID of the device that made it */
  gint64       seq;         /* per-device sequence, from 1, no gaps */
  BfHlc        hlc;
  gboolean     clamped;     /* the device's or server's clock was not believed */
  char        *author;      /* the user signed in on that device; may be NULL */
  BfEntityKind entity;
  char        *row_id;
  GPtrArray   *fields;      /* BfFieldChange*, owned */
  gint64       server_seq;  /* the hub's global order; 0 until accepted */
  char        *log_fields;  /* bf_change_fields_to_json() made ahead (bf_change_encode_fields);
                             * NULL when not; dropped when a field is added */
  gpointer       merge_ahead;       /* the hub's checks of a creation, made ahead off its store
                                     * thread (bf_hub_prepare_push); not copied, dropped when a
                                     * field is added or set */
  GDestroyNotify merge_ahead_free;
} BfChange;

BfChange *bf_change_new  (const char *device_id, gint64 seq, BfHlc hlc, BfEntityKind entity,
                          const char *row_id);
void      bf_change_free (BfChange *change);
BfChange *bf_change_copy (const BfChange *change);
void      bf_change_add_field (BfChange *change, const char *name, const char *value,
                               const char *base);
/* Sets @name to @value, keeping its base; adds it as a creation's field when absent. The
 * field is replaced: a pointer bf_change_get_field() gave for it before no longer holds. */
void      bf_change_set_field (BfChange *change, const char *name, const char *value);
const BfFieldChange *bf_change_get_field (const BfChange *change, const char *name);

/* A creation sets its fields against no version at all. */
gboolean  bf_change_is_creation (const BfChange *change);

/* "DEVICE:SEQ" */
char     *bf_change_version (const BfChange *change);

/* The merge order of two changes to one field: by HLC, then device id, then seq. */
int       bf_change_compare_order (BfHlc a_hlc, const char *a_device, gint64 a_seq,
                                   BfHlc b_hlc, const char *b_device, gint64 b_seq);

/* The fields as stored in the logs: {"f": {name: value}, "b": {name: base}}. */
char     *bf_change_fields_to_json   (const BfChange *change);
/* Makes change->log_fields now, so that whoever logs the change later need not: the server
 * does it for a push while decoding it, off the store thread. */
void      bf_change_encode_fields    (BfChange *change);
/* The same as the members "f" and "b" of an object being written (see bf-json-tree.h). */
void      bf_change_append_fields    (const BfChange *change, GString *out, gboolean *first);
gboolean  bf_change_fields_from_json (BfChange *change, const char *text, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfChange, bf_change_free)

G_END_DECLS
