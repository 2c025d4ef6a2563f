/* bf-audit.h: who changed what, read from the hub's log.
 *
 * Every change the hub accepted stays in hub_log with its server sequence, when it arrived,
 * the account that pushed it, the device and author that made it and its clock. That is the
 * audit trail: no row is ever removed there.
 */
#pragma once

#include <glib.h>

#include "bf-hlc.h"
#include "bf-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64   server_seq;
  gint64   received_at;   /* ms since 1970, the hub's clock */
  char    *account;       /* who pushed it; NULL for the hub's own changes and bundle imports */
  char    *device;
  gint64   seq;
  char    *author;        /* the user signed in on the device; may be NULL */
  BfHlc    hlc;
  gboolean clamped;
  char    *entity;
  char    *row_id;
  char    *fields;        /* as logged: {"f": {name: value}, "b": {name: base}} */
} BfAuditEntry;

void       bf_audit_entry_free (BfAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfAuditEntry, bf_audit_entry_free)

/* Every change to the record @row_id, oldest first (BfAuditEntry*). */
GPtrArray *bf_audit_row_history (BfStore *hub, const char *row_id, GError **error);

/* The newest server sequence in the hub's log (0 when empty). */
gboolean   bf_audit_newest (BfStore *hub, gint64 *out, GError **error);

/* Records @account as the one behind the hub's own changes after @after_server_seq: district
 * staff resolving a conflict through the server change records as the hub. */
gboolean   bf_audit_claim_hub_changes (BfStore *hub, gint64 after_server_seq, const char *account,
                                       GError **error);

G_END_DECLS
