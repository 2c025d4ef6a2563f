/* bf-editor-common.c: limits, the current cadre, date checks and code labels for the editors. */
#include "bf-config.h"
#include "bf-editor-common.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bf-format.h"
#include "bf-validate.h"

void
bf_editor_limits_load (BfStore *store, BfEditorLimits *out)
{
  BfCheckContext context;

  bf_store_get_check_context (store, &context);
  out->today = context.today;
  out->programme_start = context.policy->programme_start;
  out->max_amount_fen = context.policy->max_amount_fen;
  out->visits_per_year = MAX (context.policy->visits_per_year, 1);
}

char *
bf_current_cadre_id (BfStore *store)
{
  g_autofree char *cadre = bf_store_get_meta (store, "cadre_id");
  g_autofree char *scope = NULL;
  g_autoptr(BfCadre) record = NULL;
  const char *id = NULL;

  if (cadre != NULL && *cadre != '\0')
    id = cadre;
  else
    {
      scope = bf_store_get_meta (store, "scope");
      if (scope != NULL && g_str_has_prefix (scope, "cadre:"))
        id = scope + strlen ("cadre:");
    }
  if (id == NULL)
    return NULL;
  /* A cadre this store does not hold is no one the dialogs can name. */
  record = bf_cadre_get (store, id, NULL);
  return record != NULL ? g_strdup (id) : NULL;
}

gboolean
bf_editor_check_date (const char *text, const char *field, const BfEditorLimits *limits,
                      gboolean in_programme, GDate *out, GError **error)
{
  GDate date;
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
                   _("%s must not be empty"), field);
      return FALSE;
    }
  if (!bf_parse_date (trimmed, field, &date, error) ||
      !bf_validate_date_between (&date, in_programme ? &limits->programme_start : NULL,
                                 &limits->today, field, error))
    return FALSE;
  if (out != NULL)
    *out = date;
  return TRUE;
}

char *
bf_editor_date_hint (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  return bf_format_iso_date_zh (trimmed);
}

GtkWidget *
bf_editor_drop_down_new (const char *const *labels)
{
  GtkStringList *list = gtk_string_list_new (labels);

  return gtk_drop_down_new (G_LIST_MODEL (list), NULL);
}
