/* bf-window-actions.c: what the window's buttons, menus and shortcuts do. The editing
 * dialogs are their own widgets (bf-*-editor.c, bf-void-dialog.c); this only opens them for
 * the household on show. */
#include "bf-config.h"
#include "bf-window-private.h"

#include <glib/gi18n.h>

#include "bf-income-editor.h"
#include "bf-member-editor.h"
#include "bf-payment-editor.h"
#include "bf-visit-editor.h"
#include "bf-void-dialog.h"

static void
on_saved (BfEditorWindow *editor, const char *record_id, BfWindow *self)
{
  bf_window_toast (self, _("Saved"));
}

static void
present_editor (BfWindow *self, gpointer editor)
{
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static const char *
current_household (BfWindow *self)
{
  return self->database != NULL ? bf_household_page_get_id (self->household_page) : NULL;
}

static void
new_visit (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;
  const char *id = current_household (self);

  if (id != NULL)
    present_editor (self, bf_visit_editor_new (self->database, id));
}

static void
new_payment (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;
  const char *id = current_household (self);

  if (id != NULL)
    present_editor (self, bf_payment_editor_new (self->database, id));
}

static void
new_income (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;
  const char *id = current_household (self);

  /* Last year's income is what is recorded in a year. */
  if (id != NULL)
    present_editor (self, bf_income_editor_new (self->database, id, self->year - 1));
}

static void
add_member (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;
  const char *id = current_household (self);

  if (id != NULL)
    present_editor (self, bf_member_editor_new (self->database, id, NULL));
}

static void
edit_member (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;
  const char *id = current_household (self);

  if (id != NULL)
    present_editor (self, bf_member_editor_new (self->database, id,
                                                g_variant_get_string (parameter, NULL)));
}

static void
void_visit (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;

  if (self->database != NULL)
    present_editor (self, bf_void_dialog_new (self->database, BF_ENTITY_VISIT,
                                              g_variant_get_string (parameter, NULL)));
}

static void
void_payment (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;

  if (self->database != NULL)
    present_editor (self, bf_void_dialog_new (self->database, BF_ENTITY_PAYMENT,
                                              g_variant_get_string (parameter, NULL)));
}

static void
show_household (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "households");
  gtk_stack_set_visible_child_name (self->top_stack, "main");
  /* Choose it in the list too when it is there (it may be filtered out). */
  if (!bf_household_list_select_id (self->household_list, id))
    bf_window_show_household (self, id);
  gtk_popover_popdown (bf_sync_status_get_popover (self->sync_status));
}

static void
sync_now (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;

  if (self->controller == NULL)
    return;
  if (bf_sync_controller_get_server_url (self->controller) == NULL)
    {
      bf_window_toast (self, _("This device is not signed in to a server"));
      return;
    }
  bf_sync_controller_sync_now (self->controller);
}

static void
focus_search (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack, "households");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (bf_household_list_get_search_entry (self->household_list)));
}

static void
go_back (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  BfWindow *self = user_data;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
set_enabled (BfWindow *self, const char *name, gboolean enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
bf_window_update_actions (BfWindow *self)
{
  gboolean has = current_household (self) != NULL &&
                 g_strcmp0 (gtk_stack_get_visible_child_name (self->top_stack), "main") == 0;

  set_enabled (self, "new-visit", has);
  set_enabled (self, "new-payment", has);
  set_enabled (self, "new-income", has);
  set_enabled (self, "add-member", has);
  set_enabled (self, "edit-member", has);
}

static const GActionEntry entries[] = {
  { "new-visit", new_visit },
  { "new-payment", new_payment },
  { "new-income", new_income },
  { "add-member", add_member },
  { "edit-member", edit_member, "s" },
  { "void-visit", void_visit, "s" },
  { "void-payment", void_payment, "s" },
  { "show-household", show_household, "s" },
  { "sync-now", sync_now },
  { "search", focus_search },
  { "back", go_back },
};

void
bf_window_add_actions (BfWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
