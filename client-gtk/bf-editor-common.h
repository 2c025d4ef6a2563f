/* bf-editor-common.h: what the editing dialogs and the worklist share — the limits that checks
 * need (read on the store thread), the current user's cadre, date checks on typed text.
 * The words for the ledger's codes are bf-labels.h.
 */
#pragma once

#include <gtk/gtk.h>

#include "bf-store.h"

G_BEGIN_DECLS

/* The store's "today" and policy figures, copied so the main thread can check input. */
typedef struct {
  GDate  today;
  GDate  programme_start;
  gint64 max_amount_fen;
  int    visits_per_year;
} BfEditorLimits;

/* On the store thread. */
void  bf_editor_limits_load (BfStore *store, BfEditorLimits *out);

/* The cadre this device's user is, or NULL (a district clerk, or not known). On the store
 * thread. Read from the meta "cadre_id", else a scope written as "cadre:<id>". */
char *bf_current_cadre_id (BfStore *store);

/* Parses a typed ISO date and checks it lies in [programme start, today] (@in_programme) or
 * is not after today. The message names @field. */
gboolean bf_editor_check_date (const char *text, const char *field, const BfEditorLimits *limits,
                               gboolean in_programme, GDate *out, GError **error);

/* "2017年3月5日" for a typed ISO date, or NULL. */
char *bf_editor_date_hint (const char *text);

#define BF_N_HELP_KINDS 10

/* A drop-down over @labels (NULL-terminated, copied). */
GtkWidget *bf_editor_drop_down_new (const char *const *labels);

G_END_DECLS
