/* bf-validate.h: checks on what people type — ID numbers, money, dates, phone numbers.
 *
 * Every failure is a GError in BF_VALIDATE_ERROR whose translatable message names the
 * field (the caller passes its already-translated label) and the value that was refused.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BF_VALIDATE_ERROR (bf_validate_error_quark ())

typedef enum {
  BF_VALIDATE_ERROR_EMPTY,        /* a required value is missing */
  BF_VALIDATE_ERROR_FORMAT,       /* wrong characters or wrong length */
  BF_VALIDATE_ERROR_OLD_ID,       /* a 15-digit first-generation ID card number */
  BF_VALIDATE_ERROR_CHECK_DIGIT,  /* GB 11643 check digit does not match */
  BF_VALIDATE_ERROR_AREA,         /* the area code cannot be a Chinese administrative division */
  BF_VALIDATE_ERROR_BIRTH_DATE,   /* no such date, in the future, or implausibly old */
  BF_VALIDATE_ERROR_RANGE,        /* a number or date outside what is allowed */
  BF_VALIDATE_ERROR_DATE,         /* not a calendar date */
  BF_VALIDATE_ERROR_PHONE,        /* not a mainland mobile or landline number */
} BfValidateError;

GQuark bf_validate_error_quark (void);

/* What an 18-digit resident ID number says about its holder. */
typedef struct {
  char    area[7];     /* the 6-digit administrative division code */
  GDate   birth;       /* a valid date */
  gboolean male;       /* the 17th digit is odd */
} BfIdInfo;

/* Validates a resident ID number (居民身份证号码, GB 11643-1999).
 * Accepts what people really type: surrounding spaces, spaces in groups, full-width digits,
 * a lower-case x. Refuses 15-digit numbers with a message that says they must be the new
 * 18-digit number. @today bounds the birth date (NULL means the real today, Asia/Shanghai).
 * Returns the canonical form (18 characters, upper-case X) or NULL with @error set.
 * @info may be NULL. */
char *bf_id_number_normalize (const char  *input,
                              const GDate *today,
                              BfIdInfo    *info,
                              GError     **error);

/* The GB 11643 check character ('0'..'9' or 'X') for the first 17 digits of @digits17. */
char bf_id_number_check_char (const char *digits17);

/* Parses an amount of money typed in yuan ("1234.5", "1,234.50", "¥200", "200元")
 * into integer fen. Refuses negatives, more than two decimals, and anything above @max_fen.
 * @field is the translated field label used in messages. */
gboolean bf_parse_yuan (const char *text,
                        gint64      max_fen,
                        const char *field,
                        gint64     *out_fen,
                        GError    **error);

/* Money already in fen must be >= 0 and <= @max_fen. */
gboolean bf_validate_fen (gint64      fen,
                          gint64      max_fen,
                          const char *field,
                          GError    **error);

/* Parses an ISO calendar date "YYYY-MM-DD" (strict: zero-padded, a real date). */
gboolean bf_parse_date (const char *iso,
                        const char *field,
                        GDate      *out,
                        GError    **error);

/* A date as a user types it: ISO, or the Chinese form "2017年3月5日". */
gboolean bf_parse_date_typed (const char *text,
                              const char *field,
                              GDate      *out,
                              GError    **error);

/* Checks min <= date <= max; either bound may be NULL. The message names the bound. */
gboolean bf_validate_date_between (const GDate *date,
                                   const GDate *min,
                                   const GDate *max,
                                   const char  *field,
                                   GError     **error);

/* Today's date in China Standard Time (Asia/Shanghai), whatever the machine's zone. */
void bf_today (GDate *out);

/* Validates a mainland phone number: an 11-digit mobile (1[3-9]xxxxxxxxx, optional +86 / 86
 * prefix) or a landline with area code (0763-1234567, 07631234567, with optional extension
 * is refused). Spaces and dashes are allowed in the input. Returns the normalised form
 * (mobile: 11 digits; landline: "0763-1234567") or NULL with @error set. */
char *bf_phone_normalize (const char *input,
                          GError    **error);

G_END_DECLS
