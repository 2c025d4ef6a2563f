/* bf-household-sections.c: rows for the household page. */
#include "bf-config.h"
#include "bf-household-sections.h"

#include <glib/gi18n.h>

#include "bf-format.h"
#include "bf-labels.h"

void
bf_sections_clear (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

void
bf_sections_add_placeholder (GtkListBox *box, const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (box, row);
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static GtkWidget *
action_button (const char *icon, const char *tooltip, const char *action, const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

void
bf_sections_fill_members (GtkListBox *box, const BfHouseholdDetail *detail,
                          GHashTable *duplicates)
{
  bf_sections_clear (box);
  for (guint i = 0; i < detail->members->len; i++)
    {
      const BfMember *member = g_ptr_array_index (detail->members, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *birth = bf_format_iso_date_zh (member->birth_date);
      g_autofree char *subtitle = NULL;
      g_autofree char *name = escape (member->name);
      const char *other = duplicates ? g_hash_table_lookup (duplicates, member->id) : NULL;

      title = g_strdup_printf ("%s <span size=\"small\" alpha=\"70%%\">%s</span>", name,
                               bf_label_relation (member->relation));
      subtitle = g_strdup_printf ("%s · %s%s%s", member->id_number ? member->id_number : _("No ID number"),
                                  bf_label_sex (member->sex), birth ? " · " : "", birth ? birth : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      if (other != NULL)
        {
          /* Offline, against what this device holds: the district may know more. */
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          g_autofree char *warning = g_strdup_printf (_("The same ID number is on record for %s"),
                                                      other);
          g_autofree char *escaped = escape (warning);
          g_autofree char *with_warning = g_strdup_printf ("%s\n<span foreground=\"#c01c28\">%s</span>",
                                                           subtitle, escaped);

          g_clear_pointer (&subtitle, g_free);
          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, warning);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), with_warning);
        }
      else
        {
          g_autofree char *escaped = escape (subtitle);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button ("document-edit-symbolic", _("Edit Member"),
                                                "win.edit-member", member->id));
      gtk_list_box_append (box, row);
    }
  if (detail->members->len == 0)
    bf_sections_add_placeholder (box, _("No members on record"));
}

/* A struck-through title and the reason, for a voided entry. */
static void
set_entry_text (GtkWidget *row, const char *title, const char *detail, const char *money,
                const char *voided_reason)
{
  g_autofree char *escaped_title = escape (title);
  g_autofree char *escaped_detail = escape (detail);
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_widget_add_css_class (amount, "numeric");
  if (voided_reason != NULL)
    {
      g_autofree char *struck = g_strdup_printf ("<s>%s</s>", escaped_title);
      g_autofree char *reason = g_strdup_printf (_("Voided: %s"), voided_reason);
      g_autofree char *escaped_reason = escape (reason);
      g_autofree char *subtitle = g_strdup_printf ("<s>%s</s>\n<span foreground=\"#c01c28\">%s</span>",
                                                   escaped_detail, escaped_reason);
      g_autofree char *struck_money = g_strdup_printf ("<s>%s</s>", money);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), struck);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_label_set_markup (GTK_LABEL (amount), struck_money);
      gtk_widget_add_css_class (row, "bf-voided");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_detail);
      gtk_label_set_text (GTK_LABEL (amount), money);
    }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
}

void
bf_sections_add_visits (GtkListBox *box, const BfHouseholdDetail *detail, guint from, guint to)
{
  for (guint i = from; i < to && i < detail->visits->len; i++)
    {
      const BfVisitLine *line = g_ptr_array_index (detail->visits, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = bf_format_iso_date_zh (line->visit->date);
      g_autofree char *title = g_strdup_printf ("%s · %s", date ? date : line->visit->date,
                                                line->cadre_name ? line->cadre_name : "");
      g_autofree char *kinds = bf_label_help_kinds (line->visit->kinds);
      g_autofree char *text = NULL;
      g_autofree char *money = bf_format_money (line->visit->amount_fen);

      if (line->visit->description != NULL && *line->visit->description != '\0')
        text = g_strdup_printf ("%s — %s", kinds, line->visit->description);
      else
        text = g_strdup (kinds);
      set_entry_text (row, title, text, money, line->voided_reason);
      if (line->voided_reason == NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   action_button ("edit-undo-symbolic", _("Void Visit"),
                                                  "win.void-visit", line->visit->id));
      gtk_list_box_append (box, row);
    }
}

void
bf_sections_add_payments (GtkListBox *box, const BfHouseholdDetail *detail, guint from, guint to)
{
  for (guint i = from; i < to && i < detail->payments->len; i++)
    {
      const BfPaymentLine *line = g_ptr_array_index (detail->payments, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = bf_format_iso_date_zh (line->payment->date);
      g_autofree char *title = NULL;
      g_autofree char *money = bf_format_money (line->payment->amount_fen);
      const char *source = bf_label_source (line->payment->source);

      if (line->giver_name != NULL)
        title = g_strdup_printf ("%s · %s（%s）", date ? date : line->payment->date, source,
                                 line->giver_name);
      else
        title = g_strdup_printf ("%s · %s", date ? date : line->payment->date, source);
      set_entry_text (row, title, line->payment->purpose ? line->payment->purpose : "", money,
                      line->voided_reason);
      if (line->voided_reason == NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   action_button ("edit-undo-symbolic", _("Void Payment"),
                                                  "win.void-payment", line->payment->id));
      gtk_list_box_append (box, row);
    }
}

void
bf_sections_fill_incomes (GtkListBox *box, const BfHouseholdDetail *detail)
{
  bf_sections_clear (box);
  for (guint i = 0; i < detail->incomes->len; i++)
    {
      const BfHouseholdIncome *income = g_ptr_array_index (detail->incomes, i);
      GtkWidget *row = adw_action_row_new ();
      /* TRANSLATORS: a year's per-capita income row title, "2016年" */
      g_autofree char *year = g_strdup_printf (_("Year %d"), income->year);
      g_autofree char *money = bf_format_money (income->per_capita_fen);
      GtkWidget *amount = gtk_label_new (money);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), year);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Per-capita disposable income"));
      gtk_widget_add_css_class (amount, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_list_box_append (box, row);
    }
  if (detail->incomes->len == 0)
    bf_sections_add_placeholder (box, _("No income recorded"));
}

void
bf_sections_fill_pairings (GtkListBox *box, const BfHouseholdDetail *detail)
{
  bf_sections_clear (box);
  for (guint i = 0; i < detail->pairings->len; i++)
    {
      const BfPairingLine *line = g_ptr_array_index (detail->pairings, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *from = bf_format_iso_date_zh (line->pairing->from_date);
      g_autofree char *to = bf_format_iso_date_zh (line->pairing->to_date);
      g_autofree char *period = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *name = escape (line->cadre_name);

      if (to != NULL)
        period = g_strdup_printf (_("%s to %s"), from ? from : "", to);
      else
        period = g_strdup_printf (_("Since %s"), from ? from : "");
      subtitle = line->cadre_phone != NULL ? g_strdup_printf ("%s · %s", period, line->cadre_phone)
                                           : g_strdup (period);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (to != NULL)
        gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (box, row);
    }
  if (detail->pairings->len == 0)
    bf_sections_add_placeholder (box, _("No cadre paired"));
}
