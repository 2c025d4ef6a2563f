/* bf-refused-row.c: a refused change, in words. */
#include "bf-config.h"
#include "bf-refused-row.h"

#include <glib/gi18n.h>

#include "bf-labels.h"
#include "bf-schema.h"

struct _BfRefusedRow {
  GtkListBoxRow parent_instance;
  gint64       seq;
  char        *reason;
};

G_DEFINE_FINAL_TYPE (BfRefusedRow, bf_refused_row, GTK_TYPE_LIST_BOX_ROW)

enum { SIGNAL_RESEND, N_SIGNALS };
static guint signals[N_SIGNALS];

/* "联系电话：123；住址：…" — the fields by their labels. */
static char *
describe_fields (const BfChange *change)
{
  const BfEntityDef *def = bf_entity_def (change->entity);
  GString *text = g_string_new (NULL);

  if (bf_change_is_creation (change))
    return g_strdup (_("New record"));
  for (guint i = 0; i < change->fields->len; i++)
    {
      const BfFieldChange *field = g_ptr_array_index (change->fields, i);
      const BfFieldDef *fdef = bf_entity_field (def, field->name);

      if (text->len > 0)
        g_string_append (text, "；");
      if (g_str_equal (field->name, BF_FIELD_DELETED))
        {
          g_string_append (text, _("Deleted"));
          continue;
        }
      g_string_append_printf (text, "%s：%s", fdef != NULL ? _(fdef->label) : field->name,
                              field->value != NULL ? field->value : _("(empty)"));
    }
  return g_string_free (text, FALSE);
}

static void
on_resend_clicked (BfRefusedRow *self)
{
  g_signal_emit (self, signals[SIGNAL_RESEND], 0, self->seq);
}

static GtkWidget *
wrapped_label (const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

GtkWidget *
bf_refused_row_new (const BfRefusedChange *refused)
{
  BfRefusedRow *self = g_object_new (BF_TYPE_REFUSED_ROW, NULL);
  g_autofree char *fields = describe_fields (refused->change);
  g_autofree char *title = g_strdup_printf ("%s · %s", bf_label_entity (refused->change->entity),
                                            fields);
  /* Text above, buttons below: at phone width a row has no room beside its words. */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *resend, *open;

  self->seq = refused->change->seq;
  self->reason = g_strdup (refused->reason != NULL ? refused->reason : _("No reason given"));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), wrapped_label (title, NULL));
  gtk_box_append (GTK_BOX (box), wrapped_label (self->reason, "error"));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  if (refused->household_id != NULL)
    {
      open = gtk_button_new_with_label (_("Open Household"));
      gtk_widget_set_tooltip_text (open, _("Open the household to fix it"));
      gtk_widget_add_css_class (open, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.show-household");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", refused->household_id);
      gtk_box_append (GTK_BOX (buttons), open);
    }
  resend = gtk_button_new_with_label (_("Resend"));
  gtk_widget_set_tooltip_text (resend, _("Send this change to the server again"));
  g_signal_connect_swapped (resend, "clicked", G_CALLBACK (on_resend_clicked), self);
  gtk_box_append (GTK_BOX (buttons), resend);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  return GTK_WIDGET (self);
}

gint64 bf_refused_row_get_seq (BfRefusedRow *self) { return self->seq; }
const char *bf_refused_row_get_reason (BfRefusedRow *self) { return self->reason; }

static void
bf_refused_row_finalize (GObject *object)
{
  g_free (BF_REFUSED_ROW (object)->reason);
  G_OBJECT_CLASS (bf_refused_row_parent_class)->finalize (object);
}

static void
bf_refused_row_class_init (BfRefusedRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_refused_row_finalize;

  /* (seq) */
  signals[SIGNAL_RESEND] =
    g_signal_new ("resend", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
bf_refused_row_init (BfRefusedRow *self)
{
}
