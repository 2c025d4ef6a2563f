/* bf-window-desk.c: the district desk in the window — the 冲突 and 统计 pages, and the export,
 * import and year-lock dialogs from the main menu. The pages and dialogs are their own widgets
 * (bf-conflicts-page.c, bf-dashboard-page.c, bf-*-dialog.c); this places and opens them.
 * Everyone may export; importing registers and locking a year are the district's. */
#include "bf-config.h"
#include "bf-window-private.h"

#include <glib/gi18n.h>

#include "bf-conflicts-page.h"
#include "bf-dashboard-page.h"
#include "bf-export-dialog.h"
#include "bf-household-page.h"
#include "bf-import-dialog.h"
#include "bf-lock-dialog.h"

static void
present (BfWindow *self, GtkWidget *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_reports (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;
  /* From a household's page, its card can be printed too. */
  const char *household = adw_leaflet_get_visible_child (self->leaflet) == self->page_pane
                          ? bf_household_page_get_id (self->household_page) : NULL;

  present (self, bf_export_dialog_new (GTK_WINDOW (self), self->database, self->year, household));
}

static void
import_register (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;

  present (self, bf_import_dialog_new (GTK_WINDOW (self), self->database));
}

static void
lock_year (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;

  present (self, bf_lock_dialog_new (GTK_WINDOW (self), self->database, self->year));
}

static const GActionEntry desk_entries[] = {
  { "export", export_reports },
  { "import", import_register },
  { "lock-year", lock_year },
};

static void
on_dashboard_household (GtkWidget *dashboard, const char *id, BfWindow *self)
{
  bf_window_show_household_from_view (self, id);
}

static void
set_enabled (BfWindow *self, const char *name, gboolean enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
bf_window_update_desk_role (BfWindow *self, gboolean district)
{
  set_enabled (self, "import", district);
  set_enabled (self, "lock-year", district);
}

void
bf_window_add_desk (BfWindow *self)
{
  GtkWidget *conflicts = bf_conflicts_page_new (self->database);
  /* The latest year the policy sets targets for: a ledger kept past the policy's last year
   * still opens on figures, and the page's year selector reaches any other. */
  g_autoptr(BfPolicy) policy = bf_policy_load_default (NULL);
  int year = policy != NULL ? bf_policy_assessed_year (policy, self->year) : self->year;
  GtkWidget *dashboard = bf_dashboard_page_new (self->database, year);

  gtk_widget_set_vexpand (conflicts, TRUE);
  gtk_widget_set_vexpand (dashboard, TRUE);
  gtk_box_append (self->conflicts_box, conflicts);
  gtk_box_append (self->stats_box, dashboard);
  g_signal_connect (dashboard, "household-activated", G_CALLBACK (on_dashboard_household), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), desk_entries, G_N_ELEMENTS (desk_entries),
                                   self);
  bf_window_update_desk_role (self, self->controller != NULL &&
                                    bf_sync_controller_is_district (self->controller));
}
