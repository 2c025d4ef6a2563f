/* bf-worklist-page.h: 待走访 — the current user's paired households due a visit this quarter,
 * overdue first, each with its last visit and this year's count. Activating a row emits
 * ::household-activated with the household's id. Reloads when the database reports changes.
 */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"

G_BEGIN_DECLS

#define BF_TYPE_WORKLIST_PAGE (bf_worklist_page_get_type ())
G_DECLARE_FINAL_TYPE (BfWorklistPage, bf_worklist_page, BF, WORKLIST_PAGE, AdwBin)

/* @cadre_id: whose list (a district clerk looking at a cadre's), or NULL for the user's. */
GtkWidget *bf_worklist_page_new (BfAppDatabase *database, const char *cadre_id);

/* Reads the list again. */
void       bf_worklist_page_reload (BfWorklistPage *self);

/* Whether a load is running (tests wait for it). */
gboolean   bf_worklist_page_get_loading (BfWorklistPage *self);

/* The households shown, in order (NULL-terminated; free with g_strfreev). */
char     **bf_worklist_page_dup_household_ids (BfWorklistPage *self);

G_END_DECLS
