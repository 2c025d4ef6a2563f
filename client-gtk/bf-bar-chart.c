/* bf-bar-chart.c: a small bar chart. GTK 4.8 has no chart widget and the app needs only
 * horizontal bars with a target mark, so it draws them itself: cairo for the bars, Pango
 * layouts from the widget (its font, so CJK falls back like every label) for the text.
 */
#include "bf-config.h"
#include "bf-bar-chart.h"

#include <math.h>

#define ROW_HEIGHT 30
#define BAR_HEIGHT 16
#define GAP 10
#define MIN_BAR_WIDTH 60

typedef struct {
  char  *label;
  double value;
  double target;
  char  *value_text;
} Bar;

struct _BfBarChart {
  GtkWidget parent_instance;
  GArray   *bars;      /* Bar */
  char     *title;
  int       focused;   /* the bar Enter activates, -1 for none */
};

G_DEFINE_FINAL_TYPE (BfBarChart, bf_bar_chart, GTK_TYPE_WIDGET)

enum { SIGNAL_BAR_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
bar_clear (gpointer pointer)
{
  Bar *bar = pointer;

  g_free (bar->label);
  g_free (bar->value_text);
}

/* "脱贫进度：源潭镇 31.25%，目标 30%；…" for a screen reader. */
static void
update_accessible (BfBarChart *self)
{
  GString *text = g_string_new (self->title);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_string_append_printf (text, "%s%s %s", text->len > 0 ? "; " : "", bar->label,
                              bar->value_text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
  g_string_free (text, TRUE);
}

static int
label_column_width (BfBarChart *self, int width)
{
  int widest = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), bar->label);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  /* Long names give way to the bars on a narrow window; they are ellipsized. */
  return MIN (widest, width * 2 / 5);
}

static int
value_column_width (BfBarChart *self)
{
  int widest = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      bar->value_text);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
bf_bar_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                      int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  BfBarChart *self = BF_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = MAX (1, (int) self->bars->len) * ROW_HEIGHT;
    }
  else
    {
      int values = value_column_width (self);
      *minimum = 80 + GAP + MIN_BAR_WIDTH + GAP + values;
      *natural = label_column_width (self, G_MAXINT / 4) + GAP + 240 + GAP + values;
    }
}

static void
draw_text (BfBarChart *self, cairo_t *cr, const GdkRGBA *color, const char *text, double x,
           double y_center, int width, gboolean ellipsize)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int h;

  if (ellipsize)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, NULL, &h);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y_center - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
bf_bar_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  BfBarChart *self = BF_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int labels = label_column_width (self, width);
  int values = value_column_width (self);
  double bar_x = labels + GAP;
  double bar_width = MAX (1, width - bar_x - GAP - values);
  GdkRGBA fg, track, below = { 0.90, 0.38, 0.0, 1 }, met = { 0.15, 0.64, 0.41, 1 };
  cairo_t *cr;

  if (self->bars->len == 0 || width <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  track = fg;
  track.alpha = 0.1;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      double y = i * ROW_HEIGHT + ROW_HEIGHT / 2.0;
      double fill = CLAMP (bar->value, 0, 1) * bar_width;
      gboolean reached = bar->target < 0 || bar->value + 1e-9 >= bar->target;

      draw_text (self, cr, &fg, bar->label, 0, y, labels, TRUE);
      gdk_cairo_set_source_rgba (cr, &track);
      cairo_rectangle (cr, bar_x, y - BAR_HEIGHT / 2.0, bar_width, BAR_HEIGHT);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, reached ? &met : &below);
      cairo_rectangle (cr, bar_x, y - BAR_HEIGHT / 2.0, fill, BAR_HEIGHT);
      cairo_fill (cr);
      if (bar->target >= 0)
        {
          double x = bar_x + CLAMP (bar->target, 0, 1) * bar_width;
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, round (x), y - BAR_HEIGHT / 2.0 - 4);
          cairo_line_to (cr, round (x), y + BAR_HEIGHT / 2.0 + 4);
          cairo_stroke (cr);
        }
      if ((int) i == self->focused && gtk_widget_has_focus (widget))
        {
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, 0.5, i * ROW_HEIGHT + 0.5, width - 1, ROW_HEIGHT - 1);
          cairo_stroke (cr);
        }
      draw_text (self, cr, &fg, bar->value_text, bar_x + bar_width + GAP, y, values, FALSE);
    }
  cairo_destroy (cr);
}

/* ---- Clicks and keys ---- */

static void
clicked (GtkGestureClick *gesture, int n_press, double x, double y, BfBarChart *self)
{
  int index = (int) (y / ROW_HEIGHT);

  if (index < 0 || (guint) index >= self->bars->len)
    return;
  self->focused = index;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_BAR_ACTIVATED], 0, (guint) index);
}

static gboolean
key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
             GdkModifierType state, BfBarChart *self)
{
  int n = (int) self->bars->len;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->focused <= 0)
        return FALSE;   /* let focus leave the chart */
      self->focused--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->focused >= n - 1)
        return FALSE;
      self->focused++;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->focused < 0)
        self->focused = 0;
      g_signal_emit (self, signals[SIGNAL_BAR_ACTIVATED], 0, (guint) self->focused);
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
focus_changed (BfBarChart *self)
{
  if (self->focused < 0 && self->bars->len > 0)
    self->focused = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- API ---- */

GtkWidget *
bf_bar_chart_new (void)
{
  return g_object_new (BF_TYPE_BAR_CHART, NULL);
}

void
bf_bar_chart_clear (BfBarChart *self)
{
  g_return_if_fail (BF_IS_BAR_CHART (self));
  g_array_set_size (self->bars, 0);
  self->focused = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
bf_bar_chart_add (BfBarChart *self, const char *label, double value, double target,
                  const char *value_text)
{
  Bar bar = { g_strdup (label), value, target, g_strdup (value_text) };

  g_return_if_fail (BF_IS_BAR_CHART (self));
  g_array_append_val (self->bars, bar);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
bf_bar_chart_get_n_bars (BfBarChart *self)
{
  g_return_val_if_fail (BF_IS_BAR_CHART (self), 0);
  return self->bars->len;
}

const char *
bf_bar_chart_get_label (BfBarChart *self, guint index)
{
  g_return_val_if_fail (BF_IS_BAR_CHART (self) && index < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, index).label;
}

double
bf_bar_chart_get_value (BfBarChart *self, guint index)
{
  g_return_val_if_fail (BF_IS_BAR_CHART (self) && index < self->bars->len, 0);
  return g_array_index (self->bars, Bar, index).value;
}

const char *
bf_bar_chart_get_value_text (BfBarChart *self, guint index)
{
  g_return_val_if_fail (BF_IS_BAR_CHART (self) && index < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, index).value_text;
}

void
bf_bar_chart_set_title (BfBarChart *self, const char *title)
{
  g_return_if_fail (BF_IS_BAR_CHART (self));
  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
}

static void
bf_bar_chart_finalize (GObject *object)
{
  BfBarChart *self = BF_BAR_CHART (object);

  g_array_unref (self->bars);
  g_free (self->title);
  G_OBJECT_CLASS (bf_bar_chart_parent_class)->finalize (object);
}

static void
bf_bar_chart_class_init (BfBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bf_bar_chart_finalize;
  widget_class->measure = bf_bar_chart_measure;
  widget_class->snapshot = bf_bar_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /**
   * BfBarChart::bar-activated:
   * @index: the bar's index, in the order added
   */
  signals[SIGNAL_BAR_ACTIVATED] =
    g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
bf_bar_chart_init (BfBarChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->focused = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  g_signal_connect (click, "released", G_CALLBACK (clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
