/* bf-household-page.c: a household's page, from one store read. */
#include "bf-config.h"
#include "bf-household-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bf-household-sections.h"
#include "bf-labels.h"

/* Rows made at once; the rest on request, so a household with a thousand visits opens fast. */
#define FIRST_ROWS 30

struct _BfHouseholdPage {
  GtkWidget          parent_instance;
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkScrolledWindow *scroller;
  GtkLabel          *title_label;
  GtkLabel          *summary_label;
  BfHouseholdCard   *card;
  GtkListBox        *members_box;
  GtkListBox        *visits_box;
  GtkListBox        *payments_box;
  GtkListBox        *incomes_box;
  GtkListBox        *pairings_box;

  BfAppDatabase     *database;
  gulong             changed_handler;
  char              *id;
  char              *title;
  BfHouseholdDetail *detail;
  guint              generation;   /* a newer load makes older results stale */
  gboolean           loading;
};

G_DEFINE_FINAL_TYPE (BfHouseholdPage, bf_household_page, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

GtkWidget *
bf_household_page_new (void)
{
  return g_object_new (BF_TYPE_HOUSEHOLD_PAGE, NULL);
}

typedef struct {
  BfHouseholdDetail *detail;
  GHashTable        *duplicates;   /* member id → the other holder's name */
} PageData;

static void
page_data_free (gpointer pointer)
{
  PageData *data = pointer;

  g_clear_pointer (&data->detail, bf_household_detail_free);
  g_clear_pointer (&data->duplicates, g_hash_table_unref);
  g_free (data);
}

static gpointer
load_job (BfStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  const char *id = data;
  PageData *page = g_new0 (PageData, 1);

  page->detail = bf_household_detail_load (store, id, error);
  if (page->detail == NULL)
    {
      page_data_free (page);
      return NULL;
    }
  page->duplicates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* A duplicate ID number is checked against what this device holds: offline is normal. */
  for (guint i = 0; i < page->detail->members->len; i++)
    {
      const BfMember *member = g_ptr_array_index (page->detail->members, i);
      g_autoptr(GPtrArray) same = NULL;

      if (member->id_number == NULL || *member->id_number == '\0')
        continue;
      same = bf_member_list_by (store, "id_number", member->id_number, NULL);
      for (guint j = 0; same != NULL && j < same->len; j++)
        {
          const BfMember *other = g_ptr_array_index (same, j);
          if (g_strcmp0 (other->id, member->id) != 0)
            {
              g_hash_table_insert (page->duplicates, g_strdup (member->id), g_strdup (other->name));
              break;
            }
        }
    }
  return page;
}

static void fill (BfHouseholdPage *self);

typedef struct {
  BfHouseholdPage *page;
  guint            generation;
} LoadCall;

static void
loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadCall *call = user_data;
  g_autoptr(BfHouseholdPage) self = call->page;
  g_autoptr(GError) error = NULL;
  PageData *data = bf_app_database_run_finish (BF_APP_DATABASE (source), result, &error);
  guint generation = call->generation;

  g_free (call);
  if (generation != self->generation)
    {
      g_clear_pointer (&data, page_data_free);
      return;
    }
  self->loading = FALSE;
  if (data == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  g_clear_pointer (&self->detail, bf_household_detail_free);
  self->detail = g_steal_pointer (&data->detail);
  g_object_set_data_full (G_OBJECT (self), "bf-duplicates", g_steal_pointer (&data->duplicates),
                          (GDestroyNotify) g_hash_table_unref);
  page_data_free (data);
  fill (self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
load (BfHouseholdPage *self)
{
  LoadCall *call;

  if (self->database == NULL || self->id == NULL)
    return;
  call = g_new0 (LoadCall, 1);
  call->page = g_object_ref (self);
  call->generation = ++self->generation;
  self->loading = TRUE;
  bf_app_database_run (self->database, load_job, g_strdup (self->id), g_free, NULL, loaded, call);
}

static void
on_more_visits (GtkButton *button, BfHouseholdPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  guint from = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bf-from"));
  gboolean visits = g_object_get_data (G_OBJECT (button), "bf-visits") != NULL;

  gtk_list_box_remove (visits ? self->visits_box : self->payments_box, row);
  if (visits)
    bf_sections_add_visits (self->visits_box, self->detail, from, self->detail->visits->len);
  else
    bf_sections_add_payments (self->payments_box, self->detail, from, self->detail->payments->len);
}

static void
add_more_row (BfHouseholdPage *self, GtkListBox *box, guint shown, guint total, gboolean visits)
{
  GtkWidget *button;
  g_autofree char *label = NULL;

  if (shown >= total)
    return;
  /* TRANSLATORS: a button under a long list, "显示全部 1000 条" */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Entry", "Show All %u Entries",
                                        total), total);
  button = gtk_button_new_with_label (label);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "bf-from", GUINT_TO_POINTER (shown));
  if (visits)
    g_object_set_data (G_OBJECT (button), "bf-visits", GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "clicked", G_CALLBACK (on_more_visits), self);
  gtk_list_box_append (box, button);
}

static void
fill (BfHouseholdPage *self)
{
  const BfHouseholdDetail *detail = self->detail;
  const BfHousehold *household = detail->household;
  g_autofree char *summary = g_strdup_printf ("%s·%s · %s · %s",
                                              detail->village_name ? detail->village_name : "",
                                              detail->town_name ? detail->town_name : "",
                                              bf_label_category (household->category),
                                              bf_label_status (household->status));
  guint visits = detail->visits->len, payments = detail->payments->len;
  double scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));

  g_free (self->title);
  self->title = g_strdup (household->head_name);
  gtk_label_set_text (self->title_label, household->head_name);
  gtk_label_set_text (self->summary_label, summary);
  bf_household_card_show (self->card, detail);
  bf_sections_fill_members (self->members_box, detail,
                            g_object_get_data (G_OBJECT (self), "bf-duplicates"));
  bf_sections_clear (self->visits_box);
  bf_sections_add_visits (self->visits_box, detail, 0, MIN (visits, FIRST_ROWS));
  add_more_row (self, self->visits_box, MIN (visits, FIRST_ROWS), visits, TRUE);
  if (visits == 0)
    bf_sections_add_placeholder (self->visits_box, _("No visits yet"));
  bf_sections_clear (self->payments_box);
  bf_sections_add_payments (self->payments_box, detail, 0, MIN (payments, FIRST_ROWS));
  add_more_row (self, self->payments_box, MIN (payments, FIRST_ROWS), payments, FALSE);
  if (payments == 0)
    bf_sections_add_placeholder (self->payments_box, _("No payments yet"));
  bf_sections_fill_incomes (self->incomes_box, detail);
  bf_sections_fill_pairings (self->pairings_box, detail);
  gtk_stack_set_visible_child_name (self->stack, "page");
  /* A reload after a save keeps the place; another household starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), scroll);
}

static void
on_households_changed (BfAppDatabase *database, const char *const *ids, BfHouseholdPage *self)
{
  if (self->id == NULL)
    return;
  if (ids == NULL || g_strv_contains (ids, self->id))
    load (self);
}

void
bf_household_page_set_database (BfHouseholdPage *self, BfAppDatabase *database)
{
  g_return_if_fail (BF_IS_HOUSEHOLD_PAGE (self));

  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_handler, self->database);
  g_set_object (&self->database, database);
  if (database != NULL)
    self->changed_handler = g_signal_connect (database, "households-changed",
                                              G_CALLBACK (on_households_changed), self);
  bf_household_card_set_database (self->card, database);
}

void
bf_household_page_show (BfHouseholdPage *self, const char *id)
{
  g_return_if_fail (BF_IS_HOUSEHOLD_PAGE (self));

  if (g_strcmp0 (id, self->id) == 0 && (self->detail != NULL || self->loading))
    return;
  g_free (self->id);
  self->id = g_strdup (id);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, bf_household_detail_free);
  if (id == NULL)
    {
      self->generation++;
      self->loading = FALSE;
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  load (self);
}

const char *bf_household_page_get_id (BfHouseholdPage *self) { return self->id; }
const char *bf_household_page_get_title (BfHouseholdPage *self) { return self->title; }
gboolean bf_household_page_get_loading (BfHouseholdPage *self) { return self->loading; }
BfHouseholdCard *bf_household_page_get_card (BfHouseholdPage *self) { return self->card; }
GtkListBox *bf_household_page_get_visits_box (BfHouseholdPage *self) { return self->visits_box; }

static void
bf_household_page_dispose (GObject *object)
{
  BfHouseholdPage *self = BF_HOUSEHOLD_PAGE (object);

  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_object (&self->database);
  /* A load still on its way finds a newer generation and drops its result. */
  self->generation++;
  gtk_widget_dispose_template (GTK_WIDGET (object), BF_TYPE_HOUSEHOLD_PAGE);
  {
    GtkWidget *child;

    /* The template's root has no name, so dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (bf_household_page_parent_class)->dispose (object);
}

static void
bf_household_page_finalize (GObject *object)
{
  BfHouseholdPage *self = BF_HOUSEHOLD_PAGE (object);

  g_free (self->id);
  g_free (self->title);
  g_clear_pointer (&self->detail, bf_household_detail_free);
  G_OBJECT_CLASS (bf_household_page_parent_class)->finalize (object);
}

static void
bf_household_page_class_init (BfHouseholdPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bf_household_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = bf_household_page_finalize;

  g_type_ensure (BF_TYPE_HOUSEHOLD_CARD);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/bangfu/Bangfu/ui/bf-household-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, card);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, members_box);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, visits_box);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, payments_box);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, incomes_box);
  gtk_widget_class_bind_template_child (widget_class, BfHouseholdPage, pairings_box);

  /* A load finished (the page, or its error, shows). */
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bf_household_page_init (BfHouseholdPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
