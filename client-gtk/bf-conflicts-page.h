/* bf-conflicts-page.h: 冲突 — the district's open conflicts. Select one or several, then keep
 * the value the server kept, use the other value, or type a merged value; the resolution is a
 * store job (an ordinary, logged edit that syncs) and the list reads itself again. Reloads when
 * the database reports changes (a sync brings new conflicts). */
#pragma once

#include <adwaita.h>

#include "bf-app-database.h"

G_BEGIN_DECLS

#define BF_TYPE_CONFLICTS_PAGE (bf_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (BfConflictsPage, bf_conflicts_page, BF, CONFLICTS_PAGE, AdwBin)

GtkWidget *bf_conflicts_page_new (BfAppDatabase *database);

void       bf_conflicts_page_reload (BfConflictsPage *self);

/* Whether a load or a resolution is running (tests wait for it). */
gboolean   bf_conflicts_page_get_busy (BfConflictsPage *self);

/* Conflicts shown. */
guint      bf_conflicts_page_get_count (BfConflictsPage *self);

G_END_DECLS
