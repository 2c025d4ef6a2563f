/* bf-scope.c: what a device may see. */
#include "bf-config.h"
#include "bf-sync.h"

BfScope *
bf_scope_new (void)
{
  BfScope *scope = g_new0 (BfScope, 1);

  scope->town_ids = g_ptr_array_new_with_free_func (g_free);
  scope->village_ids = g_ptr_array_new_with_free_func (g_free);
  return scope;
}

BfScope *
bf_scope_new_district (void)
{
  BfScope *scope = bf_scope_new ();

  scope->district = TRUE;
  return scope;
}

void
bf_scope_add_town (BfScope *scope, const char *town_id)
{
  g_ptr_array_add (scope->town_ids, g_strdup (town_id));
}

void
bf_scope_add_village (BfScope *scope, const char *village_id)
{
  g_ptr_array_add (scope->village_ids, g_strdup (village_id));
}

void
bf_scope_free (BfScope *scope)
{
  if (scope == NULL)
    return;
  g_ptr_array_unref (scope->town_ids);
  g_ptr_array_unref (scope->village_ids);
  g_free (scope);
}
