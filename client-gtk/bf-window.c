/* bf-window.c: the main window's layout and state. */
#include "bf-config.h"
#include "bf-window-private.h"

#include <glib/gi18n.h>

#include "bf-validate.h"
#include "bf-worklist-page.h"

G_DEFINE_FINAL_TYPE (BfWindow, bf_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SIGNAL_OPENED, N_SIGNALS };
static guint signals[N_SIGNALS];

BfWindow *
bf_window_new (GtkApplication *application, GSettings *settings)
{
  BfWindow *self = g_object_new (BF_TYPE_WINDOW, "application", application, NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  return self;
}

void
bf_window_toast (BfWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* ---- district views, narrow widths ---- */

static void
update_role (BfWindow *self)
{
  gboolean district = self->controller != NULL && bf_sync_controller_is_district (self->controller);

  adw_view_stack_page_set_visible (self->conflicts_page, district);
  adw_view_stack_page_set_visible (self->stats_page, district);
  bf_window_update_desk_role (self, district);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* At phone width the switcher moves to the bottom bar; the header keeps the title. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, !folded);
  /* Shown or hidden rather than revealed: GTK 4.8's revealer, asked to reveal while the
   * window is being laid out, allocates the bar a height of -1. */
  adw_view_switcher_bar_set_reveal (self->switcher_bar, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), folded);
}

static void
on_folded (BfWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  adw_header_bar_set_show_end_title_buttons (self->list_header, folded);
  adw_header_bar_set_show_start_title_buttons (self->page_header, folded);
  gtk_widget_set_visible (self->back_button, folded);
  bf_sync_status_set_compact (self->sync_status, folded);
  update_role (self);
}

/* ---- the list and the page ---- */

void
bf_window_show_household (BfWindow *self, const char *id)
{
  g_return_if_fail (BF_IS_WINDOW (self));

  adw_window_title_set_title (self->page_title, "");
  bf_household_page_show (self->household_page, id);
  adw_leaflet_set_visible_child (self->leaflet, self->page_pane);
  bf_window_update_actions (self);
}

static void
on_household_activated (BfHouseholdList *list, const char *id, BfWindow *self)
{
  bf_window_show_household (self, id);
}

static void
on_page_loaded (BfWindow *self)
{
  const char *title = bf_household_page_get_title (self->household_page);

  adw_window_title_set_title (self->page_title, title ? title : "");
  bf_window_update_actions (self);
}

void
bf_window_show_household_from_view (BfWindow *self, const char *id)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "households");
  if (!bf_household_list_select_id (self->household_list, id))
    bf_window_show_household (self, id);
}

static void
on_worklist_activated (GtkWidget *worklist, const char *id, BfWindow *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "households");
  if (!bf_household_list_select_id (self->household_list, id))
    bf_window_show_household (self, id);
}

/* 待走访, the other engineer's page, under its own header with the view switcher. */
static void
add_worklist (BfWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_view_switcher_title_new ();
  AdwViewStackPage *page;

  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), self->view_stack);
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (title), _("To Visit"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  self->worklist = bf_worklist_page_new (self->database, NULL);
  gtk_widget_set_vexpand (self->worklist, TRUE);
  g_signal_connect (self->worklist, "household-activated", G_CALLBACK (on_worklist_activated), self);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), self->worklist);
  page = adw_view_stack_add_titled (self->view_stack, box, "worklist", _("To Visit"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
}

static void
on_filter_changed (BfWindow *self)
{
  BfHouseholdFilter filter = BF_HOUSEHOLD_FILTER_INIT;

  bf_filter_popover_get_filter (self->filter_popover, &filter);
  bf_household_list_set_filter (self->household_list, &filter);
  if (bf_filter_popover_is_active (self->filter_popover))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static void
on_sync_finished (BfSyncController *controller, BfWindow *self)
{
  /* A sync may have pulled anything: every view reads again. */
  bf_app_database_notify_changed (self->database, NULL);
}

/* ---- opening ---- */

typedef struct {
  gboolean   empty;
  gboolean   signed_in;
  int        visits_per_year;
  gint64     support_per_year_fen;
  GPtrArray *towns;
  GPtrArray *villages;
} Setup;

static void
setup_free (gpointer pointer)
{
  Setup *setup = pointer;

  g_clear_pointer (&setup->towns, g_ptr_array_unref);
  g_clear_pointer (&setup->villages, g_ptr_array_unref);
  g_free (setup);
}

static gpointer
setup_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  Setup *setup = g_new0 (Setup, 1);
  const BfPolicy *policy = bf_store_get_policy (store);
  g_autofree char *url = bf_store_get_meta (store, "server_url");

  if (!bf_store_is_empty (store, &setup->empty, error))
    {
      setup_free (setup);
      return NULL;
    }
  setup->signed_in = url != NULL && *url != '\0';
  setup->visits_per_year = policy->visits_per_year;
  setup->support_per_year_fen = policy->support_per_year_fen;
  setup->towns = bf_town_list_by (store, NULL, NULL, &local_error);
  if (setup->towns != NULL)
    setup->villages = bf_village_list_by (store, NULL, NULL, &local_error);
  if (setup->villages == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      setup_free (setup);
      return NULL;
    }
  return setup;
}

static int
compare_towns (gconstpointer a, gconstpointer b)
{
  const BfTown *ta = *(BfTown * const *) a, *tb = *(BfTown * const *) b;
  return ta->sort_order - tb->sort_order;
}

static void
show_main (BfWindow *self)
{
  gtk_stack_set_visible_child_name (self->top_stack, "main");
  gtk_widget_grab_focus (GTK_WIDGET (bf_household_list_get_search_entry (self->household_list)));
  bf_window_update_actions (self);
  g_signal_emit (self, signals[SIGNAL_OPENED], 0);
}

static void
on_first_run_signed_in (BfFirstRun *first_run, const char *url, const char *user, BfWindow *self)
{
  g_settings_set_string (self->settings, "server-url", url);
  g_settings_set_string (self->settings, "last-user", user);
}

static void
on_first_run_done (BfFirstRun *first_run, gboolean local_only, BfWindow *self)
{
  show_main (self);
}

static void
setup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Setup *setup = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error);
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;

  if (setup == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->top_stack, "error");
      g_signal_emit (self, signals[SIGNAL_OPENED], 0);
      return;
    }
  g_ptr_array_sort (setup->towns, compare_towns);
  bf_filter_popover_set_places (self->filter_popover, setup->towns, setup->villages);
  bf_filter_popover_set_targets (self->filter_popover, setup->visits_per_year,
                                 setup->support_per_year_fen);
  bf_household_list_set_targets (self->household_list, setup->visits_per_year,
                                 setup->support_per_year_fen);
  url = g_settings_get_string (self->settings, "server-url");
  user = g_settings_get_string (self->settings, "last-user");
  if (setup->empty && !setup->signed_in)
    {
      bf_first_run_set_defaults (self->first_run, url, user);
      gtk_stack_set_visible_child_name (self->top_stack, "first-run");
      g_signal_emit (self, signals[SIGNAL_OPENED], 0);
    }
  else
    show_main (self);
  setup_free (setup);
}

static void
opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(BfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GDate today;

  self->database = bf_app_database_open_finish (result, &error);
  if (self->database == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->top_stack, "error");
      g_signal_emit (self, signals[SIGNAL_OPENED], 0);
      return;
    }
  bf_today (&today);
  self->year = g_date_get_year (&today);
  self->controller = bf_sync_controller_new (self->database);
  g_signal_connect_swapped (self->controller, "notify::role", G_CALLBACK (update_role), self);
  g_signal_connect (self->controller, "sync-finished", G_CALLBACK (on_sync_finished), self);
  bf_sync_status_set_controller (self->sync_status, self->controller);
  bf_first_run_set_controller (self->first_run, self->controller);
  self->keeper = bf_household_index_keeper_new (self->database, self->year);
  bf_household_list_set_keeper (self->household_list, self->keeper);
  bf_household_page_set_database (self->household_page, self->database);
  add_worklist (self);
  bf_window_add_desk (self);
  bf_app_database_run (self->database, setup_job, NULL, NULL, NULL, setup_done,
                       g_object_ref (self));
}

void
bf_window_open (BfWindow *self, const char *path)
{
  g_return_if_fail (BF_IS_WINDOW (self));
  g_return_if_fail (self->database == NULL);

  gtk_stack_set_visible_child_name (self->top_stack, "opening");
  bf_app_database_open_async (path, NULL, opened, g_object_ref (self));
}

const char *
bf_window_get_view (BfWindow *self)
{
  return gtk_stack_get_visible_child_name (self->top_stack);
}

BfAppDatabase *bf_window_get_database (BfWindow *self) { return self->database; }
AdwViewStack *bf_window_get_view_stack (BfWindow *self) { return self->view_stack; }
BfSyncController *bf_window_get_sync_controller (BfWindow *self) { return self->controller; }
BfHouseholdList *bf_window_get_household_list (BfWindow *self) { return self->household_list; }
BfHouseholdPage *bf_window_get_household_page (BfWindow *self) { return self->household_page; }
BfSyncStatus *bf_window_get_sync_status (BfWindow *self) { return self->sync_status; }
BfFirstRun *bf_window_get_first_run (BfWindow *self) { return self->first_run; }
AdwLeaflet *bf_window_get_leaflet (BfWindow *self) { return self->leaflet; }
GtkPopover *bf_window_get_filter_popover (BfWindow *self) { return GTK_POPOVER (self->filter_popover); }

static void
bf_window_dispose (GObject *object)
{
  BfWindow *self = BF_WINDOW (object);

  /* A page load or a sync that finishes after the window closed must not call back into it. */
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  if (self->household_page != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->household_page, self);
      g_signal_handlers_disconnect_by_data (self->household_list, self);
      g_signal_handlers_disconnect_by_data (self->filter_popover, self);
      g_signal_handlers_disconnect_by_data (self->first_run, self);
      g_signal_handlers_disconnect_by_data (self->leaflet, self);
    }
  if (self->worklist != NULL)
    g_signal_handlers_disconnect_by_data (self->worklist, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), BF_TYPE_WINDOW);
  g_clear_object (&self->keeper);
  g_clear_object (&self->controller);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (bf_window_parent_class)->dispose (object);
}

static void
bf_window_class_init (BfWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bf_window_dispose;

  g_type_ensure (BF_TYPE_FIRST_RUN);
  g_type_ensure (BF_TYPE_HOUSEHOLD_LIST);
  g_type_ensure (BF_TYPE_HOUSEHOLD_PAGE);
  g_type_ensure (BF_TYPE_SYNC_STATUS);
  g_type_ensure (BF_TYPE_FILTER_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/bangfu/Bangfu/ui/bf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, top_stack);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, first_run);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, conflicts_page);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, stats_page);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, stats_box);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, page_pane);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, list_header);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, page_header);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, sync_status);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, household_list);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, new_visit_button);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, household_page);

  /* The first-run page, the households, or the error page shows. */
  signals[SIGNAL_OPENED] =
    g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bf_window_init (BfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self);
  g_signal_connect (self->household_list, "household-activated",
                    G_CALLBACK (on_household_activated), self);
  g_signal_connect_swapped (self->household_page, "loaded", G_CALLBACK (on_page_loaded), self);
  g_signal_connect_swapped (self->filter_popover, "changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->first_run, "signed-in", G_CALLBACK (on_first_run_signed_in), self);
  g_signal_connect (self->first_run, "done", G_CALLBACK (on_first_run_done), self);
  bf_window_add_actions (self);
  on_folded (self);
}
