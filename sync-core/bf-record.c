/* bf-record.c: generic struct handling for every entity, driven by bf-schema.c. */
#include "bf-config.h"
#include "bf-record.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bf-uuid.h"
#include "bf-validate.h"

/* Free text longer than this is a paste accident, not a visit note. */
#define MAX_TEXT_BYTES 8000

#define FIELD_PTR(record, field) ((char *) (record) + (field)->offset)
#define STR_AT(record, field) (*(char **) FIELD_PTR (record, field))
#define INT_AT(record, field) (*(int *) FIELD_PTR (record, field))
#define UINT_AT(record, field) (*(guint *) FIELD_PTR (record, field))
#define I64_AT(record, field) (*(gint64 *) FIELD_PTR (record, field))

static gboolean
field_is_string (const BfFieldDef *field)
{
  switch (field->type)
    {
    case BF_FIELD_TEXT:
    case BF_FIELD_DATE:
    case BF_FIELD_REF:
    case BF_FIELD_IDNUM:
    case BF_FIELD_PHONE:
      return TRUE;
    default:
      return FALSE;
    }
}

static guint
count_codes (const char * const *codes)
{
  guint n = 0;
  while (codes[n] != NULL)
    n++;
  return n;
}

gpointer
bf_record_new (BfEntityKind kind)
{
  return g_malloc0 (bf_entity_def (kind)->struct_size);
}

void
bf_record_free (BfEntityKind kind, gpointer record)
{
  const BfEntityDef *def = bf_entity_def (kind);

  if (record == NULL)
    return;
  g_free (bf_record_id (record));
  for (guint i = 0; i < def->n_fields; i++)
    if (field_is_string (&def->fields[i]))
      g_free (STR_AT (record, &def->fields[i]));
  g_free (record);
}

#define DEFINE_FREE_FUNC(name, KIND) \
  static void free_##name (gpointer record) { bf_record_free (KIND, record); }
DEFINE_FREE_FUNC (town, BF_ENTITY_TOWN)
DEFINE_FREE_FUNC (village, BF_ENTITY_VILLAGE)
DEFINE_FREE_FUNC (unit, BF_ENTITY_UNIT)
DEFINE_FREE_FUNC (cadre, BF_ENTITY_CADRE)
DEFINE_FREE_FUNC (household, BF_ENTITY_HOUSEHOLD)
DEFINE_FREE_FUNC (member, BF_ENTITY_MEMBER)
DEFINE_FREE_FUNC (pairing, BF_ENTITY_PAIRING)
DEFINE_FREE_FUNC (visit, BF_ENTITY_VISIT)
DEFINE_FREE_FUNC (payment, BF_ENTITY_PAYMENT)
DEFINE_FREE_FUNC (household_income, BF_ENTITY_HOUSEHOLD_INCOME)
DEFINE_FREE_FUNC (village_income, BF_ENTITY_VILLAGE_INCOME)
DEFINE_FREE_FUNC (inspection, BF_ENTITY_INSPECTION)
DEFINE_FREE_FUNC (conflict, BF_ENTITY_CONFLICT)
DEFINE_FREE_FUNC (year_lock, BF_ENTITY_YEAR_LOCK)

GDestroyNotify
bf_record_free_func (BfEntityKind kind)
{
  /* GPtrArray's free function takes one pointer, so each kind needs its own. */
  static const GDestroyNotify funcs[BF_N_ENTITIES] = {
    [BF_ENTITY_TOWN] = free_town,
    [BF_ENTITY_VILLAGE] = free_village,
    [BF_ENTITY_UNIT] = free_unit,
    [BF_ENTITY_CADRE] = free_cadre,
    [BF_ENTITY_HOUSEHOLD] = free_household,
    [BF_ENTITY_MEMBER] = free_member,
    [BF_ENTITY_PAIRING] = free_pairing,
    [BF_ENTITY_VISIT] = free_visit,
    [BF_ENTITY_PAYMENT] = free_payment,
    [BF_ENTITY_HOUSEHOLD_INCOME] = free_household_income,
    [BF_ENTITY_VILLAGE_INCOME] = free_village_income,
    [BF_ENTITY_INSPECTION] = free_inspection,
    [BF_ENTITY_CONFLICT] = free_conflict,
    [BF_ENTITY_YEAR_LOCK] = free_year_lock,
  };
  return funcs[kind];
}

gpointer
bf_record_copy (BfEntityKind kind, gconstpointer record)
{
  const BfEntityDef *def = bf_entity_def (kind);
  gpointer copy = g_memdup2 (record, def->struct_size);

  *(char **) copy = g_strdup (bf_record_id (record));
  for (guint i = 0; i < def->n_fields; i++)
    if (field_is_string (&def->fields[i]))
      STR_AT (copy, &def->fields[i]) = g_strdup (STR_AT (record, &def->fields[i]));
  return copy;
}

gboolean
bf_record_equal (BfEntityKind kind, gconstpointer a, gconstpointer b)
{
  const BfEntityDef *def = bf_entity_def (kind);

  if (g_strcmp0 (bf_record_id (a), bf_record_id (b)) != 0)
    return FALSE;
  for (guint i = 0; i < def->n_fields; i++)
    {
      g_autofree char *ta = bf_record_get_text (&def->fields[i], a);
      g_autofree char *tb = bf_record_get_text (&def->fields[i], b);
      if (g_strcmp0 (ta, tb) != 0)
        return FALSE;
    }
  return TRUE;
}

char *
bf_record_get_text (const BfFieldDef *field, gconstpointer record)
{
  switch (field->type)
    {
    case BF_FIELD_TEXT:
    case BF_FIELD_DATE:
    case BF_FIELD_REF:
    case BF_FIELD_IDNUM:
    case BF_FIELD_PHONE:
      {
        const char *s = STR_AT (record, field);
        return (s != NULL && *s) ? g_strdup (s) : NULL;
      }
    case BF_FIELD_INT:
      return g_strdup_printf ("%d", INT_AT (record, field));
    case BF_FIELD_BOOL:
      return g_strdup (INT_AT (record, field) ? "true" : "false");
    case BF_FIELD_MONEY:
    case BF_FIELD_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, I64_AT (record, field));
    case BF_FIELD_ENUM:
      {
        int v = INT_AT (record, field);
        if (v < 0 || (guint) v >= count_codes (field->codes))
          return g_strdup_printf ("%d", v);
        return g_strdup (field->codes[v]);
      }
    case BF_FIELD_FLAGS:
      {
        guint v = UINT_AT (record, field);
        GString *out = g_string_new (NULL);
        for (guint bit = 0; field->codes[bit] != NULL; bit++)
          if (v & (1u << bit))
            {
              if (out->len)
                g_string_append_c (out, ',');
              g_string_append (out, field->codes[bit]);
            }
        return g_string_free (out, FALSE);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
parse_int64 (const char *text, gint64 min, gint64 max, gint64 *out)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
fail_form (const BfFieldDef *field, const char *text, GError **error)
{
  g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
               _("%s: “%s” is not a valid value"), _(field->label), text);
  return FALSE;
}

gboolean
bf_record_set_text (const BfFieldDef *field, gpointer record, const char *text, GError **error)
{
  gboolean empty = text == NULL || *text == '\0';
  gint64 n = 0;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                   _("%s: the value is not valid UTF-8 text"), _(field->label));
      return FALSE;
    }

  if (field_is_string (field))
    {
      g_free (STR_AT (record, field));
      STR_AT (record, field) = empty ? NULL : g_strdup (text);
      return TRUE;
    }

  switch (field->type)
    {
    case BF_FIELD_INT:
      if (empty)
        n = 0;
      else if (!parse_int64 (text, G_MININT, G_MAXINT, &n))
        return fail_form (field, text, error);
      INT_AT (record, field) = (int) n;
      return TRUE;
    case BF_FIELD_MONEY:
    case BF_FIELD_INT64:
      if (empty)
        n = 0;
      else if (!parse_int64 (text, G_MININT64, G_MAXINT64, &n))
        return fail_form (field, text, error);
      I64_AT (record, field) = n;
      return TRUE;
    case BF_FIELD_BOOL:
      if (empty || g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0 ||
          g_ascii_strcasecmp (text, "no") == 0)
        INT_AT (record, field) = FALSE;
      else if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0 ||
               g_ascii_strcasecmp (text, "yes") == 0)
        INT_AT (record, field) = TRUE;
      else
        return fail_form (field, text, error);
      return TRUE;
    case BF_FIELD_ENUM:
      {
        int index = bf_code_index (field->codes, text);
        if (index < 0)
          {
            g_autofree char *allowed = g_strjoinv (", ", (char **) field->codes);
            g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                         _("%s: “%s” is not one of %s"), _(field->label), text ? text : "",
                         allowed);
            return FALSE;
          }
        INT_AT (record, field) = index;
        return TRUE;
      }
    case BF_FIELD_FLAGS:
      {
        g_auto(GStrv) parts = empty ? NULL : g_strsplit (text, ",", -1);
        guint v = 0;
        for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
          {
            int bit = bf_code_index (field->codes, g_strstrip (parts[i]));
            if (bit < 0)
              return fail_form (field, parts[i], error);
            v |= 1u << bit;
          }
        UINT_AT (record, field) = v;
        return TRUE;
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
check_date (const BfFieldDef *field, const char *value, const BfCheckContext *context,
            GError **error)
{
  const char *label = _(field->label);   /* one catalogue look-up, not two */
  GDate date;

  if (!bf_parse_date (value, label, &date, error))
    return FALSE;
  if (field->flags & BF_FIELD_IN_PROGRAMME)
    return bf_validate_date_between (&date, &context->policy->programme_start, &context->today,
                                     label, error);
  if (field->flags & BF_FIELD_NOT_FUTURE)
    return bf_validate_date_between (&date, NULL, &context->today, label, error);
  return TRUE;
}

static gboolean
check_field (const BfFieldDef *field, gpointer record, const BfCheckContext *context,
             GError **error)
{
  if (field_is_string (field))
    {
      char **slot = (char **) FIELD_PTR (record, field);

      if (*slot != NULL && field->type != BF_FIELD_TEXT)
        g_strstrip (*slot);
      if (*slot != NULL && field->type == BF_FIELD_TEXT)
        {
          /* Names copied from spreadsheets carry stray spaces; keep inner ones. */
          g_strstrip (*slot);
          if (strlen (*slot) > MAX_TEXT_BYTES)
            {
              g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                           _("%s: the text is too long (%zu bytes; at most %d)"),
                           _(field->label), strlen (*slot), MAX_TEXT_BYTES);
              return FALSE;
            }
        }
      if (*slot != NULL && **slot == '\0')
        g_clear_pointer (slot, g_free);
      if (*slot == NULL)
        {
          if (field->flags & BF_FIELD_REQUIRED)
            {
              g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY,
                           _("%s must not be empty"), _(field->label));
              return FALSE;
            }
          return TRUE;
        }
    }

  switch (field->type)
    {
    case BF_FIELD_TEXT:
      return TRUE;
    case BF_FIELD_DATE:
      return check_date (field, STR_AT (record, field), context, error);
    case BF_FIELD_REF:
      if (!bf_uuid_is_valid (STR_AT (record, field)))
        return fail_form (field, STR_AT (record, field), error);
      return TRUE;
    case BF_FIELD_IDNUM:
      {
        char *canonical = bf_id_number_normalize (STR_AT (record, field), &context->today, NULL,
                                                  error);
        if (canonical == NULL)
          return FALSE;
        g_free (STR_AT (record, field));
        STR_AT (record, field) = canonical;
        return TRUE;
      }
    case BF_FIELD_PHONE:
      {
        char *canonical = bf_phone_normalize (STR_AT (record, field), error);
        if (canonical == NULL)
          return FALSE;
        g_free (STR_AT (record, field));
        STR_AT (record, field) = canonical;
        return TRUE;
      }
    case BF_FIELD_INT:
      {
        int v = INT_AT (record, field);
        if ((field->min != 0 || field->max != 0) && (v < field->min || v > field->max) &&
            !(v == 0 && !(field->flags & BF_FIELD_REQUIRED)))
          {
            g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                         _("%s: %d is outside %d–%d"), _(field->label), v, field->min,
                         field->max);
            return FALSE;
          }
        return TRUE;
      }
    case BF_FIELD_BOOL:
    case BF_FIELD_INT64:
      return TRUE;
    case BF_FIELD_MONEY:
      return bf_validate_fen (I64_AT (record, field), context->policy->max_amount_fen,
                              _(field->label), error);
    case BF_FIELD_ENUM:
      {
        int v = INT_AT (record, field);
        if (v < 0 || (guint) v >= count_codes (field->codes))
          {
            g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                         _("%s: %d is not a known value"), _(field->label), v);
            return FALSE;
          }
        return TRUE;
      }
    case BF_FIELD_FLAGS:
      if (UINT_AT (record, field) >> count_codes (field->codes))
        {
          g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE,
                       _("%s: unknown kinds in the set"), _(field->label));
          return FALSE;
        }
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
bf_record_check (BfEntityKind kind, gpointer record, const BfCheckContext *context,
                 GError **error)
{
  const BfEntityDef *def = bf_entity_def (kind);

  if (!bf_uuid_is_valid (bf_record_id (record)))
    {
      g_set_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT,
                   _("“%s” is not a valid record id"),
                   bf_record_id (record) ? bf_record_id (record) : "");
      return FALSE;
    }
  for (guint i = 0; i < def->n_fields; i++)
    if (!check_field (&def->fields[i], record, context, error))
      return FALSE;
  if (def->check != NULL && !def->check (record, error))
    return FALSE;
  return TRUE;
}

static void
member_warnings (const BfMember *member, GPtrArray *warnings)
{
  BfIdInfo info;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;

  if (member->id_number == NULL)
    return;
  canonical = bf_id_number_normalize (member->id_number, NULL, &info, &error);
  if (canonical == NULL)
    return;
  if ((member->sex == BF_SEX_MALE) != info.male)
    g_ptr_array_add (warnings,
                     g_strdup_printf (_("%s: the ID number %s belongs to a %s, but the sex is "
                                        "recorded as %s"),
                                      member->name ? member->name : "", canonical,
                                      info.male ? _("man") : _("woman"),
                                      member->sex == BF_SEX_MALE ? _("male") : _("female")));
  if (member->birth_date != NULL)
    {
      char from_id[11];
      g_snprintf (from_id, sizeof from_id, "%04d-%02d-%02d", g_date_get_year (&info.birth),
                  g_date_get_month (&info.birth), g_date_get_day (&info.birth));
      if (strcmp (from_id, member->birth_date) != 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("%s: the ID number says born %s, but the birth date "
                                            "is recorded as %s"),
                                          member->name ? member->name : "", from_id,
                                          member->birth_date));
    }
}

GPtrArray *
bf_record_warnings (BfEntityKind kind, gconstpointer record)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  if (kind == BF_ENTITY_MEMBER)
    member_warnings (record, warnings);
  return warnings;
}

JsonObject *
bf_record_to_json (BfEntityKind kind, gconstpointer record)
{
  const BfEntityDef *def = bf_entity_def (kind);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", bf_record_id (record));
  for (guint i = 0; i < def->n_fields; i++)
    {
      const BfFieldDef *field = &def->fields[i];
      switch (field->type)
        {
        case BF_FIELD_INT:
          json_object_set_int_member (object, field->name, INT_AT (record, field));
          break;
        case BF_FIELD_MONEY:
        case BF_FIELD_INT64:
          json_object_set_int_member (object, field->name, I64_AT (record, field));
          break;
        case BF_FIELD_BOOL:
          json_object_set_boolean_member (object, field->name, INT_AT (record, field) != 0);
          break;
        default:
          {
            g_autofree char *text = bf_record_get_text (field, record);
            if (text == NULL)
              json_object_set_null_member (object, field->name);
            else
              json_object_set_string_member (object, field->name, text);
          }
        }
    }
  return object;
}
