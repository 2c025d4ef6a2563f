/* bf-labels.c: translated names for the ledger's codes. */
#include "bf-config.h"
#include "bf-labels.h"

#include <glib/gi18n.h>

/* N_() so xgettext sees them; _() at the call, when the locale is set. */
static const char *category_labels[] = { N_("Hardship household"), N_("Minimum living allowance"),
                                          N_("Five guarantees"), NULL };
static const char *labour_labels[] = { N_("Able to work"), N_("Partly able to work"),
                                       N_("Unable to work"), NULL };
static const char *status_labels[] = { N_("Registered"), N_("Exited poverty"),
                                       N_("Fell back into poverty"), NULL };
static const char *relation_labels[] = { N_("Head"), N_("Spouse"), N_("Child"),
                                         N_("Child-in-law"), N_("Grandchild"), N_("Parent"),
                                         N_("Sibling"), N_("Other relation"), NULL };
static const char *sex_labels[] = { N_("Male"), N_("Female"), NULL };
static const char *source_labels[] = { N_("District finance"), N_("Town matching funds"),
                                       N_("Charity federation"), N_("Pairing cadre"),
                                       N_("Assisting unit"), N_("Other source"), NULL };
static const char *help_labels[] = { N_("Policy explained"), N_("Funds"), N_("Goods"),
                                     N_("Skills training"), N_("Employment"), N_("Industry"),
                                     N_("Medical aid"), N_("Education aid"),
                                     N_("Housing repair"), N_("Other help"), NULL };

static const char *
lookup (const char **labels, guint n, int value)
{
  if (value < 0 || (guint) value >= n)
    return "?";
  return _(labels[value]);
}

#define LOOKUP(labels, value) lookup (labels, G_N_ELEMENTS (labels) - 1, (int) (value))

const char *bf_label_category (BfCategory category) { return LOOKUP (category_labels, category); }
const char *bf_label_labour (BfLabour labour) { return LOOKUP (labour_labels, labour); }
const char *bf_label_status (BfHouseholdStatus status) { return LOOKUP (status_labels, status); }
const char *bf_label_relation (BfRelation relation) { return LOOKUP (relation_labels, relation); }
const char *bf_label_sex (BfSex sex) { return LOOKUP (sex_labels, sex); }
const char *bf_label_source (BfPaymentSource source) { return LOOKUP (source_labels, source); }

const char *
bf_label_entity (BfEntityKind kind)
{
  switch (kind)
    {
    case BF_ENTITY_HOUSEHOLD: return _("Household card");
    case BF_ENTITY_MEMBER: return _("Member");
    case BF_ENTITY_PAIRING: return _("Pairing");
    case BF_ENTITY_VISIT: return _("Visit");
    case BF_ENTITY_PAYMENT: return _("Payment");
    case BF_ENTITY_HOUSEHOLD_INCOME: return _("Household income");
    case BF_ENTITY_VILLAGE_INCOME: return _("Village collective income");
    case BF_ENTITY_INSPECTION: return _("Inspection");
    case BF_ENTITY_CONFLICT: return _("Conflict");
    case BF_ENTITY_TOWN:
    case BF_ENTITY_VILLAGE:
    case BF_ENTITY_UNIT:
    case BF_ENTITY_CADRE:
    case BF_N_ENTITIES:
    default:
      return _("Reference data");
    }
}

char *
bf_label_help_kinds (guint kinds)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; help_labels[i] != NULL; i++)
    if (kinds & (1u << i))
      {
        if (text->len > 0)
          g_string_append (text, "、");
        g_string_append (text, _(help_labels[i]));
      }
  return g_string_free (text, FALSE);
}

static const char * const *
translated (const char **labels, const char ***cache, gsize n)
{
  /* Translated once: the locale does not change while the app runs. */
  if (g_once_init_enter (cache))
    {
      const char **out = g_new0 (const char *, n);
      for (gsize i = 0; labels[i] != NULL; i++)
        out[i] = _(labels[i]);
      g_once_init_leave (cache, out);
    }
  return *cache;
}

const char * const *
bf_labels_categories (void)
{
  static const char **cache;
  return translated (category_labels, &cache, G_N_ELEMENTS (category_labels));
}

const char * const *
bf_labels_labours (void)
{
  static const char **cache;
  return translated (labour_labels, &cache, G_N_ELEMENTS (labour_labels));
}

const char * const *
bf_labels_statuses (void)
{
  static const char **cache;
  return translated (status_labels, &cache, G_N_ELEMENTS (status_labels));
}
